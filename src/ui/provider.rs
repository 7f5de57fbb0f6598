//! A provider's screen: its settings (with each one's judgement history),
//! inspections, contracts, placements, visits, concerns, plans and stops, one
//! pane at a time. Each pane is one value (`panes.rs`).

use super::app::{Ctx, Effect, Screen, View};
use super::concerns::concern_rows;
use super::event::{Action, Command, Key};
use super::forms::{self, Choice};
use super::opening::Opening;
use super::plans::plan_rows;
use super::stops::stop_rows;
use super::theme::Theme;
use super::widgets::panes as pane_keys;
use super::widgets::table::{TableLook, TableView};
use super::widgets::text::fit;
use crate::domain::inspection::Inspection;
use crate::domain::money::Pence;
use crate::domain::plural;
use crate::domain::policy::Policy;
use crate::store::RecordRef;
use crate::store::settings::{self, SettingSummary};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

mod needs;
mod outcomes;
mod panes;
use panes::{CONCERNS, INSPECTIONS, PANES, PLANS, Pane, Records, SETTINGS, STOPS};

pub struct ProviderScreen {
    records: Records,
    /// For the quality score, read with the rest.
    policy: Policy,
    /// The pane on show: its place in `PANES`.
    pane: usize,
    /// Each pane's table state, in the order of `PANES`.
    views: [TableView; PANES.len()],
}

impl ProviderScreen {
    pub fn open(store: &Store, policy: &Policy, provider_id: i64) -> Result<ProviderScreen, StoreError> {
        let records = read(store, policy, provider_id)?;
        Ok(ProviderScreen { records, policy: policy.clone(), pane: SETTINGS, views: Default::default() })
    }

    /// Opens provider `id`, read on the reader (see [`Opening`]).
    pub fn opening(policy: &Policy, id: i64) -> Effect {
        let policy = policy.clone();
        Opening::effect("Provider", move |store| ProviderScreen::open(store, &policy, id))
    }

    /// Opens provider `provider_id` at setting `setting_id`, read on the reader.
    pub fn opening_at(policy: &Policy, provider_id: i64, setting_id: i64) -> Effect {
        let policy = policy.clone();
        Opening::effect("Provider", move |store| ProviderScreen::open_at(store, &policy, provider_id, setting_id))
    }

    /// Opens on the Settings pane with `setting_id` selected.
    pub fn open_at(
        store: &Store,
        policy: &Policy,
        provider_id: i64,
        setting_id: i64,
    ) -> Result<ProviderScreen, StoreError> {
        let mut screen = ProviderScreen::open(store, policy, provider_id)?;
        screen.views[SETTINGS].selected =
            screen.records.settings.iter().position(|s| s.setting.id == setting_id).unwrap_or(0);
        Ok(screen)
    }

    /// Shows the first of the Stops, Plans and Concerns panes that holds anything.
    pub fn at_actions(mut self) -> ProviderScreen {
        self.pane = [STOPS, PLANS, CONCERNS].into_iter().find(|&p| PANES[p].len(&self.records) > 0).unwrap_or(CONCERNS);
        self
    }

    fn shown(&self) -> &'static dyn Pane {
        PANES[self.pane]
    }

    fn selected_setting(&self) -> Option<&SettingSummary> {
        self.records.settings.get(self.views[SETTINGS].selected)
    }

    /// The setting new inspections and placements start on.
    fn default_setting(&self) -> Option<i64> {
        self.selected_setting().or(self.records.settings.first()).map(|s| s.setting.id)
    }
}

