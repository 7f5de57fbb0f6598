//! The terminal interface.

mod actions;
mod alerts;
pub mod app;
mod audit;
mod board;
mod chrome;
mod clusters;
mod concerns;
mod dashboard;
mod decommission;
pub mod event;
mod feedback;
pub mod first_run;
pub mod forms;
mod groups;
mod help;
mod import;
pub mod keymap;
mod list_screen;
mod loaded;
mod more;
mod notifications;
mod opening;
mod panel;
mod plans;
mod provider;
mod providers;
pub mod reader;
pub(crate) mod reg44;
mod returns;
mod schedule;
mod screen;
mod setting;
mod settings;
mod shortlist;
mod stops;
pub mod svg;
pub mod theme;
pub mod tour;
mod unregistered;
mod value;
pub mod widgets;

use crate::domain::policy::Policy;
use crate::error::{Error, Result};
use crate::store::Store;
use app::App;
use crossterm::event::{Event, KeyEventKind};
use theme::Theme;

/// The facet after `current` among `all` (none after the last, so the
/// cycle passes through "any").
fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| *x == c)) {
        None => all.first().copied(),
        Some(i) => all.get(i + 1).copied(),
    }
}

/// Runs the interface until the user quits. The terminal is restored on
/// every way out, panics included (ratatui's hook).
pub fn run(mut store: Store, policy: Policy, demo: bool) -> Result<()> {
    let (keys, problem) = keymap::path().map(|p| keymap::load(&p)).unwrap_or_default();
    // Who is working: from the profile kept, else asked for once.
    let profile = crate::profile::path();
    let kept = profile.as_deref().map(crate::profile::load).transpose();
    let officer = kept.as_ref().ok().cloned().flatten().flatten();
    if let Some(o) = &officer {
        store.set_user(o.name.trim());
    }
    let mut app = App::reading_in_background(store, policy, Theme::from_env(), demo)?;
    app.profile = profile;
    app.keymap = keys;
    app.officer = officer.clone();
    if let Some(text) = problem.or(kept.err()) {
        app.status = Some(app::Status { text, error: true });
    }
    if officer.is_none() {
        app.ask_who_is_working();
    }
    let mut terminal = ratatui::try_init()
        .map_err(|e| Error::Environment(format!("cannot start the terminal interface (is this a terminal?): {e}")))?;
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> Result<()> {
    let io = |e: std::io::Error| Error::Environment(format!("terminal error: {e}"));
    while !app.quit {
        terminal.draw(|frame| app.render(frame)).map_err(io)?;
        // Wait for a key, looking every half second for others' changes and,
        // while the reader is at work, every 20 ms for what it has read.
        let wait = if app.is_reading() { 20 } else { 500 };
        if !crossterm::event::poll(std::time::Duration::from_millis(wait)).map_err(io)? {
            if !app.receive() && !app.is_reading() {
                app.poll_others();
            }
            continue;
        }
        match crossterm::event::read().map_err(io)? {
            Event::Key(key) if key.kind != KeyEventKind::Release => app.key(key),
            _ => {}
        }
    }
    Ok(())
}
