//! The journal: Corridor's durable, append-only record of every applied batch.
//!
//! A [`Record`] holds one batch of ledger commands exactly as they were applied (the events, in
//! the compact [`codec`] encoding, plus the batch timestamp), the SHA-256 of the result codes the
//! batch produced, and the SHA-256 of the previous record. The record's own SHA-256 (`hash`) is its
//! checksum and the next record's link, so changing any byte of history breaks every later link.
//!
//! Replaying the records in order into a fresh [`ledger::Ledger`] rebuilds the whole state, and the
//! results digest proves the replay produced the same answers the clients got.
//!
//! **Architecture invariant:** this crate knows bytes, not SQL or files; `store` persists records.

pub mod codec;

use sha2::{Digest, Sha256};

/// Version of the record layout and of the codec. Bumped on any change; old versions stay readable.
pub const FORMAT_VERSION: u8 = 1;

/// The hash that precedes the first record.
pub const GENESIS_HASH: [u8; 32] = [0; 32];

/// What a record's payload holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    CreateAccounts = 1,
    CreateTransfers = 2,
    /// A command of the layer above (opaque bytes to the journal) together with the ledger
    /// events it produced, applied and committed as one record: complete or absent, never half.
    Command = 3,
}

impl Kind {
    pub fn from_u8(value: u8) -> Option<Kind> {
        match value {
            1 => Some(Kind::CreateAccounts),
            2 => Some(Kind::CreateTransfers),
            3 => Some(Kind::Command),
            _ => None,
        }
    }
}

/// One applied batch, sealed into the hash chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Position in the journal, 1-based and contiguous.
    pub seq: u64,
    /// The batch timestamp (ns) given to the ledger; event i got `timestamp + i`.
    pub timestamp: u64,
    pub kind: Kind,
    /// The events in the [`codec`] encoding.
    pub payload: Vec<u8>,
    /// SHA-256 of the result codes (one byte per event) the batch produced.
    pub results_digest: [u8; 32],
    /// `hash` of the record before this one ([`GENESIS_HASH`] for seq 1).
    pub prev_hash: [u8; 32],
    /// SHA-256 over all fields above: the checksum of this record and the next record's link.
    pub hash: [u8; 32],
}

/// The first place where a journal stops being what it claims to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainError {
    pub seq: u64,
    pub reason: String,
}

impl std::fmt::Display for ChainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "journal record {}: {}", self.seq, self.reason)
    }
}

impl std::error::Error for ChainError {}

/// Lower-case hex of a hash, for messages and for auditors comparing with `sha256sum`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of result codes, one byte per event.
pub fn results_digest(codes: &[u8]) -> [u8; 32] {
    Sha256::digest(codes).into()
}

impl Record {
    /// Builds a record and computes its hash.
    pub fn seal(
        seq: u64,
        timestamp: u64,
        kind: Kind,
        payload: Vec<u8>,
        results_digest: [u8; 32],
        prev_hash: [u8; 32],
    ) -> Record {
        assert!(seq >= 1, "journal sequence numbers start at 1");
        let mut record = Record {
            seq,
            timestamp,
            kind,
            payload,
            results_digest,
            prev_hash,
            hash: [0; 32],
        };
        record.hash = record.compute_hash();
        record
    }

    /// SHA-256 over version, seq, timestamp, kind, payload length and bytes, results digest and
    /// previous hash. Every integer is little-endian, so the bytes are fixed and documented.
    pub fn compute_hash(&self) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update([FORMAT_VERSION]);
        hasher.update(self.seq.to_le_bytes());
        hasher.update(self.timestamp.to_le_bytes());
        hasher.update([self.kind as u8]);
        hasher.update((self.payload.len() as u64).to_le_bytes());
        hasher.update(&self.payload);
        hasher.update(self.results_digest);
        hasher.update(self.prev_hash);
        hasher.finalize().into()
    }

    /// Checks this record's checksum and its link to the previous record.
    pub fn check_link(
        &self,
        expected_seq: u64,
        expected_prev: &[u8; 32],
    ) -> Result<(), ChainError> {
        let fail = |reason: String| {
            Err(ChainError {
                seq: self.seq,
                reason,
            })
        };
        if self.seq != expected_seq {
            return fail(format!(
                "expected sequence {expected_seq}, found {}",
                self.seq
            ));
        }
        if &self.prev_hash != expected_prev {
            return fail(format!(
                "broken chain: previous hash is {}, but record {} hashes to {}",
                hex(&self.prev_hash),
                expected_seq.saturating_sub(1),
                hex(expected_prev)
            ));
        }
        let computed = self.compute_hash();
        if computed != self.hash {
            return fail(format!(
                "checksum mismatch: stored {}, computed {} (the record was altered or corrupted)",
                hex(&self.hash),
                hex(&computed)
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_and_check() {
        let first = Record::seal(
            1,
            10,
            Kind::CreateAccounts,
            vec![1, 2, 3],
            [7; 32],
            GENESIS_HASH,
        );
        first.check_link(1, &GENESIS_HASH).unwrap();
        let second = Record::seal(2, 20, Kind::CreateTransfers, vec![], [0; 32], first.hash);
        second.check_link(2, &first.hash).unwrap();
        assert!(
            second
                .check_link(2, &GENESIS_HASH)
                .unwrap_err()
                .reason
                .contains("broken chain")
        );
        assert!(
            second
                .check_link(3, &first.hash)
                .unwrap_err()
                .reason
                .contains("expected sequence")
        );
        let mut tampered = first.clone();
        tampered.payload[0] = 9;
        assert!(
            tampered
                .check_link(1, &GENESIS_HASH)
                .unwrap_err()
                .reason
                .contains("checksum")
        );
        let mut tampered = first;
        tampered.results_digest[0] ^= 1;
        assert!(tampered.check_link(1, &GENESIS_HASH).is_err());
    }
}
