//! The first run: no database yet. Offer to create one where it will live,
//! or to look at the demo first; never a bare error.

use super::chrome::centered;
use super::theme::Theme;
use crate::error::{Error, Result};
use crossterm::event::{Event, KeyCode, KeyEventKind};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::path::Path;

/// What the person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Create,
    Demo,
    Quit,
}

/// The choice a key makes, if any.
pub fn choice(key: KeyCode) -> Option<Choice> {
    match key {
        KeyCode::Char('c') | KeyCode::Enter => Some(Choice::Create),
        KeyCode::Char('d') => Some(Choice::Demo),
        KeyCode::Char('q') | KeyCode::Esc => Some(Choice::Quit),
        _ => None,
    }
}

pub fn render(frame: &mut Frame, path: &Path, theme: &Theme) {
    let area = centered(frame.area(), 76, 14);
    frame.render_widget(Clear, area);
    let key = |k: &'static str| Span::styled(format!("  {k}  "), theme.key());
    let lines = vec![
        Line::styled("Welcome to Oversight", theme.title()),
        Line::raw(""),
        Line::raw("There is no Oversight database here yet:"),
        Line::styled(format!("  {}", path.display()), theme.header()),
        Line::raw(""),
        Line::from(vec![key("c"), Span::raw("create an empty database there and start (Enter)")]),
        Line::from(vec![
            key("d"),
            Span::raw("look around the demo first: a fictional county; nothing of yours is touched"),
        ]),
        Line::from(vec![key("q"), Span::raw("quit (use --db PATH to open a database somewhere else)")]),
        Line::raw(""),
        Line::styled("The file is readable by you alone; `oversight backup` copies it safely.", theme.dim()),
    ];
    let block = Block::new().borders(Borders::ALL).border_style(theme.focus_border());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

/// Asks on the terminal, and restores it before returning.
pub fn ask(path: &Path) -> Result<Choice> {
    let theme = Theme::from_env();
    let mut terminal = ratatui::try_init()
        .map_err(|e| Error::Environment(format!("cannot start the terminal interface (is this a terminal?): {e}")))?;
    let io = |e: std::io::Error| Error::Environment(format!("terminal error: {e}"));
    let answer = loop {
        if let Err(e) = terminal.draw(|f| render(f, path, &theme)) {
            break Err(io(e));
        }
        match crossterm::event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                if let Some(c) = choice(k.code) {
                    break Ok(c);
                }
            }
            Ok(_) => {}
            Err(e) => break Err(io(e)),
        }
    };
    ratatui::restore();
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn the_offer_names_the_path_and_each_key_chooses() {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| render(f, Path::new("/home/akhan/.local/share/oversight/oversight.db"), &Theme { color: false }))
            .unwrap();
        let text: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
        assert!(text.contains("/home/akhan/.local/share/oversight/oversight.db"));
        assert!(text.contains("create an empty database there"));
        assert_eq!(choice(KeyCode::Char('c')), Some(Choice::Create));
        assert_eq!(choice(KeyCode::Enter), Some(Choice::Create));
        assert_eq!(choice(KeyCode::Char('d')), Some(Choice::Demo));
        assert_eq!(choice(KeyCode::Esc), Some(Choice::Quit));
        assert_eq!(choice(KeyCode::Char('x')), None);
    }
}
