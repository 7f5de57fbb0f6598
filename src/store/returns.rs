//! The returns providers owe, received; and the schedule of what is owed,
//! read from the monitored settings and the providers' live contracts.

use super::record::{Deletable, record};
use super::{Store, StoreError, monitoring};
use crate::domain::contract::{Contract, ContractType};
use crate::domain::policy::Policy;
use crate::domain::returns::{self, Due, Owing, Period, ProviderReturn};
use chrono::NaiveDate;
use std::collections::HashMap;

record!(ProviderReturn, "provider_returns", "return", {
    kind: "kind",
    provider_id: "provider_id",
    setting_id: "setting_id",
    period: "period",
    received: "received_on",
    grades: "grades",
    strengths: "strengths",
    improvements: "improvements",
    response: "response",
    places: "places",
    occupied: "occupied",
    safeguarding_issues: "safeguarding_issues",
    safeguarding: "safeguarding",
    interagency: "interagency",
    feedback: "feedback",
    breakdowns: "breakdowns",
    disruptions: "disruptions",
    outcomes: "outcomes",
    contract_issues: "contract_issues",
    market_gaps: "market_gaps",
}
    fn duplicate_message(&self) -> String {
        format!("the {} for {} is already recorded: edit it instead", self.kind.label().to_lowercase(), self.period.label())
    }

    fn describe(&self) -> String {
        format!("{} for {}", self.kind.label().to_lowercase(), self.period.label())
    }
);

/// A return entered by mistake may be deleted (the audit keeps a copy).
impl Deletable for ProviderReturn {}

/// How many periods the schedule shows: a year of quarters and the
/// quarter under way, and this year's and last year's self-assessments.
pub const SHOWN: (usize, usize) = (5, 2);

/// A row of the schedule, with the names a person reads.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DueRow {
    #[serde(flatten)]
    pub due: Due,
    pub provider: String,
    pub setting: Option<String>,
}

/// The monitored settings, as the schedule of returns sees them.
pub(super) fn owing(rows: &monitoring::SharedRows) -> Vec<Owing> {
    rows.iter()
        .filter(|r| r.is_monitored())
        .map(|r| {
            let s = &r.summary.setting;
            Owing {
                setting_id: s.id,
                provider_id: s.value.provider_id,
                kind: s.value.kind,
                opened_on: s.value.opened_on,
                children: r.summary.children,
            }
        })
        .collect()
}

impl Store {
    /// Every return owed for the periods `shown`, with those received.
    pub fn returns_due(&self, policy: &Policy, today: NaiveDate, shown: &[Period]) -> Result<Vec<DueRow>, StoreError> {
        let rows = monitoring::shared(self, policy, today)?;
        let owing = owing(&rows);
        let mut contracts: HashMap<i64, Vec<ContractType>> = HashMap::new();
        for c in self.all::<Contract>()?.into_iter().filter(|c| c.value.is_live(today)) {
            contracts.entry(c.value.provider_id).or_default().push(c.value.kind);
        }
        // As the records stood on `today`: a return received later had not come.
        let received: Vec<_> =
            self.all::<ProviderReturn>()?.into_iter().filter(|r| r.value.received <= today).collect();
        let received: Vec<(i64, &ProviderReturn)> = received.iter().map(|r| (r.id, &r.value)).collect();
        let due = returns::schedule(&owing, &contracts, &received, &policy.returns, today, shown);
        let settings: HashMap<i64, (&str, &str)> = rows
            .iter()
            .map(|r| (r.summary.setting.id, (r.summary.setting.value.name.as_str(), r.summary.provider_name.as_str())))
            .collect();
        let providers: HashMap<i64, &str> =
            rows.iter().map(|r| (r.summary.setting.value.provider_id, r.summary.provider_name.as_str())).collect();
        Ok(due
            .into_iter()
            .map(|due| DueRow {
                provider: providers
                    .get(&due.provider_id)
                    .map_or_else(|| format!("#{}", due.provider_id), |n| n.to_string()),
                setting: due
                    .setting_id
                    .map(|id| settings.get(&id).map_or_else(|| format!("#{id}"), |n| n.0.to_string())),
                due,
            })
            .collect())
    }
}
