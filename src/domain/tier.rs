//! Risk tiers: from a setting's facts and today, the tier and every reason
//! for it. The highest tier any rule gives wins; a manual override replaces
//! it until its expiry.

use super::code::code_enum;
use super::date::Month;
use super::money::Pence;
use super::policy::Policy;
use super::rating::{Judgement, Severity};
use super::visit::VisitOutcome;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// 1 is the most intensive monitoring, 4 the lightest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Tier {
    Intensive = 1,
    Enhanced = 2,
    Standard = 3,
    Light = 4,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Intensive, Tier::Enhanced, Tier::Standard, Tier::Light];

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: u8) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.number() == n)
    }

    pub fn name(self) -> &'static str {
        match self {
            Tier::Intensive => "Intensive",
            Tier::Enhanced => "Enhanced",
            Tier::Standard => "Standard",
            Tier::Light => "Light",
        }
    }

    /// Days between monitoring visits at this tier.
    pub fn interval(self, policy: &Policy) -> u32 {
        let t = &policy.tiers;
        match self {
            Tier::Intensive => t.intensive_days,
            Tier::Enhanced => t.enhanced_days,
            Tier::Standard => t.standard_days,
            Tier::Light => t.light_days,
        }
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.number(), self.name())
    }
}

impl From<Tier> for u8 {
    fn from(t: Tier) -> u8 {
        t.number()
    }
}

impl TryFrom<u8> for Tier {
    type Error = String;
    fn try_from(n: u8) -> Result<Tier, String> {
        Tier::from_number(n).ok_or_else(|| format!("{n} is not a tier (1-4)"))
    }
}

code_enum!(
    /// Ofsted enforcement action against a setting.
    pub enum Enforcement {
        ComplianceNotice => ("compliance_notice", "Compliance notice"),
        Restriction => ("restriction", "Restriction of accommodation"),
        Suspension => ("suspension", "Suspension"),
        Cancellation => ("cancellation", "Cancellation of registration"),
    }
);

code_enum!(
    /// What a recorded low-risk assessment rests on.
    pub enum LowRiskBasis {
        Quality => ("quality", "Quality"),
        Value => ("value", "Annual value"),
    }
);

/// A manual tier, with why and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierOverride {
    pub setting_id: i64,
    pub tier: Tier,
    pub reason: String,
    pub set_on: NaiveDate,
    pub expires: NaiveDate,
}

impl TierOverride {
    pub fn is_active(&self, today: NaiveDate) -> bool {
        self.set_on <= today && today <= self.expires
    }
}

impl Validate for TierOverride {
    fn problems(&self, _today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = check_text("reason", &self.reason, true, 500).into_iter().collect();
        if self.expires <= self.set_on {
            out.push(Invalid::new("expires", format!("must be after the day it is set ({})", self.set_on)));
        } else if (self.expires - self.set_on).num_days() > 366 {
            out.push(Invalid::new("expires", "at most a year ahead: review an override at least yearly"));
        }
        out
    }
}

/// A tier-2 warning from outside the rules above, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub short: String,
    pub text: String,
    pub since: NaiveDate,
}

/// The latest overall judgement: when the inspection was and when the
/// council learned of it (the trigger date for a visit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    pub judgement: Judgement,
    pub inspected: NaiveDate,
    pub learned: NaiveDate,
}

/// Everything the rules look at. Absent facts read as "nothing to worry about".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub judgement: Option<Judged>,
    /// An active placement stop, and when it was issued.
    pub stop_since: Option<NaiveDate>,
    /// An open serious provider concern, and when it was raised.
    pub serious_concern_since: Option<NaiveDate>,
    pub enforcement: Option<(Enforcement, NaiveDate)>,
    pub manager_vacant: bool,
    /// When the council learned of the vacancy (the report that said so).
    pub manager_vacant_since: Option<NaiveDate>,
    /// The month the vacancy began, as the reports show it.
    pub manager_vacant_from: Option<Month>,
    /// Months (their first days) whose Reg 44 report is missing, among the
    /// last months the policy looks at.
    pub reg44_missing: Vec<NaiveDate>,
    /// The latest serious Reg 44 finding's report date.
    pub serious_finding_on: Option<NaiveDate>,
    pub overdue_plan_actions: u32,
    /// The last completed monitoring visit and its outcome.
    pub last_visit: Option<(NaiveDate, VisitOutcome)>,
    /// Early warnings read from Reg 44 reports (rising missing episodes, a
    /// recurring theme, an opinion of no or concerns): each a tier-2 reason.
    pub warnings: Vec<Warning>,
    pub low_risk: Option<(LowRiskBasis, NaiveDate)>,
    /// What the council spends there a year, for a low-risk-by-value assessment.
    pub annual_value: Pence,
    pub override_: Option<TierOverride>,
}

