//! `corridor screen`: load watch lists in their native formats, screen one name or a CSV of
//! parties, print hits with their explanations (JSON with `--json`); `corridor screen eval` runs
//! the cross-script evaluation; `corridor bench screen` (in `bench.rs`) times 100,000 parties.

use anyhow::{Context, bail};
use screening::parse::{eu, ofac_csv, ofac_xml, un};
use screening::{Config, Query, Screener, WatchList};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Default location of the UN original-script pairs, beside the repository.
pub const DEFAULT_PAIRS: &str =
    "../shared/fixtures/sanctions/un_name_original_script_pairs_2026-02-27.tsv";

/// The list files to load; give at least one.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct ListArgs {
    /// UN Security Council Consolidated List XML.
    #[arg(long, value_name = "FILE")]
    pub un: Vec<PathBuf>,
    /// OFAC legacy sdn.csv (with --ofac-alt and --ofac-add for aliases and addresses).
    #[arg(long, value_name = "FILE")]
    pub ofac_sdn: Option<PathBuf>,
    /// OFAC legacy alt.csv.
    #[arg(long, value_name = "FILE", requires = "ofac_sdn")]
    pub ofac_alt: Option<PathBuf>,
    /// OFAC legacy add.csv.
    #[arg(long, value_name = "FILE", requires = "ofac_sdn")]
    pub ofac_add: Option<PathBuf>,
    /// OFAC sdnList XML (sdn.xml or consolidated.xml).
    #[arg(long, value_name = "FILE")]
    pub ofac_xml: Vec<PathBuf>,
    /// EU Financial Sanctions Files XML (xmlFullSanctionsList_1_1).
    #[arg(long, value_name = "FILE")]
    pub eu: Vec<PathBuf>,
}

/// Matching options.
#[derive(clap::Args, Debug, Clone)]
pub struct MatchArgs {
    /// Minimum score of a hit (default 0.86).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Also screen weak aliases (OFAC weak, UN Low quality) on their own.
    #[arg(long)]
    pub include_weak: bool,
    /// Hits shown per party.
    #[arg(long, default_value_t = 10)]
    pub max_hits: usize,
}

impl MatchArgs {
    pub fn config(&self) -> anyhow::Result<Config> {
        let mut c = Config {
            include_weak_aliases: self.include_weak,
            max_hits: self.max_hits,
            ..Config::default()
        };
        if let Some(t) = self.threshold {
            if !(0.0..=1.0).contains(&t) {
                bail!("--threshold must be between 0 and 1");
            }
            c.threshold = t;
        }
        Ok(c)
    }
}

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<ScreenCommand>,
    #[command(flatten)]
    pub lists: ListArgs,
    #[command(flatten)]
    pub matching: MatchArgs,
    /// Screen this name (any script).
    #[arg(long, conflicts_with = "csv")]
    pub name: Option<String>,
    /// Date of birth of --name: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, requires = "name")]
    pub dob: Option<String>,
    /// Country (name or ISO code) of --name.
    #[arg(long, requires = "name")]
    pub country: Option<String>,
    /// Screen every row of this CSV: header with `name` and optional `id`, `dob`, `country`.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Worker threads for --csv (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(clap::Subcommand, Debug)]
pub enum ScreenCommand {
    /// Recall of the UN's original-script names and false positives on the committed negative
    /// set of Pakistani and Iranian traders, at the threshold and over a curve of thresholds.
    Eval(EvalArgs),
}

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// The UN original-script <-> Latin pairs TSV.
    #[arg(long, default_value = DEFAULT_PAIRS)]
    pub pairs: PathBuf,
    /// A negative set TSV (id, origin, kind, name_latin, name_original_script); default: the
    /// set committed in crates/screening/data.
    #[arg(long)]
    pub negatives: Option<PathBuf>,
    /// A held-out TSV (the pairs file's columns plus `source`; rows without an original-script
    /// name are index-only); default: the set committed in crates/screening/data.
    #[arg(long, value_name = "FILE")]
    pub heldout: Option<PathBuf>,
    /// Extra lists added to the index (the OFAC excerpts, say).
    #[command(flatten)]
    pub lists: ListArgs,
    #[command(flatten)]
    pub matching: MatchArgs,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("read {}", path.display()))?;
    Ok(screening::decode_text(&bytes))
}

/// Loads every list named; each either loads whole or the command fails naming record and field.
pub fn load_lists(args: &ListArgs) -> anyhow::Result<Vec<WatchList>> {
    let mut lists = Vec::new();
    for p in &args.un {
        lists.push(un::parse(&read(p)?).with_context(|| p.display().to_string())?);
    }
    if let Some(sdn) = &args.ofac_sdn {
        let alt = args.ofac_alt.as_deref().map(read).transpose()?;
        let add = args.ofac_add.as_deref().map(read).transpose()?;
        let files = ofac_csv::OfacCsv {
            sdn: &read(sdn)?,
            alt: alt.as_deref(),
            add: add.as_deref(),
        };
        lists.push(ofac_csv::parse(files).with_context(|| sdn.display().to_string())?);
    }
    for p in &args.ofac_xml {
        lists.push(ofac_xml::parse(&read(p)?).with_context(|| p.display().to_string())?);
    }
    for p in &args.eu {
        lists.push(eu::parse(&read(p)?).with_context(|| p.display().to_string())?);
    }
    for l in &lists {
        for w in &l.warnings {
            eprintln!("warning: {w}");
        }
    }
    Ok(lists)
}

