//! Provider groups: a provider can belong to a group, and a group to a
//! parent, up to an ultimate owner (most places belong to groups, often
//! private-equity owned; the CMA found high profits, debt and a risk of
//! disorderly failure). Per group, rolled up over the groups beneath it:
//! its settings and their judgements together, the children we place with
//! it, the weekly spend, its share of all our placements and spend, and the
//! settings short of Good (two or more raise a group concern); and its
//! financial watch: the latest accounts, market oversight, any warning of
//! failure. Our largest ultimate owner's share is the concentration.

use super::code::code_enum;
use super::money::Pence;
use super::rating::{Judgement, Severity};
use super::{Invalid, Validate, check_text, percent};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

code_enum!(
    /// Who owns a group.
    pub enum OwnerKind {
        PrivateEquity => ("private_equity", "Private equity"),
        Private => ("private", "Private"),
        Charity => ("charity", "Charity"),
        Public => ("public", "Public"),
    }
);

/// Settings short of Good that raise a group concern.
pub const CONCERN_AT: u32 = 2;

/// A group of providers, or a company owning groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    /// The group that owns it; none for an ultimate owner.
    pub parent_id: Option<i64>,
    /// Companies House number: eight characters, digits or two letters and six digits.
    pub companies_house: String,
    pub owner_kind: OwnerKind,
    /// Under the market oversight regime for strategically significant groups.
    pub market_oversight: bool,
    /// A warning of failure: its day and what it said.
    pub warning_on: Option<NaiveDate>,
    pub warning: String,
}

/// Whether `number` is a Companies House number: eight digits, or two
/// capital letters (SC, NI, OC, …) and six digits.
pub fn is_company_number(number: &str) -> bool {
    let b = number.as_bytes();
    b.len() == 8
        && b[2..].iter().all(u8::is_ascii_digit)
        && (b[..2].iter().all(u8::is_ascii_digit) || b[..2].iter().all(u8::is_ascii_uppercase))
}

impl Validate for Group {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> =
            [check_text("name", &self.name, true, 200), check_text("warning", &self.warning, false, 1000)]
                .into_iter()
                .flatten()
                .collect();
        if !self.companies_house.is_empty() && !is_company_number(&self.companies_house) {
            out.push(Invalid::new(
                "Companies House",
                "eight characters: digits (01234567), or two capital letters and six digits (SC123456)",
            ));
        }
        match (self.warning_on, self.warning.trim().is_empty()) {
            (Some(on), _) if on > today => out.push(Invalid::new("warned on", format!("is after today ({today})"))),
            (None, false) => out.push(Invalid::new("warned on", "give the day of the warning")),
            (Some(_), true) => out.push(Invalid::new("warning", "say what the warning was")),
            _ => {}
        }
        out
    }
}

/// A provider in a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub provider_id: i64,
    pub group_id: i64,
}

impl Validate for Membership {
    fn problems(&self, _today: NaiveDate) -> Vec<Invalid> {
        Vec::new()
    }
}

/// A group's accounts for a year, in whole pounds (profit and net assets
/// may be negative: a loss, net liabilities).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounts {
    pub group_id: i64,
    pub period_end: NaiveDate,
    pub turnover: i64,
    pub profit: i64,
    pub net_assets: i64,
    /// Where the figures came from ("filed accounts 2025").
    pub source: String,
}

impl Validate for Accounts {
    fn problems(&self, today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = check_text("source", &self.source, false, 200).into_iter().collect();
        if self.period_end > today {
            out.push(Invalid::new("period end", format!("is after today ({today}): record accounts once made up")));
        }
        if self.turnover < 0 {
            out.push(Invalid::new("turnover", "cannot be negative"));
        }
        out
    }
}

/// "£1,250,000", "−£340,000".
pub fn pounds(n: i64) -> String {
    let text = Pence::from_pounds(n.abs()).full();
    if n < 0 { format!("−{text}") } else { text }
}

