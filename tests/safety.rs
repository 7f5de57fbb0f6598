//! Data safety, proven with figures: child processes killed at seeded random
//! moments leave whole databases with every change all or nothing; two
//! processes editing the same records lose nothing silently; backups taken
//! while another process writes are whole; and restore keeps what it
//! replaces. Set OVERSIGHT_SAFETY_ROUNDS for a longer run (default 24 kills).

mod common;

use common::{database, db_arg, open, run};
use oversight::domain::setting::Setting;
use oversight::store::Store;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Starts this test binary again as a child doing `mode` on `db`.
fn spawn(mode: &str, db: &Path, seed: u64, log: Option<&Path>) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["child", "--exact", "--nocapture", "--test-threads=1"])
        .env("OVERSIGHT_CHILD", mode)
        .env("OVERSIGHT_CHILD_DB", db)
        .env("OVERSIGHT_CHILD_SEED", seed.to_string())
        .env("OVERSIGHT_CHILD_LOG", log.map(|l| l.display().to_string()).unwrap_or_default())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// What a child does when this binary is started by `spawn`; nothing otherwise.
#[test]
fn child() {
    let Ok(mode) = std::env::var("OVERSIGHT_CHILD") else { return };
    let db = PathBuf::from(std::env::var("OVERSIGHT_CHILD_DB").unwrap());
    let seed: u64 = std::env::var("OVERSIGHT_CHILD_SEED").unwrap().parse().unwrap();
    match mode.as_str() {
        "demo" => {
            let mut store = Store::open(&db, common::today()).unwrap();
            oversight::demo::generate(&mut store, oversight::demo::Scale::County, seed).unwrap();
        }
        "edits" => edits(&db, seed, 2_000, 10, None),
        "concurrent" => {
            let log = PathBuf::from(std::env::var("OVERSIGHT_CHILD_LOG").unwrap());
            edits(&db, seed, 500, 6, Some(&log));
        }
        other => panic!("unknown child mode {other}"),
    }
}

/// `count` edits, each reading a setting then saving it with its version,
/// over the first `spread` settings; each outcome logged when asked.
fn edits(db: &Path, seed: u64, count: usize, spread: i64, log: Option<&Path>) {
    let mut store = open(db);
    store.set_user(format!("child-{seed}"));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut log = log.map(|l| std::fs::OpenOptions::new().create(true).append(true).open(l).unwrap());
    for n in 0..count {
        let id = rng.random_range(1..=spread);
        let s = store.get::<Setting>(id).unwrap();
        if log.is_some() {
            std::thread::sleep(Duration::from_micros(rng.random_range(0..1500)));
        }
        let next = Setting { places: Some((n % 40) as u32 + 1), ..s.value.clone() };
        let line = match store.update(id, s.version, &next) {
            Ok(saved) => format!("ok {id} {}", saved.version),
            Err(e @ oversight::store::StoreError::Conflict { .. }) => format!("refused {id} {e}"),
            Err(e) => format!("error {id} {e}"),
        };
        if let Some(f) = log.as_mut() {
            writeln!(f, "{line}").unwrap();
        }
    }
}

/// A database's health and every table's fingerprint but the audit trail's.
fn state(db: &Path) -> (bool, String) {
    let store = Store::open(db, common::today()).unwrap();
    let health = store.health().unwrap();
    let prints: Vec<String> =
        health.tables.iter().filter(|(t, ..)| *t != "audit").map(|(t, n, f)| format!("{t}:{n}:{f:?}")).collect();
    (health.is_ok(), prints.join(" "))
}

fn count(db: &Path, sql: &str) -> i64 {
    common::sql(&open(db)).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Every setting's version moved once per audited change of it.
fn edits_whole(db: &Path) -> bool {
    let conn = common::sql(&open(db));
    let mut stmt = conn
        .prepare(
            "SELECT s.version - 1, (SELECT COUNT(*) FROM audit a WHERE a.entity = 'settings' AND a.entity_id = s.id
                                    AND a.action = 'update') FROM settings s",
        )
        .unwrap();
    stmt.query_map([], |r| Ok(r.get::<_, i64>(0)? == r.get::<_, i64>(1)?)).unwrap().all(|ok| ok.unwrap())
}

