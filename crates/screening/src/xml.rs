//! A small streaming reader over quick-xml: it walks a document and hands each record element
//! (e.g. `INDIVIDUAL`, `sdnEntry`) to a callback as a little owned tree, so a 30 MB list never
//! becomes one big tree in memory. Names are local names (namespaces are ignored, because OFAC
//! changed its namespace over the years and the EU file is namespaced).

use crate::error::ParseError;
use quick_xml::events::Event;

/// One element with its attributes, text and children.
#[derive(Debug, Default, Clone)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the element, `None` when empty.
    pub fn value(&self) -> Option<&str> {
        let t = self.text.trim();
        (!t.is_empty()).then_some(t)
    }

    /// The trimmed text of the first child called `name`, `None` when absent or empty.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(Element::value)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// What the walk saw outside the records.
#[derive(Debug, Default)]
pub(crate) struct Document {
    pub root: String,
    pub root_attrs: Vec<(String, String)>,
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn start_element(list: &str, e: &quick_xml::events::BytesStart<'_>) -> Result<Element, ParseError> {
    let name = local(e.name().as_ref()).to_string();
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| {
            ParseError::new(list, "document", &name, format!("bad attribute: {err}"))
        })?;
        let key = local(attr.key.as_ref()).to_string();
        if key == "xmlns" || attr.key.as_ref().starts_with("xmlns:") {
            continue;
        }
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| {
                ParseError::new(
                    list,
                    "document",
                    format!("{name}/@{key}"),
                    format!("bad attribute value: {err}"),
                )
            })?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        text: String::new(),
        children: Vec::new(),
    })
}

/// Walks `text`; every element whose local name is in `records` (and which is not inside another
/// record) is built as a tree and passed to `on_record`. Returns the root element's name and
/// attributes. Malformed XML is an error that names the byte offset and the enclosing record
/// (numbered per kind, as the parsers number them: `ENTITY #3` is the third ENTITY); so is a file
/// that ends before its root element is closed (a download cut off between two records), so a
/// cut file never loads as a shorter list.
pub(crate) fn walk(
    list: &str,
    text: &str,
    records: &[&str],
    mut on_record: impl FnMut(Element) -> Result<(), ParseError>,
) -> Result<Document, ParseError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut doc = Document::default();
    // Path depth outside records; stack of open elements inside a record.
    let mut depth = 0usize;
    let mut stack: Vec<Element> = Vec::new();
    // Records seen so far, per record name (in the order of `records`).
    let mut counts = vec![0usize; records.len()];
    let seen = |counts: &[usize], name: &str| {
        records
            .iter()
            .position(|r| *r == name)
            .and_then(|i| counts.get(i).copied())
            .unwrap_or(0)
    };
    let xml_error =
        |pos: u64, stack: &Vec<Element>, counts: &[usize], err: &dyn std::fmt::Display| {
            let record = match stack.first() {
                Some(r) => format!(
                    "{} #{} (near byte {pos})",
                    r.name,
                    seen(counts, &r.name) + 1
                ),
                None => format!("document (near byte {pos})"),
            };
            ParseError::new(list, record, "XML", format!("malformed XML: {err}"))
        };
    let count_record = |counts: &mut [usize], name: &str| {
        if let Some(i) = records.iter().position(|r| *r == name)
            && let Some(c) = counts.get_mut(i)
        {
            *c += 1;
        }
    };
    loop {
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(err) => return Err(xml_error(reader.error_position(), &stack, &counts, &err)),
        };
        match event {
            Event::Start(e) => {
                let el = start_element(list, &e)?;
                if depth == 0 && stack.is_empty() {
                    doc.root = el.name.clone();
                    doc.root_attrs = el.attrs.clone();
                }
                if !stack.is_empty() || records.contains(&el.name.as_str()) {
                    stack.push(el);
                } else {
                    depth += 1;
                }
            }
            Event::Empty(e) => {
                let el = start_element(list, &e)?;
                if depth == 0 && stack.is_empty() {
                    doc.root = el.name.clone();
                    doc.root_attrs = el.attrs.clone();
                }
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(el);
                } else if records.contains(&el.name.as_str()) {
                    count_record(&mut counts, &el.name);
                    on_record(el)?;
                }
            }
            Event::End(_) => {
                if let Some(el) = stack.pop() {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(el),
                        None => {
                            count_record(&mut counts, &el.name);
                            on_record(el)?;
                        }
                    }
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            Event::Text(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(el) = stack.last_mut() {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                            Some(s) => s.to_string(),
                            None => {
                                return Err(xml_error(
                                    reader.buffer_position(),
                                    &stack,
                                    &counts,
                                    &format!("unknown entity &{};", &*r),
                                ));
                            }
                        },
                        Err(err) => {
                            return Err(xml_error(reader.buffer_position(), &stack, &counts, &err));
                        }
                    };
                    el.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(xml_error(
            reader.buffer_position(),
            &stack,
            &counts,
            &"unexpected end of file inside a record (the file is cut off)",
        ));
    }
    if doc.root.is_empty() {
        return Err(ParseError::new(list, "document", "XML", "no root element"));
    }
    if depth > 0 {
        let read: Vec<String> = records
            .iter()
            .zip(&counts)
            .filter(|(_, c)| **c > 0)
            .map(|(r, c)| format!("{c} {r}"))
            .collect();
        return Err(ParseError::new(
            list,
            format!("document (byte {})", text.len()),
            doc.root.clone(),
            format!(
                "unexpected end of file: <{}> is not closed (the file is cut off after {}); nothing was loaded",
                doc.root,
                if read.is_empty() {
                    "no record".to_string()
                } else {
                    read.join(" and ")
                }
            ),
        ));
    }
    Ok(doc)
}

