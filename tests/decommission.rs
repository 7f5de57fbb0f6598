//! The decommissioning protocol and contract terms (#22), end to end: the
//! real-layout fixtures' falls below Good open a review only where children
//! are placed and the fall was learned of lately; an inspection recorded by
//! hand opens one too, and only one while it is open; a review works
//! through to a decision; the board pack shows it; notice without a
//! no-fault clause is refused.

mod common;

use common::{database, db_arg, run};
use oversight::domain::contract::{Contract, ContractType, PaymentSchedule, ReturnsOwed};
use oversight::domain::date::parse;
use oversight::domain::decommission::{Decision, Review};
use oversight::domain::inspection::{Inspection, InspectionKind};
use oversight::domain::money::Pence;
use oversight::domain::placement::{ChildRef, Placement};
use oversight::domain::policy::Policy;
use oversight::domain::rating::Judgement;
use oversight::domain::setting::Setting;
use oversight::store::{Store, StoreError};
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ofsted").join(name).display().to_string()
}

fn import(db: &Path, file: &str, today: &str, extra: &[&str]) {
    let fixture = fixture(file);
    let db = db_arg(db);
    let mut args = vec!["import", "ofsted", fixture.as_str(), "--db", db.as_str(), "--today", today];
    args.extend(extra);
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
}

fn store_on(db: &Path, today: &str) -> Store {
    let mut store = Store::open(db, parse(today).unwrap()).unwrap();
    store.set_user("tester");
    store
}

fn setting_id(store: &Store, urn: &str) -> i64 {
    let all = store.all::<Setting>().unwrap();
    all.iter().find(|s| s.value.urn.as_ref().is_some_and(|u| u.as_str() == urn)).unwrap().id
}

fn place(store: &mut Store, setting_id: i64, child: &str) {
    let p = Placement {
        child_ref: ChildRef::parse(child).unwrap(),
        setting_id,
        contract_id: None,
        start: parse("2025-06-01").unwrap(),
        end: None,
        weekly_cost: Pence::from_pounds(4_500),
        distance_miles: Some(30),
    };
    store.insert(&p).unwrap();
}

