//! Risk tiers and the schedule, driven through the interface.

mod common;

use common::{app, ctrl, filter, press, row, screen_text, snapshot, snapshot_at, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::ui::app::{App, Overlay};

fn visits(app: &App) -> i64 {
    common::sql(&app.store).query_row("SELECT COUNT(*) FROM visits", [], |r| r.get(0)).unwrap()
}

#[test]
fn the_schedule_lists_monitored_settings_soonest_due_first() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "3");
    snapshot("schedule", &app);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Next due ▲"), "sorted by due date");
}

#[test]
fn a_judgement_changed_to_inadequate_puts_the_setting_in_tier_1_due_within_14_days() {
    let (_dir, mut app) = app(Some(Scale::County));
    // Acorn Academy was visited on 2026-11-12 and is next due on 2027-02-11.
    type_text(&mut app, "2");
    filter(&mut app, "Acorn Academy");
    type_text(&mut app, "i");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-11-18");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "i"); // overall: Inadequate
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", screen_text(&app, 80, 24));
    type_text(&mut app, "3");
    filter(&mut app, "Acorn Academy");
    let text = screen_text(&app, 120, 40);
    let line = row(&text, "Acorn Academy");
    assert!(line.contains("T1"), "{line}");
    assert!(line.contains("Inadequate"), "{line}");
    assert!(
        line.contains("2026-12-08"),
        "learned 2026-11-24, so due within 14 days (before 28 after its last visit): {line}"
    );
    snapshot_at("schedule_after_inadequate", &app, &[(120, 40)]);
}

#[test]
fn logging_a_visit_with_concerns_moves_the_setting_to_tier_2() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "3");
    // Most overdue first: sort by the Late column (next after Next due), largest first.
    type_text(&mut app, "s");
    type_text(&mut app, "S");
    assert!(screen_text(&app, 120, 40).contains("Late ▼"));
    let text = screen_text(&app, 120, 40);
    let most_overdue = text.lines().nth(3).unwrap().to_string();
    // Damson View, visited 2026-06-27 at tier 3 (due 91 days on), lacks its
    // 2026 self-assessment (due 2026-06-30): tier 2 from 2026-07-01, due
    // 2026-07-01 + 42 = 2026-08-12, 104 days before 2026-11-24.
    assert!(most_overdue.contains("Damson View") && most_overdue.contains("104 d"), "{most_overdue}");
    // Watch a tier-3 setting move.
    filter(&mut app, "Keystone Fostering");
    assert!(row(&screen_text(&app, 120, 40), "Keystone Fostering").contains("T3"));
    let before = visits(&app);
    type_text(&mut app, "v");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert!(screen_text(&app, 80, 24).contains("typing replaces this"), "the pre-filled officer is replaced by typing");
    type_text(&mut app, "C. Lewis");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "c"); // outcome: Concerns
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", screen_text(&app, 80, 24));
    assert_eq!(visits(&app), before + 1);
    let officer: String = common::sql(&app.store)
        .query_row("SELECT officer FROM visits ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(officer, "C. Lewis");
    let line = row(&screen_text(&app, 120, 40), "Keystone Fostering").to_string();
    assert!(line.contains("T2") && line.contains("last visit outcome: concerns"), "{line}");
    assert!(line.contains("2027-01-05"), "42 days from today: {line}");
    press(&mut app, KeyCode::Enter);
    let detail = screen_text(&app, 120, 40);
    assert!(detail.contains("Tier 2 Enhanced"), "{detail}");
    assert!(detail.contains("▲ last visit outcome: concerns (2026-11-24)"), "{detail}");
}

