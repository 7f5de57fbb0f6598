//! A child's needs on the Valuing Care tool (document 001): twelve
//! indicators in six domains, each scored on the policy's scale (by default
//! 0 none, 1 low, 2 medium, 3 high), when the child is placed and at each
//! review. Cost read against need: "from cost to value".

use super::code::code_enum;
use super::money::Pence;
use super::outcome::Tally;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    /// The six "Outcome Bee" domains.
    #[derive(PartialOrd, Ord)]
    pub enum Domain {
        Healthy => ("be_healthy", "Be Healthy"),
        Safe => ("be_safe", "Be Safe"),
        Ambitious => ("be_ambitious", "Be Ambitious"),
        Resilient => ("be_resilient", "Be Resilient"),
        Independent => ("be_independent", "Be Independent"),
        Happy => ("be_happy", "Be Happy"),
    }
);

/// One of the twelve indicators: its domain, a few words, and the tool's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indicator {
    pub domain: Domain,
    pub short: &'static str,
    /// Numbered with its domain, for a form: "1 Healthy: physical health".
    pub label: &'static str,
    pub text: &'static str,
}

/// The twelve indicators in the tool's order, two to a domain.
pub const INDICATORS: [Indicator; 12] = [
    Indicator {
        domain: Domain::Healthy,
        short: "physical health",
        label: "1 Healthy: physical",
        text: "has a physical health need that requires additional support",
    },
    Indicator {
        domain: Domain::Healthy,
        short: "emotional and mental health",
        label: "2 Healthy: emotional",
        text: "needs support with their emotional health or a diagnosed or undiagnosed mental health condition",
    },
    Indicator {
        domain: Domain::Safe,
        short: "healthy attachments",
        label: "3 Safe: attachments",
        text: "needs support to form positive and healthy attachments and friendships, free from exploitation",
    },
    Indicator {
        domain: Domain::Safe,
        short: "safe decisions",
        label: "4 Safe: decisions",
        text: "needs support to make safe decisions around drugs, alcohol and sexualised behaviour",
    },
    Indicator {
        domain: Domain::Ambitious,
        short: "learning difficulty or disability",
        label: "5 Ambitious: learning",
        text: "has an assessed learning difficulty or disability and requires additional support to manage it",
    },
    Indicator {
        domain: Domain::Ambitious,
        short: "educational progress",
        label: "6 Ambitious: education",
        text: "has a lower level of educational progress and needs support to achieve at the expected level",
    },
    Indicator {
        domain: Domain::Resilient,
        short: "managing emotions",
        label: "7 Resilient: emotions",
        text: "needs support to manage emotions, respond to stress, self-regulate or observe boundaries",
    },
    Indicator {
        domain: Domain::Resilient,
        short: "social activities",
        label: "8 Resilient: social",
        text: "needs support to engage in social activities in their community",
    },
    Indicator {
        domain: Domain::Independent,
        short: "self-care skills",
        label: "9 Independent: self-care",
        text: "needs support in developing age-appropriate self-care skills",
    },
    Indicator {
        domain: Domain::Independent,
        short: "setting goals",
        label: "10 Independent: goals",
        text: "needs support in setting age-appropriate goals and objectives",
    },
    Indicator {
        domain: Domain::Happy,
        short: "wishes and feelings",
        label: "11 Happy: wishes",
        text: "needs support to ensure their wishes, opinions and feelings are known",
    },
    Indicator {
        domain: Domain::Happy,
        short: "identity and self-esteem",
        label: "12 Happy: identity",
        text: "needs support to understand their identity and life story and to develop positive self-esteem",
    },
];

/// The most any scale may run to; the policy's scale is at most this long.
pub const MOST: u8 = 9;

code_enum!(
    /// When the needs were measured.
    pub enum Occasion {
        Placement => ("placement", "At placement"),
        Review => ("review", "Review"),
    }
);

/// The twelve scores, in the indicators' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Scores(pub [u8; 12]);

impl Scores {
    /// "2,0,1,…": as stored.
    pub fn to_text(self) -> String {
        self.0.iter().map(u8::to_string).collect::<Vec<_>>().join(",")
    }

