//! What a key reads in the foreground (opening a setting, a provider, a
//! plan, a stop, a home's record; moving the cursor over the Reg 44 matrix)
//! never scans the big tables whole: every statement's query plan is looked
//! at, and none may SCAN visits, Reg 44 reports or findings. Whole-screen
//! readings, which go to the reader thread, are not keys and are not held to it.

mod common;

use common::{app, press, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::ui::app::App;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::sync::Mutex;

static TRACED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Held by each test while it traces: the trace hook is one for the process,
/// so two tests tracing at once would see each other's statements.
static TRACING: Mutex<()> = Mutex::new(());

fn trace(event: TraceEvent<'_>) {
    if let TraceEvent::Profile(stmt, _) = event
        && let Some(sql) = stmt.expanded_sql()
    {
        TRACED.lock().unwrap().push(sql);
    }
}

/// The statements `keys` run, with their query plans.
fn plans_of(app: &mut App, keys: &[KeyCode]) -> Vec<(String, String)> {
    app.store.trace(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(trace));
    for key in keys {
        press(app, *key);
    }
    app.store.trace(TraceEventCodes::empty(), None);
    let statements = std::mem::take(&mut *TRACED.lock().unwrap());
    statements
        .into_iter()
        .filter(|sql| sql.trim_start().to_uppercase().starts_with("SELECT") || sql.trim_start().starts_with("WITH"))
        .map(|sql| {
            let conn = common::sql(&app.store);
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let plan: Vec<String> =
                stmt.query_map([], |r| r.get::<_, String>(3)).unwrap().map(Result::unwrap).collect();
            (sql, plan.join(" / "))
        })
        .collect()
}

#[test]
fn keys_that_open_a_record_never_scan_visits_reports_or_findings() {
    let _alone = TRACING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (_dir, mut app) = app(Some(Scale::County));
    let mut checked = 0;
    // Each main screen is read first (the reader's work), then its keys are traced.
    for (tab, keys) in [
        ('2', vec![KeyCode::Enter, KeyCode::Esc, KeyCode::Down, KeyCode::Enter, KeyCode::Esc]),
        ('1', vec![KeyCode::Enter, KeyCode::Esc, KeyCode::Down, KeyCode::Enter, KeyCode::Esc]),
        ('6', vec![KeyCode::Enter, KeyCode::Esc]),
        ('7', vec![KeyCode::Enter, KeyCode::Esc]),
        ('4', vec![KeyCode::Right, KeyCode::Left, KeyCode::Down, KeyCode::Enter, KeyCode::Esc]),
    ] {
        type_text(&mut app, &tab.to_string());
        let plans = plans_of(&mut app, &keys);
        assert!(!plans.is_empty(), "tab {tab}: its keys read something");
        for (sql, plan) in &plans {
            for table in ["visits", "reg44_reports", "reg44_findings"] {
                let scan = plan
                    .split(" / ")
                    .any(|step| step == format!("SCAN {table}") || step.starts_with(&format!("SCAN {table} ")));
                assert!(!scan, "tab {tab}: a key scans {table}:\n{sql}\n{plan}");
            }
            checked += 1;
        }
    }
    figures!(
        "query plans: {checked} statements run by keys that open records, none scanning visits, reports or findings"
    );
}

#[test]
fn every_settings_last_visit_is_one_step_down_its_visits() {
    // Not a window over every visit (that took 105 ms on the national demo).
    let _alone = TRACING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (_dir, app) = app(Some(Scale::County));
    app.store.trace(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(trace));
    app.store.monitoring_rows(&app.policy, common::today()).unwrap();
    app.store.trace(TraceEventCodes::empty(), None);
    let statements = std::mem::take(&mut *TRACED.lock().unwrap());
    let last_visit = statements
        .iter()
        .find(|sql| sql.contains("FROM visits") && sql.contains("LIMIT 1"))
        .expect("the last-visit query");
    let conn = common::sql(&app.store);
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {last_visit}")).unwrap();
    let plan: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap().map(Result::unwrap).collect();
    assert!(plan.iter().any(|step| step.starts_with("SEARCH visits USING INDEX")), "{plan:?}");
    assert!(!plan.iter().any(|step| step.starts_with("SCAN visits")), "{plan:?}");
}
