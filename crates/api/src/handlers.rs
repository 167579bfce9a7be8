//! The endpoints, in one table. Each checks who may do what (DESIGN §2) and calls the service;
//! what a write answers is computed by [`crate::answers`] from the state the command left.

use crate::answers::{self, Subject, refused};
use crate::auth::{Principal, Role};
use crate::idempotency::encode_answer;
use crate::problem::Problem;
use crate::routes::{
    Answer, Gate, Handler, Op, Outcome, Query, Shared, Work, blocking, json_response, on_blocking,
    read, service_error, write,
};
use crate::views::{self, sees_account, sees_all, sees_bank, sees_obligation, sees_trader};
use crate::{App, BATCH_ITEMS_MAX, PAGE_MAX, SCAN_CHUNK};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use corridor::Refusal;
use corridor::lifecycle::{Actor, State};
use corridor::workflow::{Command, ObligationRecord, SideSpec, Workflow, date_text, parse_day};
use money::Currency;
use serde::Deserialize;
use serde_json::{Value, json};
use service::Requested;
use std::time::Instant;

/// Every operation: (method, route template, handler). The router is built from it, the
/// metrics are labelled by it, and a test holds the OpenAPI document to it.
pub(crate) const TABLE: &[(&str, &str, Handler)] = &[
    ("GET", "/healthz", |a, r, o| Box::pin(healthz(a, r, o))),
    ("GET", "/readyz", |a, r, o| Box::pin(readyz(a, r, o))),
    ("GET", "/openapi.json", |a, r, o| Box::pin(openapi(a, r, o))),
    ("GET", "/docs", |a, r, o| {
        Box::pin(docs(a, r, o, crate::docs::page()))
    }),
    ("GET", "/docs/swagger-ui-bundle.js", |a, r, o| {
        Box::pin(docs(a, r, o, crate::docs::bundle()))
    }),
    ("GET", "/docs/swagger-ui.css", |a, r, o| {
        Box::pin(docs(a, r, o, crate::docs::css()))
    }),
    ("GET", "/metrics", |a, r, o| Box::pin(metrics(a, r, o))),
    ("GET", "/v1/corridor", |a, r, o| {
        Box::pin(get_corridor(a, r, o))
    }),
    ("POST", "/v1/corridor", |a, r, o| {
        Box::pin(post_corridor(a, r, o))
    }),
    ("GET", "/v1/banks", |a, r, o| Box::pin(list_banks(a, r, o))),
    ("POST", "/v1/banks", |a, r, o| Box::pin(post_bank(a, r, o))),
    ("GET", "/v1/banks/{bic}", |a, r, o| {
        Box::pin(get_bank(a, r, o))
    }),
    ("POST", "/v1/banks/{bic}/funding", |a, r, o| {
        Box::pin(post_funding(a, r, o))
    }),
    ("GET", "/v1/banks/{bic}/statement", |a, r, o| {
        Box::pin(get_bank_statement(a, r, o))
    }),
    ("GET", "/v1/traders", |a, r, o| {
        Box::pin(list_traders(a, r, o))
    }),
    ("POST", "/v1/traders", |a, r, o| {
        Box::pin(post_trader(a, r, o))
    }),
    ("GET", "/v1/traders/{id}", |a, r, o| {
        Box::pin(get_trader(a, r, o))
    }),
    ("GET", "/v1/rate-fixes", |a, r, o| {
        Box::pin(list_rates(a, r, o))
    }),
    ("POST", "/v1/rate-fixes", |a, r, o| {
        Box::pin(post_rate(a, r, o))
    }),
    ("GET", "/v1/obligations", |a, r, o| {
        Box::pin(list_obligations(a, r, o))
    }),
    ("POST", "/v1/obligations", |a, r, o| {
        Box::pin(post_obligation(a, r, o))
    }),
    ("POST", "/v1/obligations/batch", |a, r, o| {
        Box::pin(post_obligation_batch(a, r, o))
    }),
    ("GET", "/v1/obligations/{id}", |a, r, o| {
        Box::pin(get_obligation(a, r, o))
    }),
    ("POST", "/v1/obligations/{id}/{action}", |a, r, o| {
        Box::pin(post_action(a, r, o))
    }),
    ("GET", "/v1/cycles", |a, r, o| {
        Box::pin(list_cycles(a, r, o))
    }),
    ("POST", "/v1/cycles", |a, r, o| {
        Box::pin(post_cycle(a, r, o))
    }),
    ("GET", "/v1/cycles/{number}", |a, r, o| {
        Box::pin(get_cycle(a, r, o))
    }),
    ("GET", "/v1/cycles/{number}/set-off", |a, r, o| {
        Box::pin(get_set_off(a, r, o))
    }),
    ("GET", "/v1/accounts", |a, r, o| {
        Box::pin(list_accounts(a, r, o))
    }),
    ("GET", "/v1/accounts/{id}", |a, r, o| {
        Box::pin(get_account(a, r, o))
    }),
    ("GET", "/v1/accounts/{id}/transfers", |a, r, o| {
        Box::pin(get_account_transfers(a, r, o))
    }),
    ("GET", "/v1/accounts/{id}/history", |a, r, o| {
        Box::pin(get_account_history(a, r, o))
    }),
    ("GET", "/v1/accounts/{id}/statement", |a, r, o| {
        Box::pin(get_account_statement(a, r, o))
    }),
    ("GET", "/v1/barter-window", |a, r, o| {
        Box::pin(get_barter(a, r, o))
    }),
    ("GET", "/v1/journal/verification", |a, r, o| {
        Box::pin(get_verification(a, r, o))
    }),
    ("POST", "/v1/journal/verification", |a, r, o| {
        Box::pin(post_verification(a, r, o))
    }),
];

// ---- helpers -----------------------------------------------------------------------------

/// The OpenAPI document, built once.
fn document() -> &'static Value {
    static DOCUMENT: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    DOCUMENT.get_or_init(crate::openapi::document)
}

/// A request body as `T` ([`crate::problem::parse_json`]: wrong types and unknown fields named
/// by their path). serde would read a JSON array as a struct (its fields in order); a body
/// holding an array is also held to the types of its documented input `schema`, which refuses
/// an array (or anything) where an object is expected.
fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8], schema: &str) -> Result<T, Problem> {
    let parsed = crate::problem::parse_json(body)?;
    if body.contains(&b'[') {
        let value: Value =
            serde_json::from_slice(body).map_err(|e| crate::problem::from_json_error(&e))?;
        let schema = json!({ "$ref": format!("#/components/schemas/{schema}") });
        if let Err(m) = crate::schema::mismatch_types(document(), &schema, &value) {
            let field = m.path.strip_prefix("$.").map(str::to_string);
            return Err(Problem::malformed(m.reason, field));
        }
    }
    Ok(parsed)
}

/// Runs one command (with the request's idempotency key, if any) and answers with the state it
/// left; a refusal is a problem with its field.
fn execute(app: &App, p: &Principal, subject: Subject, command: Command) -> Outcome {
    execute_checked(app, p, subject, command, |_, _| Ok(()))
}

