//! OFAC's `sdnList` XML (`sdn.xml` and the consolidated non-SDN list in the same schema).
//!
//! Quirks handled (`shared/research/formats.md` §2.2): the namespace changed over the years
//! (`http://tempuri.org/sdnList.xsd`, later the SLS export URL), so names are matched locally;
//! `dateOfBirth` is free text (`1962`, `01 Oct 1955`, `circa 1955`, `1955 to 1958`); aliases carry
//! `type` (a.k.a./f.k.a./n.k.a.) and `category` (strong/weak); `Record_Count` in the header
//! must equal the entries read (a mismatch is an error: the file is cut off), except for a file
//! loaded explicitly as an excerpt ([`parse_with`]), where it is a warning.

use super::parse_free_dob;
use crate::error::ParseError;
use crate::model::*;
use crate::xml::{Element, walk};

const LIST: &str = "OFAC sdnList XML";

fn join_name(el: &Element) -> Option<String> {
    let last = el.text_of("lastName");
    let first = el.text_of("firstName");
    match (first, last) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (None, Some(l)) => Some(l.to_string()),
        (Some(f), None) => Some(f.to_string()),
        (None, None) => None,
    }
}

/// Parses the whole file; a `Record_Count` that disagrees with the entries read is an error
/// (the file is cut off or edited).
pub fn parse(text: &str) -> Result<WatchList, ParseError> {
    parse_with(text, false)
}

/// Parses the whole file; with `allow_excerpt` a `Record_Count` that disagrees with the entries
/// read is a warning instead (for excerpts, such as the test fixtures, that keep the full list's
/// header).
pub fn parse_with(text: &str, allow_excerpt: bool) -> Result<WatchList, ParseError> {
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    let mut published = None;
    let mut record_count: Option<String> = None;
    let mut n = 0usize;
    let doc = walk(LIST, text, &["sdnEntry", "publshInformation"], |el| {
        if el.name == "publshInformation" {
            published = el.text_of("Publish_Date").map(str::to_string);
            record_count = el.text_of("Record_Count").map(str::to_string);
            return Ok(());
        }
        n += 1;
        entries.push(entry(&el, n, &mut warnings)?);
        Ok(())
    })?;
    if doc.root != "sdnList" {
        return Err(ParseError::new(
            LIST,
            "document",
            "root",
            format!("expected sdnList, found {}", doc.root),
        ));
    }
    if let Some(count) = record_count
        && count != entries.len().to_string()
    {
        if !allow_excerpt {
            return Err(ParseError::new(
                LIST,
                "publshInformation",
                "Record_Count",
                format!(
                    "says {count}, the file holds {} sdnEntry records (cut off or edited?); nothing was loaded (an excerpt can be loaded with --allow-excerpt)",
                    entries.len()
                ),
            ));
        }
        warnings.push(format!(
            "{LIST}: publshInformation/Record_Count says {count}, the file holds {} entries (loaded as an excerpt)",
            entries.len()
        ));
    }
    Ok(WatchList {
        source: ListSource::OfacXml,
        published,
        entries,
        warnings,
    })
}

fn entry(el: &Element, n: usize, warnings: &mut Vec<String>) -> Result<Entry, ParseError> {
    let uid = el.text_of("uid");
    let label = match uid {
        Some(u) => format!("sdnEntry #{n} (uid {u})"),
        None => format!("sdnEntry #{n}"),
    };
    let err = |field: &str, msg: String| ParseError::new(LIST, label.clone(), field, msg);
    let uid = uid.ok_or_else(|| err("uid", "missing".into()))?;
    if !uid.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err("uid", format!("not a number: {uid:?}")));
    }
    if el.text_of("lastName").is_none() {
        return Err(err("lastName", "missing".into()));
    }
    let primary = join_name(el).unwrap_or_default();
    let kind = match el
        .text_of("sdnType")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("individual") => SubjectKind::Individual,
        Some("entity") => SubjectKind::Entity,
        Some("vessel") => SubjectKind::Vessel,
        Some("aircraft") => SubjectKind::Aircraft,
        Some(other) => return Err(err("sdnType", format!("unknown type {other:?}"))),
        None => return Err(err("sdnType", "missing".into())),
    };
    let mut names = vec![Name {
        text: primary,
        kind: NameKind::Primary,
        strength: Strength::Strong,
        quality: None,
        id: None,
    }];
    let list_items = |list: &str, item: &'static str| -> Vec<Element> {
        el.child(list)
            .map(|l| l.children_named(item).cloned().collect())
            .unwrap_or_default()
    };
    for (i, aka) in list_items("akaList", "aka").iter().enumerate() {
        let field = |f: &str| format!("akaList/aka[{}]/{f}", i + 1);
        let text =
            join_name(aka).ok_or_else(|| err(&field("lastName"), "alias without a name".into()))?;
        let kind = match aka.text_of("type").map(str::to_ascii_lowercase).as_deref() {
            Some("a.k.a.") | None => NameKind::Aka,
            Some("f.k.a.") => NameKind::Fka,
            Some("n.k.a.") => NameKind::Nka,
            Some(other) => {
                return Err(err(&field("type"), format!("unknown alias type {other:?}")));
            }
        };
        let strength = match aka
            .text_of("category")
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("strong") | None => Strength::Strong,
            Some("weak") => Strength::Weak,
            Some(other) => {
                return Err(err(
                    &field("category"),
                    format!("unknown category {other:?}"),
                ));
            }
        };
        names.push(Name {
            text,
            kind,
            strength,
            quality: aka.text_of("category").map(str::to_string),
            id: aka.text_of("uid").map(str::to_string),
        });
    }
    let mut dates_of_birth = Vec::new();
    for (i, item) in list_items("dateOfBirthList", "dateOfBirthItem")
        .iter()
        .enumerate()
    {
        let field = format!("dateOfBirthList/dateOfBirthItem[{}]/dateOfBirth", i + 1);
        let text = item
            .text_of("dateOfBirth")
            .ok_or_else(|| err(&field, "missing".into()))?;
        dates_of_birth.push(
            parse_free_dob(text)
                .ok_or_else(|| err(&field, format!("not a date of birth: {text:?}")))?,
        );
    }
    let mut nationalities: Vec<String> = list_items("nationalityList", "nationality")
        .iter()
        .filter_map(|x| x.text_of("country").map(str::to_string))
        .collect();
    nationalities.extend(
        list_items("citizenshipList", "citizenship")
            .iter()
            .filter_map(|x| x.text_of("country").map(str::to_string)),
    );
    let identifiers = list_items("idList", "id")
        .iter()
        .filter_map(|x| {
            Some(Identifier {
                kind: x.text_of("idType")?.to_string(),
                number: x.text_of("idNumber")?.to_string(),
                country: x.text_of("idCountry").map(str::to_string),
            })
        })
        .collect();
    let mut entry = Entry {
        list: ListSource::OfacXml,
        reference: uid.to_string(),
        other_references: Vec::new(),
        kind,
        names,
        dates_of_birth,
        nationalities,
        address_countries: list_items("addressList", "address")
            .iter()
            .filter_map(|a| a.text_of("country").map(str::to_string))
            .collect(),
        programs: el
            .child("programList")
            .map(|p| {
                p.children_named("program")
                    .filter_map(Element::value)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        identifiers,
        listed_on: None,
    };
    // Some files still carry DOB/nationality only in remarks.
    if entry.dates_of_birth.is_empty()
        && let Some(remarks) = el.text_of("remarks")
    {
        super::ofac_csv::read_remarks(remarks, &mut entry, &format!("{LIST} {label}"), warnings);
    }
    Ok(entry)
}
