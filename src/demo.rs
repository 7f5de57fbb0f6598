//! A deterministic, fictional dataset for trying Oversight out and for tests:
//! the same scale and seed always give the same records. Dates are placed
//! relative to `today`, so the data always looks current.

pub mod ofsted;

use crate::domain::code::Code;
use crate::domain::concern::{
    Concern, ConcernCategory, ConcernSeverity, ConcernSource, ConcernStatus, StrategyMeeting,
};
use crate::domain::contract::{Contract, ContractType};
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

#[derive(Deserialize)]
struct Words {
    officers: Vec<String>,
    visitors: Vec<String>,
    provider_stems: Vec<String>,
    provider_suffixes: Suffixes,
    setting_words: SettingWords,
    areas: Vec<Area>,
}

#[derive(Deserialize)]
struct Suffixes {
    residential: Vec<String>,
    fostering: Vec<String>,
    supported: Vec<String>,
    schools: Vec<String>,
}

#[derive(Deserialize)]
struct SettingWords {
    home_first: Vec<String>,
    home_second: Vec<String>,
    streets: Vec<String>,
    school_second: Vec<String>,
    managers_first: Vec<String>,
    managers_last: Vec<String>,
}

#[derive(Deserialize)]
struct Area {
    authority: String,
    region: String,
    towns: Vec<String>,
    miles: u32,
    share: u32,
}

const WORDS: &str = include_str!("../data/demo.toml");

/// What a provider mostly runs, which decides its settings' kinds.
#[derive(Clone, Copy, PartialEq)]
enum Line {
    Residential,
    Fostering,
    Supported,
    Schools,
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
}

/// Writes a demo dataset into `store` in one transaction, with one audit row.
pub fn generate(store: &mut Store, scale: Scale, seed: u64) -> Result<Summary, StoreError> {
    generate_showing(store, scale, seed, &mut |_, _| {})
}

