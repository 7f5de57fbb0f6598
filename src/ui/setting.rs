//! One setting: its risk tier with every reason, its schedule, its visits and
//! its override.

use super::app::{Ctx, Effect, Screen, View, confirm};
use super::event::{Action, Command, Key};
use super::forms;
use super::forms::visit::Target;
use super::opening::Opening;
use super::provider::{ProviderScreen, setting_choices};
use super::theme::Theme;
use super::widgets::table::{Column, TableLook, TableView};
use super::widgets::{panes, score};
use crate::domain::alert::RatingAlert;
use crate::domain::decommission::{Review, Step};
use crate::domain::inspection::Inspection;
use crate::domain::notification::Notification;
use crate::domain::plural;
use crate::domain::policy::Policy;
use crate::domain::rating::Severity;
use crate::domain::score::Score;
use crate::domain::stop::ExternalAlert;
use crate::domain::tier::TierOverride;
use crate::domain::visit::{Visit, VisitOutcome};
use crate::store::RecordRef;
use crate::store::monitoring::MonitoringRow;
use crate::store::{Record, Store, StoreError, Stored};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

mod boxes;
pub use boxes::tier_style;

const VISIT_COLUMNS: &[Column<'static>] = &[
    Column::new("Planned", Constraint::Length(10)),
    Column::new("Completed", Constraint::Length(10)),
    Column::new("Kind", Constraint::Length(17)),
    Column::new("Officer", Constraint::Length(12)),
    Column::new("Outcome", Constraint::Length(16)),
    Column::new("Notes", Constraint::Min(10)).from_width(100),
];

/// The panes below the setting's boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pane {
    Visits,
    Notifications,
    Score,
    Review,
}

pub struct SettingScreen {
    id: i64,
    row: MonitoringRow,
    visits: Vec<Stored<Visit>>,
    overrides: Vec<Stored<TierOverride>>,
    /// Other authorities' stops on this setting, still in force.
    alerts: Vec<Stored<ExternalAlert>>,
    /// Judgement changes from Ofsted imports not yet acknowledged.
    ratings: Vec<Stored<RatingAlert>>,
    /// Its Ofsted inspections, oldest first.
    inspections: Vec<Stored<Inspection>>,
    view: TableView,
    /// Its quality score.
    score: Score,
    score_view: TableView,
    /// Its Regulation 40 notifications, the latest first.
    notifications: Vec<Stored<Notification>>,
    notification_view: TableView,
    /// Its decommissioning reviews, the latest first.
    reviews: Vec<Stored<Review>>,
    review_view: TableView,
    /// The pane shown below: the visits, the score, or the latest review.
    pane: Pane,
    policy: Policy,
    today: NaiveDate,
}

impl SettingScreen {
    pub fn open(store: &Store, policy: &Policy, id: i64) -> Result<SettingScreen, StoreError> {
        let row = store.monitoring_row(policy, store.today(), id)?;
        let mut screen = SettingScreen {
            id,
            score: store.setting_score(policy, store.today(), &row)?,
            score_view: TableView::default(),
            reviews: Vec::new(),
            review_view: TableView::default(),
            notifications: Vec::new(),
            notification_view: TableView::default(),
            pane: Pane::Visits,
            row,
            visits: Vec::new(),
            overrides: Vec::new(),
            alerts: Vec::new(),
            ratings: Vec::new(),
            inspections: Vec::new(),
            view: TableView::default(),
            policy: policy.clone(),
            today: store.today(),
        };
        screen.reload_lists(store)?;
        Ok(screen)
    }

    /// Opens setting `id`, read on the reader (see [`Opening`]).
    pub fn opening(policy: &Policy, id: i64) -> Effect {
        let policy = policy.clone();
        Opening::effect("Setting", move |store| SettingScreen::open(store, &policy, id))
    }

    fn target(&self) -> super::forms::target::Target {
        super::forms::target::Target {
            provider_id: self.row.summary.setting.value.provider_id,
            setting_id: Some(self.id),
        }
    }

    fn officer(&self) -> String {
        self.row.officer().unwrap_or_default().to_string()
    }

    fn selected_visit(&self) -> Option<&Stored<Visit>> {
        self.visits.get(self.view.selected)
    }

    fn selected_notification(&self) -> Option<&Stored<Notification>> {
        self.notifications.get(self.notification_view.selected)
    }

    /// Shown at its notifications.
    pub fn at_notifications(mut self) -> SettingScreen {
        self.pane = Pane::Notifications;
        self
    }
}

