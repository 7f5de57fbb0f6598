//! Concerns, placement stops and improvement plans through the interface:
//! domain.md case 1 replayed on the county demo, the stop notice passed
//! between two authorities' databases, and the three screens.

mod common;

use common::{
    app, choose, db_arg, fill, filter, form, open, press, row, run, save, screen_text, select_row, snapshot, type_text,
};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::domain::policy::Policy;
use oversight::domain::setting::{Setting, Urn};
use oversight::domain::tier::Tier;
use oversight::report::notice::{Scope, StopNotice};
use oversight::store::Stored;
use oversight::ui::app::App;
use oversight::ui::theme::Theme;

const PROVIDER: &str = "Redwood Youth Pathways Ltd";
const SCHEME: &str = "Victoria Road Project, Worcester";

/// The scheme's tier and the short reasons behind it.
fn tier(app: &App) -> (Tier, Vec<String>) {
    let rows = app.store.monitoring_rows(&app.policy, app.store.today()).unwrap();
    let r = rows.iter().find(|r| r.summary.setting.value.name == SCHEME).expect("the scheme is monitored");
    (r.assessment.tier, r.assessment.reasons.iter().map(|r| r.short.clone()).collect())
}

/// How many audit rows the table `entity` has.
fn audited(app: &App, entity: &str) -> usize {
    app.store.audit_entries(None).unwrap().iter().filter(|e| e.entity == entity).count()
}

