//! Placement stop forms: issue, work the checklist, review placements,
//! lift or decommission, and export the notice.

use super::target::Target;
use super::{Choice, Field, Form, FormSpec, Problem, Saved, Values, record_form};
use crate::domain::date::add_days;
use crate::domain::placement::Placement;
use crate::domain::policy::Stops;
use crate::domain::stop::{PlacementReview, PlacementStop, ReviewOutcome};
use crate::domain::{Invalid, Validate};
use crate::store::RecordRef;
use crate::store::{Store, StoreError, Stored, record};
use chrono::NaiveDate;

/// What a new stop may follow: open concerns and recent visits.
pub struct Grounds {
    pub concerns: Vec<Choice>,
    pub visits: Vec<Choice>,
}

/// Issues a stop on one of `targets`, reviewed `review_after` days on.
pub fn issue_form(
    targets: Vec<Choice>,
    target: Target,
    grounds: Grounds,
    review_after: u16,
    officer: &str,
    today: NaiveDate,
) -> Form {
    let none = || std::iter::once(Choice::new("", "– none"));
    let concerns = none().chain(grounds.concerns).collect();
    let visits = none().chain(grounds.visits).collect();
    let fields = vec![
        Field::choice("concerning", "Stop placements with", targets, &target.code())
            .hint("one setting, or the whole provider"),
        Field::date("issued", "Issued on", Some(today)).required(),
        Field::text("issued by", "Issued by", officer, 60).required(),
        Field::text("reason", "Reason", "", 2000).required().hint("in plain words: other authorities will read it"),
        Field::choice("concern", "Following concern", concerns, ""),
        Field::choice("visit", "Following visit", visits, "").hint("the visit that found the problem, if one did"),
        Field::date("review", "Review on", Some(add_days(today, review_after.into())))
            .hint("when the stop is next looked at; change it on the checklist"),
    ];
    let build = move |v: &Values| {
        let t = v.target("concerning")?;
        Ok(PlacementStop {
            setting_id: t.setting_id,
            provider_id: t.provider_id,
            issued_on: v.date("issued")?,
            issued_by: v.text("issued by"),
            reason: v.text("reason"),
            concern_id: v.id("concern"),
            visit_id: v.id("visit"),
            referrals_withdrawn: None,
            authorities_notified: String::new(),
            notified_on: None,
            concerns_report_on: None,
            plan_id: None,
            review_on: v.opt_date("review")?,
            outcome: None,
            ended_on: None,
            ended_by: None,
            end_reason: String::new(),
            lift_conditions: String::new(),
        })
    };
    let mut form = record_form(fields, None::<&Stored<PlacementStop>>, build, today);
    form.title = "Issue a placement stop".into();
    form
}

/// The checklist items kept on the stop itself.
pub fn checklist_form(stop: &Stored<PlacementStop>, policy: &Stops, today: NaiveDate) -> Form {
    let s = &stop.value;
    let told = if s.authorities_notified.is_empty() {
        policy.notify_authorities.join("; ")
    } else {
        s.authorities_notified.clone()
    };
    let review = s.review_on.unwrap_or(add_days(s.issued_on, policy.review_after_days.into()));
    let fields = vec![
        Field::count("referrals", "Referrals withdrawn", s.referrals_withdrawn, 1000)
            .hint("how many outstanding referrals were withdrawn (0 if none)"),
        Field::text("authorities", "Authorities told", &told, 2000).hint("separated by ;"),
        Field::date("notified on", "Told on", s.notified_on).hint("blank until they have been told"),
        Field::date("report sent", "Report of concerns sent", s.concerns_report_on),
        Field::date("review", "Review on", Some(review)),
    ];
    let base = s.clone();
    let build = move |v: &Values| {
        Ok(PlacementStop {
            referrals_withdrawn: v.count("referrals")?,
            authorities_notified: v.text("authorities"),
            notified_on: v.opt_date("notified on")?,
            concerns_report_on: v.opt_date("report sent")?,
            review_on: v.opt_date("review")?,
            ..base.clone()
        })
    };
    let mut form = record_form(fields, Some(stop), build, today);
    form.title = "Stop checklist".into();
    form
}

