//! `corridor bench clear`: generate a realistic PK/IR obligation network, write it as CSV, and
//! time reading it, the optimal solve, and the whole run, several times. With `--ortools` it also
//! runs `scripts/ortools_clear.py` on the same file, so one run shows both optima and both times.

use crate::machine;
use anyhow::{Context, bail};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Obligations to generate.
    #[arg(long, default_value_t = 1_000_000)]
    pub obligations: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Timed runs (the median is reported).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Keep the generated CSV here (default: a temporary file).
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Also solve the same file with OR-Tools (python3 with `pip install ortools`).
    #[arg(long)]
    pub ortools: bool,
    /// Also time clearing PKR and IRR together through gateways at this fix (e.g.
    /// `PKR/IRR=4163.85`).
    #[arg(long)]
    pub rate: Option<String>,
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.runs == 0 || args.obligations == 0 {
        bail!("--runs and --obligations must be positive");
    }
    let temporary = tempfile::tempdir()?;
    let path = args
        .csv
        .clone()
        .unwrap_or_else(|| temporary.path().join("obligations.csv"));
    println!("corridor bench clear");
    println!("  machine: {}", machine::describe());
    let generated = Instant::now();
    let csv = clearing::generate::pk_ir_csv(args.obligations, args.seed);
    std::fs::write(&path, &csv).with_context(|| format!("write {}", path.display()))?;
    println!(
        "  workload: {} PK/IR obligations (seed {}), {:.1} MiB CSV at {} (generated in {:.2} s)",
        args.obligations,
        args.seed,
        csv.len() as f64 / 1048576.0,
        path.display(),
        generated.elapsed().as_secs_f64()
    );
    drop(csv);
    let (mut reads, mut solves, mut totals) = (Vec::new(), Vec::new(), Vec::new());
    let mut last = None;
    for run in 1..=args.runs {
        let started = Instant::now();
        let obligations = crate::clear::load(&path)?;
        let read = started.elapsed().as_secs_f64();
        let solve_started = Instant::now();
        let outcome = clearing::clear(&obligations)?;
        let solve = solve_started.elapsed().as_secs_f64();
        let total = started.elapsed().as_secs_f64();
        let s = &outcome.stats;
        println!(
            "  run {run}: read {read:.3} s, solve {solve:.3} s, total {total:.3} s; cleared {} of {} ({:.2} %), {} phases, certificate verified {}",
            s.cleared_total,
            s.total_debt,
            s.cleared_total as f64 * 100.0 / s.total_debt.max(1) as f64,
            s.phases,
            s.certificate_verified
        );
        reads.push(read);
        solves.push(solve);
        totals.push(total);
        last = Some(s.clone());
    }
    println!(
        "  median of {}: read {:.3} s, solve {:.3} s, end to end from CSV {:.3} s; peak memory {}",
        args.runs,
        median(&mut reads),
        median(&mut solves),
        median(&mut totals),
        machine::peak_rss()
    );
    if let Some(s) = &last {
        println!(
            "  optimum: cleared {} (merged arcs {}, in cycles {}, firms {}, net internal debt {})",
            s.cleared_total, s.merged_arcs, s.cyclic_arcs, s.firms, s.net_internal_debt
        );
    }
    if let Some(rate) = &args.rate {
        let corridor = crate::clear::corridor(rate, &[])?;
        let obligations = crate::clear::load(&path)?;
        let mut times = Vec::new();
        let mut outcome = None;
        for _ in 0..args.runs {
            let started = Instant::now();
            outcome = Some(clearing::clear_corridor(&obligations, &corridor)?);
            times.push(started.elapsed().as_secs_f64());
        }
        if let Some(g) = outcome {
            println!(
                "  gateways at {rate}: solve median {:.3} s; {} lots crossed the border as set-off ({} PKR minor units one way, {} IRR the other)",
                median(&mut times),
                g.lots,
                g.border_base,
                g.border_quote
            );
        }
    }
    if args.ortools {
        let ours = last.as_ref().map(|s| s.cleared_total).unwrap_or_default();
        ortools(&path, ours, median(&mut solves))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `scripts/ortools_clear.py --reduced --json` on the same file, checks that OR-Tools finds
/// the same optimum, and prints its solve times next to ours.
fn ortools(path: &std::path::Path, ours: i128, our_solve: f64) -> anyhow::Result<()> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scripts/ortools_clear.py"
    );
    println!("  OR-Tools (python3 {script} --reduced):");
    let output = std::process::Command::new("python3")
        .arg(script)
        .arg(path)
        .args(["--reduced", "--json"])
        .output()
        .context("run python3")?;
    if !output.status.success() {
        bail!(
            "the OR-Tools script failed ({}): {}; install it with `pip install ortools`",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let figures: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("read the OR-Tools script's JSON")?;
    let text = |key: &str| figures[key].as_str().unwrap_or_default().to_string();
    let seconds = |key: &str| figures[key].as_f64().unwrap_or(f64::NAN);
    let theirs: i128 = text("cleared").parse().context("OR-Tools' cleared total")?;
    println!(
        "    SimpleMinCostFlow on the file as given: cleared {theirs}, solve() {:.3} s (loading the CSV in Python {:.3} s, not counted)",
        seconds("solve_seconds"),
        seconds("load_seconds")
    );
    println!(
        "    SimpleMinCostFlow on the reduced graph ({} arcs: parallel obligations merged, strongly connected components only; reducing not counted): cleared {}, solve() {:.3} s",
        figures["reduced_arcs"],
        text("reduced_cleared"),
        seconds("reduced_solve_seconds")
    );
    if theirs != ours {
        bail!("OR-Tools cleared {theirs}, we cleared {ours}: the optima differ");
    }
    println!(
        "    same optimum. Our whole solve (reductions, flow, split and checks; median {our_solve:.3} s) is {:.1}x faster than OR-Tools' solve() on the file and {:.1}x faster than its solve() on the reduced graph",
        seconds("solve_seconds") / our_solve,
        seconds("reduced_solve_seconds") / our_solve
    );
    Ok(())
}
