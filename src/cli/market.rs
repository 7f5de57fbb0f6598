//! `oversight report market`: the market measures at the end of each of the
//! last twelve months: how placements were bought against the spot target,
//! the dearest placements' average cost, placements far away or outside the region.

use super::Context;
use super::due::Format;
use crate::domain::contract::ContractType;
use crate::domain::market::Measures;
use crate::error::Result;
use crate::report::csv;

fn header(dearest: u32, far: u32) -> Vec<String> {
    let mut h: Vec<String> = ["on", "placements", "weekly spend"].map(String::from).to_vec();
    for k in [ContractType::Block, ContractType::Framework, ContractType::Spot, ContractType::Dps] {
        h.push(format!("{} placements", k.label()));
    }
    h.extend([
        "spot share".to_string(),
        "spot share of spend".to_string(),
        format!("weekly cost, mean of the {dearest} dearest"),
        format!("{far}+ miles"),
        "outside the region".to_string(),
    ]);
    h
}

fn cells(m: &Measures) -> Vec<String> {
    let pct = |p: Option<u32>| p.map_or_else(String::new, |p| format!("{p}%"));
    let mut c = vec![m.on.to_string(), m.placements.to_string(), m.weekly.full()];
    c.extend(m.by_kind.iter().map(|(_, n, _)| n.to_string()));
    c.extend([
        pct(m.spot_share),
        pct(m.spot_spend_share),
        m.dearest_average.map_or_else(String::new, |p| p.full()),
        m.far.to_string(),
        m.outside_region.to_string(),
    ]);
    c
}

pub fn report(ctx: &Context, format: Format) -> Result<()> {
    let store = ctx.open_existing()?;
    let p = &ctx.policy.market;
    let months = store.market_by_month(p, ctx.today)?;
    let header = header(p.dearest, p.far_miles);
    let head: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = months.iter().map(cells).collect();
    match format {
        Format::Json => sayln!("{}", serde_json::to_string_pretty(&months).unwrap_or_default()),
        Format::Csv => say!("{}", String::from_utf8_lossy(&csv::table(&head, &rows))),
        Format::Table => {
            sayln!(
                "The market at each month's end (the month under way: {}); spot aimed at under {}% of placements, \
                 placements without a contract counted spot:",
                ctx.today,
                p.spot_target_percent
            );
            let shown: Vec<usize> = (0..head.len()).collect();
            say!("{}", super::due::aligned(&head, &rows, &shown));
            if let Some(last) = months.last()
                && let Some(share) = last.spot_share
            {
                let verdict = if share < p.spot_target_percent { "under" } else { "above" };
                sayln!(
                    "Spot is {share}% of placements on {}: {verdict} the {}% target.",
                    last.on,
                    p.spot_target_percent
                );
            }
        }
    }
    Ok(())
}
