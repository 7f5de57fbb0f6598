//! The council's registers through CSV: out, into another database, and out
//! again unchanged; bad files refused whole with row and column.

mod common;

use common::{database, db_arg, open, run};
use oversight::domain::provider::Provider;
use std::path::Path;

const KINDS: [&str; 4] = ["providers", "settings", "contracts", "placements"];

fn export(db: &Path, table: &str) -> String {
    let (code, out, err) = run(&["export", "csv", table, "--all", "--db", &db_arg(db)]);
    assert_eq!(code, 0, "{err}");
    out
}

fn checksum(db: &Path) -> String {
    run(&["check", "--db", &db_arg(db)]).1
}

#[test]
fn registers_go_out_and_come_back_the_same() {
    let (dir, from) = database(Some(oversight::demo::Scale::Small));
    let (_dir2, to) = database(None);
    for kind in KINDS {
        let file = dir.path().join(format!("{kind}.csv"));
        std::fs::write(&file, export(&from, kind)).unwrap();
        let (code, dry, err) = run(&["import", "csv", kind, file.to_str().unwrap(), "--dry-run", "--db", &db_arg(&to)]);
        assert_eq!(code, 0, "{kind}: {err}");
        assert!(dry.contains("would create"), "{dry}");
        let (code, out, err) = run(&["import", "csv", kind, file.to_str().unwrap(), "--db", &db_arg(&to)]);
        assert_eq!(code, 0, "{kind}: {err}");
        assert!(out.contains(", updated 0, 0 unchanged"), "{kind}: {out}");
    }
    for kind in KINDS {
        assert_eq!(export(&to, kind), export(&from, kind), "{kind} round trip");
        let file = dir.path().join(format!("{kind}.csv"));
        let (_, again, _) =
            run(&["import", "csv", kind, file.to_str().unwrap(), "--format", "json", "--db", &db_arg(&to)]);
        let summary: serde_json::Value = serde_json::from_str(&again).unwrap();
        assert_eq!((summary["created"].as_u64(), summary["updated"].as_u64()), (Some(0), Some(0)), "{kind} twice");
    }
}

#[test]
fn a_bad_register_is_refused_whole_with_row_and_column() {
    let (dir, db) = database(Some(oversight::demo::Scale::Small));
    let before = checksum(&db);
    let provider = "Sandpiper Care Group";
    let cases = [
        ("providers", "name,contact,fax\nA Ltd,,\n".to_string(), "unknown column \"fax\""),
        ("settings", format!("provider,name,kind\n{provider},X,childrens_home\n"), "no \"local_authority\" column"),
        (
            "contracts",
            format!("reference,provider,type,start,annual_value\nK-1,{provider},block,31/02/2026,1000\n"),
            "row 2, column \"start\"",
        ),
        (
            "contracts",
            "reference,provider,type,start,annual_value\nK-1,Nobody Ltd,block,2026-01-01,1000\n".to_string(),
            "no provider is called \"Nobody Ltd\"",
        ),
        (
            "contracts",
            format!("reference,provider,type,start,annual_value,returns\nK-1,{provider},block,2026-01-01,1000,some\n"),
            "row 2, column \"returns\": \"some\" is not one of: policy, none",
        ),
        (
            "settings",
            format!("provider,name,kind,local_authority\n{provider},X,castle,Marlshire\n"),
            "\"castle\" is not one of",
        ),
        (
            "placements",
            "child_ref,setting_urn,start,weekly_cost\nJohn Smith,SC000001,2026-01-01,100\n".to_string(),
            "row 2, column \"child_ref\"",
        ),
        (
            "providers",
            "name,contact\nA Ltd,x\na ltd,y\n".to_string(),
            "row 3, column \"name\": appears again (first at row 2)",
        ),
        ("providers", "name,contact\nGood Ltd,x\n,y\n".to_string(), "row 3, column \"name\": required"),
    ];
    for (kind, text, says) in cases {
        let file = dir.path().join("bad.csv");
        std::fs::write(&file, &text).unwrap();
        let (code, out, err) = run(&["import", "csv", kind, file.to_str().unwrap(), "--db", &db_arg(&db)]);
        assert_eq!(code, 1, "{kind} {text}: {out}{err}");
        assert!(out.contains(says) || err.contains(says), "{kind}: wanted {says:?} in\n{out}{err}");
        assert!(err.contains("nothing was imported"), "{err}");
    }
    assert_eq!(checksum(&db), before, "the database is as it was");
}

#[test]
fn templates_and_exports_escape_formula_characters() {
    let (_dir, db) = database(Some(oversight::demo::Scale::Small));
    let (code, template, _) = run(&["import", "csv", "placements", "--template"]);
    assert_eq!(code, 0);
    assert_eq!(template, "child_ref,setting_urn,contract_reference,start,end,weekly_cost,distance_miles\n");
    let mut store = open(&db);
    let hostile = Provider {
        name: "=HYPERLINK(\"x\")".into(),
        contact: "+44 1632".into(),
        notes: "@SUM(A1)".into(),
        archived_on: None,
    };
    store.insert(&hostile).unwrap();
    drop(store);
    let out = export(&db, "providers");
    assert!(out.contains("\"'=HYPERLINK(\"\"x\"\")\",'+44 1632,'@SUM(A1)"), "{out}");
    // Every other table comes out whole too.
    for table in ["inspections", "visits", "reg44-reports", "plan-actions", "stops", "board-notes", "rating-alerts"] {
        let (code, text, err) = run(&["export", "csv", table, "--db", &db_arg(&db)]);
        assert_eq!(code, 0, "{table}: {err}");
        assert!(text.starts_with("id,version,"), "{table}: {text}");
    }
}

/// A contract's own choice of returns comes in by its `returns` column; left
/// blank, a contract already held keeps its choice.
#[test]
fn a_contracts_returns_come_in_by_their_column_and_stay_when_left_blank() {
    let (dir, db) = database(Some(oversight::demo::Scale::Small));
    let provider: String =
        common::sql(&open(&db)).query_row("SELECT name FROM providers ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    let file = dir.path().join("contracts.csv");
    let import = |text: &str| {
        std::fs::write(&file, text).unwrap();
        let (code, _, err) = run(&["import", "csv", "contracts", file.to_str().unwrap(), "--db", &db_arg(&db)]);
        assert_eq!(code, 0, "{err}");
    };
    let asked = || -> String {
        common::sql(&open(&db))
            .query_row("SELECT returns_owed FROM contracts WHERE reference = 'K-9'", [], |r| r.get(0))
            .unwrap()
    };
    import(&format!("reference,provider,type,start,annual_value,returns\nK-9,{provider},spot,2026-01-01,1000,none\n"));
    assert_eq!(asked(), "none");
    import(&format!("reference,provider,type,start,annual_value,returns\nK-9,{provider},spot,2026-01-01,2000,\n"));
    assert_eq!(asked(), "none", "blank keeps it");
    import(&format!("reference,provider,type,start,annual_value\nK-10,{provider},spot,2026-01-01,1000\n"));
    let new: String = common::sql(&open(&db))
        .query_row("SELECT returns_owed FROM contracts WHERE reference = 'K-10'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(new, "policy", "a new one asks as the policy says");
}
