//! Ofsted's real provider-level files (2017, 2020, 2022, 2023 and a sample
//! of 2025: `tests/data/ofsted/`, see its SOURCES.md), imported as a user
//! would, checked against what a plain reading of the CSV files finds. The
//! plain reading here is the test's own: a CSV reader, a header found by
//! its "URN" cell, headings compared as lower-case words, and a rank for
//! each judgement word; none of the importer's code.

mod common;

use common::{db_arg, run};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const YEARS: [&str; 5] = [
    "provider_at_march_2017.csv",
    "provider_at_march_2020.csv",
    "provider_at_march_2022.csv",
    "provider_at_march_2023.csv",
    "provider_at_march_2025_sample.csv",
];

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ofsted").join(name)
}

/// One row as the test reads it.
#[derive(Debug, Clone)]
struct Plain {
    provision: String,
    /// The headline judgement's word, as published (never "Not judged").
    headline: Option<String>,
    /// The inspection date, as `yyyymmdd` so that text order is date order.
    date: Option<String>,
    event: String,
}

/// Rank of a judgement word: 0 best, 3 worst; the old third grade and
/// supported accommodation's middle outcome rank with Requires improvement.
fn rank(word: &str) -> u8 {
    match word.to_lowercase().as_str() {
        "outstanding" => 0,
        "good" | "consistently strong service delivery" => 1,
        "requires improvement"
        | "requires improvement to be good"
        | "adequate"
        | "satisfactory"
        | "inconsistent quality of service delivery" => 2,
        "inadequate" | "serious or widespread weaknesses" => 3,
        other => panic!("a judgement word the test does not know: {other:?}"),
    }
}

/// URN to row, read plainly.
fn read(name: &str) -> BTreeMap<String, Plain> {
    let bytes = std::fs::read(real(name)).unwrap();
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let at = records.iter().position(|r| r.iter().any(|c| c.trim() == "URN")).unwrap();
    let headings: Vec<String> =
        records[at].iter().map(|h| h.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()).collect();
    let find = |pred: &dyn Fn(&str) -> bool| headings.iter().position(|h| pred(h));
    let urn = find(&|h| h == "urn").unwrap();
    let provision = find(&|h| h == "provision type").unwrap();
    let date = find(&|h| h.ends_with("inspection date")).unwrap();
    let event = find(&|h| h.ends_with("event number")).unwrap();
    let headlines: Vec<usize> = [
        find(&|h| h == "overall effectiveness"),
        find(&|h| h.ends_with("overall experiences and progress of children and young people")),
        find(&|h| h == "supported accommodation outcome"),
    ]
    .into_iter()
    .flatten()
    .collect();
    records[at + 1..]
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .map(|r| {
            let headline = headlines
                .iter()
                .map(|c| r[*c].trim())
                .find(|w| !w.is_empty() && !w.eq_ignore_ascii_case("not judged"))
                .map(str::to_string);
            let d = r[date].trim();
            let date = (!d.is_empty()).then(|| format!("{}{}{}", &d[6..10], &d[3..5], &d[0..2]));
            let plain = Plain { provision: r[provision].to_string(), headline, date, event: r[event].to_string() };
            (r[urn].trim().to_string(), plain)
        })
        .collect()
}

/// What changed between two consecutive years' files, counted plainly:
/// settings in both, judged in both, inspected again since, with another rank.
#[derive(Debug, Default, PartialEq)]
struct Changes {
    changes: usize,
    down: usize,
    up: usize,
    to_inadequate: usize,
}

fn changes(older: &BTreeMap<String, Plain>, newer: &BTreeMap<String, Plain>) -> Changes {
    let mut out = Changes::default();
    for (urn, b) in newer {
        let Some(a) = older.get(urn) else { continue };
        let (Some(from), Some(to), Some(then), Some(now)) = (&a.headline, &b.headline, &a.date, &b.date) else {
            continue;
        };
        if now > then && rank(from) != rank(to) {
            out.changes += 1;
            if rank(to) > rank(from) {
                out.down += 1;
            } else {
                out.up += 1;
            }
            out.to_inadequate += usize::from(rank(to) == 3);
        }
    }
    out
}

fn fresh() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("oversight.db");
    let (code, out, err) = run(&["init", "--db", &db_arg(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&db_arg(&db)), "init says where: {out}");
    (dir, db)
}

