//! Manual tier overrides.

use super::record::{Deletable, record};
use super::{StoreError, Stored};
use crate::domain::tier::TierOverride;
use rusqlite::Connection;

record!(TierOverride, "tier_overrides", "tier override", {
    setting_id: "setting_id",
    tier: "tier",
    reason: "reason",
    set_on: "set_on",
    expires: "expires",
}
    fn duplicate_message(&self) -> String {
        "this override is already recorded".into()
    }

    fn describe(&self) -> String {
        format!("override to tier {} until {}", self.tier.number(), self.expires)
    }
);

impl Deletable for TierOverride {}

/// A setting's overrides, latest first.
pub fn for_setting(conn: &Connection, setting_id: i64) -> Result<Vec<Stored<TierOverride>>, StoreError> {
    super::record::list(conn, "WHERE setting_id = ?1 ORDER BY set_on DESC, id DESC", &[&setting_id])
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn overrides_for_setting(&self, setting_id: i64) -> Result<Vec<Stored<TierOverride>>, StoreError> {
        for_setting(&self.conn, setting_id)
    }
}
