//! Importing a file from the interface: choose it, read the dry run's
//! summary and changes, then confirm.

use super::app::{Ctx, Effect, Screen, View, confirm};
use super::event::{Action, Command, Key};
use super::forms::{Choice, Field, Form, FormSpec, Problem, Saved};
use crate::domain::Invalid;
use crate::domain::policy::Policy;
use crate::import::{self, ofsted, register};
use crate::report::notice;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// What a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ofsted,
    Register(register::Kind),
    /// Another authority's placement stop notice (JSON), read as alerts.
    StopNotice,
}

impl Kind {
    const ALL: [(&'static str, &'static str); 9] = [
        ("ofsted", "Ofsted provider-level data"),
        ("providers", "Providers (CSV)"),
        ("settings", "Settings (CSV)"),
        ("contracts", "Contracts (CSV)"),
        ("placements", "Placements (CSV)"),
        ("groups", "Provider groups (CSV)"),
        ("members", "Provider groups' members (CSV)"),
        ("accounts", "Provider groups' accounts (CSV)"),
        ("stop-notice", "Another authority's stop notice (JSON)"),
    ];

    fn code(self) -> &'static str {
        match self {
            Kind::Ofsted => "ofsted",
            Kind::Register(register::Kind::Providers) => "providers",
            Kind::Register(register::Kind::Settings) => "settings",
            Kind::Register(register::Kind::Contracts) => "contracts",
            Kind::Register(register::Kind::Placements) => "placements",
            Kind::Register(register::Kind::Groups) => "groups",
            Kind::Register(register::Kind::Members) => "members",
            Kind::Register(register::Kind::Accounts) => "accounts",
            Kind::StopNotice => "stop-notice",
        }
    }

    fn of(code: &str) -> Kind {
        match code {
            "providers" => Kind::Register(register::Kind::Providers),
            "settings" => Kind::Register(register::Kind::Settings),
            "contracts" => Kind::Register(register::Kind::Contracts),
            "placements" => Kind::Register(register::Kind::Placements),
            "groups" => Kind::Register(register::Kind::Groups),
            "members" => Kind::Register(register::Kind::Members),
            "accounts" => Kind::Register(register::Kind::Accounts),
            "stop-notice" => Kind::StopNotice,
            _ => Kind::Ofsted,
        }
    }
}

/// A file read and checked, and what importing it would do.
struct Preview {
    kind: Kind,
    path: PathBuf,
    lines: Vec<String>,
    /// Nothing wrong with it: it may be imported.
    ready: bool,
}

/// Runs the import of `path` as `kind` (a dry run unless `write`); the
/// summary as lines, and whether the file was good.
fn run(
    store: &mut Store,
    kind: Kind,
    path: &Path,
    to: &Policy,
    write: bool,
) -> Result<(Vec<String>, bool), StoreError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return Ok((vec![format!("cannot read {}: {e}", path.display())], false)),
    };
    let text = || import::decode(&bytes).map_err(|p| p.to_string());
    let (out, ok) = match kind {
        Kind::StopNotice => match notice::receive(store, &bytes, !write)? {
            Ok(received) => (received.text(!write), true),
            Err(e) => (format!("{}: {e}", path.display()), false),
        },
        Kind::Ofsted => match text().map(|t| ofsted::parse(&t)) {
            Err(e) => (e, false),
            Ok(Ok(file)) => {
                let options = ofsted::Options {
                    home_authority: to.home_authority.clone(),
                    dry_run: !write,
                    decommissioning: to.decommissioning.clone(),
                };
                let summary = ofsted::import(store, &file, &options, |_, _| {})?;
                (summary.text(!write), true)
            }
            Ok(Err(problems)) => (ofsted::Summary::refused(problems).text(!write), false),
        },
        Kind::Register(k) => match text() {
            Err(e) => (e, false),
            Ok(t) => {
                let summary = register::import(store, k, &t, !write)?;
                (summary.text(!write), summary.rejected.is_empty())
            }
        },
    };
    Ok((out.lines().map(String::from).collect(), ok))
}

/// A path as typed, with `~/` for the home folder.
fn expand(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(typed),
    }
}

/// The form's side: checks the file with a dry run and leaves the preview.
struct ChooseSpec {
    preview: Rc<RefCell<Option<Preview>>>,
    policy: Rc<Policy>,
}

impl FormSpec for ChooseSpec {
    fn problems(&self, form: &Form, _today: NaiveDate) -> Vec<Problem> {
        let path = form.values().text("file");
        let found = expand(&path);
        let problem = match () {
            _ if path.is_empty() || found.is_file() => return Vec::new(),
            _ if found.is_dir() => format!("{path} is a folder: give the file in it"),
            _ => format!("there is no file {path}"),
        };
        vec![(None, Invalid::new("file", problem))]
    }

    fn save(&self, form: &Form, store: &mut Store) -> Result<Saved, StoreError> {
        let v = form.values();
        let path = expand(&v.text("file"));
        if path.as_os_str().is_empty() {
            return Err(StoreError::Invalid(vec![Invalid::new("file", "required")]));
        }
        let kind = Kind::of(&v.text_of_choice("kind"));
        let (lines, ready) = run(store, kind, &path, &self.policy, false)?;
        let message = match ready {
            true => format!("Checked {}: nothing written yet; y imports it", path.display()),
            false => format!("{} cannot be imported as it is: the problems are listed row by row", path.display()),
        };
        *self.preview.borrow_mut() = Some(Preview { kind, path, lines, ready });
        Ok(Saved { message, record: None, refused: !ready })
    }
}

