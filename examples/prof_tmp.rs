use oversight::domain::policy::Policy;
use oversight::store::Store;
use std::time::Instant;
fn main() {
    let today = oversight::domain::date::parse("2026-11-24").unwrap();
    let store = Store::open(std::path::Path::new("/tmp/national.db"), today).unwrap();
    let policy = Policy::default();
    let conn = rusqlite::Connection::open("/tmp/national.db").unwrap();
    let mut stmt = conn.prepare("SELECT id FROM settings ORDER BY id LIMIT 20 OFFSET 500").unwrap();
    let ids: Vec<i64> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    store.trace(rusqlite::trace::TraceEventCodes::SQLITE_TRACE_PROFILE, Some(trace));
    for _ in 0..3 {
        let t = Instant::now();
        let n = store.setting_summaries(today, oversight::store::settings::Which::All).unwrap().len();
        let a = t.elapsed();
        let t = Instant::now();
        let g = store.groups(today).unwrap().lines.len();
        eprintln!("=== summaries {n} {:?} groups {g} {:?}", a, t.elapsed());
    }
    for id in ids.iter().take(3) {
        let t = Instant::now();
        let row = store.monitoring_row(&policy, today, *id).unwrap();
        let a = t.elapsed();
        let t = Instant::now();
        let _ = store.setting_score(&policy, today, &row).unwrap();
        eprintln!("--- row {:?} score {:?}", a, t.elapsed());
    }
}
fn trace(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Profile(stmt, d) = event {
        if d.as_micros() >= 700 {
            let sql = stmt.sql();
            let s: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
            eprintln!("{:>6.1} ms  {}", d.as_secs_f64() * 1000.0, &s[..s.len().min(300)]);
        }
    }
}
