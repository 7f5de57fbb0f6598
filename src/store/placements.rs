//! Placements.

use super::record::{Deletable, Record};
use crate::domain::placement::Placement;
use rusqlite::Row;
use rusqlite::types::ToSql;

impl Record for Placement {
    const TABLE: &'static str = "placements";
    const NOUN: &'static str = "placement";
    const COLUMNS: &'static [&'static str] = &[
        "child_ref",
        "setting_id",
        "contract_id",
        "start_date",
        "end_date",
        "weekly_cost_pence",
        "distance_miles",
    ];

    fn params(&self) -> Vec<&dyn ToSql> {
        vec![
            &self.child_ref,
            &self.setting_id,
            &self.contract_id,
            &self.start,
            &self.end,
            &self.weekly_cost,
            &self.distance_miles,
        ]
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Placement {
            child_ref: row.get(2)?,
            setting_id: row.get(3)?,
            contract_id: row.get(4)?,
            start: row.get(5)?,
            end: row.get(6)?,
            weekly_cost: row.get(7)?,
            distance_miles: row.get(8)?,
        })
    }

    fn duplicate_message(&self) -> String {
        format!(
            "placement of {} from {} is already recorded",
            self.child_ref, self.start
        )
    }

    fn describe(&self) -> String {
        format!("placement of {} from {}", self.child_ref, self.start)
    }
}

impl Deletable for Placement {}

/// A provider's placements: current ones first, then by start, newest first.
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
