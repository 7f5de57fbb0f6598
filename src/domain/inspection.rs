//! An Ofsted inspection event: when, what kind, and the judgements made.

use super::code::code_enum;
use super::rating::Judgement;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    pub enum InspectionKind {
        Full => ("full", "Full inspection"),
        Interim => ("interim", "Interim inspection"),
        Monitoring => ("monitoring", "Monitoring visit"),
        Assurance => ("assurance", "Assurance visit"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    pub setting_id: i64,
    pub date: NaiveDate,
    pub kind: InspectionKind,
    /// Overall effectiveness; a full inspection always has one.
    pub overall: Option<Judgement>,
    /// Overall experiences and progress of children and young people.
    pub experiences: Option<Judgement>,
    /// How well children and young people are helped and protected.
    pub protection: Option<Judgement>,
    /// The effectiveness of leaders and managers.
    pub leadership: Option<Judgement>,
    /// Ofsted's inspection event number, when known.
    pub event_ref: Option<String>,
    /// When the council learned of it (usually publication); `None` reads
    /// as the inspection date.
    pub recorded_on: Option<NaiveDate>,
}

impl Inspection {
    /// When the council learned of the judgement.
    pub fn learned(&self) -> NaiveDate {
        self.recorded_on.unwrap_or(self.date)
    }
}

impl Validate for Inspection {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out = Vec::new();
        if self.date > today {
            out.push(Invalid::new("date", format!("is after today ({today}): record inspections that happened")));
        }
        if self.kind == InspectionKind::Full && self.overall.is_none() {
            out.push(Invalid::new("overall", "a full inspection needs an overall judgement"));
        }
        out.extend(check_text("event ref", self.event_ref.as_deref().unwrap_or(""), false, 30));
        match self.recorded_on {
            Some(on) if on < self.date => {
                out.push(Invalid::new("learned", format!("is before the inspection ({})", self.date)))
            }
            Some(on) if on > today => out.push(Invalid::new("learned", format!("is after today ({today})"))),
            _ => {}
        }
        out
    }
}

/// The latest judged inspection among `inspections` (by date, then by the
/// order given, later wins on a tie).
pub fn latest_judged<'a>(inspections: impl IntoIterator<Item = &'a Inspection>) -> Option<&'a Inspection> {
    inspections.into_iter().filter(|i| i.overall.is_some()).fold(None, |best, i| match best {
        Some(b) if b.date > i.date => Some(b),
        _ => Some(i),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn full(date: &str, overall: Judgement) -> Inspection {
        Inspection {
            setting_id: 1,
            date: parse(date).unwrap(),
            kind: InspectionKind::Full,
            overall: Some(overall),
            experiences: None,
            protection: None,
            leadership: None,
            event_ref: None,
            recorded_on: None,
        }
    }

    #[test]
    fn future_inspections_and_unjudged_full_inspections_are_refused() {
        let today = parse("2026-01-10").unwrap();
        assert!(full("2026-01-10", Judgement::Good).problems(today).is_empty());
        let future = full("2026-01-11", Judgement::Good).problems(today);
        assert_eq!(future[0].field, "date");
        let mut unjudged = full("2025-06-01", Judgement::Good);
        unjudged.overall = None;
        assert_eq!(unjudged.problems(today)[0].field, "overall");
        unjudged.kind = InspectionKind::Monitoring;
        assert!(unjudged.problems(today).is_empty());
    }

    #[test]
    fn latest_judged_skips_visits_without_a_judgement() {
        let a = full("2023-05-01", Judgement::Good);
        let b = full("2025-02-01", Judgement::Inadequate);
        let mut c = full("2025-08-01", Judgement::Good);
        c.kind = InspectionKind::Monitoring;
        c.overall = None;
        let all = [a, b.clone(), c];
        assert_eq!(latest_judged(&all), Some(&b));
        let same_day = [full("2025-02-01", Judgement::Good), full("2025-02-01", Judgement::Inadequate)];
        assert_eq!(latest_judged(&same_day).unwrap().overall, Some(Judgement::Inadequate));
        assert_eq!(latest_judged(&[]), None);
    }
}
