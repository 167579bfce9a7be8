//! RFC 9457 problem details: every error the API returns, as `application/problem+json`, with
//! a stable `type`, the offending `field` where there is one, and the reason.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Stable problem types (relative URIs, documented in the OpenAPI document).
pub mod types {
    pub const VALIDATION: &str = "/problems/validation";
    pub const REFUSED: &str = "/problems/refused";
    pub const MALFORMED: &str = "/problems/malformed-request";
    pub const UNAUTHORIZED: &str = "/problems/unauthorized";
    pub const FORBIDDEN: &str = "/problems/forbidden";
    pub const NOT_FOUND: &str = "/problems/not-found";
    pub const IDEMPOTENCY_REUSE: &str = "/problems/idempotency-key-reused";
    pub const IDEMPOTENCY_IN_FLIGHT: &str = "/problems/idempotency-key-in-flight";
    pub const IDEMPOTENCY_EXPIRED: &str = "/problems/idempotency-key-expired";
    pub const CONFLICT: &str = "/problems/conflict";
    pub const METHOD_NOT_ALLOWED: &str = "/problems/method-not-allowed";
    pub const TOO_LARGE: &str = "/problems/body-too-large";
    pub const BODY_TIMEOUT: &str = "/problems/body-timeout";
    pub const TIMEOUT: &str = "/problems/timeout";
    pub const UNAVAILABLE: &str = "/problems/unavailable";
    pub const INTERNAL: &str = "/problems/internal";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "/problems/unsupported-media-type";
    pub const BAD_PATH: &str = "/problems/bad-path";
    /// The request's head could not be read as HTTP/1.1 (answered by the connection layer).
    pub const BAD_REQUEST: &str = "/problems/bad-request";
    pub const URI_TOO_LONG: &str = "/problems/uri-too-long";
    pub const HEADERS_TOO_LARGE: &str = "/problems/headers-too-large";

    /// Every stable type (documented in the OpenAPI document).
    pub const ALL: [&str; 22] = [
        VALIDATION,
        REFUSED,
        MALFORMED,
        UNAUTHORIZED,
        FORBIDDEN,
        NOT_FOUND,
        IDEMPOTENCY_REUSE,
        IDEMPOTENCY_IN_FLIGHT,
        IDEMPOTENCY_EXPIRED,
        CONFLICT,
        METHOD_NOT_ALLOWED,
        TOO_LARGE,
        BODY_TIMEOUT,
        TIMEOUT,
        UNAVAILABLE,
        INTERNAL,
        NOT_READY,
        UNSUPPORTED_MEDIA_TYPE,
        BAD_PATH,
        BAD_REQUEST,
        URI_TOO_LONG,
        HEADERS_TOO_LARGE,
    ];
    pub const NOT_READY: &str = "/problems/not-ready";
}

#[derive(Clone, Debug)]
pub struct Problem {
    pub status: StatusCode,
    pub kind: &'static str,
    pub title: &'static str,
    pub detail: String,
    pub field: Option<String>,
}

impl Problem {
    pub fn new(
        status: StatusCode,
        kind: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Problem {
        Problem {
            status,
            kind,
            title,
            detail: detail.into(),
            field: None,
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Problem {
        self.field = Some(field.into());
        self
    }

    /// A business refusal from the workflow: 422 with the field and the reason.
    pub fn refused(refusal: &corridor::Refusal) -> Problem {
        if refusal.field == "Idempotency-Key" {
            return Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                types::IDEMPOTENCY_REUSE,
                "Idempotency-Key reused",
                refusal.reason.clone(),
            )
            .with_field(refusal.field);
        }
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            types::REFUSED,
            "The request was refused",
            refusal.reason.clone(),
        )
        .with_field(refusal.field)
    }

    pub fn validation(field: &str, detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            types::VALIDATION,
            "A field is invalid",
            detail,
        )
        .with_field(field)
    }

    pub fn malformed(detail: impl Into<String>, field: Option<String>) -> Problem {
        Problem {
            field,
            ..Problem::new(
                StatusCode::BAD_REQUEST,
                types::MALFORMED,
                "The request body is not valid JSON for this endpoint",
                detail,
            )
        }
    }

    pub fn unauthorized() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            types::UNAUTHORIZED,
            "Authentication required",
            "send a valid API key as Authorization: Bearer <key>",
        )
    }

    pub fn forbidden(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            types::FORBIDDEN,
            "Not allowed",
            detail,
        )
    }

    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, types::NOT_FOUND, "Not found", detail)
    }

    pub fn internal(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            types::INTERNAL,
            "Internal error",
            detail,
        )
    }

    pub fn unavailable(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            types::UNAVAILABLE,
            "Service unavailable",
            detail,
        )
    }

    pub fn body(&self) -> serde_json::Value {
        let mut body = json!({
            "type": self.kind,
            "title": self.title,
            "status": self.status.as_u16(),
            "detail": self.detail,
        });
        if let Some(field) = &self.field {
            body["field"] = json!(field);
        }
        body
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body().to_string()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            // RFC 9110 §11.6.1: a 401 names the scheme it takes.
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"corridor\""),
            );
        }
        response
    }
}

impl Problem {
    pub fn too_large(limit: usize) -> Problem {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            types::TOO_LARGE,
            "Body too large",
            format!("the request body is larger than {limit} bytes"),
        )
    }

    pub fn method_not_allowed(method: &str, path: &str, allowed: &str) -> Problem {
        Problem::new(
            StatusCode::METHOD_NOT_ALLOWED,
            types::METHOD_NOT_ALLOWED,
            "Method not allowed",
            format!("{path} does not take {method}; it takes {allowed}"),
        )
    }

    pub fn conflict(field: &str, detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::CONFLICT,
            types::CONFLICT,
            "Conflicts with what exists",
            detail,
        )
        .with_field(field)
    }
}

/// A JSON body to `T`, naming the offending field by its path (`amount.amount`,
/// `obligations[3].due`) for wrong types, unknown and missing fields.
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Problem> {
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(Problem::malformed("the body must be a JSON object", None));
    }
    // The common case fast; only a body that fails is read again to find the field's path.
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);
    let value = parsed.map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let mut problem = from_json_error(&inner);
        if path != "." && !inner.is_syntax() && !inner.is_eof() {
            // The path names the field; an unknown or missing one is a child of it.
            let leaf = problem.field.take();
            problem.field = Some(match leaf {
                Some(leaf) if !path.ends_with(&leaf) => format!("{path}.{leaf}"),
                Some(_) | None => path,
            });
        }
        problem
    })?;
    deserializer.end().map_err(|e| from_json_error(&e))?;
    Ok(value)
}

/// serde_json's message to (field, reason): "unknown field `x`", "missing field `y`" name it.
pub fn from_json_error(error: &serde_json::Error) -> Problem {
    let text = error.to_string();
    let field = ["unknown field `", "missing field `", "unknown variant `"]
        .iter()
        .find_map(|marker| {
            let start = text.find(marker)? + marker.len();
            let end = text[start..].find('`')? + start;
            Some(text[start..end].to_string())
        });
    Problem::malformed(text, field)
}
