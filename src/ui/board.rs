//! Board preparation: the month's Inadequate and Requires improvement
//! settings with children placed, the QA lead's commentary on each, a
//! preview of what the pack will say, and `g` to write the pack.

use super::app::{Ctx, Effect, Screen, View};
use super::event::{Action, Command, Key};
use super::forms::export::{Render, export_form};
use super::forms::{Choice, Field, record_form};
use super::loaded::Mismatch;
use super::reader::{Load, Loaded};
use super::widgets::table::{Column, TableLook, TableView};
use crate::domain::board::BoardNote;
use crate::domain::date::Month;
use crate::domain::plural;
use crate::domain::policy::Policy;
use crate::report::board as pack_text;
use crate::store::RecordRef;
use crate::store::board::{self, BoardPack};
use crate::store::{Store, Stored};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::collections::HashMap;
use std::sync::Arc;

const COLUMNS: &[Column<'static>] = &[
    Column::new("Judgement", Constraint::Length(14)),
    Column::new("Setting", Constraint::Min(18)),
    Column::new("Provider", Constraint::Min(14)).from_width(110),
    Column::new("Tier", Constraint::Length(4)),
    Column::new("Kids", Constraint::Length(4)),
    Column::new("Note", Constraint::Length(4)),
];

pub struct BoardScreen {
    policy: Policy,
    month: Month,
    today: NaiveDate,
    pack: Option<BoardPack>,
    notes: HashMap<i64, Stored<BoardNote>>,
    view: TableView,
}

impl BoardScreen {
    pub fn new(policy: &Policy, today: NaiveDate) -> BoardScreen {
        BoardScreen {
            policy: policy.clone(),
            month: Month::of(today),
            today,
            pack: None,
            notes: HashMap::new(),
            view: TableView::default(),
        }
    }

    fn focus_len(&self) -> usize {
        self.pack.as_ref().map_or(0, |p| p.focus.len())
    }

    fn commentary_form(&self) -> Effect {
        let Some(s) = self.pack.as_ref().and_then(|p| p.focus.get(self.view.selected)) else {
            return Effect::Error("No setting to comment on this month".into());
        };
        let existing = self.notes.get(&s.setting_id);
        let (month, setting_id) = (self.month, s.setting_id);
        let text = existing.map_or("", |n| n.value.text.as_str());
        let fields = vec![
            Field::text("commentary", "Commentary", text, 4000)
                .hint("what the board should know: progress, risks, what the council is doing"),
        ];
        let build = move |v: &super::forms::Values| Ok(BoardNote { month, setting_id, text: v.text("commentary") });
        let mut form = record_form(fields, existing, build, self.today);
        form.title = format!("Commentary for {}: {}", self.month.label(), s.name);
        Effect::Form(form)
    }

    fn generate_form(&self) -> Effect {
        let formats = vec![
            Choice::new("html", "HTML (one page; prints to A4)"),
            Choice::new("md", "Markdown"),
            Choice::new("csv", "CSV (the tables, for a spreadsheet)"),
        ];
        let (policy, month, today) = (self.policy.clone(), self.month, self.today);
        let render: Render = Arc::new(move |store: &Store, format: &str| {
            let pack = board::pack(store, &policy, month, today, false)?;
            Ok(match format {
                "md" => pack_text::markdown(&pack).into_bytes(),
                "csv" => pack_text::csv(&pack),
                _ => pack_text::html(&pack).into_bytes(),
            })
        });
        let stem = format!("board-pack-{month}");
        let title = format!("Write the board pack for {}", month.label());
        Effect::Form(export_form(title, "the board pack", formats, &stem, None, render, today))
    }

    fn render_preview(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let Some(pack) = &self.pack else { return };
        let lines: Vec<Line> = match pack.focus.get(self.view.selected) {
            Some(s) => {
                let mut lines = vec![Line::styled(s.name.clone(), theme.title())];
                lines.extend(pack_text::setting_facts(s, false).into_iter().map(|(k, v)| {
                    Line::from(vec![
                        Span::styled(format!("{k}: "), theme.header()),
                        Span::raw(pack_text::shield(pack, &v)),
                    ])
                }));
                let note = self.notes.get(&s.setting_id).map(|n| n.value.text.clone()).unwrap_or_default();
                lines.push(Line::raw(""));
                lines.push(match note.trim() {
                    "" => {
                        Line::styled(format!("No commentary yet: {} writes it.", view.key(Action::Edit)), theme.dim())
                    }
                    text => Line::from(vec![
                        Span::styled("Commentary: ", theme.header()),
                        Span::raw(pack_text::shield(pack, text)),
                    ]),
                });
                lines
            }
            None => vec![Line::styled(
                "No Inadequate or Requires improvement setting has children placed this month.",
                theme.dim(),
            )],
        };
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(" As the pack will show it ", theme.title()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
    }
}

impl Screen for BoardScreen {
    fn title(&self) -> String {
        "Board".into()
    }

