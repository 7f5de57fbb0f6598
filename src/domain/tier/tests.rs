//! The tier rules, case by case.

use super::*;
use crate::domain::date::{Month, parse};
use crate::domain::facts::HomeReports;
use crate::domain::rating::Judgement;
use crate::domain::reg44::{Opinion, ReportFacts};

fn d(s: &str) -> NaiveDate {
    parse(s).unwrap()
}

const TODAY: &str = "2026-11-24";

fn judged(j: Judgement) -> Vec<Judged> {
    vec![Judged { judgement: j, inspected: d("2026-06-01"), learned: d("2026-07-01") }]
}

fn assess_(facts: &Facts) -> Assessment {
    assess(facts, &Policy::default(), d(TODAY))
}

/// A home's report for `month`, received on its 5th day of the next month.
pub(in crate::domain) fn report(month: &str) -> ReportFacts {
    let m = Month::parse(month).unwrap();
    ReportFacts {
        month: m,
        visited_on: m.first_day(),
        received_on: m.due_by(5),
        manager_in_post: true,
        missing_episodes: 0,
        safeguarded: Opinion::Yes,
        wellbeing: Opinion::Yes,
        standards: Vec::new(),
        serious_finding: false,
    }
}

/// Reports for every month from May to October 2026.
fn reports(change: impl Fn(&mut ReportFacts)) -> Option<HomeReports> {
    let mut reports: Vec<ReportFacts> =
        ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"].into_iter().map(report).collect();
    reports.iter_mut().for_each(change);
    Some(HomeReports { reports, open: Default::default() })
}

/// Each trigger of docs/domain.md alone, with the tier and short reason it gives.
#[test]
fn every_trigger_gives_its_tier() {
    let base = || Facts { judgements: judged(Judgement::Good), reg44: reports(|_| {}), ..Facts::default() };
    let cases: Vec<(&str, Facts, Tier, &str)> = vec![
        ("good, nothing else", base(), Tier::Standard, "standard"),
        ("no inspection yet", Facts::default(), Tier::Standard, "standard"),
        ("inadequate", Facts { judgements: judged(Judgement::Inadequate), ..base() }, Tier::Intensive, "Inadequate"),
        (
            "serious weaknesses",
            Facts { judgements: judged(Judgement::SeriousWeaknesses), ..base() },
            Tier::Intensive,
            "Serious weaknesses",
        ),
        ("stop", Facts { stops: vec![Period::since(d("2026-11-01"))], ..base() }, Tier::Intensive, "placement stop"),
        (
            "serious concern",
            Facts { serious_concerns: vec![Period::since(d("2026-10-01"))], ..base() },
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
            Facts { judgements: judged(Judgement::RequiresImprovement), ..base() },
            Tier::Enhanced,
            "RI",
        ),
        ("adequate", Facts { judgements: judged(Judgement::Adequate), ..base() }, Tier::Enhanced, "Adequate"),
        (
            "inconsistent",
            Facts { judgements: judged(Judgement::Inconsistent), ..base() },
            Tier::Enhanced,
            "Inconsistent",
        ),
        (
            "manager vacant, recorded",
            Facts { manager_vacant_on: Some(d("2026-11-02")), ..base() },
            Tier::Enhanced,
            "manager vacant",
        ),
        (
            "manager vacant, reported",
            Facts { reg44: reports(|r| r.manager_in_post = r.month < Month::parse("2026-10").unwrap()), ..base() },
            Tier::Enhanced,
            "manager vacant",
        ),
        (
            "reg 44 missing",
            Facts {
                reg44: Some(HomeReports {
                    reports: reports(|_| {}).unwrap().reports[..5].to_vec(),
                    ..Default::default()
                }),
                ..base()
            },
            Tier::Enhanced,
            "Reg 44 missing",
        ),
        (
            "reg 44 opinion",
            Facts { reg44: reports(|r| r.safeguarded = Opinion::Concerns), ..base() },
            Tier::Enhanced,
            "Reg 44 opinion: concerns",
        ),
        (
            "serious finding",
            Facts { reg44: reports(|r| r.serious_finding = r.month == Month::parse("2026-10").unwrap()), ..base() },
            Tier::Enhanced,
            "serious Reg 44 finding",
        ),
        (
            "overdue action",
            Facts { overdue_actions: vec![Period::since(d("2026-11-01")); 2], ..base() },
            Tier::Enhanced,
            "2 plan actions overdue",
        ),
        (
            "visit concerns",
            Facts { visits: vec![(d("2026-11-02"), VisitOutcome::Concerns)], ..base() },
            Tier::Enhanced,
            "last visit outcome: concerns",
        ),
        (
            "visit serious concerns",
            Facts { visits: vec![(d("2026-11-02"), VisitOutcome::SeriousConcerns)], ..base() },
            Tier::Enhanced,
            "last visit outcome: serious concerns",
        ),
        (
            "visit good",
            Facts {
                visits: vec![(d("2026-10-01"), VisitOutcome::Concerns), (d("2026-11-02"), VisitOutcome::Good)],
                ..base()
            },
            Tier::Standard,
            "standard",
        ),
        ("outstanding", Facts { judgements: judged(Judgement::Outstanding), ..base() }, Tier::Light, "Outstanding"),
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
        assert_eq!(a.tier, tier, "{name}: {:?}", a.reasons);
        assert_eq!(a.reasons[0].short, short, "{name}");
    }
}

