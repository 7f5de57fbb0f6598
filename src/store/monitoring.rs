//! Gathers each setting's facts, then asks the domain rules for its scope,
//! tier and next due date. The schedule, the setting screen and `due` all
//! read from here.

use super::kept;
use super::reg44::{self as reports_store, ReportSummary};
use super::settings::{self, SettingSummary, Which};
use super::{Store, StoreError};
use crate::domain::date::Month;
use crate::domain::facts::{Facts, HomeReports, Judged, Period};
use crate::domain::policy::Policy;
use crate::domain::reg44::{self, Flag, MonthState, Open, ReportFacts};
use crate::domain::schedule::{self, Due, Scope};
use crate::domain::setting::{Registration, Setting};
use crate::domain::tier::{self, Assessment, TierOverride};
use crate::domain::visit::VisitOutcome;
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The last completed monitoring visit to a setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastVisit {
    pub date: NaiveDate,
    pub outcome: VisitOutcome,
    pub officer: String,
}

/// One month of a home's Reg 44 record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCell {
    pub month: Month,
    pub state: MonthState,
    pub report_id: Option<i64>,
    /// Someone has marked the report as read.
    pub reviewed: bool,
}

/// A children's home's Reg 44 record over the months shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeReg44 {
    /// The last twelve months, oldest first, ending with the current month.
    pub months: Vec<MonthCell>,
    pub compliance: Option<u32>,
    pub flags: Vec<Flag>,
    pub open_findings: usize,
}

/// Months the Reg 44 matrix shows.
pub const REG44_MONTHS: usize = 12;

/// One setting as monitoring sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct MonitoringRow {
    pub summary: SettingSummary,
    /// Why it is monitored; empty when only watched.
    pub scope: Vec<Scope>,
    pub facts: Facts,
    pub assessment: Assessment,
    /// When monitoring began, for a setting never visited.
    pub began: NaiveDate,
    pub last_visit: Option<LastVisit>,
    /// The next visit planned and not yet done, and who will make it.
    pub planned: Option<(NaiveDate, String)>,
    /// `None` for a watched setting: no visits are due.
    pub due: Option<Due>,
    /// For a children's home: its Reg 44 record.
    pub reg44: Option<HomeReg44>,
}

impl MonitoringRow {
    pub fn is_monitored(&self) -> bool {
        !self.scope.is_empty()
    }

    /// The officer who looks after it: the one planned to go, else the last to visit.
    pub fn officer(&self) -> Option<&str> {
        self.planned.as_ref().map(|p| p.1.as_str()).or(self.last_visit.as_ref().map(|v| v.officer.as_str()))
    }
}

/// Every setting open on `today`: not archived by then, not closed by then
/// (a closing with no date recorded counts from whenever it was).
pub fn load(conn: &Connection, policy: &Policy, today: NaiveDate) -> Result<Vec<MonitoringRow>, StoreError> {
    let summaries = settings::summaries(conn, today, Which::All)?
        .into_iter()
        .filter(|s| is_open(&s.setting.value, today))
        .collect();
    rows(conn, policy, today, summaries, Which::All)
}

/// Not archived by `today`, not closed by then.
fn is_open(s: &Setting, today: NaiveDate) -> bool {
    let by_then = |d: Option<NaiveDate>| d.is_some_and(|d| d <= today);
    let closed = s.registration == Registration::Closed && (s.closed_on.is_none() || by_then(s.closed_on));
    !by_then(s.archived_on) && !closed
}

/// Monitoring rows, shared by the screens and figures that use them.
pub type SharedRows = Arc<[Arc<MonitoringRow>]>;

/// The rows [`load`] last read, with what they were read from: the file
/// (name and identity), the data stamp and the basis (day, policy, version).
/// A store and its reader hold one between them: while those hold, the
/// schedule, the Reg 44 matrix, the dashboard and the board pack share one
/// reading and one copy in memory; any change to the data moves the stamp
/// on, and the next call reads afresh, unless the change was one whose
/// reach is known (see [`patch_shared`]).
pub type RowsCache = Arc<Mutex<Option<Cached>>>;

pub struct Cached {
    key: String,
    rows: SharedRows,
    policy: Policy,
    today: NaiveDate,
    /// How many settings' rows the last patch read again.
    patched: Option<usize>,
}

