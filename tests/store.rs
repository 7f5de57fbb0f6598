//! The store against real SQLite files in temp dirs.

mod common;

use common::{database, open, today};
use oversight::domain::contract::{Contract, ContractType};
use oversight::domain::inspection::{Inspection, InspectionKind};
use oversight::domain::money::Pence;
use oversight::domain::provider::Provider;
use oversight::domain::rating::Judgement;
use oversight::store::migrations::{self, LATEST};
use oversight::store::{Store, StoreError};
use std::os::unix::fs::PermissionsExt;

fn provider(name: &str) -> Provider {
    Provider { name: name.into(), contact: String::new(), notes: String::new(), archived_on: None }
}

fn audit_rows(store: &Store) -> usize {
    store.audit_entries(None).unwrap().len()
}

#[test]
fn a_new_database_is_created_at_the_latest_schema_with_mode_0600() {
    let (_dir, path) = database(None);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "database file mode {mode:o}");
    let store = open(&path);
    let health = store.health().unwrap();
    assert_eq!(health.schema_version, LATEST);
    assert!(health.is_ok());
    assert_eq!(health.tables.iter().map(|t| t.1).sum::<i64>(), 0);
    let journal: String = store.pragma("journal_mode").unwrap();
    assert_eq!(journal, "wal");
    let fk: bool = store.pragma("foreign_keys").unwrap() == "1";
    assert!(fk);
}

#[test]
fn migrations_validate_and_reapply_idempotently() {
    migrations::migrations().validate().unwrap();
    let (_dir, path) = database(None);
    drop(open(&path));
    let store = open(&path);
    assert_eq!(store.health().unwrap().schema_version, LATEST);
}

#[test]
fn a_newer_schema_is_refused_naming_both_versions() {
    let (_dir, path) = database(None);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", LATEST + 3).unwrap();
    drop(conn);
    let err = Store::open(&path, today()).err().expect("refused");
    assert!(matches!(err, StoreError::NewerSchema { .. }));
    assert_eq!(err.exit_code(), 2);
    let text = err.to_string();
    assert!(text.contains(&format!("schema version {}", LATEST + 3)), "{text}");
    assert!(text.contains(&format!("versions up to {LATEST}")), "{text}");
}

#[test]
fn a_file_that_is_not_a_database_gets_a_clear_error() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "these are my meeting notes, not a database\n".repeat(100)).unwrap();
    let err = Store::open(&path, today()).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("is not an Oversight database"));
    assert_eq!(std::fs::read_to_string(&path).unwrap().len(), 4300, "the file is left untouched");
}

