//! The cluster planner: out-of-area settings due within a window, grouped by
//! local authority, so one trip can cover several; a trip is planned for the
//! whole group at once.

use super::app::{Ctx, Effect, Screen, View};
use super::event::{Action, Command, Key};
use super::forms::{Field, Form, FormSpec, Problem, Saved};
use super::setting::tier_style;
use super::widgets::table::{Column, TableLook, TableView};
use crate::domain::date::add_days;
use crate::domain::plural;
use crate::domain::policy::Policy;
use crate::domain::schedule::{self, Cluster};
use crate::domain::visit::{Visit, VisitKind};
use crate::domain::{Invalid, Validate};
use crate::store::RecordRef;
use crate::store::monitoring::{self, MonitoringRow};
use crate::store::{Store, StoreError, record};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::sync::Arc;

const COLUMNS: &[Column<'static>] = &[
    Column::new("Local authority", Constraint::Length(20)),
    Column::new("Settings", Constraint::Length(8)),
    Column::new("Earliest due", Constraint::Length(12)),
    Column::new("Planned", Constraint::Length(7)),
    Column::new("Settings due", Constraint::Min(20)),
];

/// Days ahead the planner looks by default.
pub const DEFAULT_WINDOW: u32 = 30;

pub struct ClusterScreen {
    rows: Vec<Arc<MonitoringRow>>,
    clusters: Vec<Cluster>,
    window: u32,
    view: TableView,
    policy: Policy,
    today: NaiveDate,
}

impl ClusterScreen {
    pub fn new(rows: &[Arc<MonitoringRow>], policy: &Policy, today: NaiveDate) -> ClusterScreen {
        let mut screen = ClusterScreen {
            rows: rows.iter().filter(|r| r.due.is_some()).cloned().collect(),
            clusters: Vec::new(),
            window: DEFAULT_WINDOW,
            view: TableView::default(),
            policy: policy.clone(),
            today,
        };
        screen.regroup();
        screen
    }

    fn regroup(&mut self) {
        let entries: Vec<(&str, bool, NaiveDate)> = self
            .rows
            .iter()
            .filter_map(|r| {
                r.due.as_ref().map(|d| {
                    (r.summary.setting.value.local_authority.as_str(), r.summary.setting.value.in_area, d.date)
                })
            })
            .collect();
        self.clusters = schedule::clusters(&entries, add_days(self.today, self.window.into()));
        self.view.clamp(self.clusters.len());
    }

    fn members<'a>(&'a self, cluster: &'a Cluster) -> impl Iterator<Item = &'a MonitoringRow> + 'a {
        cluster.members.iter().map(|&i| &*self.rows[i])
    }

    fn plan_trip(&self, cluster: &Cluster) -> Form {
        let members: Vec<&MonitoringRow> = self.members(cluster).collect();
        let officer = members.iter().find_map(|r| r.officer()).unwrap_or_default().to_string();
        let date = cluster.earliest.max(add_days(self.today, 7));
        let fields = vec![
            Field::date("planned", "Trip date", Some(date))
                .required()
                .hint("every setting in the group is visited on this day"),
            Field::text("officer", "Officer", &officer, 60).required(),
        ];
        let spec = TripSpec {
            authority: cluster.authority.clone(),
            settings: members.iter().map(|r| (r.summary.setting.id, r.summary.setting.value.name.clone())).collect(),
        };
        let title = format!("Cluster trip to {}: {}", cluster.authority, plural(members.len(), "setting", "settings"));
        Form::new(title, fields, Box::new(spec), self.today)
    }
}

/// Plans one cluster visit per setting, all on one date, in one transaction.
struct TripSpec {
    authority: String,
    settings: Vec<(i64, String)>,
}

impl TripSpec {
    fn visits(&self, form: &Form) -> Result<Vec<Visit>, Invalid> {
        let values = form.values();
        let planned = values.date("planned")?;
        let trip = format!("{} trip {planned}", self.authority);
        Ok(self
            .settings
            .iter()
            .map(|(id, _)| Visit {
                setting_id: Some(*id),
                provider_id: None,
                kind: VisitKind::Cluster,
                planned,
                completed: None,
                officer: values.text("officer"),
                outcome: None,
                notes: String::new(),
                follow_up: String::new(),
                trip: Some(trip.clone()),
            })
            .collect())
    }
}

