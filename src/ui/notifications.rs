//! Regulation 40 notifications on screen: on a setting, a strip of the last
//! 24 months and every notification; across settings, the Notifications
//! screen (`g` then `o`).

use super::app::{Ctx, Effect, Screen, View};
use super::event::{Action, Command, Key};
use super::forms;
use super::opening::Opening;
use super::setting::SettingScreen;
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::{Column, TableLook, TableView};
use crate::domain::date::Month;
use crate::domain::notification::{self, Category, Notification};
use crate::domain::rating::Severity;
use crate::store::notifications::NotificationRow;
use crate::store::{Record, RecordRef, Store, Stored};
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// How far back the strip and the screen look.
const MONTHS: usize = 24;

const SETTING_COLUMNS: &[Column<'static>] = &[
    Column::new("Notified", Constraint::Length(10)),
    Column::new("Category", Constraint::Length(17)),
    Column::new("Child", Constraint::Length(10)),
    Column::new("What happened", Constraint::Min(20)),
    Column::new("Our response", Constraint::Min(20)).from_width(140),
    Column::new("Closed", Constraint::Length(10)),
];

/// The colour of a category: grave ones red, police amber.
fn style(category: Category, theme: &Theme) -> Style {
    match category {
        c if c.is_grave() => theme.error(),
        Category::Police => theme.severity(Severity::RequiresImprovement),
        _ => Style::new(),
    }
}

fn category_cell(category: Category, theme: &Theme) -> Line<'static> {
    Line::styled(category.short(), style(category, theme))
}

fn closed_cell(n: &Notification, theme: &Theme) -> Line<'static> {
    n.closed_on.map_or_else(|| Line::styled("open", theme.key()), |d| Line::from(d.to_string()))
}

/// "Dec 2024 ··1··2·3··· Nov 2026": one mark a month, how many came (a dot
/// for none, + for ten or more), red where a grave one came, amber a
/// police incident.
pub fn strip(notes: &[&Notification], today: NaiveDate, theme: &Theme) -> Line<'static> {
    let months = Month::of(today).back(MONTHS);
    let mut spans = vec![Span::styled(format!(" {} ", months[0].label()), theme.dim())];
    for m in &months {
        let of: Vec<&&Notification> = notes.iter().filter(|n| m.contains(n.notified_on)).collect();
        let mark = match of.len() {
            0 => "·".to_string(),
            n @ 1..=9 => n.to_string(),
            _ => "+".into(),
        };
        let worst = of.iter().map(|n| n.category).min_by_key(|c| (!c.is_grave(), *c != Category::Police));
        spans.push(Span::styled(mark, worst.map_or(theme.dim(), |c| style(c, theme))));
    }
    spans.push(Span::styled(format!(" {}", months[MONTHS - 1].label()), theme.dim()));
    let counts = notification::by_category(notes.iter().copied());
    if !counts.is_empty() {
        let each: Vec<String> = counts.iter().map(|(c, n)| format!("{n} {}", c.short())).collect();
        spans.push(Span::raw(format!("   {}", each.join(", "))));
    }
    Line::from(spans)
}

/// `N` on the Setting screen.
pub fn log_command() -> Command {
    Command::new(
        Action::LogNotification,
        &[Key::char('N')],
        "notification",
        "Log a Regulation 40 notification the home sent",
    )
}

/// On the notifications pane, `e` and `d` are the selected notification's.
pub fn pane_commands(commands: &mut [Command]) {
    for c in commands.iter_mut().filter(|c| matches!(c.action, Action::Edit | Action::Delete)) {
        (c.hint, c.help) = match c.action {
            Action::Edit => ("edit", "Edit the selected notification: our response, or close it"),
            _ => ("delete", "Delete a notification logged by mistake (asks first)"),
        };
    }
}

/// What the Setting screen's notification keys do: `N` logs one from
/// setting `(id, name)`; on the pane (`shown`), edit and delete are the
/// `selected` one's. None for a key that is not theirs.
pub fn setting_action(
    action: Action,
    shown: bool,
    selected: Option<&Stored<Notification>>,
    (id, name): (i64, &str),
    today: NaiveDate,
) -> Option<Effect> {
    match (action, selected) {
        (Action::LogNotification, _) => Some(Effect::Form(forms::notification::form(id, name, None, today))),
        (Action::Edit, Some(n)) => Some(Effect::Form(forms::notification::form(id, name, Some(n), today))),
        (Action::Delete, Some(n)) => Some(super::actions::delete(n, &n.value.describe())),
        (Action::Edit | Action::Delete, None) if shown => Some(Effect::None),
        _ => None,
    }
}

