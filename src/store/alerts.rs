//! Judgement changes from Ofsted imports, until acknowledged.

use super::record::{list, record};
use super::{StoreError, Stored};
use crate::domain::alert::RatingAlert;
use rusqlite::Connection;

record!(RatingAlert, "rating_alerts", "rating alert", {
    setting_id: "setting_id",
    from: "from_judgement",
    to: "to_judgement",
    inspected_on: "inspected_on",
    raised_on: "raised_on",
    urgent: "urgent",
    acknowledged_on: "acknowledged_on",
    acknowledged_by: "acknowledged_by",
}
    fn duplicate_message(&self) -> String {
        "this judgement change already has an alert".into()
    }

    fn describe(&self) -> String {
        format!("rating alert {}", self.describe())
    }
);

/// Alerts not yet acknowledged, urgent first, then newest.
pub fn open(conn: &Connection) -> Result<Vec<Stored<RatingAlert>>, StoreError> {
    list(conn, "WHERE acknowledged_on IS NULL ORDER BY urgent DESC, raised_on DESC, inspected_on DESC, id DESC", &[])
}

/// Every alert, newest first.
pub fn all(conn: &Connection) -> Result<Vec<Stored<RatingAlert>>, StoreError> {
    list(conn, "ORDER BY raised_on DESC, inspected_on DESC, id DESC", &[])
}

/// One setting's alerts not yet acknowledged.
pub fn open_for(conn: &Connection, setting_id: i64) -> Result<Vec<Stored<RatingAlert>>, StoreError> {
    list(conn, "WHERE setting_id = ?1 AND acknowledged_on IS NULL ORDER BY inspected_on DESC, id DESC", &[&setting_id])
}

/// Acknowledges each of `alerts` (as read) in one transaction, as the
/// store's user today; any changed since it was read refuses them all.
/// How many were acknowledged.
pub fn acknowledge_all(store: &mut super::Store, alerts: &[Stored<RatingAlert>]) -> Result<usize, StoreError> {
    store.write(|tx, user, today| {
        for a in alerts {
            let mut next = a.value.clone();
            next.acknowledge(today, user)
                .map_err(|m| StoreError::Invalid(vec![crate::domain::Invalid::new("acknowledged on", m)]))?;
            super::record::update(tx, user, today, a.id, a.version, &next)?;
        }
        Ok(alerts.len())
    })
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn open_rating_alerts(&self) -> Result<Vec<Stored<RatingAlert>>, StoreError> {
        open(&self.conn)
    }

    pub fn rating_alerts(&self) -> Result<Vec<Stored<RatingAlert>>, StoreError> {
        all(&self.conn)
    }

    pub fn open_rating_alerts_for(&self, setting_id: i64) -> Result<Vec<Stored<RatingAlert>>, StoreError> {
        open_for(&self.conn, setting_id)
    }
}
