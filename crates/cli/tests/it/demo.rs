//! The main job: `corridor demo` runs end to end on a fresh embedded store and verifies it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// A money object of a report, `{"amount": "1250.00", "currency": "PKR"}`, in minor units
/// (exact: never through a float).
fn minor(value: &serde_json::Value) -> i128 {
    let currency = money::Currency::from_code(value["currency"].as_str().unwrap()).unwrap();
    let text = value["amount"].as_str().unwrap();
    match text.strip_prefix('-') {
        Some(magnitude) => -money::parse_minor(magnitude, currency).unwrap(),
        None => money::parse_minor(text, currency).unwrap(),
    }
}

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
            let (gross, set_off) = (minor(&figures["gross"]), minor(&figures["set_off"]));
            assert!(
                gross > 0 && set_off > 0 && set_off <= gross,
                "set-off happened in {currency}: {figures}"
            );
        }
        // The payment instructions: each pays in the debtor's bank's currency and credits in
        // the creditor's; per currency, what banks pay minus what they receive is what the
        // positions say the banks pay net, and cross-border legs meet at the corridor accounts.
        let instructions = cycle["payment_instructions"].as_array().unwrap();
        assert!(instructions.len() > 100, "{}", instructions.len());
        let mut net: std::collections::BTreeMap<String, i128> = Default::default();
        for x in instructions {
            *net.entry(x["paying_bank"].as_str().unwrap().into())
                .or_default() -= minor(&x["pay"]);
            *net.entry(x["receiving_bank"].as_str().unwrap().into())
                .or_default() += minor(&x["receive"]);
            assert_eq!(
                x["cross_border"],
                x["pay"]["currency"] != x["receive"]["currency"]
            );
        }
        for p in cycle["positions"].as_array().unwrap() {
            let name = p["name"].as_str().unwrap();
            if !name.contains(' ') {
                assert_eq!(
                    net.get(name).copied().unwrap_or(0),
                    minor(&p["position"]),
                    "{name}"
                );
            }
        }
        let total = &cycle["total_in_base_currency"];
        assert_eq!(total["gross"]["currency"], "PKR");
        assert!(minor(&total["crossed"]) <= minor(&total["cross_border_submitted"]));
        assert!(minor(&total["set_off"]) > 0);
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
    // The statement reconciles, and its figures say why: opening + entries = closing, and
    // closing + what came after the period = the ledger's balance.
    let statement = &report["statement"];
    assert_eq!(statement["reconciled"], true);
    let entries: i128 = statement["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| minor(&e["amount"]))
        .sum();
    assert_eq!(
        minor(&statement["opening"]) + entries,
        minor(&statement["closing"])
    );
    assert_eq!(
        minor(&statement["closing"]) + minor(&statement["after_the_period"]),
        minor(&statement["ledger_balance"])
    );
    assert!(stdout.contains("payment instructions: "), "{stdout}");
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

/// Runs the demo into `data` and `kill -9`s it `delay` ms after the first stdout line that
/// contains `marker`. Returns how many cycle reports it had printed (each printed cycle was
/// durable before it was printed).
fn kill_demo_at(data: &std::path::Path, marker: &str, delay: u64) -> usize {
    let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["demo", "--data-dir"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut printed = 0;
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        let Some(Ok(line)) = lines.next() else {
            panic!("the demo ended before printing {marker:?}");
        };
        if line.starts_with("Clearing cycle ") {
            printed += 1;
        }
        if line.contains(marker) {
            break;
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(delay));
    let _ = child.kill();
    let _ = child.wait();
    printed
}

/// `kill -9` of the demo at moments picked from its output: before any cycle, right after
/// cycle 1, just as cycle 2 starts (it is planned and committed within the next few dozen
/// ms), right after cycle 2, and at spread-out times. On reopen every command replays, each
/// clearing cycle the workflow knows has all of its settlement transfers in the ledger and none
/// is half there (a cycle is one journal record: complete or absent), every cycle the demo had
/// printed survived, and `verify` passes. The stores left must include ones with 0, 1 and 2
/// cycles (a kill point is repeated, at most a few times, until each has been seen). The
/// deterministic crash inside a cycle's commit is the service's test (`crash.rs` there).
#[test]
fn kill_minus_nine_during_the_demo_leaves_whole_cycles() {
    let points: u64 = std::env::var("CORRIDOR_CRASH_POINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if std::env::var("CI").is_ok() { 30 } else { 10 });
    // (marker, delay range in ms, the count of cycles it aims for)
    let phases: [(&str, u64, usize); 5] = [
        ("Refused on submission", 10, 0),
        ("Clearing cycle 1", 10, 1),
        ("Day 2:", 60, 1),
        ("Clearing cycle 2", 10, 2),
        ("store:", 1500, 0),
    ];
    let mut seen_cycles = [0usize; 3];
    let mut runs: Vec<usize> = (0..points as usize).map(|p| p % phases.len()).collect();
    let mut retries = 0;
    let mut k = 0;
    while k < runs.len() {
        let (marker, spread, _) = phases[runs[k]];
        let delay = (k as u64 * 7919) % spread;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let printed = kill_demo_at(&data, marker, delay);
        let what = format!("kill {delay} ms after {marker:?}");
        let service =
            service::Service::open(&data).unwrap_or_else(|e| panic!("{what}: reopen failed: {e}"));
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
        assert!(
            cycles.len() >= printed,
            "{what}: {printed} cycles were reported, {} survived",
            cycles.len()
        );
        seen_cycles[cycles.len().min(2)] += 1;
        for (number, transfers) in &cycles {
            assert_eq!(
                per_cycle.get(number).copied().unwrap_or(0),
                *transfers,
                "{what}: cycle {number} is not whole in the ledger"
            );
        }
        assert!(
            per_cycle.keys().all(|n| cycles.iter().any(|c| c.0 == *n)),
            "{what}: settlement transfers of a cycle the workflow does not know"
        );
        engine::verify(&data).unwrap_or_else(|e| panic!("{what}: verify failed: {e}"));
        k += 1;
        if k == runs.len() && retries < 6 {
            // A busy machine can let the demo run past a mark: try the mark again.
            if let Some(count) = (0..3).find(|&c| seen_cycles[c] == 0) {
                let phase = phases.iter().position(|p| p.2 == count).unwrap_or(0);
                runs.push(phase);
                retries += 1;
            }
        }
    }
    eprintln!("stores left with 0, 1, 2 cycles: {seen_cycles:?}");
    assert!(
        seen_cycles.iter().all(|&n| n > 0),
        "stores with 0, 1 and 2 cycles: {seen_cycles:?}"
    );
}
