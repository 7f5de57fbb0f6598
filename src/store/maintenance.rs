//! Whole-database chores: the health check and consistent backups.

use super::{Store, StoreError, migrations};
use rusqlite::Connection;
use rusqlite::types::ValueRef;
use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

/// The tables `check` counts, in the order it prints them.
pub const TABLES: &[&str] = &[
    "providers",
    "settings",
    "contracts",
    "inspections",
    "ofsted_listings",
    "placements",
    "visits",
    "tier_overrides",
    "reg44_reports",
    "reg44_findings",
    "concerns",
    "strategy_meetings",
    "plans",
    "plan_actions",
    "plan_events",
    "stops",
    "stop_reviews",
    "external_alerts",
    "board_notes",
    "rating_alerts",
    "provider_returns",
    "practitioner_feedback",
    "panel_cases",
    "needs_assessments",
    "outcomes",
    "decommissioning_reviews",
    "notifications",
    "unregistered_placements",
    "unregistered_reviews",
    "provider_groups",
    "group_members",
    "group_accounts",
    "audit",
];

/// What `oversight check` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    pub schema_version: i64,
    pub known_version: i64,
    /// `["ok"]` when healthy, else SQLite's findings.
    pub integrity: Vec<String>,
    pub foreign_key_violations: usize,
    /// Table, row count, and a fingerprint of its contents (none for the
    /// audit trail, whose timestamps differ on every run).
    pub tables: Vec<(&'static str, i64, Option<u64>)>,
}

impl Health {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"] && self.foreign_key_violations == 0
    }
}

impl Store {
    pub fn health(&self) -> Result<Health, StoreError> {
        let conn = self.conn();
        let mut integrity = Vec::new();
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            integrity.push(row?);
        }
        let foreign_key_violations = conn.prepare("PRAGMA foreign_key_check")?.query_map([], |_| Ok(()))?.count();
        let mut tables = Vec::new();
        for table in TABLES {
            let count: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
            let print = (*table != "audit").then(|| fingerprint(conn, table)).transpose()?;
            tables.push((*table, count, print));
        }
        Ok(Health {
            schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
            known_version: migrations::LATEST,
            integrity,
            foreign_key_violations,
            tables,
        })
    }

    /// Writes a consistent copy to `out` with SQLite's online backup, which
    /// works while others write. The copy appears only when complete.
    /// Folds the write-ahead log into the main file, so the file alone is whole.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        let io_err = |source| StoreError::Io { path: out.to_path_buf(), source };
        let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let partial = tempfile::Builder::new().prefix(".oversight-backup").tempfile_in(dir).map_err(io_err)?;
        self.conn().backup(rusqlite::MAIN_DB, partial.path(), None)?;
        partial.persist(out).map_err(|e| io_err(e.error))?;
        Ok(())
    }
}

/// A hash of every value in a table, in id order.
fn fingerprint(conn: &rusqlite::Connection, table: &str) -> Result<u64, StoreError> {
    let mut hasher = DefaultHasher::new();
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
    let width = stmt.column_count();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        for i in 0..width {
            match row.get_ref(i)? {
                ValueRef::Null => hasher.write_u8(0),
                ValueRef::Integer(n) => hasher.write_i64(n),
                ValueRef::Real(f) => hasher.write_u64(f.to_bits()),
                ValueRef::Text(t) | ValueRef::Blob(t) => hasher.write(t),
            }
        }
    }
    Ok(hasher.finish())
}

/// Every row of `table` (one of [`TABLES`]) as text: the column names, then
/// the rows in id order, NULL as an empty cell.
pub fn dump(conn: &Connection, table: &str) -> Result<(Vec<String>, Vec<Vec<String>>), StoreError> {
    if !TABLES.contains(&table) {
        return Err(StoreError::NotFound(format!("table {table}")));
    }
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
    let header: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let width = header.len();
    let rows = stmt
        .query_map([], |row| {
            (0..width)
                .map(|i| {
                    Ok(match row.get_ref(i)? {
                        ValueRef::Null => String::new(),
                        ValueRef::Integer(n) => n.to_string(),
                        ValueRef::Real(x) => x.to_string(),
                        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
                    })
                })
                .collect::<rusqlite::Result<Vec<String>>>()
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((header, rows))
}

/// Reading through the store, for callers outside it.
impl super::Store {
    pub fn dump_table(&self, table: &str) -> Result<(Vec<String>, Vec<Vec<String>>), StoreError> {
        dump(&self.conn, table)
    }
}