    pub fn parse(text: &str) -> Result<Scores, String> {
        let numbers: Vec<u8> = text
            .split(',')
            .map(|n| n.trim().parse::<u8>().map_err(|_| format!("{n:?} is not a score")))
            .collect::<Result<_, _>>()?;
        let scores: [u8; 12] =
            numbers.try_into().map_err(|n: Vec<u8>| format!("{} scores where the tool has 12", n.len()))?;
        Ok(Scores(scores))
    }

    /// The needs score: the sum of the twelve.
    pub fn total(self) -> u32 {
        self.0.iter().map(|n| u32::from(*n)).sum()
    }

    /// How many indicators show a need (a score above none).
    pub fn needs(self) -> usize {
        self.0.iter().filter(|n| **n > 0).count()
    }

    /// The indicator scored highest (the first of equals), if any shows a need.
    pub fn highest(self) -> Option<&'static Indicator> {
        let top = *self.0.iter().max()?;
        (top > 0).then(|| self.0.iter().position(|n| *n == top).map(|i| &INDICATORS[i])).flatten()
    }

    /// Each domain's total, in the domains' order.
    pub fn by_domain(self) -> Vec<(Domain, u32)> {
        <Domain as super::code::Code>::ALL
            .iter()
            .map(|d| {
                let sum =
                    INDICATORS.iter().zip(self.0).filter(|(i, _)| i.domain == *d).map(|(_, n)| u32::from(n)).sum();
                (*d, sum)
            })
            .collect()
    }
}

/// The most points a domain can hold on a scale of `scale` words: each of
/// its indicators at the top.
pub fn domain_top(scale: usize) -> u32 {
    let per_domain = INDICATORS.len() / <Domain as super::code::Code>::ALL.len();
    (per_domain * scale.saturating_sub(1)) as u32
}

/// One measurement of a placed child's needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsAssessment {
    pub placement_id: i64,
    pub assessed_on: NaiveDate,
    pub occasion: Occasion,
    /// Who assessed: a name or role, never the child's.
    pub assessor: String,
    pub scores: Scores,
}

impl Validate for NeedsAssessment {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = check_text("assessor", &self.assessor, true, 80).into_iter().collect();
        if self.assessed_on > today {
            out.push(Invalid::new("assessed", format!("is after today ({today}): record an assessment once made")));
        }
        for (n, score) in self.scores.0.iter().enumerate() {
            if *score > MOST {
                out.push(Invalid::new(FIELDS[n], format!("{score} is beyond any scale (0 to {MOST})")));
            }
        }
        out
    }
}

/// The form field and error key of each indicator, in order.
pub const FIELDS: [&str; 12] = [
    "need 1", "need 2", "need 3", "need 4", "need 5", "need 6", "need 7", "need 8", "need 9", "need 10", "need 11",
    "need 12",
];

/// Whether `score` lies on a scale of `labels`, or the message beside its field.
pub fn on_scale(score: u8, labels: &[String]) -> Result<u8, String> {
    let top = labels.len().saturating_sub(1);
    if usize::from(score) <= top {
        Ok(score)
    } else {
        let names: Vec<String> = labels.iter().enumerate().map(|(n, l)| format!("{n} {l}")).collect();
        Err(format!("{score} is off the scale: {}", names.join(", ")))
    }
}

/// How a placed child's needs moved: first measured, latest, and the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Change {
    pub first: (NaiveDate, u32),
    pub latest: (NaiveDate, u32),
}

impl Change {
    /// Points of need gone (positive) or added (negative) since the first.
    pub fn fall(self) -> i64 {
        i64::from(self.first.1) - i64::from(self.latest.1)
    }
}

/// The change across a placement's assessments (any order); none with fewer than two.
pub fn change(assessments: &[&NeedsAssessment]) -> Option<Change> {
    let mut dated: Vec<(NaiveDate, u32)> = assessments.iter().map(|a| (a.assessed_on, a.scores.total())).collect();
    dated.sort();
    match dated[..] {
        [first, .., latest] => Some(Change { first, latest }),
        _ => None,
    }
}

