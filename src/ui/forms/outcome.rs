//! An outcome agreed for a placed child, its payment, and when it was met and paid.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::Invalid;
use crate::domain::contract::PaymentSchedule;
use crate::domain::outcome::Outcome;
use crate::store::Stored;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Agrees an outcome for one of `placements` (its id and a label), or edits
/// `existing`. `schedules` are the payments by stage of the placements
/// bought under outcome-based contracts: a payment left blank is the
/// stage's.
pub fn form(
    placements: Vec<Choice>,
    schedules: HashMap<i64, PaymentSchedule>,
    existing: Option<&Stored<Outcome>>,
    today: NaiveDate,
) -> Form {
    let o = existing.map(|s| &s.value);
    let first = placements.first().map(|c| c.code.clone()).unwrap_or_default();
    let placement = o.map_or(first, |o| o.placement_id.to_string());
    let fields = vec![
        Field::choice("placement", "Child placed", placements, &placement),
        Field::text("what", "Outcome", o.map_or("", |o| &o.what), 500).required().hint("specific and achievable"),
        Field::text("measure", "Measured by", o.map_or("", |o| &o.measure), 500).required(),
        Field::date("agreed", "Agreed on", Some(o.map_or(today, |o| o.agreed_on))).required(),
        Field::date("target", "Target date", o.map(|o| o.target)).required(),
        Field::count("stage", "Payment stage", Some(o.map_or(1, |o| o.stage)), 20).required(),
        Field::money("payment", "Outcome payment (£)", o.map(|o| o.payment))
            .hint("blank: the stage's payment under an outcome-based contract"),
        Field::date("met", "Met on", o.and_then(|o| o.met_on)).hint("when met: its payment falls due that day"),
        Field::text("evidence", "Evidence it was met", o.map_or("", |o| &o.evidence), 2000),
        Field::date("paid", "Paid on", o.and_then(|o| o.paid_on)),
    ];
    let build = move |v: &Values| {
        let placement_id = v.id("placement").unwrap_or(0);
        let stage = v.number("stage")?;
        let scheduled = || schedules.get(&placement_id).and_then(|s| s.at(stage));
        let payment = v.opt_money("payment")?.or_else(scheduled).ok_or_else(|| {
            Invalid::new(
                "payment",
                format!("required: no outcome-based contract of this child's sets a payment for stage {stage}"),
            )
        })?;
        Ok(Outcome {
            placement_id,
            what: v.text("what"),
            measure: v.text("measure"),
            agreed_on: v.date("agreed")?,
            target: v.date("target")?,
            stage,
            payment,
            met_on: v.opt_date("met")?,
            evidence: v.text("evidence"),
            paid_on: v.opt_date("paid")?,
        })
    };
    record_form(fields, existing, build, today)
}