/// The key of a reading of the file behind `conn` at `stamp`, or `None`
/// for an unnamed (in-memory) database, which cannot be told from another.
fn cache_key(conn: &Connection, stamp: i64, today: NaiveDate, policy: &Policy) -> Option<String> {
    // The file's name and identity: a file restored over another is another.
    let (name, inode) =
        conn.path().filter(|p| !p.is_empty()).map(|p| (p.to_string(), super::inode_of(Path::new(p))))?;
    Some(format!("{name}|{inode:?}|{stamp}|{}", kept::basis(today, policy)))
}

/// After a write whose only reach is setting `setting_id` (its facts, and
/// through the score its provider's), made between data stamps `before`
/// and `after` in one transaction: brings the shared rows on to `after` by
/// reading again only that provider's settings, when they were current at
/// `before`. Otherwise they are left, and the next call reads afresh.
pub fn patch_shared(store: &Store, setting_id: i64, before: i64, after: i64) -> Result<(), StoreError> {
    let conn = store.conn();
    let mut last = store.rows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let Some(cached) = last.as_mut() else { return Ok(()) };
    let (today, policy) = (cached.today, cached.policy.clone());
    if cache_key(conn, before, today, &policy).as_ref() != Some(&cached.key) {
        return Ok(());
    }
    let provider: i64 = conn.query_row("SELECT provider_id FROM settings WHERE id = ?1", [setting_id], |r| r.get(0))?;
    let fresh: HashMap<i64, Arc<MonitoringRow>> =
        of_provider(conn, &policy, today, provider)?.into_iter().map(|r| (r.summary.setting.id, Arc::new(r))).collect();
    let held: std::collections::HashSet<i64> = cached
        .rows
        .iter()
        .filter(|r| r.summary.setting.value.provider_id == provider)
        .map(|r| r.summary.setting.id)
        .collect();
    // A setting opened, closed or moved between providers changes the list: read it all.
    if held.len() != fresh.len() || !fresh.keys().all(|id| held.contains(id)) {
        *last = None;
        return Ok(());
    }
    let rows: SharedRows =
        cached.rows.iter().map(|r| fresh.get(&r.summary.setting.id).cloned().unwrap_or_else(|| r.clone())).collect();
    *last = cache_key(conn, after, today, &policy).map(|key| Cached {
        key,
        rows,
        policy,
        today,
        patched: Some(fresh.len()),
    });
    Ok(())
}

/// How many settings' rows the last patch of the shared rows read again,
/// if the rows held were patched rather than read whole.
pub fn patched(store: &Store) -> Option<usize> {
    store.rows.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).as_ref().and_then(|c| c.patched)
}

/// What [`load`] would return, shared: from the store's last reading when
/// nothing has changed since.
pub fn shared(store: &Store, policy: &Policy, today: NaiveDate) -> Result<SharedRows, StoreError> {
    let conn = store.conn();
    let Some(key) = cache_key(conn, kept::stamp(conn)?, today, policy) else {
        return Ok(load(conn, policy, today)?.into_iter().map(Arc::new).collect());
    };
    // The lock guards a plain replacement, so a poisoned one still holds a whole value.
    let last = || store.rows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(cached) = last().as_ref()
        && cached.key == key
    {
        return Ok(cached.rows.clone());
    }
    let rows: SharedRows = load(conn, policy, today)?.into_iter().map(Arc::new).collect();
    *last() = Some(Cached { key, rows: rows.clone(), policy: policy.clone(), today, patched: None });
    Ok(rows)
}

/// Lets go of the store's shared rows, so that the next reading is a full
/// one (the latency harness traces the statements of a full reading).
pub fn forget_shared(store: &Store) {
    *store.rows.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
}

/// The rows of one provider's open settings (as [`load`] holds them), read alone.
pub fn of_provider(
    conn: &Connection,
    policy: &Policy,
    today: NaiveDate,
    provider_id: i64,
) -> Result<Vec<MonitoringRow>, StoreError> {
    let which = Which::Provider(provider_id);
    let summaries =
        settings::summaries(conn, today, which)?.into_iter().filter(|s| is_open(&s.setting.value, today)).collect();
    rows(conn, policy, today, summaries, which)
}

