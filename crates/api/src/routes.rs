//! The plumbing around every endpoint: the route table, authentication before the body is
//! read, strict query parameters, the body limit and the request deadline, idempotency, writes
//! that finish even when their client is gone, logs and metrics, and the server loop with its
//! header timeout and bounded drain.

use crate::auth::Principal;
use crate::handlers::TABLE;
use crate::idempotency::{Decision, KEY_LENGTH_MAX, encode_answer, hex, request_hash};
use crate::problem::{self, Problem};
use crate::{App, BODY_MAX, CONNECTIONS_MAX};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

pub(crate) type Shared = Arc<App>;
pub(crate) type Outcome = Result<(StatusCode, Value), Problem>;
pub(crate) type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;
/// An endpoint: the app, the request, and which operation of the table it is.
pub(crate) type Handler = fn(Shared, Request, Op) -> BoxFuture<Response>;

/// One operation of the table (method and route template), counted by its index.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Op {
    pub index: usize,
    pub method: &'static str,
}

/// Every operation the router serves, (method, route template), in the table's order: the
/// OpenAPI document is tested against this list.
pub fn operations() -> Vec<(&'static str, &'static str)> {
    TABLE.iter().map(|(m, p, _)| (*m, *p)).collect()
}

pub fn router(app: Shared) -> Router {
    let mut by_path: BTreeMap<&'static str, Vec<(Op, Handler)>> = BTreeMap::new();
    for (index, (method, route, handler)) in TABLE.iter().enumerate() {
        let op = Op { index, method };
        by_path.entry(route).or_default().push((op, *handler));
    }
    let mut router = Router::new();
    for (route, ops) in by_path {
        let allowed: Vec<&'static str> = ops.iter().map(|(op, _)| op.method).collect();
        let allowed = allowed.join(", ");
        let mut methods: MethodRouter<Shared> = MethodRouter::new();
        for (op, handler) in ops {
            let filter = if op.method == "GET" {
                MethodFilter::GET
            } else {
                MethodFilter::POST
            };
            methods = methods.on(
                filter,
                move |State(app): State<Shared>, request: Request| handler(app, request, op),
            );
        }
        methods = methods.fallback(move |State(app): State<Shared>, request: Request| {
            let allowed = allowed.clone();
            async move { method_not_allowed(app, request, route, &allowed) }
        });
        router = router.route(route, methods);
    }
    router.fallback(not_found).with_state(app)
}

// ---- context, logs, metrics -------------------------------------------------------------

/// One request being handled.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub app: Shared,
    pub op: usize,
    pub method: Method,
    pub path: String,
    pub started: Instant,
    /// The whole request's deadline (body included).
    pub deadline: tokio::time::Instant,
    pub id: u64,
}

impl Ctx {
    pub fn new(app: &Shared, op: usize, method: &Method, uri: &Uri) -> Ctx {
        Ctx {
            app: app.clone(),
            op,
            method: method.clone(),
            path: uri.path().to_string(),
            started: Instant::now(),
            deadline: tokio::time::Instant::now() + app.limits.request,
            id: app.request_id(),
        }
    }

    /// Counts, logs and labels the response with the request's id.
    pub fn finish(&self, who: &str, mut response: Response, note: Option<&str>) -> Response {
        let micros = self.started.elapsed().as_micros() as u64;
        let status = response.status().as_u16();
        self.app.metrics.request(self.op, status, micros);
        log_request(self, status, micros, who, note);
        if let Ok(id) = HeaderValue::from_str(&self.id.to_string()) {
            response.headers_mut().insert("x-request-id", id);
        }
        response
    }
}

/// `2026-11-23T10:15:02.123Z` from the clock.
pub(crate) fn timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let seconds = now.as_secs();
    let day = corridor::workflow::date_text((seconds / 86_400) as u32);
    let s = seconds % 86_400;
    format!(
        "{day}T{:02}:{:02}:{:02}.{:03}Z",
        s / 3600,
        s / 60 % 60,
        s % 60,
        now.subsec_millis()
    )
}

