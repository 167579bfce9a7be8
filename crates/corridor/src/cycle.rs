//! A clearing cycle, planned: optimal set-off through the gateways, what remains as payment
//! instructions in each party's home currency, net positions per bank and currency, the cap rule,
//! and the whole settlement as one linked (all-or-nothing) ledger batch.
//!
//! Settlement accounts: each currency has a **clearing account** (at its central bank) that
//! every net debtor pays into and every net creditor is paid from, and a **corridor account**
//! that carries the cross-border remainder (what the central banks settle between themselves).
//! A domestic residual moves from the debtor's bank to the creditor's bank; a cross-border one
//! moves from the importer's bank to its central bank's corridor account, and from the other
//! central bank's corridor account to the exporter's bank, each in its own currency.
//!
//! **Payment instructions** (DESIGN §3 step 5c): every residual that is **due** on the cycle's
//! value date becomes one [`Instruction`]: the debtor's bank pays in the debtor's home currency,
//! the creditor's bank is credited in the creditor's home currency (for a cross-border obligation
//! the two legs are the two sides of the invoice at the fix). The net positions are computed from
//! the instructions and nothing else, so the settlement is exactly the sum of the instructions
//! (the seam for pacs.008/pacs.009). The rest of a not-yet-due domestic obligation stays open
//! (its set-off is done) and waits for a later cycle. A not-yet-due cross-border obligation waits whole (listed as deferred): through
//! the gateways its two sides are set off by different amounts, so both residuals must be paid
//! in the cycle that sets it off.
//!
//! **Cap rule:** a bank whose net debit would exceed its available balance plus its net debit
//! cap has every obligation it is party to deferred to the next cycle (taken out before set-off,
//! since set-off changes everyone's positions), the cycle is planned again without them, and this
//! repeats until no bank breaches (at most once per bank). The deferred banks and obligations are
//! reported so that everyone is told; the rest of the cycle settles.
//!
//! **Swap-line rule:** the corridor account of the swap line's currency holds the cross-border
//! imbalance the central banks carry between themselves. A cycle's result is accepted when the
//! imbalance after it is within the limit (`|after| ≤ limit`), or when it keeps its sign and did
//! not grow (`sign(after) = sign(before)` and `|after| ≤ |before|`: an imbalance already beyond
//! the line may only shrink toward zero, never overshoot to the other side beyond the line).
//! Otherwise the bank whose cross-border residuals push furthest in the breaching direction
//! (valued in the swap line's currency at the fix) is deferred like a capped bank, and the cycle
//! is planned again.
//!
//! **Totals:** the report's "in total" figures are each currency's figures valued in the fix's
//! base currency (quote amounts converted at the fix, rounded toward zero). A conversion that
//! overflows refuses the cycle; it is never booked as zero.
//!
//! **Rounding residue:** each cross-border residual is converted at the fix, rounded toward zero,
//! so the two corridor accounts' positions differ from an exact mirror by a few minor units. The
//! difference is booked to the quote currency's **residue account** so that, after the cycle, the
//! corridor positions mirror each other at the fix (up to the sub-minor-unit remainder of that
//! one conversion, reported).

use clearing::{Corridor, NO_DUE_DATE, Obligations, clear_corridor};
use ledger::{Transfer, TransferFlags};
use money::{Currency, Rate};
use std::collections::BTreeMap;

/// A bank taking part in the cycle.
#[derive(Clone, Debug)]
pub struct Bank {
    pub bic: String,
    pub currency: Currency,
    /// Its settlement account in the ledger.
    pub account: u128,
    /// What its settlement account holds now (minor units).
    pub available: i128,
    /// How far below zero it may go in one cycle.
    pub net_debit_cap: i128,
}

/// A currency's settlement accounts in the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CurrencyAccounts {
    pub currency: Currency,
    pub clearing: u128,
    pub corridor: u128,
    /// Where conversion rounding residue is booked.
    pub residue: u128,
    /// The corridor account's balance before the cycle (credits − debits).
    pub corridor_balance: i128,
}

/// The limit on the cross-border imbalance the central banks carry for each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SwapLine {
    pub currency: Currency,
    /// In minor units of `currency`.
    pub limit: i128,
}

