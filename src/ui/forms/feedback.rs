//! A practitioner's rating of a fostering agency for one child's placement.

use super::{Choice, Field, Form, Values, record_form_or_stored};
use crate::domain::feedback::{Feedback, Practitioner, SCALE};
use crate::domain::returns::Quarter;
use crate::store::Stored;
use chrono::NaiveDate;

/// Records feedback on agency `provider_id` for `quarter` (`agency` names it).
pub fn form(
    provider_id: i64,
    quarter: Quarter,
    agency: &str,
    existing: Option<&Stored<Feedback>>,
    today: NaiveDate,
) -> Form {
    let f = existing.map(|s| &s.value);
    let rating = |key, label, value: Option<u8>| {
        Field::count(key, label, value.map(u32::from), u32::from(SCALE.1)).required().hint("1 poor to 5 excellent")
    };
    let fields = vec![
        Field::child_ref("child", "Child", f.map(|f| &f.child_ref)).required(),
        Field::choice(
            "practitioner",
            "Given by",
            Choice::all::<Practitioner>(None),
            f.map_or(Practitioner::SocialWorker, |f| f.practitioner).code(),
        ),
        Field::date("given on", "Given on", Some(f.map_or(today, |f| f.given_on))).required(),
        rating("communication", "Communication", f.map(|f| f.communication)),
        rating("stability", "Stability", f.map(|f| f.stability)),
        rating("meeting needs", "Meeting needs", f.map(|f| f.needs)),
        Field::text("comment", "Comment", f.map_or("", |f| &f.comment), 2000),
    ];
    let build = move |v: &Values| {
        let rating = |key| v.number(key).map(|n| u8::try_from(n).unwrap_or(u8::MAX));
        Ok(Feedback {
            provider_id,
            quarter,
            child_ref: v.child_ref("child")?,
            practitioner: v.code("practitioner").unwrap_or(Practitioner::SocialWorker),
            given_on: v.date("given on")?,
            communication: rating("communication")?,
            stability: rating("stability")?,
            needs: rating("meeting needs")?,
            comment: v.text("comment"),
        })
    };
    let name = agency.to_string();
    let find = move |f: &Feedback, store: &crate::store::Store| {
        let stored = store.feedback_like(f).ok()??;
        Some(form(f.provider_id, f.quarter, &name, Some(&stored), today))
    };
    let mut form = record_form_or_stored(fields, existing, build, find, today);
    let verb = if existing.is_some() { "Edit feedback" } else { "Feedback" };
    form.title = format!("{verb} · {agency} · {}", quarter.months());
    form
}