/// One log line, written with one system call (stderr is unbuffered: formatting straight into
/// it would write every piece separately).
fn log_line(line: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// `text` as a JSON string literal.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

fn log_request(ctx: &Ctx, status: u16, micros: u64, who: &str, note: Option<&str>) {
    let note = note.map_or(String::new(), |n| format!(",\"note\":{}", quoted(n)));
    log_line(&format!(
        "{{\"ts\":\"{}\",\"level\":\"info\",\"request_id\":{},\"method\":\"{}\",\"path\":{},\"status\":{status},\"micros\":{micros},\"caller\":{}{note}}}\n",
        timestamp(),
        ctx.id,
        ctx.method,
        quoted(&ctx.path),
        quoted(who)
    ));
}

/// A server event as a JSON log line on stderr, with its time.
pub fn log_event(level: &str, event: &str, fields: Value) {
    let mut line = json!({ "ts": timestamp(), "level": level, "event": event });
    if let (Some(line), Some(fields)) = (line.as_object_mut(), fields.as_object()) {
        for (k, v) in fields {
            line.insert(k.clone(), v.clone());
        }
    }
    log_line(&format!("{line}\n"));
}

pub(crate) fn json_response(status: StatusCode, value: &Value) -> Response {
    bytes_response(status, value.to_string().into_bytes(), "application/json")
}

fn bytes_response(
    status: StatusCode,
    body: impl Into<Bytes>,
    content_type: &'static str,
) -> Response {
    let body: Bytes = body.into();
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

pub(crate) fn service_error(e: service::ServiceError) -> Problem {
    Problem::unavailable(e.to_string())
}

fn timed_out() -> Problem {
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        problem::types::TIMEOUT,
        "Timed out",
        "the request took too long; a write may still complete: retry with the same Idempotency-Key",
    )
}

fn body_timed_out() -> Problem {
    Problem::new(
        StatusCode::REQUEST_TIMEOUT,
        problem::types::BODY_TIMEOUT,
        "Body not received in time",
        "the request body did not arrive within the request's time limit",
    )
}

// ---- the unmatched -----------------------------------------------------------------------

fn method_not_allowed(app: Shared, request: Request, route: &str, allowed: &str) -> Response {
    let ctx = Ctx::new(
        &app,
        app.metrics.unmatched(),
        request.method(),
        request.uri(),
    );
    let mut response =
        Problem::method_not_allowed(request.method().as_str(), route, allowed).into_response();
    if let Ok(value) = HeaderValue::from_str(allowed) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    ctx.finish("-", response, None)
}

async fn not_found(State(app): State<Shared>, method: Method, uri: Uri) -> Response {
    let ctx = Ctx::new(&app, app.metrics.unmatched(), &method, &uri);
    let problem = Problem::not_found(format!("no route {method} {}", uri.path()));
    ctx.finish("-", problem.into_response(), None)
}

// ---- parameters --------------------------------------------------------------------------

/// A request's query parameters, each at most once, every one of them known to the endpoint.
#[derive(Clone, Debug, Default)]
pub(crate) struct Query(BTreeMap<String, String>);

impl Query {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

fn percent_decode(field: &str, text: &str) -> Result<String, Problem> {
    let bad = || Problem::validation(field, "is not valid percent-encoded UTF-8");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3).ok_or_else(bad)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

pub(crate) fn parse_query(uri: &Uri, allowed: &[&str]) -> Result<Query, Problem> {
    let mut out = BTreeMap::new();
    for pair in uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = percent_decode("query", name)?;
        let value = percent_decode(&name, value)?;
        if !allowed.contains(&name.as_str()) {
            let known = if allowed.is_empty() {
                "this endpoint takes no query parameters".to_string()
            } else {
                format!("unknown parameter; use {}", allowed.join(", "))
            };
            return Err(Problem::validation(&name, known));
        }
        if out.insert(name.clone(), value).is_some() {
            return Err(Problem::validation(&name, "given more than once"));
        }
    }
    Ok(Query(out))
}

async fn path_params(parts: &mut Parts) -> Result<Vec<String>, Problem> {
    match Path::<Vec<String>>::from_request_parts(parts, &()).await {
        Ok(Path(params)) => Ok(params),
        Err(rejection) => Err(Problem::new(
            StatusCode::BAD_REQUEST,
            problem::types::BAD_PATH,
            "The path is not valid",
            format!("the path is not valid: {}", rejection.body_text()),
        )),
    }
}

/// Most bytes of a refused body read and thrown away (never kept) so that the client sees the
/// answer and the connection can carry the next request; past it the connection is closed.
const DISCARD_MAX: usize = 2 * BODY_MAX;
/// The same for an unauthenticated request: it may not make the server read much.
const DISCARD_UNAUTHENTICATED_MAX: usize = 64 << 10;

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
}

