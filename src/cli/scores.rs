//! `oversight report scores`: every provider's quality score, each
//! component with its points, weight and what it rests on.

use super::Context;
use super::due::Format;
use crate::error::Result;
use crate::report::csv;

pub fn report(ctx: &Context, format: Format) -> Result<()> {
    let store = ctx.open_existing()?;
    let scores = store.scores(&ctx.policy, ctx.today)?;
    let points = |p: Option<f64>| p.map_or_else(|| "no evidence".into(), |p| format!("{p:.0}"));
    match format {
        Format::Json => sayln!("{}", serde_json::to_string_pretty(&scores).unwrap_or_default()),
        Format::Csv => {
            const HEADER: [&str; 6] = ["provider", "score", "component", "points", "weight", "basis"];
            let cells: Vec<Vec<String>> = scores
                .iter()
                .flat_map(|s| {
                    s.score.components.iter().map(move |c| {
                        vec![
                            s.provider.clone(),
                            s.score.score.map(|v| format!("{v:.1}")).unwrap_or_default(),
                            c.name.to_string(),
                            c.points.map(|p| format!("{p:.1}")).unwrap_or_default(),
                            c.weight.to_string(),
                            c.basis.clone(),
                        ]
                    })
                })
                .collect();
            say!("{}", String::from_utf8_lossy(&csv::table(&HEADER, &cells)));
        }
        Format::Table => {
            sayln!("Quality scores on {} (0 to 100; the weighted mean of the components with evidence):", ctx.today);
            const HEADER: [&str; 4] = ["provider", "score", "lowest component", "components without evidence"];
            let cells: Vec<Vec<String>> = scores
                .iter()
                .map(|s| {
                    let with: Vec<_> =
                        s.score.components.iter().filter(|c| c.points.is_some() && c.weight > 0).collect();
                    let lowest = with
                        .iter()
                        .min_by(|a, b| a.points.unwrap_or(0.0).total_cmp(&b.points.unwrap_or(0.0)))
                        .map(|c| format!("{} {}", c.name, points(c.points)))
                        .unwrap_or_default();
                    let without = s.score.components.iter().filter(|c| c.points.is_none()).count();
                    vec![s.provider.clone(), s.score.label(), lowest, without.to_string()]
                })
                .collect();
            say!("{}", super::due::aligned(&HEADER, &cells, &[0, 1, 2, 3]));
        }
    }
    Ok(())
}
