//! The reg44 rules, case by case.

use super::*;
use crate::domain::date::parse;

fn d(s: &str) -> NaiveDate {
    parse(s).unwrap()
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

const OPEN: Open = Open { from: None, until: None };

#[test]
fn months_are_received_late_missing_or_awaited_around_the_due_day() {
    let oct = m("2026-10");
    let cases = [
        (Some("2026-11-10"), "2026-11-24", MonthState::Received),
        (Some("2026-11-11"), "2026-11-24", MonthState::Late),
        (None, "2026-11-10", MonthState::Awaited),
        (None, "2026-11-11", MonthState::Missing),
        (None, "2026-10-31", MonthState::Awaited),
        (Some("2026-10-30"), "2026-10-31", MonthState::Received),
    ];
    for (received, today, want) in cases {
        assert_eq!(month_state(oct, OPEN, received.map(d), 10, d(today)), want, "{received:?} as of {today}");
    }
}

#[test]
fn month_ends_and_leap_years() {
    // January's report is due by 10 February; a due day of 30 clamps to 29 February in a leap year.
    assert_eq!(month_state(m("2028-01"), OPEN, Some(d("2028-02-29")), 30, d("2028-03-01")), MonthState::Received);
    assert_eq!(month_state(m("2027-01"), OPEN, Some(d("2027-03-01")), 30, d("2027-03-02")), MonthState::Late);
    assert_eq!(month_state(m("2026-12"), OPEN, None, 10, d("2027-01-11")), MonthState::Missing, "across the year end");
}

#[test]
fn homes_opened_or_closed_mid_month_owe_only_whole_months() {
    let open = Open { from: Some(d("2026-06-15")), until: Some(d("2026-10-20")) };
    let owed: Vec<bool> = ["2026-06", "2026-07", "2026-09", "2026-10"].iter().map(|s| open.owes(m(s))).collect();
    assert_eq!(owed, vec![false, true, true, false]);
    assert_eq!(month_state(m("2026-06"), open, None, 10, d("2026-11-24")), MonthState::NotOwed);
    let from_first = Open { from: Some(d("2026-07-01")), until: None };
    assert!(from_first.owes(m("2026-07")), "open on the first day");
}

#[test]
fn the_last_due_month_moves_on_the_day_after_the_due_day() {
    assert_eq!(last_due_month(d("2026-11-10"), 10), m("2026-09"));
    assert_eq!(last_due_month(d("2026-11-11"), 10), m("2026-10"));
    assert_eq!(last_due_month(d("2027-01-11"), 10), m("2026-12"));
}

#[test]
fn compliance_counts_received_and_late_over_months_due() {
    use MonthState::*;
    assert_eq!(compliance(&[Received, Late, Missing, Awaited, NotOwed]), Some(67), "2 of 3, rounded");
    assert_eq!(compliance(&[Received, Received, Received, Missing]), Some(75));
    assert_eq!(compliance(&[Awaited, NotOwed]), None);
    assert_eq!(compliance(&[Missing]), Some(0));
}

fn report(month: &str, missing: u32) -> ReportFacts {
    ReportFacts {
        month: m(month),
        visited_on: m(month).first_day(),
        received_on: m(month).due_by(5),
        manager_in_post: true,
        missing_episodes: missing,
        safeguarded: Opinion::Yes,
        wellbeing: Opinion::Yes,
        standards: Vec::new(),
        serious_finding: false,
    }
}

fn kinds(reports: &[ReportFacts]) -> Vec<FlagKind> {
    flags(reports, &Policy::default()).into_iter().map(|f| f.kind).collect()
}

fn six(counts: [u32; 6]) -> Vec<ReportFacts> {
    let months = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
    months.iter().zip(counts).map(|(mo, n)| report(mo, n)).collect()
}

#[test]
fn a_vacancy_runs_from_the_first_report_without_a_manager() {
    let mut reports = six([0; 6]);
    reports[3].manager_in_post = false; // Aug: gone, then back
    reports[4].manager_in_post = false;
    reports[5].manager_in_post = false;
    reports[3].manager_in_post = true; // Aug back in post: vacancy from Sep
    let f = flags(&reports, &Policy::default());
    assert_eq!(f[0].short, "manager vacant since Sep 2026");
    assert_eq!(f[0].evidence, "2 reports from Sep 2026 to Oct 2026 say no registered manager is in post");
    assert_eq!(f[0].since, d("2026-10-05"));
    reports[5].manager_in_post = true;
    assert!(kinds(&reports).is_empty(), "back in post: no flag");
}

#[test]
fn rising_missing_episodes_boundaries() {
    // Exactly 50% above: 4 then 6.
    assert_eq!(kinds(&six([2, 1, 1, 2, 2, 2])), vec![FlagKind::RisingMissing]);
    // Just under 50%: 4 then 5.
    assert!(kinds(&six([2, 1, 1, 2, 2, 1])).is_empty());
    // Rising from none, but under the minimum count (3): 0 then 2.
    assert!(kinds(&six([0, 0, 0, 1, 0, 1])).is_empty());
    // Rising from none to the minimum: 0 then 3.
    let f = flags(&six([0, 0, 0, 1, 1, 1]), &Policy::default());
    assert_eq!(
        f[0].evidence,
        "missing-from-care episodes 3 in Aug 2026–Oct 2026 against 0 in May 2026–Jul 2026 (from none)"
    );
    // Too few reports to compare.
    let mut sparse = six([0, 0, 0, 4, 4, 4]);
    sparse.remove(0);
    sparse.remove(0);
    assert!(kinds(&sparse).is_empty());
    assert_eq!(flags(&six([1, 1, 2, 2, 3, 4]), &Policy::default())[0].evidence.split(" (").nth(1), Some("+125%)"));
}

#[test]
fn a_theme_in_3_of_the_last_6_reports_is_recurring() {
    let mut reports = six([0; 6]);
    for i in [0, 2] {
        reports[i].standards = vec![Standard::Reg12];
    }
    assert!(kinds(&reports).is_empty(), "2 of 6");
    reports[5].standards = vec![Standard::Reg12, Standard::Reg10];
    let f = flags(&reports, &Policy::default());
    assert_eq!(f.iter().map(|f| f.kind).collect::<Vec<_>>(), vec![FlagKind::RecurringTheme]);
    assert_eq!(f[0].short, "recurring: reg 12");
    assert_eq!(f[0].evidence, "12 Protection of children in 3 of the last 6 reports (May 2026, Jul 2026, Oct 2026)");
    // A seventh report pushes May out of the window.
    reports.push(report("2026-11", 0));
    assert!(kinds(&reports).is_empty());
}

#[test]
fn an_opinion_of_no_or_concerns_is_flagged() {
    let mut reports = six([0; 6]);
    reports[5].safeguarded = Opinion::Concerns;
    let f = flags(&reports, &Policy::default());
    assert_eq!((f[0].kind, f[0].short.as_str()), (FlagKind::Opinion, "Reg 44 opinion: concerns"));
    reports[5].wellbeing = Opinion::No;
    let f = flags(&reports, &Policy::default());
    assert_eq!(f[0].short, "Reg 44 opinion: no");
    assert_eq!(f[0].evidence, "Oct 2026 report: children effectively safeguarded: concerns; well-being promoted: no");
    reports[4].safeguarded = Opinion::No;
    reports[5] = report("2026-10", 0);
    assert!(kinds(&reports).is_empty(), "only the latest report's opinion counts");
}

#[test]
fn reports_are_checked() {
    let r = Reg44Report {
        setting_id: 1,
        month: m("2026-10"),
        visit_date: d("2026-11-02"),
        received_on: d("2026-11-01"),
        visitor: "R. Ashworth".into(),
        safeguarded: Opinion::Yes,
        wellbeing: Opinion::Yes,
        children_resident: 3,
        missing_episodes: 1,
        physical_interventions: 0,
        police_callouts: 0,
        complaints: 0,
        manager_in_post: true,
        summary: String::new(),
        reviewed_by: Some("A. Khan".into()),
        reviewed_on: None,
        review_note: String::new(),
    };
    let fields: Vec<&str> = r.problems(d("2026-11-24")).iter().map(|p| p.field).collect();
    assert_eq!(fields, vec!["visit date", "received", "reviewed on"]);
}

#[test]
fn findings_close_with_a_date() {
    let mut f = Finding {
        report_id: 1,
        standard: Standard::Reg12,
        severity: FindingSeverity::Serious,
        text: "Missing episode not reported to the placing authority".into(),
        status: FindingStatus::Closed,
        closed_on: None,
    };
    assert_eq!(f.problems(d("2026-11-24"))[0].field, "closed on");
    f.closed_on = Some(d("2026-11-20"));
    assert!(f.problems(d("2026-11-24")).is_empty());
    f.status = FindingStatus::Open;
    assert_eq!(f.problems(d("2026-11-24"))[0].message, "only a closed finding has a closing date");
}

proptest::proptest! {
    /// Each flag but a vacancy counts from the first report of its run: the
    /// earliest report from which every report to the latest, read with
    /// those before it, raises that flag (worked out here report by report).
    #[test]
    fn a_flag_counts_from_the_first_report_of_its_run(
        shapes in proptest::collection::vec((0u8..8, 0u32..6, 0u8..3, proptest::bool::ANY), 1..16)
    ) {
        let policy = Policy::default();
        let themes = [Standard::Reg12, Standard::Reg10, Standard::Reg13];
        let opinions = [Opinion::Yes, Opinion::Concerns, Opinion::No];
        let start = m("2025-01");
        let reports: Vec<ReportFacts> = shapes
            .iter()
            .enumerate()
            .map(|(i, (named, missing, opinion, manager))| {
                let month = (0..i).fold(start, |mo, _| mo.next());
                let mut r = report(&month.to_string(), *missing);
                r.standards = themes.iter().enumerate().filter(|(k, _)| named & (1 << k) != 0).map(|(_, s)| *s).collect();
                r.safeguarded = opinions[*opinion as usize];
                r.manager_in_post = *manager;
                r
            })
            .collect();
        let identity = |f: &Flag| (f.kind, if f.kind == FlagKind::RecurringTheme { f.short.clone() } else { String::new() });
        let raised_by = |n: usize| -> Vec<(FlagKind, String)> { flags(&reports[..n], &policy).iter().map(identity).collect() };
        for flag in flags(&reports, &policy).iter().filter(|f| f.kind != FlagKind::ManagerVacancy) {
            let mut first = reports.len();
            while first > 1 && raised_by(first - 1).contains(&identity(flag)) {
                first -= 1;
            }
            proptest::prop_assert_eq!(flag.since, reports[first - 1].received_on, "{:?}", flag);
        }
    }
}