/// (URN, from, to) of each review, read with plain SQL.
fn reviews(db: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT s.urn, r.from_judgement, r.to_judgement FROM decommissioning_reviews r
             JOIN settings s ON s.id = r.setting_id ORDER BY s.urn",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

/// The 2026 fixture (read by eye, as tests/ofsted.rs reads it) takes
/// SC100001, a children's home, from Good to Inadequate (published
/// 2025-11-21) and SC100005, an agency, from Good to Requires Improvement
/// (published 2026-01-30); its latest publication is 2026-03-16, so it is
/// imported on 20 March 2026, 119 and 49 days after those two.
#[test]
fn an_import_opens_a_review_where_children_are_placed_and_the_fall_is_recent() {
    const DAY: &str = "2026-03-20";
    let (_dir, db) = database(None);
    import(&db, "edges_2024.csv", DAY, &[]);
    let mut store = store_on(&db, DAY);
    let (home, agency) = (setting_id(&store, "SC100001"), setting_id(&store, "SC100005"));
    place(&mut store, home, "LAC-0101");
    place(&mut store, agency, "LAC-0102");
    drop(store);
    import(&db, "edges_2026.csv", DAY, &[]);
    // The home's fall was learned of more than the policy's 90 days before.
    assert_eq!(reviews(&db), vec![("SC100005".into(), "good".into(), "requires_improvement".into())]);
    // The same file again opens nothing more.
    import(&db, "edges_2026.csv", DAY, &[]);
    assert_eq!(reviews(&db).len(), 1);

    // With the policy's window at 180 days, the home's fall opens one; the
    // agency, with no child placed this time, none.
    let (dir2, db2) = database(None);
    let policy = dir2.path().join("policy.toml");
    std::fs::write(&policy, "[decommissioning]\nopens_within_days = 180\n").unwrap();
    let policy = policy.display().to_string();
    import(&db2, "edges_2024.csv", DAY, &[]);
    let mut store = store_on(&db2, DAY);
    let home = setting_id(&store, "SC100001");
    place(&mut store, home, "LAC-0103");
    drop(store);
    import(&db2, "edges_2026.csv", DAY, &["--policy", &policy]);
    assert_eq!(reviews(&db2), vec![("SC100001".into(), "good".into(), "inadequate".into())]);
}

fn inspection(setting_id: i64, date: &str, overall: Judgement) -> Inspection {
    Inspection {
        recorded_on: Some(parse(date).unwrap()),
        ..Inspection::headline(setting_id, parse(date).unwrap(), InspectionKind::Full, Some(overall))
    }
}

#[test]
fn an_inspection_by_hand_opens_one_review_and_it_runs_to_a_decision() {
    let (_dir, db) = database(None);
    import(&db, "edges_2024.csv", "2026-11-24", &[]);
    let mut store = store_on(&db, "2026-11-24");
    let home = setting_id(&store, "SC100001");
    let days = Policy::default().decommissioning;
    // Good before (the 2024 file), no child placed: a fall opens nothing.
    let (_, opened) =
        store.save_inspection(None, &inspection(home, "2026-10-01", Judgement::RequiresImprovement), &days).unwrap();
    assert!(opened.is_none());
    // An improvement back to Good, a child placed, then a fall: it opens.
    store.save_inspection(None, &inspection(home, "2026-10-20", Judgement::Good), &days).unwrap();
    place(&mut store, home, "LAC-0104");
    let (_, opened) =
        store.save_inspection(None, &inspection(home, "2026-11-20", Judgement::Inadequate), &days).unwrap();
    let review = opened.expect("a fall from Good with a child placed opens a review");
    assert_eq!(
        (review.value.from, review.value.to, review.value.children),
        (Judgement::Good, Judgement::Inadequate, 1)
    );
    assert_eq!(review.value.opened_on, parse("2026-11-24").unwrap());
    assert_eq!(review.value.visit.due, parse("2026-11-24").unwrap() + chrono::Days::new(u64::from(days.visit_days)));
    assert_eq!(review.value.notify.owner, "tester");

    // The board pack lists it while it is open.
    let pack = |db: &Path| {
        let (code, out, err) = run(&["report", "board-pack", "--db", &db_arg(db), "--today", "2026-11-30"]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let text = pack(&db);
    let section = &text[text.find("## Decommissioning reviews").unwrap()..text.find("## The market").unwrap()];
    assert!(section.contains("Good → Inadequate"), "{section}");
    assert!(section.contains("0 of 4 steps done"), "{section}");

    // Deciding before the other steps are done is refused; done, it closes.
    let mut decided: Review = review.value.clone();
    let today = parse("2026-11-24").unwrap();
    decided.decision = Some(Decision::ContinueWithPlan);
    decided.decide.done_on = Some(today);
    let err = store.update(review.id, review.version, &decided).unwrap_err().to_string();
    assert!(err.contains("decide once the other steps are done"), "{err}");
    for task in [&mut decided.notify, &mut decided.visit, &mut decided.review] {
        task.done_on = Some(today);
    }
    store.update(review.id, review.version, &decided).unwrap();
    assert!(store.open_decommissioning().unwrap().is_empty());
    assert!(pack(&db).contains("No decommissioning review is open"));
}

#[test]
fn a_second_fall_while_a_review_is_open_opens_no_other() {
    let (_dir, db) = database(None);
    import(&db, "edges_2024.csv", "2026-11-24", &[]);
    let mut store = store_on(&db, "2026-11-24");
    let home = setting_id(&store, "SC100001");
    place(&mut store, home, "LAC-0105");
    let days = Policy::default().decommissioning;
    let fall =
        |store: &mut Store, date: &str, j| store.save_inspection(None, &inspection(home, date, j), &days).unwrap().1;
    assert!(fall(&mut store, "2026-11-01", Judgement::RequiresImprovement).is_some());
    store.save_inspection(None, &inspection(home, "2026-11-10", Judgement::Good), &days).unwrap();
    assert!(fall(&mut store, "2026-11-20", Judgement::Inadequate).is_none(), "one review at a time per setting");
    assert_eq!(reviews(&db).len(), 1);
}

fn contract(provider_id: i64, notice_months: Option<u32>, given: Option<&str>) -> Contract {
    Contract {
        provider_id,
        reference: "MCC-BLK-900".into(),
        kind: ContractType::Block,
        title: "Block".into(),
        start: parse("2024-04-01").unwrap(),
        end: Some(parse("2031-03-31").unwrap()),
        annual_value: Pence::from_pounds(1_000_000),
        returns: ReturnsOwed::Policy,
        notice_months,
        notice_given_on: given.map(|g| parse(g).unwrap()),
        payments: PaymentSchedule::parse("1200; 1500").unwrap(),
    }
}

#[test]
fn notice_needs_the_clause_and_ends_the_contract_where_the_register_says() {
    let (_dir, db) = database(None);
    import(&db, "edges_2024.csv", "2026-11-24", &[]);
    let mut store = store_on(&db, "2026-11-24");
    let provider = store.all::<Setting>().unwrap()[0].value.provider_id;
    let err = store.insert(&contract(provider, None, Some("2026-11-01"))).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
    assert!(err.to_string().contains("no no-fault termination clause"), "{err}");
    store.insert(&contract(provider, Some(12), Some("2026-11-01"))).unwrap();
    drop(store);
    let (code, out, err) = run(&["export", "csv", "contracts", "--db", &db_arg(&db), "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    let row = out.lines().find(|l| l.starts_with("MCC-BLK-900")).unwrap();
    // A year's notice from 1 November 2026 ends it on 31 October 2027.
    let cells: Vec<&str> = row.split(',').collect();
    assert!(cells.contains(&"2027-10-31"), "{row}");
    assert!(cells.contains(&"12") && cells.contains(&"2026-11-01"), "{row}");
}
