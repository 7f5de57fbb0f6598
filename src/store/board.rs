//! What the dashboard and the Corporate Parenting Board pack show, read
//! from the database as of one day: headline numbers, exposure, visits due
//! against done, Reg 44 compliance, recent changes, and the pack's list of
//! Inadequate and Requires improvement settings with children placed.

use super::kept::{self, Kept};
use super::monitoring::{self, MonitoringRow, SharedRows};
use super::plans::PlanRow;
use super::record::{list, record};
use super::{Store, StoreError, Stored, reg44 as reports, stops};
use crate::domain::board::{self, BoardNote, Change, Exposure, MonthReg44, MonthVisits, PlacedChild, VisitRecord};
use crate::domain::code::Code;
use crate::domain::date::{Month, add_days};
use crate::domain::inspection::Inspection;
use crate::domain::money::Pence;
use crate::domain::placement::Placement;
use crate::domain::plan::{PlanStatus, Progress};
use crate::domain::policy::Policy;
use crate::domain::rating::{Judgement, Severity};
use crate::domain::reg44::{FindingSeverity, Flag, MonthState, last_due_month};
use crate::domain::schedule;
use crate::domain::stop::PlacementStop;
use crate::domain::tier::Tier;
use crate::domain::visit::{VisitKind, VisitOutcome};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

record!(BoardNote, "board_notes", "board commentary", {
    month: "month",
    setting_id: "setting_id",
    text: "text",
}
    fn duplicate_message(&self) -> String {
        "this setting already has commentary for the month".into()
    }

    fn describe(&self) -> String {
        format!("board commentary for {}", self.month.label())
    }
);

/// The month's commentary, by setting.
pub fn notes(conn: &Connection, month: Month) -> Result<HashMap<i64, Stored<BoardNote>>, StoreError> {
    Ok(list::<BoardNote>(conn, "WHERE month = ?1", &[&month])?.into_iter().map(|n| (n.value.setting_id, n)).collect())
}

/// The numbers on the dashboard's first row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Headline {
    pub monitored: u32,
    pub children: u32,
    /// Children in settings judged Inadequate or Requires improvement.
    pub children_of_concern: u32,
    pub active_stops: u32,
    pub visits_overdue: u32,
    /// Homes whose report for the latest month past its due day is missing.
    pub reg44_missing: u32,
    pub reg44_month: Option<Month>,
    pub actions_overdue: u32,
    /// Plans still awaited past their due-back day.
    #[serde(default)]
    pub plans_late: u32,
    /// Stops in force past their review day.
    #[serde(default)]
    pub stop_reviews_late: u32,
    /// Changes of judgement from Ofsted imports not yet acknowledged, and how many are urgent.
    pub rating_alerts: u32,
    pub urgent_alerts: u32,
    /// Decommissioning reviews not yet decided.
    #[serde(default)]
    pub decommissioning_open: u32,
}

/// The dashboard, as of one day.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Overview {
    pub as_of: NaiveDate,
    pub headline: Headline,
    /// Monitored settings by judgement, in the order of [`board::CLASSES`].
    pub settings_by_class: Vec<(Option<Severity>, u32)>,
    pub exposure: Exposure,
    /// The twelve months to `as_of`, oldest first.
    pub visits: Vec<MonthVisits>,
    pub reg44: Vec<MonthReg44>,
    /// The last 30 days, newest first.
    pub changes: Vec<Change>,
    /// The market measures at each of the twelve months' ends to `as_of`.
    #[serde(default)]
    pub market: Vec<crate::domain::market::Measures>,
    /// Children in unregistered placements on `as_of`, the longest first.
    #[serde(default)]
    pub unregistered: Vec<super::unregistered::Open>,
    /// The largest ultimate owner of our providers and its share of our
    /// children placed.
    #[serde(default)]
    pub concentration: Option<(String, u32)>,
    /// Groups warned of failure that hold children we place.
    #[serde(default)]
    pub warned: Vec<super::groups::Warned>,
}

/// Everything both outputs need, read once.
struct Facts {
    rows: SharedRows,
    names: HashMap<i64, (String, String)>,
    inspections: Vec<Stored<Inspection>>,
    stops: Vec<Stored<PlacementStop>>,
    /// Open plans: setting, provider, overdue actions.
    open_plans: Vec<super::plans::OpenPlan>,
}

