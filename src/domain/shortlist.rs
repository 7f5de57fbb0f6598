//! The commissioner's shortlist for a placement need (document 001): the
//! settings of the kind needed within reach and budget, ranked by their
//! provider's quality score and then by price, each with its reasons; those
//! under a stop or a concern, judged Inadequate, full, too far or over budget
//! are shown apart with why, and kept only when asked for. A working list
//! for a person to decide from, not a decision.

use super::money::Pence;
use super::rating::{Judgement, Severity};
use super::setting::SettingKind;
use serde::Serialize;

/// What the placement needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub kind: SettingKind,
    /// In our area, or at most this far away.
    pub within_miles: Option<u32>,
    pub max_weekly: Option<Pence>,
}

/// A setting that might take the child.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub setting_id: i64,
    pub setting: String,
    pub provider: String,
    pub kind: SettingKind,
    pub judgement: Option<Judgement>,
    /// The provider's quality score, and the share of its weight with evidence.
    pub score: Option<f64>,
    pub coverage: u32,
    pub in_area: bool,
    pub miles: Option<u32>,
    pub places: Option<u32>,
    pub placed: u32,
    /// What a place costs a week: the mean of its current placements.
    pub weekly: Option<Pence>,
    pub under_stop: bool,
    pub serious_concern: bool,
    /// A concern open about this setting or about its provider as a whole.
    pub concern_open: bool,
}

/// A candidate on the list: its place, or why it is set apart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    #[serde(flatten)]
    pub candidate: Candidate,
    /// Why it stands where it does.
    pub reasons: Vec<String>,
    /// Why it is set apart; empty when it is on the list.
    pub excluded: Vec<String>,
}

