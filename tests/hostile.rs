//! Hostile input: over a hundred generated bad inputs (CSV imports, policy
//! files, stop-notice JSON, command-line arguments and form fields), each
//! refused with a sentence, none a panic, the database unchanged.

mod common;

use common::{app, ctrl, database, db_arg, fill, open, run, screen_text, type_text};
use oversight::ui::app::Overlay;
use std::path::Path;

/// The poisons: each is wrong wherever it is put below.
fn poisons() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("impossible date", b"31/02/2026".to_vec()),
        ("month 13", b"2026-13-01".to_vec()),
        ("words", b"yesterday".to_vec()),
        ("control characters", b"\x01\x07\x1b[2J".to_vec()),
        ("formula", b"=cmd|' /C calc'!A0".to_vec()),
        ("SQL", b"1'; DROP TABLE settings; --".to_vec()),
        ("huge number", b"99999999999999999999999999".to_vec()),
        ("negative", b"-5".to_vec()),
        ("invalid UTF-8", b"\xff\xfe\xfd".to_vec()),
    ]
}

/// One CSV file: `headings`, then one row where `column` holds `poison` and
/// the rest hold good values.
fn csv_with(headings: &[&str], good: &[&str], column: usize, poison: &[u8]) -> Vec<u8> {
    let mut out = headings.join(",").into_bytes();
    out.push(b'\n');
    for (i, cell) in good.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if i == column {
            out.push(b'"');
            out.extend(poison.iter().flat_map(|b| if *b == b'"' { vec![b'"', b'"'] } else { vec![*b] }));
            out.push(b'"');
        } else {
            out.extend(cell.as_bytes());
        }
    }
    out.push(b'\n');
    out
}

/// A register kind, its headings, a good row, and the columns that cannot hold a poison.
type Register<'a> = (&'a str, &'a [&'a str], &'a [&'a str], &'a [usize]);

struct Tally {
    cases: usize,
    refused: usize,
    panics: usize,
    failures: Vec<String>,
}

impl Tally {
    fn run(&mut self, what: &str, args: &[&str]) {
        let (code, _, err) = run(args);
        self.judge(what, code, err);
    }

