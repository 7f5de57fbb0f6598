//! A provider's screen: its settings (with each one's judgement history),
//! inspections, contracts and placements, one pane at a time.

use super::actions::archive_toggle;
use super::app::{Ctx, Effect, Screen, View, confirm};
use super::concerns::{self, ConcernRow, ConcernScreen, concern_rows};
use super::event::{Action, Command, Key};
use super::forms::target::Target as FormTarget;
use super::forms::visit::Target;
use super::forms::{self, Choice};
use super::plans::{PlanListRow, PlanScreen, plan_rows};
use super::setting::SettingScreen;
use super::stops::{StopRow, StopScreen, stop_rows};
use super::theme::Theme;
use super::widgets::list::ListItem;
use super::widgets::table::figure;
use super::widgets::table::{TableLook, TableView};
use super::widgets::text::fit;
use crate::domain::contract::Contract;
use crate::domain::inspection::Inspection;
use crate::domain::money::Pence;
use crate::domain::placement::Placement;
use crate::domain::plan::PlanSource;
use crate::domain::plural;
use crate::domain::provider::Provider;
use crate::domain::setting::Setting;
use crate::domain::visit::Visit;
use crate::store::RecordRef;
use crate::store::settings::{self, SettingSummary};
use crate::store::{Deletable, Record, Store, StoreError, Stored};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

mod panes;
use panes::*;

pub struct ProviderScreen {
    provider: Stored<Provider>,
    settings: Vec<SettingSummary>,
    inspections: Vec<Stored<Inspection>>,
    contracts: Vec<Stored<Contract>>,
    placements: Vec<Stored<Placement>>,
    visits: Vec<Stored<Visit>>,
    pane: Pane,
    concerns: Vec<ConcernRow>,
    plans: Vec<PlanListRow>,
    stops: Vec<StopRow>,
    views: [TableView; 8],
    today: NaiveDate,
}

impl ProviderScreen {
    pub fn open(store: &Store, provider_id: i64) -> Result<ProviderScreen, StoreError> {
        let mut screen = ProviderScreen {
            provider: store.get(provider_id)?,
            settings: Vec::new(),
            inspections: Vec::new(),
            contracts: Vec::new(),
            placements: Vec::new(),
            visits: Vec::new(),
            concerns: Vec::new(),
            plans: Vec::new(),
            stops: Vec::new(),
            pane: Pane::Settings,
            views: Default::default(),
            today: store.today(),
        };
        screen.reload(store)?;
        Ok(screen)
    }

    /// Opens on the Settings pane with `setting_id` selected.
    pub fn open_at(store: &Store, provider_id: i64, setting_id: i64) -> Result<ProviderScreen, StoreError> {
        let mut screen = ProviderScreen::open(store, provider_id)?;
        screen.views[0].selected = screen.settings.iter().position(|s| s.setting.id == setting_id).unwrap_or(0);
        Ok(screen)
    }

    /// Shows the first of the Stops, Plans and Concerns panes that holds anything.
    pub fn at_actions(mut self) -> ProviderScreen {
        self.pane = [Pane::Stops, Pane::Plans, Pane::Concerns]
            .into_iter()
            .find(|&p| self.rows(p) > 0)
            .unwrap_or(Pane::Concerns);
        self
    }

    fn rows(&self, pane: Pane) -> usize {
        match pane {
            Pane::Settings => self.settings.len(),
            Pane::Inspections => self.inspections.len(),
            Pane::Contracts => self.contracts.len(),
            Pane::Placements => self.placements.len(),
            Pane::Visits => self.visits.len(),
            Pane::Concerns => self.concerns.len(),
            Pane::Plans => self.plans.len(),
            Pane::Stops => self.stops.len(),
        }
    }

    fn view(&self) -> &TableView {
        &self.views[self.pane.index()]
    }

    fn selected_setting(&self) -> Option<&SettingSummary> {
        self.settings.get(self.views[0].selected)
    }

    fn setting_name(&self, id: i64) -> String {
        self.settings
            .iter()
            .find(|s| s.setting.id == id)
            .map_or_else(|| format!("#{id}"), |s| s.setting.value.name.clone())
    }

