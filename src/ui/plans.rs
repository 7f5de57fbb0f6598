//! Improvement plans: the list, and one plan with its actions, progress and
//! the history of its status.

use super::app::{Ctx, Effect, Screen, View, confirm};
use super::concerns::Names;
use super::event::{Action, Command, Key};
use super::forms::plan as forms;
use super::forms::target::{self, Target};
use super::list_screen::{ListScreen, Listed};
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::figure;
use super::widgets::table::{Column, TableLook, TableView};
use crate::domain::plan::{ActionStatus, Plan, PlanAction, PlanSource, PlanStatus, Progress, Transition};
use crate::domain::plural;
use crate::domain::rating::Severity;
use crate::store::RecordRef;
use crate::store::plans::{self, PlanRow};
use crate::store::settings::Which;
use crate::store::{Record, Store, StoreError, Stored};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::collections::HashMap;

/// A plan with what it is about and how far it has got.
pub struct PlanListRow {
    pub plan: Stored<Plan>,
    pub about: String,
    pub progress: Progress,
    /// The day the list was read for, which says what is late.
    pub today: chrono::NaiveDate,
}

impl ListItem for PlanListRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Requested", Constraint::Length(10)),
        Column::new("About", Constraint::Min(18)),
        Column::new("Plan", Constraint::Min(16)).from_width(100),
        Column::new("Status", Constraint::Length(10)),
        Column::new("Due back", Constraint::Length(10)).from_width(120),
        Column::new("Progress", Constraint::Length(10)),
        Column::new("Overdue", Constraint::Length(7)),
    ];

    fn id(&self) -> i64 {
        self.plan.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let p = &self.plan.value;
        let overdue = self.progress.overdue;
        let status_style = if p.status == PlanStatus::Escalated { theme.error() } else { ratatui::style::Style::new() };
        vec![
            Line::from(p.requested_on.to_string()),
            Line::from(self.about.clone()),
            Line::from(p.title.clone()),
            Line::from(Span::styled(p.status.label(), status_style)),
            if p.is_late_back(self.today) {
                Line::from(Span::styled(format!("▲ {} late", p.due_back), theme.error()))
            } else {
                Line::from(p.due_back.to_string())
            },
            Line::from(self.progress.text()),
            if overdue > 0 {
                Line::from(Span::styled(format!("▲ {overdue}"), theme.severity(Severity::RequiresImprovement)))
            } else {
                figure(String::new())
            },
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let p = &self.plan.value;
        match column {
            1 => SortKey::Text(self.about.to_lowercase()),
            2 => SortKey::Text(p.title.to_lowercase()),
            3 => SortKey::Text(p.status.code().into()),
            4 => SortKey::Text(p.due_back.to_string()),
            5 => SortKey::Number(self.progress.percent().map_or(-1, i64::from)),
            6 => SortKey::Number(-i64::from(self.progress.overdue)),
            _ => SortKey::Text(p.requested_on.to_string()),
        }
    }

    fn haystack(&self) -> String {
        let p = &self.plan.value;
        format!("{} {} {}", self.about, p.title, p.status)
    }

    fn archived(&self) -> bool {
        !self.plan.value.status.is_open()
    }
}

pub type PlansScreen = ListScreen<PlanListRow>;

/// What a plan is about: its setting or provider, or for a group concern's
/// plan the group, through the provider it was sent to.
fn about(names: &Names, groups: &HashMap<i64, String>, plan: &Plan) -> String {
    match (plan.source, plan.source_id.and_then(|g| groups.get(&g))) {
        (PlanSource::Group, Some(group)) => format!("{group} (group, to {})", names.provider(plan.provider_id)),
        _ => names.of(plan.provider_id, plan.setting_id),
    }
}

/// Every plan, or those on one provider and its settings.
pub fn plan_rows(store: &Store, which: Which) -> Result<Vec<PlanListRow>, StoreError> {
    let (names, groups) = (Names::load(store)?, store.group_names()?);
    Ok(store
        .plans_listed(store.today(), which)?
        .into_iter()
        .map(|(plan, progress)| PlanListRow {
            about: about(&names, &groups, &plan.value),
            plan,
            progress,
            today: store.today(),
        })
        .collect())
}

