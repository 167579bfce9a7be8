//! Exact exchange rates and conversion.
//!
//! A [`Rate`] says `1 <base> = <decimal> <quote>` in major units, e.g. `1 PKR = 4163.85 IRR`.
//! Conversion works on minor units with exact rational arithmetic.
//!
//! **Rounding rule:** the converted amount is rounded toward zero to a whole minor unit of the
//! target currency, and the exact remainder (a fraction of one target minor unit) is returned, so
//! the caller can book it to a residue account. Nothing is lost or invented:
//! `exact = amount + remainder / denominator`.

use crate::{Currency, MoneyError};

/// `1 base = mantissa / 10^scale quote`, in major units. Always positive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rate {
    base: Currency,
    quote: Currency,
    mantissa: u128,
    scale: u32,
}

/// The result of converting an amount: whole target minor units plus an exact remainder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conversion {
    pub currency: Currency,
    /// Rounded toward zero, in minor units of `currency`.
    pub amount: i128,
    /// Exact remainder numerator, `0 <= |remainder| < denominator`, same sign as the input.
    pub remainder: i128,
    /// Positive denominator of the remainder.
    pub denominator: i128,
}

/// Most decimals a rate may carry.
pub const RATE_SCALE_MAX: u32 = 18;

fn bad(text: &str, reason: &'static str) -> MoneyError {
    MoneyError::BadRate {
        text: text.to_string(),
        reason,
    }
}

