//! Visits and contract meetings.

use super::record::{Deletable, record};
use super::{StoreError, Stored};
use crate::domain::visit::Visit;
use rusqlite::Connection;

record!(Visit, "visits", "visit", {
    setting_id: "setting_id",
    provider_id: "provider_id",
    kind: "kind",
    planned: "planned_date",
    completed: "completed_date",
    officer: "officer",
    outcome: "outcome",
    notes: "notes",
    follow_up: "follow_up",
    trip: "trip",
}
    fn duplicate_message(&self) -> String {
        "this visit is already recorded".into()
    }

    fn describe(&self) -> String {
        match self.completed {
            Some(on) => format!("{} of {on}", self.kind.label().to_lowercase()),
            None => format!("{} planned for {}", self.kind.label().to_lowercase(), self.planned),
        }
    }

    /// A visit tells of its setting alone (a contract meeting, of a provider).
    fn reach(&self) -> Option<i64> {
        self.setting_id
    }
);

impl Deletable for Visit {}

/// A setting's visits, newest first (planned ones by their planned date).
pub fn for_setting(conn: &Connection, setting_id: i64) -> Result<Vec<Stored<Visit>>, StoreError> {
    super::record::list(
        conn,
        "WHERE setting_id = ?1 ORDER BY COALESCE(completed_date, planned_date) DESC, id DESC",
        &[&setting_id],
    )
}

/// A provider's contract meetings and the visits to its settings, newest first.
pub fn for_provider(conn: &Connection, provider_id: i64) -> Result<Vec<Stored<Visit>>, StoreError> {
    super::record::list(
        conn,
        "WHERE provider_id = ?1 OR setting_id IN (SELECT id FROM settings WHERE provider_id = ?1)
         ORDER BY COALESCE(completed_date, planned_date) DESC, id DESC",
        &[&provider_id],
    )
}

/// Visits planned and not yet completed, soonest first.
pub fn planned(conn: &Connection) -> Result<Vec<Stored<Visit>>, StoreError> {
    super::record::list(conn, "WHERE completed_date IS NULL ORDER BY planned_date, id", &[])
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn planned_visits(&self) -> Result<Vec<Stored<Visit>>, StoreError> {
        planned(&self.conn)
    }

    pub fn visits_to_setting(&self, setting_id: i64) -> Result<Vec<Stored<Visit>>, StoreError> {
        for_setting(&self.conn, setting_id)
    }

    pub fn visits_to_provider(&self, provider_id: i64) -> Result<Vec<Stored<Visit>>, StoreError> {
        for_provider(&self.conn, provider_id)
    }
}
