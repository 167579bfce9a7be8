//! Recovery: newest snapshot, then replay of the journal after it, checking every link.
//!
//! Replay is a two-stage pipeline: a reader thread reads records from the store, checks each
//! record's checksum and link, and decodes its events; the calling thread applies them to the
//! ledger and checks that each batch produces exactly the results it produced the first time.

use crate::CommandResults;
use crate::Options;
use journal::codec::CommandPayload;
use journal::{ChainError, GENESIS_HASH, Kind, Record, codec, hex, results_digest};
use ledger::{Account, Ledger, Transfer};
use std::sync::mpsc::sync_channel;
use store::{Store, StoreError};

/// Records read from the store per query during replay.
pub const REPLAY_CHUNK: usize = 32;
/// Decoded records buffered between the reader and the applier.
const REPLAY_QUEUE_MAX: usize = 8;

/// Why the state could not be rebuilt.
#[derive(Debug)]
pub enum RecoverError {
    Store(StoreError),
    /// The journal or snapshot is not consistent; `seq` names the first bad record.
    Corrupt(ChainError),
}

impl std::fmt::Display for RecoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecoverError::Store(error) => write!(f, "{error}"),
            RecoverError::Corrupt(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for RecoverError {}

impl From<StoreError> for RecoverError {
    fn from(error: StoreError) -> RecoverError {
        RecoverError::Store(error)
    }
}

fn corrupt(seq: u64, reason: String) -> RecoverError {
    RecoverError::Corrupt(ChainError { seq, reason })
}

/// The rebuilt state and where the journal ends.
pub struct Recovered {
    pub ledger: Ledger,
    pub snapshot_seq: u64,
    pub head_seq: u64,
    pub head_hash: [u8; 32],
    pub head_timestamp: u64,
    /// Every command record of the journal, in order.
    pub commands: Vec<CommandRecord>,
}

/// A command record as the layer above replays it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandRecord {
    pub seq: u64,
    pub timestamp: u64,
    pub payload: CommandPayload,
    /// Every ledger event of the command was applied (the record's results digest is the one
    /// of all-`ok` codes).
    pub all_ok: bool,
}

pub(crate) enum Events {
    Accounts(Vec<Account>),
    Transfers(Vec<Transfer>),
    Command(CommandPayload),
}

/// Applies a command's ledger events: its accounts at `timestamp`, then its transfers right
/// after them.
pub(crate) fn apply_command(
    ledger: &mut Ledger,
    timestamp: u64,
    payload: &CommandPayload,
) -> CommandResults {
    let mut results = CommandResults::default();
    let mut at = timestamp;
    if !payload.accounts.is_empty() {
        results.accounts = ledger.create_accounts(at, &payload.accounts);
        at = ledger.last_timestamp() + 1;
    }
    if !payload.transfers.is_empty() {
        results.transfers = ledger.create_transfers(at, &payload.transfers);
    }
    results
}

/// One byte per event: the accounts' result codes, then the transfers'.
pub(crate) fn command_codes(results: &CommandResults) -> Vec<u8> {
    let accounts = results.accounts.iter().map(|r| *r as u8);
    accounts
        .chain(results.transfers.iter().map(|r| *r as u8))
        .collect()
}

/// The digest a command record has when every one of its `events` was applied.
fn all_ok_digest(events: usize) -> [u8; 32] {
    results_digest(&vec![0u8; events])
}

fn command_record(record: &Record, payload: CommandPayload) -> CommandRecord {
    let events = payload.accounts.len() + payload.transfers.len();
    CommandRecord {
        seq: record.seq,
        timestamp: record.timestamp,
        all_ok: record.results_digest == all_ok_digest(events),
        payload,
    }
}

/// Applies one journal record's events and checks the results against the recorded digest.
pub(crate) fn apply(
    ledger: &mut Ledger,
    record: &Record,
    events: &Events,
) -> Result<usize, RecoverError> {
    if record.timestamp <= ledger.last_timestamp() {
        return Err(corrupt(
            record.seq,
            format!(
                "timestamp {} does not follow {}",
                record.timestamp,
                ledger.last_timestamp()
            ),
        ));
    }
    let (codes, count): (Vec<u8>, usize) = match events {
        Events::Accounts(events) => {
            let results = ledger.create_accounts(record.timestamp, events);
            (results.iter().map(|r| *r as u8).collect(), events.len())
        }
        Events::Transfers(events) => {
            let results = ledger.create_transfers(record.timestamp, events);
            (results.iter().map(|r| *r as u8).collect(), events.len())
        }
        Events::Command(payload) => {
            let results = apply_command(ledger, record.timestamp, payload);
            (
                command_codes(&results),
                payload.accounts.len() + payload.transfers.len(),
            )
        }
    };
    let digest = results_digest(&codes);
    if digest != record.results_digest {
        return Err(corrupt(
            record.seq,
            format!(
                "replay produced different results (digest {} instead of {})",
                hex(&digest),
                hex(&record.results_digest)
            ),
        ));
    }
    Ok(count)
}

/// A journal position: (seq, hash of that record).
pub(crate) type ChainHead = (u64, [u8; 32]);

