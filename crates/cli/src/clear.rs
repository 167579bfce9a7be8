//! `corridor clear FILE.csv`: optimal multilateral set-off of the obligations in a CSV file.
//!
//! Header: `id,debtor,creditor,amount` plus optional `currency,due_date,debtor_bank,creditor_bank`
//! (any order); amounts are integer minor units. Every bad row is reported (line, field,
//! reason) and nothing is written. `--out` writes one row per obligation
//! (`id,debtor,creditor,amount,cleared,remaining`), `--json` the report.

use anyhow::{Context, bail};
use clearing::{Builder, Obligations, Outcome, Row};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// The obligations, as CSV.
    pub file: PathBuf,
    /// Write one row per obligation: id,debtor,creditor,amount,cleared,remaining.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write the report as JSON.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Clear two currencies together through one gateway per country at this fix, e.g.
    /// `PKR/IRR=4163.85` (1 PKR = 4163.85 IRR). Needs currency and both banks on every row.
    #[arg(long)]
    pub rate: Option<String>,
    /// Which currency a country's banks use, as `CC=CCY` (repeatable). Default for PKR/IRR:
    /// `PK=PKR` and `IR=IRR`.
    #[arg(long)]
    pub home: Vec<String>,
}

/// Parses `--rate BASE/QUOTE=DECIMAL` and `--home CC=CCY`.
pub fn corridor(rate: &str, home: &[String]) -> anyhow::Result<clearing::Corridor> {
    let parse_error =
        || anyhow::anyhow!("--rate {rate:?}: expected BASE/QUOTE=DECIMAL, e.g. PKR/IRR=4163.85");
    let (pair, value) = rate.split_once('=').ok_or_else(parse_error)?;
    let (base, quote) = pair.split_once('/').ok_or_else(parse_error)?;
    let base = money::Currency::from_code(base).context("--rate base currency")?;
    let quote = money::Currency::from_code(quote).context("--rate quote currency")?;
    let rate = money::Rate::parse(base, quote, value).context("--rate")?;
    let mut homes = Vec::new();
    for entry in home {
        let (country, code) = entry
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("--home {entry:?}: expected CC=CCY, e.g. PK=PKR"))?;
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            bail!("--home {entry:?}: {country:?} is not a two-letter country code");
        }
        homes.push((
            country.to_string(),
            money::Currency::from_code(code).context("--home currency")?,
        ));
    }
    if homes.is_empty() {
        match (base.code(), quote.code()) {
            ("PKR", "IRR") | ("IRR", "PKR") => {
                homes = vec![("PK".into(), money::PKR), ("IR".into(), money::IRR)];
            }
            _ => bail!(
                "--home CC=CCY is needed for {base}/{quote} (which countries use which currency)"
            ),
        }
    }
    Ok(clearing::Corridor { rate, home: homes })
}

const COLUMNS: [&str; 8] = [
    "id",
    "debtor",
    "creditor",
    "amount",
    "currency",
    "due_date",
    "debtor_bank",
    "creditor_bank",
];
const PROGRESS_EVERY: u64 = 250_000;

/// Column `index` of a record as trimmed text (`None` for a column the header lacks).
fn field(record: &csv::ByteRecord, index: usize) -> Option<&str> {
    if index == usize::MAX {
        return None;
    }
    let bytes = record.get(index).unwrap_or(b"");
    Some(std::str::from_utf8(bytes).map_or("\u{fffd}", str::trim))
}

