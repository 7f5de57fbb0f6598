//! Placements.

use super::record::{Deletable, record};
use crate::domain::placement::Placement;

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
);

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
