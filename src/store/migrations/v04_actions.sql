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
