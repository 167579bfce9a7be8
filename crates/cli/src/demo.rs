//! `corridor demo`: the PK-IR corridor on the embedded store, end to end through the workflow.
//!
//! Every step is a workflow command run by the service (journaled with its ledger events, one
//! record each, replayed on open): the two central banks configure the corridor (currencies,
//! cut-off, swap line, HS policy, barter window); three banks per country are registered with
//! their net debit caps and funded by their central bank; a rate fix is published per value
//! date; a few hundred traders are registered (legal name, name in the original script, tax id,
//! bank). Over two days the exporters' banks submit a few thousand invoices with real HS 2022
//! codes (rice, four in five of Pakistan's exports as in research/formats.md §3, then kinnow,
//! beef, sesame; LPG, polyethylene, bitumen, dates, cement from Iran; domestic supply in
//! between), the importers' banks accept or reject them, a few are disputed, and a handful of
//! bad submissions are refused with the field and the reason. At each day's cut-off a clearing
//! cycle runs; the disputes are resolved before the second. It prints each cycle's report (with
//! its payment instructions), a bank statement, the barter-window report, reopens the store to
//! show that replay gives the same state, runs `verify`, and with `--json` writes it all.
//!
//! With `--one-day` (and always with `--server`, whose clock does not move during the demo)
//! both business days fall on the start day: two cut-offs on one value date, since a cycle
//! never runs for a value date after today.

use crate::verify::show;
use anyhow::{Context, bail};
use corridor::barter;
use corridor::workflow::{Command, Workflow, date_text, money_text, parse_day};
use engine::workload::Rng;
use money::{Currency, IRR, PKR, Rate};
use serde_json::json;
use service::{Service, report};
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
    /// The first business day, YYYY-MM-DD (the second follows); default 2026-11-23 (with
    /// `--server`: today).
    #[arg(long)]
    pub start: Option<String>,
    /// Also write the reports as JSON to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Both business days on the start day (two cut-offs, one value date), as `--server` does:
    /// a server's today does not move during the demo, and a cycle never runs for a later day.
    #[arg(long)]
    pub one_day: bool,
    /// Drive a running server (`corridor serve`) through its HTTP API instead of the embedded
    /// store, e.g. http://127.0.0.1:8080; needs `--keys`. `--start` defaults to today then.
    #[arg(long, requires = "keys")]
    pub server: Option<String>,
    /// The API keys for `--server`: {"operator": .., "central_banks": {"PKR": .., "IRR": ..},
    /// "banks": {"HABBPKKA": .., ...}}.
    #[arg(long)]
    pub keys: Option<PathBuf>,
}

/// (name, BIC, in Pakistan, prefunding in USD, net debit cap in % of the funding)
const BANKS: [(&str, &str, bool, i128, i128); 6] = [
    ("Habib Bank Limited", "HABBPKKA", true, 12_000_000, 20),
    // Thinly funded: the cap rule defers it when it cannot cover its net debit.
    ("MCB Bank", "MUCBPKKA", true, 1_000_000, 20),
    ("United Bank Limited", "UNILPKKA", true, 4_000_000, 20),
    ("Bank Melli Iran", "MELIIRTH", false, 6_000_000, 20),
    ("Bank Saderat Iran", "BSIRIRTH", false, 2_000_000, 0),
    ("Bank Tejarat", "BTEJIRTH", false, 5_000_000, 20),
];
const USD_PKR: i128 = 280; // PKR per USD, for sizing only
const DISPUTES: usize = 5;

