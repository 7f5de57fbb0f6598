//! Importing Ofsted's provider-level data as published: two years of
//! hand-built files in `tests/data/` covering the shapes the real files take.

mod common;

use common::{database, db_arg, open, run};
use oversight::domain::rating::Judgement;
use oversight::domain::setting::{Registration, Setting, SettingKind};
use oversight::store::Stored;
use oversight::store::record::list;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

fn import(db: &Path, file: &Path, extra: &[&str]) -> (i32, serde_json::Value, String) {
    let mut args = vec!["import", "ofsted", file.to_str().unwrap(), "--format", "json", "--db", db.to_str().unwrap()];
    args.extend(extra);
    let (code, out, err) = run(&args);
    let json = serde_json::from_str(&out).unwrap_or(serde_json::Value::Null);
    (code, json, err)
}

fn settings(db: &Path) -> BTreeMap<String, Stored<Setting>> {
    let store = open(db);
    list::<Setting>(store.conn(), "ORDER BY id", &[])
        .unwrap()
        .into_iter()
        .map(|s| (s.value.urn.as_ref().unwrap().to_string(), s))
        .collect()
}

/// Each setting's latest overall judgement, straight from the tables.
fn judgements(db: &Path) -> BTreeMap<String, String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT s.urn, i.overall FROM settings s JOIN inspections i ON i.setting_id = s.id
             WHERE i.overall IS NOT NULL ORDER BY s.urn, i.inspection_date",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

