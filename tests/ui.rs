//! The interface driven through the App on a TestBackend, as a user would:
//! key by key, then the screen compared with insta snapshots and checked
//! cell by cell where colour carries meaning.

mod common;

use common::{app, ctrl, draw, open, press, screen_text, select_row, snapshot, snapshot_at, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::domain::policy::Policy;
use oversight::ui::app::{App, Overlay};
use oversight::ui::theme::Theme;
use ratatui::style::Color;

#[test]
fn providers_list() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    snapshot("providers", &app);
}

#[test]
fn provider_detail_with_judgement_history() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    select_row(&mut app, "Beacon Education");
    press(&mut app, KeyCode::Enter);
    snapshot("provider_detail", &app);
    press(&mut app, KeyCode::Tab);
    snapshot("provider_inspections", &app);
}

#[test]
fn every_provider_pane_shows_its_records_and_keys() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    select_row(&mut app, "Brookvale Supported Living");
    press(&mut app, KeyCode::Enter);
    for pane in [
        "settings",
        "inspections",
        "contracts",
        "placements",
        "needs",
        "outcomes",
        "visits",
        "concerns",
        "plans",
        "stops",
        "score",
    ] {
        snapshot_at(&format!("provider_pane_{pane}"), &app, &[(120, 40)]);
        press(&mut app, KeyCode::Tab);
    }
    snapshot_at("provider_pane_settings_again", &app, &[(120, 40)]);
}

#[test]
fn help_popup_lists_screen_and_global_keys() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    type_text(&mut app, "?");
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    snapshot("help", &app);
    // All of it, a page at a time.
    let mut text = screen_text(&app, 120, 40);
    for _ in 0..3 {
        press(&mut app, KeyCode::PageDown);
        text.push_str(&screen_text(&app, 120, 40));
    }
    for command in app.commands() {
        assert!(text.contains(command.help), "help lacks {:?}", command.help);
    }
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

#[test]
fn footer_hints_come_from_the_same_commands() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    let text = screen_text(&app, 120, 40);
    let footer = text.lines().last().unwrap();
    for c in app.commands().iter().filter(|c| c.footer) {
        assert!(footer.contains(&format!("{} {}", c.keys_label(), c.hint)), "footer lacks {}: {footer}", c.hint);
    }
}

#[test]
fn a_form_shows_its_validation_error_next_to_the_field() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    select_row(&mut app, "Beacon Education");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "n");
    type_text(&mut app, "Hazel House");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "SC12345");
    press(&mut app, KeyCode::Tab);
    snapshot("setting_form_bad_urn", &app);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("↳ \"SC12345\" is not a URN"), "{text}");
}

#[test]
fn judgement_cells_carry_colour_and_a_symbol() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    let terminal = draw(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let find = |word: &str| {
        (0..40u16)
            .find_map(|y| {
                let line: String = (0..120u16).map(|x| buffer[(x, y)].symbol().to_string()).collect();
                line.find(word).map(|byte| (line[..byte].chars().count() as u16, y))
            })
            .unwrap_or_else(|| panic!("{word} not on screen"))
    };
    let cases = [
        ("✖ Inadequate", Color::Red),
        ("● Good", Color::Green),
        ("▲ RI", Color::Yellow),
        ("★ Outstanding", Color::LightBlue),
    ];
    for (word, colour) in cases {
        let (x, y) = find(word);
        assert_eq!(buffer[(x, y)].fg, colour, "{word} symbol");
        assert_eq!(buffer[(x + 2, y)].fg, colour, "{word} text");
    }
}

