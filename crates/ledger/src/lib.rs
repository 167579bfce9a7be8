//! The ledger: Corridor's double-entry state machine, in the image of TigerBeetle's.
//!
//! * A **ledger** number is a currency (by convention its ISO 4217 number: 586 PKR, 364 IRR).
//!   Accounts belong to one ledger; a transfer between ledgers is refused.
//! * Balances are debits and credits, each **posted** and **pending**. Flags bound an account:
//!   `debits_must_not_exceed_credits` (an asset that may not go negative, e.g. a prefunded
//!   settlement account) and `credits_must_not_exceed_debits`.
//! * Transfers are immutable; their client-chosen id is the idempotency key. Each event in a batch
//!   gets a result code; a business refusal is data, never a panic.
//! * Two-phase: `pending` reserves, `post_pending_transfer` posts all (amount 0) or part of it,
//!   `void_pending_transfer` releases it; a pending transfer with a `timeout` expires when a later
//!   batch's timestamp passes its deadline (time arrives with the batch: no clock here).
//! * `linked` chains succeed or fail together.
//!
//! Rules that differ from or add to TigerBeetle, decided here:
//! * **Idempotency comes first**: after the id itself is validated, an existing id answers
//!   `exists` (identical) or `exists_with_different_<field>` (first difference in the order
//!   flags, debit account, credit account, amount, pending id, user data 128/64/32, timeout,
//!   ledger, code, reference), before any other check, so a retry always gets the same answer.
//! * **A retried linked chain is "already applied"**: when every event of a failed chain exists
//!   with identical fields, every event answers `exists` (TigerBeetle answers
//!   `exists, linked_event_failed, ...`).
//! * A transfer carries a bounded UTF-8 `reference` (≤ [`REFERENCE_MAX`] bytes), part of its
//!   identity for idempotency.
//! * For post/void, zero `debit_account_id`, `credit_account_id`, `ledger`, `code` and
//!   `amount` mean "as in the pending transfer". A void's amount must be 0 or the pending amount.
//! * Balancing transfers move as much as the bounded account allows, up to `amount` (0 = no
//!   upper bound); the stored transfer holds the amount actually moved, which may be 0.
//! * `closing_debit`/`closing_credit` require `pending`; they close the account (flag `closed`);
//!   voiding or expiring that pending transfer reopens it. Closed accounts refuse new transfers.
//! * Expiry releases the pending amounts but records no balance-history entry.
//!
//! **Architecture invariant:** pure. No IO, no clock, no threads, no randomness; outputs never
//! depend on hash-map iteration order.

mod apply;
mod index;
mod snapshot;
mod sum;
mod types;

pub use sum::Sum;
pub use types::*;

use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// What became of a pending transfer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Status {
    NotPending = 0,
    Pending = 1,
    Posted = 2,
    Voided = 3,
    Expired = 4,
}

impl Status {
    pub(crate) fn from_u8(value: u8) -> Option<Status> {
        [
            Status::NotPending,
            Status::Pending,
            Status::Posted,
            Status::Voided,
            Status::Expired,
        ]
        .get(value as usize)
        .copied()
    }
}

