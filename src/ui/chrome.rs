//! The frame around every screen: tabs, read-only banner, status line,
//! footer hints, and the small popups.

use super::app::{App, MIN_SIZE, MORE, TABS, Tab};
use super::event::Command;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A rectangle of at most `width` × `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let (w, h) = (width.min(area.width), height.min(area.height));
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled("Please enlarge the terminal", theme.title()),
        Line::raw(format!("Oversight needs at least {}×{};", MIN_SIZE.0, MIN_SIZE.1)),
        Line::raw(format!("this one is {}×{}.", area.width, area.height)),
        Line::raw("q quits."),
    ];
    let height = (text.len() as u16).min(area.height);
    let top = Rect { y: area.y + area.height.saturating_sub(height) / 2, height, ..area };
    frame.render_widget(Paragraph::new(text).alignment(Alignment::Center).wrap(Wrap { trim: true }), top);
}

/// In place of a screen whose data is still being read for the first time.
pub fn reading(frame: &mut Frame, area: Rect, theme: &Theme) {
    let top = Rect { y: area.y + area.height / 2, height: 1.min(area.height), ..area };
    frame.render_widget(Line::styled("Reading the data…", theme.dim()).centered(), top);
}

/// The tabs, then the date. The current tab is named in full; the others
/// by full name, by short name, or by number alone, whichever fits on every
/// screen alike, so the bar does not change shape from one screen to the next.
pub fn top_bar(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let demo = if app.demo { "DEMO · " } else { "" };
    let right = format!("{demo}{} ", app.store.today().format("%a %-d %b %Y"));
    let room = (area.width as usize).saturating_sub(TITLE.chars().count() + 1 + right.chars().count());
    let names = [|t: &Tab| t.name, |t: &Tab| t.short, |_: &Tab| ""];
    let naming = names.into_iter().find(|name| tabs_width(*name) <= room).unwrap_or(names[2]);
    let mut spans = vec![Span::styled(TITLE, theme.title()), Span::raw(" ")];
    for (i, tab) in TABS.iter().enumerate() {
        let (style, name) = if i == app.tab() { (theme.tab_active(), tab.name) } else { (theme.dim(), naming(tab)) };
        spans.push(Span::styled(tab_label(i, name), style));
    }
    frame.render_widget(Line::from(spans), area);
    frame.render_widget(Line::styled(right, theme.dim()).right_aligned(), area);
}

const TITLE: &str = " Oversight ";

/// " 4 Reg 44 ", or " 4 " without a name.
fn tab_label(i: usize, name: &str) -> String {
    if name.is_empty() { format!(" {i} ") } else { format!(" {i} {name} ") }
}

/// The width of the tabs named so, whichever of them is current (the widest
/// case: the longest full name current).
fn tabs_width(naming: fn(&Tab) -> &'static str) -> usize {
    let others: usize = TABS.iter().enumerate().map(|(i, t)| tab_label(i, naming(t)).chars().count()).sum();
    let widest = TABS
        .iter()
        .enumerate()
        .map(|(i, t)| tab_label(i, t.name).chars().count() as isize - tab_label(i, naming(t)).chars().count() as isize)
        .max()
        .unwrap_or(0);
    others + widest.max(0) as usize
}

pub fn read_only_banner(app: &App, frame: &mut Frame, area: Rect) {
    let text = format!(" READ-ONLY: {} cannot be written; every change will be refused ", app.store.path().display());
    frame.render_widget(Line::styled(text, app.theme.banner()), area);
}

pub fn status_line(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    match &app.status {
        // A message too long for the line ends in "…" rather than mid-word.
        Some(s) => {
            let (mark, style) = if s.error { ("✖", theme.error()) } else { ("✔", theme.ok()) };
            let line = Line::styled(format!(" {mark} {}", s.text), style);
            frame.render_widget(super::widgets::text::fit(line, usize::from(area.width)), area)
        }
        None => {
            let reading = if app.is_reading_shown() { " · reading the latest data…" } else { "" };
            let crumbs = format!(" {}{reading}", app.breadcrumb().join(" › "));
            let room = (area.width as usize).saturating_sub(crumbs.chars().count() + 4);
            let place = format!("{} · {}", app.store.user(), app.store.path().display());
            let place = match place.chars().count() {
                n if n > room => {
                    format!("…{}", place.chars().skip(n + 1 - room).collect::<String>())
                }
                _ => place,
            };
            frame.render_widget(Line::styled(crumbs, theme.dim()), area);
            frame.render_widget(Line::styled(format!("{place} "), theme.dim()).right_aligned(), area);
        }
    }
}

/// The footer: as many of the screen's hints as fit, then always the
/// global ones (help, back), so `?` is never crowded out.
pub fn footer(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let hints = |commands: &[Command]| -> Vec<(String, &'static str)> {
        let previous = |n: usize| n.checked_sub(1).map(|p| &commands[p]);
        commands
            .iter()
            .enumerate()
            .filter(|(_, c)| c.footer)
            .map(|(n, c)| (c.footer_keys(previous(n)), c.hint))
            .collect()
    };
    let width = |(key, hint): &(String, &str)| key.chars().count() + hint.chars().count() + 3;
    let global = hints(&app.global());
    let mut room = (area.width as usize).saturating_sub(global.iter().map(width).sum());
    let mut shown = Vec::new();
    for h in hints(&app.screen_commands()) {
        if width(&h) > room {
            break;
        }
        room -= width(&h);
        shown.push(h);
    }
    let spans: Vec<Span> = shown
        .into_iter()
        .chain(global)
        .flat_map(|(key, hint)| [Span::styled(format!(" {key}"), theme.key()), Span::raw(format!(" {hint} "))])
        .collect();
    frame.render_widget(Line::from(spans), area);
}

fn popup<'a>(frame: &mut Frame, area: Rect, title: &'a str, theme: &Theme) -> Block<'a> {
    frame.render_widget(Clear, area);
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {title} "), theme.title()))
}

pub fn jump(app: &App, frame: &mut Frame, area: Rect, selected: usize) {
    let theme = &app.theme;
    let rect = centered(area, 36, (TABS.len() + MORE.len()) as u16 + 4);
    let block = popup(frame, rect, "Go to", theme);
    let numbered = TABS.iter().enumerate().map(|(i, tab)| (i.to_string(), tab.name));
    let lettered = MORE.iter().map(|m| (m.key.to_string(), m.name));
    let mut lines: Vec<Line> = numbered
        .chain(lettered)
        .enumerate()
        .map(|(i, (key, name))| {
            let style = if i == selected { theme.selected() } else { theme.title() };
            Line::styled(format!(" {key}  {name}"), style)
        })
        .collect();
    let go = super::event::key_name(&app.jump_keys(), super::event::Action::Open);
    lines.push(Line::styled(format!(" number, letter or {go}"), theme.dim()));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

pub fn confirm(app: &App, frame: &mut Frame, area: Rect, question: &str) {
    let theme = &app.theme;
    let rect = centered(area, 64, 7);
    let block = popup(frame, rect, "Please confirm", theme);
    let lines = vec![
        Line::raw(question.to_string()),
        Line::raw(""),
        Line::from(vec![
            Span::styled(super::event::key_name(&app.form_keys().1, super::event::Action::Yes), theme.key()),
            Span::raw(" yes   "),
            Span::styled("any other key", theme.key()),
            Span::raw(" no"),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), rect);
}