impl Screen for SettingScreen {
    fn title(&self) -> String {
        self.row.summary.setting.value.name.clone()
    }

    fn commands(&self) -> Vec<Command> {
        let mut commands = vec![
            Command::audit(),
            Command::new(Action::LogVisit, &[Key::char('v')], "log visit", "Log a visit made to this setting"),
            Command::new(Action::PlanVisit, &[Key::char('p')], "plan visit", "Plan a visit"),
            Command::new(
                Action::Edit,
                &[Key::char('e'), Key::plain(KeyCode::Enter)],
                "edit visit",
                "Edit the selected visit (e.g. complete a planned one)",
            ),
            Command::new(Action::Delete, &[Key::char('d')], "delete", "Delete a visit entered by mistake (asks first)")
                .quiet(),
            Command::new(
                Action::Override,
                &[Key::char('o')],
                "override",
                "Override the tier, with a reason and an expiry",
            ),
            Command::new(
                Action::EndOverride,
                &[Key::char('O')],
                "end override",
                "End the override in force (asks first)",
            )
            .quiet(),
            Command::new(Action::AddInspection, &[Key::char('i')], "inspection", "Record an Ofsted inspection").quiet(),
            Command::new(Action::EditProvider, &[Key::char('E')], "edit setting", "Edit the setting's details").quiet(),
            Command::new(Action::OpenProvider, &[Key::char('P')], "provider", "Open the provider").quiet(),
            self.actions_command(),
            {
                let c = Command::new(
                    Action::Acknowledge,
                    &[Key::char('A')],
                    "acknowledge",
                    "Acknowledge the change of Ofsted judgement shown",
                );
                if self.ratings.is_empty() { c.quiet() } else { c }
            },
            Command::new(Action::RaiseConcern, &[Key::char('R')], "concern", "Raise a concern about this setting"),
            Command::new(Action::IssueStop, &[Key::char('S')], "stop", "Issue a placement stop on this setting"),
            Command::new(
                Action::RequestPlan,
                &[Key::char('L')],
                "request plan",
                "Request an improvement plan for this setting",
            ),
        ];
        let review = Command::new(
            Action::Decommission,
            &[Key::char('D')],
            "decommissioning",
            "Work the decommissioning review through its steps to a decision",
        );
        commands.push(if self.open_review().is_some() { review } else { review.quiet() });
        match self.pane {
            Pane::Visits => {}
            Pane::Notifications => super::notifications::pane_commands(&mut commands),
            _ => commands.retain(|c| !matches!(c.action, Action::Edit | Action::Delete)),
        }
        // First on its pane, where the footer shows it.
        let at = if self.pane == Pane::Notifications { 1 } else { commands.len() };
        commands.insert(at, super::notifications::log_command());
        commands.extend(panes::commands(
            "The visits, the notifications, the quality score and its parts, or the decommissioning review",
        ));
        commands
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let shown = self.panes();
        let at = shown.iter().position(|p| *p == self.pane).unwrap_or(0);
        if let Some(next) = panes::step(action, at, shown.len()) {
            self.pane = shown[next];
            return Effect::None;
        }
        let stepped = match self.pane {
            Pane::Visits => self.view.step(action, self.visits.len()),
            Pane::Notifications => self.notification_view.step(action, self.notifications.len()),
            Pane::Score => self.score_view.step(action, self.score.components.len()),
            Pane::Review => self.review_view.step(action, Step::ALL.len()),
        };
        if stepped {
            return Effect::None;
        }
        if action == Action::Decommission || (self.pane == Pane::Review && action == Action::Open) {
            return match self.reviews.first() {
                Some(r) => Effect::Form(forms::decommission::form(r, &self.row.summary.setting.value.name, ctx.store.today())),
                None => Effect::Error(
                    "No decommissioning review here: one opens when a judgement takes this home below Good with children placed".into(),
                ),
            };
        }
        if action == Action::Audit {
            return super::audit::AuditScreen::of(ctx.store, "settings", self.id);
        }
        let today = ctx.store.today();
        let setting = &self.row.summary.setting;
        let on_pane = self.selected_notification().filter(|_| self.pane == Pane::Notifications);
        let about = (self.id, setting.value.name.as_str());
        if let Some(effect) =
            super::notifications::setting_action(action, self.pane == Pane::Notifications, on_pane, about, today)
        {
            return effect;
        }
        match action {
            Action::LogVisit => Effect::Form(
                forms::visit::form(Target::Setting(self.id), None, true, &self.officer(), today)
                    .about(&setting.value.name),
            ),
            Action::PlanVisit => Effect::Form(
                forms::visit::form(Target::Setting(self.id), None, false, &self.officer(), today)
                    .about(&setting.value.name),
            ),
            Action::Edit => self.selected_visit().map_or(Effect::None, |v| {
                Effect::Form(forms::visit::form(
                    Target::Setting(self.id),
                    Some(v),
                    v.value.completed.is_some(),
                    &v.value.officer,
                    today,
                ))
            }),
            Action::Delete => self.selected_visit().map_or(Effect::None, |v| {
                let (id, version, what) = (v.id, v.version, v.value.describe());
                confirm(format!("Delete the {what}? Only for a visit entered by mistake."), move |store: &mut Store| {
                    store.delete::<Visit>(id, version).map(|()| "Deleted the visit".to_string())
                })
            }),
            Action::Override => Effect::Form(forms::tier_override::form(self.id, self.row.assessment.tier, today)),
            Action::EndOverride => match self.overrides.iter().find(|o| o.value.is_active(today)) {
                Some(o) => {
                    let (id, version) = (o.id, o.version);
                    confirm(
                        format!("End the override to tier {}? The computed tier returns.", o.value.tier.number()),
                        move |store: &mut Store| {
                            store
                                .delete::<TierOverride>(id, version)
                                .map(|()| "Override ended: the computed tier applies".to_string())
                        },
                    )
                }
                None => Effect::Error("No override is in force".into()),
            },
            Action::AddInspection => {
                let choices = setting_choices(std::slice::from_ref(&self.row.summary));
                Effect::Form(forms::inspection::form(choices, self.id, None, &ctx.policy.decommissioning, today))
            }
            Action::EditProvider => Effect::Form(forms::setting::form(setting.value.provider_id, Some(setting), today)),
            Action::RaiseConcern => super::concerns::new_concern(ctx, Some(self.target())),
            Action::IssueStop => super::actions::issue_stop(ctx, self.target(), None),
            Action::RequestPlan => {
                super::actions::request_plan(ctx, self.target(), (crate::domain::plan::PlanSource::Visit, None))
            }
            Action::OpenProvider => ProviderScreen::opening_at(ctx.policy, setting.value.provider_id, self.id),
            Action::Acknowledge => match self.ratings.first() {
                Some(r) => super::alerts::acknowledge(r, &setting.value.name),
                None => Effect::Error("No change of judgement to acknowledge here".into()),
            },
            Action::Alerts => {
                let (policy, provider, id) = (ctx.policy.clone(), setting.value.provider_id, self.id);
                Opening::effect("Provider", move |store| {
                    ProviderScreen::open_at(store, &policy, provider, id).map(ProviderScreen::at_actions)
                })
            }
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let header_height = 2
            + u16::from(!self.alerts.is_empty())
            + u16::from(!self.ratings.is_empty())
            + u16::from(self.open_review().is_some());
        let [header, boxes, ofsted, table] = Layout::vertical([
            Constraint::Length(header_height),
            Constraint::Length(9),
            Constraint::Length(4),
            Constraint::Min(4),
        ])
        .areas(area);
        self.render_header(frame, header, view);
        self.render_ofsted(frame, ofsted, view);
        let [tier_area, schedule_area] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(boxes);
        self.render_tier(frame, tier_area, theme);
        self.render_schedule(frame, schedule_area, theme);
        let row = |r: usize| {
            let v = &self.visits[r].value;
            let outcome = match v.outcome {
                Some(o @ (VisitOutcome::Concerns | VisitOutcome::SeriousConcerns)) => {
                    Line::from(Span::styled(format!("▲ {}", o.label()), theme.severity(Severity::RequiresImprovement)))
                }
                Some(o) => Line::from(o.label()),
                None => Line::from(Span::styled("planned", theme.dim())),
            };
            vec![
                Line::from(v.planned.to_string()),
                Line::from(v.completed.map(|d| d.to_string()).unwrap_or_default()),
                Line::from(v.kind.label()),
                Line::from(v.officer.clone()),
                outcome,
                Line::from(v.notes.replace('\n', " ")),
            ]
        };
        match (self.pane, self.reviews.first()) {
            (Pane::Score, _) => return self.render_score(frame, table, theme),
            (Pane::Notifications, _) => {
                let key = view.key(Action::LogNotification);
                let (title, notes) = (self.pane_titles(theme), &self.notifications);
                let at = (self.today, key.as_str());
                return super::notifications::render_pane(
                    frame,
                    table,
                    &self.notification_view,
                    notes,
                    title,
                    at,
                    theme,
                );
            }
            (Pane::Review, Some(r)) => {
                let title = self.pane_titles(theme);
                return super::decommission::render(
                    frame,
                    table,
                    &self.review_view,
                    &r.value,
                    title,
                    self.today,
                    theme,
                );
            }
            _ => {}
        }
        let look = TableLook {
            columns: VISIT_COLUMNS,
            title: self.pane_titles(theme),
            focused: true,
            sort: None,
            empty: &format!(
                "No visits yet: {} logs one, {} plans one.",
                view.key(Action::LogVisit),
                view.key(Action::PlanVisit)
            ),
            cursor: None,
        };
        self.view.render(frame, table, self.visits.len(), row, look, theme);
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.row = store.monitoring_row(&self.policy, store.today(), self.id)?;
        self.score = store.setting_score(&self.policy, store.today(), &self.row)?;
        self.reload_lists(store)
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<Visit>()
            && let Some(at) = self.visits.iter().position(|v| v.id == id)
        {
            self.view.selected = at;
        }
        if let Some(id) = record.id_of::<Notification>()
            && let Some(at) = self.notifications.iter().position(|n| n.id == id)
        {
            // One just logged shows among the others.
            self.pane = Pane::Notifications;
            self.notification_view.selected = at;
        }
    }
}

impl SettingScreen {
    /// Re-reads its visits, overrides and alerts.
    fn reload_lists(&mut self, store: &Store) -> Result<(), StoreError> {
        self.visits = store.visits_to_setting(self.id)?;
        self.overrides = store.overrides_for_setting(self.id)?;
        self.alerts = store.stop_alerts_in_force(self.id)?;
        self.ratings = store.open_rating_alerts_for(self.id)?;
        self.inspections = store.inspections_of_setting(self.id)?;
        self.reviews = store.decommissioning_of_setting(self.id)?;
        self.notifications = store.notifications_of_setting(self.id)?;
        self.notification_view.clamp(self.notifications.len());
        if !self.panes().contains(&self.pane) {
            self.pane = Pane::Visits;
        }
        self.view.clamp(self.visits.len());
        self.today = store.today();
        Ok(())
    }

