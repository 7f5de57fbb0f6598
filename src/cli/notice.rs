//! `oversight report stop-notice` and `oversight import stop-notice`.

use super::Context;
use crate::error::{Error, Result};
use crate::report::{self, notice};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NoticeFormat {
    Md,
    Json,
}

pub fn export(ctx: &Context, stop_id: i64, format: NoticeFormat, out: Option<&Path>) -> Result<()> {
    let store = ctx.open_existing()?;
    let n = notice::build(&store, stop_id, &ctx.policy.home_authority, crate::profile::current().as_ref())?;
    let text = match format {
        NoticeFormat::Md => n.to_markdown(),
        NoticeFormat::Json => n.to_json(),
    };
    match out {
        Some(path) => {
            report::write_file(path, text.as_bytes())?;
            sayln!("wrote the notice for stop {stop_id} to {}", path.display());
        }
        None => say!("{text}"),
    }
    Ok(())
}

pub fn import(ctx: &Context, file: &Path) -> Result<()> {
    let bytes = read_limited(file, notice::MAX_BYTES)?;
    let mut store = ctx.open_existing()?;
    let received =
        notice::receive(&mut store, &bytes, false)?.map_err(|e| Error::Usage(format!("{}: {e}", file.display())))?;
    sayln!("{}", received.text(false));
    Ok(())
}

/// Reads a file, refusing one larger than `limit` before reading it all.
pub fn read_limited(file: &Path, limit: usize) -> Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(file).map_err(|e| Error::Usage(format!("cannot read {}: {e}", file.display())))?;
    let mut bytes = Vec::new();
    f.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Usage(format!("cannot read {}: {e}", file.display())))?;
    if bytes.len() > limit {
        return Err(Error::Usage(format!(
            "{} is larger than {limit} bytes: not a file Oversight reads",
            file.display()
        )));
    }
    Ok(bytes)
}
