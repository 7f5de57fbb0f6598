//! Contracts.

use super::record::record;
use crate::domain::contract::Contract;

record!(Contract, "contracts", "contract", {
    provider_id: "provider_id",
    reference: "reference",
    kind: "kind",
    title: "title",
    start: "start_date",
    end: "end_date",
    annual_value: "annual_value_pence",
    returns: "returns_owed",
    notice_months: "notice_months",
    notice_given_on: "notice_given_on",
    payments: "stage_payments",
}
    fn duplicate_message(&self) -> String {
        format!("contract reference {:?} is already used", self.reference.trim())
    }

    fn describe(&self) -> String {
        format!("contract {}", self.reference)
    }
);

/// A provider's contracts, newest first.
/// The provider of the first block contract, if any.
pub fn block_provider(conn: &rusqlite::Connection) -> Result<Option<i64>, super::StoreError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT provider_id FROM contracts WHERE kind = 'block' ORDER BY id LIMIT 1", [], |r| r.get(0))
        .optional()?)
}

pub fn for_provider(
    conn: &rusqlite::Connection,
    provider_id: i64,
) -> Result<Vec<super::Stored<Contract>>, super::StoreError> {
    super::record::list(conn, "WHERE provider_id = ?1 ORDER BY start_date DESC, id DESC", &[&provider_id])
}

/// Reading through the store, for callers outside it.
impl super::Store {
    /// Every contract, by reference.
    pub fn contracts_by_reference(&self) -> Result<Vec<super::Stored<Contract>>, super::StoreError> {
        super::record::list::<Contract>(&self.conn, "ORDER BY reference", &[])
    }

    pub fn contracts_of_provider(&self, provider_id: i64) -> Result<Vec<super::Stored<Contract>>, super::StoreError> {
        for_provider(&self.conn, provider_id)
    }
}