/// Reads and drops the rest of a body, at most `budget` bytes, within the deadline: whether it
/// was all read.
async fn discard(body: &mut Body, mut budget: usize, deadline: tokio::time::Instant) -> bool {
    loop {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Ok(None) => return true,
            Ok(Some(Ok(frame))) => {
                let n = frame.data_ref().map_or(0, |d| d.len());
                if n > budget {
                    return false;
                }
                budget -= n;
            }
            Ok(Some(Err(_))) | Err(_) => return false,
        }
    }
}

/// The body, within [`BODY_MAX`] and the request's deadline; on a refusal, the problem and
/// whether the body was all read (else the connection must close).
async fn read_body(
    mut body: Body,
    headers: &HeaderMap,
    ctx: &Ctx,
) -> Result<Bytes, (Problem, bool)> {
    let declared = declared_length(headers);
    if declared.is_some_and(|n| n > BODY_MAX as u64) {
        let consumed = declared.is_some_and(|n| n <= DISCARD_MAX as u64)
            && discard(&mut body, DISCARD_MAX, ctx.deadline).await;
        return Err((Problem::too_large(BODY_MAX), consumed));
    }
    let mut kept: Vec<u8> = Vec::with_capacity(declared.unwrap_or(0) as usize);
    loop {
        match tokio::time::timeout_at(ctx.deadline, body.frame()).await {
            Err(_) => return Err((body_timed_out(), false)),
            Ok(None) => return Ok(Bytes::from(kept)),
            Ok(Some(Err(error))) => {
                let problem =
                    Problem::malformed(format!("the body could not be read: {error}"), None);
                return Err((problem, false));
            }
            Ok(Some(Ok(frame))) => {
                let Ok(data) = frame.into_data() else {
                    continue;
                };
                if kept.len() + data.len() > BODY_MAX {
                    let budget = DISCARD_MAX.saturating_sub(kept.len() + data.len());
                    drop(kept);
                    let consumed = discard(&mut body, budget, ctx.deadline).await;
                    return Err((Problem::too_large(BODY_MAX), consumed));
                }
                kept.extend_from_slice(&data);
            }
        }
    }
}

fn closing(mut response: Response, close: bool) -> Response {
    if close {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

// ---- reads -------------------------------------------------------------------------------

/// A GET under `/v1`: authenticate, check the query, then read on the blocking pool (reads
/// wait for durability), within the request's deadline.
pub(crate) async fn read(
    app: Shared,
    op: Op,
    request: Request,
    allowed: &'static [&'static str],
    work: impl FnOnce(&App, &Principal, &Query, &[String]) -> Outcome + Send + 'static,
) -> Response {
    let (mut parts, _body) = request.into_parts();
    let ctx = Ctx::new(&app, op.index, &parts.method, &parts.uri);
    let principal = match app.authenticate(&parts.headers) {
        Ok(p) => p,
        Err(problem) => return ctx.finish("-", problem.into_response(), None),
    };
    let who = principal.key_id.clone();
    let prepared = async {
        let params = path_params(&mut parts).await?;
        let query = parse_query(&parts.uri, allowed)?;
        Ok::<_, Problem>((params, query))
    }
    .await;
    let (params, query) = match prepared {
        Ok(x) => x,
        Err(problem) => return ctx.finish(&who, problem.into_response(), None),
    };
    let shared = app.clone();
    let task = tokio::task::spawn_blocking(move || work(&shared, &principal, &query, &params));
    let response = match tokio::time::timeout_at(ctx.deadline, task).await {
        Ok(Ok(Ok((status, value)))) => json_response(status, &value),
        Ok(Ok(Err(problem))) => problem.into_response(),
        Ok(Err(_)) => Problem::internal("the request's worker failed").into_response(),
        Err(_) => timed_out().into_response(),
    };
    ctx.finish(&who, response, None)
}

/// Runs blocking work (the service waits for the journal) on the blocking pool.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(_) => Err(Problem::internal("the request's worker failed")),
    }
}

