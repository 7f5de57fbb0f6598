//! The pack's market section (document 000): how placements were bought
//! against the spot target, the dearest placements' cost and placements far
//! away, month by month; and the decommissioning reviews open (document 002).

use super::{Block, Chart, Table, money};
use crate::domain::contract::ContractType;
use crate::domain::plural;
use crate::store::board::BoardPack;

const MARKET_HEADER: [&str; 9] = [
    "Month's end",
    "Placements",
    "Block",
    "Framework",
    "Spot",
    "DPS",
    "Spot share",
    "Dearest, mean weekly",
    "Far from home",
];
const REVIEW_HEADER: [&str; 6] = ["Setting", "Provider", "Opened", "Judgement", "Children", "Where it stands"];

fn pct(p: Option<u32>) -> String {
    p.map_or_else(|| "–".into(), |p| format!("{p}%"))
}

pub(super) fn blocks(pack: &BoardPack) -> Vec<Block> {
    let mut out = vec![Block::Heading(2, "Decommissioning reviews".into())];
    out.push(Block::Para(match pack.decommissioning.len() {
        0 => "No decommissioning review is open: no home with our children placed has fallen below Good \
              without a decision made."
            .into(),
        n => format!(
            "{} open: each home fell below Good with our children placed, and the protocol's steps run to a \
             decision to continue with an improvement plan, stop placements or end the contract.",
            plural(n, "review is", "reviews are")
        ),
    }));
    let as_of = pack.overview.as_of;
    let reviews = pack
        .decommissioning
        .iter()
        .map(|l| {
            let r = &l.review;
            vec![
                l.setting.clone(),
                l.provider.clone(),
                r.opened_on.to_string(),
                format!("{} → {}", r.from.label(), r.to.label()),
                r.children.to_string(),
                r.progress(as_of),
            ]
        })
        .collect();
    out.push(Block::Table(Table::new("decommissioning", "Decommissioning reviews open", &REVIEW_HEADER, reviews)));
    out.extend(market(pack));
    out
}

fn market(pack: &BoardPack) -> Vec<Block> {
    let months = &pack.overview.market;
    let (Some(first), Some(last)) = (months.first(), months.last()) else { return Vec::new() };
    let target = pack.spot_target_percent;
    let trend = match (first.spot_share, last.spot_share) {
        (Some(a), Some(_)) => format!(" (from {a}% on {})", first.on),
        _ => String::new(),
    };
    let verdict = match last.spot_share {
        Some(s) if s < target => "under",
        Some(_) => "not yet under",
        None => "with nothing placed, neither under nor over",
    };
    let dearest = match (first.dearest_average, last.dearest_average) {
        (Some(a), Some(b)) => format!("{} a week, from {} on {}", money(b), money(a), first.on),
        (_, Some(b)) => format!("{} a week", money(b)),
        _ => "none placed".into(),
    };
    let count = |m: &crate::domain::market::Measures, k: ContractType| {
        m.by_kind.iter().find(|(kind, ..)| *kind == k).map_or(0, |(_, n, _)| *n).to_string()
    };
    let rows = months
        .iter()
        .map(|m| {
            vec![
                m.on.to_string(),
                m.placements.to_string(),
                count(m, ContractType::Block),
                count(m, ContractType::Framework),
                count(m, ContractType::Spot),
                count(m, ContractType::Dps),
                pct(m.spot_share),
                m.dearest_average.map_or_else(String::new, money),
                m.far.to_string(),
            ]
        })
        .collect();
    vec![
        Block::Heading(2, "The market".into()),
        Block::Bullets(vec![
            format!(
                "Spot purchases are {} of placements{trend} and {} of spend, {verdict} the {target}% aimed at.",
                pct(last.spot_share),
                pct(last.spot_spend_share)
            ),
            format!("The {} dearest placements cost on average {dearest}.", pack.dearest),
            format!(
                "{} {} miles or more from home, {} outside the region.",
                plural(last.far as usize, "placement is", "placements are"),
                pack.far_miles,
                last.outside_region
            ),
        ]),
        Block::Chart(Chart {
            title: "Spot share of placements, by month's end (%)".into(),
            categories: months.iter().map(|m| m.on.format("%b %Y").to_string()).collect(),
            series: vec![("Spot".into(), months.iter().map(|m| m.spot_share.unwrap_or(0)).collect())],
        }),
        Block::Table(Table::new("market", "How placements were bought, by month's end", &MARKET_HEADER, rows)),
    ]
}
