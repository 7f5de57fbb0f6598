//! A Regulation 40 notification a home sent: when, about whom, what
//! happened, what the council did, and when it was closed.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::notification::{Category, Notification};
use crate::domain::placement::ChildRef;
use crate::store::Stored;
use chrono::NaiveDate;

/// Logs a notification from setting `setting_id` (`setting` names it), or
/// edits `existing`.
pub fn form(setting_id: i64, setting: &str, existing: Option<&Stored<Notification>>, today: NaiveDate) -> Form {
    let n = existing.map(|s| &s.value);
    let fields = vec![
        Field::date("notified", "Notified on", Some(n.map_or(today, |n| n.notified_on)))
            .required()
            .hint("the day the setting told us"),
        Field::choice(
            "category",
            "Category",
            Choice::all::<Category>(None),
            n.map_or(Category::Police, |n| n.category).code(),
        ),
        Field::child_ref("child", "Child", n.and_then(|n| n.child_ref.as_ref()))
            .hint("the anonymised reference (e.g. LAC-0042); blank where it concerns no one child"),
        Field::text("summary", "What happened", n.map_or("", |n| &n.summary), 2000).required(),
        Field::text("response", "Our response", n.map_or("", |n| &n.response), 2000),
        Field::date("closed", "Closed on", n.and_then(|n| n.closed_on)).hint("blank while still open"),
    ];
    let build = move |v: &Values| {
        Ok(Notification {
            setting_id,
            notified_on: v.date("notified")?,
            child_ref: v.optional("child", ChildRef::parse)?,
            category: v.code("category").unwrap_or(Category::Other),
            summary: v.text("summary"),
            response: v.text("response"),
            closed_on: v.opt_date("closed")?,
        })
    };
    let mut form = record_form(fields, existing, build, today);
    let verb = if existing.is_some() { "Edit notification" } else { "Regulation 40 notification" };
    form.title = format!("{verb} · {setting}");
    form
}
