//! What Oversight writes for people and other programs: CSV, iCalendar,
//! and (later) the board pack and stop notices. Every file is written whole
//! or not at all.

pub mod board;
pub mod csv;
pub mod ical;
pub mod notice;

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` through a temporary file in the same
/// directory, renamed into place: a failure leaves no partial file.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    let fail = |e: std::io::Error| Error::Usage(format!("cannot write {}: {e}", path.display()));
    let mut temp = tempfile::Builder::new().prefix(".oversight-").tempfile_in(dir).map_err(fail)?;
    temp.write_all(contents).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Text safe in Markdown: no raw HTML passes through, in any renderer
/// (`<` and `>` as entities); "A & B" stays as typed.
pub fn markdown_text(text: &str) -> String {
    text.replace('<', "&lt;").replace('>', "&gt;")
}

/// Text safe inside a Markdown table cell: on one line, its bars escaped.
pub fn markdown_cell(text: &str) -> String {
    markdown_text(text).replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_refuses_missing_folders() {
        let dir = tempfile::TempDir::new().unwrap();
        let out = dir.path().join("out.txt");
        write_file(&out, b"hello").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "hello");
        let err = write_file(&dir.path().join("missing/out.txt"), b"x").unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert_eq!(err.exit_code(), 1);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
    }
}
