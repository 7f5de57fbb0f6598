//! Ofsted's "Children's social care data in England: provider level" file,
//! any year's, read exactly as published (see [`parse`]). Each import
//! matches settings by URN, creates unknown ones as watched, and records
//! each inspection it has not seen (one per event number, else date), so a
//! run of years builds each setting's history. A file older than the one a
//! setting's details came from adds history only: it never overwrites newer
//! details, never makes an older judgement the latest, and raises no alert.
//! Changes compare the latest judgement before and after by rank, so a
//! change of words alone (Requires Improvement, Requires improvement to be
//! good) is no change.

mod parse;
mod summary;

pub use parse::{OfstedFile, OfstedRow, as_at_in, kind_of, parse};
pub use summary::{JudgementChange, Missing, Summary};

use crate::domain::alert::RatingAlert;
use crate::domain::inspection::{Inspection, latest_judged};
use crate::domain::policy::Decommissioning;
use crate::domain::provider::Provider;
use crate::domain::rating::Severity;
use crate::domain::setting::{Registration, Setting};
use crate::store::ofsted::{self as known, Known, provider_key};
use crate::store::{Store, StoreError, Stored};
use crate::store::{decommission, record};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashSet;

/// Where settings go whose owner the file does not name.
pub const UNNAMED_OWNER: &str = "Provider not named by Ofsted";

/// How the import treats new settings.
pub struct Options {
    /// New settings in this authority count as in the council's area.
    pub home_authority: String,
    pub dry_run: bool,
    /// The decommissioning protocol's days, for reviews a fall below Good opens.
    pub decommissioning: Decommissioning,
}

/// Whether `file` is an event already among `stored`: the same event
/// number, or the same date where either has no number.
fn recorded(file: &Inspection, stored: &[Stored<Inspection>]) -> bool {
    stored.iter().any(|s| match (&file.event_ref, &s.value.event_ref) {
        (Some(a), Some(b)) => a == b,
        _ => file.date == s.value.date,
    })
}

/// Turns a record's refusal into one that names the file's row.
fn at_row(row: usize) -> impl Fn(StoreError) -> StoreError {
    move |e| match e {
        StoreError::Invalid(list) => StoreError::Invalid(
            list.into_iter()
                .map(|i| crate::domain::Invalid::new(i.field, format!("row {row}: {}", i.message)))
                .collect(),
        ),
        other => other,
    }
}

/// One import's work inside its transaction.
struct Run<'a> {
    tx: &'a Connection,
    user: &'a str,
    today: NaiveDate,
    home: String,
    days: &'a Decommissioning,
    as_at: NaiveDate,
    known: Known,
    summary: Summary,
}

