//! A provider group, a provider's membership of one, and a group's accounts.

use super::record::{Saver, record_form_saved_by};
use super::{Choice, Field, Form, Values, record_form};
use crate::domain::Invalid;
use crate::domain::group::{Accounts, Group, Membership, OwnerKind, parse_pounds};
use crate::store::Stored;
use chrono::NaiveDate;

/// Records a group, owned by one of `owners` (id and name; "" for none), or edits `existing`.
pub fn form(owners: Vec<Choice>, existing: Option<&Stored<Group>>, today: NaiveDate) -> Form {
    let g = existing.map(|s| &s.value);
    let owner = g.and_then(|g| g.parent_id).map_or_else(String::new, |p| p.to_string());
    let fields = vec![
        Field::text("name", "Name", g.map_or("", |g| &g.name), 200).required(),
        Field::choice("owned by", "Owned by", owners, &owner),
        Field::text("Companies House", "Companies House number", g.map_or("", |g| &g.companies_house), 8)
            .hint("eight characters, e.g. 01234567 or SC123456"),
        Field::choice(
            "kind",
            "Kind of owner",
            Choice::all::<OwnerKind>(None),
            g.map_or(OwnerKind::Private, |g| g.owner_kind).code(),
        ),
        Field::yes_no("oversight", "Under market oversight", g.is_some_and(|g| g.market_oversight)),
        Field::date("warned on", "Warning of failure on", g.and_then(|g| g.warning_on)),
        Field::text("warning", "The warning", g.map_or("", |g| &g.warning), 1000),
    ];
    let build = |v: &Values| {
        Ok(Group {
            name: v.text("name"),
            parent_id: v.id("owned by"),
            companies_house: v.text("Companies House").to_ascii_uppercase(),
            owner_kind: v.code("kind").unwrap_or(OwnerKind::Private),
            market_oversight: v.yes("oversight"),
            warning_on: v.opt_date("warned on")?,
            warning: v.text("warning"),
        })
    };
    let mut form = record_form(fields, existing, build, today);
    form.title = g.map_or_else(|| "New provider group".into(), |g| format!("Edit group · {}", g.name));
    form
}

/// Puts one of `providers` (id and name) into group `group_id` (`group` names it).
pub fn member_form(group_id: i64, group: &str, providers: Vec<Choice>, today: NaiveDate) -> Form {
    let first = providers.first().map(|c| c.code.clone()).unwrap_or_default();
    let names: Vec<(String, String)> = providers.iter().map(|c| (c.code.clone(), c.label.clone())).collect();
    let fields = vec![Field::choice("provider", "Provider", providers, &first)];
    let build = move |v: &Values| Ok(Membership { provider_id: v.id("provider").unwrap_or(0), group_id });
    let group_name = group.to_string();
    let saves: Saver<Membership> = Box::new(move |store, _, m| {
        let code = m.provider_id.to_string();
        let provider = names.iter().find(|n| n.0 == code).map_or("the provider", |n| n.1.as_str());
        Ok((store.insert(m)?, format!(": {provider} is now in {group_name}")))
    });
    let mut form = record_form_saved_by(fields, None, build, saves, today);
    form.title = format!("Add a provider in no group to {group}");
    form
}

/// Records group `group_id`'s accounts for a year, or edits `existing`.
pub fn accounts_form(group_id: i64, group: &str, existing: Option<&Stored<Accounts>>, today: NaiveDate) -> Form {
    let a = existing.map(|s| &s.value);
    let signed =
        |n: Option<i64>| n.map_or_else(String::new, |n| if n < 0 { format!("-{}", -n) } else { n.to_string() });
    let fields = vec![
        Field::date("period end", "Year ended", a.map(|a| a.period_end)).required(),
        Field::text("turnover", "Turnover (£)", &signed(a.map(|a| a.turnover)), 20).required(),
        Field::text("profit", "Profit (£)", &signed(a.map(|a| a.profit)), 20)
            .required()
            .hint("a loss with a minus: -340000"),
        Field::text("net assets", "Net assets (£)", &signed(a.map(|a| a.net_assets)), 20)
            .required()
            .hint("net liabilities with a minus"),
        Field::text("source", "Source", a.map_or("", |a| &a.source), 200).hint("e.g. filed accounts 2025"),
    ];
    let build = move |v: &Values| {
        let sum = |key: &'static str| parse_pounds(&v.text(key)).map_err(|m| Invalid::new(key, m));
        Ok(Accounts {
            group_id,
            period_end: v.date("period end")?,
            turnover: sum("turnover")?,
            profit: sum("profit")?,
            net_assets: sum("net assets")?,
            source: v.text("source"),
        })
    };
    let mut form = record_form(fields, existing, build, today);
    form.title = format!("Accounts · {group}");
    form
}
