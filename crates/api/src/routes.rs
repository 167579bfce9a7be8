//! The routes: authentication, idempotency and the per-role rules around the service.

use crate::auth::{Principal, Role};
use crate::idempotency::{Decision, KEY_LENGTH_MAX, request_hash};
use crate::problem::{self, Problem, from_json_error};
use crate::views::{self, sees_account, sees_all, sees_bank, sees_obligation, sees_trader};
use crate::{App, BATCH_ITEMS_MAX, BODY_MAX, PAGE_MAX, REQUEST_TIMEOUT};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use corridor::workflow::{Command, Prepared, SideSpec, Workflow, date_text, parse_day};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

type Shared = Arc<App>;
type Outcome = Result<(StatusCode, Value), Problem>;

pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/openapi.json", get(openapi))
        .route("/metrics", get(metrics))
        .route("/docs", get(crate::docs::page))
        .route("/docs/swagger-ui-bundle.js", get(crate::docs::bundle))
        .route("/docs/swagger-ui.css", get(crate::docs::css))
        .route("/v1/corridor", get(get_corridor).post(post_corridor))
        .route("/v1/banks", get(list_banks).post(post_bank))
        .route("/v1/banks/{bic}", get(get_bank))
        .route("/v1/banks/{bic}/funding", post(post_funding))
        .route("/v1/banks/{bic}/statement", get(get_statement))
        .route("/v1/traders", get(list_traders).post(post_trader))
        .route("/v1/traders/{id}", get(get_trader))
        .route("/v1/rate-fixes", get(list_rates).post(post_rate))
        .route(
            "/v1/obligations",
            get(list_obligations).post(post_obligation),
        )
        .route("/v1/obligations/batch", post(post_obligation_batch))
        .route("/v1/obligations/{id}", get(get_obligation))
        .route("/v1/obligations/{id}/{action}", post(post_action))
        .route("/v1/cycles", get(list_cycles).post(post_cycle))
        .route("/v1/cycles/{number}", get(get_cycle))
        .route("/v1/accounts", get(list_accounts))
        .route("/v1/barter-window", get(get_barter))
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(BODY_MAX))
        .with_state(app)
}

// ---- plumbing ---------------------------------------------------------------------------

fn json_response(status: StatusCode, value: &Value) -> Response {
    let mut response = (status, value.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn log(method: &Method, uri: &Uri, status: u16, micros: u64, who: &str) {
    eprintln!(
        "{{\"level\":\"info\",\"method\":\"{method}\",\"path\":{},\"status\":{status},\"micros\":{micros},\"caller\":\"{who}\"}}",
        json!(uri.path())
    );
}

fn finish(
    app: &App,
    method: &Method,
    uri: &Uri,
    started: Instant,
    who: &str,
    response: Response,
) -> Response {
    let micros = started.elapsed().as_micros() as u64;
    app.metrics
        .request(method.as_str(), response.status().as_u16(), micros);
    log(method, uri, response.status().as_u16(), micros, who);
    response
}

/// Runs blocking work (the service waits for fsyncs) off the async threads, with a timeout.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    let task = tokio::task::spawn_blocking(work);
    match tokio::time::timeout(REQUEST_TIMEOUT, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(Problem::internal("the request's worker failed")),
        Err(_) => Err(timed_out()),
    }
}

fn timed_out() -> Problem {
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        problem::types::TIMEOUT,
        "Timed out",
        "the request took too long; a write may still complete: retry with the same Idempotency-Key",
    )
}

/// A GET: authenticate, then read.
async fn read(
    app: Shared,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    work: impl FnOnce(&App, &Principal) -> Outcome + Send + 'static,
) -> Response {
    let started = Instant::now();
    let principal = match app.authenticate(&headers) {
        Ok(p) => p,
        Err(problem) => return finish(&app, &method, &uri, started, "-", problem.into_response()),
    };
    let who = principal.key_id.clone();
    let shared = app.clone();
    let outcome = blocking(move || work(&shared, &principal)).await;
    let response = match outcome {
        Ok((status, value)) => json_response(status, &value),
        Err(problem) => problem.into_response(),
    };
    finish(&app, &method, &uri, started, &who, response)
}

/// The work of a POST, once authenticated.
type Work = std::pin::Pin<Box<dyn std::future::Future<Output = Outcome> + Send>>;

