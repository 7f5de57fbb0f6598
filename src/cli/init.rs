//! `oversight init`: an empty database, ready for imports.

use super::Context;
use crate::error::{Error, Result};
use crate::store::{Store, migrations};

pub fn run(ctx: &Context) -> Result<()> {
    if std::fs::symlink_metadata(&ctx.db).is_ok() {
        return Err(Error::Usage(format!(
            "{} already exists: init makes a new database and never touches an existing file \
             (choose another --db PATH, or use `oversight check` to look at this one)",
            ctx.db.display()
        )));
    }
    if let Some(dir) = ctx.db.parent().filter(|d| !d.as_os_str().is_empty() && !d.is_dir()) {
        return Err(Error::Usage(format!("there is no folder {} to create the database in", dir.display())));
    }
    Store::open(&ctx.db, ctx.today)?;
    sayln!(
        "created an empty Oversight database (schema version {}, readable by you alone) at {}",
        migrations::LATEST,
        ctx.db.display()
    );
    sayln!(
        "next: `oversight import ofsted FILE` for Ofsted's provider-level data, or `oversight import csv KIND FILE`"
    );
    Ok(())
}
