//! The workflow: every kind of bad input refused with its field and reason and nothing changed,
//! and property tests on random scenarios posted to a real ledger.

use corridor::hs::HsCatalog;
use corridor::workflow::{Command, Prepared, Workflow, date_text, parse_day};
use ledger::{CreateAccountResult, CreateTransferResult, Ledger};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

fn catalog() -> Arc<HsCatalog> {
    static CATALOG: OnceLock<Arc<HsCatalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| Arc::new(HsCatalog::hs2022()))
        .clone()
}

fn day() -> u32 {
    parse_day("2026-11-23").unwrap()
}

fn configure(swap_line: &str) -> Command {
    Command::pk_ir(swap_line)
}

fn bank(bic: &str, country: &str, currency: &str, cap: &str) -> Command {
    Command::RegisterBank {
        bic: bic.into(),
        name: format!("Bank {bic}"),
        country: country.into(),
        currency: currency.into(),
        net_debit_cap: cap.into(),
    }
}

fn trader(id: &str, country: &str, bank: &str) -> Command {
    Command::RegisterTrader {
        id: id.into(),
        legal_name: format!("Trader {id}"),
        original_name: Some("تاجر".into()),
        tax_id: if country == "PK" {
            "1234567-8".into()
        } else {
            corridor::participants::iran_national_id(123)
        },
        country: country.into(),
        bank: bank.into(),
    }
}

fn invoice(
    id: &str,
    debtor: &str,
    creditor: &str,
    amount: &str,
    currency: &str,
    bank: &str,
) -> Command {
    Command::SubmitObligation {
        id: id.into(),
        debtor: debtor.into(),
        creditor: creditor.into(),
        amount: amount.into(),
        currency: currency.into(),
        hs_code: Some("100630".into()),
        issued: date_text(day()),
        due: date_text(day()),
        submitted_by: bank.into(),
    }
}

/// A corridor with two banks per side, two traders per bank, funded, with a fix.
fn setup() -> (Workflow, Ledger) {
    let mut w = Workflow::new(catalog());
    let mut l = Ledger::new();
    let commands = vec![
        configure("1000000.00"),
        bank("HABBPKKA", "PK", "PKR", "1000.00"),
        bank("MUCBPKKA", "PK", "PKR", "1000.00"),
        bank("MELIIRTH", "IR", "IRR", "1000000.00"),
        bank("BTEJIRTH", "IR", "IRR", "1000000.00"),
        trader("PK-A", "PK", "HABBPKKA"),
        trader("PK-B", "PK", "MUCBPKKA"),
        trader("IR-X", "IR", "MELIIRTH"),
        trader("IR-Y", "IR", "BTEJIRTH"),
        Command::PublishRate {
            value_date: date_text(day()),
            rate: "4163.85".into(),
            valid_from: date_text(day()),
            valid_to: date_text(day()),
            source: "test".into(),
        },
    ];
    for c in commands {
        post(&mut l, &w.execute(day(), &c).unwrap());
    }
    (w, l)
}

fn post(ledger: &mut Ledger, p: &Prepared) {
    let at = ledger.last_timestamp() + 1;
    if !p.accounts.is_empty() {
        let r = ledger.create_accounts(at, &p.accounts);
        assert!(r.iter().all(|r| *r == CreateAccountResult::Ok), "{r:?}");
    }
    if !p.transfers.is_empty() {
        let at = ledger.last_timestamp() + 1;
        let r = ledger.create_transfers(at, &p.transfers);
        assert!(r.iter().all(|r| *r == CreateTransferResult::Ok), "{r:?}");
    }
}

fn fingerprint(w: &Workflow) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?}",
        w.config(),
        w.banks().collect::<Vec<_>>(),
        w.traders().collect::<Vec<_>>(),
        w.obligations(),
        w.cycles()
    )
}