/// One rule that applies, the tier it gives, and when it started (which
/// starts the tier-1 response window).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub tier: Tier,
    /// A few words for lists: "Inadequate", "manager vacant".
    pub short: String,
    /// The sentence for the setting screen and the board pack.
    pub text: String,
    pub since: Option<NaiveDate>,
}

impl Reason {
    fn new(tier: Tier, short: impl Into<String>, text: impl Into<String>, since: Option<NaiveDate>) -> Reason {
        Reason { tier, short: short.into(), text: text.into(), since }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The tier in force: the override's while it lasts, else the computed one.
    pub tier: Tier,
    pub computed: Tier,
    /// Every rule that applies, most serious first.
    pub reasons: Vec<Reason>,
    /// The override in force, if any.
    pub override_: Option<TierOverride>,
    /// An override to a lighter tier that a later, more serious trigger
    /// has overtaken: shown, not applied.
    pub lapsed_override: Option<TierOverride>,
}

impl Assessment {
    /// The reasons that set the computed tier, as a short list.
    pub fn summary(&self) -> String {
        let main: Vec<&str> =
            self.reasons.iter().filter(|r| r.tier == self.computed).map(|r| r.short.as_str()).collect();
        let text = main.join("; ");
        match (&self.override_, &self.lapsed_override) {
            (Some(o), _) => format!(
                "override to {} until {}; computed {}: {text}",
                o.tier.number(),
                o.expires,
                self.computed.number()
            ),
            (None, Some(_)) => format!("{text} (override overtaken)"),
            (None, None) => text,
        }
    }

