//! `corridor account --data-dir D ID`: one account's balances, transfers and balance history,
//! from the read model the engine rebuilds from the journal on open.

use crate::verify::show;
use anyhow::bail;
use engine::{Engine, Options};
use ledger::{AccountFilter, Sum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The data directory of the store.
    #[arg(long)]
    pub data_dir: PathBuf,
    /// The account id.
    pub id: u128,
    /// Most transfers (or history entries) to show.
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    /// Only transfers at or after this timestamp (ns): the cursor for the next page is the last
    /// timestamp shown plus one.
    #[arg(long, default_value_t = 0)]
    pub after: u64,
    /// Only transfers at or before this timestamp (ns).
    #[arg(long, default_value_t = 0)]
    pub before: u64,
    /// Newest first.
    #[arg(long)]
    pub reversed: bool,
    /// Show the balance history instead (accounts created with the `history` flag).
    #[arg(long)]
    pub history: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.data_dir.join(store::DATABASE_FILE).exists() {
        bail!("no store at {}", args.data_dir.display());
    }
    let engine =
        Engine::open(&args.data_dir, Options::default()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let filter = AccountFilter {
        account_id: args.id,
        timestamp_min: args.after,
        timestamp_max: args.before,
        limit: args.limit,
        debits: true,
        credits: true,
        reversed: args.reversed,
    };
    let history = args.history;
    let lines = engine.read(move |ledger| {
        let Some(account) = ledger.account(filter.account_id).cloned() else {
            return Err(format!("no account {}", filter.account_id));
        };
        let amount = |v: u128| show(Sum::ZERO.add_u128(v), account.ledger);
        let mut lines = vec![format!(
            "account {} (ledger {}, code {}): debits posted {}, credits posted {}, debits pending {}, credits pending {}",
            account.id,
            account.ledger,
            account.code,
            amount(account.debits_posted),
            amount(account.credits_posted),
            amount(account.debits_pending),
            amount(account.credits_pending)
        )];
        if history {
            for b in ledger.account_balances(&filter) {
                lines.push(format!(
                    "  {}  debits {} credits {} (pending {} / {})",
                    b.timestamp,
                    amount(b.debits_posted),
                    amount(b.credits_posted),
                    amount(b.debits_pending),
                    amount(b.credits_pending)
                ));
            }
        } else {
            for t in ledger.account_transfers(&filter) {
                let direction = if t.debit_account_id == account.id { "debit " } else { "credit" };
                let other = if t.debit_account_id == account.id { t.credit_account_id } else { t.debit_account_id };
                lines.push(format!(
                    "  {}  {direction} {:>28}  other {}  id {}  code {}{}",
                    t.timestamp,
                    amount(t.amount),
                    other,
                    t.id,
                    t.code,
                    if t.reference.is_empty() { String::new() } else { format!("  ref {}", t.reference.as_str()) }
                ));
            }
        }
        Ok(lines)
    })?;
    engine.shutdown();
    match lines {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(reason) => bail!("{reason}"),
    }
}
