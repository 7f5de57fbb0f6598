//! One decommissioning review in progress (document 002): a children's home
//! with children placed, Good until an inspection a month ago judged it
//! Requires improvement. The council learned of it 24 days ago; the DCS
//! was told and the home visited, and the review of each child's
//! placement is now overdue, with the decision due in four days.

use super::*;
use crate::domain::alert::RatingAlert;
use crate::domain::decommission::{Review, opens};

impl Generator<'_> {
    /// The review, if the estate has such a home; how many were opened.
    pub(super) fn decommissioning(&mut self, tx: &rusqlite::Connection, made: &[Made]) -> Result<usize, StoreError> {
        let Some(home) = made.iter().find(|m| {
            m.setting.kind == SettingKind::ChildrensHome
                && m.case.is_none()
                && m.children >= 2
                && m.latest == Some(Judgement::Good)
                && m.inspected.is_some_and(|d| d < add_days(self.today, -31))
        }) else {
            return Ok(0);
        };
        let day = |d: i64| add_days(self.today, d);
        let learned = day(-24);
        let fell = Inspection {
            overall: Some(Judgement::RequiresImprovement),
            protection: Some(Judgement::RequiresImprovement),
            leadership: Some(Judgement::Good),
            recorded_on: Some(learned),
            event_ref: Some((10_000_000 + self.events + 1).to_string()),
            ..Inspection::headline(home.id, day(-31), InspectionKind::Full, None)
        };
        let mut history: Vec<Inspection> =
            crate::store::inspections::for_setting(tx, home.id)?.into_iter().map(|s| s.value).collect();
        history.push(fell.clone());
        let days = crate::domain::policy::Policy::default().decommissioning;
        let Some(change) = opens(&history, &fell, home.children, learned, &days) else { return Ok(0) };
        let inspection_id = insert_unaudited(tx, &fell)?;
        let mut alert = RatingAlert::new(home.id, change.0, change.1, fell.date, home.children, learned);
        alert.acknowledged_on = Some(day(-23));
        alert.acknowledged_by = home.officer.clone();
        insert_unaudited(tx, &alert)?;
        let mut review = Review::open(inspection_id, change, &fell, home.children, &home.officer, learned, &days);
        review.notify.owner = "Head of Commissioning".into();
        review.notify.done_on = Some(day(-23));
        review.visit.done_on = Some(day(-16));
        review.decide.owner = "Director of Children's Services".into();
        review.note = "Inspection found weak oversight of missing episodes; the visit found a new manager \
                       starting and records now kept. Reviews of each child's placement under way."
            .into();
        insert_unaudited(tx, &review)?;
        let visit = Visit {
            setting_id: Some(home.id),
            provider_id: None,
            kind: VisitKind::Unannounced,
            planned: day(-16),
            completed: Some(day(-16)),
            officer: home.officer.clone(),
            outcome: Some(VisitOutcome::Concerns),
            notes: "Decommissioning review visit after the home fell to Requires improvement: missing-episode \
                    records incomplete; new manager starting."
                .into(),
            follow_up: "Review each child's placement with their social worker before the decision.".into(),
            trip: None,
        };
        insert_unaudited(tx, &visit)?;
        Ok(1)
    }
}
