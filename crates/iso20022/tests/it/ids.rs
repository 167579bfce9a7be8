//! Identifier and value types against their schema patterns; IBANs against the PK and IR vectors.

use crate::fixture;
use iso20022::*;

#[test]
fn iban_vectors_pk_ir() {
    let path = fixture("iban/iban_pk_ir_test_vectors.tsv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        assert!(!crate::ci(), "CI=true and {} is missing", path.display());
        crate::skip_notice(&format!("SKIP: {} not found", path.display()));
        return;
    };
    let mut checked = 0;
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (iban, schwifty) = (cols[0], cols[3]);
        let expected_valid = schwifty == "valid";
        let got = Iban::from_print(iban);
        assert_eq!(
            got.is_ok(),
            expected_valid,
            "{iban}: {got:?} (schwifty: {schwifty})"
        );
        if let Err(e) = &got {
            let why = match schwifty {
                s if s.contains("Checksum") => "mod-97",
                s if s.contains("Length") => "characters",
                _ => "format",
            };
            assert!(e.reason.contains(why), "{iban}: {e}");
        }
        // mod-97 column agrees with the raw check.
        let strict = Iban::new(iban);
        if iban.contains(' ') {
            assert!(strict.unwrap_err().reason.contains("print format"));
        }
        checked += 1;
    }
    assert!(checked >= 9);
}

#[test]
fn iban_pattern_and_registry() {
    assert!(Iban::new("PK36SCBL0000001123456702").is_ok());
    assert!(Iban::new("pk36SCBL0000001123456702").is_err());
    assert!(Iban::new("PK36").is_err());
    assert!(
        Iban::new("PK36SCBL0000001123456702X")
            .unwrap_err()
            .reason
            .contains("PK IBANs have 24")
    );
    // An unknown country: pattern and mod-97 only.
    assert!(Iban::new("XX00A").is_err());
    assert_eq!(
        Iban::new("IR062960000000100324200001").unwrap().country(),
        "IR"
    );
}

#[test]
fn iban_registry_matches_fixture() {
    let read = |name: &str| -> Option<serde_json::Value> {
        let text = std::fs::read_to_string(fixture(&format!("iban/{name}"))).ok()?;
        serde_json::from_str(&text).ok()
    };
    let (Some(generated), Some(overwrite)) = (
        read("schwifty_iban_registry_generated.json"),
        read("schwifty_iban_registry_overwrite.json"),
    ) else {
        assert!(
            !crate::ci(),
            "CI=true and the IBAN registry fixtures are missing"
        );
        crate::skip_notice("SKIP: IBAN registry fixtures not found");
        return;
    };
    let mut expected: Vec<(String, u8, String, bool)> = Vec::new();
    let empty = serde_json::Map::new();
    let mut countries: Vec<&String> = generated.as_object().unwrap().keys().collect();
    countries.extend(overwrite.as_object().unwrap().keys());
    countries.sort();
    countries.dedup();
    for country in countries {
        let mut merged = generated
            .get(country)
            .and_then(|v| v.as_object())
            .unwrap_or(&empty)
            .clone();
        for (k, v) in overwrite
            .get(country)
            .and_then(|v| v.as_object())
            .unwrap_or(&empty)
        {
            merged.insert(k.clone(), v.clone());
        }
        if let (Some(length), Some(spec)) = (merged.get("iban_length"), merged.get("bban_spec")) {
            expected.push((
                country.clone(),
                length.as_u64().unwrap() as u8,
                spec.as_str().unwrap().to_string(),
                merged
                    .get("aspirational")
                    .and_then(|a| a.as_bool())
                    .unwrap_or(false),
            ));
        }
    }
    let table: Vec<(String, u8, String, bool)> = iban_formats()
        .iter()
        .map(|(c, l, s, a)| (c.to_string(), *l, s.to_string(), *a))
        .collect();
    assert_eq!(table, expected);
}

