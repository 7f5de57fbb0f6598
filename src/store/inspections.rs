//! Ofsted inspections.

use super::record::{Deletable, Record};
use crate::domain::inspection::Inspection;
use rusqlite::Row;
use rusqlite::types::ToSql;

impl Record for Inspection {
    const TABLE: &'static str = "inspections";
    const NOUN: &'static str = "inspection";
    const COLUMNS: &'static [&'static str] = &[
        "setting_id",
        "inspection_date",
        "kind",
        "overall",
        "experiences",
        "protection",
        "leadership",
        "event_ref",
    ];

    fn params(&self) -> Vec<&dyn ToSql> {
        vec![
            &self.setting_id,
            &self.date,
            &self.kind,
            &self.overall,
            &self.experiences,
            &self.protection,
            &self.leadership,
            &self.event_ref,
        ]
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Inspection {
            setting_id: row.get(2)?,
            date: row.get(3)?,
            kind: row.get(4)?,
            overall: row.get(5)?,
            experiences: row.get(6)?,
            protection: row.get(7)?,
            leadership: row.get(8)?,
            event_ref: row.get(9)?,
        })
    }

    fn duplicate_message(&self) -> String {
        format!("an inspection on {} is already recorded", self.date)
    }

    fn describe(&self) -> String {
        format!("inspection of {}", self.date)
    }
}

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
