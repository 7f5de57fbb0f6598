//! A seeded monkey: the whole App on a TestBackend, at 80×24 and 120×40,
//! driven by tens of thousands of random keys weighted towards those that
//! open forms and save them. Nothing may panic; every change saved must be in
//! the audit trail, version for version; the database must pass SQLite's
//! `integrity_check` and `foreign_key_check`. Its figures are printed.
//!
//! This file holds one test on purpose: it moves the process into a temp
//! folder, so that exports the monkey writes (a notice, a pack) land there.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use oversight::demo::Scale;
use oversight::store::audit::NOUNS;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;
use std::collections::HashMap;

/// Keys per terminal size.
const KEYS: usize = 15_000;
/// Keys between changes of terminal size.
const SPELL: usize = 500;
/// Keys typed into one form before giving up on it.
const GIVE_UP: usize = 40;

/// Keys the monkey presses, with their weights.
fn alphabet() -> Vec<(KeyEvent, u32)> {
    use KeyCode::*;
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let ctrl = |c| KeyEvent::new(Char(c), KeyModifiers::CONTROL);
    let mut keys: Vec<(KeyEvent, u32)> = vec![
        (plain(Enter), 40),
        (plain(Esc), 25),
        (plain(Tab), 15),
        (plain(BackTab), 5),
        (plain(Up), 12),
        (plain(Down), 20),
        (plain(Left), 10),
        (plain(Right), 10),
        (plain(PageUp), 3),
        (plain(PageDown), 3),
        (plain(Home), 3),
        (plain(End), 3),
        (plain(Backspace), 8),
        (plain(Delete), 2),
        (ctrl('s'), 40),
        (ctrl('n'), 4),
        (ctrl('c'), 1),
        (ctrl('x'), 1),
    ];
    for c in ('a'..='z').chain('0'..='9').chain(" -/.,:@[]<>+?!£'\"".chars()) {
        keys.push((plain(Char(c)), 6));
    }
    for c in 'A'..='Z' {
        keys.push((KeyEvent::new(Char(c), KeyModifiers::SHIFT), 4));
    }
    // Confirming is how archiving, lifting and imports happen.
    keys.push((plain(Char('y')), 20));
    keys
}

fn pick<'a>(rng: &mut ChaCha8Rng, keys: &'a [(KeyEvent, u32)], total: u32) -> &'a KeyEvent {
    let mut n = rng.random_range(0..total);
    for (key, weight) in keys {
        if n < *weight {
            return key;
        }
        n -= weight;
    }
    &keys[0].0
}

/// Every audited table's rows: id → version.
fn versions(conn: &Connection) -> HashMap<(&'static str, i64), i64> {
    let mut out = HashMap::new();
    for (table, _) in NOUNS {
        let mut stmt = conn.prepare(&format!("SELECT id, version FROM {table}")).unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))).unwrap();
        for row in rows {
            let (id, version) = row.unwrap();
            out.insert((*table, id), version);
        }
    }
    out
}

/// The audit rows written after `since`: (table, id) → actions.
fn trail(conn: &Connection, since: i64) -> HashMap<(String, i64), Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT entity, entity_id, action FROM audit WHERE id > ?1 AND entity_id IS NOT NULL").unwrap();
    let mut out: HashMap<(String, i64), Vec<String>> = HashMap::new();
    let rows = stmt.query_map([since], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get(2)?))).unwrap();
    for row in rows {
        let (entity, id, action) = row.unwrap();
        out.entry((entity, id)).or_default().push(action);
    }
    out
}

