//! Regulation 40 notifications: logged on a setting's screen as a user
//! would, their pattern watched in the tier; across settings in `report
//! notifications`, `export csv notifications` and the board pack, each
//! count checked against a plain reading of the table.

mod common;

use common::{app, choose, fill, press, run, save, screen_text, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::domain::date::add_days;

/// Logs a notification from the Setting screen shown: `N`, then the day, category and summary.
fn log(app: &mut oversight::ui::app::App, on: &str, category: &str, summary: &str) {
    type_text(app, "N");
    fill(app, "notified", on);
    choose(app, "category", category);
    fill(app, "summary", summary);
    save(app);
}

/// The tier line of the Setting screen shown, and the reasons under it.
fn tier_box(app: &oversight::ui::app::App) -> String {
    let text = screen_text(app, 120, 40);
    text.lines().skip_while(|l| !l.contains("Risk tier")).take(6).collect::<Vec<_>>().join("\n")
}

#[test]
fn police_incidents_then_an_allegation_raise_a_good_homes_tier() {
    let (_dir, mut app) = app(Some(Scale::County));
    let conn = common::sql(&app.store);
    // Good children's homes with a child placed, their notifications cleared.
    let homes: Vec<String> = conn
        .prepare(
            "SELECT s.name FROM settings s WHERE s.kind = 'childrens_home'
             AND (SELECT overall FROM inspections i WHERE i.setting_id = s.id AND overall IS NOT NULL
                  ORDER BY inspection_date DESC LIMIT 1) = 'good'
             AND EXISTS (SELECT 1 FROM placements p WHERE p.setting_id = s.id AND p.end_date IS NULL)
             ORDER BY s.name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    conn.execute("DELETE FROM notifications", []).unwrap();
    type_text(&mut app, "2");
    // The first of them at tier 3 with nothing else raising it.
    let home = homes
        .iter()
        .find(|name| {
            common::filter(&mut app, name);
            press(&mut app, KeyCode::Enter);
            let standard = tier_box(&app).contains("Tier 3 Standard");
            press(&mut app, KeyCode::Esc);
            press(&mut app, KeyCode::Esc);
            standard
        })
        .expect("a Good home at tier 3");
    common::filter(&mut app, home);
    press(&mut app, KeyCode::Enter);
    // A day ahead is refused beside the field.
    type_text(&mut app, "N");
    fill(&mut app, "notified", "2026-11-25");
    fill(&mut app, "summary", "Missing overnight");
    common::ctrl(&mut app, 's');
    let said = common::form(&app)
        .fields
        .iter()
        .find(|f| f.key == "notified")
        .and_then(|f| f.error())
        .unwrap_or_default()
        .to_string();
    assert!(said.starts_with("is after today (2026-11-24)"), "{said}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    // Two police incidents in 90 days: the policy allows two.
    log(&mut app, "2026-09-01", "police", "Missing overnight; returned by police");
    log(&mut app, "2026-10-15", "police", "Arrested after damage in the community");
    assert!(tier_box(&app).contains("Tier 3 Standard"), "{}", tier_box(&app));
    // A third within 90 days of the first (2026-09-01 + 90 = 2026-11-30): tier 2.
    log(&mut app, "2026-11-20", "police", "Police called to an assault on staff");
    let tier = tier_box(&app);
    assert!(tier.contains("Tier 2 Enhanced") && tier.contains("3 serious incidents involving the police"), "{tier}");
    // An allegation against staff: tier 1, with the day it came.
    log(&mut app, "2026-11-23", "allegation", "Allegation that a member of staff hit a child");
    let tier = tier_box(&app);
    assert!(tier.contains("Tier 1 Intensive"), "{tier}");
    assert!(tier.contains("allegation against staff on") && tier.contains("2026-11-23 (tier 1 for 90 days)"), "{tier}");
    // The pane lists all four, the latest first; the strip counts them.
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Notifications (4)") && text.contains("3 police, 1 allegation"), "{text}");
    let stored: i64 = conn.query_row("SELECT COUNT(*) FROM notifications", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, 4);
}

#[test]
fn the_report_export_and_pack_count_what_the_table_holds() {
    let (dir, path) = common::database(Some(Scale::County));
    let db = common::db_arg(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    // The demo's two years: some every category it uses, a pattern at one home.
    let all = count("SELECT COUNT(*) FROM notifications");
    assert!(all > 20, "{all}");
    let (code, out, err) = run(&["export", "csv", "notifications", "--db", &db]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count() as i64, all + 1, "a header and every row");
    // The report over a year: each category's count as SQL gives it.
    let from = add_days(common::today(), -364).to_string();
    let (code, out, err) = run(&["report", "notifications", "--from", &from, "--db", &db]);
    assert_eq!(code, 0, "{err}");
    let in_year = count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE notified_on BETWEEN '{from}' AND '{}'",
        common::TODAY
    ));
    assert!(
        out.starts_with(&format!("Regulation 40 notifications from {from} to {}: {in_year} (", common::TODAY)),
        "{out}"
    );
    let police = count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE category = 'police' AND notified_on BETWEEN '{from}' AND '{}'",
        common::TODAY
    ));
    assert!(out.contains(&format!("{police:>4}  Serious incident involving the police")), "{police}: {out}");
    let (code, csv, _) = run(&["report", "notifications", "--from", &from, "--format", "csv", "--db", &db]);
    assert_eq!(code, 0);
    assert_eq!(csv.lines().count() as i64, in_year + 1);
    // A --from after --to is refused.
    let (code, _, err) = run(&["report", "notifications", "--from", "2026-11-01", "--to", "2026-10-01", "--db", &db]);
    assert_ne!(code, 0);
    assert!(err.contains("--from 2026-11-01 is after --to 2026-10-01"), "{err}");
    // The pack for October: the month's notifications.
    let october = count("SELECT COUNT(*) FROM notifications WHERE notified_on BETWEEN '2026-10-01' AND '2026-10-31'");
    let (code, pack, err) = run(&["report", "board-pack", "--month", "2026-10", "--db", &db]);
    assert_eq!(code, 0, "{err}");
    let said = match october {
        0 => "No home notified us of a serious event in Oct 2026.".to_string(),
        1 => "Homes notified us of 1 serious event in Oct 2026".to_string(),
        n => format!("Homes notified us of {n} serious events in Oct 2026"),
    };
    assert!(pack.contains(&said), "{said}: {pack}");
    drop(dir);
}
