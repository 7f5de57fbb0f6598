//! The command line, run as a built binary with `--today` fixed.

mod common;

use common::{db_arg, oversight, run};

#[test]
fn the_same_seed_gives_the_same_database() {
    let dir = tempfile::TempDir::new().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    for path in [&a, &b] {
        let (code, out, err) = run(&["demo", "--scale", "county", "--seed", "7", "--db", &db_arg(path)]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("40 providers, 90 settings"), "{out}");
    }
    let (code_a, check_a, _) = run(&["check", "--db", &db_arg(&a)]);
    let (code_b, check_b, _) = run(&["check", "--db", &db_arg(&b)]);
    assert_eq!((code_a, code_b), (0, 0));
    assert_eq!(check_a, check_b);
    let version = oversight::store::migrations::LATEST;
    let head =
        format!("schema version {version} (this Oversight writes version {version})\nintegrity ok\nforeign keys ok\n");
    assert!(check_a.starts_with(&head), "{check_a}");
    for table in oversight::store::maintenance::TABLES {
        assert!(check_a.lines().any(|l| l.starts_with(table) && l.contains(" rows")), "{table} missing:\n{check_a}");
    }
    assert!(check_a.contains("providers          40 rows"), "{check_a}");
    assert!(check_a.contains("settings           90 rows"), "{check_a}");

    let (_, _, _) = run(&["demo", "--scale", "county", "--seed", "8", "--db", &db_arg(&dir.path().join("c.db"))]);
    let (_, check_c, _) = run(&["check", "--db", &db_arg(&dir.path().join("c.db"))]);
    assert_ne!(check_a, check_c, "another seed gives other data");
}

#[test]
fn demo_refuses_a_database_holding_data_unless_forced() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = db_arg(&dir.path().join("x.db"));
    assert_eq!(run(&["demo", "--scale", "small", "--db", &db]).0, 0);
    let (code, _, err) = run(&["demo", "--scale", "small", "--db", &db]);
    assert_eq!(code, 1);
    assert!(err.contains("already holds data; use --force"), "{err}");
    let (code, out, _) = run(&["demo", "--scale", "small", "--seed", "3", "--force", "--db", &db]);
    assert_eq!(code, 0);
    assert!(out.contains("seed 3"));
}

#[test]
fn check_on_a_missing_database_says_where_it_looked() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("absent.db");
    let (code, _, err) = run(&["check", "--db", &db_arg(&db)]);
    assert_eq!(code, 2);
    assert!(err.contains("there is no database at"), "{err}");
    assert!(err.contains(&format!("oversight init --db {}", db.display())), "says how to make one: {err}");
    assert!(!db.exists(), "check must not create a database");
}

#[test]
fn init_creates_an_empty_private_database_and_never_touches_an_existing_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let (code, out, err) = run(&["init", "--db", &db_arg(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&db_arg(&db)), "says where: {out}");
    assert_eq!(std::fs::metadata(&db).unwrap().permissions().mode() & 0o777, 0o600);
    let (code, out, _) = run(&["check", "--db", &db_arg(&db)]);
    assert_eq!(code, 0);
    assert!(out.contains(&format!("schema version {}", oversight::store::migrations::LATEST)), "{out}");
    let bytes = std::fs::read(&db).unwrap();
    let (code, _, err) = run(&["init", "--db", &db_arg(&db)]);
    assert_eq!(code, 1, "an existing file is refused");
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "and left as it was");
    let other = dir.path().join("notes.txt");
    std::fs::write(&other, "not a database").unwrap();
    assert_eq!(run(&["init", "--db", &db_arg(&other)]).0, 1);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "not a database");
    let (code, _, err) = run(&["init", "--db", &db_arg(&dir.path().join("no/such/folder.db"))]);
    assert_eq!(code, 1);
    assert!(err.contains("there is no folder"), "{err}");
}

