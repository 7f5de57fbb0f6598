//! The command line: global options, subcommands, and where the database is.

/// Writes to standard output, turning a failure (a full disk) into an
/// error rather than a panic; a closed pipe (`| head`) just ends the output.
macro_rules! say {
    ($($arg:tt)*) => { $crate::cli::out(&format!($($arg)*))? };
}

/// [`say!`] with a line break.
macro_rules! sayln {
    ($($arg:tt)*) => { $crate::cli::out(&format!("{}\n", format_args!($($arg)*)))? };
}

mod backup;
mod board;
mod check;
mod demo;
mod due;
mod export;
mod groups;
mod import;
mod init;
mod market;
mod notice;
mod notifications;
mod reg44;
mod returns;
mod scores;
mod shortlist;
mod unregistered;
mod value;

use crate::demo::Scale;
use crate::domain::policy::Policy;
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "oversight",
    version,
    about = "Commissioning oversight of children's placements: providers, settings, ratings, visits, Reg 44 reports, plans and stops.",
    long_about = None,
    after_help = "Run without a command to open the terminal interface."
)]
pub struct Cli {
    /// The database file [default: oversight.db in the data directory]
    #[arg(long, global = true, env = "OVERSIGHT_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The date to work as of [default: the system date]
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// A policy file overriding the built-in rules' numbers
    #[arg(long, global = true, value_name = "PATH")]
    pub policy: Option<PathBuf>,
    /// Open the interface on a fresh demo database (never your own)
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty database at --db (readable by you alone); refuses a file that exists
    Init,
    /// Write a fictional demo dataset into the database
    Demo {
        #[arg(long, value_enum, default_value_t = Scale::County)]
        scale: Scale,
        /// The same seed always gives the same data
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Replace the database file even if it holds data
        #[arg(long)]
        force: bool,
        /// Also write two Ofsted provider-level files for the demo's settings into this folder
        #[arg(long, value_name = "DIR")]
        ofsted_files: Option<PathBuf>,
    },
    /// Check the database: integrity, schema version, rows per table
    Check,
    /// Write a consistent copy of the database (safe while others use it)
    Backup {
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Replace the database with a backup (checked first; the replaced file is kept as .bak)
    Restore {
        /// The backup to restore
        from: PathBuf,
        /// Do not ask: replace at once
        #[arg(long)]
        yes: bool,
    },
    /// Monitoring visits due or overdue, with tier and reasons
    Due {
        /// Include visits due within this many days from today
        #[arg(long, default_value_t = 14, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=3650))]
        within: u32,
        #[arg(long, value_enum, default_value_t = due::Format::Table)]
        format: due::Format,
    },
    /// The settings that could take a placement, by quality score then price, with the reasons
    Shortlist {
        /// The kind of setting needed
        #[arg(long, value_name = "KIND", value_parser = parse_kind)]
        kind: crate::domain::setting::SettingKind,
        /// In our area, or at most this many miles away
        #[arg(long, value_name = "MILES")]
        within_miles: Option<u32>,
        /// The most a week, in pounds
        #[arg(long, value_name = "POUNDS", value_parser = crate::domain::money::Pence::parse)]
        max_weekly: Option<crate::domain::money::Pence>,
        /// Also list those set apart (under a stop or concern, Inadequate, full, too far, over budget)
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = due::Format::Table)]
        format: due::Format,
    },
    /// Export data for other programs
    #[command(subcommand)]
    Export(Export),
    /// Regulation 44 reports
    #[command(subcommand)]
    Reg44(Reg44),
    /// Documents for other people: the board pack, stop notices
    #[command(subcommand)]
    Report(Report),
    /// Read files from elsewhere: Ofsted's data, other authorities' stop notices
    #[command(subcommand)]
    Import(Import),
}

