//! Concerns: the list across providers, and one concern with its Serious
//! Provider Concern escalation, strategy meetings and outcome.

use super::app::{Ctx, Effect, Screen, View, confirm};
use super::event::{Action, Command, Key};
use super::forms::concern as forms;
use super::forms::target::{self, Target};
use super::list_screen::{ListScreen, Listed};
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::{Column, TableLook, TableView};
use crate::domain::concern::{Concern, ConcernSeverity, ConcernStatus, StrategyMeeting};
use crate::domain::plan::PlanSource;
use crate::domain::rating::Severity;
use crate::store::{Store, StoreError, Stored};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::collections::HashMap;

/// Provider and setting names, for lists of things about them.
pub struct Names {
    providers: HashMap<i64, String>,
    settings: HashMap<i64, String>,
}

impl Names {
    /// A setting's name.
    pub fn setting(&self, id: i64) -> Option<&String> {
        self.settings.get(&id)
    }

    pub fn load(store: &Store) -> Result<Names, StoreError> {
        Ok(Names { providers: store.provider_names()?, settings: store.setting_names()? })
    }

    /// A provider's name.
    pub fn provider(&self, id: i64) -> String {
        self.providers.get(&id).cloned().unwrap_or_else(|| format!("provider #{id}"))
    }

    /// "Willow House (Acorn Care Ltd)" or "Acorn Care Ltd (whole provider)".
    pub fn of(&self, provider_id: i64, setting_id: Option<i64>) -> String {
        let provider = self.provider(provider_id);
        match setting_id.and_then(|id| self.settings.get(&id)) {
            Some(s) => format!("{s} ({provider})"),
            None => format!("{provider} (whole provider)"),
        }
    }
}

/// A concern with the names of what it is about.
pub struct ConcernRow {
    pub concern: Stored<Concern>,
    pub about: String,
}

pub fn severity_style(s: ConcernSeverity, theme: &Theme) -> ratatui::style::Style {
    match s {
        ConcernSeverity::Critical => theme.error(),
        ConcernSeverity::High => theme.severity(Severity::RequiresImprovement),
        _ => ratatui::style::Style::new(),
    }
}

impl ListItem for ConcernRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Raised", Constraint::Length(10)),
        Column::new("About", Constraint::Min(20)),
        Column::new("Source", Constraint::Length(16)).from_width(110),
        Column::new("Category", Constraint::Length(16)).from_width(130),
        Column::new("Severity", Constraint::Length(8)),
        Column::new("Status", Constraint::Length(10)),
        Column::new("What was reported", Constraint::Min(16)).from_width(100),
    ];

    fn id(&self) -> i64 {
        self.concern.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let c = &self.concern.value;
        let status = match c.status {
            ConcernStatus::Escalated => Span::styled("✖ SPC", theme.error()),
            ConcernStatus::Open => Span::raw("open"),
            ConcernStatus::Closed => Span::styled("closed", theme.dim()),
        };
        vec![
            Line::from(c.raised_on.to_string()),
            Line::from(self.about.clone()),
            Line::from(c.source.label()),
            Line::from(c.category.label()),
            Line::from(Span::styled(c.severity.label(), severity_style(c.severity, theme))),
            Line::from(status),
            Line::from(c.description.replace('\n', " ")),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let c = &self.concern.value;
        match column {
            1 => SortKey::Text(self.about.to_lowercase()),
            4 => SortKey::Number(-(c.severity as i64)),
            5 => SortKey::Text(c.status.code().into()),
            _ => SortKey::Text(c.raised_on.to_string()),
        }
    }

    fn haystack(&self) -> String {
        let c = &self.concern.value;
        format!("{} {} {} {} {}", self.about, c.source, c.category, c.status, c.description)
    }

    fn archived(&self) -> bool {
        self.concern.value.status == ConcernStatus::Closed
    }
}

pub type ConcernsScreen = ListScreen<ConcernRow>;

