//! The inspection form.

use super::record::record_form_saved_by;
use super::{Choice, Field, Form, Values};
use crate::domain::inspection::{Framework, Inspection, InspectionKind};
use crate::domain::policy::Decommissioning;
use crate::domain::rating::Judgement;
use crate::store::Stored;
use chrono::NaiveDate;

/// `settings` are the choices (id, name); `setting_id` the one to start on.
/// The form edits the headline and SCCIF's two judgements; an imported
/// inspection's other judgements (the old framework's, education, health)
/// are kept as they were. A judgement that takes a home with children
/// placed below Good opens a decommissioning review (`days` its steps').
pub fn form(
    settings: Vec<Choice>,
    setting_id: i64,
    existing: Option<&Stored<Inspection>>,
    days: &Decommissioning,
    today: NaiveDate,
) -> Form {
    let i = existing.map(|s| &s.value);
    let judgement = |key, label, value: Option<Judgement>| {
        Field::choice(key, label, Choice::all::<Judgement>(Some("– none")), value.map_or("", |j| j.code()))
    };
    let fields = vec![
        Field::choice("setting", "Setting", settings, &i.map_or(setting_id, |i| i.setting_id).to_string()),
        Field::date("date", "Date", i.map(|i| i.date)).required(),
        Field::choice("kind", "Kind", Choice::all::<InspectionKind>(None), i.map_or("full", |i| i.kind.code())),
        judgement("overall", "Headline", i.and_then(|i| i.overall))
            .hint("the headline judgement: type its first letter to jump"),
        judgement("protection", "Help & protection", i.and_then(|i| i.protection))
            .hint("how well children are helped and protected"),
        judgement("leadership", "Leadership", i.and_then(|i| i.leadership))
            .hint("the effectiveness of leaders and managers"),
        Field::choice(
            "framework",
            "Framework",
            Choice::all::<Framework>(None),
            i.map_or("sccif", |i| i.framework.code()),
        )
        .hint("names the headline: overall experiences and progress since April 2017"),
        Field::date("learned", "Learned of it on", Some(i.map_or(today, |i| i.recorded_on.unwrap_or(i.date))))
            .required()
            .hint("when the council learned of it (usually publication): starts the 14-day visit window"),
        Field::text("event ref", "Ofsted event ref", i.and_then(|i| i.event_ref.as_deref()).unwrap_or(""), 30),
    ];
    let kept = i.cloned();
    let build = move |f: &Values| {
        let date = f.date("date")?;
        let kind = f.code("kind").unwrap_or(InspectionKind::Full);
        let base = kept.clone().unwrap_or_else(|| Inspection::headline(setting_id, date, kind, None));
        Ok(Inspection {
            setting_id: f.id("setting").unwrap_or(setting_id),
            date,
            kind,
            framework: f.code("framework").unwrap_or(Framework::Sccif),
            overall: f.code("overall"),
            protection: f.code("protection"),
            leadership: f.code("leadership"),
            event_ref: f.opt_text("event ref"),
            recorded_on: Some(f.date("learned")?),
            ..base
        })
    };
    let days = days.clone();
    let saves = Box::new(move |store: &mut crate::store::Store, at: Option<(i64, i64)>, i: &Inspection| {
        let (stored, opened) = store.save_inspection(at, i, &days)?;
        let more = match opened {
            Some(r) => format!(
                ": {} → {} with {} placed opens a decommissioning review (its steps are on the setting's screen)",
                r.value.from.label(),
                r.value.to.label(),
                crate::domain::plural(r.value.children as usize, "child", "children")
            ),
            None => String::new(),
        };
        Ok((stored, more))
    });
    record_form_saved_by(fields, existing, build, saves, today)
}
