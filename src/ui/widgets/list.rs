//! A sortable, filterable list screen body, shared by the Providers and
//! Settings screens.

use super::table::{Column, TableLook, TableView};
use crate::ui::event::{Action, Command, Key};
use crate::ui::screen::View;
use crate::ui::theme::Theme;
use crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use std::cmp::Ordering;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// How a column sorts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Number(i64),
    Text(String),
}

/// A row of a list screen.
pub trait ListItem {
    const COLUMNS: &'static [Column<'static>];
    fn id(&self) -> i64;
    fn cells(&self, theme: &Theme) -> Vec<Line<'static>>;
    fn sort_key(&self, column: usize) -> SortKey;
    /// The text the filter searches.
    fn haystack(&self) -> String;
    /// Shown dimmed, and hidden unless asked for.
    fn archived(&self) -> bool {
        false
    }
}

pub struct ListView<T> {
    items: Vec<T>,
    haystacks: Vec<String>,
    visible: Vec<usize>,
    pub table: TableView,
    sort: (usize, bool),
    filter: Input,
    editing: bool,
    show_archived: bool,
    noun: &'static str,
    /// Said when there are no records at all.
    /// What to say when there are no records at all; by default, how to add one.
    empty: Option<String>,
    /// A cell cursor in the selected row, for grids.
    pub cursor: Option<usize>,
}

impl<T: ListItem> ListView<T> {
    pub fn new(noun: &'static str) -> ListView<T> {
        ListView {
            items: Vec::new(),
            haystacks: Vec::new(),
            visible: Vec::new(),
            table: TableView::default(),
            sort: (0, true),
            filter: Input::default(),
            editing: false,
            show_archived: false,
            noun,
            empty: None,
            cursor: None,
        }
    }

    /// What to say when there are no records at all.
    pub fn when_empty(mut self, text: impl Into<String>) -> ListView<T> {
        self.empty = Some(text.into());
        self
    }

    /// Starts sorted by `column`.
    pub fn sorted_by(mut self, column: usize, ascending: bool) -> ListView<T> {
        self.sort = (column, ascending);
        self
    }

    /// The keys a list adds to its screen.
    pub fn commands() -> Vec<Command> {
        vec![
            Command::new(
                Action::Filter,
                &[Key::char('/')],
                "filter",
                "Filter the list by typing (Enter keeps, Esc clears)",
            ),
            Command::new(Action::SortNext, &[Key::char('s')], "sort", "Sort by the next column"),
            Command::new(Action::SortReverse, &[Key::char('S')], "reverse", "Reverse the sort order").quiet(),
            Command::new(Action::ToggleArchived, &[Key::char('A')], "archived", "Show or hide archived records")
                .quiet(),
        ]
    }

    /// Replaces the rows, keeping the selected record selected.
    pub fn set_items(&mut self, items: Vec<T>) {
        let keep = self.selected().map(ListItem::id);
        self.haystacks = items.iter().map(|i| i.haystack().to_lowercase()).collect();
        self.items = items;
        self.refresh(keep);
    }

    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// The rows shown, filtered and sorted as on screen.
    pub fn shown(&self) -> impl Iterator<Item = &T> {
        self.visible.iter().map(|&i| &self.items[i])
    }

    pub fn selected(&self) -> Option<&T> {
        self.visible.get(self.table.selected).map(|&i| &self.items[i])
    }

