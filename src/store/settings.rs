//! Settings, and the setting list with each one's latest judgement and
//! current placements.

use super::StoreError;
use super::record::{Record, Stored, record};
use crate::domain::money::Pence;
use crate::domain::rating::Judgement;
use crate::domain::setting::Setting;
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// Which settings a read covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    All,
    Provider(i64),
    Setting(i64),
}

impl Which {
    /// The SQL condition selecting them, given the columns that hold the
    /// setting and the provider; it reads `id()` from parameter `?n` (for
    /// all, a condition always true that still names the parameter).
    pub fn condition(self, setting: &str, provider: &str, n: usize) -> String {
        match self {
            Which::All => format!("?{n} IS ?{n}"),
            Which::Provider(_) => format!("{provider} = ?{n}"),
            Which::Setting(_) => format!("{setting} = ?{n}"),
        }
    }

    /// The SQL condition selecting them from a table that names only the
    /// setting (in `column`); it reads `id()` from parameter `?n`.
    pub fn on_setting(self, column: &str, n: usize) -> String {
        match self {
            Which::All => format!("?{n} IS ?{n}"),
            Which::Provider(_) => format!("{column} IN (SELECT id FROM settings WHERE provider_id = ?{n})"),
            Which::Setting(_) => format!("{column} = ?{n}"),
        }
    }

    pub fn id(self) -> Option<i64> {
        match self {
            Which::All => None,
            Which::Provider(id) | Which::Setting(id) => Some(id),
        }
    }
}

record!(Setting, "settings", "setting", {
    provider_id: "provider_id",
    urn: "urn",
    name: "name",
    kind: "kind",
    registered_manager: "registered_manager",
    manager_vacant_on: "manager_vacant_on",
    places: "places",
    town: "town",
    local_authority: "local_authority",
    region: "region",
    in_area: "in_area",
    distance_miles: "distance_miles",
    registration: "registration",
    archived_on: "archived_on",
    monitoring_since: "monitoring_since",
    enforcement: "enforcement",
    enforcement_since: "enforcement_since",
    low_risk: "low_risk",
    low_risk_on: "low_risk_on",
    opened_on: "opened_on",
    closed_on: "closed_on",
}
    fn duplicate_message(&self) -> String {
        match &self.urn {
            Some(urn) => format!("URN {urn} is already recorded for another setting"),
            None => format!("setting {} duplicates another", self.name),
        }
    }

    fn describe(&self) -> String {
        format!("setting {}", self.name)
    }

    fn archived_on(&self) -> Option<NaiveDate> {
        self.archived_on
    }
);

/// One line of a setting list.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingSummary {
    pub setting: Stored<Setting>,
    pub provider_name: String,
    /// The latest overall judgement the council had learned of by `today`,
    /// its date, and when it learned of it.
    pub judgement: Option<Judgement>,
    pub judged_on: Option<NaiveDate>,
    pub learned_on: Option<NaiveDate>,
    /// Children placed there on `today`, and what they cost a week.
    pub children: u32,
    pub weekly_spend: Pence,
}

/// Settings as of `today`, all of them or one provider's.
pub fn summaries(conn: &Connection, today: NaiveDate, which: Which) -> Result<Vec<SettingSummary>, StoreError> {
    let chosen = Chosen {
        settings: which.condition("s.id", "s.provider_id", 2),
        inspected: which.on_setting("setting_id", 2),
        placed: which.on_setting("setting_id", 2),
    };
    summaries_of(conn, today, &chosen, &which.id())
}

/// The settings of `providers`, as [`summaries`] gives them.
pub fn summaries_of_providers(
    conn: &Connection,
    today: NaiveDate,
    providers: &[i64],
) -> Result<Vec<SettingSummary>, StoreError> {
    let of_these = "SELECT value FROM json_each(?2)";
    let chosen = Chosen {
        settings: format!("s.provider_id IN ({of_these})"),
        inspected: format!("setting_id IN (SELECT id FROM settings WHERE provider_id IN ({of_these}))"),
        placed: format!("setting_id IN (SELECT id FROM settings WHERE provider_id IN ({of_these}))"),
    };
    summaries_of(conn, today, &chosen, &serde_json::to_string(providers).unwrap_or_default())
}

/// The SQL conditions choosing the settings a reading covers (reading
/// parameter `?2`): on settings (as `s`), inspections and placements.
struct Chosen {
    settings: String,
    inspected: String,
    placed: String,
}

