//! Applying batches: validation, idempotency, linked chains with rollback, two-phase, expiry.

use crate::{
    Account, AccountBalance, AccountFlags, BATCH_MAX, CreateAccountResult, CreateTransferResult,
    Ledger, Status, Transfer, TransferFlags,
};

const NS_PER_SECOND: u64 = 1_000_000_000;

/// How to take back one change made inside a linked chain that later failed.
#[derive(Clone, Debug)]
pub(crate) enum Undo {
    Account(u32, Account),
    NewAccount(u128),
    NewTransfer(u128),
    Status(u32, u8),
    ExpiryAdded(u64, u32),
    ExpiryRemoved(u64, u32),
    AccountTransfer(u32),
    History(u32),
}

type A = CreateAccountResult;
type T = CreateTransferResult;

/// The parts of a result code the chain driver needs.
trait Code: Copy + Eq {
    const OK: Self;
    const LINKED_EVENT_FAILED: Self;
    const LINKED_EVENT_CHAIN_OPEN: Self;
    const EXISTS: Self;
}

impl Code for A {
    const OK: A = A::Ok;
    const LINKED_EVENT_FAILED: A = A::LinkedEventFailed;
    const LINKED_EVENT_CHAIN_OPEN: A = A::LinkedEventChainOpen;
    const EXISTS: A = A::Exists;
}

impl Code for T {
    const OK: T = T::Ok;
    const LINKED_EVENT_FAILED: T = T::LinkedEventFailed;
    const LINKED_EVENT_CHAIN_OPEN: T = T::LinkedEventChainOpen;
    const EXISTS: T = T::Exists;
}

fn deadline(transfer: &Transfer) -> Option<u64> {
    u64::from(transfer.timeout)
        .checked_mul(NS_PER_SECOND)
        .and_then(|t| transfer.timestamp.checked_add(t))
}

impl Ledger {
    /// Applies a batch of new accounts. `timestamp` (ns) must be greater than
    /// [`Ledger::last_timestamp`]; event i gets `timestamp + i`. One result per event.
    pub fn create_accounts(
        &mut self,
        timestamp: u64,
        events: &[Account],
    ) -> Vec<CreateAccountResult> {
        self.begin(timestamp, events.len());
        self.run_chains(
            timestamp,
            events,
            |a| a.flags.contains(AccountFlags::LINKED),
            Ledger::create_account,
            Ledger::account_exists,
        )
    }

    /// Applies a batch of transfers. `timestamp` (ns) must be greater than
    /// [`Ledger::last_timestamp`]; pending transfers whose deadline is at or before it expire
    /// first; event i gets `timestamp + i`. One result per event.
    pub fn create_transfers(
        &mut self,
        timestamp: u64,
        events: &[Transfer],
    ) -> Vec<CreateTransferResult> {
        self.begin(timestamp, events.len());
        self.run_chains(
            timestamp,
            events,
            |t| t.flags.contains(TransferFlags::LINKED),
            Ledger::create_transfer,
            Ledger::transfer_exists,
        )
    }

    fn begin(&mut self, timestamp: u64, len: usize) {
        assert!(len <= BATCH_MAX, "batch of {len} events exceeds BATCH_MAX");
        assert!(
            timestamp > self.last_timestamp,
            "batch timestamp {timestamp} must be after the last one {}",
            self.last_timestamp
        );
        assert!(
            timestamp.checked_add(len as u64).is_some(),
            "timestamp overflows"
        );
        self.expire(timestamp);
    }

