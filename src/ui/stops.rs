//! Placement stops: the list with each stop's checklist, one stop with its
//! checklist, the children placed and their reviews, and other
//! authorities' alerts.

use super::app::{Ctx, Effect, Screen, View};
use super::concerns::Names;
use super::event::{Action, Command, Key};
use super::forms::stop as forms;
use super::forms::{Choice, Field, Form, FormSpec, Problem, Saved, export};
use super::list_screen::{ListScreen, Listed};
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::{Column, TableLook, TableView};
use crate::domain::Invalid;
use crate::domain::officer::Officer;
use crate::domain::placement::Placement;
use crate::domain::plan::Plan;
use crate::domain::plan::Progress;
use crate::domain::stop::{Checklist, ExternalAlert, PlacementReview, PlacementStop};
use crate::report::notice;
use crate::store::RecordRef;
use crate::store::settings::Which;
use crate::store::{Store, StoreError, Stored, stops};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// A stop, what it is about, and its checklist.
pub struct StopRow {
    pub stop: Stored<PlacementStop>,
    pub about: String,
    pub checklist: Checklist,
    pub today: NaiveDate,
}

impl StopRow {
    /// `stop`, with the children it covered (`placed`) for its checklist.
    fn new(stop: Stored<PlacementStop>, placed: &[stops::Reviewed], names: &Names, today: NaiveDate) -> StopRow {
        let reviewed = placed.iter().filter(|(_, r)| r.is_some()).count();
        StopRow {
            about: names.of(stop.value.provider_id, stop.value.setting_id),
            checklist: stop.value.checklist(placed.len(), reviewed),
            today,
            stop,
        }
    }

    fn status(&self, theme: &Theme) -> Span<'static> {
        let s = &self.stop.value;
        match (s.outcome, s.ended_on) {
            (Some(o), Some(on)) => Span::styled(format!("{} {}", o.label().to_lowercase(), on), theme.dim()),
            _ if s.is_active(self.today) => Span::styled("✖ in force", theme.error()),
            _ => Span::raw("from ".to_string() + &s.issued_on.to_string()),
        }
    }
}

impl ListItem for StopRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("#", Constraint::Length(4)),
        Column::new("Issued", Constraint::Length(10)),
        Column::new("Stop on", Constraint::Min(22)),
        Column::new("Status", Constraint::Length(22)),
        Column::new("Checklist", Constraint::Length(9)),
        Column::new("Review", Constraint::Length(12)).from_width(100),
        Column::new("Reason", Constraint::Min(16)).from_width(120),
    ];

    fn id(&self) -> i64 {
        self.stop.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let s = &self.stop.value;
        let checklist_style = if self.checklist.is_complete() {
            theme.ok()
        } else {
            theme.severity(crate::domain::rating::Severity::RequiresImprovement)
        };
        vec![
            Line::from(self.stop.id.to_string()),
            Line::from(s.issued_on.to_string()),
            Line::from(self.about.clone()),
            Line::from(self.status(theme)),
            Line::from(Span::styled(self.checklist.to_string(), checklist_style)),
            match s.review_on {
                Some(on) if s.review_is_late(self.today) => Line::from(Span::styled(format!("▲ {on}"), theme.error())),
                other => Line::from(other.map(|d| d.to_string()).unwrap_or_default()),
            },
            Line::from(s.reason.replace('\n', " ")),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let s = &self.stop.value;
        match column {
            2 => SortKey::Text(self.about.to_lowercase()),
            3 => SortKey::Number(i64::from(!s.is_active(self.today))),
            4 => SortKey::Number(self.checklist.done() as i64),
            5 => SortKey::Text(s.review_on.map(|d| d.to_string()).unwrap_or_default()),
            _ => SortKey::Text(s.issued_on.to_string()),
        }
    }

    fn haystack(&self) -> String {
        format!("{} {} {}", self.about, self.stop.value.reason, self.stop.value.issued_by)
    }
}

pub type StopsScreen = ListScreen<StopRow>;

pub fn stop_rows(store: &Store, which: Which) -> Result<Vec<StopRow>, StoreError> {
    let names = Names::load(store)?;
    let stops = store.stops_of(which)?;
    let mut placed = store.placed_at_issue_of_all(&stops)?;
    Ok(stops
        .into_iter()
        .map(|stop| {
            let covered = placed.remove(&stop.id).unwrap_or_default();
            StopRow::new(stop, &covered, &names, store.today())
        })
        .collect())
}

