//! `oversight report groups`: each provider group with the groups beneath
//! it: settings and their judgements, children placed, weekly spend, shares
//! of ours, settings short of Good (two or more: a group concern), and its
//! financial watch.

use super::Context;
use super::due::Format;
use crate::domain::group::pounds;
use crate::error::Result;
use crate::report::csv;
use crate::store::groups::GroupLine;

const HEADER: [&str; 19] = [
    "group",
    "owned_by",
    "ultimate_owner",
    "companies_house",
    "owner_kind",
    "providers",
    "settings",
    "outstanding",
    "good",
    "requires_improvement",
    "inadequate",
    "children",
    "weekly_spend",
    "share_of_children_%",
    "share_of_spend_%",
    "group_concern",
    "market_oversight",
    "warning",
    "latest_accounts",
];

fn cells(l: &GroupLine) -> Vec<String> {
    let g = &l.group.value;
    let r = &l.rollup;
    let share = |s: Option<u32>| s.map_or_else(String::new, |s| s.to_string());
    let accounts = l.accounts.first().map_or_else(String::new, |a| {
        let a = &a.value;
        format!(
            "to {}: turnover {}, profit {}, net assets {}",
            a.period_end,
            pounds(a.turnover),
            pounds(a.profit),
            pounds(a.net_assets)
        )
    });
    vec![
        g.name.clone(),
        l.owners.first().cloned().unwrap_or_default(),
        l.owners.last().cloned().unwrap_or_else(|| g.name.clone()),
        g.companies_house.clone(),
        g.owner_kind.label().into(),
        r.providers.to_string(),
        r.settings.to_string(),
        r.by_judgement[0].to_string(),
        r.by_judgement[1].to_string(),
        r.by_judgement[2].to_string(),
        r.by_judgement[3].to_string(),
        r.children.to_string(),
        r.weekly.full(),
        share(r.share_of_children),
        share(r.share_of_spend),
        if r.concern() { "yes" } else { "no" }.into(),
        if g.market_oversight { "yes" } else { "no" }.into(),
        g.warning_on.map_or_else(String::new, |on| format!("{on}: {}", g.warning)),
        accounts,
    ]
}

pub fn report(ctx: &Context, format: Format) -> Result<()> {
    let store = ctx.open_existing()?;
    let groups = store.groups(ctx.today)?;
    match format {
        Format::Json => sayln!("{}", serde_json::to_string_pretty(&groups).unwrap_or_default()),
        Format::Csv => {
            let rows: Vec<Vec<String>> = groups.lines.iter().map(cells).collect();
            say!("{}", String::from_utf8_lossy(&csv::table(&HEADER, &rows)));
        }
        Format::Table => {
            let threshold = ctx.policy.groups.concentration_percent;
            match &groups.concentration {
                Some((name, share)) => sayln!(
                    "Provider groups on {}: our largest ultimate owner is {name}, with {share}% of our children placed \
                     (the policy's threshold {threshold}%{})",
                    ctx.today,
                    if *share > threshold { ": over it" } else { "" }
                ),
                None => sayln!("Provider groups on {}: none with children placed", ctx.today),
            }
            let rows: Vec<Vec<String>> = groups.lines.iter().map(cells).collect();
            say!("{}", super::due::aligned(&HEADER, &rows, &[0, 2, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16]));
        }
    }
    Ok(())
}
