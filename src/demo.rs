//! A deterministic, fictional dataset for trying Oversight out and for tests:
//! the same scale and seed always give the same records. Dates are placed
//! relative to `today`, so the data always looks current.

mod cases;
mod decommission;
mod estate;
mod evidence;
mod groups;
mod history;
mod needs;
mod notifications;
pub mod ofsted;
mod unregistered;
mod words;

use words::{Area, Line, WORDS, Words};

use crate::domain::code::Code;
use crate::domain::concern::{
    Concern, ConcernCategory, ConcernSeverity, ConcernSource, ConcernStatus, StrategyMeeting,
};
use crate::domain::contract::{Contract, ContractType, PaymentSchedule, ReturnsOwed, USUAL_NOTICE_MONTHS};
use crate::domain::date::Month;
use crate::domain::date::add_days;
use crate::domain::inspection::{Inspection, InspectionKind};
use crate::domain::money::Pence;
use crate::domain::placement::{ChildRef, Placement};
use crate::domain::plan::{ActionStatus, Plan, PlanAction, PlanEvent, PlanSource, PlanStatus};
use crate::domain::provider::Provider;
use crate::domain::rating::{Judgement, Severity};
use crate::domain::reg44::{Finding, FindingSeverity, FindingStatus, Opinion, Reg44Report, Standard};
use crate::domain::setting::{Setting, SettingKind, Urn};
use crate::domain::stop::{PlacementReview, PlacementStop, ReviewOutcome, StopOutcome};
use crate::domain::tier::{Enforcement, LowRiskBasis, Tier, TierOverride};
use crate::domain::visit::{Visit, VisitKind, VisitOutcome};
use crate::store::audit::{self, Action};
use crate::store::record::insert_unaudited;
use crate::store::{Store, StoreError};
use chrono::{Datelike, NaiveDate};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// How big a demo to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// About 8 providers and 16 settings: quick, for tests.
    Small,
    /// About 40 providers, 90 settings and 150 children placed.
    County,
    /// A regional hub's years: about 2,000 providers, 8,000 settings,
    /// 40,000 placements and five years of Reg 44 reports (for performance work).
    National,
}

struct Size {
    providers: usize,
    settings: usize,
    active_placements: usize,
    ended_placements: usize,
    /// Months of Reg 44 reports each home has sent.
    reg44_months: usize,
    /// Findings in a report: the most, and how often there are any (in tenths).
    findings: (usize, u32),
    /// Plans and stops beyond the named cases, spread across the settings.
    plans: usize,
    stops: usize,
    /// Of every 20 providers, how many (cumulatively) are residential,
    /// fostering and supported accommodation; the rest run schools.
    lines: [usize; 3],
    /// Days between desktop reviews of a monitored setting's returns, if kept.
    desktop_reviews: Option<i64>,
}

/// What a council's own demo has beyond its counts: two years of reports,
/// only the named cases' plans and stops, the usual mix of providers.
const COUNCIL: Size = Size {
    providers: 0,
    settings: 0,
    active_placements: 0,
    ended_placements: 0,
    reg44_months: 24,
    findings: (2, 4),
    plans: 0,
    stops: 0,
    lines: [11, 14, 18],
    desktop_reviews: None,
};

impl Scale {
    fn size(self) -> Size {
        match self {
            Scale::Small => Size { providers: 8, settings: 16, active_placements: 22, ended_placements: 6, ..COUNCIL },
            Scale::County => {
                Size { providers: 40, settings: 90, active_placements: 150, ended_placements: 50, ..COUNCIL }
            }
            Scale::National => Size {
                providers: 2_000,
                settings: 8_000,
                active_placements: 30_000,
                ended_placements: 10_000,
                reg44_months: 60,
                findings: (6, 10),
                plans: 20_000,
                stops: 500,
                // A hub buys mostly from children's homes, and keeps desktop
                // reviews of their returns between visits.
                lines: [17, 18, 19],
                desktop_reviews: Some(91),
            },
        }
    }
}

/// What `generate` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub scale: Scale,
    pub seed: u64,
    pub providers: usize,
    pub settings: usize,
    pub contracts: usize,
    pub inspections: usize,
    pub placements: usize,
    pub visits: usize,
    pub reg44_reports: usize,
    pub returns: usize,
    pub feedback: usize,
    pub needs: usize,
    pub outcomes: usize,
    pub decommissioning_reviews: usize,
    pub notifications: usize,
    pub unregistered: usize,
    pub groups: usize,
}

/// Writes a demo dataset into `store` in one transaction, with one audit row.
pub fn generate(store: &mut Store, scale: Scale, seed: u64) -> Result<Summary, StoreError> {
    generate_showing(store, scale, seed, &mut |_, _| {})
}