impl Listed for PlanListRow {
    const TITLE: &'static str = "Plans";
    const NOUN: &'static str = "improvement plans";
    type Record = Plan;

    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        plan_rows(store, Which::All)
    }

    fn commands() -> Vec<Command> {
        vec![
            Command::open("Open the plan: actions, progress, history"),
            Command::new(Action::New, &[Key::char('n')], "request", "Request an improvement plan"),
        ]
    }

    fn act(action: Action, selected: Option<&Self>, _list: &ListView<Self>, ctx: &Ctx) -> Effect {
        match (action, selected) {
            (Action::New, _) => {
                let first = target::choices(ctx.store).ok().and_then(|c| c.first().map(|c| c.code.clone()));
                let provider_id = first.and_then(|c| c.strip_prefix("p:").and_then(|id| id.parse().ok())).unwrap_or(0);
                super::actions::request_plan(ctx, Target { provider_id, setting_id: None }, (PlanSource::Other, None))
            }
            (Action::Open, Some(r)) => PlanScreen::open(ctx.store, r.plan.id).map(Effect::push).into(),
            _ => Effect::None,
        }
    }
}

const ACTION_COLUMNS: &[Column<'static>] = &[
    Column::new("Due", Constraint::Length(10)),
    Column::new("Action", Constraint::Min(20)),
    Column::new("Owner", Constraint::Length(18)).from_width(100),
    Column::new("Status", Constraint::Length(12)),
    Column::new("Evidence", Constraint::Min(12)).from_width(120),
];

/// One plan.
pub struct PlanScreen {
    id: i64,
    row: PlanRow,
    about: String,
    today: NaiveDate,
    view: TableView,
}

impl PlanScreen {
    pub fn open(store: &Store, id: i64) -> Result<PlanScreen, StoreError> {
        let row = store.plan_row(id)?.ok_or_else(|| StoreError::NotFound(format!("plan #{id}")))?;
        let about = about(&Names::load(store)?, &store.group_names()?, &row.plan.value);
        Ok(PlanScreen { id, row, about, today: store.today(), view: TableView::default() })
    }

    fn selected(&self) -> Option<&crate::store::Stored<PlanAction>> {
        self.row.actions.get(self.view.selected)
    }

    /// The change to `to`, asking first, and again if the rules want confirmation.
    fn move_to(&self, to: PlanStatus, today: NaiveDate) -> Effect {
        let plan = self.row.plan.clone();
        let go = move |store: &mut Store| {
            plans::move_to(store, &plan, to, today, "")
                .map(|p| format!("Plan {}", p.value.status.label().to_lowercase()))
        };
        match self.row.plan.value.check_move(to, &self.row.action_values(), today) {
            Transition::Allowed => confirm(format!("Move the plan to {}?", to.label().to_lowercase()), go),
            Transition::NeedsConfirmation(question) => confirm(question, go),
            Transition::Refused(why) => Effect::Error(why),
        }
    }
}

impl Screen for PlanScreen {
    fn title(&self) -> String {
        self.row.plan.value.title.clone()
    }

