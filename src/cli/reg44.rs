//! `oversight reg44 status`: each monitored home's Reg 44 state for a month,
//! with its open flags.

use super::Context;
use super::due::Format;
use crate::domain::date::Month;
use crate::domain::reg44::{self, MonthState, Open};
use crate::error::{Error, Result};
use crate::report::csv;
use serde::Serialize;

#[derive(Debug, Serialize)]
struct HomeStatus {
    setting_id: i64,
    home: String,
    urn: Option<String>,
    provider: String,
    month: Month,
    state: MonthState,
    due_by: chrono::NaiveDate,
    received_on: Option<chrono::NaiveDate>,
    compliance: Option<u32>,
    flags: Vec<reg44::Flag>,
}

pub fn status(ctx: &Context, month: Option<Month>, format: Format) -> Result<()> {
    let due_day = ctx.policy.reg44.due_day;
    let month = month.unwrap_or_else(|| reg44::last_due_month(ctx.today, due_day));
    if month > Month::of(ctx.today) {
        return Err(Error::Usage(format!("{} is in the future (today is {})", month.label(), ctx.today)));
    }
    let store = ctx.open_existing()?;
    let rows = store.monitoring_rows(&ctx.policy, ctx.today)?;
    let found = store.reg44_reports_since(month, None)?;
    let mut homes: Vec<HomeStatus> = rows
        .iter()
        .filter(|r| r.is_monitored())
        .filter_map(|r| r.reg44.as_ref().map(|h| (r, h)))
        .map(|(r, h)| {
            let s = &r.summary.setting.value;
            let received_on = found
                .get(&r.summary.setting.id)
                .and_then(|reports| reports.iter().find(|x| x.report.value.month == month))
                .map(|x| x.report.value.received_on);
            let open = Open { from: s.opened_on.max(s.monitoring_since), until: s.closed_on };
            HomeStatus {
                setting_id: r.summary.setting.id,
                home: s.name.clone(),
                urn: s.urn.as_ref().map(ToString::to_string),
                provider: r.summary.provider_name.clone(),
                month,
                state: reg44::month_state(month, open, received_on, due_day, ctx.today),
                due_by: month.due_by(due_day),
                received_on,
                compliance: h.compliance,
                flags: h.flags.clone(),
            }
        })
        .collect();
    homes.sort_by(|a, b| (a.state as u8, &a.home).cmp(&(b.state as u8, &b.home)));
    let cells: Vec<Vec<String>> = homes
        .iter()
        .map(|h| {
            vec![
                h.home.clone(),
                h.urn.clone().unwrap_or_default(),
                h.state.label().to_string(),
                h.received_on.map(|d| d.to_string()).unwrap_or_default(),
                h.compliance.map(|c| format!("{c}%")).unwrap_or_default(),
                h.flags.iter().map(|f| f.short.as_str()).collect::<Vec<_>>().join("; "),
            ]
        })
        .collect();
    const HEADER: [&str; 6] = ["home", "urn", "state", "received", "compliance", "flags"];
    match format {
        Format::Json => sayln!("{}", serde_json::to_string_pretty(&homes).unwrap_or_default()),
        Format::Csv => say!("{}", String::from_utf8_lossy(&csv::table(&HEADER, &cells))),
        Format::Table => {
            sayln!("Reg 44 reports for {} (due by {}):", month.label(), month.due_by(due_day));
            say!("{}", super::due::aligned(&HEADER, &cells, &[0, 2, 3, 4, 5]));
            let count = |s: MonthState| homes.iter().filter(|h| h.state == s).count();
            sayln!(
                "{} homes: {} received, {} late, {} missing, {} awaited",
                homes.len(),
                count(MonthState::Received),
                count(MonthState::Late),
                count(MonthState::Missing),
                count(MonthState::Awaited)
            );
        }
    }
    Ok(())
}
