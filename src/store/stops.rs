//! Placement stops, the reviews of the children placed, and alerts of
//! other authorities' stops.

use super::record::{self, list, record};
use super::settings::Which;
use super::{Store, StoreError, Stored};
use crate::domain::placement::Placement;
use crate::domain::plan::{Plan, PlanSource, PlanStatus};
use crate::domain::stop::{ExternalAlert, PlacementReview, PlacementStop};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

record!(PlacementStop, "stops", "placement stop", {
    setting_id: "setting_id",
    provider_id: "provider_id",
    issued_on: "issued_on",
    issued_by: "issued_by",
    reason: "reason",
    concern_id: "concern_id",
    visit_id: "visit_id",
    referrals_withdrawn: "referrals_withdrawn",
    authorities_notified: "authorities",
    notified_on: "notified_on",
    concerns_report_on: "concerns_report_on",
    plan_id: "plan_id",
    review_on: "review_on",
    outcome: "outcome",
    ended_on: "ended_on",
    ended_by: "ended_by",
    end_reason: "end_reason",
    lift_conditions: "lift_conditions",
}
    fn duplicate_message(&self) -> String {
        "this stop is already recorded".into()
    }

    fn describe(&self) -> String {
        match (self.outcome, self.ended_on) {
            (Some(outcome), Some(on)) => {
                format!("placement stop issued {} ({} {on})", self.issued_on, outcome.label().to_lowercase())
            }
            _ => format!("placement stop issued {}", self.issued_on),
        }
    }
);

record!(PlacementReview, "stop_reviews", "placement review", {
    stop_id: "stop_id",
    placement_id: "placement_id",
    reviewed_on: "reviewed_on",
    outcome: "outcome",
    note: "note",
}
    fn duplicate_message(&self) -> String {
        "this placement is already reviewed for this stop: edit the review".into()
    }

    fn describe(&self) -> String {
        format!("review of {}", self.reviewed_on)
    }
);

record!(ExternalAlert, "external_alerts", "alert", {
    notice_id: "notice_id",
    authority: "authority",
    urn: "urn",
    setting_id: "setting_id",
    setting_name: "setting_name",
    provider_name: "provider_name",
    issued_on: "issued_on",
    reason: "reason",
    review_on: "review_on",
    ended_on: "ended_on",
    received_on: "received_on",
}
    fn duplicate_message(&self) -> String {
        format!("the notice {} for URN {} is already recorded", self.notice_id, self.urn)
    }

    fn describe(&self) -> String {
        format!("{}'s stop on {}", self.authority, self.urn)
    }
);

/// Every stop, newest first.
pub fn all(conn: &Connection) -> Result<Vec<Stored<PlacementStop>>, StoreError> {
    of(conn, Which::All)
}

/// Every stop, or those on one provider or setting, newest first.
pub fn of(conn: &Connection, which: Which) -> Result<Vec<Stored<PlacementStop>>, StoreError> {
    let condition = which.condition("setting_id", "provider_id", 1);
    list(conn, &format!("WHERE {condition} ORDER BY issued_on DESC, id DESC"), &[&which.id()])
}

/// A stop's placement reviews.
pub fn reviews(conn: &Connection, stop_id: i64) -> Result<Vec<Stored<PlacementReview>>, StoreError> {
    list(conn, "WHERE stop_id = ?1 ORDER BY id", &[&stop_id])
}

/// The stops in force on `day` that cover `setting_id` of `provider_id`.
pub fn covering(
    conn: &Connection,
    setting_id: i64,
    provider_id: i64,
    day: NaiveDate,
) -> Result<Vec<Stored<PlacementStop>>, StoreError> {
    list(
        conn,
        "WHERE provider_id = ?1 AND (setting_id IS NULL OR setting_id = ?2)
           AND issued_on <= ?3 AND (ended_on IS NULL OR ended_on > ?3) ORDER BY issued_on",
        &[&provider_id, &setting_id, &day],
    )
}

/// A placement under a stop's cover, with its review once recorded.
pub type Reviewed = (Stored<Placement>, Option<Stored<PlacementReview>>);

/// The children placed under a stop's cover when it was issued, with their
/// reviews: those still to review first, then by reference.
pub fn placed_at_issue(conn: &Connection, stop: &Stored<PlacementStop>) -> Result<Vec<Reviewed>, StoreError> {
    let placements = super::placements::for_provider(conn, stop.value.provider_id)?;
    Ok(covered(stop, &placements, &reviews(conn, stop.id)?))
}

