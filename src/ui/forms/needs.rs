//! A placed child's needs on the Valuing Care tool: twelve scores on the
//! policy's scale, when and by whom measured.

use super::{Choice, Field, Form, Values, record_form_or_stored};
use crate::domain::Invalid;
use crate::domain::needs::{FIELDS, INDICATORS, NeedsAssessment, Occasion, Scores, on_scale};
use crate::store::Stored;
use chrono::NaiveDate;

/// Records the needs of placement `placement_id` (of `child`), starting
/// from `earlier`'s scores when there are any; `scale` is the policy's.
pub fn form(
    placement_id: i64,
    child: &str,
    scale: &[String],
    earlier: Option<&NeedsAssessment>,
    existing: Option<&Stored<NeedsAssessment>>,
    today: NaiveDate,
) -> Form {
    let a = existing.map(|s| &s.value);
    let start = a.or(earlier).map(|a| a.scores);
    let occasion = a.map_or(if earlier.is_some() { Occasion::Review } else { Occasion::Placement }, |a| a.occasion);
    let mut fields = vec![
        Field::date("assessed", "Assessed on", Some(a.map_or(today, |a| a.assessed_on))).required(),
        Field::choice("occasion", "Occasion", Choice::all::<Occasion>(None), occasion.code()),
        Field::text("assessor", "Assessed by", a.map_or("", |a| &a.assessor), 80)
            .required()
            .hint("the social worker or role, never the child"),
    ];
    for (n, indicator) in INDICATORS.iter().enumerate() {
        let value = start.map(|s| u32::from(s.0[n]));
        fields.push(Field::count(FIELDS[n], indicator.label, value, u32::MAX).required().hint(indicator.text));
    }
    let scale_owned: Vec<String> = scale.to_vec();
    let build = move |v: &Values| {
        let mut scores = [0u8; 12];
        for (n, key) in FIELDS.iter().enumerate() {
            let number = v.number(key)?;
            let score = u8::try_from(number).map_err(|_| Invalid::new(key, format!("{number} is off the scale")))?;
            scores[n] = on_scale(score, &scale_owned).map_err(|m| Invalid::new(key, m))?;
        }
        Ok(NeedsAssessment {
            placement_id,
            assessed_on: v.date("assessed")?,
            occasion: v.code("occasion").unwrap_or(Occasion::Placement),
            assessor: v.text("assessor"),
            scores: Scores(scores),
        })
    };
    let (name, words) = (child.to_string(), scale.to_vec());
    let find = move |a: &NeedsAssessment, store: &crate::store::Store| {
        let stored = store.needs_like(a).ok()??;
        Some(form(a.placement_id, &name, &words, None, Some(&stored), today))
    };
    let mut form = record_form_or_stored(fields, existing, build, find, today);
    let words: Vec<String> = scale.iter().enumerate().map(|(n, w)| format!("{n} {w}")).collect();
    let verb = if existing.is_some() { "Edit needs" } else { "Needs" };
    form.title = format!("{verb} · {child} · scale {}", words.join(", "));
    form
}
