//! The generic part of every repository: a record type names its table and
//! columns once, and gets reading, inserting, versioned updating and deleting,
//! each change audited in its own transaction.

use super::StoreError;
use super::audit::{self, Action};
use crate::domain::Validate;
use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};
use serde::Serialize;

/// A row of a main table as the domain sees it.
pub trait Record: Serialize + Validate + Clone {
    /// The table, also the entity name in the audit trail.
    const TABLE: &'static str;
    /// What people call one of these, for messages ("provider").
    const NOUN: &'static str;
    /// The columns after `id` and `version`, in `params` and `from_row` order.
    const COLUMNS: &'static [&'static str];

    fn params(&self) -> Vec<&dyn ToSql>;
    /// Builds the value from a row whose columns are `id, version, COLUMNS…`.
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
    /// The sentence shown when a unique index refuses this value.
    fn duplicate_message(&self) -> String;
    /// A short name for messages ("provider Brightwater Care Ltd").
    fn describe(&self) -> String;
    /// For records that can be archived, the date they were.
    fn archived_on(&self) -> Option<NaiveDate> {
        None
    }
    /// Rules that need other records (a placement into a stopped setting),
    /// checked before every insert and update.
    fn check_stored(&self, _conn: &Connection, _today: NaiveDate) -> Result<(), StoreError> {
        Ok(())
    }
    /// What every new record of this kind brings with it (a plan's first
    /// line of history), written in the same transaction as the insert.
    fn inserted(&self, _conn: &Connection, _user: &str, _today: NaiveDate, _id: i64) -> Result<(), StoreError> {
        Ok(())
    }
    /// Rules that need the record's own id among the others (an ownership
    /// loop), checked after an update is written, in its transaction.
    fn updated(&self, _conn: &Connection, _id: i64) -> Result<(), StoreError> {
        Ok(())
    }
    /// The one setting whose monitoring facts a change to this record can
    /// alter (and through the score, its provider's settings), when that is
    /// all it can alter; `None` when the reach is wider or not known. A
    /// change with a known reach reads again only that provider's rows.
    fn reach(&self) -> Option<i64> {
        None
    }
}

/// One stored record, named by its type rather than by a table's name as a
/// string: what a save asks the screen to select.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordRef {
    table: &'static str,
    id: i64,
}

impl RecordRef {
    pub fn of<T: Record>(id: i64) -> RecordRef {
        RecordRef { table: T::TABLE, id }
    }

    /// Its id, when it is a `T`.
    pub fn id_of<T: Record>(&self) -> Option<i64> {
        (self.table == T::TABLE).then_some(self.id)
    }
}

/// Implements `Record` from a list of field and column names, in order:
/// `record!(Provider, "providers", "provider", { name: "name", ... } fn describe...)`.
macro_rules! record {
    ($ty:ty, $table:literal, $noun:literal, { $($field:ident: $column:literal),+ $(,)? } $($rest:tt)*) => {
        impl $crate::store::record::Record for $ty {
            const TABLE: &'static str = $table;
            const NOUN: &'static str = $noun;
            const COLUMNS: &'static [&'static str] = &[$($column),+];

            fn params(&self) -> Vec<&dyn rusqlite::types::ToSql> {
                vec![$(&self.$field),+]
            }

            fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                let mut column = 1;
                Ok(Self { $($field: { column += 1; row.get(column)? }),+ })
            }

            $($rest)*
        }
    };
}
pub(crate) use record;

/// Records that may be deleted outright (mistakes), not only archived.
pub trait Deletable: Record {}

/// A record with its identity and the version it was read at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stored<T> {
    pub id: i64,
    pub version: i64,
    #[serde(flatten)]
    pub value: T,
}

pub fn select_sql<T: Record>() -> String {
    format!("SELECT id, version, {} FROM {}", T::COLUMNS.join(", "), T::TABLE)
}

fn stored_from_row<T: Record>(row: &Row<'_>) -> rusqlite::Result<Stored<T>> {
    Ok(Stored { id: row.get(0)?, version: row.get(1)?, value: T::from_row(row)? })
}

pub fn find<T: Record>(conn: &Connection, id: i64) -> Result<Option<Stored<T>>, StoreError> {
    let sql = format!("{} WHERE id = ?1", select_sql::<T>());
    Ok(conn.prepare_cached(&sql)?.query_row([id], stored_from_row::<T>).optional()?)
}

pub fn get<T: Record>(conn: &Connection, id: i64) -> Result<Stored<T>, StoreError> {
    find(conn, id)?.ok_or_else(|| StoreError::NotFound(format!("{} #{id}", T::NOUN)))
}

