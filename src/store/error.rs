//! What can go wrong with the database, in words a user can act on.

use crate::domain::Invalid;
use rusqlite::ErrorCode;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} is not an Oversight database: it is not a SQLite file, or it is damaged", .path.display())]
    NotADatabase { path: PathBuf },
    #[error(
        "{} was written by a newer Oversight (schema version {found}); this one knows versions up to {known}: upgrade Oversight to open it",
        .path.display()
    )]
    NewerSchema { path: PathBuf, found: i64, known: i64 },
    #[error(
        "{} is read-only and at schema version {found}, older than this Oversight's {known}: open it once with write access to upgrade it",
        .path.display()
    )]
    ReadOnlyNeedsUpgrade { path: PathBuf, found: i64, known: i64 },
    #[error("the database is open read-only: changes are refused (ask for write access to the file)")]
    ReadOnly,
    #[error("the database is locked by another program and stayed locked for 5 seconds: try again shortly")]
    Locked,
    #[error("cannot use {}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}", join_problems(.0))]
    Invalid(Vec<Invalid>),
    #[error("{0}")]
    Duplicate(String),
    /// Nothing is wrong, but the save waits for the user's say-so (a file
    /// would be written over): the question to ask.
    #[error("{0}")]
    AskFirst(String),
    #[error("{what} was changed by {by} at {at} since you opened it: reload to see the change, then edit again")]
    Conflict { what: String, by: String, at: String },
    #[error(
        "the database file {} was deleted or replaced while Oversight had it open: nothing was saved; quit, restore it (oversight restore) and open it again",
        .path.display()
    )]
    Gone { path: PathBuf },
    #[error("{0} no longer exists: someone may have removed it")]
    NotFound(String),
    #[error("{0} cannot be removed: other records refer to it")]
    InUse(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A defect in Oversight itself, said rather than hidden.
    #[error("{0}")]
    Defect(String),
    #[error("cannot keep a copy of the derived figures: {0}")]
    Keep(#[from] serde_json::Error),
    #[error("the schema upgrade failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

fn join_problems(problems: &[Invalid]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> StoreError {
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sqlite(err),
        }
    }
}

impl StoreError {
    /// 1 for a problem with what the user asked, 2 for the environment.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Invalid(_) | Self::Duplicate(_) | Self::Conflict { .. } | Self::NotFound(_) | Self::InUse(_) => 1,
            _ => 2,
        }
    }

    pub(crate) fn is_constraint(err: &rusqlite::Error, code: i32) -> bool {
        err.sqlite_error().is_some_and(|e| e.extended_code == code)
    }
}
