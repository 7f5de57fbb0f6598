//! The monitoring schedule: which settings are monitored, when each one's
//! next visit is due, and which due visits to group into one trip.

use super::date::add_days;
use super::facts::Facts;
use super::policy::Policy;
use super::tier::{Tier, assess, tier_on};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Why a setting is monitored rather than only watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Scope {
    InArea,
    ChildrenPlaced,
    UnderStop,
    UnderPlan,
    UnderConcern,
}

impl Scope {
    pub fn label(self) -> &'static str {
        match self {
            Scope::InArea => "in our area",
            Scope::ChildrenPlaced => "children placed",
            Scope::UnderStop => "placement stop",
            Scope::UnderPlan => "improvement plan",
            Scope::UnderConcern => "serious concern",
        }
    }
}

/// The reasons a setting is monitored; empty means it is only watched
/// (ratings tracked, no visits due).
pub fn scope(in_area: bool, children: u32, stop: bool, plan: bool, concern: bool) -> Vec<Scope> {
    [
        (in_area, Scope::InArea),
        (children > 0, Scope::ChildrenPlaced),
        (stop, Scope::UnderStop),
        (plan, Scope::UnderPlan),
        (concern, Scope::UnderConcern),
    ]
    .into_iter()
    .filter_map(|(applies, s)| applies.then_some(s))
    .collect()
}

/// When the next monitoring visit is due, and what set that date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    pub date: NaiveDate,
    pub basis: String,
}

impl Due {
    /// Days past due as of `today`; zero or less when not overdue.
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        (today - self.date).num_days()
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.date < today
    }
}

/// When the next monitoring visit is due, replayed from the last completed
/// monitoring visit over the setting's dated facts (docs/domain.md, "When a
/// visit is due"). Never visited: due from the day monitoring began.
/// Otherwise the due date starts at the visit plus its tier's interval; on
/// each later day the tier rises, the date becomes the earlier of itself
/// and that day plus the new tier's interval (tier 1: the policy's response
/// days); on each day it falls, the visit plus the new interval. A trigger
/// at the tier in force changes nothing.
pub fn due(facts: &Facts, began: NaiveDate, policy: &Policy, today: NaiveDate) -> Due {
    let Some((last, _)) = facts.last_visit_on(today) else {
        return Due { date: began, basis: format!("never visited; monitored since {began}") };
    };
    let mut replay = Replay::from_visit(facts, policy, last, true);
    replay.until(today);
    let mut due = replay.due;
    if tier_on(facts, policy, today).1 {
        due.basis.push_str(" (tier set by override)");
    }
    due
}

/// The due date [`due`] gives at the end of each of `days` (in order), for
/// the cost of one replay: between visits each day carries on from the last.
pub fn due_dates(facts: &Facts, began: NaiveDate, policy: &Policy, days: &[NaiveDate]) -> Vec<NaiveDate> {
    let mut replay: Option<Replay> = None;
    days.iter()
        .map(|&day| {
            let Some((last, _)) = facts.last_visit_on(day) else { return began };
            let replay = match replay.take() {
                Some(r) if r.last == last && r.upto <= day => replay.insert(r),
                _ => replay.insert(Replay::from_visit(facts, policy, last, false)),
            };
            replay.until(day);
            replay.due.date
        })
        .collect()
}

/// A setting's tier and due date replayed from one visit, change point by
/// change point; with `explain`, the due date's basis in words too.
struct Replay<'a> {
    facts: &'a Facts,
    policy: &'a Policy,
    last: NaiveDate,
    tier: Tier,
    due: Due,
    /// Replayed to the end of this day.
    upto: NaiveDate,
    explain: bool,
}