/// Goods by exporting country: HS 2022 subheading and name (research/formats.md §3). Rice is
/// [`RICE_PERCENT`] of Pakistan's exports; the others share the rest evenly.
const RICE_PERCENT: u64 = 80;
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
const PK_NAMES: [(&str, &str); 8] = [
    ("Al-Noor Rice Mills", "النور رائس ملز"),
    ("Indus Agro Exports", "انڈس ایگرو ایکسپورٹس"),
    ("Sargodha Kinnow Traders", "سرگودھا کنو ٹریڈرز"),
    ("Karachi Sesame Company", "کراچی سیسم کمپنی"),
    ("Punjab Halal Meats", "پنجاب حلال میٹس"),
    ("Quetta Border Trading", "کوئٹہ بارڈر ٹریڈنگ"),
    ("Faisalabad Foods", "فیصل آباد فوڈز"),
    ("Gwadar Commodities", "گوادر کموڈیٹیز"),
];
const IR_NAMES: [(&str, &str); 8] = [
    ("Pars Petrochemical Trading", "بازرگانی پتروشیمی پارس"),
    ("Zagros Bitumen Company", "شرکت قیر زاگرس"),
    ("Kish Gas Supply", "تأمین گاز کیش"),
    ("Bam Dates Cooperative", "تعاونی خرمای بم"),
    ("Tabriz Cement Works", "سیمان تبریز"),
    ("Mashhad Polymer Company", "شرکت پلیمر مشهد"),
    ("Zahedan Border Traders", "بازرگانان مرزی زاهدان"),
    ("Bandar Abbas Logistics", "لجستیک بندرعباس"),
];