/// Work that blocks (it waits for the journal): run on the blocking pool, with the timeout.
fn on_blocking(
    work: impl FnOnce(&App, &Principal, &[u8]) -> Outcome + Send + 'static,
) -> impl FnOnce(Shared, Principal, Bytes) -> Work {
    move |app, principal, body| Box::pin(blocking(move || work(&app, &principal, &body)))
}

/// A POST: authenticate, honour `Idempotency-Key`, then write.
async fn write(
    app: Shared,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
    work: impl FnOnce(Shared, Principal, Bytes) -> Work,
) -> Response {
    let started = Instant::now();
    let mut principal = match app.authenticate(&headers) {
        Ok(p) => p,
        Err(problem) => return finish(&app, &method, &uri, started, "-", problem.into_response()),
    };
    let who = principal.key_id.clone();
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(k)) if !k.is_empty() && k.len() <= KEY_LENGTH_MAX => Some(k.to_string()),
        Some(_) => {
            let problem = Problem::validation(
                "Idempotency-Key",
                format!("must be 1 to {KEY_LENGTH_MAX} visible ASCII characters"),
            );
            return finish(&app, &method, &uri, started, &who, problem.into_response());
        }
    };
    if let Some(key) = &key {
        let hash = request_hash(method.as_str(), uri.path(), &body);
        principal.request = Some(corridor::workflow::RequestKey {
            caller: who.clone(),
            key: key.clone(),
            hash: hash.iter().map(|b| format!("{b:02x}")).collect(),
        });
        match app.idempotency.begin(&who, key, hash) {
            Decision::Run => {}
            Decision::Replay(status, bytes, content_type) => {
                let mut response = (
                    StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                    bytes,
                )
                    .into_response();
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
                response
                    .headers_mut()
                    .insert("idempotent-replay", HeaderValue::from_static("true"));
                return finish(&app, &method, &uri, started, &who, response);
            }
            Decision::Conflict => {
                let problem = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    problem::types::IDEMPOTENCY_REUSE,
                    "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different request (method, path or body); use a new key",
                )
                .with_field("Idempotency-Key");
                return finish(&app, &method, &uri, started, &who, problem.into_response());
            }
            Decision::InFlight => {
                let problem = Problem::new(
                    StatusCode::CONFLICT,
                    problem::types::IDEMPOTENCY_IN_FLIGHT,
                    "Request in progress",
                    "the first request with this Idempotency-Key has not been answered yet; retry later",
                )
                .with_field("Idempotency-Key");
                return finish(&app, &method, &uri, started, &who, problem.into_response());
            }
        }
    }
    app.metrics.in_flight.fetch_add(1, Ordering::Relaxed);
    let outcome = work(app.clone(), principal, body).await;
    app.metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
    let timed_out = matches!(&outcome, Err(p) if p.kind == problem::types::TIMEOUT);
    let (status, body, content_type) = match outcome {
        Ok((status, value)) => (status, value.to_string().into_bytes(), "application/json"),
        Err(problem) => (
            problem.status,
            problem.body().to_string().into_bytes(),
            "application/problem+json",
        ),
    };
    if let Some(key) = &key {
        if timed_out || status.is_server_error() {
            app.idempotency.abandon(&who, key);
        } else {
            app.idempotency
                .finish(&who, key, status.as_u16(), body.clone(), content_type);
        }
    }
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    finish(&app, &method, &uri, started, &who, response)
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, Problem> {
    serde_json::from_slice(body).map_err(|e| from_json_error(&e))
}

fn service_error(e: service::ServiceError) -> Problem {
    Problem::unavailable(e.to_string())
}

