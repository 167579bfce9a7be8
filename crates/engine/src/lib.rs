//! The engine: Corridor's runtime around the pure ledger.
//!
//! One writer thread owns the [`Ledger`]; one committer thread owns the [`Store`]. Clients put
//! requests on a bounded queue ([`QUEUE_MAX`]). The writer takes what is waiting (up to
//! [`GROUP_EVENTS_MAX`] events), applies each request as one ledger batch and seals it into a
//! journal record; the committer appends the group's records in **one** durable commit (group
//! commit: one fsync), and only then answers. The two overlap: the writer applies the next group
//! while the committer fsyncs the previous one, at most `COMMIT_QUEUE_MAX` groups ahead. Reads run
//! on the writer after a barrier that waits until everything before them is durable, so they only
//! ever see durable state.
//!
//! On open the engine recovers: it loads the newest snapshot, checks it against the journal, and
//! replays the records after it, checking every link of the hash chain and that every replayed
//! batch produces the same results it produced the first time.
//!
//! If a commit fails the engine is poisoned: every later request gets an error until the process
//! restarts and recovers from the store.
//!
//! **Architecture invariant:** the engine owns threads and the clock; the ledger sees neither.

mod recover;
mod verify;
pub mod workload;

pub use recover::{CommandRecord, RecoverError, Recovered, recover};
pub use verify::{VerifyReport, verify};

use journal::codec::CommandPayload;
use journal::{Kind, Record, codec, results_digest};
use ledger::{Account, CreateAccountResult, CreateTransferResult, Ledger, Transfer};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{SystemTime, UNIX_EPOCH};
use store::{Snapshot, SqliteStore, Store, StoreError};

/// Most requests waiting in the queue; senders block beyond it (back-pressure), or are told
/// the queue is full ([`Engine::try_submit_command_then`]).
pub const QUEUE_MAX: usize = 1024;
/// Most events committed together in one fsync.
pub const GROUP_EVENTS_MAX: usize = 4 * ledger::BATCH_MAX;

/// How the engine runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Take a snapshot after this many journal records (0 = only when asked).
    pub snapshot_every: u64,
    /// Capacity hints so that big runs do not rehash in the middle of a batch.
    pub accounts_capacity: usize,
    pub transfers_capacity: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            snapshot_every: 0,
            accounts_capacity: 1024,
            transfers_capacity: 1 << 16,
        }
    }
}

/// Why a request was not answered with results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The request itself is malformed (for example more than `BATCH_MAX` events).
    Invalid(String),
    /// The store failed; the engine is poisoned until restart.
    Store(String),
    /// The engine stopped (shut down or poisoned earlier).
    Stopped,
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Invalid(reason) => write!(f, "invalid request: {reason}"),
            EngineError::Store(reason) => write!(f, "store failure, engine poisoned: {reason}"),
            EngineError::Stopped => write!(f, "engine stopped"),
        }
    }
}

impl std::error::Error for EngineError {}

type Reply<T> = SyncSender<Result<T, EngineError>>;

/// Called with a command's durable answer, on the committer thread: keep it short.
pub type Done<T> = Box<dyn FnOnce(Result<T, EngineError>) + Send>;

/// Where a command's answer goes.
enum Responder<T> {
    Channel(Reply<T>),
    Callback(Done<T>),
}

impl<T> Responder<T> {
    fn send(self, answer: Result<T, EngineError>) {
        match self {
            Responder::Channel(reply) => drop(reply.send(answer)),
            Responder::Callback(done) => done(answer),
        }
    }
}

/// What [`Engine::try_submit_command_then`] did.
pub enum Submitted {
    Queued,
    /// The queue is full: nothing was queued; here is the command back.
    Full(CommandPayload, Done<CommandResults>),
}

/// The ledger's answers to a command's events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommandResults {
    pub accounts: Vec<CreateAccountResult>,
    pub transfers: Vec<CreateTransferResult>,
}

impl CommandResults {
    /// Every event was applied.
    pub fn all_ok(&self) -> bool {
        self.accounts.iter().all(|r| *r == CreateAccountResult::Ok)
            && self
                .transfers
                .iter()
                .all(|r| *r == CreateTransferResult::Ok)
    }
}
/// A read, run on the writer against durable state (or told why it cannot be).
type Query = Box<dyn FnOnce(Result<&Ledger, EngineError>) + Send>;

