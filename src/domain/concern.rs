//! Concerns about a setting or a provider, and their escalation to a
//! Serious Provider Concern with strategy meetings, actions and an outcome.

use super::code::code_enum;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    pub enum ConcernSource {
        Complaint => ("complaint", "Complaint"),
        SocialWorker => ("social_worker", "Social worker"),
        Iro => ("iro", "Independent Reviewing Officer"),
        Reg44 => ("reg44", "Reg 44 report"),
        Ofsted => ("ofsted", "Ofsted"),
        Police => ("police", "Police"),
        Visit => ("visit", "Monitoring visit"),
        Other => ("other", "Other"),
    }
);

code_enum!(
    pub enum ConcernCategory {
        Safeguarding => ("safeguarding", "Safeguarding"),
        QualityOfCare => ("quality_of_care", "Quality of care"),
        Staffing => ("staffing", "Staffing"),
        Premises => ("premises", "Premises"),
        Management => ("management", "Leadership and management"),
        Records => ("records", "Records and paperwork"),
        Contract => ("contract", "Contract compliance"),
        Other => ("other", "Other"),
    }
);

code_enum!(
    pub enum ConcernSeverity {
        Low => ("low", "Low"),
        Medium => ("medium", "Medium"),
        High => ("high", "High"),
        Critical => ("critical", "Critical"),
    }
);

code_enum!(
    pub enum ConcernStatus {
        Open => ("open", "Open"),
        Escalated => ("escalated", "Serious Provider Concern"),
        Closed => ("closed", "Closed"),
    }
);

