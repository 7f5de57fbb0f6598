CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL DEFAULT 1,
    setting_id  INTEGER NOT NULL REFERENCES settings (id),
    notified_on TEXT NOT NULL CHECK (date(notified_on) = notified_on),
    child_ref   TEXT,
    category    TEXT NOT NULL CHECK (category IN ('death', 'serious_injury', 'police', 'allegation',
                                                  'child_protection', 'exploitation', 'other')),
    summary     TEXT NOT NULL,
    response    TEXT NOT NULL DEFAULT '',
    closed_on   TEXT CHECK (closed_on IS NULL OR (date(closed_on) = closed_on AND closed_on >= notified_on))
);
CREATE INDEX notifications_setting ON notifications (setting_id, notified_on);
CREATE INDEX notifications_day ON notifications (notified_on);
CREATE TRIGGER stamp_notifications_insert AFTER INSERT ON notifications BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_notifications_update AFTER UPDATE ON notifications BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_notifications_delete AFTER DELETE ON notifications BEGIN UPDATE data_stamp SET n = n + 1; END;
-- V18 named decommissioning reviews' stamp triggers apart from every other
-- table's (stamp_TABLE_EVENT), which the check that every table moves the
-- stamp looks for: renamed.
DROP TRIGGER stamp_decommissioning_insert;
DROP TRIGGER stamp_decommissioning_update;
DROP TRIGGER stamp_decommissioning_delete;
CREATE TRIGGER stamp_decommissioning_reviews_insert AFTER INSERT ON decommissioning_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_decommissioning_reviews_update AFTER UPDATE ON decommissioning_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_decommissioning_reviews_delete AFTER DELETE ON decommissioning_reviews BEGIN UPDATE data_stamp SET n = n + 1; END;