    fn commands(&self) -> Vec<Command> {
        vec![
            Command::new(
                Action::Edit,
                &[Key::plain(KeyCode::Enter), Key::char('e')],
                "commentary",
                "Write the selected setting's commentary for this month's pack",
            ),
            Command::new(Action::Export, &[Key::char('w')], "write pack", "Write the pack: HTML, Markdown or CSV"),
            Command::new(Action::PrevColumn, &[Key::plain(KeyCode::Left), Key::char('[')], "month", "Previous month")
                .quiet(),
            Command::new(Action::NextColumn, &[Key::plain(KeyCode::Right), Key::char(']')], "month", "Next month")
                .paired(),
        ]
    }

    fn update(&mut self, action: Action, _ctx: &Ctx) -> Effect {
        if self.view.step(action, self.focus_len()) {
            return Effect::None;
        }
        let moved = match action {
            Action::Edit => return self.commentary_form(),
            Action::Export => return self.generate_form(),
            Action::PrevColumn => Some(self.month.previous()),
            Action::NextColumn if self.month < Month::of(self.today) => Some(self.month.next()),
            Action::NextColumn => return Effect::Error("The pack cannot be prepared for a month to come".into()),
            _ => None,
        };
        if let Some(month) = moved {
            self.month = month;
            self.view = TableView::default();
            return Effect::Reread;
        }
        Effect::None
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let Some(pack) = &self.pack else { return };
        let h = &pack.overview.headline;
        let written = pack.focus.iter().filter(|s| self.notes.contains_key(&s.setting_id)).count();
        let so_far = if pack.overview.as_of < self.month.last_day() { " (so far)" } else { "" };
        let head = vec![
            Line::from(vec![
                Span::styled(format!(" Board pack for {}{so_far}", self.month.label()), theme.title()),
                Span::raw(format!(" · {} to scrutinise · commentary on {written}", pack.focus.len())),
            ]),
            Line::styled(
                format!(
                    " {} placed, {} in Inadequate or RI settings · {} in force · {} overdue",
                    plural(h.children as usize, "child", "children"),
                    h.children_of_concern,
                    plural(h.active_stops as usize, "stop", "stops"),
                    plural(h.visits_overdue as usize, "visit", "visits")
                ),
                theme.dim(),
            ),
        ];
        let [top, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(4)]).areas(area);
        frame.render_widget(Paragraph::new(head), top);
        let (list, preview) = if body.width >= 110 {
            let [l, p] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
            (l, p)
        } else {
            let [l, p] = Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
            (l, p)
        };
        let row = |r: usize| {
            let s = &pack.focus[r];
            let note = if self.notes.contains_key(&s.setting_id) { "✓" } else { "–" };
            vec![
                Line::from(theme.judgement(Some(s.judgement), true)),
                Line::from(s.name.clone()),
                Line::from(s.provider.clone()),
                Line::from(format!("T{}", s.tier.number())),
                Line::from(s.children.to_string()),
                Line::from(note),
            ]
        };
        let look = TableLook {
            columns: COLUMNS,
            title: Line::from(format!(" Inadequate and RI settings with children placed ({}) ", pack.focus.len())),
            focused: true,
            sort: None,
            empty: "None this month.",
            cursor: None,
        };
        self.view.render(frame, list, pack.focus.len(), row, look, theme);
        self.render_preview(frame, preview, view);
    }

    fn load(&self) -> Option<Load> {
        let (policy, month, today) = (self.policy.clone(), self.month, self.today);
        Some(Box::new(move |store: &Store| {
            let pack = board::pack(store, &policy, month, today, false)?;
            Ok(Box::new((pack, store.board_notes(month)?)).into())
        }))
    }

    fn loaded(&mut self, data: Loaded) -> Result<(), Mismatch> {
        let (pack, notes) = *data.into_kind::<Box<(BoardPack, HashMap<i64, Stored<BoardNote>>)>>()?;
        (self.pack, self.notes) = (Some(pack), notes);
        self.view.clamp(self.focus_len());
        Ok(())
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<BoardNote>()
            && let Some(note) = self.notes.values().find(|n| n.id == id)
            && let Some(at) =
                self.pack.as_ref().and_then(|p| p.focus.iter().position(|s| s.setting_id == note.value.setting_id))
        {
            self.view.selected = at;
        }
    }
}