impl<'a> Replay<'a> {
    fn from_visit(facts: &'a Facts, policy: &'a Policy, last: NaiveDate, explain: bool) -> Replay<'a> {
        let tier = tier_on(facts, policy, last).0;
        let mut replay =
            Replay { facts, policy, last, tier, due: Due { date: last, basis: String::new() }, upto: last, explain };
        replay.due = replay.regular(tier, None);
        replay
    }

    fn interval(&self, tier: Tier) -> i64 {
        i64::from(tier.interval(self.policy))
    }

    /// Due at the visit plus `tier`'s interval.
    fn regular(&self, tier: Tier, from: Option<NaiveDate>) -> Due {
        let (last, days) = (self.last, self.interval(tier));
        let basis = match (self.explain, from) {
            (false, _) => String::new(),
            (true, None) => format!("last visit {last} + {days} days (tier {})", tier.number()),
            (true, Some(day)) => format!("last visit {last} + {days} days (tier {} from {day})", tier.number()),
        };
        Due { date: add_days(last, days), basis }
    }

    /// Carries the replay on to the end of `day`.
    fn until(&mut self, day: NaiveDate) {
        for point in self.facts.change_points(self.policy, self.upto, day) {
            self.step(point);
        }
        self.upto = self.upto.max(day);
    }

    fn step(&mut self, day: NaiveDate) {
        let (now, _) = tier_on(self.facts, self.policy, day);
        if now < self.tier {
            let respond = match now {
                Tier::Intensive => i64::from(self.policy.tiers.intensive_response_days),
                other => self.interval(other),
            };
            let date = add_days(day, respond);
            if date >= self.due.date {
                if self.explain {
                    let asks = format!(
                        "it stands: tier {} from {day} would ask by {date} ({respond} days), later",
                        now.number()
                    );
                    self.due.basis = format!("{}; {asks}", self.due.basis);
                }
            } else {
                let basis = match self.explain {
                    true => self.rise_basis(day, respond),
                    false => String::new(),
                };
                self.due = Due { date, basis };
            }
        } else if now > self.tier {
            self.due = self.regular(now, Some(day));
        }
        self.tier = now;
    }

    /// Why a rise on `day` brought the visit forward, in words.
    fn rise_basis(&self, day: NaiveDate, respond: i64) -> String {
        let now = assess(self.facts, self.policy, day);
        let what = match &now.override_ {
            Some(_) => "override".to_string(),
            None => now
                .reasons
                .iter()
                .filter(|r| r.tier == now.tier)
                .find(|r| r.since == Some(day))
                .or(now.reasons.first())
                .map_or_else(String::new, |r| r.short.clone()),
        };
        format!("{what} from {day}: tier {}, visit within {respond} days", now.tier.number())
    }
}

/// Due visits to out-of-area settings that one trip could cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cluster {
    pub authority: String,
    /// Indices into the entries given, earliest due first.
    pub members: Vec<usize>,
    pub earliest: NaiveDate,
}

