//! The command line, run as a built binary with `--today` fixed.

mod common;

use assert_cmd::Command;
use common::TODAY;
use std::path::Path;

fn oversight() -> Command {
    let mut cmd = Command::cargo_bin("oversight").unwrap();
    cmd.env_remove("OVERSIGHT_DB").env("OVERSIGHT_USER", "tester").arg("--today").arg(TODAY);
    cmd
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = oversight().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn db_arg(path: &Path) -> String {
    path.display().to_string()
}

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
    assert!(
        check_a.starts_with("schema version 1 (this Oversight writes version 1)\nintegrity ok\nforeign keys ok\n"),
        "{check_a}"
    );
    for table in ["providers", "settings", "contracts", "inspections", "placements", "audit"] {
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
    assert!(!db.exists(), "check must not create a database");
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
    assert!(err.contains("schema version 99") && err.contains("versions up to 1"), "{err}");
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
    for word in ["demo", "check", "backup", "--db", "--today", "--policy", "--demo"] {
        assert!(out.contains(word), "{word} missing from help");
    }
}
