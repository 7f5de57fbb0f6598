//! Provider groups: the roll-ups against a plain count of the tables, an
//! ownership loop refused, and a group opened as a user would, its
//! exposure and accounts on screen.

mod common;

use common::{app, fill, press, row, run, save, screen_text, type_text};
use crossterm::event::KeyCode;
use oversight::demo::Scale;
use oversight::domain::group::Group;
use oversight::store::{StoreError, Stored};

/// Children placed today and weekly spend (pence) with the providers of
/// `group` and of the groups it owns, counted in SQL.
fn placed_with(conn: &rusqlite::Connection, group: &str) -> (i64, i64) {
    conn.query_row(
        "WITH RECURSIVE under(id) AS (SELECT id FROM provider_groups WHERE name = ?1
                UNION SELECT g.id FROM provider_groups g JOIN under ON g.parent_id = under.id)
         SELECT COUNT(*), COALESCE(SUM(pl.weekly_cost_pence), 0) FROM placements pl
         JOIN settings s ON s.id = pl.setting_id
         JOIN group_members m ON m.provider_id = s.provider_id
         WHERE m.group_id IN (SELECT id FROM under) AND s.archived_on IS NULL
           AND pl.start_date <= ?2 AND (pl.end_date IS NULL OR pl.end_date > ?2)",
        [group, common::TODAY],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

/// The first of Evergreen's own providers by name, as its screen lists them.
fn first_member(conn: &rusqlite::Connection) -> String {
    conn.query_row(
        "SELECT p.name FROM group_members m JOIN providers p ON p.id = m.provider_id
         JOIN provider_groups g ON g.id = m.group_id WHERE g.name = 'Evergreen Care Holdings Ltd'
         ORDER BY lower(p.name) LIMIT 1",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn the_groups_report_rolls_up_what_the_tables_hold() {
    let (_dir, path) = common::database(Some(Scale::County));
    let db = common::db_arg(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let all: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM placements pl JOIN settings s ON s.id = pl.setting_id WHERE s.archived_on IS NULL
             AND pl.start_date <= ?1 AND (pl.end_date IS NULL OR pl.end_date > ?1)",
            [common::TODAY],
            |r| r.get(0),
        )
        .unwrap();
    let (code, csv, err) = run(&["report", "groups", "--format", "csv", "--db", &db]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5, "the demo's five groups");
    for r in &rows {
        let name = &r[at("group")];
        let (children, pence) = placed_with(&conn, name);
        assert_eq!(r[at("children")].parse::<i64>().unwrap(), children, "{name}");
        assert_eq!(r[at("weekly_spend")], oversight::domain::money::Pence(pence).full(), "{name}");
        let share = ((children * 100) as f64 / all as f64).round() as i64;
        assert_eq!(r[at("share_of_children_%")].parse::<i64>().unwrap(), share, "{name}");
    }
    // The owner holds what its one group holds.
    let of = |name: &str| rows.iter().find(|r| &r[at("group")] == name).unwrap().clone();
    assert_eq!(of("Summit Capital Partners LLP")[at("children")], of("Evergreen Care Holdings Ltd")[at("children")]);
    assert_eq!(&of("Evergreen Care Holdings Ltd")[at("ultimate_owner")], "Summit Capital Partners LLP");
    // The table names the largest owner against the policy's 25%.
    let (_, table, _) = run(&["report", "groups", "--db", &db]);
    let share = of("Summit Capital Partners LLP")[at("share_of_children_%")].to_string();
    assert!(table.contains(&format!("Summit Capital Partners LLP, with {share}% of our children placed")), "{table}");
}

#[test]
fn an_ownership_loop_is_refused_and_nothing_changes() {
    let (_dir, path) = common::database(Some(Scale::County));
    let mut store = common::open(&path);
    let groups: Vec<Stored<Group>> = store.all().unwrap();
    let summit = groups.iter().find(|g| g.value.name == "Summit Capital Partners LLP").unwrap();
    let evergreen = groups.iter().find(|g| g.value.name == "Evergreen Care Holdings Ltd").unwrap();
    let looped = Group { parent_id: Some(evergreen.id), ..summit.value.clone() };
    match store.update(summit.id, summit.version, &looped) {
        Err(StoreError::Invalid(problems)) => assert_eq!(
            problems[0].message,
            "an ownership loop: Summit Capital Partners LLP is owned by Evergreen Care Holdings Ltd is owned by \
             Summit Capital Partners LLP (a group cannot own itself through others)"
        ),
        other => panic!("not refused: {other:?}"),
    }
    let after: Stored<Group> = store.get(summit.id).unwrap();
    assert_eq!(after, *summit, "rolled back");
    let itself = Group { parent_id: Some(summit.id), ..summit.value.clone() };
    assert!(matches!(store.update(summit.id, summit.version, &itself), Err(StoreError::Invalid(_))));
}

#[test]
fn a_group_opens_on_its_exposure_settings_and_accounts() {
    let (_dir, mut app) = app(Some(Scale::County));
    let conn = common::sql(&app.store);
    let (children, _) = placed_with(&conn, "Evergreen Care Holdings Ltd");
    type_text(&mut app, "gw");
    common::select_row(&mut app, "Evergreen");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains(&format!("{children} children placed")), "{text}");
    assert!(text.contains("Owned by Summit Capital Partners LLP, the ultimate owner"), "{text}");
    assert!(text.contains("⚑ under market oversight"), "{text}");
    // The demo's latest accounts: net liabilities of £86m, in the first row.
    assert!(row(&text, "£498,000,000").contains("−£86,000,000"), "{text}");
    // A new year's accounts with a loss.
    type_text(&mut app, "A");
    fill(&mut app, "period end", "2026-10-31");
    fill(&mut app, "turnover", "510000000");
    fill(&mut app, "profit", "-4,000,000");
    fill(&mut app, "net assets", "-95000000");
    save(&mut app);
    let text = screen_text(&app, 120, 40);
    assert!(row(&text, "2026-10-31").contains("−£4,000,000"), "{text}");
    // Its providers: one taken out of the group, asked first.
    let members = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row(
            "SELECT COUNT(*) FROM group_members m JOIN provider_groups g ON g.id = m.group_id
             WHERE g.name = 'Evergreen Care Holdings Ltd'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let before = members(&conn);
    press(&mut app, KeyCode::Tab);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains(&format!("Its providers and those of the groups beneath it ({before})")), "{text}");
    let first = first_member(&conn);
    assert!(row(&text, &first).contains("Evergreen Care Holdings Ltd"), "{text}");
    type_text(&mut app, "d");
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(members(&conn), before - 1);
    // A provider still in the group names it, and its owner, on its screen.
    let other = first_member(&conn);
    common::select_row(&mut app, &other);
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app, 200, 40);
    assert!(text.contains("group Evergreen Care Holdings Ltd, owned by Summit Capital Partners LLP"), "{text}");
}

