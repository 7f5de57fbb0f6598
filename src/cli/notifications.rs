//! `oversight report notifications`: the Regulation 40 notifications
//! logged between two days, counted by category and by setting, then each.

use super::Context;
use super::due::Format;
use crate::domain::date::add_days;
use crate::domain::notification;
use crate::error::{Error, Result};
use crate::report::csv;
use crate::store::notifications::NotificationRow;
use chrono::NaiveDate;

const HEADER: [&str; 9] =
    ["notified_on", "setting", "provider", "category", "child_ref", "summary", "response", "closed_on", "id"];

/// Its cells; `people` has words for people (the category's short name,
/// "open"), else codes for machines.
fn cells(row: &NotificationRow, people: bool) -> Vec<String> {
    let n = &row.notification.value;
    let open = if people { "open" } else { "" };
    vec![
        n.notified_on.to_string(),
        row.setting.clone(),
        row.provider.clone(),
        if people { n.category.short() } else { n.category.code() }.into(),
        n.child_ref.as_ref().map(ToString::to_string).unwrap_or_default(),
        n.summary.replace('\n', " "),
        n.response.replace('\n', " "),
        n.closed_on.map_or_else(|| open.to_string(), |d| d.to_string()),
        row.notification.id.to_string(),
    ]
}

/// From `from` (a year before `to` by default) to `to` (today by default).
pub fn report(ctx: &Context, from: Option<NaiveDate>, to: Option<NaiveDate>, format: Format) -> Result<()> {
    let to = to.unwrap_or(ctx.today);
    let from = from.unwrap_or_else(|| add_days(to, -364));
    if from > to {
        return Err(Error::Usage(format!("--from {from} is after --to {to}")));
    }
    let store = ctx.open_existing()?;
    let rows = store.notifications(from, to)?;
    match format {
        Format::Json => sayln!("{}", serde_json::to_string_pretty(&rows).unwrap_or_default()),
        Format::Csv => {
            let cells: Vec<Vec<String>> = rows.iter().map(|r| cells(r, false)).collect();
            say!("{}", String::from_utf8_lossy(&csv::table(&HEADER, &cells)));
        }
        Format::Table => {
            let open = rows.iter().filter(|r| r.notification.value.closed_on.is_none()).count();
            sayln!("Regulation 40 notifications from {from} to {to}: {} ({open} open)", rows.len());
            let counts = notification::by_category(rows.iter().map(|r| &r.notification.value));
            for (category, n) in counts {
                sayln!("  {n:>4}  {}", category.label());
            }
            let mut settings: Vec<(&str, &str, usize)> = Vec::new();
            for r in &rows {
                match settings.iter_mut().find(|s| s.0 == r.setting && s.1 == r.provider) {
                    Some(s) => s.2 += 1,
                    None => settings.push((&r.setting, &r.provider, 1)),
                }
            }
            settings.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
            if !settings.is_empty() {
                sayln!("By setting:");
                for (setting, provider, n) in settings {
                    sayln!("  {n:>4}  {setting} ({provider})");
                }
                sayln!("");
            }
            let cells: Vec<Vec<String>> = rows.iter().map(|r| cells(r, true)).collect();
            say!("{}", super::due::aligned(&HEADER, &cells, &[0, 1, 3, 4, 5, 6, 7]));
        }
    }
    Ok(())
}
