//! Provider groups, who belongs to them, their accounts, and the roll-ups
//! read across them.

use super::record::{Deletable, list, record};
use super::{Store, StoreError, Stored};
use crate::domain::Invalid;
use crate::domain::group::{self, Accounts, Group, Membership, Rollup};
use crate::domain::plan::Plan;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

record!(Group, "provider_groups", "provider group", {
    name: "name",
    parent_id: "parent_id",
    companies_house: "companies_house",
    owner_kind: "owner_kind",
    market_oversight: "market_oversight",
    warning_on: "warning_on",
    warning: "warning",
}
    fn duplicate_message(&self) -> String {
        format!("a group named {:?} or numbered {} at Companies House already exists", self.name, self.companies_house)
    }

    fn describe(&self) -> String {
        format!("group {}", self.name)
    }

    /// Its parent, once written, may not lead back to it.
    fn updated(&self, conn: &Connection, id: i64) -> Result<(), StoreError> {
        let parents = parents(conn)?;
        match group::owners(&parents, id) {
            Ok(_) => Ok(()),
            Err(chain) => {
                let names = names(conn)?;
                let said: Vec<&str> = std::iter::once(id).chain(chain).map(|g| names.get(&g).map_or("?", String::as_str)).collect();
                Err(StoreError::Invalid(vec![Invalid::new(
                    "owned by",
                    format!("an ownership loop: {} (a group cannot own itself through others)", said.join(" is owned by ")),
                )]))
            }
        }
    }
);

impl Deletable for Group {}

record!(Membership, "group_members", "group membership", {
    provider_id: "provider_id",
    group_id: "group_id",
}
    fn duplicate_message(&self) -> String {
        "the provider already belongs to a group: change that membership instead".into()
    }

    fn describe(&self) -> String {
        "membership of a group".into()
    }
);

impl Deletable for Membership {}

record!(Accounts, "group_accounts", "group accounts", {
    group_id: "group_id",
    period_end: "period_end",
    turnover: "turnover_pounds",
    profit: "profit_pounds",
    net_assets: "net_assets_pounds",
    source: "source",
}
    fn duplicate_message(&self) -> String {
        format!("accounts to {} are already recorded for this group: edit those", self.period_end)
    }

    fn describe(&self) -> String {
        format!("accounts to {}", self.period_end)
    }
);

impl Deletable for Accounts {}

/// Each group's parent.
fn parents(conn: &Connection) -> Result<HashMap<i64, Option<i64>>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, parent_id FROM provider_groups")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids of the group `provider_id` belongs to and of its owners, nearest
/// first; empty when it belongs to none.
pub(super) fn chain_of(conn: &Connection, provider_id: i64) -> Result<Vec<i64>, StoreError> {
    let Some(m) = list::<Membership>(conn, "WHERE provider_id = ?1", &[&provider_id])?.pop() else {
        return Ok(Vec::new());
    };
    let owners = group::owners(&parents(conn)?, m.value.group_id).unwrap_or_default();
    Ok(std::iter::once(m.value.group_id).chain(owners).collect())
}

fn names(conn: &Connection) -> Result<HashMap<i64, String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM provider_groups")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A group as the Groups screen and `report groups` show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupLine {
    #[serde(flatten)]
    pub group: Stored<Group>,
    /// Its owners, nearest first, by name; the last is the ultimate owner.
    pub owners: Vec<String>,
    pub rollup: Rollup,
    /// Its accounts, the latest first.
    pub accounts: Vec<Stored<Accounts>>,
    /// Its own members' (provider id, name), by name.
    pub members: Vec<(i64, String)>,
}

/// Every group, and the concentration: the largest ultimate owner's share
/// of our children placed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Groups {
    pub lines: Vec<GroupLine>,
    pub concentration: Option<(String, u32)>,
}

/// A group warned of failure while we place children with it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Warned {
    pub name: String,
    pub on: NaiveDate,
    pub warning: String,
    pub children: u32,
}