    /// Runs events in order, all-or-nothing per linked chain.
    fn run_chains<E, R: Code>(
        &mut self,
        timestamp: u64,
        events: &[E],
        linked: impl Fn(&E) -> bool,
        apply: impl Fn(&mut Ledger, &E, u64, bool) -> R,
        exists: impl Fn(&Ledger, &E) -> Option<R>,
    ) -> Vec<R> {
        debug_assert!(self.undo.is_empty());
        let mut results = vec![R::OK; events.len()];
        let mut chain: Option<usize> = None;
        let mut broken = false;
        let mut i = 0;
        while i < events.len() {
            let event = &events[i];
            let is_linked = linked(event);
            if chain.is_none() && is_linked {
                chain = Some(i);
            }
            let result = if broken {
                R::LINKED_EVENT_FAILED
            } else if is_linked && i == events.len() - 1 {
                R::LINKED_EVENT_CHAIN_OPEN
            } else {
                apply(self, event, timestamp + i as u64, chain.is_some())
            };
            results[i] = result;
            if let Some(start) = chain
                && result != R::OK
                && !broken
            {
                broken = true;
                self.rollback();
                // A whole chain that already exists, identically, is a retry: answer `exists`.
                let end = (i..events.len()).find(|&k| !linked(&events[k]));
                if result == R::EXISTS
                    && i == start
                    && let Some(end) = end
                    && (i + 1..=end).all(|k| exists(self, &events[k]) == Some(R::EXISTS))
                {
                    results[start..=end].fill(R::EXISTS);
                    chain = None;
                    broken = false;
                    i = end + 1;
                    continue;
                }
                for r in &mut results[start..i] {
                    *r = R::LINKED_EVENT_FAILED;
                }
            }
            if chain.is_some() && (!is_linked || i == events.len() - 1) {
                self.undo.clear();
                chain = None;
                broken = false;
            }
            i += 1;
        }
        debug_assert!(self.undo.is_empty());
        self.last_timestamp = timestamp + (events.len() as u64).saturating_sub(1);
        results
    }

    fn rollback(&mut self) {
        while let Some(undo) = self.undo.pop() {
            match undo {
                Undo::Account(index, old) => self.accounts[index as usize] = old,
                Undo::NewAccount(id) => {
                    let index = self.account_index.remove(&id).expect("undo: account index");
                    assert_eq!(index as usize, self.accounts.len() - 1);
                    self.accounts.pop();
                    self.account_transfers.pop();
                    self.history.remove(&index);
                }
                Undo::NewTransfer(id) => {
                    let index = self
                        .transfer_index
                        .remove(id, &self.transfers)
                        .expect("undo: transfer index");
                    assert_eq!(index as usize, self.transfers.len() - 1);
                    self.transfers.pop();
                    self.status.pop();
                }
                Undo::Status(position, old) => self.status[position as usize] = old,
                Undo::ExpiryAdded(at, position) => {
                    self.expiries.remove(&(at, position));
                }
                Undo::ExpiryRemoved(at, position) => {
                    self.expiries.insert((at, position));
                }
                Undo::AccountTransfer(index) => {
                    self.account_transfers[index as usize].pop();
                }
                Undo::History(index) => {
                    self.history.get_mut(&index).map(Vec::pop);
                }
            }
        }
    }

    /// Releases pending transfers whose deadline is at or before `now`.
    fn expire(&mut self, now: u64) {
        while let Some(&(at, position)) = self.expiries.first() {
            if at > now {
                break;
            }
            self.expiries.pop_first();
            if self.status[position as usize] != Status::Pending as u8 {
                continue;
            }
            self.status[position as usize] = Status::Expired as u8;
            let pending = self.transfers[position as usize].clone();
            self.release(&pending, false);
        }
    }

    /// Takes a pending transfer's amount out of both accounts' pending balances; reopens the
    /// accounts it closed. `record` keeps undo entries (inside a chain).
    fn release(&mut self, pending: &Transfer, record: bool) {
        let debit = self.account_index[&pending.debit_account_id];
        let credit = self.account_index[&pending.credit_account_id];
        if record {
            self.undo
                .push(Undo::Account(debit, self.accounts[debit as usize].clone()));
            self.undo.push(Undo::Account(
                credit,
                self.accounts[credit as usize].clone(),
            ));
        }
        let dr = &mut self.accounts[debit as usize];
        dr.debits_pending = dr
            .debits_pending
            .checked_sub(pending.amount)
            .expect("debits pending underflow");
        if pending.flags.contains(TransferFlags::CLOSING_DEBIT) {
            dr.flags.0 &= !AccountFlags::CLOSED.0;
        }
        let cr = &mut self.accounts[credit as usize];
        cr.credits_pending = cr
            .credits_pending
            .checked_sub(pending.amount)
            .expect("credits pending underflow");
        if pending.flags.contains(TransferFlags::CLOSING_CREDIT) {
            cr.flags.0 &= !AccountFlags::CLOSED.0;
        }
    }

