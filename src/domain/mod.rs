//! Pure rules and types: no I/O, no database, no terminal.

pub mod alert;
pub mod board;
pub mod code;
pub mod concern;
pub mod contract;
pub mod date;
pub mod decommission;
pub mod facts;
pub mod feedback;
pub mod group;
pub mod inspection;
pub mod market;
pub mod money;
pub mod needs;
pub mod notification;
pub mod officer;
pub mod outcome;
pub mod panel;
pub mod placement;
pub mod plan;
pub mod policy;
pub mod provider;
pub mod rating;
pub mod reg44;
pub mod returns;
pub mod schedule;
pub mod score;
pub mod setting;
pub mod shortlist;
pub mod stop;
pub mod tier;
pub mod unregistered;
pub mod visit;

use chrono::NaiveDate;

/// For a newtype over `String` with a `parse` that validates: `as_str`,
/// `Display`, and serde through `TryFrom<String>`/`Into<String>`.
macro_rules! validated_text {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<$name, String> {
                $name::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }
    };
}
pub(crate) use validated_text;

/// One thing wrong with a record, named by the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &'static str, message: impl Into<String>) -> Invalid {
        Invalid { field, message: message.into() }
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Rules a record must satisfy before it is stored, whoever stores it.
pub trait Validate {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid>;
}

/// "1 child", "3 children".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `part` of `whole` as a whole percentage, rounded (2 of 3 is 67%, 56 of
/// 148 is 38%); `None` of nothing.
pub fn percent(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| ((u64::from(part) * 100 + u64::from(whole) / 2) / u64::from(whole)) as u32)
}

/// The first `max` characters of `text`, with "…" when there was more.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() { format!("{}…", head.trim_end()) } else { head }
}

/// Checks free text: required or not, a length limit, and no control
/// characters (which break terminals and exported files).
pub fn check_text(field: &'static str, value: &str, required: bool, max: usize) -> Option<Invalid> {
    if required && value.trim().is_empty() {
        Some(Invalid::new(field, "required"))
    } else if value.chars().count() > max {
        Some(Invalid::new(field, format!("too long (at most {max} characters)")))
    } else if value.chars().any(|c| c.is_control() && c != '\n') {
        Some(Invalid::new(field, "contains control characters"))
    } else {
        None
    }
}

/// Catches a number typed with a slip: more than `max` `unit`.
pub fn check_max(field: &'static str, value: Option<u32>, max: u32, unit: &str) -> Option<Invalid> {
    value.filter(|v| *v > max).map(|_| Invalid::new(field, format!("more than {max} {unit}: check the number")))
}

/// The rule that an end date, when given, is not before the start.
pub fn check_order(field: &'static str, start: NaiveDate, end: Option<NaiveDate>) -> Option<Invalid> {
    match end {
        Some(end) if end < start => Some(Invalid::new(field, format!("is before the start date {start}"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules() {
        assert_eq!(check_text("name", " ", true, 10).unwrap().message, "required");
        assert!(check_text("name", "", false, 10).is_none());
        assert!(check_text("name", "abcdefghijk", true, 10).unwrap().message.contains("too long"));
        assert!(check_text("name", "a\u{1b}[2J", true, 10).unwrap().message.contains("control"));
        assert!(check_text("notes", "line\nline", true, 20).is_none());
    }

    #[test]
    fn excerpts_mark_what_they_cut() {
        assert_eq!(excerpt("Audit every file", 40), "Audit every file");
        assert_eq!(excerpt("Audit every file", 6), "Audit…");
        assert_eq!(excerpt("Café", 4), "Café");
    }

    #[test]
    fn order_rule() {
        let d = |s| date::parse(s).unwrap();
        assert!(check_order("end", d("2024-01-02"), Some(d("2024-01-01"))).is_some());
        assert!(check_order("end", d("2024-01-02"), Some(d("2024-01-02"))).is_none());
        assert!(check_order("end", d("2024-01-02"), None).is_none());
    }
}
