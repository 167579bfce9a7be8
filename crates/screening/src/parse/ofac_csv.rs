//! OFAC's legacy CSV trio: `sdn.csv` (12 columns), `alt.csv` (5) and `add.csv` (6).
//!
//! Quirks handled (`shared/research/formats.md` §2.2): no header row; `-0-` (often `-0- ` with a
//! trailing space) means null; Windows-1252 text in older files; the trailing Ctrl-Z (0x1A) line
//! of the real files; programs joined as `IRAN] [SDGT] [IFSR`; individuals written
//! `LAST, First`; a blank `SDN_Type` means an entity; dates of birth, nationality and weak
//! aliases (`a.k.a. 'BIM'`) only inside the free-text Remarks. Remarks that cannot be read are
//! kept as warnings, never dropped silently. A file cut off inside a quoted field is an error
//! (the csv reader alone would close the field and lose the rows after it); a file without the
//! Ctrl-Z end mark gets a warning unless it is declared an excerpt, since a cut exactly at a line
//! boundary cannot be told apart otherwise (the CSV trio carries no record count). An `alt.csv`/`add.csv` row for an `ent_num` that is
//! not in `sdn.csv` is an error.

use super::parse_free_dob;
use crate::error::ParseError;
use crate::model::*;
use std::collections::HashMap;

/// The three files' contents (`alt` and `add` are optional).
pub struct OfacCsv<'a> {
    pub sdn: &'a str,
    pub alt: Option<&'a str>,
    pub add: Option<&'a str>,
    /// The files are known excerpts: do not warn that they lack OFAC's end-of-file mark.
    pub allow_excerpt: bool,
}

const SDN_COLUMNS: &[&str] = &[
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
];
const ALT_COLUMNS: &[&str] = &["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"];
const ADD_COLUMNS: &[&str] = &[
    "ent_num",
    "add_num",
    "Address",
    "City/State/Province/Postal Code",
    "Country",
    "add_remarks",
];

/// A quoted field that the file ends inside is a cut-off file (the csv reader would silently
/// close it and drop every later row): an error naming the line and column where it opened.
fn check_quotes(list: &'static str, text: &str, columns: &[&str]) -> Result<(), ParseError> {
    let b = text.as_bytes();
    let (mut line, mut field, mut at_start, mut open) = (1usize, 0usize, true, None);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match open {
            Some(_) => {
                if c == b'"' {
                    if b.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        open = None;
                    }
                } else if c == b'\n' {
                    line += 1;
                }
            }
            None => {
                if c == b'"' && at_start {
                    open = Some((line, field));
                }
                at_start = matches!(c, b',' | b'\n' | b'\r');
                if c == b',' {
                    field += 1;
                } else if c == b'\n' {
                    line += 1;
                    field = 0;
                }
            }
        }
        i += 1;
    }
    match open {
        Some((line, field)) => Err(ParseError::new(
            list,
            format!("line {line}"),
            columns.get(field).copied().unwrap_or("field"),
            "a quoted field is not closed before the end of the file (the file is cut off); nothing was loaded",
        )),
        None => Ok(()),
    }
}

fn rows(
    list: &'static str,
    text: &str,
    width: usize,
    columns: &[&str],
) -> Result<Vec<(usize, Vec<String>)>, ParseError> {
    check_quotes(list, text, columns)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 1;
        let record = record.map_err(|e| {
            let line = e.position().map_or(line as u64, |p| p.line());
            ParseError::new(list, format!("line {line}"), "CSV", e.to_string())
        })?;
        let line = record.position().map_or(line, |p| p.line() as usize);
        let fields: Vec<String> = record
            .iter()
            .map(|f| {
                let t = f.trim();
                if t == "-0-" {
                    String::new()
                } else {
                    t.to_string()
                }
            })
            .collect();
        // The real files end with a Ctrl-Z line; blank lines are ignored too.
        if fields.iter().all(|f| f.is_empty() || f == "\u{1a}") {
            continue;
        }
        if fields.len() != width {
            return Err(ParseError::new(
                list,
                format!("line {line}"),
                "row",
                format!("expected {width} fields, found {}", fields.len()),
            ));
        }
        out.push((line, fields));
    }
    Ok(out)
}

