//! The returns providers owe: the report for a quarter against a plain
//! reading of the tables, and recording one on the Returns screen.

mod common;

use common::{app, press, run, screen_text, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use std::collections::BTreeMap;
use tempfile::TempDir;

const TODAY: &str = "2026-12-01";

fn county(dir: &TempDir) -> String {
    let db = dir.path().join("seed7.db").display().to_string();
    let (code, _, err) = run(&["demo", "--db", &db, "--scale", "county", "--seed", "7", "--today", TODAY]);
    assert_eq!(code, 0, "{err}");
    db
}

#[test]
fn a_quarters_report_agrees_with_the_returns_received_and_the_due_days() {
    let dir = TempDir::new().unwrap();
    let db = county(&dir);
    let (code, out, err) =
        run(&["report", "returns", "--quarter", "2026-Q3", "--format", "csv", "--db", &db, "--today", TODAY]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() > 10, "{out}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    // Each row's state, read plainly: the quarter ended 30 September, so its
    // returns were due 30 days later, on 30 October; a report run on
    // 1 December finds none awaited.
    let mut by_state: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        let (provider, kind, period, due, state, received) = (&row[0], &row[2], &row[3], &row[4], &row[5], &row[6]);
        assert_eq!((period, due), ("2026-Q3", "2026-10-30"), "{row:?}");
        let code = if kind.starts_with("Supported") { "supported_accommodation" } else { "fostering_review" };
        let stored: Option<String> = conn
            .query_row(
                "SELECT r.received_on FROM provider_returns r JOIN providers p ON p.id = r.provider_id
                 WHERE p.name = ?1 AND r.kind = ?2 AND r.period = '2026-Q3'",
                [provider, code],
                |r| r.get(0),
            )
            .ok();
        assert_eq!(stored.as_deref().unwrap_or(""), received, "{row:?}");
        let want = match stored.as_deref() {
            Some(on) if on <= "2026-10-30" => "received",
            Some(_) => "late",
            None => "missing",
        };
        assert_eq!(state, want, "{row:?}");
        *by_state.entry(state.to_string()).or_default() += 1;
    }
    // Every return received for the quarter is in the report.
    let received: i64 =
        conn.query_row("SELECT COUNT(*) FROM provider_returns WHERE period = '2026-Q3'", [], |r| r.get(0)).unwrap();
    assert_eq!((by_state.get("received").unwrap_or(&0) + by_state.get("late").unwrap_or(&0)) as i64, received);
    // Every supported accommodation provider with a child placed owes one.
    let placed: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT p.name FROM providers p JOIN settings s ON s.provider_id = p.id
             JOIN placements pl ON pl.setting_id = s.id
             WHERE s.kind = 'supported_accommodation' AND pl.start_date <= ?1 AND (pl.end_date IS NULL OR pl.end_date > ?1)",
        )
        .unwrap()
        .query_map([TODAY], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!placed.is_empty());
    for name in &placed {
        assert!(rows.iter().any(|r| &r[0] == name && r[2].starts_with("Supported")), "{name} owes a return");
    }
    // The five fostering agencies with the most children placed hold a review.
    let reviews = rows.iter().filter(|r| r[2].starts_with("Fostering")).count();
    assert_eq!(reviews, 5, "{out}");
    println!("2026-Q3: {by_state:?}, {} supported accommodation providers placed with", placed.len());

    // A quarter not yet begun, and one written wrongly, are refused.
    let (code, _, err) = run(&["report", "returns", "--quarter", "2027-Q1", "--db", &db, "--today", TODAY]);
    assert_eq!(code, 1);
    assert!(err.contains("2027-Q1 has not begun"), "{err}");
    let (code, _, err) = run(&["report", "returns", "--quarter", "2026-Q5", "--db", &db, "--today", TODAY]);
    assert_ne!(code, 0);
    assert!(err.contains("is not a quarter"), "{err}");
}

