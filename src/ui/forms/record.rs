//! The form of one record type: built from its fields, saved by inserting
//! or updating at the version read, and after a duplicate offering the
//! record that exists where the kind can find it.

use super::{Field, Form, FormSpec, Problem, Saved, Values};
use crate::domain::Invalid;
use crate::store::{Record, RecordRef, Store, StoreError, Stored};
use chrono::NaiveDate;

/// A form for one record type: new when `existing` is `None`, else an edit
/// of the record read at that id and version.
pub struct RecordForm<T> {
    pub existing: Option<(i64, i64)>,
    pub build: Builder<T>,
    /// After a duplicate: the form of the record already stored, if the
    /// kind can find it.
    pub stored_like: Option<Finder<T>>,
    /// Saves it where a kind's save does more than insert or update (an
    /// inspection may open a decommissioning review): the record stored and
    /// anything more to say.
    pub saves: Option<Saver<T>>,
}

/// Saves a record, new or at the (id, version) read, in one transaction.
pub type Saver<T> = Box<dyn Fn(&mut Store, Option<(i64, i64)>, &T) -> Result<(Stored<T>, String), StoreError>>;

/// Finds the stored record a new one duplicates, as a form to edit it.
pub type Finder<T> = Box<dyn Fn(&T, &Store) -> Option<Form>>;

/// Builds a record from a form's values.
pub type Builder<T> = Box<dyn Fn(&Values) -> Result<T, Invalid>>;

impl<T: Record> FormSpec for RecordForm<T> {
    fn problems(&self, form: &Form, today: NaiveDate) -> Vec<Problem> {
        let found = match (self.build)(&form.values()) {
            Ok(record) => record.problems(today),
            Err(invalid) => vec![invalid],
        };
        found.into_iter().map(|i| (None, i)).collect()
    }

    fn save(&self, form: &Form, store: &mut Store) -> Result<Saved, StoreError> {
        let record = (self.build)(&form.values()).map_err(|i| StoreError::Invalid(vec![i]))?;
        let verb = if self.existing.is_some() { "Saved" } else { "Added" };
        let (stored, more) = match (&self.saves, self.existing) {
            (Some(saves), existing) => saves(store, existing, &record)?,
            (None, None) => (store.insert(&record)?, String::new()),
            (None, Some((id, version))) => (store.update(id, version, &record)?, String::new()),
        };
        Ok(Saved {
            message: format!("{verb} {}{more}", stored.value.describe()),
            record: Some(RecordRef::of::<T>(stored.id)),
            refused: false,
        })
    }

    fn alternative(&self, form: &Form, store: &Store) -> Option<Form> {
        let record = (self.build)(&form.values()).ok()?;
        self.stored_like.as_ref().and_then(|find| find(&record, store))
    }
}

/// A form that adds a record, or edits `existing` at the version it was read.
pub fn record_form<T: Record + 'static>(
    fields: Vec<Field>,
    existing: Option<&Stored<T>>,
    build: impl Fn(&Values) -> Result<T, Invalid> + 'static,
    today: NaiveDate,
) -> Form {
    record_form_with(fields, existing, Box::new(build), None, None, today)
}

/// [`record_form`], saved by `saves`.
pub fn record_form_saved_by<T: Record + 'static>(
    fields: Vec<Field>,
    existing: Option<&Stored<T>>,
    build: impl Fn(&Values) -> Result<T, Invalid> + 'static,
    saves: Saver<T>,
    today: NaiveDate,
) -> Form {
    record_form_with(fields, existing, Box::new(build), None, Some(saves), today)
}

/// [`record_form`], offering after a duplicate the form of the record that
/// exists (`find` builds it from the record refused).
pub fn record_form_or_stored<T: Record + 'static>(
    fields: Vec<Field>,
    existing: Option<&Stored<T>>,
    build: impl Fn(&Values) -> Result<T, Invalid> + 'static,
    find: impl Fn(&T, &Store) -> Option<Form> + 'static,
    today: NaiveDate,
) -> Form {
    record_form_with(fields, existing, Box::new(build), Some(Box::new(find)), None, today)
}

fn record_form_with<T: Record + 'static>(
    fields: Vec<Field>,
    existing: Option<&Stored<T>>,
    build: Builder<T>,
    stored_like: Option<Finder<T>>,
    saves: Option<Saver<T>>,
    today: NaiveDate,
) -> Form {
    let title = match existing {
        Some(s) => format!("Edit {}", s.value.describe()),
        None => format!("New {}", T::NOUN),
    };
    let spec = RecordForm { existing: existing.map(|s| (s.id, s.version)), build, stored_like, saves };
    Form::new(title, fields, Box::new(spec), today)
}
