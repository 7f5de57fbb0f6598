//! The audit trail: one row per change, written in the change's own
//! transaction. Triggers make the table append-only.

use super::StoreError;
use crate::domain::code::code_enum;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::collections::HashMap;

code_enum!(
    pub enum Action {
        Insert => ("insert", "added"),
        Update => ("update", "changed"),
        Delete => ("delete", "deleted"),
        Archive => ("archive", "archived"),
        Restore => ("restore", "restored"),
        Generate => ("generate", "generated"),
    }
);

/// One row of the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn json<T: Serialize>(value: Option<&T>) -> Result<Option<String>, StoreError> {
    value
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
}

/// The time stamped on audit rows: the real time of the change, in UTC.
fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string()
}

pub fn write<B: Serialize, A: Serialize>(
    conn: &Connection,
    user: &str,
    action: Action,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO audit (at, user, action, entity, entity_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![now(), user, action.code(), entity, entity_id, json(before)?, json(after)?])?;
    Ok(())
}

/// Who last changed a record, and when.
pub fn last_change(conn: &Connection, entity: &str, id: i64) -> Result<Option<(String, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT user, at FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT 1")?
        .query_row(params![entity, id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The trail for one record, oldest first (or the whole trail with `None`).
pub fn entries(conn: &Connection, record: Option<(&str, i64)>) -> Result<Vec<AuditEntry>, StoreError> {
    let (entity, id) = record.unwrap_or(("", 0));
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, user, action, entity, entity_id, before, after FROM audit
         WHERE ?1 = '' OR (entity = ?1 AND entity_id = ?2) ORDER BY id",
    )?;
    let rows = stmt.query_map(params![entity, id], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            user: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            before: r.get(6)?,
            after: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The tables a trail row's references point into, by the field that holds
/// the reference (`setting_id` → `settings`).
pub const REFERENCES: &[(&str, &str)] = &[
    ("setting_id", "settings"),
    ("provider_id", "providers"),
    ("plan_id", "plans"),
    ("report_id", "reg44_reports"),
    ("concern_id", "concerns"),
    ("visit_id", "visits"),
    ("stop_id", "stops"),
    ("placement_id", "placements"),
    ("contract_id", "contracts"),
];

/// Records in words, by table and id, for the trail to name what a change
/// was about: a setting by its name, a Reg 44 report by home and month.
pub type Names = HashMap<(&'static str, i64), String>;

/// The words for the records `entries` point at (through their
/// [`REFERENCES`]), as they stand now: only those, not every record.
pub fn names(conn: &Connection, entries: &[AuditEntry]) -> Result<Names, StoreError> {
    /// Each table's words, and the column holding its id.
    const QUERIES: &[(&str, &str, &str)] = &[
        ("settings", "SELECT id, name, '' FROM settings", "id"),
        ("providers", "SELECT id, name, '' FROM providers", "id"),
        ("plans", "SELECT id, title, '' FROM plans", "id"),
        ("contracts", "SELECT id, reference, '' FROM contracts", "id"),
        ("placements", "SELECT id, child_ref, '' FROM placements", "id"),
        (
            "reg44_reports",
            "SELECT r.id, s.name, r.month FROM reg44_reports r JOIN settings s ON s.id = r.setting_id",
            "r.id",
        ),
        (
            "concerns",
            "SELECT c.id, COALESCE(s.name, p.name), c.raised_on FROM concerns c
             JOIN providers p ON p.id = c.provider_id LEFT JOIN settings s ON s.id = c.setting_id",
            "c.id",
        ),
        (
            "visits",
            "SELECT v.id, COALESCE(s.name, p.name), COALESCE(v.completed_date, v.planned_date) FROM visits v
             LEFT JOIN providers p ON p.id = v.provider_id LEFT JOIN settings s ON s.id = v.setting_id",
            "v.id",
        ),
        (
            "stops",
            "SELECT t.id, COALESCE(s.name, p.name), t.issued_on FROM stops t
             JOIN providers p ON p.id = t.provider_id LEFT JOIN settings s ON s.id = t.setting_id",
            "t.id",
        ),
    ];
    let mut wanted: HashMap<&str, Vec<i64>> = HashMap::new();
    for text in entries.iter().flat_map(|e| [e.before.as_deref(), e.after.as_deref()]).flatten() {
        if let Ok(serde_json::Value::Object(fields)) = serde_json::from_str::<serde_json::Value>(text) {
            for (field, table) in REFERENCES {
                if let Some(id) = fields.get(*field).and_then(serde_json::Value::as_i64) {
                    wanted.entry(table).or_default().push(id);
                }
            }
        }
    }
    let mut names = Names::new();
    for (table, sql, id) in QUERIES {
        let Some(ids) = wanted.get_mut(table) else { continue };
        ids.sort_unstable();
        ids.dedup();
        let ids = serde_json::to_string(ids).unwrap_or_default();
        let mut stmt = conn.prepare_cached(&format!("{sql} WHERE {id} IN (SELECT value FROM json_each(?1))"))?;
        let rows =
            stmt.query_map([ids], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
        for row in rows {
            let (id, name, when) = row?;
            let when = match crate::domain::date::Month::parse(&when) {
                Ok(month) if *table == "reg44_reports" => month.label(),
                _ => when,
            };
            names.insert((*table, id), if when.is_empty() { name } else { format!("{name}, {when}") });
        }
    }
    Ok(names)
}

/// What the records of each audited table are called ("Reg 44 report").
macro_rules! nouns {
    ($($ty:ty),+ $(,)?) => {
        &[$((<$ty as super::record::Record>::TABLE, <$ty as super::record::Record>::NOUN)),+]
    };
}

pub const NOUNS: &[(&str, &str)] = {
    use crate::domain::{
        alert, board, concern, contract, feedback, inspection, placement, plan, provider, reg44, setting,
    };
    use crate::domain::{
        decommission, group, needs, notification, outcome, panel, returns, stop, tier, unregistered, visit,
    };
    nouns!(
        alert::RatingAlert,
        board::BoardNote,
        concern::Concern,
        concern::StrategyMeeting,
        contract::Contract,
        decommission::Review,
        feedback::Feedback,
        group::Group,
        group::Membership,
        group::Accounts,
        inspection::Inspection,
        tier::TierOverride,
        placement::Placement,
        plan::Plan,
        plan::PlanAction,
        plan::PlanEvent,
        needs::NeedsAssessment,
        notification::Notification,
        outcome::Outcome,
        panel::PanelCase,
        provider::Provider,
        reg44::Reg44Report,
        reg44::Finding,
        returns::ProviderReturn,
        setting::Setting,
        stop::PlacementStop,
        stop::PlacementReview,
        stop::ExternalAlert,
        unregistered::Unregistered,
        unregistered::Review,
        visit::Visit,
    )
};

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn audit_entries(&self, record: Option<(&str, i64)>) -> Result<Vec<AuditEntry>, StoreError> {
        entries(&self.conn, record)
    }

    pub fn audit_names(&self, entries: &[AuditEntry]) -> Result<Names, StoreError> {
        names(&self.conn, entries)
    }
}
