//! `oversight report value`: per provider and setting, the children placed
//! today, what they cost a week, their needs on the Valuing Care tool and
//! what a week costs for each point of need.

use super::Context;
use super::due::Format;
use crate::domain::needs::ValueLine;
use crate::error::Result;
use crate::report::csv;

const HEADER: [&str; 14] = [
    "provider",
    "setting",
    "children",
    "weekly spend",
    "needs measured",
    "average needs score",
    "cost per need point",
    "measured twice",
    "average fall in needs",
    "outcomes agreed",
    "met",
    "missed",
    "outcome payments due",
    "outcome payments made",
];

fn cells(line: &ValueLine) -> Vec<String> {
    let decimal = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.1}"));
    vec![
        line.provider.clone(),
        line.setting.clone().unwrap_or_else(|| "(all its settings)".into()),
        line.children.to_string(),
        line.weekly.full(),
        line.assessed.to_string(),
        decimal(line.average_needs),
        line.cost_per_point.map_or_else(String::new, |p| p.full()),
        line.measured_twice.to_string(),
        decimal(line.average_fall),
        line.outcomes.agreed.to_string(),
        line.outcomes.met.to_string(),
        line.outcomes.missed.to_string(),
        line.outcomes.payments_due.full(),
        line.outcomes.paid.full(),
    ]
}

pub fn report(ctx: &Context, format: Format) -> Result<()> {
    let store = ctx.open_existing()?;
    let lines = store.value(ctx.today)?.lines;
    match format {
        Format::Json => sayln!("{}", serde_json::to_string_pretty(&lines).unwrap_or_default()),
        Format::Csv => {
            let rows: Vec<Vec<String>> = lines.iter().map(cells).collect();
            say!("{}", String::from_utf8_lossy(&csv::table(&HEADER, &rows)));
        }
        Format::Table => {
            sayln!(
                "Value on {}: children placed, weekly spend and needs (Valuing Care: 12 indicators, 0 to {} each; \
                 the needs score is their sum):",
                ctx.today,
                ctx.policy.needs.scale.len().saturating_sub(1)
            );
            let rows: Vec<Vec<String>> = lines.iter().map(cells).collect();
            say!("{}", super::due::aligned(&HEADER, &rows, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]));
        }
    }
    Ok(())
}