#[test]
fn thousands_of_random_keys_never_panic_and_every_change_is_audited() {
    let (dir, mut app) = common::app(Some(Scale::County));
    std::env::set_current_dir(dir.path()).unwrap();
    let before = versions(&common::sql(&app.store));
    let since: i64 =
        common::sql(&app.store).query_row("SELECT COALESCE(MAX(id), 0) FROM audit", [], |r| r.get(0)).unwrap();

    let keys = alphabet();
    let total: u32 = keys.iter().map(|(_, w)| w).sum();
    let mut rng = ChaCha8Rng::seed_from_u64(44);
    let sizes = [(80, 24), (120, 40)];
    let (mut pressed, mut forms, mut quits, mut errors) = (0usize, 0usize, 0usize, 0usize);
    let mut screens = std::collections::BTreeSet::new();
    let mut recent: Vec<KeyEvent> = Vec::new();
    // Keys a form has been open for: a monkey that has typed long enough into
    // one gives up on it (Esc, then y to discard), as a person would.
    let mut in_form = 0;
    let mut next: Vec<KeyEvent> = Vec::new();
    for n in 0..KEYS * sizes.len() {
        let (width, height) = sizes[(n / SPELL) % sizes.len()];
        let key = next.pop().unwrap_or_else(|| *pick(&mut rng, &keys, total));
        let form_before = app.overlay.is_some();
        recent.push(key);
        if recent.len() > 40 {
            recent.remove(0);
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            app.key(key);
            common::draw(&app, width, height);
        }));
        if outcome.is_err() {
            panic!("panicked on key {n} at {width}×{height}; the last keys were {recent:?}");
        }
        pressed += 1;
        if app.quit {
            quits += 1;
            app.quit = false;
        }
        forms += usize::from(app.overlay.is_some());
        in_form = if app.overlay.is_some() { in_form + 1 } else { 0 };
        if !form_before && app.overlay.is_some() && rng.random_bool(0.3) {
            // Often a form's defaults are all it needs.
            next.push(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        } else if in_form > GIVE_UP {
            next.extend([KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE), KeyEvent::from(KeyCode::Esc)]);
            in_form = 0;
        }
        errors += usize::from(app.status.as_ref().is_some_and(|s| s.error));
        screens.insert(app.breadcrumb().join(" › "));
    }

    // Every change saved is in the trail, version for version.
    let conn = common::sql(&app.store);
    let after = versions(&conn);
    let trail = trail(&conn, since);
    let (mut added, mut changed, mut deleted) = (0, 0, 0);
    for (&(table, id), &version) in &after {
        let actions = trail.get(&(table.to_string(), id)).map_or(&[][..], Vec::as_slice);
        let inserts = actions.iter().filter(|a| *a == "insert").count() as i64;
        let updates = actions.iter().filter(|a| !matches!(a.as_str(), "insert" | "delete")).count() as i64;
        match before.get(&(table, id)) {
            None => {
                assert_eq!(inserts, 1, "{table} #{id} was added without its audit row: {actions:?}");
                assert_eq!(updates, version - 1, "{table} #{id} at version {version}: {actions:?}");
                added += 1;
            }
            Some(&was) => {
                assert_eq!(updates, version - was, "{table} #{id} went from version {was} to {version}: {actions:?}");
                changed += usize::from(version > was);
            }
        }
    }
    for &(table, id) in before.keys().filter(|k| !after.contains_key(k)) {
        let actions = trail.get(&(table.to_string(), id)).map_or(&[][..], Vec::as_slice);
        assert!(actions.iter().any(|a| a == "delete"), "{table} #{id} vanished without a trace: {actions:?}");
        deleted += 1;
    }
    for (table, id) in trail.keys() {
        let known = NOUNS.iter().any(|(t, _)| t == table);
        assert!(known, "an audit row names {table} #{id}, which is not an audited table");
    }
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let broken: i64 = conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "rows point at records that are not there");

    let rows: usize = trail.values().map(Vec::len).sum();
    figures!(
        "monkey: {pressed} keys at 80×24 and 120×40 (seed 44), {} places seen, a form open after {forms} of them, \
         {errors} refusals said, {quits} quits ignored; {rows} audit rows: {added} records added, {changed} changed, \
         {deleted} deleted, each matched version for version; integrity_check ok, foreign_key_check clean",
        screens.len()
    );
    assert!(added + changed > 20, "the monkey saved too little to prove anything: {added} added, {changed} changed");
}