enum Request {
    Accounts(Vec<Account>, Reply<Vec<CreateAccountResult>>),
    Transfers(Vec<Transfer>, Reply<Vec<CreateTransferResult>>),
    Command(CommandPayload, Responder<CommandResults>),
    Read(Query),
    Snapshot(Reply<u64>),
}

impl Request {
    fn events(&self) -> usize {
        match self {
            Request::Accounts(events, _) => events.len(),
            Request::Transfers(events, _) => events.len(),
            Request::Command(payload, _) => payload.accounts.len() + payload.transfers.len(),
            Request::Read(_) | Request::Snapshot(_) => 0,
        }
    }
}

/// A request in flight: wait on it for the durable answer.
pub struct Pending<T>(Receiver<Result<T, EngineError>>);

impl<T> Pending<T> {
    pub fn wait(self) -> Result<T, EngineError> {
        self.0.recv().unwrap_or(Err(EngineError::Stopped))
    }
}

/// Group-commit size buckets: commits of at most 1, 2, 4, ... records.
pub const COMMIT_BUCKETS: [u64; 15] = [
    1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384,
];

/// Counters for operators' metrics: the queue in front of the writer and the group commits.
#[derive(Default)]
pub struct Stats {
    /// Requests sent and not yet taken by the writer.
    queued: AtomicU64,
    commits: AtomicU64,
    records: AtomicU64,
    /// Commits by records per commit, cumulative over [`COMMIT_BUCKETS`].
    commit_buckets: [AtomicU64; COMMIT_BUCKETS.len()],
}

/// A reading of [`Stats`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatsView {
    pub queue_depth: u64,
    /// Durable group commits and the journal records they held.
    pub commits: u64,
    pub records: u64,
    /// (at most this many records, commits) per bucket of [`COMMIT_BUCKETS`], cumulative.
    pub commit_records: Vec<(u64, u64)>,
}

impl Stats {
    fn committed(&self, records: usize) {
        self.commits.fetch_add(1, Ordering::Relaxed);
        self.records.fetch_add(records as u64, Ordering::Relaxed);
        for (bound, bucket) in COMMIT_BUCKETS.iter().zip(&self.commit_buckets) {
            if records as u64 <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    fn taken(&self) {
        // Never below zero, even if a reading races with a send.
        let _ = self
            .queued
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |q| q.checked_sub(1));
    }
}

/// A running engine. Cheap to share by reference across threads; dropping it shuts it down.
pub struct Engine {
    stats: Arc<Stats>,
    sender: Option<SyncSender<Request>>,
    writer: Option<JoinHandle<()>>,
    recovered: RecoveredInfo,
    commands: Vec<CommandRecord>,
}

/// What recovery found, for operators.
#[derive(Clone, Copy, Debug)]
pub struct RecoveredInfo {
    pub snapshot_seq: u64,
    pub replayed_records: u64,
    pub head_seq: u64,
    pub seconds: f64,
}

fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

impl Engine {
    /// Opens the SQLite store in `data_dir` (creating it if needed), recovers, starts the writer.
    pub fn open(data_dir: &Path, options: Options) -> Result<Engine, RecoverError> {
        let store = SqliteStore::open(data_dir).map_err(RecoverError::Store)?;
        Engine::start(Box::new(store), options)
    }

    /// Recovers from any store and starts the writer thread.
    pub fn start(store: Box<dyn Store>, options: Options) -> Result<Engine, RecoverError> {
        let started = std::time::Instant::now();
        let (store, recovered) = recover(store, &options);
        let recovered = recovered?;
        let info = RecoveredInfo {
            snapshot_seq: recovered.snapshot_seq,
            replayed_records: recovered.head_seq - recovered.snapshot_seq,
            head_seq: recovered.head_seq,
            seconds: started.elapsed().as_secs_f64(),
        };
        let (sender, receiver) = sync_channel(QUEUE_MAX);
        let (jobs, job_receiver) = sync_channel(COMMIT_QUEUE_MAX);
        let poison: Poison = Arc::new(Mutex::new(None));
        let spawn_error =
            |e: std::io::Error| RecoverError::Store(StoreError::Io(format!("spawn thread: {e}")));
        let committer_poison = poison.clone();
        let stats = Arc::new(Stats::default());
        let committer_stats = stats.clone();
        let committer = std::thread::Builder::new()
            .name("corridor-committer".into())
            .spawn(move || commit_loop(store, job_receiver, committer_poison, committer_stats))
            .map_err(spawn_error)?;
        let writer = Writer {
            ledger: recovered.ledger,
            jobs,
            poison,
            seq: recovered.head_seq,
            hash: recovered.head_hash,
            last_record_timestamp: recovered.head_timestamp,
            last_snapshot_seq: recovered.snapshot_seq,
            options,
            stats: stats.clone(),
        };
        let handle = std::thread::Builder::new()
            .name("corridor-writer".into())
            .spawn(move || writer.run(receiver, committer))
            .map_err(spawn_error)?;
        Ok(Engine {
            stats,
            sender: Some(sender),
            writer: Some(handle),
            recovered: info,
            commands: recovered.commands,
        })
    }

