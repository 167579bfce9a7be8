//! `corridor screen` end to end on the real list excerpts: one name across scripts, a CSV of
//! parties as JSON, a malformed list named by record and field, and the evaluation command.

use std::path::PathBuf;
use std::process::Command;

fn corridor(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(args)
        .output()
        .unwrap()
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/sanctions")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn screens_an_original_script_name_with_an_explanation() {
    let un = fixture("un_consolidated_list_excerpt_2026-02-27.xml");
    let out = corridor(&[
        "screen",
        "--un",
        &un,
        "--name",
        "محمد حسن آخوند",
        "--dob",
        "1956",
        "--country",
        "Afghanistan",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(2),
        "hits exit 2: {stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("UN TAi.002 [Taliban]"), "{stdout}");
    assert!(stdout.contains("date of birth 1956 agrees"), "{stdout}");
    let clean = corridor(&["screen", "--un", &un, "--name", "Imran Qureshi"]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&clean.stdout).contains("no hit"));
}

#[test]
fn screens_a_csv_of_parties_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let parties = dir.path().join("parties.csv");
    std::fs::write(&parties, "id,name,dob,country\nT1,Imran Qureshi,1980,PK\nT2,KHAN Nasir Ali,1955-10-01,\nT3,شرکت بازرگانی پلیمر کویر,,IR\nT4,Bank Keshavarzi,,\n").unwrap();
    let out = corridor(&[
        "screen",
        "--ofac-sdn",
        &fixture("ofac_sdn_excerpt_2019.csv"),
        "--ofac-alt",
        &fixture("ofac_alt_excerpt_2019.csv"),
        "--ofac-add",
        &fixture("ofac_add_excerpt_2019.csv"),
        "--csv",
        parties.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["parties"], 4);
    assert_eq!(report["parties_with_hits"], 2);
    let ids: Vec<&str> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["T2", "T4"]);
    let hit = &report["results"][0]["hits"][0];
    assert_eq!(hit["reference"], "6864");
    assert_eq!(hit["list"], "OFAC-CSV");
    assert!(hit["tokens"].as_array().unwrap().len() == 3);
    assert!(
        hit["factors"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("agrees")
    );
}

#[test]
fn a_malformed_list_is_an_error_naming_record_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("un.xml");
    let text =
        std::fs::read_to_string(fixture("un_consolidated_list_excerpt_2026-02-27.xml")).unwrap();
    std::fs::write(
        &bad,
        text.replacen("<YEAR>1963</YEAR>", "<YEAR>63</YEAR>", 1),
    )
    .unwrap();
    let out = corridor(&["screen", "--un", bad.to_str().unwrap(), "--name", "x"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("INDIVIDUAL #5 (DATAID 110578): INDIVIDUAL_DATE_OF_BIRTH/YEAR: not a year"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn eval_prints_recall_false_positives_and_the_curve() {
    let out = corridor(&[
        "screen",
        "eval",
        "--pairs",
        &fixture("un_name_original_script_pairs_2026-02-27.tsv"),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["positives"], 378);
    assert!(report["recall"].as_f64().unwrap() >= 0.84);
    assert!(report["fp_rate"].as_f64().unwrap() <= 0.01);
    assert_eq!(report["curve"].as_array().unwrap().len(), 40);
}