/// Parses a sum in pounds that may be negative ("-340000", "−£340,000"),
/// also as Oversight's CSV writes it, marked as text ('-340000).
pub fn parse_pounds(text: &str) -> Result<i64, String> {
    let t = text.trim();
    let t = t.strip_prefix('\'').unwrap_or(t);
    let (negative, rest) = match t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let pence = Pence::parse(rest)?;
    if pence.0 % 100 != 0 {
        return Err("whole pounds, e.g. 1250000 or -340000".into());
    }
    Ok(if negative { -pence.0 / 100 } else { pence.0 / 100 })
}

/// The chain of owners above `group`, nearest first; `Err` with the chain
/// walked when it comes back on itself (an ownership loop).
pub fn owners(parents: &HashMap<i64, Option<i64>>, group: i64) -> Result<Vec<i64>, Vec<i64>> {
    let mut out = Vec::new();
    let mut at = group;
    while let Some(Some(parent)) = parents.get(&at) {
        if *parent == group || out.contains(parent) {
            out.push(*parent);
            return Err(out);
        }
        out.push(*parent);
        at = *parent;
    }
    Ok(out)
}

/// One setting, as the roll-ups read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub provider_id: i64,
    pub judgement: Option<Judgement>,
    pub children: u32,
    pub weekly: Pence,
}

/// A group's settings, children and spend, with those of the groups beneath it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Rollup {
    pub providers: u32,
    pub settings: u32,
    /// Settings by judgement: Outstanding, Good, Requires improvement,
    /// Inadequate, not yet judged.
    pub by_judgement: [u32; 5],
    pub children: u32,
    pub weekly: Pence,
    /// Shares of all our placements and spend, in percent.
    pub share_of_children: Option<u32>,
    pub share_of_spend: Option<u32>,
}

impl Rollup {
    /// Settings judged Requires improvement or Inadequate.
    pub fn short_of_good(&self) -> u32 {
        self.by_judgement[2] + self.by_judgement[3]
    }

    /// Two or more settings short of Good: a group concern.
    pub fn concern(&self) -> bool {
        self.short_of_good() >= CONCERN_AT
    }
}

/// Each group's roll-up: its members' settings and those of every group
/// whose chain of owners reaches it. Groups in a loop roll up nothing above.
pub fn rollups(
    parents: &HashMap<i64, Option<i64>>,
    members: &HashMap<i64, i64>,
    held: &[Held],
) -> HashMap<i64, Rollup> {
    let total_children: u32 = held.iter().map(|h| h.children).sum();
    let total_spend: i64 = held.iter().map(|h| h.weekly.0).sum();
    let mut out: HashMap<i64, Rollup> = parents.keys().map(|g| (*g, Rollup::default())).collect();
    let mut providers: HashMap<i64, std::collections::HashSet<i64>> = HashMap::new();
    for h in held {
        let Some(group) = members.get(&h.provider_id) else { continue };
        let chain = std::iter::once(*group).chain(owners(parents, *group).unwrap_or_default());
        for g in chain {
            let Some(r) = out.get_mut(&g) else { continue };
            providers.entry(g).or_default().insert(h.provider_id);
            r.settings += 1;
            let at = match h.judgement.map(Judgement::severity) {
                Some(Severity::Outstanding) => 0,
                Some(Severity::Good) => 1,
                Some(Severity::RequiresImprovement) => 2,
                Some(Severity::Inadequate) => 3,
                None => 4,
            };
            r.by_judgement[at] += 1;
            r.children += h.children;
            r.weekly = Pence(r.weekly.0 + h.weekly.0);
        }
    }
    for (g, r) in &mut out {
        r.providers = providers.get(g).map_or(0, |p| p.len() as u32);
        r.share_of_children = percent(r.children, total_children);
        r.share_of_spend = (total_spend > 0).then(|| ((r.weekly.0 as f64 / total_spend as f64) * 100.0).round() as u32);
    }
    out
}