/// The settings of the kind needed, those that fit first (best score, then
/// cheapest), then, if `all`, those set apart with why.
pub fn shortlist(candidates: Vec<Candidate>, need: &Need, all: bool) -> Vec<Entry> {
    let mut out: Vec<Entry> = candidates
        .into_iter()
        .filter(|c| c.kind == need.kind)
        .map(|c| {
            let mut excluded = Vec::new();
            if c.under_stop {
                excluded.push("a placement stop is in force".to_string());
            }
            if c.serious_concern {
                excluded.push("a Serious Provider Concern is open".to_string());
            } else if c.concern_open {
                excluded.push("a concern is open about it or its provider".to_string());
            }
            if c.judgement.is_some_and(|j| j.severity() == Severity::Inadequate) {
                excluded.push(format!("judged {}", c.judgement.map_or("", |j| j.label())));
            }
            if let Some(places) = c.places.filter(|p| c.placed >= *p) {
                excluded.push(format!("full: {places} places, {} placed", c.placed));
            }
            match (need.within_miles, c.in_area, c.miles) {
                (None, ..) | (_, true, _) => {}
                (Some(limit), false, Some(m)) if m > limit => excluded.push(format!("{m} miles away, beyond {limit}")),
                (Some(_), false, None) => excluded.push("out of area, distance not known".to_string()),
                _ => {}
            }
            if let (Some(max), Some(weekly)) = (need.max_weekly, c.weekly)
                && weekly > max
            {
                excluded.push(format!("{} a week, over the budget of {}", weekly.full(), max.full()));
            }
            let reasons = vec![
                c.score.map_or_else(
                    || "no provider score".to_string(),
                    |s| format!("provider score {s:.0} ({}% of it with evidence)", c.coverage),
                ),
                c.weekly.map_or_else(
                    || "no price known (none placed now): ask the fee".to_string(),
                    |w| format!("{} a week (what we pay now)", w.full()),
                ),
                match (c.in_area, c.miles) {
                    (true, _) => "in our area".to_string(),
                    (false, Some(m)) => format!("{m} miles"),
                    (false, None) => "distance not known".to_string(),
                },
                match c.places {
                    Some(p) => format!("{} of {p} places free", p.saturating_sub(c.placed)),
                    None => "places not known".to_string(),
                },
                c.judgement.map_or_else(|| "not yet judged".to_string(), |j| j.label().to_string()),
            ];
            Entry { candidate: c, reasons, excluded }
        })
        .filter(|e| all || e.excluded.is_empty())
        .collect();
    out.sort_by(|a, b| {
        // By the whole points shown: a fraction of a point is no reason to pay more.
        let score = |e: &Entry| e.candidate.score.map_or(f64::MIN, f64::round);
        let price = |e: &Entry| e.candidate.weekly.map_or(i64::MAX, |p| p.0);
        (!a.excluded.is_empty())
            .cmp(&!b.excluded.is_empty())
            .then(score(b).total_cmp(&score(a)))
            .then(price(a).cmp(&price(b)))
            .then(a.candidate.setting.cmp(&b.candidate.setting))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home(name: &str, score: Option<f64>, weekly: Option<i64>, miles: Option<u32>) -> Candidate {
        Candidate {
            setting_id: 1,
            setting: name.into(),
            provider: format!("{name} Ltd"),
            kind: SettingKind::ChildrensHome,
            judgement: Some(Judgement::Good),
            score,
            coverage: 100,
            in_area: false,
            miles,
            places: Some(4),
            placed: 2,
            weekly: weekly.map(|p| Pence(p * 100)),
            under_stop: false,
            serious_concern: false,
            concern_open: false,
        }
    }

    #[test]
    fn the_list_runs_by_score_then_price_and_sets_apart_what_cannot_take_the_child() {
        let need = Need { kind: SettingKind::ChildrensHome, within_miles: Some(30), max_weekly: Some(Pence(500_000)) };
        let candidates = vec![
            home("Cheaper", Some(80.0), Some(4200), Some(10)),
            home("Dearer", Some(80.0), Some(4800), Some(12)),
            home("Best", Some(90.0), Some(4900), Some(25)),
            home("Unscored", None, Some(3000), Some(5)),
            home("Far", Some(95.0), Some(4000), Some(45)),
            home("Dear", Some(95.0), Some(5200), Some(5)),
            Candidate { judgement: Some(Judgement::Inadequate), ..home("Inadequate", Some(99.0), Some(4000), Some(3)) },
            Candidate { under_stop: true, ..home("Stopped", Some(99.0), Some(4000), Some(3)) },
            Candidate { placed: 4, ..home("Full", Some(99.0), Some(4000), Some(3)) },
            Candidate { in_area: true, miles: None, ..home("Local", Some(70.0), None, None) },
            Candidate { kind: SettingKind::FosteringAgency, ..home("Agency", Some(99.0), Some(900), Some(1)) },
        ];
        let order = |all| {
            shortlist(candidates.clone(), &need, all).into_iter().map(|e| e.candidate.setting).collect::<Vec<_>>()
        };
        assert_eq!(order(false), ["Best", "Cheaper", "Dearer", "Local", "Unscored"]);
        let every = shortlist(candidates.clone(), &need, true);
        let apart: Vec<(String, String)> = every
            .iter()
            .filter(|e| !e.excluded.is_empty())
            .map(|e| (e.candidate.setting.clone(), e.excluded.join("; ")))
            .collect();
        // Set apart after the list, in the same order: score, then price, then name.
        assert_eq!(
            apart,
            [
                ("Full".to_string(), "full: 4 places, 4 placed".to_string()),
                ("Inadequate".into(), "judged Inadequate".into()),
                ("Stopped".into(), "a placement stop is in force".into()),
                ("Far".into(), "45 miles away, beyond 30".into()),
                ("Dear".into(), "£5,200 a week, over the budget of £5,000".into()),
            ]
        );
        assert!(every.iter().all(|e| e.candidate.kind == SettingKind::ChildrensHome), "only the kind needed");
        let best = &every[0];
        assert_eq!(
            best.reasons[..4],
            [
                "provider score 90 (100% of it with evidence)",
                "£4,900 a week (what we pay now)",
                "25 miles",
                "2 of 4 places free"
            ]
        );
    }
}
