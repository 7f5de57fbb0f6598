//! One labelled input of a form: its kind, its own format check, and how it
//! shows.

use crate::domain::check_text;
use crate::domain::code::Code;
use crate::domain::date::{self, Month};
use crate::domain::money::Pence;
use crate::domain::placement::ChildRef;
use crate::domain::setting::Urn;
use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// Text fields this long (notes, reasons, conditions, commentary, findings)
/// are edited in a multi-line area that wraps; shorter ones on one line
/// that scrolls sideways.
pub const LONG_TEXT: usize = 500;

/// One option of a choice field: the stored code and the shown label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

impl Choice {
    pub fn new(code: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice { code: code.into(), label: label.into() }
    }

    /// Every value of a code enum, optionally led by a "none" choice.
    pub fn all<T: Code>(none: Option<&str>) -> Vec<Choice> {
        none.map(|n| Choice::new("", n))
            .into_iter()
            .chain(T::ALL.iter().map(|v| Choice::new(v.code(), v.label())))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text { max: usize },
    Date,
    Month,
    Money,
    Count { max: u32 },
    Urn,
    ChildRef,
    Choice(Vec<Choice>),
    YesNo,
}

/// One labelled input.
#[derive(Debug, Clone)]
pub struct Field {
    /// Matches the `field` of the domain's `Invalid`, so rule failures land here.
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    pub hint: &'static str,
    /// Which repeated group (e.g. the n-th finding) the field belongs to.
    pub group: Option<usize>,
    /// A heading drawn above the field, starting a group.
    pub section: Option<String>,
    pub(super) input: Input,
    /// The multi-line editor of a long text field.
    pub(super) area: Option<Box<TextArea<'static>>>,
    pub(super) choice: usize,
    pub(super) touched: bool,
    pub(super) own_error: Option<String>,
    pub(super) record_error: Option<String>,
}

impl Field {
    fn new(key: &'static str, label: &'static str, kind: FieldKind, value: String) -> Field {
        let long = matches!(kind, FieldKind::Text { max } if max >= LONG_TEXT);
        Field {
            area: long.then(|| Box::new(text_area(&value))),
            key,
            label,
            kind,
            required: false,
            hint: "",
            group: None,
            section: None,
            input: Input::new(value),
            choice: 0,
            touched: false,
            own_error: None,
            record_error: None,
        }
    }

    /// Date keys: `t` today; `+`/`-` a day later or earlier when the field
    /// holds a whole date (`+` from today when it is empty). A `-` typed
    /// inside a date being written stays a `-`. Says whether it acted.
    pub fn date_shortcut(&mut self, key: crossterm::event::KeyCode, today: NaiveDate) -> bool {
        use crossterm::event::KeyCode::Char;
        let text = self.input.value().trim();
        let current = if text.is_empty() { Some(today) } else { date::parse(text).ok() };
        let day = match (key, current) {
            (Char('t'), _) => today,
            (Char('+'), Some(day)) => date::add_days(day, 1),
            (Char('-'), Some(day)) if !text.is_empty() => date::add_days(day, -1),
            _ => return false,
        };
        self.input = Input::new(day.to_string());
        self.touched = true;
        true
    }

    pub fn text(key: &'static str, label: &'static str, value: &str, max: usize) -> Field {
        Field::new(key, label, FieldKind::Text { max }, value.to_string())
    }

    pub fn date(key: &'static str, label: &'static str, value: Option<NaiveDate>) -> Field {
        Field::new(key, label, FieldKind::Date, value.map(date::iso).unwrap_or_default())
            .hint("YYYY-MM-DD or DD/MM/YYYY · t today · + or - a day")
    }

    pub fn month(key: &'static str, label: &'static str, value: Option<Month>) -> Field {
        Field::new(key, label, FieldKind::Month, value.map(|m| m.to_string()).unwrap_or_default())
            .hint("YYYY-MM, e.g. 2026-10")
    }

