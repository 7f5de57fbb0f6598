//! The Schedule screen: every monitored setting with its tier, the reasons
//! in brief, the last visit and when the next is due, soonest first.

use super::app::{Ctx, Effect, Lens, Screen, View};
use super::clusters::ClusterScreen;
use super::cycle;
use super::event::{Action, Command, Key};
use super::forms;
use super::forms::visit::Target;
use super::loaded::Mismatch;
use super::reader::{Load, Loaded};
use super::setting::{SettingScreen, tier_style};
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::Column;
use super::widgets::table::figure;
use crate::domain::code::Code;
use crate::domain::policy::Policy;
use crate::domain::setting::{Setting, SettingKind};
use crate::domain::tier::Tier;
use crate::store::RecordRef;
use crate::store::Store;
use crate::store::monitoring::{self, MonitoringRow, SharedRows};
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use std::sync::Arc;

/// Days overdue as of the day the rows were built (positive when late).
fn late(row: &MonitoringRow, today: NaiveDate) -> i64 {
    row.due.as_ref().map_or(i64::MIN, |d| d.days_overdue(today))
}

/// A schedule line: the monitoring row and the day it was computed for.
pub struct ScheduleRow {
    pub row: Arc<MonitoringRow>,
    pub today: NaiveDate,
}

impl ListItem for ScheduleRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Tier", Constraint::Length(4)),
        Column::new("Setting", Constraint::Min(16)),
        Column::new("Provider", Constraint::Min(14)).from_width(130),
        Column::new("Why", Constraint::Min(18)),
        Column::new("Last visit", Constraint::Length(10)).from_width(90),
        Column::new("Next due", Constraint::Length(10)),
        Column::new("Late", Constraint::Length(7)),
        Column::new("Officer", Constraint::Length(10)).from_width(150),
        Column::new("Local authority", Constraint::Length(16)).from_width(110),
    ];

    fn id(&self) -> i64 {
        self.row.summary.setting.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let r = &self.row;
        let s = &r.summary.setting.value;
        let tier = r.assessment.tier;
        let marker = if r.assessment.override_.is_some() { "*" } else { "" };
        let days = late(r, self.today);
        let late_cell = match days {
            d if d > 0 => Line::from(Span::styled(format!("{d} d"), theme.error())),
            0 => Line::from(Span::styled("today", theme.key())),
            _ => figure(String::new()),
        };
        vec![
            Line::from(Span::styled(format!("T{}{marker}", tier.number()), tier_style(tier, theme))),
            Line::from(s.name.clone()),
            Line::from(r.summary.provider_name.clone()),
            Line::from(r.assessment.summary()),
            Line::from(r.last_visit.as_ref().map(|v| v.date.to_string()).unwrap_or_else(|| "never".into())),
            Line::from(r.due.as_ref().map(|d| d.date.to_string()).unwrap_or_default()),
            late_cell,
            Line::from(r.officer().unwrap_or_default().to_string()),
            Line::from(s.local_authority.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let r = &self.row;
        let s = &r.summary.setting.value;
        let text = |t: &str| SortKey::Text(t.to_lowercase());
        match column {
            0 => SortKey::Number(r.assessment.tier.number().into()),
            2 => text(&r.summary.provider_name),
            3 => text(&r.assessment.summary()),
            4 => text(&r.last_visit.as_ref().map(|v| v.date.to_string()).unwrap_or_default()),
            5 => text(&r.due.as_ref().map(|d| d.date.to_string()).unwrap_or_default()),
            6 => SortKey::Number(late(r, self.today)),
            7 => text(r.officer().unwrap_or_default()),
            8 => text(&s.local_authority),
            _ => text(&s.name),
        }
    }

    fn haystack(&self) -> String {
        let r = &self.row;
        let s = &r.summary.setting.value;
        let urn = s.urn.as_ref().map(|u| u.to_string()).unwrap_or_default();
        format!(
            "{} {urn} {} {} {} {} {}",
            s.name,
            r.summary.provider_name,
            s.local_authority,
            s.town,
            r.officer().unwrap_or_default(),
            r.assessment.summary()
        )
    }
}

/// Narrowing the schedule beyond the text filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub tier: Option<Tier>,
    pub overdue: bool,
    pub kind: Option<SettingKind>,
    /// `Some(true)` in our area only, `Some(false)` out of area only.
    pub in_area: Option<bool>,
}

impl Facets {
    fn keeps(&self, row: &MonitoringRow, today: NaiveDate) -> bool {
        let s = &row.summary.setting.value;
        self.tier.is_none_or(|t| row.assessment.tier == t)
            && (!self.overdue || late(row, today) > 0)
            && self.kind.is_none_or(|k| s.kind == k)
            && self.in_area.is_none_or(|a| s.in_area == a)
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.tier {
            parts.push(format!("tier {}", t.number()));
        }
        if self.overdue {
            parts.push("overdue".into());
        }
        if let Some(k) = self.kind {
            parts.push(k.label().to_lowercase());
        }
        match self.in_area {
            Some(true) => parts.push("in our area".into()),
            Some(false) => parts.push("out of area".into()),
            None => {}
        }
        parts.join(" · ")
    }
}

