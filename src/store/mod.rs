//! SQLite persistence. SQL lives here and nowhere else; callers get domain
//! types back.

pub mod alerts;
pub mod audit;
pub mod board;
pub mod concerns;
pub mod contracts;
pub mod decommission;
mod error;
pub mod feedback;
pub mod groups;
pub mod inspections;
pub mod kept;
pub mod maintenance;
pub mod market;
pub mod migrations;
pub mod monitoring;
pub mod needs;
pub mod notifications;
pub mod ofsted;
pub mod outcomes;
pub mod overrides;
pub mod panel;
pub mod placements;
pub mod plans;
pub mod providers;
pub mod record;
pub mod reg44;
pub mod returns;
pub mod score;
pub mod settings;
mod sql;
pub mod stops;
pub mod unregistered;
pub mod visits;

pub use error::StoreError;
pub use record::{Deletable, Record, RecordRef, Stored};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::fs::OpenOptions;
use std::io::{ErrorKind, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another one before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// An open Oversight database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// Who the audit trail names for changes made through this store.
    user: String,
    /// The date rules are evaluated against.
    today: NaiveDate,
    /// The file's identity when opened, to notice it being deleted or replaced.
    inode: Option<u64>,
    /// The monitoring rows last read, shared with this store's reader.
    rows: monitoring::RowsCache,
}

