CREATE TABLE decommissioning_reviews (
    id             INTEGER PRIMARY KEY,
    version        INTEGER NOT NULL DEFAULT 1,
    setting_id     INTEGER NOT NULL REFERENCES settings (id),
    -- The inspection that opened it; kept as a number so that deleting an
    -- inspection entered by mistake leaves the review's record of it.
    inspection_id  INTEGER NOT NULL,
    from_judgement TEXT NOT NULL,
    to_judgement   TEXT NOT NULL,
    inspected_on   TEXT NOT NULL CHECK (date(inspected_on) = inspected_on),
    opened_on      TEXT NOT NULL CHECK (date(opened_on) = opened_on),
    children       INTEGER NOT NULL CHECK (children >= 0),
    notify_owner   TEXT NOT NULL,
    notify_due     TEXT NOT NULL CHECK (date(notify_due) = notify_due),
    notify_done    TEXT CHECK (notify_done IS NULL OR date(notify_done) = notify_done),
    visit_owner    TEXT NOT NULL,
    visit_due      TEXT NOT NULL CHECK (date(visit_due) = visit_due),
    visit_done     TEXT CHECK (visit_done IS NULL OR date(visit_done) = visit_done),
    review_owner   TEXT NOT NULL,
    review_due     TEXT NOT NULL CHECK (date(review_due) = review_due),
    review_done    TEXT CHECK (review_done IS NULL OR date(review_done) = review_done),
    decide_owner   TEXT NOT NULL,
    decide_due     TEXT NOT NULL CHECK (date(decide_due) = decide_due),
    decided_on     TEXT CHECK (decided_on IS NULL OR date(decided_on) = decided_on),
    decision       TEXT CHECK (decision IS NULL OR decision IN ('continue_with_plan', 'placement_stop', 'end_contract')),
    note           TEXT NOT NULL DEFAULT '',
    CHECK ((decision IS NULL) = (decided_on IS NULL))
);
CREATE UNIQUE INDEX decommissioning_reviews_one ON decommissioning_reviews (inspection_id);
CREATE INDEX decommissioning_reviews_setting ON decommissioning_reviews (setting_id);
CREATE TRIGGER stamp_decommissioning_insert AFTER INSERT ON decommissioning_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_decommissioning_update AFTER UPDATE ON decommissioning_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_decommissioning_delete AFTER DELETE ON decommissioning_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
