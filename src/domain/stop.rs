//! Placement stops: the council stops placing with a setting or a whole
//! provider, works through a checklist, and later lifts the stop or
//! decommissions the provider.

use super::code::code_enum;
use super::visit::check_officer;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    pub enum StopOutcome {
        Lifted => ("lifted", "Lifted"),
        Decommissioned => ("decommissioned", "Provider decommissioned"),
    }
);

code_enum!(
    /// What became of a child placed there when the stop was issued.
    pub enum ReviewOutcome {
        Remains => ("remains", "Remains"),
        Moves => ("moves", "Moves"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementStop {
    /// The setting stopped; `None` stops the whole provider.
    pub setting_id: Option<i64>,
    pub provider_id: i64,
    pub issued_on: NaiveDate,
    pub issued_by: String,
    pub reason: String,
    /// The concern or visit that led to it.
    pub concern_id: Option<i64>,
    pub visit_id: Option<i64>,
    /// Checklist: outstanding referrals withdrawn, and how many.
    pub referrals_withdrawn: Option<u32>,
    /// Checklist: the authorities told, and when.
    pub authorities_notified: String,
    pub notified_on: Option<NaiveDate>,
    /// Checklist: the report of concerns sent to the provider.
    pub concerns_report_on: Option<NaiveDate>,
    /// Checklist: the improvement plan requested.
    pub plan_id: Option<i64>,
    /// Checklist: when the stop will be reviewed.
    pub review_on: Option<NaiveDate>,
    pub outcome: Option<StopOutcome>,
    pub ended_on: Option<NaiveDate>,
    pub ended_by: Option<String>,
    pub end_reason: String,
    pub lift_conditions: String,
}

impl PlacementStop {
    /// The stop as it stood at the end of `day`: what was recorded as
    /// happening later (the authorities told, the report sent, the ending)
    /// had not happened yet. (The plan's request is dated on the plan.)
    pub fn as_known_on(&self, day: NaiveDate) -> PlacementStop {
        let by = |d: Option<NaiveDate>| d.filter(|d| *d <= day);
        let mut s = self.clone();
        s.notified_on = by(s.notified_on);
        s.concerns_report_on = by(s.concerns_report_on);
        if s.ended_on.is_some_and(|d| d > day) {
            s.outcome = None;
            s.ended_on = None;
            s.ended_by = None;
            s.end_reason.clear();
            s.lift_conditions.clear();
        }
        s
    }

    /// In force on `day`: issued by then and not yet ended.
    pub fn is_active(&self, day: NaiveDate) -> bool {
        self.issued_on <= day && self.ended_on.is_none_or(|e| e > day)
    }

    /// In force on `today` past the day it was to be reviewed.
    pub fn review_is_late(&self, today: NaiveDate) -> bool {
        self.is_active(today) && self.review_on.is_some_and(|r| r < today)
    }

    /// Whether it stops placements with this setting of this provider.
    pub fn covers(&self, setting_id: i64, provider_id: i64) -> bool {
        self.provider_id == provider_id && self.setting_id.is_none_or(|s| s == setting_id)
    }

    /// Lifts the stop: with a reason, once.
    pub fn lift(&mut self, on: NaiveDate, by: &str, reason: &str, conditions: &str) -> Result<(), String> {
        self.end(StopOutcome::Lifted, on, by, reason)?;
        self.lift_conditions = conditions.trim().to_string();
        Ok(())
    }

    /// Ends the stop because the council no longer buys from the provider.
    pub fn decommission(&mut self, on: NaiveDate, by: &str, reason: &str) -> Result<(), String> {
        self.end(StopOutcome::Decommissioned, on, by, reason)
    }

    fn end(&mut self, outcome: StopOutcome, on: NaiveDate, by: &str, reason: &str) -> Result<(), String> {
        if let Some(done) = self.outcome {
            return Err(format!(
                "the stop was already {} on {}",
                done.label().to_lowercase(),
                self.ended_on.unwrap_or(on)
            ));
        }
        if reason.trim().is_empty() {
            return Err("give the reason".into());
        }
        if on < self.issued_on {
            return Err(format!("is before the stop was issued ({})", self.issued_on));
        }
        if let Some(problem) = check_officer(by) {
            return Err(problem);
        }
        self.outcome = Some(outcome);
        self.ended_on = Some(on);
        self.ended_by = Some(by.trim().to_string());
        self.end_reason = reason.trim().to_string();
        Ok(())
    }

    /// The checklist of docs/domain.md, given how many children were placed
    /// there when it was issued and how many of them have been reviewed.
    pub fn checklist(&self, placed: usize, reviewed: usize) -> Checklist {
        Checklist {
            items: vec![
                ("referrals withdrawn", self.referrals_withdrawn.is_some()),
                ("placements reviewed", reviewed >= placed),
                ("authorities notified", self.notified_on.is_some()),
                ("report of concerns sent", self.concerns_report_on.is_some()),
                ("improvement plan requested", self.plan_id.is_some()),
                ("review date set", self.review_on.is_some()),
            ],
        }
    }
}

impl Validate for PlacementStop {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = [
            check_text("reason", &self.reason, true, 2000),
            check_text("authorities", &self.authorities_notified, false, 2000),
            check_text("end reason", &self.end_reason, false, 2000),
            check_text("conditions", &self.lift_conditions, false, 2000),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let Some(problem) = check_officer(&self.issued_by) {
            out.push(Invalid::new("issued by", problem));
        }
        if self.issued_on > today {
            out.push(Invalid::new("issued", format!("is after today ({today})")));
        }
        let after_issue =
            [("notified on", self.notified_on), ("report sent", self.concerns_report_on), ("review", self.review_on)];
        for (field, date) in after_issue {
            if date.is_some_and(|d| d < self.issued_on) {
                out.push(Invalid::new(field, format!("is before the stop was issued ({})", self.issued_on)));
            }
        }
        for (field, date) in [("notified on", self.notified_on), ("report sent", self.concerns_report_on)] {
            if date.is_some_and(|d| d > today) {
                out.push(Invalid::new(field, format!("is after today ({today})")));
            }
        }
        if self.notified_on.is_some() && self.authorities_notified.trim().is_empty() {
            out.push(Invalid::new("authorities", "say which authorities were told"));
        }
        if self.outcome.is_some() != self.ended_on.is_some() {
            out.push(Invalid::new("ended", "an ended stop has an end date, and only an ended one"));
        }
        out
    }
}

/// The stop checklist, e.g. "4/6".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub items: Vec<(&'static str, bool)>,
}

impl Checklist {
    pub fn done(&self) -> usize {
        self.items.iter().filter(|(_, done)| *done).count()
    }

    pub fn total(&self) -> usize {
        self.items.len()
    }

    pub fn is_complete(&self) -> bool {
        self.done() == self.total()
    }

    /// What is left to do, in checklist order.
    pub fn outstanding(&self) -> Vec<&'static str> {
        self.items.iter().filter(|(_, done)| !done).map(|(what, _)| *what).collect()
    }
}

impl std::fmt::Display for Checklist {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.done(), self.total())
    }
}

