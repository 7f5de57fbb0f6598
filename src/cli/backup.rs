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
    println!("backed up {} to {}", ctx.db.display(), out.display());
    Ok(())
}
