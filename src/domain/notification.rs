//! Regulation 40 notifications: the serious events a children's home must
//! tell the placing authority of, as the council logs them, and the rules
//! their pattern gives the tier (numbers in the policy's `[notifications]`):
//! a child's death or an allegation against staff puts the setting in tier 1
//! for `grave_days` from the day it was notified; more than
//! `police_incidents` serious incidents involving the police within
//! `police_window_days` put it in tier 2.

use super::code::code_enum;
use super::date::add_days;
use super::placement::ChildRef;
use super::policy::Policy;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    /// What a notification is about (Regulation 40 and Schedule 5).
    pub enum Category {
        Death => ("death", "Death of a child"),
        SeriousInjury => ("serious_injury", "Serious injury or illness"),
        Police => ("police", "Serious incident involving the police"),
        Allegation => ("allegation", "Allegation against staff"),
        ChildProtection => ("child_protection", "Child protection enquiry"),
        Exploitation => ("exploitation", "Child sexual exploitation"),
        Other => ("other", "Other serious event"),
    }
);

impl Category {
    /// A few words for lists and counts.
    pub fn short(self) -> &'static str {
        match self {
            Category::Death => "death",
            Category::SeriousInjury => "injury or illness",
            Category::Police => "police",
            Category::Allegation => "allegation",
            Category::ChildProtection => "child protection",
            Category::Exploitation => "exploitation",
            Category::Other => "other",
        }
    }

    /// Whether one notification of it puts the setting in tier 1.
    pub fn is_grave(self) -> bool {
        matches!(self, Category::Death | Category::Allegation)
    }
}

/// One notification a home sent the council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub setting_id: i64,
    /// The day it was notified: the day the council learned of the event.
    pub notified_on: NaiveDate,
    /// The child it concerns, by anonymised reference; none where it
    /// concerns no one child (an allegation about the home's staff).
    pub child_ref: Option<ChildRef>,
    pub category: Category,
    pub summary: String,
    /// What the council did.
    pub response: String,
    /// Closed on that day, nothing more to do.
    pub closed_on: Option<NaiveDate>,
}

impl Validate for Notification {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> =
            [check_text("summary", &self.summary, true, 2000), check_text("response", &self.response, false, 2000)]
                .into_iter()
                .flatten()
                .collect();
        if self.notified_on > today {
            out.push(Invalid::new(
                "notified",
                format!("is after today ({today}): log a notification once it has come"),
            ));
        }
        match self.closed_on {
            Some(c) if c < self.notified_on => {
                out.push(Invalid::new("closed", format!("is before it was notified ({})", self.notified_on)))
            }
            Some(c) if c > today => out.push(Invalid::new("closed", format!("is after today ({today})"))),
            Some(_) if self.response.trim().is_empty() => {
                out.push(Invalid::new("response", "say what was done before closing it"))
            }
            _ => {}
        }
        out
    }
}

/// What the tier rules see of a notification: when, and what about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notified {
    pub on: NaiveDate,
    pub category: Category,
}

/// The grave notification that puts the setting in tier 1 on `day`: the
/// latest death or allegation notified within the policy's days.
pub fn grave_on(notified: &[Notified], policy: &Policy, day: NaiveDate) -> Option<Notified> {
    let days = i64::from(policy.notifications.grave_days);
    notified
        .iter()
        .filter(|n| n.category.is_grave() && n.on <= day && day < add_days(n.on, days))
        .max_by_key(|n| n.on)
        .copied()
}

/// Police incidents within the window ending `day`, when more than the
/// policy allows: how many, and the day the count first passed the limit
/// among them.
pub fn police_on(notified: &[Notified], policy: &Policy, day: NaiveDate) -> Option<(usize, NaiveDate)> {
    let p = &policy.notifications;
    let from = add_days(day, -i64::from(p.police_window_days));
    let mut days: Vec<NaiveDate> = notified
        .iter()
        .filter(|n| n.category == Category::Police && n.on > from && n.on <= day)
        .map(|n| n.on)
        .collect();
    days.sort();
    let limit = p.police_incidents as usize;
    days.get(limit).map(|since| (days.len(), *since))
}

/// The days on which what the notifications give may change: each one's
/// day, and the day each drops out of its rule.
pub fn change_points(notified: &[Notified], policy: &Policy) -> Vec<NaiveDate> {
    let p = &policy.notifications;
    let mut out = Vec::new();
    for n in notified {
        out.push(n.on);
        if n.category.is_grave() {
            out.push(add_days(n.on, i64::from(p.grave_days)));
        }
        if n.category == Category::Police {
            out.push(add_days(n.on, i64::from(p.police_window_days)));
        }
    }
    out
}

