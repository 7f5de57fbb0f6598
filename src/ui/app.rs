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
use super::reader::{Job, Loaded, Reader, STACKED, Ticket, WRITING};
use super::reg44::Reg44Screen;
use super::schedule::ScheduleScreen;
pub use super::screen::{Change, Confirm, Ctx, Effect, Glance, Lens, Screen, View, confirm};
use super::settings::SettingsScreen;
use super::stops::StopsScreen;
use super::theme::Theme;
use crate::domain::policy::Policy;
use crate::store::RecordRef;
use crate::store::{Store, StoreError};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

mod stacked;

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

impl Status {
    /// What a piece of work said it did, or why it failed.
    fn of(result: Result<String, StoreError>) -> Status {
        match result {
            Ok(text) => Status { text, error: false },
            Err(e) => Status { text: e.to_string(), error: true },
        }
    }
}

pub struct App {
    /// Dropped before `store`, so the reader's connection closes first.
    reader: Option<Reader>,
    pub store: Store,
    pub policy: Policy,
    pub theme: Theme,
    pub demo: bool,
    tabs: Vec<Box<dyn Screen>>,
    /// Main screens whose data may be out of date: re-read when next shown.
    stale: Vec<bool>,
    /// Per main screen, the request the reader is answering for it.
    reading: Vec<Option<u64>>,
    /// Per main screen, whether it has had its data once.
    read_once: Vec<bool>,
    /// Files the reader is still writing.
    writing: usize,
    /// A record just saved, to select on this main screen when its reading comes.
    select_when_read: Option<(usize, RecordRef)>,
    /// The file's version and data stamp when this app last read or changed
    /// it, to tell others' changes from its own (see `poll_others`).
    seen: Option<(i64, i64)>,
    tickets: u64,
    tab: usize,
    stack: Vec<Box<dyn Screen>>,
    /// The request the reader is answering for a screen on the stack, while
    /// it is out, and how far down the stack the screen is (1: the bottom).
    stacked: Option<(u64, usize)>,
    /// How far down the stack a screen is that has not had its data yet.
    unread: Option<usize>,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub quit: bool,
    /// Where the officer's profile is kept (`@` changes it); none in tests.
    pub profile: Option<std::path::PathBuf>,
    /// The user's keys, from `keys.toml`.
    pub keymap: super::keymap::Keymap,
    /// Who is working, as the profile says.
    pub officer: Option<crate::domain::officer::Officer>,
    /// Where the form that says who is working leaves what was saved.
    officer_saved: std::rc::Rc<std::cell::RefCell<Option<crate::domain::officer::Officer>>>,
}

/// A main screen as the top bar and the help name it.
pub struct Tab {
    pub name: &'static str,
    /// For a top bar too narrow for every full name.
    pub short: &'static str,
    pub help: &'static str,
}

const fn tab(name: &'static str, short: &'static str, help: &'static str) -> Tab {
    Tab { name, short, help }
}

/// The main screens, in tab order; each one's key is its position.
pub const TABS: &[Tab] = &[
    tab("Dashboard", "Dash", "Dashboard: headline numbers, charts, what changed"),
    tab("Providers", "Prov", "Providers: settings, worst judgement, children, spend"),
    tab("Settings", "Sett", "Settings: every home, agency and scheme"),
    tab("Schedule", "Sched", "Schedule: monitoring visits due, by tier"),
    tab("Reg 44", "Reg44", "Reg 44: monthly reports, findings, flags"),
    tab("Concerns", "Conc", "Concerns and Serious Provider Concerns"),
    tab("Plans", "Plans", "Improvement plans and their actions"),
    tab("Stops", "Stops", "Placement stops and their checklists"),
    tab("Board", "Board", "Board preparation: commentary and the month's pack"),
    tab("Audit", "Audit", "Audit trail: every change, who, when, before and after"),
];

pub use super::more::{MORE, More};

/// The main screen Oversight opens on.
const HOME: usize = 0;

/// The smallest terminal the interface draws in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

