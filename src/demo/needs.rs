//! Every placed child's needs on the Valuing Care tool: measured when
//! placed and every six months since, most easing a little while placed,
//! a few rising; children with many needs cost more. And outcome-based
//! placements at the first provider with a block contract: staged SMART
//! outcomes, most met and paid, some met with the payment due, a few missed.

use super::*;
use crate::domain::needs::{NeedsAssessment, Occasion, Scores};
use crate::domain::outcome::Outcome;

/// Days between a child's needs reviews.
const REVIEW_DAYS: i64 = 182;

/// The block contract's outcome payments by stage, in pounds.
pub(super) const STAGE_PAYMENTS: [i64; 3] = [1_200, 1_500, 800];

impl<'w> Generator<'w> {
    /// The needs of every child placed now or in the last year.
    pub(super) fn needs(&mut self, tx: &rusqlite::Connection) -> Result<usize, StoreError> {
        let mut count = 0;
        let year_ago = add_days(self.today, -365);
        for p in crate::store::placements::all(tx)? {
            if p.value.start > self.today || p.value.end.is_some_and(|e| e < year_ago) {
                continue;
            }
            self.step(14_000_000 + p.id as u64);
            // Dearer placements tend to be for children with more needs.
            let heavy = u8::from(p.value.weekly_cost.0 >= 400_000) + u8::from(p.value.weekly_cost.0 >= 700_000);
            let mut scores = [0u8; 12];
            for s in &mut scores {
                *s = (self.rng.random_range(0..=2u8) + heavy).saturating_sub(1).min(3);
            }
            let trend: i8 = if self.rng.random_range(0..100) < 80 { -1 } else { 1 };
            let last = p.value.end.unwrap_or(self.today).min(self.today);
            let mut on = add_days(p.value.start, self.rng.random_range(0..14)).min(last);
            let mut occasion = Occasion::Placement;
            loop {
                let a = NeedsAssessment {
                    placement_id: p.id,
                    assessed_on: on,
                    occasion,
                    assessor: self.pick(&["Social worker", "IRO", "Social worker and carer"]).to_string(),
                    scores: Scores(scores),
                };
                insert_unaudited(tx, &a)?;
                count += 1;
                on = add_days(on, REVIEW_DAYS);
                if on > last {
                    break;
                }
                occasion = Occasion::Review;
                for s in &mut scores {
                    if self.rng.random_range(0..100) < 12 {
                        *s = (*s as i8 + trend).clamp(0, 3) as u8;
                    }
                }
            }
        }
        Ok(count)
    }

    /// Staged outcomes for each child placed now with the first provider
    /// holding a block contract, paid by its schedule; how many were agreed.
    pub(super) fn outcomes(&mut self, tx: &rusqlite::Connection) -> Result<usize, StoreError> {
        const AIMS: [(&str, &str); 3] = [
            ("Attends school or college every day for a term", "attendance at or above 95% on the school's register"),
            ("No missing-from-care episode for three months", "missing episodes recorded in the home's log"),
            ("Cooks a meal and manages a weekly budget unaided", "key worker's independence checklist signed off"),
        ];
        let Some(provider) = crate::store::contracts::block_provider(tx)? else { return Ok(0) };
        let mut count = 0;
        let today = self.today;
        for p in crate::store::placements::for_provider(tx, provider)?.into_iter().filter(|p| p.value.is_active(today))
        {
            self.step(15_000_000 + p.id as u64);
            for (stage, ((what, measure), pounds)) in AIMS.into_iter().zip(STAGE_PAYMENTS).enumerate() {
                let agreed_on = add_days(p.value.start, 14 + 60 * stage as i64).min(self.today);
                let target = add_days(agreed_on, 120);
                let roll = self.rng.random_range(0..100);
                let met_on =
                    (roll < 70 && target <= self.today).then(|| add_days(target, -self.rng.random_range(5..60)));
                let paid_on = met_on.filter(|_| roll < 50).map(|m| add_days(m, 21).min(self.today));
                let o = Outcome {
                    placement_id: p.id,
                    what: what.into(),
                    measure: measure.into(),
                    agreed_on,
                    target,
                    stage: stage as u32 + 1,
                    payment: Pence::from_pounds(pounds),
                    met_on,
                    evidence: met_on.map_or_else(String::new, |_| format!("{measure}: met")),
                    paid_on,
                };
                insert_unaudited(tx, &o)?;
                count += 1;
            }
        }
        Ok(count)
    }
}
