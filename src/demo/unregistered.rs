//! Two unregistered placements: one open, a 14-year-old in a house a
//! children's home provider rents, under a deprivation of liberty order,
//! reviewed weekly but the latest review now overdue; one closed when its
//! supported accommodation provider registered the scheme.

use super::*;
use crate::domain::unregistered::{Review, Unregistered};

impl Generator<'_> {
    /// The two, where the estate has such providers; how many were written.
    pub(super) fn unregistered(&mut self, tx: &rusqlite::Connection, made: &[Made]) -> Result<usize, StoreError> {
        let day = |d: i64| add_days(self.today, d);
        let taken = crate::store::placements::child_refs(tx)?;
        let mut refs = (9000..).map(|n| format!("LAC-{n:04}")).filter(|r| !taken.contains(r));
        let provider_of =
            |kind: SettingKind| made.iter().find(|m| m.setting.kind == kind).map(|m| m.setting.provider_id);
        let mut count = 0;
        if let (Some(provider_id), Some(child)) = (provider_of(SettingKind::ChildrensHome), refs.next()) {
            let open = Unregistered {
                provider_id,
                address: "14 Mill Lane, Walsall WS2 8PL".into(),
                child_ref: ChildRef::parse(&child).expect("a well-formed reference"),
                start: day(-19),
                end: None,
                reason: "No registered children's home within 100 miles could meet her needs after the placement \
                         broke down at night; 41 homes approached."
                    .into(),
                deprivation_of_liberty: true,
                court: "High Court, Family Division".into(),
                order_on: Some(day(-18)),
                approved_by: "Director of Children's Services".into(),
                approved_on: day(-19),
                ofsted_notified_on: Some(day(-18)),
                applied_on: Some(day(-12)),
                application: "Application to register the house submitted; Ofsted registration visit awaited".into(),
                weekly_cost: Pence::from_pounds(9_800),
            };
            let id = insert_unaudited(tx, &open)?;
            for (back, note) in [
                (12, "Two-to-one staffing in place; social worker visited; the search for a registered home goes on."),
                (9, "Settled; education tutor arranged. Provider's application seen."),
            ] {
                let review = Review {
                    unregistered_id: id,
                    reviewed_on: day(-back),
                    reviewed_by: "Head of Service".into(),
                    note: note.into(),
                };
                insert_unaudited(tx, &review)?;
            }
            count += 1;
        }
        if let (Some(provider_id), Some(child)) = (provider_of(SettingKind::SupportedAccommodation), refs.next()) {
            let closed = Unregistered {
                provider_id,
                address: "Flat 3, 22 Station Road, Dudley DY1 4AA".into(),
                child_ref: ChildRef::parse(&child).expect("a well-formed reference"),
                start: day(-140),
                end: Some(day(-96)),
                reason: "A 17-year-old leaving custody with no registered supported accommodation offered in time."
                    .into(),
                deprivation_of_liberty: false,
                court: String::new(),
                order_on: None,
                approved_by: "Director of Children's Services".into(),
                approved_on: day(-141),
                ofsted_notified_on: Some(day(-139)),
                applied_on: Some(day(-135)),
                application: "Registered by Ofsted; he stays on as a registered placement".into(),
                weekly_cost: Pence::from_pounds(2_450),
            };
            let id = insert_unaudited(tx, &closed)?;
            for back in (97..=133).rev().step_by(7) {
                let review = Review {
                    unregistered_id: id,
                    reviewed_on: day(-back),
                    reviewed_by: "Team Manager, Leaving Care".into(),
                    note: "Safe and engaging with his personal adviser; registration application progressing.".into(),
                };
                insert_unaudited(tx, &review)?;
            }
            count += 1;
        }
        Ok(count)
    }
}