/// The whole state. See the crate docs for the rules.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub(crate) accounts: Vec<Account>,
    pub(crate) account_index: FxHashMap<u128, u32>,
    /// Per account (same position as `accounts`): positions of its transfers, oldest first.
    pub(crate) account_transfers: Vec<Vec<u32>>,
    /// Per account with `HISTORY`: balances after each of its transfers.
    pub(crate) history: BTreeMap<u32, Vec<AccountBalance>>,
    pub(crate) transfers: Vec<Transfer>,
    pub(crate) transfer_index: index::TransferIndex,
    /// Per transfer: its [`Status`] as a byte.
    pub(crate) status: Vec<u8>,
    /// Pending transfers with a timeout: (deadline ns, transfer position).
    pub(crate) expiries: BTreeSet<(u64, u32)>,
    pub(crate) last_timestamp: u64,
    /// Changes made by the open linked chain, to take back if it fails. Empty between events.
    pub(crate) undo: Vec<apply::Undo>,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Pre-sizes the tables so that big runs do not rehash in the middle of a batch.
    pub fn with_capacity(accounts: usize, transfers: usize) -> Ledger {
        let mut ledger = Ledger::default();
        ledger.accounts.reserve(accounts);
        ledger.account_transfers.reserve(accounts);
        ledger.account_index.reserve(accounts);
        ledger.transfers.reserve(transfers);
        ledger.transfer_index.reserve(transfers);
        ledger.status.reserve(transfers);
        ledger
    }

    /// The highest timestamp assigned so far (0 if none).
    pub fn last_timestamp(&self) -> u64 {
        self.last_timestamp
    }

    pub fn account(&self, id: u128) -> Option<&Account> {
        self.account_index
            .get(&id)
            .map(|&i| &self.accounts[i as usize])
    }

    /// The stored transfer: timestamp set; for post/void and balancing transfers the accounts,
    /// ledger, code and amount actually used.
    pub fn transfer(&self, id: u128) -> Option<&Transfer> {
        self.transfer_index
            .get(id, &self.transfers)
            .map(|i| &self.transfers[i as usize])
    }

    /// Accounts in creation order.
    pub fn accounts(&self) -> impl Iterator<Item = &Account> {
        self.accounts.iter()
    }

    pub fn accounts_len(&self) -> usize {
        self.accounts.len()
    }

    pub fn transfers_len(&self) -> usize {
        self.transfers.len()
    }

    /// Per ledger Σ debits = Σ credits (posted and pending), every account within its flags,
    /// every pending amount accounted for by a pending transfer. O(accounts + transfers).
    pub fn check_invariants(&self) -> Result<(), String> {
        let held = self.check_balances()?;
        let mut pending = Sum::ZERO;
        for (transfer, status) in self.transfers.iter().zip(&self.status) {
            if *status == Status::Pending as u8 {
                pending = pending.add_u128(transfer.amount);
            }
        }
        if pending != held {
            return Err(format!(
                "pending transfers hold {pending} but accounts show {held} pending"
            ));
        }
        Ok(())
    }

    /// The part of [`Ledger::check_invariants`] that only reads accounts (O(accounts)), cheap
    /// enough to run after every batch: per ledger Σ debits = Σ credits, posted and pending, and
    /// every account within its flags. Returns the total pending.
    pub fn check_balances(&self) -> Result<Sum, String> {
        let mut sums: BTreeMap<u32, [Sum; 4]> = BTreeMap::new();
        for a in &self.accounts {
            let s = sums.entry(a.ledger).or_default();
            s[0] = s[0].add_u128(a.debits_posted);
            s[1] = s[1].add_u128(a.credits_posted);
            s[2] = s[2].add_u128(a.debits_pending);
            s[3] = s[3].add_u128(a.credits_pending);
            if a.flags
                .contains(AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS)
                && a.debits_posted
                    .checked_add(a.debits_pending)
                    .is_none_or(|d| d > a.credits_posted)
            {
                return Err(format!(
                    "account {}: debits exceed credits despite its flag",
                    a.id
                ));
            }
            if a.flags
                .contains(AccountFlags::CREDITS_MUST_NOT_EXCEED_DEBITS)
                && a.credits_posted
                    .checked_add(a.credits_pending)
                    .is_none_or(|c| c > a.debits_posted)
            {
                return Err(format!(
                    "account {}: credits exceed debits despite its flag",
                    a.id
                ));
            }
        }
        for (ledger, [debits, credits, debits_pending, credits_pending]) in &sums {
            if debits != credits {
                return Err(format!(
                    "ledger {ledger}: debits posted {debits} != credits posted {credits}"
                ));
            }
            if debits_pending != credits_pending {
                return Err(format!(
                    "ledger {ledger}: debits pending {debits_pending} != credits pending {credits_pending}"
                ));
            }
        }
        Ok(sums.values().fold(Sum::ZERO, |acc, s| acc.plus(s[2])))
    }

    /// An account's transfers (TigerBeetle's `get_account_transfers`), by timestamp.
    pub fn account_transfers(&self, filter: &AccountFilter) -> Vec<&Transfer> {
        let Some(&index) = self.account_index.get(&filter.account_id) else {
            return Vec::new();
        };
        let positions = &self.account_transfers[index as usize];
        let min = filter.timestamp_min;
        let max = if filter.timestamp_max == 0 {
            u64::MAX
        } else {
            filter.timestamp_max
        };
        let keep = |t: &&Transfer| {
            t.timestamp >= min
                && t.timestamp <= max
                && ((filter.debits && t.debit_account_id == filter.account_id)
                    || (filter.credits && t.credit_account_id == filter.account_id))
        };
        let limit = filter.limit as usize;
        let all = positions.iter().map(|&p| &self.transfers[p as usize]);
        if filter.reversed {
            all.rev().filter(keep).take(limit).collect()
        } else {
            all.filter(keep).take(limit).collect()
        }
    }

    /// An account's balance after each of its transfers (accounts with `HISTORY` only).
    pub fn account_balances(&self, filter: &AccountFilter) -> Vec<AccountBalance> {
        let Some(index) = self.account_index.get(&filter.account_id) else {
            return Vec::new();
        };
        let Some(entries) = self.history.get(index) else {
            return Vec::new();
        };
        let min = filter.timestamp_min;
        let max = if filter.timestamp_max == 0 {
            u64::MAX
        } else {
            filter.timestamp_max
        };
        let keep = |b: &&AccountBalance| b.timestamp >= min && b.timestamp <= max;
        let limit = filter.limit as usize;
        if filter.reversed {
            entries
                .iter()
                .rev()
                .filter(keep)
                .take(limit)
                .cloned()
                .collect()
        } else {
            entries.iter().filter(keep).take(limit).cloned().collect()
        }
    }
}
