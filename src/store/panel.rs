//! The Supported Accommodation Resources Panel's cases.

use super::record::{Deletable, record};
use super::{Store, StoreError};
use crate::domain::panel::PanelCase;

record!(PanelCase, "panel_cases", "panel case", {
    month: "month",
    provider_id: "provider_id",
    child_ref: "child_ref",
    risk: "risk",
    details: "details",
    package: "package",
    outcome: "outcome",
    outcome_month: "outcome_month",
    outcome_note: "outcome_note",
}
    fn duplicate_message(&self) -> String {
        format!("{} is already on the {} panel: edit that case instead", self.child_ref, self.month.label())
    }

    fn describe(&self) -> String {
        format!("{} at the {} panel", self.child_ref, self.month.label())
    }
);

impl Deletable for PanelCase {}

/// A case with its provider's name, as the Panel screen lists it.
#[derive(Debug, Clone)]
pub struct PanelRow {
    pub case: super::Stored<PanelCase>,
    pub provider: String,
}

impl Store {
    /// Every case, newest panel first.
    pub fn panel_rows(&self) -> Result<Vec<PanelRow>, StoreError> {
        let names: std::collections::HashMap<i64, String> =
            self.all::<crate::domain::provider::Provider>()?.into_iter().map(|p| (p.id, p.value.name)).collect();
        let cases = super::record::list::<PanelCase>(&self.conn, "ORDER BY month DESC, id", &[])?;
        Ok(cases
            .into_iter()
            .map(|case| PanelRow { provider: names.get(&case.value.provider_id).cloned().unwrap_or_default(), case })
            .collect())
    }
}
