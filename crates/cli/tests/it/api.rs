//! The HTTP API end to end: the real `corridor serve` on loopback with its real store, driven by
//! the demo, an authorisation matrix, idempotent retries, a table of malformed requests, and a
//! `kill -9` during a burst of writes.

use api::client::{Client, Reply};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(data: &Path) -> Server {
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
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
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

    fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "graceful shutdown exits 0: {status}");
    }

    fn kill(mut self) {
        self.child.kill().unwrap();
        let _ = self.child.wait();
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

fn hbl_client(url: &str, keys: &Value) -> Client {
    Client::new(url, keys["banks"]["HABBPKKA"].as_str())
}

fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400;
    corridor::workflow::date_text(days as u32)
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

/// A small world: the corridor, a bank per country, a trader per bank, a fix, one invoice.
fn world(rt: &tokio::runtime::Runtime, url: &str, keys: &Value) -> Vec<Reply> {
    let k = |path: &str| {
        keys.pointer(path)
            .and_then(Value::as_str)
            .unwrap()
            .to_string()
    };
    let (op, pkr, irr, hbl, melli) = (
        k("/operator"),
        k("/central_banks/PKR"),
        k("/central_banks/IRR"),
        k("/banks/HABBPKKA"),
        k("/banks/MELIIRTH"),
    );
    let day = today();
    let steps: Vec<(String, &str, Value)> = vec![
        (
            op,
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
            pkr.clone(),
            "/v1/banks",
            json!({"bic": "HABBPKKA", "name": "HBL", "country": "PK", "net_debit_cap": {"amount": "1000.00", "currency": "PKR"}}),
        ),
        (
            irr.clone(),
            "/v1/banks",
            json!({"bic": "MELIIRTH", "name": "Melli", "country": "IR", "net_debit_cap": {"amount": "1000.00", "currency": "IRR"}}),
        ),
        (
            pkr.clone(),
            "/v1/banks/HABBPKKA/funding",
            json!({"amount": {"amount": "5000.00", "currency": "PKR"}}),
        ),
        (
            irr,
            "/v1/banks/MELIIRTH/funding",
            json!({"amount": {"amount": "50000000.00", "currency": "IRR"}}),
        ),
        (
            pkr,
            "/v1/rate-fixes",
            json!({"value_date": day, "rate": "4163.85", "source": "test"}),
        ),
        (
            hbl.clone(),
            "/v1/traders",
            json!({"id": "PK-A", "legal_name": "Al-Noor Rice Mills", "original_name": "النور رائس ملز", "tax_id": "1234567-8", "country": "PK", "bank": "HABBPKKA"}),
        ),
        (
            melli.clone(),
            "/v1/traders",
            json!({"id": "IR-X", "legal_name": "Pars Trading", "tax_id": corridor::participants::iran_national_id(5), "country": "IR", "bank": "MELIIRTH"}),
        ),
        (
            melli,
            "/v1/obligations",
            json!({"id": "INV-1", "debtor": "PK-A", "creditor": "IR-X", "amount": {"amount": "100.00", "currency": "PKR"}, "hs_code": "100630", "issued": day, "due": day}),
        ),
        (hbl, "/v1/obligations/INV-1/accept", json!({})),
    ];
    steps
        .into_iter()
        .map(|(key, path, body)| {
            let reply = rt
                .block_on(Client::new(url, Some(&key)).post(path, &body))
                .unwrap();
            assert!(
                reply.status == 200 || reply.status == 201,
                "{path}: {} {}",
                reply.status,
                reply.text()
            );
            reply
        })
        .collect()
}

/// Every role against every endpoint, with its own and foreign objects: what DESIGN §2 allows
/// answers 2xx; forbidden actions 403; objects a caller may not see 404; no or a bad key 401.
#[test]
fn the_authorisation_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = keys(&data, dir.path());
    let server = Server::start(&data);
    let rt = runtime();
    world(&rt, &server.url, &keys);
    let key = |who: &str| -> Option<String> {
        match who {
            "none" => None,
            "bad" => Some("cor_000000000000_00".into()),
            "operator" | "auditor" => keys[who].as_str().map(str::to_string),
            "cb-PKR" => keys["central_banks"]["PKR"].as_str().map(str::to_string),
            "cb-IRR" => keys["central_banks"]["IRR"].as_str().map(str::to_string),
            bic => keys["banks"][bic].as_str().map(str::to_string),
        }
    };
    let day = today();
    let trader_pk = json!({"id": "PK-B", "legal_name": "B", "tax_id": "7654321", "country": "PK", "bank": "HABBPKKA"});
    let invoice = json!({"id": "INV-2", "debtor": "PK-A", "creditor": "IR-X", "amount": {"amount": "1.00", "currency": "PKR"}, "hs_code": "100630", "issued": day, "due": day});
    let bank_pk = json!({"bic": "UNILPKKA", "name": "UBL", "country": "PK", "net_debit_cap": {"amount": "0", "currency": "PKR"}});
    let fund = json!({"amount": {"amount": "1.00", "currency": "PKR"}});
    let statement = format!("/v1/banks/HABBPKKA/statement?from={day}&to={day}");
    let melli_statement = format!("/v1/banks/MELIIRTH/statement?from={day}&to={day}");
    // (who, method, path, body, expected status)
    let table: Vec<(&str, &str, String, Option<Value>, u16)> = vec![
        ("none", "GET", "/v1/banks".into(), None, 401),
        ("bad", "GET", "/v1/banks".into(), None, 401),
        ("none", "GET", "/healthz".into(), None, 200),
        ("none", "GET", "/readyz".into(), None, 200),
        ("none", "GET", "/openapi.json".into(), None, 200),
        (
            "none",
            "POST",
            "/v1/obligations".into(),
            Some(invoice.clone()),
            401,
        ),
        // The corridor: everyone reads, only the operator writes.
        ("HABBPKKA", "GET", "/v1/corridor".into(), None, 200),
        (
            "auditor",
            "POST",
            "/v1/corridor".into(),
            Some(json!({})),
            403,
        ),
        (
            "cb-PKR",
            "POST",
            "/v1/corridor".into(),
            Some(json!({})),
            403,
        ),
        // Banks: registered by their currency's central bank (or the operator).
        (
            "cb-IRR",
            "POST",
            "/v1/banks".into(),
            Some(bank_pk.clone()),
            403,
        ),
        (
            "HABBPKKA",
            "POST",
            "/v1/banks".into(),
            Some(bank_pk.clone()),
            403,
        ),
        (
            "auditor",
            "POST",
            "/v1/banks".into(),
            Some(bank_pk.clone()),
            403,
        ),
        ("cb-PKR", "POST", "/v1/banks".into(), Some(bank_pk), 201),
        ("HABBPKKA", "GET", "/v1/banks/HABBPKKA".into(), None, 200),
        ("HABBPKKA", "GET", "/v1/banks/MELIIRTH".into(), None, 404),
        ("cb-PKR", "GET", "/v1/banks/MELIIRTH".into(), None, 404),
        ("cb-IRR", "GET", "/v1/banks/MELIIRTH".into(), None, 200),
        ("auditor", "GET", "/v1/banks/MELIIRTH".into(), None, 200),
        // Funding: the bank's central bank.
        (
            "cb-IRR",
            "POST",
            "/v1/banks/HABBPKKA/funding".into(),
            Some(fund.clone()),
            404,
        ),
        (
            "HABBPKKA",
            "POST",
            "/v1/banks/HABBPKKA/funding".into(),
            Some(fund.clone()),
            403,
        ),
        (
            "auditor",
            "POST",
            "/v1/banks/HABBPKKA/funding".into(),
            Some(fund.clone()),
            403,
        ),
        (
            "cb-PKR",
            "POST",
            "/v1/banks/HABBPKKA/funding".into(),
            Some(fund),
            201,
        ),
        // Statements: the bank itself, its central bank, operator, auditor.
        ("HABBPKKA", "GET", statement.clone(), None, 200),
        ("HABBPKKA", "GET", melli_statement.clone(), None, 404),
        ("cb-PKR", "GET", melli_statement, None, 404),
        ("auditor", "GET", statement, None, 200),
        // Traders: a bank registers and sees its own.
        (
            "MELIIRTH",
            "POST",
            "/v1/traders".into(),
            Some(trader_pk.clone()),
            403,
        ),
        (
            "cb-PKR",
            "POST",
            "/v1/traders".into(),
            Some(trader_pk.clone()),
            403,
        ),
        (
            "HABBPKKA",
            "POST",
            "/v1/traders".into(),
            Some(trader_pk),
            201,
        ),
        ("HABBPKKA", "GET", "/v1/traders/IR-X".into(), None, 404),
        ("MELIIRTH", "GET", "/v1/traders/IR-X".into(), None, 200),
        ("cb-IRR", "GET", "/v1/traders/PK-A".into(), None, 404),
        ("auditor", "GET", "/v1/traders/PK-A".into(), None, 200),
        // Rate fixes: central banks publish; banks and auditors may not.
        (
            "HABBPKKA",
            "POST",
            "/v1/rate-fixes".into(),
            Some(json!({"value_date": day, "rate": "1", "source": "x"})),
            403,
        ),
        (
            "auditor",
            "POST",
            "/v1/rate-fixes".into(),
            Some(json!({"value_date": day, "rate": "1", "source": "x"})),
            403,
        ),
        ("MELIIRTH", "GET", "/v1/rate-fixes".into(), None, 200),
        // Obligations: the creditor's bank submits; both parties' banks see and act.
        (
            "HABBPKKA",
            "POST",
            "/v1/obligations".into(),
            Some(invoice.clone()),
            422,
        ),
        (
            "cb-IRR",
            "POST",
            "/v1/obligations".into(),
            Some(invoice.clone()),
            403,
        ),
        (
            "auditor",
            "POST",
            "/v1/obligations".into(),
            Some(invoice.clone()),
            403,
        ),
        (
            "MELIIRTH",
            "POST",
            "/v1/obligations".into(),
            Some(invoice),
            201,
        ),
        ("UNILPKKA", "GET", "/v1/obligations/INV-1".into(), None, 404),
        ("HABBPKKA", "GET", "/v1/obligations/INV-1".into(), None, 200),
        ("cb-IRR", "GET", "/v1/obligations/INV-1".into(), None, 200),
        (
            "UNILPKKA",
            "POST",
            "/v1/obligations/INV-2/accept".into(),
            None,
            404,
        ),
        (
            "auditor",
            "POST",
            "/v1/obligations/INV-2/accept".into(),
            None,
            403,
        ),
        (
            "operator",
            "POST",
            "/v1/obligations/INV-2/accept".into(),
            None,
            403,
        ),
        (
            "MELIIRTH",
            "POST",
            "/v1/obligations/INV-2/accept".into(),
            None,
            422,
        ),
        (
            "HABBPKKA",
            "POST",
            "/v1/obligations/INV-2/accept".into(),
            None,
            200,
        ),
        // Cycles: the operator runs them.
        ("cb-PKR", "POST", "/v1/cycles".into(), Some(json!({})), 403),
        (
            "HABBPKKA",
            "POST",
            "/v1/cycles".into(),
            Some(json!({})),
            403,
        ),
        ("auditor", "POST", "/v1/cycles".into(), Some(json!({})), 403),
        (
            "operator",
            "POST",
            "/v1/cycles".into(),
            Some(json!({"value_date": day})),
            201,
        ),
        ("HABBPKKA", "GET", "/v1/cycles/1".into(), None, 200),
        ("auditor", "GET", "/v1/cycles".into(), None, 200),
        ("operator", "GET", "/v1/cycles/9".into(), None, 404),
        // Accounts and the barter window.
        ("auditor", "GET", "/v1/accounts".into(), None, 200),
        (
            "MELIIRTH",
            "GET",
            format!("/v1/barter-window?until={day}&trader=PK-A"),
            None,
            404,
        ),
        (
            "HABBPKKA",
            "GET",
            format!("/v1/barter-window?until={day}&trader=PK-A"),
            None,
            200,
        ),
    ];
    let mut failures = Vec::new();
    for (who, method, path, body, expected) in &table {
        let client = Client::new(&server.url, key(who).as_deref());
        let reply = rt
            .block_on(client.send(
                method,
                path,
                body.as_ref().map(|b| b.to_string().into_bytes()),
                &[],
            ))
            .unwrap();
        if reply.status != *expected {
            failures.push(format!(
                "{who} {method} {path}: {} (expected {expected}) {}",
                reply.status,
                reply.text()
            ));
        }
        if reply.status >= 400 && path.starts_with("/v1") {
            assert_eq!(
                reply.content_type, "application/problem+json",
                "{who} {method} {path}"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Lists are cursor-paginated and refuse unknown parameters.
    let op = Client::new(&server.url, key("operator").as_deref());
    let first = rt.block_on(op.get("/v1/traders?limit=1")).unwrap().json();
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let second = rt
        .block_on(op.get(&format!("/v1/traders?limit=1&cursor={cursor}")))
        .unwrap()
        .json();
    assert!(second["items"][0]["id"].as_str() > first["items"][0]["id"].as_str());
    let unknown = rt.block_on(op.get("/v1/banks?colour=red")).unwrap();
    assert_eq!(
        (unknown.status, unknown.json()["field"].clone()),
        (422, json!("colour"))
    );
    // What a bank sees is only its own: lists are filtered, not refused.
    let hbl = Client::new(&server.url, key("HABBPKKA").as_deref());
    let banks = rt.block_on(hbl.get("/v1/banks")).unwrap().json();
    assert_eq!(banks["items"].as_array().unwrap().len(), 1);
    let accounts = rt.block_on(hbl.get("/v1/accounts")).unwrap().json();
    assert_eq!(accounts["items"].as_array().unwrap().len(), 1, "{accounts}");
    let cycle = rt.block_on(hbl.get("/v1/cycles/1")).unwrap().json();
    assert!(
        cycle.get("currencies").is_none(),
        "a bank sees its own position only: {cycle}"
    );
    let pkr = Client::new(&server.url, key("cb-PKR").as_deref());
    let cycle = rt.block_on(pkr.get("/v1/cycles/1")).unwrap().json();
    assert!(
        cycle["currencies"].get("IRR").is_none() && cycle["currencies"].get("PKR").is_some(),
        "{cycle}"
    );
    server.stop();
}

#[test]
fn idempotent_retries_and_malformed_requests() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = keys(&data, dir.path());
    let server = Server::start(&data);
    let rt = runtime();
    world(&rt, &server.url, &keys);
    let melli = Client::new(&server.url, keys["banks"]["MELIIRTH"].as_str());
    let day = today();
    let invoice = |id: &str, amount: &str| json!({"id": id, "debtor": "PK-A", "creditor": "IR-X", "amount": {"amount": amount, "currency": "PKR"}, "hs_code": "100630", "issued": day, "due": day});
    // The same key and body: the first answer again, marked as a replay; nothing new stored.
    let first = rt
        .block_on(melli.post_idempotent("/v1/obligations", &invoice("INV-9", "5.00"), "retry-1"))
        .unwrap();
    let again = rt
        .block_on(melli.post_idempotent("/v1/obligations", &invoice("INV-9", "5.00"), "retry-1"))
        .unwrap();
    assert_eq!((first.status, again.status), (201, 201));
    assert_eq!(first.body, again.body);
    assert!(again.replayed && !first.replayed);
    // The same key with another body: 422, says so.
    let other = rt
        .block_on(melli.post_idempotent("/v1/obligations", &invoice("INV-9", "6.00"), "retry-1"))
        .unwrap();
    assert_eq!(other.status, 422);
    assert_eq!(other.json()["type"], "/problems/idempotency-key-reused");
    // Keys are journaled with their commands: after a restart a retry is still recognised,
    // so an action is not refused as a repeat and funding is not paid twice.
    let hbl = Client::new(&server.url, keys["banks"]["HABBPKKA"].as_str());
    let cb = Client::new(&server.url, keys["central_banks"]["PKR"].as_str());
    let fund = json!({"amount": {"amount": "7.00", "currency": "PKR"}});
    let accept = rt
        .block_on(hbl.post_idempotent("/v1/obligations/INV-9/accept", &json!({}), "acc-1"))
        .unwrap();
    let funded = rt
        .block_on(cb.post_idempotent("/v1/banks/HABBPKKA/funding", &fund, "fund-1"))
        .unwrap();
    assert_eq!(
        (accept.status, funded.status),
        (200, 201),
        "{}",
        funded.text()
    );
    let balance = |rt: &tokio::runtime::Runtime, url: &str| {
        let reply = rt
            .block_on(Client::new(url, keys["auditor"].as_str()).get("/v1/accounts"))
            .unwrap()
            .json();
        reply["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == "HABBPKKA")
            .unwrap()["balance"]["amount"]
            .clone()
    };
    let before = balance(&rt, &server.url);
    server.stop();
    let server = Server::start(&data);
    let hbl = hbl_client(&server.url, &keys);
    let cb = Client::new(&server.url, keys["central_banks"]["PKR"].as_str());
    let again = rt
        .block_on(hbl.post_idempotent("/v1/obligations/INV-9/accept", &json!({}), "acc-1"))
        .unwrap();
    assert_eq!(again.status, 200, "{}", again.text());
    let again = rt
        .block_on(cb.post_idempotent("/v1/banks/HABBPKKA/funding", &fund, "fund-1"))
        .unwrap();
    assert_eq!(again.status, 201, "{}", again.text());
    assert_eq!(
        balance(&rt, &server.url),
        before,
        "funding was not paid twice"
    );
    let other = rt
        .block_on(cb.post_idempotent(
            "/v1/banks/HABBPKKA/funding",
            &json!({"amount": {"amount": "8.00", "currency": "PKR"}}),
            "fund-1",
        ))
        .unwrap();
    assert_eq!(
        (other.status, other.json()["type"].clone()),
        (422, json!("/problems/idempotency-key-reused"))
    );
    let melli = Client::new(&server.url, keys["banks"]["MELIIRTH"].as_str());
    // Malformed requests: (body, expected status, expected field).
    let big = "x".repeat(api::BODY_MAX + 10);
    let cases: Vec<(String, u16, Option<&str>)> = vec![
        ("{\"id\": ".into(), 400, None),
        ("[1, 2]".into(), 400, None),
        (r#"{"id": 5}"#.into(), 400, Some("id")),
        (
            invoice("I-1", "1.00")
                .to_string()
                .replace("\"due\"", "\"extra\": 1, \"due\""),
            400,
            Some("extra"),
        ),
        (
            invoice("I-1", "1.00")
                .to_string()
                .replace("\"hs_code\":\"100630\",", ""),
            422,
            Some("hs_code"),
        ),
        (invoice("I-1", "-5.00").to_string(), 422, Some("amount")),
        (invoice("I-1", "1.001").to_string(), 422, Some("amount")),
        (invoice("I-1", "1e5").to_string(), 422, Some("amount")),
        (
            invoice("I-1", "1.00")
                .to_string()
                .replace("\"1.00\"", "1.0"),
            400,
            Some("amount.amount"),
        ),
        (
            invoice("I-1", "1.00")
                .to_string()
                .replace("100630", "999999"),
            422,
            Some("hs_code"),
        ),
        (
            invoice("I-1", "1.00")
                .to_string()
                .replace("100630", "930190"),
            422,
            Some("hs_code"),
        ),
        (
            invoice("I-1", "1.00")
                .to_string()
                .replace("PK-A", "PK-NOBODY"),
            422,
            Some("debtor"),
        ),
        (
            invoice("I-1", "1.00")
                .to_string()
                .replace("\"PKR\"", "\"IRR\"")
                .replace("1.00", "1.000"),
            422,
            Some("amount"),
        ),
        (invoice("INV-9", "7.00").to_string(), 409, Some("id")),
        (big, 413, None),
    ];
    for (body, status, field) in &cases {
        let reply = rt
            .block_on(melli.send(
                "POST",
                "/v1/obligations",
                Some(body.clone().into_bytes()),
                &[],
            ))
            .unwrap();
        let shown: String = body.chars().take(80).collect();
        assert_eq!(reply.status, *status, "{shown}: {}", reply.text());
        if *status != 413 {
            let problem = reply.json();
            assert_eq!(reply.content_type, "application/problem+json");
            assert!(
                problem["type"].as_str().unwrap().starts_with("/problems/"),
                "{problem}"
            );
            assert_eq!(problem["field"].as_str(), *field, "{shown}: {problem}");
        }
    }
    let op = Client::new(&server.url, keys["operator"].as_str());
    let bad_bic = json!({"bic": "HABB1KKA", "name": "X", "country": "PK", "net_debit_cap": {"amount": "0", "currency": "PKR"}});
    let reply = rt.block_on(op.post("/v1/banks", &bad_bic)).unwrap();
    assert_eq!(
        (reply.status, reply.json()["field"].clone()),
        (422, json!("bic"))
    );
    let reply = rt.block_on(op.get("/v1/obligations?colour=red")).unwrap();
    assert_eq!(
        (reply.status, reply.json()["field"].clone()),
        (422, json!("colour"))
    );
    let past = "2000-01-01";
    let cb = Client::new(&server.url, keys["central_banks"]["PKR"].as_str());
    let reply = rt
        .block_on(cb.post(
            "/v1/rate-fixes",
            &json!({"value_date": past, "rate": "4000", "source": "x"}),
        ))
        .unwrap();
    assert_eq!(
        (reply.status, reply.json()["field"].clone()),
        (422, json!("value_date"))
    );
    let reply = rt.block_on(op.get("/v1/nothing")).unwrap();
    assert_eq!(reply.status, 404);
    // Pagination: a cursor walks the list without repeats.
    let page = rt
        .block_on(op.get("/v1/obligations?limit=1"))
        .unwrap()
        .json();
    let next = page["next_cursor"].as_str().unwrap().to_string();
    let second = rt
        .block_on(op.get(&format!("/v1/obligations?limit=1&cursor={next}")))
        .unwrap()
        .json();
    assert_ne!(page["items"][0]["id"], second["items"][0]["id"]);
    // Amounts are strings with a currency, never numbers.
    assert!(second["items"][0]["amount"]["amount"].is_string());
    server.stop();
}

/// `kill -9` of the server during a burst of concurrent writes: after a restart every write
/// that was acknowledged is there, and `verify` passes.
#[test]
fn kill_minus_nine_during_a_burst_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = keys(&data, dir.path());
    let server = Server::start(&data);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    world(&rt, &server.url, &keys);
    let melli = Client::new(&server.url, keys["banks"]["MELIIRTH"].as_str());
    let day = today();
    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..16 {
        let (melli, day, acknowledged, stop) = (
            melli.clone(),
            day.clone(),
            acknowledged.clone(),
            stop.clone(),
        );
        writers.push(rt.spawn(async move {
            for n in 0.. {
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                let id = format!("B-{w}-{n}");
                let body = json!({"id": id, "debtor": "PK-A", "creditor": "IR-X", "amount": {"amount": "1.00", "currency": "PKR"}, "hs_code": "100630", "issued": day, "due": day});
                match melli.post("/v1/obligations", &body).await {
                    Ok(reply) if reply.status == 201 => acknowledged.lock().unwrap().push(id),
                    Ok(reply) => panic!("{id}: {} {}", reply.status, reply.text()),
                    Err(_) => break, // the server is gone
                }
            }
        }));
    }
    std::thread::sleep(std::time::Duration::from_millis(700));
    server.kill();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for w in writers {
        let _ = rt.block_on(w);
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() > 20,
        "the burst wrote something: {}",
        acknowledged.len()
    );
    let server = Server::start(&data);
    let op = Client::new(&server.url, keys["operator"].as_str());
    for id in &acknowledged {
        let reply = rt
            .block_on(op.get(&format!("/v1/obligations/{id}")))
            .unwrap();
        assert_eq!(reply.status, 200, "acknowledged {id} is lost");
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
            std::env::var("CI").is_err(),
            "CI needs Chromium for the browser test (Debian package chromium)"
        );
        eprintln!(
            "SKIP the_swagger_ui_renders_in_a_real_browser: no Chromium here (apt-get install chromium)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("server"));
    let profile = dir.path().join("profile");
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
        "/healthz",
    ] {
        assert!(
            dom.contains(&format!("data-path=\"{path}\"")),
            "the rendered page lists {path}: {}",
            dom.chars().take(400).collect::<String>()
        );
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum May {
    /// Answered (2xx, or a business refusal 4xx other than 401/403/404).
    Do,
    /// 403.
    Not,
    /// 404: the key may not even know it exists.
    Hidden,
}

/// Every role and every endpoint, with own and foreign objects, by category: done, forbidden
/// (403), hidden (404); and every /v1 endpoint refuses a missing or bad key (401).
#[test]
fn the_whole_authorisation_matrix() {
    use May::{Do, Hidden, Not};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let keys = keys(&data, dir.path());
    let server = Server::start(&data);
    let rt = runtime();
    world(&rt, &server.url, &keys);
    let day = today();
    let post = |who: &str, path: &str, body: Value| {
        let key = match who {
            "operator" => keys["operator"].as_str(),
            "cb-PKR" => keys["central_banks"]["PKR"].as_str(),
            bic => keys["banks"][bic].as_str(),
        };
        let reply = rt
            .block_on(Client::new(&server.url, key).post(path, &body))
            .unwrap();
        assert!(reply.status < 300, "{path}: {}", reply.text());
    };
    // More objects: a third bank with no customers, a domestic invoice at HBL, a cycle.
    post(
        "cb-PKR",
        "/v1/banks",
        json!({"bic": "UNILPKKA", "name": "UBL", "country": "PK", "net_debit_cap": {"amount": "0", "currency": "PKR"}}),
    );
    post(
        "HABBPKKA",
        "/v1/traders",
        json!({"id": "PK-B", "legal_name": "B", "tax_id": "7654321", "country": "PK", "bank": "HABBPKKA"}),
    );
    post(
        "HABBPKKA",
        "/v1/obligations",
        json!({"id": "INV-D", "debtor": "PK-B", "creditor": "PK-A", "amount": {"amount": "1.00", "currency": "PKR"}, "hs_code": "100630", "issued": day, "due": day}),
    );
    post("HABBPKKA", "/v1/obligations/INV-D/accept", json!({}));
    post("operator", "/v1/cycles", json!({"value_date": day}));
    let roles = [
        "operator", "auditor", "cb-PKR", "cb-IRR", "HABBPKKA", "MELIIRTH", "UNILPKKA",
    ];
    let key = |who: &str| -> Option<String> {
        match who {
            "operator" | "auditor" => keys[who].as_str().map(str::to_string),
            "cb-PKR" => keys["central_banks"]["PKR"].as_str().map(str::to_string),
            "cb-IRR" => keys["central_banks"]["IRR"].as_str().map(str::to_string),
            bic => keys["banks"][bic].as_str().map(str::to_string),
        }
    };
    let all = [Do; 7];
    // Columns: operator, auditor, cb-PKR, cb-IRR, HABBPKKA, MELIIRTH, UNILPKKA.
    let corridor_body = json!({"name": "PK-IR", "sides": [], "cut_off": "11:00", "swap_line": {"amount": "1", "currency": "PKR"}, "hs_allow": [], "hs_deny": [], "hs_default": "allow", "barter_window_days": 120, "barter_tolerance_percent": 20});
    let invoice = json!({"id": "INV-M", "debtor": "PK-A", "creditor": "IR-X", "amount": {"amount": "1.00", "currency": "PKR"}, "hs_code": "100630", "issued": day, "due": day});
    let matrix: Vec<(&str, String, Option<Value>, [May; 7])> = vec![
        ("GET", "/v1/corridor".into(), None, all),
        (
            "POST",
            "/v1/corridor".into(),
            Some(corridor_body),
            [Do, Not, Not, Not, Not, Not, Not],
        ),
        ("GET", "/v1/banks".into(), None, all),
        (
            "POST",
            "/v1/banks".into(),
            Some(
                json!({"bic": "MEZNPKKA", "name": "Meezan", "country": "PK", "net_debit_cap": {"amount": "0", "currency": "PKR"}}),
            ),
            [Do, Not, Do, Not, Not, Not, Not],
        ),
        (
            "GET",
            "/v1/banks/HABBPKKA".into(),
            None,
            [Do, Do, Do, Hidden, Do, Hidden, Hidden],
        ),
        (
            "GET",
            "/v1/banks/MELIIRTH".into(),
            None,
            [Do, Do, Hidden, Do, Hidden, Do, Hidden],
        ),
        (
            "POST",
            "/v1/banks/HABBPKKA/funding".into(),
            Some(json!({"amount": {"amount": "1.00", "currency": "PKR"}})),
            [Do, Not, Do, Hidden, Not, Hidden, Hidden],
        ),
        (
            "POST",
            "/v1/banks/MELIIRTH/funding".into(),
            Some(json!({"amount": {"amount": "1.00", "currency": "IRR"}})),
            [Do, Not, Hidden, Do, Hidden, Not, Hidden],
        ),
        (
            "GET",
            format!("/v1/banks/HABBPKKA/statement?from={day}&to={day}"),
            None,
            [Do, Do, Do, Hidden, Do, Hidden, Hidden],
        ),
        (
            "GET",
            format!("/v1/banks/MELIIRTH/statement?from={day}&to={day}"),
            None,
            [Do, Do, Hidden, Do, Hidden, Do, Hidden],
        ),
        ("GET", "/v1/traders".into(), None, all),
        (
            "POST",
            "/v1/traders".into(),
            Some(
                json!({"id": "PK-C", "legal_name": "C", "tax_id": "1111111", "country": "PK", "bank": "HABBPKKA"}),
            ),
            [Do, Not, Not, Not, Do, Not, Not],
        ),
        (
            "GET",
            "/v1/traders/PK-A".into(),
            None,
            [Do, Do, Do, Hidden, Do, Hidden, Hidden],
        ),
        (
            "GET",
            "/v1/traders/IR-X".into(),
            None,
            [Do, Do, Hidden, Do, Hidden, Do, Hidden],
        ),
        ("GET", "/v1/rate-fixes".into(), None, all),
        (
            "POST",
            "/v1/rate-fixes".into(),
            Some(json!({"value_date": day, "rate": "4163.85", "source": "test"})),
            [Do, Not, Do, Do, Not, Not, Not],
        ),
        ("GET", "/v1/obligations".into(), None, all),
        (
            "POST",
            "/v1/obligations".into(),
            Some(invoice.clone()),
            [Do, Not, Not, Not, Do, Do, Do],
        ),
        (
            "POST",
            "/v1/obligations/batch".into(),
            Some(json!({"obligations": [invoice]})),
            [Do, Not, Not, Not, Do, Do, Do],
        ),
        (
            "GET",
            "/v1/obligations/INV-1".into(),
            None,
            [Do, Do, Do, Do, Do, Do, Hidden],
        ),
        (
            "GET",
            "/v1/obligations/INV-D".into(),
            None,
            [Do, Do, Do, Hidden, Do, Hidden, Hidden],
        ),
        (
            "POST",
            "/v1/obligations/INV-D/dispute".into(),
            None,
            [Not, Not, Not, Hidden, Do, Hidden, Hidden],
        ),
        (
            "POST",
            "/v1/obligations/INV-1/reject".into(),
            None,
            [Not, Not, Not, Not, Do, Do, Hidden],
        ),
        ("GET", "/v1/cycles".into(), None, all),
        ("GET", "/v1/cycles/1".into(), None, all),
        (
            "POST",
            "/v1/cycles".into(),
            Some(json!({"value_date": day})),
            [Do, Not, Not, Not, Not, Not, Not],
        ),
        ("GET", "/v1/accounts".into(), None, all),
        ("GET", format!("/v1/barter-window?until={day}"), None, all),
        (
            "GET",
            format!("/v1/barter-window?until={day}&trader=PK-A"),
            None,
            [Do, Do, Do, Hidden, Do, Hidden, Hidden],
        ),
    ];
    let mut failures = Vec::new();
    let mut cases = 0;
    for (method, path, body, expected) in &matrix {
        for (who, want) in [("none", None), ("bad", None)].into_iter().chain(
            roles
                .iter()
                .zip(expected.iter())
                .map(|(r, e)| (*r, Some(*e))),
        ) {
            let key = match who {
                "none" => None,
                "bad" => Some("cor_000000000000_00".to_string()),
                other => key(other),
            };
            let reply = rt
                .block_on(Client::new(&server.url, key.as_deref()).send(
                    method,
                    path,
                    body.as_ref().map(|b| b.to_string().into_bytes()),
                    &[],
                ))
                .unwrap();
            cases += 1;
            let got = match reply.status {
                401 => None,
                403 => Some(Not),
                404 => Some(Hidden),
                _ => Some(Do),
            };
            if got != want {
                failures.push(format!(
                    "{who:>9} {method} {path}: {} (expected {want:?}) {}",
                    reply.status,
                    reply.text()
                ));
            }
        }
    }
    // Unauthenticated endpoints answer everyone.
    for path in ["/healthz", "/readyz", "/openapi.json", "/docs"] {
        let reply = rt
            .block_on(Client::new(&server.url, None).get(path))
            .unwrap();
        assert_eq!(reply.status, 200, "{path}");
    }
    server.stop();
    assert!(
        failures.is_empty(),
        "{} of {cases} cases wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
