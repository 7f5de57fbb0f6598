//! Concern forms: raise or edit one, close it, record a strategy meeting.

use super::target::Target;
use super::{Choice, Field, Form, Values, record_form};
use crate::domain::Invalid;
use crate::domain::concern::{
    Concern, ConcernCategory, ConcernSeverity, ConcernSource, ConcernStatus, SpcOutcome, StrategyMeeting,
};
use crate::store::Stored;
use chrono::NaiveDate;

/// Raises a concern (`existing` none) about one of `targets`, starting on `target`.
pub fn form(targets: Vec<Choice>, target: Target, existing: Option<&Stored<Concern>>, today: NaiveDate) -> Form {
    let c = existing.map(|s| &s.value);
    let current = c.map_or(target, |c| Target { provider_id: c.provider_id, setting_id: c.setting_id });
    let fields = vec![
        Field::choice("concerning", "Concerning", targets, &current.code()).hint("type a first letter to jump"),
        Field::date("raised", "Raised on", Some(c.map_or(today, |c| c.raised_on))).required(),
        Field::choice(
            "source",
            "Source",
            Choice::all::<ConcernSource>(None),
            c.map_or("complaint", |c| c.source.code()),
        ),
        Field::choice(
            "category",
            "Category",
            Choice::all::<ConcernCategory>(None),
            c.map_or("safeguarding", |c| c.category.code()),
        ),
        Field::choice(
            "severity",
            "Severity",
            Choice::all::<ConcernSeverity>(None),
            c.map_or("medium", |c| c.severity.code()),
        ),
        Field::text("description", "What was reported", c.map_or("", |c| &c.description), 4000).required(),
    ];
    let kept = c.cloned();
    let build = move |v: &Values| {
        let t = v.target("concerning")?;
        Ok(Concern {
            setting_id: t.setting_id,
            provider_id: t.provider_id,
            raised_on: v.date("raised")?,
            source: v.code("source").unwrap_or(ConcernSource::Other),
            category: v.code("category").unwrap_or(ConcernCategory::Other),
            severity: v.code("severity").unwrap_or(ConcernSeverity::Medium),
            description: v.text("description"),
            ..kept.clone().unwrap_or(Concern {
                setting_id: None,
                provider_id: 0,
                raised_on: NaiveDate::MIN,
                source: ConcernSource::Other,
                category: ConcernCategory::Other,
                severity: ConcernSeverity::Medium,
                description: String::new(),
                status: ConcernStatus::Open,
                escalated_on: None,
                spc_outcome: None,
                closed_on: None,
                outcome: String::new(),
            })
        })
    };
    let mut form = record_form(fields, existing, build, today);
    if existing.is_none() {
        form.title = "Raise a concern".into();
    }
    form
}

/// Closes a concern, or ends a Serious Provider Concern with its outcome.
pub fn close_form(concern: &Stored<Concern>, today: NaiveDate) -> Form {
    let spc = concern.value.status == ConcernStatus::Escalated;
    let mut fields = vec![
        Field::date("closed", "Closed on", Some(today)).required(),
        Field::text("outcome", "Outcome", "", 2000).required().hint("what was found and done"),
    ];
    if spc {
        fields.push(Field::choice("spc outcome", "SPC outcome", Choice::all::<SpcOutcome>(None), "closed"));
    }
    let base = concern.value.clone();
    let build = move |v: &Values| {
        let mut c = base.clone();
        let spc_outcome = if spc { v.code("spc outcome") } else { None };
        c.close(v.date("closed")?, &v.text("outcome"), spc_outcome).map_err(|m| Invalid::new("outcome", m))?;
        Ok(c)
    };
    let mut form = record_form(fields, Some(concern), build, today);
    form.title = if spc { "End the Serious Provider Concern".into() } else { "Close the concern".into() };
    form
}

/// Records a strategy meeting of a Serious Provider Concern.
pub fn meeting_form(concern_id: i64, today: NaiveDate) -> Form {
    let fields = vec![
        Field::date("held on", "Held on", Some(today)).required(),
        Field::text("attendees", "Attendees", "", 1000)
            .required()
            .hint("who attended, e.g. QA lead, social workers, provider, police"),
        Field::text("decisions", "Decisions", "", 4000).required(),
    ];
    let build = move |v: &Values| {
        Ok(StrategyMeeting {
            concern_id,
            held_on: v.date("held on")?,
            attendees: v.text("attendees"),
            decisions: v.text("decisions"),
        })
    };
    record_form(fields, None::<&Stored<StrategyMeeting>>, build, today)
}
