//! Whole messages: a `Document` of one of the modelled types, optionally with its business
//! application header, parsed from and written to XML, and converted to and from JSON.
//!
//! Accepted input shapes:
//! * a bare `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">`;
//! * an envelope holding an optional `<AppHdr>` (head.001.001.01/.02) and one `<Document>`:
//!   either a root element without a namespace (`<message>`, `<Envelope>`, ..., as the Prowide
//!   samples carry them), or the SWIFT business message envelope
//!   `<Envelope xmlns="urn:swift:xsd:envelope">` (any root name in that namespace) that CBPR+
//!   transports use.
//!
//! Every element of a Document (and of an AppHdr) must be in its namespace; only the schema's
//! open slots (`SplmtryData/Envlp`, `Sgntr`) may hold other namespaces.
//!
//! Written: a bare Document when there is no header, otherwise an envelope with `AppHdr`
//! (head.001.001.02) then `Document`: `<message>` by default, or the SWIFT envelope
//! ([`Envelope::Swift`]). The envelope element has no official schema in the fixtures; each part
//! is valid against its official XSD ([`crate::xsd::validate`] checks both in one run).
//!
//! What the model does not cover is not lost silently: [`Message::parse_with_warnings`] lists
//! every element of the input it did not take, with its path.

use crate::camt053::Camt053;
use crate::error::{Error, Result};
use crate::head::AppHdr;
use crate::msgdef::{Kind, MsgDef};
use crate::pacs002::Pacs002;
use crate::pacs008::Pacs008;
use crate::pacs009::Pacs009;
use crate::xml::{self, Element, UnusedKind, Walk, Writer};
use serde::{Deserialize, Serialize};

/// The name of the envelope element this crate writes by default around `AppHdr` + `Document`.
pub const ENVELOPE: &str = "message";
/// The namespace of the SWIFT business message envelope (CBPR+).
pub const SWIFT_ENVELOPE_NAMESPACE: &str = "urn:swift:xsd:envelope";
/// The root element written for [`Envelope::Swift`].
pub const SWIFT_ENVELOPE: &str = "Envelope";

/// The envelope written around `AppHdr` + `Document`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Envelope {
    /// `<message>` without a namespace.
    #[default]
    Plain,
    /// `<Envelope xmlns="urn:swift:xsd:envelope">`, as CBPR+ transports carry messages.
    Swift,
}

impl Envelope {
    /// `message` or `swift`.
    pub fn parse(text: &str) -> Result<Envelope> {
        match text {
            "message" | "plain" => Ok(Envelope::Plain),
            "swift" => Ok(Envelope::Swift),
            other => Err(Error::new(
                "envelope",
                format!("{other:?} is not an envelope: message (the default) or swift"),
            )),
        }
    }
}

/// Something of the input the conversion does not keep: an element (with everything in it) or
/// an attribute the model does not cover, or an element with no content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// The reason given for an element outside the model.
pub const NOT_MODELLED: &str = "not in the model: dropped (not in the JSON form, not written)";
/// The reason given for an element with no content.
pub const EMPTY_DROPPED: &str = "empty element: dropped";
/// The reason given for text beside child elements (`<GrpHdr>stray<MsgId>...`): the schema
/// allows only elements there.
pub const TEXT_DROPPED: &str = "text where only elements belong: dropped";

/// The business document of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Document {
    Pacs008(Pacs008),
    Pacs009(Pacs009),
    Pacs002(Pacs002),
    Camt053(Camt053),
}

impl Document {
    pub fn kind(&self) -> Kind {
        match self {
            Document::Pacs008(_) => Kind::Pacs008,
            Document::Pacs009(_) => Kind::Pacs009,
            Document::Pacs002(_) => Kind::Pacs002,
            Document::Camt053(_) => Kind::Camt053,
        }
    }

    /// Consistency problems that do not stop reading (header totals, statement balances), with
    /// paths under `/Document`.
    pub fn warnings(&self) -> Vec<String> {
        self.warnings_at("/Document")
    }

