//! The returns providers owe (framework 003): a residential setting's annual
//! self-assessment, a supported accommodation provider's quarterly return, and
//! the quarterly contract review with each main fostering agency. Each is
//! owed for a period, due by a day the policy sets, and received, late,
//! missing or awaited like a Regulation 44 report.

use super::code::code_enum;
use super::contract::{ContractType, ReturnsOwed};
use super::date::add_days;
use super::policy::Returns as Policy;
use super::rating::Judgement;
use super::reg44::{MonthState, Standard};
use super::setting::SettingKind;
use super::{Invalid, Validate, check_text};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

code_enum!(
    #[derive(PartialOrd, Ord)]
    pub enum ReturnKind {
        SelfAssessment => ("self_assessment", "Annual self-assessment"),
        Supported => ("supported_accommodation", "Supported accommodation return"),
        Fostering => ("fostering_review", "Fostering contract review"),
    }
);

impl ReturnKind {
    /// Whether it is owed for each setting (the self-assessment), rather
    /// than once by the provider.
    pub fn per_setting(self) -> bool {
        self == ReturnKind::SelfAssessment
    }

    /// Whether it is owed each quarter, rather than each year.
    pub fn quarterly(self) -> bool {
        self != ReturnKind::SelfAssessment
    }

    /// The kinds of setting that owe it.
    pub fn owed_by(self, kind: SettingKind) -> bool {
        match self {
            ReturnKind::SelfAssessment => matches!(
                kind,
                SettingKind::ChildrensHome | SettingKind::SecureChildrensHome | SettingKind::ResidentialSpecialSchool
            ),
            ReturnKind::Supported => kind == SettingKind::SupportedAccommodation,
            ReturnKind::Fostering => kind == SettingKind::FosteringAgency,
        }
    }

    /// Short, for a narrow column.
    pub fn short(self) -> &'static str {
        match self {
            ReturnKind::SelfAssessment => "Self-assessment",
            ReturnKind::Supported => "Supported acc.",
            ReturnKind::Fostering => "IFA review",
        }
    }
}

/// A calendar quarter: Q1 is January to March.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    /// 1 to 4.
    number: u8,
}

impl Quarter {
    pub fn of(day: NaiveDate) -> Quarter {
        Quarter { year: day.year(), number: (day.month0() / 3 + 1) as u8 }
    }

    pub fn new(year: i32, number: u8) -> Option<Quarter> {
        ((1..=4).contains(&number) && (1900..=2200).contains(&year)).then_some(Quarter { year, number })
    }

    /// Parses `2026-Q3` (also `Q3 2026`), with a reason when it is not one.
    pub fn parse(text: &str) -> Result<Quarter, String> {
        let t = text.trim().to_uppercase();
        let wrong = || format!("{:?} is not a quarter: use YYYY-Qn, e.g. 2026-Q3", text.trim());
        let (year, number) = match t.split_once("-Q").or_else(|| t.strip_prefix('Q').and_then(|r| r.split_once(' '))) {
            Some((a, b)) if a.len() == 4 => (a, b),
            Some((a, b)) if b.len() == 4 => (b, a),
            _ => return Err(wrong()),
        };
        let (Ok(year), Ok(number)) = (year.parse::<i32>(), number.parse::<u8>()) else { return Err(wrong()) };
        Quarter::new(year, number).ok_or_else(wrong)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.number) * 3 - 2, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        add_days(self.next().first_day(), -1)
    }

    pub fn next(self) -> Quarter {
        match self.number {
            4 => Quarter { year: self.year + 1, number: 1 },
            n => Quarter { year: self.year, number: n + 1 },
        }
    }

    pub fn previous(self) -> Quarter {
        Quarter::of(add_days(self.first_day(), -1))
    }

    /// "Jul–Sep 2026".
    pub fn months(self) -> String {
        format!("{}–{}", self.first_day().format("%b"), self.last_day().format("%b %Y"))
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

/// What a return covers: a year, or a quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    Quarter(Quarter),
}

impl Period {
    /// Parses `2026` or `2026-Q3`.
    pub fn parse(text: &str) -> Result<Period, String> {
        let t = text.trim();
        match t.parse::<i32>() {
            Ok(year) if (1900..=2200).contains(&year) => Ok(Period::Year(year)),
            Ok(_) => Err(format!("{t} is outside the years Oversight accepts (1900-2200)")),
            Err(_) => Quarter::parse(t).map(Period::Quarter),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        match self {
            Period::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
            Period::Quarter(q) => q.first_day(),
        }
    }

    pub fn last_day(self) -> NaiveDate {
        match self {
            Period::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default(),
            Period::Quarter(q) => q.last_day(),
        }
    }

    /// "2026", "Jul–Sep 2026".
    pub fn label(self) -> String {
        match self {
            Period::Year(y) => y.to_string(),
            Period::Quarter(q) => q.months(),
        }
    }

    /// The period of `kind` that `day` falls in.
    pub fn of(kind: ReturnKind, day: NaiveDate) -> Period {
        match kind.quarterly() {
            true => Period::Quarter(Quarter::of(day)),
            false => Period::Year(day.year()),
        }
    }

    pub fn previous(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::Quarter(q) => Period::Quarter(q.previous()),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(q) => write!(f, "{q}"),
        }
    }
}

