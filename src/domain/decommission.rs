//! The decommissioning protocol (document 002): when a home with our
//! children placed falls below Good, a review opens with four steps, each
//! with an owner and a due day: notify the Director of Children's Services,
//! visit the home, review each child's placement, and decide whether to
//! continue with an improvement plan, stop placements, or end the contract.
//! It stays open, on the setting's screen and in the board pack, until the
//! decision is recorded.

use super::code::code_enum;
use super::date::add_days;
use super::inspection::{Inspection, latest_judged};
use super::policy::Decommissioning as Days;
use super::rating::{Judgement, Severity};
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    /// What the review decided.
    pub enum Decision {
        ContinueWithPlan => ("continue_with_plan", "Continue with an improvement plan"),
        PlacementStop => ("placement_stop", "Placement stop"),
        EndContract => ("end_contract", "End the contract"),
    }
);

/// One step of the protocol, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Step {
    NotifyDcs,
    Visit,
    ReviewChildren,
    Decide,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::NotifyDcs, Step::Visit, Step::ReviewChildren, Step::Decide];

    pub fn label(self) -> &'static str {
        match self {
            Step::NotifyDcs => "Notify the Director of Children's Services",
            Step::Visit => "Visit the home",
            Step::ReviewChildren => "Review each child's placement",
            Step::Decide => "Decide: plan, stop or end the contract",
        }
    }
}

/// A step's owner, due day and the day it was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub owner: String,
    pub due: NaiveDate,
    pub done_on: Option<NaiveDate>,
}

/// One decommissioning review of a setting, opened by the judgement that
/// took it below Good.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub setting_id: i64,
    /// The inspection whose judgement opened it.
    pub inspection_id: i64,
    pub from: Judgement,
    pub to: Judgement,
    pub inspected_on: NaiveDate,
    pub opened_on: NaiveDate,
    /// Children placed on the day it opened.
    pub children: u32,
    pub notify: Task,
    pub visit: Task,
    pub review: Task,
    /// The decision's task: done when decided.
    pub decide: Task,
    pub decision: Option<Decision>,
    pub note: String,
}

/// Whether recording `new` among a setting's `inspections` (which hold it)
/// opens a review: its headline is below Good, it is now the setting's
/// latest judgement, the judgement before it was Good or better, children
/// are placed, and the council learned of it within the policy's days. A
/// first judgement, one already below Good before, an improvement, or
/// history older than the latest opens nothing.
pub fn opens(
    inspections: &[Inspection],
    new: &Inspection,
    children: u32,
    today: NaiveDate,
    days: &Days,
) -> Option<(Judgement, Judgement)> {
    let to = new.overall.filter(|j| j.severity() >= Severity::RequiresImprovement)?;
    let latest = latest_judged(inspections)?;
    if latest != new || children == 0 {
        return None;
    }
    let learned = new.recorded_on.unwrap_or(new.date);
    if learned < add_days(today, -i64::from(days.opens_within_days)) {
        return None;
    }
    let before = latest_judged(inspections.iter().filter(|i| *i != new && i.date <= new.date))?;
    let from = before.overall.filter(|j| j.severity() <= Severity::Good)?;
    Some((from, to))
}

impl Review {
    /// The review `new` opens today, each step due the policy's days on
    /// and owned by `owner` until someone else takes it.
    pub fn open(
        inspection_id: i64,
        (from, to): (Judgement, Judgement),
        new: &Inspection,
        children: u32,
        owner: &str,
        today: NaiveDate,
        days: &Days,
    ) -> Review {
        let task =
            |after: u32| Task { owner: owner.to_string(), due: add_days(today, i64::from(after)), done_on: None };
        Review {
            setting_id: new.setting_id,
            inspection_id,
            from,
            to,
            inspected_on: new.date,
            opened_on: today,
            children,
            notify: task(days.notify_days),
            visit: task(days.visit_days),
            review: task(days.review_days),
            decide: task(days.decide_days),
            decision: None,
            note: String::new(),
        }
    }

    pub fn task(&self, step: Step) -> &Task {
        match step {
            Step::NotifyDcs => &self.notify,
            Step::Visit => &self.visit,
            Step::ReviewChildren => &self.review,
            Step::Decide => &self.decide,
        }
    }