/// Reads records `from..` and feeds each (checked and decoded) to `visit`, in order. The store
/// is lent to the reader thread and handed back with the head reached: (seq, hash).
pub(crate) fn replay(
    store: Box<dyn Store>,
    from: (u64, [u8; 32]),
    mut visit: impl FnMut(&Record, Events) -> Result<(), RecoverError>,
) -> (Box<dyn Store>, Result<ChainHead, RecoverError>) {
    let (sender, receiver) =
        sync_channel::<Result<(Record, Events), RecoverError>>(REPLAY_QUEUE_MAX);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let (mut seq, mut hash) = from;
            'outer: loop {
                let records = match store.read(seq + 1, REPLAY_CHUNK) {
                    Ok(records) if records.is_empty() => break,
                    Ok(records) => records,
                    Err(error) => {
                        let _ = sender.send(Err(error.into()));
                        break;
                    }
                };
                for record in records {
                    let checked = record
                        .check_link(seq + 1, &hash)
                        .map_err(RecoverError::Corrupt)
                        .and_then(|()| decode(&record));
                    let stop = checked.is_err();
                    seq = record.seq;
                    hash = record.hash;
                    if sender.send(checked.map(|events| (record, events))).is_err() || stop {
                        break 'outer;
                    }
                }
            }
            store
        });
        let mut head = Ok(from);
        for item in receiver.iter() {
            let step = item.and_then(|(record, events)| {
                visit(&record, events)?;
                Ok((record.seq, record.hash))
            });
            head = step;
            if head.is_err() {
                break;
            }
        }
        // Dropping the receiver lets the reader stop early after an error.
        drop(receiver);
        match reader.join() {
            Ok(store) => (store, head),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

fn decode(record: &Record) -> Result<Events, RecoverError> {
    let bad = |error: codec::DecodeError| {
        corrupt(record.seq, format!("payload does not decode: {error}"))
    };
    match record.kind {
        Kind::CreateAccounts => codec::decode_accounts(&record.payload)
            .map(Events::Accounts)
            .map_err(bad),
        Kind::CreateTransfers => codec::decode_transfers(&record.payload)
            .map(Events::Transfers)
            .map_err(bad),
        Kind::Command => codec::decode_command(&record.payload)
            .map(Events::Command)
            .map_err(bad),
    }
}

/// Rebuilds the state from the newest snapshot plus the journal after it.
pub fn recover(
    store: Box<dyn Store>,
    options: &Options,
) -> (Box<dyn Store>, Result<Recovered, RecoverError>) {
    match load_snapshot(store.as_ref(), options) {
        Err(error) => (store, Err(error)),
        Ok((mut ledger, snapshot_seq, snapshot_hash)) => {
            let mut commands = match commands_before(store.as_ref(), snapshot_seq) {
                Ok(commands) => commands,
                Err(error) => return (store, Err(error)),
            };
            let mut head_timestamp = 0;
            let (store, head) = replay(store, (snapshot_seq, snapshot_hash), |record, events| {
                apply(&mut ledger, record, &events)?;
                head_timestamp = record.timestamp;
                if let Events::Command(payload) = events {
                    commands.push(command_record(record, payload));
                }
                Ok(())
            });
            if head_timestamp == 0 && snapshot_seq > 0 {
                head_timestamp = match store.read(snapshot_seq, 1) {
                    Ok(records) => records.first().map_or(0, |r| r.timestamp),
                    Err(error) => return (store, Err(error.into())),
                };
            }
            let recovered = head.and_then(|(head_seq, head_hash)| {
                ledger.check_invariants().map_err(|reason| {
                    corrupt(head_seq, format!("invariant broken after replay: {reason}"))
                })?;
                Ok(Recovered {
                    ledger,
                    snapshot_seq,
                    head_seq,
                    head_hash,
                    head_timestamp,
                    commands,
                })
            });
            (store, recovered)
        }
    }
}

/// The command records up to the snapshot (their ledger effect is in the snapshot, but the layer
/// above rebuilds its state from every command). Each is checked against its stored hash.
fn commands_before(store: &dyn Store, until: u64) -> Result<Vec<CommandRecord>, RecoverError> {
    let mut commands = Vec::new();
    let mut seq = 1;
    while seq <= until {
        let records = store.read(seq, REPLAY_CHUNK)?;
        if records.is_empty() {
            break;
        }
        for record in records.into_iter().take_while(|r| r.seq <= until) {
            seq = record.seq + 1;
            if record.kind != Kind::Command {
                continue;
            }
            if record.compute_hash() != record.hash {
                return Err(corrupt(record.seq, "checksum mismatch".into()));
            }
            let payload = codec::decode_command(&record.payload).map_err(|error| {
                corrupt(record.seq, format!("payload does not decode: {error}"))
            })?;
            commands.push(command_record(&record, payload));
        }
    }
    Ok(commands)
}

fn load_snapshot(
    store: &dyn Store,
    options: &Options,
) -> Result<(Ledger, u64, [u8; 32]), RecoverError> {
    Ok(match store.latest_snapshot()? {
        Some(snapshot) => {
            let at = store.read(snapshot.seq, 1)?;
            match at.first() {
                Some(record) if record.seq == snapshot.seq && record.hash == snapshot.hash => {}
                _ => {
                    return Err(corrupt(
                        snapshot.seq,
                        "snapshot does not match the journal record it claims to follow".into(),
                    ));
                }
            }
            let ledger = Ledger::decode_snapshot(&snapshot.state).map_err(|reason| {
                corrupt(snapshot.seq, format!("snapshot does not decode: {reason}"))
            })?;
            (ledger, snapshot.seq, snapshot.hash)
        }
        None => (
            Ledger::with_capacity(options.accounts_capacity, options.transfers_capacity),
            0,
            GENESIS_HASH,
        ),
    })
}
