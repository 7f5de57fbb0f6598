//! Two years of Regulation 40 notifications from the children's homes with
//! children placed: a few a home, mostly closed with the council's response.
//! One home shows a pattern: the last Good children's home with a child
//! placed (none of the real cases) has police incidents coming closer
//! together, four in the last 90 days (tier 2 by the policy's rule), and an
//! allegation against staff over a year ago, long closed.

use super::*;
use crate::domain::notification::{Category, Notification};
use std::collections::HashMap;

/// Days back of the pattern home's police incidents.
const PATTERN_POLICE: [i64; 6] = [170, 120, 75, 50, 28, 9];

/// The other categories, each as often as its weight, and what happened.
const ORDINARY: [(Category, u32, &str); 5] = [
    (Category::SeriousInjury, 20, "Taken to A&E after a fall during an activity; treated and discharged"),
    (Category::ChildProtection, 15, "Section 47 enquiry opened after a disclosure to staff"),
    (Category::Police, 25, "Missing overnight; found and returned by police"),
    (Category::Exploitation, 8, "Concern of exploitation: seen with older adults, referred to the MACE panel"),
    (Category::Other, 32, "Fire started in a bedroom; put out by staff, no one hurt"),
];

const RESPONSES: [&str; 4] = [
    "Social worker informed; strategy discussion held; safety plan updated",
    "Discussed with the registered manager; risk assessment reviewed",
    "Raised at the child's review; placement plan updated",
    "Checked at the next monitoring visit; records seen",
];

impl Generator<'_> {
    /// One of the ordinary categories, by its weight, and what happened.
    fn ordinary(&mut self) -> (Category, &'static str) {
        let mut roll: u32 = self.rng.random_range(0..ORDINARY.iter().map(|o| o.1).sum());
        for (category, weight, summary) in ORDINARY {
            if roll < weight {
                return (category, summary);
            }
            roll -= weight;
        }
        (Category::Other, ORDINARY[4].2)
    }

    /// The notifications; how many were written.
    pub(super) fn notifications(&mut self, tx: &rusqlite::Connection, made: &[Made]) -> Result<usize, StoreError> {
        let mut placed: HashMap<i64, Vec<Placement>> = HashMap::new();
        for p in crate::store::placements::all(tx)? {
            placed.entry(p.value.setting_id).or_default().push(p.value);
        }
        let mut count = 0;
        let homes = || made.iter().filter(|m| m.setting.kind == SettingKind::ChildrensHome);
        let pattern = homes()
            .rev()
            .find(|m| m.case.is_none() && m.latest == Some(Judgement::Good) && m.children > 0)
            .map(|m| m.id);
        for m in homes() {
            let Some(children) = placed.get(&m.id) else { continue };
            self.step(15_000_000 + m.id as u64);
            let mut events: Vec<(i64, Category, &str)> = Vec::new();
            for _ in 0..self.rng.random_range(0..=2) {
                let (category, summary) = self.ordinary();
                events.push((self.rng.random_range(1..730), category, summary));
            }
            if Some(m.id) == pattern {
                events.extend(PATTERN_POLICE.map(|d| (d, Category::Police, ORDINARY[2].2)));
                events.push((
                    400,
                    Category::Allegation,
                    "Allegation that a member of staff restrained a child roughly; LADO informed, staff member suspended",
                ));
            }
            for (back, category, summary) in events {
                let on = add_days(self.today, -back);
                let child = children.iter().find(|p| p.start <= on && p.end.is_none_or(|e| e > on));
                // An event needs a child placed then, but for an allegation about staff.
                if child.is_none() && category != Category::Allegation {
                    continue;
                }
                let closed_on = (back > 30).then(|| add_days(on, self.rng.random_range(2..21)));
                let response = match closed_on {
                    Some(_) => self.pick(&RESPONSES).to_string(),
                    None => String::new(),
                };
                let n = Notification {
                    setting_id: m.id,
                    notified_on: on,
                    child_ref: child.filter(|_| category != Category::Allegation).map(|p| p.child_ref.clone()),
                    category,
                    summary: summary.into(),
                    response,
                    closed_on,
                };
                insert_unaudited(tx, &n)?;
                count += 1;
            }
        }
        Ok(count)
    }
}
