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
//!   balance (the JSON form of `iso20022::camt053::StatementInput`).

use anyhow::{Context, bail};
use iso20022::generate::{ObligationTransfer, TransferOptions, date_from_days, now_utc};
use iso20022::{
    Amount, Bicfi, Envelope, IsoDate, IsoDateTime, Message, MsgDef, SettlementMethod, Text,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// A camt.053 statement from a JSON statement input.
    #[command(name = "gen-camt053")]
    GenCamt053 {
        statement: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
        /// Check the statement with xmllint before writing.
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
            validate,
        } => {
            let text = read(&statement)?;
            let input: iso20022::camt053::StatementInput = serde_json::from_str(&text)
                .with_context(|| format!("{}: not a statement input", statement.display()))?;
            let camt = iso20022::camt053::statement(&input)
                .with_context(|| format!("{}", statement.display()))?;
            let entries = camt.statements[0].entries.len();
            let message = Message {
                definition: MsgDef::latest(iso20022::Kind::Camt053),
                app_hdr: None,
                document: iso20022::Document::Camt053(camt),
            };
            let xml = message.to_xml()?;
            if validate {
                check_valid(&xml, "camt.053")?;
            }
            emit(out.as_deref(), &xml)?;
            if let Some(out) = out {
                println!(
                    "wrote camt.053.001.08 statement {} with {entries} entries to {}",
                    input.statement_id,
                    out.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
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
    match Message::parse_with_warnings(&xml) {
        Ok((message, dropped)) => {
            println!("model: read as {}", message.definition);
            for warning in &dropped {
                println!("warning: {warning}");
            }
            for warning in message.document.warnings() {
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
