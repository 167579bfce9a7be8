//! Verifying the journal over the API (DESIGN §2: the auditor verifies): the same check as
//! `corridor verify` ([`engine::verify`]): the hash chain and every balance recomputed from the
//! journal alone, on a read-only connection of its own, while the server goes on serving.
//!
//! The journal is append-only, so what the check reads is a consistent prefix of it: every
//! record from the first up to the head it reached (reported as `records` and `head_hash`).
//!
//! It runs in the background, one run at a time (a request while one runs joins it), because
//! a long journal takes a while (about a million records a second here). The latest run is
//! kept: its state (`running`, `passed`, `failed`), when it started and finished, the journal's
//! head when it started (how much there was to read), and the report or the first bad record.

use money::{Currency, format_minor};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The latest verification run.
struct Run {
    number: u64,
    started: String,
    started_at: Instant,
    head_at_start: u64,
    /// `None` while it runs; then the report or the failure.
    outcome: Option<(String, Result<Value, Value>)>,
    millis: Option<u64>,
}

#[derive(Default)]
pub struct Verifications {
    latest: Mutex<Option<Run>>,
}

/// A ledger's sum, in major units when the ledger is an ISO 4217 currency number.
fn show(amount: ledger::Sum, ledger: u32) -> Value {
    let currency = u16::try_from(ledger).ok().and_then(Currency::from_number);
    let minor = amount.to_u128().and_then(|a| i128::try_from(a).ok());
    match (currency, minor) {
        (Some(currency), Some(minor)) => match format_minor(minor, currency) {
            Ok(text) => json!({ "amount": text, "currency": currency.code() }),
            Err(_) => json!({ "minor_units": amount.to_string(), "ledger": ledger }),
        },
        _ => json!({ "minor_units": amount.to_string(), "ledger": ledger }),
    }
}

fn report(r: &engine::VerifyReport) -> Value {
    let totals: Vec<Value> = r
        .totals
        .iter()
        .map(
            |(ledger, (debits, credits, debits_pending, credits_pending))| {
                json!({
                    "ledger": ledger,
                    "debits_posted": show(*debits, *ledger),
                    "credits_posted": show(*credits, *ledger),
                    "debits_pending": show(*debits_pending, *ledger),
                    "credits_pending": show(*credits_pending, *ledger),
                })
            },
        )
        .collect();
    json!({
        "records": r.records,
        "command_records": r.command_records,
        "account_events": r.account_events,
        "transfer_events": r.transfer_events,
        "accounts": r.accounts,
        "transfers": r.transfers,
        "head_hash": r.head_hash,
        "snapshot_checked": r.snapshot_checked,
        "totals": totals,
    })
}

impl Verifications {
    /// The latest run as the API shows it, if there was one.
    pub fn latest(&self) -> Option<Value> {
        let guard = self.latest.lock().unwrap_or_else(|p| p.into_inner());
        let run = guard.as_ref()?;
        let (state, finished, result, failure) = match &run.outcome {
            None => ("running", Value::Null, Value::Null, Value::Null),
            Some((at, Ok(report))) => ("passed", json!(at), report.clone(), Value::Null),
            Some((at, Err(failure))) => ("failed", json!(at), Value::Null, failure.clone()),
        };
        let elapsed = run
            .millis
            .unwrap_or_else(|| run.started_at.elapsed().as_millis() as u64);
        Some(json!({
            "run": run.number,
            "state": state,
            "started": run.started,
            "finished": finished,
            "elapsed_ms": elapsed,
            "journal_head_at_start": run.head_at_start,
            "report": result,
            "failure": failure,
        }))
    }

    /// Starts a run over the store in `data_dir` unless one is running; returns the run's view.
    pub fn start(self: &Arc<Self>, data_dir: PathBuf, head: u64) -> Value {
        {
            let mut guard = self.latest.lock().unwrap_or_else(|p| p.into_inner());
            let running = guard.as_ref().is_some_and(|r| r.outcome.is_none());
            if !running {
                let number = guard.as_ref().map_or(1, |r| r.number + 1);
                *guard = Some(Run {
                    number,
                    started: crate::routes::timestamp(),
                    started_at: Instant::now(),
                    head_at_start: head,
                    outcome: None,
                    millis: None,
                });
                let this = self.clone();
                std::thread::spawn(move || {
                    let outcome = match engine::verify(&data_dir) {
                        Ok(r) => Ok(report(&r)),
                        Err(e) => Err(json!({ "record": e.seq, "reason": e.reason })),
                    };
                    let mut guard = this.latest.lock().unwrap_or_else(|p| p.into_inner());
                    if let Some(run) = guard.as_mut().filter(|r| r.number == number) {
                        run.millis = Some(run.started_at.elapsed().as_millis() as u64);
                        run.outcome = Some((crate::routes::timestamp(), outcome));
                    }
                });
            }
        }
        self.latest().unwrap_or(Value::Null)
    }
}
