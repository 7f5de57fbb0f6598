CREATE TABLE panel_cases (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    month         TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    provider_id   INTEGER NOT NULL REFERENCES providers (id),
    child_ref     TEXT NOT NULL,
    risk          TEXT NOT NULL CHECK (risk IN ('eviction', 'non_engagement', 'missing', 'exploitation', 'other')),
    details       TEXT NOT NULL DEFAULT '',
    package       TEXT NOT NULL CHECK (length(trim(package)) > 0),
    outcome       TEXT CHECK (outcome IN ('settled', 'continuing', 'moved', 'evicted', 'other')),
    outcome_month TEXT CHECK (outcome_month IS NULL OR outcome_month > month),
    outcome_note  TEXT NOT NULL DEFAULT '',
    CHECK ((outcome IS NULL) = (outcome_month IS NULL)),
    UNIQUE (month, provider_id, child_ref)
);
CREATE INDEX panel_cases_month ON panel_cases (month);
CREATE TRIGGER stamp_panel_cases_insert AFTER INSERT ON panel_cases BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_panel_cases_update AFTER UPDATE ON panel_cases BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_panel_cases_delete AFTER DELETE ON panel_cases BEGIN UPDATE data_stamp SET n = n + 1; END;
