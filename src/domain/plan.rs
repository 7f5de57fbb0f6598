//! Improvement plans: what a provider commits to do, by when, and the
//! actions that show it was done.

use super::code::code_enum;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    /// Where a plan came from.
    pub enum PlanSource {
        Visit => ("visit", "Monitoring visit"),
        Inspection => ("inspection", "Ofsted inspection"),
        Reg44 => ("reg44", "Reg 44 finding"),
        Concern => ("concern", "Concern"),
        Stop => ("stop", "Placement stop"),
        Group => ("group", "Group concern"),
        Other => ("other", "Other"),
    }
);

code_enum!(
    pub enum PlanStatus {
        Requested => ("requested", "Requested"),
        Received => ("received", "Received"),
        Agreed => ("agreed", "Agreed"),
        Monitoring => ("monitoring", "Monitoring"),
        Completed => ("completed", "Completed"),
        Escalated => ("escalated", "Escalated"),
    }
);

impl PlanStatus {
    /// The next step of the usual path, if any.
    pub fn next(self) -> Option<PlanStatus> {
        match self {
            Self::Requested => Some(Self::Received),
            Self::Received => Some(Self::Agreed),
            Self::Agreed => Some(Self::Monitoring),
            Self::Monitoring => Some(Self::Completed),
            Self::Completed | Self::Escalated => None,
        }
    }

    pub fn is_open(self) -> bool {
        !matches!(self, Self::Completed | Self::Escalated)
    }
}

code_enum!(
    pub enum ActionStatus {
        Open => ("open", "Open"),
        InProgress => ("in_progress", "In progress"),
        Done => ("done", "Done"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The setting; `None` for a plan covering the whole provider.
    pub setting_id: Option<i64>,
    pub provider_id: i64,
    pub title: String,
    pub source: PlanSource,
    /// The visit, inspection, finding, concern or stop that raised it.
    pub source_id: Option<i64>,
    pub requested_on: NaiveDate,
    pub due_back: NaiveDate,
    pub status: PlanStatus,
    /// When the status last changed.
    pub status_on: NaiveDate,
}

impl Validate for Plan {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = check_text("title", &self.title, true, 200).into_iter().collect();
        if self.requested_on > today {
            out.push(Invalid::new("requested", format!("is after today ({today})")));
        }
        if self.due_back < self.requested_on {
            out.push(Invalid::new("due back", format!("is before the plan was requested ({})", self.requested_on)));
        }
        if self.source == PlanSource::Group {
            if self.source_id.is_none() {
                out.push(Invalid::new(
                    "raised from",
                    "a group concern's plan is requested from the group's page (g w, Enter, p)",
                ));
            }
            if self.setting_id.is_some() {
                out.push(Invalid::new("concerning", "a group plan concerns a whole provider, not one setting"));
            }
        }
        out
    }
}

/// The result of checking a status change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    Allowed,
    /// Allowed only if the user confirms (e.g. completing with open actions).
    NeedsConfirmation(String),
    Refused(String),
}

impl Plan {
    /// Its status at the end of `day`, and since when, given its history
    /// (oldest first): the latest change by then; with none recorded, its
    /// status if set by then, else requested.
    pub fn status_on_day<'a>(
        &self,
        history: impl DoubleEndedIterator<Item = &'a PlanEvent>,
        day: NaiveDate,
    ) -> (PlanStatus, NaiveDate) {
        match history.rev().find(|e| e.on <= day) {
            Some(e) => (e.status, e.on),
            None if self.status_on <= day => (self.status, self.status_on),
            None => (PlanStatus::Requested, self.requested_on),
        }
    }

    /// Still awaited from the provider after the day it was due back.
    pub fn is_late_back(&self, today: NaiveDate) -> bool {
        self.status == PlanStatus::Requested && self.due_back < today
    }

    /// The first line of its history, the same whichever way it was requested.
    pub fn requested_note(&self) -> String {
        let from = match self.source {
            PlanSource::Visit => " after a monitoring visit",
            PlanSource::Inspection => " after an Ofsted inspection",
            PlanSource::Reg44 => " after a Reg 44 finding",
            PlanSource::Concern => " about a concern",
            PlanSource::Stop => " with a placement stop",
            PlanSource::Group => " about a group concern",
            PlanSource::Other => "",
        };
        format!("requested{from}, due back by {}", self.due_back)
    }

    /// Whether the plan may move to `to` given its actions.
    pub fn check_move(&self, to: PlanStatus, actions: &[PlanAction], on: NaiveDate) -> Transition {
        if !self.status.is_open() {
            return Transition::Refused(format!(
                "the plan is {}: it cannot change",
                self.status.label().to_lowercase()
            ));
        }
        if on < self.status_on {
            return Transition::Refused(format!("is before the last change ({})", self.status_on));
        }
        let open = actions.iter().filter(|a| a.status != ActionStatus::Done).count();
        match to {
            PlanStatus::Escalated => Transition::Allowed,
            PlanStatus::Completed if self.status != PlanStatus::Monitoring => {
                Transition::Refused("a plan is completed from monitoring".into())
            }
            PlanStatus::Completed if open > 0 => Transition::NeedsConfirmation(format!(
                "{open} action{} not done: complete the plan anyway?",
                if open == 1 { " is" } else { "s are" }
            )),
            to if Some(to) == self.status.next() => Transition::Allowed,
            to => Transition::Refused(format!(
                "a {} plan moves to {}, not {}",
                self.status.label().to_lowercase(),
                self.status.next().map_or("nothing".into(), |n| n.label().to_lowercase()),
                to.label().to_lowercase()
            )),
        }
    }
}

