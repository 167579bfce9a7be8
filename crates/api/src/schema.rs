//! Checks a JSON value against a schema of the OpenAPI document: the subset of JSON Schema the
//! document uses (`$ref`, `type`, `properties`, `required`, `additionalProperties`, `items`,
//! `enum`, `minItems`, `maxItems`, `maxLength`, `minimum`, and the document's own `pattern`s).
//! The end-to-end tests run every response through it, so the document cannot drift from what
//! the server sends. A keyword or pattern it does not know is an error, never a silent pass.

use serde_json::Value;

type Check = fn(&str) -> bool;

/// The patterns the document uses, with their checks.
const PATTERNS: [(&str, Check); 4] = [
    (AMOUNT, is_amount),
    (CURRENCY, |s| {
        s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
    }),
    (DATE, is_date),
    (DIGITS, |s| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }),
];
/// A decimal amount in major units.
pub const AMOUNT: &str = "^-?[0-9]+(\\.[0-9]+)?$";
pub const CURRENCY: &str = "^[A-Z]{3}$";
pub const DATE: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// An unsigned integer as decimal text (ids, timestamps).
pub const DIGITS: &str = "^[0-9]+$";

fn is_amount(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

const KEYWORDS: [&str; 16] = [
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "minItems",
    "maxItems",
    "maxLength",
    "minimum",
    "pattern",
    "description",
    "title",
    "example",
    "format",
];

/// Where a value does not fit its schema, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// `$` for the value itself, `$.amount.amount`, `$.obligations[3]`, ...
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// Checks `value` against `schema` (which may `$ref` into `document`'s components).
pub fn check(document: &Value, schema: &Value, value: &Value) -> Result<(), String> {
    check_at(document, schema, value, "$", 0).map_err(|m| m.to_string())
}

/// [`check`], with where and why apart.
pub fn mismatch(document: &Value, schema: &Value, value: &Value) -> Result<(), Mismatch> {
    check_at(document, schema, value, "$", 0)
}

/// Only the JSON types, everywhere in `value` (for request bodies, whose other rules the
/// server checks itself: an array where the schema has an object is the case it needs).
pub fn mismatch_types(document: &Value, schema: &Value, value: &Value) -> Result<(), Mismatch> {
    types_at(document, schema, value, "$", 0)
}

fn types_at(
    document: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    depth: usize,
) -> Result<(), Mismatch> {
    if depth > 64 {
        return Ok(());
    }
    if let Some(target) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| document.pointer(pointer))
    {
        return types_at(document, target, value, at, depth + 1);
    }
    let allowed: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let actual = type_of(value);
    let fits = allowed.is_empty()
        || allowed.contains(&actual)
        || (actual == "integer" && allowed.contains(&"number"));
    if !fits {
        return Err(Mismatch {
            path: at.to_string(),
            reason: format!("a JSON {actual}, expected {}", allowed.join(" or ")),
        });
    }
    match value {
        Value::Array(items) => {
            if let Some(item) = schema.get("items") {
                for (i, v) in items.iter().enumerate() {
                    types_at(document, item, v, &format!("{at}[{i}]"), depth + 1)?;
                }
            }
        }
        Value::Object(map) => {
            if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                for (name, v) in map {
                    if let Some(s) = properties.get(name) {
                        types_at(document, s, v, &format!("{at}.{name}"), depth + 1)?;
                    }
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Checks `value` against the component schema `name`.
pub fn check_named(document: &Value, name: &str, value: &Value) -> Result<(), String> {
    let schema = document
        .pointer(&format!("/components/schemas/{name}"))
        .ok_or_else(|| format!("no schema {name}"))?;
    check(document, schema, value)
}

fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn check_at(
    document: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    depth: usize,
) -> Result<(), Mismatch> {
    let fail = |path: &str, reason: String| Mismatch {
        path: path.to_string(),
        reason,
    };
    if depth > 64 {
        return Err(fail(at, "schema nesting too deep".to_string()));
    }
    let Some(schema) = schema.as_object() else {
        return Err(fail(at, "the schema is not an object".to_string()));
    };
    if let Some(unknown) = schema.keys().find(|k| !KEYWORDS.contains(&k.as_str())) {
        return Err(fail(
            at,
            format!("schema keyword {unknown:?} is not checked here"),
        ));
    }
    if let Some(reference) = schema.get("$ref") {
        let target = reference
            .as_str()
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|pointer| document.pointer(pointer))
            .ok_or_else(|| fail(at, format!("unresolved $ref {reference}")))?;
        return check_at(document, target, value, at, depth + 1);
    }
    if let Some(types) = schema.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => return Err(fail(at, "bad type in schema".to_string())),
        };
        let actual = type_of(value);
        let fits =
            allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
        if !fits {
            return Err(fail(
                at,
                format!("{actual}, expected {}", allowed.join(" or ")),
            ));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        return Err(fail(
            at,
            format!("{value} is not one of {}", Value::Array(options.clone())),
        ));
    }
    if let Value::String(text) = value {
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64)
            && text.chars().count() as u64 > max
        {
            return Err(fail(at, format!("longer than {max}")));
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            let check = PATTERNS
                .iter()
                .find(|(p, _)| *p == pattern)
                .map(|(_, f)| f)
                .ok_or_else(|| fail(at, format!("pattern {pattern:?} is not checked here")))?;
            if !check(text) {
                return Err(fail(at, format!("{text:?} does not match {pattern}")));
            }
        }
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_i64),
        value.as_i64(),
    ) && n < min
    {
        return Err(fail(at, format!("{n} is below {min}")));
    }
    if let Value::Array(items) = value {
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < min
        {
            return Err(fail(at, format!("fewer than {min} items")));
        }
        if let Some(max) = schema.get("maxItems").and_then(Value::as_u64)
            && items.len() as u64 > max
        {
            return Err(fail(at, format!("more than {max} items")));
        }
        if let Some(item) = schema.get("items") {
            for (i, v) in items.iter().enumerate() {
                check_at(document, item, v, &format!("{at}[{i}]"), depth + 1)?;
            }
        }
    }
    if let Value::Object(map) = value {
        let properties = schema.get("properties").and_then(Value::as_object);
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(name) {
                    return Err(fail(at, format!("missing {name:?}")));
                }
            }
        }
        for (name, v) in map {
            let field = format!("{at}.{name}");
            match properties.and_then(|p| p.get(name)) {
                Some(s) => check_at(document, s, v, &field, depth + 1)?,
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        return Err(fail(&field, "not in the schema".into()));
                    }
                    Some(Value::Bool(true)) | None => {}
                    Some(s) => check_at(document, s, v, &field, depth + 1)?,
                },
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_checker_finds_what_does_not_fit() {
        let doc = json!({ "components": { "schemas": {
            "Money": { "type": "object", "additionalProperties": false, "required": ["amount", "currency"],
                "properties": { "amount": { "type": "string", "pattern": AMOUNT }, "currency": { "type": "string", "pattern": CURRENCY } } },
            "List": { "type": "object", "properties": { "items": { "type": "array", "items": { "$ref": "#/components/schemas/Money" } }, "next": { "type": ["string", "null"] } } }
        }}});
        let good = json!({ "items": [{ "amount": "1.50", "currency": "PKR" }], "next": null });
        assert_eq!(check_named(&doc, "List", &good), Ok(()));
        for (bad, why) in [
            (
                json!({ "items": [{ "amount": 1.5, "currency": "PKR" }] }),
                "$.items[0].amount: number",
            ),
            (
                json!({ "items": [{ "amount": "1.", "currency": "PKR" }] }),
                "does not match",
            ),
            (
                json!({ "items": [{ "amount": "1", "currency": "pkr" }] }),
                "does not match",
            ),
            (
                json!({ "items": [{ "amount": "1", "currency": "PKR", "x": 1 }] }),
                "$.items[0].x: not in the schema",
            ),
            (
                json!({ "items": [{ "amount": "1" }] }),
                "missing \"currency\"",
            ),
            (
                json!({ "next": 5 }),
                "$.next: integer, expected string or null",
            ),
        ] {
            let e = check_named(&doc, "List", &bad).unwrap_err();
            assert!(e.contains(why), "{e} (expected {why})");
        }
        let unknown = json!({ "type": "string", "pattern": "^x$" });
        assert!(
            check(&doc, &unknown, &json!("x")).is_err(),
            "an unknown pattern fails"
        );
        let keyword = json!({ "oneOf": [] });
        assert!(
            check(&doc, &keyword, &json!(1)).is_err(),
            "an unknown keyword fails"
        );
    }
}
