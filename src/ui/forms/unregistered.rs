//! An unregistered placement on the register, and each of its reviews.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::unregistered::{Review, Unregistered};
use crate::store::Stored;
use chrono::NaiveDate;

/// Records a child placed where no registration covers them with one of
/// `providers` (id and name), or edits `existing`.
pub fn form(providers: Vec<Choice>, existing: Option<&Stored<Unregistered>>, today: NaiveDate) -> Form {
    let u = existing.map(|s| &s.value);
    let first = providers.first().map(|c| c.code.clone()).unwrap_or_default();
    let provider = u.map_or(first, |u| u.provider_id.to_string());
    let fields = vec![
        Field::choice("provider", "Provider", providers, &provider),
        Field::text("address", "Address", u.map_or("", |u| &u.address), 300)
            .required()
            .hint("where the child lives: there is no URN"),
        Field::child_ref("child", "Child", u.map(|u| &u.child_ref)).required(),
        Field::date("start", "First night", Some(u.map_or(today, |u| u.start))).required(),
        Field::date("end", "Ended on", u.and_then(|u| u.end)).hint("blank while the child is there"),
        // Not marked required: the record's own message says what is missing.
        Field::text("reason", "Why (no registered place)", u.map_or("", |u| &u.reason), 2000)
            .hint("required: what was searched for, and why nothing registered could be found"),
        Field::yes_no(
            "deprivation of liberty",
            "Deprivation of liberty order",
            u.is_some_and(|u| u.deprivation_of_liberty),
        ),
        Field::text("court", "Court", u.map_or("", |u| &u.court), 200),
        Field::date("order on", "Order made on", u.and_then(|u| u.order_on)),
        Field::text("approved by", "Approved by", u.map_or("", |u| &u.approved_by), 120)
            .hint("the director's sign-off (required)"),
        Field::date("approved on", "Approved on", Some(u.map_or(today, |u| u.approved_on))).required(),
        Field::date("Ofsted notified", "Ofsted notified on", u.and_then(|u| u.ofsted_notified_on)),
        Field::date("applied on", "Provider applied to register on", u.and_then(|u| u.applied_on)),
        Field::text("application", "Application progress", u.map_or("", |u| &u.application), 500),
        Field::money("weekly cost", "Weekly cost (£)", u.map(|u| u.weekly_cost)).required(),
    ];
    let build = |v: &Values| {
        Ok(Unregistered {
            provider_id: v.id("provider").unwrap_or(0),
            address: v.text("address"),
            child_ref: v.child_ref("child")?,
            start: v.date("start")?,
            end: v.opt_date("end")?,
            reason: v.text("reason"),
            deprivation_of_liberty: v.yes("deprivation of liberty"),
            court: v.text("court"),
            order_on: v.opt_date("order on")?,
            approved_by: v.text("approved by"),
            approved_on: v.date("approved on")?,
            ofsted_notified_on: v.opt_date("Ofsted notified")?,
            applied_on: v.opt_date("applied on")?,
            application: v.text("application"),
            weekly_cost: v.money("weekly cost")?,
        })
    };
    let mut form = record_form(fields, existing, build, today);
    form.title = match u {
        Some(u) => format!("Edit unregistered placement · {}", u.child_ref),
        None => "Unregistered placement: a child placed where no registration covers them".into(),
    };
    form
}

/// Records a review of unregistered placement `id` (`child` names it) by
/// `user` unless changed, or edits `existing`.
pub fn review_form(id: i64, child: &str, existing: Option<&Stored<Review>>, user: &str, today: NaiveDate) -> Form {
    let r = existing.map(|s| &s.value);
    let fields = vec![
        Field::date("reviewed on", "Reviewed on", Some(r.map_or(today, |r| r.reviewed_on))).required(),
        Field::text("by", "Reviewed by", r.map_or(user, |r| &r.reviewed_by), 120).required(),
        Field::text("note", "What it found, what happens next", r.map_or("", |r| &r.note), 2000).required(),
    ];
    let build = move |v: &Values| {
        Ok(Review {
            unregistered_id: id,
            reviewed_on: v.date("reviewed on")?,
            reviewed_by: v.text("by"),
            note: v.text("note"),
        })
    };
    let mut form = record_form(fields, existing, build, today);
    form.title = format!("Review of the unregistered placement of {child}");
    form
}
