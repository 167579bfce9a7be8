//! Whole messages: a `Document` of one of the modelled types, optionally with its business
//! application header, parsed from and written to XML, and converted to and from JSON.
//!
//! Accepted input shapes:
//! * a bare `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">`;
//! * an envelope: any root element without a namespace (`<message>`, `<Envelope>`, ...) holding
//!   an optional `<AppHdr>` (head.001.001.01/.02) and one `<Document>`, as SWIFT-style
//!   transports and the Prowide samples carry them.
//!
//! Written: a bare Document when there is no header, otherwise `<message>` with `AppHdr`
//! (head.001.001.02) then `Document`. The envelope element has no schema of its own; each part
//! is valid against its official XSD ([`crate::xsd::validate`] checks both in one run).

use crate::camt053::Camt053;
use crate::error::{Error, Result};
use crate::head::AppHdr;
use crate::msgdef::{Kind, MsgDef};
use crate::pacs002::Pacs002;
use crate::pacs008::Pacs008;
use crate::pacs009::Pacs009;
use crate::xml::{self, Element, Walk, Writer};
use serde::{Deserialize, Serialize};

/// The name of the envelope element this crate writes around `AppHdr` + `Document`.
pub const ENVELOPE: &str = "message";

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

    /// Consistency problems that do not stop reading (header totals, statement balances).
    pub fn warnings(&self) -> Vec<String> {
        match self {
            Document::Pacs008(m) => m.check_totals(),
            Document::Pacs009(m) => m.check_totals(),
            Document::Pacs002(_) => Vec::new(),
            Document::Camt053(m) => m.check_balances(),
        }
    }

    fn read(w: &Walk, def: MsgDef) -> Result<Document> {
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

    fn write(&self, x: &mut Writer, def: MsgDef) -> Result<()> {
        x.start_with("Document", &[("xmlns", &def.namespace())]);
        match self {
            Document::Pacs008(m) => m.write(x)?,
            Document::Pacs009(m) => m.write(x)?,
            Document::Pacs002(m) => m.write(x)?,
            Document::Camt053(m) => m.write(x)?,
        }
        x.end();
        Ok(())
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

    /// The document of kind `kind` from its JSON form.
    pub fn from_json(kind: Kind, value: serde_json::Value) -> Result<Document> {
        let json = |e: serde_json::Error| {
            Error::new(
                "document",
                format!("not a valid {} document: {e}", kind.name()),
            )
        };
        Ok(match kind {
            Kind::Pacs008 => Document::Pacs008(serde_json::from_value(value).map_err(json)?),
            Kind::Pacs009 => Document::Pacs009(serde_json::from_value(value).map_err(json)?),
            Kind::Pacs002 => Document::Pacs002(serde_json::from_value(value).map_err(json)?),
            Kind::Camt053 => Document::Camt053(serde_json::from_value(value).map_err(json)?),
            Kind::Head001 => {
                return Err(Error::new(
                    "message",
                    "head.001 is a header, not a Document",
                ));
            }
        })
    }
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
    app_hdr: Option<AppHdr>,
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
    AppHdr::read(w)
}

fn read_document(w: &Walk) -> Result<(MsgDef, Document)> {
    let def = namespace_def(w.element, w.path())?;
    def.check_read().map_err(|e| e.under(w.path()))?;
    Ok((def, Document::read(w, def)?))
}

impl Message {
    /// Parses a bare Document or an envelope with AppHdr + Document.
    pub fn parse(input: &str) -> Result<Message> {
        let root = xml::parse(input)?;
        let top = Walk::root(&root, format!("/{}", root.name));
        match root.name.as_str() {
            "Document" => {
                let (definition, document) = read_document(&top)?;
                Ok(Message {
                    definition,
                    app_hdr: None,
                    document,
                })
            }
            "AppHdr" => Err(top.error(
                "an AppHdr alone has no Document; parse it with AppHdr::parse_xml, or send it in an envelope with its Document",
            )),
            _ if root.namespace.is_some() => Err(top.error(format!(
                "unknown root element in namespace {}: expected Document, or an envelope without a namespace holding AppHdr and Document",
                root.namespace.as_deref().unwrap_or("")
            ))),
            _ => {
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
                Ok(Message {
                    definition,
                    app_hdr,
                    document,
                })
            }
        }
    }

    /// Writes the message in its own version.
    pub fn to_xml(&self) -> Result<String> {
        self.to_xml_version(self.definition.version)
    }

    /// Writes the message in `version` (e.g. a `.07` message read from a bank, written as
    /// `.08`). Refuses versions this crate does not write.
    pub fn to_xml_version(&self, version: u8) -> Result<String> {
        let def = MsgDef::new(self.document.kind(), version);
        def.check_write()?;
        let mut x = Writer::new();
        x.declaration();
        match &self.app_hdr {
            None => self.document.write(&mut x, def)?,
            Some(h) => {
                x.start(ENVELOPE);
                h.write(
                    &mut x,
                    &MsgDef::latest(Kind::Head001).namespace(),
                    Some(&def.to_string()),
                );
                self.document.write(&mut x, def)?;
                x.end();
            }
        }
        Ok(x.finish())
    }

    /// The JSON form: `{"message": "pacs.008.001.08", "app_hdr": {...}, "document": {...}}`.
    pub fn to_json(&self) -> Result<serde_json::Value> {
        let json = MessageJson {
            message: self.definition,
            app_hdr: self.app_hdr.clone(),
            document: self.document.to_json()?,
        };
        serde_json::to_value(json).map_err(|e| Error::new("", format!("JSON: {e}")))
    }

    /// Reads the JSON form. `expected` (from `--type`) must agree with the `message` field; a
    /// bare document (no `message`/`document` wrapper) is accepted when `expected` is given.
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
        let json: MessageJson = serde_json::from_value(value)
            .map_err(|e| Error::new("", format!("not a message in JSON form: {e}")))?;
        json.message.check_read().map_err(|e| e.under("message"))?;
        if let Some(def) = expected
            && def.kind != json.message.kind
        {
            return Err(Error::new(
                "message",
                format!("is {} but {} was asked for", json.message, def.kind.name()),
            ));
        }
        Ok(Message {
            definition: json.message,
            app_hdr: json.app_hdr,
            document: Document::from_json(json.message.kind, json.document)?,
        })
    }
}

impl AppHdr {
    /// Parses a standalone `<AppHdr>`.
    pub fn parse_xml(input: &str) -> Result<AppHdr> {
        let root = xml::parse(input)?;
        let top = Walk::root(&root, format!("/{}", root.name));
        if root.name != "AppHdr" {
            return Err(top.error("expected an AppHdr root element"));
        }
        read_header(&top)
    }

    /// Writes a standalone `<AppHdr>` in head.001.001.02.
    pub fn to_xml(&self) -> String {
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
