//! What a conversion drops, exactly: for each real sample, the leaves (element text and
//! attributes, by path without indices) of the input are compared with those of the message
//! written from the model. The test lists what is dropped, sample by sample, and fails when
//! anything else is dropped or invented; it also checks that the warnings of
//! `Message::parse_with_warnings` cover exactly the dropped leaves.

use crate::fixture;
use iso20022::xml::{Element, parse};
use iso20022::*;
use std::collections::BTreeMap;

/// Leaf path (no indices, envelope root removed) -> values (canonical) with counts.
type Leaves = BTreeMap<(String, String), usize>;

/// A decimal-looking value in canonical form, so `5000` and `5000.00` compare equal.
fn canonical(value: &str) -> String {
    let v = value.trim();
    let numeric = !v.is_empty()
        && v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && v.bytes().filter(|b| *b == b'.').count() <= 1
        && !v.starts_with('.')
        && !v.ends_with('.');
    if !numeric {
        return v.to_string();
    }
    let (whole, frac) = v.split_once('.').unwrap_or((v, ""));
    let whole = whole.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    match (whole.is_empty(), frac.is_empty()) {
        (true, true) => "0".into(),
        (_, true) => whole.into(),
        (true, false) => format!("0.{frac}"),
        (false, false) => format!("{whole}.{frac}"),
    }
}

/// Renames of older versions, applied to input paths so they compare with `.08` output.
fn modernise(path: &str, element: &Element) -> String {
    let mut p = path.replace("/FinInstnId/BIC/", "/FinInstnId/BICFI/");
    if p.ends_with("/FinInstnId/BIC") {
        p.push_str("FI");
    }
    p = p.replace("/OrgId/BICOrBEI", "/OrgId/AnyBIC");
    if element.children.is_empty() && (p.ends_with("/Ntry/Sts") || p.ends_with("/PstlAdr/AdrTp")) {
        p.push_str("/Cd");
    }
    for party in ["Dbtr", "Cdtr", "UltmtDbtr", "UltmtCdtr"] {
        let from = format!("/RltdPties/{party}/");
        if let Some(at) = p.find(&from) {
            let rest = &p[at + from.len()..];
            if !rest.starts_with("Pty/") && !rest.starts_with("Agt/") && rest != "Pty" {
                p = format!("{}{from}Pty/{rest}", &p[..at]);
            }
        }
    }
    p = p.replace("/TtlNtries/TtlNetNtryAmt", "/TtlNtries/TtlNetNtry/Amt");
    p = p.replace("/TtlNtries/CdtDbtInd", "/TtlNtries/TtlNetNtry/CdtDbtInd");
    p
}

fn collect(element: &Element, path: &str, old: bool, out: &mut Leaves) {
    let path = if path.is_empty() {
        // Drop an envelope root: AppHdr and Document are compared on their own.
        if element.name == "Document" || element.name == "AppHdr" {
            format!("/{}", element.name)
        } else {
            for child in &element.children {
                collect(child, "", old, out);
            }
            return;
        }
    } else {
        format!("{path}/{}", element.name)
    };
    let key_path = if old {
        modernise(&path, element)
    } else {
        path.clone()
    };
    for (name, value) in &element.attributes {
        *out.entry((format!("{key_path}/@{name}"), canonical(value)))
            .or_default() += 1;
    }
    if element.children.is_empty() {
        let value = if key_path == "/AppHdr/MsgDefIdr" {
            "(the written version)".to_string()
        } else {
            canonical(&element.text)
        };
        *out.entry((key_path, value)).or_default() += 1;
        return;
    }
    for child in &element.children {
        collect(child, &path, old, out);
    }
}

fn leaves(xml: &str, old: bool) -> Leaves {
    let mut out = Leaves::new();
    collect(&parse(xml).unwrap(), "", old, &mut out);
    out
}

/// `a - b` as (path, count) summed over values, sorted by path.
fn minus(a: &Leaves, b: &Leaves) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (key, &n) in a {
        let m = b.get(key).copied().unwrap_or(0);
        if n > m {
            *out.entry(key.0.clone()).or_default() += n - m;
        }
    }
    out
}

fn strip_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut skip = false;
    for c in path.chars() {
        match c {
            '[' => skip = true,
            ']' => skip = false,
            c if !skip => out.push(c),
            _ => {}
        }
    }
    out
}

