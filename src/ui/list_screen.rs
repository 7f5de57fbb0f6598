//! A main screen that is one sortable, filterable list of records. Each kind
//! of row says how it loads, which keys it adds and what they do.

use super::app::{Ctx, Effect, Lens, Screen, View};
use super::audit::AuditScreen;
use super::event::{Action, Command};
use super::loaded::{Mismatch, Rows};
use super::reader::{Load, Loaded};
use super::widgets::list::{ListItem, ListView};
use crate::store::{Record, RecordRef};
use crate::store::{Store, StoreError};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

pub trait Listed: ListItem + Rows + Send + Sized + 'static {
    const TITLE: &'static str;
    /// The plural for "No … yet".
    const NOUN: &'static str;
    /// The record whose newly saved rows the list selects.
    type Record: Record;
    /// The column the list starts sorted by, and whether ascending; ties
    /// keep the order `load` gives.
    const SORT: (usize, bool) = (0, true);
    fn load(store: &Store) -> Result<Vec<Self>, StoreError>;
    /// The screen's own keys; the list's come after them.
    fn commands() -> Vec<Command>;
    /// What `action` means with `selected` (none in an empty list), in `list`.
    fn act(action: Action, selected: Option<&Self>, list: &ListView<Self>, ctx: &Ctx) -> Effect;
}

pub struct ListScreen<T> {
    list: ListView<T>,
}

impl<T: Listed> ListScreen<T> {
    pub fn new() -> ListScreen<T> {
        ListScreen { list: ListView::new(T::NOUN).sorted_by(T::SORT.0, T::SORT.1) }
    }
}

impl<T: Listed> Default for ListScreen<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Listed> Screen for ListScreen<T> {
    fn title(&self) -> String {
        T::TITLE.into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = T::commands();
        c.extend(ListView::<T>::commands());
        c.push(Command::audit());
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.list.update(action) {
            return Effect::None;
        }
        if action == Action::Audit {
            return self.list.selected().map_or(Effect::None, |r| AuditScreen::of(ctx.store, T::Record::TABLE, r.id()));
        }
        T::act(action, self.list.selected(), &self.list, ctx)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.list.render(frame, area, T::TITLE, view);
    }

    fn load(&self) -> Option<Load> {
        Some(Box::new(|store: &Store| Ok(T::loaded(T::load(store)?))))
    }

    fn loaded(&mut self, data: Loaded) -> Result<(), Mismatch> {
        self.list.set_items(T::rows(data)?);
        Ok(())
    }

    fn text_key(&mut self, key: KeyEvent) -> bool {
        self.list.take_key(key)
    }

    fn clear(&mut self) -> bool {
        self.list.clear_filter()
    }

    fn focus(&mut self, lens: Lens) {
        if let Lens::SortedBy(column, ascending) = lens {
            self.list.sort(column, ascending);
        }
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<T::Record>() {
            self.list.select(id);
        }
    }
}
