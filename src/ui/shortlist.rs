//! The Shortlist screen: for a placement need (kind of setting, reach,
//! weekly budget), the settings that could take the child, best provider
//! score first, then cheapest, each with its reasons; those set apart shown
//! with why when asked. A list to decide from, not a decision.

use super::app::{Ctx, Effect, Screen, View};
use super::cycle;
use super::event::{Action, Command, Key};
use super::setting::SettingScreen;
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::{Column, figure};
use crate::domain::code::Code;
use crate::domain::money::Pence;
use crate::domain::policy::Policy;
use crate::domain::setting::SettingKind;
use crate::domain::shortlist::{Entry, Need};
use crate::store::{Store, StoreError};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

/// One setting on the list, and its place (none when set apart).
pub struct ShortlistRow {
    entry: Entry,
    rank: Option<usize>,
}

impl ListItem for ShortlistRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("#", Constraint::Length(3)),
        Column::new("Setting", Constraint::Length(20)),
        Column::new("Provider", Constraint::Length(22)).from_width(110),
        Column::new("Why here", Constraint::Min(40)),
        Column::new("Set apart because", Constraint::Length(34)),
    ];

    fn id(&self) -> i64 {
        self.entry.candidate.setting_id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let c = &self.entry.candidate;
        let apart = self.entry.excluded.join("; ");
        vec![
            figure(self.rank.map(|r| r.to_string()).unwrap_or_default()),
            Line::from(c.setting.clone()),
            Line::from(c.provider.clone()),
            Line::from(self.entry.reasons.join(", ")),
            Line::from(Span::styled(apart, theme.error())),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let c = &self.entry.candidate;
        match column {
            1 => SortKey::Text(c.setting.to_lowercase()),
            2 => SortKey::Text(c.provider.to_lowercase()),
            _ => SortKey::Number(self.rank.map_or(i64::MAX, |r| r as i64)),
        }
    }

    fn haystack(&self) -> String {
        let c = &self.entry.candidate;
        format!("{} {} {} {}", c.setting, c.provider, self.entry.reasons.join(" "), self.entry.excluded.join(" "))
    }
}

/// The need the screen opens with: a children's home within 30 miles, £5,000 a week.
const FIRST_NEED: (u32, i64) = (30, 500_000);

pub struct ShortlistScreen {
    list: ListView<ShortlistRow>,
    need: Need,
    /// Also those set apart.
    all: bool,
    policy: Policy,
}

impl ShortlistScreen {
    pub fn new(policy: &Policy) -> ShortlistScreen {
        let need = Need {
            kind: SettingKind::ChildrensHome,
            within_miles: Some(FIRST_NEED.0),
            max_weekly: Some(Pence(FIRST_NEED.1)),
        };
        let list = ListView::new("settings that fit")
            .when_empty("None fits: widen the reach (+) or the budget (]), or show those set apart (a).");
        ShortlistScreen { list, need, all: false, policy: policy.clone() }
    }

    fn describe(&self) -> String {
        let reach =
            self.need.within_miles.map_or("anywhere".to_string(), |m| format!("in our area or within {m} miles"));
        let budget = self.need.max_weekly.map_or("any price".to_string(), |p| format!("at most {} a week", p.full()));
        let apart = if self.all { " · with those set apart" } else { "" };
        format!("Shortlist · {} · {reach} · {budget}{apart}", self.need.kind.label().to_lowercase())
    }
}

impl Screen for ShortlistScreen {
    fn title(&self) -> String {
        "Shortlist".into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![
            Command::open("Open the setting"),
            Command::new(Action::FilterKind, &[Key::char('K')], "kind", "The kind of setting needed (next kind)"),
            Command::new(Action::Wider, &[Key::char('+')], "further", "Reach 10 miles further"),
            Command::new(Action::Narrower, &[Key::char('-')], "nearer", "Reach 10 miles less far"),
            Command::new(Action::NextColumn, &[Key::char(']')], "budget +", "£500 a week more"),
            Command::new(Action::PrevColumn, &[Key::char('[')], "budget -", "£500 a week less"),
            Command::new(Action::SetApart, &[Key::char('a')], "set apart", "Show or hide those set apart, with why"),
        ];
        c.extend(ListView::<ShortlistRow>::commands().into_iter().filter(|c| c.action != Action::ToggleArchived));
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.list.update(action) {
            return Effect::None;
        }
        let step = 50_000;
        match action {
            Action::FilterKind => {
                self.need.kind = cycle(Some(self.need.kind), SettingKind::ALL).unwrap_or(self.need.kind)
            }
            Action::Wider => self.need.within_miles = Some(self.need.within_miles.unwrap_or(0) + 10),
            Action::Narrower => self.need.within_miles = Some(self.need.within_miles.unwrap_or(10).saturating_sub(10)),
            Action::NextColumn => self.need.max_weekly = Some(Pence(self.need.max_weekly.map_or(0, |p| p.0) + step)),
            Action::PrevColumn => {
                self.need.max_weekly = Some(Pence((self.need.max_weekly.map_or(step, |p| p.0) - step).max(step)))
            }
            Action::SetApart => self.all = !self.all,
            Action::Open => {
                return self
                    .list
                    .selected()
                    .map_or(Effect::None, |r| SettingScreen::opening(ctx.policy, r.entry.candidate.setting_id));
            }
            _ => return Effect::None,
        }
        Effect::Reread
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        // The reasons for setting apart only when those set apart are shown.
        let columns = &ShortlistRow::COLUMNS[..ShortlistRow::COLUMNS.len() - usize::from(!self.all)];
        self.list.render_with(frame, area, &self.describe(), columns, view);
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let entries = store.shortlist(&self.policy, store.today(), &self.need, self.all)?;
        // Those that fit come first, so a fitting row's place is its position.
        let rows = entries
            .into_iter()
            .enumerate()
            .map(|(n, entry)| ShortlistRow { rank: entry.excluded.is_empty().then_some(n + 1), entry })
            .collect();
        self.list.set_items(rows);
        Ok(())
    }

    fn text_key(&mut self, key: KeyEvent) -> bool {
        self.list.take_key(key)
    }

    fn clear(&mut self) -> bool {
        self.list.clear_filter()
    }
}
