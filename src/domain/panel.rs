//! The Supported Accommodation Resources Panel (framework 003): each month
//! providers bring young people at risk (of eviction, of disengaging); the
//! panel agrees a support package, and the next panel hears the outcome.

use super::code::code_enum;
use super::date::Month;
use super::placement::ChildRef;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::Serialize;

code_enum!(
    pub enum PanelRisk {
        Eviction => ("eviction", "Eviction"),
        NonEngagement => ("non_engagement", "Not engaging with support"),
        Missing => ("missing", "Going missing"),
        Exploitation => ("exploitation", "Exploitation"),
        Other => ("other", "Other"),
    }
);

code_enum!(
    pub enum PanelOutcome {
        Settled => ("settled", "Settled: placement holds"),
        Continuing => ("continuing", "Continuing: back to the next panel"),
        Moved => ("moved", "Moved to another placement"),
        Evicted => ("evicted", "Evicted"),
        Other => ("other", "Other"),
    }
);

/// One young person brought to a month's panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PanelCase {
    pub month: Month,
    pub provider_id: i64,
    pub child_ref: ChildRef,
    pub risk: PanelRisk,
    pub details: String,
    /// The support package the panel agreed.
    pub package: String,
    /// Heard at a later panel.
    pub outcome: Option<PanelOutcome>,
    pub outcome_month: Option<Month>,
    pub outcome_note: String,
}

impl PanelCase {
    /// Brought to an earlier panel and its outcome not yet heard as of `today`.
    pub fn outcome_awaited(&self, today: NaiveDate) -> bool {
        self.outcome.is_none() && self.month < Month::of(today)
    }
}

impl Validate for PanelCase {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let texts =
            [("details", &self.details, false), ("package", &self.package, true), ("note", &self.outcome_note, false)];
        let mut out: Vec<Invalid> = texts.into_iter().filter_map(|(f, v, r)| check_text(f, v, r, 4000)).collect();
        if self.month > Month::of(today) {
            out.push(Invalid::new("panel", format!("{} is after this month", self.month.label())));
        }
        match (self.outcome, self.outcome_month) {
            (Some(_), None) => out.push(Invalid::new("heard at", "required with an outcome: the panel that heard it")),
            (None, Some(_)) => out.push(Invalid::new("outcome", "required once the panel that heard it is given")),
            (Some(_), Some(heard)) if heard <= self.month => {
                out.push(Invalid::new("heard at", format!("must be a later panel than {}", self.month.label())))
            }
            (Some(_), Some(heard)) if heard > Month::of(today) => {
                out.push(Invalid::new("heard at", format!("{} is after this month", heard.label())))
            }
            _ => {}
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn case(month: &str) -> PanelCase {
        PanelCase {
            month: Month::parse(month).unwrap(),
            provider_id: 1,
            child_ref: ChildRef::parse("SA-0107").unwrap(),
            risk: PanelRisk::Eviction,
            details: "Rent arrears; two warnings.".into(),
            package: "Tenancy support twice a week; budgeting course.".into(),
            outcome: None,
            outcome_month: None,
            outcome_note: String::new(),
        }
    }

    #[test]
    fn an_outcome_is_heard_at_a_later_panel() {
        let today = day("2026-12-01");
        let fields = |c: &PanelCase| c.problems(today).into_iter().map(|p| p.field).collect::<Vec<_>>();
        assert!(fields(&case("2026-11")).is_empty());
        assert!(case("2026-11").outcome_awaited(today), "last month's case awaits its outcome");
        assert!(!case("2026-12").outcome_awaited(today), "this month's is heard next month");
        assert_eq!(fields(&case("2027-01")), ["panel"]);
        let heard = |outcome, month: &str| PanelCase {
            outcome,
            outcome_month: Some(Month::parse(month).unwrap()),
            ..case("2026-10")
        };
        assert!(fields(&heard(Some(PanelOutcome::Settled), "2026-11")).is_empty());
        assert_eq!(fields(&heard(Some(PanelOutcome::Settled), "2026-10")), ["heard at"], "the same panel");
        assert_eq!(fields(&heard(Some(PanelOutcome::Settled), "2027-01")), ["heard at"], "a panel to come");
        assert_eq!(fields(&heard(None, "2026-11")), ["outcome"]);
        let no_package = PanelCase { package: " ".into(), ..case("2026-11") };
        assert_eq!(fields(&no_package), ["package"]);
    }
}
