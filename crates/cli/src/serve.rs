//! `corridor serve`: the HTTP API on the embedded store, and `corridor admin` (API keys:
//! create, list, revoke; the demo's keys).
//!
//! Settings come from flags, then environment variables (`CORRIDOR_DATA_DIR`,
//! `CORRIDOR_LISTEN`), then a JSON config file (`--config FILE`: `{"data_dir": "...",
//! "listen": "...", "request_timeout_ms": ..., "header_timeout_ms": ..., "drain_timeout_ms":
//! ...}`), then defaults (listen on 127.0.0.1:8080; 30 s, 10 s, 10 s). Logs are JSON lines on
//! stderr with their time, one per request with its id. SIGHUP (or a change of the key file,
//! checked every second) reloads the API keys. SIGINT or SIGTERM stops accepting connections
//! and drains the requests in flight (bounded), then the engine shuts down cleanly.

use anyhow::{Context, bail};
use api::App;
use api::auth::{Keys, Role};
use corridor::workflow::{Command, Envelope};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// The allocator of the whole `corridor` binary: mimalloc. Under `corridor bench api`, glibc's
/// malloc took about a fifth of the server's CPU (every request's 8 KiB read buffer made it
/// consolidate its small free chunks); measured A/B in the README's `bench api` section.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(clap::Args)]
pub struct Args {
    /// The data directory (created if absent).
    #[arg(long, env = "CORRIDOR_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Address to listen on (port 0 picks a free port; the address is printed).
    #[arg(long, env = "CORRIDOR_LISTEN")]
    pub listen: Option<String>,
    /// A JSON config file with `data_dir` and `listen`.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Worker threads for HTTP (default: the number of cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Longest a request may take, body included (ms; default 30000).
    #[arg(long)]
    pub request_timeout_ms: Option<u64>,
    /// Longest a client may take to send its headers (ms; default 10000).
    #[arg(long)]
    pub header_timeout_ms: Option<u64>,
    /// Longest shutdown takes, from the signal to the exit (ms; default 10000).
    #[arg(long)]
    pub drain_timeout_ms: Option<u64>,
    /// How many idempotency keys' first answers are kept (default 100000).
    #[arg(long)]
    pub idempotency_answers: Option<usize>,
    /// How many idempotency keys are remembered (default 1000000; a retry of an older key is
    /// not recognised and runs as a new request).
    #[arg(long)]
    pub idempotency_keys: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Config {
    data_dir: Option<PathBuf>,
    listen: Option<String>,
    request_timeout_ms: Option<u64>,
    header_timeout_ms: Option<u64>,
    drain_timeout_ms: Option<u64>,
    idempotency_answers: Option<usize>,
    idempotency_keys: Option<usize>,
}

#[derive(clap::Subcommand)]
pub enum AdminCommand {
    /// Create an API key; it is printed once and only its hash is kept.
    CreateKey {
        #[arg(long, env = "CORRIDOR_DATA_DIR")]
        data_dir: PathBuf,
        /// operator, central-bank, bank or auditor.
        #[arg(long)]
        role: String,
        /// The currency of a central bank, the BIC of a bank.
        #[arg(long)]
        scope: Option<String>,
    },
    /// List the keys (id, role, scope, created; never a secret).
    ListKeys {
        #[arg(long, env = "CORRIDOR_DATA_DIR")]
        data_dir: PathBuf,
    },
    /// Revoke a key by its id (the 12 hex digits after `cor_`); a running server drops it
    /// within a second (or at once on SIGHUP).
    RevokeKey {
        #[arg(long, env = "CORRIDOR_DATA_DIR")]
        data_dir: PathBuf,
        /// The key's id.
        id: String,
    },
    /// Create the keys `corridor demo --server` needs (operator, auditor, the two central
    /// banks, the demo's six banks) and write them to a keys file (readable by the owner only).
    DemoKeys {
        #[arg(long, env = "CORRIDOR_DATA_DIR")]
        data_dir: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

fn today_text() -> String {
    corridor::workflow::date_text(
        (std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
            / 86_400) as u32,
    )
}

/// The configured corridor's name and currencies, read from the store in `data_dir` without
/// writing (a running server may hold it); `None` when there is no store or no corridor yet.
fn corridor_currencies(data_dir: &Path) -> anyhow::Result<Option<(String, [String; 2])>> {
    use store::Store;
    if !data_dir.join(store::DATABASE_FILE).exists() {
        return Ok(None);
    }
    let store = store::SqliteStore::open_read_only(data_dir)
        .map_err(|e| anyhow::anyhow!("{}: {e}", data_dir.display()))?;
    let mut from = 1;
    loop {
        let records = store
            .read(from, 4096)
            .map_err(|e| anyhow::anyhow!("{}: {e}", data_dir.display()))?;
        let Some(last) = records.last() else {
            return Ok(None);
        };
        from = last.seq + 1;
        for record in records.iter().filter(|r| r.kind == journal::Kind::Command) {
            let payload = journal::codec::decode_command(&record.payload)
                .map_err(|e| anyhow::anyhow!("journal record {}: {e}", record.seq))?;
            if let Ok(envelope) = Envelope::from_bytes(&payload.command)
                && let Command::ConfigureCorridor { name, sides, .. } = envelope.command
            {
                let [a, b] = sides;
                return Ok(Some((name, [a.currency, b.currency])));
            }
        }
    }
}

/// A central bank's key acts on one currency: an ISO 4217 currency with minor units, and one
/// of the corridor's when the store has a corridor.
fn check_central_bank_scope(data_dir: &Path, currency: money::Currency) -> anyhow::Result<()> {
    if currency.minor_units().is_err() {
        bail!(
            "--scope: {currency} has no minor units; a central bank's currency settles in minor units"
        );
    }
    match corridor_currencies(data_dir)? {
        Some((name, currencies)) if !currencies.iter().any(|c| c == currency.code()) => bail!(
            "--scope: {currency} is not a currency of the corridor {name} ({} and {})",
            currencies[0],
            currencies[1]
        ),
        Some(_) => Ok(()),
        None => {
            eprintln!(
                "note: no corridor is configured in {} yet: the scope {currency} is checked against ISO 4217 only",
                data_dir.display()
            );
            Ok(())
        }
    }
}

pub fn admin(command: AdminCommand) -> anyhow::Result<ExitCode> {
    match command {
        AdminCommand::CreateKey {
            data_dir,
            role,
            scope,
        } => {
            let role = Role::parse(&role, scope.as_deref()).map_err(|e| anyhow::anyhow!(e))?;
            if let Role::CentralBank(currency) = &role {
                check_central_bank_scope(&data_dir, *currency)?;
            }
            let key =
                Keys::create(&data_dir, &role, &today_text()).map_err(|e| anyhow::anyhow!(e))?;
            println!("{key}");
            eprintln!(
                "created a {} key{}; it is shown only now (the server keeps its hash)",
                role.name(),
                role.scope()
                    .map(|s| format!(" for {s}"))
                    .unwrap_or_default()
            );
            Ok(ExitCode::SUCCESS)
        }
        AdminCommand::ListKeys { data_dir } => {
            let stored = api::auth::load_stored(&data_dir).map_err(|e| anyhow::anyhow!(e))?;
            println!("{:<12}  {:<12}  {:<11}  created", "id", "role", "scope");
            for key in &stored {
                println!(
                    "{:<12}  {:<12}  {:<11}  {}",
                    key.id,
                    key.role,
                    key.scope.as_deref().unwrap_or("-"),
                    key.created
                );
            }
            eprintln!("{} keys", stored.len());
            Ok(ExitCode::SUCCESS)
        }
        AdminCommand::RevokeKey { data_dir, id } => {
            if !Keys::revoke(&data_dir, &id).map_err(|e| anyhow::anyhow!(e))? {
                bail!("id: no key {id:?} (corridor admin list-keys shows them)");
            }
            eprintln!("revoked key {id}; a running server stops accepting it within a second");
            Ok(ExitCode::SUCCESS)
        }
        AdminCommand::DemoKeys { data_dir, out } => {
            let create = |role: Role| {
                Keys::create(&data_dir, &role, &today_text()).map_err(|e| anyhow::anyhow!(e))
            };
            let mut banks = serde_json::Map::new();
            for bic in crate::demo::bank_bics() {
                banks.insert(bic.into(), create(Role::Bank(bic.into()))?.into());
            }
            let keys = serde_json::json!({
                "operator": create(Role::Operator)?,
                "auditor": create(Role::Auditor)?,
                "central_banks": {
                    "PKR": create(Role::CentralBank(money::PKR))?,
                    "IRR": create(Role::CentralBank(money::IRR))?,
                },
                "banks": banks,
            });
            use std::io::Write;
            use std::os::unix::fs::OpenOptionsExt;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(&out)
                .with_context(|| format!("--out {}", out.display()))?;
            file.write_all((serde_json::to_string_pretty(&keys)? + "\n").as_bytes())?;
            eprintln!(
                "wrote 10 keys to {} (owner-only); the server keeps only their hashes",
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config: Config = match &args.config {
        Some(path) => serde_json::from_slice(
            &std::fs::read(path).with_context(|| format!("--config {}", path.display()))?,
        )
        .with_context(|| format!("--config {}", path.display()))?,
        None => Config::default(),
    };
    let Some(data_dir) = args.data_dir.or(config.data_dir) else {
        bail!("--data-dir (or CORRIDOR_DATA_DIR, or data_dir in --config) is required");
    };
    let listen = args
        .listen
        .or(config.listen)
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let defaults = api::Limits::default();
    let millis =
        |flag: Option<u64>, file: Option<u64>, default: Duration, name: &str| match flag.or(file) {
            Some(0) => bail!("--{name}: must be at least 1 ms"),
            Some(ms) => Ok(Duration::from_millis(ms)),
            None => Ok(default),
        };
    let count = |flag: Option<usize>, file: Option<usize>, default: usize, name: &str| match flag
        .or(file)
    {
        Some(0) => bail!("--{name}: must be at least 1"),
        Some(n) => Ok(n),
        None => Ok(default),
    };
    let limits = api::Limits {
        request: millis(
            args.request_timeout_ms,
            config.request_timeout_ms,
            defaults.request,
            "request-timeout-ms",
        )?,
        header_read: millis(
            args.header_timeout_ms,
            config.header_timeout_ms,
            defaults.header_read,
            "header-timeout-ms",
        )?,
        drain: millis(
            args.drain_timeout_ms,
            config.drain_timeout_ms,
            defaults.drain,
            "drain-timeout-ms",
        )?,
        answers_max: count(
            args.idempotency_answers,
            config.idempotency_answers,
            defaults.answers_max,
            "idempotency-answers",
        )?,
        keys_max: count(
            args.idempotency_keys,
            config.idempotency_keys,
            defaults.keys_max,
            "idempotency-keys",
        )?,
    };
    if limits.answers_max > limits.keys_max {
        bail!(
            "--idempotency-answers ({}) must not exceed --idempotency-keys ({}): an answer is kept only for a remembered key",
            limits.answers_max,
            limits.keys_max
        );
    }
    let app = Arc::new(App::open(&data_dir, limits).map_err(|e| anyhow::anyhow!(e))?);
    let service = app.service.clone();
    let opened = service.opened();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(
            args.threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
        )
        .max_blocking_threads(256)
        .enable_all()
        .build()?;
    let keys_loaded = app.keys().len();
    let signalled_at = Arc::new(std::sync::OnceLock::new());
    let signal_seen = signalled_at.clone();
    let answers_rebuilt = app.idempotency.len();
    let serving = app.clone();
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&listen)
            .await
            .with_context(|| format!("listen on {listen}"))?;
        let address = listener.local_addr()?;
        println!("listening on http://{address}");
        api::log_event(
            "info",
            "started",
            serde_json::json!({
                "address": address.to_string(),
                "data_dir": data_dir.display().to_string(),
                "commands_replayed": opened.commands_replayed,
                "idempotent_answers_rebuilt": answers_rebuilt,
                "api_keys": keys_loaded,
                "request_timeout_ms": limits.request.as_millis() as u64,
                "header_timeout_ms": limits.header_read.as_millis() as u64,
                "drain_timeout_ms": limits.drain.as_millis() as u64,
                "idempotency_answers": limits.answers_max,
                "idempotency_keys": limits.keys_max,
            }),
        );
        let watcher = tokio::spawn(watch_keys(serving.clone()));
        api::serve(listener, serving, shutdown_signal(signal_seen)).await?;
        watcher.abort();
        anyhow::Ok(())
    })?;
    // One bound from the signal to the exit: work still running past it (a write whose client
    // is long gone) is abandoned unanswered, as a crash would leave it (every answered write is
    // durable already).
    let deadline = signalled_at
        .get()
        .copied()
        .unwrap_or_else(std::time::Instant::now)
        + limits.drain;
    let left = || deadline.saturating_duration_since(std::time::Instant::now());
    runtime.shutdown_timeout(left());
    drop(app);
    match Arc::try_unwrap(service) {
        Ok(service) => {
            // The engine commits what is queued and closes the store, within what is left.
            let (done, closed) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                service.shutdown();
                let _ = done.send(());
            });
            if closed.recv_timeout(left()).is_err() {
                api::log_event(
                    "warn",
                    "the engine did not close within the drain limit: it stops with the process",
                    serde_json::json!({}),
                );
            }
        }
        Err(_) => api::log_event(
            "warn",
            "work still running at the drain limit is abandoned: the engine stops with the process",
            serde_json::json!({}),
        ),
    }
    api::log_event("info", "stopped", serde_json::json!({}));
    Ok(ExitCode::SUCCESS)
}

/// Reloads the API keys on SIGHUP and when the key file changes (checked every second).
async fn watch_keys(app: Arc<App>) {
    let modified = |app: &App| {
        app.keys_file()
            .and_then(|f| std::fs::metadata(f).ok())
            .and_then(|m| m.modified().ok())
    };
    let mut seen = modified(&app);
    let mut hangup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        let signalled = async {
            match hangup.as_mut() {
                Some(s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        let why = tokio::select! {
            () = signalled => "SIGHUP",
            _ = tick.tick() => {
                let now = modified(&app);
                if now == seen {
                    continue;
                }
                "the key file changed"
            }
        };
        seen = modified(&app);
        match app.reload_keys() {
            Ok(count) => api::log_event(
                "info",
                "api keys reloaded",
                serde_json::json!({ "why": why, "api_keys": count }),
            ),
            Err(error) => api::log_event(
                "error",
                "api keys not reloaded: the keys in use stay",
                serde_json::json!({ "why": why, "error": error }),
            ),
        }
    }
}

async fn shutdown_signal(signalled_at: Arc<std::sync::OnceLock<std::time::Instant>>) {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
    let _ = signalled_at.set(std::time::Instant::now());
    api::log_event("info", "shutdown requested", serde_json::json!({}));
}
