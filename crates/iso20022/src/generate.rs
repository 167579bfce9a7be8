//! Builders for the messages Corridor sends: pacs.008 for a list of obligations, pacs.002 in
//! answer to a pacs.008, and (in [`crate::camt053::statement`]) camt.053 for a statement.
//!
//! Output is deterministic for a given input (same obligations, prefix and creation time give
//! the same bytes), and its identifiers do not repeat across runs:
//!
//! * **Message ids** are `{prefix}-{YYYYMMDDhhmmss}-{n}`: the caller's namespace (e.g. the
//!   sending bank or the corridor, `CORRIDOR` by default in the CLI), the creation time to the
//!   second, and the message's number in the run. Two runs collide only if they share the
//!   prefix and the creation second; give each sender its own prefix.
//! * **UETRs** are the first 122 bits of the SHA-256 of everything that makes the transaction
//!   and its message what they are: prefix, creation time, message id, settlement method,
//!   business service, header or not, batched or not and the number of transactions in the
//!   message, obligation id, parties, banks, amount, currency and settlement date
//!   ([`Uetr::from_seed`]). The same transaction generated again in the same message gets the
//!   same UETR (a resend, as it should be); any other transaction, or the same obligation in
//!   another message (CLRG and INDA, batched and not), gets another one, with a collision
//!   probability of about 2^-122 per pair.
//!
//! **Business service.** Corridor's own clearing messages settle through the clearing system
//! (`SttlmMtd` `CLRG`, `ClrSys/Prtry` `CORRIDOR`) and may batch transactions, which the CBPR+
//! usage rules forbid (one transaction per pacs.008; `INDA` or `INGA`). So the header is stamped
//! with a neutral business service, [`CORRIDOR_BUSINESS_SERVICE`], by default. Stamping a CBPR+
//! service (`swift.cbprplus...`) is allowed only for messages that follow those rules: one
//! transaction each, `INDA` or `INGA`, no clearing system; anything else is refused.

use crate::common::{Agent, CodeOrProprietary, Party, PaymentId, Remittance};
use crate::error::{Error, Result};
use crate::head::{AppHdr, HeaderParty};
use crate::message::{Document, Message};
use crate::msgdef::{Kind, MsgDef};
use crate::pacs002::{
    OriginalGroup, OriginalTransaction, Pacs002, StatusGroupHeader, StatusReason, TransactionStatus,
};
use crate::pacs008::{CreditTransfer, GroupHeader, Pacs008};
use crate::types::*;

/// The business service stamped on Corridor's own clearing messages.
pub const CORRIDOR_BUSINESS_SERVICE: &str = "corridor.clearing.01";

/// The clearing system named in `SttlmInf/ClrSys/Prtry` of `CLRG` messages.
pub const CORRIDOR_CLEARING_SYSTEM: &str = "CORRIDOR";

/// One obligation to pay, as the clearing input describes it, resolved to message types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObligationTransfer {
    /// The obligation id; becomes the EndToEndId (so at most 35 characters).
    pub id: Max35Text,
    pub debtor: Max140Text,
    pub creditor: Max140Text,
    pub amount: Amount,
    pub settlement_date: IsoDate,
    pub debtor_bank: Bicfi,
    pub creditor_bank: Bicfi,
}

/// How [`pacs008_for_obligations`] groups and labels its output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferOptions {
    /// The caller's namespace: message ids are `{prefix}-{YYYYMMDDhhmmss}-{n}` (n from 1), at
    /// most 35 characters in all.
    pub message_id_prefix: String,
    pub created: IsoDateTime,
    /// Put a business application header (head.001.001.02) in front of each message.
    pub app_hdr: bool,
    /// `BizSvc` of the header: [`CORRIDOR_BUSINESS_SERVICE`], or a CBPR+ service
    /// (`swift.cbprplus.02`) for messages that follow the CBPR+ rules.
    pub business_service: Option<Max35Text>,
    /// `SttlmMtd`: `CLRG` (through Corridor, the default), or `INDA`/`INGA` (on accounts
    /// between the two banks).
    pub settlement_method: SettlementMethod,
    /// One message per (debtor bank, creditor bank, currency, date) with many transactions,
    /// instead of one message per obligation.
    pub batch: bool,
}

