//! The one internal model every list format is loaded into: entries (individuals, entities,
//! vessels, aircraft) with all their names and each name's strength, dates of birth as the sets
//! the lists really hold, nationalities, identifiers and the list's own reference numbers.

use serde::Serialize;

/// Which list an entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ListSource {
    /// UN Security Council Consolidated List (XML).
    #[serde(rename = "UN")]
    Un,
    /// OFAC SDN list, legacy CSV trio (`sdn.csv`, `alt.csv`, `add.csv`).
    #[serde(rename = "OFAC-CSV")]
    OfacCsv,
    /// OFAC `sdnList` XML (`sdn.xml`, `consolidated.xml`).
    #[serde(rename = "OFAC-XML")]
    OfacXml,
    /// EU Financial Sanctions Files, `xmlFullSanctionsList_1_1`.
    #[serde(rename = "EU")]
    Eu,
    /// Anything else (test sets, generated lists).
    #[serde(rename = "OTHER")]
    Other,
}

impl ListSource {
    /// Short label used in hits and reports.
    pub fn label(self) -> &'static str {
        match self {
            ListSource::Un => "UN",
            ListSource::OfacCsv => "OFAC-CSV",
            ListSource::OfacXml => "OFAC-XML",
            ListSource::Eu => "EU",
            ListSource::Other => "OTHER",
        }
    }
}

/// What kind of subject an entry designates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SubjectKind {
    Individual,
    Entity,
    Vessel,
    Aircraft,
}

/// How a name relates to the entry, as the list states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The entry's main name.
    Primary,
    /// "also known as".
    Aka,
    /// "formerly known as".
    Fka,
    /// "now known as".
    Nka,
    /// The name in its original script (UN `NAME_ORIGINAL_SCRIPT`, EU aliases in other languages).
    OriginalScript,
}

impl NameKind {
    pub fn label(self) -> &'static str {
        match self {
            NameKind::Primary => "primary name",
            NameKind::Aka => "a.k.a.",
            NameKind::Fka => "f.k.a.",
            NameKind::Nka => "n.k.a.",
            NameKind::OriginalScript => "original script",
        }
    }
}

/// Alias strength. OFAC `category` weak/strong, UN `QUALITY` Good (strong) / Low (weak), EU
/// `strong="false"`. Weak aliases are, per OFAC guidance, not screened on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    Strong,
    Weak,
}

/// One name of an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Name {
    /// The name as the list writes it.
    pub text: String,
    pub kind: NameKind,
    pub strength: Strength,
    /// The list's own quality label, verbatim (`Good`, `Low`, `a.k.a.`, `weak`, ...), if any.
    pub quality: Option<String>,
    /// The list's id for this alias (OFAC `alt_num` / aka `uid`), if any.
    pub id: Option<String>,
}

/// A calendar date. Validated on construction (month 1-12, day valid for the month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A checked date; `None` for impossible dates such as 1960-02-30.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days && (1000..=9999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Parses `YYYY-MM-DD` (an optional time or zone suffix after the date is ignored).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let t = text.trim();
        let head = t.get(..10).filter(|h| h.is_ascii())?;
        let rest = t.get(10..)?;
        if !(rest.is_empty()
            || rest.starts_with('T')
            || rest.starts_with('+')
            || rest.starts_with('Z')
            || rest.starts_with('-'))
        {
            return None;
        }
        let b = head.as_bytes();
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = head[..4].parse().ok()?;
        let month = head[5..7].parse().ok()?;
        let day = head[8..10].parse().ok()?;
        Date::new(year, month, day)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What one date-of-birth statement of a list says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DobValue {
    /// A full date.
    Date { date: Date },
    /// A month of a year (OFAC `Oct 1955`).
    Month { year: i32, month: u8 },
    /// A year only (UN `EXACT` with `YEAR`, OFAC `DOB 1962`).
    Year { year: i32 },
    /// A range of years, inclusive (UN `BETWEEN`, OFAC `1955 to 1958`, EU `yearRangeFrom/To`).
    YearRange { from: i32, to: i32 },
}

/// One date of birth of an entry. A person can have several; the set is kept whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateOfBirth {
    pub value: DobValue,
    /// UN `APPROXIMATELY` / `NOTE Approximately`, OFAC `circa`, EU `circa="true"`.
    pub approximate: bool,
}

impl DateOfBirth {
    /// The inclusive range of years this statement allows (approximate ones widened by a year).
    pub fn year_range(&self) -> (i32, i32) {
        let (a, b) = match self.value {
            DobValue::Date { date } => (date.year, date.year),
            DobValue::Month { year, .. } | DobValue::Year { year } => (year, year),
            DobValue::YearRange { from, to } => (from, to),
        };
        if self.approximate {
            (a - 1, b + 1)
        } else {
            (a, b)
        }
    }
}

impl std::fmt::Display for DateOfBirth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.approximate {
            write!(f, "circa ")?;
        }
        match self.value {
            DobValue::Date { date } => write!(f, "{date}"),
            DobValue::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            DobValue::Year { year } => write!(f, "{year:04}"),
            DobValue::YearRange { from, to } => write!(f, "{from:04} to {to:04}"),
        }
    }
}

/// An identity document or registration number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identifier {
    pub kind: String,
    pub number: String,
    pub country: Option<String>,
}

/// One designated subject.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub list: ListSource,
    /// The list's own reference: UN `REFERENCE_NUMBER` (`IRi.001`), OFAC `ent_num`/`uid`,
    /// EU `logicalId` (with `euReferenceNumber` in `other_references`).
    pub reference: String,
    /// Further references: UN `DATAID`, EU `euReferenceNumber` and `unitedNationId`.
    pub other_references: Vec<String>,
    pub kind: SubjectKind,
    /// All names; the first is the primary name.
    pub names: Vec<Name>,
    pub dates_of_birth: Vec<DateOfBirth>,
    /// Nationalities and citizenships as the list writes them.
    pub nationalities: Vec<String>,
    /// Countries of the entry's addresses (used for entities, which have no nationality).
    pub address_countries: Vec<String>,
    /// Programmes / regimes (UN list type, OFAC programs, EU programme).
    pub programs: Vec<String>,
    pub identifiers: Vec<Identifier>,
    pub listed_on: Option<String>,
}

impl Entry {
    /// The primary name's text.
    pub fn primary_name(&self) -> &str {
        self.names.first().map_or("", |n| n.text.as_str())
    }
}

/// A loaded list: every entry of the file, or an error; never part of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchList {
    pub source: ListSource,
    /// Publication date or generation timestamp as the file states it.
    pub published: Option<String>,
    pub entries: Vec<Entry>,
    /// Things that were loaded but deserve a human's attention (free-text remarks that could not
    /// be read as a date, a record count that disagrees with the file, ...). Never silent.
    pub warnings: Vec<String>,
}
