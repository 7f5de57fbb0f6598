//! Value for money: children's needs on the Valuing Care tool, recorded on
//! the Provider screen and read against cost by `report value`, each figure
//! checked against a plain reading of the tables.

mod common;

use common::{app, fill, press, run, screen_text, select_row, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use tempfile::TempDir;

const TODAY: &str = "2026-12-01";

/// The needs score of stored scores text ("2,0,1,…"), summed by hand.
fn total(scores: &str) -> u32 {
    scores.split(',').map(|n| n.parse::<u32>().unwrap()).sum()
}

#[test]
fn the_value_report_agrees_with_the_placements_and_their_latest_needs() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("v.db").display().to_string();
    assert_eq!(run(&["demo", "--db", &db, "--scale", "county", "--seed", "7", "--today", TODAY]).0, 0);
    let (code, out, err) = run(&["report", "value", "--format", "csv", "--db", &db, "--today", TODAY]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut checked = 0;
    for row in rows.iter().filter(|r| &r[1] != "(all its settings)") {
        let (provider, setting) = (&row[0], &row[1]);
        // Each current placement there, with the scores of its latest assessment by today.
        let placed: Vec<(i64, Option<String>)> = conn
            .prepare(
                "SELECT pl.weekly_cost_pence,
                        (SELECT a.scores FROM needs_assessments a WHERE a.placement_id = pl.id AND a.assessed_on <= ?3
                         ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)
                 FROM placements pl JOIN settings s ON s.id = pl.setting_id JOIN providers p ON p.id = s.provider_id
                 WHERE p.name = ?1 AND s.name = ?2 AND pl.start_date <= ?3 AND (pl.end_date IS NULL OR pl.end_date > ?3)",
            )
            .unwrap()
            .query_map([provider, setting, TODAY], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let spend: i64 = placed.iter().map(|p| p.0).sum();
        let measured: Vec<(i64, u32)> =
            placed.iter().filter_map(|(w, s)| s.as_deref().map(|s| (*w, total(s)))).collect();
        let points: u32 = measured.iter().map(|m| m.1).sum();
        assert_eq!(row[2].parse::<usize>().unwrap(), placed.len(), "{row:?}");
        assert_eq!(&row[3], oversight::domain::money::Pence(spend).full(), "{row:?}");
        assert_eq!(row[4].parse::<usize>().unwrap(), measured.len(), "{row:?}");
        if !measured.is_empty() {
            let average = f64::from(points) / measured.len() as f64;
            assert_eq!(&row[5], format!("{average:.1}"), "{row:?}");
            let measured_spend: i64 = measured.iter().map(|m| m.0).sum();
            if points > 0 {
                // To the nearest penny.
                let points = i64::from(points);
                let per_point = oversight::domain::money::Pence((measured_spend + points / 2) / points);
                assert_eq!(&row[6], per_point.full(), "{row:?}");
            }
        }
        checked += 1;
    }
    assert!(checked > 20, "{checked} settings checked");
    // Every child placed today has their needs measured in the demo.
    let unmeasured: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM placements pl WHERE pl.start_date <= ?1 AND (pl.end_date IS NULL OR pl.end_date > ?1)
               AND NOT EXISTS (SELECT 1 FROM needs_assessments a WHERE a.placement_id = pl.id)",
            [TODAY],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unmeasured, 0);
}

/// A child's needs recorded at placement and at review on the Provider
/// screen's Needs pane: the change shows; a score off the scale, a review
/// with nothing before it and a day before the placement are refused beside
/// their fields.
#[test]
fn needs_recorded_at_placement_and_review_show_their_change() {
    let (_dir, mut app) = app(Some(Scale::County));
    let conn = common::sql(&app.store);
    // One of Amberley's children, their recorded needs cleared to start afresh.
    let (placement, child, start): (i64, String, String) = conn
        .query_row(
            "SELECT pl.id, pl.child_ref, pl.start_date FROM placements pl JOIN settings s ON s.id = pl.setting_id
             JOIN providers p ON p.id = s.provider_id
             WHERE p.name LIKE 'Amberley%' AND pl.start_date <= ?1 AND (pl.end_date IS NULL OR pl.end_date > ?1)
             ORDER BY pl.id LIMIT 1",
            [common::TODAY],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    conn.execute("DELETE FROM needs_assessments WHERE placement_id = ?1", [placement]).unwrap();
    type_text(&mut app, "1");
    common::filter(&mut app, "Amberley");
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    assert!(screen_text(&app, 120, 40).contains(" Needs "), "{}", screen_text(&app, 120, 40));
    select_row(&mut app, &child);
    press(&mut app, KeyCode::Enter);
    let f = common::form(&app);
    assert!(f.title.contains("scale 0 none, 1 low, 2 medium, 3 high"), "{}", f.title);
    // A review first is refused: nothing was measured at placement.
    common::choose(&mut app, "occasion", "review");
    fill(&mut app, "assessor", "Social worker");
    for n in 1..=12 {
        fill(&mut app, &format!("need {n}"), "2");
    }
    fill(&mut app, "need 3", "4");
    common::ctrl(&mut app, 's');
    let text = screen_text(&app, 120, 40);
    let error = |app: &oversight::ui::app::App, key: &str| {
        common::form(app).fields.iter().find(|f| f.key == key).and_then(|f| f.error()).map(str::to_string)
    };
    assert_eq!(error(&app, "need 3").as_deref(), Some("4 is off the scale: 0 none, 1 low, 2 medium, 3 high"), "{text}");
    // The refused save moves to the field, after what it holds.
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "3");
    fill(&mut app, "assessed", "2000-01-01");
    common::ctrl(&mut app, 's');
    let said = error(&app, "assessed").unwrap_or_default();
    assert!(said.starts_with("is before the placement began"), "{said}: {}", screen_text(&app, 120, 40));
    // Refused by the store, the save moves to the day: typed over afresh.
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, &start);
    common::ctrl(&mut app, 's');
    let said = error(&app, "occasion").unwrap_or_default();
    assert!(said.starts_with("a review follows the needs measured at placement"), "{said}");
    common::choose(&mut app, "occasion", "placement");
    common::ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {}", screen_text(&app, 120, 40));
    // By hand: eleven 2s and a 3 make 25.
    let line = common::row(&screen_text(&app, 120, 40), &child).to_string();
    assert!(line.contains(&format!("25 on {start}")), "{line}");
    // At review, from the scores before: four needs eased by one.
    press(&mut app, KeyCode::Enter);
    assert_eq!(common::form(&app).fields.iter().find(|f| f.key == "occasion").unwrap().value(), "review");
    fill(&mut app, "assessor", "IRO");
    for n in [1, 2, 7, 12] {
        fill(&mut app, &format!("need {n}"), "1");
    }
    common::ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {}", screen_text(&app, 120, 40));
    let line = common::row(&screen_text(&app, 120, 40), &child).to_string();
    assert!(line.contains(&format!("21 on {}", common::TODAY)) && line.contains("-4"), "{line}");
    // The child's chart by domain, two indicators each, by hand: at placement
    // 2+2 in each but Safe (3+2); at review Healthy 1+1, Resilient 1+2, Happy 2+1.
    let text = screen_text(&app, 120, 40);
    assert!(text.contains(&format!("{child}: needs by domain, {start} ░ and {} █", common::TODAY)), "{text}");
    for (domain, first, latest) in [
        ("Be Healthy", 4, 2),
        ("Be Safe", 5, 5),
        ("Be Ambitious", 4, 4),
        ("Be Resilient", 4, 3),
        ("Be Independent", 4, 4),
        ("Be Happy", 4, 3),
    ] {
        let bars = common::row(&text, domain);
        let figures: Vec<&str> =
            bars.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|w| w.contains('.')).collect();
        assert_eq!(figures, [format!("{first}.0"), format!("{latest}.0")], "{bars}");
    }
    let stored: i64 = conn
        .query_row("SELECT COUNT(*) FROM needs_assessments WHERE placement_id = ?1", [placement], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, 2);
    // A second "at placement" after the first is refused: a later one is a review.
    press(&mut app, KeyCode::Enter);
    fill(&mut app, "assessor", "IRO");
    common::choose(&mut app, "occasion", "placement");
    common::ctrl(&mut app, 's');
    let said = error(&app, "occasion").unwrap_or_default();
    assert!(said.contains("first measured on") && said.contains("a later one is a review"), "{said}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    // Measured again the same day: refused as a duplicate, and the one stored opens to edit.
    press(&mut app, KeyCode::Enter);
    fill(&mut app, "assessor", "IRO");
    common::ctrl(&mut app, 's');
    let said = common::form(&app).general_error.clone().unwrap_or_default();
    assert!(said.contains("already recorded") && said.contains("Ctrl-E opens it"), "{said}");
    common::ctrl(&mut app, 'e');
    assert!(common::form(&app).title.starts_with("Edit needs"), "{}", common::form(&app).title);
}

