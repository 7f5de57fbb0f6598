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
