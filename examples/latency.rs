//! The latency harness: opens the interface on a database, as a person would,
//! on a 120×40 `TestBackend`, and times a scripted session: every screen,
//! 200 rows of scrolling, a filter typed a letter at a time, 50 settings
//! opened, 10 providers, plans and stops opened, the lettered screens
//! (Returns, Notifications, Unregistered, Groups and three groups opened,
//! Value), a home's Reg 44 record, the findings pane, a visit logged, a
//! board pack written.
//!
//! ```text
//! cargo run --release -- --db /tmp/national.db --today 2026-11-24 demo --scale national
//! cargo run --release --example latency -- --db /tmp/national.db --today 2026-11-24 --sql-out /tmp/dashboard.sql
//! ```
//!
//! Prints one JSON object: `first_frame_ms` (to the first frame with the
//! dashboard's figures), `first_frame_copy` (whether those came from a kept
//! copy that was `current` or `old`, or were read: `none`),
//! `first_fresh_frame_ms` (to the first frame with current figures),
//! `rss_mb` (peak), `actions` (each action's count, median and 99th
//! percentile, key to next frame; `…_until_read` for the same keys timed
//! to the frame with the data the reader thread fetched) and `queries` (each
//! dashboard statement, as written to `--sql-out`, with its median time when
//! run again on its own). Work on a copy: the session saves a visit.

use clap::Parser;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use oversight::domain::policy::Policy;
use oversight::store::Store;
use oversight::ui::app::App;
use oversight::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    #[arg(long)]
    db: PathBuf,
    #[arg(long, value_parser = oversight::domain::date::parse)]
    today: Option<chrono::NaiveDate>,
    /// Write the dashboard's SQL here, one statement per line.
    #[arg(long)]
    sql_out: Option<PathBuf>,
}

/// Statements run while tracing, with their parameters inlined.
static TRACED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn trace(event: TraceEvent<'_>) {
    if let TraceEvent::Profile(stmt, _) = event
        && let Some(sql) = stmt.expanded_sql()
        && let Ok(mut traced) = TRACED.lock()
    {
        traced.push(sql.split_whitespace().collect::<Vec<_>>().join(" "));
    }
}

/// The session so far: each action's timings.
struct Session {
    app: App,
    terminal: Terminal<TestBackend>,
    times: BTreeMap<String, Vec<Duration>>,
}

impl Session {
    fn draw(&mut self) {
        let app = &self.app;
        self.terminal.draw(|frame| app.render(frame)).expect("a test backend draws");
    }

    /// One key and the frame after it, timed as `action`. When the key
    /// set the reader to work on the screen on show (or on a file), waits,
    /// as a person would, for the frame with the data (or the file written),
    /// timed as `action` + `_until_read`. Other screens brought up to date
    /// behind it are not waited for.
    fn key(&mut self, action: &'static str, code: KeyCode, modifiers: KeyModifiers) {
        let start = Instant::now();
        self.app.key(KeyEvent::new(code, modifiers));
        self.draw();
        self.times.entry(action.to_string()).or_default().push(start.elapsed());
        if self.app.is_reading_shown() || self.app.is_writing() {
            self.until_read(start, &format!("{action}_until_read"));
        }
        if let Some(status) = self.app.status.as_ref().filter(|s| s.error) {
            eprintln!("{action}: {}", status.text);
        }
    }

    /// Waits for the reader to answer for the screen on show (and any file),
    /// draws, and times the wait from `start` as `action`.
    fn until_read(&mut self, start: Instant, action: &str) {
        while self.app.is_reading_shown() || self.app.is_writing() {
            self.app.wait(Duration::from_secs(60));
        }
        self.draw();
        self.times.entry(action.to_string()).or_default().push(start.elapsed());
    }

    fn press(&mut self, action: &'static str, code: KeyCode) {
        self.key(action, code, KeyModifiers::NONE);
    }

    fn type_text(&mut self, action: &'static str, text: &str) {
        for c in text.chars() {
            let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            self.key(action, KeyCode::Char(c), mods);
        }
    }
}

fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

/// The value at fraction `q` of the sorted sample (nearest rank).
fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Peak resident memory, from the kernel's record of this process.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    (kb / 1024.0 * 10.0).round() / 10.0
}

