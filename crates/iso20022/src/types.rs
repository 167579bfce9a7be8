//! Value types that follow their schema patterns: texts with a maximum length, BICFI, IBAN (with
//! the mod-97 check and the country's registered length and format), LEI, UETR, country codes,
//! dates, exact amounts and decimals, and the closed code lists used here.
//!
//! Every type validates on construction, so a value that exists is schema-valid; the serde
//! (JSON) forms go through the same checks.

use crate::error::{Error, Result};
use money::{Currency, Money};
use serde::{Deserialize, Serialize};

fn bad(reason: impl Into<String>) -> Error {
    Error::new("", reason)
}

/// What every validated text type has besides its constructor `new`: `as_str`, and the
/// conversions from and to `String` (serde's forms) and text, all through `new`.
macro_rules! text_impls {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(text: String) -> Result<$name> {
                $name::new(text)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(text: &str) -> Result<$name> {
                $name::new(text)
            }
        }
    };
}

macro_rules! string_type {
    ($(#[$meta:meta])* $name:ident, $check:path) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks `text` against the schema pattern.
            pub fn new(text: impl Into<String>) -> Result<$name> {
                let text = text.into();
                $check(&text)?;
                Ok($name(text))
            }
        }

        text_impls!($name);
    };
}

/// Free text of 1..=`N` characters (`Max35Text`, `Max140Text`, ...), XML 1.0 characters only.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Text<const N: usize>(String);

pub type Max4Text = Text<4>;
pub type Max16Text = Text<16>;
pub type Max34Text = Text<34>;
pub type Max35Text = Text<35>;
pub type Max70Text = Text<70>;
pub type Max105Text = Text<105>;
pub type Max140Text = Text<140>;
pub type Max500Text = Text<500>;
/// An external code (`ExternalPurpose1Code`, `ExternalStatusReason1Code`, ...): 1..=4 characters.
/// The few longer ones have their own length: `ExternalLocalInstrument1Code` 1..=35
/// ([`LocalInstrumentCode`]), `ExternalClearingSystemIdentification1Code` 1..=5,
/// `ExternalCashClearingSystem1Code` 1..=3.
pub type Code = CodeText<4>;
/// `ExternalLocalInstrument1Code`: 1..=35 characters.
pub type LocalInstrumentCode = CodeText<35>;

impl<const N: usize> Text<N> {
    pub fn new(text: impl Into<String>) -> Result<Text<N>> {
        let text = text.into();
        let count = text.chars().count();
        if count == 0 {
            return Err(bad(format!(
                "empty text; Max{N}Text needs 1 to {N} characters"
            )));
        }
        if count > N {
            return Err(bad(format!(
                "{count} characters; Max{N}Text allows at most {N}: {:?}",
                shorten(&text)
            )));
        }
        if let Some(c) = text.chars().find(|c| !crate::xml::xml_char(*c)) {
            return Err(bad(format!(
                "character U+{:04X} is not allowed in XML 1.0",
                c as u32
            )));
        }
        Ok(Text(text))
    }