/// How many steps [`generate_showing`] reports.
pub const STEPS: usize = 17;

/// [`generate`], telling `progress` each step's number (of [`STEPS`]) and
/// what it writes, as it begins.
pub fn generate_showing(
    store: &mut Store,
    scale: Scale,
    seed: u64,
    progress: &mut dyn FnMut(usize, &str),
) -> Result<Summary, StoreError> {
    let words: Words = toml::from_str(WORDS).expect("data/demo.toml is valid (checked by a test)");
    store.write(|tx, user, today| {
        let mut g = Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            seed,
            today,
            words: &words,
            urns: HashSet::new(),
            events: 0,
            names: HashSet::new(),
            progress,
        };
        let summary = g.write_all(tx, scale, seed)?;
        audit::write(tx, user, Action::Generate, "database", None, None::<&()>, Some(&summary))?;
        Ok(summary)
    })
}

struct Generator<'w> {
    rng: ChaCha8Rng,
    seed: u64,
    today: NaiveDate,
    words: &'w Words,
    urns: HashSet<String>,
    names: HashSet<String>,
    /// Ofsted's event numbers given so far, eight digits as Ofsted's are.
    events: u32,
    progress: &'w mut dyn FnMut(usize, &str),
}

/// A setting as generated, with the facts later steps need.
struct Made {
    id: i64,
    provider: usize,
    setting: Setting,
    latest: Option<Judgement>,
    /// The latest full inspection's date.
    inspected: Option<NaiveDate>,
    children: u32,
    officer: String,
    /// One of the two real cases (docs/domain.md), played out in the data.
    case: Option<Case>,
}

/// The real cases the demo reproduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Case 2: an out-of-area home whose manager left and whose placed
    /// child's missing episodes are rising, seen in its Reg 44 reports.
    ManagerLeft,
    /// Case 1: an out-of-area supported accommodation provider whose files
    /// lacked paperwork; a stop is in force, its checklist under way.
    StopIssued,
}

/// The home in case 2.
pub const CASE_2_HOME: &str = "Ashdown House";

/// The provider in case 1.
pub const CASE_1_PROVIDER: &str = "Brookvale Supported Living Ltd";