    /// As `run`, without the fixed `--today` (for arguments that set it).
    fn run_bare(&mut self, what: &str, args: &[&str]) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_oversight")).args(args).output().unwrap();
        self.judge(what, out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned());
    }

    fn judge(&mut self, what: &str, code: i32, err: String) {
        self.cases += 1;
        if err.contains("panicked") || code == 101 {
            self.panics += 1;
        }
        // One sentence from Oversight, or the argument parser's error and usage.
        let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        if code == 1 && (first.starts_with("oversight: ") || first.starts_with("error: ")) {
            self.refused += 1;
        } else {
            self.failures.push(format!("{what}: exit {code}: {err}"));
        }
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn bad_input_everywhere_is_refused_with_a_sentence_and_changes_nothing() {
    let (dir, db) = database(Some(oversight::demo::Scale::Small));
    let db = db_arg(&db);
    let checksum = || run(&["check", "--db", &db]).1;
    let before = checksum();
    let mut t = Tally { cases: 0, refused: 0, panics: 0, failures: Vec::new() };
    let provider = "Sandpiper Care Group";

    // CSV imports: each poison in each field that cannot hold it.
    let ofsted_headings = [
        "URN",
        "Provision type",
        "Registration status",
        "Local authority",
        "Latest full inspection date",
        "Overall effectiveness",
        "Number of registered places",
    ];
    let ofsted_good = ["SC912345", "Children's home", "Active", "Walsall", "01/02/2025", "Good", "4"];
    let register: [Register; 4] = [
        (
            "settings",
            &["provider", "urn", "name", "kind", "local_authority", "places", "in_area"],
            &[provider, "SC912345", "New Home", "childrens_home", "Walsall", "4", "no"],
            &[1, 3, 5, 6],
        ),
        (
            "contracts",
            &["reference", "provider", "type", "start", "annual_value"],
            &["K-99", provider, "spot", "2026-01-01", "1000"],
            &[2, 3, 4],
        ),
        (
            "placements",
            &["child_ref", "setting_urn", "start", "weekly_cost"],
            &["LAC-9999", "SC912345", "2026-01-01", "100"],
            &[0, 1, 2, 3],
        ),
        ("providers", &["name", "contact"], &["Good Name Ltd", "x"], &[]),
    ];
    for (label, poison) in poisons() {
        for column in [0, 4, 5, 6] {
            let file = write(dir.path(), "o.csv", &csv_with(&ofsted_headings, &ofsted_good, column, &poison));
            t.run(&format!("ofsted {label} in {}", ofsted_headings[column]), &["import", "ofsted", &file, "--db", &db]);
        }
        for (kind, headings, good, columns) in register {
            for &column in columns {
                let file = write(dir.path(), "r.csv", &csv_with(headings, good, column, &poison));
                t.run(&format!("{kind} {label} in {}", headings[column]), &["import", "csv", kind, &file, "--db", &db]);
            }
        }
    }
    // A 10 MB field, and control characters in a name.
    let huge = vec![b'A'; 10 * 1024 * 1024];
    let file = write(dir.path(), "huge.csv", &csv_with(&["name", "contact"], &["", "x"], 0, &huge));
    t.run("10 MB provider name", &["import", "csv", "providers", &file, "--db", &db]);
    let file = write(dir.path(), "ctl.csv", &csv_with(&["name", "contact"], &["", "x"], 0, b"Bad\x1b[2J Ltd"));
    t.run("control characters in a name", &["import", "csv", "providers", &file, "--db", &db]);

    // Policy files.
    let policies: [(&str, &[u8]); 10] = [
        ("wrong type", b"[tiers]\nintensive_days = \"soon\"\n"),
        ("unknown key", b"[tiers]\nintensiv_days = 28\n"),
        ("huge value", b"[stops]\nreview_after_days = 99999999999\n"),
        ("negative", b"[tiers]\nintensive_days = -3\n"),
        ("control characters", b"home_authority = \"\x01\"\x07\n"),
        ("not TOML", b"{ this is json }"),
        ("invalid UTF-8", b"home_authority = \"\xff\xfe\"\n"),
        ("deep nesting", &[b"a = ".as_slice(), &[b'['; 5000], &[b']'; 5000]].concat()),
        ("SQL", b"home_authority = 1'; DROP TABLE settings; --\n"),
        ("empty table name", b"[]\n"),
    ];
    for (label, text) in policies {
        let file = write(dir.path(), "policy.toml", text);
        t.run(&format!("policy {label}"), &["due", "--policy", &file, "--db", &db]);
    }

    // Stop-notice JSON.
    let deep = [vec![b'['; 100_000], vec![b']'; 100_000]].concat();
    let mut big = br#"{"schema":"oversight.stop-notice","version":1,"reason":""#.to_vec();
    big.extend(vec![b'x'; 2_000_000]);
    big.extend(br#""}"#);
    let notices: [(&str, &[u8]); 9] = [
        ("deep nesting", &deep),
        ("over a megabyte", &big),
        ("wrong types", br#"{"schema":"oversight.stop-notice","version":"one"}"#),
        ("missing fields", br#"{"schema":"oversight.stop-notice","version":1}"#),
        ("another schema", br#"{"schema":"evil","version":1}"#),
        ("a newer version", br#"{"schema":"oversight.stop-notice","version":99}"#),
        ("invalid UTF-8", b"{\"schema\":\"\xff\xfe\"}"),
        ("not JSON", b"DROP TABLE settings;"),
        ("empty", b""),
    ];
    for (label, bytes) in notices {
        let file = write(dir.path(), "notice.json", bytes);
        t.run(&format!("notice {label}"), &["import", "stop-notice", &file, "--db", &db]);
    }

    // Command-line arguments.
    let args: [&[&str]; 10] = [
        &["due", "--within", "abc"],
        &["due", "--within", "-1"],
        &["due", "--within", "99999999999"],
        &["report", "board-pack", "--month", "20261"],
        &["report", "board-pack", "--format", "xml"],
        &["reg44", "status", "--month", "0000-00"],
        &["demo", "--scale", "galactic"],
        &["demo", "--seed", "-1"],
        &["backup"],
        &["frobnicate"],
    ];
    for a in args {
        let mut full = a.to_vec();
        full.extend(["--db", &db]);
        t.run(&format!("arguments {a:?}"), &full);
    }
    for today in ["2026-02-30", "1e9", "24/13/2026", ""] {
        t.run_bare(&format!("--today {today:?}"), &["--today", today, "due", "--db", &db]);
    }

    figures!(
        "hostile suite: {} inputs, {} refused with a message, {} panics, database {}",
        t.cases,
        t.refused,
        t.panics,
        if checksum() == before { "unchanged" } else { "CHANGED" }
    );
    assert!(t.cases >= 100, "{} cases", t.cases);
    assert!(t.failures.is_empty(), "not refused cleanly:\n{}", t.failures.join("\n"));
    assert_eq!(t.panics, 0);
    assert_eq!(checksum(), before, "the database is unchanged");
}

#[test]
fn bad_form_input_stays_in_the_form_with_the_reason_and_saves_nothing() {
    let (dir, mut app) = app(Some(oversight::demo::Scale::Small));
    let path = dir.path().join("oversight.db");
    let before = run(&["check", "--db", &db_arg(&path)]).1;
    let mut cases = 0;
    // A new setting on the first provider: each bad value in turn.
    let bad: [(&str, &str, &str); 8] = [
        ("urn", "=1+1", "URN"),
        ("urn", "1'; DROP TABLE settings; --", "URN"),
        ("places", "99999999999999", "number"),
        ("places", "-4", "number"),
        ("distance", "far", "number"),
        ("name", "\u{1b}[2J", "control"),
        ("monitored since", "31/02/2026", "February"),
        ("monitored since", "2026-13-01", "not a month"),
    ];
    type_text(&mut app, "1");
    for (field, value, says) in bad {
        cases += 1;
        common::press(&mut app, crossterm::event::KeyCode::Enter);
        type_text(&mut app, "n");
        fill(&mut app, "name", "Test Home");
        fill(&mut app, "local authority", "Walsall");
        fill(&mut app, field, value);
        ctrl(&mut app, 's');
        let text = screen_text(&app, 120, 40);
        assert!(matches!(app.overlay, Some(Overlay::Form(_))), "{field}={value:?} was saved:\n{text}");
        assert!(text.to_lowercase().contains(&says.to_lowercase()), "{field}={value:?} says why:\n{text}");
        common::press(&mut app, crossterm::event::KeyCode::Esc);
        type_text(&mut app, "y"); // discard
        common::press(&mut app, crossterm::event::KeyCode::Esc);
    }
    drop(app);
    let _ = open(&path);
    assert_eq!(run(&["check", "--db", &db_arg(&path)]).1, before, "{cases} bad forms, nothing saved");
}
