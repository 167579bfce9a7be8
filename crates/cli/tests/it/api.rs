//! The HTTP API end to end: the real `corridor serve` on loopback with its real store, driven by
//! the demo; the whole authorisation matrix with exact statuses and what each role's lists
//! hold; a table of malformed requests on every POST, each leaving the state unchanged;
//! idempotent retries across a restart; `kill -9` during single obligations, batches, actions
//! and cycles at once; SIGTERM with a stalled client and a write in flight; keys listed,
//! revoked and reloaded without a restart; logs and readiness. Every answer that comes through
//! a `checked` client is held to the OpenAPI document (status documented, body fits).

use api::client::{Client, Reply};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(data: &Path) -> Server {
        Server::start_with(data, &[], None)
    }

    /// With extra `serve` flags; its log (stderr) to `log` if given.
    fn start_with(data: &Path, extra: &[&str], log: Option<&Path>) -> Server {
        let stderr = match log {
            Some(path) => Stdio::from(std::fs::File::create(path).unwrap()),
            None => Stdio::null(),
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--threads",
                "2",
                "--data-dir",
            ])
            .arg(data)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Server { child, url }
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// SIGTERM; returns how long the process took to exit (cleanly).
    fn stop(mut self) -> Duration {
        let started = Instant::now();
        self.signal("-TERM");
        let status = self.child.wait().unwrap();
        assert!(status.success(), "graceful shutdown exits 0: {status}");
        started.elapsed()
    }

    fn kill(mut self) {
        self.child.kill().unwrap();
        let _ = self.child.wait();
    }

    fn address(&self) -> String {
        self.url.trim_start_matches("http://").to_string()
    }
}

/// A test that fails does not leave its server running.
impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn keys(data: &Path, dir: &Path) -> Value {
    let out = dir.join("keys.json");
    let status = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["admin", "demo-keys", "--data-dir"])
        .arg(data)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap()
}

/// A role's key from the demo's key file: "operator", "auditor", "cb-PKR", "cb-IRR", a BIC;
/// "none" and "bad" for no key and an unknown one.
fn key_of(keys: &Value, who: &str) -> Option<String> {
    match who {
        "none" => None,
        "bad" => Some("cor_000000000000_00".into()),
        "operator" | "auditor" => keys[who].as_str().map(str::to_string),
        "cb-PKR" => keys["central_banks"]["PKR"].as_str().map(str::to_string),
        "cb-IRR" => keys["central_banks"]["IRR"].as_str().map(str::to_string),
        bic => keys["banks"][bic].as_str().map(str::to_string),
    }
}

/// A client whose every answer is held to the OpenAPI document.
fn client(url: &str, keys: &Value, who: &str) -> Client {
    Client::new(url, key_of(keys, who).as_deref()).checked()
}

fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400;
    corridor::workflow::date_text(days as u32)
}

fn invoice(id: &str, debtor: &str, creditor: &str, amount: &str) -> Value {
    let day = today();
    json!({"id": id, "debtor": debtor, "creditor": creditor, "amount": {"amount": amount, "currency": "PKR"}, "hs_code": "100630", "issued": day, "due": day})
}

/// POSTs and insists on a 2xx.
fn post_ok(
    rt: &tokio::runtime::Runtime,
    url: &str,
    keys: &Value,
    who: &str,
    path: &str,
    body: Value,
) -> Reply {
    let reply = rt
        .block_on(client(url, keys, who).post(path, &body))
        .unwrap();
    assert!(
        reply.status == 200 || reply.status == 201,
        "{who} POST {path}: {} {}",
        reply.status,
        reply.text()
    );
    reply
}

/// The demo through the API gives the same cycle reports as the demo on the embedded store, and
/// the server's store verifies after a graceful shutdown.
#[test]
fn the_demo_through_the_api_matches_the_embedded_demo() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    keys(&data, dir.path());
    let server = Server::start(&data);
    let start = today();
    let over_http = dir.path().join("http.json");
    let output = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args([
            "demo",
            "--invoices",
            "800",
            "--server",
            &server.url,
            "--keys",
        ])
        .arg(dir.path().join("keys.json"))
        .arg("--json")
        .arg(&over_http)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    server.stop();
    let embedded = dir.path().join("embedded.json");
    let status = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args([
            "demo",
            "--invoices",
            "800",
            "--one-day",
            "--start",
            &start,
            "--json",
        ])
        .arg(&embedded)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let a: Value = serde_json::from_slice(&std::fs::read(&over_http).unwrap()).unwrap();
    let b: Value = serde_json::from_slice(&std::fs::read(&embedded).unwrap()).unwrap();
    assert_eq!(
        a["cycles"], b["cycles"],
        "the same cycles, figure for figure"
    );
    assert_eq!(a["statement"], b["statement"]);
    let verify = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["verify", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(verify.status.success());
}

/// A small world: the corridor; HBL and UBL (PKR), Melli (IRR), funded; a fix; traders PK-A and
/// PK-B at HBL, IR-X at Melli; INV-1 (PK-A owes IR-X) and INV-D (PK-B owes PK-A), accepted.
fn world(rt: &tokio::runtime::Runtime, url: &str, keys: &Value) {
    let day = today();
    let steps: Vec<(&str, &str, Value)> = vec![
        (
            "operator",
            "/v1/corridor",
            json!({
                "name": "PK-IR",
                "sides": [
                    {"country": "PK", "currency": "PKR", "central_bank": "SBPPPKKA", "central_bank_name": "State Bank of Pakistan"},
                    {"country": "IR", "currency": "IRR", "central_bank": "BMJIIRTH", "central_bank_name": "Central Bank of Iran"}
                ],
                "cut_off": "11:00", "swap_line": {"amount": "1000000.00", "currency": "PKR"},
                "hs_allow": [], "hs_deny": ["93"], "hs_default": "allow",
                "barter_window_days": 120, "barter_tolerance_percent": 20
            }),
        ),
        (
            "cb-PKR",
            "/v1/banks",
            json!({"bic": "HABBPKKA", "name": "HBL", "country": "PK", "net_debit_cap": {"amount": "1000.00", "currency": "PKR"}}),
        ),
        (
            "cb-IRR",
            "/v1/banks",
            json!({"bic": "MELIIRTH", "name": "Melli", "country": "IR", "net_debit_cap": {"amount": "1000.00", "currency": "IRR"}}),
        ),
        (
            "cb-PKR",
            "/v1/banks",
            json!({"bic": "UNILPKKA", "name": "UBL", "country": "PK", "net_debit_cap": {"amount": "0", "currency": "PKR"}}),
        ),
        (
            "cb-PKR",
            "/v1/banks/HABBPKKA/funding",
            json!({"amount": {"amount": "5000.00", "currency": "PKR"}}),
        ),
        (
            "cb-IRR",
            "/v1/banks/MELIIRTH/funding",
            json!({"amount": {"amount": "50000000.00", "currency": "IRR"}}),
        ),
        (
            "cb-PKR",
            "/v1/rate-fixes",
            json!({"value_date": day, "rate": "4163.85", "source": "test"}),
        ),
        (
            "HABBPKKA",
            "/v1/traders",
            json!({"id": "PK-A", "legal_name": "Al-Noor Rice Mills", "original_name": "النور رائس ملز", "tax_id": "1234567-8", "country": "PK", "bank": "HABBPKKA"}),
        ),
        (
            "HABBPKKA",
            "/v1/traders",
            json!({"id": "PK-B", "legal_name": "B", "tax_id": "7654321", "country": "PK", "bank": "HABBPKKA"}),
        ),
        (
            "MELIIRTH",
            "/v1/traders",
            json!({"id": "IR-X", "legal_name": "Pars Trading", "tax_id": corridor::participants::iran_national_id(5), "country": "IR", "bank": "MELIIRTH"}),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            invoice("INV-1", "PK-A", "IR-X", "100.00"),
        ),
        ("HABBPKKA", "/v1/obligations/INV-1/accept", json!({})),
        (
            "HABBPKKA",
            "/v1/obligations",
            invoice("INV-D", "PK-B", "PK-A", "1.00"),
        ),
        ("HABBPKKA", "/v1/obligations/INV-D/accept", json!({})),
    ];
    for (who, path, body) in steps {
        post_ok(rt, url, keys, who, path, body);
    }
}

