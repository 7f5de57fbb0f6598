//! A setting: one registered service (a home, an agency, a scheme), known to
//! Ofsted by its URN.

use super::code::code_enum;
use super::tier::{Enforcement, LowRiskBasis};
use super::{Invalid, Validate, check_max, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    pub enum SettingKind {
        ChildrensHome => ("childrens_home", "Children's home"),
        FosteringAgency => ("fostering_agency", "Independent fostering agency"),
        SupportedAccommodation => ("supported_accommodation", "Supported accommodation"),
        ResidentialSpecialSchool => ("residential_special_school", "Residential special school"),
        SecureChildrensHome => ("secure_childrens_home", "Secure children's home"),
        Other => ("other", "Other"),
    }
);

impl SettingKind {
    /// A label of at most eight characters for narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            Self::ChildrensHome => "Home",
            Self::FosteringAgency => "IFA",
            Self::SupportedAccommodation => "Supp acc",
            Self::ResidentialSpecialSchool => "Res sch",
            Self::SecureChildrensHome => "Secure",
            Self::Other => "Other",
        }
    }

    /// Whether Ofsted registers a manager for it: every kind but "other"
    /// (boarding schools and colleges have none).
    pub fn has_registered_manager(self) -> bool {
        self != Self::Other
    }

    /// Whether Ofsted must register it before a child is placed: every
    /// kind but "other".
    pub fn needs_registration(self) -> bool {
        self != Self::Other
    }

    /// Children's homes (secure ones included) owe monthly Regulation 44 reports.
    pub fn is_childrens_home(self) -> bool {
        matches!(self, Self::ChildrensHome | Self::SecureChildrensHome)
    }
}

code_enum!(
    /// Registration status with Ofsted.
    pub enum Registration {
        Active => ("active", "Active"),
        Suspended => ("suspended", "Suspended"),
        Closed => ("closed", "Closed"),
    }
);

/// Ofsted's unique reference number: `SC` and six digits, or seven digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Urn(String);

impl Urn {
    pub fn parse(text: &str) -> Result<Urn, String> {
        let t = text.trim().to_ascii_uppercase();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let ok = match t.strip_prefix("SC") {
            Some(rest) => digits(rest, 6),
            None => digits(&t, 7),
        };
        if ok {
            Ok(Urn(t))
        } else {
            Err(format!("{:?} is not a URN: use SC and 6 digits (SC123456) or 7 digits (1234567)", text.trim()))
        }
    }
}

super::validated_text!(Urn);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setting {
    pub provider_id: i64,
    pub urn: Option<Urn>,
    /// The name the council uses; Ofsted publishes homes' names as "REDACTED".
    pub name: String,
    pub kind: SettingKind,
    /// The registered manager's name, when known.
    pub registered_manager: Option<String>,
    /// The post recorded vacant, from the day the council learned of it.
    pub manager_vacant_on: Option<NaiveDate>,
    pub places: Option<u32>,
    pub town: String,
    /// The local authority area the setting is in.
    pub local_authority: String,
    /// Ofsted region, e.g. "West Midlands".
    pub region: String,
    /// In the council's own area.
    pub in_area: bool,
    /// Miles from the council's base, for out-of-area planning.
    pub distance_miles: Option<u32>,
    pub registration: Registration,
    pub archived_on: Option<NaiveDate>,
    /// When the council began monitoring it; a never-visited setting is due from then.
    pub monitoring_since: Option<NaiveDate>,
    pub enforcement: Option<Enforcement>,
    pub enforcement_since: Option<NaiveDate>,
    /// A recorded assessment of low risk, which allows tier 4.
    pub low_risk: Option<LowRiskBasis>,
    pub low_risk_on: Option<NaiveDate>,
    /// When it opened and closed, for the Reg 44 months it owes.
    pub opened_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
}

