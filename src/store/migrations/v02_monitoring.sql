ALTER TABLE settings ADD COLUMN monitoring_since TEXT
    CHECK (monitoring_since IS NULL OR date(monitoring_since) = monitoring_since);
ALTER TABLE settings ADD COLUMN enforcement TEXT
    CHECK (enforcement IN ('compliance_notice', 'restriction', 'suspension', 'cancellation'));
ALTER TABLE settings ADD COLUMN enforcement_since TEXT
    CHECK (enforcement_since IS NULL OR date(enforcement_since) = enforcement_since);
ALTER TABLE settings ADD COLUMN low_risk TEXT CHECK (low_risk IN ('quality', 'value'));
ALTER TABLE settings ADD COLUMN low_risk_on TEXT CHECK (low_risk_on IS NULL OR date(low_risk_on) = low_risk_on);

-- When the council learned of the judgement (publication), which starts the
-- tier-1 response window; NULL reads as the inspection date.
ALTER TABLE inspections ADD COLUMN recorded_on TEXT CHECK (recorded_on IS NULL OR date(recorded_on) = recorded_on);

CREATE TABLE visits (
    id             INTEGER PRIMARY KEY,
    version        INTEGER NOT NULL DEFAULT 1,
    setting_id     INTEGER REFERENCES settings (id),
    provider_id    INTEGER REFERENCES providers (id),
    kind           TEXT NOT NULL CHECK (kind IN ('monitoring', 'unannounced', 'contract_meeting', 'cluster', 'desktop_review')),
    planned_date   TEXT NOT NULL CHECK (date(planned_date) = planned_date),
    completed_date TEXT CHECK (completed_date IS NULL
                       OR (date(completed_date) = completed_date AND completed_date >= planned_date)),
    officer        TEXT NOT NULL CHECK (length(trim(officer)) > 0),
    outcome        TEXT CHECK (outcome IN ('good', 'adequate', 'concerns', 'serious_concerns')),
    notes          TEXT NOT NULL DEFAULT '',
    follow_up      TEXT NOT NULL DEFAULT '',
    trip           TEXT,
    CHECK ((setting_id IS NULL) <> (provider_id IS NULL)),
    CHECK ((completed_date IS NULL) = (outcome IS NULL))
);
CREATE INDEX visits_setting ON visits (setting_id, completed_date);
CREATE INDEX visits_provider ON visits (provider_id);
CREATE INDEX visits_planned ON visits (planned_date) WHERE completed_date IS NULL;

CREATE TABLE tier_overrides (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    setting_id INTEGER NOT NULL REFERENCES settings (id),
    tier       INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 4),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    set_on     TEXT NOT NULL CHECK (date(set_on) = set_on),
    expires    TEXT NOT NULL CHECK (date(expires) = expires AND expires > set_on)
);
CREATE INDEX tier_overrides_setting ON tier_overrides (setting_id, expires);
