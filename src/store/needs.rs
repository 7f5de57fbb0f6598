//! Placed children's needs (Valuing Care), and what their placements cost
//! against them.

use super::record::{Deletable, list, record};
use super::{Store, StoreError, Stored};
use crate::domain::Invalid;
use crate::domain::money::Pence;
use crate::domain::needs::{self, NeedsAssessment, Occasion, Placed, Profile, ValueLine};
use crate::domain::outcome;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

record!(NeedsAssessment, "needs_assessments", "needs assessment", {
    placement_id: "placement_id",
    assessed_on: "assessed_on",
    occasion: "occasion",
    assessor: "assessor",
    scores: "scores",
}
    fn duplicate_message(&self) -> String {
        format!("this placement's needs are already recorded for {}: edit that one", self.assessed_on)
    }

    fn describe(&self) -> String {
        format!("needs assessment of {}", self.assessed_on)
    }

    /// Made while the child was placed there; the one at placement first,
    /// reviews after it.
    fn check_stored(&self, conn: &Connection, _today: NaiveDate) -> Result<(), StoreError> {
        super::placements::check_within(conn, self.placement_id, self.assessed_on, "assessed")?;
        if self.occasion == Occasion::Placement {
            let first: Option<NaiveDate> = conn.query_row(
                "SELECT MIN(assessed_on) FROM needs_assessments WHERE placement_id = ?1 AND assessed_on < ?2",
                rusqlite::params![self.placement_id, self.assessed_on],
                |r| r.get(0),
            )?;
            if let Some(first) = first {
                return Err(StoreError::Invalid(vec![Invalid::new(
                    "occasion",
                    format!("this child's needs were first measured on {first}: a later one is a review"),
                )]));
            }
        }
        if self.occasion == Occasion::Review {
            let earlier: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM needs_assessments WHERE placement_id = ?1 AND assessed_on < ?2)",
                rusqlite::params![self.placement_id, self.assessed_on],
                |r| r.get(0),
            )?;
            if !earlier {
                return Err(StoreError::Invalid(vec![Invalid::new(
                    "occasion",
                    "a review follows the needs measured at placement: record those first",
                )]));
            }
        }
        Ok(())
    }
);

/// One recorded by mistake may be deleted (the audit keeps a copy).
impl Deletable for NeedsAssessment {}

/// A placement current on the day, with what it costs and its needs as
/// measured by then.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlacedNeeds {
    pub placement_id: i64,
    pub setting_id: i64,
    pub setting: String,
    pub provider_id: i64,
    pub provider: String,
    pub weekly: Pence,
    /// Its assessments made by the day, oldest first.
    pub assessments: Vec<NeedsAssessment>,
}

/// Value on a day: a line per setting and provider, and each provider's
/// needs profile by domain.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Value {
    pub lines: Vec<ValueLine>,
    pub profiles: HashMap<String, Profile>,
    /// Each provider's id, by name.
    pub provider_ids: HashMap<String, i64>,
}

impl Store {
    /// The value report's lines and profiles on `today`: needs against
    /// spend, and outcomes as they stand.
    pub fn value(&self, today: NaiveDate) -> Result<Value, StoreError> {
        let placed = self.placed_needs(today)?;
        let outcomes = self.outcomes_by_placement()?;
        let read: Vec<Placed> = placed
            .iter()
            .map(|p| {
                let all: Vec<&NeedsAssessment> = p.assessments.iter().collect();
                Placed {
                    provider: &p.provider,
                    setting: &p.setting,
                    weekly: p.weekly,
                    latest: p.assessments.last().map(|a| a.scores.total()),
                    change: needs::change(&all),
                    outcomes: outcome::tally(outcomes.get(&p.placement_id).into_iter().flatten(), today),
                }
            })
            .collect();
        let mut by_provider: HashMap<String, Vec<&[NeedsAssessment]>> = HashMap::new();
        for p in &placed {
            by_provider.entry(p.provider.clone()).or_default().push(&p.assessments);
        }
        let profiles =
            by_provider.into_iter().filter_map(|(name, measured)| Some((name, needs::profile(&measured)?))).collect();
        let provider_ids = placed.iter().map(|p| (p.provider.clone(), p.provider_id)).collect();
        Ok(Value { lines: needs::value_lines(&read), profiles, provider_ids })
    }

    /// The assessment already stored that `a` would duplicate: the same
    /// placement on the same day.
    pub fn needs_like(&self, a: &NeedsAssessment) -> Result<Option<Stored<NeedsAssessment>>, StoreError> {
        Ok(list(&self.conn, "WHERE placement_id = ?1 AND assessed_on = ?2", &[&a.placement_id, &a.assessed_on])?.pop())
    }

    /// The needs assessments of a provider's placements, by placement, oldest first.
    pub fn needs_of_provider(
        &self,
        provider_id: i64,
    ) -> Result<std::collections::HashMap<i64, Vec<Stored<NeedsAssessment>>>, StoreError> {
        let mut out: std::collections::HashMap<i64, Vec<Stored<NeedsAssessment>>> = Default::default();
        let tail = "WHERE placement_id IN (SELECT pl.id FROM placements pl JOIN settings s ON s.id = pl.setting_id
                    WHERE s.provider_id = ?1) ORDER BY assessed_on, id";
        for a in list::<NeedsAssessment>(&self.conn, tail, &[&provider_id])? {
            out.entry(a.value.placement_id).or_default().push(a);
        }
        Ok(out)
    }

    /// Every placement current on `today` in an open setting, with its
    /// needs as measured by then: the value report reads these.
    pub fn placed_needs(&self, today: NaiveDate) -> Result<Vec<PlacedNeeds>, StoreError> {
        let mut assessments: std::collections::HashMap<i64, Vec<NeedsAssessment>> = Default::default();
        for a in list::<NeedsAssessment>(&self.conn, "WHERE assessed_on <= ?1 ORDER BY assessed_on, id", &[&today])? {
            assessments.entry(a.value.placement_id).or_default().push(a.value);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT pl.id, s.id, s.name, p.id, p.name, pl.weekly_cost_pence
             FROM placements pl JOIN settings s ON s.id = pl.setting_id JOIN providers p ON p.id = s.provider_id
             WHERE pl.start_date <= ?1 AND (pl.end_date IS NULL OR pl.end_date > ?1)
               AND (s.archived_on IS NULL OR s.archived_on > ?1)
             ORDER BY p.name COLLATE NOCASE, s.name COLLATE NOCASE, pl.id",
        )?;
        let rows = stmt.query_map([today], |r| {
            Ok(PlacedNeeds {
                placement_id: r.get(0)?,
                setting_id: r.get(1)?,
                setting: r.get(2)?,
                provider_id: r.get(3)?,
                provider: r.get(4)?,
                weekly: Pence(r.get(5)?),
                assessments: Vec::new(),
            })
        })?;
        rows.map(|row| {
            let mut row = row?;
            row.assessments = assessments.remove(&row.placement_id).unwrap_or_default();
            Ok(row)
        })
        .collect()
    }
}
