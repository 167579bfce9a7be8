//! Crash safety, shown: start the real `corridor` binary writing under load, `kill -9` it at
//! random moments, recover, and check that
//! 1. every acknowledged batch is there,
//! 2. no batch is half applied: the recovered state equals a reference ledger that applied
//!    exactly the first k batches, for the k the journal holds,
//! 3. the ledger invariants hold.
//!
//! 20 kill points by default; `CI=true` runs 100; `CORRIDOR_CRASH_POINTS=N` sets any number.

use engine::workload::{Rng, crash_accounts, crash_batch};
use engine::{Engine, Options};
use ledger::Ledger;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

fn crash_points() -> u64 {
    if let Some(n) = std::env::var("CORRIDOR_CRASH_POINTS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return n;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        100
    } else {
        20
    }
}

fn balances(ledger: &Ledger) -> Vec<(u128, u128, u128, u128, u128)> {
    ledger
        .accounts()
        .map(|a| {
            (
                a.id,
                a.debits_pending,
                a.debits_posted,
                a.credits_pending,
                a.credits_posted,
            )
        })
        .collect()
}

#[test]
fn kill_minus_nine_loses_no_acknowledged_batch() {
    let dir = tempfile::tempdir().unwrap();
    let seed = 0x5eed;
    let mut rng = Rng::new(7);
    let mut reference = Ledger::new();
    let mut reference_batches: u64 = 0;
    let mut reference_time: u64 = 1;
    let mut total_acked = 0;
    let points = crash_points();
    for point in 0..points {
        let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
            .args([
                "internal",
                "crash-load",
                "--seed",
                &seed.to_string(),
                "--data-dir",
            ])
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start corridor");
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut acked: Vec<u64> = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(index) = line.strip_prefix("ACK ") {
                    acked.push(index.parse().unwrap());
                }
            }
            acked
        });
        std::thread::sleep(Duration::from_millis(30 + rng.below(400)));
        child.kill().expect("kill -9");
        let status = child.wait().unwrap();
        let acked = reader.join().unwrap();
        total_acked += acked.len();
        assert!(
            !status.success(),
            "point {point}: the child ended by itself: {status}"
        );

        let engine = Engine::open(dir.path(), Options::default())
            .unwrap_or_else(|e| panic!("point {point}: recovery failed: {e}"));
        let head = engine.recovered().head_seq;
        let batches = head.saturating_sub(1);
        if let Some(last) = acked.iter().max() {
            assert!(
                *last < batches,
                "point {point}: batch {last} was acknowledged but the journal holds only {batches} batches"
            );
        }
        if head == 0 {
            assert!(
                acked.is_empty(),
                "point {point}: acknowledged batches but an empty journal"
            );
            continue;
        }
        if reference_batches == 0 && reference.accounts_len() == 0 {
            reference.create_accounts(reference_time, &crash_accounts());
            reference_time += 1_000_000;
        }
        assert!(
            batches >= reference_batches,
            "point {point}: the journal shrank from {reference_batches} to {batches}"
        );
        while reference_batches < batches {
            reference.create_transfers(reference_time, &crash_batch(seed, reference_batches));
            reference_time += 1_000_000;
            reference_batches += 1;
        }
        let (recovered, invariants) = engine
            .read(|ledger| (balances(ledger), ledger.check_invariants()))
            .unwrap();
        assert_eq!(invariants, Ok(()), "point {point}: invariants");
        assert_eq!(
            recovered,
            balances(&reference),
            "point {point}: state after {batches} batches differs"
        );
        let transfers = engine.read(|ledger| ledger.transfers_len()).unwrap();
        assert_eq!(
            transfers,
            reference.transfers_len(),
            "point {point}: transfer count"
        );
        engine.shutdown();
    }
    assert!(
        total_acked > 0,
        "no batch was ever acknowledged: the test proved nothing"
    );
    let verified = engine::verify(dir.path()).expect("verify after all crashes");
    assert_eq!(verified.records, reference_batches + 1);
    eprintln!(
        "crash test: {points} kill points, {total_acked} acknowledged batches, {reference_batches} batches durable"
    );
}