#[test]
fn a_return_recorded_on_the_screen_leaves_the_missing() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "g");
    type_text(&mut app, "e");
    assert_eq!(app.breadcrumb().last().map(String::as_str), Some("Returns"));
    common::snapshot_at("returns", &app, &[(120, 40)]);
    type_text(&mut app, "o"); // missing or late only
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Returns · missing or late"), "{text}");
    assert!(!text.contains("received 20"), "only those behind: {text}");
    let missing = |app: &oversight::ui::app::App| -> i64 {
        common::sql(&app.store).query_row("SELECT COUNT(*) FROM provider_returns", [], |r| r.get(0)).unwrap()
    };
    let before = missing(&app);
    // The first row is missing; record it with today's date.
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_some(), "Enter opens the form");
    common::ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {:?}", app.status);
    assert_eq!(missing(&app), before + 1);
    let said = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.starts_with("Added"), "{said}");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("L late"), "the return now shows late: {text}");
    // One recorded by mistake is deleted, after asking.
    type_text(&mut app, "d");
    assert!(screen_text(&app, 120, 40).contains("Delete the"), "asks first");
    type_text(&mut app, "y");
    assert_eq!(missing(&app), before, "{:?}", app.status);
}

#[test]
fn feedback_names_no_child_and_rates_only_a_child_placed_with_the_agency() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "g");
    type_text(&mut app, "f");
    assert_eq!(app.breadcrumb().last().map(String::as_str), Some("Feedback"));
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Practitioner feedback on the main fostering agencies"), "{text}");
    let conn = common::sql(&app.store);
    let count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT COUNT(*) FROM practitioner_feedback", [], |r| r.get(0)).unwrap()
    };
    let before = count(&conn);
    // The first row's agency and quarter, and a child placed there then.
    let agency = text
        .lines()
        .find(|l| l.contains('▶'))
        .unwrap()
        .split('▶')
        .nth(1)
        .unwrap()
        .trim()
        .split("  ")
        .next()
        .unwrap()
        .to_string();
    let child: String = conn
        .query_row(
            "SELECT p.child_ref FROM placements p JOIN settings s ON s.id = p.setting_id JOIN providers v ON v.id = s.provider_id
             WHERE v.name = ?1 AND p.start_date <= ?2 AND (p.end_date IS NULL OR p.end_date > '2026-10-01') LIMIT 1",
            [&agency, &common::TODAY.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    let fill = |app: &mut oversight::ui::app::App, child: &str, ratings: [&str; 3]| {
        press(app, KeyCode::Enter);
        type_text(app, child);
        press(app, KeyCode::Tab); // given by
        press(app, KeyCode::Tab); // given on: today
        for rating in ratings {
            press(app, KeyCode::Tab);
            type_text(app, rating);
        }
        common::ctrl(app, 's');
    };
    // A name is refused beside the field; so is a rating out of range.
    fill(&mut app, "Jamie Smith", ["4", "6", "3"]);
    let form = screen_text(&app, 120, 40);
    assert!(form.contains("never a name"), "{form}");
    assert!(form.contains("at most 5"), "{form}");
    assert_eq!(count(&conn), before);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    // A child not placed with the agency is refused.
    fill(&mut app, "LAC-9999", ["4", "5", "3"]);
    let form = screen_text(&app, 120, 40);
    assert!(form.contains("LAC-9999 was not placed with this agency"), "{form}");
    assert_eq!(count(&conn), before);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    // A child placed there is rated.
    fill(&mut app, &child, ["4", "5", "3"]);
    assert!(app.overlay.is_none(), "saved: {:?}", app.status);
    assert_eq!(count(&conn), before + 1);
    // Rated again by the same kind of practitioner: refused, and the rating stored opens to edit.
    fill(&mut app, &child, ["2", "2", "2"]);
    let said = common::form(&app).general_error.clone().unwrap_or_default();
    assert!(said.contains("already recorded") && said.contains("Ctrl-E opens it"), "{said}");
    common::ctrl(&mut app, 'e');
    let form = common::form(&app);
    assert!(form.title.starts_with("Edit feedback"), "{}", form.title);
    assert_eq!(form.fields.iter().find(|f| f.key == "stability").unwrap().value(), "5", "the stored rating");
}

#[test]
fn the_resources_panel_takes_a_young_person_by_reference_only() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "g");
    type_text(&mut app, "n");
    assert_eq!(app.breadcrumb().last().map(String::as_str), Some("Resources panel"));
    let conn = common::sql(&app.store);
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let cases = count("SELECT COUNT(*) FROM panel_cases");
    assert!(cases > 0, "the demo's panel has cases");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Supported Accommodation Resources Panel"), "{text}");
    // Bring a young person to this month's panel: a name is refused.
    type_text(&mut app, "n");
    assert!(app.overlay.is_some());
    press(&mut app, KeyCode::Tab); // provider
    press(&mut app, KeyCode::Tab); // young person
    type_text(&mut app, "Jamie Smith");
    common::ctrl(&mut app, 's');
    assert!(screen_text(&app, 120, 40).contains("never a name"));
    assert_eq!(count("SELECT COUNT(*) FROM panel_cases"), cases);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "n");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "SA-0901");
    press(&mut app, KeyCode::Tab); // at risk of
    press(&mut app, KeyCode::Tab); // details
    press(&mut app, KeyCode::Tab); // support agreed
    type_text(&mut app, "Tenancy support twice a week");
    common::ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {:?}", app.status);
    assert_eq!(count("SELECT COUNT(*) FROM panel_cases"), cases + 1);
    let month: String =
        conn.query_row("SELECT month FROM panel_cases WHERE child_ref = 'SA-0901'", [], |r| r.get(0)).unwrap();
    assert_eq!(month, &common::TODAY[..7], "this month's panel by default");
}

