CREATE TABLE outcomes (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    placement_id  INTEGER NOT NULL REFERENCES placements (id),
    what          TEXT NOT NULL,
    measure       TEXT NOT NULL,
    agreed_on     TEXT NOT NULL CHECK (date(agreed_on) = agreed_on),
    target_on     TEXT NOT NULL CHECK (date(target_on) = target_on),
    stage         INTEGER NOT NULL CHECK (stage >= 1),
    payment_pence INTEGER NOT NULL CHECK (payment_pence >= 0),
    met_on        TEXT CHECK (met_on IS NULL OR date(met_on) = met_on),
    evidence      TEXT NOT NULL DEFAULT '',
    paid_on       TEXT CHECK (paid_on IS NULL OR date(paid_on) = paid_on),
    CHECK (paid_on IS NULL OR met_on IS NOT NULL)
);
CREATE UNIQUE INDEX outcomes_one ON outcomes (placement_id, what, agreed_on);
CREATE TRIGGER stamp_outcomes_insert AFTER INSERT ON outcomes BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_outcomes_update AFTER UPDATE ON outcomes BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_outcomes_delete AFTER DELETE ON outcomes BEGIN UPDATE data_stamp SET n = n + 1; END;