/// Everything a cycle needs.
#[derive(Clone, Debug)]
pub struct CycleInput<'a> {
    pub obligations: &'a Obligations,
    pub corridor: &'a Corridor,
    pub banks: &'a [Bank],
    pub accounts: [CurrencyAccounts; 2],
    pub swap_line: Option<SwapLine>,
    /// The cycle's number and value date (days since 1970-01-01): residuals due on or before it
    /// settle; both are written on every settlement transfer (`user_data_64`, `user_data_32`).
    pub cycle: u64,
    pub value_date: u32,
    /// The first ledger transfer id to use; the plan's transfers count up from it.
    pub first_transfer_id: u128,
    /// The ledger `code` of settlement transfers.
    pub code: u16,
}

/// Per-currency figures of a planned cycle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    /// Σ of what debtors owed in this currency (their side of every obligation in the cycle).
    pub gross: i128,
    /// Σ set off.
    pub set_off: i128,
    /// Σ left to pay after set-off (what settlement moves gross, before netting).
    pub settled: i128,
    /// Σ of the negative bank positions: the liquidity the banks need after netting.
    pub liquidity_needed: i128,
    /// Gross cross-border value submitted in this currency (importers' side).
    pub cross_border_submitted: i128,
    /// What actually crossed: the corridor account's net position (positive: received).
    pub corridor_position: i128,
    /// Residuals of obligations not yet due: left open for a later cycle.
    pub carried: i128,
    /// Rounding residue booked to the residue account in this currency.
    pub residue: i128,
    /// The corridor account's balance after the cycle: the imbalance carried between the
    /// central banks.
    pub corridor_balance_after: i128,
}

/// The cycle's figures in total: every currency's figures valued in the fix's base currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    /// The base currency of the fix, in which every total is expressed.
    pub currency: Currency,
    pub gross: i128,
    pub set_off: i128,
    pub settled: i128,
    pub carried: i128,
    pub liquidity_needed: i128,
    /// Gross cross-border value submitted, both directions.
    pub cross_border_submitted: i128,
    /// The net value that crossed the border in this cycle: the base currency's corridor
    /// position (positive: the base currency's side paid in more than it was paid, so value
    /// went from the base currency's country to the other).
    pub crossed: i128,
    /// The imbalance the central banks carry after the cycle: the base currency's corridor
    /// account balance (credits − debits; positive: over all cycles so far, the base
    /// currency's side has paid in more than it was paid).
    pub imbalance_after: i128,
}

/// One payment instruction: an obligation's residual that is due, paid by the debtor's bank in
/// the debtor's home currency and credited to the creditor's bank in the creditor's home
/// currency. Domestic: both legs are the same amount in the same currency. Cross-border: the two
/// sides of the invoice at the fix, each net of its own set-off; the paying leg goes to the
/// paying bank's central bank's corridor account, the receiving leg comes from the other's.
/// Through the gateways the two sides are set off by different amounts, so one leg of a
/// cross-border instruction can be zero (that side was set off whole) while the other is not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// The obligation (invoice) id.
    pub obligation: String,
    /// The debtor's bank (BIC) and what it pays, in its currency (minor units, ≥ 0).
    pub paying_bank: String,
    pub pay_currency: Currency,
    pub pay: i128,
    /// The creditor's bank (BIC) and what it is credited, in its currency (minor units, ≥ 0).
    pub receiving_bank: String,
    pub receive_currency: Currency,
    pub receive: i128,
}

impl Instruction {
    pub fn is_cross_border(&self) -> bool {
        self.pay_currency != self.receive_currency
    }
}

