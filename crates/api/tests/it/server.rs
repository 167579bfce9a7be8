//! The server in process on loopback, with its real store in a temporary directory. Every
//! answer these tests get is checked against the OpenAPI document (status documented for the
//! operation, body fitting its schema).

use api::auth::{Keys, Role};
use api::client::{Client, Reply};
use api::{App, Limits};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Server {
    rt: tokio::runtime::Runtime,
    pub url: String,
    pub app: Arc<App>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    document: Value,
}

/// Every role's key: "operator", "auditor", "cb-PKR", "cb-IRR" and the banks' BICs.
pub type KeyRing = BTreeMap<String, String>;

pub const BANKS: [(&str, &str); 4] = [
    ("HABBPKKA", "PKR"),
    ("MUCBPKKA", "PKR"),
    ("MELIIRTH", "IRR"),
    ("BSIRIRTH", "IRR"),
];

pub fn keys(data: &Path) -> KeyRing {
    let mut ring = KeyRing::new();
    let mut add = |name: &str, role: Role| {
        ring.insert(
            name.to_string(),
            Keys::create(data, &role, "2026-01-01").unwrap(),
        );
    };
    add("operator", Role::Operator);
    add("auditor", Role::Auditor);
    add("cb-PKR", Role::CentralBank(money::PKR));
    add("cb-IRR", Role::CentralBank(money::IRR));
    for (bic, _) in BANKS {
        add(bic, Role::Bank(bic.into()));
    }
    ring
}

pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400;
    corridor::workflow::date_text(days as u32)
}

impl Server {
    pub fn start(data: &Path, limits: Limits) -> Server {
        Server::start_app(Arc::new(App::open(data, limits).unwrap()))
    }

    /// Serves an app made by the test.
    pub fn start_app(app: Arc<App>) -> Server {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = rt.spawn(api::serve(listener, app.clone(), async move {
            let _ = stopped.await;
        }));
        Server {
            rt,
            url,
            app,
            stop: Some(stop),
            task: Some(task),
            document: api::openapi::document(),
        }
    }

    /// Stops like SIGTERM does; returns how long the drain took. The store is closed.
    pub fn stop(mut self) -> Duration {
        let started = Instant::now();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            self.rt.block_on(task).unwrap().unwrap();
        }
        let took = started.elapsed();
        self.rt.shutdown_timeout(Duration::from_secs(5));
        let app = Arc::try_unwrap(self.app)
            .ok()
            .expect("the app is free after the drain");
        let service = app.service.clone();
        drop(app);
        // (A test may hold the service itself; it then closes it.)
        if let Ok(service) = Arc::try_unwrap(service) {
            service.shutdown();
        }
        took
    }

    /// Sends a request; the answer is not checked against the document (for paths and methods
    /// it does not hold: 404, 405).
    pub fn call_unchecked(
        &self,
        key: Option<&str>,
        method: &str,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Reply {
        let client = Client::new(&self.url, key);
        self.rt
            .block_on(client.send(method, path, body, &[]))
            .unwrap()
    }

    /// Sends a request and checks the answer against the OpenAPI document.
    pub fn call(
        &self,
        key: Option<&str>,
        method: &str,
        path: &str,
        body: Option<Vec<u8>>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let client = Client::new(&self.url, key);
        let reply = self
            .rt
            .block_on(client.send(method, path, body, headers))
            .unwrap();
        if let Err(e) = api::openapi::check_response(
            &self.document,
            method,
            path,
            reply.status,
            &reply.content_type,
            &reply.body,
        ) {
            panic!("{e}\n{}", reply.text());
        }
        reply
    }

    pub fn get(&self, key: &str, path: &str) -> Reply {
        self.call(Some(key), "GET", path, None, &[])
    }

    pub fn post(&self, key: &str, path: &str, body: &Value) -> Reply {
        self.call(
            Some(key),
            "POST",
            path,
            Some(body.to_string().into_bytes()),
            &[],
        )
    }

    pub fn post_keyed(&self, key: &str, path: &str, body: &Value, idempotency: &str) -> Reply {
        self.call(
            Some(key),
            "POST",
            path,
            Some(body.to_string().into_bytes()),
            &[("idempotency-key", idempotency)],
        )
    }

    pub fn address(&self) -> String {
        self.url.trim_start_matches("http://").to_string()
    }
}

