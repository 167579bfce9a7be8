//! Reports as JSON for people's tools: amounts are decimal strings in major units with their
//! currency code, never JSON numbers.

use corridor::barter::BarterReport;
use corridor::statement::Statement;
use corridor::workflow::{CycleRecord, Workflow, date_text};
use money::{Currency, format_minor};
use serde_json::{Value, json};

/// `{"amount": "1250.00", "currency": "PKR"}`.
pub fn money(minor: i128, currency: Currency) -> Value {
    json!({
        "amount": format_minor(minor, currency).unwrap_or_else(|_| minor.to_string()),
        "currency": currency.code(),
    })
}

/// Percent of `part` in `whole`, two decimals, as text (no floats near money: integer math).
pub fn percent(part: i128, whole: i128) -> String {
    if whole == 0 {
        return "0.00".into();
    }
    let basis = part * 10_000 / whole;
    let sign = if basis < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", basis.abs() / 100, basis.abs() % 100)
}

/// A cycle's report: per currency and in total the figures of the workflow issue, the bank
/// positions (which sum to zero per currency), deferrals and the swap line.
pub fn cycle(workflow: &Workflow, c: &CycleRecord) -> Value {
    let currencies: serde_json::Map<String, Value> = c
        .figures
        .iter()
        .map(|(currency, f)| {
            let positions_sum: i128 = c
                .positions
                .values()
                .filter(|p| p.0 == *currency)
                .map(|p| p.1)
                .sum();
            (
                currency.code().to_string(),
                json!({
                    "gross": money(f.gross, *currency),
                    "set_off": money(f.set_off, *currency),
                    "set_off_percent": percent(f.set_off, f.gross),
                    "settled": money(f.settled, *currency),
                    "carried_not_yet_due": money(f.carried, *currency),
                    "liquidity_needed_after_netting": money(f.liquidity_needed, *currency),
                    "liquidity_percent_of_gross": percent(f.liquidity_needed, f.gross),
                    "cross_border_submitted": money(f.cross_border_submitted, *currency),
                    "crossed": money(f.corridor_position, *currency),
                    "corridor_imbalance_after": money(f.corridor_balance_after, *currency),
                    "rounding_residue_booked": money(f.residue, *currency),
                    "positions_sum": money(positions_sum, *currency),
                }),
            )
        })
        .collect();
    // In total: every currency valued in the fix's base currency (computed with the cycle,
    // where a conversion that fails refuses the cycle instead of counting as zero).
    let t = &c.totals;
    let base = t.currency;
    let (quote, other) = (c.rate.quote(), c.rate.base());
    let direction = match t.crossed.signum() {
        1 => format!("from the {other} side to the {quote} side"),
        -1 => format!("from the {quote} side to the {other} side"),
        _ => "nothing crossed".to_string(),
    };
    let instructions: Vec<Value> = c
        .instructions
        .iter()
        .map(|x| {
            json!({
                "obligation": x.obligation,
                "paying_bank": x.paying_bank,
                "pay": money(x.pay, x.pay_currency),
                "receiving_bank": x.receiving_bank,
                "receive": money(x.receive, x.receive_currency),
                "cross_border": x.is_cross_border(),
            })
        })
        .collect();
    json!({
        "cycle": c.number,
        "value_date": date_text(c.value_date),
        "rate": { "base": base.code(), "quote": quote.code(), "value": c.rate.to_decimal_string() },
        "eligible": c.eligible,
        "included": c.included,
        "deferred": c.deferred,
        "deferred_banks": c.deferred_banks.iter().map(|(bic, why)| json!({"bic": bic, "reason": why})).collect::<Vec<_>>(),
        "currencies": currencies,
        "total_in_base_currency": {
            "gross": money(t.gross, base),
            "set_off": money(t.set_off, base),
            "set_off_percent": percent(t.set_off, t.gross),
            "settled": money(t.settled, base),
            "carried_not_yet_due": money(t.carried, base),
            "liquidity_needed_after_netting": money(t.liquidity_needed, base),
            "liquidity_percent_of_gross": percent(t.liquidity_needed, t.gross),
            "cross_border_submitted": money(t.cross_border_submitted, base),
            "crossed": money(t.crossed.abs(), base),
            "crossed_direction": direction,
            "crossed_percent_of_cross_border_submitted": percent(t.crossed.abs(), t.cross_border_submitted),
            "imbalance_after": money(t.imbalance_after, base),
        },
        "swap_line": {
            "limit": money(c.swap_line.limit, c.swap_line.currency),
            "imbalance_after": money(c.figures.get(&c.swap_line.currency).map_or(0, |f| f.corridor_balance_after), c.swap_line.currency),
        },
        "lots_across_the_border": c.lots.to_string(),
        "residue_remainder": format!("{}/{}", c.residue_remainder.0, c.residue_remainder.1),
        "settlement_transfers": c.transfers,
        "positions": c.positions.iter().map(|(account, (currency, position))| json!({
            "account": account.to_string(),
            "name": workflow.account_name(*account),
            "position": money(*position, *currency),
        })).collect::<Vec<_>>(),
        "payment_instructions": instructions,
    })
}

pub fn statement(bic: &str, s: &Statement) -> Value {
    let currency = Currency::from_number(s.ledger as u16);
    let m = |minor: i128| match currency {
        Some(c) => money(minor, c),
        None => json!({"amount": minor.to_string(), "currency": s.ledger.to_string()}),
    };
    json!({
        "bank": bic,
        "account": s.account.to_string(),
        "from": date_text(s.from),
        "to": date_text(s.to),
        "opening": m(s.opening),
        "entries": s.entries.iter().map(|e| json!({
            "transfer": e.transfer.to_string(),
            "value_date": date_text(e.value_date),
            "amount": m(e.amount),
            "counterparty": e.counterparty.to_string(),
            "kind": if e.code == corridor::workflow::codes::FUNDING { "funding" } else { "settlement" },
            "cycle": e.cycle,
        })).collect::<Vec<_>>(),
        "closing": m(s.closing),
        "after_the_period": m(s.later),
        "ledger_balance": m(s.ledger_balance),
        "reconciled": s.reconciles(),
    })
}

pub fn barter(r: &BarterReport) -> Value {
    json!({
        "from": date_text(r.from),
        "until": date_text(r.until),
        "tolerance_percent": r.tolerance_percent,
        "rate": r.rate.map(|x| x.to_decimal_string()),
        "traders": r.lines.iter().map(|l| json!({
            "trader": l.trader,
            "country": l.country,
            "exports": money(l.exports, l.currency),
            "imports": money(l.imports, l.currency),
            "invoices": l.invoices,
            "balance": l.balance.text(),
        })).collect::<Vec<_>>(),
    })
}
