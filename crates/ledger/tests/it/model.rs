//! Property test: random batches against a simple reference model.
//!
//! The model is written to be obviously right rather than fast: BTreeMaps, and a linked chain
//! is all-or-nothing by cloning the whole model before it and restoring the clone if it fails.
//! After every batch the test compares every result code and every account, and checks that per
//! ledger Σ debits = Σ credits (posted and pending) and that no balance-limit flag is broken.
//!
//! The generated events use a small pool of ids so that duplicates, retries, unknown accounts and
//! pending transfers in every state happen often. `PROPTEST_CASES` sets the number of cases.

use ledger::{Account, AccountFlags, CreateTransferResult as R, Ledger, Transfer, TransferFlags};
use proptest::prelude::*;
use std::collections::BTreeMap;

const PKR: u32 = 586;
const IRR: u32 = 364;

#[derive(Clone, Debug, Default)]
struct ModelAccount {
    ledger: u32,
    flags: u16,
    dpe: u128,
    dpo: u128,
    cpe: u128,
    cpo: u128,
}

#[derive(Clone, Debug, PartialEq)]
enum State {
    Plain,
    Pending,
    Posted,
    Voided,
    Expired,
}

#[derive(Clone, Debug)]
struct ModelTransfer {
    input: Transfer,
    debit: u128,
    credit: u128,
    amount: u128,
    state: State,
    deadline: Option<u64>,
}

#[derive(Clone, Debug, Default)]
struct Model {
    accounts: BTreeMap<u128, ModelAccount>,
    transfers: BTreeMap<u128, ModelTransfer>,
}

fn has(flags: u16, flag: TransferFlags) -> bool {
    flags & flag.0 == flag.0
}

impl Model {
    fn expire(&mut self, now: u64) {
        for t in self.transfers.values_mut() {
            if t.state == State::Pending && t.deadline.is_some_and(|d| d <= now) {
                t.state = State::Expired;
                self.accounts.get_mut(&t.debit).unwrap().dpe -= t.amount;
                self.accounts.get_mut(&t.credit).unwrap().cpe -= t.amount;
            }
        }
    }

    fn exists(&self, t: &Transfer) -> Option<R> {
        let e = self.transfers.get(&t.id)?;
        let resolving = has(t.flags.0, TransferFlags::POST_PENDING_TRANSFER)
            || has(t.flags.0, TransferFlags::VOID_PENDING_TRANSFER);
        let balancing = has(t.flags.0, TransferFlags::BALANCING_DEBIT)
            || has(t.flags.0, TransferFlags::BALANCING_CREDIT);
        let differs = |given: u128, stored: u128| given != stored && !(resolving && given == 0);
        let amount_differs = if balancing {
            t.amount != 0 && e.amount > t.amount
        } else {
            differs(t.amount, e.amount)
        };
        let stored_ledger = self.accounts[&e.debit].ledger;
        Some(if t.flags != e.input.flags {
            R::ExistsWithDifferentFlags
        } else if differs(t.debit_account_id, e.debit) {
            R::ExistsWithDifferentDebitAccountId
        } else if differs(t.credit_account_id, e.credit) {
            R::ExistsWithDifferentCreditAccountId
        } else if amount_differs {
            R::ExistsWithDifferentAmount
        } else if t.pending_id != e.input.pending_id {
            R::ExistsWithDifferentPendingId
        } else if t.user_data_64 != e.input.user_data_64 {
            R::ExistsWithDifferentUserData64
        } else if t.timeout != e.input.timeout {
            R::ExistsWithDifferentTimeout
        } else if differs(u128::from(t.ledger), u128::from(stored_ledger)) {
            R::ExistsWithDifferentLedger
        } else {
            R::Exists
        })
    }

