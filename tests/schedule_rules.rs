//! When a visit is due, checked as properties over every monitored setting
//! of two county demos for every day of a year, and as one date wherever it
//! is shown: the schedule screen, `due`, the iCal export and the board pack.

mod common;

use chrono::NaiveDate;
use oversight::demo::Scale;
use oversight::domain::date::{add_days, parse};
use oversight::domain::facts::{Facts, Period};
use oversight::domain::policy::Policy;
use oversight::domain::schedule::due;
use oversight::domain::tier::{Tier, TierOverride, assess};
use oversight::store::Store;
use oversight::store::monitoring::MonitoringRow;

/// The year the properties walk, from the day the facts are read as of.
const FROM: &str = "2025-11-24";
const DAYS: i64 = 366;

fn d(s: &str) -> NaiveDate {
    parse(s).unwrap()
}

/// Every monitored setting of the county demo with `seed`, as known on `FROM`.
fn monitored(seed: u64) -> Vec<MonitoringRow> {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("county.db"), common::today()).unwrap();
    oversight::demo::generate(&mut store, Scale::County, seed).unwrap();
    let rows = store.monitoring_rows(&Policy::default(), d(FROM)).unwrap();
    let monitored: Vec<MonitoringRow> = rows.into_iter().filter(|r| r.due.is_some()).collect();
    assert!(monitored.len() > 40, "seed {seed}: {} monitored", monitored.len());
    monitored
}

fn days() -> impl Iterator<Item = NaiveDate> {
    (0..DAYS).map(|n| add_days(d(FROM), n))
}

fn overdue(due_on: NaiveDate, day: NaiveDate) -> i64 {
    (day - due_on).num_days().max(0)
}

/// Checks `property` for every monitored setting of both seeds; counts the
/// (setting, day) pairs it was checked on.
fn for_every_setting(property: impl Fn(&MonitoringRow, &Policy) -> usize) -> usize {
    let policy = Policy::default();
    [7, 11].into_iter().flat_map(monitored).map(|row| property(&row, &policy)).sum()
}

#[test]
fn with_no_new_data_days_overdue_grow_by_at_most_one_a_day() {
    let checked = for_every_setting(|row, policy| {
        let mut previous: Option<i64> = None;
        for day in days() {
            let now = overdue(due(&row.facts, row.began, policy, day).date, day);
            if let Some(before) = previous {
                assert!(
                    now <= before + 1,
                    "{} on {day}: {before} → {now} days overdue",
                    row.summary.setting.value.name
                );
            }
            previous = Some(now);
        }
        DAYS as usize
    });
    figures!("schedule properties: overdue grows by at most a day, {checked} setting-days");
}

#[test]
fn a_rise_never_moves_the_due_date_later() {
    // Rises happen over the year with no new data: Reg 44 months turn
    // missing, overrides expire. Each is checked.
    let rises = for_every_setting(|row, policy| {
        let mut rises = 0;
        let mut before: Option<(Tier, NaiveDate)> = None;
        for day in days() {
            let tier = assess(&row.facts, policy, day).tier;
            let date = due(&row.facts, row.began, policy, day).date;
            if let Some((was, was_due)) = before
                && tier < was
            {
                assert!(date <= was_due, "{} rose on {day}: due {was_due} → {date}", row.summary.setting.value.name);
                rises += 1;
            }
            before = Some((tier, date));
        }
        rises
    });
    assert!(rises > 10, "{rises} rises checked");
    figures!("schedule properties: no rise postpones a visit, {rises} rises");
}

/// `facts` with a trigger at `tier` learned on `on`: a stop for tier 1, a
/// vacancy for tier 2; `None` for the lighter tiers, which no trigger gives.
fn with_trigger_at(facts: &Facts, tier: Tier, on: NaiveDate) -> Option<Facts> {
    let mut more = facts.clone();
    match tier {
        Tier::Intensive => more.stops.push(Period::since(on)),
        Tier::Enhanced => more.manager_vacant_on = Some(on),
        _ => return None,
    }
    Some(more)
}

#[test]
fn a_trigger_at_the_tier_in_force_never_moves_the_due_date() {
    let checked = for_every_setting(|row, policy| {
        let mut checked = 0;
        for on in days().step_by(29) {
            let tier = assess(&row.facts, policy, on).tier;
            let Some(more) = with_trigger_at(&row.facts, tier, on) else { continue };
            if row.facts.manager_vacant_on.is_some() && tier == Tier::Enhanced {
                continue;
            }
            for day in (0..45).map(|n| add_days(on, n)) {
                let (plain, added) = (due(&row.facts, row.began, policy, day), due(&more, row.began, policy, day));
                if assess(&more, policy, day).tier == assess(&row.facts, policy, day).tier {
                    assert_eq!(
                        plain.date, added.date,
                        "{}: a {tier:?} trigger on {on}",
                        row.summary.setting.value.name
                    );
                    checked += 1;
                }
            }
        }
        checked
    });
    assert!(checked > 1000, "{checked}");
    figures!("schedule properties: a trigger at the tier in force moves nothing, {checked} setting-days");
}

