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
//! **Cap rule:** a bank whose net debit would exceed its available balance plus its net debit
//! cap has every obligation it is party to deferred to the next cycle (taken out before set-off,
//! since set-off changes everyone's positions), the cycle is planned again without them, and this
//! repeats until no bank breaches (at most once per bank). The deferred banks and obligations are
//! reported so that everyone is told; the rest of the cycle settles.

use clearing::{Corridor, Obligations, clear_corridor};
use ledger::{Transfer, TransferFlags};
use money::Currency;
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
#[derive(Clone, Copy, Debug)]
pub struct CurrencyAccounts {
    pub currency: Currency,
    pub clearing: u128,
    pub corridor: u128,
}

/// Everything a cycle needs.
#[derive(Clone, Debug)]
pub struct CycleInput<'a> {
    pub obligations: &'a Obligations,
    pub corridor: &'a Corridor,
    pub banks: &'a [Bank],
    pub accounts: [CurrencyAccounts; 2],
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
}

/// The plan of a cycle.
#[derive(Clone, Debug)]
pub struct CyclePlan {
    /// Obligations in the cycle (not deferred), by index into the input.
    pub included: Vec<usize>,
    pub deferred: Vec<usize>,
    pub deferred_banks: Vec<String>,
    /// Per included obligation (same order): cleared on the debtor's and the creditor's side.
    pub debtor_cleared: Vec<i128>,
    pub creditor_cleared: Vec<i128>,
    /// Net position per ledger account (banks, corridor accounts), in its currency.
    pub positions: BTreeMap<u128, (Currency, i128)>,
    pub figures: BTreeMap<Currency, Figures>,
    /// Whole lots that crossed the border as set-off.
    pub lots: i128,
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
    let bank_of = |name: &str| input.banks.iter().find(|b| b.bic == name);
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
    for _ in 0..=input.banks.len() {
        let included: Vec<usize> = (0..o.len())
            .filter(|&i| {
                !deferred_banks.iter().any(|b| {
                    *b == *o.banks[o.debtor_bank[i] as usize]
                        || *b == *o.banks[o.creditor_bank[i] as usize]
                })
            })
            .collect();
        let plan = plan_once(input, &included)?;
        let breaching: Vec<String> = input
            .banks
            .iter()
            .filter(|b| {
                let position = plan.positions.get(&b.account).map_or(0, |p| p.1);
                -position > b.available + b.net_debit_cap
            })
            .map(|b| b.bic.clone())
            .collect();
        if breaching.is_empty() {
            let deferred = (0..o.len()).filter(|i| !included.contains(i)).collect();
            return Ok(CyclePlan {
                deferred,
                deferred_banks,
                ..plan
            });
        }
        deferred_banks.extend(breaching);
    }
    Err(CycleError(
        "the cap rule did not settle (a bug: it defers at least one bank per round)".into(),
    ))
}

fn plan_once(input: &CycleInput, included: &[usize]) -> Result<CyclePlan, CycleError> {
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
    let mut move_money = |from: u128, to: u128, currency: Currency, amount: i128| {
        positions.entry(from).or_insert((currency, 0)).1 -= amount;
        positions.entry(to).or_insert((currency, 0)).1 += amount;
    };
    let bank_account = |bank: u32| {
        let name = &o.banks[bank as usize];
        input
            .banks
            .iter()
            .find(|b| *b.bic == **name)
            .map(|b| b.account)
            .expect("checked above")
    };
    let (mut debtor_cleared, mut creditor_cleared) = (vec![0; o.len()], vec![0; o.len()]);
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
            fd.settled += rd;
            let (debtor_bank, creditor_bank) = (
                bank_account(o.debtor_bank[i]),
                bank_account(o.creditor_bank[i]),
            );
            if hd == hc {
                move_money(debtor_bank, creditor_bank, hd, rd);
                continue;
            }
            fd.cross_border_submitted += g.debtor_amount[i];
            let (Some(home), Some(abroad)) = (accounts_of(hd), accounts_of(hc)) else {
                return Err(CycleError(format!(
                    "no settlement accounts for {hd} or {hc}"
                )));
            };
            move_money(debtor_bank, home.corridor, hd, rd);
            move_money(abroad.corridor, creditor_bank, hc, rc);
        }
    }
    positions.retain(|_, p| p.1 != 0);
    for currency in input.accounts.iter().map(|a| a.currency) {
        let f = figures.entry(currency).or_default();
        let accounts = accounts_of(currency).expect("listed");
        f.corridor_position = positions.get(&accounts.corridor).map_or(0, |p| p.1);
        f.liquidity_needed = input
            .banks
            .iter()
            .filter(|b| b.currency == currency)
            .map(|b| positions.get(&b.account).map_or(0, |p| p.1))
            .filter(|p| *p < 0)
            .map(|p| -p)
            .sum();
    }
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
        debtor_cleared,
        creditor_cleared,
        positions,
        figures,
        lots: g.as_ref().map_or(0, |g| g.lots),
        transfers,
    })
}