/// How many steps [`generate_showing`] reports.
pub const STEPS: usize = 11;

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
    /// One of domain.md's two real cases, played out in the data.
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

    fn manager(&mut self) -> String {
        let w = self.words;
        format!("{} {}", self.pick(&w.setting_words.managers_first), self.pick(&w.setting_words.managers_last))
    }

    fn suffixes(&self, line: Line) -> &'w [String] {
        let s = &self.words.provider_suffixes;
        match line {
            Line::Residential => &s.residential,
            Line::Fostering => &s.fostering,
            Line::Supported => &s.supported,
            Line::Schools => &s.schools,
        }
    }

    /// The mix of provider lines: mostly residential, as councils' spend is.
    fn provider_lines(&mut self, n: usize, mix: [usize; 3]) -> Vec<Line> {
        let mut lines: Vec<Line> = (0..n)
            .map(|i| match i * 20 / n.max(1) {
                k if k < mix[0] => Line::Residential,
                k if k < mix[1] => Line::Fostering,
                k if k < mix[2] => Line::Supported,
                _ => Line::Schools,
            })
            .collect();
        // The first provider is the large residential one that holds the block contract.
        lines[1..].shuffle(&mut self.rng);
        lines
    }

    /// Skewed provider sizes: a few large groups, many with one or two settings.
    fn provider_sizes(&mut self, lines: &[Line], total: usize) -> Vec<usize> {
        let cap = |line: Line| match line {
            Line::Fostering => 2,
            Line::Schools => 3,
            _ => usize::MAX,
        };
        let weights: Vec<f64> = (0..lines.len()).map(|i| 1.0 / ((i + 1) as f64).powf(0.9)).collect();
        let sum: f64 = weights.iter().sum();
        let mut sizes: Vec<usize> = weights
            .iter()
            .zip(lines)
            .map(|(w, l)| ((w / sum * total as f64).round() as usize).clamp(1, cap(*l)))
            .collect();
        let mut i = 0;
        while sizes.iter().sum::<usize>() < total {
            let p = i % lines.len();
            if sizes[p] < cap(lines[p]) && lines[p] != Line::Fostering {
                sizes[p] += 1;
            }
            i += 1;
        }
        while sizes.iter().sum::<usize>() > total {
            let biggest = (0..sizes.len()).max_by_key(|&p| sizes[p]).unwrap_or(0);
            sizes[biggest] -= 1;
        }
        sizes
    }

    fn urn(&mut self, kind: SettingKind) -> Urn {
        loop {
            let n: u32 = self.rng.random_range(0..1_000_000);
            let text = match kind {
                SettingKind::SupportedAccommodation => format!("2{n:06}"),
                _ => format!("SC{n:06}"),
            };
            if self.urns.insert(text.clone()) {
                return Urn::parse(&text).expect("generated URNs are well formed");
            }
        }
    }

    fn area(&mut self) -> &'w Area {
        let areas = &self.words.areas;
        areas.choose_weighted(&mut self.rng, |a| a.share).expect("demo areas have shares")
    }

    /// Moves a generated scheme to `area` after the fact, so that no draw
    /// changes and every other setting stays as it was.
    fn relocate(&mut self, setting: &mut Setting, area: &Area, n: usize) {
        let street = setting.name.split(", ").next().unwrap_or("Station Road Project").to_string();
        self.names.remove(&setting.name);
        let towns = area.towns.iter().cycle().skip(n).take(area.towns.len());
        let (town, name) = towns
            .map(|t| (t.clone(), format!("{street}, {t}")))
            .find(|(_, name)| !self.names.contains(name))
            .unwrap_or_else(|| (area.towns[0].clone(), format!("{street}, {} {n}", area.towns[0])));
        self.names.insert(name.clone());
        setting.name = name;
        setting.town = town;
        setting.local_authority = area.authority.clone();
        setting.region = area.region.clone();
        setting.in_area = false;
        setting.distance_miles = Some(area.miles + n as u32);
    }

    fn setting(&mut self, provider_id: i64, line: Line, n: usize, stem: &str) -> Setting {
        let kind = match (line, n % 5) {
            (Line::Residential, 4) => SettingKind::SupportedAccommodation,
            (Line::Residential, _) => SettingKind::ChildrensHome,
            (Line::Fostering, _) => SettingKind::FosteringAgency,
            (Line::Supported, _) => SettingKind::SupportedAccommodation,
            (Line::Schools, 0) => SettingKind::ResidentialSpecialSchool,
            (Line::Schools, 1) => SettingKind::SecureChildrensHome,
            (Line::Schools, _) => SettingKind::ChildrensHome,
        };
        let area = self.area();
        let (authority, region, miles) = (area.authority.clone(), area.region.clone(), area.miles);
        let town = self.pick(&area.towns);
        let in_area = authority == "Marlshire";
        let w = self.words;
        let words = &w.setting_words;
        let mut attempts = 0;
        let name = loop {
            attempts += 1;
            let name = match kind {
                SettingKind::FosteringAgency if attempts == 1 => format!("{stem} Fostering {region}"),
                SettingKind::FosteringAgency => format!("{stem} Fostering {town}"),
                SettingKind::SupportedAccommodation => format!("{} Project, {town}", self.pick(&words.streets)),
                SettingKind::ResidentialSpecialSchool | SettingKind::SecureChildrensHome => {
                    format!("{} {}", self.pick(&words.home_first), self.pick(&words.school_second))
                }
                _ => format!("{} {}", self.pick(&words.home_first), self.pick(&words.home_second)),
            };
            // Names stay unique, numbered once the words run out.
            let name = if attempts > 20 { format!("{name} {attempts}") } else { name };
            if self.names.insert(name.clone()) {
                break name;
            }
        };
        let places = match kind {
            SettingKind::ChildrensHome => Some(self.rng.random_range(2..=6)),
            SettingKind::SupportedAccommodation => Some(self.rng.random_range(4..=16)),
            SettingKind::ResidentialSpecialSchool => Some(self.rng.random_range(12..=40)),
            SettingKind::SecureChildrensHome => Some(self.rng.random_range(8..=24)),
            SettingKind::FosteringAgency | SettingKind::Other => None,
        };
        let vacant = self.rng.random_bool(0.08);
        let manager = (!vacant).then(|| self.manager());
        let jitter = self.rng.random_range(0..=miles / 5 + 3);
        Setting {
            urn: Some(self.urn(kind)),
            name,
            kind,
            registered_manager: manager,
            manager_vacant_on: vacant.then(|| add_days(self.today, -45)),
            places,
            town,
            local_authority: authority,
            region,
            in_area,
            distance_miles: Some(if in_area { 2 + jitter } else { miles + jitter }),
            monitoring_since: Some(add_days(self.today, -self.rng.random_range(60..1500))),
            ..Setting::blank(provider_id)
        }
    }

    /// Enforcement after some Inadequate judgements; low-risk assessments for
    /// some Good settings.
    fn monitoring_extras(&mut self, m: &mut Made) {
        let s = &mut m.setting;
        match (m.latest.map(|j| j.severity()), m.inspected) {
            (Some(Severity::Inadequate), Some(on)) if self.rng.random_bool(0.3) => {
                s.enforcement = Some(Enforcement::ComplianceNotice);
                s.enforcement_since = Some(add_days(on, 21).min(self.today));
            }
            (Some(Severity::Good), _) if s.kind == SettingKind::FosteringAgency && self.rng.random_bool(0.5) => {
                s.low_risk = Some(LowRiskBasis::Quality);
                s.low_risk_on = Some(add_days(self.today, -self.rng.random_range(30..300)));
            }
            _ => {}
        }
    }

    /// Shares out latest judgements so every one appears: most Good, a few
    /// percent Inadequate, some not yet inspected.
    fn assign_latest_judgements(&mut self, made: &mut [Made]) {
        use Judgement::*;
        let (sa, other): (Vec<usize>, Vec<usize>) =
            (0..made.len()).partition(|&i| made[i].setting.kind == SettingKind::SupportedAccommodation);
        let quota = |n: usize, share: f64| ((n as f64 * share).round() as usize).max(1);
        let mut deal = |indices: Vec<usize>, plan: &[(Option<Judgement>, f64)], default: Judgement| {
            let mut labels: Vec<Option<Judgement>> =
                plan.iter().flat_map(|&(j, share)| std::iter::repeat_n(j, quota(indices.len(), share))).collect();
            labels.resize(indices.len().max(labels.len()), Some(default));
            labels.truncate(indices.len());
            labels.shuffle(&mut self.rng);
            for (i, label) in indices.into_iter().zip(labels) {
                made[i].latest = label;
            }
        };
        deal(
            other,
            &[(Some(Outstanding), 0.12), (Some(Inadequate), 0.09), (Some(RequiresImprovement), 0.2), (None, 0.04)],
            Good,
        );
        deal(sa, &[(Some(SeriousWeaknesses), 0.1), (Some(Inconsistent), 0.25), (None, 0.05)], ConsistentlyStrong);
    }

    /// Full inspections back through time ending in the setting's latest
    /// judgement, with a monitoring visit after an Inadequate one.
    fn history(&mut self, m: &Made) -> Vec<Inspection> {
        let Some(latest) = m.latest else {
            return Vec::new();
        };
        let sa = latest.is_supported_accommodation_scale();
        let mut date = add_days(self.today, -self.rng.random_range(20..700));
        let earlier = if sa { 0 } else { self.rng.random_range(0..=3) };
        let mut judgement = latest;
        let mut out = Vec::new();
        for step in 0..=earlier {
            out.push(self.full_inspection(m, date, judgement));
            if step == 0 && judgement.severity() == Severity::Inadequate {
                let visit = add_days(date, self.rng.random_range(60..120));
                if visit <= self.today {
                    out.push(Inspection {
                        kind: InspectionKind::Monitoring,
                        overall: None,
                        protection: None,
                        leadership: None,
                        ..self.full_inspection(m, visit, judgement)
                    });
                }
            }
            date = add_days(date, -self.rng.random_range(300..800));
            judgement = self.previous(judgement);
        }
        out.reverse();
        out
    }

    /// A plausible earlier judgement: often the same, else one step away;
    /// before an Inadequate, usually Good (the downgrade story).
    fn previous(&mut self, j: Judgement) -> Judgement {
        if j == Judgement::Inadequate && self.rng.random_bool(0.6) {
            return Judgement::Good;
        }
        if self.rng.random_bool(0.55) { j } else { step_away(j, &mut self.rng) }
    }

    fn full_inspection(&mut self, m: &Made, date: NaiveDate, overall: Judgement) -> Inspection {
        let homes = m.setting.kind.is_childrens_home();
        let mut sub = || {
            let keep = self.rng.random_bool(0.7);
            homes.then(|| if keep { overall } else { step_away(overall, &mut self.rng) })
        };
        // A draw once spent on the headline's copy, kept so each seed's data stays as it was.
        sub();
        let (protection, leadership) = (sub(), sub());
        self.events += 1;
        Inspection {
            protection,
            leadership,
            event_ref: Some((10_000_000 + self.events).to_string()),
            recorded_on: Some(add_days(date, self.rng.random_range(18..45)).min(self.today)),
            ..Inspection::headline(m.id, date, InspectionKind::Full, Some(overall))
        }
    }

    /// The block, framework and DPS contracts; returns each provider's main one.
    fn contracts(
        &mut self,
        tx: &rusqlite::Connection,
        lines: &[Line],
        ids: &[i64],
    ) -> Result<Vec<Option<i64>>, StoreError> {
        let year = self.today.year();
        let april = |years_back: i32| NaiveDate::from_ymd_opt(year - years_back, 4, 1).expect("1 April exists");
        let mut out = Vec::new();
        for (p, (&line, &provider_id)) in lines.iter().zip(ids).enumerate() {
            let years_back = self.rng.random_range(1..=3);
            let (kind, title, value) = match (p, line) {
                (0, _) => (ContractType::Block, "Residential block contract: 12 beds", 2_150_000),
                (_, Line::Residential) if p % 3 != 0 => (
                    ContractType::Framework,
                    "West Midlands regional residential framework",
                    self.rng.random_range(150..900) * 1_000,
                ),
                (_, Line::Fostering) => (
                    ContractType::Framework,
                    "West Midlands fostering framework",
                    self.rng.random_range(200..700) * 1_000,
                ),
                (_, Line::Supported) => {
                    (ContractType::Dps, "Supported accommodation DPS (16-17)", self.rng.random_range(80..400) * 1_000)
                }
                _ => {
                    out.push(None);
                    continue;
                }
            };
            let contract = Contract {
                provider_id,
                reference: format!("MCC-{}-{:03}", &kind.code()[..3].to_uppercase(), p + 1),
                kind,
                title: title.into(),
                start: april(years_back),
                end: Some(add_days(april(years_back - 4), -1)),
                annual_value: Pence::from_pounds(value),
            };
            out.push(Some(insert_unaudited(tx, &contract)?));
        }
        Ok(out)
    }

    fn weekly_cost(&mut self, kind: SettingKind) -> Pence {
        let (low, high) = match kind {
            SettingKind::ChildrensHome => (3_500, 6_500),
            SettingKind::SecureChildrensHome => (6_000, 7_000),
            SettingKind::ResidentialSpecialSchool => (4_000, 6_500),
            SettingKind::SupportedAccommodation => (900, 2_500),
            SettingKind::FosteringAgency => (800, 1_300),
            SettingKind::Other => (800, 3_000),
        };
        Pence::from_pounds(self.rng.random_range(low / 50..=high / 50) * 50)
    }

    /// Current and past placements; returns how many spot contracts it made.
    fn placements(
        &mut self,
        tx: &rusqlite::Connection,
        made: &mut [Made],
        provider_ids: &[i64],
        main_contracts: &[Option<i64>],
        size: &Size,
    ) -> Result<usize, StoreError> {
        let weight = |m: &Made| match m.setting.kind {
            SettingKind::FosteringAgency => 8,
            SettingKind::ChildrensHome | SettingKind::SupportedAccommodation => 3,
            _ => 2,
        };
        let capacity = |m: &Made| m.setting.places.unwrap_or(12) as usize;
        // About a quarter of settings have no one placed: those far away are watched, not used.
        let mut used: Vec<usize> = (0..made.len())
            .filter(|&i| {
                made[i].setting.in_area
                    || i % 4 != 3
                    || made[i].latest.is_some_and(|j| j.severity() >= Severity::RequiresImprovement)
            })
            .collect();
        used.shuffle(&mut self.rng);
        let mut placed = vec![0usize; made.len()];
        let mut spot = 0;
        for n in 0..size.active_placements + size.ended_placements {
            let active = n < size.active_placements;
            let candidates: Vec<usize> =
                used.iter().copied().filter(|&i| !active || placed[i] < capacity(&made[i])).collect();
            let case = made.iter().position(|m| m.case == Some(Case::ManagerLeft)).filter(|_| n == 0);
            let i = match case {
                Some(i) => i,
                None => {
                    *candidates.choose_weighted(&mut self.rng, |&i| weight(&made[i])).expect("settings to place in")
                }
            };
            // Case 1's schemes have young people placed (the draw above still happens, so
            // the rest of the placements are as they were).
            let case_1: Vec<usize> = (0..made.len()).filter(|&k| made[k].case == Some(Case::StopIssued)).collect();
            let i = match n {
                1..=3 if !case_1.is_empty() => case_1.get(n - 1).copied().unwrap_or(case_1[0]),
                _ => i,
            };
            if active {
                made[i].children += 1;
            }
            let m = &made[i];
            let start = add_days(self.today, -self.rng.random_range(if active { 7..1200 } else { 500..1800 }));
            let end = (!active).then(|| add_days(start, self.rng.random_range(30..400)).min(add_days(self.today, -1)));
            if active {
                placed[i] += 1;
            }
            let weekly_cost = self.weekly_cost(m.setting.kind);
            let contract_id = match main_contracts[m.provider] {
                Some(id) => id,
                None => {
                    spot += 1;
                    insert_unaudited(
                        tx,
                        &Contract {
                            provider_id: provider_ids[m.provider],
                            reference: format!("MCC-SPT-{:04}", spot),
                            kind: ContractType::Spot,
                            title: "Spot purchase: one placement".into(),
                            start,
                            end,
                            annual_value: Pence(weekly_cost.0 * 52),
                        },
                    )?
                }
            };
            let base = m.setting.distance_miles.unwrap_or(10);
            let placement = Placement {
                child_ref: ChildRef::parse(&format!("LAC-{:04}", n + 1)).expect("demo child refs are well formed"),
                setting_id: m.id,
                contract_id: Some(contract_id),
                start,
                end,
                weekly_cost,
                distance_miles: Some(base + self.rng.random_range(0..=base / 10 + 2)),
            };
            insert_unaudited(tx, &placement)?;
        }
        Ok(spot)
    }

    /// Monitoring visits to monitored settings back to when monitoring
    /// began, some overdue, some planned; six-weekly contract meetings with
    /// the block provider. Returns how many it wrote.
    fn visits(
        &mut self,
        tx: &rusqlite::Connection,
        made: &[Made],
        block_provider: i64,
        desktop_reviews: Option<i64>,
    ) -> Result<usize, StoreError> {
        let mut count = 0;
        for m in made.iter().filter(|m| m.setting.in_area || m.children > 0 || m.case == Some(Case::StopIssued)) {
            self.step(7_000_000 + m.id as u64);
            let began = m.setting.monitoring_since.unwrap_or(self.today);
            let interval = usual_interval(m.latest);
            // How far behind this setting's officer is: most keep up, some slip.
            let slip = match self.rng.random_range(0..10) {
                0 => interval,
                1 | 2 => interval / 3,
                _ => 0,
            };
            let mut day = add_days(began, self.rng.random_range(5..30));
            let mut visits = Vec::new();
            while add_days(day, slip) <= self.today {
                visits.push(day);
                day = add_days(day, interval + self.rng.random_range(-7..8));
            }
            if m.case == Some(Case::ManagerLeft) {
                // Quarterly visits, the last ten weeks ago: next due in three weeks, until the reports spoke.
                visits = (0..4).rev().map(|q| add_days(self.today, -70 - 91 * q)).collect();
            }
            let last = visits.len();
            for (n, planned) in visits.into_iter().enumerate() {
                let outcome = match (n + 1 == last, self.rng.random_range(0..100)) {
                    (true, 0..=11) => VisitOutcome::Concerns,
                    (_, 0..=4) => VisitOutcome::Concerns,
                    (_, 5..=44) => VisitOutcome::Adequate,
                    _ => VisitOutcome::Good,
                };
                let completed = add_days(planned, self.rng.random_range(0..3)).min(self.today);
                insert_unaudited(tx, &self.visit(m, VisitKind::Monitoring, planned, Some((completed, outcome))))?;
                count += 1;
            }
            if self.rng.random_bool(0.35) {
                let planned = add_days(self.today, self.rng.random_range(3..40));
                insert_unaudited(tx, &self.visit(m, VisitKind::Monitoring, planned, None))?;
                count += 1;
            }
            // Reviews at the desk do not see the setting: its schedule stands.
            let reviews = desktop_reviews.map_or(Vec::new(), |every| {
                std::iter::successors(Some(add_days(began, every)), |d| Some(add_days(*d, every)))
                    .take_while(|d| *d < self.today)
                    .collect()
            });
            for review in reviews {
                let done = Some((review, VisitOutcome::Good));
                insert_unaudited(tx, &self.visit(m, VisitKind::DesktopReview, review, done))?;
                count += 1;
            }
        }
        let mut meeting = add_days(self.today, -364);
        while meeting <= self.today {
            let officer = self.words.officers[0].clone();
            let visit = Visit {
                setting_id: None,
                provider_id: Some(block_provider),
                kind: VisitKind::ContractMeeting,
                planned: meeting,
                completed: Some(meeting),
                officer,
                outcome: Some(VisitOutcome::Good),
                notes: "Six-weekly contract meeting: occupancy, referrals, staffing.".into(),
                follow_up: String::new(),
                trip: None,
            };
            insert_unaudited(tx, &visit)?;
            count += 1;
            meeting = add_days(meeting, 42);
        }
        Ok(count)
    }

    fn visit(
        &mut self,
        m: &Made,
        kind: VisitKind,
        planned: NaiveDate,
        done: Option<(NaiveDate, VisitOutcome)>,
    ) -> Visit {
        let notes = match done.map(|d| d.1) {
            Some(VisitOutcome::Concerns | VisitOutcome::SeriousConcerns) => {
                "Records incomplete; staffing gaps on nights."
            }
            Some(_) => "Spoke with the manager and two young people; records in order.",
            None => "",
        };
        Visit {
            setting_id: Some(m.id),
            provider_id: None,
            kind,
            planned,
            completed: done.map(|d| d.0),
            officer: m.officer.clone(),
            outcome: done.map(|d| d.1),
            notes: notes.into(),
            follow_up: if notes.starts_with("Records incomplete") {
                "Provider to send an action plan within 14 days.".into()
            } else {
                String::new()
            },
            trip: None,
        }
    }

    /// One override in force and one that has expired.
    fn overrides(&mut self, tx: &rusqlite::Connection, made: &[Made]) -> Result<(), StoreError> {
        let good: Vec<&Made> = made
            .iter()
            .filter(|m| m.latest == Some(Judgement::Good) && m.children > 0 && !m.setting.kind.is_childrens_home())
            .collect();
        let plans = [
            (Tier::Enhanced, "New registered manager from September: six-weekly visits until settled", -20, 70),
            (Tier::Intensive, "Allegation under investigation (closed with no further action)", -200, -100),
        ];
        for (m, (tier, reason, from, until)) in good.iter().zip(plans) {
            let o = TierOverride {
                setting_id: m.id,
                tier,
                reason: reason.into(),
                set_on: add_days(self.today, from),
                expires: add_days(self.today, until),
            };
            insert_unaudited(tx, &o)?;
        }
        Ok(())
    }

    /// Monthly Reg 44 reports for monitored children's homes over the last
    /// two years: most on time, some late, a few missing, with findings;
    /// case 2's home shows its manager leaving and missing episodes rising.
    fn reg44(&mut self, tx: &rusqlite::Connection, made: &[Made], size: &Size) -> Result<usize, StoreError> {
        let last_due = crate::domain::reg44::last_due_month(self.today, 10);
        let mut count = 0;
        // At national scale every home has sent reports for the whole history.
        let all = size.reg44_months > 24;
        let homes: Vec<&Made> = made
            .iter()
            .filter(|m| m.setting.kind.is_childrens_home() && (all || m.setting.in_area || m.children > 0))
            .collect();
        for (done, m) in homes.iter().enumerate() {
            if done % 250 == 0 {
                (self.progress)(9, &format!("Reg 44 reports and findings, {done} of {} homes", homes.len()));
            }
            self.step(9_000_000 + m.id as u64);
            let visitor = self.pick(&self.words.visitors);
            let months = last_due.back(size.reg44_months);
            let case = m.case == Some(Case::ManagerLeft);
            let since = if all { months[0] } else { m.setting.monitoring_since.map(Month::of).unwrap_or(months[0]) };
            for (n, month) in months.iter().enumerate().filter(|(_, mo)| **mo >= since) {
                let recent = n + 2 >= months.len();
                let roll = self.rng.random_range(0..100);
                if !case && roll < if recent { 3 } else { 6 } {
                    continue; // missing
                }
                let visit_date = add_days(month.first_day(), if case { 24 } else { self.rng.random_range(3..26) });
                let late = !case && roll >= 94;
                let received_on = if case {
                    add_days(visit_date, 9)
                } else if late {
                    add_days(month.due_by(10), self.rng.random_range(3..25))
                } else {
                    add_days(visit_date, self.rng.random_range(2..12)).min(month.due_by(10))
                };
                if received_on > self.today {
                    continue;
                }
                let from_end = months.len() - 1 - n;
                let manager_in_post =
                    if case { from_end > 0 } else { m.setting.registered_manager.is_some() || from_end > 2 };
                let missing_episodes = match (case, self.rng.random_range(0..100)) {
                    (true, _) => [4, 3, 2, 1, 1, 0].get(from_end).copied().unwrap_or(0),
                    (false, 0..=11) => 1,
                    (false, 12..=14) => 2,
                    _ => 0,
                };
                let worried =
                    m.latest.is_some_and(|j| j.severity() == Severity::Inadequate) && self.rng.random_bool(0.4);
                let opinion = if worried { Opinion::Concerns } else { Opinion::Yes };
                let reviewed = (self.rng.random_bool(0.7) && !recent) || (recent && self.rng.random_bool(0.3));
                let report = Reg44Report {
                    setting_id: m.id,
                    month: *month,
                    visit_date,
                    received_on,
                    visitor: visitor.clone(),
                    safeguarded: opinion,
                    wellbeing: Opinion::Yes,
                    children_resident: m
                        .setting
                        .places
                        .unwrap_or(4)
                        .min(m.children.max(1) + self.rng.random_range(0..3)),
                    missing_episodes,
                    physical_interventions: self.rng.random_range(0..3),
                    police_callouts: self.rng.random_range(0..2),
                    complaints: self.rng.random_range(0..2),
                    manager_in_post,
                    summary: if manager_in_post {
                        "Visited unannounced; spoke with staff and young people.".into()
                    } else {
                        "No registered manager in post; deputy covering.".into()
                    },
                    reviewed_by: reviewed.then(|| m.officer.clone()),
                    reviewed_on: reviewed.then(|| add_days(received_on, self.rng.random_range(1..10)).min(self.today)),
                    review_note: String::new(),
                };
                let report_id = insert_unaudited(tx, &report)?;
                count += 1;
                let findings = match (size.findings, self.rng.random_range(0..10)) {
                    ((2, 4), 0..=5) => 0,
                    ((2, 4), 6..=8) => 1,
                    ((2, 4), _) => 2,
                    ((most, _), _) => self.rng.random_range(0..=most),
                };
                let decor = case && from_end == 0;
                for k in 0..findings + usize::from(decor) {
                    let finding = self.finding(report_id, received_on, decor && k == 0);
                    insert_unaudited(tx, &finding)?;
                }
            }
        }
        Ok(count)
    }

    fn finding(&mut self, report_id: i64, received_on: NaiveDate, decor: bool) -> Finding {
        let (standard, text) = if decor {
            (Standard::Reg6, "Décor in the lounge and two bedrooms tired and damaged; repairs not logged.")
        } else {
            *[
                (Standard::Reg12, "Missing-from-care episode not notified to the placing authority within 24 hours."),
                (Standard::Reg13, "Supervision records for night staff not up to date."),
                (Standard::Reg10, "Medication records incomplete for one young person."),
                (Standard::Reg8, "Young person not attending education; plan not reviewed."),
                (Standard::Reg6, "Fire drill log not completed this quarter."),
                (Standard::Reg14, "Care plan not updated after placement review."),
                (Standard::Reg7, "Young people's meeting minutes not kept."),
            ]
            .choose(&mut self.rng)
            .expect("findings to choose from")
        };
        let severity = match self.rng.random_range(0..100) {
            _ if decor => FindingSeverity::Medium,
            0..=2 => FindingSeverity::Serious,
            3..=14 => FindingSeverity::High,
            15..=54 => FindingSeverity::Medium,
            _ => FindingSeverity::Low,
        };
        let closed_on = add_days(received_on, self.rng.random_range(20..60));
        let (status, closed_on) = if closed_on < self.today {
            (FindingStatus::Closed, Some(closed_on))
        } else {
            (if self.rng.random_bool(0.5) { FindingStatus::Actioned } else { FindingStatus::Open }, None)
        };
        Finding { report_id, standard, severity, text: text.into(), status, closed_on }
    }

    /// Concerns, improvement plans and stops: case 1 in progress, a stop
    /// lifted last winter, plans after Inadequate judgements, and a handful
    /// of concerns from the usual sources.
    fn actions(&mut self, tx: &rusqlite::Connection, made: &[Made], provider_ids: &[i64]) -> Result<(), StoreError> {
        let today = self.today;
        let day = |days: i64| add_days(today, days);
        let officer = self.words.officers[0].clone();
        if let Some(first) = made.iter().find(|m| m.case == Some(Case::StopIssued)) {
            self.case_1(tx, made, first, provider_ids[first.provider], &officer)?;
        }
        // A stop lifted last winter, with conditions.
        let lifted_at = made
            .iter()
            .find(|m| m.latest == Some(Judgement::RequiresImprovement) && m.setting.kind == SettingKind::ChildrensHome);
        if let Some(m) = lifted_at {
            let stop = PlacementStop {
                setting_id: Some(m.id),
                provider_id: provider_ids[m.provider],
                issued_on: day(-300),
                issued_by: self.words.officers[1].clone(),
                reason: "Two missing-from-care episodes not reported to the placing authority; night staffing below the agreed ratio.".into(),
                concern_id: None,
                visit_id: None,
                referrals_withdrawn: Some(1),
                authorities_notified: self.words.officers.first().map(|_| "Birmingham; Coventry; Warwickshire".to_string()).unwrap_or_default(),
                notified_on: Some(day(-299)),
                concerns_report_on: Some(day(-297)),
                plan_id: None,
                review_on: Some(day(-270)),
                outcome: Some(StopOutcome::Lifted),
                ended_on: Some(day(-240)),
                ended_by: Some(self.words.officers[1].clone()),
                end_reason: "Staffing restored and reporting audited: three clean months".into(),
                lift_conditions: "Monthly staffing returns for six months".into(),
            };
            insert_unaudited(tx, &stop)?;
        }
        // Plans after Inadequate judgements of homes (not case 1 or 2).
        let inadequate: Vec<&Made> = made
            .iter()
            .filter(|m| {
                m.latest == Some(Judgement::Inadequate) && m.setting.kind.is_childrens_home() && m.case.is_none()
            })
            .take(3)
            .collect();
        for (k, m) in inadequate.iter().enumerate() {
            let requested = m.inspected.map_or(day(-60), |d| add_days(d, 30).min(day(-20)));
            let status = [PlanStatus::Monitoring, PlanStatus::Agreed, PlanStatus::Received][k];
            let plan = Plan {
                setting_id: Some(m.id),
                provider_id: provider_ids[m.provider],
                title: "Ofsted requirements: safeguarding and leadership".into(),
                source: PlanSource::Inspection,
                source_id: None,
                requested_on: requested,
                due_back: add_days(requested, 21),
                status,
                status_on: add_days(requested, 14).min(self.today),
            };
            let plan_id = insert_unaudited(tx, &plan)?;
            self.plan_history(tx, plan_id, &plan, &officer)?;
            let actions = [
                ("Review every risk assessment and missing-from-care protocol", -10, k != 2),
                ("Recruit a permanent deputy manager", 20, false),
                ("Refresh safeguarding training for all staff", if k == 0 { -5 } else { 30 }, false),
            ];
            for (description, due, done) in actions {
                let due_on = day(due).max(requested);
                insert_unaudited(
                    tx,
                    &PlanAction {
                        plan_id,
                        description: description.into(),
                        owner: "Registered manager".into(),
                        due_on,
                        status: if done { ActionStatus::Done } else { ActionStatus::Open },
                        evidence: if done { "Checked on the monitoring visit".into() } else { String::new() },
                        completed_on: done.then_some(due_on.min(self.today)),
                    },
                )?;
            }
        }
        // Concerns from the usual sources, most of them dealt with.
        let sources = [
            (
                ConcernSource::Complaint,
                ConcernCategory::QualityOfCare,
                "Young person complained about food and pocket money",
                true,
            ),
            (
                ConcernSource::SocialWorker,
                ConcernCategory::Staffing,
                "Agency staff on most nights; young person unsettled",
                false,
            ),
            (ConcernSource::Police, ConcernCategory::Safeguarding, "Police called to the home twice in a week", true),
            (
                ConcernSource::Iro,
                ConcernCategory::Management,
                "Care plan actions not followed up since the review",
                false,
            ),
            (
                ConcernSource::Reg44,
                ConcernCategory::Premises,
                "Broken window and damp in a bedroom reported by the Reg 44 visitor",
                true,
            ),
        ];
        let placed: Vec<&Made> = made.iter().filter(|m| m.children > 0 && m.case.is_none()).collect();
        for (k, (source, category, description, closed)) in sources.into_iter().enumerate() {
            let Some(m) = placed.get(k * 7 % placed.len().max(1)) else { break };
            let raised = day(-(15 + 20 * k as i64));
            insert_unaudited(
                tx,
                &Concern {
                    setting_id: Some(m.id),
                    provider_id: provider_ids[m.provider],
                    raised_on: raised,
                    source,
                    category,
                    severity: if k == 2 { ConcernSeverity::High } else { ConcernSeverity::Medium },
                    description: description.into(),
                    status: if closed { ConcernStatus::Closed } else { ConcernStatus::Open },
                    escalated_on: None,
                    spc_outcome: None,
                    closed_on: closed.then(|| add_days(raised, 10)),
                    outcome: if closed { "Looked into with the manager; resolved".into() } else { String::new() },
                },
            )?;
        }
        Ok(())
    }

    /// Case 1 as it stands today: the concern escalated, the visit with
    /// serious concerns, a stop on the whole provider with most of its
    /// checklist done, and the improvement plan received.
    /// Plans (each with three actions) and stops spread over the settings
    /// beyond the named cases: none at small and county scale.
    fn spread_actions(
        &mut self,
        tx: &rusqlite::Connection,
        made: &[Made],
        provider_ids: &[i64],
        size: &Size,
    ) -> Result<(), StoreError> {
        let today = self.today;
        let officer = self.words.officers[0].clone();
        // Plans fall on settings the council uses, and most are long done.
        let eligible: Vec<&Made> =
            made.iter().filter(|m| m.case.is_none() && (m.setting.in_area || m.children > 0)).collect();
        for n in 0..size.plans.min(eligible.len() * 4) {
            let m = eligible[n % eligible.len()];
            let requested_on = add_days(today, -self.rng.random_range(20..1500));
            // One plan in ten is still open.
            let open = [PlanStatus::Requested, PlanStatus::Received, PlanStatus::Agreed, PlanStatus::Monitoring];
            let status = match self.rng.random_bool(0.1) {
                true => *open.choose(&mut self.rng).expect("statuses"),
                false => PlanStatus::Completed,
            };
            let plan = Plan {
                setting_id: Some(m.id),
                provider_id: provider_ids[m.provider],
                title: "Ofsted requirements: safeguarding and leadership".into(),
                source: PlanSource::Inspection,
                source_id: None,
                requested_on,
                due_back: add_days(requested_on, 21),
                status,
                status_on: add_days(requested_on, 14).min(today),
            };
            let plan_id = insert_unaudited(tx, &plan)?;
            for k in 0..3 {
                let due_on = add_days(requested_on, 30 * (k + 1));
                let done = status == PlanStatus::Completed || (due_on < today && self.rng.random_bool(0.85));
                let action = PlanAction {
                    plan_id,
                    description: [
                        "Review every risk assessment",
                        "Recruit a permanent deputy manager",
                        "Refresh safeguarding training",
                    ][k as usize]
                        .into(),
                    owner: "Registered manager".into(),
                    due_on,
                    status: if done { ActionStatus::Done } else { ActionStatus::Open },
                    evidence: if done { "Seen on a monitoring visit".into() } else { String::new() },
                    completed_on: done.then(|| due_on.min(today)),
                };
                insert_unaudited(tx, &action)?;
            }
            insert_unaudited(
                tx,
                &PlanEvent {
                    plan_id,
                    status: PlanStatus::Requested,
                    on: requested_on,
                    by: officer.clone(),
                    note: plan.requested_note(),
                },
            )?;
        }
        for n in 0..size.stops.min(eligible.len()) {
            let m = eligible[(n * 7919) % eligible.len()];
            let issued_on = add_days(today, -self.rng.random_range(10..1500));
            let lifted = n % 10 != 0;
            let ended_on = add_days(issued_on, self.rng.random_range(20..120)).min(add_days(today, -1));
            let stop = PlacementStop {
                setting_id: Some(m.id),
                provider_id: provider_ids[m.provider],
                issued_on,
                issued_by: officer.clone(),
                reason: "Safeguarding concerns found on a monitoring visit.".into(),
                concern_id: None,
                visit_id: None,
                referrals_withdrawn: Some(self.rng.random_range(0..4)),
                authorities_notified: "Birmingham; Coventry".into(),
                notified_on: Some(add_days(issued_on, 1)),
                concerns_report_on: Some(add_days(issued_on, 3)),
                plan_id: None,
                review_on: Some(add_days(issued_on, 28)),
                outcome: (lifted && ended_on > issued_on).then_some(StopOutcome::Lifted),
                ended_on: (lifted && ended_on > issued_on).then_some(ended_on),
                ended_by: (lifted && ended_on > issued_on).then(|| officer.clone()),
                end_reason: if lifted && ended_on > issued_on { "Concerns resolved".into() } else { String::new() },
                lift_conditions: String::new(),
            };
            insert_unaudited(tx, &stop)?;
        }
        Ok(())
    }

    fn case_1(
        &mut self,
        tx: &rusqlite::Connection,
        made: &[Made],
        first: &Made,
        provider_id: i64,
        officer: &str,
    ) -> Result<(), StoreError> {
        let today = self.today;
        let day = |days: i64| add_days(today, days);
        let concern = Concern {
            setting_id: None,
            provider_id,
            raised_on: day(-24),
            source: ConcernSource::Other,
            category: ConcernCategory::QualityOfCare,
            severity: ConcernSeverity::High,
            description: "The care leavers' forum reports poor properties and little support from staff at the provider's schemes.".into(),
            status: ConcernStatus::Escalated,
            escalated_on: Some(day(-17)),
            spc_outcome: None,
            closed_on: None,
            outcome: String::new(),
        };
        let concern_id = insert_unaudited(tx, &concern)?;
        insert_unaudited(
            tx,
            &StrategyMeeting {
                concern_id,
                held_on: day(-15),
                attendees: "QA lead, contract officer, two social workers, leaving care team manager".into(),
                decisions: "Stop stays; every young person reviewed this week; report of concerns to the provider; plan within 14 days".into(),
            },
        )?;
        let visit = Visit {
            setting_id: Some(first.id),
            provider_id: None,
            kind: VisitKind::Unannounced,
            planned: day(-18),
            completed: Some(day(-18)),
            officer: officer.to_string(),
            outcome: Some(VisitOutcome::SeriousConcerns),
            notes: "Staff and care leaver files audited: required paperwork missing throughout. Little communication between managers and staff, or between staff and social workers.".into(),
            follow_up: "Immediate placement stop; referrals withdrawn; every young person reviewed.".into(),
            trip: None,
        };
        let visit_id = insert_unaudited(tx, &visit)?;
        let plan = Plan {
            setting_id: None,
            provider_id,
            title: "Records, supervision and communication with social workers".into(),
            source: PlanSource::Stop,
            source_id: None,
            requested_on: day(-14),
            due_back: day(0),
            status: PlanStatus::Received,
            status_on: day(-7),
        };
        let plan_id = insert_unaudited(tx, &plan)?;
        self.plan_history(tx, plan_id, &plan, officer)?;
        let actions = [
            ("Audit every young person's file against the contract checklist", -3, true),
            ("Weekly managers' meeting with staff; minutes to social workers", 7, false),
            ("Supervision for every support worker, recorded", -2, false),
        ];
        for (description, due, done) in actions {
            insert_unaudited(
                tx,
                &PlanAction {
                    plan_id,
                    description: description.into(),
                    owner: "Operations manager".into(),
                    due_on: day(due),
                    status: if done { ActionStatus::Done } else { ActionStatus::Open },
                    evidence: if done {
                        "File audit sent; sample of 5 files checked on site".into()
                    } else {
                        String::new()
                    },
                    completed_on: done.then(|| day(due)),
                },
            )?;
        }
        let stop = PlacementStop {
            setting_id: None,
            provider_id,
            issued_on: day(-17),
            issued_by: officer.to_string(),
            reason: "Young people's files do not contain the required paperwork, so there is no evidence the provider meets the contract; managers, staff and social workers are not communicating.".into(),
            concern_id: Some(concern_id),
            visit_id: Some(visit_id),
            referrals_withdrawn: Some(3),
            authorities_notified: "Birmingham; Coventry; Dudley; Herefordshire; Sandwell; Shropshire; Solihull; Staffordshire; Stoke-on-Trent; Telford and Wrekin; Walsall; Warwickshire; Wolverhampton; Worcestershire".into(),
            notified_on: Some(day(-16)),
            concerns_report_on: Some(day(-14)),
            plan_id: Some(plan_id),
            review_on: Some(day(12)),
            outcome: None,
            ended_on: None,
            ended_by: None,
            end_reason: String::new(),
            lift_conditions: String::new(),
        };
        let stop_id = insert_unaudited(tx, &stop)?;
        // Every young person reviewed but the last two: most stay, every third moves.
        let schemes = made.iter().filter(|m| m.case == Some(Case::StopIssued)).map(|m| m.id).collect::<Vec<_>>();
        let placed: Vec<i64> = tx
            .prepare(
                "SELECT id FROM placements WHERE setting_id IN (SELECT value FROM json_each(?1))
                 AND start_date <= ?2 AND end_date IS NULL ORDER BY id",
            )?
            .query_map(rusqlite::params![serde_json::to_string(&schemes).unwrap_or_default(), day(-17)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for (k, &placement_id) in placed.iter().enumerate().take(placed.len().saturating_sub(2)) {
            let reviewed_on = day(-15 + k as i64).min(day(-3));
            let moves = k % 3 == 1;
            let (outcome, note) = if moves {
                (ReviewOutcome::Moves, "Moved to a Marlshire foster home near school")
            } else {
                (ReviewOutcome::Remains, "Settled; support plan updated")
            };
            let review = PlacementReview { stop_id, placement_id, reviewed_on, outcome, note: note.into() };
            insert_unaudited(tx, &review)?;
            if moves {
                tx.execute(
                    "UPDATE placements SET end_date = ?1 WHERE id = ?2",
                    rusqlite::params![add_days(reviewed_on, 2), placement_id],
                )?;
            }
        }
        Ok(())
    }

    fn plan_history(
        &mut self,
        tx: &rusqlite::Connection,
        plan_id: i64,
        plan: &Plan,
        by: &str,
    ) -> Result<(), StoreError> {
        let path = [PlanStatus::Requested, PlanStatus::Received, PlanStatus::Agreed, PlanStatus::Monitoring];
        let reached = path.iter().position(|s| *s == plan.status).unwrap_or(0);
        for (k, status) in path.iter().take(reached + 1).enumerate() {
            let on = if k == reached {
                plan.status_on
            } else {
                add_days(plan.requested_on, 3 * k as i64).min(plan.status_on)
            };
            let note = if k == 0 { plan.requested_note() } else { String::new() };
            insert_unaudited(tx, &PlanEvent { plan_id, status: *status, on, by: by.to_string(), note })?;
        }
        Ok(())
    }
}

/// Days between visits a setting of this judgement would have had.
fn usual_interval(latest: Option<Judgement>) -> i64 {
    match latest.map(|j| j.severity()) {
        Some(Severity::Inadequate) => 28,
        Some(Severity::RequiresImprovement) => 42,
        Some(Severity::Outstanding) => 182,
        _ => 91,
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

/// One step up or down the judgement's own scale.
fn step_away(j: Judgement, rng: &mut ChaCha8Rng) -> Judgement {
    let scale = if j.is_supported_accommodation_scale() { &Judgement::ALL[4..7] } else { &Judgement::ALL[..4] };
    let at = scale.iter().position(|x| *x == j).unwrap_or(0) as i32;
    let step = if rng.random_bool(0.5) { 1 } else { -1 };
    scale[(at + step).clamp(0, scale.len() as i32 - 1) as usize]
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
