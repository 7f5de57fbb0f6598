//! Ofsted's "Children's social care data in England: provider level" file,
//! read exactly as published: titles above the header, headings that change
//! from year to year, homes' names "REDACTED", dates as dd/mm/yyyy. Each
//! import matches settings by URN, creates unknown ones as watched, records
//! inspections it has not seen, and says which judgements changed.

use super::{Problem, Sheet, normalise};
use crate::domain::alert::RatingAlert;
use crate::domain::date;
use crate::domain::inspection::{Inspection, InspectionKind};
use crate::domain::provider::Provider;
use crate::domain::rating::Judgement;
use crate::domain::setting::{Registration, Setting, SettingKind, Urn};
use crate::store::record::{self, list};
use crate::store::{Store, StoreError, Stored};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// The headings each column goes by, normalised (see [`normalise`]).
const URN: &[&str] = &["urn", "provider urn", "setting urn"];
const KIND: &[&str] = &["provision type", "provider type", "type of provision"];
const NAME: &[&str] = &["setting name", "provider name", "name"];
const STATUS: &[&str] = &["registration status", "status"];
const AUTHORITY: &[&str] = &["local authority", "la"];
const REGION: &[&str] = &["ofsted region", "region"];
const OWNER: &[&str] = &["organisation which owns the provider", "owner", "owner name", "organisation"];
const PLACES: &[&str] =
    &["places", "number of places", "registered places", "number of registered places", "max users", "maximum users"];
const INSPECTED: &[&str] =
    &["latest full inspection date", "full inspection date", "inspection date", "latest inspection date"];
const EVENT: &[&str] = &["latest full inspection event number", "event number", "inspection event number"];
const PUBLISHED: &[&str] = &["latest full inspection publication date", "publication date", "report publication date"];
const OVERALL: &[&str] = &[
    "overall effectiveness",
    "latest full inspection overall effectiveness",
    "overall outcome",
    "overall effectiveness judgement",
];
const EXPERIENCES: &[&str] =
    &["overall experiences and progress of children and young people", "overall experiences and progress of children"];
const PROTECTION: &[&str] =
    &["how well children and young people are helped and protected", "how well children are helped and protected"];
const LEADERSHIP: &[&str] = &["the effectiveness of leaders and managers", "effectiveness of leaders and managers"];

/// Ofsted withholds children's homes' names and addresses.
const REDACTED: &str = "redacted";

/// The latest full inspection a row reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInspection {
    pub date: NaiveDate,
    pub event: Option<String>,
    pub published: Option<NaiveDate>,
    pub overall: Judgement,
    pub experiences: Option<Judgement>,
    pub protection: Option<Judgement>,
    pub leadership: Option<Judgement>,
}

/// One registered setting as the file describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfstedRow {
    pub row: usize,
    pub urn: Urn,
    pub kind: SettingKind,
    /// `None` when the file withholds it ("REDACTED") or leaves it blank.
    pub name: Option<String>,
    pub registration: Registration,
    pub local_authority: String,
    pub region: String,
    pub owner: String,
    pub places: Option<u32>,
    pub inspection: Option<FileInspection>,
}

fn kind_of(text: &str) -> SettingKind {
    match normalise(text).as_str() {
        "children's home" | "multi building children's home" | "short break only children's home" => {
            SettingKind::ChildrensHome
        }
        "independent fostering agency" => SettingKind::FosteringAgency,
        "supported accommodation" | "supported accommodation undertaking" => SettingKind::SupportedAccommodation,
        "residential special school" => SettingKind::ResidentialSpecialSchool,
        "secure children's home" => SettingKind::SecureChildrensHome,
        _ => SettingKind::Other,
    }
}

fn registration_of(text: &str) -> Result<Registration, String> {
    match normalise(text).as_str() {
        "active" | "registered" => Ok(Registration::Active),
        "suspended" => Ok(Registration::Suspended),
        "resigned" | "cancelled" | "closed" => Ok(Registration::Closed),
        _ => Err(format!("{text:?} is not a registration status (Active or Suspended)")),
    }
}

