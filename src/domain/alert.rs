//! A change of Ofsted judgement learned from an import: shown on the
//! dashboard and the setting's screen until someone acknowledges it.

use super::rating::{Judgement, Severity};
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingAlert {
    pub setting_id: i64,
    pub from: Judgement,
    pub to: Judgement,
    pub inspected_on: NaiveDate,
    /// The day the import brought it in.
    pub raised_on: NaiveDate,
    /// A fall to Inadequate or Requires improvement where children are placed.
    pub urgent: bool,
    pub acknowledged_on: Option<NaiveDate>,
    pub acknowledged_by: String,
}

impl RatingAlert {
    /// The alert for a change from `from` to `to`; urgent when it is a fall
    /// to Inadequate or Requires improvement with children placed.
    pub fn new(
        setting_id: i64,
        from: Judgement,
        to: Judgement,
        inspected_on: NaiveDate,
        children: u32,
        on: NaiveDate,
    ) -> Self {
        let urgent = to.is_worse_than(from) && to.severity() >= Severity::RequiresImprovement && children > 0;
        RatingAlert {
            setting_id,
            from,
            to,
            inspected_on,
            raised_on: on,
            urgent,
            acknowledged_on: None,
            acknowledged_by: String::new(),
        }
    }

    pub fn is_downgrade(&self) -> bool {
        self.to.is_worse_than(self.from)
    }

    pub fn is_open(&self) -> bool {
        self.acknowledged_on.is_none()
    }

    /// "Good → Inadequate (inspected 2026-10-02)".
    pub fn describe(&self) -> String {
        format!("{} → {} (inspected {})", self.from.label(), self.to.label(), self.inspected_on)
    }

    pub fn acknowledge(&mut self, on: NaiveDate, by: &str) -> Result<(), String> {
        if let Some(done) = self.acknowledged_on {
            return Err(format!("already acknowledged on {done} by {}", self.acknowledged_by));
        }
        self.acknowledged_on = Some(on);
        self.acknowledged_by = by.trim().to_string();
        Ok(())
    }
}

impl Validate for RatingAlert {
    fn problems(&self, _today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> =
            check_text("acknowledged by", &self.acknowledged_by, false, 60).into_iter().collect();
        if self.acknowledged_on.is_some_and(|a| a < self.raised_on) {
            out.push(Invalid::new("acknowledged on", format!("is before the alert was raised ({})", self.raised_on)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    #[test]
    fn a_fall_to_ri_or_inadequate_with_children_placed_is_urgent() {
        let d = parse("2026-10-01").unwrap();
        let a = |from, to, children| RatingAlert::new(1, from, to, d, children, d);
        use Judgement::*;
        assert!(a(Good, Inadequate, 2).urgent);
        assert!(a(Good, RequiresImprovement, 1).urgent);
        assert!(a(ConsistentlyStrong, Inconsistent, 1).urgent);
        assert!(!a(Good, Inadequate, 0).urgent, "no child placed there");
        assert!(!a(Outstanding, Good, 3).urgent, "still Good");
        assert!(!a(Inadequate, RequiresImprovement, 3).urgent, "an improvement");
        assert!(a(Good, Inadequate, 0).is_downgrade() && !a(Inadequate, Good, 0).is_downgrade());
    }

    #[test]
    fn acknowledging_happens_once() {
        let d = parse("2026-10-01").unwrap();
        let mut alert = RatingAlert::new(1, Judgement::Good, Judgement::Inadequate, d, 1, d);
        alert.acknowledge(d, "A. Khan").unwrap();
        assert!(!alert.is_open());
        assert_eq!(alert.acknowledge(d, "B. Morris").unwrap_err(), "already acknowledged on 2026-10-01 by A. Khan");
    }
}
