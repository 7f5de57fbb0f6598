use super::*;
use crate::domain::policy::Policy;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn quarter(text: &str) -> Period {
    Period::parse(text).unwrap()
}

#[test]
fn quarters_parse_and_run_through_the_year() {
    let q3 = Quarter::parse("2026-Q3").unwrap();
    assert_eq!((q3.first_day(), q3.last_day()), (day("2026-07-01"), day("2026-09-30")));
    assert_eq!(Quarter::parse("q3 2026"), Ok(q3));
    assert_eq!(q3.months(), "Jul–Sep 2026");
    assert_eq!(Quarter::parse("2026-Q4").unwrap().next().to_string(), "2027-Q1");
    assert_eq!(Quarter::parse("2027-Q1").unwrap().previous().to_string(), "2026-Q4");
    assert_eq!(Quarter::of(day("2026-02-28")).to_string(), "2026-Q1");
    for bad in ["2026-Q5", "2026-Q0", "2026", "Q3", "26-Q3"] {
        assert!(Quarter::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(Period::parse("2025"), Ok(Period::Year(2025)));
    assert!(Period::parse("1800").is_err());
}

#[test]
fn each_return_falls_due_when_the_policy_says() {
    let policy = Policy::default().returns;
    // A quarter's return 30 days after the quarter ends: 30 Sep + 30 days.
    assert_eq!(due_by(ReturnKind::Supported, quarter("2026-Q3"), &policy), day("2026-10-30"));
    assert_eq!(due_by(ReturnKind::Fostering, quarter("2026-Q4"), &policy), day("2027-01-30"));
    // A year's self-assessment by the end of June of that year.
    assert_eq!(due_by(ReturnKind::SelfAssessment, Period::Year(2026), &policy), day("2026-06-30"));
    let december = crate::domain::policy::Returns { self_assessment_due_month: 12, ..policy.clone() };
    assert_eq!(due_by(ReturnKind::SelfAssessment, Period::Year(2026), &december), day("2026-12-31"));
    let february = crate::domain::policy::Returns { self_assessment_due_month: 2, ..policy };
    assert_eq!(due_by(ReturnKind::SelfAssessment, Period::Year(2028), &february), day("2028-02-29"));
}

#[test]
fn a_return_is_received_late_missing_or_awaited() {
    let due = day("2026-10-30");
    assert_eq!(state(due, Some(day("2026-10-30")), day("2026-12-01")), MonthState::Received);
    assert_eq!(state(due, Some(day("2026-10-31")), day("2026-12-01")), MonthState::Late);
    assert_eq!(state(due, None, day("2026-10-31")), MonthState::Missing);
    assert_eq!(state(due, None, day("2026-10-30")), MonthState::Awaited, "due today is not yet missing");
}

#[test]
fn who_owes_which_return() {
    use ReturnKind::*;
    assert!(SelfAssessment.owed_by(SettingKind::ChildrensHome));
    assert!(SelfAssessment.owed_by(SettingKind::ResidentialSpecialSchool));
    assert!(!SelfAssessment.owed_by(SettingKind::FosteringAgency));
    assert!(Supported.owed_by(SettingKind::SupportedAccommodation));
    assert!(Fostering.owed_by(SettingKind::FosteringAgency));
    assert!(!Fostering.owed_by(SettingKind::ChildrensHome));
    let mut policy = Policy::default().returns;
    policy.fostering_contracts = vec!["block".into()];
    let by_type = |t| (t, ReturnsOwed::Policy);
    assert!(owed_through(Fostering, &[by_type(ContractType::Block), by_type(ContractType::Spot)], &policy));
    assert!(!owed_through(Fostering, &[by_type(ContractType::Spot)], &policy), "only a spot contract: not owed");
    assert!(owed_through(Fostering, &[], &policy), "no contract at all: owed");
    // A contract may set its own: the review named on a spot contract is owed;
    // none asked on a block contract, none is.
    assert!(owed_through(Fostering, &[(ContractType::Spot, ReturnsOwed::Fostering)], &policy));
    assert!(!owed_through(Fostering, &[(ContractType::Block, ReturnsOwed::Nothing)], &policy));
    assert!(!owed_through(Supported, &[(ContractType::Block, ReturnsOwed::Fostering)], &policy), "only the one named");
    assert!(owed_through(
        Fostering,
        &[(ContractType::Block, ReturnsOwed::Nothing), by_type(ContractType::Block)],
        &policy
    ));
}

#[test]
fn self_grades_are_stored_as_text_and_refuse_other_words() {
    let grades = SelfGrades(vec![(Standard::Reg6, Judgement::Good), (Standard::Reg12, Judgement::Inadequate)]);
    assert_eq!(grades.to_text(), "reg6:good,reg12:inadequate");
    assert_eq!(SelfGrades::parse("reg6:good, reg12:inadequate"), Ok(grades.clone()));
    assert_eq!(grades.of(Standard::Reg12), Some(Judgement::Inadequate));
    assert!(SelfGrades::parse("reg6:consistently_strong").is_err(), "not a grade a home gives itself");
    assert!(SelfGrades::parse("reg99:good").is_err());
    assert_eq!(graded_standards().count(), 9, "regulations 6 to 14");
}

#[test]
fn a_return_that_cannot_be_true_is_refused_by_field() {
    let today = day("2026-12-01");
    let fields = |r: &ProviderReturn| r.problems(today).into_iter().map(|p| p.field).collect::<Vec<_>>();
    let ok = ProviderReturn::new(ReturnKind::Supported, 1, None, quarter("2026-Q3"), day("2026-10-20"));
    assert!(fields(&ok).is_empty(), "{:?}", ok.problems(today));

    let not_begun = ProviderReturn { period: quarter("2027-Q1"), received: day("2026-11-30"), ..ok.clone() };
    assert!(fields(&not_begun).contains(&"period"), "a quarter not yet begun");
    let future = ProviderReturn { received: day("2026-12-02"), ..ok.clone() };
    assert_eq!(fields(&future), ["received"]);
    let early = ProviderReturn { received: day("2026-06-30"), ..ok.clone() };
    assert_eq!(fields(&early), ["received"], "received before its quarter began");
    let midway = ProviderReturn { received: day("2026-09-29"), ..ok.clone() };
    assert_eq!(fields(&midway), ["received"], "received before its quarter ended");
    let last_day = ProviderReturn { received: day("2026-09-30"), ..ok.clone() };
    assert!(fields(&last_day).is_empty(), "on the quarter's last day");
    let a_year = ProviderReturn { period: Period::Year(2026), ..ok.clone() };
    assert_eq!(fields(&a_year), ["period"], "a quarterly return covers a quarter");
    let with_setting = ProviderReturn { setting_id: Some(4), ..ok.clone() };
    assert_eq!(fields(&with_setting), ["setting"]);
    let overfull = ProviderReturn { places: Some(6), occupied: Some(7), ..ok };
    assert_eq!(fields(&overfull), ["occupied"]);

    let assessment = ProviderReturn::new(ReturnKind::SelfAssessment, 1, None, Period::Year(2026), day("2026-05-01"));
    assert_eq!(fields(&assessment), ["setting"], "a self-assessment is of one setting");
}

#[test]
fn the_schedule_lists_what_each_provider_owes_most_pressing_first() {
    let mut policy = Policy::default().returns;
    policy.main_fostering_agencies = 1;
    let owing = |setting_id, provider_id, kind, opened: Option<&str>, children| Owing {
        setting_id,
        provider_id,
        kind,
        opened_on: opened.map(day),
        children,
    };
    let settings = [
        owing(10, 1, SettingKind::ChildrensHome, Some("2020-01-01"), 2),
        owing(11, 1, SettingKind::ChildrensHome, Some("2026-03-01"), 1),
        owing(20, 2, SettingKind::SupportedAccommodation, None, 3),
        owing(30, 3, SettingKind::FosteringAgency, None, 5),
        owing(40, 4, SettingKind::FosteringAgency, None, 2),
    ];
    let on_time = ProviderReturn::new(ReturnKind::Supported, 2, None, quarter("2026-Q3"), day("2026-10-20"));
    let late = ProviderReturn::new(ReturnKind::Fostering, 3, None, quarter("2026-Q2"), day("2026-08-15"));
    let received = [(7, &on_time), (8, &late)];
    let contracts = std::collections::HashMap::new();
    let got = schedule(&settings, &contracts, &received, &policy, day("2026-12-01"), &shown(day("2026-12-01"), (4, 2)));
    let rows: Vec<String> = got
        .iter()
        .map(|d| {
            format!("{} {} {:?} {} {} {}", d.kind.code(), d.provider_id, d.setting_id, d.period, d.due, d.state.label())
        })
        .collect();
    // Worked by hand: two years of self-assessment for the home open all along,
    // one for the home opened in March 2026; four quarters of the supported
    // accommodation return; four of the review with the one main agency (3,
    // with the most children), none with agency 4.
    assert_eq!(
        rows,
        [
            "self_assessment 1 Some(10) 2025 2025-06-30 missing",
            "supported_accommodation 2 None 2026-Q1 2026-04-30 missing",
            "fostering_review 3 None 2026-Q1 2026-04-30 missing",
            "self_assessment 1 Some(10) 2026 2026-06-30 missing",
            "self_assessment 1 Some(11) 2026 2026-06-30 missing",
            "supported_accommodation 2 None 2026-Q2 2026-07-30 missing",
            "fostering_review 3 None 2026-Q3 2026-10-30 missing",
            "fostering_review 3 None 2026-Q2 2026-07-30 late",
            "supported_accommodation 2 None 2026-Q4 2027-01-30 awaited",
            "fostering_review 3 None 2026-Q4 2027-01-30 awaited",
            "supported_accommodation 2 None 2026-Q3 2026-10-30 received",
        ]
    );
    assert_eq!((got.last().unwrap().return_id, got.last().unwrap().received_on), (Some(7), Some(day("2026-10-20"))));

    // A provider whose only live contract is of a type the policy leaves out owes nothing.
    let mut block_only = policy.clone();
    block_only.supported_contracts = vec!["block".into()];
    let contracts = std::collections::HashMap::from([(2, vec![(ContractType::Spot, ReturnsOwed::Policy)])]);
    let got = schedule(&settings, &contracts, &[], &block_only, day("2026-12-01"), &shown(day("2026-12-01"), (4, 2)));
    assert!(got.iter().all(|d| d.provider_id != 2), "{got:?}");
}
