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
fn unknown_optional_elements_are_tolerated_and_reported() {
    let plain = Message::parse(&pacs008_xml()).unwrap();
    let xml = pacs008_xml()
        .replace(
            "<ChrgBr>",
            "<SttlmTmReq><CLSTm>10:00:00</CLSTm></SttlmTmReq><ChrgBr>",
        )
        .replace("</GrpHdr>", "<Future><X>1</X></Future><Empty/></GrpHdr>")
        .replace(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- a comment -->",
        );
    let (message, warnings) = Message::parse_with_warnings(&xml).unwrap();
    assert_eq!(message, plain);
    let listed: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        listed,
        [
            format!(
                "/Document/FIToFICstmrCdtTrf/GrpHdr/Future: {}",
                message::NOT_MODELLED
            ),
            format!(
                "/Document/FIToFICstmrCdtTrf/GrpHdr/Empty: {}",
                message::EMPTY_DROPPED
            ),
            format!("{TX}/SttlmTmReq: {}", message::NOT_MODELLED),
        ]
    );
    // What this crate writes reads back with nothing to report.
    let (_, again) = Message::parse_with_warnings(&message.to_xml().unwrap()).unwrap();
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn every_element_must_be_in_the_document_namespace() {
    // A prefixed Document whose children have no namespace: xmllint refuses it, so do we.
    let xml = "<p:Document xmlns:p=\"urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08\"><FICdtTrf/></p:Document>";
    let e = error_of(xml);
    assert_eq!(e.path, "/Document/FICdtTrf");
    assert!(
        e.reason.contains("in no namespace")
            && e.reason
                .contains("urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08"),
        "{e}"
    );
    // Prefixes are fine when every element carries the right one.
    let prefixed = pacs008_xml()
        .replace("<Document xmlns=", "<p:Document xmlns:p=")
        .replace("</Document>", "</p:Document>");
    let prefixed = prefix_elements(&prefixed, "p");
    assert_eq!(
        Message::parse(&prefixed).unwrap(),
        Message::parse(&pacs008_xml()).unwrap()
    );
    // An element of another namespace inside the Document is refused with its path.
    let xml = pacs008_xml().replace(
        "</GrpHdr>",
        "<Future xmlns=\"urn:example\"><X>1</X></Future></GrpHdr>",
    );
    let e = error_of(&xml);
    assert_eq!(e.path, "/Document/FIToFICstmrCdtTrf/GrpHdr/Future");
    assert!(e.reason.contains("in namespace \"urn:example\""), "{e}");
    // ... except inside the schema's open slot for supplementary data.
    let xml = pacs008_xml().replace(
        "</CdtTrfTxInf>",
        "<SplmtryData><Envlp><Any xmlns=\"urn:example\"><X>1</X></Any></Envlp></SplmtryData></CdtTrfTxInf>",
    );
    let (_, warnings) = Message::parse_with_warnings(&xml).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].path, format!("{TX}/SplmtryData"));
}

