//! Benchmarks on the national demo: `cargo bench`. The database is written
//! once into a temp dir (about 35 s), or read from `OVERSIGHT_BENCH_DB` if
//! set (a national demo made as of 2026-11-24; it is not changed).

use chrono::NaiveDate;
use oversight::demo::{self, Scale};
use oversight::domain::date::Month;
use oversight::domain::facts::Facts;
use oversight::domain::policy::Policy;
use oversight::domain::reg44::{self, MonthState, Open, ReportFacts};
use oversight::domain::tier;
use oversight::import::ofsted;
use oversight::store::{Store, board, monitoring};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date")
}

/// The national demo, made once per run unless given.
static NATIONAL: LazyLock<(Option<tempfile::TempDir>, PathBuf)> = LazyLock::new(|| {
    if let Some(path) = std::env::var_os("OVERSIGHT_BENCH_DB") {
        return (None, PathBuf::from(path));
    }
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let path = dir.path().join("national.db");
    let mut store = Store::open(&path, today()).expect("a new database");
    demo::generate(&mut store, Scale::National, 1).expect("the national demo");
    (Some(dir), path)
});

fn national() -> Store {
    Store::open(&NATIONAL.1, today()).expect("the national demo opens")
}

/// The tier rules for every open setting (about 8,000), facts already read.
#[divan::bench]
fn tier_engine_8000_settings(bencher: divan::Bencher) {
    let policy = Policy::default();
    let facts: Vec<Facts> =
        national().monitoring_rows(&policy, today()).expect("monitoring facts").into_iter().map(|r| r.facts).collect();
    assert!(facts.len() > 7_000, "{} settings", facts.len());
    bencher.bench(|| facts.iter().map(|f| tier::assess(f, &policy, today()).tier).max());
}

/// Each home's Reg 44 months, compliance and flags over five years of
/// reports (about 370,000), reports already read.
#[divan::bench]
fn reg44_expectations_all_reports(bencher: divan::Bencher) {
    let policy = Policy::default();
    let from = Month::of(today()).back(60)[0];
    let by_home: HashMap<i64, Vec<ReportFacts>> = national()
        .reg44_summaries_since(from, oversight::store::settings::Which::All)
        .expect("report summaries")
        .into_iter()
        .map(|(id, rows)| (id, rows.into_iter().map(|r| r.facts).collect()))
        .collect();
    assert!(by_home.values().map(Vec::len).sum::<usize>() > 350_000);
    let months = Month::of(today()).back(60);
    let open = Open { from: None, until: None };
    bencher.bench(|| {
        by_home
            .values()
            .map(|facts| {
                let received: HashMap<Month, NaiveDate> = facts.iter().map(|f| (f.month, f.received_on)).collect();
                let states: Vec<MonthState> = months
                    .iter()
                    .map(|m| reg44::month_state(*m, open, received.get(m).copied(), policy.reg44.due_day, today()))
                    .collect();
                (reg44::compliance(&states), reg44::flags(facts, &policy).len())
            })
            .count()
    });
}

/// Everything the schedule, `due` and the dashboard start from: every
/// setting's facts read from the database, tier and next visit.
#[divan::bench(sample_count = 10)]
fn monitoring_load(bencher: divan::Bencher) {
    let (store, policy) = (national(), Policy::default());
    bencher.bench_local(|| store.monitoring_rows(&policy, today()).expect("monitoring").len());
}

/// The Corporate Parenting Board pack for October 2026, read from scratch
/// (the monitoring rows the app shares between screens forgotten first).
#[divan::bench(sample_count = 10)]
fn board_pack(bencher: divan::Bencher) {
    let (store, policy) = (national(), Policy::default());
    let month = Month::of(NaiveDate::from_ymd_opt(2026, 10, 1).expect("a date"));
    bencher
        .with_inputs(|| monitoring::forget_shared(&store))
        .bench_local_values(|()| board::pack(&store, &policy, month, today(), false).expect("the pack").focus.len());
}

/// The dashboard's figures, read from scratch, as on the first opening of a day.
#[divan::bench(sample_count = 10)]
fn dashboard(bencher: divan::Bencher) {
    let (store, policy) = (national(), Policy::default());
    bencher
        .with_inputs(|| monitoring::forget_shared(&store))
        .bench_local_values(|()| board::overview(&store, &policy, today()).expect("the dashboard").changes.len());
}

/// The dashboard's kept copy, read back when nothing has changed.
#[divan::bench(sample_count = 10)]
fn dashboard_kept(bencher: divan::Bencher) {
    let (store, policy) = (national(), Policy::default());
    bencher.bench_local(|| board::kept_overview(&store, &policy, today()).expect("a copy").is_some());
}

/// An empty database in a folder of its own.
fn empty() -> (tempfile::TempDir, Store) {
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let store = Store::open(&dir.path().join("empty.db"), today()).expect("an empty database");
    (dir, store)
}

/// Ofsted's provider-level file for the national register (one row per
/// setting with a URN, about 6,000), parsed and imported into an empty
/// database.
#[divan::bench(sample_count = 10)]
fn ofsted_import(bencher: divan::Bencher) {
    let files = tempfile::TempDir::new().expect("a temp dir");
    let (_, newer) = oversight::demo::ofsted::write(&national(), files.path(), today()).expect("the files");
    let text = oversight::import::decode(&std::fs::read(newer).expect("the file")).expect("decoded");
    let file = ofsted::parse(&text).expect("a well-formed file");
    assert!(file.rows.len() > 5_000, "{} rows", file.rows.len());
    let options = ofsted::Options {
        home_authority: Policy::default().home_authority,
        dry_run: false,
        decommissioning: Policy::default().decommissioning,
    };
    bencher.with_inputs(empty).bench_local_values(|(dir, mut store)| {
        let summary = ofsted::import(&mut store, &file, &options, |_, _| {}).expect("imported");
        (dir, summary.rows)
    });
}

/// Ofsted's five real files (2017 to a sample of 2025, `tests/data/ofsted/`)
/// read and imported in turn, oldest first, into an empty database: what a
/// council does on its first day.
#[divan::bench(sample_count = 10)]
fn ofsted_five_real_years(bencher: divan::Bencher) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ofsted");
    let years = ["2017", "2020", "2022", "2023", "2025_sample"];
    let files: Vec<Vec<u8>> = years
        .iter()
        .map(|y| std::fs::read(dir.join(format!("provider_at_march_{y}.csv"))).expect("a real file"))
        .collect();
    let options = ofsted::Options {
        home_authority: Policy::default().home_authority,
        dry_run: false,
        decommissioning: Policy::default().decommissioning,
    };
    bencher.with_inputs(empty).bench_local_values(|(dir, mut store)| {
        let mut created = 0;
        for bytes in &files {
            let text = oversight::import::decode(bytes).expect("decoded");
            let file = ofsted::parse(&text).expect("a real file reads");
            created += ofsted::import(&mut store, &file, &options, |_, _| {}).expect("imported").created;
        }
        (dir, created)
    });
}
