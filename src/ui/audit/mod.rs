//! The audit trail: every change, who made it, when, and what it changed,
//! for the whole database or one record. Filter with `/` by person, date,
//! record or value.

use super::app::{Ctx, Effect, Screen, View};
use super::event::{Action, Command, Key};
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::Column;
use crate::domain::code::Code;
use crate::store::audit::AuditEntry;
use crate::store::{Store, StoreError};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use words::Words;

mod words;

pub struct AuditRow {
    entry: AuditEntry,
    about: String,
    changes: Vec<String>,
    summary: String,
}

impl AuditRow {
    fn new(entry: AuditEntry, words: &Words) -> AuditRow {
        let changes = words.changes(&entry);
        AuditRow { about: words.about(&entry), summary: changes.join("; "), changes, entry }
    }
}

impl ListItem for AuditRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("When (UTC)", Constraint::Length(20)),
        Column::new("Who", Constraint::Length(12)),
        Column::new("Did", Constraint::Length(9)),
        Column::new("Record", Constraint::Min(20)),
        Column::new("What changed", Constraint::Min(20)).from_width(100),
    ];

    fn id(&self) -> i64 {
        self.entry.id
    }

    fn cells(&self, _theme: &Theme) -> Vec<Line<'static>> {
        let did = crate::store::audit::Action::parse_loose(&self.entry.action)
            .map_or(self.entry.action.clone(), |a| a.label().to_string());
        vec![
            Line::from(self.entry.at.clone()),
            Line::from(self.entry.user.clone()),
            Line::from(did),
            Line::from(self.about.clone()),
            Line::from(self.summary.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            1 => SortKey::Text(self.entry.user.to_lowercase()),
            2 => SortKey::Text(self.entry.action.clone()),
            3 => SortKey::Text(self.about.to_lowercase()),
            _ => SortKey::Number(self.entry.id),
        }
    }

    fn haystack(&self) -> String {
        format!("{} {} {} {} {}", self.entry.at, self.entry.user, self.entry.action, self.about, self.summary)
    }
}

/// The trail, whole or for one record.
pub struct AuditScreen {
    record: Option<(String, i64)>,
    /// The record in words, once read: "Reg 44 report, Laurel Place, Oct 2026".
    subject: String,
    list: ListView<AuditRow>,
    /// The change shown whole, the list shrunk to a few rows.
    expanded: bool,
}

impl AuditScreen {
    pub fn new(record: Option<(&str, i64)>) -> AuditScreen {
        AuditScreen {
            record: record.map(|(t, id)| (t.to_string(), id)),
            subject: record.map_or(String::new(), |(t, id)| format!("{} {id}", words::noun(t))),
            list: ListView::new("changes").sorted_by(0, false).when_empty("No changes recorded yet."),
            expanded: false,
        }
    }

    /// The trail for one record, loaded and ready to push.
    pub fn of(store: &Store, table: &str, id: i64) -> Effect {
        let mut screen = AuditScreen::new(Some((table, id)));
        screen.reload(store).map(|()| Effect::push(screen)).into()
    }
}

impl Screen for AuditScreen {
    fn title(&self) -> String {
        match &self.record {
            Some(_) => "Audit of one record".into(),
            None => "Audit".into(),
        }
    }

    fn commands(&self) -> Vec<Command> {
        let mut commands = ListView::<AuditRow>::commands();
        commands.push(Command::new(
            Action::Open,
            &[Key::plain(KeyCode::Enter)],
            if self.expanded { "less" } else { "all of it" },
            "Show the selected change whole (the list shrinks), or give the list its room again",
        ));
        commands
    }

    fn update(&mut self, action: Action, _ctx: &Ctx) -> Effect {
        match action {
            Action::Open => self.expanded = !self.expanded,
            other => {
                self.list.update(other);
            }
        }
        Effect::None
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let detail_rows = if self.expanded { area.height.saturating_sub(8).max(8) } else { 8 };
        let [list, detail] = Layout::vertical([Constraint::Min(6), Constraint::Length(detail_rows)]).areas(area);
        let title = match &self.record {
            Some(_) => format!("Audit trail of {}", self.subject),
            None => "Audit trail: every change, newest first".into(),
        };
        self.list.render(frame, list, &title, view);
        let lines: Vec<Line> = match self.list.selected() {
            Some(row) => {
                let mut lines = vec![Line::from(vec![
                    Span::styled(format!("{} · {} · ", row.entry.at, row.entry.user), theme.dim()),
                    Span::styled(row.about.clone(), theme.title()),
                ])];
                if row.changes.is_empty() {
                    lines.push(Line::styled("No field changed", theme.dim()));
                }
                lines.extend(row.changes.iter().cloned().map(Line::raw));
                // What does not fit says so, and how to see it.
                let inner = usize::from(detail.width.saturating_sub(2)).max(1);
                let needed: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
                let room = usize::from(detail.height.saturating_sub(2));
                if needed > room && !self.expanded {
                    let keep = room.saturating_sub(1);
                    let mut used = 0;
                    let mut shown = Vec::new();
                    for line in lines {
                        let rows = line.width().div_ceil(inner).max(1);
                        if used + rows > keep {
                            break;
                        }
                        used += rows;
                        shown.push(line);
                    }
                    shown
                        .push(Line::styled(format!("… more: {} shows all of it", view.key(Action::Open)), theme.dim()));
                    lines = shown;
                }
                lines
            }
            None => Vec::new(),
        };
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(" Before → after ", theme.title()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), detail);
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let record = self.record.as_ref().map(|(t, id)| (t.as_str(), *id));
        let entries = store.audit_entries(record)?;
        let names = store.audit_names(&entries)?;
        let words = Words { names: &names };
        let rows: Vec<AuditRow> = entries.into_iter().map(|e| AuditRow::new(e, &words)).collect();
        if let (Some(_), Some(last)) = (&self.record, rows.last()) {
            self.subject = last.about.clone();
        }
        self.list.set_items(rows);
        Ok(())
    }

    fn text_key(&mut self, key: KeyEvent) -> bool {
        self.list.take_key(key)
    }

    fn clear(&mut self) -> bool {
        self.list.clear_filter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_shows_a_change_whole_and_enter_again_gives_the_list_its_room() {
        let dir = tempfile::TempDir::new().unwrap();
        let store = Store::open(&dir.path().join("o.db"), crate::domain::date::parse("2026-12-01").unwrap()).unwrap();
        let policy = crate::domain::policy::Policy::default();
        let ctx = Ctx { store: &store, policy: &policy, officer: None, keys: &[] };
        let mut screen = AuditScreen::new(None);
        let hint = |s: &AuditScreen| s.commands().into_iter().find(|c| c.action == Action::Open).map(|c| c.hint);
        assert_eq!(hint(&screen), Some("all of it"));
        assert!(matches!(screen.update(Action::Open, &ctx), Effect::None));
        assert!(screen.expanded);
        assert_eq!(hint(&screen), Some("less"), "the footer says what Enter does now");
        screen.update(Action::Open, &ctx);
        assert!(!screen.expanded);
    }
}
