//! Two people, one file: stale saves refused with who and when, screens
//! refreshed when someone else commits, and the audit trail on screen.

mod common;

use common::{app, ctrl, db_arg, fill, filter, open, press, run, screen_text, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::domain::provider::Provider;
use oversight::domain::setting::Setting;
use oversight::store::Stored;
use oversight::ui::app::{App, Overlay};

fn ashdown(app: &App) -> Stored<Setting> {
    let id: i64 = common::sql(&app.store)
        .query_row("SELECT id FROM settings WHERE name = 'Ashdown House'", [], |r| r.get(0))
        .unwrap();
    app.store.get(id).unwrap()
}

/// An app on the county demo with Ashdown House's edit form open, its places typed as 5.
fn editing_ashdowns_places() -> (tempfile::TempDir, oversight::ui::app::App) {
    let (dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "2");
    filter(&mut app, "Ashdown House");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "E");
    fill(&mut app, "places", "5");
    (dir, app)
}

#[test]
fn a_save_over_someone_elses_change_is_refused_and_can_be_reloaded() {
    let (dir, mut app) = editing_ashdowns_places();

    // Meanwhile, another officer saves the same setting from their own session.
    let mut other = open(&dir.path().join("oversight.db"));
    other.set_user("bmorris");
    let s = ashdown(&app);
    other.update(s.id, s.version, &Setting { places: Some(6), ..s.value.clone() }).unwrap();

    ctrl(&mut app, 's');
    let text = screen_text(&app, 120, 40);
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "the form stays open");
    assert!(text.contains("changed by bmorris at"), "{text}");
    assert!(text.contains("Ctrl-R reloads"), "{text}");
    assert_eq!(ashdown(&app).value.places, Some(6), "the other officer's change stands");

    ctrl(&mut app, 'r');
    assert!(app.overlay.is_none());
    assert!(app.status.as_ref().unwrap().text.starts_with("Reloaded"));
    type_text(&mut app, "E");
    fill(&mut app, "places", "5");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved once reloaded: {}", screen_text(&app, 120, 40));
    assert_eq!(ashdown(&app).value.places, Some(5));
}

#[test]
fn screens_refresh_when_another_process_commits() {
    let (dir, mut app) = app(Some(Scale::Small));
    type_text(&mut app, "1");
    assert!(!app.poll_others(), "nothing changed, nothing reloaded");
    assert!(app.status.is_none());
    let mut other = open(&dir.path().join("oversight.db"));
    other
        .insert(&Provider {
            name: "Zenith Care Ltd".into(),
            contact: String::new(),
            notes: String::new(),
            archived_on: None,
        })
        .unwrap();
    assert!(!screen_text(&app, 120, 40).contains("Zenith Care Ltd"));
    assert!(app.poll_others());
    assert!(screen_text(&app, 120, 40).contains("Zenith Care Ltd"), "shown without a key pressed");
    assert_eq!(app.status.as_ref().unwrap().text, "Updated with changes saved by someone else");
}

#[test]
fn the_audit_trail_shows_each_change_with_before_and_after() {
    let (dir, mut app) = editing_ashdowns_places();
    ctrl(&mut app, 's');
    type_text(&mut app, "a");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Audit trail of Setting, Ashdown House"), "named in words, not by table and id:\n{text}");
    assert!(text.contains("tester") && text.contains("places: 3 → 5"), "{text}");
    // The whole trail, filtered by person.
    type_text(&mut app, "9");
    filter(&mut app, "tester");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("1 of 1"), "{text}");
    // And out as CSV, escaped.
    let (code, csv, err) = run(&["export", "csv", "audit", "--db", &db_arg(&dir.path().join("oversight.db"))]);
    assert_eq!(code, 0, "{err}");
    assert!(csv.starts_with("id,at,user,action,entity,entity_id,before,after"), "{csv}");
    assert!(csv.contains(",tester,update,settings,"), "the export keeps the raw form: {csv}");
    assert!(csv.contains(r#""places"":5"#), "{csv}");
}
