//! An Ofsted inspection event: when, what kind, and the judgements made, in
//! the words and under the headings of the framework it was made under.

use super::code::code_enum;
use super::rating::Judgement;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum!(
    pub enum InspectionKind {
        Full => ("full", "Full inspection"),
        Interim => ("interim", "Interim inspection"),
        Monitoring => ("monitoring", "Monitoring visit"),
        Assurance => ("assurance", "Assurance visit"),
    }
);

code_enum!(
    /// The framework a judgement was made under, which names its headline.
    pub enum Framework {
        /// The social care common inspection framework, from April 2017.
        Sccif => ("sccif", "SCCIF (from April 2017)"),
        /// The framework before April 2017.
        Before2017 => ("before_2017", "Before April 2017"),
        /// Supported accommodation, inspected from 2024.
        SupportedAccommodation => ("supported_accommodation", "Supported accommodation"),
    }
);

impl Framework {
    /// A short form of the headline's heading (the old framework's
    /// "Overall effectiveness", SCCIF's "Overall experiences and progress of
    /// children and young people", supported accommodation's outcome).
    pub fn headline_short(self) -> &'static str {
        match self {
            Framework::Sccif => "Experiences and progress",
            Framework::Before2017 => "Overall effectiveness",
            Framework::SupportedAccommodation => "Outcome",
        }
    }

    /// A label of at most sixteen characters for table columns.
    pub fn short(self) -> &'static str {
        match self {
            Framework::Sccif => "SCCIF",
            Framework::Before2017 => "Before 2017",
            Framework::SupportedAccommodation => "Supported acc.",
        }
    }

    /// The framework a judgement of this date and word was most likely made
    /// under, for inspections recorded by hand.
    pub fn likely(date: NaiveDate, headline: Option<Judgement>) -> Framework {
        match headline {
            Some(j) if j.is_supported_accommodation_scale() => Framework::SupportedAccommodation,
            Some(j) if j.is_old_scale() => Framework::Before2017,
            _ if date < NaiveDate::from_ymd_opt(2017, 4, 1).unwrap_or(date) => Framework::Before2017,
            _ => Framework::Sccif,
        }
    }
}

/// The judgements besides the headline: key, the heading Ofsted publishes
/// each under, and a short form of it. SCCIF's two, the old framework's
/// four, and the two that residential special schools registered as homes
/// may also have.
pub const ASPECTS: [(&str, &str, &str); 8] = [
    ("protection", "How well children and young people are helped and protected", "Helped and protected"),
    ("leadership", "The effectiveness of leaders and managers", "Leaders and managers"),
    ("outcomes", "Outcomes for children and young people", "Outcomes"),
    ("care", "Quality of care", "Quality of care"),
    ("safeguarding", "Safeguarding children and young people", "Safeguarding"),
    ("management", "Leadership and management", "Leadership and management"),
    ("education", "Outcomes in education and related learning activities", "Education"),
    ("health", "Health services", "Health services"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    pub setting_id: i64,
    pub date: NaiveDate,
    pub kind: InspectionKind,
    /// The framework, which names the headline judgement.
    pub framework: Framework,
    /// The headline judgement (overall effectiveness, overall experiences
    /// and progress, or the supported accommodation outcome); a full
    /// inspection always has one.
    pub overall: Option<Judgement>,
    /// How well children and young people are helped and protected (SCCIF).
    pub protection: Option<Judgement>,
    /// The effectiveness of leaders and managers (SCCIF).
    pub leadership: Option<Judgement>,
    /// Outcomes for children and young people (before 2017).
    pub outcomes: Option<Judgement>,
    /// Quality of care (before 2017).
    pub care: Option<Judgement>,
    /// Safeguarding children and young people (before 2017).
    pub safeguarding: Option<Judgement>,
    /// Leadership and management (before 2017).
    pub management: Option<Judgement>,
    /// Outcomes in education and related learning activities.
    pub education: Option<Judgement>,
    /// Health services.
    pub health: Option<Judgement>,
    /// Ofsted's inspection event number, when known.
    pub event_ref: Option<String>,
    /// When the council learned of it (usually publication); `None` reads
    /// as the inspection date.
    pub recorded_on: Option<NaiveDate>,
}

impl Inspection {
    /// An inspection with its date, kind and headline, and no other judgement.
    pub fn headline(setting_id: i64, date: NaiveDate, kind: InspectionKind, overall: Option<Judgement>) -> Inspection {
        Inspection {
            setting_id,
            date,
            kind,
            framework: Framework::likely(date, overall),
            overall,
            protection: None,
            leadership: None,
            outcomes: None,
            care: None,
            safeguarding: None,
            management: None,
            education: None,
            health: None,
            event_ref: None,
            recorded_on: None,
        }
    }

    /// When the council learned of the judgement.
    pub fn learned(&self) -> NaiveDate {
        self.recorded_on.unwrap_or(self.date)
    }

    /// The judgements besides the headline, in the order of [`ASPECTS`].
    pub fn aspects(&self) -> [Option<Judgement>; 8] {
        [
            self.protection,
            self.leadership,
            self.outcomes,
            self.care,
            self.safeguarding,
            self.management,
            self.education,
            self.health,
        ]
    }

    /// The judgements besides the headline that were made, each with the
    /// short form of its heading.
    pub fn judged_aspects(&self) -> Vec<(&'static str, Judgement)> {
        ASPECTS.iter().zip(self.aspects()).filter_map(|((_, _, short), j)| Some((*short, j?))).collect()
    }

    /// Sets the judgement besides the headline named by its [`ASPECTS`] key.
    pub fn set_aspect(&mut self, key: &str, judgement: Option<Judgement>) {
        let slot = match key {
            "protection" => &mut self.protection,
            "leadership" => &mut self.leadership,
            "outcomes" => &mut self.outcomes,
            "care" => &mut self.care,
            "safeguarding" => &mut self.safeguarding,
            "management" => &mut self.management,
            "education" => &mut self.education,
            "health" => &mut self.health,
            _ => return,
        };
        *slot = judgement;
    }
}

impl Validate for Inspection {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out = Vec::new();
        if self.date > today {
            out.push(Invalid::new("date", format!("is after today ({today}): record inspections that happened")));
        }
        if self.kind == InspectionKind::Full && self.overall.is_none() {
            out.push(Invalid::new("overall", "a full inspection needs an overall judgement"));
        }
        out.extend(check_text("event ref", self.event_ref.as_deref().unwrap_or(""), false, 30));
        match self.recorded_on {
            Some(on) if on < self.date => {
                out.push(Invalid::new("learned", format!("is before the inspection ({})", self.date)))
            }
            Some(on) if on > today => out.push(Invalid::new("learned", format!("is after today ({today})"))),
            _ => {}
        }
        out
    }
}