impl TransferOptions {
    /// Corridor's defaults: prefix `CORRIDOR`, a header with the neutral business service,
    /// settlement `CLRG`, one message per obligation.
    pub fn new(created: IsoDateTime) -> Result<TransferOptions> {
        Ok(TransferOptions {
            message_id_prefix: "CORRIDOR".to_string(),
            created,
            app_hdr: true,
            business_service: Some(Max35Text::new(CORRIDOR_BUSINESS_SERVICE)?),
            settlement_method: SettlementMethod::Clrg,
            batch: false,
        })
    }

    /// True when the header names a CBPR+ business service (`swift.cbprplus...`, in any case:
    /// `SWIFT.CBPRPLUS.02` is the same service).
    pub fn is_cbpr_plus(&self) -> bool {
        self.business_service.as_ref().is_some_and(|s| {
            s.as_str()
                .trim()
                .get(..14)
                .is_some_and(|p| p.eq_ignore_ascii_case("swift.cbprplus"))
        })
    }

    /// Refuses options that contradict each other (a CBPR+ stamp on messages that break the
    /// CBPR+ rules).
    pub fn check(&self) -> Result<()> {
        if !self.is_cbpr_plus() {
            return Ok(());
        }
        let service = self
            .business_service
            .as_ref()
            .map_or("", |s| s.as_str())
            .to_string();
        if self.batch {
            return Err(Error::new(
                "batch",
                format!(
                    "business service {service} follows the CBPR+ usage rules, which allow one transaction per pacs.008: do not batch, or stamp {CORRIDOR_BUSINESS_SERVICE}"
                ),
            ));
        }
        if !matches!(
            self.settlement_method,
            SettlementMethod::Inda | SettlementMethod::Inga
        ) {
            return Err(Error::new(
                "settlement_method",
                format!(
                    "business service {service} follows the CBPR+ usage rules, which allow settlement method INDA or INGA, not {}: choose one, or stamp {CORRIDOR_BUSINESS_SERVICE}",
                    self.settlement_method
                ),
            ));
        }
        Ok(())
    }
}

/// `YYYYMMDDhhmmss` of a creation time (its local digits; the zone is in the UETR seed).
fn stamp(created: &IsoDateTime) -> String {
    created
        .as_str()
        .chars()
        .take(19)
        .filter(char::is_ascii_digit)
        .collect()
}

fn message_id(prefix: &str, stamp: &str, n: usize) -> Result<Max35Text> {
    Max35Text::new(format!("{prefix}-{stamp}-{n}")).map_err(|e| {
        Error::new(
            "message_id_prefix",
            format!(
                "{prefix:?} makes message ids that are too long ({prefix}-{stamp}-{n}): {}",
                e.reason
            ),
        )
    })
}

/// The seed of a transaction's UETR: every field that makes it unique, each ended by a NUL:
/// what makes the message different (prefix, creation time, message id, settlement method,
/// business service, header or not, batched or not and the number of transactions in the
/// message) and what makes the transaction different (obligation, parties, banks, amount,
/// currency, date).
fn uetr_seed(
    options: &TransferOptions,
    message_id: &Max35Text,
    transactions: usize,
    o: &ObligationTransfer,
) -> Vec<u8> {
    let mut seed = Vec::with_capacity(256);
    let count = transactions.to_string();
    for part in [
        "corridor-uetr-2",
        options.message_id_prefix.as_str(),
        options.created.as_str(),
        message_id.as_str(),
        options.settlement_method.code(),
        options.business_service.as_ref().map_or("", |s| s.as_str()),
        if options.app_hdr { "AppHdr" } else { "" },
        if options.batch { "batch" } else { "single" },
        &count,
        o.id.as_str(),
        o.debtor.as_str(),
        o.creditor.as_str(),
        o.debtor_bank.as_str(),
        o.creditor_bank.as_str(),
        &o.amount.decimal(),
        o.amount.currency().code(),
        o.settlement_date.as_str(),
    ] {
        seed.extend_from_slice(part.as_bytes());
        seed.push(0);
    }
    seed
}

