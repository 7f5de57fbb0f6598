//! Colours and the symbols that go with them. Colour always travels with a
//! symbol or word, and `NO_COLOR` turns colour off entirely.

use crate::domain::rating::{Judgement, Severity};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless the `NO_COLOR` convention asks otherwise.
    pub fn from_env() -> Theme {
        Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color { Style::new().fg(color) } else { Style::new() }
    }

    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Outstanding => self.fg(Color::LightBlue),
            Severity::Good => self.fg(Color::Green),
            Severity::RequiresImprovement => self.fg(Color::Yellow),
            Severity::Inadequate => self.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    /// "✖ Inadequate" in red, "● Good" in green, "– none" dim.
    pub fn judgement(&self, judgement: Option<Judgement>, short: bool) -> Span<'static> {
        match judgement {
            Some(j) => Span::styled(
                format!("{} {}", j.symbol(), if short { j.short() } else { j.label() }),
                self.severity(j.severity()),
            ),
            None => Span::styled("– none", self.dim()),
        }
    }

    pub fn dim(&self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new() }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn header(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Something to check, not an error: the save still goes ahead.
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan)
    }

    /// The read-only warning bar.
    pub fn banner(&self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn tab_active(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
}
