//! A contract: how the council buys places from a provider.

use super::code::code_enum;
use super::money::Pence;
use super::{Invalid, Validate, check_order, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    pub enum ContractType {
        Block => ("block", "Block"),
        Framework => ("framework", "Framework"),
        Spot => ("spot", "Spot"),
        Dps => ("dps", "DPS"),
    }
);

code_enum!(
    /// Which returns a contract asks of its provider: as the policy says for
    /// its type, none, or one return only.
    pub enum ReturnsOwed {
        Policy => ("policy", "As the policy says for its type"),
        Nothing => ("none", "None"),
        SelfAssessment => ("self_assessment", "Annual self-assessment only"),
        Supported => ("supported_accommodation", "Supported accommodation return only"),
        Fostering => ("fostering_review", "Fostering contract review only"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub provider_id: i64,
    /// The council's reference, unique.
    pub reference: String,
    pub kind: ContractType,
    pub title: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub annual_value: Pence,
    pub returns: ReturnsOwed,
}

impl Contract {
    pub fn is_live(&self, today: NaiveDate) -> bool {
        self.start <= today && self.end.is_none_or(|end| end >= today)
    }
}

impl Validate for Contract {
    fn problems(&self, _today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = [
            check_text("reference", &self.reference, true, 40),
            check_text("title", &self.title, false, 120),
            check_order("end", self.start, self.end),
        ]
        .into_iter()
        .flatten()
        .collect();
        if self.reference.contains(char::is_whitespace) {
            out.push(Invalid::new("reference", "no spaces in a reference"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn contract() -> Contract {
        Contract {
            provider_id: 1,
            reference: "MCC-BLK-001".into(),
            kind: ContractType::Block,
            title: "Residential block".into(),
            start: parse("2024-04-01").unwrap(),
            end: Some(parse("2027-03-31").unwrap()),
            annual_value: Pence::from_pounds(2_000_000),
            returns: ReturnsOwed::Policy,
        }
    }

    #[test]
    fn valid_contract_and_its_live_window() {
        let c = contract();
        assert!(c.problems(parse("2025-01-01").unwrap()).is_empty());
        assert!(c.is_live(parse("2024-04-01").unwrap()));
        assert!(c.is_live(parse("2027-03-31").unwrap()));
        assert!(!c.is_live(parse("2027-04-01").unwrap()));
        assert!(!c.is_live(parse("2024-03-31").unwrap()));
    }

    #[test]
    fn end_before_start_and_spaces_are_refused() {
        let mut c = contract();
        c.end = Some(parse("2024-01-01").unwrap());
        c.reference = "MCC BLK".into();
        let fields: Vec<_> = c.problems(parse("2025-01-01").unwrap()).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["end", "reference"]);
    }
}
