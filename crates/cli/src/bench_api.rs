//! `corridor bench api`: concurrent clients on loopback submit obligations to a real `corridor
//! serve` (a child process on a fresh store, sharing this machine), one per request and then in
//! batches, as production would: every request carries its own `Idempotency-Key`, and the
//! server writes its log (one JSON line per request) to a file. It prints requests/s, items/s
//! and latency p50/p99/max for each phase, and the machine's load average before and after.

use crate::machine;
use anyhow::{Context, bail};
use api::auth::{Keys, Role};
use api::client::Client;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Single-obligation requests in the first phase.
    #[arg(long, default_value_t = 100_000)]
    pub requests: usize,
    /// Concurrent clients.
    #[arg(long, default_value_t = 128)]
    pub concurrency: usize,
    /// Obligations per request in the batch phase (0 skips it).
    #[arg(long, default_value_t = 1000)]
    pub batch: usize,
    /// Batch requests in the batch phase.
    #[arg(long, default_value_t = 200)]
    pub batches: usize,
    /// HTTP worker threads of the server.
    #[arg(long, default_value_t = 2)]
    pub server_threads: usize,
    /// The server's log file (default: beside its temporary store).
    #[arg(long)]
    pub log: Option<std::path::PathBuf>,
    /// Send no Idempotency-Key (to measure what keys cost; production sends them).
    #[arg(long)]
    pub no_keys: bool,
}

/// `/proc/loadavg`'s three load averages (1, 5, 15 minutes).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

struct Phase {
    requests: usize,
    items: usize,
    seconds: f64,
    latencies_us: Vec<u64>,
}

impl Phase {
    fn print(&mut self, name: &str) {
        self.latencies_us.sort_unstable();
        let pick = |q: f64| {
            let n = self.latencies_us.len();
            if n == 0 {
                return 0.0;
            }
            self.latencies_us[((n as f64 * q) as usize).min(n - 1)] as f64 / 1000.0
        };
        println!(
            "  {name}: {} requests, {} items in {:.2} s: {:.0} requests/s, {:.0} items/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            self.requests,
            self.items,
            self.seconds,
            self.requests as f64 / self.seconds,
            self.items as f64 / self.seconds,
            pick(0.5),
            pick(0.99),
            self.latencies_us.last().copied().unwrap_or(0) as f64 / 1000.0
        );
    }
}

