//! The API's parts on their own: keys (stored as hashes, checked without their secret), the
//! idempotency cache, problem details, and the committed OpenAPI document.

use api::auth::{Keys, Role};
use api::idempotency::{Cache, Decision, request_hash};

#[test]
fn keys_are_stored_as_hashes_and_authenticate_only_whole() {
    let dir = tempfile::tempdir().unwrap();
    let key = Keys::create(dir.path(), &Role::Bank("HABBPKKA".into()), "2026-11-23").unwrap();
    let stored = std::fs::read_to_string(dir.path().join(api::auth::KEYS_FILE)).unwrap();
    let secret = key.rsplit('_').next().unwrap();
    assert!(
        !stored.contains(secret),
        "the secret itself is never stored"
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
}

#[test]
fn idempotency_replays_the_first_answer_and_refuses_a_different_request() {
    let cache = Cache::default();
    let first = request_hash("POST", "/v1/banks", b"{\"a\":1}");
    let other = request_hash("POST", "/v1/banks", b"{\"a\":2}");
    assert!(matches!(cache.begin("k", "1", first), Decision::Run));
    assert!(matches!(cache.begin("k", "1", first), Decision::InFlight));
    cache.finish("k", "1", 201, b"done".to_vec(), "application/json");
    match cache.begin("k", "1", first) {
        Decision::Replay(201, body, _) => assert_eq!(body, b"done"),
        _ => panic!("expected a replay"),
    }
    assert!(matches!(cache.begin("k", "1", other), Decision::Conflict));
    // Another caller's key of the same name is another key.
    assert!(matches!(cache.begin("j", "1", other), Decision::Run));
    cache.abandon("j", "1");
    assert!(matches!(cache.begin("j", "1", other), Decision::Run));
}

#[test]
fn json_errors_name_the_field() {
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        bic: String,
    }
    let e = serde_json::from_str::<Body>(r#"{"bic":"X","extra":1}"#).unwrap_err();
    assert_eq!(
        api::problem::from_json_error(&e).field.as_deref(),
        Some("extra")
    );
    let e = serde_json::from_str::<Body>(r#"{}"#).unwrap_err();
    assert_eq!(
        api::problem::from_json_error(&e).field.as_deref(),
        Some("bic")
    );
    let e = serde_json::from_str::<Body>(r#"{"bic":"#).unwrap_err();
    let p = api::problem::from_json_error(&e);
    assert_eq!((p.status.as_u16(), p.field), (400, None));
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