/// One setting, archived or not.
pub fn one(conn: &Connection, policy: &Policy, today: NaiveDate, setting_id: i64) -> Result<MonitoringRow, StoreError> {
    let which = Which::Setting(setting_id);
    rows(conn, policy, today, settings::summaries(conn, today, which)?, which)?
        .pop()
        .ok_or_else(|| StoreError::NotFound(format!("setting #{setting_id}")))
}

fn rows(
    conn: &Connection,
    policy: &Policy,
    today: NaiveDate,
    summaries: Vec<SettingSummary>,
    which: Which,
) -> Result<Vec<MonitoringRow>, StoreError> {
    let months = Month::of(today).back(24);
    // Reports as the council held them on `today`: none received later.
    let mut reports = reports_store::summaries_since(conn, months[0], which)?;
    reports.values_mut().for_each(|rows| rows.retain(|r| r.facts.received_on <= today));
    let last = last_visits(conn, today, which)?;
    let planned = planned_visits(conn, which)?;
    let mut judgements = judgements(conn, today, which)?;
    let mut overrides = overrides(conn, today, which)?;
    let acting = Acting::load(conn, today, which)?;
    let first_placed = first_placements(conn, today, which)?;
    let mut notified = super::notifications::notified(conn, today, which)?;
    let mut drafts: Vec<Draft> = summaries
        .into_iter()
        .map(|summary| {
            let id = summary.setting.id;
            let s = &summary.setting.value;
            let last_visit = last.get(&id).cloned();
            let on = acting.for_setting(id, s.provider_id);
            let closed = s.closed_on.is_some_and(|c| c <= today);
            let scope = match closed {
                true => Vec::new(),
                false => schedule::scope(
                    s.in_area,
                    summary.children,
                    on.stops.iter().any(|p| p.covers(today)),
                    on.open_plan,
                    on.serious_concerns.iter().any(|p| p.covers(today)),
                ),
            };
            let began = s.monitoring_since.or(first_placed.get(&id).copied()).unwrap_or(today);
            // Reports are owed while the home is open and the council monitors it.
            let owes = s.kind.is_childrens_home() && !scope.is_empty();
            let open = Open { from: s.opened_on.into_iter().chain([began]).max(), until: s.closed_on };
            let rows = reports.remove(&id).unwrap_or_default();
            let facts = Facts {
                judgements: judgements.remove(&id).unwrap_or_default(),
                stops: on.stops,
                serious_concerns: on.serious_concerns,
                enforcement: s.enforcement.zip(s.enforcement_since),
                manager_vacant_on: s.manager_vacant_on.filter(|_| s.kind.has_registered_manager()),
                reg44: owes.then(|| HomeReports { reports: rows.iter().map(|r| r.facts.clone()).collect(), open }),
                overdue_actions: on.overdue_actions,
                visits: last_visit.iter().map(|v| (v.date, v.outcome)).collect(),
                low_risk: s.low_risk.zip(s.low_risk_on),
                annual_value: crate::domain::money::Pence(summary.weekly_spend.0 * 52),
                overrides: overrides.remove(&id).unwrap_or_default(),
                returns: Vec::new(),
                score_fall: None,
                notifications: notified.remove(&id).unwrap_or_default(),
            };
            let home = owes.then(|| home_reg44(rows, open, policy, today));
            Draft { row: (summary, scope, began, last_visit, home), facts }
        })
        .collect();
    // The returns owed and the score come from every setting's facts: they
    // join the facts before any tier is worked out.
    let owing = super::returns::owing(drafts.iter().map(|d| (d.summary(), d.is_monitored())));
    let dues = super::returns::owed_by(conn, policy, today, owing, which)?;
    let by = super::returns::DuesBy::new(&dues);
    for d in &mut drafts {
        d.facts.returns = by.facts_of(d);
    }
    let falls = super::score::falls(conn, policy, today, &drafts, &dues, which)?;
    Ok(drafts
        .into_iter()
        .map(|Draft { row: (summary, scope, began, last_visit, reg44), mut facts }| {
            facts.score_fall = falls.get(&summary.setting.id).copied();
            let assessment = tier::assess(&facts, policy, today);
            let due = (!scope.is_empty()).then(|| schedule::due(&facts, began, policy, today));
            let planned = planned.get(&summary.setting.id).cloned();
            MonitoringRow { scope, facts, assessment, began, last_visit, planned, due, reg44, summary }
        })
        .collect())
}

