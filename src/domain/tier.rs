//! Risk tiers: from a setting's facts and today, the tier and every reason
//! for it. The highest tier any rule gives wins; a manual override replaces
//! it until its expiry.

use super::code::code_enum;
use super::date::Month;
use super::date::add_days;
use super::facts::{Facts, Judged, Period, ScoreFall};
use super::money::Pence;
use super::notification::{self, Notified};
use super::policy::Policy;
use super::rating::Severity;
use super::reg44::{FlagKind, Mark};
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
}

/// The short reason a vacant registered manager's post gives.
pub const MANAGER_VACANT: &str = "manager vacant";

/// What gives a tier on a day, before it is put into words.
#[derive(Debug, Clone)]
enum Cause {
    Judgement(Judged),
    Stop,
    SeriousConcern,
    Enforcement(Enforcement),
    ManagerVacant { reported: Option<Month>, recorded: Option<NaiveDate> },
    Reg44Missing(Vec<Month>),
    SeriousFinding,
    OverdueActions(usize),
    ReturnsMissing(Vec<(String, NaiveDate)>),
    ReturnsLate(usize),
    ScoreFall(ScoreFall),
    Notified(Notified),
    PoliceIncidents(usize),
    Flag(Mark),
    LastVisit(NaiveDate, VisitOutcome),
    Standard,
    Outstanding(Judged),
    LowRisk(LowRiskBasis, NaiveDate),
}

/// One rule that applies on a day: the tier it gives, since when, and why.
#[derive(Debug, Clone)]
struct Trigger {
    tier: Tier,
    since: Option<NaiveDate>,
    cause: Cause,
}

/// Every rule that applies to `facts` on `day`, most serious first; with
/// none above tier 3, the tier-4 reasons that hold, or "standard". With
/// `precise`, each Reg 44 flag's start is found (see `reg44::triggers_on`);
/// the tier itself does not depend on it unless an override is in force.
fn triggers(facts: &Facts, policy: &Policy, day: NaiveDate, precise: bool) -> Vec<Trigger> {
    use Tier::*;
    let mut out = Vec::new();
    let mut add = |tier, since, cause| out.push(Trigger { tier, since, cause });
    let judged = facts.judgement_on(day);
    if let Some(j) = judged {
        match j.judgement.severity() {
            Severity::Inadequate => add(Intensive, Some(j.learned), Cause::Judgement(j)),
            Severity::RequiresImprovement => add(Enhanced, Some(j.learned), Cause::Judgement(j)),
            _ => {}
        }
    }
    let earliest = |periods: &[Period]| periods.iter().filter(|p| p.covers(day)).map(|p| p.from).min();
    if let Some(since) = earliest(&facts.stops) {
        add(Intensive, Some(since), Cause::Stop);
    }
    if let Some(since) = earliest(&facts.serious_concerns) {
        add(Intensive, Some(since), Cause::SeriousConcern);
    }
    if let Some((action, since)) = facts.enforcement.filter(|e| e.1 <= day) {
        add(Intensive, Some(since), Cause::Enforcement(action));
    }
    if let Some(n) = notification::grave_on(&facts.notifications, policy, day) {
        add(Intensive, Some(n.on), Cause::Notified(n));
    }
    if let Some((count, since)) = notification::police_on(&facts.notifications, policy, day) {
        add(Enhanced, Some(since), Cause::PoliceIncidents(count));
    }
    let reg44 = facts.reg44_on(policy, day, precise);
    let vacancy = reg44.marks.iter().find(|m| m.kind == FlagKind::ManagerVacancy);
    let recorded = facts.manager_vacant_on.filter(|on| *on <= day);
    if vacancy.is_some() || recorded.is_some() {
        let since = recorded.into_iter().chain(vacancy.map(|m| m.since)).min();
        add(Enhanced, since, Cause::ManagerVacant { reported: vacancy.map(|m| m.from), recorded });
    }
    if !reg44.missing.is_empty() {
        let since = reg44.missing.iter().map(|m| add_days(m.due_by(policy.reg44.due_day), 1)).min();
        add(Enhanced, since, Cause::Reg44Missing(reg44.missing.clone()));
    }
    if let Some(on) = reg44.serious_since {
        add(Enhanced, Some(on), Cause::SeriousFinding);
    }
    let overdue: Vec<&Period> = facts.overdue_actions.iter().filter(|p| p.covers(day)).collect();
    if let Some(since) = overdue.iter().map(|p| p.from).min() {
        add(Enhanced, Some(since), Cause::OverdueActions(overdue.len()));
    }
    returns(facts, policy, day, &mut add);
    let fall = policy.triggers.score_fall_points;
    if let Some(f) = facts.score_fall.filter(|f| fall > 0 && f.since() <= day && f.points() >= f64::from(fall)) {
        add(Enhanced, Some(f.since()), Cause::ScoreFall(f));
    }
    for mark in reg44.marks.into_iter().filter(|m| m.kind != FlagKind::ManagerVacancy) {
        add(Enhanced, Some(mark.since), Cause::Flag(mark));
    }
    if let Some((on, outcome @ (VisitOutcome::Concerns | VisitOutcome::SeriousConcerns))) = facts.last_visit_on(day) {
        add(Enhanced, Some(on), Cause::LastVisit(on, outcome));
    }
    out.sort_by_key(|t| t.tier);
    if out.is_empty() {
        // Tier 4 needs an Outstanding judgement or a recorded low-risk
        // assessment (by value only while the annual value stays under the
        // policy's limit); every one that holds is a reason.
        if let Some(j) = judged.filter(|j| j.judgement.severity() == Severity::Outstanding) {
            out.push(Trigger { tier: Light, since: Some(j.learned), cause: Cause::Outstanding(j) });
        }
        let limit = low_value_limit(policy);
        match facts.low_risk.filter(|l| l.1 <= day) {
            Some((basis, on)) if basis == LowRiskBasis::Quality || facts.annual_value <= limit => {
                out.push(Trigger { tier: Light, since: Some(on), cause: Cause::LowRisk(basis, on) })
            }
            _ => {}
        }
        if out.is_empty() {
            out.push(Trigger { tier: Standard, since: None, cause: Cause::Standard });
        }
    }
    out
}

