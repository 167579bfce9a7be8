//! `corridor report --data-dir D ...`: the workflow's reports from a store, after replay.
//!
//! * `cycles` — every clearing cycle's report (figures per currency and in total at the fix,
//!   what crossed the border, deferrals, the swap line, bank positions, every payment
//!   instruction);
//! * `statement --bank BIC --from DATE --to DATE` — a bank's statement, reconciled to the ledger
//!   (`reconciled` is recomputed from its figures);
//! * `barter --until DATE [--trader ID]` — the barter-window report.
//!
//! Text for people by default; `--json` prints the same report as JSON (amounts as decimal
//! strings with their currency).

use anyhow::{Context, bail};
use corridor::workflow::parse_day;
use service::{Service, report};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The data directory of the store (e.g. one kept by `corridor demo --data-dir`).
    #[arg(long)]
    pub data_dir: PathBuf,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub report: Report,
}

#[derive(clap::Subcommand)]
pub enum Report {
    /// Every clearing cycle's report.
    Cycles,
    /// A bank's statement for a period of value dates.
    Statement {
        #[arg(long)]
        bank: String,
        /// First value date, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last value date, YYYY-MM-DD.
        #[arg(long)]
        to: String,
    },
    /// Exports and imports per trader inside the barter window ending on a date.
    Barter {
        /// The window's last day, YYYY-MM-DD.
        #[arg(long)]
        until: String,
        #[arg(long)]
        trader: Option<String>,
    },
}

fn day(field: &str, text: &str) -> anyhow::Result<u32> {
    parse_day(text).with_context(|| format!("--{field} {text:?} is not a date YYYY-MM-DD"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.data_dir.join(store::DATABASE_FILE).exists() {
        bail!("no store at {}", args.data_dir.display());
    }
    let service = Service::open(&args.data_dir)?;
    let value = match &args.report {
        Report::Cycles => service.with(|w| {
            serde_json::Value::Array(w.cycles().iter().map(|c| report::cycle(w, c)).collect())
        }),
        Report::Statement { bank, from, to } => {
            match service.statement(bank, day("from", from)?, day("to", to)?)? {
                Ok(s) => report::statement(bank, &s),
                Err(refusal) => bail!("{refusal}"),
            }
        }
        Report::Barter { until, trader } => {
            let until = day("until", until)?;
            let built = service.with(|w| corridor::barter::report(w, until, trader.as_deref()));
            report::barter(&built.map_err(|r| anyhow::anyhow!("{r}"))?)
        }
    };
    service.shutdown();
    let mut out = String::new();
    if args.json {
        out = serde_json::to_string_pretty(&value)? + "\n";
    } else {
        text(&value, 0, &mut out);
    }
    // A closed pipe (`| head`) is not an error worth a panic.
    use std::io::Write;
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

/// The JSON report as indented text: money objects on one line as "amount CUR".
fn text(value: &serde_json::Value, indent: usize, out: &mut String) {
    use serde_json::Value;
    use std::fmt::Write;
    let pad = "  ".repeat(indent);
    let money = |v: &Value| match (v.get("amount"), v.get("currency"), v.as_object()) {
        (Some(Value::String(a)), Some(Value::String(c)), Some(o)) if o.len() == 2 => {
            Some(format!("{a} {c}"))
        }
        _ => None,
    };
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if let Some(m) = money(v) {
                    let _ = writeln!(out, "{pad}{key}: {m}");
                } else if v.is_object() || v.is_array() {
                    let _ = writeln!(out, "{pad}{key}:");
                    text(v, indent + 1, out);
                } else {
                    let _ = writeln!(out, "{pad}{key}: {}", scalar(v));
                }
            }
        }
        Value::Array(items) => {
            for (k, v) in items.iter().enumerate() {
                if let Some(m) = money(v) {
                    let _ = writeln!(out, "{pad}- {m}");
                } else if v.is_object() || v.is_array() {
                    let _ = writeln!(out, "{pad}- [{k}]");
                    text(v, indent + 1, out);
                } else {
                    let _ = writeln!(out, "{pad}- {}", scalar(v));
                }
            }
        }
        other => {
            let _ = writeln!(out, "{pad}{}", scalar(other));
        }
    }
}

fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
