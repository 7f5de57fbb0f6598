//! Reading a provider-level file into rows. Columns are found by the
//! headings Ofsted has used over the years (learnt from its files of 2017,
//! 2020, 2022, 2023 and 2025; see `tests/data/ofsted/SOURCES.md`), with the
//! "Latest full inspection" prefix of 2022 and later set aside, line breaks
//! inside headings ignored, and whatever value Ofsted publishes accepted.

use crate::domain::date;
use crate::domain::inspection::{ASPECTS, Framework, Inspection, InspectionKind};
use crate::domain::rating::Judgement;
use crate::domain::setting::{Registration, SettingKind, Urn};
use crate::import::{Problem, Sheet, normalise};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The headings each column has gone by, normalised, without the prefix.
const URN: &[&str] = &["urn", "provider urn", "setting urn"];
const KIND: &[&str] = &["provision type", "provider type", "type of provision", "setting type"];
const NAME: &[&str] = &["name", "setting name", "provider name"];
const STATUS: &[&str] = &["registration status", "reg status", "status"];
const AUTHORITY: &[&str] = &["local authority", "la", "local authority name"];
const REGION: &[&str] = &["ofsted region", "region"];
const OWNER: &[&str] = &["organisation which owns the provider", "owner", "owner name", "organisation"];
const PLACES: &[&str] =
    &["places", "number of places", "registered places", "number of registered places", "max users", "maximum users"];
const EVENT_TYPE: &[&str] = &["event type", "inspection type", "inspection event type"];
const INSPECTED: &[&str] = &["inspection date", "date", "inspection start date"];
const PUBLISHED: &[&str] = &["publication date", "report publication date", "inspection publication date"];
const EVENT: &[&str] = &["event number", "inspection id", "inspection event number", "event id"];
/// The headline, era by era: the old framework's, SCCIF's, supported accommodation's.
const HEADLINES: [(Framework, &[&str]); 3] = [
    (Framework::Before2017, &["overall effectiveness", "overall effectiveness judgement"]),
    (
        Framework::Sccif,
        &[
            "overall experiences and progress of children and young people",
            "overall experiences and progress of children",
        ],
    ),
    (
        Framework::SupportedAccommodation,
        &["supported accommodation outcome", "supported accommodation inspection outcome"],
    ),
];

/// Prefixes Ofsted puts before its inspection headings, one misspelt.
const PREFIXES: &[&str] = &["latest full inspection ", "latest full inspectio ", "latest inspection "];

/// A heading as matched: normalised, the "latest full inspection" prefix off.
fn key(heading: &str) -> String {
    let h = normalise(heading);
    PREFIXES.iter().find_map(|p| h.strip_prefix(p)).map_or(h.clone(), str::to_string)
}

/// One registered setting as the file describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfstedRow {
    pub row: usize,
    pub urn: Urn,
    pub kind: SettingKind,
    /// The provision type as published.
    pub provision: String,
    /// `None` when the file withholds it ("REDACTED") or leaves it blank.
    pub name: Option<String>,
    pub registration: Registration,
    pub local_authority: String,
    pub region: String,
    /// Blank in files that do not name owners (2017 and earlier).
    pub owner: String,
    pub places: Option<u32>,
    /// The latest inspection the row reports, judged or not (setting id 0,
    /// learned on the publication date when given).
    pub inspection: Option<Inspection>,
}

/// A file read whole: its rows and the day it describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfstedFile {
    /// The day the file is "as at": from its title, else its latest date.
    pub as_at: NaiveDate,
    /// Whether the title gave it.
    pub titled: bool,
    pub rows: Vec<OfstedRow>,
}

/// The kind of setting a provision type names. Residential special schools
/// registered as children's homes (">295 days a year" in older files) are
/// children's homes in law and owe Regulation 44 reports.
pub fn kind_of(provision: &str) -> SettingKind {
    let p = normalise(provision);
    if p.contains("secure children") {
        SettingKind::SecureChildrensHome
    } else if p.contains("children's home") || p.contains("childrens home") || p.contains("295") {
        SettingKind::ChildrensHome
    } else if p.contains("fostering agency") {
        SettingKind::FosteringAgency
    } else if p.contains("supported accommodation") {
        SettingKind::SupportedAccommodation
    } else if p.starts_with("residential special school") {
        SettingKind::ResidentialSpecialSchool
    } else {
        SettingKind::Other
    }
}