// ---- writes ------------------------------------------------------------------------------

/// A write's success: a JSON value, or the bytes of one already serialized (the hot path
/// serializes its answer straight from the workflow's records).
pub(crate) enum Answer {
    Json(Value),
    Raw(Bytes),
}

/// What a POST's work ends with.
pub(crate) type WriteOutcome = Result<(StatusCode, Answer), Problem>;

/// The work of a POST, once authenticated, with the path's parameters and the body.
pub(crate) type Work = BoxFuture<WriteOutcome>;

/// Work that blocks (it waits for the journal): run on the blocking pool.
pub(crate) fn on_blocking(
    work: impl FnOnce(&App, &Principal, &[String], &[u8]) -> Outcome + Send + 'static,
) -> impl FnOnce(Shared, Principal, Vec<String>, Bytes) -> Work + Send + 'static {
    move |app, principal, params, body| {
        Box::pin(blocking(move || {
            work(&app, &principal, &params, &body).map(|(status, v)| (status, Answer::Json(v)))
        }))
    }
}

/// Keeps the write's bookkeeping right whatever happens to it: the in-flight gauge, and an
/// idempotency key left in flight by a write that died is forgotten (a retry runs; the
/// service's record of keys keeps it from applying twice).
struct WriteGuard {
    app: Shared,
    key: Option<(String, String)>,
    answered: bool,
}

impl Drop for WriteGuard {
    fn drop(&mut self) {
        if !self.answered
            && let Some((caller, key)) = &self.key
        {
            self.app.idempotency.abandon(caller, key);
        }
        if self
            .app
            .metrics
            .writes_in_flight
            .fetch_sub(1, Ordering::SeqCst)
            == 1
        {
            self.app.writes_idle.notify_waiters();
        }
    }
}

/// The `Idempotency-Key` header, if any: 1 to [`KEY_LENGTH_MAX`] visible ASCII characters,
/// not `#` (a batch's items are journaled as `KEY#n`).
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(value) => {
            let text = value.to_str().unwrap_or("");
            let good = !text.is_empty()
                && text.len() <= KEY_LENGTH_MAX
                && text.bytes().all(|b| b.is_ascii_graphic() && b != b'#');
            if good {
                Ok(Some(text.to_string()))
            } else {
                Err(Problem::validation(
                    "Idempotency-Key",
                    format!("must be 1 to {KEY_LENGTH_MAX} visible ASCII characters, not '#'"),
                ))
            }
        }
    }
}

/// Who may make a POST, decided before its body is read: from the key's role (and the path).
pub(crate) enum Gate {
    Open,
    Refuse(Problem),
    /// Decided from the state too, on the blocking pool (404 for what the key may not see).
    Check(fn(&App, &Principal, &[String]) -> Result<(), Problem>),
}

/// A POST's gate: from the key's role.
pub(crate) type GateFn = fn(&Principal) -> Gate;

/// `Content-Type` is `application/json` (parameters such as `charset` allowed).
fn is_json(value: &HeaderValue) -> bool {
    value
        .to_str()
        .ok()
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

fn unsupported_media_type(given: Option<&HeaderValue>) -> Problem {
    let given = given
        .map(|v| format!("{:?}", v.to_str().unwrap_or("(not text)")))
        .unwrap_or_else(|| "none".into());
    Problem::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        problem::types::UNSUPPORTED_MEDIA_TYPE,
        "Unsupported media type",
        format!("a request body must be sent as Content-Type: application/json, not {given}"),
    )
    .with_field("Content-Type")
}

/// Whether an answer is journaled for a retry after a restart: every answer given after the
/// body was read, except a command's success (rebuilt from the command), a batch's (journaled
/// with its items), answers about the key itself (reused, expired: the key's first answer is
/// another one) and 5xx (not an answer: the retry runs again).
fn journaled_here(outcome: &WriteOutcome) -> bool {
    match outcome {
        Ok(_) => false,
        Err(problem) => {
            !problem.status.is_server_error()
                && problem.kind != problem::types::IDEMPOTENCY_REUSE
                && problem.kind != problem::types::IDEMPOTENCY_EXPIRED
        }
    }
}

