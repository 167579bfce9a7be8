//! The OpenAPI 3.1 document, built here and committed as `docs/openapi.json` (a test keeps the
//! two equal, so drift shows in review).

use serde_json::{Map, Value, json};

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn problem_responses(codes: &[&str]) -> Map<String, Value> {
    let mut out = Map::new();
    for code in codes {
        let description = match *code {
            "400" => "Malformed JSON, wrong types or unknown fields (problem+json names the field)",
            "401" => "Missing or unknown API key",
            "403" => "The key's role may not do this",
            "404" => "Not found, or not visible to this key",
            "409" => "A request with this Idempotency-Key is still in flight",
            "413" => "Body larger than the limit",
            "422" => {
                "Refused: the field and the reason (or an Idempotency-Key reused for another request)"
            }
            "503" => "Timed out or the store is unavailable; retry with the same Idempotency-Key",
            _ => "Error",
        };
        out.insert(
            code.to_string(),
            json!({
                "description": description,
                "content": { "application/problem+json": { "schema": schema_ref("Problem") } }
            }),
        );
    }
    out
}

fn op(
    summary: &str,
    roles: &str,
    ok: (&str, &str),
    body: Option<&str>,
    params: Vec<Value>,
    errors: &[&str],
) -> Value {
    let mut responses = problem_responses(errors);
    responses.insert(
        ok.0.to_string(),
        json!({
            "description": "OK",
            "content": { "application/json": { "schema": schema_ref(ok.1) } }
        }),
    );
    let mut operation = json!({
        "summary": summary,
        "description": format!("Who may call it: {roles}."),
        "parameters": params,
        "responses": responses,
    });
    if let Some(body) = body {
        operation["requestBody"] = json!({
            "required": true,
            "content": { "application/json": { "schema": schema_ref(body) } }
        });
        if let Some(parameters) = operation["parameters"].as_array_mut() {
            parameters.push(json!({ "$ref": "#/components/parameters/IdempotencyKey" }));
        }
    }
    operation
}

fn path_param(name: &str, description: &str) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": description, "schema": { "type": "string" } })
}

fn query_param(name: &str, description: &str, required: bool) -> Value {
    json!({ "name": name, "in": "query", "required": required, "description": description, "schema": { "type": "string" } })
}

fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "additionalProperties": false, "required": required, "properties": properties })
}

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

const READ: [&str; 3] = ["401", "404", "503"];
const WRITE: [&str; 8] = ["400", "401", "403", "409", "413", "422", "503", "404"];

