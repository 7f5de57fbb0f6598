//! `oversight report board-pack` and `oversight export csv contracts`.

use super::Context;
use crate::domain::date::Month;
use crate::error::{Error, Result};
use crate::report::{self, board, csv};
use crate::store::board as data;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PackFormat {
    Md,
    Html,
    Csv,
}

/// Refuses a month after this one: its pack cannot be written yet.
pub fn check_month(month: Month, today: chrono::NaiveDate) -> Result<()> {
    if month > Month::of(today) {
        return Err(Error::Usage(format!("{} is in the future (today is {today})", month.label())));
    }
    Ok(())
}

/// The bytes of the pack for `month` in `format`.
pub fn render(pack: &data::BoardPack, format: PackFormat) -> Vec<u8> {
    match format {
        PackFormat::Md => board::markdown(pack).into_bytes(),
        PackFormat::Html => board::html(pack).into_bytes(),
        PackFormat::Csv => board::csv(pack),
    }
}

pub fn pack(
    ctx: &Context,
    month: Option<Month>,
    format: PackFormat,
    out: Option<&Path>,
    include_child_refs: bool,
) -> Result<()> {
    let month = month.unwrap_or(Month::of(ctx.today));
    check_month(month, ctx.today)?;
    let store = ctx.open_existing()?;
    let pack = data::pack(&store, &ctx.policy, month, ctx.today, include_child_refs)?;
    let bytes = render(&pack, format);
    match out {
        Some(path) => {
            report::write_file(path, &bytes)?;
            sayln!(
                "wrote the {} board pack to {}: {} Inadequate or Requires improvement settings with children placed",
                month.label(),
                path.display(),
                pack.focus.len()
            );
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes).map_err(|e| Error::Environment(format!("cannot write: {e}")))?;
        }
    }
    Ok(())
}

/// The contracts register councils publish: live contracts over the policy
/// threshold.
pub fn contracts(ctx: &Context, out: Option<&Path>) -> Result<()> {
    let store = ctx.open_existing()?;
    let threshold = ctx.policy.contracts.register_threshold_pounds as i64 * 100;
    let providers: HashMap<i64, String> = store.provider_names()?;
    let rows: Vec<Vec<String>> = store
        .contracts_by_reference()?
        .into_iter()
        .filter(|c| c.value.annual_value.0 > threshold && c.value.is_live(ctx.today))
        .map(|c| {
            let c = c.value;
            let ends = c.ends().map(|d| d.to_string()).unwrap_or_default();
            vec![
                c.reference,
                providers.get(&c.provider_id).cloned().unwrap_or_default(),
                c.title,
                c.kind.label().to_string(),
                c.start.to_string(),
                ends,
                c.annual_value.plain(),
                c.notice_months.map(|m| m.to_string()).unwrap_or_default(),
                c.notice_given_on.map(|d| d.to_string()).unwrap_or_default(),
                c.payments.to_string(),
            ]
        })
        .collect();
    let header = [
        "reference",
        "provider",
        "title",
        "type",
        "start",
        "end",
        "annual_value_gbp",
        "notice_months",
        "notice_given_on",
        "outcome_payments",
    ];
    let bytes = csv::table(&header, &rows);
    match out {
        Some(path) => {
            report::write_file(path, &bytes)?;
            sayln!(
                "wrote {} contracts over £{} a year to {}",
                rows.len(),
                ctx.policy.contracts.register_threshold_pounds,
                path.display()
            );
        }
        None => say!("{}", String::from_utf8_lossy(&bytes)),
    }
    Ok(())
}