pub fn concern_rows(store: &Store) -> Result<Vec<ConcernRow>, StoreError> {
    let names = Names::load(store)?;
    Ok(store
        .concerns()?
        .into_iter()
        .map(|c| ConcernRow { about: names.of(c.value.provider_id, c.value.setting_id), concern: c })
        .collect())
}

impl Listed for ConcernRow {
    const TITLE: &'static str = "Concerns";
    const NOUN: &'static str = "concerns";
    type Record = Concern;

    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        concern_rows(store)
    }

    fn commands() -> Vec<Command> {
        vec![
            Command::open("Open the concern: escalation, meetings, outcome"),
            Command::new(Action::New, &[Key::char('n')], "raise", "Raise a concern about a provider or setting"),
        ]
    }

    fn act(action: Action, selected: Option<&Self>, _list: &ListView<Self>, ctx: &Ctx) -> Effect {
        match (action, selected) {
            (Action::New, _) => new_concern(ctx, None),
            (Action::Open, Some(row)) => ConcernScreen::open(ctx.store, row.concern.id).map(Effect::push).into(),
            _ => Effect::None,
        }
    }
}

/// The form to raise a concern, starting on `target` (or the first provider).
pub fn new_concern(ctx: &Ctx, target: Option<Target>) -> Effect {
    let result = target::choices(ctx.store).map(|choices| {
        let start = target
            .or_else(|| choices.first().and_then(|c| first_target(&c.code)))
            .unwrap_or(Target { provider_id: 0, setting_id: None });
        Effect::Form(forms::form(choices, start, None, ctx.store.today()))
    });
    result.into()
}

fn first_target(code: &str) -> Option<Target> {
    code.strip_prefix("p:").and_then(|id| id.parse().ok()).map(|provider_id| Target { provider_id, setting_id: None })
}

/// One concern.
pub struct ConcernScreen {
    id: i64,
    concern: Stored<Concern>,
    about: String,
    meetings: Vec<Stored<StrategyMeeting>>,
    view: TableView,
}

const MEETING_COLUMNS: &[Column<'static>] = &[
    Column::new("Held on", Constraint::Length(10)),
    Column::new("Attendees", Constraint::Length(30)),
    Column::new("Decisions", Constraint::Min(20)),
];

impl ConcernScreen {
    pub fn open(store: &Store, id: i64) -> Result<ConcernScreen, StoreError> {
        let mut screen = ConcernScreen {
            id,
            concern: store.get(id)?,
            about: String::new(),
            meetings: Vec::new(),
            view: TableView::default(),
        };
        screen.reload(store)?;
        Ok(screen)
    }

    fn target(&self) -> Target {
        Target { provider_id: self.concern.value.provider_id, setting_id: self.concern.value.setting_id }
    }
}

impl Screen for ConcernScreen {
    fn title(&self) -> String {
        format!("Concern {}", self.concern.value.raised_on)
    }

