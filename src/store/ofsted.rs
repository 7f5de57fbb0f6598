//! What an Ofsted import compares a file against, read inside its own write
//! transaction (so two imports at once each see what the other committed),
//! and the day of the file each setting's details were last taken from.

use super::StoreError;
use super::record::list;
use crate::domain::inspection::Inspection;
use crate::domain::provider::Provider;
use crate::domain::setting::{Setting, Urn};
use crate::store::Stored;
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// The settings, providers and inspections an import builds on.
pub struct Known {
    pub settings: HashMap<Urn, Stored<Setting>>,
    /// Providers by their name folded to one spacing and case.
    pub providers: HashMap<String, i64>,
    /// Each setting's inspections, oldest first.
    pub inspections: HashMap<i64, Vec<Stored<Inspection>>>,
    /// The day of the file each setting's details came from.
    pub as_at: HashMap<i64, NaiveDate>,
    /// Children placed in each setting on the day.
    pub children: HashMap<i64, u32>,
}

/// Providers are one organisation whatever the spacing or capitals.
pub fn provider_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

pub fn known(conn: &Connection, today: NaiveDate) -> Result<Known, StoreError> {
    let settings = list::<Setting>(conn, "WHERE urn IS NOT NULL ORDER BY id", &[])?
        .into_iter()
        .filter_map(|s| Some((s.value.urn.clone()?, s)))
        .collect();
    let providers =
        list::<Provider>(conn, "ORDER BY id", &[])?.into_iter().map(|p| (provider_key(&p.value.name), p.id)).collect();
    let mut inspections: HashMap<i64, Vec<Stored<Inspection>>> = HashMap::new();
    let tail =
        "WHERE setting_id IN (SELECT id FROM settings WHERE urn IS NOT NULL) ORDER BY setting_id, inspection_date, id";
    for i in list::<Inspection>(conn, tail, &[])? {
        inspections.entry(i.value.setting_id).or_default().push(i);
    }
    let mut stmt = conn.prepare_cached("SELECT setting_id, as_at FROM ofsted_listings")?;
    let as_at = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT setting_id, COUNT(*) FROM placements
         WHERE start_date <= ?1 AND (end_date IS NULL OR end_date > ?1) GROUP BY setting_id",
    )?;
    let children = stmt.query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(Known { settings, providers, inspections, as_at, children })
}

/// Records that the setting's details are now those of the file as at `as_at`.
pub fn listed(conn: &Connection, setting_id: i64, as_at: NaiveDate) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO ofsted_listings (setting_id, as_at) VALUES (?1, ?2)
         ON CONFLICT (setting_id) DO UPDATE SET as_at = excluded.as_at",
    )?
    .execute(params![setting_id, as_at])?;
    Ok(())
}

/// The day of the newest Ofsted file imported, if any.
pub fn newest(conn: &Connection) -> Result<Option<NaiveDate>, StoreError> {
    Ok(conn.query_row("SELECT MAX(as_at) FROM ofsted_listings", [], |r| r.get(0))?)
}
