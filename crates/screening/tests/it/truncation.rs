//! Partial loads fail: a list file cut off between two records or inside one is an error in
//! every format, never a shorter list; a file that is not valid UTF-8 is an error naming the byte
//! (except the legacy OFAC CSV files, read as Windows-1252 with a note).

use super::*;
use screening::parse::{eu, ofac_csv, ofac_xml, un};
use screening::{ParseError, WatchList, decode_legacy_csv, decode_xml};

const UN: &str = "un_consolidated_list_excerpt_2026-02-27.xml";
const OFAC_XML: &str = "ofac_consolidated_sdnList_excerpt_2018-04-06.xml";

/// The text up to and including the `n`-th occurrence of `tag`.
fn cut_after(text: &str, tag: &str, n: usize) -> String {
    let mut end = 0;
    for _ in 0..n {
        end += text[end..].find(tag).expect("tag") + tag.len();
    }
    text[..end].to_string()
}

/// The text cut in the middle of the `n`-th record starting with `open`.
fn cut_inside(text: &str, open: &str, n: usize) -> String {
    let mut start = 0;
    for _ in 0..n {
        start += text[start..].find(open).expect("tag") + open.len();
    }
    text[..start + 120].to_string()
}

fn eu_text() -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/eu_fsf_sample.xml"),
    )
    .unwrap()
}

#[test]
fn un_xml_cut_between_or_inside_records_is_an_error() {
    let text = read(UN);
    assert_eq!(un::parse(&text).unwrap().entries.len(), 14);
    let err = un::parse(&cut_after(&text, "</INDIVIDUAL>", 3)).unwrap_err();
    assert_eq!(err.field, "CONSOLIDATED_LIST");
    assert!(
        err.message.contains("is not closed") && err.message.contains("after 3 INDIVIDUAL"),
        "{err}"
    );
    // Inside a record: cut inside a tag or between two tags of the record.
    let err = un::parse(&cut_inside(&text, "<INDIVIDUAL>", 4)).unwrap_err();
    assert!(err.record.starts_with("INDIVIDUAL #4 "), "{err}");
    let inside = cut_after(&text, "</DATAID>", 4);
    let err = un::parse(&inside).unwrap_err();
    assert!(err.record.starts_with("INDIVIDUAL #4 "), "{err}");
    assert!(err.message.contains("cut off"), "{err}");
    // Between the individuals and the entities, and inside the second entity.
    let err = un::parse(&cut_after(&text, "</INDIVIDUAL>", 8)).unwrap_err();
    assert!(err.message.contains("after 8 INDIVIDUAL"), "{err}");
    let err = un::parse(&cut_inside(&text, "<ENTITY>", 2)).unwrap_err();
    assert!(err.record.starts_with("ENTITY #2 "), "{err}");
}

#[test]
fn eu_xml_cut_between_or_inside_records_is_an_error() {
    let text = eu_text();
    assert_eq!(eu::parse(&text).unwrap().entries.len(), 3);
    let err = eu::parse(&cut_after(&text, "</sanctionEntity>", 1)).unwrap_err();
    assert!(
        err.message.contains("<export> is not closed") && err.message.contains("1 sanctionEntity"),
        "{err}"
    );
    let err = eu::parse(&cut_inside(&text, "<sanctionEntity", 2)).unwrap_err();
    assert!(err.record.starts_with("sanctionEntity #2 "), "{err}");
}

#[test]
fn ofac_xml_cut_or_short_of_its_record_count_is_an_error() {
    let text = read(OFAC_XML);
    // The fixture is an excerpt that keeps the full list's header (Record_Count 639): an error
    // unless it is loaded as an excerpt on purpose.
    let err = ofac_xml::parse(&text).unwrap_err();
    assert_eq!(
        (err.record.as_str(), err.field.as_str()),
        ("publshInformation", "Record_Count")
    );
    assert!(err.message.contains("says 639, the file holds 10"), "{err}");
    assert_eq!(ofac_xml::parse_with(&text, true).unwrap().entries.len(), 10);
    // A file whose count agrees loads without a warning.
    let exact = text.replace(
        "<Record_Count>639</Record_Count>",
        "<Record_Count>10</Record_Count>",
    );
    assert!(ofac_xml::parse(&exact).unwrap().warnings.is_empty());
    // Cut between records or inside one: an error even as an excerpt.
    for allow in [false, true] {
        let err = ofac_xml::parse_with(&cut_after(&exact, "</sdnEntry>", 3), allow).unwrap_err();
        assert!(err.message.contains("<sdnList> is not closed"), "{err}");
        let err = ofac_xml::parse_with(&cut_inside(&exact, "<sdnEntry>", 5), allow).unwrap_err();
        assert!(err.record.starts_with("sdnEntry #5 "), "{err}");
    }
}