fn pow10(exponent: u32) -> Result<i128, MoneyError> {
    10i128.checked_pow(exponent).ok_or(MoneyError::Overflow {
        what: "power of ten",
    })
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

impl Rate {
    /// Parses the decimal in `1 base = text quote`, e.g. `Rate::parse(PKR, IRR, "4163.85")`.
    pub fn parse(base: Currency, quote: Currency, text: &str) -> Result<Rate, MoneyError> {
        if base == quote {
            return Err(bad(text, "base and quote currency are the same"));
        }
        base.minor_units()?;
        quote.minor_units()?;
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || (text.contains('.') && fraction.is_empty()) {
            return Err(bad(
                text,
                "expected digits with an optional '.' and decimals, e.g. 4163.85",
            ));
        }
        if !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return Err(bad(
                text,
                "only digits and one '.' are allowed (no sign, exponent or spaces)",
            ));
        }
        if fraction.len() as u32 > RATE_SCALE_MAX {
            return Err(bad(text, "more than 18 decimals"));
        }
        let mut mantissa: u128 = 0;
        for digit in whole.bytes().chain(fraction.bytes()) {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(u128::from(digit - b'0')))
                .filter(|m| *m <= i64::MAX as u128 * 1_000_000)
                .ok_or_else(|| bad(text, "too large"))?;
        }
        if mantissa == 0 {
            return Err(bad(text, "a rate must be positive"));
        }
        // Normalise trailing zeros so that equal rates compare equal.
        let mut scale = fraction.len() as u32;
        while scale > 0 && mantissa.is_multiple_of(10) {
            mantissa /= 10;
            scale -= 1;
        }
        Ok(Rate {
            base,
            quote,
            mantissa,
            scale,
        })
    }

    pub fn base(&self) -> Currency {
        self.base
    }

    pub fn quote(&self) -> Currency {
        self.quote
    }

    /// The rate as exact decimal text, e.g. `"4163.85"`.
    pub fn to_decimal_string(&self) -> String {
        let digits = self.mantissa.to_string();
        if self.scale == 0 {
            return digits;
        }
        let padded = format!("{digits:0>width$}", width = self.scale as usize + 1);
        let (whole, fraction) = padded.split_at(padded.len() - self.scale as usize);
        format!("{whole}.{fraction}")
    }

    /// `(num, den)` in lowest terms with `target_minor = source_minor * num / den` exactly.
    pub fn minor_ratio(&self, from: Currency) -> Result<(i128, i128), MoneyError> {
        let base_units = self.base.minor_units()? as u32;
        let quote_units = self.quote.minor_units()? as u32;
        let mantissa =
            i128::try_from(self.mantissa).map_err(|_| MoneyError::Overflow { what: "rate" })?;
        // base minor → quote minor: * mantissa * 10^quote_units / (10^scale * 10^base_units)
        let forward_num = mantissa.checked_mul(pow10(quote_units)?);
        let forward_den = pow10(self.scale)?.checked_mul(pow10(base_units)?);
        let (num, den) = match (forward_num, forward_den) {
            (Some(num), Some(den)) if from == self.base => (num, den),
            (Some(num), Some(den)) if from == self.quote => (den, num),
            (Some(_), Some(_)) => {
                return Err(MoneyError::BadRate {
                    text: self.to_decimal_string(),
                    reason: "the amount's currency is neither the base nor the quote of this rate",
                });
            }
            _ => return Err(MoneyError::Overflow { what: "rate ratio" }),
        };
        let g = gcd(num, den);
        Ok((num / g, den / g))
    }

    /// Converts `minor` units of `from` into the other currency of the rate (rule: module docs).
    pub fn convert(&self, minor: i128, from: Currency) -> Result<Conversion, MoneyError> {
        let (num, den) = self.minor_ratio(from)?;
        let product = minor.checked_mul(num).ok_or(MoneyError::Overflow {
            what: "converted amount",
        })?;
        let to = if from == self.base {
            self.quote
        } else {
            self.base
        };
        // Rust's `/` and `%` on i128 truncate toward zero, which is the stated rule.
        Ok(Conversion {
            currency: to,
            amount: product / den,
            remainder: product % den,
            denominator: den,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{IRR, PKR, USD};

    #[test]
    fn parse_and_print() {
        let rate = Rate::parse(PKR, IRR, "4163.850").unwrap();
        assert_eq!(rate.to_decimal_string(), "4163.85");
        assert_eq!(rate, Rate::parse(PKR, IRR, "4163.85").unwrap());
        for (text, needle) in [
            ("0", "positive"),
            ("-1", "only digits"),
            ("1e3", "only digits"),
            ("", "expected digits"),
            ("1.", "expected digits"),
            ("0.0000000000000000001", "18 decimals"),
        ] {
            let err = Rate::parse(PKR, IRR, text).unwrap_err().to_string();
            assert!(err.contains(needle), "{text}: {err}");
        }
        assert!(Rate::parse(PKR, PKR, "1").is_err());
    }

    #[test]
    fn convert_exact_with_remainder() {
        let rate = Rate::parse(PKR, IRR, "4163.85").unwrap();
        // 1.00 PKR = 4163.85 IRR exactly.
        let c = rate.convert(100, PKR).unwrap();
        assert_eq!((c.currency, c.amount, c.remainder), (IRR, 416385, 0));
        // 0.01 PKR = 41.6385 IRR = 4163.85 minor -> 4163 minor + 17/20 of a minor unit.
        let c = rate.convert(1, PKR).unwrap();
        assert_eq!(c.amount, 4163);
        let (num, den) = rate.minor_ratio(PKR).unwrap();
        assert_eq!((num, den), (83277, 20));
        assert_eq!((c.remainder, c.denominator), (17, 20));
        // Back: 4163.85 IRR = 1.00 PKR.
        let c = rate.convert(416385, IRR).unwrap();
        assert_eq!((c.currency, c.amount, c.remainder), (PKR, 100, 0));
        // A rial does not buy a whole paisa: everything is remainder.
        let c = rate.convert(1, IRR).unwrap();
        assert_eq!(c.amount, 0);
        assert_eq!((c.remainder, c.denominator), (20, 83277)); // 0.01 IRR = 20/83277 paisa
        assert!(rate.convert(1, USD).is_err());
        assert!(rate.convert(i128::MAX, PKR).is_err());
    }
}