/// Each chosen setting's latest judgement learned of by `?1` (`latest`,
/// its first row `rn = 1`) and its children placed and spend on `?1`
/// (`placed`).
fn judged_and_placed(chosen: &Chosen) -> String {
    format!(
        "WITH latest AS (
            SELECT setting_id, overall, inspection_date, COALESCE(recorded_on, inspection_date) AS learned,
                   ROW_NUMBER() OVER (PARTITION BY setting_id ORDER BY inspection_date DESC, id DESC) AS rn
            FROM inspections
            WHERE overall IS NOT NULL AND COALESCE(recorded_on, inspection_date) <= ?1 AND {}
        ), placed AS (
            SELECT setting_id, COUNT(*) AS children, SUM(weekly_cost_pence) AS spend
            FROM placements WHERE start_date <= ?1 AND (end_date IS NULL OR end_date > ?1) AND {}
            GROUP BY setting_id
        )",
        chosen.inspected, chosen.placed
    )
}

/// What every open setting holds on `today`, for the groups' roll-ups: its
/// provider, latest judgement, children placed and weekly spend, without
/// the rest of it.
pub fn held(conn: &Connection, today: NaiveDate) -> Result<Vec<crate::domain::group::Held>, StoreError> {
    let chosen = Chosen { settings: "s.archived_on IS NULL".into(), inspected: "1".into(), placed: "1".into() };
    let sql = format!(
        "{} SELECT s.provider_id, l.overall, COALESCE(pl.children, 0), COALESCE(pl.spend, 0)
        FROM settings s
        LEFT JOIN latest l ON l.setting_id = s.id AND l.rn = 1
        LEFT JOIN placed pl ON pl.setting_id = s.id
        WHERE {}",
        judged_and_placed(&chosen),
        chosen.settings
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![today], |r| {
        Ok(crate::domain::group::Held {
            provider_id: r.get(0)?,
            judgement: r.get(1)?,
            children: r.get(2)?,
            weekly: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn summaries_of(
    conn: &Connection,
    today: NaiveDate,
    chosen: &Chosen,
    param: &dyn rusqlite::ToSql,
) -> Result<Vec<SettingSummary>, StoreError> {
    let columns = Setting::COLUMNS.iter().map(|c| format!("s.{c}")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "{} SELECT s.id, s.version, {columns}, p.name, l.overall, l.inspection_date, l.learned,
               COALESCE(pl.children, 0), COALESCE(pl.spend, 0)
        FROM settings s
        JOIN providers p ON p.id = s.provider_id
        LEFT JOIN latest l ON l.setting_id = s.id AND l.rn = 1
        LEFT JOIN placed pl ON pl.setting_id = s.id
        WHERE {}
        ORDER BY p.name COLLATE NOCASE, s.name COLLATE NOCASE",
        judged_and_placed(chosen),
        chosen.settings
    );
    let extra = 2 + Setting::COLUMNS.len();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![today, param], |row| {
        Ok(SettingSummary {
            setting: Stored { id: row.get(0)?, version: row.get(1)?, value: Setting::from_row(row)? },
            provider_name: row.get(extra)?,
            judgement: row.get(extra + 1)?,
            judged_on: row.get(extra + 2)?,
            learned_on: row.get(extra + 3)?,
            children: row.get(extra + 4)?,
            weekly_spend: row.get(extra + 5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The setting with this URN, if we hold one.
pub fn by_urn(conn: &Connection, urn: &crate::domain::setting::Urn) -> Result<Option<Stored<Setting>>, StoreError> {
    Ok(super::record::list::<Setting>(conn, "WHERE urn = ?1", &[urn])?.pop())
}

/// Every one of them by id: its name, for labels.
pub fn names(conn: &Connection) -> Result<HashMap<i64, String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM settings")?;
    let names = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn setting_summaries(&self, today: NaiveDate, which: Which) -> Result<Vec<SettingSummary>, StoreError> {
        summaries(&self.conn, today, which)
    }

    /// The settings of `providers`.
    pub fn settings_of_providers(
        &self,
        today: NaiveDate,
        providers: &[i64],
    ) -> Result<Vec<SettingSummary>, StoreError> {
        summaries_of_providers(&self.conn, today, providers)
    }

    pub fn setting_names(&self) -> Result<HashMap<i64, String>, StoreError> {
        names(&self.conn)
    }

    pub fn setting_by_urn(&self, urn: &crate::domain::setting::Urn) -> Result<Option<Stored<Setting>>, StoreError> {
        by_urn(&self.conn, urn)
    }
}
