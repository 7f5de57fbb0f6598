//! The quality score of a demo provider, recomputed by hand from the tables
//! and the policy file, component by component.

mod common;

use common::run;
use std::collections::BTreeMap;
use tempfile::TempDir;

const TODAY: &str = "2026-12-01";

/// A component as reported: points (none without evidence), weight, basis.
type Part = (Option<f64>, f64, String);

/// The components as `report scores --format csv` gives them, by name, and the score.
fn reported(db: &str, provider: &str) -> (BTreeMap<String, Part>, f64) {
    let (code, out, err) = run(&["report", "scores", "--format", "csv", "--db", db, "--today", TODAY]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let mut parts = BTreeMap::new();
    let mut score = f64::NAN;
    for row in reader.records().map(Result::unwrap).filter(|r| &r[0] == provider) {
        score = row[1].parse().unwrap();
        parts.insert(row[2].to_string(), (row[3].parse().ok(), row[4].parse().unwrap(), row[5].to_string()));
    }
    assert!(!parts.is_empty(), "{provider} is in the report");
    (parts, score)
}

#[test]
fn a_providers_score_recomputed_by_hand_agrees() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("seed7.db").display().to_string();
    let (code, _, err) = run(&["demo", "--db", &db, "--scale", "county", "--seed", "7", "--today", TODAY]);
    assert_eq!(code, 0, "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    // A fostering agency: rated by practitioners, owing quarterly reviews, no Reg 44.
    let provider = "Kestrel Foster Care";
    let (got, score) = reported(&db, provider);
    let one = |sql: &str| -> Option<f64> {
        conn.query_row(
            &sql.replace("{p}", &format!("(SELECT id FROM providers WHERE name = '{provider}')")),
            [TODAY],
            |r| r.get::<_, Option<f64>>(0),
        )
        .unwrap()
    };
    // Current judgements: Outstanding 100, Good 75, RI 35, Inadequate 0, averaged over its settings.
    let ofsted = one(
        "WITH latest AS (SELECT i.setting_id, i.overall, ROW_NUMBER() OVER (PARTITION BY i.setting_id
             ORDER BY i.inspection_date DESC, i.id DESC) AS n FROM inspections i
             WHERE i.overall IS NOT NULL AND COALESCE(i.recorded_on, i.inspection_date) <= ?1)
         SELECT AVG(CASE l.overall WHEN 'outstanding' THEN 100 WHEN 'good' THEN 75 WHEN 'consistently_strong' THEN 75
                    WHEN 'inadequate' THEN 0 WHEN 'serious_weaknesses' THEN 0 ELSE 35 END)
         FROM latest l JOIN settings s ON s.id = l.setting_id WHERE l.n = 1 AND s.provider_id = {p} AND s.archived_on IS NULL",
    );
    // Trend: of its settings judged twice, 50 + 50 × (improved − declined) / compared.
    let trend = one(
        "WITH seq AS (SELECT i.setting_id, ROW_NUMBER() OVER (PARTITION BY i.setting_id ORDER BY i.inspection_date DESC, i.id DESC) AS n,
                 CASE i.overall WHEN 'outstanding' THEN 0 WHEN 'good' THEN 1 WHEN 'consistently_strong' THEN 1
                     WHEN 'inadequate' THEN 3 WHEN 'serious_weaknesses' THEN 3 ELSE 2 END AS rank
             FROM inspections i WHERE i.overall IS NOT NULL AND COALESCE(i.recorded_on, i.inspection_date) <= ?1)
         SELECT 50.0 + 50.0 * (SUM(b.rank > a.rank) - SUM(a.rank > b.rank)) / COUNT(*)
         FROM seq a JOIN seq b ON b.setting_id = a.setting_id AND b.n = 2 JOIN settings s ON s.id = a.setting_id
         WHERE a.n = 1 AND s.provider_id = {p} AND s.archived_on IS NULL",
    );
    // Monitoring visits in the year: good 100, adequate 70, concerns 30, serious concerns 0.
    let visits = one(
        "SELECT AVG(CASE v.outcome WHEN 'good' THEN 100 WHEN 'adequate' THEN 70 WHEN 'concerns' THEN 30 ELSE 0 END)
         FROM visits v JOIN settings s ON s.id = v.setting_id
         WHERE s.provider_id = {p} AND v.kind IN ('monitoring', 'unannounced', 'cluster')
           AND v.completed_date > date(?1, '-1 year') AND v.completed_date <= ?1",
    );
    // Its quarterly reviews due in the last year (Q4 2025 to Q3 2026, due 30 days
    // after each), on time = received by the due day.
    let due = ["2026-01-30", "2026-04-30", "2026-07-30", "2026-10-30"];
    let periods = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"];
    let mut on_time = 0.0;
    for (period, due) in periods.iter().zip(due) {
        let received: Option<String> = conn
            .query_row(
                &format!(
                    "SELECT received_on FROM provider_returns WHERE provider_id = (SELECT id FROM providers WHERE name = '{provider}')
                     AND kind = 'fostering_review' AND period = '{period}'"
                ),
                [],
                |r| r.get(0),
            )
            .ok();
        on_time += f64::from(u8::from(received.is_some_and(|r| r.as_str() <= due)));
    }
    let returns = Some(100.0 * on_time / 4.0);
    // Practitioner ratings in the four quarters to today: 25 × (mean − 1).
    let feedback = one("SELECT 25.0 * (AVG((communication + stability + needs) / 3.0) - 1) FROM practitioner_feedback
         WHERE provider_id = {p} AND quarter IN ('2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4') AND given_on <= ?1");
    let stops = one(
        "SELECT MAX(0, 100 - 50 * (SELECT COUNT(*) FROM stops WHERE provider_id = {p} AND issued_on <= ?1 AND (ended_on IS NULL OR ended_on > ?1))
                          - 25 * (SELECT COUNT(*) FROM stops WHERE provider_id = {p} AND ended_on > date(?1, '-2 years') AND ended_on <= ?1)
                          - 25 * (SELECT COUNT(*) FROM concerns WHERE provider_id = {p} AND escalated_on <= ?1 AND (closed_on IS NULL OR closed_on > ?1))
                          - 10 * (SELECT COUNT(*) FROM concerns WHERE provider_id = {p} AND raised_on <= ?1 AND (closed_on IS NULL OR closed_on > ?1)
                                  AND (escalated_on IS NULL OR escalated_on > ?1)))",
    );
    let actions_due = one("SELECT COUNT(*) FROM plan_actions a JOIN plans p ON p.id = a.plan_id
         WHERE p.provider_id = {p} AND a.due_on > date(?1, '-2 years') AND a.due_on < ?1");
    let homes =
        one("SELECT COUNT(*) FROM settings WHERE provider_id = {p} AND kind = 'childrens_home' AND ?1 IS NOT NULL");
    assert_eq!(
        (actions_due, homes),
        (Some(0.0), Some(0.0)),
        "no plan actions and no homes: those components have no evidence"
    );

    let close = |name: &str, want: Option<f64>| {
        let (points, _, basis) = &got[name];
        match (points, want) {
            (Some(p), Some(w)) => assert!((p - w).abs() < 0.06, "{name}: reported {p}, by hand {w} ({basis})"),
            (None, None) => {}
            other => panic!("{name}: {other:?} ({basis})"),
        }
    };
    close("Ofsted judgements", ofsted);
    close("Ofsted trend", trend);
    close("Monitoring visits", visits);
    close("Returns on time", returns);
    close("Practitioner feedback", feedback);
    close("Stops and concerns", stops);
    close("Reg 44 compliance", None);
    close("Serious Reg 44 findings", None);
    close("Plan actions on time", None);
    assert!(got["Plan actions on time"].2.contains("no improvement plan action"), "said, not scored");

    // The score: the weighted mean of those with evidence, weights from the policy file.
    let policy: toml::Table = toml::from_str(include_str!("../data/policy.toml")).unwrap();
    let weight = |key: &str| policy["score"][key].as_integer().unwrap() as f64;
    let parts = [
        (ofsted, weight("ofsted")),
        (trend, weight("trend")),
        (visits, weight("visits")),
        (returns, weight("returns")),
        (feedback, weight("feedback")),
        (stops, weight("stops")),
    ];
    let (sum, weights) =
        parts.iter().filter_map(|(p, w)| p.map(|p| (p * w, *w))).fold((0.0, 0.0), |(s, t), (pw, w)| (s + pw, t + w));
    assert!((score - sum / weights).abs() < 0.06, "score {score}, by hand {}", sum / weights);
    println!("{provider}: {score:.1} = {sum:.1} / {weights} over the components with evidence");
}

