//! A decommissioning review's steps: each one's owner, due day and the day
//! it was done, then the decision.

use super::record::record_form_saved_by;
use super::{Choice, Field, Form, Values};
use crate::domain::Invalid;
use crate::domain::decommission::{Decision, Review, Task};
use crate::store::{Store, Stored};
use chrono::NaiveDate;

/// Each step's keys (as the review's rules name them) and labels.
const STEPS: [(&str, &str, &str, &str, &str, &str); 4] = [
    ("notify owner", "notify due", "notify done", "DCS notified by", "  due", "  done on"),
    ("visit owner", "visit due", "visit done", "Visit made by", "  due", "  done on"),
    ("review owner", "review due", "review done", "Reviews by", "  due", "  done on"),
    ("decide owner", "decide due", "decide done", "Decided by", "  due", "  decided on"),
];

/// Works `existing` through its steps to a decision.
pub fn form(existing: &Stored<Review>, setting: &str, today: NaiveDate) -> Form {
    let r = &existing.value;
    let tasks = [&r.notify, &r.visit, &r.review, &r.decide];
    let mut fields = Vec::new();
    for ((owner, due, done, who, due_label, done_label), t) in STEPS.into_iter().zip(tasks) {
        fields.push(Field::text(owner, who, &t.owner, 60).required());
        fields.push(Field::date(due, due_label, Some(t.due)).required());
        fields.push(Field::date(done, done_label, t.done_on).hint("the day this step was done · t today"));
    }
    fields.push(
        Field::choice(
            "decision",
            "Decision",
            Choice::all::<Decision>(Some("– not yet decided")),
            r.decision.map_or("", |d| d.code()),
        )
        .hint("once the other steps are done: then raise the plan or stop, or give the contract notice"),
    );
    fields.push(Field::text("note", "Note", &r.note, 2000).hint("what was found and why this decision"));
    let kept = r.clone();
    let build = move |v: &Values| -> Result<Review, Invalid> {
        let task = |(owner, due, done, ..): (&'static str, &'static str, &'static str, &str, &str, &str)| {
            Ok::<Task, Invalid>(Task { owner: v.text(owner), due: v.date(due)?, done_on: v.opt_date(done)? })
        };
        Ok(Review {
            notify: task(STEPS[0])?,
            visit: task(STEPS[1])?,
            review: task(STEPS[2])?,
            decide: task(STEPS[3])?,
            decision: v.code("decision"),
            note: v.text("note"),
            ..kept.clone()
        })
    };
    let saves = Box::new(|store: &mut Store, at: Option<(i64, i64)>, r: &Review| {
        let (id, version) = at.unwrap_or_default();
        let stored = store.update(id, version, r)?;
        let next = match r.decision {
            Some(Decision::ContinueWithPlan) => ": now request the improvement plan from the setting's screen",
            Some(Decision::PlacementStop) => ": now issue the placement stop from the setting's screen",
            Some(Decision::EndContract) => ": now give notice on the contract (the provider's Contracts pane)",
            None => "",
        };
        Ok((stored, next.to_string()))
    });
    record_form_saved_by(fields, Some(existing), build, saves, today).about(setting)
}