/// [`execute`], with `check` run first under the workflow's lock (a refusal there stops the
/// command like the workflow's own).
fn execute_checked(
    app: &App,
    p: &Principal,
    subject: Subject,
    command: Command,
    mut check: impl FnMut(&Workflow, &Command) -> Result<(), Refusal>,
) -> Outcome {
    let today = app.today();
    let for_answer = command.clone();
    let ran = app
        .service
        .execute_request(
            today,
            p.request.as_ref(),
            vec![(command, p.request.clone())],
            |_, w, command| check(w, command),
            |_, w, prepared| answers::answer(p, w, today, &for_answer, prepared),
            |_, _| None,
        )
        .map_err(service_error)?;
    let mut outcomes = match ran {
        Requested::Seen(Ok(())) => return Err(answers::expired(app.idempotency.max())),
        Requested::Seen(Err(refusal)) => return Err(Problem::refused(&refusal)),
        Requested::Ran(outcomes, _) => outcomes,
    };
    match outcomes.pop() {
        Some(Ok((_, Some(answer)))) => Ok(answer),
        Some(Ok((_, None))) => Err(answers::expired(app.idempotency.max())),
        Some(Err(refusal)) => Err(app.service.with(|w| refused(w, p, subject, &refusal))),
        None => Err(Problem::internal("no outcome")),
    }
}

fn forbid_unless(allowed: bool, what: &str) -> Result<(), Problem> {
    if allowed {
        Ok(())
    } else {
        Err(Problem::forbidden(format!("this key may not {what}")))
    }
}

/// A gate open to the roles `allowed` picks, refusing the others with 403 (`what` they may not
/// do), before the body is read.
fn gate(allowed: bool, what: &str) -> Gate {
    if allowed {
        Gate::Open
    } else {
        Gate::Refuse(Problem::forbidden(format!("this key may not {what}")))
    }
}

fn day(field: &str, text: &str) -> Result<u32, Problem> {
    parse_day(text)
        .ok_or_else(|| Problem::validation(field, format!("{text:?} is not a date YYYY-MM-DD")))
}

fn optional_day(q: &Query, field: &str) -> Result<Option<u32>, Problem> {
    q.get(field).map(|d| day(field, d)).transpose()
}

fn limit(q: &Query) -> Result<usize, Problem> {
    match q.get("limit") {
        None => Ok(100),
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=PAGE_MAX).contains(l))
            .ok_or_else(|| Problem::validation("limit", format!("1 to {PAGE_MAX}"))),
    }
}

/// A cursor is the hex of the last key of the previous page (not a secret: it only says where
/// to go on; an obligation cursor the key may not see is refused).
fn cursor_out(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

fn bad_cursor() -> Problem {
    Problem::validation("cursor", "not a cursor from a previous page")
}

fn cursor_in(q: &Query) -> Result<Option<String>, Problem> {
    let Some(text) = q.get("cursor") else {
        return Ok(None);
    };
    if text.is_empty() || text.len() % 2 != 0 || text.len() > 512 {
        return Err(bad_cursor());
    }
    let bytes: Option<Vec<u8>> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect();
    bytes
        .and_then(|b| String::from_utf8(b).ok())
        .map(Some)
        .ok_or_else(bad_cursor)
}

/// `{"items": [...], "next_cursor": ...}`.
fn page(items: Vec<Value>, next: Option<String>) -> Value {
    json!({ "items": items, "next_cursor": next.map(|k| cursor_out(&k)) })
}

/// Takes up to `limit` (key, item) pairs in key order; the next cursor when more follow.
fn paginate(pairs: impl Iterator<Item = (String, Value)>, limit: usize) -> Value {
    let mut items = Vec::new();
    let mut last = None;
    let mut more = false;
    for (key, item) in pairs {
        if items.len() == limit {
            more = true;
            break;
        }
        items.push(item);
        last = Some(key);
    }
    page(items, if more { last } else { None })
}

fn currency_filter(q: &Query) -> Result<Option<Currency>, Problem> {
    q.get("currency")
        .map(|c| Currency::from_code(c).map_err(|e| Problem::validation("currency", e.to_string())))
        .transpose()
}

fn bic_filter(q: &Query, field: &'static str) -> Result<Option<String>, Problem> {
    q.get(field)
        .map(|b| {
            corridor::participants::check_bic(field, b)
                .map(|_| b.to_string())
                .map_err(|r| Problem::validation(field, r.reason))
        })
        .transpose()
}

/// Waits until what a read showed is durable.
fn durable(app: &App) -> Result<(), Problem> {
    app.service.with_durable(|_| ()).map_err(service_error)
}

fn with_durable<T>(app: &App, read: impl FnOnce(&Workflow) -> T) -> Result<T, Problem> {
    app.service.with_durable(read).map_err(service_error)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

/// An amount on the wire: `{"amount": "1250.00", "currency": "PKR"}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyBody {
    amount: String,
    currency: String,
}

// ---- unauthenticated and operators' ------------------------------------------------------

fn plain(ctx_app: &Shared, request: &Request, op: Op, response: Response) -> Response {
    let ctx = crate::routes::Ctx::new(ctx_app, op.index, request.method(), request.uri());
    ctx.finish("-", response, None)
}

async fn healthz(app: Shared, request: Request, op: Op) -> Response {
    let response = match crate::routes::parse_query(request.uri(), &[]) {
        Ok(_) => json_response(StatusCode::OK, &json!({"status": "ok"})),
        Err(problem) => problem.into_response(),
    };
    plain(&app, &request, op, response)
}

/// Ready: the store is open, not poisoned, and answers a durable read.
async fn readyz(app: Shared, request: Request, op: Op) -> Response {
    let service = app.service.clone();
    let checked = blocking(move || {
        if let Some(reason) = service.poisoned() {
            return Ok(Err(reason));
        }
        Ok(service.balances().map(drop).map_err(|e| e.to_string()))
    });
    let outcome = tokio::time::timeout(app.limits.request, checked).await;
    let response = match outcome {
        Ok(Ok(Ok(()))) => json_response(StatusCode::OK, &json!({"status": "ready"})),
        Ok(Ok(Err(reason))) => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            crate::problem::types::NOT_READY,
            "Not ready",
            reason,
        )
        .into_response(),
        Ok(Err(problem)) => problem.into_response(),
        Err(_) => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            crate::problem::types::NOT_READY,
            "Not ready",
            "the store did not answer in time",
        )
        .into_response(),
    };
    plain(&app, &request, op, response)
}

async fn openapi(app: Shared, request: Request, op: Op) -> Response {
    let response = json_response(StatusCode::OK, &crate::openapi::document());
    plain(&app, &request, op, response)
}

async fn docs(app: Shared, request: Request, op: Op, response: Response) -> Response {
    plain(&app, &request, op, response)
}

/// Prometheus text, for an operator or auditor key.
async fn metrics(app: Shared, request: Request, op: Op) -> Response {
    let ctx = crate::routes::Ctx::new(&app, op.index, request.method(), request.uri());
    let principal = match app.authenticate(request.headers()) {
        Ok(p) => p,
        Err(problem) => return ctx.finish("-", problem.into_response(), None),
    };
    if !sees_all(&principal) {
        let problem = Problem::forbidden("metrics are for operator and auditor keys");
        return ctx.finish(&principal.key_id, problem.into_response(), None);
    }
    if let Err(problem) = crate::routes::parse_query(request.uri(), &[]) {
        return ctx.finish(&principal.key_id, problem.into_response(), None);
    }
    let stats = app.service.engine().stats();
    let reading = crate::metrics::EngineReading {
        queue_depth: stats.queue_depth,
        commits: stats.commits,
        records: stats.records,
        commit_records: stats.commit_records,
    };
    let mut response = app.metrics.render(&reading).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    ctx.finish(&principal.key_id, response, None)
}

