//! Regulation 44 reports through the interface: the matrix, entering
//! reports with findings, refusals, flags and the scrutiny mark.

mod common;

use common::{app, ctrl, filter, press, screen_text, snapshot, snapshot_at, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::domain::reg44::{FlagKind, MonthState};
use oversight::ui::app::{App, Overlay};
use std::collections::HashSet;

fn reports(app: &App) -> i64 {
    common::sql(&app.store).query_row("SELECT COUNT(*) FROM reg44_reports", [], |r| r.get(0)).unwrap()
}

/// The Reg 44 matrix with the cursor on `home` in the month `back` months before this one.
fn matrix_at(app: &mut App, home: &str, back: usize) {
    type_text(app, "4");
    filter(app, home);
    for _ in 0..12 {
        press(app, KeyCode::Right);
    }
    for _ in 0..back {
        press(app, KeyCode::Left);
    }
}

#[test]
fn the_matrix_shows_every_home_by_month() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "4");
    snapshot("reg44_matrix", &app);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Dec Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov"), "{text}");
    assert!(text.contains("✓ received  L late  ✗ missing  · awaited"));
}

#[test]
fn the_demo_exercises_every_state_and_flag() {
    let (_dir, app) = app(Some(Scale::County));
    let rows = app.store.monitoring_rows(&app.policy, app.store.today()).unwrap();
    let homes: Vec<_> = rows.iter().filter(|r| r.is_monitored()).filter_map(|r| r.reg44.as_ref()).collect();
    let states: HashSet<MonthState> = homes.iter().flat_map(|h| h.months.iter().map(|m| m.state)).collect();
    for state in [MonthState::Received, MonthState::Late, MonthState::Missing, MonthState::Awaited, MonthState::NotOwed]
    {
        assert!(states.contains(&state), "no month is {state:?}");
    }
    let flags: HashSet<FlagKind> = homes.iter().flat_map(|h| h.flags.iter().map(|f| f.kind)).collect();
    for kind in [FlagKind::ManagerVacancy, FlagKind::RisingMissing, FlagKind::RecurringTheme, FlagKind::Opinion] {
        assert!(flags.contains(&kind), "no home shows {kind:?}");
    }
}

#[test]
fn case_2_is_flagged_for_both_reasons_and_due_earlier_on_the_schedule() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "4");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    filter(&mut app, "Ashdown");
    let flags = screen_text(&app, 120, 40);
    assert!(flags.contains("▲ manager vacant since Oct 2026"), "{flags}");
    assert!(flags.contains("▲ missing episodes rising"), "{flags}");
    press(&mut app, KeyCode::Down);
    let flags = screen_text(&app, 120, 40);
    assert!(
        flags.contains("missing-from-care episodes 9 in Aug 2026–Oct 2026 against 2 in May 2026–Jul 2026 (+350%)"),
        "{flags}"
    );
    snapshot_at("reg44_flags", &app, &[(120, 40)]);
    type_text(&mut app, "3");
    filter(&mut app, "Ashdown");
    let schedule = screen_text(&app, 120, 40);
    let row = schedule.lines().find(|l| l.contains("Ashdown House")).unwrap();
    assert!(row.contains("T2") && row.contains("manager vacant; missing episod"), "{row}");
    // The August report (received 2026-09-03) already showed episodes rising: tier 2 at the
    // 2026-09-17 visit, so 42 days from it rather than 91.
    assert!(row.contains("2026-10-29") && row.contains("26 d"), "due 42 days from the visit, not 91: {row}");
}

#[test]
fn a_report_opens_with_its_findings_and_can_be_marked_read() {
    let (_dir, mut app) = app(Some(Scale::County));
    matrix_at(&mut app, "Ashdown", 1);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Some(Overlay::Form(_))));
    snapshot_at("reg44_report_form", &app, &[(120, 40)]);
    let form = screen_text(&app, 120, 40);
    assert!(form.contains("Edit Reg 44 report: Ashdown House, Oct 2026"));
    assert!(form.contains("── Finding 1 ──") && form.contains("Décor in the lounge"), "{form}");
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "r");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Discussed with the QA lead; visit brought forward");
    ctrl(&mut app, 's');
    let (by, note): (String, String) = common::sql(&app.store)
        .query_row(
            "SELECT reviewed_by, review_note FROM reg44_reports WHERE month = '2026-10' AND setting_id = (SELECT id FROM settings WHERE name = 'Ashdown House')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(by, "tester", "the reader defaults to whoever is using Oversight");
    assert_eq!(note, "Discussed with the QA lead; visit brought forward");
}

