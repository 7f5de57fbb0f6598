ALTER TABLE contracts ADD COLUMN notice_months INTEGER CHECK (notice_months IS NULL OR notice_months >= 1);
ALTER TABLE contracts ADD COLUMN notice_given_on TEXT
    CHECK (notice_given_on IS NULL OR (date(notice_given_on) = notice_given_on AND notice_months IS NOT NULL));
ALTER TABLE contracts ADD COLUMN stage_payments TEXT NOT NULL DEFAULT '';