/// The plan of a cycle.
#[derive(Clone, Debug)]
pub struct CyclePlan {
    /// Obligations in the cycle, by index into the input; the others are deferred (a deferred
    /// bank's, or cross-border and not yet due).
    pub included: Vec<usize>,
    pub deferred: Vec<usize>,
    pub deferred_banks: Vec<String>,
    /// Why each deferred bank was deferred (same order).
    pub deferral_reasons: Vec<String>,
    /// Per included obligation (same order): cleared on the debtor's and the creditor's side,
    /// and whether its residual settles in this cycle (it is due).
    pub debtor_cleared: Vec<i128>,
    pub creditor_cleared: Vec<i128>,
    pub settles: Vec<bool>,
    /// The payment instructions: one per included obligation whose residual is due and not
    /// zero, in the order of the input.
    pub instructions: Vec<Instruction>,
    /// Net position per ledger account (banks, corridor accounts, the residue account), in its
    /// currency: the sum of the instructions, plus the residue booking.
    pub positions: BTreeMap<u128, (Currency, i128)>,
    pub figures: BTreeMap<Currency, Figures>,
    pub totals: Totals,
    /// Whole lots that crossed the border as set-off.
    pub lots: i128,
    /// The sub-minor-unit remainder left after booking the residue: numerator over
    /// denominator, in minor units of the quote currency.
    pub residue_remainder: (i128, i128),
    /// Per bank account: its net cross-border residual into its currency's corridor account.
    pub border_flows: BTreeMap<u128, i128>,
    /// The settlement: one linked chain, all or nothing.
    pub transfers: Vec<Transfer>,
}

/// Why a cycle cannot be planned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CycleError(pub String);

impl std::fmt::Display for CycleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cycle refused: {}", self.0)
    }
}

impl std::error::Error for CycleError {}

fn subset(o: &Obligations, keep: &[usize]) -> Obligations {
    let mut out = Obligations {
        firms: o.firms.clone(),
        banks: o.banks.clone(),
        currencies: o.currencies.clone(),
        ..Obligations::default()
    };
    for &i in keep {
        out.ids.push(o.ids[i].clone());
        out.debtor.push(o.debtor[i]);
        out.creditor.push(o.creditor[i]);
        out.amount.push(o.amount[i]);
        out.currency.push(o.currency[i]);
        out.due.push(o.due[i]);
        out.debtor_bank.push(o.debtor_bank[i]);
        out.creditor_bank.push(o.creditor_bank[i]);
    }
    out
}

/// Plans one cycle (see the module docs). Pure: nothing is posted.
pub fn plan(input: &CycleInput) -> Result<CyclePlan, CycleError> {
    let o = input.obligations;
    let by_bic: BTreeMap<&str, &Bank> = input.banks.iter().map(|b| (b.bic.as_str(), b)).collect();
    let bank_of = |name: &str| by_bic.get(name).copied();
    for i in 0..o.len() {
        for bank in [o.debtor_bank[i], o.creditor_bank[i]] {
            let name = o
                .banks
                .get(bank as usize)
                .map(|b| b.as_ref())
                .unwrap_or("(none)");
            if bank_of(name).is_none() {
                return Err(CycleError(format!(
                    "obligation {}: bank {name} does not take part in the cycle",
                    o.ids[i]
                )));
            }
        }
    }
    let mut deferred_banks: Vec<String> = Vec::new();
    let mut deferral_reasons: Vec<String> = Vec::new();
    // A cross-border obligation is set off on both sides through the gateways by different
    // amounts; both residuals must then be paid in the same cycle, or the two sides of the
    // invoice drift apart. So one that is not yet due waits whole for a later cycle.
    let currency_of = |bank: u32| bank_of(&o.banks[bank as usize]).map(|b| b.currency);
    let waits = |i: usize| {
        o.due[i] != NO_DUE_DATE
            && o.due[i] > input.value_date
            && currency_of(o.debtor_bank[i]) != currency_of(o.creditor_bank[i])
    };
    for _ in 0..=input.banks.len() {
        let deferred: std::collections::BTreeSet<&str> =
            deferred_banks.iter().map(|b| b.as_str()).collect();
        let included: Vec<usize> = (0..o.len())
            .filter(|&i| !waits(i))
            .filter(|&i| {
                !deferred.contains(&*o.banks[o.debtor_bank[i] as usize])
                    && !deferred.contains(&*o.banks[o.creditor_bank[i] as usize])
            })
            .collect();
        let plan = plan_once(input, &by_bic, &included)?;
        let mut breaching: Vec<(String, String)> = input
            .banks
            .iter()
            .filter_map(|b| {
                let position = plan.positions.get(&b.account).map_or(0, |p| p.1);
                (-position > b.available + b.net_debit_cap).then(|| {
                    (
                        b.bic.clone(),
                        format!(
                            "net debit {} exceeds its balance {} plus its net debit cap {} (minor units of {})",
                            -position, b.available, b.net_debit_cap, b.currency
                        ),
                    )
                })
            })
            .collect();
        if breaching.is_empty()
            && let Some(bank) = swap_line_breach(input, &plan)?
        {
            breaching.push(bank);
        }
        if breaching.is_empty() {
            let mut in_cycle = vec![false; o.len()];
            for &i in &included {
                in_cycle[i] = true;
            }
            let deferred = (0..o.len()).filter(|&i| !in_cycle[i]).collect();
            return Ok(CyclePlan {
                deferred,
                deferred_banks,
                deferral_reasons,
                ..plan
            });
        }
        for (bic, reason) in breaching {
            deferred_banks.push(bic);
            deferral_reasons.push(reason);
        }
    }
    Err(CycleError(
        "the cap rule did not settle (a bug: it defers at least one bank per round)".into(),
    ))
}