/// Rows matching `tail` (e.g. `WHERE setting_id = ?1 ORDER BY id`).
pub fn list<T: Record>(conn: &Connection, tail: &str, params: &[&dyn ToSql]) -> Result<Vec<Stored<T>>, StoreError> {
    let sql = format!("{} {tail}", select_sql::<T>());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, stored_from_row::<T>)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts without auditing: for bulk generation inside a transaction that
/// writes its own summary audit row.
pub fn insert_unaudited<T: Record>(conn: &Connection, value: &T) -> Result<i64, StoreError> {
    let placeholders = (1..=T::COLUMNS.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("INSERT INTO {} ({}) VALUES ({placeholders})", T::TABLE, T::COLUMNS.join(", "));
    conn.prepare_cached(&sql)?.execute(params_from_iter(value.params())).map_err(|e| refine::<T>(e, value))?;
    Ok(conn.last_insert_rowid())
}

/// Turns a unique-index refusal into the record's own sentence.
fn refine<T: Record>(err: rusqlite::Error, value: &T) -> StoreError {
    if StoreError::is_constraint(&err, rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE) {
        StoreError::Duplicate(value.duplicate_message())
    } else {
        err.into()
    }
}

fn validate<T: Record>(value: &T, today: NaiveDate) -> Result<(), StoreError> {
    let problems = value.problems(today);
    if problems.is_empty() { Ok(()) } else { Err(StoreError::Invalid(problems)) }
}

/// Inserts `value` and its audit row. Call inside a transaction.
pub fn insert<T: Record>(conn: &Connection, user: &str, today: NaiveDate, value: &T) -> Result<Stored<T>, StoreError> {
    validate(value, today)?;
    value.check_stored(conn, today)?;
    let id = insert_unaudited(conn, value)?;
    let stored = Stored { id, version: 1, value: value.clone() };
    audit::write(conn, user, Action::Insert, T::TABLE, Some(id), None::<&()>, Some(&stored))?;
    value.inserted(conn, user, today, id)?;
    Ok(stored)
}

/// Reads the record and refuses if it changed since `version` was read,
/// naming who changed it and when.
fn load_unchanged<T: Record>(conn: &Connection, id: i64, version: i64) -> Result<Stored<T>, StoreError> {
    let current = get::<T>(conn, id)?;
    if current.version == version {
        return Ok(current);
    }
    let (by, at) =
        audit::last_change(conn, T::TABLE, id)?.unwrap_or_else(|| ("someone".into(), "an unknown time".into()));
    Err(StoreError::Conflict { what: current.value.describe(), by, at })
}

/// Replaces the record read at `version` with `value`, bumping the version.
/// Call inside a transaction.
pub fn update<T: Record>(
    conn: &Connection,
    user: &str,
    today: NaiveDate,
    id: i64,
    version: i64,
    value: &T,
) -> Result<Stored<T>, StoreError> {
    validate(value, today)?;
    value.check_stored(conn, today)?;
    let before = load_unchanged::<T>(conn, id, version)?;
    let n = T::COLUMNS.len();
    let sets = T::COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect::<Vec<_>>();
    let sql = format!(
        "UPDATE {} SET {}, version = version + 1 WHERE id = ?{} AND version = ?{}",
        T::TABLE,
        sets.join(", "),
        n + 1,
        n + 2
    );
    let mut params = value.params();
    params.push(&id);
    params.push(&version);
    conn.prepare_cached(&sql)?.execute(params_from_iter(params)).map_err(|e| refine::<T>(e, value))?;
    value.updated(conn, id)?;
    let after = Stored { id, version: version + 1, value: value.clone() };
    let action = match (before.value.archived_on(), value.archived_on()) {
        (None, Some(_)) => Action::Archive,
        (Some(_), None) => Action::Restore,
        _ => Action::Update,
    };
    audit::write(conn, user, action, T::TABLE, Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Deletes the record read at `version`. Call inside a transaction.
pub fn delete<T: Deletable>(conn: &Connection, user: &str, id: i64, version: i64) -> Result<(), StoreError> {
    let before = load_unchanged::<T>(conn, id, version)?;
    let sql = format!("DELETE FROM {} WHERE id = ?1 AND version = ?2", T::TABLE);
    conn.prepare_cached(&sql)?.execute([id, version]).map_err(|e| {
        if StoreError::is_constraint(&e, rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY) {
            StoreError::InUse(before.value.describe())
        } else {
            e.into()
        }
    })?;
    audit::write(conn, user, Action::Delete, T::TABLE, Some(id), Some(&before), None::<&()>)
}