/// Every kind of bad input the workflow issue names (and more): refused with the field and a
/// reason, and the state is exactly what it was.
#[test]
fn bad_input_is_refused_naming_the_field_and_nothing_changes() {
    let (mut w, _) = setup();
    let ok = invoice("INV-1", "PK-A", "IR-X", "100.00", "PKR", "MELIIRTH");
    w.execute(day(), &ok).unwrap();
    let past = day() - 1;
    let cases: Vec<(&str, Command, &str, &str)> = vec![
        (
            "unknown debtor",
            invoice("I2", "PK-Z", "IR-X", "1.00", "PKR", "MELIIRTH"),
            "debtor",
            "not a registered trader",
        ),
        (
            "unknown creditor",
            invoice("I2", "PK-A", "IR-Z", "1.00", "PKR", "MELIIRTH"),
            "creditor",
            "not a registered trader",
        ),
        (
            "self-invoice",
            invoice("I2", "PK-A", "PK-A", "1.00", "PKR", "HABBPKKA"),
            "creditor",
            "cannot invoice itself",
        ),
        (
            "too many decimals",
            invoice("I2", "PK-A", "IR-X", "1.001", "PKR", "MELIIRTH"),
            "amount",
            "too many decimals",
        ),
        (
            "zero amount",
            invoice("I2", "PK-A", "IR-X", "0.00", "PKR", "MELIIRTH"),
            "amount",
            "must be positive",
        ),
        (
            "negative amount",
            invoice("I2", "PK-A", "IR-X", "-5", "PKR", "MELIIRTH"),
            "amount",
            "",
        ),
        (
            "foreign currency",
            invoice("I2", "PK-A", "IR-X", "1.00", "USD", "MELIIRTH"),
            "currency",
            "neither the debtor's nor the creditor's",
        ),
        (
            "unknown currency",
            invoice("I2", "PK-A", "IR-X", "1.00", "XYZ", "MELIIRTH"),
            "currency",
            "unknown currency",
        ),
        (
            "domestic in IRR",
            invoice("I2", "PK-A", "PK-B", "1.00", "IRR", "MUCBPKKA"),
            "currency",
            "neither",
        ),
        (
            "wrong submitting bank",
            invoice("I2", "PK-A", "IR-X", "1.00", "PKR", "HABBPKKA"),
            "submitted_by",
            "creditor's bank",
        ),
        (
            "duplicate id, other fields",
            invoice("INV-1", "PK-A", "IR-X", "101.00", "PKR", "MELIIRTH"),
            "id",
            "different fields",
        ),
        (
            "bad id",
            invoice("INV 2", "PK-A", "IR-X", "1.00", "PKR", "MELIIRTH"),
            "id",
            "contains ' '",
        ),
        (
            "HS code not in HS 2022",
            with_invoice(|hs, _, _| *hs = Some("999999".into())),
            "hs_code",
            "not in HS 2022",
        ),
        (
            "HS code denied",
            with_invoice(|hs, _, _| *hs = Some("930190".into())),
            "hs_code",
            "deny 93",
        ),
        (
            "HS code malformed",
            with_invoice(|hs, _, _| *hs = Some("10063".into())),
            "hs_code",
            "6-digit",
        ),
        (
            "cross-border without goods",
            with_invoice(|hs, _, _| *hs = None),
            "hs_code",
            "names its goods",
        ),
        (
            "due before issue",
            with_invoice(|_, _, due| *due = date_text(past)),
            "due",
            "before the issue date",
        ),
        (
            "bad date",
            with_invoice(|_, issued, _| *issued = "2026-02-30".into()),
            "issued",
            "not a date",
        ),
        (
            "bank with the wrong currency",
            bank("MEZNPKKA", "PK", "IRR", "0"),
            "currency",
            "settles in PKR",
        ),
        (
            "BIC of another country",
            bank("MEZNIRKA", "PK", "PKR", "0"),
            "bic",
            "BIC of IR",
        ),
        (
            "malformed BIC",
            bank("MEZN1KKA", "PK", "PKR", "0"),
            "bic",
            "country code",
        ),
        (
            "BIC of wrong length",
            bank("MEZNPKK", "PK", "PKR", "0"),
            "bic",
            "8 or 11",
        ),
        (
            "bank outside the corridor",
            bank("CHASUS33", "US", "USD", "0"),
            "country",
            "not a country of corridor",
        ),
        (
            "negative cap",
            bank("MEZNPKKA", "PK", "PKR", "-1"),
            "net_debit_cap",
            "",
        ),
        (
            "bank registered again, other details",
            bank("HABBPKKA", "PK", "PKR", "5.00"),
            "bic",
            "other details",
        ),
        (
            "trader at a foreign bank",
            trader("PK-C", "PK", "MELIIRTH"),
            "bank",
            "banks at home",
        ),
        (
            "trader at an unknown bank",
            trader("PK-C", "PK", "MEZNPKKA"),
            "bank",
            "not a registered bank",
        ),
        (
            "bad Pakistani tax id",
            with_trader("PK-C", "PK", "HABBPKKA", |tax, _| *tax = "12ab".into()),
            "tax_id",
            "NTN",
        ),
        (
            "Iranian national id with a wrong check digit",
            with_trader("IR-Z", "IR", "MELIIRTH", |tax, _| {
                *tax = "0000000011".into()
            }),
            "tax_id",
            "check digit",
        ),
        (
            "empty legal name",
            with_trader("PK-C", "PK", "HABBPKKA", |_, name| *name = "  ".into()),
            "legal_name",
            "1 to 140",
        ),
        (
            "rate fix for a past date",
            Command::PublishRate {
                value_date: date_text(past),
                rate: "4163.85".into(),
                valid_from: date_text(past),
                valid_to: date_text(past),
                source: "x".into(),
            },
            "value_date",
            "in the past",
        ),
        (
            "rate fix replaced",
            Command::PublishRate {
                value_date: date_text(day()),
                rate: "4000".into(),
                valid_from: date_text(day()),
                valid_to: date_text(day()),
                source: "x".into(),
            },
            "rate",
            "already published",
        ),
        (
            "rate fix of zero",
            Command::PublishRate {
                value_date: date_text(day() + 1),
                rate: "0".into(),
                valid_from: date_text(day() + 1),
                valid_to: date_text(day() + 1),
                source: "x".into(),
            },
            "rate",
            "",
        ),
        (
            "fund an unknown bank",
            Command::FundBank {
                bic: "MEZNPKKA".into(),
                amount: "1.00".into(),
            },
            "bic",
            "not a registered bank",
        ),
        (
            "fund with IRR decimals on PKR",
            Command::FundBank {
                bic: "HABBPKKA".into(),
                amount: "1.005".into(),
            },
            "amount",
            "too many decimals",
        ),
        (
            "act on an unknown obligation",
            Command::Act {
                obligation: "NOPE".into(),
                bank: "HABBPKKA".into(),
                action: "accept".into(),
            },
            "obligation",
            "no obligation",
        ),
        (
            "act as a stranger bank",
            Command::Act {
                obligation: "INV-1".into(),
                bank: "BTEJIRTH".into(),
                action: "accept".into(),
            },
            "bank",
            "neither the debtor's nor the creditor's",
        ),
        (
            "creditor's bank accepts",
            Command::Act {
                obligation: "INV-1".into(),
                bank: "MELIIRTH".into(),
                action: "accept".into(),
            },
            "action",
            "only the debtor's bank",
        ),
        (
            "unknown action",
            Command::Act {
                obligation: "INV-1".into(),
                bank: "HABBPKKA".into(),
                action: "approve".into(),
            },
            "action",
            "not one of",
        ),
        (
            "cycle without a fix",
            Command::RunCycle {
                value_date: date_text(day() + 5),
                ledger_balances: BTreeMap::new(),
            },
            "rate_fix",
            "no fix is published",
        ),
        (
            "configure twice",
            configure("1.00"),
            "corridor",
            "already configured",
        ),
    ];
    let before = fingerprint(&w);
    for (what, command, field, reason) in cases {
        let refusal = match w.prepare(day(), &command) {
            Err(r) => r,
            Ok(_) => panic!("{what}: accepted"),
        };
        assert_eq!(refusal.field, field, "{what}: {refusal}");
        assert!(refusal.reason.contains(reason), "{what}: {refusal}");
        assert!(w.execute(day(), &command).is_err(), "{what}");
        assert_eq!(fingerprint(&w), before, "{what}: the state changed");
    }
    // Repeating a command with the same fields is not a refusal and changes nothing.
    w.execute(day(), &ok).unwrap();
    w.execute(day(), &bank("HABBPKKA", "PK", "PKR", "1000.00"))
        .unwrap();
    assert_eq!(fingerprint(&w), before);
}

