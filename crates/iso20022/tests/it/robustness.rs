//! The short fuzz run CI executes on stable Rust: mutated real samples, mutated generated
//! messages and random bytes go through every parser. Nothing may panic; malformed input must
//! give an error; whatever is accepted must write out, read back to the same model with nothing
//! dropped, and be valid against the official XSDs (real xmllint, on up to 400 of the accepted
//! inputs, 4,000 with CI=true). More cases with CI=true. The cargo-fuzz targets in `fuzz/` run
//! the same checks except xmllint, without limit.

use crate::{build, fixture};
use iso20022::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn cases() -> u32 {
    if crate::ci() { 10_000 } else { 500 }
}

/// The seeds: every real sample that can be read, plus generated messages of every kind.
fn corpus() -> Vec<String> {
    let mut corpus = Vec::new();
    for dir in ["iso20022/samples", "iso20022/samples-amber"] {
        if let Ok(entries) = std::fs::read_dir(fixture(dir)) {
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    corpus.push(text);
                }
            }
        }
    }
    for seed in 0..4 {
        for (definition, document) in build::documents(seed) {
            let app_hdr = (seed % 2 == 1).then(|| build::app_hdr(seed, &definition.to_string()));
            let message = Message {
                definition,
                app_hdr,
                document,
            };
            corpus.push(message.to_xml().unwrap());
        }
    }
    corpus
}

const INTERESTING: &[&str] = &[
    "",
    "-1",
    "1e5",
    "0.001",
    "12.345",
    "99999999999999999999",
    "1.",
    ".5",
    "XXX",
    "PKR",
    "&amp;",
    "&#0;",
    "&#x1F600;",
    "&unknown;",
    "<",
    "]]>",
    "<![CDATA[x]]>",
    "\u{feff}",
    "ک",
    "true",
    "2",
    "2026-02-30",
    "HABBPKKA",
    "<X/>",
    "<Ccy>",
    " Ccy=\"IRR\"",
    "xmlns=\"urn:x\"",
    "<!DOCTYPE x>",
];

