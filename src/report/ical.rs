//! Planned visits as an iCalendar file. Each visit keeps one UID for life
//! and its SEQUENCE follows its version, so importing again updates the
//! calendar rather than duplicating.

use crate::domain::visit::Visit;
use crate::store::Stored;
use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike};

/// A planned visit with the words a calendar entry needs.
pub struct PlannedVisit {
    pub visit: Stored<Visit>,
    /// "Willow House (SC123456), Acorn Care Ltd"
    pub place: String,
    /// "Marlbridge, Marlshire"
    pub location: String,
    /// Why it matters: "Tier 1: Inadequate".
    pub context: String,
}

/// The UID a visit always has.
pub fn uid(visit_id: i64) -> String {
    format!("oversight-visit-{visit_id}@oversight.local")
}

/// The calendar; `stamp` is the date the export is made as of.
pub fn calendar(visits: &[PlannedVisit], stamp: NaiveDate) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Oversight: planned visits");
    let stamp = Utc.from_utc_datetime(&stamp.and_hms_opt(0, 0, 0).unwrap_or_default());
    for p in visits {
        let v = &p.visit.value;
        let description = [
            format!("Officer: {}", v.officer),
            p.context.clone(),
            v.trip.as_ref().map(|t| format!("Trip: {t}")).unwrap_or_default(),
            v.notes.clone(),
        ]
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
        let event = icalendar::Event::new()
            .uid(&uid(p.visit.id))
            .sequence(u32::try_from(p.visit.version).unwrap_or(0))
            .timestamp(stamp)
            .summary(&format!("{}: {}", v.kind.label(), p.place))
            .location(&p.location)
            .description(&description)
            .all_day(v.planned)
            .done();
        calendar.push(event);
    }
    calendar.done().to_string()
}
