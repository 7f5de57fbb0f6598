//! A provider's quality score (document 001): 0 to 100, built from the
//! evidence the council holds, each component shown with what it rests on,
//! weighted by the policy. A component with no evidence is left out of the
//! score and said to be so, never counted as 0 or as full marks.

use super::plural;
use super::policy::Score as Weights;
use super::rating::{Judgement, Severity};
use super::visit::VisitOutcome;
use chrono::NaiveDate;
use serde::Serialize;

/// Points for a current judgement, by its severity.
pub fn judgement_points(j: Judgement) -> f64 {
    match j.severity() {
        Severity::Outstanding => 100.0,
        Severity::Good => 75.0,
        Severity::RequiresImprovement => 35.0,
        Severity::Inadequate => 0.0,
    }
}

/// Points for a monitoring visit's outcome.
pub fn visit_points(o: VisitOutcome) -> f64 {
    match o {
        VisitOutcome::Good => 100.0,
        VisitOutcome::Adequate => 70.0,
        VisitOutcome::Concerns => 30.0,
        VisitOutcome::SeriousConcerns => 0.0,
    }
}

/// What the council holds about one provider (or one setting), as of a day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// Each setting's latest judgement known, and when it was inspected.
    pub judgements: Vec<(Judgement, NaiveDate)>,
    /// Settings judged at least twice; of those, whose latest judgement is
    /// better than the one before, and worse.
    pub compared: u32,
    pub improved: u32,
    pub declined: u32,
    /// Each home's Reg 44 compliance over twelve months, where owed.
    pub compliance: Vec<u32>,
    /// Monitored homes' Reg 44 reports received in the last twelve months,
    /// and those of them with a serious finding.
    pub serious_findings: u32,
    pub reports: u32,
    /// Monitoring visits' outcomes in the last twelve months, and the latest visit.
    pub visits: Vec<VisitOutcome>,
    pub last_visit: Option<NaiveDate>,
    /// Returns due by today over the last year: received by their due day, and in all.
    pub returns_on_time: u32,
    pub returns_due: u32,
    /// Practitioner ratings in the last four quarters: their overall mean, and how many.
    pub feedback: Option<(f64, u32)>,
    /// Plan actions due in the last two years: done by their due day, and in all.
    pub actions_on_time: u32,
    pub actions_due: u32,
    /// Placement stops in force, and ended in the last two years; escalated and other open concerns.
    pub stops_in_force: u32,
    pub stops_ended: u32,
    pub concerns_escalated: u32,
    pub concerns_open: u32,
}

impl Evidence {
    /// Adds `other`'s evidence to this: a provider's is its settings' and
    /// its own as a whole; a setting's is its own and its provider's as a whole.
    pub fn add(&mut self, other: &Evidence) {
        self.judgements.extend_from_slice(&other.judgements);
        self.compliance.extend_from_slice(&other.compliance);
        self.visits.extend_from_slice(&other.visits);
        self.last_visit = self.last_visit.max(other.last_visit);
        self.feedback = match (self.feedback, other.feedback) {
            (Some((a, n)), Some((b, m))) => Some(((a * f64::from(n) + b * f64::from(m)) / f64::from(n + m), n + m)),
            (one, other) => one.or(other),
        };
        for (mine, theirs) in [
            (&mut self.compared, other.compared),
            (&mut self.improved, other.improved),
            (&mut self.declined, other.declined),
            (&mut self.serious_findings, other.serious_findings),
            (&mut self.reports, other.reports),
            (&mut self.returns_on_time, other.returns_on_time),
            (&mut self.returns_due, other.returns_due),
            (&mut self.actions_on_time, other.actions_on_time),
            (&mut self.actions_due, other.actions_due),
            (&mut self.stops_in_force, other.stops_in_force),
            (&mut self.stops_ended, other.stops_ended),
            (&mut self.concerns_escalated, other.concerns_escalated),
            (&mut self.concerns_open, other.concerns_open),
        ] {
            *mine += theirs;
        }
    }
}

/// One part of the score: its points (none without evidence), weight and basis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    pub name: &'static str,
    pub points: Option<f64>,
    pub weight: u32,
    /// What it rests on, and how recent, in words.
    pub basis: String,
}