#[test]
fn accounts_go_out_to_a_spreadsheet_and_back_and_a_bad_row_refuses_the_file() {
    let (dir, path) = common::database(Some(Scale::County));
    let db = common::db_arg(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let stored: i64 = conn.query_row("SELECT COUNT(*) FROM group_accounts", [], |r| r.get(0)).unwrap();
    let (code, out, err) = run(&["export", "csv", "group-accounts", "--db", &db]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("group,period_end,turnover,profit,net_assets,source\n"), "{out}");
    assert!(out.contains("'-86000000"), "a negative is escaped as text: {out}");
    let file = dir.path().join("accounts.csv");
    std::fs::write(&file, &out).unwrap();
    let (code, said, err) = run(&["import", "csv", "accounts", &file.display().to_string(), "--db", &db]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(said, format!("{stored} rows: created 0, updated 0, {stored} unchanged\n"));
    // A new year for Hearthstone, and a row naming no known group: nothing is imported.
    std::fs::write(
        &file,
        "group,period_end,turnover,profit,net_assets,source\n\
         Hearthstone Group Ltd,2026-10-31,\"43,000,000\",-250000,11900000,management accounts\n\
         Nowhere Holdings,2026-10-31,1,1,1,\n",
    )
    .unwrap();
    let (code, _, err) = run(&["import", "csv", "accounts", &file.display().to_string(), "--db", &db]);
    assert_ne!(code, 0);
    assert!(err.contains("row 3") && err.contains("no group named \"Nowhere Holdings\""), "{err}");
    let after: i64 = conn.query_row("SELECT COUNT(*) FROM group_accounts", [], |r| r.get(0)).unwrap();
    assert_eq!(after, stored, "nothing half-imported");
    std::fs::write(
        &file,
        "group,period_end,turnover,profit,net_assets,source\n\
         Hearthstone Group Ltd,2026-10-31,\"43,000,000\",-250000,11900000,management accounts\n",
    )
    .unwrap();
    let (code, said, err) = run(&["import", "csv", "accounts", &file.display().to_string(), "--db", &db]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(said, "1 rows: created 1, updated 0, 0 unchanged\n");
    let profit: i64 = conn
        .query_row("SELECT profit_pounds FROM group_accounts WHERE period_end = '2026-10-31'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(profit, -250_000);
}

#[test]
fn groups_and_members_go_out_and_back_and_an_owner_must_be_recorded_first() {
    let (dir, path) = common::database(Some(Scale::County));
    let db = common::db_arg(&path);
    let file = dir.path().join("groups.csv");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let count =
        |table: &str| -> i64 { conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap() };
    let tables =
        [("provider-groups", "groups", count("provider_groups")), ("group-members", "members", count("group_members"))];
    for (table, kind, rows) in tables {
        let (code, out, err) = run(&["export", "csv", table, "--db", &db]);
        assert_eq!(code, 0, "{err}");
        std::fs::write(&file, &out).unwrap();
        let (code, said, err) = run(&["import", "csv", kind, &file.display().to_string(), "--db", &db]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(said, format!("{rows} rows: created 0, updated 0, {rows} unchanged\n"), "{kind}");
    }
    // A new owner and its group in one file: the group's owner is not yet recorded.
    std::fs::write(
        &file,
        "name,owned_by,companies_house,owner_kind\n\
         Harbour Capital LLP,,OC555001,private_equity\n\
         Harbour Care Ltd,Harbour Capital LLP,12555002,private\n",
    )
    .unwrap();
    let (code, _, err) = run(&["import", "csv", "groups", &file.display().to_string(), "--db", &db]);
    assert_ne!(code, 0);
    assert!(
        err.contains("row 3") && err.contains("no group named \"Harbour Capital LLP\": record the owner first"),
        "{err}"
    );
    // Owners first, then the groups they own, then a provider moved into one.
    std::fs::write(&file, "name,owned_by,companies_house,owner_kind\nHarbour Capital LLP,,OC555001,private_equity\n")
        .unwrap();
    assert_eq!(run(&["import", "csv", "groups", &file.display().to_string(), "--db", &db]).0, 0);
    std::fs::write(
        &file,
        "name,owned_by,companies_house,owner_kind\nHarbour Care Ltd,Harbour Capital LLP,12555002,private\n",
    )
    .unwrap();
    assert_eq!(run(&["import", "csv", "groups", &file.display().to_string(), "--db", &db]).0, 0);
    let provider: String = conn
        .query_row(
            "SELECT p.name FROM group_members m JOIN providers p ON p.id = m.provider_id ORDER BY p.name LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    std::fs::write(&file, format!("provider,group\n\"{provider}\",Harbour Care Ltd\n")).unwrap();
    let (code, said, err) = run(&["import", "csv", "members", &file.display().to_string(), "--db", &db]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(said, "1 rows: created 0, updated 1, 0 unchanged\n", "moved from its group");
    let (_, csv, _) = run(&["report", "groups", "--format", "csv", "--db", &db]);
    let line = csv.lines().find(|l| l.starts_with("Harbour Care Ltd,")).unwrap();
    assert!(line.contains(",Harbour Capital LLP,Harbour Capital LLP,12555002,Private,1,"), "{line}");
}

#[test]
fn a_group_concern_carries_a_plan_sent_to_one_of_its_providers_and_only_then() {
    let (_dir, mut app) = app(Some(Scale::County));
    let conn = common::sql(&app.store);
    let short_of_good = |group: &str| -> i64 {
        conn.query_row(
            "SELECT COUNT(*) FROM settings s JOIN group_members m ON m.provider_id = s.provider_id
             JOIN provider_groups g ON g.id = m.group_id
             WHERE g.name = ?1 AND s.archived_on IS NULL
               AND (SELECT overall FROM inspections i WHERE i.setting_id = s.id AND i.kind = 'full'
                    ORDER BY inspection_date DESC LIMIT 1)
                   IN ('requires_improvement', 'inadequate', 'inconsistent', 'serious_weaknesses')",
            [group],
            |r| r.get(0),
        )
        .unwrap()
    };
    // The demo's charity has one setting short of Good; Hearthstone, several.
    assert!(short_of_good("Children First Trust") < 2 && short_of_good("Hearthstone Group Ltd") >= 2);
    type_text(&mut app, "gw");
    common::select_row(&mut app, "Children First Trust");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "p");
    assert!(app.overlay.is_none(), "no form without a group concern");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("a group plan answers a group concern, two or more"), "{text}");
    press(&mut app, KeyCode::Esc);
    common::select_row(&mut app, "Hearthstone");
    press(&mut app, KeyCode::Enter);
    assert!(screen_text(&app, 120, 40).contains("No group plan yet: p requests one"));
    type_text(&mut app, "p");
    fill(&mut app, "title", "Supported accommodation standards across the group");
    save(&mut app);
    let (source_id, provider_in_group): (i64, i64) = conn
        .query_row(
            "SELECT p.source_id, (SELECT COUNT(*) FROM group_members m WHERE m.provider_id = p.provider_id
                                 AND m.group_id = p.source_id)
             FROM plans p WHERE p.title = 'Supported accommodation standards across the group'
               AND p.source = 'group' AND p.setting_id IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let hearthstone: i64 = conn
        .query_row("SELECT id FROM provider_groups WHERE name = 'Hearthstone Group Ltd'", [], |r| r.get(0))
        .unwrap();
    assert_eq!((source_id, provider_in_group), (hearthstone, 1));
    let text = screen_text(&app, 120, 40);
    assert!(row(&text, "Group plan:").contains(&format!("Requested since {}", common::TODAY)), "{text}");
    // On the Plans screen it is about the group.
    type_text(&mut app, "6");
    assert!(screen_text(&app, 160, 40).contains("Hearthstone Group Ltd (group, to "));
}

#[test]
fn a_group_plan_sent_outside_the_group_is_refused_and_inside_it_moves_no_tier() {
    use oversight::domain::plan::{Plan, PlanSource, PlanStatus};
    let (_dir, path) = common::database(Some(Scale::County));
    let mut store = common::open(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (group, outsider): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT id FROM provider_groups WHERE name = 'Hearthstone Group Ltd'),
                    (SELECT id FROM providers WHERE id NOT IN (SELECT provider_id FROM group_members) LIMIT 1)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let day = oversight::domain::date::parse(common::TODAY).unwrap();
    let plan = Plan {
        setting_id: None,
        provider_id: outsider,
        title: "Group-wide plan".into(),
        source: PlanSource::Group,
        source_id: Some(group),
        requested_on: day,
        due_back: day,
        status: PlanStatus::Requested,
        status_on: day,
    };
    match store.insert(&plan) {
        Err(StoreError::Invalid(p)) => {
            assert_eq!(p[0].to_string(), "concerning: is not a provider of this group or of a group beneath it")
        }
        other => panic!("not refused: {other:?}"),
    }
    match store.insert(&Plan { source_id: None, ..plan.clone() }) {
        Err(StoreError::Invalid(p)) => assert!(p[0].to_string().contains("requested from the group's page"), "{p:?}"),
        other => panic!("not refused: {other:?}"),
    }
    // Sent to one of the group's providers it is kept, and no setting's
    // tier or monitoring moves: the plan is the group's.
    let member: i64 = conn
        .query_row("SELECT provider_id FROM group_members WHERE group_id = ?1 LIMIT 1", [group], |r| r.get(0))
        .unwrap();
    let policy = oversight::domain::policy::Policy::default();
    let tiers = |store: &oversight::store::Store| -> Vec<(i64, bool, String)> {
        let rows = store.monitoring_rows(&policy, day).unwrap();
        rows.iter().map(|r| (r.summary.setting.id, r.is_monitored(), format!("{:?}", r.assessment))).collect()
    };
    let before = tiers(&store);
    let sent = store.insert(&Plan { provider_id: member, ..plan }).unwrap();
    oversight::store::monitoring::forget_shared(&store);
    assert_eq!(tiers(&store), before);
    // Its addressee leaves the group: the plan it was sent can still move on.
    let membership: Vec<Stored<oversight::domain::group::Membership>> = store.all().unwrap();
    let m = membership.iter().find(|m| m.value.provider_id == member).unwrap();
    store.delete::<oversight::domain::group::Membership>(m.id, m.version).unwrap();
    let received = Plan { status: PlanStatus::Received, ..sent.value.clone() };
    store.update(sent.id, sent.version, &received).unwrap();
}
