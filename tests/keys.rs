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

#[test]
fn no_key_is_bound_twice_on_any_screen_with_the_default_keys_or_a_keys_file() {
    let (_dir, mut app) = app(Some(oversight::demo::Scale::County));
    let looked = walk(&mut app);
    // Every action moved to a key of its own that nothing else uses.
    let spare: Vec<char> = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž".chars().collect();
    let remap: String = Action::NAMED
        .iter()
        .zip(&spare)
        .filter(|(a, _)| {
            !matches!(
                a,
                Action::Quit | Action::Back | Action::Cancel | Action::Open | Action::NextPane | Action::ShowTab(_)
            )
        })
        .map(|(a, k)| format!("{} = \"{k}\"\n", a.name()))
        .collect();
    let (keys, problems) = keymap::parse(&remap);
    assert!(problems.is_empty(), "{problems:?}");
    app.keymap = keys;
    let again = walk(&mut app);
    figures!(
        "keys: {looked} screen states with the default keys and {again} with every action moved, no key bound twice"
    );
}
