//! The OpenAPI 3.1 document, built here and committed as `docs/openapi.json` (a test keeps the
//! two equal, so drift shows in review). Tests also hold it to the router (every operation,
//! both ways) and check every response of the end-to-end tests against it: its status must be
//! documented for the operation and its body must fit the documented schema
//! ([`crate::schema`]).

use crate::schema::{AMOUNT, CURRENCY, DATE, DIGITS};
use serde_json::{Map, Value, json};

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn problem_description(code: &str) -> &'static str {
    match code {
        "400" => "Malformed JSON or wrong types (problem+json names the field by its path)",
        "401" => "Missing or unknown API key (with WWW-Authenticate: Bearer)",
        "403" => {
            "The key's role may not do this (checked before the body is read), or a bank acting outside its role on an obligation it may see"
        }
        "404" => "Not found, or not visible to this key",
        "408" => "The body did not arrive within the request's time limit",
        "409" => {
            "An id already taken by something the key may see, or a request with this Idempotency-Key still in flight"
        }
        "413" => "Body larger than 8 MiB",
        "415" => "A body not sent as Content-Type: application/json",
        "422" => {
            "Refused: the field and the reason (a bad query parameter, an Idempotency-Key reused or expired, a business rule)"
        }
        "503" => {
            "Timed out, or the store is unavailable; a write may still complete: retry with the same Idempotency-Key"
        }
        _ => "Error",
    }
}

fn problems(codes: &[&str]) -> Map<String, Value> {
    let mut out = Map::new();
    for code in codes {
        out.insert(
            code.to_string(),
            json!({
                "description": problem_description(code),
                "content": { "application/problem+json": { "schema": schema_ref("Problem") } }
            }),
        );
    }
    out
}

/// Reads answer these besides 200.
const READ: [&str; 5] = ["400", "401", "404", "422", "503"];
/// Writes answer these besides their success.
const WRITE: [&str; 10] = [
    "400", "401", "403", "404", "408", "409", "413", "415", "422", "503",
];
/// The journal's verification answers these besides its success.
const VERIFY: [&str; 5] = ["401", "403", "404", "422", "503"];

fn op(
    summary: &str,
    roles: &str,
    ok: (&str, &str),
    body: Option<&str>,
    params: Vec<Value>,
    errors: &[&str],
) -> Value {
    let mut responses = problems(errors);
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
            "required": body != "ActionInput" && body != "CycleInput",
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

fn page_params() -> Vec<Value> {
    vec![
        query_param(
            "cursor",
            "next_cursor of the previous page, as given",
            false,
        ),
        query_param("limit", "1..1000, default 100", false),
    ]
}

fn with(mut params: Vec<Value>, more: Vec<Value>) -> Vec<Value> {
    params.extend(more);
    params
}

/// An object with exactly these properties (`required` of them always present).
fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "additionalProperties": false, "required": required, "properties": properties })
}

/// An object with at least these properties (reports that grow).
fn open_object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "required": required, "properties": properties })
}

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn nullable_string(description: &str) -> Value {
    json!({ "type": ["string", "null"], "description": description })
}

fn pattern(p: &str, description: &str) -> Value {
    json!({ "type": "string", "pattern": p, "description": description })
}

fn integer() -> Value {
    json!({ "type": "integer", "minimum": 0 })
}

fn array(item: Value) -> Value {
    json!({ "type": "array", "items": item })
}

fn page_of(item: &str) -> Value {
    object(
        &["items", "next_cursor"],
        json!({ "items": array(schema_ref(item)), "next_cursor": nullable_string("pass as `cursor` for the next page; null on the last page") }),
    )
}