/// What a week of a placement costs for each point of need, to the nearest
/// penny: none at no need.
pub fn cost_per_point(weekly: Pence, needs: u32) -> Option<Pence> {
    let n = i64::from(needs);
    (needs > 0).then(|| Pence((weekly.0 + n / 2) / n))
}

/// A placement as the value report reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed<'a> {
    pub provider: &'a str,
    pub setting: &'a str,
    pub weekly: Pence,
    /// Its needs score at the latest assessment, and how it moved since the first.
    pub latest: Option<u32>,
    pub change: Option<Change>,
    /// Its outcomes as they stand on the day.
    pub outcomes: Tally,
}

/// A setting's (or, with no setting, a provider's) children and spend
/// against their needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueLine {
    pub provider: String,
    pub setting: Option<String>,
    pub children: u32,
    pub weekly: Pence,
    /// Children whose needs are measured, and their mean needs score.
    pub assessed: u32,
    pub average_needs: Option<f64>,
    /// The weekly cost of the measured placements over their needs points.
    pub cost_per_point: Option<Pence>,
    /// Of those measured twice or more: how many, and the mean points gone.
    pub measured_twice: u32,
    pub average_fall: Option<f64>,
    /// Their outcomes: agreed, met, missed, and the payments due and paid.
    pub outcomes: Tally,
}

/// Lines for each setting of `placed` (in the order given, grouped by
/// provider), each provider's line after its settings'.
pub fn value_lines(placed: &[Placed]) -> Vec<ValueLine> {
    let line = |provider: &str, setting: Option<&str>, of: &[&Placed]| {
        let measured: Vec<(&&Placed, u32)> = of.iter().filter_map(|p| p.latest.map(|n| (p, n))).collect();
        let points: u32 = measured.iter().map(|(_, n)| n).sum();
        let spend = Pence(measured.iter().map(|(p, _)| p.weekly.0).sum());
        let falls: Vec<i64> = of.iter().filter_map(|p| p.change.map(Change::fall)).collect();
        let mean = |sum: f64, n: usize| (n > 0).then(|| sum / n as f64);
        ValueLine {
            provider: provider.to_string(),
            setting: setting.map(str::to_string),
            children: of.len() as u32,
            weekly: Pence(of.iter().map(|p| p.weekly.0).sum()),
            assessed: measured.len() as u32,
            average_needs: mean(f64::from(points), measured.len()),
            cost_per_point: cost_per_point(spend, points).filter(|_| !measured.is_empty()),
            measured_twice: falls.len() as u32,
            average_fall: mean(falls.iter().sum::<i64>() as f64, falls.len()),
            outcomes: of.iter().fold(Tally::default(), |t, p| t + p.outcomes),
        }
    };
    let mut out = Vec::new();
    let mut at = 0;
    while at < placed.len() {
        let provider = placed[at].provider;
        let end = placed[at..].iter().position(|p| p.provider != provider).map_or(placed.len(), |n| at + n);
        let theirs: Vec<&Placed> = placed[at..end].iter().collect();
        let mut settings: Vec<&str> = theirs.iter().map(|p| p.setting).collect();
        settings.dedup();
        for setting in settings {
            let of: Vec<&Placed> = theirs.iter().copied().filter(|p| p.setting == setting).collect();
            out.push(line(provider, Some(setting), &of));
        }
        out.push(line(provider, None, &theirs));
        at = end;
    }
    out
}

/// The children's needs by domain, on average: at their first assessment
/// and their latest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// Children measured.
    pub children: u32,
    /// Each domain's mean points, first and latest.
    pub domains: Vec<(Domain, f64, f64)>,
}