impl<'w> Generator<'w> {
    fn write_all(&mut self, tx: &rusqlite::Connection, scale: Scale, seed: u64) -> Result<Summary, StoreError> {
        (self.progress)(1, "providers");
        let size = scale.size();
        let lines = self.provider_lines(size.providers, size.lines);
        let sizes = self.provider_sizes(&lines, size.settings);
        let mut provider_ids = Vec::new();
        let mut stems: Vec<&String> = self.words.provider_stems.iter().collect();
        stems.shuffle(&mut self.rng);
        // Case 1: the first supported accommodation provider with two to four schemes.
        let case_1 = lines.iter().zip(&sizes).position(|(l, s)| *l == Line::Supported && (2..=4).contains(s));
        let birmingham = self.words.areas.iter().find(|a| a.authority == "Birmingham");
        let mut taken = HashSet::new();
        for (i, line) in lines.iter().enumerate() {
            let suffix = self.pick(self.suffixes(*line));
            let stem = stems[i % stems.len()];
            // Names are unique; at national scale the words run out and are numbered.
            let mut name = format!("{stem} {suffix}");
            for k in 2.. {
                if taken.insert(name.to_lowercase()) {
                    break;
                }
                name = format!("{stem} {suffix} {k}");
            }
            let provider = Provider {
                name: if Some(i) == case_1 { CASE_1_PROVIDER.into() } else { name },
                contact: format!("{}, 01632 960{:03}", self.manager(), i),
                notes: String::new(),
                archived_on: None,
            };
            provider_ids.push(insert_unaudited(tx, &provider)?);
        }

        let mut made = Vec::new();
        for (p, (&line, &count)) in lines.iter().zip(&sizes).enumerate() {
            for n in 0..count {
                let mut setting = self.setting(provider_ids[p], line, n, stems[p % stems.len()]);
                if let Some(area) = birmingham.filter(|_| Some(p) == case_1) {
                    self.relocate(&mut setting, area, n);
                }
                let officer = self.pick(&self.words.officers);
                made.push(Made {
                    id: 0,
                    provider: p,
                    setting,
                    latest: None,
                    inspected: None,
                    children: 0,
                    officer,
                    case: (Some(p) == case_1).then_some(Case::StopIssued),
                });
            }
        }
        self.phase(2, "judgements");
        self.assign_latest_judgements(&mut made);
        mark_case_2(&mut made, self.today);
        mark_new_home(&mut made, self.today);

        let mut inspections = 0;
        self.phase(3, "inspection histories");
        let histories: Vec<Vec<Inspection>> = made.iter().map(|m| self.history(m)).collect();
        self.phase(4, "settings and inspections");
        for (m, history) in made.iter_mut().zip(histories) {
            m.inspected = history.iter().filter(|i| i.overall.is_some()).map(|i| i.date).max();
            self.monitoring_extras(m);
            m.id = insert_unaudited(tx, &m.setting)?;
            for mut inspection in history {
                inspection.setting_id = m.id;
                insert_unaudited(tx, &inspection)?;
                inspections += 1;
            }
        }

        self.phase(5, "contracts");
        let main_contracts = self.contracts(tx, &lines, &provider_ids)?;
        self.phase(6, "placements");
        let spot_count = self.placements(tx, &mut made, &provider_ids, &main_contracts, &size)?;
        self.phase(7, "visits");
        let visits = self.visits(tx, &made, provider_ids[0], size.desktop_reviews)?;
        self.phase(8, "tier overrides");
        self.overrides(tx, &made)?;
        self.phase(9, "Reg 44 reports and findings");
        let reg44_reports = self.reg44(tx, &made, &size)?;
        self.phase(10, "concerns, plans and stops");
        self.actions(tx, &made, &provider_ids)?;
        self.phase(11, "more plans and stops");
        self.spread_actions(tx, &made, &provider_ids, &size)?;
        self.phase(12, "providers' returns and practitioners' feedback");
        let (returns, feedback) = self.returns(tx, &made, &provider_ids)?;
        self.phase(13, "children's needs and outcomes");
        let needs = self.needs(tx)?;
        let outcomes = self.outcomes(tx)?;
        self.phase(14, "a decommissioning review");
        let decommissioning_reviews = self.decommissioning(tx, &made)?;
        self.phase(15, "Regulation 40 notifications");
        let notifications = self.notifications(tx, &made)?;
        self.phase(16, "unregistered placements");
        let unregistered = self.unregistered(tx, &made)?;
        self.phase(17, "provider groups and their accounts");
        let groups = self.groups(tx, &provider_ids)?;
        (self.progress)(STEPS, "saving");
        Ok(Summary {
            scale,
            seed,
            providers: provider_ids.len(),
            settings: made.len(),
            contracts: main_contracts.iter().flatten().count() + spot_count,
            inspections,
            placements: size.active_placements + size.ended_placements,
            visits,
            reg44_reports,
            returns,
            feedback,
            needs,
            outcomes,
            decommissioning_reviews,
            notifications,
            unregistered,
            groups,
        })
    }

    /// Each step (and each setting within the visit and report steps) draws
    /// from its own stream, so a change to one step's draws leaves every
    /// other step's data as it was.
    /// Begins step `n` of the writing: says so, and draws from its own stream.
    fn phase(&mut self, n: usize, what: &str) {
        (self.progress)(n, what);
        self.step(n as u64);
    }

    fn step(&mut self, step: u64) {
        self.rng = ChaCha8Rng::seed_from_u64(self.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ step);
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items.choose(&mut self.rng).expect("demo word lists are not empty").clone()
    }
}

/// Case 2's home: the first out-of-area children's home, rated Good, at
/// least 50 miles away. Its manager has just left.
fn mark_case_2(made: &mut [Made], today: NaiveDate) {
    let found = made.iter_mut().find(|m| {
        let s = &m.setting;
        s.kind == SettingKind::ChildrensHome
            && !s.in_area
            && m.latest == Some(Judgement::Good)
            && s.distance_miles.unwrap_or(0) >= 50
    });
    if let Some(m) = found {
        m.case = Some(Case::ManagerLeft);
        m.setting.name = CASE_2_HOME.into();
        m.setting.registered_manager = None;
        m.setting.monitoring_since = Some(add_days(today, -800));
    }
}

/// A home not yet inspected opened about five months ago: it owes reports
/// only from its first whole month.
fn mark_new_home(made: &mut [Made], today: NaiveDate) {
    let found = made
        .iter_mut()
        .find(|m| m.setting.kind == SettingKind::ChildrensHome && m.setting.in_area && m.latest.is_none());
    if let Some(m) = found {
        let opened = add_days(today, -157);
        m.setting.opened_on = Some(opened);
        m.setting.monitoring_since = Some(opened);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_parse_and_have_enough_names() {
        let words: Words = toml::from_str(WORDS).unwrap();
        assert!(words.provider_stems.len() >= Scale::County.size().providers);
        assert!(words.areas.iter().any(|a| a.authority == "Marlshire"));
        assert!(words.areas.iter().all(|a| !a.towns.is_empty() && a.share > 0));
    }
}