#[test]
fn no_color_keeps_symbols_and_drops_colour() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    app.theme = Theme { color: false };
    let terminal = draw(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    assert!(buffer.content().iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
    assert!(screen_text(&app, 120, 40).contains("✖ Inadequate"));
}

#[test]
fn a_terminal_too_small_asks_to_be_enlarged() {
    let (_dir, mut app) = app(Some(Scale::Small));
    type_text(&mut app, "1"); // Providers
    let text = screen_text(&app, 60, 20);
    assert!(text.contains("Please enlarge the terminal"), "{text}");
    assert!(text.contains("this one is 60×20"), "{text}");
    let tiny = screen_text(&app, 10, 5);
    assert!(tiny.contains("Please"), "{tiny}");
}

#[test]
fn adding_a_provider_saves_it_with_one_audit_row_and_it_survives_reopening() {
    let (dir, mut app) = app(Some(Scale::Small));
    type_text(&mut app, "1"); // Providers
    let before = app.store.audit_entries(None).unwrap().len();
    type_text(&mut app, "n");
    type_text(&mut app, "Zephyr Care Ltd");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "R. Patel, 01632 960999");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "the form closed");
    assert_eq!(app.status.as_ref().unwrap().text, "Added provider Zephyr Care Ltd");
    let trail = app.store.audit_entries(None).unwrap();
    assert_eq!(trail.len(), before + 1);
    assert_eq!((trail[before].action.as_str(), trail[before].entity.as_str()), ("insert", "providers"));
    let text = screen_text(&app, 80, 24);
    let selected = text.lines().find(|l| l.contains('▶')).unwrap();
    assert!(selected.contains("Zephyr Care Ltd"), "the new provider is selected: {selected}");
    drop(app);
    let mut reopened =
        App::new(open(&dir.path().join("oversight.db")), Policy::default(), Theme { color: true }, false).unwrap();
    type_text(&mut reopened, "1");
    assert!(screen_text(&reopened, 80, 24).contains("Zephyr Care Ltd"));
}

#[test]
fn a_setting_with_a_bad_urn_is_not_saved_until_fixed() {
    let (_dir, mut app) = app(Some(Scale::Small));
    type_text(&mut app, "1"); // Providers
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "n");
    type_text(&mut app, "Hazel House");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "SC12345");
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "Marlshire");
    ctrl(&mut app, 's');
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "refused while the URN is wrong");
    assert!(screen_text(&app, 80, 24).contains("Correct the field marked ✖"));
    // Saving moved the focus to the URN: fix it.
    type_text(&mut app, "6");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none());
    assert_eq!(app.status.as_ref().unwrap().text, "Added setting Hazel House");
    assert!(screen_text(&app, 80, 24).contains("SC123456 Hazel House"));
}

#[test]
fn escape_on_a_changed_form_asks_before_discarding() {
    let (_dir, mut app) = app(Some(Scale::Small));
    type_text(&mut app, "1"); // Providers
    type_text(&mut app, "n");
    type_text(&mut app, "Half Typed Ltd");
    press(&mut app, KeyCode::Esc);
    assert!(screen_text(&app, 80, 24).contains("Discard your changes?"));
    type_text(&mut app, "n");
    assert!(matches!(app.overlay, Some(Overlay::Form(_))), "kept editing");
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "y");
    assert!(app.overlay.is_none());
    assert!(!screen_text(&app, 80, 24).contains("Half Typed Ltd"));
}

#[test]
fn an_inspection_added_in_the_interface_changes_the_judgement_shown() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    select_row(&mut app, "Ashgrove Homes");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "i");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-11-20");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "i"); // overall: jump to Inadequate
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", screen_text(&app, 80, 24));
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Nov 2026 ✖ Inadequate"), "timeline shows it:\n{text}");
    type_text(&mut app, "q");
    let list = screen_text(&app, 120, 40);
    let row = list.lines().find(|l| l.contains("Ashgrove Homes")).unwrap();
    assert!(row.contains("✖ Inadequate"), "{row}");
}

#[test]
fn filtering_narrows_the_list_as_you_type_and_escape_clears_it() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    type_text(&mut app, "/");
    type_text(&mut app, "fost");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("fost   5 of 40 match"), "{text}");
    assert!(
        text.lines()
            .filter(|l| l.contains("Fostering") || l.contains("Foster Care") || l.contains("Family Placements"))
            .count()
            >= 1
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(!screen_text(&app, 120, 40).contains("match"));
}