fn id_of(app: &App, sql: &str) -> i64 {
    common::sql(&app.store).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The Stops screen's row for the provider.
fn stops_row(app: &mut App) -> String {
    type_text(app, "7");
    row(&screen_text(app, 120, 40), PROVIDER).to_string()
}

/// Opens the provider's stop from the Stops screen.
fn open_stop(app: &mut App) {
    type_text(app, "7");
    select_row(app, PROVIDER);
    press(app, KeyCode::Enter);
}

#[test]
fn case_1_a_placement_stop_from_visit_to_lifting() {
    let (dir, mut app) = app(Some(Scale::County));
    assert_eq!(tier(&app), (Tier::Standard, vec!["standard".to_string()]));
    assert!(!stops_row_exists(&mut app));

    // A concern from the visit, raised on the provider.
    type_text(&mut app, "1");
    filter(&mut app, PROVIDER);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "R");
    choose(&mut app, "source", "visit");
    choose(&mut app, "category", "records");
    choose(&mut app, "severity", "high");
    fill(&mut app, "description", "Young people's files lack risk assessments and placement plans.");
    save(&mut app);
    assert_eq!(audited(&app, "concerns"), 1);
    let concern = id_of(&app, "SELECT MAX(id) FROM concerns");

    // The visit that found it: serious concerns.
    press(&mut app, KeyCode::Enter); // the scheme, from the provider's settings
    type_text(&mut app, "v");
    choose(&mut app, "outcome", "serious_concerns");
    fill(&mut app, "notes", "Files for all three young people lack the paperwork the contract requires.");
    save(&mut app);
    let visit = id_of(&app, "SELECT MAX(id) FROM visits");
    let (t, reasons) = tier(&app);
    assert_eq!(t, Tier::Enhanced, "{reasons:?}");
    assert!(reasons.contains(&"last visit outcome: serious concerns".to_string()), "{reasons:?}");

    // The stop, on the whole provider, citing both.
    type_text(&mut app, "q");
    type_text(&mut app, "S");
    assert_eq!(form(&app).fields[0].value(), format!("p:{}", id_of(&app, &provider_sql())));
    fill(&mut app, "reason", "Young people's files lack the paperwork the contract requires.");
    choose(&mut app, "concern", &concern.to_string());
    choose(&mut app, "visit", &visit.to_string());
    save(&mut app);
    assert_eq!(audited(&app, "stops"), 1, "the demo writes no audit rows of its own");
    let (t, reasons) = tier(&app);
    assert_eq!(t, Tier::Intensive);
    assert_eq!(reasons[0], "placement stop", "{reasons:?}");
    let line = stops_row(&mut app);
    assert!(line.contains("✖ in force") && line.contains("1/6"), "only the review date is set: {line}");

    // A new placement there is refused, naming the stop.
    let refused = app.store.insert(&oversight::domain::placement::Placement {
        child_ref: oversight::domain::placement::ChildRef::parse("LAC-9001").unwrap(),
        setting_id: id_of(&app, &format!("SELECT id FROM settings WHERE name = '{SCHEME}'")),
        contract_id: None,
        start: app.store.today(),
        end: None,
        weekly_cost: oversight::domain::money::Pence(150_000),
        distance_miles: None,
    });
    assert!(refused.unwrap_err().to_string().contains("placement stop"), "refused, naming the stop");

    // The checklist: referrals withdrawn, authorities told, report sent.
    open_stop(&mut app);
    type_text(&mut app, "c");
    fill(&mut app, "referrals", "2");
    fill(&mut app, "notified on", "t");
    fill(&mut app, "report sent", "t");
    save(&mut app);
    assert!(stops_row(&mut app).contains("4/6"));

    // Every young person reviewed: two remain, one moves.
    open_stop(&mut app);
    for (child, outcome) in [("LAC-0078", "remains"), ("LAC-0097", "moves"), ("LAC-0101", "remains")] {
        select_row(&mut app, child);
        type_text(&mut app, "r");
        choose(&mut app, "outcome", outcome);
        if outcome == "moves" {
            fill(&mut app, "left on", "t");
        }
        save(&mut app);
    }
    assert_eq!(audited(&app, "stop_reviews"), 3);
    let moved: Option<String> = common::sql(&app.store)
        .query_row("SELECT end_date FROM placements WHERE child_ref = 'LAC-0097'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(moved.as_deref(), Some("2026-11-24"), "the move ended the placement");
    assert!(screen_text(&app, 120, 40).contains("3 of 3 reviewed"));
    assert!(stops_row(&mut app).contains("5/6"));

    // The notice for other authorities, as JSON.
    open_stop(&mut app);
    type_text(&mut app, "N");
    choose(&mut app, "format", "json");
    let file = dir.path().join("notice.json");
    fill(&mut app, "file", file.to_str().unwrap());
    save(&mut app);
    let notice = StopNotice::from_json(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!((notice.provider.as_str(), notice.scope), (PROVIDER, Scope::Provider));
    assert_eq!(notice.settings[0].name, SCHEME);
    assert!(notice.reason.contains("paperwork"));

    // The improvement plan, requested from the stop, with three actions.
    type_text(&mut app, "L");
    fill(&mut app, "title", "Files, risk assessments and placement plans");
    save(&mut app);
    assert!(stops_row(&mut app).contains("6/6"));
    assert_eq!(audited(&app, "plans"), 1);
    open_stop(&mut app);
    type_text(&mut app, "L"); // now opens the plan
    for (action, due) in [
        ("Audit every file", "2026-12-01"),
        ("Record supervision", "2026-12-08"),
        ("Weekly staff meeting", "2026-12-15"),
    ] {
        type_text(&mut app, "n");
        fill(&mut app, "action", action);
        fill(&mut app, "owner", "Registered manager");
        fill(&mut app, "due", due);
        save(&mut app);
    }
    assert_eq!(audited(&app, "plan_actions"), 3);
    assert!(screen_text(&app, 120, 40).contains("Progress 0/3 (0%)"));
    for action in ["Audit every file", "Record supervision", "Weekly staff meeting"] {
        select_row(&mut app, action);
        type_text(&mut app, "d");
        fill(&mut app, "evidence", "Seen on the follow-up visit");
        save(&mut app);
    }
    assert!(screen_text(&app, 120, 40).contains("Progress 3/3 (100%)"));
    assert_eq!(audited(&app, "plan_actions"), 6);

    // The stop lifted: the tier falls back to what the visit alone says.
    open_stop(&mut app);
    type_text(&mut app, "l");
    fill(&mut app, "reason", "Files complete and audited; plan completed.");
    fill(&mut app, "conditions", "Monthly file audit for six months.");
    save(&mut app);
    let line = stops_row(&mut app);
    assert!(line.contains("lifted 2026-11-24") && line.contains("6/6"), "{line}");
    let (t, reasons) = tier(&app);
    assert_eq!(t, Tier::Enhanced, "{reasons:?}");
    assert!(!reasons.contains(&"placement stop".to_string()), "{reasons:?}");
    // Lifting twice is not offered, and the store refuses it.
    open_stop(&mut app);
    assert!(!screen_text(&app, 120, 40).contains("l lift"));
    let entries = app.store.audit_entries(Some(("stops", id_of(&app, "SELECT MAX(id) FROM stops")))).unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["insert", "update", "update", "update"], "issued, checklist, plan linked, lifted");
}

fn provider_sql() -> String {
    format!("SELECT id FROM providers WHERE name = '{PROVIDER}'")
}

fn stops_row_exists(app: &mut App) -> bool {
    type_text(app, "7");
    screen_text(app, 120, 40).contains(PROVIDER)
}

/// Sandwell issues a stop (the demo's case 1, in its own database) and
/// sends the JSON notice; Marlshire, which uses one of the same schemes,
/// imports it and sees an alert on that scheme, and no stop of its own.
#[test]
fn a_stop_notice_from_one_authority_is_an_alert_in_another() {
    let dir = tempfile::TempDir::new().unwrap();
    let (sandwell, marlshire) = (dir.path().join("sandwell.db"), dir.path().join("marlshire.db"));
    let policy = dir.path().join("sandwell.toml");
    std::fs::write(&policy, "home_authority = \"Sandwell\"\n").unwrap();
    let policy = db_arg(&policy);
    assert_eq!(run(&["demo", "--scale", "county", "--seed", "7", "--db", &db_arg(&sandwell)]).0, 0);
    assert_eq!(run(&["demo", "--scale", "county", "--seed", "8", "--db", &db_arg(&marlshire)]).0, 0);
    let file = dir.path().join("notice.json");
    let (code, _, err) = run(&[
        "report",
        "stop-notice",
        "1",
        "--format",
        "json",
        "--out",
        &db_arg(&file),
        "--policy",
        &policy,
        "--db",
        &db_arg(&sandwell),
    ]);
    assert_eq!(code, 0, "{err}");
    let notice = StopNotice::from_json(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!((notice.issuing_authority.as_str(), notice.notice_id.as_str()), ("Sandwell", "Sandwell-stop-1"));
    let shared = notice.settings[0].urn.clone().unwrap();

    // Marlshire holds one of the stopped schemes, under the same URN.
    let mut store = open(&marlshire);
    let ours: Stored<Setting> = store.all::<Setting>().unwrap().into_iter().find(|s| s.value.urn.is_some()).unwrap();
    let mut setting = ours.value.clone();
    setting.urn = Some(Urn::parse(shared.as_str()).unwrap());
    store.update(ours.id, ours.version, &setting).unwrap();
    let stops_before = store.stops().unwrap().len();
    drop(store);

    // Imported from the screen: checked first, writing nothing, then on y.
    let settings = notice.settings.len();
    let named = if settings == 1 { "1 setting".to_string() } else { format!("{settings} settings") };
    let alerts = if settings == 1 { "1 alert".to_string() } else { format!("{settings} alerts") };
    {
        let mut app = App::new(open(&marlshire), Policy::default(), Theme { color: false }, false).unwrap();
        type_text(&mut app, "i");
        press(&mut app, KeyCode::Enter);
        choose(&mut app, "kind", "stop-notice");
        fill(&mut app, "file", file.to_str().unwrap());
        save(&mut app);
        let text = screen_text(&app, 200, 50);
        assert!(text.contains(&format!("{named}, 1 of ours; would add {alerts}, update 0")), "{text}");
        assert!(text.contains("ready: y imports it"), "{text}");
        assert!(app.store.stop_alerts().unwrap().is_empty(), "a dry run writes nothing");
        type_text(&mut app, "y");
        type_text(&mut app, "y"); // confirm
        assert_eq!(app.store.stop_alerts().unwrap().len(), settings);
        let status = &app.status.as_ref().unwrap().text;
        assert!(status.contains(&format!("{alerts} added")), "{status}");
    }
    // And again from the command line: nothing new.
    let (code, again, err) = run(&["import", "stop-notice", &db_arg(&file), "--db", &db_arg(&marlshire)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        again.contains(&format!("{named}, 1 of ours; 0 alerts added, 0 updated, {settings} already up to date")),
        "importing twice adds nothing: {again}"
    );

    let store = open(&marlshire);
    assert_eq!(store.stops().unwrap().len(), stops_before, "no stop of ours");
    let mut app = App::new(store, Policy::default(), Theme { color: false }, false).unwrap();
    type_text(&mut app, "7");
    type_text(&mut app, "o");
    let text = screen_text(&app, 120, 40);
    let line = row(&text, shared.as_str());
    assert!(line.contains("Sandwell") && line.contains("yes"), "matched to ours by URN: {line}");
    type_text(&mut app, "2");
    filter(&mut app, &setting.name);
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("⚠ Sandwell stopped placements here from 2026-11-07 (Sandwell-stop-1)"), "{text}");
}

#[test]
fn the_concerns_plans_and_stops_screens() {
    let (_dir, mut app) = app(Some(Scale::County));
    for (key, name) in [("5", "concerns"), ("6", "plans"), ("7", "stops")] {
        type_text(&mut app, key);
        snapshot(name, &app);
    }
    select_row(&mut app, "Brookvale");
    press(&mut app, KeyCode::Enter);
    snapshot("stop_detail", &app);

    // From a setting under the stop, `a` reaches it through the provider.
    type_text(&mut app, "2");
    filter(&mut app, "Queens Walk Project, Selly Oak");
    press(&mut app, KeyCode::Enter);
    assert!(screen_text(&app, 120, 40).contains("C stops & plans"), "offered in the footer");
    type_text(&mut app, "C");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("┌ Stops") && row(&text, "2026-11-07").contains("✖ in force"), "{text}");
}
