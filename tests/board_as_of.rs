//! The board pack tells the truth as the records stood on its last day: a
//! past month's pack is unchanged by anything recorded after it, and its
//! figures agree with plain queries of the tables as of that day.

mod common;

use chrono::Datelike;
use common::run;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The day every pack is written on, as in the issue that asked for this.
const WRITTEN_ON: &str = "2026-11-01";
const MONTHS: [&str; 6] = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
const FORMATS: [&str; 3] = ["md", "html", "csv"];

fn county(dir: &TempDir, seed: u64) -> PathBuf {
    let path = dir.path().join(format!("seed{seed}.db"));
    let (db, seed) = (path.to_str().unwrap().to_string(), seed.to_string());
    let (code, _, err) = run(&["demo", "--db", &db, "--scale", "county", "--seed", &seed, "--today", WRITTEN_ON]);
    assert_eq!(code, 0, "{err}");
    path
}

fn pack(db: &Path, month: &str, format: &str) -> String {
    let db = db.to_str().unwrap();
    let args = ["report", "board-pack", "--month", month, "--format", format, "--db", db, "--today", WRITTEN_ON];
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    out
}

fn last_day(month: &str) -> String {
    let first = chrono::NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").unwrap();
    (first + chrono::Months::new(1) - chrono::Days::new(1)).to_string()
}

/// The records as they stood at the end of `?1`, by a plain reading of each
/// table's dates: what was recorded as happening later is taken out or undone.
const AS_THEY_STOOD: &str = "
DELETE FROM inspections WHERE COALESCE(recorded_on, inspection_date) > ?1;
DELETE FROM stop_reviews WHERE reviewed_on > ?1 OR stop_id IN (SELECT id FROM stops WHERE issued_on > ?1);
DELETE FROM stops WHERE issued_on > ?1;
UPDATE stops SET outcome = NULL, ended_on = NULL, ended_by = NULL, end_reason = '', lift_conditions = '' WHERE ended_on > ?1;
UPDATE stops SET notified_on = NULL WHERE notified_on > ?1;
UPDATE stops SET concerns_report_on = NULL WHERE concerns_report_on > ?1;
DELETE FROM placements WHERE start_date > ?1;
UPDATE placements SET end_date = NULL WHERE end_date > ?1;
DELETE FROM reg44_findings WHERE report_id IN (SELECT id FROM reg44_reports WHERE received_on > ?1);
DELETE FROM reg44_reports WHERE received_on > ?1;
UPDATE reg44_findings SET status = 'open', closed_on = NULL WHERE closed_on > ?1;
UPDATE reg44_reports SET reviewed_by = NULL, reviewed_on = NULL WHERE reviewed_on > ?1;
DELETE FROM plan_events WHERE on_date > ?1 OR plan_id IN (SELECT id FROM plans WHERE requested_on > ?1);
DELETE FROM plan_actions WHERE plan_id IN (SELECT id FROM plans WHERE requested_on > ?1);
UPDATE stops SET plan_id = NULL WHERE plan_id IN (SELECT id FROM plans WHERE requested_on > ?1);
DELETE FROM plans WHERE requested_on > ?1;
UPDATE plans SET (status, status_on) = (SELECT e.status, e.on_date FROM plan_events e WHERE e.plan_id = plans.id
    ORDER BY e.on_date DESC, e.id DESC LIMIT 1) WHERE status_on > ?1;
UPDATE plan_actions SET status = 'open', completed_on = NULL WHERE completed_on > ?1;
DELETE FROM strategy_meetings WHERE held_on > ?1 OR concern_id IN (SELECT id FROM concerns WHERE raised_on > ?1);
UPDATE stops SET concern_id = NULL WHERE concern_id IN (SELECT id FROM concerns WHERE raised_on > ?1);
DELETE FROM concerns WHERE raised_on > ?1;
UPDATE concerns SET status = CASE WHEN escalated_on <= ?1 THEN 'escalated' ELSE 'open' END, closed_on = NULL,
    spc_outcome = NULL, outcome = '' WHERE closed_on > ?1;
UPDATE concerns SET status = 'open', escalated_on = NULL WHERE escalated_on > ?1;
DELETE FROM tier_overrides WHERE set_on > ?1;
UPDATE settings SET low_risk = NULL, low_risk_on = NULL WHERE low_risk_on > ?1;
UPDATE settings SET enforcement = NULL, enforcement_since = NULL WHERE enforcement_since > ?1;
UPDATE settings SET manager_vacant_on = NULL, registered_manager = 'In post' WHERE manager_vacant_on > ?1;
UPDATE settings SET closed_on = NULL WHERE closed_on > ?1;
UPDATE settings SET archived_on = NULL WHERE archived_on > ?1;
UPDATE stops SET visit_id = NULL WHERE visit_id IN (SELECT id FROM visits WHERE completed_date > ?1);
DELETE FROM visits WHERE completed_date > ?1;
DELETE FROM external_alerts WHERE received_on > ?1;
";

/// A copy of `db` as it stood at the end of `day`.
fn as_it_stood(db: &Path, day: &str, dir: &TempDir) -> PathBuf {
    let copy = dir.path().join(format!("as-of-{day}.db"));
    std::fs::copy(db, &copy).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    for statement in AS_THEY_STOOD.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        conn.execute(statement, [day]).unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
    copy
}

#[test]
fn a_past_months_pack_says_what_the_records_said_at_its_end() {
    let dir = TempDir::new().unwrap();
    let mut compared = 0;
    for seed in [7, 11] {
        let db = county(&dir, seed);
        for month in MONTHS {
            let then = as_it_stood(&db, &last_day(month), &dir);
            for format in FORMATS {
                let (now, at_the_time) = (pack(&db, month, format), pack(&then, month, format));
                assert!(
                    now == at_the_time,
                    "seed {seed}, {month}, {format}: the pack mixes in later records:\n{}",
                    first_difference(&now, &at_the_time)
                );
                compared += 1;
            }
        }
    }
    println!("{compared} packs (2 seeds, 6 months, 3 formats) equal to the packs of the records as they stood");
}

