//! The visit form: log a visit made, or plan one.

use super::{Choice, Field, Form, record_form};
use crate::domain::visit::{Visit, VisitKind, VisitOutcome};
use crate::store::Stored;
use chrono::NaiveDate;

/// Log (`done`) or plan a visit to `setting_id`; `officer` pre-fills the
/// officer, e.g. the one who visited last.
pub fn form(setting_id: i64, existing: Option<&Stored<Visit>>, done: bool, officer: &str, today: NaiveDate) -> Form {
    let v = existing.map(|s| &s.value);
    let completed = if done { Some(today) } else { None };
    let fields = vec![
        Field::choice("kind", "Kind", Choice::all::<VisitKind>(None), v.map_or("monitoring", |v| v.kind.code())),
        Field::date("planned", "Planned for", Some(v.map_or(today, |v| v.planned))).required(),
        Field::date("completed", "Completed on", v.map_or(completed, |v| v.completed))
            .hint("blank while the visit is still to come"),
        Field::text("officer", "Officer", v.map_or(officer, |v| &v.officer), 60)
            .required()
            .hint("who makes the visit, e.g. A. Khan"),
        Field::choice(
            "outcome",
            "Outcome",
            Choice::all::<VisitOutcome>(Some("– not yet")),
            v.and_then(|v| v.outcome).map_or(if done { "good" } else { "" }, |o| o.code()),
        )
        .hint("concerns or serious concerns put the setting in tier 2"),
        Field::text("notes", "Notes", v.map_or("", |v| &v.notes), 4000).hint("what was seen and who was spoken to"),
        Field::text("follow-up", "Follow-up actions", v.map_or("", |v| &v.follow_up), 2000),
    ];
    let trip = v.and_then(|v| v.trip.clone());
    let build = move |f: &Form| {
        Ok(Visit {
            setting_id: Some(setting_id),
            provider_id: None,
            kind: f.code("kind").unwrap_or(VisitKind::Monitoring),
            planned: f.date("planned")?,
            completed: f.opt_date("completed")?,
            officer: f.text("officer"),
            outcome: f.code("outcome"),
            notes: f.text("notes"),
            follow_up: f.text("follow-up"),
            trip: trip.clone(),
        })
    };
    let mut form = record_form(fields, existing, build, today);
    if existing.is_none() {
        form.title = if done { "Log a visit" } else { "Plan a visit" }.into();
    }
    form
}