    /// `a` opens the provider's stops, plans and concerns; in the footer
    /// while one of them brings this setting into monitoring.
    fn actions_command(&self) -> Command {
        use crate::domain::schedule::Scope;
        let c = Command::new(
            Action::Alerts,
            &[Key::char('C')],
            "stops & plans",
            "Open the provider at its stops, plans and concerns",
        );
        let acting =
            self.row.scope.iter().any(|s| matches!(s, Scope::UnderStop | Scope::UnderPlan | Scope::UnderConcern));
        if acting { c } else { c.quiet() }
    }

    fn render_header(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let s = &self.row.summary;
        let v = &s.setting.value;
        // A withheld name already carries the URN.
        let urn =
            v.urn.as_ref().filter(|u| !v.name.contains(u.as_str())).map(|u| format!(" ({u})")).unwrap_or_default();
        let first = |short: bool| {
            Line::from(vec![
                Span::styled(format!(" {}{urn}", v.name), theme.title()),
                Span::raw(format!(" · {} · {} · ", v.kind, s.provider_name)),
                theme.judgement(s.judgement, short),
            ])
        };
        // The judgement in full where it fits, else in short.
        let first = match first(false) {
            long if long.width() <= usize::from(area.width) => long,
            _ => first(true),
        };
        let place = if v.in_area {
            "in our area".to_string()
        } else {
            v.distance_miles.map_or("out of area".into(), |d| format!("{d} miles"))
        };
        let vacancy = self.row.assessment.reasons.iter().find(|r| r.short == crate::domain::tier::MANAGER_VACANT);
        let manager = match (&v.registered_manager, vacancy.map(|r| r.since)) {
            (_, Some(Some(on))) => format!("⚠ manager vacant since {on}"),
            (_, Some(None)) => "⚠ manager vacant".into(),
            (Some(name), None) => format!("manager {name}"),
            (None, None) => "manager not recorded".into(),
        };
        let town = if v.town.is_empty() { String::new() } else { format!("{}, ", v.town) };
        let second = Line::from(format!(
            " {town}{} ({place}) · {manager} · {} placed · {} a week",
            v.local_authority,
            plural(s.children as usize, "child", "children"),
            s.weekly_spend.full()
        ));
        let alerts = self.alerts.iter().map(|a| {
            let a = &a.value;
            Line::styled(
                format!(
                    " ⚠ {} stopped placements here from {} ({}): {}",
                    a.authority,
                    a.issued_on,
                    a.notice_id,
                    a.reason.replace('\n', " ")
                ),
                theme.error(),
            )
        });
        let ratings = self.ratings.iter().map(|r| {
            let urgent = if r.value.urgent { " URGENT, children placed:" } else { "" };
            Line::styled(
                format!(" ⚑ Ofsted judgement changed:{urgent} {} · A acknowledges", r.value.describe()),
                if r.value.urgent { theme.error() } else { theme.severity(Severity::RequiresImprovement) },
            )
        });
        let width = usize::from(area.width);
        let lines: Vec<Line> = [first, second]
            .into_iter()
            .chain(alerts.take(1))
            .chain(ratings.take(1))
            .chain(
                self.open_review()
                    .map(|r| super::decommission::banner(r, self.today, &view.key(Action::Decommission), theme)),
            )
            .map(|l| super::widgets::text::fit(l, width))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// Its Ofsted judgements over the years, and the latest in full.
    fn render_ofsted(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        use super::widgets::{history, text};
        let events: Vec<&Inspection> = self.inspections.iter().map(|i| &i.value).collect();
        // The newest that fit on the first line, an ellipsis for the rest.
        let room = usize::from(area.width.saturating_sub(2));
        let earlier = |shown: usize| if shown < events.len() { 12 } else { 0 };
        let mut shown = events.len();
        while shown > 1 && history::timeline(&events[events.len() - shown..], view).width() + earlier(shown) > room {
            shown -= 1;
        }
        let mut first = history::timeline(&events[events.len() - shown..], view);
        if shown < events.len() {
            first.spans.insert(0, Span::styled(format!("{} earlier … ", events.len() - shown), theme.dim()));
        }
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(" Ofsted over the years ", theme.title()));
        let lines = vec![text::fit(first, room), text::fit(history::latest(&events, theme), room)];
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    /// The panes it has: a review's only where one was opened.
    fn panes(&self) -> Vec<Pane> {
        let review = (!self.reviews.is_empty()).then_some(Pane::Review);
        [Pane::Visits, Pane::Notifications, Pane::Score].into_iter().chain(review).collect()
    }

    /// The review not yet decided, if any.
    fn open_review(&self) -> Option<&Review> {
        self.reviews.first().map(|r| &r.value).filter(|r| r.is_open())
    }

    /// "Visits (3)  Score 64  Decommissioning": the pane shown bright, the others dim.
    fn pane_titles(&self, theme: &Theme) -> Line<'static> {
        let style = |pane: Pane| if pane == self.pane { theme.tab_active() } else { theme.dim() };
        let mut spans = vec![
            Span::raw(" "),
            Span::styled(format!(" Visits ({}) ", self.visits.len()), style(Pane::Visits)),
            Span::raw(" "),
            Span::styled(format!(" Notifications ({}) ", self.notifications.len()), style(Pane::Notifications)),
            Span::raw(" "),
            Span::styled(format!(" Score {} ", self.score.label()), style(Pane::Score)),
            Span::raw(" "),
        ];
        if let Some(r) = self.reviews.first() {
            let state = if r.value.is_open() { "open" } else { "decided" };
            spans.push(Span::styled(format!(" Decommissioning ({state}) "), style(Pane::Review)));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }

    /// The setting's quality score, every component with its basis.
    fn render_score(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let row = |at: usize| self.score.components.get(at).map_or_else(Vec::new, |c| score::cells(c, theme));
        let look = TableLook {
            columns: score::COLUMNS,
            title: self.pane_titles(theme),
            focused: true,
            sort: None,
            empty: "",
            cursor: None,
        };
        self.score_view.render(frame, area, self.score.components.len(), row, look, theme);
        let lead = format!(
            " {}: its own evidence and its provider's as a whole; {}% of the weight rests on evidence ",
            self.score.label(),
            self.score.coverage()
        );
        if area.height > 2 && area.width > 4 {
            let bottom = Rect { y: area.y + area.height - 1, x: area.x + 1, width: area.width - 2, height: 1 };
            frame.render_widget(
                Paragraph::new(super::widgets::text::fit(Line::styled(lead, theme.dim()), bottom.width as usize)),
                bottom,
            );
        }
    }
}