fn first_difference(a: &str, b: &str) -> String {
    let pairs = a.lines().zip(b.lines()).enumerate();
    match pairs.clone().find(|(_, (x, y))| x != y) {
        Some((n, (x, y))) => format!("line {}:\n  written now: {x}\n  at the time: {y}", n + 1),
        None => format!("one is longer: {} against {} lines", a.lines().count(), b.lines().count()),
    }
}

/// Records dated after October, of every kind a pack reads, and a setting
/// archived and another closed.
const LATER: &str = "
INSERT INTO inspections (setting_id, inspection_date, kind, framework, overall, recorded_on)
    SELECT setting_id, '2026-10-20', 'full', 'sccif', 'good', '2026-11-01' FROM inspections
    WHERE overall IN ('inadequate', 'requires_improvement') ORDER BY inspection_date DESC LIMIT 1;
UPDATE plan_actions SET status = 'done', completed_on = '2026-11-01'
    WHERE id IN (SELECT id FROM plan_actions WHERE status <> 'done' LIMIT 2);
INSERT INTO plan_events (plan_id, status, on_date, by_user, note)
    SELECT id, 'agreed', '2026-11-01', 'tester', '' FROM plans WHERE status = 'received';
UPDATE plans SET status = 'agreed', status_on = '2026-11-01' WHERE status = 'received';
UPDATE stops SET outcome = 'lifted', ended_on = '2026-11-01', ended_by = 'tester', end_reason = 'improved',
    lift_conditions = 'monthly visits' WHERE ended_on IS NULL;
UPDATE stops SET notified_on = '2026-11-01' WHERE notified_on IS NULL;
UPDATE reg44_findings SET status = 'closed', closed_on = '2026-11-01' WHERE status <> 'closed';
UPDATE placements SET end_date = '2026-11-01' WHERE id IN (SELECT id FROM placements WHERE end_date IS NULL LIMIT 3);
INSERT INTO placements (child_ref, setting_id, start_date, weekly_cost_pence)
    SELECT 'LAC-9001', id, '2026-11-01', 500000 FROM settings ORDER BY id LIMIT 1;
INSERT INTO tier_overrides (setting_id, tier, reason, set_on, expires)
    SELECT id, 4, 'later override', '2026-11-01', '2027-03-01' FROM settings WHERE in_area = 1 ORDER BY id LIMIT 2;
UPDATE settings SET enforcement = 'restriction', enforcement_since = '2026-11-01'
    WHERE id IN (SELECT setting_id FROM placements WHERE end_date IS NULL LIMIT 2);
UPDATE settings SET low_risk = 'quality', low_risk_on = '2026-11-01'
    WHERE id IN (SELECT setting_id FROM placements WHERE end_date IS NULL ORDER BY id DESC LIMIT 2);
INSERT INTO concerns (setting_id, provider_id, raised_on, source, category, severity, description, status, escalated_on)
    SELECT id, provider_id, '2026-11-01', 'police', 'safeguarding', 'critical', 'later concern', 'escalated', '2026-11-01'
    FROM settings ORDER BY id LIMIT 1;
UPDATE settings SET archived_on = '2026-11-01'
    WHERE id = (SELECT setting_id FROM placements WHERE end_date IS NULL ORDER BY id LIMIT 1 OFFSET 5);
UPDATE settings SET registration = 'closed', closed_on = '2026-11-01'
    WHERE id = (SELECT setting_id FROM placements WHERE end_date IS NULL ORDER BY id LIMIT 1 OFFSET 9);
INSERT INTO visits (setting_id, kind, planned_date, completed_date, officer, outcome)
    SELECT id, 'monitoring', '2026-11-01', '2026-11-01', 'A. Officer', 'serious_concerns' FROM settings
    WHERE in_area = 1 ORDER BY id LIMIT 3;
";

#[test]
fn records_added_after_a_month_leave_its_pack_unchanged() {
    let dir = TempDir::new().unwrap();
    let db = county(&dir, 11);
    let months = ["2026-08", "2026-09", "2026-10"];
    let before: Vec<Vec<String>> = months.iter().map(|m| FORMATS.iter().map(|f| pack(&db, m, f)).collect()).collect();
    let november = pack(&db, "2026-11", "md");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stops_in_force: i64 =
        conn.query_row("SELECT COUNT(*) FROM stops WHERE ended_on IS NULL", [], |r| r.get(0)).unwrap();
    assert!(stops_in_force > 0, "seed 11 has a stop in force to lift");
    conn.execute_batch(LATER).unwrap();
    drop(conn);
    assert_ne!(pack(&db, "2026-11", "md"), november, "the later records are there to be seen in November's pack");
    for (month, before) in months.iter().zip(before) {
        for (format, before) in FORMATS.iter().zip(before) {
            let after = pack(&db, month, format);
            assert!(after == before, "{month}, {format}:\n{}", first_difference(&before, &after));
        }
    }
}

/// The pack's CSV, by section: its header and rows, the first three columns
/// (section, month, as_of) checked and dropped.
fn sections(csv: &str, month: &str, as_of: &str) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(csv.as_bytes());
    let mut out: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        if &record[0] == "section" {
            assert_eq!((&record[1], &record[2]), ("month", "as_of"), "every section's header names them");
            continue;
        }
        assert_eq!((&record[1], &record[2]), (month, as_of), "every row says its month and day");
        out.entry(record[0].to_string()).or_default().push(record.iter().skip(3).map(str::to_string).collect());
    }
    out
}

/// Pence as the CSV writes money: whole pounds bare, else two decimals.
fn money(pence: &str) -> String {
    format!("CASE WHEN {pence} % 100 = 0 THEN {pence} / 100 ELSE printf('%d.%02d', {pence} / 100, {pence} % 100) END")
}

