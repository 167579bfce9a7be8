//! `corridor verify`: recompute the hash chain and every balance from the journal alone.
//!
//! It opens the store read-only, replays every record from the first into a fresh ledger (checking
//! each record's checksum, its link, that it decodes, that it reproduces the results recorded when
//! it was first applied, and the ledger invariants after every batch), and compares the stored
//! snapshot, if any, with the state replayed up to it. The first failure names its record.

use crate::recover::{Events, apply, replay};
use journal::{ChainError, GENESIS_HASH, hex};
use ledger::{Ledger, Sum};
use std::collections::BTreeMap;
use std::path::Path;
use store::{SqliteStore, Store};

/// What a successful verification covered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    pub records: u64,
    pub account_events: u64,
    pub transfer_events: u64,
    /// Records of the layer above's commands (their ledger events are counted above).
    pub command_records: u64,
    pub accounts: usize,
    pub transfers: usize,
    pub head_hash: String,
    /// The snapshot position that was compared with the replayed state, if there was one.
    pub snapshot_checked: Option<u64>,
    /// Per ledger (currency number): (Σ debits posted, Σ credits posted, Σ debits pending, Σ credits pending).
    pub totals: BTreeMap<u32, (Sum, Sum, Sum, Sum)>,
}

/// Verifies the store in `data_dir`. `Err` names the first bad record and why.
pub fn verify(data_dir: &Path) -> Result<VerifyReport, ChainError> {
    let io = |error: store::StoreError| ChainError {
        seq: 0,
        reason: error.to_string(),
    };
    let store = SqliteStore::open_read_only(data_dir).map_err(io)?;
    let snapshot = store.latest_snapshot().map_err(io)?;
    let mut ledger = Ledger::new();
    let mut report = VerifyReport {
        records: 0,
        account_events: 0,
        transfer_events: 0,
        command_records: 0,
        accounts: 0,
        transfers: 0,
        head_hash: hex(&GENESIS_HASH),
        snapshot_checked: None,
        totals: BTreeMap::new(),
    };
    let store: Box<dyn Store> = Box::new(store);
    let (_store, head) = replay(store, (0, GENESIS_HASH), |record, events| {
        let (accounts, transfers) = match &events {
            Events::Accounts(a) => (a.len(), 0),
            Events::Transfers(t) => (0, t.len()),
            Events::Command(c) => {
                report.command_records += 1;
                (c.accounts.len(), c.transfers.len())
            }
        };
        apply(&mut ledger, record, &events)?;
        report.account_events += accounts as u64;
        report.transfer_events += transfers as u64;
        ledger.check_balances().map_err(|reason| {
            crate::RecoverError::Corrupt(ChainError {
                seq: record.seq,
                reason: format!("invariant broken: {reason}"),
            })
        })?;
        if let Some(snapshot) = &snapshot
            && snapshot.seq == record.seq
        {
            let mut state = Vec::new();
            ledger.encode_snapshot(&mut state);
            if state != snapshot.state || snapshot.hash != record.hash {
                return Err(crate::RecoverError::Corrupt(ChainError {
                    seq: record.seq,
                    reason: "the stored snapshot differs from the state replayed from the journal"
                        .into(),
                }));
            }
            report.snapshot_checked = Some(record.seq);
        }
        report.records += 1;
        Ok(())
    });
    let (head_seq, head_hash) = head.map_err(|error| match error {
        crate::RecoverError::Corrupt(chain) => chain,
        crate::RecoverError::Store(error) => io(error),
    })?;
    if let Some(snapshot) = &snapshot
        && report.snapshot_checked.is_none()
    {
        return Err(ChainError {
            seq: snapshot.seq,
            reason: format!(
                "a snapshot claims record {} but the journal ends at {head_seq}",
                snapshot.seq
            ),
        });
    }
    ledger.check_invariants().map_err(|reason| ChainError {
        seq: head_seq,
        reason: format!("invariant broken: {reason}"),
    })?;
    for account in ledger.accounts() {
        let entry = report.totals.entry(account.ledger).or_default();
        entry.0 = entry.0.add_u128(account.debits_posted);
        entry.1 = entry.1.add_u128(account.credits_posted);
        entry.2 = entry.2.add_u128(account.debits_pending);
        entry.3 = entry.3.add_u128(account.credits_pending);
    }
    report.accounts = ledger.accounts_len();
    report.transfers = ledger.transfers_len();
    report.head_hash = hex(&head_hash);
    Ok(report)
}
