//! Obligations and their validation.
//!
//! Rows are added one by one with their line number (the CLI feeds them from a CSV file). Every
//! bad row is reported — line, field, reason — not just the first; [`Builder::finish`] refuses the
//! whole input if any row was bad, so a partial load is never silent.

use money::Currency;
use rustc_hash::FxHashMap;

/// Largest single obligation accepted, in minor units (10^18; the research asks for 10^15).
pub const AMOUNT_MAX: i128 = 1_000_000_000_000_000_000;
/// Most bad rows collected before giving up on reading more.
pub const ROW_ERRORS_MAX: usize = 1000;

/// No due date: settles after every dated obligation in the split rule.
pub const NO_DUE_DATE: u32 = u32::MAX;

/// A validated set of obligations, columnar for speed. Firms, banks and currencies are interned
/// in order of first appearance, so everything derived from them is deterministic.
#[derive(Clone, Debug, Default)]
pub struct Obligations {
    pub ids: Vec<Box<str>>,
    pub debtor: Vec<u32>,
    pub creditor: Vec<u32>,
    pub amount: Vec<i128>,
    /// Index into `currencies`.
    pub currency: Vec<u16>,
    /// Days since 1970-01-01, or [`NO_DUE_DATE`].
    pub due: Vec<u32>,
    /// Index into `banks`, or `u32::MAX` when not given.
    pub debtor_bank: Vec<u32>,
    pub creditor_bank: Vec<u32>,
    pub firms: Vec<Box<str>>,
    pub banks: Vec<Box<str>>,
    /// `None` when the input names no currency (one implicit currency).
    pub currencies: Vec<Option<Currency>>,
}

impl Obligations {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// One bad input row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub field: &'static str,
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.field, self.reason)
    }
}

/// The text fields of one row, as read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Row<'a> {
    pub id: &'a str,
    pub debtor: &'a str,
    pub creditor: &'a str,
    pub amount: &'a str,
    pub currency: Option<&'a str>,
    pub due_date: Option<&'a str>,
    pub debtor_bank: Option<&'a str>,
    pub creditor_bank: Option<&'a str>,
}

/// Collects rows, interning names and checking each field.
#[derive(Default)]
pub struct Builder {
    out: Obligations,
    firm_index: FxHashMap<Box<str>, u32>,
    bank_index: FxHashMap<Box<str>, u32>,
    currency_index: FxHashMap<Option<Currency>, u16>,
    /// Hash of an id → (its obligation index, its line). Ids are stored once, in `out.ids`.
    seen_ids: FxHashMap<u64, (u32, u64)>,
    /// Ids whose hash collided with a different id (astronomically rare): exact lines.
    collided_ids: FxHashMap<Box<str>, u64>,
    errors: Vec<RowError>,
}

fn intern(index: &mut FxHashMap<Box<str>, u32>, names: &mut Vec<Box<str>>, name: &str) -> u32 {
    if let Some(&i) = index.get(name) {
        return i;
    }
    let i = names.len() as u32;
    names.push(name.into());
    index.insert(name.into(), i);
    i
}