/// Plain queries of the tables as of one day.
struct Plain<'a> {
    conn: &'a rusqlite::Connection,
    day: String,
}

impl Plain<'_> {
    fn strings(&self, sql: &str) -> Vec<String> {
        let sql = sql.replace("{day}", &format!("'{}'", self.day));
        let mut stmt = self.conn.prepare(&sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        stmt.query_map([], |r| r.get::<_, rusqlite::types::Value>(0))
            .unwrap()
            .map(|v| match v.unwrap() {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                rusqlite::types::Value::Null => String::new(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    fn one(&self, sql: &str) -> String {
        self.strings(sql).pop().unwrap_or_default()
    }
}

/// The settings monitored on `{day}`: open, and in our area, or with a child
/// placed, or under a stop, an open plan (not a group's) or an escalated
/// concern (the scope of docs/domain.md); with the day monitoring began.
const MONITORED: &str = "
placed_now AS (SELECT * FROM placements WHERE start_date <= {day} AND (end_date IS NULL OR end_date > {day})),
stops_now AS (SELECT * FROM stops WHERE issued_on <= {day} AND (ended_on IS NULL OR ended_on > {day})),
plan_now AS (
    SELECT p.*, COALESCE((SELECT e.status FROM plan_events e WHERE e.plan_id = p.id AND e.on_date <= {day}
                          ORDER BY e.on_date DESC, e.id DESC LIMIT 1), 'requested') AS status_then
    FROM plans p WHERE p.requested_on <= {day} AND p.source <> 'group'),
concerns_now AS (SELECT * FROM concerns WHERE escalated_on <= {day} AND (closed_on IS NULL OR closed_on > {day})),
monitored AS (
    SELECT s.*, COALESCE(s.monitoring_since, (SELECT MIN(start_date) FROM placed_now p WHERE p.setting_id = s.id), {day}) AS began
    FROM settings s
    WHERE (s.archived_on IS NULL OR s.archived_on > {day})
      AND NOT (s.registration = 'closed' AND (s.closed_on IS NULL OR s.closed_on <= {day}))
      AND (s.closed_on IS NULL OR s.closed_on > {day})
      AND (s.in_area = 1
        OR EXISTS (SELECT 1 FROM placed_now p WHERE p.setting_id = s.id)
        OR EXISTS (SELECT 1 FROM stops_now t WHERE t.provider_id = s.provider_id AND (t.setting_id IS NULL OR t.setting_id = s.id))
        OR EXISTS (SELECT 1 FROM plan_now p WHERE p.provider_id = s.provider_id AND (p.setting_id IS NULL OR p.setting_id = s.id)
                   AND p.status_then NOT IN ('completed', 'escalated'))
        OR EXISTS (SELECT 1 FROM concerns_now c WHERE c.provider_id = s.provider_id AND (c.setting_id IS NULL OR c.setting_id = s.id))))
";

/// The monitored children's homes that owe a Reg 44 report for `{month}`:
/// open for the whole month from when monitoring began (docs/domain.md).
const REG44_OWES: &str = "
owes AS (
    SELECT id FROM monitored WHERE kind IN ('childrens_home', 'secure_childrens_home')
      AND MAX(COALESCE(opened_on, began), began) <= '{month}-01'
      AND (closed_on IS NULL OR closed_on > date('{month}-01', '+1 month', '-1 day')))
";

/// Each owing home's report for `{month}` (due by `{due}`) as of `{day}`:
/// on time, late, missing, awaited.
const REG44_MONTH: &str = "
SELECT COALESCE(SUM(r.received_on IS NOT NULL AND r.received_on <= '{due}'), 0) || '|' ||
       COALESCE(SUM(r.received_on IS NOT NULL AND r.received_on > '{due}'), 0) || '|' ||
       COALESCE(SUM(r.received_on IS NULL AND {day} > '{due}'), 0) || '|' ||
       COALESCE(SUM(r.received_on IS NULL AND {day} <= '{due}'), 0)
FROM owes o LEFT JOIN reg44_reports r ON r.setting_id = o.id AND r.month = '{month}' AND r.received_on <= {day}
";

/// The day a month's Reg 44 report is due: the 10th of the next month.
fn reg44_due(month: &str) -> String {
    let first = chrono::NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").unwrap();
    (first + chrono::Months::new(1)).with_day(10).unwrap().to_string()
}

/// Each open setting's latest overall judgement known by `{day}`, and the
/// children placed there that day with their weekly cost in pence.
const KNOWN: &str = "
latest AS (
    SELECT setting_id, overall, ROW_NUMBER() OVER (PARTITION BY setting_id ORDER BY inspection_date DESC, id DESC) AS n
    FROM inspections WHERE overall IS NOT NULL AND COALESCE(recorded_on, inspection_date) <= {day}),
placed AS (
    SELECT p.*, COALESCE(p.distance_miles, s.distance_miles) AS miles, s.in_area FROM placements p
    JOIN settings s ON s.id = p.setting_id
    WHERE p.start_date <= {day} AND (p.end_date IS NULL OR p.end_date > {day})
      AND (s.archived_on IS NULL OR s.archived_on > {day}) AND (s.closed_on IS NULL OR s.closed_on > {day})),
class AS (
    SELECT s.id AS setting_id, CASE l.overall
        WHEN 'inadequate' THEN 'Inadequate' WHEN 'serious_weaknesses' THEN 'Inadequate'
        WHEN 'requires_improvement' THEN 'Requires improvement' WHEN 'inconsistent' THEN 'Requires improvement'
        WHEN 'good' THEN 'Good' WHEN 'consistently_strong' THEN 'Good'
        WHEN 'outstanding' THEN 'Outstanding' ELSE 'Not yet judged' END AS class
    FROM settings s LEFT JOIN latest l ON l.setting_id = s.id AND l.n = 1)
";

/// One pack written for the checks: the plain queries as of its day, its
/// CSV sections, and where it is from for messages.
struct Pack<'a> {
    plain: Plain<'a>,
    got: BTreeMap<String, Vec<Vec<String>>>,
    at: String,
    month: &'static str,
}

impl Pack<'_> {
    /// A figure of the pack's summary.
    fn figure(&self, name: &str) -> String {
        self.got["summary"].iter().find(|r| r[0] == name).unwrap_or_else(|| panic!("no figure {name}"))[1].clone()
    }
}

/// Runs `check` on the CSV pack of each month of two county demos.
fn each_pack(mut check: impl FnMut(&Pack)) {
    let dir = TempDir::new().unwrap();
    for seed in [7, 11] {
        let db = county(&dir, seed);
        let conn = rusqlite::Connection::open(&db).unwrap();
        for month in MONTHS {
            let day = last_day(month);
            let got = sections(&pack(&db, month, "csv"), month, &day);
            check(&Pack { plain: Plain { conn: &conn, day }, got, at: format!("seed {seed}, {month}"), month });
        }
    }
}

#[test]
fn every_figure_of_the_pack_agrees_with_plain_queries() {
    let (mut checked, mut plans_checked, mut reg44_checked) = (0, 0, 0);
    each_pack(|pack| {
        let Pack { plain, got, at, month } = pack;
        let figure = |name: &str| pack.figure(name);

        // Children and money, in all and by judgement, distance and area.
        let children = plain.one(&format!("WITH {KNOWN} SELECT COUNT(*) FROM placed"));
        assert_eq!(figure("children placed"), children, "{at}");
        let weekly = plain.one(&format!("WITH {KNOWN} SELECT {} FROM placed", money("SUM(weekly_cost_pence)")));
        assert_eq!(figure("weekly cost"), weekly, "{at}");
        let concern = plain.one(&format!(
            "WITH {KNOWN} SELECT COUNT(*) FROM placed JOIN class USING (setting_id)
                 WHERE class IN ('Inadequate', 'Requires improvement')"
        ));
        assert_eq!(figure("children in Inadequate or Requires improvement settings"), concern, "{at}");
        let by_class: BTreeMap<String, (String, String)> = plain
            .strings(&format!(
                "WITH {KNOWN} SELECT class || '|' || COUNT(*) || '|' || {}
                     FROM placed JOIN class USING (setting_id) GROUP BY class",
                money("SUM(weekly_cost_pence)")
            ))
            .iter()
            .map(|r| {
                let v: Vec<&str> = r.split('|').collect();
                (v[0].to_string(), (v[1].to_string(), v[2].to_string()))
            })
            .collect();
        for row in &got["by_judgement"] {
            let class = row[0].split(',').next().unwrap();
            let want = by_class.get(class).cloned().unwrap_or(("0".into(), "0".into()));
            assert_eq!((row[2].clone(), row[3].clone()), want, "{at}: {class}");
        }
        let band = |sql_filter: &str| {
            let cost = money("COALESCE(SUM(weekly_cost_pence), 0)");
            plain.one(&format!("WITH {KNOWN} SELECT COUNT(*) || '|' || {cost} FROM placed WHERE {sql_filter}"))
        };
        for (label, filter) in [
            ("under 20 miles", "miles < 20"),
            ("20 to 49 miles", "miles >= 20 AND miles < 50"),
            ("50 miles or more", "miles >= 50"),
            ("In our area", "in_area = 1"),
            ("Out of area", "in_area = 0"),
        ] {
            let row = got["by_distance"].iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("{at}: {label}"));
            assert_eq!(format!("{}|{}", row[1], row[2]), band(filter), "{at}: {label}");
        }

        // The settings the board scrutinises, and their judgement histories.
        let focus: BTreeSet<String> = plain
                .strings(&format!(
                    "WITH {KNOWN} SELECT DISTINCT s.name FROM placed JOIN class USING (setting_id) JOIN settings s ON s.id = setting_id
                     WHERE class IN ('Inadequate', 'Requires improvement')"
                ))
                .into_iter()
                .collect();
        let listed: BTreeSet<String> = got["focus"].iter().map(|r| r[0].clone()).collect();
        assert_eq!(listed, focus, "{at}");
        for row in &got["focus"] {
            let history = plain.strings(&format!(
                    "SELECT i.overall || ' ' || i.inspection_date FROM inspections i JOIN settings s ON s.id = i.setting_id
                     WHERE s.name = '{}' AND i.overall IS NOT NULL AND COALESCE(i.recorded_on, i.inspection_date) <= {{day}}
                     ORDER BY i.inspection_date, i.id",
                    row[0].replace('\'', "''")
                ));
            assert_eq!(row[4].split(" → ").count(), history.len(), "{at}: {} history {}", row[0], row[4]);
            // Plan progress: actions done by the day, of all the plan's actions.
            for plan in row[10].split(" | ").filter(|p| !p.is_empty()) {
                let (title, rest) = plan.split_once(": ").unwrap();
                let progress = rest.split(", ").nth(1).unwrap().split(' ').next().unwrap();
                let want = plain.one(&format!(
                    "SELECT SUM(a.status = 'done' AND a.completed_on <= {{day}}) || '/' || COUNT(a.id)
                         FROM plans p JOIN plan_actions a ON a.plan_id = p.id
                         WHERE p.title = '{}' AND p.requested_on <= {{day}}
                           AND (p.setting_id = (SELECT id FROM settings WHERE name = '{}') OR p.setting_id IS NULL)",
                    title.replace('\'', "''"),
                    row[0].replace('\'', "''")
                ));
                if !want.is_empty() {
                    assert_eq!(progress, want, "{at}: {} plan {title}", row[0]);
                    plans_checked += 1;
                }
            }
        }

        // Stops: issued and ended in the month, and in force at its end.
        let (first, last) = (format!("'{month}-01'"), "{day}");
        let ids = |section: &str| -> BTreeSet<String> {
            got.get(section).map(|rows| rows.iter().map(|r| r[0].clone()).collect()).unwrap_or_default()
        };
        let plain_ids = |filter: &str| -> BTreeSet<String> {
            plain.strings(&format!("SELECT id FROM stops WHERE {filter}")).into_iter().collect()
        };
        assert_eq!(ids("stops_issued"), plain_ids(&format!("issued_on BETWEEN {first} AND {last}")), "{at}");
        assert_eq!(ids("stops_ended"), plain_ids(&format!("ended_on BETWEEN {first} AND {last}")), "{at}");
        assert_eq!(
            ids("stops_in_force"),
            plain_ids(&format!("issued_on <= {last} AND (ended_on IS NULL OR ended_on > {last})")),
            "{at}"
        );

        // Judgement changes learned of in the month: a different judgement from the one before.
        let changes = plain.one(&format!(
            "WITH seq AS (SELECT setting_id, overall, COALESCE(recorded_on, inspection_date) AS learned,
                     LAG(overall) OVER (PARTITION BY setting_id ORDER BY inspection_date, id) AS before
                     FROM inspections WHERE overall IS NOT NULL AND COALESCE(recorded_on, inspection_date) <= {last})
                 SELECT COUNT(*) FROM seq WHERE learned BETWEEN {first} AND {last} AND before IS NOT overall"
        ));
        assert_eq!(figure("judgement changes learned of in the month"), changes, "{at}");
        assert_eq!(got.get("judgement_changes").map_or(0, Vec::len).to_string(), changes, "{at}");

        // Reg 44: each month's reports, on time, late, missing and awaited.
        for row in &got["reg44_by_month"] {
            let first = chrono::NaiveDate::parse_from_str(&format!("1 {}", row[0]), "%d %b %Y").unwrap();
            let m = first.format("%Y-%m").to_string();
            let sql = format!("WITH {MONITORED}, {REG44_OWES} {REG44_MONTH}");
            let sql = sql.replace("{month}", &m).replace("{due}", &reg44_due(&m));
            assert_eq!(plain.one(&sql), row[1..5].join("|"), "{at}: Reg 44 for {}", row[0]);
            reg44_checked += 1;
        }

        // Visits made in a month: never more than the settings a monitoring
        // visit was made to that month, counted plainly; this month's made
        // is the summary's figure.
        for row in &got["visits_by_month"] {
            let made: u32 = row[2].parse().unwrap();
            let visited: u32 = plain
                    .one(&format!(
                        "SELECT COUNT(DISTINCT setting_id) FROM visits WHERE kind IN ('monitoring', 'unannounced', 'cluster')
                         AND completed_date BETWEEN '{0}-01' AND date('{0}-01', '+1 month', '-1 day') AND completed_date <= {{day}}",
                        row[0]
                    ))
                    .parse()
                    .unwrap();
            assert!(made <= visited, "{at}: {row:?} made, {visited} settings visited");
        }
        let this_month = got["visits_by_month"].iter().find(|r| r[0] == *month).expect("the pack's month");
        assert_eq!(figure("of those, visited in the month"), this_month[2], "{at}");
        assert_eq!(figure("settings with a visit falling due in the month"), this_month[1], "{at}");
        checked += 1;
    });
    assert!(plans_checked > 4, "plan progress checked {plans_checked} times");
    assert!(reg44_checked >= 12 * 10, "every pack's Reg 44 months: {reg44_checked}");
    println!(
        "{checked} packs' figures recomputed by plain queries (2 seeds, 6 months), {plans_checked} plans' progress, \
         {reg44_checked} months of Reg 44"
    );
}

