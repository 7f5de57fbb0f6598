//! The pack's evidence section: the quality scores of the providers of the
//! settings the board scrutinises, and the returns missing or late.

use super::{Block, Table};
use crate::store::board::BoardPack;

const SCORE_HEADER: [&str; 4] = ["Provider", "Quality score", "Resting on evidence", "Lowest component"];
const RETURNS_HEADER: [&str; 6] = ["Provider", "Setting", "Return", "Period", "Due", "State"];

pub(super) fn blocks(pack: &BoardPack) -> Vec<Block> {
    let month = pack.month.label();
    let scores = pack
        .provider_scores
        .iter()
        .map(|s| {
            vec![
                s.provider.clone(),
                s.score.map_or_else(|| "none".into(), |v| format!("{v:.0}")),
                format!("{}%", s.coverage),
                s.lowest.clone(),
            ]
        })
        .collect();
    let returns = pack
        .returns_behind
        .iter()
        .map(|r| {
            let state = match r.due.received_on {
                Some(on) => format!("late: received {on}"),
                None => "missing".into(),
            };
            vec![
                r.provider.clone(),
                r.setting.clone().unwrap_or_default(),
                r.due.kind.label().to_string(),
                r.due.period.label(),
                r.due.due.to_string(),
                state,
            ]
        })
        .collect();
    vec![
        Block::Heading(2, "Evidence from providers".into()),
        Block::Para(
            "Quality scores (0 to 100, the weighted mean of the components with evidence) of the providers of \
             the settings above, and how much of each score rests on evidence."
                .into(),
        ),
        Block::Table(Table::new("provider_scores", "Quality scores", &SCORE_HEADER, scores)),
        Block::Table(Table::new(
            "returns_behind",
            format!("Returns missing, or received late in {month}"),
            &RETURNS_HEADER,
            returns,
        )),
    ]
}
