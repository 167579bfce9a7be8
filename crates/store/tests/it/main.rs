//! The SQLite store against a real database file.

use journal::{GENESIS_HASH, Kind, Record};
use store::{Snapshot, SqliteStore, Store, StoreError};

fn chain(n: u64) -> Vec<Record> {
    let mut prev = GENESIS_HASH;
    (1..=n)
        .map(|seq| {
            let r = Record::seal(
                seq,
                seq * 100,
                Kind::CreateTransfers,
                vec![seq as u8; 10],
                [1; 32],
                prev,
            );
            prev = r.hash;
            r
        })
        .collect()
}

#[test]
fn append_read_head_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let records = chain(5);
    {
        let mut store = SqliteStore::open(dir.path()).unwrap();
        assert_eq!(store.head().unwrap(), None);
        store.append(&records[..2]).unwrap();
        store.append(&records[2..]).unwrap();
    }
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.head().unwrap().unwrap().seq, 5);
    assert_eq!(store.head().unwrap().unwrap().hash, records[4].hash);
    assert_eq!(store.read(1, 100).unwrap(), records);
    assert_eq!(store.read(4, 1).unwrap(), records[3..4].to_vec());
    let read_only = SqliteStore::open_read_only(dir.path()).unwrap();
    assert_eq!(read_only.read(1, 100).unwrap(), records);
}

#[test]
fn failed_commit_poisons_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let records = chain(3);
    let mut store = SqliteStore::open(dir.path()).unwrap();
    store.append(&records[..2]).unwrap();
    // Re-appending record 2 violates the primary key: the whole commit fails.
    let error = store.append(&records[1..]).unwrap_err();
    assert!(matches!(error, StoreError::Io(_)), "{error}");
    assert!(matches!(
        store.append(&records[2..]),
        Err(StoreError::Poisoned)
    ));
    drop(store);
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(
        store.head().unwrap().unwrap().seq,
        2,
        "record 3 of the failed commit must not exist"
    );
}

#[test]
fn snapshots_keep_only_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.latest_snapshot().unwrap(), None);
    let first = Snapshot {
        seq: 3,
        hash: [3; 32],
        state: vec![1, 2, 3],
    };
    let second = Snapshot {
        seq: 9,
        hash: [9; 32],
        state: (0..100_000u32).map(|i| i as u8).collect(),
    };
    store.save_snapshot(&first).unwrap();
    assert_eq!(store.latest_snapshot().unwrap(), Some(first));
    store.save_snapshot(&second).unwrap();
    assert_eq!(store.latest_snapshot().unwrap(), Some(second));
}

#[test]
fn read_only_refuses_missing_store() {
    let dir = tempfile::tempdir().unwrap();
    let error = SqliteStore::open_read_only(&dir.path().join("nothing"))
        .err()
        .unwrap();
    assert!(error.to_string().contains("no store"), "{error}");
}
