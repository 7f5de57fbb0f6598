//! A setting's decommissioning review on its screen: a line under the
//! header while it is open, and a pane of its steps.

use super::theme::Theme;
use super::widgets::table::{Column, TableLook, TableView};
use crate::domain::decommission::{Review, Step};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

const COLUMNS: &[Column<'static>] = &[
    Column::new("Step", Constraint::Min(24)),
    Column::new("Owner", Constraint::Length(32)),
    Column::new("Due", Constraint::Length(10)),
    Column::new("Done", Constraint::Length(10)),
    Column::new("Stands", Constraint::Length(16)),
];

/// " ⚑ Decommissioning review open since …: 1 of 4 steps done; next: …".
pub fn banner(review: &Review, today: NaiveDate, key: &str, theme: &Theme) -> Line<'static> {
    let style = if review.overdue(today).is_empty() { theme.key() } else { theme.error() };
    Line::styled(
        format!(" ⚑ Decommissioning review since {}: {} · {key} works it", review.opened_on, review.progress(today)),
        style,
    )
}

/// Its steps, one a row, with the decision on the last.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    view: &TableView,
    review: &Review,
    title: Line<'static>,
    today: NaiveDate,
    theme: &Theme,
) {
    let row = |at: usize| {
        let step = Step::ALL[at];
        let task = review.task(step);
        let stands = match (task.done_on, step, review.decision) {
            (Some(_), Step::Decide, Some(d)) => Line::from(d.label()),
            (Some(_), ..) => Line::from("done"),
            (None, ..) if task.due < today => Line::from(Span::styled("▲ overdue", theme.error())),
            (None, ..) => Line::from("to do"),
        };
        vec![
            Line::from(step.label()),
            Line::from(task.owner.clone()),
            Line::from(task.due.to_string()),
            Line::from(task.done_on.map_or_else(String::new, |d| d.to_string())),
            stands,
        ]
    };
    let look = TableLook { columns: COLUMNS, title, focused: true, sort: None, empty: "", cursor: None };
    view.render(frame, area, Step::ALL.len(), row, look, theme);
}
