//! Unregistered placements: the register worked as a user would, from the
//! first night to its end, with its weekly reviews; the Dashboard and the
//! board pack naming every open one; and a normal placement refused where no
//! registration covers the child.

mod common;

use common::{app, fill, press, row, run, save, screen_text, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::domain::date::parse;
use oversight::domain::money::Pence;
use oversight::domain::placement::{ChildRef, Placement};
use oversight::store::StoreError;

fn field_error(app: &oversight::ui::app::App, key: &str) -> String {
    common::form(app).fields.iter().find(|f| f.key == key).and_then(|f| f.error()).unwrap_or_default().to_string()
}

#[test]
fn a_placement_is_recorded_reviewed_weekly_and_ended_on_the_register() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "gu");
    let text = screen_text(&app, 120, 40);
    // The demo's open one: first night 2026-11-05, reviewed 2026-11-12 and
    // 2026-11-15, so next due 2026-11-15 + 7 = 2026-11-22, two days gone.
    assert!(text.contains("1 open, 1 review overdue · reviewed every 7 days"), "{text}");
    assert!(row(&text, "LAC-9000").contains("▲ 2026-11-22"), "{text}");
    // Reviewed today: next due a week on, no longer overdue.
    type_text(&mut app, "r");
    fill(&mut app, "by", "Head of Service");
    fill(&mut app, "note", "Seen at the house; the registered search goes on");
    save(&mut app);
    let text = screen_text(&app, 120, 40);
    assert!(row(&text, "LAC-9000").contains("2026-12-01") && !row(&text, "LAC-9000").contains('▲'), "{text}");
    assert!(text.contains("Reviews (3)"), "{text}");
    // A new one without why or the director's sign-off is refused beside each.
    type_text(&mut app, "n");
    fill(&mut app, "address", "7 Canal Street, Wolverhampton");
    fill(&mut app, "child", "LAC-9100");
    fill(&mut app, "start", "2026-11-20");
    fill(&mut app, "weekly cost", "8400");
    common::ctrl(&mut app, 's');
    assert_eq!(field_error(&app, "reason"), "required: say why no registered place could be found");
    assert_eq!(field_error(&app, "approved by"), "required: the director's sign-off is needed");
    fill(&mut app, "reason", "No registered home would take him at 2am");
    fill(&mut app, "approved by", "Director of Children's Services");
    save(&mut app);
    let text = screen_text(&app, 120, 40);
    // Four nights by hand; not told Ofsted yet; first review 2026-11-27.
    let line = row(&text, "LAC-9100");
    assert!(line.contains("2026-11-20") && line.contains(" 4 ") && line.contains("not told"), "{line}");
    assert!(line.contains("2026-11-27"), "{line}");
    assert!(text.contains("2 open, 0 reviews overdue"), "{text}");
    // The Dashboard names both.
    type_text(&mut app, "0");
    let dash = screen_text(&app, 200, 60);
    assert_eq!(dash.matches("⚠ Unregistered placement:").count(), 2, "{dash}");
    assert!(dash.contains("LAC-9100 since 2026-11-20 (4 nights) · next review 2026-11-27 · Ofsted not told"), "{dash}");
    // Ended today: off the Dashboard, dimmed from the register's open ones.
    type_text(&mut app, "gu");
    common::select_row(&mut app, "LAC-9100");
    press(&mut app, KeyCode::Enter);
    fill(&mut app, "end", common::TODAY);
    save(&mut app);
    assert!(screen_text(&app, 120, 40).contains("1 open"), "{}", screen_text(&app, 120, 40));
    type_text(&mut app, "0");
    assert_eq!(screen_text(&app, 200, 60).matches("⚠ Unregistered placement:").count(), 1);
}

#[test]
fn a_normal_placement_where_no_registration_covers_the_child_is_refused() {
    let (_dir, path) = common::database(Some(Scale::County));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let setting: i64 = conn
        .query_row("SELECT id FROM settings WHERE kind = 'childrens_home' ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    conn.execute("UPDATE settings SET urn = NULL WHERE id = ?1", [setting]).unwrap();
    let mut store = common::open(&path);
    let placement = Placement {
        child_ref: ChildRef::parse("LAC-9200").unwrap(),
        setting_id: setting,
        contract_id: None,
        start: parse("2026-11-20").unwrap(),
        end: None,
        weekly_cost: Pence::from_pounds(6_000),
        distance_miles: None,
    };
    match store.insert(&placement) {
        Err(StoreError::Invalid(problems)) => {
            let said = &problems[0].message;
            assert!(
                said.contains("it has no Ofsted URN") && said.contains("Unregistered placements register"),
                "{said}"
            );
        }
        other => panic!("not refused: {other:?}"),
    }
    // Its registration closed: refused alike; one ended by today may still be recorded.
    conn.execute("UPDATE settings SET urn = 'SC999001', registration = 'closed' WHERE id = ?1", [setting]).unwrap();
    assert!(matches!(store.insert(&placement), Err(StoreError::Invalid(_))));
    let ended = Placement { end: Some(parse("2026-11-22").unwrap()), ..placement };
    assert!(store.insert(&ended).is_ok());
}

#[test]
fn the_report_and_the_pack_put_every_open_one_first() {
    let (_dir, path) = common::database(Some(Scale::County));
    let db = common::db_arg(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let open: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM unregistered_placements WHERE start_date <= ?1 AND (end_date IS NULL OR end_date > ?1)",
            [common::TODAY],
            |r| r.get(0),
        )
        .unwrap();
    let all: i64 = conn.query_row("SELECT COUNT(*) FROM unregistered_placements", [], |r| r.get(0)).unwrap();
    assert_eq!((open, all), (1, 2), "the demo's: one open, one closed when the provider registered");
    let (code, out, err) = run(&["report", "unregistered", "--db", &db]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(&format!("Unregistered placements on {}: 1 open (1 with a review overdue", common::TODAY)),
        "{out}"
    );
    let (_, csv, _) = run(&["report", "unregistered", "--format", "csv", "--db", &db]);
    assert_eq!(csv.lines().count() as i64, all + 1);
    let (code, pack, err) = run(&["report", "board-pack", "--db", &db]);
    assert_eq!(code, 0, "{err}");
    let first = pack.find("## ").map(|at| &pack[at..]).unwrap_or_default();
    assert!(first.starts_with("## Children in unregistered placements"), "{pack}");
    assert!(pack.contains("1 child was placed where no Ofsted registration covers the care they receive"), "{pack}");
    assert!(!pack.contains("LAC-9000"), "child references withheld unless asked for");
}