fn schemas() -> Value {
    let money = schema_ref("Money");
    json!({
        "Money": object(&["amount", "currency"], json!({ "amount": pattern(AMOUNT, "decimal in major units, as text"), "currency": pattern(CURRENCY, "ISO 4217") })),
        "Problem": object(&["type", "title", "status", "detail"], json!({
            "type": { "enum": crate::problem::types::ALL, "description": "stable problem type" },
            "title": string("short, the same for every problem of the type"),
            "status": integer(),
            "detail": string("the reason"),
            "field": string("the offending field (a JSON path, a query parameter or a header)"),
        })),
        "Health": object(&["status"], json!({ "status": { "enum": ["ok", "ready"] } })),
        "Side": object(&["country", "currency", "central_bank", "central_bank_name"], json!({ "country": string("ISO 3166 alpha-2"), "currency": pattern(CURRENCY, "ISO 4217"), "central_bank": string("BIC"), "central_bank_name": string("name") })),
        "CorridorInput": object(&["name", "sides", "cut_off", "swap_line", "hs_allow", "hs_deny", "hs_default"], json!({ "name": string("e.g. PK-IR"), "sides": { "type": "array", "minItems": 2, "maxItems": 2, "items": schema_ref("Side") }, "cut_off": string("HH:MM UTC"), "swap_line": money, "hs_allow": array(string("HS prefix")), "hs_deny": array(string("HS prefix")), "hs_default": { "enum": ["allow", "deny"] }, "barter_window_days": integer(), "barter_tolerance_percent": integer() })),
        "Corridor": object(&["name", "sides", "cut_off", "swap_line", "hs_policy", "barter_window_days", "barter_tolerance_percent"], json!({
            "name": string("the corridor"),
            "sides": { "type": "array", "minItems": 2, "maxItems": 2, "items": schema_ref("Side") },
            "cut_off": string("HH:MM UTC"),
            "swap_line": money,
            "hs_policy": object(&["default", "rules"], json!({ "default": { "enum": ["allow", "deny"] }, "rules": array(object(&["prefix", "verdict"], json!({ "prefix": string("HS prefix"), "verdict": { "enum": ["allow", "deny"] } }))) })),
            "barter_window_days": integer(),
            "barter_tolerance_percent": integer(),
        })),
        "BankInput": object(&["bic", "name", "country", "net_debit_cap"], json!({ "bic": string("BIC of the bank's country"), "name": string("name"), "country": string("ISO 3166 alpha-2"), "net_debit_cap": money })),
        "Bank": object(&["bic", "name", "country", "currency", "net_debit_cap", "account"], json!({ "bic": string("BIC"), "name": string("name"), "country": string("ISO 3166 alpha-2"), "currency": pattern(CURRENCY, "ISO 4217"), "net_debit_cap": money, "account": pattern(DIGITS, "ledger account id") })),
        "BankPage": page_of("Bank"),
        "FundingInput": object(&["amount"], json!({ "amount": money })),
        "Funding": object(&["bank", "transfer"], json!({ "bank": string("BIC"), "transfer": { "type": ["string", "null"], "pattern": DIGITS, "description": "ledger transfer id" } })),
        "StatementEntry": open_object(&["transfer", "value_date", "amount", "counterparty", "kind"], json!({ "transfer": pattern(DIGITS, "ledger transfer id"), "value_date": pattern(DATE, "YYYY-MM-DD"), "amount": money, "counterparty": pattern(DIGITS, "ledger account id"), "kind": { "enum": ["funding", "settlement"] }, "cycle": integer() })),
        "Statement": open_object(&["account", "from", "to", "opening", "entries", "closing", "reconciled"], json!({ "bank": string("BIC, or the account's name"), "account": pattern(DIGITS, "ledger account id"), "from": pattern(DATE, ""), "to": pattern(DATE, ""), "opening": money, "entries": array(schema_ref("StatementEntry")), "closing": money, "ledger_balance": money, "reconciled": { "type": "boolean" } })),
        "TraderInput": object(&["id", "legal_name", "tax_id", "country", "bank"], json!({ "id": string("1-35 of A-Z a-z 0-9 . _ - /"), "legal_name": string(""), "original_name": string("name in its original script"), "tax_id": string("NTN/CNIC (PK), national id (IR)"), "country": string(""), "bank": string("BIC") })),
        "Trader": object(&["id", "legal_name", "original_name", "tax_id", "country", "bank"], json!({ "id": string("trader id"), "legal_name": string(""), "original_name": nullable_string("in its original script"), "tax_id": string(""), "country": string("ISO 3166 alpha-2"), "bank": string("BIC") })),
        "TraderPage": page_of("Trader"),
        "RateFixInput": object(&["value_date", "rate", "source"], json!({ "value_date": pattern(DATE, "YYYY-MM-DD"), "rate": string("1 unit of the first side's currency in the second's, exact decimal"), "valid_from": pattern(DATE, "YYYY-MM-DD"), "valid_to": pattern(DATE, "YYYY-MM-DD"), "source": string("who published it") })),
        "RateFix": object(&["corridor", "value_date", "base", "quote", "rate", "source", "valid_from", "valid_to"], json!({ "corridor": string(""), "value_date": pattern(DATE, ""), "base": pattern(CURRENCY, ""), "quote": pattern(CURRENCY, ""), "rate": pattern(AMOUNT, "exact decimal"), "source": string(""), "valid_from": pattern(DATE, ""), "valid_to": pattern(DATE, "") })),
        "RateFixPage": page_of("RateFix"),
        "ObligationInput": object(&["id", "debtor", "creditor", "amount", "issued", "due"], json!({ "id": string("invoice id"), "debtor": string("trader id"), "creditor": string("trader id: a customer of the submitting bank"), "amount": money, "hs_code": string("6-digit HS 2022; required across the border"), "issued": pattern(DATE, "YYYY-MM-DD"), "due": pattern(DATE, "YYYY-MM-DD"), "submitted_by": string("operator only: the creditor's bank") })),
        "Obligation": object(&["id", "debtor", "creditor", "debtor_bank", "creditor_bank", "amount", "cleared", "hs_code", "issued", "due", "status", "overdue", "submitted_by", "cycles"], json!({
            "id": string("invoice id"), "debtor": string("trader id"), "creditor": string("trader id"),
            "debtor_bank": string("BIC"), "creditor_bank": string("BIC"),
            "amount": money, "cleared": money, "hs_code": nullable_string("HS 2022"),
            "issued": pattern(DATE, ""), "due": pattern(DATE, ""),
            "status": { "enum": ["submitted", "accepted", "rejected", "disputed", "cancel requested", "cancelled", "partly cleared", "cleared", "settled"] },
            "overdue": { "type": "boolean" }, "submitted_by": string("BIC"), "cycles": array(integer()),
        })),
        "ObligationPage": page_of("Obligation"),
        "ActionInput": object(&[], json!({})),
        "BatchInput": object(&["obligations"], json!({ "obligations": { "type": "array", "maxItems": 10000, "items": schema_ref("ObligationInput") } })),
        "BatchItem": object(&["index", "status"], json!({ "index": integer(), "id": string("the item's id, when it had one"), "status": { "enum": [201, 400, 403, 409, 422] }, "problem": schema_ref("Problem") })),
        "BatchResult": object(&["accepted", "results"], json!({ "accepted": integer(), "results": array(schema_ref("BatchItem")) })),
        "CycleInput": object(&[], json!({ "value_date": pattern(DATE, "YYYY-MM-DD, default today") })),
        "Cycle": open_object(&["cycle", "value_date", "rate"], json!({
            "cycle": integer(), "value_date": pattern(DATE, ""),
            "rate": open_object(&["base", "quote", "value"], json!({ "base": pattern(CURRENCY, ""), "quote": pattern(CURRENCY, ""), "value": pattern(AMOUNT, "") })),
            "currencies": { "type": "object", "description": "per currency code: the cycle's figures (all of them for the operator and auditors, its own for a central bank)" },
            "positions": array(open_object(&["account", "name", "position"], json!({ "account": pattern(DIGITS, ""), "name": string(""), "position": money }))),
            "deferred_banks": array(object(&["bic", "reason"], json!({ "bic": string(""), "reason": string("") }))),
            "payment_instructions": array(open_object(&["obligation", "paying_bank", "pay", "receiving_bank", "receive"], json!({ "obligation": string(""), "paying_bank": string("BIC"), "pay": money, "receiving_bank": string("BIC"), "receive": money, "cross_border": { "type": "boolean" } }))),
            "position": { "type": ["object", "null"], "description": "a bank's view: its own position" },
            "deferred": { "type": ["boolean", "integer"], "description": "a bank's view: whether it was deferred; the operator's: how many obligations were" },
            "deferral_reason": nullable_string("a bank's view: why it was deferred"),
        })),
        "CyclePage": page_of("Cycle"),
        "SetOff": object(&["cycle", "value_date", "traders"], json!({ "cycle": integer(), "value_date": pattern(DATE, ""), "traders": array(object(&["trader", "set_off_on_debts", "set_off_on_claims"], json!({ "trader": string("trader id"), "set_off_on_debts": money, "set_off_on_claims": money }))) })),
        "Account": object(&["account", "name", "currency", "balance", "debits_posted", "credits_posted", "debits_pending", "credits_pending", "history"], json!({ "account": pattern(DIGITS, "ledger account id"), "name": string("BIC, or the central bank's BIC and the account's kind"), "currency": pattern(CURRENCY, ""), "balance": money, "debits_posted": money, "credits_posted": money, "debits_pending": money, "credits_pending": money, "history": { "type": "boolean" } })),
        "AccountPage": page_of("Account"),
        "Transfer": object(&["transfer", "timestamp", "direction", "counterparty", "amount", "code", "value_date", "reference"], json!({ "transfer": pattern(DIGITS, ""), "timestamp": pattern(DIGITS, "ns"), "direction": { "enum": ["debit", "credit"] }, "counterparty": pattern(DIGITS, "ledger account id"), "amount": money, "code": integer(), "value_date": { "type": ["string", "null"], "pattern": DATE }, "reference": string("") })),
        "TransferPage": page_of("Transfer"),
        "BalanceEntry": object(&["timestamp", "balance", "debits_posted", "credits_posted", "debits_pending", "credits_pending"], json!({ "timestamp": pattern(DIGITS, "ns"), "balance": money, "debits_posted": money, "credits_posted": money, "debits_pending": money, "credits_pending": money })),
        "BalancePage": page_of("BalanceEntry"),
        "Verification": object(&["run", "state", "started", "finished", "elapsed_ms", "journal_head_at_start", "report", "failure"], json!({
            "run": integer(),
            "state": { "enum": ["running", "passed", "failed"] },
            "started": string("UTC time"),
            "finished": nullable_string("UTC time, once finished"),
            "elapsed_ms": integer(),
            "journal_head_at_start": integer(),
            "report": { "type": ["object", "null"], "description": "when passed: records, command_records, account_events, transfer_events, accounts, transfers, head_hash (the last record read), snapshot_checked, totals per ledger (debits and credits posted and pending: equal when the books balance)" },
            "failure": { "type": ["object", "null"], "description": "when failed: the first bad record and why", "properties": { "record": integer(), "reason": string("") } },
        })),
        "BarterReport": open_object(&["from", "until", "tolerance_percent", "traders"], json!({ "from": pattern(DATE, ""), "until": pattern(DATE, ""), "tolerance_percent": integer(), "rate": nullable_string("the fix used"), "traders": array(open_object(&["trader", "exports", "imports", "balance"], json!({ "trader": string(""), "exports": money, "imports": money, "balance": string("") }))) })),
    })
}