/// `text` as an SQL string literal.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Ofsted's words for a judgement, as a reason quotes them.
const OFSTED_WORDS: &str = "CASE overall
    WHEN 'inadequate' THEN 'Inadequate' WHEN 'serious_weaknesses' THEN 'Serious or widespread weaknesses'
    WHEN 'requires_improvement' THEN 'Requires improvement to be good'
    WHEN 'inconsistent' THEN 'Inconsistent quality of service delivery' ELSE overall END";

/// The monitoring visits: the kinds that reset the schedule.
const MONITORING_VISIT: &str = "kind IN ('monitoring', 'unannounced', 'cluster')";

/// A return's due day in SQL, from its kind and period ("2026-Q3", "2026"):
/// a quarter's last day + 30, or the 30th of June of its year.
const RETURN_DUE: &str = "CASE WHEN kind = 'self_assessment' THEN period || '-06-30'
    ELSE date(substr(period, 1, 4) || '-' || printf('%02d', 3 * CAST(substr(period, 7) AS INTEGER)) || '-01',
              '+1 month', '-1 day', '+30 days') END";

/// The returns and score reasons of a focus setting, plainly: each return
/// said missing was due before the day and within the year, and none of its
/// kind and period came by then; the late returns its own or its provider's
/// of its kind received late within the year number the reason's, which is
/// there from two; a score's fall is between the last two quarter ends,
/// by at least ten points.
fn check_returns_and_score(plain: &Plain, id: &str, reasons: &[&str], at: &str) {
    let kind_of = |words: &str| match words {
        "annual self-assessment" => "self_assessment",
        "supported accommodation return" => "supported_accommodation",
        "fostering contract review" => "fostering_review",
        other => panic!("{at}: a return no rule names: {other:?}"),
    };
    let period_of = |label: &str| match label.split_once(' ') {
        Some((months, year)) => {
            let q = ["Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec"].iter().position(|m| *m == months).unwrap() + 1;
            format!("{year}-Q{q}")
        }
        None => label.to_string(),
    };
    let whose = "(setting_id = {id} OR (setting_id IS NULL AND provider_id = (SELECT provider_id FROM settings WHERE id = {id})
                  AND kind = (SELECT CASE kind WHEN 'supported_accommodation' THEN 'supported_accommodation'
                                               WHEN 'fostering_agency' THEN 'fostering_review' END FROM settings WHERE id = {id})))";
    for reason in reasons.iter().filter_map(|r| r.strip_prefix("missing: ")) {
        for item in reason.split(", ") {
            let (what, due) = item.rsplit_once(" (due ").unwrap();
            let due = due.trim_end_matches(')');
            let (kind, period) = what.split_once(" for ").unwrap();
            let (kind, period) = (kind_of(kind), period_of(period));
            let row = format!("SELECT 1 FROM provider_returns WHERE kind = '{kind}' AND period = '{period}'");
            let sql = format!(
                "SELECT ({RETURN_DUE}) = '{due}' AND '{due}' < {{day}} AND '{due}' >= date({{day}}, '-365 days')
                 FROM (SELECT '{kind}' AS kind, '{period}' AS period)"
            );
            assert_eq!(plain.one(&sql), "1", "{at}: setting {id}: {item} is not due so");
            let came = format!("SELECT EXISTS ({row} AND {} AND received_on <= {{day}})", whose.replace("{id}", id));
            assert_eq!(plain.one(&came), "0", "{at}: setting {id}: {item} came");
        }
    }
    let late = plain.one(&format!(
        "SELECT COUNT(*) FROM provider_returns WHERE {} AND received_on > ({RETURN_DUE}) AND received_on <= {{day}}
           AND received_on > date({{day}}, '-365 days')",
        whose.replace("{id}", id)
    ));
    let said = reasons.iter().find_map(|r| r.split_once(" returns received late in the last year").map(|(n, _)| n));
    let want = (late.parse::<u32>().unwrap() >= 2).then_some(late.as_str());
    assert_eq!(said, want, "{at}: setting {id}: late returns, {reasons:?}");
    let day = chrono::NaiveDate::parse_from_str(&plain.day, "%Y-%m-%d").unwrap();
    let quarter_end = |d: chrono::NaiveDate| {
        let first = chrono::NaiveDate::from_ymd_opt(d.year(), (d.month() - 1) / 3 * 3 + 1, 1).unwrap();
        first.pred_opt().unwrap()
    };
    let after = quarter_end(day);
    let before = quarter_end(after);
    for reason in reasons.iter().filter_map(|r| r.strip_prefix("quality score fell from ")) {
        let words: Vec<&str> = reason.split(' ').collect();
        let (from, to): (f64, f64) = (words[0].parse().unwrap(), words[4].parse().unwrap());
        assert_eq!((words[2], words[6]), (before.to_string().as_str(), after.to_string().as_str()), "{at}: {reason}");
        assert!(from - to >= 9.9, "{at}: a fall of {from} to {to} is under the limit");
    }
}