/// One action of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    pub plan_id: i64,
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    pub evidence: String,
    pub completed_on: Option<NaiveDate>,
}

impl PlanAction {
    /// Done by the end of `day`: a completion recorded later had not happened yet.
    pub fn is_done_by(&self, day: NaiveDate) -> bool {
        self.status == ActionStatus::Done && self.completed_on.is_none_or(|d| d <= day)
    }

    /// Past its due day and not done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.is_done_by(today) && self.due_on < today
    }
}

impl Validate for PlanAction {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = [
            check_text("action", &self.description, true, 1000),
            check_text("owner", &self.owner, true, 80),
            check_text("evidence", &self.evidence, false, 2000),
        ]
        .into_iter()
        .flatten()
        .collect();
        match (self.status, self.completed_on) {
            (ActionStatus::Done, None) => {
                out.push(Invalid::new("completed", "a done action needs the day it was done"))
            }
            (ActionStatus::Done, Some(on)) if on > today => {
                out.push(Invalid::new("completed", format!("is after today ({today})")))
            }
            (ActionStatus::Done, Some(_)) => {}
            (_, Some(_)) => out.push(Invalid::new("completed", "only a done action has a completion date")),
            (_, None) => {}
        }
        out
    }
}

/// The check the store makes against the plan: an action is not due before
/// its plan was requested.
pub fn check_action_dates(action: &PlanAction, plan: &Plan) -> Option<Invalid> {
    (action.due_on < plan.requested_on)
        .then(|| Invalid::new("due", format!("is before the plan was requested ({})", plan.requested_on)))
}

/// How far a plan's actions have got, as of a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
    /// Not done and past their due date.
    pub overdue: u32,
}

impl Progress {
    pub fn of(actions: &[PlanAction], today: NaiveDate) -> Progress {
        let count = |keep: &dyn Fn(&PlanAction) -> bool| actions.iter().filter(|a| keep(a)).count() as u32;
        Progress {
            done: count(&|a| a.is_done_by(today)),
            total: actions.len() as u32,
            overdue: count(&|a| a.is_overdue(today)),
        }
    }

    /// Completed actions as a percentage of all; `None` with no actions.
    pub fn percent(&self) -> Option<u32> {
        super::percent(self.done, self.total)
    }

    /// "2/3 (67%)", or "no actions".
    pub fn text(&self) -> String {
        match self.percent() {
            Some(p) => format!("{}/{} ({p}%)", self.done, self.total),
            None => "no actions".into(),
        }
    }
}

/// One change of a plan's status, kept as its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEvent {
    pub plan_id: i64,
    pub status: PlanStatus,
    pub on: NaiveDate,
    pub by: String,
    pub note: String,
}

