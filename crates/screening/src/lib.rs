//! Watch-list screening for Corridor: load the UN, OFAC and EU lists from the files a compliance
//! team downloads, and match party names against them across Latin, Arabic, Persian and Urdu
//! scripts, with a score and an explanation for every hit.
//!
//! * [`parse`] — one parser per format into one [`model`]; a malformed file is a
//!   [`ParseError`] naming the record and field, never a partial load.
//! * [`normalize`] — script normalisation, particles and honorifics, and the Latin skeleton
//!   that lets an Arabic-script name find its Latin entry.
//! * [`matcher`] — the [`Screener`]: an index with blocking keys, token similarity with a best
//!   assignment, DOB and nationality qualifiers, configurable thresholds ([`Config`]).
//! * [`orgwords`] — a bilingual vocabulary of organisation-name words (society, group,
//!   network, ...), an alternative reading for entities whose original name is a translation.
//! * [`eval`] — recall on the UN's original-script names (in-sample: the rules were written from
//!   them) and on a frozen held-out set of Persian names of UN Iran entries; false positives on
//!   a committed negative set of Pakistani and Iranian trader names, against a realistic
//!   19,000-entry index and on hard negatives; the trade-off curve.
//! * [`generate`] — seeded synthetic parties and an OFAC-sized list for the benchmark.
//!
//! Pure: no IO except what callers pass in as text, no clock, no threads unless
//! [`Screener::screen_batch`] is asked for more than one.

pub mod country;
pub mod error;
pub mod eval;
pub mod generate;
pub mod matcher;
pub mod model;
pub mod normalize;
pub mod orgwords;
pub mod parse;
mod xml;

pub use error::ParseError;
pub use matcher::{Config, Hit, Query, ReadingKind, Screener};
pub use model::*;
pub use xml::{decode_legacy_csv, decode_xml};