pub struct ImportScreen {
    preview: Rc<RefCell<Option<Preview>>>,
    policy: Rc<Policy>,
    /// Lines of the summary scrolled past.
    scroll: u16,
}

impl ImportScreen {
    pub fn new(policy: &Policy) -> ImportScreen {
        ImportScreen { preview: Rc::new(RefCell::new(None)), policy: Rc::new(policy.clone()), scroll: 0 }
    }

    fn choose(&self, today: NaiveDate) -> Effect {
        let kinds: Vec<Choice> = Kind::ALL.iter().map(|(code, label)| Choice::new(*code, *label)).collect();
        // Start from the last file and its kind: → edits the path, typing replaces it.
        let last = self.preview.borrow();
        let path = last.as_ref().map(|p| p.path.display().to_string()).unwrap_or_default();
        let kind = last.as_ref().map_or("ofsted", |p| p.kind.code());
        let fields = vec![
            Field::text("file", "File", &path, 1000)
                .required()
                .hint("a path to the CSV file, e.g. ~/Downloads/ofsted.csv"),
            Field::choice("kind", "What it is", kinds, kind),
        ];
        let spec = ChooseSpec { preview: Rc::clone(&self.preview), policy: Rc::clone(&self.policy) };
        Effect::Form(Form::new("Import a file", fields, Box::new(spec), today))
    }
}

impl Screen for ImportScreen {
    fn title(&self) -> String {
        "Import".into()
    }

    fn commands(&self) -> Vec<Command> {
        vec![
            Command::new(
                Action::New,
                &[Key::char('f'), Key::plain(KeyCode::Enter)],
                "choose file",
                "Choose a file and check it",
            ),
            Command::new(Action::Done, &[Key::char('y')], "import", "Import the file checked (asks first)"),
        ]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let lines = self.preview.borrow().as_ref().map_or(0, |p| p.lines.len()) as u16;
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(lines),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(20),
            Action::PageDown => self.scroll = (self.scroll + 20).min(lines),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = lines.saturating_sub(20),
            _ => {}
        }
        match action {
            Action::New => {
                self.scroll = 0;
                self.choose(ctx.store.today())
            }
            Action::Done => {
                let preview = self.preview.borrow();
                let Some(p) = preview.as_ref().filter(|p| p.ready) else {
                    return Effect::Error("Choose a file and check it first (f)".into());
                };
                let (kind, path, policy) = (p.kind, p.path.clone(), Rc::clone(&self.policy));
                let shared = Rc::clone(&self.preview);
                confirm(format!("Import {} now? Every change goes in the audit trail.", path.display()), move |store| {
                    let (lines, imported) = run(store, kind, &path, &policy, true)?;
                    let first = lines.first().cloned().unwrap_or_default();
                    *shared.borrow_mut() = Some(Preview { kind, path: path.clone(), lines, ready: false });
                    match imported {
                        true => Ok(format!("Imported {}: {first}", path.display())),
                        false => Err(StoreError::Invalid(vec![Invalid::new(
                            "file",
                            format!("{} was refused, nothing imported: {first}", path.display()),
                        )])),
                    }
                })
            }
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let preview = self.preview.borrow();
        let lines: Vec<Line> = match preview.as_ref() {
            None => {
                let mut lines = vec![
                    Line::styled(
                        "Import Ofsted's provider-level data, a register kept in a spreadsheet, or another authority's stop notice.",
                        theme.title(),
                    ),
                    Line::raw(""),
                    Line::raw(format!(
                        "{} chooses the file. Oversight reads it all and shows what it would change,",
                        view.key(Action::New)
                    )),
                    Line::raw("writing nothing; y then imports it, in one go, or not at all."),
                    Line::raw(""),
                    Line::styled(
                        "Ofsted: the \"provider level\" CSV exactly as downloaded from gov.uk, any year's.",
                        theme.dim(),
                    ),
                    Line::styled(
                        "Registers: a CSV whose first row names its columns, in any order (* required):",
                        theme.dim(),
                    ),
                ];
                lines.extend(register::Kind::ALL.iter().map(|k| {
                    let name = format!("{k:?}");
                    Line::styled(format!("  {name:<11} {}", k.columns()), theme.dim())
                }));
                lines.push(Line::styled(
                    "Stop notice: the JSON file another authority's Oversight writes (N on its stop); each of",
                    theme.dim(),
                ));
                lines.push(Line::styled("our settings it names becomes an alert under Stops, o.", theme.dim()));
                lines
            }
            Some(p) => {
                let mut lines = vec![Line::from(vec![
                    Span::styled(p.path.display().to_string(), theme.title()),
                    Span::styled(if p.ready { "  ready: y imports it" } else { "" }, theme.ok()),
                ])];
                lines.extend(p.lines.iter().map(|l| {
                    let style = if l.contains("URGENT") || l.contains("problem") {
                        theme.error()
                    } else {
                        ratatui::style::Style::new()
                    };
                    Line::styled(l.clone(), style)
                }));
                lines
            }
        };
        let more = if preview.is_some() { " ↑/↓ PgUp/PgDn scroll " } else { "" };
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(" Import ", theme.title()))
            .title_bottom(Line::styled(more, theme.dim()).right_aligned());
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((self.scroll, 0)).block(block),
            area,
        );
    }

    fn reload(&mut self, _store: &Store) -> Result<(), StoreError> {
        Ok(())
    }
}
