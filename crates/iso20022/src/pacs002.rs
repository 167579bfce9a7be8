//! pacs.002 FI-to-FI payment status report (`FIToFIPmtStsRpt`): accept or reject, with ISO
//! external status reason codes.
//!
//! Modelled: the group header, original group information and status (with reasons), and per
//! transaction the status id, original references (message, instruction, end-to-end, transaction,
//! UETR), the status, its reasons, acceptance time, clearing reference, agents, and what
//! reconciliation needs of the original transaction (`OrgnlTxRef`): its interbank amount and
//! date, the parties (ultimate debtor, debtor, creditor, ultimate creditor), their accounts and
//! agents, the purpose and the remittance. Read and written in `.10` and `.12` (the subset is
//! the same). Everything else (mandates, settlement and payment type of the original, charges,
//! ...) is reported with its path when read, and is not written.
//!
//! Status codes (`ExternalPaymentTransactionStatus1Code`, e.g. `ACSC`, `ACSP`, `RJCT`, `PDNG`)
//! and reason codes are 1 to 4 characters as the schema says; reason codes that are not in the
//! ISO list are accepted on reading (the list grows) and refused by [`StatusReason::iso`].

use crate::common::*;
use crate::error::{Error, Result};
use crate::types::*;
use crate::xml::{Walk, Writer};
use serde::{Deserialize, Serialize};

/// Transaction status codes commonly used (ExternalPaymentTransactionStatus1Code).
pub mod status {
    /// Settlement completed on the creditor's account.
    pub const ACSC: &str = "ACSC";
    /// Settlement in process: accepted, and settlement started.
    pub const ACSP: &str = "ACSP";
    /// Accepted after technical validation.
    pub const ACTC: &str = "ACTC";
    /// Accepted after customer profile checks.
    pub const ACCP: &str = "ACCP";
    /// Pending.
    pub const PDNG: &str = "PDNG";
    /// Rejected.
    pub const RJCT: &str = "RJCT";
}

/// `StatusReasonInformation12` (subset): a reason (code or proprietary) and free text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusReason {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<CodeOrProprietary>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_info: Vec<Max105Text>,
}

impl StatusReason {
    /// A reason with an ISO code from ExternalStatusReason1Code (e.g. `AC01`, `AM04`); refuses
    /// codes that are not in the list.
    pub fn iso(code: &str, info: Option<&str>) -> Result<StatusReason> {
        if !is_known_status_reason(code) {
            return Err(Error::new(
                "StsRsnInf/Rsn/Cd",
                format!("{code:?} is not in the ISO ExternalStatusReason1Code list"),
            ));
        }
        Ok(StatusReason {
            reason: Some(CodeOrProprietary::Code(Code::new(code)?)),
            additional_info: match info {
                Some(text) => vec![Max105Text::truncated(text, "-")?],
                None => Vec::new(),
            },
        })
    }

    fn read(w: &Walk) -> Result<StatusReason> {
        Ok(StatusReason {
            reason: w.opt_with("Rsn", CodeOrProprietary::read)?,
            additional_info: read_all(w, "AddtlInf", text)?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("StsRsnInf");
        if let Some(r) = &self.reason {
            r.write(x, "Rsn");
        }
        for i in &self.additional_info {
            x.leaf("AddtlInf", i.as_str());
        }
        x.end();
    }
}

/// `GroupHeader91`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusGroupHeader {
    pub message_id: Max35Text,
    pub creation_date_time: IsoDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructing_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructed_agent: Option<Agent>,
}

/// `OriginalGroupHeader17` (subset).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginalGroupStatus {
    pub original_message_id: Max35Text,
    /// `OrgnlMsgNmId`, e.g. `pacs.008.001.08`.
    pub original_message_name_id: Max35Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_creation_date_time: Option<IsoDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_number_of_transactions: Option<Max15NumericText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_status: Option<Code>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<StatusReason>,
}

/// `OriginalGroupInformation29`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginalGroup {
    pub original_message_id: Max35Text,
    pub original_message_name_id: Max35Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_creation_date_time: Option<IsoDateTime>,
}