/// A setting's row before its tier: its facts still gaining the returns
/// and the score, which are read across settings.
pub(super) struct Draft {
    row: (SettingSummary, Vec<Scope>, NaiveDate, Option<LastVisit>, Option<HomeReg44>),
    pub(super) facts: Facts,
}

impl Draft {
    pub(super) fn summary(&self) -> &SettingSummary {
        &self.row.0
    }

    pub(super) fn is_monitored(&self) -> bool {
        !self.row.1.is_empty()
    }
}

/// A home's Reg 44 record: the twelve months shown, its compliance over
/// the twelve months already due (reports received of those owed), its
/// flags and the findings still open.
fn home_reg44(rows: Vec<ReportSummary>, open: Open, policy: &Policy, today: NaiveDate) -> HomeReg44 {
    let due_day = policy.reg44.due_day;
    let months: Vec<MonthCell> = Month::of(today)
        .back(REG44_MONTHS)
        .into_iter()
        .map(|month| {
            let row = rows.iter().find(|r| r.facts.month == month);
            let state = reg44::month_state(month, open, row.map(|r| r.facts.received_on), due_day, today);
            MonthCell { month, state, report_id: row.map(|r| r.id), reviewed: row.is_some_and(|r| r.reviewed) }
        })
        .collect();
    let open_findings = rows.iter().map(|r| r.open_findings).sum();
    let facts: Vec<ReportFacts> = rows.into_iter().map(|r| r.facts).collect();
    let compliance = reg44::compliance_on(&facts, open, due_day, today, REG44_MONTHS);
    HomeReg44 { compliance, flags: reg44::flags(&facts, policy), open_findings, months }
}

/// What stops, Serious Provider Concerns and plans say about one setting,
/// as known on the day read: each ending not yet known is open.
#[derive(Debug, Clone, Default)]
struct On {
    stops: Vec<Period>,
    serious_concerns: Vec<Period>,
    overdue_actions: Vec<Period>,
    /// An improvement plan in force on the day.
    open_plan: bool,
}

impl On {
    fn add(&mut self, other: &On) {
        self.stops.extend(&other.stops);
        self.serious_concerns.extend(&other.serious_concerns);
        self.overdue_actions.extend(&other.overdue_actions);
        self.open_plan |= other.open_plan;
    }
}

/// Stops, concerns and plans, by setting and by whole provider.
struct Acting {
    by_setting: HashMap<i64, On>,
    by_provider: HashMap<i64, On>,
}

impl Acting {
    fn load(conn: &Connection, today: NaiveDate, which: Which) -> Result<Acting, StoreError> {
        let mut acting = Acting { by_setting: HashMap::new(), by_provider: HashMap::new() };
        let known = |until: Option<NaiveDate>| until.filter(|u| *u <= today);
        for stop in super::stops::all(conn)?.into_iter().filter(|s| s.value.issued_on <= today) {
            let s = stop.value;
            acting.at(s.setting_id, s.provider_id).stops.push(Period::new(s.issued_on, known(s.ended_on)));
        }
        for concern in super::concerns::all(conn)? {
            let c = concern.value;
            if let Some(from) = c.escalated_on.filter(|e| *e <= today) {
                acting.at(c.setting_id, c.provider_id).serious_concerns.push(Period::new(from, known(c.closed_on)));
            }
        }
        for plan in super::plans::open_on(conn, today, which)?.into_iter().filter(|p| !p.for_group) {
            acting.at(plan.setting_id, plan.provider_id).open_plan = true;
        }
        for (setting_id, provider_id, overdue) in super::plans::overdue_actions(conn, today, which)? {
            let period = Period::new(overdue.from, known(overdue.until));
            acting.at(setting_id, provider_id).overdue_actions.push(period);
        }
        Ok(acting)
    }

