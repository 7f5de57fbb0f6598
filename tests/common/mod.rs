//! Helpers shared by the integration tests. Every test fixes `today`.

#![allow(dead_code)]

/// Prints a suite's figures straight to the terminal: unlike `println!`,
/// the test harness does not capture it, so `cargo test` shows them.
#[macro_export]
macro_rules! figures {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use oversight::demo::{self, Scale};
use oversight::domain::policy::Policy;
use oversight::store::Store;
use oversight::ui::app::{App, Overlay};
use oversight::ui::forms::Form;
use oversight::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-24";

pub fn today() -> NaiveDate {
    oversight::domain::date::parse(TODAY).unwrap()
}

/// A temp dir holding `oversight.db`, optionally with demo data.
pub fn database(scale: Option<Scale>) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("oversight.db");
    let mut store = Store::open(&path, today()).unwrap();
    if let Some(scale) = scale {
        demo::generate(&mut store, scale, 7).unwrap();
    }
    (dir, path)
}

/// A connection of the test's own to the store's file, for plain SQL.
pub fn sql(store: &Store) -> rusqlite::Connection {
    rusqlite::Connection::open(store.path()).unwrap()
}

pub fn open(path: &std::path::Path) -> Store {
    let mut store = Store::open(path, today()).unwrap();
    store.set_user("tester");
    store
}

/// An app on a fresh demo database, colours on.
pub fn app(scale: Option<Scale>) -> (TempDir, App) {
    let (dir, path) = database(scale);
    let app = App::new(open(&path), Policy::default(), Theme { color: true }, false).unwrap();
    (dir, app)
}

pub fn press(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Types text one key at a time, as a person would.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
        app.key(KeyEvent::new(KeyCode::Char(c), mods));
    }
}

pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    terminal
}

/// The screen as text, one line per row.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// insta settings that blank the temp database path.
pub fn blank_paths() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"/tmp/\.tmp[A-Za-z0-9]+/oversight\.db", "[DB]");
    settings
}

/// The two terminal sizes every screen is snapshotted at.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Snapshots the screen at each of `sizes`, as `tests/snapshots/{test file}__{name}_{w}x{h}.snap`
/// (named as if asserted in the test file itself, not here).
pub fn snapshot_at(name: &str, app: &App, sizes: &[(u16, u16)]) {
    let mut settings = blank_paths();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    for (w, h) in sizes {
        let terminal = draw(app, *w, *h);
        let name = format!("{}__{name}_{w}x{h}", env!("CARGO_CRATE_NAME"));
        settings.bind(|| insta::assert_snapshot!(name, terminal.backend()));
    }
}

/// Snapshots the screen at both standard sizes.
pub fn snapshot(name: &str, app: &App) {
    snapshot_at(name, app, &SIZES);
}

/// Filters the current list to rows matching `text`, keeping the filter.
pub fn filter(app: &mut App, text: &str) {
    type_text(app, "/");
    type_text(app, text);
    press(app, KeyCode::Enter);
}

/// The first line of `text` containing `needle`.
pub fn row<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("no row with {needle}:\n{text}"))
}

/// Moves the selection to the row whose text contains `needle`.
pub fn select_row(app: &mut App, needle: &str) {
    press(app, KeyCode::Home);
    for _ in 0..200 {
        let text = screen_text(app, 120, 40);
        if text.lines().any(|l| l.contains('▶') && l.contains(needle)) {
            return;
        }
        press(app, KeyCode::Down);
    }
    panic!("no row with {needle:?}:\n{}", screen_text(app, 120, 40));
}

/// The open form; panics (showing the screen) when there is none.
pub fn form(app: &App) -> &Form {
    match &app.overlay {
        Some(Overlay::Form(form)) => form,
        _ => panic!("no form open:\n{}", screen_text(app, 120, 40)),
    }
}

/// Moves the form's focus to the field `key` with Tab, as a person would.
pub fn focus(app: &mut App, key: &str) {
    for _ in 0..=form(app).fields.len() {
        if form(app).fields[form(app).focus].key == key {
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("the form has no field {key:?}");
}

/// Types `text` into the field `key`, replacing what it held.
pub fn fill(app: &mut App, key: &str, text: &str) {
    focus(app, key);
    type_text(app, text);
}

/// Turns the choice field `key` with → until it holds `code`.
pub fn choose(app: &mut App, key: &str, code: &str) {
    focus(app, key);
    for _ in 0..100 {
        let f = form(app);
        if f.fields[f.focus].value() == code {
            return;
        }
        press(app, KeyCode::Right);
    }
    panic!("the field {key:?} has no choice {code:?}");
}

/// Saves the open form with Ctrl-S and checks that it closed.
pub fn save(app: &mut App) {
    ctrl(app, 's');
    assert!(app.overlay.is_none(), "the form did not save:\n{}", screen_text(app, 120, 40));
}

/// The built binary, with `--today` fixed and the environment cleared of a database.
pub fn oversight() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("oversight").unwrap();
    cmd.env_remove("OVERSIGHT_DB")
        .env("OVERSIGHT_USER", "tester")
        .env("OVERSIGHT_OFFICER", "/nonexistent/officer.toml")
        .arg("--today")
        .arg(TODAY);
    cmd
}

/// Runs the binary: exit code, standard output, standard error.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = oversight().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn db_arg(path: &std::path::Path) -> String {
    path.display().to_string()
}
