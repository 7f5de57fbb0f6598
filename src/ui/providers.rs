//! The Providers screen: every provider with its settings, worst current
//! judgement, children placed and weekly spend.

use super::actions::archive_toggle;
use super::app::{Ctx, Effect};
use super::event::{Action, Command, Key};
use super::forms::provider;
use super::list_screen::{ListScreen, Listed};
use super::provider::ProviderScreen;
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::Column;
use super::widgets::table::figure;
use crate::domain::provider::Provider;
use crate::store::providers::ProviderSummary;
use crate::store::{Store, StoreError};
use ratatui::layout::Constraint;
use ratatui::text::Line;

/// Sorts judgements worst last; unjudged first.
pub fn severity_key(j: Option<crate::domain::rating::Judgement>) -> SortKey {
    SortKey::Number(j.map_or(-1, |j| j.severity() as i64))
}

impl ListItem for ProviderSummary {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Provider", Constraint::Min(20)),
        Column::new("Settings", Constraint::Length(8)),
        Column::new("Worst judgement", Constraint::Length(18)),
        Column::new("Children", Constraint::Length(8)),
        Column::new("Weekly spend", Constraint::Length(12)),
        Column::new("Contact", Constraint::Length(34)).from_width(120),
    ];

    fn id(&self) -> i64 {
        self.provider.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let p = &self.provider.value;
        let name = match p.archived_on {
            Some(_) => Line::from(format!("{} [archived]", p.name)).style(theme.dim()),
            None => Line::from(p.name.clone()),
        };
        vec![
            name,
            figure(self.settings.to_string()),
            Line::from(theme.judgement(self.worst, true)),
            figure(self.children.to_string()),
            figure(self.weekly_spend.full()),
            Line::from(p.contact.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            1 => SortKey::Number(self.settings.into()),
            2 => severity_key(self.worst),
            3 => SortKey::Number(self.children.into()),
            4 => SortKey::Number(self.weekly_spend.0),
            5 => SortKey::Text(self.provider.value.contact.to_lowercase()),
            _ => SortKey::Text(self.provider.value.name.to_lowercase()),
        }
    }

    fn haystack(&self) -> String {
        format!("{} {}", self.provider.value.name, self.provider.value.contact)
    }

    fn archived(&self) -> bool {
        self.provider.value.archived_on.is_some()
    }
}

pub type ProvidersScreen = ListScreen<ProviderSummary>;

impl Listed for ProviderSummary {
    const TITLE: &'static str = "Providers";
    const NOUN: &'static str = "providers";
    type Record = Provider;

    fn load(store: &Store) -> Result<Vec<Self>, StoreError> {
        store.provider_summaries(store.today())
    }

    fn commands() -> Vec<Command> {
        vec![
            Command::open("Open the provider: settings, contracts, placements"),
            Command::new(Action::New, &[Key::char('n')], "new", "Add a provider"),
            Command::edit("Edit the provider's name and contact"),
            Command::archive("Archive the provider (or restore an archived one)"),
        ]
    }

    fn act(action: Action, selected: Option<&Self>, _list: &ListView<Self>, ctx: &Ctx) -> Effect {
        let today = ctx.store.today();
        if action == Action::New {
            return Effect::Form(provider::form(None, today));
        }
        let Some(selected) = selected else { return Effect::None };
        let p = &selected.provider;
        match action {
            Action::Open => ProviderScreen::opening(ctx.policy, p.id),
            Action::Edit => Effect::Form(provider::form(Some(p), today)),
            Action::Archive => archive_toggle(
                ctx,
                p.id,
                p.version,
                &p.value,
                |v: &mut Provider, on| v.archived_on = on,
                "It leaves the working lists; its settings, contracts and history stay.",
            ),
            _ => Effect::None,
        }
    }
}