impl Facts {
    fn load(store: &Store, policy: &Policy, as_of: NaiveDate) -> Result<Facts, StoreError> {
        let rows = monitoring::shared(store, policy, as_of)?;
        let conn = store.conn();
        let names = conn
            .prepare_cached("SELECT s.id, s.name, p.name FROM settings s JOIN providers p ON p.id = s.provider_id")?
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let inspections = list::<Inspection>(
            conn,
            "WHERE COALESCE(recorded_on, inspection_date) <= ?1 ORDER BY setting_id, inspection_date, id",
            &[&as_of],
        )?;
        let stops = stops::all(conn)?.into_iter().filter(|s| s.value.issued_on <= as_of).collect();
        let open_plans = super::plans::open_on(conn, as_of, super::settings::Which::All)?;
        Ok(Facts { rows, names, inspections, stops, open_plans })
    }

    /// Judgements the council learned of between `from` and `to`, with the one before each.
    fn judgement_changes(&self, from: NaiveDate, to: NaiveDate) -> Vec<Change> {
        let about = |id: i64| {
            let (setting, provider) = self.names.get(&id).cloned().unwrap_or_default();
            format!("{setting} ({provider})")
        };
        board::judgement_changes(self.inspections.iter().map(|i| &i.value), &about, from, to)
    }

    /// Stops issued or ended between `from` and `to`.
    fn stop_changes(&self, conn: &Connection, from: NaiveDate, to: NaiveDate) -> Vec<Change> {
        let stops: Vec<(i64, &PlacementStop, String)> =
            self.stops.iter().map(|s| (s.id, &s.value, self.stop_about(&s.value, conn))).collect();
        board::stop_changes(&stops, from, to)
    }

    /// Reg 44 flags raised between `from` and `to`.
    fn flag_changes(&self, from: NaiveDate, to: NaiveDate) -> Vec<Change> {
        let flags: Vec<(String, &Flag)> = self
            .monitored()
            .flat_map(|r| {
                let about = format!("{} ({})", r.summary.setting.value.name, r.summary.provider_name);
                r.reg44.iter().flat_map(|h| &h.flags).map(move |f| (about.clone(), f))
            })
            .collect();
        board::flag_changes(&flags, from, to)
    }

    /// Each monitored home's Reg 44 month, by month.
    fn reg44_by_month(&self, months: &[Month]) -> Vec<MonthReg44> {
        let cells: Vec<(Month, MonthState)> = self
            .monitored()
            .filter_map(|r| r.reg44.as_ref())
            .flat_map(|h| &h.months)
            .map(|c| (c.month, c.state))
            .collect();
        board::reg44_by_month(&cells, months)
    }

    fn monitored(&self) -> impl Iterator<Item = &MonitoringRow> {
        self.rows.iter().map(|r| &**r).filter(|r| r.is_monitored())
    }

    /// "Willow House (Acorn Care Ltd)", or the provider's name for a whole-provider stop.
    fn stop_about(&self, stop: &PlacementStop, conn: &Connection) -> String {
        match stop.setting_id.and_then(|id| self.names.get(&id)) {
            Some((setting, provider)) => format!("{setting} ({provider})"),
            None => super::record::get::<crate::domain::provider::Provider>(conn, stop.provider_id)
                .map_or_else(|_| format!("provider #{}", stop.provider_id), |p| p.value.name),
        }
    }
}

/// The name the dashboard's figures are kept under.
const DASHBOARD: &str = "dashboard";

/// The dashboard's figures as last kept, and whether they are still true.
pub fn kept_overview(store: &Store, policy: &Policy, as_of: NaiveDate) -> Result<Option<Kept<Overview>>, StoreError> {
    kept::read(store.conn(), DASHBOARD, &kept::basis(as_of, policy))
}

/// The dashboard's figures, computed and kept for the next opening.
pub fn overview_and_keep(store: &Store, policy: &Policy, as_of: NaiveDate) -> Result<Overview, StoreError> {
    let stamp = kept::stamp(store.conn())?;
    let overview = overview(store, policy, as_of)?;
    // Keeping a copy is a convenience: a read-only or busy file does without.
    let _ = kept::keep(store.conn(), DASHBOARD, &kept::basis(as_of, policy), stamp, &overview);
    Ok(overview)
}

