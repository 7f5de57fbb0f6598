//! The application state and its one update path: keys become actions,
//! actions change state and call the store; rendering only reads.

use super::audit::AuditScreen;
use super::board::BoardScreen;
use super::concerns::ConcernsScreen;
use super::dashboard::DashboardScreen;
use super::event::{self, Action, Command};
use super::forms::{Form, FormOutcome};
use super::help;
use super::plans::PlansScreen;
use super::providers::ProvidersScreen;
use super::reg44::Reg44Screen;
use super::schedule::ScheduleScreen;
use super::settings::SettingsScreen;
use super::stops::StopsScreen;
use super::theme::Theme;
use crate::domain::policy::Policy;
use crate::store::{Store, StoreError};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

/// What a screen needs to decide what an action means.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub policy: &'a Policy,
}

/// A change to the data; returns the sentence for the status line.
pub type Change = Box<dyn FnOnce(&mut Store) -> Result<String, StoreError>>;

/// A change to make after the user says yes.
pub struct Confirm {
    pub question: String,
    pub apply: Change,
}

/// Asks `question`; on yes, makes the change.
pub fn confirm(
    question: impl Into<String>,
    apply: impl FnOnce(&mut Store) -> Result<String, StoreError> + 'static,
) -> Effect {
    Effect::Confirm(Confirm { question: question.into(), apply: Box::new(apply) })
}

/// What a screen asks the app to do after an action.
pub enum Effect {
    None,
    Push(Box<dyn Screen>),
    /// Go to a main screen, showing it through a lens.
    Show(usize, Lens),
    Form(Form),
    Confirm(Confirm),
    Error(String),
}

impl From<Result<Effect, StoreError>> for Effect {
    fn from(result: Result<Effect, StoreError>) -> Effect {
        result.unwrap_or_else(|e| Effect::Error(e.to_string()))
    }
}

/// How a main screen is shown when another sends the user to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lens {
    /// As it is.
    All,
    /// Only what is overdue.
    Overdue,
    /// Sorted by a column, ascending or not.
    SortedBy(usize, bool),
}

/// Every screen has the same small interface.
pub trait Screen {
    fn title(&self) -> String;
    /// This screen's bindings; the footer and help are drawn from them.
    fn commands(&self) -> Vec<Command>;
    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect;
    fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme);
    /// Re-reads what the screen shows after a change.
    fn reload(&mut self, store: &Store) -> Result<(), StoreError>;
    /// Raw keys while the screen is taking text (a filter); true if used.
    fn text_key(&mut self, _key: KeyEvent) -> bool {
        false
    }
    /// Esc on a main screen: clear a filter.
    fn clear(&mut self) {}
    /// Selects a record just saved, when this screen shows that table.
    fn select(&mut self, _table: &str, _id: i64) {}
    /// Shows the screen through `lens`, clearing any filter first.
    fn focus(&mut self, _lens: Lens) {}
}

/// What sits over the screen.
pub enum Overlay {
    Help { scroll: u16 },
    Jump { selected: usize },
    Confirm(Confirm),
    Form(Form),
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub store: Store,
    pub policy: Policy,
    pub theme: Theme,
    pub demo: bool,
    tabs: Vec<Box<dyn Screen>>,
    /// Main screens whose data may be out of date: re-read when next shown.
    stale: Vec<bool>,
    tab: usize,
    stack: Vec<Box<dyn Screen>>,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub quit: bool,
}

/// The main screens, in tab order (keys 1, 2, …), with what each is for.
/// The main screens; each one's key is its position.
pub const TABS: &[(&str, &str)] = &[
    ("Dashboard", "Dashboard: headline numbers, charts, what changed"),
    ("Providers", "Providers: settings, worst judgement, children, spend"),
    ("Settings", "Settings: every home, agency and scheme"),
    ("Schedule", "Schedule: monitoring visits due, by tier"),
    ("Reg 44", "Reg 44: monthly reports, findings, flags"),
    ("Concerns", "Concerns and Serious Provider Concerns"),
    ("Plans", "Improvement plans and their actions"),
    ("Stops", "Placement stops and their checklists"),
    ("Board", "Board preparation: commentary and the month's pack"),
    ("Audit", "Audit trail: every change, who, when, before and after"),
];