/// The review of one child placed with the setting when the stop was issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementReview {
    pub stop_id: i64,
    pub placement_id: i64,
    pub reviewed_on: NaiveDate,
    pub outcome: ReviewOutcome,
    pub note: String,
}

impl Validate for PlacementReview {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = check_text("note", &self.note, false, 1000).into_iter().collect();
        if self.reviewed_on > today {
            out.push(Invalid::new("reviewed on", format!("is after today ({today})")));
        }
        out
    }
}

/// A stop another authority issued, read from its notice: an alert on the
/// matching setting, not a stop of our own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalAlert {
    pub notice_id: String,
    pub authority: String,
    pub urn: String,
    /// Our setting with that URN, if we know it.
    pub setting_id: Option<i64>,
    pub setting_name: String,
    pub provider_name: String,
    pub issued_on: NaiveDate,
    pub reason: String,
    pub review_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub received_on: NaiveDate,
}

impl Validate for ExternalAlert {
    fn problems(&self, _today: NaiveDate) -> Vec<Invalid> {
        [
            check_text("notice id", &self.notice_id, true, 100),
            check_text("authority", &self.authority, true, 100),
            check_text("setting", &self.setting_name, false, 200),
            check_text("provider", &self.provider_name, false, 200),
            check_text("reason", &self.reason, true, 4000),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    fn stop() -> PlacementStop {
        PlacementStop {
            setting_id: None,
            provider_id: 7,
            issued_on: d("2026-11-02"),
            issued_by: "A. Khan".into(),
            reason: "Files lack required paperwork".into(),
            concern_id: None,
            visit_id: None,
            referrals_withdrawn: None,
            authorities_notified: String::new(),
            notified_on: None,
            concerns_report_on: None,
            plan_id: None,
            review_on: None,
            outcome: None,
            ended_on: None,
            ended_by: None,
            end_reason: String::new(),
            lift_conditions: String::new(),
        }
    }

    #[test]
    fn a_provider_stop_covers_all_its_settings_a_setting_stop_one() {
        let mut s = stop();
        assert!(s.covers(1, 7) && s.covers(2, 7) && !s.covers(1, 8));
        s.setting_id = Some(1);
        assert!(s.covers(1, 7) && !s.covers(2, 7));
    }

    #[test]
    fn lifting_needs_a_reason_and_happens_once() {
        let mut s = stop();
        assert_eq!(s.lift(d("2026-12-01"), "A. Khan", "  ", "").unwrap_err(), "give the reason");
        assert!(s.lift(d("2026-11-01"), "A. Khan", "ok", "").unwrap_err().contains("before the stop was issued"));
        assert!(s.lift(d("2026-12-01"), "7", "ok", "").is_err(), "an officer's name");
        assert!(s.is_active(d("2026-12-01")));
        s.lift(d("2026-12-01"), "A. Khan", "Plan delivered; files audited", "Monthly file audit for 3 months").unwrap();
        assert!(!s.is_active(d("2026-12-01")) && s.is_active(d("2026-11-30")));
        assert_eq!(
            s.lift(d("2026-12-02"), "A. Khan", "again", "").unwrap_err(),
            "the stop was already lifted on 2026-12-01"
        );
        assert!(s.decommission(d("2026-12-02"), "A. Khan", "x").is_err());
        assert!(s.problems(d("2026-12-05")).is_empty());
    }

    #[test]
    fn the_checklist_counts_six_items() {
        let mut s = stop();
        assert_eq!(s.checklist(3, 0).to_string(), "0/6");
        s.referrals_withdrawn = Some(2);
        s.notified_on = Some(d("2026-11-03"));
        s.authorities_notified = "Birmingham; Coventry".into();
        assert_eq!(s.checklist(3, 2).to_string(), "2/6");
        assert_eq!(s.checklist(3, 3).to_string(), "3/6");
        s.concerns_report_on = Some(d("2026-11-04"));
        s.plan_id = Some(1);
        s.review_on = Some(d("2026-12-02"));
        let done = s.checklist(0, 0);
        assert!(done.is_complete(), "{done}");
        assert_eq!(s.checklist(2, 1).outstanding(), vec!["placements reviewed"]);
    }

    #[test]
    fn stop_validation() {
        let mut s = stop();
        s.notified_on = Some(d("2026-11-01"));
        s.review_on = Some(d("2026-10-30"));
        let fields: Vec<&str> = s.problems(d("2026-11-24")).iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["notified on", "review", "authorities"]);
    }
}