/// Lifts (or, with `decommission`, ends by decommissioning) a stop.
pub fn end_form(stop: &Stored<PlacementStop>, decommission: bool, officer: &str, today: NaiveDate) -> Form {
    let mut fields = vec![
        Field::date("on", if decommission { "Decommissioned on" } else { "Lifted on" }, Some(today)).required(),
        Field::text("by", "By", officer, 60).required(),
        Field::text("reason", "Reason", "", 2000).required(),
    ];
    if !decommission {
        fields.push(Field::text("conditions", "Conditions", "", 2000).hint("what the provider must keep doing"));
    }
    let base = stop.value.clone();
    let build = move |v: &Values| {
        let mut s = base.clone();
        let (on, by, reason) = (v.date("on")?, v.text("by"), v.text("reason"));
        let ended = if decommission {
            s.decommission(on, &by, &reason)
        } else {
            s.lift(on, &by, &reason, &v.text("conditions"))
        };
        ended.map_err(|m| Invalid::new("reason", m))?;
        Ok(s)
    };
    let mut form = record_form(fields, Some(stop), build, today);
    form.title = if decommission { "Decommission the provider".into() } else { "Lift the placement stop".into() };
    form
}

/// Reviews one child's placement under a stop; a move ends the placement.
struct ReviewSpec {
    stop_id: i64,
    placement: Stored<Placement>,
    existing: Option<Stored<PlacementReview>>,
}

impl ReviewSpec {
    fn review(&self, v: &Values) -> Result<PlacementReview, Invalid> {
        Ok(PlacementReview {
            stop_id: self.stop_id,
            placement_id: self.placement.id,
            reviewed_on: v.date("reviewed on")?,
            outcome: v.code("outcome").unwrap_or(ReviewOutcome::Remains),
            note: v.text("note"),
        })
    }

    /// The placement as it will be: ended on the day the child left (the
    /// review's day unless another is given), if they moved.
    fn placement(&self, v: &Values) -> Result<Option<Placement>, Invalid> {
        match (v.code::<ReviewOutcome>("outcome"), v.opt_date("left on")?) {
            (Some(ReviewOutcome::Moves), left) => {
                let left = match left {
                    Some(day) => day,
                    None => v.date("reviewed on")?,
                };
                Ok(Some(Placement { end: Some(left), ..self.placement.value.clone() }))
            }
            (Some(ReviewOutcome::Remains), Some(_)) => Err(Invalid::new("left on", "only a child who moves leaves")),
            _ => Ok(None),
        }
    }
}

impl FormSpec for ReviewSpec {
    fn problems(&self, form: &Form, today: NaiveDate) -> Vec<Problem> {
        let v = form.values();
        let mut out: Vec<Invalid> = match self.review(&v) {
            Ok(r) => r.problems(today),
            Err(i) => vec![i],
        };
        match self.placement(&v) {
            Ok(Some(p)) => out.extend(p.problems(today).into_iter().map(|i| Invalid::new("left on", i.message))),
            Ok(None) => {}
            Err(i) => out.push(i),
        }
        out.into_iter().map(|i| (None, i)).collect()
    }

    fn save(&self, form: &Form, store: &mut Store) -> Result<Saved, StoreError> {
        let v = form.values();
        let review = self.review(&v).map_err(|i| StoreError::Invalid(vec![i]))?;
        let ended = self.placement(&v).map_err(|i| StoreError::Invalid(vec![i]))?;
        let (existing, placement) = (&self.existing, &self.placement);
        let id = store.write(|tx, user, today| {
            let id = match existing {
                Some(e) => record::update(tx, user, today, e.id, e.version, &review)?.id,
                None => record::insert(tx, user, today, &review)?.id,
            };
            if let Some(p) = &ended {
                record::update(tx, user, today, placement.id, placement.version, p)?;
            }
            Ok(id)
        })?;
        let what = match ended.as_ref().and_then(|p| p.end) {
            Some(on) => format!("moves; placement ended on {on}"),
            None => review.outcome.label().to_string(),
        };
        Ok(Saved {
            message: format!("Reviewed the placement of {}: {}", placement.value.child_ref, what.to_lowercase()),
            record: Some(RecordRef::of::<PlacementReview>(id)),
            refused: false,
        })
    }
}

pub fn review_form(
    stop_id: i64,
    placement: &Stored<Placement>,
    existing: Option<&Stored<PlacementReview>>,
    today: NaiveDate,
) -> Form {
    let r = existing.map(|s| &s.value);
    let fields = vec![
        Field::choice(
            "outcome",
            "Outcome",
            Choice::all::<ReviewOutcome>(None),
            r.map_or("remains", |r| r.outcome.code()),
        ),
        Field::date("reviewed on", "Reviewed on", Some(r.map_or(today, |r| r.reviewed_on))).required(),
        Field::date("left on", "Left on", placement.value.end)
            .hint("for a child who moves: the day they left, else the review's day (ends the placement)"),
        Field::text("note", "Note", r.map_or("", |r| &r.note), 1000)
            .hint("no names or references: the review is already the child's"),
    ];
    let spec = ReviewSpec { stop_id, placement: placement.clone(), existing: existing.cloned() };
    Form::new(format!("Review the placement of {}", placement.value.child_ref), fields, Box::new(spec), today)
}
