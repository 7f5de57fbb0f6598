//! `oversight export`: planned visits as iCalendar, and tables as CSV.

use super::Context;
use crate::domain::setting::Setting;
use crate::error::Result;
use crate::report::{self, ical};
use crate::store::monitoring;
use std::collections::HashMap;
use std::path::Path;

pub fn ical(ctx: &Context, out: &Path) -> Result<()> {
    let store = ctx.open_existing()?;
    let rows = store.monitoring_rows(&ctx.policy, ctx.today)?;
    let by_setting: HashMap<i64, &monitoring::MonitoringRow> = rows.iter().map(|r| (r.summary.setting.id, r)).collect();
    let mut planned = Vec::new();
    for visit in store.planned_visits()? {
        let (place, location, context) = match visit.value.setting_id.and_then(|id| by_setting.get(&id)) {
            Some(row) => {
                let s: &Setting = &row.summary.setting.value;
                let urn = s.urn.as_ref().map(|u| format!(" ({u})")).unwrap_or_default();
                (
                    format!("{}{urn}, {}", s.name, row.summary.provider_name),
                    format!("{}, {}", s.town, s.local_authority),
                    match &row.due {
                        Some(due) => format!(
                            "Tier {}: {}\nNext visit due {} ({})",
                            row.assessment.tier.number(),
                            row.assessment.summary(),
                            due.date,
                            due.basis
                        ),
                        None => format!("Tier {}: {}", row.assessment.tier.number(), row.assessment.summary()),
                    },
                )
            }
            None => match visit.value.provider_id {
                Some(id) => {
                    let provider: crate::store::Stored<crate::domain::provider::Provider> = store.get(id)?;
                    (provider.value.name, String::new(), String::new())
                }
                None => continue,
            },
        };
        planned.push(ical::PlannedVisit { visit, place, location, context });
    }
    report::write_file(out, ical::calendar(&planned, ctx.today).as_bytes())?;
    sayln!("wrote {} planned visits to {}", planned.len(), out.display());
    Ok(())
}

/// The tables `export csv` writes. The four registers come out in the shape
/// `import csv` reads; the rest as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    Providers,
    Settings,
    Contracts,
    Placements,
    Inspections,
    Visits,
    TierOverrides,
    Reg44Reports,
    Reg44Findings,
    Concerns,
    StrategyMeetings,
    Plans,
    PlanActions,
    PlanEvents,
    Stops,
    StopReviews,
    ExternalAlerts,
    RatingAlerts,
    BoardNotes,
    ProviderReturns,
    PractitionerFeedback,
    PanelCases,
    NeedsAssessments,
    Outcomes,
    DecommissioningReviews,
    /// Regulation 40 notifications
    Notifications,
    UnregisteredPlacements,
    UnregisteredReviews,
    ProviderGroups,
    GroupMembers,
    GroupAccounts,
    /// The audit trail: every change, who, when, before and after (as JSON)
    Audit,
}

impl Table {
    fn register(self) -> Option<crate::import::register::Kind> {
        use crate::import::register::Kind;
        match self {
            Table::Providers => Some(Kind::Providers),
            Table::Settings => Some(Kind::Settings),
            Table::Contracts => Some(Kind::Contracts),
            Table::Placements => Some(Kind::Placements),
            Table::ProviderGroups => Some(Kind::Groups),
            Table::GroupMembers => Some(Kind::Members),
            Table::GroupAccounts => Some(Kind::Accounts),
            _ => None,
        }
    }

    /// The table's name in the database.
    fn name(self) -> String {
        use clap::ValueEnum;
        self.to_possible_value().map(|v| v.get_name().replace('-', "_")).unwrap_or_default()
    }
}

pub fn csv(ctx: &Context, table: Table, out: Option<&Path>) -> Result<()> {
    let store = ctx.open_existing()?;
    let (bytes, rows) = match table.register() {
        Some(kind) => {
            let bytes = crate::import::register::export(&store, kind)?;
            let rows = bytes.iter().filter(|b| **b == b'\n').count().saturating_sub(1);
            (bytes, rows)
        }
        None => {
            let (header, rows) = store.dump_table(&table.name())?;
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            (report::csv::table(&header, &rows), rows.len())
        }
    };
    match out {
        Some(path) => {
            report::write_file(path, &bytes)?;
            sayln!("wrote {rows} rows of {} to {}", table.name(), path.display());
        }
        None => say!("{}", String::from_utf8_lossy(&bytes)),
    }
    Ok(())
}
