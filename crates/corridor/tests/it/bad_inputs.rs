//! The table of bad inputs: every kind the workflow issue names (and more), each with the field
//! it must name and a piece of the reason. Shared by the workflow's tests (`tests/it/workflow.rs`)
//! and the service's (included with `#[path]`), which runs every case through the journal.

#![allow(dead_code)]

use corridor::workflow::{Command, date_text, parse_day};
use std::collections::BTreeMap;

/// The day every command of the table runs on.
pub fn day() -> u32 {
    parse_day("2026-11-23").unwrap()
}

pub fn configure(swap_line: &str) -> Command {
    Command::pk_ir(swap_line)
}

pub fn bank(bic: &str, country: &str, currency: &str, cap: &str) -> Command {
    Command::RegisterBank {
        bic: bic.into(),
        name: format!("Bank {bic}"),
        country: country.into(),
        currency: currency.into(),
        net_debit_cap: cap.into(),
    }
}

pub fn trader(id: &str, country: &str, bank: &str) -> Command {
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

/// An invoice issued and due on [`day`], rice.
pub fn invoice(
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

pub fn fix(value_date: u32) -> Command {
    Command::PublishRate {
        value_date: date_text(value_date),
        rate: "4163.85".into(),
        valid_from: date_text(value_date),
        valid_to: date_text(value_date),
        source: "test".into(),
    }
}

/// A corridor with two banks per side, one trader per bank, a fix for [`day`]: what the table
/// runs against (with the invoice "INV-1" of [`first_invoice`] submitted).
pub fn world() -> Vec<Command> {
    vec![
        configure("1000000.00"),
        bank("HABBPKKA", "PK", "PKR", "1000.00"),
        bank("MUCBPKKA", "PK", "PKR", "1000.00"),
        bank("MELIIRTH", "IR", "IRR", "1000000.00"),
        bank("BTEJIRTH", "IR", "IRR", "1000000.00"),
        trader("PK-A", "PK", "HABBPKKA"),
        trader("PK-B", "PK", "MUCBPKKA"),
        trader("IR-X", "IR", "MELIIRTH"),
        trader("IR-Y", "IR", "BTEJIRTH"),
        fix(day()),
    ]
}

pub fn first_invoice() -> Command {
    invoice("INV-1", "PK-A", "IR-X", "100.00", "PKR", "MELIIRTH")
}

/// A valid cross-border invoice "I2" with one field changed.
pub fn with_invoice(change: impl FnOnce(&mut Option<String>, &mut String, &mut String)) -> Command {
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
pub fn with_trader(
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

/// (what, command, the field the refusal names, a piece of its reason), each run on [`day`]
/// against [`world`] plus [`first_invoice`].
pub fn cases() -> Vec<(&'static str, Command, &'static str, &'static str)> {
    let past = day() - 1;
    vec![
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
                value_date: date_text(past),
                ledger_balances: BTreeMap::new(),
            },
            "rate_fix",
            "no rate fix",
        ),
        (
            "cycle for a later day (a typo would lock out earlier dates)",
            Command::RunCycle {
                value_date: date_text(day() + 30),
                ledger_balances: BTreeMap::new(),
            },
            "value_date",
            "is after today (2026-11-23)",
        ),
        (
            "cycle for a bad date",
            Command::RunCycle {
                value_date: "2026-13-01".into(),
                ledger_balances: BTreeMap::new(),
            },
            "value_date",
            "not a date",
        ),
        (
            "cycle with a malformed ledger balance",
            Command::RunCycle {
                value_date: date_text(day()),
                ledger_balances: BTreeMap::from([("10000".to_string(), "1.5".to_string())]),
            },
            "ledger_balances",
            "not an account id and an integer",
        ),
        (
            "invoice issued in the future (2030)",
            with_invoice(|_, issued, due| {
                *issued = "2030-01-01".into();
                *due = "2030-01-01".into();
            }),
            "issued",
            "after today",
        ),
        (
            "invoice issued long ago (1971)",
            with_invoice(|_, issued, _| *issued = "1971-01-01".into()),
            "issued",
            "more than 365 days before today",
        ),
        (
            "invoice due years after its issue",
            with_invoice(|_, _, due| *due = "2030-01-01".into()),
            "due",
            "more than 365 days after the issue date",
        ),
        (
            "uphold a dispute that was never raised",
            Command::Act {
                obligation: "INV-1".into(),
                bank: "MELIIRTH".into(),
                action: "uphold".into(),
            },
            "action",
            "not disputed",
        ),
        (
            "configure twice",
            configure("1.00"),
            "corridor",
            "already configured",
        ),
    ]
}
