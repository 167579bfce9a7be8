//! pacs.008 FI-to-FI customer credit transfer (`FIToFICstmrCdtTrf`): the importer's payment as
//! its bank sends it.
//!
//! Modelled: the group header (ids, totals, settlement method and clearing system, instructing
//! and instructed agents) and per transaction the references (with UETR), payment type,
//! interbank settlement amount and date, priority, instructed amount and exchange rate, charge
//! bearer and charges, the agent chain (instructing, instructed, intermediaries 1 to 3),
//! debtor and creditor with their accounts and agents, ultimate and initiating parties,
//! instructions for the creditor agent and the next agent, purpose, and remittance (unstructured
//! lines, and structured: referred documents, creditor reference, invoicer, invoicee).
//! Everything else (regulatory reporting, tax, previous instructing agents, the agents'
//! accounts, settlement time indications, supplementary data, ...) is reported by
//! [`crate::Message::parse_with_warnings`] with its path when read, and is not written.
//!
//! Reading `.07`: the differences inside this subset (no UETR, `AdrTp` as a bare code) are
//! handled. Strict: `NbOfTxs` must equal the number of transactions. Totals (`CtrlSum`,
//! `TtlIntrBkSttlmAmt`) are kept as sent; [`Pacs008::check_totals`] reports mismatches.

use crate::common::*;
use crate::error::{Error, Result};
use crate::types::*;
use crate::xml::{Walk, Writer};
use serde::{Deserialize, Serialize};

/// `GroupHeader93` (subset), shared by pacs.008 and pacs.009.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupHeader {
    pub message_id: Max35Text,
    pub creation_date_time: IsoDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_booking: Option<bool>,
    /// `CtrlSum`: the sum of the transaction amounts (any currencies), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_sum: Option<DecimalNumber>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_interbank_settlement_amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interbank_settlement_date: Option<IsoDate>,
    pub settlement_method: SettlementMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement_account: Option<Account>,
    /// `SttlmInf/ClrSys`: the clearing system (`Cd` from ExternalCashClearingSystem1Code, 1..3
    /// characters, or `Prtry`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clearing_system: Option<CodeOrProprietary<3>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructing_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructed_agent: Option<Agent>,
}

impl GroupHeader {
    /// Reads the header; returns it and the declared `NbOfTxs`.
    pub(crate) fn read(w: &Walk) -> Result<(GroupHeader, u64)> {
        let count: Max15NumericText = w.req_with("NbOfTxs", token)?;
        let count = count.as_str().parse::<u64>().unwrap_or(u64::MAX);
        let settlement = w.req("SttlmInf")?;
        let clearing_system = settlement.opt_with("ClrSys", CodeOrProprietary::read)?;
        Ok((
            GroupHeader {
                message_id: w.req_with("MsgId", text)?,
                creation_date_time: w.req_with("CreDtTm", token)?,
                batch_booking: w.opt_with("BtchBookg", boolean)?,
                control_sum: w.opt_with("CtrlSum", token)?,
                total_interbank_settlement_amount: w.opt_with("TtlIntrBkSttlmAmt", amount)?,
                interbank_settlement_date: w.opt_with("IntrBkSttlmDt", token)?,
                settlement_method: settlement
                    .req_with("SttlmMtd", |m| SettlementMethod::parse(m.token()))?,
                settlement_account: settlement.opt_with("SttlmAcct", Account::read)?,
                clearing_system,
                payment_type: opt_group(w, "PmtTpInf", PaymentType::read)?,
                instructing_agent: opt_agent(w, "InstgAgt")?,
                instructed_agent: opt_agent(w, "InstdAgt")?,
            },
            count,
        ))
    }

