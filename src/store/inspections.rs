//! Ofsted inspections.

use super::record::{Deletable, record};
use crate::domain::inspection::Inspection;

record!(Inspection, "inspections", "inspection", {
    setting_id: "setting_id",
    date: "inspection_date",
    kind: "kind",
    framework: "framework",
    overall: "overall",
    protection: "protection",
    leadership: "leadership",
    outcomes: "outcomes",
    care: "care",
    safeguarding: "safeguarding",
    management: "management",
    education: "education",
    health: "health",
    event_ref: "event_ref",
    recorded_on: "recorded_on",
}
    fn duplicate_message(&self) -> String {
        format!("an inspection on {} is already recorded", self.date)
    }

    fn describe(&self) -> String {
        format!("inspection of {}", self.date)
    }
);

impl Deletable for Inspection {}

/// Every inspection of a provider's settings, newest first.
pub fn for_provider(
    conn: &rusqlite::Connection,
    provider_id: i64,
) -> Result<Vec<super::Stored<Inspection>>, super::StoreError> {
    super::record::list(
        conn,
        "WHERE setting_id IN (SELECT id FROM settings WHERE provider_id = ?1) ORDER BY inspection_date DESC, id DESC",
        &[&provider_id],
    )
}

/// A setting's inspections, oldest first.
pub fn for_setting(
    conn: &rusqlite::Connection,
    setting_id: i64,
) -> Result<Vec<super::Stored<Inspection>>, super::StoreError> {
    super::record::list(conn, "WHERE setting_id = ?1 ORDER BY inspection_date, id", &[&setting_id])
}

/// Reading through the store, for callers outside it.
impl super::Store {
    /// Every full inspection with a judgement, by setting and date.
    pub fn judged_full_inspections(&self) -> Result<Vec<super::Stored<Inspection>>, super::StoreError> {
        let tail = "WHERE kind = 'full' AND overall IS NOT NULL ORDER BY setting_id, inspection_date";
        super::record::list::<Inspection>(&self.conn, tail, &[])
    }

    pub fn inspections_of_setting(&self, setting_id: i64) -> Result<Vec<super::Stored<Inspection>>, super::StoreError> {
        for_setting(&self.conn, setting_id)
    }

    pub fn inspections_of_provider(
        &self,
        provider_id: i64,
    ) -> Result<Vec<super::Stored<Inspection>>, super::StoreError> {
        for_provider(&self.conn, provider_id)
    }
}
