//! `corridor clear` end to end: outputs for a good file, a clear error and no output for a bad one.

use std::process::Command;

fn corridor(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn clears_and_writes_setoffs_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(&input, "creditor,debtor,id,amount,currency\nB,A,1,10,PKR\nA,B,2,10,PKR\nC,B,3,10,PKR\nA,C,4,10,PKR\n").unwrap();
    let out = dir.path().join("setoffs.csv");
    let json = dir.path().join("report.json");
    let output = corridor(&[
        "clear",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let setoffs = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        setoffs,
        "id,debtor,creditor,amount,cleared,remaining\n1,A,B,10,10,0\n2,B,A,10,0,10\n3,B,C,10,10,0\n4,C,A,10,10,0\n"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    for key in [
        "obligations",
        "total_debt",
        "cleared_total",
        "remaining_total",
        "cleared_pct",
        "net_internal_debt",
        "solve_seconds",
        "total_seconds",
        "certificate_verified",
    ] {
        assert!(report.get(key).is_some(), "report lacks {key}");
    }
    assert_eq!(report["cleared_total"], "30");
    assert_eq!(report["certificate_verified"], true);
}

#[test]
fn bad_rows_give_clear_errors_and_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.csv");
    std::fs::write(
        &input,
        "id,debtor,creditor,amount\n1,A,B,10\n2,A,A,5\n3,A,B,2.5\n",
    )
    .unwrap();
    let out = dir.path().join("setoffs.csv");
    let output = corridor(&[
        "clear",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 3: creditor: self-obligation"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 4: amount: \"2.5\" is not an integer"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing may be written for a bad file");
    std::fs::write(&input, "id,debtor,amount\n1,A,10\n").unwrap();
    let stderr =
        String::from_utf8_lossy(&corridor(&["clear", input.to_str().unwrap()]).stderr).to_string();
    assert!(stderr.contains("no \"creditor\" column"), "{stderr}");
    std::fs::write(&input, "id,debtor,creditor,amount,colour\n").unwrap();
    let stderr =
        String::from_utf8_lossy(&corridor(&["clear", input.to_str().unwrap()]).stderr).to_string();
    assert!(stderr.contains("unknown column \"colour\""), "{stderr}");
}
