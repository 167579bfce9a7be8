//! Everything the crate writes is valid against the official XSDs (real xmllint), and reads
//! back to the same model; the JSON form round-trips too.

use crate::build;
use crate::{assert_schema_valid, xmllint_ready};
use iso20022::*;

/// Seeds validated by xmllint (all kinds, header on odd seeds), in one xmllint run per schema.
fn seeds() -> u64 {
    if crate::ci() { 512 } else { 64 }
}

fn message(seed: u64, definition: MsgDef, document: Document) -> Message {
    let app_hdr = (seed % 2 == 1).then(|| build::app_hdr(seed, &definition.to_string()));
    Message {
        definition,
        app_hdr,
        document,
    }
}

#[test]
fn written_messages_read_back_identically() {
    for seed in 0..64 {
        for (definition, document) in build::documents(seed) {
            let message = message(seed, definition, document);
            let xml = message.to_xml().unwrap();
            let back = Message::parse(&xml)
                .unwrap_or_else(|e| panic!("seed {seed} {definition}: {e}\n{xml}"));
            assert_eq!(back, message, "seed {seed} {definition}\n{xml}");
        }
    }
}

#[test]
fn json_form_round_trips() {
    for seed in 0..64 {
        for (definition, document) in build::documents(seed) {
            let message = message(seed, definition, document);
            let json = message.to_json().unwrap();
            let text = serde_json::to_string_pretty(&json).unwrap();
            let back = Message::from_json(serde_json::from_str(&text).unwrap(), None)
                .unwrap_or_else(|e| panic!("seed {seed} {definition}: {e}\n{text}"));
            assert_eq!(back, message, "seed {seed} {definition}");
        }
    }
}

#[test]
fn amounts_in_json_are_decimal_strings_with_currency() {
    let message = Message {
        definition: MsgDef::latest(Kind::Pacs008),
        app_hdr: None,
        document: Document::Pacs008(build::pacs008(3)),
    };
    let json = message.to_json().unwrap();
    let amount = &json["document"]["transactions"][0]["interbank_settlement_amount"];
    assert!(amount["amount"].is_string(), "{amount}");
    assert!(amount["currency"].is_string(), "{amount}");
}

#[test]
fn every_written_message_is_schema_valid() {
    if !xmllint_ready() {
        return;
    }
    let mut written = Vec::new();
    for seed in 0..seeds() {
        for (definition, document) in build::documents(seed) {
            let envelope = if seed % 4 == 3 {
                Envelope::Swift
            } else {
                Envelope::Plain
            };
            let message = message(seed, definition, document);
            let xml = message.to_xml_in(definition.version, envelope).unwrap();
            written.push((format!("seed {seed} {definition} {envelope:?}"), xml));
        }
    }
    let xmls: Vec<&str> = written.iter().map(|(_, x)| x.as_str()).collect();
    let verdicts = iso20022::xsd::validate_batch(&xmls, &iso20022::xsd::xsd_dir()).unwrap();
    assert_eq!(verdicts.len(), written.len());
    for ((what, xml), verdict) in written.iter().zip(&verdicts) {
        assert!(
            verdict.valid,
            "{what}: not valid against {:?}:\n{}\n--- message ---\n{xml}",
            verdict.schemas, verdict.output
        );
    }
}

#[test]
fn batch_validation_gives_each_document_its_own_verdict() {
    if !xmllint_ready() {
        return;
    }
    let good = message(
        1,
        MsgDef::latest(Kind::Pacs008),
        Document::Pacs008(build::pacs008(1)),
    )
    .to_xml()
    .unwrap();
    let bad = good
        .replace("<ChrgBr>", "<ChrgBr>X")
        .replace("</ChrgBr>", "X</ChrgBr>");
    let camt = message(
        2,
        MsgDef::latest(Kind::Camt053),
        Document::Camt053(build::camt053(2)),
    )
    .to_xml()
    .unwrap();
    let verdicts =
        iso20022::xsd::validate_batch(&[&good, &bad, &camt, &good], &iso20022::xsd::xsd_dir())
            .unwrap();
    let valid: Vec<bool> = verdicts.iter().map(|v| v.valid).collect();
    assert_eq!(valid, [true, false, true, true]);
    assert!(
        verdicts[1].output.contains("ChrgBr"),
        "{}",
        verdicts[1].output
    );
    assert!(
        verdicts[0].output.contains("validates"),
        "{}",
        verdicts[0].output
    );
}

#[test]
fn standalone_app_hdr_is_schema_valid_and_reads_back() {
    let header = build::app_hdr(7, "pacs.008.001.08");
    let xml = header.to_xml().unwrap();
    assert_eq!(AppHdr::parse_xml(&xml).unwrap(), header);
    if xmllint_ready() {
        assert_schema_valid(&xml, "AppHdr");
    }
}

