//! The contract form.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::Invalid;
use crate::domain::contract::{Contract, ContractType, PaymentSchedule, ReturnsOwed, USUAL_NOTICE_MONTHS};
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
        Field::yes_no("clause", "No-fault clause", c.is_some_and(|c| c.notice_months.is_some()))
            .hint("a no-fault termination clause: either party may end it on notice"),
        Field::count(
            "notice months",
            "Notice (months)",
            Some(c.and_then(|c| c.notice_months).unwrap_or(USUAL_NOTICE_MONTHS)),
            120,
        )
        .hint("the clause's notice period: usually a year"),
        Field::date("notice given on", "Notice given on", c.and_then(|c| c.notice_given_on))
            .hint("the day notice was given under the clause: the contract then ends at the notice's end"),
        Field::text("payments", "Outcome payments", &c.map_or_else(String::new, |c| c.payments.to_string()), 200)
            .hint("outcome-based: each stage's payment, e.g. 1200; 1500; 800 (blank: fees only)"),
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
            notice_months: if f.yes("clause") { Some(f.number("notice months")?) } else { None },
            notice_given_on: f.opt_date("notice given on")?,
            payments: PaymentSchedule::parse(&f.text("payments")).map_err(|m| Invalid::new("payments", m))?,
        })
    };
    record_form(fields, existing, build, today)
}
