use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOC: trich::large_alloc::LargeAlloc = trich::large_alloc::LargeAlloc;

fn main() -> ExitCode {
    let cli = trich::cli::Cli::parse();
    ExitCode::from(trich::app::run(cli).code())
}
