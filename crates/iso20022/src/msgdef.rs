//! Message definition identifiers (`pacs.008.001.08`) and the versions this crate reads and writes.
//!
//! The version is a parameter everywhere: adding `.09` means adding it to [`Kind::read_versions`]
//! / [`Kind::write_versions`] (and its XSD to the fixtures) once the model covers its differences.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// The message types this crate models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// FI-to-FI customer credit transfer.
    Pacs008,
    /// Financial institution credit transfer.
    Pacs009,
    /// FI-to-FI payment status report.
    Pacs002,
    /// Bank-to-customer statement.
    Camt053,
    /// Business application header.
    Head001,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Pacs008,
        Kind::Pacs009,
        Kind::Pacs002,
        Kind::Camt053,
        Kind::Head001,
    ];

    /// `pacs.008`, ...
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pacs008 => "pacs.008",
            Kind::Pacs009 => "pacs.009",
            Kind::Pacs002 => "pacs.002",
            Kind::Camt053 => "camt.053",
            Kind::Head001 => "head.001",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Versions accepted on reading. Older ones are read into the current model where the
    /// subset modelled here is the same (the differences that matter are handled; see each
    /// message module). They are never written: no official XSD for them is in the fixtures.
    pub fn read_versions(self) -> &'static [u8] {
        match self {
            Kind::Pacs008 | Kind::Pacs009 => &[7, 8],
            Kind::Pacs002 => &[10, 12],
            Kind::Camt053 => &[2, 4, 7, 8],
            Kind::Head001 => &[1, 2],
        }
    }

    /// Versions written (each validated against its official XSD by the tests).
    pub fn write_versions(self) -> &'static [u8] {
        match self {
            Kind::Pacs008 | Kind::Pacs009 | Kind::Camt053 => &[8],
            Kind::Pacs002 => &[10, 12],
            Kind::Head001 => &[2],
        }
    }

    /// The version written when none is asked for: the CBPR+ / Fedwire / T2 common denominator.
    pub fn default_version(self) -> u8 {
        match self {
            Kind::Pacs008 | Kind::Pacs009 | Kind::Camt053 => 8,
            Kind::Pacs002 => 10,
            Kind::Head001 => 2,
        }
    }

    /// The root element under `Document` (`FIToFICstmrCdtTrf`, ...).
    pub fn root_element(self) -> &'static str {
        match self {
            Kind::Pacs008 => "FIToFICstmrCdtTrf",
            Kind::Pacs009 => "FICdtTrf",
            Kind::Pacs002 => "FIToFIPmtStsRpt",
            Kind::Camt053 => "BkToCstmrStmt",
            Kind::Head001 => "AppHdr",
        }
    }
}

/// A message definition: kind and version, e.g. `pacs.008.001.08`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MsgDef {
    pub kind: Kind,
    pub version: u8,
}

pub const NAMESPACE_PREFIX: &str = "urn:iso:std:iso:20022:tech:xsd:";

impl MsgDef {
    pub fn new(kind: Kind, version: u8) -> MsgDef {
        MsgDef { kind, version }
    }

    /// The default write version of `kind`.
    pub fn latest(kind: Kind) -> MsgDef {
        MsgDef::new(kind, kind.default_version())
    }

    /// Parses `pacs.008.001.08`, or `pacs.008` (meaning the default version).
    pub fn parse(text: &str) -> Result<MsgDef> {
        let unknown = || {
            Error::new(
                "",
                format!(
                    "{text:?} is not a message this crate models: expected one of {} (optionally with .001.VV)",
                    Kind::ALL.map(Kind::name).join(", ")
                ),
            )
        };
        let (head, rest) = match text.char_indices().filter(|(_, c)| *c == '.').nth(1) {
            Some((i, _)) => (&text[..i], &text[i..]),
            None => (text, ""),
        };
        let kind = Kind::from_name(head).ok_or_else(unknown)?;
        if rest.is_empty() {
            return Ok(MsgDef::latest(kind));
        }
        let version = rest
            .strip_prefix(".001.")
            .filter(|v| v.len() == 2 && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<u8>().ok())
            .ok_or_else(|| {
                Error::new(
                    "",
                    format!(
                        "{text:?} is not a message identifier like {}.001.08",
                        kind.name()
                    ),
                )
            })?;
        Ok(MsgDef::new(kind, version))
    }

    /// Parses a namespace `urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08`.
    pub fn from_namespace(namespace: &str) -> Result<MsgDef> {
        let id = namespace.strip_prefix(NAMESPACE_PREFIX).ok_or_else(|| {
            Error::new(
                "",
                format!(
                    "namespace {namespace:?} is not an ISO 20022 namespace ({NAMESPACE_PREFIX}...)"
                ),
            )
        })?;
        match MsgDef::parse(id) {
            Ok(def) if id.len() == 15 => Ok(def),
            _ => Err(Error::new(
                "",
                format!(
                    "{id} is not a message this crate models (it reads {})",
                    Kind::ALL
                        .iter()
                        .filter(|k| **k != Kind::Head001)
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }

    pub fn namespace(&self) -> String {
        format!("{NAMESPACE_PREFIX}{self}")
    }

    fn versions_text(versions: &[u8]) -> String {
        versions
            .iter()
            .map(|v| format!(".{v:02}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Refuses a version this crate does not read.
    pub fn check_read(&self) -> Result<()> {
        if self.kind.read_versions().contains(&self.version) {
            Ok(())
        } else {
            Err(Error::new(
                "",
                format!(
                    "{self} is not supported: {} is read in versions {}",
                    self.kind.name(),
                    MsgDef::versions_text(self.kind.read_versions())
                ),
            ))
        }
    }

    /// Refuses a version this crate does not write.
    pub fn check_write(&self) -> Result<()> {
        if self.kind.write_versions().contains(&self.version) {
            Ok(())
        } else {
            Err(Error::new(
                "",
                format!(
                    "{self} is not written: {} is written in versions {} (those whose official XSD the tests validate against)",
                    self.kind.name(),
                    MsgDef::versions_text(self.kind.write_versions())
                ),
            ))
        }
    }
}

impl std::fmt::Display for MsgDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.001.{:02}", self.kind.name(), self.version)
    }
}

impl TryFrom<String> for MsgDef {
    type Error = Error;
    fn try_from(text: String) -> Result<MsgDef> {
        MsgDef::parse(&text)
    }
}

impl From<MsgDef> for String {
    fn from(def: MsgDef) -> String {
        def.to_string()
    }
}
