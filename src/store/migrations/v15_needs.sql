CREATE TABLE needs_assessments (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    placement_id  INTEGER NOT NULL REFERENCES placements (id),
    assessed_on   TEXT NOT NULL CHECK (date(assessed_on) = assessed_on),
    occasion      TEXT NOT NULL CHECK (occasion IN ('placement', 'review')),
    assessor      TEXT NOT NULL,
    scores        TEXT NOT NULL
);
CREATE UNIQUE INDEX needs_assessments_one ON needs_assessments (placement_id, assessed_on);
CREATE TRIGGER stamp_needs_assessments_insert AFTER INSERT ON needs_assessments BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_needs_assessments_update AFTER UPDATE ON needs_assessments BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_needs_assessments_delete AFTER DELETE ON needs_assessments BEGIN UPDATE data_stamp SET n = n + 1; END;
