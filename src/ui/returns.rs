//! The Returns screen: every return providers owe over the last year (a
//! quarter's supported accommodation return and fostering contract review,
//! a year's self-assessment), missing and late first; Enter records one.

use super::app::{Ctx, Effect, Screen, View};
use super::cycle;
use super::event::{Action, Command, Key};
use super::forms::returns::{Owed, form};
use super::loaded::Mismatch;
use super::reader::{Load, Loaded};
use super::reg44::state_style;
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::Column;
use crate::domain::code::Code;
use crate::domain::policy::Policy;
use crate::domain::returns::{self, ProviderReturn, ReturnKind};
use crate::store::returns::{DueRow, SHOWN};
use crate::store::{Record, RecordRef, Store};
use chrono::Datelike;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

impl ListItem for DueRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Provider", Constraint::Min(18)),
        Column::new("Setting", Constraint::Min(14)),
        Column::new("Return", Constraint::Length(15)),
        Column::new("Period", Constraint::Length(12)),
        Column::new("Due", Constraint::Length(10)),
        Column::new("State", Constraint::Length(10)),
        Column::new("Received", Constraint::Length(10)).from_width(100),
    ];

    /// The same return keeps its row whether or not it has come.
    fn id(&self) -> i64 {
        let d = &self.due;
        let kind = ReturnKind::ALL.iter().position(|k| *k == d.kind).unwrap_or(0) as i64;
        let period = d.period.first_day().num_days_from_ce() as i64;
        ((kind * 1_000_000 + d.provider_id) * 1_000_000 + d.setting_id.unwrap_or(0)) * 1_000_000 + period
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let d = &self.due;
        vec![
            Line::from(self.provider.clone()),
            Line::from(self.setting.clone().unwrap_or_else(|| "–".into())),
            Line::from(d.kind.short()),
            Line::from(d.period.label()),
            Line::from(d.due.to_string()),
            Line::from(Span::styled(format!("{} {}", d.state.symbol(), d.state.label()), state_style(d.state, theme))),
            Line::from(d.received_on.map(|on| on.to_string()).unwrap_or_default()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let d = &self.due;
        let text = |t: &str| SortKey::Text(t.to_lowercase());
        match column {
            1 => text(self.setting.as_deref().unwrap_or("")),
            2 => text(d.kind.short()),
            3 => text(&d.period.to_string()),
            4 => text(&d.due.to_string()),
            5 => SortKey::Number(returns::pressing(d.state).into()),
            6 => text(&d.received_on.map(|on| on.to_string()).unwrap_or_default()),
            _ => text(&self.provider),
        }
    }

    fn haystack(&self) -> String {
        let d = &self.due;
        format!(
            "{} {} {} {} {}",
            self.provider,
            self.setting.as_deref().unwrap_or(""),
            d.kind.label(),
            d.period.label(),
            d.state.label()
        )
    }
}

/// The state column, which the screen starts sorted by.
const STATE: usize = 5;

pub struct ReturnsScreen {
    list: ListView<DueRow>,
    all: Vec<DueRow>,
    kind: Option<ReturnKind>,
    /// Only those missing or late.
    behind: bool,
    policy: Policy,
}

impl ReturnsScreen {
    pub fn new(policy: &Policy) -> ReturnsScreen {
        ReturnsScreen {
            list: ListView::new("returns owed").sorted_by(STATE, true).when_empty(
                "No returns owed: residential settings owe a self-assessment, supported accommodation providers and \
                 the main fostering agencies a quarterly return, once monitored.",
            ),
            all: Vec::new(),
            kind: None,
            behind: false,
            policy: policy.clone(),
        }
    }

    fn refilter(&mut self) {
        let keep = |r: &&DueRow| {
            self.kind.is_none_or(|k| r.due.kind == k) && (!self.behind || returns::is_behind(r.due.state))
        };
        self.list.set_items(self.all.iter().filter(keep).cloned().collect());
    }

    fn facets(&self) -> String {
        let mut parts: Vec<String> = self.kind.iter().map(|k| k.label().to_lowercase()).collect();
        if self.behind {
            parts.push("missing or late".into());
        }
        parts.join(" · ")
    }

    /// The form for the selected return: recording it, or editing it once come.
    fn record(&self, ctx: &Ctx) -> Effect {
        let Some(row) = self.list.selected() else { return Effect::None };
        let d = &row.due;
        let owed = Owed { kind: d.kind, provider_id: d.provider_id, setting_id: d.setting_id, period: d.period };
        let whose = row.setting.clone().unwrap_or_else(|| row.provider.clone());
        match d.return_id {
            Some(id) => match ctx.store.get::<ProviderReturn>(id) {
                Ok(existing) => Effect::Form(form(owed, Some(&existing), &whose, ctx.store.today())),
                Err(e) => Effect::Error(e.to_string()),
            },
            None => Effect::Form(form(owed, None, &whose, ctx.store.today())),
        }
    }
}

impl ReturnsScreen {
    /// Deletes the selected return, once received, after asking.
    fn delete(&self, ctx: &Ctx) -> Effect {
        let Some(row) = self.list.selected() else { return Effect::None };
        let Some(id) = row.due.return_id else {
            return Effect::Error("Nothing to delete: this return has not been recorded".into());
        };
        match ctx.store.get::<ProviderReturn>(id) {
            Ok(r) => {
                let whose = row.setting.clone().unwrap_or_else(|| row.provider.clone());
                super::actions::delete(&r, &format!("the {} from {whose}", r.value.describe()))
            }
            Err(e) => Effect::Error(e.to_string()),
        }
    }
}

impl Screen for ReturnsScreen {
    fn title(&self) -> String {
        "Returns".into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![
            Command::new(
                Action::Open,
                &[Key::plain(crossterm::event::KeyCode::Enter)],
                "record",
                "Record the return, or open it once received",
            ),
            Command::new(Action::FilterKind, &[Key::char('K')], "kind", "Show one kind of return at a time"),
            Command::new(
                Action::FilterOverdue,
                &[Key::char('o')],
                "behind",
                "Show only returns missing or late, or all",
            ),
            Command::new(
                Action::Delete,
                &[Key::char('d')],
                "delete",
                "Delete a return recorded by mistake (asks first)",
            )
            .quiet(),
        ];
        c.extend(ListView::<DueRow>::commands().into_iter().filter(|c| c.action != Action::ToggleArchived));
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.list.update(action) {
            return Effect::None;
        }
        match action {
            Action::FilterKind => self.kind = cycle(self.kind, ReturnKind::ALL),
            Action::FilterOverdue => self.behind = !self.behind,
            Action::Open => return self.record(ctx),
            Action::Delete => return self.delete(ctx),
            _ => return Effect::None,
        }
        self.refilter();
        Effect::None
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let facets = self.facets();
        let title = if facets.is_empty() { "Returns".to_string() } else { format!("Returns · {facets}") };
        self.list.render(frame, area, &title, view);
    }

    fn load(&self) -> Option<Load> {
        let policy = self.policy.clone();
        Some(Box::new(move |store: &Store| {
            Ok(Loaded::Returns(store.returns_due(&policy, store.today(), &returns::shown(store.today(), SHOWN))?))
        }))
    }

    fn loaded(&mut self, data: Loaded) -> Result<(), Mismatch> {
        self.all = data.into_kind()?;
        self.refilter();
        Ok(())
    }

    fn text_key(&mut self, key: KeyEvent) -> bool {
        self.list.take_key(key)
    }

    fn clear(&mut self) -> bool {
        self.list.clear_filter()
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<ProviderReturn>()
            && let Some(row) = self.all.iter().find(|r| r.due.return_id == Some(id))
        {
            self.list.select(row.id());
        }
    }
}