fn registration_of(text: &str) -> Result<Registration, String> {
    match normalise(text).as_str() {
        "" | "active" | "registered" | "open" => Ok(Registration::Active),
        "suspended" => Ok(Registration::Suspended),
        "resigned" | "cancelled" | "closed" | "refused" => Ok(Registration::Closed),
        _ => Err(format!("{text:?} is not a registration status (Active, Suspended, Resigned or Cancelled)")),
    }
}

fn event_kind(text: &str) -> InspectionKind {
    let t = normalise(text);
    if t.contains("monitoring") {
        InspectionKind::Monitoring
    } else if t.contains("interim") {
        InspectionKind::Interim
    } else if t.contains("assurance") {
        InspectionKind::Assurance
    } else {
        InspectionKind::Full
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The day a title names after "as at": "as at 31 March 2023", "as at March 2022".
pub fn as_at_in(title: &str) -> Option<NaiveDate> {
    let lower = title.to_lowercase();
    let rest = &lower[lower.find("as at")? + 5..];
    let words: Vec<&str> = rest.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(3).collect();
    let month_at = |w: &str| MONTHS.iter().position(|m| *m == w).map(|m| m as u32 + 1);
    match words.as_slice() {
        [d, m, y, ..] if d.parse::<u32>().is_ok() => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, month_at(m)?, d.parse().ok()?)
        }
        [m, y, ..] => Some(date::Month::new(y.parse().ok()?, month_at(m)?)?.last_day()),
        _ => None,
    }
}

