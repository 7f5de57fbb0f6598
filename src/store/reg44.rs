//! Regulation 44 reports and their findings.

use super::record::{Deletable, list, record};
use super::{StoreError, Stored};
use crate::domain::date::Month;
use crate::domain::reg44::{Finding, FindingSeverity, Reg44Report, ReportFacts};
use rusqlite::Connection;
use std::collections::HashMap;

record!(Reg44Report, "reg44_reports", "Reg 44 report", {
    setting_id: "setting_id",
    month: "month",
    visit_date: "visit_date",
    received_on: "received_on",
    visitor: "visitor",
    safeguarded: "safeguarded",
    wellbeing: "wellbeing",
    children_resident: "children_resident",
    missing_episodes: "missing_episodes",
    physical_interventions: "physical_interventions",
    police_callouts: "police_callouts",
    complaints: "complaints",
    manager_in_post: "manager_in_post",
    summary: "summary",
    reviewed_by: "reviewed_by",
    reviewed_on: "reviewed_on",
    review_note: "review_note",
}
    fn duplicate_message(&self) -> String {
        format!("a Reg 44 report for {} is already recorded for this home: open it to edit it", self.month.label())
    }

    fn describe(&self) -> String {
        format!("Reg 44 report for {}", self.month.label())
    }

    /// A report tells of its home alone.
    fn reach(&self) -> Option<i64> {
        Some(self.setting_id)
    }
);

record!(Finding, "reg44_findings", "finding", {
    report_id: "report_id",
    standard: "standard",
    severity: "severity",
    text: "text",
    status: "status",
    closed_on: "closed_on",
}
    fn duplicate_message(&self) -> String {
        "this finding is already recorded".into()
    }

    fn describe(&self) -> String {
        format!("finding \"{}\"", crate::domain::excerpt(&self.text, 40))
    }
);

impl Deletable for Finding {}

/// A report with its findings.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub report: Stored<Reg44Report>,
    pub findings: Vec<Stored<Finding>>,
}

impl ReportRow {
    /// What the flags read from this report.
    pub fn facts(&self) -> ReportFacts {
        let r = &self.report.value;
        let mut standards: Vec<_> = self.findings.iter().map(|f| f.value.standard).collect();
        standards.sort_by_key(|s| s.code());
        standards.dedup();
        ReportFacts {
            month: r.month,
            visited_on: r.visit_date,
            received_on: r.received_on,
            manager_in_post: r.manager_in_post,
            missing_episodes: r.missing_episodes,
            safeguarded: r.safeguarded,
            wellbeing: r.wellbeing,
            standards,
            serious_finding: self.findings.iter().any(|f| f.value.severity == FindingSeverity::Serious),
        }
    }
}

/// What monitoring needs of one report: no text, its findings summed up (by
/// the triggers of schema version 7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSummary {
    pub id: i64,
    pub reviewed: bool,
    /// Findings not yet closed.
    pub open_findings: usize,
    pub facts: ReportFacts,
}

/// Every report from `from` on, summed up, by setting, oldest first.
pub fn summaries_since(
    conn: &Connection,
    from: Month,
    which: super::settings::Which,
) -> Result<HashMap<i64, Vec<ReportSummary>>, StoreError> {
    use crate::domain::code::Code;
    use crate::domain::reg44::Standard;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, setting_id, month, received_on, reviewed_by IS NOT NULL, manager_in_post, missing_episodes,
                safeguarded, wellbeing, finding_standards, serious_finding, open_findings, visit_date
         FROM reg44_reports WHERE +month >= ?1 AND {}",
        which.on_setting("setting_id", 2)
    ))?;
    let rows = stmt.query_map(rusqlite::params![from, which.id()], |r| {
        let standards: Option<String> = r.get(9)?;
        let mut standards: Vec<Standard> =
            standards.unwrap_or_default().split(',').filter_map(Standard::from_code).collect();
        standards.sort_by_key(|s| s.code());
        Ok((
            r.get::<_, i64>(1)?,
            ReportSummary {
                id: r.get(0)?,
                reviewed: r.get(4)?,
                open_findings: r.get::<_, i64>(11)? as usize,
                facts: ReportFacts {
                    month: r.get(2)?,
                    visited_on: r.get(12)?,
                    received_on: r.get(3)?,
                    manager_in_post: r.get(5)?,
                    missing_episodes: r.get(6)?,
                    safeguarded: r.get(7)?,
                    wellbeing: r.get(8)?,
                    standards,
                    serious_finding: r.get(10)?,
                },
            },
        ))
    })?;
    let mut out: HashMap<i64, Vec<ReportSummary>> = HashMap::new();
    for row in rows {
        let (setting, summary) = row?;
        out.entry(setting).or_default().push(summary);
    }
    // Read in the table's order, which for every setting is one pass and not
    // a step down the (setting, month) index per report; each oldest first.
    out.values_mut().for_each(|reports| reports.sort_by_key(|r| r.facts.month));
    Ok(out)
}

