//! A small HTTP/1.1 client (hyper, keep-alive connections) for the end-to-end tests, `corridor
//! demo --server` and the load benchmark.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as Hyper;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

#[derive(Clone)]
pub struct Client {
    base: String,
    key: Option<String>,
    inner: Hyper<HttpConnector, Full<Bytes>>,
    /// When set, every answer is checked against this OpenAPI document (tests).
    document: Option<std::sync::Arc<Value>>,
}

/// A response: status, headers we care about, and the body.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub replayed: bool,
    /// The `Allow` header (405), the `x-request-id` header.
    pub allow: String,
    pub request_id: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Client {
    /// `base` like `http://127.0.0.1:8080`.
    pub fn new(base: &str, key: Option<&str>) -> Client {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        Client {
            base: base.trim_end_matches('/').to_string(),
            key: key.map(str::to_string),
            inner: Hyper::builder(TokioExecutor::new())
                .pool_max_idle_per_host(64)
                .build(connector),
            document: None,
        }
    }

    /// Checks every answer against the server's OpenAPI document
    /// ([`crate::openapi::check_response`]): an answer that does not fit is an error.
    pub fn checked(self) -> Client {
        Client {
            document: Some(std::sync::Arc::new(crate::openapi::document())),
            ..self
        }
    }

    pub fn with_key(&self, key: Option<&str>) -> Client {
        Client {
            key: key.map(str::to_string),
            ..self.clone()
        }
    }

    /// Sends a request; `headers` are extra (name, value) pairs.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<Vec<u8>>,
        headers: &[(&str, &str)],
    ) -> Result<Reply, String> {
        let mut request = hyper::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if let Some(key) = &self.key {
            request = request.header("authorization", format!("Bearer {key}"));
        }
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .map_err(|e| e.to_string())?;
        let response = self
            .inner
            .request(request)
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let content_type = header("content-type");
        let replayed = header("idempotent-replay") == "true";
        let allow = header("allow");
        let request_id = header("x-request-id");
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?
            .to_bytes()
            .to_vec();
        if let Some(document) = &self.document {
            crate::openapi::check_response(document, method, path, status, &content_type, &body)
                .map_err(|e| format!("the answer does not fit the OpenAPI document: {e}"))?;
        }
        Ok(Reply {
            status,
            content_type,
            replayed,
            allow,
            request_id,
            body,
        })
    }

    pub async fn get(&self, path: &str) -> Result<Reply, String> {
        self.send("GET", path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Result<Reply, String> {
        self.send("POST", path, Some(body.to_string().into_bytes()), &[])
            .await
    }

    pub async fn post_idempotent(
        &self,
        path: &str,
        body: &Value,
        key: &str,
    ) -> Result<Reply, String> {
        self.send(
            "POST",
            path,
            Some(body.to_string().into_bytes()),
            &[("idempotency-key", key)],
        )
        .await
    }
}