    /// [`Document::warnings`] with paths under `document`, the Document element's path as the
    /// drop warnings of [`Message::parse_with_warnings`] name it (`/message/Document` in an
    /// envelope; [`Message::parse_report`] gives them so).
    pub fn warnings_at(&self, document: &str) -> Vec<String> {
        match self {
            Document::Pacs008(m) => m.check_totals_at(document),
            Document::Pacs009(m) => m.check_totals_at(document),
            Document::Pacs002(_) => Vec::new(),
            Document::Camt053(m) => m.check_balances_at(document),
        }
    }

    fn read(w: &Walk, def: MsgDef) -> Result<Document> {
        if def.kind == Kind::Head001 {
            return Err(w.error(format!(
                "a Document in the namespace of {def}: head.001 is the business application header, written as <AppHdr>, not a Document; send it as <AppHdr> beside the message's Document in an envelope"
            )));
        }
        let root = def.kind.root_element();
        let body = w.req(root)?;
        Ok(match def.kind {
            Kind::Pacs008 => Document::Pacs008(Pacs008::read(&body)?),
            Kind::Pacs009 => Document::Pacs009(Pacs009::read(&body)?),
            Kind::Pacs002 => Document::Pacs002(Pacs002::read(&body)?),
            Kind::Camt053 => Document::Camt053(Camt053::read(&body)?),
            Kind::Head001 => return Err(w.error("head.001 is a header, not a Document")),
        })
    }

    fn write(&self, x: &mut Writer, def: MsgDef) {
        x.start_required_with("Document", &[("xmlns", &def.namespace())]);
        match self {
            Document::Pacs008(m) => m.write(x),
            Document::Pacs009(m) => m.write(x),
            Document::Pacs002(m) => m.write(x),
            Document::Camt053(m) => m.write(x),
        }
        x.end();
    }

    fn to_json(&self) -> Result<serde_json::Value> {
        let value = match self {
            Document::Pacs008(m) => serde_json::to_value(m),
            Document::Pacs009(m) => serde_json::to_value(m),
            Document::Pacs002(m) => serde_json::to_value(m),
            Document::Camt053(m) => serde_json::to_value(m),
        };
        value.map_err(|e| Error::new("", format!("JSON: {e}")))
    }

    /// The document of kind `kind` from its JSON form. Errors name the JSON path of the value
    /// (`transactions[0].interbank_settlement_amount`) and the reason.
    pub fn from_json(kind: Kind, value: serde_json::Value) -> Result<Document> {
        Document::from_json_at(kind, value, "")
    }

    fn from_json_at(kind: Kind, value: serde_json::Value, at: &str) -> Result<Document> {
        check_no_blank_objects(&value, at)?;
        Ok(match kind {
            Kind::Pacs008 => Document::Pacs008(from_json_value(value, at)?),
            Kind::Pacs009 => Document::Pacs009(from_json_value(value, at)?),
            Kind::Pacs002 => Document::Pacs002(from_json_value(value, at)?),
            Kind::Camt053 => Document::Camt053(from_json_value(value, at)?),
            Kind::Head001 => {
                return Err(Error::new(
                    "message",
                    "head.001 is a header, not a Document",
                ));
            }
        })
    }
}

/// Joins a JSON path prefix and a relative path (`document` + `transactions[0]`).
fn json_path(at: &str, relative: &str) -> String {
    match (at.is_empty(), relative.is_empty() || relative == ".") {
        (_, true) => at.to_string(),
        (true, false) => relative.to_string(),
        (false, false) if relative.starts_with('[') => format!("{at}{relative}"),
        (false, false) => format!("{at}.{relative}"),
    }
}

/// Deserialises `value`; an error names the JSON path (under `at`) and the reason.
pub(crate) fn from_json_value<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    at: &str,
) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = json_path(at, &e.path().to_string());
        let reason = e.into_inner().to_string();
        Error::new(path, reason)
    })
}

