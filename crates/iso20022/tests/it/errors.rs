//! Errors name the element path and the reason; unknown elements are tolerated.

use crate::build;
use iso20022::*;

fn pacs008_xml() -> String {
    let mut m = build::pacs008(5);
    m.transactions.truncate(1);
    m.transactions[0].interbank_settlement_amount = Amount::parse("1234.50", "PKR").unwrap();
    m.transactions[0].payment_id.end_to_end_id = Text::new("E2E-1").unwrap();
    m.transactions[0].debtor_agent = Agent::bic(Bicfi::new("HABBPKKA").unwrap());
    m.group_header.control_sum = None;
    m.group_header.total_interbank_settlement_amount = None;
    Message {
        definition: MsgDef::latest(Kind::Pacs008),
        app_hdr: None,
        document: Document::Pacs008(m),
    }
    .to_xml()
    .unwrap()
}

fn error_of(xml: &str) -> Error {
    Message::parse(xml).expect_err("should be refused")
}

const TX: &str = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]";

#[test]
fn amount_precision_is_refused_with_the_element_path() {
    let xml = pacs008_xml().replace(">1234.50</IntrBkSttlmAmt>", ">1234.505</IntrBkSttlmAmt>");
    let e = error_of(&xml);
    assert_eq!(e.path, format!("{TX}/IntrBkSttlmAmt"));
    assert!(
        e.reason.contains("too many decimals: PKR allows at most 2"),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{TX}/IntrBkSttlmAmt: amount \"1234.505\" has too many decimals: PKR allows at most 2"
        )
    );
}

#[test]
fn currency_is_checked() {
    let xml = pacs008_xml().replace(
        "<IntrBkSttlmAmt Ccy=\"PKR\">",
        "<IntrBkSttlmAmt Ccy=\"PKX\">",
    );
    let e = error_of(&xml);
    assert_eq!(e.path, format!("{TX}/IntrBkSttlmAmt/@Ccy"));
    assert!(e.reason.contains("unknown currency"), "{e}");
    let xml = pacs008_xml().replace("<IntrBkSttlmAmt Ccy=\"PKR\">", "<IntrBkSttlmAmt>");
    assert_eq!(error_of(&xml).path, format!("{TX}/IntrBkSttlmAmt/@Ccy"));
}

#[test]
fn required_elements_are_required() {
    let xml = pacs008_xml().replace("<EndToEndId>E2E-1</EndToEndId>", "");
    let e = error_of(&xml);
    assert_eq!(e.path, format!("{TX}/PmtId/EndToEndId"));
    assert_eq!(e.reason, "required element is missing");
}

#[test]
fn identifiers_follow_their_patterns() {
    let xml = pacs008_xml().replacen("<BICFI>HABBPKKA</BICFI>", "<BICFI>HABB-PKKA</BICFI>", 1);
    let e = error_of(&xml);
    assert!(e.path.ends_with("/FinInstnId/BICFI"), "{e}");
    assert!(e.reason.contains("not a BICFI"), "{e}");
}

#[test]
fn number_of_transactions_must_match() {
    let xml = pacs008_xml().replace("<NbOfTxs>1</NbOfTxs>", "<NbOfTxs>2</NbOfTxs>");
    let e = error_of(&xml);
    assert_eq!(e.path, "/Document/FIToFICstmrCdtTrf/GrpHdr/NbOfTxs");
    assert!(e.reason.contains("says 2 but the message has 1"), "{e}");
}

#[test]
fn unknown_optional_elements_are_tolerated() {
    let plain = Message::parse(&pacs008_xml()).unwrap();
    let xml = pacs008_xml()
        .replace(
            "<ChrgBr>",
            "<SttlmTmReq><CLSTm>10:00:00</CLSTm></SttlmTmReq><ChrgBr>",
        )
        .replace(
            "</GrpHdr>",
            "<Future xmlns=\"urn:example\"><X>1</X></Future></GrpHdr>",
        )
        .replace(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- a comment -->",
        );
    assert_eq!(Message::parse(&xml).unwrap(), plain);
}

#[test]
fn a_single_element_may_not_repeat() {
    let xml = pacs008_xml().replace("<ChrgBr>", "<ChrgBr>SHAR</ChrgBr><ChrgBr>");
    let e = error_of(&xml);
    assert_eq!(e.path, format!("{TX}/ChrgBr"));
    assert!(e.reason.contains("more than once"), "{e}");
}

