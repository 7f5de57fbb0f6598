//! `oversight export`: planned visits as iCalendar.

use super::Context;
use crate::domain::setting::Setting;
use crate::error::Result;
use crate::report::{self, ical};
use crate::store::monitoring;
use crate::store::visits;
use std::collections::HashMap;
use std::path::Path;

pub fn ical(ctx: &Context, out: &Path) -> Result<()> {
    let store = ctx.open_existing()?;
    let rows = monitoring::load(store.conn(), &ctx.policy, ctx.today)?;
    let by_setting: HashMap<i64, &monitoring::MonitoringRow> = rows.iter().map(|r| (r.summary.setting.id, r)).collect();
    let mut planned = Vec::new();
    for visit in visits::planned(store.conn())? {
        let (place, location, context) = match visit.value.setting_id.and_then(|id| by_setting.get(&id)) {
            Some(row) => {
                let s: &Setting = &row.summary.setting.value;
                let urn = s.urn.as_ref().map(|u| format!(" ({u})")).unwrap_or_default();
                (
                    format!("{}{urn}, {}", s.name, row.summary.provider_name),
                    format!("{}, {}", s.town, s.local_authority),
                    format!("Tier {}: {}", row.assessment.tier.number(), row.assessment.summary()),
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
    println!("wrote {} planned visits to {}", planned.len(), out.display());
    Ok(())
}