    fn commands(&self) -> Vec<Command> {
        let next = self.row.plan.value.status.next().map_or("", |n| n.label());
        let mut c = vec![
            Command::audit(),
            Command::new(Action::New, &[Key::char('n')], "add action", "Add an action"),
            Command::new(
                Action::Edit,
                &[Key::char('e'), Key::plain(KeyCode::Enter)],
                "edit",
                "Edit the selected action",
            ),
            Command::new(Action::Done, &[Key::char('d')], "done", "Mark the selected action done, with its evidence"),
        ];
        if !next.is_empty() {
            c.push(Command::new(
                Action::Advance,
                &[Key::char('>')],
                "next status",
                "Move the plan on: requested → received → agreed → monitoring → completed",
            ));
        }
        c.push(
            Command::new(
                Action::Escalate,
                &[Key::char('x')],
                "escalate",
                "Escalate the plan (the provider is not delivering)",
            )
            .quiet(),
        );
        c.push(
            Command::new(
                Action::Delete,
                &[Key::char('D')],
                "delete action",
                "Delete an action entered by mistake (asks first)",
            )
            .quiet(),
        );
        c.push(
            Command::new(Action::EditProvider, &[Key::char('E')], "edit plan", "Edit the plan's title and dates")
                .quiet(),
        );
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let actions = &self.row.actions;
        if self.view.step(action, actions.len()) {
            return Effect::None;
        }
        if action == Action::Audit {
            return super::audit::AuditScreen::of(ctx.store, "plans", self.id);
        }
        let today = ctx.store.today();
        let plan = &self.row.plan;
        match action {
            Action::New => Effect::Form(forms::action_form(self.id, None, today)),
            Action::Edit => {
                self.selected().map_or(Effect::None, |a| Effect::Form(forms::action_form(self.id, Some(a), today)))
            }
            Action::Done => match self.selected() {
                Some(a) if a.value.status == ActionStatus::Done => {
                    Effect::Error(format!("Already done: {} edits it", ctx.key(Action::Edit)))
                }
                Some(a) => Effect::Form(forms::done_form(a, today)),
                None => Effect::None,
            },
            Action::Advance => match plan.value.status.next() {
                Some(next) => self.move_to(next, today),
                None => Effect::Error(format!(
                    "The plan is {}: it does not move on",
                    plan.value.status.label().to_lowercase()
                )),
            },
            Action::Escalate => self.move_to(PlanStatus::Escalated, today),
            Action::Delete => self.selected().map_or(Effect::None, |a| {
                let (id, version, what) = (a.id, a.version, a.value.describe());
                confirm(format!("Delete the {what}? Only for one entered by mistake."), move |store: &mut Store| {
                    store.delete::<PlanAction>(id, version).map(|()| "Deleted the action".to_string())
                })
            }),
            Action::EditProvider => {
                let t = Target { provider_id: plan.value.provider_id, setting_id: plan.value.setting_id };
                target::choices(ctx.store)
                    .map(|c| {
                        Effect::Form(forms::form(c, t, (plan.value.source, plan.value.source_id), Some(plan), today))
                    })
                    .into()
            }
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let p = &self.row.plan.value;
        let [head, table] = Layout::vertical([Constraint::Length(7), Constraint::Min(4)]).areas(area);
        let overdue = Progress::of(&self.row.action_values(), self.today).overdue as usize;
        let history: Vec<String> = self
            .row
            .history
            .iter()
            .map(|e| format!("{} {}", e.value.status.label().to_lowercase(), e.value.on))
            .collect();
        let lines = vec![
            Line::from(vec![Span::styled(format!("{} · ", self.about), theme.title()), Span::raw(p.title.clone())]),
            Line::from(vec![
                Span::raw(format!(
                    "Raised from {} · requested {} · due back {} · status {} since {}",
                    p.source.label().to_lowercase(),
                    p.requested_on,
                    p.due_back,
                    p.status.label().to_lowercase(),
                    p.status_on
                )),
                if p.is_late_back(self.today) {
                    Span::styled(format!(" · ▲ late back (due {})", p.due_back), theme.error())
                } else {
                    Span::raw("")
                },
            ]),
            Line::from(vec![
                Span::raw(format!("Progress {}", Progress::of(&self.row.action_values(), self.today).text())),
                if overdue > 0 {
                    Span::styled(
                        format!(" · ▲ {} overdue", plural(overdue, "action", "actions")),
                        theme.severity(Severity::RequiresImprovement),
                    )
                } else {
                    Span::raw("")
                },
            ]),
            Line::styled(format!("History: {}", history.join(" → ")), theme.dim()),
        ];
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(" Improvement plan ", theme.title()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), head);
        let today = self.today;
        let row = |r: usize| {
            let a = &self.row.actions[r].value;
            let status = match (a.status, a.completed_on) {
                (ActionStatus::Done, Some(on)) => Span::styled(format!("✓ done {}", on.format("%d %b")), theme.ok()),
                (s, _) if a.is_overdue(today) => Span::styled(
                    format!("▲ {}", s.label().to_lowercase()),
                    theme.severity(Severity::RequiresImprovement),
                ),
                (s, _) => Span::raw(s.label().to_lowercase()),
            };
            vec![
                Line::from(a.due_on.to_string()),
                Line::from(a.description.clone()),
                Line::from(a.owner.clone()),
                Line::from(status),
                Line::from(a.evidence.clone()),
            ]
        };
        let look = TableLook {
            columns: ACTION_COLUMNS,
            title: Line::from(format!(" Actions ({}) ", self.row.actions.len())),
            focused: true,
            sort: None,
            empty: &format!("No actions yet: {} adds one.", view.key(Action::New)),
            cursor: None,
        };
        self.view.render(frame, table, self.row.actions.len(), row, look, theme);
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        *self = PlanScreen { view: std::mem::take(&mut self.view), ..PlanScreen::open(store, self.id)? };
        self.view.clamp(self.row.actions.len());
        Ok(())
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<PlanAction>()
            && let Some(at) = self.row.actions.iter().position(|a| a.id == id)
        {
            self.view.selected = at;
        }
    }
}