/// One obligation's JSON, written straight into `out` (the load generator shares the machine
/// with the server, so it spends as little as it can per request; `id` and `day` need no
/// escaping: the bench makes them from digits, letters and dashes).
fn obligation(out: &mut String, id: &str, day: &str) {
    debug_assert!(
        id.bytes()
            .chain(day.bytes())
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    );
    out.push_str(r#"{"id":""#);
    out.push_str(id);
    out.push_str(r#"","debtor":"PK-A","creditor":"IR-X","amount":{"amount":"1.00","currency":"PKR"},"hs_code":"100630","issued":""#);
    out.push_str(day);
    out.push_str(r#"","due":""#);
    out.push_str(day);
    out.push_str(r#""}"#);
}

async fn phase(
    clients: Vec<Client>,
    total: usize,
    per_request: usize,
    day: String,
    prefix: &'static str,
    keys: bool,
) -> anyhow::Result<Phase> {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in clients {
        let (next, day) = (next.clone(), day.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if n >= total {
                    break;
                }
                let t = Instant::now();
                let key = format!("{prefix}{n}");
                let mut body = String::with_capacity(256 * per_request);
                let path = if per_request == 1 {
                    obligation(&mut body, &key, &day);
                    "/v1/obligations"
                } else {
                    body.push_str(r#"{"obligations":["#);
                    for k in 0..per_request {
                        if k > 0 {
                            body.push(',');
                        }
                        obligation(&mut body, &format!("{prefix}{n}-{k}"), &day);
                    }
                    body.push_str("]}");
                    "/v1/obligations/batch"
                };
                let headers: &[(&str, &str)] = if keys {
                    &[("idempotency-key", &key)]
                } else {
                    &[]
                };
                let reply = client
                    .send("POST", path, Some(body.into_bytes()), headers)
                    .await
                    .map_err(|e| anyhow::anyhow!(e))?;
                latencies.push(t.elapsed().as_micros() as u64);
                let ok = if per_request == 1 {
                    reply.status == 201
                } else {
                    reply.status == 200 && reply.json()["accepted"] == per_request
                };
                if !ok {
                    bail!("request {n}: {} {}", reply.status, reply.text());
                }
            }
            anyhow::Ok(latencies)
        }));
    }
    let mut latencies_us = Vec::new();
    for task in tasks {
        latencies_us.extend(task.await??);
    }
    Ok(Phase {
        requests: total,
        items: total * per_request,
        seconds: started.elapsed().as_secs_f64(),
        latencies_us,
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.requests == 0 || args.concurrency == 0 {
        bail!("--requests and --concurrency must be positive");
    }
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let created = "bench";
    let operator = Keys::create(&data, &Role::Operator, created).map_err(|e| anyhow::anyhow!(e))?;
    let pkr = Keys::create(&data, &Role::CentralBank(money::PKR), created)
        .map_err(|e| anyhow::anyhow!(e))?;
    let irr = Keys::create(&data, &Role::CentralBank(money::IRR), created)
        .map_err(|e| anyhow::anyhow!(e))?;
    let hbl = Keys::create(&data, &Role::Bank("HABBPKKA".into()), created)
        .map_err(|e| anyhow::anyhow!(e))?;
    let melli = Keys::create(&data, &Role::Bank("MELIIRTH".into()), created)
        .map_err(|e| anyhow::anyhow!(e))?;
    let log = args
        .log
        .clone()
        .unwrap_or_else(|| dir.path().join("server.log"));
    let log_file =
        std::fs::File::create(&log).with_context(|| format!("--log {}", log.display()))?;
    let load_before = load_average();
    let mut child = std::process::Command::new(std::env::current_exe()?)
        .args(["serve", "--listen", "127.0.0.1:0", "--threads"])
        .arg(args.server_threads.to_string())
        .arg("--data-dir")
        .arg(&data)
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log_file))
        .spawn()
        .context("start corridor serve")?;
    let mut line = String::new();
    BufReader::new(child.stdout.take().context("server stdout")?).read_line(&mut line)?;
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .with_context(|| format!("the server said {line:?}"))?
        .to_string();
    println!("corridor bench api");
    println!("  machine: {}", machine::describe());
    println!(
        "  server: corridor serve at {url} ({} HTTP threads, a fresh SQLite store, fsync per group commit, its log to {}); {} concurrent clients in this process, {}",
        args.server_threads,
        log.display(),
        args.concurrency,
        if args.no_keys {
            "no Idempotency-Key (--no-keys)"
        } else {
            "an Idempotency-Key on every request"
        }
    );
    println!("  load average before (1, 5, 15 min): {load_before}");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let result = runtime.block_on(async {
        let day = corridor::workflow::date_text(
            (std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)?
                .as_secs()
                / 86_400) as u32,
        );
        let setup: Vec<(&str, &str, Value)> = vec![
            (&operator, "/v1/corridor", json!({
                "name": "PK-IR",
                "sides": [
                    {"country": "PK", "currency": "PKR", "central_bank": "SBPPPKKA", "central_bank_name": "State Bank of Pakistan"},
                    {"country": "IR", "currency": "IRR", "central_bank": "BMJIIRTH", "central_bank_name": "Central Bank of Iran"}
                ],
                "cut_off": "11:00", "swap_line": {"amount": "1000000.00", "currency": "PKR"},
                "hs_allow": [], "hs_deny": [], "hs_default": "allow",
                "barter_window_days": 120, "barter_tolerance_percent": 20
            })),
            (&pkr, "/v1/banks", json!({"bic": "HABBPKKA", "name": "HBL", "country": "PK", "net_debit_cap": {"amount": "0", "currency": "PKR"}})),
            (&irr, "/v1/banks", json!({"bic": "MELIIRTH", "name": "Melli", "country": "IR", "net_debit_cap": {"amount": "0", "currency": "IRR"}})),
            (&hbl, "/v1/traders", json!({"id": "PK-A", "legal_name": "A", "tax_id": "1234567", "country": "PK", "bank": "HABBPKKA"})),
            (&melli, "/v1/traders", json!({"id": "IR-X", "legal_name": "X", "tax_id": corridor::participants::iran_national_id(1), "country": "IR", "bank": "MELIIRTH"})),
        ];
        for (key, path, body) in setup {
            let reply = Client::new(&url, Some(key))
                .post(path, &body)
                .await
                .map_err(|e| anyhow::anyhow!(e))?;
            if reply.status != 201 {
                bail!("{path}: {} {}", reply.status, reply.text());
            }
        }
        // One connection pool per client task, like separate bank systems.
        let clients = |n: usize| (0..n).map(|_| Client::new(&url, Some(&melli))).collect::<Vec<_>>();
        let mut single = phase(
            clients(args.concurrency),
            args.requests,
            1,
            day.clone(),
            "S-",
            !args.no_keys,
        )
        .await?;
        single.print("single obligations");
        if args.batch > 0 && args.batches > 0 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let mut batched = phase(
                clients(args.concurrency.min(16)),
                args.batches,
                args.batch,
                day,
                "B-",
                !args.no_keys,
            )
            .await?;
            batched.print(&format!("batches of {}", args.batch));
        }
        anyhow::Ok(())
    });
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    result?;
    println!("  load average after (1, 5, 15 min): {}", load_average());
    let lines = std::fs::read_to_string(&log).map_or(0, |t| t.lines().count());
    println!(
        "  store: {}; server log: {lines} lines",
        machine::dir_size(&data)
    );
    Ok(ExitCode::SUCCESS)
}
