CREATE TABLE practitioner_feedback (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    provider_id   INTEGER NOT NULL REFERENCES providers (id),
    quarter       TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
    child_ref     TEXT NOT NULL,
    practitioner  TEXT NOT NULL CHECK (practitioner IN ('social_worker', 'iro')),
    given_on      TEXT NOT NULL CHECK (date(given_on) = given_on),
    communication INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 5),
    stability     INTEGER NOT NULL CHECK (stability BETWEEN 1 AND 5),
    needs         INTEGER NOT NULL CHECK (needs BETWEEN 1 AND 5),
    comment       TEXT NOT NULL DEFAULT '',
    UNIQUE (provider_id, quarter, child_ref, practitioner)
);
CREATE TRIGGER stamp_practitioner_feedback_insert AFTER INSERT ON practitioner_feedback BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_practitioner_feedback_update AFTER UPDATE ON practitioner_feedback BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_practitioner_feedback_delete AFTER DELETE ON practitioner_feedback BEGIN UPDATE data_stamp SET n = n + 1; END;