/// The reports from `from` on (of these settings, or of all), with
/// findings, by setting, oldest first.
pub fn since(
    conn: &Connection,
    from: Month,
    settings: Option<&[i64]>,
) -> Result<HashMap<i64, Vec<ReportRow>>, StoreError> {
    let ids = settings.map(|s| serde_json::to_string(s).unwrap_or_default());
    let which = "month >= ?1 AND (?2 IS NULL OR setting_id IN (SELECT value FROM json_each(?2)))";
    let params: [&dyn rusqlite::ToSql; 2] = [&from, &ids];
    let reports = list::<Reg44Report>(conn, &format!("WHERE {which} ORDER BY setting_id, month"), &params)?;
    let mut findings: HashMap<i64, Vec<Stored<Finding>>> = HashMap::new();
    for f in list::<Finding>(
        conn,
        &format!("WHERE report_id IN (SELECT id FROM reg44_reports WHERE {which}) ORDER BY report_id, id"),
        &params,
    )? {
        findings.entry(f.value.report_id).or_default().push(f);
    }
    let mut out: HashMap<i64, Vec<ReportRow>> = HashMap::new();
    for report in reports {
        let row = ReportRow { findings: findings.remove(&report.id).unwrap_or_default(), report };
        out.entry(row.report.value.setting_id).or_default().push(row);
    }
    Ok(out)
}

/// The findings not yet closed in the reports for `from` on, with their
/// report's home and month.
pub fn open_findings_since(conn: &Connection, from: Month) -> Result<Vec<(i64, Month, Stored<Finding>)>, StoreError> {
    let reports: HashMap<i64, (i64, Month)> = conn
        .prepare_cached("SELECT id, setting_id, month FROM reg44_reports WHERE month >= ?1")?
        .query_map([&from], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let findings = list::<Finding>(
        conn,
        "WHERE status <> 'closed' AND report_id IN (SELECT id FROM reg44_reports WHERE month >= ?1)
         ORDER BY report_id, id",
        &[&from],
    )?;
    Ok(findings
        .into_iter()
        .filter_map(|f| reports.get(&f.value.report_id).map(|&(setting, month)| (setting, month, f)))
        .collect())
}

/// A report without its findings, and how many of them are open.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportHeader {
    pub report: Stored<Reg44Report>,
    pub open_findings: u32,
}

/// A home's report for a month, without its findings, if recorded.
pub fn header(conn: &Connection, setting_id: i64, month: Month) -> Result<Option<ReportHeader>, StoreError> {
    let Some(report) = list::<Reg44Report>(conn, "WHERE setting_id = ?1 AND month = ?2", &[&setting_id, &month])?.pop()
    else {
        return Ok(None);
    };
    let open_findings = conn
        .prepare_cached("SELECT open_findings FROM reg44_reports WHERE id = ?1")?
        .query_row([report.id], |r| r.get(0))?;
    Ok(Some(ReportHeader { report, open_findings }))
}

/// A home's latest report, if it has any.
pub fn latest(conn: &Connection, setting_id: i64) -> Result<Option<Stored<Reg44Report>>, StoreError> {
    Ok(list::<Reg44Report>(conn, "WHERE setting_id = ?1 ORDER BY month DESC LIMIT 1", &[&setting_id])?.pop())
}

/// A home's report for a month, if recorded.
pub fn find(conn: &Connection, setting_id: i64, month: Month) -> Result<Option<ReportRow>, StoreError> {
    let report = list::<Reg44Report>(conn, "WHERE setting_id = ?1 AND month = ?2", &[&setting_id, &month])?.pop();
    Ok(match report {
        Some(report) => {
            let findings = list::<Finding>(conn, "WHERE report_id = ?1 ORDER BY id", &[&report.id])?;
            Some(ReportRow { report, findings })
        }
        None => None,
    })
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn reg44_summaries_since(
        &self,
        from: Month,
        which: super::settings::Which,
    ) -> Result<HashMap<i64, Vec<ReportSummary>>, StoreError> {
        summaries_since(&self.conn, from, which)
    }

    pub fn reg44_reports_since(
        &self,
        from: Month,
        settings: Option<&[i64]>,
    ) -> Result<HashMap<i64, Vec<ReportRow>>, StoreError> {
        since(&self.conn, from, settings)
    }

    pub fn reg44_report(&self, setting_id: i64, month: Month) -> Result<Option<ReportRow>, StoreError> {
        find(&self.conn, setting_id, month)
    }

    pub fn latest_reg44_report(&self, setting_id: i64) -> Result<Option<Stored<Reg44Report>>, StoreError> {
        latest(&self.conn, setting_id)
    }

    pub fn reg44_header(&self, setting_id: i64, month: Month) -> Result<Option<ReportHeader>, StoreError> {
        header(&self.conn, setting_id, month)
    }

    pub fn open_findings_since(&self, from: Month) -> Result<Vec<(i64, Month, Stored<Finding>)>, StoreError> {
        open_findings_since(&self.conn, from)
    }
}
