//! Concerns and Serious Provider Concerns, with their strategy meetings.

use super::record::{list, record};
use super::{StoreError, Stored};
use crate::domain::concern::{Concern, StrategyMeeting};
use rusqlite::Connection;

record!(Concern, "concerns", "concern", {
    setting_id: "setting_id",
    provider_id: "provider_id",
    raised_on: "raised_on",
    source: "source",
    category: "category",
    severity: "severity",
    description: "description",
    status: "status",
    escalated_on: "escalated_on",
    spc_outcome: "spc_outcome",
    closed_on: "closed_on",
    outcome: "outcome",
}
    fn duplicate_message(&self) -> String {
        "this concern is already recorded".into()
    }

    fn describe(&self) -> String {
        let kind = if self.escalated_on.is_some() { "Serious Provider Concern" } else { "concern" };
        format!("{kind} raised {}", self.raised_on)
    }
);

record!(StrategyMeeting, "strategy_meetings", "strategy meeting", {
    concern_id: "concern_id",
    held_on: "held_on",
    attendees: "attendees",
    decisions: "decisions",
}
    fn duplicate_message(&self) -> String {
        "this meeting is already recorded".into()
    }

    fn describe(&self) -> String {
        format!("strategy meeting of {}", self.held_on)
    }
);

/// Every concern, newest first.
pub fn all(conn: &Connection) -> Result<Vec<Stored<Concern>>, StoreError> {
    list(conn, "ORDER BY raised_on DESC, id DESC", &[])
}

/// A concern's strategy meetings, oldest first.
pub fn meetings(conn: &Connection, concern_id: i64) -> Result<Vec<Stored<StrategyMeeting>>, StoreError> {
    list(conn, "WHERE concern_id = ?1 ORDER BY held_on, id", &[&concern_id])
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn concerns(&self) -> Result<Vec<Stored<Concern>>, StoreError> {
        all(&self.conn)
    }

    pub fn strategy_meetings(&self, concern_id: i64) -> Result<Vec<Stored<StrategyMeeting>>, StoreError> {
        meetings(&self.conn, concern_id)
    }
}
