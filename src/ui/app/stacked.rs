//! Screens on the stack read on the reader thread, as the main screens are:
//! the one at the bottom of the stack (opened from the go-to popup past the
//! numbered ten), and any pushed before its data was read (a setting, a
//! provider, a group: see [`crate::ui::opening`]). What is read for a
//! screen already gone is dropped.

use super::App;
use crate::store::{Store, StoreError};
use crate::ui::reader::{Load, Loaded, STACKED, Ticket};
use crate::ui::screen::Screen;

impl App {
    /// Re-reads the screen at the bottom of the stack (see [`App::read_at`]).
    pub(super) fn read_stacked(&mut self) -> Result<(), StoreError> {
        self.read_at(1)
    }

    /// Pushes `screen`, not yet read, and reads it.
    pub(super) fn push_unread(&mut self, screen: Box<dyn Screen>) {
        self.stack.push(screen);
        self.unread = Some(self.stack.len());
        // A screen that cannot be read is taken off again (`after_reading`).
        if let Err(e) = self.read_at(self.stack.len()) {
            self.error(e.to_string());
        }
    }

    /// Re-reads the screen `depth` down the stack (1: the bottom): on the
    /// reader when there is one and the screen is slow to read, else here.
    /// What it showed stays until the new data comes.
    fn read_at(&mut self, depth: usize) -> Result<(), StoreError> {
        let Some(screen) = depth.checked_sub(1).and_then(|i| self.stack.get(i)) else { return Ok(()) };
        match (&self.reader, screen.load()) {
            (Some(reader), Some(load)) => {
                self.tickets += 1;
                self.stacked = Some((self.tickets, depth));
                reader.send(Ticket { tab: STACKED, number: self.tickets, urgent: true }, load);
                Ok(())
            }
            (None, load) | (_, load @ None) => self.read_here(depth, load),
        }
    }

    /// Re-reads the screen `depth` down the stack here and now (it shows
    /// something else): a reading still out for it is older, not wanted.
    pub(super) fn reread_at(&mut self, depth: usize) -> Result<(), StoreError> {
        if self.is_reading_at(depth) {
            self.stacked = None;
        }
        let load = self.stack.get(depth - 1).and_then(|s| s.load());
        self.read_here(depth, load)
    }

    /// Reads the screen `depth` down the stack here, by its `load` when it has one.
    fn read_here(&mut self, depth: usize, load: Option<Load>) -> Result<(), StoreError> {
        let Some(screen) = self.stack.get_mut(depth - 1) else { return Ok(()) };
        let read = match load {
            Some(load) => load(&self.store).and_then(|data| take(screen, data, &self.store)),
            None => screen.reload(&self.store),
        };
        self.after_reading(depth, read)
    }

    /// After the screen `depth` down the stack was read: one that never had
    /// its data and cannot have it is taken off (the error says why).
    fn after_reading(&mut self, depth: usize, read: Result<(), StoreError>) -> Result<(), StoreError> {
        match read {
            Ok(()) => {
                self.read_on(depth);
                Ok(())
            }
            Err(e) => {
                if !self.has_read_at(depth) {
                    self.stack.truncate(depth - 1);
                    self.unread = None;
                }
                Err(e)
            }
        }
    }

    /// The screen `depth` down the stack has had its data.
    fn read_on(&mut self, depth: usize) {
        if self.unread == Some(depth) {
            self.unread = None;
        }
    }

    /// Takes the top screen off the stack; a reading still out for it is
    /// not wanted.
    pub(super) fn pop(&mut self) -> Option<Box<dyn Screen>> {
        let popped = self.stack.pop();
        let depth = self.stack.len();
        if self.stacked.is_some_and(|(_, at)| at > depth) {
            self.stacked = None;
        }
        if self.unread.is_some_and(|at| at > depth) {
            self.unread = None;
        }
        popped
    }

    /// Empties the stack: any reading still out for it is not wanted.
    pub(super) fn clear_stack(&mut self) {
        self.stack.clear();
        (self.stacked, self.unread) = (None, None);
    }

    /// Whether the screen `depth` down the stack is waiting for the reader.
    pub(super) fn is_reading_at(&self, depth: usize) -> bool {
        self.stacked.is_some_and(|(_, at)| at == depth)
    }

    /// Whether the screen `depth` down the stack has had its data.
    pub(super) fn has_read_at(&self, depth: usize) -> bool {
        self.unread != Some(depth)
    }

    /// The data for a screen on the stack, unless asked again since or the
    /// screen is gone. A screen that never had its data and cannot have it
    /// is taken off, with the reason.
    pub(super) fn take_stacked(&mut self, ticket: Ticket, data: Result<Loaded, StoreError>) -> bool {
        let Some((_, depth)) = self.stacked.filter(|(number, _)| *number == ticket.number) else { return false };
        self.stacked = None;
        let Some(screen) = self.stack.get_mut(depth - 1) else { return false };
        let read = data.and_then(|data| take(screen, data, &self.store));
        if let Err(e) = self.after_reading(depth, read) {
            self.error(e.to_string());
        }
        true
    }
}

/// Gives `screen` the data read for it: a screen built whole takes its
/// place (see [`crate::ui::opening::Opening`]).
fn take(screen: &mut Box<dyn Screen>, data: Loaded, store: &Store) -> Result<(), StoreError> {
    match data {
        Loaded::Opened(built) => *screen = built,
        data => screen.loaded(data).map_err(|m| StoreError::Defect(format!("{}: {m}", screen.title())))?,
    }
    screen.follow(store);
    Ok(())
}
