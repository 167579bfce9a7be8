//! `corridor demo --server URL --keys FILE`: the same PK-IR scenario driven through the HTTP API,
//! each step with the key of the role that takes it (the operator configures the corridor and
//! runs cycles; the central banks register and fund their banks and publish the fixes; the
//! banks register their traders, submit invoices in batches, accept, reject, dispute and
//! resolve). The keys file is JSON: `{"operator": "...", "central_banks": {"PKR": "...",
//! "IRR": "..."}, "banks": {"HABBPKKA": "...", ...}}`, from `corridor admin create-key`.
//! Every POST carries its own Idempotency-Key; a request whose answer was lost is sent again
//! with the same key, so nothing is applied twice.

use crate::demo::Scenario;
use anyhow::{Context, bail};
use api::client::{Client, Reply};
use corridor::workflow::{Command, date_text};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::process::ExitCode;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeysFile {
    pub operator: String,
    #[serde(default)]
    pub auditor: Option<String>,
    pub central_banks: BTreeMap<String, String>,
    pub banks: BTreeMap<String, String>,
}

/// Most obligations per batch request.
const BATCH: usize = 500;

struct Driver {
    runtime: tokio::runtime::Runtime,
    client: Client,
    keys: KeysFile,
    /// Idempotency keys are `demo-<nonce>-<n>`: unique to this run, one per request, the same
    /// on every retry of it.
    nonce: String,
    sent: std::cell::Cell<u64>,
}

/// Tries per request: a lost connection, a request still in flight (409) or a timeout (503)
/// is retried with the same Idempotency-Key, so it is applied once.
const ATTEMPTS: u32 = 5;

fn money(amount: &str, currency: &str) -> Value {
    json!({ "amount": amount, "currency": currency })
}

impl Driver {
    fn key_of_bank(&self, bic: &str) -> anyhow::Result<&str> {
        self.keys
            .banks
            .get(bic)
            .map(String::as_str)
            .with_context(|| format!("the keys file has no key for bank {bic}"))
    }

    fn key_of_currency(&self, currency: &str) -> anyhow::Result<&str> {
        self.keys
            .central_banks
            .get(currency)
            .map(String::as_str)
            .with_context(|| format!("the keys file has no central-bank key for {currency}"))
    }

    /// POSTs with a fresh Idempotency-Key, retrying what may not have been answered.
    fn send(&self, key: &str, path: &str, body: Value) -> anyhow::Result<Reply> {
        let n = self.sent.get();
        self.sent.set(n + 1);
        let idempotency = format!("demo-{}-{n}", self.nonce);
        let client = self.client.with_key(Some(key));
        let mut attempt = 0;
        loop {
            attempt += 1;
            let reply = self
                .runtime
                .block_on(client.post_idempotent(path, &body, &idempotency));
            let again = match &reply {
                Err(_) => true,
                Ok(r) => {
                    r.status == 409 && r.json()["type"] == "/problems/idempotency-key-in-flight"
                        || r.status == 503
                }
            };
            if !again || attempt == ATTEMPTS {
                return reply.map_err(|e| anyhow::anyhow!(e));
            }
            std::thread::sleep(std::time::Duration::from_millis(100 << attempt));
        }
    }

    /// Reads with the auditor's key when there is one (read-only), else the operator's.
    fn get(&self, path: &str) -> anyhow::Result<Value> {
        let key = self.keys.auditor.as_deref().unwrap_or(&self.keys.operator);
        let client = self.client.with_key(Some(key));
        let owned = path.to_string();
        let reply = self
            .runtime
            .block_on(async move { client.get(&owned).await })
            .map_err(|e| anyhow::anyhow!(e))?;
        if reply.status != 200 {
            bail!("GET {path}: {} {}", reply.status, reply.text());
        }
        Ok(reply.json())
    }

