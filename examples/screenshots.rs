//! Regenerates the README's screenshots from the county demo (seed 1, as of
//! 2026-11-24): `cargo run --example screenshots`. Writes `screenshots/NAME.svg`
//! (compared by a test) and `screenshots/NAME.png` (rasterised with resvg and
//! the system's monospace font).

use oversight::ui::tour::{self, SCENES};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&out)?;
    let today = oversight::domain::date::parse("2026-11-24")?;
    let work = tempfile::TempDir::new()?;
    // The status line shows the database's path as given: a short, fixed one.
    std::env::set_current_dir(work.path())?;
    let db = Path::new("oversight.db");
    let mut store = oversight::store::Store::open(db, today)?;
    oversight::demo::generate(&mut store, oversight::demo::Scale::County, 1)?;
    drop(store);
    let mut fonts = resvg::usvg::fontdb::Database::new();
    fonts.load_system_fonts();
    let options = resvg::usvg::Options { fontdb: std::sync::Arc::new(fonts), ..Default::default() };
    for scene in SCENES {
        let svg = tour::draw(db, scene, today)?;
        std::fs::write(out.join(format!("{}.svg", scene.name)), &svg)?;
        let tree = resvg::usvg::Tree::from_str(&svg, &options)?;
        let size = tree.size().to_int_size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("an empty screenshot")?;
        resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
        pixmap.save_png(out.join(format!("{}.png", scene.name)))?;
        println!("wrote screenshots/{}.png", scene.name);
    }
    Ok(())
}
