//! The Unregistered placements screen (`g` then `u`): every child placed
//! where no registration covers them, those still there first, with the
//! next review and ▲ where it is overdue; below, the selected one's reviews.

use super::app::{Ctx, Effect, Screen, View};
use super::event::{Action, Command, Key};
use super::forms::{self, Choice};
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::{Column, figure};
use crate::domain::policy::Policy;
use crate::store::unregistered::Line as Entry;
use crate::store::{RecordRef, Store, StoreError};
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub struct Row {
    entry: Entry,
    today: NaiveDate,
}

fn day(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "–".into(), |d| d.to_string())
}

impl ListItem for Row {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Child", Constraint::Length(10)),
        Column::new("Provider", Constraint::Min(16)),
        Column::new("Address", Constraint::Min(16)).from_width(120),
        Column::new("First night", Constraint::Length(11)),
        Column::new("Nights", Constraint::Length(6)),
        Column::new("DoL", Constraint::Length(3)),
        Column::new("Ofsted told", Constraint::Length(11)).from_width(100),
        Column::new("Applied", Constraint::Length(10)).from_width(130),
        Column::new("Weekly", Constraint::Length(8)),
        Column::new("Next review", Constraint::Length(16)),
    ];

    fn id(&self) -> i64 {
        self.entry.placement.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let u = &self.entry.placement.value;
        let last = u.end.unwrap_or(self.today).min(self.today);
        let next = match (self.entry.next_review, u.end) {
            (Some(n), _) if self.entry.overdue => Line::styled(format!("▲ {n}"), theme.error()),
            (Some(n), _) => Line::from(n.to_string()),
            (None, Some(e)) => Line::styled(format!("ended {e}"), theme.dim()),
            (None, None) => Line::from(""),
        };
        let cells = vec![
            Line::from(u.child_ref.to_string()),
            Line::from(self.entry.provider.clone()),
            Line::from(u.address.clone()),
            Line::from(u.start.to_string()),
            figure((last - u.start).num_days().to_string()),
            Line::from(if u.deprivation_of_liberty { "yes" } else { "no" }),
            match u.ofsted_notified_on {
                Some(d) => Line::from(d.to_string()),
                None => Line::styled("▲ not told", theme.error()),
            },
            Line::from(day(u.applied_on)),
            figure(u.weekly_cost.compact()),
            next,
        ];
        if u.is_open(self.today) { cells } else { cells.into_iter().map(|c| c.style(theme.dim())).collect() }
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let u = &self.entry.placement.value;
        match column {
            0 => SortKey::Text(u.child_ref.to_string()),
            1 => SortKey::Text(self.entry.provider.to_lowercase()),
            2 => SortKey::Text(u.address.to_lowercase()),
            8 => SortKey::Number(u.weekly_cost.0),
            9 => SortKey::Text(day(self.entry.next_review)),
            _ => SortKey::Text(u.start.to_string()),
        }
    }

    fn haystack(&self) -> String {
        let u = &self.entry.placement.value;
        format!("{} {} {} {}", u.child_ref, self.entry.provider, u.address, u.reason)
    }

    fn archived(&self) -> bool {
        !self.entry.placement.value.is_open(self.today)
    }
}

pub struct UnregisteredScreen {
    list: ListView<Row>,
    policy: Policy,
    today: NaiveDate,
}

impl UnregisteredScreen {
    pub fn new(policy: &Policy) -> UnregisteredScreen {
        UnregisteredScreen {
            list: ListView::new("unregistered placements")
                .when_empty(
                    "No child is placed where no registration covers them. n records one, from the first night.",
                )
                .sorted_by(3, true),
            policy: policy.clone(),
            today: NaiveDate::MIN,
        }
    }

    fn providers(store: &Store) -> Result<Vec<Choice>, StoreError> {
        let mut names: Vec<(i64, String)> = store.provider_names()?.into_iter().collect();
        names.sort_by_key(|n| n.1.to_lowercase());
        Ok(names.into_iter().map(|(id, name)| Choice::new(id.to_string(), name)).collect())
    }
}

