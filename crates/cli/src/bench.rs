//! `corridor bench ...`: benchmarks are commands that print their figures, never timed tests.

use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum BenchCommand {
    /// Durable ledger transfers per second through the engine and the SQLite store.
    Ledger(crate::bench_ledger::Args),
}

pub fn run(command: BenchCommand) -> anyhow::Result<ExitCode> {
    match command {
        BenchCommand::Ledger(args) => crate::bench_ledger::run(args),
    }
}
