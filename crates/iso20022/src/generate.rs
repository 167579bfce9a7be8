//! Builders for the messages Corridor sends: pacs.008 for a list of obligations, pacs.002 in
//! answer to a pacs.008, and (in [`crate::camt053::statement`]) camt.053 for a statement.
//!
//! Output is deterministic for a given input: UETRs are derived from the message id and the
//! obligation id ([`Uetr::from_seed`]), and the creation time is a parameter.

use crate::common::{Agent, Party, PaymentId};
use crate::error::{Error, Result};
use crate::head::{AppHdr, HeaderParty};
use crate::message::{Document, Message};
use crate::msgdef::{Kind, MsgDef};
use crate::pacs002::{OriginalGroup, Pacs002, StatusGroupHeader, StatusReason, TransactionStatus};
use crate::pacs008::{CreditTransfer, GroupHeader, Pacs008};
use crate::types::*;

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
    /// Message ids are `{prefix}-{n}` (n from 1); at most 35 characters in all.
    pub message_id_prefix: String,
    pub created: IsoDateTime,
    /// Put a business application header (head.001.001.02) in front of each message.
    pub app_hdr: bool,
    /// `BizSvc` of the header, e.g. `swift.cbprplus.02`.
    pub business_service: Option<Max35Text>,
    /// One message per (debtor bank, creditor bank, currency, date) with many transactions, instead of one
    /// message per obligation (the CBPR+ style).
    pub batch: bool,
}

fn message_id(prefix: &str, n: usize) -> Result<Max35Text> {
    Max35Text::new(format!("{prefix}-{n}")).map_err(|e| {
        Error::new(
            "message_id_prefix",
            format!(
                "{prefix:?} makes message ids that are too long: {}",
                e.reason
            ),
        )
    })
}

/// pacs.008 messages (version .08) for `obligations`: settlement method CLRG, charges SHAR,
/// agents by BIC, a UETR on every transaction, totals filled in.
pub fn pacs008_for_obligations(
    obligations: &[ObligationTransfer],
    options: &TransferOptions,
) -> Result<Vec<Message>> {
    let mut groups: Vec<Vec<&ObligationTransfer>> = Vec::new();
    if options.batch {
        // (debtor bank, creditor bank, currency, date) -> group index.
        type Key<'a> = (&'a str, &'a str, &'a str, &'a str);
        let mut index: Vec<(Key, usize)> = Vec::new();
        for o in obligations {
            let key = (
                o.debtor_bank.as_str(),
                o.creditor_bank.as_str(),
                o.amount.currency().code(),
                o.settlement_date.as_str(),
            );
            match index.iter().find(|(k, _)| *k == key) {
                Some((_, i)) => groups[*i].push(o),
                None => {
                    index.push((key, groups.len()));
                    groups.push(vec![o]);
                }
            }
        }
    } else {
        groups = obligations.iter().map(|o| vec![o]).collect();
    }
    let mut messages = Vec::with_capacity(groups.len());
    for (n, group) in groups.iter().enumerate() {
        let id = message_id(&options.message_id_prefix, n + 1)?;
        let first = group[0];
        let transactions: Vec<CreditTransfer> = group
            .iter()
            .map(|o| -> Result<CreditTransfer> {
                Ok(CreditTransfer {
                    payment_id: PaymentId {
                        instruction_id: Some(o.id.clone()),
                        end_to_end_id: o.id.clone(),
                        transaction_id: Some(o.id.clone()),
                        uetr: Some(Uetr::from_seed(
                            format!("{}\u{0}{}", id.as_str(), o.id.as_str()).as_bytes(),
                        )),
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
                    instructing_agent: None,
                    instructed_agent: None,
                    intermediary_agent1: None,
                    ultimate_debtor: None,
                    debtor: Party::named(o.debtor.clone()),
                    debtor_account: None,
                    debtor_agent: Agent::bic(o.debtor_bank.clone()),
                    creditor_agent: Agent::bic(o.creditor_bank.clone()),
                    creditor: Party::named(o.creditor.clone()),
                    creditor_account: None,
                    ultimate_creditor: None,
                    purpose: None,
                    remittance: vec![Max140Text::truncated(
                        &format!("Obligation {}", o.id),
                        "Obligation",
                    )?],
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
            settlement_method: SettlementMethod::Clrg,
            settlement_account: None,
            clearing_system: None,
            payment_type: None,
            instructing_agent: Some(Agent::bic(first.debtor_bank.clone())),
            instructed_agent: Some(Agent::bic(first.creditor_bank.clone())),
        }
        .with_totals(&amounts)?;
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
                original_interbank_settlement_amount: Some(t.interbank_settlement_amount),
                original_interbank_settlement_date: t.interbank_settlement_date.clone(),
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
