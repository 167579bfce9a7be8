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
    // The store it leaves verifies independently, and a second run refuses to reuse it.
    let verify = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["verify", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(verify.status.success());
    // The read model answers queries on the store the demo left: account 201 is a bank's
    // settlement account, funded first (transfer 2) and then paying and paid.
    let account = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["account", "201", "--limit", "1", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&account.stdout);
    assert!(
        account.status.success() && text.contains("id 2  code 1"),
        "{text}"
    );
    let history = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["account", "201", "--history", "--limit", "3", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&history.stdout).lines().count(), 4);
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
