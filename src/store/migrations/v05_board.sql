-- The QA lead's commentary on a setting for a month's board pack.
CREATE TABLE board_notes (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    month      TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    setting_id INTEGER NOT NULL REFERENCES settings (id),
    text       TEXT NOT NULL,
    UNIQUE (month, setting_id)
);
