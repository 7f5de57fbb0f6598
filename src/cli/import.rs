//! `oversight import ofsted` and `oversight import csv`.

use super::Context;
use crate::error::{Error, Result};
use crate::import::{self, ofsted, register};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::Path;
use std::time::Duration;

/// How long an import waits for another writer (another import) to finish.
const WAIT_FOR_WRITERS: Duration = Duration::from_secs(300);

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    Text,
    Json,
}

/// Reads a file whole, refusing one too large before reading it.
pub fn read(file: &Path) -> Result<Vec<u8>> {
    super::notice::read_limited(file, import::MAX_BYTES)
}

/// Problems with a file as the one-sentence error the command exits with.
fn refused(file: &Path, problems: &[import::Problem]) -> Error {
    let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
    let more = match problems.len() {
        0 | 1 => String::new(),
        2 => " (and 1 more problem, listed above)".to_string(),
        n => format!(" (and {} more problems; all are listed above)", n - 1),
    };
    Error::Usage(format!("{}: {first}{more}; nothing was imported", file.display()))
}

/// A progress bar on stderr, drawn only when it is a terminal.
fn progress() -> impl FnMut(usize, usize) {
    let mut bar: Option<ProgressBar> = None;
    move |done, total| {
        let bar = bar.get_or_insert_with(|| {
            let style = ProgressStyle::with_template("importing {bar:40} {pos} of {len} rows, {eta} to go")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr()).with_style(style)
        });
        bar.set_position(done as u64);
        if done == total {
            bar.finish_and_clear();
        }
    }
}

pub fn ofsted(
    ctx: &Context,
    file: &Path,
    dry_run: bool,
    authority: Option<String>,
    format: SummaryFormat,
) -> Result<()> {
    let parsed = read(file)
        .and_then(|bytes| import::decode(&bytes).map_err(|p| refused(file, &[p])))
        .map(|text| ofsted::parse(&text));
    let print = |summary: &ofsted::Summary| -> Result<()> {
        match format {
            SummaryFormat::Json => sayln!("{}", serde_json::to_string_pretty(summary).unwrap_or_default()),
            SummaryFormat::Text => say!("{}", summary.text(dry_run)),
        }
        Ok(())
    };
    let file_read = match parsed? {
        Ok(file_read) => file_read,
        Err(problems) => {
            print(&ofsted::Summary::refused(problems.clone()))?;
            return Err(refused(file, &problems));
        }
    };
    let mut store = ctx.open_existing()?;
    store.wait_for_writers(WAIT_FOR_WRITERS)?;
    let options = ofsted::Options {
        home_authority: authority.unwrap_or_else(|| ctx.policy.home_authority.clone()),
        dry_run,
        decommissioning: ctx.policy.decommissioning.clone(),
    };
    let summary = ofsted::import(&mut store, &file_read, &options, progress())?;
    print(&summary)
}

/// `import csv KIND FILE`, or its empty template.
pub fn register(
    ctx: &Context,
    kind: register::Kind,
    file: Option<&Path>,
    dry_run: bool,
    template: bool,
    format: SummaryFormat,
) -> Result<()> {
    if template {
        say!("{}", kind.template());
        return Ok(());
    }
    let file = file.ok_or_else(|| Error::Usage("name the CSV file to import (or ask for --template)".into()))?;
    let text = read(file).and_then(|bytes| import::decode(&bytes).map_err(|p| refused(file, &[p])))?;
    let mut store = ctx.open_existing()?;
    let summary = register::import(&mut store, kind, &text, dry_run)?;
    match format {
        SummaryFormat::Json => sayln!("{}", serde_json::to_string_pretty(&summary).unwrap_or_default()),
        SummaryFormat::Text => say!("{}", summary.text(dry_run)),
    }
    match summary.rejected.is_empty() {
        true => Ok(()),
        false => Err(refused(file, &summary.rejected)),
    }
}
