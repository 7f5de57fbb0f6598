//! Forms: fields that check themselves as you type, a whole-record check
//! against the same rules the store applies, and saving through the store.
//! Each record's form is a list of fields and a function that builds the
//! record from them.

pub mod concern;
pub mod contract;
pub mod decommission;
pub mod export;
pub mod feedback;
pub mod group;
pub mod inspection;
pub mod needs;
pub mod notification;
pub mod officer;
pub mod outcome;
pub mod panel;
pub mod placement;
pub mod plan;
pub mod provider;
mod record;
pub mod reg44;
pub use record::{record_form, record_form_or_stored};
pub mod returns;
pub mod setting;
pub mod stop;
pub mod target;
pub mod tier_override;
pub mod unregistered;
pub mod visit;

mod field;

pub use field::{Choice, Field, FieldKind};

use crate::domain::Invalid;
use crate::domain::code::Code;
use crate::domain::date::{self, Month};
use crate::domain::money::Pence;
use crate::domain::placement::ChildRef;
use crate::domain::setting::Urn;
use crate::store::RecordRef;
use crate::store::{Store, StoreError};
use crate::ui::event::{Action, Command};
use crate::ui::reader::Job;
use crate::ui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use field::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// A rule broken, and the repeated group (if any) whose field it concerns.
pub type Problem = (Option<usize>, Invalid);

/// What a form does with its values.
pub trait FormSpec {
    /// The rules the store would apply, for showing as you type.
    fn problems(&self, form: &Form, today: NaiveDate) -> Vec<Problem>;
    /// Saves; says what for the status line, and which record to select.
    fn save(&self, form: &Form, store: &mut Store) -> Result<Saved, StoreError>;
    /// Work to do away from the keys instead of saving here: a form that
    /// only writes a file from the data. Asked once the form is valid.
    fn in_background(&self, _form: &Form) -> Option<Job> {
        None
    }
    /// The fields of the `n`-th repeated group, for a form that repeats
    /// one (Ctrl-N adds another).
    fn group_fields(&self, _n: usize) -> Option<Vec<Field>> {
        None
    }
    /// A form to switch to when saving is refused as a duplicate: the
    /// existing record, to edit (Ctrl-E).
    fn alternative(&self, _form: &Form, _store: &Store) -> Option<Form> {
        None
    }
    /// After the field `key` changed by a key: adjust others that follow it.
    fn changed(&self, _form: &mut Form, _key: &str) {}
}

/// The lines a long text takes while it is edited; more scroll.
const LONG_TEXT_ROWS: usize = 5;

/// A stand-in while a form's own spec is lent to [`FormSpec::changed`].
struct NoSpec;

impl FormSpec for NoSpec {
    fn problems(&self, _form: &Form, _today: NaiveDate) -> Vec<Problem> {
        Vec::new()
    }

    fn save(&self, _form: &Form, _store: &mut Store) -> Result<Saved, StoreError> {
        Err(StoreError::Invalid(Vec::new()))
    }
}

/// A saved record: the sentence for the status line, and its table and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub message: String,
    /// The record saved, for the screen to select.
    pub record: Option<RecordRef>,
    /// The work was done but its answer is a refusal (a file that cannot
    /// be imported): the status line shows it as an error.
    pub refused: bool,
}

/// What a key did to the form.
pub enum FormOutcome {
    Continue,
    Cancelled,
    Saved(Saved),
    /// Carry on in this form instead (the existing record, to edit).
    Replace(Box<Form>),
    /// Close, and show the record as it now is.
    Reload,
    /// Close, and run this (it writes a file) away from the keys.
    Background(Job),
}

/// The typed values of a form's fields: the main ones, or one repeated group's.
pub struct Values<'a> {
    fields: &'a [Field],
    group: Option<usize>,
}