/// The smallest terminal the interface draws in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

impl App {
    pub fn new(store: Store, policy: Policy, theme: Theme, demo: bool) -> Result<App, StoreError> {
        let tabs: Vec<Box<dyn Screen>> = vec![
            Box::new(DashboardScreen::new(&policy)),
            Box::new(ProvidersScreen::new()),
            Box::new(SettingsScreen::new()),
            Box::new(ScheduleScreen::new(&policy, store.today())),
            Box::new(Reg44Screen::new(&policy, store.today())),
            Box::new(ConcernsScreen::new()),
            Box::new(PlansScreen::new()),
            Box::new(StopsScreen::new()),
            Box::new(BoardScreen::new(&policy, store.today())),
            Box::new(AuditScreen::new(None)),
        ];
        let stale = vec![true; tabs.len()];
        let mut app = App {
            store,
            policy,
            theme,
            demo,
            tabs,
            stale,
            tab: 0,
            stack: Vec::new(),
            overlay: None,
            status: None,
            quit: false,
        };
        app.reload_shown()?;
        Ok(app)
    }

    pub fn screen(&self) -> &dyn Screen {
        self.stack.last().map_or(self.tabs[self.tab].as_ref(), |s| s.as_ref())
    }

    fn screen_mut(&mut self) -> &mut dyn Screen {
        match self.stack.last_mut() {
            Some(s) => s.as_mut(),
            None => self.tabs[self.tab].as_mut(),
        }
    }

    pub fn tab(&self) -> usize {
        self.tab
    }

    /// The screen titles from the main screen to the current one.
    pub fn breadcrumb(&self) -> Vec<String> {
        std::iter::once(self.tabs[self.tab].title()).chain(self.stack.iter().map(|s| s.title())).collect()
    }

    /// Every binding that works right now: the screen's, movement, global.
    pub fn commands(&self) -> Vec<Command> {
        let mut all = self.screen().commands();
        all.extend(event::movement());
        all.extend(event::global());
        all
    }

    /// Re-reads the screens on show (the main screen and those opened from
    /// it); the other main screens are re-read when next shown, so a change
    /// or a start costs one screen's reading, not ten.
    fn reload_shown(&mut self) -> Result<(), StoreError> {
        self.stale.iter_mut().for_each(|s| *s = true);
        self.stale[self.tab] = false;
        self.tabs[self.tab].reload(&self.store)?;
        for screen in &mut self.stack {
            screen.reload(&self.store)?;
        }
        Ok(())
    }

    /// Shows main screen `tab`, re-reading it if it may be out of date.
    fn show(&mut self, tab: usize) {
        self.stack.clear();
        self.tab = tab;
        if std::mem::take(&mut self.stale[tab])
            && let Err(e) = self.tabs[tab].reload(&self.store)
        {
            self.stale[tab] = true;
            self.error(e.to_string());
        }
    }

    fn after_change(&mut self, message: String) {
        self.status = Some(match self.reload_shown() {
            Ok(()) => Status { text: message, error: false },
            Err(e) => Status { text: e.to_string(), error: true },
        });
    }

    /// Re-reads every screen (another user saved, or a save was refused as
    /// stale) and says so.
    pub fn refresh(&mut self, message: &str) {
        self.after_change(message.to_string());
    }

