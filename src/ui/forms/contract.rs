//! The contract form.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::contract::{Contract, ContractType, ReturnsOwed};
use crate::store::Stored;
use chrono::NaiveDate;

pub fn form(provider_id: i64, existing: Option<&Stored<Contract>>, today: NaiveDate) -> Form {
    let c = existing.map(|s| &s.value);
    let fields = vec![
        Field::text("reference", "Reference", c.map_or("", |c| &c.reference), 40)
            .required()
            .hint("the council's contract reference, e.g. MCC-FWK-012"),
        Field::choice("kind", "Type", Choice::all::<ContractType>(None), c.map_or("spot", |c| c.kind.code())),
        Field::text("title", "Title", c.map_or("", |c| &c.title), 120),
        Field::date("start", "Start", c.map(|c| c.start)).required(),
        Field::date("end", "End", c.and_then(|c| c.end)),
        Field::money("annual value", "Annual value (£)", c.map(|c| c.annual_value)).required(),
        Field::choice(
            "returns",
            "Returns owed",
            Choice::all::<ReturnsOwed>(None),
            c.map_or("policy", |c| c.returns.code()),
        )
        .hint("which of the providers' returns this contract asks for"),
    ];
    let build = move |f: &Values| {
        Ok(Contract {
            provider_id,
            reference: f.text("reference"),
            kind: f.code("kind").unwrap_or(ContractType::Spot),
            title: f.text("title"),
            start: f.date("start")?,
            end: f.opt_date("end")?,
            annual_value: f.money("annual value")?,
            returns: f.code("returns").unwrap_or(ReturnsOwed::Policy),
        })
    };
    record_form(fields, existing, build, today)
}
