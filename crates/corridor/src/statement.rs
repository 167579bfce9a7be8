//! A bank's statement for a period: opening balance, entries, closing balance, reconciled.
//!
//! Entries are the posted transfers on the bank's settlement account, dated by their value date
//! (`user_data_32`, which the corridor writes on every funding and settlement transfer). The
//! opening balance is the sum of everything dated before the period; the closing balance is the
//! opening plus the period's entries. The statement **reconciles** when the opening, plus every
//! entry in and after the period, equals the ledger's balance of the account now — checked on
//! every statement; a difference is an error, never a silent statement.

use ledger::{Account, Transfer};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub transfer: u128,
    pub value_date: u32,
    /// Positive: credit to the bank; negative: debit.
    pub amount: i128,
    pub counterparty: u128,
    pub code: u16,
    /// The clearing cycle, for settlement entries.
    pub cycle: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub account: u128,
    pub ledger: u32,
    pub from: u32,
    pub to: u32,
    pub opening: i128,
    pub entries: Vec<Entry>,
    pub closing: i128,
    /// Σ of the entries dated after the period (they explain the gap between the closing
    /// balance and the ledger balance now).
    pub later: i128,
    /// The account's ledger balance now (credits − debits posted).
    pub ledger_balance: i128,
}

impl Statement {
    /// The reconciliation, recomputed from the statement's own figures: the opening balance
    /// plus the entries is the closing balance, and the closing balance plus what was booked
    /// after the period is the ledger's balance of the account.
    pub fn reconciles(&self) -> bool {
        let entries = self
            .entries
            .iter()
            .try_fold(0i128, |sum, e| sum.checked_add(e.amount));
        let Some(entries) = entries else {
            return false;
        };
        self.opening.checked_add(entries) == Some(self.closing)
            && self.closing.checked_add(self.later) == Some(self.ledger_balance)
    }
}

/// Builds the statement of `account` for value dates `from..=to` from all of its transfers.
pub fn statement(
    account: &Account,
    transfers: &[&Transfer],
    from: u32,
    to: u32,
) -> Result<Statement, String> {
    if from > to {
        return Err("from: the period starts after it ends".into());
    }
    let mut opening: i128 = 0;
    let mut later: i128 = 0;
    let mut entries = Vec::new();
    for t in transfers {
        let (amount, counterparty) = if t.credit_account_id == account.id {
            (t.amount as i128, t.debit_account_id)
        } else if t.debit_account_id == account.id {
            (-(t.amount as i128), t.credit_account_id)
        } else {
            return Err(format!(
                "transfer {} does not touch account {}",
                t.id, account.id
            ));
        };
        let day = t.user_data_32;
        if day < from {
            opening += amount;
        } else if day > to {
            later += amount;
        } else {
            entries.push(Entry {
                transfer: t.id,
                value_date: day,
                amount,
                counterparty,
                code: t.code,
                cycle: t.user_data_64,
            });
        }
    }
    entries.sort_by_key(|e| (e.value_date, e.transfer));
    let closing = opening + entries.iter().map(|e| e.amount).sum::<i128>();
    let ledger_balance = account.credits_posted as i128 - account.debits_posted as i128;
    if closing + later != ledger_balance {
        return Err(format!(
            "account {}: the statement does not reconcile: opening {opening} + entries = {closing}, + later {later} ≠ ledger balance {ledger_balance}",
            account.id
        ));
    }
    Ok(Statement {
        account: account.id,
        ledger: account.ledger,
        from,
        to,
        opening,
        entries,
        closing,
        later,
        ledger_balance,
    })
}