/// Groups out-of-area entries due on or before `until` by local authority:
/// the largest groups first, then the most pressing.
pub fn clusters(entries: &[(&str, bool, NaiveDate)], until: NaiveDate) -> Vec<Cluster> {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (authority, in_area, due)) in entries.iter().enumerate() {
        if !in_area && *due <= until {
            groups.entry(authority).or_default().push(i);
        }
    }
    let mut out: Vec<Cluster> = groups
        .into_iter()
        .map(|(authority, mut members)| {
            members.sort_by_key(|&i| entries[i].2);
            let earliest = entries[members[0]].2;
            Cluster { authority: authority.to_string(), members, earliest }
        })
        .collect();
    out.sort_by(|a, b| b.members.len().cmp(&a.members.len()).then(a.earliest.cmp(&b.earliest)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::{Month, parse};
    use crate::domain::facts::{HomeReports, Judged, Period};
    use crate::domain::rating::Judgement;
    use crate::domain::tier::TierOverride;
    use crate::domain::visit::VisitOutcome;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    fn policy() -> Policy {
        Policy::default()
    }

    fn judged(j: Judgement, inspected: &str, learned: &str) -> Judged {
        Judged { judgement: j, inspected: d(inspected), learned: d(learned) }
    }

    /// Judged `j` long ago, visited on `last` with a good outcome.
    fn visited(j: Judgement, last: &str) -> Facts {
        Facts {
            judgements: vec![judged(j, "2025-01-10", "2025-02-01")],
            visits: vec![(d(last), VisitOutcome::Good)],
            ..Facts::default()
        }
    }

    /// A home's reports, each received on the 5th of the month after, for
    /// every month from `from` to `to`.
    fn reports(from: &str, to: &str) -> Option<HomeReports> {
        let (mut m, end) = (Month::parse(from).unwrap(), Month::parse(to).unwrap());
        let mut out = Vec::new();
        while m <= end {
            out.push(crate::domain::tier::tests::report(&m.to_string()));
            m = m.next();
        }
        Some(HomeReports { reports: out, open: Default::default() })
    }

    fn due_on(facts: &Facts, today: &str) -> Due {
        due(facts, d("2020-01-01"), &policy(), d(today))
    }

    #[test]
    fn due_dates_for_many_days_are_due_on_each_day() {
        // Three visits, a judgement falling and rising again, a stop, a
        // missing manager and a year of reports with a gap: every kind of
        // change point, and replays that restart at each visit.
        let mut facts = Facts {
            judgements: vec![
                judged(Judgement::Good, "2025-01-10", "2025-02-01"),
                judged(Judgement::Inadequate, "2025-09-01", "2025-09-20"),
                judged(Judgement::Good, "2026-03-01", "2026-03-15"),
            ],
            visits: vec![
                (d("2025-03-01"), VisitOutcome::Good),
                (d("2025-10-01"), VisitOutcome::Concerns),
                (d("2026-04-10"), VisitOutcome::Good),
            ],
            stops: vec![Period { from: d("2025-11-05"), until: Some(d("2026-01-20")) }],
            manager_vacant_on: Some(d("2026-05-01")),
            reg44: reports("2025-01", "2026-06"),
            ..Facts::default()
        };
        if let Some(home) = facts.reg44.as_mut() {
            home.reports.retain(|r| r.month != Month::parse("2026-02").unwrap());
        }
        let days: Vec<NaiveDate> = (0..560).map(|n| add_days(d("2025-01-01"), n)).collect();
        let each: Vec<NaiveDate> = days.iter().map(|&day| due(&facts, d("2024-06-01"), &policy(), day).date).collect();
        assert_eq!(due_dates(&facts, d("2024-06-01"), &policy(), &days), each);
        assert!(each.windows(2).any(|w| w[0] != w[1]), "the due date moves in the year: the test can fail");
    }

    #[test]
    fn scope_lists_every_reason_and_watched_is_empty() {
        assert_eq!(scope(true, 2, false, false, false), vec![Scope::InArea, Scope::ChildrenPlaced]);
        assert_eq!(scope(false, 0, false, true, false), vec![Scope::UnderPlan]);
        assert!(scope(false, 0, false, false, false).is_empty());
    }

    /// Last visit + interval, across month ends and leap years.
    #[test]
    fn due_arithmetic() {
        let cases = [
            ("2026-01-31", "2026-05-02", "standard 91 days over February"),
            ("2027-12-15", "2028-03-15", "across a new year into a leap year"),
            ("2028-02-29", "2028-05-30", "from a leap day"),
            ("2023-11-30", "2024-02-29", "landing on a leap day"),
        ];
        for (last, want, name) in cases {
            assert_eq!(due_on(&visited(Judgement::Good, last), last).date, d(want), "{name}");
        }
    }

    #[test]
    fn each_tier_has_its_interval() {
        for (j, want) in [
            (Judgement::Inadequate, "2026-01-29"),
            (Judgement::RequiresImprovement, "2026-02-12"),
            (Judgement::Good, "2026-04-02"),
            (Judgement::Outstanding, "2026-07-02"),
        ] {
            assert_eq!(due_on(&visited(j, "2026-01-01"), "2026-01-02").date, d(want), "{j:?}");
        }
    }

    #[test]
    fn never_visited_is_due_from_when_monitoring_began() {
        let facts =
            Facts { judgements: vec![judged(Judgement::Inadequate, "2026-10-01", "2026-10-02")], ..Facts::default() };
        let due = due(&facts, d("2026-09-01"), &policy(), d("2026-11-24"));
        assert_eq!(due.date, d("2026-09-01"));
        assert_eq!(due.days_overdue(d("2026-11-24")), 84);
        assert!(due.basis.starts_with("never visited"));
    }

    /// The cases in the schedule issue, each as (name, facts, day, due, days
    /// overdue on that day).
    #[test]
    fn the_rule_on_the_cases_that_were_wrong() {
        let mut cases: Vec<(&str, Facts, &str, &str)> = Vec::new();
        // 1. A rise measured from its trigger, not from the last visit: an
        // Outstanding home visited on 1 June (tier 4, due 30 November).
        let light = || Facts { reg44: reports("2026-04", "2026-09"), ..visited(Judgement::Outstanding, "2026-06-01") };
        cases.push(("tier 4 before October's report is missing", light(), "2026-11-10", "2026-11-30"));
        cases.push((
            "October's report missing from 11 November: tier 2, no earlier",
            light(),
            "2026-11-11",
            "2026-11-30",
        ));
        let action = Facts { overdue_actions: vec![Period::since(d("2026-11-11"))], ..light() };
        cases.push(("an action overdue from 11 November", action, "2026-11-12", "2026-11-30"));
        let mut fallen = light();
        fallen.judgements.push(judged(Judgement::RequiresImprovement, "2026-10-20", "2026-11-05"));
        cases.push((
            "Outstanding lost, inspected 20 Oct, learned 5 Nov: tier 4 until then",
            fallen.clone(),
            "2026-11-04",
            "2026-11-30",
        ));
        cases.push(("… and tier 2 from then, no earlier", fallen, "2026-11-05", "2026-11-30"));
        let fallen_early = Facts {
            judgements: vec![
                judged(Judgement::Outstanding, "2025-01-10", "2025-02-01"),
                judged(Judgement::RequiresImprovement, "2026-07-01", "2026-07-20"),
            ],
            ..light()
        };
        cases.push(("tier 2 from 20 July: 20 July + 42", fallen_early, "2026-11-10", "2026-08-31"));
        // 2. A trigger at the tier in force moves nothing: RI, visited 8 April, due 20 May.
        let ri = || visited(Judgement::RequiresImprovement, "2026-04-08");
        cases.push(("RI, 14 days overdue on 3 June", ri(), "2026-06-03", "2026-05-20"));
        let vacant = Facts { manager_vacant_on: Some(d("2026-06-03")), ..ri() };
        cases.push(("a vacancy at tier 2 keeps the date", vacant, "2026-06-03", "2026-05-20"));
        let o = TierOverride {
            setting_id: 1,
            tier: Tier::Enhanced,
            reason: "as computed".into(),
            set_on: d("2026-06-01"),
            expires: d("2026-12-01"),
        };
        let same = Facts { overrides: vec![o.clone()], ..ri() };
        cases.push(("an override to the computed tier keeps it", same, "2026-06-03", "2026-05-20"));
        let inadequate = || visited(Judgement::Inadequate, "2026-05-01");
        cases.push(("Inadequate, due 29 May", inadequate(), "2026-06-03", "2026-05-29"));
        let stop = Facts { stops: vec![Period::since(d("2026-06-04"))], ..inadequate() };
        cases.push(("a stop at tier 1 keeps it", stop, "2026-06-04", "2026-05-29"));
        // 3. A rise never forgives a visit already late.
        let late = Facts {
            stops: vec![Period::since(d("2026-05-23"))],
            serious_concerns: vec![Period::since(d("2026-05-23"))],
            ..ri()
        };
        cases.push(("tier 2 three days overdue, then a stop and an SPC", late, "2026-05-24", "2026-05-20"));
        let good = Facts {
            judgements: vec![
                judged(Judgement::Good, "2024-01-10", "2024-02-01"),
                judged(Judgement::RequiresImprovement, "2026-06-01", "2026-06-20"),
            ],
            visits: vec![(d("2026-01-20"), VisitOutcome::Good)],
            ..Facts::default()
        };
        cases.push(("tier 3 due 21 April, RI learned 20 June: still due 21 April", good, "2026-06-20", "2026-04-21"));
        // A rise on time: tier 3 visited 1 September (due 1 December), a stop on 1 November.
        let on_time = Facts { stops: vec![Period::since(d("2026-11-01"))], ..visited(Judgement::Good, "2026-09-01") };
        cases.push(("a stop on 1 November: visit within 14 days", on_time.clone(), "2026-11-01", "2026-11-15"));
        let lifted = Facts { stops: vec![Period::new(d("2026-11-01"), Some(d("2026-11-10")))], ..on_time };
        cases.push(("lifted on 10 November: back to the visit + 91", lifted, "2026-11-10", "2026-12-01"));
        // 4. A lowering override gives way to a later trigger above its tier.
        let lowered = Facts {
            overrides: vec![TierOverride { tier: Tier::Light, set_on: d("2026-09-15"), ..o }],
            reg44: reports("2026-04", "2026-08"),
            ..visited(Judgement::Good, "2026-09-01")
        };
        cases.push(("overridden to tier 4 on 15 September: visit + 182", lowered.clone(), "2026-10-10", "2027-03-02"));
        cases.push(("September's report missing on 11 October: tier 2 from then", lowered, "2026-10-11", "2026-11-22"));
        for (name, facts, today, want) in cases {
            let got = due_on(&facts, today);
            assert_eq!(got.date, d(want), "{name}: {}", got.basis);
        }
    }

    #[test]
    fn the_basis_says_what_set_the_date() {
        let facts = Facts { stops: vec![Period::since(d("2026-11-01"))], ..visited(Judgement::Good, "2026-09-01") };
        assert_eq!(due_on(&facts, "2026-11-02").basis, "placement stop from 2026-11-01: tier 1, visit within 14 days");
        assert_eq!(due_on(&facts, "2026-10-31").basis, "last visit 2026-09-01 + 91 days (tier 3)");
    }

    #[test]
    fn clusters_group_due_out_of_area_settings_by_authority() {
        let entries = [
            ("Lancashire", false, d("2026-12-10")),
            ("Kent", false, d("2026-12-01")),
            ("Lancashire", false, d("2026-11-30")),
            ("Marlshire", true, d("2026-11-25")),
            ("Lancashire", false, d("2027-03-01")),
            ("Kent", false, d("2026-11-01")),
            ("Devon", false, d("2026-12-20")),
        ];
        let found = clusters(&entries, d("2026-12-24"));
        let shape: Vec<(&str, Vec<usize>)> = found.iter().map(|c| (c.authority.as_str(), c.members.clone())).collect();
        assert_eq!(shape, vec![("Kent", vec![5, 1]), ("Lancashire", vec![2, 0]), ("Devon", vec![6])]);
        assert_eq!(found[0].earliest, d("2026-11-01"));
    }
}
