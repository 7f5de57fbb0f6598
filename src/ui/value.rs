//! The Value screen: each provider's children, weekly spend, needs on the
//! Valuing Care tool, cost per point of need and outcomes, with the
//! selected provider's needs by domain at placement and now.

use super::app::{Ctx, Effect, Screen, View};
use super::event::{Action, Command};
use super::provider::ProviderScreen;
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::needs::domain_bars;
use super::widgets::table::{Column, figure};
use crate::domain::needs::{Profile, ValueLine};
use crate::store::Store;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub struct ValueRow {
    id: i64,
    line: ValueLine,
    profile: Option<Profile>,
}

fn decimal(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.1}"))
}

impl ListItem for ValueRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Provider", Constraint::Min(22)),
        Column::new("Children", Constraint::Length(8)),
        Column::new("Weekly", Constraint::Length(10)),
        Column::new("Needs", Constraint::Length(6)),
        Column::new("£ a point", Constraint::Length(9)),
        Column::new("Fallen by", Constraint::Length(9)).from_width(100),
        Column::new("Outcomes", Constraint::Length(8)).from_width(110),
        Column::new("Met", Constraint::Length(4)).from_width(110),
        Column::new("Missed", Constraint::Length(6)).from_width(120),
        Column::new("Payments due", Constraint::Length(12)).from_width(130),
    ];

    fn id(&self) -> i64 {
        self.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let l = &self.line;
        let o = &l.outcomes;
        let missed = match o.missed {
            0 => figure("0".into()),
            n => Line::from(Span::styled(format!("▲ {n}"), theme.error())).right_aligned(),
        };
        vec![
            Line::from(l.provider.clone()),
            figure(format!("{} ({})", l.children, l.assessed)),
            figure(l.weekly.compact()),
            figure(decimal(l.average_needs)),
            figure(l.cost_per_point.map_or_else(|| "–".into(), |p| p.full())),
            figure(decimal(l.average_fall)),
            figure(o.agreed.to_string()),
            figure(o.met.to_string()),
            missed,
            figure(o.payments_due.full()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let l = &self.line;
        let tenths = |v: Option<f64>| SortKey::Number(v.map_or(i64::MIN, |v| (v * 10.0).round() as i64));
        match column {
            1 => SortKey::Number(i64::from(l.children)),
            2 => SortKey::Number(l.weekly.0),
            3 => tenths(l.average_needs),
            4 => SortKey::Number(l.cost_per_point.map_or(i64::MIN, |p| p.0)),
            5 => tenths(l.average_fall),
            6 => SortKey::Number(i64::from(l.outcomes.agreed)),
            7 => SortKey::Number(i64::from(l.outcomes.met)),
            8 => SortKey::Number(i64::from(l.outcomes.missed)),
            9 => SortKey::Number(l.outcomes.payments_due.0),
            _ => SortKey::Text(l.provider.to_lowercase()),
        }
    }

    fn haystack(&self) -> String {
        self.line.provider.clone()
    }
}

pub struct ValueScreen {
    list: ListView<ValueRow>,
}

impl ValueScreen {
    pub fn new() -> ValueScreen {
        ValueScreen {
            list: ListView::new("providers with children placed")
                .when_empty("No child is placed today: the value of placements shows once one is."),
        }
    }
}

/// Its needs by domain: a dim bar at the first assessment, a bright one now.
fn profile_box(row: Option<&ValueRow>, frame: &mut Frame, area: Rect, theme: &Theme) {
    let title = row.map_or_else(
        || " Needs by domain ".to_string(),
        |r| match &r.profile {
            Some(p) => {
                let children = crate::domain::plural(p.children as usize, "child", "children");
                format!(" {}: needs by domain, mean of {children}, first ░ and latest █ ", r.line.provider)
            }
            None => format!(" {}: no child's needs measured yet ", r.line.provider),
        },
    );
    let block = Block::new().borders(Borders::ALL).border_style(theme.dim()).title(Span::styled(title, theme.title()));
    let Some(p) = row.and_then(|r| r.profile.as_ref()) else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let lines = domain_bars(&p.domains, 0.0, area.width.saturating_sub(2), theme);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

impl Screen for ValueScreen {
    fn title(&self) -> String {
        "Value".into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![Command::open("Open the provider: its Needs and Outcomes panes")];
        c.extend(ListView::<ValueRow>::commands().into_iter().filter(|c| c.action != Action::ToggleArchived));
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.list.update(action) {
            return Effect::None;
        }
        match action {
            Action::Open => self.list.selected().map_or(Effect::None, |r| ProviderScreen::opening(ctx.policy, r.id)),
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let [list, chart] = Layout::vertical([Constraint::Min(6), Constraint::Length(8)]).areas(area);
        let title = "Value · children (measured), weekly spend, mean needs score, cost a week per point, \
                     fall in needs since first measured, outcomes";
        self.list.render(frame, list, title, view);
        profile_box(self.list.selected(), frame, chart, view.theme);
    }

    fn load(&self) -> Option<super::reader::Load> {
        Some(Box::new(|store: &Store| Ok(super::reader::Loaded::Value(Box::new(store.value(store.today())?)))))
    }

    fn loaded(&mut self, data: super::reader::Loaded) -> Result<(), super::loaded::Mismatch> {
        let mut value = *data.into_kind::<Box<crate::store::needs::Value>>()?;
        let rows = value
            .lines
            .into_iter()
            .filter(|l| l.setting.is_none())
            .map(|line| ValueRow {
                id: value.provider_ids.get(&line.provider).copied().unwrap_or_default(),
                profile: value.profiles.remove(&line.provider),
                line,
            })
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
