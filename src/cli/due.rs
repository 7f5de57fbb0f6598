//! `oversight due`: the monitoring visits due or overdue, with tier and reasons.

use super::Context;
use crate::domain::date::add_days;
use crate::error::Result;
use crate::report::csv;
use crate::store::monitoring::MonitoringRow;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// One line of `due`, as JSON names it.
#[derive(Debug, Serialize)]
pub struct DueEntry<'a> {
    pub setting_id: i64,
    pub setting: &'a str,
    pub urn: Option<&'a str>,
    pub provider: &'a str,
    pub local_authority: &'a str,
    pub in_area: bool,
    pub tier: u8,
    pub tier_name: &'a str,
    pub computed_tier: u8,
    #[serde(rename = "override")]
    pub override_: Option<Override<'a>>,
    /// The reasons for the tier in a few words, override first.
    pub summary: String,
    pub reasons: Vec<&'a str>,
    pub last_visit: Option<chrono::NaiveDate>,
    pub next_due: chrono::NaiveDate,
    pub due_basis: &'a str,
    pub days_overdue: i64,
    pub planned: Option<chrono::NaiveDate>,
    pub officer: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct Override<'a> {
    pub tier: u8,
    pub reason: &'a str,
    pub expires: chrono::NaiveDate,
}

fn entry<'a>(row: &'a MonitoringRow, due: &'a crate::domain::schedule::Due, today: chrono::NaiveDate) -> DueEntry<'a> {
    let s = &row.summary.setting.value;
    let a = &row.assessment;
    DueEntry {
        setting_id: row.summary.setting.id,
        setting: &s.name,
        urn: s.urn.as_ref().map(|u| u.as_str()),
        provider: &row.summary.provider_name,
        local_authority: &s.local_authority,
        in_area: s.in_area,
        tier: a.tier.number(),
        tier_name: a.tier.name(),
        computed_tier: a.computed.number(),
        override_: a.override_.as_ref().map(|o| Override {
            tier: o.tier.number(),
            reason: &o.reason,
            expires: o.expires,
        }),
        summary: a.summary(),
        reasons: a.reasons.iter().map(|r| r.text.as_str()).collect(),
        last_visit: row.last_visit.as_ref().map(|v| v.date),
        next_due: due.date,
        due_basis: &due.basis,
        days_overdue: due.days_overdue(today).max(0),
        planned: row.planned.as_ref().map(|p| p.0),
        officer: row.officer(),
    }
}

pub fn run(ctx: &Context, within: u32, format: Format) -> Result<()> {
    let store = ctx.open_existing()?;
    let rows = store.monitoring_rows(&ctx.policy, ctx.today)?;
    let until = add_days(ctx.today, within.into());
    let mut entries: Vec<DueEntry> = rows
        .iter()
        .filter_map(|r| r.due.as_ref().filter(|d| d.date <= until).map(|d| entry(r, d, ctx.today)))
        .collect();
    entries.sort_by(|a, b| a.next_due.cmp(&b.next_due).then(a.setting.cmp(b.setting)));
    match format {
        Format::Json => sayln!("{}", serde_json::to_string_pretty(&entries).unwrap_or_default()),
        Format::Csv => say!("{}", String::from_utf8_lossy(&csv::table(&HEADER, &cells(&entries)))),
        Format::Table => say!("{}", table(&entries, ctx, within)),
    }
    Ok(())
}

const HEADER: [&str; 11] = [
    "setting",
    "urn",
    "provider",
    "local authority",
    "tier",
    "reasons",
    "last visit",
    "next due",
    "days overdue",
    "officer",
    "why",
];

fn cells(entries: &[DueEntry]) -> Vec<Vec<String>> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    entries
        .iter()
        .map(|e| {
            vec![
                e.setting.to_string(),
                e.urn.unwrap_or_default().to_string(),
                e.provider.to_string(),
                e.local_authority.to_string(),
                match e.override_ {
                    Some(_) => format!("{} (override; computed {})", e.tier, e.computed_tier),
                    None => e.tier.to_string(),
                },
                e.reasons.join("; "),
                date(e.last_visit),
                e.next_due.to_string(),
                e.days_overdue.to_string(),
                e.officer.unwrap_or_default().to_string(),
                e.summary.clone(),
            ]
        })
        .collect()
}

/// Aligned text for a terminal.
fn table(entries: &[DueEntry], ctx: &Context, within: u32) -> String {
    if entries.is_empty() {
        return format!(
            "No monitoring visits due by {} (within {within} days of {}).\n",
            add_days(ctx.today, within.into()),
            ctx.today
        );
    }
    let mut out = aligned(&HEADER, &cells(entries), &[0, 1, 3, 4, 7, 8, 10]);
    let overdue = entries.iter().filter(|e| e.days_overdue > 0).count();
    out.push_str(&format!("{} due by {}, {overdue} overdue\n", entries.len(), add_days(ctx.today, within.into())));
    out
}

/// The `shown` columns of a table as aligned text, each at most 48 wide.
pub fn aligned(header: &[&str], rows: &[Vec<String>], shown: &[usize]) -> String {
    let widths: Vec<usize> = shown
        .iter()
        .map(|&c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].len()]).max().unwrap_or(0).min(48))
        .collect();
    let line = |cells: Vec<&str>| {
        let mut out = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let c: String = c.chars().take(*w).collect();
                format!("{c:<w$}")
            })
            .collect::<Vec<_>>()
            .join("  ");
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    };
    let mut out = line(shown.iter().map(|&c| header[c]).collect());
    for r in rows {
        out.push_str(&line(shown.iter().map(|&c| r[c].as_str()).collect()));
    }
    out
}
