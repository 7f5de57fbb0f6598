//! The Settings screen: every setting of every provider, searchable by
//! name, URN, town or authority.

use super::actions::archive_toggle;
use super::app::{Ctx, Effect};
use super::event::{Action, Command, Key};
use super::forms;
use super::forms::visit::Target;
use super::list_screen::{ListScreen, Listed};
use super::provider::{ProviderScreen, setting_choices};
use super::providers::severity_key;
use super::setting::SettingScreen;
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::Column;
use super::widgets::table::figure;
use crate::domain::setting::Setting;
use crate::store::settings::{self, SettingSummary};
use crate::store::{Store, StoreError};
use ratatui::layout::Constraint;
use ratatui::text::Line;

impl ListItem for SettingSummary {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Setting", Constraint::Min(18)),
        Column::new("URN", Constraint::Length(8)),
        Column::new("Provider", Constraint::Min(16)).from_width(100),
        Column::new("Kind", Constraint::Length(8)),
        Column::new("Judgement", Constraint::Length(16)),
        Column::new("Since", Constraint::Length(10)).from_width(130),
        Column::new("Local authority", Constraint::Length(16)).from_width(120),
        Column::new("Area", Constraint::Length(7)),
        Column::new("Children", Constraint::Length(8)),
    ];

    fn id(&self) -> i64 {
        self.setting.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let v = &self.setting.value;
        vec![
            Line::from(v.name.clone()),
            Line::from(v.urn.as_ref().map(ToString::to_string).unwrap_or_else(|| "–".into())),
            Line::from(self.provider_name.clone()),
            Line::from(v.kind.short()),
            Line::from(theme.judgement(self.judgement, true)),
            Line::from(self.judged_on.map(|d| d.to_string()).unwrap_or_default()),
            Line::from(v.local_authority.clone()),
            Line::from(if v.in_area {
                "in area".to_string()
            } else {
                v.distance_miles.map_or("away".into(), |d| format!("{d} mi"))
            }),
            figure(self.children.to_string()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let v = &self.setting.value;
        match column {
            1 => SortKey::Text(v.urn.as_ref().map(ToString::to_string).unwrap_or_default()),
            2 => SortKey::Text(self.provider_name.to_lowercase()),
            3 => SortKey::Text(v.kind.short().into()),
            4 => severity_key(self.judgement),
            5 => SortKey::Text(self.judged_on.map(|d| d.to_string()).unwrap_or_default()),
            6 => SortKey::Text(v.local_authority.to_lowercase()),
            7 => SortKey::Number(if v.in_area { 0 } else { v.distance_miles.map_or(9999, i64::from) }),
            8 => SortKey::Number(self.children.into()),
            _ => SortKey::Text(v.name.to_lowercase()),
        }
    }

    fn haystack(&self) -> String {
        let v = &self.setting.value;
        let urn = v.urn.as_ref().map(ToString::to_string).unwrap_or_default();
        format!("{} {urn} {} {} {} {} {}", v.name, self.provider_name, v.town, v.local_authority, v.region, v.kind)
    }

    fn archived(&self) -> bool {
        self.setting.value.archived_on.is_some()
    }
}

pub type SettingsScreen = ListScreen<SettingSummary>;

impl Listed for SettingSummary {
    const TITLE: &'static str = "Settings";
    const NOUN: &'static str = "settings";
    type Record = Setting;

    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        store.setting_summaries(store.today(), settings::Which::All)
    }

    fn commands() -> Vec<Command> {
        vec![
            Command::open("Open the setting: tier, reasons, visits"),
            Command::new(Action::OpenProvider, &[Key::char('P')], "provider", "Open the setting's provider").quiet(),
            Command::new(Action::LogVisit, &[Key::char('v')], "log visit", "Log a visit made to the setting").quiet(),
            Command::edit("Edit the setting"),
            Command::new(
                Action::AddInspection,
                &[Key::char('i')],
                "inspection",
                "Record an Ofsted inspection of the setting",
            ),
            Command::archive("Archive the setting (or restore it)"),
        ]
    }

    fn act(action: Action, selected: Option<&Self>, list: &ListView<Self>, ctx: &Ctx) -> Effect {
        let Some(selected) = selected else { return Effect::None };
        let s = &selected.setting;
        let today = ctx.store.today();
        match action {
            Action::Open => SettingScreen::opening(ctx.policy, s.id),
            Action::OpenProvider => ProviderScreen::opening_at(ctx.policy, s.value.provider_id, s.id),
            Action::LogVisit => {
                Effect::Form(forms::visit::form(Target::Setting(s.id), None, true, "", today).about(&s.value.name))
            }
            Action::Edit => Effect::Form(forms::setting::form(s.value.provider_id, Some(s), today)),
            Action::AddInspection => {
                let siblings: Vec<SettingSummary> = list
                    .items()
                    .iter()
                    .filter(|o| o.setting.value.provider_id == s.value.provider_id)
                    .cloned()
                    .collect();
                let days = &ctx.policy.decommissioning;
                Effect::Form(forms::inspection::form(setting_choices(&siblings), s.id, None, days, today))
            }
            Action::Archive => archive_toggle(
                ctx,
                s.id,
                s.version,
                &s.value,
                |v: &mut Setting, on| v.archived_on = on,
                "It leaves the working lists; its inspections and placements stay.",
            ),
            _ => Effect::None,
        }
    }
}
