//! The Corporate Parenting Board pack, run as the built binary on the county
//! demo, and the contracts register.

mod common;

use common::{database, db_arg, run};
use std::collections::BTreeSet;

const MONTH: &str = "2026-10";

fn pack(db: &str, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["report", "board-pack", "--month", MONTH, "--format", format, "--db", db];
    args.extend(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    out
}

/// Inadequate and RI settings (either scale) with a child placed on the
/// month's last day, counted straight from the tables.
fn focus_from_sql(db: &std::path::Path) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "WITH latest AS (
                SELECT setting_id, overall,
                       ROW_NUMBER() OVER (PARTITION BY setting_id ORDER BY inspection_date DESC, id DESC) AS rn
                FROM inspections WHERE overall IS NOT NULL AND COALESCE(recorded_on, inspection_date) <= '2026-10-31')
             SELECT s.name FROM settings s JOIN latest l ON l.setting_id = s.id AND l.rn = 1
             WHERE l.overall IN ('requires_improvement', 'inadequate', 'inconsistent', 'serious_weaknesses')
               AND s.archived_on IS NULL AND s.registration <> 'closed'
               AND EXISTS (SELECT 1 FROM placements p WHERE p.setting_id = s.id AND p.start_date <= '2026-10-31'
                           AND (p.end_date IS NULL OR p.end_date > '2026-10-31'))",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn the_pack_lists_exactly_the_inadequate_and_ri_settings_with_children_placed() {
    let (dir, path) = database(Some(oversight::demo::Scale::County));
    let db = db_arg(&path);
    let expected = focus_from_sql(&path);
    assert!(expected.len() > 10, "the demo has plenty to scrutinise: {}", expected.len());

    let md = pack(&db, "md", &[]);
    let listed: BTreeSet<String> = md
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|l| {
            let name = l.split_once(". ").unwrap().1;
            name[..name.rfind(" (").unwrap()].to_string()
        })
        .collect();
    assert_eq!(listed, expected);
    assert!(md.contains(&format!("with children placed ({})", expected.len())));

    let csv = pack(&db, "csv", &[]);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(csv.as_bytes());
    let names: BTreeSet<String> =
        reader.records().map(Result::unwrap).filter(|r| &r[0] == "focus").map(|r| r[3].to_string()).collect();
    assert_eq!(names, expected);

    // Child references appear only when asked for.
    assert!(!md.contains("LAC-") && !csv.contains("LAC-"));
    let with_refs = pack(&db, "md", &["--include-child-refs"]);
    assert!(with_refs.contains("LAC-"));
    drop(dir);
}

#[test]
fn the_pack_in_each_format() {
    let (_dir, path) = database(Some(oversight::demo::Scale::County));
    let db = db_arg(&path);
    for (format, ext) in [("md", "md"), ("html", "html"), ("csv", "csv")] {
        let text = pack(&db, format, &[]);
        insta::assert_snapshot!(format!("board_pack_{MONTH}.{ext}"), text);
    }
}

#[test]
fn the_html_is_self_contained_and_every_table_has_a_header() {
    let (_dir, path) = database(Some(oversight::demo::Scale::County));
    let html = pack(&db_arg(&path), "html", &[]);
    let doc = scraper::Html::parse_document(&html);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let tables: Vec<_> = doc.select(&select("table")).collect();
    assert!(tables.len() >= 5, "{} tables", tables.len());
    for table in &tables {
        assert!(table.select(&select("thead tr th")).count() >= 2, "a header row: {}", table.html());
        let width = table.select(&select("thead th")).count();
        for row in table.select(&select("tbody tr")) {
            assert_eq!(row.select(&select("td")).count(), width, "every row as wide as its header");
        }
    }
    for forbidden in ["script", "link", "iframe", "img", "object", "embed"] {
        assert_eq!(doc.select(&select(forbidden)).count(), 0, "no <{forbidden}>");
    }
    for attribute in ["src", "href", "xlink:href"] {
        assert_eq!(doc.select(&select(&format!("[{}]", attribute.replace(':', "\\:")))).count(), 0);
    }
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("url("),
        "no external references"
    );
    assert!(doc.select(&select("svg rect")).count() > 20, "charts are drawn inline");
    assert_eq!(doc.select(&select("section.setting")).count(), focus_from_sql(&path).len());
}