/// A log-normal-ish invoice size in USD cents: median about USD 25k, a long tail of big cargoes.
fn invoice_usd_cents(rng: &mut Rng) -> i128 {
    let z: i64 = (0..12).map(|_| rng.below(1000) as i64).sum::<i64>() - 6000; // ~N(0, 1000)
    let steps = z / 250;
    let mut cents: i128 = 2_500_000;
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

fn major(minor: i128, currency: Currency) -> String {
    money_text(minor, currency)
}

/// Runs commands and fails on anything but success (the scenario's own commands are valid).
fn run_all(service: &Service, today: u32, commands: Vec<Command>) -> anyhow::Result<()> {
    for (k, outcome) in service
        .execute_batch(today, commands)?
        .into_iter()
        .enumerate()
    {
        if let Err(refusal) = outcome {
            bail!("the scenario's command {k} was refused: {refusal}");
        }
    }
    Ok(())
}

/// The scenario's commands, in the order they run: the same for the embedded store and for a
/// server (`--server`).
pub struct Scenario {
    pub day1: u32,
    pub day2: u32,
    pub rate: Rate,
    pub setup: Vec<Command>,
    pub traders: Vec<Command>,
    pub pk_traders: u32,
    /// Per day: the invoices, then the debtors' banks' answers.
    pub per_day: [Vec<Command>; 2],
    pub actions: [Vec<Command>; 2],
    /// Bad submissions, each refused.
    pub bad: Vec<Command>,
    pub goods: std::collections::BTreeMap<&'static str, u32>,
}

/// The prefunding of a demo bank in its currency's minor units.
fn to_home(rate: &Rate, usd: i128, currency: Currency) -> anyhow::Result<i128> {
    let pkr_minor = usd * USD_PKR * 100;
    Ok(if currency == PKR {
        pkr_minor
    } else {
        rate.convert(pkr_minor, PKR)?.amount
    })
}

pub fn scenario(args: &Args, day1: u32) -> anyhow::Result<Scenario> {
    let rate = Rate::parse(PKR, IRR, &args.rate).context("--rate")?;
    if args.traders < 10 || args.invoices < 10 {
        bail!("--traders and --invoices must be at least 10");
    }
    let day2 = if args.one_day { day1 } else { day1 + 1 };
    let to_home = |usd: i128, currency: Currency| to_home(&rate, usd, currency);
    let text = |minor: i128, currency: Currency| -> String {
        money::format_minor(minor, currency).unwrap_or_default()
    };
    // The corridor, its banks and their funding, the rate fixes.
    let mut setup = vec![{
        let mut corridor = Command::pk_ir(&text(to_home(10_000_000, PKR)?, PKR));
        if let Command::ConfigureCorridor { hs_deny, .. } = &mut corridor {
            // Besides arms: radioactive elements and gold.
            hs_deny.extend(["2844".to_string(), "710812".to_string()]);
        }
        corridor
    }];
    for &(name, bic, pk, funding_usd, cap_percent) in &BANKS {
        let currency = if pk { PKR } else { IRR };
        let funding = to_home(funding_usd, currency)?;
        setup.push(Command::RegisterBank {
            bic: bic.into(),
            name: name.into(),
            country: if pk { "PK" } else { "IR" }.into(),
            currency: currency.code().into(),
            net_debit_cap: text(funding * cap_percent / 100, currency),
        });
        setup.push(Command::FundBank {
            bic: bic.into(),
            amount: text(funding, currency),
        });
    }
    let days: &[u32] = if day2 == day1 { &[day1] } else { &[day1, day2] };
    for &day in days {
        setup.push(Command::PublishRate {
            value_date: date_text(day),
            rate: args.rate.clone(),
            valid_from: date_text(day),
            valid_to: date_text(day),
            source: format!("SBP/CBI joint fix {} 11:00 PKT (demo)", date_text(day)),
        });
    }
    // Traders: 60 % in Pakistan; each banks with one of its country's banks.
    let mut rng = Rng::new(args.seed);
    let pk_traders = args.traders * 3 / 5;
    let is_pk = |t: u32| t < pk_traders;
    let bank_of = |t: u32| {
        let k = (t % 3) as usize;
        BANKS[if is_pk(t) { k } else { 3 + k }].1
    };
    let trader_id = |t: u32| format!("{}-T{t:04}", if is_pk(t) { "PK" } else { "IR" });
    let mut traders = Vec::new();
    for t in 0..args.traders {
        let (names, country) = if is_pk(t) {
            (&PK_NAMES, "PK")
        } else {
            (&IR_NAMES, "IR")
        };
        let (name, original) = names[t as usize % names.len()];
        traders.push(Command::RegisterTrader {
            id: trader_id(t),
            legal_name: format!("{name} {}", t / names.len() as u32 + 1),
            original_name: Some(format!("{original} {}", t / names.len() as u32 + 1)),
            tax_id: if is_pk(t) {
                format!("{:07}-{}", 3_100_000 + t, t % 10)
            } else {
                corridor::participants::iran_national_id(41_000_000 + t)
            },
            country: country.into(),
            bank: bank_of(t).into(),
        });
    }
    // Invoices over two days, submitted by the creditor's bank in the importer's currency; the
    // debtor's bank accepts 97 % and rejects the rest.
    let mut goods: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
    let mut per_day: [Vec<Command>; 2] = [Vec::new(), Vec::new()];
    let mut actions: [Vec<Command>; 2] = [Vec::new(), Vec::new()];
    for n in 0..args.invoices {
        let debtor = rng.below(u64::from(args.traders)) as u32;
        let cross = rng.chance(40);
        let creditor = loop {
            let c = rng.below(u64::from(args.traders)) as u32;
            if c != debtor && (is_pk(c) != is_pk(debtor)) == cross {
                break c;
            }
        };
        let currency = if is_pk(debtor) { PKR } else { IRR };
        let amount =
            to_home(1, currency)? * invoice_usd_cents(&mut rng) / 100 + rng.below(100) as i128;
        let (hs, good) = if !is_pk(creditor) {
            IR_EXPORTS[rng.below(IR_EXPORTS.len() as u64) as usize]
        } else if rng.chance(RICE_PERCENT) {
            PK_EXPORTS[0]
        } else {
            PK_EXPORTS[1 + rng.below(PK_EXPORTS.len() as u64 - 1) as usize]
        };
        *goods.entry(good).or_default() += 1;
        let day = (n * 2 / args.invoices) as usize;
        let issued = if day == 0 { day1 } else { day2 };
        // Most are due on their day's cut-off; some a day later (carried by cycle 1).
        let due = issued + u32::from(rng.chance(15));
        let id = format!("INV-{n:05}");
        per_day[day].push(Command::SubmitObligation {
            id: id.clone(),
            debtor: trader_id(debtor),
            creditor: trader_id(creditor),
            amount: text(amount, currency),
            currency: currency.code().into(),
            hs_code: Some(hs.into()),
            issued: date_text(issued),
            due: date_text(due),
            submitted_by: bank_of(creditor).into(),
        });
        actions[day].push(Command::Act {
            obligation: id,
            bank: bank_of(debtor).into(),
            action: if rng.chance(97) { "accept" } else { "reject" }.into(),
        });
    }
    // Bad submissions a real day brings: each is refused, naming the field and the reason.
    let bad = vec![
        Command::SubmitObligation {
            id: "BAD-ARMS".into(),
            debtor: trader_id(0),
            creditor: trader_id(pk_traders),
            amount: "1000.00".into(),
            currency: "PKR".into(),
            hs_code: Some("930190".into()),
            issued: date_text(day1),
            due: date_text(day1),
            submitted_by: bank_of(pk_traders).into(),
        },
        Command::SubmitObligation {
            id: "BAD-SELF".into(),
            debtor: trader_id(1),
            creditor: trader_id(1),
            amount: "10.00".into(),
            currency: "PKR".into(),
            hs_code: None,
            issued: date_text(day1),
            due: date_text(day1),
            submitted_by: bank_of(1).into(),
        },
        Command::SubmitObligation {
            id: "BAD-DECIMALS".into(),
            debtor: trader_id(2),
            creditor: trader_id(3),
            amount: "10.001".into(),
            currency: "PKR".into(),
            hs_code: None,
            issued: date_text(day1),
            due: date_text(day1),
            submitted_by: bank_of(3).into(),
        },
        Command::RegisterBank {
            bic: "MEZNPKKA".into(),
            name: "Meezan Bank".into(),
            country: "PK".into(),
            currency: "IRR".into(),
            net_debit_cap: "0".into(),
        },
    ];
    Ok(Scenario {
        day1,
        day2,
        rate,
        setup,
        traders,
        pk_traders,
        per_day,
        actions,
        bad,
        goods,
    })
}

/// The BICs of the demo's banks (for creating their API keys).
pub fn bank_bics() -> impl Iterator<Item = &'static str> {
    BANKS.iter().map(|b| b.1)
}

