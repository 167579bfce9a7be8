//! Every `corridor bench …` command runs to the end on a small workload and prints its figures.
//! (The figures themselves are measured with release builds on a quiet machine; see the README.
//! These tests only keep the commands working.)

use std::process::Command;

fn bench(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .arg("bench")
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "corridor bench {args:?} failed\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn has(out: &str, needles: &[&str]) {
    for needle in needles {
        assert!(out.contains(needle), "no {needle:?} in:\n{out}");
    }
}

#[test]
fn bench_clear_with_gateways() {
    let out = bench(&[
        "clear",
        "--obligations",
        "3000",
        "--runs",
        "1",
        "--rate",
        "PKR/IRR=4163.85",
    ]);
    has(
        &out,
        &[
            "3000 PK/IR obligations",
            "certificate verified true",
            "median of 1: read",
            "peak memory",
            "gateways at PKR/IRR=4163.85: solve median",
        ],
    );
}

#[test]
fn bench_api_single_and_batches() {
    let out = bench(&[
        "api",
        "--requests",
        "300",
        "--concurrency",
        "8",
        "--batch",
        "20",
        "--batches",
        "3",
    ]);
    has(
        &out,
        &[
            "single obligations: 300 requests, 300 items",
            "batches of 20: 3 requests, 60 items",
            "p99",
        ],
    );
}

#[test]
fn bench_ledger_small() {
    let out = bench(&["ledger", "--transfers", "20000", "--accounts", "100"]);
    has(&out, &["transfers/s", "replay"]);
}

#[test]
fn bench_screen_small() {
    let pairs = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/sanctions/un_name_original_script_pairs_2026-02-27.tsv");
    let out = bench(&[
        "screen",
        "--parties",
        "300",
        "--synthetic-entries",
        "300",
        "--un-records",
        "500",
        "--pairs",
        pairs.to_str().unwrap(),
        "--threads",
        "2",
    ]);
    has(&out, &["300 parties"]);
}

#[test]
fn bench_iso20022_small() {
    let out = bench(&[
        "iso20022",
        "--messages",
        "20",
        "--entries",
        "50",
        "--siblings",
        "400",
        "--runs",
        "1",
    ]);
    has(&out, &["pacs.008", "camt.053"]);
}