/// The dashboard as of `as_of`.
pub fn overview(store: &Store, policy: &Policy, as_of: NaiveDate) -> Result<Overview, StoreError> {
    let facts = Facts::load(store, policy, as_of)?;
    overview_of(store.conn(), policy, &facts, as_of)
}

fn overview_of(conn: &Connection, policy: &Policy, facts: &Facts, as_of: NaiveDate) -> Result<Overview, StoreError> {
    let children = placed_children(conn, facts, as_of)?;
    let exposure = board::exposure(&children);
    let reg44_month = facts.monitored().any(|r| r.reg44.is_some()).then(|| last_due_month(as_of, policy.reg44.due_day));
    let months = Month::of(as_of).back(12);
    let reg44 = facts.reg44_by_month(&months);
    let alerts = super::alerts::open(conn)?;
    let headline = Headline {
        rating_alerts: alerts.len() as u32,
        urgent_alerts: alerts.iter().filter(|a| a.value.urgent).count() as u32,
        monitored: facts.monitored().count() as u32,
        children: exposure.total.children,
        children_of_concern: exposure.of_concern(),
        active_stops: facts.stops.iter().filter(|s| s.value.is_active(as_of)).count() as u32,
        visits_overdue: facts.monitored().filter(|r| r.due.as_ref().is_some_and(|d| d.date < as_of)).count() as u32,
        reg44_missing: reg44_month.and_then(|m| reg44.iter().find(|r| r.month == m)).map_or(0, |r| r.missing),
        reg44_month,
        actions_overdue: facts.open_plans.iter().map(|p| p.overdue).sum(),
        plans_late: super::plans::late_back(conn, as_of)?,
        stop_reviews_late: facts.stops.iter().filter(|s| s.value.review_is_late(as_of)).count() as u32,
        decommissioning_open: super::decommission::open_on(conn, as_of)?.len() as u32,
    };
    let settings_by_class = board::CLASSES
        .iter()
        .map(|c| (*c, facts.monitored().filter(|r| r.summary.judgement.map(|j| j.severity()) == *c).count() as u32))
        .collect();
    let mut changes = facts.judgement_changes(add_days(as_of, -30), as_of);
    changes.extend(facts.stop_changes(conn, add_days(as_of, -30), as_of));
    changes.extend(facts.flag_changes(add_days(as_of, -30), as_of));
    changes.sort_by(|a, b| b.on.cmp(&a.on).then(a.kind.cmp(&b.kind)).then(a.about.cmp(&b.about)));
    let groups = super::groups::read(conn, as_of)?;
    Ok(Overview {
        as_of,
        headline,
        settings_by_class,
        exposure,
        visits: visits_by_month(conn, policy, facts, &months, as_of)?,
        reg44,
        changes,
        market: super::market::by_month(conn, &policy.market, as_of)?,
        unregistered: super::unregistered::open_on(conn, policy, as_of)?,
        concentration: groups.concentration.clone(),
        warned: groups.warned(),
    })
}

/// Children placed on `as_of`, with their setting's judgement and place.
fn placed_children(conn: &Connection, facts: &Facts, as_of: NaiveDate) -> Result<Vec<PlacedChild>, StoreError> {
    let settings: HashMap<i64, &MonitoringRow> = facts.rows.iter().map(|r| (r.summary.setting.id, &**r)).collect();
    Ok(active_placements(conn, as_of)?
        .iter()
        .filter_map(|p| {
            let row = settings.get(&p.value.setting_id)?;
            let s = &row.summary.setting.value;
            Some(PlacedChild {
                class: row.summary.judgement.map(|j| j.severity()),
                miles: p.value.distance_miles.or(s.distance_miles),
                in_area: s.in_area,
                weekly: p.value.weekly_cost,
            })
        })
        .collect())
}