    pub fn recovered(&self) -> RecoveredInfo {
        self.recovered
    }

    /// The command records found in the journal on open, in order (every one, also those
    /// before the snapshot), for the layer above to replay. Taken once.
    pub fn take_commands(&mut self) -> Vec<CommandRecord> {
        std::mem::take(&mut self.commands)
    }

    fn send(&self, request: Request) -> Result<(), EngineError> {
        let sender = self.sender.as_ref().ok_or(EngineError::Stopped)?;
        self.stats.queued.fetch_add(1, Ordering::Relaxed);
        sender.send(request).map_err(|_| {
            self.stats.taken();
            EngineError::Stopped
        })
    }

    /// The queue's depth and the group commits so far.
    pub fn stats(&self) -> StatsView {
        let s = &self.stats;
        StatsView {
            queue_depth: s.queued.load(Ordering::Relaxed),
            commits: s.commits.load(Ordering::Relaxed),
            records: s.records.load(Ordering::Relaxed),
            commit_records: COMMIT_BUCKETS
                .iter()
                .zip(&s.commit_buckets)
                .map(|(bound, n)| (*bound, n.load(Ordering::Relaxed)))
                .collect(),
        }
    }

    fn check_batch(len: usize) -> Result<(), EngineError> {
        if len == 0 || len > ledger::BATCH_MAX {
            return Err(EngineError::Invalid(format!(
                "a batch holds 1..={} events, this one has {len}",
                ledger::BATCH_MAX
            )));
        }
        Ok(())
    }

    /// Queues an account batch; the answer arrives once it is durable.
    pub fn submit_accounts(
        &self,
        events: Vec<Account>,
    ) -> Result<Pending<Vec<CreateAccountResult>>, EngineError> {
        Engine::check_batch(events.len())?;
        let (reply, answer) = sync_channel(1);
        self.send(Request::Accounts(events, reply))?;
        Ok(Pending(answer))
    }

    /// Queues a transfer batch; the answer arrives once it is durable.
    pub fn submit_transfers(
        &self,
        events: Vec<Transfer>,
    ) -> Result<Pending<Vec<CreateTransferResult>>, EngineError> {
        Engine::check_batch(events.len())?;
        let (reply, answer) = sync_channel(1);
        self.send(Request::Transfers(events, reply))?;
        Ok(Pending(answer))
    }

    /// Queues a command of the layer above with the ledger events it produces; they are applied
    /// and journaled as one record. The answer arrives once it is durable.
    pub fn submit_command(
        &self,
        payload: CommandPayload,
    ) -> Result<Pending<CommandResults>, EngineError> {
        Engine::check_command(&payload)?;
        let (reply, answer) = sync_channel(1);
        self.send(Request::Command(payload, Responder::Channel(reply)))?;
        Ok(Pending(answer))
    }

    /// Queues a command if there is room, without blocking; `done` gets the durable answer on
    /// the committer thread (answers come in queue order, so when one command's answer comes,
    /// every command queued before it is durable too).
    pub fn try_submit_command_then(
        &self,
        payload: CommandPayload,
        done: Done<CommandResults>,
    ) -> Result<Submitted, EngineError> {
        Engine::check_command(&payload)?;
        let sender = self.sender.as_ref().ok_or(EngineError::Stopped)?;
        self.stats.queued.fetch_add(1, Ordering::Relaxed);
        let sent = sender.try_send(Request::Command(payload, Responder::Callback(done)));
        if sent.is_err() {
            self.stats.taken();
        }
        match sent {
            Ok(()) => Ok(Submitted::Queued),
            Err(std::sync::mpsc::TrySendError::Full(Request::Command(
                payload,
                Responder::Callback(done),
            ))) => Ok(Submitted::Full(payload, done)),
            Err(_) => Err(EngineError::Stopped),
        }
    }