    /// The request for a command: (key, path, body).
    fn request(&self, command: &Command) -> anyhow::Result<(String, String, Value)> {
        Ok(match command {
            Command::ConfigureCorridor {
                name,
                sides,
                cut_off,
                swap_line,
                swap_line_currency,
                hs_allow,
                hs_deny,
                hs_default,
                barter_window_days,
                barter_tolerance_percent,
            } => (
                self.keys.operator.clone(),
                "/v1/corridor".into(),
                json!({
                    "name": name, "sides": sides, "cut_off": cut_off,
                    "swap_line": money(swap_line, swap_line_currency),
                    "hs_allow": hs_allow, "hs_deny": hs_deny, "hs_default": hs_default,
                    "barter_window_days": barter_window_days,
                    "barter_tolerance_percent": barter_tolerance_percent,
                }),
            ),
            Command::RegisterBank {
                bic,
                name,
                country,
                currency,
                net_debit_cap,
            } => (
                self.key_of_currency(currency)
                    .unwrap_or(&self.keys.operator)
                    .to_string(),
                "/v1/banks".into(),
                json!({ "bic": bic, "name": name, "country": country, "net_debit_cap": money(net_debit_cap, currency) }),
            ),
            Command::FundBank { bic, amount } => {
                let currency = if bic.get(4..6) == Some("PK") {
                    "PKR"
                } else {
                    "IRR"
                };
                (
                    self.key_of_currency(currency)?.to_string(),
                    format!("/v1/banks/{bic}/funding"),
                    json!({ "amount": money(amount, currency) }),
                )
            }
            Command::PublishRate {
                value_date,
                rate,
                valid_from,
                valid_to,
                source,
            } => (
                self.key_of_currency("PKR")?.to_string(),
                "/v1/rate-fixes".into(),
                json!({ "value_date": value_date, "rate": rate, "valid_from": valid_from, "valid_to": valid_to, "source": source }),
            ),
            Command::RegisterTrader {
                id,
                legal_name,
                original_name,
                tax_id,
                country,
                bank,
            } => (
                self.key_of_bank(bank)?.to_string(),
                "/v1/traders".into(),
                json!({ "id": id, "legal_name": legal_name, "original_name": original_name, "tax_id": tax_id, "country": country, "bank": bank }),
            ),
            Command::SubmitObligation { submitted_by, .. } => (
                self.key_of_bank(submitted_by)?.to_string(),
                "/v1/obligations".into(),
                obligation_body(command),
            ),
            Command::Act {
                obligation,
                bank,
                action,
            } => (
                self.key_of_bank(bank)?.to_string(),
                format!("/v1/obligations/{obligation}/{}", action.replace('_', "-")),
                json!({}),
            ),
            Command::RunCycle { value_date, .. } => (
                self.keys.operator.clone(),
                "/v1/cycles".into(),
                json!({ "value_date": value_date }),
            ),
        })
    }

    /// Runs commands in order; obligations go in batches per submitting bank. Returns each
    /// refusal's problem body (empty when all succeeded).
    fn run(&self, commands: &[Command]) -> anyhow::Result<Vec<Value>> {
        let mut problems = Vec::new();
        let mut k = 0;
        while k < commands.len() {
            if let Command::SubmitObligation { submitted_by, .. } = &commands[k] {
                let bank = submitted_by.clone();
                let mut items = Vec::new();
                while k < commands.len() && items.len() < BATCH {
                    match &commands[k] {
                        Command::SubmitObligation { submitted_by, .. } if *submitted_by == bank => {
                            items.push(obligation_body(&commands[k]));
                            k += 1;
                        }
                        _ => break,
                    }
                }
                let reply = self.send(
                    self.key_of_bank(&bank)?,
                    "/v1/obligations/batch",
                    json!({ "obligations": items }),
                )?;
                if reply.status != 200 {
                    bail!("batch of {bank}: {} {}", reply.status, reply.text());
                }
                for result in reply.json()["results"].as_array().into_iter().flatten() {
                    if result["status"] != 201 {
                        problems.push(result["problem"].clone());
                    }
                }
                continue;
            }
            let (key, path, body) = self.request(&commands[k])?;
            let reply = self.send(&key, &path, body)?;
            match reply.status {
                200 | 201 => {}
                400..=499 => problems.push(reply.json()),
                _ => bail!("{path}: {} {}", reply.status, reply.text()),
            }
            k += 1;
        }
        Ok(problems)
    }
}

fn obligation_body(command: &Command) -> Value {
    match command {
        Command::SubmitObligation {
            id,
            debtor,
            creditor,
            amount,
            currency,
            hs_code,
            issued,
            due,
            ..
        } => json!({
            "id": id, "debtor": debtor, "creditor": creditor,
            "amount": money(amount, currency), "hs_code": hs_code, "issued": issued, "due": due,
        }),
        _ => Value::Null,
    }
}

fn all_ok(what: &str, problems: Vec<Value>) -> anyhow::Result<()> {
    if let Some(first) = problems.first() {
        bail!("{what}: {} refused, the first: {first}", problems.len());
    }
    Ok(())
}

fn m(v: &Value) -> String {
    format!(
        "{} {}",
        v["amount"].as_str().unwrap_or("?"),
        v["currency"].as_str().unwrap_or("")
    )
}