    pub(crate) fn write(&self, x: &mut Writer, count: usize) {
        x.start("GrpHdr");
        x.leaf("MsgId", self.message_id.as_str());
        x.leaf("CreDtTm", self.creation_date_time.as_str());
        if let Some(b) = self.batch_booking {
            x.leaf("BtchBookg", if b { "true" } else { "false" });
        }
        x.leaf("NbOfTxs", &count.to_string());
        x.opt_leaf("CtrlSum", opt_str(&self.control_sum));
        if let Some(a) = &self.total_interbank_settlement_amount {
            write_amount(x, "TtlIntrBkSttlmAmt", a);
        }
        x.opt_leaf("IntrBkSttlmDt", opt_str(&self.interbank_settlement_date));
        x.start("SttlmInf");
        x.leaf("SttlmMtd", self.settlement_method.code());
        write_opt_account(x, "SttlmAcct", &self.settlement_account);
        if let Some(c) = &self.clearing_system {
            c.write(x, "ClrSys");
        }
        x.end();
        if let Some(p) = &self.payment_type {
            p.write(x);
        }
        write_opt_agent(x, "InstgAgt", &self.instructing_agent);
        write_opt_agent(x, "InstdAgt", &self.instructed_agent);
        x.end();
    }

    /// A header with the totals computed from `amounts`: `CtrlSum` always, and
    /// `TtlIntrBkSttlmAmt` when every amount has the same currency.
    pub fn with_totals(mut self, amounts: &[Amount]) -> Result<GroupHeader> {
        self.control_sum = Some(DecimalNumber::sum(amounts).map_err(|e| e.under("CtrlSum"))?);
        self.total_interbank_settlement_amount = match amounts.first() {
            Some(first) if amounts.iter().all(|a| a.currency() == first.currency()) => {
                let total = amounts
                    .iter()
                    .try_fold(0i128, |s, a| s.checked_add(a.minor()))
                    .ok_or_else(|| Error::new("TtlIntrBkSttlmAmt", "total overflows"))?;
                Some(
                    Amount::new(first.currency(), total)
                        .map_err(|e| e.under("TtlIntrBkSttlmAmt"))?,
                )
            }
            _ => None,
        };
        Ok(self)
    }

    /// Mismatches between the declared totals and `amounts` (empty when consistent).
    pub(crate) fn check_totals(&self, amounts: &[Amount], root: &str) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(sum) = &self.control_sum
            && let Ok(computed) = DecimalNumber::sum(amounts)
            && !same_decimal(sum.as_str(), computed.as_str())
        {
            problems.push(format!(
                "{root}/GrpHdr/CtrlSum is {sum} but the transactions add up to {computed}"
            ));
        }
        if let Some(total) = &self.total_interbank_settlement_amount {
            let same: Option<i128> = amounts
                .iter()
                .filter(|a| a.currency() == total.currency())
                .try_fold(0i128, |s, a| s.checked_add(a.minor()));
            let others = amounts.iter().any(|a| a.currency() != total.currency());
            if others {
                problems.push(format!(
                    "{root}/GrpHdr/TtlIntrBkSttlmAmt is in {} but some transactions are in another currency",
                    total.currency()
                ));
            } else if same != Some(total.minor()) {
                let computed = same
                    .and_then(|m| Amount::new(total.currency(), m).ok())
                    .map_or_else(|| "an overflowing sum".to_string(), |a| a.to_string());
                problems.push(format!(
                    "{root}/GrpHdr/TtlIntrBkSttlmAmt is {total} but the transactions add up to {computed}"
                ));
            }
        }
        problems
    }
}

/// Compares two plain decimals numerically (`10000` = `10000.00`).
fn same_decimal(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let (w, f) = s.split_once('.').unwrap_or((s, ""));
        let w = w.trim_start_matches('0');
        let f = f.trim_end_matches('0');
        (w.to_string(), f.to_string())
    };
    norm(a) == norm(b)
}

