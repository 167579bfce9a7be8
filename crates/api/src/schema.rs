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

/// Checks `value` against `schema` (which may `$ref` into `document`'s components).
pub fn check(document: &Value, schema: &Value, value: &Value) -> Result<(), String> {
    check_at(document, schema, value, "$", 0)
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
) -> Result<(), String> {
    if depth > 64 {
        return Err(format!("{at}: schema nesting too deep"));
    }
    let Some(schema) = schema.as_object() else {
        return Err(format!("{at}: the schema is not an object"));
    };
    if let Some(unknown) = schema.keys().find(|k| !KEYWORDS.contains(&k.as_str())) {
        return Err(format!(
            "{at}: schema keyword {unknown:?} is not checked here"
        ));
    }
    if let Some(reference) = schema.get("$ref") {
        let target = reference
            .as_str()
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|pointer| document.pointer(pointer))
            .ok_or_else(|| format!("{at}: unresolved $ref {reference}"))?;
        return check_at(document, target, value, at, depth + 1);
    }
    if let Some(types) = schema.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => return Err(format!("{at}: bad type in schema")),
        };
        let actual = type_of(value);
        let fits =
            allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
        if !fits {
            return Err(format!("{at}: {actual}, expected {}", allowed.join(" or ")));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        return Err(format!(
            "{at}: {value} is not one of {}",
            Value::Array(options.clone())
        ));
    }
    if let Value::String(text) = value {
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64)
            && text.chars().count() as u64 > max
        {
            return Err(format!("{at}: longer than {max}"));
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            let check = PATTERNS
                .iter()
                .find(|(p, _)| *p == pattern)
                .map(|(_, f)| f)
                .ok_or_else(|| format!("{at}: pattern {pattern:?} is not checked here"))?;
            if !check(text) {
                return Err(format!("{at}: {text:?} does not match {pattern}"));
            }
        }
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_i64),
        value.as_i64(),
    ) && n < min
    {
        return Err(format!("{at}: {n} is below {min}"));
    }
    if let Value::Array(items) = value {
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < min
        {
            return Err(format!("{at}: fewer than {min} items"));
        }
        if let Some(max) = schema.get("maxItems").and_then(Value::as_u64)
            && items.len() as u64 > max
        {
            return Err(format!("{at}: more than {max} items"));
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
                    return Err(format!("{at}: missing {name:?}"));
                }
            }
        }
        for (name, v) in map {
            let field = format!("{at}.{name}");
            match properties.and_then(|p| p.get(name)) {
                Some(s) => check_at(document, s, v, &field, depth + 1)?,
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        return Err(format!("{field}: not in the schema"));
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
