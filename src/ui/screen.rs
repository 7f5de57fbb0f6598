//! What a screen is to the App: its commands, how it answers an action (an
//! `Effect`), how it draws and how it reads its data.

use super::event::{Action, Command};
use super::forms::Form;
use super::loaded::Mismatch;
use super::reader::{Load, Loaded};
use super::theme::Theme;
use crate::domain::policy::Policy;
use crate::store::RecordRef;
use crate::store::{Store, StoreError};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

/// What a screen needs to decide what an action means.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub policy: &'a Policy,
    /// Who is working, when they have said.
    pub officer: Option<&'a crate::domain::officer::Officer>,
    /// The keys in force on the screen, the user's in place of the defaults.
    pub keys: &'a [Command],
}

impl Ctx<'_> {
    /// The name of the key that does `action` here, for a sentence.
    pub fn key(&self, action: Action) -> String {
        super::event::key_name(self.keys, action)
    }
}

/// What a screen draws with: the colours, and the keys in force on it (so
/// that a sentence naming a key names the user's).
pub struct View<'a> {
    pub theme: &'a Theme,
    pub keys: &'a [Command],
    /// For a sentence naming another screen's key (`Keymap::say`).
    pub keymap: &'a super::keymap::Keymap,
}

impl View<'_> {
    /// The name of the key that does `action` here, for a sentence.
    pub fn key(&self, action: Action) -> String {
        super::event::key_name(self.keys, action)
    }

    /// Whether a key here does `action`.
    pub fn has(&self, action: Action) -> bool {
        self.keys.iter().any(|c| c.action == action)
    }
}

/// A change to the data; returns the sentence for the status line.
pub type Change = Box<dyn FnOnce(&mut Store) -> Result<String, StoreError>>;

/// A change to make after the user says yes.
pub struct Confirm {
    pub question: String,
    pub apply: Change,
}

/// Asks `question`; on yes, makes the change.
pub fn confirm(
    question: impl Into<String>,
    apply: impl FnOnce(&mut Store) -> Result<String, StoreError> + 'static,
) -> Effect {
    Effect::Confirm(Confirm { question: question.into(), apply: Box::new(apply) })
}

/// What a screen asks the app to do after an action.
pub enum Effect {
    None,
    Push(Box<dyn Screen>),
    /// Push a screen not yet read, and read it (on the reader, for a screen
    /// slow to read: the key is answered at once).
    Read(Box<dyn Screen>),
    /// Go to a main screen, showing it through a lens.
    Show(usize, Lens),
    Form(Form),
    Confirm(Confirm),
    /// Read the screen's data again (it now shows something else).
    Reread,
    Error(String),
}

impl Effect {
    /// Push `screen` over the one shown.
    pub fn push(screen: impl Screen + 'static) -> Effect {
        Effect::Push(Box::new(screen))
    }
}

impl From<Result<Effect, StoreError>> for Effect {
    fn from(result: Result<Effect, StoreError>) -> Effect {
        result.unwrap_or_else(|e| Effect::Error(e.to_string()))
    }
}

/// How a main screen is shown when another sends the user to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lens {
    /// As it is.
    All,
    /// Only what is overdue.
    Overdue,
    /// Sorted by a column, ascending or not.
    SortedBy(usize, bool),
}

/// Every screen has the same small interface.
pub trait Screen {
    fn title(&self) -> String;
    /// This screen's bindings; the footer and help are drawn from them.
    fn commands(&self) -> Vec<Command>;
    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect;
    fn render(&self, frame: &mut Frame, area: Rect, view: &View);
    /// For a screen slow to read: its reading, which the app may run on the
    /// reader thread; the data goes to `loaded`.
    fn load(&self) -> Option<Load> {
        None
    }
    /// Takes the data its `load` read; data of another kind is a defect,
    /// which the app reports.
    fn loaded(&mut self, data: Loaded) -> Result<(), Mismatch> {
        Err(Mismatch(data.kind()))
    }
    /// Shows a kept copy of the screen's data, if it has one, without the
    /// slow read; says whether the copy is current (no read needed).
    fn glance(&mut self, _store: &Store) -> Glance {
        Glance::Nothing
    }
    /// Re-reads what the screen shows after a change; by default, runs `load` here.
    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        if let Some(load) = self.load() {
            self.loaded(load(store)?).map_err(|m| StoreError::Defect(format!("{}: {m}", self.title())))?;
            self.follow(store);
        }
        Ok(())
    }
    /// Reads what depends on where the cursor is (one record's details);
    /// called after every key and every reading of the screen.
    fn follow(&mut self, _store: &Store) {}
    /// Raw keys while the screen is taking text (a filter); true if used.
    fn text_key(&mut self, _key: KeyEvent) -> bool {
        false
    }
    /// Esc: clears a filter (and any other narrowing) kept on the screen;
    /// whether there was one to clear.
    fn clear(&mut self) -> bool {
        false
    }
    /// Selects a record just saved, when this screen shows its kind.
    fn select(&mut self, _record: RecordRef) {}
    /// Shows the screen through `lens`, clearing any filter first.
    fn focus(&mut self, _lens: Lens) {}
}

/// What a screen could show from a kept copy of its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glance {
    /// No copy: the screen has to be read.
    Nothing,
    /// An out-of-date copy, shown while the screen is read.
    Old,
    /// A copy that is still true: no read needed.
    Current,
}
