//! Contracts.

use super::record::Record;
use crate::domain::contract::Contract;
use rusqlite::Row;
use rusqlite::types::ToSql;

impl Record for Contract {
    const TABLE: &'static str = "contracts";
    const NOUN: &'static str = "contract";
    const COLUMNS: &'static [&'static str] = &[
        "provider_id",
        "reference",
        "kind",
        "title",
        "start_date",
        "end_date",
        "annual_value_pence",
    ];

    fn params(&self) -> Vec<&dyn ToSql> {
        vec![
            &self.provider_id,
            &self.reference,
            &self.kind,
            &self.title,
            &self.start,
            &self.end,
            &self.annual_value,
        ]
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Contract {
            provider_id: row.get(2)?,
            reference: row.get(3)?,
            kind: row.get(4)?,
            title: row.get(5)?,
            start: row.get(6)?,
            end: row.get(7)?,
            annual_value: row.get(8)?,
        })
    }

    fn duplicate_message(&self) -> String {
        format!(
            "contract reference {:?} is already used",
            self.reference.trim()
        )
    }

    fn describe(&self) -> String {
        format!("contract {}", self.reference)
    }
}

/// A provider's contracts, newest first.
pub fn for_provider(
    conn: &rusqlite::Connection,
    provider_id: i64,
) -> Result<Vec<super::Stored<Contract>>, super::StoreError> {
    super::record::list(
        conn,
        "WHERE provider_id = ?1 ORDER BY start_date DESC, id DESC",
        &[&provider_id],
    )
}