    /// The review as it stood at the end of `day`: `None` if not yet
    /// opened; steps done and a decision made later undone.
    pub fn as_of(&self, day: NaiveDate) -> Option<Review> {
        if self.opened_on > day {
            return None;
        }
        let mut then = self.clone();
        for task in [&mut then.notify, &mut then.visit, &mut then.review, &mut then.decide] {
            task.done_on = task.done_on.filter(|d| *d <= day);
        }
        if then.decide.done_on.is_none() {
            then.decision = None;
        }
        Some(then)
    }

    pub fn is_open(&self) -> bool {
        self.decision.is_none()
    }

    /// The first step not done, if any.
    pub fn next_step(&self) -> Option<Step> {
        Step::ALL.into_iter().find(|s| self.task(*s).done_on.is_none())
    }

    /// The steps past their due day and not done on `today`.
    pub fn overdue(&self, today: NaiveDate) -> Vec<Step> {
        Step::ALL.into_iter().filter(|s| self.task(*s).done_on.is_none() && self.task(*s).due < today).collect()
    }

    /// "2 of 4 steps done; next: Review each child's placement, due 2026-12-08".
    pub fn progress(&self, today: NaiveDate) -> String {
        let done = Step::ALL.iter().filter(|s| self.task(**s).done_on.is_some()).count();
        match (self.decision, self.next_step()) {
            (Some(d), _) => {
                format!("decided on {}: {}", self.decide.done_on.map_or_else(String::new, |d| d.to_string()), d.label())
            }
            (None, Some(step)) => {
                let task = self.task(step);
                let late = if task.due < today { " (overdue)" } else { "" };
                format!("{done} of 4 steps done; next: {}, due {}{late}", step.label(), task.due)
            }
            (None, None) => format!("{done} of 4 steps done"),
        }
    }
}

/// Each step's fields, as the form names them, and what doing it is.
const FIELDS: [(&str, &str, &str, &str); 4] = [
    ("notify owner", "notify due", "notify done", "DCS notified"),
    ("visit owner", "visit due", "visit done", "visited"),
    ("review owner", "review due", "review done", "children reviewed"),
    ("decide owner", "decide due", "decide done", "decided"),
];

