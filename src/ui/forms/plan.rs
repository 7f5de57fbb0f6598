//! Improvement plan forms: the plan and its actions.

use super::target::Target;
use super::{Choice, Field, Form, Values, record_form};
use crate::domain::date::add_days;
use crate::domain::plan::{ActionStatus, Plan, PlanAction, PlanSource, PlanStatus};
use crate::store::Stored;
use chrono::NaiveDate;

/// Requests (or edits) a plan about one of `targets`; `source` says what raised it.
pub fn form(
    targets: Vec<Choice>,
    target: Target,
    source: (PlanSource, Option<i64>),
    existing: Option<&Stored<Plan>>,
    today: NaiveDate,
) -> Form {
    let p = existing.map(|s| &s.value);
    let current = p.map_or(target, |p| Target { provider_id: p.provider_id, setting_id: p.setting_id });
    let fields = vec![
        Field::choice("concerning", "Concerning", targets, &current.code()),
        Field::text("title", "Title", p.map_or("", |p| &p.title), 200).required().hint("what the plan must put right"),
        Field::choice(
            "source",
            "Raised from",
            Choice::all::<PlanSource>(None),
            p.map_or(source.0, |p| p.source).code(),
        ),
        Field::date("requested", "Requested on", Some(p.map_or(today, |p| p.requested_on))).required(),
        Field::date("due back", "Due back", Some(p.map_or(add_days(today, 14), |p| p.due_back)))
            .required()
            .hint("when the provider must send the plan"),
    ];
    let origin = p.map_or(source, |p| (p.source, p.source_id));
    let kept = p.map(|p| (p.status, p.status_on));
    let build = move |v: &Values| {
        let t = v.target("concerning")?;
        let requested = v.date("requested")?;
        let (status, status_on) = kept.unwrap_or((PlanStatus::Requested, requested));
        let raised = v.code("source").unwrap_or(PlanSource::Other);
        Ok(Plan {
            setting_id: t.setting_id,
            provider_id: t.provider_id,
            title: v.text("title"),
            source: raised,
            // What raised it is known only while the plan keeps that kind.
            source_id: if raised == origin.0 { origin.1 } else { None },
            requested_on: requested,
            due_back: v.date("due back")?,
            status,
            status_on,
        })
    };
    let mut form = record_form(fields, existing, build, today);
    if existing.is_none() {
        form.title = "Request an improvement plan".into();
    }
    form
}

/// Adds or edits an action of plan `plan_id`.
pub fn action_form(plan_id: i64, existing: Option<&Stored<PlanAction>>, today: NaiveDate) -> Form {
    let a = existing.map(|s| &s.value);
    let fields = vec![
        Field::text("action", "Action", a.map_or("", |a| &a.description), 1000).required(),
        Field::text("owner", "Owner", a.map_or("", |a| &a.owner), 80).required().hint("who at the provider does it"),
        Field::date("due", "Due", a.map(|a| a.due_on)).required(),
        Field::choice("status", "Status", Choice::all::<ActionStatus>(None), a.map_or("open", |a| a.status.code())),
        Field::text("evidence", "Evidence", a.map_or("", |a| &a.evidence), 2000).hint("what shows it was done"),
        Field::date("completed", "Completed on", a.and_then(|a| a.completed_on))
            .hint("the day it was done; blank until then"),
    ];
    let build = move |v: &Values| {
        Ok(PlanAction {
            plan_id,
            description: v.text("action"),
            owner: v.text("owner"),
            due_on: v.date("due")?,
            status: v.code("status").unwrap_or(ActionStatus::Open),
            evidence: v.text("evidence"),
            completed_on: v.opt_date("completed")?,
        })
    };
    record_form(fields, existing, build, today)
}

/// Marks an action done today, with its evidence.
pub fn done_form(action: &Stored<PlanAction>, today: NaiveDate) -> Form {
    let fields = vec![
        Field::date("completed", "Done on", Some(today)).required(),
        Field::text("evidence", "Evidence", &action.value.evidence, 2000).required().hint("what shows it was done"),
    ];
    let base = action.value.clone();
    let build = move |v: &Values| {
        Ok(PlanAction {
            status: ActionStatus::Done,
            completed_on: Some(v.date("completed")?),
            evidence: v.text("evidence"),
            ..base.clone()
        })
    };
    let mut form = record_form(fields, Some(action), build, today);
    form.title = format!("Done: {}", crate::domain::excerpt(&action.value.description, 50));
    form
}