    fn setting_choices(&self) -> Vec<Choice> {
        setting_choices(&self.settings)
    }

    fn contract_choices(&self) -> Vec<Choice> {
        self.contracts
            .iter()
            .map(|c| Choice::new(c.id.to_string(), format!("{} ({})", c.value.reference, c.value.kind)))
            .collect()
    }

    /// The setting new inspections and placements start on.
    fn default_setting(&self) -> Option<i64> {
        self.selected_setting().or(self.settings.first()).map(|s| s.setting.id)
    }

    fn new_record(&self, pane: Pane, ctx: &Ctx) -> Effect {
        let today = self.today;
        let id = self.provider.id;
        match (pane, self.default_setting()) {
            (Pane::Settings, _) => Effect::Form(forms::setting::form(id, None, today)),
            (Pane::Contracts, _) => Effect::Form(forms::contract::form(id, None, today)),
            (Pane::Visits, _) => Effect::Form(forms::visit::form(Target::Provider(id), None, true, "", today)),
            (Pane::Concerns | Pane::Plans | Pane::Stops, _) => Effect::None,
            (_, None) => Effect::Error(format!(
                "Add a setting first ({} to Settings, then {})",
                ctx.key(Action::NextPane),
                ctx.key(Action::New)
            )),
            (Pane::Inspections, Some(s)) => {
                Effect::Form(forms::inspection::form(self.setting_choices(), s, None, today))
            }
            (Pane::Placements, Some(s)) => {
                Effect::Form(forms::placement::form(self.setting_choices(), self.contract_choices(), s, None, today))
            }
        }
    }

    fn edit_selected(&self) -> Effect {
        let today = self.today;
        let at = self.view().selected;
        match self.pane {
            Pane::Settings => {
                self.settings.get(at).map(|s| forms::setting::form(self.provider.id, Some(&s.setting), today))
            }
            Pane::Inspections => self
                .inspections
                .get(at)
                .map(|i| forms::inspection::form(self.setting_choices(), i.value.setting_id, Some(i), today)),
            Pane::Contracts => self.contracts.get(at).map(|c| forms::contract::form(self.provider.id, Some(c), today)),
            Pane::Visits => self.visits.get(at).map(|v| {
                let target = v.value.setting_id.map_or(Target::Provider(self.provider.id), Target::Setting);
                forms::visit::form(target, Some(v), v.value.completed.is_some(), &v.value.officer, today)
            }),
            Pane::Placements => self.placements.get(at).map(|p| {
                forms::placement::form(
                    self.setting_choices(),
                    self.contract_choices(),
                    p.value.setting_id,
                    Some(p),
                    today,
                )
            }),
            Pane::Concerns | Pane::Plans | Pane::Stops => None,
        }
        .map_or(Effect::None, Effect::Form)
    }

    fn delete_selected(&self) -> Effect {
        let at = self.view().selected;
        match self.pane {
            Pane::Inspections => self.inspections.get(at).map_or(Effect::None, |i| {
                delete(
                    i,
                    &format!(
                        "the {} of {} on {}",
                        i.value.kind.to_string().to_lowercase(),
                        self.setting_name(i.value.setting_id),
                        i.value.date
                    ),
                )
            }),
            Pane::Placements => self.placements.get(at).map_or(Effect::None, |p| {
                delete(
                    p,
                    &format!(
                        "the placement of {} at {} from {}",
                        p.value.child_ref,
                        self.setting_name(p.value.setting_id),
                        p.value.start
                    ),
                )
            }),
            Pane::Visits => {
                self.visits.get(at).map_or(Effect::None, |v| delete(v, &format!("the {}", v.value.describe())))
            }
            _ => Effect::Error(
                "Only mistaken inspections and placements can be deleted; archive a setting with x".into(),
            ),
        }
    }
}

/// Choices of setting for forms: name and URN.
pub fn setting_choices(settings: &[SettingSummary]) -> Vec<Choice> {
    settings
        .iter()
        .map(|s| {
            let v = &s.setting.value;
            let urn = v.urn.as_ref().map(|u| format!(" ({u})")).unwrap_or_default();
            let archived = if v.archived_on.is_some() { " [archived]" } else { "" };
            Choice::new(s.setting.id.to_string(), format!("{}{urn}{archived}", v.name))
        })
        .collect()
}