/// Reads and validates the CSV. Bad rows make an error listing each of them.
pub fn load(path: &Path) -> anyhow::Result<Obligations> {
    let file = std::fs::File::open(path).with_context(|| format!("open {}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(std::io::BufReader::with_capacity(1 << 20, file));
    let headers = reader
        .byte_headers()
        .with_context(|| format!("read the header of {}", path.display()))?
        .clone();
    let mut column = [usize::MAX; 8];
    for (i, name) in headers.iter().enumerate() {
        let name = std::str::from_utf8(name).unwrap_or("").trim();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(k) if column[k] == usize::MAX => column[k] = i,
            Some(_) => bail!(
                "{}: column {name:?} appears twice in the header",
                path.display()
            ),
            None => bail!(
                "{}: unknown column {name:?}; the header is id,debtor,creditor,amount[,currency,due_date,debtor_bank,creditor_bank]",
                path.display()
            ),
        }
    }
    for (k, required) in COLUMNS.iter().enumerate().take(4) {
        if column[k] == usize::MAX {
            bail!("{}: the header has no {required:?} column", path.display());
        }
    }
    let mut builder = Builder::new();
    let mut record = csv::ByteRecord::new();
    let mut rows: u64 = 0;
    let started = Instant::now();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => bail!("{}: {e}", path.display()),
        }
        rows += 1;
        let line = record.position().map_or(rows + 1, |p| p.line());
        let get = |k: usize| field(&record, column[k]);
        builder.push(
            line,
            &Row {
                id: get(0).unwrap_or(""),
                debtor: get(1).unwrap_or(""),
                creditor: get(2).unwrap_or(""),
                amount: get(3).unwrap_or(""),
                currency: get(4),
                due_date: get(5),
                debtor_bank: get(6),
                creditor_bank: get(7),
            },
        );
        if builder.too_many_errors() {
            break;
        }
        if rows.is_multiple_of(PROGRESS_EVERY) && size > 10 << 20 {
            eprintln!(
                "  read {rows} rows ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
    match builder.finish() {
        Ok(obligations) => Ok(obligations),
        Err(errors) => {
            for e in &errors {
                eprintln!("{}: {e}", path.display());
            }
            bail!(
                "{} bad row(s) in {}; nothing was cleared",
                errors.len(),
                path.display()
            )
        }
    }
}

fn percent(part: i128, whole: i128) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The JSON report (amounts are integer minor units written as strings: they exceed 2^53).
pub fn report(
    o: &Obligations,
    outcome: &Outcome,
    solve_seconds: f64,
    total_seconds: f64,
) -> serde_json::Value {
    let s = &outcome.stats;
    let netting = clearing::net(o, &outcome.cleared);
    serde_json::json!({
        "obligations": s.obligations,
        "firms": s.firms,
        "total_debt": s.total_debt.to_string(),
        "cleared_total": s.cleared_total.to_string(),
        "remaining_total": s.remaining_total.to_string(),
        "cleared_pct": (percent(s.cleared_total, s.total_debt) * 1000.0).round() / 1000.0,
        "net_internal_debt": s.net_internal_debt.to_string(),
        "upper_bound_cleared": (s.total_debt - s.net_internal_debt).to_string(),
        "merged_arcs": s.merged_arcs,
        "cyclic_arcs": s.cyclic_arcs,
        "phases": s.phases,
        "solve_seconds": solve_seconds,
        "total_seconds": total_seconds,
        "certificate_verified": s.certificate_verified,
        "split_rule": "oldest due date first (none last), then id",
        "currencies": netting.figures.iter().map(|(currency, f)| (currency.clone(), serde_json::json!({
            "gross": f.gross.to_string(),
            "set_off": f.set_off.to_string(),
            "remaining": f.remaining.to_string(),
            "liquidity_needed_after_netting": f.liquidity_needed.to_string(),
            "cross_border_gross": f.cross_border_gross.to_string(),
            "cross_border_remaining": f.cross_border_remaining.to_string(),
            "not_netted_without_banks": f.without_banks.to_string(),
        }))).collect::<serde_json::Map<_, _>>(),
        "bank_positions": netting.positions.iter().map(|p| serde_json::json!({
            "bank": p.bank,
            "currency": p.currency.map(|c| c.code()),
            "position": p.amount.to_string(),
            "instruction": if p.amount < 0 { "pay" } else { "receive" },
        })).collect::<Vec<_>>(),
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let obligations = load(&args.file)?;
    let solve_started = Instant::now();
    let mut outcome = clearing::clear(&obligations)?;
    let gateway = match &args.rate {
        None => None,
        Some(rate) => {
            let corridor = corridor(rate, &args.home)?;
            let g = clearing::clear_corridor(&obligations, &corridor)?;
            Some((corridor, g))
        }
    };
    let solve_seconds = solve_started.elapsed().as_secs_f64();
    let per_currency_cleared = outcome.stats.cleared_total;
    if let Some((_, g)) = &gateway {
        // The cleared amount of each invoice, in the invoice's own currency.
        let o = &obligations;
        for i in 0..o.len() {
            let invoice = o.currencies[o.currency[i] as usize];
            outcome.cleared[i] = if invoice == Some(g.debtor_currency[i]) {
                g.debtor_cleared[i].min(o.amount[i])
            } else {
                g.creditor_cleared[i].min(o.amount[i])
            };
        }
        outcome.stats.cleared_total = outcome.cleared.iter().sum();
        outcome.stats.remaining_total = outcome.stats.total_debt - outcome.stats.cleared_total;
    }
    if let Some(path) = &args.out {
        let mut writer =
            csv::Writer::from_path(path).with_context(|| format!("create {}", path.display()))?;
        writer.write_record(["id", "debtor", "creditor", "amount", "cleared", "remaining"])?;
        let o = &obligations;
        for i in 0..o.len() {
            writer.write_record([
                o.ids[i].as_ref(),
                o.firms[o.debtor[i] as usize].as_ref(),
                o.firms[o.creditor[i] as usize].as_ref(),
                &o.amount[i].to_string(),
                &outcome.cleared[i].to_string(),
                &(o.amount[i] - outcome.cleared[i]).to_string(),
            ])?;
        }
        writer.flush()?;
    }
    let total_seconds = started.elapsed().as_secs_f64();
    let s = &outcome.stats;
    println!(
        "{}: {} obligations between {} firms",
        args.file.display(),
        s.obligations,
        s.firms
    );
    let netting = clearing::net(&obligations, &outcome.cleared);
    for (currency, f) in &netting.figures {
        println!(
            "  {currency}: gross {}, set off {} ({:.2} %), remaining {}, liquidity needed after netting {}",
            f.gross,
            f.set_off,
            percent(f.set_off, f.gross),
            f.remaining,
            f.liquidity_needed
        );
    }
    println!(
        "  net internal debt {}  (no set-off can go below it)",
        s.net_internal_debt
    );
    println!(
        "  arcs: {} after merging parallel invoices, {} inside cycles; {} primal-dual phases",
        s.merged_arcs, s.cyclic_arcs, s.phases
    );
    println!(
        "  optimality certificate verified: {}",
        s.certificate_verified
    );
    if let Some((corridor, g)) = &gateway {
        let (base, quote) = (corridor.rate.base(), corridor.rate.quote());
        println!(
            "  gateways at 1 {base} = {} {quote}: {} lots crossed the border as set-off: {} {base} minor units one way, {} {quote} minor units the other (equal value at the fix)",
            corridor.rate.to_decimal_string(),
            g.lots,
            g.border_base,
            g.border_quote
        );
        println!(
            "  cleared with gateways: {} (invoice currencies' minor units) against {} clearing each currency alone",
            outcome.stats.cleared_total, per_currency_cleared
        );
        println!(
            "  conversion remainders: {}/{} of a {base} minor unit, {}/{} of a {quote} minor unit",
            g.residue_base.0, g.residue_base.1, g.residue_quote.0, g.residue_quote.1
        );
    }
    println!("  solve {solve_seconds:.3} s, total {total_seconds:.3} s");
    if let Some(path) = &args.json {
        let mut json = report(&obligations, &outcome, solve_seconds, total_seconds);
        if let Some((corridor, g)) = &gateway {
            json["gateway"] = serde_json::json!({
                "rate": format!("1 {} = {} {}", corridor.rate.base(), corridor.rate.to_decimal_string(), corridor.rate.quote()),
                "lots": g.lots.to_string(),
                "border_base": g.border_base.to_string(),
                "border_quote": g.border_quote.to_string(),
                "joint_border_value": g.joint_border_value.to_string(),
                "residue_base": format!("{}/{}", g.residue_base.0, g.residue_base.1),
                "residue_quote": format!("{}/{}", g.residue_quote.0, g.residue_quote.1),
                "per_currency_cleared_total": per_currency_cleared.to_string(),
            });
        }
        std::fs::write(path, serde_json::to_string_pretty(&json)? + "\n")
            .with_context(|| format!("write {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
