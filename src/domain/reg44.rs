//! Regulation 44: every open children's home owes an independent visitor's
//! report for each calendar month. Which months are received, late, missing
//! or awaited; compliance; and the early-warning flags in the reports.

use super::code::code_enum;
use super::date::Month;
use super::policy::Policy;
use super::visit::check_officer;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    /// The independent person's view on each of the two questions.
    pub enum Opinion {
        Yes => ("yes", "Yes"),
        Concerns => ("concerns", "Concerns"),
        No => ("no", "No"),
    }
);

code_enum!(
    /// The Quality Standards of the Children's Homes Regulations 2015.
    pub enum Standard {
        Reg6 => ("reg6", "6 Quality and purpose of care"),
        Reg7 => ("reg7", "7 Children's views, wishes and feelings"),
        Reg8 => ("reg8", "8 Education"),
        Reg9 => ("reg9", "9 Enjoyment and achievement"),
        Reg10 => ("reg10", "10 Health and well-being"),
        Reg11 => ("reg11", "11 Positive relationships"),
        Reg12 => ("reg12", "12 Protection of children"),
        Reg13 => ("reg13", "13 Leadership and management"),
        Reg14 => ("reg14", "14 Care planning"),
        Other => ("other", "Other"),
    }
);

code_enum!(
    pub enum FindingSeverity {
        Low => ("low", "Low"),
        Medium => ("medium", "Medium"),
        High => ("high", "High"),
        Serious => ("serious", "Serious"),
    }
);

code_enum!(
    pub enum FindingStatus {
        Open => ("open", "Open"),
        Actioned => ("actioned", "Actioned"),
        Closed => ("closed", "Closed"),
    }
);

/// One month's report from the independent visitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reg44Report {
    pub setting_id: i64,
    pub month: Month,
    pub visit_date: NaiveDate,
    pub received_on: NaiveDate,
    /// The independent person who visited.
    pub visitor: String,
    /// Are children effectively safeguarded?
    pub safeguarded: Opinion,
    /// Does the conduct of the home promote their well-being?
    pub wellbeing: Opinion,
    pub children_resident: u32,
    pub missing_episodes: u32,
    pub physical_interventions: u32,
    pub police_callouts: u32,
    pub complaints: u32,
    pub manager_in_post: bool,
    pub summary: String,
    /// The scrutiny mark: who read it, when, and what they noted.
    pub reviewed_by: Option<String>,
    pub reviewed_on: Option<NaiveDate>,
    pub review_note: String,
}

/// The highest count a report's indicator may hold before we suspect a slip.
const MAX_COUNT: u32 = 1000;

impl Validate for Reg44Report {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out = Vec::new();
        if !self.month.contains(self.visit_date) {
            out.push(Invalid::new("visit date", format!("is not in the month covered ({})", self.month.label())));
        }
        if self.received_on < self.visit_date {
            out.push(Invalid::new("received", format!("is before the visit date {}", self.visit_date)));
        }
        if self.received_on > today {
            out.push(Invalid::new("received", format!("is after today ({today})")));
        }
        if let Some(problem) = check_officer(&self.visitor) {
            out.push(Invalid::new("visitor", problem.replace("officer's", "person's")));
        }
        let counts = [
            ("children", self.children_resident),
            ("missing", self.missing_episodes),
            ("interventions", self.physical_interventions),
            ("police", self.police_callouts),
            ("complaints", self.complaints),
        ];
        for (field, n) in counts {
            if n > MAX_COUNT {
                out.push(Invalid::new(field, format!("more than {MAX_COUNT}: check the number")));
            }
        }
        out.extend(check_text("summary", &self.summary, false, 4000));
        out.extend(check_text("review note", &self.review_note, false, 2000));
        match (&self.reviewed_by, self.reviewed_on) {
            (Some(_), None) => out.push(Invalid::new("reviewed on", "give the date it was read")),
            (None, Some(_)) => out.push(Invalid::new("reviewed by", "say who read it")),
            (Some(_), Some(on)) if on < self.received_on => out
                .push(Invalid::new("reviewed on", format!("is before the report was received ({})", self.received_on))),
            (Some(_), Some(on)) if on > today => {
                out.push(Invalid::new("reviewed on", format!("is after today ({today})")))
            }
            _ => {}
        }
        out
    }
}

/// One finding in a report, classified against a Quality Standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub report_id: i64,
    pub standard: Standard,
    pub severity: FindingSeverity,
    pub text: String,
    pub status: FindingStatus,
    pub closed_on: Option<NaiveDate>,
}

