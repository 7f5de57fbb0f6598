CREATE TABLE inspections_v9 (
    id              INTEGER PRIMARY KEY,
    version         INTEGER NOT NULL DEFAULT 1,
    setting_id      INTEGER NOT NULL REFERENCES settings (id),
    inspection_date TEXT NOT NULL CHECK (date(inspection_date) = inspection_date),
    kind            TEXT NOT NULL CHECK (kind IN ('full', 'interim', 'monitoring', 'assurance')),
    framework       TEXT NOT NULL CHECK (framework IN ('sccif', 'before_2017', 'supported_accommodation')),
    overall         TEXT CHECK (overall IN ('outstanding', 'good', 'requires_improvement', 'inadequate', 'consistently_strong', 'inconsistent', 'serious_weaknesses', 'adequate', 'satisfactory')),
    protection      TEXT CHECK (protection IN ('outstanding', 'good', 'requires_improvement', 'inadequate', 'consistently_strong', 'inconsistent', 'serious_weaknesses', 'adequate', 'satisfactory')),
    leadership      TEXT CHECK (leadership IN ('outstanding', 'good', 'requires_improvement', 'inadequate', 'consistently_strong', 'inconsistent', 'serious_weaknesses', 'adequate', 'satisfactory')),
    outcomes        TEXT CHECK (outcomes IN ('outstanding', 'good', 'requires_improvement', 'inadequate', 'consistently_strong', 'inconsistent', 'serious_weaknesses', 'adequate', 'satisfactory')),
    care            TEXT CHECK (care IN ('outstanding', 'good', 'requires_improvement', 'inadequate', 'consistently_strong', 'inconsistent', 'serious_weaknesses', 'adequate', 'satisfactory')),
    safeguarding    TEXT CHECK (safeguarding IN ('outstanding', 'good', 'requires_improvement', 'inadequate', 'consistently_strong', 'inconsistent', 'serious_weaknesses', 'adequate', 'satisfactory')),
    management      TEXT CHECK (management IN ('outstanding', 'good', 'requires_improvement', 'inadequate', 'consistently_strong', 'inconsistent', 'serious_weaknesses', 'adequate', 'satisfactory')),
    education       TEXT CHECK (education IN ('outstanding', 'good', 'requires_improvement', 'inadequate', 'consistently_strong', 'inconsistent', 'serious_weaknesses', 'adequate', 'satisfactory')),
    health          TEXT CHECK (health IN ('outstanding', 'good', 'requires_improvement', 'inadequate', 'consistently_strong', 'inconsistent', 'serious_weaknesses', 'adequate', 'satisfactory')),
    event_ref       TEXT,
    recorded_on     TEXT CHECK (recorded_on IS NULL OR date(recorded_on) = recorded_on),
    CHECK (kind <> 'full' OR overall IS NOT NULL)
);
INSERT INTO inspections_v9 (id, version, setting_id, inspection_date, kind, framework, overall, protection,
                            leadership, event_ref, recorded_on)
SELECT id, version, setting_id, inspection_date, kind,
       CASE WHEN COALESCE(overall, experiences) IN ('consistently_strong', 'inconsistent', 'serious_weaknesses')
                THEN 'supported_accommodation'
            WHEN experiences IS NULL AND inspection_date < '2017-04-01' THEN 'before_2017'
            ELSE 'sccif' END,
       COALESCE(overall, experiences), protection, leadership, event_ref, recorded_on
FROM inspections;
DROP TABLE inspections;
ALTER TABLE inspections_v9 RENAME TO inspections;
CREATE INDEX inspections_setting_date ON inspections (setting_id, inspection_date);
CREATE TRIGGER stamp_inspections_insert AFTER INSERT ON inspections BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_inspections_update AFTER UPDATE ON inspections BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_inspections_delete AFTER DELETE ON inspections BEGIN UPDATE data_stamp SET n = n + 1; END;

CREATE TABLE ofsted_listings (
    setting_id INTEGER PRIMARY KEY REFERENCES settings (id),
    as_at      TEXT NOT NULL CHECK (date(as_at) = as_at)
);
CREATE TRIGGER stamp_ofsted_listings_insert AFTER INSERT ON ofsted_listings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_ofsted_listings_update AFTER UPDATE ON ofsted_listings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_ofsted_listings_delete AFTER DELETE ON ofsted_listings BEGIN UPDATE data_stamp SET n = n + 1; END;