fn active_placements(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Stored<Placement>>, StoreError> {
    list::<Placement>(
        conn,
        "WHERE start_date <= ?1 AND (end_date IS NULL OR end_date > ?1) ORDER BY setting_id, child_ref",
        &[&as_of],
    )
}

/// Visits due and made by month (see [`board::visits_by_month`]): each
/// monitored setting's due date as each month began, replayed from its facts
/// with every monitoring visit it has had (the row's facts hold only the last).
fn visits_by_month(
    conn: &Connection,
    policy: &Policy,
    facts: &Facts,
    months: &[Month],
    as_of: NaiveDate,
) -> Result<Vec<MonthVisits>, StoreError> {
    let mut done: HashMap<i64, Vec<(NaiveDate, VisitOutcome)>> = HashMap::new();
    let kinds: Vec<&str> = VisitKind::ALL.iter().filter(|k| k.counts_as_monitoring()).map(|k| k.code()).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT setting_id, completed_date, outcome FROM visits
         WHERE setting_id IS NOT NULL AND completed_date <= ?1 AND kind IN (SELECT value FROM json_each(?2))
         ORDER BY setting_id, completed_date",
    )?;
    let kinds = serde_json::to_string(&kinds).unwrap_or_default();
    for row in stmt.query_map(rusqlite::params![as_of, kinds], |r| Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?))))? {
        let (id, visit) = row?;
        done.entry(id).or_default().push(visit);
    }
    let records: Vec<VisitRecord> = facts
        .monitored()
        .map(|r| {
            let facts = crate::domain::facts::Facts {
                visits: done.remove(&r.summary.setting.id).unwrap_or_default(),
                ..r.facts.clone()
            };
            let starts: Vec<NaiveDate> = months.iter().map(|m| add_days(m.first_day(), -1)).collect();
            VisitRecord {
                due_at_start: schedule::due_dates(&facts, r.began, policy, &starts),
                visits: facts.visits.iter().map(|v| v.0).collect(),
            }
        })
        .collect();
    Ok(board::visits_by_month(&records, months))
}

/// One Inadequate or Requires improvement setting with children placed, as the board reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct FocusSetting {
    pub setting_id: i64,
    pub name: String,
    pub urn: String,
    pub provider: String,
    pub kind: String,
    pub local_authority: String,
    pub judgement: Judgement,
    /// Every overall judgement, oldest first: inspection date and judgement.
    pub history: Vec<(NaiveDate, Judgement)>,
    pub tier: Tier,
    pub reasons: Vec<String>,
    pub last_visit: Option<(NaiveDate, VisitOutcome)>,
    /// The pack's month and the two before it.
    pub reg44: Vec<(Month, MonthState)>,
    /// High and serious findings in those months' reports.
    pub findings: Vec<String>,
    pub plans: Vec<String>,
    pub stops: Vec<String>,
    pub children: u32,
    pub weekly: Pence,
    /// Only with `--include-child-refs`.
    pub child_refs: Vec<String>,
    pub commentary: String,
}

/// A stop, in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopLine {
    pub id: i64,
    pub about: String,
    pub issued_on: NaiveDate,
    pub status: String,
    pub checklist: String,
    pub reason: String,
}

/// A monitored setting whose visit is overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueVisit {
    pub setting: String,
    pub provider: String,
    pub tier: Tier,
    pub due: NaiveDate,
    pub days: i64,
    pub officer: String,
}

/// The Corporate Parenting Board pack for a month.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardPack {
    pub month: Month,
    pub authority: String,
    pub overview: Overview,
    pub focus: Vec<FocusSetting>,
    pub stops_issued: Vec<StopLine>,
    pub stops_active: Vec<StopLine>,
    pub stops_ended: Vec<StopLine>,
    pub visits_due: u32,
    pub visits_done: u32,
    pub overdue: Vec<OverdueVisit>,
    /// The latest month whose reports were due by `as_of`, with the homes
    /// whose report is missing.
    pub reg44: MonthReg44,
    /// The months of the last twelve whose reports were due by `as_of`, oldest first.
    pub reg44_months: Vec<MonthReg44>,
    pub reg44_missing: Vec<String>,
    pub judgement_changes: Vec<Change>,
    /// The quality scores of the providers of the settings in `focus`.
    pub provider_scores: Vec<super::score::ScoreLine>,
    /// Returns missing on the day, or received late in the month.
    pub returns_behind: Vec<super::returns::DueRow>,
    pub spot_target_percent: u32,
    /// From how many miles a placement counts as far from home, and how
    /// many of the dearest the market measures average.
    pub far_miles: u32,
    pub dearest: u32,
    /// Decommissioning reviews open at `as_of`, as they stood then.
    pub decommissioning: Vec<super::decommission::ReviewLine>,
    /// Unregistered placements open at `as_of` or ended in the month.
    pub unregistered: Vec<super::unregistered::Open>,
    /// Regulation 40 notifications in the month, by `as_of`.
    pub notifications: Vec<super::notifications::NotificationRow>,
    pub include_child_refs: bool,
    /// Without child references: every one recorded, to withhold wherever
    /// free text repeats one.
    pub withheld_refs: Option<std::collections::HashSet<String>>,
}

