//! Persistence for the journal and snapshots, behind one trait ([`Store`]).
//!
//! The embedded default is SQLite ([`SqliteStore`]) in WAL mode with `synchronous=FULL`: each
//! [`Store::append`] is one transaction and one fsync of the WAL, however many records it holds
//! (group commit). A PostgreSQL store slots in behind the same trait.
//!
//! Durability rule (fjall's): if a commit fails, the store is **poisoned** and refuses every
//! later write until the process restarts and recovers from what is on disk.
//!
//! **Architecture invariant:** this is the only crate that knows SQL.

mod sqlite;

pub use sqlite::{DATABASE_FILE, SqliteStore};

use journal::Record;

/// Snapshots are stored in chunks of this many bytes (SQLite's default blob limit is 1 GB).
pub const SNAPSHOT_CHUNK_BYTES: usize = 64 << 20;

/// The last record in the journal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
    pub seq: u64,
    pub hash: [u8; 32],
}

/// A saved state at journal position `seq` (whose record hash is `hash`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub seq: u64,
    pub hash: [u8; 32],
    pub state: Vec<u8>,
}

/// IO and corruption. Business refusals never come here.
#[derive(Debug)]
pub enum StoreError {
    /// The database said no (IO error, disk full, locked, ...).
    Io(String),
    /// A previous commit failed; no writes until restart.
    Poisoned,
    /// Stored bytes are not what they must be.
    Corrupt { seq: u64, reason: String },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Io(message) => write!(f, "store IO error: {message}"),
            StoreError::Poisoned => {
                write!(
                    f,
                    "store is poisoned after a failed commit; restart to recover"
                )
            }
            StoreError::Corrupt { seq, reason } => {
                write!(f, "store corrupt at record {seq}: {reason}")
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// Where journal records and snapshots live.
pub trait Store: Send {
    /// Appends records (contiguous, continuing the head) in one durable commit.
    fn append(&mut self, records: &[Record]) -> Result<(), StoreError>;
    /// The last record, if any.
    fn head(&self) -> Result<Option<Head>, StoreError>;
    /// Up to `limit` records with `seq >= from`, in order.
    fn read(&self, from: u64, limit: usize) -> Result<Vec<Record>, StoreError>;
    /// Saves a snapshot of the state after record `seq` (durably).
    fn save_snapshot(&mut self, snapshot: &Snapshot) -> Result<(), StoreError>;
    /// The newest snapshot, if any.
    fn latest_snapshot(&self) -> Result<Option<Snapshot>, StoreError>;
}
