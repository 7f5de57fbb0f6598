//! Improvement plans, their actions, and the history of their status.

use super::record::{self, Deletable, list, record};
use super::settings::Which;
use super::{Store, StoreError, Stored};
use crate::domain::Invalid;
use crate::domain::plan::{Plan, PlanAction, PlanEvent, PlanSource, PlanStatus, Progress, check_action_dates};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

record!(Plan, "plans", "improvement plan", {
    setting_id: "setting_id",
    provider_id: "provider_id",
    title: "title",
    source: "source",
    source_id: "source_id",
    requested_on: "requested_on",
    due_back: "due_back",
    status: "status",
    status_on: "status_on",
}
    fn duplicate_message(&self) -> String {
        "this plan is already recorded".into()
    }

    fn describe(&self) -> String {
        format!("improvement plan \"{}\"", self.title)
    }

    /// A group concern's plan is addressed to a provider in the group, when
    /// first sent there: one that has since left can still see it through.
    fn check_stored(&self, conn: &Connection, _today: NaiveDate) -> Result<(), StoreError> {
        let sent = |group: i64| -> Result<bool, StoreError> {
            let sql = "SELECT EXISTS (SELECT 1 FROM plans WHERE source = 'group' AND source_id = ?1 AND provider_id = ?2)";
            Ok(conn.prepare_cached(sql)?.query_row([group, self.provider_id], |r| r.get(0))?)
        };
        match (self.source, self.source_id) {
            (PlanSource::Group, Some(group))
                if !sent(group)? && !super::groups::chain_of(conn, self.provider_id)?.contains(&group) =>
            {
                Err(StoreError::Invalid(vec![Invalid::new(
                    "concerning",
                    "is not a provider of this group or of a group beneath it",
                )]))
            }
            _ => Ok(()),
        }
    }

    /// However it was requested, a plan's history starts with the request.
    fn inserted(&self, conn: &Connection, user: &str, today: NaiveDate, id: i64) -> Result<(), StoreError> {
        let event =
            PlanEvent { plan_id: id, status: self.status, on: self.requested_on, by: user.to_string(), note: self.requested_note() };
        record::insert(conn, user, today, &event).map(|_| ())
    }
);

record!(PlanAction, "plan_actions", "plan action", {
    plan_id: "plan_id",
    description: "description",
    owner: "owner",
    due_on: "due_on",
    status: "status",
    evidence: "evidence",
    completed_on: "completed_on",
}
    fn duplicate_message(&self) -> String {
        "this action is already recorded".into()
    }

    fn describe(&self) -> String {
        format!("action \"{}\"", crate::domain::excerpt(&self.description, 40))
    }

    fn check_stored(&self, conn: &Connection, _today: NaiveDate) -> Result<(), StoreError> {
        let plan = record::get::<Plan>(conn, self.plan_id)?;
        match check_action_dates(self, &plan.value) {
            Some(problem) => Err(StoreError::Invalid(vec![problem])),
            None => Ok(()),
        }
    }
);

impl Deletable for PlanAction {}

record!(PlanEvent, "plan_events", "plan status change", {
    plan_id: "plan_id",
    status: "status",
    on: "on_date",
    by: "by_user",
    note: "note",
}
    fn duplicate_message(&self) -> String {
        "this change is already recorded".into()
    }

    fn describe(&self) -> String {
        format!("plan {} on {}", self.status.label().to_lowercase(), self.on)
    }
);

/// A plan with its actions and history.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub plan: Stored<Plan>,
    pub actions: Vec<Stored<PlanAction>>,
    pub history: Vec<Stored<PlanEvent>>,
}

impl PlanRow {
    pub fn action_values(&self) -> Vec<PlanAction> {
        self.actions.iter().map(|a| a.value.clone()).collect()
    }

    /// Its status at the end of `day`, and since when, from its history.
    pub fn status_on(&self, day: NaiveDate) -> (PlanStatus, NaiveDate) {
        self.plan.value.status_on_day(self.history.iter().map(|e| &e.value), day)
    }
}

/// A plan's status at the end of `?1` (the plan as `p`): its latest change by
/// then, as [`Plan::status_on_day`] reads it.
const STATUS_ON: &str = "COALESCE(
    (SELECT e.status FROM plan_events e WHERE e.plan_id = p.id AND e.on_date <= ?1 ORDER BY e.on_date DESC, e.id DESC LIMIT 1),
    CASE WHEN p.status_on <= ?1 THEN p.status ELSE 'requested' END)";