/// Runs one command (with the request's idempotency key, if any); a refusal is 422 with its
/// field.
fn execute(app: &App, p: &Principal, command: Command) -> Result<Prepared, Problem> {
    let mut outcomes = app
        .service
        .execute_keyed(app.today(), vec![(command, p.request.clone())])
        .map_err(service_error)?;
    match outcomes.pop() {
        Some(Ok(prepared)) => Ok(prepared),
        Some(Err(refusal)) => Err(Problem::refused(&refusal)),
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

fn day(field: &str, text: &str) -> Result<u32, Problem> {
    parse_day(text)
        .ok_or_else(|| Problem::validation(field, format!("{text:?} is not a date YYYY-MM-DD")))
}

// ---- unauthenticated ---------------------------------------------------------------------

async fn healthz() -> Response {
    json_response(StatusCode::OK, &json!({"status": "ok"}))
}

async fn readyz(State(app): State<Shared>) -> Response {
    let service = app.service.clone();
    match blocking(move || service.balances().map_err(service_error)).await {
        Ok(_) => json_response(StatusCode::OK, &json!({"status": "ready"})),
        Err(problem) => problem.into_response(),
    }
}

async fn openapi() -> Response {
    json_response(StatusCode::OK, &crate::openapi::document())
}

async fn metrics(State(app): State<Shared>) -> Response {
    let mut response = app.metrics.render().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    response
}

async fn fallback(method: Method, uri: Uri) -> Response {
    Problem::not_found(format!("no route {method} {}", uri.path())).into_response()
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
    barter_window_days: u32,
    barter_tolerance_percent: u32,
}

/// An amount on the wire: `{"amount": "1250.00", "currency": "PKR"}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyBody {
    amount: String,
    currency: String,
}

async fn get_corridor(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, |app, _| {
        app.service
            .with(views::corridor)
            .map(|v| (StatusCode::OK, v))
            .ok_or_else(|| Problem::not_found("the corridor is not configured yet"))
    })
    .await
}

