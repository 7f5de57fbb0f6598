//! Derived figures kept and shared (the dashboard's kept copy, the shared
//! monitoring rows), the data stamp that says when they stop being true, and
//! the reader thread that fills the screens.

mod common;

use common::{database, open, press, screen_text, today};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::domain::policy::Policy;
use oversight::store::maintenance::TABLES;
use oversight::store::{board, monitoring};
use oversight::ui::app::App;
use oversight::ui::theme::Theme;
use std::sync::Arc;
use std::time::Duration;

#[test]
fn every_data_table_moves_the_stamp_on_insert_update_and_delete() {
    let (_dir, path) = database(None);
    let store = open(&path);
    for table in TABLES.iter().filter(|t| **t != "audit") {
        for event in ["insert", "update", "delete"] {
            let name = format!("stamp_{table}_{event}");
            let found: i64 = common::sql(&store)
                .query_row("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1", [&name], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(found, 1, "no trigger {name}: a change to {table} would leave kept figures looking current");
        }
    }
}

#[test]
fn a_kept_dashboard_is_current_until_the_data_the_day_or_the_policy_changes() {
    let (_dir, path) = database(Some(Scale::Small));
    let store = open(&path);
    let policy = Policy::default();
    assert_eq!(board::kept_overview(&store, &policy, today()).unwrap(), None, "nothing kept yet");

    let computed = board::overview_and_keep(&store, &policy, today()).unwrap();
    let kept = board::kept_overview(&store, &policy, today()).unwrap().unwrap();
    assert!(kept.current);
    assert_eq!(kept.value, computed, "the copy reads back as it was computed");

    let tomorrow = today().succ_opt().unwrap();
    assert!(!board::kept_overview(&store, &policy, tomorrow).unwrap().unwrap().current, "another day");
    let mut stricter = policy.clone();
    stricter.reg44.due_day += 1;
    assert!(!board::kept_overview(&store, &stricter, today()).unwrap().unwrap().current, "another policy");

    // Another program changes a row: the copy is out of date.
    let other = rusqlite::Connection::open(&path).unwrap();
    let before = store.data_stamp().unwrap();
    other.execute("UPDATE settings SET name = name || ' (renamed)' WHERE id = 1", []).unwrap();
    assert_eq!(store.data_stamp().unwrap(), before + 1);
    let kept = board::kept_overview(&store, &policy, today()).unwrap().unwrap();
    assert!(!kept.current, "a change by another program makes the copy old");
    assert_eq!(kept.value, computed, "an old copy can still be shown");
}

#[test]
fn a_store_shares_its_rows_with_its_reader_and_with_no_other_store() {
    let (_dir, path) = database(Some(Scale::Small));
    let (store, policy) = (open(&path), Policy::default());
    let reader = store.reader().unwrap();
    let first = monitoring::shared(&reader, &policy, today()).unwrap();
    let from_store = monitoring::shared(&store, &policy, today()).unwrap();
    assert!(Arc::ptr_eq(&first, &from_store), "the reader's reading serves its store");
    let other = open(&path);
    let from_other = monitoring::shared(&other, &policy, today()).unwrap();
    assert!(!Arc::ptr_eq(&first, &from_other), "another store (another session) reads for itself");
    assert_eq!(*first, *from_other, "the same rows, though");
    monitoring::forget_shared(&store);
    assert!(!Arc::ptr_eq(&first, &monitoring::shared(&reader, &policy, today()).unwrap()), "forgotten by both");
}

#[test]
fn monitoring_rows_are_read_once_and_shared_until_something_changes() {
    let (_dir, path) = database(Some(Scale::Small));
    let mut store = open(&path);
    let policy = Policy::default();
    let first = monitoring::shared(&store, &policy, today()).unwrap();
    let again = monitoring::shared(&store, &policy, today()).unwrap();
    assert!(Arc::ptr_eq(&first, &again), "nothing changed: the same reading");

    let mut setting = store.get::<oversight::domain::setting::Setting>(first[0].summary.setting.id).unwrap();
    setting.value.name.push_str(" (renamed)");
    store.update(setting.id, setting.version, &setting.value).unwrap();
    let after = monitoring::shared(&store, &policy, today()).unwrap();
    assert!(!Arc::ptr_eq(&first, &after), "a change means a new reading");
    let fresh: Vec<_> = store.monitoring_rows(&policy, today()).unwrap();
    assert_eq!(after.iter().map(|r| (**r).clone()).collect::<Vec<_>>(), fresh);
    assert!(after.iter().any(|r| r.summary.setting.value.name.ends_with("(renamed)")));
}

/// An app reading on its own thread, waited on until it has read.
fn settled(mut app: App) -> App {
    while app.is_reading() {
        app.wait(Duration::from_secs(30));
    }
    app
}

#[test]
fn screens_read_in_the_background_show_what_screens_read_at_once_show() {
    let (_dir, path) = database(Some(Scale::Small));
    let theme = Theme { color: false };
    let mut background = settled(App::reading_in_background(open(&path), Policy::default(), theme, false).unwrap());
    let mut at_once = App::new(open(&path), Policy::default(), theme, false).unwrap();
    for key in ['0', '1', '2', '3', '4', '5', '6', '7', '8'] {
        press(&mut background, KeyCode::Char(key));
        press(&mut at_once, KeyCode::Char(key));
        background = settled(background);
        assert_eq!(screen_text(&background, 120, 40), screen_text(&at_once, 120, 40), "tab {key}");
    }
}

#[test]
fn the_screens_past_the_ten_read_in_the_background_and_a_reading_left_behind_is_dropped() {
    let (_dir, path) = database(Some(Scale::County));
    let theme = Theme { color: false };
    let mut background = settled(App::reading_in_background(open(&path), Policy::default(), theme, false).unwrap());
    let mut at_once = App::new(open(&path), Policy::default(), theme, false).unwrap();
    for key in oversight::ui::app::MORE.iter().map(|m| m.key) {
        for app in [&mut background, &mut at_once] {
            press(app, KeyCode::Char('g'));
            press(app, KeyCode::Char(key));
        }
        assert!(background.is_reading_shown() || !background.is_reading(), "{key}: read here or on the reader");
        background = settled(background);
        assert_eq!(screen_text(&background, 120, 40), screen_text(&at_once, 120, 40), "g {key}");
    }
    // Left before its data came: the screen below shows, and no defect is said.
    press(&mut background, KeyCode::Esc);
    let below = screen_text(&background, 120, 40);
    press(&mut background, KeyCode::Char('g'));
    press(&mut background, KeyCode::Char('v'));
    press(&mut background, KeyCode::Esc);
    let background = settled(background);
    assert!(background.status.as_ref().is_none_or(|s| !s.error), "{:?}", background.status.as_ref().map(|s| &s.text));
    assert_eq!(screen_text(&background, 120, 40), below);
}

/// The same database opened twice, one app reading in the background and
/// one reading at once, both after `keys` (the background one settled).
fn side_by_side(path: &std::path::Path, keys: &[KeyCode]) -> (App, App) {
    let theme = Theme { color: false };
    let mut background = settled(App::reading_in_background(open(path), Policy::default(), theme, false).unwrap());
    let mut at_once = App::new(open(path), Policy::default(), theme, false).unwrap();
    for app in [&mut background, &mut at_once] {
        keys.iter().for_each(|&key| press(app, key));
    }
    (settled(background), at_once)
}

#[test]
fn a_group_opened_reads_on_the_reader_and_shows_what_a_reading_at_once_shows() {
    let (_dir, path) = database(Some(Scale::County));
    let (mut background, mut at_once) = side_by_side(&path, &[KeyCode::Char('g'), KeyCode::Char('w')]);
    let list = screen_text(&background, 120, 40);
    for app in [&mut background, &mut at_once] {
        press(app, KeyCode::Enter);
    }
    // The key is answered at once; the group comes from the reader.
    assert!(background.is_reading_shown(), "the group is read on the reader");
    assert!(screen_text(&background, 120, 40).contains("Reading the data…"));
    background = settled(background);
    let group = screen_text(&background, 120, 40);
    assert!(group.contains("Owned by") || group.contains("The ultimate owner"), "{group}");
    assert_eq!(group, screen_text(&at_once, 120, 40));
    // Left before its data came: the list shows again, and the answer is dropped.
    press(&mut background, KeyCode::Esc);
    press(&mut background, KeyCode::Enter);
    press(&mut background, KeyCode::Esc);
    let background = settled(background);
    assert!(background.status.as_ref().is_none_or(|s| !s.error), "{:?}", background.status.as_ref().map(|s| &s.text));
    assert_eq!(screen_text(&background, 120, 40), list);
}

#[test]
fn a_setting_and_its_provider_opened_read_on_the_reader_and_show_what_a_reading_at_once_shows() {
    let (_dir, path) = database(Some(Scale::County));
    let (mut background, mut at_once) = side_by_side(&path, &[KeyCode::Char('2')]);
    for key in [KeyCode::Enter, KeyCode::Char('P')] {
        for app in [&mut background, &mut at_once] {
            press(app, key);
        }
        // The key is answered at once; the screen comes from the reader.
        assert!(background.is_reading_shown() && !background.has_read_shown(), "{key:?} opens it on the reader");
        assert!(screen_text(&background, 120, 40).contains("Reading the data…"));
        // Its keys wait for it, and say so.
        press(&mut background, KeyCode::Char('v'));
        let said = background.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
        assert!(said.contains("still being read"), "{said}");
        background = settled(background);
        background.status = None;
        let shown = screen_text(&background, 120, 40);
        assert!(!shown.contains("Reading the data…"), "{shown}");
        assert_eq!(shown, screen_text(&at_once, 120, 40), "after {key:?}");
    }
    // Esc goes back down the stack as it did before the reader.
    press(&mut background, KeyCode::Esc);
    press(&mut at_once, KeyCode::Esc);
    assert_eq!(screen_text(&background, 120, 40), screen_text(&at_once, 120, 40));
}

#[test]
fn a_new_day_opens_on_the_kept_dashboard_and_then_brings_it_up_to_date() {
    let (_dir, path) = database(Some(Scale::Small));
    let policy = Policy::default();
    board::overview_and_keep(&open(&path), &policy, today()).unwrap();
    let tomorrow = today().succ_opt().unwrap();
    let store = |day| {
        let mut store = oversight::store::Store::open(&path, day).unwrap();
        store.set_user("tester");
        store
    };

    let app = App::reading_in_background(store(tomorrow), policy.clone(), Theme { color: false }, false).unwrap();
    assert!(app.has_read_shown(), "yesterday's figures are drawn at once");
    assert!(app.is_reading_shown(), "and today's are being read");
    assert!(screen_text(&app, 120, 40).contains("reading the latest data"));
    let mut app = settled(app);
    assert!(!app.poll_others(), "the reader keeping today's copy is not someone else's change");
    assert_eq!(app.status, None);
    let fresh = App::new(store(tomorrow), policy.clone(), Theme { color: false }, false).unwrap();
    assert_eq!(screen_text(&app, 120, 40), screen_text(&fresh, 120, 40));

    // Opened again with nothing changed, the kept copy is current: no reading.
    let again = App::reading_in_background(store(tomorrow), policy, Theme { color: false }, false).unwrap();
    assert!(again.has_read_shown() && !again.is_reading());
}

#[test]
fn the_board_pack_is_written_in_the_background_and_says_so_when_done() {
    let (dir, path) = database(Some(Scale::Small));
    let mut app =
        settled(App::reading_in_background(open(&path), Policy::default(), Theme { color: false }, false).unwrap());
    press(&mut app, KeyCode::Char('8'));
    let mut app = settled(app);
    common::type_text(&mut app, "w");
    let out = dir.path().join("pack.html");
    common::fill(&mut app, "file", out.to_str().unwrap());
    common::save(&mut app);
    assert!(app.overlay.is_none(), "the form closes at once");
    assert_eq!(app.status.as_ref().map(|s| s.text.as_str()), Some("Writing…"));
    let app = settled(app);
    let status = app.status.clone().unwrap();
    assert!(!status.error && status.text.starts_with("Wrote the board pack to"), "{status:?}");
    assert!(std::fs::read_to_string(&out).unwrap().contains("<table"), "the pack is on disk, whole");
}

#[test]
fn a_save_of_ones_own_is_not_taken_for_someone_elses() {
    let (_dir, path) = database(Some(Scale::Small));
    let mut app =
        settled(App::reading_in_background(open(&path), Policy::default(), Theme { color: false }, false).unwrap());
    common::type_text(&mut app, "1n");
    common::fill(&mut app, "name", "Zenith Care Ltd");
    common::save(&mut app);
    // The dashboard is brought up to date behind, and its copy kept: the file moves on.
    let mut app = settled(app);
    assert!(!app.poll_others(), "{:?}", app.status);
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("Zenith Care Ltd")), "{:?}", app.status);
    let text = screen_text(&app, 120, 40);
    assert!(common::row(&text, "Zenith Care Ltd").contains('▶'), "the new provider is selected once read: {text}");
}

