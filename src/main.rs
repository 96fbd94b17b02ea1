use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = trich::cli::Cli::parse();
    ExitCode::from(trich::app::run(cli).code())
}
