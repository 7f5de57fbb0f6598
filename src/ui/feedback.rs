//! The Feedback screen: each quarter, the main fostering agencies as social
//! workers and Independent Reviewing Officers rate them, averaged; Enter
//! adds a rating for the agency and quarter selected.

use super::app::{Ctx, Effect, Screen, View};
use super::event::{Action, Command, Key};
use super::forms::feedback::form;
use super::loaded::Mismatch;
use super::reader::{Load, Loaded};
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::{Column, figure};
use crate::domain::policy::Policy;
use crate::store::Store;
use crate::store::feedback::FeedbackRow;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

impl ListItem for FeedbackRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Agency", Constraint::Min(20)),
        Column::new("Quarter", Constraint::Length(12)),
        Column::new("Ratings", Constraint::Length(7)),
        Column::new("Communication", Constraint::Length(13)),
        Column::new("Stability", Constraint::Length(9)),
        Column::new("Meeting needs", Constraint::Length(13)),
        Column::new("Overall", Constraint::Length(7)),
    ];

    fn id(&self) -> i64 {
        self.provider_id * 100_000
            + i64::from(self.quarter.first_day().format("%Y%m").to_string().parse::<i32>().unwrap_or(0))
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let mean = |v: Option<f64>| v.map_or_else(|| figure("–".into()), |v| figure(format!("{v:.1}")));
        let s = self.summary.as_ref();
        vec![
            Line::from(self.provider.clone()),
            Line::from(self.quarter.months()),
            match s {
                Some(s) => figure(s.ratings.to_string()),
                None => Line::from(Span::styled("none yet", theme.dim())).right_aligned(),
            },
            mean(s.map(|s| s.communication)),
            mean(s.map(|s| s.stability)),
            mean(s.map(|s| s.needs)),
            mean(s.map(|s| s.overall())),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let tenths = |v: Option<f64>| SortKey::Number(v.map_or(-1, |v| (v * 10.0).round() as i64));
        let s = self.summary.as_ref();
        match column {
            1 => SortKey::Text(self.quarter.to_string()),
            2 => SortKey::Number(s.map_or(0, |s| s.ratings as i64)),
            3 => tenths(s.map(|s| s.communication)),
            4 => tenths(s.map(|s| s.stability)),
            5 => tenths(s.map(|s| s.needs)),
            6 => tenths(s.map(|s| s.overall())),
            _ => SortKey::Text(self.provider.to_lowercase()),
        }
    }

    fn haystack(&self) -> String {
        format!("{} {} {}", self.provider, self.quarter, self.quarter.months())
    }
}

pub struct FeedbackScreen {
    list: ListView<FeedbackRow>,
    policy: Policy,
}

impl FeedbackScreen {
    pub fn new(policy: &Policy) -> FeedbackScreen {
        let list = ListView::new("agencies' quarters").when_empty(
            "No main fostering agencies: the agencies with most of our children placed are rated each quarter.",
        );
        FeedbackScreen { list, policy: policy.clone() }
    }
}

impl Screen for FeedbackScreen {
    fn title(&self) -> String {
        "Feedback".into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![Command::new(
            Action::Open,
            &[Key::plain(crossterm::event::KeyCode::Enter)],
            "add rating",
            "Add a practitioner's rating of the agency for this quarter",
        )];
        c.extend(ListView::<FeedbackRow>::commands().into_iter().filter(|c| c.action != Action::ToggleArchived));
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.list.update(action) {
            return Effect::None;
        }
        match (action, self.list.selected()) {
            (Action::Open, Some(row)) => {
                Effect::Form(form(row.provider_id, row.quarter, &row.provider, None, ctx.store.today()))
            }
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.list.render(frame, area, "Practitioner feedback on the main fostering agencies", view);
    }

    fn load(&self) -> Option<Load> {
        let policy = self.policy.clone();
        Some(Box::new(move |store: &Store| Ok(Loaded::Feedback(store.feedback_rows(&policy, store.today())?))))
    }

    fn loaded(&mut self, data: Loaded) -> Result<(), Mismatch> {
        self.list.set_items(data.into_kind()?);
        Ok(())
    }

    fn text_key(&mut self, key: KeyEvent) -> bool {
        self.list.take_key(key)
    }

    fn clear(&mut self) -> bool {
        self.list.clear_filter()
    }
}