/// The ultimate owner (no parent) with the largest share of our children
/// placed, and that share.
pub fn concentration(parents: &HashMap<i64, Option<i64>>, rollups: &HashMap<i64, Rollup>) -> Option<(i64, u32)> {
    rollups
        .iter()
        .filter(|(g, _)| parents.get(g).is_some_and(Option::is_none))
        .filter_map(|(g, r)| r.share_of_children.map(|s| (*g, s)))
        .max_by_key(|(g, s)| (*s, std::cmp::Reverse(*g)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(provider_id: i64, judgement: Option<Judgement>, children: u32, weekly: i64) -> Held {
        Held { provider_id, judgement, children, weekly: Pence::from_pounds(weekly) }
    }

    #[test]
    fn an_ownership_loop_is_found_with_its_chain() {
        // 3 is owned by 2, 2 by 1, 1 by nobody.
        let mut parents: HashMap<i64, Option<i64>> = HashMap::from([(1, None), (2, Some(1)), (3, Some(2))]);
        assert_eq!(owners(&parents, 3), Ok(vec![2, 1]));
        assert_eq!(owners(&parents, 1), Ok(vec![]));
        // 1 owned by 3 closes the loop.
        parents.insert(1, Some(3));
        assert_eq!(owners(&parents, 1), Err(vec![3, 2, 1]));
        assert_eq!(owners(&HashMap::from([(5, Some(5))]), 5), Err(vec![5]), "owning itself");
    }

    #[test]
    fn rollups_add_the_groups_beneath_and_shares_of_the_whole() {
        // Owner 1 holds group 2 (providers 10, 11); group 3 (provider 12) stands alone; provider 13 in none.
        let parents = HashMap::from([(1, None), (2, Some(1)), (3, None)]);
        let members = HashMap::from([(10, 2), (11, 2), (12, 3)]);
        let settings = [
            held(10, Some(Judgement::Good), 3, 12_000),
            held(10, Some(Judgement::Inadequate), 2, 9_000),
            held(11, Some(Judgement::RequiresImprovement), 1, 5_000),
            held(12, Some(Judgement::Outstanding), 2, 8_000),
            held(13, None, 2, 6_000),
        ];
        let r = rollups(&parents, &members, &settings);
        // By hand: group 2 has 3 settings, 6 of 10 children, £26,000 of £40,000.
        let g2 = &r[&2];
        assert_eq!((g2.providers, g2.settings, g2.children, g2.weekly), (2, 3, 6, Pence::from_pounds(26_000)));
        assert_eq!(g2.by_judgement, [0, 1, 1, 1, 0]);
        assert_eq!((g2.share_of_children, g2.share_of_spend), (Some(60), Some(65)));
        assert_eq!(g2.short_of_good(), 2);
        assert!(g2.concern(), "two settings short of Good");
        assert_eq!(r[&1], Rollup { ..g2.clone() }, "the owner holds what its group holds");
        assert!(!r[&3].concern());
        assert_eq!(r[&3].share_of_children, Some(20));
        // The largest ultimate owner: 1, with 60%.
        assert_eq!(concentration(&parents, &r), Some((1, 60)));
    }

    #[test]
    fn companies_house_numbers_and_signed_pounds() {
        assert!(is_company_number("01234567") && is_company_number("SC123456"));
        assert!(!is_company_number("1234567") && !is_company_number("sc123456") && !is_company_number("SC12345X"));
        assert_eq!(parse_pounds("-340,000"), Ok(-340_000));
        assert_eq!(parse_pounds("'-340000"), Ok(-340_000), "as an export escapes it");
        assert_eq!(parse_pounds("£1,250,000"), Ok(1_250_000));
        assert!(parse_pounds("12.50").is_err());
        assert_eq!(pounds(-340_000), "−£340,000");
    }

    #[test]
    fn a_warning_needs_its_day_and_words() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let g = Group {
            name: "Summit Care Holdings".into(),
            parent_id: None,
            companies_house: "12345678".into(),
            owner_kind: OwnerKind::PrivateEquity,
            market_oversight: true,
            warning_on: None,
            warning: "Lenders' covenant breached".into(),
        };
        assert_eq!(g.problems(today)[0].field, "warned on");
        let bad = Group { companies_house: "123".into(), warning: String::new(), ..g };
        assert_eq!(bad.problems(today)[0].field, "Companies House");
    }
}
