//! The corridor service: the pure [`Workflow`] driven through the [`Engine`].
//!
//! Every command runs the same way, live and on replay:
//!
//! 1. the workflow **prepares** it against the current state (a refusal stops here and nothing
//!    is written);
//! 2. the command (with the day it ran) and the ledger events it produces go to the engine as
//!    **one journal record**: applied and made durable together, so a crash leaves the command
//!    complete or absent, never half;
//! 3. the workflow **commits** the change; the caller is answered once the record is durable.
//!    (The ledger accepting every prepared event is an invariant: a refusal is a bug and
//!    poisons the service, like a failed commit.)
//!
//! On open, the engine recovers the ledger and hands back every command record; the service
//! replays them through the workflow and checks that each produces exactly the ledger events
//! journaled with it. A difference is corruption and names the record.
//!
//! One lock orders the commands: the journal's order is the order of the state changes.
//! For a clearing cycle the service reads the ledger balances at the cut-off and journals them
//! with the command, so that replay plans the very same cycle.
//!
//! **Architecture invariant:** no HTTP, no JSON of requests here (the API crate's job); the
//! shell's clock enters only as the `today` argument.

pub mod report;

use corridor::Refusal;
use corridor::hs::HsCatalog;
use corridor::statement::Statement;
use corridor::workflow::{
    Change, Command, Envelope, Prepared, RequestKey, Workflow, date_text, parse_day,
};
use engine::{Engine, EngineError, Options, RecoverError};
use journal::codec::CommandPayload;
use ledger::AccountFilter;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// Why the service could not do what was asked (not a business refusal: those are
/// [`Refusal`]s inside `Ok`).
#[derive(Debug)]
pub enum ServiceError {
    Recover(RecoverError),
    Engine(EngineError),
    /// A journaled command does not replay to what it did the first time.
    Replay {
        seq: u64,
        reason: String,
    },
    /// The ledger refused events the workflow prepared (a bug): the service is poisoned.
    Ledger(String),
    /// An earlier commit failed; reopen to recover from the disk.
    Poisoned(String),
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServiceError::Recover(e) => write!(f, "recovery failed: {e}"),
            ServiceError::Engine(e) => write!(f, "{e}"),
            ServiceError::Replay { seq, reason } => {
                write!(
                    f,
                    "journal record {seq}: the command does not replay: {reason}"
                )
            }
            ServiceError::Ledger(reason) => write!(f, "the ledger refused the command: {reason}"),
            ServiceError::Poisoned(reason) => {
                write!(
                    f,
                    "the service stopped after a failed commit ({reason}); reopen it"
                )
            }
        }
    }
}

impl std::error::Error for ServiceError {}

impl From<EngineError> for ServiceError {
    fn from(e: EngineError) -> ServiceError {
        ServiceError::Engine(e)
    }
}

/// What opening found.
#[derive(Clone, Copy, Debug)]
pub struct Opened {
    pub commands_replayed: usize,
    pub commands_skipped: usize,
    /// Answers journaled for requests (refusals, batches) read back.
    pub answers_replayed: usize,
    pub head_seq: u64,
}

pub struct Service {
    engine: Engine,
    workflow: Mutex<Workflow>,
    opened: Opened,
    /// Set when a command's commit failed after the workflow applied it.
    poisoned: Arc<Mutex<Option<String>>>,
    /// Idempotency keys seen with their request hash (rebuilt from the journal on open).
    requests: Mutex<Requests>,
    /// How far the journal is durable, for reads that must not show what is not on disk.
    tickets: Arc<Tickets>,
}

/// Durability of what the workflow shows. Every command queued to the engine takes a ticket
/// (under the workflow lock, so in queue order); `durable` is the highest ticket known to be
/// durable (the engine answers in queue order, so every ticket below it is durable too).
#[derive(Default)]
struct Tickets {
    queued: AtomicU64,
    durable: Mutex<u64>,
    changed: Condvar,
}

impl Tickets {
    fn take(&self) -> u64 {
        self.queued.fetch_add(1, Ordering::SeqCst) + 1
    }