#[test]
fn the_reader_answers_the_screen_on_show_before_others_waiting_and_only_the_latest_per_screen() {
    use oversight::ui::reader::{Load, Loaded, Reader, Ticket};
    use std::sync::mpsc;
    let (_dir, path) = database(None);
    let reader = Reader::start(&open(&path)).unwrap();
    let (started, has_started) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let tagged =
        |tag: &'static str| -> Load { Box::new(move |_: &oversight::store::Store| Ok(Loaded::Said(tag.into()))) };
    let ticket = |tab, number, urgent| Ticket { tab, number, urgent };
    // The first reading holds the thread until released.
    reader.send(
        ticket(1, 1, false),
        Box::new(move |_: &oversight::store::Store| {
            started.send(()).unwrap();
            released.recv().unwrap();
            Ok(Loaded::Said("first".into()))
        }),
    );
    has_started.recv().unwrap();
    reader.send(ticket(2, 2, false), tagged("behind, superseded"));
    reader.send(ticket(3, 3, false), tagged("behind"));
    reader.send(ticket(2, 4, false), tagged("behind, latest"));
    reader.send(ticket(4, 5, true), tagged("on show"));
    release.send(()).unwrap();
    let order: Vec<String> = (0..4)
        .map(|_| {
            let (_, data) = reader.recv_timeout(Duration::from_secs(30)).unwrap();
            match data.unwrap() {
                Loaded::Said(tag) => tag,
                other => panic!("{} data, not what was sent", other.kind()),
            }
        })
        .collect();
    assert_eq!(order, ["first", "on show", "behind", "behind, latest"]);
    assert!(reader.recv_timeout(Duration::from_millis(200)).is_none(), "the superseded reading is never run");
}

