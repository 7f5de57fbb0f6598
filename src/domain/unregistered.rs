//! Unregistered placements: a child placed where no Ofsted registration
//! covers them (placing a child under 16 in an unregistered children's home,
//! or a 16–17 year old in unregistered supported accommodation, is
//! unlawful, yet happens when nothing else is found, often under a
//! deprivation of liberty order). The council keeps a register of each:
//! where, why, since when, who approved it, whether Ofsted was told,
//! whether the provider has applied to register, the cost, and reviews on a
//! short cycle (`[unregistered] review_days`, 7).

use super::date::add_days;
use super::money::Pence;
use super::placement::ChildRef;
use super::{Invalid, Validate, check_order, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One child placed where no registration covers them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unregistered {
    pub provider_id: i64,
    /// Where: an address, there being no URN.
    pub address: String,
    pub child_ref: ChildRef,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// Why: what was searched for and not found.
    pub reason: String,
    /// A deprivation of liberty order: the court and the day it was made.
    pub deprivation_of_liberty: bool,
    pub court: String,
    pub order_on: Option<NaiveDate>,
    /// The director's sign-off.
    pub approved_by: String,
    pub approved_on: NaiveDate,
    pub ofsted_notified_on: Option<NaiveDate>,
    /// The provider's application to register: when made, how it stands.
    pub applied_on: Option<NaiveDate>,
    pub application: String,
    pub weekly_cost: Pence,
}

impl Unregistered {
    pub fn is_open(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|e| e > day)
    }

    /// The next review: `review_days` after the latest review (or the first
    /// night); none once ended.
    pub fn next_review(&self, reviews: &[Review], review_days: u32, day: NaiveDate) -> Option<NaiveDate> {
        if !self.is_open(day) {
            return None;
        }
        let last = reviews.iter().map(|r| r.reviewed_on).filter(|d| *d <= day).max().unwrap_or(self.start);
        Some(add_days(last.max(self.start), i64::from(review_days)))
    }
}

impl Validate for Unregistered {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = [
            check_text("address", &self.address, true, 300),
            check_text("reason", &self.reason, true, 2000)
                .map(|i| Invalid::new(i.field, format!("{}: say why no registered place could be found", i.message))),
            check_text("approved by", &self.approved_by, true, 120)
                .map(|i| Invalid::new(i.field, format!("{}: the director's sign-off is needed", i.message))),
            check_text("court", &self.court, self.deprivation_of_liberty, 200),
            check_text("application", &self.application, false, 500),
            check_order("end", self.start, self.end),
        ]
        .into_iter()
        .flatten()
        .collect();
        if self.start > today {
            out.push(Invalid::new("start", format!("is after today ({today}): record the placement once made")));
        }
        if self.deprivation_of_liberty && self.order_on.is_none() {
            out.push(Invalid::new("order on", "required: the day the court made the order"));
        }
        if !self.deprivation_of_liberty && (self.order_on.is_some() || !self.court.trim().is_empty()) {
            out.push(Invalid::new("deprivation of liberty", "say yes to record the court and its order"));
        }
        for (field, day) in [("approved on", Some(self.approved_on)), ("Ofsted notified", self.ofsted_notified_on)] {
            match day {
                Some(d) if d > today => out.push(Invalid::new(field, format!("is after today ({today})"))),
                _ => {}
            }
        }
        if let Some(d) = self.applied_on.filter(|d| *d > today) {
            out.push(Invalid::new("applied on", format!("{d} is after today ({today})")));
        }
        if self.weekly_cost.0 <= 0 {
            out.push(Invalid::new("weekly cost", "required: what a week costs"));
        }
        out
    }
}

/// One review of an unregistered placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub unregistered_id: i64,
    pub reviewed_on: NaiveDate,
    pub reviewed_by: String,
    /// What it found and what happens next.
    pub note: String,
}

impl Validate for Review {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> =
            [check_text("by", &self.reviewed_by, true, 120), check_text("note", &self.note, true, 2000)]
                .into_iter()
                .flatten()
                .collect();
        if self.reviewed_on > today {
            out.push(Invalid::new("reviewed on", format!("is after today ({today}): record a review once held")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    fn placed() -> Unregistered {
        Unregistered {
            provider_id: 1,
            address: "14 Mill Lane, Walsall".into(),
            child_ref: ChildRef::parse("LAC-0042").unwrap(),
            start: d("2026-11-02"),
            end: None,
            reason: "No registered children's home within 100 miles could meet her needs".into(),
            deprivation_of_liberty: true,
            court: "High Court, Family Division".into(),
            order_on: Some(d("2026-11-02")),
            approved_by: "Director of Children's Services".into(),
            approved_on: d("2026-11-02"),
            ofsted_notified_on: Some(d("2026-11-03")),
            applied_on: None,
            application: String::new(),
            weekly_cost: Pence::from_pounds(9_800),
        }
    }

    fn review(on: &str) -> Review {
        Review { unregistered_id: 1, reviewed_on: d(on), reviewed_by: "Head of Service".into(), note: "x".into() }
    }

    #[test]
    fn reviews_fall_due_every_seven_days_from_the_first_night_then_the_latest() {
        let p = placed();
        // None yet: 2026-11-02 + 7.
        assert_eq!(p.next_review(&[], 7, d("2026-11-05")), Some(d("2026-11-09")));
        let reviews = [review("2026-11-09"), review("2026-11-17")];
        assert_eq!(p.next_review(&reviews, 7, d("2026-11-20")), Some(d("2026-11-24")));
        // A review recorded later than the day asked about does not count yet.
        assert_eq!(p.next_review(&reviews, 7, d("2026-11-10")), Some(d("2026-11-16")));
        let ended = Unregistered { end: Some(d("2026-11-30")), ..p };
        assert_eq!(ended.next_review(&reviews, 7, d("2026-11-30")), None, "ended: nothing due");
        assert!(ended.is_open(d("2026-11-29")) && !ended.is_open(d("2026-11-30")));
    }

    #[test]
    fn a_placement_without_a_reason_or_approval_is_refused() {
        let today = d("2026-12-01");
        assert!(placed().problems(today).is_empty());
        let bare = Unregistered { reason: String::new(), approved_by: " ".into(), ..placed() };
        let said = bare.problems(today);
        let fields: Vec<&str> = said.iter().map(|i| i.field).collect();
        assert_eq!(fields, ["reason", "approved by"]);
        assert_eq!(said[0].message, "required: say why no registered place could be found");
        assert_eq!(said[1].message, "required: the director's sign-off is needed");
        let order = Unregistered { order_on: None, ..placed() };
        assert_eq!(order.problems(today)[0].field, "order on");
        let no_order = Unregistered { deprivation_of_liberty: false, ..placed() };
        assert_eq!(no_order.problems(today)[0].field, "deprivation of liberty");
        let ahead = Unregistered { start: d("2026-12-02"), approved_on: d("2026-12-02"), ..placed() };
        assert_eq!(ahead.problems(today).iter().map(|i| i.field).collect::<Vec<_>>(), ["start", "approved on"]);
    }
}
