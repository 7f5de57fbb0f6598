//! Every placed child's needs on the Valuing Care tool: measured when
//! placed and every six months since, most easing a little while placed,
//! a few rising; children with many needs cost more.

use super::*;
use crate::domain::needs::{NeedsAssessment, Occasion, Scores};

/// Days between a child's needs reviews.
const REVIEW_DAYS: i64 = 182;

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
}