#[test]
fn a_saved_visit_reads_again_only_its_providers_settings_and_the_rows_equal_a_full_reading() {
    use oversight::domain::visit::{Visit, VisitKind, VisitOutcome};
    let (_dir, path) = database(Some(Scale::County));
    let mut store = open(&path);
    let policy = Policy::default();
    let before = monitoring::shared(&store, &policy, today()).unwrap();
    assert_eq!(monitoring::patched(&store), None, "read whole");
    // A monitored home of a provider with several settings.
    let row = before
        .iter()
        .filter(|r| r.due.is_some())
        .max_by_key(|r| {
            before.iter().filter(|o| o.summary.setting.value.provider_id == r.summary.setting.value.provider_id).count()
        })
        .unwrap();
    let (setting, provider) = (row.summary.setting.id, row.summary.setting.value.provider_id);
    let of_provider = before.iter().filter(|r| r.summary.setting.value.provider_id == provider).count();
    assert!(of_provider > 1 && of_provider < before.len());
    let visit = Visit {
        setting_id: Some(setting),
        provider_id: None,
        kind: VisitKind::Monitoring,
        planned: today(),
        completed: Some(today()),
        officer: "C. Lewis".into(),
        outcome: Some(VisitOutcome::Concerns),
        notes: "Staffing below the rota".into(),
        follow_up: String::new(),
        trip: None,
    };
    let saved = store.insert(&visit).unwrap();
    assert_eq!(monitoring::patched(&store), Some(of_provider), "only the provider's settings read again");
    let after = monitoring::shared(&store, &policy, today()).unwrap();
    assert_eq!(monitoring::patched(&store), Some(of_provider), "and no full reading since");
    let patched: Vec<_> = after.iter().map(|r| (**r).clone()).collect();
    let full = store.monitoring_rows(&policy, today()).unwrap();
    assert_eq!(patched, full, "the patched rows are a full reading's");
    let now = after.iter().find(|r| r.summary.setting.id == setting).unwrap();
    assert_ne!(now.last_visit, row.last_visit, "the visit is in its row");
    // Edited in place it reaches the same setting; deleted, too.
    let edited = Visit { outcome: Some(VisitOutcome::Good), ..visit };
    let saved = store.update(saved.id, saved.version, &edited).unwrap();
    assert_eq!(monitoring::patched(&store), Some(of_provider));
    store.delete::<Visit>(saved.id, saved.version).unwrap();
    assert_eq!(monitoring::patched(&store), Some(of_provider));
    let after: Vec<_> = monitoring::shared(&store, &policy, today()).unwrap().iter().map(|r| (**r).clone()).collect();
    assert_eq!(after, store.monitoring_rows(&policy, today()).unwrap());
    // A change whose reach is wider (the provider itself) reads all again.
    let p: oversight::store::Stored<oversight::domain::provider::Provider> = store.get(provider).unwrap();
    let renamed = oversight::domain::provider::Provider { contact: "R. Patel".into(), ..p.value.clone() };
    store.update(p.id, p.version, &renamed).unwrap();
    monitoring::shared(&store, &policy, today()).unwrap();
    assert_eq!(monitoring::patched(&store), None, "read whole");
}