/// Reads a parties CSV: `name` column required; `id`, `dob`, `country` optional.
pub fn load_parties(path: &Path) -> anyhow::Result<Vec<(String, Query)>> {
    let text = read(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .with_context(|| format!("{}: header", path.display()))?
        .clone();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    let Some(name) = col("name") else {
        bail!(
            "{}: line 1: the header has no `name` column",
            path.display()
        );
    };
    let (id, dob, country) = (col("id"), col("dob"), col("country"));
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = rec.with_context(|| format!("{}: line {line}", path.display()))?;
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let Some(n) = get(Some(name)) else {
            bail!("{}: line {line}: name: empty", path.display());
        };
        let party_id = get(id).unwrap_or_else(|| format!("line {line}"));
        out.push((
            party_id,
            Query {
                name: n,
                dob: get(dob),
                country: get(country),
            },
        ));
    }
    Ok(out)
}

fn progress_printer(total: usize) -> impl Fn(usize) + Sync {
    let started = Instant::now();
    move |done: usize| {
        if total >= 10_000 && done.is_multiple_of(10_000) {
            eprintln!(
                "screened {done} of {total} parties ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(ScreenCommand::Eval(e)) = args.command {
        return run_eval(e);
    }
    let lists = load_lists(&args.lists)?;
    if lists.is_empty() {
        bail!("no list given: use --un, --ofac-sdn, --ofac-xml or --eu");
    }
    let started = Instant::now();
    let screener = Screener::new(&lists, args.matching.config()?);
    if !args.json {
        eprintln!(
            "loaded {} entries ({} names) from {} list(s) in {:.2} s",
            screener.entries().len(),
            screener.name_count(),
            lists.len(),
            started.elapsed().as_secs_f64()
        );
    }
    let parties: Vec<(String, Query)> = match (&args.name, &args.csv) {
        (Some(n), None) => vec![(
            "name".into(),
            Query {
                name: n.clone(),
                dob: args.dob.clone(),
                country: args.country.clone(),
            },
        )],
        (None, Some(path)) => load_parties(path)?,
        _ => bail!("give --name NAME or --csv FILE"),
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let queries: Vec<Query> = parties.iter().map(|(_, q)| q.clone()).collect();
    let results = screener.screen_batch(&queries, threads, &progress_printer(queries.len()));
    let with_hits = results.iter().filter(|h| !h.is_empty()).count();
    if args.json {
        let rows: Vec<serde_json::Value> = parties
            .iter()
            .zip(&results)
            .filter(|(_, hits)| args.name.is_some() || !hits.is_empty())
            .map(|((id, q), hits)| serde_json::json!({ "id": id, "query": q, "hits": hits }))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "parties": parties.len(),
                "parties_with_hits": with_hits,
                "threshold": screener.config().threshold,
                "results": rows,
            }))?
        );
    } else {
        for ((id, q), hits) in parties.iter().zip(&results) {
            if hits.is_empty() {
                if args.name.is_some() {
                    println!(
                        "no hit for \"{}\" at threshold {:.2}",
                        q.name,
                        screener.config().threshold
                    );
                }
                continue;
            }
            println!("{id}: \"{}\": {} hit(s)", q.name, hits.len());
            for h in hits {
                println!("  {}", h.explain());
            }
        }
        if args.csv.is_some() {
            println!("{} parties screened, {with_hits} with hits", parties.len());
        }
    }
    Ok(if with_hits > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let pairs = read(&args.pairs).context("the pairs file (see --pairs)")?;
    let negatives = match &args.negatives {
        Some(p) => read(p)?,
        None => screening::eval::NEGATIVES_TSV.to_string(),
    };
    let extra = load_lists(&args.lists)?;
    let config = args.matching.config()?;
    let started = Instant::now();
    let heldout = match &args.heldout {
        Some(p) => read(p)?,
        None => screening::eval::HELDOUT_TSV.to_string(),
    };
    let report = screening::eval::evaluate(&pairs, &negatives, Some(&heldout), &extra, &config)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "corridor screen eval ({:.2} s)",
        started.elapsed().as_secs_f64()
    );
    println!(
        "  index: {} entries, {} names (Latin names and aliases only)",
        report.indexed_entries, report.indexed_names
    );
    println!("  threshold {:.2}", report.threshold);
    println!(
        "  recall: {:.1} % ({} of {} original-script names find their own entry; best hit {:.1} %)",
        report.recall * 100.0,
        report.found,
        report.positives,
        report.recall_top1 * 100.0
    );
    for (script, found, total) in &report.recall_by_script {
        println!("    {script}: {found} of {total}");
    }
    println!(
        "    (in-sample: the matcher's rules were written while looking at these pairs' misses)"
    );
    if let Some(h) = &report.heldout {
        println!(
            "  held-out recall: {:.1} % ({} of {} Persian names of UN Iran entries find their own entry; best hit {:.1} %; index + {} entries)",
            h.recall * 100.0,
            h.found,
            h.positives,
            h.recall_top1 * 100.0,
            h.indexed_entries
        );
        for (kind, found, total) in &h.recall_by_kind {
            println!("    {kind}: {found} of {total}");
        }
    }
    println!(
        "  false positives: {:.2} % ({} of {} queries from {} names; Latin {:.2} %, original script {:.2} %)",
        report.fp_rate * 100.0,
        report.false_positives,
        report.negative_queries,
        report.negative_names,
        report.fp_rate_latin * 100.0,
        report.fp_rate_script * 100.0
    );
    println!(
        "  target (recall >= 95 % at <= 1 % false positives): {}",
        if report.meets_target() {
            "met"
        } else {
            "NOT met"
        }
    );
    println!("  curve:  threshold  recall   false positives");
    for p in report
        .curve
        .iter()
        .filter(|p| (p.threshold * 100.0).round() as i32 % 2 == 0)
    {
        println!(
            "          {:.2}       {:5.1} %  {:5.2} %",
            p.threshold,
            p.recall * 100.0,
            p.fp_rate * 100.0
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `corridor bench screen`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Parties to screen.
    #[arg(long, default_value_t = 100_000)]
    pub parties: usize,
    /// Entries of the generated OFAC-sized list (each with 0-4 aliases).
    #[arg(long, default_value_t = 18_000)]
    pub synthetic_entries: usize,
    /// The UN list; default: the Latin side of the 378 UN pairs plus nothing else.
    #[arg(long, value_name = "FILE")]
    pub un: Option<PathBuf>,
    /// The UN pairs TSV used when --un is not given.
    #[arg(long, default_value = DEFAULT_PAIRS)]
    pub pairs: PathBuf,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

pub fn bench(args: BenchArgs) -> anyhow::Result<ExitCode> {
    println!("corridor bench screen");
    println!("  machine: {}", crate::machine::describe());
    let mut lists = Vec::new();
    let un_label = match &args.un {
        Some(p) => {
            lists.push(un::parse(&read(p)?).with_context(|| p.display().to_string())?);
            p.display().to_string()
        }
        None => {
            let pairs = screening::eval::parse_pairs(&read(&args.pairs)?)?;
            lists.push(WatchList {
                source: screening::ListSource::Un,
                published: None,
                entries: screening::eval::latin_entries(&pairs),
                warnings: Vec::new(),
            });
            format!("UN pairs ({})", args.pairs.display())
        }
    };
    lists.push(screening::generate::synthetic_list(
        args.synthetic_entries,
        args.seed,
    ));
    let started = Instant::now();
    let screener = Screener::new(&lists, Config::default());
    let build = started.elapsed().as_secs_f64();
    let aliases: usize = lists
        .iter()
        .flat_map(|l| &l.entries)
        .map(|e| e.names.len())
        .sum();
    println!(
        "  lists: {un_label} + {} generated OFAC-sized entries; {} entries, {} names ({} indexed; weak aliases skipped); index built in {build:.2} s",
        args.synthetic_entries,
        screener.entries().len(),
        aliases,
        screener.name_count()
    );
    let mut rng = screening::generate::Rng::new(args.seed.wrapping_add(7));
    let queries: Vec<Query> = (0..args.parties)
        .map(|_| {
            let g = screening::generate::party(&mut rng);
            let name = if rng.chance(30) { g.script } else { g.latin };
            let dob = (g.kind == "person").then(|| format!("{}", 1950 + rng.below(50)));
            Query {
                name,
                dob,
                country: Some(g.origin.to_string()),
            }
        })
        .collect();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!(
        "  workload: {} generated Pakistani/Iranian parties (30 % in original script), {threads} thread(s)",
        args.parties
    );
    let started = Instant::now();
    let results = screener.screen_batch(&queries, threads, &progress_printer(queries.len()));
    let secs = started.elapsed().as_secs_f64();
    let with_hits = results.iter().filter(|h| !h.is_empty()).count();
    println!(
        "  screened {} parties in {secs:.2} s: {:.0} parties/s; {with_hits} with hits ({:.2} %)",
        args.parties,
        args.parties as f64 / secs.max(1e-9),
        with_hits as f64 * 100.0 / args.parties.max(1) as f64
    );
    println!("  peak memory: {}", crate::machine::peak_rss());
    Ok(ExitCode::SUCCESS)
}
