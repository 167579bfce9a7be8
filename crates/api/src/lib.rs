//! Corridor over HTTP: the JSON API in front of the [`Service`].
//!
//! * `GET /healthz` (the process answers) and `GET /readyz` (the store is open and answers a
//!   read) need no key; nor do `GET /openapi.json`, the Swagger UI at `GET /docs` (vendored
//!   assets) and `GET /metrics` (Prometheus text).
//! * Everything under `/v1` needs `Authorization: Bearer <key>` ([`auth`]); each role sees and
//!   does what DESIGN §2 says, and objects a caller may not see answer 404, not 403.
//! * Errors are RFC 9457 `application/problem+json` ([`problem`]) with a stable `type`, the
//!   field and the reason. Unknown JSON fields are refused. Bodies are limited to [`BODY_MAX`],
//!   requests to [`REQUEST_TIMEOUT`].
//! * Every POST takes an `Idempotency-Key`: the same key with the same body returns the first
//!   response; with a different body, 422 ([`idempotency`]).
//! * Amounts are decimal strings in major units with a currency code, never JSON numbers.
//! * Writes go through the service: one journal record per command, group-committed; a
//!   response is sent only once its records are durable.
//!
//! **Architecture invariant:** this is the only crate that knows HTTP and the JSON wire types.

#![recursion_limit = "512"] // the OpenAPI document is one json! literal

pub mod auth;
pub mod client;
mod docs;
pub mod idempotency;
pub mod metrics;
pub mod openapi;
pub mod problem;
mod routes;
mod views;

use auth::{Keys, Principal};
use axum::Router;
use axum::http::HeaderMap;
use problem::Problem;
use service::Service;
use std::sync::Arc;
use std::time::Duration;

/// Largest request body (a batch of obligations fits; more is refused with 413).
pub const BODY_MAX: usize = 8 << 20;
/// Longest a request may take before it is answered with 503 (a write may still complete:
/// retry it with the same `Idempotency-Key`).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Most obligations in one batch request.
pub const BATCH_ITEMS_MAX: usize = 10_000;
/// Most items in one page of a list.
pub const PAGE_MAX: usize = 1_000;

/// What the handlers share.
pub struct App {
    pub service: Arc<Service>,
    pub keys: Keys,
    pub idempotency: idempotency::Cache,
    pub metrics: metrics::Metrics,
    /// Fixes "today" (tests, replays of a scenario); `None` reads the clock.
    pub today: Option<u32>,
}

impl App {
    pub fn new(service: Arc<Service>, keys: Keys) -> App {
        App {
            service,
            keys,
            idempotency: idempotency::Cache::default(),
            metrics: metrics::Metrics::default(),
            today: None,
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

    pub fn authenticate(&self, headers: &HeaderMap) -> Result<Principal, Problem> {
        headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| self.keys.authenticate(v))
            .ok_or_else(Problem::unauthorized)
    }
}

/// The whole HTTP surface.
pub fn router(app: Arc<App>) -> Router {
    routes::router(app)
}

/// Serves until `shutdown` resolves, then stops accepting and drains in-flight requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await
}
