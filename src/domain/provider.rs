//! A provider: the organisation that runs settings.

use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Provider {
    pub name: String,
    /// Who to call: a name, an email address or a phone number.
    pub contact: String,
    pub notes: String,
    /// Archived providers keep their history but leave the working lists.
    pub archived_on: Option<NaiveDate>,
}

impl Validate for Provider {
    fn problems(&self, _today: NaiveDate) -> Vec<Invalid> {
        [
            check_text("name", &self.name, true, 120),
            check_text("contact", &self.contact, false, 200),
            check_text("notes", &self.notes, false, 2000),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_provider_needs_a_name() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut p = Provider::default();
        assert_eq!(p.problems(today), vec![Invalid::new("name", "required")]);
        p.name = "Brightwater Care Ltd".into();
        assert!(p.problems(today).is_empty());
    }
}