/// A POST: authenticate and check the role (before reading the body), check the key, the
/// content type and the body, honour `Idempotency-Key`, then write. The write runs as its own
/// task: it finishes, records its answer for retries, is counted and logged even if the
/// client goes away or the deadline passes (the client then gets 503 and retries with the
/// same key).
pub(crate) async fn write(
    app: Shared,
    op: Op,
    request: Request,
    gate: GateFn,
    work: impl FnOnce(Shared, Principal, Vec<String>, Bytes) -> Work + Send + 'static,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let ctx = Ctx::new(&app, op.index, &parts.method, &parts.uri);
    let mut principal = match app.authenticate(&parts.headers) {
        Ok(p) => p,
        Err(problem) => {
            // Before the body: an unauthenticated caller cannot make the server read or keep
            // it (a small one is read and dropped so that the connection can go on).
            let mut body = body;
            let consumed = declared_length(&parts.headers)
                .is_some_and(|n| n <= DISCARD_UNAUTHENTICATED_MAX as u64)
                && discard(&mut body, DISCARD_UNAUTHENTICATED_MAX, ctx.deadline).await;
            let response = closing(problem.into_response(), !consumed);
            return ctx.finish("-", response, None);
        }
    };
    let who = principal.key_id.clone();
    let checked = async {
        let mut body = body;
        let early = async {
            let params = path_params(&mut parts).await?;
            match gate(&principal) {
                Gate::Open => {}
                Gate::Refuse(problem) => return Err(problem),
                Gate::Check(check) => {
                    let (shared, p, params) = (app.clone(), principal.clone(), params.clone());
                    blocking(move || check(&shared, &p, &params)).await?;
                }
            }
            parse_query(&parts.uri, &[])?;
            let key = idempotency_key(&parts.headers)?;
            let content_type = parts.headers.get(header::CONTENT_TYPE);
            if content_type.is_some_and(|v| !is_json(v)) {
                return Err(unsupported_media_type(content_type));
            }
            Ok::<_, Problem>((params, key))
        }
        .await;
        let (params, key) = match early {
            Ok(x) => x,
            Err(problem) => {
                let consumed = discard(&mut body, BODY_MAX, ctx.deadline).await;
                return Err((problem, consumed));
            }
        };
        let body = read_body(body, &parts.headers, &ctx).await?;
        if !body.is_empty() && !parts.headers.contains_key(header::CONTENT_TYPE) {
            return Err((unsupported_media_type(None), true));
        }
        Ok::<_, (Problem, bool)>((params, key, body))
    }
    .await;
    let (params, key, body) = match checked {
        Ok(x) => x,
        Err((problem, consumed)) => {
            let response = closing(problem.into_response(), !consumed);
            return ctx.finish(&who, response, None);
        }
    };
    if let Some(key) = &key {
        let hash = request_hash(parts.method.as_str(), parts.uri.path(), &body);
        principal.request = Some(corridor::workflow::RequestKey {
            caller: who.clone(),
            key: key.clone(),
            hash: hex(&hash),
        });
        let refusal = match app.idempotency.begin(&who, key, hash) {
            Decision::Run => None,
            Decision::Replay(status, bytes, content_type) => {
                let mut response = bytes_response(
                    StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                    bytes,
                    content_type,
                );
                response
                    .headers_mut()
                    .insert("idempotent-replay", HeaderValue::from_static("true"));
                return ctx.finish(&who, response, Some("replay"));
            }
            Decision::Conflict => Some(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                problem::types::IDEMPOTENCY_REUSE,
                "Idempotency-Key reused",
                "this Idempotency-Key was used for a different request (method, path or body); use a new key",
            )),
            Decision::InFlight => Some(Problem::new(
                StatusCode::CONFLICT,
                problem::types::IDEMPOTENCY_IN_FLIGHT,
                "Request in progress",
                "the first request with this Idempotency-Key has not been answered yet; retry later",
            )),
        };
        if let Some(problem) = refusal {
            let response = problem.with_field("Idempotency-Key").into_response();
            return ctx.finish(&who, response, None);
        }
    }
    app.metrics.writes_in_flight.fetch_add(1, Ordering::SeqCst);
    let (tx, rx) = tokio::sync::oneshot::channel::<Response>();
    let task_ctx = ctx.clone();
    let request_key = principal.request.clone();
    tokio::spawn(async move {
        let mut guard = WriteGuard {
            app: task_ctx.app.clone(),
            key: key.clone().map(|k| (who.clone(), k)),
            answered: false,
        };
        let mut outcome = work(task_ctx.app.clone(), principal, params, body).await;
        let mut encoded = encode(&outcome);
        if let Some(request) = request_key.filter(|_| journaled_here(&outcome)) {
            // Journaled before it is sent: a retry after a restart gets this answer.
            let text = encode_answer(encoded.0.as_u16(), encoded.2, &encoded.1);
            let service = task_ctx.app.service.clone();
            let recorded = blocking(move || {
                service
                    .record_answer(&request, &text)
                    .map_err(service_error)
            })
            .await;
            if let Err(problem) = recorded {
                outcome = Err(problem);
                encoded = encode(&outcome);
            }
        }
        let (status, bytes, content_type) = encoded;
        if let Some(key) = &key {
            if status.is_server_error() {
                task_ctx.app.idempotency.abandon(&who, key);
            } else {
                task_ctx.app.idempotency.finish(
                    &who,
                    key,
                    status.as_u16(),
                    bytes.clone(),
                    content_type,
                );
            }
        }
        guard.answered = true;
        drop(guard);
        let gone = tx.is_closed();
        let response = task_ctx.finish(
            &who,
            bytes_response(status, bytes, content_type),
            gone.then_some("client gone: the answer is kept for a retry with the same key"),
        );
        let _ = tx.send(response);
    });
    match tokio::time::timeout_at(ctx.deadline, rx).await {
        Ok(Ok(response)) => response,
        Ok(Err(_)) => ctx.finish(
            "-",
            Problem::internal("the write's task failed").into_response(),
            None,
        ),
        Err(_) => ctx.finish(
            "-",
            timed_out().into_response(),
            Some("deadline passed; the write goes on and keeps its answer for a retry"),
        ),
    }
}