/// Puts `prefix:` on every element name that has none (start and end tags).
fn prefix_elements(xml: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        out.push('<');
        let (slash, name_start) = match rest.strip_prefix('/') {
            Some(r) => ("/", r),
            None => ("", rest),
        };
        if name_start.starts_with('?') || name_start.starts_with('!') {
            continue;
        }
        let end = name_start.find(['>', ' ', '/']).unwrap_or(name_start.len());
        let name = &name_start[..end];
        out.push_str(slash);
        if !name.contains(':') {
            out.push_str(prefix);
            out.push(':');
        }
        out.push_str(name);
        rest = &name_start[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn code_lengths_follow_the_schema() {
    // ExternalLocalInstrument1Code: 1 to 35 characters.
    let mut m = build::pacs008(5);
    m.transactions.truncate(1);
    m.group_header.control_sum = None;
    m.group_header.total_interbank_settlement_amount = None;
    m.transactions[0].payment_type = Some(PaymentType {
        local_instrument: Some(CodeOrProprietary::Code(CodeText::new("IN12345").unwrap())),
        ..PaymentType::default()
    });
    let xml = Message {
        definition: MsgDef::latest(Kind::Pacs008),
        app_hdr: None,
        document: Document::Pacs008(m),
    }
    .to_xml()
    .unwrap();
    assert!(xml.contains("<Cd>IN12345</Cd>"), "{xml}");
    Message::parse(&xml).unwrap();
    let long = "X".repeat(35);
    Message::parse(&xml.replace("IN12345", &long)).unwrap();
    let e = error_of(&xml.replace("IN12345", &"X".repeat(36)));
    assert!(e.path.ends_with("/PmtTpInf/LclInstrm/Cd"), "{e}");
    assert!(e.reason.contains("Max35Text allows at most 35"), "{e}");
    // ExternalCategoryPurpose1Code: at most 4.
    let xml = xml.replace(
        "</LclInstrm>",
        "</LclInstrm><CtgyPurp><Cd>CASHX</Cd></CtgyPurp>",
    );
    let e = error_of(&xml);
    assert!(e.path.ends_with("/PmtTpInf/CtgyPurp/Cd"), "{e}");
    assert!(e.reason.contains("at most 4"), "{e}");
}

#[test]
fn historic_currencies_are_refused_with_the_reason() {
    let xml = pacs008_xml().replace(
        "<IntrBkSttlmAmt Ccy=\"PKR\">",
        "<IntrBkSttlmAmt Ccy=\"DEM\">",
    );
    let e = error_of(&xml);
    assert_eq!(e.path, format!("{TX}/IntrBkSttlmAmt/@Ccy"));
    assert!(
        e.reason.contains("only current ISO 4217 currencies")
            && e.reason.contains("historic codes are refused"),
        "{e}"
    );
}

#[test]
fn trailing_zeros_beyond_the_currency_decimals_are_refused() {
    let xml = pacs008_xml().replace(">1234.50</IntrBkSttlmAmt>", ">1234.500</IntrBkSttlmAmt>");
    let e = error_of(&xml);
    assert_eq!(e.path, format!("{TX}/IntrBkSttlmAmt"));
    assert!(e.reason.contains("too many decimals"), "{e}");
}

#[test]
fn required_groups_with_nothing_in_them_are_refused() {
    let xml = pacs008_xml();
    let start = xml.find("<DbtrAgt>").unwrap();
    let end = xml.find("</DbtrAgt>").unwrap() + "</DbtrAgt>".len();
    let xml = format!(
        "{}<DbtrAgt><FinInstnId/></DbtrAgt>{}",
        &xml[..start],
        &xml[end..]
    );
    let e = error_of(&xml);
    assert_eq!(e.path, format!("{TX}/DbtrAgt"));
    assert!(e.reason.contains("no content this crate reads"), "{e}");
}

#[test]
fn swift_envelope_is_read_validated_and_written() {
    let header = build::app_hdr(3, "pacs.008.001.08");
    let body = pacs008_xml().replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "");
    let xml = format!(
        "<Envelope xmlns=\"urn:swift:xsd:envelope\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">{}{}</Envelope>",
        header
            .to_xml()
            .unwrap()
            .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", ""),
        body
    );
    let (message, warnings) = Message::parse_with_warnings(&xml).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(message.app_hdr, Some(header));
    let written = message.to_xml_in(8, Envelope::Swift).unwrap();
    assert!(
        written.contains("<Envelope xmlns=\"urn:swift:xsd:envelope\">"),
        "{written}"
    );
    assert_eq!(Message::parse(&written).unwrap(), message);
    if crate::xmllint_ready() {
        crate::assert_schema_valid(&xml, "SWIFT envelope as received");
        crate::assert_schema_valid(&written, "SWIFT envelope as written");
    }
    // Any other namespace on the root is refused.
    let e = error_of(&xml.replace("urn:swift:xsd:envelope", "urn:example:envelope"));
    assert_eq!(e.path, "/Envelope");
    assert!(e.reason.contains("urn:swift:xsd:envelope"), "{e}");
    // A SWIFT envelope needs a header.
    let bare = Message {
        app_hdr: None,
        ..message
    };
    let e = bare.to_xml_in(8, Envelope::Swift).unwrap_err();
    assert_eq!(e.path, "app_hdr");
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
            .unwrap()
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
            .unwrap()
            .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", ""),
        body
    );
    assert_eq!(Message::parse(&xml).unwrap().app_hdr, Some(header));
}