    pub fn money(key: &'static str, label: &'static str, value: Option<Pence>) -> Field {
        Field::new(key, label, FieldKind::Money, value.map(Pence::plain).unwrap_or_default())
            .hint("pounds, e.g. 4250 or £4,250.50")
    }

    pub fn count(key: &'static str, label: &'static str, value: Option<u32>, max: u32) -> Field {
        Field::new(key, label, FieldKind::Count { max }, value.map(|v| v.to_string()).unwrap_or_default())
    }

    pub fn urn(key: &'static str, label: &'static str, value: Option<&Urn>) -> Field {
        Field::new(key, label, FieldKind::Urn, value.map(ToString::to_string).unwrap_or_default())
            .hint("Ofsted URN: SC and 6 digits, or 7 digits")
    }

    pub fn child_ref(key: &'static str, label: &'static str, value: Option<&ChildRef>) -> Field {
        Field::new(key, label, FieldKind::ChildRef, value.map(ToString::to_string).unwrap_or_default())
            .hint("the anonymised reference, e.g. LAC-0042: never a name")
    }

    /// A choice, starting at the option whose code is `selected`.
    pub fn choice(key: &'static str, label: &'static str, options: Vec<Choice>, selected: &str) -> Field {
        let at = options.iter().position(|c| c.code == selected).unwrap_or(0);
        let mut field = Field::new(key, label, FieldKind::Choice(options), String::new())
            .hint("←/→ or Space to change, or type its first letter");
        field.choice = at;
        field
    }

    pub fn yes_no(key: &'static str, label: &'static str, value: bool) -> Field {
        let mut field = Field::new(key, label, FieldKind::YesNo, String::new()).hint("y or n");
        field.choice = usize::from(!value);
        field
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn hint(mut self, hint: &'static str) -> Field {
        self.hint = hint;
        self
    }

    /// Puts the field in the `n`-th repeated group.
    pub fn in_group(mut self, n: usize) -> Field {
        self.group = Some(n);
        self
    }

    /// Draws `title` above the field.
    pub fn titled(mut self, title: impl Into<String>) -> Field {
        self.section = Some(title.into());
        self
    }

    /// Replaces the text a text field holds.
    pub(super) fn set_text(&mut self, text: &str) {
        match &mut self.area {
            Some(area) => **area = text_area(text),
            None => self.input = Input::new(text.to_string()),
        }
    }

    /// The text as typed, lines joined.
    pub(super) fn typed(&self) -> String {
        match &self.area {
            Some(area) => area.lines().join("\n"),
            None => self.input.value().to_string(),
        }
    }

    pub(super) fn raw(&self) -> String {
        self.typed().trim().to_string()
    }

    /// In a text field, the first word typed that looks like a child's reference.
    pub(super) fn child_ref_typed(&self) -> Option<String> {
        if !matches!(self.kind, FieldKind::Text { .. }) {
            return None;
        }
        let text = self.raw();
        let known = std::collections::HashSet::new();
        crate::domain::placement::child_refs_in(&text, &known).first().map(|r| text[r.clone()].to_string())
    }

    /// Whether it is a long text, edited over several lines.
    pub fn is_long(&self) -> bool {
        self.area.is_some()
    }

    /// Takes a key into the text; whether it changed the text or moved within it.
    pub(super) fn edit(&mut self, key: crossterm::event::KeyEvent) -> bool {
        match &mut self.area {
            Some(area) => {
                let before = area.cursor();
                let changed = area.input(key);
                changed || area.cursor() != before
            }
            None => self.input.handle_event(&crossterm::event::Event::Key(key)).is_some(),
        }
    }

    /// Empties the text, for typing that replaces it.
    pub(super) fn clear(&mut self) {
        self.set_text("");
    }

    /// What the field holds, as text: the input, or the choice's code.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).map(|c| c.code.clone()).unwrap_or_default(),
            FieldKind::YesNo => if self.choice == 0 { "yes" } else { "no" }.to_string(),
            _ => self.raw().to_string(),
        }
    }