/// The market report's months against a plain count of the placements on
/// each month's end: how bought (no contract counts spot), the dearest 20's
/// average, 50 miles or more, and outside the West Midlands.
#[test]
fn the_market_report_agrees_with_a_plain_count_of_each_months_placements() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("m.db").display().to_string();
    assert_eq!(run(&["demo", "--db", &db, "--scale", "county", "--seed", "7", "--today", TODAY]).0, 0);
    let (code, out, err) = run(&["report", "market", "--format", "csv", "--db", &db, "--today", TODAY]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 12, "twelve months");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let one = |sql: &str, day: &str| -> i64 {
        conn.query_row(
            &format!(
                "WITH now AS (SELECT pl.*, c.kind AS how, s.region FROM placements pl JOIN settings s ON s.id = pl.setting_id
                              LEFT JOIN contracts c ON c.id = pl.contract_id
                              WHERE pl.start_date <= ?1 AND (pl.end_date IS NULL OR pl.end_date > ?1)) {sql}"
            ),
            [day],
            |r| r.get(0),
        )
        .unwrap()
    };
    let mut shares = Vec::new();
    for row in &rows {
        let day = &row[0];
        let placed = one("SELECT COUNT(*) FROM now", day);
        let spot = one("SELECT COUNT(*) FROM now WHERE how IS NULL OR how = 'spot'", day);
        assert_eq!(row[1].parse::<i64>().unwrap(), placed, "{row:?}");
        assert_eq!(row[5].parse::<i64>().unwrap(), spot, "{row:?}");
        let share = (spot as f64 * 100.0 / placed as f64).round() as i64;
        assert_eq!(&row[7], format!("{share}%"), "{row:?}");
        let dearest = one(
            "SELECT SUM(weekly_cost_pence) / COUNT(*) FROM (SELECT weekly_cost_pence FROM now ORDER BY weekly_cost_pence DESC LIMIT 20)",
            day,
        );
        assert_eq!(&row[9], oversight::domain::money::Pence(dearest).full(), "{row:?}");
        assert_eq!(row[10].parse::<i64>().unwrap(), one("SELECT COUNT(*) FROM now WHERE distance_miles >= 50", day));
        assert_eq!(
            row[11].parse::<i64>().unwrap(),
            one("SELECT COUNT(*) FROM now WHERE region <> 'West Midlands'", day)
        );
        shares.push(share);
    }
    assert!(shares.last() < shares.first(), "the demo's spot share falls: {shares:?}");
}