async fn post_corridor(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(
        app,
        method,
        uri,
        headers,
        body,
        on_blocking(|app, p, body| {
            forbid_unless(
                p.role == Role::Operator,
                "configure the corridor (operator only)",
            )?;
            let b: CorridorBody = parse(body)?;
            execute(
                app,
                p,
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
            )?;
            let view = app.service.with(views::corridor).unwrap_or(Value::Null);
            Ok((StatusCode::CREATED, view))
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

async fn post_bank(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(
        app,
        method,
        uri,
        headers,
        body,
        on_blocking(|app, p, body| {
            let b: BankBody = parse(body)?;
            let allowed = match &p.role {
                Role::Operator => true,
                Role::CentralBank(c) => c.code() == b.net_debit_cap.currency,
                _ => false,
            };
            forbid_unless(
                allowed,
                "register banks (the operator, or the central bank of the bank's currency)",
            )?;
            let bic = b.bic.clone();
            execute(
                app,
                p,
                Command::RegisterBank {
                    bic: b.bic,
                    name: b.name,
                    country: b.country,
                    currency: b.net_debit_cap.currency,
                    net_debit_cap: b.net_debit_cap.amount,
                },
            )?;
            let view = app
                .service
                .with(|w| w.bank(&bic).map(views::bank))
                .unwrap_or(Value::Null);
            Ok((StatusCode::CREATED, view))
        }),
    )
    .await
}

async fn list_banks(
    State(app): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, move |app, p| {
        let (after, limit) = page_query(&q, &["currency"])?;
        let currency = q.get("currency").cloned();
        let page = app.service.with(|w| {
            paginate(
                w.banks()
                    .filter(|b| sees_bank(p, b))
                    .filter(|b| currency.as_ref().is_none_or(|c| c == b.currency.code()))
                    .filter(|b| after.as_ref().is_none_or(|a| b.bic > *a))
                    .map(|b| (b.bic.clone(), views::bank(b))),
                limit,
            )
        });
        Ok((StatusCode::OK, page))
    })
    .await
}

/// `cursor` (the last key of the previous page) and `limit`; any other parameter than these
/// and `filters` is refused, naming it.
fn page_query(
    q: &HashMap<String, String>,
    filters: &[&str],
) -> Result<(Option<String>, usize), Problem> {
    if let Some(unknown) = q
        .keys()
        .find(|k| !["cursor", "limit"].contains(&k.as_str()) && !filters.contains(&k.as_str()))
    {
        return Err(Problem::validation(
            unknown,
            format!(
                "unknown parameter; use cursor, limit{}",
                filters.iter().map(|f| format!(", {f}")).collect::<String>()
            ),
        ));
    }
    let limit = match q.get("limit") {
        None => 100,
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=PAGE_MAX).contains(l))
            .ok_or_else(|| Problem::validation("limit", format!("1 to {PAGE_MAX}")))?,
    };
    Ok((q.get("cursor").cloned(), limit))
}

/// A page of (key, item) in key order: `{"items": [...], "next_cursor": key or null}`.
fn paginate(items: impl Iterator<Item = (String, Value)>, limit: usize) -> Value {
    let mut page = Vec::new();
    let mut next = None;
    for (key, item) in items {
        if page.len() == limit {
            next = Some(key);
            break;
        }
        page.push((key, item));
    }
    let next_cursor = next.and(page.last().map(|(k, _)| k.clone()));
    json!({ "items": page.into_iter().map(|(_, v)| v).collect::<Vec<_>>(), "next_cursor": next_cursor })
}

async fn get_bank(
    State(app): State<Shared>,
    Path(bic): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, move |app, p| {
        app.service
            .with(|w| w.bank(&bic).filter(|b| sees_bank(p, b)).map(views::bank))
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

async fn post_funding(
    State(app): State<Shared>,
    Path(bic): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(
        app,
        method,
        uri,
        headers,
        body,
        on_blocking(move |app, p, body| {
            let b: FundingBody = parse(body)?;
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
            if b.amount.currency != currency.code() {
                return Err(Problem::validation(
                    "amount.currency",
                    format!("{bic} settles in {currency}, not {}", b.amount.currency),
                ));
            }
            let prepared = execute(
                app,
                p,
                Command::FundBank {
                    bic: bic.clone(),
                    amount: b.amount.amount,
                },
            )?;
            let transfer = prepared.transfers.first().map(|t| t.id.to_string());
            Ok((
                StatusCode::CREATED,
                json!({ "bank": bic, "transfer": transfer }),
            ))
        }),
    )
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodQuery {
    from: String,
    to: String,
}

async fn get_statement(
    State(app): State<Shared>,
    Path(bic): Path<String>,
    query: Result<Query<PeriodQuery>, axum::extract::rejection::QueryRejection>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, move |app, p| {
        let Query(q) = query.map_err(|e| Problem::validation("query", e.body_text()))?;
        let visible = app
            .service
            .with(|w| w.bank(&bic).is_some_and(|b| sees_bank(p, b)));
        if !visible {
            return Err(Problem::not_found(format!("no bank {bic}")));
        }
        let (from, to) = (day("from", &q.from)?, day("to", &q.to)?);
        match app
            .service
            .statement(&bic, from, to)
            .map_err(service_error)?
        {
            Ok(s) => Ok((StatusCode::OK, service::report::statement(&bic, &s))),
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

async fn post_trader(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(
        app,
        method,
        uri,
        headers,
        body,
        on_blocking(|app, p, body| {
            let b: TraderBody = parse(body)?;
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
                Command::RegisterTrader {
                    id: b.id,
                    legal_name: b.legal_name,
                    original_name: b.original_name,
                    tax_id: b.tax_id,
                    country: b.country,
                    bank: b.bank,
                },
            )?;
            let view = app
                .service
                .with(|w| w.trader(&id).map(views::trader))
                .unwrap_or(Value::Null);
            Ok((StatusCode::CREATED, view))
        }),
    )
    .await
}

async fn list_traders(
    State(app): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, move |app, p| {
        let (after, limit) = page_query(&q, &["bank", "country"])?;
        let page = app.service.with(|w| {
            paginate(
                w.traders()
                    .filter(|t| sees_trader(p, w, t))
                    .filter(|t| q.get("bank").is_none_or(|b| *b == t.bank))
                    .filter(|t| q.get("country").is_none_or(|c| *c == t.country))
                    .filter(|t| after.as_ref().is_none_or(|a| t.id > *a))
                    .map(|t| (t.id.clone(), views::trader(t))),
                limit,
            )
        });
        Ok((StatusCode::OK, page))
    })
    .await
}

async fn get_trader(
    State(app): State<Shared>,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, move |app, p| {
        app.service
            .with(|w| {
                w.trader(&id)
                    .filter(|t| sees_trader(p, w, t))
                    .map(views::trader)
            })
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

async fn post_rate(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(
        app,
        method,
        uri,
        headers,
        body,
        on_blocking(|app, p, body| {
            forbid_unless(
                matches!(p.role, Role::Operator | Role::CentralBank(_)),
                "publish rate fixes (the central banks or the operator)",
            )?;
            let b: RateBody = parse(body)?;
            let value_date = b.value_date.clone();
            execute(
                app,
                p,
                Command::PublishRate {
                    valid_from: b.valid_from.unwrap_or_else(|| b.value_date.clone()),
                    valid_to: b.valid_to.unwrap_or_else(|| b.value_date.clone()),
                    value_date: b.value_date,
                    rate: b.rate,
                    source: b.source,
                },
            )?;
            let day = parse_day(&value_date).unwrap_or(0);
            let view = app
                .service
                .with(|w| w.rate_fix(day).map(views::rate_fix))
                .unwrap_or(Value::Null);
            Ok((StatusCode::CREATED, view))
        }),
    )
    .await
}

async fn list_rates(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, |app, _| {
        let items: Vec<Value> = app
            .service
            .with(|w| w.rate_fixes().map(views::rate_fix).collect());
        Ok((StatusCode::OK, json!({ "items": items })))
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

/// The hot path: parsed, checked and queued on the async thread without blocking; answered
/// when the engine's committer says the record is durable (the blocking path only when the
/// journal's queue is full).
async fn post_obligation(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(app, method, uri, headers, body, |app, p, body| {
        Box::pin(async move {
            let b: ObligationBody = parse(&body)?;
            let id = b.id.clone();
            let command = obligation_command(&p, b)?;
            let (tx, rx) = tokio::sync::oneshot::channel();
            let done = Box::new(move |outcome| drop(tx.send(outcome)));
            let queued = app
                .service
                .try_submit(app.today(), command.clone(), p.request.clone(), done)
                .map_err(service_error)?;
            match queued {
                Some(Err(refusal)) => return Err(Problem::refused(&refusal)),
                Some(Ok(_)) => match tokio::time::timeout(REQUEST_TIMEOUT, rx).await {
                    Ok(Ok(Ok(()))) => {}
                    Ok(Ok(Err(error))) => return Err(service_error(error)),
                    Ok(Err(_)) => return Err(Problem::internal("the journal dropped the answer")),
                    Err(_) => return Err(timed_out()),
                },
                None => {
                    let shared = app.clone();
                    blocking(move || execute(&shared, &p, command).map(drop)).await?;
                }
            }
            let today = app.today();
            let view = app
                .service
                .with(|w| w.obligation(&id).map(|o| views::obligation(w, o, today)))
                .unwrap_or(Value::Null);
            Ok((StatusCode::CREATED, view))
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
/// item (`created`, or a problem with the item's field and reason).
async fn post_obligation_batch(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(app, method, uri, headers, body, on_blocking(|app, p, body| {
        forbid_unless(
            matches!(p.role, Role::Bank(_) | Role::Operator),
            "submit obligations (banks do, or the operator)",
        )?;
        let b: BatchBody = parse(body)?;
        if b.obligations.is_empty() || b.obligations.len() > BATCH_ITEMS_MAX {
            return Err(Problem::validation("obligations", format!("1 to {BATCH_ITEMS_MAX} items, not {}", b.obligations.len())));
        }
        app.metrics.batch_items.observe(b.obligations.len() as u64);
        let mut results: Vec<Option<Value>> = vec![None; b.obligations.len()];
        let mut commands = Vec::new();
        let mut positions = Vec::new();
        for (k, item) in b.obligations.into_iter().enumerate() {
            let parsed = serde_json::from_value::<ObligationBody>(item)
                .map_err(|e| from_json_error(&e))
                .and_then(|o| {
                    let id = o.id.clone();
                    obligation_command(p, o).map(|c| (id, c))
                });
            match parsed {
                Ok((id, command)) => {
                    // Each item is its own command: its key is the request's plus its index.
                    let request = p.request.clone().map(|r| corridor::workflow::RequestKey {
                        key: format!("{}#{k}", r.key),
                        ..r
                    });
                    commands.push((command, request));
                    positions.push((k, id));
                }
                Err(problem) => results[k] = Some(json!({ "index": k, "status": problem.status.as_u16(), "problem": problem.body() })),
            }
        }
        let outcomes = app
            .service
            .execute_keyed(app.today(), commands)
            .map_err(service_error)?;
        for ((k, id), outcome) in positions.into_iter().zip(outcomes) {
            results[k] = Some(match outcome {
                Ok(_) => json!({ "index": k, "id": id, "status": 201 }),
                Err(refusal) => {
                    let problem = Problem::refused(&refusal);
                    json!({ "index": k, "id": id, "status": problem.status.as_u16(), "problem": problem.body() })
                }
            });
        }
        let accepted = results.iter().flatten().filter(|r| r["status"] == 201).count();
        Ok((StatusCode::OK, json!({ "accepted": accepted, "results": results })))
    }))
    .await
}

async fn get_obligation(
    State(app): State<Shared>,
    Path(id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, move |app, p| {
        let today = app.today();
        app.service
            .with(|w| {
                w.obligation(&id)
                    .filter(|o| sees_obligation(p, w, o))
                    .map(|o| views::obligation(w, o, today))
            })
            .map(|v| (StatusCode::OK, v))
            .ok_or_else(|| Problem::not_found(format!("no obligation {id}")))
    })
    .await
}

async fn list_obligations(
    State(app): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, move |app, p| {
        const KNOWN: [&str; 8] = [
            "status", "party", "bank", "currency", "from", "to", "cursor", "limit",
        ];
        if let Some(unknown) = q.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            return Err(Problem::validation(
                unknown,
                format!("unknown filter; use {}", KNOWN.join(", ")),
            ));
        }
        let limit = match q.get("limit") {
            None => 100,
            Some(l) => l
                .parse::<usize>()
                .ok()
                .filter(|l| (1..=PAGE_MAX).contains(l))
                .ok_or_else(|| Problem::validation("limit", format!("1 to {PAGE_MAX}")))?,
        };
        let cursor = match q.get("cursor") {
            None => 0,
            Some(c) => c
                .parse::<usize>()
                .map_err(|_| Problem::validation("cursor", "not a cursor from a previous page"))?,
        };
        let from = q.get("from").map(|d| day("from", d)).transpose()?;
        let to = q.get("to").map(|d| day("to", d)).transpose()?;
        let today = app.today();
        let page = app.service.with(|w| {
            let mut items = Vec::new();
            let mut next = None;
            for (i, o) in w.obligations().iter().enumerate().skip(cursor) {
                if !matches(w, p, o, &q, from, to) {
                    continue;
                }
                if items.len() == limit {
                    next = Some(i.to_string());
                    break;
                }
                items.push(views::obligation(w, o, today));
            }
            json!({ "items": items, "next_cursor": next })
        });
        Ok((StatusCode::OK, page))
    })
    .await
}

fn matches(
    w: &Workflow,
    p: &Principal,
    o: &corridor::workflow::ObligationRecord,
    q: &HashMap<String, String>,
    from: Option<u32>,
    to: Option<u32>,
) -> bool {
    if !sees_obligation(p, w, o) {
        return false;
    }
    if q.get("status")
        .is_some_and(|s| s.replace('_', " ") != o.life.state.name())
    {
        return false;
    }
    if q.get("party")
        .is_some_and(|t| *t != o.debtor && *t != o.creditor)
    {
        return false;
    }
    if let Some(bank) = q.get("bank") {
        let (d, c) = views::obligation_banks(w, o);
        if *bank != d && *bank != c {
            return false;
        }
    }
    if q.get("currency").is_some_and(|c| c != o.currency.code()) {
        return false;
    }
    from.is_none_or(|f| o.issued >= f) && to.is_none_or(|t| o.issued <= t)
}

async fn post_action(
    State(app): State<Shared>,
    Path((id, action)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(app, method, uri, headers, body, on_blocking(move |app, p, body| {
        if !body.is_empty() {
            let _: serde_json::Map<String, Value> = parse(body)?;
        }
        let Role::Bank(bic) = &p.role else {
            return Err(Problem::forbidden("only the obligation's banks act on it"));
        };
        let state = app.service.with(|w| {
            w.obligation(&id)
                .filter(|o| sees_obligation(p, w, o))
                .map(|o| o.life.state)
        });
        let Some(state) = state else {
            return Err(Problem::not_found(format!("no obligation {id}")));
        };
        // `cancel` asks to cancel, or confirms the other bank's request.
        let action = match action.as_str() {
            "accept" | "reject" | "dispute" | "resolve" => action.clone(),
            "cancel" => match state {
                corridor::lifecycle::State::CancelRequested { .. } => "confirm_cancel".into(),
                _ => "request_cancel".into(),
            },
            "withdraw-cancel" => "withdraw_cancel".into(),
            other => {
                return Err(Problem::not_found(format!(
                    "no action {other:?}: accept, reject, dispute, resolve, cancel, withdraw-cancel"
                )));
            }
        };
        execute(
            app,
            p,
            Command::Act {
                obligation: id.clone(),
                bank: bic.clone(),
                action,
            },
        )?;
        let today = app.today();
        let view = app
            .service
            .with(|w| w.obligation(&id).map(|o| views::obligation(w, o, today)))
            .unwrap_or(Value::Null);
        Ok((StatusCode::OK, view))
    }))
    .await
}

// ---- cycles, accounts, barter ------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CycleBody {
    value_date: Option<String>,
}

async fn post_cycle(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(
        app,
        method,
        uri,
        headers,
        body,
        on_blocking(|app, p, body| {
            forbid_unless(
                p.role == Role::Operator,
                "run clearing cycles (operator only)",
            )?;
            let b: CycleBody = if body.is_empty() {
                CycleBody { value_date: None }
            } else {
                parse(body)?
            };
            let value_date = b.value_date.unwrap_or_else(|| date_text(app.today()));
            let started = Instant::now();
            execute(
                app,
                p,
                Command::RunCycle {
                    value_date,
                    ledger_balances: Default::default(),
                },
            )?;
            app.metrics
                .cycle
                .observe(started.elapsed().as_micros() as u64);
            let view = app
                .service
                .with(|w| w.cycles().last().map(|c| views::cycle(p, w, c)))
                .unwrap_or(Value::Null);
            Ok((StatusCode::CREATED, view))
        }),
    )
    .await
}

async fn list_cycles(
    State(app): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, move |app, p| {
        let (after, limit) = page_query(&q, &[])?;
        let after: u64 = match after {
            None => 0,
            Some(a) => a
                .parse()
                .map_err(|_| Problem::validation("cursor", "not a cursor from a previous page"))?,
        };
        let page = app.service.with(|w| {
            paginate(
                w.cycles()
                    .iter()
                    .filter(|c| c.number > after)
                    .map(|c| (c.number.to_string(), views::cycle(p, w, c))),
                limit,
            )
        });
        Ok((StatusCode::OK, page))
    })
    .await
}

async fn get_cycle(
    State(app): State<Shared>,
    Path(number): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, move |app, p| {
        let n: usize = number
            .parse()
            .map_err(|_| Problem::not_found(format!("no cycle {number}")))?;
        app.service
            .with(|w| {
                n.checked_sub(1)
                    .and_then(|i| w.cycles().get(i))
                    .map(|c| views::cycle(p, w, c))
            })
            .map(|v| (StatusCode::OK, v))
            .ok_or_else(|| Problem::not_found(format!("no cycle {number}")))
    })
    .await
}

async fn list_accounts(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, |app, p| {
        let balances = app.service.balances().map_err(service_error)?;
        let items: Vec<Value> = app.service.with(|w| {
            w.ledger_accounts()
                .into_iter()
                .filter(|(account, currency)| sees_account(p, w, *account, *currency))
                .map(|(account, currency)| {
                    json!({
                        "account": account.to_string(),
                        "name": w.account_name(account),
                        "balance": service::report::money(balances.get(&account).copied().unwrap_or(0), currency),
                    })
                })
                .collect()
        });
        Ok((StatusCode::OK, json!({ "items": items })))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BarterQuery {
    until: String,
    trader: Option<String>,
}

async fn get_barter(
    State(app): State<Shared>,
    query: Result<Query<BarterQuery>, axum::extract::rejection::QueryRejection>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    read(app, method, uri, headers, move |app, p| {
        let Query(q) = query.map_err(|e| Problem::validation("query", e.body_text()))?;
        let until = day("until", &q.until)?;
        let built = app.service.with(|w| {
            if let Some(t) = &q.trader
                && !w.trader(t).is_some_and(|t| sees_trader(p, w, t))
            {
                return Err(Problem::not_found(format!("no trader {t}")));
            }
            let mut report = corridor::barter::report(w, until, q.trader.as_deref())
                .map_err(|r| Problem::refused(&r))?;
            if !sees_all(p) {
                report
                    .lines
                    .retain(|l| w.trader(&l.trader).is_some_and(|t| sees_trader(p, w, t)));
            }
            Ok(service::report::barter(&report))
        })?;
        Ok((StatusCode::OK, built))
    })
    .await
}