    fn at(&mut self, setting: Option<i64>, provider: i64) -> &mut On {
        match setting {
            Some(id) => self.by_setting.entry(id).or_default(),
            None => self.by_provider.entry(provider).or_default(),
        }
    }

    fn for_setting(&self, setting: i64, provider: i64) -> On {
        let mut out = self.by_setting.get(&setting).cloned().unwrap_or_default();
        if let Some(p) = self.by_provider.get(&provider) {
            out.add(p);
        }
        out
    }
}

/// Every judgement learned of by `today`, by setting.
fn judgements(conn: &Connection, today: NaiveDate, which: Which) -> Result<HashMap<i64, Vec<Judged>>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT setting_id, overall, inspection_date, COALESCE(recorded_on, inspection_date) FROM inspections
         WHERE overall IS NOT NULL AND COALESCE(recorded_on, inspection_date) <= ?1 AND {}",
        which.on_setting("setting_id", 2)
    ))?;
    let mut out: HashMap<i64, Vec<Judged>> = HashMap::new();
    let rows = stmt.query_map(params![today, which.id()], |r| {
        Ok((r.get::<_, i64>(0)?, Judged { judgement: r.get(1)?, inspected: r.get(2)?, learned: r.get(3)? }))
    })?;
    for row in rows {
        let (id, judged) = row?;
        out.entry(id).or_default().push(judged);
    }
    Ok(out)
}

fn last_visits(conn: &Connection, today: NaiveDate, which: Which) -> Result<HashMap<i64, LastVisit>, StoreError> {
    // One step back down each setting's visits (index `visits_setting`),
    // not a window over every visit.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT v.setting_id, v.completed_date, v.outcome, v.officer
         FROM settings s JOIN visits v ON v.id = (
            SELECT id FROM visits
            WHERE setting_id = s.id AND kind IN ('monitoring', 'unannounced', 'cluster') AND completed_date <= ?1
            ORDER BY completed_date DESC, id DESC LIMIT 1)
         WHERE {}",
        which.condition("s.id", "s.provider_id", 2)
    ))?;
    let rows = stmt.query_map(params![today, which.id()], |r| {
        Ok((r.get(0)?, LastVisit { date: r.get(1)?, outcome: r.get(2)?, officer: r.get(3)? }))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn planned_visits(conn: &Connection, which: Which) -> Result<HashMap<i64, (NaiveDate, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT setting_id, planned_date, officer FROM (
            SELECT setting_id, planned_date, officer,
                   ROW_NUMBER() OVER (PARTITION BY setting_id ORDER BY planned_date, id) AS rn
            FROM visits WHERE setting_id IS NOT NULL AND completed_date IS NULL AND {}
        ) WHERE rn = 1",
        which.on_setting("setting_id", 1)
    ))?;
    let rows = stmt.query_map([which.id()], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every override set by `today`, by setting, in the order set.
fn overrides(conn: &Connection, today: NaiveDate, which: Which) -> Result<HashMap<i64, Vec<TierOverride>>, StoreError> {
    let found = super::record::list::<TierOverride>(
        conn,
        &format!("WHERE set_on <= ?1 AND {} ORDER BY set_on, id", which.on_setting("setting_id", 2)),
        &[&today, &which.id()],
    )?;
    let mut out: HashMap<i64, Vec<TierOverride>> = HashMap::new();
    for o in found {
        out.entry(o.value.setting_id).or_default().push(o.value);
    }
    Ok(out)
}

fn first_placements(conn: &Connection, today: NaiveDate, which: Which) -> Result<HashMap<i64, NaiveDate>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT setting_id, MIN(start_date) FROM placements
         WHERE start_date <= ?1 AND (end_date IS NULL OR end_date > ?1) AND {} GROUP BY setting_id",
        which.on_setting("setting_id", 2)
    ))?;
    let rows = stmt.query_map(params![today, which.id()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn monitoring_rows(&self, policy: &Policy, today: NaiveDate) -> Result<Vec<MonitoringRow>, StoreError> {
        load(&self.conn, policy, today)
    }

    pub fn monitoring_row(
        &self,
        policy: &Policy,
        today: NaiveDate,
        setting_id: i64,
    ) -> Result<MonitoringRow, StoreError> {
        one(&self.conn, policy, today, setting_id)
    }
}
