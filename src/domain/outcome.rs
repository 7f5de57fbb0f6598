//! Outcomes agreed for a placed child and the payments they carry
//! (document 000): a basic fee plus a payment when an agreed SMART outcome
//! is met. Recording an outcome as met, with its evidence, makes its
//! payment due from that day; not before.

use super::money::Pence;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One SMART outcome agreed for a placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub placement_id: i64,
    /// What is to be achieved, and how it is measured.
    pub what: String,
    pub measure: String,
    pub agreed_on: NaiveDate,
    pub target: NaiveDate,
    /// The payment stage it belongs to (1, 2, …).
    pub stage: u32,
    pub payment: Pence,
    /// Met on that day, with the evidence.
    pub met_on: Option<NaiveDate>,
    pub evidence: String,
    pub paid_on: Option<NaiveDate>,
}

/// Where an outcome stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Standing {
    /// Agreed, its target day not yet passed.
    Agreed,
    /// Its target passed unmet.
    Missed,
    /// Met: its payment due, not yet paid.
    Due,
    Paid,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::Agreed => "agreed",
            Standing::Missed => "missed",
            Standing::Due => "met: payment due",
            Standing::Paid => "met and paid",
        }
    }
}

impl Outcome {
    /// Where it stands on `day`, counting only what had happened by then.
    pub fn standing(&self, day: NaiveDate) -> Standing {
        match (self.met_on.filter(|m| *m <= day), self.paid_on.filter(|p| *p <= day)) {
            (Some(_), Some(_)) => Standing::Paid,
            (Some(_), None) => Standing::Due,
            (None, _) if day > self.target => Standing::Missed,
            (None, _) => Standing::Agreed,
        }
    }

    /// Its payment, if due on `day`: met by then and not yet paid.
    pub fn payment_due(&self, day: NaiveDate) -> Option<Pence> {
        (self.standing(day) == Standing::Due).then_some(self.payment)
    }
}

impl Validate for Outcome {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> =
            [check_text("what", &self.what, true, 500), check_text("measure", &self.measure, true, 500)]
                .into_iter()
                .flatten()
                .collect();
        let evidence_needed = self.met_on.is_some();
        out.extend(check_text("evidence", &self.evidence, evidence_needed, 2000));
        if self.agreed_on > today {
            out.push(Invalid::new("agreed", format!("is after today ({today}): record an outcome once agreed")));
        }
        if self.target < self.agreed_on {
            out.push(Invalid::new("target", format!("is before it was agreed ({})", self.agreed_on)));
        }
        if self.stage == 0 {
            out.push(Invalid::new("stage", "stages count from 1"));
        }
        if let Some(met) = self.met_on {
            if met < self.agreed_on {
                out.push(Invalid::new("met", format!("is before the outcome was agreed ({})", self.agreed_on)));
            } else if met > today {
                out.push(Invalid::new("met", format!("is after today ({today})")));
            }
        }
        match (self.met_on, self.paid_on) {
            (None, Some(_)) => out.push(Invalid::new("paid", "a payment is made once its outcome is met")),
            (Some(met), Some(paid)) if paid < met => {
                out.push(Invalid::new("paid", format!("is before the outcome was met ({met})")))
            }
            (_, Some(paid)) if paid > today => out.push(Invalid::new("paid", format!("is after today ({today})"))),
            _ => {}
        }
        out
    }
}

/// A provider's or setting's outcomes on a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub agreed: u32,
    pub met: u32,
    pub missed: u32,
    pub payments_due: Pence,
    pub paid: Pence,
}

/// Both tallies together.
impl std::ops::Add for Tally {
    type Output = Tally;
    fn add(self, other: Tally) -> Tally {
        Tally {
            agreed: self.agreed + other.agreed,
            met: self.met + other.met,
            missed: self.missed + other.missed,
            payments_due: Pence(self.payments_due.0 + other.payments_due.0),
            paid: Pence(self.paid.0 + other.paid.0),
        }
    }
}

