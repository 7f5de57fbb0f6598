//! The national demo that the performance figures are measured on: whole
//! (`check`), of the size and shape the brief asks for, and keeping the tier
//! and Reg 44 rules' invariants for every setting. Writing it takes a
//! minute or so, so it is one test.

mod common;

use oversight::demo::{self, Scale};
use oversight::domain::policy::Policy;
use oversight::domain::rating::Severity;
use oversight::domain::reg44::MonthState;
use oversight::store::monitoring;
use std::collections::HashMap;

#[test]
fn the_national_demo_is_whole_sized_as_briefed_and_keeps_the_rules_invariants() {
    let (_dir, path) = common::database(None);
    let mut store = common::open(&path);
    let summary = demo::generate(&mut store, Scale::National, 1).unwrap();

    let health = store.health().unwrap();
    assert_eq!(health.integrity, vec!["ok".to_string()]);
    assert_eq!(health.foreign_key_violations, 0);
    let rows: HashMap<&str, i64> = health.tables.iter().map(|(t, n, _)| (*t, *n)).collect();
    assert_eq!((summary.providers, summary.settings, summary.placements), (2_000, 8_000, 40_000));
    assert!((140_000..=160_000).contains(&rows["visits"]), "{} visits", rows["visits"]);
    assert!((340_000..=420_000).contains(&rows["reg44_reports"]), "{} reports", rows["reg44_reports"]);
    assert!((900_000..=1_300_000).contains(&rows["reg44_findings"]), "{} findings", rows["reg44_findings"]);
    assert!(rows["plans"] >= 20_000 && rows["plan_actions"] >= 60_000 && rows["stops"] >= 500);

    let policy = Policy::default();
    let all = store.monitoring_rows(&policy, common::today()).unwrap();
    let scores = store.scores(&policy, common::today()).unwrap();
    let judged: Vec<Severity> = all.iter().filter_map(|r| r.summary.judgement.map(|j| j.severity())).collect();
    let share = |s: Severity| judged.iter().filter(|j| **j == s).count() * 100 / judged.len();
    assert!((2..=10).contains(&share(Severity::Inadequate)), "{}% Inadequate", share(Severity::Inadequate));
    assert!(share(Severity::Good) + share(Severity::Outstanding) > 50, "most settings Good or better");

    for (n, row) in all.iter().enumerate() {
        let name = &row.summary.setting.value.name;
        let a = &row.assessment;
        assert_eq!(
            Some(a.computed),
            a.reasons.iter().map(|r| r.tier).min(),
            "{name}: the most serious reason sets the tier"
        );
        assert_eq!(
            a.tier,
            a.override_.as_ref().map_or(a.computed, |o| o.tier),
            "{name}: an override, else the computed tier"
        );
        assert_eq!(row.due.is_some(), row.is_monitored(), "{name}: a visit is due exactly when monitored");
        if let Some(home) = &row.reg44 {
            assert_eq!(home.months.len(), monitoring::REG44_MONTHS, "{name}");
            assert!(home.compliance.is_none_or(|c| c <= 100), "{name}");
            for cell in &home.months {
                let recorded = matches!(cell.state, MonthState::Received | MonthState::Late);
                let absent = matches!(cell.state, MonthState::Missing | MonthState::Awaited);
                assert!(!recorded || cell.report_id.is_some(), "{name} {}: received without a report", cell.month);
                assert!(!absent || cell.report_id.is_none(), "{name} {}: a report yet missing", cell.month);
            }
            assert!(home.flags.iter().all(|f| f.since <= common::today()), "{name}: a flag from the future");
        }
        // A setting read alone reads as it does among all of them.
        if n % 97 == 0 {
            let one = store.monitoring_row(&policy, common::today(), row.summary.setting.id).unwrap();
            assert_eq!(&one, row, "{name}");
            // And its provider's score read alone is the one every provider's reading gives.
            let provider = row.summary.setting.value.provider_id;
            let alone = store.provider_score(&policy, common::today(), provider).unwrap();
            let among = scores.iter().find(|s| s.provider_id == provider).map(|s| s.score.clone());
            assert_eq!(alone, among, "{name}'s provider");
        }
    }
    figures!(
        "national demo: {} settings, {} visits, {} Reg 44 reports, {} findings; check clean; {} settings' tiers and {} homes' Reg 44 months hold the rules",
        all.len(),
        rows["visits"],
        rows["reg44_reports"],
        rows["reg44_findings"],
        all.len(),
        all.iter().filter(|r| r.reg44.is_some()).count()
    );
}