/// An outcome as it is sent: status, body, content type.
fn encode(outcome: &WriteOutcome) -> (StatusCode, Bytes, &'static str) {
    match outcome {
        Ok((status, Answer::Json(value))) => {
            (*status, Bytes::from(value.to_string()), "application/json")
        }
        Ok((status, Answer::Raw(bytes))) => (*status, bytes.clone(), "application/json"),
        Err(problem) => (
            problem.status,
            Bytes::from(problem.body().to_string()),
            "application/problem+json",
        ),
    }
}

// ---- the connection -----------------------------------------------------------------------

/// A connection's IO that turns the answers hyper itself writes for a request head it cannot
/// read (400 not HTTP, 414 URI too long, 431 headers too large: bodiless, before any handler
/// runs) into problem+json like every other error, and logs them.
struct ProblemIo<T> {
    inner: T,
    /// A rewritten answer being written: its bytes, how many are written, and the length of
    /// hyper's original to report once all are.
    pending: Option<(Vec<u8>, usize, usize)>,
}

impl<T> ProblemIo<T> {
    fn new(inner: T) -> ProblemIo<T> {
        ProblemIo {
            inner,
            pending: None,
        }
    }
}

/// hyper's own error answer (`HTTP/1.1 4xx|5xx`, `content-length: 0`, no content type, the
/// whole head in one write) as problem+json, closing the connection; `None` for anything else
/// (every answer of the handlers has a content type and a body).
fn problem_for_bare_error(buf: &[u8]) -> Option<Vec<u8>> {
    let status = buf.strip_prefix(b"HTTP/1.1 ")?;
    if !matches!(status.first(), Some(b'4' | b'5')) || !buf.ends_with(b"\r\n\r\n") {
        return None;
    }
    let head = std::str::from_utf8(buf).ok()?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let status: u16 = status_line.get(9..12)?.parse().ok()?;
    let mut date = None;
    let mut bare = false;
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => bare = value.trim() == "0",
            "content-type" => return None,
            "date" => date = Some(line),
            _ => {}
        }
    }
    if !bare {
        return None;
    }
    let (kind, title, detail) = match status {
        414 => (
            problem::types::URI_TOO_LONG,
            "URI too long",
            "the request's URI is longer than the server reads (64 KiB)",
        ),
        431 => (
            problem::types::HEADERS_TOO_LARGE,
            "Headers too large",
            "the request's headers are larger than the server reads (about 400 KiB, at most 100 headers)",
        ),
        _ => (
            problem::types::BAD_REQUEST,
            "Bad request",
            "the request's head is not valid HTTP/1.1",
        ),
    };
    let status_code = StatusCode::from_u16(status).ok()?;
    let body = Problem::new(status_code, kind, title, detail)
        .body()
        .to_string();
    log_event(
        "warn",
        "request head refused",
        json!({ "status": status, "type": kind }),
    );
    let mut out = format!(
        "{status_line}\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    if let Some(date) = date {
        out.push_str(date);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.push_str(&body);
    Some(out.into_bytes())
}