/// Every table's rows, to show an import changed nothing.
fn checksum(db: &Path) -> String {
    let (code, out, err) = run(&["check", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    out
}

/// Reads a fixture the plain way, independent of the importer: URN to overall judgement.
fn overall_by_urn(file: &str) -> BTreeMap<String, String> {
    let bytes = std::fs::read(fixture(file)).unwrap();
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let header = records.iter().position(|r| &r[0] == "URN").unwrap();
    let overall = records[header].iter().position(|h| h.eq_ignore_ascii_case("overall effectiveness")).unwrap();
    records[header + 1..]
        .iter()
        .filter(|r| !r[overall].is_empty())
        .map(|r| (r[0].to_string(), r[overall].to_string()))
        .collect()
}

fn severity(word: &str) -> u8 {
    match word {
        "Outstanding" => 0,
        "Good" | "Consistently strong service delivery" => 1,
        "Requires improvement to be good" | "Inconsistent quality of service delivery" => 2,
        _ => 3,
    }
}

#[test]
fn the_first_year_creates_every_setting_grouped_by_owner() {
    let (_dir, db) = database(None);
    let (code, summary, err) = import(&db, &fixture("ofsted_2025.csv"), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary["rows"], 12);
    assert_eq!(summary["created"], 12);
    assert_eq!(summary["judgement_changes"].as_array().unwrap().len(), 0, "no judgement existed before");
    let s = settings(&db);
    assert_eq!(s.len(), 12);
    // Owners differing only in capitals and spaces are one provider.
    assert_eq!(s["SC100001"].value.provider_id, s["SC100002"].value.provider_id);
    assert_eq!(s["SC100001"].value.provider_id, s["SC100011"].value.provider_id);
    assert_eq!(s["2100006"].value.provider_id, s["2100012"].value.provider_id);
    let providers: i64 = open(&db).conn().query_row("SELECT COUNT(*) FROM providers", [], |r| r.get(0)).unwrap();
    assert_eq!(providers, 8);
    // Kinds, names withheld, areas, places.
    assert_eq!(s["SC100003"].value.kind, SettingKind::ChildrensHome, "multi-building children's home");
    assert_eq!(s["SC100004"].value.kind, SettingKind::SecureChildrensHome);
    assert_eq!(s["2100006"].value.kind, SettingKind::SupportedAccommodation);
    assert_eq!(s["SC100010"].value.kind, SettingKind::Other);
    assert_eq!(s["SC100001"].value.name, "Children's home SC100001 (name withheld)");
    assert_eq!(s["SC100004"].value.name, "Hillside Secure Unit");
    assert!(s["SC100001"].value.in_area && !s["SC100004"].value.in_area, "in area by the policy's authority");
    assert_eq!((s["SC100001"].value.places, s["SC100005"].value.places), (Some(4), None));
    // Judgements and dates, blank ones not an error.
    let j = judgements(&db);
    assert_eq!(j["SC100001"], "good");
    assert_eq!(j["2100006"], "consistently_strong");
    assert!(!j.contains_key("SC100008"), "not yet inspected");
    let date: String = open(&db)
        .conn()
        .query_row(
            "SELECT inspection_date FROM inspections i JOIN settings s ON s.id = i.setting_id WHERE s.urn = 'SC100003'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(date, "2024-11-20", "dd/mm/yyyy read as such");

    // The same file again changes nothing, and says so.
    let before = checksum(&db);
    let (code, again, _) = import(&db, &fixture("ofsted_2025.csv"), &[]);
    assert_eq!(code, 0);
    assert_eq!(
        (again["created"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(0), Some(12))
    );
    assert_eq!(checksum(&db), before);
    let (_, text, _) =
        run(&["import", "ofsted", fixture("ofsted_2025.csv").to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(text.contains("Nothing changed"), "{text}");
}

#[test]
fn the_second_year_reports_the_changes_a_plain_reading_of_both_files_finds() {
    let (_dir, db) = database(None);
    assert_eq!(import(&db, &fixture("ofsted_2025.csv"), &[]).0, 0);
    // The council names a withheld home; the next file must not undo that.
    let mut store = open(&db);
    let willow = settings(&db)["SC100001"].clone();
    store.update(willow.id, willow.version, &Setting { name: "Willow House".into(), ..willow.value.clone() }).unwrap();
    drop(store);

    let (before, after) = (overall_by_urn("ofsted_2025.csv"), overall_by_urn("ofsted_2026.csv"));
    let changed: Vec<(&String, &String, &String)> = after
        .iter()
        .filter_map(|(urn, to)| before.get(urn).filter(|from| *from != to).map(|from| (urn, from, to)))
        .collect();
    let down = changed.iter().filter(|(_, f, t)| severity(t) > severity(f)).count();
    let to_inadequate = changed.iter().filter(|(_, _, t)| severity(t) == 3).count();

    let dry = import(&db, &fixture("ofsted_2026.csv"), &["--dry-run"]);
    assert_eq!(dry.0, 0, "{}", dry.2);
    let (code, summary, err) = import(&db, &fixture("ofsted_2026.csv"), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(dry.1, summary, "the dry run says exactly what the import does");
    assert_eq!(summary["judgement_changes"].as_array().unwrap().len(), changed.len());
    assert_eq!(summary["downgrades"], down);
    assert_eq!(summary["upgrades"], changed.len() - down);
    assert_eq!(summary["new_inadequate"], to_inadequate);
    assert_eq!((summary["rows"].as_u64(), summary["created"].as_u64()), (Some(13), Some(2)));
    assert_eq!((summary["updated"].as_u64(), summary["unchanged"].as_u64()), (Some(7), Some(4)));
    assert_eq!(summary["missing_from_file"][0]["urn"], "SC100009");
    assert_eq!(summary["rejected"].as_array().unwrap().len(), 0);

    let s = settings(&db);
    assert_eq!(s["SC100001"].value.name, "Willow House", "never overwritten by REDACTED");
    assert_eq!(s["SC100007"].value.name, "Ridgeway School – Residential", "Windows-1252 dash intact");
    assert_eq!(s["SC100014"].value.name, "O’Brien Family Fostering", "Windows-1252 apostrophe intact");
    assert_eq!(s["SC100011"].value.registration, Registration::Suspended);
    assert_eq!(s["SC100009"].value.registration, Registration::Active, "missing from the file, kept as it was");
    let j = judgements(&db);
    assert_eq!((j["SC100001"].as_str(), j["2100006"].as_str()), ("inadequate", "serious_weaknesses"));
    let store = open(&db);
    let alerts = oversight::store::alerts::open(store.conn()).unwrap();
    assert_eq!(alerts.len(), changed.len());
    let willow_alert = alerts.iter().find(|a| a.value.setting_id == willow.id).unwrap();
    assert_eq!((willow_alert.value.from, willow_alert.value.to), (Judgement::Good, Judgement::Inadequate));
    assert!(!willow_alert.value.urgent, "no child is placed there");
}

#[test]
fn a_malformed_file_is_refused_with_row_and_column_and_nothing_changes() {
    let (dir, db) = database(Some(oversight::demo::Scale::Small));
    let before = checksum(&db);
    let header =
        "URN,Provision type,Registration status,Local authority,Latest full inspection date,Overall effectiveness\n";
    let good = "SC900001,Children's home,Active,Marlshire,01/02/2025,Good\n";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("ragged", format!("{header}{good}SC900002,Children's home,Active\n").into_bytes(), "row 3: has 3 cells"),
        (
            "bad date",
            format!("{header}SC900002,Children's home,Active,Marlshire,31/02/2025,Good\n").into_bytes(),
            "row 2, column \"Latest full inspection date\"",
        ),
        (
            "judgement",
            format!("{header}SC900002,Children's home,Active,Marlshire,01/02/2025,Brilliant\n").into_bytes(),
            "\"Brilliant\" is not an Ofsted judgement",
        ),
        (
            "duplicate",
            format!("{header}{good}{good}").into_bytes(),
            "row 3, column \"URN\": URN SC900001 appears again (first at row 2)",
        ),
        ("bad urn", format!("{header}SC12,Children's home,Active,Marlshire,,\n").into_bytes(), "row 2, column \"URN\""),
        ("empty", Vec::new(), "the file is empty"),
        ("binary", b"PK\x03\x04\x14\x00\x00\x00\x08\x00binary".to_vec(), "binary"),
        ("no header", b"name,date\nA,B\n".to_vec(), "no header row"),
    ];
    for (name, bytes, says) in cases {
        let file = dir.path().join(format!("{}.csv", name.replace(' ', "_")));
        std::fs::write(&file, bytes).unwrap();
        let (code, out, err) = run(&["import", "ofsted", file.to_str().unwrap(), "--db", &db_arg(&db)]);
        assert_eq!(code, 1, "{name}: {err}");
        assert!(err.contains(says) || out.contains(says), "{name}: {err}\n{out}");
        assert!(err.contains("nothing was imported"), "{name}: {err}");
    }
    // 50 MB of garbage.
    let garbage = dir.path().join("garbage.csv");
    let noise: Vec<u8> =
        (0..50_000_000u32).map(|i| b"x,;\"\n\r9\t"[(i.wrapping_mul(2_654_435_761) >> 29) as usize]).collect();
    std::fs::write(&garbage, noise).unwrap();
    let (code, _, err) = run(&["import", "ofsted", garbage.to_str().unwrap(), "--db", &db_arg(&db)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(checksum(&db), before, "the database is as it was");
}

#[test]
fn killing_the_import_midway_leaves_the_database_as_it_was() {
    use std::process::{Command, Stdio};
    let (dir, db) = database(Some(oversight::demo::Scale::Small));
    let before = checksum(&db);
    let mut text = String::from(
        "URN,Provision type,Registration status,Local authority,Organisation which owns the provider,Latest full inspection date,Overall effectiveness\n",
    );
    for n in 0..40_000 {
        text.push_str(&format!(
            "SC{:06},Children's home,Active,Walsall,Owner {},01/02/2025,Good\n",
            200_000 + n,
            n % 3000
        ));
    }
    let file = dir.path().join("large.csv");
    std::fs::write(&file, text).unwrap();
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let wal_before = std::fs::metadata(&wal).map_or(0, |m| m.len());
    let mut child = Command::new(env!("CARGO_BIN_EXE_oversight"))
        .args(["--today", common::TODAY, "import", "ofsted", file.to_str().unwrap(), "--db", db.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it is writing (the log grows), then kill it outright.
    let started = std::time::Instant::now();
    while std::fs::metadata(&wal).map_or(0, |m| m.len()) <= wal_before + 64 * 1024 {
        assert!(child.try_wait().unwrap().is_none(), "the import finished before it could be killed");
        assert!(started.elapsed().as_secs() < 60, "the import never started writing");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(checksum(&db), before, "nothing of the import survives");
}

/// The import screen and the alerts, driven through the App as a person would.
#[test]
fn importing_from_the_interface_previews_then_raises_alerts_to_acknowledge() {
    use common::{app, fill, press, save, screen_text, snapshot_at, type_text};
    use crossterm::event::KeyCode;
    let (dir, mut app) = app(Some(oversight::demo::Scale::County));
    oversight::demo::ofsted::write(&app.store, dir.path(), app.store.today()).unwrap();
    let newer = dir.path().join("ofsted-2026.csv");
    type_text(&mut app, "i");
    press(&mut app, KeyCode::Enter);
    fill(&mut app, "file", newer.to_str().unwrap());
    save(&mut app);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("would update 6") && text.contains("ready: y imports it"), "{text}");
    let alerts = |app: &oversight::ui::app::App| oversight::store::alerts::open(app.store.conn()).unwrap().len();
    assert_eq!(alerts(&app), 0, "a dry run writes nothing");
    type_text(&mut app, "y");
    type_text(&mut app, "y"); // confirm
    assert_eq!(alerts(&app), 6);
    assert!(app.status.as_ref().unwrap().text.contains("updated 6"));

    // The dashboard counts them; the eighth number opens the list.
    type_text(&mut app, "q");
    assert!(screen_text(&app, 120, 40).contains("▲ 6"));
    for _ in 0..7 {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Enter);
    snapshot_at("rating_alerts", &app, &[(120, 40)]);
    type_text(&mut app, "x");
    type_text(&mut app, "y");
    assert_eq!(alerts(&app), 5, "one acknowledged");
    let done = oversight::store::alerts::all(app.store.conn()).unwrap();
    let seen = done.iter().find(|a| !a.value.is_open()).unwrap();
    assert_eq!((seen.value.acknowledged_on, seen.value.acknowledged_by.as_str()), (Some(app.store.today()), "tester"));
}
