//! The numbers leaders judge the team by: where the children are (by
//! judgement, distance and area) and what it costs, and monitoring visits
//! falling due against visits made, month by month.

use super::date::{Month, add_days};
use super::money::Pence;
use super::rating::Severity;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;

/// How far from home a child is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Band {
    Near,
    Middle,
    Far,
    Unknown,
}

impl Band {
    pub const ALL: [Band; 4] = [Band::Near, Band::Middle, Band::Far, Band::Unknown];

    pub fn of(miles: Option<u32>) -> Band {
        match miles {
            Some(0..=20) => Band::Near,
            Some(21..=50) => Band::Middle,
            Some(_) => Band::Far,
            None => Band::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Near => "0–20 miles",
            Band::Middle => "20–50 miles",
            Band::Far => "over 50 miles",
            Band::Unknown => "distance not recorded",
        }
    }
}

/// The judgement classes in the order a board reads them: worst first, then
/// settings not yet judged.
pub const CLASSES: [Option<Severity>; 5] = [
    Some(Severity::Inadequate),
    Some(Severity::RequiresImprovement),
    Some(Severity::Good),
    Some(Severity::Outstanding),
    None,
];

/// A name for a judgement class, in the board's words.
pub fn class_label(class: Option<Severity>) -> &'static str {
    match class {
        Some(Severity::Inadequate) => "Inadequate",
        Some(Severity::RequiresImprovement) => "Requires improvement",
        Some(Severity::Good) => "Good",
        Some(Severity::Outstanding) => "Outstanding",
        None => "Not yet judged",
    }
}

/// One child placed: where, how far, at what cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacedChild {
    /// The judgement of the setting they are placed in.
    pub class: Option<Severity>,
    pub miles: Option<u32>,
    pub in_area: bool,
    pub weekly: Pence,
}

/// Children and what they cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tally {
    pub children: u32,
    pub weekly: Pence,
}

impl Tally {
    fn add(&mut self, child: &PlacedChild) {
        self.children += 1;
        self.weekly = Pence(self.weekly.0 + child.weekly.0);
    }

    /// The weekly cost over a year of 52 weeks.
    pub fn annual(&self) -> Pence {
        Pence(self.weekly.0 * 52)
    }
}

/// Where the council's children are placed, and what it costs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Exposure {
    /// In the order of [`CLASSES`].
    pub by_class: Vec<(Option<Severity>, Tally)>,
    /// In the order of [`Band::ALL`].
    pub by_band: Vec<(Band, Tally)>,
    pub in_area: Tally,
    pub out_of_area: Tally,
    pub total: Tally,
}

impl Exposure {
    /// Children in settings judged Inadequate or Requires improvement.
    pub fn of_concern(&self) -> u32 {
        self.by_class
            .iter()
            .filter(|(c, _)| c.is_some_and(|s| s >= Severity::RequiresImprovement))
            .map(|(_, t)| t.children)
            .sum()
    }
}

pub fn exposure(children: &[PlacedChild]) -> Exposure {
    let mut by_class: Vec<(Option<Severity>, Tally)> = CLASSES.iter().map(|c| (*c, Tally::default())).collect();
    let mut by_band: Vec<(Band, Tally)> = Band::ALL.iter().map(|b| (*b, Tally::default())).collect();
    let (mut in_area, mut out_of_area, mut total) = (Tally::default(), Tally::default(), Tally::default());
    for child in children {
        if let Some((_, t)) = by_class.iter_mut().find(|(c, _)| *c == child.class) {
            t.add(child);
        }
        if let Some((_, t)) = by_band.iter_mut().find(|(b, _)| *b == Band::of(child.miles)) {
            t.add(child);
        }
        if child.in_area { &mut in_area } else { &mut out_of_area }.add(child);
        total.add(child);
    }
    Exposure { by_class, by_band, in_area, out_of_area, total }
}

/// One setting's visiting record, for the due-against-done chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    /// When it was first due: the day monitoring began.
    pub began: NaiveDate,
    /// Completed monitoring visits, oldest first.
    pub visits: Vec<NaiveDate>,
    /// Days between visits at its tier.
    pub interval: u32,
}

