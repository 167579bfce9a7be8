//! The UN Security Council Consolidated List XML (`CONSOLIDATED_LIST`, no namespace).
//!
//! Quirks handled (see `shared/research/formats.md` §2.1): empty placeholder elements
//! (`<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>`, `<TYPE_OF_DATE/>`), several
//! names in one `ALIAS_NAME` separated by `;`, `EXACT` dates of birth that carry only a `YEAR`,
//! `BETWEEN` ranges with a `NOTE Approximately`, several dates of birth per person, `NOTE`
//! elements inside aliases and documents (which the 2018 XSD rejects), name parts in
//! `FIRST_NAME`..`FOURTH_NAME` that are not given/family names, and `NAME_ORIGINAL_SCRIPT`.

use super::{parse_year, split_names};
use crate::error::ParseError;
use crate::model::*;
use crate::xml::{Element, walk};

const LIST: &str = "UN consolidated XML";

/// Parses the whole file.
pub fn parse(text: &str) -> Result<WatchList, ParseError> {
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    let mut counts = (0usize, 0usize);
    let doc = walk(LIST, text, &["INDIVIDUAL", "ENTITY"], |el| {
        let n = if el.name == "INDIVIDUAL" {
            counts.0 += 1;
            counts.0
        } else {
            counts.1 += 1;
            counts.1
        };
        entries.push(record(&el, n, &mut warnings)?);
        Ok(())
    })?;
    if doc.root != "CONSOLIDATED_LIST" {
        return Err(ParseError::new(
            LIST,
            "document",
            "root",
            format!("expected CONSOLIDATED_LIST, found {}", doc.root),
        ));
    }
    let published = doc
        .root_attrs
        .iter()
        .find(|(k, _)| k == "dateGenerated")
        .map(|(_, v)| v.clone());
    Ok(WatchList {
        source: ListSource::Un,
        published,
        entries,
        warnings,
    })
}

