//! A provider group's accounts, a row a year: the group by name, the year
//! end, turnover, profit and net assets in whole pounds (a minus for a loss
//! or net liabilities), and where the figures came from.

use super::{Cells, Change, Lookups, key, sorted};
use crate::domain::date;
use crate::domain::group::{Accounts, parse_pounds};
use crate::store::{Store, StoreError};

/// The row as accounts, new or replacing those of the same group and year end.
pub(super) fn row(c: &mut Cells, known: &Lookups) -> Option<(usize, Change<Accounts>)> {
    let name = c.text("group");
    let group = match known.groups.get(&key(&name)) {
        Some(g) => Some(g.id),
        None if name.is_empty() => {
            c.problems.push(crate::import::Problem::at(c.row, "group", "required"));
            None
        }
        None => {
            c.problems.push(crate::import::Problem::at(
                c.row,
                "group",
                format!("no group named {name:?}: add it on the Groups screen (g w) first"),
            ));
            None
        }
    };
    let period_end = c.required("period_end", date::parse);
    let turnover = c.required("turnover", parse_pounds);
    let profit = c.required("profit", parse_pounds);
    let net_assets = c.required("net_assets", parse_pounds);
    let (group_id, period_end) = (group?, period_end?);
    let value = Accounts {
        group_id,
        period_end,
        turnover: turnover?,
        profit: profit?,
        net_assets: net_assets?,
        source: c.text("source"),
    };
    Some((c.row, Change::of(known.accounts.get(&(group_id, period_end)).cloned(), value)))
}

/// The accounts as the register writes them, by group and year end.
pub(super) fn rows(store: &Store, known: &Lookups) -> Result<Vec<Vec<String>>, StoreError> {
    Ok(sorted(store.all::<Accounts>()?, |a| (a.value.group_id, a.value.period_end))
        .into_iter()
        .map(|a| {
            let v = a.value;
            vec![
                known.group_names.get(&v.group_id).cloned().unwrap_or_default(),
                v.period_end.to_string(),
                v.turnover.to_string(),
                v.profit.to_string(),
                v.net_assets.to_string(),
                v.source,
            ]
        })
        .collect())
}