    fn commands(&self) -> Vec<Command> {
        // What no longer applies stays bound (to say why), out of the footer.
        let status = self.concern.value.status;
        let only = |c: Command, shown: bool| if shown { c } else { c.quiet() };
        vec![
            Command::audit(),
            only(
                Command::new(
                    Action::Escalate,
                    &[Key::char('x')],
                    "escalate",
                    "Escalate to a Serious Provider Concern (tier 1)",
                ),
                status == ConcernStatus::Open,
            ),
            only(
                Command::new(Action::New, &[Key::char('m')], "meeting", "Record a strategy meeting"),
                status == ConcernStatus::Escalated,
            ),
            only(
                Command::new(Action::Close, &[Key::char('c')], "close", "Close it, with the outcome"),
                status != ConcernStatus::Closed,
            ),
            Command::new(Action::IssueStop, &[Key::char('S')], "stop", "Issue a placement stop following this concern"),
            Command::new(
                Action::RequestPlan,
                &[Key::char('L')],
                "plan",
                "Request an improvement plan following this concern",
            ),
            Command::edit("Edit the concern").quiet(),
        ]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.view.step(action, self.meetings.len()) {
            return Effect::None;
        }
        if action == Action::Audit {
            return super::audit::AuditScreen::of(ctx.store, "concerns", self.id);
        }
        let today = ctx.store.today();
        let c = &self.concern;
        match action {
            Action::Escalate => {
                let mut changed = c.value.clone();
                match changed.escalate(today) {
                    Ok(()) => {
                        let (id, version) = (c.id, c.version);
                        confirm(
                            "Escalate to a Serious Provider Concern? Its settings go to tier 1 until it ends.",
                            move |store: &mut Store| {
                                store
                                    .update(id, version, &changed)
                                    .map(|_| "Escalated to a Serious Provider Concern".to_string())
                            },
                        )
                    }
                    Err(e) => Effect::Error(e),
                }
            }
            Action::New if c.value.status == ConcernStatus::Escalated => Effect::Form(forms::meeting_form(c.id, today)),
            Action::New => {
                Effect::Error("Strategy meetings belong to a Serious Provider Concern: escalate it first (x)".into())
            }
            Action::Close if c.value.status == ConcernStatus::Closed => Effect::Error("Already closed".into()),
            Action::Close => Effect::Form(forms::close_form(c, today)),
            Action::Edit => {
                target::choices(ctx.store).map(|t| Effect::Form(forms::form(t, self.target(), Some(c), today))).into()
            }
            Action::IssueStop => super::actions::issue_stop(ctx, self.target(), Some(c.id)),
            Action::RequestPlan => super::actions::request_plan(ctx, self.target(), (PlanSource::Concern, Some(c.id))),
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let c = &self.concern.value;
        let [head, table] = Layout::vertical([Constraint::Length(9), Constraint::Min(4)]).areas(area);
        let status = match c.status {
            ConcernStatus::Escalated => Span::styled(
                format!(
                    "✖ Serious Provider Concern since {}",
                    c.escalated_on.map(|d| d.to_string()).unwrap_or_default()
                ),
                theme.error(),
            ),
            ConcernStatus::Open => Span::raw("Open"),
            ConcernStatus::Closed => Span::styled(
                format!(
                    "Closed {}{}",
                    c.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                    c.spc_outcome.map(|o| format!(" · SPC outcome: {}", o.label().to_lowercase())).unwrap_or_default()
                ),
                theme.dim(),
            ),
        };
        let mut lines = vec![
            Line::from(vec![Span::styled(format!("{} · ", self.about), theme.title()), status]),
            Line::from(vec![
                Span::raw(format!("Raised {} · {} · {} · ", c.raised_on, c.source, c.category)),
                Span::styled(
                    format!("severity {}", c.severity.label().to_lowercase()),
                    severity_style(c.severity, theme),
                ),
            ]),
            Line::raw(""),
            Line::raw(c.description.clone()),
        ];
        if !c.outcome.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![Span::styled("Outcome: ", theme.title()), Span::raw(c.outcome.clone())]));
        }
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(" Concern ", theme.title()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), head);
        let row = |r: usize| {
            let m = &self.meetings[r].value;
            vec![
                Line::from(m.held_on.to_string()),
                Line::from(m.attendees.clone()),
                Line::from(m.decisions.replace('\n', " ")),
            ]
        };
        let look = TableLook {
            columns: MEETING_COLUMNS,
            title: Line::from(format!(" Strategy meetings ({}) ", self.meetings.len())),
            focused: true,
            sort: None,
            empty: &format!(
                "No strategy meetings: {} records one once the concern is escalated.",
                view.key(Action::New)
            ),
            cursor: None,
        };
        self.view.render(frame, table, self.meetings.len(), row, look, theme);
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.concern = store.get(self.id)?;
        self.about = Names::load(store)?.of(self.concern.value.provider_id, self.concern.value.setting_id);
        self.meetings = store.strategy_meetings(self.id)?;
        self.view.clamp(self.meetings.len());
        Ok(())
    }
}
