//! Every pass of the reader is linear in its input. Measured in work, not time: the reader
//! counts its steps ([`iso20022::xml::steps`]: elements read, children visited by each pass
//! over the tree, children looked at by each search), and the tests compare the count for N and
//! 4N (about 4 when linear, about 16 when a pass is quadratic). Timings are `corridor bench
//! iso20022`'s job.

use iso20022::camt053::{StatementInput, statement};
use iso20022::generate::{ObligationTransfer, TransferOptions, pacs008_for_obligations};
use iso20022::*;

/// The reader's steps on this thread while `f` runs.
fn steps_of<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let before = xml::steps();
    let out = f();
    (xml::steps() - before, out)
}

/// A generated pacs.008 (one transaction) with `n` empty `<Foo/>` siblings in the transaction:
/// the shape that made the reader quadratic (every sibling counted its namesakes).
pub fn hostile(n: usize) -> String {
    let obligation = ObligationTransfer {
        id: Text::new("OBL-1").unwrap(),
        debtor: Text::new("Karachi Rice Exporters").unwrap(),
        creditor: Text::new("Tabriz Carpets").unwrap(),
        amount: Amount::new(money::PKR, 1_000_000).unwrap(),
        settlement_date: IsoDate::new("2026-11-23").unwrap(),
        debtor_bank: Bicfi::new("HABBPKKA").unwrap(),
        creditor_bank: Bicfi::new("MELIIRTH").unwrap(),
    };
    let options = TransferOptions::new(IsoDateTime::new("2026-11-22T10:00:00Z").unwrap()).unwrap();
    let xml = pacs008_for_obligations(&[obligation], &options).unwrap()[0]
        .to_xml()
        .unwrap();
    let at = xml.find("</CdtTrfTxInf>").unwrap();
    format!("{}{}{}", &xml[..at], "<Foo/>".repeat(n), &xml[at..])
}

/// A statement of `n` booked entries with references, counterparties, UETRs and remittance
/// lines (about 1 KB each when written).
pub fn statement_input(n: usize) -> StatementInput {
    let mut entries = Vec::with_capacity(n);
    let mut net: i128 = 0;
    for i in 0..n {
        let credit = i % 3 != 0;
        let minor = 10_000 + (i as i128 % 977) * 131;
        net += if credit { minor } else { -minor };
        entries.push(serde_json::json!({
            "amount": money::format_minor(minor, money::PKR).unwrap(),
            "credit_debit": if credit { "CRDT" } else { "DBIT" },
            "booking_date": "2026-11-22",
            "reference": format!("REF-{i:08}"),
            "end_to_end_id": format!("OBL-{i:08}"),
            "uetr": Uetr::from_seed(format!("entry {i}").as_bytes()).as_str(),
            "counterparty": format!("Counterparty {} Trading (Pvt) Ltd", i % 500),
            "remittance": format!("Invoice INV-{i:08}"),
        }));
    }
    let opening: i128 = 50_000_000;
    let json = serde_json::json!({
        "message_id": "STMT-20261122", "statement_id": "STMT-1",
        "created": "2026-11-22T23:59:59Z",
        "account": {"iban": "PK36SCBL0000001123456702"}, "currency": "PKR",
        "from_date": "2026-11-22", "to_date": "2026-11-22",
        "opening_balance": money::format_minor(opening, money::PKR).unwrap(),
        "closing_balance": money::format_minor(opening + net, money::PKR).unwrap(),
        "entries": entries,
    });
    StatementInput::from_json(&json.to_string()).unwrap()
}

fn camt053_xml(n: usize) -> String {
    Message {
        definition: MsgDef::latest(Kind::Camt053),
        app_hdr: None,
        document: Document::Camt053(statement(&statement_input(n)).unwrap()),
    }
    .to_xml()
    .unwrap()
}

#[test]
fn many_siblings_are_read_in_linear_work() {
    let n = 20_000;
    let (small, (_, dropped)) = steps_of(|| Message::parse_with_warnings(&hostile(n)).unwrap());
    assert_eq!(dropped.len(), n);
    let xml = hostile(4 * n);
    assert!(xml.len() > 480_000, "{}", xml.len());
    let (large, (message, dropped)) = steps_of(|| Message::parse_with_warnings(&xml).unwrap());
    assert_eq!(dropped.len(), 4 * n);
    assert_eq!(
        dropped[4 * n - 1].path,
        format!(
            "/message/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Foo[{}]",
            4 * n
        )
    );
    assert_eq!(message.document.kind(), Kind::Pacs008);
    let ratio = large as f64 / small as f64;
    assert!(
        ratio < 4.5,
        "4x the siblings took {ratio:.1}x the work ({small} then {large} steps): a pass is not linear"
    );
    // And the work per sibling is a small constant: the passes over the tree plus the
    // readers' searches of the transaction's children (a few dozen element names).
    assert!(
        large < 100 * 4 * n as u64,
        "{large} steps for {} siblings",
        4 * n
    );
}

#[test]
fn a_large_statement_is_read_in_linear_work() {
    // 20,000 entries with CI=true (about 20 MB); 8,000 otherwise, to keep the debug run short.
    let n = if crate::ci() { 20_000 } else { 8_000 };
    let small_xml = camt053_xml(n / 4);
    let large_xml = camt053_xml(n);
    assert!(large_xml.len() > n * 900, "{} bytes", large_xml.len());
    let (small, report) = steps_of(|| Message::parse_report(&small_xml).unwrap());
    assert!(report.dropped.is_empty() && report.checks.is_empty());
    let (large, report) = steps_of(|| Message::parse_report(&large_xml).unwrap());
    assert!(
        report.dropped.is_empty() && report.checks.is_empty(),
        "{:?} {:?}",
        report.dropped.first(),
        report.checks
    );
    let Document::Camt053(camt) = &report.message.document else {
        panic!("not a camt.053")
    };
    assert_eq!(camt.statements[0].entries.len(), n);
    let ratio = large as f64 / small as f64;
    assert!(
        ratio < 4.5,
        "4x the entries took {ratio:.1}x the work ({small} then {large} steps): a pass is not linear"
    );
    // The JSON form is built from the model: no pass over the tree.
    let (json_steps, json) = steps_of(|| report.message.to_json().unwrap());
    assert_eq!(json_steps, 0);
    assert_eq!(Message::from_json(json, None).unwrap(), report.message);
}