/// The confirmation that deletes a mistaken record.
fn delete<T: Deletable + 'static>(record: &Stored<T>, what: &str) -> Effect {
    let (id, version) = (record.id, record.version);
    confirm(
        format!("Delete {what}? Only do this for a record entered by mistake; the audit trail keeps a copy."),
        move |store: &mut Store| store.delete::<T>(id, version).map(|()| format!("Deleted the {}", T::NOUN)),
    )
}

/// Greys out a row that is no longer current (archived, ended).
fn dim_unless<'a>(current: bool, cells: Vec<Line<'a>>, theme: &Theme) -> Vec<Line<'a>> {
    if current { cells } else { cells.into_iter().map(|c| c.style(theme.dim())).collect() }
}

fn dash(date: Option<NaiveDate>, none: &str) -> String {
    date.map_or_else(|| none.to_string(), |d| d.to_string())
}

impl Screen for ProviderScreen {
    fn title(&self) -> String {
        self.provider.value.name.clone()
    }

    fn commands(&self) -> Vec<Command> {
        let noun = match self.pane {
            Pane::Concerns => "raise concern",
            Pane::Plans => "request plan",
            Pane::Stops => "issue stop",
            Pane::Settings => "new setting",
            Pane::Inspections => "new inspection",
            Pane::Contracts => "new contract",
            Pane::Placements => "new placement",
            Pane::Visits => "log meeting",
        };
        let mut c = vec![
            Command::audit(),
            Command::new(
                Action::NextPane,
                &[Key::plain(KeyCode::Tab)],
                "pane",
                "Next pane: settings, inspections, contracts, placements",
            ),
            Command::new(Action::PrevPane, &[Key::plain(KeyCode::BackTab)], "previous pane", "Previous pane").quiet(),
            Command::new(Action::New, &[Key::char('n')], noun, "Add a record to this pane"),
            Command::open("Open the selected setting, or edit the selected record"),
            Command::edit("Edit the selected record"),
            Command::new(
                Action::AddInspection,
                &[Key::char('i')],
                "inspection",
                "Record an Ofsted inspection of the selected setting",
            ),
            Command::new(
                Action::EditProvider,
                &[Key::char('E')],
                "edit provider",
                "Edit the provider's name and contact",
            )
            .quiet(),
            Command::new(Action::RaiseConcern, &[Key::char('R')], "concern", "Raise a concern about the provider"),
            Command::new(Action::IssueStop, &[Key::char('S')], "stop", "Issue a placement stop on the provider"),
        ];
        match self.pane {
            Pane::Settings => c.push(Command::archive("Archive the setting (or restore it); its history stays")),
            Pane::Inspections | Pane::Placements | Pane::Visits => c.push(Command::new(
                Action::Delete,
                &[Key::char('d')],
                "delete",
                "Delete a record entered by mistake (asks first)",
            )),
            Pane::Contracts | Pane::Concerns | Pane::Plans | Pane::Stops => {}
        }
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let rows = self.rows(self.pane);
        if self.views[self.pane.index()].step(action, rows) {
            return Effect::None;
        }
        if action == Action::Audit {
            return super::audit::AuditScreen::of(ctx.store, "providers", self.provider.id);
        }
        let whole = FormTarget { provider_id: self.provider.id, setting_id: None };
        let at = self.views[self.pane.index()].selected;
        match (action, self.pane) {
            (Action::New, Pane::Concerns) | (Action::RaiseConcern, _) => {
                return concerns::new_concern(ctx, Some(whole));
            }
            (Action::New, Pane::Plans) => return super::actions::request_plan(ctx, whole, (PlanSource::Other, None)),
            (Action::New, Pane::Stops) | (Action::IssueStop, _) => return super::actions::issue_stop(ctx, whole, None),
            (Action::Open | Action::Edit, Pane::Concerns) => {
                return self
                    .concerns
                    .get(at)
                    .map_or(Effect::None, |r| ConcernScreen::open(ctx.store, r.concern.id).map(Effect::push).into());
            }
            (Action::Open | Action::Edit, Pane::Plans) => {
                return self
                    .plans
                    .get(at)
                    .map_or(Effect::None, |r| PlanScreen::open(ctx.store, r.plan.id).map(Effect::push).into());
            }
            (Action::Open | Action::Edit, Pane::Stops) => {
                return self
                    .stops
                    .get(at)
                    .map_or(Effect::None, |r| StopScreen::open(ctx.store, r.stop.id).map(Effect::push).into());
            }
            _ => {}
        }
        match action {
            Action::NextPane => self.pane = PANES[(self.pane.index() + 1) % PANES.len()],
            Action::PrevPane => self.pane = PANES[(self.pane.index() + PANES.len() - 1) % PANES.len()],
            Action::New => return self.new_record(self.pane, ctx),
            Action::AddInspection => return self.new_record(Pane::Inspections, ctx),
            Action::Open if self.pane == Pane::Settings => {
                if let Some(s) = self.selected_setting() {
                    return SettingScreen::open(ctx.store, ctx.policy, s.setting.id).map(Effect::push).into();
                }
            }
            Action::Edit | Action::Open => return self.edit_selected(),
            Action::EditProvider => {
                return Effect::Form(forms::provider::form(Some(&self.provider), self.today));
            }
            Action::Delete => return self.delete_selected(),
            Action::Archive if self.pane == Pane::Settings => {
                if let Some(s) = self.selected_setting() {
                    return archive_toggle(
                        ctx,
                        s.setting.id,
                        s.setting.version,
                        &s.setting.value,
                        |v: &mut Setting, on| v.archived_on = on,
                        "It leaves the working lists; its inspections and placements stay.",
                    );
                }
            }
            _ => {}
        }
        Effect::None
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let [header, tabs, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Length(1), Constraint::Min(4)]).areas(area);
        self.render_header(frame, header, theme);
        // The panes named in full, two spaces apart; when that does not fit,
        // one space apart; then the others by their short names.
        let label = |pane: Pane, short: bool| match pane == self.pane {
            true => format!(" {} {} ", pane.name(), self.rows(pane)),
            false => format!("{} {}", if short { pane.short() } else { pane.name() }, self.rows(pane)),
        };
        // A space before the first unless it is current (and padded already).
        let lead = if PANES[0] == self.pane { "" } else { " " };
        let width = |short, gap: &str| {
            let labels: usize = PANES.iter().map(|p| label(*p, short).chars().count()).sum();
            lead.len() + labels + gap.len() * (PANES.len() - 1)
        };
        let (short, gap) = [(false, "  "), (false, " "), (true, "  "), (true, " ")]
            .into_iter()
            .find(|&(short, gap)| width(short, gap) <= tabs.width as usize)
            .unwrap_or((true, " "));
        let mut spans = vec![Span::raw(lead)];
        for (n, &pane) in PANES.iter().enumerate() {
            let style = if pane == self.pane { theme.tab_active() } else { theme.dim() };
            if n > 0 {
                spans.push(Span::raw(gap));
            }
            spans.push(Span::styled(label(pane, short), style));
        }
        frame.render_widget(fit(Line::from(spans), tabs.width as usize), tabs);
        match self.pane {
            Pane::Settings => {
                let [table, timeline] = Layout::vertical([Constraint::Min(4), Constraint::Length(4)]).areas(body);
                self.render_settings(frame, table, view);
                self.render_timeline(frame, timeline, view);
            }
            Pane::Inspections => self.render_inspections(frame, body, view),
            Pane::Contracts => self.render_contracts(frame, body, view),
            Pane::Placements => self.render_placements(frame, body, view),
            Pane::Visits => self.render_visits(frame, body, view),
            Pane::Concerns => self.pane_table(frame, body, Pane::Concerns, |r| self.concerns[r].cells(theme), view),
            Pane::Plans => self.pane_table(frame, body, Pane::Plans, |r| self.plans[r].cells(theme), view),
            Pane::Stops => self.pane_table(frame, body, Pane::Stops, |r| self.stops[r].cells(theme), view),
        }
    }

    fn select(&mut self, record: RecordRef) {
        fn at(id: Option<i64>, mut ids: impl Iterator<Item = i64>) -> Option<usize> {
            id.and_then(|id| ids.position(|i| i == id))
        }
        let found = [
            (Pane::Settings, at(record.id_of::<Setting>(), self.settings.iter().map(|s| s.setting.id))),
            (Pane::Inspections, at(record.id_of::<Inspection>(), self.inspections.iter().map(|i| i.id))),
            (Pane::Contracts, at(record.id_of::<Contract>(), self.contracts.iter().map(|c| c.id))),
            (Pane::Placements, at(record.id_of::<Placement>(), self.placements.iter().map(|p| p.id))),
            (Pane::Visits, at(record.id_of::<Visit>(), self.visits.iter().map(|v| v.id))),
        ]
        .into_iter()
        .find_map(|(pane, at)| at.map(|at| (pane, at)));
        if let Some((pane, at)) = found {
            self.views[pane.index()].selected = at;
        }
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let id = self.provider.id;
        self.provider = store.get(id)?;
        let mut settings = store.setting_summaries(store.today(), settings::Which::Provider(id))?;
        settings.sort_by_key(|s| s.setting.value.archived_on.is_some());
        self.settings = settings;
        self.inspections = store.inspections_of_provider(id)?;
        self.contracts = store.contracts_of_provider(id)?;
        self.placements = store.placements_of_provider(id)?;
        self.visits = store.visits_to_provider(id)?;
        self.concerns = concern_rows(store)?.into_iter().filter(|r| r.concern.value.provider_id == id).collect();
        self.plans = plan_rows(store, settings::Which::Provider(id))?;
        self.stops = stop_rows(store, settings::Which::Provider(id))?;
        self.today = store.today();
        for pane in PANES {
            let rows = self.rows(pane);
            self.views[pane.index()].clamp(rows);
        }
        Ok(())
    }
}