pub fn document() -> Value {
    let list = |item: &str| json!({ "type": "object", "properties": { "items": { "type": "array", "items": schema_ref(item) } } });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Corridor",
            "version": "1",
            "description": "Clearing and settlement for national-currency trade corridors. Amounts are decimal strings in major units with an ISO 4217 currency code, never JSON numbers. Errors are RFC 9457 problem details. Every POST accepts an Idempotency-Key. A write is answered only once it is durable."
        },
        "servers": [{ "url": "http://127.0.0.1:8080" }],
        "security": [{ "bearer": [] }],
        "paths": {
            "/healthz": { "get": { "summary": "The process answers", "security": [], "responses": { "200": { "description": "OK" } } } },
            "/readyz": { "get": { "summary": "The store is open and answers reads", "security": [], "responses": { "200": { "description": "Ready" }, "503": { "description": "Not ready" } } } },
            "/openapi.json": { "get": { "summary": "This document", "security": [], "responses": { "200": { "description": "OpenAPI 3.1" } } } },
            "/docs": { "get": { "summary": "Swagger UI for this document (vendored assets)", "security": [], "responses": { "200": { "description": "text/html" } } } },
            "/metrics": { "get": { "summary": "Prometheus text: requests, latencies, commands in flight, batch sizes, cycle durations", "security": [], "responses": { "200": { "description": "text/plain; version=0.0.4" } } } },
            "/v1/corridor": {
                "get": op("The corridor's terms", "every role", ("200", "Corridor"), None, vec![], &READ),
                "post": op("Configure the corridor (once)", "operator", ("201", "Corridor"), Some("CorridorInput"), vec![], &WRITE),
            },
            "/v1/banks": {
                "get": op("Banks the key may see, by BIC, cursor-paginated", "operator, auditor: all; central bank: its currency; bank: itself", ("200", "BankList"), None, vec![query_param("currency", "ISO 4217 code", false), query_param("cursor", "next_cursor of the previous page", false), query_param("limit", "1..1000, default 100", false)], &READ),
                "post": op("Register a bank", "operator; the central bank of the bank's currency", ("201", "Bank"), Some("BankInput"), vec![], &WRITE),
            },
            "/v1/banks/{bic}": { "get": op("One bank", "as for the list; others get 404", ("200", "Bank"), None, vec![path_param("bic", "BIC")], &READ) },
            "/v1/banks/{bic}/funding": { "post": op("Credit the bank's settlement account from its central bank", "operator; the bank's central bank", ("201", "Funding"), Some("FundingInput"), vec![path_param("bic", "BIC")], &WRITE) },
            "/v1/banks/{bic}/statement": { "get": op("Statement for value dates from..to, reconciled to the ledger", "operator, auditor; the bank's central bank; the bank itself", ("200", "Statement"), None, vec![path_param("bic", "BIC"), query_param("from", "YYYY-MM-DD", true), query_param("to", "YYYY-MM-DD", true)], &READ) },
            "/v1/traders": {
                "get": op("Traders the key may see, by id, cursor-paginated", "operator, auditor: all; central bank: its currency's banks' traders; bank: its own", ("200", "TraderList"), None, vec![query_param("bank", "BIC", false), query_param("country", "ISO 3166 alpha-2", false), query_param("cursor", "next_cursor of the previous page", false), query_param("limit", "1..1000, default 100", false)], &READ),
                "post": op("Register a trader", "the trader's bank; operator", ("201", "Trader"), Some("TraderInput"), vec![], &WRITE),
            },
            "/v1/traders/{id}": { "get": op("One trader", "as for the list; others get 404", ("200", "Trader"), None, vec![path_param("id", "trader id")], &READ) },
            "/v1/rate-fixes": {
                "get": op("Published rate fixes", "every role", ("200", "RateFixList"), None, vec![], &READ),
                "post": op("Publish a rate fix for a value date (today or later)", "central banks; operator", ("201", "RateFix"), Some("RateFixInput"), vec![], &WRITE),
            },
            "/v1/obligations": {
                "get": op("Obligations the key may see, oldest first, cursor-paginated", "operator, auditor: all; central bank: touching its currency; bank: where it is the debtor's or creditor's bank", ("200", "ObligationPage"), None, vec![
                    query_param("status", "submitted, accepted, rejected, disputed, cancel_requested, cancelled, partly_cleared, cleared, settled", false),
                    query_param("party", "trader id (debtor or creditor)", false),
                    query_param("bank", "BIC (debtor's or creditor's bank)", false),
                    query_param("currency", "ISO 4217 code", false),
                    query_param("from", "issued on or after, YYYY-MM-DD", false),
                    query_param("to", "issued on or before, YYYY-MM-DD", false),
                    query_param("cursor", "next_cursor of the previous page", false),
                    query_param("limit", "1..1000, default 100", false),
                ], &READ),
                "post": op("Submit an obligation (invoice)", "the creditor's bank; operator (naming submitted_by)", ("201", "Obligation"), Some("ObligationInput"), vec![], &WRITE),
            },
            "/v1/obligations/batch": { "post": op("Submit up to 10,000 obligations; one result per item", "as for one obligation", ("200", "BatchResult"), Some("BatchInput"), vec![], &WRITE) },
            "/v1/obligations/{id}": { "get": op("One obligation", "as for the list; others get 404", ("200", "Obligation"), None, vec![path_param("id", "obligation id")], &READ) },
            "/v1/obligations/{id}/{action}": { "post": op("accept, reject (debtor's bank); dispute, resolve, cancel, withdraw-cancel (either bank; cancel needs both)", "the obligation's banks", ("200", "Obligation"), None, vec![path_param("id", "obligation id"), path_param("action", "accept | reject | dispute | resolve | cancel | withdraw-cancel")], &WRITE) },
            "/v1/cycles": {
                "get": op("Clearing cycle reports, cursor-paginated", "operator, auditor: whole; central bank: its currency; bank: its own position", ("200", "CycleList"), None, vec![query_param("cursor", "next_cursor of the previous page", false), query_param("limit", "1..1000, default 100", false)], &READ),
                "post": op("Run a clearing cycle for a value date (default today)", "operator", ("201", "Cycle"), Some("CycleInput"), vec![], &WRITE),
            },
            "/v1/cycles/{number}": { "get": op("One cycle's report", "as for the list", ("200", "Cycle"), None, vec![path_param("number", "1, 2, ...")], &READ) },
            "/v1/accounts": { "get": op("Ledger accounts and balances the key may see", "operator, auditor: all; central bank: its currency; bank: its settlement account", ("200", "AccountList"), None, vec![], &READ) },
            "/v1/barter-window": { "get": op("Exports and imports per trader in the barter window ending `until`", "operator, auditor: all; others: traders they may see", ("200", "BarterReport"), None, vec![query_param("until", "YYYY-MM-DD", true), query_param("trader", "one trader", false)], &READ) },
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "An API key from `corridor admin create-key`" } },
            "parameters": {
                "IdempotencyKey": { "name": "Idempotency-Key", "in": "header", "required": false, "description": "Retrying with the same key and body returns the first response; the same key with another body is 422.", "schema": { "type": "string", "maxLength": 255 } }
            },
            "schemas": {
                "Money": object(&["amount", "currency"], json!({ "amount": { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$", "description": "decimal in major units" }, "currency": { "type": "string", "pattern": "^[A-Z]{3}$" } })),
                "Problem": { "type": "object", "required": ["type", "title", "status", "detail"], "properties": { "type": { "type": "string", "description": "stable: /problems/validation, /problems/refused, /problems/malformed-request, /problems/unauthorized, /problems/forbidden, /problems/not-found, /problems/idempotency-key-reused, /problems/idempotency-key-in-flight, /problems/body-too-large, /problems/timeout, /problems/unavailable, /problems/internal" }, "title": { "type": "string" }, "status": { "type": "integer" }, "detail": { "type": "string" }, "field": { "type": "string" } } },
                "Side": object(&["country", "currency", "central_bank", "central_bank_name"], json!({ "country": string("ISO 3166 alpha-2"), "currency": string("ISO 4217"), "central_bank": string("BIC"), "central_bank_name": string("name") })),
                "CorridorInput": object(&["name", "sides", "cut_off", "swap_line", "hs_allow", "hs_deny", "hs_default", "barter_window_days", "barter_tolerance_percent"], json!({ "name": string("e.g. PK-IR"), "sides": { "type": "array", "minItems": 2, "maxItems": 2, "items": schema_ref("Side") }, "cut_off": string("HH:MM UTC"), "swap_line": schema_ref("Money"), "hs_allow": { "type": "array", "items": { "type": "string" } }, "hs_deny": { "type": "array", "items": { "type": "string" } }, "hs_default": { "enum": ["allow", "deny"] }, "barter_window_days": { "type": "integer" }, "barter_tolerance_percent": { "type": "integer" } })),
                "Corridor": { "type": "object" },
                "BankInput": object(&["bic", "name", "country", "net_debit_cap"], json!({ "bic": string("BIC of the bank's country"), "name": string("name"), "country": string("ISO 3166 alpha-2"), "net_debit_cap": schema_ref("Money") })),
                "Bank": object(&[], json!({ "bic": string("BIC"), "name": string(""), "country": string(""), "currency": string(""), "net_debit_cap": schema_ref("Money"), "account": string("ledger account id") })),
                "BankList": list("Bank"),
                "FundingInput": object(&["amount"], json!({ "amount": schema_ref("Money") })),
                "Funding": object(&[], json!({ "bank": string("BIC"), "transfer": string("ledger transfer id") })),
                "Statement": { "type": "object", "properties": { "opening": schema_ref("Money"), "closing": schema_ref("Money"), "entries": { "type": "array" }, "reconciled": { "type": "boolean" } } },
                "TraderInput": object(&["id", "legal_name", "tax_id", "country", "bank"], json!({ "id": string("1-35 of A-Z a-z 0-9 . _ - /"), "legal_name": string(""), "original_name": string("name in its original script"), "tax_id": string("NTN/CNIC (PK), national id (IR)"), "country": string(""), "bank": string("BIC") })),
                "Trader": { "type": "object" },
                "TraderList": list("Trader"),
                "RateFixInput": object(&["value_date", "rate", "source"], json!({ "value_date": string("YYYY-MM-DD"), "rate": string("1 unit of the first side's currency in the second's, exact decimal"), "valid_from": string("YYYY-MM-DD"), "valid_to": string("YYYY-MM-DD"), "source": string("who published it") })),
                "RateFix": { "type": "object" },
                "RateFixList": list("RateFix"),
                "ObligationInput": object(&["id", "debtor", "creditor", "amount", "issued", "due"], json!({ "id": string("invoice id"), "debtor": string("trader id"), "creditor": string("trader id"), "amount": schema_ref("Money"), "hs_code": string("6-digit HS 2022; required across the border"), "issued": string("YYYY-MM-DD"), "due": string("YYYY-MM-DD"), "submitted_by": string("operator only: the creditor's bank") })),
                "Obligation": { "type": "object", "properties": { "id": string(""), "amount": schema_ref("Money"), "cleared": schema_ref("Money"), "status": string("") } },
                "ObligationPage": { "type": "object", "properties": { "items": { "type": "array", "items": schema_ref("Obligation") }, "next_cursor": { "type": ["string", "null"] } } },
                "BatchInput": object(&["obligations"], json!({ "obligations": { "type": "array", "maxItems": 10000, "items": schema_ref("ObligationInput") } })),
                "BatchResult": { "type": "object", "properties": { "accepted": { "type": "integer" }, "results": { "type": "array", "items": { "type": "object", "properties": { "index": { "type": "integer" }, "id": string(""), "status": { "type": "integer" }, "problem": schema_ref("Problem") } } } } },
                "CycleInput": object(&[], json!({ "value_date": string("YYYY-MM-DD, default today") })),
                "Cycle": { "type": "object" },
                "CycleList": list("Cycle"),
                "AccountList": { "type": "object" },
                "BarterReport": { "type": "object" },
            }
        }
    })
}