/// Reads the file's text into rows, or says everything wrong with it.
pub fn parse(text: &str) -> Result<OfstedFile, Vec<Problem>> {
    let is_header = |cells: &[String]| {
        let names: Vec<String> = cells.iter().map(|c| key(c)).collect();
        names.iter().any(|n| URN.contains(&n.as_str())) && names.iter().any(|n| KIND.contains(&n.as_str()))
    };
    let sheet = Sheet::read(text, is_header)?;
    let keys: Vec<String> = sheet.headings.iter().map(|h| key(h)).collect();
    let col = |names: &[&str]| keys.iter().position(|k| !k.starts_with("previous") && names.contains(&k.as_str()));
    let required = [("URN", URN), ("Provision type", KIND), ("Local authority", AUTHORITY)];
    let missing: Vec<Problem> = required
        .iter()
        .filter(|(_, names)| col(names).is_none())
        .map(|(heading, _)| Problem::file(format!("the header has no \"{heading}\" column")))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let (urn, kind, status, authority) = (col(URN), col(KIND), col(STATUS), col(AUTHORITY));
    let (name, region, owner, places) = (col(NAME), col(REGION), col(OWNER), col(PLACES));
    let (event_type, inspected, event, published) = (col(EVENT_TYPE), col(INSPECTED), col(EVENT), col(PUBLISHED));
    let headlines: Vec<(Framework, usize)> =
        HEADLINES.iter().filter_map(|(f, names)| Some((*f, col(names)?))).collect();
    let aspects: Vec<(&str, usize)> =
        ASPECTS.iter().filter_map(|(k, heading, _)| Some((*k, col(&[normalise(heading).as_str()])?))).collect();

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<Urn, usize> = HashMap::new();
    let mut latest_date = None;
    for (row, cells) in &sheet.rows {
        let row = *row;
        let cell = |c: Option<usize>| c.map_or("", |i| cells[i].as_str());
        let heading = |c: Option<usize>| c.map_or("", |i| sheet.headings[i].as_str()).replace('\n', " ");
        let mut problem = |c: Option<usize>, reason: String| problems.push(Problem::at(row, heading(c).trim(), reason));
        let urn_value = match Urn::parse(cell(urn)) {
            Ok(u) => u,
            Err(e) => {
                problem(urn, e);
                continue;
            }
        };
        if let Some(first) = seen.insert(urn_value.clone(), row) {
            problem(urn, format!("URN {urn_value} appears again (first at row {first})"));
            continue;
        }
        let registration = registration_of(cell(status)).map_err(|e| problem(status, e)).ok();
        let mut date_of = |c: Option<usize>| match cell(c) {
            "" => None,
            text => date::parse(text).map_err(|e| problem(c, e)).ok(),
        };
        let (date, published_on) = (date_of(inspected), date_of(published));
        latest_date = latest_date.max(date).max(published_on);
        let mut judgement = |c: usize| Judgement::parse(&cells[c]).map_err(|e| problem(Some(c), e)).ok().flatten();
        let headline = headlines.iter().find_map(|(f, c)| Some((*f, judgement(*c)?)));
        let judged: Vec<(&str, Option<Judgement>)> = aspects.iter().map(|(k, c)| (*k, judgement(*c))).collect();
        let places_value = match cell(places) {
            "" => None,
            text => text
                .replace(',', "")
                .parse::<u32>()
                .map_err(|_| problem(places, format!("{text:?} is not a number of places")))
                .ok(),
        };
        let inspection = match date {
            Some(date) => {
                let kind = event_kind(cell(event_type));
                let mut i = Inspection::headline(0, date, kind, headline.map(|(_, j)| j));
                i.framework = headline.map_or_else(|| Framework::likely(date, None), |(f, _)| f);
                for (k, j) in judged {
                    i.set_aspect(k, j);
                }
                i.event_ref = Some(cell(event).to_string()).filter(|e| !e.is_empty());
                i.recorded_on = published_on.map(|p| p.max(date));
                // A full inspection with no judgement is one Ofsted has not yet published.
                (i.overall.is_some() || kind != InspectionKind::Full).then_some(i)
            }
            None if headline.is_some() => {
                problem(inspected, "a judgement with no inspection date".into());
                None
            }
            None => None,
        };
        let Some(registration) = registration else { continue };
        let given = cell(name);
        let provision = cell(kind).to_string();
        rows.push(OfstedRow {
            row,
            urn: urn_value,
            kind: kind_of(&provision),
            provision,
            name: (!given.is_empty() && normalise(given) != "redacted").then(|| given.to_string()),
            registration,
            local_authority: cell(authority).to_string(),
            region: cell(region).to_string(),
            owner: cell(owner).split_whitespace().collect::<Vec<_>>().join(" "),
            places: places_value,
            inspection,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let titled = sheet.preamble.iter().find_map(|line| as_at_in(line));
    let as_at = titled.or(latest_date).unwrap_or(NaiveDate::MIN);
    Ok(OfstedFile { as_at, titled: titled.is_some(), rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_every_era_find_their_columns() {
        for (heading, names) in [
            ("Latest full inspection date", INSPECTED),
            ("\nLatest full inspection date", INSPECTED),
            ("Inspection date", INSPECTED),
            ("Latest full inspectio health services", &["health services"][..]),
            ("\nLatest Full inspection event type", EVENT_TYPE),
            ("Inspection ID", EVENT),
            ("Reg Status", STATUS),
            ("Setting Name", NAME),
            ("Region", REGION),
            ("Latest full inspection overall experiences and progress of children and young people", HEADLINES[1].1),
        ] {
            assert!(names.contains(&key(heading).as_str()), "{heading:?} read as {:?}", key(heading));
        }
    }

    #[test]
    fn every_provision_type_has_a_kind() {
        use SettingKind::*;
        for (text, want) in [
            ("Children's home", ChildrensHome),
            ("Children's Home", ChildrensHome),
            ("Multi Building Children's Home", ChildrensHome),
            ("Multi-building children's home", ChildrensHome),
            ("Residential special school (registered as a children's home)", ChildrensHome),
            ("Residential Special School (>295 days/year)", ChildrensHome),
            ("Residential Special School", ResidentialSpecialSchool),
            ("Secure children's home", SecureChildrensHome),
            ("Independent Fostering Agency", FosteringAgency),
            ("Supported Accommodation", SupportedAccommodation),
            ("Boarding School", Other),
            ("Further Education College with Residential Accommodation", Other),
            ("Residential Family Centre", Other),
            ("Voluntary Adoption Agency", Other),
            ("Adoption Support Agency", Other),
            ("Residential Holiday Scheme for Disabled Children", Other),
            ("Secure Training Centre", Other),
            ("CAFCASS", Other),
        ] {
            assert_eq!(kind_of(text), want, "{text}");
        }
    }

    #[test]
    fn the_day_a_title_says_the_file_is_as_at() {
        let d = |s| date::parse(s).ok();
        assert_eq!(
            as_at_in("Children's social care data in England 2023 - Provider level as at 31 March 2023"),
            d("2023-03-31")
        );
        assert_eq!(
            as_at_in("Children's social care data in England 2022 - Provider level as at March 2022"),
            d("2022-03-31")
        );
        assert_eq!(as_at_in("data as at 1 December 2026."), d("2026-12-01"));
        assert_eq!(as_at_in("As at February 2024"), d("2024-02-29"));
        assert_eq!(as_at_in("Provider information"), None);
        assert_eq!(as_at_in("as at the end of the year"), None);
    }
}