    fn check_command(payload: &CommandPayload) -> Result<(), EngineError> {
        let events = payload.accounts.len().max(payload.transfers.len());
        if events > ledger::BATCH_MAX {
            return Err(EngineError::Invalid(format!(
                "a command carries at most {} accounts and {} transfers, this one has {} and {}",
                ledger::BATCH_MAX,
                ledger::BATCH_MAX,
                payload.accounts.len(),
                payload.transfers.len()
            )));
        }
        if payload.command.len() > codec::COMMAND_BYTES_MAX {
            return Err(EngineError::Invalid(format!(
                "a command holds at most {} bytes, this one has {}",
                codec::COMMAND_BYTES_MAX,
                payload.command.len()
            )));
        }
        Ok(())
    }

    /// Runs a command and waits until it is durable.
    pub fn execute_command(&self, payload: CommandPayload) -> Result<CommandResults, EngineError> {
        self.submit_command(payload)?.wait()
    }

    /// Creates accounts and waits until the batch is durable.
    pub fn create_accounts(
        &self,
        events: Vec<Account>,
    ) -> Result<Vec<CreateAccountResult>, EngineError> {
        self.submit_accounts(events)?.wait()
    }

    /// Creates transfers and waits until the batch is durable.
    pub fn create_transfers(
        &self,
        events: Vec<Transfer>,
    ) -> Result<Vec<CreateTransferResult>, EngineError> {
        self.submit_transfers(events)?.wait()
    }

    /// Runs a query against the durable state (on the writer, between commits).
    pub fn read<T: Send + 'static>(
        &self,
        query: impl FnOnce(&Ledger) -> T + Send + 'static,
    ) -> Result<T, EngineError> {
        let (reply, answer) = sync_channel(1);
        self.send(Request::Read(Box::new(move |ledger| {
            // The caller may have gone away; nothing to do then.
            let _ = reply.send(ledger.map(query));
        })))?;
        answer.recv().unwrap_or(Err(EngineError::Stopped))
    }

    /// Saves a snapshot now; returns the journal position it covers.
    pub fn snapshot(&self) -> Result<u64, EngineError> {
        let (reply, answer) = sync_channel(1);
        self.send(Request::Snapshot(reply))?;
        answer.recv().unwrap_or(Err(EngineError::Stopped))
    }

    /// Stops accepting requests, answers everything queued, and waits for the writer.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        drop(self.sender.take());
        if let Some(writer) = self.writer.take() {
            // A panic in the writer is a bug; surface it rather than hiding it.
            if let Err(panic) = writer.join() {
                std::panic::resume_unwind(panic);
            }
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.stop();
        }
    }
}

enum Answer {
    Accounts(Vec<CreateAccountResult>, Reply<Vec<CreateAccountResult>>),
    Transfers(Vec<CreateTransferResult>, Reply<Vec<CreateTransferResult>>),
    Command(CommandResults, Responder<CommandResults>),
}

/// Work for the committer thread, in order.
enum Job {
    /// Append these records in one durable commit, then send the answers.
    Commit(Vec<Record>, Vec<Answer>),
    /// Answer once everything before it is durable (or with the poison reason).
    Barrier(SyncSender<Result<(), EngineError>>),
    /// Save this snapshot once everything before it is durable.
    Snapshot(Snapshot, Reply<u64>),
}

/// Committed jobs queued behind the writer: the writer applies the next group while the
/// committer fsyncs the previous one (pipelining), never more than this many groups ahead.
const COMMIT_QUEUE_MAX: usize = 2;

type Poison = Arc<Mutex<Option<String>>>;

fn poisoned(poison: &Poison) -> Option<String> {
    poison
        .lock()
        .map(|p| p.clone())
        .unwrap_or_else(|_| Some("poison lock broken".into()))
}

