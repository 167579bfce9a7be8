//! ISO 20022 messages for Corridor: typed models, XML in both directions, JSON, and validation
//! against the official XSDs.
//!
//! | message | read | write | module |
//! |---|---|---|---|
//! | pacs.008 FI-to-FI customer credit transfer | .07, .08 | .08 | [`pacs008`] |
//! | pacs.009 FI credit transfer | .07, .08 | .08 | [`pacs009`] |
//! | pacs.002 payment status report | .10, .12 | .10, .12 | [`pacs002`] |
//! | camt.053 bank-to-customer statement | .02, .04, .07, .08 | .08 | [`camt053`] |
//! | head.001 business application header | .01, .02 | .02 | [`head`] |
//!
//! The version is a parameter ([`MsgDef`]); writing is limited to the versions whose official
//! XSD is in the fixtures, and the tests run `xmllint --schema` on what the crate writes.
//!
//! * **Exact amounts.** [`Amount`] is `money` minor units, checked against the currency's
//!   ISO 4217 minor units and the schema's 18 digits; never a float.
//! * **Identifiers follow their schema patterns**: [`Bicfi`], [`Iban`] (mod-97 plus the
//!   registry's length and BBAN format), [`Lei`], [`Uetr`] (UUID v4), [`Text`] (`Max35Text` ...).
//! * **Tolerant where the real world is, strict where it matters.** Unknown elements are skipped
//!   and listed with their paths ([`Message::parse_with_warnings`]), so nothing is dropped
//!   silently; required elements, amounts (precision, currency), identifiers, codes, dates,
//!   `NbOfTxs` and the namespace of every element are checked. Every [`Error`] names the
//!   element path (or, for JSON, the JSON path) and the reason, e.g.
//!   `/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt: amount "1.234" has too many
//!   decimals: PKR allows at most 2`.
//! * **Never writes what the schema refuses**: decimals are kept in canonical form and checked
//!   against their digit limits, codes against their lengths, and no element is written empty.
//! * **No panics on input.** Parsers return errors for anything malformed; input size, depth
//!   and element count are capped; no DTD is processed. Fuzz targets live in `fuzz/`.

pub mod camt053;
mod common;
mod error;
pub mod generate;
pub mod head;
mod iban_registry;
pub mod message;
pub mod msgdef;
pub mod pacs002;
pub mod pacs008;
pub mod pacs009;
mod status_reasons;
pub mod types;
pub mod xml;
pub mod xsd;

pub use common::{
    Account, AccountId, Agent, Charge, ClearingSystemId, ClearingSystemMember, CodeList,
    CodeOrProprietary, CreditorAgentInstruction, CreditorReference, DateOrDateTime,
    EnumOrProprietary, GenericId, NextAgentInstruction, Party, PartyId, PaymentId, PaymentType,
    PostalAddress, ReferenceKind, ReferredDocument, RelatedParty, Remittance, StructuredRemittance,
};
pub use error::{Error, Result};
pub use head::AppHdr;
pub use message::{Document, Envelope, Message, Warning, parse, parse_kind};
pub use msgdef::{Kind, MsgDef};
pub use types::*;
