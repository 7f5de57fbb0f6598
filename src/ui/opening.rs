//! A screen opened before its data is read: it stands in for the screen
//! while the reader builds it, and the screen built takes its place (see
//! `App::take_at`). The key that opens it is answered at once.

use super::app::{Ctx, Effect, Screen, View};
use super::event::{Action, Command};
use super::reader::{Load, Loaded};
use crate::store::{Store, StoreError};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::sync::Arc;

/// Builds the screen from the store, on whichever connection reads it.
type Build = Arc<dyn Fn(&Store) -> Result<Box<dyn Screen + Send>, StoreError> + Send + Sync>;

pub struct Opening {
    title: String,
    build: Build,
}

impl Opening {
    /// Opens the screen `build` makes, titled `title` until it is built.
    pub fn effect<S: Screen + Send + 'static>(
        title: impl Into<String>,
        build: impl Fn(&Store) -> Result<S, StoreError> + Send + Sync + 'static,
    ) -> Effect {
        let build: Build = Arc::new(move |store| build(store).map(|s| Box::new(s) as Box<dyn Screen + Send>));
        Effect::Read(Box::new(Opening { title: title.into(), build }))
    }
}

impl Screen for Opening {
    fn title(&self) -> String {
        self.title.clone()
    }

    /// None of its own: only the keys that go back or elsewhere, until it is read.
    fn commands(&self) -> Vec<Command> {
        Vec::new()
    }

    fn update(&mut self, _action: Action, _ctx: &Ctx) -> Effect {
        Effect::None
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        super::chrome::reading(frame, area, view.theme);
    }

    fn load(&self) -> Option<Load> {
        let build = Arc::clone(&self.build);
        Some(Box::new(move |store| build(store).map(Loaded::Opened)))
    }
}
