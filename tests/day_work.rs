//! A day's work without surprises: the results that were wrong when the two
//! real cases were played end to end, each played again through the App.

mod common;

use common::{app, choose, fill, filter, form, press, save, screen_text, select_row, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::domain::officer::Officer;
use oversight::ui::app::App;

const PROVIDER: &str = "Redwood Youth Pathways Ltd";

fn count(app: &App, sql: &str) -> i64 {
    common::sql(&app.store).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Issues a placement stop on the whole provider and opens it.
fn stop_redwood(app: &mut App) {
    type_text(app, "1");
    filter(app, PROVIDER);
    press(app, KeyCode::Enter);
    type_text(app, "S");
    fill(app, "reason", "Young people's files lack the paperwork the contract requires.");
    save(app);
    type_text(app, "7");
    select_row(app, PROVIDER);
    press(app, KeyCode::Enter);
}

#[test]
fn a_child_recorded_as_moving_leaves_on_the_review_day_when_no_other_is_given() {
    let (_dir, mut app) = app(Some(Scale::County));
    stop_redwood(&mut app);
    select_row(&mut app, "LAC-0097");
    type_text(&mut app, "r");
    choose(&mut app, "outcome", "moves");
    save(&mut app);
    let ended: Option<String> = common::sql(&app.store)
        .query_row("SELECT end_date FROM placements WHERE child_ref = 'LAC-0097'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ended.as_deref(), Some(common::TODAY), "the move ended the placement");
    assert!(app.status.as_ref().unwrap().text.contains("placement ended on 2026-11-24"));
    let placed = count(&app, "SELECT COUNT(*) FROM placements WHERE child_ref = 'LAC-0097' AND end_date IS NULL");
    assert_eq!(placed, 0, "no longer counted as placed");
}

#[test]
fn a_lifted_stops_notice_says_so_with_why_the_conditions_and_who_to_call() {
    let (dir, mut app) = app(Some(Scale::County));
    app.officer = Some(Officer {
        name: "A. Khan".into(),
        role: "Contracts Officer".into(),
        email: "a.khan@marlshire.gov.uk".into(),
        phone: "01632 960123".into(),
    });
    stop_redwood(&mut app);
    type_text(&mut app, "l");
    fill(&mut app, "reason", "Files complete and audited at a second visit.");
    fill(&mut app, "conditions", "Monthly file audit for six months.");
    save(&mut app);
    type_text(&mut app, "N");
    let file = dir.path().join("notice.md");
    fill(&mut app, "file", file.to_str().unwrap());
    save(&mut app);
    let md = std::fs::read_to_string(&file).unwrap();
    for needle in [
        "**Lifted on 2026-11-24.**",
        "until 2026-11-24, when the stop was lifted",
        "Files complete and audited at a second visit.",
        "Monthly file audit for six months.",
        "A. Khan, Contracts Officer, Marlshire, a.khan@marlshire.gov.uk, 01632 960123",
    ] {
        assert!(md.contains(needle), "{needle}\n{md}");
    }
    assert!(!md.contains("has stopped making") && !md.contains("will be reviewed"), "{md}");
}

#[test]
fn every_way_of_requesting_a_plan_records_the_same_first_line_of_history() {
    let (_dir, mut app) = app(Some(Scale::County));
    // From a setting (L) and from the Plans screen (n).
    type_text(&mut app, "2");
    filter(&mut app, "Victoria Road Project, Worcester");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "L");
    fill(&mut app, "title", "Files and risk assessments");
    save(&mut app);
    type_text(&mut app, "6");
    type_text(&mut app, "n");
    fill(&mut app, "title", "Staffing at night");
    save(&mut app);
    let notes: Vec<String> = {
        let conn = common::sql(&app.store);
        let mut stmt = conn
            .prepare(
                "SELECT e.note FROM plan_events e JOIN plans p ON p.id = e.plan_id
                 WHERE p.title IN ('Files and risk assessments', 'Staffing at night') ORDER BY p.id",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(notes.len(), 2, "{:?}", {
        let conn = common::sql(&app.store);
        let mut stmt = conn.prepare("SELECT title FROM plans ORDER BY id DESC LIMIT 3").unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect::<Vec<_>>()
    });
    for note in &notes {
        assert!(note.starts_with("requested") && note.contains("due back by"), "{notes:?}");
    }
}

#[test]
fn an_exports_file_name_follows_its_format_and_an_existing_file_is_never_overwritten_unasked() {
    let (dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "7");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "N");
    let md = dir.path().join("stop.md");
    fill(&mut app, "file", md.to_str().unwrap());
    choose(&mut app, "format", "json");
    let file = form(&app).fields.iter().find(|f| f.key == "file").unwrap().value();
    assert_eq!(file, dir.path().join("stop.json").display().to_string(), "the extension follows the format");
    std::fs::write(dir.path().join("stop.json"), "keep me").unwrap();
    common::ctrl(&mut app, 's');
    assert!(app.overlay.is_some(), "asked before writing over the file");
    assert!(screen_text(&app, 120, 40).contains("⚠ "), "asked as a question");
    assert!(screen_text(&app, 120, 40).contains("exists: Ctrl-S again writes over it"));
    assert!(form(&app).question.is_some() && form(&app).general_error.is_none(), "a question, not an error");
    assert_eq!(std::fs::read_to_string(dir.path().join("stop.json")).unwrap(), "keep me");
    save(&mut app);
    let written = std::fs::read_to_string(dir.path().join("stop.json")).unwrap();
    assert!(written.contains("oversight.stop-notice"), "written on the second Ctrl-S: {written}");
}

#[test]
fn text_beyond_a_fields_width_stays_in_sight_and_long_text_wraps_over_lines() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1");
    filter(&mut app, PROVIDER);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "R"); // raise a concern: its description is long text
    common::focus(&mut app, "description");
    let words = "Young people's files lack risk assessments, placement plans and the record of \
                 every missing episode since the summer; the manager could not find them";
    // Drawn after every key, as the terminal is.
    for c in words.chars() {
        type_text(&mut app, &c.to_string());
        common::draw(&app, 80, 24);
    }
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("Young people's files lack"), "the start wraps in view:\n{screen}");
    assert!(
        screen.contains("episode since the summer") && screen.contains("find them"),
        "and so does the end:\n{screen}"
    );
    press(&mut app, KeyCode::Enter); // a new line, not the next field
    type_text(&mut app, "Second line.");
    assert_eq!(form(&app).fields[form(&app).focus].key, "description");
    let typed = form(&app).fields.iter().find(|f| f.key == "description").unwrap().value();
    assert_eq!(typed, format!("{words}\nSecond line."));
    save(&mut app);
    let stored: String = common::sql(&app.store)
        .query_row("SELECT description FROM concerns ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, format!("{words}\nSecond line."));

    // A one-line field scrolls sideways: the end of what is typed shows.
    type_text(&mut app, "1");
    type_text(&mut app, "n");
    let name = "The Extremely Long Name of a Provider That Runs Children's Homes Across the West Midlands Ltd";
    type_text(&mut app, name);
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("West Midlands Ltd"), "the end of the name is in sight:\n{screen}");
}

#[test]
fn a_stop_names_the_concern_and_visit_it_came_from_and_opens_each() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "7");
    select_row(&mut app, "Brookvale");
    press(&mut app, KeyCode::Enter);
    let (concern, visit): (String, String) = common::sql(&app.store)
        .query_row(
            "SELECT c.raised_on, COALESCE(v.completed_date, v.planned_date) FROM stops s
             JOIN concerns c ON c.id = s.concern_id JOIN visits v ON v.id = s.visit_id
             JOIN providers p ON p.id = s.provider_id WHERE p.name LIKE 'Brookvale%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains(&format!("Issued from: concern of {concern} (C) · visit of {visit} (V)")), "{screen}");
    type_text(&mut app, "C");
    let screen = screen_text(&app, 120, 40);
    assert!(
        screen.contains(&format!("Raised {concern}")) || screen.contains(&concern),
        "the concern opened:\n{screen}"
    );
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "V");
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains(&format!("▶ {visit}")), "the setting opened on the visit:\n{screen}");

    // A stop issued straight from the provider names neither.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    stop_redwood(&mut app);
    type_text(&mut app, "C");
    assert!(app.status.as_ref().unwrap().text.contains("not issued from a recorded concern"));
}
