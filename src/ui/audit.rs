//! The audit trail: every change, who made it, when, and what it changed,
//! for the whole database or one record. Filter with `/` by person, date,
//! record or value.

use super::app::{Ctx, Effect, Screen};
use super::event::{Action, Command};
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::Column;
use crate::domain::code::Code;
use crate::store::audit::{self, AuditEntry};
use crate::store::{Store, StoreError};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Wrap};
use serde_json::{Map, Value};

/// The fields of a record as the trail stored it.
fn fields(json: Option<&str>) -> Map<String, Value> {
    match json.and_then(|j| serde_json::from_str::<Value>(j).ok()) {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn show(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "–".into(),
        Some(Value::String(s)) if s.is_empty() => "–".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// What changed, field by field: `places: 3 → 4`.
pub fn changes(entry: &AuditEntry) -> Vec<String> {
    let (before, after) = (fields(entry.before.as_deref()), fields(entry.after.as_deref()));
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).filter(|k| *k != "version" && *k != "id").collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| match (before.contains_key(k), after.contains_key(k)) {
            (true, true) => format!("{k}: {} → {}", show(before.get(k)), show(after.get(k))),
            (false, _) => format!("{k}: {}", show(after.get(k))),
            (true, false) => format!("{k}: {} (removed)", show(before.get(k))),
        })
        .collect()
}

/// A record's name in the trail, from what it held.
fn name_of(entry: &AuditEntry) -> String {
    let after = fields(entry.after.as_deref());
    let before = fields(entry.before.as_deref());
    let named = ["name", "title", "reference", "child_ref", "description", "text"]
        .iter()
        .find_map(|k| after.get(*k).or(before.get(*k)).and_then(Value::as_str).map(|s| crate::domain::excerpt(s, 40)));
    let record = match entry.entity_id {
        Some(id) => format!("{} #{id}", entry.entity),
        None => entry.entity.clone(),
    };
    named.map_or(record.clone(), |n| format!("{record} {n}"))
}

pub struct AuditRow {
    entry: AuditEntry,
    about: String,
    summary: String,
}

impl AuditRow {
    fn new(entry: AuditEntry) -> AuditRow {
        let summary = changes(&entry).join("; ");
        AuditRow { about: name_of(&entry), summary, entry }
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

    fn cells(&self, _theme: &Theme) -> Vec<Cell<'static>> {
        let did = crate::store::audit::Action::parse_loose(&self.entry.action)
            .map_or(self.entry.action.clone(), |a| a.label().to_string());
        vec![
            Cell::from(self.entry.at.clone()),
            Cell::from(self.entry.user.clone()),
            Cell::from(did),
            Cell::from(self.about.clone()),
            Cell::from(self.summary.clone()),
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

    fn archived(&self) -> bool {
        false
    }
}

/// The trail, whole or for one record.
pub struct AuditScreen {
    record: Option<(String, i64)>,
    list: ListView<AuditRow>,
}

impl AuditScreen {
    pub fn new(record: Option<(&str, i64)>) -> AuditScreen {
        AuditScreen {
            record: record.map(|(t, id)| (t.to_string(), id)),
            list: ListView::new("changes").sorted_by(0, false).when_empty("No changes recorded yet."),
        }
    }

    /// The trail for one record, loaded and ready to push.
    pub fn of(store: &Store, table: &str, id: i64) -> Effect {
        let mut screen = AuditScreen::new(Some((table, id)));
        screen.reload(store).map(|()| Effect::Push(Box::new(screen))).into()
    }
}

impl Screen for AuditScreen {
    fn title(&self) -> String {
        match &self.record {
            Some((table, id)) => format!("Audit: {table} #{id}"),
            None => "Audit".into(),
        }
    }

    fn commands(&self) -> Vec<Command> {
        ListView::<AuditRow>::commands()
    }

    fn update(&mut self, action: Action, _ctx: &Ctx) -> Effect {
        self.list.update(action);
        Effect::None
    }

    fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [list, detail] = Layout::vertical([Constraint::Min(6), Constraint::Length(8)]).areas(area);
        let title = match &self.record {
            Some((table, id)) => format!("Audit trail of {table} #{id}"),
            None => "Audit trail: every change, newest first".into(),
        };
        self.list.render(frame, list, &title, theme);
        let lines: Vec<Line> = match self.list.selected() {
            Some(row) => {
                let mut lines = vec![Line::from(vec![
                    Span::styled(format!("{} · {} · ", row.entry.at, row.entry.user), theme.dim()),
                    Span::styled(row.about.clone(), theme.title()),
                ])];
                let changed = changes(&row.entry);
                if changed.is_empty() {
                    lines.push(Line::styled(format!("{}: no field changed", row.entry.action), theme.dim()));
                }
                lines.extend(changed.into_iter().map(Line::raw));
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
        self.list.set_items(audit::entries(store.conn(), record)?.into_iter().map(AuditRow::new).collect());
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

    fn entry(before: Option<&str>, after: Option<&str>) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: "2026-11-24 09:00:00Z".into(),
            user: "akhan".into(),
            action: "update".into(),
            entity: "settings".into(),
            entity_id: Some(12),
            before: before.map(String::from),
            after: after.map(String::from),
        }
    }

    #[test]
    fn changes_name_each_field_that_moved() {
        let e = entry(
            Some(r#"{"id":12,"version":1,"name":"Oak House","places":3,"town":""}"#),
            Some(r#"{"id":12,"version":2,"name":"Oak House","places":4,"town":"Leek"}"#),
        );
        assert_eq!(changes(&e), ["places: 3 → 4", "town: – → Leek"]);
        assert_eq!(name_of(&e), "settings #12 Oak House");
        let added = entry(None, Some(r#"{"id":12,"version":1,"name":"Oak House"}"#));
        assert_eq!(changes(&added), ["name: Oak House"]);
    }
}
