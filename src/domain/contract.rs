//! A contract: how the council buys places from a provider.

use super::code::code_enum;
use super::money::Pence;
use super::{Invalid, Validate, check_order, check_text};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A no-fault termination clause's usual notice (document 002): a year.
pub const USUAL_NOTICE_MONTHS: u32 = 12;

/// What an outcome-based contract pays when a child's outcome of each stage
/// is met (document 000): stage 1 first. Empty when the contract pays fees
/// only. Written "£500; £1,000; £2,000".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentSchedule(pub Vec<Pence>);

impl PaymentSchedule {
    /// Reads "500; 1000; £2,000" (semicolons between stages, since a comma
    /// may group thousands); blank is no schedule.
    pub fn parse(text: &str) -> Result<PaymentSchedule, String> {
        let parts = text.split(';').map(str::trim).filter(|p| !p.is_empty());
        let stages = parts
            .enumerate()
            .map(|(i, p)| Pence::parse(p).map_err(|e| format!("stage {}: {e}", i + 1)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PaymentSchedule(stages))
    }

    /// The payment at `stage` (from 1), if the schedule has one.
    pub fn at(&self, stage: u32) -> Option<Pence> {
        let index = usize::try_from(stage).ok()?.checked_sub(1)?;
        self.0.get(index).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for PaymentSchedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let stages: Vec<String> = self.0.iter().map(|p| p.full()).collect();
        f.write_str(&stages.join("; "))
    }
}

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
    /// The no-fault termination clause's notice in months; `None` when the
    /// contract has no such clause.
    pub notice_months: Option<u32>,
    /// The day either party gave no-fault notice.
    pub notice_given_on: Option<NaiveDate>,
    /// Outcome payments by stage; empty unless the contract is outcome-based.
    pub payments: PaymentSchedule,
}

impl Contract {
    pub fn is_live(&self, today: NaiveDate) -> bool {
        self.start <= today && self.ends().is_none_or(|end| end >= today)
    }

    /// The last day of the notice given: the day it was given plus the
    /// clause's months, less a day (notice given on 1 April 2026 with a
    /// year's notice ends the contract on 31 March 2027).
    pub fn notice_ends(&self) -> Option<NaiveDate> {
        let given = self.notice_given_on?;
        given.pred_opt()?.checked_add_months(Months::new(self.notice_months?))
    }

    /// The contract's last day: its end date, or the notice's end if sooner.
    pub fn ends(&self) -> Option<NaiveDate> {
        match (self.end, self.notice_ends()) {
            (Some(end), Some(notice)) => Some(end.min(notice)),
            (end, notice) => end.or(notice),
        }
    }

    /// "live", "notice" (live, under notice) or "ended" on `today`.
    pub fn status(&self, today: NaiveDate) -> &'static str {
        match (self.is_live(today), self.notice_given_on.is_some()) {
            (false, _) => "ended",
            (true, true) => "notice",
            (true, false) => "live",
        }
    }

    pub fn is_outcome_based(&self) -> bool {
        !self.payments.is_empty()
    }

    /// Its terms in a few words: "12 months' notice", "notice given
    /// 2026-09-17", "outcome-based"; blank when it has neither.
    pub fn terms(&self) -> String {
        let notice = match (self.notice_months, self.notice_given_on) {
            (Some(_), Some(given)) => Some(format!("notice given {given}")),
            (Some(1), None) => Some("1 month's notice".to_string()),
            (Some(months), None) => Some(format!("{months} months' notice")),
            (None, _) => None,
        };
        let outcomes = self.is_outcome_based().then(|| "outcome-based".to_string());
        notice.into_iter().chain(outcomes).collect::<Vec<_>>().join(", ")
    }
}

impl Validate for Contract {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
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
        if self.notice_months == Some(0) {
            out.push(Invalid::new("notice months", "a notice period is at least a month"));
        }
        if let Some(given) = self.notice_given_on {
            if self.notice_months.is_none() {
                out.push(Invalid::new(
                    "notice given on",
                    "this contract has no no-fault termination clause: notice cannot be given under it",
                ));
            } else if given < self.start {
                out.push(Invalid::new("notice given on", format!("is before the contract began ({})", self.start)));
            } else if given > today {
                out.push(Invalid::new(
                    "notice given on",
                    format!("is after today ({today}): record notice once given"),
                ));
            } else if self.end.is_some_and(|end| given > end) {
                out.push(Invalid::new("notice given on", "is after the contract ended"));
            }
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
            notice_months: None,
            notice_given_on: None,
            payments: PaymentSchedule::default(),
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

    #[test]
    fn notice_under_the_clause_ends_the_contract_a_year_less_a_day_later() {
        let mut c = contract();
        c.end = Some(parse("2031-03-31").unwrap());
        c.notice_months = Some(USUAL_NOTICE_MONTHS);
        c.notice_given_on = Some(parse("2026-04-01").unwrap());
        assert_eq!(c.notice_ends(), Some(parse("2027-03-31").unwrap()));
        assert_eq!(c.ends(), Some(parse("2027-03-31").unwrap()));
        assert!(c.is_live(parse("2027-03-31").unwrap()));
        assert!(!c.is_live(parse("2027-04-01").unwrap()));
        // A notice running past the end date leaves the end date.
        c.end = Some(parse("2026-12-31").unwrap());
        assert_eq!(c.ends(), Some(parse("2026-12-31").unwrap()));
        // Six months from 31 August is the end of February.
        c.end = None;
        c.notice_months = Some(6);
        c.notice_given_on = Some(parse("2026-08-31").unwrap());
        assert_eq!(c.notice_ends(), Some(parse("2027-02-28").unwrap()));
        assert!(c.problems(parse("2026-12-01").unwrap()).is_empty());
    }

    #[test]
    fn notice_without_the_clause_or_in_the_future_is_refused() {
        let today = parse("2026-12-01").unwrap();
        let mut c = contract();
        c.notice_given_on = Some(parse("2026-06-01").unwrap());
        let found = c.problems(today);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "notice given on");
        assert!(found[0].message.contains("no no-fault termination clause"), "{}", found[0].message);
        assert_eq!(c.ends(), c.end, "notice without a clause ends nothing");
        c.notice_months = Some(12);
        c.notice_given_on = Some(parse("2026-12-02").unwrap());
        assert!(c.problems(today)[0].message.contains("after today"));
    }

    #[test]
    fn a_payment_schedule_is_read_by_stage() {
        let s = PaymentSchedule::parse("500; £1,000 ;2000.50").unwrap();
        assert_eq!(s.0, vec![Pence(50_000), Pence(100_000), Pence(200_050)]);
        assert_eq!(s.at(2), Some(Pence(100_000)));
        assert_eq!(s.at(0), None);
        assert_eq!(s.at(4), None);
        assert_eq!(s.to_string(), "£500; £1,000; £2,000.50");
        assert!(PaymentSchedule::parse("  ").unwrap().is_empty());
        assert_eq!(PaymentSchedule::parse("500; ten").unwrap_err(), "stage 2: \"ten\" is not an amount of money");
    }
}
