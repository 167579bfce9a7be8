//! Shared checks for the fuzz targets: nothing panics, and whatever a parser accepts (XML or
//! JSON) writes out, reads back to the same model, and reads back with nothing dropped
//! (everything written is modelled). Schema validity of what is written is checked with
//! xmllint by the stable-Rust robustness test (`cargo test -p iso20022 robustness`): running
//! xmllint per input would slow fuzzing down a thousandfold.

use iso20022::{AppHdr, Kind, Message, MsgDef};

/// The invariant for one accepted message.
fn round_trip(message: &Message) {
    let version = message.document.kind().default_version();
    let written = message
        .to_xml_version(version)
        .unwrap_or_else(|e| panic!("accepted but not writable: {e}"));
    let (back, dropped) = Message::parse_with_warnings(&written)
        .unwrap_or_else(|e| panic!("written but not readable: {e}\n{written}"));
    assert_eq!(back.document, message.document);
    assert!(dropped.is_empty(), "written but not all modelled: {dropped:?}");
    let json = message.to_json().expect("JSON form");
    assert_eq!(
        &Message::from_json(json, None).expect("JSON read back"),
        message
    );
}

/// Any message.
pub fn message(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(message) = Message::parse(text)
    {
        round_trip(&message);
    }
}

/// A message that must be of `kind`.
pub fn kind(kind: Kind, data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(message) = iso20022::parse_kind(kind, text)
    {
        assert_eq!(message.document.kind(), kind);
        round_trip(&message);
    }
}

/// A standalone business application header: it writes out, reads back to the same header,
/// with nothing dropped.
pub fn head(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(header) = AppHdr::parse_xml(text)
    {
        let xml = header
            .to_xml()
            .unwrap_or_else(|e| panic!("accepted header not writable: {e}"));
        let (back, dropped) = AppHdr::parse_xml_with_warnings(&xml)
            .unwrap_or_else(|e| panic!("header written but not readable: {e}\n{xml}"));
        assert_eq!(back, header);
        assert!(dropped.is_empty(), "header written but not all modelled: {dropped:?}");
    }
}

/// The JSON form (wrapped, or a bare pacs.008 document): whatever is accepted writes out,
/// reads back to the same document, with nothing dropped, and its JSON form reads back to the
/// same message.
pub fn json(data: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data)
        && let Ok(message) = Message::from_json(value, Some(MsgDef::latest(Kind::Pacs008)))
    {
        round_trip(&message);
    }
}