code_enum!(
    /// How a Serious Provider Concern ended.
    pub enum SpcOutcome {
        Closed => ("closed", "Closed: concerns resolved"),
        StopIssued => ("stop_issued", "Placement stop issued"),
        Decommissioned => ("decommissioned", "Provider decommissioned"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concern {
    /// The setting concerned; `None` when it is about the whole provider.
    pub setting_id: Option<i64>,
    pub provider_id: i64,
    pub raised_on: NaiveDate,
    pub source: ConcernSource,
    pub category: ConcernCategory,
    pub severity: ConcernSeverity,
    pub description: String,
    pub status: ConcernStatus,
    /// When it became a Serious Provider Concern.
    pub escalated_on: Option<NaiveDate>,
    pub spc_outcome: Option<SpcOutcome>,
    pub closed_on: Option<NaiveDate>,
    pub outcome: String,
}

impl Concern {
    /// An open Serious Provider Concern puts its settings in tier 1.
    pub fn is_open_spc(&self) -> bool {
        self.status == ConcernStatus::Escalated
    }

    /// A Serious Provider Concern open on `day`: escalated by then, not yet closed.
    pub fn is_spc_on(&self, day: NaiveDate) -> bool {
        self.escalated_on.is_some_and(|e| e <= day) && self.closed_on.is_none_or(|c| c > day)
    }

    pub fn is_open(&self) -> bool {
        self.status != ConcernStatus::Closed
    }

    /// Escalates an open concern to a Serious Provider Concern.
    pub fn escalate(&mut self, on: NaiveDate) -> Result<(), String> {
        match self.status {
            ConcernStatus::Open if on >= self.raised_on => {
                self.status = ConcernStatus::Escalated;
                self.escalated_on = Some(on);
                Ok(())
            }
            ConcernStatus::Open => Err(format!("cannot escalate before the concern was raised ({})", self.raised_on)),
            ConcernStatus::Escalated => Err("already a Serious Provider Concern".into()),
            ConcernStatus::Closed => Err("the concern is closed: raise a new one".into()),
        }
    }

    /// Closes the concern, or ends the Serious Provider Concern with `spc`.
    pub fn close(&mut self, on: NaiveDate, outcome: &str, spc: Option<SpcOutcome>) -> Result<(), String> {
        if outcome.trim().is_empty() {
            return Err("say what the outcome was".into());
        }
        match (self.status, spc) {
            (ConcernStatus::Closed, _) => return Err("already closed".into()),
            (ConcernStatus::Escalated, None) => {
                return Err(
                    "a Serious Provider Concern ends with an outcome: closed, stop issued or decommissioned".into()
                );
            }
            (ConcernStatus::Open, Some(_)) => return Err("only a Serious Provider Concern has an SPC outcome".into()),
            _ => {}
        }
        if on < self.raised_on {
            return Err(format!("cannot close before it was raised ({})", self.raised_on));
        }
        self.status = ConcernStatus::Closed;
        self.closed_on = Some(on);
        self.spc_outcome = spc;
        self.outcome = outcome.trim().to_string();
        Ok(())
    }
}

impl Validate for Concern {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = [
            check_text("description", &self.description, true, 4000),
            check_text("outcome", &self.outcome, false, 2000),
        ]
        .into_iter()
        .flatten()
        .collect();
        if self.raised_on > today {
            out.push(Invalid::new("raised", format!("is after today ({today})")));
        }
        if self.escalated_on.is_some_and(|e| e < self.raised_on) {
            out.push(Invalid::new("escalated", "is before the concern was raised"));
        }
        if self.closed_on.is_some_and(|c| c < self.raised_on) {
            out.push(Invalid::new("closed", "is before the concern was raised"));
        }
        if (self.status == ConcernStatus::Closed) != self.closed_on.is_some() {
            out.push(Invalid::new("closed", "a closed concern has a closing date, an open one none"));
        }
        out
    }
}

/// A strategy meeting of a Serious Provider Concern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyMeeting {
    pub concern_id: i64,
    pub held_on: NaiveDate,
    pub attendees: String,
    pub decisions: String,
}

impl Validate for StrategyMeeting {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = [
            check_text("attendees", &self.attendees, true, 1000),
            check_text("decisions", &self.decisions, true, 4000),
        ]
        .into_iter()
        .flatten()
        .collect();
        if self.held_on > today {
            out.push(Invalid::new("held on", format!("is after today ({today}): record meetings once held")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    fn concern() -> Concern {
        Concern {
            setting_id: Some(1),
            provider_id: 1,
            raised_on: d("2026-11-01"),
            source: ConcernSource::Visit,
            category: ConcernCategory::Records,
            severity: ConcernSeverity::High,
            description: "Files lack required paperwork".into(),
            status: ConcernStatus::Open,
            escalated_on: None,
            spc_outcome: None,
            closed_on: None,
            outcome: String::new(),
        }
    }

    #[test]
    fn a_concern_escalates_once_and_closes_with_an_outcome() {
        let mut c = concern();
        assert!(c.escalate(d("2026-10-31")).unwrap_err().contains("before the concern was raised"));
        c.escalate(d("2026-11-03")).unwrap();
        assert!(c.is_open_spc());
        assert_eq!(c.escalate(d("2026-11-04")).unwrap_err(), "already a Serious Provider Concern");
        assert!(c.close(d("2026-11-20"), "resolved", None).unwrap_err().contains("ends with an outcome"));
        assert_eq!(
            c.close(d("2026-11-20"), " ", Some(SpcOutcome::StopIssued)).unwrap_err(),
            "say what the outcome was"
        );
        c.close(d("2026-11-20"), "Stop issued; plan requested", Some(SpcOutcome::StopIssued)).unwrap();
        assert!(!c.is_open() && !c.is_open_spc());
        assert_eq!(c.close(d("2026-11-21"), "again", None).unwrap_err(), "already closed");
        assert_eq!(c.escalate(d("2026-11-21")).unwrap_err(), "the concern is closed: raise a new one");
        assert!(c.problems(d("2026-11-24")).is_empty());
    }

    #[test]
    fn a_plain_concern_closes_without_an_spc_outcome() {
        let mut c = concern();
        assert!(c.close(d("2026-11-05"), "x", Some(SpcOutcome::Closed)).is_err());
        assert!(c.close(d("2026-10-01"), "x", None).unwrap_err().contains("before it was raised"));
        c.close(d("2026-11-05"), "Paperwork sent and checked", None).unwrap();
        assert_eq!(c.status, ConcernStatus::Closed);
    }

    #[test]
    fn validation() {
        let mut c = concern();
        c.description.clear();
        c.raised_on = d("2026-12-01");
        let fields: Vec<&str> = c.problems(d("2026-11-24")).iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["description", "raised"]);
    }
}
