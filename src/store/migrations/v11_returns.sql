CREATE TABLE provider_returns (
    id                  INTEGER PRIMARY KEY,
    version             INTEGER NOT NULL DEFAULT 1,
    kind                TEXT NOT NULL CHECK (kind IN ('self_assessment', 'supported_accommodation', 'fostering_review')),
    provider_id         INTEGER NOT NULL REFERENCES providers (id),
    setting_id          INTEGER REFERENCES settings (id),
    period              TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
    received_on         TEXT NOT NULL CHECK (date(received_on) = received_on),
    grades              TEXT NOT NULL DEFAULT '',
    strengths           TEXT NOT NULL DEFAULT '',
    improvements        TEXT NOT NULL DEFAULT '',
    response            TEXT NOT NULL DEFAULT '',
    places              INTEGER CHECK (places IS NULL OR places >= 0),
    occupied            INTEGER CHECK (occupied IS NULL OR occupied >= 0),
    safeguarding_issues INTEGER CHECK (safeguarding_issues IS NULL OR safeguarding_issues >= 0),
    safeguarding        TEXT NOT NULL DEFAULT '',
    interagency         TEXT NOT NULL DEFAULT '',
    feedback            TEXT NOT NULL DEFAULT '',
    breakdowns          INTEGER CHECK (breakdowns IS NULL OR breakdowns >= 0),
    disruptions         INTEGER CHECK (disruptions IS NULL OR disruptions >= 0),
    outcomes            TEXT NOT NULL DEFAULT '',
    contract_issues     TEXT NOT NULL DEFAULT '',
    market_gaps         TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'self_assessment') = (setting_id IS NOT NULL)),
    CHECK ((kind = 'self_assessment') = (period NOT GLOB '*-Q*'))
);
CREATE UNIQUE INDEX provider_returns_one ON provider_returns (kind, provider_id, COALESCE(setting_id, 0), period);
CREATE TRIGGER stamp_provider_returns_insert AFTER INSERT ON provider_returns BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_provider_returns_update AFTER UPDATE ON provider_returns BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_provider_returns_delete AFTER DELETE ON provider_returns BEGIN UPDATE data_stamp SET n = n + 1; END;
