//! `oversight report returns`: the returns owed for a quarter, received,
//! late, missing or awaited.

use super::Context;
use super::due::Format;
use crate::domain::returns::{self, Period, Quarter, ReturnKind};
use crate::error::{Error, Result};
use crate::report::csv;
use crate::store::returns::DueRow;

/// The quarter's returns: its supported accommodation returns and fostering
/// reviews, and the self-assessments due within it.
pub fn report(ctx: &Context, quarter: Option<Quarter>, format: Format) -> Result<()> {
    let quarter = quarter.unwrap_or_else(|| Quarter::of(ctx.today).previous());
    if quarter.first_day() > ctx.today {
        return Err(Error::Usage(format!("{quarter} has not begun (today is {})", ctx.today)));
    }
    let year = Period::Year(quarter.first_day().format("%Y").to_string().parse().unwrap_or_default());
    let store = ctx.open_existing()?;
    let within = |r: &DueRow| match r.due.period {
        Period::Quarter(_) => true,
        Period::Year(_) => (quarter.first_day()..=quarter.last_day()).contains(&r.due.due),
    };
    let rows: Vec<DueRow> = store
        .returns_due(&ctx.policy, ctx.today, &[Period::Quarter(quarter), year])?
        .into_iter()
        .filter(within)
        .collect();
    const HEADER: [&str; 7] = ["provider", "setting", "return", "period", "due", "state", "received"];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.provider.clone(),
                r.setting.clone().unwrap_or_default(),
                r.due.kind.label().to_string(),
                r.due.period.to_string(),
                r.due.due.to_string(),
                r.due.state.label().to_string(),
                r.due.received_on.map(|on| on.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    match format {
        Format::Json => sayln!("{}", serde_json::to_string_pretty(&rows).unwrap_or_default()),
        Format::Csv => say!("{}", String::from_utf8_lossy(&csv::table(&HEADER, &cells))),
        Format::Table => {
            let count = |kind: ReturnKind| rows.iter().filter(|r| r.due.kind == kind).count();
            sayln!(
                "Returns for {} ({}): {} supported accommodation returns and {} fostering reviews for the quarter \
                 (due {}), and {} self-assessments due within it",
                quarter,
                quarter.months(),
                count(ReturnKind::Supported),
                count(ReturnKind::Fostering),
                returns::due_by(ReturnKind::Supported, Period::Quarter(quarter), &ctx.policy.returns),
                count(ReturnKind::SelfAssessment)
            );
            let behind = rows.iter().filter(|r| returns::is_behind(r.due.state)).count();
            sayln!("{behind} missing or late.");
            say!("{}", super::due::aligned(&HEADER, &cells, &[0, 1, 2, 4, 5, 6]));
        }
    }
    Ok(())
}