/// Returns missing on `as_of`, or received late within `month`.
fn returns_behind(
    store: &Store,
    policy: &Policy,
    month: Month,
    as_of: NaiveDate,
) -> Result<Vec<super::returns::DueRow>, StoreError> {
    let shown = crate::domain::returns::shown(as_of, super::returns::SHOWN);
    Ok(store
        .returns_due(policy, as_of, &shown)?
        .into_iter()
        .filter(|r| match r.due.state {
            MonthState::Missing => true,
            MonthState::Late => r.due.received_on.is_some_and(|on| month.contains(on)),
            _ => false,
        })
        .collect())
}

/// The pack for `month`, read as of its last day (or `today`, for this month).
pub fn pack(
    store: &Store,
    policy: &Policy,
    month: Month,
    today: NaiveDate,
    include_child_refs: bool,
) -> Result<BoardPack, StoreError> {
    let as_of = month.last_day().min(today);
    let facts = Facts::load(store, policy, as_of)?;
    let conn = store.conn();
    let overview = overview_of(conn, policy, &facts, as_of)?;
    let focus = focus_settings(conn, policy, &facts, month, as_of, include_child_refs)?;
    let lines = |keep: &dyn Fn(&PlacementStop) -> bool| -> Result<Vec<StopLine>, StoreError> {
        facts.stops.iter().filter(|s| keep(&s.value)).map(|s| stop_line(conn, &facts, s, as_of)).collect()
    };
    let in_month = |d: Option<NaiveDate>| d.is_some_and(|d| month.contains(d));
    let month_visits = overview.visits.last().copied().filter(|v| v.month == month);
    let reg44_month = last_due_month(as_of, policy.reg44.due_day);
    let reg44 = facts.reg44_by_month(&[reg44_month])[0];
    let mut overdue: Vec<OverdueVisit> = facts
        .monitored()
        .filter_map(|r| {
            let due = r.due.as_ref().filter(|d| d.date < as_of)?;
            Some(OverdueVisit {
                setting: r.summary.setting.value.name.clone(),
                provider: r.summary.provider_name.clone(),
                tier: r.assessment.tier,
                due: due.date,
                days: (as_of - due.date).num_days(),
                officer: r.officer().unwrap_or_default().to_string(),
            })
        })
        .collect();
    overdue.sort_by(|a, b| b.days.cmp(&a.days).then(a.setting.cmp(&b.setting)));
    let mut reg44_missing: Vec<String> = facts
        .monitored()
        .filter(|r| {
            r.reg44
                .as_ref()
                .is_some_and(|h| h.months.iter().any(|c| c.month == reg44_month && c.state == MonthState::Missing))
        })
        .map(|r| r.summary.setting.value.name.clone())
        .collect();
    reg44_missing.sort();
    let named: std::collections::BTreeSet<&str> = focus.iter().map(|f| f.provider.as_str()).collect();
    let provider_scores = super::score::pack_scores(store, policy, &named, as_of)?;
    Ok(BoardPack {
        provider_scores,
        returns_behind: returns_behind(store, policy, month, as_of)?,
        spot_target_percent: policy.market.spot_target_percent,
        far_miles: policy.market.far_miles,
        dearest: policy.market.dearest,
        decommissioning: store.decommissioning_as_of(as_of)?,
        notifications: store.notifications(month.first_day(), as_of)?,
        unregistered: super::unregistered::during(conn, policy, month.first_day(), as_of)?,
        month,
        authority: policy.home_authority.clone(),
        focus,
        stops_issued: lines(&|s| month.contains(s.issued_on))?,
        stops_active: lines(&|s| s.is_active(as_of))?,
        stops_ended: lines(&|s| in_month(s.ended_on))?,
        visits_due: month_visits.map_or(0, |v| v.due),
        visits_done: month_visits.map_or(0, |v| v.done),
        overdue,
        reg44,
        reg44_months: overview.reg44.iter().copied().filter(|m| m.month <= reg44_month).collect(),
        reg44_missing,
        judgement_changes: {
            let mut changes = facts.judgement_changes(month.first_day(), as_of);
            changes.sort_by(|a, b| a.on.cmp(&b.on).then(a.about.cmp(&b.about)));
            changes
        },
        overview,
        include_child_refs,
        withheld_refs: if include_child_refs { None } else { Some(super::placements::child_refs(conn)?) },
    })
}