// ---- corridor ----------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorridorBody {
    name: String,
    sides: [SideSpec; 2],
    cut_off: String,
    swap_line: MoneyBody,
    hs_allow: Vec<String>,
    hs_deny: Vec<String>,
    hs_default: String,
    #[serde(default = "barter_days")]
    barter_window_days: u32,
    #[serde(default = "barter_percent")]
    barter_tolerance_percent: u32,
}

fn barter_days() -> u32 {
    120
}

fn barter_percent() -> u32 {
    20
}

async fn get_corridor(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &[], |app, _, _, _| {
        with_durable(app, views::corridor)?
            .map(|v| (StatusCode::OK, v))
            .ok_or_else(|| Problem::not_found("the corridor is not configured yet"))
    })
    .await
}

async fn post_corridor(app: Shared, request: Request, op: Op) -> Response {
    write(
        app,
        op,
        request,
        |p| {
            gate(
                p.role == Role::Operator,
                "configure the corridor (operator only)",
            )
        },
        on_blocking(|app, p, _, body| {
            let b: CorridorBody = parse_json(body, "CorridorInput")?;
            execute(
                app,
                p,
                Subject::Other,
                Command::ConfigureCorridor {
                    name: b.name,
                    sides: b.sides,
                    cut_off: b.cut_off,
                    swap_line: b.swap_line.amount,
                    swap_line_currency: b.swap_line.currency,
                    hs_allow: b.hs_allow,
                    hs_deny: b.hs_deny,
                    hs_default: b.hs_default,
                    barter_window_days: b.barter_window_days,
                    barter_tolerance_percent: b.barter_tolerance_percent,
                },
            )
        }),
    )
    .await
}

// ---- banks -------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BankBody {
    bic: String,
    name: String,
    country: String,
    net_debit_cap: MoneyBody,
}

async fn post_bank(app: Shared, request: Request, op: Op) -> Response {
    write(
        app,
        op,
        request,
        |p| {
            gate(
                matches!(p.role, Role::Operator | Role::CentralBank(_)),
                "register banks (the operator, or the central bank of the bank's currency)",
            )
        },
        on_blocking(|app, p, _, body| {
            let b: BankBody = parse_json(body, "BankInput")?;
            let allowed = match &p.role {
                Role::Operator => true,
                Role::CentralBank(c) => c.code() == b.net_debit_cap.currency,
                _ => false,
            };
            forbid_unless(
                allowed,
                "register banks (the operator, or the central bank of the bank's currency)",
            )?;
            execute(
                app,
                p,
                Subject::Other,
                Command::RegisterBank {
                    bic: b.bic,
                    name: b.name,
                    country: b.country,
                    currency: b.net_debit_cap.currency,
                    net_debit_cap: b.net_debit_cap.amount,
                },
            )
        }),
    )
    .await
}

async fn list_banks(app: Shared, request: Request, op: Op) -> Response {
    const PARAMS: &[&str] = &["currency", "cursor", "limit"];
    read(app, op, request, PARAMS, |app, p, q, _| {
        let limit = limit(q)?;
        let after = cursor_in(q)?;
        let currency = currency_filter(q)?;
        let page = with_durable(app, |w| {
            paginate(
                w.banks()
                    .filter(|b| sees_bank(p, b))
                    .filter(|b| currency.is_none_or(|c| c == b.currency))
                    .filter(|b| after.as_ref().is_none_or(|a| b.bic > *a))
                    .map(|b| (b.bic.clone(), views::bank(b))),
                limit,
            )
        })?;
        Ok((StatusCode::OK, page))
    })
    .await
}

async fn get_bank(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &[], |app, p, _, params| {
        let bic = &params[0];
        with_durable(app, |w| {
            w.bank(bic).filter(|b| sees_bank(p, b)).map(views::bank)
        })?
        .map(|v| (StatusCode::OK, v))
        .ok_or_else(|| Problem::not_found(format!("no bank {bic}")))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FundingBody {
    amount: MoneyBody,
}

async fn post_funding(app: Shared, request: Request, op: Op) -> Response {
    write(
        app,
        op,
        request,
        |p| match p.role {
            Role::Operator | Role::CentralBank(_) => Gate::Open,
            // Not a funder: 404 for a bank it may not see, 403 for one it may.
            _ => Gate::Check(|app, p, params| {
                let bic = &params[0];
                if app
                    .service
                    .with(|w| w.bank(bic).is_some_and(|b| sees_bank(p, b)))
                {
                    Err(Problem::forbidden(
                        "this key may not fund a bank (its central bank or the operator)",
                    ))
                } else {
                    Err(Problem::not_found(format!("no bank {bic}")))
                }
            }),
        },
        on_blocking(|app, p, params, body| {
            let bic = params[0].clone();
            let currency = app.service.with(|w| {
                w.bank(&bic)
                    .filter(|bank| sees_bank(p, bank))
                    .map(|bank| bank.currency)
            });
            let Some(currency) = currency else {
                return Err(Problem::not_found(format!("no bank {bic}")));
            };
            let allowed = match &p.role {
                Role::Operator => true,
                Role::CentralBank(c) => *c == currency,
                _ => false,
            };
            forbid_unless(allowed, "fund a bank (its central bank or the operator)")?;
            let b: FundingBody = parse_json(body, "FundingInput")?;
            if b.amount.currency != currency.code() {
                return Err(Problem::validation(
                    "amount.currency",
                    format!("{bic} settles in {currency}, not {}", b.amount.currency),
                ));
            }
            execute(
                app,
                p,
                Subject::Other,
                Command::FundBank {
                    bic,
                    amount: b.amount.amount,
                },
            )
        }),
    )
    .await
}

async fn get_bank_statement(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &["from", "to"], |app, p, q, params| {
        let bic = &params[0];
        let visible = app
            .service
            .with(|w| w.bank(bic).is_some_and(|b| sees_bank(p, b)));
        if !visible {
            return Err(Problem::not_found(format!("no bank {bic}")));
        }
        let from = day(
            "from",
            q.get("from")
                .ok_or_else(|| Problem::validation("from", "required: YYYY-MM-DD"))?,
        )?;
        let to = day(
            "to",
            q.get("to")
                .ok_or_else(|| Problem::validation("to", "required: YYYY-MM-DD"))?,
        )?;
        match app
            .service
            .statement(bic, from, to)
            .map_err(service_error)?
        {
            Ok(s) => Ok((StatusCode::OK, service::report::statement(bic, &s))),
            Err(refusal) => Err(Problem::refused(&refusal)),
        }
    })
    .await
}

// ---- traders -----------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TraderBody {
    id: String,
    legal_name: String,
    original_name: Option<String>,
    tax_id: String,
    country: String,
    bank: String,
}