pub fn run(
    server: &str,
    keys_path: &std::path::Path,
    s: Scenario,
    json_out: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let keys: KeysFile = serde_json::from_slice(
        &std::fs::read(keys_path).with_context(|| format!("--keys {}", keys_path.display()))?,
    )
    .with_context(|| format!("--keys {}", keys_path.display()))?;
    let driver = Driver {
        runtime: tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?,
        client: Client::new(server, None),
        keys,
        nonce: format!(
            "{:x}-{}",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
            std::process::id()
        ),
        sent: std::cell::Cell::new(0),
    };
    println!("Corridor demo through the API at {server}");
    all_ok("setup", driver.run(&s.setup)?)?;
    all_ok("traders", driver.run(&s.traders)?)?;
    println!(
        "  corridor configured, 6 banks registered and funded, rate fixes for {} and {}, {} traders",
        date_text(s.day1),
        date_text(s.day2),
        s.traders.len()
    );
    println!("Refused on submission (problem+json, nothing stored):");
    for problem in driver.run(&s.bad)? {
        println!(
            "  {} {}: {}",
            problem["status"],
            problem["field"].as_str().unwrap_or("-"),
            problem["detail"].as_str().unwrap_or("")
        );
    }
    let mut reports = Vec::new();
    let mut disputed: Vec<(String, String)> = Vec::new();
    for day in 0..2 {
        all_ok("invoices", driver.run(&s.per_day[day])?)?;
        all_ok("answers", driver.run(&s.actions[day])?)?;
        if day == 0 {
            let page = driver.get("/v1/obligations?status=accepted&limit=1000")?;
            disputed = page["items"]
                .as_array()
                .into_iter()
                .flatten()
                .step_by(97)
                .take(5)
                .map(|o| {
                    (
                        o["id"].as_str().unwrap_or("").to_string(),
                        o["creditor_bank"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect();
        }
        let step = if day == 0 { "dispute" } else { "resolve" };
        let acts: Vec<Command> = disputed
            .iter()
            .map(|(id, bank)| Command::Act {
                obligation: id.clone(),
                bank: bank.clone(),
                action: step.into(),
            })
            .collect();
        all_ok(step, driver.run(&acts)?)?;
        let cycle = Command::RunCycle {
            value_date: date_text(if day == 0 { s.day1 } else { s.day2 }),
            ledger_balances: Default::default(),
        };
        all_ok("cycle", driver.run(&[cycle])?)?;
        let report = driver.get(&format!("/v1/cycles/{}", day + 1))?;
        println!();
        println!(
            "Clearing cycle {} (value date {}): {} eligible, {} in the cycle, {} deferred",
            report["cycle"],
            report["value_date"].as_str().unwrap_or(""),
            report["eligible"],
            report["included"],
            report["deferred"]
        );
        for d in report["deferred_banks"].as_array().into_iter().flatten() {
            println!(
                "  deferred: {}: {}",
                d["bic"].as_str().unwrap_or(""),
                d["reason"].as_str().unwrap_or("")
            );
        }
        for (currency, f) in report["currencies"].as_object().into_iter().flatten() {
            println!(
                "  {currency}: gross {}, set off {} ({} %), settled {}; liquidity needed after netting {} ({} % of gross); crossed {}",
                m(&f["gross"]),
                m(&f["set_off"]),
                f["set_off_percent"].as_str().unwrap_or(""),
                m(&f["settled"]),
                m(&f["liquidity_needed_after_netting"]),
                f["liquidity_percent_of_gross"].as_str().unwrap_or(""),
                m(&f["crossed"])
            );
        }
        println!(
            "  imbalance {} against a swap line of {}",
            m(&report["swap_line"]["imbalance_after"]),
            m(&report["swap_line"]["limit"])
        );
        reports.push(report);
    }
    let statement = driver.get(&format!(
        "/v1/banks/HABBPKKA/statement?from={}&to={}",
        date_text(s.day1),
        date_text(s.day2)
    ))?;
    println!();
    println!(
        "Statement of HABBPKKA: opening {}, {} entries, closing {} (reconciled: {})",
        m(&statement["opening"]),
        statement["entries"].as_array().map_or(0, Vec::len),
        m(&statement["closing"]),
        statement["reconciled"]
    );
    let barter = driver.get(&format!("/v1/barter-window?until={}", date_text(s.day2)))?;
    println!(
        "Barter window: {} traders with cross-border trade",
        barter["traders"].as_array().map_or(0, Vec::len)
    );
    let accounts = driver.get("/v1/accounts")?;
    println!("Balances:");
    for a in accounts["items"].as_array().into_iter().flatten() {
        println!(
            "  {:<28} {:>30}",
            a["name"].as_str().unwrap_or(""),
            m(&a["balance"])
        );
    }
    if let Some(path) = json_out {
        let out = json!({ "corridor": "PK-IR", "server": server, "cycles": reports, "statement": statement, "barter_window": barter });
        std::fs::write(path, serde_json::to_string_pretty(&out)? + "\n")
            .with_context(|| format!("write {}", path.display()))?;
    }
    println!(
        "Done. Stop the server and run `corridor verify --data-dir <its data dir>` to check the journal."
    );
    Ok(ExitCode::SUCCESS)
}