/// [`placed_at_issue`] for every stop at once: three queries, not two a stop.
pub fn placed_at_issue_of_all(
    conn: &Connection,
    stops: &[Stored<PlacementStop>],
) -> Result<HashMap<i64, Vec<Reviewed>>, StoreError> {
    let providers = serde_json::to_string(&stops.iter().map(|s| s.value.provider_id).collect::<Vec<_>>())?;
    let with_stops = "SELECT id FROM settings WHERE provider_id IN (SELECT value FROM json_each(?1))";
    let provider_of: HashMap<i64, i64> = conn
        .prepare_cached(&with_stops.replace("SELECT id", "SELECT id, provider_id"))?
        .query_map([&providers], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_provider: HashMap<i64, Vec<Stored<Placement>>> = HashMap::new();
    for placement in list::<Placement>(conn, &format!("WHERE setting_id IN ({with_stops})"), &[&providers])? {
        if let Some(provider) = provider_of.get(&placement.value.setting_id) {
            by_provider.entry(*provider).or_default().push(placement);
        }
    }
    let ids = serde_json::to_string(&stops.iter().map(|s| s.id).collect::<Vec<_>>())?;
    let mut by_stop: HashMap<i64, Vec<Stored<PlacementReview>>> = HashMap::new();
    let of_these = "WHERE stop_id IN (SELECT value FROM json_each(?1)) ORDER BY stop_id, id";
    for review in list::<PlacementReview>(conn, of_these, &[&ids])? {
        by_stop.entry(review.value.stop_id).or_default().push(review);
    }
    Ok(stops
        .iter()
        .map(|stop| {
            let placements = by_provider.get(&stop.value.provider_id).map_or(&[][..], Vec::as_slice);
            let reviews = by_stop.get(&stop.id).map_or(&[][..], Vec::as_slice);
            (stop.id, covered(stop, placements, reviews))
        })
        .collect())
}

/// Of a provider's `placements`, those `stop` covered, with their `reviews`.
fn covered(
    stop: &Stored<PlacementStop>,
    placements: &[Stored<Placement>],
    reviews: &[Stored<PlacementReview>],
) -> Vec<Reviewed> {
    let s = &stop.value;
    let mut placed: Vec<Reviewed> = placements
        .iter()
        .filter(|p| s.setting_id.is_none_or(|id| id == p.value.setting_id))
        .map(|p| {
            let review = reviews.iter().find(|r| r.value.placement_id == p.id).cloned();
            (p.clone(), review)
        })
        // A child who moved on the day of issue is still one it covered.
        .filter(|(p, review)| review.is_some() || p.value.is_active(s.issued_on))
        .collect();
    placed.sort_by(|(a, ra), (b, rb)| {
        (ra.is_some(), &a.value.child_ref, a.id).cmp(&(rb.is_some(), &b.value.child_ref, b.id))
    });
    placed
}

/// Alerts from other authorities, newest first.
pub fn alerts(conn: &Connection) -> Result<Vec<Stored<ExternalAlert>>, StoreError> {
    list(conn, "ORDER BY received_on DESC, id DESC", &[])
}

/// Other authorities' stops on one of our settings that have not ended, newest first.
pub fn alerts_in_force(conn: &Connection, setting_id: i64) -> Result<Vec<Stored<ExternalAlert>>, StoreError> {
    list(conn, "WHERE setting_id = ?1 AND ended_on IS NULL ORDER BY issued_on DESC, id DESC", &[&setting_id])
}

/// Requests the improvement plan a stop calls for: the plan (with its
/// history) and the stop's link to it, in one transaction.
pub fn request_plan(
    store: &mut Store,
    stop: &Stored<PlacementStop>,
    title: &str,
    due_back: NaiveDate,
) -> Result<Stored<Plan>, StoreError> {
    let s = &stop.value;
    let plan = Plan {
        setting_id: s.setting_id,
        provider_id: s.provider_id,
        title: title.to_string(),
        source: PlanSource::Stop,
        source_id: Some(stop.id),
        requested_on: store.today(),
        due_back,
        status: PlanStatus::Requested,
        status_on: store.today(),
    };
    store.write(|tx, user, today| {
        let stored = record::insert(tx, user, today, &plan)?;
        let linked = PlacementStop { plan_id: Some(stored.id), ..s.clone() };
        record::update(tx, user, today, stop.id, stop.version, &linked)?;
        Ok(stored)
    })
}

/// Records alerts from another authority's notice: new ones added, known
/// ones (same notice, same URN) brought up to date. Returns (added, updated).
/// A dry run works out the same and writes nothing.
pub fn record_alerts(store: &mut Store, alerts: &[ExternalAlert], dry_run: bool) -> Result<(usize, usize), StoreError> {
    let work = |tx: &Connection, user: &str, today: NaiveDate| {
        let (mut added, mut updated) = (0, 0);
        for alert in alerts {
            let known =
                list::<ExternalAlert>(tx, "WHERE notice_id = ?1 AND urn = ?2", &[&alert.notice_id, &alert.urn])?.pop();
            match known {
                Some(k) if k.value == ExternalAlert { received_on: k.value.received_on, ..alert.clone() } => {}
                Some(k) => {
                    record::update(
                        tx,
                        user,
                        today,
                        k.id,
                        k.version,
                        &ExternalAlert { received_on: k.value.received_on, ..alert.clone() },
                    )?;
                    updated += 1;
                }
                None => {
                    record::insert(tx, user, today, alert)?;
                    added += 1;
                }
            }
        }
        Ok((added, updated))
    };
    if dry_run { store.rehearse(work) } else { store.write(work) }
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn placed_at_issue(&self, stop: &Stored<PlacementStop>) -> Result<Vec<Reviewed>, StoreError> {
        placed_at_issue(&self.conn, stop)
    }

    pub fn placed_at_issue_of_all(
        &self,
        stops: &[Stored<PlacementStop>],
    ) -> Result<HashMap<i64, Vec<Reviewed>>, StoreError> {
        placed_at_issue_of_all(&self.conn, stops)
    }

    pub fn stops(&self) -> Result<Vec<Stored<PlacementStop>>, StoreError> {
        all(&self.conn)
    }

    pub fn stop_alerts(&self) -> Result<Vec<Stored<ExternalAlert>>, StoreError> {
        alerts(&self.conn)
    }

    pub fn stops_of(&self, which: Which) -> Result<Vec<Stored<PlacementStop>>, StoreError> {
        of(&self.conn, which)
    }

    pub fn stop_alerts_in_force(&self, setting_id: i64) -> Result<Vec<Stored<ExternalAlert>>, StoreError> {
        alerts_in_force(&self.conn, setting_id)
    }
}