async fn post_trader(app: Shared, request: Request, op: Op) -> Response {
    write(
        app,
        op,
        request,
        |p| {
            gate(
                matches!(p.role, Role::Operator | Role::Bank(_)),
                "register traders (their bank, or the operator)",
            )
        },
        on_blocking(|app, p, _, body| {
            let b: TraderBody = parse_json(body, "TraderInput")?;
            let allowed = match &p.role {
                Role::Operator => true,
                Role::Bank(bic) => *bic == b.bank,
                _ => false,
            };
            forbid_unless(
                allowed,
                "register traders of that bank (the bank itself or the operator)",
            )?;
            let id = b.id.clone();
            execute(
                app,
                p,
                Subject::Trader(&id),
                Command::RegisterTrader {
                    id: b.id,
                    legal_name: b.legal_name,
                    original_name: b.original_name,
                    tax_id: b.tax_id,
                    country: b.country,
                    bank: b.bank,
                },
            )
        }),
    )
    .await
}

async fn list_traders(app: Shared, request: Request, op: Op) -> Response {
    const PARAMS: &[&str] = &["bank", "country", "cursor", "limit"];
    read(app, op, request, PARAMS, |app, p, q, _| {
        let limit = limit(q)?;
        let mut after = cursor_in(q)?;
        let bank = bic_filter(q, "bank")?;
        let country = q
            .get("country")
            .map(|c| {
                corridor::participants::check_country("country", c)
                    .map(|()| c.to_string())
                    .map_err(|r| Problem::validation("country", r.reason))
            })
            .transpose()?;
        let mut items = Vec::new();
        let mut last = None;
        let mut more = false;
        // In chunks: the workflow's lock is held for at most SCAN_CHUNK traders at a time.
        loop {
            let finished = app.service.with(|w| {
                let start = after.take();
                for (examined, t) in w.traders_after(start.as_deref()).enumerate() {
                    if examined == SCAN_CHUNK {
                        return false;
                    }
                    after = Some(t.id.clone());
                    let wanted = sees_trader(p, w, t)
                        && bank.as_ref().is_none_or(|b| *b == t.bank)
                        && country.as_ref().is_none_or(|c| *c == t.country);
                    if !wanted {
                        continue;
                    }
                    if items.len() == limit {
                        more = true;
                        return true;
                    }
                    items.push(views::trader(t));
                    last = Some(t.id.clone());
                }
                true
            });
            if finished {
                break;
            }
        }
        durable(app)?;
        Ok((StatusCode::OK, page(items, if more { last } else { None })))
    })
    .await
}

async fn get_trader(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &[], |app, p, _, params| {
        let id = &params[0];
        with_durable(app, |w| {
            w.trader(id)
                .filter(|t| sees_trader(p, w, t))
                .map(views::trader)
        })?
        .map(|v| (StatusCode::OK, v))
        .ok_or_else(|| Problem::not_found(format!("no trader {id}")))
    })
    .await
}

// ---- rate fixes --------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateBody {
    value_date: String,
    rate: String,
    valid_from: Option<String>,
    valid_to: Option<String>,
    source: String,
}

async fn post_rate(app: Shared, request: Request, op: Op) -> Response {
    write(
        app,
        op,
        request,
        |p| {
            gate(
                matches!(p.role, Role::Operator | Role::CentralBank(_)),
                "publish rate fixes (the central banks or the operator)",
            )
        },
        on_blocking(|app, p, _, body| {
            let b: RateBody = parse_json(body, "RateFixInput")?;
            execute_checked(
                app,
                p,
                Subject::Other,
                Command::PublishRate {
                    valid_from: b.valid_from.unwrap_or_else(|| b.value_date.clone()),
                    valid_to: b.valid_to.unwrap_or_else(|| b.value_date.clone()),
                    value_date: b.value_date,
                    rate: b.rate,
                    source: b.source,
                },
                republished,
            )
        }),
    )
    .await
}

/// A fix with the same rate already published for the value date: the workflow takes the
/// publication again as a no-op, which would answer with the first fix. Refused here unless it
/// is the same publication (same source and validity), naming the field that differs. (A
/// different rate the workflow refuses, naming `rate`.)
fn republished(w: &Workflow, command: &Command) -> Result<(), Refusal> {
    let Command::PublishRate {
        value_date,
        rate,
        valid_from,
        valid_to,
        source,
    } = command
    else {
        return Ok(());
    };
    let Some(fix) = parse_day(value_date)
        .and_then(|d| w.rate_fix(d))
        .filter(|f| parse_day(value_date) == Some(f.value_date))
    else {
        return Ok(());
    };
    let base = fix.rate.base();
    let quote = fix.rate.quote();
    if money::Rate::parse(base, quote, rate).ok() != Some(fix.rate) {
        return Ok(());
    }
    let published = |field: &'static str, first: String| {
        Err(Refusal::new(
            field,
            format!(
                "the fix for {value_date} is published already, with {field} {first:?}; a fix is published once (it cannot be changed)"
            ),
        ))
    };
    if *source != fix.source {
        return published("source", fix.source.clone());
    }
    if parse_day(valid_from) != Some(fix.valid_from) {
        return published("valid_from", date_text(fix.valid_from));
    }
    if parse_day(valid_to) != Some(fix.valid_to) {
        return published("valid_to", date_text(fix.valid_to));
    }
    Ok(())
}

async fn list_rates(app: Shared, request: Request, op: Op) -> Response {
    const PARAMS: &[&str] = &["from", "to", "cursor", "limit"];
    read(app, op, request, PARAMS, |app, _, q, _| {
        let limit = limit(q)?;
        let after = cursor_in(q)?
            .map(|c| parse_day(&c).ok_or_else(bad_cursor))
            .transpose()?;
        let (from, to) = (optional_day(q, "from")?, optional_day(q, "to")?);
        let page = with_durable(app, |w| {
            let mut fixes: Vec<_> = w
                .rate_fixes()
                .filter(|f| after.is_none_or(|a| f.value_date > a))
                .filter(|f| from.is_none_or(|d| f.value_date >= d))
                .filter(|f| to.is_none_or(|d| f.value_date <= d))
                .collect();
            fixes.sort_by_key(|f| f.value_date);
            paginate(
                fixes
                    .into_iter()
                    .map(|f| (date_text(f.value_date), views::rate_fix(f))),
                limit,
            )
        })?;
        Ok((StatusCode::OK, page))
    })
    .await
}

// ---- obligations -------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ObligationBody {
    id: String,
    debtor: String,
    creditor: String,
    amount: MoneyBody,
    hs_code: Option<String>,
    issued: String,
    due: String,
    /// Only the operator names it; a bank submits as itself.
    submitted_by: Option<String>,
}

fn obligation_command(p: &Principal, b: ObligationBody) -> Result<Command, Problem> {
    let submitted_by = match (&p.role, b.submitted_by) {
        (Role::Bank(bic), None) => bic.clone(),
        (Role::Bank(bic), Some(given)) if given == *bic => given,
        (Role::Bank(_), Some(_)) => {
            return Err(Problem::forbidden(
                "a bank submits obligations only as itself",
            ));
        }
        (Role::Operator, Some(given)) => given,
        (Role::Operator, None) => {
            return Err(Problem::validation(
                "submitted_by",
                "the operator names the submitting (creditor's) bank",
            ));
        }
        _ => {
            return Err(Problem::forbidden(
                "this key may not submit obligations (banks do)",
            ));
        }
    };
    Ok(Command::SubmitObligation {
        id: b.id,
        debtor: b.debtor,
        creditor: b.creditor,
        amount: b.amount.amount,
        currency: b.amount.currency,
        hs_code: b.hs_code,
        issued: b.issued,
        due: b.due,
        submitted_by,
    })
}