/// Decodes an XML list file: UTF-8 (with or without BOM), unless the XML declaration names
/// another encoding (`windows-1252`, `iso-8859-1`/`latin1` are read; any other is an error).
/// Invalid UTF-8 is an error naming the byte offset: a list is never silently re-decoded (one
/// bad byte would otherwise garble every original-script name in the file).
pub fn decode_xml(list: &str, bytes: &[u8]) -> Result<String, ParseError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(enc) = declared_encoding(body) {
        let lower = enc.to_ascii_lowercase();
        match lower.as_str() {
            "utf-8" | "utf8" => {}
            "windows-1252" | "cp1252" | "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" => {
                return Ok(body.iter().map(|&b| cp1252(b)).collect());
            }
            _ => {
                return Err(ParseError::new(
                    list,
                    "document",
                    "encoding",
                    format!(
                        "the XML declaration names encoding {enc:?}, which is not supported (UTF-8, windows-1252, ISO-8859-1)"
                    ),
                ));
            }
        }
    }
    std::str::from_utf8(body).map(str::to_string).map_err(|e| {
        let offset = e.valid_up_to() + (bytes.len() - body.len());
        ParseError::new(
            list,
            format!("document (byte {offset})"),
            "encoding",
            format!(
                "not valid UTF-8 at byte {offset} (0x{:02X}), and the XML declaration names no other encoding; nothing was loaded",
                bytes.get(offset).copied().unwrap_or(0)
            ),
        )
    })
}

/// The `encoding` of an XML declaration at the start of the file, if any.
fn declared_encoding(body: &[u8]) -> Option<String> {
    let head = body.get(..body.len().min(200))?;
    let head = String::from_utf8_lossy(head);
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// Decodes a legacy OFAC CSV file: UTF-8 (with or without BOM), else Windows-1252, which older
/// OFAC CSV files use. Windows-1252 decoding is total; the second value says when it was used
/// (and where the first non-UTF-8 byte is), so callers can say so.
pub fn decode_legacy_csv(bytes: &[u8]) -> (String, Option<String>) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => (s.to_string(), None),
        Err(e) => (
            body.iter().map(|&b| cp1252(b)).collect(),
            Some(format!(
                "not UTF-8 (first invalid byte at offset {}): read as Windows-1252",
                e.valid_up_to() + (bytes.len() - body.len())
            )),
        ),
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}',
        '\u{017D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}',
        '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}',
        '\u{9D}', '\u{017E}', '\u{0178}',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}