/// The bank to defer under the swap-line rule, if the plan breaches it (see the module docs).
fn swap_line_breach(
    input: &CycleInput,
    plan: &CyclePlan,
) -> Result<Option<(String, String)>, CycleError> {
    let Some(line) = input.swap_line else {
        return Ok(None);
    };
    let Some(f) = plan.figures.get(&line.currency) else {
        return Ok(None);
    };
    let before = f.corridor_balance_after - f.corridor_position;
    let after = f.corridor_balance_after;
    if swap_line_holds(line.limit, before, after) {
        return Ok(None);
    }
    // Value in the swap line's currency of a bank's flow into its own corridor account: the
    // other currency's corridor mirrors this one, so its flows count with the opposite sign.
    let sign = after.signum();
    let mut worst: Option<(i128, &Bank)> = None;
    let mut any: Option<(i128, &Bank)> = None;
    for bank in input.banks {
        let Some(&flow) = plan.border_flows.get(&bank.account) else {
            continue;
        };
        let value = if bank.currency == line.currency {
            flow
        } else {
            -input
                .corridor
                .rate
                .convert(flow, bank.currency)
                .map_err(|e| CycleError(format!("swap line valuation: {e}")))?
                .amount
        };
        if value * sign > 0 && worst.is_none_or(|(v, _)| value.abs() > v) {
            worst = Some((value.abs(), bank));
        }
        if value != 0 && any.is_none_or(|(v, _)| value.abs() > v) {
            any = Some((value.abs(), bank));
        }
    }
    // Only the rounding residue can breach with no bank pushing that way: then the bank with
    // the largest cross-border residuals goes, so that every round defers someone.
    let worst = worst.or(any);
    Ok(worst.map(|(value, bank)| {
        (
            bank.bic.clone(),
            format!(
                "the corridor imbalance would reach {after} minor units of {} against a swap line of {}; this bank's cross-border residuals add {value}",
                line.currency, line.limit
            ),
        )
    }))
}

/// The swap-line rule on the imbalance before and after a cycle (see the module docs): within
/// the limit, or the same sign and no larger.
pub fn swap_line_holds(limit: i128, before: i128, after: i128) -> bool {
    after.abs() <= limit || (after.signum() == before.signum() && after.abs() <= before.abs())
}