/// Reads the file's text into rows, or says everything wrong with it.
pub fn parse(text: &str) -> Result<Vec<OfstedRow>, Vec<Problem>> {
    let is_header = |cells: &[String]| {
        let names: Vec<String> = cells.iter().map(|c| normalise(c)).collect();
        names.iter().any(|n| URN.contains(&n.as_str())) && names.iter().any(|n| KIND.contains(&n.as_str()))
    };
    let sheet = Sheet::read(text, is_header)?;
    let required =
        [("URN", URN), ("Provision type", KIND), ("Registration status", STATUS), ("Local authority", AUTHORITY)];
    let missing: Vec<Problem> = required
        .iter()
        .filter(|(_, names)| sheet.column(names).is_none())
        .map(|(heading, _)| Problem::file(format!("the header has no \"{heading}\" column")))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let col = |names: &[&str]| sheet.column(names);
    let (urn, kind, status, authority) = (col(URN), col(KIND), col(STATUS), col(AUTHORITY));
    let (name, region, owner, places) = (col(NAME), col(REGION), col(OWNER), col(PLACES));
    let (inspected, event, published) = (col(INSPECTED), col(EVENT), col(PUBLISHED));
    let (overall, experiences, protection, leadership) =
        (col(OVERALL), col(EXPERIENCES), col(PROTECTION), col(LEADERSHIP));

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<Urn, usize> = HashMap::new();
    for (row, cells) in &sheet.rows {
        let row = *row;
        let cell = |c: Option<usize>| c.map_or("", |i| cells[i].as_str());
        let heading = |c: Option<usize>| c.map_or("", |i| sheet.headings[i].as_str()).replace('\n', " ");
        let mut problem = |c: Option<usize>, reason: String| problems.push(Problem::at(row, &heading(c), reason));
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
        let mut judgement = |c: Option<usize>| Judgement::parse(cell(c)).map_err(|e| problem(c, e)).ok().flatten();
        let judgements = [judgement(overall), judgement(experiences), judgement(protection), judgement(leadership)];
        let places_value = match cell(places) {
            "" => None,
            text => text
                .replace(',', "")
                .parse::<u32>()
                .map_err(|_| problem(places, format!("{text:?} is not a number of places")))
                .ok(),
        };
        let inspection = match (date, judgements[0]) {
            (Some(date), Some(overall)) => Some(FileInspection {
                date,
                event: Some(cell(event).to_string()).filter(|e| !e.is_empty()),
                published: published_on,
                overall,
                experiences: judgements[1],
                protection: judgements[2],
                leadership: judgements[3],
            }),
            (None, Some(_)) => {
                problem(inspected, "a judgement with no inspection date".into());
                None
            }
            _ => None,
        };
        let Some(registration) = registration else { continue };
        let given = cell(name);
        rows.push(OfstedRow {
            row,
            urn: urn_value,
            kind: kind_of(cell(kind)),
            name: (!given.is_empty() && normalise(given) != REDACTED).then(|| given.to_string()),
            registration,
            local_authority: cell(authority).to_string(),
            region: cell(region).to_string(),
            owner: cell(owner).split_whitespace().collect::<Vec<_>>().join(" "),
            places: places_value,
            inspection,
        });
    }
    if problems.is_empty() { Ok(rows) } else { Err(problems) }
}

/// A judgement the import found changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JudgementChange {
    pub urn: String,
    pub setting: String,
    pub from: Judgement,
    pub to: Judgement,
    pub inspected: NaiveDate,
    pub urgent: bool,
}

/// A setting the council holds that the file does not list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub urn: String,
    pub setting: String,
}

/// What an import did, or would do: the keys are the command's JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<Problem>,
    pub judgement_changes: Vec<JudgementChange>,
    pub downgrades: usize,
    pub upgrades: usize,
    pub new_inadequate: usize,
    pub missing_from_file: Vec<Missing>,
}

impl Summary {
    /// The summary of a file refused for its problems.
    pub fn refused(problems: Vec<Problem>) -> Summary {
        Summary { rejected: problems, ..Summary::default() }
    }