/// Counts `outcomes` as they stood on `day` (those agreed by then).
pub fn tally<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>, day: NaiveDate) -> Tally {
    let mut t = Tally::default();
    for o in outcomes.into_iter().filter(|o| o.agreed_on <= day) {
        t.agreed += 1;
        match o.standing(day) {
            Standing::Agreed => {}
            Standing::Missed => t.missed += 1,
            Standing::Due => {
                t.met += 1;
                t.payments_due.0 += o.payment.0;
            }
            Standing::Paid => {
                t.met += 1;
                t.paid.0 += o.payment.0;
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    fn outcome() -> Outcome {
        Outcome {
            placement_id: 1,
            what: "Attends school every day for a term".into(),
            measure: "school attendance records at or above 95%".into(),
            agreed_on: d("2026-04-01"),
            target: d("2026-07-31"),
            stage: 1,
            payment: Pence::from_pounds(1_500),
            met_on: None,
            evidence: String::new(),
            paid_on: None,
        }
    }

    #[test]
    fn the_payment_falls_due_on_the_day_the_outcome_is_met_and_not_before() {
        let o = Outcome { met_on: Some(d("2026-07-20")), evidence: "attendance 97%".into(), ..outcome() };
        assert_eq!(o.payment_due(d("2026-07-19")), None, "the day before it was met");
        assert_eq!(o.payment_due(d("2026-07-20")), Some(Pence::from_pounds(1_500)), "the day it was met");
        let paid = Outcome { paid_on: Some(d("2026-08-15")), ..o.clone() };
        assert_eq!(paid.payment_due(d("2026-08-14")), Some(Pence::from_pounds(1_500)));
        assert_eq!((paid.payment_due(d("2026-08-15")), paid.standing(d("2026-08-15"))), (None, Standing::Paid));
    }

    #[test]
    fn an_outcome_unmet_by_its_target_is_missed() {
        let o = outcome();
        assert_eq!(o.standing(d("2026-07-31")), Standing::Agreed, "on its target day");
        assert_eq!(o.standing(d("2026-08-01")), Standing::Missed);
    }

    #[test]
    fn refused_an_outcome_met_before_it_was_agreed_and_a_payment_before_it_was_met() {
        let today = d("2026-12-01");
        let fields = |o: &Outcome| o.problems(today).iter().map(|p| p.field).collect::<Vec<_>>();
        let early = Outcome { met_on: Some(d("2026-03-01")), evidence: "x".into(), ..outcome() };
        assert_eq!(fields(&early), ["met"]);
        assert!(early.problems(today)[0].message.contains("before the outcome was agreed (2026-04-01)"));
        let no_evidence = Outcome { met_on: Some(d("2026-07-01")), ..outcome() };
        assert_eq!(fields(&no_evidence), ["evidence"]);
        let unmet_paid = Outcome { paid_on: Some(d("2026-07-01")), ..outcome() };
        assert_eq!(fields(&unmet_paid), ["paid"]);
        let target = Outcome { target: d("2026-03-01"), ..outcome() };
        assert_eq!(fields(&target), ["target"]);
    }

    #[test]
    fn a_tally_counts_what_stood_on_the_day() {
        let met = Outcome { met_on: Some(d("2026-06-01")), evidence: "x".into(), ..outcome() };
        let paid = Outcome { paid_on: Some(d("2026-06-20")), payment: Pence::from_pounds(500), ..met.clone() };
        let later = Outcome { agreed_on: d("2026-11-01"), target: d("2027-01-01"), ..outcome() };
        let all = [outcome(), met, paid, later];
        let t = tally(&all, d("2026-10-01"));
        // By hand on 1 October: three agreed (the fourth came later); the first missed
        // its July target; one met and due (£1,500), one met and paid (£500).
        assert_eq!((t.agreed, t.met, t.missed), (3, 2, 1));
        assert_eq!((t.payments_due, t.paid), (Pence::from_pounds(1_500), Pence::from_pounds(500)));
    }
}