pub fn document() -> Value {
    let states = "submitted, accepted, rejected, disputed, cancel_requested, cancelled, partly_cleared, cleared, settled";
    let account_id = path_param("id", "ledger account id");
    let account_pages = || {
        with(
            vec![account_id.clone()],
            with(
                vec![
                    query_param("after", "timestamp (ns), inclusive", false),
                    query_param("before", "timestamp (ns), inclusive", false),
                    query_param("reversed", "true: newest first", false),
                ],
                page_params(),
            ),
        )
    };
    let dates = || {
        vec![
            query_param("from", "YYYY-MM-DD, inclusive", true),
            query_param("to", "YYYY-MM-DD, inclusive", true),
        ]
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Corridor",
            "version": "1",
            "description": "Clearing and settlement for national-currency trade corridors. Amounts are decimal strings in major units with an ISO 4217 currency code, never JSON numbers. Errors are RFC 9457 problem details (also 404 for no route, 405, 413, 415, and 400, 414 and 431 for a request head that cannot be read); a 401 carries WWW-Authenticate: Bearer. A request body is sent as Content-Type: application/json. The key's role is checked before the body is read (403). Unknown JSON fields and query parameters are refused. Every POST accepts an Idempotency-Key (the first answer comes back for a retry, also after a restart). A write is answered only once it is durable; a read shows only durable state."
        },
        "servers": [{ "url": "http://127.0.0.1:8080" }],
        "security": [{ "bearer": [] }],
        "paths": {
            "/healthz": { "get": { "summary": "The process answers", "security": [], "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": schema_ref("Health") } } }, "422": problems(&["422"])["422"] } } },
            "/readyz": { "get": { "summary": "The store is open, not poisoned by a failed commit, and answers a durable read", "security": [], "responses": { "200": { "description": "Ready", "content": { "application/json": { "schema": schema_ref("Health") } } }, "503": problems(&["503"])["503"] } } },
            "/openapi.json": { "get": { "summary": "This document", "security": [], "responses": { "200": { "description": "OpenAPI 3.1", "content": { "application/json": {} } } } } },
            "/docs": { "get": { "summary": "Swagger UI for this document (vendored assets)", "security": [], "responses": { "200": { "description": "text/html", "content": { "text/html": {} } } } } },
            "/docs/swagger-ui-bundle.js": { "get": { "summary": "The Swagger UI's script (swagger-ui-dist 5.35.0, vendored)", "security": [], "responses": { "200": { "description": "text/javascript", "content": { "text/javascript": {} } } } } },
            "/docs/swagger-ui.css": { "get": { "summary": "The Swagger UI's style sheet (vendored)", "security": [], "responses": { "200": { "description": "text/css", "content": { "text/css": {} } } } } },
            "/metrics": { "get": { "summary": "Prometheus text: requests and latency per operation, writes in flight, the engine's queue depth and group-commit sizes, obligation batch sizes, cycle durations", "description": "Who may call it: operator, auditor.", "responses": { "200": { "description": "text/plain; version=0.0.4", "content": { "text/plain": {} } }, "401": problems(&["401"])["401"], "403": problems(&["403"])["403"], "422": problems(&["422"])["422"] } } },
            "/v1/corridor": {
                "get": op("The corridor's terms", "every role", ("200", "Corridor"), None, vec![], &READ),
                "post": op("Configure the corridor (once)", "operator", ("201", "Corridor"), Some("CorridorInput"), vec![], &WRITE),
            },
            "/v1/banks": {
                "get": op("Banks the key may see, by BIC, cursor-paginated", "operator, auditor: all; central bank: its currency; bank: itself", ("200", "BankPage"), None, with(vec![query_param("currency", "ISO 4217 code", false)], page_params()), &READ),
                "post": op("Register a bank", "operator; the central bank of the bank's currency", ("201", "Bank"), Some("BankInput"), vec![], &WRITE),
            },
            "/v1/banks/{bic}": { "get": op("One bank", "as for the list; others get 404", ("200", "Bank"), None, vec![path_param("bic", "BIC")], &READ) },
            "/v1/banks/{bic}/funding": { "post": op("Credit the bank's settlement account from its central bank", "operator; the bank's central bank", ("201", "Funding"), Some("FundingInput"), vec![path_param("bic", "BIC")], &WRITE) },
            "/v1/banks/{bic}/statement": { "get": op("The bank's statement for value dates from..to, reconciled to the ledger", "operator, auditor; the bank's central bank; the bank itself", ("200", "Statement"), None, with(vec![path_param("bic", "BIC")], dates()), &READ) },
            "/v1/traders": {
                "get": op("Traders the key may see, by id, cursor-paginated", "operator, auditor: all; central bank: its currency's banks' traders; bank: its own", ("200", "TraderPage"), None, with(vec![query_param("bank", "BIC", false), query_param("country", "ISO 3166 alpha-2", false)], page_params()), &READ),
                "post": op("Register a trader", "the trader's bank; operator", ("201", "Trader"), Some("TraderInput"), vec![], &WRITE),
            },
            "/v1/traders/{id}": { "get": op("One trader", "as for the list; others get 404", ("200", "Trader"), None, vec![path_param("id", "trader id")], &READ) },
            "/v1/rate-fixes": {
                "get": op("Published rate fixes by value date, cursor-paginated", "every role", ("200", "RateFixPage"), None, with(vec![query_param("from", "value date on or after, YYYY-MM-DD", false), query_param("to", "value date on or before, YYYY-MM-DD", false)], page_params()), &READ),
                "post": op("Publish a rate fix for a value date (today or later)", "central banks; operator", ("201", "RateFix"), Some("RateFixInput"), vec![], &WRITE),
            },
            "/v1/obligations": {
                "get": op("Obligations the key may see, oldest first, cursor-paginated", "operator, auditor: all; central bank: touching its currency; bank: where it is the debtor's or creditor's bank", ("200", "ObligationPage"), None, with(vec![
                    query_param("status", states, false),
                    query_param("party", "trader id (debtor or creditor)", false),
                    query_param("bank", "BIC (debtor's or creditor's bank)", false),
                    query_param("currency", "ISO 4217 code", false),
                    query_param("from", "issued on or after, YYYY-MM-DD", false),
                    query_param("to", "issued on or before, YYYY-MM-DD", false),
                ], page_params()), &READ),
                "post": op("Submit an obligation (invoice) for a customer of the bank (the creditor)", "the creditor's bank; operator (naming submitted_by)", ("201", "Obligation"), Some("ObligationInput"), vec![], &WRITE),
            },
            "/v1/obligations/batch": { "post": op("Submit up to 10,000 obligations; one result per item", "as for one obligation", ("200", "BatchResult"), Some("BatchInput"), vec![], &WRITE) },
            "/v1/obligations/{id}": { "get": op("One obligation", "as for the list; others get 404", ("200", "Obligation"), None, vec![path_param("id", "obligation id")], &READ) },
            "/v1/obligations/{id}/{action}": { "post": op("accept, reject (debtor's bank); dispute (either bank), resolve (the bank that disputed drops it), uphold (the other bank concedes: cancelled), cancel (asks, or confirms the other bank's request), withdraw-cancel (the requester); the body is empty or {}", "the obligation's banks", ("200", "Obligation"), Some("ActionInput"), vec![path_param("id", "obligation id"), path_param("action", "accept | reject | dispute | resolve | uphold | cancel | withdraw-cancel")], &WRITE) },
            "/v1/cycles": {
                "get": op("Clearing cycle reports, cursor-paginated", "operator, auditor: whole; central bank: its currency; bank: its own position, deferral and instructions", ("200", "CyclePage"), None, with(vec![query_param("from", "value date on or after, YYYY-MM-DD", false), query_param("to", "value date on or before, YYYY-MM-DD", false)], page_params()), &READ),
                "post": op("Run a clearing cycle for a value date (default today)", "operator", ("201", "Cycle"), Some("CycleInput"), vec![], &WRITE),
            },
            "/v1/cycles/{number}": { "get": op("One cycle's report", "as for the list", ("200", "Cycle"), None, vec![path_param("number", "1, 2, ...")], &READ) },
            "/v1/cycles/{number}/set-off": { "get": op("What the cycle set off per trader, in the trader's home currency (on its debts and on its claims: always equal)", "operator, auditor: every trader; others: the traders they may see", ("200", "SetOff"), None, vec![path_param("number", "1, 2, ...")], &READ) },
            "/v1/accounts": { "get": op("Ledger accounts and balances the key may see, by id, cursor-paginated", "operator, auditor: all; central bank: its currency's; bank: its settlement account", ("200", "AccountPage"), None, with(vec![query_param("currency", "ISO 4217 code", false)], page_params()), &READ) },
            "/v1/accounts/{id}": { "get": op("One account's balances", "as for the list", ("200", "Account"), None, vec![account_id.clone()], &READ) },
            "/v1/accounts/{id}/transfers": { "get": op("The account's transfers, oldest first (or newest with reversed=true), paginated by timestamp", "as for the list", ("200", "TransferPage"), None, account_pages(), &READ) },
            "/v1/accounts/{id}/history": { "get": op("The account's balances after each of its transfers (accounts with history)", "as for the list", ("200", "BalancePage"), None, account_pages(), &READ) },
            "/v1/accounts/{id}/statement": { "get": op("Any account's statement for value dates from..to (a bank's settlement account; a central bank's issue, clearing, corridor and residue accounts), reconciled to the ledger", "as for the list", ("200", "Statement"), None, with(vec![account_id], dates()), &READ) },
            "/v1/journal/verification": {
                "get": op("The latest verification of the journal (as `corridor verify`: the hash chain and every balance recomputed from the journal alone): running, passed with its report, or failed naming the first bad record", "operator, auditor", ("200", "Verification"), None, vec![], &VERIFY),
                "post": op("Start verifying the journal in the background on a read-only connection (a consistent prefix: every record up to the head it reaches), or join the run in progress; it writes nothing and takes no body and no Idempotency-Key", "operator, auditor", ("202", "Verification"), None, vec![], &VERIFY),
            },
            "/v1/barter-window": { "get": op("Exports and imports per trader in the barter window ending `until`", "operator, auditor: all; others: traders they may see", ("200", "BarterReport"), None, vec![query_param("until", "YYYY-MM-DD", true), query_param("trader", "one trader", false)], &READ) },
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "An API key from `corridor admin create-key`" } },
            "parameters": {
                "IdempotencyKey": { "name": "Idempotency-Key", "in": "header", "required": false, "description": "Retrying with the same key and body returns the first response, byte for byte (also after a restart: every answer given after the body was read is journaled or rebuilt from the journal); the same key with another body is 422 idempotency-key-reused. By default the answers of the last 100,000 keys are kept (a retry of an older key the server still remembers is 422 idempotency-key-expired and is not applied again) and the last 1,000,000 keys are remembered (an older key is forgotten: its retry runs as a new request). 1-255 visible ASCII characters, not '#'.", "schema": { "type": "string", "maxLength": 255 } }
            },
            "schemas": schemas(),
        }
    })
}

