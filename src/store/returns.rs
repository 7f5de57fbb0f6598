//! The returns providers owe, received; and the schedule of what is owed,
//! read from the monitored settings and the providers' live contracts.

use super::monitoring::{self, Draft};
use super::record::{Deletable, list, record};
use super::settings::{SettingSummary, Which};
use super::{Store, StoreError};
use crate::domain::contract::{Contract, ContractType, ReturnsOwed};
use crate::domain::facts::ReturnOwed;
use crate::domain::policy::Policy;
use crate::domain::returns::{self, Due, Owing, Period, ProviderReturn};
use crate::domain::setting::SettingKind;
use chrono::NaiveDate;
use rusqlite::Connection;
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
pub(super) fn owing<'a>(rows: impl Iterator<Item = (&'a SettingSummary, bool)>) -> Vec<Owing> {
    rows.filter(|(_, monitored)| *monitored)
        .map(|(summary, _)| {
            let s = &summary.setting;
            Owing {
                setting_id: s.id,
                provider_id: s.value.provider_id,
                kind: s.value.kind,
                opened_on: s.value.opened_on,
                children: summary.children,
            }
        })
        .collect()
}

/// The monitored settings of shared `rows`, as the schedule of returns sees them.
pub(super) fn owing_rows(rows: &monitoring::SharedRows) -> Vec<Owing> {
    owing(rows.iter().map(|r| (&r.summary, r.is_monitored())))
}

/// The periods whose returns a setting's facts hold: two years of quarters
/// and three of self-assessments, enough for the tier's year and the score
/// at the last two quarter ends.
pub const FACT_PERIODS: (usize, usize) = (8, 3);

/// Open fostering agencies with children placed on `today`: enough to
/// know the main agencies when reading fewer settings than all.
const FOSTERING: &str = "
SELECT s.id, s.provider_id, s.opened_on, COUNT(*) FROM settings s JOIN placements p ON p.setting_id = s.id
WHERE s.kind = 'fostering_agency' AND p.start_date <= ?1 AND (p.end_date IS NULL OR p.end_date > ?1)
  AND (s.archived_on IS NULL OR s.archived_on > ?1)
  AND NOT (s.registration = 'closed' AND (s.closed_on IS NULL OR s.closed_on <= ?1))
GROUP BY s.id";

/// Every return owed for `shown` by the `owing` settings, with those
/// received by `today`; of every provider, or only of `providers`.
fn schedule(
    conn: &Connection,
    policy: &Policy,
    today: NaiveDate,
    owing: &[Owing],
    shown: &[Period],
    providers: Option<&[i64]>,
) -> Result<Vec<Due>, StoreError> {
    let only = providers.map(|p| serde_json::to_string(p).unwrap_or_default());
    let of_these = "provider_id IN (SELECT value FROM json_each(?1))";
    let contracts_read = match &only {
        Some(only) => list::<Contract>(conn, &format!("WHERE {of_these}"), &[only])?,
        None => list::<Contract>(conn, "", &[])?,
    };
    let mut contracts: HashMap<i64, Vec<(ContractType, ReturnsOwed)>> = HashMap::new();
    for c in contracts_read.into_iter().filter(|c| c.value.is_live(today)) {
        contracts.entry(c.value.provider_id).or_default().push((c.value.kind, c.value.returns));
    }
    // As the records stood on `today`: a return received later had not come.
    let received = match &only {
        Some(only) => {
            list::<ProviderReturn>(conn, &format!("WHERE {of_these} AND received_on <= ?2"), &[only, &today])?
        }
        None => list::<ProviderReturn>(conn, "WHERE received_on <= ?1", &[&today])?,
    };
    let received: Vec<(i64, &ProviderReturn)> = received.iter().map(|r| (r.id, &r.value)).collect();
    Ok(returns::schedule(owing, &contracts, &received, &policy.returns, today, shown))
}

/// The returns owed by the `owing` settings (read with `which`), over the
/// periods their facts hold.
pub(super) fn owed_by(
    conn: &Connection,
    policy: &Policy,
    today: NaiveDate,
    mut owing: Vec<Owing>,
    which: Which,
) -> Result<Vec<Due>, StoreError> {
    // Fewer than all: only the providers read (and any monitored setting's)
    // are looked up, though every main fostering agency is needed to know
    // which agencies are main.
    let providers = match which {
        Which::All => None,
        Which::Provider(p) => Some(vec![p]),
        Which::Setting(s) => {
            let mut stmt = conn.prepare_cached("SELECT provider_id FROM settings WHERE id = ?1")?;
            Some(stmt.query_map([s], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?)
        }
    }
    .map(|mut p| {
        p.extend(owing.iter().map(|o| o.provider_id));
        p.sort_unstable();
        p.dedup();
        p
    });
    if which != Which::All {
        let mut stmt = conn.prepare_cached(FOSTERING)?;
        let agencies = stmt.query_map([today], |r| {
            Ok(Owing {
                setting_id: r.get(0)?,
                provider_id: r.get(1)?,
                kind: SettingKind::FosteringAgency,
                opened_on: r.get(2)?,
                children: r.get(3)?,
            })
        })?;
        for a in agencies {
            let a = a?;
            if !owing.iter().any(|o| o.setting_id == a.setting_id) {
                owing.push(a);
            }
        }
    }
    schedule(conn, policy, today, &owing, &returns::shown(today, FACT_PERIODS), providers.as_deref())
}

/// The returns owed, found by whom they are owed: a setting (its own) or a
/// provider (for its settings of a kind).
pub(super) struct DuesBy<'a> {
    setting: HashMap<i64, Vec<&'a Due>>,
    provider: HashMap<i64, Vec<&'a Due>>,
}

impl<'a> DuesBy<'a> {
    pub(super) fn new(dues: &'a [Due]) -> DuesBy<'a> {
        let mut by = DuesBy { setting: HashMap::new(), provider: HashMap::new() };
        for d in dues {
            match d.setting_id {
                Some(id) => by.setting.entry(id).or_default().push(d),
                None => by.provider.entry(d.provider_id).or_default().push(d),
            }
        }
        by
    }

    /// The returns a drafted setting owes: its own, and its provider's of
    /// its kind for periods it was open by, while it is monitored.
    pub(super) fn facts_of(&self, draft: &Draft) -> Vec<ReturnOwed> {
        let s = &draft.summary().setting;
        if !draft.is_monitored() {
            return Vec::new();
        }
        let own = self.setting.get(&s.id).into_iter().flatten();
        let providers = self
            .provider
            .get(&s.value.provider_id)
            .into_iter()
            .flatten()
            .filter(|d| d.kind.owed_by(s.value.kind) && s.value.opened_on.is_none_or(|o| o <= d.period.last_day()));
        own.chain(providers)
            .map(|d| ReturnOwed {
                what: format!("{} for {}", d.kind.label().to_lowercase(), d.period.label()),
                due: d.due,
                received: d.received_on,
            })
            .collect()
    }
}

impl Store {
    /// Every return owed for the periods `shown`, with those received.
    pub fn returns_due(&self, policy: &Policy, today: NaiveDate, shown: &[Period]) -> Result<Vec<DueRow>, StoreError> {
        let rows = monitoring::shared(self, policy, today)?;
        let owing = owing_rows(&rows);
        let due = schedule(&self.conn, policy, today, &owing, shown, None)?;
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