/// Obligations are submitted by banks (for their customers) and the operator.
fn submitters(p: &Principal) -> Gate {
    gate(
        matches!(p.role, Role::Bank(_) | Role::Operator),
        "submit obligations (banks do, or the operator)",
    )
}

/// The hot path: parsed, checked and queued on the async thread without blocking; answered
/// when the engine's committer says the record is durable (the blocking path only when the
/// journal's queue is full).
async fn post_obligation(app: Shared, request: Request, op: Op) -> Response {
    write(app, op, request, submitters, |app, p, _, body| -> Work {
        Box::pin(async move {
            let b: ObligationBody = parse_json(&body, "ObligationInput")?;
            let (id, creditor) = (b.id.clone(), b.creditor.clone());
            let command = obligation_command(&p, b)?;
            let (tx, rx) = tokio::sync::oneshot::channel();
            let done = Box::new(move |outcome| drop(tx.send(outcome)));
            let today = app.today();
            let queued = app
                .service
                .try_submit(
                    today,
                    command.clone(),
                    p.request.clone(),
                    |w, _| {
                        w.obligation(&id)
                            .map(|o| views::obligation_bytes(w, o, today))
                    },
                    done,
                )
                .map_err(service_error)?;
            match queued {
                Some(Err(refusal)) => Err(app
                    .service
                    .with(|w| refused(w, &p, Subject::Obligation(&id, &creditor), &refusal))),
                Some(Ok((_, answer))) => {
                    match rx.await {
                        Ok(Ok(())) => {}
                        Ok(Err(error)) => return Err(service_error(error)),
                        Err(_) => {
                            return Err(Problem::internal("the journal dropped the answer"));
                        }
                    }
                    match answer {
                        Some(Some(view)) => Ok((StatusCode::CREATED, Answer::Raw(view.into()))),
                        Some(None) => Ok((StatusCode::CREATED, Answer::Json(Value::Null))),
                        None => Err(answers::expired(app.idempotency.max())),
                    }
                }
                None => {
                    let shared = app.clone();
                    blocking(move || {
                        execute(&shared, &p, Subject::Obligation(&id, &creditor), command)
                            .map(|(status, v)| (status, Answer::Json(v)))
                    })
                    .await
                }
            }
        })
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchBody {
    obligations: Vec<Value>,
}

/// Up to [`BATCH_ITEMS_MAX`] obligations in one request and one group of fsyncs; one result per
/// item (`created`, or a problem with the item's field and reason). Each item is its own
/// command, journaled with the request's key and its index (`KEY#n`); the whole answer is
/// journaled with the request's key right after them, so a retry after a restart gets it.
async fn post_obligation_batch(app: Shared, request: Request, op: Op) -> Response {
    write(
        app,
        op,
        request,
        submitters,
        on_blocking(|app, p, _, body| {
            let b: BatchBody = crate::problem::parse_json(body)?;
            if b.obligations.is_empty() || b.obligations.len() > BATCH_ITEMS_MAX {
                return Err(Problem::validation(
                    "obligations",
                    format!("1 to {BATCH_ITEMS_MAX} items, not {}", b.obligations.len()),
                ));
            }
            app.metrics.batch_items.observe(b.obligations.len() as u64);
            let mut results: Vec<Option<Value>> = vec![None; b.obligations.len()];
            let mut parsed = Vec::new();
            for (k, item) in b.obligations.into_iter().enumerate() {
                let one = serde_json::to_vec(&item)
                    .map_err(|e| Problem::internal(e.to_string()))
                    .and_then(|bytes| parse_json::<ObligationBody>(&bytes, "ObligationInput"))
                    .map_err(|mut problem| {
                        problem.field = Some(match problem.field.take() {
                            Some(f) => format!("obligations[{k}].{f}"),
                            None => format!("obligations[{k}]"),
                        });
                        problem
                    })
                    .and_then(|o| {
                        let id = o.id.clone();
                        obligation_command(p, o).map(|c| (id, c))
                    });
                match one {
                    Ok((id, command)) => parsed.push((k, id, command)),
                    Err(problem) => results[k] = Some(item_problem(k, None, &problem)),
                }
            }
            let mut commands = Vec::with_capacity(parsed.len());
            let mut positions = Vec::with_capacity(parsed.len());
            for (k, id, command) in parsed {
                // Each item is its own command: its key is the request's plus its index.
                let request = p.request.clone().map(|r| corridor::workflow::RequestKey {
                    key: format!("{}#{k}", r.key),
                    ..r
                });
                let creditor = match &command {
                    Command::SubmitObligation { creditor, .. } => creditor.clone(),
                    _ => String::new(),
                };
                commands.push((command, request));
                positions.push((k, id, creditor));
            }
            let mut answer = None;
            let ran = app
                .service
                .execute_request(
                    app.today(),
                    p.request.as_ref(),
                    commands,
                    |_, _, _| Ok(()),
                    |_, _, _| (),
                    |w, outcomes| {
                        // Under the lock: the refusals as the state that refused them shows.
                        for ((k, id, creditor), outcome) in positions.iter().zip(outcomes) {
                            results[*k] = Some(match outcome {
                                Ok(_) => json!({ "index": k, "id": id, "status": 201 }),
                                Err(refusal) => {
                                    let subject = Subject::Obligation(id, creditor);
                                    item_problem(*k, Some(id), &refused(w, p, subject, refusal))
                                }
                            });
                        }
                        let created = results
                            .iter()
                            .flatten()
                            .filter(|r| r["status"] == 201)
                            .count();
                        let value = json!({ "accepted": created, "results": results });
                        let text = p.request.as_ref().map(|_| {
                            encode_answer(200, "application/json", value.to_string().as_bytes())
                        });
                        answer = Some(value);
                        text
                    },
                )
                .map_err(service_error)?;
            match ran {
                Requested::Seen(Ok(())) => Err(answers::expired(app.idempotency.max())),
                Requested::Seen(Err(refusal)) => Err(Problem::refused(&refusal)),
                Requested::Ran(..) => answer
                    .map(|value| (StatusCode::OK, value))
                    .ok_or_else(|| Problem::internal("the batch was not answered")),
            }
        }),
    )
    .await
}

fn item_problem(k: usize, id: Option<&str>, problem: &Problem) -> Value {
    let mut item =
        json!({ "index": k, "status": problem.status.as_u16(), "problem": problem.body() });
    if let Some(id) = id {
        item["id"] = json!(id);
    }
    item
}

async fn get_obligation(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &[], |app, p, _, params| {
        let id = &params[0];
        let today = app.today();
        with_durable(app, |w| {
            w.obligation(id)
                .filter(|o| sees_obligation(p, w, o))
                .map(|o| views::obligation(w, o, today))
        })?
        .map(|v| (StatusCode::OK, v))
        .ok_or_else(|| Problem::not_found(format!("no obligation {id}")))
    })
    .await
}

/// The obligation states a list filters by (`_` for spaces).
const STATES: [&str; 9] = [
    "submitted",
    "accepted",
    "rejected",
    "disputed",
    "cancel_requested",
    "cancelled",
    "partly_cleared",
    "cleared",
    "settled",
];

struct ObligationFilter {
    status: Option<String>,
    party: Option<String>,
    bank: Option<String>,
    currency: Option<Currency>,
    from: Option<u32>,
    to: Option<u32>,
}

impl ObligationFilter {
    fn parse(q: &Query) -> Result<ObligationFilter, Problem> {
        let status = q
            .get("status")
            .map(|s| {
                if STATES.contains(&s) {
                    Ok(s.replace('_', " "))
                } else {
                    Err(Problem::validation(
                        "status",
                        format!("{s:?} is not a state: {}", STATES.join(", ")),
                    ))
                }
            })
            .transpose()?;
        let party = q
            .get("party")
            .map(|t| {
                corridor::participants::check_id("party", t)
                    .map(|()| t.to_string())
                    .map_err(|r| Problem::validation("party", r.reason))
            })
            .transpose()?;
        Ok(ObligationFilter {
            status,
            party,
            bank: bic_filter(q, "bank")?,
            currency: currency_filter(q)?,
            from: optional_day(q, "from")?,
            to: optional_day(q, "to")?,
        })
    }

    fn matches(&self, w: &Workflow, p: &Principal, o: &ObligationRecord) -> bool {
        if !sees_obligation(p, w, o) {
            return false;
        }
        if self
            .status
            .as_ref()
            .is_some_and(|s| s != o.life.state.name())
        {
            return false;
        }
        if self
            .party
            .as_ref()
            .is_some_and(|t| *t != o.debtor && *t != o.creditor)
        {
            return false;
        }
        if let Some(bank) = &self.bank {
            let (d, c) = views::obligation_banks(w, o);
            if *bank != d && *bank != c {
                return false;
            }
        }
        if self.currency.is_some_and(|c| c != o.currency) {
            return false;
        }
        self.from.is_none_or(|f| o.issued >= f) && self.to.is_none_or(|t| o.issued <= t)
    }
}

/// The position of an obligation in the workflow's list (append-only, so positions are
/// stable), from the record the workflow hands out for its id.
fn obligation_index(w: &Workflow, id: &str) -> Option<usize> {
    let all = w.obligations();
    let record = w.obligation(id)?;
    let size = std::mem::size_of::<ObligationRecord>().max(1);
    let offset = (record as *const ObligationRecord as usize).checked_sub(all.as_ptr() as usize)?;
    let index = offset / size;
    (index < all.len() && std::ptr::eq(&all[index], record)).then_some(index)
}

async fn list_obligations(app: Shared, request: Request, op: Op) -> Response {
    const PARAMS: &[&str] = &[
        "status", "party", "bank", "currency", "from", "to", "cursor", "limit",
    ];
    read(app, op, request, PARAMS, |app, p, q, _| {
        let limit = limit(q)?;
        let filter = ObligationFilter::parse(q)?;
        // The cursor is the last id of the previous page; one the caller may not see is no
        // cursor (so a cursor cannot probe for ids).
        let mut position = match cursor_in(q)? {
            None => 0,
            Some(id) => app
                .service
                .with(|w| {
                    obligation_index(w, &id)
                        .filter(|i| sees_obligation(p, w, &w.obligations()[*i]))
                        .map(|i| i + 1)
                })
                .ok_or_else(bad_cursor)?,
        };
        let today = app.today();
        let mut items = Vec::new();
        let mut last = None;
        let mut more = false;
        // In chunks: the workflow's lock is held for at most SCAN_CHUNK obligations at a time.
        loop {
            let finished = app.service.with(|w| {
                let all = w.obligations();
                let end = (position + SCAN_CHUNK).min(all.len());
                while position < end {
                    let o = &all[position];
                    if filter.matches(w, p, o) {
                        if items.len() == limit {
                            more = true;
                            return true;
                        }
                        items.push(views::obligation(w, o, today));
                        last = Some(o.id.clone());
                    }
                    position += 1;
                }
                position >= all.len()
            });
            if finished {
                break;
            }
        }
        durable(app)?;
        Ok((StatusCode::OK, page(items, if more { last } else { None })))
    })
    .await
}

/// Only the obligation's banks act on it: another role gets 403 for an obligation it may see,
/// 404 for one it may not.
fn actors(p: &Principal) -> Gate {
    match p.role {
        Role::Bank(_) => Gate::Open,
        _ => Gate::Check(|app, p, params| {
            let id = &params[0];
            let visible = app
                .service
                .with(|w| w.obligation(id).is_some_and(|o| sees_obligation(p, w, o)));
            if visible {
                Err(Problem::forbidden(
                    "this key may not act on obligations (only the obligation's banks do)",
                ))
            } else {
                Err(Problem::not_found(format!("no obligation {id}")))
            }
        }),
    }
}

/// Whether a bank holding `sides` of an obligation (debtor's bank, creditor's bank or both) may
/// take `action` in its role there, whatever the state allows; `None` when it may, else why not.
fn outside_role(sides: &[Actor], state: State, action: &str) -> Option<&'static str> {
    let holds = |actor: Actor| sides.contains(&actor);
    let other = |actor: Actor| match actor {
        Actor::DebtorBank => Actor::CreditorBank,
        _ => Actor::DebtorBank,
    };
    match (action, state) {
        ("accept" | "reject", _) if !holds(Actor::DebtorBank) => {
            Some("only the debtor's bank accepts or rejects an obligation")
        }
        ("resolve", State::Disputed { by, .. }) if !holds(by) => {
            Some("only the bank that raised the dispute resolves it")
        }
        ("uphold", State::Disputed { by, .. }) if !holds(other(by)) => {
            Some("only the other bank upholds a dispute (the one that raised it resolves it)")
        }
        ("cancel", State::CancelRequested { by, .. }) if !holds(other(by)) => {
            Some("cancellation needs both banks: the other bank confirms the request")
        }
        ("withdraw-cancel", State::CancelRequested { by, .. }) if !holds(by) => {
            Some("only the bank that asked to cancel withdraws the request")
        }
        _ => None,
    }
}

async fn post_action(app: Shared, request: Request, op: Op) -> Response {
    write(
        app,
        op,
        request,
        actors,
        on_blocking(|app, p, params, body| {
            let (id, action) = (params[0].clone(), params[1].clone());
            let Role::Bank(bic) = &p.role else {
                return Err(Problem::forbidden(
                    "only the obligation's banks act on it",
                ));
            };
            let seen = app.service.with(|w| {
                w.obligation(&id)
                    .filter(|o| sees_obligation(p, w, o))
                    .map(|o| {
                        let sides: Vec<Actor> = [
                            (w.trader(&o.debtor).is_some_and(|t| t.bank == *bic))
                                .then_some(Actor::DebtorBank),
                            (w.trader(&o.creditor).is_some_and(|t| t.bank == *bic))
                                .then_some(Actor::CreditorBank),
                        ]
                        .into_iter()
                        .flatten()
                        .collect();
                        (o.life.state, sides)
                    })
            });
            let Some((state, sides)) = seen else {
                return Err(Problem::not_found(format!("no obligation {id}")));
            };
            // `cancel` asks to cancel, or confirms the other bank's request.
            let command_action = match action.as_str() {
                "accept" | "reject" | "dispute" | "resolve" | "uphold" => action.clone(),
                "cancel" => match state {
                    State::CancelRequested { .. } => "confirm_cancel".into(),
                    _ => "request_cancel".into(),
                },
                "withdraw-cancel" => "withdraw_cancel".into(),
                other => {
                    return Err(Problem::not_found(format!(
                        "no action {other:?}: accept, reject, dispute, resolve, uphold, cancel, withdraw-cancel"
                    )));
                }
            };
            // The role first: a bank acting outside its role on the obligation is 403.
            if let Some(reason) = outside_role(&sides, state, &action) {
                return Err(Problem::forbidden(reason));
            }
            if !body.is_empty() {
                let _: Empty = parse_json(body, "ActionInput")?;
            }
            execute(
                app,
                p,
                Subject::Other,
                Command::Act {
                    obligation: id,
                    bank: bic.clone(),
                    action: command_action,
                },
            )
        }),
    )
    .await
}

// ---- cycles ------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CycleBody {
    value_date: Option<String>,
}