#[test]
fn status_reasons_match_fixture() {
    let Ok(text) = std::fs::read_to_string(fixture(
        "iso20022/external-code-sets/external_status_reason_code.json",
    )) else {
        assert!(
            !crate::ci(),
            "CI=true and the status reason code set is missing"
        );
        return;
    };
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut codes: Vec<&str> = json["codes"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    codes.sort();
    assert_eq!(status_reason_codes(), codes.as_slice());
    assert!(is_known_status_reason("AC01") && is_known_status_reason("AM04"));
    assert!(!is_known_status_reason("ZZ99"));
    assert!(iso20022::pacs002::StatusReason::iso("ZZ99", None).is_err());
}

#[test]
fn bicfi_pattern() {
    for ok in [
        "HABBPKKA",
        "MELIIRTH",
        "MUCBPKKAXXX",
        "1234PKA1",
        "BMJIIRTH001",
    ] {
        assert!(Bicfi::new(ok).is_ok(), "{ok}");
    }
    for bad in [
        "HABBPKK",
        "habbpkka",
        "HABB1KKA",
        "HABBPKKAXX",
        "HABBPKKA XXX",
        "",
        "HABBPKKA-XX",
    ] {
        assert!(Bicfi::new(bad).is_err(), "{bad}");
    }
    assert_eq!(Bicfi::new("MELIIRTH").unwrap().country(), "IR");
}

#[test]
fn uetr_pattern() {
    assert!(Uetr::new("eb6305c9-1f7f-49de-aed0-16487c27b42d").is_ok());
    for bad in [
        "EB6305C9-1F7F-49DE-AED0-16487C27B42D", // upper case
        "eb6305c9-1f7f-39de-aed0-16487c27b42d", // version 3
        "eb6305c9-1f7f-49de-ced0-16487c27b42d", // variant c
        "eb6305c91f7f49deaed016487c27b42d",
        "eb6305c9-1f7f-49de-aed0-16487c27b42",
    ] {
        assert!(Uetr::new(bad).is_err(), "{bad}");
    }
    for seed in 0u32..1000 {
        let uetr = Uetr::from_seed(&seed.to_le_bytes());
        assert!(Uetr::new(uetr.as_str()).is_ok(), "{uetr}");
    }
    assert_ne!(Uetr::from_seed(b"a"), Uetr::from_seed(b"b"));
}

#[test]
fn lei_checksum() {
    assert!(Lei::new("5493001KJTIIGC8Y1R12").is_ok());
    assert!(
        Lei::new("5493001KJTIIGC8Y1R13")
            .unwrap_err()
            .reason
            .contains("mod-97")
    );
    assert!(Lei::new("5493001KJTIIGC8Y1R1").is_err());
}

#[test]
fn max_text_lengths_count_characters() {
    assert!(Max35Text::new("a".repeat(35)).is_ok());
    assert!(
        Max35Text::new("a".repeat(36))
            .unwrap_err()
            .reason
            .contains("at most 35")
    );
    assert!(
        Max35Text::new("ک".repeat(35)).is_ok(),
        "35 Persian letters are 35 characters"
    );
    assert!(Max35Text::new("").is_err());
    assert!(
        Max35Text::new("a\u{1}b")
            .unwrap_err()
            .reason
            .contains("U+0001")
    );
    assert_eq!(
        Max35Text::truncated(&"x".repeat(50), "f")
            .unwrap()
            .as_str()
            .len(),
        35
    );
}

#[test]
fn dates_and_times() {
    // xs:date may carry a time zone.
    for ok in [
        "2024-02-29",
        "2026-12-31",
        "2026-01-01Z",
        "2026-01-01+05:00",
        "2026-01-01-14:00",
    ] {
        assert!(IsoDate::new(ok).is_ok(), "{ok}");
    }
    for bad in [
        "2023-02-29",
        "2026-13-01",
        "2026-1-01",
        "26-01-01",
        "2026-01-01z",
        "2026-01-01+14:30",
        "2026-01-01+5:00",
        "2026-01-01T",
    ] {
        assert!(IsoDate::new(bad).is_err(), "{bad}");
    }
    for ok in [
        "2026-11-22T10:15:00",
        "2026-11-22T10:15:00Z",
        "2026-11-22T10:15:00.837-04:00",
        "2026-11-22T10:15:00+05:30",
    ] {
        assert!(IsoDateTime::new(ok).is_ok(), "{ok}");
    }
    for bad in [
        "2026-11-22",
        "2026-11-22T24:00:00",
        "2026-11-22T10:15",
        "2026-11-22 10:15:00",
        "2026-11-22T10:15:00+5:30",
        "2026-11-22T10:15:00+14:30",
    ] {
        assert!(IsoDateTime::new(bad).is_err(), "{bad}");
    }
    assert_eq!(
        iso20022::generate::date_from_days(0).unwrap().as_str(),
        "1970-01-01"
    );
    assert_eq!(
        iso20022::generate::date_from_days(20_414).unwrap().as_str(),
        "2025-11-22"
    );
}

#[test]
fn amounts_are_exact_and_follow_minor_units() {
    let pkr = Amount::parse("1234.5", "PKR").unwrap();
    assert_eq!(
        (pkr.minor(), pkr.decimal()),
        (123_450, "1234.50".to_string())
    );
    assert_eq!(Amount::parse("5", "JPY").unwrap().decimal(), "5");
    assert_eq!(Amount::parse("1.234", "KWD").unwrap().minor(), 1234);
    assert!(
        Amount::parse("1.234", "PKR")
            .unwrap_err()
            .reason
            .contains("too many decimals")
    );
    assert!(Amount::parse("1.5", "JPY").is_err());
    assert!(Amount::parse("-1", "PKR").is_err());
    assert!(Amount::parse("1e3", "PKR").is_err());
    assert!(Amount::parse("1", "XYZ").unwrap_err().path == "@Ccy");
    assert!(Amount::parse("1", "XAU").is_err(), "no minor units");
    assert!(Amount::parse("9999999999999999.99", "IRR").is_ok());
    assert!(
        Amount::parse("10000000000000000.00", "IRR")
            .unwrap_err()
            .reason
            .contains("18 digits")
    );
    let json = serde_json::to_string(&pkr).unwrap();
    assert_eq!(json, r#"{"amount":"1234.50","currency":"PKR"}"#);
    assert_eq!(serde_json::from_str::<Amount>(&json).unwrap(), pkr);
    assert!(serde_json::from_str::<Amount>(r#"{"amount":"1.001","currency":"PKR"}"#).is_err());
}

#[test]
fn decimal_numbers_and_control_sums() {
    let sum = DecimalNumber::sum(&[
        Amount::parse("1.5", "PKR").unwrap(),
        Amount::parse("2", "JPY").unwrap(),
        Amount::parse("0.001", "KWD").unwrap(),
    ])
    .unwrap();
    assert_eq!(sum.as_str(), "3.501");
    assert!(DecimalNumber::new("1234567890123456789").is_err());
    assert!(DecimalNumber::new("0.00000000000000001").is_ok());
    assert!(BaseOneRate::new("4163.85").is_ok());
    assert!(BaseOneRate::new("123456789012").is_err());
}

#[test]
fn message_definitions() {
    let def = MsgDef::parse("pacs.008.001.08").unwrap();
    assert_eq!(
        def.namespace(),
        "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"
    );
    assert_eq!(MsgDef::parse("pacs.008").unwrap(), def);
    assert_eq!(MsgDef::from_namespace(&def.namespace()).unwrap(), def);
    assert!(MsgDef::parse("pacs.008.001.9").is_err());
    assert!(
        MsgDef::new(Kind::Pacs008, 9)
            .check_read()
            .unwrap_err()
            .reason
            .contains("versions .07, .08")
    );
    assert!(MsgDef::new(Kind::Pacs002, 12).check_write().is_ok());
}