/// The documented route template a concrete path matches (literal segments win over
/// parameters, as in the router).
pub fn template_of<'a>(document: &'a Value, path: &str) -> Option<&'a str> {
    let path = path.split('?').next().unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    document["paths"]
        .as_object()?
        .keys()
        .filter(|t| {
            let parts: Vec<&str> = t.split('/').collect();
            parts.len() == segments.len()
                && parts.iter().zip(&segments).all(|(t, s)| {
                    (t.starts_with('{') && t.ends_with('}') && !s.is_empty()) || t == s
                })
        })
        .max_by_key(|t| t.split('/').filter(|p| !p.starts_with('{')).count())
        .map(String::as_str)
}

/// Checks an answer against the document: the operation is documented, the status is
/// documented for it, the content type is the documented one, and a JSON body fits the
/// documented schema.
pub fn check_response(
    document: &Value,
    method: &str,
    path: &str,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> Result<(), String> {
    let at = format!("{method} {path} -> {status}");
    let template = template_of(document, path).ok_or_else(|| format!("{at}: no such path"))?;
    let operation = &document["paths"][template][method.to_lowercase()];
    if operation.is_null() {
        return Err(format!("{at}: {method} {template} is not documented"));
    }
    let response = &operation["responses"][status.to_string()];
    if response.is_null() {
        return Err(format!(
            "{at}: status {status} is not documented for {method} {template}"
        ));
    }
    let Some(content) = response["content"].as_object() else {
        return Ok(());
    };
    let media = content_type.split(';').next().unwrap_or("").trim();
    let Some(documented) = content.get(media) else {
        return Err(format!(
            "{at}: content type {content_type:?}, documented {:?}",
            content.keys().collect::<Vec<_>>()
        ));
    };
    if let Some(schema) = documented.get("schema") {
        let value: Value =
            serde_json::from_slice(body).map_err(|e| format!("{at}: the body is not JSON: {e}"))?;
        crate::schema::check(document, schema, &value).map_err(|e| format!("{at}: {e}"))?;
    }
    Ok(())
}
