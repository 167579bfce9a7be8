//! The engine against a real SQLite store: durability across reopen, snapshots, group commit
//! under concurrent clients, and `verify` naming the first bad record after tampering.

use engine::workload::{crash_accounts, crash_batch};
use engine::{Engine, Options};
use ledger::{CreateTransferResult, Ledger, Transfer};
use std::path::Path;

fn state(engine: &Engine) -> Vec<u8> {
    engine
        .read(|ledger| {
            let mut bytes = Vec::new();
            for a in ledger.accounts() {
                bytes.extend_from_slice(&a.id.to_le_bytes());
                bytes.extend_from_slice(&a.debits_posted.to_le_bytes());
                bytes.extend_from_slice(&a.credits_posted.to_le_bytes());
                bytes.extend_from_slice(&a.debits_pending.to_le_bytes());
                bytes.extend_from_slice(&a.credits_pending.to_le_bytes());
            }
            bytes.extend_from_slice(&(ledger.transfers_len() as u64).to_le_bytes());
            bytes
        })
        .unwrap()
}

fn fill(engine: &Engine, batches: std::ops::Range<u64>) {
    for index in batches {
        engine.create_transfers(crash_batch(9, index)).unwrap();
    }
}

#[test]
fn survives_reopen_and_replays_identically() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(dir.path(), Options::default()).unwrap();
    engine.create_accounts(crash_accounts()).unwrap();
    fill(&engine, 0..50);
    let before = state(&engine);
    engine.shutdown();
    let engine = Engine::open(dir.path(), Options::default()).unwrap();
    assert_eq!(engine.recovered().head_seq, 51);
    assert_eq!(engine.recovered().replayed_records, 51);
    assert_eq!(state(&engine), before);
    // The same batches applied to a plain ledger give the same state: nothing invented or lost.
    let mut reference = Ledger::new();
    reference.create_accounts(1, &crash_accounts());
    for index in 0..50 {
        reference.create_transfers(1_000 + index * 1_000_000, &crash_batch(9, index));
    }
    let expected: Vec<u128> = reference.accounts().map(|a| a.credits_posted).collect();
    let actual: Vec<u128> = engine
        .read(|l| l.accounts().map(|a| a.credits_posted).collect())
        .unwrap();
    assert_eq!(actual, expected);
}

#[test]
fn snapshot_then_replay_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(dir.path(), Options::default()).unwrap();
    engine.create_accounts(crash_accounts()).unwrap();
    fill(&engine, 0..20);
    assert_eq!(engine.snapshot().unwrap(), 21);
    fill(&engine, 20..30);
    let before = state(&engine);
    engine.shutdown();
    let engine = Engine::open(dir.path(), Options::default()).unwrap();
    assert_eq!(engine.recovered().snapshot_seq, 21);
    assert_eq!(engine.recovered().replayed_records, 10);
    assert_eq!(state(&engine), before);
    engine.shutdown();
    let report = engine::verify(dir.path()).unwrap();
    assert_eq!(report.snapshot_checked, Some(21));
    assert_eq!(report.records, 31);
}

#[test]
fn periodic_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let options = Options {
        snapshot_every: 8,
        ..Options::default()
    };
    let engine = Engine::open(dir.path(), options.clone()).unwrap();
    engine.create_accounts(crash_accounts()).unwrap();
    fill(&engine, 0..20);
    engine.shutdown();
    let engine = Engine::open(dir.path(), options).unwrap();
    assert!(
        engine.recovered().snapshot_seq >= 16,
        "{:?}",
        engine.recovered()
    );
}

#[test]
fn concurrent_clients_share_commits_and_all_get_answers() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(dir.path(), Options::default()).unwrap();
    engine.create_accounts(crash_accounts()).unwrap();
    std::thread::scope(|scope| {
        for client in 0..4u128 {
            let engine = &engine;
            scope.spawn(move || {
                for n in 0..25u128 {
                    let id = (client << 32) + n + 1;
                    let transfer = Transfer {
                        id,
                        debit_account_id: 1,
                        credit_account_id: 2 + client,
                        amount: 10,
                        ledger: engine::workload::WORKLOAD_LEDGER,
                        code: 1,
                        ..Transfer::default()
                    };
                    assert_eq!(
                        engine.create_transfers(vec![transfer]).unwrap(),
                        vec![CreateTransferResult::Ok]
                    );
                }
            });
        }
    });
    let credited: Vec<u128> = engine
        .read(|l| {
            (2..6)
                .map(|id| l.account(id).unwrap().credits_posted)
                .collect()
        })
        .unwrap();
    assert_eq!(credited, vec![250; 4]);
}

#[test]
fn invalid_batches_are_refused_before_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(dir.path(), Options::default()).unwrap();
    assert!(
        engine
            .create_transfers(vec![])
            .unwrap_err()
            .to_string()
            .contains("1..=")
    );
    let too_many = vec![Transfer::default(); ledger::BATCH_MAX + 1];
    assert!(engine.create_transfers(too_many).is_err());
}

fn tamper(dir: &Path, sql: &str) {
    let db = rusqlite::Connection::open(dir.join("corridor.sqlite")).unwrap();
    db.execute_batch(sql).unwrap();
}

fn tampered_copy(sql: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(dir.path(), Options::default()).unwrap();
    engine.create_accounts(crash_accounts()).unwrap();
    fill(&engine, 0..10);
    engine.shutdown();
    engine::verify(dir.path()).expect("untouched journal verifies");
    tamper(dir.path(), sql);
    let error = engine::verify(dir.path()).unwrap_err();
    (dir, error.to_string())
}