#[derive(Debug, Subcommand)]
pub enum Report {
    /// The Corporate Parenting Board pack for a month
    BoardPack {
        /// The month [default: this month so far]
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
        month: Option<crate::domain::date::Month>,
        #[arg(long, value_enum, default_value_t = board::PackFormat::Md)]
        format: board::PackFormat,
        /// Write to a file instead of the terminal
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// List the anonymised references of the children placed (left out unless asked for)
        #[arg(long)]
        include_child_refs: bool,
    },
    /// The returns providers owed for a quarter: received, late, missing, awaited
    Returns {
        /// The quarter [default: the last one ended]
        #[arg(long, value_name = "YYYY-Qn", value_parser = crate::domain::returns::Quarter::parse)]
        quarter: Option<crate::domain::returns::Quarter>,
        #[arg(long, value_enum, default_value_t = due::Format::Table)]
        format: due::Format,
    },
    /// Every provider's quality score, each component with its points, weight and basis
    Scores {
        #[arg(long, value_enum, default_value_t = due::Format::Table)]
        format: due::Format,
    },
    /// The market at each of the last twelve months' ends: spot, block, framework and DPS shares against the spot target, the dearest placements, placements far away
    Market {
        #[arg(long, value_enum, default_value_t = due::Format::Table)]
        format: due::Format,
    },
    /// Per provider and setting: children placed, weekly spend, their needs (Valuing Care) and cost per need point
    Value {
        #[arg(long, value_enum, default_value_t = due::Format::Table)]
        format: due::Format,
    },
    /// The Regulation 40 notifications logged between two days: counts by category and setting, then each
    Notifications {
        /// The first day counted [default: a year before --to]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        from: Option<NaiveDate>,
        /// The last day counted [default: today]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        to: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = due::Format::Table)]
        format: due::Format,
    },
    /// Each provider group with those beneath it: settings and judgements, children, spend, shares, group concern, financial watch
    Groups {
        #[arg(long, value_enum, default_value_t = due::Format::Table)]
        format: due::Format,
    },
    /// Every child placed where no registration covers them: why, approval, Ofsted told, the provider's application, reviews
    Unregistered {
        #[arg(long, value_enum, default_value_t = due::Format::Table)]
        format: due::Format,
    },
    /// A placement stop notice for other authorities
    StopNotice {
        /// The stop's number (shown on the Stops screen)
        stop_id: i64,
        #[arg(long, value_enum, default_value_t = notice::NoticeFormat::Md)]
        format: notice::NoticeFormat,
        /// Write to a file instead of the terminal
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Ofsted's provider-level data, as published: new settings, changed judgements, alerts
    Ofsted {
        file: PathBuf,
        /// Say what would change and write nothing
        #[arg(long)]
        dry_run: bool,
        /// New settings in this local authority count as in our area [default: the policy's]
        #[arg(long, value_name = "NAME")]
        local_authority: Option<String>,
        #[arg(long, value_enum, default_value_t = import::SummaryFormat::Text)]
        format: import::SummaryFormat,
    },
    /// Another authority's stop notice (JSON): alerts on the settings with its URNs
    StopNotice { file: PathBuf },
    /// A register kept in a spreadsheet: providers, settings, contracts or placements
    Csv {
        #[arg(value_enum)]
        kind: crate::import::register::Kind,
        /// The CSV file (see --template for its columns)
        #[arg(required_unless_present = "template")]
        file: Option<PathBuf>,
        /// Say what would change and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Print an empty file with the columns instead
        #[arg(long)]
        template: bool,
        #[arg(long, value_enum, default_value_t = import::SummaryFormat::Text)]
        format: import::SummaryFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum Reg44 {
    /// Each monitored home's report for a month, with open flags
    Status {
        /// The month [default: the latest whose report is past due]
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
        month: Option<crate::domain::date::Month>,
        #[arg(long, value_enum, default_value_t = due::Format::Table)]
        format: due::Format,
    },
}

fn parse_kind(text: &str) -> std::result::Result<crate::domain::setting::SettingKind, String> {
    use crate::domain::code::Code;
    crate::domain::setting::SettingKind::from_code(text).ok_or_else(|| {
        let kinds: Vec<&str> = crate::domain::setting::SettingKind::ALL.iter().map(|k| k.code()).collect();
        format!("{text:?} is not a kind of setting: one of {}", kinds.join(", "))
    })
}

fn parse_month(text: &str) -> std::result::Result<crate::domain::date::Month, String> {
    crate::domain::date::Month::parse(text)
}

#[derive(Debug, Subcommand)]
pub enum Export {
    /// Planned visits as an iCalendar file (stable UIDs: re-importing updates)
    Ical {
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// A table as CSV (`contracts`: the published register of those over the policy threshold)
    Csv {
        #[arg(value_enum)]
        table: export::Table,
        /// With `contracts`: every contract, in the shape `import csv contracts` reads
        #[arg(long)]
        all: bool,
        /// Write to a file instead of the terminal
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
}

fn parse_date(text: &str) -> std::result::Result<NaiveDate, String> {
    crate::domain::date::parse(text)
}

/// What every command needs: the date, the rules and where the data is.
pub struct Context {
    pub today: NaiveDate,
    pub policy: Policy,
    pub db: PathBuf,
}

impl Context {
    pub fn new(cli: &Cli) -> Result<Context> {
        let policy = match &cli.policy {
            Some(path) => Policy::load(path).map_err(Error::Usage)?,
            None => Policy::default(),
        };
        let db = match &cli.db {
            Some(path) => path.clone(),
            None => data_dir()?.join("oversight.db"),
        };
        Ok(Context { today: cli.today.unwrap_or_else(|| chrono::Local::now().date_naive()), policy, db })
    }

    /// Opens a database that must already exist.
    pub fn open_existing(&self) -> Result<Store> {
        if !self.db.exists() {
            return Err(Error::Environment(format!(
                "there is no database at {0}: create an empty one with `oversight init --db {0}` \
                 (or try the demo: `oversight demo --db {0}`)",
                self.db.display()
            )));
        }
        Ok(Store::open(&self.db, self.today)?)
    }
}

/// Writes `text` to standard output (see [`say!`]).
pub fn out(text: &str) -> Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Environment(format!("cannot write the output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Oversight's data directory, created on first use.
pub fn data_dir() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "oversight")
        .ok_or_else(|| Error::Environment("cannot find a home directory for Oversight's data; use --db PATH".into()))?;
    let dir = dirs.data_dir().to_path_buf();
    std::fs::create_dir_all(&dir).map_err(|e| Error::Environment(format!("cannot create {}: {e}", dir.display())))?;
    Ok(dir)
}

/// Removes a database file and its write-ahead log companions.
pub fn remove_database(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::Environment(format!("cannot remove {}: {e}", file.display())));
            }
        }
    }
    Ok(())
}

/// Runs the command line; `main` turns the result into an exit code.
pub fn run(cli: Cli) -> Result<()> {
    let mut ctx = Context::new(&cli)?;
    match cli.command {
        Some(Command::Demo { scale, seed, force, ofsted_files }) => {
            demo::run(&ctx, scale, seed, force, ofsted_files.as_deref())
        }
        Some(Command::Init) => init::run(&ctx),
        Some(Command::Check) => check::run(&ctx),
        Some(Command::Backup { out }) => backup::run(&ctx, &out),
        Some(Command::Restore { from, yes }) => backup::restore(&ctx, &from, yes),
        Some(Command::Due { within, format }) => due::run(&ctx, within, format),
        Some(Command::Export(Export::Ical { out })) => export::ical(&ctx, &out),
        Some(Command::Export(Export::Csv { table: export::Table::Contracts, all: false, out })) => {
            board::contracts(&ctx, out.as_deref())
        }
        Some(Command::Export(Export::Csv { table, out, .. })) => export::csv(&ctx, table, out.as_deref()),
        Some(Command::Import(Import::Csv { kind, file, dry_run, template, format })) => {
            import::register(&ctx, kind, file.as_deref(), dry_run, template, format)
        }
        Some(Command::Report(Report::BoardPack { month, format, out, include_child_refs })) => {
            board::pack(&ctx, month, format, out.as_deref(), include_child_refs)
        }
        Some(Command::Reg44(Reg44::Status { month, format })) => reg44::status(&ctx, month, format),
        Some(Command::Report(Report::Returns { quarter, format })) => returns::report(&ctx, quarter, format),
        Some(Command::Report(Report::Scores { format })) => scores::report(&ctx, format),
        Some(Command::Report(Report::Value { format })) => value::report(&ctx, format),
        Some(Command::Report(Report::Market { format })) => market::report(&ctx, format),
        Some(Command::Report(Report::Groups { format })) => groups::report(&ctx, format),
        Some(Command::Report(Report::Unregistered { format })) => unregistered::report(&ctx, format),
        Some(Command::Report(Report::Notifications { from, to, format })) => {
            notifications::report(&ctx, from, to, format)
        }
        Some(Command::Shortlist { kind, within_miles, max_weekly, all, format }) => {
            shortlist::run(&ctx, kind, within_miles, max_weekly, all, format)
        }
        Some(Command::Report(Report::StopNotice { stop_id, format, out })) => {
            notice::export(&ctx, stop_id, format, out.as_deref())
        }
        Some(Command::Import(Import::StopNotice { file })) => notice::import(&ctx, &file),
        Some(Command::Import(Import::Ofsted { file, dry_run, local_authority, format })) => {
            import::ofsted(&ctx, &file, dry_run, local_authority, format)
        }
        None => {
            let mut demo = cli.demo;
            if !demo && !ctx.db.exists() {
                match crate::ui::first_run::ask(&ctx.db)? {
                    crate::ui::first_run::Choice::Create => {}
                    crate::ui::first_run::Choice::Demo => demo = true,
                    crate::ui::first_run::Choice::Quit => return Ok(()),
                }
            }
            if demo {
                ctx.db = data_dir()?.join("demo.db");
                remove_database(&ctx.db)?;
                let mut store = Store::open(&ctx.db, ctx.today)?;
                crate::demo::generate(&mut store, Scale::County, 1)?;
            }
            let store = Store::open(&ctx.db, ctx.today)?;
            crate::ui::run(store, ctx.policy, demo)
        }
    }
}
