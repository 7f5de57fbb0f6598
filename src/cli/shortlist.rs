//! `oversight shortlist`: the settings that could take a placement, ranked
//! by their provider's quality score and then by price, with the reasons.

use super::Context;
use super::due::Format;
use crate::domain::money::Pence;
use crate::domain::setting::SettingKind;
use crate::domain::shortlist::Need;
use crate::error::Result;
use crate::report::csv;

pub fn run(
    ctx: &Context,
    kind: SettingKind,
    within_miles: Option<u32>,
    max_weekly: Option<Pence>,
    all: bool,
    format: Format,
) -> Result<()> {
    let store = ctx.open_existing()?;
    let need = Need { kind, within_miles, max_weekly };
    let entries = store.shortlist(&ctx.policy, ctx.today, &need, all)?;
    const HEADER: [&str; 5] = ["setting", "provider", "why here", "set apart because", "rank"];
    let cells: Vec<Vec<String>> = entries
        .iter()
        .enumerate()
        .map(|(n, e)| {
            vec![
                e.candidate.setting.clone(),
                e.candidate.provider.clone(),
                e.reasons.join("; "),
                e.excluded.join("; "),
                if e.excluded.is_empty() { (n + 1).to_string() } else { String::new() },
            ]
        })
        .collect();
    match format {
        Format::Json => sayln!("{}", serde_json::to_string_pretty(&entries).unwrap_or_default()),
        Format::Csv => say!("{}", String::from_utf8_lossy(&csv::table(&HEADER, &cells))),
        Format::Table => {
            let fit = entries.iter().filter(|e| e.excluded.is_empty()).count();
            let reach = match within_miles {
                Some(m) => format!("in our area or within {m} miles"),
                None => "anywhere".to_string(),
            };
            let budget = max_weekly.map_or_else(|| "any price".to_string(), |p| format!("at most {} a week", p.full()));
            sayln!(
                "{fit} {} settings fit, {reach}, {budget}; best quality score first, then cheapest \
                 (a list to decide from, not a decision):",
                kind.label().to_lowercase()
            );
            for (n, e) in entries.iter().enumerate() {
                let place = if e.excluded.is_empty() { format!("{:>3}.", n + 1) } else { "  –".to_string() };
                sayln!("{place} {} ({}): {}", e.candidate.setting, e.candidate.provider, e.reasons.join(", "));
                if !e.excluded.is_empty() {
                    sayln!("     set apart: {}", e.excluded.join("; "));
                }
            }
            if !all {
                sayln!(
                    "(--all also lists those set apart: under a stop or concern, Inadequate, full, too far or over budget)"
                );
            }
        }
    }
    Ok(())
}
