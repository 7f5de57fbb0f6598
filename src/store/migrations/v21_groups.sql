CREATE TABLE provider_groups (
    id               INTEGER PRIMARY KEY,
    version          INTEGER NOT NULL DEFAULT 1,
    name             TEXT NOT NULL COLLATE NOCASE,
    parent_id        INTEGER REFERENCES provider_groups (id),
    companies_house  TEXT NOT NULL DEFAULT '',
    owner_kind       TEXT NOT NULL CHECK (owner_kind IN ('private_equity', 'private', 'charity', 'public')),
    market_oversight INTEGER NOT NULL DEFAULT 0 CHECK (market_oversight IN (0, 1)),
    warning_on       TEXT CHECK (warning_on IS NULL OR date(warning_on) = warning_on),
    warning          TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX provider_groups_name ON provider_groups (name);
CREATE UNIQUE INDEX provider_groups_number ON provider_groups (companies_house) WHERE companies_house <> '';
CREATE TABLE group_members (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL DEFAULT 1,
    provider_id INTEGER NOT NULL REFERENCES providers (id),
    group_id    INTEGER NOT NULL REFERENCES provider_groups (id)
);
CREATE UNIQUE INDEX group_members_provider ON group_members (provider_id);
CREATE TABLE group_accounts (
    id                INTEGER PRIMARY KEY,
    version           INTEGER NOT NULL DEFAULT 1,
    group_id          INTEGER NOT NULL REFERENCES provider_groups (id),
    period_end        TEXT NOT NULL CHECK (date(period_end) = period_end),
    turnover_pounds   INTEGER NOT NULL CHECK (turnover_pounds >= 0),
    profit_pounds     INTEGER NOT NULL,
    net_assets_pounds INTEGER NOT NULL,
    source            TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX group_accounts_one ON group_accounts (group_id, period_end);
CREATE TRIGGER stamp_provider_groups_insert AFTER INSERT ON provider_groups BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_provider_groups_update AFTER UPDATE ON provider_groups BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_provider_groups_delete AFTER DELETE ON provider_groups BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_group_members_insert AFTER INSERT ON group_members BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_group_members_update AFTER UPDATE ON group_members BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_group_members_delete AFTER DELETE ON group_members BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_group_accounts_insert AFTER INSERT ON group_accounts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_group_accounts_update AFTER UPDATE ON group_accounts BEGIN UPDATE data_stamp SET n = n + 1; END;
CREATE TRIGGER stamp_group_accounts_delete AFTER DELETE ON group_accounts BEGIN UPDATE data_stamp SET n = n + 1; END;