    fn durable_up_to(&self, ticket: u64) {
        let mut durable = self.durable.lock().unwrap_or_else(|p| p.into_inner());
        if *durable < ticket {
            *durable = ticket;
        }
        self.changed.notify_all();
    }

    /// A commit failed: wake the readers so that they see the poison.
    fn wake(&self) {
        self.changed.notify_all();
    }
}

/// Most idempotency keys remembered by default (the oldest are forgotten first): a retry of a
/// key older than the last this many is not recognised (see [`Service::open_keyed`]).
pub const REQUEST_KEYS_MAX: usize = 1_000_000;

/// Largest piece of a request's answer in one journal record (bytes of text; a longer answer
/// takes several records, written together). Escaped as a JSON string it stays well under the
/// journal's command limit.
pub const ANSWER_PART_MAX: usize = 128 << 10;

/// How an answer record's bytes begin (a command record's envelope begins `{"today":`).
const ANSWER_PREFIX: &[u8] = b"{\"answer\":";

/// Idempotency keys seen, by a digest of (caller, key), with a digest of their request's hash:
/// fixed-size entries, no allocation to look one up. At most `max`, the oldest forgotten first.
struct Requests {
    hashes: HashMap<[u8; 16], [u8; 32]>,
    order: std::collections::VecDeque<[u8; 16]>,
    max: usize,
}

/// SHA-256 of the parts, each followed by a zero byte.
fn digest(parts: &[&str]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in parts {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize().into()
}

fn request_id(r: &RequestKey) -> [u8; 16] {
    let full = digest(&[&r.caller, &r.key]);
    let mut id = [0u8; 16];
    id.copy_from_slice(&full[..16]);
    id
}

impl Requests {
    fn new(max: usize) -> Requests {
        Requests {
            hashes: HashMap::new(),
            order: std::collections::VecDeque::new(),
            max: max.max(1),
        }
    }

    fn remember(&mut self, r: &RequestKey) {
        let id = request_id(r);
        if self.hashes.insert(id, digest(&[&r.hash])).is_none() {
            self.order.push_back(id);
            while self.order.len() > self.max {
                if let Some(old) = self.order.pop_front() {
                    self.hashes.remove(&old);
                }
            }
        }
    }

    /// `Some(Ok)` when this request was applied or answered before, `Some(Err)` when the key
    /// was used for another request, `None` when the key is new (or forgotten).
    fn seen(&self, r: &RequestKey) -> Option<Result<(), Refusal>> {
        let hash = self.hashes.get(&request_id(r))?;
        Some(if *hash == digest(&[&r.hash]) {
            Ok(())
        } else {
            Err(Refusal::new(
                "Idempotency-Key",
                "this key was used for a different request; use a new key",
            ))
        })
    }
}

/// The journal records that carry a request's answer: `{"answer": {caller, key, hash, part,
/// parts, text}}`, the text cut at character boundaries into pieces of at most
/// [`ANSWER_PART_MAX`] bytes. No ledger events: replaying them changes no state.
fn answer_records(request: &RequestKey, text: &str) -> Vec<CommandPayload> {
    let mut pieces = Vec::new();
    let mut rest = text;
    loop {
        let mut cut = rest.len().min(ANSWER_PART_MAX);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (piece, tail) = rest.split_at(cut);
        pieces.push(piece);
        rest = tail;
        if rest.is_empty() {
            break;
        }
    }
    let parts = pieces.len();
    pieces
        .into_iter()
        .enumerate()
        .map(|(part, piece)| {
            let record = serde_json::json!({ "answer": {
                "caller": request.caller,
                "key": request.key,
                "hash": request.hash,
                "part": part,
                "parts": parts,
                "text": piece,
            }});
            CommandPayload {
                command: record.to_string().into_bytes(),
                accounts: Vec::new(),
                transfers: Vec::new(),
            }
        })
        .collect()
}

/// One answer record read back: (request, part, parts, text).
fn read_answer_record(bytes: &[u8]) -> Result<(RequestKey, usize, usize, String), String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("answer record: {e}"))?;
    let outer = value
        .as_object()
        .filter(|o| o.len() == 1)
        .and_then(|o| o.get("answer"))
        .and_then(|a| a.as_object())
        .ok_or("answer record: not {\"answer\": {...}}")?;
    const FIELDS: [&str; 6] = ["caller", "key", "hash", "part", "parts", "text"];
    if outer.len() != FIELDS.len() || !FIELDS.iter().all(|f| outer.contains_key(*f)) {
        return Err(format!("answer record: the fields are not {FIELDS:?}"));
    }
    let text = |f: &str| {
        outer[f]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("answer record: {f} is not text"))
    };
    let number = |f: &str| {
        outer[f]
            .as_u64()
            .map(|n| n as usize)
            .ok_or_else(|| format!("answer record: {f} is not a number"))
    };
    let (part, parts) = (number("part")?, number("parts")?);
    if part >= parts {
        return Err(format!("answer record: part {part} of {parts}"));
    }
    let request = RequestKey {
        caller: text("caller")?,
        key: text("key")?,
        hash: text("hash")?,
    };
    Ok((request, part, parts, text("text")?))
}

