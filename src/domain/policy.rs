//! The policy: every number the rules use, loaded from `data/policy.toml` or
//! a file the council gives with `--policy`, and checked before use.

use serde::Deserialize;
use std::path::Path;

/// The defaults, compiled in.
pub const DEFAULT: &str = include_str!("../../data/policy.toml");

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub home_authority: String,
    pub tiers: Tiers,
    pub triggers: Triggers,
    pub reg44: Reg44,
    pub contracts: Contracts,
    pub stops: Stops,
    pub returns: Returns,
    pub score: Score,
    pub needs: Needs,
    pub market: Market,
    pub decommissioning: Decommissioning,
    pub notifications: Notifications,
    pub unregistered: UnregisteredPolicy,
    pub groups: Groups,
}

/// Provider groups (see `domain::group`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Groups {
    /// One ultimate owner's share of our children placed (percent) above
    /// which the market is too concentrated.
    pub concentration_percent: u32,
}

/// How often unregistered placements are reviewed (see `domain::unregistered`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnregisteredPolicy {
    pub review_days: u32,
}

/// The tier rules of Regulation 40 notifications (see `domain::notification`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notifications {
    /// A death or an allegation against staff gives tier 1 for this many
    /// days from the day it was notified.
    pub grave_days: u32,
    /// More than this many police incidents within `police_window_days`
    /// give tier 2.
    pub police_incidents: u32,
    pub police_window_days: u32,
}

/// The decommissioning protocol's days (see `domain::decommission`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decommissioning {
    /// A fall below Good learned of longer ago than this opens no review.
    pub opens_within_days: u32,
    /// Days from opening by which each step is due.
    pub notify_days: u32,
    pub visit_days: u32,
    pub review_days: u32,
    pub decide_days: u32,
}

/// The market measures' numbers (see `domain::market`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Market {
    /// The council's region: settings elsewhere are outside it.
    pub home_region: String,
    /// The share of placements bought spot aimed at, at most (percent).
    pub spot_target_percent: u32,
    /// How many of the dearest placements are averaged.
    pub dearest: u32,
    /// From how many miles away a placement counts as far.
    pub far_miles: u32,
}

