//! The returns providers sent over the periods the schedule shows: most on
//! time, some late, a few never, by the same schedule the screens read.

use super::*;
use crate::domain::policy::Policy;
use crate::domain::reg44::MonthState;
use crate::domain::returns::{self, Owing, ProviderReturn, ReturnKind, SELF_GRADES, SelfGrades};
use crate::store::returns::SHOWN;

impl<'w> Generator<'w> {
    pub(super) fn returns(
        &mut self,
        tx: &rusqlite::Connection,
        made: &[Made],
        provider_ids: &[i64],
    ) -> Result<usize, StoreError> {
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
        let due = returns::schedule(
            &owing,
            &Default::default(),
            &[],
            &policy,
            self.today,
            &returns::shown(self.today, SHOWN),
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
            let Some(received) = received.map(|r| r.max(d.period.first_day())) else { continue };
            let mut r = ProviderReturn::new(d.kind, d.provider_id, d.setting_id, d.period, received);
            self.fill_return(&mut r);
            insert_unaudited(tx, &r)?;
            count += 1;
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