    /// Tier-1 triggers and the days they began.
    pub fn intensive_triggers(&self) -> impl Iterator<Item = (&Reason, NaiveDate)> {
        self.reasons.iter().filter(|r| r.tier == Tier::Intensive).filter_map(|r| r.since.map(|d| (r, d)))
    }
}

fn month_name(d: NaiveDate) -> String {
    d.format("%b %Y").to_string()
}

/// Applies the rules of domain.md to `facts` as of `today`.
pub fn assess(facts: &Facts, policy: &Policy, today: NaiveDate) -> Assessment {
    use Tier::*;
    let mut reasons = Vec::new();
    if let Some(j) = facts.judgement {
        let text = format!("latest Ofsted judgement {} ({})", j.judgement.ofsted_text(), j.inspected);
        match j.judgement.severity() {
            Severity::Inadequate => reasons.push(Reason::new(Intensive, j.judgement.label(), text, Some(j.learned))),
            Severity::RequiresImprovement => {
                reasons.push(Reason::new(Enhanced, j.judgement.short(), text, Some(j.learned)))
            }
            _ => {}
        }
    }
    if let Some(since) = facts.stop_since {
        reasons.push(Reason::new(
            Intensive,
            "placement stop",
            format!("placement stop in force since {since}"),
            Some(since),
        ));
    }
    if let Some(since) = facts.serious_concern_since {
        reasons.push(Reason::new(
            Intensive,
            "serious concern",
            format!("serious provider concern open since {since}"),
            Some(since),
        ));
    }
    if let Some((action, since)) = facts.enforcement {
        reasons.push(Reason::new(
            Intensive,
            format!("enforcement: {}", action.label().to_lowercase()),
            format!("Ofsted enforcement in force: {} since {since}", action.label().to_lowercase()),
            Some(since),
        ));
    }
    if facts.manager_vacant {
        let since = facts.manager_vacant_from.map(|m| format!(" since {}", m.label())).unwrap_or_default();
        reasons.push(Reason::new(
            Enhanced,
            "manager vacant",
            format!("registered manager vacant{since}"),
            facts.manager_vacant_since,
        ));
    }
    if !facts.reg44_missing.is_empty() {
        let months: Vec<String> = facts.reg44_missing.iter().map(|m| month_name(*m)).collect();
        reasons.push(Reason::new(
            Enhanced,
            "Reg 44 missing",
            format!("Regulation 44 report missing for {}", months.join(" and ")),
            None,
        ));
    }
    if let Some(on) = facts.serious_finding_on {
        let window = i64::from(policy.triggers.serious_finding_days);
        if (today - on).num_days() <= window && on <= today {
            reasons.push(Reason::new(
                Enhanced,
                "serious Reg 44 finding",
                format!("serious Regulation 44 finding in the report of {on} (within {window} days)"),
                Some(on),
            ));
        }
    }
    if facts.overdue_plan_actions > 0 {
        let n = facts.overdue_plan_actions;
        let noun = if n == 1 { "action" } else { "actions" };
        reasons.push(Reason::new(
            Enhanced,
            format!("{n} plan {noun} overdue"),
            format!("{n} improvement plan {noun} overdue"),
            None,
        ));
    }
    for w in &facts.warnings {
        reasons.push(Reason::new(Enhanced, w.short.clone(), w.text.clone(), Some(w.since)));
    }
    if let Some((on, outcome @ (VisitOutcome::Concerns | VisitOutcome::SeriousConcerns))) = facts.last_visit {
        let words = format!("last visit outcome: {}", outcome.label().to_lowercase());
        reasons.push(Reason::new(Enhanced, words.clone(), format!("{words} ({on})"), Some(on)));
    }
    reasons.sort_by_key(|r| r.tier);

    let computed = match reasons.first() {
        Some(r) => r.tier,
        None => {
            let light = light_reason(facts, policy);
            let reason = light
                .unwrap_or_else(|| Reason::new(Standard, "standard", "no risk triggers: standard monitoring", None));
            let tier = reason.tier;
            reasons.push(reason);
            tier
        }
    };
    // An override lowering the tier stands only against what was known when
    // it was set: a trigger of the computed tier that began later overtakes it.
    let overtaken = |o: &TierOverride| {
        o.tier > computed && reasons.iter().any(|r| r.tier == computed && r.since.is_some_and(|s| s > o.set_on))
    };
    let (override_, lapsed_override) = match facts.override_.clone().filter(|o| o.is_active(today)) {
        Some(o) if overtaken(&o) => (None, Some(o)),
        other => (other, None),
    };
    Assessment { tier: override_.as_ref().map_or(computed, |o| o.tier), computed, reasons, override_, lapsed_override }
}

/// Tier 4 needs an Outstanding judgement or a recorded low-risk assessment
/// (by value only while the annual value stays under the policy's limit).
fn light_reason(facts: &Facts, policy: &Policy) -> Option<Reason> {
    if let Some(j) = facts.judgement.filter(|j| j.judgement.severity() == Severity::Outstanding) {
        let text = format!("latest Ofsted judgement Outstanding ({}) and no risk triggers", j.inspected);
        return Some(Reason::new(Tier::Light, "Outstanding", text, None));
    }
    let limit = Pence::from_pounds(i64::try_from(policy.triggers.low_value_pounds).unwrap_or(i64::MAX));
    match facts.low_risk {
        Some((LowRiskBasis::Quality, on)) => {
            Some(Reason::new(Tier::Light, "assessed low risk", format!("assessed low risk by quality on {on}"), None))
        }
        Some((LowRiskBasis::Value, on)) if facts.annual_value <= limit => Some(Reason::new(
            Tier::Light,
            "low value",
            format!(
                "assessed low risk by value on {on} ({} a year, limit {})",
                facts.annual_value.full(),
                limit.full()
            ),
            None,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    const TODAY: &str = "2026-11-24";

    fn judged(j: Judgement) -> Option<Judged> {
        Some(Judged { judgement: j, inspected: d("2026-06-01"), learned: d("2026-07-01") })
    }

    fn assess_(facts: &Facts) -> Assessment {
        assess(facts, &Policy::default(), d(TODAY))
    }

    /// Each trigger of domain.md alone, with the tier and short reason it gives.
    #[test]
    fn every_trigger_gives_its_tier() {
        let base = || Facts { judgement: judged(Judgement::Good), ..Facts::default() };
        let cases: Vec<(&str, Facts, Tier, &str)> = vec![
            ("good, nothing else", base(), Tier::Standard, "standard"),
            ("no inspection yet", Facts::default(), Tier::Standard, "standard"),
            ("inadequate", Facts { judgement: judged(Judgement::Inadequate), ..base() }, Tier::Intensive, "Inadequate"),
            (
                "serious weaknesses",
                Facts { judgement: judged(Judgement::SeriousWeaknesses), ..base() },
                Tier::Intensive,
                "Serious weaknesses",
            ),
            ("stop", Facts { stop_since: Some(d("2026-11-01")), ..base() }, Tier::Intensive, "placement stop"),
            (
                "serious concern",
                Facts { serious_concern_since: Some(d("2026-10-01")), ..base() },
                Tier::Intensive,
                "serious concern",
            ),
            (
                "enforcement",
                Facts { enforcement: Some((Enforcement::ComplianceNotice, d("2026-09-01"))), ..base() },
                Tier::Intensive,
                "enforcement: compliance notice",
            ),
            (
                "requires improvement",
                Facts { judgement: judged(Judgement::RequiresImprovement), ..base() },
                Tier::Enhanced,
                "RI",
            ),
            (
                "inconsistent",
                Facts { judgement: judged(Judgement::Inconsistent), ..base() },
                Tier::Enhanced,
                "Inconsistent",
            ),
            ("manager vacant", Facts { manager_vacant: true, ..base() }, Tier::Enhanced, "manager vacant"),
            (
                "reg 44 missing",
                Facts { reg44_missing: vec![d("2026-10-01")], ..base() },
                Tier::Enhanced,
                "Reg 44 missing",
            ),
            (
                "reg 44 warning",
                Facts {
                    warnings: vec![Warning {
                        short: "missing episodes rising".into(),
                        text: "episodes 9 against 2".into(),
                        since: d("2026-11-05"),
                    }],
                    ..base()
                },
                Tier::Enhanced,
                "missing episodes rising",
            ),
            (
                "serious finding",
                Facts { serious_finding_on: Some(d("2026-10-15")), ..base() },
                Tier::Enhanced,
                "serious Reg 44 finding",
            ),
            ("overdue action", Facts { overdue_plan_actions: 2, ..base() }, Tier::Enhanced, "2 plan actions overdue"),
            (
                "visit concerns",
                Facts { last_visit: Some((d("2026-11-02"), VisitOutcome::Concerns)), ..base() },
                Tier::Enhanced,
                "last visit outcome: concerns",
            ),
            (
                "visit serious concerns",
                Facts { last_visit: Some((d("2026-11-02"), VisitOutcome::SeriousConcerns)), ..base() },
                Tier::Enhanced,
                "last visit outcome: serious concerns",
            ),
            (
                "visit good",
                Facts { last_visit: Some((d("2026-11-02"), VisitOutcome::Good)), ..base() },
                Tier::Standard,
                "standard",
            ),
            ("outstanding", Facts { judgement: judged(Judgement::Outstanding), ..base() }, Tier::Light, "Outstanding"),
            (
                "low risk by quality",
                Facts { low_risk: Some((LowRiskBasis::Quality, d("2026-04-01"))), ..base() },
                Tier::Light,
                "assessed low risk",
            ),
            (
                "low risk by value, under the limit",
                Facts {
                    low_risk: Some((LowRiskBasis::Value, d("2026-04-01"))),
                    annual_value: Pence::from_pounds(50_000),
                    ..base()
                },
                Tier::Light,
                "low value",
            ),
            (
                "low risk by value, over the limit",
                Facts {
                    low_risk: Some((LowRiskBasis::Value, d("2026-04-01"))),
                    annual_value: Pence::from_pounds(50_001),
                    ..base()
                },
                Tier::Standard,
                "standard",
            ),
        ];
        for (name, facts, tier, short) in cases {
            let a = assess_(&facts);
            assert_eq!(a.tier, tier, "{name}");
            assert_eq!(a.reasons[0].short, short, "{name}");
        }
    }

    #[test]
    fn the_highest_tier_wins_and_every_reason_is_kept() {
        let facts = Facts {
            judgement: judged(Judgement::RequiresImprovement),
            manager_vacant: true,
            stop_since: Some(d("2026-11-01")),
            last_visit: Some((d("2026-10-01"), VisitOutcome::Concerns)),
            ..Facts::default()
        };
        let a = assess_(&facts);
        assert_eq!(a.tier, Tier::Intensive);
        let shorts: Vec<&str> = a.reasons.iter().map(|r| r.short.as_str()).collect();
        assert_eq!(shorts, vec!["placement stop", "RI", "manager vacant", "last visit outcome: concerns"]);
        assert_eq!(a.summary(), "placement stop");
    }

    #[test]
    fn a_tier_2_trigger_beats_an_outstanding_judgement() {
        let facts = Facts { judgement: judged(Judgement::Outstanding), manager_vacant: true, ..Facts::default() };
        assert_eq!(assess_(&facts).tier, Tier::Enhanced);
    }

    #[test]
    fn a_serious_finding_counts_for_the_policy_window_only() {
        let on = |date: &str| assess_(&Facts { serious_finding_on: Some(d(date)), ..Facts::default() }).tier;
        assert_eq!(on("2026-08-26"), Tier::Enhanced, "exactly 90 days ago");
        assert_eq!(on("2026-08-25"), Tier::Standard, "91 days ago");
    }

    #[test]
    fn an_override_holds_until_its_expiry_then_the_computed_tier_returns() {
        let o = TierOverride {
            setting_id: 1,
            tier: Tier::Enhanced,
            reason: "new manager settling in".into(),
            set_on: d("2026-10-01"),
            expires: d("2026-12-31"),
        };
        let facts = Facts { judgement: judged(Judgement::Good), override_: Some(o), ..Facts::default() };
        let policy = Policy::default();
        let during = assess(&facts, &policy, d("2026-12-31"));
        assert_eq!((during.tier, during.computed), (Tier::Enhanced, Tier::Standard));
        assert!(during.summary().starts_with("override to 2 until 2026-12-31"), "{}", during.summary());
        let after = assess(&facts, &policy, d("2027-01-01"));
        assert_eq!((after.tier, after.override_), (Tier::Standard, None));
        let before = assess(&facts, &policy, d("2026-09-30"));
        assert_eq!(before.tier, Tier::Standard, "not yet set");
    }

    #[test]
    fn a_lighter_override_gives_way_to_a_later_serious_trigger() {
        let o = TierOverride {
            setting_id: 1,
            tier: Tier::Standard,
            reason: "Inadequate for paperwork only; assured by the QA lead".into(),
            set_on: d("2026-08-01"),
            expires: d("2027-01-31"),
        };
        // The Inadequate judgement was known when the override was set: it stands.
        let known = Facts { judgement: judged(Judgement::Inadequate), override_: Some(o.clone()), ..Facts::default() };
        let a = assess_(&known);
        assert_eq!((a.tier, a.lapsed_override.is_none()), (Tier::Standard, true));
        // A placement stop issued afterwards overtakes it.
        let later = Facts { stop_since: Some(d("2026-11-20")), ..known };
        let a = assess_(&later);
        assert_eq!(a.tier, Tier::Intensive);
        assert_eq!(a.override_, None);
        assert_eq!(a.lapsed_override, Some(o));
    }

    #[test]
    fn overrides_need_a_reason_and_a_sensible_expiry() {
        let mut o = TierOverride {
            setting_id: 1,
            tier: Tier::Light,
            reason: String::new(),
            set_on: d(TODAY),
            expires: d(TODAY),
        };
        let fields: Vec<&str> = o.problems(d(TODAY)).iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["reason", "expires"]);
        o.reason = "assured by the QA lead".into();
        o.expires = d("2028-01-01");
        assert!(o.problems(d(TODAY))[0].message.contains("at most a year"));
        o.expires = d("2027-06-30");
        assert!(o.problems(d(TODAY)).is_empty());
    }

    #[test]
    fn tier_1_triggers_carry_their_start_dates() {
        let facts =
            Facts { judgement: judged(Judgement::Inadequate), stop_since: Some(d("2026-11-20")), ..Facts::default() };
        let a = assess_(&facts);
        let starts: Vec<NaiveDate> = a.intensive_triggers().map(|(_, d)| d).collect();
        assert_eq!(starts, vec![d("2026-07-01"), d("2026-11-20")], "the judgement counts from when it was learned");
    }

    #[test]
    fn tiers_round_trip_as_numbers() {
        assert_eq!(serde_json::to_string(&Tier::Enhanced).unwrap(), "2");
        assert_eq!(serde_json::from_str::<Tier>("4").unwrap(), Tier::Light);
        assert!(serde_json::from_str::<Tier>("5").is_err());
        assert_eq!(Tier::Intensive.to_string(), "1 Intensive");
        assert_eq!(Tier::Standard.interval(&Policy::default()), 91);
    }
}
