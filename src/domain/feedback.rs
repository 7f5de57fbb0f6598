//! Practitioner feedback (framework 003): each quarter, social workers and
//! Independent Reviewing Officers rate the main fostering agencies, one
//! rating per child placed there, on communication, stability and meeting
//! the child's needs (1 to 5), with a comment.

use super::code::code_enum;
use super::placement::ChildRef;
use super::returns::Quarter;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

code_enum!(
    pub enum Practitioner {
        SocialWorker => ("social_worker", "Social worker"),
        Iro => ("iro", "Independent Reviewing Officer"),
    }
);

/// The lowest and highest rating.
pub const SCALE: (u8, u8) = (1, 5);

/// One practitioner's rating of an agency for one child's placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feedback {
    pub provider_id: i64,
    pub quarter: Quarter,
    /// The child's anonymised reference, never a name.
    pub child_ref: ChildRef,
    pub practitioner: Practitioner,
    pub given_on: NaiveDate,
    pub communication: u8,
    pub stability: u8,
    pub needs: u8,
    pub comment: String,
}

impl Feedback {
    /// The three ratings' mean.
    pub fn overall(&self) -> f64 {
        f64::from(self.communication + self.stability + self.needs) / 3.0
    }

    /// The three ratings, named.
    pub fn ratings(&self) -> [(&'static str, u8); 3] {
        [("communication", self.communication), ("stability", self.stability), ("meeting needs", self.needs)]
    }
}

impl Validate for Feedback {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = check_text("comment", &self.comment, false, 2000).into_iter().collect();
        for (field, rating) in self.ratings() {
            if !(SCALE.0..=SCALE.1).contains(&rating) {
                out.push(Invalid::new(field, format!("{rating} is not a rating: {} to {}", SCALE.0, SCALE.1)));
            }
        }
        if self.quarter.first_day() > today {
            out.push(Invalid::new("quarter", format!("{} has not begun (today is {today})", self.quarter.months())));
        }
        if self.given_on > today {
            out.push(Invalid::new("given on", format!("is after today ({today})")));
        } else if self.given_on < self.quarter.first_day() {
            out.push(Invalid::new("given on", format!("is before the quarter began ({})", self.quarter.first_day())));
        }
        out
    }
}

/// An agency's feedback for a quarter, averaged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub provider_id: i64,
    pub quarter: Quarter,
    pub ratings: usize,
    pub communication: f64,
    pub stability: f64,
    pub needs: f64,
}

impl Summary {
    /// The three averages' mean.
    pub fn overall(&self) -> f64 {
        (self.communication + self.stability + self.needs) / 3.0
    }
}

/// The feedback grouped by agency and quarter, each rating averaged.
pub fn summarise<'a>(feedback: impl IntoIterator<Item = &'a Feedback>) -> Vec<Summary> {
    let mut groups: BTreeMap<(i64, Quarter), Vec<&Feedback>> = BTreeMap::new();
    for f in feedback {
        groups.entry((f.provider_id, f.quarter)).or_default().push(f);
    }
    groups
        .into_iter()
        .map(|((provider_id, quarter), items)| {
            let mean = |rating: fn(&Feedback) -> u8| {
                items.iter().map(|f| f64::from(rating(f))).sum::<f64>() / items.len() as f64
            };
            Summary {
                provider_id,
                quarter,
                ratings: items.len(),
                communication: mean(|f| f.communication),
                stability: mean(|f| f.stability),
                needs: mean(|f| f.needs),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn rating(provider_id: i64, quarter: &str, (c, s, n): (u8, u8, u8)) -> Feedback {
        Feedback {
            provider_id,
            quarter: Quarter::parse(quarter).unwrap(),
            child_ref: ChildRef::parse("LAC-0042").unwrap(),
            practitioner: Practitioner::SocialWorker,
            given_on: day("2026-10-05"),
            communication: c,
            stability: s,
            needs: n,
            comment: String::new(),
        }
    }

    #[test]
    fn ratings_out_of_range_and_quarters_not_begun_are_refused_by_field() {
        let today = day("2026-12-01");
        let fields = |f: &Feedback| f.problems(today).into_iter().map(|p| p.field).collect::<Vec<_>>();
        assert!(fields(&rating(1, "2026-Q4", (4, 5, 3))).is_empty());
        assert_eq!(fields(&rating(1, "2026-Q4", (0, 6, 3))), ["communication", "stability"]);
        let ahead = rating(1, "2027-Q1", (3, 3, 3));
        assert_eq!(fields(&ahead), ["quarter", "given on"], "not begun, and given before it began");
        let future = Feedback { given_on: day("2026-12-02"), ..rating(1, "2026-Q4", (3, 3, 3)) };
        assert_eq!(fields(&future), ["given on"]);
        assert!(ChildRef::parse("Jamie Smith").is_err(), "a child is never named");
    }

    #[test]
    fn feedback_is_averaged_per_agency_and_quarter() {
        let items = [
            rating(1, "2026-Q3", (4, 5, 3)),
            rating(1, "2026-Q3", (2, 3, 3)),
            rating(1, "2026-Q4", (5, 5, 5)),
            rating(2, "2026-Q3", (1, 2, 3)),
        ];
        let got = summarise(&items);
        // By hand: agency 1 in Q3 has (4+2)/2 = 3, (5+3)/2 = 4, (3+3)/2 = 3, overall 10/3.
        assert_eq!(got.len(), 3);
        assert_eq!((got[0].provider_id, got[0].quarter.to_string(), got[0].ratings), (1, "2026-Q3".into(), 2));
        assert_eq!((got[0].communication, got[0].stability, got[0].needs), (3.0, 4.0, 3.0));
        assert!((got[0].overall() - 10.0 / 3.0).abs() < 1e-9);
        assert_eq!((got[1].quarter.to_string(), got[1].overall()), ("2026-Q4".into(), 5.0));
        assert_eq!((got[2].provider_id, got[2].overall()), (2, 2.0));
    }
}