#[test]
fn what_was_not_yet_known_or_has_ended_does_not_count() {
    let on = |facts: &Facts, day: &str| assess(facts, &Policy::default(), d(day)).tier;
    let stop = Facts { stops: vec![Period::new(d("2026-05-01"), Some(d("2026-08-01")))], ..Facts::default() };
    assert_eq!(on(&stop, "2026-04-30"), Tier::Standard, "not yet issued");
    assert_eq!(on(&stop, "2026-07-31"), Tier::Intensive);
    assert_eq!(on(&stop, "2026-08-01"), Tier::Standard, "lifted");
    let inadequate = Facts { judgements: judged(Judgement::Inadequate), ..Facts::default() };
    assert_eq!(on(&inadequate, "2026-06-30"), Tier::Standard, "inspected, not yet learned of");
    assert_eq!(on(&inadequate, "2026-07-01"), Tier::Intensive);
    let action =
        Facts { overdue_actions: vec![Period::new(d("2026-09-02"), Some(d("2026-10-01")))], ..Facts::default() };
    assert_eq!(
        (on(&action, "2026-09-01"), on(&action, "2026-09-02"), on(&action, "2026-10-01")),
        (Tier::Standard, Tier::Enhanced, Tier::Standard)
    );
}

#[test]
fn the_highest_tier_wins_and_every_reason_is_kept() {
    let facts = Facts {
        judgements: judged(Judgement::RequiresImprovement),
        manager_vacant_on: Some(d("2026-10-01")),
        stops: vec![Period::since(d("2026-11-01"))],
        visits: vec![(d("2026-10-01"), VisitOutcome::Concerns)],
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
    let facts = Facts {
        judgements: judged(Judgement::Outstanding),
        manager_vacant_on: Some(d("2026-10-01")),
        ..Facts::default()
    };
    assert_eq!(assess_(&facts).tier, Tier::Enhanced);
}

#[test]
fn at_tier_4_every_reason_is_shown() {
    let facts = Facts {
        judgements: judged(Judgement::Outstanding),
        low_risk: Some((LowRiskBasis::Quality, d("2026-04-01"))),
        ..Facts::default()
    };
    let a = assess_(&facts);
    let shorts: Vec<&str> = a.reasons.iter().map(|r| r.short.as_str()).collect();
    assert_eq!((a.tier, shorts), (Tier::Light, vec!["Outstanding", "assessed low risk"]));
}

#[test]
fn a_serious_finding_counts_for_the_policy_window_from_its_visit() {
    let facts = Facts {
        reg44: reports(|r| r.serious_finding = r.month == Month::parse("2026-08").unwrap()),
        ..Facts::default()
    };
    let on = |day: &str| assess(&facts, &Policy::default(), d(day)).tier;
    // The August visit was on 1 August; its report received on 5 September.
    assert_eq!(on("2026-09-04"), Tier::Standard, "not yet received");
    assert_eq!(on("2026-09-05"), Tier::Enhanced, "from the day it was received");
    assert_eq!(on("2026-10-30"), Tier::Enhanced, "90 days after the visit");
    assert_eq!(on("2026-10-31"), Tier::Standard, "91 days after");
}

#[test]
fn a_missing_report_counts_from_the_day_after_its_due_day() {
    let reports = vec![report("2026-08"), report("2026-09")];
    let facts = Facts { reg44: Some(HomeReports { reports, ..Default::default() }), ..Facts::default() };
    let on = |day: &str| assess(&facts, &Policy::default(), d(day));
    assert_eq!(on("2026-11-10").tier, Tier::Standard, "October's is due by 10 November");
    let a = on("2026-11-11");
    assert_eq!(a.tier, Tier::Enhanced);
    assert_eq!(a.reasons[0].since, Some(d("2026-11-11")));
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
    let facts = Facts { judgements: judged(Judgement::Good), overrides: vec![o], ..Facts::default() };
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
fn a_lighter_override_gives_way_to_a_later_trigger_above_its_tier() {
    let o = TierOverride {
        setting_id: 1,
        tier: Tier::Standard,
        reason: "Inadequate for paperwork only; assured by the QA lead".into(),
        set_on: d("2026-08-01"),
        expires: d("2027-01-31"),
    };
    // The Inadequate judgement was known when the override was set: it stands.
    let known = Facts { judgements: judged(Judgement::Inadequate), overrides: vec![o.clone()], ..Facts::default() };
    let a = assess_(&known);
    assert_eq!((a.tier, a.lapsed_override.is_none()), (Tier::Standard, true));
    // A placement stop issued afterwards overtakes it.
    let later = Facts { stops: vec![Period::since(d("2026-11-20"))], ..known.clone() };
    let a = assess_(&later);
    assert_eq!(a.tier, Tier::Intensive);
    assert_eq!(a.override_, None);
    assert_eq!(a.lapsed_override, Some(o.clone()));
    // So does a tier-2 trigger above a tier-4 override: a Reg 44 report gone missing.
    let light = TierOverride { tier: Tier::Light, ..o };
    let missing = Facts {
        overrides: vec![light],
        reg44: Some(HomeReports { reports: vec![report("2026-08"), report("2026-09")], ..Default::default() }),
        ..Facts::default()
    };
    assert_eq!(assess(&missing, &Policy::default(), d("2026-11-10")).tier, Tier::Light);
    assert_eq!(assess(&missing, &Policy::default(), d("2026-11-11")).tier, Tier::Enhanced, "October's report missing");
}

#[test]
fn overrides_need_a_reason_and_a_sensible_expiry() {
    let mut o =
        TierOverride { setting_id: 1, tier: Tier::Light, reason: String::new(), set_on: d(TODAY), expires: d(TODAY) };
    let fields: Vec<&str> = o.problems(d(TODAY)).iter().map(|p| p.field).collect();
    assert_eq!(fields, vec!["reason", "expires"]);
    o.reason = "assured by the QA lead".into();
    o.expires = d("2028-01-01");
    assert!(o.problems(d(TODAY))[0].message.contains("at most a year"));
    o.expires = d("2027-06-30");
    assert!(o.problems(d(TODAY)).is_empty());
}

#[test]
fn tiers_round_trip_as_numbers() {
    assert_eq!(serde_json::to_string(&Tier::Enhanced).unwrap(), "2");
    assert_eq!(serde_json::from_str::<Tier>("4").unwrap(), Tier::Light);
    assert!(serde_json::from_str::<Tier>("5").is_err());
    assert_eq!(Tier::Intensive.to_string(), "1 Intensive");
    assert_eq!(Tier::Standard.interval(&Policy::default()), 91);
}

fn owed(what: &str, due: &str, received: Option<&str>) -> crate::domain::facts::ReturnOwed {
    crate::domain::facts::ReturnOwed { what: what.into(), due: d(due), received: received.map(d) }
}

#[test]
fn a_missing_return_gives_tier_2_from_the_day_after_its_due_day_for_a_year() {
    let facts = Facts {
        returns: vec![owed("supported accommodation return for 2026-Q2", "2026-07-30", None)],
        ..Facts::default()
    };
    let on = |day: &str| assess(&facts, &Policy::default(), d(day));
    assert_eq!(on("2026-07-30").tier, Tier::Standard, "not missing on its due day");
    let a = on("2026-07-31");
    assert_eq!(
        (a.tier, a.reasons[0].short.as_str(), a.reasons[0].since),
        (Tier::Enhanced, "return missing", Some(d("2026-07-31")))
    );
    assert!(
        a.reasons[0].text.contains("supported accommodation return for 2026-Q2 (due 2026-07-30)"),
        "{}",
        a.reasons[0].text
    );
    assert_eq!(on("2027-07-30").tier, Tier::Enhanced, "due within the last year");
    assert_eq!(on("2027-07-31").tier, Tier::Standard, "due more than a year ago");
    let received = Facts { returns: vec![owed("r", "2026-07-30", Some("2026-08-04"))], ..Facts::default() };
    assert_eq!(assess(&received, &Policy::default(), d("2026-08-03")).tier, Tier::Enhanced);
    assert_eq!(
        assess(&received, &Policy::default(), d("2026-08-04")).tier,
        Tier::Standard,
        "one late return is not enough"
    );
    let off = Policy::parse("[triggers]\nreturns_missing = 0\n").unwrap();
    assert_eq!(assess(&facts, &off, d("2026-08-01")).tier, Tier::Standard, "0 turns the rule off");
}

#[test]
fn the_policys_number_of_late_returns_in_a_year_gives_tier_2() {
    let facts = Facts {
        returns: vec![
            owed("a", "2026-01-30", Some("2026-02-10")),
            owed("b", "2026-04-30", Some("2026-04-20")),
            owed("c", "2026-07-30", Some("2026-08-15")),
        ],
        ..Facts::default()
    };
    // Missing returns left aside: c is missing until it comes.
    let late_only = Policy::parse("[triggers]\nreturns_missing = 0\n").unwrap();
    let on = |day: &str| assess(&facts, &late_only, d(day));
    assert_eq!(on("2026-08-14").tier, Tier::Standard, "one late so far");
    let a = on("2026-08-15");
    assert_eq!(
        (a.tier, a.reasons[0].short.as_str(), a.reasons[0].since),
        (Tier::Enhanced, "2 returns late", Some(d("2026-08-15")))
    );
    assert_eq!(on("2027-02-09").tier, Tier::Enhanced, "the first still within a year");
    assert_eq!(on("2027-02-10").tier, Tier::Standard, "a year after the first came");
    let three = Policy::parse("[triggers]\nreturns_missing = 0\nreturns_late = 3\n").unwrap();
    assert_eq!(assess(&facts, &three, d("2026-09-01")).tier, Tier::Standard);
}

#[test]
fn a_score_falling_by_the_policys_points_gives_tier_2_from_the_next_quarter() {
    let fall = |from: f64, to: f64| Facts {
        score_fall: Some(crate::domain::facts::ScoreFall {
            before: (d("2026-06-30"), from),
            after: (d("2026-09-30"), to),
        }),
        ..Facts::default()
    };
    let a = assess(&fall(72.0, 62.0), &Policy::default(), d("2026-10-01"));
    assert_eq!(
        (a.tier, a.reasons[0].short.as_str(), a.reasons[0].since),
        (Tier::Enhanced, "score falling", Some(d("2026-10-01")))
    );
    assert!(
        a.reasons[0].text.contains("fell from 72.0 on 2026-06-30 to 62.0 on 2026-09-30 (10.0 points"),
        "{}",
        a.reasons[0].text
    );
    assert_eq!(
        assess(&fall(72.0, 62.5), &Policy::default(), d("2026-10-01")).tier,
        Tier::Standard,
        "9.5 points is under 10"
    );
    assert_eq!(
        assess(&fall(72.0, 50.0), &Policy::default(), d("2026-09-30")).tier,
        Tier::Standard,
        "not before it is known"
    );
}

/// Notifications alone, a Good home: an allegation gives tier 1 for the
/// policy's 90 days; a third police incident in 90 days gives tier 2 until
/// the first of them is 90 days old.
#[test]
fn notifications_give_tier_one_for_a_grave_event_and_tier_two_for_a_police_pattern() {
    use crate::domain::notification::{Category, Notified};
    let on = |day: &str, category| Notified { on: d(day), category };
    let at = |notifications: Vec<Notified>, day: &str| {
        let facts = Facts { judgements: judged(Judgement::Good), notifications, ..Facts::default() };
        let a = assess(&facts, &Policy::default(), d(day));
        (a.tier, a.reasons[0].short.clone(), a.reasons[0].since)
    };
    let allegation = vec![on("2026-09-01", Category::Allegation)];
    assert_eq!(at(allegation.clone(), "2026-08-31").0, Tier::Standard);
    assert_eq!(
        at(allegation.clone(), "2026-09-01"),
        (Tier::Intensive, "notified: allegation".into(), Some(d("2026-09-01")))
    );
    assert_eq!(at(allegation.clone(), "2026-11-29").0, Tier::Intensive, "the 90th day");
    assert_eq!(at(allegation, "2026-11-30").0, Tier::Standard);
    let police = vec![
        on("2026-08-01", Category::Police),
        on("2026-08-20", Category::Police),
        on("2026-09-10", Category::Police),
    ];
    assert_eq!(at(police[..2].to_vec(), "2026-09-10").0, Tier::Standard, "two is not more than two");
    assert_eq!(at(police.clone(), "2026-09-10"), (Tier::Enhanced, "3 police incidents".into(), Some(d("2026-09-10"))));
    assert_eq!(at(police.clone(), "2026-10-29").0, Tier::Enhanced, "2026-08-01 is 89 days back");
    assert_eq!(at(police, "2026-10-30").0, Tier::Standard, "2026-08-01 is 90 days back: out");
}