/// Checks one sample; returns what it drops (path -> leaf count).
fn dropped(rel: &str) -> Option<BTreeMap<String, usize>> {
    let path = fixture(rel);
    let Ok(xml) = std::fs::read_to_string(&path) else {
        assert!(!crate::ci(), "CI=true and {} is missing", path.display());
        crate::skip_notice(&format!("SKIP: {} not found", path.display()));
        return None;
    };
    let (message, warnings) = Message::parse_with_warnings(&xml).unwrap();
    let kind = message.document.kind();
    let version = if kind.write_versions().contains(&message.definition.version) {
        message.definition.version
    } else {
        kind.default_version()
    };
    let written = message.to_xml_version(version).unwrap();
    // Versions before .08 name some elements differently; see `modernise`.
    let old = message.definition.version < 8;
    let input = leaves(&xml, old);
    let output = leaves(&written, false);
    let dropped = minus(&input, &output);
    let invented = minus(&output, &input);
    assert!(
        invented.is_empty(),
        "{rel}: the written message has leaves the input does not: {invented:#?}"
    );
    // The written message reads back with nothing dropped.
    let (_, again) = Message::parse_with_warnings(&written).unwrap();
    assert!(
        again.is_empty(),
        "{rel}: rewritten message drops {again:#?}"
    );
    // The warnings cover the dropped leaves exactly: each dropped leaf is under a warned
    // path, and each warned path holds a dropped leaf (or is an empty element).
    let root = |p: &str| {
        let p = strip_indices(p);
        match p.find("/AppHdr").or_else(|| p.find("/Document")) {
            Some(at) => p[at..].to_string(),
            None => p,
        }
    };
    let warned: Vec<String> = warnings.iter().map(|w| root(&w.path)).collect();
    let modern = |p: &str| {
        if old {
            modernise(p, &Element::default())
        } else {
            p.to_string()
        }
    };
    for leaf in dropped.keys() {
        assert!(
            warned
                .iter()
                .any(|w| leaf == &modern(w) || leaf.starts_with(&format!("{}/", modern(w)))),
            "{rel}: {leaf} is dropped without a warning; warnings: {warnings:#?}"
        );
    }
    for (w, warning) in warned.iter().zip(&warnings) {
        let w = modern(w);
        assert!(
            warning.reason == iso20022::message::EMPTY_DROPPED
                || dropped
                    .keys()
                    .any(|leaf| leaf == &w || leaf.starts_with(&format!("{w}/"))),
            "{rel}: warning {warning} names nothing that is dropped"
        );
    }
    if std::env::var_os("ISO20022_PRINT_DROPPED").is_some() {
        eprintln!("--- {rel}: {} warnings", warnings.len());
        for w in &warnings {
            eprintln!("    {w}");
        }
        eprintln!(
            "--- {rel}: dropped {} leaves",
            dropped.values().sum::<usize>()
        );
        for (p, n) in &dropped {
            eprintln!("        (\"{p}\", {n}),");
        }
    }
    Some(dropped)
}

fn check(rel: &str, expected: &[(&str, usize)]) {
    let Some(dropped) = dropped(rel) else { return };
    let expected: BTreeMap<String, usize> =
        expected.iter().map(|(p, n)| (p.to_string(), *n)).collect();
    assert_eq!(
        dropped, expected,
        "{rel}: dropped leaves differ from the list"
    );
}

const CAMT: &str = "/Document/BkToCstmrStmt/Stmt";

#[test]
fn aws_pacs002_drops_only_the_mandate_and_collection_date() {
    check(
        "iso20022/samples/aws_guidance_pacs.002.001.12_ACSC.xml",
        &[
            (
                "/Document/FIToFIPmtStsRpt/TxInfAndSts/OrgnlTxRef/MndtRltdInf/DrctDbtMndt/MndtId",
                1,
            ),
            (
                "/Document/FIToFIPmtStsRpt/TxInfAndSts/OrgnlTxRef/ReqdColltnDt",
                1,
            ),
        ],
    );
}

#[test]
fn prowide_pacs008_drops_only_the_pooling_adjustment_date() {
    check(
        "iso20022/samples/prowide_pacs.008.001.07.xml",
        &[("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/PoolgAdjstmntDt", 1)],
    );
}

#[test]
fn prowide_pacs009_and_camt053_drop_nothing() {
    check("iso20022/samples/prowide_pacs.009.001.07.xml", &[]);
    check("iso20022/samples/prowide_camt.053.001.07.xml", &[]);
}

#[test]
fn postfinance_camt053_drops_nothing() {
    check(
        "iso20022/samples-amber/postfinance_camt.053.001.04_sample.xml",
        &[],
    );
}