impl Run<'_> {
    fn provider(&mut self, owner: &str) -> Result<i64, StoreError> {
        let key = provider_key(owner);
        if let Some(id) = self.known.providers.get(&key) {
            return Ok(*id);
        }
        let p = Provider { name: owner.to_string(), contact: String::new(), notes: String::new(), archived_on: None };
        let id = record::insert(self.tx, self.user, self.today, &p)?.id;
        self.known.providers.insert(key, id);
        Ok(id)
    }

    /// The setting the row describes, created or brought up to date unless
    /// its details come from a newer file; its id, and whether it changed.
    fn setting(&mut self, r: &OfstedRow, older: bool) -> Result<(i64, bool), StoreError> {
        let owner = (!r.owner.is_empty()).then_some(r.owner.as_str());
        let Some(held) = self.known.settings.get(&r.urn).cloned() else {
            let provider_id = self.provider(owner.unwrap_or(UNNAMED_OWNER)).map_err(at_row(r.row))?;
            let setting = Setting {
                urn: Some(r.urn.clone()),
                name: r.name.clone().unwrap_or_else(|| format!("{} {} (name withheld)", r.kind.label(), r.urn)),
                kind: r.kind,
                places: r.places,
                local_authority: r.local_authority.clone(),
                region: r.region.clone(),
                in_area: provider_key(&r.local_authority) == self.home,
                registration: r.registration,
                ..Setting::blank(provider_id)
            };
            let stored = record::insert(self.tx, self.user, self.today, &setting).map_err(at_row(r.row))?;
            self.summary.created += 1;
            return Ok((stored.id, false));
        };
        if older {
            return Ok((held.id, false));
        }
        let mut next = held.value.clone();
        next.registration = r.registration;
        next.places = r.places.or(next.places);
        if let Some(owner) = owner {
            next.provider_id = self.provider(owner).map_err(at_row(r.row))?;
        }
        if let Some(name) = &r.name {
            next.name = name.clone();
        }
        if !r.local_authority.is_empty() {
            next.local_authority = r.local_authority.clone();
        }
        if !r.region.is_empty() {
            next.region = r.region.clone();
        }
        let changed = next != held.value;
        if changed {
            record::update(self.tx, self.user, self.today, held.id, held.version, &next).map_err(at_row(r.row))?;
        }
        Ok((held.id, changed))
    }

    /// Records the row's inspection if it is new; whether it was.
    fn inspection(&mut self, r: &OfstedRow, setting_id: i64, older: bool) -> Result<bool, StoreError> {
        let Some(file) = &r.inspection else { return Ok(false) };
        let held = self.known.inspections.get(&setting_id).map_or(&[][..], Vec::as_slice);
        if recorded(file, held) {
            return Ok(false);
        }
        let before = latest_judged(held.iter().map(|s| &s.value)).cloned();
        let inspection = Inspection { setting_id, ..file.clone() };
        let stored = record::insert(self.tx, self.user, self.today, &inspection).map_err(at_row(r.row))?;
        let stored_id = stored.id;
        self.known.inspections.entry(setting_id).or_default().push(stored);
        let s = &mut self.summary;
        s.inspections_recorded += 1;
        let Some(to) = file.overall else { return Ok(true) };
        if before.as_ref().is_some_and(|b| file.date < b.date) {
            s.history_added += 1;
            return Ok(true);
        }
        s.latest_judgements += 1;
        match before.and_then(|b| b.overall) {
            None => s.first_judgements += 1,
            Some(from) if !older && from.severity() != to.severity() => {
                let children = self.known.children.get(&setting_id).copied().unwrap_or(0);
                let alert = RatingAlert::new(setting_id, from, to, file.date, children, self.today);
                s.downgrades += usize::from(alert.is_downgrade());
                s.upgrades += usize::from(!alert.is_downgrade());
                s.new_inadequate += usize::from(to.severity() == Severity::Inadequate);
                let name = self.known.settings.get(&r.urn).map_or_else(|| r.urn.to_string(), |s| s.value.name.clone());
                let opened = match alert.is_downgrade() {
                    true => decommission::open_if_fallen(self.tx, self.user, self.today, self.days, stored_id)?,
                    false => None,
                };
                s.decommissioning_opened += usize::from(opened.is_some());
                s.judgement_changes.push(JudgementChange {
                    urn: r.urn.to_string(),
                    setting: name,
                    from,
                    to,
                    inspected: file.date,
                    urgent: alert.urgent,
                    review_opened: opened.is_some(),
                });
                record::insert(self.tx, self.user, self.today, &alert).map_err(at_row(r.row))?;
            }
            Some(_) => {}
        }
        Ok(true)
    }

    fn row(&mut self, r: &OfstedRow) -> Result<(), StoreError> {
        let existed = self.known.settings.get(&r.urn).map(|s| s.id);
        let older = existed.and_then(|id| self.known.as_at.get(&id)).is_some_and(|held| self.as_at < *held);
        let (setting_id, changed) = self.setting(r, older)?;
        let inspected = self.inspection(r, setting_id, older)?;
        if !older {
            known::listed(self.tx, setting_id, self.as_at)?;
        }
        if existed.is_some() {
            self.summary.older_than_held += usize::from(older);
            match changed || inspected {
                true => self.summary.updated += 1,
                false => self.summary.unchanged += 1,
            }
        }
        Ok(())
    }

    /// Settings we hold that a file at least as new as any before does not list.
    fn missing(&self, file: &OfstedFile, newest: Option<NaiveDate>) -> Vec<Missing> {
        if newest.is_some_and(|n| file.as_at < n) {
            return Vec::new();
        }
        let listed: HashSet<_> = file.rows.iter().map(|r| &r.urn).collect();
        let mut out: Vec<Missing> = self
            .known
            .settings
            .iter()
            .filter(|(urn, s)| {
                !listed.contains(urn) && s.value.registration != Registration::Closed && s.value.archived_on.is_none()
            })
            .map(|(urn, s)| Missing { urn: urn.to_string(), setting: s.value.name.clone() })
            .collect();
        out.sort_by(|a, b| a.setting.cmp(&b.setting));
        out
    }
}

/// Imports `file` (already parsed) in one transaction, or with `dry_run`
/// does all of it and undoes it, so the summary says exactly what the import
/// would do. What the database holds is read inside the transaction.
/// `progress` hears how many rows are done.
pub fn import(
    store: &mut Store,
    file: &OfstedFile,
    options: &Options,
    mut progress: impl FnMut(usize, usize),
) -> Result<Summary, StoreError> {
    let home = provider_key(&options.home_authority);
    let work = |tx: &Connection, user: &str, today: NaiveDate| -> Result<Summary, StoreError> {
        let newest = known::newest(tx)?;
        let mut run = Run {
            tx,
            user,
            today,
            home,
            days: &options.decommissioning,
            as_at: file.as_at,
            known: known::known(tx, today)?,
            summary: Summary {
                rows: file.rows.len(),
                as_at: Some(file.as_at),
                as_at_titled: file.titled,
                ..Summary::default()
            },
        };
        run.summary.missing_from_file = run.missing(file, newest);
        for (done, r) in file.rows.iter().enumerate() {
            progress(done, file.rows.len());
            run.row(r)?;
        }
        progress(file.rows.len(), file.rows.len());
        Ok(run.summary)
    };
    match options.dry_run {
        true => store.rehearse(work),
        false => store.write(work),
    }
}
