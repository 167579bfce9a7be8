//! `corridor demo`: the PK-IR corridor on the embedded store, end to end on the parts that exist.
//!
//! It opens a fresh SQLite store, creates the corridor's accounts (the two central banks' issue
//! and corridor accounts, three commercial banks per country with prefunded settlement accounts,
//! a rounding-residue account per currency), publishes a rate fix, funds the banks, then settles
//! a day of realistic invoices: domestic ones as one transfer, cross-border ones as two linked
//! legs (the importer's bank pays its central bank's corridor account in its own currency; the
//! other central bank's corridor account pays the exporter's bank in the exporter's currency at the
//! fix, rounded toward zero). Rounding remainders are summed exactly and their whole minor units
//! booked to the residue account. A payment that would overdraw a bank is refused by the ledger
//! (`exceeds_credits`) and reported. Finally it shows the balances and the imbalance on the
//! corridor accounts, and runs `verify` on the store.
//!
//! Optimal multilateral set-off (the clearing engine) and the full workflow come with their issues;
//! this demo settles gross, so the report also shows what crossed the border gross.

use crate::verify::show;
use anyhow::{Context, bail};
use engine::workload::Rng;
use engine::{Engine, Options};
use ledger::{Account, AccountFlags, CreateTransferResult, Sum, Transfer, TransferFlags};
use money::{Currency, IRR, PKR, Rate, format_minor};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Where to keep the store (must be empty or absent). Default: a temporary directory.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Invoices to settle.
    #[arg(long, default_value_t = 3000)]
    pub invoices: u32,
    /// Seed of the scenario.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// The rate fix: 1 PKR = RATE IRR.
    #[arg(long, default_value = "4163.85")]
    pub rate: String,
    /// Also write the report as JSON to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

struct Bank {
    name: &'static str,
    bic: &'static str,
    currency: Currency,
    account: u128,
}

const BANKS: [(&str, &str, bool); 6] = [
    ("Habib Bank Limited", "HABBPKKA", true),
    ("MCB Bank", "MUCBPKKA", true),
    ("United Bank Limited", "UNILPKKA", true),
    ("Bank Melli Iran", "MELIIRTH", false),
    ("Bank Saderat Iran", "BSIRIRTH", false),
    ("Bank Tejarat", "BTEJIRTH", false),
];

// Account ids: 1xx central banks, 2xx banks, 3xx residue. Ledger = ISO 4217 number.
const SBP_ISSUE: u128 = 101;
const SBP_CORRIDOR: u128 = 102;
const CBI_ISSUE: u128 = 111;
const CBI_CORRIDOR: u128 = 112;
const RESIDUE_PKR: u128 = 301;
const RESIDUE_IRR: u128 = 302;
const CODE_FUNDING: u16 = 1;
const CODE_PAYMENT: u16 = 2;
const CODE_CROSS_BORDER: u16 = 3;
const CODE_RESIDUE: u16 = 4;

fn ledger_of(currency: Currency) -> u32 {
    u32::from(currency.number())
}

fn major(minor: i128, currency: Currency) -> String {
    format_minor(minor, currency)
        .map(|t| format!("{t} {currency}"))
        .unwrap_or_else(|_| minor.to_string())
}

