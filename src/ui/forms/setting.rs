//! The setting form.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::setting::{Registration, Setting, SettingKind};
use crate::domain::tier::{Enforcement, LowRiskBasis};
use crate::store::Stored;
use chrono::NaiveDate;

pub fn form(provider_id: i64, existing: Option<&Stored<Setting>>, today: NaiveDate) -> Form {
    let s = existing.map(|s| &s.value);
    let fields = vec![
        Field::text("name", "Name", s.map_or("", |s| &s.name), 120).required().hint("the name the council uses for it"),
        Field::urn("urn", "URN", s.and_then(|s| s.urn.as_ref())),
        Field::choice("kind", "Kind", Choice::all::<SettingKind>(None), s.map_or("childrens_home", |s| s.kind.code())),
        Field::text(
            "registered manager",
            "Registered manager",
            s.and_then(|s| s.registered_manager.as_deref()).unwrap_or(""),
            80,
        )
        .hint("the manager Ofsted registers, when known"),
        Field::date("manager vacant since", "Manager vacant since", s.and_then(|s| s.manager_vacant_on))
            .hint("when the council learned the post was vacant; blank when filled: a vacancy means tier 2"),
        Field::count("places", "Places", s.and_then(|s| s.places), 2000),
        Field::text("town", "Town", s.map_or("", |s| &s.town), 80),
        Field::text("local authority", "Local authority", s.map_or("", |s| &s.local_authority), 80)
            .required()
            .hint("the council area the setting is in"),
        Field::text("region", "Ofsted region", s.map_or("", |s| &s.region), 60),
        Field::yes_no("in area", "In our area", s.is_some_and(|s| s.in_area)),
        Field::count("distance", "Distance (miles)", s.and_then(|s| s.distance_miles), 1000)
            .hint("miles from the council's offices"),
        Field::choice(
            "registration",
            "Registration",
            Choice::all::<Registration>(None),
            s.map_or("active", |s| s.registration.code()),
        ),
        Field::date("monitored since", "Monitored since", s.map_or(Some(today), |s| s.monitoring_since))
            .hint("when monitoring began: a setting never visited is due from this day"),
        Field::choice(
            "enforcement",
            "Ofsted enforcement",
            Choice::all::<Enforcement>(Some("– none")),
            s.and_then(|s| s.enforcement).map_or("", |e| e.code()),
        )
        .hint("enforcement action in force puts the setting in tier 1"),
        Field::date("enforcement since", "Enforcement since", s.and_then(|s| s.enforcement_since)),
        Field::choice(
            "low risk",
            "Assessed low risk",
            Choice::all::<LowRiskBasis>(Some("– no")),
            s.and_then(|s| s.low_risk).map_or("", |l| l.code()),
        )
        .hint("a recorded low-risk assessment allows six-monthly (tier 4) monitoring"),
        Field::date("low risk on", "Assessed on", s.and_then(|s| s.low_risk_on)),
        Field::date("opened on", "Opened on", s.and_then(|s| s.opened_on))
            .hint("a home owes Reg 44 reports for each whole month it is open"),
        Field::date("closed on", "Closed on", s.and_then(|s| s.closed_on)),
    ];
    let archived_on = s.and_then(|s| s.archived_on);
    let build = move |f: &Values| {
        Ok(Setting {
            provider_id,
            urn: f.urn("urn")?,
            name: f.text("name"),
            kind: f.code("kind").unwrap_or(SettingKind::Other),
            registered_manager: f.opt_text("registered manager"),
            manager_vacant_on: f.opt_date("manager vacant since")?,
            places: f.count("places")?,
            town: f.text("town"),
            local_authority: f.text("local authority"),
            region: f.text("region"),
            in_area: f.yes("in area"),
            distance_miles: f.count("distance")?,
            registration: f.code("registration").unwrap_or(Registration::Active),
            archived_on,
            monitoring_since: f.opt_date("monitored since")?,
            enforcement: f.code("enforcement"),
            enforcement_since: f.opt_date("enforcement since")?,
            low_risk: f.code("low risk"),
            low_risk_on: f.opt_date("low risk on")?,
            opened_on: f.opt_date("opened on")?,
            closed_on: f.opt_date("closed on")?,
        })
    };
    record_form(fields, existing, build, today)
}