impl Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// The day a return of `kind` for `period` is due by: a quarterly return
/// `quarterly_due_days` after its quarter ends; the self-assessment for a
/// year by the end of the policy's month of that year.
pub fn due_by(kind: ReturnKind, period: Period, policy: &Policy) -> NaiveDate {
    match (kind.quarterly(), period) {
        (true, p) => add_days(p.last_day(), i64::from(policy.quarterly_due_days)),
        (false, p) => {
            let month = policy.self_assessment_due_month.clamp(1, 12);
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(p.first_day().year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(p.first_day().year(), month + 1, 1)
            };
            next.map_or(p.last_day(), |d| add_days(d, -1))
        }
    }
}

/// The state of a return due by `due`, received on `received` if at all.
pub fn state(due: NaiveDate, received: Option<NaiveDate>, today: NaiveDate) -> MonthState {
    match received {
        Some(on) if on <= due => MonthState::Received,
        Some(_) => MonthState::Late,
        None if today > due => MonthState::Missing,
        None => MonthState::Awaited,
    }
}

/// Missing or late: what a commissioner chases.
pub fn is_behind(state: MonthState) -> bool {
    matches!(state, MonthState::Missing | MonthState::Late)
}

/// Whether a provider owes `kind` through its live contracts (each its type
/// and the returns it asks for): one asking for it, by name or as the
/// policy says for its type; or no live contract at all (places bought
/// spot without one).
pub fn owed_through(kind: ReturnKind, live_contracts: &[(ContractType, ReturnsOwed)], policy: &Policy) -> bool {
    let types = match kind {
        ReturnKind::SelfAssessment => &policy.self_assessment_contracts,
        ReturnKind::Supported => &policy.supported_contracts,
        ReturnKind::Fostering => &policy.fostering_contracts,
    };
    let asks = |(t, owed): &(ContractType, ReturnsOwed)| match owed {
        ReturnsOwed::Policy => types.iter().any(|c| c == t.code()),
        other => named(*other) == Some(kind),
    };
    live_contracts.is_empty() || live_contracts.iter().any(asks)
}

/// The one return a contract names, if it names one.
pub fn named(owed: ReturnsOwed) -> Option<ReturnKind> {
    match owed {
        ReturnsOwed::Policy | ReturnsOwed::Nothing => None,
        ReturnsOwed::SelfAssessment => Some(ReturnKind::SelfAssessment),
        ReturnsOwed::Supported => Some(ReturnKind::Supported),
        ReturnsOwed::Fostering => Some(ReturnKind::Fostering),
    }
}

/// The grades a provider may give itself against a Quality Standard.
pub const SELF_GRADES: [Judgement; 4] =
    [Judgement::Outstanding, Judgement::Good, Judgement::RequiresImprovement, Judgement::Inadequate];

/// The Quality Standards a self-assessment grades (regulations 6 to 14).
pub fn graded_standards() -> impl Iterator<Item = Standard> {
    <Standard as super::code::Code>::ALL.iter().copied().filter(|s| *s != Standard::Other)
}

/// A provider's grades of itself, one per Quality Standard it graded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SelfGrades(pub Vec<(Standard, Judgement)>);

impl SelfGrades {
    /// As stored: `reg6:good,reg7:outstanding`.
    pub fn to_text(&self) -> String {
        self.0.iter().map(|(s, j)| format!("{}:{}", s.code(), j.code())).collect::<Vec<_>>().join(",")
    }

    pub fn parse(text: &str) -> Result<SelfGrades, String> {
        use super::code::Code;
        let mut out = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (standard, grade) = part.split_once(':').ok_or_else(|| format!("{part:?} is not standard:grade"))?;
            let standard = Standard::from_code(standard).ok_or_else(|| format!("{standard:?} is not a standard"))?;
            let grade = Judgement::from_code(grade).filter(|g| SELF_GRADES.contains(g)).ok_or_else(|| {
                format!("{grade:?} is not a grade (outstanding, good, requires improvement, inadequate)")
            })?;
            out.push((standard, grade));
        }
        Ok(SelfGrades(out))
    }

    pub fn of(&self, standard: Standard) -> Option<Judgement> {
        self.0.iter().find(|(s, _)| *s == standard).map(|(_, j)| *j)
    }
}

