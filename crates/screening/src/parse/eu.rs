//! The EU Financial Sanctions Files XML, schema `xmlFullSanctionsList_1_1` (namespace
//! `http://eu.europa.ec/fpi/fsd/export`; the XSD is in `shared/fixtures/sanctions/`).
//!
//! Everything is in attributes: `sanctionEntity@logicalId`, `@euReferenceNumber`,
//! `@unitedNationId`, `@designationDate`; `subjectType@classificationCode` P (person) or E
//! (enterprise); `nameAlias@wholeName` (or first/middle/last), `@strong`, `@nameLanguage`;
//! `citizenship@countryIso2Code`; `birthdate@birthdate` or `@year`/`@monthOfYear`/`@dayOfMonth`
//! or `@yearRangeFrom`/`@yearRangeTo`, with `@circa`. No real EU file was available to us; the
//! tests use a small document written from the XSD.

use crate::error::ParseError;
use crate::model::*;
use crate::xml::{Element, walk};

const LIST: &str = "EU FSF XML";

/// Parses the whole file.
pub fn parse(text: &str) -> Result<WatchList, ParseError> {
    let mut entries = Vec::new();
    let mut n = 0usize;
    let doc = walk(LIST, text, &["sanctionEntity"], |el| {
        n += 1;
        entries.push(entity(&el, n)?);
        Ok(())
    })?;
    if doc.root != "export" {
        return Err(ParseError::new(
            LIST,
            "document",
            "root",
            format!("expected export, found {}", doc.root),
        ));
    }
    let published = doc
        .root_attrs
        .iter()
        .find(|(k, _)| k == "generationDate")
        .map(|(_, v)| v.clone());
    Ok(WatchList {
        source: ListSource::Eu,
        published,
        entries,
        warnings: Vec::new(),
    })
}

fn boolean(
    el: &Element,
    attr: &str,
    err: &dyn Fn(&str, String) -> ParseError,
) -> Result<bool, ParseError> {
    match el.attr(attr) {
        None | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(other) => Err(err(
            &format!("{}@{attr}", el.name),
            format!("not a boolean: {other:?}"),
        )),
    }
}

fn int(
    el: &Element,
    attr: &str,
    err: &dyn Fn(&str, String) -> ParseError,
) -> Result<Option<i32>, ParseError> {
    el.attr(attr)
        .map(|v| {
            v.parse::<i32>().map_err(|_| {
                err(
                    &format!("{}@{attr}", el.name),
                    format!("not an integer: {v:?}"),
                )
            })
        })
        .transpose()
}

fn entity(el: &Element, n: usize) -> Result<Entry, ParseError> {
    let logical = el.attr("logicalId");
    let label = match (logical, el.attr("euReferenceNumber")) {
        (Some(l), Some(r)) => format!("sanctionEntity #{n} (logicalId {l}, {r})"),
        (Some(l), None) => format!("sanctionEntity #{n} (logicalId {l})"),
        _ => format!("sanctionEntity #{n}"),
    };
    let err = |field: &str, msg: String| ParseError::new(LIST, label.clone(), field, msg);
    let logical = logical.ok_or_else(|| err("sanctionEntity@logicalId", "missing".into()))?;
    let kind = match el
        .child("subjectType")
        .and_then(|s| s.attr("classificationCode"))
    {
        Some("P") => SubjectKind::Individual,
        Some("E") => SubjectKind::Entity,
        Some(other) => {
            return Err(err(
                "subjectType@classificationCode",
                format!("expected P or E, found {other:?}"),
            ));
        }
        None => return Err(err("subjectType@classificationCode", "missing".into())),
    };
    let mut names = Vec::new();
    for alias in el.children_named("nameAlias") {
        let whole = alias.attr("wholeName").map(str::to_string).or_else(|| {
            let parts: Vec<&str> = ["firstName", "middleName", "lastName"]
                .iter()
                .filter_map(|a| alias.attr(a))
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        });
        let Some(text) = whole else {
            return Err(err("nameAlias@wholeName", "alias without a name".into()));
        };
        let strong = match alias.attr("strong") {
            None => true,
            Some(_) => boolean(alias, "strong", &err)?,
        };
        let latin = text
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c));
        let kind = if names.is_empty() {
            NameKind::Primary
        } else if latin {
            NameKind::Aka
        } else {
            NameKind::OriginalScript
        };
        names.push(Name {
            text,
            kind,
            strength: if strong {
                Strength::Strong
            } else {
                Strength::Weak
            },
            quality: alias.attr("nameLanguage").map(|l| format!("language {l}")),
            id: alias.attr("logicalId").map(str::to_string),
        });
    }
    if names.is_empty() {
        return Err(err("nameAlias", "the entity has no name".into()));
    }
    let mut dates_of_birth = Vec::new();
    for b in el.children_named("birthdate") {
        let approximate = boolean(b, "circa", &err)?;
        let value = if let Some(d) = b.attr("birthdate") {
            DobValue::Date {
                date: Date::parse_iso(d)
                    .ok_or_else(|| err("birthdate@birthdate", format!("not a date: {d:?}")))?,
            }
        } else if let Some(year) = int(b, "year", &err)? {
            match (int(b, "monthOfYear", &err)?, int(b, "dayOfMonth", &err)?) {
                (Some(m), Some(d)) => DobValue::Date {
                    date: u8::try_from(m)
                        .ok()
                        .zip(u8::try_from(d).ok())
                        .and_then(|(m, d)| Date::new(year, m, d))
                        .ok_or_else(|| {
                            err(
                                "birthdate@dayOfMonth",
                                format!("not a date: {year}-{m}-{d}"),
                            )
                        })?,
                },
                (Some(m), None) => DobValue::Month {
                    year,
                    month: u8::try_from(m)
                        .ok()
                        .filter(|m| (1..=12).contains(m))
                        .ok_or_else(|| err("birthdate@monthOfYear", format!("not a month: {m}")))?,
                },
                _ => DobValue::Year { year },
            }
        } else if let (Some(from), Some(to)) =
            (int(b, "yearRangeFrom", &err)?, int(b, "yearRangeTo", &err)?)
        {
            if from > to {
                return Err(err(
                    "birthdate@yearRangeTo",
                    format!("range {from} to {to} ends before it starts"),
                ));
            }
            DobValue::YearRange { from, to }
        } else {
            continue; // a birthdate that only gives a place
        };
        dates_of_birth.push(DateOfBirth { value, approximate });
    }
    let country = |e: &Element| {
        e.attr("countryIso2Code")
            .filter(|c| *c != "00")
            .map(str::to_string)
    };
    Ok(Entry {
        list: ListSource::Eu,
        reference: logical.to_string(),
        other_references: [el.attr("euReferenceNumber"), el.attr("unitedNationId")]
            .into_iter()
            .flatten()
            .map(str::to_string)
            .collect(),
        kind,
        names,
        dates_of_birth,
        nationalities: el
            .children_named("citizenship")
            .filter_map(country)
            .collect(),
        address_countries: el.children_named("address").filter_map(country).collect(),
        programs: el
            .child("regulation")
            .and_then(|r| r.attr("programme"))
            .map(str::to_string)
            .into_iter()
            .collect(),
        identifiers: el
            .children_named("identification")
            .filter_map(|i| {
                Some(Identifier {
                    kind: i
                        .attr("identificationTypeDescription")
                        .or(i.attr("identificationTypeCode"))?
                        .to_string(),
                    number: i.attr("number")?.to_string(),
                    country: country(i),
                })
            })
            .collect(),
        listed_on: el.attr("designationDate").map(str::to_string),
    })
}