/// The scale each Valuing Care indicator is scored on (see `domain::needs`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Needs {
    /// The words for each score from 0 up.
    pub scale: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tiers {
    pub intensive_days: u32,
    pub enhanced_days: u32,
    pub standard_days: u32,
    pub light_days: u32,
    pub intensive_response_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Triggers {
    pub reg44_missing_months: u32,
    pub serious_finding_days: u32,
    pub low_value_pounds: u64,
    /// Returns missing (due in the last year) that put a setting in tier 2; 0: never.
    pub returns_missing: u32,
    /// Returns received late in the last year that put a setting in tier 2; 0: never.
    pub returns_late: u32,
    /// Points a setting's quality score falls between the last two quarter
    /// ends that put it in tier 2; 0: never.
    pub score_fall_points: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reg44 {
    pub due_day: u32,
    pub rising_percent: u32,
    pub rising_min_episodes: u32,
    pub recurring_reports: u32,
    pub recurring_window: u32,
    pub compliance_window_months: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contracts {
    pub register_threshold_pounds: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stops {
    pub notify_authorities: Vec<String>,
    pub review_after_days: u16,
}

/// The returns providers owe (see `domain::returns`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Returns {
    pub quarterly_due_days: u32,
    pub self_assessment_due_month: u32,
    pub main_fostering_agencies: u32,
    /// The contract types through which a provider owes each return.
    pub self_assessment_contracts: Vec<String>,
    pub supported_contracts: Vec<String>,
    pub fostering_contracts: Vec<String>,
}

/// The weights of the quality score's components (see `domain::score`); 0
/// leaves one out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub ofsted: u32,
    pub trend: u32,
    pub reg44: u32,
    pub findings: u32,
    pub visits: u32,
    pub returns: u32,
    pub feedback: u32,
    pub plans: u32,
    pub stops: u32,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy::parse(DEFAULT).expect("the built-in policy is valid (checked by a test)")
    }
}

impl Policy {
    /// Reads and checks a policy file; the message names the file and the key.
    pub fn load(path: &Path) -> Result<Policy, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read policy file {}: {e}", path.display()))?;
        Policy::parse(&text).map_err(|e| format!("policy file {}: {e}", path.display()))
    }

    /// Parses policy text over the defaults: keys left out keep their default.
    pub fn parse(text: &str) -> Result<Policy, String> {
        let mut merged: toml::Table = toml::from_str(DEFAULT).map_err(|e| e.to_string())?;
        let given: toml::Table = toml::from_str(text).map_err(|e| located(text, &e, false))?;
        merge(&mut merged, given);
        // Round-trip through text so a type error comes back with a position
        // we can turn into the key's name.
        let merged = toml::to_string(&merged).map_err(|e| e.to_string())?;
        let policy: Policy = toml::from_str(&merged).map_err(|e| located(&merged, &e, true))?;
        policy.check()?;
        Ok(policy)
    }

    fn check(&self) -> Result<(), String> {
        let (t, g, r) = (&self.tiers, &self.triggers, &self.reg44);
        let n = &self.returns;
        let sc = &self.score;
        let d = &self.decommissioning;
        let ranges: [(&str, u32, u32, u32); 41] = [
            ("tiers.intensive_days", t.intensive_days, 1, 3650),
            ("tiers.enhanced_days", t.enhanced_days, 1, 3650),
            ("tiers.standard_days", t.standard_days, 1, 3650),
            ("tiers.light_days", t.light_days, 1, 3650),
            ("tiers.intensive_response_days", t.intensive_response_days, 0, 365),
            ("triggers.reg44_missing_months", g.reg44_missing_months, 1, 24),
            ("triggers.serious_finding_days", g.serious_finding_days, 1, 3650),
            ("triggers.returns_missing", g.returns_missing, 0, 100),
            ("triggers.returns_late", g.returns_late, 0, 100),
            ("triggers.score_fall_points", g.score_fall_points, 0, 100),
            ("market.spot_target_percent", self.market.spot_target_percent, 0, 100),
            ("market.dearest", self.market.dearest, 1, 1000),
            ("market.far_miles", self.market.far_miles, 1, 1000),
            ("decommissioning.opens_within_days", d.opens_within_days, 1, 3650),
            ("decommissioning.notify_days", d.notify_days, 0, 365),
            ("decommissioning.visit_days", d.visit_days, 0, 365),
            ("decommissioning.review_days", d.review_days, 0, 365),
            ("decommissioning.decide_days", d.decide_days, 0, 365),
            ("notifications.grave_days", self.notifications.grave_days, 1, 3650),
            ("notifications.police_incidents", self.notifications.police_incidents, 0, 100),
            ("notifications.police_window_days", self.notifications.police_window_days, 1, 3650),
            ("unregistered.review_days", self.unregistered.review_days, 1, 90),
            ("groups.concentration_percent", self.groups.concentration_percent, 1, 100),
            ("reg44.due_day", r.due_day, 1, 28),
            ("reg44.rising_percent", r.rising_percent, 1, 1000),
            ("reg44.rising_min_episodes", r.rising_min_episodes, 0, 1000),
            ("reg44.recurring_window", r.recurring_window, 1, 36),
            ("reg44.recurring_reports", r.recurring_reports, 1, r.recurring_window),
            ("reg44.compliance_window_months", r.compliance_window_months, 1, 120),
            ("returns.quarterly_due_days", n.quarterly_due_days, 0, 365),
            ("returns.self_assessment_due_month", n.self_assessment_due_month, 1, 12),
            ("returns.main_fostering_agencies", n.main_fostering_agencies, 0, 100),
            ("score.ofsted", sc.ofsted, 0, 100),
            ("score.trend", sc.trend, 0, 100),
            ("score.reg44", sc.reg44, 0, 100),
            ("score.findings", sc.findings, 0, 100),
            ("score.visits", sc.visits, 0, 100),
            ("score.returns", sc.returns, 0, 100),
            ("score.feedback", sc.feedback, 0, 100),
            ("score.plans", sc.plans, 0, 100),
            ("score.stops", sc.stops, 0, 100),
        ];
        for (key, value, low, high) in ranges {
            if !(low..=high).contains(&value) {
                return Err(format!("{key} = {value}: must be between {low} and {high}"));
            }
        }
        let ordered = [
            ("tiers.enhanced_days", t.enhanced_days, "tiers.intensive_days", t.intensive_days),
            ("tiers.standard_days", t.standard_days, "tiers.enhanced_days", t.enhanced_days),
            ("tiers.light_days", t.light_days, "tiers.standard_days", t.standard_days),
        ];
        for (key, value, below, lower) in ordered {
            if value < lower {
                return Err(format!("{key} = {value}: must not be shorter than {below} ({lower})"));
            }
        }
        let scale = self.needs.scale.len();
        if !(2..=usize::from(crate::domain::needs::MOST) + 1).contains(&scale) {
            return Err(format!("needs.scale: {scale} words; a scale needs 2 to {}", crate::domain::needs::MOST + 1));
        }
        let contract_lists = [
            ("returns.self_assessment_contracts", &n.self_assessment_contracts),
            ("returns.supported_contracts", &n.supported_contracts),
            ("returns.fostering_contracts", &n.fostering_contracts),
        ];
        for (key, types) in contract_lists {
            use super::code::Code;
            if let Some(bad) = types.iter().find(|t| super::contract::ContractType::from_code(t).is_none()) {
                return Err(format!("{key}: {bad:?} is not a contract type (block, framework, spot, dps)"));
            }
        }
        if self.home_authority.trim().is_empty() {
            return Err("home_authority: must name the council's own area".into());
        }
        Ok(())
    }
}

