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
        "--allow-excerpt",
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
    assert!(report["recall"].as_f64().unwrap() >= 0.95);
    assert!(report["fp_rate"].as_f64().unwrap() <= 0.01);
    assert_eq!(report["curve"].as_array().unwrap().len(), 40);
    // The held-out set and the realistic index are reported beside the in-sample figures.
    assert_eq!(report["heldout"]["positives"], 107);
    assert!(report["heldout"]["recall"].as_f64().unwrap() > 0.5);
    // Held-out set 2 is reported on its own (its misses only in this JSON, never printed).
    assert_eq!(report["heldout2"]["positives"], 150);
    assert_eq!(report["heldout2"]["indexed_entries"], 246);
    assert_eq!(
        report["heldout2"]["recall_by_language"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    // Sets 4-14, 16, 17, 19, 21, 22 and 24-31 are development sets: their misses are in the
    // JSON. Sets 15, 18, 20, 23 and 32 are held out: figures only.
    for set in 4..=32 {
        let r = &report[format!("heldout{set}")];
        let unfound = r["positives"].as_u64().unwrap() - r["found"].as_u64().unwrap();
        let misses = r["misses"].as_array().unwrap().len() as u64;
        let development = set <= 14 || matches!(set, 16 | 17 | 19 | 21 | 22 | 24..=31);
        assert_eq!(misses, if development { unfound } else { 0 }, "set {set}");
    }
    assert_eq!(
        report["realistic_false_positives"]["indexed_entries"],
        19_000
    );
}

#[test]
fn a_cut_off_list_or_an_unreadable_date_of_birth_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let un = fixture("un_consolidated_list_excerpt_2026-02-27.xml");
    let text = std::fs::read_to_string(&un).unwrap();
    // Cut after the third individual: nothing is screened against the 3 records read.
    let mut end = 0;
    for _ in 0..3 {
        end += text[end..].find("</INDIVIDUAL>").unwrap() + "</INDIVIDUAL>".len();
    }
    let cut = dir.path().join("cut.xml");
    std::fs::write(&cut, &text[..end]).unwrap();
    let out = corridor(&[
        "screen",
        "--un",
        cut.to_str().unwrap(),
        "--name",
        "Mohammad Hassan Akhund",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("<CONSOLIDATED_LIST> is not closed"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // One byte that is not UTF-8: an error naming its offset, not a Windows-1252 re-read.
    let mut bytes = text.clone().into_bytes();
    let at = text.find("محمد").unwrap();
    bytes[at] = 0xE9;
    let bad = dir.path().join("bad.xml");
    std::fs::write(&bad, &bytes).unwrap();
    let out = corridor(&["screen", "--un", bad.to_str().unwrap(), "--name", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("not valid UTF-8 at byte {at}")),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The OFAC XML excerpt keeps the full list's Record_Count: refused unless declared.
    let xml = fixture("ofac_consolidated_sdnList_excerpt_2018-04-06.xml");
    let out = corridor(&["screen", "--ofac-xml", &xml, "--name", "Bank Melli"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Record_Count: says 639"));
    let out = corridor(&[
        "screen",
        "--ofac-xml",
        &xml,
        "--allow-excerpt",
        "--name",
        "Central Bank of Iran",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("note: --allow-excerpt"), "{stderr}");
    assert!(
        stderr.contains("warning: OFAC sdnList XML: publshInformation/Record_Count says 639"),
        "{stderr}"
    );
    // An unreadable date of birth is refused, on the command line and in a CSV.
    let out = corridor(&[
        "screen",
        "--un",
        &un,
        "--name",
        "Imran Qureshi",
        "--dob",
        "13/05/1990",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--dob: not a date of birth: \"13/05/1990\"")
    );
    let parties = dir.path().join("p.csv");
    std::fs::write(
        &parties,
        "id,name,dob\nT1,Imran Qureshi,1980\nT2,Nasir Ali,13/05/1990\n",
    )
    .unwrap();
    let out = corridor(&["screen", "--un", &un, "--csv", parties.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 3: dob: not a date of birth"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Weights and the token floor are options, checked.
    let out = corridor(&["screen", "--un", &un, "--name", "x", "--token-floor", "1.5"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--token-floor must be between 0 and 1"));
    let out = corridor(&[
        "screen",
        "--un",
        &un,
        "--name",
        "Mohammad Hassan Akhund",
        "--dob",
        "1990",
        "--dob-contradicts",
        "0.5",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a contradicting date weighted 0.5 clears the hit"
    );
}
