//! The numbers leaders judge the team by: where the children are (by
//! judgement, distance and area) and what it costs, and monitoring visits
//! falling due against visits made, month by month.

use super::date::Month;
use super::inspection::Inspection;
use super::money::Pence;
use super::rating::Judgement;
use super::rating::Severity;
use super::reg44::{Flag, MonthState};
use super::stop::{PlacementStop, StopOutcome};
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
            Some(0..20) => Band::Near,
            Some(20..50) => Band::Middle,
            Some(_) => Band::Far,
            None => Band::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Near => "under 20 miles",
            Band::Middle => "20 to 49 miles",
            Band::Far => "50 miles or more",
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

/// A judgement class named with the supported accommodation outcome it
/// holds too, so that the two scales are never silently merged.
pub fn class_label_with_outcome(class: Option<Severity>) -> String {
    let outcome = match class {
        Some(Severity::Inadequate) => "Serious or widespread weaknesses",
        Some(Severity::RequiresImprovement) => "Inconsistent",
        Some(Severity::Good) => "Consistently strong",
        _ => return class_label(class).to_string(),
    };
    format!("{}, or {outcome} (supported accommodation)", class_label(class))
}

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

/// One setting's visiting record, for the due-against-made chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    /// For each month counted: when its next visit was due as the month
    /// began (replayed with what was known by then).
    pub due_at_start: Vec<NaiveDate>,
    /// Completed monitoring visits, oldest first.
    pub visits: Vec<NaiveDate>,
}

/// Visits that fell due and were made in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MonthVisits {
    pub month: Month,
    /// Settings whose next visit, as the month began, was due by its end
    /// (in the month, or already overdue).
    pub due: u32,
    /// Those of them visited in the month: never more than `due`.
    pub done: u32,
}

/// For each of `months` (in the order of each record's `due_at_start`): how
/// many settings had a visit due by the month's end, not made by its start,
/// and how many of those were visited in the month.
pub fn visits_by_month(records: &[VisitRecord], months: &[Month]) -> Vec<MonthVisits> {
    months
        .iter()
        .enumerate()
        .map(|(i, &month)| {
            let mut m = MonthVisits { month, due: 0, done: 0 };
            for r in records.iter().filter(|r| r.due_at_start.get(i).is_some_and(|d| *d <= month.last_day())) {
                m.due += 1;
                m.done += u32::from(r.visits.iter().any(|v| month.contains(*v)));
            }
            m
        })
        .collect()
}

/// One month of Reg 44 reports across the monitored homes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MonthReg44 {
    pub month: Month,
    pub received: u32,
    pub late: u32,
    pub missing: u32,
    pub awaited: u32,
}

impl MonthReg44 {
    /// Reports received (on time or late) of those due, as a percentage;
    /// none for a month whose reports are not yet all due (reports sent
    /// early are no measure of a month still awaited).
    pub fn compliance(&self) -> Option<u32> {
        let due = self.received + self.late + self.missing;
        crate::domain::percent(self.received + self.late, due).filter(|_| self.awaited == 0)
    }
}

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum ChangeKind {
    Judgement,
    StopIssued,
    StopLifted,
    Flag,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Judgement => "judgement",
            ChangeKind::StopIssued => "stop issued",
            ChangeKind::StopLifted => "stop ended",
            ChangeKind::Flag => "Reg 44 flag",
        }
    }
}

/// Something that changed, and when the council learned of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    pub on: NaiveDate,
    pub kind: ChangeKind,
    pub about: String,
    pub text: String,
    /// For a judgement: the new one, and the one before.
    pub judgement: Option<(Judgement, Option<Judgement>)>,
}

/// Judgements the council learned of between `from` and `to`, each with the
/// one before it. `inspections` in order of setting, then inspection date;
/// `about` names a setting.
pub fn judgement_changes<'a>(
    inspections: impl Iterator<Item = &'a Inspection>,
    about: &dyn Fn(i64) -> String,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Change> {
    let mut out = Vec::new();
    let mut previous: Option<(i64, Judgement)> = None;
    for i in inspections {
        let Some(overall) = i.overall else { continue };
        let before = previous.filter(|(id, _)| *id == i.setting_id).map(|(_, j)| j);
        let learned = i.learned();
        if learned >= from && learned <= to && before != Some(overall) {
            let text = match before {
                Some(b) => format!("{} → {} (inspected {})", b.label(), overall.label(), i.date),
                None => format!("first judgement {} (inspected {})", overall.label(), i.date),
            };
            out.push(Change {
                on: learned,
                kind: ChangeKind::Judgement,
                about: about(i.setting_id),
                text,
                judgement: Some((overall, before)),
            });
        }
        previous = Some((i.setting_id, overall));
    }
    out
}