fn large_ofsted_file(dir: &Path) -> PathBuf {
    let mut text = String::from(
        "URN,Provision type,Registration status,Local authority,Organisation which owns the provider,Latest full inspection date,Overall effectiveness\n",
    );
    for n in 0..20_000 {
        text.push_str(&format!(
            "SC{:06},Children's home,Active,Walsall,Owner {},01/02/2025,Good\n",
            400_000 + n,
            n % 2000
        ));
    }
    let file = dir.join("large.csv");
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn killing_work_at_random_moments_never_leaves_half_a_change() {
    let rounds: usize = std::env::var("OVERSIGHT_SAFETY_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(24);
    let mut rng = ChaCha8Rng::seed_from_u64(20261124);
    let dir = tempfile::TempDir::new().unwrap();
    let file = large_ofsted_file(dir.path());
    // The state a finished import leaves, to tell "all" from "part".
    let (_keep, template) = database(Some(oversight::demo::Scale::Small));
    let finished = dir.path().join("finished.db");
    std::fs::copy(&template, &finished).unwrap();
    assert_eq!(run(&["import", "ofsted", file.to_str().unwrap(), "--db", &db_arg(&finished)]).0, 0);
    let (before_import, after_import) = (state(&template).1, state(&finished).1);
    let full_demo = {
        let db = dir.path().join("full-demo.db");
        let mut store = Store::open(&db, common::today()).unwrap();
        oversight::demo::generate(&mut store, oversight::demo::Scale::County, 3).unwrap();
        state(&db).1
    };

    let (mut kills, mut unfinished, mut integrity_failures, mut partial) = (0, 0, 0, 0);
    for round in 0..rounds {
        let db = dir.path().join(format!("round-{round}.db"));
        let workload = ["demo", "import", "edits"][round % 3];
        if workload != "demo" {
            std::fs::copy(&template, &db).unwrap();
        }
        let mut child = match workload {
            "import" => Command::new(env!("CARGO_BIN_EXE_oversight"))
                .args(["--today", common::TODAY, "import", "ofsted", file.to_str().unwrap(), "--db", &db_arg(&db)])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
            mode => spawn(mode, &db, 3, None),
        };
        std::thread::sleep(Duration::from_millis(rng.random_range(5..400)));
        if child.try_wait().unwrap().is_none() {
            unfinished += 1;
        }
        child.kill().ok(); // SIGKILL
        child.wait().unwrap();
        kills += 1;
        if !db.exists() {
            continue; // killed before it created the file
        }
        let (healthy, now) = state(&db);
        integrity_failures += usize::from(!healthy);
        let whole = match workload {
            "demo" => {
                count(&db, "SELECT COUNT(*) FROM providers") == 0 && count(&db, "SELECT COUNT(*) FROM audit") == 0
                    || now == full_demo
            }
            "import" => now == before_import || now == after_import,
            _ => edits_whole(&db),
        };
        partial += usize::from(!whole);
    }
    figures!(
        "crash suite: {kills} kills ({unfinished} mid-work), {integrity_failures} integrity failures, {partial} partial changes"
    );
    assert!(kills >= 20);
    assert!(unfinished * 2 >= kills, "most kills land mid-work ({unfinished} of {kills})");
    assert_eq!((integrity_failures, partial), (0, 0));
}

#[test]
fn two_processes_editing_the_same_records_lose_nothing_silently() {
    let (dir, db) = database(Some(oversight::demo::Scale::Small));
    let versions_before: Vec<i64> =
        (1..=6).map(|id| count(&db, &format!("SELECT version FROM settings WHERE id = {id}"))).collect();
    let logs = [dir.path().join("one.log"), dir.path().join("two.log")];
    let mut children: Vec<Child> =
        logs.iter().enumerate().map(|(n, log)| spawn("concurrent", &db, n as u64 + 1, Some(log))).collect();
    for c in &mut children {
        assert!(c.wait().unwrap().success());
    }
    let lines: Vec<String> = logs
        .iter()
        .flat_map(|l| std::fs::read_to_string(l).unwrap().lines().map(String::from).collect::<Vec<_>>())
        .collect();
    let applied = lines.iter().filter(|l| l.starts_with("ok ")).count();
    let refused = lines.iter().filter(|l| l.starts_with("refused ")).count();
    let errors = lines.iter().filter(|l| l.starts_with("error ")).count();
    let explained = lines
        .iter()
        .filter(|l| {
            l.starts_with("refused ") && l.contains("was changed by child-") && l.contains("since you opened it")
        })
        .count();
    let mut lost = 0;
    for (i, id) in (1..=6).enumerate() {
        let oks = lines.iter().filter(|l| l.starts_with(&format!("ok {id} "))).count() as i64;
        let moved = count(&db, &format!("SELECT version FROM settings WHERE id = {id}")) - versions_before[i];
        let audited = count(
            &db,
            &format!("SELECT COUNT(*) FROM audit WHERE entity = 'settings' AND entity_id = {id} AND action = 'update'"),
        );
        lost += (moved - oks).abs() + (audited - oks).abs();
    }
    figures!(
        "concurrency suite: {} edits, {applied} applied, {refused} refused with the message ({explained} naming who), {errors} errors, {lost} lost",
        lines.len()
    );
    assert_eq!(lines.len(), 1000);
    assert_eq!(applied + refused, 1000);
    assert!(refused > 0, "the processes did overlap");
    assert_eq!((errors, lost, explained), (0, 0, refused));
}

#[test]
fn a_backup_taken_while_another_process_writes_is_whole_and_restores() {
    let (dir, db) = database(Some(oversight::demo::Scale::County));
    let mut writer = spawn("edits", &db, 9, None);
    std::thread::sleep(Duration::from_millis(100));
    let copy = dir.path().join("copy.db");
    let (code, _, err) = run(&["backup", "--out", &db_arg(&copy), "--db", &db_arg(&db)]);
    writer.wait().unwrap();
    assert_eq!(code, 0, "{err}");
    let (healthy, _) = state(&copy);
    assert!(healthy);
    assert!(edits_whole(&copy), "the copy holds whole edits only");

    // Restore asks unless told; it checks the backup and keeps what it replaces.
    let (code, _, err) = run(&["restore", &db_arg(&copy), "--db", &db_arg(&db)]);
    assert_eq!(code, 1, "no terminal to ask on: {err}");
    assert!(err.contains("--yes"), "{err}");
    let edited_places = count(&db, "SELECT SUM(places) FROM settings");
    let (code, out, err) = run(&["restore", &db_arg(&copy), "--yes", "--db", &db_arg(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("kept as"), "{out}");
    let bak = PathBuf::from(format!("{}.bak", db.display()));
    assert_eq!(count(&bak, "SELECT SUM(places) FROM settings"), edited_places, "the replaced database is kept whole");
    assert_eq!(state(&db).1, state(&copy).1, "the database is now the backup");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&db).unwrap().permissions().mode() & 0o777, 0o600);
    // A damaged backup is refused before anything is touched.
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, b"SQLite format 3\0 but not really").unwrap();
    let before = state(&db).1;
    let (code, _, err) = run(&["restore", &db_arg(&damaged), "--yes", "--db", &db_arg(&db)]);
    assert_ne!(code, 0);
    assert!(!err.is_empty());
    assert_eq!(state(&db).1, before);
}

#[test]
fn a_database_deleted_while_open_refuses_to_save_rather_than_lose_the_change() {
    let (_dir, db) = database(Some(oversight::demo::Scale::Small));
    let mut store = open(&db);
    let s = store.get::<Setting>(1).unwrap();
    std::fs::remove_file(&db).unwrap();
    let err = store.update(1, s.version, &Setting { places: Some(9), ..s.value.clone() }).unwrap_err();
    assert!(err.to_string().contains("was deleted or replaced while Oversight had it open"), "{err}");
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn output_that_cannot_be_written_is_an_error_not_a_crash() {
    let (_dir, db) = database(Some(oversight::demo::Scale::Small));
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_oversight"))
        .args(["--today", common::TODAY, "export", "csv", "settings", "--db", &db_arg(&db)])
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write the output: No space left on device"), "{err}");
    assert!(!err.contains("panicked"));
}