    fn apply(&mut self, t: &Transfer, now: u64) -> R {
        if let Some(r) = self.exists(t) {
            return r;
        }
        let f = t.flags.0;
        if has(f, TransferFlags::POST_PENDING_TRANSFER)
            || has(f, TransferFlags::VOID_PENDING_TRANSFER)
        {
            let post = has(f, TransferFlags::POST_PENDING_TRANSFER);
            let Some(p) = self.transfers.get(&t.pending_id).cloned() else {
                return R::PendingTransferNotFound;
            };
            if !has(p.input.flags.0, TransferFlags::PENDING) {
                return R::PendingTransferNotPending;
            }
            let amount = if post {
                if t.amount == 0 { p.amount } else { t.amount }
            } else {
                p.amount
            };
            if post && amount > p.amount {
                return R::ExceedsPendingTransferAmount;
            }
            if !post && t.amount != 0 && t.amount != p.amount {
                return R::PendingTransferHasDifferentAmount;
            }
            match p.state {
                State::Posted => return R::PendingTransferAlreadyPosted,
                State::Voided => return R::PendingTransferAlreadyVoided,
                State::Expired => return R::PendingTransferExpired,
                _ => {}
            }
            if p.deadline.is_some_and(|d| d <= now) {
                return R::PendingTransferExpired;
            }
            let dr = self.accounts.get_mut(&p.debit).unwrap();
            dr.dpe -= p.amount;
            if post {
                dr.dpo += amount;
            }
            let cr = self.accounts.get_mut(&p.credit).unwrap();
            cr.cpe -= p.amount;
            if post {
                cr.cpo += amount;
            }
            self.transfers.get_mut(&t.pending_id).unwrap().state =
                if post { State::Posted } else { State::Voided };
            let stored = ModelTransfer {
                input: t.clone(),
                debit: p.debit,
                credit: p.credit,
                amount,
                state: State::Plain,
                deadline: None,
            };
            self.transfers.insert(t.id, stored);
            return R::Ok;
        }
        if t.debit_account_id == t.credit_account_id {
            return R::AccountsMustBeDifferent;
        }
        let pending = has(f, TransferFlags::PENDING);
        if t.timeout != 0 && !pending {
            return R::TimeoutReservedForPendingTransfer;
        }
        let Some(dr) = self.accounts.get(&t.debit_account_id).cloned() else {
            return R::DebitAccountNotFound;
        };
        let Some(cr) = self.accounts.get(&t.credit_account_id).cloned() else {
            return R::CreditAccountNotFound;
        };
        if dr.ledger != cr.ledger {
            return R::AccountsMustHaveTheSameLedger;
        }
        if t.ledger != dr.ledger {
            return R::TransferMustHaveTheSameLedgerAsAccounts;
        }
        let dmnec = dr.flags & AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS.0 != 0;
        let cmned = cr.flags & AccountFlags::CREDITS_MUST_NOT_EXCEED_DEBITS.0 != 0;
        let mut amount = t.amount;
        if has(f, TransferFlags::BALANCING_DEBIT) || has(f, TransferFlags::BALANCING_CREDIT) {
            let mut bound: Option<u128> = if t.amount == 0 { None } else { Some(t.amount) };
            if has(f, TransferFlags::BALANCING_DEBIT) && dmnec {
                let room = dr.cpo.saturating_sub(dr.dpo + dr.dpe);
                bound = Some(bound.map_or(room, |b| b.min(room)));
            }
            if has(f, TransferFlags::BALANCING_CREDIT) && cmned {
                let room = cr.dpo.saturating_sub(cr.cpo + cr.cpe);
                bound = Some(bound.map_or(room, |b| b.min(room)));
            }
            amount = bound.unwrap_or(0);
        }
        if dmnec && dr.dpe + dr.dpo + amount > dr.cpo {
            return R::ExceedsCredits;
        }
        if cmned && cr.cpe + cr.cpo + amount > cr.dpo {
            return R::ExceedsDebits;
        }
        let d = self.accounts.get_mut(&t.debit_account_id).unwrap();
        if pending {
            d.dpe += amount
        } else {
            d.dpo += amount
        }
        let c = self.accounts.get_mut(&t.credit_account_id).unwrap();
        if pending {
            c.cpe += amount
        } else {
            c.cpo += amount
        }
        let deadline =
            (pending && t.timeout > 0).then(|| now + u64::from(t.timeout) * 1_000_000_000);
        let state = if pending {
            State::Pending
        } else {
            State::Plain
        };
        let stored = ModelTransfer {
            input: t.clone(),
            debit: t.debit_account_id,
            credit: t.credit_account_id,
            amount,
            state,
            deadline,
        };
        self.transfers.insert(t.id, stored);
        R::Ok
    }

    fn batch(&mut self, timestamp: u64, events: &[Transfer]) -> Vec<R> {
        self.expire(timestamp);
        let mut results = vec![R::Ok; events.len()];
        let mut i = 0;
        while i < events.len() {
            let linked = |k: usize| has(events[k].flags.0, TransferFlags::LINKED);
            // The chain is i..=end; a trailing linked event leaves it open.
            let mut end = i;
            while linked(end) && end + 1 < events.len() {
                end += 1;
            }
            let open = linked(end);
            let before = self.clone();
            let mut failure: Option<(usize, R)> = None;
            for k in i..=end {
                let r = if open && k == end {
                    R::LinkedEventChainOpen
                } else {
                    self.apply(&events[k], timestamp + k as u64)
                };
                results[k] = r;
                if r != R::Ok {
                    failure = Some((k, r));
                    break;
                }
            }
            if let Some((k, r)) = failure
                && end > i
            {
                *self = before;
                let retry = r == R::Exists
                    && k == i
                    && !open
                    && (i + 1..=end).all(|m| self.exists(&events[m]) == Some(R::Exists));
                for (m, result) in results.iter_mut().enumerate().take(end + 1).skip(i) {
                    *result = if retry {
                        R::Exists
                    } else if m == k {
                        r
                    } else {
                        R::LinkedEventFailed
                    };
                }
            }
            i = end + 1;
        }
        results
    }
}