impl Values<'_> {
    fn field(&self, key: &str) -> Result<&Field, Invalid> {
        self.fields
            .iter()
            .find(|f| f.key == key && f.group == self.group)
            .ok_or_else(|| Invalid::new("form", format!("no field {key}")))
    }

    fn parsed<T>(&self, key: &'static str, parse: impl FnOnce(&str) -> Result<T, String>) -> Result<T, Invalid> {
        parse(&self.field(key)?.raw()).map_err(|m| Invalid::new(key, m))
    }

    fn optional<T>(
        &self,
        key: &'static str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>, Invalid> {
        let raw = self.field(key)?.raw();
        if raw.is_empty() { Ok(None) } else { self.parsed(key, parse).map(Some) }
    }

    pub fn text(&self, key: &str) -> String {
        self.field(key).map(|f| f.raw()).unwrap_or_default()
    }

    pub fn opt_text(&self, key: &str) -> Option<String> {
        Some(self.text(key)).filter(|t| !t.is_empty())
    }

    pub fn date(&self, key: &'static str) -> Result<NaiveDate, Invalid> {
        self.parsed(key, date::parse)
    }

    pub fn opt_date(&self, key: &'static str) -> Result<Option<NaiveDate>, Invalid> {
        self.optional(key, date::parse)
    }

    pub fn month(&self, key: &'static str) -> Result<Month, Invalid> {
        self.parsed(key, Month::parse)
    }

    pub fn money(&self, key: &'static str) -> Result<Pence, Invalid> {
        self.parsed(key, Pence::parse)
    }

    pub fn opt_money(&self, key: &'static str) -> Result<Option<Pence>, Invalid> {
        self.optional(key, Pence::parse)
    }

    pub fn count(&self, key: &'static str) -> Result<Option<u32>, Invalid> {
        self.optional(key, |t| t.parse::<u32>().map_err(|_| "a whole number".to_string()))
    }

    /// A count that must be given.
    pub fn number(&self, key: &'static str) -> Result<u32, Invalid> {
        self.count(key)?.ok_or_else(|| Invalid::new(key, "required"))
    }

    pub fn urn(&self, key: &'static str) -> Result<Option<Urn>, Invalid> {
        self.optional(key, Urn::parse)
    }

    pub fn child_ref(&self, key: &'static str) -> Result<ChildRef, Invalid> {
        self.parsed(key, ChildRef::parse)
    }

    /// A code-enum choice; `None` for the "none" option.
    pub fn code<T: Code>(&self, key: &str) -> Option<T> {
        self.field(key).ok().and_then(|f| T::from_code(&f.value()))
    }

    /// A record chosen by id; `None` for the "none" option.
    pub fn id(&self, key: &str) -> Option<i64> {
        self.field(key).ok().and_then(|f| f.value().parse().ok())
    }

    pub fn yes(&self, key: &str) -> bool {
        self.field(key).is_ok_and(|f| f.value() == "yes")
    }

    /// The code of the option chosen in a choice field.
    pub fn text_of_choice(&self, key: &str) -> String {
        self.field(key).map(|f| f.value()).unwrap_or_default()
    }
}

pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    spec: Box<dyn FormSpec>,
    initial: Vec<String>,
    pub general_error: Option<String>,
    /// What the save waits on the user's say-so for (a file to write over).
    pub question: Option<String>,
    confirm_discard: bool,
    /// Focus has just arrived in this field: typing replaces what it holds
    /// (a default, a pre-filled name), as in a spreadsheet cell.
    fresh: bool,
    /// Saving was refused as a duplicate and the spec offers the existing record.
    offer_alternative: bool,
    /// Saving was refused because someone else changed the record first.
    offer_reload: bool,
    today: NaiveDate,
    /// Its keys, and a question's: the defaults until the App gives the user's.
    keys: Vec<Command>,
    yes: Vec<Command>,
}

impl Form {
    /// Takes the keys in force (the user's where a keys file changed them).
    pub fn with_keys(mut self, keys: Vec<Command>, yes: Vec<Command>) -> Form {
        (self.keys, self.yes) = (keys, yes);
        self
    }

