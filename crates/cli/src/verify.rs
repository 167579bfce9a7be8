//! `corridor verify --data-dir D`: recompute the hash chain and every balance from the journal.
//! Exit 0 when everything holds; exit 2 naming the first bad record otherwise.

use money::{Currency, format_minor};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The data directory of the store to verify.
    #[arg(long)]
    pub data_dir: PathBuf,
}

/// An amount of ledger `number` for people: major units when the ledger is an ISO 4217 number.
pub fn show(amount: ledger::Sum, ledger: u32) -> String {
    let currency = u16::try_from(ledger).ok().and_then(Currency::from_number);
    let minor = amount.to_u128().and_then(|a| i128::try_from(a).ok());
    match (currency, minor) {
        (Some(currency), Some(minor)) => match format_minor(minor, currency) {
            Ok(text) => format!("{text} {currency}"),
            Err(_) => format!("{amount} (ledger {ledger})"),
        },
        _ => format!("{amount} (ledger {ledger})"),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    match engine::verify(&args.data_dir) {
        Ok(report) => {
            println!("verify OK: {}", args.data_dir.display());
            println!(
                "  records {}  account events {}  transfer events {}",
                report.records, report.account_events, report.transfer_events
            );
            println!(
                "  accounts {}  transfers stored {}",
                report.accounts, report.transfers
            );
            println!("  head hash {}", report.head_hash);
            match report.snapshot_checked {
                Some(seq) => println!("  snapshot at record {seq} equals the replayed state"),
                None => println!("  no snapshot stored"),
            }
            for (ledger, (debits, credits, debits_pending, credits_pending)) in &report.totals {
                println!(
                    "  ledger {ledger}: debits posted {} = credits posted {}; pending {} = {}",
                    show(*debits, *ledger),
                    show(*credits, *ledger),
                    show(*debits_pending, *ledger),
                    show(*credits_pending, *ledger)
                );
            }
            println!("  took {:.2} s", started.elapsed().as_secs_f64());
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("verify FAILED: {}: {error}", args.data_dir.display());
            Ok(ExitCode::from(2))
        }
    }
}
