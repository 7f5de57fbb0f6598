//! Ofsted files for the demo: its own settings in the shape Ofsted
//! publishes, as at 31 March last year and as at today, the second with six
//! judgements the database has not heard of yet (two of them urgent), so the
//! import and its alerts can be tried on the demo.

use crate::domain::date::add_days;
use crate::domain::inspection::{Inspection, InspectionKind};
use crate::domain::rating::Judgement;
use crate::domain::setting::{Registration, SettingKind};
use crate::error::Result;
use crate::store::Store;
use crate::store::record::list;
use crate::store::settings::{SettingSummary, summaries};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const HEADINGS: [&str; 16] = [
    "URN",
    "Provision type",
    "Setting name",
    "Registration status",
    "Sector",
    "Local authority",
    "Ofsted region",
    "Organisation which owns the provider",
    "Number of registered places",
    "Latest full inspection date",
    "Latest full inspection event number",
    "Latest full inspection publication date",
    "Overall experiences and progress of children and young people",
    "How well children and young people are helped and protected",
    "The effectiveness of leaders and managers",
    "Overall effectiveness",
];

fn provision(kind: SettingKind) -> &'static str {
    match kind {
        SettingKind::ChildrensHome => "Children's home",
        SettingKind::FosteringAgency => "Independent fostering agency",
        SettingKind::SupportedAccommodation => "Supported accommodation",
        SettingKind::ResidentialSpecialSchool => "Residential special school",
        SettingKind::SecureChildrensHome => "Secure children's home",
        SettingKind::Other => "Residential family centre",
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// One file's rows: each setting with a URN and its latest full inspection
/// as at `as_at`, or the one `news` gives it.
fn rows(settings: &[SettingSummary], latest: &dyn Fn(i64) -> Option<Inspection>) -> Vec<Vec<String>> {
    settings
        .iter()
        .filter_map(|s| {
            let v = &s.setting.value;
            let urn = v.urn.as_ref()?;
            let i = latest(s.setting.id);
            let word = |j: Option<Judgement>| j.map(|j| j.ofsted_text().to_string()).unwrap_or_default();
            Some(vec![
                urn.to_string(),
                provision(v.kind).to_string(),
                if v.kind == SettingKind::ChildrensHome { "REDACTED".into() } else { v.name.clone() },
                match v.registration {
                    Registration::Active => "Active",
                    Registration::Suspended => "Suspended",
                    Registration::Closed => "Resigned",
                }
                .to_string(),
                "Private".into(),
                v.local_authority.clone(),
                v.region.clone(),
                s.provider_name.clone(),
                v.places.map(|p| p.to_string()).unwrap_or_default(),
                i.as_ref().map(|i| day(i.date)).unwrap_or_default(),
                i.as_ref().and_then(|i| i.event_ref.clone()).unwrap_or_default(),
                i.as_ref().and_then(|i| i.recorded_on).map(day).unwrap_or_default(),
                word(i.as_ref().and_then(|i| i.experiences)),
                word(i.as_ref().and_then(|i| i.protection)),
                word(i.as_ref().and_then(|i| i.leadership)),
                word(i.as_ref().and_then(|i| i.overall)),
            ])
        })
        .collect()
}

fn csv_text(title: &str, rows: &[Vec<String>]) -> String {
    let pad = ",".repeat(HEADINGS.len() - 1);
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(HEADINGS);
    for row in rows {
        let _ = out.write_record(row);
    }
    let body = String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default();
    format!("\"{title}\"{pad}\r\n\"Names and addresses of children's homes are withheld.\"{pad}\r\n{pad}\r\n{body}")
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
            // Supported accommodation has no sub-judgements.
            let sub = (!to.is_supported_accommodation_scale()).then_some(to);
            out.insert(
                s.setting.id,
                Inspection {
                    setting_id: s.setting.id,
                    date,
                    kind: InspectionKind::Full,
                    overall: Some(to),
                    experiences: sub,
                    protection: sub,
                    leadership: sub,
                    event_ref: Some(format!("EV-DEMO-{}", n + 1)),
                    recorded_on: Some(add_days(date, 14)),
                },
            );
        }
    }
    out
}

/// Writes the two files into `dir`; returns their paths, older first.
pub fn write(store: &Store, dir: &Path, today: NaiveDate) -> Result<(PathBuf, PathBuf)> {
    let settings = summaries(store.conn(), today, crate::store::settings::Which::All)?;
    let inspections = list::<Inspection>(
        store.conn(),
        "WHERE kind = 'full' AND overall IS NOT NULL ORDER BY setting_id, inspection_date",
        &[],
    )?;
    let as_at = |on: NaiveDate| -> HashMap<i64, Inspection> {
        inspections.iter().filter(|i| i.value.date <= on).map(|i| (i.value.setting_id, i.value.clone())).collect()
    };
    let march = NaiveDate::from_ymd_opt(today.year() - 1, 3, 31).unwrap_or(today);
    let (then, now) = (as_at(march), as_at(today));
    let fresh = news(&settings, &now, today);
    let older = csv_text(
        &format!("Children's social care data in England {}: provider level data as at 31 March", march.year()),
        &rows(&settings, &|id| then.get(&id).cloned()),
    );
    let newer = csv_text(
        &format!("Children's social care data in England: provider level data as at {}", day(today)),
        &rows(&settings, &|id| fresh.get(&id).or(now.get(&id)).cloned()),
    );
    let first = dir.join(format!("ofsted-{}.csv", march.year()));
    let second = dir.join(format!("ofsted-{}.csv", today.year()));
    // As Ofsted has published them over the years: UTF-8 with a byte-order mark, then Windows-1252.
    crate::report::write_file(&first, &[b"\xEF\xBB\xBF".as_slice(), older.as_bytes()].concat())?;
    crate::report::write_file(&second, &encoding_rs::WINDOWS_1252.encode(&newer).0)?;
    Ok((first, second))
}