impl ProviderScreen {
    fn render_header(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let p = &self.provider.value;
        let live: Vec<&SettingSummary> =
            self.settings.iter().filter(|s| s.setting.value.archived_on.is_none()).collect();
        let children: u32 = live.iter().map(|s| s.children).sum();
        let spend: Pence = live.iter().map(|s| s.weekly_spend).sum();
        let worst = live.iter().filter_map(|s| s.judgement).max();
        let mut first = vec![Span::styled(format!(" {}", p.name), theme.title())];
        if let Some(on) = p.archived_on {
            first.push(Span::styled(format!("  [archived {on}]"), theme.error()));
        }
        if !p.contact.is_empty() {
            first.push(Span::styled(format!("  · {}", p.contact), theme.dim()));
        }
        let second = Line::from(vec![
            Span::raw(format!(
                " {} · {} placed · {}/wk · worst ",
                plural(live.len(), "setting", "settings"),
                plural(children as usize, "child", "children"),
                spend.full()
            )),
            theme.judgement(worst, area.width < 100),
            Span::raw(format!(" · {}", plural(self.contracts.len(), "contract", "contracts"))),
        ]);
        frame.render_widget(Paragraph::new(vec![Line::from(first), second]), area);
    }

    /// Draws one pane's table; `row` builds the cells of a row.
    fn pane_table<'a>(
        &self,
        frame: &mut Frame,
        area: Rect,
        pane: Pane,
        row: impl Fn(usize) -> Vec<Line<'a>>,
        view: &View,
    ) {
        let (columns, empty) = pane.table(&view.key(Action::New));
        let look = TableLook {
            columns,
            title: Line::from(format!(" {} ", pane.name())),
            focused: true,
            sort: None,
            empty: &empty,
            cursor: None,
        };
        self.views[pane.index()].render(frame, area, self.rows(pane), row, look, view.theme);
    }

    fn render_settings(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let row = |r: usize| {
            let s = &self.settings[r];
            let v = &s.setting.value;
            let archived = v.archived_on.is_some();
            let name = if archived { format!("{} [archived]", v.name) } else { v.name.clone() };
            let manager = match (&v.registered_manager, v.manager_vacant_on) {
                (_, Some(_)) => Line::from(Span::styled(
                    "⚠ vacant",
                    theme.severity(crate::domain::rating::Severity::RequiresImprovement),
                )),
                (Some(m), None) => Line::from(m.clone()),
                (None, None) => Line::from(Span::styled("–", theme.dim())),
            };
            let area_text = match (v.in_area, v.distance_miles) {
                (true, _) => "in area".to_string(),
                (false, Some(d)) => format!("{d} mi"),
                (false, None) => "away".to_string(),
            };
            let cells = vec![
                Line::from(v.urn.as_ref().map(ToString::to_string).unwrap_or_else(|| "–".into())),
                Line::from(name),
                Line::from(v.kind.short()),
                Line::from(theme.judgement(s.judgement, true)),
                manager,
                figure(v.places.map(|p| p.to_string()).unwrap_or_default()),
                Line::from(v.town.clone()),
                Line::from(v.local_authority.clone()),
                Line::from(area_text),
                figure(s.children.to_string()),
            ];
            dim_unless(!archived, cells, theme)
        };
        self.pane_table(frame, area, Pane::Settings, row, view);
    }

    /// The selected setting's judgements, oldest first, as one line of events.
    fn render_timeline(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let Some(s) = self.selected_setting() else {
            frame.render_widget(Block::new().borders(Borders::ALL).border_style(theme.dim()), area);
            return;
        };
        let mut events: Vec<&Inspection> =
            self.inspections.iter().filter(|i| i.value.setting_id == s.setting.id).map(|i| &i.value).collect();
        events.reverse();
        let line = super::widgets::history::timeline(&events, view);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(format!(" Judgement history: {} ", s.setting.value.name), theme.title()));
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }).block(block), area);
    }

    fn render_inspections(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let row = |r: usize| {
            let i = &self.inspections[r].value;
            vec![
                Line::from(i.date.to_string()),
                Line::from(self.setting_name(i.setting_id)),
                Line::from(i.kind.label()),
                Line::from(theme.judgement(i.overall, true)),
                Line::from(i.framework.short()),
                // The same judgement under each framework's heading.
                Line::from(theme.judgement(i.protection.or(i.safeguarding), true)),
                Line::from(theme.judgement(i.leadership.or(i.management), true)),
            ]
        };
        self.pane_table(frame, area, Pane::Inspections, row, view);
    }

    fn render_contracts(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let row = |r: usize| {
            let c = &self.contracts[r].value;
            let live = c.is_live(self.today);
            let cells = vec![
                Line::from(c.reference.clone()),
                Line::from(c.kind.label()),
                Line::from(c.title.clone()),
                Line::from(c.start.to_string()),
                Line::from(dash(c.end, "open")),
                figure(c.annual_value.full()),
                Line::from(if live { "live" } else { "ended" }),
            ];
            dim_unless(live, cells, theme)
        };
        self.pane_table(frame, area, Pane::Contracts, row, view);
    }

    fn render_placements(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let row = |r: usize| {
            let p = &self.placements[r].value;
            let contract = p
                .contract_id
                .and_then(|id| self.contracts.iter().find(|c| c.id == id))
                .map_or_else(String::new, |c| c.value.reference.clone());
            let cells = vec![
                Line::from(p.child_ref.to_string()),
                Line::from(self.setting_name(p.setting_id)),
                Line::from(p.start.to_string()),
                Line::from(dash(p.end, "current")),
                figure(p.weekly_cost.full()),
                figure(p.distance_miles.map(|d| d.to_string()).unwrap_or_default()),
                Line::from(contract),
            ];
            dim_unless(p.is_active(self.today), cells, theme)
        };
        self.pane_table(frame, area, Pane::Placements, row, view);
    }

    fn render_visits(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let row = |r: usize| {
            let v = &self.visits[r].value;
            let date = v.completed.unwrap_or(v.planned).to_string();
            let place = v.setting_id.map_or_else(|| "with the provider".to_string(), |id| self.setting_name(id));
            let outcome = v.outcome.map_or_else(|| Span::styled("planned", theme.dim()), |o| Span::raw(o.label()));
            vec![
                Line::from(date),
                Line::from(place),
                Line::from(v.kind.label()),
                Line::from(v.officer.clone()),
                Line::from(outcome),
            ]
        };
        self.pane_table(frame, area, Pane::Visits, row, view);
    }
}