fn poison_with(poison: &Poison, reason: String) {
    if let Ok(mut p) = poison.lock() {
        p.get_or_insert(reason);
    }
}

struct Writer {
    ledger: Ledger,
    jobs: SyncSender<Job>,
    poison: Poison,
    seq: u64,
    hash: [u8; 32],
    /// Records' timestamps strictly increase, also for commands without ledger events.
    last_record_timestamp: u64,
    last_snapshot_seq: u64,
    options: Options,
    stats: Arc<Stats>,
}

impl Writer {
    fn run(mut self, receiver: Receiver<Request>, committer: JoinHandle<()>) {
        let mut carry: Option<Request> = None;
        loop {
            let first = match carry.take() {
                Some(request) => request,
                None => match receiver.recv() {
                    Ok(request) => {
                        self.stats.taken();
                        request
                    }
                    Err(_) => break,
                },
            };
            let mut group = vec![first];
            let mut events = group[0].events();
            // Group commit: take whatever else is already waiting, up to the limit.
            while events < GROUP_EVENTS_MAX {
                match receiver.try_recv() {
                    Ok(request) if events + request.events() <= GROUP_EVENTS_MAX => {
                        self.stats.taken();
                        events += request.events();
                        group.push(request);
                    }
                    Ok(request) => {
                        self.stats.taken();
                        carry = Some(request);
                        break;
                    }
                    Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
                }
            }
            self.process(group);
        }
        drop(self.jobs);
        if let Err(panic) = committer.join() {
            std::panic::resume_unwind(panic);
        }
    }

    fn process(&mut self, group: Vec<Request>) {
        let mut records = Vec::new();
        let mut answers = Vec::new();
        for request in group {
            match request {
                Request::Accounts(events, reply) => {
                    if let Some(reason) = poisoned(&self.poison) {
                        let _ = reply.send(Err(EngineError::Store(reason)));
                        continue;
                    }
                    let timestamp = self.next_timestamp();
                    let results = self.ledger.create_accounts(timestamp, &events);
                    let mut payload = Vec::with_capacity(events.len() * 8);
                    codec::encode_accounts(&events, &mut payload);
                    let codes: Vec<u8> = results.iter().map(|r| *r as u8).collect();
                    records.push(self.seal(timestamp, Kind::CreateAccounts, payload, &codes));
                    answers.push(Answer::Accounts(results, reply));
                }
                Request::Transfers(events, reply) => {
                    if let Some(reason) = poisoned(&self.poison) {
                        let _ = reply.send(Err(EngineError::Store(reason)));
                        continue;
                    }
                    let timestamp = self.next_timestamp();
                    let results = self.ledger.create_transfers(timestamp, &events);
                    let mut payload = Vec::with_capacity(events.len() * 16);
                    codec::encode_transfers(&events, &mut payload);
                    let codes: Vec<u8> = results.iter().map(|r| *r as u8).collect();
                    records.push(self.seal(timestamp, Kind::CreateTransfers, payload, &codes));
                    answers.push(Answer::Transfers(results, reply));
                }
                Request::Command(payload, reply) => {
                    if let Some(reason) = poisoned(&self.poison) {
                        reply.send(Err(EngineError::Store(reason)));
                        continue;
                    }
                    let timestamp = self.next_timestamp();
                    let results = recover::apply_command(&mut self.ledger, timestamp, &payload);
                    let mut bytes = Vec::with_capacity(payload.command.len() + 64);
                    codec::encode_command(&payload, &mut bytes);
                    let codes = recover::command_codes(&results);
                    records.push(self.seal(timestamp, Kind::Command, bytes, &codes));
                    answers.push(Answer::Command(results, reply));
                }
                Request::Read(query) => {
                    // Reads see only durable state: everything before them must be committed.
                    self.flush(&mut records, &mut answers);
                    match self.barrier() {
                        Ok(()) => query(Ok(&self.ledger)),
                        Err(error) => query(Err(error)),
                    }
                }
                Request::Snapshot(reply) => {
                    self.flush(&mut records, &mut answers);
                    self.snapshot(reply);
                }
            }
        }
        self.flush(&mut records, &mut answers);
        if self.options.snapshot_every > 0
            && self.seq - self.last_snapshot_seq >= self.options.snapshot_every
        {
            // Nobody waits for a periodic snapshot; a failure poisons the store like any write.
            let (reply, _ignored) = sync_channel(1);
            self.snapshot(reply);
        }
    }

