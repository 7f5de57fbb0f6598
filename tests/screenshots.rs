//! The README's screenshots are what the screens draw today: each scene is
//! drawn again and compared with the committed SVG. When a screen changes,
//! run `cargo run --example screenshots` and commit what it writes.

use oversight::ui::tour::{self, SCENES};
use std::path::Path;

#[test]
fn every_screenshot_matches_what_its_screen_draws_now() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    let today = oversight::domain::date::parse("2026-11-24").unwrap();
    let work = tempfile::TempDir::new().unwrap();
    std::env::set_current_dir(work.path()).unwrap();
    let db = Path::new("oversight.db");
    let mut store = oversight::store::Store::open(db, today).unwrap();
    oversight::demo::generate(&mut store, oversight::demo::Scale::County, 1).unwrap();
    drop(store);
    let mut stale = Vec::new();
    for scene in SCENES {
        let now = tour::draw(db, scene, today).unwrap();
        let file = committed.join(format!("{}.svg", scene.name));
        let before = std::fs::read_to_string(&file).unwrap_or_default();
        if before != now {
            stale.push(scene.name);
        }
        assert!(committed.join(format!("{}.png", scene.name)).exists(), "screenshots/{}.png is missing", scene.name);
    }
    assert!(stale.is_empty(), "out of date: {stale:?}; run `cargo run --example screenshots` and commit screenshots/");
}
