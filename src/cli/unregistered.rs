//! `oversight report unregistered`: every child placed where no
//! registration covers them, open first, with the next review.

use super::Context;
use super::due::Format;
use crate::error::Result;
use crate::report::csv;
use crate::store::unregistered::Line;

const HEADER: [&str; 15] = [
    "child_ref",
    "provider",
    "address",
    "first_night",
    "ended_on",
    "nights",
    "reason",
    "deprivation_of_liberty",
    "approved_by",
    "ofsted_notified_on",
    "applied_on",
    "weekly_cost",
    "reviews",
    "next_review",
    "review_overdue",
];

fn cells(line: &Line, today: chrono::NaiveDate) -> Vec<String> {
    let u = &line.placement.value;
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let last = u.end.unwrap_or(today).min(today);
    let order = match (u.deprivation_of_liberty, u.order_on) {
        (true, Some(on)) => format!("yes: {} on {on}", u.court),
        _ => "no".into(),
    };
    vec![
        u.child_ref.to_string(),
        line.provider.clone(),
        u.address.clone(),
        u.start.to_string(),
        day(u.end),
        (last - u.start).num_days().to_string(),
        u.reason.replace('\n', " "),
        order,
        u.approved_by.clone(),
        day(u.ofsted_notified_on),
        day(u.applied_on),
        u.weekly_cost.full(),
        line.reviews.len().to_string(),
        day(line.next_review),
        if line.overdue { "yes" } else { "no" }.into(),
    ]
}

pub fn report(ctx: &Context, format: Format) -> Result<()> {
    let store = ctx.open_existing()?;
    let lines = store.unregistered(&ctx.policy, ctx.today)?;
    let rows: Vec<Vec<String>> = lines.iter().map(|l| cells(l, ctx.today)).collect();
    match format {
        Format::Json => sayln!("{}", serde_json::to_string_pretty(&lines).unwrap_or_default()),
        Format::Csv => say!("{}", String::from_utf8_lossy(&csv::table(&HEADER, &rows))),
        Format::Table => {
            let open = lines.iter().filter(|l| l.placement.value.is_open(ctx.today)).count();
            let overdue = lines.iter().filter(|l| l.overdue).count();
            sayln!(
                "Unregistered placements on {}: {open} open ({overdue} with a review overdue; reviewed every {} days), {} ended",
                ctx.today,
                ctx.policy.unregistered.review_days,
                lines.len() - open
            );
            say!("{}", super::due::aligned(&HEADER, &rows, &[0, 1, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]));
        }
    }
    Ok(())
}
