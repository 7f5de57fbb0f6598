//! Key bindings changed in a keys file reach the footer, the help and the
//! keys themselves; the README names every action a file may change.

mod common;

use common::{app, screen_text, type_text};
use oversight::ui::event::Action;
use oversight::ui::keymap;

#[test]
fn a_keys_file_rebinds_an_action_everywhere() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("keys.toml");
    std::fs::write(&file, "log_visit = \"V\"\n").unwrap();
    let (keys, problem) = keymap::load(&file);
    assert_eq!(problem, None, "a good file loads without complaint");
    let (_dir, mut app) = app(Some(oversight::demo::Scale::Small));
    app.keymap = keys;
    type_text(&mut app, "3");
    let text = screen_text(&app, 120, 30);
    assert!(text.contains("V log visit"), "{text}");
    type_text(&mut app, "v");
    assert!(app.overlay.is_none(), "the old key no longer logs a visit");
    type_text(&mut app, "V");
    assert!(app.overlay.is_some(), "the new one does");
}

#[test]
fn the_readme_names_every_action_a_keys_file_may_change() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let missing: Vec<String> =
        Action::NAMED.iter().map(|a| a.name()).filter(|n| !readme.contains(&format!("`{n}`"))).collect();
    assert!(missing.is_empty(), "README lacks: {missing:?}");
}

/// Every binding in force on `app` now, grouped by key: the keys that two
/// different actions claim.
fn clashes(app: &oversight::ui::app::App) -> Vec<String> {
    let mut by_key: std::collections::HashMap<String, Vec<Action>> = std::collections::HashMap::new();
    for c in app.commands() {
        for k in &c.keys {
            let actions = by_key.entry(k.label()).or_default();
            if !actions.contains(&c.action) {
                actions.push(c.action);
            }
        }
    }
    let mut out: Vec<String> =
        by_key.into_iter().filter(|(_, a)| a.len() > 1).map(|(k, a)| format!("{k}: {a:?}")).collect();
    out.sort();
    out
}

/// Walks every main screen, its panes, and the record each opens first,
/// failing on any key two actions claim.
fn walk(app: &mut oversight::ui::app::App) -> usize {
    use common::press;
    use crossterm::event::KeyCode;
    let mut looked = 0;
    let mut found_all: Vec<String> = Vec::new();
    let mut check = |app: &oversight::ui::app::App, place: &str| {
        let found = clashes(app);
        if !found.is_empty() {
            found_all.push(format!("{place} ({}): {found:?}", app.breadcrumb().join(" › ")));
        }
        looked += 1;
    };
    for tab in 0..10 {
        type_text(app, &tab.to_string());
        for pane in 0..4 {
            check(app, &format!("screen {tab}, pane {pane}"));
            press(app, KeyCode::Tab);
        }
        press(app, KeyCode::Enter);
        if app.overlay.is_none() {
            for pane in 0..8 {
                check(app, &format!("opened from screen {tab}, pane {pane}"));
                press(app, KeyCode::Tab);
            }
        }
        app.overlay = None;
        type_text(app, "q");
        app.quit = false;
    }
    assert!(found_all.is_empty(), "keys bound twice:\n{}", found_all.join("\n"));
    looked
}

/// Every action but those a walk needs as they are, each on a key of its own
/// that nothing else uses; with the key each now has.
fn every_action_moved() -> (String, std::collections::HashMap<Action, char>) {
    let spare: Vec<char> = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž".chars().collect();
    let moved: std::collections::HashMap<Action, char> = Action::NAMED
        .iter()
        .zip(&spare)
        .filter(|(a, _)| {
            !matches!(
                a,
                Action::Quit | Action::Back | Action::Cancel | Action::Open | Action::NextPane | Action::ShowTab(_)
            )
        })
        .map(|(a, k)| (*a, *k))
        .collect();
    let file = moved.iter().map(|(a, k)| format!("{} = \"{k}\"\n", a.name())).collect();
    (file, moved)
}