/// The latest judged inspection among `inspections` (by date, then by the
/// order given, later wins on a tie).
pub fn latest_judged<'a>(inspections: impl IntoIterator<Item = &'a Inspection>) -> Option<&'a Inspection> {
    inspections.into_iter().filter(|i| i.overall.is_some()).fold(None, |best, i| match best {
        Some(b) if b.date > i.date => Some(b),
        _ => Some(i),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn full(date: &str, overall: Judgement) -> Inspection {
        Inspection::headline(1, parse(date).unwrap(), InspectionKind::Full, Some(overall))
    }

    #[test]
    fn the_framework_follows_the_scale_and_the_date() {
        let d = |s| parse(s).unwrap();
        assert_eq!(Framework::likely(d("2017-03-31"), Some(Judgement::Good)), Framework::Before2017);
        assert_eq!(Framework::likely(d("2017-04-01"), Some(Judgement::Good)), Framework::Sccif);
        assert_eq!(
            Framework::likely(d("2024-10-01"), Some(Judgement::Inconsistent)),
            Framework::SupportedAccommodation
        );
        assert_eq!(Framework::likely(d("2019-10-01"), Some(Judgement::Adequate)), Framework::Before2017);
        assert_eq!(Framework::Before2017.headline_short(), "Overall effectiveness");
    }

    #[test]
    fn aspects_are_set_by_key_and_listed_under_their_published_headings() {
        let mut i = full("2016-05-01", Judgement::Good);
        i.set_aspect("care", Some(Judgement::Outstanding));
        i.set_aspect("management", Some(Judgement::Adequate));
        i.set_aspect("nonsense", Some(Judgement::Inadequate));
        assert_eq!(
            i.judged_aspects(),
            [("Quality of care", Judgement::Outstanding), ("Leadership and management", Judgement::Adequate)],
        );
        for (n, (key, _, _)) in ASPECTS.iter().enumerate() {
            let mut j = full("2020-01-01", Judgement::Good);
            j.set_aspect(key, Some(Judgement::Inadequate));
            assert_eq!(j.aspects()[n], Some(Judgement::Inadequate), "{key}");
        }
    }

    #[test]
    fn future_inspections_and_unjudged_full_inspections_are_refused() {
        let today = parse("2026-01-10").unwrap();
        assert!(full("2026-01-10", Judgement::Good).problems(today).is_empty());
        let future = full("2026-01-11", Judgement::Good).problems(today);
        assert_eq!(future[0].field, "date");
        let mut unjudged = full("2025-06-01", Judgement::Good);
        unjudged.overall = None;
        assert_eq!(unjudged.problems(today)[0].field, "overall");
        unjudged.kind = InspectionKind::Monitoring;
        assert!(unjudged.problems(today).is_empty());
    }

    #[test]
    fn latest_judged_skips_visits_without_a_judgement() {
        let a = full("2023-05-01", Judgement::Good);
        let b = full("2025-02-01", Judgement::Inadequate);
        let mut c = full("2025-08-01", Judgement::Good);
        c.kind = InspectionKind::Monitoring;
        c.overall = None;
        let all = [a, b.clone(), c];
        assert_eq!(latest_judged(&all), Some(&b));
        let same_day = [full("2025-02-01", Judgement::Good), full("2025-02-01", Judgement::Inadequate)];
        assert_eq!(latest_judged(&same_day).unwrap().overall, Some(Judgement::Inadequate));
        assert_eq!(latest_judged(&[]), None);
    }
}
