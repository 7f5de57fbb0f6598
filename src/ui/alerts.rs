//! Judgement changes from Ofsted imports, until someone acknowledges them.

use super::app::{Ctx, Effect, confirm};
use super::event::{Action, Command, Key};
use super::list_screen::{ListScreen, Listed};
use super::setting::SettingScreen;
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::Column;
use crate::domain::alert::RatingAlert;
use crate::store::{Store, StoreError, Stored, alerts};
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use std::collections::HashMap;

/// An alert with the names of what it is about.
pub struct AlertRow {
    pub alert: Stored<RatingAlert>,
    pub setting: String,
    pub provider: String,
}

impl ListItem for AlertRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Raised", Constraint::Length(10)),
        Column::new("Setting", Constraint::Min(18)),
        Column::new("Provider", Constraint::Min(14)).from_width(110),
        Column::new("Was", Constraint::Length(14)),
        Column::new("Now", Constraint::Length(16)),
        Column::new("Inspected", Constraint::Length(10)),
        Column::new("Status", Constraint::Length(16)),
    ];

    fn id(&self) -> i64 {
        self.alert.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let a = &self.alert.value;
        let status = match (a.acknowledged_on, a.urgent) {
            (Some(on), _) => Span::styled(format!("seen {on}"), theme.dim()),
            (None, true) => Span::styled("✖ urgent", theme.error()),
            (None, false) => Span::raw("to acknowledge"),
        };
        vec![
            Line::from(a.raised_on.to_string()),
            Line::from(self.setting.clone()),
            Line::from(self.provider.clone()),
            Line::from(theme.judgement(Some(a.from), true)),
            Line::from(theme.judgement(Some(a.to), true)),
            Line::from(a.inspected_on.to_string()),
            Line::from(status),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let a = &self.alert.value;
        match column {
            1 => SortKey::Text(self.setting.to_lowercase()),
            2 => SortKey::Text(self.provider.to_lowercase()),
            4 => super::providers::severity_key(Some(a.to)),
            5 => SortKey::Text(a.inspected_on.to_string()),
            6 => SortKey::Number(if a.is_open() { i64::from(!a.urgent) } else { 2 }),
            _ => SortKey::Text(a.raised_on.to_string()),
        }
    }

    fn haystack(&self) -> String {
        let a = &self.alert.value;
        format!("{} {} {} {}", self.setting, self.provider, a.from.label(), a.to.label())
    }

    /// Acknowledged alerts are shown with `A`.
    fn archived(&self) -> bool {
        !self.alert.value.is_open()
    }
}

/// Asks, then acknowledges `alert` as the current user today.
pub fn acknowledge(alert: &Stored<RatingAlert>, about: &str) -> Effect {
    let alert = alert.clone();
    let question = format!("Acknowledge {about}: {}?", alert.value.describe());
    confirm(question, move |store: &mut Store| {
        alerts::acknowledge_all(store, std::slice::from_ref(&alert))?;
        Ok(format!("Acknowledged: {}", alert.value.describe()))
    })
}

/// Asks, then acknowledges every alert in `open` (those the list shows).
fn acknowledge_all(open: Vec<Stored<RatingAlert>>) -> Effect {
    if open.is_empty() {
        return Effect::Error("No alert shown is waiting to be acknowledged".into());
    }
    let question = format!(
        "Acknowledge all {} shown? (Filter with / first to narrow them.)",
        crate::domain::plural(open.len(), "alert", "alerts")
    );
    confirm(question, move |store: &mut Store| {
        let n = alerts::acknowledge_all(store, &open)?;
        Ok(format!("Acknowledged {}", crate::domain::plural(n, "alert", "alerts")))
    })
}

impl Listed for AlertRow {
    const TITLE: &'static str = "Rating alerts";
    const NOUN: &'static str = "rating alerts (an Ofsted import raises one for each changed judgement)";
    type Record = RatingAlert;
    const SORT: (usize, bool) = (6, true);

    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        let names: HashMap<i64, (String, String)> = store
            .setting_summaries(store.today(), crate::store::settings::Which::All)?
            .into_iter()
            .map(|s| (s.setting.id, (s.setting.value.name, s.provider_name)))
            .collect();
        Ok(store
            .rating_alerts()?
            .into_iter()
            .map(|alert| {
                let (setting, provider) = names.get(&alert.value.setting_id).cloned().unwrap_or_default();
                AlertRow { alert, setting, provider }
            })
            .collect())
    }

    fn commands() -> Vec<Command> {
        vec![
            Command::new(Action::Acknowledge, &[Key::char('x')], "acknowledge", "Acknowledge the selected alert"),
            Command::new(
                Action::AcknowledgeAll,
                &[Key::char('X')],
                "acknowledge all",
                "Acknowledge every alert shown (after a filter, those it matches; asks first)",
            ),
            Command::open("Open the setting"),
        ]
    }

    fn act(action: Action, selected: Option<&Self>, list: &ListView<Self>, ctx: &Ctx) -> Effect {
        if action == Action::AcknowledgeAll {
            return acknowledge_all(
                list.shown().filter(|r| r.alert.value.is_open()).map(|r| r.alert.clone()).collect(),
            );
        }
        let Some(row) = selected else { return Effect::None };
        match action {
            Action::Acknowledge if !row.alert.value.is_open() => Effect::Error("Already acknowledged".into()),
            Action::Acknowledge => acknowledge(&row.alert, &row.setting),
            Action::Open => SettingScreen::opening(ctx.policy, row.alert.value.setting_id),
            _ => Effect::None,
        }
    }
}

pub type AlertsScreen = ListScreen<AlertRow>;
