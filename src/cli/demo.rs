//! `oversight demo`: write a fictional dataset.

use super::{Context, remove_database};
use crate::demo::{self, Scale};
use crate::error::{Error, Result};
use crate::store::Store;
use std::io::IsTerminal;

pub fn run(ctx: &Context, scale: Scale, seed: u64, force: bool, ofsted_files: Option<&std::path::Path>) -> Result<()> {
    // The folder for the Ofsted files first, so a bad one stops the demo before it writes.
    if let Some(dir) = ofsted_files {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::Environment(format!("cannot make the folder {}: {e}", dir.display())))?;
    }
    if ctx.db.exists() {
        let store = Store::open(&ctx.db, ctx.today)?;
        let holds_data = store.health()?.tables.iter().any(|(_, rows, _)| *rows > 0);
        drop(store);
        match (holds_data, force) {
            (true, false) => {
                return Err(Error::Usage(format!(
                    "{} already holds data; use --force to replace it with the demo",
                    ctx.db.display()
                )));
            }
            (true, true) => remove_database(&ctx.db)?,
            _ => {}
        }
    }
    let mut store = Store::open(&ctx.db, ctx.today)?;
    let show = std::io::stderr().is_terminal();
    let mut progress = |step: usize, what: &str| {
        if show {
            eprint!("\r\x1b[2Kwriting the demo: step {step} of {}, {what}…", demo::STEPS);
        }
    };
    let s = demo::generate_showing(&mut store, scale, seed, &mut progress)?;
    // So that the first opening shows the dashboard at once.
    progress(demo::STEPS, "the dashboard's figures");
    crate::store::board::overview_and_keep(&store, &ctx.policy, ctx.today)?;
    if show {
        eprint!("\r\x1b[2K");
    }
    sayln!(
        "wrote the {} demo (seed {}) to {}: {} providers, {} settings, {} contracts, {} inspections, {} placements, {} visits, {} Reg 44 reports, {} returns, {} ratings of fostering agencies, {} needs assessments, {} outcomes agreed, {}, {} Regulation 40 notifications, {} unregistered placements, {} provider groups",
        format!("{:?}", s.scale).to_lowercase(),
        s.seed,
        ctx.db.display(),
        s.providers,
        s.settings,
        s.contracts,
        s.inspections,
        s.placements,
        s.visits,
        s.reg44_reports,
        s.returns,
        s.feedback,
        s.needs,
        s.outcomes,
        crate::domain::plural(s.decommissioning_reviews, "decommissioning review open", "decommissioning reviews open"),
        s.notifications,
        s.unregistered,
        s.groups
    );
    if let Some(dir) = ofsted_files {
        let (older, newer) = demo::ofsted::write(&store, dir, ctx.today)?;
        sayln!(
            "wrote Ofsted files for its settings: {} and {} (try `oversight import ofsted` on each)",
            older.display(),
            newer.display()
        );
    }
    Ok(())
}