/// One return received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderReturn {
    pub kind: ReturnKind,
    pub provider_id: i64,
    /// The setting, for a self-assessment; none for a provider's return.
    pub setting_id: Option<i64>,
    pub period: Period,
    pub received: NaiveDate,
    /// Self-assessment: its grades, strengths, areas to improve, and our response.
    pub grades: SelfGrades,
    pub strengths: String,
    pub improvements: String,
    pub response: String,
    /// Supported accommodation: places, occupied, safeguarding issues (how many, what),
    /// interagency work, stakeholders' and residents' feedback.
    pub places: Option<u32>,
    pub occupied: Option<u32>,
    pub safeguarding_issues: Option<u32>,
    pub safeguarding: String,
    pub interagency: String,
    pub feedback: String,
    /// Fostering: placement breakdowns and disruptions, outcomes, contract issues, market gaps.
    pub breakdowns: Option<u32>,
    pub disruptions: Option<u32>,
    pub outcomes: String,
    pub contract_issues: String,
    pub market_gaps: String,
}

impl ProviderReturn {
    /// An empty return of `kind` for `period`, received `received`.
    pub fn new(
        kind: ReturnKind,
        provider_id: i64,
        setting_id: Option<i64>,
        period: Period,
        received: NaiveDate,
    ) -> ProviderReturn {
        ProviderReturn {
            kind,
            provider_id,
            setting_id,
            period,
            received,
            grades: SelfGrades::default(),
            strengths: String::new(),
            improvements: String::new(),
            response: String::new(),
            places: None,
            occupied: None,
            safeguarding_issues: None,
            safeguarding: String::new(),
            interagency: String::new(),
            feedback: String::new(),
            breakdowns: None,
            disruptions: None,
            outcomes: String::new(),
            contract_issues: String::new(),
            market_gaps: String::new(),
        }
    }
}

impl Validate for ProviderReturn {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let texts = [
            ("strengths", &self.strengths),
            ("to improve", &self.improvements),
            ("our response", &self.response),
            ("safeguarding", &self.safeguarding),
            ("interagency", &self.interagency),
            ("feedback", &self.feedback),
            ("outcomes", &self.outcomes),
            ("contract issues", &self.contract_issues),
            ("market gaps", &self.market_gaps),
        ];
        let mut out: Vec<Invalid> = texts.into_iter().filter_map(|(f, v)| check_text(f, v, false, 4000)).collect();
        if self.period.first_day() > today {
            out.push(Invalid::new("period", format!("{} has not begun (today is {today})", self.period.label())));
        }
        if self.kind.quarterly() != matches!(self.period, Period::Quarter(_)) {
            let want = if self.kind.quarterly() { "a quarter, e.g. 2026-Q3" } else { "a year, e.g. 2026" };
            out.push(Invalid::new("period", format!("a {} covers {want}", self.kind.label().to_lowercase())));
        }
        if self.received > today {
            out.push(Invalid::new("received", format!("is after today ({today})")));
        }
        if self.received < self.period.first_day() {
            out.push(Invalid::new("received", format!("is before the period began ({})", self.period.first_day())));
        } else if matches!(self.period, Period::Quarter(_)) && self.received < self.period.last_day() {
            let last = self.period.last_day();
            out.push(Invalid::new(
                "received",
                format!("is before the quarter ended ({last}): a return reports on all of it"),
            ));
        }
        if self.kind.per_setting() != self.setting_id.is_some() {
            let message = if self.kind.per_setting() {
                "required: a self-assessment is of one setting"
            } else {
                "a provider's return covers all its settings: leave it empty"
            };
            out.push(Invalid::new("setting", message));
        }
        if let (Some(places), Some(occupied)) = (self.places, self.occupied)
            && occupied > places
        {
            out.push(Invalid::new("occupied", format!("is more than the places ({places})")));
        }
        out
    }
}

/// A monitored setting, as the schedule of returns sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owing {
    pub setting_id: i64,
    pub provider_id: i64,
    pub kind: SettingKind,
    pub opened_on: Option<NaiveDate>,
    pub children: u32,
}

/// One return owed, or received, for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    pub kind: ReturnKind,
    pub provider_id: i64,
    pub setting_id: Option<i64>,
    pub period: Period,
    pub due: NaiveDate,
    pub state: MonthState,
    /// The return received, if any: the day it came, and its record.
    pub received_on: Option<NaiveDate>,
    pub return_id: Option<i64>,
}

/// The periods shown: the last `count` of `kind` that have begun by `today`, newest first.
pub fn periods(kind: ReturnKind, today: NaiveDate, count: usize) -> Vec<Period> {
    std::iter::successors(Some(Period::of(kind, today)), |p| Some(p.previous())).take(count).collect()
}

