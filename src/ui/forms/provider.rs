//! The provider form.

use super::{Field, Form, Values, record_form};
use crate::domain::provider::Provider;
use crate::store::Stored;
use chrono::NaiveDate;

pub fn form(existing: Option<&Stored<Provider>>, today: NaiveDate) -> Form {
    let p = existing.map(|s| s.value.clone()).unwrap_or_default();
    let fields = vec![
        Field::text("name", "Name", &p.name, 120).required().hint("the organisation's name, as registered"),
        Field::text("contact", "Contact", &p.contact, 200).hint("who to call: name, email or phone"),
        Field::text("notes", "Notes", &p.notes, 2000),
    ];
    let archived_on = p.archived_on;
    let build = move |f: &Values| {
        Ok(Provider { name: f.text("name"), contact: f.text("contact"), notes: f.text("notes"), archived_on })
    };
    record_form(fields, existing, build, today)
}