    /// Cuts `text` to `N` characters (for generated ids and names); empty text gets `fallback`.
    pub fn truncated(text: &str, fallback: &str) -> Result<Text<N>> {
        let cleaned: String = text
            .chars()
            .filter(|c| crate::xml::xml_char(*c))
            .take(N)
            .collect();
        if cleaned.is_empty() {
            Text::new(fallback)
        } else {
            Text::new(cleaned)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A code of 1..=`N` characters (the schema's `External...Code` types), without surrounding
/// blanks: codes are read as tokens, so a value with blanks at either end could not round-trip.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CodeText<const N: usize>(String);

impl<const N: usize> CodeText<N> {
    pub fn new(text: impl Into<String>) -> Result<CodeText<N>> {
        let text = Text::<N>::new(text)?.0;
        if text.trim() != text {
            return Err(bad(format!("code {text:?} has blanks around it")));
        }
        Ok(CodeText(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<const N: usize> TryFrom<String> for CodeText<N> {
    type Error = Error;
    fn try_from(text: String) -> Result<CodeText<N>> {
        CodeText::new(text)
    }
}

impl<const N: usize> From<CodeText<N>> for String {
    fn from(value: CodeText<N>) -> String {
        value.0
    }
}

impl<const N: usize> std::str::FromStr for CodeText<N> {
    type Err = Error;
    fn from_str(text: &str) -> Result<CodeText<N>> {
        CodeText::new(text)
    }
}

impl<const N: usize> std::fmt::Display for CodeText<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn shorten(text: &str) -> String {
    let head: String = text.chars().take(40).collect();
    if head.len() < text.len() {
        format!("{head}...")
    } else {
        head
    }
}

impl<const N: usize> TryFrom<String> for Text<N> {
    type Error = Error;
    fn try_from(text: String) -> Result<Text<N>> {
        Text::new(text)
    }
}

impl<const N: usize> From<Text<N>> for String {
    fn from(value: Text<N>) -> String {
        value.0
    }
}

impl<const N: usize> std::str::FromStr for Text<N> {
    type Err = Error;
    fn from_str(text: &str) -> Result<Text<N>> {
        Text::new(text)
    }
}

impl<const N: usize> std::fmt::Display for Text<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn all(text: &str, range: std::ops::Range<usize>, ok: fn(u8) -> bool) -> bool {
    text.as_bytes()
        .get(range)
        .is_some_and(|b| b.iter().all(|&c| ok(c)))
}

fn upper_or_digit(c: u8) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit()
}

fn check_bicfi(text: &str) -> Result<()> {
    let n = text.len();
    let ok = (n == 8 || n == 11)
        && all(text, 0..4, upper_or_digit)
        && all(text, 4..6, |c| c.is_ascii_uppercase())
        && all(text, 6..n, upper_or_digit);
    if ok {
        Ok(())
    } else {
        Err(bad(format!(
            "{:?} is not a BICFI: 4 letters or digits, a 2-letter country, 2 letters or digits, optionally 3 more ([A-Z0-9]{{4}}[A-Z]{{2}}[A-Z0-9]{{2}}([A-Z0-9]{{3}})?)",
            shorten(text)
        )))
    }
}

string_type!(
    /// A financial institution's BIC (`BICFIDec2014Identifier`): 8 or 11 characters.
    Bicfi,
    check_bicfi
);

impl Bicfi {
    /// The two-letter country of the BIC (positions 5-6).
    pub fn country(&self) -> &str {
        &self.0[4..6]
    }
}

/// ISO 7064 mod 97-10 over letters (A=10 .. Z=35) and digits, after moving the first four
/// characters to the end when `rotate` is set (IBAN) or not (LEI).
fn mod97(text: &str, rotate: bool) -> u32 {
    let bytes = text.as_bytes();
    let (head, tail) = if rotate && bytes.len() >= 4 {
        (&bytes[4..], &bytes[..4])
    } else {
        (bytes, &bytes[..0])
    };
    let mut remainder: u32 = 0;
    for &c in head.iter().chain(tail) {
        let value = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            b'a'..=b'z' => u32::from(c - b'a') + 10,
            _ => 0,
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    remainder
}

/// The registered format of a country's IBAN, if the registry knows the country.
pub fn iban_format(country: &str) -> Option<(u8, &'static str, bool)> {
    crate::iban_registry::IBAN_FORMATS
        .binary_search_by(|row| row.0.cmp(country))
        .ok()
        .map(|i| {
            let row = crate::iban_registry::IBAN_FORMATS[i];
            (row.1, row.2, row.3)
        })
}

/// Checks a BBAN against registry notation such as `4!a16!c` (n digits, a upper-case letters,
/// c letters or digits; `!` = fixed length).
fn bban_matches(bban: &str, spec: &str) -> bool {
    let mut rest = bban.as_bytes();
    let mut spec = spec.as_bytes();
    while !spec.is_empty() {
        let digits = spec.iter().take_while(|c| c.is_ascii_digit()).count();
        let Ok(count) = std::str::from_utf8(&spec[..digits])
            .unwrap_or("")
            .parse::<usize>()
        else {
            return false;
        };
        spec = &spec[digits..];
        if spec.first() == Some(&b'!') {
            spec = &spec[1..];
        }
        let Some(&kind) = spec.first() else {
            return false;
        };
        spec = &spec[1..];
        if rest.len() < count {
            return false;
        }
        let ok = rest[..count].iter().all(|&c| match kind {
            b'n' => c.is_ascii_digit(),
            b'a' => c.is_ascii_uppercase(),
            b'c' => c.is_ascii_alphanumeric(),
            _ => false,
        });
        if !ok {
            return false;
        }
        rest = &rest[count..];
    }
    rest.is_empty()
}

fn check_iban(text: &str) -> Result<()> {
    let b = text.as_bytes();
    let shape = b.len() >= 5
        && b.len() <= 34
        && all(text, 0..2, |c| c.is_ascii_uppercase())
        && all(text, 2..4, |c| c.is_ascii_digit())
        && all(text, 4..b.len(), |c| c.is_ascii_alphanumeric());
    if !shape {
        let hint = if text.contains(' ') {
            " (spaces are the print format; the electronic format has none)"
        } else {
            ""
        };
        return Err(bad(format!(
            "{:?} is not an IBAN: 2 letters, 2 check digits, 1 to 30 letters or digits{hint}",
            shorten(text)
        )));
    }
    let country = &text[..2];
    if let Some((length, spec, _)) = iban_format(country) {
        if b.len() != usize::from(length) {
            return Err(bad(format!(
                "IBAN {text:?} has {} characters; {country} IBANs have {length}",
                b.len()
            )));
        }
        if !bban_matches(&text[4..], spec) {
            return Err(bad(format!(
                "IBAN {text:?}: the account part does not follow the {country} format {spec}"
            )));
        }
    }
    if mod97(text, true) != 1 {
        return Err(bad(format!(
            "IBAN {text:?} fails the mod-97 check (wrong check digits or a mistyped character)"
        )));
    }
    Ok(())
}

string_type!(
    /// An IBAN in electronic format (`IBAN2007Identifier`), mod-97 checked, and checked against
    /// the country's registered length and BBAN format when the registry knows the country.
    Iban,
    check_iban
);

impl Iban {
    /// Accepts the print format too (`PK36 SCBL 0000 ...`, any case): spaces dropped, upper-cased.
    pub fn from_print(text: &str) -> Result<Iban> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        Iban::new(compact)
    }

    pub fn country(&self) -> &str {
        &self.0[..2]
    }
}

fn check_lei(text: &str) -> Result<()> {
    let ok = text.len() == 20
        && all(text, 0..18, upper_or_digit)
        && all(text, 18..20, |c| c.is_ascii_digit());
    if !ok {
        return Err(bad(format!(
            "{:?} is not a LEI: 18 letters or digits and 2 check digits",
            shorten(text)
        )));
    }
    if mod97(text, false) != 1 {
        return Err(bad(format!(
            "LEI {text:?} fails the mod-97 check (ISO 17442)"
        )));
    }
    Ok(())
}

string_type!(
    /// A Legal Entity Identifier (`LEIIdentifier`, ISO 17442), mod-97 checked.
    Lei,
    check_lei
);

fn check_uetr(text: &str) -> Result<()> {
    let b = text.as_bytes();
    let hex = |c: u8| c.is_ascii_digit() || (b'a'..=b'f').contains(&c);
    let ok = b.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && b.iter()
            .enumerate()
            .all(|(i, &c)| [8, 13, 18, 23].contains(&i) || hex(c))
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b');
    if ok {
        Ok(())
    } else {
        Err(bad(format!(
            "{:?} is not a UETR: a lower-case UUID version 4 (xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx)",
            shorten(text)
        )))
    }
}

string_type!(
    /// Unique end-to-end transaction reference (`UUIDv4Identifier`): lower-case UUID v4.
    Uetr,
    check_uetr
);

impl Uetr {
    /// A UETR derived from `seed`: the first 128 bits of its SHA-256, with the version (4) and
    /// variant bits set, for generators whose output must be reproducible. Two different seeds
    /// give the same UETR with probability about 2^-122; the seed must therefore hold everything
    /// that makes the transaction unique (see [`crate::generate`]).
    pub fn from_seed(seed: &[u8]) -> Uetr {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(seed);
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Uetr(format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        ))
    }
}

fn check_country(text: &str) -> Result<()> {
    if text.len() == 2 && all(text, 0..2, |c| c.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(bad(format!(
            "{:?} is not a country code: two upper-case letters",
            shorten(text)
        )))
    }
}

string_type!(
    /// ISO 3166 alpha-2 country code (`CountryCode`, pattern `[A-Z]{2}`).
    CountryCode,
    check_country
);

fn number(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = text.get(range)?;
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

fn valid_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (number(text, 0..4), number(text, 5..7), number(text, 8..10))
    else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days).contains(&d)
}

/// A time zone as `xs:date`/`xs:dateTime` write it: `Z`, or `+hh:mm`/`-hh:mm` up to 14:00.
fn valid_zone(zone: &str) -> bool {
    let z = zone.as_bytes();
    zone == "Z"
        || z.len() == 6
            && (z[0] == b'+' || z[0] == b'-')
            && z[3] == b':'
            && match (number(zone, 1..3), number(zone, 4..6)) {
                (Some(h), Some(m)) => h < 14 && m <= 59 || h == 14 && m == 0,
                _ => false,
            }
}

fn check_date(text: &str) -> Result<()> {
    // `xs:date` may carry a time zone (`2026-11-22Z`, `2026-11-22+05:00`); it is kept as sent.
    let ok = match text.get(..10) {
        Some(date) => valid_date(date) && (text.len() == 10 || valid_zone(&text[10..])),
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(bad(format!(
            "{:?} is not a date YYYY-MM-DD[Z|+hh:mm] (ISODate)",
            shorten(text)
        )))
    }
}

string_type!(
    /// A calendar date `YYYY-MM-DD` (`ISODate`), checked against the calendar, with the
    /// optional time zone `xs:date` allows.
    IsoDate,
    check_date
);

fn check_time(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(h), Some(m), Some(s)) = (number(text, 0..2), number(text, 3..5), number(text, 6..8))
    else {
        return false;
    };
    if h > 23 || m > 59 || s > 59 {
        return false;
    }
    let mut rest = &text[8..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    rest.is_empty() || valid_zone(rest)
}

fn check_date_time(text: &str) -> Result<()> {
    let ok = text.len() > 11
        && text.as_bytes()[10] == b'T'
        && valid_date(&text[..10])
        && check_time(&text[11..]);
    if ok {
        Ok(())
    } else {
        Err(bad(format!(
            "{:?} is not a date-time YYYY-MM-DDThh:mm:ss[.f][Z|+hh:mm] (ISODateTime)",
            shorten(text)
        )))
    }
}

string_type!(
    /// A date and time (`ISODateTime`, `xs:dateTime`), with optional fraction and zone.
    IsoDateTime,
    check_date_time
);

/// Reads `text` as an `xs:decimal` (optional sign, digits, optional `.` and digits, at least one
/// digit) and returns its canonical form: no `+`, no leading zeros before the point, no trailing
/// zeros after it (and no point when nothing follows it), `0` for zero. The value is checked
/// against the schema facets on that form: at most `fraction` digits after the point and `total`
/// significant digits in all. `sign` says what a minus sign means for this type.
pub(crate) fn normalise_decimal(
    text: &str,
    total: usize,
    fraction: usize,
    sign: Sign,
    what: &str,
) -> Result<String> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits_ok = whole.bytes().all(|c| c.is_ascii_digit())
        && frac.bytes().all(|c| c.is_ascii_digit())
        && !(whole.is_empty() && frac.is_empty());
    if !digits_ok {
        return Err(bad(format!(
            "{:?} is not a {what}: digits with an optional sign and '.', no exponent or spaces",
            shorten(text)
        )));
    }
    let whole = whole.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let zero = whole.is_empty() && frac.is_empty();
    if frac.len() > fraction {
        return Err(bad(format!(
            "{:?} is not a {what}: {} digits after the point; at most {fraction} are allowed",
            shorten(text),
            frac.len()
        )));
    }
    let significant = format!("{whole}{frac}");
    let significant = significant.trim_start_matches('0').len();
    if significant > total {
        return Err(bad(format!(
            "{:?} is not a {what}: {significant} significant digits; at most {total} are allowed",
            shorten(text)
        )));
    }
    if negative && !zero {
        match sign {
            Sign::Any => {}
            Sign::NotNegative => {
                return Err(bad(format!(
                    "{:?} is not a {what}: it may not be negative",
                    shorten(text)
                )));
            }
            Sign::Positive => {}
        }
    }
    if sign == Sign::Positive && (negative || zero) {
        return Err(bad(format!(
            "{:?} is not a usable {what}: it must be greater than zero",
            shorten(text)
        )));
    }
    let mut out = String::with_capacity(whole.len() + frac.len() + 3);
    if negative && !zero {
        out.push('-');
    }
    out.push_str(if whole.is_empty() { "0" } else { whole });
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    Ok(out)
}

/// What a decimal type allows for its sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sign {
    /// Any value (the schema has no bound).
    Any,
    /// Zero or more (`minInclusive 0`).
    NotNegative,
    /// More than zero (a rate; stricter than the schema, which has no bound).
    Positive,
}

macro_rules! decimal_type {
    ($(#[$meta:meta])* $name:ident, $total:literal, $fraction:literal, $sign:expr) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Reads an `xs:decimal` and keeps its canonical form (see the type's doc); refuses
            /// what does not fit the schema's digits.
            pub fn new(text: impl AsRef<str>) -> Result<$name> {
                normalise_decimal(text.as_ref(), $total, $fraction, $sign, stringify!($name))
                    .map($name)
            }
        }

        text_impls!($name);
    };
}

decimal_type!(
    /// `DecimalNumber` (control sums, statement totals): at most 18 significant digits, 17
    /// after the point. Kept in canonical form (`"5000.000"` and `"+05000"` become `"5000"`), so
    /// what is written always meets the schema's digit limits.
    DecimalNumber,
    18,
    17,
    Sign::Any
);

decimal_type!(
    /// `NonNegativeDecimalNumber` (a statement's net total): as [`DecimalNumber`], never negative.
    NonNegativeDecimalNumber,
    18,
    17,
    Sign::NotNegative
);

impl DecimalNumber {
    /// The sum of `amounts` in their own decimals, as a `DecimalNumber` (as CBPR+ control sums
    /// are written). Fails on overflow of the 18-digit limit.
    pub fn sum(amounts: &[Amount]) -> Result<DecimalNumber> {
        // Sum at the largest scale among the amounts.
        let scale = amounts
            .iter()
            .map(|a| a.currency().minor_units().unwrap_or(0))
            .max()
            .unwrap_or(0);
        let mut total: i128 = 0;
        for amount in amounts {
            let units = amount.currency().minor_units().unwrap_or(0);
            let factor = 10i128.pow(u32::from(scale - units));
            total = amount
                .minor()
                .checked_mul(factor)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(|| bad("control sum overflows"))?;
        }
        let digits = format!("{total:0>width$}", width = usize::from(scale) + 1);
        let text = if scale == 0 {
            digits
        } else {
            let (whole, fraction) = digits.split_at(digits.len() - usize::from(scale));
            format!("{whole}.{fraction}")
        };
        DecimalNumber::new(&text).map_err(|_| {
            bad(format!(
                "the amounts add up to {text}, more than the 18 digits of a DecimalNumber"
            ))
        })
    }
}

decimal_type!(
    /// `BaseOneRate` (exchange rates): at most 11 significant digits, 10 after the point; kept in
    /// canonical form. A rate must be greater than zero (the schema itself has no bound; a zero
    /// or negative rate is refused as meaningless).
    BaseOneRate,
    11,
    10,
    Sign::Positive
);

fn check_numeric_text(text: &str) -> Result<()> {
    if !text.is_empty() && text.len() <= 15 && text.bytes().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(bad(format!(
            "{:?} is not 1 to 15 digits (Max15NumericText)",
            shorten(text)
        )))
    }
}

string_type!(
    /// `Max15NumericText`: 1 to 15 digits (counts such as `NbOfTxs`).
    Max15NumericText,
    check_numeric_text
);

/// Largest amount in minor units that fits `totalDigits 18` with all its decimals written.
pub const AMOUNT_LIMIT: i128 = 1_000_000_000_000_000_000;

/// An exact amount of a currency (`ActiveCurrencyAndAmount` and the `ActiveOrHistoric` kind):
/// non-negative, in the currency's minor units, below 10^18 minor units (the schema's 18 total
/// digits). JSON form: `{"amount": "1234.50", "currency": "PKR"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "AmountJson", into = "AmountJson")]
pub struct Amount(Money);

/// The JSON form of [`Amount`]: the amount as a decimal string, and the currency code.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountJson {
    pub amount: String,
    /// Checked while reading, so that an error names this field (`....currency`).
    #[serde(deserialize_with = "checked_currency")]
    pub currency: String,
}

fn checked_currency<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let code = String::deserialize(d)?;
    parse_currency(&code).map_err(|e| serde::de::Error::custom(e.reason))?;
    Ok(code)
}

