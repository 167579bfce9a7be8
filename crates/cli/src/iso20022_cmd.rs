//! `corridor iso20022`: ISO 20022 messages from the command line.
//!
//! * `validate FILE`: names the message type and version, reads it into the model (listing what
//!   the model drops, with paths), and checks it against the official XSD with xmllint. Exit 0
//!   valid, 1 invalid, 2 when it could not be checked (no xmllint, or no XSD for that version).
//! * `to-json FILE` / `from-json FILE --type pacs.008`: the JSON form (amounts as decimal
//!   strings with their currency) and back; `to-json` lists on standard error what the JSON
//!   form leaves out; `from-json --envelope swift` writes the CBPR+ envelope.
//! * `gen-pacs008 OBLIGATIONS.csv --out-dir DIR`: one pacs.008 per obligation (or `--batch` per
//!   bank pair), from the `corridor clear` CSV (`id,debtor,creditor,amount[,currency,due_date,
//!   debtor_bank,creditor_bank]`, amounts in minor units, banks as BICs). Message ids are
//!   `PREFIX-YYYYMMDDhhmmss-n`; UETRs are derived from the whole transaction (see
//!   `iso20022::generate`).
//! * `gen-camt053 STATEMENT.json`: a camt.053 from an opening balance, entries and a closing
//!   balance (the JSON form of `iso20022::camt053::StatementInput`), in numbered pages when
//!   it does not fit one message (`iso20022::xml::MAX_INPUT`).
//! * `corridor bench iso20022` ([`bench`]): parse, JSON and write throughput for pacs.008 and a
//!   large camt.053, and the same parse at N and 4N siblings/entries to show it is linear.