    /// Batch time: the wall clock, but always after everything already applied.
    fn next_timestamp(&self) -> u64 {
        now_ns()
            .max(self.ledger.last_timestamp() + 1)
            .max(self.last_record_timestamp + 1)
    }

    fn seal(&mut self, timestamp: u64, kind: Kind, payload: Vec<u8>, codes: &[u8]) -> Record {
        self.seq += 1;
        let record = Record::seal(
            self.seq,
            timestamp,
            kind,
            payload,
            results_digest(codes),
            self.hash,
        );
        self.hash = record.hash;
        self.last_record_timestamp = timestamp;
        record
    }

    fn flush(&mut self, records: &mut Vec<Record>, answers: &mut Vec<Answer>) {
        if records.is_empty() {
            debug_assert!(answers.is_empty());
            return;
        }
        let job = Job::Commit(std::mem::take(records), std::mem::take(answers));
        if let Err(std::sync::mpsc::SendError(Job::Commit(_, answers))) = self.jobs.send(job) {
            fail(answers, &EngineError::Stopped);
        }
    }

    fn barrier(&self) -> Result<(), EngineError> {
        let (reply, answer) = sync_channel(1);
        self.jobs
            .send(Job::Barrier(reply))
            .map_err(|_| EngineError::Stopped)?;
        answer.recv().unwrap_or(Err(EngineError::Stopped))
    }

    fn snapshot(&mut self, reply: Reply<u64>) {
        if let Some(reason) = poisoned(&self.poison) {
            let _ = reply.send(Err(EngineError::Store(reason)));
            return;
        }
        let mut state = Vec::new();
        self.ledger.encode_snapshot(&mut state);
        let snapshot = Snapshot {
            seq: self.seq,
            hash: self.hash,
            state,
        };
        self.last_snapshot_seq = self.seq;
        if let Err(std::sync::mpsc::SendError(Job::Snapshot(_, reply))) =
            self.jobs.send(Job::Snapshot(snapshot, reply))
        {
            let _ = reply.send(Err(EngineError::Stopped));
        }
    }
}

fn fail(answers: Vec<Answer>, error: &EngineError) {
    for answer in answers {
        match answer {
            Answer::Accounts(_, reply) => drop(reply.send(Err(error.clone()))),
            Answer::Transfers(_, reply) => drop(reply.send(Err(error.clone()))),
            Answer::Command(_, reply) => reply.send(Err(error.clone())),
        }
    }
}

/// Owns the store: appends each group in one durable commit, then answers.
fn commit_loop(mut store: Box<dyn Store>, jobs: Receiver<Job>, poison: Poison, stats: Arc<Stats>) {
    for job in jobs {
        match job {
            Job::Commit(records, answers) => {
                let outcome = match poisoned(&poison) {
                    Some(reason) => Err(EngineError::Store(reason)),
                    None => store.append(&records).map_err(|error| {
                        // Memory is now ahead of the disk: refuse everything until restart.
                        let reason = error.to_string();
                        poison_with(&poison, reason.clone());
                        EngineError::Store(reason)
                    }),
                };
                match outcome {
                    Ok(()) => {
                        stats.committed(records.len());
                        for answer in answers {
                            match answer {
                                Answer::Accounts(results, reply) => drop(reply.send(Ok(results))),
                                Answer::Transfers(results, reply) => drop(reply.send(Ok(results))),
                                Answer::Command(results, reply) => reply.send(Ok(results)),
                            }
                        }
                    }
                    Err(error) => fail(answers, &error),
                }
            }
            Job::Barrier(reply) => {
                let _ = reply.send(match poisoned(&poison) {
                    Some(reason) => Err(EngineError::Store(reason)),
                    None => Ok(()),
                });
            }
            Job::Snapshot(snapshot, reply) => {
                let outcome = match poisoned(&poison) {
                    Some(reason) => Err(EngineError::Store(reason)),
                    None => store
                        .save_snapshot(&snapshot)
                        .map(|()| snapshot.seq)
                        .map_err(|error| {
                            let reason = error.to_string();
                            poison_with(&poison, reason.clone());
                            EngineError::Store(reason)
                        }),
                };
                let _ = reply.send(outcome);
            }
        }
    }
}