impl FormSpec for TripSpec {
    fn problems(&self, form: &Form, today: NaiveDate) -> Vec<Problem> {
        let found = match self.visits(form) {
            Ok(visits) => {
                let mut out: Vec<Invalid> = visits.first().map(|v| v.problems(today)).unwrap_or_default();
                if visits.first().is_some_and(|v| v.planned < today) {
                    out.push(Invalid::new("planned", format!("plan a trip for today ({today}) or later")));
                }
                out
            }
            Err(invalid) => vec![invalid],
        };
        found.into_iter().map(|i| (None, i)).collect()
    }

    fn save(&self, form: &Form, store: &mut Store) -> Result<Saved, StoreError> {
        let problems: Vec<Invalid> = self.problems(form, store.today()).into_iter().map(|(_, i)| i).collect();
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let visits = self.visits(form).map_err(|i| StoreError::Invalid(vec![i]))?;
        let last = store.write(|tx, user, today| {
            let mut last = 0;
            for v in &visits {
                last = record::insert(tx, user, today, v)?.id;
            }
            Ok(last)
        })?;
        let date = visits.first().map(|v| v.planned).unwrap_or_default();
        Ok(Saved {
            message: format!(
                "Planned {} in {} on {date}",
                plural(visits.len(), "cluster visit", "cluster visits"),
                self.authority
            ),
            record: Some(RecordRef::of::<Visit>(last)),
            refused: false,
        })
    }
}

impl Screen for ClusterScreen {
    fn title(&self) -> String {
        "Cluster trips".into()
    }

    fn commands(&self) -> Vec<Command> {
        vec![
            Command::new(
                Action::Open,
                &[Key::plain(KeyCode::Enter)],
                "plan trip",
                "Plan one trip: a visit to every setting in the group on one date",
            ),
            Command::new(Action::Wider, &[Key::char('+')], "wider", "Look 7 days further ahead"),
            Command::new(Action::Narrower, &[Key::char('-')], "narrower", "Look 7 days less far ahead"),
        ]
    }

    fn update(&mut self, action: Action, _ctx: &Ctx) -> Effect {
        if self.view.step(action, self.clusters.len()) {
            return Effect::None;
        }
        match action {
            Action::Wider => self.window = (self.window + 7).min(365),
            Action::Narrower => self.window = self.window.saturating_sub(7),
            Action::Open => {
                return self.clusters.get(self.view.selected).map_or(Effect::None, |c| Effect::Form(self.plan_trip(c)));
            }
            _ => return Effect::None,
        }
        self.regroup();
        Effect::None
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let [table_area, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(8)]).areas(area);
        let row = |r: usize| {
            let c = &self.clusters[r];
            let names: Vec<String> = self.members(c).map(|m| m.summary.setting.value.name.clone()).collect();
            vec![
                Line::from(c.authority.clone()),
                super::widgets::table::figure(c.members.len().to_string()),
                Line::from(c.earliest.to_string()),
                super::widgets::table::figure(self.members(c).filter(|m| m.planned.is_some()).count().to_string()),
                Line::from(names.join(", ")),
            ]
        };
        let title = format!(
            " Out-of-area visits due by {} (within {} days; +/- to change) ",
            add_days(self.today, self.window.into()),
            self.window
        );
        let look = TableLook {
            columns: COLUMNS,
            title: Line::from(title),
            focused: true,
            sort: None,
            empty: &format!(
                "No out-of-area visits are due in this window: {} looks further ahead.",
                view.key(Action::Wider)
            ),
            cursor: None,
        };
        self.view.render(frame, table_area, self.clusters.len(), row, look, theme);

        let Some(cluster) = self.clusters.get(self.view.selected) else { return };
        let lines: Vec<Line> = self
            .members(cluster)
            .map(|m| {
                let s = &m.summary.setting.value;
                let due = m.due.as_ref().map(|d| d.date.to_string()).unwrap_or_default();
                let planned = match &m.planned {
                    Some((date, officer)) => Span::styled(format!(" · planned {date} ({officer})"), theme.ok()),
                    None => Span::raw(""),
                };
                Line::from(vec![
                    Span::styled(format!(" T{} ", m.assessment.tier.number()), tier_style(m.assessment.tier, theme)),
                    Span::raw(format!("{} · {} · due {due} · {}", s.name, s.town, m.assessment.summary())),
                    planned,
                ])
            })
            .collect();
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(format!(" {} ", cluster.authority), theme.title()));
        frame.render_widget(Paragraph::new(lines).block(block), detail);
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.today = store.today();
        self.rows =
            monitoring::shared(store, &self.policy, self.today)?.iter().filter(|r| r.due.is_some()).cloned().collect();
        self.regroup();
        Ok(())
    }
}
