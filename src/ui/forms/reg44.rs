//! Regulation 44 forms: a month's report with its findings in one form
//! (Ctrl-N adds a finding), the scrutiny mark, and a finding on its own.

use super::{Choice, Field, Form, FormSpec, Problem, Saved, Values, record_form};
use crate::domain::date::Month;
use crate::domain::reg44::{Finding, FindingSeverity, FindingStatus, Opinion, Reg44Report, Standard};
use crate::domain::{Invalid, Validate};
use crate::store::RecordRef;
use crate::store::reg44::{self, ReportRow};
use crate::store::{Record, Store, StoreError, Stored, record};
use chrono::NaiveDate;

/// The fields of the `n`-th finding.
fn finding_fields(n: usize, f: Option<&Finding>) -> Vec<Field> {
    vec![
        Field::choice(
            "standard",
            "Quality Standard",
            Choice::all::<Standard>(None),
            f.map_or("reg6", |f| f.standard.code()),
        )
        .in_group(n)
        .titled(format!("Finding {}", n + 1))
        .hint("type the regulation's number: 1 for 10-14, then →"),
        Field::choice(
            "severity",
            "Severity",
            Choice::all::<FindingSeverity>(None),
            f.map_or("low", |f| f.severity.code()),
        )
        .in_group(n),
        Field::text("finding", "Finding", f.map_or("", |f| &f.text), 2000)
            .in_group(n)
            .hint("what the visitor found; blank drops the finding"),
        Field::choice("status", "Status", Choice::all::<FindingStatus>(None), f.map_or("open", |f| f.status.code()))
            .in_group(n),
        Field::date("closed on", "Closed on", f.and_then(|f| f.closed_on)).in_group(n),
    ]
}

fn finding(v: &Values, report_id: i64) -> Result<Finding, Invalid> {
    Ok(Finding {
        report_id,
        standard: v.code("standard").unwrap_or(Standard::Other),
        severity: v.code("severity").unwrap_or(FindingSeverity::Low),
        text: v.text("finding"),
        status: v.code("status").unwrap_or(FindingStatus::Open),
        closed_on: v.opt_date("closed on")?,
    })
}

/// Adds or edits one home's report for one month, with its findings.
struct ReportSpec {
    setting_id: i64,
    home: String,
    existing: Option<(i64, i64)>,
    /// The findings already stored, in group order.
    findings: Vec<Stored<Finding>>,
    /// The scrutiny mark, kept as it is through an edit.
    review: (Option<String>, Option<NaiveDate>, String),
}

impl ReportSpec {
    fn report(&self, v: &Values) -> Result<Reg44Report, Invalid> {
        Ok(Reg44Report {
            setting_id: self.setting_id,
            month: v.month("month")?,
            visit_date: v.date("visit date")?,
            received_on: v.date("received")?,
            visitor: v.text("visitor"),
            safeguarded: v.code("safeguarded").unwrap_or(Opinion::Yes),
            wellbeing: v.code("wellbeing").unwrap_or(Opinion::Yes),
            children_resident: v.number("children")?,
            missing_episodes: v.number("missing")?,
            physical_interventions: v.number("interventions")?,
            police_callouts: v.number("police")?,
            complaints: v.number("complaints")?,
            manager_in_post: v.yes("manager"),
            summary: v.text("summary"),
            reviewed_by: self.review.0.clone(),
            reviewed_on: self.review.1,
            review_note: self.review.2.clone(),
        })
    }

    /// The findings typed, by group; blank ones are left out.
    fn findings(&self, form: &Form, report_id: i64) -> Vec<(usize, Result<Finding, Invalid>)> {
        (0..form.groups())
            .map(|n| (n, form.group(n)))
            .filter(|(_, v)| !v.text("finding").is_empty())
            .map(|(n, v)| (n, finding(&v, report_id)))
            .collect()
    }
}

impl FormSpec for ReportSpec {
    fn problems(&self, form: &Form, today: NaiveDate) -> Vec<Problem> {
        let mut out: Vec<Problem> = match self.report(&form.values()) {
            Ok(report) => report.problems(today).into_iter().map(|i| (None, i)).collect(),
            Err(invalid) => vec![(None, invalid)],
        };
        for (n, found) in self.findings(form, 0) {
            match found {
                Ok(f) => out.extend(f.problems(today).into_iter().map(|i| (Some(n), i))),
                Err(invalid) => out.push((Some(n), invalid)),
            }
        }
        out
    }

    fn save(&self, form: &Form, store: &mut Store) -> Result<Saved, StoreError> {
        let report = self.report(&form.values()).map_err(|i| StoreError::Invalid(vec![i]))?;
        let (existing, stored_findings) = (self.existing, &self.findings);
        let typed: Vec<(usize, Result<Finding, Invalid>)> = self.findings(form, 0);
        let id = store.write(|tx, user, today| {
            let id = match existing {
                Some((id, version)) => record::update(tx, user, today, id, version, &report)?.id,
                None => {
                    if reg44::find(tx, report.setting_id, report.month)?.is_some() {
                        return Err(StoreError::Duplicate(report.duplicate_message()));
                    }
                    record::insert(tx, user, today, &report)?.id
                }
            };
            for (n, found) in &typed {
                let mut f = found.clone().map_err(|i| StoreError::Invalid(vec![i]))?;
                f.report_id = id;
                match stored_findings.get(*n) {
                    Some(old) if old.value == f => {}
                    Some(old) => {
                        record::update(tx, user, today, old.id, old.version, &f)?;
                    }
                    None => {
                        record::insert(tx, user, today, &f)?;
                    }
                }
            }
            Ok(id)
        })?;
        let noun = if typed.len() == 1 { "finding" } else { "findings" };
        Ok(Saved {
            message: format!("Saved the {} for {} with {} {noun}", report.describe(), self.home, typed.len()),
            record: Some(RecordRef::of::<Reg44Report>(id)),
            refused: false,
        })
    }

