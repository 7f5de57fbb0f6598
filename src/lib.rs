//! Oversight: commissioning oversight of children's placements.
//!
//! `domain` holds the pure rules, `store` the SQLite persistence, `ui` the
//! terminal interface, `cli` the subcommands; `main.rs` only dispatches.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod error;
pub mod import;
pub mod profile;
pub mod report;
pub mod store;
pub mod ui;