fn import(db: &Path, name: &str) -> serde_json::Value {
    let file = real(name);
    let (code, out, err) =
        run(&["import", "ofsted", file.to_str().unwrap(), "--format", "json", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{name}: {err}\n{out}");
    assert!(!err.contains("importing"), "no progress bar when stderr is not a terminal: {err}");
    serde_json::from_str(&out).unwrap()
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Each setting's latest headline judgement, straight from the tables.
fn latest(db: &Path) -> BTreeMap<String, String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT s.urn, i.overall FROM settings s JOIN inspections i ON i.setting_id = s.id
             WHERE i.overall IS NOT NULL ORDER BY s.urn, i.inspection_date, i.id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

/// A judgement word as the database codes it, by the test's own table.
fn code(word: &str) -> String {
    match word.to_lowercase().as_str() {
        "requires improvement" | "requires improvement to be good" => "requires_improvement".into(),
        "consistently strong service delivery" => "consistently_strong".into(),
        "inconsistent quality of service delivery" => "inconsistent".into(),
        "serious or widespread weaknesses" => "serious_weaknesses".into(),
        other => other.to_string(),
    }
}

#[test]
fn every_real_file_imports_whole_into_an_empty_database() {
    for name in YEARS {
        let plain = read(name);
        let (_dir, db) = fresh();
        let summary = import(&db, name);
        let judged = plain.values().filter(|p| p.headline.is_some()).count();
        assert_eq!(summary["rows"], plain.len(), "{name}: rows");
        assert_eq!(summary["created"], plain.len(), "{name}: a setting per row");
        assert_eq!(summary["rejected"].as_array().unwrap().len(), 0, "{name}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM settings"), plain.len() as i64, "{name}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM inspections WHERE overall IS NOT NULL"), judged as i64, "{name}");
        assert_eq!(summary["first_judgements"], judged, "{name}");
        assert_eq!(summary["judgement_changes"].as_array().unwrap().len(), 0, "{name}: nothing to change from");
        assert!(judged * 10 > plain.len() * 7, "{name}: most settings are judged ({judged} of {})", plain.len());
        // Every setting's judgement is the file's, in its own words.
        let held = latest(&db);
        for (urn, p) in &plain {
            assert_eq!(held.get(urn), p.headline.as_deref().map(code).as_ref(), "{name}: {urn}");
        }
        // Children's homes in every spelling, and homes registered as such, owe Reg 44 reports.
        let homes = plain
            .values()
            .filter(|p| {
                let t = p.provision.to_lowercase();
                t.contains("children's home") && !t.contains("secure")
            })
            .count();
        assert_eq!(count(&db, "SELECT COUNT(*) FROM settings WHERE kind = 'childrens_home'"), homes as i64, "{name}");
        figures!(
            "ofsted {name}: {} rows, {} settings, {judged} judgements, {homes} children's homes",
            plain.len(),
            plain.len()
        );
    }
}

#[test]
fn the_old_scale_keeps_its_words_and_places_are_as_registered() {
    let (_dir, db) = fresh();
    import(&db, YEARS[0]);
    let plain = read(YEARS[0]);
    for word in ["Adequate", "Satisfactory"] {
        let want = plain.values().filter(|p| p.headline.as_deref() == Some(word)).count();
        assert!(want > 0, "the 2017 file has {word}");
        let sql = format!("SELECT COUNT(*) FROM inspections WHERE overall = '{}'", word.to_lowercase());
        assert_eq!(count(&db, &sql), want as i64, "{word} kept as published");
    }
    assert!(count(&db, "SELECT MAX(places) FROM settings") > 700, "a college's hundreds of places are real");
    let old = "SELECT COUNT(*) FROM inspections WHERE framework = 'before_2017' AND (care IS NOT NULL OR management IS NOT NULL)";
    assert!(count(&db, old) > 1000, "the old framework's own judgements are kept");
}

#[test]
fn consecutive_years_report_the_changes_a_plain_reading_finds() {
    for pair in YEARS.windows(2) {
        let (older, newer) = (read(pair[0]), read(pair[1]));
        let want = changes(&older, &newer);
        let (_dir, db) = fresh();
        import(&db, pair[0]);
        let summary = import(&db, pair[1]);
        let got = Changes {
            changes: summary["judgement_changes"].as_array().unwrap().len(),
            down: summary["downgrades"].as_u64().unwrap() as usize,
            up: summary["upgrades"].as_u64().unwrap() as usize,
            to_inadequate: summary["new_inadequate"].as_u64().unwrap() as usize,
        };
        assert_eq!(got, want, "{} then {}", pair[0], pair[1]);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM rating_alerts"), want.changes as i64, "an alert for each");
        let both = newer.keys().filter(|u| older.contains_key(*u)).count();
        assert_eq!(summary["created"], newer.len() - both, "{}: settings new to the second file", pair[1]);
        figures!(
            "ofsted {} → {}: {} changes, {} down ({} to Inadequate), {} up",
            pair[0],
            pair[1],
            want.changes,
            want.down,
            want.to_inadequate,
            want.up
        );
    }
}

/// Each distinct inspection event across `files`: URN and event number.
fn events(files: &[&str]) -> BTreeSet<(String, String)> {
    files.iter().flat_map(|f| read(f)).filter(|(_, p)| p.headline.is_some()).map(|(urn, p)| (urn, p.event)).collect()
}

#[test]
fn five_years_in_turn_build_each_settings_history() {
    let (_dir, db) = fresh();
    for name in YEARS {
        import(&db, name);
    }
    let want = events(&YEARS);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM inspections WHERE overall IS NOT NULL"), want.len() as i64);
    let urns: BTreeSet<String> = YEARS.iter().flat_map(|f| read(f).into_keys()).collect();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM settings"), urns.len() as i64);
    // One home followed through the years: its events, oldest first.
    let history: Vec<(String, String, String)> = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT i.inspection_date, i.kind, i.overall FROM inspections i JOIN settings s ON s.id = i.setting_id
                 WHERE s.urn = '1221437' ORDER BY i.inspection_date",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    let expected = [
        ("2016-11-09", "full", "good"),
        ("2019-08-28", "monitoring", "requires_improvement"),
        ("2021-08-23", "full", "good"),
        ("2022-06-14", "full", "good"),
    ];
    let history: Vec<(&str, &str, &str)> =
        history.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
    assert_eq!(history, expected, "read from the 2017, 2020, 2022 and 2023 files by hand");
}

