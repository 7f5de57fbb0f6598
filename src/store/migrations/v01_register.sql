CREATE TABLE providers (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL DEFAULT 1,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    contact     TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    archived_on TEXT CHECK (archived_on IS NULL OR date(archived_on) = archived_on)
);
CREATE UNIQUE INDEX providers_name ON providers (name COLLATE NOCASE);

CREATE TABLE settings (
    id                 INTEGER PRIMARY KEY,
    version            INTEGER NOT NULL DEFAULT 1,
    provider_id        INTEGER NOT NULL REFERENCES providers (id),
    urn                TEXT UNIQUE CHECK (urn IS NULL
                           OR urn GLOB 'SC[0-9][0-9][0-9][0-9][0-9][0-9]'
                           OR urn GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind               TEXT NOT NULL CHECK (kind IN ('childrens_home', 'fostering_agency',
                           'supported_accommodation', 'residential_special_school',
                           'secure_childrens_home', 'other')),
    registered_manager TEXT,
    places             INTEGER CHECK (places IS NULL OR places >= 0),
    town               TEXT NOT NULL DEFAULT '',
    local_authority    TEXT NOT NULL,
    region             TEXT NOT NULL DEFAULT '',
    in_area            INTEGER NOT NULL CHECK (in_area IN (0, 1)),
    distance_miles     INTEGER CHECK (distance_miles IS NULL OR distance_miles >= 0),
    registration       TEXT NOT NULL DEFAULT 'active'
                           CHECK (registration IN ('active', 'suspended', 'closed')),
    archived_on        TEXT CHECK (archived_on IS NULL OR date(archived_on) = archived_on)
);
CREATE INDEX settings_provider ON settings (provider_id);

CREATE TABLE contracts (
    id                 INTEGER PRIMARY KEY,
    version            INTEGER NOT NULL DEFAULT 1,
    provider_id        INTEGER NOT NULL REFERENCES providers (id),
    reference          TEXT NOT NULL CHECK (length(trim(reference)) > 0),
    kind               TEXT NOT NULL CHECK (kind IN ('block', 'framework', 'spot', 'dps')),
    title              TEXT NOT NULL DEFAULT '',
    start_date         TEXT NOT NULL CHECK (date(start_date) = start_date),
    end_date           TEXT CHECK (end_date IS NULL OR (date(end_date) = end_date AND end_date >= start_date)),
    annual_value_pence INTEGER NOT NULL CHECK (annual_value_pence >= 0)
);
CREATE UNIQUE INDEX contracts_reference ON contracts (reference COLLATE NOCASE);
CREATE INDEX contracts_provider ON contracts (provider_id);

CREATE TABLE inspections (
    id              INTEGER PRIMARY KEY,
    version         INTEGER NOT NULL DEFAULT 1,
    setting_id      INTEGER NOT NULL REFERENCES settings (id),
    inspection_date TEXT NOT NULL CHECK (date(inspection_date) = inspection_date),
    kind            TEXT NOT NULL CHECK (kind IN ('full', 'interim', 'monitoring', 'assurance')),
    overall         TEXT CHECK (overall IN ('outstanding', 'good', 'requires_improvement', 'inadequate',
                        'consistently_strong', 'inconsistent', 'serious_weaknesses')),
    experiences     TEXT CHECK (experiences IN ('outstanding', 'good', 'requires_improvement', 'inadequate',
                        'consistently_strong', 'inconsistent', 'serious_weaknesses')),
    protection      TEXT CHECK (protection IN ('outstanding', 'good', 'requires_improvement', 'inadequate',
                        'consistently_strong', 'inconsistent', 'serious_weaknesses')),
    leadership      TEXT CHECK (leadership IN ('outstanding', 'good', 'requires_improvement', 'inadequate',
                        'consistently_strong', 'inconsistent', 'serious_weaknesses')),
    event_ref       TEXT,
    CHECK (kind <> 'full' OR overall IS NOT NULL)
);
CREATE INDEX inspections_setting_date ON inspections (setting_id, inspection_date);

CREATE TABLE placements (
    id                INTEGER PRIMARY KEY,
    version           INTEGER NOT NULL DEFAULT 1,
    child_ref         TEXT NOT NULL CHECK (length(child_ref) BETWEEN 3 AND 16),
    setting_id        INTEGER NOT NULL REFERENCES settings (id),
    contract_id       INTEGER REFERENCES contracts (id),
    start_date        TEXT NOT NULL CHECK (date(start_date) = start_date),
    end_date          TEXT CHECK (end_date IS NULL OR (date(end_date) = end_date AND end_date >= start_date)),
    weekly_cost_pence INTEGER NOT NULL CHECK (weekly_cost_pence >= 0),
    distance_miles    INTEGER CHECK (distance_miles IS NULL OR distance_miles >= 0)
);
CREATE INDEX placements_setting ON placements (setting_id, start_date);
CREATE INDEX placements_contract ON placements (contract_id);

-- Every change made by a person or an import: who, when, what, before and after.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user      TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
