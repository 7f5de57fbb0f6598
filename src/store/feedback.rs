//! Practitioners' feedback on the main fostering agencies, and each
//! agency's quarters with their averages.

use super::record::{Deletable, list, record};
use super::{Store, StoreError, Stored};
use crate::domain::Invalid;
use crate::domain::feedback::{self, Feedback, Summary};
use crate::domain::policy::Policy;
use crate::domain::returns::{self, Quarter};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

record!(Feedback, "practitioner_feedback", "practitioner feedback", {
    provider_id: "provider_id",
    quarter: "quarter",
    child_ref: "child_ref",
    practitioner: "practitioner",
    given_on: "given_on",
    communication: "communication",
    stability: "stability",
    needs: "needs",
    comment: "comment",
}
    fn duplicate_message(&self) -> String {
        format!(
            "a {}'s feedback on {} for {} is already recorded: edit it instead",
            self.practitioner.label().to_lowercase(),
            self.child_ref,
            self.quarter.months()
        )
    }

    fn describe(&self) -> String {
        format!("feedback on {} for {}", self.child_ref, self.quarter.months())
    }

    /// The child was placed with the agency at some time in the quarter.
    fn check_stored(&self, conn: &Connection, _today: NaiveDate) -> Result<(), StoreError> {
        let placed: Option<i64> = conn
            .query_row(
                "SELECT p.id FROM placements p JOIN settings s ON s.id = p.setting_id
                 WHERE s.provider_id = ?1 AND p.child_ref = ?2 AND p.start_date <= ?4
                   AND (p.end_date IS NULL OR p.end_date > ?3) LIMIT 1",
                rusqlite::params![self.provider_id, self.child_ref, self.quarter.first_day(), self.quarter.last_day()],
                |r| r.get(0),
            )
            .optional()?;
        match placed {
            Some(_) => Ok(()),
            None => Err(StoreError::Invalid(vec![Invalid::new(
                "child",
                format!("{} was not placed with this agency in {}", self.child_ref, self.quarter.months()),
            )])),
        }
    }
);

impl Deletable for Feedback {}

/// One agency's quarter on the Feedback screen: its averages, if rated.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FeedbackRow {
    pub provider_id: i64,
    pub provider: String,
    pub quarter: Quarter,
    pub summary: Option<Summary>,
}

/// The quarters shown: the one under way and the four before it.
pub const QUARTERS: usize = 5;

impl Store {
    /// The rating already stored that `f` would duplicate: same agency,
    /// quarter, child and kind of practitioner.
    pub fn feedback_like(&self, f: &Feedback) -> Result<Option<Stored<Feedback>>, StoreError> {
        let tail = "WHERE provider_id = ?1 AND quarter = ?2 AND child_ref = ?3 AND practitioner = ?4";
        let params: [&dyn rusqlite::ToSql; 4] = [&f.provider_id, &f.quarter, &f.child_ref, &f.practitioner];
        Ok(list(&self.conn, tail, &params)?.pop())
    }

    /// Each main agency's quarters shown, with any other agency and quarter
    /// rated, newest quarter first.
    pub fn feedback_rows(&self, policy: &Policy, today: NaiveDate) -> Result<Vec<FeedbackRow>, StoreError> {
        let rows = super::monitoring::shared(self, policy, today)?;
        let owing = super::returns::owing_rows(&rows);
        let quarters = returns::quarters(today, QUARTERS);
        let given = self.all::<Feedback>()?;
        let summaries = feedback::summarise(given.iter().map(|f| &f.value));
        let mut keys: Vec<(i64, Quarter)> = returns::main_agencies(&owing, &policy.returns)
            .into_iter()
            .flat_map(|p| quarters.iter().map(move |q| (p, *q)))
            .collect();
        keys.extend(summaries.iter().map(|s| (s.provider_id, s.quarter)));
        keys.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        keys.dedup();
        let name = |id: i64| {
            rows.iter()
                .find(|r| r.summary.setting.value.provider_id == id)
                .map_or_else(|| format!("#{id}"), |r| r.summary.provider_name.clone())
        };
        Ok(keys
            .into_iter()
            .map(|(provider_id, quarter)| FeedbackRow {
                provider_id,
                provider: name(provider_id),
                quarter,
                summary: summaries.iter().find(|s| s.provider_id == provider_id && s.quarter == quarter).cloned(),
            })
            .collect())
    }
}
