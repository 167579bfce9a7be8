//! Snapshot encoding: the whole state as bytes, deterministic, version 1.
//!
//! Layout (unsigned LEB128 varints): version byte, last timestamp, accounts (every field),
//! transfers (every field, then the status byte), history (account position, entries). The
//! indexes, per-account transfer lists and the expiry queue are rebuilt on decode.

use crate::{
    Account, AccountBalance, AccountFlags, Ledger, Reference, Status, Transfer, TransferFlags,
};
use std::collections::BTreeMap;

const SNAPSHOT_VERSION: u8 = 1;

fn put(out: &mut Vec<u8>, mut value: u128) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self, what: &str) -> Result<u128, String> {
        let mut value: u128 = 0;
        for shift in (0..128).step_by(7) {
            let byte = *self
                .bytes
                .get(self.at)
                .ok_or_else(|| format!("truncated at {what}"))?;
            self.at += 1;
            let bits = u128::from(byte & 0x7f);
            if shift == 126 && bits > 3 {
                return Err(format!("{what}: varint overflows 128 bits"));
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(format!("{what}: varint too long"))
    }

    fn get<N: TryFrom<u128>>(&mut self, what: &str) -> Result<N, String> {
        let value = self.varint(what)?;
        N::try_from(value).map_err(|_| format!("{what}: {value} out of range"))
    }

    fn len(&mut self, what: &str) -> Result<usize, String> {
        let len: usize = self.get(what)?;
        // Every element takes at least one byte: a longer count is corrupt, not an allocation.
        if len > self.bytes.len() - self.at {
            return Err(format!(
                "{what}: count {len} larger than the remaining bytes"
            ));
        }
        Ok(len)
    }
}

impl Ledger {
    /// Appends a deterministic encoding of the whole state to `out`.
    pub fn encode_snapshot(&self, out: &mut Vec<u8>) {
        assert!(self.undo.is_empty(), "snapshot inside a batch");
        out.push(SNAPSHOT_VERSION);
        put(out, u128::from(self.last_timestamp));
        put(out, self.accounts.len() as u128);
        for a in &self.accounts {
            for v in [
                a.id,
                a.debits_pending,
                a.debits_posted,
                a.credits_pending,
                a.credits_posted,
                a.user_data_128,
            ] {
                put(out, v);
            }
            for v in [
                u128::from(a.user_data_64),
                u128::from(a.user_data_32),
                u128::from(a.ledger),
            ] {
                put(out, v);
            }
            for v in [
                u128::from(a.code),
                u128::from(a.flags.0),
                u128::from(a.timestamp),
            ] {
                put(out, v);
            }
        }
        put(out, self.transfers.len() as u128);
        for (t, status) in self.transfers.iter().zip(&self.status) {
            for v in [
                t.id,
                t.debit_account_id,
                t.credit_account_id,
                t.amount,
                t.pending_id,
                t.user_data_128,
            ] {
                put(out, v);
            }
            for v in [
                u128::from(t.user_data_64),
                u128::from(t.user_data_32),
                u128::from(t.timeout),
            ] {
                put(out, v);
            }
            for v in [
                u128::from(t.ledger),
                u128::from(t.code),
                u128::from(t.flags.0),
                u128::from(t.timestamp),
            ] {
                put(out, v);
            }
            let reference = t.reference.as_str().as_bytes();
            put(out, reference.len() as u128);
            out.extend_from_slice(reference);
            out.push(*status);
        }
        put(out, self.history.len() as u128);
        for (index, entries) in &self.history {
            put(out, u128::from(*index));
            put(out, entries.len() as u128);
            for b in entries {
                for v in [
                    b.debits_pending,
                    b.debits_posted,
                    b.credits_pending,
                    b.credits_posted,
                ] {
                    put(out, v);
                }
                put(out, u128::from(b.timestamp));
            }
        }
    }

    /// Decodes [`Ledger::encode_snapshot`]'s bytes, checking them; never panics.
    pub fn decode_snapshot(bytes: &[u8]) -> Result<Ledger, String> {
        let mut r = Reader { bytes, at: 0 };
        let version: u8 = r.get("version")?;
        if version != SNAPSHOT_VERSION {
            return Err(format!("snapshot version {version} is not supported"));
        }
        let mut ledger = Ledger {
            last_timestamp: r.get("last_timestamp")?,
            ..Ledger::default()
        };
        let accounts = r.len("accounts")?;
        for _ in 0..accounts {
            let a = Account {
                id: r.varint("account id")?,
                debits_pending: r.varint("debits_pending")?,
                debits_posted: r.varint("debits_posted")?,
                credits_pending: r.varint("credits_pending")?,
                credits_posted: r.varint("credits_posted")?,
                user_data_128: r.varint("user_data_128")?,
                user_data_64: r.get("user_data_64")?,
                user_data_32: r.get("user_data_32")?,
                ledger: r.get("ledger")?,
                code: r.get("code")?,
                flags: AccountFlags(r.get("flags")?),
                timestamp: r.get("timestamp")?,
            };
            let index = ledger.accounts.len() as u32;
            if ledger.account_index.insert(a.id, index).is_some() {
                return Err(format!("account {} appears twice", a.id));
            }
            ledger.accounts.push(a);
            ledger.account_transfers.push(Vec::new());
        }
        let transfers = r.len("transfers")?;
        for position in 0..transfers as u32 {
            let mut t = Transfer {
                id: r.varint("transfer id")?,
                debit_account_id: r.varint("debit_account_id")?,
                credit_account_id: r.varint("credit_account_id")?,
                amount: r.varint("amount")?,
                pending_id: r.varint("pending_id")?,
                user_data_128: r.varint("user_data_128")?,
                user_data_64: r.get("user_data_64")?,
                user_data_32: r.get("user_data_32")?,
                timeout: r.get("timeout")?,
                ledger: r.get("ledger")?,
                code: r.get("code")?,
                flags: TransferFlags(r.get("flags")?),
                timestamp: r.get("timestamp")?,
                ..Transfer::default()
            };
            let len = r.len("reference")?;
            let text = std::str::from_utf8(&bytes[r.at..r.at + len])
                .map_err(|_| "reference is not UTF-8")?;
            t.reference = Reference::new(text).map_err(|e| e.to_string())?;
            r.at += len;
            let status = *bytes.get(r.at).ok_or("truncated at status")?;
            r.at += 1;
            let status = Status::from_u8(status)
                .ok_or_else(|| format!("transfer {}: bad status {status}", t.id))?;
            let debit = *ledger
                .account_index
                .get(&t.debit_account_id)
                .ok_or_else(|| format!("transfer {}: unknown debit account", t.id))?;
            let credit = *ledger
                .account_index
                .get(&t.credit_account_id)
                .ok_or_else(|| format!("transfer {}: unknown credit account", t.id))?;
            ledger.account_transfers[debit as usize].push(position);
            ledger.account_transfers[credit as usize].push(position);
            if status == Status::Pending && t.timeout > 0 {
                let at = u64::from(t.timeout)
                    .checked_mul(1_000_000_000)
                    .and_then(|d| t.timestamp.checked_add(d))
                    .ok_or_else(|| format!("transfer {}: deadline overflows", t.id))?;
                ledger.expiries.insert((at, position));
            }
            if !ledger
                .transfer_index
                .insert(t.id, position, &ledger.transfers)
            {
                return Err(format!("transfer {} appears twice", t.id));
            }
            ledger.transfers.push(t);
            ledger.status.push(status as u8);
        }
        let histories = r.len("history")?;
        let mut history = BTreeMap::new();
        for _ in 0..histories {
            let index: u32 = r.get("history account")?;
            if index as usize >= ledger.accounts.len() {
                return Err(format!(
                    "history for account position {index} that does not exist"
                ));
            }
            let count = r.len("history entries")?;
            let mut entries = Vec::with_capacity(count);
            for _ in 0..count {
                entries.push(AccountBalance {
                    debits_pending: r.varint("history debits_pending")?,
                    debits_posted: r.varint("history debits_posted")?,
                    credits_pending: r.varint("history credits_pending")?,
                    credits_posted: r.varint("history credits_posted")?,
                    timestamp: r.get("history timestamp")?,
                });
            }
            history.insert(index, entries);
        }
        ledger.history = history;
        if r.at != bytes.len() {
            return Err("trailing bytes after the snapshot".into());
        }
        ledger.check_invariants()?;
        Ok(ledger)
    }
}
