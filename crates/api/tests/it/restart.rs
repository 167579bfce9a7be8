//! Idempotency across a real restart (the store closed and opened again) for the answers that
//! are not rebuilt from an applied command: a batch with mixed results, a refused request, a
//! retry with another body first, and the bounded windows of remembered keys and answers.

use crate::server::{Server, fresh, invoice, world};
use api::Limits;
use serde_json::{Value, json};

fn restart(s: Server, data: &std::path::Path, limits: Limits) -> Server {
    s.stop();
    Server::start(data, limits)
}

/// The batch's first answer (one item created, one refused: unknown debtor) comes back byte
/// for byte after a restart, even once the debtor exists, and the refused item is not written
/// then; so does a refused single request.
#[test]
fn a_batch_with_mixed_results_and_a_refusal_get_their_first_answers_after_a_restart() {
    let (_dir, data, k) = fresh();
    let s = Server::start(&data, Limits::default());
    world(&s, &k);
    let batch = json!({"obligations": [
        invoice("B3-1", "PK-A", "IR-X", "1.00", "PKR"),
        invoice("B3-2", "PK-LATER", "IR-X", "2.00", "PKR"),
    ]});
    let first = s.post_keyed(&k["MELIIRTH"], "/v1/obligations/batch", &batch, "batch-3");
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(first.json()["accepted"], 1);
    assert_eq!(first.json()["results"][1]["status"], 422);
    let single = invoice("S-1", "PK-LATER", "IR-X", "3.00", "PKR");
    let refused = s.post_keyed(&k["MELIIRTH"], "/v1/obligations", &single, "single-1");
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert_eq!(refused.json()["field"], "debtor");
    let s = restart(s, &data, Limits::default());
    // The debtor now exists: run again, both would succeed.
    let trader = json!({"id": "PK-LATER", "legal_name": "Later", "tax_id": "2222222", "country": "PK", "bank": "HABBPKKA"});
    assert_eq!(s.post(&k["HABBPKKA"], "/v1/traders", &trader).status, 201);
    let again = s.post_keyed(&k["MELIIRTH"], "/v1/obligations/batch", &batch, "batch-3");
    assert_eq!((again.status, again.text()), (200, first.text()));
    assert!(again.replayed);
    let again = s.post_keyed(&k["MELIIRTH"], "/v1/obligations", &single, "single-1");
    assert_eq!((again.status, again.text()), (422, refused.text()));
    assert!(again.replayed);
    for id in ["B3-2", "S-1"] {
        let read = s.get(&k["auditor"], &format!("/v1/obligations/{id}"));
        assert_eq!(
            read.status, 404,
            "{id} was refused and is not written by a retry"
        );
    }
    assert_eq!(s.get(&k["auditor"], "/v1/obligations/B3-1").status, 200);
    // And after another restart still (the answers are in the journal, not only in memory).
    let s = restart(s, &data, Limits::default());
    let again = s.post_keyed(&k["MELIIRTH"], "/v1/obligations/batch", &batch, "batch-3");
    assert_eq!(again.text(), first.text());
    s.stop();
}