/// What a command already applied under the same idempotency key prepares to: nothing.
fn already_applied() -> Prepared {
    Prepared {
        accounts: Vec::new(),
        transfers: Vec::new(),
        change: Change::Unchanged,
    }
}

/// A command's outcome with the caller's answer: refused, or applied with what `respond` made
/// of the state it left (`None` when its idempotency key was applied before: not run again).
pub type Answered<R> = Result<(Prepared, Option<R>), Refusal>;

/// What became of a request run with [`Service::execute_request`].
pub enum Requested<R> {
    /// The request's idempotency key was used before: `Ok` for this same request (applied or
    /// answered before, so not run again; its first answer is the one to give), `Err` for
    /// another request. Answered once whatever recorded it is durable.
    Seen(Result<(), Refusal>),
    /// Run: one outcome per command, and the answer journaled for the request, if any.
    Ran(Vec<Answered<R>>, Option<String>),
}

/// Called for every replayed command that carries an idempotency key, right after it is
/// committed to the workflow (the state is the one its first answer was computed from).
pub type OnReplay<'a> = &'a mut dyn FnMut(&Workflow, &Envelope, &Prepared);

/// Called for every answer journaled for a request ([`Service::record_answer`],
/// [`Service::execute_request`]), in journal order: the request and the answer's text.
pub type OnAnswer<'a> = &'a mut dyn FnMut(&RequestKey, &str);

fn replay(
    engine: &mut Engine,
    workflow: &mut Workflow,
    requests: &mut Requests,
    on_replay: OnReplay<'_>,
    on_answer: OnAnswer<'_>,
) -> Result<Opened, ServiceError> {
    let mut opened = Opened {
        commands_replayed: 0,
        commands_skipped: 0,
        answers_replayed: 0,
        head_seq: engine.recovered().head_seq,
    };
    // An answer's parts read so far (a crash may cut an answer short: its request was never
    // answered, and the parts read are dropped).
    let mut partial: Option<(RequestKey, usize, String)> = None;
    for record in engine.take_commands() {
        let fail = |reason: String| ServiceError::Replay {
            seq: record.seq,
            reason,
        };
        if record.payload.command.starts_with(ANSWER_PREFIX) {
            if !record.payload.accounts.is_empty() || !record.payload.transfers.is_empty() {
                return Err(fail("an answer record carries ledger events".into()));
            }
            let (request, part, parts, text) =
                read_answer_record(&record.payload.command).map_err(fail)?;
            let mut so_far = match partial.take() {
                Some((r, next, so_far)) if part > 0 && r == request && next == part => so_far,
                _ if part == 0 => String::new(),
                _ => continue,
            };
            so_far.push_str(&text);
            if part + 1 == parts {
                on_answer(&request, &so_far);
                requests.remember(&request);
                opened.answers_replayed += 1;
            } else {
                partial = Some((request, part + 1, so_far));
            }
            continue;
        }
        partial = None;
        if !record.all_ok {
            // The ledger refused it when it ran; the workflow never committed it.
            opened.commands_skipped += 1;
            continue;
        }
        let envelope = Envelope::from_bytes(&record.payload.command).map_err(fail)?;
        let today = parse_day(&envelope.today).ok_or_else(|| fail("bad day".into()))?;
        let prepared = workflow
            .prepare(today, &envelope.command)
            .map_err(|r| fail(format!("refused on replay: {r}")))?;
        if prepared.accounts != record.payload.accounts
            || prepared.transfers != record.payload.transfers
        {
            return Err(fail(
                "it produces different ledger events than those journaled with it".into(),
            ));
        }
        if let Some(request) = &envelope.request {
            workflow.commit(prepared.clone());
            on_replay(workflow, &envelope, &prepared);
            requests.remember(request);
        } else {
            workflow.commit(prepared);
        }
        opened.commands_replayed += 1;
    }
    Ok(opened)
}

