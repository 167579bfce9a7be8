//! One test per list format on the real excerpts (the EU one on a document written from the
//! XSD), each including the format's quirks, and malformed input naming record and field.

use super::*;
use screening::parse::{eu, ofac_csv, ofac_xml, un};
use screening::*;

fn entry<'a>(list: &'a WatchList, reference: &str) -> &'a Entry {
    list.entries
        .iter()
        .find(|e| e.reference == reference)
        .unwrap_or_else(|| panic!("{reference} missing"))
}

#[test]
fn un_consolidated_xml_with_its_quirks() {
    let list = un::parse(&read("un_consolidated_list_excerpt_2026-02-27.xml")).unwrap();
    assert_eq!(list.published.as_deref(), Some("2026-02-27T00:00:09.554Z"));
    assert_eq!(list.entries.len(), 14);
    assert_eq!(
        list.entries
            .iter()
            .filter(|e| e.kind == SubjectKind::Individual)
            .count(),
        8
    );
    // Empty placeholder alias and two EXACT dates that carry only a YEAR.
    let abbasi = entry(&list, "IRi.001");
    assert_eq!(abbasi.names.len(), 1);
    assert_eq!(abbasi.other_references, vec!["DATAID 110446"]);
    let years: Vec<_> = abbasi.dates_of_birth.iter().map(|d| d.value).collect();
    assert_eq!(
        years,
        vec![DobValue::Year { year: 1958 }, DobValue::Year { year: 1959 }]
    );
    // Two names in one ALIAS_NAME separated by ';'; an empty TYPE_OF_DATE placeholder.
    let azim = entry(&list, "IRi.003");
    let aliases: Vec<&str> = azim.names.iter().skip(1).map(|n| n.text.as_str()).collect();
    assert_eq!(aliases, vec!["Azim Adhajani", "Azim Agha-Jani"]);
    assert!(azim.dates_of_birth.is_empty());
    assert_eq!(azim.nationalities, vec!["Iran (Islamic Republic of)"]);
    // BETWEEN ranges with NOTE Approximately; original script; titles are not names.
    let akhund = entry(&list, "TAi.002");
    assert_eq!(akhund.names[0].text, "MOHAMMAD HASSAN AKHUND");
    assert_eq!(akhund.names[1].kind, NameKind::OriginalScript);
    assert_eq!(akhund.names[1].text, "محمد حسن آخوند");
    assert_eq!(
        akhund.dates_of_birth,
        vec![
            DateOfBirth {
                value: DobValue::YearRange {
                    from: 1955,
                    to: 1958
                },
                approximate: true
            },
            DateOfBirth {
                value: DobValue::YearRange {
                    from: 1945,
                    to: 1950
                },
                approximate: true
            },
        ]
    );
    // Good and Low alias quality = strong and weak; APPROXIMATELY year.
    let mati = entry(&list, "QDi.296");
    let weak: Vec<&str> = mati
        .names
        .iter()
        .filter(|n| n.strength == Strength::Weak)
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(weak, vec!["Tariq", "Hussain"]);
    assert_eq!(
        mati.dates_of_birth,
        vec![DateOfBirth {
            value: DobValue::Year { year: 1977 },
            approximate: true
        }]
    );
    assert_eq!(mati.programs, vec!["Al-Qaida"]);
    // Exact date; documents.
    let dawood = entry(&list, "IRi.002");
    assert_eq!(
        dawood.dates_of_birth[0].value,
        DobValue::Date {
            date: Date::new(1957, 4, 23).unwrap()
        }
    );
    assert_eq!(dawood.identifiers[0].number, "I5824769");
    // Entities: a.k.a. and f.k.a.
    let huji = entry(&list, "QDe.130");
    assert_eq!(huji.kind, SubjectKind::Entity);
    let fka: Vec<&str> = huji
        .names
        .iter()
        .filter(|n| n.kind == NameKind::Fka)
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(fka, vec!["Harakat-ul-Ansar", "HUA"]);
    assert_eq!(
        entry(&list, "QDe.070").address_countries,
        vec!["Pakistan", "Afghanistan"]
    );
}

