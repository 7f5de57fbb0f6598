//! The screen at the bottom of the stack (one opened from the go-to popup
//! past the numbered ten): read on the reader thread, as the main screens
//! are, and its answer dropped once the screen is gone.

use super::App;
use crate::store::StoreError;
use crate::ui::reader::{Loaded, STACKED, Ticket};
use crate::ui::screen::Screen;

impl App {
    /// Re-reads the screen at the bottom of the stack: on the reader when
    /// there is one and the screen is slow to read, else here. What it
    /// showed stays until the new data comes.
    pub(super) fn read_stacked(&mut self) -> Result<(), StoreError> {
        let Some(screen) = self.stack.first_mut() else { return Ok(()) };
        match (&self.reader, screen.load()) {
            (Some(reader), Some(load)) => {
                self.tickets += 1;
                self.stacked = Some(self.tickets);
                reader.send(Ticket { tab: STACKED, number: self.tickets, urgent: true }, load);
            }
            _ => {
                screen.reload(&self.store)?;
                self.stacked_read = true;
            }
        }
        Ok(())
    }

    /// Takes the top screen off the stack; the last one's reading, if
    /// still out, is not wanted.
    pub(super) fn pop(&mut self) -> Option<Box<dyn Screen>> {
        let popped = self.stack.pop();
        if self.stack.is_empty() {
            self.stacked = None;
        }
        popped
    }

    /// Empties the stack: any reading still out for it is not wanted.
    pub(super) fn clear_stack(&mut self) {
        self.stack.clear();
        self.stacked = None;
    }

    /// The data for the screen at the bottom of the stack, unless asked
    /// again since or the screen is gone.
    pub(super) fn take_stacked(&mut self, ticket: Ticket, data: Result<Loaded, StoreError>) -> bool {
        if self.stacked != Some(ticket.number) {
            return false;
        }
        self.stacked = None;
        let Some(screen) = self.stack.first_mut() else { return false };
        let taken = data
            .and_then(|data| screen.loaded(data).map_err(|m| StoreError::Defect(format!("{}: {m}", screen.title()))));
        match taken {
            Ok(()) => {
                screen.follow(&self.store);
                self.stacked_read = true;
            }
            Err(e) => self.error(e.to_string()),
        }
        true
    }
}