fn plan_once(
    input: &CycleInput,
    by_bic: &BTreeMap<&str, &Bank>,
    included: &[usize],
) -> Result<CyclePlan, CycleError> {
    let o = subset(input.obligations, included);
    let fail = |e: clearing::ClearingError| CycleError(e.to_string());
    let g = if o.is_empty() {
        None
    } else {
        Some(clear_corridor(&o, input.corridor).map_err(fail)?)
    };
    let accounts_of = |currency: Currency| {
        input
            .accounts
            .iter()
            .find(|a| a.currency == currency)
            .copied()
    };
    let mut positions: BTreeMap<u128, (Currency, i128)> = BTreeMap::new();
    let mut figures: BTreeMap<Currency, Figures> = BTreeMap::new();
    fn move_money(
        positions: &mut BTreeMap<u128, (Currency, i128)>,
        (from, to): (u128, u128),
        currency: Currency,
        amount: i128,
    ) {
        positions.entry(from).or_insert((currency, 0)).1 -= amount;
        positions.entry(to).or_insert((currency, 0)).1 += amount;
    }
    let bic = |bank: u32| -> &str { &o.banks[bank as usize] };
    let account_of = |bic: &str| {
        by_bic
            .get(bic)
            .map(|b| b.account)
            .ok_or_else(|| CycleError(format!("bank {bic} does not take part in the cycle")))
    };
    let (mut debtor_cleared, mut creditor_cleared) = (vec![0; o.len()], vec![0; o.len()]);
    let mut settles = vec![false; o.len()];
    let mut instructions = Vec::new();
    if let Some(g) = &g {
        for i in 0..o.len() {
            let (hd, hc) = (g.debtor_currency[i], g.creditor_currency[i]);
            let (rd, rc) = (
                g.debtor_amount[i] - g.debtor_cleared[i],
                g.creditor_amount[i] - g.creditor_cleared[i],
            );
            debtor_cleared[i] = g.debtor_cleared[i];
            creditor_cleared[i] = g.creditor_cleared[i];
            let fd = figures.entry(hd).or_default();
            fd.gross += g.debtor_amount[i];
            fd.set_off += g.debtor_cleared[i];
            if hd != hc {
                fd.cross_border_submitted += g.debtor_amount[i];
            }
            settles[i] = o.due[i] == NO_DUE_DATE || o.due[i] <= input.value_date;
            if !settles[i] {
                fd.carried += rd;
                continue;
            }
            fd.settled += rd;
            if rd != 0 || rc != 0 {
                instructions.push(Instruction {
                    obligation: o.ids[i].to_string(),
                    paying_bank: bic(o.debtor_bank[i]).to_string(),
                    pay_currency: hd,
                    pay: rd,
                    receiving_bank: bic(o.creditor_bank[i]).to_string(),
                    receive_currency: hc,
                    receive: rc,
                });
            }
        }
    }
    // Net positions: the instructions, summed per account.
    let mut border_flows: BTreeMap<u128, i128> = BTreeMap::new();
    for x in &instructions {
        let (payer, payee) = (account_of(&x.paying_bank)?, account_of(&x.receiving_bank)?);
        if !x.is_cross_border() {
            move_money(&mut positions, (payer, payee), x.pay_currency, x.pay);
            continue;
        }
        let (Some(home), Some(abroad)) =
            (accounts_of(x.pay_currency), accounts_of(x.receive_currency))
        else {
            return Err(CycleError(format!(
                "no settlement accounts for {} or {}",
                x.pay_currency, x.receive_currency
            )));
        };
        move_money(
            &mut positions,
            (payer, home.corridor),
            x.pay_currency,
            x.pay,
        );
        move_money(
            &mut positions,
            (abroad.corridor, payee),
            x.receive_currency,
            x.receive,
        );
        *border_flows.entry(payer).or_default() += x.pay;
        *border_flows.entry(payee).or_default() -= x.receive;
    }
    // Rounding residue: make the quote currency's corridor position the exact mirror (rounded
    // toward zero) of the base currency's at the fix; book the difference to its residue account.
    let rate = input.corridor.rate;
    let mut residue_remainder = (0, 1);
    let mut residue = None;
    if let (Some(base), Some(quote)) = (accounts_of(rate.base()), accounts_of(rate.quote())) {
        let base_position = positions.get(&base.corridor).map_or(0, |p| p.1);
        let quote_position = positions.get(&quote.corridor).map_or(0, |p| p.1);
        let mirror = rate
            .convert(-base_position, base.currency)
            .map_err(|e| CycleError(format!("residue conversion: {e}")))?;
        residue_remainder = (mirror.remainder, mirror.denominator);
        let difference = quote_position - mirror.amount;
        if difference != 0 {
            move_money(
                &mut positions,
                (quote.corridor, quote.residue),
                quote.currency,
                difference,
            );
            residue = Some((quote.currency, difference));
        }
    }
    positions.retain(|_, p| p.1 != 0);
    for currency in input.accounts.iter().map(|a| a.currency) {
        let f = figures.entry(currency).or_default();
        let accounts = accounts_of(currency).expect("listed");
        f.corridor_position = positions.get(&accounts.corridor).map_or(0, |p| p.1);
        f.corridor_balance_after = accounts.corridor_balance + f.corridor_position;
        if let Some((residue_currency, amount)) = residue
            && residue_currency == currency
        {
            f.residue = amount;
        }
        f.liquidity_needed = input
            .banks
            .iter()
            .filter(|b| b.currency == currency)
            .map(|b| positions.get(&b.account).map_or(0, |p| p.1))
            .filter(|p| *p < 0)
            .map(|p| -p)
            .sum();
    }
    let totals = totals(&rate, &figures)?;
    // Pair assertion: every currency's positions sum to zero.
    for currency in input.accounts.iter().map(|a| a.currency) {
        let sum: i128 = positions
            .values()
            .filter(|p| p.0 == currency)
            .map(|p| p.1)
            .sum();
        if sum != 0 {
            return Err(CycleError(format!(
                "{currency} positions sum to {sum}, not zero"
            )));
        }
    }
    // The settlement batch: net debtors pay the clearing account, net creditors are paid from
    // it, all linked so that it posts whole or not at all.
    let mut transfers = Vec::new();
    for (id, (&account, &(currency, position))) in (input.first_transfer_id..).zip(&positions) {
        let clearing = accounts_of(currency).expect("listed").clearing;
        let (debit, credit) = if position < 0 {
            (account, clearing)
        } else {
            (clearing, account)
        };
        transfers.push(Transfer {
            id,
            debit_account_id: debit,
            credit_account_id: credit,
            amount: position.unsigned_abs(),
            ledger: u32::from(currency.number()),
            code: input.code,
            user_data_64: input.cycle,
            user_data_32: input.value_date,
            flags: TransferFlags::LINKED,
            ..Transfer::default()
        });
    }
    if let Some(last) = transfers.last_mut() {
        last.flags = TransferFlags::NONE;
    }
    if transfers.len() > ledger::BATCH_MAX {
        return Err(CycleError(format!(
            "{} settlement transfers exceed one batch",
            transfers.len()
        )));
    }
    Ok(CyclePlan {
        included: included.to_vec(),
        deferred: Vec::new(),
        deferred_banks: Vec::new(),
        deferral_reasons: Vec::new(),
        debtor_cleared,
        creditor_cleared,
        settles,
        instructions,
        positions,
        figures,
        totals,
        lots: g.as_ref().map_or(0, |g| g.lots),
        residue_remainder,
        border_flows,
        transfers,
    })
}

