//! The inspection form.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::inspection::{Inspection, InspectionKind};
use crate::domain::rating::Judgement;
use crate::store::Stored;
use chrono::NaiveDate;

/// `settings` are the choices (id, name); `setting_id` the one to start on.
pub fn form(settings: Vec<Choice>, setting_id: i64, existing: Option<&Stored<Inspection>>, today: NaiveDate) -> Form {
    let i = existing.map(|s| &s.value);
    let judgement = |key, label, value: Option<Judgement>| {
        Field::choice(key, label, Choice::all::<Judgement>(Some("– none")), value.map_or("", |j| j.code()))
    };
    let fields = vec![
        Field::choice("setting", "Setting", settings, &i.map_or(setting_id, |i| i.setting_id).to_string()),
        Field::date("date", "Date", i.map(|i| i.date)).required(),
        Field::choice("kind", "Kind", Choice::all::<InspectionKind>(None), i.map_or("full", |i| i.kind.code())),
        judgement("overall", "Overall", i.and_then(|i| i.overall))
            .hint("overall effectiveness: type its first letter to jump"),
        judgement("experiences", "Experiences", i.and_then(|i| i.experiences))
            .hint("overall experiences and progress of children"),
        judgement("protection", "Help & protection", i.and_then(|i| i.protection))
            .hint("how well children are helped and protected"),
        judgement("leadership", "Leadership", i.and_then(|i| i.leadership))
            .hint("the effectiveness of leaders and managers"),
        Field::date("learned", "Learned of it on", Some(i.map_or(today, |i| i.recorded_on.unwrap_or(i.date))))
            .required()
            .hint("when the council learned of it (usually publication): starts the 14-day visit window"),
        Field::text("event ref", "Ofsted event ref", i.and_then(|i| i.event_ref.as_deref()).unwrap_or(""), 30),
    ];
    let build = move |f: &Values| {
        Ok(Inspection {
            setting_id: f.id("setting").unwrap_or(setting_id),
            date: f.date("date")?,
            kind: f.code("kind").unwrap_or(InspectionKind::Full),
            overall: f.code("overall"),
            experiences: f.code("experiences"),
            protection: f.code("protection"),
            leadership: f.code("leadership"),
            event_ref: f.opt_text("event ref"),
            recorded_on: Some(f.date("learned")?),
        })
    };
    record_form(fields, existing, build, today)
}