/// A tier-1 trigger raising a setting to tier 1 brings a visit within the
/// response days; on a setting already in tier 1 it is a trigger at the tier
/// in force, and moves nothing (the property above).
#[test]
fn a_tier_1_trigger_brings_a_visit_within_the_response_days() {
    let checked = for_every_setting(|row, policy| {
        let respond = i64::from(policy.tiers.intensive_response_days);
        let mut checked = 0;
        for on in days().step_by(31) {
            if assess(&row.facts, policy, add_days(on, -1)).tier == Tier::Intensive {
                continue;
            }
            let Some(more) = with_trigger_at(&row.facts, Tier::Intensive, on) else { continue };
            for day in (0..60).map(|n| add_days(on, n)) {
                let got = due(&more, row.began, policy, day);
                if row.facts.last_visit_on(day).is_some_and(|(visit, _)| visit < on) {
                    let name = &row.summary.setting.value.name;
                    assert!(got.date <= add_days(on, respond), "{name}: a stop on {on}, due {}", got.date);
                    checked += 1;
                }
            }
        }
        checked
    });
    assert!(checked > 1000, "{checked}");
    figures!("schedule properties: tier 1 within the response days, {checked} setting-days");
}

#[test]
fn a_lowering_override_gives_way_to_the_next_higher_trigger() {
    let checked = for_every_setting(|row, policy| {
        let on = d("2026-03-02");
        let mut more = row.facts.clone();
        more.overrides.push(TierOverride {
            setting_id: row.summary.setting.id,
            tier: Tier::Light,
            reason: "assured by the QA lead".into(),
            set_on: on,
            expires: add_days(on, 300),
        });
        let held = assess(&more, policy, add_days(on, 1));
        assert!(held.tier == Tier::Light || held.lapsed_override.is_some(), "{}", row.summary.setting.value.name);
        more.stops.push(Period::since(add_days(on, 20)));
        for day in (20..80).map(|n| add_days(on, n)) {
            let a = assess(&more, policy, day);
            assert_eq!(
                a.tier,
                Tier::Intensive,
                "{} on {day}: the stop overtakes the override",
                row.summary.setting.value.name
            );
            assert!(a.lapsed_override.is_some());
            if more.last_visit_on(day).is_some() {
                let got = due(&more, row.began, policy, day).date;
                assert!(got <= add_days(on, 20 + i64::from(policy.tiers.intensive_response_days)), "due {got}");
            }
        }
        60
    });
    figures!("schedule properties: an override gives way, {checked} setting-days");
}

/// Every monitored setting's next due date as `due --format json` gives it.
fn due_json(db: &str) -> std::collections::BTreeMap<String, String> {
    let (code, out, err) = common::run(&["due", "--within", "3650", "--format", "json", "--db", db]);
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["setting"].as_str().unwrap().to_string(), r["next_due"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn the_schedule_due_ical_and_the_board_pack_agree_on_every_due_date() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("county.db").display().to_string();
    assert_eq!(common::run(&["demo", "--scale", "county", "--seed", "11", "--db", &db]).0, 0);
    let from_due = due_json(&db);
    assert!(from_due.len() > 40);

    // The schedule screen, tall and wide enough to show every row whole.
    let app = oversight::ui::app::App::new(
        common::open(std::path::Path::new(&db)),
        Policy::default(),
        oversight::ui::theme::Theme { color: false },
        false,
    )
    .unwrap();
    let mut app = app;
    common::type_text(&mut app, "3");
    let screen = common::screen_text(&app, 250, from_due.len() as u16 + 10);
    for (setting, date) in &from_due {
        let line = screen.lines().find(|l| l.contains(setting.as_str())).unwrap_or_else(|| panic!("{setting}"));
        assert!(line.contains(date.as_str()), "schedule screen, {setting}: {line} (due says {date})");
    }

    // The calendar: each planned visit's setting and the due date it gives.
    let ics = dir.path().join("visits.ics");
    assert_eq!(common::run(&["export", "ical", "--out", ics.to_str().unwrap(), "--db", &db]).0, 0);
    let text = std::fs::read_to_string(&ics).unwrap().replace("\r\n ", "");
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let mut in_calendar = 0;
    for event in calendar.components.iter().filter_map(|c| c.as_event()) {
        use icalendar::Component;
        let (Some(summary), Some(description)) = (event.get_summary(), event.get_description()) else { continue };
        let Some((setting, date)) = from_due.iter().find(|(s, _)| summary.contains(&format!(": {s} ("))) else {
            continue;
        };
        let description = description.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";");
        assert!(description.contains(&format!("Next visit due {date}")), "calendar, {setting}: {description}");
        in_calendar += 1;
    }
    assert!(in_calendar > 10, "{in_calendar} planned visits checked");

    // The board pack for this month: its overdue list.
    let (code, pack, err) = common::run(&["report", "board-pack", "--format", "csv", "--db", &db]);
    assert_eq!(code, 0, "{err}");
    let mut in_pack = 0;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(pack.as_bytes());
    for row in reader.records().map(Result::unwrap).filter(|r| &r[0] == "visits_overdue") {
        // section, month, as_of, then Setting, Provider, Tier, Due, …
        if let Some((setting, date)) = from_due.iter().find(|(s, _)| s.as_str() == &row[3]) {
            assert_eq!(&row[6], date, "board pack, {setting}: {row:?}");
            in_pack += 1;
        }
    }
    assert!(in_pack > 3, "{in_pack} overdue settings in the pack");
    figures!(
        "schedule agreement: {} settings on screen and in due, {in_calendar} in the calendar, {in_pack} in the pack",
        from_due.len()
    );
}