/// The Setting screen's pane: the strip, then each notification, the latest
/// first.
pub fn render_pane(
    frame: &mut Frame,
    area: Rect,
    view: &TableView,
    notes: &[Stored<Notification>],
    title: Line<'static>,
    (today, key): (NaiveDate, &str),
    theme: &Theme,
) {
    let [strip_area, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let from = Month::of(today).back(MONTHS)[0].first_day();
    let recent: Vec<&Notification> = notes.iter().map(|n| &n.value).filter(|n| n.notified_on >= from).collect();
    frame.render_widget(Paragraph::new(strip(&recent, today, theme)), strip_area);
    let row = |at: usize| {
        let n = &notes[at].value;
        vec![
            Line::from(n.notified_on.to_string()),
            category_cell(n.category, theme),
            Line::from(n.child_ref.as_ref().map(ToString::to_string).unwrap_or_default()),
            Line::from(n.summary.replace('\n', " ")),
            Line::from(n.response.replace('\n', " ")),
            closed_cell(n, theme),
        ]
    };
    let empty = format!("No Regulation 40 notification logged from here: {key} logs one.");
    let look = TableLook { columns: SETTING_COLUMNS, title, focused: true, sort: None, empty: &empty, cursor: None };
    view.render(frame, table, notes.len(), row, look, theme);
}

impl ListItem for NotificationRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Notified", Constraint::Length(10)),
        Column::new("Setting", Constraint::Min(18)),
        Column::new("Provider", Constraint::Min(16)).from_width(120),
        Column::new("Category", Constraint::Length(17)),
        Column::new("Child", Constraint::Length(10)).from_width(100),
        Column::new("What happened", Constraint::Min(16)),
        Column::new("Closed", Constraint::Length(10)),
    ];

    fn id(&self) -> i64 {
        self.notification.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let n = &self.notification.value;
        vec![
            Line::from(n.notified_on.to_string()),
            Line::from(self.setting.clone()),
            Line::from(self.provider.clone()),
            category_cell(n.category, theme),
            Line::from(n.child_ref.as_ref().map(ToString::to_string).unwrap_or_default()),
            Line::from(n.summary.replace('\n', " ")),
            closed_cell(n, theme),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let n = &self.notification.value;
        match column {
            1 => SortKey::Text(self.setting.to_lowercase()),
            2 => SortKey::Text(self.provider.to_lowercase()),
            3 => SortKey::Text(n.category.short().into()),
            4 => SortKey::Text(n.child_ref.as_ref().map(ToString::to_string).unwrap_or_default()),
            5 => SortKey::Text(n.summary.to_lowercase()),
            6 => SortKey::Text(n.closed_on.map_or_else(String::new, |d| d.to_string())),
            _ => SortKey::Text(n.notified_on.to_string()),
        }
    }

    fn haystack(&self) -> String {
        let n = &self.notification.value;
        let child = n.child_ref.as_ref().map(ToString::to_string).unwrap_or_default();
        // "open" or "closed" too, so that `/` open finds those still open.
        let state = if n.closed_on.is_some() { "closed" } else { "open" };
        format!(
            "{} {} {} {} {child} {} {state}",
            self.setting,
            self.provider,
            n.category.label(),
            n.category.short(),
            n.summary
        )
    }
}

/// Every notification of the last 24 months, across settings.
pub struct NotificationsScreen {
    list: ListView<NotificationRow>,
    today: NaiveDate,
}

impl NotificationsScreen {
    pub fn new() -> NotificationsScreen {
        NotificationsScreen {
            list: ListView::new("notifications")
                .when_empty("No Regulation 40 notification in the last 24 months: log one on its setting's screen.")
                .sorted_by(0, false),
            today: NaiveDate::MIN,
        }
    }
}

impl Screen for NotificationsScreen {
    fn title(&self) -> String {
        "Notifications".into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![
            Command::open("Open the setting: its tier, and its notifications pane"),
            Command::new(Action::Edit, &[Key::char('e')], "edit", "Edit the notification: its response, or close it"),
        ];
        c.extend(ListView::<NotificationRow>::commands().into_iter().filter(|c| c.action != Action::ToggleArchived));
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.list.update(action) {
            return Effect::None;
        }
        let Some(row) = self.list.selected() else { return Effect::None };
        match action {
            Action::Open => {
                let (policy, id) = (ctx.policy.clone(), row.notification.value.setting_id);
                Opening::effect("Setting", move |store| {
                    SettingScreen::open(store, &policy, id).map(SettingScreen::at_notifications)
                })
            }
            Action::Edit => Effect::Form(forms::notification::form(
                row.notification.value.setting_id,
                &row.setting,
                Some(&row.notification),
                self.today,
            )),
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let [strip_area, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(4)]).areas(area);
        let all: Vec<&Notification> = self.list.shown().map(|r| &r.notification.value).collect();
        frame.render_widget(Paragraph::new(strip(&all, self.today, view.theme)), strip_area);
        let open = all.iter().filter(|n| n.closed_on.is_none()).count();
        let title = format!("Regulation 40 notifications, last 24 months · {open} open");
        self.list.render(frame, list, &title, view);
    }

    fn load(&self) -> Option<super::reader::Load> {
        Some(Box::new(|store: &Store| {
            let today = store.today();
            let from = Month::of(today).back(MONTHS)[0].first_day();
            Ok(super::reader::Loaded::Notifications(Box::new((today, store.notifications(from, today)?))))
        }))
    }

    fn loaded(&mut self, data: super::reader::Loaded) -> Result<(), super::loaded::Mismatch> {
        let (today, rows) = *data.into_kind::<Box<_>>()?;
        self.today = today;
        self.list.set_items(rows);
        Ok(())
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<Notification>() {
            self.list.select(id);
        }
    }

    fn text_key(&mut self, key: KeyEvent) -> bool {
        self.list.take_key(key)
    }

    fn clear(&mut self) -> bool {
        self.list.clear_filter()
    }
}