/// Notifications counted by category, in the categories' order, only
/// those with any.
pub fn by_category<'a>(notifications: impl IntoIterator<Item = &'a Notification>) -> Vec<(Category, u32)> {
    let seen: Vec<Category> = notifications.into_iter().map(|n| n.category).collect();
    <Category as super::code::Code>::ALL
        .iter()
        .map(|c| (*c, seen.iter().filter(|s| *s == c).count() as u32))
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    fn n(on: &str, category: Category) -> Notified {
        Notified { on: d(on), category }
    }

    #[test]
    fn a_death_or_an_allegation_gives_tier_one_for_the_policys_days() {
        let policy = Policy::default();
        assert_eq!(policy.notifications.grave_days, 90);
        let all = [n("2026-03-01", Category::Allegation), n("2026-02-01", Category::SeriousInjury)];
        assert_eq!(grave_on(&all, &policy, d("2026-02-28")), None, "not before it came");
        assert_eq!(grave_on(&all, &policy, d("2026-03-01")), Some(all[0]));
        // 2026-03-01 + 89 days is 2026-05-29: the ninetieth day.
        assert_eq!(grave_on(&all, &policy, d("2026-05-29")), Some(all[0]));
        assert_eq!(grave_on(&all, &policy, d("2026-05-30")), None);
        let death = [n("2026-01-10", Category::Death), n("2026-01-20", Category::Allegation)];
        assert_eq!(grave_on(&death, &policy, d("2026-02-01")), Some(death[1]), "the latest of two");
        assert_eq!(grave_on(&[n("2026-03-01", Category::Police)], &policy, d("2026-03-01")), None);
    }

    #[test]
    fn more_police_incidents_than_the_policy_allows_in_its_window_give_tier_two() {
        let policy = Policy::default();
        assert_eq!((policy.notifications.police_incidents, policy.notifications.police_window_days), (2, 90));
        let two = [n("2026-01-05", Category::Police), n("2026-02-05", Category::Police)];
        assert_eq!(police_on(&two, &policy, d("2026-03-01")), None, "two is not more than two");
        let three = [two[0], two[1], n("2026-03-01", Category::Police), n("2026-03-02", Category::Other)];
        assert_eq!(police_on(&three, &policy, d("2026-03-01")), Some((3, d("2026-03-01"))));
        // The first drops out 90 days after it: 2026-01-05 + 90 = 2026-04-05.
        assert_eq!(police_on(&three, &policy, d("2026-04-04")), Some((3, d("2026-03-01"))));
        assert_eq!(police_on(&three, &policy, d("2026-04-05")), None);
        let points = change_points(&three, &policy);
        assert!(points.contains(&d("2026-04-05")) && points.contains(&d("2026-03-02")), "{points:?}");
    }

    #[test]
    fn a_notification_dated_ahead_or_closed_without_a_response_is_refused() {
        let today = d("2026-12-01");
        let mut note = Notification {
            setting_id: 1,
            notified_on: d("2026-12-02"),
            child_ref: None,
            category: Category::Police,
            summary: "Missing overnight; police returned the child".into(),
            response: String::new(),
            closed_on: None,
        };
        let said = note.problems(today);
        assert_eq!(said[0].field, "notified");
        assert!(said[0].message.starts_with("is after today (2026-12-01)"), "{}", said[0].message);
        note.notified_on = d("2026-11-30");
        assert!(note.problems(today).is_empty());
        note.closed_on = Some(d("2026-11-29"));
        assert_eq!(note.problems(today)[0].message, "is before it was notified (2026-11-30)");
        note.closed_on = Some(d("2026-12-01"));
        assert_eq!(note.problems(today)[0].field, "response");
        note.response = "Strategy meeting held; safety plan agreed".into();
        assert!(note.problems(today).is_empty());
    }

    #[test]
    fn counts_by_category_keep_the_categories_order() {
        let note = |category| Notification {
            setting_id: 1,
            notified_on: d("2026-01-01"),
            child_ref: None,
            category,
            summary: "x".into(),
            response: String::new(),
            closed_on: None,
        };
        let all = [note(Category::Other), note(Category::Police), note(Category::Police), note(Category::Death)];
        assert_eq!(by_category(&all), [(Category::Death, 1), (Category::Police, 2), (Category::Other, 1)]);
    }
}