/// The selected one's reasons, approval, order and reviews.
fn detail(row: Option<&Row>, frame: &mut Frame, area: Rect, theme: &Theme) {
    let block = Block::new().borders(Borders::ALL).border_style(theme.dim());
    let Some(r) = row else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let u = &r.entry.placement.value;
    let order = match (u.deprivation_of_liberty, u.order_on) {
        (true, Some(on)) => format!("deprivation of liberty order, {} on {on}", u.court),
        _ => "no deprivation of liberty order".into(),
    };
    let application = match (u.applied_on, u.end) {
        (Some(on), _) => format!("provider applied to register on {on}: {}", u.application),
        (None, Some(_)) => "the provider did not apply to register".into(),
        (None, None) => "▲ the provider has not applied to register".into(),
    };
    let ended = u.end.map_or_else(String::new, |e| format!("Ended on {e} · "));
    let mut lines = vec![
        Line::from(format!(" Why: {}", u.reason.replace('\n', " "))),
        Line::from(format!(" Approved by {} on {} · {order}", u.approved_by, u.approved_on)),
        Line::from(format!(" {ended}{application}")),
        Line::styled(format!(" Reviews ({}), the latest first:", r.entry.reviews.len()), theme.title()),
    ];
    lines.extend(r.entry.reviews.iter().map(|rv| {
        Line::from(vec![
            Span::raw(format!("  {} ", rv.value.reviewed_on)),
            Span::styled(format!("{}: ", rv.value.reviewed_by), theme.dim()),
            Span::raw(rv.value.note.replace('\n', " ")),
        ])
    }));
    let title = format!(" {} at {} ", u.child_ref, u.address);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block.title(Span::styled(title, theme.title()))),
        area,
    );
}

impl Screen for UnregisteredScreen {
    fn title(&self) -> String {
        "Unregistered".into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![
            Command::new(
                Action::New,
                &[Key::char('n')],
                "new",
                "Record a child placed where no registration covers them",
            ),
            Command::open("Edit the selected placement: its end, Ofsted told, the provider's application"),
            Command::new(Action::Review, &[Key::char('r')], "review", "Record a review of the selected placement"),
        ];
        c.extend(ListView::<Row>::commands());
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.list.update(action) {
            return Effect::None;
        }
        let today = ctx.store.today();
        let selected = self.list.selected().map(|r| &r.entry.placement);
        match (action, selected) {
            (Action::New, _) => {
                Self::providers(ctx.store).map(|p| Effect::Form(forms::unregistered::form(p, None, today))).into()
            }
            (Action::Open, Some(s)) => {
                Self::providers(ctx.store).map(|p| Effect::Form(forms::unregistered::form(p, Some(s), today))).into()
            }
            (Action::Review, Some(s)) if s.value.is_open(today) => Effect::Form(forms::unregistered::review_form(
                s.id,
                s.value.child_ref.as_str(),
                None,
                ctx.store.user(),
                today,
            )),
            (Action::Review, Some(_)) => Effect::Error("This placement has ended: no more reviews fall due".into()),
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let [list, below] = Layout::vertical([Constraint::Min(6), Constraint::Length(13)]).areas(area);
        let open: Vec<&Row> =
            self.list.items().iter().filter(|r| r.entry.placement.value.is_open(self.today)).collect();
        let overdue = open.iter().filter(|r| r.entry.overdue).count();
        let title = format!(
            "Unregistered placements · {} open, {overdue} review{} overdue · reviewed every {} days",
            open.len(),
            if overdue == 1 { "" } else { "s" },
            self.policy.unregistered.review_days
        );
        self.list.render(frame, list, &title, view);
        detail(self.list.selected(), frame, below, view.theme);
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.today = store.today();
        let today = self.today;
        let rows = store.unregistered(&self.policy, today)?.into_iter().map(|entry| Row { entry, today }).collect();
        self.list.set_items(rows);
        Ok(())
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<crate::domain::unregistered::Unregistered>() {
            self.list.select(id);
        }
        if let Some(id) = record.id_of::<crate::domain::unregistered::Review>()
            && let Some(row) = self.list.items().iter().find(|r| r.entry.reviews.iter().any(|rv| rv.id == id))
        {
            let placement = row.entry.placement.id;
            self.list.select(placement);
        }
    }

    fn text_key(&mut self, key: KeyEvent) -> bool {
        self.list.take_key(key)
    }

    fn clear(&mut self) -> bool {
        self.list.clear_filter()
    }
}
