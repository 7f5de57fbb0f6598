//! The tier override form.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::date::add_days;
use crate::domain::tier::{Tier, TierOverride};
use chrono::NaiveDate;

pub fn form(setting_id: i64, current: Tier, today: NaiveDate) -> Form {
    let tiers = Tier::ALL.iter().map(|t| Choice::new(t.number().to_string(), t.to_string())).collect();
    let fields = vec![
        Field::choice("tier", "Tier", tiers, &current.number().to_string()),
        Field::text("reason", "Reason", "", 500)
            .required()
            .hint("why the computed tier does not fit, for the board and the audit"),
        Field::date("set on", "From", Some(today)).required(),
        Field::date("expires", "Until", Some(add_days(today, 90)))
            .required()
            .hint("after this day the computed tier returns"),
    ];
    let build = move |f: &Values| {
        Ok(TierOverride {
            setting_id,
            tier: f.id("tier").and_then(|n| u8::try_from(n).ok()).and_then(Tier::from_number).unwrap_or(current),
            reason: f.text("reason"),
            set_on: f.date("set on")?,
            expires: f.date("expires")?,
        })
    };
    let mut form = record_form::<TierOverride>(fields, None, build, today);
    form.title = "Override the tier".into();
    form
}