/// Applies one mutation to `text`.
fn mutate(text: &str, (op, a, b): (u8, u32, u32)) -> String {
    let bytes = text.as_bytes();
    let len = bytes.len().max(1);
    let at = a as usize % len;
    let mut out: Vec<u8> = bytes.to_vec();
    match op % 6 {
        0 => out.truncate(at),
        1 => {
            // Overwrite a few bytes.
            for i in 0..(b as usize % 4 + 1) {
                if let Some(byte) = out.get_mut(at + i) {
                    *byte = (b >> (i * 8)) as u8;
                }
            }
        }
        2 => {
            // Remove a tag.
            if let Some(start) = text[..].get(at..).and_then(|s| s.find('<')).map(|i| i + at)
                && let Some(end) = text[start..].find('>')
            {
                out.drain(start..=start + end);
            }
        }
        3 => {
            // Replace an element's text with something interesting.
            if let Some(start) = text.get(at..).and_then(|s| s.find('>')).map(|i| i + at + 1)
                && let Some(end) = text[start..].find('<')
            {
                let new = INTERESTING[b as usize % INTERESTING.len()];
                out.splice(start..start + end, new.bytes());
            }
        }
        4 => {
            // Duplicate a line.
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let i = at % lines.len();
                let mut joined = String::new();
                for (k, line) in lines.iter().enumerate() {
                    joined.push_str(line);
                    if k == i {
                        joined.push_str(line);
                    }
                }
                out = joined.into_bytes();
            }
        }
        _ => {
            // Insert something interesting.
            let new = INTERESTING[b as usize % INTERESTING.len()];
            let at = (0..=at)
                .rev()
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(0);
            out.splice(at..at, new.bytes());
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every parser on one input: no panic; accepted input writes and reads back identically,
/// with nothing dropped. Returns what was written for an accepted input.
fn check(input: &str) -> Option<String> {
    let mut written_out = None;
    match Message::parse(input) {
        Ok(message) => {
            let version = message.document.kind().default_version();
            let written = message
                .to_xml_version(version)
                .unwrap_or_else(|e| panic!("accepted but not writable: {e}\n{input}"));
            let (back, dropped) = Message::parse_with_warnings(&written)
                .unwrap_or_else(|e| panic!("written but not readable: {e}\n{written}"));
            assert_eq!(back.document, message.document, "{input}");
            assert!(dropped.is_empty(), "written but not all read: {dropped:?}");
            let json = message.to_json().unwrap();
            assert_eq!(Message::from_json(json, None).unwrap(), message);
            written_out = Some(written);
        }
        Err(error) => assert!(!error.reason.is_empty()),
    }
    for kind in [Kind::Pacs008, Kind::Pacs009, Kind::Pacs002, Kind::Camt053] {
        let _ = parse_kind(kind, input);
    }
    if let Ok(header) = AppHdr::parse_xml(input) {
        assert_eq!(
            AppHdr::parse_xml(&header.to_xml().unwrap()).unwrap(),
            header
        );
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(input) {
        let _ = Message::from_json(value, Some(MsgDef::latest(Kind::Pacs008)));
    }
    written_out
}

/// How many rewritten inputs go through xmllint.
fn schema_checks() -> usize {
    if crate::ci() { 4_000 } else { 400 }
}

#[test]
fn mutated_samples_never_panic() {
    let corpus = corpus();
    assert!(corpus.len() >= 20, "corpus of {}", corpus.len());
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        any::<u16>(),
        prop::collection::vec(any::<(u8, u32, u32)>(), 1..4),
    );
    // What the parsers accepted and the crate wrote, for xmllint (distinct, bounded).
    let written = std::cell::RefCell::new(std::collections::BTreeSet::new());
    runner
        .run(&strategy, |(pick, mutations)| {
            let mut text = corpus[pick as usize % corpus.len()].clone();
            for m in mutations {
                text = mutate(&text, m);
            }
            if let Some(xml) = check(&text) {
                let mut written = written.borrow_mut();
                if written.len() < schema_checks() {
                    written.insert(xml);
                }
            }
            Ok(())
        })
        .unwrap();
    // Whatever parses and is written again is schema-valid.
    let written = written.into_inner();
    assert!(
        written.len() >= 20,
        "only {} inputs accepted",
        written.len()
    );
    if crate::xmllint_ready() {
        let xmls: Vec<&str> = written.iter().map(String::as_str).collect();
        let verdicts = iso20022::xsd::validate_batch(&xmls, &iso20022::xsd::xsd_dir()).unwrap();
        for (xml, verdict) in xmls.iter().zip(verdicts) {
            assert!(
                verdict.valid,
                "accepted, written, but not schema-valid:\n{}\n--- written ---\n{xml}",
                verdict.output
            );
        }
    }
}

#[test]
fn truncated_messages_are_errors() {
    for text in corpus() {
        let end = text.trim_end().len();
        // Cutting anywhere inside the root element leaves it unclosed.
        let root_close = text[..end].rfind("</").unwrap();
        for cut in (0..root_close).step_by(97) {
            if text.is_char_boundary(cut) {
                assert!(
                    Message::parse(&text[..cut]).is_err(),
                    "cut at {cut} accepted"
                );
            }
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..512), |bytes| {
            let text = String::from_utf8_lossy(&bytes);
            let _ = check(&text);
            // Random bytes behind a valid prefix.
            let prefixed = format!(
                "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>{text}"
            );
            assert!(Message::parse(&prefixed).is_err());
            Ok(())
        })
        .unwrap();
}

#[test]
fn deep_and_large_input_is_refused_not_crashed() {
    let deep = "<a>".repeat(100_000);
    assert!(
        Message::parse(&deep)
            .unwrap_err()
            .reason
            .contains("deeper than")
    );
    let wide = format!("<Document>{}</Document>", "<x/>".repeat(10_000));
    assert!(Message::parse(&wide).is_err());
}
