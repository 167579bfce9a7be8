//! Tests of the iso20022 crate: identifiers, schema validity of everything written (real
//! `xmllint`), the real samples, error paths, and a fuzz-style robustness run.

mod build;
mod errors;
mod generator;
mod ids;
mod leafdiff;
mod linear;
mod paging;
mod props;
mod robustness;
mod samples;
mod schema;

use std::path::PathBuf;

/// `../shared/fixtures/<rel>` beside the repository.
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures")
        .join(rel)
}

pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// True when xmllint and the XSDs are there. Otherwise fails under CI=true, and prints a skip
/// notice elsewhere.
pub fn xmllint_ready() -> bool {
    let dir = iso20022::xsd::xsd_dir();
    let problem = if !iso20022::xsd::xmllint_available() {
        Some("xmllint is not installed (apt-get install libxml2-utils)".to_string())
    } else if !dir.join("pacs.008.001.08.xsd").is_file() {
        Some(format!("the official XSDs are not in {}", dir.display()))
    } else {
        None
    };
    match problem {
        None => true,
        Some(problem) if ci() => panic!("CI=true and XSD validation cannot run: {problem}"),
        Some(problem) => {
            skip_notice(&format!("SKIP: XSD validation not run: {problem}"));
            false
        }
    }
}

/// Asserts that xmllint accepts `xml` against the official XSDs.
pub fn assert_schema_valid(xml: &str, what: &str) {
    let verdict = iso20022::xsd::validate(xml, &iso20022::xsd::xsd_dir())
        .unwrap_or_else(|e| panic!("{what}: validation could not run: {e}"));
    assert!(
        verdict.valid,
        "{what}: not valid against {:?}:\n{}\n--- message ---\n{xml}",
        verdict.schemas, verdict.output
    );
}

/// Prints a skip notice once per run, straight to stderr so the test harness does not hide it.
pub fn skip_notice(text: &str) {
    use std::io::Write;
    static SHOWN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut shown = SHOWN.lock().unwrap_or_else(|e| e.into_inner());
    if !shown.iter().any(|s| s == text) {
        let _ = writeln!(std::io::stderr(), "{text}");
        shown.push(text.to_string());
    }
}
