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
            Err("use the anonymised reference (e.g. LAC-0042: letters, digits, hyphens), never a name".into())
        }
    }
}

super::validated_text!(ChildRef);

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
}