#[test]
fn a_form_and_a_question_answer_to_the_keys_a_file_gives_them() {
    use common::press;
    use crossterm::event::KeyCode;
    let (file, moved) = every_action_moved();
    let (keys, problems) = keymap::parse(&file);
    assert!(problems.is_empty(), "{problems:?}");
    let (_dir, mut app) = app(Some(oversight::demo::Scale::Small));
    app.keymap = keys;
    let key = |a: Action| moved[&a].to_string();

    // A new provider, typed and saved with the moved keys only.
    type_text(&mut app, "1");
    type_text(&mut app, &key(Action::New));
    assert!(app.overlay.is_some(), "the moved New opens the form");
    let footer = screen_text(&app, 120, 30);
    assert!(footer.contains(&format!("{} save", key(Action::Save))), "the footer names the moved key: {footer}");
    type_text(&mut app, "Zephyr Care Ltd");
    type_text(&mut app, &key(Action::NextField));
    type_text(&mut app, "01632 960001");
    press(&mut app, KeyCode::Tab);
    assert!(app.overlay.is_some(), "Tab no longer moves on: it types nothing and saves nothing");
    type_text(&mut app, &key(Action::Save));
    assert!(app.overlay.is_none(), "the moved Save saved: {:?}", app.status);
    let providers: i64 = common::sql(&app.store)
        .query_row("SELECT COUNT(*) FROM providers WHERE name = 'Zephyr Care Ltd'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(providers, 1);
    let contact: String = common::sql(&app.store)
        .query_row("SELECT contact FROM providers WHERE name = 'Zephyr Care Ltd'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(contact, "01632 960001", "the moved NextField moved to the contact field");

    // A question: the old y is no; the moved Yes is yes.
    type_text(&mut app, &key(Action::Filter));
    type_text(&mut app, "Zephyr");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, &key(Action::Archive));
    let asked = screen_text(&app, 120, 30);
    assert!(asked.contains(&format!("{} yes", key(Action::Yes))), "the question names the moved key: {asked}");
    type_text(&mut app, "y");
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("nothing changed")), "{:?}", app.status);
    type_text(&mut app, &key(Action::Archive));
    type_text(&mut app, &key(Action::Yes));
    let archived: Option<String> = common::sql(&app.store)
        .query_row("SELECT archived_on FROM providers WHERE name = 'Zephyr Care Ltd'", [], |r| r.get(0))
        .unwrap();
    assert!(archived.is_some(), "archived with the moved Yes");
}

#[test]
fn no_key_is_bound_twice_on_any_screen_with_the_default_keys_or_a_keys_file() {
    let (_dir, mut app) = app(Some(oversight::demo::Scale::County));
    let looked = walk(&mut app);
    // Every action moved to a key of its own that nothing else uses.
    let (remap, _) = every_action_moved();
    let (keys, problems) = keymap::parse(&remap);
    assert!(problems.is_empty(), "{problems:?}");
    app.keymap = keys;
    let again = walk(&mut app);
    figures!(
        "keys: {looked} screen states with the default keys and {again} with every action moved, no key bound twice"
    );
}

#[test]
fn sentences_popups_and_quit_name_and_answer_to_the_keys_a_file_gives() {
    use common::{ctrl, press};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let file = "new = \"f3\"\nhelp = \"f1\"\nopen = \"f5\"\nlog_visit = \"V\"\nquit = \"ctrl-q\"\njump = \"f7\"\n";
    let (keys, problems) = keymap::parse(file);
    assert!(problems.is_empty(), "{problems:?}");
    let (_dir, mut app) = app(None);
    app.keymap = keys;
    let f = |n| KeyEvent::new(KeyCode::F(n), KeyModifiers::NONE);

    // An empty list says which key adds a record.
    type_text(&mut app, "1");
    let text = screen_text(&app, 120, 30);
    assert!(text.contains("No providers yet: press F3 to add one."), "{text}");
    // A key that does nothing points to the moved help key.
    type_text(&mut app, "?");
    let said = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.contains("? does nothing on Providers: F1 lists its keys"), "{said}");

    // Help: its how-to names the moved keys.
    app.key(f(1));
    let help = screen_text(&app, 120, 90);
    assert!(help.contains("V logs the visit"), "{help}");
    press(&mut app, KeyCode::Char('x'));
    assert!(app.overlay.is_none(), "any other key closes the help");

    // The go-to popup names and answers to the moved Open.
    app.key(f(7));
    let popup = screen_text(&app, 120, 30);
    assert!(popup.contains("number, letter or F5"), "{popup}");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab(), 1, "the old Enter no longer goes (it closes the popup, as any other key)");
    app.key(f(7));
    press(&mut app, KeyCode::Down);
    app.key(f(5));
    assert!(app.overlay.is_none(), "the moved Open goes to the screen chosen");
    assert_eq!(app.tab(), 2, "from Providers, one down");

    // Quit moved to Ctrl-Q: Ctrl-C no longer quits, even while typing a filter.
    type_text(&mut app, "/");
    ctrl(&mut app, 'c');
    assert!(!app.quit, "Ctrl-C is no longer quit");
    ctrl(&mut app, 'q');
    assert!(app.quit, "Ctrl-Q quits, even while typing a filter");
}