    /// A few lines for a person.
    pub fn text(&self, dry_run: bool) -> String {
        let mut out = String::new();
        if !self.rejected.is_empty() {
            out.push_str(&format!("{} problem(s); nothing was imported:\n", self.rejected.len()));
            for p in &self.rejected {
                out.push_str(&format!("  {p}\n"));
            }
            return out;
        }
        let verb = if dry_run { "would create" } else { "created" };
        out.push_str(&format!(
            "{} rows: {verb} {}, {} {}, {} unchanged\n",
            self.rows,
            self.created,
            if dry_run { "would update" } else { "updated" },
            self.updated,
            self.unchanged
        ));
        out.push_str(&format!(
            "{} judgement change(s): {} down ({} to Inadequate), {} up\n",
            self.judgement_changes.len(),
            self.downgrades,
            self.new_inadequate,
            self.upgrades
        ));
        for c in &self.judgement_changes {
            let urgent = if c.urgent { "  URGENT: children placed" } else { "" };
            out.push_str(&format!(
                "  {} ({}): {} → {} (inspected {}){urgent}\n",
                c.setting,
                c.urn,
                c.from.label(),
                c.to.label(),
                c.inspected
            ));
        }
        if !self.missing_from_file.is_empty() {
            let shown: Vec<String> =
                self.missing_from_file.iter().take(10).map(|m| format!("{} ({})", m.setting, m.urn)).collect();
            let more = self.missing_from_file.len().saturating_sub(shown.len());
            let more =
                if more > 0 { format!(" and {more} more (--format json lists them all)") } else { String::new() };
            out.push_str(&format!(
                "{} setting(s) we hold are not in the file (closed?): {}{more}\n",
                self.missing_from_file.len(),
                shown.join(", ")
            ));
        }
        if self.created + self.updated == 0 && !dry_run {
            out.push_str("Nothing changed: the database already matches this file.\n");
        }
        out
    }
}

/// How the import treats new settings.
pub struct Options {
    /// New settings in this authority count as in the council's area.
    pub home_authority: String,
    pub dry_run: bool,
}

/// What the database holds that the import compares against.
struct Known {
    settings: HashMap<Urn, Stored<Setting>>,
    providers: HashMap<String, i64>,
    latest_full: HashMap<i64, Inspection>,
    latest_overall: HashMap<i64, Judgement>,
    children: HashMap<i64, u32>,
}

impl Known {
    fn load(store: &Store) -> Result<Known, StoreError> {
        let conn = store.conn();
        let settings = list::<Setting>(conn, "WHERE urn IS NOT NULL ORDER BY id", &[])?
            .into_iter()
            .filter_map(|s| Some((s.value.urn.clone()?, s)))
            .collect();
        let providers = list::<Provider>(conn, "ORDER BY id", &[])?
            .into_iter()
            .map(|p| (provider_key(&p.value.name), p.id))
            .collect();
        let mut latest_full = HashMap::new();
        let mut latest_overall = HashMap::new();
        for i in list::<Inspection>(conn, "ORDER BY setting_id, inspection_date, id", &[])? {
            if let Some(overall) = i.value.overall {
                latest_overall.insert(i.value.setting_id, overall);
            }
            if i.value.kind == InspectionKind::Full {
                latest_full.insert(i.value.setting_id, i.value);
            }
        }
        let children = crate::store::settings::summaries(conn, store.today(), crate::store::settings::Which::All)?
            .into_iter()
            .map(|s| (s.setting.id, s.children))
            .collect();
        Ok(Known { settings, providers, latest_full, latest_overall, children })
    }
}

/// Providers are one organisation whatever the spacing or capitals.
fn provider_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether the file's inspection is one the database has not recorded.
fn is_new(file: &FileInspection, stored: Option<&Inspection>) -> bool {
    match stored {
        None => true,
        Some(s) => match (&file.event, &s.event_ref) {
            (Some(a), Some(b)) if a == b => false,
            _ => file.date > s.date,
        },
    }
}