/// The first result code that is not `ok`.
fn first_failure(results: &engine::CommandResults) -> String {
    results
        .accounts
        .iter()
        .map(|r| r.to_string())
        .chain(results.transfers.iter().map(|r| r.to_string()))
        .find(|r| r != "ok")
        .unwrap_or_default()
}

impl Service {
    /// Opens (or creates) the store in `data_dir`, recovers the ledger and replays the commands.
    pub fn open(data_dir: &Path) -> Result<Service, ServiceError> {
        Service::open_with(data_dir, &mut |_, _, _| {})
    }

    /// [`Service::open`], calling `on_replay` for every replayed command that carries an
    /// idempotency key (the API rebuilds the first answers of its keys from them).
    pub fn open_with(data_dir: &Path, on_replay: OnReplay<'_>) -> Result<Service, ServiceError> {
        Service::open_keyed(data_dir, REQUEST_KEYS_MAX, on_replay, &mut |_, _| {})
    }

    /// [`Service::open_with`], remembering the last `keys_max` idempotency keys (a retry of an
    /// older key is not recognised: it runs as a new request), and calling `on_answer` for
    /// every answer journaled for a request.
    pub fn open_keyed(
        data_dir: &Path,
        keys_max: usize,
        on_replay: OnReplay<'_>,
        on_answer: OnAnswer<'_>,
    ) -> Result<Service, ServiceError> {
        let engine = Engine::open(data_dir, Options::default()).map_err(ServiceError::Recover)?;
        Service::start_keyed(engine, keys_max, on_replay, on_answer)
    }

    /// The service on an engine the caller started ([`Engine::start`] on any store): the seam
    /// where the crash tests put a store that stops the process at a chosen record.
    pub fn start_with(engine: Engine, on_replay: OnReplay<'_>) -> Result<Service, ServiceError> {
        Service::start_keyed(engine, REQUEST_KEYS_MAX, on_replay, &mut |_, _| {})
    }

    /// [`Service::start_with`] with [`Service::open_keyed`]'s bound and answers.
    pub fn start_keyed(
        mut engine: Engine,
        keys_max: usize,
        on_replay: OnReplay<'_>,
        on_answer: OnAnswer<'_>,
    ) -> Result<Service, ServiceError> {
        let mut workflow = Workflow::new(Arc::new(HsCatalog::hs2022()));
        let mut requests = Requests::new(keys_max);
        let opened = replay(
            &mut engine,
            &mut workflow,
            &mut requests,
            on_replay,
            on_answer,
        )?;
        Ok(Service {
            engine,
            workflow: Mutex::new(workflow),
            opened,
            poisoned: Arc::new(Mutex::new(None)),
            requests: Mutex::new(requests),
            tickets: Arc::new(Tickets::default()),
        })
    }

    /// How many idempotency keys are remembered at most.
    pub fn keys_max(&self) -> usize {
        self.lock_requests().max
    }

    pub fn opened(&self) -> Opened {
        self.opened
    }