impl App {
    /// The app, with the first screen read before this returns.
    pub fn new(store: Store, policy: Policy, theme: Theme, demo: bool) -> Result<App, StoreError> {
        let mut app = App::build(store, policy, theme, demo);
        app.reload_shown()?;
        Ok(app)
    }

    /// The app, reading slow screens on a thread of its own: the first
    /// frame can be drawn at once, and `receive` takes the data as it comes.
    /// Should the second connection or the thread fail to start, it reads
    /// here instead, only more slowly.
    pub fn reading_in_background(store: Store, policy: Policy, theme: Theme, demo: bool) -> Result<App, StoreError> {
        let mut app = App::build(store, policy, theme, demo);
        app.reader = Reader::start(&app.store).ok();
        app.reload_shown()?;
        Ok(app)
    }

    fn build(store: Store, policy: Policy, theme: Theme, demo: bool) -> App {
        let seen = store.data_version().ok().zip(store.data_stamp().ok());
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
        let n = tabs.len();
        App {
            store,
            policy,
            theme,
            demo,
            tabs,
            stale: vec![true; n],
            reader: None,
            reading: vec![None; n],
            read_once: vec![false; n],
            writing: 0,
            select_when_read: None,
            seen,
            tickets: 0,
            tab: HOME,
            stack: Vec::new(),
            stacked: None,
            unread: None,
            overlay: None,
            status: None,
            quit: false,
            profile: None,
            keymap: Default::default(),
            officer: None,
            officer_saved: Default::default(),
        }
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

    /// The screen's own bindings, with the user's keys.
    pub fn screen_commands(&self) -> Vec<Command> {
        self.keymap.apply(self.screen().commands())
    }

    /// Moving through lists, with the user's keys.
    pub fn movement(&self) -> Vec<Command> {
        self.keymap.apply(event::movement())
    }

    /// What works on every screen, with the user's keys.
    pub fn global(&self) -> Vec<Command> {
        self.keymap.apply(event::global())
    }

    /// A form's keys, and a question's, as the user has them.
    pub fn form_keys(&self) -> (Vec<Command>, Vec<Command>) {
        (self.keymap.apply(event::form()), self.keymap.apply(event::confirm()))
    }

    /// Opens `form` over the screen, with the keys in force.
    fn open_form(&mut self, form: Form) {
        let (keys, yes) = self.form_keys();
        self.overlay = Some(Overlay::Form(form.with_keys(keys, yes)));
    }

    /// Every binding that works right now: the screen's, movement, global.
    pub fn commands(&self) -> Vec<Command> {
        let mut all = self.screen_commands();
        all.extend(self.movement());
        all.extend(self.global());
        all
    }

    /// Re-reads the screens on show (the main screen and those opened from
    /// it); the other main screens are re-read when next shown, so a change
    /// or a start costs one screen's reading, not ten.
    fn reload_shown(&mut self) -> Result<(), StoreError> {
        self.stale.iter_mut().for_each(|s| *s = true);
        self.read(self.tab)?;
        // Above the bottom, here and now: a reading still out for one is older.
        for depth in 2..=self.stack.len() {
            self.reread_at(depth)?;
        }
        self.read_stacked()?;
        // With a reader, the dashboard is brought up to date behind the
        // screen on show, so that it, and its kept copy for the next opening
        // of Oversight, is current.
        if self.reader.is_some() && self.tab != HOME {
            self.read(HOME)?;
        }
        Ok(())
    }

    /// Re-reads main screen `tab`: on the reader thread when there is one
    /// and the screen is slow to read, else here.
    fn read(&mut self, tab: usize) -> Result<(), StoreError> {
        self.stale[tab] = false;
        // A kept copy is worth a look only for a screen with nothing to show
        // yet: after a change it cannot be current, and the screen has its own.
        let glance = if self.read_once[tab] { Glance::Nothing } else { self.tabs[tab].glance(&self.store) };
        match glance {
            Glance::Current => {
                self.read_once[tab] = true;
                self.reading[tab] = None;
                return Ok(());
            }
            Glance::Old => self.read_once[tab] = true,
            Glance::Nothing => {}
        }
        match (&self.reader, self.tabs[tab].load()) {
            (Some(reader), Some(load)) => {
                self.tickets += 1;
                self.reading[tab] = Some(self.tickets);
                reader
                    .send(Ticket { tab, number: self.tickets, urgent: tab == self.tab && self.stack.is_empty() }, load);
            }
            _ => {
                let read = self.tabs[tab].reload(&self.store);
                self.stale[tab] = read.is_err();
                read?;
                self.read_once[tab] = true;
            }
        }
        Ok(())
    }

    /// Shows main screen `tab`, re-reading it if it may be out of date.
    fn show(&mut self, tab: usize) {
        self.clear_stack();
        self.tab = tab;
        // Stale, or waiting behind other screens' readings: ask again, urgently.
        if (self.stale[tab] || self.reading[tab].is_some())
            && let Err(e) = self.read(tab)
        {
            self.error(e.to_string());
        }
    }

    /// Takes whatever the reader has finished; true when the screen may
    /// look different.
    pub fn receive(&mut self) -> bool {
        let mut changed = false;
        while let Some((ticket, data)) = self.reader.as_ref().and_then(Reader::try_recv) {
            changed |= self.take(ticket, data);
        }
        changed
    }

    /// Waits up to `timeout` for the reader, then takes what it has finished.
    pub fn wait(&mut self, timeout: std::time::Duration) -> bool {
        match self.reader.as_ref().and_then(|r| r.recv_timeout(timeout)) {
            Some((ticket, data)) => self.take(ticket, data) | self.receive(),
            None => false,
        }
    }

    fn take(&mut self, ticket: Ticket, data: Result<Loaded, StoreError>) -> bool {
        if ticket.tab == WRITING {
            self.writing -= 1;
            // A job's answer is what it says it did (see `Reader::send_job`).
            let said = data.map(|said| said.into_kind::<String>().unwrap_or_else(|m| m.to_string()));
            self.status = Some(Status::of(said));
            return true;
        }
        if ticket.tab == STACKED {
            return self.take_stacked(ticket, data);
        }
        if self.reading[ticket.tab] != Some(ticket.number) {
            return false; // asked again since: a newer answer is coming
        }
        self.reading[ticket.tab] = None;
        match data {
            Ok(data) => {
                let screen = &mut self.tabs[ticket.tab];
                if let Err(mismatch) = screen.loaded(data) {
                    let title = screen.title();
                    self.stale[ticket.tab] = true;
                    self.error(format!("{title}: {mismatch}"));
                    return true;
                }
                let screen = &mut self.tabs[ticket.tab];
                if let Some((_, record)) = self.select_when_read.take_if(|(tab, _)| *tab == ticket.tab) {
                    screen.select(record);
                }
                screen.follow(&self.store);
                self.read_once[ticket.tab] = true;
            }
            Err(e) => {
                self.stale[ticket.tab] = true;
                self.error(e.to_string());
            }
        }
        true
    }

    /// Whether any screen, or a file being written, is waiting for the reader.
    pub fn is_reading(&self) -> bool {
        self.writing > 0 || self.stacked.is_some() || self.reading.iter().any(Option::is_some)
    }

    /// Runs `job` (it writes a file) on the reader, or here when there is none.
    fn write(&mut self, job: Job) {
        let Some(reader) = &self.reader else {
            self.status = Some(Status::of(job(&self.store)));
            return;
        };
        self.tickets += 1;
        self.writing += 1;
        reader.send_job(Ticket { tab: WRITING, number: self.tickets, urgent: true }, job);
        self.status = Some(Status { text: "Writing…".into(), error: false });
    }

    /// Whether the screen on show has had its data (or a kept copy of it).
    pub fn has_read_shown(&self) -> bool {
        match self.stack.len() {
            0 => self.read_once[self.tab],
            depth => self.has_read_at(depth),
        }
    }

    /// Whether a file is being written on the reader.
    pub fn is_writing(&self) -> bool {
        self.writing > 0
    }

    /// Whether the screen on show is waiting for fresher data.
    pub fn is_reading_shown(&self) -> bool {
        match self.stack.len() {
            0 => self.reading[self.tab].is_some(),
            depth => self.is_reading_at(depth),
        }
    }

    fn after_change(&mut self, message: String) {
        self.seen = self.look();
        self.status = Some(Status::of(self.reload_shown().map(|()| message)));
    }

    /// Re-reads every screen (another user saved, or a save was refused as
    /// stale) and says so.
    pub fn refresh(&mut self, message: &str) {
        self.after_change(message.to_string());
    }

    /// The file's version (moved by others' commits, not this connection's)
    /// and the data stamp (moved by changes to data, anyone's, not by kept
    /// copies of figures, which this app's own reader writes).
    fn look(&self) -> Option<(i64, i64)> {
        self.store.data_version().ok().zip(self.store.data_stamp().ok())
    }

    /// Re-reads the screens if someone else has changed the data since this
    /// app last looked or saved: the file moved on and so did the data.
    /// Cheap enough to ask twice a second; true when it re-read.
    pub fn poll_others(&mut self) -> bool {
        let now = self.look();
        let others = matches!((self.seen, now), (Some((v, s)), Some((v_now, s_now))) if v != v_now && s != s_now);
        self.seen = now;
        if others {
            self.refresh("Updated with changes saved by someone else");
        }
        others
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), error: true });
    }

    /// Handles one key press.
    pub fn key(&mut self, key: KeyEvent) {
        self.handle(key);
        match self.stack.last_mut() {
            Some(screen) => screen.follow(&self.store),
            None => self.tabs[self.tab].follow(&self.store),
        }
    }

    fn handle(&mut self, key: KeyEvent) {
        self.status = None;
        match self.overlay.take() {
            Some(Overlay::Form(mut form)) => match form.key(key, &mut self.store) {
                FormOutcome::Continue => self.overlay = Some(Overlay::Form(form)),
                FormOutcome::Replace(other) => self.overlay = Some(Overlay::Form(*other)),
                FormOutcome::Cancelled => {
                    self.status = Some(Status { text: "Cancelled: nothing saved".into(), error: false })
                }
                FormOutcome::Reload => self.refresh("Reloaded: the record as it now is; edit it again"),
                FormOutcome::Background(job) => self.write(job),
                FormOutcome::Saved(saved) => {
                    if let Some(officer) = self.officer_saved.borrow_mut().take() {
                        self.officer = Some(officer);
                    }
                    self.after_change(saved.message);
                    if saved.refused {
                        self.status.iter_mut().for_each(|s| s.error = true);
                    }
                    if let Some(record) = saved.record {
                        self.screen_mut().select(record);
                        // A main screen still reading selects it again once it has.
                        self.select_when_read = self.is_reading_shown().then_some((self.tab, record));
                    }
                }
            },
            Some(Overlay::Confirm(confirm)) => {
                if event::action_for(&self.form_keys().1, &key) == Some(Action::Yes) {
                    match (confirm.apply)(&mut self.store) {
                        Ok(message) => self.after_change(message),
                        Err(e) => self.error(e.to_string()),
                    }
                } else {
                    self.status = Some(Status { text: "Cancelled: nothing changed".into(), error: false });
                }
            }
            Some(Overlay::Help { scroll }) => {
                self.overlay = help::scrolled(scroll, event::action_for(&self.movement(), &key))
            }
            Some(Overlay::Jump { selected }) => self.jump_key(selected, key),
            None => {
                // A Ctrl key (quit's, by default) is never text being typed.
                let with_ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                if with_ctrl && event::action_for(&self.global(), &key) == Some(Action::Quit) {
                    self.quit = true;
                } else if !self.screen_mut().text_key(key) {
                    match event::action_for(&self.commands(), &key) {
                        Some(action) => self.update(action),
                        // A screen still being read for the first time has no keys yet.
                        None if !self.has_read_shown() => {
                            self.status = Some(Status {
                                text: format!("{} is still being read: a moment", self.screen().title()),
                                error: false,
                            })
                        }
                        // A key that does nothing here says so, rather than nothing.
                        None if !matches!(key.code, KeyCode::Modifier(_) | KeyCode::Null) => {
                            let name = event::Key { code: key.code, mods: key.modifiers }.label();
                            let help = event::key_name(&self.global(), Action::Help);
                            self.error(format!(
                                "{name} does nothing on {}: {help} lists its keys",
                                self.screen().title()
                            ));
                        }
                        None => {}
                    }
                }
            }
        }
    }

    /// The go-to popup's keys: moving, and going to the screen chosen.
    pub fn jump_keys(&self) -> Vec<Command> {
        let mut keys = self.movement();
        keys.extend(self.keymap.apply(vec![Command::open("Go to the screen chosen")]));
        keys
    }

    /// In the go-to popup: the numbered screens, then `MORE`.
    fn jump_key(&mut self, selected: usize, key: KeyEvent) {
        let n = TABS.len() + MORE.len();
        match event::action_for(&self.jump_keys(), &key) {
            Some(Action::Up) => self.overlay = Some(Overlay::Jump { selected: (selected + n - 1) % n }),
            Some(Action::Down) => self.overlay = Some(Overlay::Jump { selected: (selected + 1) % n }),
            Some(Action::Open) => self.go(selected),
            // Otherwise a screen's number or letter; any other key closes.
            _ => {
                let KeyCode::Char(c) = key.code else { return };
                let c = c.to_ascii_lowercase();
                let by_digit = c.to_digit(10).map(|d| d as usize).filter(|&i| i < TABS.len());
                let by_more = MORE.iter().position(|m| m.key == c).map(|i| TABS.len() + i);
                let by_letter = TABS.iter().position(|t| t.name.to_lowercase().starts_with(c));
                if let Some(i) = by_digit.or(by_more).or(by_letter) {
                    self.go(i);
                }
            }
        }
    }

    /// Goes to the `i`-th screen of the go-to popup.
    fn go(&mut self, i: usize) {
        match i.checked_sub(TABS.len()).and_then(|m| MORE.get(m)) {
            None => self.update(Action::ShowTab(i)),
            Some(more) => {
                self.clear_stack();
                self.push_unread((more.open)(&self.policy));
            }
        }
    }

    /// Opens the form that says who is working, filled with the profile kept.
    pub fn ask_who_is_working(&mut self) {
        let kept = self.profile.as_deref().and_then(|p| crate::profile::load(p).ok().flatten());
        let current = kept.or(self.officer.clone());
        let saved = std::rc::Rc::clone(&self.officer_saved);
        let form = super::forms::officer::form(current.as_ref(), self.profile.clone(), saved, self.store.today());
        self.open_form(form);
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Back => {
                if self.pop().is_none() {
                    self.quit = true;
                }
            }
            Action::Cancel => {
                if !self.screen_mut().clear() {
                    self.pop();
                }
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Jump => self.overlay = Some(Overlay::Jump { selected: self.tab }),
            Action::Officer => self.ask_who_is_working(),
            Action::ShowTab(i) if i < self.tabs.len() => self.show(i),
            other => {
                let keys = self.commands();
                let ctx = Ctx { store: &self.store, policy: &self.policy, officer: self.officer.as_ref(), keys: &keys };
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
            Effect::Read(screen) => self.push_unread(screen),
            Effect::Show(tab, lens) if tab < self.tabs.len() => {
                self.show(tab);
                self.tabs[tab].clear();
                self.tabs[tab].focus(lens);
            }
            Effect::Show(..) => {}
            Effect::Form(_) | Effect::Confirm(_) if self.store.is_read_only() => self.error(read_only),
            Effect::Form(form) => self.open_form(form),
            Effect::Confirm(confirm) => self.overlay = Some(Overlay::Confirm(confirm)),
            Effect::Reread => {
                let reread = match self.stack.len() {
                    0 => self.read(self.tab),
                    depth => self.reread_at(depth),
                };
                if let Err(e) = reread {
                    self.error(e.to_string());
                }
            }
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
        match self.has_read_shown() {
            true => self.screen().render(
                frame,
                body,
                &View { theme: &self.theme, keys: &self.commands(), keymap: &self.keymap },
            ),
            false => super::chrome::reading(frame, body, &self.theme),
        }
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
