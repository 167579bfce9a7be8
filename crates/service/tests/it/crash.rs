//! A crash in the middle of a clearing cycle, at the two instants that matter, made
//! deterministic by a fault hook at the engine/store seam: the test runs itself as a child
//! process whose store stops the process (`abort`, no unwinding, nothing flushed) when the
//! committer hands it the group holding the `run_cycle` record,
//!
//! * (a) **before the commit**: the record never reaches the disk, and
//! * (b) **after the commit, before the answer**: the record is durable, nobody was told.
//!
//! On reopen the cycle is absent (a) or whole (b): every one of its settlement transfers is in
//! the ledger, the replayed state equals a run without a crash, and `verify` passes. Nothing in
//! production changes: the hook is a `Store` wrapper in this test, started through
//! [`service::Service::start_with`].

use corridor::workflow::{Command, Envelope, Workflow, codes, date_text, parse_day};
use engine::{Engine, Options};
use journal::{Kind, Record};
use service::Service;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use store::{Head, Snapshot, SqliteStore, Store, StoreError};

fn day() -> u32 {
    parse_day("2026-11-23").unwrap()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stop {
    BeforeCommit,
    AfterCommit,
}

/// SQLite underneath; stops the process around the commit of a `run_cycle` record.
struct StopAtCycle {
    inner: SqliteStore,
    stop: Stop,
}

fn is_cycle(record: &Record) -> bool {
    record.kind == Kind::Command
        && journal::codec::decode_command(&record.payload)
            .ok()
            .and_then(|p| Envelope::from_bytes(&p.command).ok())
            .is_some_and(|e| matches!(e.command, Command::RunCycle { .. }))
}

impl Store for StopAtCycle {
    fn append(&mut self, records: &[Record]) -> Result<(), StoreError> {
        let cycle = records.iter().any(is_cycle);
        if cycle && self.stop == Stop::BeforeCommit {
            std::process::abort();
        }
        self.inner.append(records)?;
        if cycle && self.stop == Stop::AfterCommit {
            std::process::abort();
        }
        Ok(())
    }

    fn head(&self) -> Result<Option<Head>, StoreError> {
        self.inner.head()
    }

    fn read(&self, from: u64, limit: usize) -> Result<Vec<Record>, StoreError> {
        self.inner.read(from, limit)
    }

    fn save_snapshot(&mut self, snapshot: &Snapshot) -> Result<(), StoreError> {
        self.inner.save_snapshot(snapshot)
    }

    fn latest_snapshot(&self) -> Result<Option<Snapshot>, StoreError> {
        self.inner.latest_snapshot()
    }
}

/// The scenario before the cycle: everything but the last command.
fn before_the_cycle() -> Vec<Command> {
    let mut commands = crate::scenario();
    let last = commands.pop();
    assert!(matches!(last, Some(Command::RunCycle { .. })));
    commands
}

fn cycle() -> Command {
    Command::RunCycle {
        value_date: date_text(day()),
        ledger_balances: Default::default(),
    }
}

fn state(w: &Workflow) -> String {
    format!("{:?} {:?}", w.obligations(), w.cycles())
}

/// The state of the same scenario run without a crash, cycle included.
fn reference() -> String {
    let dir = tempfile::tempdir().unwrap();
    let service = Service::open(dir.path()).unwrap();
    let mut commands = before_the_cycle();
    commands.push(cycle());
    for outcome in service.execute_batch(day(), commands).unwrap() {
        outcome.unwrap();
    }
    let s = service.with(state);
    service.shutdown();
    s
}

/// Settlement transfers in the ledger, per cycle number.
fn settlement_transfers(service: &Service) -> std::collections::BTreeMap<u64, usize> {
    service
        .engine()
        .read(|l| {
            let mut m = std::collections::BTreeMap::new();
            for a in l.accounts() {
                let filter = ledger::AccountFilter {
                    account_id: a.id,
                    timestamp_min: 0,
                    timestamp_max: 0,
                    limit: u32::MAX,
                    debits: true,
                    credits: false,
                    reversed: false,
                };
                for t in l.account_transfers(&filter) {
                    if t.code == codes::SETTLEMENT {
                        *m.entry(t.user_data_64).or_insert(0) += 1;
                    }
                }
            }
            m
        })
        .unwrap()
}

const CHILD: &str = "SERVICE_CRASH_CHILD";
const CHILD_DIR: &str = "SERVICE_CRASH_DIR";

/// In the child: the scenario up to the cycle (durable), then the cycle, which never returns.
fn child(dir: &Path, stop: Stop) -> ! {
    let store = StopAtCycle {
        inner: SqliteStore::open(dir).unwrap(),
        stop,
    };
    let engine = Engine::start(Box::new(store), Options::default()).unwrap();
    let service = Service::start_with(engine, &mut |_, _, _| {}).unwrap();
    for outcome in service.execute_batch(day(), before_the_cycle()).unwrap() {
        outcome.unwrap();
    }
    let answer = service.execute(day(), cycle());
    // Reaching this line means the hook did not fire: the parent sees exit code 3.
    eprintln!("the cycle was answered: {answer:?}");
    std::process::exit(3)
}

/// Runs this test binary again as the child that crashes, and returns its data directory.
fn crash(test: &str, stop: Stop) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, format!("{stop:?}"))
        .env(CHILD_DIR, dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(
        status.signal(),
        Some(6),
        "{stop:?}: the child must die of SIGABRT inside the commit of the cycle, got {status:?}"
    );
    dir
}

