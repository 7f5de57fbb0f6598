//! Placements.

use super::record::{Deletable, record};
use crate::domain::placement::Placement;
use chrono::NaiveDate;

record!(Placement, "placements", "placement", {
    child_ref: "child_ref",
    setting_id: "setting_id",
    contract_id: "contract_id",
    start: "start_date",
    end: "end_date",
    weekly_cost: "weekly_cost_pence",
    distance_miles: "distance_miles",
}
    fn duplicate_message(&self) -> String {
        format!("placement of {} from {} is already recorded", self.child_ref, self.start)
    }

    fn describe(&self) -> String {
        format!("placement of {} from {}", self.child_ref, self.start)
    }

    /// No one is placed into a setting under a placement stop.
    fn check_stored(&self, conn: &rusqlite::Connection, today: chrono::NaiveDate) -> Result<(), super::StoreError> {
        let setting: super::Stored<crate::domain::setting::Setting> = super::record::get(conn, self.setting_id)?;
        // One ended by today may still be recorded (a home closed with a child placed).
        let ended = self.end.is_some_and(|e| e <= today);
        if let Some(why) = setting.value.unregistered().filter(|_| !ended) {
            return Err(super::StoreError::Invalid(vec![crate::domain::Invalid::new(
                "setting",
                format!(
                    "no registration covers a child placed at {} ({why}): this is an unregistered placement, \
                     not a normal one. Record it on the Unregistered placements register (g then u), with why, \
                     the director's approval and its reviews",
                    setting.value.name
                ),
            )]));
        }
        let stops = super::stops::covering(conn, self.setting_id, setting.value.provider_id, self.start)?;
        match stops.first() {
            Some(stop) => {
                let scope = if stop.value.setting_id.is_some() { setting.value.name.clone() } else { "its provider".into() };
                Err(super::StoreError::Invalid(vec![crate::domain::Invalid::new(
                    "setting",
                    format!(
                        "{} is under a placement stop (#{} on {scope}, issued {} by {}): new placements are refused",
                        setting.value.name, stop.id, stop.value.issued_on, stop.value.issued_by
                    ),
                )]))
            }
            None => Ok(()),
        }
    }
);

impl Deletable for Placement {}

/// The placements begun by `day` and not ended in any of `settings`, by id.
pub fn ids_in_settings(
    conn: &rusqlite::Connection,
    settings: &[i64],
    day: NaiveDate,
) -> Result<Vec<i64>, super::StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM placements WHERE setting_id IN (SELECT value FROM json_each(?1))
         AND start_date <= ?2 AND end_date IS NULL ORDER BY id",
    )?;
    let settings = serde_json::to_string(settings)?;
    Ok(stmt.query_map(rusqlite::params![settings, day], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// Ends a placement on `day` without an audit row: for the demo, whose one
/// audit row covers all it writes.
pub fn end_unaudited(conn: &rusqlite::Connection, id: i64, day: NaiveDate) -> Result<(), super::StoreError> {
    conn.execute("UPDATE placements SET end_date = ?1 WHERE id = ?2", rusqlite::params![day, id])?;
    Ok(())
}

/// The placement of `child_ref` in a setting from `start`, if recorded.
pub fn find(
    conn: &rusqlite::Connection,
    child_ref: &crate::domain::placement::ChildRef,
    setting_id: i64,
    start: NaiveDate,
) -> Result<Option<super::Stored<Placement>>, super::StoreError> {
    let tail = "WHERE child_ref = ?1 AND setting_id = ?2 AND start_date = ?3";
    Ok(super::record::list::<Placement>(conn, tail, &[&child_ref.to_string(), &setting_id, &start])?.pop())
}

/// Every child reference recorded, in capitals: what free text must not repeat.
pub fn child_refs(conn: &rusqlite::Connection) -> Result<std::collections::HashSet<String>, super::StoreError> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT upper(child_ref) FROM placements")?;
    Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// A provider's placements: current ones first, then by start, newest first.
/// Refuses `day` (in the form's field `field`) unless placement
/// `placement_id` held on it: from its start to its end.
pub fn check_within(
    conn: &rusqlite::Connection,
    placement_id: i64,
    day: NaiveDate,
    field: &'static str,
) -> Result<(), super::StoreError> {
    use rusqlite::OptionalExtension;
    let placed: Option<(NaiveDate, Option<NaiveDate>)> = conn
        .query_row("SELECT start_date, end_date FROM placements WHERE id = ?1", [placement_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((start, end)) = placed else {
        return Err(super::StoreError::NotFound(format!("placement #{placement_id}")));
    };
    let refuse = |message: String| Err(super::StoreError::Invalid(vec![crate::domain::Invalid::new(field, message)]));
    match end.filter(|e| day > *e) {
        _ if day < start => refuse(format!("is before the placement began ({start})")),
        Some(end) => refuse(format!("is after the placement ended ({end})")),
        None => Ok(()),
    }
}

/// Every placement, in the order made.
pub fn all(conn: &rusqlite::Connection) -> Result<Vec<super::Stored<Placement>>, super::StoreError> {
    super::record::list(conn, "ORDER BY id", &[])
}

pub fn for_provider(
    conn: &rusqlite::Connection,
    provider_id: i64,
) -> Result<Vec<super::Stored<Placement>>, super::StoreError> {
    super::record::list(
        conn,
        "WHERE setting_id IN (SELECT id FROM settings WHERE provider_id = ?1)
         ORDER BY end_date IS NOT NULL, start_date DESC, id DESC",
        &[&provider_id],
    )
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn placement_of(
        &self,
        child_ref: &crate::domain::placement::ChildRef,
        setting_id: i64,
        start: NaiveDate,
    ) -> Result<Option<super::Stored<Placement>>, super::StoreError> {
        find(&self.conn, child_ref, setting_id, start)
    }

    pub fn placements_of_provider(&self, provider_id: i64) -> Result<Vec<super::Stored<Placement>>, super::StoreError> {
        for_provider(&self.conn, provider_id)
    }
}