impl Amount {
    /// `minor` units of `currency`; refused when negative, too large or of a currency without
    /// minor units.
    pub fn new(currency: Currency, minor: i128) -> Result<Amount> {
        currency.minor_units().map_err(|e| bad(e.to_string()))?;
        if minor < 0 {
            return Err(bad("amounts are never negative (direction is CRDT/DBIT)"));
        }
        if minor >= AMOUNT_LIMIT {
            return Err(bad(format!(
                "{minor} minor units of {currency} exceed the schema's 18 digits"
            )));
        }
        Ok(Amount(Money { currency, minor }))
    }

    /// Parses the element text and `Ccy` attribute of an amount, exactly.
    pub fn parse(text: &str, currency_code: &str) -> Result<Amount> {
        let currency = parse_currency(currency_code).map_err(|e| Error::new("@Ccy", e.reason))?;
        let minor = money::parse_minor(text, currency).map_err(|e| bad(e.to_string()))?;
        Amount::new(currency, minor)
    }

    pub fn currency(&self) -> Currency {
        self.0.currency
    }

    pub fn minor(&self) -> i128 {
        self.0.minor
    }

    pub fn money(&self) -> Money {
        self.0
    }

    /// The amount with exactly the currency's decimals, e.g. `"1234.50"`.
    pub fn decimal(&self) -> String {
        money::format_minor(self.0.minor, self.0.currency)
            .unwrap_or_else(|_| self.0.minor.to_string())
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.decimal(), self.currency())
    }
}