    fn lock(&self) -> MutexGuard<'_, Workflow> {
        // A panic while holding the lock is a bug; the state is still the last committed one.
        self.workflow.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every ledger account's balance (credits − debits posted), durable state.
    pub fn balances(&self) -> Result<BTreeMap<u128, i128>, ServiceError> {
        Ok(self.engine.read(|l| {
            l.accounts()
                .map(|a| (a.id, a.credits_posted as i128 - a.debits_posted as i128))
                .collect()
        })?)
    }

    /// Runs one command on day `today`. `Ok(Err(refusal))` when the workflow refuses it (nothing
    /// written); `Ok(Ok(prepared))` once it is durable and applied.
    pub fn execute(
        &self,
        today: u32,
        command: Command,
    ) -> Result<Result<Prepared, Refusal>, ServiceError> {
        let mut outcomes = self.execute_keyed(today, vec![(command, None)])?;
        Ok(outcomes
            .pop()
            .unwrap_or_else(|| Err(Refusal::new("command", "no outcome"))))
    }

    /// Runs commands in order, one journal record each, sharing fsyncs; answers once all are
    /// durable. Each command sees the state left by the ones before it.
    ///
    /// The lock is held while commands are prepared, queued and applied to the workflow, not
    /// while they are made durable: concurrent callers share group commits. A caller is
    /// answered only after its records are durable; if a commit fails the service is poisoned
    /// (memory may be ahead of the disk) until it is reopened.
    pub fn execute_batch(
        &self,
        today: u32,
        commands: Vec<Command>,
    ) -> Result<Vec<Result<Prepared, Refusal>>, ServiceError> {
        self.execute_keyed(today, commands.into_iter().map(|c| (c, None)).collect())
    }

    /// [`Service::execute_batch`] with an idempotency key per command: a command whose key was
    /// applied before with the same request hash prepares to nothing and is not journaled
    /// again (also after a restart: keys are journaled with their commands); the same key with
    /// another hash is refused.
    pub fn execute_keyed(
        &self,
        today: u32,
        commands: Vec<(Command, Option<RequestKey>)>,
    ) -> Result<Vec<Result<Prepared, Refusal>>, ServiceError> {
        let outcomes = self.execute_keyed_with(today, commands, |_, _, _| ())?;
        Ok(outcomes
            .into_iter()
            .map(|o| o.map(|(prepared, _)| prepared))
            .collect())
    }

    /// [`Service::execute_keyed`], calling `respond(index, state, prepared)` right after each
    /// command is applied to the workflow (under the lock: the state is exactly the one the
    /// command left), so that the caller's answer shows that state and nothing later. A
    /// command recognised as already applied by its key gets `None` (it was not run again).
    /// Everything is answered once durable, including the already applied ones.
    pub fn execute_keyed_with<R>(
        &self,
        today: u32,
        commands: Vec<(Command, Option<RequestKey>)>,
        respond: impl FnMut(usize, &Workflow, &Prepared) -> R,
    ) -> Result<Vec<Answered<R>>, ServiceError> {
        match self.execute_request(
            today,
            None,
            commands,
            |_, _, _| Ok(()),
            respond,
            |_, _| None,
        )? {
            Requested::Ran(outcomes, _) => Ok(outcomes),
            Requested::Seen(_) => Err(ServiceError::Ledger("a request without a key".into())),
        }
    }