impl Setting {
    /// A setting with nothing known beyond its provider.
    pub fn blank(provider_id: i64) -> Setting {
        Setting {
            provider_id,
            urn: None,
            name: String::new(),
            kind: SettingKind::Other,
            registered_manager: None,
            manager_vacant_on: None,
            places: None,
            town: String::new(),
            local_authority: String::new(),
            region: String::new(),
            in_area: false,
            distance_miles: None,
            registration: Registration::Active,
            archived_on: None,
            monitoring_since: None,
            enforcement: None,
            enforcement_since: None,
            low_risk: None,
            low_risk_on: None,
            opened_on: None,
            closed_on: None,
        }
    }
}

impl Setting {
    /// Why no Ofsted registration covers a child placed here, if none does:
    /// a kind Ofsted registers with no URN recorded, or its registration
    /// closed.
    pub fn unregistered(&self) -> Option<&'static str> {
        match (self.kind.needs_registration(), &self.urn, self.registration) {
            (false, ..) => None,
            (true, None, _) => Some("it has no Ofsted URN"),
            (true, Some(_), Registration::Closed) => Some("its Ofsted registration is closed"),
            _ => None,
        }
    }
}

/// A choice and its date go together: both given or neither.
fn check_dated<T>(what: Option<T>, on: Option<NaiveDate>, field: &'static str, today: NaiveDate) -> Option<Invalid> {
    match (what.is_some(), on) {
        (true, None) => Some(Invalid::new(field, "give the date")),
        (false, Some(_)) => Some(Invalid::new(field, "leave blank unless the choice above is made")),
        (_, Some(on)) if on > today => Some(Invalid::new(field, format!("is after today ({today})"))),
        _ => None,
    }
}

impl Validate for Setting {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        [
            check_text("name", &self.name, true, 120),
            check_text("registered manager", self.registered_manager.as_deref().unwrap_or(""), false, 80),
            check_text("town", &self.town, false, 80),
            check_text("local authority", &self.local_authority, true, 80),
            check_text("region", &self.region, false, 60),
            check_max("places", self.places, 2000, "places"),
            check_max("distance", self.distance_miles, 1000, "miles"),
            check_dated(self.enforcement, self.enforcement_since, "enforcement since", today),
            check_dated(self.low_risk, self.low_risk_on, "low risk on", today),
            self.manager_vacant_on
                .filter(|d| *d > today)
                .map(|_| Invalid::new("manager vacant since", "is after today")),
            self.monitoring_since.filter(|d| *d > today).map(|_| Invalid::new("monitored since", "is after today")),
            self.opened_on
                .zip(self.closed_on)
                .filter(|(o, c)| c < o)
                .map(|(o, _)| Invalid::new("closed on", format!("is before it opened ({o})"))),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::code::Code;

    #[test]
    fn urn_formats() {
        for good in ["SC123456", "sc123456", " SC000001 ", "1234567", "0000001"] {
            assert!(Urn::parse(good).is_ok(), "{good}");
        }
        assert_eq!(Urn::parse("sc123456").unwrap().as_str(), "SC123456");
        for bad in ["", "SC12345", "SC1234567", "123456", "12345678", "SX123456", "SC12345a", "SC 123456"] {
            let err = Urn::parse(bad).unwrap_err();
            assert!(err.contains("is not a URN"), "{bad}: {err}");
        }
    }

    #[test]
    fn urn_serde_validates() {
        assert!(serde_json::from_str::<Urn>("\"SC123456\"").is_ok());
        assert!(serde_json::from_str::<Urn>("\"nope\"").is_err());
    }

    #[test]
    fn kinds_have_labels_and_homes_owe_reg44() {
        assert_eq!(SettingKind::ALL.len(), 6);
        assert_eq!(SettingKind::FosteringAgency.to_string(), "Independent fostering agency");
        assert!(SettingKind::SecureChildrensHome.is_childrens_home());
        assert!(!SettingKind::SupportedAccommodation.is_childrens_home());
        assert!(SettingKind::ALL.iter().all(|k| k.short().len() <= 8));
    }
}
