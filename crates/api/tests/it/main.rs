//! The API's parts on their own (keys, the idempotency cache, problem details, the committed
//! OpenAPI document held to the router), and the server in process on loopback with its real
//! store: idempotent retries across restarts for every kind of POST, a client that drops its
//! connection mid-request, timeouts and the bounded drain, problem+json everywhere, strict
//! input, what each role may learn, metrics, lists and the account endpoints.

mod durable;
mod restart;
mod server;
mod surface;

use api::auth::{Keys, Role};
use api::idempotency::{Cache, Decision, request_hash};

#[test]
fn keys_are_stored_as_hashes_and_authenticate_only_whole() {
    let dir = tempfile::tempdir().unwrap();
    let key = Keys::create(dir.path(), &Role::Bank("HABBPKKA".into()), "2026-11-23").unwrap();
    let file = dir.path().join(api::auth::KEYS_FILE);
    let stored = std::fs::read_to_string(&file).unwrap();
    let secret = key.rsplit('_').next().unwrap();
    assert!(
        !stored.contains(secret),
        "the secret itself is never stored"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600,
        "the key file is the owner's only"
    );
    let keys = Keys::load(dir.path()).unwrap();
    let principal = keys.authenticate(&format!("Bearer {key}")).unwrap();
    assert_eq!(principal.role, Role::Bank("HABBPKKA".into()));
    let mut wrong = key.clone();
    wrong.pop();
    wrong.push(if key.ends_with('0') { '1' } else { '0' });
    for header in [
        key.clone(),
        format!("Bearer {wrong}"),
        "Bearer cor_x_y".into(),
        String::new(),
    ] {
        assert!(keys.authenticate(&header).is_none(), "{header}");
    }
    assert!(Role::parse("bank", None).is_err());
    assert!(Role::parse("bank", Some("HABBPK")).is_err());
    assert!(Role::parse("central-bank", Some("XYZ")).is_err());
    assert!(Role::parse("auditor", Some("PKR")).is_err());
    assert!(Role::parse("king", None).is_err());
    // Revoked: gone from the file and refused once loaded again.
    let id = &key["cor_".len()..key.len() - secret.len() - 1];
    assert!(Keys::revoke(dir.path(), id).unwrap());
    assert!(!Keys::revoke(dir.path(), id).unwrap(), "revoked once");
    let keys = Keys::load(dir.path()).unwrap();
    assert!(keys.authenticate(&format!("Bearer {key}")).is_none());
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn idempotency_replays_the_first_answer_and_refuses_a_different_request() {
    let cache = Cache::default();
    let first = request_hash("POST", "/v1/banks", b"{\"a\":1}");
    let other = request_hash("POST", "/v1/banks", b"{\"a\":2}");
    assert!(matches!(cache.begin("k", "1", first), Decision::Run));
    assert!(matches!(cache.begin("k", "1", first), Decision::InFlight));
    cache.finish("k", "1", 201, "done".into(), "application/json");
    match cache.begin("k", "1", first) {
        Decision::Replay(201, body, _) => assert_eq!(&body[..], b"done"),
        other => panic!("expected a replay, got {other:?}"),
    }
    assert!(matches!(cache.begin("k", "1", other), Decision::Conflict));
    // Another caller's key of the same name is another key.
    assert!(matches!(cache.begin("j", "1", other), Decision::Run));
    cache.abandon("j", "1");
    assert!(matches!(cache.begin("j", "1", other), Decision::Run));
    // An answer rebuilt from the journal is replayed like one given in this process.
    cache.remember("r", "9", first, 201, "old".into(), "application/json");
    assert!(matches!(
        cache.begin("r", "9", first),
        Decision::Replay(201, _, _)
    ));
    // Abandoning does not forget a finished answer.
    cache.abandon("r", "9");
    assert!(matches!(
        cache.begin("r", "9", first),
        Decision::Replay(201, _, _)
    ));
}

#[test]
fn json_errors_name_the_field_by_its_path() {
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Money {
        amount: String,
    }
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        bic: String,
        cap: Option<Money>,
        list: Option<Vec<Money>>,
    }
    let field = |text: &str| {
        api::problem::parse_json::<Body>(text.as_bytes())
            .map(|_| ())
            .unwrap_err()
    };
    for (text, status, expected) in [
        (r#"{"bic":"X","extra":1}"#, 400, Some("extra")),
        (r#"{}"#, 400, Some("bic")),
        (r#"{"bic":5}"#, 400, Some("bic")),
        (
            r#"{"bic":"X","cap":{"amount":1.5}}"#,
            400,
            Some("cap.amount"),
        ),
        (
            r#"{"bic":"X","cap":{"amount":"1","colour":"red"}}"#,
            400,
            Some("cap.colour"),
        ),
        (r#"{"bic":"X","cap":{}}"#, 400, Some("cap.amount")),
        (
            r#"{"bic":"X","list":[{"amount":"1"},{"amount":2}]}"#,
            400,
            Some("list[1].amount"),
        ),
        (r#"{"bic":"#, 400, None),
        (r#"[1, 2]"#, 400, None),
        (r#"{"bic":"X"} trailing"#, 400, None),
    ] {
        let p = field(text);
        assert_eq!(
            (p.status.as_u16(), p.field.as_deref()),
            (status, expected),
            "{text}: {}",
            p.detail
        );
    }
}

/// The served document is the committed one (`UPDATE_OPENAPI=1` rewrites the file).
#[test]
fn the_openapi_document_is_committed() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    let served = serde_json::to_string_pretty(&api::openapi::document()).unwrap() + "\n";
    if std::env::var("UPDATE_OPENAPI").is_ok() {
        std::fs::write(&path, &served).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == served,
        "docs/openapi.json differs from the document the server serves; run UPDATE_OPENAPI=1 cargo test -p api and review the diff"
    );
}

/// Every operation the router serves is in the document and every documented operation is
/// served; every /v1 operation documents 401 and its success; every POST takes the
/// Idempotency-Key; every schema reference resolves.
#[test]
fn the_openapi_document_matches_the_router() {
    let document = api::openapi::document();
    let mut served: Vec<(String, String)> = api::operations()
        .into_iter()
        .map(|(m, p)| (m.to_lowercase(), p.to_string()))
        .collect();
    served.sort();
    let mut documented = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            documented.push((method.clone(), path.clone()));
            let responses = operation["responses"].as_object().unwrap();
            if path.starts_with("/v1") {
                assert!(responses.contains_key("401"), "{method} {path}: 401");
                assert!(
                    responses.keys().any(|c| c.starts_with('2')),
                    "{method} {path}: a success"
                );
            }
            // Verifying the journal writes nothing and takes no body (documented so).
            if method == "post" && path != "/v1/journal/verification" {
                let takes_key = operation["parameters"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["$ref"] == "#/components/parameters/IdempotencyKey");
                assert!(takes_key, "{method} {path}: Idempotency-Key");
                for code in ["400", "403", "409", "413", "415", "422", "503"] {
                    assert!(responses.contains_key(code), "{method} {path}: {code}");
                }
            }
        }
    }
    documented.sort();
    assert_eq!(
        served, documented,
        "the router's operations and the document's differ"
    );
    // Every $ref resolves.
    fn refs(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    if k == "$ref" {
                        out.push(x.as_str().unwrap().to_string());
                    } else {
                        refs(x, out);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&document, &mut all);
    for r in all {
        assert!(
            document.pointer(r.trim_start_matches('#')).is_some(),
            "{r} does not resolve"
        );
    }
}