async fn post_cycle(app: Shared, request: Request, op: Op) -> Response {
    write(
        app,
        op,
        request,
        |p| {
            gate(
                p.role == Role::Operator,
                "run clearing cycles (operator only)",
            )
        },
        on_blocking(|app, p, _, body| {
            let b: CycleBody = if body.is_empty() {
                CycleBody { value_date: None }
            } else {
                parse_json(body, "CycleInput")?
            };
            let value_date = b.value_date.unwrap_or_else(|| date_text(app.today()));
            let started = Instant::now();
            let answer = execute(
                app,
                p,
                Subject::Other,
                Command::RunCycle {
                    value_date,
                    ledger_balances: Default::default(),
                },
            )?;
            app.metrics
                .cycle
                .observe(started.elapsed().as_micros() as u64);
            Ok(answer)
        }),
    )
    .await
}

async fn list_cycles(app: Shared, request: Request, op: Op) -> Response {
    const PARAMS: &[&str] = &["from", "to", "cursor", "limit"];
    read(app, op, request, PARAMS, |app, p, q, _| {
        let limit = limit(q)?;
        let after: u64 = match cursor_in(q)? {
            None => 0,
            Some(a) => a.parse().map_err(|_| bad_cursor())?,
        };
        let (from, to) = (optional_day(q, "from")?, optional_day(q, "to")?);
        // The page's cycles first, then each report under its own hold of the lock (a report
        // with its payment instructions can be large).
        let numbers: Vec<usize> = app.service.with(|w| {
            w.cycles()
                .iter()
                .filter(|c| c.number > after)
                .filter(|c| from.is_none_or(|d| c.value_date >= d))
                .filter(|c| to.is_none_or(|d| c.value_date <= d))
                .map(|c| c.number as usize)
                .take(limit + 1)
                .collect()
        });
        let reports = numbers.iter().map(|n| {
            let report = app
                .service
                .with(|w| w.cycles().get(n - 1).map(|c| views::cycle(p, w, c)));
            (n.to_string(), report.unwrap_or(Value::Null))
        });
        let page = paginate(reports, limit);
        durable(app)?;
        Ok((StatusCode::OK, page))
    })
    .await
}

