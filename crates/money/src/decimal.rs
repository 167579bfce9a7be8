//! Exact decimal text ↔ integer minor units.
//!
//! Accepted text: ASCII digits, optionally a `.` and 1..=minor-units digits (`"1234"`, `"1234.5"`,
//! `"0.05"`). Refused: signs, exponents, spaces, separators, a bare or trailing `.`, more decimals than
//! the currency has. Amounts are never negative here: direction lives in debit/credit, not in sign.

use crate::{Currency, MoneyError};

/// An amount of one currency, in minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    pub currency: Currency,
    pub minor: i128,
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match format_minor(self.minor, self.currency) {
            Ok(text) => write!(f, "{text} {}", self.currency),
            Err(_) => write!(f, "{} minor units of {}", self.minor, self.currency),
        }
    }
}

fn malformed(text: &str, reason: &'static str) -> MoneyError {
    MoneyError::Malformed {
        text: text.to_string(),
        reason,
    }
}

/// Parses `"1234.5"` as minor units of `currency` (PKR: 123450).
pub fn parse_minor(text: &str, currency: Currency) -> Result<i128, MoneyError> {
    let minor_units = currency.minor_units()?;
    if text.is_empty() {
        return Err(malformed(text, "empty"));
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    if let Some(c) = text.chars().find(|c| !c.is_ascii_digit() && *c != '.') {
        let reason = match c {
            '+' | '-' => "signs are not allowed: amounts are never negative",
            'e' | 'E' => "exponents are not allowed",
            ',' | '_' | '\'' => "digit group separators are not allowed",
            c if c.is_whitespace() => "spaces are not allowed inside an amount",
            _ => "only digits and one '.' are allowed",
        };
        return Err(malformed(text, reason));
    }
    if whole.is_empty() {
        return Err(malformed(text, "digits are required before '.'"));
    }
    let fraction = fraction.unwrap_or("");
    if text.contains('.') && fraction.is_empty() {
        return Err(malformed(text, "digits are required after '.'"));
    }
    if fraction.contains('.') {
        return Err(malformed(text, "more than one '.'"));
    }
    if fraction.len() > minor_units as usize {
        return Err(MoneyError::TooManyDecimals {
            text: text.to_string(),
            currency: currency.code(),
            allowed: minor_units,
        });
    }
    let overflow = MoneyError::Overflow {
        what: "amount in minor units (i128)",
    };
    let mut value: i128 = 0;
    for digit in whole.bytes().chain(fraction.bytes()) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i128::from(digit - b'0')))
            .ok_or_else(|| overflow.clone())?;
    }
    for _ in fraction.len()..minor_units as usize {
        value = value.checked_mul(10).ok_or_else(|| overflow.clone())?;
    }
    Ok(value)
}

/// Parses `"1234.5 PKR"`: an amount, one space, a currency code.
pub fn parse_money(text: &str) -> Result<Money, MoneyError> {
    let Some((amount, code)) = text.split_once(' ') else {
        return Err(malformed(
            text,
            "expected \"<amount> <CCY>\", e.g. \"1234.50 PKR\"",
        ));
    };
    let currency = Currency::from_code(code)?;
    Ok(Money {
        currency,
        minor: parse_minor(amount, currency)?,
    })
}

/// Formats minor units with exactly the currency's decimals: 123450 PKR → `"1234.50"`.
/// Negative values (balances) get a leading `-`.
pub fn format_minor(minor: i128, currency: Currency) -> Result<String, MoneyError> {
    let minor_units = currency.minor_units()? as usize;
    let digits = minor.unsigned_abs().to_string();
    let sign = if minor < 0 { "-" } else { "" };
    if minor_units == 0 {
        return Ok(format!("{sign}{digits}"));
    }
    let padded = format!("{digits:0>width$}", width = minor_units + 1);
    let (whole, fraction) = padded.split_at(padded.len() - minor_units);
    Ok(format!("{sign}{whole}.{fraction}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{IRR, PKR};

    #[test]
    fn parse_table() {
        let jpy = Currency::from_code("JPY").unwrap();
        let kwd = Currency::from_code("KWD").unwrap();
        let ok: &[(&str, Currency, i128)] = &[
            ("1234.5", PKR, 123450),
            ("1234.50", PKR, 123450),
            ("0", PKR, 0),
            ("0.01", PKR, 1),
            ("007", PKR, 700),
            ("1000000000000", IRR, 100000000000000),
            ("5", jpy, 5),
            ("1.234", kwd, 1234),
        ];
        for (text, currency, minor) in ok {
            assert_eq!(
                parse_minor(text, *currency),
                Ok(*minor),
                "{text} {currency}"
            );
            let formatted = format_minor(*minor, *currency).unwrap();
            assert_eq!(
                parse_minor(&formatted, *currency),
                Ok(*minor),
                "{formatted}"
            );
        }
        let bad: &[(&str, Currency, &str)] = &[
            ("", PKR, "empty"),
            ("-1", PKR, "signs"),
            ("+1", PKR, "signs"),
            ("1e5", PKR, "exponents"),
            ("1 000", PKR, "spaces"),
            ("1,000", PKR, "separators"),
            (".5", PKR, "before '.'"),
            ("5.", PKR, "after '.'"),
            ("1.2.3", PKR, "more than one"),
            ("1.234", PKR, "too many decimals"),
            ("1.5", jpy, "too many decimals"),
            ("12a", PKR, "only digits"),
            (
                "999999999999999999999999999999999999999999",
                PKR,
                "overflow",
            ),
        ];
        for (text, currency, needle) in bad {
            let err = parse_minor(text, *currency).unwrap_err().to_string();
            assert!(err.contains(needle), "{text}: {err}");
        }
    }

    #[test]
    fn parse_money_with_code() {
        assert_eq!(
            parse_money("1234.5 PKR"),
            Ok(Money {
                currency: PKR,
                minor: 123450
            })
        );
        assert!(
            parse_money("1234.5 XYZ")
                .unwrap_err()
                .to_string()
                .contains("unknown currency")
        );
        assert!(
            parse_money("1234.5")
                .unwrap_err()
                .to_string()
                .contains("expected")
        );
        assert!(
            parse_money("1 XAU")
                .unwrap_err()
                .to_string()
                .contains("no minor units")
        );
        assert_eq!(
            Money {
                currency: PKR,
                minor: -5
            }
            .to_string(),
            "-0.05 PKR"
        );
        assert_eq!(format_minor(123450, PKR).unwrap(), "1234.50");
        assert_eq!(format_minor(0, PKR).unwrap(), "0.00");
        assert_eq!(
            format_minor(7, Currency::from_code("JPY").unwrap()).unwrap(),
            "7"
        );
    }
}