/// pacs.008 messages (version .08) for `obligations`: settlement method from the options
/// (`CLRG` through Corridor by default), charges SHAR, agents by BIC, a UETR on every
/// transaction, totals filled in. See the module documentation for the identifiers and the
/// business service.
pub fn pacs008_for_obligations(
    obligations: &[ObligationTransfer],
    options: &TransferOptions,
) -> Result<Vec<Message>> {
    options.check()?;
    let mut groups: Vec<Vec<&ObligationTransfer>> = Vec::new();
    if options.batch {
        // (debtor bank, creditor bank, currency, date) -> group index; groups in the order
        // of their first obligation.
        type Key<'a> = (&'a str, &'a str, &'a str, &'a str);
        let mut index: std::collections::BTreeMap<Key, usize> = std::collections::BTreeMap::new();
        for o in obligations {
            let key = (
                o.debtor_bank.as_str(),
                o.creditor_bank.as_str(),
                o.amount.currency().code(),
                o.settlement_date.as_str(),
            );
            match index.get(&key) {
                Some(&i) => groups[i].push(o),
                None => {
                    index.insert(key, groups.len());
                    groups.push(vec![o]);
                }
            }
        }
    } else {
        groups = obligations.iter().map(|o| vec![o]).collect();
    }
    let stamp = stamp(&options.created);
    let clearing_system = match options.settlement_method {
        SettlementMethod::Clrg => Some(CodeOrProprietary::Proprietary(Max35Text::new(
            CORRIDOR_CLEARING_SYSTEM,
        )?)),
        _ => None,
    };
    let mut messages = Vec::with_capacity(groups.len());
    for (n, group) in groups.iter().enumerate() {
        let id = message_id(&options.message_id_prefix, &stamp, n + 1)?;
        let first = group[0];
        let transactions: Vec<CreditTransfer> = group
            .iter()
            .map(|o| -> Result<CreditTransfer> {
                Ok(CreditTransfer {
                    payment_id: PaymentId {
                        instruction_id: Some(o.id.clone()),
                        end_to_end_id: o.id.clone(),
                        transaction_id: Some(o.id.clone()),
                        uetr: Some(Uetr::from_seed(&uetr_seed(options, &id, group.len(), o))),
                        clearing_system_reference: None,
                    },
                    payment_type: None,
                    interbank_settlement_amount: o.amount,
                    interbank_settlement_date: Some(o.settlement_date.clone()),
                    settlement_priority: None,
                    acceptance_date_time: None,
                    instructed_amount: Some(o.amount),
                    exchange_rate: None,
                    charge_bearer: ChargeBearer::Shar,
                    charges: Vec::new(),
                    instructing_agent: None,
                    instructed_agent: None,
                    intermediary_agent1: None,
                    intermediary_agent2: None,
                    intermediary_agent3: None,
                    ultimate_debtor: None,
                    initiating_party: None,
                    debtor: Party::named(o.debtor.clone()),
                    debtor_account: None,
                    debtor_agent: Agent::bic(o.debtor_bank.clone()),
                    creditor_agent: Agent::bic(o.creditor_bank.clone()),
                    creditor: Party::named(o.creditor.clone()),
                    creditor_account: None,
                    ultimate_creditor: None,
                    instructions_for_creditor_agent: Vec::new(),
                    instructions_for_next_agent: Vec::new(),
                    purpose: None,
                    remittance: Some(Remittance::lines(vec![Max140Text::truncated(
                        &format!("Obligation {}", o.id),
                        "Obligation",
                    )?])),
                })
            })
            .collect::<Result<_>>()?;
        let amounts: Vec<Amount> = transactions
            .iter()
            .map(|t| t.interbank_settlement_amount)
            .collect();
        let group_header = GroupHeader {
            message_id: id.clone(),
            creation_date_time: options.created.clone(),
            batch_booking: None,
            control_sum: None,
            total_interbank_settlement_amount: None,
            interbank_settlement_date: Some(first.settlement_date.clone()),
            settlement_method: options.settlement_method,
            settlement_account: None,
            clearing_system: clearing_system.clone(),
            payment_type: None,
            instructing_agent: Some(Agent::bic(first.debtor_bank.clone())),
            instructed_agent: Some(Agent::bic(first.creditor_bank.clone())),
        }
        .with_totals(&amounts)
        .map_err(|e| {
            Error::new(
                "batch",
                format!(
                    "message {id} ({} obligation(s) from {} to {} in {} on {}, the first {}): {}: {}; batch fewer obligations, or do not batch",
                    group.len(),
                    first.debtor_bank,
                    first.creditor_bank,
                    first.amount.currency(),
                    first.settlement_date,
                    first.id,
                    e.path,
                    e.reason
                ),
            )
        })?;
        let definition = MsgDef::latest(Kind::Pacs008);
        let app_hdr = options.app_hdr.then(|| AppHdr {
            from: HeaderParty::Institution(Agent::bic(first.debtor_bank.clone())),
            to: HeaderParty::Institution(Agent::bic(first.creditor_bank.clone())),
            business_message_id: id.clone(),
            message_definition_id: Max35Text::truncated(&definition.to_string(), "pacs.008.001.08")
                .unwrap_or_else(|_| id.clone()),
            business_service: options.business_service.clone(),
            creation_date: options.created.clone(),
            copy_duplicate: None,
            possible_duplicate: None,
        });
        messages.push(Message {
            definition,
            app_hdr,
            document: Document::Pacs008(Pacs008 {
                group_header,
                transactions,
            }),
        });
    }
    Ok(messages)
}