#[test]
fn json_input_is_checked_like_xml_and_errors_name_the_json_path() {
    let message = Message::parse(&pacs008_xml()).unwrap();
    let mut json = message.to_json().unwrap();
    json["document"]["transactions"][0]["interbank_settlement_amount"]["amount"] = "1.001".into();
    let e = Message::from_json(json, None).unwrap_err();
    assert_eq!(
        e.path,
        "document.transactions[0].interbank_settlement_amount"
    );
    assert!(e.reason.contains("too many decimals"), "{e}");
    let mut json = message.to_json().unwrap();
    json["document"]["transactions"][0]["debtor_agent"]["bicfi"] = "nope".into();
    let e = Message::from_json(json, None).unwrap_err();
    assert_eq!(e.path, "document.transactions[0].debtor_agent.bicfi");
    assert!(e.reason.contains("not a BICFI"), "{e}");
    let mut json = message.to_json().unwrap();
    json["document"]["transactions"][0]["debtor_agent"]["lei"] = "5493001KJTIIGC8Y1R13".into();
    let e = Message::from_json(json, None).unwrap_err();
    assert_eq!(e.path, "document.transactions[0].debtor_agent.lei");
    assert!(e.reason.contains("fails the mod-97 check"), "{e}");
    let mut json = message.to_json().unwrap();
    json["document"]["group_header"]["unknown_field"] = 1.into();
    let e = Message::from_json(json, None).unwrap_err();
    assert_eq!(e.path, "document.group_header.unknown_field");
    assert!(e.reason.contains("unknown field"), "{e}");
    // An empty object would be an empty element: refused with its path.
    let mut json = message.to_json().unwrap();
    json["document"]["transactions"][0]["debtor"]["postal_address"] = serde_json::json!({});
    let e = Message::from_json(json, None).unwrap_err();
    assert_eq!(e.path, "document.transactions[0].debtor.postal_address");
    assert!(e.reason.contains("empty object"), "{e}");
    let mut json = message.to_json().unwrap();
    json["document"]["transactions"] = serde_json::json!([]);
    let e = Message::from_json(json, None).unwrap_err();
    assert_eq!(e.path, "document.transactions");
    assert!(e.reason.contains("at least one"), "{e}");
    // Control sums are normalised; one that cannot fit the schema is refused with its path.
    let mut json = message.to_json().unwrap();
    json["document"]["group_header"]["control_sum"] = "5000.000000000000000000000".into();
    let read = Message::from_json(json, None).unwrap();
    let Document::Pacs008(m) = &read.document else {
        unreachable!()
    };
    assert_eq!(
        m.group_header.control_sum.as_ref().unwrap().as_str(),
        "5000"
    );
    let mut json = message.to_json().unwrap();
    json["document"]["group_header"]["control_sum"] = "0.123456789012345678".into();
    let e = Message::from_json(json, None).unwrap_err();
    assert_eq!(e.path, "document.group_header.control_sum");
    assert!(e.reason.contains("at most 17 are allowed"), "{e}");
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

#[test]
fn values_the_model_cannot_hold_are_reported_not_lost() {
    // A proprietary address type (GenericIdentification30) and a person identified only by
    // date and place of birth: not modelled, so reported with their paths.
    let xml = pacs008_xml();
    let start = xml.find("<Dbtr>").unwrap();
    let end = xml.find("</Dbtr>").unwrap() + "</Dbtr>".len();
    let xml = format!(
        "{}<Dbtr><PstlAdr><AdrTp><Prtry><Id>ABCD</Id><Issr>X</Issr></Prtry></AdrTp><TwnNm>Karachi</TwnNm></PstlAdr><Id><PrvtId><DtAndPlcOfBirth><BirthDt>1970-01-01</BirthDt><CityOfBirth>Lahore</CityOfBirth><CtryOfBirth>PK</CtryOfBirth></DtAndPlcOfBirth></PrvtId></Id></Dbtr>{}",
        &xml[..start],
        &xml[end..]
    );
    let (message, warnings) = match Message::parse_with_warnings(&xml) {
        Ok(read) => read,
        Err(e) => panic!("{e}\n{xml}"),
    };
    let paths: Vec<&str> = warnings.iter().map(|w| w.path.as_str()).collect();
    assert!(
        paths.contains(&format!("{TX}/Dbtr/PstlAdr/AdrTp").as_str()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&format!("{TX}/Dbtr/Id").as_str()),
        "{paths:?}"
    );
    let Document::Pacs008(m) = &message.document else {
        unreachable!()
    };
    let address = m.transactions[0].debtor.postal_address.as_ref().unwrap();
    assert_eq!(address.address_type, None);
    assert_eq!(address.town_name.as_ref().unwrap().as_str(), "Karachi");
}

#[test]
fn stray_text_and_prefixed_attributes_are_reported_not_dropped_silently() {
    let xml = pacs008_xml()
        .replace("<GrpHdr>", "<GrpHdr>stray words")
        .replace(
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">",
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08 pacs.008.001.08.xsd\">",
        )
        .replace("<ChrgBr>", "<ChrgBr xsi:nil=\"false\" xml:lang=\"en\">");
    let (message, warnings) = Message::parse_with_warnings(&xml).unwrap();
    assert_eq!(message, Message::parse(&pacs008_xml()).unwrap());
    let listed: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    // The schema location hint is for validators: not reported. Everything else is.
    assert_eq!(
        listed,
        [
            format!(
                "/Document/FIToFICstmrCdtTrf/GrpHdr/text(): {}",
                message::TEXT_DROPPED
            ),
            format!("{TX}/ChrgBr/@xsi:nil: {}", message::NOT_MODELLED),
            format!("{TX}/ChrgBr/@xml:lang: {}", message::NOT_MODELLED),
        ]
    );
    // Blanks between elements are not text.
    let spaced = pacs008_xml().replace("<GrpHdr>", "<GrpHdr>\n \t ");
    assert!(Message::parse_with_warnings(&spaced).unwrap().1.is_empty());
}

#[test]
fn attribute_and_namespace_floods_are_refused() {
    let attributes: String = (0..xml::MAX_ATTRIBUTES + 1)
        .map(|i| format!(" a{i}=\"x\""))
        .collect();
    let xml = pacs008_xml().replace("<GrpHdr>", &format!("<GrpHdr{attributes}>"));
    let e = error_of(&xml);
    assert_eq!(e.path, "/Document/FIToFICstmrCdtTrf/GrpHdr");
    assert!(e.reason.contains("more than 64 attributes"), "{e}");
    // Namespace declarations in scope (each one makes resolving a name slower): 8 levels of 9.
    let declarations: String = (0..8)
        .map(|level| {
            let attributes: String = (0..9)
                .map(|i| format!(" xmlns:p{level}x{i}=\"urn:x:{i}\""))
                .collect();
            format!("<E{attributes}>")
        })
        .collect();
    let deep = format!(
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">{declarations}"
    );
    let e = error_of(&deep);
    assert_eq!(e.reason, "more than 64 namespace declarations in scope");
    assert!(e.path.starts_with("/Document/E/E/E/E/E/E/E"), "{e}");
}

#[test]
fn a_document_in_the_header_namespace_is_refused_plainly() {
    let xml = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:head.001.001.02\"><Fr/></Document>";
    let e = error_of(xml);
    assert_eq!(e.path, "/Document");
    assert!(
        e.reason
            .contains("head.001 is the business application header, written as <AppHdr>"),
        "{e}"
    );
}

#[test]
fn an_envelope_holds_only_the_header_and_the_document() {
    let header = build::app_hdr(3, "pacs.008.001.08");
    let message = Message {
        app_hdr: Some(header),
        ..Message::parse(&pacs008_xml()).unwrap()
    };
    let xml = message
        .to_xml()
        .unwrap()
        .replace("<message>", "<message><Foo>bar</Foo>");
    let e = error_of(&xml);
    assert_eq!(e.path, "/message/Foo");
    assert!(e.reason.contains("only an AppHdr and a Document"), "{e}");
    if crate::xmllint_ready() {
        let verdict = xsd::validate(&xml, &xsd::xsd_dir()).unwrap();
        assert!(!verdict.valid);
        assert!(
            verdict
                .output
                .contains("/message/Foo: an envelope holds only"),
            "{}",
            verdict.output
        );
    }
}

#[test]
fn consistency_warnings_name_paths_as_drop_warnings_do() {
    let mut message = Message::parse(&pacs008_xml()).unwrap();
    let Document::Pacs008(m) = &mut message.document else {
        unreachable!()
    };
    m.group_header.control_sum = Some(DecimalNumber::new("1").unwrap());
    message.app_hdr = Some(build::app_hdr(3, "pacs.008.001.08"));
    let xml = message
        .to_xml()
        .unwrap()
        .replace("</GrpHdr>", "<Future>1</Future></GrpHdr>");
    let report = Message::parse_report(&xml).unwrap();
    assert_eq!(
        report.dropped[0].path,
        "/message/Document/FIToFICstmrCdtTrf/GrpHdr/Future"
    );
    assert_eq!(report.checks.len(), 1, "{:?}", report.checks);
    assert!(
        report.checks[0].starts_with("/message/Document/FIToFICstmrCdtTrf/GrpHdr/CtrlSum is 1 but"),
        "{:?}",
        report.checks
    );
    // A bare Document: /Document/..., as Document::warnings says.
    let bare = Message {
        app_hdr: None,
        ..message
    };
    let report = Message::parse_report(&bare.to_xml().unwrap()).unwrap();
    assert_eq!(report.checks, bare.document.warnings());
    assert!(report.checks[0].starts_with("/Document/FIToFICstmrCdtTrf/GrpHdr/CtrlSum"));
}

#[test]
fn a_json_currency_error_names_the_currency_field() {
    let message = Message::parse(&pacs008_xml()).unwrap();
    let mut json = message.to_json().unwrap();
    json["document"]["transactions"][0]["interbank_settlement_amount"]["currency"] = "PKX".into();
    let e = Message::from_json(json, None).unwrap_err();
    assert_eq!(
        e.path,
        "document.transactions[0].interbank_settlement_amount.currency"
    );
    assert!(e.reason.contains("unknown currency"), "{e}");
}