/// A fresh data directory with every key.
pub fn fresh() -> (tempfile::TempDir, PathBuf, KeyRing) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ring = keys(&data);
    (dir, data, ring)
}

pub fn corridor_body() -> Value {
    json!({
        "name": "PK-IR",
        "sides": [
            {"country": "PK", "currency": "PKR", "central_bank": "SBPPPKKA", "central_bank_name": "State Bank of Pakistan"},
            {"country": "IR", "currency": "IRR", "central_bank": "BMJIIRTH", "central_bank_name": "Central Bank of Iran"}
        ],
        "cut_off": "11:00", "swap_line": {"amount": "1000000.00", "currency": "PKR"},
        "hs_allow": [], "hs_deny": ["93"], "hs_default": "allow",
        "barter_window_days": 120, "barter_tolerance_percent": 20
    })
}

pub fn invoice(id: &str, debtor: &str, creditor: &str, amount: &str, currency: &str) -> Value {
    let day = today();
    json!({"id": id, "debtor": debtor, "creditor": creditor, "amount": {"amount": amount, "currency": currency}, "hs_code": "100630", "issued": day, "due": day})
}

/// The corridor, four banks (MUCB with no cap and no funds), a trader each, a fix.
pub fn world(s: &Server, k: &KeyRing) {
    let ok = |r: Reply, what: &str| {
        assert!(r.status < 300, "{what}: {} {}", r.status, r.text());
    };
    ok(
        s.post(&k["operator"], "/v1/corridor", &corridor_body()),
        "corridor",
    );
    for (bic, currency) in BANKS {
        let (country, cap) = if currency == "PKR" {
            ("PK", if bic == "MUCBPKKA" { "0" } else { "1000.00" })
        } else {
            ("IR", "1000.00")
        };
        let body = json!({"bic": bic, "name": bic, "country": country, "net_debit_cap": {"amount": cap, "currency": currency}});
        ok(
            s.post(&k[&format!("cb-{currency}")], "/v1/banks", &body),
            bic,
        );
    }
    ok(
        s.post(
            &k["cb-PKR"],
            "/v1/banks/HABBPKKA/funding",
            &json!({"amount": {"amount": "5000.00", "currency": "PKR"}}),
        ),
        "funding",
    );
    ok(
        s.post(
            &k["cb-IRR"],
            "/v1/banks/MELIIRTH/funding",
            &json!({"amount": {"amount": "50000000.00", "currency": "IRR"}}),
        ),
        "funding",
    );
    ok(
        s.post(
            &k["cb-PKR"],
            "/v1/rate-fixes",
            &json!({"value_date": today(), "rate": "4163.85", "source": "test"}),
        ),
        "fix",
    );
    let traders = [
        ("PK-A", "HABBPKKA", "PK", "1234567-8".to_string()),
        ("PK-M", "MUCBPKKA", "PK", "7654321-0".to_string()),
        (
            "IR-X",
            "MELIIRTH",
            "IR",
            corridor::participants::iran_national_id(5),
        ),
        (
            "IR-S",
            "BSIRIRTH",
            "IR",
            corridor::participants::iran_national_id(7),
        ),
    ];
    for (id, bank, country, tax) in traders {
        let body = json!({"id": id, "legal_name": format!("Trader {id}"), "tax_id": tax, "country": country, "bank": bank});
        ok(s.post(&k[bank], "/v1/traders", &body), id);
    }
}

pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "waited 20 s for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every kind of POST with an Idempotency-Key, then state moves on (a later cycle, more
/// funding, the obligation cleared), then a restart: each retry gets its first answer, byte
/// for byte, marked as a replay, and nothing is applied twice.
#[test]
fn retries_after_a_restart_get_the_first_answer_for_every_kind_of_post() {
    let (_dir, data, k) = fresh();
    let s = Server::start(&data, Limits::default());
    let day = today();
    let corridor = ("operator", "/v1/corridor".to_string(), corridor_body());
    let steps: Vec<(&str, String, Value)> = vec![
        corridor,
        (
            "cb-PKR",
            "/v1/banks".into(),
            json!({"bic": "HABBPKKA", "name": "HBL", "country": "PK", "net_debit_cap": {"amount": "1000.00", "currency": "PKR"}}),
        ),
        (
            "cb-IRR",
            "/v1/banks".into(),
            json!({"bic": "MELIIRTH", "name": "Melli", "country": "IR", "net_debit_cap": {"amount": "1000.00", "currency": "IRR"}}),
        ),
        (
            "cb-PKR",
            "/v1/banks/HABBPKKA/funding".into(),
            json!({"amount": {"amount": "30.00", "currency": "PKR"}}),
        ),
        (
            "cb-PKR",
            "/v1/rate-fixes".into(),
            json!({"value_date": day, "rate": "4163.85", "source": "test"}),
        ),
        (
            "HABBPKKA",
            "/v1/traders".into(),
            json!({"id": "PK-A", "legal_name": "Al-Noor Rice Mills", "tax_id": "1234567-8", "country": "PK", "bank": "HABBPKKA"}),
        ),
        (
            "MELIIRTH",
            "/v1/traders".into(),
            json!({"id": "IR-X", "legal_name": "Pars Trading", "tax_id": corridor::participants::iran_national_id(5), "country": "IR", "bank": "MELIIRTH"}),
        ),
        (
            "MELIIRTH",
            "/v1/obligations".into(),
            invoice("INV-1", "PK-A", "IR-X", "20.00", "PKR"),
        ),
        (
            "MELIIRTH",
            "/v1/obligations/batch".into(),
            json!({"obligations": [
                invoice("INV-2", "PK-A", "IR-X", "5.00", "PKR"),
                invoice("INV-3", "PK-NOBODY", "IR-X", "5.00", "PKR"),
                invoice("INV-4", "PK-A", "IR-X", "-1", "PKR"),
            ]}),
        ),
        ("HABBPKKA", "/v1/obligations/INV-1/accept".into(), json!({})),
        ("HABBPKKA", "/v1/obligations/INV-2/accept".into(), json!({})),
        ("operator", "/v1/cycles".into(), json!({"value_date": day})),
    ];
    let mut first = Vec::new();
    for (n, (who, path, body)) in steps.iter().enumerate() {
        let reply = s.post_keyed(&k[*who], path, body, &format!("key-{n}"));
        assert!(
            reply.status < 300 && !reply.replayed,
            "{path}: {} {}",
            reply.status,
            reply.text()
        );
        first.push(reply);
    }
    let batch = first[8].json();
    assert_eq!(batch["accepted"], 1, "{batch}");
    // State moves on: another cycle, more funding (so "the current state" differs from the
    // first answers).
    let r = s.post(
        &k["cb-PKR"],
        "/v1/banks/HABBPKKA/funding",
        &json!({"amount": {"amount": "1.00", "currency": "PKR"}}),
    );
    assert_eq!(r.status, 201);
    let r = s.post(&k["operator"], "/v1/cycles", &json!({"value_date": day}));
    assert_eq!(r.status, 201, "{}", r.text());
    let balance = |s: &Server| s.get(&k["auditor"], "/v1/accounts?limit=1000").json();
    let before = balance(&s);
    s.stop();

    let s = Server::start(&data, Limits::default());
    for (n, (who, path, body)) in steps.iter().enumerate() {
        let again = s.post_keyed(&k[*who], path, body, &format!("key-{n}"));
        assert_eq!(
            (again.status, again.text()),
            (first[n].status, first[n].text()),
            "retry of {path} after a restart"
        );
        assert!(again.replayed, "{path}: marked as a replay");
    }
    assert_eq!(first[3].json()["transfer"], "1", "the funding's transfer");
    assert_eq!(first[11].json()["cycle"], 1, "the keyed cycle was cycle 1");
    assert_eq!(first[9].json()["status"], "accepted");
    assert_eq!(balance(&s), before, "nothing applied twice");
    let cycles = s.get(&k["auditor"], "/v1/cycles").json();
    assert_eq!(cycles["items"].as_array().unwrap().len(), 2);
    // The same key with another body: refused, also after the restart.
    let other = s.post_keyed(
        &k["cb-PKR"],
        "/v1/banks/HABBPKKA/funding",
        &json!({"amount": {"amount": "31.00", "currency": "PKR"}}),
        "key-3",
    );
    assert_eq!(
        (other.status, other.json()["type"].clone()),
        (422, json!("/problems/idempotency-key-reused"))
    );
    s.stop();
}