    /// Whether another connection has committed since `seen`; cheap enough
    /// to ask twice a second. Returns the version to remember.
    pub fn poll_others(&mut self, seen: Option<i64>) -> Option<i64> {
        let now = self.store.data_version().ok();
        if seen.is_some() && now != seen {
            self.refresh("Updated with changes saved by someone else");
        }
        now
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), error: true });
    }

    /// Handles one key press.
    pub fn key(&mut self, key: KeyEvent) {
        self.status = None;
        match self.overlay.take() {
            Some(Overlay::Form(mut form)) => match form.key(key, &mut self.store) {
                FormOutcome::Continue => self.overlay = Some(Overlay::Form(form)),
                FormOutcome::Replace(other) => self.overlay = Some(Overlay::Form(*other)),
                FormOutcome::Cancelled => {
                    self.status = Some(Status { text: "Cancelled: nothing saved".into(), error: false })
                }
                FormOutcome::Reload => self.refresh("Reloaded: the record as it now is; edit it again"),
                FormOutcome::Saved(saved) => {
                    self.after_change(saved.message);
                    let (table, id) = saved.record;
                    self.screen_mut().select(table, id);
                }
            },
            Some(Overlay::Confirm(confirm)) => {
                if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                    match (confirm.apply)(&mut self.store) {
                        Ok(message) => self.after_change(message),
                        Err(e) => self.error(e.to_string()),
                    }
                } else {
                    self.status = Some(Status { text: "Cancelled: nothing changed".into(), error: false });
                }
            }
            Some(Overlay::Help { scroll }) => self.overlay = help::key(scroll, key),
            Some(Overlay::Jump { selected }) => self.jump_key(selected, key),
            None => {
                if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    self.quit = true;
                } else if !self.screen_mut().text_key(key)
                    && let Some(action) = event::action_for(&self.commands(), &key)
                {
                    self.update(action);
                }
            }
        }
    }

    fn jump_key(&mut self, selected: usize, key: KeyEvent) {
        let n = TABS.len();
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.overlay = Some(Overlay::Jump { selected: (selected + n - 1) % n }),
            KeyCode::Down | KeyCode::Char('j') => self.overlay = Some(Overlay::Jump { selected: (selected + 1) % n }),
            KeyCode::Enter => self.update(Action::ShowTab(selected)),
            KeyCode::Char(c) => {
                let by_digit = c.to_digit(10).map(|d| d as usize).filter(|&i| i < n);
                let by_letter = TABS.iter().position(|(t, _)| t.to_lowercase().starts_with(c.to_ascii_lowercase()));
                if let Some(i) = by_digit.or(by_letter) {
                    self.update(Action::ShowTab(i));
                }
            }
            _ => {}
        }
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Back => {
                if self.stack.pop().is_none() {
                    self.quit = true;
                }
            }
            Action::Cancel => {
                if self.stack.pop().is_none() {
                    self.screen_mut().clear();
                }
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Jump => self.overlay = Some(Overlay::Jump { selected: self.tab }),
            Action::ShowTab(i) if i < self.tabs.len() => self.show(i),
            other => {
                let ctx = Ctx { store: &self.store, policy: &self.policy };
                let effect = match self.stack.last_mut() {
                    Some(s) => s.update(other, &ctx),
                    None => self.tabs[self.tab].update(other, &ctx),
                };
                self.apply(effect);
            }
        }
    }

    fn apply(&mut self, effect: Effect) {
        let read_only = "This database is read-only: changes are refused. Ask for write access to the file.";
        match effect {
            Effect::None => {}
            Effect::Push(screen) => self.stack.push(screen),
            Effect::Show(tab, lens) if tab < self.tabs.len() => {
                self.show(tab);
                self.tabs[tab].clear();
                self.tabs[tab].focus(lens);
            }
            Effect::Show(..) => {}
            Effect::Form(_) | Effect::Confirm(_) if self.store.is_read_only() => self.error(read_only),
            Effect::Form(form) => self.overlay = Some(Overlay::Form(form)),
            Effect::Confirm(confirm) => self.overlay = Some(Overlay::Confirm(confirm)),
            Effect::Error(text) => self.error(text),
        }
    }

    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            super::chrome::too_small(frame, area, &self.theme);
            return;
        }
        let banner = u16::from(self.store.is_read_only());
        let [top, banner_area, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(banner),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        super::chrome::top_bar(self, frame, top);
        if banner > 0 {
            super::chrome::read_only_banner(self, frame, banner_area);
        }
        self.screen().render(frame, body, &self.theme);
        super::chrome::status_line(self, frame, status);
        super::chrome::footer(self, frame, footer);
        match &self.overlay {
            Some(Overlay::Help { scroll }) => help::render(self, frame, body, *scroll),
            Some(Overlay::Jump { selected }) => super::chrome::jump(self, frame, body, *selected),
            Some(Overlay::Confirm(c)) => super::chrome::confirm(self, frame, body, &c.question),
            Some(Overlay::Form(form)) => form.render(frame, body, &self.theme),
            None => {}
        }
    }
}