impl Listed for StopRow {
    const TITLE: &'static str = "Stops";
    const NOUN: &'static str = "placement stops";
    type Record = PlacementStop;
    const SORT: (usize, bool) = (3, true);

    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        let mut rows = stop_rows(store, Which::All)?;
        // Stops in force first, then the most recent.
        rows.sort_by_key(|r| (!r.stop.value.is_active(r.today), std::cmp::Reverse(r.stop.value.issued_on)));
        Ok(rows)
    }

    fn commands() -> Vec<Command> {
        vec![
            Command::open("Open the stop: checklist, placements, lifting"),
            Command::new(Action::IssueStop, &[Key::char('n')], "issue", "Issue a placement stop"),
            Command::new(
                Action::Alerts,
                &[Key::char('o')],
                "other authorities",
                "Alerts of stops issued by other authorities",
            ),
        ]
    }

    fn act(action: Action, selected: Option<&Self>, _list: &ListView<Self>, ctx: &Ctx) -> Effect {
        match (action, selected) {
            (Action::IssueStop, _) => {
                let first =
                    super::forms::target::choices(ctx.store).ok().and_then(|c| c.first().map(|c| c.code.clone()));
                let provider_id = first.and_then(|c| c.strip_prefix("p:").and_then(|id| id.parse().ok())).unwrap_or(0);
                super::actions::issue_stop(ctx, super::forms::target::Target { provider_id, setting_id: None }, None)
            }
            (Action::Alerts, _) => {
                let mut screen = ListScreen::<AlertRow>::new();
                screen.reload(ctx.store).map(|()| Effect::push(screen)).into()
            }
            (Action::Open, Some(r)) => StopScreen::open(ctx.store, r.stop.id).map(Effect::push).into(),
            _ => Effect::None,
        }
    }
}

/// An alert of another authority's stop.
pub struct AlertRow {
    alert: Stored<ExternalAlert>,
}

impl ListItem for AlertRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Received", Constraint::Length(10)),
        Column::new("From", Constraint::Length(16)),
        Column::new("Setting", Constraint::Min(18)),
        Column::new("URN", Constraint::Length(8)),
        Column::new("Ours?", Constraint::Length(5)),
        Column::new("Status", Constraint::Length(18)),
        Column::new("Reason", Constraint::Min(16)).from_width(120),
    ];

    fn id(&self) -> i64 {
        self.alert.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let a = &self.alert.value;
        let status = match a.ended_on {
            Some(on) => Span::styled(format!("ended {on}"), theme.dim()),
            None => Span::styled(format!("✖ since {}", a.issued_on), theme.error()),
        };
        vec![
            Line::from(a.received_on.to_string()),
            Line::from(a.authority.clone()),
            Line::from(format!("{} ({})", a.setting_name, a.provider_name)),
            Line::from(a.urn.clone()),
            Line::from(if a.setting_id.is_some() { "yes" } else { "no" }),
            Line::from(status),
            Line::from(a.reason.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let a = &self.alert.value;
        match column {
            1 => SortKey::Text(a.authority.to_lowercase()),
            2 => SortKey::Text(a.setting_name.to_lowercase()),
            4 => SortKey::Number(i64::from(a.setting_id.is_none())),
            _ => SortKey::Text(a.received_on.to_string()),
        }
    }

    fn haystack(&self) -> String {
        let a = &self.alert.value;
        format!("{} {} {} {} {}", a.authority, a.setting_name, a.provider_name, a.urn, a.reason)
    }
}

impl Listed for AlertRow {
    const TITLE: &'static str = "Other authorities' stops";
    const NOUN: &'static str = "alerts (import another authority's notice from the Dashboard: i, then Stop notice)";
    type Record = ExternalAlert;

    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        Ok(store.stop_alerts()?.into_iter().map(|alert| AlertRow { alert }).collect())
    }

    fn commands() -> Vec<Command> {
        Vec::new()
    }

    fn act(_action: Action, _selected: Option<&Self>, _list: &ListView<Self>, _ctx: &Ctx) -> Effect {
        Effect::None
    }
}

const PLACED_COLUMNS: &[Column<'static>] = &[
    Column::new("Child", Constraint::Length(10)),
    Column::new("Setting", Constraint::Min(16)),
    Column::new("Since", Constraint::Length(10)),
    Column::new("Review", Constraint::Length(10)),
    Column::new("Outcome", Constraint::Length(8)),
    Column::new("Left", Constraint::Length(10)),
    Column::new("Note", Constraint::Min(10)).from_width(110),
];