/// Everything the screen shows of `provider_id`.
fn read(store: &Store, policy: &Policy, provider_id: i64) -> Result<Records, StoreError> {
    let score = store.provider_score(policy, store.today(), provider_id)?;
    let mut settings = store.setting_summaries(store.today(), settings::Which::Provider(provider_id))?;
    settings.sort_by_key(|s| s.setting.value.archived_on.is_some());
    Ok(Records {
        provider: store.get(provider_id)?,
        settings,
        inspections: store.inspections_of_provider(provider_id)?,
        contracts: store.contracts_of_provider(provider_id)?,
        placements: store.placements_of_provider(provider_id)?,
        visits: store.visits_to_provider(provider_id)?,
        concerns: concern_rows(store)?.into_iter().filter(|r| r.concern.value.provider_id == provider_id).collect(),
        plans: plan_rows(store, settings::Which::Provider(provider_id))?,
        stops: stop_rows(store, settings::Which::Provider(provider_id))?,
        needs: store.needs_of_provider(provider_id)?,
        outcomes: store.outcomes_of_provider(provider_id)?,
        needs_top: crate::domain::needs::domain_top(policy.needs.scale.len()),
        group: store.group_chain_of(provider_id)?,
        score,
        today: store.today(),
    })
}

impl Records {
    pub(crate) fn setting_name(&self, id: i64) -> String {
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

    /// The provider as a whole, as a concern, plan or stop names it.
    fn whole(&self) -> super::forms::target::Target {
        super::forms::target::Target { provider_id: self.provider.id, setting_id: None }
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

/// Greys out a row that is no longer current (archived, ended).
fn dim_unless<'a>(current: bool, cells: Vec<Line<'a>>, theme: &Theme) -> Vec<Line<'a>> {
    if current { cells } else { cells.into_iter().map(|c| c.style(theme.dim())).collect() }
}

fn dash(date: Option<NaiveDate>, none: &str) -> String {
    date.map_or_else(|| none.to_string(), |d| d.to_string())
}

impl Screen for ProviderScreen {
    fn title(&self) -> String {
        self.records.provider.value.name.clone()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![Command::audit()];
        c.extend(pane_keys::commands(
            "Next pane: settings, inspections, contracts, placements, needs, outcomes, visits, concerns, plans, stops, score",
        ));
        c.extend([
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
        ]);
        if let Some(adds) = self.shown().adds() {
            c.insert(3, Command::new(Action::New, &[Key::char('n')], adds, "Add a record to this pane"));
        }
        c.extend(self.shown().own_command());
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let (pane, r) = (self.shown(), &self.records);
        if self.views[self.pane].step(action, pane.len(r)) {
            return Effect::None;
        }
        let at = self.views[self.pane].selected;
        let own = pane.own_command().map(|c| c.action);
        if let Some(next) = pane_keys::step(action, self.pane, PANES.len()) {
            self.pane = next;
            return Effect::None;
        }
        match action {
            Action::Audit => super::audit::AuditScreen::of(ctx.store, "providers", r.provider.id),
            Action::New => pane.add(r, self.default_setting(), ctx),
            Action::AddInspection => PANES[INSPECTIONS].add(r, self.default_setting(), ctx),
            Action::RaiseConcern => PANES[CONCERNS].add(r, None, ctx),
            Action::IssueStop => PANES[STOPS].add(r, None, ctx),
            Action::Open => pane.open(r, at, ctx),
            Action::Edit => pane.edit(r, at, ctx),
            Action::EditProvider => Effect::Form(forms::provider::form(Some(&r.provider), r.today)),
            other if Some(other) == own => pane.own_action(r, at, ctx),
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let [header, tabs, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Length(1), Constraint::Min(4)]).areas(area);
        self.render_header(frame, header, theme);
        self.render_tabs(frame, tabs, theme);
        let pane = self.shown();
        let table = if pane.shows_history() {
            let [table, timeline] = Layout::vertical([Constraint::Min(4), Constraint::Length(4)]).areas(body);
            self.render_timeline(frame, timeline, view);
            table
        } else if let Some((title, lines)) =
            pane.detail(&self.records, self.views[self.pane].selected, body.width.saturating_sub(2), theme)
        {
            let high = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2);
            let [table, detail] = Layout::vertical([Constraint::Min(4), Constraint::Length(high)]).areas(body);
            let block =
                Block::new().borders(Borders::ALL).border_style(theme.dim()).title(Span::styled(title, theme.title()));
            frame.render_widget(Paragraph::new(lines).block(block), detail);
            table
        } else {
            body
        };
        let empty = pane.empty().replace("{new}", &view.key(Action::New));
        let look = TableLook {
            columns: pane.columns(),
            title: Line::from(pane.title(&self.records)),
            focused: true,
            sort: None,
            empty: &empty,
            cursor: None,
        };
        let row = |at| pane.cells(&self.records, at, theme);
        self.views[self.pane].render(frame, table, pane.len(&self.records), row, look, theme);
    }

