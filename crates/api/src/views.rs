//! What each role may see, and the JSON views of the workflow's records.

use crate::auth::{Principal, Role};
use corridor::workflow::{BankRecord, ObligationRecord, Trader, Workflow, date_text};
use money::Currency;
use serde_json::{Value, json};
use service::report::money;

pub fn bank_currency(w: &Workflow, bic: &str) -> Option<Currency> {
    w.bank(bic).map(|b| b.currency)
}

pub fn sees_all(p: &Principal) -> bool {
    matches!(p.role, Role::Operator | Role::Auditor)
}

pub fn sees_bank(p: &Principal, b: &BankRecord) -> bool {
    match &p.role {
        Role::Operator | Role::Auditor => true,
        Role::CentralBank(c) => b.currency == *c,
        Role::Bank(bic) => *bic == b.bic,
    }
}

pub fn sees_trader(p: &Principal, w: &Workflow, t: &Trader) -> bool {
    match &p.role {
        Role::Operator | Role::Auditor => true,
        Role::CentralBank(c) => bank_currency(w, &t.bank) == Some(*c),
        Role::Bank(bic) => *bic == t.bank,
    }
}

/// The debtor's and the creditor's banks.
pub fn obligation_banks(w: &Workflow, o: &ObligationRecord) -> (String, String) {
    let bank = |t: &str| w.trader(t).map_or(String::new(), |t| t.bank.clone());
    (bank(&o.debtor), bank(&o.creditor))
}

pub fn sees_obligation(p: &Principal, w: &Workflow, o: &ObligationRecord) -> bool {
    let (d, c) = obligation_banks(w, o);
    match &p.role {
        Role::Operator | Role::Auditor => true,
        Role::CentralBank(cur) => {
            o.currency == *cur
                || bank_currency(w, &d) == Some(*cur)
                || bank_currency(w, &c) == Some(*cur)
        }
        Role::Bank(bic) => *bic == d || *bic == c,
    }
}

pub fn sees_account(p: &Principal, w: &Workflow, account: u128, currency: Currency) -> bool {
    match &p.role {
        Role::Operator | Role::Auditor => true,
        Role::CentralBank(c) => currency == *c,
        Role::Bank(bic) => w.bank(bic).is_some_and(|b| b.account == account),
    }
}

pub fn bank(b: &BankRecord) -> Value {
    json!({
        "bic": b.bic,
        "name": b.name,
        "country": b.country,
        "currency": b.currency.code(),
        "net_debit_cap": money(b.net_debit_cap, b.currency),
        "account": b.account.to_string(),
    })
}

pub fn trader(t: &Trader) -> Value {
    json!({
        "id": t.id,
        "legal_name": t.legal_name,
        "original_name": t.original_name,
        "tax_id": t.tax_id,
        "country": t.country,
        "bank": t.bank,
    })
}

/// An amount on the wire, borrowed: `{"amount": "1250.00", "currency": "PKR"}`.
#[derive(serde::Serialize)]
struct MoneyView {
    amount: String,
    currency: &'static str,
}

impl MoneyView {
    fn of(minor: i128, currency: Currency) -> MoneyView {
        MoneyView {
            amount: money::format_minor(minor, currency).unwrap_or_else(|_| minor.to_string()),
            currency: currency.code(),
        }
    }
}

/// An obligation's view, its fields in alphabetical order: serialized directly it gives the
/// very bytes of the same view as a `Value` (whose keys are sorted), without building one.
#[derive(serde::Serialize)]
struct ObligationView<'a> {
    amount: MoneyView,
    cleared: MoneyView,
    creditor: &'a str,
    creditor_bank: &'a str,
    cycles: &'a [u64],
    debtor: &'a str,
    debtor_bank: &'a str,
    due: String,
    hs_code: Option<&'a str>,
    id: &'a str,
    issued: String,
    overdue: bool,
    status: &'static str,
    submitted_by: &'a str,
}

