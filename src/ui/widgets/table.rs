//! A virtualised table: only the rows on screen are built, so a list of
//! forty thousand placements draws as fast as one of forty.

use super::text::fit;
use crate::ui::event::Action;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};
use std::cell::Cell as Shared;

/// A column, shown only when the table is at least `min_width` wide.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    pub title: &'a str,
    pub width: Constraint,
    pub min_width: u16,
}

impl<'a> Column<'a> {
    pub const fn new(title: &'a str, width: Constraint) -> Column<'a> {
        Column { title, width, min_width: 0 }
    }

    pub const fn from_width(mut self, min_width: u16) -> Column<'a> {
        self.min_width = min_width;
        self
    }
}

/// The width of the mark before the selected row ("▶ ").
const SELECTION_MARK: u16 = 2;

/// The selected row and the scroll position of a table.
#[derive(Debug, Default)]
pub struct TableView {
    pub selected: usize,
    /// First row drawn; kept by rendering so scrolling feels stable.
    offset: Shared<usize>,
    /// Rows that fit, as last drawn, for paging.
    page: Shared<usize>,
}

/// How to draw one table.
pub struct TableLook<'a> {
    pub columns: &'a [Column<'a>],
    pub title: Line<'a>,
    pub focused: bool,
    /// Column index and ascending, for the header arrow.
    pub sort: Option<(usize, bool)>,
    /// Said when there are no rows.
    pub empty: &'a str,
    /// A cell cursor: the column highlighted in the selected row (the row
    /// itself is then only emboldened).
    pub cursor: Option<usize>,
}

impl TableView {
    /// Moves the selection; true when the action was a movement.
    pub fn step(&mut self, action: Action, len: usize) -> bool {
        let page = self.page.get().max(1);
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }

    /// Keeps the selection inside a list that may have shrunk.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    pub fn render<'a, 'b>(
        &self,
        frame: &mut Frame,
        area: Rect,
        len: usize,
        row: impl Fn(usize) -> Vec<Line<'a>>,
        look: TableLook<'b>,
        theme: &Theme,
    ) {
        let columns = look.columns;
        let border = if look.focused { theme.focus_border() } else { theme.dim() };
        let position = if len == 0 { String::new() } else { format!(" {} of {len} ", self.selected.min(len - 1) + 1) };
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(border)
            .title(look.title)
            .title_bottom(Line::from(position).right_aligned());
        let inner = block.inner(area);
        if len == 0 {
            frame.render_widget(Paragraph::new(Line::styled(look.empty, theme.dim())).block(block), area);
            return;
        }
        let shown: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].min_width <= area.width).collect();
        let height = inner.height.saturating_sub(1) as usize;
        self.page.set(height);
        let selected = self.selected.min(len - 1);
        let mut offset = self.offset.get().min(len.saturating_sub(height));
        if selected < offset {
            offset = selected;
        } else if selected >= offset + height {
            offset = selected + 1 - height;
        }
        self.offset.set(offset);

        let header = Row::new(shown.iter().map(|&i| {
            let arrow = match look.sort {
                Some((col, true)) if col == i => " ▲",
                Some((col, false)) if col == i => " ▼",
                _ => "",
            };
            Cell::from(format!("{}{arrow}", columns[i].title))
        }))
        .style(theme.header());
        let widths: Vec<Constraint> = shown.iter().map(|&i| columns[i].width).collect();
        let room = column_widths(&widths, inner.width);
        let rows = (offset..(offset + height).min(len)).map(|r| {
            let mut lines = row(r);
            let cursor = look.cursor.filter(|_| r == selected && look.focused);
            let cells: Vec<Cell> = shown
                .iter()
                .zip(&room)
                .map(|(&i, &width)| {
                    let cell = Cell::from(fit(std::mem::take(&mut lines[i]), width));
                    if cursor == Some(i) { cell.style(theme.selected()) } else { cell }
                })
                .collect();
            Row::new(cells)
        });
        let table = Table::new(rows, widths)
            .header(header)
            .block(block)
            .row_highlight_style(if look.focused && look.cursor.is_none() { theme.selected() } else { theme.title() })
            .column_spacing(1)
            .flex(Flex::Start)
            .highlight_symbol(if look.focused { "▶ " } else { "  " });
        let mut state = TableState::default().with_selected(Some(selected - offset));
        frame.render_stateful_widget(table, area, &mut state);
    }
}

/// The width of each column as the table lays them out: after the
/// selection mark, one space between columns.
fn column_widths(widths: &[Constraint], width: u16) -> Vec<usize> {
    let [_, columns] =
        Layout::horizontal([Constraint::Length(SELECTION_MARK), Constraint::Fill(0)]).areas(Rect::new(0, 0, width, 1));
    Layout::horizontal(widths.iter().copied())
        .flex(Flex::Start)
        .spacing(1)
        .split(columns)
        .iter()
        .map(|r| r.width as usize)
        .collect()
}

/// A right-aligned cell, for figures.
pub fn figure(text: String) -> Line<'static> {
    Line::from(text).right_aligned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_inside_the_list() {
        let mut view = TableView::default();
        assert!(view.step(Action::Up, 5));
        assert_eq!(view.selected, 0);
        view.step(Action::Bottom, 5);
        assert_eq!(view.selected, 4);
        view.step(Action::Down, 5);
        assert_eq!(view.selected, 4);
        view.page.set(3);
        view.step(Action::PageUp, 5);
        assert_eq!(view.selected, 1);
        view.step(Action::PageDown, 5);
        assert_eq!(view.selected, 4);
        assert!(!view.step(Action::Open, 5));
        view.clamp(2);
        assert_eq!(view.selected, 1);
        view.clamp(0);
        assert_eq!(view.selected, 0);
    }

    #[test]
    fn a_cell_too_long_for_its_column_ends_in_an_ellipsis() {
        let columns = [Column::new("Town", Constraint::Length(6)), Column::new("Note", Constraint::Min(4))];
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(24, 4)).unwrap();
        let theme = Theme { color: false };
        terminal
            .draw(|frame| {
                let look = TableLook {
                    columns: &columns,
                    title: Line::raw("t"),
                    focused: true,
                    sort: None,
                    empty: "",
                    cursor: None,
                };
                let row = |_| vec![Line::raw("Wolverhampton"), Line::raw("Settled; support plan updated")];
                TableView::default().render(frame, frame.area(), 1, row, look, &theme);
            })
            .unwrap();
        let text: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
        // 22 inside the borders: "▶ " then 6 for the town, a space, 13 for the note.
        assert!(text.contains("▶ Wolve… Settled; sup…│"), "{text}");
    }
}