/// The score and its parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// The weighted mean of the components with evidence; none if none has.
    pub score: Option<f64>,
    pub components: Vec<Component>,
}

impl Score {
    /// "67", or "–" with no evidence.
    pub fn label(&self) -> String {
        self.score.map_or_else(|| "–".into(), |s| format!("{s:.0}"))
    }

    /// The share of the weight whose components have evidence, as a whole percentage.
    pub fn coverage(&self) -> u32 {
        let total: u32 = self.components.iter().map(|c| c.weight).sum();
        let with: u32 = self.components.iter().filter(|c| c.points.is_some()).map(|c| c.weight).sum();
        (with * 100).checked_div(total).unwrap_or(0)
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| 100.0 * f64::from(part) / f64::from(whole))
}

/// Scores `e` with the policy's weights.
pub fn score(e: &Evidence, w: &Weights) -> Score {
    let latest = e.judgements.iter().map(|(_, on)| *on).max();
    let judged = e.judgements.len();
    let feedback = e.feedback;
    let components = vec![
        Component {
            name: "Ofsted judgements",
            points: mean(e.judgements.iter().map(|(j, _)| judgement_points(*j))),
            weight: w.ofsted,
            basis: match latest {
                Some(on) => {
                    let whose =
                        if judged == 1 { "1 setting's latest judgement" } else { "settings' latest judgements" };
                    let count = if judged == 1 { String::new() } else { format!("{judged} ") };
                    format!("{count}{whose}, the newest inspected {on}")
                }
                None => "no setting judged yet".into(),
            },
        },
        Component {
            name: "Ofsted trend",
            points: (e.compared > 0)
                .then(|| 50.0 + 50.0 * (f64::from(e.improved) - f64::from(e.declined)) / f64::from(e.compared)),
            weight: w.trend,
            basis: match e.compared {
                0 => "no setting judged twice yet".into(),
                n => format!(
                    "of {} judged twice, {} improved and {} declined at their latest inspection",
                    plural(n as usize, "setting", "settings"),
                    e.improved,
                    e.declined
                ),
            },
        },
        Component {
            name: "Reg 44 compliance",
            points: mean(e.compliance.iter().map(|c| f64::from(*c))),
            weight: w.reg44,
            basis: match e.compliance.len() {
                0 => "no home owes Reg 44 reports".into(),
                1 => "1 home's reports received over twelve months".into(),
                n => format!("{n} homes' reports received over twelve months"),
            },
        },
        Component {
            name: "Serious Reg 44 findings",
            points: (e.reports > 0).then(|| (100.0 - 25.0 * f64::from(e.serious_findings)).max(0.0)),
            weight: w.findings,
            basis: match e.reports {
                0 => "no Reg 44 report in twelve months".into(),
                n => {
                    format!(
                        "{} of {} in twelve months with a serious finding (25 points each)",
                        e.serious_findings,
                        plural(n as usize, "report", "reports")
                    )
                }
            },
        },
        Component {
            name: "Monitoring visits",
            points: mean(e.visits.iter().map(|o| visit_points(*o))),
            weight: w.visits,
            basis: match e.last_visit {
                Some(on) => format!(
                    "{} in twelve months, the last {on}",
                    plural(e.visits.len(), "visit's outcome", "visits' outcomes")
                ),
                None => "no monitoring visit in twelve months".into(),
            },
        },
        Component {
            name: "Returns on time",
            points: share(e.returns_on_time, e.returns_due),
            weight: w.returns,
            basis: match e.returns_due {
                0 => "no return due in the last year".into(),
                n => format!(
                    "{} of {} due in the last year came on time",
                    e.returns_on_time,
                    plural(n as usize, "return", "returns")
                ),
            },
        },
        Component {
            name: "Practitioner feedback",
            points: feedback.map(|(avg, _)| 25.0 * (avg - 1.0)),
            weight: w.feedback,
            basis: match feedback {
                Some((avg, n)) => format!("{n} ratings in four quarters, averaging {avg:.1} of 5"),
                None => "no practitioner feedback in four quarters".into(),
            },
        },
        Component {
            name: "Plan actions on time",
            points: share(e.actions_on_time, e.actions_due),
            weight: w.plans,
            basis: match e.actions_due {
                0 => "no improvement plan action due in two years".into(),
                n => format!(
                    "{} of {} due in two years done by their day",
                    e.actions_on_time,
                    plural(n as usize, "plan action", "plan actions")
                ),
            },
        },
        Component {
            name: "Stops and concerns",
            points: Some(
                (100.0
                    - 50.0 * f64::from(e.stops_in_force)
                    - 25.0 * f64::from(e.stops_ended + e.concerns_escalated)
                    - 10.0 * f64::from(e.concerns_open))
                .max(0.0),
            ),
            weight: w.stops,
            basis: format!(
                "{} in force (50 points each); {} ended in two years and {} open (25 each); {} open (10 each)",
                plural(e.stops_in_force as usize, "stop", "stops"),
                plural(e.stops_ended as usize, "stop", "stops"),
                plural(e.concerns_escalated as usize, "serious concern", "serious concerns"),
                plural(e.concerns_open as usize, "other concern", "other concerns"),
            ),
        },
    ];
    let weighted: Vec<(f64, f64)> =
        components.iter().filter(|c| c.weight > 0).filter_map(|c| c.points.map(|p| (p, f64::from(c.weight)))).collect();
    let total: f64 = weighted.iter().map(|(_, w)| w).sum();
    let score = (total > 0.0).then(|| weighted.iter().map(|(p, w)| p * w).sum::<f64>() / total);
    Score { score, components }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::policy::Policy;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_component_without_evidence_is_left_out_not_scored() {
        let w = Policy::default().score;
        let none = score(&Evidence::default(), &w);
        // Only stops and concerns always have evidence: none in two years is 100.
        assert_eq!(none.score, Some(100.0));
        let empty: Vec<&str> = none.components.iter().filter(|c| c.points.is_none()).map(|c| c.name).collect();
        assert_eq!(empty.len(), 8, "{empty:?}");
        assert!(none.components[0].basis.contains("no setting judged"));
        let off = Weights { stops: 0, ..w };
        assert_eq!(score(&Evidence::default(), &off).score, None, "nothing to score: no score, not 0");
    }

    #[test]
    fn the_score_is_the_weighted_mean_of_the_components_with_evidence() {
        let w = Policy::default().score;
        let e = Evidence {
            judgements: vec![(Judgement::Good, day("2026-03-01")), (Judgement::RequiresImprovement, day("2025-11-02"))],
            compared: 2,
            improved: 0,
            declined: 1,
            visits: vec![VisitOutcome::Good, VisitOutcome::Concerns],
            last_visit: Some(day("2026-10-01")),
            returns_on_time: 3,
            returns_due: 4,
            feedback: Some((4.0, 6)),
            stops_in_force: 0,
            stops_ended: 1,
            concerns_open: 1,
            ..Evidence::default()
        };
        let got = score(&e, &w);
        let points: Vec<Option<f64>> = got.components.iter().map(|c| c.points).collect();
        // By hand: judgements (75 + 35) / 2 = 55; trend 50 + 50 × (0 - 1) / 2 = 25; no Reg 44;
        // visits (100 + 30) / 2 = 65; returns 3 of 4 = 75; feedback 25 × 3 = 75;
        // no plan actions; stops and concerns 100 - 25 - 10 = 65.
        assert_eq!(points, [Some(55.0), Some(25.0), None, None, Some(65.0), Some(75.0), Some(75.0), None, Some(65.0)]);
        let (o, t, v, r, f, s) = (w.ofsted, w.trend, w.visits, w.returns, w.feedback, w.stops);
        let weights = f64::from(o + t + v + r + f + s);
        let want = (55.0 * f64::from(o)
            + 25.0 * f64::from(t)
            + 65.0 * f64::from(v)
            + 75.0 * f64::from(r)
            + 75.0 * f64::from(f)
            + 65.0 * f64::from(s))
            / weights;
        assert!((got.score.unwrap() - want).abs() < 1e-9, "{:?} against {want}", got.score);
        assert!(got.components[5].basis.contains("3 of 4 returns"));
    }
}