fn cycle_number(text: &str) -> Result<usize, Problem> {
    text.parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| Problem::not_found(format!("no cycle {text}")))
}

async fn get_cycle(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &[], |app, p, _, params| {
        let n = cycle_number(&params[0])?;
        with_durable(app, |w| {
            w.cycles().get(n - 1).map(|c| views::cycle(p, w, c))
        })?
        .map(|v| (StatusCode::OK, v))
        .ok_or_else(|| Problem::not_found(format!("no cycle {n}")))
    })
    .await
}

async fn get_set_off(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &[], |app, p, _, params| {
        let n = cycle_number(&params[0])?;
        with_durable(app, |w| {
            w.cycles().get(n - 1).map(|c| views::set_off(p, w, c))
        })?
        .map(|v| (StatusCode::OK, v))
        .ok_or_else(|| Problem::not_found(format!("no cycle {n}")))
    })
    .await
}

// ---- accounts ----------------------------------------------------------------------------

async fn list_accounts(app: Shared, request: Request, op: Op) -> Response {
    const PARAMS: &[&str] = &["currency", "cursor", "limit"];
    read(app, op, request, PARAMS, |app, p, q, _| {
        let limit = limit(q)?;
        let after: Option<u128> = cursor_in(q)?
            .map(|c| c.parse().map_err(|_| bad_cursor()))
            .transpose()?;
        let currency = currency_filter(q)?;
        let mut visible = with_durable(app, |w| {
            w.ledger_accounts()
                .into_iter()
                .filter(|(account, c)| sees_account(p, w, *account, *c))
                .filter(|(_, c)| currency.is_none_or(|x| x == *c))
                .filter(|(account, _)| after.is_none_or(|a| *account > a))
                .collect::<Vec<_>>()
        })?;
        visible.sort_by_key(|(account, _)| *account);
        visible.truncate(limit + 1);
        let ids: Vec<u128> = visible.iter().map(|(a, _)| *a).collect();
        let accounts = app
            .service
            .engine()
            .read(move |l| {
                ids.iter()
                    .map(|id| l.account(*id).cloned())
                    .collect::<Vec<_>>()
            })
            .map_err(|e| Problem::unavailable(e.to_string()))?;
        let items = app.service.with(|w| {
            visible
                .iter()
                .zip(accounts)
                .filter_map(|((id, currency), a)| {
                    let a = a?;
                    Some((id.to_string(), views::account(w, &a, *currency)))
                })
                .collect::<Vec<_>>()
        });
        Ok((StatusCode::OK, paginate(items.into_iter(), limit)))
    })
    .await
}

/// The account of the path, if the caller may see it: (id, currency).
fn visible_account(app: &App, p: &Principal, text: &str) -> Result<(u128, Currency), Problem> {
    let missing = || Problem::not_found(format!("no account {text}"));
    let id: u128 = text.parse().map_err(|_| missing())?;
    app.service
        .with(|w| {
            w.ledger_accounts()
                .into_iter()
                .find(|(a, _)| *a == id)
                .filter(|(a, c)| sees_account(p, w, *a, *c))
        })
        .ok_or_else(missing)
}

async fn get_account(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &[], |app, p, _, params| {
        let (id, currency) = visible_account(app, p, &params[0])?;
        let account = app
            .service
            .engine()
            .read(move |l| l.account(id).cloned())
            .map_err(|e| Problem::unavailable(e.to_string()))?
            .ok_or_else(|| Problem::not_found(format!("no account {id}")))?;
        let view = app.service.with(|w| views::account(w, &account, currency));
        Ok((StatusCode::OK, view))
    })
    .await
}