#[test]
fn the_shortlist_keeps_to_the_need_and_says_why_it_sets_others_apart() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("seed7.db").display().to_string();
    let (code, _, err) = run(&["demo", "--db", &db, "--scale", "county", "--seed", "7", "--today", TODAY]);
    assert_eq!(code, 0, "{err}");
    let args = ["shortlist", "--kind", "childrens_home", "--within-miles", "30", "--max-weekly", "5000", "--all"];
    let (code, out, err) = run(&[&args[..], &["--format", "json", "--db", &db, "--today", TODAY]].concat());
    assert_eq!(code, 0, "{err}");
    let entries: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let homes: usize = conn
        .query_row(
            "SELECT COUNT(*) FROM settings WHERE kind = 'childrens_home' AND archived_on IS NULL AND closed_on IS NULL",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;
    assert_eq!(entries.len(), homes, "with --all, every open children's home is listed");
    let mut last_score = f64::MAX;
    let mut listed = 0;
    for e in &entries {
        let excluded = e["excluded"].as_array().unwrap();
        if !excluded.is_empty() {
            continue;
        }
        listed += 1;
        assert!(e["weekly"].as_i64().is_none_or(|p| p <= 500_000), "{e}");
        assert!(e["in_area"].as_bool().unwrap() || e["miles"].as_u64().is_some_and(|m| m <= 30), "{e}");
        assert_ne!(e["judgement"].as_str(), Some("inadequate"), "{e}");
        assert!(!e["under_stop"].as_bool().unwrap(), "{e}");
        let places = e["places"].as_u64();
        assert!(places.is_none_or(|p| e["placed"].as_u64().unwrap() < p), "a place free: {e}");
        // By the whole points shown, then price.
        let score = e["score"].as_f64().map_or(f64::MIN, f64::round);
        assert!(score <= last_score, "best score first: {e}");
        last_score = score;
    }
    assert!(listed > 3 && listed < entries.len(), "some listed ({listed}), some set apart");
    // Each one set apart says why, in words that match its figures.
    for e in entries.iter().filter(|e| !e["excluded"].as_array().unwrap().is_empty()) {
        let why = e["excluded"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("; ");
        let over_budget = e["weekly"].as_i64().is_some_and(|p| p > 500_000);
        assert_eq!(why.contains("over the budget"), over_budget, "{e}");
        let inadequate = e["judgement"].as_str() == Some("inadequate");
        assert_eq!(why.contains("judged Inadequate"), inadequate, "{e}");
        // A concern sets a setting apart only when it is about that setting or its whole provider.
        let about: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM concerns c JOIN settings s ON s.id = ?1
                 WHERE c.provider_id = s.provider_id AND (c.setting_id IS NULL OR c.setting_id = s.id)
                   AND c.raised_on <= ?2 AND (c.closed_on IS NULL OR c.closed_on > ?2) AND (c.escalated_on IS NULL OR c.escalated_on > ?2)",
                rusqlite::params![e["setting_id"].as_i64().unwrap(), TODAY],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(why.contains("a concern is open about it or its provider"), about > 0, "{e}");
    }
    // Without --all, only those that fit; the table says it is a list to decide from.
    let (code, out, _) = run(&[&args[..args.len() - 1], &["--db", &db, "--today", TODAY]].concat());
    assert_eq!(code, 0);
    assert!(out.contains(&format!("{listed} children's home settings fit")), "{out}");
    assert!(out.contains("not a decision"), "{out}");
    let (code, _, err) = run(&["shortlist", "--kind", "castle", "--db", &db, "--today", TODAY]);
    assert_ne!(code, 0);
    assert!(err.contains("is not a kind of setting"), "{err}");
}

#[test]
fn the_shortlist_screen_shows_the_need_and_the_reasons_and_changes_with_its_keys() {
    use common::{app, screen_text, type_text};
    let (_dir, mut app) = app(Some(oversight::demo::Scale::County));
    type_text(&mut app, "g");
    type_text(&mut app, "l");
    assert_eq!(app.breadcrumb().last().map(String::as_str), Some("Shortlist"));
    let text = screen_text(&app, 120, 40);
    assert!(
        text.contains("Shortlist · children's home · in our area or within 30 miles · at most £5,000 a week"),
        "{text}"
    );
    assert!(text.contains("score "), "each row gives its reasons: {text}");
    let shown = |app: &oversight::ui::app::App| {
        screen_text(app, 120, 40).lines().filter(|l| l.contains("provider score")).count()
    };
    let fitting = shown(&app);
    type_text(&mut app, "a"); // those set apart too
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("with those set apart"), "{text}");
    assert!(shown(&app) >= fitting);
    type_text(&mut app, "a");
    for _ in 0..3 {
        type_text(&mut app, "-"); // down to our area only
    }
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("within 0 miles"), "{text}");
    assert!(shown(&app) <= fitting, "a shorter reach keeps no more");
    type_text(&mut app, "K");
    assert!(screen_text(&app, 120, 40).contains("Shortlist · independent fostering agency"), "the next kind");
}

