//! Keys become actions through one list of commands per screen. The same
//! lists draw the footer hints and the help popup, so what the screen says
//! and what it does cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Declares `Action` with every variant a key-binding file may name.
macro_rules! actions {
    ($($variant:ident),+ $(,)?) => {
        /// Everything a key can ask for outside text entry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            ShowTab(usize),
            $($variant),+
        }

        impl Action {
            /// Every action but `ShowTab` (whose keys are the screen numbers).
            pub const NAMED: &'static [Action] = &[$(Action::$variant),+];
        }
    };
}

actions!(
    Quit,
    Back,
    Cancel,
    Help,
    Jump,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    NextPane,
    PrevPane,
    Filter,
    SortNext,
    SortReverse,
    ToggleArchived,
    New,
    Edit,
    EditProvider,
    Archive,
    Delete,
    AddInspection,
    LogVisit,
    PlanVisit,
    Override,
    EndOverride,
    OpenProvider,
    Clusters,
    FilterTier,
    FilterOverdue,
    FilterKind,
    FilterArea,
    Wider,
    Narrower,
    PrevColumn,
    NextColumn,
    MarkRead,
    OpenSetting,
    CloseFinding,
    FilterStandard,
    FilterSeverity,
    FilterStatus,
    Escalate,
    Close,
    IssueStop,
    RequestPlan,
    RaiseConcern,
    Done,
    Advance,
    Alerts,
    Checklist,
    Review,
    Export,
    Lift,
    Decommission,
    LogNotification,
    Acknowledge,
    AcknowledgeAll,
    SetApart,
    Audit,
    Officer,
    OpenConcern,
    OpenVisit,
    Save,
    CloseForm,
    AddGroup,
    NextField,
    PreviousField,
    ReloadRecord,
    OtherForm,
    Yes,
);

impl Action {
    /// The name a key-binding file uses: `LogVisit` is `log_visit`.
    pub fn name(self) -> String {
        let debug = format!("{self:?}");
        let mut out = String::new();
        for (i, c) in debug.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }
}

/// One key, as pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, mods: KeyModifiers::NONE }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
    }

    /// Whether a pressed key is this one. Shift is part of a character
    /// (`S`, `?`), so it is ignored for characters.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mods = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        self.code == event.code && self.mods == mods
    }

    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) { format!("Ctrl-{}", name.to_uppercase()) } else { name }
    }
}

/// A binding: the keys, what they do, and how the footer and help name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub action: Action,
    pub keys: Vec<Key>,
    /// The short footer word ("new").
    pub hint: &'static str,
    /// The help popup's sentence.
    pub help: &'static str,
    /// Shown in the footer as well as in help.
    pub footer: bool,
    /// Shown in the footer as one hint with the command before it: "←/→ month".
    pub paired: bool,
}

impl Command {
    /// A binding with its default `keys` (the App puts the user's in their
    /// place: see `Keymap::apply`).
    pub fn new(action: Action, keys: &[Key], hint: &'static str, help: &'static str) -> Command {
        Command { action, keys: keys.to_vec(), hint, help, footer: true, paired: false }
    }

    /// `a` shows the audit trail of the record in view.
    pub fn audit() -> Command {
        Command::new(
            Action::Audit,
            &[Key::char('a')],
            "audit",
            "The audit trail of this record: who changed what, when",
        )
        .quiet()
    }

    /// `Enter` opens the selected row; `help` says what it shows.
    pub fn open(help: &'static str) -> Command {
        Command::new(Action::Open, &[Key::plain(KeyCode::Enter)], "open", help)
    }

    /// `e`: edit what is selected.
    pub fn edit(help: &'static str) -> Command {
        Command::new(Action::Edit, &[Key::char('e')], "edit", help)
    }

    /// `x`: archive what is selected, or restore it; its history stays.
    pub fn archive(help: &'static str) -> Command {
        Command::new(Action::Archive, &[Key::char('x')], "archive", help)
    }

    /// In the footer with the (quiet) command before it, as one hint: the
    /// previous and next month are "←/→ month".
    pub fn paired(mut self) -> Command {
        self.paired = true;
        self
    }

    /// The keys the footer shows: its own, or with a pair's first keys only.
    pub fn footer_keys(&self, previous: Option<&Command>) -> String {
        let first = |c: &Command| c.keys.first().map(Key::label).unwrap_or_default();
        match previous.filter(|_| self.paired) {
            Some(previous) => format!("{}/{}", first(previous), first(self)),
            None => self.keys_label(),
        }
    }

    /// In help only, to keep the footer short.
    pub fn quiet(mut self) -> Command {
        self.footer = false;
        self
    }

    pub fn keys_label(&self) -> String {
        self.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
    }
}

/// The first command in `commands` bound to `event`.
pub fn action_for(commands: &[Command], event: &KeyEvent) -> Option<Action> {
    commands.iter().find(|c| c.keys.iter().any(|k| k.matches(event))).map(|c| c.action)
}