/// One stop.
pub struct StopScreen {
    id: i64,
    row: StopRow,
    placed: Vec<(Stored<Placement>, Option<Stored<PlacementReview>>)>,
    plan: Option<(Stored<Plan>, String)>,
    settings: std::collections::HashMap<i64, String>,
    /// What it was issued from: the concern, and the visit.
    concern: Option<Stored<crate::domain::concern::Concern>>,
    visit: Option<Stored<crate::domain::visit::Visit>>,
    view: TableView,
}

impl StopScreen {
    pub fn open(store: &Store, id: i64) -> Result<StopScreen, StoreError> {
        let mut screen = StopScreen {
            id,
            row: StopRow {
                stop: store.get(id)?,
                about: String::new(),
                checklist: Checklist { items: Vec::new() },
                today: store.today(),
            },
            placed: Vec::new(),
            plan: None,
            settings: Default::default(),
            concern: None,
            visit: None,
            view: TableView::default(),
        };
        screen.reload(store)?;
        Ok(screen)
    }
}

/// The notice's export form; `officer`, who writes it, is its contact.
fn notice_form(stop_id: i64, authority: &str, officer: Option<Officer>, today: NaiveDate) -> Form {
    let formats = vec![
        Choice::new("md", "Markdown (to read and send)"),
        Choice::new("json", "JSON (for other authorities' Oversight)"),
    ];
    let authority = authority.to_string();
    let render: export::Render = std::sync::Arc::new(move |store: &Store, format: &str| {
        let n = notice::build(store, stop_id, &authority, officer.as_ref())?;
        Ok(if format == "json" { n.to_json() } else { n.to_markdown() }.into_bytes())
    });
    let title = format!("Export the notice for stop {stop_id}");
    let stem = format!("stop-notice-{stop_id}");
    export::export_form(
        title,
        "the stop notice",
        formats,
        &stem,
        Some(RecordRef::of::<PlacementStop>(stop_id)),
        render,
        today,
    )
}

impl Screen for StopScreen {
    fn title(&self) -> String {
        format!("Stop {}", self.id)
    }