/// Imports `rows` (already parsed) in one transaction, or with `dry_run`
/// works out what it would do and writes nothing. `progress` hears how many
/// rows are done.
pub fn import(
    store: &mut Store,
    rows: &[OfstedRow],
    options: &Options,
    mut progress: impl FnMut(usize, usize),
) -> Result<Summary, StoreError> {
    let known = Known::load(store)?;
    let mut summary = Summary { rows: rows.len(), ..Summary::default() };
    let in_file: std::collections::HashSet<&Urn> = rows.iter().map(|r| &r.urn).collect();
    summary.missing_from_file = known
        .settings
        .iter()
        .filter(|(urn, s)| {
            !in_file.contains(urn) && s.value.registration != Registration::Closed && s.value.archived_on.is_none()
        })
        .map(|(urn, s)| Missing { urn: urn.to_string(), setting: s.value.name.clone() })
        .collect();
    summary.missing_from_file.sort_by(|a, b| a.setting.cmp(&b.setting));
    let dry_run = options.dry_run;
    let home = provider_key(&options.home_authority);
    let mut run = |tx: &rusqlite::Connection, user: &str, today: NaiveDate| -> Result<Summary, StoreError> {
        let mut summary = summary.clone();
        let mut providers = known.providers.clone();
        for (done, r) in rows.iter().enumerate() {
            progress(done, rows.len());
            let at_row = |e: StoreError| match e {
                StoreError::Invalid(list) => StoreError::Invalid(
                    list.into_iter()
                        .map(|i| crate::domain::Invalid::new(i.field, format!("row {}: {}", r.row, i.message)))
                        .collect(),
                ),
                other => other,
            };
            let owner = if r.owner.is_empty() { "Provider not named by Ofsted".to_string() } else { r.owner.clone() };
            let provider_id = match providers.get(&provider_key(&owner)) {
                Some(id) => *id,
                None if dry_run => -1,
                None => {
                    let p = Provider {
                        name: owner.clone(),
                        contact: String::new(),
                        notes: String::new(),
                        archived_on: None,
                    };
                    record::insert(tx, user, today, &p).map_err(at_row)?.id
                }
            };
            providers.insert(provider_key(&owner), provider_id);
            let (setting_id, changed) = match known.settings.get(&r.urn) {
                Some(s) => {
                    let mut next = s.value.clone();
                    next.registration = r.registration;
                    next.places = r.places.or(next.places);
                    next.provider_id = provider_id;
                    if let Some(name) = &r.name {
                        next.name = name.clone();
                    }
                    if !r.local_authority.is_empty() {
                        next.local_authority = r.local_authority.clone();
                    }
                    if !r.region.is_empty() {
                        next.region = r.region.clone();
                    }
                    let changed = next != s.value;
                    if changed && !dry_run {
                        record::update(tx, user, today, s.id, s.version, &next).map_err(at_row)?;
                    }
                    (Some(s.id), changed)
                }
                None => {
                    summary.created += 1;
                    if dry_run {
                        (None, true)
                    } else {
                        let setting = Setting {
                            urn: Some(r.urn.clone()),
                            name: r
                                .name
                                .clone()
                                .unwrap_or_else(|| format!("{} {} (name withheld)", r.kind.label(), r.urn)),
                            kind: r.kind,
                            places: r.places,
                            local_authority: r.local_authority.clone(),
                            region: r.region.clone(),
                            in_area: provider_key(&r.local_authority) == home,
                            registration: r.registration,
                            ..Setting::blank(provider_id)
                        };
                        (Some(record::insert(tx, user, today, &setting).map_err(at_row)?.id), false)
                    }
                }
            };
            let mut inspected = false;
            if let Some(file) = &r.inspection {
                let stored = setting_id.and_then(|id| known.latest_full.get(&id));
                if is_new(file, stored) {
                    inspected = true;
                    let before = setting_id.and_then(|id| known.latest_overall.get(&id)).copied();
                    if let (Some(id), Some(from)) = (setting_id, before)
                        && from != file.overall
                    {
                        let children = known.children.get(&id).copied().unwrap_or(0);
                        let alert = RatingAlert::new(id, from, file.overall, file.date, children, today);
                        summary.downgrades += usize::from(alert.is_downgrade());
                        summary.upgrades += usize::from(!alert.is_downgrade());
                        summary.new_inadequate +=
                            usize::from(file.overall.severity() == crate::domain::rating::Severity::Inadequate);
                        summary.judgement_changes.push(JudgementChange {
                            urn: r.urn.to_string(),
                            setting: known
                                .settings
                                .get(&r.urn)
                                .map_or_else(|| r.urn.to_string(), |s| s.value.name.clone()),
                            from,
                            to: file.overall,
                            inspected: file.date,
                            urgent: alert.urgent,
                        });
                        if !dry_run {
                            record::insert(tx, user, today, &alert).map_err(at_row)?;
                        }
                    }
                    if let (Some(id), false) = (setting_id, dry_run) {
                        let inspection = Inspection {
                            setting_id: id,
                            date: file.date,
                            kind: InspectionKind::Full,
                            overall: Some(file.overall),
                            experiences: file.experiences,
                            protection: file.protection,
                            leadership: file.leadership,
                            event_ref: file.event.clone(),
                            recorded_on: Some(file.published.unwrap_or(today).max(file.date)),
                        };
                        record::insert(tx, user, today, &inspection).map_err(at_row)?;
                    }
                }
            }
            if known.settings.contains_key(&r.urn) {
                if changed || inspected {
                    summary.updated += 1;
                } else {
                    summary.unchanged += 1;
                }
            }
        }
        progress(rows.len(), rows.len());
        Ok(summary)
    };
    if dry_run {
        let today = store.today();
        run(store.conn(), "", today)
    } else {
        store.write(run)
    }
}