    fn select(&mut self, record: RecordRef) {
        let found = PANES.iter().enumerate().find_map(|(n, p)| p.find(&self.records, record).map(|at| (n, at)));
        if let Some((pane, at)) = found {
            self.views[pane].selected = at;
        }
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.records = read(store, &self.policy, self.records.provider.id)?;
        for (pane, view) in PANES.iter().zip(&mut self.views) {
            view.clamp(pane.len(&self.records));
        }
        Ok(())
    }
}

impl ProviderScreen {
    fn render_header(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let p = &self.records.provider.value;
        let live: Vec<&SettingSummary> =
            self.records.settings.iter().filter(|s| s.setting.value.archived_on.is_none()).collect();
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
            Span::raw(format!(" · {}", plural(self.records.contracts.len(), "contract", "contracts"))),
        ]);
        let mut second = second;
        if let Some(group) = self.records.group.first() {
            let owner = match self.records.group.last() {
                Some(top) if top != group => format!(", owned by {top}"),
                _ => String::new(),
            };
            second.spans.push(Span::styled(format!(" · group {group}{owner}"), theme.dim()));
        }
        frame.render_widget(Paragraph::new(vec![Line::from(first), fit(second, usize::from(area.width))]), area);
    }

    /// The panes named in full, two spaces apart; when that does not fit,
    /// one space apart; then the others by their short names.
    fn render_tabs(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let label = |n: usize, short: bool| {
            let (pane, rows) = (PANES[n], PANES[n].figure(&self.records));
            match n == self.pane {
                true => format!(" {} {rows} ", pane.name()),
                false => format!("{} {rows}", if short { pane.short() } else { pane.name() }),
            }
        };
        // A space before the first unless it is current (and padded already).
        let lead = if self.pane == SETTINGS { "" } else { " " };
        let width = |short, gap: &str| {
            let labels: usize = (0..PANES.len()).map(|n| label(n, short).chars().count()).sum();
            lead.len() + labels + gap.len() * (PANES.len() - 1)
        };
        let (short, gap) = [(false, "  "), (false, " "), (true, "  "), (true, " ")]
            .into_iter()
            .find(|&(short, gap)| width(short, gap) <= area.width as usize)
            .unwrap_or((true, " "));
        let mut spans = vec![Span::raw(lead)];
        for n in 0..PANES.len() {
            let style = if n == self.pane { theme.tab_active() } else { theme.dim() };
            if n > 0 {
                spans.push(Span::raw(gap));
            }
            spans.push(Span::styled(label(n, short), style));
        }
        frame.render_widget(fit(Line::from(spans), area.width as usize), area);
    }

    /// The selected setting's judgements, oldest first, as one line of events.
    fn render_timeline(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let Some(s) = self.selected_setting() else {
            frame.render_widget(Block::new().borders(Borders::ALL).border_style(theme.dim()), area);
            return;
        };
        let mut events: Vec<&Inspection> =
            self.records.inspections.iter().filter(|i| i.value.setting_id == s.setting.id).map(|i| &i.value).collect();
        events.reverse();
        let line = super::widgets::history::timeline(&events, view);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(format!(" Judgement history: {} ", s.setting.value.name), theme.title()));
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }).block(block), area);
    }
}