    fn commands(&self) -> Vec<Command> {
        vec![
            Command::audit(),
            Command::new(
                Action::OpenConcern,
                &[Key::char('C')],
                "concern",
                "Open the concern the stop was issued from",
            )
            .quiet(),
            Command::new(
                Action::OpenVisit,
                &[Key::char('V')],
                "visit",
                "Open the setting of the visit the stop was issued from",
            )
            .quiet(),
            Command::new(
                Action::Checklist,
                &[Key::char('c')],
                "checklist",
                "Referrals withdrawn, authorities told, report sent, review date",
            ),
            Command::new(
                Action::Review,
                &[Key::char('r'), Key::plain(KeyCode::Enter)],
                "review",
                "Review the selected child's placement: remains or moves",
            ),
            Command::new(
                Action::RequestPlan,
                &[Key::char('L')],
                "plan",
                "Request the improvement plan (opens it once requested)",
            ),
            Command::new(
                Action::Export,
                &[Key::char('N')],
                "notice",
                "Export the notice for other authorities (Markdown or JSON)",
            ),
        ]
        .into_iter()
        .chain({
            // Offered while the stop is in force; after, they say why they cannot act.
            let in_force = self.row.stop.value.outcome.is_none();
            let lift = Command::new(
                Action::Lift,
                &[Key::char('l')],
                "lift",
                "Lift the stop, with the reason and any conditions",
            );
            [
                if in_force { lift } else { lift.quiet() },
                Command::new(
                    Action::Decommission,
                    &[Key::char('X')],
                    "decommission",
                    "End the stop by decommissioning the provider",
                )
                .quiet(),
            ]
        })
        .collect()
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.view.step(action, self.placed.len()) {
            return Effect::None;
        }
        if action == Action::Audit {
            return super::audit::AuditScreen::of(ctx.store, "stops", self.id);
        }
        let today = ctx.store.today();
        let stop = &self.row.stop;
        match action {
            Action::Checklist => Effect::Form(forms::checklist_form(stop, &ctx.policy.stops, today)),
            Action::Review => match self.placed.get(self.view.selected) {
                Some((p, r)) => Effect::Form(forms::review_form(self.id, p, r.as_ref(), today)),
                None => Effect::Error("No child was placed under this stop's cover when it was issued".into()),
            },
            Action::RequestPlan => match &self.plan {
                Some((plan, _)) => super::plans::PlanScreen::open(ctx.store, plan.id).map(Effect::push).into(),
                None => Effect::Form(request_plan_form(stop, today)),
            },
            Action::Export => {
                Effect::Form(notice_form(self.id, &ctx.policy.home_authority, ctx.officer.cloned(), today))
            }
            Action::OpenConcern => match &self.concern {
                Some(c) => super::concerns::ConcernScreen::open(ctx.store, c.id).map(Effect::push).into(),
                None => Effect::Error("This stop was not issued from a recorded concern".into()),
            },
            Action::OpenVisit => match self.visit.as_ref().and_then(|v| v.value.setting_id.map(|s| (v.id, s))) {
                Some((visit, setting)) => {
                    let policy = ctx.policy.clone();
                    super::opening::Opening::effect("Setting", move |store| {
                        let mut s = super::setting::SettingScreen::open(store, &policy, setting)?;
                        s.select(RecordRef::of::<crate::domain::visit::Visit>(visit));
                        Ok(s)
                    })
                }
                None => Effect::Error("This stop was not issued from a recorded visit to a setting".into()),
            },
            Action::Lift | Action::Decommission if stop.value.outcome.is_some() => Effect::Error(format!(
                "This stop was already {} on {}: there is nothing to end",
                stop.value.outcome.map(|o| o.label().to_lowercase()).unwrap_or_default(),
                stop.value.ended_on.map(|d| d.to_string()).unwrap_or_default()
            )),
            Action::Lift => Effect::Form(forms::end_form(stop, false, ctx.store.user(), today)),
            Action::Decommission => Effect::Form(forms::end_form(stop, true, ctx.store.user(), today)),
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let s = &self.row.stop.value;
        let lines = vec![
            Line::from(vec![Span::styled(format!("{} · ", self.row.about), theme.title()), self.row.status(theme)]),
            Line::raw(format!("Issued {} by {} · {}", s.issued_on, s.issued_by, s.reason)),
            self.issued_from(theme),
            match s.outcome {
                Some(_) => Line::raw(format!(
                    "Ended by {}: {}{}",
                    s.ended_by.clone().unwrap_or_default(),
                    s.end_reason,
                    if s.lift_conditions.is_empty() {
                        String::new()
                    } else {
                        format!(" · conditions: {}", s.lift_conditions)
                    }
                )),
                None => Line::styled("New placements with it are refused while the stop is in force.", theme.dim()),
            },
        ];
        // As tall as its lines once wrapped at words (allowing for a ragged edge), within reason.
        let inner = usize::from(area.width.saturating_sub(10).max(1));
        let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
        let [head, boxes, table] =
            Layout::vertical([Constraint::Length(rows.min(6) as u16 + 2), Constraint::Length(9), Constraint::Min(4)])
                .areas(area);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(format!(" Placement stop {} ", self.id), theme.title()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), head);

        let reviewed = self.placed.iter().filter(|(_, r)| r.is_some()).count();
        let detail = |what: &str| -> String {
            match what {
                "referrals withdrawn" => s.referrals_withdrawn.map(|n| format!("{n} withdrawn")).unwrap_or_default(),
                "placements reviewed" => format!("{reviewed} of {} reviewed", self.placed.len()),
                "authorities notified" => {
                    s.notified_on.map(|d| format!("{d}: {}", s.authorities_notified)).unwrap_or_default()
                }
                "report of concerns sent" => s.concerns_report_on.map(|d| d.to_string()).unwrap_or_default(),
                "improvement plan requested" => self
                    .plan
                    .as_ref()
                    .map(|(p, progress)| {
                        format!("{} · {} · {progress}", p.value.title, p.value.status.label().to_lowercase())
                    })
                    .unwrap_or_default(),
                "review date set" => match s.review_on {
                    Some(d) if s.review_is_late(self.row.today) => format!("{d} · ▲ review late"),
                    Some(d) => d.to_string(),
                    None => String::new(),
                },
                _ => String::new(),
            }
        };
        let inner = usize::from(boxes.width.saturating_sub(2));
        let items: Vec<Line> = self
            .row
            .checklist
            .items
            .iter()
            .map(|(what, done)| {
                let mark = if *done { Span::styled("✓ ", theme.ok()) } else { Span::styled("✗ ", theme.error()) };
                let line =
                    Line::from(vec![mark, Span::styled(format!("{what:<28}"), theme.title()), Span::raw(detail(what))]);
                crate::ui::widgets::text::fit(line, inner)
            })
            .collect();
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(format!(" Checklist {} ", self.row.checklist), theme.title()));
        frame.render_widget(Paragraph::new(items).block(block), boxes);