/// The returns rules: the policy's number of returns missing (due within
/// the last year), or received late within it, give tier 2.
fn returns(facts: &Facts, policy: &Policy, day: NaiveDate, add: &mut impl FnMut(Tier, Option<NaiveDate>, Cause)) {
    let year = add_days(day, -365);
    let (missing_limit, late_limit) = (policy.triggers.returns_missing as usize, policy.triggers.returns_late as usize);
    let mut missing: Vec<(String, NaiveDate)> =
        facts.returns.iter().filter(|r| r.missing_on(day) && r.due >= year).map(|r| (r.what.clone(), r.due)).collect();
    missing.sort_by_key(|m| m.1);
    if missing_limit > 0 && missing.len() >= missing_limit {
        // Since the day the count reached the limit.
        let since = add_days(missing[missing_limit - 1].1, 1);
        add(Tier::Enhanced, Some(since), Cause::ReturnsMissing(missing));
    }
    let mut late: Vec<NaiveDate> =
        facts.returns.iter().filter_map(|r| r.late_by(day)).filter(|on| *on > year).collect();
    late.sort();
    if late_limit > 0 && late.len() >= late_limit {
        add(Tier::Enhanced, Some(late[late_limit - 1]), Cause::ReturnsLate(late.len()));
    }
}

fn low_value_limit(policy: &Policy) -> Pence {
    Pence::from_pounds(i64::try_from(policy.triggers.low_value_pounds).unwrap_or(i64::MAX))
}

/// The tier computed from `triggers`, and the override in force or the one
/// overtaken: a lowering override holds until it expires or until a trigger
/// above its tier begins after it was set, whichever comes first.
fn settle(triggers: &[Trigger], facts: &Facts, day: NaiveDate) -> (Tier, Option<TierOverride>, Option<TierOverride>) {
    let computed = triggers.first().map_or(Tier::Standard, |t| t.tier);
    let overtaken = |o: &TierOverride| {
        o.tier > computed && triggers.iter().any(|t| t.tier < o.tier && t.since.is_some_and(|s| s > o.set_on))
    };
    match facts.override_on(day).cloned() {
        Some(o) if overtaken(&o) => (computed, None, Some(o)),
        other => (computed, other, None),
    }
}

/// The tier in force on `day`, and whether an override sets it: what
/// [`assess`] gives, without putting reasons into words.
pub fn tier_on(facts: &Facts, policy: &Policy, day: NaiveDate) -> (Tier, bool) {
    let precise = facts.override_on(day).is_some();
    let (computed, override_, _) = settle(&triggers(facts, policy, day, precise), facts, day);
    override_.map_or((computed, false), |o| (o.tier, true))
}

/// Applies the rules of docs/domain.md to `facts` as they stood on `day`:
/// only what was known by then, and each reason with the day it began.
pub fn assess(facts: &Facts, policy: &Policy, day: NaiveDate) -> Assessment {
    let triggers = triggers(facts, policy, day, true);
    let (computed, override_, lapsed_override) = settle(&triggers, facts, day);
    let reasons = triggers.into_iter().map(|t| words(t, policy, facts)).collect();
    Assessment { tier: override_.as_ref().map_or(computed, |o| o.tier), computed, reasons, override_, lapsed_override }
}