/// `OriginalTransactionReference28` (`.10`) / `35` (`.12`), subset: what a bank's
/// reconciliation needs to match the status to its payment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginalTransaction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interbank_settlement_amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interbank_settlement_date: Option<IsoDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance: Option<Remittance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ultimate_debtor: Option<RelatedParty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor: Option<RelatedParty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_account: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor: Option<RelatedParty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_account: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ultimate_creditor: Option<RelatedParty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<CodeOrProprietary>,
}

impl OriginalTransaction {
    fn read(w: &Walk) -> Result<OriginalTransaction> {
        Ok(OriginalTransaction {
            interbank_settlement_amount: w.opt_with("IntrBkSttlmAmt", amount)?,
            interbank_settlement_date: w.opt_with("IntrBkSttlmDt", token)?,
            remittance: opt_group(w, "RmtInf", Remittance::read)?,
            ultimate_debtor: RelatedParty::read_opt(w, "UltmtDbtr")?,
            debtor: RelatedParty::read_opt(w, "Dbtr")?,
            debtor_account: Account::read_lenient(w, "DbtrAcct")?,
            debtor_agent: opt_agent(w, "DbtrAgt")?,
            creditor_agent: opt_agent(w, "CdtrAgt")?,
            creditor: RelatedParty::read_opt(w, "Cdtr")?,
            creditor_account: Account::read_lenient(w, "CdtrAcct")?,
            ultimate_creditor: RelatedParty::read_opt(w, "UltmtCdtr")?,
            purpose: w.opt_with("Purp", CodeOrProprietary::read)?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("OrgnlTxRef");
        if let Some(a) = &self.interbank_settlement_amount {
            write_amount(x, "IntrBkSttlmAmt", a);
        }
        x.opt_leaf("IntrBkSttlmDt", opt_str(&self.interbank_settlement_date));
        if let Some(r) = &self.remittance {
            r.write(x);
        }
        let party = |x: &mut Writer, name: &'static str, p: &Option<RelatedParty>| {
            if let Some(p) = p {
                p.write(x, name);
            }
        };
        party(x, "UltmtDbtr", &self.ultimate_debtor);
        party(x, "Dbtr", &self.debtor);
        write_opt_account(x, "DbtrAcct", &self.debtor_account);
        write_opt_agent(x, "DbtrAgt", &self.debtor_agent);
        write_opt_agent(x, "CdtrAgt", &self.creditor_agent);
        party(x, "Cdtr", &self.creditor);
        write_opt_account(x, "CdtrAcct", &self.creditor_account);
        party(x, "UltmtCdtr", &self.ultimate_creditor);
        if let Some(p) = &self.purpose {
            p.write(x, "Purp");
        }
        x.end();
    }
}

/// `PaymentTransaction110` (`.10`) / `130` (`.12`), subset: the status of one original
/// transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransactionStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_group: Option<OriginalGroup>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_instruction_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_end_to_end_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_transaction_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_uetr: Option<Uetr>,
    /// `TxSts`: ACSC, ACSP, RJCT, PDNG, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Code>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<StatusReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance_date_time: Option<IsoDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clearing_system_reference: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructing_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructed_agent: Option<Agent>,
    /// `OrgnlTxRef`: the original transaction's amount, date, parties and remittance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_transaction: Option<OriginalTransaction>,
}

