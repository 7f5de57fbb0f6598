//! The evidence providers and practitioners give: the returns sent over two
//! years of quarters and three of self-assessments, as far back as the tier
//! reads (most on time, some late, a few never, by the same schedule the
//! screens read), practitioners' ratings of the main fostering agencies, and
//! the Resources Panel's cases.

use super::*;
use crate::domain::policy::Policy;
use crate::domain::reg44::MonthState;
use crate::domain::returns::{self, Owing, ProviderReturn, ReturnKind, SELF_GRADES, SelfGrades};
use crate::store::returns::FACT_PERIODS;

impl<'w> Generator<'w> {
    /// The returns sent, and the practitioners' ratings given.
    pub(super) fn returns(
        &mut self,
        tx: &rusqlite::Connection,
        made: &[Made],
        provider_ids: &[i64],
    ) -> Result<(usize, usize), StoreError> {
        let policy = Policy::default().returns;
        // Monitored, as far as the demo knows: in our area or with a child placed.
        let owing: Vec<Owing> = made
            .iter()
            .filter(|m| m.setting.in_area || m.children > 0)
            .map(|m| Owing {
                setting_id: m.id,
                provider_id: provider_ids[m.provider],
                kind: m.setting.kind,
                opened_on: m.setting.opened_on,
                children: m.children,
            })
            .collect();
        let given = self.feedback(tx, &owing, &policy)?;
        self.panel(tx, made, provider_ids)?;
        let due = returns::schedule(
            &owing,
            &Default::default(),
            &[],
            &policy,
            self.today,
            &returns::shown(self.today, FACT_PERIODS),
        );
        let mut count = 0;
        for (n, d) in due.iter().enumerate() {
            self.step(12_000_000 + n as u64);
            let ended = d.period.last_day() < self.today;
            let roll = self.rng.random_range(0..100);
            let received = match d.state {
                // Not yet due: a few sent early, once the period is over.
                MonthState::Awaited if ended && roll < 30 => {
                    let days = (self.today - d.period.last_day()).num_days().max(1);
                    Some(add_days(d.period.last_day(), self.rng.random_range(1..=days)))
                }
                MonthState::Awaited => None,
                _ if roll < 78 => Some(add_days(d.due, -self.rng.random_range(0..25))),
                _ if roll < 92 => Some(add_days(d.due, self.rng.random_range(1..45)).min(self.today)),
                _ => None,
            };
            let earliest = if d.kind.quarterly() { d.period.last_day() } else { d.period.first_day() };
            let Some(received) = received.map(|r| r.max(earliest).min(self.today)) else { continue };
            let mut r = ProviderReturn::new(d.kind, d.provider_id, d.setting_id, d.period, received);
            self.fill_return(&mut r);
            insert_unaudited(tx, &r)?;
            count += 1;
        }
        Ok((count, given))
    }

    /// Six months of the Resources Panel: young people placed in supported
    /// accommodation brought by their provider, most outcomes heard a month on.
    fn panel(&mut self, tx: &rusqlite::Connection, made: &[Made], provider_ids: &[i64]) -> Result<usize, StoreError> {
        use crate::domain::panel::{PanelCase, PanelOutcome, PanelRisk};
        let mut providers: Vec<i64> = made
            .iter()
            .filter(|m| m.setting.kind == SettingKind::SupportedAccommodation && m.children > 0)
            .map(|m| provider_ids[m.provider])
            .collect();
        providers.dedup();
        let months = Month::of(self.today).back(6);
        let packages = [
            "Tenancy support worker twice a week; rent arrears plan agreed with the provider.",
            "Daily key-work sessions; referral to the substance misuse service.",
            "Return home interviews after each missing episode; safety plan shared with police.",
            "Move to a scheme with 24-hour staffing while a longer-term plan is made.",
        ];
        let mut count = 0;
        for provider in providers {
            self.step(14_000_000 + provider as u64);
            let placed = crate::store::placements::for_provider(tx, provider)?;
            for (n, month) in months.iter().enumerate() {
                for p in placed.iter().filter(|p| p.value.is_active(month.first_day())) {
                    if self.rng.random_range(0..100) >= 12 {
                        continue;
                    }
                    let this_month = n + 1 == months.len();
                    let heard = !this_month && self.rng.random_range(0..100) < 80;
                    let outcome = heard.then(|| match self.rng.random_range(0..10) {
                        0..=5 => PanelOutcome::Settled,
                        6 | 7 => PanelOutcome::Continuing,
                        8 => PanelOutcome::Moved,
                        _ => PanelOutcome::Evicted,
                    });
                    let case = PanelCase {
                        month: *month,
                        provider_id: provider,
                        child_ref: p.value.child_ref.clone(),
                        risk: self.pick(&[
                            PanelRisk::Eviction,
                            PanelRisk::NonEngagement,
                            PanelRisk::Missing,
                            PanelRisk::Exploitation,
                        ]),
                        details: "Raised by the provider's manager.".into(),
                        package: self.pick(&packages).to_string(),
                        outcome,
                        outcome_month: outcome.map(|_| month.next()),
                        outcome_note: String::new(),
                    };
                    insert_unaudited(tx, &case)?;
                    count += 1;
                }
            }
        }
        Ok(count)
    }