    fn account_exists(&self, a: &Account) -> Option<A> {
        let existing = self.account(a.id)?;
        let strip = |f: AccountFlags| f.0 & !AccountFlags::CLOSED.0;
        Some(if strip(a.flags) != strip(existing.flags) {
            A::ExistsWithDifferentFlags
        } else if a.user_data_128 != existing.user_data_128 {
            A::ExistsWithDifferentUserData128
        } else if a.user_data_64 != existing.user_data_64 {
            A::ExistsWithDifferentUserData64
        } else if a.user_data_32 != existing.user_data_32 {
            A::ExistsWithDifferentUserData32
        } else if a.ledger != existing.ledger {
            A::ExistsWithDifferentLedger
        } else if a.code != existing.code {
            A::ExistsWithDifferentCode
        } else {
            A::Exists
        })
    }

    fn create_account(&mut self, a: &Account, timestamp: u64, record: bool) -> A {
        if a.timestamp != 0 {
            return A::TimestampMustBeZero;
        }
        if a.flags.0 & !AccountFlags::KNOWN.0 != 0 {
            return A::ReservedFlag;
        }
        if a.id == 0 {
            return A::IdMustNotBeZero;
        }
        if a.id == u128::MAX {
            return A::IdMustNotBeIntMax;
        }
        if let Some(result) = self.account_exists(a) {
            return result;
        }
        let bounds = AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS
            | AccountFlags::CREDITS_MUST_NOT_EXCEED_DEBITS;
        if a.flags.contains(bounds) {
            return A::FlagsAreMutuallyExclusive;
        }
        if a.debits_pending != 0 {
            return A::DebitsPendingMustBeZero;
        }
        if a.debits_posted != 0 {
            return A::DebitsPostedMustBeZero;
        }
        if a.credits_pending != 0 {
            return A::CreditsPendingMustBeZero;
        }
        if a.credits_posted != 0 {
            return A::CreditsPostedMustBeZero;
        }
        if a.ledger == 0 {
            return A::LedgerMustNotBeZero;
        }
        if a.code == 0 {
            return A::CodeMustNotBeZero;
        }
        let index = u32::try_from(self.accounts.len()).expect("more than u32::MAX accounts");
        self.account_index.insert(a.id, index);
        self.accounts.push(Account {
            timestamp,
            ..a.clone()
        });
        self.account_transfers.push(Vec::new());
        if a.flags.contains(AccountFlags::HISTORY) {
            self.history.insert(index, Vec::new());
        }
        if record {
            self.undo.push(Undo::NewAccount(a.id));
        }
        A::Ok
    }

    fn transfer_exists(&self, t: &Transfer) -> Option<T> {
        let s = self.transfer(t.id)?;
        let resolving = t.flags.intersects(
            TransferFlags::POST_PENDING_TRANSFER | TransferFlags::VOID_PENDING_TRANSFER,
        );
        let balancing = t
            .flags
            .intersects(TransferFlags::BALANCING_DEBIT | TransferFlags::BALANCING_CREDIT);
        // For post/void, zero means "as in the pending transfer".
        let differs = |given: u128, stored: u128| given != stored && !(resolving && given == 0);
        let amount_differs = if balancing {
            t.amount != 0 && s.amount > t.amount
        } else {
            differs(t.amount, s.amount)
        };
        Some(if t.flags != s.flags {
            T::ExistsWithDifferentFlags
        } else if differs(t.debit_account_id, s.debit_account_id) {
            T::ExistsWithDifferentDebitAccountId
        } else if differs(t.credit_account_id, s.credit_account_id) {
            T::ExistsWithDifferentCreditAccountId
        } else if amount_differs {
            T::ExistsWithDifferentAmount
        } else if t.pending_id != s.pending_id {
            T::ExistsWithDifferentPendingId
        } else if t.user_data_128 != s.user_data_128 {
            T::ExistsWithDifferentUserData128
        } else if t.user_data_64 != s.user_data_64 {
            T::ExistsWithDifferentUserData64
        } else if t.user_data_32 != s.user_data_32 {
            T::ExistsWithDifferentUserData32
        } else if t.timeout != s.timeout {
            T::ExistsWithDifferentTimeout
        } else if differs(u128::from(t.ledger), u128::from(s.ledger)) {
            T::ExistsWithDifferentLedger
        } else if differs(u128::from(t.code), u128::from(s.code)) {
            T::ExistsWithDifferentCode
        } else if t.reference != s.reference {
            T::ExistsWithDifferentReference
        } else {
            T::Exists
        })
    }

