//! Monitoring visits and contract meetings: planned, then completed with an
//! outcome.

use super::code::code_enum;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    pub enum VisitKind {
        Monitoring => ("monitoring", "Monitoring visit"),
        Unannounced => ("unannounced", "Unannounced visit"),
        ContractMeeting => ("contract_meeting", "Contract meeting"),
        Cluster => ("cluster", "Cluster visit"),
        DesktopReview => ("desktop_review", "Desktop review"),
    }
);

impl VisitKind {
    /// Visits that see the setting in person and so reset its schedule.
    pub fn counts_as_monitoring(self) -> bool {
        matches!(self, Self::Monitoring | Self::Unannounced | Self::Cluster)
    }
}

code_enum!(
    pub enum VisitOutcome {
        Good => ("good", "Good"),
        Adequate => ("adequate", "Adequate"),
        Concerns => ("concerns", "Concerns"),
        SeriousConcerns => ("serious_concerns", "Serious concerns"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// The setting visited; `None` for a contract meeting with the provider.
    pub setting_id: Option<i64>,
    /// The provider met, for a contract meeting not tied to one setting.
    pub provider_id: Option<i64>,
    pub kind: VisitKind,
    pub planned: NaiveDate,
    pub completed: Option<NaiveDate>,
    pub officer: String,
    pub outcome: Option<VisitOutcome>,
    pub notes: String,
    pub follow_up: String,
    /// Shared by the visits of one cluster trip.
    pub trip: Option<String>,
}

/// A person's name as officers write it: "A. Khan", "Amrit Khan-Patel".
pub fn check_officer(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return Some("required: who made (or will make) the visit".into());
    }
    let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’');
    if name.chars().count() > 60 || !name.chars().all(allowed) || name.chars().filter(|c| c.is_alphabetic()).count() < 2
    {
        return Some(format!("{name:?} is not an officer's name: use letters, e.g. A. Khan"));
    }
    None
}

impl Validate for Visit {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out = Vec::new();
        match (self.setting_id, self.provider_id, self.kind) {
            (Some(_), None, _) | (None, Some(_), VisitKind::ContractMeeting) => {}
            (None, Some(_), _) => {
                out.push(Invalid::new("kind", "only a contract meeting can be with a provider rather than a setting"))
            }
            _ => out.push(Invalid::new(
                "setting",
                "a visit belongs to one setting, or one provider for a contract meeting",
            )),
        }
        if let Some(done) = self.completed {
            if done < self.planned {
                out.push(Invalid::new("completed", format!("is before the planned date {}", self.planned)));
            }
            if done > today {
                out.push(Invalid::new(
                    "completed",
                    format!("is after today ({today}): a visit is completed once it has happened"),
                ));
            }
            if self.outcome.is_none() {
                out.push(Invalid::new("outcome", "a completed visit needs its outcome"));
            }
        } else if self.outcome.is_some() {
            out.push(Invalid::new("outcome", "give an outcome once the visit is completed"));
        }
        if let Some(problem) = check_officer(&self.officer) {
            out.push(Invalid::new("officer", problem));
        }
        out.extend(check_text("notes", &self.notes, false, 4000));
        out.extend(check_text("follow-up", &self.follow_up, false, 2000));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn visit() -> Visit {
        Visit {
            setting_id: Some(1),
            provider_id: None,
            kind: VisitKind::Monitoring,
            planned: parse("2026-11-10").unwrap(),
            completed: Some(parse("2026-11-12").unwrap()),
            officer: "A. Khan".into(),
            outcome: Some(VisitOutcome::Good),
            notes: String::new(),
            follow_up: String::new(),
            trip: None,
        }
    }

    fn fields(v: &Visit) -> Vec<&'static str> {
        v.problems(parse("2026-11-24").unwrap()).into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_completed_visit_is_valid() {
        assert!(fields(&visit()).is_empty());
    }

    #[test]
    fn dates_must_make_sense() {
        let mut v = visit();
        v.completed = Some(parse("2026-11-01").unwrap());
        assert_eq!(fields(&v), vec!["completed"]);
        v.completed = Some(parse("2026-11-25").unwrap());
        assert_eq!(fields(&v), vec!["completed"]);
    }

    #[test]
    fn outcome_goes_with_completion() {
        let mut v = visit();
        v.outcome = None;
        assert_eq!(fields(&v), vec!["outcome"]);
        v.completed = None;
        assert!(fields(&v).is_empty(), "a planned visit has no outcome yet");
        v.outcome = Some(VisitOutcome::Concerns);
        assert_eq!(fields(&v), vec!["outcome"]);
    }

    #[test]
    fn officers_are_names() {
        for good in ["A. Khan", "Amrit Khan-Patel", "Siân O'Neill", "Jo"] {
            assert_eq!(check_officer(good), None, "{good}");
        }
        for bad in ["", "  ", "a.khan@marlshire.gov.uk", "Officer 7", "X", "=HYPERLINK()"] {
            assert!(check_officer(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn only_contract_meetings_are_with_a_provider() {
        let mut v = visit();
        v.setting_id = None;
        v.provider_id = Some(3);
        assert_eq!(fields(&v), vec!["kind"]);
        v.kind = VisitKind::ContractMeeting;
        assert!(fields(&v).is_empty());
        v.setting_id = Some(1);
        assert_eq!(fields(&v), vec!["setting"]);
    }

    #[test]
    fn which_kinds_reset_the_schedule() {
        assert!(VisitKind::Unannounced.counts_as_monitoring());
        assert!(VisitKind::Cluster.counts_as_monitoring());
        assert!(!VisitKind::DesktopReview.counts_as_monitoring());
        assert!(!VisitKind::ContractMeeting.counts_as_monitoring());
    }
}