/// Writes an HTTP/1.1 request on a raw connection.
pub fn raw(address: &str, head: &str, body: &[u8]) -> std::net::TcpStream {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    stream
}

/// Reads what the server sends until it closes or `limit` passes: (text, closed).
pub fn read_all(stream: &mut std::net::TcpStream, limit: Duration) -> (String, bool) {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut out = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return (String::from_utf8_lossy(&out).into_owned(), true),
            Ok(n) => out.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return (String::from_utf8_lossy(&out).into_owned(), true);
            }
            Err(_) => return (String::from_utf8_lossy(&out).into_owned(), false),
        }
    }
}

/// A client sends a batch of obligations with a key and drops the connection at once: the
/// write still completes, is counted and logged, the in-flight gauge returns to zero, and the
/// retry with the same key gets the first answer instead of "in flight" forever, without
/// applying anything twice.
#[test]
fn a_client_gone_mid_request_leaves_no_stuck_key() {
    let (_dir, data, k) = fresh();
    let s = Server::start(&data, Limits::default());
    world(&s, &k);
    let items: Vec<Value> = (0..2_000)
        .map(|i| invoice(&format!("G-{i}"), "PK-A", "IR-X", "1.00", "PKR"))
        .collect();
    let body = json!({ "obligations": items }).to_string();
    let head = format!(
        "POST /v1/obligations/batch HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {}\r\nidempotency-key: gone-1\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        k["MELIIRTH"],
        body.len()
    );
    let stream = raw(&s.address(), &head, body.as_bytes());
    // Gone once the write is under way (or, on a fast machine, already done).
    let batch_op = api::operations()
        .iter()
        .position(|o| *o == ("POST", "/v1/obligations/batch"))
        .unwrap();
    wait_until("the write to start", || {
        s.app
            .metrics
            .writes_in_flight
            .load(std::sync::atomic::Ordering::SeqCst)
            > 0
            || s.app.metrics.answered(batch_op, "2xx") > 0
    });
    drop(stream);
    let mut answer = None;
    wait_until("the retry to get the first answer", || {
        let r = s.call(
            Some(&k["MELIIRTH"]),
            "POST",
            "/v1/obligations/batch",
            Some(body.clone().into_bytes()),
            &[("idempotency-key", "gone-1")],
        );
        if r.status == 409 {
            return false;
        }
        answer = Some(r);
        true
    });
    let answer = answer.unwrap();
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert!(answer.replayed, "the first answer, kept for the retry");
    assert_eq!(answer.json()["accepted"], 2_000);
    // Stored once: the list holds each id once.
    let mut seen = 0;
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            None => "/v1/obligations?party=PK-A&limit=1000".to_string(),
            Some(c) => format!("/v1/obligations?party=PK-A&limit=1000&cursor={c}"),
        };
        let page = s.get(&k["auditor"], &path).json();
        seen += page["items"].as_array().unwrap().len();
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, 2_000);
    wait_until("the in-flight gauge to return to zero", || {
        s.app
            .metrics
            .writes_in_flight
            .load(std::sync::atomic::Ordering::SeqCst)
            == 0
    });
    let metrics = s.get(&k["operator"], "/metrics").text();
    assert!(
        metrics.contains("corridor_http_requests_total{method=\"POST\",route=\"/v1/obligations/batch\",status=\"2xx\"} 2"),
        "the dropped request and the retry are both counted:\n{}",
        metrics.lines().filter(|l| l.contains("batch")).collect::<Vec<_>>().join("\n")
    );
    s.stop();
}