#[test]
fn un_malformed_input_names_record_and_field() {
    let text = read("un_consolidated_list_excerpt_2026-02-27.xml").replacen(
        "<DATE>1957-04-23</DATE>",
        "<DATE>1957-02-30</DATE>",
        1,
    );
    let err = un::parse(&text).unwrap_err();
    assert_eq!(err.record, "INDIVIDUAL #2 (DATAID 110445)");
    assert_eq!(err.field, "INDIVIDUAL_DATE_OF_BIRTH/DATE");
    let text = read("un_consolidated_list_excerpt_2026-02-27.xml").replacen(
        "<QUALITY>Good</QUALITY>",
        "<QUALITY>Great</QUALITY>",
        1,
    );
    let err = un::parse(&text).unwrap_err();
    assert_eq!(
        (err.record.as_str(), err.field.as_str()),
        ("INDIVIDUAL #3 (DATAID 110444)", "INDIVIDUAL_ALIAS/QUALITY")
    );
    let text = read("un_consolidated_list_excerpt_2026-02-27.xml").replacen(
        "<REFERENCE_NUMBER>TAi.002</REFERENCE_NUMBER>",
        "",
        1,
    );
    assert_eq!(un::parse(&text).unwrap_err().field, "REFERENCE_NUMBER");
    // Truncated file: an error, never the records read so far.
    let text = read("un_consolidated_list_excerpt_2026-02-27.xml");
    let err = un::parse(&text[..text.len() / 2]).unwrap_err();
    assert_eq!(err.field, "XML");
}

fn ofac_trio() -> WatchList {
    ofac_csv::parse(ofac_csv::OfacCsv {
        sdn: &read("ofac_sdn_excerpt_2019.csv"),
        alt: Some(&read("ofac_alt_excerpt_2019.csv")),
        add: Some(&read("ofac_add_excerpt_2019.csv")),
        allow_excerpt: true,
    })
    .unwrap()
}

#[test]
fn ofac_legacy_csv_trio_with_its_quirks() {
    let list = ofac_trio();
    assert_eq!(list.entries.len(), 11);
    assert!(list.warnings.is_empty(), "{:?}", list.warnings);
    // Blank SDN_Type = entity; programs joined with "] ["; fka from alt.csv; address countries.
    let saderat = entry(&list, "4642");
    assert_eq!(saderat.kind, SubjectKind::Entity);
    assert_eq!(saderat.programs, vec!["IRAN", "SDGT", "IFSR"]);
    assert_eq!(
        saderat
            .names
            .iter()
            .filter(|n| n.kind == NameKind::Fka)
            .count(),
        3
    );
    assert_eq!(saderat.address_countries, vec!["United Kingdom", "Iran"]);
    // Vessels and aircraft keep their type; "-0- " is null.
    assert_eq!(entry(&list, "4234").kind, SubjectKind::Vessel);
    assert_eq!(entry(&list, "15431").kind, SubjectKind::Aircraft);
    // DOBs and nationality only in Remarks: a year, "alt. DOB" sets, a full date.
    let mahmood = entry(&list, "7133");
    assert_eq!(mahmood.dates_of_birth.len(), 9);
    assert_eq!(mahmood.nationalities, vec!["Pakistan"]);
    let khan = entry(&list, "6864");
    assert_eq!(
        khan.dates_of_birth[0].value,
        DobValue::Date {
            date: Date::new(1955, 10, 1).unwrap()
        }
    );
    assert_eq!(khan.names.len(), 8);
    assert_eq!(khan.names[0].text, "KHAN, Nasir Ali");
    assert_eq!(khan.names[1].id.as_deref(), Some("4665"));
}

#[test]
fn ofac_csv_errors_name_the_line_and_field() {
    let alt = format!(
        "{}9999,1,\"aka\",\"NOBODY\",-0- \n",
        read("ofac_alt_excerpt_2019.csv")
    );
    let err = ofac_csv::parse(ofac_csv::OfacCsv {
        sdn: &read("ofac_sdn_excerpt_2019.csv"),
        alt: Some(&alt),
        add: None,
        allow_excerpt: true,
    })
    .unwrap_err();
    assert_eq!(err.list, "OFAC alt.csv");
    assert_eq!(err.record, "line 26 (ent_num 9999, alt_num 1)");
    assert_eq!(err.field, "ent_num");
    let sdn = read("ofac_sdn_excerpt_2019.csv")
        .replace("\"individual\",\"SDNTK\"", "\"person\",\"SDNTK\"");
    let err = ofac_csv::parse(ofac_csv::OfacCsv {
        sdn: &sdn,
        alt: None,
        add: None,
        allow_excerpt: true,
    })
    .unwrap_err();
    assert_eq!(
        (err.record.as_str(), err.field.as_str()),
        ("line 8 (ent_num 6856)", "SDN_Type")
    );
    // Windows-1252 bytes and the trailing Ctrl-Z line of the real files.
    let mut bytes = read("ofac_sdn_excerpt_2019.csv").into_bytes();
    bytes.extend_from_slice(
        b"99,\"CAF\xC9 DU NORD\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n\x1a\n",
    );
    let (text, note) = decode_legacy_csv(&bytes);
    assert!(note.is_some_and(|n| n.contains("Windows-1252")));
    let list = ofac_csv::parse(ofac_csv::OfacCsv {
        sdn: &text,
        alt: None,
        add: None,
        allow_excerpt: true,
    })
    .unwrap();
    assert_eq!(entry(&list, "99").names[0].text, "CAFÉ DU NORD");
}

