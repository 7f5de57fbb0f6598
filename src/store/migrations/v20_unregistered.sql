CREATE TABLE unregistered_placements (
    id                     INTEGER PRIMARY KEY,
    version                INTEGER NOT NULL DEFAULT 1,
    provider_id            INTEGER NOT NULL REFERENCES providers (id),
    address                TEXT NOT NULL,
    child_ref              TEXT NOT NULL,
    start_date             TEXT NOT NULL CHECK (date(start_date) = start_date),
    end_date               TEXT CHECK (end_date IS NULL OR (date(end_date) = end_date AND end_date >= start_date)),
    reason                 TEXT NOT NULL CHECK (trim(reason) <> ''),
    deprivation_of_liberty INTEGER NOT NULL CHECK (deprivation_of_liberty IN (0, 1)),
    court                  TEXT NOT NULL DEFAULT '',
    order_on               TEXT CHECK (order_on IS NULL OR date(order_on) = order_on),
    approved_by            TEXT NOT NULL CHECK (trim(approved_by) <> ''),
    approved_on            TEXT NOT NULL CHECK (date(approved_on) = approved_on),
    ofsted_notified_on     TEXT CHECK (ofsted_notified_on IS NULL OR date(ofsted_notified_on) = ofsted_notified_on),
    applied_on             TEXT CHECK (applied_on IS NULL OR date(applied_on) = applied_on),
    application            TEXT NOT NULL DEFAULT '',
    weekly_cost_pence      INTEGER NOT NULL CHECK (weekly_cost_pence > 0)
);
CREATE UNIQUE INDEX unregistered_one ON unregistered_placements (child_ref, start_date);
CREATE TABLE unregistered_reviews (
    id              INTEGER PRIMARY KEY,
    version         INTEGER NOT NULL DEFAULT 1,
    unregistered_id INTEGER NOT NULL REFERENCES unregistered_placements (id),
    reviewed_on     TEXT NOT NULL CHECK (date(reviewed_on) = reviewed_on),
    reviewed_by     TEXT NOT NULL,
    note            TEXT NOT NULL
);
CREATE UNIQUE INDEX unregistered_reviews_one ON unregistered_reviews (unregistered_id, reviewed_on);
CREATE TRIGGER stamp_unregistered_placements_insert AFTER INSERT ON unregistered_placements BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_unregistered_placements_update AFTER UPDATE ON unregistered_placements BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_unregistered_placements_delete AFTER DELETE ON unregistered_placements BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_unregistered_reviews_insert AFTER INSERT ON unregistered_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_unregistered_reviews_update AFTER UPDATE ON unregistered_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_unregistered_reviews_delete AFTER DELETE ON unregistered_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