impl TryFrom<AmountJson> for Amount {
    type Error = Error;
    fn try_from(json: AmountJson) -> Result<Amount> {
        Amount::parse(&json.amount, &json.currency)
    }
}

impl From<Amount> for AmountJson {
    fn from(amount: Amount) -> AmountJson {
        AmountJson {
            amount: amount.decimal(),
            currency: amount.currency().code().to_string(),
        }
    }
}

/// A currency code as it appears in `Ccy` attributes and elements; checked against the current
/// ISO 4217 table. Where the schema says `ActiveOrHistoric...`, a historic code (e.g. `DEM`) is
/// schema-valid but refused here: amounts are checked against the currency's minor units, and
/// the current list is the one this crate has them for.
pub fn parse_currency(text: &str) -> Result<Currency> {
    Currency::from_code(text).map_err(|e| {
        if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) {
            bad(format!(
                "{e}; only current ISO 4217 currencies are accepted (historic codes are refused: their minor units cannot be checked)"
            ))
        } else {
            bad(e.to_string())
        }
    })
}

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn parse(text: &str) -> Result<$name> {
                match text {
                    $($code => Ok($name::$variant),)+
                    other => Err(bad(format!(
                        "{:?} is not a {}: one of {}",
                        shorten(other),
                        stringify!($name),
                        [$($code),+].join(", ")
                    ))),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

code_enum!(
    /// `SettlementMethod1Code`.
    SettlementMethod { Inda = "INDA", Inga = "INGA", Cove = "COVE", Clrg = "CLRG" }
);
code_enum!(
    /// `ChargeBearerType1Code`.
    ChargeBearer { Debt = "DEBT", Cred = "CRED", Shar = "SHAR", Slev = "SLEV" }
);
code_enum!(
    /// `CreditDebitCode`.
    CreditDebit { Credit = "CRDT", Debit = "DBIT" }
);
code_enum!(
    /// `Priority3Code` (settlement priority).
    Priority3 { Urgent = "URGT", High = "HIGH", Normal = "NORM" }
);
code_enum!(
    /// `Priority2Code` (instruction priority).
    Priority2 { High = "HIGH", Normal = "NORM" }
);
code_enum!(
    /// `ClearingChannel2Code`.
    ClearingChannel { Rtgs = "RTGS", Rtns = "RTNS", Mpns = "MPNS", Book = "BOOK" }
);
code_enum!(
    /// `Instruction3Code` (instructions for the creditor agent).
    Instruction3 { Chqb = "CHQB", Hold = "HOLD", Phob = "PHOB", Telb = "TELB" }
);
code_enum!(
    /// `Instruction4Code` (instructions for the next agent).
    Instruction4 { Phoa = "PHOA", Tela = "TELA" }
);
code_enum!(
    /// `DocumentType3Code` (the type of a creditor reference; `SCOR` = structured
    /// communication reference).
    DocumentType3 { Radm = "RADM", Rpin = "RPIN", Fxdr = "FXDR", Disp = "DISP", Puor = "PUOR", Scor = "SCOR" }
);
code_enum!(
    /// `DocumentType6Code` (the type of a referred document; `CINV` = commercial invoice).
    DocumentType6 {
        Msin = "MSIN", Cnfa = "CNFA", Dnfa = "DNFA", Cinv = "CINV", Cren = "CREN", Debn = "DEBN",
        Hiri = "HIRI", Sbin = "SBIN", Cmcn = "CMCN", Soac = "SOAC", Disp = "DISP", Bold = "BOLD",
        Vchr = "VCHR", Aroi = "AROI", Tsut = "TSUT", Puor = "PUOR"
    }
);
code_enum!(
    /// `AddressType2Code`.
    AddressType { Addr = "ADDR", Pbox = "PBOX", Home = "HOME", Bizz = "BIZZ", Mlto = "MLTO", Dlvy = "DLVY" }
);

/// `true`/`false` (also `1`/`0`), as `xs:boolean` allows.
pub fn parse_bool(text: &str) -> Result<bool> {
    match text {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        other => Err(bad(format!(
            "{:?} is not a boolean (true or false)",
            shorten(other)
        ))),
    }
}

/// True when `code` is in the ISO external code set `ExternalStatusReason1Code`.
pub fn is_known_status_reason(code: &str) -> bool {
    crate::status_reasons::STATUS_REASON_CODES
        .binary_search(&code)
        .is_ok()
}

/// The ISO status reason codes this crate knows, sorted.
pub fn status_reason_codes() -> &'static [&'static str] {
    crate::status_reasons::STATUS_REASON_CODES
}

/// The IBAN registry table: (country, IBAN length, BBAN format, aspirational).
pub fn iban_formats() -> &'static [(&'static str, u8, &'static str, bool)] {
    crate::iban_registry::IBAN_FORMATS
}

/// Serde for a [`Currency`] as its code (`"PKR"`).
pub(crate) mod currency_code {
    use money::Currency;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(currency: &Currency, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(currency.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Currency, D::Error> {
        let code = String::deserialize(d)?;
        Currency::from_code(&code).map_err(serde::de::Error::custom)
    }
}

/// Serde for an optional [`Currency`].
pub(crate) mod opt_currency_code {
    use money::Currency;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(currency: &Option<Currency>, s: S) -> Result<S::Ok, S::Error> {
        match currency {
            Some(c) => s.serialize_some(c.code()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Currency>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(code) => Currency::from_code(&code)
                .map(Some)
                .map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}