/// The last `count` quarters begun by `today`, newest first.
pub fn quarters(today: NaiveDate, count: usize) -> Vec<Quarter> {
    std::iter::successors(Some(Quarter::of(today)), |q| Some(q.previous())).take(count).collect()
}

/// Missing first, then late, awaited, received: the order a commissioner chases.
pub fn pressing(state: MonthState) -> u8 {
    match state {
        MonthState::Missing => 0,
        MonthState::Late => 1,
        MonthState::Awaited => 2,
        MonthState::Received | MonthState::NotOwed => 3,
    }
}

/// The fostering agencies whose contract review is owed: the policy's
/// number of them with the most children placed (ties by the lower id).
pub fn main_agencies(settings: &[Owing], policy: &Policy) -> Vec<i64> {
    let mut children: std::collections::BTreeMap<i64, u32> = std::collections::BTreeMap::new();
    for s in settings.iter().filter(|s| s.kind == SettingKind::FosteringAgency) {
        *children.entry(s.provider_id).or_default() += s.children;
    }
    let mut ranked: Vec<(i64, u32)> = children.into_iter().filter(|(_, n)| *n > 0).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(policy.main_fostering_agencies as usize).map(|(id, _)| id).collect()
}

/// The periods a screen shows: `quarters` quarters and `years` years,
/// back from today's.
pub fn shown(today: NaiveDate, (quarters, years): (usize, usize)) -> Vec<Period> {
    let mut out = periods(ReturnKind::Supported, today, quarters);
    out.extend(periods(ReturnKind::SelfAssessment, today, years));
    out
}

/// Every return owed for `shown` (quarters for the quarterly returns, years
/// for the self-assessment), by the monitored `settings` and the providers'
/// live contract types, with those `received`; a return received for a
/// period shown that it was not owed is listed too. Most pressing first:
/// missing, late, awaited, received; then by due day.
pub fn schedule(
    settings: &[Owing],
    contracts: &std::collections::HashMap<i64, Vec<(ContractType, ReturnsOwed)>>,
    received: &[(i64, &ProviderReturn)],
    policy: &Policy,
    today: NaiveDate,
    shown: &[Period],
) -> Vec<Due> {
    use std::collections::BTreeSet;
    let years = shown.iter().filter(|p| matches!(p, Period::Year(_)));
    let quarters = shown.iter().filter(|p| matches!(p, Period::Quarter(_)));
    let through =
        |kind, provider: i64| owed_through(kind, contracts.get(&provider).map_or(&[][..], Vec::as_slice), policy);
    let opened_by = |s: &Owing, p: Period| s.opened_on.is_none_or(|o| o <= p.last_day());
    let mut owed: BTreeSet<(ReturnKind, i64, Option<i64>, Period)> = BTreeSet::new();
    for &period in years {
        for s in settings.iter().filter(|s| ReturnKind::SelfAssessment.owed_by(s.kind) && opened_by(s, period)) {
            if through(ReturnKind::SelfAssessment, s.provider_id) {
                owed.insert((ReturnKind::SelfAssessment, s.provider_id, Some(s.setting_id), period));
            }
        }
    }
    let agencies = main_agencies(settings, policy);
    for &period in quarters {
        for s in settings.iter().filter(|s| opened_by(s, period)) {
            let kind = match s.kind {
                SettingKind::SupportedAccommodation => ReturnKind::Supported,
                SettingKind::FosteringAgency if agencies.contains(&s.provider_id) => ReturnKind::Fostering,
                _ => continue,
            };
            if through(kind, s.provider_id) {
                owed.insert((kind, s.provider_id, None, period));
            }
        }
    }
    let by_key: std::collections::HashMap<_, _> =
        received.iter().map(|(id, r)| ((r.kind, r.provider_id, r.setting_id, r.period), (*id, r.received))).collect();
    owed.extend(by_key.keys().filter(|(_, _, _, p)| shown.contains(p)).copied());
    let mut out: Vec<Due> = owed
        .into_iter()
        .map(|(kind, provider_id, setting_id, period)| {
            let due = due_by(kind, period, policy);
            let received = by_key.get(&(kind, provider_id, setting_id, period)).copied();
            Due {
                kind,
                provider_id,
                setting_id,
                period,
                due,
                state: state(due, received.map(|r| r.1), today),
                received_on: received.map(|r| r.1),
                return_id: received.map(|r| r.0),
            }
        })
        .collect();
    out.sort_by_key(|d| (pressing(d.state), d.due, d.provider_id, d.setting_id));
    out
}

#[cfg(test)]
mod tests;
