//! The barter-window report: per trader, cross-border exports and imports inside a window.
//!
//! Pakistan's barter regime (research/domain.md) asks that a trader's imports from Iran be
//! matched by exports to Iran within a window (120 days by default) and within a tolerance
//! (20 % by default). This report shows, per trader, the value of their cross-border invoices
//! issued in the window `[until − days + 1, until]` (both ends included: with 120 days and
//! `until` = day 120, day 1 counts and day 0 does not) — exports (the trader is the creditor)
//! and imports (the debtor) — in the trader's home currency, at the invoice's full amount.
//!
//! Which invoices count: those the debtor's bank accepted, whatever happened next (accepted,
//! partly cleared, cleared, settled, disputed, with a cancellation requested). Those not yet
//! accepted (submitted), rejected or cancelled (also a dispute upheld) do not; nor do domestic
//! ones.
//!
//! An invoice in the other currency is valued at the newest rate fix inside the window (on or
//! before `until`), converted per invoice and rounded toward zero; with no fix in the window the
//! report is refused, naming `until`.
//!
//! A trader is **balanced** when `|exports − imports| × 100 ≤ tolerance % × max(exports,
//! imports)`, exactly in integers (the boundary counts as balanced).

use crate::Refusal;
use crate::lifecycle::State;
use crate::workflow::{Workflow, date_text};
use money::{Currency, Rate};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Balance {
    Balanced,
    ExportsExceed,
    ImportsExceed,
}

impl Balance {
    /// How reports say it.
    pub fn text(&self) -> &'static str {
        match self {
            Balance::Balanced => "balanced",
            Balance::ExportsExceed => "exports exceed imports",
            Balance::ImportsExceed => "imports exceed exports",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarterLine {
    pub trader: String,
    pub country: String,
    pub currency: Currency,
    pub exports: i128,
    pub imports: i128,
    pub invoices: usize,
    pub balance: Balance,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarterReport {
    pub from: u32,
    pub until: u32,
    pub tolerance_percent: u32,
    pub rate: Option<Rate>,
    pub lines: Vec<BarterLine>,
}

/// Builds the report for the window ending `until` (every trader with cross-border invoices in
/// it, or only `trader`).
pub fn report(
    workflow: &Workflow,
    until: u32,
    trader: Option<&str>,
) -> Result<BarterReport, Refusal> {
    let config = workflow
        .config()
        .ok_or_else(|| Refusal::new("corridor", "the corridor is not configured yet"))?;
    if let Some(t) = trader
        && workflow.trader(t).is_none()
    {
        return Err(Refusal::new(
            "trader",
            format!("{t:?} is not a registered trader"),
        ));
    }
    let days = config.barter_window_days;
    let from = until.saturating_sub(days - 1);
    let rate = (0..=until)
        .rev()
        .take(days as usize)
        .find_map(|d| workflow.rate_fix(d).map(|f| f.rate));
    let mut lines: BTreeMap<String, BarterLine> = BTreeMap::new();
    for o in workflow.obligations() {
        if o.issued < from
            || o.issued > until
            || matches!(
                o.life.state,
                State::Rejected | State::Cancelled | State::Submitted
            )
        {
            continue;
        }
        let (Some(d), Some(c)) = (workflow.trader(&o.debtor), workflow.trader(&o.creditor)) else {
            continue;
        };
        if d.country == c.country {
            continue;
        }
        for (party, export) in [(c, true), (d, false)] {
            if trader.is_some_and(|t| t != party.id) {
                continue;
            }
            let Some(home) = config.side_of_country(&party.country).map(|s| s.currency) else {
                continue;
            };
            let value = if o.currency == home {
                o.life.amount
            } else {
                let Some(rate) = rate else {
                    return Err(Refusal::new(
                        "until",
                        format!(
                            "no rate fix in the window ending {} to value {} invoices",
                            date_text(until),
                            o.currency
                        ),
                    ));
                };
                rate.convert(o.life.amount, o.currency)
                    .map_err(|e| Refusal::new("rate", e.to_string()))?
                    .amount
            };
            let line = lines.entry(party.id.clone()).or_insert(BarterLine {
                trader: party.id.clone(),
                country: party.country.clone(),
                currency: home,
                exports: 0,
                imports: 0,
                invoices: 0,
                balance: Balance::Balanced,
            });
            if export {
                line.exports += value;
            } else {
                line.imports += value;
            }
            line.invoices += 1;
        }
    }
    let tolerance = i128::from(config.barter_tolerance_percent);
    let mut lines: Vec<BarterLine> = lines.into_values().collect();
    for line in &mut lines {
        let gap = line.exports - line.imports;
        line.balance = if gap.abs() * 100 <= tolerance * line.exports.max(line.imports) {
            Balance::Balanced
        } else if gap > 0 {
            Balance::ExportsExceed
        } else {
            Balance::ImportsExceed
        };
    }
    Ok(BarterReport {
        from,
        until,
        tolerance_percent: config.barter_tolerance_percent,
        rate,
        lines,
    })
}