/// Parses the trio into one list.
pub fn parse(files: OfacCsv<'_>) -> Result<WatchList, ParseError> {
    const SDN: &str = "OFAC sdn.csv";
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_num: HashMap<String, usize> = HashMap::new();
    let mut warnings = Vec::new();
    for (name, text) in std::iter::once(("sdn.csv", Some(files.sdn)))
        .chain([("alt.csv", files.alt), ("add.csv", files.add)])
    {
        if let Some(text) = text
            && !files.allow_excerpt
            && !text.trim_end().ends_with('\u{1a}')
        {
            warnings.push(format!(
                "OFAC {name}: the file does not end with OFAC's end-of-file mark (Ctrl-Z): check that it is complete (a cut at a line boundary cannot be told apart otherwise)"
            ));
        }
    }
    for (line, f) in rows(SDN, files.sdn, 12, SDN_COLUMNS)? {
        let record = format!("line {line} (ent_num {})", f[0]);
        let err = |field: &str, msg: String| ParseError::new(SDN, record.clone(), field, msg);
        if f[0].is_empty() || !f[0].bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("ent_num", format!("not a number: {:?}", f[0])));
        }
        if f[1].is_empty() {
            return Err(err("SDN_Name", "missing".into()));
        }
        let kind = match f[2].to_ascii_lowercase().as_str() {
            "" => SubjectKind::Entity,
            "individual" => SubjectKind::Individual,
            "vessel" => SubjectKind::Vessel,
            "aircraft" => SubjectKind::Aircraft,
            other => return Err(err("SDN_Type", format!("unknown type {other:?}"))),
        };
        let programs = f[3]
            .trim_matches(|c| c == '[' || c == ']')
            .split("] [")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        let mut entry = Entry {
            list: ListSource::OfacCsv,
            reference: f[0].clone(),
            other_references: Vec::new(),
            kind,
            names: vec![Name {
                text: f[1].clone(),
                kind: NameKind::Primary,
                strength: Strength::Strong,
                quality: None,
                id: None,
            }],
            dates_of_birth: Vec::new(),
            nationalities: Vec::new(),
            address_countries: Vec::new(),
            programs,
            identifiers: Vec::new(),
            listed_on: None,
        };
        read_remarks(
            &f[11],
            &mut entry,
            &format!("{SDN} {record}"),
            &mut warnings,
        );
        if by_num.insert(f[0].clone(), entries.len()).is_some() {
            return Err(err("ent_num", "duplicate ent_num".into()));
        }
        entries.push(entry);
    }
    if let Some(alt) = files.alt {
        const ALT: &str = "OFAC alt.csv";
        for (line, f) in rows(ALT, alt, 5, ALT_COLUMNS)? {
            let record = format!("line {line} (ent_num {}, alt_num {})", f[0], f[1]);
            let err = |field: &str, msg: String| ParseError::new(ALT, record.clone(), field, msg);
            let &i = by_num
                .get(&f[0])
                .ok_or_else(|| err("ent_num", "not in sdn.csv".into()))?;
            let kind = match f[2]
                .to_ascii_lowercase()
                .trim_end_matches('.')
                .replace('.', "")
                .as_str()
            {
                "aka" => NameKind::Aka,
                "fka" => NameKind::Fka,
                "nka" => NameKind::Nka,
                other => return Err(err("alt_type", format!("unknown alias type {other:?}"))),
            };
            if f[3].is_empty() {
                return Err(err("alt_name", "missing".into()));
            }
            entries[i].names.push(Name {
                text: f[3].clone(),
                kind,
                strength: Strength::Strong,
                quality: Some(f[2].clone()),
                id: Some(f[1].clone()),
            });
        }
    }
    if let Some(add) = files.add {
        const ADD: &str = "OFAC add.csv";
        for (line, f) in rows(ADD, add, 6, ADD_COLUMNS)? {
            let record = format!("line {line} (ent_num {}, add_num {})", f[0], f[1]);
            let &i = by_num
                .get(&f[0])
                .ok_or_else(|| ParseError::new(ADD, record.clone(), "ent_num", "not in sdn.csv"))?;
            if !f[4].is_empty() {
                entries[i].address_countries.push(f[4].clone());
            }
        }
    }
    Ok(WatchList {
        source: ListSource::OfacCsv,
        published: None,
        entries,
        warnings,
    })
}

/// Reads what Remarks say about dates of birth, nationality, citizenship and weak aliases.
/// Remarks are free text; a `DOB` statement that cannot be read becomes a warning.
pub(crate) fn read_remarks(
    remarks: &str,
    entry: &mut Entry,
    record: &str,
    warnings: &mut Vec<String>,
) {
    for part in remarks.split(';') {
        let p = part.trim().trim_end_matches('.');
        let lower = p.to_ascii_lowercase();
        let dob = lower
            .strip_prefix("alt. dob ")
            .or_else(|| lower.strip_prefix("dob "))
            .map(|rest| &p[p.len() - rest.len()..]);
        if let Some(text) = dob {
            match parse_free_dob(text) {
                Some(d) => entry.dates_of_birth.push(d),
                None => warnings.push(format!(
                    "{record}: Remarks: date of birth {text:?} not understood"
                )),
            }
        } else if let Some(rest) = lower
            .strip_prefix("nationality ")
            .or_else(|| lower.strip_prefix("alt. nationality "))
        {
            entry
                .nationalities
                .push(p[p.len() - rest.len()..].trim().to_string());
        } else if let Some(rest) = lower
            .strip_prefix("citizen ")
            .or_else(|| lower.strip_prefix("alt. citizen "))
        {
            entry
                .nationalities
                .push(p[p.len() - rest.len()..].trim().to_string());
        } else if lower.starts_with("a.k.a. '") || lower.starts_with("f.k.a. '") {
            // Weak aliases are written in Remarks as a.k.a. 'NAME'.
            let kind = if lower.starts_with('f') {
                NameKind::Fka
            } else {
                NameKind::Aka
            };
            for piece in p
                .split("a.k.a.")
                .chain(std::iter::empty())
                .flat_map(|s| s.split("f.k.a."))
            {
                let name = piece
                    .trim()
                    .trim_matches(',')
                    .trim()
                    .trim_matches('\'')
                    .trim();
                if !name.is_empty() {
                    entry.names.push(Name {
                        text: name.to_string(),
                        kind,
                        strength: Strength::Weak,
                        quality: Some("weak".into()),
                        id: None,
                    });
                }
            }
        }
    }
}
