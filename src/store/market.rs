//! Every placement as the market measures read it: how it was bought, its
//! cost, how far away and whether outside the region.

use super::{Store, StoreError};
use crate::domain::contract::ContractType;
use crate::domain::market::{self, Bought, Measures, Reading};
use crate::domain::money::Pence;
use crate::domain::policy;
use chrono::NaiveDate;
use rusqlite::Connection;

/// The months the market measures run over.
pub const MARKET_MONTHS: usize = 12;

/// Every placement, with its contract's type (none: bought without one)
/// and whether its setting lies outside `home_region`.
pub fn bought(conn: &Connection, home_region: &str) -> Result<Vec<Bought>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT pl.start_date, pl.end_date, pl.weekly_cost_pence, c.kind, pl.distance_miles,
                s.region <> ?1 COLLATE NOCASE
         FROM placements pl JOIN settings s ON s.id = pl.setting_id LEFT JOIN contracts c ON c.id = pl.contract_id",
    )?;
    let rows = stmt.query_map([home_region], |r| {
        Ok(Bought {
            start: r.get(0)?,
            end: r.get(1)?,
            weekly: Pence(r.get(2)?),
            how: r.get::<_, Option<ContractType>>(3)?,
            miles: r.get(4)?,
            outside_region: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The market measures at each of the twelve months' ends to `day`'s
/// (`day` itself for its month), oldest first.
pub fn by_month(conn: &Connection, policy: &policy::Market, day: NaiveDate) -> Result<Vec<Measures>, StoreError> {
    let reading = Reading { dearest: policy.dearest as usize, far_miles: policy.far_miles };
    Ok(market::by_month(&bought(conn, &policy.home_region)?, day, MARKET_MONTHS, reading))
}

impl Store {
    pub fn market_by_month(&self, policy: &policy::Market, day: NaiveDate) -> Result<Vec<Measures>, StoreError> {
        by_month(&self.conn, policy, day)
    }
}