#[test]
fn ofac_sdnlist_xml_with_its_quirks() {
    let list = ofac_xml::parse_with(
        &read("ofac_consolidated_sdnList_excerpt_2018-04-06.xml"),
        true,
    )
    .unwrap();
    assert_eq!(list.published.as_deref(), Some("04/06/2018"));
    assert_eq!(list.entries.len(), 10);
    // Record_Count says 639 in this excerpt: loaded as an excerpt, a warning, not silence (and
    // without the excerpt flag an error: see `truncation`).
    assert!(
        list.warnings
            .iter()
            .any(|w| w.contains("Record_Count says 639")),
        "{:?}",
        list.warnings
    );
    // Weak and strong aliases.
    let bim = entry(&list, "4637");
    let weak: Vec<&str> = bim
        .names
        .iter()
        .filter(|n| n.strength == Strength::Weak)
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(weak, vec!["BIM"]);
    // Individuals: first + last name, free-text DOBs, nationality, passports, &amp; in title.
    let seifollah = entry(&list, "15961");
    assert_eq!(seifollah.names[0].text, "Seifollah JASHNSAZ");
    assert_eq!(seifollah.kind, SubjectKind::Individual);
    assert_eq!(
        seifollah.dates_of_birth[0].value,
        DobValue::Date {
            date: Date::new(1958, 3, 22).unwrap()
        }
    );
    assert_eq!(seifollah.nationalities, vec!["Iran"]);
    assert_eq!(
        seifollah
            .identifiers
            .iter()
            .filter(|i| i.kind == "Passport")
            .count(),
        2
    );
    let haniya = entry(&list, "9639");
    assert_eq!(
        haniya.dates_of_birth[0].value,
        DobValue::Year { year: 1962 }
    );
    assert_eq!(haniya.names[1].text, "Ismail HANIYA");
}

#[test]
fn ofac_xml_errors_name_the_entry_and_field() {
    let text = read("ofac_consolidated_sdnList_excerpt_2018-04-06.xml").replacen(
        "<dateOfBirth>1962</dateOfBirth>",
        "<dateOfBirth>sometime</dateOfBirth>",
        1,
    );
    let err = ofac_xml::parse_with(&text, true).unwrap_err();
    assert_eq!(err.record, "sdnEntry #8 (uid 9639)");
    assert_eq!(err.field, "dateOfBirthList/dateOfBirthItem[1]/dateOfBirth");
    let text = read("ofac_consolidated_sdnList_excerpt_2018-04-06.xml").replacen(
        "<category>weak</category>",
        "<category>feeble</category>",
        1,
    );
    assert_eq!(
        ofac_xml::parse_with(&text, true).unwrap_err().field,
        "akaList/aka[2]/category"
    );
}

#[test]
fn eu_fsf_xml_written_from_the_xsd() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/eu_fsf_sample.xml"),
    )
    .unwrap();
    let list = eu::parse(&text).unwrap();
    assert_eq!(
        list.published.as_deref(),
        Some("2026-02-27T10:00:00.000+01:00")
    );
    assert_eq!(list.entries.len(), 3);
    let dawood = entry(&list, "13001");
    assert_eq!(dawood.other_references, vec!["EU.2730.36", "IRi.002"]);
    assert_eq!(dawood.kind, SubjectKind::Individual);
    assert_eq!(dawood.names[1].strength, Strength::Weak);
    assert_eq!(dawood.names[2].kind, NameKind::OriginalScript);
    assert_eq!(dawood.nationalities, vec!["IR"]);
    assert_eq!(
        dawood.dates_of_birth[0].value,
        DobValue::Date {
            date: Date::new(1957, 4, 23).unwrap()
        }
    );
    assert_eq!(dawood.programs, vec!["IRN"]);
    let mati = entry(&list, "13002");
    assert_eq!(
        mati.dates_of_birth,
        vec![
            DateOfBirth {
                value: DobValue::Year { year: 1977 },
                approximate: true
            },
            DateOfBirth {
                value: DobValue::YearRange {
                    from: 1975,
                    to: 1978
                },
                approximate: false
            },
        ]
    );
    let sepah = entry(&list, "13003");
    assert_eq!(sepah.kind, SubjectKind::Entity);
    assert_eq!(sepah.address_countries, vec!["IR"]);
    let bad = text.replacen("classificationCode=\"E\"", "classificationCode=\"X\"", 1);
    let err = eu::parse(&bad).unwrap_err();
    assert_eq!(
        err.record,
        "sanctionEntity #3 (logicalId 13003, EU.2740.11)"
    );
    assert_eq!(err.field, "subjectType@classificationCode");
}
