//! Property: whatever the crate accepts, it writes schema-valid. Documents are built from random
//! seeds (every part of the model on and off) and then given random values through their JSON
//! form: decimals with signs and leading and trailing zeros (control sums, exchange rates,
//! statement totals), codes of every length (local instrument, purpose), free texts with any
//! Unicode. What `Message::from_json` accepts is written and validated by the real xmllint
//! against the official XSDs, many documents per xmllint run; what it refuses must name the
//! JSON path of the value. Bounded: 6 batches of 24 documents, 60 batches with CI=true
//! (`PROPTEST_CASES` overrides the number of batches).

use crate::{build, xmllint_ready};
use iso20022::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

fn batches() -> u32 {
    match std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(n) => n,
        None if crate::ci() => 60,
        None => 6,
    }
}

/// `xs:decimal`-like text: signs, leading zeros, many digits, trailing zeros, bare points.
fn decimal() -> impl Strategy<Value = String> {
    prop_oneof![
        "[+-]?0{0,4}[0-9]{0,22}(\\.[0-9]{0,22}0{0,6})?",
        "[0-9]{1,12}\\.[0-9]{1,10}",
        Just("5000.000000000000000000000".to_string()),
        Just("0.00000000000000001".to_string()),
        Just("+0".to_string()),
        Just("-0.0".to_string()),
    ]
}

/// One random variation of a built document.
#[derive(Clone, Debug)]
struct Variation {
    seed: u64,
    decimal: String,
    code: String,
    text: String,
}

fn variation() -> impl Strategy<Value = Variation> {
    (
        any::<u64>(),
        decimal(),
        "[A-Z0-9 ]{0,40}",
        prop_oneof!["\\PC{0,150}", "[a-z&<>\"' ]{1,20}"],
    )
        .prop_map(|(seed, decimal, code, text)| Variation {
            seed,
            decimal,
            code,
            text,
        })
}

/// The JSON paths the variation writes to, for one document.
fn apply(document: &mut Value, v: &Variation) -> Vec<String> {
    let mut touched = Vec::new();
    let mut set = |value: &mut Value, path: &[&str], new: Value, name: &str| {
        let mut at = value;
        for key in path {
            match at {
                Value::Object(map) if map.contains_key(*key) => at = &mut map[*key],
                Value::Array(items) if !items.is_empty() && key.parse::<usize>().is_ok() => {
                    let i = key.parse::<usize>().unwrap_or(0).min(items.len() - 1);
                    at = &mut items[i];
                }
                _ => return,
            }
        }
        if let Value::Object(map) = at {
            map.insert(name.to_string(), new);
            let mut json_path = String::new();
            for key in path {
                if key.parse::<usize>().is_ok() {
                    json_path.push_str(&format!("[{key}]"));
                } else {
                    if !json_path.is_empty() {
                        json_path.push('.');
                    }
                    json_path.push_str(key);
                }
            }
            touched.push(format!("{json_path}.{name}"));
        }
    };
    let d = Value::String(v.decimal.clone());
    let code = v.code.clone();
    let text = Value::String(v.text.clone());
    match v.seed % 4 {
        0 => set(document, &["group_header"], d, "control_sum"),
        1 => set(document, &["transactions", "0"], d, "exchange_rate"),
        2 => set(
            document,
            &["statements", "0", "summary", "credit_entries"],
            d,
            "sum",
        ),
        _ => set(
            document,
            &["statements", "0", "summary", "net"],
            d,
            "amount",
        ),
    }
    let coded = serde_json::json!({ "code": code });
    set(
        document,
        &["transactions", "0", "payment_type"],
        coded.clone(),
        "local_instrument",
    );
    set(document, &["transactions", "0"], coded, "purpose");
    set(
        document,
        &["transactions", "0", "debtor"],
        text.clone(),
        "name",
    );
    set(document, &["group_header"], text, "message_id");
    touched
}

