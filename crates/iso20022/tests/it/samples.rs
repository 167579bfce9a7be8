//! The real samples in `../shared/fixtures/iso20022/samples` and `samples-amber`: parse, turn
//! into the model, write (in a version this crate writes), validate the output with xmllint,
//! read it back, and compare the model and key fields. Versions without an official XSD in the
//! fixtures (.07, camt.053 .02/.04) are read into the current model and written as the current
//! version; writing them in their own version is refused, and a test documents that.

use crate::{assert_schema_valid, fixture, xmllint_ready};
use iso20022::*;

fn read(rel: &str) -> Option<String> {
    let path = fixture(rel);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if crate::ci() => {
            panic!("CI=true and the sample {} is missing: {e}", path.display())
        }
        Err(e) => {
            crate::skip_notice(&format!(
                "SKIP: sample {} not readable: {e}",
                path.display()
            ));
            None
        }
    }
}

/// Parses `rel`, writes it as `version`, validates, reads back; returns (original, re-read).
fn round_trip(rel: &str, version: u8) -> Option<(Message, Message)> {
    let xml = read(rel)?;
    let original = Message::parse(&xml).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let written = original
        .to_xml_version(version)
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    if xmllint_ready() {
        assert_schema_valid(&written, rel);
    }
    let back = Message::parse(&written).unwrap_or_else(|e| panic!("{rel} re-read: {e}\n{written}"));
    assert_eq!(back.definition.version, version);
    assert_eq!(
        back.document, original.document,
        "{rel}: the model changed in the round trip"
    );
    match (&original.app_hdr, &back.app_hdr) {
        (Some(a), Some(b)) => {
            assert_eq!(
                b.message_definition_id.as_str(),
                back.definition.to_string()
            );
            let mut a = a.clone();
            a.message_definition_id = b.message_definition_id.clone();
            assert_eq!(&a, b, "{rel}: the header changed");
        }
        (None, None) => {}
        _ => panic!("{rel}: header lost or invented"),
    }
    Some((original, back))
}

#[test]
fn prowide_pacs008_v07_reads_and_writes_as_v08() {
    let Some((original, back)) = round_trip("iso20022/samples/prowide_pacs.008.001.07.xml", 8)
    else {
        return;
    };
    assert_eq!(original.definition.to_string(), "pacs.008.001.07");
    let header = original.app_hdr.as_ref().unwrap();
    assert_eq!(header.business_message_id.as_str(), "12312312312");
    assert_eq!(header.possible_duplicate, Some(false));
    let Document::Pacs008(m) = &back.document else {
        panic!("not a pacs.008")
    };
    assert_eq!(m.group_header.message_id.as_str(), "823823423");
    assert_eq!(m.group_header.settlement_method, SettlementMethod::Inda);
    assert_eq!(
        m.group_header
            .instructing_agent
            .as_ref()
            .unwrap()
            .bicfi
            .as_ref()
            .unwrap()
            .as_str(),
        "CITTGB2LPBG"
    );
    let tx = &m.transactions[0];
    assert_eq!(tx.payment_id.end_to_end_id.as_str(), "223423423");
    assert_eq!(tx.interbank_settlement_amount.to_string(), "5000.00 USD");
    assert_eq!(tx.interbank_settlement_amount.minor(), 500_000);
    assert_eq!(tx.charge_bearer, ChargeBearer::Shar);
    assert_eq!(tx.debtor.name.as_ref().unwrap().as_str(), "JOHN DOE");
    assert_eq!(
        tx.debtor.postal_address.as_ref().unwrap().address_type,
        Some(AddressType::Home)
    );
    assert_eq!(
        tx.creditor_agent.bicfi.as_ref().unwrap().as_str(),
        "USTBUS31XXX"
    );
    // The sample's totals do not match its one transaction; reading keeps them and says so.
    let warnings = original.document.warnings();
    assert!(
        warnings.iter().any(|w| w.contains("CtrlSum is 10000")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("TtlIntrBkSttlmAmt is 10000.00 USD")),
        "{warnings:?}"
    );
}

#[test]
fn prowide_pacs009_v07_reads_and_writes_as_v08() {
    let Some((_, back)) = round_trip("iso20022/samples/prowide_pacs.009.001.07.xml", 8) else {
        return;
    };
    let Document::Pacs009(m) = &back.document else {
        panic!("not a pacs.009")
    };
    let tx = &m.transactions[0];
    assert_eq!(tx.interbank_settlement_amount.to_string(), "22423.00 USD");
    assert_eq!(tx.debtor.bicfi.as_ref().unwrap().as_str(), "SSTYPLP1XXX");
    assert_eq!(tx.creditor.bicfi.as_ref().unwrap().as_str(), "HDSBKHPPXXX");
    assert_eq!(
        tx.intermediary_agent1
            .as_ref()
            .unwrap()
            .bicfi
            .as_ref()
            .unwrap()
            .as_str(),
        "RRPLZAJJXXX"
    );
    let member = tx
        .creditor_agent
        .as_ref()
        .unwrap()
        .clearing_system_member
        .as_ref()
        .unwrap();
    assert_eq!(member.member_id.as_str(), "FFFF");
}

