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
