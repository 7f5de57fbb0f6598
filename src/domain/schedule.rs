//! The monitoring schedule: which settings are monitored, when each one's
//! next visit is due, and which due visits to group into one trip.

use super::date::add_days;
use super::policy::Policy;
use super::tier::{Assessment, Tier};
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

/// The last completed monitoring visit plus the tier's interval; if never
/// visited, the day monitoring began.
///
/// A tier that rose after the last visit does not make the setting overdue
/// for the days before it rose: the new tier's date counts from the
/// trigger at the earliest. Tier 1 adds the response window: a visit within
/// that many days of a trigger not yet followed by a visit.
pub fn next_due(assessment: &Assessment, last_visit: Option<NaiveDate>, began: NaiveDate, policy: &Policy) -> Due {
    let tier = assessment.tier;
    let interval = tier.interval(policy);
    let window = i64::from(policy.tiers.intensive_response_days);
    let mut due = match last_visit {
        Some(last) => Due {
            date: add_days(last, interval.into()),
            basis: format!("last visit {last} + {interval} days (tier {})", tier.number()),
        },
        None => Due { date: began, basis: format!("never visited; monitored since {began}") },
    };
    // What put the setting in its tier since the last visit, earliest first.
    let override_start = assessment
        .override_
        .as_ref()
        .filter(|o| o.tier <= assessment.computed)
        .map(|o| ("override".to_string(), o.set_on));
    let fresh = assessment
        .reasons
        .iter()
        .filter(|r| r.tier == tier)
        .filter_map(|r| r.since.map(|s| (r.short.clone(), s)))
        .chain(override_start)
        .filter(|(_, since)| last_visit.is_none_or(|last| last < *since))
        .min_by_key(|(_, since)| *since);
    if let Some((what, since)) = fresh {
        let respond = if tier == Tier::Intensive { add_days(since, window) } else { since };
        let basis = if tier == Tier::Intensive {
            format!("{what} since {since}: visit within {window} days")
        } else {
            format!("{what} since {since}: tier {} from then", tier.number())
        };
        let rose_after_due = last_visit.is_some() && due.date < since;
        if rose_after_due || (tier == Tier::Intensive && respond < due.date) {
            due = Due { date: respond, basis };
        }
    }
    if assessment.override_.is_some() {
        due.basis.push_str(" (tier set by override)");
    }
    due
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
    use crate::domain::date::parse;
    use crate::domain::rating::Judgement;
    use crate::domain::tier::{Facts, Judged, TierOverride, assess};

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    fn policy() -> Policy {
        Policy::default()
    }

    fn assessed(facts: Facts, today: &str) -> Assessment {
        assess(&facts, &policy(), d(today))
    }

    fn good() -> Facts {
        Facts {
            judgement: Some(Judged {
                judgement: Judgement::Good,
                inspected: d("2025-01-10"),
                learned: d("2025-02-01"),
            }),
            ..Facts::default()
        }
    }

    #[test]
    fn scope_lists_every_reason_and_watched_is_empty() {
        assert_eq!(scope(true, 2, false, false, false), vec![Scope::InArea, Scope::ChildrenPlaced]);
        assert_eq!(scope(false, 0, false, true, false), vec![Scope::UnderPlan]);
        assert!(scope(false, 0, false, false, false).is_empty());
    }

    /// Last visit + interval, across month ends and leap years.
    #[test]
    fn next_due_arithmetic() {
        let cases = [
            ("2026-01-31", "2026-05-02", "standard 91 days over February"),
            ("2027-12-15", "2028-03-15", "across a new year into a leap year"),
            ("2028-02-29", "2028-05-30", "from a leap day"),
            ("2023-11-30", "2024-02-29", "landing on a leap day"),
        ];
        for (last, want, name) in cases {
            let due = next_due(&assessed(good(), "2026-11-24"), Some(d(last)), d("2020-01-01"), &policy());
            assert_eq!(due.date, d(want), "{name}");
        }
    }

    #[test]
    fn each_tier_has_its_interval() {
        let last = d("2026-01-01");
        let expect = [
            (Tier::Intensive, "2026-01-29"),
            (Tier::Enhanced, "2026-02-12"),
            (Tier::Standard, "2026-04-02"),
            (Tier::Light, "2026-07-02"),
        ];
        for (tier, want) in expect {
            let mut a = assessed(good(), "2026-01-02");
            a.tier = tier;
            assert_eq!(next_due(&a, Some(last), last, &policy()).date, d(want), "{tier}");
        }
    }

    #[test]
    fn never_visited_is_due_from_when_monitoring_began() {
        let due = next_due(&assessed(good(), "2026-11-24"), None, d("2026-09-01"), &policy());
        assert_eq!(due.date, d("2026-09-01"));
        assert_eq!(due.days_overdue(d("2026-11-24")), 84);
        assert!(due.basis.starts_with("never visited"));
    }

    fn inadequate(learned: &str) -> Facts {
        Facts {
            judgement: Some(Judged {
                judgement: Judgement::Inadequate,
                inspected: d("2026-10-20"),
                learned: d(learned),
            }),
            ..Facts::default()
        }
    }

    #[test]
    fn entering_tier_1_brings_a_visit_within_14_days() {
        let due = |learned: &str, last: Option<&str>| {
            next_due(&assessed(inadequate(learned), "2026-11-24"), last.map(d), d("2024-01-01"), &policy())
        };
        // Visited 10 days before we learned: the response window is sooner than 28 days.
        let after_recent = due("2026-11-20", Some("2026-11-10"));
        assert_eq!(after_recent.date, d("2026-12-04"));
        assert_eq!(after_recent.basis, "Inadequate since 2026-11-20: visit within 14 days");
        // Visited long before: not overdue for the months before it was rated, due 14 days from then.
        assert_eq!(due("2026-11-20", Some("2026-08-01")).date, d("2026-12-04"));
        // Visited just before, with the regular date sooner than the window.
        assert_eq!(due("2026-11-20", Some("2026-10-25")).date, d("2026-11-22"));
        // A visit after the trigger satisfies it: the tier-1 interval applies.
        let visited = due("2026-11-01", Some("2026-11-05"));
        assert_eq!(
            (visited.date, visited.basis.as_str()),
            (d("2026-12-03"), "last visit 2026-11-05 + 28 days (tier 1)")
        );
        // Never visited and monitored for years: still due from then.
        assert_eq!(due("2026-11-20", None).date, d("2024-01-01"));
    }

    #[test]
    fn a_tier_2_trigger_after_the_last_visit_is_due_from_the_trigger_not_before() {
        let facts = Facts { manager_vacant: true, manager_vacant_since: Some(d("2026-11-01")), ..good() };
        let a = assessed(facts, "2026-11-24");
        let due = next_due(&a, Some(d("2026-08-01")), d("2024-01-01"), &policy());
        assert_eq!(due.date, d("2026-11-01"), "42 days from August would be September: due from the vacancy instead");
        assert_eq!(due.basis, "manager vacant since 2026-11-01: tier 2 from then");
        let due = next_due(&a, Some(d("2026-10-20")), d("2024-01-01"), &policy());
        assert_eq!(due.date, d("2026-12-01"), "the regular interval when it falls after the trigger");
    }

    #[test]
    fn an_override_sets_the_interval() {
        let mut facts = good();
        facts.override_ = Some(TierOverride {
            setting_id: 1,
            tier: Tier::Enhanced,
            reason: "watching a new manager".into(),
            set_on: d("2026-11-01"),
            expires: d("2027-02-01"),
        });
        let due = next_due(&assessed(facts.clone(), "2026-11-24"), Some(d("2026-11-01")), d("2024-01-01"), &policy());
        assert_eq!(due.date, d("2026-12-13"));
        assert!(due.basis.ends_with("(tier set by override)"));
        // Raised by override long after the last visit: due from the override.
        let due = next_due(&assessed(facts, "2026-11-24"), Some(d("2026-07-01")), d("2024-01-01"), &policy());
        assert_eq!(due.date, d("2026-11-01"));
        assert_eq!(due.basis, "override since 2026-11-01: tier 2 from then (tier set by override)");
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