impl Groups {
    /// The groups warned of failure that hold children we place, by name.
    pub fn warned(&self) -> Vec<Warned> {
        self.lines
            .iter()
            .filter(|l| l.rollup.children > 0)
            .filter_map(|l| {
                let g = &l.group.value;
                let on = g.warning_on?;
                Some(Warned { name: g.name.clone(), on, warning: g.warning.clone(), children: l.rollup.children })
            })
            .collect()
    }
}

/// The groups as of `today`, by name.
pub(super) fn read(conn: &Connection, today: NaiveDate) -> Result<Groups, StoreError> {
    let groups: Vec<Stored<Group>> = list(conn, "ORDER BY name", &[])?;
    let parents: HashMap<i64, Option<i64>> = groups.iter().map(|g| (g.id, g.value.parent_id)).collect();
    let names: HashMap<i64, String> = groups.iter().map(|g| (g.id, g.value.name.clone())).collect();
    let members: Vec<Stored<Membership>> = list(conn, "ORDER BY id", &[])?;
    let by_provider: HashMap<i64, i64> = members.iter().map(|m| (m.value.provider_id, m.value.group_id)).collect();
    let mut rollups = group::rollups(&parents, &by_provider, &super::settings::held(conn, today)?);
    let concentration = group::concentration(&parents, &rollups).map(|(g, share)| (names[&g].clone(), share));
    let providers = conn
        .prepare_cached("SELECT id, name FROM providers")?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<HashMap<i64, String>>>()?;
    let mut accounts: HashMap<i64, Vec<Stored<Accounts>>> = HashMap::new();
    for a in list::<Accounts>(conn, "ORDER BY period_end DESC", &[])? {
        accounts.entry(a.value.group_id).or_default().push(a);
    }
    let lines = groups
        .into_iter()
        .map(|g| {
            let owners = group::owners(&parents, g.id).unwrap_or_default();
            let mut theirs: Vec<(i64, String)> = by_provider
                .iter()
                .filter(|(_, group)| **group == g.id)
                .map(|(p, _)| (*p, providers.get(p).cloned().unwrap_or_default()))
                .collect();
            theirs.sort_by(|a, b| a.1.cmp(&b.1));
            GroupLine {
                owners: owners.iter().map(|o| names[o].clone()).collect(),
                rollup: rollups.remove(&g.id).unwrap_or_default(),
                accounts: accounts.remove(&g.id).unwrap_or_default(),
                members: theirs,
                group: g,
            }
        })
        .collect();
    Ok(Groups { lines, concentration })
}

impl Store {
    pub fn groups(&self, today: NaiveDate) -> Result<Groups, StoreError> {
        read(&self.conn, today)
    }

    /// The group `provider_id` belongs to and that group's owners, nearest
    /// first, by name; empty when it belongs to none.
    pub fn group_chain_of(&self, provider_id: i64) -> Result<Vec<String>, StoreError> {
        let names = names(&self.conn)?;
        Ok(chain_of(&self.conn, provider_id)?.into_iter().filter_map(|g| names.get(&g).cloned()).collect())
    }

    /// Every group's name by id.
    pub fn group_names(&self) -> Result<HashMap<i64, String>, StoreError> {
        names(&self.conn)
    }

    /// The plans answering group `group_id`'s concern, the newest first.
    pub fn group_plans(&self, group_id: i64) -> Result<Vec<Stored<Plan>>, StoreError> {
        list::<Plan>(
            &self.conn,
            "WHERE source = 'group' AND source_id = ?1 ORDER BY requested_on DESC, id DESC",
            &[&group_id],
        )
    }

    /// The memberships of the groups `ids`.
    pub fn memberships_in(&self, ids: &[i64]) -> Result<Vec<Stored<Membership>>, StoreError> {
        Ok(list::<Membership>(&self.conn, "ORDER BY id", &[])?
            .into_iter()
            .filter(|m| ids.contains(&m.value.group_id))
            .collect())
    }
}
