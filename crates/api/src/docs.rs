//! The Swagger UI at `/docs`, from vendored assets (`assets/swagger-ui/`, swagger-ui-dist
//! 5.35.0): compiled in, nothing fetched at build or run time. It reads `/openapi.json`.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

const BUNDLE: &[u8] = include_bytes!("../assets/swagger-ui/swagger-ui-bundle.js");
const CSS: &[u8] = include_bytes!("../assets/swagger-ui/swagger-ui.css");

const PAGE: &str = r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Corridor API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
</script>
</body>
</html>
"##;

fn with_type(body: &'static [u8], content_type: &'static str) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    response
}

pub fn page() -> Response {
    with_type(PAGE.as_bytes(), "text/html; charset=utf-8")
}

pub fn bundle() -> Response {
    with_type(BUNDLE, "text/javascript; charset=utf-8")
}

pub fn css() -> Response {
    with_type(CSS, "text/css; charset=utf-8")
}
