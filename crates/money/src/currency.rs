//! ISO 4217 currencies, looked up in the generated table.

use crate::MoneyError;
use crate::iso4217_table::TABLE;

/// A current ISO 4217 currency. Cheap to copy; compares by table position (alphabetic order).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    index: u16,
}

/// One row of the generated table: alphabetic code, numeric code, minor units (None = N.A.), name.
pub(crate) type Row = (&'static str, u16, Option<u8>, &'static str);

pub const PKR: Currency = Currency::const_from_code("PKR");
pub const IRR: Currency = Currency::const_from_code("IRR");
pub const USD: Currency = Currency::const_from_code("USD");

impl Currency {
    /// Looks up an alphabetic code such as `"PKR"`. Exact match: upper case, three letters.
    pub fn from_code(code: &str) -> Result<Currency, MoneyError> {
        match TABLE.binary_search_by(|row| row.0.cmp(code)) {
            Ok(index) => Ok(Currency {
                index: index as u16,
            }),
            Err(_) => Err(MoneyError::UnknownCurrency(code.to_string())),
        }
    }

    /// Looks up a numeric code such as 586 (PKR).
    pub fn from_number(number: u16) -> Option<Currency> {
        TABLE
            .iter()
            .position(|row| row.1 == number)
            .map(|index| Currency {
                index: index as u16,
            })
    }

    const fn const_from_code(code: &str) -> Currency {
        let mut index = 0;
        while index < TABLE.len() {
            let a = TABLE[index].0.as_bytes();
            let b = code.as_bytes();
            if a.len() == 3 && b.len() == 3 && a[0] == b[0] && a[1] == b[1] && a[2] == b[2] {
                return Currency {
                    index: index as u16,
                };
            }
            index += 1;
        }
        panic!("currency code missing from the ISO 4217 table");
    }

    fn row(self) -> &'static Row {
        &TABLE[self.index as usize]
    }

    /// The alphabetic code, e.g. `"IRR"`.
    pub fn code(self) -> &'static str {
        self.row().0
    }

    /// The numeric code, e.g. 364 for IRR.
    pub fn number(self) -> u16 {
        self.row().1
    }

    /// The ISO name, e.g. `"Iranian Rial"`.
    pub fn name(self) -> &'static str {
        self.row().3
    }

    /// Minor units as ISO 4217 states them; `None` for "N.A." (XAU, XDR, ...).
    pub fn minor_units_iso(self) -> Option<u8> {
        self.row().2
    }

    /// Minor units for amounts. Refuses currencies without minor units.
    pub fn minor_units(self) -> Result<u8, MoneyError> {
        self.row().2.ok_or(MoneyError::NoMinorUnits(self.code()))
    }

    /// Every currency in the table, in alphabetic order.
    pub fn all() -> impl Iterator<Item = Currency> {
        (0..TABLE.len()).map(|index| Currency {
            index: index as u16,
        })
    }
}

impl std::fmt::Debug for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Currency {
    type Err = MoneyError;
    fn from_str(code: &str) -> Result<Currency, MoneyError> {
        Currency::from_code(code)
    }
}