/// A form's keys (the App puts the user's in their place). Text typed into
/// a field is the field's: these are the keys that are not text.
pub fn form() -> Vec<Command> {
    use KeyCode::*;
    vec![
        Command::new(Action::Save, &[Key::ctrl('s')], "save", "Save the record (so does Enter on the last field)"),
        Command::new(Action::AddGroup, &[Key::ctrl('n')], "add finding", "Add another finding to the report"),
        Command::new(
            Action::NextField,
            &[Key::plain(Tab), Key::plain(Down), Key::plain(Enter)],
            "next",
            "The next field; on the last, Enter saves",
        ),
        Command::new(Action::PreviousField, &[Key::plain(BackTab), Key::plain(Up)], "previous", "The field before"),
        Command::new(
            Action::CloseForm,
            &[Key::plain(Esc), Key::ctrl('c')],
            "cancel",
            "Close the form (asks if changed)",
        ),
        Command::new(Action::ReloadRecord, &[Key::ctrl('r')], "reload", "After someone else's change: load it afresh")
            .quiet(),
        Command::new(Action::OtherForm, &[Key::ctrl('e')], "open it", "After a duplicate: edit the record that exists")
            .quiet(),
    ]
}

/// A question's keys: yes; any other key is no.
pub fn confirm() -> Vec<Command> {
    vec![Command::new(Action::Yes, &[Key::char('y'), Key::char('Y')], "yes", "Yes, go ahead; any other key is no")]
}

/// The name of the first key that does `action` among `commands`, for a
/// sentence that names it ("Ctrl-R reloads").
pub fn key_name(commands: &[Command], action: Action) -> String {
    commands.iter().find(|c| c.action == action).and_then(|c| c.keys.first()).map_or("?".into(), Key::label)
}

/// Moving through a list: arrows and vim keys both.
pub fn movement() -> Vec<Command> {
    use KeyCode::*;
    vec![
        Command::new(Action::Up, &[Key::plain(Up), Key::char('k')], "up", "Move up").quiet(),
        Command::new(Action::Down, &[Key::plain(Down), Key::char('j')], "down", "Move down").quiet(),
        Command::new(Action::PageUp, &[Key::plain(PageUp), Key::ctrl('b')], "page up", "Page up").quiet(),
        Command::new(Action::PageDown, &[Key::plain(PageDown), Key::ctrl('f')], "page down", "Page down").quiet(),
        Command::new(Action::Top, &[Key::plain(Home)], "top", "First row").quiet(),
        Command::new(Action::Bottom, &[Key::plain(End), Key::char('G')], "bottom", "Last row").quiet(),
    ]
}

/// Bindings that work on every screen.
pub fn global() -> Vec<Command> {
    use KeyCode::*;
    let tabs = crate::ui::app::TABS.iter().enumerate().filter_map(|(i, tab)| {
        char::from_digit(i as u32, 10)
            .map(|digit| Command::new(Action::ShowTab(i), &[Key::char(digit)], tab.name, tab.help).quiet())
    });
    let mut commands = vec![
        Command::new(Action::Help, &[Key::char('?')], "help", "Show every key for this screen"),
        Command::new(Action::Back, &[Key::char('q')], "back/quit", "Go back; on a main screen, quit"),
        Command::new(Action::Cancel, &[Key::plain(Esc)], "back", "Go back, or clear the filter (never quits)").quiet(),
        Command::new(Action::Quit, &[Key::ctrl('c')], "quit", "Quit Oversight").quiet(),
        Command::new(Action::Jump, &[Key::char(':'), Key::char('g')], "go to", "Go to another screen").quiet(),
        Command::new(Action::Officer, &[Key::char('@')], "you", "Who is working: your name, role, email and phone")
            .quiet(),
    ];
    commands.extend(tabs);
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_match_ignoring_shift_on_characters() {
        assert!(Key::char('?').matches(&press(KeyCode::Char('?'), KeyModifiers::SHIFT)));
        assert!(Key::char('G').matches(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        assert!(!Key::char('g').matches(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        assert!(Key::ctrl('s').matches(&press(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(!Key::char('s').matches(&press(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(!Key::plain(KeyCode::Tab).matches(&press(KeyCode::Tab, KeyModifiers::SHIFT)));
        assert!(Key::plain(KeyCode::BackTab).matches(&press(KeyCode::BackTab, KeyModifiers::SHIFT)));
    }

    #[test]
    fn first_binding_wins_and_labels_read_well() {
        let mut commands = movement();
        commands.extend(global());
        assert_eq!(action_for(&commands, &press(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Action::Down));
        assert_eq!(action_for(&commands, &press(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::Cancel));
        assert_eq!(action_for(&commands, &press(KeyCode::Char('z'), KeyModifiers::NONE)), None);
        assert_eq!(commands[0].keys_label(), "↑/k");
        assert_eq!(Key::ctrl('s').label(), "Ctrl-S");
    }

    #[test]
    fn no_key_is_bound_twice_globally() {
        let mut commands = movement();
        commands.extend(global());
        let keys: Vec<Key> = commands.iter().flat_map(|c| c.keys.clone()).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{} bound twice", k.label());
        }
    }
}