    /// Practitioners' ratings of the main agencies, a child at a time, for
    /// the quarters the Feedback screen shows; the first agency's fall
    /// quarter by quarter.
    fn feedback(
        &mut self,
        tx: &rusqlite::Connection,
        owing: &[Owing],
        policy: &crate::domain::policy::Returns,
    ) -> Result<usize, StoreError> {
        use crate::domain::feedback::{Feedback, Practitioner};
        let quarters = returns::periods(ReturnKind::Fostering, self.today, crate::store::feedback::QUARTERS);
        let mut count = 0;
        for (rank, agency) in returns::main_agencies(owing, policy).into_iter().enumerate() {
            self.step(13_000_000 + agency as u64);
            let placements = crate::store::placements::for_provider(tx, agency)?;
            let base = if rank == 0 { 4.5 } else { self.rng.random_range(2.8..4.6) };
            for (age, period) in quarters.iter().enumerate() {
                let returns::Period::Quarter(quarter) = *period else { continue };
                // The first agency slips half a point a quarter, to today (newest first).
                let mean: f64 = if rank == 0 { base - 0.5 * (quarters.len() - 1 - age) as f64 } else { base };
                let last = quarter.last_day().min(self.today);
                let days = (last - quarter.first_day()).num_days().max(0);
                let placed = placements
                    .iter()
                    .filter(|p| p.value.start <= last && p.value.end.is_none_or(|e| e > quarter.first_day()));
                for p in placed {
                    if self.rng.random_range(0..100) < 35 {
                        continue;
                    }
                    let mut rating = || (mean + self.rng.random_range(-1.0..1.0_f64)).round().clamp(1.0, 5.0) as u8;
                    let (communication, stability, needs) = (rating(), rating(), rating());
                    let practitioner =
                        if self.rng.random_range(0..100) < 40 { Practitioner::Iro } else { Practitioner::SocialWorker };
                    let f = Feedback {
                        provider_id: agency,
                        quarter,
                        child_ref: p.value.child_ref.clone(),
                        practitioner,
                        given_on: add_days(quarter.first_day(), self.rng.random_range(0..=days)),
                        communication,
                        stability,
                        needs,
                        comment: String::new(),
                    };
                    insert_unaudited(tx, &f)?;
                    count += 1;
                }
            }
        }
        Ok(count)
    }

    /// What a return of its kind plausibly says.
    fn fill_return(&mut self, r: &mut ProviderReturn) {
        match r.kind {
            ReturnKind::SelfAssessment => {
                let grades = returns::graded_standards()
                    .map(|s| {
                        let g = match self.rng.random_range(0..10) {
                            0 => SELF_GRADES[0],
                            1..=7 => SELF_GRADES[1],
                            _ => SELF_GRADES[2],
                        };
                        (s, g)
                    })
                    .collect();
                r.grades = SelfGrades(grades);
                r.strengths = "Stable staff team; children's voices heard in house meetings.".into();
                r.improvements = "Education attendance; recording of physical interventions.".into();
                r.response = "Agreed; to be checked at the next monitoring visit.".into();
            }
            ReturnKind::Supported => {
                let places = self.rng.random_range(4..20);
                r.places = Some(places);
                r.occupied = Some(self.rng.random_range(places / 2..=places));
                let issues = self.rng.random_range(0..4);
                r.safeguarding_issues = Some(issues);
                if issues > 0 {
                    r.safeguarding = "Referrals made to the local authority; strategy discussions held.".into();
                }
                r.interagency = "Joint work with leaving care, housing and the youth offending service.".into();
                r.feedback = "Residents ask for more help with budgeting.".into();
            }
            ReturnKind::Fostering => {
                r.breakdowns = Some(self.rng.random_range(0..3));
                r.disruptions = Some(self.rng.random_range(0..5));
                r.outcomes = "Most children attending school; two reunified with family.".into();
                r.contract_issues = "Invoices for respite late.".into();
                r.market_gaps = "Few carers for sibling groups and teenagers.".into();
            }
        }
    }
}