fn stop_line(
    conn: &Connection,
    facts: &Facts,
    stop: &Stored<PlacementStop>,
    as_of: NaiveDate,
) -> Result<StopLine, StoreError> {
    let mut s = stop.value.as_known_on(as_of);
    if let Some(plan) = s.plan_id {
        let plan = super::record::get::<crate::domain::plan::Plan>(conn, plan)?;
        s.plan_id = s.plan_id.filter(|_| plan.value.requested_on <= as_of);
    }
    let s = &s;
    let placed = stops::placed_at_issue(conn, stop)?;
    let reviewed = placed.iter().filter(|(_, r)| r.as_ref().is_some_and(|r| r.value.reviewed_on <= as_of)).count();
    let status = match (s.outcome, s.ended_on) {
        (Some(o), Some(on)) if on <= as_of => format!("{} {on}", o.label().to_lowercase()),
        _ if s.review_is_late(as_of) => {
            format!("in force; ▲ review late (due {})", s.review_on.map(|d| d.to_string()).unwrap_or_default())
        }
        _ => format!("in force; review {}", s.review_on.map_or("not set".into(), |d| d.to_string())),
    };
    Ok(StopLine {
        id: stop.id,
        about: facts.stop_about(s, conn),
        issued_on: s.issued_on,
        status,
        checklist: s.checklist(placed.len(), reviewed).to_string(),
        reason: s.reason.replace('\n', " "),
    })
}

/// The settings a pack scrutinises: judged Inadequate or RI, with children placed.
fn focus_rows(facts: &Facts) -> impl Iterator<Item = &MonitoringRow> {
    facts.rows.iter().map(|r| &**r).filter(|r| {
        r.summary.children > 0 && r.summary.judgement.is_some_and(|j| j.severity() >= Severity::RequiresImprovement)
    })
}

