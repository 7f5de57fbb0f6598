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
    assert_eq!(keymap::load(&file), None, "a good file loads without complaint");
    let (_dir, mut app) = app(Some(oversight::demo::Scale::Small));
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