impl TransactionStatus {
    fn read(w: &Walk) -> Result<TransactionStatus> {
        Ok(TransactionStatus {
            status_id: w.opt_with("StsId", text)?,
            original_group: w.opt_with("OrgnlGrpInf", |g| {
                Ok(OriginalGroup {
                    original_message_id: g.req_with("OrgnlMsgId", text)?,
                    original_message_name_id: g.req_with("OrgnlMsgNmId", text)?,
                    original_creation_date_time: g.opt_with("OrgnlCreDtTm", token)?,
                })
            })?,
            original_instruction_id: w.opt_with("OrgnlInstrId", text)?,
            original_end_to_end_id: w.opt_with("OrgnlEndToEndId", text)?,
            original_transaction_id: w.opt_with("OrgnlTxId", text)?,
            original_uetr: w.opt_with("OrgnlUETR", token)?,
            status: w.opt_with("TxSts", token)?,
            reasons: read_groups(w, "StsRsnInf", StatusReason::read)?,
            acceptance_date_time: w.opt_with("AccptncDtTm", token)?,
            clearing_system_reference: w.opt_with("ClrSysRef", text)?,
            instructing_agent: opt_agent(w, "InstgAgt")?,
            instructed_agent: opt_agent(w, "InstdAgt")?,
            original_transaction: opt_group(w, "OrgnlTxRef", OriginalTransaction::read)?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("TxInfAndSts");
        x.opt_leaf("StsId", opt_str(&self.status_id));
        if let Some(g) = &self.original_group {
            x.start("OrgnlGrpInf");
            x.leaf("OrgnlMsgId", g.original_message_id.as_str());
            x.leaf("OrgnlMsgNmId", g.original_message_name_id.as_str());
            x.opt_leaf("OrgnlCreDtTm", opt_str(&g.original_creation_date_time));
            x.end();
        }
        x.opt_leaf("OrgnlInstrId", opt_str(&self.original_instruction_id));
        x.opt_leaf("OrgnlEndToEndId", opt_str(&self.original_end_to_end_id));
        x.opt_leaf("OrgnlTxId", opt_str(&self.original_transaction_id));
        x.opt_leaf("OrgnlUETR", opt_str(&self.original_uetr));
        x.opt_leaf("TxSts", opt_str(&self.status));
        for r in &self.reasons {
            r.write(x);
        }
        x.opt_leaf("AccptncDtTm", opt_str(&self.acceptance_date_time));
        x.opt_leaf("ClrSysRef", opt_str(&self.clearing_system_reference));
        write_opt_agent(x, "InstgAgt", &self.instructing_agent);
        write_opt_agent(x, "InstdAgt", &self.instructed_agent);
        if let Some(o) = &self.original_transaction {
            o.write(x);
        }
        x.end();
    }
}

/// A pacs.002 message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pacs002 {
    pub group_header: StatusGroupHeader,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub original_groups: Vec<OriginalGroupStatus>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transactions: Vec<TransactionStatus>,
}

impl Pacs002 {
    /// Reads `<FIToFIPmtStsRpt>`.
    pub(crate) fn read(w: &Walk) -> Result<Pacs002> {
        let group_header = w.req_with("GrpHdr", |g| {
            Ok(StatusGroupHeader {
                message_id: g.req_with("MsgId", text)?,
                creation_date_time: g.req_with("CreDtTm", token)?,
                instructing_agent: opt_agent(g, "InstgAgt")?,
                instructed_agent: opt_agent(g, "InstdAgt")?,
            })
        })?;
        let original_groups = read_all(w, "OrgnlGrpInfAndSts", |g| {
            Ok(OriginalGroupStatus {
                original_message_id: g.req_with("OrgnlMsgId", text)?,
                original_message_name_id: g.req_with("OrgnlMsgNmId", text)?,
                original_creation_date_time: g.opt_with("OrgnlCreDtTm", token)?,
                original_number_of_transactions: g.opt_with("OrgnlNbOfTxs", token)?,
                group_status: g.opt_with("GrpSts", token)?,
                reasons: read_groups(g, "StsRsnInf", StatusReason::read)?,
            })
        })?;
        Ok(Pacs002 {
            group_header,
            original_groups,
            transactions: read_groups(w, "TxInfAndSts", TransactionStatus::read)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start_required("FIToFIPmtStsRpt");
        let g = &self.group_header;
        x.start("GrpHdr");
        x.leaf("MsgId", g.message_id.as_str());
        x.leaf("CreDtTm", g.creation_date_time.as_str());
        write_opt_agent(x, "InstgAgt", &g.instructing_agent);
        write_opt_agent(x, "InstdAgt", &g.instructed_agent);
        x.end();
        for o in &self.original_groups {
            x.start("OrgnlGrpInfAndSts");
            x.leaf("OrgnlMsgId", o.original_message_id.as_str());
            x.leaf("OrgnlMsgNmId", o.original_message_name_id.as_str());
            x.opt_leaf("OrgnlCreDtTm", opt_str(&o.original_creation_date_time));
            x.opt_leaf("OrgnlNbOfTxs", opt_str(&o.original_number_of_transactions));
            x.opt_leaf("GrpSts", opt_str(&o.group_status));
            for r in &o.reasons {
                r.write(x);
            }
            x.end();
        }
        for t in &self.transactions {
            t.write(x);
        }
        x.end();
    }
}