/// `CreditTransferTransaction39` (subset): one customer credit transfer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditTransfer {
    pub payment_id: PaymentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    pub interbank_settlement_amount: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interbank_settlement_date: Option<IsoDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement_priority: Option<Priority3>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance_date_time: Option<IsoDateTime>,
    /// `InstdAmt`: the amount the debtor instructed, before any currency conversion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructed_amount: Option<Amount>,
    /// `XchgRate`: instructed amount x rate = interbank settlement amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_rate: Option<BaseOneRate>,
    pub charge_bearer: ChargeBearer,
    /// `ChrgsInf`: charges taken by agents on the way.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<Charge>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructing_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructed_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediary_agent1: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediary_agent2: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediary_agent3: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ultimate_debtor: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiating_party: Option<Party>,
    pub debtor: Party,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_account: Option<Account>,
    pub debtor_agent: Agent,
    pub creditor_agent: Agent,
    pub creditor: Party,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_account: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ultimate_creditor: Option<Party>,
    /// `InstrForCdtrAgt`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instructions_for_creditor_agent: Vec<CreditorAgentInstruction>,
    /// `InstrForNxtAgt`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instructions_for_next_agent: Vec<NextAgentInstruction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<CodeOrProprietary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance: Option<Remittance>,
}