fn csv(sdn: &str, alt: Option<&str>, allow_excerpt: bool) -> Result<WatchList, ParseError> {
    ofac_csv::parse(ofac_csv::OfacCsv {
        sdn,
        alt,
        add: None,
        allow_excerpt,
    })
}

#[test]
fn ofac_csv_cut_inside_a_quoted_field_is_an_error() {
    let sdn = read("ofac_sdn_excerpt_2019.csv");
    assert_eq!(csv(&sdn, None, true).unwrap().entries.len(), 11);
    // Cut in the middle of line 3's quoted Remarks.
    let at = sdn.find("Additional Sanctions").unwrap() + 10;
    let err = csv(&sdn[..at], None, true).unwrap_err();
    assert_eq!(
        (err.record.as_str(), err.field.as_str()),
        ("line 3", "Remarks")
    );
    assert!(err.message.contains("cut off"), "{err}");
    // Cut inside a quoted name of alt.csv.
    let alt = read("ofac_alt_excerpt_2019.csv");
    let at = alt.rfind("\",").unwrap() - 3;
    let err = csv(&sdn, Some(&alt[..at]), true).unwrap_err();
    assert_eq!(err.list, "OFAC alt.csv");
    assert_eq!(err.field, "alt_name");
    // Cut inside a row, outside quotes: the row is short.
    let line3 = sdn.lines().take(2).map(|l| l.len() + 1).sum::<usize>() + 3;
    let err = csv(&sdn[..line3], None, true).unwrap_err();
    assert!(err.message.contains("expected 12 fields"), "{err}");
    // Cut at a line boundary: indistinguishable from a shorter file, but a file without OFAC's
    // Ctrl-Z end mark gets a warning unless it is declared an excerpt.
    let two_lines: String = sdn.lines().take(2).map(|l| format!("{l}\n")).collect();
    let list = csv(&two_lines, None, false).unwrap();
    assert!(
        list.warnings.iter().any(|w| w.contains("end-of-file mark")),
        "{:?}",
        list.warnings
    );
    let marked = format!("{two_lines}\u{1a}\n");
    assert!(csv(&marked, None, false).unwrap().warnings.is_empty());
}

#[test]
fn xml_that_is_not_utf8_is_an_error_naming_the_byte() {
    let text = read(UN);
    let mut bytes = text.clone().into_bytes();
    let at = text.find("محمد").unwrap();
    bytes[at] = 0xE9; // a Windows-1252 é in the middle of an Arabic name
    let err = decode_xml("UN consolidated XML", &bytes).unwrap_err();
    assert_eq!(err.field, "encoding");
    assert!(
        err.message.contains(&format!("byte {at}")) && err.message.contains("0xE9"),
        "{err}"
    );
    // A declared single-byte encoding is honoured.
    let latin =
        b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><sdnList><x>CAF\xC9</x></sdnList>";
    assert!(
        decode_xml("OFAC sdnList XML", latin)
            .unwrap()
            .contains("CAFÉ")
    );
    let other = b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>";
    assert!(
        decode_xml("x", other)
            .unwrap_err()
            .message
            .contains("UTF-16")
    );
    // UTF-8 with a BOM is fine; the legacy CSV reader says when it falls back.
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(decode_xml("UN consolidated XML", &bom).unwrap(), text);
    assert_eq!(decode_legacy_csv(b"a,b\n"), ("a,b\n".to_string(), None));
    let (t, note) = decode_legacy_csv(b"CAF\xC9\n");
    assert_eq!(t, "CAFÉ\n");
    assert!(note.unwrap().contains("offset 3"));
}

#[test]
fn xml_errors_number_records_per_kind() {
    // The second ENTITY is the 10th record overall; its label counts entities only.
    let text = read(UN).replacen(
        "FIRST EAST EXPORT BANK, P.L.C.",
        "FIRST EAST &bogus; BANK",
        1,
    );
    let err = un::parse(&text).unwrap_err();
    assert!(err.record.starts_with("ENTITY #2 (near byte"), "{err}");
    assert!(err.message.contains("unknown entity"), "{err}");
}
