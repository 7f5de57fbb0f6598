//! `oversight check`: is the database healthy, and what is in it.

use super::Context;
use crate::error::{Error, Result};

pub fn run(ctx: &Context) -> Result<()> {
    let store = ctx.open_existing()?;
    let health = store.health()?;
    sayln!("schema version {} (this Oversight writes version {})", health.schema_version, health.known_version);
    sayln!("integrity {}", health.integrity.join("; "));
    sayln!(
        "foreign keys {}",
        if health.foreign_key_violations == 0 {
            "ok".to_string()
        } else {
            format!("{} violations", health.foreign_key_violations)
        }
    );
    for (table, rows, fingerprint) in &health.tables {
        match fingerprint {
            Some(f) => sayln!("{table:<12} {rows:>8} rows  fingerprint {f:016x}"),
            None => sayln!("{table:<12} {rows:>8} rows"),
        }
    }
    if health.is_ok() {
        Ok(())
    } else {
        Err(Error::Environment(format!("{} is damaged: restore it from a backup", ctx.db.display())))
    }
}