    fn create_transfer(&mut self, t: &Transfer, timestamp: u64, record: bool) -> T {
        if t.timestamp != 0 {
            return T::TimestampMustBeZero;
        }
        if t.flags.0 & !TransferFlags::KNOWN.0 != 0 {
            return T::ReservedFlag;
        }
        if t.id == 0 {
            return T::IdMustNotBeZero;
        }
        if t.id == u128::MAX {
            return T::IdMustNotBeIntMax;
        }
        if let Some(result) = self.transfer_exists(t) {
            return result;
        }
        let f = t.flags;
        let post = f.contains(TransferFlags::POST_PENDING_TRANSFER);
        let void = f.contains(TransferFlags::VOID_PENDING_TRANSFER);
        let others = TransferFlags::PENDING
            | TransferFlags::BALANCING_DEBIT
            | TransferFlags::BALANCING_CREDIT
            | TransferFlags::CLOSING_DEBIT
            | TransferFlags::CLOSING_CREDIT;
        let closing = f.intersects(TransferFlags::CLOSING_DEBIT | TransferFlags::CLOSING_CREDIT);
        if (post && void)
            || ((post || void) && f.intersects(others))
            || (closing && !f.contains(TransferFlags::PENDING))
        {
            return T::FlagsAreMutuallyExclusive;
        }
        if post || void {
            return self.resolve_pending(t, timestamp, record, post);
        }
        if t.debit_account_id == 0 {
            return T::DebitAccountIdMustNotBeZero;
        }
        if t.debit_account_id == u128::MAX {
            return T::DebitAccountIdMustNotBeIntMax;
        }
        if t.credit_account_id == 0 {
            return T::CreditAccountIdMustNotBeZero;
        }
        if t.credit_account_id == u128::MAX {
            return T::CreditAccountIdMustNotBeIntMax;
        }
        if t.debit_account_id == t.credit_account_id {
            return T::AccountsMustBeDifferent;
        }
        if t.pending_id != 0 {
            return T::PendingIdMustBeZero;
        }
        let pending = f.contains(TransferFlags::PENDING);
        if t.timeout != 0 && !pending {
            return T::TimeoutReservedForPendingTransfer;
        }
        let balancing =
            f.intersects(TransferFlags::BALANCING_DEBIT | TransferFlags::BALANCING_CREDIT);
        if t.amount == 0 && !balancing {
            return T::AmountMustNotBeZero;
        }
        if t.ledger == 0 {
            return T::LedgerMustNotBeZero;
        }
        if t.code == 0 {
            return T::CodeMustNotBeZero;
        }
        let Some(&debit) = self.account_index.get(&t.debit_account_id) else {
            return T::DebitAccountNotFound;
        };
        let Some(&credit) = self.account_index.get(&t.credit_account_id) else {
            return T::CreditAccountNotFound;
        };
        let (dr, cr) = (
            &self.accounts[debit as usize],
            &self.accounts[credit as usize],
        );
        if dr.ledger != cr.ledger {
            return T::AccountsMustHaveTheSameLedger;
        }
        if t.ledger != dr.ledger {
            return T::TransferMustHaveTheSameLedgerAsAccounts;
        }
        if dr.flags.contains(AccountFlags::CLOSED) {
            return T::DebitAccountAlreadyClosed;
        }
        if cr.flags.contains(AccountFlags::CLOSED) {
            return T::CreditAccountAlreadyClosed;
        }
        let mut amount = t.amount;
        if balancing {
            let mut upper = if t.amount == 0 { None } else { Some(t.amount) };
            if f.contains(TransferFlags::BALANCING_DEBIT)
                && dr
                    .flags
                    .contains(AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS)
            {
                let used = dr.debits_posted.saturating_add(dr.debits_pending);
                let room = dr.credits_posted.saturating_sub(used);
                upper = Some(upper.map_or(room, |u| u.min(room)));
            }
            if f.contains(TransferFlags::BALANCING_CREDIT)
                && cr
                    .flags
                    .contains(AccountFlags::CREDITS_MUST_NOT_EXCEED_DEBITS)
            {
                let used = cr.credits_posted.saturating_add(cr.credits_pending);
                let room = cr.debits_posted.saturating_sub(used);
                upper = Some(upper.map_or(room, |u| u.min(room)));
            }
            amount = upper.unwrap_or(0);
        }
        if pending {
            if dr.debits_pending.checked_add(amount).is_none() {
                return T::OverflowsDebitsPending;
            }
            if cr.credits_pending.checked_add(amount).is_none() {
                return T::OverflowsCreditsPending;
            }
        } else {
            if dr.debits_posted.checked_add(amount).is_none() {
                return T::OverflowsDebitsPosted;
            }
            if cr.credits_posted.checked_add(amount).is_none() {
                return T::OverflowsCreditsPosted;
            }
        }
        let debits = dr
            .debits_pending
            .checked_add(dr.debits_posted)
            .and_then(|d| d.checked_add(amount));
        let Some(debits) = debits else {
            return T::OverflowsDebits;
        };
        let credits = cr
            .credits_pending
            .checked_add(cr.credits_posted)
            .and_then(|c| c.checked_add(amount));
        let Some(credits) = credits else {
            return T::OverflowsCredits;
        };
        let stored = Transfer {
            amount,
            timestamp,
            ..t.clone()
        };
        let expires = if pending && t.timeout > 0 {
            match deadline(&stored) {
                Some(at) => Some(at),
                None => return T::OverflowsTimeout,
            }
        } else {
            None
        };
        if dr
            .flags
            .contains(AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS)
            && debits > dr.credits_posted
        {
            return T::ExceedsCredits;
        }
        if cr
            .flags
            .contains(AccountFlags::CREDITS_MUST_NOT_EXCEED_DEBITS)
            && credits > cr.debits_posted
        {
            return T::ExceedsDebits;
        }
        // Every check passed: apply.
        if record {
            self.undo
                .push(Undo::Account(debit, self.accounts[debit as usize].clone()));
            self.undo.push(Undo::Account(
                credit,
                self.accounts[credit as usize].clone(),
            ));
        }
        let dr = &mut self.accounts[debit as usize];
        if pending {
            dr.debits_pending += amount;
        } else {
            dr.debits_posted += amount;
        }
        if f.contains(TransferFlags::CLOSING_DEBIT) {
            dr.flags = dr.flags | AccountFlags::CLOSED;
        }
        let cr = &mut self.accounts[credit as usize];
        if pending {
            cr.credits_pending += amount;
        } else {
            cr.credits_posted += amount;
        }
        if f.contains(TransferFlags::CLOSING_CREDIT) {
            cr.flags = cr.flags | AccountFlags::CLOSED;
        }
        let status = if pending {
            Status::Pending
        } else {
            Status::NotPending
        };
        let position = self.store(stored, status, debit, credit, record);
        if let Some(at) = expires {
            self.expiries.insert((at, position));
            if record {
                self.undo.push(Undo::ExpiryAdded(at, position));
            }
        }
        T::Ok
    }