    /// Selects the record with `id`, if it is shown.
    pub fn select(&mut self, id: i64) {
        if let Some(pos) = self.visible.iter().position(|&i| self.items[i].id() == id) {
            self.table.selected = pos;
        }
    }

    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }

    pub fn is_filtering(&self) -> bool {
        self.editing
    }

    pub fn filter_text(&self) -> &str {
        self.filter.value()
    }

    fn refresh(&mut self, keep: Option<i64>) {
        let needle = self.filter.value().trim().to_lowercase();
        self.visible = (0..self.items.len())
            .filter(|&i| self.show_archived || !self.items[i].archived())
            .filter(|&i| needle.split_whitespace().all(|word| self.haystacks[i].contains(word)))
            .collect();
        let (column, ascending) = self.sort;
        let items = &self.items;
        self.visible.sort_by(|&a, &b| {
            let order = items[a].sort_key(column).cmp(&items[b].sort_key(column));
            if ascending { order } else { order.reverse() }.then(Ordering::Equal)
        });
        self.table.clamp(self.visible.len());
        if let Some(id) = keep {
            self.select(id);
        }
    }

    /// Handles list actions; false when the action is not the list's.
    pub fn update(&mut self, action: Action) -> bool {
        let keep = self.selected().map(ListItem::id);
        match action {
            Action::Filter => self.editing = true,
            Action::SortNext => self.sort = ((self.sort.0 + 1) % T::COLUMNS.len(), true),
            Action::SortReverse => self.sort.1 = !self.sort.1,
            Action::ToggleArchived => self.show_archived = !self.show_archived,
            other => return self.table.step(other, self.visible.len()),
        }
        self.refresh(keep);
        true
    }

    /// Takes a key into the filter while it is being edited; false otherwise.
    pub fn take_key(&mut self, key: KeyEvent) -> bool {
        if !self.editing {
            return false;
        }
        self.filter_key(key);
        true
    }

    /// Text entry into the filter while it is being edited.
    fn filter_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Enter => self.editing = false,
            KeyCode::Esc => {
                self.editing = false;
                self.filter.reset();
            }
            KeyCode::Up | KeyCode::Down => {
                self.table.step(if key.code == KeyCode::Up { Action::Up } else { Action::Down }, self.visible.len());
                return;
            }
            _ => {
                self.filter.handle_event(&Event::Key(key));
            }
        }
        self.table.selected = 0;
        self.refresh(None);
    }

    /// Clears a kept filter; whether there was one.
    pub fn clear_filter(&mut self) -> bool {
        let had = !self.filter.value().is_empty();
        self.filter.reset();
        self.refresh(self.selected().map(ListItem::id));
        had
    }

    /// Which column the list is sorted by.
    pub fn sort_column(&self) -> usize {
        self.sort.0
    }

    /// Sorts by `column`, keeping the selected record selected.
    pub fn sort(&mut self, column: usize, ascending: bool) {
        let keep = self.selected().map(ListItem::id);
        self.sort = (column, ascending);
        self.refresh(keep);
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, title: &str, view: &View) {
        self.render_with(frame, area, title, T::COLUMNS, view);
    }

    /// Renders with columns worked out at draw time (e.g. month headers).
    pub fn render_with(&self, frame: &mut Frame, area: Rect, title: &str, columns: &[Column], view: &View) {
        let theme = view.theme;
        let show_filter = self.editing || !self.filter.value().is_empty();
        let [table_area, filter_area] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(u16::from(show_filter))]).areas(area);
        let archived = if self.show_archived { ", archived shown" } else { "" };
        let noun = self.noun;
        let empty = match &self.empty {
            _ if !self.items.is_empty() => {
                format!("No {noun} match {:?}. {} clears the filter.", self.filter.value(), view.key(Action::Cancel))
            }
            Some(text) => text.clone(),
            None if view.has(Action::New) => format!("No {noun} yet: press {} to add one.", view.key(Action::New)),
            None => format!("No {noun} yet."),
        };
        self.table.render(
            frame,
            table_area,
            self.visible.len(),
            |r| self.items[self.visible[r]].cells(theme),
            TableLook {
                columns,
                title: Line::from(vec![Span::styled(format!(" {title} "), theme.title()), Span::raw(archived)]),
                focused: !self.editing,
                sort: Some(self.sort),
                empty: &empty,
                cursor: self.cursor,
            },
            theme,
        );
        if show_filter {
            let matched = format!("   {} of {} match", self.visible.len(), self.items.len());
            let help = match self.editing {
                true => "   Enter keeps · Esc clears".to_string(),
                false => format!("   {} edits · Esc clears", view.key(Action::Filter)),
            };
            let line = Line::from(vec![
                Span::styled(" / ", theme.key()),
                Span::raw(self.filter.value().to_string()),
                Span::styled(matched, theme.dim()),
                Span::styled(help, theme.dim()),
            ]);
            frame.render_widget(line, filter_area);
            if self.editing {
                let x = filter_area.x + 3 + self.filter.visual_cursor() as u16;
                frame.set_cursor_position((x.min(filter_area.right().saturating_sub(1)), filter_area.y));
            }
        }
    }
}