/// A valid cross-border invoice "I2" with one field changed.
fn with_invoice(change: impl FnOnce(&mut Option<String>, &mut String, &mut String)) -> Command {
    let mut command = invoice("I2", "PK-A", "IR-X", "1.00", "PKR", "MELIIRTH");
    if let Command::SubmitObligation {
        hs_code,
        issued,
        due,
        ..
    } = &mut command
    {
        change(hs_code, issued, due);
    }
    command
}

/// A valid trader with its tax id or legal name changed.
fn with_trader(
    id: &str,
    country: &str,
    bank: &str,
    change: impl FnOnce(&mut String, &mut String),
) -> Command {
    let mut command = trader(id, country, bank);
    if let Command::RegisterTrader {
        tax_id, legal_name, ..
    } = &mut command
    {
        change(tax_id, legal_name);
    }
    command
}

/// A corridor that is not configured refuses everything else, naming why.
#[test]
fn nothing_before_the_corridor_is_configured() {
    let w = Workflow::new(catalog());
    let r = w
        .prepare(day(), &bank("HABBPKKA", "PK", "PKR", "0"))
        .unwrap_err();
    assert_eq!(r.field, "corridor");
}

/// `PROPTEST_CASES` if set, else 64 with `CI=true` and 16 otherwise.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if std::env::var("CI").is_ok() { 64 } else { 16 })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Random invoices among the corridor's traders, random funding, one cycle posted to a real
    /// ledger: money is conserved per currency, bank positions sum to zero, no trader's net
    /// position in its home currency changes through set-off, no bank ends below its balance
    /// plus cap, the swap line holds (or the imbalance moved toward zero), and every settlement
    /// transfer posts.
    #[test]
    fn cycles_conserve_money_and_respect_caps(
        invoices in proptest::collection::vec((0usize..4, 0usize..4, 1u64..5_000_000, any::<bool>()), 1..40),
        funding in proptest::collection::vec(0u64..60_000_000, 4),
        swap_line in 0u64..200_000_000,
    ) {
        let mut w = Workflow::new(catalog());
        let mut l = Ledger::new();
        let traders = [("PK-A", "PK", "HABBPKKA"), ("PK-B", "PK", "MUCBPKKA"), ("IR-X", "IR", "MELIIRTH"), ("IR-Y", "IR", "BTEJIRTH")];
        let mut setup = vec![
            configure(&format!("{}.{:02}", swap_line / 100, swap_line % 100)),
            bank("HABBPKKA", "PK", "PKR", "100.00"),
            bank("MUCBPKKA", "PK", "PKR", "0"),
            bank("MELIIRTH", "IR", "IRR", "100000.00"),
            bank("BTEJIRTH", "IR", "IRR", "0"),
        ];
        for (t, c, b) in traders { setup.push(trader(t, c, b)); }
        for (k, (_, c, b)) in traders.iter().enumerate() {
            let scale = if *c == "IR" { 4000 } else { 1 };
            let minor = funding[k] * scale;
            if minor > 0 {
                setup.push(Command::FundBank { bic: (*b).into(), amount: format!("{}.{:02}", minor / 100, minor % 100) });
            }
        }
        setup.push(Command::PublishRate { value_date: date_text(day()), rate: "4163.85".into(), valid_from: date_text(day()), valid_to: date_text(day()), source: "t".into() });
        for c in &setup { post(&mut l, &w.execute(day(), c).unwrap()); }
        for (n, &(d, c, amount, accept)) in invoices.iter().enumerate() {
            if d == c { continue; }
            let (debtor, dc, _) = traders[d];
            let (creditor, _, cb) = traders[c];
            let currency = if dc == "PK" { "PKR" } else { "IRR" };
            let amount = if dc == "IR" { amount * 4000 } else { amount };
            let cmd = invoice(&format!("I{n}"), debtor, creditor, &format!("{}.{:02}", amount / 100, amount % 100), currency, cb);
            w.execute(day(), &cmd).unwrap();
            let db = traders[d].2;
            w.execute(day(), &Command::Act { obligation: format!("I{n}"), bank: db.into(), action: if accept { "accept" } else { "reject" }.into() }).unwrap();
        }
        let balances: BTreeMap<String, String> = l.accounts().map(|a| (a.id.to_string(), (a.credits_posted as i128 - a.debits_posted as i128).to_string())).collect();
        let before: Vec<_> = w.obligations().to_vec();
        let p = w.execute(day(), &Command::RunCycle { value_date: date_text(day()), ledger_balances: balances.clone() }).unwrap();
        post(&mut l, &p);
        l.check_invariants().unwrap();
        let cycle = w.cycles().last().unwrap().clone();
        // Positions sum to zero per currency.
        let mut sums: BTreeMap<money::Currency, i128> = BTreeMap::new();
        for (c, x) in cycle.positions.values() { *sums.entry(*c).or_default() += x; }
        prop_assert!(sums.values().all(|s| *s == 0), "{sums:?}");
        // Money is conserved per currency in the ledger (debits = credits per ledger).
        let mut per_ledger: BTreeMap<u32, (u128, u128)> = BTreeMap::new();
        for a in l.accounts() { let e = per_ledger.entry(a.ledger).or_default(); e.0 += a.debits_posted; e.1 += a.credits_posted; }
        prop_assert!(per_ledger.values().all(|(d, c)| d == c));
        // No bank below balance + cap.
        for b in w.banks() {
            let after = l.account(b.account).map(|a| a.credits_posted as i128 - a.debits_posted as i128).unwrap_or(0);
            prop_assert!(after >= -b.net_debit_cap, "{} at {after}, cap {}", b.bic, b.net_debit_cap);
        }
        // The swap line holds, or the imbalance moved toward zero.
        let line = cycle.swap_line;
        let f = &cycle.figures[&line.currency];
        let start = f.corridor_balance_after - f.corridor_position;
        prop_assert!(f.corridor_balance_after.abs() <= line.limit || f.corridor_balance_after.abs() <= start.abs());
        // Every cleared amount stays within its invoice.
        for (o, was) in w.obligations().iter().zip(&before) {
            prop_assert!(o.life.cleared >= was.life.cleared && o.life.cleared <= o.life.amount);
        }
        // Per trader, in its home currency: set off on what it owed equals set off on what it
        // was owed, domestic and cross-border alike.
        for (trader, (_, owed, owing)) in &cycle.set_off_by_trader {
            prop_assert_eq!(owed, owing, "{}", trader);
        }
    }
}
