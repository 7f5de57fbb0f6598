//! The help popup, drawn from the same command lists as the footer.

use super::app::{App, Overlay};
use super::chrome::centered;
use super::event::Command;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The help text for the current screen: its keys, then the global ones.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let section = |title: String, commands: Vec<Command>| {
        let mut out = vec![Line::styled(title, theme.header())];
        out.extend(commands.into_iter().map(|c| {
            Line::from(vec![Span::styled(format!("  {:<16}", c.keys_label()), theme.key()), Span::raw(c.help)])
        }));
        out.push(Line::raw(""));
        out
    };
    let mut out = section(format!("On {}", app.screen().title()), app.screen_commands());
    out.extend(section("Moving".into(), app.movement()));
    out.extend(section("Everywhere".into(), app.global()));
    let (form, yes) = app.form_keys();
    out.extend(section("In forms".into(), form.into_iter().chain(yes).collect()));
    out.extend(
        [
            "In choices: ←/→ or Space change it, or type its first letter",
            "In dates: t today · + a day later · - a day earlier · YYYY-MM-DD or DD/MM/YYYY",
        ]
        .map(|text| Line::styled(text, theme.dim())),
    );
    out.push(Line::raw(""));
    out.push(Line::styled("How do I…", theme.header()));
    for (question, answer) in HOW_TO {
        out.push(Line::styled(format!("  {question}"), theme.title()));
        out.extend(answer.iter().map(|a| Line::raw(format!("    {a}"))));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!("Database: {} · working as {} on {}", app.store.path().display(), app.store.user(), app.store.today()),
        theme.dim(),
    ));
    out
}

/// The three jobs people open Oversight for, step by step.
const HOW_TO: [(&str, &[&str]); 3] = [
    (
        "…log a visit? (contract officer)",
        &[
            "3 Schedule, most overdue first; / to find the setting; v logs the visit: date, your name,",
            "outcome, notes, follow-up; Ctrl-S. Concerns move it to tier 2 at once; Enter shows why.",
        ],
    ),
    (
        "…review an inadequate provider and issue a stop? (QA lead)",
        &[
            "0 Dashboard: the red numbers; 1 Providers, s to sort by worst judgement, Enter on one.",
            "R records the concern; S issues the stop (whole provider, or ←/→ for one setting).",
            "7 Stops, Enter: c the checklist, r each child's review, L the plan, N the notice, l lifts.",
        ],
    ),
    (
        "…prepare the board pack? (board preparation)",
        &[
            "8 Board: the month's Inadequate and RI settings with children placed; ←/→ the month;",
            "Enter writes each commentary; w writes the pack (HTML prints to A4).",
        ],
    ),
];

pub fn key(scroll: u16, key: KeyEvent) -> Option<Overlay> {
    match key.code {
        KeyCode::Down | KeyCode::Char('j') => Some(Overlay::Help { scroll: scroll.saturating_add(1) }),
        KeyCode::Up | KeyCode::Char('k') => Some(Overlay::Help { scroll: scroll.saturating_sub(1) }),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(Overlay::Help { scroll: scroll.saturating_add(10) }),
        KeyCode::PageUp => Some(Overlay::Help { scroll: scroll.saturating_sub(10) }),
        _ => None,
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let text = lines(app);
    let rect = centered(area, 92, text.len() as u16 + 3);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.focus_border())
        .title(Span::styled(" Help ", app.theme.title()))
        .title_bottom(Line::styled(" ↑/↓ scroll · any other key closes ", app.theme.dim()).right_aligned());
    let max_scroll = (text.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    frame.render_widget(Paragraph::new(text).block(block).scroll((scroll.min(max_scroll), 0)), rect);
}
