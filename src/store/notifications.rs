//! Regulation 40 notifications as logged, and what the tier rules read of
//! them.

use super::record::{Deletable, list, record};
use super::settings::Which;
use super::{Store, StoreError, Stored};
use crate::domain::notification::{Notification, Notified};
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;
use std::collections::HashMap;

record!(Notification, "notifications", "notification", {
    setting_id: "setting_id",
    notified_on: "notified_on",
    child_ref: "child_ref",
    category: "category",
    summary: "summary",
    response: "response",
    closed_on: "closed_on",
}
    fn duplicate_message(&self) -> String {
        "this notification is already logged".into()
    }

    fn describe(&self) -> String {
        format!("notification of {} on {}", self.category.short(), self.notified_on)
    }

    /// A notification tells of its home alone.
    fn reach(&self) -> Option<i64> {
        Some(self.setting_id)
    }
);

/// One logged by mistake may be deleted (the audit keeps a copy).
impl Deletable for Notification {}

/// What the tier rules see, by setting: every notification by `today`.
pub(super) fn notified(
    conn: &Connection,
    today: NaiveDate,
    which: Which,
) -> Result<HashMap<i64, Vec<Notified>>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT setting_id, notified_on, category FROM notifications WHERE notified_on <= ?1 AND {}",
        which.on_setting("setting_id", 2)
    ))?;
    let mut out: HashMap<i64, Vec<Notified>> = HashMap::new();
    let rows = stmt.query_map(params![today, which.id()], |r| {
        Ok((r.get::<_, i64>(0)?, Notified { on: r.get(1)?, category: r.get(2)? }))
    })?;
    for row in rows {
        let (id, n) = row?;
        out.entry(id).or_default().push(n);
    }
    Ok(out)
}

/// A notification with where it came from, for lists and reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotificationRow {
    #[serde(flatten)]
    pub notification: Stored<Notification>,
    pub setting: String,
    pub provider_id: i64,
    pub provider: String,
}

impl Store {
    /// A setting's notifications, the latest first.
    pub fn notifications_of_setting(&self, setting_id: i64) -> Result<Vec<Stored<Notification>>, StoreError> {
        list(&self.conn, "WHERE setting_id = ?1 ORDER BY notified_on DESC, id DESC", &[&setting_id])
    }

    /// Every notification from `from` to `to` (both counted), the latest
    /// first, with its setting and provider.
    pub fn notifications(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<NotificationRow>, StoreError> {
        let found: Vec<Stored<Notification>> =
            list(&self.conn, "WHERE notified_on BETWEEN ?1 AND ?2 ORDER BY notified_on DESC, id DESC", &[&from, &to])?;
        let mut names = self.conn.prepare_cached(
            "SELECT s.name, p.id, p.name FROM settings s JOIN providers p ON p.id = s.provider_id WHERE s.id = ?1",
        )?;
        let mut known: HashMap<i64, (String, i64, String)> = HashMap::new();
        let mut out = Vec::with_capacity(found.len());
        for n in found {
            let id = n.value.setting_id;
            let (setting, provider_id, provider) = match known.entry(id) {
                std::collections::hash_map::Entry::Occupied(e) => e.get().clone(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(names.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?).clone()
                }
            };
            out.push(NotificationRow { notification: n, setting, provider_id, provider });
        }
        Ok(out)
    }
}