/// The error's message, prefixed by where it is: the dotted key when `by_key`
/// (the text is our own re-serialisation), else the line of the user's file.
fn located(text: &str, err: &toml::de::Error, by_key: bool) -> String {
    let message = err.message().trim();
    let Some(span) = err.span() else {
        return message.to_string();
    };
    let before = &text[..span.start.min(text.len())];
    if !by_key {
        return format!("line {}: {message}", before.matches('\n').count() + 1);
    }
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let key = text[line_start..].split('=').next().unwrap_or("").trim();
    let table = before.lines().rev().find_map(|l| l.trim().strip_prefix('[').and_then(|l| l.strip_suffix(']')));
    match (table, key.is_empty() || key.starts_with('[')) {
        (Some(table), false) => format!("{table}.{key}: {message}"),
        (None, false) => format!("{key}: {message}"),
        (Some(table), true) => format!("[{table}]: {message}"),
        (None, true) => message.to_string(),
    }
}

/// Overlays `given` on `base`, table by table.
fn merge(base: &mut toml::Table, given: toml::Table) {
    for (key, value) in given {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(g)) => merge(b, g),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_holds_domain_md_numbers() {
        let p = Policy::default();
        assert_eq!(
            (p.tiers.intensive_days, p.tiers.enhanced_days, p.tiers.standard_days, p.tiers.light_days),
            (28, 42, 91, 182)
        );
        assert_eq!(p.tiers.intensive_response_days, 14);
        assert_eq!(p.reg44.due_day, 10);
        assert_eq!(p.stops.notify_authorities.len(), 14);
    }

    #[test]
    fn a_partial_file_overrides_only_what_it_names() {
        let p = Policy::parse("[tiers]\nstandard_days = 84\n").unwrap();
        assert_eq!(p.tiers.standard_days, 84);
        assert_eq!(p.tiers.light_days, 182);
    }

    #[test]
    fn bad_policies_name_the_key_and_the_problem() {
        let cases = [
            ("[tiers]\nstandard_days = 0\n", "tiers.standard_days = 0: must be between 1 and 3650"),
            (
                "[tiers]\nenhanced_days = 20\n",
                "tiers.enhanced_days = 20: must not be shorter than tiers.intensive_days (28)",
            ),
            ("[reg44]\ndue_day = 31\n", "reg44.due_day = 31: must be between 1 and 28"),
            ("[reg44]\nrecurring_reports = 9\n", "reg44.recurring_reports = 9: must be between 1 and 6"),
            ("[tiers]\nstandard_days = \"ninety\"\n", "tiers.standard_days: invalid type: string \"ninety\""),
            ("[tiers]\nstandard_days = -5\n", "tiers.standard_days: invalid value"),
            ("[tiers]\nweekly = 7\n", "tiers.weekly: unknown field `weekly`"),
            ("\n[tiers\n", "line 2: unclosed table"),
            ("[stops]\nnotify_authorities = \"Dudley\"\n", "stops.notify_authorities: invalid type"),
            ("home_authority = \" \"\n", "home_authority: must name"),
        ];
        for (text, want) in cases {
            let err = Policy::parse(text).unwrap_err();
            assert!(err.contains(want), "{text:?} gave {err:?}");
        }
    }

    #[test]
    fn load_names_the_file() {
        let err = Policy::load(Path::new("/nonexistent/policy.toml")).unwrap_err();
        assert!(err.starts_with("cannot read policy file /nonexistent/policy.toml"), "{err}");
    }
}
