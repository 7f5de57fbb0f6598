//! Reading files from elsewhere: Ofsted's published provider-level data and
//! the council's own registers as CSV. Every import reads and checks the
//! whole file first and writes nothing unless all of it is good, in one
//! transaction.

pub mod ofsted;
pub mod register;

use serde::Serialize;
use std::fmt;

/// The most a file may weigh: the largest Ofsted file is a few megabytes.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// One thing wrong with a file, where a person can find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The row as a spreadsheet numbers it (the first line is row 1); 0 for the file as a whole.
    pub row: usize,
    /// The column's heading, if the problem is in one cell.
    pub column: String,
    pub reason: String,
}

impl Problem {
    pub fn file(reason: impl Into<String>) -> Problem {
        Problem { row: 0, column: String::new(), reason: reason.into() }
    }

    pub fn at(row: usize, column: &str, reason: impl Into<String>) -> Problem {
        Problem { row, column: column.to_string(), reason: reason.into() }
    }
}

/// What a person reads of a file refused: every problem, and that nothing
/// was imported.
pub fn refusal(problems: &[Problem]) -> String {
    let count = match problems.len() {
        1 => "1 problem".to_string(),
        n => format!("{} problems", crate::domain::money::group_thousands(n as i64)),
    };
    let mut out = format!("{count}; nothing was imported:\n");
    problems.iter().for_each(|p| out.push_str(&format!("  {p}\n")));
    out
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, self.column.as_str()) {
            (0, _) => write!(f, "{}", self.reason),
            (row, "") => write!(f, "row {row}: {}", self.reason),
            (row, column) => write!(f, "row {row}, column \"{column}\": {}", self.reason),
        }
    }
}

/// Text from a file's bytes: UTF-8 (with or without a byte-order mark) when
/// it is valid UTF-8, else Windows-1252, as older spreadsheets save it.
/// Refuses what is plainly not text.
pub fn decode(bytes: &[u8]) -> Result<String, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::file(format!(
            "the file is larger than {} MB: not a file Oversight reads",
            MAX_BYTES >> 20
        )));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Problem::file("the file is empty"));
    }
    if bytes.contains(&0) {
        return Err(Problem::file(
            "the file holds binary data, not text: is it a spreadsheet saved as .xlsx? Save it as CSV",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    })
}

/// A heading as compared: lower case, curly quotes straightened, hyphens and
/// runs of spaces or line breaks made single spaces.
pub fn normalise(heading: &str) -> String {
    heading
        .replace(['’', '‘'], "'")
        .replace(['-', '–', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A CSV file's rows under its header, each with its spreadsheet row number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The lines above the header (titles, notes), their cells joined.
    pub preamble: Vec<String>,
    /// The headings as written, trailing empty ones dropped.
    pub headings: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Sheet {
    /// Reads `text`, taking as the header the first row (of the first 50) for
    /// which `is_header` holds; rows before it (titles, notes) are skipped,
    /// wholly empty rows ignored. Rows longer than the header may only add
    /// empty cells.
    pub fn read(text: &str, is_header: impl Fn(&[String]) -> bool) -> Result<Sheet, Vec<Problem>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut headings: Option<Vec<String>> = None;
        let mut preamble = Vec::new();
        let mut rows = Vec::new();
        let mut problems = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let row = i + 1;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    problems.push(Problem::at(row, "", format!("not readable as CSV ({e})")));
                    if problems.len() >= 20 {
                        break;
                    }
                    continue;
                }
            };
            let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
            match &headings {
                None if row > 50 => break,
                None => {
                    if is_header(&cells) {
                        let keep = cells.iter().rposition(|c| !c.is_empty()).map_or(0, |p| p + 1);
                        headings = Some(cells[..keep].to_vec());
                    } else {
                        preamble.push(cells.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(" "));
                    }
                }
                Some(h) => {
                    if cells.iter().all(String::is_empty) {
                        continue;
                    }
                    if cells.len() < h.len() || cells[h.len()..].iter().any(|c| !c.is_empty()) {
                        problems.push(Problem::at(
                            row,
                            "",
                            format!("has {} cells where the header has {}: a ragged row", cells.len(), h.len()),
                        ));
                        continue;
                    }
                    rows.push((row, cells[..h.len()].to_vec()));
                }
            }
        }
        match headings {
            _ if !problems.is_empty() => Err(problems),
            Some(headings) => Ok(Sheet { preamble, headings, rows }),
            None => Err(vec![Problem::file("no header row found in the first 50 rows")]),
        }
    }

    /// The column whose heading, normalised, is one of `names`; none when a
    /// heading starts with "previous" (earlier inspections' columns).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headings
            .iter()
            .map(|h| normalise(h))
            .position(|h| !h.starts_with("previous") && names.contains(&h.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_a_bom_and_cp1252_all_read_the_same() {
        let text = "Owner’s – name";
        let cp1252 = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
        assert_ne!(cp1252.as_slice(), text.as_bytes());
        for bytes in [text.as_bytes().to_vec(), [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(), cp1252] {
            assert_eq!(decode(&bytes).unwrap(), text);
        }
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert!(decode(b"  \n").unwrap_err().reason.contains("empty"));
        assert!(decode(b"PK\x03\x04\x00\x00").unwrap_err().reason.contains("binary"));
    }

    #[test]
    fn the_header_is_found_by_its_columns_and_titles_are_skipped() {
        let text = "Children's social care data,,,\nAs at 31 March,,,\n,,,\n\"URN\",\"Provision\ntype\",Name,,\nSC000001,Children's home,A,,\n,,,,\n1234567,Supported accommodation,B,,\n";
        let sheet = Sheet::read(text, |c| c.iter().any(|h| normalise(h) == "urn")).unwrap();
        assert_eq!(sheet.headings, ["URN", "Provision\ntype", "Name"]);
        assert_eq!(sheet.preamble, ["Children's social care data", "As at 31 March", ""]);
        assert_eq!(sheet.column(&["provision type"]), Some(1));
        assert_eq!(sheet.rows.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [5, 7]);
    }

    #[test]
    fn ragged_rows_and_a_missing_header_are_reported_by_row() {
        let text = "URN,Name\nSC000001,A,surplus\nSC000002\n";
        let problems = Sheet::read(text, |c| c.first().is_some_and(|h| h == "URN")).unwrap_err();
        assert_eq!(problems.iter().map(|p| p.row).collect::<Vec<_>>(), [2, 3]);
        assert!(problems[0].to_string().contains("ragged"));
        let none = Sheet::read("a,b\n1,2\n", |_| false).unwrap_err();
        assert!(none[0].reason.contains("no header row"));
    }

    #[test]
    fn a_refusal_lists_every_problem_counted_in_words() {
        let one = refusal(&[Problem::at(3, "URN", "not a URN")]);
        assert_eq!(one, "1 problem; nothing was imported:\n  row 3, column \"URN\": not a URN\n");
        let two = refusal(&[Problem::file("empty"), Problem::at(2, "", "ragged")]);
        assert!(two.starts_with("2 problems; nothing was imported:\n  empty\n  row 2: ragged\n"), "{two}");
    }
}
