//! The register of unregistered placements and their reviews.

use super::record::{Deletable, list, record};
use super::{Store, StoreError, Stored};
use crate::domain::money::Pence;
use crate::domain::policy::Policy;
use crate::domain::unregistered::{Review, Unregistered};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

record!(Unregistered, "unregistered_placements", "unregistered placement", {
    provider_id: "provider_id",
    address: "address",
    child_ref: "child_ref",
    start: "start_date",
    end: "end_date",
    reason: "reason",
    deprivation_of_liberty: "deprivation_of_liberty",
    court: "court",
    order_on: "order_on",
    approved_by: "approved_by",
    approved_on: "approved_on",
    ofsted_notified_on: "ofsted_notified_on",
    applied_on: "applied_on",
    application: "application",
    weekly_cost: "weekly_cost_pence",
}
    fn duplicate_message(&self) -> String {
        format!("{} is already on the register from {}: edit that one", self.child_ref, self.start)
    }

    fn describe(&self) -> String {
        format!("unregistered placement of {} at {}", self.child_ref, crate::domain::excerpt(&self.address, 40))
    }
);

/// One entered by mistake may be deleted (the audit keeps a copy).
impl Deletable for Unregistered {}

record!(Review, "unregistered_reviews", "review of an unregistered placement", {
    unregistered_id: "unregistered_id",
    reviewed_on: "reviewed_on",
    reviewed_by: "reviewed_by",
    note: "note",
}
    fn duplicate_message(&self) -> String {
        format!("a review on {} is already recorded: edit that one", self.reviewed_on)
    }

    fn describe(&self) -> String {
        format!("review on {}", self.reviewed_on)
    }

    /// Held while the child was there.
    fn check_stored(&self, conn: &rusqlite::Connection, _today: NaiveDate) -> Result<(), StoreError> {
        let placed: Stored<Unregistered> = super::record::get(conn, self.unregistered_id)?;
        let p = &placed.value;
        let outside = self.reviewed_on < p.start || p.end.is_some_and(|e| self.reviewed_on > e);
        if outside {
            let until = p.end.map_or_else(|| "now".into(), |e| e.to_string());
            return Err(StoreError::Invalid(vec![crate::domain::Invalid::new(
                "reviewed on",
                format!("is outside the placement ({} to {until})", p.start),
            )]));
        }
        Ok(())
    }
);

impl Deletable for Review {}

/// An unregistered placement on the register, as of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    #[serde(flatten)]
    pub placement: Stored<Unregistered>,
    pub provider: String,
    /// Its reviews held by the day, the latest first.
    pub reviews: Vec<Stored<Review>>,
    pub next_review: Option<NaiveDate>,
    /// The next review's day has passed.
    pub overdue: bool,
}

/// An open one, as the Dashboard and the board pack name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Open {
    pub child_ref: String,
    pub provider: String,
    pub address: String,
    pub start: NaiveDate,
    #[serde(default)]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub approved_by: String,
    pub next_review: Option<NaiveDate>,
    pub overdue: bool,
    pub deprivation_of_liberty: bool,
    pub ofsted_notified_on: Option<NaiveDate>,
    pub applied_on: Option<NaiveDate>,
    pub weekly_cost: Pence,
}

/// Those open on `day`, the longest open first.
pub(super) fn open_on(conn: &Connection, policy: &Policy, day: NaiveDate) -> Result<Vec<Open>, StoreError> {
    Ok(during(conn, policy, day, day)?.into_iter().filter(|u| u.end.is_none_or(|e| e > day)).collect())
}

/// Those open on `day` or ended from `from` to `day`: open first.
pub(super) fn during(
    conn: &Connection,
    policy: &Policy,
    from: NaiveDate,
    day: NaiveDate,
) -> Result<Vec<Open>, StoreError> {
    Ok(lines(conn, policy, day)?
        .into_iter()
        .filter(|l| l.placement.value.is_open(day) || l.placement.value.end.is_some_and(|e| e >= from && e <= day))
        .map(|l| {
            let u = l.placement.value;
            Open {
                child_ref: u.child_ref.to_string(),
                provider: l.provider,
                address: u.address,
                start: u.start,
                end: u.end,
                approved_by: u.approved_by,
                next_review: l.next_review,
                overdue: l.overdue,
                deprivation_of_liberty: u.deprivation_of_liberty,
                ofsted_notified_on: u.ofsted_notified_on,
                applied_on: u.applied_on,
                weekly_cost: u.weekly_cost,
            }
        })
        .collect())
}

/// Every unregistered placement begun by `day`, those open first (the
/// longest open first), then those ended, the latest ended first.
fn lines(conn: &Connection, policy: &Policy, day: NaiveDate) -> Result<Vec<Line>, StoreError> {
    let placements: Vec<Stored<Unregistered>> = list(conn, "WHERE start_date <= ?1 ORDER BY start_date, id", &[&day])?;
    let mut reviews: HashMap<i64, Vec<Stored<Review>>> = HashMap::new();
    for r in list::<Review>(conn, "WHERE reviewed_on <= ?1 ORDER BY reviewed_on DESC, id DESC", &[&day])? {
        reviews.entry(r.value.unregistered_id).or_default().push(r);
    }
    let mut names = conn.prepare_cached("SELECT name FROM providers WHERE id = ?1")?;
    let mut out = Vec::with_capacity(placements.len());
    for p in placements {
        let theirs = reviews.remove(&p.id).unwrap_or_default();
        let held: Vec<Review> = theirs.iter().map(|r| r.value.clone()).collect();
        let next_review = p.value.next_review(&held, policy.unregistered.review_days, day);
        let provider = names.query_row([p.value.provider_id], |r| r.get(0))?;
        out.push(Line {
            overdue: next_review.is_some_and(|n| n < day),
            next_review,
            provider,
            reviews: theirs,
            placement: p,
        });
    }
    out.sort_by_key(|l| (!l.placement.value.is_open(day), l.placement.value.end.map(std::cmp::Reverse)));
    Ok(out)
}

impl Store {
    /// Every unregistered placement begun by `day`, those open first (the
    /// longest open first), then those ended, the latest ended first.
    pub fn unregistered(&self, policy: &Policy, day: NaiveDate) -> Result<Vec<Line>, StoreError> {
        lines(&self.conn, policy, day)
    }
}