impl Validate for Finding {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = check_text("finding", &self.text, true, 2000).into_iter().collect();
        match (self.status, self.closed_on) {
            (FindingStatus::Closed, None) => {
                out.push(Invalid::new("closed on", "a closed finding needs its closing date"))
            }
            (FindingStatus::Closed, Some(on)) if on > today => {
                out.push(Invalid::new("closed on", format!("is after today ({today})")))
            }
            (FindingStatus::Closed, Some(_)) => {}
            (_, Some(_)) => out.push(Invalid::new("closed on", "only a closed finding has a closing date")),
            (_, None) => {}
        }
        out
    }
}

/// Where one owed month stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MonthState {
    /// Received by the due day.
    Received,
    /// Received after the due day.
    Late,
    /// Past the due day and not received.
    Missing,
    /// Not yet due.
    Awaited,
    /// The home was not open for the whole month.
    NotOwed,
}

impl MonthState {
    /// The matrix symbol: ✓ received, L late, ✗ missing, · awaited.
    pub fn symbol(self) -> &'static str {
        match self {
            MonthState::Received => "✓",
            MonthState::Late => "L",
            MonthState::Missing => "✗",
            MonthState::Awaited => "·",
            MonthState::NotOwed => " ",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MonthState::Received => "received",
            MonthState::Late => "late",
            MonthState::Missing => "missing",
            MonthState::Awaited => "awaited",
            MonthState::NotOwed => "not owed",
        }
    }

    pub fn is_received(self) -> bool {
        matches!(self, MonthState::Received | MonthState::Late)
    }
}

/// When a home was open: it owes a report for each month it was open
/// from the first day to the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Open {
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Open {
    pub fn owes(self, month: Month) -> bool {
        self.from.is_none_or(|f| f <= month.first_day()) && self.until.is_none_or(|u| u > month.last_day())
    }
}

/// The state of `month` given when its report (if any) was received.
pub fn month_state(
    month: Month,
    open: Open,
    received: Option<NaiveDate>,
    due_day: u32,
    today: NaiveDate,
) -> MonthState {
    if !open.owes(month) {
        return MonthState::NotOwed;
    }
    let due = month.due_by(due_day);
    match received {
        Some(on) if on <= due => MonthState::Received,
        Some(_) => MonthState::Late,
        None if today > due => MonthState::Missing,
        None => MonthState::Awaited,
    }
}

/// The month whose report fell due most recently, as of `today`.
pub fn last_due_month(today: NaiveDate, due_day: u32) -> Month {
    let mut month = Month::of(today).previous();
    while month.due_by(due_day) >= today {
        month = month.previous();
    }
    month
}

/// Reports received of the months owed and already due, as a percentage;
/// `None` when nothing was owed.
pub fn compliance(states: &[MonthState]) -> Option<u32> {
    let owed = states.iter().filter(|s| !matches!(s, MonthState::NotOwed | MonthState::Awaited)).count();
    let received = states.iter().filter(|s| s.is_received()).count();
    super::percent(received as u32, owed as u32)
}

/// A home's compliance over the `months` months due by `day`, from its
/// reports received by then.
pub fn compliance_on(reports: &[ReportFacts], open: Open, due_day: u32, day: NaiveDate, months: usize) -> Option<u32> {
    let states: Vec<MonthState> = last_due_month(day, due_day)
        .back(months)
        .into_iter()
        .map(|m| {
            let received = reports.iter().find(|r| r.month == m).map(|r| r.received_on).filter(|on| *on <= day);
            month_state(m, open, received, due_day, day)
        })
        .collect();
    compliance(&states)
}

/// What a report contributes to the flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFacts {
    pub month: Month,
    /// The independent person's visit, from which a serious finding counts.
    pub visited_on: NaiveDate,
    pub received_on: NaiveDate,
    pub manager_in_post: bool,
    pub missing_episodes: u32,
    pub safeguarded: Opinion,
    pub wellbeing: Opinion,
    /// The standards its findings touch (each once).
    pub standards: Vec<Standard>,
    pub serious_finding: bool,
}

/// An early warning read from a home's reports, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// The first month the flag's evidence covers.
    pub from: Month,
    /// A few words: "manager vacant since Oct 2026".
    pub short: String,
    /// Which reports and which numbers.
    pub evidence: String,
    /// When the council learned of it: the report that raised it.
    pub since: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    ManagerVacancy,
    RisingMissing,
    RecurringTheme,
    Opinion,
}

/// What a home's reports say for its tier on a day, read from those
/// received by then.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DayTriggers {
    /// Months among the last the policy looks at whose report is missing.
    pub missing: Vec<Month>,
    pub marks: Vec<Mark>,
    /// A serious finding still counting (its visit within the policy's
    /// days): the earliest day such a report was received.
    pub serious_since: Option<NaiveDate>,
}

