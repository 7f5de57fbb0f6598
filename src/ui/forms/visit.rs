//! The visit form: log a visit made, or plan one.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::visit::{Visit, VisitKind, VisitOutcome};
use crate::store::Stored;
use chrono::NaiveDate;

/// What a visit is to: one setting, or a provider (contract meetings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Setting(i64),
    Provider(i64),
}

/// Log (`done`) or plan a visit; `officer` pre-fills the officer, e.g. the
/// one who visited last.
pub fn form(target: Target, existing: Option<&Stored<Visit>>, done: bool, officer: &str, today: NaiveDate) -> Form {
    let v = existing.map(|s| &s.value);
    let completed = if done { Some(today) } else { None };
    let kind = match target {
        Target::Setting(_) => "monitoring",
        Target::Provider(_) => "contract_meeting",
    };
    let fields = vec![
        Field::choice("kind", "Kind", Choice::all::<VisitKind>(None), v.map_or(kind, |v| v.kind.code())),
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
    let build = move |f: &Values| {
        let (setting_id, provider_id) = match target {
            Target::Setting(id) => (Some(id), None),
            Target::Provider(id) => (None, Some(id)),
        };
        Ok(Visit {
            setting_id,
            provider_id,
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