/// A trigger put into words: a few for lists, a sentence for the screen.
fn words(t: Trigger, policy: &Policy, facts: &Facts) -> Reason {
    let (short, text) = match t.cause {
        Cause::Judgement(j) => {
            let short = if t.tier == Tier::Intensive { j.judgement.label() } else { j.judgement.short() };
            (short.to_string(), format!("latest Ofsted judgement {} ({})", j.judgement.ofsted_text(), j.inspected))
        }
        Cause::Stop => ("placement stop".into(), format!("placement stop in force since {}", since(&t))),
        Cause::SeriousConcern => {
            ("serious concern".into(), format!("serious provider concern open since {}", since(&t)))
        }
        Cause::Enforcement(action) => {
            let what = action.label().to_lowercase();
            (format!("enforcement: {what}"), format!("Ofsted enforcement in force: {what} since {}", since(&t)))
        }
        Cause::ManagerVacant { reported: Some(from), .. } => {
            (MANAGER_VACANT.into(), format!("registered manager vacant since {}", from.label()))
        }
        Cause::ManagerVacant { recorded, .. } => (
            MANAGER_VACANT.into(),
            format!(
                "registered manager's post vacant (recorded {})",
                recorded.map(|d| d.to_string()).unwrap_or_default()
            ),
        ),
        Cause::Reg44Missing(months) => {
            let months: Vec<String> = months.iter().map(|m| m.label()).collect();
            ("Reg 44 missing".into(), format!("Regulation 44 report missing for {}", months.join(" and ")))
        }
        Cause::SeriousFinding => (
            "serious Reg 44 finding".into(),
            format!(
                "serious Regulation 44 finding in the report received {} (visit within {} days)",
                since(&t),
                policy.triggers.serious_finding_days
            ),
        ),
        Cause::OverdueActions(n) => {
            let noun = if n == 1 { "action" } else { "actions" };
            (format!("{n} plan {noun} overdue"), format!("{n} improvement plan {noun} overdue"))
        }
        Cause::ReturnsMissing(missing) => {
            let short = match missing.len() {
                1 => "return missing".to_string(),
                n => format!("{n} returns missing"),
            };
            let each: Vec<String> = missing.iter().map(|(what, due)| format!("{what} (due {due})")).collect();
            (short, format!("missing: {}", each.join(", ")))
        }
        Cause::ReturnsLate(n) => (
            format!("{n} returns late"),
            format!(
                "{n} returns received late in the last year, from {} (the policy raises the tier at {})",
                since(&t),
                policy.triggers.returns_late
            ),
        ),
        Cause::ScoreFall(f) => (
            "score falling".into(),
            format!(
                "quality score fell from {:.1} on {} to {:.1} on {} ({:.1} points, the policy raises the tier at {})",
                f.before.1,
                f.before.0,
                f.after.1,
                f.after.0,
                f.points(),
                policy.triggers.score_fall_points
            ),
        ),
        Cause::Notified(n) => (
            format!("notified: {}", n.category.short()),
            format!(
                "Regulation 40 notification: {} on {} (tier 1 for {} days)",
                n.category.label().to_lowercase(),
                n.on,
                policy.notifications.grave_days
            ),
        ),
        Cause::PoliceIncidents(count) => (
            format!("{count} police incidents"),
            format!(
                "{count} serious incidents involving the police notified in the last {} days (the policy allows {})",
                policy.notifications.police_window_days, policy.notifications.police_incidents
            ),
        ),
        Cause::Flag(mark) => (mark.short(), mark.evidence()),
        Cause::LastVisit(on, outcome) => {
            let words = format!("last visit outcome: {}", outcome.label().to_lowercase());
            (words.clone(), format!("{words} ({on})"))
        }
        Cause::Standard => ("standard".into(), "no risk triggers: standard monitoring".into()),
        Cause::Outstanding(j) => (
            "Outstanding".into(),
            format!("latest Ofsted judgement Outstanding ({}) and no risk triggers", j.inspected),
        ),
        Cause::LowRisk(LowRiskBasis::Quality, on) => {
            ("assessed low risk".into(), format!("assessed low risk by quality on {on}"))
        }
        Cause::LowRisk(LowRiskBasis::Value, on) => (
            "low value".into(),
            format!(
                "assessed low risk by value on {on} ({} a year, limit {})",
                facts.annual_value.full(),
                low_value_limit(policy).full()
            ),
        ),
    };
    Reason { tier: t.tier, short, text, since: t.since }
}

fn since(t: &Trigger) -> String {
    t.since.map(|d| d.to_string()).unwrap_or_default()
}

#[cfg(test)]
pub(super) mod tests;
