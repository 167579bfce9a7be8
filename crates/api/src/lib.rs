//! Corridor over HTTP: the JSON API in front of the [`Service`].
//!
//! * `GET /healthz` (the process answers) and `GET /readyz` (the store is open, not poisoned,
//!   and answers a durable read) need no key; nor do `GET /openapi.json` and the Swagger UI at
//!   `GET /docs` (vendored assets). `GET /metrics` (Prometheus text) needs an operator or
//!   auditor key.
//! * Everything under `/v1` needs `Authorization: Bearer <key>` ([`auth`]); the key and its
//!   role are checked before the body is read (403 for a role that may not); each role sees
//!   and does what DESIGN §2 says, and objects a caller may not see answer 404, not 403.
//! * Errors are RFC 9457 `application/problem+json` ([`problem`]) with a stable `type`, the
//!   field and the reason — also for 404 (no route), 405, 413, 415, malformed bodies and the
//!   request heads hyper refuses (400, 414, 431). Unknown JSON fields and unknown query
//!   parameters are refused. Bodies are limited to [`BODY_MAX`]; a request (headers read to
//!   answer sent, body included) to [`Limits::request`]; headers to [`Limits::header_read`];
//!   shutdown takes at most [`Limits::drain`] from the signal.
//! * Every POST that writes takes an `Idempotency-Key`: the same key with the same body returns
//!   the first response, also after a restart (every answer is rebuilt from its command or
//!   journaled as sent); with a different body, 422 ([`idempotency`]). The windows of kept
//!   answers and remembered keys are [`Limits::answers_max`] and [`Limits::keys_max`].
//! * `POST /v1/journal/verification` runs `corridor verify`'s check in the background.
//! * Amounts are decimal strings in major units with a currency code, never JSON numbers.
//! * Writes go through the service: one journal record per command, group-committed; a
//!   response is sent only once its records are durable, and reads show only durable state.
//!
//! **Architecture invariant:** this is the only crate that knows HTTP and the JSON wire types.

#![recursion_limit = "512"] // the OpenAPI document is built from json! literals

mod answers;
pub mod auth;
pub mod client;
mod docs;
mod handlers;
pub mod idempotency;
pub mod metrics;
pub mod openapi;
pub mod problem;
mod routes;
pub mod schema;
mod verification;
mod views;

use auth::{Keys, Principal};
use axum::Router;
use axum::http::HeaderMap;
use problem::Problem;
use service::Service;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

pub use routes::{log_event, operations};

/// Largest request body (a batch of obligations fits; more is refused with 413).
pub const BODY_MAX: usize = 8 << 20;
/// Default for [`Limits::request`]: from the headers read to the answer, body included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Default for [`Limits::header_read`]: a client that has not sent its headers by then is
/// disconnected.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Default for [`Limits::drain`]: how long shutdown waits for requests in flight.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);
/// Most obligations in one batch request.
pub const BATCH_ITEMS_MAX: usize = 10_000;
/// Most items in one page of a list.
pub const PAGE_MAX: usize = 1_000;
/// Most records a list examines per hold of the workflow lock (writers wait meanwhile).
pub const SCAN_CHUNK: usize = 4_096;
/// Most connections served at once; more wait to be accepted.
pub const CONNECTIONS_MAX: usize = 4_096;

/// The server's time limits and idempotency windows.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// A whole request, from its headers read to its answer (the body's arrival included):
    /// past it the client gets 408 (body not received) or 503 (a write may still complete:
    /// retry it with the same `Idempotency-Key`).
    pub request: Duration,
    /// Reading the headers of a request; past it the connection is closed.
    pub header_read: Duration,
    /// Shutdown, from the signal to the end of serving: requests in flight may finish within
    /// it; then connections are closed and work still running is abandoned (not answered).
    pub drain: Duration,
    /// How many idempotency keys' first answers are kept (in memory, rebuilt on open).
    pub answers_max: usize,
    /// How many idempotency keys are remembered (a retry of a remembered key whose answer is
    /// no longer kept is 422 expired, never applied again; an older key is forgotten).
    pub keys_max: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            request: REQUEST_TIMEOUT,
            header_read: HEADER_READ_TIMEOUT,
            drain: DRAIN_TIMEOUT,
            answers_max: idempotency::ANSWERS_MAX,
            keys_max: service::REQUEST_KEYS_MAX,
        }
    }
}