#[test]
fn a_damaged_database_gets_a_clear_error() {
    let (_dir, path) = database(Some(oversight::demo::Scale::Small));
    // Keep SQLite's header, then scribble over the schema page.
    let mut bytes = std::fs::read(&path).unwrap();
    if bytes.len() < 4096 {
        // Everything may still be in the WAL; checkpoint by reopening.
        drop(open(&path));
        bytes = std::fs::read(&path).unwrap();
    }
    for b in bytes.iter_mut().skip(100).take(3000) {
        *b = 0xAB;
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::write(&path, &bytes).unwrap();
    let result = Store::open(&path, today()).and_then(|s| s.health());
    match result {
        Err(e) => assert_eq!(e.exit_code(), 2, "{e}"),
        Ok(health) => assert!(!health.is_ok(), "damage must be reported: {health:?}"),
    }
}

#[test]
fn a_read_only_file_opens_read_only_and_refuses_edits() {
    let (_dir, path) = database(Some(oversight::demo::Scale::Small));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let mut store = Store::open(&path, today()).unwrap();
    assert!(store.is_read_only());
    assert!(store.health().unwrap().tables[0].1 > 0, "it can still be read");
    let err = store.insert(&provider("New Provider Ltd")).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    assert!(err.to_string().contains("read-only"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let store = open(&path);
    assert_eq!(store.health().unwrap().tables[0].1, 8, "nothing was added");
}

#[test]
fn every_saved_change_writes_one_audit_row() {
    let (_dir, path) = database(None);
    let mut store = open(&path);
    let p = store.insert(&provider("Brightwater Care Ltd")).unwrap();
    assert_eq!(audit_rows(&store), 1);
    let mut changed = p.value.clone();
    changed.contact = "R. Patel".into();
    let p2 = store.update(p.id, p.version, &changed).unwrap();
    assert_eq!(p2.version, 2);
    let trail = store.audit_entries(Some(("providers", p.id))).unwrap();
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[1].action, "update");
    assert_eq!(trail[1].user, "tester");
    assert!(trail[1].before.as_deref().unwrap().contains("\"contact\":\"\""));
    assert!(trail[1].after.as_deref().unwrap().contains("\"contact\":\"R. Patel\""));
}

#[test]
fn the_trail_names_the_records_its_rows_point_at_and_no_others() {
    let (_dir, path) = database(Some(oversight::demo::Scale::Small));
    let mut store = open(&path);
    let conn = common::sql(&store);
    let (setting, provider): (i64, i64) = conn
        .query_row("SELECT id, provider_id FROM settings ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let mut s: oversight::store::Stored<oversight::domain::setting::Setting> = store.get(setting).unwrap();
    s.value.town = "Leek".into();
    store.update(s.id, s.version, &s.value).unwrap();
    let entries = store.audit_entries(None).unwrap();
    let names = store.audit_names(&entries).unwrap();
    let provider_name: String =
        conn.query_row("SELECT name FROM providers WHERE id = ?1", [provider], |r| r.get(0)).unwrap();
    // The setting's row points at its provider (provider_id): that name,
    // and only the names the trail's rows point at.
    assert_eq!(names.get(&("providers", provider)), Some(&provider_name));
    let pointed: std::collections::BTreeSet<(String, i64)> = entries
        .iter()
        .flat_map(|e| [e.before.clone(), e.after.clone()])
        .flatten()
        .flat_map(|text| {
            let fields: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
            [("setting_id", "settings"), ("provider_id", "providers")]
                .into_iter()
                .filter_map(move |(f, t)| fields.get(f).and_then(|v| v.as_i64()).map(|id| (t.to_string(), id)))
        })
        .collect();
    assert_eq!(names.len(), pointed.len(), "{names:?}");
}

#[test]
fn the_audit_row_is_in_the_same_transaction_as_the_change() {
    let (_dir, path) = database(None);
    let mut store = open(&path);
    // Make every audit insert fail: the change it records must not land either.
    common::sql(&store)
        .execute_batch(
            "CREATE TRIGGER audit_fails BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;",
        )
        .unwrap();
    assert!(store.insert(&provider("Brightwater Care Ltd")).is_err());
    let count: i64 = common::sql(&store).query_row("SELECT COUNT(*) FROM providers", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 0, "the provider was rolled back with its audit row");
}

#[test]
fn the_audit_trail_is_append_only() {
    let (_dir, path) = database(None);
    let mut store = open(&path);
    store.insert(&provider("Brightwater Care Ltd")).unwrap();
    for sql in ["UPDATE audit SET user = 'someone else'", "DELETE FROM audit"] {
        let err = common::sql(&store).execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(audit_rows(&store), 1);
}

#[test]
fn saving_over_a_newer_version_is_refused_with_who_and_when() {
    let (_dir, path) = database(None);
    let mut alice = open(&path);
    alice.set_user("alice");
    let p = alice.insert(&provider("Brightwater Care Ltd")).unwrap();
    let mut bob = open(&path);
    bob.set_user("bob");
    let mut bobs = p.value.clone();
    bobs.notes = "Bob's note".into();
    bob.update(p.id, p.version, &bobs).unwrap();
    let mut alices = p.value.clone();
    alices.notes = "Alice's note".into();
    let err = alice.update(p.id, p.version, &alices).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("changed by bob at"), "{text}");
    assert!(text.contains("since you opened it"), "{text}");
    assert_eq!(err.exit_code(), 1);
    assert_eq!(alice.get::<Provider>(p.id).unwrap().value.notes, "Bob's note");
}

#[test]
fn duplicates_and_rule_breaches_are_refused_with_sentences() {
    let (_dir, path) = database(None);
    let mut store = open(&path);
    let p = store.insert(&provider("Brightwater Care Ltd")).unwrap();
    let err = store.insert(&provider("brightwater care ltd")).unwrap_err();
    assert_eq!(err.to_string(), "a provider called \"brightwater care ltd\" already exists");
    let contract = Contract {
        provider_id: p.id,
        reference: "MCC-SPT-001".into(),
        kind: ContractType::Spot,
        title: String::new(),
        start: common::today(),
        end: Some(common::today() - chrono::Duration::days(1)),
        annual_value: Pence(1),
        returns: oversight::domain::contract::ReturnsOwed::Policy,
        notice_months: None,
        notice_given_on: None,
        payments: Default::default(),
    };
    let err = store.insert(&contract).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
    assert!(err.to_string().starts_with("end: is before the start date"), "{err}");
    assert_eq!(audit_rows(&store), 1, "refusals write nothing");
}

#[test]
fn mistaken_inspections_can_be_deleted_and_the_trail_keeps_them() {
    let (_dir, path) = database(Some(oversight::demo::Scale::Small));
    let mut store = open(&path);
    let inspection = Inspection::headline(1, common::today(), InspectionKind::Full, Some(Judgement::Inadequate));
    let saved = store.insert(&inspection).unwrap();
    store.delete::<Inspection>(saved.id, saved.version).unwrap();
    assert!(matches!(store.get::<Inspection>(saved.id), Err(StoreError::NotFound(_))));
    let trail = store.audit_entries(Some(("inspections", saved.id))).unwrap();
    assert_eq!(trail.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), vec!["insert", "delete"]);
    assert!(trail[1].before.as_deref().unwrap().contains("inadequate"));
}

#[test]
fn a_locked_database_is_reported_after_the_busy_timeout() {
    let (_dir, path) = database(None);
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE; INSERT INTO providers (name) VALUES ('Holder');").unwrap();
    let mut store = open(&path);
    let err = store.insert(&provider("Waiting Ltd")).unwrap_err();
    assert!(matches!(err, StoreError::Locked), "{err:?}");
    assert_eq!(err.exit_code(), 2);
    holder.execute_batch("ROLLBACK").unwrap();
    store.insert(&provider("Waiting Ltd")).unwrap();
}

#[test]
fn backups_are_consistent_copies() {
    let (dir, path) = database(Some(oversight::demo::Scale::Small));
    let store = open(&path);
    let out = dir.path().join("copy.db");
    store.backup_to(&out).unwrap();
    let copy = open(&out);
    assert_eq!(copy.health().unwrap().tables, store.health().unwrap().tables);
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_version_1_database_is_upgraded_in_place_with_its_data() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    migrations::migrations().to_version(&mut conn, 1).unwrap();
    conn.execute("INSERT INTO providers (name) VALUES ('Old Provider Ltd')", []).unwrap();
    conn.execute(
        "INSERT INTO settings (provider_id, urn, name, kind, local_authority, in_area) VALUES (1, 'SC000001', 'Old House', 'childrens_home', 'Marlshire', 1)",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO inspections (setting_id, inspection_date, kind, overall) VALUES (1, '2024-01-01', 'full', 'good')",
        [],
    )
    .unwrap();
    drop(conn);
    let store = open(&path);
    assert_eq!(store.health().unwrap().schema_version, LATEST);
    let setting: oversight::store::Stored<oversight::domain::setting::Setting> = store.get(1).unwrap();
    assert_eq!(setting.value.name, "Old House");
    assert_eq!((setting.value.monitoring_since, setting.value.enforcement), (None, None));
    let inspection: oversight::store::Stored<Inspection> = store.get(1).unwrap();
    assert_eq!(
        inspection.value.learned(),
        oversight::domain::date::parse("2024-01-01").unwrap(),
        "learned reads as inspected"
    );
}

#[test]
fn a_version_8_database_keeps_every_judgement_under_its_framework() {
    use oversight::domain::inspection::Framework;
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("v8.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    migrations::migrations().to_version(&mut conn, 8).unwrap();
    conn.execute_batch(
        "INSERT INTO providers (name) VALUES ('Old Provider Ltd');
         INSERT INTO settings (provider_id, urn, name, kind, local_authority, in_area)
             VALUES (1, 'SC000001', 'Old House', 'childrens_home', 'Marlshire', 1);
         INSERT INTO inspections (setting_id, inspection_date, kind, overall, experiences, protection, leadership, event_ref)
             VALUES (1, '2016-01-01', 'full', 'good', NULL, 'good', 'requires_improvement', '10000001'),
                    (1, '2019-01-01', 'full', 'outstanding', 'outstanding', 'good', 'good', '10000002'),
                    (1, '2020-01-01', 'monitoring', NULL, 'requires_improvement', NULL, NULL, NULL),
                    (1, '2025-01-01', 'full', 'inconsistent', NULL, NULL, NULL, NULL);",
    )
    .unwrap();
    drop(conn);
    let store = open(&path);
    assert_eq!(store.health().unwrap().schema_version, LATEST);
    type Kept = (Framework, Option<Judgement>, Option<Judgement>, Option<String>);
    let got: Vec<Kept> = store
        .inspections_of_setting(1)
        .unwrap()
        .into_iter()
        .map(|i| (i.value.framework, i.value.overall, i.value.leadership, i.value.event_ref))
        .collect();
    use Judgement::*;
    assert_eq!(
        got,
        [
            (Framework::Before2017, Some(Good), Some(RequiresImprovement), Some("10000001".into())),
            (Framework::Sccif, Some(Outstanding), Some(Good), Some("10000002".into())),
            (Framework::Sccif, Some(RequiresImprovement), None, None),
            (Framework::SupportedAccommodation, Some(Inconsistent), None, None),
        ]
    );
    let stamp = store.data_stamp().unwrap();
    drop(store);
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute("UPDATE inspections SET event_ref = 'x' WHERE id = 1", []).unwrap();
    assert_eq!(open(&path).data_stamp().unwrap(), stamp + 1, "the stamp triggers are back");
}

#[test]
fn a_second_reg44_report_for_the_same_month_is_refused() {
    use oversight::domain::date::Month;
    use oversight::domain::reg44::{Opinion, Reg44Report};
    let (_dir, path) = database(Some(oversight::demo::Scale::Small));
    let mut store = open(&path);
    let report = Reg44Report {
        setting_id: 1,
        month: Month::parse("2020-01").unwrap(),
        visit_date: oversight::domain::date::parse("2020-01-15").unwrap(),
        received_on: oversight::domain::date::parse("2020-01-20").unwrap(),
        visitor: "R. Ashworth".into(),
        safeguarded: Opinion::Yes,
        wellbeing: Opinion::Yes,
        children_resident: 2,
        missing_episodes: 0,
        physical_interventions: 0,
        police_callouts: 0,
        complaints: 0,
        manager_in_post: true,
        summary: String::new(),
        reviewed_by: None,
        reviewed_on: None,
        review_note: String::new(),
    };
    store.insert(&report).unwrap();
    let err = store.insert(&report).unwrap_err();
    assert_eq!(err.to_string(), "a Reg 44 report for Jan 2020 is already recorded for this home: open it to edit it");
}

/// The refusals of issue 6, against the county demo's stored records.
#[test]
fn stops_and_plans_refuse_what_breaks_their_rules() {
    use oversight::domain::placement::{ChildRef, Placement};
    use oversight::domain::plan::{ActionStatus, PlanAction};
    use oversight::domain::stop::PlacementStop;
    let (_dir, path) = database(Some(oversight::demo::Scale::County));
    let mut store = open(&path);
    let stop: oversight::store::Stored<PlacementStop> = store.get(1).unwrap();
    assert!(stop.value.outcome.is_none(), "the demo's case 1 stop is in force");
    let scheme: i64 = common::sql(&store)
        .query_row("SELECT MIN(id) FROM settings WHERE provider_id = ?1", [stop.value.provider_id], |r| r.get(0))
        .unwrap();

    // A placement into a setting under the stop.
    let placement = Placement {
        child_ref: ChildRef::parse("LAC-9001").unwrap(),
        setting_id: scheme,
        contract_id: None,
        start: today(),
        end: None,
        weekly_cost: Pence(150_000),
        distance_miles: None,
    };
    let err = store.insert(&placement).unwrap_err().to_string();
    assert!(err.contains("is under a placement stop (#1 on its provider, issued 2026-11-07"), "{err}");

    // Lifting: once, with a reason; a second time is refused.
    let mut lifted = stop.value.clone();
    assert!(lifted.lift(today(), "A. Khan", " ", "").unwrap_err().contains("reason"));
    lifted.lift(today(), "A. Khan", "Files complete", "").unwrap();
    store.update(stop.id, stop.version, &lifted).unwrap();
    let mut again = store.get::<PlacementStop>(1).unwrap().value;
    let err = again.lift(today(), "B. Morris", "Again", "").unwrap_err();
    assert_eq!(err, "the stop was already lifted on 2026-11-24");
    store.insert(&placement).expect("placements are taken again once the stop is lifted");

    // An action due before its plan was requested (2026-11-10).
    let action = PlanAction {
        plan_id: 1,
        description: "Audit every file".into(),
        owner: "Registered manager".into(),
        due_on: oversight::domain::date::parse("2026-11-01").unwrap(),
        status: ActionStatus::Open,
        evidence: String::new(),
        completed_on: None,
    };
    let err = store.insert(&action).unwrap_err().to_string();
    assert!(err.contains("before the plan was requested (2026-11-10)"), "{err}");
}

/// A child who moved on the day the stop was issued still counts as one it covered.
#[test]
fn a_child_moved_on_the_day_of_issue_stays_on_the_stop() {
    use oversight::domain::stop::{PlacementReview, PlacementStop, ReviewOutcome};

    let (_dir, path) = database(Some(oversight::demo::Scale::County));
    let mut store = open(&path);
    let stop: oversight::store::Stored<PlacementStop> = store.get(1).unwrap();
    let before = store.placed_at_issue(&stop).unwrap();
    let (placement, _) = before.iter().find(|(_, r)| r.is_none()).expect("a child still to review").clone();
    let review = PlacementReview {
        stop_id: 1,
        placement_id: placement.id,
        reviewed_on: stop.value.issued_on,
        outcome: ReviewOutcome::Moves,
        note: String::new(),
    };
    store.insert(&review).unwrap();
    let mut ended = placement.value.clone();
    ended.end = Some(stop.value.issued_on);
    store.update(placement.id, placement.version, &ended).unwrap();
    let after = store.placed_at_issue(&stop).unwrap();
    assert_eq!(after.len(), before.len());
    let (_, r) = after.iter().find(|(p, _)| p.id == placement.id).unwrap();
    assert_eq!(r.as_ref().unwrap().value.outcome, ReviewOutcome::Moves);
    assert!(after.last().unwrap().1.is_some(), "reviewed children come after those still to do");
}

#[test]
fn a_version_21_database_keeps_its_plans_their_actions_and_stops_when_plans_may_answer_a_group() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("v21.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    migrations::migrations().to_version(&mut conn, 21).unwrap();
    conn.execute_batch(
        "INSERT INTO providers (name) VALUES ('Old Provider Ltd');
         INSERT INTO plans (provider_id, title, source, requested_on, due_back, status, status_on)
             VALUES (1, 'Safer recruitment', 'concern', '2026-01-05', '2026-01-19', 'received', '2026-01-12');
         INSERT INTO plan_actions (plan_id, description, owner, due_on, status)
             VALUES (1, 'Check every file', 'Manager', '2026-02-01', 'open');
         INSERT INTO plan_events (plan_id, status, on_date, by_user) VALUES (1, 'requested', '2026-01-05', 'A. Khan');
         INSERT INTO stops (provider_id, issued_on, issued_by, reason, plan_id)
             VALUES (1, '2026-01-05', 'A. Khan', 'Records missing', 1);",
    )
    .unwrap();
    drop(conn);
    let store = open(&path);
    assert_eq!(store.health().unwrap().schema_version, LATEST);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let kept: (String, String, String) = conn
        .query_row("SELECT title, source, status_on FROM plans WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(kept, ("Safer recruitment".into(), "concern".into(), "2026-01-12".into()));
    let pointing: i64 = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM plan_actions WHERE plan_id = 1) + (SELECT COUNT(*) FROM plan_events WHERE plan_id = 1)
                  + (SELECT COUNT(*) FROM stops WHERE plan_id = 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(pointing, 3, "the action, the history and the stop still point at the plan");
    let broken: i64 = conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0);
    let stamp: i64 = conn.query_row("SELECT n FROM data_stamp", [], |r| r.get(0)).unwrap();
    conn.execute("UPDATE plans SET source = 'group', source_id = 1 WHERE id = 1", []).unwrap();
    let moved: i64 = conn.query_row("SELECT n FROM data_stamp", [], |r| r.get(0)).unwrap();
    assert_eq!(moved, stamp + 1, "'group' is a source now, and the stamp triggers are back");
}
