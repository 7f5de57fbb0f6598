//! The help popup, drawn from the same command lists as the footer.

use super::app::{App, Overlay};
use super::chrome::centered;
use super::event::{Action, Command, key_name};
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
    let jump = key_name(&app.global(), Action::Jump);
    out.push(Line::styled(format!("More screens ({jump}, then the letter)"), theme.header()));
    out.extend(
        super::app::MORE
            .iter()
            .map(|m| Line::from(vec![Span::styled(format!("  {:<16}", m.key), theme.key()), Span::raw(m.help)])),
    );
    out.push(Line::raw(""));
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
        out.extend(answer.iter().map(|a| Line::raw(format!("    {}", app.keymap.say(a)))));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!("Database: {} · working as {} on {}", app.store.path().display(), app.store.user(), app.store.today()),
        theme.dim(),
    ));
    out
}

/// The three jobs people open Oversight for, step by step. `{v:log_visit}`
/// names the key for an action as the user has it (`v` unless `keys.toml`
/// changed it); see `Keymap::say`.
const HOW_TO: [(&str, &[&str]); 3] = [
    (
        "…log a visit? (contract officer)",
        &[
            "3 Schedule, most overdue first; {/:filter} to find the setting; {v:log_visit} logs the visit: date,",
            "your name, outcome, notes, follow-up; {ctrl-s:save}. Concerns move it to tier 2 at once; {enter:open} shows why.",
        ],
    ),
    (
        "…review an inadequate provider and issue a stop? (QA lead)",
        &[
            "0 Dashboard: the red numbers; 1 Providers, {s:sort_next} to sort by worst judgement, {enter:open} on one.",
            "{R:raise_concern} records the concern; {S:issue_stop} issues the stop (whole provider, or ←/→ for one setting).",
            "7 Stops, {enter:open}: {c:checklist} the checklist, {r:review} each child's review, {L:request_plan} the plan,",
            "{N:export} the notice, {l:lift} lifts.",
        ],
    ),
    (
        "…prepare the board pack? (board preparation)",
        &[
            "8 Board: the month's Inadequate and RI settings with children placed; {left:prev_column}/{right:next_column}",
            "the month; {enter:edit} writes each commentary; {w:export} writes the pack (HTML prints to A4).",
        ],
    ),
];

/// The help after a key whose moving action (if any) is `action`: scrolled,
/// or closed by any other key.
pub fn scrolled(scroll: u16, action: Option<Action>) -> Option<Overlay> {
    let scroll = match action? {
        Action::Down => scroll.saturating_add(1),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(10),
        Action::PageUp => scroll.saturating_sub(10),
        Action::Top => 0,
        _ => return None,
    };
    Some(Overlay::Help { scroll })
}

/// "↑/↓": the keys that scroll the help.
fn scroll_keys(app: &App) -> String {
    let moving = app.movement();
    format!("{}/{}", key_name(&moving, Action::Up), key_name(&moving, Action::Down))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let text = lines(app);
    let rect = centered(area, 92, text.len() as u16 + 3);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.focus_border())
        .title(Span::styled(" Help ", app.theme.title()))
        .title_bottom(
            Line::styled(format!(" {} scroll · any other key closes ", scroll_keys(app)), app.theme.dim())
                .right_aligned(),
        );
    let max_scroll = (text.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    frame.render_widget(Paragraph::new(text).block(block).scroll((scroll.min(max_scroll), 0)), rect);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::keymap::Keymap;

    #[test]
    fn how_to_names_the_keys_the_user_has() {
        let defaults = Keymap::default();
        for (_, answer) in HOW_TO {
            for line in answer.iter() {
                let text = defaults.say(line);
                assert!(!text.contains('{') && !text.contains('}'), "a key left unnamed: {text}");
            }
        }
        assert_eq!(defaults.say("{v:log_visit} logs it; {ctrl-s:save}"), "v logs it; Ctrl-S");
        let (mine, problems) = super::super::keymap::parse("log_visit = \"V\"\nsave = \"f2\"");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(mine.say("{v:log_visit} logs it; {ctrl-s:save}"), "V logs it; F2");
        assert_eq!(mine.say("{v:no_such_action}"), "{v:no_such_action}", "a bad token shows as written");
    }
}
