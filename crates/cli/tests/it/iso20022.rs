//! `corridor iso20022` end to end: validate names type, version and verdict (non-zero when
//! invalid); to-json and from-json round-trip; the generators write schema-valid messages.

use std::path::PathBuf;
use std::process::Command;

fn corridor(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(args)
        .output()
        .unwrap()
}

fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn sample(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/iso20022")
        .join(rel)
}

/// xmllint present? Under CI=true it must be; elsewhere the schema checks are skipped.
fn xmllint() -> bool {
    let ok = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true and xmllint is not installed (apt-get install libxml2-utils)"
        );
        // Straight to stderr, so the test harness does not hide the notice.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIP: xmllint not installed; schema verdicts not checked (apt-get install libxml2-utils)"
        );
    }
    ok && sample("xsd/pacs.008.001.08.xsd").is_file()
}

#[test]
fn validate_names_type_version_and_verdict() {
    if !xmllint() {
        return;
    }
    let good = sample("samples/aws_guidance_pacs.002.001.12_ACSC.xml");
    let output = corridor(&["iso20022", "validate", good.to_str().unwrap()]);
    let out = text(&output);
    assert!(output.status.success(), "{out}");
    assert!(
        out.contains("message: pacs.002.001.12 (FI-to-FI payment status report)"),
        "{out}"
    );
    assert!(
        out.contains("schema: valid against pacs.002.001.12"),
        "{out}"
    );
    // What the model leaves out is listed with its path.
    assert!(
        out.contains(
            "warning: /Document/FIToFIPmtStsRpt/TxInfAndSts[1]/OrgnlTxRef/ReqdColltnDt: not in the model"
        ) && out.contains("warning: /Document/FIToFIPmtStsRpt/TxInfAndSts[1]/OrgnlTxRef/MndtRltdInf"),
        "{out}"
    );
    let output = corridor(&["iso20022", "to-json", good.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr
            .contains("warning: /Document/FIToFIPmtStsRpt/TxInfAndSts[1]/OrgnlTxRef/ReqdColltnDt"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["document"]["transactions"][0]["original_transaction"]["debtor"]["party"]["name"],
        "AMERICAN BEACON FUNDS - American Beacon SIM High Yield Opportunities Fund"
    );

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xml");
    let xml = std::fs::read_to_string(&good)
        .unwrap()
        .replace("<TxSts>ACSC</TxSts>", "<TxSts>TOOLONG</TxSts>");
    std::fs::write(&bad, xml).unwrap();
    let output = corridor(&["iso20022", "validate", bad.to_str().unwrap()]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains("schema: INVALID") && out.contains("TxSts"),
        "{out}"
    );
    assert!(
        out.contains("model: refused: /Document/FIToFIPmtStsRpt/TxInfAndSts[1]/TxSts"),
        "{out}"
    );

    // A .07 sample: read, but no official XSD to check it against: exit 2 and say why.
    let old = sample("samples/prowide_pacs.008.001.07.xml");
    let output = corridor(&["iso20022", "validate", old.to_str().unwrap()]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(
        out.contains("message: pacs.008.001.07")
            && out.contains("no official XSD for head.001.001.01"),
        "{out}"
    );
}

#[test]
fn json_round_trip_and_generators() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("obligations.csv");
    std::fs::write(
        &csv,
        "id,debtor,creditor,amount,currency,due_date,debtor_bank,creditor_bank\n\
         OBL-1,Karachi Rice Exporters,Tabriz Carpets,12345050,PKR,2026-11-23,HABBPKKA,MELIIRTH\n\
         OBL-2,Tabriz Carpets,Karachi Rice Exporters,99000000000,IRR,,MELIIRTH,HABBPKKA\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let mut args = vec![
        "iso20022",
        "gen-pacs008",
        csv.to_str().unwrap(),
        "--out-dir",
        out_dir.to_str().unwrap(),
        "--created",
        "2026-11-22T10:00:00Z",
        "--settlement-date",
        "2026-11-24",
    ];
    let check = xmllint();
    if check {
        args.push("--validate");
    }
    let output = corridor(&args);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("wrote 2 pacs.008.001.08 message(s) for 2 obligation(s)"));
    // Message ids: prefix, creation time, number.
    let first = out_dir.join("CORRIDOR-20261122100000-1.xml");
    let xml = std::fs::read_to_string(&first).unwrap();
    assert!(
        xml.contains("<MsgId>CORRIDOR-20261122100000-1</MsgId>")
            && xml.contains("<SttlmMtd>CLRG</SttlmMtd>")
            && xml.contains("<BizSvc>corridor.clearing.01</BizSvc>"),
        "{xml}"
    );
    assert!(
        xml.contains("<IntrBkSttlmAmt Ccy=\"PKR\">123450.50</IntrBkSttlmAmt>"),
        "{xml}"
    );
    assert!(
        xml.contains("<IntrBkSttlmDt>2026-11-23</IntrBkSttlmDt>"),
        "{xml}"
    );
    assert!(xml.contains("<UETR>"), "{xml}");
    if check {
        let output = corridor(&["iso20022", "validate", first.to_str().unwrap()]);
        assert!(output.status.success(), "{}", text(&output));
    }

    // to-json, then from-json gives the same XML back.
    let json = dir.path().join("m.json");
    let output = corridor(&[
        "iso20022",
        "to-json",
        first.to_str().unwrap(),
        "--out",
        json.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["message"], "pacs.008.001.08");
    assert_eq!(
        value["document"]["transactions"][0]["interbank_settlement_amount"],
        serde_json::json!({"amount": "123450.50", "currency": "PKR"})
    );
    let back = dir.path().join("back.xml");
    let output = corridor(&[
        "iso20022",
        "from-json",
        json.to_str().unwrap(),
        "--type",
        "pacs.008",
        "--out",
        back.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(std::fs::read_to_string(&back).unwrap(), xml);

    // A bare document with --type; a bad amount is refused with its JSON path.
    let bare = dir.path().join("bare.json");
    let mut document = value["document"].clone();
    std::fs::write(&bare, document.to_string()).unwrap();
    let output = corridor(&[
        "iso20022",
        "from-json",
        bare.to_str().unwrap(),
        "--type",
        "pacs.008.001.08",
    ]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("<?xml"));
    document["transactions"][0]["interbank_settlement_amount"]["amount"] = "1.001".into();
    std::fs::write(&bare, document.to_string()).unwrap();
    let output = corridor(&[
        "iso20022",
        "from-json",
        bare.to_str().unwrap(),
        "--type",
        "pacs.008",
    ]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains(
            "transactions[0].interbank_settlement_amount: amount \"1.001\" has too many decimals: PKR allows at most 2"
        ),
        "{}",
        text(&output)
    );

    // A real .07 sample: to-json, then from-json writes the newest version it writes (.08),
    // says so, and the result is schema-valid.
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/iso20022/samples/prowide_pacs.008.001.07.xml");
    if sample.exists() {
        let json07 = dir.path().join("p07.json");
        let output = corridor(&[
            "iso20022",
            "to-json",
            sample.to_str().unwrap(),
            "--out",
            json07.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", text(&output));
        let xml08 = dir.path().join("p08.xml");
        let output = corridor(&[
            "iso20022",
            "from-json",
            json07.to_str().unwrap(),
            "--type",
            "pacs.008",
            "--out",
            xml08.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", text(&output));
        assert!(
            text(&output).contains("writing version 08"),
            "{}",
            text(&output)
        );
        assert!(
            std::fs::read_to_string(&xml08)
                .unwrap()
                .contains("pacs.008.001.08")
        );
    }

    // Same input, same output; another creation time gives other message ids and UETRs.
    let again_dir = dir.path().join("again");
    let mut again = args.clone();
    again[4] = again_dir.to_str().unwrap();
    let output = corridor(&again);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(
        std::fs::read_to_string(again_dir.join("CORRIDOR-20261122100000-1.xml")).unwrap(),
        xml
    );
    let later_dir = dir.path().join("later");
    let mut later = args.clone();
    later[4] = later_dir.to_str().unwrap();
    later[6] = "2026-11-22T10:00:01Z";
    let output = corridor(&later);
    assert!(output.status.success(), "{}", text(&output));
    let later_xml =
        std::fs::read_to_string(later_dir.join("CORRIDOR-20261122100001-1.xml")).unwrap();
    let uetr = |xml: &str| {
        let start = xml.find("<UETR>").unwrap() + "<UETR>".len();
        xml[start..start + 36].to_string()
    };
    assert_ne!(uetr(&later_xml), uetr(&xml));

    // A CBPR+ business service needs CBPR+ messages: no batches, INDA or INGA.
    let output = corridor(&[
        "iso20022",
        "gen-pacs008",
        csv.to_str().unwrap(),
        "--out-dir",
        dir.path().join("cbpr").to_str().unwrap(),
        "--business-service",
        "swift.cbprplus.02",
    ]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("--settlement-method: business service swift.cbprplus.02"),
        "{}",
        text(&output)
    );
    let cbpr_dir = dir.path().join("cbpr");
    let mut cbpr = vec![
        "iso20022",
        "gen-pacs008",
        csv.to_str().unwrap(),
        "--out-dir",
        cbpr_dir.to_str().unwrap(),
        "--created",
        "2026-11-22T10:00:00Z",
        "--business-service",
        "swift.cbprplus.02",
        "--settlement-method",
        "INDA",
        "--envelope",
        "swift",
    ];
    if check {
        cbpr.push("--validate");
    }
    let output = corridor(&cbpr);
    assert!(output.status.success(), "{}", text(&output));
    let cbpr_xml = std::fs::read_to_string(cbpr_dir.join("CORRIDOR-20261122100000-1.xml")).unwrap();
    assert!(
        cbpr_xml.contains("<Envelope xmlns=\"urn:swift:xsd:envelope\">")
            && cbpr_xml.contains("<SttlmMtd>INDA</SttlmMtd>")
            && !cbpr_xml.contains("<ClrSys>"),
        "{cbpr_xml}"
    );
    if check {
        // validate reads the SWIFT envelope and checks both parts.
        let path = cbpr_dir.join("CORRIDOR-20261122100000-1.xml");
        let output = corridor(&["iso20022", "validate", path.to_str().unwrap()]);
        let out = text(&output);
        assert!(output.status.success(), "{out}");
        assert!(
            out.contains("message: head.001.001.02")
                && out.contains("message: pacs.008.001.08")
                && out.contains("schema: valid against head.001.001.02 + pacs.008.001.08"),
            "{out}"
        );
        assert!(!out.contains("warning:"), "{out}");
    }
    let mut batched = cbpr.clone();
    batched.push("--batch");
    let output = corridor(&batched);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("--batch: business service swift.cbprplus.02"),
        "{}",
        text(&output)
    );

    // camt.053 from a statement input.
    let statement = dir.path().join("statement.json");
    std::fs::write(
        &statement,
        r#"{"message_id": "STMT-1", "statement_id": "STMT-1", "created": "2026-11-22T23:59:59Z",
            "account": {"iban": "PK36SCBL0000001123456702"}, "currency": "PKR",
            "from_date": "2026-11-22", "to_date": "2026-11-22",
            "opening_balance": "0", "closing_balance": "123450.50",
            "entries": [{"amount": "123450.50", "credit_debit": "CRDT", "booking_date": "2026-11-22", "end_to_end_id": "OBL-1"}]}"#,
    )
    .unwrap();
    let camt = dir.path().join("camt.xml");
    let mut args = vec![
        "iso20022",
        "gen-camt053",
        statement.to_str().unwrap(),
        "--out",
        camt.to_str().unwrap(),
    ];
    if check {
        args.push("--validate");
    }
    let output = corridor(&args);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        std::fs::read_to_string(&camt)
            .unwrap()
            .contains("camt.053.001.08")
    );
    // Not adding up is refused.
    let text_in = std::fs::read_to_string(&statement).unwrap().replace(
        "\"closing_balance\": \"123450.50\"",
        "\"closing_balance\": \"1\"",
    );
    std::fs::write(&statement, text_in).unwrap();
    let output = corridor(&["iso20022", "gen-camt053", statement.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("closing_balance"),
        "{}",
        text(&output)
    );
}

/// A statement input of `n` entries of 10.00 PKR (credits), opening at 0.
fn statement_json(n: usize) -> serde_json::Value {
    let entries: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({"amount": "10.00", "credit_debit": "CRDT",
                "booking_date": "2026-11-22", "reference": format!("REF-{i}")})
        })
        .collect();
    serde_json::json!({
        "message_id": "STMT-1", "statement_id": "STMT-1", "created": "2026-11-22T23:59:59Z",
        "account": {"iban": "PK36SCBL0000001123456702"}, "currency": "PKR",
        "from_date": "2026-11-22", "to_date": "2026-11-22",
        "opening_balance": "0", "closing_balance": format!("{}.00", n * 10),
        "entries": entries,
    })
}

#[test]
fn gen_camt053_writes_pages_and_names_the_json_path_of_errors() {
    let dir = tempfile::tempdir().unwrap();
    let statement = dir.path().join("statement.json");
    std::fs::write(&statement, statement_json(20).to_string()).unwrap();
    let out = dir.path().join("st.xml");
    let check = xmllint();
    let mut args = vec![
        "iso20022",
        "gen-camt053",
        statement.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--page-entries",
        "7",
    ];
    if check {
        args.push("--validate");
    }
    let output = corridor(&args);
    let said = text(&output);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("wrote camt.053.001.08 statement STMT-1 with 20 entries in 3 pages to"),
        "{said}"
    );
    assert!(!out.exists());
    for k in 1..=3 {
        let page = dir.path().join(format!("st-{k}.xml"));
        let xml = std::fs::read_to_string(&page).unwrap();
        assert!(
            xml.contains(&format!("<MsgId>STMT-1-{k}</MsgId>"))
                && xml.contains(&format!("<PgNb>{k}</PgNb>"))
                && xml.contains(&format!(
                    "<LastPgInd>{}</LastPgInd>",
                    if k == 3 { "true" } else { "false" }
                )),
            "{xml}"
        );
        let output = corridor(&["iso20022", "to-json", page.to_str().unwrap()]);
        assert!(output.status.success(), "{}", text(&output));
        assert!(output.stderr.is_empty(), "{}", text(&output));
        if check {
            let output = corridor(&["iso20022", "validate", page.to_str().unwrap()]);
            let said = text(&output);
            assert!(output.status.success(), "{said}");
            assert!(!said.contains("warning:"), "{said}");
        }
    }
    // Several pages need a file name to number.
    let output = corridor(&[
        "iso20022",
        "gen-camt053",
        statement.to_str().unwrap(),
        "--page-entries",
        "7",
    ]);
    assert!(!output.status.success());
    assert!(text(&output).contains("takes 3 pages"), "{}", text(&output));
    let output = corridor(&[
        "iso20022",
        "gen-camt053",
        statement.to_str().unwrap(),
        "--page-entries",
        "0",
    ]);
    assert!(
        text(&output).contains("--page-entries: must be at least 1"),
        "{}",
        text(&output)
    );
    // Errors name the JSON path, as from-json does: reading, then building.
    let refused = |edit: &dyn Fn(&mut serde_json::Value), expected: &str| {
        let mut json = statement_json(2);
        edit(&mut json);
        std::fs::write(&statement, json.to_string()).unwrap();
        let output = corridor(&["iso20022", "gen-camt053", statement.to_str().unwrap()]);
        let said = text(&output);
        assert_eq!(output.status.code(), Some(1), "{said}");
        assert!(said.contains(expected), "expected {expected:?} in: {said}");
        assert!(!said.contains("line 1 column"), "{said}");
    };
    refused(
        &|j| j["entries"][1]["amount"] = 500.into(),
        "entries[1].amount: invalid type: integer `500`, expected a string",
    );
    refused(
        &|j| j["entries"][0]["amount"] = "1.001".into(),
        "entries[0].amount: amount \"1.001\" has too many decimals",
    );
    refused(
        &|j| j["opening_balance"] = "99999999999999999.00".into(),
        "opening_balance: ",
    );
    refused(
        &|j| j["from_date"] = "2026-11-23".into(),
        "to_date: 2026-11-22 is before from_date 2026-11-23",
    );
}

#[test]
fn validate_refuses_foreign_envelope_content_and_names_paths_one_way() {
    if !xmllint() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("obligations.csv");
    std::fs::write(
        &csv,
        "id,debtor,creditor,amount,currency,due_date,debtor_bank,creditor_bank\n\
         OBL-1,Karachi Rice Exporters,Tabriz Carpets,12345050,PKR,2026-11-23,HABBPKKA,MELIIRTH\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let output = corridor(&[
        "iso20022",
        "gen-pacs008",
        csv.to_str().unwrap(),
        "--out-dir",
        out_dir.to_str().unwrap(),
        "--created",
        "2026-11-22T10:00:00Z",
    ]);
    assert!(output.status.success(), "{}", text(&output));
    let xml = std::fs::read_to_string(out_dir.join("CORRIDOR-20261122100000-1.xml")).unwrap();
    let file = dir.path().join("edited.xml");

    // Something other than AppHdr and Document in the envelope: refused, exit 1.
    std::fs::write(&file, xml.replace("<message>", "<message><Foo/>")).unwrap();
    let output = corridor(&["iso20022", "validate", file.to_str().unwrap()]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains(
            "model: refused: /message/Foo: an envelope holds only an AppHdr and a Document"
        ) && said.contains("schema: INVALID"),
        "{said}"
    );

    // Totals warnings and drop warnings name the Document the same way.
    std::fs::write(
        &file,
        xml.replace("<CtrlSum>123450.5</CtrlSum>", "<CtrlSum>1</CtrlSum>")
            .replace("</GrpHdr>", "<Future>1</Future></GrpHdr>"),
    )
    .unwrap();
    let output = corridor(&["iso20022", "validate", file.to_str().unwrap()]);
    let said = text(&output);
    assert!(
        said.contains("warning: /message/Document/FIToFICstmrCdtTrf/GrpHdr/Future: not in the model")
            && said.contains(
                "warning: /message/Document/FIToFICstmrCdtTrf/GrpHdr/CtrlSum is 1 but the transactions add up to 123450.5"
            ),
        "{said}"
    );

    // The CBPR+ rule holds whatever the case of the service.
    let output = corridor(&[
        "iso20022",
        "gen-pacs008",
        csv.to_str().unwrap(),
        "--out-dir",
        dir.path().join("cbpr").to_str().unwrap(),
        "--business-service",
        "SWIFT.CBPRPLUS.02",
        "--batch",
    ]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("--batch: business service SWIFT.CBPRPLUS.02"),
        "{}",
        text(&output)
    );
}
