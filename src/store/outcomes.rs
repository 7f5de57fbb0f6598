//! Outcomes agreed for placed children, and their payments.

use super::record::{Deletable, list, record};
use super::{Store, StoreError, Stored};
use crate::domain::outcome::Outcome;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

record!(Outcome, "outcomes", "outcome", {
    placement_id: "placement_id",
    what: "what",
    measure: "measure",
    agreed_on: "agreed_on",
    target: "target_on",
    stage: "stage",
    payment: "payment_pence",
    met_on: "met_on",
    evidence: "evidence",
    paid_on: "paid_on",
}
    fn duplicate_message(&self) -> String {
        format!("this outcome is already agreed for the placement on {}: edit that one", self.agreed_on)
    }

    fn describe(&self) -> String {
        format!("outcome {:?}", crate::domain::excerpt(&self.what, 40))
    }

    /// Agreed while the child was placed.
    fn check_stored(&self, conn: &Connection, _today: NaiveDate) -> Result<(), StoreError> {
        super::placements::check_within(conn, self.placement_id, self.agreed_on, "agreed")
    }
);

/// One agreed by mistake may be deleted (the audit keeps a copy).
impl Deletable for Outcome {}

impl Store {
    /// The outcomes of a provider's placements, the latest target first.
    pub fn outcomes_of_provider(&self, provider_id: i64) -> Result<Vec<Stored<Outcome>>, StoreError> {
        let tail = "WHERE placement_id IN (SELECT pl.id FROM placements pl JOIN settings s ON s.id = pl.setting_id
                    WHERE s.provider_id = ?1) ORDER BY target_on DESC, stage, id";
        list(&self.conn, tail, &[&provider_id])
    }

    /// Every outcome, by placement.
    pub fn outcomes_by_placement(&self) -> Result<HashMap<i64, Vec<Outcome>>, StoreError> {
        let mut out: HashMap<i64, Vec<Outcome>> = HashMap::new();
        for o in list::<Outcome>(&self.conn, "ORDER BY agreed_on, stage, id", &[])? {
            out.entry(o.value.placement_id).or_default().push(o.value);
        }
        Ok(out)
    }
}