/// `after`/`before` (timestamps in ns, inclusive), `reversed`, `limit`, `cursor`: the filter of
/// an account's transfers or balances.
fn account_filter(q: &Query, id: u128) -> Result<(ledger::AccountFilter, usize), Problem> {
    let timestamp = |field: &str| -> Result<u64, Problem> {
        q.get(field)
            .map(|t| {
                t.parse::<u64>()
                    .map_err(|_| Problem::validation(field, "a timestamp in nanoseconds"))
            })
            .transpose()
            .map(|t| t.unwrap_or(0))
    };
    let reversed = match q.get("reversed") {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(Problem::validation("reversed", "true or false")),
    };
    let limit = limit(q)?;
    let mut filter = ledger::AccountFilter {
        account_id: id,
        timestamp_min: timestamp("after")?,
        timestamp_max: timestamp("before")?,
        limit: (limit + 1) as u32,
        debits: true,
        credits: true,
        reversed,
    };
    if let Some(cursor) = cursor_in(q)? {
        let bound: u64 = cursor.parse().map_err(|_| bad_cursor())?;
        if reversed {
            filter.timestamp_max = bound;
        } else {
            filter.timestamp_min = bound;
        }
    }
    Ok((filter, limit))
}

/// The cursor after a page whose last entry has `timestamp`.
fn next_timestamp(timestamp: u64, reversed: bool) -> String {
    if reversed {
        timestamp.saturating_sub(1).to_string()
    } else {
        (timestamp + 1).to_string()
    }
}

async fn get_account_transfers(app: Shared, request: Request, op: Op) -> Response {
    const PARAMS: &[&str] = &["after", "before", "reversed", "limit", "cursor"];
    read(app, op, request, PARAMS, |app, p, q, params| {
        let (id, currency) = visible_account(app, p, &params[0])?;
        let (filter, limit) = account_filter(q, id)?;
        let reversed = filter.reversed;
        let transfers = app
            .service
            .engine()
            .read(move |l| {
                l.account_transfers(&filter)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .map_err(|e| Problem::unavailable(e.to_string()))?;
        let more = transfers.len() > limit;
        let shown = &transfers[..transfers.len().min(limit)];
        let next = (more && !shown.is_empty())
            .then(|| next_timestamp(shown[shown.len() - 1].timestamp, reversed));
        let items = shown
            .iter()
            .map(|t| views::transfer(t, id, currency))
            .collect();
        Ok((StatusCode::OK, page(items, next)))
    })
    .await
}

async fn get_account_history(app: Shared, request: Request, op: Op) -> Response {
    const PARAMS: &[&str] = &["after", "before", "reversed", "limit", "cursor"];
    read(app, op, request, PARAMS, |app, p, q, params| {
        let (id, currency) = visible_account(app, p, &params[0])?;
        let (filter, limit) = account_filter(q, id)?;
        let reversed = filter.reversed;
        let balances = app
            .service
            .engine()
            .read(move |l| l.account_balances(&filter))
            .map_err(|e| Problem::unavailable(e.to_string()))?;
        let more = balances.len() > limit;
        let shown = &balances[..balances.len().min(limit)];
        let next = (more && !shown.is_empty())
            .then(|| next_timestamp(shown[shown.len() - 1].timestamp, reversed));
        let items = shown
            .iter()
            .map(|b| views::balance_entry(b, currency))
            .collect();
        Ok((StatusCode::OK, page(items, next)))
    })
    .await
}

/// Any account's statement (a bank's settlement account, or a central bank's issue,
/// clearing, corridor and residue accounts), reconciled to the ledger.
async fn get_account_statement(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &["from", "to"], |app, p, q, params| {
        let (id, _) = visible_account(app, p, &params[0])?;
        let from = day(
            "from",
            q.get("from")
                .ok_or_else(|| Problem::validation("from", "required: YYYY-MM-DD"))?,
        )?;
        let to = day(
            "to",
            q.get("to")
                .ok_or_else(|| Problem::validation("to", "required: YYYY-MM-DD"))?,
        )?;
        let built = app
            .service
            .engine()
            .read(move |l| {
                let Some(a) = l.account(id) else {
                    return Err(format!("no ledger account {id}"));
                };
                let transfers = l.account_transfers(&ledger::AccountFilter {
                    account_id: id,
                    timestamp_min: 0,
                    timestamp_max: 0,
                    limit: u32::MAX,
                    debits: true,
                    credits: true,
                    reversed: false,
                });
                corridor::statement::statement(a, &transfers, from, to)
            })
            .map_err(|e| Problem::unavailable(e.to_string()))?;
        match built {
            Ok(statement) => {
                let name = app.service.with(|w| w.account_name(id));
                Ok((
                    StatusCode::OK,
                    service::report::statement(&name, &statement),
                ))
            }
            Err(reason) if reason.starts_with("from:") => Err(Problem::validation(
                "from",
                reason.trim_start_matches("from: ").to_string(),
            )),
            Err(reason) => Err(Problem::internal(reason)),
        }
    })
    .await
}

// ---- barter ------------------------------------------------------------------------------

async fn get_barter(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &["until", "trader"], |app, p, q, _| {
        let until = day(
            "until",
            q.get("until")
                .ok_or_else(|| Problem::validation("until", "required: YYYY-MM-DD"))?,
        )?;
        let trader = q.get("trader").map(str::to_string);
        with_durable(app, |w| {
            if let Some(t) = &trader
                && !w.trader(t).is_some_and(|t| sees_trader(p, w, t))
            {
                return Err(Problem::not_found(format!("no trader {t}")));
            }
            let mut report = corridor::barter::report(w, until, trader.as_deref())
                .map_err(|r| Problem::refused(&r))?;
            if !sees_all(p) {
                report
                    .lines
                    .retain(|l| w.trader(&l.trader).is_some_and(|t| sees_trader(p, w, t)));
            }
            Ok((StatusCode::OK, service::report::barter(&report)))
        })?
    })
    .await
}

// ---- the journal -------------------------------------------------------------------------

fn verifiers(p: &Principal) -> Result<(), Problem> {
    forbid_unless(
        matches!(p.role, Role::Operator | Role::Auditor),
        "verify the journal (the auditor and the operator)",
    )
}

/// The latest verification of the journal (running or finished).
async fn get_verification(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &[], |app, p, _, _| {
        verifiers(p)?;
        app.verifications
            .latest()
            .map(|v| (StatusCode::OK, v))
            .ok_or_else(|| {
                Problem::not_found(
                    "the journal was not verified since the server started: POST to start it",
                )
            })
    })
    .await
}

/// Starts verifying the journal in the background (or joins the run in progress): 202 with the
/// run; `GET` shows how it goes and its result. It writes nothing, takes no body and no
/// `Idempotency-Key` (asking twice joins the run).
async fn post_verification(app: Shared, request: Request, op: Op) -> Response {
    read(app, op, request, &[], |app, p, _, _| {
        verifiers(p)?;
        let Some(dir) = app.data_dir.clone() else {
            return Err(Problem::not_found(
                "this server has no journal on disk to verify",
            ));
        };
        let opened = app.service.opened();
        let head = opened.head_seq + app.service.engine().stats().records;
        Ok((StatusCode::ACCEPTED, app.verifications.start(dir, head)))
    })
    .await
}
