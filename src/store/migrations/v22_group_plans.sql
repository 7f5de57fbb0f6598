-- A plan may now answer a group concern: source 'group', source_id the
-- group. SQLite cannot widen a CHECK in place, so the table is rebuilt with
-- its rows, index and triggers; the actions, history and stops that point at
-- plans keep their ids. Migrations run with foreign keys off (Store::open);
-- this one's check runs before it commits.
CREATE TABLE plans_v22 (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL DEFAULT 1,
    setting_id   INTEGER REFERENCES settings (id),
    provider_id  INTEGER NOT NULL REFERENCES providers (id),
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    source       TEXT NOT NULL CHECK (source IN ('visit', 'inspection', 'reg44', 'concern', 'stop', 'group', 'other')),
    source_id    INTEGER,
    requested_on TEXT NOT NULL CHECK (date(requested_on) = requested_on),
    due_back     TEXT NOT NULL CHECK (date(due_back) = due_back AND due_back >= requested_on),
    status       TEXT NOT NULL CHECK (status IN ('requested', 'received', 'agreed', 'monitoring', 'completed', 'escalated')),
    status_on    TEXT NOT NULL CHECK (date(status_on) = status_on),
    CHECK (source <> 'group' OR (source_id IS NOT NULL AND setting_id IS NULL))
);
INSERT INTO plans_v22 (id, version, setting_id, provider_id, title, source, source_id, requested_on, due_back, status,
                       status_on)
SELECT id, version, setting_id, provider_id, title, source, source_id, requested_on, due_back, status, status_on
FROM plans;
DROP TABLE plans;
ALTER TABLE plans_v22 RENAME TO plans;
CREATE INDEX plans_provider ON plans (provider_id, status);
CREATE INDEX plans_group ON plans (source_id) WHERE source = 'group';
CREATE TRIGGER stamp_plans_insert AFTER INSERT ON plans BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plans_update AFTER UPDATE ON plans BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_plans_delete AFTER DELETE ON plans BEGIN UPDATE data_stamp SET n = n + 1; END;