pub struct ScheduleScreen {
    list: ListView<ScheduleRow>,
    all: SharedRows,
    pub facets: Facets,
    policy: Policy,
    today: NaiveDate,
}

impl ScheduleScreen {
    pub fn new(policy: &Policy, today: NaiveDate) -> ScheduleScreen {
        ScheduleScreen {
            list: ListView::new("settings due").sorted_by(5, true).when_empty(
                "No monitored settings: a setting is monitored when it is in our area or has children placed.",
            ),
            all: SharedRows::default(),
            facets: Facets::default(),
            policy: policy.clone(),
            today,
        }
    }

    fn refilter(&mut self) {
        let rows = self
            .all
            .iter()
            .filter(|r| r.is_monitored() && self.facets.keeps(r, self.today))
            .map(|r| ScheduleRow { row: Arc::clone(r), today: self.today })
            .collect();
        self.list.set_items(rows);
    }
}

impl Screen for ScheduleScreen {
    fn title(&self) -> String {
        "Schedule".into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![
            Command::open("Open the setting: tier, reasons, visits"),
            Command::new(Action::LogVisit, &[Key::char('v')], "log visit", "Log a visit made to the selected setting"),
            Command::new(Action::PlanVisit, &[Key::char('p')], "plan", "Plan a visit to the selected setting").quiet(),
            Command::new(
                Action::Clusters,
                &[Key::char('c')],
                "clusters",
                "Plan cluster trips: due out-of-area settings grouped by area",
            ),
            Command::new(
                Action::FilterTier,
                &[Key::char('t')],
                "tier",
                "Show one tier at a time (press again for the next)",
            ),
            Command::new(Action::FilterOverdue, &[Key::char('o')], "overdue", "Show only overdue visits, or all"),
            Command::new(Action::FilterKind, &[Key::char('K')], "kind", "Show one kind of setting at a time").quiet(),
            Command::new(Action::FilterArea, &[Key::char('w')], "area", "Show in-area, out-of-area or all settings")
                .quiet(),
        ];
        c.extend(ListView::<ScheduleRow>::commands().into_iter().filter(|c| c.action != Action::ToggleArchived));
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.list.update(action) {
            return Effect::None;
        }
        let facets = &mut self.facets;
        match action {
            Action::FilterTier => facets.tier = cycle(facets.tier, &Tier::ALL),
            Action::FilterOverdue => facets.overdue = !facets.overdue,
            Action::FilterKind => facets.kind = cycle(facets.kind, SettingKind::ALL),
            Action::FilterArea => facets.in_area = cycle(facets.in_area, &[true, false]),
            Action::Clusters => return Effect::push(ClusterScreen::new(&self.all, &self.policy, self.today)),
            _ => {
                let Some(selected) = self.list.selected() else { return Effect::None };
                let id = selected.row.summary.setting.id;
                let officer = selected.row.officer().unwrap_or_default().to_string();
                let name = selected.row.summary.setting.value.name.clone();
                let today = ctx.store.today();
                return match action {
                    Action::Open => SettingScreen::opening(ctx.policy, id),
                    Action::LogVisit => {
                        Effect::Form(forms::visit::form(Target::Setting(id), None, true, &officer, today).about(&name))
                    }
                    Action::PlanVisit => {
                        Effect::Form(forms::visit::form(Target::Setting(id), None, false, &officer, today).about(&name))
                    }
                    _ => Effect::None,
                };
            }
        }
        self.refilter();
        Effect::None
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let facets = self.facets.describe();
        let title = if facets.is_empty() { "Schedule".to_string() } else { format!("Schedule · {facets}") };
        self.list.render(frame, area, &title, view);
    }

    fn load(&self) -> Option<Load> {
        let policy = self.policy.clone();
        Some(Box::new(move |store: &Store| Ok(monitoring::shared(store, &policy, store.today())?.into())))
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
        let narrowed = self.list.clear_filter() | (self.facets != Facets::default());
        self.facets = Facets::default();
        self.refilter();
        narrowed
    }

    fn focus(&mut self, lens: Lens) {
        self.facets.overdue = lens == Lens::Overdue;
        self.refilter();
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<Setting>() {
            self.list.select(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_run_through_every_value_then_any() {
        let tiers = Tier::ALL;
        let mut t = None;
        let mut seen = Vec::new();
        for _ in 0..5 {
            t = cycle(t, &tiers);
            seen.push(t);
        }
        assert_eq!(
            seen,
            vec![Some(Tier::Intensive), Some(Tier::Enhanced), Some(Tier::Standard), Some(Tier::Light), None]
        );
    }
}
