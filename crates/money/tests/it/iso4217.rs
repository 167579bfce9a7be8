//! The checked-in table must equal the official ISO 4217 List One in `../shared/fixtures`.
//! Run with `UPDATE_ISO4217=1` to regenerate `src/iso4217_table.rs` from the list.

use std::collections::BTreeMap;
use std::path::PathBuf;

fn fixture() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.join("../../../shared/fixtures/iso4217/iso4217_list_one_2026-01-01.xml")
}

fn tag<'a>(entry: &'a str, name: &str) -> Option<&'a str> {
    // `<Ccy>` must not match `<CcyNm>`: the name ends at '>' or at a space before attributes.
    let start = entry
        .find(&format!("<{name}>"))
        .or_else(|| entry.find(&format!("<{name} ")))?;
    let after_open = start + entry[start..].find('>')? + 1;
    let end = after_open + entry[after_open..].find(&format!("</{name}>"))?;
    Some(entry[after_open..end].trim())
}

/// Parses List One into code -> (number, minor units, name). Entries without a code
/// ("No universal currency") are skipped; a code listed for many countries must agree.
fn official() -> BTreeMap<String, (u16, Option<u8>, String)> {
    let xml = std::fs::read_to_string(fixture()).expect("read the ISO 4217 fixture");
    let mut table = BTreeMap::new();
    for entry in xml.split("<CcyNtry>").skip(1) {
        let Some(code) = tag(entry, "Ccy") else {
            continue;
        };
        let number: u16 = tag(entry, "CcyNbr")
            .expect("CcyNbr")
            .parse()
            .expect("numeric code");
        let minor = tag(entry, "CcyMnrUnts").expect("CcyMnrUnts");
        let minor = if minor == "N.A." {
            None
        } else {
            Some(minor.parse::<u8>().expect("minor units"))
        };
        let name = tag(entry, "CcyNm").expect("CcyNm").replace("&amp;", "&");
        let row = (number, minor, name);
        if let Some(previous) = table.insert(code.to_string(), row.clone()) {
            assert_eq!(
                previous.0, row.0,
                "{code}: numeric codes disagree across countries"
            );
            assert_eq!(
                previous.1, row.1,
                "{code}: minor units disagree across countries"
            );
        }
    }
    assert!(
        table.len() > 150,
        "suspiciously few currencies: {}",
        table.len()
    );
    table
}

fn render(table: &BTreeMap<String, (u16, Option<u8>, String)>) -> String {
    let mut out = String::from(
        "//! Generated from the official ISO 4217 List One (published 2026-01-01) by\n\
         //! `UPDATE_ISO4217=1 cargo test -p money --test it`. Do not edit by hand.\n\n\
         use crate::currency::Row;\n\n\
         /// (alphabetic code, numeric code, minor units or None for N.A., name), sorted by code.\n\
         pub(crate) static TABLE: &[Row] = &[\n",
    );
    for (code, (number, minor, name)) in table {
        let minor = match minor {
            Some(m) => format!("Some({m})"),
            None => "None".to_string(),
        };
        out.push_str(&format!("    ({code:?}, {number}, {minor}, {name:?}),\n"));
    }
    out.push_str("];\n");
    out
}

#[test]
fn iso4217_table_matches_official_list() {
    let official = official();
    if std::env::var_os("UPDATE_ISO4217").is_some() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/iso4217_table.rs");
        std::fs::write(&path, render(&official)).expect("write the table");
        eprintln!(
            "wrote {}; run `cargo fmt -p money` and rebuild",
            path.display()
        );
        return;
    }
    // Same codes, in the same (alphabetic) order, with the same fields: nothing missing,
    // nothing extra, nothing edited by hand.
    let table: Vec<(String, u16, Option<u8>, String)> = money::Currency::all()
        .map(|c| {
            (
                c.code().to_string(),
                c.number(),
                c.minor_units_iso(),
                c.name().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, u16, Option<u8>, String)> = official
        .into_iter()
        .map(|(code, (number, minor, name))| (code, number, minor, name))
        .collect();
    assert_eq!(
        table, expected,
        "src/iso4217_table.rs differs from the official list; rerun with UPDATE_ISO4217=1"
    );
}

#[test]
fn table_is_usable() {
    let official = official();
    for currency in money::Currency::all() {
        let (number, minor, name) = &official[currency.code()];
        assert_eq!(currency.number(), *number);
        assert_eq!(currency.minor_units_iso(), *minor);
        assert_eq!(currency.name(), name);
        assert_eq!(money::Currency::from_code(currency.code()), Ok(currency));
        assert_eq!(
            money::Currency::from_number(currency.number()),
            Some(currency)
        );
    }
    assert_eq!(money::PKR.number(), 586);
    assert_eq!(money::IRR.number(), 364);
    assert_eq!(money::IRR.minor_units(), Ok(2));
    assert!(money::Currency::from_code("pkr").is_err());
    assert!(
        money::Currency::from_code("HRK").is_err(),
        "withdrawn currency must be unknown"
    );
}