    /// Runs the commands of one request, one journal record each, in one hold of the lock.
    ///
    /// * When `request` (the request's idempotency key) was seen before, nothing runs:
    ///   [`Requested::Seen`]. So too when a command's own key was used for another request
    ///   (a batch's items carry keys of their own): the whole request is another one.
    /// * Otherwise each command is checked by `check` (under the lock; a refusal stops it
    ///   before the workflow), prepared, journaled and applied, and `respond` makes its part
    ///   of the answer from the state it left ([`Service::execute_keyed_with`]).
    /// * Then `answer` may make the request's whole answer from the outcomes (under the lock;
    ///   called also without a key): with a key, it is journaled with `request`'s key, in records of its own that change no state
    ///   (replayed through `on_answer` when the store is opened), right after the commands.
    ///
    /// Answered once everything is durable.
    pub fn execute_request<R>(
        &self,
        today: u32,
        request: Option<&RequestKey>,
        commands: Vec<(Command, Option<RequestKey>)>,
        mut check: impl FnMut(usize, &Workflow, &Command) -> Result<(), Refusal>,
        mut respond: impl FnMut(usize, &Workflow, &Prepared) -> R,
        answer: impl FnOnce(&Workflow, &[Answered<R>]) -> Option<String>,
    ) -> Result<Requested<R>, ServiceError> {
        let mut outcomes = Vec::with_capacity(commands.len());
        let mut pending = Vec::new();
        let mut wait_for = 0;
        let mut answered = None;
        {
            let mut workflow = self.lock();
            self.check_poison()?;
            if let Some(request) = request {
                let requests = self.lock_requests();
                let seen = requests.seen(request).or_else(|| {
                    commands
                        .iter()
                        .filter_map(|(_, key)| key.as_ref())
                        .filter_map(|key| requests.seen(key))
                        .find(Result::is_err)
                });
                if let Some(seen) = seen {
                    drop(requests);
                    let queued = self.tickets.queued.load(Ordering::SeqCst);
                    drop(workflow);
                    // What recorded it may still be on its way to the disk.
                    self.wait_durable(queued)?;
                    return Ok(Requested::Seen(seen));
                }
            }
            for (index, (mut command, key)) in commands.into_iter().enumerate() {
                if let Some(key) = &key
                    && let Some(seen) = self.lock_requests().seen(key)
                {
                    // Answered once what applied it is durable (it may still be in flight).
                    wait_for = self.tickets.queued.load(Ordering::SeqCst);
                    outcomes.push(seen.map(|()| (already_applied(), None)));
                    continue;
                }
                if let Err(refusal) = check(index, &workflow, &command) {
                    outcomes.push(Err(refusal));
                    continue;
                }
                if let Command::RunCycle {
                    ledger_balances, ..
                } = &mut command
                {
                    // The cut-off: balances from the ledger (durable, after everything queued
                    // before), journaled with the command.
                    *ledger_balances = self
                        .balances()?
                        .into_iter()
                        .map(|(account, balance)| (account.to_string(), balance.to_string()))
                        .collect();
                }
                let prepared = match workflow.prepare(today, &command) {
                    Ok(prepared) => prepared,
                    Err(refusal) => {
                        outcomes.push(Err(refusal));
                        continue;
                    }
                };
                let envelope = Envelope {
                    today: date_text(today),
                    command,
                    request: key,
                };
                let queued = self.engine.submit_command(CommandPayload {
                    command: envelope.to_bytes(),
                    accounts: prepared.accounts.clone(),
                    transfers: prepared.transfers.clone(),
                });
                let queued = match queued {
                    Ok(queued) => queued,
                    Err(error) => return Err(self.poison(error.into())),
                };
                let ticket = self.tickets.take();
                workflow.commit(prepared.clone());
                if let Some(key) = &envelope.request {
                    self.lock_requests().remember(key);
                }
                let part = respond(index, &workflow, &prepared);
                pending.push((queued, ticket));
                outcomes.push(Ok((prepared, Some(part))));
            }
            let text = answer(&workflow, &outcomes);
            if let (Some(request), Some(text)) = (request, text) {
                self.queue_answer(request, &text, &mut pending)?;
                answered = Some(text);
            }
        }
        self.wait_pending(pending)?;
        self.wait_durable(wait_for)?;
        Ok(Requested::Ran(outcomes, answered))
    }

    /// Journals the answer given to a request that changed nothing (a refusal, a bad field,
    /// an object not found): records of their own that change no state, replayed through
    /// `on_answer` when the store is opened. Returns once durable; `Ok(false)` (nothing
    /// written) when the request's key is already known (its first answer was recorded).
    pub fn record_answer(&self, request: &RequestKey, text: &str) -> Result<bool, ServiceError> {
        let mut pending = Vec::new();
        {
            let _workflow = self.lock();
            self.check_poison()?;
            if self.lock_requests().seen(request).is_some() {
                return Ok(false);
            }
            self.queue_answer(request, text, &mut pending)?;
        }
        self.wait_pending(pending)?;
        Ok(true)
    }