#[test]
fn generated_obligation_transfers_and_statement_are_schema_valid() {
    use iso20022::generate::*;
    let obligations: Vec<ObligationTransfer> = (0..5)
        .map(|i| ObligationTransfer {
            id: Text::new(format!("OBL-{i}")).unwrap(),
            debtor: Text::new(format!("Importer {i}")).unwrap(),
            creditor: Text::new("Exporter & Co").unwrap(),
            amount: Amount::new(
                if i % 2 == 0 { money::PKR } else { money::IRR },
                123_456 + i,
            )
            .unwrap(),
            settlement_date: IsoDate::new("2026-11-23").unwrap(),
            debtor_bank: Bicfi::new(if i < 3 { "HABBPKKA" } else { "MELIIRTH" }).unwrap(),
            creditor_bank: Bicfi::new("BTEJIRTH").unwrap(),
        })
        .collect();
    for batch in [false, true] {
        let options = TransferOptions {
            message_id_prefix: "PKIR".into(),
            batch,
            ..TransferOptions::new(IsoDateTime::new("2026-11-22T10:00:00Z").unwrap()).unwrap()
        };
        let messages = pacs008_for_obligations(&obligations, &options).unwrap();
        // Batches group by debtor bank, creditor bank, currency and date: 4 groups.
        assert_eq!(messages.len(), if batch { 4 } else { 5 });
        for m in &messages {
            let xml = m.to_xml().unwrap();
            assert!(
                m.document.warnings().is_empty(),
                "{:?}",
                m.document.warnings()
            );
            assert_eq!(&Message::parse(&xml).unwrap(), m);
            if xmllint_ready() {
                assert_schema_valid(&xml, "generated pacs.008");
            }
        }
        // Deterministic: same input, same output.
        let again = pacs008_for_obligations(&obligations, &options).unwrap();
        assert_eq!(again, messages);
    }
    // A pacs.002 answering the first one.
    let first = pacs008_for_obligations(
        &obligations[..1],
        &TransferOptions {
            message_id_prefix: "M".into(),
            app_hdr: false,
            business_service: None,
            ..TransferOptions::new(IsoDateTime::new("2026-11-22T10:00:00Z").unwrap()).unwrap()
        },
    )
    .unwrap();
    let Document::Pacs008(original) = &first[0].document else {
        unreachable!()
    };
    let report = status_report(
        original,
        first[0].definition,
        Text::new("STS-1").unwrap(),
        IsoDateTime::new("2026-11-22T10:00:05Z").unwrap(),
        "RJCT",
        Some(iso20022::pacs002::StatusReason::iso("AM04", Some("Insufficient funds")).unwrap()),
    )
    .unwrap();
    assert_eq!(
        report.transactions[0].original_uetr,
        original.transactions[0].payment_id.uetr
    );
    let xml = Message {
        definition: MsgDef::latest(Kind::Pacs002),
        app_hdr: None,
        document: Document::Pacs002(report),
    }
    .to_xml()
    .unwrap();
    if xmllint_ready() {
        assert_schema_valid(&xml, "pacs.002 reject");
    }
    // camt.053 from balances and entries.
    let input: iso20022::camt053::StatementInput = serde_json::from_str(
        r#"{
          "message_id": "STMT-20261122", "statement_id": "STMT-1", "created": "2026-11-22T23:59:59Z",
          "account": {"iban": "PK36SCBL0000001123456702"}, "currency": "PKR",
          "account_owner": "Karachi Rice Exporters", "servicer_bic": "SBPPPKKA",
          "from_date": "2026-11-22", "to_date": "2026-11-22",
          "opening_balance": "-100.50", "closing_balance": "1399.50",
          "entries": [
            {"amount": "2000", "credit_debit": "CRDT", "booking_date": "2026-11-22", "end_to_end_id": "OBL-1", "counterparty": "Tabriz Carpets"},
            {"amount": "500.00", "credit_debit": "DBIT", "booking_date": "2026-11-22", "reference": "FEE-1"}
          ]
        }"#,
    )
    .unwrap();
    let statement = iso20022::camt053::statement(&input).unwrap();
    assert!(statement.check_balances().is_empty());
    let xml = Message {
        definition: MsgDef::latest(Kind::Camt053),
        app_hdr: None,
        document: Document::Camt053(statement),
    }
    .to_xml()
    .unwrap();
    assert!(
        xml.contains("<Amt Ccy=\"PKR\">100.50</Amt>")
            && xml.contains("<CdtDbtInd>DBIT</CdtDbtInd>"),
        "{xml}"
    );
    if xmllint_ready() {
        assert_schema_valid(&xml, "camt.053 statement");
    }
    let mut bad = input.clone();
    bad.closing_balance = "1399.49".into();
    let error = iso20022::camt053::statement(&bad).unwrap_err();
    assert_eq!(error.path, "closing_balance");
    assert!(error.reason.contains("difference -0.01"), "{error}");
}

#[test]
fn invalid_xml_gets_a_negative_verdict_naming_the_element() {
    if !xmllint_ready() {
        return;
    }
    let xml = Message {
        definition: MsgDef::latest(Kind::Pacs008),
        app_hdr: None,
        document: Document::Pacs008(build::pacs008(1)),
    }
    .to_xml()
    .unwrap()
    .replace("<ChrgBr>", "<ChrgBr>X")
    .replace("</ChrgBr>", "X</ChrgBr>");
    let verdict = iso20022::xsd::validate(&xml, &iso20022::xsd::xsd_dir()).unwrap();
    assert!(!verdict.valid);
    assert!(verdict.output.contains("ChrgBr"), "{}", verdict.output);
}
