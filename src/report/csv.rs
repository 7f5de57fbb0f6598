//! CSV for spreadsheets, with formula characters escaped so that a cell
//! like `=HYPERLINK(...)` is shown as text, never run.

/// Prefixes a cell that a spreadsheet would read as a formula with `'`.
pub fn escape(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// A whole CSV file: the header row, then the rows, every cell escaped.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = |out: &mut csv::Writer<Vec<u8>>, cells: Vec<String>| out.write_record(cells.iter().map(|c| escape(c)));
    // Writing to memory cannot fail; a failure here would be a bug in csv.
    let _ = write(&mut out, header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        let _ = write(&mut out, row.clone());
    }
    out.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_characters_are_escaped() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+44 1632", "'+44 1632"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Willow House", "Willow House"),
            ("2026-11-24", "2026-11-24"),
            ("", ""),
        ] {
            assert_eq!(escape(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn tables_quote_and_escape() {
        let text = String::from_utf8(table(&["name", "note"], &[vec!["A, B".into(), "=cmd()".into()]])).unwrap();
        assert_eq!(text, "name,note\n\"A, B\",'=cmd()\n");
    }
}