#[test]
fn codes_are_checked() {
    let xml = pacs008_xml()
        .replace("<SttlmMtd>", "<SttlmMtd>X")
        .replace("</SttlmMtd>", "X</SttlmMtd>");
    let e = error_of(&xml);
    assert_eq!(
        e.path,
        "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/SttlmMtd"
    );
    assert!(e.reason.contains("one of INDA, INGA, COVE, CLRG"), "{e}");
}

#[test]
fn malformed_xml_and_dtds_are_refused() {
    let e = error_of(
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>",
    );
    assert!(e.reason.contains("ends inside"), "{e}");
    let e = error_of("<!DOCTYPE d [<!ENTITY a \"aaaa\">]><Document/>");
    assert!(e.reason.contains("DOCTYPE"), "{e}");
    let e = error_of("<a><b></a>");
    assert!(e.reason.contains("not well-formed"), "{e}");
    let e = error_of("");
    assert!(e.reason.contains("no root element"), "{e}");
    let e = error_of("<Document><x>&foo;</x></Document>");
    assert_eq!(
        e.to_string(),
        "/Document/x: unknown entity &foo; (no DTD is processed)"
    );
    let e = error_of("<Document><x>&#1;</x></Document>");
    assert!(e.reason.contains("U+0001"), "{e}");
    let e = error_of("<Document/>");
    assert!(
        e.path == "/Document" && e.reason.contains("namespace"),
        "{e}"
    );
}

#[test]
fn unsupported_versions_and_namespaces() {
    let xml = pacs008_xml().replace("pacs.008.001.08", "pacs.008.001.05");
    let e = error_of(&xml);
    assert_eq!(e.path, "/Document");
    assert!(e.reason.contains("pacs.008.001.05 is not supported"), "{e}");
    let xml = pacs008_xml().replace(
        "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08",
        "urn:example",
    );
    assert!(error_of(&xml).reason.contains("not an ISO 20022 namespace"));
}

#[test]
fn header_must_name_the_document() {
    let header = build::app_hdr(3, "pacs.009.001.08");
    let body = pacs008_xml().replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "");
    let xml = format!(
        "<Envelope>{}{}</Envelope>",
        header
            .to_xml()
            .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", ""),
        body
    );
    let e = error_of(&xml);
    assert_eq!(e.path, "/Envelope/AppHdr/MsgDefIdr");
    assert!(
        e.reason
            .contains("names pacs.009.001.08 but the Document is pacs.008.001.08"),
        "{e}"
    );
    let header = build::app_hdr(3, "pacs.008.001.08");
    let xml = format!(
        "<Envelope>{}{}</Envelope>",
        header
            .to_xml()
            .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", ""),
        body
    );
    assert_eq!(Message::parse(&xml).unwrap().app_hdr, Some(header));
}

#[test]
fn json_input_is_checked_like_xml() {
    let message = Message::parse(&pacs008_xml()).unwrap();
    let mut json = message.to_json().unwrap();
    json["document"]["transactions"][0]["interbank_settlement_amount"]["amount"] = "1.001".into();
    let e = Message::from_json(json, None).unwrap_err();
    assert!(e.reason.contains("too many decimals"), "{e}");
    let mut json = message.to_json().unwrap();
    json["document"]["transactions"][0]["debtor_agent"]["bicfi"] = "nope".into();
    assert!(
        Message::from_json(json, None)
            .unwrap_err()
            .reason
            .contains("not a BICFI")
    );
    let mut json = message.to_json().unwrap();
    json["document"]["group_header"]["unknown_field"] = 1.into();
    assert!(
        Message::from_json(json, None)
            .unwrap_err()
            .reason
            .contains("unknown field")
    );
    let json = message.to_json().unwrap();
    let e = Message::from_json(json.clone(), Some(MsgDef::latest(Kind::Camt053))).unwrap_err();
    assert!(e.reason.contains("camt.053 was asked for"), "{e}");
    // A bare document with --type.
    let bare = json["document"].clone();
    assert_eq!(
        Message::from_json(bare, Some(MsgDef::latest(Kind::Pacs008))).unwrap(),
        message
    );
}