impl Validate for PlanEvent {
    fn problems(&self, _today: NaiveDate) -> Vec<Invalid> {
        check_text("note", &self.note, false, 1000).into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    fn plan(status: PlanStatus) -> Plan {
        Plan {
            setting_id: Some(1),
            provider_id: 1,
            title: "Paperwork and supervision".into(),
            source: PlanSource::Stop,
            source_id: Some(1),
            requested_on: d("2026-11-01"),
            due_back: d("2026-11-15"),
            status,
            status_on: d("2026-11-01"),
        }
    }

    fn action(status: ActionStatus, due: &str) -> PlanAction {
        PlanAction {
            plan_id: 1,
            description: "Audit every young person's file".into(),
            owner: "Registered manager".into(),
            due_on: d(due),
            status,
            evidence: String::new(),
            completed_on: (status == ActionStatus::Done).then(|| d("2026-11-10")),
        }
    }

    #[test]
    fn the_usual_path_and_its_refusals() {
        use PlanStatus::*;
        let on = d("2026-11-20");
        let path = [Requested, Received, Agreed, Monitoring];
        for w in path.windows(2) {
            assert_eq!(plan(w[0]).check_move(w[1], &[], on), Transition::Allowed, "{:?} → {:?}", w[0], w[1]);
        }
        assert!(
            matches!(plan(Requested).check_move(Agreed, &[], on), Transition::Refused(m) if m == "a requested plan moves to received, not agreed")
        );
        assert!(
            matches!(plan(Agreed).check_move(Completed, &[], on), Transition::Refused(m) if m.contains("completed from monitoring"))
        );
        assert_eq!(
            plan(Monitoring).check_move(Completed, &[action(ActionStatus::Done, "2026-11-10")], on),
            Transition::Allowed
        );
        assert_eq!(
            plan(Requested).check_move(Escalated, &[], on),
            Transition::Allowed,
            "escalation from any open state"
        );
        assert!(
            matches!(plan(Completed).check_move(Escalated, &[], on), Transition::Refused(m) if m.contains("cannot change"))
        );
        assert!(matches!(plan(Escalated).check_move(Received, &[], on), Transition::Refused(_)));
        assert!(
            matches!(plan(Received).check_move(Agreed, &[], d("2026-10-01")), Transition::Refused(m) if m.contains("before the last change"))
        );
    }

    #[test]
    fn completing_with_open_actions_needs_confirmation() {
        let actions = [
            action(ActionStatus::Done, "2026-11-10"),
            action(ActionStatus::Open, "2026-11-30"),
            action(ActionStatus::InProgress, "2026-11-30"),
        ];
        assert_eq!(
            plan(PlanStatus::Monitoring).check_move(PlanStatus::Completed, &actions, d("2026-11-20")),
            Transition::NeedsConfirmation("2 actions are not done: complete the plan anyway?".into())
        );
    }

    #[test]
    fn progress_and_overdue_arithmetic() {
        let actions = [
            action(ActionStatus::Done, "2026-11-10"),
            action(ActionStatus::Open, "2026-11-23"),
            action(ActionStatus::Open, "2026-11-24"),
        ];
        let today = d("2026-11-24");
        let progress = Progress::of(&actions, today);
        assert_eq!((progress.percent(), progress.text(), progress.overdue), (Some(33), "1/3 (33%)".into(), 1));
        assert_eq!((Progress::of(&[], today).percent(), Progress::of(&[], today).text()), (None, "no actions".into()));
        let overdue: Vec<bool> = actions.iter().map(|a| a.is_overdue(today)).collect();
        assert_eq!(overdue, vec![false, true, false], "done is never overdue; due today is not yet overdue");
    }

    #[test]
    fn actions_are_checked_against_themselves_and_their_plan() {
        let p = plan(PlanStatus::Requested);
        let early = action(ActionStatus::Open, "2026-10-15");
        assert_eq!(check_action_dates(&early, &p).unwrap().message, "is before the plan was requested (2026-11-01)");
        assert!(check_action_dates(&action(ActionStatus::Open, "2026-11-01"), &p).is_none());
        let mut done = action(ActionStatus::Done, "2026-11-15");
        done.completed_on = None;
        assert_eq!(done.problems(d("2026-11-24"))[0].field, "completed");
        let mut open = action(ActionStatus::Open, "2026-11-15");
        open.completed_on = Some(d("2026-11-20"));
        assert_eq!(open.problems(d("2026-11-24"))[0].message, "only a done action has a completion date");
    }

    #[test]
    fn plan_dates_are_checked() {
        let mut p = plan(PlanStatus::Requested);
        p.due_back = d("2026-10-01");
        assert_eq!(p.problems(d("2026-11-24"))[0].field, "due back");
    }
}
