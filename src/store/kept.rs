//! Kept copies of figures derived from the whole database (the dashboard's),
//! so that opening Oversight can show them at once instead of after reading
//! every setting's history.
//!
//! A copy records what it was computed from: its basis (the day, the policy
//! and this program's version) and the data stamp, a counter that triggers
//! on every data table move on at each change, whether made by Oversight,
//! an import or another program. A copy is current only when both match;
//! an older one can still be shown, marked as such, while a new one is read.
//! Copies are derived data, not records: they carry no audit rows.

use super::StoreError;
use crate::domain::policy::Policy;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::hash::{DefaultHasher, Hash, Hasher};

/// A kept copy, and whether it is still true.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept<T> {
    pub value: T,
    pub current: bool,
}

/// What figures computed on `today` under `policy` by this build depend on,
/// besides the data.
pub fn basis(today: NaiveDate, policy: &Policy) -> String {
    let mut hasher = DefaultHasher::new();
    format!("{policy:?}").hash(&mut hasher);
    format!("{today}|{:016x}|{}", hasher.finish(), env!("CARGO_PKG_VERSION"))
}

/// The data stamp now.
pub fn stamp(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT n FROM data_stamp", [], |r| r.get(0))?)
}

/// The copy kept under `name`, if any can still be read.
pub fn read<T: DeserializeOwned>(conn: &Connection, name: &str, basis: &str) -> Result<Option<Kept<T>>, StoreError> {
    let found: Option<(String, i64, String)> = conn
        .query_row("SELECT basis, stamp, body FROM kept WHERE name = ?1", [name], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((kept_basis, kept_stamp, body)) = found else { return Ok(None) };
    // A copy written by another version may not parse: then there is none.
    let Ok(value) = serde_json::from_str(&body) else { return Ok(None) };
    Ok(Some(Kept { value, current: kept_basis == basis && kept_stamp == stamp(conn)? }))
}

/// Keeps `value`, computed from the data as it was at `stamp` (read before
/// the computing began, so a change made meanwhile leaves the copy out of date).
pub fn keep<T: Serialize>(conn: &Connection, name: &str, basis: &str, stamp: i64, value: &T) -> Result<(), StoreError> {
    let body = serde_json::to_string(value)?;
    conn.execute(
        "INSERT INTO kept (name, basis, stamp, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET basis = excluded.basis, stamp = excluded.stamp, body = excluded.body",
        params![name, basis, stamp, body],
    )?;
    Ok(())
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn data_stamp(&self) -> Result<i64, StoreError> {
        stamp(&self.conn)
    }
}