impl CreditTransfer {
    pub(crate) fn read(w: &Walk) -> Result<CreditTransfer> {
        Ok(CreditTransfer {
            payment_id: w.req_with("PmtId", PaymentId::read)?,
            payment_type: opt_group(w, "PmtTpInf", PaymentType::read)?,
            interbank_settlement_amount: w.req_with("IntrBkSttlmAmt", amount)?,
            interbank_settlement_date: w.opt_with("IntrBkSttlmDt", token)?,
            settlement_priority: w.opt_with("SttlmPrty", |p| Priority3::parse(p.token()))?,
            acceptance_date_time: w.opt_with("AccptncDtTm", token)?,
            instructed_amount: w.opt_with("InstdAmt", amount)?,
            exchange_rate: w.opt_with("XchgRate", token)?,
            charge_bearer: w.req_with("ChrgBr", |c| ChargeBearer::parse(c.token()))?,
            charges: read_all(w, "ChrgsInf", Charge::read)?,
            instructing_agent: opt_agent(w, "InstgAgt")?,
            instructed_agent: opt_agent(w, "InstdAgt")?,
            intermediary_agent1: opt_agent(w, "IntrmyAgt1")?,
            intermediary_agent2: opt_agent(w, "IntrmyAgt2")?,
            intermediary_agent3: opt_agent(w, "IntrmyAgt3")?,
            ultimate_debtor: opt_party(w, "UltmtDbtr")?,
            initiating_party: opt_party(w, "InitgPty")?,
            debtor: req_party(w, "Dbtr")?,
            debtor_account: w.opt_with("DbtrAcct", Account::read)?,
            debtor_agent: req_agent(w, "DbtrAgt")?,
            creditor_agent: req_agent(w, "CdtrAgt")?,
            creditor: req_party(w, "Cdtr")?,
            creditor_account: w.opt_with("CdtrAcct", Account::read)?,
            ultimate_creditor: opt_party(w, "UltmtCdtr")?,
            instructions_for_creditor_agent: read_groups(
                w,
                "InstrForCdtrAgt",
                CreditorAgentInstruction::read,
            )?,
            instructions_for_next_agent: read_groups(
                w,
                "InstrForNxtAgt",
                NextAgentInstruction::read,
            )?,
            purpose: w.opt_with("Purp", CodeOrProprietary::read)?,
            remittance: opt_group(w, "RmtInf", Remittance::read)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start("CdtTrfTxInf");
        self.payment_id.write(x);
        if let Some(p) = &self.payment_type {
            p.write(x);
        }
        write_amount(x, "IntrBkSttlmAmt", &self.interbank_settlement_amount);
        x.opt_leaf("IntrBkSttlmDt", opt_str(&self.interbank_settlement_date));
        x.opt_leaf("SttlmPrty", self.settlement_priority.map(|p| p.code()));
        x.opt_leaf("AccptncDtTm", opt_str(&self.acceptance_date_time));
        if let Some(a) = &self.instructed_amount {
            write_amount(x, "InstdAmt", a);
        }
        x.opt_leaf("XchgRate", opt_str(&self.exchange_rate));
        x.leaf("ChrgBr", self.charge_bearer.code());
        for c in &self.charges {
            c.write(x, "ChrgsInf");
        }
        write_opt_agent(x, "InstgAgt", &self.instructing_agent);
        write_opt_agent(x, "InstdAgt", &self.instructed_agent);
        write_opt_agent(x, "IntrmyAgt1", &self.intermediary_agent1);
        write_opt_agent(x, "IntrmyAgt2", &self.intermediary_agent2);
        write_opt_agent(x, "IntrmyAgt3", &self.intermediary_agent3);
        if let Some(p) = &self.ultimate_debtor {
            p.write(x, "UltmtDbtr");
        }
        if let Some(p) = &self.initiating_party {
            p.write(x, "InitgPty");
        }
        self.debtor.write_required(x, "Dbtr");
        write_opt_account(x, "DbtrAcct", &self.debtor_account);
        self.debtor_agent.write_required(x, "DbtrAgt");
        self.creditor_agent.write_required(x, "CdtrAgt");
        self.creditor.write_required(x, "Cdtr");
        write_opt_account(x, "CdtrAcct", &self.creditor_account);
        if let Some(p) = &self.ultimate_creditor {
            p.write(x, "UltmtCdtr");
        }
        for i in &self.instructions_for_creditor_agent {
            i.write(x);
        }
        for i in &self.instructions_for_next_agent {
            i.write(x);
        }
        if let Some(p) = &self.purpose {
            p.write(x, "Purp");
        }
        if let Some(r) = &self.remittance {
            r.write(x);
        }
        x.end();
    }
}

/// A pacs.008 message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pacs008 {
    pub group_header: GroupHeader,
    /// At least one.
    #[serde(deserialize_with = "crate::common::at_least_one")]
    pub transactions: Vec<CreditTransfer>,
}

pub(crate) fn check_count(w: &Walk, declared: u64, actual: usize, name: &str) -> Result<()> {
    if declared != actual as u64 {
        return Err(Error::new(
            format!("{}/GrpHdr/NbOfTxs", w.path()),
            format!("says {declared} but the message has {actual} {name}"),
        ));
    }
    Ok(())
}

impl Pacs008 {
    /// Reads `<FIToFICstmrCdtTrf>`.
    pub(crate) fn read(w: &Walk) -> Result<Pacs008> {
        let (group_header, count) = w.req_with("GrpHdr", GroupHeader::read)?;
        let transactions = read_all(w, "CdtTrfTxInf", CreditTransfer::read)?;
        if transactions.is_empty() {
            return Err(Error::new(
                format!("{}/CdtTrfTxInf", w.path()),
                "required element is missing (at least one transaction)",
            ));
        }
        check_count(w, count, transactions.len(), "CdtTrfTxInf")?;
        Ok(Pacs008 {
            group_header,
            transactions,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start_required("FIToFICstmrCdtTrf");
        if self.transactions.is_empty() {
            x.fail("CdtTrfTxInf", "a pacs.008 needs at least one transaction");
        }
        self.group_header.write(x, self.transactions.len());
        for t in &self.transactions {
            t.write(x);
        }
        x.end();
    }

    /// Mismatches between the header totals and the transactions.
    pub fn check_totals(&self) -> Vec<String> {
        self.check_totals_at("/Document")
    }

    /// [`Self::check_totals`] with the paths under `document` (the Document element's path,
    /// `/message/Document` in an envelope).
    pub fn check_totals_at(&self, document: &str) -> Vec<String> {
        let amounts: Vec<Amount> = self
            .transactions
            .iter()
            .map(|t| t.interbank_settlement_amount)
            .collect();
        self.group_header
            .check_totals(&amounts, &format!("{document}/FIToFICstmrCdtTrf"))
    }
}