/// `YYYY-MM-DD` to days since 1970-01-01 (proleptic Gregorian), checked.
pub fn parse_date(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = &text[range];
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (y, m, d) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month[(m - 1) as usize] || y < 1970 {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    u32::try_from(era * 146_097 + doe - 719_468).ok()
}

/// Days since 1970-01-01 to `YYYY-MM-DD` (civil from days, Howard Hinnant's algorithm); the
/// inverse of [`parse_date`].
pub fn format_date(days: u32) -> String {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn hash_id(id: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = rustc_hash::FxBuildHasher.build_hasher();
    hasher.write(id.as_bytes());
    hasher.finish()
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// The line where `id` was first accepted, if it was.
    fn first_line(&self, hash: u64, id: &str) -> Option<u64> {
        let &(index, line) = self.seen_ids.get(&hash)?;
        if &*self.out.ids[index as usize] == id {
            return Some(line);
        }
        self.collided_ids.get(id).copied()
    }

    fn bad(&mut self, line: u64, field: &'static str, reason: impl Into<String>) {
        if self.errors.len() < ROW_ERRORS_MAX {
            self.errors.push(RowError {
                line,
                field,
                reason: reason.into(),
            });
        }
    }

    /// True once [`ROW_ERRORS_MAX`] errors were collected; the caller may stop reading.
    pub fn too_many_errors(&self) -> bool {
        self.errors.len() >= ROW_ERRORS_MAX
    }

    /// Validates one row and adds it if every field is good.
    pub fn push(&mut self, line: u64, row: &Row) {
        let before = self.errors.len();
        let id_hash = hash_id(row.id);
        if row.id.is_empty() {
            self.bad(line, "id", "empty");
        } else if let Some(first) = self.first_line(id_hash, row.id) {
            self.bad(
                line,
                "id",
                format!("duplicate id {:?} (first on line {first})", row.id),
            );
        }
        if row.debtor.is_empty() {
            self.bad(line, "debtor", "empty");
        }
        if row.creditor.is_empty() {
            self.bad(line, "creditor", "empty");
        }
        if !row.debtor.is_empty() && row.debtor == row.creditor {
            self.bad(
                line,
                "creditor",
                format!("self-obligation: {:?} owes itself", row.debtor),
            );
        }
        let amount = match row.amount.parse::<i128>() {
            Ok(a) if a <= 0 => {
                self.bad(line, "amount", format!("{a} is not positive"));
                0
            }
            Ok(a) if a > AMOUNT_MAX => {
                self.bad(
                    line,
                    "amount",
                    format!("{a} exceeds the limit {AMOUNT_MAX} minor units"),
                );
                0
            }
            Ok(a) => a,
            Err(_) => {
                let reason = if row.amount.contains('.') || row.amount.contains(',') {
                    format!(
                        "{:?} is not an integer (amounts are in minor units)",
                        row.amount
                    )
                } else {
                    format!("{:?} is not an integer", row.amount)
                };
                self.bad(line, "amount", reason);
                0
            }
        };
        let currency = match row.currency.filter(|c| !c.is_empty()) {
            None => None,
            Some(code) => match Currency::from_code(code) {
                Ok(c) if c.minor_units().is_ok() => Some(c),
                Ok(_) => {
                    self.bad(line, "currency", format!("{code} has no minor units"));
                    None
                }
                Err(e) => {
                    self.bad(line, "currency", e.to_string());
                    None
                }
            },
        };
        let due = match row.due_date.filter(|d| !d.is_empty()) {
            None => NO_DUE_DATE,
            Some(text) => parse_date(text).unwrap_or_else(|| {
                self.bad(
                    line,
                    "due_date",
                    format!("{text:?} is not a date YYYY-MM-DD"),
                );
                NO_DUE_DATE
            }),
        };
        if self.errors.len() != before {
            return;
        }
        let o = &mut self.out;
        match self.seen_ids.entry(id_hash) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert((o.ids.len() as u32, line));
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided_ids.insert(row.id.into(), line);
            }
        }
        o.ids.push(row.id.into());
        o.debtor
            .push(intern(&mut self.firm_index, &mut o.firms, row.debtor));
        o.creditor
            .push(intern(&mut self.firm_index, &mut o.firms, row.creditor));
        o.amount.push(amount);
        let next = self.currency_index.len() as u16;
        let c = *self.currency_index.entry(currency).or_insert(next);
        if c == next {
            o.currencies.push(currency);
        }
        o.currency.push(c);
        o.due.push(due);
        let mut bank = |name: Option<&str>| match name.filter(|b| !b.is_empty()) {
            Some(b) => intern(&mut self.bank_index, &mut o.banks, b),
            None => u32::MAX,
        };
        let (db, cb) = (bank(row.debtor_bank), bank(row.creditor_bank));
        o.debtor_bank.push(db);
        o.creditor_bank.push(cb);
    }

    /// The obligations, or every bad row found.
    pub fn finish(self) -> Result<Obligations, Vec<RowError>> {
        if self.errors.is_empty() {
            Ok(self.out)
        } else {
            Err(self.errors)
        }
    }
}