    /// The field's own format check, independent of other fields.
    pub(super) fn check(&mut self) {
        let v = self.raw();
        let v = v.as_str();
        self.own_error = if v.is_empty() {
            (self.required && !matches!(self.kind, FieldKind::Choice(_) | FieldKind::YesNo))
                .then(|| "required".to_string())
        } else {
            match &self.kind {
                FieldKind::Text { max } => check_text(self.key, v, false, *max).map(|i| i.message),
                FieldKind::Date => date::parse(v).err(),
                FieldKind::Month => Month::parse(v).err(),
                FieldKind::Money => Pence::parse(v).err(),
                FieldKind::Count { max } => match v.parse::<u32>() {
                    Ok(n) if n <= *max => None,
                    Ok(_) => Some(format!("at most {max}")),
                    Err(_) => Some("a whole number, e.g. 4".into()),
                },
                FieldKind::Urn => Urn::parse(v).err(),
                FieldKind::ChildRef => ChildRef::parse(v).err(),
                FieldKind::Choice(_) | FieldKind::YesNo => None,
            }
        };
    }

    /// The message beside the field, if any.
    pub fn error(&self) -> Option<&str> {
        self.own_error.as_deref().or(self.record_error.as_deref())
    }

    pub(super) fn cycle(&mut self, forward: bool) {
        let n = match &self.kind {
            FieldKind::Choice(options) => options.len(),
            FieldKind::YesNo => 2,
            _ => return,
        };
        if n > 0 {
            self.choice = if forward { (self.choice + 1) % n } else { (self.choice + n - 1) % n };
        }
    }

    /// Jumps to the next option whose label starts with `c`.
    pub(super) fn jump(&mut self, c: char) {
        if let FieldKind::Choice(options) = &self.kind {
            let n = options.len();
            let starts = |i: usize| options[i].label.chars().next().is_some_and(|f| f.eq_ignore_ascii_case(&c));
            if let Some(i) = (1..=n).map(|k| (self.choice + k) % n).find(|&i| starts(i)) {
                self.choice = i;
            }
        } else if let FieldKind::YesNo = self.kind {
            match c.to_ascii_lowercase() {
                'y' => self.choice = 0,
                'n' => self.choice = 1,
                _ => {}
            }
        }
    }

    pub(super) fn shown_value(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => {
                format!("‹ {} ›", options.get(self.choice).map(|c| c.label.as_str()).unwrap_or("(no options)"))
            }
            FieldKind::YesNo => format!("‹ {} ›", if self.choice == 0 { "yes" } else { "no" }),
            _ => self.typed(),
        }
    }
}

/// A multi-line editor holding `text`, wrapping at words, the cursor at its end.
fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(String::from).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(Style::default());
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

/// Splits `text` into lines of at most `width` characters at spaces.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode::Char;

    #[test]
    fn date_keys_set_today_and_step_whole_dates_but_not_dates_being_typed() {
        let today = date::parse("2026-11-24").unwrap();
        let mut field = Field::date("on", "On", None);
        assert!(field.date_shortcut(Char('+'), today), "+ on an empty field starts from today");
        assert_eq!(field.value(), "2026-11-25");
        assert!(field.date_shortcut(Char('-'), today));
        assert!(field.date_shortcut(Char('-'), today));
        assert_eq!(field.value(), "2026-11-23");
        assert!(field.date_shortcut(Char('t'), today));
        assert_eq!(field.value(), "2026-11-24");
        field.input = Input::new("2026".into());
        assert!(!field.date_shortcut(Char('-'), today), "a dash inside a date being typed is typed");
        assert!(!field.date_shortcut(Char('2'), today));
        let mut empty = Field::date("on", "On", None);
        assert!(!empty.date_shortcut(Char('-'), today), "nothing to step back from");
        assert_eq!(empty.value(), "");
    }
}
