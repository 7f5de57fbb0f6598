//! The screens the README shows, reached by the keys a person would press,
//! for the screenshots and the test that keeps them current.

use super::app::App;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One screenshot: its file name, and the keys from a freshly opened App.
pub struct Scene {
    pub name: &'static str,
    pub keys: &'static [&'static str],
}

/// The README's screens, on the county demo (seed 1) as of 2026-11-24.
pub const SCENES: &[Scene] = &[
    Scene { name: "dashboard", keys: &[] },
    Scene { name: "providers", keys: &["1"] },
    Scene { name: "provider", keys: &["1", "/", "Brookvale", "Enter", "Enter"] },
    Scene { name: "schedule", keys: &["3"] },
    Scene { name: "setting", keys: &["3", "/", "Ashdown House", "Enter", "Enter"] },
    Scene { name: "reg44", keys: &["4"] },
    Scene { name: "stop", keys: &["7", "Enter"] },
    Scene { name: "board", keys: &["8"] },
    Scene { name: "value", keys: &["g", "v", "s", "s", "s", "s", "s", "s", "S", "k"] },
    Scene { name: "group", keys: &["g", "w", "/", "Evergreen", "Enter", "Enter"] },
    Scene { name: "unregistered", keys: &["g", "u"] },
];

/// Presses `keys`: "Enter", "Esc", or text typed a character at a time.
pub fn press(app: &mut App, keys: &[&str]) {
    for key in keys {
        match *key {
            "Enter" => app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            "Esc" => app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            text => {
                for c in text.chars() {
                    let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
                    app.key(KeyEvent::new(KeyCode::Char(c), mods));
                }
            }
        }
    }
}

/// The scene drawn at 120×40 as SVG, on the database at `db`, opened as
/// "akhan" on `today` with the default policy.
pub fn draw(db: &std::path::Path, scene: &Scene, today: chrono::NaiveDate) -> Result<String, crate::store::StoreError> {
    let mut store = crate::store::Store::open(db, today)?;
    store.set_user("akhan");
    let theme = super::theme::Theme { color: true };
    let mut app = App::new(store, crate::domain::policy::Policy::default(), theme, true)?;
    press(&mut app, scene.keys);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).map_err(|e| {
        crate::store::StoreError::Io { path: db.to_path_buf(), source: std::io::Error::other(e.to_string()) }
    })?;
    terminal.draw(|frame| app.render(frame)).map_err(|e| crate::store::StoreError::Io {
        path: db.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(super::svg::render(terminal.backend().buffer()))
}
