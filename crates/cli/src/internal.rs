//! `corridor internal ...`: commands for tests, hidden from `--help`.
//!
//! `crash-load` runs the crash workload against a store until it is killed: it recovers, creates
//! the accounts if the journal is empty, then submits batch after batch (several in flight, so
//! group commit is exercised) and prints `ACK <index>` on stdout once each batch is durable.
//! The crash test kills it with SIGKILL at random moments and checks what survived.

use engine::workload::{crash_accounts, crash_batch};
use engine::{Engine, Options};
use std::collections::VecDeque;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Most batches one run submits (a bound, so the loop always ends).
const CRASH_BATCHES_MAX: u64 = 200_000;
const CRASH_IN_FLIGHT: usize = 6;

#[derive(clap::Subcommand)]
pub enum InternalCommand {
    /// Run the crash workload until killed (used by the crash tests).
    CrashLoad {
        #[arg(long)]
        data_dir: PathBuf,
        #[arg(long)]
        seed: u64,
    },
}

pub fn run(command: InternalCommand) -> anyhow::Result<ExitCode> {
    match command {
        InternalCommand::CrashLoad { data_dir, seed } => crash_load(data_dir, seed),
    }
}

fn crash_load(data_dir: PathBuf, seed: u64) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(&data_dir, Options::default()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let head = engine.recovered().head_seq;
    let mut out = std::io::stdout().lock();
    // Record 1 holds the accounts; record n + 1 holds batch n.
    let first = if head == 0 {
        engine.create_accounts(crash_accounts())?;
        0
    } else {
        head - 1
    };
    writeln!(out, "READY {first}")?;
    out.flush()?;
    let mut in_flight = VecDeque::new();
    for index in first..first + CRASH_BATCHES_MAX {
        in_flight.push_back((index, engine.submit_transfers(crash_batch(seed, index))?));
        if in_flight.len() >= CRASH_IN_FLIGHT
            && let Some((acked, pending)) = in_flight.pop_front()
        {
            pending.wait()?;
            writeln!(out, "ACK {acked}")?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