#[test]
fn an_older_file_after_a_newer_one_adds_history_and_nothing_else() {
    let (_dir, db) = fresh();
    import(&db, YEARS[3]);
    let before = latest(&db);
    let details = |db: &Path| -> BTreeMap<String, (String, i64, Option<i64>, String)> {
        let conn = rusqlite::Connection::open(db).unwrap();
        let mut stmt = conn.prepare("SELECT urn, name, provider_id, places, registration FROM settings").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let (details_before, inspections_before) = (details(&db), count(&db, "SELECT COUNT(*) FROM inspections"));
    let summary = import(&db, YEARS[0]);
    let after = latest(&db);
    for (urn, judgement) in &before {
        assert_eq!(after.get(urn), Some(judgement), "{urn}: the latest judgement is still 2023's");
    }
    let details_after = details(&db);
    for (urn, d) in &details_before {
        assert_eq!(details_after.get(urn), Some(d), "{urn}: details from the newer file kept");
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM rating_alerts"), 0, "no alert from an old file");
    assert_eq!(summary["judgement_changes"].as_array().unwrap().len(), 0);
    assert_eq!(summary["missing_from_file"].as_array().unwrap().len(), 0, "an old file says nothing is missing");
    let (old, new) = (read(YEARS[0]), read(YEARS[3]));
    let history =
        old.iter().filter(|(urn, p)| new.get(*urn).is_some_and(|n| n.event != p.event) && p.headline.is_some()).count();
    assert_eq!(summary["history_added"], history, "older judgements of settings we hold");
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM inspections"),
        inspections_before + events(&[YEARS[0], YEARS[3]]).len() as i64 - events(&[YEARS[3]]).len() as i64
    );
}

#[test]
fn two_imports_at_once_both_succeed_against_what_the_other_committed() {
    let (_dir, db) = fresh();
    let spawn = |name: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_oversight"))
            .args(["--today", common::TODAY, "import", "ofsted", real(name).to_str().unwrap(), "--db"])
            .arg(&db)
            .output()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| spawn(YEARS[2]));
        let b = s.spawn(|| spawn(YEARS[3]));
        (a.join().unwrap(), b.join().unwrap())
    });
    for out in [&a, &b] {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let urns: BTreeSet<String> = [YEARS[2], YEARS[3]].iter().flat_map(|f| read(f).into_keys()).collect();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM settings"), urns.len() as i64, "each setting once");
    let judged = count(&db, "SELECT COUNT(*) FROM inspections WHERE overall IS NOT NULL");
    assert_eq!(judged, events(&[YEARS[2], YEARS[3]]).len() as i64, "each event once");
    let providers = count(&db, "SELECT COUNT(*) FROM providers");
    let distinct = count(&db, "SELECT COUNT(DISTINCT lower(name)) FROM providers");
    assert_eq!(providers, distinct, "no provider twice");
}