#[test]
fn sorting_by_worst_judgement_puts_inadequate_last() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    type_text(&mut app, "ss");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Worst judgement ▲"), "{text}");
    type_text(&mut app, "S");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Worst judgement ▼"), "{text}");
    let first_row = text.lines().nth(3).unwrap();
    assert!(first_row.contains("Inadequate") || first_row.contains("Serious weak."), "{first_row}");
}

#[test]
fn a_read_only_database_shows_a_banner_and_refuses_edits() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = common::database(Some(Scale::Small));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let store = oversight::store::Store::open(&path, common::today()).unwrap();
    let mut app = App::new(store, Policy::default(), Theme { color: true }, false).unwrap();
    type_text(&mut app, "1");
    let text = screen_text(&app, 80, 24);
    assert!(text.lines().nth(1).unwrap().contains("READ-ONLY"), "{text}");
    type_text(&mut app, "n");
    assert!(app.overlay.is_none(), "no form opens");
    let status = app.status.clone().unwrap();
    assert!(status.error && status.text.contains("read-only"), "{status:?}");
    drop(dir);
}

#[test]
fn archiving_asks_first_and_can_be_undone() {
    let (_dir, mut app) = app(Some(Scale::County));
    type_text(&mut app, "1"); // Providers
    select_row(&mut app, "Ashgrove Homes");
    type_text(&mut app, "x");
    assert!(screen_text(&app, 80, 24).contains("Archive provider Ashgrove Homes Ltd?"));
    type_text(&mut app, "y");
    let rows =
        |app: &App| screen_text(app, 120, 40).lines().filter(|l| l.starts_with('│')).collect::<Vec<_>>().join("\n");
    assert!(!rows(&app).contains("Ashgrove Homes"), "gone from the working list");
    type_text(&mut app, "A");
    assert!(rows(&app).contains("Ashgrove Homes Ltd [archived]"));
    select_row(&mut app, "Ashgrove Homes");
    type_text(&mut app, "x");
    type_text(&mut app, "y");
    assert_eq!(app.status.as_ref().unwrap().text, "Restored provider Ashgrove Homes Ltd");
}

#[test]
fn q_backs_out_of_a_provider_then_quits() {
    let (_dir, mut app) = app(Some(Scale::Small));
    type_text(&mut app, "1"); // Providers
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.breadcrumb().len(), 2);
    type_text(&mut app, "q");
    assert_eq!(app.breadcrumb().len(), 1);
    assert!(!app.quit);
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit, "Esc never quits");
    type_text(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn the_top_bar_names_the_other_screens_alike_from_every_screen() {
    let (_dir, mut app) = app(Some(Scale::County));
    let full =
        ["Dashboard", "Providers", "Settings", "Schedule", "Reg 44", "Concerns", "Plans", "Stops", "Board", "Audit"];
    let short = ["Dash", "Prov", "Sett", "Sched", "Reg44", "Conc", "Plans", "Stops", "Board", "Audit"];
    for (current, name) in full.iter().enumerate() {
        type_text(&mut app, &current.to_string());
        for (width, names) in [(120, short), (80, [""; 10])] {
            let text = screen_text(&app, width, 40);
            let bar = text.lines().next().unwrap();
            assert!(bar.contains(&format!(" {current} {name} ")), "{bar}");
            for (other, name) in names.iter().enumerate().filter(|(i, _)| *i != current) {
                let label = if name.is_empty() { format!(" {other}  ") } else { format!(" {other} {name}  ") };
                assert!(bar.contains(&label), "at {width} wide, on screen {current}, {label:?} is missing: {bar}");
            }
        }
    }
}

#[test]
fn a_pair_of_keys_shows_in_the_footer_as_one_hint() {
    let (_dir, mut app) = app(Some(Scale::County));
    for (tab, hint) in [("8", "←/→ month"), ("0", "←/→ choose")] {
        type_text(&mut app, tab);
        let text = screen_text(&app, 120, 40);
        let footer = text.lines().last().unwrap();
        assert!(footer.contains(hint), "{footer}");
    }
}