    fn group_fields(&self, n: usize) -> Option<Vec<Field>> {
        Some(finding_fields(n, None))
    }

    fn alternative(&self, form: &Form, store: &Store) -> Option<Form> {
        let month = form.values().month("month").ok()?;
        let row = store.reg44_report(self.setting_id, month).ok()??;
        Some(report_form(self.setting_id, &self.home, month, Some(&row), None, store.today()))
    }
}

/// The report of `home` for `month`: `existing` to edit it, else a new one
/// pre-filled from `last` (the home's latest report) where that helps.
pub fn report_form(
    setting_id: i64,
    home: &str,
    month: Month,
    existing: Option<&ReportRow>,
    last: Option<&Reg44Report>,
    today: NaiveDate,
) -> Form {
    let r = existing.map(|row| &row.report.value);
    let prefill = r.or(last);
    let count = |n: Option<u32>| Some(n.unwrap_or(0));
    let opinion = |o: Option<Opinion>| o.map_or("yes", |o| o.code());
    let mut fields = vec![
        Field::month("month", "Month covered", Some(r.map_or(month, |r| r.month))).required(),
        Field::date("visit date", "Visit date", r.map(|r| r.visit_date))
            .required()
            .hint("the day the independent person visited"),
        Field::date("received", "Received on", Some(r.map_or(today, |r| r.received_on))).required(),
        Field::text("visitor", "Independent person", prefill.map_or("", |p| &p.visitor), 60).required(),
        Field::choice(
            "safeguarded",
            "Children safeguarded?",
            Choice::all::<Opinion>(None),
            opinion(r.map(|r| r.safeguarded)),
        ),
        Field::choice(
            "wellbeing",
            "Well-being promoted?",
            Choice::all::<Opinion>(None),
            opinion(r.map(|r| r.wellbeing)),
        ),
        Field::count("children", "Children resident", prefill.map(|p| p.children_resident), 1000).required(),
        Field::count("missing", "Missing episodes", count(r.map(|r| r.missing_episodes)), 1000).required(),
        Field::count("interventions", "Physical interventions", count(r.map(|r| r.physical_interventions)), 1000)
            .required(),
        Field::count("police", "Police call-outs", count(r.map(|r| r.police_callouts)), 1000).required(),
        Field::count("complaints", "Complaints", count(r.map(|r| r.complaints)), 1000).required(),
        Field::yes_no("manager", "Manager in post?", prefill.is_none_or(|p| p.manager_in_post)),
        Field::text("summary", "Summary", r.map_or("", |r| &r.summary), 4000),
    ];
    let findings: Vec<Stored<Finding>> = existing.map(|row| row.findings.clone()).unwrap_or_default();
    for (n, f) in findings.iter().enumerate() {
        fields.extend(finding_fields(n, Some(&f.value)));
    }
    if findings.is_empty() {
        fields.extend(finding_fields(0, None));
    }
    let spec = ReportSpec {
        setting_id,
        home: home.to_string(),
        existing: existing.map(|row| (row.report.id, row.report.version)),
        findings,
        review: r
            .map_or((None, None, String::new()), |r| (r.reviewed_by.clone(), r.reviewed_on, r.review_note.clone())),
    };
    let verb = if existing.is_some() { "Edit" } else { "New" };
    Form::new(format!("{verb} Reg 44 report: {home}, {}", month.label()), fields, Box::new(spec), today)
}

/// Marks a report as read: by whom, when, and what they noted.
pub fn review_form(report: &Stored<Reg44Report>, reader: &str, today: NaiveDate) -> Form {
    let r = &report.value;
    let fields = vec![
        Field::text("reviewed by", "Read by", r.reviewed_by.as_deref().unwrap_or(reader), 60).required(),
        Field::date("reviewed on", "Read on", Some(r.reviewed_on.unwrap_or(today))).required(),
        Field::text("review note", "Note", &r.review_note, 2000).hint("what the scrutiny found, or what follows"),
    ];
    let base = r.clone();
    let build = move |v: &Values| {
        Ok(Reg44Report {
            reviewed_by: v.opt_text("reviewed by"),
            reviewed_on: v.opt_date("reviewed on")?,
            review_note: v.text("review note"),
            ..base.clone()
        })
    };
    let mut form = record_form(fields, Some(report), build, today);
    form.title = format!("Mark as read: {}", r.describe());
    form
}

/// One finding, from the findings list.
pub fn finding_form(existing: &Stored<Finding>, today: NaiveDate) -> Form {
    let fields: Vec<Field> = finding_fields(0, Some(&existing.value))
        .into_iter()
        .map(|mut f| {
            f.group = None;
            f.section = None;
            f
        })
        .collect();
    let report_id = existing.value.report_id;
    record_form(fields, Some(existing), move |v: &Values| finding(v, report_id), today)
}