/// Every currency's figures valued in the fix's base currency (see the module docs).
fn totals(rate: &Rate, figures: &BTreeMap<Currency, Figures>) -> Result<Totals, CycleError> {
    let base = rate.base();
    let value = |minor: i128, currency: Currency| -> Result<i128, CycleError> {
        if currency == base {
            return Ok(minor);
        }
        rate.convert(minor, currency)
            .map(|c| c.amount)
            .map_err(|e| {
                CycleError(format!(
                    "totals: {minor} minor units of {currency} cannot be valued at the fix: {e}"
                ))
            })
    };
    let add = |total: i128, minor: i128, currency: Currency| -> Result<i128, CycleError> {
        total
            .checked_add(value(minor, currency)?)
            .ok_or_else(|| CycleError("totals: the sum overflows".into()))
    };
    let mut t = Totals {
        currency: base,
        gross: 0,
        set_off: 0,
        settled: 0,
        carried: 0,
        liquidity_needed: 0,
        cross_border_submitted: 0,
        crossed: 0,
        imbalance_after: 0,
    };
    for (&c, f) in figures {
        t.gross = add(t.gross, f.gross, c)?;
        t.set_off = add(t.set_off, f.set_off, c)?;
        t.settled = add(t.settled, f.settled, c)?;
        t.carried = add(t.carried, f.carried, c)?;
        t.liquidity_needed = add(t.liquidity_needed, f.liquidity_needed, c)?;
        t.cross_border_submitted = add(t.cross_border_submitted, f.cross_border_submitted, c)?;
    }
    if let Some(f) = figures.get(&base) {
        t.crossed = f.corridor_position;
        t.imbalance_after = f.corridor_balance_after;
    }
    Ok(t)
}