/// What the handlers share.
pub struct App {
    pub service: Arc<Service>,
    keys: RwLock<Arc<Keys>>,
    /// Where the key file is (for reloads); `None` for keys given in memory.
    data_dir: Option<PathBuf>,
    pub idempotency: idempotency::Cache,
    pub metrics: metrics::Metrics,
    /// Fixes "today" (tests, replays of a scenario); `None` reads the clock.
    pub today: Option<u32>,
    pub limits: Limits,
    next_request: AtomicU64,
    writes_idle: tokio::sync::Notify,
    verifications: Arc<verification::Verifications>,
}

impl App {
    /// An API over an open service with these keys (first answers of idempotency keys are not
    /// rebuilt: use [`App::open`] for a server).
    pub fn new(service: Arc<Service>, keys: Keys) -> App {
        App::assemble(
            service,
            keys,
            None,
            idempotency::Cache::default(),
            Limits::default(),
        )
    }

    /// Opens the store in `data_dir` with its key file: replays the journal, rebuilds the
    /// first answer of every idempotency key from the state its command left, and reads back
    /// the answers journaled as they were sent (refusals, batches).
    pub fn open(data_dir: &Path, limits: Limits) -> Result<App, String> {
        let keys = Keys::load(data_dir)?;
        let cache = idempotency::Cache::new(limits.answers_max);
        let service = Service::open_keyed(
            data_dir,
            limits.keys_max,
            &mut |w, envelope, prepared| {
                answers::replayed(&keys, &cache, w, envelope, prepared);
            },
            &mut |request, text| answers::recorded(&keys, &cache, request, text),
        )
        .map_err(|e| e.to_string())?;
        Ok(App::assemble(
            Arc::new(service),
            keys,
            Some(data_dir.to_path_buf()),
            cache,
            limits,
        ))
    }

    fn assemble(
        service: Arc<Service>,
        keys: Keys,
        data_dir: Option<PathBuf>,
        idempotency: idempotency::Cache,
        limits: Limits,
    ) -> App {
        App {
            service,
            keys: RwLock::new(Arc::new(keys)),
            data_dir,
            idempotency,
            metrics: metrics::Metrics::new(&routes::operations()),
            today: None,
            limits,
            next_request: AtomicU64::new(1),
            writes_idle: tokio::sync::Notify::new(),
            verifications: Arc::default(),
        }
    }

    /// Days since 1970-01-01 (UTC), from the clock unless fixed.
    pub fn today(&self) -> u32 {
        self.today.unwrap_or_else(|| {
            let seconds = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            (seconds / 86_400) as u32
        })
    }

    /// The keys now accepted.
    pub fn keys(&self) -> Arc<Keys> {
        self.keys.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Reads the key file again (created or revoked keys take effect at once); on an error the
    /// keys in use stay. Returns how many keys are now accepted.
    pub fn reload_keys(&self) -> Result<usize, String> {
        let Some(dir) = &self.data_dir else {
            return Ok(self.keys().len());
        };
        let keys = Keys::load(dir)?;
        let count = keys.len();
        *self.keys.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(keys);
        Ok(count)
    }

    /// The key file's path, if the keys came from one.
    pub fn keys_file(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join(auth::KEYS_FILE))
    }

    pub fn authenticate(&self, headers: &HeaderMap) -> Result<Principal, Problem> {
        headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| self.keys().authenticate(v))
            .ok_or_else(Problem::unauthorized)
    }

    fn request_id(&self) -> u64 {
        self.next_request.fetch_add(1, Ordering::Relaxed)
    }

    /// Resolves once no write is being processed.
    async fn writes_finished(&self) {
        loop {
            let notified = self.writes_idle.notified();
            if self.metrics.writes_in_flight.load(Ordering::SeqCst) == 0 {
                return;
            }
            notified.await;
        }
    }
}

/// The whole HTTP surface.
pub fn router(app: Arc<App>) -> Router {
    routes::router(app)
}

/// Serves until `shutdown` resolves; then stops accepting, lets the requests in flight finish
/// (at most [`Limits::drain`]; idle keep-alive connections close at once) and waits for writes
/// whose clients are gone to become durable, within the same bound.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    routes::serve(listener, app, shutdown).await
}
