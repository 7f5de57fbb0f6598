//! The placement form.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::placement::Placement;
use crate::store::Stored;
use chrono::NaiveDate;

/// `settings` and `contracts` are the choices (id, label); `setting_id` the
/// setting to start on.
pub fn form(
    settings: Vec<Choice>,
    contracts: Vec<Choice>,
    setting_id: i64,
    existing: Option<&Stored<Placement>>,
    today: NaiveDate,
) -> Form {
    let p = existing.map(|s| &s.value);
    let contract = p.and_then(|p| p.contract_id).map(|id| id.to_string()).unwrap_or_default();
    let contracts = std::iter::once(Choice::new("", "– none")).chain(contracts).collect();
    let fields = vec![
        Field::child_ref("child", "Child reference", p.map(|p| &p.child_ref)).required(),
        Field::choice("setting", "Setting", settings, &p.map_or(setting_id, |p| p.setting_id).to_string()),
        Field::choice("contract", "Contract", contracts, &contract),
        Field::date("start", "Start", p.map(|p| p.start)).required(),
        Field::date("end", "End", p.and_then(|p| p.end)).hint("the day the child left; blank while placed"),
        Field::money("weekly cost", "Weekly cost (£)", p.map(|p| p.weekly_cost)).required(),
        Field::count("distance", "Distance (miles)", p.and_then(|p| p.distance_miles), 1000)
            .hint("miles from the child's home"),
    ];
    let build = move |f: &Values| {
        Ok(Placement {
            child_ref: f.child_ref("child")?,
            setting_id: f.id("setting").unwrap_or(setting_id),
            contract_id: f.id("contract"),
            start: f.date("start")?,
            end: f.opt_date("end")?,
            weekly_cost: f.money("weekly cost")?,
            distance_miles: f.count("distance")?,
        })
    };
    record_form(fields, existing, build, today)
}