#[derive(Clone, Debug)]
struct Batch {
    tick_seconds: u64,
    events: Vec<Transfer>,
}

fn transfer_strategy() -> impl Strategy<Value = Transfer> {
    let id = 1u128..40;
    let account = 1u128..9; // 8 does not exist
    let amount = prop_oneof![Just(0u128), 1u128..50, 50u128..500];
    let kind = 0u8..8;
    (
        id,
        account.clone(),
        account,
        amount,
        kind,
        1u128..40,
        any::<bool>(),
        0u32..4,
        0u64..3,
    )
        .prop_map(
            |(id, debit, credit, amount, kind, pending_id, linked, timeout, ud64)| {
                let mut t = Transfer {
                    id,
                    debit_account_id: debit,
                    credit_account_id: credit,
                    amount: amount.max(1),
                    ledger: if debit == 7 || credit == 7 { IRR } else { PKR },
                    code: 1,
                    user_data_64: ud64,
                    ..Transfer::default()
                };
                let mut flags = TransferFlags::NONE;
                match kind {
                    0..=2 => {}
                    3 => {
                        flags = TransferFlags::PENDING;
                        t.timeout = timeout;
                    }
                    4 | 5 => {
                        flags = if kind == 4 {
                            TransferFlags::POST_PENDING_TRANSFER
                        } else {
                            TransferFlags::VOID_PENDING_TRANSFER
                        };
                        t = Transfer {
                            id,
                            pending_id: pending_id.max(1),
                            amount: if kind == 4 { amount } else { 0 },
                            user_data_64: ud64,
                            ..Transfer::default()
                        };
                        if t.pending_id == t.id {
                            t.pending_id = t.id % 39 + 1;
                        }
                    }
                    6 => {
                        flags = TransferFlags::BALANCING_DEBIT;
                        t.amount = amount;
                    }
                    _ => {
                        flags = TransferFlags::BALANCING_CREDIT;
                        t.amount = amount;
                    }
                }
                if linked {
                    flags = flags | TransferFlags::LINKED;
                }
                t.flags = flags;
                t
            },
        )
}

fn batch_strategy() -> impl Strategy<Value = Batch> {
    (0u64..3, prop::collection::vec(transfer_strategy(), 1..12)).prop_map(
        |(tick_seconds, events)| Batch {
            tick_seconds,
            events,
        },
    )
}

fn setup() -> (Ledger, Model) {
    let flags = [
        AccountFlags::NONE,
        AccountFlags::NONE,
        AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS,
        AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS,
        AccountFlags::CREDITS_MUST_NOT_EXCEED_DEBITS,
        AccountFlags::HISTORY,
        AccountFlags::NONE,
    ];
    let accounts: Vec<Account> = (1..=7u128)
        .map(|id| Account {
            id,
            ledger: if id == 7 { IRR } else { PKR },
            code: 1,
            flags: flags[id as usize - 1],
            ..Account::default()
        })
        .collect();
    let mut ledger = Ledger::new();
    assert!(
        ledger
            .create_accounts(1, &accounts)
            .iter()
            .all(|r| *r == ledger::CreateAccountResult::Ok)
    );
    let mut model = Model::default();
    for a in &accounts {
        model.accounts.insert(
            a.id,
            ModelAccount {
                ledger: a.ledger,
                flags: a.flags.0,
                ..ModelAccount::default()
            },
        );
    }
    (ledger, model)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn ledger_matches_the_model(batches in prop::collection::vec(batch_strategy(), 1..25)) {
        let (mut ledger, mut model) = setup();
        let mut clock: u64 = 1_000_000_000;
        for batch in &batches {
            clock = clock.max(ledger.last_timestamp() + 1) + batch.tick_seconds * 1_000_000_000;
            let actual = ledger.create_transfers(clock, &batch.events);
            let expected = model.batch(clock, &batch.events);
            prop_assert_eq!(&actual, &expected, "batch {:?}", batch.events);
            for (id, m) in &model.accounts {
                let a = ledger.account(*id).unwrap();
                prop_assert_eq!((a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted), (m.dpe, m.dpo, m.cpe, m.cpo), "account {}", id);
            }
            prop_assert_eq!(ledger.check_invariants(), Ok(()));
            clock = ledger.last_timestamp() + 1;
        }
        // Replaying the same batches at the same times gives the same state (determinism).
        let mut bytes = Vec::new();
        ledger.encode_snapshot(&mut bytes);
        let decoded = Ledger::decode_snapshot(&bytes).unwrap();
        let mut again = Vec::new();
        decoded.encode_snapshot(&mut again);
        prop_assert_eq!(bytes, again);
    }
}