/// Each statement's median over `runs` runs, every row stepped through.
fn median_times(store: &Store, statements: &[String], runs: usize) -> rusqlite::Result<Vec<Duration>> {
    statements
        .iter()
        .map(|sql| {
            let mut times = Vec::with_capacity(runs);
            for _ in 0..runs {
                let start = Instant::now();
                let conn = rusqlite::Connection::open(store.path())?;
                let mut stmt = conn.prepare(sql)?;
                let mut rows = stmt.query([])?;
                while rows.next()?.is_some() {}
                times.push(start.elapsed());
            }
            times.sort();
            Ok(times[runs / 2])
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let today = args.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    // The board pack is written to the working directory: use a scratch one.
    let scratch = tempfile::TempDir::new()?;
    let db = std::path::absolute(&args.db)?;
    std::env::set_current_dir(scratch.path())?;

    let start = Instant::now();
    let mut store = Store::open(&db, today)?;
    store.set_user("latency");
    let app = App::reading_in_background(store, Policy::default(), Theme { color: true }, false)?;
    let mut session = Session { app, terminal: Terminal::new(TestBackend::new(120, 40))?, times: BTreeMap::new() };
    session.draw();
    // The first frame with the dashboard's figures: at once from a kept
    // copy, else when the reader has them; and the first with current ones.
    let copy = match session.app.is_reading() {
        true if session.app.has_read_shown() => "old",
        true => "none",
        false => "current",
    };
    if !session.app.has_read_shown() {
        session.app.wait(Duration::from_secs(60));
        session.draw();
    }
    let first_frame = start.elapsed();
    while session.app.is_reading_shown() {
        session.app.wait(Duration::from_secs(60));
    }
    session.draw();
    let first_fresh_frame = start.elapsed();

    // Every screen, twice round.
    for _ in 0..2 {
        for key in "1234567890".chars() {
            session.press("open_screen", KeyCode::Char(key));
        }
    }
    // The screens with letters (after `g`): Returns, Notifications,
    // Unregistered, Groups (a group opened), Value; twice round.
    for _ in 0..2 {
        for (key, action) in [
            ('e', "open_returns"),
            ('o', "open_notifications"),
            ('u', "open_unregistered"),
            ('w', "open_groups"),
            ('v', "open_value"),
        ] {
            session.press("go_key", KeyCode::Char('g'));
            session.press(action, KeyCode::Char(key));
            if key == 'w' {
                for _ in 0..3 {
                    session.press("open_group", KeyCode::Enter);
                    session.press("close_setting", KeyCode::Esc);
                    session.press("scroll", KeyCode::Down);
                }
            }
        }
    }
    // Settings: scroll 200 rows, filter, open 50.
    session.press("open_screen", KeyCode::Char('2'));
    for _ in 0..200 {
        session.press("scroll", KeyCode::Down);
    }
    session.press("filter_key", KeyCode::Char('/'));
    session.type_text("filter_key", "willow");
    session.press("filter_key", KeyCode::Enter);
    session.press("clear_filter", KeyCode::Esc);
    session.press("scroll", KeyCode::Home);
    for _ in 0..50 {
        session.press("open_setting", KeyCode::Enter);
        session.press("close_setting", KeyCode::Esc);
        session.press("scroll", KeyCode::Down);
    }
    // Providers, plans and stops, each opened from its list.
    for (tab, action) in [('1', "open_provider"), ('6', "open_plan"), ('7', "open_stop")] {
        session.press("open_screen", KeyCode::Char(tab));
        for _ in 0..10 {
            session.press(action, KeyCode::Enter);
            session.press("close_setting", KeyCode::Esc);
            session.press("scroll", KeyCode::Down);
        }
    }
    // A home's Reg 44 record, from the matrix.
    session.press("open_screen", KeyCode::Char('4'));
    for _ in 0..10 {
        session.press("open_reg44_home", KeyCode::Enter);
        session.press("close_setting", KeyCode::Esc);
        session.press("scroll", KeyCode::Down);
    }
    // The findings still to chase, across homes.
    session.press("open_findings", KeyCode::Tab);
    // Log a visit from the schedule.
    session.press("open_screen", KeyCode::Char('3'));
    session.press("open_form", KeyCode::Char('v'));
    for _ in 0..3 {
        session.press("form_key", KeyCode::Tab);
    }
    session.type_text("form_key", "C. Lewis");
    session.press("form_key", KeyCode::Tab);
    session.type_text("form_key", "g");
    session.key("save_visit", KeyCode::Char('s'), KeyModifiers::CONTROL);
    // Write the board pack.
    session.press("open_screen", KeyCode::Char('8'));
    session.press("open_form", KeyCode::Char('w'));
    session.key("board_pack", KeyCode::Char('s'), KeyModifiers::CONTROL);

    // The dashboard's statements, traced on this connection (the session
    // read them on the reader's).
    let store = &session.app.store;
    oversight::store::monitoring::forget_shared(store);
    store.trace(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(trace));
    oversight::store::board::overview(store, &session.app.policy, today)?;
    store.trace(TraceEventCodes::empty(), None);
    let mut dashboard: Vec<String> = std::mem::take(&mut *TRACED.lock().map_err(|e| e.to_string())?);
    dashboard.dedup();
    let queries = median_times(store, &dashboard, 5)?;
    if let Some(path) = &args.sql_out {
        let text: String = dashboard.iter().map(|s| format!("{s};\n")).collect();
        std::fs::write(path, text)?;
    }
    let actions: serde_json::Map<String, serde_json::Value> = session
        .times
        .iter_mut()
        .map(|(name, times)| {
            times.sort();
            let summary = serde_json::json!({
                "n": times.len(),
                "p50_ms": millis(percentile(times, 0.5)),
                "p99_ms": millis(percentile(times, 0.99)),
            });
            (name.to_string(), summary)
        })
        .collect();
    let queries: Vec<serde_json::Value> = dashboard
        .iter()
        .zip(queries)
        .map(|(sql, median)| serde_json::json!({ "sql": sql, "median_ms": millis(median) }))
        .collect();
    let report = serde_json::json!({
        "first_frame_ms": millis(first_frame),
        "first_frame_copy": copy,
        "first_fresh_frame_ms": millis(first_fresh_frame),
        "rss_mb": peak_rss_mb(),
        "actions": actions,
        "queries": queries,
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
