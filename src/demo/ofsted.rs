//! Ofsted files for the demo: its own settings in the layout of Ofsted's
//! file as at 31 March 2025 (titles and notes as Ofsted words them, the
//! header row copied byte for byte from the real file, UTF-8 with a
//! byte-order mark, 45 columns), one as at 31 March last year and one as at
//! today, the second with six judgements the database has not heard of yet
//! (two of them urgent), so the import and its alerts can be tried on the
//! demo through the same code as Ofsted's real files.

use crate::domain::date::add_days;
use crate::domain::inspection::{Inspection, InspectionKind};
use crate::domain::rating::Judgement;
use crate::domain::setting::{Registration, SettingKind};
use crate::error::Result;
use crate::store::Store;
use crate::store::settings::SettingSummary;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The header row of Ofsted's file as at 31 March 2025, as published.
const HEADER: &str = include_str!("ofsted_2025_header.csv");
/// Its columns: 32 named and 13 empty ones after them.
const COLUMNS: usize = 45;

/// The provision type as Ofsted spells it.
fn provision(kind: SettingKind) -> &'static str {
    match kind {
        SettingKind::ChildrensHome => "Children's home",
        SettingKind::FosteringAgency => "Independent Fostering Agency",
        SettingKind::SupportedAccommodation => "Supported Accommodation",
        SettingKind::ResidentialSpecialSchool => "Residential Special School",
        SettingKind::SecureChildrensHome => "Secure children's home",
        SettingKind::Other => "Residential Family Centre",
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// One setting's row, with its latest full inspection if any.
fn row(s: &SettingSummary, i: Option<&Inspection>) -> Vec<String> {
    let v = &s.setting.value;
    let withheld = |text: &str| if v.kind.is_childrens_home() { "REDACTED".into() } else { text.to_string() };
    let word = |j: Option<Judgement>| j.map(|j| j.ofsted_text().to_string()).unwrap_or_default();
    let headline = i.and_then(|i| i.overall);
    let sa = headline.is_some_and(Judgement::is_supported_accommodation_scale);
    let mut cells = vec![String::new(); COLUMNS];
    cells[0] = "Ofsted Social Care Provider Webpage".into();
    cells[1] = v.urn.as_ref().map(|u| u.to_string()).unwrap_or_default();
    cells[3] = provision(v.kind).into();
    cells[4] = v.opened_on.map(day).unwrap_or_default();
    cells[5] = if v.registration == Registration::Suspended { "Suspended" } else { "Active" }.into();
    cells[6] = withheld(&v.name);
    for cell in &mut cells[7..=11] {
        *cell = withheld("");
    }
    cells[9] = withheld(&v.town);
    cells[12] = v.region.clone();
    cells[13] = v.region.clone();
    cells[14] = v.local_authority.clone();
    cells[16] = if s.provider_name.contains("Council") { "Local Authority" } else { "Private" }.into();
    cells[17] = v.places.map(|p| p.to_string()).unwrap_or_default();
    cells[18] = if v.kind == SettingKind::SupportedAccommodation { "1".into() } else { String::new() };
    cells[21] = s.provider_name.clone();
    if let Some(i) = i {
        cells[22] = "Full inspection".into();
        cells[23] = day(i.date);
        cells[24] = i.recorded_on.map(day).unwrap_or_default();
        cells[25] = i.event_ref.clone().unwrap_or_default();
        cells[26] = if sa { String::new() } else { word(headline) };
        cells[29] = word(i.protection);
        cells[30] = word(i.leadership);
        cells[31] = if sa { word(headline) } else { String::new() };
    }
    cells
}

/// The file's text: Ofsted's title and two notes, the header, the rows.
fn csv_text(as_at: NaiveDate, rows: &[Vec<String>]) -> String {
    let pad = ",".repeat(COLUMNS - 1);
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    for r in rows {
        let _ = out.write_record(r);
    }
    let body = String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default();
    format!(
        "Children's social care data in England {} – Provider level as at {}{pad}\n\
         \"This worksheet contains one table, this table begins in cell A4. Column A includes a link to the Ofsted \
         social care provider webpage for each provider, links will open in a new window.\"{pad}\n\
         Some cells in this table are empty. This is in instances where the column refers to data that is not \
         applicable for that provider type.{pad}\n{HEADER}{body}",
        as_at.year(),
        as_at.format("%-d %B %Y"),
    )
}

/// The new judgements: falls for two settings with children placed (one to
/// Inadequate), one with none placed, two rises, and a supported
/// accommodation scheme's outcome.
fn news(settings: &[SettingSummary], stored: &HashMap<i64, Inspection>, today: NaiveDate) -> HashMap<i64, Inspection> {
    use Judgement::*;
    let wanted: [(Judgement, bool, Judgement); 6] = [
        (Good, true, Inadequate),
        (Good, true, RequiresImprovement),
        (Good, false, Inadequate),
        (RequiresImprovement, true, Good),
        (RequiresImprovement, false, Good),
        (ConsistentlyStrong, true, Inconsistent),
    ];
    let mut out = HashMap::new();
    for (n, (from, placed, to)) in wanted.into_iter().enumerate() {
        let date = add_days(today, -30 - 9 * n as i64);
        let found = settings.iter().find(|s| {
            let id = s.setting.id;
            !out.contains_key(&id)
                && s.setting.value.urn.is_some()
                && (s.children > 0) == placed
                && stored.get(&id).is_some_and(|i| i.overall == Some(from) && i.date < date)
        });
        if let Some(s) = found {
            // Supported accommodation has no other judgements.
            let other = (!to.is_supported_accommodation_scale()).then_some(to);
            let id = s.setting.id;
            out.insert(
                id,
                Inspection {
                    protection: other,
                    leadership: other,
                    event_ref: Some((19_999_900 + n).to_string()),
                    recorded_on: Some(add_days(date, 14)),
                    ..Inspection::headline(id, date, InspectionKind::Full, Some(to))
                },
            );
        }
    }
    out
}

/// Writes the two files into `dir`; returns their paths, older first.
pub fn write(store: &Store, dir: &Path, today: NaiveDate) -> Result<(PathBuf, PathBuf)> {
    let settings: Vec<SettingSummary> = store
        .setting_summaries(today, crate::store::settings::Which::All)?
        .into_iter()
        .filter(|s| s.setting.value.urn.is_some() && s.setting.value.registration != Registration::Closed)
        .collect();
    let inspections = store.judged_full_inspections()?;
    let as_at = |on: NaiveDate| -> HashMap<i64, Inspection> {
        inspections.iter().filter(|i| i.value.date <= on).map(|i| (i.value.setting_id, i.value.clone())).collect()
    };
    let march = NaiveDate::from_ymd_opt(today.year() - 1, 3, 31).unwrap_or(today);
    let (then, now) = (as_at(march), as_at(today));
    let fresh = news(&settings, &now, today);
    let registered_by = |s: &&SettingSummary| s.setting.value.opened_on.is_none_or(|o| o <= march);
    let older: Vec<_> = settings.iter().filter(registered_by).map(|s| row(s, then.get(&s.setting.id))).collect();
    let newer: Vec<_> = settings.iter().map(|s| row(s, fresh.get(&s.setting.id).or(now.get(&s.setting.id)))).collect();
    let first = dir.join(format!("ofsted-{}.csv", march.year()));
    let second = dir.join(format!("ofsted-{}.csv", today.year()));
    for (path, as_at, rows) in [(&first, march, older), (&second, today, newer)] {
        let text = csv_text(as_at, &rows);
        crate::report::write_file(path, &[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat())?;
    }
    Ok((first, second))
}