/// A body that never arrives gets 408 within the request's limit; headers that never end get
/// the connection closed within the header limit; shutdown with a stalled client and a write
/// in flight finishes the write and stops within the drain limit.
#[test]
fn slow_bodies_and_headers_time_out_and_shutdown_drains_in_bounded_time() {
    let (_dir, data, k) = fresh();
    let limits = Limits {
        request: Duration::from_millis(800),
        header_read: Duration::from_millis(800),
        drain: Duration::from_millis(2_000),
        ..Limits::default()
    };
    let s = Server::start(&data, limits);
    world(&s, &k);
    // A slow body: 10 bytes of 100.
    let head = format!(
        "POST /v1/obligations HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n",
        k["MELIIRTH"]
    );
    let started = Instant::now();
    let mut stream = raw(&s.address(), &head, b"{\"id\": \"S");
    let (text, _) = read_all(&mut stream, Duration::from_secs(5));
    assert!(
        text.starts_with("HTTP/1.1 408") && text.contains("/problems/body-timeout"),
        "{text}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // Slow headers: the connection is closed.
    let started = Instant::now();
    let mut stream = raw(&s.address(), "GET /v1/banks HTTP/1.1\r\nhost: x\r\n", b"");
    let (_, closed) = read_all(&mut stream, Duration::from_secs(5));
    assert!(
        closed,
        "the server closes a connection whose headers never end"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // Shutdown: a stalled client (half a body) and a batch in flight.
    let mut stalled = raw(
        &s.address(),
        &head.replace("content-length: 100", "content-length: 1000000"),
        b"{",
    );
    // (Small enough to finish within the short request limit on a busy machine.)
    let items: Vec<Value> = (0..300)
        .map(|i| invoice(&format!("D-{i}"), "PK-A", "IR-X", "1.00", "PKR"))
        .collect();
    let client_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let melli = Client::new(&s.url, Some(&k["MELIIRTH"]));
    let batch = client_rt.spawn(async move {
        melli
            .post("/v1/obligations/batch", &json!({ "obligations": items }))
            .await
    });
    let app = s.app.clone();
    let in_flight = move || {
        app.metrics
            .writes_in_flight
            .load(std::sync::atomic::Ordering::SeqCst)
            > 0
    };
    // The client runtime drives the request while we wait for it to be in flight.
    client_rt.block_on(async {
        while !in_flight() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    });
    drop(in_flight);
    let stopper = std::thread::spawn(move || s.stop());
    let reply = client_rt.block_on(batch).unwrap().unwrap();
    let took = stopper.join().unwrap();
    assert_eq!(
        reply.status,
        200,
        "the write in flight finishes: {}",
        reply.text()
    );
    assert_eq!(reply.json()["accepted"], 300);
    assert!(
        took < Duration::from_secs(4),
        "the drain is bounded despite the stalled client: {took:?}"
    );
    let _ = stalled.write_all(b"x");
    let s = Server::start(&data, Limits::default());
    let page = s
        .get(&k["auditor"], "/v1/obligations?party=PK-A&limit=10")
        .json();
    assert_eq!(page["items"].as_array().unwrap().len(), 10, "stored");
    s.stop();
}