/// The Setting screen's Score pane (Tab): every component, and a home's
/// returns on time counting its own self-assessments only, as the table
/// holds them (not its provider's other settings' quarterly returns).
#[test]
fn a_settings_score_shows_on_its_screen_with_its_own_returns() {
    use common::{app, filter, press, screen_text, type_text};
    use crossterm::event::KeyCode;
    let (_dir, mut app) = app(Some(oversight::demo::Scale::County));
    type_text(&mut app, "2");
    filter(&mut app, "Damson Cottage");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.breadcrumb().last().map(String::as_str), Some("Damson Cottage"));
    assert!(screen_text(&app, 120, 40).contains("Visits (26)"), "visits first");
    // Past the notifications.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let text = screen_text(&app, 120, 40);
    for name in [
        "Ofsted judgements",
        "Ofsted trend",
        "Reg 44 compliance",
        "Serious Reg 44 findings",
        "Monitoring visits",
        "Returns on time",
        "Practitioner feedback",
        "Plan actions on time",
        "Stops and concerns",
    ] {
        assert!(text.contains(name), "{name}: {text}");
    }
    assert!(text.contains("its own evidence and its provider's as a whole"), "{text}");
    // Its self-assessments due in the year to today (due 30 June), read plainly.
    let conn = common::sql(&app.store);
    let (due, on_time): (i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), COUNT(CASE WHEN r.received_on <= y.year || '-06-30' THEN 1 END)
             FROM (SELECT '2026' AS year UNION SELECT '2025') y
             JOIN settings s ON s.name = 'Damson Cottage'
             LEFT JOIN provider_returns r ON r.setting_id = s.id AND r.period = y.year AND r.kind = 'self_assessment'
             WHERE y.year || '-06-30' >= date(?1, '-365 days') AND y.year || '-06-30' < ?1",
            [TODAY],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let word = if due == 1 { "return" } else { "returns" };
    let want = format!("{on_time} of {due} {word} due in the last year came on time");
    assert!(text.contains(&want), "{want}: {text}");
    press(&mut app, KeyCode::Tab);
    assert!(screen_text(&app, 120, 40).contains("Visits (26)"), "Tab goes back to the visits");
}
