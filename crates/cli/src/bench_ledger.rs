//! `corridor bench ledger`: durable transfers per second through the real engine and store,
//! like `tigerbeetle benchmark`. Prints the workload, the machine, throughput, batch latency,
//! replay time and peak memory. The store is kept with `--data-dir` for `corridor verify`.

use crate::machine;
use anyhow::bail;
use engine::workload::{BenchGenerator, BenchShape, accounts};
use engine::{Engine, Options};
use ledger::{AccountFlags, CreateTransferResult};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Number of accounts.
    #[arg(long, default_value_t = 10_000)]
    pub accounts: u64,
    /// Number of hot accounts (the first N accounts).
    #[arg(long, default_value_t = 0)]
    pub hot_accounts: u64,
    /// Percent of transfers that go between hot accounts only.
    #[arg(long, default_value_t = 0)]
    pub hot_share: u64,
    /// Transfers per batch (at most 8190).
    #[arg(long, default_value_t = 8190)]
    pub batch_size: usize,
    /// Percent of transfers that are pending (then posted or voided in the next batch).
    #[arg(long, default_value_t = 0)]
    pub pending_share: u64,
    /// Total transfers to commit.
    #[arg(long, default_value_t = 10_000_000)]
    pub transfers: u64,
    /// Batches in flight at once (the engine group-commits what is waiting).
    #[arg(long, default_value_t = 4)]
    pub in_flight: usize,
    /// Seed of the workload.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Keep the store here (must be empty or absent). Default: a temporary directory, removed.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.batch_size == 0 || args.batch_size > ledger::BATCH_MAX {
        bail!("--batch-size must be 1..={}", ledger::BATCH_MAX);
    }
    if args.accounts < 2
        || args.hot_accounts > args.accounts
        || args.hot_share > 100
        || args.pending_share > 100
    {
        bail!("need --accounts >= 2, --hot-accounts <= --accounts, shares in 0..=100");
    }
    let (data_dir, _temporary) =
        crate::machine::fresh_data_dir(args.data_dir.as_deref(), "the benchmark")?;
    println!("corridor bench ledger");
    println!("  machine: {}", machine::describe());
    println!(
        "  workload: {} transfers, batch {}, {} accounts, {} hot accounts taking {}%, {}% pending (posted/voided next batch), {} batches in flight, seed {}",
        args.transfers,
        args.batch_size,
        args.accounts,
        args.hot_accounts,
        args.hot_share,
        args.pending_share,
        args.in_flight,
        args.seed
    );
    println!(
        "  store: SQLite WAL, synchronous=FULL (fsync per group commit) at {}",
        data_dir.display()
    );

    let options = Options {
        snapshot_every: 0,
        accounts_capacity: args.accounts as usize,
        transfers_capacity: args.transfers as usize + args.batch_size,
    };
    let engine = Engine::open(&data_dir, options.clone()).map_err(|e| anyhow::anyhow!("{e}"))?;
    for chunk in accounts(args.accounts, |_| AccountFlags::NONE).chunks(ledger::BATCH_MAX) {
        let results = engine.create_accounts(chunk.to_vec())?;
        if let Some(bad) = results
            .iter()
            .find(|r| **r != ledger::CreateAccountResult::Ok)
        {
            bail!("creating accounts failed: {}", bad.name());
        }
    }

    let mut generator = BenchGenerator::new(BenchShape {
        accounts: args.accounts,
        hot_accounts: args.hot_accounts,
        hot_share: args.hot_share,
        pending_share: args.pending_share,
        seed: args.seed,
    });
    let mut latencies = Vec::with_capacity((args.transfers as usize).div_ceil(args.batch_size));
    let mut in_flight = VecDeque::new();
    let mut submitted: u64 = 0;
    let mut refused: u64 = 0;
    let mut last_report = Instant::now();
    let started = Instant::now();
    let mut settle = |entry: (Instant, engine::Pending<Vec<CreateTransferResult>>),
                      latencies: &mut Vec<Duration>| {
        let (sent, pending) = entry;
        let results = pending.wait()?;
        latencies.push(sent.elapsed());
        refused += results
            .iter()
            .filter(|r| **r != CreateTransferResult::Ok)
            .count() as u64;
        anyhow::Ok(())
    };
    while submitted < args.transfers {
        let size = (args.transfers - submitted).min(args.batch_size as u64) as usize;
        let batch = generator.batch(size);
        submitted += size as u64;
        in_flight.push_back((Instant::now(), engine.submit_transfers(batch)?));
        if in_flight.len() >= args.in_flight.max(1)
            && let Some(entry) = in_flight.pop_front()
        {
            settle(entry, &mut latencies)?;
        }
        if last_report.elapsed() >= Duration::from_secs(2) {
            let rate = submitted as f64 / started.elapsed().as_secs_f64();
            eprintln!("  ... {submitted} transfers submitted, {rate:.0}/s");
            last_report = Instant::now();
        }
    }
    while let Some(entry) = in_flight.pop_front() {
        settle(entry, &mut latencies)?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    println!(
        "  transfers/s: {:.0}  ({} transfers in {:.2} s, {} refused by the ledger)",
        args.transfers as f64 / elapsed,
        args.transfers,
        elapsed,
        refused
    );
    println!(
        "  batch latency ms: p50 {:.1}  p99 {:.1}  max {:.1}  (submit to durable answer)",
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies
            .last()
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    );
    println!("  peak memory while writing: {}", machine::peak_rss());
    engine.shutdown();
    println!("  store size: {}", machine::dir_size(&data_dir));

    let engine = Engine::open(&data_dir, options).map_err(|e| anyhow::anyhow!("{e}"))?;
    let recovered = engine.recovered();
    println!(
        "  replay: {} journal records rebuilt in {:.2} s (no snapshot; checks every hash link and result digest)",
        recovered.replayed_records, recovered.seconds
    );
    println!("  peak memory including replay: {}", machine::peak_rss());
    engine.shutdown();
    if args.data_dir.is_some() {
        println!("  kept: corridor verify --data-dir {}", data_dir.display());
    }
    Ok(ExitCode::SUCCESS)
}
