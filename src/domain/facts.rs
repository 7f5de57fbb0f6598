//! A setting's dated facts: everything the tier rules look at, each with the
//! day the council learned of it and, where it has ended, the day it ended.
//! Read as of any day, they say only what was true and known by then, so
//! the tier can be replayed day by day (see `schedule::due`).

use super::date::add_days;
use super::money::Pence;
use super::notification::Notified;
use super::policy::Policy;
use super::rating::Judgement;
use super::reg44::{DayTriggers, Open, ReportFacts};
use super::tier::{Enforcement, LowRiskBasis, TierOverride};
use super::visit::VisitOutcome;
use chrono::NaiveDate;

/// The days something held: from the day the council learned of it until
/// the day it ended (not counted); `until` is `None` while it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Period {
    pub fn new(from: NaiveDate, until: Option<NaiveDate>) -> Period {
        Period { from, until }
    }

    /// Holding from `from` on.
    pub fn since(from: NaiveDate) -> Period {
        Period { from, until: None }
    }

    pub fn covers(self, day: NaiveDate) -> bool {
        self.from <= day && self.until.is_none_or(|u| day < u)
    }
}

/// An Ofsted judgement: when the inspection was and when the council
/// learned of it (from when it counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    pub judgement: Judgement,
    pub inspected: NaiveDate,
    pub learned: NaiveDate,
}

/// A children's home's Reg 44 reports and the months it owes them for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HomeReports {
    pub reports: Vec<ReportFacts>,
    pub open: Open,
}

/// Everything the rules look at, dated. Absent facts read as "nothing to
/// worry about".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Every judgement, any order.
    pub judgements: Vec<Judged>,
    /// Placement stops on the setting or its whole provider.
    pub stops: Vec<Period>,
    /// Serious Provider Concerns: from escalation to closing.
    pub serious_concerns: Vec<Period>,
    /// Ofsted enforcement in force, and since when.
    pub enforcement: Option<(Enforcement, NaiveDate)>,
    /// A registered manager's post recorded vacant on the setting, from the
    /// day the council learned of it.
    pub manager_vacant_on: Option<NaiveDate>,
    /// For a children's home monitored: its Reg 44 reports.
    pub reg44: Option<HomeReports>,
    /// Each improvement plan action overdue: from the day after it fell due
    /// until it was done or its plan ended.
    pub overdue_actions: Vec<Period>,
    /// Completed monitoring visits and their outcomes (the store gives the
    /// last one by the day it reads as of: the replay starts there).
    pub visits: Vec<(NaiveDate, VisitOutcome)>,
    pub low_risk: Option<(LowRiskBasis, NaiveDate)>,
    /// What the council spends there a year, for a low-risk-by-value assessment.
    pub annual_value: Pence,
    /// Every override, in the order set.
    pub overrides: Vec<TierOverride>,
    /// The returns it owes (its own, or its provider's for its kind of
    /// setting), as the schedule of returns stands.
    pub returns: Vec<ReturnOwed>,
    /// Its quality score at the last two quarter ends, when it fell.
    pub score_fall: Option<ScoreFall>,
    /// The Regulation 40 notifications it sent, any order.
    pub notifications: Vec<Notified>,
}

/// A return owed: which, by when, and the day it came if it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnOwed {
    /// "supported accommodation return for 2026-Q3".
    pub what: String,
    pub due: NaiveDate,
    pub received: Option<NaiveDate>,
}

impl ReturnOwed {
    /// Not received by `day` though due before it.
    pub fn missing_on(&self, day: NaiveDate) -> bool {
        self.due < day && self.received.is_none_or(|on| on > day)
    }

    /// Received by `day`, after its due day: the day it came.
    pub fn late_by(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.received.filter(|on| *on > self.due && *on <= day)
    }
}

/// A quality score that fell from one quarter end to the next.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreFall {
    pub before: (NaiveDate, f64),
    pub after: (NaiveDate, f64),
}

impl Eq for ScoreFall {}

impl ScoreFall {
    /// Points lost.
    pub fn points(self) -> f64 {
        self.before.1 - self.after.1
    }

    /// The fall is known from the day after the later quarter end.
    pub fn since(self) -> NaiveDate {
        add_days(self.after.0, 1)
    }
}

impl Facts {
    /// The latest judgement the council knew of on `day` (by inspection date).
    pub fn judgement_on(&self, day: NaiveDate) -> Option<Judged> {
        self.judgements.iter().filter(|j| j.learned <= day).fold(None, |best, j| match best {
            Some(b) if b.inspected > j.inspected => Some(b),
            _ => Some(*j),
        })
    }