#[test]
fn environment_problems_exit_2_with_one_clear_sentence() {
    let dir = tempfile::TempDir::new().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"\x00\x01binary junk that is not sqlite").unwrap();
    let (code, _, err) = run(&["check", "--db", &db_arg(&junk)]);
    assert_eq!(code, 2);
    assert!(err.starts_with("oversight: ") && err.contains("is not an Oversight database"), "{err}");

    let newer = dir.path().join("newer.db");
    assert_eq!(run(&["demo", "--scale", "small", "--db", &db_arg(&newer)]).0, 0);
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let (code, _, err) = run(&["check", "--db", &db_arg(&newer)]);
    assert_eq!(code, 2);
    let known = format!("versions up to {}", oversight::store::migrations::LATEST);
    assert!(err.contains("schema version 99") && err.contains(&known), "{err}");
}

#[test]
fn bad_input_exits_1() {
    let (code, _, err) = run(&["check", "--today", "2026-02-30"]);
    assert_eq!(code, 1);
    assert!(err.contains("30 is not a day of February 2026"), "{err}");
    let (code, _, err) = run(&["demo", "--scale", "galactic"]);
    assert_eq!(code, 1);
    assert!(err.contains("invalid value 'galactic'"), "{err}");
    let (code, _, err) = run(&["frobnicate"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_bad_policy_file_names_the_key() {
    let dir = tempfile::TempDir::new().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "[tiers]\nstandard_days = \"quarterly\"\n").unwrap();
    let db = db_arg(&dir.path().join("x.db"));
    let (code, _, err) = run(&["demo", "--scale", "small", "--db", &db, "--policy", &db_arg(&policy)]);
    assert_eq!(code, 1);
    assert!(err.contains("tiers.standard_days: invalid type"), "{err}");
    assert!(!dir.path().join("x.db").exists(), "nothing was written");
}

#[test]
fn backup_writes_a_checkable_copy_and_never_overwrites() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = db_arg(&dir.path().join("x.db"));
    let copy = db_arg(&dir.path().join("copy.db"));
    assert_eq!(run(&["demo", "--scale", "small", "--db", &db]).0, 0);
    let (code, out, err) = run(&["backup", "--db", &db, "--out", &copy]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("backed up"));
    assert_eq!(run(&["check", "--db", &copy]).1, run(&["check", "--db", &db]).1);
    let (code, _, err) = run(&["backup", "--db", &db, "--out", &copy]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    let (code, _, err) = run(&["backup", "--db", &db, "--out", "/nonexistent/dir/copy.db"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_database_can_come_from_the_environment() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("env.db");
    let out = oversight().env("OVERSIGHT_DB", &db).args(["demo", "--scale", "small"]).output().unwrap();
    assert!(out.status.success());
    assert!(db.exists());
}

#[test]
fn the_interface_needs_a_terminal() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = db_arg(&dir.path().join("x.db"));
    let out = oversight().args(["--db", &db]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot start the terminal interface"));
}

#[test]
fn help_lists_the_commands() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for word in ["init", "demo", "check", "backup", "--db", "--today", "--policy", "--demo"] {
        assert!(out.contains(word), "{word} missing from help");
    }
}

/// The county demo (seed 7) on 2026-11-24, with each setting's facts read
/// from the database and its tier and due date worked out by hand, the
/// returns and score rules off (`rules_of_visits`: their cases are in the
/// tier's unit tests and tests/returns.rs):
/// * Lilac Barn: Inadequate (2026-02-24) → tier 1; its reports name Quality Standard 7 in May, Aug and Sep
///   (3 of the last 6): a tier-2 warning as well. Its improvement plan (received 2026-03-26) has the risk
///   assessment review due 2026-11-14 still open: one action overdue. Last visit 2026-10-30 + 28 = 2026-11-27.
/// * Kestrel Fostering West Midlands: RI (2025-06-03), an agency without Reg 44 → tier 2; 2026-10-23 + 42 =
///   2026-12-04.
/// * Keystone Fostering West Midlands: Good, no triggers → tier 3; 2026-09-01 + 91 = 2026-12-01.
/// * Bluebell Fostering North West: Outstanding (2025-04-07) → tier 4; 2026-06-16 + 182 = 2026-12-15.
/// * Trinity Fostering Yorkshire and the Humber: Good and assessed low risk (computed 4), overridden to tier 2
///   from 2026-11-04 to 2027-02-02. At its last visit (2026-07-22) tier 4: due 2026-07-22 + 182 = 2027-01-20;
///   the override raises it on 2026-11-04, so the earlier of that and 2026-11-04 + 42 = 2026-12-16.
/// * Ashdown House (domain.md case 2): the October report (received 2026-11-03) says no manager; missing
///   episodes 2+3+4 = 9 in Aug–Oct against 0+1+1 = 2 in May–Jul → tier 2. But the August report (received
///   2026-09-03) already showed 1+1+2 = 4 in Jun–Aug against none in Mar–May: tier 2 before its last visit
///   (2026-09-17), so due 2026-09-17 + 42 = 2026-10-29, 26 days overdue.
#[test]
fn due_lists_hand_worked_tiers_and_dates() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = db_arg(&dir.path().join("county.db"));
    let policy = rules_of_visits(dir.path());
    assert_eq!(run(&["demo", "--scale", "county", "--seed", "7", "--db", &db]).0, 0);
    let (code, out, err) = run(&["due", "--within", "30", "--format", "json", "--db", &db, "--policy", &policy]);
    assert_eq!(code, 0, "{err}");
    let entries: serde_json::Value = serde_json::from_str(&out).unwrap();
    let find = |name: &str| {
        entries
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["setting"] == name)
            .unwrap_or_else(|| panic!("{name} not listed"))
            .clone()
    };
    // Setting, tier, computed tier, next due, days overdue, reasons.
    type Expected<'a> = (&'a str, u8, u8, &'a str, i64, &'a [&'a str]);
    let expect: [Expected; 6] = [
        (
            "Lilac Barn",
            1,
            1,
            "2026-11-27",
            0,
            &[
                "latest Ofsted judgement Inadequate (2026-02-24)",
                "1 improvement plan action overdue",
                "7 Children's views, wishes and feelings in 3 of the last 6 reports (May 2026, Aug 2026, Sep 2026)",
            ],
        ),
        (
            "Kestrel Fostering West Midlands",
            2,
            2,
            "2026-12-04",
            0,
            &["latest Ofsted judgement Requires improvement to be good (2025-06-03)"],
        ),
        ("Keystone Fostering West Midlands", 3, 3, "2026-12-01", 0, &["no risk triggers: standard monitoring"]),
        (
            "Bluebell Fostering North West",
            4,
            4,
            "2026-12-15",
            0,
            &["latest Ofsted judgement Outstanding (2025-04-07) and no risk triggers"],
        ),
        (
            "Trinity Fostering Yorkshire and the Humber",
            2,
            4,
            "2026-12-16",
            0,
            &["assessed low risk by quality on 2026-05-02"],
        ),
        (
            "Ashdown House",
            2,
            2,
            "2026-10-29",
            26,
            &[
                "registered manager vacant since Oct 2026",
                "missing-from-care episodes 9 in Aug 2026–Oct 2026 against 2 in May 2026–Jul 2026 (+350%)",
            ],
        ),
    ];
    for (name, tier, computed, due, overdue, reasons) in expect {
        let e = find(name);
        assert_eq!(e["tier"], tier, "{name} tier");
        assert_eq!(e["computed_tier"], computed, "{name} computed tier");
        assert_eq!(e["next_due"], due, "{name} due");
        assert_eq!(e["days_overdue"], overdue, "{name} overdue");
        assert_eq!(e["reasons"], serde_json::json!(reasons), "{name} reasons");
    }
    let trinity = find("Trinity Fostering Yorkshire and the Humber");
    assert_eq!(trinity["override"]["tier"], 2);
    assert_eq!(trinity["override"]["expires"], "2027-02-02");

    // Everything listed is due within 30 days, soonest first.
    let dates: Vec<&str> = entries.as_array().unwrap().iter().map(|e| e["next_due"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    assert!(dates.iter().all(|d| *d <= "2026-12-24"));
}

/// Case 2: had its Reg 44 reports shown the manager staying and no child
/// going missing, Ashdown House would be tier 3, next due 91 days after its
/// last visit; what they do show brings the visit forward seven weeks.
#[test]
fn reg44_reports_bring_case_2s_visit_forward() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("county.db");
    run(&["demo", "--scale", "county", "--seed", "7", "--db", &db_arg(&path)]);
    let due_of = || {
        let (_, out, _) = run(&["due", "--within", "60", "--format", "json", "--db", &db_arg(&path)]);
        let entries: serde_json::Value = serde_json::from_str(&out).unwrap();
        let e = entries.as_array().unwrap().iter().find(|e| e["setting"] == "Ashdown House").unwrap().clone();
        (e["tier"].as_u64().unwrap(), e["next_due"].as_str().unwrap().to_string())
    };
    assert_eq!(due_of(), (2, "2026-10-29".to_string()));
    let conn = rusqlite::Connection::open(&path).unwrap();
    // The same reports, but saying the manager stayed and no child went missing.
    conn.execute_batch(
        "UPDATE reg44_reports SET manager_in_post = 1, missing_episodes = 0
         WHERE setting_id = (SELECT id FROM settings WHERE name = 'Ashdown House');
         UPDATE settings SET registered_manager = 'J. Example' WHERE name = 'Ashdown House';",
    )
    .unwrap();
    drop(conn);
    assert_eq!(due_of(), (3, "2026-12-17".to_string()), "91 days after its last visit on 2026-09-17");
}

/// A policy with the returns and score rules off, in `dir`: the hand-worked
/// cases rest on visits, reports, judgements, plans and overrides alone.
fn rules_of_visits(dir: &std::path::Path) -> String {
    let path = dir.join("visits-only.toml");
    std::fs::write(&path, "[triggers]\nreturns_missing = 0\nreturns_late = 0\nscore_fall_points = 0\n").unwrap();
    db_arg(&path)
}

#[test]
fn due_as_a_table_and_as_csv() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = db_arg(&dir.path().join("county.db"));
    let policy = rules_of_visits(dir.path());
    run(&["demo", "--scale", "county", "--seed", "7", "--db", &db]);
    let (code, table, _) = run(&["due", "--within", "0", "--db", &db, "--policy", &policy]);
    assert_eq!(code, 0);
    assert!(table.starts_with("setting"), "{table}");
    assert!(table.contains("Damson View"), "overdue settings are listed");
    assert!(!table.contains("Bluebell Fostering North West"), "not due until December");
    assert!(table.trim_end().ends_with("overdue"), "{table}");
    let (code, csv, _) = run(&["due", "--within", "30", "--format", "csv", "--db", &db]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&reader.headers().unwrap()[0], "setting");
    assert!(reader.records().count() > 10);
    let (code, _, err) = run(&["due", "--within", "-3", "--db", &db]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn ical_export_parses_and_keeps_uids_between_exports() {
    use icalendar::{Calendar, CalendarComponent, Component};
    let dir = tempfile::TempDir::new().unwrap();
    let db = db_arg(&dir.path().join("county.db"));
    run(&["demo", "--scale", "county", "--seed", "7", "--db", &db]);
    let uids = |file: &str| {
        let out = dir.path().join(file);
        let (code, said, err) = run(&["export", "ical", "--db", &db, "--out", &db_arg(&out)]);
        assert_eq!(code, 0, "{err}");
        assert!(said.starts_with("wrote "), "{said}");
        let calendar: Calendar = std::fs::read_to_string(&out).unwrap().parse().unwrap();
        let mut uids: Vec<String> = calendar
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => {
                    assert!(e.get_start().is_some() && e.get_summary().is_some_and(|s| !s.is_empty()));
                    Some(e.get_uid().unwrap().to_string())
                }
                _ => None,
            })
            .collect();
        uids.sort();
        uids
    };
    let first = uids("a.ics");
    let planned: i64 = rusqlite::Connection::open(dir.path().join("county.db"))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM visits WHERE completed_date IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(first.len() as i64, planned, "one event per planned visit");
    assert!(first.windows(2).all(|w| w[0] != w[1]), "UIDs are unique");
    assert_eq!(uids("b.ics"), first, "the same visits keep the same UIDs");
    let (code, _, err) = run(&["export", "ical", "--db", &db, "--out", "/nonexistent/visits.ics"]);
    assert_eq!(code, 1);
    assert!(err.contains("does not exist"), "{err}");
}
