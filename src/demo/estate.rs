//! The demo's estate: providers, their settings, contracts and the children placed.

use super::*;

impl<'w> Generator<'w> {
    /// The mix of provider lines: mostly residential, as councils' spend is.
    pub(super) fn provider_lines(&mut self, n: usize, mix: [usize; 3]) -> Vec<Line> {
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
    pub(super) fn provider_sizes(&mut self, lines: &[Line], total: usize) -> Vec<usize> {
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

    pub(super) fn urn(&mut self, kind: SettingKind) -> Urn {
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

    pub(super) fn area(&mut self) -> &'w Area {
        let areas = &self.words.areas;
        areas.choose_weighted(&mut self.rng, |a| a.share).expect("demo areas have shares")
    }

    /// Moves a generated scheme to `area` after the fact, so that no draw
    /// changes and every other setting stays as it was.
    pub(super) fn relocate(&mut self, setting: &mut Setting, area: &Area, n: usize) {
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

    pub(super) fn setting(&mut self, provider_id: i64, line: Line, n: usize, stem: &str) -> Setting {
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
    pub(super) fn monitoring_extras(&mut self, m: &mut Made) {
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

    /// The block, framework and DPS contracts; returns each provider's main one.
    pub(super) fn contracts(
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
            // Block and framework contracts carry the year's no-fault
            // notice (document 002); one framework's has been given. The
            // block contract pays for outcomes by stage (document 000).
            let clause = matches!(kind, ContractType::Block | ContractType::Framework);
            let payments = match kind {
                ContractType::Block => PaymentSchedule(super::needs::STAGE_PAYMENTS.map(Pence::from_pounds).to_vec()),
                _ => PaymentSchedule::default(),
            };
            let contract = Contract {
                provider_id,
                reference: format!("MCC-{}-{:03}", &kind.code()[..3].to_uppercase(), p + 1),
                kind,
                title: title.into(),
                start: april(years_back),
                end: Some(add_days(april(years_back - 4), -1)),
                annual_value: Pence::from_pounds(value),
                returns: ReturnsOwed::Policy,
                notice_months: clause.then_some(USUAL_NOTICE_MONTHS),
                notice_given_on: (kind == ContractType::Framework && p % 10 == 7).then(|| add_days(self.today, -75)),
                payments,
            };
            out.push(Some(insert_unaudited(tx, &contract)?));
        }
        Ok(out)
    }

    pub(super) fn weekly_cost(&mut self, kind: SettingKind) -> Pence {
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
    pub(super) fn placements(
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
            // Before the framework and the block contracts took hold, more was bought
            // spot: of placements begun over two years ago one in two, one to two
            // years ago one in four, since then one in twenty (by the placement's
            // number, not a draw, so every other draw stays as it was).
            let age = (self.today - start).num_days();
            let spot_share = match age {
                a if a > 730 => 50,
                a if a > 365 => 25,
                _ => 5,
            };
            let bought_spot = (n * 37 + 11) % 100 < spot_share;
            let contract_id = match main_contracts[m.provider].filter(|_| !bought_spot) {
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
                            returns: ReturnsOwed::Policy,
                            notice_months: None,
                            notice_given_on: None,
                            payments: PaymentSchedule::default(),
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
}