impl Validate for Review {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = check_text("note", &self.note, false, 2000).into_iter().collect();
        for (step, (owner, due, done, what)) in Step::ALL.into_iter().zip(FIELDS) {
            let task = self.task(step);
            out.extend(check_text(owner, &task.owner, true, 60));
            if task.due < self.opened_on {
                out.push(Invalid::new(due, format!("is before the review opened ({})", self.opened_on)));
            }
            match task.done_on {
                Some(day) if day < self.opened_on => {
                    out.push(Invalid::new(done, format!("{what}: is before the review opened ({})", self.opened_on)))
                }
                Some(day) if day > today => out.push(Invalid::new(done, format!("{what}: is after today ({today})"))),
                _ => {}
            }
        }
        match (self.decision, self.decide.done_on) {
            (Some(_), None) => out.push(Invalid::new("decide done", "give the day the decision was made")),
            (None, Some(_)) => out.push(Invalid::new("decision", "choose what was decided, or clear the day decided")),
            (Some(_), Some(_)) => {
                let before: Vec<&str> = [
                    (Step::NotifyDcs, "the DCS notified"),
                    (Step::Visit, "the visit"),
                    (Step::ReviewChildren, "each child's placement reviewed"),
                ]
                .into_iter()
                .filter(|(s, _)| self.task(*s).done_on.is_none())
                .map(|(_, w)| w)
                .collect();
                if !before.is_empty() {
                    out.push(Invalid::new(
                        "decision",
                        format!("decide once the other steps are done: {} first", before.join(", ")),
                    ));
                }
            }
            (None, None) => {}
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;
    use crate::domain::inspection::InspectionKind;
    use crate::domain::policy::Policy;

    fn full(date: &str, overall: Judgement) -> Inspection {
        Inspection::headline(7, parse(date).unwrap(), InspectionKind::Full, Some(overall))
    }

    fn today() -> NaiveDate {
        parse("2026-12-01").unwrap()
    }

    fn opened(history: &[Inspection], new: &Inspection, children: u32) -> Option<(Judgement, Judgement)> {
        let mut all = history.to_vec();
        all.push(new.clone());
        opens(&all, new, children, today(), &Policy::default().decommissioning)
    }

    #[test]
    fn a_fall_below_good_with_children_placed_opens_a_review() {
        use Judgement::*;
        let good = [full("2024-05-01", Good)];
        assert_eq!(opened(&good, &full("2026-11-20", RequiresImprovement), 2), Some((Good, RequiresImprovement)));
        assert_eq!(
            opened(&[full("2024-05-01", Outstanding)], &full("2026-11-20", Inadequate), 1),
            Some((Outstanding, Inadequate))
        );
    }

    #[test]
    fn nothing_else_opens_one() {
        use Judgement::*;
        let good = [full("2024-05-01", Good)];
        // No children placed.
        assert_eq!(opened(&good, &full("2026-11-20", Inadequate), 0), None);
        // Still Good, or better.
        assert_eq!(opened(&good, &full("2026-11-20", Good), 3), None);
        // A first judgement, with nothing before it to fall from.
        assert_eq!(opened(&[], &full("2026-11-20", Inadequate), 3), None);
        // Already below Good: a further fall or an improvement.
        assert_eq!(opened(&[full("2025-05-01", RequiresImprovement)], &full("2026-11-20", Inadequate), 3), None);
        assert_eq!(opened(&[full("2025-05-01", Inadequate)], &full("2026-11-20", RequiresImprovement), 3), None);
        // History older than the latest judgement.
        assert_eq!(
            opened(&[full("2026-06-01", Good), full("2020-01-01", Good)], &full("2023-03-01", Inadequate), 3),
            None
        );
        // A fall learned of long ago, brought in with a first import of history.
        assert_eq!(opened(&good, &full("2025-06-01", Inadequate), 3), None);
        // A visit without a judgement.
        let visit = Inspection::headline(7, parse("2026-11-20").unwrap(), InspectionKind::Monitoring, None);
        assert_eq!(opened(&good, &visit, 3), None);
    }

    fn review() -> Review {
        let new = full("2026-11-20", Judgement::Inadequate);
        let days = Policy::default().decommissioning;
        Review::open(3, (Judgement::Good, Judgement::Inadequate), &new, 2, "A. Officer", today(), &days)
    }

    #[test]
    fn its_steps_fall_due_the_policys_days_after_it_opens() {
        let r = review();
        let days = Policy::default().decommissioning;
        assert_eq!(r.notify.due, add_days(today(), i64::from(days.notify_days)));
        assert_eq!(r.decide.due, add_days(today(), i64::from(days.decide_days)));
        assert_eq!(r.next_step(), Some(Step::NotifyDcs));
        assert!(r.overdue(today()).is_empty());
        let later = add_days(r.visit.due, 1);
        assert_eq!(r.overdue(later), vec![Step::NotifyDcs, Step::Visit]);
        assert!(r.progress(later).starts_with("0 of 4 steps done; next: Notify"), "{}", r.progress(later));
        assert!(r.problems(today()).is_empty(), "{:?}", r.problems(today()));
    }

    #[test]
    fn a_decision_needs_its_day_and_the_other_steps_done() {
        let mut r = review();
        r.decision = Some(Decision::PlacementStop);
        assert_eq!(r.problems(today())[0].field, "decide done");
        r.decide.done_on = Some(today());
        let found = r.problems(today());
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("the DCS notified, the visit, each child's placement reviewed first"),
            "{}",
            found[0].message
        );
        for step in [Step::NotifyDcs, Step::Visit, Step::ReviewChildren] {
            match step {
                Step::NotifyDcs => r.notify.done_on = Some(today()),
                Step::Visit => r.visit.done_on = Some(today()),
                _ => r.review.done_on = Some(today()),
            }
        }
        assert!(r.problems(today()).is_empty());
        assert!(!r.is_open());
        assert_eq!(r.progress(today()), "decided on 2026-12-01: Placement stop");
        r.visit.done_on = Some(parse("2026-11-30").unwrap());
        assert!(r.problems(today())[0].message.contains("before the review opened"));
    }
}
