//! The Supported Accommodation Resources Panel: the young people providers
//! brought each month, newest panel first, with the support agreed and the
//! outcome heard at a later panel (or that it is awaited).

use super::app::{Ctx, Effect, Screen, View};
use super::event::{Action, Command, Key};
use super::forms::{Choice, panel::form};
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::Column;
use crate::domain::panel::PanelCase;
use crate::domain::setting::SettingKind;
use crate::store::panel::PanelRow;
use crate::store::settings::Which;
use crate::store::{RecordRef, Store, StoreError};
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

/// A case, and the day the screen was read (to say an outcome is awaited).
pub struct CaseRow {
    row: PanelRow,
    today: NaiveDate,
}

impl ListItem for CaseRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Panel", Constraint::Length(8)),
        Column::new("Provider", Constraint::Min(18)),
        Column::new("Young person", Constraint::Length(12)),
        Column::new("At risk of", Constraint::Length(14)),
        Column::new("Support agreed", Constraint::Min(20)).from_width(100),
        Column::new("Outcome", Constraint::Length(22)),
    ];

    fn id(&self) -> i64 {
        self.row.case.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let c = &self.row.case.value;
        let outcome = match (c.outcome, c.outcome_month) {
            (Some(o), Some(m)) => Line::from(format!("{} ({})", o.label().split(':').next().unwrap_or(""), m.label())),
            _ if c.outcome_awaited(self.today) => Line::from(Span::styled(
                "▲ awaited",
                theme.severity(crate::domain::rating::Severity::RequiresImprovement),
            )),
            _ => Line::from(Span::styled("next panel", theme.dim())),
        };
        vec![
            Line::from(c.month.label()),
            Line::from(self.row.provider.clone()),
            Line::from(c.child_ref.to_string()),
            Line::from(c.risk.label()),
            Line::from(c.package.replace('\n', " ")),
            outcome,
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let c = &self.row.case.value;
        let text = |t: &str| SortKey::Text(t.to_lowercase());
        match column {
            1 => text(&self.row.provider),
            2 => text(c.child_ref.as_str()),
            3 => text(c.risk.label()),
            4 => text(&c.package),
            5 => text(c.outcome.map_or("", |o| o.label())),
            _ => SortKey::Text(c.month.to_string()),
        }
    }

    fn haystack(&self) -> String {
        let c = &self.row.case.value;
        format!(
            "{} {} {} {} {} {}",
            c.month.label(),
            self.row.provider,
            c.child_ref,
            c.risk.label(),
            c.details,
            c.package
        )
    }
}

pub struct PanelScreen {
    list: ListView<CaseRow>,
    /// The supported accommodation providers a case may be brought by.
    providers: Vec<Choice>,
}

impl PanelScreen {
    pub fn new() -> PanelScreen {
        let list = ListView::new("panel cases").sorted_by(0, false);
        PanelScreen { list, providers: Vec::new() }
    }
}

impl Screen for PanelScreen {
    fn title(&self) -> String {
        "Resources panel".into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![
            Command::new(Action::New, &[Key::char('n')], "bring a case", "Bring a young person to this month's panel"),
            Command::open("Open the case: record its outcome at a later panel"),
        ];
        c.extend(ListView::<CaseRow>::commands().into_iter().filter(|c| c.action != Action::ToggleArchived));
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.list.update(action) {
            return Effect::None;
        }
        let today = ctx.store.today();
        match (action, self.list.selected()) {
            (Action::New, _) if self.providers.is_empty() => {
                Effect::Error("No supported accommodation providers: add one with its settings first".into())
            }
            (Action::New, _) => Effect::Form(form(self.providers.clone(), None, today)),
            (Action::Open, Some(r)) => Effect::Form(form(self.providers.clone(), Some(&r.row.case), today)),
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.list.render(frame, area, "Supported Accommodation Resources Panel", view);
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let today = store.today();
        self.list.set_items(store.panel_rows()?.into_iter().map(|row| CaseRow { row, today }).collect());
        let mut providers: Vec<Choice> = Vec::new();
        for s in store.setting_summaries(today, Which::All)? {
            let id = s.setting.value.provider_id.to_string();
            if s.setting.value.kind == SettingKind::SupportedAccommodation && !providers.iter().any(|p| p.code == id) {
                providers.push(Choice::new(id, s.provider_name.clone()));
            }
        }
        providers.sort_by(|a, b| a.label.cmp(&b.label));
        self.providers = providers;
        Ok(())
    }

    fn text_key(&mut self, key: KeyEvent) -> bool {
        self.list.take_key(key)
    }

    fn clear(&mut self) -> bool {
        self.list.clear_filter()
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<PanelCase>() {
            self.list.select(id);
        }
    }
}