/// Inside the child process: run the crashing scenario and never return.
fn as_child() {
    if let (Ok(stop), Ok(dir)) = (std::env::var(CHILD), std::env::var(CHILD_DIR)) {
        let stop = if stop == "BeforeCommit" {
            Stop::BeforeCommit
        } else {
            Stop::AfterCommit
        };
        child(Path::new(&dir), stop);
    }
}

/// (a) Killed before the cycle's record is committed: on reopen every command before it is
/// there and the cycle is absent (no cycle in the workflow, no settlement transfer in the
/// ledger); running it again gives exactly the state of a run without the crash.
#[test]
fn a_crash_before_the_cycle_commits_leaves_no_cycle() {
    as_child();
    let dir = crash(
        "crash::a_crash_before_the_cycle_commits_leaves_no_cycle",
        Stop::BeforeCommit,
    );
    let service = Service::open(dir.path()).unwrap();
    assert_eq!(service.opened().commands_replayed, before_the_cycle().len());
    assert!(service.with(|w| w.cycles().is_empty()));
    assert!(settlement_transfers(&service).is_empty());
    assert!(service.with(|w| w.obligations().iter().all(|o| o.life.is_eligible())));
    service.execute(day(), cycle()).unwrap().unwrap();
    assert_eq!(service.with(state), reference());
    service.shutdown();
    engine::verify(dir.path()).unwrap();
}

/// (b) Killed after the cycle's record is durable, before anyone is answered: on reopen the
/// cycle is whole (all of its settlement transfers, the workflow's record of it), identical to
/// a run without the crash, and `verify` passes.
#[test]
fn a_crash_after_the_cycle_commits_leaves_it_whole() {
    as_child();
    let dir = crash(
        "crash::a_crash_after_the_cycle_commits_leaves_it_whole",
        Stop::AfterCommit,
    );
    let service = Service::open(dir.path()).unwrap();
    assert_eq!(
        service.opened().commands_replayed,
        before_the_cycle().len() + 1
    );
    let cycles: Vec<(u64, usize)> =
        service.with(|w| w.cycles().iter().map(|c| (c.number, c.transfers)).collect());
    assert_eq!(cycles.len(), 1);
    assert!(cycles[0].1 > 0, "the cycle settles something");
    assert_eq!(
        settlement_transfers(&service),
        std::collections::BTreeMap::from([cycles[0]])
    );
    assert_eq!(service.with(state), reference());
    service.shutdown();
    engine::verify(dir.path()).unwrap();
}
