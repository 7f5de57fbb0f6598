//! Providers, and the provider list with its figures.

use super::StoreError;
use super::record::{self, Stored, record};
use super::settings::{self, SettingSummary};
use crate::domain::money::Pence;
use crate::domain::provider::Provider;
use crate::domain::rating::Judgement;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

record!(Provider, "providers", "provider", {
    name: "name",
    contact: "contact",
    notes: "notes",
    archived_on: "archived_on",
}
    fn duplicate_message(&self) -> String {
        format!("a provider called {:?} already exists", self.name.trim())
    }

    fn describe(&self) -> String {
        format!("provider {}", self.name)
    }

    fn archived_on(&self) -> Option<NaiveDate> {
        self.archived_on
    }
);

/// One line of the provider list.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderSummary {
    pub provider: Stored<Provider>,
    /// Settings not archived.
    pub settings: u32,
    /// The worst latest judgement across those settings.
    pub worst: Option<Judgement>,
    pub children: u32,
    pub weekly_spend: Pence,
}

/// Every provider with its figures as of `today`, ordered by name.
pub fn summaries(conn: &Connection, today: NaiveDate) -> Result<Vec<ProviderSummary>, StoreError> {
    let providers = record::list::<Provider>(conn, "ORDER BY name COLLATE NOCASE", &[])?;
    let mut by_provider: HashMap<i64, Vec<SettingSummary>> = HashMap::new();
    for s in settings::summaries(conn, today, settings::Which::All)? {
        by_provider.entry(s.setting.value.provider_id).or_default().push(s);
    }
    Ok(providers
        .into_iter()
        .map(|provider| {
            let live: Vec<SettingSummary> = by_provider
                .remove(&provider.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|s| s.setting.value.archived_on.is_none())
                .collect();
            ProviderSummary {
                settings: live.len() as u32,
                worst: live.iter().filter_map(|s| s.judgement).max(),
                children: live.iter().map(|s| s.children).sum(),
                weekly_spend: live.iter().map(|s| s.weekly_spend).sum(),
                provider,
            }
        })
        .collect())
}

/// Every one of them by id: its name, for labels.
pub fn names(conn: &Connection) -> Result<HashMap<i64, String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM providers")?;
    let names = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn provider_summaries(&self, today: NaiveDate) -> Result<Vec<ProviderSummary>, StoreError> {
        summaries(&self.conn, today)
    }

    pub fn provider_names(&self) -> Result<HashMap<i64, String>, StoreError> {
        names(&self.conn)
    }
}