fn obligation_view<'a>(w: &'a Workflow, o: &'a ObligationRecord, today: u32) -> ObligationView<'a> {
    let bank = |t: &str| w.trader(t).map_or("", |t| t.bank.as_str());
    ObligationView {
        amount: MoneyView::of(o.life.amount, o.currency),
        cleared: MoneyView::of(o.life.cleared, o.currency),
        creditor: &o.creditor,
        creditor_bank: bank(&o.creditor),
        cycles: &o.cycles,
        debtor: &o.debtor,
        debtor_bank: bank(&o.debtor),
        due: date_text(o.life.due),
        hs_code: o.hs_code.as_deref(),
        id: &o.id,
        issued: date_text(o.issued),
        overdue: o.life.is_overdue(today),
        status: o.life.state.name(),
        submitted_by: &o.submitted_by,
    }
}

pub fn obligation(w: &Workflow, o: &ObligationRecord, today: u32) -> Value {
    serde_json::to_value(obligation_view(w, o, today)).unwrap_or(Value::Null)
}

/// [`obligation`] as the bytes of its JSON text (the same bytes as `obligation(..).to_string()`).
pub fn obligation_bytes(w: &Workflow, o: &ObligationRecord, today: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    let _ = serde_json::to_writer(&mut out, &obligation_view(w, o, today));
    out
}

pub fn rate_fix(f: &corridor::rates::RateFix) -> Value {
    json!({
        "corridor": f.corridor,
        "value_date": date_text(f.value_date),
        "base": f.rate.base().code(),
        "quote": f.rate.quote().code(),
        "rate": f.rate.to_decimal_string(),
        "source": f.source,
        "valid_from": date_text(f.valid_from),
        "valid_to": date_text(f.valid_to),
    })
}

pub fn corridor(w: &Workflow) -> Option<Value> {
    let c = w.config()?;
    Some(json!({
        "name": c.name,
        "sides": c.sides.iter().map(|s| json!({
            "country": s.country,
            "currency": s.currency.code(),
            "central_bank": s.central_bank,
            "central_bank_name": s.central_bank_name,
        })).collect::<Vec<_>>(),
        "cut_off": format!("{:02}:{:02}", c.cut_off_minutes / 60, c.cut_off_minutes % 60),
        "swap_line": money(c.swap_line.limit, c.swap_line.currency),
        "hs_policy": {
            "default": if c.hs_policy.default == corridor::hs::Verdict::Allow { "allow" } else { "deny" },
            "rules": c.hs_policy.rules.iter().map(|r| json!({
                "prefix": r.prefix,
                "verdict": if r.verdict == corridor::hs::Verdict::Allow { "allow" } else { "deny" },
            })).collect::<Vec<_>>(),
        },
        "barter_window_days": c.barter_window_days,
        "barter_tolerance_percent": c.barter_tolerance_percent,
    }))
}