    /// Queues a request's answer records (under the workflow lock, so in order with the
    /// commands) and remembers its key.
    fn queue_answer(
        &self,
        request: &RequestKey,
        text: &str,
        pending: &mut Vec<(engine::Pending<engine::CommandResults>, u64)>,
    ) -> Result<(), ServiceError> {
        for payload in answer_records(request, text) {
            let queued = match self.engine.submit_command(payload) {
                Ok(queued) => queued,
                Err(error) => return Err(self.poison(error.into())),
            };
            pending.push((queued, self.tickets.take()));
        }
        self.lock_requests().remember(request);
        Ok(())
    }

    /// Waits until every queued record is durable (a failure poisons the service).
    fn wait_pending(
        &self,
        pending: Vec<(engine::Pending<engine::CommandResults>, u64)>,
    ) -> Result<(), ServiceError> {
        for (queued, ticket) in pending {
            match queued.wait() {
                Ok(results) if results.all_ok() => self.tickets.durable_up_to(ticket),
                Ok(results) => {
                    return Err(self.poison(ServiceError::Ledger(first_failure(&results))));
                }
                Err(error) => return Err(self.poison(error.into())),
            }
        }
        Ok(())
    }

    /// Runs one command without blocking, for async callers: `Ok(None)` when the engine's queue
    /// is full (nothing done: use [`Service::execute_keyed_with`] from a blocking thread
    /// instead), or when the key was applied by a command not yet durable;
    /// `Ok(Some(Err(refusal)))` when refused (nothing written, `done` is not called);
    /// `Ok(Some(Ok((prepared, answer))))` when queued and applied (`answer` is what `respond`
    /// made of the state the command left, `None` when its key was applied before), and `done`
    /// is called (on the engine's committer thread) once it is durable, or with the error that
    /// poisoned the service.
    ///
    /// A clearing cycle reads the ledger at its cut-off, which blocks: it always returns
    /// `Ok(None)`.
    pub fn try_submit<R>(
        &self,
        today: u32,
        command: Command,
        request: Option<RequestKey>,
        respond: impl FnOnce(&Workflow, &Prepared) -> R,
        done: Box<dyn FnOnce(Result<(), ServiceError>) + Send>,
    ) -> Result<Option<Answered<R>>, ServiceError> {
        if matches!(command, Command::RunCycle { .. }) {
            return Ok(None);
        }
        let mut workflow = self.lock();
        self.check_poison()?;
        if let Some(request) = &request
            && let Some(seen) = self.lock_requests().seen(request)
        {
            if seen.is_ok() {
                let queued = self.tickets.queued.load(Ordering::SeqCst);
                if *self
                    .tickets
                    .durable
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    < queued
                {
                    // What applied it may not be durable yet: wait on a blocking thread.
                    return Ok(None);
                }
                done(Ok(()));
            }
            return Ok(Some(seen.map(|()| (already_applied(), None))));
        }
        let prepared = match workflow.prepare(today, &command) {
            Ok(prepared) => prepared,
            Err(refusal) => return Ok(Some(Err(refusal))),
        };
        let envelope = Envelope {
            today: date_text(today),
            command,
            request,
        };
        let poisoned = self.poisoned.clone();
        let tickets = self.tickets.clone();
        let ticket = self.tickets.queued.load(Ordering::SeqCst) + 1;
        let answer: engine::Done<engine::CommandResults> = Box::new(move |answer| {
            let outcome = match answer {
                Ok(results) if results.all_ok() => Ok(()),
                Ok(results) => Err(ServiceError::Ledger(first_failure(&results))),
                Err(error) => Err(error.into()),
            };
            match &outcome {
                Ok(()) => tickets.durable_up_to(ticket),
                Err(error) => {
                    if let Ok(mut p) = poisoned.lock() {
                        p.get_or_insert_with(|| error.to_string());
                    }
                    tickets.wake();
                }
            }
            done(outcome);
        });
        let payload = CommandPayload {
            command: envelope.to_bytes(),
            accounts: prepared.accounts.clone(),
            transfers: prepared.transfers.clone(),
        };
        match self.engine.try_submit_command_then(payload, answer) {
            Ok(engine::Submitted::Queued) => {
                let taken = self.tickets.take();
                debug_assert_eq!(taken, ticket, "tickets are taken under the workflow lock");
                workflow.commit(prepared.clone());
                if let Some(request) = &envelope.request {
                    self.lock_requests().remember(request);
                }
                let answer = respond(&workflow, &prepared);
                Ok(Some(Ok((prepared, Some(answer)))))
            }
            Ok(engine::Submitted::Full(..)) => Ok(None),
            Err(error) => Err(self.poison(error.into())),
        }
    }

