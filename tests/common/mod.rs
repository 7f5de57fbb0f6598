//! Helpers shared by the integration tests. Every test fixes `today`.
#![allow(dead_code)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use oversight::demo::{self, Scale};
use oversight::domain::policy::Policy;
use oversight::store::Store;
use oversight::ui::app::App;
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