impl Store {
    /// Opens the database at `path`, creating it (mode 0600) when absent and
    /// bringing its schema up to date. A file that cannot be written is opened
    /// read-only; a file from a newer Oversight is refused.
    pub fn open(path: &Path, today: NaiveDate) -> Result<Store, StoreError> {
        let read_only = prepare_file(path)?;
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let not_db = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.to_path_buf() },
            _ => e.into(),
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(not_db)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(not_db)?;
        if found > migrations::LATEST {
            return Err(StoreError::NewerSchema { path: path.to_path_buf(), found, known: migrations::LATEST });
        }
        if read_only && found < migrations::LATEST {
            return Err(StoreError::ReadOnlyNeedsUpgrade {
                path: path.to_path_buf(),
                found,
                known: migrations::LATEST,
            });
        }
        if !read_only {
            let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            debug_assert_eq!(mode.to_lowercase(), "wal");
            // Every commit reaches the disk before it is reported saved: this is evidence.
            conn.pragma_update(None, "synchronous", "FULL")?;
            // The bundled SQLite enforces foreign keys from the start: off
            // while migrating (see below).
            conn.pragma_update(None, "foreign_keys", false)?;
            migrations::migrations().to_latest(&mut conn).map_err(|e| match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::from(err),
                other => StoreError::Migration(other),
            })?;
        }
        // Foreign keys are enforced from here on. Migrations run before, as
        // rusqlite_migration advises: a table rebuilt (v22's plans) would
        // otherwise count every row pointing at it as broken. Each migration
        // checks the foreign keys itself before it commits.
        conn.pragma_update(None, "foreign_keys", true)?;
        let inode = inode_of(path);
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only,
            user: current_user(),
            today,
            inode,
            rows: Default::default(),
        })
    }

    /// A second connection to the same file, for reading on another thread
    /// while this one takes keys. It sees what is committed when each of its
    /// statements begins (the file is in WAL mode); it writes only kept
    /// copies of derived figures (see [`kept`]).
    pub fn reader(&self) -> Result<Store, StoreError> {
        let access = match self.read_only {
            true => OpenFlags::SQLITE_OPEN_READ_ONLY,
            false => OpenFlags::SQLITE_OPEN_READ_WRITE,
        };
        let conn = Connection::open_with_flags(&self.path, access | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let (path, user) = (self.path.clone(), self.user.clone());
        let rows = self.rows.clone();
        Ok(Store { conn, path, read_only: true, user, today: self.today, inode: self.inode, rows })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// Names the person the audit trail credits with this store's changes.
    pub fn set_user(&mut self, user: impl Into<String>) {
        self.user = user.into();
    }

    /// A number that changes whenever another connection commits to the file.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// For reading queries in this module's repositories: the store's one
    /// door is its functions and methods; the connection stays inside.
    pub(in crate::store) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one immediate (write-locking) transaction: all of it
    /// commits or none of it does.
    pub fn write<R>(
        &mut self,
        work: impl FnOnce(&Connection, &str, NaiveDate) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        if inode_of(&self.path) != self.inode {
            return Err(StoreError::Gone { path: self.path.clone() });
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = work(&tx, &self.user, self.today)?;
        tx.commit()?;
        Ok(out)
    }

    /// [`Store::write`] for a change reaching only setting `reach` (see
    /// [`Record::reach`]): the shared monitoring rows are then brought on by
    /// reading that setting's provider again, not every setting.
    fn write_reaching<R>(
        &mut self,
        reach: Option<i64>,
        work: impl FnOnce(&Connection, &str, NaiveDate) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let Some(setting) = reach else { return self.write(work) };
        let mut stamps = (0, 0);
        let out = self.write(|tx, user, today| {
            stamps.0 = kept::stamp(tx)?;
            let out = work(tx, user, today)?;
            stamps.1 = kept::stamp(tx)?;
            Ok(out)
        })?;
        // Saved: a patch that fails leaves the next reading to read all.
        if monitoring::patch_shared(self, setting, stamps.0, stamps.1).is_err() {
            monitoring::forget_shared(self);
        }
        Ok(out)
    }

    /// Runs `work` as [`Store::write`] does, then undoes it: what a change
    /// would do, worked out by doing it (a dry run).
    pub fn rehearse<R>(
        &mut self,
        work: impl FnOnce(&Connection, &str, NaiveDate) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = work(&tx, &self.user, self.today)?;
        tx.rollback()?;
        Ok(out)
    }

    /// Lets a long piece of work (an import) wait this long for another
    /// writer to finish before giving up.
    pub fn wait_for_writers(&self, timeout: Duration) -> Result<(), StoreError> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    pub fn get<T: Record>(&self, id: i64) -> Result<Stored<T>, StoreError> {
        record::get(&self.conn, id)
    }

    /// A pragma's value on this store's connection, as text ("wal", "1").
    pub fn pragma(&self, name: &str) -> Result<String, StoreError> {
        let value: rusqlite::types::Value = self.conn.pragma_query_value(None, name, |r| r.get(0))?;
        Ok(match value {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
    }

    /// Traces the statements this store runs (for profiling), or stops.
    pub fn trace(
        &self,
        events: rusqlite::trace::TraceEventCodes,
        callback: Option<fn(rusqlite::trace::TraceEvent<'_>)>,
    ) {
        self.conn.trace_v2(events, callback);
    }

    /// Every record of a kind, in the order they were made.
    pub fn all<T: Record>(&self) -> Result<Vec<Stored<T>>, StoreError> {
        record::list(&self.conn, "ORDER BY id", &[])
    }

    /// What the stored records say against `value` (a duplicate, a
    /// reference to nothing), as its own rules cannot.
    pub fn check_against_stored<T: Record>(&self, value: &T) -> Result<(), StoreError> {
        value.check_stored(&self.conn, self.today)
    }

    pub fn insert<T: Record>(&mut self, value: &T) -> Result<Stored<T>, StoreError> {
        self.write_reaching(value.reach(), |tx, user, today| record::insert(tx, user, today, value))
    }

    pub fn update<T: Record>(&mut self, id: i64, version: i64, value: &T) -> Result<Stored<T>, StoreError> {
        // Moved from one setting to another, it reaches both: read all.
        let was = record::get::<T>(&self.conn, id).ok().and_then(|s| s.value.reach());
        let reach = value.reach().filter(|r| Some(*r) == was);
        self.write_reaching(reach, |tx, user, today| record::update(tx, user, today, id, version, value))
    }

    pub fn delete<T: Deletable>(&mut self, id: i64, version: i64) -> Result<(), StoreError> {
        let reach = record::get::<T>(&self.conn, id).ok().and_then(|s| s.value.reach());
        self.write_reaching(reach, |tx, user, _| record::delete::<T>(tx, user, id, version))
    }
}

/// The file's inode, or `None` when it is not there.
fn inode_of(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| m.ino())
}

/// Creates a missing database file with mode 0600, refuses a file that is
/// neither empty nor SQLite before SQLite sees it, and says whether the file
/// must be opened read-only: because we may not write it, or because its
/// permissions say nobody should (honoured even for root).
fn prepare_file(path: &Path) -> Result<bool, StoreError> {
    let io_err = |source| StoreError::Io { path: path.to_path_buf(), source };
    let mut file = match OpenOptions::new().read(true).write(true).create_new(true).mode(0o600).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => OpenOptions::new().read(true).open(path).map_err(io_err)?,
        Err(e) => return Err(io_err(e)),
    };
    let mut head = Vec::with_capacity(16);
    (&mut file).take(16).read_to_end(&mut head).map_err(io_err)?;
    if !(head.is_empty() || head == SQLITE_MAGIC) {
        return Err(StoreError::NotADatabase { path: path.to_path_buf() });
    }
    let marked_read_only = file.metadata().map_err(io_err)?.permissions().readonly();
    let writable = OpenOptions::new().write(true).open(path);
    Ok(match writable {
        Ok(_) => marked_read_only,
        Err(e) if e.kind() == ErrorKind::PermissionDenied || e.kind() == ErrorKind::ReadOnlyFilesystem => true,
        Err(e) => return Err(io_err(e)),
    })
}

/// The login name, for the audit trail: `OVERSIGHT_USER`, `USER` or
/// `LOGNAME`, else the account that owns this process in /etc/passwd.
fn current_user() -> String {
    ["OVERSIGHT_USER", "USER", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|u| !u.trim().is_empty())
        .or_else(account_name)
        .unwrap_or_else(|| "unknown".into())
}

fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.get(2) == Some(&uid.as_str()))
        .map(|f| f[0].to_string())
}