/// A return missing puts its setting in tier 2 with the return named; once
/// it comes (late) the reason goes, and a second late one in the year
/// brings the late-returns reason. Each step is read plainly from the table.
#[test]
fn a_missing_or_late_return_raises_the_tier_with_its_reason() {
    let dir = TempDir::new().unwrap();
    let db = county(&dir);
    let due = || -> Vec<serde_json::Value> {
        let (code, out, err) = run(&["due", "--within", "400", "--format", "json", "--db", &db, "--today", TODAY]);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap().as_array().unwrap().clone()
    };
    let reasons_of = |entries: &[serde_json::Value], name: &str| -> Vec<String> {
        let e = entries.iter().find(|e| e["setting"] == name).unwrap_or_else(|| panic!("{name} listed"));
        e["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()).collect()
    };
    let entries = due();
    let said = "missing: annual self-assessment for 2026 (due 2026-06-30)";
    let home = entries
        .iter()
        .find(|e| e["reasons"].as_array().unwrap().iter().any(|r| r == said))
        .map(|e| e["setting"].as_str().unwrap().to_string())
        .expect("a home missing its 2026 self-assessment");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (setting, provider): (i64, i64) = conn
        .query_row("SELECT id, provider_id FROM settings WHERE name = ?1", [&home], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let stored = |period: &str| -> i64 {
        conn.query_row(
            "SELECT COUNT(*) FROM provider_returns WHERE kind = 'self_assessment' AND setting_id = ?1 AND period = ?2",
            rusqlite::params![setting, period],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(stored("2026"), 0, "{home}: none stored for 2026");
    let entry = entries.iter().find(|e| e["setting"] == home.as_str()).unwrap();
    assert!(entry["tier"].as_u64().unwrap() <= 2, "tier 2 at least: {entry}");

    // It comes, ten days late: no longer missing.
    let add = |period: &str, received: &str| {
        conn.execute(
            "INSERT INTO provider_returns (kind, provider_id, setting_id, period, received_on)
             VALUES ('self_assessment', ?1, ?2, ?3, ?4)",
            rusqlite::params![provider, setting, period, received],
        )
        .unwrap();
    };
    add("2026", "2026-07-10");
    let reasons = reasons_of(&due(), &home);
    assert!(!reasons.iter().any(|r| r.contains("self-assessment for 2026")), "{reasons:?}");
    // Late returns received in the year to 1 December, read plainly: its own
    // self-assessments and its provider's returns of its kind (none: a home
    // owes only its self-assessment).
    let late: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM provider_returns WHERE setting_id = ?1 AND received_on > period || '-06-30'
               AND received_on > date(?2, '-365 days') AND received_on <= ?2",
            rusqlite::params![setting, TODAY],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(late, 1, "only the one just added");
    assert!(!reasons.iter().any(|r| r.contains("returns received late")), "one late is under the limit: {reasons:?}");
    // Last year's, had it come late within the year, makes two.
    conn.execute("DELETE FROM provider_returns WHERE setting_id = ?1 AND period = '2025'", [setting]).unwrap();
    add("2025", "2026-01-15");
    let reasons = reasons_of(&due(), &home);
    let want = "2 returns received late in the last year, from 2026-07-10 (the policy raises the tier at 2)";
    assert!(reasons.iter().any(|r| r == want), "{reasons:?}");
}