/// Refuses a JSON object with nothing in it (no field, or only `null` and `[]` values): it
/// would be an element with no content, which is never written. The error names its path.
fn check_no_blank_objects(value: &serde_json::Value, at: &str) -> Result<()> {
    match value {
        serde_json::Value::Object(map) => {
            let blank = map.values().all(|v| match v {
                serde_json::Value::Null => true,
                serde_json::Value::Array(items) => items.is_empty(),
                _ => false,
            });
            if blank {
                return Err(Error::new(
                    if at.is_empty() { "." } else { at },
                    "an empty object: give at least one of its fields, or leave it out",
                ));
            }
            for (key, v) in map {
                check_no_blank_objects(v, &json_path(at, key))?;
            }
            Ok(())
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_no_blank_objects(v, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// What no reader took under `root`, as warnings.
fn warnings_of(root: &Element, root_path: &str) -> Vec<Warning> {
    xml::unused(root, root_path)
        .into_iter()
        .map(|u| Warning {
            path: u.path,
            reason: match u.kind {
                UnusedKind::Empty => EMPTY_DROPPED,
                UnusedKind::Text => TEXT_DROPPED,
                UnusedKind::Element | UnusedKind::Attribute => NOT_MODELLED,
            }
            .to_string(),
        })
        .collect()
}

/// What [`Message::parse_report`] read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub message: Message,
    /// What the model did not take (see [`Message::parse_with_warnings`]).
    pub dropped: Vec<Warning>,
    /// Consistency problems that do not stop reading: header totals that do not add up,
    /// statements whose entries do not explain the closing balance.
    pub checks: Vec<String>,
}

/// A message: its definition (type and version as read, or to write), an optional header and
/// the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub definition: MsgDef,
    pub app_hdr: Option<AppHdr>,
    pub document: Document,
}

/// The JSON form of a [`Message`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageJson {
    message: MsgDef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    app_hdr: Option<serde_json::Value>,
    document: serde_json::Value,
}

fn namespace_def(element: &Element, path: &str) -> Result<MsgDef> {
    let namespace = element.namespace.as_deref().ok_or_else(|| {
        Error::new(
            path,
            "no namespace: an ISO 20022 element needs xmlns=\"urn:iso:std:iso:20022:tech:xsd:...\"",
        )
    })?;
    MsgDef::from_namespace(namespace).map_err(|e| e.under(path))
}

fn read_header(w: &Walk) -> Result<AppHdr> {
    let def = namespace_def(w.element, w.path())?;
    if def.kind != Kind::Head001 {
        return Err(w.error(format!(
            "AppHdr has the namespace of {def}, expected head.001"
        )));
    }
    def.check_read().map_err(|e| e.under(w.path()))?;
    xml::check_namespace(w.element, w.path(), &def.namespace())?;
    AppHdr::read(w)
}

fn read_document(w: &Walk) -> Result<(MsgDef, Document)> {
    let def = namespace_def(w.element, w.path())?;
    def.check_read().map_err(|e| e.under(w.path()))?;
    xml::check_namespace(w.element, w.path(), &def.namespace())?;
    Ok((def, Document::read(w, def)?))
}

impl Message {
    /// Parses a bare Document or an envelope with AppHdr + Document. Elements outside the model
    /// are skipped; [`Message::parse_with_warnings`] lists them.
    pub fn parse(input: &str) -> Result<Message> {
        Message::parse_with_warnings(input).map(|(message, _)| message)
    }

    /// Parses like [`Message::parse`], and lists what the model did not take: every element
    /// (with its subtree) and attribute outside the model, empty elements, and text where only
    /// elements belong, each with its path. Writing the message, or its JSON form, leaves
    /// exactly these out.
    pub fn parse_with_warnings(input: &str) -> Result<(Message, Vec<Warning>)> {
        Message::parse_report(input).map(|report| (report.message, report.dropped))
    }

    /// Parses like [`Message::parse_with_warnings`], and also checks the document's consistency
    /// ([`Document::warnings_at`]); both lists name paths the same way (`/message/Document/...`
    /// in an envelope, `/Document/...` for a bare Document).
    pub fn parse_report(input: &str) -> Result<Report> {
        let root = xml::parse(input)?;
        let root_path = format!("/{}", root.name);
        let top = Walk::root(&root, root_path.clone());
        let message = match root.name.as_str() {
            "Document" => {
                let (definition, document) = read_document(&top)?;
                Message {
                    definition,
                    app_hdr: None,
                    document,
                }
            }
            "AppHdr" => {
                return Err(top.error(
                    "an AppHdr alone has no Document; parse it with AppHdr::parse_xml, or send it in an envelope with its Document",
                ));
            }
            _ if root.namespace.is_some()
                && root.namespace.as_deref() != Some(SWIFT_ENVELOPE_NAMESPACE) =>
            {
                return Err(top.error(format!(
                    "unknown root element in namespace {:?}: expected Document, or an envelope holding AppHdr and Document (without a namespace, or in {SWIFT_ENVELOPE_NAMESPACE:?})",
                    root.namespace.as_deref().unwrap_or("")
                )));
            }
            _ => {
                if let Some(other) = root
                    .children
                    .iter()
                    .find(|c| c.name != "AppHdr" && c.name != "Document")
                {
                    return Err(Error::new(
                        format!("{}/{}", top.path(), other.name),
                        "an envelope holds only an AppHdr and a Document: this element is not part of an ISO 20022 message",
                    ));
                }
                let app_hdr = top.opt_with("AppHdr", read_header)?;
                let document = top.req("Document")?;
                let (definition, document) = read_document(&document)?;
                if let Some(h) = &app_hdr
                    && h.message_definition_id.as_str().trim() != definition.to_string()
                {
                    return Err(Error::new(
                        format!("{}/AppHdr/MsgDefIdr", top.path()),
                        format!(
                            "names {} but the Document is {definition}",
                            h.message_definition_id
                        ),
                    ));
                }
                Message {
                    definition,
                    app_hdr,
                    document,
                }
            }
        };
        let warnings = warnings_of(&root, &root_path);
        let document_path = if root.name == "Document" {
            root_path
        } else {
            format!("{root_path}/Document")
        };
        let checks = message.document.warnings_at(&document_path);
        Ok(Report {
            message,
            dropped: warnings,
            checks,
        })
    }

    /// Writes the message in its own version.
    pub fn to_xml(&self) -> Result<String> {
        self.to_xml_version(self.definition.version)
    }

    /// Writes the message in `version` (e.g. a `.07` message read from a bank, written as
    /// `.08`). Refuses versions this crate does not write.
    pub fn to_xml_version(&self, version: u8) -> Result<String> {
        self.to_xml_in(version, Envelope::Plain)
    }

    /// Writes the message in `version`, a header and its document in `envelope`. A SWIFT
    /// envelope needs a header.
    pub fn to_xml_in(&self, version: u8, envelope: Envelope) -> Result<String> {
        let def = MsgDef::new(self.document.kind(), version);
        def.check_write()?;
        let mut x = Writer::new();
        x.declaration();
        match (&self.app_hdr, envelope) {
            (None, Envelope::Plain) => self.document.write(&mut x, def),
            (None, Envelope::Swift) => {
                return Err(Error::new(
                    "app_hdr",
                    "a SWIFT envelope carries an AppHdr and this message has none: add one, or write the bare Document",
                ));
            }
            (Some(h), envelope) => {
                match envelope {
                    Envelope::Plain => x.start_required(ENVELOPE),
                    Envelope::Swift => x.start_required_with(
                        SWIFT_ENVELOPE,
                        &[("xmlns", SWIFT_ENVELOPE_NAMESPACE)],
                    ),
                }
                h.write(
                    &mut x,
                    &MsgDef::latest(Kind::Head001).namespace(),
                    Some(&def.to_string()),
                );
                self.document.write(&mut x, def);
                x.end();
            }
        }
        x.finish()
    }

    /// The JSON form: `{"message": "pacs.008.001.08", "app_hdr": {...}, "document": {...}}`.
    pub fn to_json(&self) -> Result<serde_json::Value> {
        let app_hdr = match &self.app_hdr {
            Some(h) => Some(
                serde_json::to_value(h).map_err(|e| Error::new("app_hdr", format!("JSON: {e}")))?,
            ),
            None => None,
        };
        let json = MessageJson {
            message: self.definition,
            app_hdr,
            document: self.document.to_json()?,
        };
        serde_json::to_value(json).map_err(|e| Error::new("", format!("JSON: {e}")))
    }

    /// Reads the JSON form. `expected` (from `--type`) must agree with the `message` field; a
    /// bare document (no `message`/`document` wrapper) is accepted when `expected` is given.
    /// Errors name the JSON path (`document.transactions[0].debtor_agent.lei`) and the reason.
    pub fn from_json(value: serde_json::Value, expected: Option<MsgDef>) -> Result<Message> {
        let wrapped = value.get("document").is_some() && value.get("message").is_some();
        if !wrapped {
            let Some(def) = expected else {
                return Err(Error::new(
                    "message",
                    "missing: give {\"message\": \"pacs.008.001.08\", \"document\": {...}} or name the type",
                ));
            };
            return Ok(Message {
                definition: def,
                app_hdr: None,
                document: Document::from_json(def.kind, value)?,
            });
        }
        let json: MessageJson = from_json_value(value, "")?;
        json.message.check_read().map_err(|e| e.under("message"))?;
        if let Some(def) = expected
            && def.kind != json.message.kind
        {
            return Err(Error::new(
                "message",
                format!("is {} but {} was asked for", json.message, def.kind.name()),
            ));
        }
        let app_hdr: Option<AppHdr> = match json.app_hdr {
            Some(value) => {
                check_no_blank_objects(&value, "app_hdr")?;
                let header: AppHdr = from_json_value(value, "app_hdr")?;
                if header.message_definition_id.as_str() != json.message.to_string() {
                    return Err(Error::new(
                        "app_hdr.message_definition_id",
                        format!(
                            "names {} but the message is {}",
                            header.message_definition_id, json.message
                        ),
                    ));
                }
                Some(header)
            }
            None => None,
        };
        Ok(Message {
            definition: json.message,
            app_hdr,
            document: Document::from_json_at(json.message.kind, json.document, "document")?,
        })
    }
}

impl AppHdr {
    /// Parses a standalone `<AppHdr>`.
    pub fn parse_xml(input: &str) -> Result<AppHdr> {
        AppHdr::parse_xml_with_warnings(input).map(|(header, _)| header)
    }

    /// Parses a standalone `<AppHdr>` and lists what the model did not take (as
    /// [`Message::parse_with_warnings`] does).
    pub fn parse_xml_with_warnings(input: &str) -> Result<(AppHdr, Vec<Warning>)> {
        let root = xml::parse(input)?;
        let root_path = format!("/{}", root.name);
        let top = Walk::root(&root, root_path.clone());
        if root.name != "AppHdr" {
            return Err(top.error("expected an AppHdr root element"));
        }
        let header = read_header(&top)?;
        Ok((header, warnings_of(&root, &root_path)))
    }

    /// Writes a standalone `<AppHdr>` in head.001.001.02.
    pub fn to_xml(&self) -> Result<String> {
        let mut x = Writer::new();
        x.declaration();
        self.write(&mut x, &MsgDef::latest(Kind::Head001).namespace(), None);
        x.finish()
    }
}

/// Parses a message that must be of `kind` (any version this crate reads).
pub fn parse_kind(kind: Kind, input: &str) -> Result<Message> {
    let message = Message::parse(input)?;
    if message.document.kind() != kind {
        return Err(Error::new(
            "/Document",
            format!("is {}, not {}", message.definition, kind.name()),
        ));
    }
    Ok(message)
}

/// Parses any supported message (see [`Message::parse`]).
pub fn parse(input: &str) -> Result<Message> {
    Message::parse(input)
}