/// The FFFS statement keeps balances, the transactions summary, entries with their batches,
/// references, amount details with exchange rates, related parties and agents, and remittance,
/// structured creditor references included. What it drops (28 of its leaves: interest terms,
/// credit lines, charges, related dates and quantities, referred document amounts) is listed.
#[test]
fn fffs_camt053_drops_exactly_these() {
    let list: Vec<(String, usize)> = [
        ("/Bal/CdtLine/Amt", 3),
        ("/Bal/CdtLine/Amt/@Ccy", 3),
        ("/Bal/CdtLine/Incl", 3),
        ("/Intrst/Rate/Tp/Othr", 1),
        ("/Intrst/Rate/VldtyRg/Amt/FrToAmt/FrAmt/BdryAmt", 1),
        ("/Intrst/Rate/VldtyRg/Amt/FrToAmt/FrAmt/Incl", 1),
        ("/Intrst/Rate/VldtyRg/Amt/FrToAmt/ToAmt/BdryAmt", 1),
        ("/Intrst/Rate/VldtyRg/Amt/FrToAmt/ToAmt/Incl", 1),
        ("/Intrst/Rate/VldtyRg/Ccy", 1),
        ("/Intrst/Rate/VldtyRg/CdtDbtInd", 1),
        ("/Intrst/Tp/Cd", 1),
        ("/Ntry/NtryDtls/TxDtls/Chrgs/Amt", 2),
        ("/Ntry/NtryDtls/TxDtls/Chrgs/Amt/@Ccy", 2),
        ("/Ntry/NtryDtls/TxDtls/Chrgs/Tp/Cd", 2),
        ("/Ntry/NtryDtls/TxDtls/RltdDts/AccptncDtTm", 1),
        ("/Ntry/NtryDtls/TxDtls/RltdQties/Qty/Unit", 2),
        ("/Ntry/NtryDtls/TxDtls/RmtInf/Strd/RfrdDocAmt/RmtdAmt", 1),
        (
            "/Ntry/NtryDtls/TxDtls/RmtInf/Strd/RfrdDocAmt/RmtdAmt/@Ccy",
            1,
        ),
    ]
    .iter()
    .map(|(p, n)| (format!("{CAMT}{p}"), *n))
    .collect();
    let list: Vec<(&str, usize)> = list.iter().map(|(p, n)| (p.as_str(), *n)).collect();
    check(
        "iso20022/samples-amber/fffs_fi_camt.053.001.02_sample.xml",
        &list,
    );
}

/// What the FFFS statement keeps that reconciliation matches on.
#[test]
fn fffs_camt053_keeps_creditor_references_and_the_summary() {
    let path = fixture("iso20022/samples-amber/fffs_fi_camt.053.001.02_sample.xml");
    let Ok(xml) = std::fs::read_to_string(&path) else {
        return;
    };
    let message = Message::parse(&xml).unwrap();
    let Document::Camt053(m) = &message.document else {
        panic!("not a camt.053")
    };
    let s = &m.statements[0];
    // Batches: the lump-sum booking references reconciliation matches on.
    let batches: Vec<&str> = s
        .entries
        .iter()
        .flat_map(|e| &e.details)
        .filter_map(|d| d.batch.as_ref()?.message_id.as_ref().map(|m| m.as_str()))
        .collect();
    assert_eq!(batches.len(), 6, "{batches:?}");
    assert!(batches.contains(&"MSGSALA0001"), "{batches:?}");
    // The USD instructed amount and its rate behind a EUR booking.
    let fx = s
        .entries
        .iter()
        .flat_map(|e| e.transactions())
        .filter_map(|t| t.amount_details.as_ref()?.instructed.as_ref())
        .find(|a| a.amount.currency().code() == "USD")
        .unwrap();
    assert_eq!(fx.amount.to_string(), "3200.00 USD");
    assert_eq!(fx.exchange.as_ref().unwrap().rate.as_str(), "0.666667");
    let summary = s.summary.as_ref().unwrap();
    assert_eq!(
        summary
            .entries
            .as_ref()
            .unwrap()
            .count
            .as_ref()
            .unwrap()
            .as_str(),
        "10"
    );
    assert_eq!(
        summary
            .credit_entries
            .as_ref()
            .unwrap()
            .sum
            .as_ref()
            .unwrap()
            .as_str(),
        "23075"
    );
    let references: Vec<&str> = s
        .entries
        .iter()
        .flat_map(|e| e.transactions())
        .filter_map(|t| t.remittance.as_ref())
        .flat_map(|r| &r.structured)
        .filter_map(|s| s.creditor_reference.as_ref())
        .filter_map(|c| c.reference.as_ref().map(|r| r.as_str()))
        .collect();
    assert!(references.contains(&"3900"), "{references:?}");
    let written = message.to_xml_version(8).unwrap();
    assert!(
        written.contains("<CdtrRefInf>") && written.contains("<Cd>SCOR</Cd>"),
        "{written}"
    );
    assert_no_empty_elements(&written, "FFFS camt.053 written as .08");
}

/// Fails on any element written with no content.
pub fn assert_no_empty_elements(xml: &str, what: &str) {
    fn walk(e: &Element, path: &str, what: &str) {
        let path = format!("{path}/{}", e.name);
        assert!(!e.is_blank(), "{what}: {path} is written empty");
        for c in &e.children {
            walk(c, &path, what);
        }
    }
    walk(&parse(xml).unwrap(), "", what);
}

/// Nothing written is ever an empty element.
#[test]
fn no_empty_elements_are_written() {
    for seed in 0..32 {
        for (definition, document) in crate::build::documents(seed) {
            let xml = Message {
                definition,
                app_hdr: None,
                document,
            }
            .to_xml()
            .unwrap();
            assert_no_empty_elements(&xml, &format!("seed {seed} {definition}"));
        }
    }
}