        let row = |r: usize| {
            let (p, review) = &self.placed[r];
            let v = &p.value;
            let r = review.as_ref().map(|r| &r.value);
            vec![
                Line::from(v.child_ref.to_string()),
                Line::from(self.settings.get(&v.setting_id).cloned().unwrap_or_default()),
                Line::from(v.start.to_string()),
                Line::from(r.map(|r| r.reviewed_on.to_string()).unwrap_or_else(|| "to do".into())),
                Line::from(r.map(|r| r.outcome.label().to_lowercase()).unwrap_or_default()),
                Line::from(v.end.map(|d| d.to_string()).unwrap_or_default()),
                Line::from(r.map(|r| r.note.clone()).unwrap_or_default()),
            ]
        };
        let look = TableLook {
            columns: PLACED_COLUMNS,
            title: Line::from(format!(" Children placed when it was issued ({}) ", self.placed.len())),
            focused: true,
            sort: None,
            empty: "No children were placed there when the stop was issued.",
            cursor: None,
        };
        self.view.render(frame, table, self.placed.len(), row, look, theme);
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let stop: Stored<PlacementStop> = store.get(self.id)?;
        self.placed = store.placed_at_issue(&stop)?;
        self.row = StopRow::new(stop, &self.placed, &Names::load(store)?, store.today());
        self.settings = store
            .setting_summaries(store.today(), crate::store::settings::Which::Provider(self.row.stop.value.provider_id))?
            .into_iter()
            .map(|s| (s.setting.id, s.setting.value.name))
            .collect();
        self.plan = match self.row.stop.value.plan_id {
            Some(id) => {
                store.plan_row(id)?.map(|r| (r.plan.clone(), Progress::of(&r.action_values(), store.today()).text()))
            }
            None => None,
        };
        let s = &self.row.stop.value;
        self.concern = s.concern_id.map(|id| store.get(id)).transpose()?;
        self.visit = s.visit_id.map(|id| store.get(id)).transpose()?;
        self.view.clamp(self.placed.len());
        Ok(())
    }
}

impl StopScreen {
    /// "Issued from: concern of 2026-10-31 (C) · visit of 2026-11-06 (V)".
    fn issued_from(&self, theme: &Theme) -> Line<'static> {
        let concern = self.concern.as_ref().map(|c| format!("concern of {} (C)", c.value.raised_on));
        let visit =
            self.visit.as_ref().map(|v| format!("visit of {} (V)", v.value.completed.unwrap_or(v.value.planned)));
        match (concern, visit) {
            (None, None) => Line::styled("Issued from no recorded concern or visit", theme.dim()),
            (c, v) => Line::raw(format!("Issued from: {}", c.into_iter().chain(v).collect::<Vec<_>>().join(" · "))),
        }
    }
}

/// Requests the plan a stop calls for, linked to the stop.
struct PlanRequestSpec {
    stop: Stored<PlacementStop>,
}

impl FormSpec for PlanRequestSpec {
    fn problems(&self, form: &Form, today: NaiveDate) -> Vec<Problem> {
        let v = form.values();
        let mut out = Vec::new();
        if v.text("title").is_empty() {
            out.push((None, Invalid::new("title", "required")));
        }
        match v.date("due back") {
            Ok(d) if d < today => out.push((None, Invalid::new("due back", format!("is before today ({today})")))),
            Ok(_) => {}
            Err(i) => out.push((None, i)),
        }
        out
    }

    fn save(&self, form: &Form, store: &mut Store) -> Result<Saved, StoreError> {
        let v = form.values();
        let due = v.date("due back").map_err(|i| StoreError::Invalid(vec![i]))?;
        let plan = stops::request_plan(store, &self.stop, &v.text("title"), due)?;
        Ok(Saved {
            message: format!("Requested the improvement plan \"{}\", due back {due}", plan.value.title),
            record: Some(RecordRef::of::<Plan>(plan.id)),
            refused: false,
        })
    }
}

fn request_plan_form(stop: &Stored<PlacementStop>, today: NaiveDate) -> Form {
    let fields = vec![
        Field::text("title", "Plan for", "Put right what the stop found", 200).required(),
        Field::date("due back", "Due back", Some(crate::domain::date::add_days(today, 14))).required(),
    ];
    Form::new("Request the improvement plan", fields, Box::new(PlanRequestSpec { stop: stop.clone() }), today)
}
