//! Provider groups: a large private-equity owned group (Evergreen Care
//! Holdings, owned by Summit Capital Partners) holding every third provider,
//! under market oversight, with three years' accounts showing debt; three
//! smaller groups, one a charity and one warned of failure; the rest
//! independent. Evergreen's group concern carries a group plan.

use super::*;
use crate::domain::group::{Accounts, Group, Membership, OwnerKind};

/// (name, owner's index in this list, Companies House, kind, market oversight, warning days back and words)
type GroupSpec = (&'static str, Option<usize>, &'static str, OwnerKind, bool, Option<(i64, &'static str)>);

const GROUPS: [GroupSpec; 5] = [
    ("Summit Capital Partners LLP", None, "OC412345", OwnerKind::PrivateEquity, false, None),
    ("Evergreen Care Holdings Ltd", Some(0), "11234567", OwnerKind::PrivateEquity, true, None),
    ("Hearthstone Group Ltd", None, "09876543", OwnerKind::Private, false, None),
    ("Children First Trust", None, "04567890", OwnerKind::Charity, false, None),
    (
        "Northway Care Group Ltd",
        None,
        "08123456",
        OwnerKind::Private,
        false,
        Some((60, "Auditor's material uncertainty on going concern in the filed accounts")),
    ),
];

/// (group index, year end months back, turnover, profit, net assets), in pounds.
const ACCOUNTS: [(usize, i64, i64, i64, i64); 7] = [
    (1, 8, 498_000_000, 31_000_000, -86_000_000),
    (1, 20, 455_000_000, 27_500_000, -61_000_000),
    (1, 32, 412_000_000, 24_000_000, -38_000_000),
    (2, 8, 41_200_000, 3_900_000, 12_400_000),
    (3, 8, 18_600_000, 250_000, 6_100_000),
    (4, 8, 22_800_000, -1_900_000, -2_300_000),
    (4, 20, 24_100_000, -600_000, 400_000),
];

impl Generator<'_> {
    /// The groups, their members and accounts; how many groups.
    pub(super) fn groups(&mut self, tx: &rusqlite::Connection, provider_ids: &[i64]) -> Result<usize, StoreError> {
        let mut ids: Vec<i64> = Vec::new();
        for (name, owner, number, kind, oversight, warning) in GROUPS {
            let group = Group {
                name: name.into(),
                parent_id: owner.map(|o| ids[o]),
                companies_house: number.into(),
                owner_kind: kind,
                market_oversight: oversight,
                warning_on: warning.map(|(back, _)| add_days(self.today, -back)),
                warning: warning.map_or("", |w| w.1).into(),
            };
            ids.push(insert_unaudited(tx, &group)?);
        }
        // Every third provider to Evergreen; then three, two and three more to the others.
        for (n, provider_id) in provider_ids.iter().enumerate() {
            let group = match n {
                n if n % 3 == 0 => Some(1),
                1 | 4 | 7 | 10 => Some(2),
                2 | 5 => Some(3),
                8 | 11 | 13 => Some(4),
                _ => None,
            };
            if let Some(g) = group {
                insert_unaudited(tx, &Membership { provider_id: *provider_id, group_id: ids[g] })?;
            }
        }
        for (g, back, turnover, profit, net_assets) in ACCOUNTS {
            let year_end = Month::of(self.today).back(back as usize + 1)[0].last_day();
            let accounts = Accounts {
                group_id: ids[g],
                period_end: year_end,
                turnover,
                profit,
                net_assets,
                source: format!("filed accounts to {year_end}"),
            };
            insert_unaudited(tx, &accounts)?;
        }
        // Evergreen's settings short of Good raise a group concern: its plan,
        // addressed to its first provider, is back with us.
        if let Some(&provider_id) = provider_ids.first() {
            let plan = Plan {
                setting_id: None,
                provider_id,
                title: "Group-wide: safer recruitment and managers' oversight across its homes".into(),
                source: PlanSource::Group,
                source_id: Some(ids[1]),
                requested_on: add_days(self.today, -28),
                due_back: add_days(self.today, -14),
                status: PlanStatus::Received,
                status_on: add_days(self.today, -16),
            };
            let plan_id = insert_unaudited(tx, &plan)?;
            // Not drawn at random, so the demo after it stays as it was.
            let officer = self.words.officers[0].clone();
            self.plan_history(tx, plan_id, &plan, &officer)?;
        }
        Ok(ids.len())
    }
}
