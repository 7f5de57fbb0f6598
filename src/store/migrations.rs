//! Schema versions, applied in order by rusqlite_migration. Never edit a
//! migration that has shipped: add a new one.

use rusqlite_migration::{M, Migrations};

const V1_REGISTER: &str = r#"
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
"#;

const V2_MONITORING: &str = r#"
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
"#;

const V3_REG44: &str = r#"
-- When a home opened and closed: it owes Reg 44 reports for the whole months between.
ALTER TABLE settings ADD COLUMN opened_on TEXT CHECK (opened_on IS NULL OR date(opened_on) = opened_on);
ALTER TABLE settings ADD COLUMN closed_on TEXT CHECK (closed_on IS NULL OR date(closed_on) = closed_on);

CREATE TABLE reg44_reports (
    id                     INTEGER PRIMARY KEY,
    version                INTEGER NOT NULL DEFAULT 1,
    setting_id             INTEGER NOT NULL REFERENCES settings (id),
    month                  TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    visit_date             TEXT NOT NULL CHECK (date(visit_date) = visit_date),
    received_on            TEXT NOT NULL CHECK (date(received_on) = received_on AND received_on >= visit_date),
    visitor                TEXT NOT NULL CHECK (length(trim(visitor)) > 0),
    safeguarded            TEXT NOT NULL CHECK (safeguarded IN ('yes', 'concerns', 'no')),
    wellbeing              TEXT NOT NULL CHECK (wellbeing IN ('yes', 'concerns', 'no')),
    children_resident      INTEGER NOT NULL CHECK (children_resident >= 0),
    missing_episodes       INTEGER NOT NULL CHECK (missing_episodes >= 0),
    physical_interventions INTEGER NOT NULL CHECK (physical_interventions >= 0),
    police_callouts        INTEGER NOT NULL CHECK (police_callouts >= 0),
    complaints             INTEGER NOT NULL CHECK (complaints >= 0),
    manager_in_post        INTEGER NOT NULL CHECK (manager_in_post IN (0, 1)),
    summary                TEXT NOT NULL DEFAULT '',
    reviewed_by            TEXT,
    reviewed_on            TEXT CHECK (reviewed_on IS NULL OR date(reviewed_on) = reviewed_on),
    review_note            TEXT NOT NULL DEFAULT '',
    UNIQUE (setting_id, month)
);
CREATE INDEX reg44_reports_month ON reg44_reports (month);

CREATE TABLE reg44_findings (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    report_id  INTEGER NOT NULL REFERENCES reg44_reports (id),
    standard   TEXT NOT NULL CHECK (standard IN ('reg6', 'reg7', 'reg8', 'reg9', 'reg10', 'reg11', 'reg12', 'reg13', 'reg14', 'other')),
    severity   TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'serious')),
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    status     TEXT NOT NULL CHECK (status IN ('open', 'actioned', 'closed')),
    closed_on  TEXT CHECK (closed_on IS NULL OR date(closed_on) = closed_on),
    CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX reg44_findings_report ON reg44_findings (report_id);
"#;

