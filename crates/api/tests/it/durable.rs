//! Reads show only durable state, and readiness sees a poisoned store: the service on a store
//! whose commits the test holds back (a gate) or makes fail.

use crate::server::{Server, keys, today};
use api::App;
use api::auth::Keys;
use corridor::workflow::{Command, parse_day};
use journal::Record;
use service::Service;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use store::{Head, Snapshot, SqliteStore, Store, StoreError};

/// SQLite underneath; commits wait while the gate is closed, and fail when told to.
struct Gated {
    inner: SqliteStore,
    gate: Arc<Gate>,
}

#[derive(Default)]
struct Gate {
    closed: Mutex<bool>,
    opened: Condvar,
    fail: AtomicBool,
}

impl Gate {
    fn set(&self, closed: bool) {
        *self.closed.lock().unwrap() = closed;
        self.opened.notify_all();
    }
}

impl Store for Gated {
    fn append(&mut self, records: &[Record]) -> Result<(), StoreError> {
        let mut closed = self.gate.closed.lock().unwrap();
        while *closed {
            closed = self.gate.opened.wait(closed).unwrap();
        }
        drop(closed);
        if self.gate.fail.load(Ordering::SeqCst) {
            return Err(StoreError::Io("injected: the disk is full".into()));
        }
        self.inner.append(records)
    }

    fn head(&self) -> Result<Option<Head>, StoreError> {
        self.inner.head()
    }

    fn read(&self, from: u64, limit: usize) -> Result<Vec<Record>, StoreError> {
        self.inner.read(from, limit)
    }

    fn save_snapshot(&mut self, snapshot: &Snapshot) -> Result<(), StoreError> {
        self.inner.save_snapshot(snapshot)
    }

    fn latest_snapshot(&self) -> Result<Option<Snapshot>, StoreError> {
        self.inner.latest_snapshot()
    }
}

fn gated(data: &std::path::Path) -> (Arc<Service>, Arc<Gate>) {
    let gate = Arc::new(Gate::default());
    let store = Gated {
        inner: SqliteStore::open(data).unwrap(),
        gate: gate.clone(),
    };
    let engine = engine::Engine::start(Box::new(store), engine::Options::default()).unwrap();
    let service = Service::start_with(engine, &mut |_, _, _| {}).unwrap();
    (Arc::new(service), gate)
}

fn day() -> u32 {
    parse_day(&today()).unwrap()
}

/// A command applied in memory but not yet durable is invisible to readers, in process and over
/// HTTP, until its commit is durable.
#[test]
fn reads_wait_until_what_they_show_is_durable() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ring = keys(&data);
    let (service, gate) = gated(&data);
    service
        .execute(day(), Command::pk_ir("1000000.00"))
        .unwrap()
        .unwrap();
    let app = Arc::new(App::new(service.clone(), Keys::load(&data).unwrap()));
    let s = Server::start_app(app);
    gate.set(true);
    let writer = {
        let service = service.clone();
        std::thread::spawn(move || {
            service.execute(
                day(),
                Command::RegisterBank {
                    bic: "HABBPKKA".into(),
                    name: "HBL".into(),
                    country: "PK".into(),
                    currency: "PKR".into(),
                    net_debit_cap: "0".into(),
                },
            )
        })
    };
    // Applied in memory (the workflow shows it) ...
    crate::server::wait_until("the bank in memory", || {
        service.with(|w| w.bank("HABBPKKA").is_some())
    });
    // ... but not durable: a durable read and an HTTP read wait.
    let reader = {
        let service = service.clone();
        std::thread::spawn(move || service.with_durable(|w| w.bank("HABBPKKA").is_some()))
    };
    let url = s.url.clone();
    let auditor = ring["auditor"].clone();
    let http = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(api::client::Client::new(&url, Some(&auditor)).get("/v1/banks/HABBPKKA"))
            .unwrap()
    });
    std::thread::sleep(Duration::from_millis(400));
    assert!(
        !reader.is_finished(),
        "a durable read returned before the commit"
    );
    assert!(
        !http.is_finished(),
        "an HTTP read was answered before the commit"
    );
    assert!(
        !writer.is_finished(),
        "the write was answered before it was durable"
    );
    gate.set(false);
    writer.join().unwrap().unwrap().unwrap();
    assert!(reader.join().unwrap().unwrap());
    let reply = http.join().unwrap();
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["bic"], "HABBPKKA");
    s.stop();
}

/// A failed commit poisons the service: the write gets 503 and `readyz` says not ready, with the
/// reason.
#[test]
fn readyz_reports_a_poisoned_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ring = keys(&data);
    let (service, gate) = gated(&data);
    let app = Arc::new(App::new(service, Keys::load(&data).unwrap()));
    let s = Server::start_app(app);
    let ready = s.call(None, "GET", "/readyz", None, &[]);
    assert_eq!(ready.status, 200);
    gate.fail.store(true, Ordering::SeqCst);
    let r = s.post(
        &ring["operator"],
        "/v1/corridor",
        &crate::server::corridor_body(),
    );
    assert_eq!(r.status, 503, "{}", r.text());
    let ready = s.call(None, "GET", "/readyz", None, &[]);
    assert_eq!(ready.status, 503);
    let problem = ready.json();
    assert_eq!(problem["type"], "/problems/not-ready");
    assert!(
        problem["detail"].as_str().unwrap().contains("disk is full"),
        "{problem}"
    );
    s.stop();
}
