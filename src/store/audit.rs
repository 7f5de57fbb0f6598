//! The audit trail: one row per change, written in the change's own
//! transaction. Triggers make the table append-only.

use super::StoreError;
use crate::domain::code::code_enum;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

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
