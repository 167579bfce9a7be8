//! Parsers, one per list format. Each takes the file's text and returns a whole [`WatchList`] or a
//! [`ParseError`] naming the record and field.
//!
//! [`WatchList`]: crate::model::WatchList
//! [`ParseError`]: crate::error::ParseError

pub mod eu;
pub mod ofac_csv;
pub mod ofac_xml;
pub mod un;

use crate::model::{Date, DateOfBirth, DobValue};

pub(crate) fn parse_year(text: &str) -> Option<i32> {
    let t = text.trim();
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|y| (1000..=9999).contains(y))
}

fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let head = lower.get(..3)?;
    months
        .iter()
        .position(|m| *m == head)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Reads OFAC's free-text dates of birth: `1962`, `01 Oct 1955`, `Oct 1955`, `circa 1955`,
/// `1955 to 1958`, `Between 1955 and 1958`, and ISO `1955-10-01`.
pub(crate) fn parse_free_dob(text: &str) -> Option<DateOfBirth> {
    let mut t = text.trim().trim_end_matches('.').trim();
    let mut approximate = false;
    for prefix in ["circa", "approximately", "approx.", "approx", "ca."] {
        if let Some(head) = t.get(..prefix.len())
            && head.eq_ignore_ascii_case(prefix)
        {
            t = t.get(prefix.len()..).unwrap_or("").trim();
            approximate = true;
        }
    }
    let value = if let Some(y) = parse_year(t) {
        DobValue::Year { year: y }
    } else if let Some(d) = Date::parse_iso(t).filter(|_| t.len() == 10) {
        DobValue::Date { date: d }
    } else {
        let words: Vec<&str> = t.split_whitespace().collect();
        match words.as_slice() {
            [a, to, b] if to.eq_ignore_ascii_case("to") || *to == "-" => {
                let (from, to) = (parse_year(a)?, parse_year(b)?);
                (from <= to).then_some(DobValue::YearRange { from, to })?
            }
            [between, a, and, b]
                if between.eq_ignore_ascii_case("between") && and.eq_ignore_ascii_case("and") =>
            {
                let (from, to) = (parse_year(a)?, parse_year(b)?);
                (from <= to).then_some(DobValue::YearRange { from, to })?
            }
            [m, y] => DobValue::Month {
                year: parse_year(y)?,
                month: month_number(m)?,
            },
            [d, m, y] => {
                let day: u8 = d.parse().ok()?;
                DobValue::Date {
                    date: Date::new(parse_year(y)?, month_number(m)?, day)?,
                }
            }
            _ => return None,
        }
    };
    Some(DateOfBirth { value, approximate })
}

/// Splits a list's "A; B" alias field (a UN quirk: two names in one `ALIAS_NAME`).
pub(crate) fn split_names(text: &str) -> impl Iterator<Item = &str> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty())
}
