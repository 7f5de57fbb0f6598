//! Provider groups and their members from a register file. A group names
//! its owner by name: the owner must be recorded first (in an earlier file,
//! as providers come before the settings that name them).

use super::{Cells, Change, Lookups, code_of, key, sorted, yes_no};
use crate::domain::date;
use crate::domain::group::{Group, Membership};
use crate::import::Problem;
use crate::store::{Store, StoreError};

/// The row as a group, new or replacing the one of the same name.
pub(super) fn group_row(c: &mut Cells, known: &Lookups) -> Option<(usize, Change<Group>)> {
    let name = c.required("name", |t| Ok::<_, String>(t.to_string()));
    let owner = c.text("owned_by");
    let parent_id = match known.groups.get(&key(&owner)) {
        _ if owner.is_empty() => None,
        Some(g) => Some(g.id),
        None => {
            let why = format!("no group named {owner:?}: record the owner first (a file of owners, imported before)");
            c.problems.push(Problem::at(c.row, "owned_by", why));
            None
        }
    };
    let owner_kind = c.required("owner_kind", code_of);
    let value = Group {
        name: name?,
        parent_id,
        companies_house: c.text("companies_house").replace(' ', "").to_ascii_uppercase(),
        owner_kind: owner_kind?,
        market_oversight: c.parse("market_oversight", yes_no).unwrap_or(false),
        warning_on: c.parse("warning_on", date::parse),
        warning: c.text("warning"),
    };
    Some((c.row, Change::of(known.groups.get(&key(&value.name)).cloned(), value)))
}

/// The row as a provider's membership of a group, new or moving it from another.
pub(super) fn member_row(c: &mut Cells, known: &Lookups) -> Option<(usize, Change<Membership>)> {
    let provider = super::provider_of(c, known);
    let name = c.text("group");
    let group = match known.groups.get(&key(&name)) {
        Some(g) => Some(g.id),
        None => {
            let why = if name.is_empty() { "required".to_string() } else { format!("no group named {name:?}") };
            c.problems.push(Problem::at(c.row, "group", why));
            None
        }
    };
    let value = Membership { provider_id: provider?, group_id: group? };
    Some((c.row, Change::of(known.members.get(&value.provider_id).cloned(), value)))
}

/// The groups as the register writes them, by name.
pub(super) fn group_rows(store: &Store, known: &Lookups) -> Result<Vec<Vec<String>>, StoreError> {
    Ok(sorted(store.all::<Group>()?, |g| g.value.name.to_lowercase())
        .into_iter()
        .map(|g| {
            let v = g.value;
            vec![
                v.name,
                v.parent_id.and_then(|p| known.group_names.get(&p).cloned()).unwrap_or_default(),
                v.companies_house,
                v.owner_kind.code().into(),
                if v.market_oversight { "yes" } else { "no" }.into(),
                v.warning_on.map(|d| d.to_string()).unwrap_or_default(),
                v.warning,
            ]
        })
        .collect())
}

/// Each provider in a group and the group, by provider.
pub(super) fn member_rows(store: &Store, known: &Lookups) -> Result<Vec<Vec<String>>, StoreError> {
    let name_of = |id: i64| known.provider_names.get(&id).cloned().unwrap_or_default();
    Ok(sorted(store.all::<Membership>()?, |m| name_of(m.value.provider_id).to_lowercase())
        .into_iter()
        .map(|m| {
            vec![name_of(m.value.provider_id), known.group_names.get(&m.value.group_id).cloned().unwrap_or_default()]
        })
        .collect())
}