#[test]
fn verify_names_the_first_bad_record() {
    let cases = [
        (
            "UPDATE journal SET payload = zeroblob(length(payload)) WHERE seq = 4",
            "record 4",
            "checksum",
        ),
        (
            "DELETE FROM journal WHERE seq = 6",
            "record 7",
            "expected sequence 6",
        ),
        (
            "UPDATE journal SET results_digest = zeroblob(32) WHERE seq = 3",
            "record 3",
            "checksum",
        ),
        (
            "UPDATE journal SET prev_hash = zeroblob(32) WHERE seq = 5",
            "record 5",
            "broken chain",
        ),
    ];
    for (sql, record, reason) in cases {
        let (_dir, error) = tampered_copy(sql);
        assert!(
            error.contains(record) && error.contains(reason),
            "{sql}: {error}"
        );
    }
}

#[test]
fn recovery_refuses_a_tampered_journal() {
    let (dir, _) = tampered_copy("UPDATE journal SET payload = x'00' WHERE seq = 2");
    let error = Engine::open(dir.path(), Options::default())
        .err()
        .expect("recovery must fail");
    assert!(error.to_string().contains("record 2"), "{error}");
}

/// Command records: the layer above's bytes and their ledger events are one record; on reopen
/// every command comes back in order (also those before a snapshot), with whether all of its
/// events were applied.
#[test]
fn command_records_come_back_in_order_with_their_outcome() {
    use journal::codec::CommandPayload;
    use ledger::{Account, CreateAccountResult};
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(dir.path(), Options::default()).unwrap();
    let account = |id: u128| Account {
        id,
        ledger: 586,
        code: 1,
        ..Account::default()
    };
    let transfer = |id: u128, debit: u128, credit: u128| Transfer {
        id,
        debit_account_id: debit,
        credit_account_id: credit,
        amount: 5,
        ledger: 586,
        code: 1,
        ..Transfer::default()
    };
    let first = CommandPayload {
        command: b"open two accounts and move 5".to_vec(),
        accounts: vec![account(1), account(2)],
        transfers: vec![transfer(10, 1, 2)],
    };
    let results = engine.execute_command(first.clone()).unwrap();
    assert!(results.all_ok());
    assert_eq!(results.accounts, vec![CreateAccountResult::Ok; 2]);
    // No ledger events at all: still journaled, still in order.
    let pure = CommandPayload {
        command: b"a domain-only command".to_vec(),
        ..CommandPayload::default()
    };
    assert!(engine.execute_command(pure.clone()).unwrap().all_ok());
    engine.snapshot().unwrap();
    // Refused by the ledger (no account 9): journaled with its result, not all ok.
    let refused = CommandPayload {
        command: b"pay a missing account".to_vec(),
        accounts: vec![],
        transfers: vec![transfer(11, 1, 9)],
    };
    let results = engine.execute_command(refused.clone()).unwrap();
    assert_eq!(
        results.transfers,
        vec![CreateTransferResult::CreditAccountNotFound]
    );
    assert!(!results.all_ok());
    let too_big = CommandPayload {
        command: vec![0; journal::codec::COMMAND_BYTES_MAX + 1],
        ..CommandPayload::default()
    };
    assert!(matches!(
        engine.execute_command(too_big),
        Err(engine::EngineError::Invalid(_))
    ));
    let before = state(&engine);
    engine.shutdown();

    let mut engine = Engine::open(dir.path(), Options::default()).unwrap();
    assert_eq!(state(&engine), before);
    let commands = engine.take_commands();
    let got: Vec<(&[u8], bool)> = commands
        .iter()
        .map(|c| (c.payload.command.as_slice(), c.all_ok))
        .collect();
    assert_eq!(
        got,
        vec![
            (first.command.as_slice(), true),
            (pure.command.as_slice(), true),
            (refused.command.as_slice(), false),
        ]
    );
    assert_eq!(commands[0].payload, first);
    assert!(commands.windows(2).all(|w| w[0].seq < w[1].seq));
    assert!(commands.windows(2).all(|w| w[0].timestamp < w[1].timestamp));
    engine.shutdown();
    let report = engine::verify(dir.path()).unwrap();
    assert_eq!(report.command_records, 3);
    assert_eq!((report.account_events, report.transfer_events), (2, 2));
}

/// The non-blocking submit answers through its callback once durable, in queue order.
#[test]
fn commands_submitted_without_blocking_are_answered_in_order() {
    use journal::codec::CommandPayload;
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(dir.path(), Options::default()).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    for n in 0..100u32 {
        let tx = tx.clone();
        let payload = CommandPayload {
            command: n.to_le_bytes().to_vec(),
            ..CommandPayload::default()
        };
        let done: engine::Done<engine::CommandResults> =
            Box::new(move |answer| tx.send((n, answer.is_ok())).unwrap());
        match engine.try_submit_command_then(payload, done).unwrap() {
            engine::Submitted::Queued => {}
            engine::Submitted::Full(..) => {
                panic!("a queue of {} is not full at {n}", engine::QUEUE_MAX)
            }
        }
    }
    drop(tx);
    let answers: Vec<(u32, bool)> = rx.iter().collect();
    assert_eq!(answers, (0..100).map(|n| (n, true)).collect::<Vec<_>>());
    engine.shutdown();
    let mut engine = Engine::open(dir.path(), Options::default()).unwrap();
    assert_eq!(engine.take_commands().len(), 100);
}