#[test]
fn bad_visit_input_is_refused_inline_and_nothing_is_saved() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "3");
    filter(&mut app, "Keystone Fostering");
    let before = visits(&app);
    type_text(&mut app, "v");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    type_text(&mut app, "2026-11-01"); // completed before the planned date (today)
    press(&mut app, KeyCode::Tab);
    assert!(screen_text(&app, 80, 24).contains("is before the planned date 2026-11-24"));
    press(&mut app, KeyCode::BackTab);
    ctrl(&mut app, 'u');
    type_text(&mut app, "2026-12-01"); // completed in the future
    press(&mut app, KeyCode::Tab);
    assert!(screen_text(&app, 80, 24).contains("is after today (2026-11-24)"));
    ctrl(&mut app, 'u');
    type_text(&mut app, "officer 7");
    press(&mut app, KeyCode::Tab);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("\"officer 7\" is not an officer's name"), "{text}");
    ctrl(&mut app, 's');
    assert!(matches!(app.overlay, Some(Overlay::Form(_))));
    assert_eq!(visits(&app), before, "nothing saved");
}

#[test]
fn an_override_shows_with_its_expiry_and_can_be_ended() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "3");
    filter(&mut app, "Keystone Fostering");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "o");
    type_text(&mut app, "1"); // jump to tier 1
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Police called twice this week");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", screen_text(&app, 80, 24));
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Tier 1 Intensive"), "{text}");
    assert!(text.contains("Override until 2027-02-22: Police called twice this week"), "{text}");
    assert!(text.contains("(computed tier 3)"), "{text}");
    assert!(text.contains("tier 1 from 2026-11-24 would ask by 2026-12-08"), "{text}");
    snapshot_at("setting_with_override", &app, &[(120, 40)]);
    type_text(&mut app, "O");
    type_text(&mut app, "y");
    assert!(screen_text(&app, 120, 40).contains("Tier 3 Standard"));
}

#[test]
fn a_cluster_trip_plans_one_visit_per_setting_on_one_date() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "3");
    type_text(&mut app, "c");
    let text = screen_text(&app, 120, 40);
    let first = text.lines().nth(3).unwrap().to_string();
    // The largest group comes first: read its area and size off the screen.
    let cells: Vec<&str> = first.trim_start_matches(['│', '▶', ' ']).split_whitespace().collect();
    let size_at = cells.iter().position(|c| c.parse::<usize>().is_ok()).unwrap();
    let (authority, size) = (cells[..size_at].join(" "), cells[size_at].parse::<i64>().unwrap());
    let sizes: Vec<i64> =
        text.lines().skip(3).filter_map(|l| l.split_whitespace().find_map(|w| w.parse::<i64>().ok())).collect();
    assert!(sizes.iter().all(|s| *s <= size), "the largest group first: {sizes:?}");
    let before = visits(&app);
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.starts_with(&format!("Planned {size} cluster visits in {authority} on ")), "{status}");
    assert_eq!(visits(&app), before + size);
    let trips: i64 = common::sql(&app.store)
        .query_row("SELECT COUNT(DISTINCT trip) FROM visits WHERE kind = 'cluster'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(trips, 1, "one trip reference for the group");
    assert!(screen_text(&app, 120, 40).contains(" · planned 2026-"), "members show their planned visit");
}

#[test]
fn a_setting_read_on_its_own_matches_its_row_in_the_whole_schedule() {
    use oversight::domain::policy::Policy;
    use oversight::store::monitoring;
    let (_dir, path) = common::database(Some(Scale::County));
    let store = common::open(&path);
    let policy = Policy::default();
    let all = store.monitoring_rows(&policy, common::today()).unwrap();
    assert!(all.len() > 50, "{} settings", all.len());
    let today = common::today();
    let acting = |r: &monitoring::MonitoringRow| {
        r.facts.stops.iter().any(|p| p.covers(today)) && r.facts.overdue_actions.iter().any(|p| p.covers(today))
    };
    assert!(all.iter().any(acting), "stops and plans");
    for row in &all {
        let one = store.monitoring_row(&policy, common::today(), row.summary.setting.id).unwrap();
        assert_eq!(&one, row, "{}", row.summary.setting.value.name);
    }
}
