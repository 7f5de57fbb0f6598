//! `oversight import ofsted` and `oversight import csv`.

use super::Context;
use crate::error::{Error, Result};
use crate::import::{self, ofsted, register};
use std::io::IsTerminal;
use std::path::Path;

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
        n => format!(" (and {} more problem(s); all are listed above)", n - 1),
    };
    Error::Usage(format!("{}: {first}{more}; nothing was imported", file.display()))
}

/// A progress line on stderr, only when it is a terminal.
fn progress() -> impl FnMut(usize, usize) {
    let show = std::io::stderr().is_terminal();
    move |done, total| {
        if show && (done % 250 == 0 || done == total) {
            eprint!("\rimporting: {done} of {total} rows{}", if done == total { "\n" } else { "" });
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
    let rows = match parsed? {
        Ok(rows) => rows,
        Err(problems) => {
            print(&ofsted::Summary::refused(problems.clone()))?;
            return Err(refused(file, &problems));
        }
    };
    let mut store = ctx.open_existing()?;
    let options =
        ofsted::Options { home_authority: authority.unwrap_or_else(|| ctx.policy.home_authority.clone()), dry_run };
    let summary = ofsted::import(&mut store, &rows, &options, progress())?;
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