#[test]
fn bad_months_and_paths_are_refused_and_leave_nothing_behind() {
    let (dir, path) = database(Some(oversight::demo::Scale::County));
    let db = db_arg(&path);
    let out = db_arg(&dir.path().join("pack.html"));
    for (month, says) in [("2026-12", "is in the future"), ("2026-13", "month"), ("October", "month")] {
        let (code, _, err) = run(&["report", "board-pack", "--month", month, "--out", &out, "--db", &db]);
        assert_eq!(code, 1, "{month}: {err}");
        assert!(err.to_lowercase().contains(says), "{month}: {err}");
    }
    let missing = db_arg(&dir.path().join("no/such/folder/pack.html"));
    let (code, _, err) = run(&["report", "board-pack", "--month", MONTH, "--out", &missing, "--db", &db]);
    assert_eq!(code, 1);
    assert!(err.contains("does not exist"), "{err}");
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
    let (code, _, err) =
        run(&["report", "board-pack", "--month", MONTH, "--out", &db_arg(&locked.join("pack.html")), "--db", &db]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
    // Root may write anywhere; everyone else is refused.
    if code != 0 {
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("cannot write"), "{err}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|f| f.to_string_lossy().contains("pack")), "no partial file: {left:?}");
}

#[test]
fn the_contracts_register_lists_live_contracts_over_the_threshold() {
    let (_dir, path) = database(Some(oversight::demo::Scale::County));
    let (code, out, err) = run(&["export", "csv", "contracts", "--db", &db_arg(&path)]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>()[..2], ["reference", "provider"]);
    let values: Vec<f64> = reader.records().map(|r| r.unwrap()[6].parse().unwrap()).collect();
    assert!(!values.is_empty() && values.iter().all(|v| *v > 5000.0), "{values:?}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let live_over: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM contracts WHERE annual_value_pence > 500000 AND start_date <= '2026-11-24'
             AND (end_date IS NULL OR end_date >= '2026-11-24')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(values.len() as i64, live_over);
}

#[test]
fn the_dashboard_opens_first_and_each_number_leads_to_its_list() {
    use common::{app, press, screen_text, snapshot_at};
    use crossterm::event::KeyCode;
    let (_dir, mut app) = app(Some(oversight::demo::Scale::County));
    snapshot_at("dashboard", &app, &[(80, 24), (120, 40), (200, 60)]);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("monitored") && text.contains("visits late") && text.contains("alerts (0"), "{text}");

    // Visits overdue is the fifth number: → four times, Enter.
    for _ in 0..4 {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("┌ Schedule · overdue"), "{text}");
    let overview = oversight::store::board::overview(&app.store, &app.policy, app.store.today()).unwrap();
    let overdue = overview.headline.visits_overdue;
    assert!(text.contains(&format!(" 1 of {overdue} ┘")), "as many rows as the number said ({overdue}): {text}");
    let rows: Vec<&str> = text.lines().filter(|l| l.chars().nth(3) == Some('T') && l.contains(" d ")).collect();
    assert_eq!(rows.len(), (overdue as usize).min(35), "every row shown is late");
    // Esc clears the lens; the dashboard is still 0.
    press(&mut app, KeyCode::Esc);
    assert!(screen_text(&app, 120, 40).contains("┌ Schedule ─"));
    common::type_text(&mut app, "0");
    assert!(screen_text(&app, 120, 40).contains("What changed in the last 30 days"));
}

#[test]
fn board_preparation_takes_commentary_and_writes_the_pack() {
    use common::{app, fill, save, screen_text, snapshot, type_text};
    let (dir, mut app) = app(Some(oversight::demo::Scale::County));
    type_text(&mut app, "8");
    snapshot("board_prep", &app);
    type_text(&mut app, "e");
    fill(&mut app, "commentary", "Visited 4 Nov; new manager starts in December. Stop not needed.");
    save(&mut app);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("commentary on 1"), "{text}");
    assert!(text.contains("Commentary: Visited 4 Nov"), "the preview shows it: {text}");

    type_text(&mut app, "w");
    let out = dir.path().join("pack.html");
    fill(&mut app, "file", out.to_str().unwrap());
    save(&mut app);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Visited 4 Nov; new manager starts in December."));
    assert!(html.contains("Corporate Parenting Board: commissioned placements, Nov 2026"));

    // A month to come is refused; last month's pack has no commentary yet.
    type_text(&mut app, "]");
    assert!(app.status.as_ref().is_some_and(|s| s.error), "refused");
    type_text(&mut app, "[");
    assert!(screen_text(&app, 120, 40).contains("Board pack for Oct 2026 · "), "a whole month, not so far");
    assert!(screen_text(&app, 120, 40).contains("commentary on 0"));
}

#[test]
fn child_references_typed_into_free_text_are_withheld_and_markdown_passes_no_html() {
    let (_dir, path) = database(Some(oversight::demo::Scale::County));
    let db = db_arg(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let child: String = conn
        .query_row("SELECT child_ref FROM placements WHERE end_date IS NULL ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let focus = focus_from_sql(&path);
    let focus_id: i64 = conn
        .query_row("SELECT id FROM settings WHERE name = ?1", [focus.iter().next().unwrap()], |r| r.get(0))
        .unwrap();
    let typed = format!("{} went missing; see {child}. <script>alert(1)</script>", "lac-0777");
    conn.execute(
        "INSERT INTO board_notes (month, setting_id, text) VALUES (?1, ?2, ?3)",
        rusqlite::params![MONTH, focus_id, typed],
    )
    .unwrap();
    conn.execute("UPDATE stops SET reason = ?1", [format!("{child} was not safe")]).unwrap();
    drop(conn);
    for format in ["md", "html", "csv"] {
        let out = pack(&db, format, &[]);
        assert!(!out.contains(&child) && !out.to_uppercase().contains("LAC-0777"), "{format} withholds: {out}");
        assert!(out.contains("[child reference withheld] went missing"), "{format} says so");
    }
    let md = pack(&db, "md", &[]);
    assert!(!md.contains("<script>") && md.contains("&lt;script&gt;"), "Markdown escapes raw HTML");
    let html = pack(&db, "html", &[]);
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    let with_refs = pack(&db, "md", &["--include-child-refs"]);
    assert!(with_refs.contains(&child) && with_refs.contains("lac-0777"), "asked for, they are printed");
}

#[test]
fn a_reference_typed_into_commentary_is_warned_of_and_withheld_in_the_preview() {
    use common::{app, fill, save, screen_text, type_text};
    let (_dir, mut app) = app(Some(oversight::demo::Scale::County));
    type_text(&mut app, "8");
    type_text(&mut app, "e");
    fill(&mut app, "commentary", "LAC-0042 went missing twice in October");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("\"LAC-0042\" looks like a child's reference"), "{text}");
    save(&mut app);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Commentary: [child reference withheld] went"), "{text}");
    assert!(!text.contains("LAC-0042"), "{text}");
}
