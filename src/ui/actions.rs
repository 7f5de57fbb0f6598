//! What several screens offer on their records: archiving one (or bringing
//! it back), deleting one entered by mistake, issuing a placement stop,
//! requesting an improvement plan.

use super::app::{Ctx, Effect, confirm};
use super::event::Action;
use super::forms::target::{self, Target};
use super::forms::{plan as plan_forms, stop as stop_forms};
use crate::domain::date::add_days;
use crate::domain::plan::PlanSource;
use crate::store::Store;
use crate::ui::concerns::Names;

/// The confirmation that archives a record, or restores an archived one.
pub fn archive_toggle<T: crate::store::Record + 'static>(
    ctx: &Ctx,
    id: i64,
    version: i64,
    value: &T,
    set: fn(&mut T, Option<chrono::NaiveDate>),
    what_stays: &str,
) -> Effect {
    let name = value.describe();
    let mut changed = value.clone();
    if value.archived_on().is_some() {
        set(&mut changed, None);
        confirm(format!("Restore {name} to the working lists?"), move |store: &mut Store| {
            store.update(id, version, &changed).map(|s| format!("Restored {}", s.value.describe()))
        })
    } else {
        let shows = ctx.key(Action::ToggleArchived);
        confirm(format!("Archive {name}? {what_stays}"), move |store: &mut Store| {
            set(&mut changed, Some(store.today()));
            store
                .update(id, version, &changed)
                .map(|s| format!("Archived {} ({shows} shows archived records)", s.value.describe()))
        })
    }
}

/// The confirmation that deletes a record entered by mistake.
pub fn delete<T: crate::store::Deletable + 'static>(record: &crate::store::Stored<T>, what: &str) -> Effect {
    let (id, version) = (record.id, record.version);
    confirm(
        format!("Delete {what}? Only do this for a record entered by mistake; the audit trail keeps a copy."),
        move |store: &mut Store| store.delete::<T>(id, version).map(|()| format!("Deleted the {}", T::NOUN)),
    )
}

/// The form to issue a stop on `target`, citing `concern` if given.
pub fn issue_stop(ctx: &Ctx, target: Target, concern: Option<i64>) -> Effect {
    let result = (|| {
        let targets = target::choices(ctx.store)?;
        let names = Names::load(ctx.store)?;
        let open: Vec<super::forms::Choice> = ctx
            .store
            .concerns()?
            .into_iter()
            .filter(|c| c.value.is_open() && c.value.provider_id == target.provider_id)
            .map(|c| {
                super::forms::Choice::new(
                    c.id.to_string(),
                    format!("{} · {}", c.value.raised_on, names.of(c.value.provider_id, c.value.setting_id)),
                )
            })
            .collect();
        let today = ctx.store.today();
        // Visits in the last quarter, to this provider's settings or with it.
        let visits = ctx
            .store
            .visits_to_provider(target.provider_id)?
            .into_iter()
            .filter(|v| v.value.completed.is_some_and(|on| on >= add_days(today, -91)))
            .map(|v| {
                let outcome = v.value.outcome.map(|o| o.label().to_lowercase()).unwrap_or_default();
                let on = v.value.completed.map(|d| d.to_string()).unwrap_or_default();
                let place = match v.value.setting_id.and_then(|id| names.setting(id)) {
                    Some(setting) => setting.clone(),
                    None => v.value.kind.label().to_string(),
                };
                super::forms::Choice::new(v.id.to_string(), format!("{on} · {outcome} · {place}"))
            })
            .collect();
        let grounds = stop_forms::Grounds { concerns: open, visits };
        let review_after = ctx.policy.stops.review_after_days;
        let mut form = stop_forms::issue_form(targets, target, grounds, review_after, ctx.store.user(), today);
        if let Some(id) = concern {
            form.preset("concern", &id.to_string());
        }
        Ok(Effect::Form(form))
    })();
    result.into()
}

/// The form to request a plan about `target`, raised from `source`.
pub fn request_plan(ctx: &Ctx, target: Target, source: (PlanSource, Option<i64>)) -> Effect {
    target::choices(ctx.store)
        .map(|t| Effect::Form(plan_forms::form(t, target, source, None, ctx.store.today())))
        .into()
}