/// For each of `months`, the homes' Reg 44 states counted (`cells`: each
/// home's month and state).
pub fn reg44_by_month(cells: &[(Month, MonthState)], months: &[Month]) -> Vec<MonthReg44> {
    months
        .iter()
        .map(|&month| {
            let mut m = MonthReg44 { month, received: 0, late: 0, missing: 0, awaited: 0 };
            for (_, state) in cells.iter().filter(|(m, _)| *m == month) {
                match state {
                    MonthState::Received => m.received += 1,
                    MonthState::Late => m.late += 1,
                    MonthState::Missing => m.missing += 1,
                    MonthState::Awaited => m.awaited += 1,
                    MonthState::NotOwed => {}
                }
            }
            m
        })
        .collect()
}

/// Stops issued or ended between `from` and `to`: each stop with its id and
/// what it stops ("Willow House (Acorn Care Ltd)").
pub fn stop_changes(stops: &[(i64, &PlacementStop, String)], from: NaiveDate, to: NaiveDate) -> Vec<Change> {
    let within = |d: NaiveDate| d >= from && d <= to;
    let mut out = Vec::new();
    for (id, s, about) in stops {
        if within(s.issued_on) {
            out.push(Change {
                on: s.issued_on,
                kind: ChangeKind::StopIssued,
                about: about.clone(),
                text: format!("stop {id} issued by {}: {}", s.issued_by, super::excerpt(&s.reason, 80)),
                judgement: None,
            });
        }
        if let (Some(outcome), Some(on)) = (s.outcome, s.ended_on)
            && within(on)
        {
            let how = match outcome {
                StopOutcome::Lifted => "lifted",
                StopOutcome::Decommissioned => "ended: provider decommissioned",
            };
            out.push(Change {
                on,
                kind: ChangeKind::StopLifted,
                about: about.clone(),
                text: format!("stop {id} {how}"),
                judgement: None,
            });
        }
    }
    out
}

/// Reg 44 flags raised between `from` and `to`, each with the home it is about.
pub fn flag_changes(flags: &[(String, &Flag)], from: NaiveDate, to: NaiveDate) -> Vec<Change> {
    flags
        .iter()
        .filter(|(_, f)| f.since >= from && f.since <= to)
        .map(|(about, f)| Change {
            on: f.since,
            kind: ChangeKind::Flag,
            about: about.clone(),
            text: f.short.clone(),
            judgement: None,
        })
        .collect()
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
        let cases = [(Some(0), Band::Near), (Some(19), Band::Near), (Some(20), Band::Middle), (Some(49), Band::Middle)];
        for (miles, band) in cases.into_iter().chain([(Some(50), Band::Far), (None, Band::Unknown)]) {
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
    fn a_visit_falls_due_in_a_month_when_it_is_due_by_its_end_and_made_counts_those_settings() {
        let d = |s| parse(s).unwrap();
        let months = Month::of(d("2026-06-01")).back(4); // Mar to Jun
        let records = [
            // Due 03-20, visited 03-10 and again 03-25 (counted once); next due 04-22, visited 05-20 (late).
            VisitRecord {
                due_at_start: vec![d("2026-03-20"), d("2026-04-22"), d("2026-04-22"), d("2026-08-20")],
                visits: vec![d("2026-03-10"), d("2026-03-25"), d("2026-05-20")],
            },
            // Due 05-01, never visited: due in May and still due in June.
            VisitRecord {
                due_at_start: vec![d("2026-05-01"), d("2026-05-01"), d("2026-05-01"), d("2026-05-01")],
                visits: vec![],
            },
        ];
        let got: Vec<(u32, u32)> = visits_by_month(&records, &months).iter().map(|m| (m.due, m.done)).collect();
        assert_eq!(got, [(1, 1), (1, 0), (2, 1), (1, 0)]);
    }

    #[test]
    fn a_month_not_yet_due_has_no_compliance_figure() {
        let month = Month::parse("2026-11").unwrap();
        let early = MonthReg44 { month, received: 3, late: 0, missing: 0, awaited: 9 };
        assert_eq!(early.compliance(), None, "three sent early of twelve not yet due");
        let due = MonthReg44 { month, received: 10, late: 1, missing: 1, awaited: 0 };
        assert_eq!(due.compliance(), Some(92), "11 of 12, rounded");
        assert_eq!(MonthReg44 { received: 0, ..due }.compliance(), Some(50), "one late of two due");
    }
}