/// The profile of the placements `measured` (each one's assessments,
/// oldest first); none when none was measured.
pub fn profile(measured: &[&[NeedsAssessment]]) -> Option<Profile> {
    let ends: Vec<(Scores, Scores)> =
        measured.iter().filter_map(|a| Some((a.first()?.scores, a.last()?.scores))).collect();
    let n = ends.len();
    if n == 0 {
        return None;
    }
    let mean = |pick: fn(&(Scores, Scores)) -> Scores, d: usize| {
        ends.iter().map(|e| f64::from(pick(e).by_domain()[d].1)).sum::<f64>() / n as f64
    };
    let domains = <Domain as super::code::Code>::ALL
        .iter()
        .enumerate()
        .map(|(at, d)| (*d, mean(|e| e.0, at), mean(|e| e.1, at)))
        .collect();
    Some(Profile { children: n as u32, domains })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    #[test]
    fn a_profile_averages_each_domain_at_first_and_latest() {
        // Domains hold indicators in pairs: Healthy the first two, Safe the next two, ...
        let one = [
            assessed("2026-01-01", [2, 2, 3, 3, 0, 0, 0, 0, 0, 0, 1, 0]),
            assessed("2026-06-01", [1, 1, 2, 2, 0, 0, 0, 0, 0, 0, 1, 0]),
        ];
        let two = [assessed("2026-03-01", [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])];
        let p = profile(&[&one[..], &two[..], &[]]).unwrap();
        assert_eq!(p.children, 2);
        let by: Vec<(Domain, f64, f64)> = p.domains;
        assert_eq!(by[0], (Domain::Healthy, 2.0, 1.0));
        assert_eq!(by[1], (Domain::Safe, 3.5, 2.5));
        assert_eq!(by[5], (Domain::Happy, 0.5, 0.5));
        assert_eq!(profile(&[&[]]), None);
    }

    fn assessed(on: &str, scores: [u8; 12]) -> NeedsAssessment {
        NeedsAssessment {
            placement_id: 1,
            assessed_on: parse(on).unwrap(),
            occasion: Occasion::Review,
            assessor: "Social worker".into(),
            scores: Scores(scores),
        }
    }

    #[test]
    fn the_needs_score_is_the_sum_and_each_domain_holds_two_indicators() {
        let s = Scores([3, 2, 0, 1, 0, 0, 2, 2, 1, 0, 0, 3]);
        assert_eq!(s.total(), 14);
        assert_eq!(s.needs(), 7);
        assert_eq!(s.highest().map(|i| i.short), Some("physical health"), "the first of the two 3s");
        assert_eq!(Scores([0; 12]).highest(), None);
        let domains = s.by_domain();
        assert_eq!(domains.len(), 6);
        assert_eq!(domains[0], (Domain::Healthy, 5));
        assert_eq!(domains[3], (Domain::Resilient, 4));
        assert_eq!(domains[5], (Domain::Happy, 3));
        for d in <Domain as crate::domain::code::Code>::ALL {
            assert_eq!(INDICATORS.iter().filter(|i| i.domain == *d).count(), 2, "{d:?}");
        }
        // Two indicators at the top of 0-3, or of 0-9.
        assert_eq!(domain_top(4), 6);
        assert_eq!(domain_top(10), 18);
    }

    #[test]
    fn scores_round_trip_as_text_and_refuse_a_wrong_count() {
        let s = Scores([3, 2, 0, 1, 0, 0, 2, 2, 1, 0, 0, 3]);
        assert_eq!(Scores::parse(&s.to_text()), Ok(s));
        assert_eq!(Scores::parse("1,2,3"), Err("3 scores where the tool has 12".into()));
        assert!(Scores::parse("1,2,x,0,0,0,0,0,0,0,0,0").unwrap_err().contains("\"x\" is not a score"));
    }

    #[test]
    fn a_score_off_the_policys_scale_is_refused_with_the_scale() {
        let scale: Vec<String> = ["none", "low", "medium", "high"].iter().map(|s| s.to_string()).collect();
        assert_eq!(on_scale(3, &scale), Ok(3));
        assert_eq!(on_scale(4, &scale), Err("4 is off the scale: 0 none, 1 low, 2 medium, 3 high".into()));
        let mut a = assessed("2026-11-01", [0; 12]);
        a.scores.0[4] = 12;
        a.assessor = " ".into();
        let problems = a.problems(parse("2026-12-01").unwrap());
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["assessor", "need 5"]);
        assert!(!assessed("2026-12-02", [0; 12]).problems(parse("2026-12-01").unwrap()).is_empty(), "not ahead");
    }

    #[test]
    fn the_change_runs_from_the_first_assessment_to_the_latest() {
        let at_placement = assessed("2026-01-10", [3, 3, 2, 2, 0, 1, 3, 1, 1, 1, 2, 2]);
        let review = assessed("2026-07-10", [2, 2, 1, 1, 0, 1, 2, 1, 1, 0, 1, 1]);
        let later = assessed("2026-04-10", [3, 2, 2, 1, 0, 1, 3, 1, 1, 1, 1, 2]);
        assert_eq!(change(&[&at_placement]), None, "one measurement is no change");
        let c = change(&[&review, &at_placement, &later]).unwrap();
        // By hand: 21 at placement, 13 at the July review.
        assert_eq!((c.first.1, c.latest.1, c.fall()), (21, 13, 8));
        assert_eq!(c.latest.0, parse("2026-07-10").unwrap());
    }

    #[test]
    fn the_value_lines_read_cost_against_need_per_setting_and_provider() {
        let change = |first: u32, latest: u32| {
            Some(Change {
                first: (parse("2026-01-01").unwrap(), first),
                latest: (parse("2026-07-01").unwrap(), latest),
            })
        };
        let placed = [
            Placed {
                provider: "A",
                setting: "One",
                weekly: Pence::from_pounds(5_000),
                latest: Some(10),
                change: change(14, 10),
                outcomes: Tally::default(),
            },
            Placed {
                provider: "A",
                setting: "One",
                weekly: Pence::from_pounds(4_000),
                latest: Some(20),
                change: None,
                outcomes: Tally { agreed: 2, met: 1, missed: 0, payments_due: Pence::from_pounds(800), paid: Pence(0) },
            },
            Placed {
                provider: "A",
                setting: "Two",
                weekly: Pence::from_pounds(3_000),
                latest: None,
                change: None,
                outcomes: Tally { agreed: 1, met: 0, missed: 1, payments_due: Pence(0), paid: Pence(0) },
            },
            Placed {
                provider: "B",
                setting: "Three",
                weekly: Pence::from_pounds(900),
                latest: Some(18),
                change: change(12, 18),
                outcomes: Tally::default(),
            },
        ];
        let lines = value_lines(&placed);
        let named: Vec<(&str, Option<&str>)> =
            lines.iter().map(|l| (l.provider.as_str(), l.setting.as_deref())).collect();
        assert_eq!(named, [("A", Some("One")), ("A", Some("Two")), ("A", None), ("B", Some("Three")), ("B", None)]);
        // By hand: One holds 2 children at £9,000 a week for 30 points: £300 a point, 15 on average; one fell by 4.
        let one = &lines[0];
        assert_eq!((one.children, one.weekly, one.assessed), (2, Pence::from_pounds(9_000), 2));
        assert_eq!((one.average_needs, one.cost_per_point), (Some(15.0), Some(Pence::from_pounds(300))));
        assert_eq!((one.measured_twice, one.average_fall), (1, Some(4.0)));
        // Two: nobody measured, so no needs and no cost per point; A as a whole is One's measured and Two's spend.
        assert_eq!((lines[1].average_needs, lines[1].cost_per_point), (None, None));
        assert_eq!(
            (lines[2].children, lines[2].weekly, lines[2].cost_per_point),
            (3, Pence::from_pounds(12_000), Some(Pence::from_pounds(300)))
        );
        // A's outcomes: One's two agreed, one met with £800 due; Two's one missed.
        assert_eq!((lines[0].outcomes.agreed, lines[0].outcomes.payments_due), (2, Pence::from_pounds(800)));
        assert_eq!((lines[2].outcomes.agreed, lines[2].outcomes.met, lines[2].outcomes.missed), (3, 1, 1));
        // B's needs rose by 6: a fall of −6; £50 a point.
        assert_eq!((lines[4].average_fall, lines[4].cost_per_point), (Some(-6.0), Some(Pence::from_pounds(50))));
    }

    #[test]
    fn cost_per_point_of_need() {
        assert_eq!(cost_per_point(Pence::from_pounds(4_200), 14), Some(Pence::from_pounds(300)));
        assert_eq!(cost_per_point(Pence::from_pounds(4_200), 0), None, "no need: no cost per point");
        // £5,650 over 15 points is £376.666…: £376.67 to the penny.
        assert_eq!(cost_per_point(Pence::from_pounds(5_650), 15), Some(Pence(37_667)));
    }
}