#[test]
fn prowide_camt053_v07_reads_and_writes_as_v08() {
    let Some((_, back)) = round_trip("iso20022/samples/prowide_camt.053.001.07.xml", 8) else {
        return;
    };
    let Document::Camt053(m) = &back.document else {
        panic!("not a camt.053")
    };
    let s = &m.statements[0];
    assert!(matches!(&s.account.id, AccountId::Other { id, .. } if id.as_str() == "2345234534"));
    assert_eq!(s.balances.len(), 2);
    assert_eq!(s.balances[0].kind.code(), Some("OPAV"));
    assert_eq!(s.balances[0].amount.to_string(), "234234.00 USD");
}

#[test]
fn aws_pacs002_v12_round_trips_in_v12_and_v10() {
    for version in [12, 10] {
        let Some((original, back)) = round_trip(
            "iso20022/samples/aws_guidance_pacs.002.001.12_ACSC.xml",
            version,
        ) else {
            return;
        };
        assert_eq!(original.definition.to_string(), "pacs.002.001.12");
        let Document::Pacs002(m) = &back.document else {
            panic!("not a pacs.002")
        };
        let tx = &m.transactions[0];
        assert_eq!(tx.status.as_ref().unwrap().as_str(), "ACSC");
        assert_eq!(
            tx.original_end_to_end_id.as_ref().unwrap().as_str(),
            "VA060327/0123"
        );
        assert_eq!(
            tx.original_transaction
                .as_ref()
                .unwrap()
                .interbank_settlement_amount
                .unwrap()
                .to_string(),
            "92406.00 USD"
        );
        assert_eq!(
            m.original_groups[0].original_message_name_id.as_str(),
            "pacs.008.001.08"
        );
    }
}

#[test]
fn amber_camt053_v02_and_v04_read_and_write_as_v08() {
    let Some((original, _)) = round_trip(
        "iso20022/samples-amber/fffs_fi_camt.053.001.02_sample.xml",
        8,
    ) else {
        return;
    };
    let Document::Camt053(m) = &original.document else {
        panic!("not a camt.053")
    };
    let s = &m.statements[0];
    assert!(
        matches!(&s.account.id, AccountId::Iban(iban) if iban.as_str() == "FI7433010001222090")
    );
    assert_eq!(
        s.account
            .servicer
            .as_ref()
            .unwrap()
            .bicfi
            .as_ref()
            .unwrap()
            .as_str(),
        "ESSEFIHX"
    );
    assert!(!s.entries.is_empty());
    assert!(
        s.entries
            .iter()
            .all(|e| e.amount.currency().code() == "EUR")
    );

    let Some((original, _)) = round_trip(
        "iso20022/samples-amber/postfinance_camt.053.001.04_sample.xml",
        8,
    ) else {
        return;
    };
    let Document::Camt053(m) = &original.document else {
        panic!("not a camt.053")
    };
    let s = &m.statements[0];
    assert_eq!(s.entries.len(), 5);
    assert_eq!(s.entries[0].amount.to_string(), "4.50 CHF");
    assert_eq!(s.entries[0].status.code(), Some("BOOK"));
    assert_eq!(s.balances[0].amount.to_string(), "211993.19 CHF");
    assert_eq!(s.electronic_sequence_number, Some(118));
    // OPBD 211993.19 + 4.50 - 77.70 + 1500 + 1537 + 1692.22 = 216649.21, but CLBD is 215112.21:
    // the sample's entries do not explain its closing balance, and the check says so.
    assert_eq!(m.check_balances().len(), 1, "{:?}", m.check_balances());
}

#[test]
fn older_versions_are_not_written_in_their_own_version() {
    let Some(xml) = read("iso20022/samples/prowide_pacs.008.001.07.xml") else {
        return;
    };
    let message = Message::parse(&xml).unwrap();
    let error = message.to_xml().unwrap_err();
    assert!(
        error.reason.contains("pacs.008.001.07 is not written")
            && error.reason.contains("versions .08"),
        "{error}"
    );
}

#[test]
fn other_message_types_are_refused_with_a_clear_error() {
    for (rel, id) in [
        (
            "iso20022/samples-amber/fffs_fi_camt.054.001.02_sample.xml",
            "camt.054.001.02",
        ),
        (
            "iso20022/samples-amber/postfinance_camt.054.001.04_credit_sample.xml",
            "camt.054.001.04",
        ),
        (
            "iso20022/samples-amber/iso_mdr_example_pain.001.001.03.xml",
            "pain.001.001.03",
        ),
    ] {
        let Some(xml) = read(rel) else { return };
        let error = Message::parse(&xml).unwrap_err();
        assert_eq!(error.path, "/Document", "{rel}: {error}");
        assert!(
            error
                .reason
                .contains(&format!("{id} is not a message this crate models")),
            "{rel}: {error}"
        );
    }
}

#[test]
fn the_samples_themselves_validate_where_an_xsd_exists() {
    if !xmllint_ready() {
        return;
    }
    let Some(xml) = read("iso20022/samples/aws_guidance_pacs.002.001.12_ACSC.xml") else {
        return;
    };
    assert_schema_valid(&xml, "AWS pacs.002.001.12 sample");
    let Some(xml) = read("iso20022/samples/prowide_pacs.008.001.07.xml") else {
        return;
    };
    let error = iso20022::xsd::validate(&xml, &iso20022::xsd::xsd_dir()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("no official XSD for head.001.001.01"),
        "{error}"
    );
}