/// An action not done by the end of `?1` (the action as `a`).
const NOT_DONE_BY: &str = "NOT (a.status = 'done' AND (a.completed_on IS NULL OR a.completed_on <= ?1))";

/// A plan open on a day, as the schedule and the Dashboard count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenPlan {
    pub setting_id: Option<i64>,
    pub provider_id: i64,
    /// Its actions overdue on the day.
    pub overdue: u32,
    /// It answers a group concern: it is the group's, and changes no one
    /// setting's tier or monitoring (the provider is only its addressee).
    pub for_group: bool,
}

/// Plans open on `today` (requested by then, not completed or escalated),
/// with how many of their actions are overdue. One query.
pub fn open_on(
    conn: &Connection,
    today: NaiveDate,
    which: super::settings::Which,
) -> Result<Vec<OpenPlan>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.setting_id, p.provider_id,
                (SELECT COUNT(*) FROM plan_actions a WHERE a.plan_id = p.id AND {NOT_DONE_BY} AND a.due_on < ?1),
                p.source = 'group'
         FROM plans p WHERE p.requested_on <= ?1 AND {STATUS_ON} NOT IN ('completed', 'escalated') AND {}",
        plans_covering(which)
    ))?;
    let rows = stmt.query_map(rusqlite::params![today, which.id()], |r| {
        Ok(OpenPlan { setting_id: r.get(0)?, provider_id: r.get(1)?, overdue: r.get(2)?, for_group: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many plans were still awaited from providers past their due-back day on `day`.
pub fn late_back(conn: &Connection, day: NaiveDate) -> Result<u32, StoreError> {
    let sql = format!(
        "SELECT COUNT(*) FROM plans p WHERE {STATUS_ON} = 'requested' AND p.requested_on <= ?1 AND p.due_back < ?1"
    );
    Ok(conn.prepare_cached(&sql)?.query_row([day], |r| r.get(0))?)
}

/// Plans covering `which`: for one setting, its own and its provider's
/// whole-provider ones, not a group's that was only sent to its provider
/// (the plan's columns as `p.`, the setting as `?2`).
fn plans_covering(which: super::settings::Which) -> String {
    match which {
        // A setting's plans are its provider's too: down the provider's index.
        super::settings::Which::Setting(_) => "(p.provider_id = (SELECT provider_id FROM settings WHERE id = ?2)
            AND (p.setting_id = ?2 OR (p.setting_id IS NULL AND p.source <> 'group')))"
            .to_string(),
        other => other.condition("p.setting_id", "p.provider_id", 2),
    }
}

/// Each plan action overdue by `today`, of plans requested by then: the
/// plan's setting (none for a whole provider), its provider, and the days it
/// was overdue, from the day after it fell due until it was done or its
/// plan was completed or escalated (any such day, even after `today`). A
/// group's plans are left out: they change no one setting's tier.
pub fn overdue_actions(
    conn: &Connection,
    today: NaiveDate,
    which: super::settings::Which,
) -> Result<Vec<(Option<i64>, i64, crate::domain::facts::Period)>, StoreError> {
    use crate::domain::date::add_days;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.setting_id, p.provider_id, a.due_on,
                NULLIF(MIN(COALESCE(a.completed_on, '9999-12-31'),
                    CASE WHEN p.status IN ('completed', 'escalated') THEN p.status_on ELSE '9999-12-31' END),
                    '9999-12-31')
         FROM plan_actions a JOIN plans p ON p.id = a.plan_id
         WHERE p.requested_on <= ?1 AND a.due_on < ?1 AND p.source <> 'group' AND {}",
        plans_covering(which)
    ))?;
    let rows = stmt.query_map(rusqlite::params![today, which.id()], |r| {
        let due: NaiveDate = r.get(2)?;
        Ok((r.get(0)?, r.get(1)?, crate::domain::facts::Period::new(add_days(due, 1), r.get(3)?)))
    })?;
    let all: Vec<_> = rows.collect::<rusqlite::Result<_>>()?;
    // An action done by the day it fell due was never overdue.
    Ok(all.into_iter().filter(|(_, _, p)| p.until.is_none_or(|u| u > p.from)).collect())
}

/// Every plan, or one provider's, newest first, with how far its actions
/// have got on `today`; two queries, the actions counted in SQL.
pub fn listed(conn: &Connection, today: NaiveDate, which: Which) -> Result<Vec<(Stored<Plan>, Progress)>, StoreError> {
    let plans = list::<Plan>(
        conn,
        &format!("WHERE {} ORDER BY requested_on DESC, id DESC", which.condition("setting_id", "provider_id", 1)),
        &[&which.id()],
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.plan_id, COUNT(*), SUM(a.status = 'done'), SUM(a.status <> 'done' AND a.due_on < ?1)
         FROM plan_actions a JOIN plans p ON p.id = a.plan_id WHERE {} GROUP BY a.plan_id",
        which.condition("p.setting_id", "p.provider_id", 2)
    ))?;
    let progress: HashMap<i64, Progress> = stmt
        .query_map(rusqlite::params![today, which.id()], |r| {
            Ok((r.get(0)?, Progress { total: r.get(1)?, done: r.get(2)?, overdue: r.get(3)? }))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(plans
        .into_iter()
        .map(|plan| {
            let got = progress.get(&plan.id).copied().unwrap_or_default();
            (plan, got)
        })
        .collect())
}

/// One plan with its actions and history.
pub fn one(conn: &Connection, id: i64) -> Result<Option<PlanRow>, StoreError> {
    Ok(with_parts(conn, list::<Plan>(conn, "WHERE id = ?1", &[&id])?)?.pop())
}

/// The plans that cover these settings: on one of them, or on the whole of
/// one of these providers (not a group's). Newest first.
pub fn covering(conn: &Connection, settings: &[i64], providers: &[i64]) -> Result<Vec<PlanRow>, StoreError> {
    let (settings, providers) =
        (serde_json::to_string(settings).unwrap_or_default(), serde_json::to_string(providers).unwrap_or_default());
    let plans = list::<Plan>(
        conn,
        "WHERE setting_id IN (SELECT value FROM json_each(?1))
            OR (setting_id IS NULL AND source <> 'group' AND provider_id IN (SELECT value FROM json_each(?2)))
         ORDER BY requested_on DESC, id DESC",
        &[&settings, &providers],
    )?;
    with_parts(conn, plans)
}

/// Plans with their actions and history.
fn with_parts(conn: &Connection, plans: Vec<Stored<Plan>>) -> Result<Vec<PlanRow>, StoreError> {
    let ids = serde_json::to_string(&plans.iter().map(|p| p.id).collect::<Vec<_>>()).unwrap_or_default();
    let of_these = "WHERE plan_id IN (SELECT value FROM json_each(?1))";
    let mut actions =
        group(list::<PlanAction>(conn, &format!("{of_these} ORDER BY due_on, id"), &[&ids])?, |a| a.plan_id);
    let mut history =
        group(list::<PlanEvent>(conn, &format!("{of_these} ORDER BY on_date, id"), &[&ids])?, |e| e.plan_id);
    Ok(plans
        .into_iter()
        .map(|plan| PlanRow {
            actions: actions.remove(&plan.id).unwrap_or_default(),
            history: history.remove(&plan.id).unwrap_or_default(),
            plan,
        })
        .collect())
}

fn group<T: record::Record>(
    rows: Vec<Stored<T>>,
    key: impl Fn(&T) -> i64,
) -> std::collections::HashMap<i64, Vec<Stored<T>>> {
    let mut out: std::collections::HashMap<i64, Vec<Stored<T>>> = std::collections::HashMap::new();
    for row in rows {
        out.entry(key(&row.value)).or_default().push(row);
    }
    out
}

/// Moves a plan to `to` on `on`, keeping the change in its history. The
/// caller has already checked the move (and confirmed it, if needed).
pub fn move_to(
    store: &mut Store,
    plan: &Stored<Plan>,
    to: PlanStatus,
    on: NaiveDate,
    note: &str,
) -> Result<Stored<Plan>, StoreError> {
    let changed = Plan { status: to, status_on: on, ..plan.value.clone() };
    store.write(|tx, user, today| {
        let stored = record::update(tx, user, today, plan.id, plan.version, &changed)?;
        let event = PlanEvent { plan_id: plan.id, status: to, on, by: user.to_string(), note: note.to_string() };
        record::insert(tx, user, today, &event)?;
        Ok(stored)
    })
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn plan_row(&self, id: i64) -> Result<Option<PlanRow>, StoreError> {
        one(&self.conn, id)
    }

    pub fn plans_listed(&self, today: NaiveDate, which: Which) -> Result<Vec<(Stored<Plan>, Progress)>, StoreError> {
        listed(&self.conn, today, which)
    }
}