/// Visits falling due and visits made in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MonthVisits {
    pub month: Month,
    pub due: u32,
    pub done: u32,
}

/// For each of `months`: how many visits fell due (monitoring began, or a
/// visit plus the setting's interval, at its tier today) and how many were made.
pub fn visits_by_month(records: &[VisitRecord], months: &[Month]) -> Vec<MonthVisits> {
    let mut out: Vec<MonthVisits> = months.iter().map(|&month| MonthVisits { month, due: 0, done: 0 }).collect();
    let mut count = |date: NaiveDate, due: bool| {
        if let Some(m) = out.iter_mut().find(|m| m.month.contains(date)) {
            if due { m.due += 1 } else { m.done += 1 }
        }
    };
    for r in records {
        let first = r.visits.first().is_none_or(|v| *v > r.began).then_some(r.began);
        for due in first.into_iter().chain(r.visits.iter().map(|v| add_days(*v, r.interval.into()))) {
            count(due, true);
        }
        for v in &r.visits {
            count(*v, false);
        }
    }
    out
}

/// The QA lead's commentary on a setting for one month's board pack.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BoardNote {
    pub month: Month,
    pub setting_id: i64,
    pub text: String,
}

impl Validate for BoardNote {
    fn problems(&self, _today: NaiveDate) -> Vec<Invalid> {
        check_text("commentary", &self.text, false, 4000).into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn child(class: Option<Severity>, miles: Option<u32>, in_area: bool, pounds: i64) -> PlacedChild {
        PlacedChild { class, miles, in_area, weekly: Pence::from_pounds(pounds) }
    }

    #[test]
    fn distance_bands_have_edges_at_20_and_50_miles() {
        let cases = [(Some(0), Band::Near), (Some(20), Band::Near), (Some(21), Band::Middle), (Some(50), Band::Middle)];
        for (miles, band) in cases.into_iter().chain([(Some(51), Band::Far), (None, Band::Unknown)]) {
            assert_eq!(Band::of(miles), band, "{miles:?}");
        }
    }

    #[test]
    fn exposure_adds_children_and_cost_each_way() {
        let e = exposure(&[
            child(Some(Severity::Inadequate), Some(80), false, 5000),
            child(Some(Severity::RequiresImprovement), Some(12), true, 3000),
            child(Some(Severity::Good), Some(30), false, 1000),
            child(None, None, true, 500),
        ]);
        assert_eq!(e.total, Tally { children: 4, weekly: Pence::from_pounds(9500) });
        assert_eq!(e.total.annual(), Pence::from_pounds(494_000));
        assert_eq!(e.of_concern(), 2);
        assert_eq!(e.by_class[0].1.weekly, Pence::from_pounds(5000), "Inadequate first");
        assert_eq!(e.by_class[4], (None, Tally { children: 1, weekly: Pence::from_pounds(500) }));
        let children: Vec<u32> = e.by_band.iter().map(|(_, t)| t.children).collect();
        assert_eq!(children, [1, 1, 1, 1]);
        assert_eq!((e.in_area.children, e.out_of_area.children), (2, 2));
        assert_eq!(e.out_of_area.weekly, Pence::from_pounds(6000));
    }

    #[test]
    fn visits_fall_due_from_the_start_and_after_each_visit() {
        let d = |s| parse(s).unwrap();
        let months = Month::of(d("2026-06-01")).back(4); // Mar to Jun
        let records = [
            // Began in March, visited in March and May, every 28 days: due Mar (start), Apr 7, Jun 17.
            VisitRecord { began: d("2026-03-02"), visits: vec![d("2026-03-10"), d("2026-05-20")], interval: 28 },
            // Never visited: due once, when monitoring began.
            VisitRecord { began: d("2026-04-15"), visits: vec![], interval: 91 },
        ];
        let got: Vec<(u32, u32)> = visits_by_month(&records, &months).iter().map(|m| (m.due, m.done)).collect();
        assert_eq!(got, [(1, 1), (2, 0), (0, 1), (1, 0)]);
    }
}
