//! Importing Ofsted's provider-level data: hand-made files in the real
//! layouts (`tests/data/ofsted/edges_*.csv`: the 2023 layout in UTF-8 with a
//! byte-order mark, the 2025 layout in Windows-1252) for the edge cases the
//! real files in `tests/ofsted_real.rs` do not all have, refusals of broken
//! files, and the import from the interface.

mod common;

use common::{database, db_arg, open, run};
use oversight::domain::rating::Judgement;
use oversight::domain::setting::{Registration, Setting, SettingKind};
use oversight::store::Stored;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ofsted").join(name)
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
    store.all::<Setting>().unwrap().into_iter().map(|s| (s.value.urn.as_ref().unwrap().to_string(), s)).collect()
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

/// The database file's bytes, and its write-ahead log's if there is one.
fn file_bytes(db: &Path) -> Vec<u8> {
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    [std::fs::read(db).unwrap(), std::fs::read(wal).unwrap_or_default()].concat()
}

/// Every table's rows, to show an import changed nothing.
fn checksum(db: &Path) -> String {
    let (code, out, err) = run(&["check", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    out
}

/// Reads a fixture the plain way, independent of the importer: URN to the
/// headline judgement (SCCIF's, else supported accommodation's) and its date.
fn headline_by_urn(file: &str) -> BTreeMap<String, (String, String)> {
    let bytes = std::fs::read(fixture(file)).unwrap();
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let header = records.iter().position(|r| &r[1] == "URN").unwrap();
    let column = |name: &str| records[header].iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let date = column("Latest full inspection date").unwrap();
    let heads: Vec<usize> = [
        column("Overall experiences and progress of children and young people"),
        column("Supported Accommodation outcome"),
    ]
    .into_iter()
    .flatten()
    .collect();
    records[header + 1..]
        .iter()
        .filter_map(|r| {
            let word = heads.iter().map(|c| &r[*c]).find(|w| !w.is_empty())?;
            Some((r[1].to_string(), (word.to_string(), r[date].to_string())))
        })
        .collect()
}

fn severity(word: &str) -> u8 {
    match word.to_lowercase().as_str() {
        "outstanding" => 0,
        "good" | "consistently strong service delivery" => 1,
        "requires improvement" | "requires improvement to be good" | "inconsistent quality of service delivery" => 2,
        _ => 3,
    }
}

#[test]
fn the_first_year_creates_every_setting_grouped_by_owner() {
    let (_dir, db) = database(None);
    let (code, summary, err) = import(&db, &fixture("edges_2024.csv"), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary["rows"], 13);
    assert_eq!(summary["created"], 13);
    assert_eq!(summary["as_at"], "2024-03-31", "from the title");
    assert_eq!(summary["judgement_changes"].as_array().unwrap().len(), 0, "no judgement existed before");
    let s = settings(&db);
    assert_eq!(s.len(), 13);
    // Owners differing only in capitals and spaces are one provider.
    assert_eq!(s["SC100001"].value.provider_id, s["SC100002"].value.provider_id);
    assert_eq!(s["SC100001"].value.provider_id, s["SC100011"].value.provider_id);
    assert_eq!(s["2100006"].value.provider_id, s["2100012"].value.provider_id);
    let providers: i64 = common::sql(&open(&db)).query_row("SELECT COUNT(*) FROM providers", [], |r| r.get(0)).unwrap();
    assert_eq!(providers, 9);
    // Kinds, names withheld, areas, places as registered.
    assert_eq!(s["SC100003"].value.kind, SettingKind::ChildrensHome, "multi-building children's home");
    assert_eq!(s["SC100004"].value.kind, SettingKind::SecureChildrensHome);
    assert_eq!(s["2100006"].value.kind, SettingKind::SupportedAccommodation);
    assert_eq!(s["SC100010"].value.kind, SettingKind::Other);
    assert_eq!(s["SC100001"].value.name, "Children's home SC100001 (name withheld)");
    assert_eq!(s["SC100004"].value.name, "Hillside Secure Unit");
    assert!(s["SC100001"].value.in_area && !s["SC100004"].value.in_area, "in area by the policy's authority");
    assert_eq!((s["SC100001"].value.places, s["SC100005"].value.places), (Some(4), None));
    assert_eq!(s["1400015"].value.places, Some(808), "a college's places are real");
    // Judgements and dates; blank ones (supported accommodation not yet inspected) not an error.
    let j = judgements(&db);
    assert_eq!(j["SC100001"], "good");
    assert!(!j.contains_key("SC100008") && !j.contains_key("2100006"), "not yet inspected");
    let date: String = common::sql(&open(&db))
        .query_row(
            "SELECT inspection_date FROM inspections i JOIN settings s ON s.id = i.setting_id WHERE s.urn = 'SC100003'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(date, "2023-11-20", "dd/mm/yyyy read as such");

    // The same file again changes nothing, and says so.
    let before = checksum(&db);
    let (code, again, _) = import(&db, &fixture("edges_2024.csv"), &[]);
    assert_eq!(code, 0);
    assert_eq!(
        (again["created"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(0), Some(13))
    );
    assert_eq!(checksum(&db), before);
    let (_, text, _) =
        run(&["import", "ofsted", fixture("edges_2024.csv").to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(text.contains("Nothing changed"), "{text}");
}

#[test]
fn the_second_year_reports_the_changes_a_plain_reading_of_both_files_finds() {
    let (_dir, db) = database(None);
    assert_eq!(import(&db, &fixture("edges_2024.csv"), &[]).0, 0);
    // The council names a withheld home; the next file must not undo that.
    let mut store = open(&db);
    let willow = settings(&db)["SC100001"].clone();
    store.update(willow.id, willow.version, &Setting { name: "Willow House".into(), ..willow.value.clone() }).unwrap();
    drop(store);

    let (before, after) = (headline_by_urn("edges_2024.csv"), headline_by_urn("edges_2026.csv"));
    let changed: Vec<(&String, &String)> = after
        .iter()
        .filter_map(|(urn, (to, on))| {
            let (from, then) = before.get(urn)?;
            (on != then && severity(from) != severity(to)).then_some((from, to))
        })
        .collect();
    let down = changed.iter().filter(|(f, t)| severity(t) > severity(f)).count();
    let to_inadequate = changed.iter().filter(|(_, t)| severity(t) == 3).count();
    assert_eq!((changed.len(), down, to_inadequate), (3, 2, 1), "Willow down, SC100003 up, Brightway down");

    let dry = import(&db, &fixture("edges_2026.csv"), &["--dry-run"]);
    assert_eq!(dry.0, 0, "{}", dry.2);
    let (code, summary, err) = import(&db, &fixture("edges_2026.csv"), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(dry.1, summary, "the dry run says exactly what the import does");
    assert_eq!(summary["judgement_changes"].as_array().unwrap().len(), changed.len());
    assert_eq!(summary["downgrades"], down);
    assert_eq!(summary["upgrades"], changed.len() - down);
    assert_eq!(summary["new_inadequate"], to_inadequate);
    assert_eq!(summary["first_judgements"], 4, "two supported accommodation outcomes, SC100008 and the new SC100014");
    assert_eq!((summary["rows"].as_u64(), summary["created"].as_u64()), (Some(14), Some(2)));
    assert_eq!((summary["updated"].as_u64(), summary["unchanged"].as_u64()), (Some(8), Some(4)));
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
    assert_eq!(j["SC100005"], "requires_improvement", "\"Requires Improvement\" in capitals");
    let store = open(&db);
    let alerts = store.open_rating_alerts().unwrap();
    assert_eq!(alerts.len(), changed.len());
    let willow_alert = alerts.iter().find(|a| a.value.setting_id == willow.id).unwrap();
    assert_eq!((willow_alert.value.from, willow_alert.value.to), (Judgement::Good, Judgement::Inadequate));
    assert!(!willow_alert.value.urgent, "no child is placed there");
}

#[test]
fn a_malformed_file_is_refused_with_row_and_column_and_nothing_changes() {
    let (dir, db) = database(Some(oversight::demo::Scale::Small));
    let before = checksum(&db);
    let bytes_before = file_bytes(&db);
    // A real layout (2023's) with one thing broken in its first data row (row 5).
    let text = String::from_utf8(std::fs::read(fixture("edges_2024.csv")).unwrap()).unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let records: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    let broken = |change: &dyn Fn(&mut Vec<Vec<String>>)| {
        let mut rows = records.clone();
        change(&mut rows);
        let mut out = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        for r in &rows {
            out.write_record(r).unwrap();
        }
        out.into_inner().unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("ragged", broken(&|rows| rows[4].truncate(10)), "row 5: has 10 cells where the header has 30"),
        (
            "bad date",
            broken(&|rows| rows[4][22] = "31/02/2023".into()),
            "row 5, column \"Latest full inspection date\": 31 is not a day of February 2023",
        ),
        ("judgement", broken(&|rows| rows[4][25] = "Brilliant".into()), "\"Brilliant\" is not an Ofsted judgement"),
        (
            "duplicate",
            broken(&|rows| rows.insert(5, rows[4].clone())),
            "row 6, column \"URN\": URN SC100001 appears again (first at row 5)",
        ),
        ("bad urn", broken(&|rows| rows[4][1] = "SC12".into()), "row 5, column \"URN\": \"SC12\" is not a URN"),
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
        assert_eq!(file_bytes(&db), bytes_before, "{name}: the database file is byte for byte as it was");
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
    // The 2017 layout (its title and header) with 40,000 rows of its shape.
    let real = std::fs::read_to_string(fixture("provider_at_march_2017.csv")).unwrap();
    let mut text: String = real.lines().take(2).map(|l| format!("{l}\n")).collect();
    for n in 0..40_000 {
        text.push_str(&format!(
            "Ofsted Social Care Provider Webpage,SC{:06},,Children's home,Active,REDACTED,REDACTED,REDACTED,\
             REDACTED,REDACTED,REDACTED,West Midlands,West Midlands,Walsall,Walsall South,Private,{},,\
             Full inspection,01/02/2016,01/03/2016,{},Good,,,Good,Good,\n",
            200_000 + n,
            n % 7 + 1,
            10_000_000 + n
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
    press(&mut app, KeyCode::Down);
    assert!(!screen_text(&app, 120, 40).contains("ready: y imports it"), "a long summary scrolls");
    press(&mut app, KeyCode::Home);
    assert!(screen_text(&app, 120, 40).contains("ready: y imports it"));
    let alerts = |app: &oversight::ui::app::App| app.store.open_rating_alerts().unwrap().len();
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
    let done = app.store.rating_alerts().unwrap();
    let seen = done.iter().find(|a| !a.value.is_open()).unwrap();
    assert_eq!((seen.value.acknowledged_on, seen.value.acknowledged_by.as_str()), (Some(app.store.today()), "tester"));

    // X acknowledges all shown: after a filter, those it matches.
    let inadequate = app
        .store
        .open_rating_alerts()
        .unwrap()
        .iter()
        .filter(|a| [a.value.from, a.value.to].contains(&Judgement::Inadequate))
        .count();
    assert!(inadequate > 0);
    common::filter(&mut app, "inadequate");
    type_text(&mut app, "X");
    assert!(screen_text(&app, 120, 40).contains(&format!("Acknowledge all {inadequate} alert")), "asks first");
    type_text(&mut app, "y");
    assert_eq!(alerts(&app), 5 - inadequate);
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "X");
    assert!(screen_text(&app, 120, 40).contains("Acknowledge all 4 alerts"), "{}", screen_text(&app, 120, 40));
    type_text(&mut app, "y");
    assert_eq!(alerts(&app), 0, "the rest");
}
