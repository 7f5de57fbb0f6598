//! A placement: one child living in one setting for a time, at a weekly cost.
//! Children appear only by an anonymised reference, never by name.

use super::money::Pence;
use super::{Invalid, Validate, check_max, check_order};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An anonymised child reference such as `LAC-0042`: capital letters, digits
/// and hyphens, with at least one digit so that a name cannot pass for one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ChildRef(String);

impl ChildRef {
    pub fn parse(text: &str) -> Result<ChildRef, String> {
        let t = text.trim().to_ascii_uppercase();
        let shape_ok = (3..=16).contains(&t.len())
            && t.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
            && t.bytes().any(|b| b.is_ascii_digit());
        if shape_ok {
            Ok(ChildRef(t))
        } else {
            Err("use the anonymised reference (e.g. LAC-0042: letters, digits and hyphens, with at least one digit), never a name".into())
        }
    }
}

super::validated_text!(ChildRef);

/// What a child's reference is replaced by where it is withheld.
pub const WITHHELD: &str = "[child reference withheld]";

/// Whether a word has the usual shape of a child's reference: two to six
/// letters, a hyphen and at least three digits (LAC-0042). Dates, URNs,
/// "Reg 44" and "COVID-19" do not.
pub fn looks_like_child_ref(word: &str) -> bool {
    let Some((letters, digits)) = word.split_once('-') else { return false };
    (2..=6).contains(&letters.len())
        && letters.bytes().all(|b| b.is_ascii_alphabetic())
        && digits.len() >= 3
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The words of `text` that are child references: one of `known` (any case,
/// and not digits alone) or of the usual shape. Byte ranges, in order.
pub fn child_refs_in(text: &str, known: &std::collections::HashSet<String>) -> Vec<std::ops::Range<usize>> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = text[s..i].trim_matches('-');
                let from = s + text[s..i].find(word).unwrap_or(0);
                // A reference of digits alone cannot be told from a count, a cost or a URN.
                let known_ref =
                    word.bytes().any(|b| b.is_ascii_alphabetic()) && known.contains(&word.to_ascii_uppercase());
                if !word.is_empty() && (looks_like_child_ref(word) || known_ref) {
                    out.push(from..from + word.len());
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// `text` with every child reference in it replaced by [`WITHHELD`].
pub fn withhold_child_refs(text: &str, known: &std::collections::HashSet<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in child_refs_in(text, known) {
        out.push_str(&text[at..range.start]);
        out.push_str(WITHHELD);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The most a placement may cost a week before we suspect a typing slip.
pub const MAX_WEEKLY_COST: Pence = Pence(5_000_000);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub child_ref: ChildRef,
    pub setting_id: i64,
    pub contract_id: Option<i64>,
    pub start: NaiveDate,
    /// The day the child left; `None` while the placement continues.
    pub end: Option<NaiveDate>,
    pub weekly_cost: Pence,
    /// Miles from the child's home.
    pub distance_miles: Option<u32>,
}

impl Placement {
    /// A child is placed from the start date until (not including) the end date.
    pub fn is_active(&self, today: NaiveDate) -> bool {
        self.start <= today && self.end.is_none_or(|end| end > today)
    }
}

impl Validate for Placement {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = check_order("end", self.start, self.end).into_iter().collect();
        if self.weekly_cost > MAX_WEEKLY_COST {
            out.push(Invalid::new("weekly cost", format!("over {} a week: check the amount", MAX_WEEKLY_COST)));
        }
        if self.end.is_some_and(|end| end > today) {
            out.push(Invalid::new("end", format!("is after today ({today}): record an end once the child has left")));
        }
        out.extend(check_max("distance", self.distance_miles, 1000, "miles"));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    #[test]
    fn child_refs_are_anonymised_references() {
        assert_eq!(ChildRef::parse(" lac-0042 ").unwrap().as_str(), "LAC-0042");
        assert!(ChildRef::parse("C123").is_ok());
        for bad in ["John Smith", "JOHNSMITH", "LAC 0042", "L1", "LAC-0042-ABCDEFGHIJ", "=1+1", ""] {
            assert!(ChildRef::parse(bad).is_err(), "{bad}");
        }
    }

    fn placement(start: &str, end: Option<&str>) -> Placement {
        Placement {
            child_ref: ChildRef::parse("LAC-0001").unwrap(),
            setting_id: 1,
            contract_id: None,
            start: parse(start).unwrap(),
            end: end.map(|e| parse(e).unwrap()),
            weekly_cost: Pence::from_pounds(4_200),
            distance_miles: Some(12),
        }
    }

    #[test]
    fn active_window_runs_from_start_to_before_end() {
        let p = placement("2025-01-01", Some("2025-06-01"));
        assert!(!p.is_active(parse("2024-12-31").unwrap()));
        assert!(p.is_active(parse("2025-01-01").unwrap()));
        assert!(p.is_active(parse("2025-05-31").unwrap()));
        assert!(!p.is_active(parse("2025-06-01").unwrap()));
        assert!(placement("2025-01-01", None).is_active(parse("2030-01-01").unwrap()));
    }

    #[test]
    fn validation() {
        let today = parse("2025-07-01").unwrap();
        assert!(placement("2025-01-01", Some("2025-06-01")).problems(today).is_empty());
        let fields = |p: Placement| p.problems(today).into_iter().map(|i| i.field).collect::<Vec<_>>();
        assert_eq!(fields(placement("2025-01-01", Some("2024-06-01"))), vec!["end"]);
        assert_eq!(fields(placement("2025-01-01", Some("2025-08-01"))), vec!["end"]);
        let mut dear = placement("2025-01-01", None);
        dear.weekly_cost = Pence::from_pounds(60_000);
        assert_eq!(fields(dear), vec!["weekly cost"]);
    }

    #[test]
    fn child_references_in_free_text_are_found_by_shape_or_by_name() {
        let known: std::collections::HashSet<String> = ["KX7".to_string(), "149".to_string()].into();
        let text =
            "LAC-0042 went missing twice; kx7 is settled. Reg 44 on 2026-10-01, URN SC310117, COVID-19, (CIC-123).";
        let found: Vec<&str> = child_refs_in(text, &known).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["LAC-0042", "kx7", "CIC-123"]);
        assert_eq!(
            withhold_child_refs(text, &known),
            "[child reference withheld] went missing twice; [child reference withheld] is settled. \
             Reg 44 on 2026-10-01, URN SC310117, COVID-19, ([child reference withheld])."
        );
        assert_eq!(withhold_child_refs("nothing here", &known), "nothing here");
        assert_eq!(withhold_child_refs("149 children placed", &known), "149 children placed", "digits alone stay");
        assert!(!looks_like_child_ref("AB-12") && !looks_like_child_ref("A1-123") && looks_like_child_ref("lac-0001"));
    }
}