/// With `runs`, each flag's `since` is the first report of the run that
/// raised it; without, the latest report (quicker, when no one asks when
/// a flag began).
pub fn triggers_on(reports: &[ReportFacts], open: Open, policy: &Policy, day: NaiveDate, runs: bool) -> DayTriggers {
    let known: Vec<&ReportFacts> = reports.iter().filter(|r| r.received_on <= day).collect();
    let due_day = policy.reg44.due_day;
    let missing = last_due_month(day, due_day)
        .back(policy.triggers.reg44_missing_months as usize)
        .into_iter()
        .filter(|m| {
            let received = known.iter().find(|r| r.month == *m).map(|r| r.received_on);
            month_state(*m, open, received, due_day, day) == MonthState::Missing
        })
        .collect();
    let window = i64::from(policy.triggers.serious_finding_days);
    let serious_since = known
        .iter()
        .filter(|r| r.serious_finding && r.visited_on <= day && (day - r.visited_on).num_days() <= window)
        .map(|r| r.received_on)
        .min();
    let marks = match runs {
        true => marks_from(known, policy),
        false => {
            let mut sorted = known;
            sorted.sort_by_key(|r| r.month);
            marks_of_latest(&sorted, policy)
        }
    };
    DayTriggers { missing, marks, serious_since }
}

/// A flag before it is put into words: what raised it and the numbers its
/// evidence quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub kind: FlagKind,
    /// The first month its evidence covers.
    pub from: Month,
    /// When the council learned of it: the first report of the run that raised it.
    pub since: NaiveDate,
    detail: Detail,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Detail {
    /// Reports in a row saying no manager is in post, to the latest.
    Vacancy { reports: usize, latest: Month },
    /// Episodes in the three months to the latest report against the three before.
    Rising { recent: u32, before: u32 },
    /// A standard named in these months of the last `window` reports.
    Theme { standard: Standard, months: Vec<Month>, window: usize },
    /// The latest report's opinions.
    Opinion { safeguarded: Opinion, wellbeing: Opinion },
}

impl Mark {
    /// Which flag it is across reports: its kind, and for a theme its standard.
    fn identity(&self) -> (FlagKind, Option<Standard>) {
        match &self.detail {
            Detail::Theme { standard, .. } => (self.kind, Some(*standard)),
            _ => (self.kind, None),
        }
    }

    /// A few words for lists.
    pub fn short(&self) -> String {
        match &self.detail {
            Detail::Vacancy { .. } => format!("manager vacant since {}", self.from.label()),
            Detail::Rising { .. } => "missing episodes rising".into(),
            Detail::Theme { standard, .. } => {
                format!("recurring: reg {}", standard.label().split(' ').next().unwrap_or(""))
            }
            Detail::Opinion { safeguarded, wellbeing } => format!(
                "Reg 44 opinion: {}",
                if *safeguarded == Opinion::No || *wellbeing == Opinion::No { "no" } else { "concerns" }
            ),
        }
    }

    /// Which reports and which numbers.
    pub fn evidence(&self) -> String {
        match &self.detail {
            Detail::Vacancy { reports: 1, latest } => {
                format!("the {} report says no registered manager is in post", latest.label())
            }
            Detail::Vacancy { reports, latest } => format!(
                "{reports} reports from {} to {} say no registered manager is in post",
                self.from.label(),
                latest.label()
            ),
            Detail::Rising { recent, before } => {
                let months = self.from.back(4);
                let rise = (recent - before)
                    .saturating_mul(100)
                    .checked_div(*before)
                    .map_or_else(|| "from none".to_string(), |p| format!("+{p}%"));
                format!(
                    "missing-from-care episodes {recent} in {}–{} against {before} in {}–{} ({rise})",
                    self.from.label(),
                    self.from.next().next().label(),
                    months[0].label(),
                    months[2].label()
                )
            }
            Detail::Theme { standard, months, window } => {
                let names: Vec<String> = months.iter().map(|m| m.label()).collect();
                format!("{} in {} of the last {window} reports ({})", standard.label(), months.len(), names.join(", "))
            }
            Detail::Opinion { safeguarded, wellbeing } => {
                let worrying = |o: &Opinion| *o != Opinion::Yes;
                let mut parts = Vec::new();
                if worrying(safeguarded) {
                    parts.push(format!("children effectively safeguarded: {}", safeguarded.label().to_lowercase()));
                }
                if worrying(wellbeing) {
                    parts.push(format!("well-being promoted: {}", wellbeing.label().to_lowercase()));
                }
                format!("{} report: {}", self.from.label(), parts.join("; "))
            }
        }
    }

