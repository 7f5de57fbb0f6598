use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match oversight::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
    match oversight::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("oversight: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