    /// Waits until every command that took a ticket up to `ticket` is durable (or the
    /// service is poisoned).
    fn wait_durable(&self, ticket: u64) -> Result<(), ServiceError> {
        let mut durable = self
            .tickets
            .durable
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        while *durable < ticket {
            self.check_poison()?;
            durable = self
                .tickets
                .changed
                .wait_timeout(durable, std::time::Duration::from_millis(50))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        drop(durable);
        self.check_poison()
    }

    fn lock_requests(&self) -> MutexGuard<'_, Requests> {
        self.requests.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn check_poison(&self) -> Result<(), ServiceError> {
        match self.poisoned.lock().map(|p| p.clone()) {
            Ok(None) => Ok(()),
            Ok(Some(reason)) => Err(ServiceError::Poisoned(reason)),
            Err(_) => Err(ServiceError::Poisoned("poison lock broken".into())),
        }
    }

    fn poison(&self, error: ServiceError) -> ServiceError {
        if let Ok(mut p) = self.poisoned.lock() {
            p.get_or_insert_with(|| error.to_string());
        }
        self.tickets.wake();
        error
    }

    /// Why the service stopped taking writes, if it did (a failed commit: reopen it).
    pub fn poisoned(&self) -> Option<String> {
        self.check_poison().err().map(|e| e.to_string())
    }

    /// Reads the workflow state as it is in memory: it may include commands queued but not
    /// yet durable. For callers that only read after their own commands were answered (the
    /// CLI); a server answering others uses [`Service::with_durable`].
    pub fn with<T>(&self, read: impl FnOnce(&Workflow) -> T) -> T {
        read(&self.lock())
    }

    /// Reads the workflow state and returns what was read only once every command it may
    /// show is durable, so a reader never sees what a crash could take back. (The lock is
    /// held only for the read; the wait for the journal happens after it.)
    pub fn with_durable<T>(&self, read: impl FnOnce(&Workflow) -> T) -> Result<T, ServiceError> {
        let (value, ticket) = {
            let workflow = self.lock();
            (read(&workflow), self.tickets.queued.load(Ordering::SeqCst))
        };
        self.wait_durable(ticket)?;
        Ok(value)
    }

    /// A bank's statement for value dates `from..=to`, reconciled to the ledger.
    pub fn statement(
        &self,
        bic: &str,
        from: u32,
        to: u32,
    ) -> Result<Result<Statement, Refusal>, ServiceError> {
        let Some(account) = self.with(|w| w.bank(bic).map(|b| b.account)) else {
            return Ok(Err(Refusal::new(
                "bank",
                format!("{bic:?} is not a registered bank"),
            )));
        };
        let built = self.engine.read(move |l| {
            let Some(a) = l.account(account) else {
                return Err(format!("no ledger account {account}"));
            };
            let transfers = l.account_transfers(&AccountFilter {
                account_id: account,
                timestamp_min: 0,
                timestamp_max: 0,
                limit: u32::MAX,
                debits: true,
                credits: true,
                reversed: false,
            });
            corridor::statement::statement(a, &transfers, from, to)
        })?;
        match built {
            Ok(statement) => Ok(Ok(statement)),
            Err(reason) if reason.starts_with("from:") => Ok(Err(Refusal::new(
                "from",
                reason.trim_start_matches("from: ").to_string(),
            ))),
            Err(reason) => Err(ServiceError::Ledger(reason)),
        }
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn shutdown(self) {
        self.engine.shutdown();
    }
}