#[test]
fn accepted_json_values_are_written_schema_valid() {
    if !xmllint_ready() {
        return;
    }
    let mut runner = TestRunner::new(Config {
        cases: batches(),
        failure_persistence: None,
        ..Config::default()
    });
    let accepted = std::cell::Cell::new(0usize);
    let refused = std::cell::Cell::new(0usize);
    runner
        .run(&prop::collection::vec(variation(), 24), |variations| {
            let mut written: Vec<(String, String)> = Vec::new();
            for v in &variations {
                let (definition, document) =
                    build::documents(v.seed).swap_remove((v.seed % 5) as usize);
                let message = Message {
                    definition,
                    app_hdr: (v.seed % 3 == 0)
                        .then(|| build::app_hdr(v.seed, &definition.to_string())),
                    document,
                };
                let mut json = message.to_json().unwrap();
                let touched = apply(&mut json["document"], v);
                match Message::from_json(json, None) {
                    Ok(read) => {
                        accepted.set(accepted.get() + 1);
                        let xml = read
                            .to_xml()
                            .unwrap_or_else(|e| panic!("accepted but not writable: {e}: {v:?}"));
                        written.push((format!("{v:?}"), xml));
                    }
                    Err(e) => {
                        refused.set(refused.get() + 1);
                        prop_assert!(
                            touched
                                .iter()
                                .any(|t| e.path.starts_with(&format!("document.{t}"))),
                            "refusal names {:?}, not one of the changed values {touched:?}: {e}",
                            e.path
                        );
                        prop_assert!(!e.reason.is_empty());
                    }
                }
            }
            let xmls: Vec<&str> = written.iter().map(|(_, x)| x.as_str()).collect();
            let verdicts = iso20022::xsd::validate_batch(&xmls, &iso20022::xsd::xsd_dir()).unwrap();
            for ((what, xml), verdict) in written.iter().zip(verdicts) {
                prop_assert!(
                    verdict.valid,
                    "{what}\n{}\n--- message ---\n{xml}",
                    verdict.output
                );
            }
            Ok(())
        })
        .unwrap();
    // Both sides of the property are exercised.
    let (accepted, refused) = (accepted.get(), refused.get());
    assert!(
        accepted > 0 && refused > 0,
        "{accepted} accepted, {refused} refused"
    );
}

/// Decimal types: canonical text, schema limits, and the same verdict as xmllint's on values
/// the crate accepts (the property above covers them in whole documents).
#[test]
fn decimals_are_canonical() {
    for (input, canonical) in [
        ("5000.000000000000000000000", "5000"),
        ("+05000", "5000"),
        ("-0.0", "0"),
        (".5", "0.5"),
        ("5.", "5"),
        ("000123.4500", "123.45"),
        ("-12.50", "-12.5"),
        ("0.00000000000000001", "0.00000000000000001"),
        ("123456789012345678", "123456789012345678"),
    ] {
        assert_eq!(
            DecimalNumber::new(input).unwrap().as_str(),
            canonical,
            "{input}"
        );
    }
    for bad in [
        "",
        ".",
        "1e5",
        "1,5",
        " 1",
        "--1",
        "0.123456789012345678",
        "1234567890123456789",
    ] {
        assert!(DecimalNumber::new(bad).is_err(), "{bad:?} accepted");
    }
    assert!(NonNegativeDecimalNumber::new("-1").is_err());
    assert_eq!(NonNegativeDecimalNumber::new("-0").unwrap().as_str(), "0");
    assert_eq!(BaseOneRate::new("4163.8500").unwrap().as_str(), "4163.85");
    assert!(
        BaseOneRate::new("0")
            .unwrap_err()
            .reason
            .contains("greater than zero")
    );
    assert!(BaseOneRate::new("-1.5").is_err());
    assert!(BaseOneRate::new("123456789012").is_err());
    assert!(BaseOneRate::new("0.12345678901").is_err());
}