impl<T: hyper::rt::Read + Unpin> hyper::rt::Read for ProblemIo<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: hyper::rt::Write + Unpin> hyper::rt::Write for ProblemIo<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        use std::task::Poll;
        let this = self.get_mut();
        if this.pending.is_none() {
            match problem_for_bare_error(buf) {
                Some(bytes) => this.pending = Some((bytes, 0, buf.len())),
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        loop {
            let Some((bytes, written, original)) = this.pending.as_mut() else {
                return Poll::Ready(Ok(0));
            };
            if *written == bytes.len() {
                let original = *original;
                this.pending = None;
                return Poll::Ready(Ok(original));
            }
            match Pin::new(&mut this.inner).poll_write(cx, &bytes[*written..]) {
                Poll::Ready(Ok(0)) => {
                    return Poll::Ready(Err(std::io::ErrorKind::WriteZero.into()));
                }
                Poll::Ready(Ok(n)) => *written += n,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let first = bufs.iter().find(|b| !b.is_empty()).map(|b| &**b);
        let rewrite = self.pending.is_some()
            || (bufs.iter().filter(|b| !b.is_empty()).count() == 1
                && first.is_some_and(problem_for_bare_error_candidate));
        if rewrite {
            return self.poll_write(cx, first.unwrap_or(&[]));
        }
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// Cheap test before [`problem_for_bare_error`]: an error status line ending a bare head.
fn problem_for_bare_error_candidate(buf: &[u8]) -> bool {
    (buf.starts_with(b"HTTP/1.1 4") || buf.starts_with(b"HTTP/1.1 5")) && buf.ends_with(b"\r\n\r\n")
}

// ---- the server --------------------------------------------------------------------------

pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    app: Shared,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = router(app.clone());
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let permits = Arc::new(tokio::sync::Semaphore::new(CONNECTIONS_MAX));
    let mut connections = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment, keep serving.
                    log_event("warn", "accept failed", json!({ "error": error.to_string() }));
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let mut stop = stop_rx.clone();
        let header_read = app.limits.header_read;
        connections.spawn(async move {
            let _permit = permit;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_read)
                .keep_alive(true);
            let io = ProblemIo::new(hyper_util::rt::TokioIo::new(stream));
            let connection = builder.serve_connection(io, service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = stop.wait_for(|stopping| *stopping) => {}
            }
            // Finish the request in progress, if any, then close.
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        });
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let open = connections.len();
    let deadline = tokio::time::Instant::now() + app.limits.drain;
    log_event(
        "info",
        "draining",
        json!({ "connections": open, "writes_in_flight": app.metrics.writes_in_flight.load(Ordering::SeqCst), "drain_seconds": app.limits.drain.as_secs_f64() }),
    );
    let drained = tokio::time::timeout_at(deadline, async {
        while connections.join_next().await.is_some() {}
    })
    .await
    .is_ok();
    if !drained {
        log_event(
            "warn",
            "drain time over: closing connections",
            json!({ "connections": connections.len() }),
        );
        connections.abort_all();
        while connections.join_next().await.is_some() {}
    }
    let writes_done = tokio::time::timeout_at(deadline, app.writes_finished())
        .await
        .is_ok();
    log_event(
        if writes_done { "info" } else { "warn" },
        "drained",
        json!({ "all_connections_finished": drained, "all_writes_finished": writes_done }),
    );
    Ok(())
}
