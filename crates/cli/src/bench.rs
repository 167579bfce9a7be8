//! `corridor bench ...`: benchmarks are commands that print their figures, never timed tests.

use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum BenchCommand {
    /// Durable ledger transfers per second through the engine and the SQLite store.
    Ledger(crate::bench_ledger::Args),
    /// Optimal set-off of a generated PK/IR network: read, solve and end-to-end times.
    Clear(crate::bench_clear::Args),
    /// HTTP requests and obligations per second against a real `corridor serve` on loopback.
    Api(crate::bench_api::Args),
    /// Parties screened per second against the UN list plus a generated OFAC-sized list.
    Screen(crate::screen::BenchArgs),
    /// ISO 20022 parse, JSON and write throughput (pacs.008, a large camt.053), and linearity.
    Iso20022(crate::iso20022_cmd::BenchArgs),
}

pub fn run(command: BenchCommand) -> anyhow::Result<ExitCode> {
    match command {
        BenchCommand::Ledger(args) => crate::bench_ledger::run(args),
        BenchCommand::Clear(args) => crate::bench_clear::run(args),
        BenchCommand::Screen(args) => crate::screen::bench(args),
        BenchCommand::Api(args) => crate::bench_api::run(args),
        BenchCommand::Iso20022(args) => crate::iso20022_cmd::bench(args),
    }
}