/// After a restart, a retry with another body comes first: it is refused as a reused key (not
/// run, not remembered as the key's answer), and the retry with the original body then gets
/// the first answer.
#[test]
fn another_body_first_after_a_restart_is_refused_and_the_original_still_replays() {
    let (_dir, data, k) = fresh();
    let s = Server::start(&data, Limits::default());
    world(&s, &k);
    let batch = json!({"obligations": [
        invoice("B2-1", "PK-A", "IR-X", "1.00", "PKR"),
        invoice("B2-2", "PK-NOBODY", "IR-X", "1.00", "PKR"),
    ]});
    let first = s.post_keyed(&k["MELIIRTH"], "/v1/obligations/batch", &batch, "batch-2");
    assert_eq!(first.status, 200);
    let single = invoice("S-2", "PK-NOBODY", "IR-X", "1.00", "PKR");
    let refused = s.post_keyed(&k["MELIIRTH"], "/v1/obligations", &single, "single-2");
    assert_eq!(refused.status, 422);
    let s = restart(s, &data, Limits::default());
    let other_batch = json!({"obligations": [
        invoice("B2-9", "PK-A", "IR-X", "9.00", "PKR"),
    ]});
    let other_single = invoice("S-9", "PK-A", "IR-X", "9.00", "PKR");
    for (path, body, key) in [
        ("/v1/obligations/batch", &other_batch, "batch-2"),
        ("/v1/obligations", &other_single, "single-2"),
    ] {
        let other = s.post_keyed(&k["MELIIRTH"], path, body, key);
        assert_eq!(
            (other.status, other.json()["type"].clone()),
            (422, json!("/problems/idempotency-key-reused")),
            "{path}: {}",
            other.text()
        );
    }
    for id in ["B2-9", "S-9"] {
        assert_eq!(
            s.get(&k["auditor"], &format!("/v1/obligations/{id}"))
                .status,
            404
        );
    }
    let again = s.post_keyed(&k["MELIIRTH"], "/v1/obligations/batch", &batch, "batch-2");
    assert_eq!((again.status, again.text()), (200, first.text()));
    let again = s.post_keyed(&k["MELIIRTH"], "/v1/obligations", &single, "single-2");
    assert_eq!((again.status, again.text()), (422, refused.text()));
    s.stop();
}

/// The windows, with small limits: the answers of the last 2 keys are kept and the last 4 keys
/// remembered. A retry within the answers gets the first answer; a remembered key whose answer
/// is gone is 422 expired and not applied again; an older key is forgotten and its retry runs
/// as a new request (here: funds again). The same holds after a restart (the windows are
/// rebuilt from the journal).
#[test]
fn the_remembered_window_is_bounded_as_documented() {
    let (_dir, data, k) = fresh();
    let limits = Limits {
        answers_max: 2,
        keys_max: 4,
        ..Limits::default()
    };
    let s = Server::start(&data, limits);
    world(&s, &k);
    let fund = json!({"amount": {"amount": "1.00", "currency": "PKR"}});
    let path = "/v1/banks/HABBPKKA/funding";
    let balance = |s: &Server| -> Value {
        s.get(&k["auditor"], "/v1/banks/HABBPKKA").json()["account"].clone()
    };
    let account = balance(&s);
    let funds = |s: &Server| -> String {
        let a = s.get(
            &k["auditor"],
            &format!("/v1/accounts/{}", account.as_str().unwrap()),
        );
        a.json()["balance"]["amount"].as_str().unwrap().to_string()
    };
    let mut first = Vec::new();
    for n in 1..=6 {
        let r = s.post_keyed(&k["cb-PKR"], path, &fund, &format!("f{n}"));
        assert_eq!(r.status, 201);
        first.push(r);
    }
    let start = funds(&s);
    let check = |s: &Server, start: &str| {
        // f6: its answer is kept.
        let r = s.post_keyed(&k["cb-PKR"], path, &fund, "f6");
        assert_eq!(
            (r.status, r.text(), r.replayed),
            (201, first[5].text(), true)
        );
        // f3: remembered (f3..f6), its answer gone: expired, not applied.
        let r = s.post_keyed(&k["cb-PKR"], path, &fund, "f3");
        assert_eq!(
            (r.status, r.json()["type"].clone()),
            (422, json!("/problems/idempotency-key-expired")),
            "{}",
            r.text()
        );
        assert_eq!(funds(s), start, "an expired key is not applied again");
    };
    check(&s, &start);
    let s = restart(s, &data, limits);
    check(&s, &start);
    // f1: forgotten (older than the last 4 keys): runs as a new request.
    let r = s.post_keyed(&k["cb-PKR"], path, &fund, "f1");
    assert_eq!((r.status, r.replayed), (201, false));
    assert_ne!(r.text(), first[0].text(), "a new transfer");
    assert_ne!(funds(&s), start, "applied again: the documented bound");
    s.stop();
}
