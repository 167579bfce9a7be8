//! pacs.009 financial institution credit transfer (`FICdtTrf`): bank-to-bank funding and
//! settlement instructions (the core variant; the COV variant's underlying customer transfer is
//! skipped on reading).
//!
//! Modelled: the same group header as pacs.008, and per transaction the references, payment
//! type, interbank settlement amount and date, priority, the agent chain (instructing,
//! instructed, intermediaries 1 to 3), debtor and creditor institutions with accounts and
//! agents, purpose and unstructured remittance (the only kind pacs.009 has). Reading `.07` is
//! supported (same subset). `NbOfTxs` must equal the number of transactions. Everything else is
//! reported with its path when read, and is not written.

use crate::common::*;
use crate::error::{Error, Result};
use crate::pacs008::{GroupHeader, check_count};
use crate::types::*;
use crate::xml::{Walk, Writer};
use serde::{Deserialize, Serialize};

/// `CreditTransferTransaction36` (subset): one institution credit transfer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiCreditTransfer {
    pub payment_id: PaymentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    pub interbank_settlement_amount: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interbank_settlement_date: Option<IsoDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement_priority: Option<Priority3>,
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
    pub debtor: Agent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_account: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_agent: Option<Agent>,
    pub creditor: Agent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_account: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<CodeOrProprietary>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remittance: Vec<Max140Text>,
}

impl FiCreditTransfer {
    pub(crate) fn read(w: &Walk) -> Result<FiCreditTransfer> {
        Ok(FiCreditTransfer {
            payment_id: w.req_with("PmtId", PaymentId::read)?,
            payment_type: opt_group(w, "PmtTpInf", PaymentType::read)?,
            interbank_settlement_amount: w.req_with("IntrBkSttlmAmt", amount)?,
            interbank_settlement_date: w.opt_with("IntrBkSttlmDt", token)?,
            settlement_priority: w.opt_with("SttlmPrty", |p| Priority3::parse(p.token()))?,
            instructing_agent: opt_agent(w, "InstgAgt")?,
            instructed_agent: opt_agent(w, "InstdAgt")?,
            intermediary_agent1: opt_agent(w, "IntrmyAgt1")?,
            intermediary_agent2: opt_agent(w, "IntrmyAgt2")?,
            intermediary_agent3: opt_agent(w, "IntrmyAgt3")?,
            debtor: req_agent(w, "Dbtr")?,
            debtor_account: w.opt_with("DbtrAcct", Account::read)?,
            debtor_agent: opt_agent(w, "DbtrAgt")?,
            creditor_agent: opt_agent(w, "CdtrAgt")?,
            creditor: req_agent(w, "Cdtr")?,
            creditor_account: w.opt_with("CdtrAcct", Account::read)?,
            purpose: w.opt_with("Purp", CodeOrProprietary::read)?,
            remittance: w
                .opt_with("RmtInf", read_remittance_lines)?
                .unwrap_or_default(),
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
        write_opt_agent(x, "InstgAgt", &self.instructing_agent);
        write_opt_agent(x, "InstdAgt", &self.instructed_agent);
        write_opt_agent(x, "IntrmyAgt1", &self.intermediary_agent1);
        write_opt_agent(x, "IntrmyAgt2", &self.intermediary_agent2);
        write_opt_agent(x, "IntrmyAgt3", &self.intermediary_agent3);
        self.debtor.write_required(x, "Dbtr");
        write_opt_account(x, "DbtrAcct", &self.debtor_account);
        write_opt_agent(x, "DbtrAgt", &self.debtor_agent);
        write_opt_agent(x, "CdtrAgt", &self.creditor_agent);
        self.creditor.write_required(x, "Cdtr");
        write_opt_account(x, "CdtrAcct", &self.creditor_account);
        if let Some(p) = &self.purpose {
            p.write(x, "Purp");
        }
        write_remittance_lines(x, &self.remittance);
        x.end();
    }
}

/// A pacs.009 message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pacs009 {
    pub group_header: GroupHeader,
    /// At least one.
    #[serde(deserialize_with = "crate::common::at_least_one")]
    pub transactions: Vec<FiCreditTransfer>,
}

impl Pacs009 {
    /// Reads `<FICdtTrf>`.
    pub(crate) fn read(w: &Walk) -> Result<Pacs009> {
        let (group_header, count) = w.req_with("GrpHdr", GroupHeader::read)?;
        let transactions = read_all(w, "CdtTrfTxInf", FiCreditTransfer::read)?;
        if transactions.is_empty() {
            return Err(Error::new(
                format!("{}/CdtTrfTxInf", w.path()),
                "required element is missing (at least one transaction)",
            ));
        }
        check_count(w, count, transactions.len(), "CdtTrfTxInf")?;
        Ok(Pacs009 {
            group_header,
            transactions,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start_required("FICdtTrf");
        if self.transactions.is_empty() {
            x.fail("CdtTrfTxInf", "a pacs.009 needs at least one transaction");
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
            .check_totals(&amounts, &format!("{document}/FICdtTrf"))
    }
}