#[test]
fn bad_report_input_is_refused_inline_and_nothing_is_saved() {
    let (_dir, mut app) = app(Some(Scale::County));
    matrix_at(&mut app, "Magnolia Place", 0); // November: not yet recorded
    let before = reports(&app);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-10-31"); // visit date outside November
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-11-01"); // received before the visit date... once the visit is in November
    press(&mut app, KeyCode::Tab);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("is not in the month covered (Nov 2026)"), "{text}");
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    type_text(&mut app, "2026-11-05");
    press(&mut app, KeyCode::Tab);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("is before the visit date 2026-11-05"), "{text}");
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "-2"); // missing episodes
    press(&mut app, KeyCode::Tab);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("a whole number"), "{text}");
    ctrl(&mut app, 's');
    assert!(matches!(app.overlay, Some(Overlay::Form(_))));
    assert_eq!(reports(&app), before, "nothing saved");
}

#[test]
fn a_second_report_for_a_month_is_refused_and_the_first_offered() {
    let (_dir, mut app) = app(Some(Scale::County));
    matrix_at(&mut app, "Magnolia Place", 0);
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u'); // the month: change November to October, which is recorded
    type_text(&mut app, "2026-10");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-10-20");
    ctrl(&mut app, 's');
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("a Reg 44 report for Oct 2026 is already recorded for this home"), "{text}");
    assert!(text.contains("Ctrl-E opens it"), "{text}");
    ctrl(&mut app, 'e');
    assert!(screen_text(&app, 120, 40).contains("Edit Reg 44 report: Magnolia Place, Oct 2026"));
}

/// A month's pile: three reports for one home, keyboard only; the third
/// shows missing episodes rising and the flag appears.
#[test]
fn entering_three_months_raises_the_rising_flag_on_the_third() {
    let (_dir, mut app) = app(Some(Scale::County));
    common::sql(&app.store)
        .execute_batch(
            "DELETE FROM reg44_findings WHERE report_id IN (SELECT id FROM reg44_reports
                WHERE month >= '2026-08' AND setting_id = (SELECT id FROM settings WHERE name = 'Magnolia Place'));
             DELETE FROM reg44_reports WHERE month >= '2026-08' AND setting_id = (SELECT id FROM settings WHERE name = 'Magnolia Place');",
        )
        .unwrap();
    app.refresh("Updated");
    let entries = [
        ("2026-08-14", "2026-08-20", "0", 3),
        ("2026-09-11", "2026-09-18", "1", 2),
        ("2026-10-09", "2026-10-16", "3", 1),
    ];
    for (n, (visit, received, missing, back)) in entries.into_iter().enumerate() {
        matrix_at(&mut app, "Magnolia Place", back);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, visit);
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, received);
        for _ in 0..5 {
            press(&mut app, KeyCode::Tab);
        }
        type_text(&mut app, missing);
        ctrl(&mut app, 's');
        assert!(app.overlay.is_none(), "report {n}: {}", screen_text(&app, 120, 40));
        let flagged = screen_text(&app, 120, 40)
            .lines()
            .any(|l| l.contains("Magnolia Place") && l.contains("missing episodes rising"));
        assert_eq!(flagged, n == 2, "after report {}", n + 1);
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn findings_can_be_filtered_and_closed() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "4");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "t"); // status: open
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Findings · open"), "{text}");
    let open_before: i64 = common::sql(&app.store)
        .query_row("SELECT COUNT(*) FROM reg44_findings WHERE status = 'open'", [], |r| r.get(0))
        .unwrap();
    type_text(&mut app, "c");
    type_text(&mut app, "y");
    let open_after: i64 = common::sql(&app.store)
        .query_row("SELECT COUNT(*) FROM reg44_findings WHERE status = 'open'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(open_after, open_before - 1);
    assert_eq!(app.status.as_ref().unwrap().text, "Finding closed");
    // The pane lists what is still to chase: the closed finding has left it.
    let shown = |app: &App| {
        let text = screen_text(app, 120, 40);
        let at = text.find("Findings (").expect("the pane's tab") + "Findings (".len();
        text[at..].split(')').next().unwrap().parse::<i64>().unwrap()
    };
    let chase: i64 = common::sql(&app.store)
        .query_row(
            "SELECT COUNT(*) FROM reg44_findings f JOIN reg44_reports r ON r.id = f.report_id
             WHERE f.status <> 'closed' AND r.month >= '2025-12'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    type_text(&mut app, "t"); // status: actioned
    type_text(&mut app, "t"); // any status still to chase
    assert_eq!(shown(&app), chase, "open and actioned findings of the twelve months shown");
}
