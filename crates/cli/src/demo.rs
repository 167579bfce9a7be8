//! `corridor demo`: the PK-IR corridor on the embedded store, two clearing cycles end to end.
//!
//! It opens a fresh SQLite store and creates the corridor's accounts: per currency the central
//! bank's issue account, clearing account and corridor account; three commercial banks per
//! country with prefunded settlement accounts that may never be overdrawn. It publishes a rate
//! fix, funds the banks, and registers a few hundred traders with their banks. Then, over two
//! days, traders' banks submit realistic invoices (rice, citrus, meat and sesame from Pakistan;
//! LPG, polyethylene, bitumen, dates and cement from Iran; domestic supply in between), debtors'
//! banks accept or reject them, a few are disputed, and at each day's cut-off a **clearing
//! cycle** runs (`corridor::cycle`): optimal set-off through one gateway per country at the fix,
//! the residuals as payment instructions in each party's home currency, net positions per bank
//! and currency, the cap rule (a bank that cannot cover its net debit is deferred, and everyone is
//! told), and the settlement posted as one linked ledger batch. Disputes are resolved before the
//! second cycle. It prints each cycle's report, runs `verify`, and with `--json` writes the reports.

use crate::verify::show;
use anyhow::{Context, bail};
use clearing::{Builder, Corridor, Row};
use corridor::cycle::{Bank as CycleBank, CurrencyAccounts, CycleInput, plan};
use corridor::lifecycle::{Action, Actor, Obligation, State};
use engine::workload::Rng;
use engine::{Engine, Options};
use ledger::{Account, AccountFlags, CreateTransferResult, Transfer};
use money::{Currency, IRR, PKR, Rate, format_minor};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Where to keep the store (must be empty or absent). Default: a temporary directory.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Invoices over the two days.
    #[arg(long, default_value_t = 3000)]
    pub invoices: u32,
    /// Traders (60 % in Pakistan).
    #[arg(long, default_value_t = 300)]
    pub traders: u32,
    /// Seed of the scenario.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// The rate fix: 1 PKR = RATE IRR.
    #[arg(long, default_value = "4163.85")]
    pub rate: String,
    /// Also write the cycle reports as JSON to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

struct Bank {
    name: &'static str,
    bic: &'static str,
    currency: Currency,
    account: u128,
    /// Prefunding in USD (for sizing) and net debit cap as a share of it, in percent.
    funding_usd: u128,
    cap_percent: u128,
}

const BANKS: [(&str, &str, bool, u128, u128); 6] = [
    ("Habib Bank Limited", "HABBPKKA", true, 6_000_000, 20),
    ("MCB Bank", "MUCBPKKA", true, 5_000_000, 20),
    ("United Bank Limited", "UNILPKKA", true, 4_000_000, 20),
    ("Bank Melli Iran", "MELIIRTH", false, 6_000_000, 20),
    // A thinly funded bank with no cap: the cap rule defers it when it cannot cover its net debit.
    ("Bank Saderat Iran", "BSIRIRTH", false, 20_000, 0),
    ("Bank Tejarat", "BTEJIRTH", false, 5_000_000, 20),
];

// Ledger accounts: 1xx central banks, 2xx commercial banks. Ledger = ISO 4217 number.
const SBP_ISSUE: u128 = 101;
const SBP_CORRIDOR: u128 = 102;
const SBP_CLEARING: u128 = 103;
const CBI_ISSUE: u128 = 111;
const CBI_CORRIDOR: u128 = 112;
const CBI_CLEARING: u128 = 113;
const CODE_FUNDING: u16 = 1;
const CODE_SETTLEMENT: u16 = 2;
const USD_PKR: u128 = 280; // PKR per USD, for sizing only
const DISPUTES: usize = 5;

