//! A quality score's components as table rows: the Provider screen's Score
//! pane and the Setting screen's both show them so.

use super::table::{Column, figure};
use crate::domain::score::Component;
use crate::ui::theme::Theme;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

pub const COLUMNS: &[Column<'static>] = &[
    Column::new("Component", Constraint::Length(24)),
    Column::new("Points", Constraint::Length(11)),
    Column::new("Weight", Constraint::Length(6)),
    Column::new("Rests on", Constraint::Min(30)),
];

/// One component's row: greyed when it has no evidence or no weight.
pub fn cells(c: &Component, theme: &Theme) -> Vec<Line<'static>> {
    let points = match c.points {
        Some(p) => figure(format!("{p:.0}")),
        None => Line::from(Span::styled("no evidence", theme.dim())).right_aligned(),
    };
    let cells = vec![Line::from(c.name), points, figure(c.weight.to_string()), Line::from(c.basis.clone())];
    if c.points.is_some() && c.weight > 0 { cells } else { cells.into_iter().map(|l| l.style(theme.dim())).collect() }
}