/// A log-normal-ish invoice size in USD cents: median about USD 25k, a long tail of big cargoes.
fn invoice_usd_cents(rng: &mut Rng) -> u128 {
    // Sum of uniforms approximates a normal; exponentiate by table to stay in integers.
    let z: i64 = (0..12).map(|_| rng.below(1000) as i64).sum::<i64>() - 6000; // ~N(0, 1000)
    let steps = z / 250; // about 0.25 sigma per step
    let mut cents: u128 = 2_500_000;
    for _ in 0..steps.unsigned_abs() {
        cents = if steps > 0 {
            cents * 5 / 4
        } else {
            cents * 4 / 5
        };
    }
    if rng.below(100) == 0 {
        cents *= 40; // a bulk cargo: LPG by sea, a rice tender
    }
    cents.max(100_000)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rate = Rate::parse(PKR, IRR, &args.rate).context("--rate")?;
    let (data_dir, _temporary) =
        crate::machine::fresh_data_dir(args.data_dir.as_deref(), "the demo")?;
    println!(
        "Corridor demo: PK-IR, PKR at the State Bank of Pakistan, IRR at the Central Bank of Iran"
    );
    println!(
        "  store: {} (SQLite, WAL, fsync per commit)",
        data_dir.display()
    );
    println!(
        "  rate fix: 1 PKR = {} IRR (source: SBP/CBI joint fix, demo)",
        rate.to_decimal_string()
    );
    let engine = Engine::open(&data_dir, Options::default()).map_err(|e| anyhow::anyhow!("{e}"))?;

    let banks: Vec<Bank> = BANKS
        .iter()
        .enumerate()
        .map(|(i, (name, bic, pk))| Bank {
            name,
            bic,
            currency: if *pk { PKR } else { IRR },
            account: 201 + i as u128,
        })
        .collect();
    let account = |id: u128, currency: Currency, flags: AccountFlags, code: u16| Account {
        id,
        ledger: ledger_of(currency),
        code,
        flags,
        ..Account::default()
    };
    let mut accounts = vec![
        account(SBP_ISSUE, PKR, AccountFlags::NONE, 1),
        account(SBP_CORRIDOR, PKR, AccountFlags::HISTORY, 2),
        account(CBI_ISSUE, IRR, AccountFlags::NONE, 1),
        account(CBI_CORRIDOR, IRR, AccountFlags::HISTORY, 2),
        account(RESIDUE_PKR, PKR, AccountFlags::NONE, 4),
        account(RESIDUE_IRR, IRR, AccountFlags::NONE, 4),
    ];
    for bank in &banks {
        // Prefunded: a settlement account may never be overdrawn.
        accounts.push(account(
            bank.account,
            bank.currency,
            AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags::HISTORY,
            3,
        ));
    }
    let results = engine.create_accounts(accounts)?;
    if let Some(bad) = results
        .iter()
        .find(|r| **r != ledger::CreateAccountResult::Ok)
    {
        bail!("creating the corridor's accounts failed: {bad}");
    }

    // Funding: each bank's central bank credits its settlement account (a pacs.009 would carry it).
    let mut rng = Rng::new(args.seed);
    let usd_pkr: u128 = 280; // PKR per USD, for sizing only
    let mut next_id: u128 = 1;
    let mut take_id = || {
        next_id += 1;
        next_id
    };
    let mut funding = Vec::new();
    for bank in &banks {
        let pkr_minor = (1_500_000u128 + u128::from(rng.below(2_500_000))) * usd_pkr * 100;
        let (issuer, amount) = if bank.currency == PKR {
            (SBP_ISSUE, pkr_minor)
        } else {
            let c = rate.convert(pkr_minor as i128, PKR)?;
            (CBI_ISSUE, c.amount as u128)
        };
        funding.push(Transfer {
            id: take_id(),
            debit_account_id: issuer,
            credit_account_id: bank.account,
            amount,
            ledger: ledger_of(bank.currency),
            code: CODE_FUNDING,
            ..Transfer::default()
        });
    }
    let funded: Vec<u128> = funding.iter().map(|t| t.amount).collect();
    let results = engine.create_transfers(funding)?;
    if let Some(bad) = results.iter().find(|r| **r != CreateTransferResult::Ok) {
        bail!("funding failed: {bad}");
    }
    println!();
    println!("Banks (settlement accounts, prefunded by their central bank):");
    for (bank, amount) in banks.iter().zip(&funded) {
        println!(
            "  {:<22} {}  {:>28}",
            bank.name,
            bank.bic,
            major(*amount as i128, bank.currency)
        );
    }

    // Invoices: debtor bank pays, creditor bank is paid; 40 % cross-border.
    let (_, den_irr) = rate.minor_ratio(PKR)?; // PKR -> IRR remainders are k/den_irr of a rial minor unit
    let (_, den_pkr) = rate.minor_ratio(IRR)?; // IRR -> PKR remainders are k/den_pkr of a paisa
    let mut residue_pkr: i128 = 0;
    let mut batch: Vec<Transfer> = Vec::new();
    let mut legs: Vec<usize> = Vec::new(); // transfers per invoice in `batch`
    let mut gross = [Sum::ZERO; 2];
    let mut crossed = [Sum::ZERO; 2];
    let mut residue_numerator: i128 = 0;
    let mut settled = 0u32;
    let mut payments = 0u32;
    let mut by_code = std::collections::BTreeMap::new();
    type Counts = std::collections::BTreeMap<&'static str, u32>;
    // Settles the queued invoices as one batch; an invoice's legs succeed or fail together.
    let flush = |batch: &mut Vec<Transfer>,
                 legs: &mut Vec<usize>,
                 settled: &mut u32,
                 refused: &mut Counts| {
        if batch.is_empty() {
            return anyhow::Ok(());
        }
        let results = engine.create_transfers(std::mem::take(batch))?;
        let mut at = 0;
        for n in legs.drain(..) {
            let failure = results[at..at + n].iter().find(|r| {
                **r != CreateTransferResult::Ok && **r != CreateTransferResult::LinkedEventFailed
            });
            match failure {
                None => *settled += 1,
                Some(code) => *refused.entry(code.name()).or_default() += 1,
            }
            at += n;
        }
        Ok(())
    };
    for _ in 0..args.invoices {
        payments += 1;
        let debtor = &banks[rng.below(banks.len() as u64) as usize];
        let cross = rng.chance(40);
        let creditor = loop {
            let c = &banks[rng.below(banks.len() as u64) as usize];
            if (c.currency != debtor.currency) == cross && c.account != debtor.account {
                break c;
            }
        };
        let usd_cents = invoice_usd_cents(&mut rng);
        let pkr_minor = usd_cents * usd_pkr + u128::from(rng.below(100));
        let debtor_amount = if debtor.currency == PKR {
            pkr_minor
        } else {
            rate.convert(pkr_minor as i128, PKR)?.amount as u128
        };
        let side = usize::from(debtor.currency == IRR);
        gross[side] = gross[side].add_u128(debtor_amount);
        if !cross {
            batch.push(Transfer {
                id: take_id(),
                debit_account_id: debtor.account,
                credit_account_id: creditor.account,
                amount: debtor_amount,
                ledger: ledger_of(debtor.currency),
                code: CODE_PAYMENT,
                ..Transfer::default()
            });
            legs.push(1);
        } else {
            let (debtor_corridor, creditor_corridor) = if debtor.currency == PKR {
                (SBP_CORRIDOR, CBI_CORRIDOR)
            } else {
                (CBI_CORRIDOR, SBP_CORRIDOR)
            };
            let converted = rate.convert(debtor_amount as i128, debtor.currency)?;
            // The remainder (a fraction of the creditor currency's minor unit) stays on the
            // creditor-side corridor account; whole units of it are booked as residue below.
            if debtor.currency == PKR {
                residue_numerator += converted.remainder;
            } else {
                residue_pkr += converted.remainder;
            }
            crossed[side] = crossed[side].add_u128(debtor_amount);
            batch.push(Transfer {
                id: take_id(),
                debit_account_id: debtor.account,
                credit_account_id: debtor_corridor,
                amount: debtor_amount,
                ledger: ledger_of(debtor.currency),
                code: CODE_CROSS_BORDER,
                flags: TransferFlags::LINKED,
                ..Transfer::default()
            });
            batch.push(Transfer {
                id: take_id(),
                debit_account_id: creditor_corridor,
                credit_account_id: creditor.account,
                amount: converted.amount as u128,
                ledger: ledger_of(creditor.currency),
                code: CODE_CROSS_BORDER,
                ..Transfer::default()
            });
            legs.push(2);
        }
        if batch.len() >= ledger::BATCH_MAX - 2 {
            flush(&mut batch, &mut legs, &mut settled, &mut by_code)?;
        }
    }
    flush(&mut batch, &mut legs, &mut settled, &mut by_code)?;

    // Book the whole minor units of the accumulated rounding remainders, per currency; the
    // fractions left over are reported and carried.
    let mut residues = Vec::new();
    for (numerator, den, corridor, residue, currency) in [
        (residue_numerator, den_irr, CBI_CORRIDOR, RESIDUE_IRR, IRR),
        (residue_pkr, den_pkr, SBP_CORRIDOR, RESIDUE_PKR, PKR),
    ] {
        if numerator / den > 0 {
            residues.push(Transfer {
                id: take_id(),
                debit_account_id: corridor,
                credit_account_id: residue,
                amount: (numerator / den) as u128,
                ledger: ledger_of(currency),
                code: CODE_RESIDUE,
                ..Transfer::default()
            });
        }
    }
    if !residues.is_empty() {
        let results = engine.create_transfers(residues)?;
        if let Some(bad) = results.iter().find(|r| **r != CreateTransferResult::Ok) {
            bail!("booking the rounding residue failed: {bad}");
        }
    }

    let balances = engine.read(|ledger| {
        ledger
            .accounts()
            .map(|a| (a.id, a.ledger, a.debits_posted, a.credits_posted))
            .collect::<Vec<_>>()
    })?;
    engine.shutdown();
    let net = |id: u128| {
        let (_, _, debits, credits) = balances
            .iter()
            .find(|b| b.0 == id)
            .copied()
            .unwrap_or_default();
        credits as i128 - debits as i128
    };
    let refused: u32 = by_code.values().sum();
    println!();
    println!(
        "Settlement of {payments} invoices ({settled} settled, {refused} refused by the ledger):"
    );
    for (code, count) in &by_code {
        println!("  refused {count} as {code} (a bank's prefunding did not cover the payment)");
    }
    println!(
        "  gross submitted: {} and {}",
        show(gross[0], 586),
        show(gross[1], 364)
    );
    println!(
        "  submitted cross-border (gross, debtor side): {} and {}",
        show(crossed[0], 586),
        show(crossed[1], 364)
    );
    println!();
    println!("Balances after settlement:");
    for bank in &banks {
        println!(
            "  {:<22} {}  {:>28}",
            bank.name,
            bank.bic,
            major(net(bank.account), bank.currency)
        );
    }
    let sbp = net(SBP_CORRIDOR);
    let cbi = net(CBI_CORRIDOR);
    println!("  SBP corridor account       {:>28}", major(sbp, PKR));
    println!("  CBI corridor account       {:>28}", major(cbi, IRR));
    println!(
        "  rounding residue booked: {} (+{}/{den_irr} carried) and {} (+{}/{den_pkr} carried)",
        major(net(RESIDUE_IRR), IRR),
        residue_numerator % den_irr,
        major(net(RESIDUE_PKR), PKR),
        residue_pkr % den_pkr
    );
    let sbp_in_irr = rate.convert(sbp, PKR)?;
    println!(
        "  imbalance between the central banks at the fix: SBP holds {} = {}; CBI holds {}",
        major(sbp, PKR),
        major(sbp_in_irr.amount, IRR),
        major(cbi, IRR)
    );
    println!();
    let report = engine::verify(&data_dir).map_err(|e| anyhow::anyhow!("verify failed: {e}"))?;
    println!(
        "verify: OK, {} journal records, {} transfers, head {}",
        report.records, report.transfers, report.head_hash
    );
    for (ledger, (debits, credits, _, _)) in &report.totals {
        println!(
            "  ledger {ledger}: debits {} = credits {}",
            show(*debits, *ledger),
            show(*credits, *ledger)
        );
    }
    if let Some(path) = &args.json {
        let money = |minor: i128, currency: Currency| serde_json::json!({ "amount": format_minor(minor, currency).unwrap_or_default(), "currency": currency.code() });
        let json = serde_json::json!({
            "corridor": "PK-IR",
            "rate": { "base": "PKR", "quote": "IRR", "value": rate.to_decimal_string() },
            "invoices": payments,
            "settled": settled,
            "refused": by_code,
            "banks": banks.iter().map(|b| serde_json::json!({
                "name": b.name, "bic": b.bic, "balance": money(net(b.account), b.currency)
            })).collect::<Vec<_>>(),
            "sbp_corridor": money(sbp, PKR),
            "cbi_corridor": money(cbi, IRR),
            "residue_booked": [money(net(RESIDUE_IRR), IRR), money(net(RESIDUE_PKR), PKR)],
            "journal_records": report.records,
            "head_hash": report.head_hash,
        });
        let json = serde_json::to_string_pretty(&json)? + "\n";
        std::fs::write(path, json).with_context(|| format!("write {}", path.display()))?;
        println!("  report written to {}", path.display());
    }
    if args.data_dir.is_some() {
        println!(
            "  check it yourself: corridor verify --data-dir {}",
            data_dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