/// Goods by exporting country (HS 2022 subheadings; research/formats.md §3).
const PK_EXPORTS: [(&str, &str); 4] = [
    ("100630", "rice"),
    ("080521", "kinnow"),
    ("020130", "beef"),
    ("120740", "sesame"),
];
const IR_EXPORTS: [(&str, &str); 5] = [
    ("271112", "LPG"),
    ("390110", "polyethylene"),
    ("271320", "bitumen"),
    ("080410", "dates"),
    ("252329", "cement"),
];

fn ledger_of(currency: Currency) -> u32 {
    u32::from(currency.number())
}

fn major(minor: i128, currency: Currency) -> String {
    format_minor(minor, currency)
        .map(|t| format!("{t} {currency}"))
        .unwrap_or_else(|_| minor.to_string())
}

fn money_json(minor: i128, currency: Currency) -> serde_json::Value {
    serde_json::json!({ "amount": format_minor(minor, currency).unwrap_or_default(), "currency": currency.code() })
}

/// A log-normal-ish invoice size in USD cents: median about USD 25k, a long tail of big cargoes.
fn invoice_usd_cents(rng: &mut Rng) -> u128 {
    let z: i64 = (0..12).map(|_| rng.below(1000) as i64).sum::<i64>() - 6000; // ~N(0, 1000)
    let steps = z / 250;
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

struct Invoice {
    id: String,
    debtor: u32,
    creditor: u32,
    amount: i128,
    day: u32,
    good: &'static str,
    state: Obligation,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rate = Rate::parse(PKR, IRR, &args.rate).context("--rate")?;
    if args.traders < 10 || args.invoices < 10 {
        bail!("--traders and --invoices must be at least 10");
    }
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
        .map(|(i, &(name, bic, pk, funding_usd, cap_percent))| Bank {
            name,
            bic,
            currency: if pk { PKR } else { IRR },
            account: 201 + i as u128,
            funding_usd,
            cap_percent,
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
        account(SBP_CLEARING, PKR, AccountFlags::NONE, 3),
        account(CBI_ISSUE, IRR, AccountFlags::NONE, 1),
        account(CBI_CORRIDOR, IRR, AccountFlags::HISTORY, 2),
        account(CBI_CLEARING, IRR, AccountFlags::NONE, 3),
    ];
    for bank in &banks {
        // Not bounded at zero in the ledger: a bank may go below its balance by its net debit
        // cap, and the cycle's cap rule (not the ledger flag) enforces balance + cap.
        accounts.push(account(
            bank.account,
            bank.currency,
            AccountFlags::HISTORY,
            4,
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
    let mut next_id: u128 = 1;
    let mut funding = Vec::new();
    let to_home = |usd: u128, currency: Currency| -> anyhow::Result<i128> {
        let pkr_minor = (usd * USD_PKR * 100) as i128;
        Ok(if currency == PKR {
            pkr_minor
        } else {
            rate.convert(pkr_minor, PKR)?.amount
        })
    };
    for bank in &banks {
        next_id += 1;
        funding.push(Transfer {
            id: next_id,
            debit_account_id: if bank.currency == PKR {
                SBP_ISSUE
            } else {
                CBI_ISSUE
            },
            credit_account_id: bank.account,
            amount: to_home(bank.funding_usd, bank.currency)? as u128,
            ledger: ledger_of(bank.currency),
            code: CODE_FUNDING,
            ..Transfer::default()
        });
    }
    let results = engine.create_transfers(funding)?;
    if let Some(bad) = results.iter().find(|r| **r != CreateTransferResult::Ok) {
        bail!("funding failed: {bad}");
    }
    println!();
    println!("Banks (settlement accounts prefunded by their central bank; net debit cap):");
    for bank in &banks {
        let funded = to_home(bank.funding_usd, bank.currency)?;
        println!(
            "  {:<22} {}  {:>26}  cap {:>24}",
            bank.name,
            bank.bic,
            major(funded, bank.currency),
            major(funded * bank.cap_percent as i128 / 100, bank.currency)
        );
    }

    // Traders: 60 % in Pakistan; each banks with one of its country's banks.
    let mut rng = Rng::new(args.seed);
    let pk_traders = args.traders * 3 / 5;
    let trader_pk = |t: u32| t < pk_traders;
    let trader_bank = |t: u32| {
        if trader_pk(t) {
            &banks[(t % 3) as usize]
        } else {
            &banks[3 + (t % 3) as usize]
        }
    };
    let trader_name = |t: u32| {
        if trader_pk(t) {
            format!("PK-T{t:03}")
        } else {
            format!("IR-T{t:03}")
        }
    };
    // Invoices over two days; the importer (debtor) is invoiced in its own currency.
    let mut invoices: Vec<Invoice> = Vec::with_capacity(args.invoices as usize);
    for n in 0..args.invoices {
        let debtor = rng.below(u64::from(args.traders)) as u32;
        let cross = rng.chance(40);
        let creditor = loop {
            let c = rng.below(u64::from(args.traders)) as u32;
            if c != debtor && (trader_pk(c) != trader_pk(debtor)) == cross {
                break c;
            }
        };
        let currency = trader_bank(debtor).currency;
        let amount = to_home(1, currency)? * invoice_usd_cents(&mut rng) as i128 / 100
            + rng.below(100) as i128;
        let exports: &[(&str, &str)] = if trader_pk(creditor) {
            &PK_EXPORTS
        } else {
            &IR_EXPORTS
        };
        let good = exports[rng.below(exports.len() as u64) as usize].1;
        let mut state = Obligation::new(amount, 20_420 + n % 30);
        // The debtor's bank accepts 97 % and rejects the rest.
        let action = if rng.chance(97) {
            Action::Accept
        } else {
            Action::Reject
        };
        state
            .apply(Actor::DebtorBank, action)
            .map_err(|r| anyhow::anyhow!("{r}"))?;
        invoices.push(Invoice {
            id: format!("INV-{n:05}"),
            debtor,
            creditor,
            amount,
            day: n * 2 / args.invoices,
            good,
            state,
        });
    }
    // A few of day 1's invoices are disputed by the creditor's bank before the first cut-off.
    let disputed: Vec<usize> = (0..invoices.len())
        .filter(|&i| invoices[i].day == 0 && invoices[i].state.is_eligible())
        .step_by(97)
        .take(DISPUTES)
        .collect();
    for &i in &disputed {
        invoices[i]
            .state
            .apply(Actor::CreditorBank, Action::Dispute)
            .map_err(|r| anyhow::anyhow!("{r}"))?;
    }
    let rejected = invoices
        .iter()
        .filter(|i| i.state.state == State::Rejected)
        .count();
    println!();
    println!(
        "{} traders ({} in Pakistan), {} invoices over two days; {} rejected by the debtor's bank, {} disputed",
        args.traders,
        pk_traders,
        invoices.len(),
        rejected,
        disputed.len()
    );
    let mut goods: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
    for i in &invoices {
        *goods.entry(i.good).or_default() += 1;
    }
    println!(
        "  goods: {}",
        goods
            .iter()
            .map(|(g, n)| format!("{g} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    let corridor = Corridor {
        rate,
        home: vec![("PK".into(), PKR), ("IR".into(), IRR)],
    };
    let mut reports = Vec::new();
    for day in 0..2u32 {
        if day == 1 {
            for &i in &disputed {
                invoices[i]
                    .state
                    .apply(Actor::CreditorBank, Action::Resolve)
                    .map_err(|r| anyhow::anyhow!("{r}"))?;
            }
            println!();
            println!(
                "Day 2: the {} disputes were resolved; their invoices are eligible again.",
                disputed.len()
            );
        }
        // Snapshot of the eligible obligations at the cut-off.
        let eligible: Vec<usize> = (0..invoices.len())
            .filter(|&i| invoices[i].day <= day && invoices[i].state.is_eligible())
            .collect();
        let mut builder = Builder::new();
        let names: Vec<[String; 4]> = eligible
            .iter()
            .map(|&i| {
                let v = &invoices[i];
                [
                    trader_name(v.debtor),
                    trader_name(v.creditor),
                    v.amount.to_string(),
                    trader_bank(v.debtor).currency.code().to_string(),
                ]
            })
            .collect();
        for (k, &i) in eligible.iter().enumerate() {
            let v = &invoices[i];
            builder.push(
                k as u64 + 1,
                &Row {
                    id: &v.id,
                    debtor: &names[k][0],
                    creditor: &names[k][1],
                    amount: &names[k][2],
                    currency: Some(&names[k][3]),
                    due_date: None,
                    debtor_bank: Some(trader_bank(v.debtor).bic),
                    creditor_bank: Some(trader_bank(v.creditor).bic),
                },
            );
        }
        let obligations = builder.finish().map_err(|e| anyhow::anyhow!("{e:?}"))?;
        // Banks' available balances, from the ledger, for the cap rule.
        let balances = engine.read(|l| {
            l.accounts()
                .map(|a| (a.id, a.credits_posted as i128 - a.debits_posted as i128))
                .collect::<Vec<_>>()
        })?;
        let available = |account: u128| balances.iter().find(|b| b.0 == account).map_or(0, |b| b.1);
        let cycle_banks: Vec<CycleBank> = banks
            .iter()
            .map(|b| CycleBank {
                bic: b.bic.to_string(),
                currency: b.currency,
                account: b.account,
                available: available(b.account),
                net_debit_cap: to_home(b.funding_usd, b.currency).unwrap_or(0)
                    * b.cap_percent as i128
                    / 100,
            })
            .collect();
        let plan = plan(&CycleInput {
            obligations: &obligations,
            corridor: &corridor,
            banks: &cycle_banks,
            accounts: [
                CurrencyAccounts {
                    currency: PKR,
                    clearing: SBP_CLEARING,
                    corridor: SBP_CORRIDOR,
                },
                CurrencyAccounts {
                    currency: IRR,
                    clearing: CBI_CLEARING,
                    corridor: CBI_CORRIDOR,
                },
            ],
            first_transfer_id: next_id + 1,
            code: CODE_SETTLEMENT,
        })?;
        next_id += plan.transfers.len() as u128;
        let transfers = plan.transfers.len();
        if transfers > 0 {
            let results = engine.create_transfers(plan.transfers.clone())?;
            if let Some(bad) = results.iter().find(|r| **r != CreateTransferResult::Ok) {
                bail!("the settlement batch was refused as a whole: {bad}");
            }
        }
        // Lifecycle: set-off, then settlement of the rest, for every obligation in the cycle.
        for (k, &local) in plan.included.iter().enumerate() {
            let v = &mut invoices[eligible[local]];
            let cleared = plan.debtor_cleared[k];
            if cleared > 0 {
                v.state
                    .apply(Actor::Operator, Action::Clear(cleared))
                    .map_err(|r| anyhow::anyhow!("{r}"))?;
            }
            if v.state.is_eligible() {
                v.state
                    .apply(Actor::Operator, Action::Settle)
                    .map_err(|r| anyhow::anyhow!("{r}"))?;
            }
        }
        println!();
        println!(
            "Clearing cycle {} (cut-off of day {}): {} eligible obligations, {} in the cycle, {} deferred",
            day + 1,
            day + 1,
            eligible.len(),
            plan.included.len(),
            plan.deferred.len()
        );
        for bic in &plan.deferred_banks {
            println!(
                "  deferred: {bic} cannot cover its net debit within balance + cap; its obligations wait for the next cycle (all banks are told)"
            );
        }
        for (currency, f) in &plan.figures {
            let pct = |part: i128| {
                if f.gross == 0 {
                    0.0
                } else {
                    part as f64 * 100.0 / f.gross as f64
                }
            };
            println!(
                "  {currency}: gross {}, set off {} ({:.1} %), settled {}; liquidity needed after netting {} ({:.1} % of gross)",
                major(f.gross, *currency),
                major(f.set_off, *currency),
                pct(f.set_off),
                major(f.settled, *currency),
                major(f.liquidity_needed, *currency),
                pct(f.liquidity_needed)
            );
            println!(
                "       cross-border submitted {}; crossed after set-off {} on the corridor account",
                major(f.cross_border_submitted, *currency),
                major(f.corridor_position, *currency)
            );
        }
        println!(
            "  {} whole lots of value were set off across the border; settlement: one linked batch of {transfers} transfers",
            plan.lots
        );
        for (account, (currency, position)) in &plan.positions {
            let name = banks.iter().find(|b| b.account == *account).map_or(
                if *account == SBP_CORRIDOR {
                    "SBP corridor account"
                } else {
                    "CBI corridor account"
                },
                |b| b.name,
            );
            println!(
                "    {name:<22} {:>28}  {}",
                major(*position, *currency),
                if *position < 0 { "pays" } else { "receives" }
            );
        }
        reports.push(serde_json::json!({
            "cycle": day + 1,
            "eligible": eligible.len(),
            "included": plan.included.len(),
            "deferred": plan.deferred.len(),
            "deferred_banks": plan.deferred_banks,
            "lots_across_the_border": plan.lots.to_string(),
            "currencies": plan.figures.iter().map(|(c, f)| (c.code().to_string(), serde_json::json!({
                "gross": money_json(f.gross, *c),
                "set_off": money_json(f.set_off, *c),
                "settled": money_json(f.settled, *c),
                "liquidity_needed_after_netting": money_json(f.liquidity_needed, *c),
                "cross_border_submitted": money_json(f.cross_border_submitted, *c),
                "corridor_position": money_json(f.corridor_position, *c),
            }))).collect::<serde_json::Map<_, _>>(),
            "bank_positions": plan.positions.iter().map(|(a, (c, p))| serde_json::json!({
                "account": a.to_string(),
                "bic": banks.iter().find(|b| b.account == *a).map(|b| b.bic),
                "position": money_json(*p, *c),
            })).collect::<Vec<_>>(),
        }));
    }
    let waiting = invoices.iter().filter(|i| i.state.is_eligible()).count();
    let balances = engine.read(|l| {
        l.accounts()
            .map(|a| {
                (
                    a.id,
                    a.ledger,
                    a.credits_posted as i128 - a.debits_posted as i128,
                )
            })
            .collect::<Vec<_>>()
    })?;
    engine.shutdown();
    println!();
    println!(
        "After two cycles: {waiting} obligations still wait (deferred), the rest are cleared or settled."
    );
    println!("Balances:");
    for bank in &banks {
        let balance = balances
            .iter()
            .find(|b| b.0 == bank.account)
            .map_or(0, |b| b.2);
        println!(
            "  {:<22} {}  {:>26}",
            bank.name,
            bank.bic,
            major(balance, bank.currency)
        );
    }
    for (id, name, currency) in [
        (SBP_CORRIDOR, "SBP corridor account", PKR),
        (CBI_CORRIDOR, "CBI corridor account", IRR),
    ] {
        let balance = balances.iter().find(|b| b.0 == id).map_or(0, |b| b.2);
        println!("  {name:<33} {:>26}", major(balance, currency));
    }
    println!(
        "  (the corridor accounts are the imbalance the central banks settle between themselves)"
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
        let json = serde_json::json!({
            "corridor": "PK-IR",
            "rate": { "base": "PKR", "quote": "IRR", "value": corridor.rate.to_decimal_string() },
            "invoices": invoices.len(),
            "rejected": rejected,
            "disputed": disputed.len(),
            "waiting_after_two_cycles": waiting,
            "cycles": reports,
            "journal_records": report.records,
            "head_hash": report.head_hash,
        });
        std::fs::write(path, serde_json::to_string_pretty(&json)? + "\n")
            .with_context(|| format!("write {}", path.display()))?;
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