const V4_ACTIONS: &str = r#"
CREATE TABLE concerns (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL DEFAULT 1,
    setting_id   INTEGER REFERENCES settings (id),
    provider_id  INTEGER NOT NULL REFERENCES providers (id),
    raised_on    TEXT NOT NULL CHECK (date(raised_on) = raised_on),
    source       TEXT NOT NULL CHECK (source IN ('complaint', 'social_worker', 'iro', 'reg44', 'ofsted', 'police', 'visit', 'other')),
    category     TEXT NOT NULL CHECK (category IN ('safeguarding', 'quality_of_care', 'staffing', 'premises', 'management', 'records', 'contract', 'other')),
    severity     TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    description  TEXT NOT NULL CHECK (length(trim(description)) > 0),
    status       TEXT NOT NULL CHECK (status IN ('open', 'escalated', 'closed')),
    escalated_on TEXT CHECK (escalated_on IS NULL OR date(escalated_on) = escalated_on),
    spc_outcome  TEXT CHECK (spc_outcome IN ('closed', 'stop_issued', 'decommissioned')),
    closed_on    TEXT CHECK (closed_on IS NULL OR date(closed_on) = closed_on),
    outcome      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX concerns_provider ON concerns (provider_id, status);

CREATE TABLE strategy_meetings (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    concern_id INTEGER NOT NULL REFERENCES concerns (id),
    held_on    TEXT NOT NULL CHECK (date(held_on) = held_on),
    attendees  TEXT NOT NULL,
    decisions  TEXT NOT NULL
);
CREATE INDEX strategy_meetings_concern ON strategy_meetings (concern_id);

CREATE TABLE plans (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL DEFAULT 1,
    setting_id   INTEGER REFERENCES settings (id),
    provider_id  INTEGER NOT NULL REFERENCES providers (id),
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    source       TEXT NOT NULL CHECK (source IN ('visit', 'inspection', 'reg44', 'concern', 'stop', 'other')),
    source_id    INTEGER,
    requested_on TEXT NOT NULL CHECK (date(requested_on) = requested_on),
    due_back     TEXT NOT NULL CHECK (date(due_back) = due_back AND due_back >= requested_on),
    status       TEXT NOT NULL CHECK (status IN ('requested', 'received', 'agreed', 'monitoring', 'completed', 'escalated')),
    status_on    TEXT NOT NULL CHECK (date(status_on) = status_on)
);
CREATE INDEX plans_provider ON plans (provider_id, status);

CREATE TABLE plan_actions (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL DEFAULT 1,
    plan_id      INTEGER NOT NULL REFERENCES plans (id),
    description  TEXT NOT NULL CHECK (length(trim(description)) > 0),
    owner        TEXT NOT NULL,
    due_on       TEXT NOT NULL CHECK (date(due_on) = due_on),
    status       TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done')),
    evidence     TEXT NOT NULL DEFAULT '',
    completed_on TEXT CHECK (completed_on IS NULL OR date(completed_on) = completed_on),
    CHECK ((status = 'done') = (completed_on IS NOT NULL))
);
CREATE INDEX plan_actions_plan ON plan_actions (plan_id);

-- Every status a plan has had: its history.
CREATE TABLE plan_events (
    id      INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    status  TEXT NOT NULL,
    on_date TEXT NOT NULL CHECK (date(on_date) = on_date),
    by_user TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_events_plan ON plan_events (plan_id);

CREATE TABLE stops (
    id                  INTEGER PRIMARY KEY,
    version             INTEGER NOT NULL DEFAULT 1,
    setting_id          INTEGER REFERENCES settings (id),
    provider_id         INTEGER NOT NULL REFERENCES providers (id),
    issued_on           TEXT NOT NULL CHECK (date(issued_on) = issued_on),
    issued_by           TEXT NOT NULL,
    reason              TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    concern_id          INTEGER REFERENCES concerns (id),
    visit_id            INTEGER REFERENCES visits (id),
    referrals_withdrawn INTEGER CHECK (referrals_withdrawn IS NULL OR referrals_withdrawn >= 0),
    authorities         TEXT NOT NULL DEFAULT '',
    notified_on         TEXT CHECK (notified_on IS NULL OR date(notified_on) = notified_on),
    concerns_report_on  TEXT CHECK (concerns_report_on IS NULL OR date(concerns_report_on) = concerns_report_on),
    plan_id             INTEGER REFERENCES plans (id),
    review_on           TEXT CHECK (review_on IS NULL OR date(review_on) = review_on),
    outcome             TEXT CHECK (outcome IN ('lifted', 'decommissioned')),
    ended_on            TEXT CHECK (ended_on IS NULL OR (date(ended_on) = ended_on AND ended_on >= issued_on)),
    ended_by            TEXT,
    end_reason          TEXT NOT NULL DEFAULT '',
    lift_conditions     TEXT NOT NULL DEFAULT '',
    CHECK ((outcome IS NULL) = (ended_on IS NULL))
);
CREATE INDEX stops_provider ON stops (provider_id, ended_on);

CREATE TABLE stop_reviews (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL DEFAULT 1,
    stop_id      INTEGER NOT NULL REFERENCES stops (id),
    placement_id INTEGER NOT NULL REFERENCES placements (id),
    reviewed_on  TEXT NOT NULL CHECK (date(reviewed_on) = reviewed_on),
    outcome      TEXT NOT NULL CHECK (outcome IN ('remains', 'moves')),
    note         TEXT NOT NULL DEFAULT '',
    UNIQUE (stop_id, placement_id)
);

-- Stops other authorities issued, read from their notices.
CREATE TABLE external_alerts (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    notice_id     TEXT NOT NULL,
    authority     TEXT NOT NULL,
    urn           TEXT NOT NULL,
    setting_id    INTEGER REFERENCES settings (id),
    setting_name  TEXT NOT NULL DEFAULT '',
    provider_name TEXT NOT NULL DEFAULT '',
    issued_on     TEXT NOT NULL CHECK (date(issued_on) = issued_on),
    reason        TEXT NOT NULL,
    review_on     TEXT CHECK (review_on IS NULL OR date(review_on) = review_on),
    ended_on      TEXT CHECK (ended_on IS NULL OR date(ended_on) = ended_on),
    received_on   TEXT NOT NULL CHECK (date(received_on) = received_on),
    UNIQUE (notice_id, urn)
);
"#;

const V5_BOARD: &str = r#"
-- The QA lead's commentary on a setting for a month's board pack.
CREATE TABLE board_notes (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    month      TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    setting_id INTEGER NOT NULL REFERENCES settings (id),
    text       TEXT NOT NULL,
    UNIQUE (month, setting_id)
);
"#;

const V6_ALERTS: &str = r#"
-- Judgement changes an Ofsted import found, until acknowledged.
CREATE TABLE rating_alerts (
    id              INTEGER PRIMARY KEY,
    version         INTEGER NOT NULL DEFAULT 1,
    setting_id      INTEGER NOT NULL REFERENCES settings (id),
    from_judgement  TEXT NOT NULL,
    to_judgement    TEXT NOT NULL,
    inspected_on    TEXT NOT NULL CHECK (date(inspected_on) = inspected_on),
    raised_on       TEXT NOT NULL CHECK (date(raised_on) = raised_on),
    urgent          INTEGER NOT NULL CHECK (urgent IN (0, 1)),
    acknowledged_on TEXT CHECK (acknowledged_on IS NULL OR date(acknowledged_on) = acknowledged_on),
    acknowledged_by TEXT NOT NULL DEFAULT '',
    UNIQUE (setting_id, inspected_on, to_judgement)
);
CREATE INDEX rating_alerts_open ON rating_alerts (acknowledged_on, setting_id);
"#;

const V7_REPORT_FACTS: &str = r#"
-- Each report's findings summed up, kept by triggers, so that monitoring
-- reads one row per report instead of all its findings.
ALTER TABLE reg44_reports ADD COLUMN finding_standards TEXT NOT NULL DEFAULT '';
ALTER TABLE reg44_reports ADD COLUMN serious_finding INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reg44_reports ADD COLUMN open_findings INTEGER NOT NULL DEFAULT 0;

CREATE VIEW reg44_report_facts AS
SELECT r.id AS report_id,
       COALESCE((SELECT group_concat(standard) FROM (SELECT DISTINCT standard FROM reg44_findings f
                 WHERE f.report_id = r.id ORDER BY standard)), '') AS standards,
       EXISTS (SELECT 1 FROM reg44_findings f WHERE f.report_id = r.id AND f.severity = 'serious') AS serious,
       (SELECT COUNT(*) FROM reg44_findings f WHERE f.report_id = r.id AND f.status <> 'closed') AS open
FROM reg44_reports r;

CREATE TRIGGER reg44_facts_insert AFTER INSERT ON reg44_findings BEGIN
    UPDATE reg44_reports SET (finding_standards, serious_finding, open_findings) =
        (SELECT standards, serious, open FROM reg44_report_facts WHERE report_id = NEW.report_id)
    WHERE id = NEW.report_id;
END;
CREATE TRIGGER reg44_facts_update AFTER UPDATE ON reg44_findings BEGIN
    UPDATE reg44_reports SET (finding_standards, serious_finding, open_findings) =
        (SELECT standards, serious, open FROM reg44_report_facts WHERE report_id = reg44_reports.id)
    WHERE id IN (NEW.report_id, OLD.report_id);
END;
CREATE TRIGGER reg44_facts_delete AFTER DELETE ON reg44_findings BEGIN
    UPDATE reg44_reports SET (finding_standards, serious_finding, open_findings) =
        (SELECT standards, serious, open FROM reg44_report_facts WHERE report_id = OLD.report_id)
    WHERE id = OLD.report_id;
END;

UPDATE reg44_reports SET (finding_standards, serious_finding, open_findings) =
    (SELECT standards, serious, open FROM reg44_report_facts WHERE report_id = reg44_reports.id);
"#;

/// Kept copies of derived figures (see `store::kept`), and the data stamp
/// that says whether a copy is still true: every change to a data table, by
/// Oversight or anything else, moves it on.
const V8_KEPT: &str = r#"
CREATE TABLE data_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO data_stamp (id, n) VALUES (1, 0);
CREATE TABLE kept (
    name TEXT PRIMARY KEY,
    basis TEXT NOT NULL,
    stamp INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE TRIGGER stamp_board_notes_insert AFTER INSERT ON board_notes BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_board_notes_update AFTER UPDATE ON board_notes BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_board_notes_delete AFTER DELETE ON board_notes BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_concerns_insert AFTER INSERT ON concerns BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_concerns_update AFTER UPDATE ON concerns BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_concerns_delete AFTER DELETE ON concerns BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_contracts_insert AFTER INSERT ON contracts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_contracts_update AFTER UPDATE ON contracts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_contracts_delete AFTER DELETE ON contracts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_external_alerts_insert AFTER INSERT ON external_alerts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_external_alerts_update AFTER UPDATE ON external_alerts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_external_alerts_delete AFTER DELETE ON external_alerts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_inspections_insert AFTER INSERT ON inspections BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_inspections_update AFTER UPDATE ON inspections BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_inspections_delete AFTER DELETE ON inspections BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_placements_insert AFTER INSERT ON placements BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_placements_update AFTER UPDATE ON placements BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_placements_delete AFTER DELETE ON placements BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plan_actions_insert AFTER INSERT ON plan_actions BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plan_actions_update AFTER UPDATE ON plan_actions BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plan_actions_delete AFTER DELETE ON plan_actions BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plan_events_insert AFTER INSERT ON plan_events BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plan_events_update AFTER UPDATE ON plan_events BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plan_events_delete AFTER DELETE ON plan_events BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plans_insert AFTER INSERT ON plans BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plans_update AFTER UPDATE ON plans BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plans_delete AFTER DELETE ON plans BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_providers_insert AFTER INSERT ON providers BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_providers_update AFTER UPDATE ON providers BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_providers_delete AFTER DELETE ON providers BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_rating_alerts_insert AFTER INSERT ON rating_alerts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_rating_alerts_update AFTER UPDATE ON rating_alerts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_rating_alerts_delete AFTER DELETE ON rating_alerts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_reg44_findings_insert AFTER INSERT ON reg44_findings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_reg44_findings_update AFTER UPDATE ON reg44_findings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_reg44_findings_delete AFTER DELETE ON reg44_findings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_reg44_reports_insert AFTER INSERT ON reg44_reports BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_reg44_reports_update AFTER UPDATE ON reg44_reports BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_reg44_reports_delete AFTER DELETE ON reg44_reports BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_settings_insert AFTER INSERT ON settings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_settings_update AFTER UPDATE ON settings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_settings_delete AFTER DELETE ON settings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_stop_reviews_insert AFTER INSERT ON stop_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_stop_reviews_update AFTER UPDATE ON stop_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_stop_reviews_delete AFTER DELETE ON stop_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_stops_insert AFTER INSERT ON stops BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_stops_update AFTER UPDATE ON stops BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_stops_delete AFTER DELETE ON stops BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_strategy_meetings_insert AFTER INSERT ON strategy_meetings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_strategy_meetings_update AFTER UPDATE ON strategy_meetings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_strategy_meetings_delete AFTER DELETE ON strategy_meetings BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_tier_overrides_insert AFTER INSERT ON tier_overrides BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_tier_overrides_update AFTER UPDATE ON tier_overrides BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_tier_overrides_delete AFTER DELETE ON tier_overrides BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_visits_insert AFTER INSERT ON visits BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_visits_update AFTER UPDATE ON visits BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_visits_delete AFTER DELETE ON visits BEGIN UPDATE data_stamp SET n = n + 1; END;
"#;

/// Ofsted's judgements over the years: the headline under the framework it
/// was made under, the old framework's judgements beside SCCIF's, the old
/// third grade's words (Adequate, Satisfactory) kept as published; and for
/// each setting the date of the Ofsted file its details were last taken
/// from, so that an older file adds history without undoing newer facts.
/// SCCIF's headline was kept in two columns (overall, experiences): one now.
const V9_JUDGEMENTS_OVER_THE_YEARS: &str = r#"
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
"#;

/// A registered manager's vacancy recorded with the day the council learned
/// of it (rather than read from a blank name, which may only mean "not
/// known", as for settings an Ofsted import created). Homes entered by the
/// council with no manager named keep their vacancy, dated from when their
/// monitoring began or they opened where either is known.
const V10_MANAGER_VACANCY: &str = r#"
ALTER TABLE settings ADD COLUMN manager_vacant_on TEXT
    CHECK (manager_vacant_on IS NULL OR date(manager_vacant_on) = manager_vacant_on);
UPDATE settings SET manager_vacant_on = COALESCE(monitoring_since, opened_on)
WHERE registered_manager IS NULL AND kind IN ('childrens_home', 'secure_childrens_home')
  AND id NOT IN (SELECT setting_id FROM ofsted_listings);
"#;

/// The returns providers owe: one row per return received, its kind's
/// fields filled and the others left empty (domain/returns.rs).
const V11_RETURNS: &str = r#"
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
"#;

/// Practitioners' ratings of the main fostering agencies, one per child
/// placed, by quarter (domain/feedback.rs).
const V12_FEEDBACK: &str = r#"
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
"#;

/// The Supported Accommodation Resources Panel: each young person brought
/// to a month's panel, the package agreed, the outcome heard later.
const V13_PANEL: &str = r#"
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
"#;

/// Which returns a contract asks of its provider: as the policy says for its
/// type unless set otherwise.
const V14_CONTRACT_RETURNS: &str = r#"
ALTER TABLE contracts ADD COLUMN returns_owed TEXT NOT NULL DEFAULT 'policy'
    CHECK (returns_owed IN ('policy', 'none', 'self_assessment', 'supported_accommodation', 'fostering_review'));
"#;

/// Placed children's needs on the Valuing Care tool: twelve scores, as text.
const V15_NEEDS: &str = r#"
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
"#;

/// SMART outcomes agreed for placed children, each with its payment.
const V16_OUTCOMES: &str = r#"
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
"#;

/// Every migration, oldest first. The schema version is its length.
const STEPS: &[M<'static>] = &[
    M::up(V1_REGISTER).foreign_key_check(),
    M::up(V2_MONITORING).foreign_key_check(),
    M::up(V3_REG44).foreign_key_check(),
    M::up(V4_ACTIONS).foreign_key_check(),
    M::up(V5_BOARD).foreign_key_check(),
    M::up(V6_ALERTS).foreign_key_check(),
    M::up(V7_REPORT_FACTS).foreign_key_check(),
    M::up(V8_KEPT),
    M::up(V9_JUDGEMENTS_OVER_THE_YEARS).foreign_key_check(),
    M::up(V10_MANAGER_VACANCY),
    M::up(V11_RETURNS).foreign_key_check(),
    M::up(V12_FEEDBACK).foreign_key_check(),
    M::up(V13_PANEL).foreign_key_check(),
    M::up(V14_CONTRACT_RETURNS),
    M::up(V15_NEEDS).foreign_key_check(),
    M::up(V16_OUTCOMES).foreign_key_check(),
];

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
}

/// The schema version this binary writes.
pub const LATEST: i64 = STEPS.len() as i64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }
}