/// An outcome agreed on the Provider screen's Outcomes pane, marked met with
/// its evidence: its payment is due from that day; met before it was agreed
/// is refused beside the field. The value report's outcome columns agree
/// with a plain reading of the table.
#[test]
fn an_outcome_met_makes_its_payment_due() {
    let (_dir, mut app) = app(Some(Scale::County));
    let conn = common::sql(&app.store);
    let provider: String = conn
        .query_row("SELECT p.name FROM providers p JOIN contracts c ON c.provider_id = p.id WHERE c.kind = 'block' ORDER BY c.id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let before: i64 = conn.query_row("SELECT COUNT(*) FROM outcomes", [], |r| r.get(0)).unwrap();
    assert!(before > 0, "the demo agrees outcomes at a block provider");
    type_text(&mut app, "1");
    common::filter(&mut app, &provider);
    press(&mut app, KeyCode::Enter);
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    assert!(screen_text(&app, 120, 40).contains("┌ Outcomes"), "{}", screen_text(&app, 120, 40));
    type_text(&mut app, "n");
    fill(&mut app, "what", "Joins a sports club and attends for six weeks");
    fill(&mut app, "measure", "club register");
    fill(&mut app, "agreed", "2026-11-20");
    fill(&mut app, "target", "2026-12-31");
    fill(&mut app, "payment", "600");
    fill(&mut app, "met", "2026-11-01");
    fill(&mut app, "evidence", "club register: six weeks");
    common::ctrl(&mut app, 's');
    let error = common::form(&app).fields.iter().find(|f| f.key == "met").and_then(|f| f.error()).map(str::to_string);
    assert_eq!(error.as_deref(), Some("is before the outcome was agreed (2026-11-20)"));
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-11-24");
    common::ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {}", screen_text(&app, 120, 40));
    let line = common::row(&screen_text(&app, 120, 40), "Joins a sports club").to_string();
    assert!(line.contains("met: payment due") && line.contains("£600"), "{line}");
    drop(conn);

    // The report, run as of the app's day, against the table read plainly.
    let db = app.store.path().display().to_string();
    let (code, out, err) = run(&["report", "value", "--format", "csv", "--db", &db, "--today", common::TODAY]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let whole =
        reader.records().map(Result::unwrap).find(|r| r[0] == *provider && &r[1] == "(all its settings)").unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (agreed, met, missed, due): (u32, u32, u32, i64) = conn
        .query_row(
            "SELECT COUNT(*), COUNT(o.met_on), COUNT(CASE WHEN o.met_on IS NULL AND o.target_on < ?2 THEN 1 END),
                    COALESCE(SUM(CASE WHEN o.met_on IS NOT NULL AND o.paid_on IS NULL THEN o.payment_pence END), 0)
             FROM outcomes o JOIN placements pl ON pl.id = o.placement_id JOIN settings s ON s.id = pl.setting_id
             JOIN providers p ON p.id = s.provider_id
             WHERE p.name = ?1 AND pl.start_date <= ?2 AND (pl.end_date IS NULL OR pl.end_date > ?2) AND o.agreed_on <= ?2",
            [provider.as_str(), common::TODAY],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (&whole[9], &whole[10], &whole[11]),
        (agreed.to_string().as_str(), met.to_string().as_str(), missed.to_string().as_str())
    );
    assert_eq!(&whole[12], oversight::domain::money::Pence(due).full());
}