    /// The last monitoring visit completed on or before `day`.
    pub fn last_visit_on(&self, day: NaiveDate) -> Option<(NaiveDate, VisitOutcome)> {
        self.visits.iter().filter(|v| v.0 <= day).max_by_key(|v| v.0).copied()
    }

    /// The override in force on `day`: the latest set of those covering it.
    pub fn override_on(&self, day: NaiveDate) -> Option<&TierOverride> {
        self.overrides.iter().filter(|o| o.is_active(day)).max_by_key(|o| o.set_on)
    }

    /// What the Reg 44 reports received by `day` say on that day; with
    /// `runs`, when each flag's run of reports began.
    pub fn reg44_on(&self, policy: &Policy, day: NaiveDate, runs: bool) -> DayTriggers {
        let home = self.reg44.as_ref();
        home.map(|h| super::reg44::triggers_on(&h.reports, h.open, policy, day, runs)).unwrap_or_default()
    }

    /// The days after `start`, up to and including `end`, on which any fact
    /// may change what the rules give: something learned, ended, falling due
    /// or running out. Sorted, each once.
    pub fn change_points(&self, policy: &Policy, start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
        let mut days = Vec::new();
        let period = |p: &Period| [Some(p.from), p.until];
        days.extend(self.judgements.iter().map(|j| j.learned));
        days.extend(
            self.stops.iter().chain(&self.serious_concerns).chain(&self.overdue_actions).flat_map(period).flatten(),
        );
        days.extend(self.enforcement.map(|e| e.1));
        days.extend(self.manager_vacant_on);
        days.extend(self.low_risk.map(|l| l.1));
        days.extend(self.overrides.iter().flat_map(|o| [o.set_on, add_days(o.expires, 1)]));
        // A return turns missing the day after its due day and stops counting a
        // year on; one received late counts for a year from the day it came.
        for r in &self.returns {
            days.extend([add_days(r.due, 1), add_days(r.due, 366)]);
            days.extend(r.received.into_iter().flat_map(|on| [on, add_days(on, 365)]));
        }
        days.extend(self.score_fall.map(ScoreFall::since));
        days.extend(super::notification::change_points(&self.notifications, policy));
        if let Some(home) = &self.reg44 {
            let window = i64::from(policy.triggers.serious_finding_days);
            for r in &home.reports {
                days.push(r.received_on);
                if r.serious_finding {
                    days.push(add_days(r.visited_on, window + 1));
                }
            }
            // A month's report turns missing the day after its due day.
            let due_day = policy.reg44.due_day;
            let mut month = super::date::Month::of(start).previous().previous();
            while month.due_by(due_day) < end {
                days.push(add_days(month.due_by(due_day), 1));
                month = month.next();
            }
        }
        days.retain(|d| *d > start && *d <= end);
        days.sort();
        days.dedup();
        days
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    #[test]
    fn a_period_covers_from_its_first_day_to_the_day_before_it_ended() {
        let p = Period::new(d("2026-03-01"), Some(d("2026-03-10")));
        assert!(!p.covers(d("2026-02-28")) && p.covers(d("2026-03-01")) && p.covers(d("2026-03-09")));
        assert!(!p.covers(d("2026-03-10")));
        assert!(Period::since(d("2026-03-01")).covers(d("2030-01-01")));
    }

    #[test]
    fn a_judgement_counts_from_the_day_it_was_learned_of() {
        let j = |inspected, learned, judgement| Judged { judgement, inspected: d(inspected), learned: d(learned) };
        let facts = Facts {
            judgements: vec![
                j("2025-01-10", "2025-02-20", Judgement::Good),
                j("2026-10-31", "2026-11-01", Judgement::RequiresImprovement),
            ],
            ..Facts::default()
        };
        assert_eq!(facts.judgement_on(d("2025-02-19")), None);
        assert_eq!(facts.judgement_on(d("2026-10-31")).map(|j| j.judgement), Some(Judgement::Good));
        assert_eq!(facts.judgement_on(d("2026-11-01")).map(|j| j.judgement), Some(Judgement::RequiresImprovement));
    }

    #[test]
    fn change_points_lie_after_the_start_and_up_to_the_end() {
        let facts = Facts {
            stops: vec![Period::new(d("2026-05-02"), Some(d("2026-06-01")))],
            manager_vacant_on: Some(d("2026-01-01")),
            reg44: Some(HomeReports::default()),
            ..Facts::default()
        };
        let days = facts.change_points(&Policy::default(), d("2026-05-01"), d("2026-07-15"));
        // The stop's two days, and the day after each month's due day (the 10th).
        assert_eq!(days, [d("2026-05-02"), d("2026-05-11"), d("2026-06-01"), d("2026-06-11"), d("2026-07-11")]);
    }
}
