//! Who takes part, validated: identifiers and names as the corridor accepts them.
//!
//! Each check returns the normalised value or a [`Refusal`] naming the field and the reason.
//!
//! * **BIC** (ISO 9362): 8 or 11 characters, `AAAA BB CC [DDD]`: institution (4 letters),
//!   country (2 letters, ISO 3166), location (2 letters or digits), optional branch (3).
//!   Upper case is required, as on the wire.
//! * **Tax ids**: Pakistan's NTN (7 digits, optionally `-` and a check digit) or a CNIC
//!   (13 digits, optionally as `NNNNN-NNNNNNN-N`); Iran's national id (10 digits, with its check
//!   digit verified) or a legal entity's national id (11 digits). Other countries: 1 to 35
//!   letters, digits or `-`.
//! * **Ids** (invoices, traders): 1 to 35 characters `A-Z a-z 0-9 . _ - /`, like ISO 20022's
//!   Max35Text restricted to what survives every system on the way.
//! * **Names**: 1 to 140 characters after trimming, no control characters; any script.

use crate::Refusal;

/// Longest id (ISO 20022 Max35Text).
pub const ID_MAX: usize = 35;
/// Longest name (ISO 20022 Max140Text).
pub const NAME_MAX: usize = 140;

/// Checks a BIC; returns its country code.
pub fn check_bic(field: &'static str, bic: &str) -> Result<String, Refusal> {
    let b = bic.as_bytes();
    if b.len() != 8 && b.len() != 11 {
        return Err(Refusal::new(
            field,
            format!("{bic:?} is not a BIC: 8 or 11 characters, not {}", b.len()),
        ));
    }
    let upper = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_uppercase);
    let alnum = |r: std::ops::Range<usize>| {
        b[r].iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    if !upper(0..4) {
        return Err(Refusal::new(
            field,
            format!("{bic:?}: the institution code (first 4) must be upper-case letters"),
        ));
    }
    if !upper(4..6) {
        return Err(Refusal::new(
            field,
            format!("{bic:?}: characters 5-6 must be an upper-case ISO 3166 country code"),
        ));
    }
    if !alnum(6..8) || (b.len() == 11 && !alnum(8..11)) {
        return Err(Refusal::new(
            field,
            format!("{bic:?}: location and branch codes are upper-case letters or digits"),
        ));
    }
    Ok(bic[4..6].to_string())
}

/// Checks an id (invoice, trader).
pub fn check_id(field: &'static str, id: &str) -> Result<(), Refusal> {
    if id.is_empty() || id.len() > ID_MAX {
        return Err(Refusal::new(
            field,
            format!("must be 1 to {ID_MAX} characters, not {}", id.len()),
        ));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/')))
    {
        return Err(Refusal::new(
            field,
            format!("{id:?} contains {c:?}; ids use A-Z a-z 0-9 . _ - /"),
        ));
    }
    Ok(())
}

/// Checks a name in any script; returns it trimmed.
pub fn check_name(field: &'static str, name: &str) -> Result<String, Refusal> {
    let trimmed = name.trim();
    let count = trimmed.chars().count();
    if count == 0 || count > NAME_MAX {
        return Err(Refusal::new(
            field,
            format!("must be 1 to {NAME_MAX} characters, not {count}"),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Refusal::new(field, "contains control characters"));
    }
    Ok(trimmed.to_string())
}

/// Checks a two-letter country code.
pub fn check_country(field: &'static str, code: &str) -> Result<(), Refusal> {
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Refusal::new(
            field,
            format!("{code:?} is not an ISO 3166 alpha-2 code (two upper-case letters)"),
        ));
    }
    Ok(())
}

/// Iran's national id check digit (kodmelli): weights 10..2 over the first nine digits.
fn iran_national_id_ok(digits: &[u8]) -> bool {
    let sum: u32 = digits[..9]
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(d - b'0') * (10 - i as u32))
        .sum();
    let r = sum % 11;
    let check = u32::from(digits[9] - b'0');
    if r < 2 { check == r } else { check == 11 - r }
}

/// Checks a tax id for a trader of `country`; returns it without separators.
pub fn check_tax_id(field: &'static str, country: &str, tax_id: &str) -> Result<String, Refusal> {
    let compact: String = tax_id.trim().chars().filter(|c| *c != '-').collect();
    let digits = compact.bytes().all(|b| b.is_ascii_digit());
    match country {
        "PK" => {
            if digits && matches!(compact.len(), 7 | 8 | 13) {
                Ok(compact)
            } else {
                Err(Refusal::new(
                    field,
                    format!(
                        "{tax_id:?} is not a Pakistani NTN (7 digits, optionally -check digit) or CNIC (13 digits)"
                    ),
                ))
            }
        }
        "IR" => {
            if digits && compact.len() == 11 {
                Ok(compact)
            } else if digits && compact.len() == 10 {
                if iran_national_id_ok(compact.as_bytes()) {
                    Ok(compact)
                } else {
                    Err(Refusal::new(
                        field,
                        format!("{tax_id:?}: the Iranian national id's check digit does not match"),
                    ))
                }
            } else {
                Err(Refusal::new(
                    field,
                    format!(
                        "{tax_id:?} is not an Iranian national id (10 digits) or legal entity id (11 digits)"
                    ),
                ))
            }
        }
        _ => {
            if !compact.is_empty()
                && compact.len() <= ID_MAX
                && compact.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                Ok(compact)
            } else {
                Err(Refusal::new(
                    field,
                    format!("{tax_id:?}: 1 to {ID_MAX} letters, digits or '-'"),
                ))
            }
        }
    }
}

/// A valid Iranian national id for `seed` (tests and the demo's generated traders).
pub fn iran_national_id(seed: u32) -> String {
    let mut digits: Vec<u8> = format!("{:09}", seed % 1_000_000_000).into_bytes();
    digits.push(b'0');
    for check in 0..=9u8 {
        digits[9] = b'0' + check;
        if iran_national_id_ok(&digits) {
            break;
        }
    }
    String::from_utf8(digits).unwrap_or_default()
}
