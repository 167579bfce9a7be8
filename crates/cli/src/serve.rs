//! `corridor serve`: the HTTP API on the embedded store, and `corridor admin create-key`.
//!
//! Settings come from flags, then environment variables (`CORRIDOR_DATA_DIR`,
//! `CORRIDOR_LISTEN`), then a JSON config file (`--config FILE`: `{"data_dir": "...",
//! "listen": "..."}`), then defaults (listen on 127.0.0.1:8080). Logs are JSON lines on stderr,
//! one per request. SIGINT or SIGTERM stops accepting connections and drains the requests in
//! flight, then the engine shuts down cleanly.

use anyhow::{Context, bail};
use api::App;
use api::auth::{Keys, Role};
use serde::Deserialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

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
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Config {
    data_dir: Option<PathBuf>,
    listen: Option<String>,
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

pub fn admin(command: AdminCommand) -> anyhow::Result<ExitCode> {
    match command {
        AdminCommand::CreateKey {
            data_dir,
            role,
            scope,
        } => {
            let role = Role::parse(&role, scope.as_deref()).map_err(|e| anyhow::anyhow!(e))?;
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
    let keys = Keys::load(&data_dir).map_err(|e| anyhow::anyhow!(e))?;
    let service = Arc::new(service::Service::open(&data_dir)?);
    let opened = service.opened();
    let app = Arc::new(App::new(service.clone(), keys));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(
            args.threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
        )
        .max_blocking_threads(256)
        .enable_all()
        .build()?;
    let keys_loaded = app.keys.len();
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&listen)
            .await
            .with_context(|| format!("listen on {listen}"))?;
        let address = listener.local_addr()?;
        println!("listening on http://{address}");
        eprintln!(
            "{{\"level\":\"info\",\"event\":\"started\",\"address\":\"{address}\",\"data_dir\":{},\"commands_replayed\":{},\"api_keys\":{keys_loaded}}}",
            serde_json::json!(data_dir.display().to_string()),
            opened.commands_replayed
        );
        api::serve(listener, app, shutdown_signal()).await?;
        anyhow::Ok(())
    })?;
    drop(runtime);
    match Arc::try_unwrap(service) {
        Ok(service) => service.shutdown(),
        Err(_) => {
            eprintln!("{{\"level\":\"warn\",\"event\":\"service still referenced at exit\"}}")
        }
    }
    eprintln!("{{\"level\":\"info\",\"event\":\"stopped\"}}");
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
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
    eprintln!("{{\"level\":\"info\",\"event\":\"draining\"}}");
}