/// A cycle's report as the caller may see it: everything for the operator and auditors; a
/// central bank its currency only (figures, positions, deferred banks and payment
/// instructions in it; nothing that adds up both currencies); a bank its own position, its
/// own deferral and its own payment instructions.
pub fn cycle(p: &Principal, w: &Workflow, c: &corridor::workflow::CycleRecord) -> Value {
    let mut report = service::report::cycle(w, c);
    match &p.role {
        Role::Operator | Role::Auditor => report,
        Role::CentralBank(currency) => {
            let code = currency.code();
            if let Some(map) = report["currencies"].as_object_mut() {
                map.retain(|c, _| c == code);
            }
            if let Some(list) = report["positions"].as_array_mut() {
                list.retain(|p| p["position"]["currency"] == code);
            }
            if let Some(list) = report["deferred_banks"].as_array_mut() {
                list.retain(|d| {
                    d["bic"]
                        .as_str()
                        .and_then(|bic| bank_currency(w, bic))
                        .is_some_and(|c| c == *currency)
                });
            }
            if let Some(list) = report["payment_instructions"].as_array_mut() {
                list.retain(|x| x["pay"]["currency"] == code || x["receive"]["currency"] == code);
            }
            if let Some(map) = report.as_object_mut() {
                // Totals over both currencies and counts over the whole corridor.
                for key in ["total_in_base_currency", "eligible", "included", "deferred"] {
                    map.remove(key);
                }
            }
            report
        }
        Role::Bank(bic) => {
            let position = report["positions"]
                .as_array()
                .and_then(|l| l.iter().find(|p| p["name"] == bic.as_str()).cloned());
            let deferral = c
                .deferred_banks
                .iter()
                .find(|(b, _)| b == bic)
                .map(|(_, why)| why.clone());
            let instructions: Vec<Value> = report["payment_instructions"]
                .as_array()
                .map(|l| {
                    l.iter()
                        .filter(|x| {
                            x["paying_bank"] == bic.as_str() || x["receiving_bank"] == bic.as_str()
                        })
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "cycle": c.number,
                "value_date": date_text(c.value_date),
                "rate": report["rate"],
                "position": position,
                "deferred": deferral.is_some(),
                "deferral_reason": deferral,
                "payment_instructions": instructions,
            })
        }
    }
}

/// Per trader, what a cycle set off (home currency): on what it owed and on what it was owed
/// (always equal: set-off never moves a net position), for the traders the caller may see.
pub fn set_off(p: &Principal, w: &Workflow, c: &corridor::workflow::CycleRecord) -> Value {
    let traders: Vec<Value> = c
        .set_off_by_trader
        .iter()
        .filter(|(id, _)| sees_all(p) || w.trader(id).is_some_and(|t| sees_trader(p, w, t)))
        .map(|(id, (currency, owed, owed_to))| {
            json!({
                "trader": id,
                "set_off_on_debts": money(*owed, *currency),
                "set_off_on_claims": money(*owed_to, *currency),
            })
        })
        .collect();
    json!({ "cycle": c.number, "value_date": date_text(c.value_date), "traders": traders })
}

/// A ledger account: what the corridor calls it, its currency and balances.
pub fn account(w: &Workflow, a: &ledger::Account, currency: Currency) -> Value {
    let m = |v: u128| money(v as i128, currency);
    json!({
        "account": a.id.to_string(),
        "name": w.account_name(a.id),
        "currency": currency.code(),
        "balance": money(a.credits_posted as i128 - a.debits_posted as i128, currency),
        "debits_posted": m(a.debits_posted),
        "credits_posted": m(a.credits_posted),
        "debits_pending": m(a.debits_pending),
        "credits_pending": m(a.credits_pending),
        "history": a.flags.contains(ledger::AccountFlags::HISTORY),
    })
}

/// One transfer as seen from `account`: debit or credit, the other account, the amount.
pub fn transfer(t: &ledger::Transfer, account: u128, currency: Currency) -> Value {
    let debit = t.debit_account_id == account;
    json!({
        "transfer": t.id.to_string(),
        "timestamp": t.timestamp.to_string(),
        "direction": if debit { "debit" } else { "credit" },
        "counterparty": (if debit { t.credit_account_id } else { t.debit_account_id }).to_string(),
        "amount": money(t.amount as i128, currency),
        "code": t.code,
        "value_date": if t.user_data_32 == 0 { Value::Null } else { json!(date_text(t.user_data_32)) },
        "reference": t.reference.as_str(),
    })
}

/// An account's balances right after one of its transfers.
pub fn balance_entry(b: &ledger::AccountBalance, currency: Currency) -> Value {
    let m = |v: u128| money(v as i128, currency);
    json!({
        "timestamp": b.timestamp.to_string(),
        "balance": money(b.credits_posted as i128 - b.debits_posted as i128, currency),
        "debits_posted": m(b.debits_posted),
        "credits_posted": m(b.credits_posted),
        "debits_pending": m(b.debits_pending),
        "credits_pending": m(b.credits_pending),
    })
}