/// A pacs.002 answering `original` (a pacs.008 of definition `original_def`): one status per
/// transaction, `status` (ACSC, ACSP, RJCT, ...) with an optional reason, from `sender`
/// (the original instructed agent) to the original instructing agent.
pub fn status_report(
    original: &Pacs008,
    original_def: MsgDef,
    message_id: Max35Text,
    created: IsoDateTime,
    status: &str,
    reason: Option<StatusReason>,
) -> Result<Pacs002> {
    let status = Code::new(status).map_err(|e| e.under("TxSts"))?;
    let header = &original.group_header;
    let group = OriginalGroup {
        original_message_id: header.message_id.clone(),
        original_message_name_id: Max35Text::new(original_def.to_string())?,
        original_creation_date_time: Some(header.creation_date_time.clone()),
    };
    Ok(Pacs002 {
        group_header: StatusGroupHeader {
            message_id,
            creation_date_time: created,
            instructing_agent: header.instructed_agent.clone(),
            instructed_agent: header.instructing_agent.clone(),
        },
        original_groups: Vec::new(),
        transactions: original
            .transactions
            .iter()
            .map(|t| TransactionStatus {
                original_group: Some(group.clone()),
                original_instruction_id: t.payment_id.instruction_id.clone(),
                original_end_to_end_id: Some(t.payment_id.end_to_end_id.clone()),
                original_transaction_id: t.payment_id.transaction_id.clone(),
                original_uetr: t.payment_id.uetr.clone(),
                status: Some(status.clone()),
                reasons: reason.iter().cloned().collect(),
                original_transaction: Some(OriginalTransaction {
                    interbank_settlement_amount: Some(t.interbank_settlement_amount),
                    interbank_settlement_date: t.interbank_settlement_date.clone(),
                    ..OriginalTransaction::default()
                }),
                ..TransactionStatus::default()
            })
            .collect(),
    })
}

/// Days since 1970-01-01 to `YYYY-MM-DD` (proleptic Gregorian).
pub fn date_from_days(days: i64) -> Result<IsoDate> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    IsoDate::new(format!("{y:04}-{m:02}-{d:02}"))
}

/// The current UTC time as an `ISODateTime` (`2026-11-22T10:15:00Z`).
pub fn now_utc() -> Result<IsoDateTime> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    let date = date_from_days(days)?;
    IsoDateTime::new(format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    ))
}