use anyhow::{Context, bail};
use iso20022::camt053::{Paging, StatementInput, statement_pages};
use iso20022::generate::{ObligationTransfer, TransferOptions, date_from_days, now_utc};
use iso20022::{
    Amount, Bicfi, Envelope, IsoDate, IsoDateTime, Message, MsgDef, SettlementMethod, Text,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Name the message type and version and check it against the official XSD (xmllint).
    Validate {
        file: PathBuf,
        /// Directory of the official XSDs (default: $CORRIDOR_ISO20022_XSD_DIR or the shared fixtures).
        #[arg(long)]
        xsd_dir: Option<PathBuf>,
    },
    /// Convert a message (Document, or envelope with AppHdr) to its JSON form.
    ToJson {
        file: PathBuf,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Convert the JSON form back to XML.
    FromJson {
        file: PathBuf,
        /// The message type, e.g. `pacs.008` or `pacs.002.001.12`; needed for a bare document.
        #[arg(long = "type")]
        message_type: Option<String>,
        /// Write in this version (default: the JSON's, or the type's default).
        #[arg(long)]
        version: Option<u8>,
        /// Envelope around AppHdr + Document: `message` (default) or `swift`
        /// (`<Envelope xmlns="urn:swift:xsd:envelope">`, as CBPR+ transports use).
        #[arg(long, default_value = "message")]
        envelope: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// pacs.008 messages for the obligations in a CSV file (the `corridor clear` format).
    #[command(name = "gen-pacs008")]
    GenPacs008 {
        obligations: PathBuf,
        /// Directory for the messages (one file per message, named by message id).
        #[arg(long)]
        out_dir: PathBuf,
        /// Currency for rows without one.
        #[arg(long)]
        currency: Option<String>,
        /// Settlement date for rows without a due date (default: today, UTC).
        #[arg(long)]
        settlement_date: Option<String>,
        /// Creation time written in the messages (default: now, UTC).
        #[arg(long)]
        created: Option<String>,
        /// The sender's namespace: message ids are PREFIX-YYYYMMDDhhmmss-1, -2, ... (give each
        /// sender its own prefix).
        #[arg(long, default_value = "CORRIDOR")]
        prefix: String,
        /// One message per debtor bank, creditor bank, currency and date, instead of one per obligation.
        #[arg(long)]
        batch: bool,
        /// Leave out the business application header.
        #[arg(long)]
        no_app_hdr: bool,
        /// `BizSvc` of the header. CBPR+ services (`swift.cbprplus.02`) need
        /// `--settlement-method INDA` or `INGA` and no `--batch`.
        #[arg(long, default_value = iso20022::generate::CORRIDOR_BUSINESS_SERVICE)]
        business_service: String,
        /// `SttlmMtd`: CLRG (through Corridor), INDA or INGA.
        #[arg(long, default_value = "CLRG")]
        settlement_method: String,
        /// Envelope around AppHdr + Document: `message` (default) or `swift`.
        #[arg(long, default_value = "message")]
        envelope: String,
        /// Check every message with xmllint before writing.
        #[arg(long)]
        validate: bool,
    },
    /// A camt.053 statement from a JSON statement input; a statement too large for one
    /// message is written in pages (FILE-1.xml, FILE-2.xml, ...).
    #[command(name = "gen-camt053")]
    GenCamt053 {
        statement: PathBuf,
        /// Write here (a statement of several pages: this name numbered, `st.xml` gives
        /// `st-1.xml`, `st-2.xml`, ...). Default: standard output, for one page.
        #[arg(long)]
        out: Option<PathBuf>,
        /// At most this many entries per page (default: as many as fit a message the reader
        /// accepts, 32 MiB).
        #[arg(long)]
        page_entries: Option<usize>,
        /// Check every page with xmllint before writing any.
        #[arg(long)]
        validate: bool,
    },
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Validate { file, xsd_dir } => validate(&file, xsd_dir),
        Command::ToJson { file, out } => {
            let xml = read(&file)?;
            let (message, dropped) = Message::parse_with_warnings(&xml)
                .with_context(|| format!("{}", file.display()))?;
            for warning in &dropped {
                eprintln!("warning: {warning}");
            }
            let json = serde_json::to_string_pretty(&message.to_json()?)?;
            emit(out.as_deref(), &format!("{json}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::FromJson {
            file,
            message_type,
            version,
            envelope,
            out,
        } => {
            let envelope = Envelope::parse(&envelope).context("--envelope")?;
            let text = read(&file)?;
            let value: serde_json::Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not JSON", file.display()))?;
            let expected = match &message_type {
                Some(t) => Some(MsgDef::parse(t).context("--type")?),
                None => None,
            };
            let message = Message::from_json(value, expected)
                .with_context(|| format!("{}", file.display()))?;
            // `--type pacs.002.001.12` names a version; `--type pacs.002` does not.
            let named_version = message_type
                .as_deref()
                .is_some_and(|t| t.len() > "pacs.008".len());
            let chosen = version.or(expected.filter(|_| named_version).map(|e| e.version));
            // Read from an older version (.07) with nothing chosen: write the newest version
            // this crate writes, and say so.
            let writable = message.definition.kind.write_versions();
            let version = match chosen {
                Some(v) => v,
                None if writable.contains(&message.definition.version) => {
                    message.definition.version
                }
                None => {
                    let newest = writable
                        .iter()
                        .copied()
                        .max()
                        .unwrap_or(message.definition.version);
                    eprintln!(
                        "note: {} is read but not written; writing version {newest:02} (choose with --version)",
                        message.definition
                    );
                    newest
                }
            };
            let xml = message.to_xml_in(version, envelope)?;
            emit(out.as_deref(), &xml)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::GenPacs008 {
            obligations,
            out_dir,
            currency,
            settlement_date,
            created,
            prefix,
            batch,
            no_app_hdr,
            business_service,
            settlement_method,
            envelope,
            validate,
        } => gen_pacs008(GenPacs008 {
            obligations,
            out_dir,
            currency,
            settlement_date,
            created,
            prefix,
            batch,
            no_app_hdr,
            business_service,
            settlement_method,
            envelope,
            validate,
        }),
        Command::GenCamt053 {
            statement,
            out,
            page_entries,
            validate,
        } => gen_camt053(&statement, out.as_deref(), page_entries, validate),
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))
}

fn emit(out: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("write {}", path.display()))
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

fn check_valid(xml: &str, what: &str) -> anyhow::Result<()> {
    let verdict = iso20022::xsd::validate(xml, &iso20022::xsd::xsd_dir())
        .map_err(|e| anyhow::anyhow!("{what}: cannot validate: {e}"))?;
    if !verdict.valid {
        bail!(
            "{what}: not valid against {}:\n{}",
            verdict.schemas.join(" + "),
            verdict.output
        );
    }
    Ok(())
}

/// The ISO identifiers (`head.001.001.02`, `pacs.008.001.08`) of the parts of `xml`.
fn detect(xml: &str) -> Vec<String> {
    let Ok(root) = iso20022::xml::parse(xml) else {
        return Vec::new();
    };
    let id = |e: &iso20022::xml::Element| {
        e.namespace
            .as_deref()
            .and_then(|n| n.strip_prefix(iso20022::msgdef::NAMESPACE_PREFIX))
            .map(str::to_string)
    };
    match id(&root) {
        Some(id) => vec![id],
        None => root.children.iter().filter_map(id).collect(),
    }
}

fn describe(id: &str) -> &'static str {
    match id.get(..8) {
        Some("pacs.008") => "FI-to-FI customer credit transfer",
        Some("pacs.009") => "financial institution credit transfer",
        Some("pacs.002") => "FI-to-FI payment status report",
        Some("camt.053") => "bank-to-customer statement",
        Some("camt.054") => "bank-to-customer debit/credit notification",
        Some("head.001") => "business application header",
        Some("pain.001") => "customer credit transfer initiation",
        _ => "ISO 20022 message",
    }
}

fn validate(file: &Path, xsd_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let xml = read(file)?;
    let ids = detect(&xml);
    if ids.is_empty() {
        println!(
            "{}: no ISO 20022 message found (no urn:iso:std:iso:20022 namespace)",
            file.display()
        );
    }
    for id in &ids {
        println!("message: {id} ({})", describe(id));
    }
    let mut invalid = false;
    match Message::parse_report(&xml) {
        Ok(report) => {
            println!("model: read as {}", report.message.definition);
            for warning in &report.dropped {
                println!("warning: {warning}");
            }
            for warning in &report.checks {
                println!("warning: {warning}");
            }
        }
        Err(error) => {
            invalid = true;
            println!("model: refused: {error}");
        }
    }
    let dir = xsd_dir.unwrap_or_else(iso20022::xsd::xsd_dir);
    match iso20022::xsd::validate(&xml, &dir) {
        Ok(verdict) if verdict.valid => {
            println!(
                "schema: valid against {} (xmllint)",
                verdict.schemas.join(" + ")
            );
        }
        Ok(verdict) => {
            println!(
                "schema: INVALID against {} (xmllint):",
                verdict.schemas.join(" + ")
            );
            for line in verdict.output.lines() {
                println!("  {line}");
            }
            return Ok(ExitCode::FAILURE);
        }
        Err(error) => {
            println!("schema: not checked: {error}");
            return Ok(if invalid {
                ExitCode::FAILURE
            } else {
                ExitCode::from(2)
            });
        }
    }
    Ok(if invalid {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

struct GenPacs008 {
    obligations: PathBuf,
    out_dir: PathBuf,
    currency: Option<String>,
    settlement_date: Option<String>,
    created: Option<String>,
    prefix: String,
    batch: bool,
    no_app_hdr: bool,
    business_service: String,
    settlement_method: String,
    envelope: String,
    validate: bool,
}

fn gen_pacs008(args: GenPacs008) -> anyhow::Result<ExitCode> {
    let o = crate::clear::load(&args.obligations)?;
    let default_currency = match &args.currency {
        Some(code) => Some(money::Currency::from_code(code).context("--currency")?),
        None => None,
    };
    let created = match &args.created {
        Some(text) => IsoDateTime::new(text.as_str()).context("--created")?,
        None => now_utc()?,
    };
    let default_date = match &args.settlement_date {
        Some(text) => IsoDate::new(text.as_str()).context("--settlement-date")?,
        None => IsoDate::new(&created.as_str()[..10])?,
    };
    let mut transfers = Vec::with_capacity(o.len());
    for i in 0..o.len() {
        let id = &o.ids[i];
        let context = || format!("obligation {id:?}");
        let currency = o.currencies[o.currency[i] as usize]
            .or(default_currency)
            .ok_or_else(|| {
                anyhow::anyhow!("{}: no currency column and no --currency", context())
            })?;
        let bank = |index: u32, column: &str| -> anyhow::Result<Bicfi> {
            let name = o
                .banks
                .get(index as usize)
                .ok_or_else(|| anyhow::anyhow!("{}: {column} is needed (a BIC)", context()))?;
            Bicfi::new(name.as_ref()).with_context(|| format!("{}: {column}", context()))
        };
        let settlement_date = if o.due[i] == clearing::NO_DUE_DATE {
            default_date.clone()
        } else {
            date_from_days(i64::from(o.due[i]))?
        };
        transfers.push(ObligationTransfer {
            id: Text::new(id.as_ref()).with_context(|| format!("{}: id", context()))?,
            debtor: Text::truncated(&o.firms[o.debtor[i] as usize], "?")?,
            creditor: Text::truncated(&o.firms[o.creditor[i] as usize], "?")?,
            amount: Amount::new(currency, o.amount[i])
                .with_context(|| format!("{}: amount", context()))?,
            settlement_date,
            debtor_bank: bank(o.debtor_bank[i], "debtor_bank")?,
            creditor_bank: bank(o.creditor_bank[i], "creditor_bank")?,
        });
    }
    let envelope = Envelope::parse(&args.envelope).context("--envelope")?;
    let options = TransferOptions {
        message_id_prefix: args.prefix,
        app_hdr: !args.no_app_hdr,
        business_service: Some(Text::new(args.business_service).context("--business-service")?),
        settlement_method: SettlementMethod::parse(&args.settlement_method)
            .context("--settlement-method")?,
        batch: args.batch,
        ..TransferOptions::new(created)?
    };
    let messages =
        iso20022::generate::pacs008_for_obligations(&transfers, &options).map_err(|e| {
            match e.path.as_str() {
                "batch" => anyhow::anyhow!("--batch: {}", e.reason),
                "settlement_method" => anyhow::anyhow!("--settlement-method: {}", e.reason),
                "message_id_prefix" => anyhow::anyhow!("--prefix: {}", e.reason),
                _ => anyhow::anyhow!("{e}"),
            }
        })?;
    std::fs::create_dir_all(&args.out_dir)
        .with_context(|| format!("create {}", args.out_dir.display()))?;
    for message in &messages {
        let iso20022::Document::Pacs008(document) = &message.document else {
            bail!("internal: the generator made a {}", message.definition);
        };
        let id = document.group_header.message_id.as_str();
        let xml = message.to_xml_in(message.definition.version, envelope)?;
        if args.validate {
            check_valid(&xml, id)?;
        }
        let name: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = args.out_dir.join(format!("{name}.xml"));
        std::fs::write(&path, xml).with_context(|| format!("write {}", path.display()))?;
    }
    println!(
        "wrote {} pacs.008.001.08 message(s) for {} obligation(s) to {}{}",
        messages.len(),
        transfers.len(),
        args.out_dir.display(),
        if args.validate {
            " (each valid against the XSD)"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// `FILE-k.ext` for page `k` of a statement written to `FILE.ext`.
fn page_path(out: &Path, k: usize) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "camt053".to_string());
    let name = match out.extension() {
        Some(ext) => format!("{stem}-{k}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{k}"),
    };
    out.with_file_name(name)
}

fn gen_camt053(
    statement: &Path,
    out: Option<&Path>,
    page_entries: Option<usize>,
    validate: bool,
) -> anyhow::Result<ExitCode> {
    let text = read(statement)?;
    let input = StatementInput::from_json(&text)
        .with_context(|| format!("{}: not a statement input", statement.display()))?;
    let paging = Paging {
        max_entries: page_entries.unwrap_or(usize::MAX),
        ..Paging::default()
    };
    let pages = statement_pages(&input, &paging).map_err(|e| match e.path.as_str() {
        "paging.max_entries" => anyhow::anyhow!("--page-entries: {}", e.reason),
        _ => anyhow::anyhow!("{}: {e}", statement.display()),
    })?;
    let count = pages.len();
    if count > 1 && out.is_none() {
        bail!(
            "the statement takes {count} pages (one message each): give --out FILE.xml, and they are written as FILE-1.xml ... FILE-{count}.xml"
        );
    }
    // Every page is written and checked before any file is: all or nothing.
    let mut xmls = Vec::with_capacity(count);
    for page in pages {
        let message = Message {
            definition: MsgDef::latest(iso20022::Kind::Camt053),
            app_hdr: None,
            document: iso20022::Document::Camt053(page),
        };
        xmls.push(message.to_xml()?);
    }
    if validate {
        let refs: Vec<&str> = xmls.iter().map(String::as_str).collect();
        let verdicts = iso20022::xsd::validate_batch(&refs, &iso20022::xsd::xsd_dir())
            .map_err(|e| anyhow::anyhow!("camt.053: cannot validate: {e}"))?;
        for (k, verdict) in verdicts.iter().enumerate() {
            if !verdict.valid {
                bail!(
                    "camt.053 page {}: not valid against {}:\n{}",
                    k + 1,
                    verdict.schemas.join(" + "),
                    verdict.output
                );
            }
        }
    }
    let Some(out) = out else {
        emit(None, &xmls.concat())?;
        return Ok(ExitCode::SUCCESS);
    };
    let paths: Vec<PathBuf> = if count == 1 {
        vec![out.to_path_buf()]
    } else {
        (1..=count).map(|k| page_path(out, k)).collect()
    };
    for (path, xml) in paths.iter().zip(&xmls) {
        emit(Some(path), xml)?;
    }
    let checked = if validate {
        " (each valid against the XSD)"
    } else {
        ""
    };
    if count == 1 {
        println!(
            "wrote camt.053.001.08 statement {} with {} entries to {}{checked}",
            input.statement_id,
            input.entries.len(),
            out.display()
        );
    } else {
        println!(
            "wrote camt.053.001.08 statement {} with {} entries in {count} pages to {} ... {}{checked}",
            input.statement_id,
            input.entries.len(),
            paths[0].display(),
            paths[count - 1].display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `corridor bench iso20022`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// pacs.008 messages to parse (one transaction each, with a header).
    #[arg(long, default_value_t = 5_000)]
    pub messages: usize,
    /// Entries of the large camt.053 (about 1 KB each; 20,000 is about 21 MB, below the
    /// reader's 32 MiB).
    #[arg(long, default_value_t = 20_000)]
    pub entries: usize,
    /// Empty siblings in one transaction of the hostile pacs.008 (the shape that made the
    /// parser quadratic); it is also parsed with a quarter as many.
    #[arg(long, default_value_t = 80_000)]
    pub siblings: usize,
    /// Repetitions of each measurement (the best is reported).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
}

/// The best of `runs` timings of `f`, in seconds.
fn best_of(runs: usize, mut f: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<f64> {
    let mut best = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        f()?;
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(best)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// A camt.053 of `entries` entries (alternating credits and debits, with references,
/// counterparties, UETRs and remittance lines), written as one message.
fn bench_statement(entries: usize) -> anyhow::Result<String> {
    let mut list = Vec::with_capacity(entries);
    let mut net: i128 = 0;
    for i in 0..entries {
        let credit = i % 2 == 0;
        let minor = 100_000 + (i as i128 % 977) * 131;
        net += if credit { minor } else { -minor };
        let seed = format!("bench-entry-{i}");
        list.push(serde_json::json!({
            "amount": money::format_minor(minor, money::Currency::from_code("PKR")?)?,
            "credit_debit": if credit { "CRDT" } else { "DBIT" },
            "booking_date": "2026-11-22",
            "reference": format!("REF-{i:08}"),
            "end_to_end_id": format!("OBL-{i:08}"),
            "uetr": iso20022::Uetr::from_seed(seed.as_bytes()).as_str(),
            "counterparty": format!("Counterparty {} Trading Company (Pvt) Ltd", i % 500),
            "remittance": format!("Invoice INV-{i:08} rice and carpets"),
        }));
    }
    let opening: i128 = 100_000_000_000;
    let input = serde_json::json!({
        "message_id": "BENCH-STMT-1", "statement_id": "BENCH-1",
        "created": "2026-11-22T23:59:59Z",
        "account": {"iban": "PK36SCBL0000001123456702"}, "currency": "PKR",
        "account_owner": "Karachi Rice Exporters", "servicer_bic": "SBPPPKKA",
        "from_date": "2026-11-22", "to_date": "2026-11-22",
        "opening_balance": money::format_minor(opening, money::Currency::from_code("PKR")?)?,
        "closing_balance": money::format_minor(opening + net, money::Currency::from_code("PKR")?)?,
        "entries": list,
    });
    let input = StatementInput::from_json(&input.to_string())?;
    let camt = iso20022::camt053::statement(&input)?;
    Ok(Message {
        definition: MsgDef::latest(iso20022::Kind::Camt053),
        app_hdr: None,
        document: iso20022::Document::Camt053(camt),
    }
    .to_xml()?)
}

/// A pacs.008 with one transaction holding `siblings` empty `<Foo/>` elements.
fn bench_hostile(siblings: usize) -> anyhow::Result<String> {
    let xml = bench_pacs008(1)?.remove(0);
    let filler = "<Foo/>".repeat(siblings);
    let at = xml
        .find("</CdtTrfTxInf>")
        .context("generated pacs.008 has no CdtTrfTxInf")?;
    Ok(format!("{}{filler}{}", &xml[..at], &xml[at..]))
}

/// `count` generated pacs.008 messages, one obligation each, with a header.
fn bench_pacs008(count: usize) -> anyhow::Result<Vec<String>> {
    let pkr = money::Currency::from_code("PKR")?;
    let transfers = (0..count)
        .map(|i| -> anyhow::Result<ObligationTransfer> {
            Ok(ObligationTransfer {
                id: Text::new(format!("OBL-{i:08}"))?,
                debtor: Text::new(format!("Karachi Rice Exporters {}", i % 100))?,
                creditor: Text::new(format!("Tabriz Carpets {}", i % 100))?,
                amount: Amount::new(pkr, 1_000_000 + i as i128)?,
                settlement_date: IsoDate::new("2026-11-23")?,
                debtor_bank: Bicfi::new("HABBPKKA")?,
                creditor_bank: Bicfi::new("MELIIRTH")?,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let options = TransferOptions::new(IsoDateTime::new("2026-11-22T10:00:00Z")?)?;
    iso20022::generate::pacs008_for_obligations(&transfers, &options)?
        .iter()
        .map(|m| Ok(m.to_xml()?))
        .collect()
}

/// Parse, JSON and write throughput; the parse of N and 4N to show it is linear.
pub fn bench(args: BenchArgs) -> anyhow::Result<ExitCode> {
    if args.messages == 0 || args.entries < 4 || args.siblings < 4 {
        bail!("need --messages >= 1, --entries >= 4, --siblings >= 4");
    }
    println!("corridor bench iso20022");
    println!("  machine: {}", crate::machine::describe());
    let load = || {
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| "unknown".into())
    };
    println!("  load average before (1, 5, 15 min): {}", load());
    println!(
        "  workload: {} pacs.008 messages; camt.053 of {} and {} entries; a pacs.008 with {} and {} empty siblings in one transaction; best of {} runs",
        args.messages,
        args.entries / 4,
        args.entries,
        args.siblings / 4,
        args.siblings,
        args.runs
    );

    // pacs.008: many small messages.
    let pacs = bench_pacs008(args.messages)?;
    let bytes: usize = pacs.iter().map(String::len).sum();
    let mut parsed = Vec::new();
    let parse = best_of(args.runs, || {
        parsed = pacs
            .iter()
            .map(|x| Message::parse_with_warnings(x).map(|(m, _)| m))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(())
    })?;
    let json = best_of(args.runs, || {
        for m in &parsed {
            serde_json::to_string(&m.to_json()?)?;
        }
        Ok(())
    })?;
    let write = best_of(args.runs, || {
        for m in &parsed {
            m.to_xml()?;
        }
        Ok(())
    })?;
    let n = args.messages as f64;
    println!(
        "  pacs.008 ({} messages, {:.1} MB, {} bytes each on average):",
        args.messages,
        mb(bytes),
        bytes / args.messages
    );
    println!(
        "    parse:   {:>9.0} messages/s  {:>6.1} MB/s",
        n / parse,
        mb(bytes) / parse
    );
    println!("    to JSON: {:>9.0} messages/s", n / json);
    println!(
        "    write:   {:>9.0} messages/s  {:>6.1} MB/s",
        n / write,
        mb(bytes) / write
    );

    // camt.053: one large statement, and a quarter of it.
    let mut per_mb = Vec::new();
    for entries in [args.entries / 4, args.entries] {
        let xml = bench_statement(entries)?;
        let mut message = None;
        let parse = best_of(args.runs, || {
            message = Some(Message::parse_with_warnings(&xml)?.0);
            Ok(())
        })?;
        let message = message.context("nothing parsed")?;
        let json = best_of(args.runs, || {
            serde_json::to_string(&message.to_json()?)?;
            Ok(())
        })?;
        let write = best_of(args.runs, || {
            message.to_xml()?;
            Ok(())
        })?;
        println!(
            "  camt.053 ({entries} entries, {:.1} MB): parse {:.2} s ({:.1} MB/s, {:.0} entries/s), to JSON {:.2} s, write {:.2} s ({:.1} MB/s)",
            mb(xml.len()),
            parse,
            mb(xml.len()) / parse,
            entries as f64 / parse,
            json,
            write,
            mb(xml.len()) / write
        );
        per_mb.push(parse / mb(xml.len()));
    }
    println!(
        "    parse time per MB, {} entries / {} entries: {:.2} (1 when linear; a quadratic pass gives about 4)",
        args.entries,
        args.entries / 4,
        per_mb[1] / per_mb[0]
    );

    // The hostile shape: siblings in one transaction.
    let mut times = Vec::new();
    for siblings in [args.siblings / 4, args.siblings] {
        let xml = bench_hostile(siblings)?;
        let mut dropped = 0;
        let parse = best_of(args.runs, || {
            dropped = Message::parse_with_warnings(&xml)?.1.len();
            Ok(())
        })?;
        println!(
            "  pacs.008 with {siblings} empty siblings ({:.2} MB): parse {:.3} s ({:.1} MB/s), {dropped} dropped elements reported",
            mb(xml.len()),
            parse,
            mb(xml.len()) / parse
        );
        times.push(parse);
    }
    println!(
        "    time ratio, {} / {} siblings: {:.1} (4 when linear; 16 when quadratic)",
        args.siblings,
        args.siblings / 4,
        times[1] / times[0]
    );
    println!("  load average after (1, 5, 15 min): {}", load());
    Ok(ExitCode::SUCCESS)
}
