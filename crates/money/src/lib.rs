//! Money for Corridor: currencies, exact amounts in minor units, exact rate conversion.
//!
//! * [`Currency`] comes from the ISO 4217 List One table, generated from the official XML into
//!   `iso4217_table.rs` (the test `iso4217_table_matches_official_list` regenerates and checks it).
//! * Amounts are integers of minor units (`i128`). Text ↔ minor units is exact: `"1234.5"` in PKR is
//!   `123450`. Too many decimals, signs, exponents, spaces and unknown codes are refused with a
//!   message that says why.
//! * [`Rate`] is an exact decimal (`4163.85`). [`Rate::convert`] rounds toward zero and returns the
//!   exact remainder, so the caller can book it.
//!
//! **Architecture invariant:** no IO, no clock, no floats, no dependencies. Overflow is an error.

mod currency;
mod decimal;
mod iso4217_table;
mod rate;

pub use currency::{Currency, IRR, PKR, USD};
pub use decimal::{Money, format_minor, parse_minor, parse_money};
pub use rate::{Conversion, Rate};

/// Why a money operation was refused. The text names the input and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    /// The code is not a current ISO 4217 alphabetic code.
    UnknownCurrency(String),
    /// The currency exists but has no minor units (gold, SDR, ...), so it cannot carry amounts.
    NoMinorUnits(&'static str),
    /// The amount text is malformed; `reason` says how.
    Malformed { text: String, reason: &'static str },
    /// More decimals than the currency's minor units allow.
    TooManyDecimals {
        text: String,
        currency: &'static str,
        allowed: u8,
    },
    /// The value does not fit the target integer type.
    Overflow { what: &'static str },
    /// A rate that is zero, negative or malformed.
    BadRate { text: String, reason: &'static str },
}

impl std::fmt::Display for MoneyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoneyError::UnknownCurrency(code) => {
                write!(
                    f,
                    "unknown currency {code:?}: not an ISO 4217 alphabetic code"
                )
            }
            MoneyError::NoMinorUnits(code) => {
                write!(
                    f,
                    "currency {code} has no minor units (N.A. in ISO 4217) and cannot carry amounts"
                )
            }
            MoneyError::Malformed { text, reason } => {
                write!(f, "amount {text:?} is malformed: {reason}")
            }
            MoneyError::TooManyDecimals {
                text,
                currency,
                allowed,
            } => write!(
                f,
                "amount {text:?} has too many decimals: {currency} allows at most {allowed}"
            ),
            MoneyError::Overflow { what } => write!(f, "overflow: {what} does not fit"),
            MoneyError::BadRate { text, reason } => write!(f, "rate {text:?} is invalid: {reason}"),
        }
    }
}

impl std::error::Error for MoneyError {}
