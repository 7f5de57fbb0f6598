//! A young person brought to the Resources Panel, and the outcome heard later.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::date::Month;
use crate::domain::panel::{PanelCase, PanelOutcome, PanelRisk};
use crate::store::Stored;
use chrono::NaiveDate;

/// Brings a case to this month's panel, or edits `existing` (to record its
/// outcome); `providers` are the supported accommodation providers.
pub fn form(providers: Vec<Choice>, existing: Option<&Stored<PanelCase>>, today: NaiveDate) -> Form {
    let c = existing.map(|s| &s.value);
    let first = providers.first().map(|p| p.code.clone()).unwrap_or_default();
    let provider = c.map_or(first, |c| c.provider_id.to_string());
    let fields = vec![
        Field::month("panel", "Panel", Some(c.map_or(Month::of(today), |c| c.month))).required(),
        Field::choice("provider", "Provider", providers, &provider),
        Field::child_ref("young person", "Young person", c.map(|c| &c.child_ref)).required(),
        Field::choice("risk", "At risk of", Choice::all::<PanelRisk>(None), c.map_or("eviction", |c| c.risk.code())),
        Field::text("details", "Details", c.map_or("", |c| &c.details), 4000),
        Field::text("package", "Support agreed", c.map_or("", |c| &c.package), 4000)
            .required()
            .hint("the package the panel agreed"),
        Field::choice(
            "outcome",
            "Outcome",
            Choice::all::<PanelOutcome>(Some("not yet heard")),
            c.and_then(|c| c.outcome).map_or("", |o| o.code()),
        ),
        Field::month("heard at", "Heard at", c.and_then(|c| c.outcome_month))
            .hint("the later panel that heard the outcome, YYYY-MM"),
        Field::text("note", "Outcome note", c.map_or("", |c| &c.outcome_note), 4000),
    ];
    let build = move |v: &Values| {
        let heard = match v.text("heard at").trim() {
            "" => None,
            _ => Some(v.month("heard at")?),
        };
        Ok(PanelCase {
            month: v.month("panel")?,
            provider_id: v.id("provider").unwrap_or_default(),
            child_ref: v.child_ref("young person")?,
            risk: v.code("risk").unwrap_or(PanelRisk::Other),
            details: v.text("details"),
            package: v.text("package"),
            outcome: v.code("outcome"),
            outcome_month: heard,
            outcome_note: v.text("note"),
        })
    };
    let mut form = record_form(fields, existing, build, today);
    if existing.is_none() {
        form.title = "Bring a young person to the Resources Panel".into();
    }
    form
}