fn record(el: &Element, n: usize, _warnings: &mut Vec<String>) -> Result<Entry, ParseError> {
    let individual = el.name == "INDIVIDUAL";
    let dataid = el.text_of("DATAID");
    let label = match dataid {
        Some(id) => format!("{} #{n} (DATAID {id})", el.name),
        None => format!("{} #{n}", el.name),
    };
    let err = |field: &str, msg: String| ParseError::new(LIST, label.clone(), field, msg);
    let dataid = dataid.ok_or_else(|| err("DATAID", "missing".into()))?;
    if !dataid.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err("DATAID", format!("not a number: {dataid:?}")));
    }
    let reference = el
        .text_of("REFERENCE_NUMBER")
        .ok_or_else(|| err("REFERENCE_NUMBER", "missing".into()))?;
    let parts: Vec<&str> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .filter_map(|f| el.text_of(f))
        .collect();
    if parts.is_empty() {
        return Err(err("FIRST_NAME", "the record has no name".into()));
    }
    let mut names = vec![Name {
        text: parts.join(" "),
        kind: NameKind::Primary,
        strength: Strength::Strong,
        quality: None,
        id: None,
    }];
    if let Some(original) = el.text_of("NAME_ORIGINAL_SCRIPT") {
        names.push(Name {
            text: original.to_string(),
            kind: NameKind::OriginalScript,
            strength: Strength::Strong,
            quality: None,
            id: None,
        });
    }
    let alias_tag = if individual {
        "INDIVIDUAL_ALIAS"
    } else {
        "ENTITY_ALIAS"
    };
    for alias in el.children_named(alias_tag) {
        let quality = alias.text_of("QUALITY");
        let Some(text) = alias.text_of("ALIAS_NAME") else {
            if quality.is_some() {
                return Err(err(
                    &format!("{alias_tag}/ALIAS_NAME"),
                    "alias with a QUALITY but no name".into(),
                ));
            }
            continue; // the empty placeholder alias
        };
        let (kind, strength) = match quality.map(str::to_ascii_lowercase).as_deref() {
            None | Some("good") | Some("a.k.a.") => (NameKind::Aka, Strength::Strong),
            Some("low") => (NameKind::Aka, Strength::Weak),
            Some("f.k.a.") => (NameKind::Fka, Strength::Strong),
            Some("n.k.a.") => (NameKind::Nka, Strength::Strong),
            Some(other) => {
                return Err(err(
                    &format!("{alias_tag}/QUALITY"),
                    format!("unknown alias quality {other:?}"),
                ));
            }
        };
        for one in split_names(text) {
            names.push(Name {
                text: one.to_string(),
                kind,
                strength,
                quality: quality.map(str::to_string),
                id: None,
            });
        }
    }
    let mut dates_of_birth = Vec::new();
    for dob in el.children_named("INDIVIDUAL_DATE_OF_BIRTH") {
        let field = |f: &str| format!("INDIVIDUAL_DATE_OF_BIRTH/{f}");
        let kind = dob.text_of("TYPE_OF_DATE").map(str::to_ascii_uppercase);
        let note_approx = dob
            .text_of("NOTE")
            .is_some_and(|n| n.to_ascii_lowercase().contains("approx"));
        let approximate = kind.as_deref() == Some("APPROXIMATELY") || note_approx;
        let value = if let Some(d) = dob.text_of("DATE") {
            DobValue::Date {
                date: Date::parse_iso(d)
                    .ok_or_else(|| err(&field("DATE"), format!("not a date: {d:?}")))?,
            }
        } else if let Some(y) = dob.text_of("YEAR") {
            DobValue::Year {
                year: parse_year(y)
                    .ok_or_else(|| err(&field("YEAR"), format!("not a year: {y:?}")))?,
            }
        } else if dob.text_of("FROM_YEAR").is_some() || dob.text_of("TO_YEAR").is_some() {
            let get = |f: &str| -> Result<i32, ParseError> {
                let t = dob
                    .text_of(f)
                    .ok_or_else(|| err(&field(f), "missing in a BETWEEN date".into()))?;
                parse_year(t).ok_or_else(|| err(&field(f), format!("not a year: {t:?}")))
            };
            let (from, to) = (get("FROM_YEAR")?, get("TO_YEAR")?);
            if from > to {
                return Err(err(
                    &field("TO_YEAR"),
                    format!("range {from} to {to} ends before it starts"),
                ));
            }
            DobValue::YearRange { from, to }
        } else if kind.is_some() {
            return Err(err(
                &field("TYPE_OF_DATE"),
                format!(
                    "{} without DATE, YEAR or FROM_YEAR/TO_YEAR",
                    kind.as_deref().unwrap_or_default()
                ),
            ));
        } else {
            continue; // empty placeholder
        };
        match kind.as_deref() {
            None | Some("EXACT") | Some("APPROXIMATELY") | Some("BETWEEN") => {}
            Some(other) => {
                return Err(err(
                    &field("TYPE_OF_DATE"),
                    format!("unknown type {other:?}"),
                ));
            }
        }
        dates_of_birth.push(DateOfBirth { value, approximate });
    }
    let values = |tag: &str| -> Vec<String> {
        el.child(tag)
            .map(|c| {
                c.children_named("VALUE")
                    .filter_map(Element::value)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let nationalities = values("NATIONALITY");
    let address_tag = if individual {
        "INDIVIDUAL_ADDRESS"
    } else {
        "ENTITY_ADDRESS"
    };
    let address_countries = el
        .children_named(address_tag)
        .filter_map(|a| a.text_of("COUNTRY"))
        .map(str::to_string)
        .collect();
    let identifiers = el
        .children_named("INDIVIDUAL_DOCUMENT")
        .filter_map(|d| {
            let number = d.text_of("NUMBER")?;
            Some(Identifier {
                kind: d
                    .text_of("TYPE_OF_DOCUMENT")
                    .unwrap_or("document")
                    .to_string(),
                number: number.to_string(),
                country: d
                    .text_of("ISSUING_COUNTRY")
                    .or(d.text_of("COUNTRY_OF_ISSUE"))
                    .map(str::to_string),
            })
        })
        .collect();
    Ok(Entry {
        list: ListSource::Un,
        reference: reference.to_string(),
        other_references: vec![format!("DATAID {dataid}")],
        kind: if individual {
            SubjectKind::Individual
        } else {
            SubjectKind::Entity
        },
        names,
        dates_of_birth,
        nationalities,
        address_countries,
        programs: el
            .text_of("UN_LIST_TYPE")
            .map(str::to_string)
            .into_iter()
            .collect(),
        identifiers,
        listed_on: el.text_of("LISTED_ON").map(str::to_string),
    })
}