    pub fn flag(&self) -> Flag {
        Flag { kind: self.kind, from: self.from, short: self.short(), evidence: self.evidence(), since: self.since }
    }
}

/// Reads the flags of docs/domain.md from a home's reports, any order. A
/// flag raised by several reports in a row counts from the first of them:
/// its `since` is the day that report was received.
pub fn flags(reports: &[ReportFacts], policy: &Policy) -> Vec<Flag> {
    marks_from(reports.iter().collect(), policy).iter().map(Mark::flag).collect()
}

fn marks_from(mut sorted: Vec<&ReportFacts>, policy: &Policy) -> Vec<Mark> {
    sorted.sort_by_key(|r| r.month);
    let mut out = marks_of_latest(&sorted, policy);
    // One walk back through the reports for every flag at once: while the
    // reports before `first` still raise a flag, its run began earlier.
    // (A vacancy's run is its own: it already knows its first report.)
    let mut running: Vec<usize> = (0..out.len()).filter(|i| out[*i].kind != FlagKind::ManagerVacancy).collect();
    let mut first = sorted.len();
    while first > 1 && !running.is_empty() {
        let before = marks_of_latest(&sorted[..first - 1], policy);
        running.retain(|i| {
            let still = before.iter().any(|m| m.identity() == out[*i].identity());
            if !still {
                out[*i].since = sorted[first - 1].received_on;
            }
            still
        });
        first -= 1;
    }
    for i in running {
        out[i].since = sorted[first - 1].received_on;
    }
    out
}

/// The flags the latest report of `sorted` (oldest first) raises with those before it.
fn marks_of_latest(sorted: &[&ReportFacts], policy: &Policy) -> Vec<Mark> {
    let Some(latest) = sorted.last().copied() else { return Vec::new() };
    let mut out = Vec::new();
    if !latest.manager_in_post {
        let run: Vec<&&ReportFacts> = sorted.iter().rev().take_while(|r| !r.manager_in_post).collect();
        let first = run.last().copied().copied().unwrap_or(latest);
        out.push(Mark {
            kind: FlagKind::ManagerVacancy,
            from: first.month,
            since: first.received_on,
            detail: Detail::Vacancy { reports: run.len(), latest: latest.month },
        });
    }
    out.extend(rising_missing(sorted, latest, policy));
    let r = &policy.reg44;
    let window: Vec<&&ReportFacts> = sorted.iter().rev().take(r.recurring_window as usize).collect();
    // Only the Quality Standards are themes: "other" is not one.
    let themes = <Standard as super::code::Code>::ALL.iter().filter(|s| **s != Standard::Other);
    for standard in themes.copied() {
        let mut months: Vec<Month> =
            window.iter().filter(|report| report.standards.contains(&standard)).map(|report| report.month).collect();
        if months.len() >= r.recurring_reports as usize {
            months.sort();
            out.push(Mark {
                kind: FlagKind::RecurringTheme,
                from: months[0],
                since: latest.received_on,
                detail: Detail::Theme { standard, months, window: window.len() },
            });
        }
    }
    if latest.safeguarded != Opinion::Yes || latest.wellbeing != Opinion::Yes {
        out.push(Mark {
            kind: FlagKind::Opinion,
            from: latest.month,
            since: latest.received_on,
            detail: Detail::Opinion { safeguarded: latest.safeguarded, wellbeing: latest.wellbeing },
        });
    }
    out
}

/// Missing-from-care episodes in the three months to the latest report, at
/// least the policy's percentage above the three before and at least its
/// minimum count.
fn rising_missing(sorted: &[&ReportFacts], latest: &ReportFacts, policy: &Policy) -> Option<Mark> {
    let r = &policy.reg44;
    let months = latest.month.back(6);
    let episodes = |ms: &[Month]| -> (u32, usize) {
        let found: Vec<u32> =
            ms.iter().filter_map(|m| sorted.iter().find(|x| x.month == *m).map(|x| x.missing_episodes)).collect();
        (found.iter().sum(), found.len())
    };
    let (before, before_n) = episodes(&months[..3]);
    let (recent, recent_n) = episodes(&months[3..]);
    // Two reports in each three months, or the comparison says nothing.
    if before_n < 2 || recent_n < 2 || recent < r.rising_min_episodes {
        return None;
    }
    let rising = u64::from(recent) * 100 >= u64::from(before) * (100 + u64::from(r.rising_percent)) && recent > before;
    rising.then(|| Mark {
        kind: FlagKind::RisingMissing,
        from: months[3],
        since: latest.received_on,
        detail: Detail::Rising { recent, before },
    })
}

#[cfg(test)]
mod tests;
