//! `oversight backup`: a consistent copy, safe while others are working.

use super::Context;
use crate::error::{Error, Result};
use std::path::Path;

pub fn run(ctx: &Context, out: &Path) -> Result<()> {
    if out.exists() {
        return Err(Error::Usage(format!("{} already exists: choose a new file name", out.display())));
    }
    let store = ctx.open_existing()?;
    store.backup_to(out)?;
    sayln!("backed up {} to {}", ctx.db.display(), out.display());
    Ok(())
}

/// A few counts that tell one database from another.
fn describe(health: &crate::store::maintenance::Health) -> String {
    let count = |t: &str| health.tables.iter().find(|(name, ..)| *name == t).map_or(0, |(_, n, _)| *n);
    format!(
        "{} providers, {} settings, {} visits, {} changes in the audit trail",
        count("providers"),
        count("settings"),
        count("visits"),
        count("audit")
    )
}

/// `oversight restore`: replaces the database with a backup, after checking
/// the backup and asking; the replaced file is kept beside it as `.bak`.
pub fn restore(ctx: &Context, from: &Path, yes: bool) -> Result<()> {
    use std::io::IsTerminal;
    let dir = match ctx.db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let fail = |what: &str, e: std::io::Error| Error::Environment(format!("cannot {what}: {e}"));
    if !from.is_file() {
        return Err(Error::Usage(format!("there is no backup at {}", from.display())));
    }
    // Check a copy, never the backup itself (an older backup is upgraded on opening).
    let copy = tempfile::Builder::new()
        .prefix(".oversight-restore")
        .tempfile_in(&dir)
        .map_err(|e| fail(&format!("write in {}", dir.display()), e))?;
    std::fs::copy(from, copy.path()).map_err(|e| fail(&format!("read {}", from.display()), e))?;
    let incoming = {
        let store = crate::store::Store::open(copy.path(), ctx.today)?;
        let health = store.health()?;
        if !health.is_ok() {
            return Err(Error::Usage(format!(
                "{} is damaged ({}): it cannot be restored",
                from.display(),
                health.integrity.join("; ")
            )));
        }
        describe(&health)
    };
    let current = match ctx.db.exists() {
        true => {
            let store = crate::store::Store::open(&ctx.db, ctx.today)?;
            let health = store.health()?;
            store.checkpoint()?;
            Some(describe(&health))
        }
        false => None,
    };
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Error::Usage("restoring replaces the database: add --yes to confirm".into()));
        }
        eprintln!("Replace {} ({})", ctx.db.display(), current.as_deref().unwrap_or("no database yet"));
        eprint!("with {} ({})? Type yes to go on: ", from.display(), incoming);
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer).map_err(|e| fail("read the answer", e))?;
        if answer.trim() != "yes" {
            return Err(Error::Usage("not restored: nothing was changed".into()));
        }
    }
    let kept = match current {
        Some(_) => {
            let mut bak = std::path::PathBuf::from(format!("{}.bak", ctx.db.display()));
            let mut n = 1;
            while bak.exists() {
                n += 1;
                bak = std::path::PathBuf::from(format!("{}.bak{n}", ctx.db.display()));
            }
            std::fs::rename(&ctx.db, &bak).map_err(|e| fail(&format!("move {} aside", ctx.db.display()), e))?;
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", ctx.db.display()));
            }
            Some(bak)
        }
        None => None,
    };
    copy.persist(&ctx.db).map_err(|e| fail(&format!("put the backup at {}", ctx.db.display()), e.error))?;
    sayln!("restored {} from {} ({incoming})", ctx.db.display(), from.display());
    if let Some(bak) = kept {
        sayln!("the database it replaced is kept as {}", bak.display());
    }
    Ok(())
}