/// One focus setting's tier and reasons against the rules of docs/domain.md,
/// read plainly from the tables as of the day. Returns whether an override
/// covered the day (the tier then rests on the override rules, not checked).
fn check_tier_and_reasons(plain: &Plain, id: &str, tier: &str, reasons: &str, at: &str) -> bool {
    let q = |sql: &str| plain.one(&format!("WITH {MONITORED} {}", sql.replace("{id}", id)));
    let yes = |sql: &str| q(&format!("SELECT EXISTS ({sql})")) == "1";
    if yes("SELECT 1 FROM tier_overrides WHERE setting_id = {id} AND set_on <= {day} AND expires >= {day}") {
        return true;
    }
    let latest = q(&format!(
        "SELECT 'latest Ofsted judgement ' || {OFSTED_WORDS} || ' (' || inspection_date || ')' FROM inspections
         WHERE setting_id = {{id}} AND overall IS NOT NULL AND COALESCE(recorded_on, inspection_date) <= {{day}}
         ORDER BY inspection_date DESC, id DESC LIMIT 1"
    ));
    let inadequate = latest.contains("Inadequate") || latest.contains("Serious or widespread");
    let stop = q("SELECT MIN(t.issued_on) FROM stops_now t JOIN settings s ON s.id = {id}
                  WHERE t.provider_id = s.provider_id AND (t.setting_id IS NULL OR t.setting_id = s.id)");
    let concern = q("SELECT MIN(c.escalated_on) FROM concerns_now c JOIN settings s ON s.id = {id}
                     WHERE c.provider_id = s.provider_id AND (c.setting_id IS NULL OR c.setting_id = s.id)");
    let enforcement = q("SELECT replace(enforcement, '_', ' ') || ' since ' || enforcement_since FROM settings
                         WHERE id = {id} AND enforcement IS NOT NULL AND enforcement_since <= {day}");
    let vacancy_recorded =
        yes("SELECT 1 FROM settings WHERE id = {id} AND kind <> 'other' AND manager_vacant_on <= {day}");
    let vacancy_reported = yes("SELECT 1 FROM (SELECT manager_in_post FROM reg44_reports WHERE setting_id = {id}
                                AND received_on <= {day} ORDER BY month DESC LIMIT 1) WHERE manager_in_post = 0");
    let last_visit = q(&format!(
        "SELECT CASE WHEN outcome IN ('concerns', 'serious_concerns')
                THEN 'last visit outcome: ' || replace(outcome, '_', ' ') || ' (' || completed_date || ')' END
         FROM visits WHERE setting_id = {{id}} AND {MONITORING_VISIT} AND completed_date <= {{day}}
         ORDER BY completed_date DESC, id DESC LIMIT 1"
    ));
    let serious_findings: BTreeSet<String> = plain
        .strings(&format!(
            "SELECT DISTINCT r.received_on FROM reg44_reports r JOIN reg44_findings f ON f.report_id = r.id
             WHERE r.setting_id = {id} AND f.severity = 'serious' AND r.received_on <= {{day}}
               AND r.visit_date >= date({{day}}, '-90 days')"
        ))
        .into_iter()
        .collect();
    let overdue_actions =
        q("SELECT COUNT(*) FROM plan_actions a JOIN plan_now p ON p.id = a.plan_id JOIN settings s ON s.id = {id}
         WHERE p.provider_id = s.provider_id AND (p.setting_id IS NULL OR p.setting_id = s.id)
           AND p.status_then NOT IN ('completed', 'escalated') AND a.due_on < {day}
           AND NOT (a.status = 'done' AND a.completed_on <= {day})");
    // The last two months whose reports were due before the day, and owed.
    let missing: Vec<String> = {
        let day = chrono::NaiveDate::parse_from_str(&plain.day, "%Y-%m-%d").unwrap();
        (1..=3)
            .map(|back| (day.with_day(1).unwrap() - chrono::Months::new(back)).format("%Y-%m").to_string())
            .filter(|m| reg44_due(m) < plain.day)
            .take(2)
            .filter(|m| {
                let owes = format!("WITH {MONITORED}, {REG44_OWES} SELECT EXISTS (SELECT 1 FROM owes WHERE id = {id})
                     AND NOT EXISTS (SELECT 1 FROM reg44_reports WHERE setting_id = {id} AND month = '{m}' AND received_on <= {{day}})");
                plain.one(&owes.replace("{month}", m)) == "1"
            })
            .map(|m| chrono::NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").unwrap().format("%b %Y").to_string())
            .collect()
    };

    let want_tier =
        if inadequate || !stop.is_empty() || !concern.is_empty() || !enforcement.is_empty() { "1" } else { "2" };
    assert_eq!(tier, want_tier, "{at}: tier of setting {id} ({reasons})");

    let reasons: Vec<&str> = reasons.split("; ").collect();
    check_returns_and_score(plain, id, &reasons, at);
    assert!(reasons.contains(&latest.as_str()), "{at}: {latest:?} among {reasons:?}");
    let has = |start: &str| reasons.iter().any(|r| r.starts_with(start));
    assert_eq!(has("placement stop in force since"), !stop.is_empty(), "{at}: stop, {reasons:?}");
    assert_eq!(has("serious provider concern"), !concern.is_empty(), "{at}: concern, {reasons:?}");
    assert_eq!(has("Ofsted enforcement in force"), !enforcement.is_empty(), "{at}: enforcement, {reasons:?}");
    assert_eq!(has("last visit outcome"), !last_visit.is_empty(), "{at}: last visit, {reasons:?}");
    let vacancy = has("registered manager") || reasons.iter().any(|r| r.contains("no registered manager is in post"));
    assert_eq!(vacancy, vacancy_recorded || vacancy_reported, "{at}: manager, {reasons:?}");
    assert_eq!(has("serious Regulation 44 finding"), !serious_findings.is_empty(), "{at}: findings, {reasons:?}");
    let actions = if overdue_actions == "0" { None } else { Some(overdue_actions.as_str()) };
    let actions_reason =
        reasons.iter().find(|r| r.contains("improvement plan action")).map(|r| r.split(' ').next().unwrap());
    assert_eq!(actions_reason, actions, "{at}: overdue actions, {reasons:?}");
    let missing_reason = reasons.iter().find_map(|r| r.strip_prefix("Regulation 44 report missing for "));
    let want_missing = (!missing.is_empty()).then(|| missing.iter().rev().cloned().collect::<Vec<_>>().join(" and "));
    assert_eq!(missing_reason.map(str::to_string), want_missing, "{at}: Reg 44 missing, {reasons:?}");
    for reason in &reasons {
        let plainly = [
            reason == &latest,
            *reason == format!("placement stop in force since {stop}"),
            *reason == format!("serious provider concern open since {concern}"),
            *reason == format!("Ofsted enforcement in force: {enforcement}"),
            *reason == last_visit,
            reason.starts_with("registered manager"),
            serious_findings
                .iter()
                .any(|d| reason.starts_with(&format!("serious Regulation 44 finding in the report received {d} "))),
            reason.ends_with("improvement plan action overdue") || reason.ends_with("improvement plan actions overdue"),
            reason.starts_with("Regulation 44 report missing for "),
            // Checked by check_returns_and_score below.
            reason.starts_with("missing: ") || reason.contains(" returns received late in the last year"),
            reason.starts_with("quality score fell from "),
        ];
        // The Reg 44 flags: the latest report's opinion, a recurring theme,
        // missing episodes rising, and a vacancy the reports say.
        let flag = reason.contains(" report: ")
            || reason.contains(" of the last ")
            || reason.starts_with("missing-from-care episodes ")
            || reason.contains("no registered manager is in post");
        assert!(plainly.iter().any(|p| *p) || flag, "{at}: a reason no rule gives: {reason:?}");
    }
    false
}

#[test]
fn tiers_monitoring_overdue_visits_and_stops_agree_with_plain_rules() {
    let (mut tiers, mut overridden, mut overdue, mut stops) = (0, 0, 0, 0);
    each_pack(|pack| {
        let Pack { plain, got, at, .. } = pack;
        let figure = |name: &str| pack.figure(name);

        // Settings monitored, by their latest judgement known by the day.
        let monitored: BTreeMap<String, String> = plain
            .strings(&format!(
                "WITH {MONITORED}, {KNOWN} SELECT class || '|' || COUNT(*) FROM monitored m
                     JOIN class ON class.setting_id = m.id GROUP BY class"
            ))
            .iter()
            .map(|r| r.split_once('|').map(|(k, v)| (k.to_string(), v.to_string())).unwrap())
            .collect();
        for row in &got["by_judgement"] {
            let class = row[0].split(',').next().unwrap();
            assert_eq!(row[1], monitored.get(class).cloned().unwrap_or("0".into()), "{at}: {class} monitored");
        }

        // Each focus setting's tier and reasons.
        let mut tier_of = BTreeMap::new();
        for row in &got["focus"] {
            let id = plain.one(&format!("SELECT id FROM settings WHERE urn = {}", quoted(&row[1])));
            if check_tier_and_reasons(plain, &id, &row[5], &row[6], at) {
                overridden += 1;
            } else {
                tiers += 1;
            }
            tier_of.insert(id, row[5].clone());
        }

        // Visits overdue on the day. A due date lies between the last
        // monitoring visit + 14 days (the quickest response) and + 182
        // (the longest interval), or is the day monitoring began if none
        // was made; no visit since it fell due; every monitored setting
        // past either bound is listed.
        let bounds = |id: &str| {
            plain.one(&format!(
                    "WITH {MONITORED} SELECT COALESCE(date(MAX(v.completed_date), '+14 days') || '|' || date(MAX(v.completed_date), '+182 days'),
                            m.began || '|' || m.began)
                     FROM monitored m LEFT JOIN visits v ON v.setting_id = m.id AND v.{MONITORING_VISIT} AND v.completed_date <= {{day}}
                     WHERE m.id = {id}"
                ))
        };
        let mut listed = BTreeSet::new();
        for row in got.get("visits_overdue").into_iter().flatten() {
            let id = plain.one(&format!(
                    "SELECT s.id FROM settings s JOIN providers p ON p.id = s.provider_id WHERE s.name = {} AND p.name = {}",
                    quoted(&row[0]),
                    quoted(&row[1])
                ));
            let (tier, due, days) = (&row[2], &row[3], &row[4]);
            let (earliest, latest) = bounds(&id).split_once('|').map(|(a, b)| (a.to_string(), b.to_string())).unwrap();
            assert!(!earliest.is_empty(), "{at}: {} listed overdue but not monitored", row[0]);
            assert!(earliest <= *due && due <= &latest, "{at}: {} due {due}, not within {earliest}..{latest}", row[0]);
            let late = plain.one(&format!("SELECT CAST(julianday({{day}}) - julianday('{due}') AS INTEGER)"));
            assert_eq!(days, &late, "{at}: {} days overdue", row[0]);
            assert!(days.parse::<i64>().unwrap() > 0, "{at}: {row:?}");
            let since = format!(
                "SELECT EXISTS (SELECT 1 FROM visits WHERE setting_id = {id} AND {MONITORING_VISIT}
                     AND completed_date BETWEEN '{due}' AND {{day}})"
            );
            assert_eq!(plain.one(&since), "0", "{at}: {} visited since it fell due", row[0]);
            if let Some(focus_tier) = tier_of.get(&id) {
                assert_eq!(tier, focus_tier, "{at}: {} tier in the two lists", row[0]);
            }
            listed.insert(id);
            overdue += 1;
        }
        let past_bounds: BTreeSet<String> = plain
            .strings(&format!(
                "WITH {MONITORED} SELECT m.id FROM monitored m
                     LEFT JOIN visits v ON v.setting_id = m.id AND v.{MONITORING_VISIT} AND v.completed_date <= {{day}}
                     GROUP BY m.id HAVING COALESCE(date(MAX(v.completed_date), '+182 days'), m.began) < {{day}}"
            ))
            .into_iter()
            .collect();
        let unlisted: Vec<_> = past_bounds.difference(&listed).collect();
        assert!(unlisted.is_empty(), "{at}: overdue by any rule but not listed: {unlisted:?}");
        assert_eq!(figure("settings with a visit overdue"), listed.len().to_string(), "{at}");

        // Improvement plan actions overdue: past due, not done by the day,
        // their plan requested by then and not completed or escalated.
        let actions = plain.one(&format!(
            "WITH {MONITORED} SELECT COUNT(*) FROM plan_actions a JOIN plan_now p ON p.id = a.plan_id
                 WHERE p.status_then NOT IN ('completed', 'escalated') AND a.due_on < {{day}}
                   AND NOT (a.status = 'done' AND a.completed_on <= {{day}})"
        ));
        assert_eq!(figure("improvement plan actions overdue"), actions, "{at}");

        // Each stop's status and checklist as they stood.
        for row in
            ["stops_issued", "stops_in_force", "stops_ended"].iter().flat_map(|s| got.get(*s).into_iter().flatten())
        {
            let id = &row[0];
            let status = plain.one(&format!(
                "SELECT CASE WHEN ended_on <= {{day}} THEN outcome || ' ' || ended_on
                                 WHEN review_on < {{day}} THEN 'in force; ▲ review late (due ' || review_on || ')'
                                 ELSE 'in force; review ' || COALESCE(review_on, 'not set') END
                     FROM stops WHERE id = {id}"
            ));
            assert_eq!(row[3], status, "{at}: stop {id}");
            let checklist = plain.one(&format!(
                    "WITH covered AS (
                         SELECT p.id, (SELECT reviewed_on FROM stop_reviews r WHERE r.stop_id = t.id AND r.placement_id = p.id) AS reviewed
                         FROM stops t JOIN settings s ON s.provider_id = t.provider_id AND (t.setting_id IS NULL OR t.setting_id = s.id)
                         JOIN placements p ON p.setting_id = s.id
                         WHERE t.id = {id} AND (EXISTS (SELECT 1 FROM stop_reviews r WHERE r.stop_id = t.id AND r.placement_id = p.id)
                                OR (p.start_date <= t.issued_on AND (p.end_date IS NULL OR p.end_date > t.issued_on))))
                     SELECT ((referrals_withdrawn IS NOT NULL)
                          + ((SELECT COUNT(*) FROM covered WHERE reviewed <= {{day}}) >= (SELECT COUNT(*) FROM covered))
                          + (notified_on <= {{day}}) + (concerns_report_on <= {{day}})
                          + (plan_id IN (SELECT id FROM plans WHERE requested_on <= {{day}})) + (review_on IS NOT NULL))
                          || '/6'
                     FROM stops WHERE id = {id}"
                ));
            assert_eq!(row[4], checklist, "{at}: stop {id} checklist");
            stops += 1;
        }
    });
    assert!(tiers > 100, "focus tiers checked: {tiers}");
    assert!(overdue > 20 && stops > 0, "overdue rows {overdue}, stop rows {stops}");
    println!(
        "{tiers} focus tiers and reasons ({overridden} under an override), {overdue} overdue visits, {stops} stop rows"
    );
}