    fn resolve_pending(&mut self, t: &Transfer, timestamp: u64, record: bool, post: bool) -> T {
        if t.pending_id == 0 {
            return T::PendingIdMustNotBeZero;
        }
        if t.pending_id == u128::MAX {
            return T::PendingIdMustNotBeIntMax;
        }
        if t.pending_id == t.id {
            return T::PendingIdMustBeDifferent;
        }
        if t.timeout != 0 {
            return T::TimeoutReservedForPendingTransfer;
        }
        let Some(position) = self.transfer_index.get(t.pending_id, &self.transfers) else {
            return T::PendingTransferNotFound;
        };
        let p = &self.transfers[position as usize];
        if !p.flags.contains(TransferFlags::PENDING) {
            return T::PendingTransferNotPending;
        }
        if t.debit_account_id != 0 && t.debit_account_id != p.debit_account_id {
            return T::PendingTransferHasDifferentDebitAccountId;
        }
        if t.credit_account_id != 0 && t.credit_account_id != p.credit_account_id {
            return T::PendingTransferHasDifferentCreditAccountId;
        }
        if t.ledger != 0 && t.ledger != p.ledger {
            return T::PendingTransferHasDifferentLedger;
        }
        if t.code != 0 && t.code != p.code {
            return T::PendingTransferHasDifferentCode;
        }
        let amount = if post {
            let amount = if t.amount == 0 { p.amount } else { t.amount };
            if amount > p.amount {
                return T::ExceedsPendingTransferAmount;
            }
            amount
        } else {
            if t.amount != 0 && t.amount != p.amount {
                return T::PendingTransferHasDifferentAmount;
            }
            p.amount
        };
        match Status::from_u8(self.status[position as usize]) {
            Some(Status::Posted) => return T::PendingTransferAlreadyPosted,
            Some(Status::Voided) => return T::PendingTransferAlreadyVoided,
            Some(Status::Expired) => return T::PendingTransferExpired,
            _ => {}
        }
        if p.timeout > 0 && deadline(p).is_some_and(|at| at <= timestamp) {
            return T::PendingTransferExpired;
        }
        let debit = self.account_index[&p.debit_account_id];
        let credit = self.account_index[&p.credit_account_id];
        let (dr, cr) = (
            &self.accounts[debit as usize],
            &self.accounts[credit as usize],
        );
        if post {
            if dr.flags.contains(AccountFlags::CLOSED)
                && !p.flags.contains(TransferFlags::CLOSING_DEBIT)
            {
                return T::DebitAccountAlreadyClosed;
            }
            if cr.flags.contains(AccountFlags::CLOSED)
                && !p.flags.contains(TransferFlags::CLOSING_CREDIT)
            {
                return T::CreditAccountAlreadyClosed;
            }
            if dr.debits_posted.checked_add(amount).is_none() {
                return T::OverflowsDebitsPosted;
            }
            if cr.credits_posted.checked_add(amount).is_none() {
                return T::OverflowsCreditsPosted;
            }
        }
        let pending = p.clone();
        let stored = Transfer {
            id: t.id,
            debit_account_id: pending.debit_account_id,
            credit_account_id: pending.credit_account_id,
            amount,
            pending_id: t.pending_id,
            user_data_128: t.user_data_128,
            user_data_64: t.user_data_64,
            user_data_32: t.user_data_32,
            timeout: 0,
            ledger: pending.ledger,
            code: pending.code,
            flags: t.flags,
            reference: t.reference.clone(),
            timestamp,
        };
        if record {
            self.undo
                .push(Undo::Status(position, self.status[position as usize]));
        }
        self.status[position as usize] = if post { Status::Posted } else { Status::Voided } as u8;
        if let Some(at) = deadline(&pending).filter(|_| pending.timeout > 0)
            && self.expiries.remove(&(at, position))
            && record
        {
            self.undo.push(Undo::ExpiryRemoved(at, position));
        }
        // A posted closing transfer keeps the account closed; a voided one reopens it.
        let mut released = pending.clone();
        if post {
            released.flags.0 &= !(TransferFlags::CLOSING_DEBIT.0 | TransferFlags::CLOSING_CREDIT.0);
        }
        self.release(&released, record);
        if post {
            self.accounts[debit as usize].debits_posted += amount;
            self.accounts[credit as usize].credits_posted += amount;
        }
        self.store(stored, Status::NotPending, debit, credit, record);
        T::Ok
    }

    /// Stores an applied transfer and indexes it for queries and history.
    fn store(
        &mut self,
        transfer: Transfer,
        status: Status,
        debit: u32,
        credit: u32,
        record: bool,
    ) -> u32 {
        let position = u32::try_from(self.transfers.len()).expect("more than u32::MAX transfers");
        let timestamp = transfer.timestamp;
        let inserted = self
            .transfer_index
            .insert(transfer.id, position, &self.transfers);
        assert!(inserted, "transfer {} stored twice", transfer.id);
        if record {
            self.undo.push(Undo::NewTransfer(transfer.id));
        }
        self.transfers.push(transfer);
        self.status.push(status as u8);
        for index in [debit, credit] {
            self.account_transfers[index as usize].push(position);
            if record {
                self.undo.push(Undo::AccountTransfer(index));
            }
            if let Some(entries) = self.history.get_mut(&index) {
                let a = &self.accounts[index as usize];
                entries.push(AccountBalance {
                    debits_pending: a.debits_pending,
                    debits_posted: a.debits_posted,
                    credits_pending: a.credits_pending,
                    credits_posted: a.credits_posted,
                    timestamp,
                });
                if record {
                    self.undo.push(Undo::History(index));
                }
            }
        }
        position
    }
}
