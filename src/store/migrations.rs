//! Schema versions, applied in order by rusqlite_migration. Never edit a
//! migration that has shipped: add a new one.

use rusqlite_migration::{M, Migrations};

const V1_REGISTER: &str = include_str!("migrations/v01_register.sql");

const V2_MONITORING: &str = include_str!("migrations/v02_monitoring.sql");

const V3_REG44: &str = include_str!("migrations/v03_reg44.sql");

const V4_ACTIONS: &str = include_str!("migrations/v04_actions.sql");

const V5_BOARD: &str = include_str!("migrations/v05_board.sql");

const V6_ALERTS: &str = include_str!("migrations/v06_alerts.sql");

const V7_REPORT_FACTS: &str = include_str!("migrations/v07_report_facts.sql");

/// Kept copies of derived figures (see `store::kept`), and the data stamp
/// that says whether a copy is still true: every change to a data table, by
/// Oversight or anything else, moves it on.
const V8_KEPT: &str = include_str!("migrations/v08_kept.sql");

/// Ofsted's judgements over the years: the headline under the framework it
/// was made under, the old framework's judgements beside SCCIF's, the old
/// third grade's words (Adequate, Satisfactory) kept as published; and for
/// each setting the date of the Ofsted file its details were last taken
/// from, so that an older file adds history without undoing newer facts.
/// SCCIF's headline was kept in two columns (overall, experiences): one now.
const V9_JUDGEMENTS_OVER_THE_YEARS: &str = include_str!("migrations/v09_judgements_over_the_years.sql");

/// A registered manager's vacancy recorded with the day the council learned
/// of it (rather than read from a blank name, which may only mean "not
/// known", as for settings an Ofsted import created). Homes entered by the
/// council with no manager named keep their vacancy, dated from when their
/// monitoring began or they opened where either is known.
const V10_MANAGER_VACANCY: &str = include_str!("migrations/v10_manager_vacancy.sql");

/// The returns providers owe: one row per return received, its kind's
/// fields filled and the others left empty (domain/returns.rs).
const V11_RETURNS: &str = include_str!("migrations/v11_returns.sql");

/// Practitioners' ratings of the main fostering agencies, one per child
/// placed, by quarter (domain/feedback.rs).
const V12_FEEDBACK: &str = include_str!("migrations/v12_feedback.sql");

/// The Supported Accommodation Resources Panel: each young person brought
/// to a month's panel, the package agreed, the outcome heard later.
const V13_PANEL: &str = include_str!("migrations/v13_panel.sql");

/// Which returns a contract asks of its provider: as the policy says for its
/// type unless set otherwise.
const V14_CONTRACT_RETURNS: &str = include_str!("migrations/v14_contract_returns.sql");

/// Placed children's needs on the Valuing Care tool: twelve scores, as text.
const V15_NEEDS: &str = include_str!("migrations/v15_needs.sql");

/// SMART outcomes agreed for placed children, each with its payment.
const V16_OUTCOMES: &str = include_str!("migrations/v16_outcomes.sql");

/// A contract's no-fault termination clause (its notice in months, blank
/// for none), the day notice was given, and an outcome-based contract's
/// payments by stage ("£500; £1,000").
const V17_CONTRACT_TERMS: &str = include_str!("migrations/v17_contract_terms.sql");

/// Decommissioning reviews (domain/decommission.rs): one per judgement that
/// took a home with children placed below Good, its four steps as columns.
const V18_DECOMMISSIONING: &str = include_str!("migrations/v18_decommissioning.sql");

/// Regulation 40 notifications (domain/notification.rs), by setting and day.
const V19_NOTIFICATIONS: &str = include_str!("migrations/v19_notifications.sql");

/// Unregistered placements (domain/unregistered.rs) and their reviews.
const V20_UNREGISTERED: &str = include_str!("migrations/v20_unregistered.sql");

/// Provider groups (domain/group.rs), who belongs to them, their accounts.
const V21_GROUPS: &str = include_str!("migrations/v21_groups.sql");

/// A plan may answer a group concern (source 'group', its id the group's):
/// the plans table rebuilt to widen its source check.
const V22_GROUP_PLANS: &str = include_str!("migrations/v22_group_plans.sql");

/// A provider's returns by provider, for a setting or provider read alone.
const V23_RETURNS_BY_PROVIDER: &str = include_str!("migrations/v23_returns_by_provider.sql");

/// Every migration, oldest first. The schema version is its length.
const STEPS: &[M<'static>] = &[
    M::up(V1_REGISTER).foreign_key_check(),
    M::up(V2_MONITORING).foreign_key_check(),
    M::up(V3_REG44).foreign_key_check(),
    M::up(V4_ACTIONS).foreign_key_check(),
    M::up(V5_BOARD).foreign_key_check(),
    M::up(V6_ALERTS).foreign_key_check(),
    M::up(V7_REPORT_FACTS).foreign_key_check(),
    M::up(V8_KEPT),
    M::up(V9_JUDGEMENTS_OVER_THE_YEARS).foreign_key_check(),
    M::up(V10_MANAGER_VACANCY),
    M::up(V11_RETURNS).foreign_key_check(),
    M::up(V12_FEEDBACK).foreign_key_check(),
    M::up(V13_PANEL).foreign_key_check(),
    M::up(V14_CONTRACT_RETURNS),
    M::up(V15_NEEDS).foreign_key_check(),
    M::up(V16_OUTCOMES).foreign_key_check(),
    M::up(V17_CONTRACT_TERMS),
    M::up(V18_DECOMMISSIONING).foreign_key_check(),
    M::up(V19_NOTIFICATIONS).foreign_key_check(),
    M::up(V20_UNREGISTERED).foreign_key_check(),
    M::up(V21_GROUPS).foreign_key_check(),
    M::up(V22_GROUP_PLANS).foreign_key_check(),
    M::up(V23_RETURNS_BY_PROVIDER),
];

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
}

/// The schema version this binary writes.
pub const LATEST: i64 = STEPS.len() as i64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }
}
