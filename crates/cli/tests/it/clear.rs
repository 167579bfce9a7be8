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

#[test]
fn gateways_clear_a_cross_border_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("corridor.csv");
    std::fs::write(
        &input,
        "id,debtor,creditor,amount,currency,debtor_bank,creditor_bank\n\
         imp-A,A,X,100000,PKR,HABBPKKA,MELIIRTH\n\
         dom-X,X,Y,500000000,IRR,MELIIRTH,BTEJIRTH\n\
         imp-Y,Y,B,416385000,IRR,BTEJIRTH,MUCBPKKA\n\
         dom-B,B,A,70000,PKR,MUCBPKKA,HABBPKKA\n",
    )
    .unwrap();
    let out = dir.path().join("setoffs.csv");
    let alone = corridor(&["clear", input.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&alone.stdout).contains("IRR: gross 916385000, set off 0"));
    let output = corridor(&[
        "clear",
        input.to_str().unwrap(),
        "--rate",
        "PKR/IRR=4163.85",
        "--out",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("3500 lots crossed the border"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "id,debtor,creditor,amount,cleared,remaining\nimp-A,A,X,100000,70000,30000\ndom-X,X,Y,500000000,291469500,208530500\nimp-Y,Y,B,416385000,291469500,124915500\ndom-B,B,A,70000,70000,0\n"
    );
    let bad = corridor(&[
        "clear",
        input.to_str().unwrap(),
        "--rate",
        "PKR/USD=280",
        "--home",
        "PK=PKR",
    ]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("outside the corridor"));
}