fn focus_settings(
    conn: &Connection,
    policy: &Policy,
    facts: &Facts,
    month: Month,
    as_of: NaiveDate,
    include_child_refs: bool,
) -> Result<Vec<FocusSetting>, StoreError> {
    // The three months whose reports were due by the pack's day: its own
    // month's is always still awaited at its end.
    let months = last_due_month(as_of, policy.reg44.due_day).back(3);
    let focus_ids: Vec<i64> = focus_rows(facts).map(|r| r.summary.setting.id).collect();
    let mut reports = reports::since(conn, months[0], Some(&focus_ids))?;
    let focus_providers: Vec<i64> = focus_rows(facts).map(|r| r.summary.setting.value.provider_id).collect();
    let plans: Vec<PlanRow> = super::plans::covering(conn, &focus_ids, &focus_providers)?
        .into_iter()
        .filter(|p| p.plan.value.requested_on <= as_of)
        .collect();
    let notes = notes(conn, month)?;
    let mut child_refs: HashMap<i64, Vec<String>> = HashMap::new();
    if include_child_refs {
        for p in active_placements(conn, as_of)? {
            child_refs.entry(p.value.setting_id).or_default().push(p.value.child_ref.to_string());
        }
    }
    let mut history: HashMap<i64, Vec<(NaiveDate, Judgement)>> = HashMap::new();
    for i in &facts.inspections {
        if let Some(overall) = i.value.overall {
            history.entry(i.value.setting_id).or_default().push((i.value.date, overall));
        }
    }
    let mut out: Vec<FocusSetting> = focus_rows(facts)
        .filter_map(|r| Some((r, r.summary.judgement?)))
        .map(|(r, judgement)| {
            let s = &r.summary.setting;
            let (id, provider_id) = (s.id, s.value.provider_id);
            let covers =
                |setting: Option<i64>, provider: i64| provider == provider_id && setting.is_none_or(|x| x == id);
            let findings = reports
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .filter(|row| months.contains(&row.report.value.month) && row.report.value.received_on <= as_of)
                .flat_map(|row| {
                    let label = row.report.value.month.label();
                    row.findings
                        .into_iter()
                        .filter(|f| matches!(f.value.severity, FindingSeverity::High | FindingSeverity::Serious))
                        .map(move |f| {
                            let status = match f.value.closed_on.filter(|d| *d <= as_of) {
                                Some(on) => format!("closed {on}"),
                                None => "not closed".into(),
                            };
                            format!(
                                "{label}, {} ({}; {status}): {}",
                                f.value.standard.label(),
                                f.value.severity.label(),
                                f.value.text
                            )
                        })
                })
                .collect();
            FocusSetting {
                setting_id: id,
                name: s.value.name.clone(),
                urn: s.value.urn.as_ref().map(|u| u.to_string()).unwrap_or_default(),
                provider: r.summary.provider_name.clone(),
                kind: s.value.kind.label().to_string(),
                local_authority: s.value.local_authority.clone(),
                judgement,
                history: history.remove(&id).unwrap_or_default(),
                tier: r.assessment.tier,
                reasons: r.assessment.reasons.iter().map(|x| x.text.clone()).collect(),
                last_visit: r.last_visit.as_ref().map(|v| (v.date, v.outcome)),
                reg44: r
                    .reg44
                    .as_ref()
                    .map(|h| {
                        h.months.iter().filter(|c| months.contains(&c.month)).map(|c| (c.month, c.state)).collect()
                    })
                    .unwrap_or_default(),
                findings,
                plans: plans
                    .iter()
                    .filter(|p| covers(p.plan.value.setting_id, p.plan.value.provider_id))
                    .map(|p| (p, p.status_on(as_of)))
                    .filter(|(_, (status, since))| status.is_open() || month.contains(*since))
                    .map(|(p, (status, _))| {
                        let progress = Progress::of(&p.action_values(), as_of);
                        let late = match progress.overdue {
                            0 => String::new(),
                            n => format!(", {n} overdue"),
                        };
                        let late = match status == PlanStatus::Requested && p.plan.value.due_back < as_of {
                            true => format!("{late}, ▲ late back (due {})", p.plan.value.due_back),
                            false => late,
                        };
                        format!("{}: {}, {}{late}", p.plan.value.title, status.label().to_lowercase(), progress.text())
                    })
                    .collect(),
                stops: facts
                    .stops
                    .iter()
                    .filter(|st| covers(st.value.setting_id, st.value.provider_id))
                    .filter(|st| st.value.is_active(as_of) || st.value.ended_on.is_some_and(|d| month.contains(d)))
                    .map(|st| match st.value.ended_on.filter(|d| *d <= as_of) {
                        Some(on) => format!("stop {} from {}, lifted {on}", st.id, st.value.issued_on),
                        None => format!("stop {} in force since {}", st.id, st.value.issued_on),
                    })
                    .collect(),
                children: r.summary.children,
                weekly: r.summary.weekly_spend,
                child_refs: child_refs.remove(&id).unwrap_or_default(),
                commentary: notes.get(&id).map(|n| n.value.text.clone()).unwrap_or_default(),
            }
        })
        .collect();
    out.sort_by(|a, b| b.judgement.severity().cmp(&a.judgement.severity()).then(a.name.cmp(&b.name)));
    Ok(out)
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn board_notes(&self, month: Month) -> Result<HashMap<i64, Stored<BoardNote>>, StoreError> {
        notes(&self.conn, month)
    }
}