/// What the auditor can list: the state a refused request must leave alone.
fn snapshot(rt: &tokio::runtime::Runtime, url: &str, keys: &Value) -> String {
    let auditor = client(url, keys, "auditor");
    [
        "/v1/banks?limit=1000",
        "/v1/traders?limit=1000",
        "/v1/obligations?limit=1000",
        "/v1/rate-fixes",
        "/v1/cycles",
        "/v1/accounts?limit=1000",
    ]
    .iter()
    .map(|p| rt.block_on(auditor.get(p)).unwrap().text())
    .collect::<Vec<_>>()
    .join("\n")
}

const ROLES: [&str; 7] = [
    "operator", "auditor", "cb-PKR", "cb-IRR", "HABBPKKA", "MELIIRTH", "UNILPKKA",
];

/// Every role and every endpoint, own and foreign objects, every obligation action, with the
/// exact status each gets (a business refusal where the step is the role's but not now, 403
/// where the role may see but not do, 404 where it may not even know), 401 for no key and a
/// bad one; then what each role's lists hold.
#[test]
fn the_whole_authorisation_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = keys(&data, dir.path());
    let server = Server::start(&data);
    let rt = runtime();
    let url = server.url.clone();
    world(&rt, &url, &keys);
    let day = today();
    post_ok(
        &rt,
        &url,
        &keys,
        "operator",
        "/v1/cycles",
        json!({"value_date": day}),
    );
    // Obligations in the states the actions need: Melli's customer IR-X invoices PK-A (HBL).
    for id in [
        "A-ACC", "A-REJ", "A-DIS", "A-RES", "A-UPH", "A-CAN", "A-WDC",
    ] {
        post_ok(
            &rt,
            &url,
            &keys,
            "MELIIRTH",
            "/v1/obligations",
            invoice(id, "PK-A", "IR-X", "1.00"),
        );
        if !matches!(id, "A-ACC" | "A-REJ") {
            post_ok(
                &rt,
                &url,
                &keys,
                "HABBPKKA",
                &format!("/v1/obligations/{id}/accept"),
                json!({}),
            );
        }
    }
    post_ok(
        &rt,
        &url,
        &keys,
        "HABBPKKA",
        "/v1/obligations/A-RES/dispute",
        json!({}),
    );
    post_ok(
        &rt,
        &url,
        &keys,
        "HABBPKKA",
        "/v1/obligations/A-UPH/dispute",
        json!({}),
    );
    post_ok(
        &rt,
        &url,
        &keys,
        "HABBPKKA",
        "/v1/obligations/A-WDC/cancel",
        json!({}),
    );
    let hbl_account = rt
        .block_on(client(&url, &keys, "auditor").get("/v1/banks/HABBPKKA"))
        .unwrap()
        .json()["account"]
        .as_str()
        .unwrap()
        .to_string();
    let corridor_body = json!({"name": "PK-IR", "sides": [
        {"country": "PK", "currency": "PKR", "central_bank": "SBPPPKKA", "central_bank_name": "SBP"},
        {"country": "IR", "currency": "IRR", "central_bank": "BMJIIRTH", "central_bank_name": "CBI"}
    ], "cut_off": "11:00", "swap_line": {"amount": "1", "currency": "PKR"}, "hs_allow": [], "hs_deny": [], "hs_default": "allow"});
    let all = [200; 7];
    let hbl_side = [200, 200, 200, 404, 200, 404, 404];
    let melli_side = [200, 200, 404, 200, 404, 200, 404];
    let act = |by_hbl: u16, by_melli: u16| [403, 403, 403, 403, by_hbl, by_melli, 404];
    let statement = |bic: &str| format!("/v1/banks/{bic}/statement?from={day}&to={day}");
    // (method, path, body, statuses for ROLES in order); every row also gets 401 for no key
    // and for an unknown one.
    let matrix: Vec<(&str, String, Option<Value>, [u16; 7])> = vec![
        ("GET", "/v1/corridor".into(), None, all),
        (
            "POST",
            "/v1/corridor".into(),
            Some(corridor_body),
            [422, 403, 403, 403, 403, 403, 403],
        ),
        ("GET", "/v1/banks".into(), None, all),
        (
            "POST",
            "/v1/banks".into(),
            Some(
                json!({"bic": "MEZNPKKA", "name": "Meezan", "country": "PK", "net_debit_cap": {"amount": "0", "currency": "PKR"}}),
            ),
            [201, 403, 201, 403, 403, 403, 403],
        ),
        ("GET", "/v1/banks/HABBPKKA".into(), None, hbl_side),
        ("GET", "/v1/banks/MELIIRTH".into(), None, melli_side),
        (
            "POST",
            "/v1/banks/HABBPKKA/funding".into(),
            Some(json!({"amount": {"amount": "1.00", "currency": "PKR"}})),
            [201, 403, 201, 404, 403, 404, 404],
        ),
        (
            "POST",
            "/v1/banks/MELIIRTH/funding".into(),
            Some(json!({"amount": {"amount": "1.00", "currency": "IRR"}})),
            [201, 403, 404, 201, 404, 403, 404],
        ),
        ("GET", statement("HABBPKKA"), None, hbl_side),
        ("GET", statement("MELIIRTH"), None, melli_side),
        ("GET", "/v1/traders".into(), None, all),
        (
            "POST",
            "/v1/traders".into(),
            Some(
                json!({"id": "PK-C", "legal_name": "C", "tax_id": "1111111", "country": "PK", "bank": "HABBPKKA"}),
            ),
            [201, 403, 403, 403, 201, 403, 403],
        ),
        ("GET", "/v1/traders/PK-A".into(), None, hbl_side),
        ("GET", "/v1/traders/IR-X".into(), None, melli_side),
        ("GET", "/v1/rate-fixes".into(), None, all),
        (
            "POST",
            "/v1/rate-fixes".into(),
            Some(json!({"value_date": day, "rate": "4163.85", "source": "test"})),
            [201, 403, 201, 201, 403, 403, 403],
        ),
        ("GET", "/v1/obligations".into(), None, all),
        (
            "POST",
            "/v1/obligations".into(),
            Some(invoice("INV-M", "PK-A", "IR-X", "1.00")),
            [422, 403, 403, 403, 422, 201, 422],
        ),
        (
            "POST",
            "/v1/obligations/batch".into(),
            Some(json!({"obligations": [invoice("INV-M", "PK-A", "IR-X", "1.00")]})),
            [200, 403, 403, 403, 200, 200, 200],
        ),
        (
            "GET",
            "/v1/obligations/INV-1".into(),
            None,
            [200, 200, 200, 200, 200, 200, 404],
        ),
        ("GET", "/v1/obligations/INV-D".into(), None, hbl_side),
        (
            "POST",
            "/v1/obligations/A-ACC/accept".into(),
            None,
            act(200, 403),
        ),
        (
            "POST",
            "/v1/obligations/A-REJ/reject".into(),
            None,
            act(200, 403),
        ),
        (
            "POST",
            "/v1/obligations/A-DIS/dispute".into(),
            None,
            act(200, 422),
        ),
        (
            "POST",
            "/v1/obligations/A-RES/resolve".into(),
            None,
            act(200, 422),
        ),
        (
            "POST",
            "/v1/obligations/A-UPH/uphold".into(),
            None,
            act(403, 200),
        ),
        (
            "POST",
            "/v1/obligations/A-CAN/cancel".into(),
            None,
            act(200, 200),
        ),
        (
            "POST",
            "/v1/obligations/A-WDC/withdraw-cancel".into(),
            None,
            act(200, 422),
        ),
        (
            "POST",
            "/v1/obligations/A-ACC/fly".into(),
            None,
            act(404, 404),
        ),
        (
            "POST",
            "/v1/obligations/INV-D/dispute".into(),
            Some(json!({})),
            [403, 403, 403, 404, 422, 404, 404],
        ),
        // The role is checked before the body: a role that may not make the request gets 403
        // whatever it sends; one that may gets the body's problem.
        (
            "POST",
            "/v1/obligations/INV-1/accept".into(),
            Some(json!({"x": 1})),
            [403, 403, 403, 403, 400, 403, 404],
        ),
        (
            "POST",
            "/v1/corridor".into(),
            Some(json!({})),
            [400, 403, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/v1/banks".into(),
            Some(json!({})),
            [400, 403, 400, 400, 403, 403, 403],
        ),
        (
            "POST",
            "/v1/banks/HABBPKKA/funding".into(),
            Some(json!({})),
            [400, 403, 400, 404, 403, 404, 404],
        ),
        (
            "POST",
            "/v1/traders".into(),
            Some(json!({})),
            [400, 403, 403, 403, 400, 400, 400],
        ),
        (
            "POST",
            "/v1/rate-fixes".into(),
            Some(json!({})),
            [400, 403, 400, 400, 403, 403, 403],
        ),
        (
            "POST",
            "/v1/obligations".into(),
            Some(json!({})),
            [400, 403, 403, 403, 400, 400, 400],
        ),
        (
            "POST",
            "/v1/obligations/batch".into(),
            Some(json!({})),
            [400, 403, 403, 403, 400, 400, 400],
        ),
        (
            "GET",
            "/v1/journal/verification".into(),
            None,
            [404, 404, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/v1/journal/verification".into(),
            None,
            [202, 202, 403, 403, 403, 403, 403],
        ),
        ("GET", "/v1/cycles".into(), None, all),
        ("GET", "/v1/cycles/1".into(), None, all),
        ("GET", "/v1/cycles/1/set-off".into(), None, all),
        ("GET", "/v1/cycles/9".into(), None, [404; 7]),
        ("GET", "/v1/accounts".into(), None, all),
        ("GET", format!("/v1/accounts/{hbl_account}"), None, hbl_side),
        (
            "GET",
            format!("/v1/accounts/{hbl_account}/transfers"),
            None,
            hbl_side,
        ),
        (
            "GET",
            format!("/v1/accounts/{hbl_account}/history"),
            None,
            hbl_side,
        ),
        (
            "GET",
            format!("/v1/accounts/{hbl_account}/statement?from={day}&to={day}"),
            None,
            hbl_side,
        ),
        ("GET", format!("/v1/barter-window?until={day}"), None, all),
        (
            "GET",
            format!("/v1/barter-window?until={day}&trader=PK-A"),
            None,
            hbl_side,
        ),
        (
            "GET",
            "/metrics".into(),
            None,
            [200, 200, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            "/v1/cycles".into(),
            Some(json!({"value_date": day})),
            [201, 403, 403, 403, 403, 403, 403],
        ),
    ];
    let mut failures = Vec::new();
    let mut cases = 0;
    for (method, path, body, expected) in &matrix {
        let whom = [("none", 401), ("bad", 401)]
            .into_iter()
            .chain(ROLES.iter().copied().zip(expected.iter().copied()));
        for (who, want) in whom {
            let reply = rt.block_on(client(&url, &keys, who).send(
                method,
                path,
                body.as_ref().map(|b| b.to_string().into_bytes()),
                &[],
            ));
            cases += 1;
            match reply {
                Ok(reply) if reply.status == want => {
                    if want >= 400 {
                        assert_eq!(reply.content_type, "application/problem+json");
                    }
                }
                Ok(reply) => failures.push(format!(
                    "{who:>9} {method} {path}: {} (expected {want}) {}",
                    reply.status,
                    reply.text()
                )),
                Err(e) => failures.push(format!("{who:>9} {method} {path}: {e}")),
            }
        }
    }
    // Unauthenticated endpoints answer everyone.
    for path in ["/healthz", "/readyz", "/openapi.json", "/docs"] {
        let reply = rt.block_on(client(&url, &keys, "none").get(path)).unwrap();
        assert_eq!(reply.status, 200, "{path}");
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // What each role's lists hold.
    let list = |who: &str, path: &str, field: &str| -> BTreeSet<String> {
        let page = rt
            .block_on(client(&url, &keys, who).get(&format!("{path}?limit=1000")))
            .unwrap()
            .json();
        assert_eq!(page["next_cursor"], Value::Null);
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i[field].as_str().unwrap().to_string())
            .collect()
    };
    let set =
        |items: &[&str]| -> BTreeSet<String> { items.iter().map(|s| s.to_string()).collect() };
    let every_bank = set(&["HABBPKKA", "MELIIRTH", "MEZNPKKA", "UNILPKKA"]);
    for (who, banks) in [
        ("operator", every_bank.clone()),
        ("auditor", every_bank),
        ("cb-PKR", set(&["HABBPKKA", "MEZNPKKA", "UNILPKKA"])),
        ("cb-IRR", set(&["MELIIRTH"])),
        ("HABBPKKA", set(&["HABBPKKA"])),
        ("MELIIRTH", set(&["MELIIRTH"])),
        ("UNILPKKA", set(&["UNILPKKA"])),
    ] {
        assert_eq!(list(who, "/v1/banks", "bic"), banks, "{who}'s banks");
    }
    let pk = set(&["PK-A", "PK-B", "PK-C"]);
    for (who, traders) in [
        ("auditor", set(&["PK-A", "PK-B", "PK-C", "IR-X"])),
        ("cb-PKR", pk.clone()),
        ("cb-IRR", set(&["IR-X"])),
        ("HABBPKKA", pk),
        ("MELIIRTH", set(&["IR-X"])),
        ("UNILPKKA", set(&[])),
    ] {
        assert_eq!(list(who, "/v1/traders", "id"), traders, "{who}'s traders");
    }
    // Obligations: a bank where it is the debtor's or creditor's bank; a central bank where its
    // currency is touched; the auditor all of them.
    let everything = rt
        .block_on(client(&url, &keys, "auditor").get("/v1/obligations?limit=1000"))
        .unwrap()
        .json();
    let everything = everything["items"].as_array().unwrap();
    let of = |keep: &dyn Fn(&Value) -> bool| -> BTreeSet<String> {
        everything
            .iter()
            .filter(|o| keep(o))
            .map(|o| o["id"].as_str().unwrap().to_string())
            .collect()
    };
    let banks_of = |o: &Value| [o["debtor_bank"].clone(), o["creditor_bank"].clone()];
    for bank in ["HABBPKKA", "MELIIRTH", "UNILPKKA"] {
        assert_eq!(
            list(bank, "/v1/obligations", "id"),
            of(&|o| banks_of(o).contains(&json!(bank))),
            "{bank}'s obligations"
        );
    }
    assert_eq!(
        list("cb-IRR", "/v1/obligations", "id"),
        of(&|o| banks_of(o).contains(&json!("MELIIRTH")) || o["amount"]["currency"] == "IRR"),
    );
    assert_eq!(
        list("cb-PKR", "/v1/obligations", "id").len(),
        everything.len()
    );
    assert!(list("UNILPKKA", "/v1/obligations", "id").is_empty());
    // Accounts: a bank its own; a central bank its currency's.
    assert_eq!(
        list("HABBPKKA", "/v1/accounts", "account"),
        set(&[&hbl_account])
    );
    let irr = rt
        .block_on(client(&url, &keys, "cb-IRR").get("/v1/accounts?limit=1000"))
        .unwrap()
        .json();
    assert!(
        irr["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["currency"] == "IRR")
    );
    server.stop();
}

/// A table of malformed and refused requests on every POST: each answered with problem+json
/// naming the field (or none, for a body that is not JSON at all), and the state unchanged.
#[test]
fn every_post_refuses_bad_input_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = keys(&data, dir.path());
    let server = Server::start(&data);
    let rt = runtime();
    let url = server.url.clone();
    world(&rt, &url, &keys);
    let day = today();
    let big = format!("{{\"x\": \"{}\"}}", "y".repeat(api::BODY_MAX));
    // The body with the value at `pointer` set (added if absent).
    let with = |base: &Value, pointer: &str, value: Value| {
        let mut v = base.clone();
        let (parent, name) = pointer.rsplit_once('/').unwrap();
        v.pointer_mut(parent).unwrap()[name] = value;
        v.to_string()
    };
    let plus = |base: &Value, name: &str, value: Value| {
        let mut v = base.clone();
        v[name] = value;
        v.to_string()
    };
    let bank = json!({"bic": "ALFHPKKA", "name": "Alfalah", "country": "PK", "net_debit_cap": {"amount": "10.00", "currency": "PKR"}});
    let fund = json!({"amount": {"amount": "1.00", "currency": "PKR"}});
    let trader = json!({"id": "PK-N", "legal_name": "N", "tax_id": "2222222", "country": "PK", "bank": "HABBPKKA"});
    let fix = json!({"value_date": day, "rate": "4163.85", "source": "x"});
    let inv = invoice("N-1", "PK-A", "IR-X", "1.00");
    let domestic = invoice("N-2", "PK-B", "PK-A", "1.00");
    // (who, path, body, status, field)
    let mut cases: Vec<(&str, &str, String, u16, Option<&str>)> = Vec::new();
    // Not JSON, not an object, too big: on every POST.
    for (who, path) in [
        ("operator", "/v1/corridor"),
        ("cb-PKR", "/v1/banks"),
        ("cb-PKR", "/v1/banks/HABBPKKA/funding"),
        ("HABBPKKA", "/v1/traders"),
        ("cb-PKR", "/v1/rate-fixes"),
        ("MELIIRTH", "/v1/obligations"),
        ("MELIIRTH", "/v1/obligations/batch"),
        ("HABBPKKA", "/v1/obligations/INV-1/dispute"),
        ("operator", "/v1/cycles"),
    ] {
        cases.push((who, path, "{,}".into(), 400, None));
        cases.push((who, path, "{\"".into(), 400, None));
        cases.push((who, path, "[1, 2]".into(), 400, None));
        cases.push((
            who,
            path,
            "{\"colour\": \"red\"}".into(),
            400,
            Some("colour"),
        ));
        cases.push((who, path, big.clone(), 413, None));
    }
    let more: Vec<(&str, &str, String, u16, Option<&str>)> = vec![
        // The corridor is configured once; wrong types name the field.
        (
            "operator",
            "/v1/corridor",
            plus(&json!({}), "name", json!(5)),
            400,
            Some("name"),
        ),
        // Banks: BIC, cap, the currency of the bank's country.
        (
            "cb-PKR",
            "/v1/banks",
            with(&bank, "/bic", json!("ALFH1KKA")),
            422,
            Some("bic"),
        ),
        (
            "cb-PKR",
            "/v1/banks",
            with(&bank, "/bic", json!("ALFHIRTH")),
            422,
            Some("bic"),
        ),
        (
            "cb-PKR",
            "/v1/banks",
            with(&bank, "/net_debit_cap/amount", json!("-1")),
            422,
            Some("net_debit_cap"),
        ),
        (
            "cb-PKR",
            "/v1/banks",
            with(&bank, "/net_debit_cap/amount", json!("1.001")),
            422,
            Some("net_debit_cap"),
        ),
        (
            "cb-PKR",
            "/v1/banks",
            with(&bank, "/net_debit_cap/amount", json!(10)),
            400,
            Some("net_debit_cap.amount"),
        ),
        (
            "operator",
            "/v1/banks",
            with(&bank, "/net_debit_cap/currency", json!("IRR")),
            422,
            Some("currency"),
        ),
        (
            "cb-PKR",
            "/v1/banks",
            with(&bank, "/country", json!("DE")),
            422,
            Some("country"),
        ),
        // Funding: positive, exact, in the bank's currency.
        (
            "cb-PKR",
            "/v1/banks/HABBPKKA/funding",
            with(&fund, "/amount/amount", json!("-5.00")),
            422,
            Some("amount"),
        ),
        (
            "cb-PKR",
            "/v1/banks/HABBPKKA/funding",
            with(&fund, "/amount/amount", json!("1.001")),
            422,
            Some("amount"),
        ),
        (
            "cb-PKR",
            "/v1/banks/HABBPKKA/funding",
            with(&fund, "/amount/amount", json!("1e5")),
            422,
            Some("amount"),
        ),
        (
            "cb-PKR",
            "/v1/banks/HABBPKKA/funding",
            with(&fund, "/amount/currency", json!("IRR")),
            422,
            Some("amount.currency"),
        ),
        (
            "cb-PKR",
            "/v1/banks/HABBPKKA/funding",
            with(&fund, "/amount/amount", json!(1.0)),
            400,
            Some("amount.amount"),
        ),
        // Traders: id, tax id, country, the bank's country.
        (
            "HABBPKKA",
            "/v1/traders",
            with(&trader, "/id", json!("has space")),
            422,
            Some("id"),
        ),
        (
            "HABBPKKA",
            "/v1/traders",
            with(&trader, "/tax_id", json!("12")),
            422,
            Some("tax_id"),
        ),
        (
            "HABBPKKA",
            "/v1/traders",
            with(&trader, "/country", json!("IR")),
            422,
            Some("tax_id"),
        ),
        (
            "HABBPKKA",
            "/v1/traders",
            with(&trader, "/legal_name", json!("")),
            422,
            Some("legal_name"),
        ),
        // Rate fixes: date, rate, source.
        (
            "cb-PKR",
            "/v1/rate-fixes",
            with(&fix, "/value_date", json!("2000-01-01")),
            422,
            Some("value_date"),
        ),
        (
            "cb-PKR",
            "/v1/rate-fixes",
            with(&fix, "/value_date", json!("01/01/2030")),
            422,
            Some("value_date"),
        ),
        (
            "cb-PKR",
            "/v1/rate-fixes",
            with(&fix, "/rate", json!("-1")),
            422,
            Some("rate"),
        ),
        (
            "cb-PKR",
            "/v1/rate-fixes",
            with(&fix, "/rate", json!("4000")),
            422,
            Some("rate"),
        ),
        (
            "cb-PKR",
            "/v1/rate-fixes",
            with(&fix, "/source", json!(" ")),
            422,
            Some("source"),
        ),
        // Obligations: amounts, HS codes, parties, currencies, ids.
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/amount/amount", json!("-5.00")),
            422,
            Some("amount"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/amount/amount", json!("1.001")),
            422,
            Some("amount"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/amount/amount", json!("1e5")),
            422,
            Some("amount"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/amount/amount", json!(1.0)),
            400,
            Some("amount.amount"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/hs_code", json!("999999")),
            422,
            Some("hs_code"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/hs_code", json!("930190")),
            422,
            Some("hs_code"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/hs_code", json!("12")),
            422,
            Some("hs_code"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/hs_code", Value::Null),
            422,
            Some("hs_code"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/debtor", json!("PK-NOBODY")),
            422,
            Some("debtor"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/debtor", json!("IR-X")),
            422,
            Some("creditor"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/amount/currency", json!("USD")),
            422,
            Some("currency"),
        ),
        (
            "HABBPKKA",
            "/v1/obligations",
            with(&domestic, "/amount/currency", json!("IRR")),
            422,
            Some("currency"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/due", json!("2000-01-01")),
            422,
            Some("due"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/id", json!("INV-1")),
            409,
            Some("id"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations",
            with(&inv, "/submitted_by", json!("HABBPKKA")),
            403,
            None,
        ),
        (
            "MELIIRTH",
            "/v1/obligations/batch",
            json!({"obligations": []}).to_string(),
            422,
            Some("obligations"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations/batch",
            json!({"obligations": vec![inv.clone(); api::BATCH_ITEMS_MAX + 1]}).to_string(),
            422,
            Some("obligations"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations/batch",
            json!({"obligations": 5}).to_string(),
            400,
            Some("obligations"),
        ),
        // Actions: the body is empty or {}; a step that is not the bank's now.
        (
            "HABBPKKA",
            "/v1/obligations/INV-1/accept",
            "{}".into(),
            422,
            Some("action"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations/INV-1/resolve",
            "{}".into(),
            422,
            Some("action"),
        ),
        // Cycles: a value date that is a date.
        (
            "operator",
            "/v1/cycles",
            json!({"value_date": "2026-02-30"}).to_string(),
            422,
            Some("value_date"),
        ),
        (
            "operator",
            "/v1/cycles",
            json!({"value_date": 5}).to_string(),
            400,
            Some("value_date"),
        ),
    ];
    cases.extend(more);
    let before = snapshot(&rt, &url, &keys);
    let mut failures = Vec::new();
    for (who, path, body, status, field) in &cases {
        let shown: String = body.chars().take(100).collect();
        let reply = rt
            .block_on(client(&url, &keys, who).send(
                "POST",
                path,
                Some(body.clone().into_bytes()),
                &[],
            ))
            .unwrap();
        let problem = reply.json();
        if reply.status != *status
            || reply.content_type != "application/problem+json"
            || problem["field"].as_str() != *field
            || !problem["type"]
                .as_str()
                .unwrap_or("")
                .starts_with("/problems/")
        {
            failures.push(format!(
                "{who} POST {path} {shown}: {} {} (expected {status} {field:?})",
                reply.status,
                reply.text().chars().take(300).collect::<String>()
            ));
        }
        let after = snapshot(&rt, &url, &keys);
        if after != before {
            failures.push(format!("{who} POST {path} {shown}: the state changed"));
        }
    }
    // A batch whose every item is bad is answered 200 with a problem per item, nothing stored.
    let items = [
        with(&inv, "/amount/amount", json!("-1")),
        with(&inv, "/hs_code", json!("930190")),
        with(&inv, "/debtor", json!("IR-X")),
    ];
    let items: Vec<Value> = items
        .iter()
        .map(|i| serde_json::from_str(i).unwrap())
        .collect();
    let reply = rt
        .block_on(
            client(&url, &keys, "MELIIRTH")
                .post("/v1/obligations/batch", &json!({"obligations": items})),
        )
        .unwrap();
    assert_eq!(reply.status, 200);
    let fields: Vec<Value> = reply.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["problem"]["field"].clone())
        .collect();
    assert_eq!(
        fields,
        vec![json!("amount"), json!("hs_code"), json!("creditor")]
    );
    assert_eq!(
        snapshot(&rt, &url, &keys),
        before,
        "a refused batch stores nothing"
    );
    server.stop();
    assert!(
        failures.is_empty(),
        "{} of {} cases wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Retries with the same key get the first answer, also across a restart of the real server.
#[test]
fn idempotent_retries_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = keys(&data, dir.path());
    let server = Server::start(&data);
    let rt = runtime();
    world(&rt, &server.url, &keys);
    let melli = client(&server.url, &keys, "MELIIRTH");
    let first = rt
        .block_on(melli.post_idempotent(
            "/v1/obligations",
            &invoice("INV-9", "PK-A", "IR-X", "5.00"),
            "retry-1",
        ))
        .unwrap();
    let again = rt
        .block_on(melli.post_idempotent(
            "/v1/obligations",
            &invoice("INV-9", "PK-A", "IR-X", "5.00"),
            "retry-1",
        ))
        .unwrap();
    assert_eq!((first.status, again.status), (201, 201));
    assert_eq!(first.body, again.body);
    assert!(again.replayed && !first.replayed);
    let other = rt
        .block_on(melli.post_idempotent(
            "/v1/obligations",
            &invoice("INV-9", "PK-A", "IR-X", "6.00"),
            "retry-1",
        ))
        .unwrap();
    assert_eq!(
        (other.status, other.json()["type"].clone()),
        (422, json!("/problems/idempotency-key-reused"))
    );
    let cb = client(&server.url, &keys, "cb-PKR");
    let fund = json!({"amount": {"amount": "7.00", "currency": "PKR"}});
    let funded = rt
        .block_on(cb.post_idempotent("/v1/banks/HABBPKKA/funding", &fund, "fund-1"))
        .unwrap();
    let cycle = rt
        .block_on(client(&server.url, &keys, "operator").post_idempotent(
            "/v1/cycles",
            &json!({"value_date": today()}),
            "cycle-1",
        ))
        .unwrap();
    assert_eq!(
        (funded.status, cycle.status),
        (201, 201),
        "{}",
        cycle.text()
    );
    post_ok(
        &rt,
        &server.url,
        &keys,
        "operator",
        "/v1/cycles",
        json!({"value_date": today()}),
    );
    let before = snapshot(&rt, &server.url, &keys);
    server.stop();
    let server = Server::start(&data);
    let cb = client(&server.url, &keys, "cb-PKR");
    let again = rt
        .block_on(cb.post_idempotent("/v1/banks/HABBPKKA/funding", &fund, "fund-1"))
        .unwrap();
    assert_eq!(
        (again.status, again.text(), again.replayed),
        (201, funded.text(), true)
    );
    let again = rt
        .block_on(client(&server.url, &keys, "operator").post_idempotent(
            "/v1/cycles",
            &json!({"value_date": today()}),
            "cycle-1",
        ))
        .unwrap();
    assert_eq!(
        again.text(),
        cycle.text(),
        "the first cycle's report, not the latest"
    );
    assert_eq!(again.json()["cycle"], 1);
    assert_eq!(
        snapshot(&rt, &server.url, &keys),
        before,
        "nothing applied twice"
    );
    server.stop();
}

/// `kill -9` of the server while single obligations, batches, accepts and clearing cycles are
/// all being written: after a restart every acknowledged write is there, and `verify` passes.
#[test]
fn kill_minus_nine_during_every_kind_of_write_loses_nothing_acknowledged() {
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = Arc::new(keys(&data, dir.path()));
    let server = Server::start(&data);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let url = server.url.clone();
    world(&rt, &url, &keys);
    // Obligations waiting to be accepted.
    let waiting: Vec<Value> = (0..400)
        .map(|i| invoice(&format!("P-{i}"), "PK-A", "IR-X", "1.00"))
        .collect();
    let reply = post_ok(
        &rt,
        &url,
        &keys,
        "MELIIRTH",
        "/v1/obligations/batch",
        json!({"obligations": waiting}),
    );
    assert_eq!(reply.json()["accepted"], 400);
    #[derive(Default)]
    struct Acked {
        singles: Vec<String>,
        batches: Vec<Vec<String>>,
        accepts: Vec<String>,
        cycles: Vec<u64>,
    }
    let acked = Arc::new(Mutex::new(Acked::default()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let going = |stop: &Arc<std::sync::atomic::AtomicBool>| {
        !stop.load(std::sync::atomic::Ordering::Relaxed)
    };
    let mut tasks = Vec::new();
    for w in 0..8 {
        let (melli, acked, stop) = (client(&url, &keys, "MELIIRTH"), acked.clone(), stop.clone());
        tasks.push(rt.spawn(async move {
            for n in 0.. {
                if !going(&stop) {
                    break;
                }
                let id = format!("S-{w}-{n}");
                match melli
                    .post("/v1/obligations", &invoice(&id, "PK-A", "IR-X", "1.00"))
                    .await
                {
                    Ok(r) if r.status == 201 => acked.lock().unwrap().singles.push(id),
                    Ok(r) => panic!("{id}: {} {}", r.status, r.text()),
                    Err(_) => break,
                }
            }
        }));
    }
    for w in 0..2 {
        let (melli, acked, stop) = (client(&url, &keys, "MELIIRTH"), acked.clone(), stop.clone());
        tasks.push(rt.spawn(async move {
            for n in 0.. {
                if !going(&stop) {
                    break;
                }
                let ids: Vec<String> = (0..50).map(|i| format!("B-{w}-{n}-{i}")).collect();
                let items: Vec<Value> = ids
                    .iter()
                    .map(|id| invoice(id, "PK-A", "IR-X", "1.00"))
                    .collect();
                match melli
                    .post("/v1/obligations/batch", &json!({ "obligations": items }))
                    .await
                {
                    Ok(r) if r.status == 200 && r.json()["accepted"] == 50 => {
                        acked.lock().unwrap().batches.push(ids)
                    }
                    Ok(r) => panic!("batch: {} {}", r.status, r.text()),
                    Err(_) => break,
                }
            }
        }));
    }
    {
        let (hbl, acked, stop) = (client(&url, &keys, "HABBPKKA"), acked.clone(), stop.clone());
        tasks.push(rt.spawn(async move {
            for i in 0..400 {
                if !going(&stop) {
                    break;
                }
                let id = format!("P-{i}");
                match hbl
                    .post(&format!("/v1/obligations/{id}/accept"), &json!({}))
                    .await
                {
                    Ok(r) if r.status == 200 => acked.lock().unwrap().accepts.push(id),
                    Ok(r) => panic!("{id}: {} {}", r.status, r.text()),
                    Err(_) => break,
                }
            }
        }));
    }
    {
        let (op, acked, stop) = (client(&url, &keys, "operator"), acked.clone(), stop.clone());
        tasks.push(rt.spawn(async move {
            while going(&stop) {
                match op.post("/v1/cycles", &json!({"value_date": today()})).await {
                    Ok(r) if r.status == 201 => {
                        let n = r.json()["cycle"].as_u64().unwrap();
                        acked.lock().unwrap().cycles.push(n);
                    }
                    Ok(r) => panic!("cycle: {} {}", r.status, r.text()),
                    Err(_) => break,
                }
            }
        }));
    }
    std::thread::sleep(Duration::from_millis(1_500));
    server.kill();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for t in tasks {
        let _ = rt.block_on(t);
    }
    let acked = std::mem::take(&mut *acked.lock().unwrap());
    assert!(
        acked.singles.len() > 20
            && !acked.batches.is_empty()
            && !acked.accepts.is_empty()
            && !acked.cycles.is_empty(),
        "every kind of write was acknowledged before the kill: {} singles, {} batches, {} accepts, {} cycles",
        acked.singles.len(),
        acked.batches.len(),
        acked.accepts.len(),
        acked.cycles.len()
    );
    let server = Server::start(&data);
    let auditor = client(&server.url, &keys, "auditor");
    let exists = |id: &str| {
        let r = rt
            .block_on(auditor.get(&format!("/v1/obligations/{id}")))
            .unwrap();
        assert_eq!(r.status, 200, "acknowledged {id} is lost");
        r.json()
    };
    for id in &acked.singles {
        exists(id);
    }
    for batch in &acked.batches {
        for id in batch {
            exists(id);
        }
    }
    for id in &acked.accepts {
        assert_ne!(
            exists(id)["status"],
            "submitted",
            "the acknowledged accept of {id} is lost"
        );
    }
    for n in &acked.cycles {
        let r = rt
            .block_on(auditor.get(&format!("/v1/cycles/{n}")))
            .unwrap();
        assert_eq!(r.status, 200, "acknowledged cycle {n} is lost");
    }
    server.stop();
    let verify = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["verify", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
}

/// SIGTERM with a client stalled half-way through its body and a batch being written: the
/// batch is answered, the stalled client does not keep the server up, the process exits 0
/// within the drain limit, and the log says what happened.
#[test]
fn sigterm_drains_within_its_limit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = keys(&data, dir.path());
    let log = dir.path().join("server.log");
    let server = Server::start_with(
        &data,
        &[
            "--request-timeout-ms",
            "20000",
            "--drain-timeout-ms",
            "2000",
        ],
        Some(&log),
    );
    let rt = runtime();
    world(&rt, &server.url, &keys);
    let head = format!(
        "POST /v1/obligations HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{{",
        keys["banks"]["MELIIRTH"].as_str().unwrap()
    );
    let mut stalled = std::net::TcpStream::connect(server.address()).unwrap();
    stalled.write_all(head.as_bytes()).unwrap();
    let items: Vec<Value> = (0..5_000)
        .map(|i| invoice(&format!("T-{i}"), "PK-A", "IR-X", "1.00"))
        .collect();
    let body = json!({ "obligations": items }).to_string();
    let batch_head = format!(
        "POST /v1/obligations/batch HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        keys["banks"]["MELIIRTH"].as_str().unwrap(),
        body.len()
    );
    let mut batch = std::net::TcpStream::connect(server.address()).unwrap();
    batch.write_all(batch_head.as_bytes()).unwrap();
    batch.write_all(body.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let took = server.stop();
    assert!(
        took < Duration::from_secs(5),
        "exit within the drain limit: {took:?}"
    );
    let mut answer = String::new();
    batch
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let _ = batch.read_to_string(&mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "the batch in flight is answered: {}",
        answer.chars().take(200).collect::<String>()
    );
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains("\"event\":\"draining\""), "{log}");
    assert!(log.contains("\"event\":\"stopped\""), "{log}");
    let verify = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["verify", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(verify.status.success());
}

/// SIGTERM while writes far longer than the drain limit run (large batches, their clients
/// waiting): the process exits within the limit from the signal, not twice it; what was
/// running is abandoned unanswered (as a crash would leave it), and the store verifies and
/// opens again.
#[test]
fn sigterm_exits_within_the_drain_limit_whatever_runs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = keys(&data, dir.path());
    let log = dir.path().join("server.log");
    // A release build writes a batch several times faster: a shorter limit keeps the work
    // running past it, and more batches keep eight of them in flight long enough to be seen.
    let (drain, batches) = if cfg!(debug_assertions) {
        (Duration::from_millis(1_000), 16)
    } else {
        (Duration::from_millis(200), 64)
    };
    let server = Server::start_with(
        &data,
        &["--drain-timeout-ms", &drain.as_millis().to_string()],
        Some(&log),
    );
    let rt = runtime();
    world(&rt, &server.url, &keys);
    let bank = keys["banks"]["MELIIRTH"].as_str().unwrap().to_string();
    // The bodies are built first; then every request is sent but its body's last byte, and
    // the last bytes one after another: the batches arrive together. (Built and sent one by
    // one, a loaded machine could write each batch while the test built the next, and never
    // have eight in flight.)
    let requests: Vec<(String, String)> = (0..batches)
        .map(|b| {
            let items: Vec<Value> = (0..10_000)
                .map(|i| invoice(&format!("L{b}-{i}"), "PK-A", "IR-X", "1.00"))
                .collect();
            let body = json!({ "obligations": items }).to_string();
            let head = format!(
                "POST /v1/obligations/batch HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {bank}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len()
            );
            (head, body)
        })
        .collect();
    let mut streams = Vec::new();
    for (head, body) in &requests {
        let mut stream = std::net::TcpStream::connect(server.address()).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let (most, last) = body.as_bytes().split_at(body.len() - 1);
        stream.write_all(most).unwrap();
        streams.push((stream, last));
    }
    for (stream, last) in &mut streams {
        stream.write_all(last).unwrap();
    }
    // Every batch read and being written.
    wait_for("the batches in flight", || {
        let metrics = rt
            .block_on(client(&server.url, &keys, "operator").get("/metrics"))
            .unwrap()
            .text();
        metrics
            .lines()
            .find_map(|l| l.strip_prefix("corridor_http_writes_in_flight "))
            .and_then(|n| n.trim().parse::<u32>().ok())
            .is_some_and(|n| n >= 8)
    });
    let took = server.stop();
    // (Before, the blocking work got the drain limit once more after the drain: 2 s here.)
    assert!(
        took < drain + Duration::from_millis(600),
        "exit within the drain limit from the signal ({drain:?}): took {took:?}"
    );
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(
        log.contains("work still running at the drain limit is abandoned"),
        "the work outlasted the drain (else this test shows nothing): {log}"
    );
    let verify = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["verify", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
    let server = Server::start(&data);
    let reply = rt
        .block_on(client(&server.url, &keys, "auditor").get("/v1/obligations/INV-1"))
        .unwrap();
    assert_eq!(reply.status, 200);
    server.stop();
}

/// A central bank's key is scoped to a currency the key can act on: one of the corridor's once
/// the store has a corridor (read while the server runs), an ISO 4217 currency with minor
/// units before.
#[test]
fn a_central_bank_key_is_scoped_to_a_corridor_currency() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let (ok, _, err) = admin(
        &["create-key", "--role", "central-bank", "--scope", "USD"],
        &data,
    );
    assert!(ok && err.contains("no corridor is configured"), "{err}");
    let (ok, _, err) = admin(
        &["create-key", "--role", "central-bank", "--scope", "XAU"],
        &data,
    );
    assert!(
        !ok && err.contains("--scope: XAU has no minor units"),
        "{err}"
    );
    let keys = keys(&data, dir.path());
    let server = Server::start(&data);
    let rt = runtime();
    world(&rt, &server.url, &keys);
    let (ok, _, err) = admin(
        &["create-key", "--role", "central-bank", "--scope", "USD"],
        &data,
    );
    assert!(
        !ok && err.contains("--scope: USD is not a currency of the corridor PK-IR (PKR and IRR)"),
        "{err}"
    );
    let (ok, key, _) = admin(
        &["create-key", "--role", "central-bank", "--scope", "IRR"],
        &data,
    );
    assert!(ok);
    wait_for("the new key", || {
        rt.block_on(Client::new(&server.url, Some(key.trim())).get("/v1/banks"))
            .unwrap()
            .status
            == 200
    });
    server.stop();
}

fn admin(args: &[&str], data: &Path) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .arg("admin")
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "waited 10 s for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Keys: listed without secrets, the file owner-only; created and revoked while the server
/// runs, taking effect without a restart (the file is watched; SIGHUP reloads at once).
#[test]
fn keys_are_listed_revoked_and_reloaded_without_a_restart() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let (ok, auditor_key, _) = admin(&["create-key", "--role", "auditor"], &data);
    assert!(ok);
    let auditor_key = auditor_key.trim().to_string();
    let mode = std::fs::metadata(data.join(api::auth::KEYS_FILE))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let server = Server::start(&data);
    let rt = runtime();
    let get = |key: &str| {
        rt.block_on(
            Client::new(&server.url, Some(key))
                .checked()
                .get("/v1/banks"),
        )
        .unwrap()
        .status
    };
    assert_eq!(get(&auditor_key), 200);
    // A key created while the server runs works without a restart.
    let (ok, new_key, _) = admin(
        &["create-key", "--role", "bank", "--scope", "HABBPKKA"],
        &data,
    );
    assert!(ok);
    let new_key = new_key.trim().to_string();
    wait_for("the new key", || get(&new_key) == 200);
    let (ok, listed, _) = admin(&["list-keys"], &data);
    assert!(ok);
    let id = |key: &str| key.split('_').nth(1).unwrap().to_string();
    assert!(
        listed.contains(&id(&new_key)) && listed.contains("bank") && listed.contains("HABBPKKA"),
        "{listed}"
    );
    assert!(
        !listed.contains(new_key.rsplit('_').next().unwrap()),
        "no secret listed"
    );
    // Revoked: refused without a restart.
    let (ok, _, _) = admin(&["revoke-key", &id(&new_key)], &data);
    assert!(ok);
    wait_for("the revoked key to be refused", || get(&new_key) == 401);
    let (ok, _, err) = admin(&["revoke-key", &id(&new_key)], &data);
    assert!(!ok && err.contains("no key"), "{err}");
    // SIGHUP reloads at once.
    let (_, third, _) = admin(&["create-key", "--role", "operator"], &data);
    server.signal("-HUP");
    wait_for("the key after SIGHUP", || get(third.trim()) == 200);
    assert_eq!(get(&auditor_key), 200, "the other keys stay");
    server.stop();
}

/// Log lines carry their time and the request's id (the id is also the answer's
/// `x-request-id`); `readyz` answers once the store answers.
#[test]
fn logs_carry_time_and_request_id_and_readyz_answers() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = keys(&data, dir.path());
    let log = dir.path().join("server.log");
    let server = Server::start_with(&data, &[], Some(&log));
    let rt = runtime();
    let ready = rt
        .block_on(client(&server.url, &keys, "none").get("/readyz"))
        .unwrap();
    assert_eq!(
        (ready.status, ready.json()["status"].clone()),
        (200, json!("ready"))
    );
    let reply = rt
        .block_on(client(&server.url, &keys, "auditor").get("/v1/banks"))
        .unwrap();
    assert_eq!(reply.status, 200);
    let id: u64 = reply.request_id.parse().unwrap();
    server.stop();
    let log = std::fs::read_to_string(&log).unwrap();
    let line: Value = log
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|l| l["request_id"] == id)
        .unwrap_or_else(|| panic!("no line for request {id}:\n{log}"));
    assert_eq!(line["path"], "/v1/banks");
    assert_eq!(line["status"], 200);
    let ts = line["ts"].as_str().unwrap();
    assert!(
        ts.len() == 24 && ts.ends_with('Z') && ts.as_bytes()[10] == b'T',
        "{ts}"
    );
    assert!(ts.starts_with(&today()), "{ts}");
    for event in ["started", "stopped"] {
        assert!(
            log.lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .any(|l| l["event"] == event && l["ts"].is_string()),
            "{event}: {log}"
        );
    }
}

/// The Swagger UI at /docs, from vendored assets, renders every operation of the OpenAPI
/// document in a real browser (headless Chromium; `.ci/run` installs it).
#[test]
fn the_swagger_ui_renders_in_a_real_browser() {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let Some(browser) = browser else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true needs Chromium for the browser test (Debian package chromium; .ci/run installs it)"
        );
        // Written past the test harness's capture, so that a skip is seen.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED the_swagger_ui_renders_in_a_real_browser: no Chromium here (apt-get install chromium); under CI=true this fails ***\n"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("server"));
    let profile: PathBuf = dir.path().join("profile");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=15000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("{}/docs", server.url))
        .output()
        .unwrap();
    server.stop();
    let dom = String::from_utf8_lossy(&output.stdout);
    for path in [
        "/v1/obligations",
        "/v1/obligations/batch",
        "/v1/cycles",
        "/v1/banks/{bic}/statement",
        "/v1/accounts/{id}/transfers",
        "/healthz",
    ] {
        assert!(
            dom.contains(&format!("data-path=\"{path}\"")),
            "the rendered page lists {path}: {}",
            dom.chars().take(400).collect::<String>()
        );
    }
}