    /// The name of the key that now does `action` here: "Ctrl-S".
    pub fn key_name(&self, action: Action) -> String {
        super::event::key_name(&self.keys, action)
    }

    /// Names what the form is about in its title: "Log a visit · Oak House".
    pub fn about(mut self, what: &str) -> Form {
        self.title = format!("{} · {what}", self.title);
        self
    }

    pub fn new(title: impl Into<String>, fields: Vec<Field>, spec: Box<dyn FormSpec>, today: NaiveDate) -> Form {
        let mut form = Form {
            title: title.into(),
            initial: fields.iter().map(Field::value).collect(),
            fields,
            focus: 0,
            spec,
            general_error: None,
            question: None,
            confirm_discard: false,
            fresh: true,
            offer_alternative: false,
            offer_reload: false,
            today,
            keys: super::event::form(),
            yes: super::event::confirm(),
        };
        form.recheck();
        form
    }

    /// The main fields' values.
    pub fn values(&self) -> Values<'_> {
        Values { fields: &self.fields, group: None }
    }

    /// The `n`-th repeated group's values.
    pub fn group(&self, n: usize) -> Values<'_> {
        Values { fields: &self.fields, group: Some(n) }
    }

    /// How many repeated groups the form holds.
    pub fn groups(&self) -> usize {
        self.fields.iter().filter_map(|f| f.group).max().map_or(0, |g| g + 1)
    }

    /// Whether every field of group `n` is still as it was when added.
    pub fn group_is_blank(&self, n: usize) -> bool {
        self.fields.iter().filter(|f| f.group == Some(n)).all(|f| f.raw().is_empty() || !f.touched)
    }

    /// Appends the next repeated group, if the form has one, and moves to it.
    fn add_group(&mut self) -> bool {
        let n = self.groups();
        match self.spec.group_fields(n) {
            Some(fields) => {
                self.focus = self.fields.len();
                self.fields.extend(fields);
                self.fresh = true;
                true
            }
            None => false,
        }
    }

    /// Starts a choice field on the option with `code`, as if it had
    /// always been so (it does not count as a change).
    pub fn preset(&mut self, key: &str, code: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key && f.group.is_none())
            && let FieldKind::Choice(options) = &self.fields[i].kind
            && let Some(at) = options.iter().position(|o| o.code == code)
        {
            self.fields[i].choice = at;
            self.initial[i] = self.fields[i].value();
            self.recheck();
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.fields.iter().map(Field::value).ne(self.initial.iter().cloned())
    }

    /// Re-runs every field's own check, then the record's rules.
    fn recheck(&mut self) {
        for f in &mut self.fields {
            f.check();
            f.record_error = None;
        }
        if self.fields.iter().any(|f| f.own_error.is_some()) {
            return;
        }
        let mut unplaced = Vec::new();
        for (group, problem) in self.spec.problems(self, self.today) {
            match self.fields.iter_mut().find(|f| f.key == problem.field && f.group == group) {
                Some(f) if f.record_error.is_none() => f.record_error = Some(problem.message),
                Some(_) => {}
                None => unplaced.push(problem.to_string()),
            }
        }
        if !unplaced.is_empty() {
            self.general_error = Some(unplaced.join("; "));
        }
    }

    fn move_focus(&mut self, forward: bool) {
        self.fields[self.focus].touched = true;
        let n = self.fields.len();
        self.focus = if forward { (self.focus + 1) % n } else { (self.focus + n - 1) % n };
        self.fresh = true;
    }

    /// Moves to the field at `at`, which a save refused: typing goes on
    /// editing what is there (most refusals are a slip: a digit short).
    fn focus_error(&mut self, at: usize) {
        self.focus = at;
        self.fresh = false;
    }

    fn save(&mut self, store: &mut Store) -> FormOutcome {
        self.recheck();
        for f in &mut self.fields {
            f.touched = true;
        }
        if let Some(first) = self.fields.iter().position(|f| f.error().is_some()) {
            let count = self.fields.iter().filter(|f| f.error().is_some()).count();
            let fields = if count == 1 { "the field".to_string() } else { format!("the {count} fields") };
            self.general_error = Some(format!("Correct {fields} marked ✖ before saving"));
            self.focus_error(first);
            return FormOutcome::Continue;
        }
        if let Some(job) = self.spec.in_background(self) {
            return FormOutcome::Background(job);
        }
        match self.spec.save(self, store) {
            Ok(saved) => FormOutcome::Saved(saved),
            Err(StoreError::Duplicate(message)) => {
                self.offer_alternative = self.spec.alternative(self, store).is_some();
                let offer = match self.offer_alternative {
                    true => format!(" · {} opens it", self.key_name(Action::OtherForm)),
                    false => String::new(),
                };
                self.general_error = Some(format!("{message}{offer}"));
                FormOutcome::Continue
            }
            Err(StoreError::AskFirst(question)) => {
                self.question = Some(question);
                FormOutcome::Continue
            }
            Err(StoreError::Invalid(problems)) => {
                for p in &problems {
                    if let Some(f) = self.fields.iter_mut().find(|f| f.key == p.field) {
                        f.record_error = Some(p.message.clone());
                    }
                }
                if let Some(first) = self.fields.iter().position(|f| f.error().is_some()) {
                    self.focus_error(first);
                }
                self.general_error = Some(StoreError::Invalid(problems).to_string());
                FormOutcome::Continue
            }
            Err(conflict @ StoreError::Conflict { .. }) => {
                self.offer_reload = true;
                let reload = self.key_name(Action::ReloadRecord);
                self.general_error = Some(format!("{conflict} · {reload} reloads (what you typed here is dropped)"));
                FormOutcome::Continue
            }
            Err(other) => {
                self.general_error = Some(other.to_string());
                FormOutcome::Continue
            }
        }
    }

    pub fn key(&mut self, key: KeyEvent, store: &mut Store) -> FormOutcome {
        use super::event::action_for;
        if self.confirm_discard {
            if action_for(&self.yes, &key) == Some(Action::Yes) {
                return FormOutcome::Cancelled;
            }
            self.confirm_discard = false;
            return FormOutcome::Continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let long = self.fields[self.focus].is_long();
        match action_for(&self.keys, &key) {
            // In a long text, Enter starts a new line and ↑/↓ move through
            // its lines, leaving it only from its first or last.
            _ if long && !ctrl && matches!(key.code, KeyCode::Enter | KeyCode::Up | KeyCode::Down) => {
                let moved = self.fields[self.focus].edit(key);
                self.fields[self.focus].touched |= moved;
                if !moved && key.code != KeyCode::Enter {
                    self.move_focus(key.code == KeyCode::Down);
                }
            }
            Some(Action::CloseForm) if self.is_dirty() => {
                self.confirm_discard = true;
                return FormOutcome::Continue;
            }
            Some(Action::CloseForm) => return FormOutcome::Cancelled,
            Some(Action::Save) => return self.save(store),
            Some(Action::ReloadRecord) if self.offer_reload => return FormOutcome::Reload,
            Some(Action::OtherForm) if self.offer_alternative => {
                if let Some(other) = self.spec.alternative(self, store) {
                    return FormOutcome::Replace(Box::new(other.with_keys(self.keys.clone(), self.yes.clone())));
                }
            }
            Some(Action::AddGroup) => {
                if !self.add_group() {
                    self.general_error = Some("this form has nothing to add".into());
                    return FormOutcome::Continue;
                }
            }
            Some(Action::NextField) if key.code == KeyCode::Enter && self.focus + 1 == self.fields.len() => {
                return self.save(store);
            }
            Some(Action::NextField) => self.move_focus(true),
            Some(Action::PreviousField) => self.move_focus(false),
            _ => {
                let before = self.fields[self.focus].value();
                self.edit_field(key, ctrl);
                if self.fields[self.focus].value() != before {
                    let spec = std::mem::replace(&mut self.spec, Box::new(NoSpec));
                    spec.changed(self, self.fields[self.focus].key);
                    self.spec = spec;
                }
            }
        }
        self.general_error = None;
        self.question = None;
        self.recheck();
        FormOutcome::Continue
    }

    /// A key for the focused field itself: a choice changes, text is typed.
    fn edit_field(&mut self, key: KeyEvent, ctrl: bool) {
        let fresh = std::mem::replace(&mut self.fresh, false);
        let today = self.today;
        let field = &mut self.fields[self.focus];
        if field.kind == FieldKind::Date && !ctrl && field.date_shortcut(key.code, today) {
            return;
        }
        let is_choice = matches!(field.kind, FieldKind::Choice(_) | FieldKind::YesNo);
        if fresh && !ctrl && !is_choice && matches!(key.code, KeyCode::Char(_)) {
            field.clear();
        }
        match key.code {
            KeyCode::Left if is_choice => field.cycle(false),
            KeyCode::Right | KeyCode::Char(' ') if is_choice => field.cycle(true),
            KeyCode::Char(c) if is_choice && !ctrl => field.jump(c),
            _ if !is_choice && field.edit(key) => field.touched = true,
            _ => {}
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let width = area.width.saturating_sub(4).min(84);
        // Labels: the longest, with room for the focus marker and the required star.
        let label_width = self.fields.iter().map(|f| f.label.chars().count() + 4).max().unwrap_or(20).clamp(20, 30);
        let message_width = (width as usize).saturating_sub(label_width + 4).max(10);
        let errors: usize = self
            .fields
            .iter()
            .filter(|f| f.touched)
            .filter_map(|f| f.error())
            .map(|e| wrap(e, message_width).len())
            .sum();
        let sections = self.fields.iter().filter(|f| f.section.is_some()).count();
        // A long text being edited takes more lines.
        let editing = if self.fields[self.focus].is_long() { LONG_TEXT_ROWS - 1 } else { 0 };
        let wanted = (self.fields.len() + errors + sections + editing) as u16 + 5;
        let height = area.height.saturating_sub(2).min(wanted);
        let popup = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
        frame.render_widget(Clear, popup);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.focus_border())
            .title(Span::styled(format!(" {} ", self.title), theme.title()));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [body, status, keys_area] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(2), Constraint::Length(1)]).areas(inner);

        // One line per field (a long text being edited takes several), and
        // more under any field with something to say.
        let message_width = (body.width as usize).saturating_sub(label_width + 2).max(10);
        let value_width = (body.width as usize).saturating_sub(label_width + 3).max(4);
        let mut lines: Vec<(usize, Line)> = Vec::new();
        let mut cursor_line = 0;
        let mut editor_rows = 0;
        for (i, f) in self.fields.iter().enumerate() {
            if let Some(title) = &f.section {
                lines.push((i, Line::styled(format!("── {title} ──"), theme.header())));
            }
            let focused = i == self.focus;
            let marker = if focused { "▶ " } else { "  " };
            let required = if f.required { "*" } else { "" };
            // A label too long for its column is cut, so a space always parts it from its value.
            let room = label_width.saturating_sub(4 + required.len());
            let label = format!("{marker}{}{required}", crate::domain::excerpt(f.label, room));
            let plain = theme.title().remove_modifier(Modifier::BOLD);
            let value_style = if focused { plain.add_modifier(Modifier::UNDERLINED) } else { plain };
            let shown = match (focused, f.is_long()) {
                (true, true) => String::new(),
                (true, false) => {
                    // Sideways: the part of the line around the cursor.
                    let scroll = f.input.visual_scroll(value_width);
                    f.shown_value().chars().skip(scroll).take(value_width).collect()
                }
                (false, _) => {
                    let all = f.shown_value().replace('\n', " ⏎ ");
                    crate::domain::excerpt(&all, value_width.saturating_sub(1))
                }
            };
            let mut spans = vec![
                Span::styled(format!("{label:<label_width$}"), if focused { theme.key() } else { plain }),
                Span::styled(shown, value_style),
            ];
            let error = f.error().filter(|_| f.touched);
            if error.is_some() {
                spans.push(Span::styled("  ✖", theme.error()));
            }
            if focused {
                cursor_line = lines.len();
            }
            lines.push((i, Line::from(spans)));
            if focused && f.is_long() {
                editor_rows = LONG_TEXT_ROWS;
                lines.extend((1..editor_rows).map(|_| (i, Line::default())));
            }
            for (n, chunk) in wrap(error.unwrap_or(""), message_width).into_iter().enumerate() {
                let lead = if n == 0 { "↳ " } else { "  " };
                lines.push((i, Line::styled(format!("{:label_width$}{lead}{chunk}", ""), theme.error())));
            }
        }
        let rows = body.height as usize;
        let focus_end = lines.iter().rposition(|(i, _)| *i == self.focus).map_or(0, |p| p + 1);
        let skip = focus_end.saturating_sub(rows);
        let shown: Vec<Line> = lines.into_iter().skip(skip).take(rows).map(|(_, l)| l).collect();
        frame.render_widget(Paragraph::new(shown), body);

        let focused = &self.fields[self.focus];
        let visible = cursor_line >= skip && cursor_line < skip + rows;
        match &focused.area {
            Some(area) if visible => {
                let top = body.y + (cursor_line - skip) as u16;
                let height = (editor_rows as u16).min(body.bottom().saturating_sub(top));
                let editor = Rect::new(body.x + label_width as u16, top, value_width as u16, height);
                frame.render_widget(area.as_ref(), editor);
            }
            None if visible && !matches!(focused.kind, FieldKind::Choice(_) | FieldKind::YesNo) => {
                let scroll = focused.input.visual_scroll(value_width);
                let x = body.x + label_width as u16 + (focused.input.visual_cursor() - scroll) as u16;
                frame
                    .set_cursor_position((x.min(body.right().saturating_sub(1)), body.y + (cursor_line - skip) as u16));
            }
            _ => {}
        }

        let status_line = if self.confirm_discard {
            Line::styled(
                format!(
                    "Discard your changes? {} discards · any other key keeps editing",
                    super::event::key_name(&self.yes, Action::Yes)
                ),
                theme.error(),
            )
        } else if let Some(e) = &self.general_error {
            Line::styled(format!("✖ {e}"), theme.error())
        } else if let Some(q) = &self.question {
            Line::styled(format!("⚠ {q}"), theme.warning())
        } else if let Some(word) = focused.child_ref_typed() {
            Line::styled(
                format!(
                    "⚠ \"{word}\" looks like a child's reference: keep references out of free text \
                     (the board pack withholds them)"
                ),
                theme.warning(),
            )
        } else if self.fresh
            && !focused.raw().is_empty()
            && !matches!(focused.kind, FieldKind::Choice(_) | FieldKind::YesNo)
        {
            let sep = if focused.hint.is_empty() { "" } else { " · " };
            Line::styled(format!("{}{sep}typing replaces this; ← or → edits it", focused.hint), theme.dim())
        } else {
            Line::styled(focused.hint, theme.dim())
        };
        frame.render_widget(Paragraph::new(status_line).wrap(ratatui::widgets::Wrap { trim: true }), status);
        let groups = self.spec.group_fields(0).is_some();
        let keys: Vec<Span> = self
            .keys
            .iter()
            .filter(|c| c.footer && (c.action != Action::AddGroup || groups))
            .flat_map(|c| {
                // Moving between fields names two keys ("Tab/↓"); the rest their first.
                let shown = if matches!(c.action, Action::NextField | Action::PreviousField) { 2 } else { 1 };
                let keys = c.keys.iter().take(shown).map(|k| k.label()).collect::<Vec<_>>().join("/");
                [Span::styled(keys, theme.key()), Span::raw(format!(" {}  ", c.hint))]
            })
            .collect();
        frame.render_widget(Line::from(keys), keys_area);
    }
}
