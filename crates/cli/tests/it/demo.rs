//! The main job: `corridor demo` runs end to end on a fresh embedded store and verifies it.

use std::process::Command;

#[test]
fn demo_runs_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let json = dir.path().join("report.json");
    let output = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["demo", "--invoices", "600", "--data-dir"])
        .arg(&data)
        .arg("--json")
        .arg(&json)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("verify: OK"), "{stdout}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["invoices"], 600);
    let cycles = report["cycles"].as_array().unwrap();
    assert_eq!(cycles.len(), 2, "two clearing cycles");
    for cycle in cycles {
        for currency in ["PKR", "IRR"] {
            let figures = &cycle["currencies"][currency];
            // Amounts are decimal strings in major units with a currency, never JSON numbers.
            assert!(figures["gross"]["amount"].is_string(), "{figures}");
            assert_eq!(figures["gross"]["currency"], currency);
            let gross: f64 = figures["gross"]["amount"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap();
            let set_off: f64 = figures["set_off"]["amount"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!(
                gross > 0.0 && set_off > 0.0,
                "set-off happened in {currency}: {figures}"
            );
        }
    }
    assert!(stdout.contains("Clearing cycle 2"), "{stdout}");
    for cycle in cycles {
        for currency in ["PKR", "IRR"] {
            // Bank positions (and the central banks' accounts) sum to zero per currency.
            assert_eq!(
                cycle["currencies"][currency]["positions_sum"]["amount"], "0.00",
                "{cycle}"
            );
        }
    }
    // The bad submissions were refused with the field and the reason.
    assert!(stdout.contains("hs_code: 930190"), "{stdout}");
    assert!(
        stdout.contains("creditor: a trader cannot invoice itself"),
        "{stdout}"
    );
    assert!(
        stdout.contains("currency: a bank in PK settles in PKR, not IRR"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the workflow state is identical"),
        "{stdout}"
    );
    assert_eq!(report["statement"]["reconciled"], true);
    assert!(
        !report["barter_window"]["traders"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // The store it leaves verifies independently, and a second run refuses to reuse it.
    let verify = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["verify", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(verify.status.success());
    // The read model answers queries on the store the demo left: account 10000 is the first
    // bank's settlement account, funded first (transfer 1) and then paying and paid.
    let account = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["account", "10000", "--limit", "1", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&account.stdout);
    assert!(
        account.status.success() && text.contains("id 1  code 1"),
        "{text}"
    );
    let history = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args([
            "account",
            "10000",
            "--history",
            "--limit",
            "3",
            "--data-dir",
        ])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&history.stdout).lines().count(), 4);
    // The workflow's reports from the same store, after replay.
    let report = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_corridor"))
            .args(["report", "--data-dir"])
            .arg(&data)
            .args(args)
            .output()
            .unwrap()
    };
    let cycles = report(&["--json", "cycles"]);
    assert!(cycles.status.success());
    let cycles: serde_json::Value = serde_json::from_slice(&cycles.stdout).unwrap();
    assert_eq!(cycles.as_array().unwrap().len(), 2);
    let statement = report(&[
        "statement",
        "--bank",
        "HABBPKKA",
        "--from",
        "2026-11-23",
        "--to",
        "2026-11-24",
    ]);
    let text = String::from_utf8_lossy(&statement.stdout);
    assert!(
        statement.status.success() && text.contains("reconciled: true"),
        "{text}"
    );
    let barter = report(&["barter", "--until", "2026-11-24", "--trader", "PK-T0001"]);
    assert!(barter.status.success());
    let unknown = report(&[
        "statement",
        "--bank",
        "XXXXPKKA",
        "--from",
        "2026-11-23",
        "--to",
        "2026-11-24",
    ]);
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr)
            .contains("bank: \"XXXXPKKA\" is not a registered bank")
    );
    let again = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["demo", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

#[test]
fn verify_fails_loudly_on_a_missing_store() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["verify", "--data-dir"])
        .arg(dir.path().join("nothing"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("verify FAILED"));
}

/// `kill -9` of the demo at random moments, cycles included: on reopen every command replays,
/// each clearing cycle the workflow knows has all of its settlement transfers in the ledger and
/// none is half there (a cycle is one journal record: complete or absent), and `verify` passes.
#[test]
fn kill_minus_nine_during_the_demo_leaves_whole_cycles() {
    let points: u64 = std::env::var("CORRIDOR_CRASH_POINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if std::env::var("CI").is_ok() { 30 } else { 8 });
    let mut seen_cycles = [0usize; 3];
    for point in 0..points {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
            .args(["demo", "--data-dir"])
            .arg(&data)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the run (about half a second in a debug build).
        let delay = 20 + (point * 7919) % 300;
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        if !data.join(store::DATABASE_FILE).exists() {
            continue;
        }
        let service = service::Service::open(&data)
            .unwrap_or_else(|e| panic!("kill after {delay} ms: reopen failed: {e}"));
        let cycles: Vec<(u64, usize)> =
            service.with(|w| w.cycles().iter().map(|c| (c.number, c.transfers)).collect());
        let per_cycle: std::collections::BTreeMap<u64, usize> = service
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
                        if t.code == corridor::workflow::codes::SETTLEMENT {
                            *m.entry(t.user_data_64).or_insert(0) += 1;
                        }
                    }
                }
                m
            })
            .unwrap();
        service.shutdown();
        seen_cycles[cycles.len().min(2)] += 1;
        for (number, transfers) in &cycles {
            assert_eq!(
                per_cycle.get(number).copied().unwrap_or(0),
                *transfers,
                "kill after {delay} ms: cycle {number} is not whole in the ledger"
            );
        }
        assert!(
            per_cycle.keys().all(|n| cycles.iter().any(|c| c.0 == *n)),
            "kill after {delay} ms: settlement transfers of a cycle the workflow does not know"
        );
        engine::verify(&data)
            .unwrap_or_else(|e| panic!("kill after {delay} ms: verify failed: {e}"));
    }
    eprintln!("stores left with 0, 1, 2 cycles: {seen_cycles:?}");
}