pub fn run(mut args: Args) -> anyhow::Result<ExitCode> {
    // A server's today does not move while the demo runs: both days fall on the start day.
    args.one_day |= args.server.is_some();
    let start = match &args.start {
        Some(start) => start.clone(),
        // A server reads its own clock, and refuses rate fixes for past dates.
        None if args.server.is_some() => {
            let seconds = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            date_text((seconds / 86_400) as u32)
        }
        None => "2026-11-23".into(),
    };
    let day1 =
        parse_day(&start).with_context(|| format!("--start {start:?} is not a date YYYY-MM-DD"))?;
    if let (Some(server), Some(keys)) = (&args.server, &args.keys) {
        let scenario = scenario(&args, day1)?;
        return crate::demo_http::run(server, keys, scenario, args.json.as_deref());
    }
    let Scenario {
        day1,
        day2,
        rate,
        setup,
        traders,
        pk_traders,
        mut per_day,
        mut actions,
        bad,
        goods,
    } = scenario(&args, day1)?;
    let (data_dir, _temporary) =
        crate::machine::fresh_data_dir(args.data_dir.as_deref(), "the demo")?;
    println!(
        "Corridor demo: PK-IR, PKR at the State Bank of Pakistan, IRR at the Central Bank of Iran"
    );
    println!(
        "  store: {} (SQLite, WAL, fsync per commit)",
        data_dir.display()
    );
    let service = Service::open(&data_dir)?;
    let to_home = |usd: i128, currency: Currency| to_home(&rate, usd, currency);
    run_all(&service, day1, setup)?;
    println!(
        "  rate fix: 1 PKR = {} IRR for {} and {} (source: SBP/CBI joint fix, demo)",
        rate.to_decimal_string(),
        date_text(day1),
        date_text(day2)
    );
    println!();
    println!("Banks (settlement accounts prefunded by their central bank; net debit cap):");
    service.with(|w| {
        for b in w.banks() {
            let name = BANKS.iter().find(|x| x.1 == b.bic).map_or("", |x| x.0);
            let funded = BANKS
                .iter()
                .find(|x| x.1 == b.bic)
                .and_then(|x| to_home(x.3, b.currency).ok())
                .unwrap_or(0);
            println!(
                "  {name:<22} {}  {:>26}  cap {:>24}",
                b.bic,
                major(funded, b.currency),
                major(b.net_debit_cap, b.currency)
            );
        }
    });

    run_all(&service, day1, traders)?;

    println!();
    println!("Refused on submission (nothing stored):");
    for outcome in service.execute_batch(day1, bad)? {
        match outcome {
            Err(refusal) => println!("  {refusal}"),
            Ok(_) => bail!("a bad submission was accepted"),
        }
    }

    let mut reports = Vec::new();
    let mut disputed = Vec::new();
    for (day_index, today) in [day1, day2].into_iter().enumerate() {
        run_all(&service, today, std::mem::take(&mut per_day[day_index]))?;
        run_all(&service, today, std::mem::take(&mut actions[day_index]))?;
        if day_index == 0 {
            // A few accepted invoices are disputed by the creditor's bank before the cut-off.
            let picks: Vec<(String, String)> = service.with(|w| {
                w.obligations()
                    .iter()
                    .filter(|o| o.life.is_eligible())
                    .step_by(97)
                    .take(DISPUTES)
                    .map(|o| {
                        (
                            o.id.clone(),
                            w.trader(&o.creditor)
                                .map_or(String::new(), |t| t.bank.clone()),
                        )
                    })
                    .collect()
            });
            let commands = picks
                .iter()
                .map(|(id, bank)| Command::Act {
                    obligation: id.clone(),
                    bank: bank.clone(),
                    action: "dispute".into(),
                })
                .collect();
            run_all(&service, today, commands)?;
            disputed = picks;
            let counts = service.with(|w| w.state_counts(today));
            println!();
            println!(
                "{} traders ({} in Pakistan); day 1: {} invoices submitted; states: {}",
                args.traders,
                pk_traders,
                counts.values().sum::<usize>(),
                counts
                    .iter()
                    .map(|(s, n)| format!("{s} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            println!(
                "  goods: {}",
                goods
                    .iter()
                    .map(|(g, n)| format!("{g} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        } else {
            let commands = disputed
                .iter()
                .map(|(id, bank)| Command::Act {
                    obligation: id.clone(),
                    bank: bank.clone(),
                    action: "resolve".into(),
                })
                .collect();
            run_all(&service, today, commands)?;
            println!();
            println!(
                "Day 2: more invoices; the {} disputes were resolved and are eligible again.",
                disputed.len()
            );
        }
        let outcome = service.execute(
            today,
            Command::RunCycle {
                value_date: date_text(today),
                ledger_balances: Default::default(),
            },
        )?;
        if let Err(refusal) = outcome {
            bail!("the cycle was refused: {refusal}");
        }
        let json = service.with(|w| {
            let c = w.cycles().last().cloned();
            c.map(|c| {
                print_cycle(w, &c);
                report::cycle(w, &c)
            })
        });
        reports.extend(json);
    }

    // A statement for one bank, the barter window, and the balances.
    let statement_bank = BANKS[0].1;
    let statement = match service.statement(statement_bank, day1, day2)? {
        Ok(s) => s,
        Err(refusal) => bail!("statement: {refusal}"),
    };
    println!();
    println!(
        "Statement of {statement_bank} for {} to {} (reconciled to the ledger):",
        date_text(day1),
        date_text(day2)
    );
    let currency = service
        .with(|w| w.bank(statement_bank).map(|b| b.currency))
        .context("the statement's bank")?;
    println!("  opening {:>28}", major(statement.opening, currency));
    for e in &statement.entries {
        println!(
            "  {} transfer {:>5}  {:>28}  {}",
            date_text(e.value_date),
            e.transfer,
            major(e.amount, currency),
            if e.cycle > 0 {
                format!("settlement, cycle {}", e.cycle)
            } else {
                "funding".into()
            }
        );
    }
    println!("  closing {:>28}", major(statement.closing, currency));
    if !statement.reconciles() {
        bail!("the statement of {statement_bank} does not reconcile to the ledger");
    }
    let barter = service.with(|w| barter::report(w, day2, None));
    let barter = barter.map_err(|r| anyhow::anyhow!("barter report: {r}"))?;
    let unbalanced = barter
        .lines
        .iter()
        .filter(|l| l.balance != barter::Balance::Balanced)
        .count();
    println!();
    println!(
        "Barter window {} to {} (tolerance {} %): {} traders with cross-border trade, {} balanced, {} not",
        date_text(barter.from),
        date_text(barter.until),
        barter.tolerance_percent,
        barter.lines.len(),
        barter.lines.len() - unbalanced,
        unbalanced
    );
    for l in barter.lines.iter().take(3) {
        println!(
            "  {}: exports {}, imports {} ({})",
            l.trader,
            major(l.exports, l.currency),
            major(l.imports, l.currency),
            l.balance.text()
        );
    }
    let balances = service.balances()?;
    let (state_before, waiting, overdue) = service.with(|w| {
        (
            fingerprint(w),
            w.obligations()
                .iter()
                .filter(|o| o.life.is_eligible())
                .count(),
            w.state_counts(day2).get("overdue").copied().unwrap_or(0),
        )
    });
    println!();
    println!(
        "After two cycles: {waiting} obligations still open (deferred or not yet due); {overdue} overdue on {} (past their due date and not final: held back by the cap rule, or disputed).",
        date_text(day2)
    );
    println!("Balances:");
    service.with(|w| {
        for (account, currency) in w.ledger_accounts() {
            let balance = balances.get(&account).copied().unwrap_or(0);
            if balance != 0 {
                println!(
                    "  {:<28} {:>30}",
                    w.account_name(account),
                    major(balance, currency)
                );
            }
        }
    });
    service.shutdown();

    // Reopen: the ledger is recovered and every command replayed through the workflow.
    let reopened = Service::open(&data_dir)?;
    let opened = reopened.opened();
    let same = reopened.with(fingerprint) == state_before;
    reopened.shutdown();
    if !same {
        bail!("the state replayed from the journal differs from the state before the restart");
    }
    println!();
    println!(
        "Reopened: {} commands replayed from the journal; the workflow state is identical.",
        opened.commands_replayed
    );
    let verified = engine::verify(&data_dir).map_err(|e| anyhow::anyhow!("verify failed: {e}"))?;
    println!(
        "verify: OK, {} journal records ({} commands), {} transfers, head {}",
        verified.records, verified.command_records, verified.transfers, verified.head_hash
    );
    for (ledger, (debits, credits, _, _)) in &verified.totals {
        println!(
            "  ledger {ledger}: debits {} = credits {}",
            show(*debits, *ledger),
            show(*credits, *ledger)
        );
    }
    if let Some(path) = &args.json {
        let json = json!({
            "corridor": "PK-IR",
            "rate": { "base": "PKR", "quote": "IRR", "value": rate.to_decimal_string() },
            "invoices": args.invoices,
            "disputed": disputed.len(),
            "open_after_two_cycles": waiting,
            "overdue_after_two_cycles": overdue,
            "cycles": reports,
            "statement": report::statement(statement_bank, &statement),
            "barter_window": report::barter(&barter),
            "journal_records": verified.records,
            "head_hash": verified.head_hash,
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

/// What must survive a restart: every obligation's state and the cycles' reports.
fn fingerprint(w: &Workflow) -> String {
    let mut out = String::new();
    for o in w.obligations() {
        out.push_str(&format!(
            "{} {:?} {} {:?}\n",
            o.id, o.life, o.currency, o.cycles
        ));
    }
    for c in w.cycles() {
        out.push_str(&format!("{c:?}\n"));
    }
    out
}

fn print_cycle(w: &Workflow, c: &corridor::workflow::CycleRecord) {
    println!();
    println!(
        "Clearing cycle {} (value date {}, 1 PKR = {} IRR): {} eligible obligations, {} in the cycle, {} deferred",
        c.number,
        date_text(c.value_date),
        c.rate.to_decimal_string(),
        c.eligible,
        c.included,
        c.deferred
    );
    for (bic, why) in &c.deferred_banks {
        println!(
            "  deferred: {bic}: {why}; its obligations wait for the next cycle (all banks are told)"
        );
    }
    for (currency, f) in &c.figures {
        println!(
            "  {currency}: gross {}, set off {} ({} %), settled {}, carried (not yet due) {}",
            major(f.gross, *currency),
            major(f.set_off, *currency),
            report::percent(f.set_off, f.gross),
            major(f.settled, *currency),
            major(f.carried, *currency),
        );
        println!(
            "       liquidity needed after netting {} ({} % of gross); cross-border submitted {}, crossed {}",
            major(f.liquidity_needed, *currency),
            report::percent(f.liquidity_needed, f.gross),
            major(f.cross_border_submitted, *currency),
            major(f.corridor_position, *currency)
        );
        if f.residue != 0 {
            println!(
                "       rounding residue booked to the residue account: {}",
                major(f.residue, *currency)
            );
        }
    }
    let t = &c.totals;
    println!(
        "  in total (at the fix, in {}): gross {}, set off {} ({} %), settled {}; liquidity needed after netting {} ({} % of gross)",
        t.currency,
        major(t.gross, t.currency),
        major(t.set_off, t.currency),
        report::percent(t.set_off, t.gross),
        major(t.settled, t.currency),
        major(t.liquidity_needed, t.currency),
        report::percent(t.liquidity_needed, t.gross),
    );
    println!(
        "  cross-border submitted {}, crossed {} ({} %): the rest was set off against trade the other way",
        major(t.cross_border_submitted, t.currency),
        major(t.crossed.abs(), t.currency),
        report::percent(t.crossed.abs(), t.cross_border_submitted),
    );
    let cross = c
        .instructions
        .iter()
        .filter(|x| x.is_cross_border())
        .count();
    println!(
        "  payment instructions: {} ({} cross-border, {} domestic); the first three:",
        c.instructions.len(),
        cross,
        c.instructions.len() - cross
    );
    for x in c.instructions.iter().take(3) {
        println!(
            "    {}: {} pays {}, {} is credited {}",
            x.obligation,
            x.paying_bank,
            major(x.pay, x.pay_currency),
            x.receiving_bank,
            major(x.receive, x.receive_currency)
        );
    }
    let line = c.swap_line;
    println!(
        "  imbalance carried by the central banks: {} against a swap line of {}",
        major(
            c.figures
                .get(&line.currency)
                .map_or(0, |f| f.corridor_balance_after),
            line.currency
        ),
        major(line.limit, line.currency)
    );
    println!(
        "  {} whole lots of value set off across the border; settlement: one linked batch of {} transfers",
        c.lots, c.transfers
    );
    for (account, (currency, position)) in &c.positions {
        println!(
            "    {:<24} {:>30}  {}",
            w.account_name(*account),
            major(*position, *currency),
            if *position < 0 { "pays" } else { "receives" }
        );
    }
}
