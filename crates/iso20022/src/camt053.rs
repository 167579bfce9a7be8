//! camt.053 bank-to-customer statement (`BkToCstmrStmt`): what a bank's reconciliation software
//! reads.
//!
//! Modelled: the group header (with pagination), and per statement the id, sequence numbers,
//! creation time, period, account (id, type, currency, name, owner, servicer), balances (type,
//! amount, credit/debit, date), the transactions summary (`TxsSummry`: number and sum of all,
//! credit and debit entries, net total) and entries (reference, amount, credit/debit, reversal,
//! status, booking and value dates, servicer reference, bank transaction code, and per
//! transaction the references, amount, amount details with currency exchange, bank
//! transaction code, related parties and agents, purpose and remittance, structured included:
//! creditor references and referred documents), the batch each entry's details book, and the
//! related account.
//!
//! Reading `.02`, `.04` and `.07` is supported inside this subset: `Sts` as a bare code,
//! `BIC` instead of `BICFI`, related parties without the `Pty`/`Agt` choice, `AdrTp` as a bare
//! code, `TtlNetNtryAmt` + `CdtDbtInd` instead of `TtlNetNtry`. Written in `.08` only. What is
//! not modelled (charges, interest, credit lines, availability, related dates and quantities,
//! ...) is reported with its path when read, and is not written.
//!
//! [`statement`] builds a statement from an opening balance, entries and a closing balance, and
//! refuses one that does not add up.

use crate::common::*;
use crate::error::{Error, Result};
use crate::types::*;
use crate::xml::{MAX_ELEMENTS, MAX_INPUT, Walk, Writer};
use money::Currency;
use serde::{Deserialize, Serialize};

/// `CashBalance8` (subset).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Balance {
    /// `Tp/CdOrPrtry`: OPBD (opening booked), CLBD (closing booked), CLAV, ITBD, ...
    pub kind: CodeOrProprietary,
    pub amount: Amount,
    pub credit_debit: CreditDebit,
    pub date: DateOrDateTime,
}

impl Balance {
    fn read(w: &Walk) -> Result<Balance> {
        Ok(Balance {
            kind: w.req_with("Tp", |t| t.req_with("CdOrPrtry", CodeOrProprietary::read))?,
            amount: w.req_with("Amt", amount)?,
            credit_debit: w.req_with("CdtDbtInd", |c| CreditDebit::parse(c.token()))?,
            date: w.req_with("Dt", DateOrDateTime::read)?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("Bal");
        x.start_required("Tp");
        self.kind.write(x, "CdOrPrtry");
        x.end();
        write_amount(x, "Amt", &self.amount);
        x.leaf("CdtDbtInd", self.credit_debit.code());
        self.date.write(x, "Dt");
        x.end();
    }

    /// The balance as a signed number of minor units (credit positive).
    pub fn signed(&self) -> i128 {
        match self.credit_debit {
            CreditDebit::Credit => self.amount.minor(),
            CreditDebit::Debit => -self.amount.minor(),
        }
    }
}

/// `BankTransactionCodeStructure5`: domain, family and sub-family codes (e.g. `PMNT/RCDT/XBCT`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankTransactionDomain {
    pub domain: Code,
    pub family: Code,
    pub sub_family: Code,
}

/// `ProprietaryBankTransactionCodeStructure1`: a bank's own code and its issuer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProprietaryBankTransactionCode {
    pub code: Max35Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Max35Text>,
}

/// `BankTransactionCodeStructure4`: the ISO domain code, a proprietary code, or both. The
/// schema requires the element; one with neither is refused when read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankTransactionCode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<BankTransactionDomain>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proprietary: Option<ProprietaryBankTransactionCode>,
}

impl BankTransactionCode {
    /// `PMNT/RCDT/XBCT` (received cross-border credit transfer) and so on.
    pub fn domain(domain: &str, family: &str, sub_family: &str) -> Result<BankTransactionCode> {
        Ok(BankTransactionCode {
            domain: Some(BankTransactionDomain {
                domain: Code::new(domain)?,
                family: Code::new(family)?,
                sub_family: Code::new(sub_family)?,
            }),
            proprietary: None,
        })
    }

    fn read(w: &Walk) -> Result<BankTransactionCode> {
        let domain = w.opt_with("Domn", |d| {
            let f = d.req("Fmly")?;
            Ok(BankTransactionDomain {
                domain: d.req_with("Cd", token)?,
                family: f.req_with("Cd", token)?,
                sub_family: f.req_with("SubFmlyCd", token)?,
            })
        })?;
        let proprietary = w.opt_with("Prtry", |p| {
            Ok(ProprietaryBankTransactionCode {
                code: p.req_with("Cd", text)?,
                issuer: p.opt_with("Issr", text)?,
            })
        })?;
        Ok(BankTransactionCode {
            domain,
            proprietary,
        })
    }

    fn write(&self, x: &mut Writer) {
        self.write_as(x, "BkTxCd", true);
    }

    fn write_as(&self, x: &mut Writer, name: &'static str, required: bool) {
        if required {
            x.start_required(name);
        } else {
            x.start(name);
        }
        if let Some(d) = &self.domain {
            x.start("Domn");
            x.leaf("Cd", d.domain.as_str());
            x.start("Fmly");
            x.leaf("Cd", d.family.as_str());
            x.leaf("SubFmlyCd", d.sub_family.as_str());
            x.end();
            x.end();
        }
        if let Some(p) = &self.proprietary {
            x.start("Prtry");
            x.leaf("Cd", p.code.as_str());
            x.opt_leaf("Issr", opt_str(&p.issuer));
            x.end();
        }
        x.end();
    }
}

/// `CurrencyExchange5`: the exchange applied to an amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrencyExchange {
    #[serde(with = "crate::types::currency_code")]
    pub source_currency: Currency,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::types::opt_currency_code"
    )]
    pub target_currency: Option<Currency>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::types::opt_currency_code"
    )]
    pub unit_currency: Option<Currency>,
    pub rate: BaseOneRate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotation_date: Option<IsoDateTime>,
}

impl CurrencyExchange {
    fn read(w: &Walk) -> Result<CurrencyExchange> {
        Ok(CurrencyExchange {
            source_currency: w.req_with("SrcCcy", currency)?,
            target_currency: w.opt_with("TrgtCcy", currency)?,
            unit_currency: w.opt_with("UnitCcy", currency)?,
            rate: w.req_with("XchgRate", token)?,
            contract_id: w.opt_with("CtrctId", text)?,
            quotation_date: w.opt_with("QtnDt", token)?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("CcyXchg");
        x.leaf("SrcCcy", self.source_currency.code());
        x.opt_leaf("TrgtCcy", self.target_currency.map(|c| c.code()));
        x.opt_leaf("UnitCcy", self.unit_currency.map(|c| c.code()));
        x.leaf("XchgRate", self.rate.as_str());
        x.opt_leaf("CtrctId", opt_str(&self.contract_id));
        x.opt_leaf("QtnDt", opt_str(&self.quotation_date));
        x.end();
    }
}

/// `AmountAndCurrencyExchangeDetails3`: an amount and the exchange that produced it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountWithExchange {
    pub amount: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange: Option<CurrencyExchange>,
}

impl AmountWithExchange {
    fn read(w: &Walk) -> Result<AmountWithExchange> {
        Ok(AmountWithExchange {
            amount: w.req_with("Amt", amount)?,
            exchange: w.opt_with("CcyXchg", CurrencyExchange::read)?,
        })
    }

    fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        write_amount(x, "Amt", &self.amount);
        if let Some(e) = &self.exchange {
            e.write(x);
        }
        x.end();
    }
}

/// `AmountAndCurrencyExchange3` (subset): the amounts of an entry or transaction as instructed,
/// as booked, their counter value and the announced posting amount, each with its exchange.
/// Proprietary amounts are not modelled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructed: Option<AmountWithExchange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction: Option<AmountWithExchange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter_value: Option<AmountWithExchange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced_posting: Option<AmountWithExchange>,
}

impl AmountDetails {
    fn read(w: &Walk) -> Result<AmountDetails> {
        Ok(AmountDetails {
            instructed: w.opt_with("InstdAmt", AmountWithExchange::read)?,
            transaction: w.opt_with("TxAmt", AmountWithExchange::read)?,
            counter_value: w.opt_with("CntrValAmt", AmountWithExchange::read)?,
            announced_posting: w.opt_with("AnncdPstngAmt", AmountWithExchange::read)?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("AmtDtls");
        let one = |x: &mut Writer, name: &'static str, a: &Option<AmountWithExchange>| {
            if let Some(a) = a {
                a.write(x, name);
            }
        };
        one(x, "InstdAmt", &self.instructed);
        one(x, "TxAmt", &self.transaction);
        one(x, "CntrValAmt", &self.counter_value);
        one(x, "AnncdPstngAmt", &self.announced_posting);
        x.end();
    }
}

/// `TransactionAgents5` (subset): the agents a transaction went through.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransactionAgents {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructing_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructed_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediary_agent1: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediary_agent2: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediary_agent3: Option<Agent>,
}

impl TransactionAgents {
    fn read(w: &Walk) -> Result<TransactionAgents> {
        Ok(TransactionAgents {
            instructing_agent: opt_agent(w, "InstgAgt")?,
            instructed_agent: opt_agent(w, "InstdAgt")?,
            debtor_agent: opt_agent(w, "DbtrAgt")?,
            creditor_agent: opt_agent(w, "CdtrAgt")?,
            intermediary_agent1: opt_agent(w, "IntrmyAgt1")?,
            intermediary_agent2: opt_agent(w, "IntrmyAgt2")?,
            intermediary_agent3: opt_agent(w, "IntrmyAgt3")?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("RltdAgts");
        write_opt_agent(x, "InstgAgt", &self.instructing_agent);
        write_opt_agent(x, "InstdAgt", &self.instructed_agent);
        write_opt_agent(x, "DbtrAgt", &self.debtor_agent);
        write_opt_agent(x, "CdtrAgt", &self.creditor_agent);
        write_opt_agent(x, "IntrmyAgt1", &self.intermediary_agent1);
        write_opt_agent(x, "IntrmyAgt2", &self.intermediary_agent2);
        write_opt_agent(x, "IntrmyAgt3", &self.intermediary_agent3);
        x.end();
    }
}

/// `BatchInformation2`: the batch an entry books (lump-sum bookings of a customer's file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_information_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_transactions: Option<Max15NumericText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_debit: Option<CreditDebit>,
}

impl Batch {
    fn read(w: &Walk) -> Result<Batch> {
        Ok(Batch {
            message_id: w.opt_with("MsgId", text)?,
            payment_information_id: w.opt_with("PmtInfId", text)?,
            number_of_transactions: w.opt_with("NbOfTxs", token)?,
            total_amount: w.opt_with("TtlAmt", amount)?,
            credit_debit: w.opt_with("CdtDbtInd", |c| CreditDebit::parse(c.token()))?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("Btch");
        x.opt_leaf("MsgId", opt_str(&self.message_id));
        x.opt_leaf("PmtInfId", opt_str(&self.payment_information_id));
        x.opt_leaf("NbOfTxs", opt_str(&self.number_of_transactions));
        if let Some(a) = &self.total_amount {
            write_amount(x, "TtlAmt", a);
        }
        x.opt_leaf("CdtDbtInd", self.credit_debit.map(|c| c.code()));
        x.end();
    }
}

/// `EntryDetails9`: one block of an entry's details: the batch it books, and its transactions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<Batch>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transactions: Vec<EntryTransaction>,
}

impl EntryDetails {
    fn read(w: &Walk) -> Result<EntryDetails> {
        Ok(EntryDetails {
            batch: opt_group(w, "Btch", Batch::read)?,
            transactions: read_groups(w, "TxDtls", EntryTransaction::read)?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("NtryDtls");
        if let Some(b) = &self.batch {
            b.write(x);
        }
        for t in &self.transactions {
            t.write(x);
        }
        x.end();
    }
}

/// `EntryTransaction10` (subset): one transaction inside an entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryTransaction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_servicer_reference: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_information_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_to_end_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uetr: Option<Uetr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cheque_number: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clearing_system_reference: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_debit: Option<CreditDebit>,
    /// `AmtDtls`: instructed, transaction and counter-value amounts with their exchange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_details: Option<AmountDetails>,
    /// `BkTxCd` of this transaction (when it differs from the entry's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_transaction_code: Option<BankTransactionCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor: Option<RelatedParty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_account: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ultimate_debtor: Option<RelatedParty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor: Option<RelatedParty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_account: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ultimate_creditor: Option<RelatedParty>,
    /// `RltdAgts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agents: Option<TransactionAgents>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<CodeOrProprietary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance: Option<Remittance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Max500Text>,
}

impl EntryTransaction {
    fn read(w: &Walk) -> Result<EntryTransaction> {
        let mut t = EntryTransaction::default();
        if let Some(r) = w.opt("Refs")? {
            t.message_id = r.opt_with("MsgId", text)?;
            t.account_servicer_reference = r.opt_with("AcctSvcrRef", text)?;
            t.payment_information_id = r.opt_with("PmtInfId", text)?;
            t.instruction_id = r.opt_with("InstrId", text)?;
            t.end_to_end_id = r.opt_with("EndToEndId", text)?;
            t.uetr = r.opt_with("UETR", token)?;
            t.transaction_id = r.opt_with("TxId", text)?;
            t.mandate_id = r.opt_with("MndtId", text)?;
            t.cheque_number = r.opt_with("ChqNb", text)?;
            t.clearing_system_reference = r.opt_with("ClrSysRef", text)?;
            let any = [
                &t.message_id,
                &t.account_servicer_reference,
                &t.payment_information_id,
                &t.instruction_id,
                &t.end_to_end_id,
                &t.transaction_id,
                &t.mandate_id,
                &t.cheque_number,
                &t.clearing_system_reference,
            ]
            .iter()
            .any(|r| r.is_some())
                || t.uetr.is_some();
            if !any {
                r.release();
            }
        }
        t.amount = w.opt_with("Amt", amount)?;
        t.credit_debit = w.opt_with("CdtDbtInd", |c| CreditDebit::parse(c.token()))?;
        t.amount_details = opt_group(w, "AmtDtls", AmountDetails::read)?;
        t.bank_transaction_code = opt_group(w, "BkTxCd", BankTransactionCode::read)?;
        if let Some(p) = w.opt("RltdPties")? {
            t.debtor = RelatedParty::read_opt(&p, "Dbtr")?;
            t.debtor_account = p.opt_with("DbtrAcct", Account::read)?;
            t.ultimate_debtor = RelatedParty::read_opt(&p, "UltmtDbtr")?;
            t.creditor = RelatedParty::read_opt(&p, "Cdtr")?;
            t.creditor_account = p.opt_with("CdtrAcct", Account::read)?;
            t.ultimate_creditor = RelatedParty::read_opt(&p, "UltmtCdtr")?;
            if t.debtor.is_none()
                && t.debtor_account.is_none()
                && t.ultimate_debtor.is_none()
                && t.creditor.is_none()
                && t.creditor_account.is_none()
                && t.ultimate_creditor.is_none()
            {
                p.release();
            }
        }
        t.agents = opt_group(w, "RltdAgts", TransactionAgents::read)?;
        t.purpose = w.opt_with("Purp", CodeOrProprietary::read)?;
        t.remittance = opt_group(w, "RmtInf", Remittance::read)?;
        t.additional_info = w.opt_with("AddtlTxInf", text)?;
        Ok(t)
    }

    fn write(&self, x: &mut Writer) {
        x.start("TxDtls");
        x.start("Refs");
        x.opt_leaf("MsgId", opt_str(&self.message_id));
        x.opt_leaf("AcctSvcrRef", opt_str(&self.account_servicer_reference));
        x.opt_leaf("PmtInfId", opt_str(&self.payment_information_id));
        x.opt_leaf("InstrId", opt_str(&self.instruction_id));
        x.opt_leaf("EndToEndId", opt_str(&self.end_to_end_id));
        x.opt_leaf("UETR", opt_str(&self.uetr));
        x.opt_leaf("TxId", opt_str(&self.transaction_id));
        x.opt_leaf("MndtId", opt_str(&self.mandate_id));
        x.opt_leaf("ChqNb", opt_str(&self.cheque_number));
        x.opt_leaf("ClrSysRef", opt_str(&self.clearing_system_reference));
        x.end();
        if let Some(a) = &self.amount {
            write_amount(x, "Amt", a);
        }
        x.opt_leaf("CdtDbtInd", self.credit_debit.map(|c| c.code()));
        if let Some(a) = &self.amount_details {
            a.write(x);
        }
        if let Some(b) = &self.bank_transaction_code {
            b.write_as(x, "BkTxCd", false);
        }
        x.start("RltdPties");
        if let Some(d) = &self.debtor {
            d.write(x, "Dbtr");
        }
        write_opt_account(x, "DbtrAcct", &self.debtor_account);
        if let Some(d) = &self.ultimate_debtor {
            d.write(x, "UltmtDbtr");
        }
        if let Some(c) = &self.creditor {
            c.write(x, "Cdtr");
        }
        write_opt_account(x, "CdtrAcct", &self.creditor_account);
        if let Some(c) = &self.ultimate_creditor {
            c.write(x, "UltmtCdtr");
        }
        x.end();
        if let Some(a) = &self.agents {
            a.write(x);
        }
        if let Some(p) = &self.purpose {
            p.write(x, "Purp");
        }
        if let Some(r) = &self.remittance {
            r.write(x);
        }
        x.opt_leaf("AddtlTxInf", opt_str(&self.additional_info));
        x.end();
    }
}

/// `ReportEntry10` (subset): one booked (or pending) entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Max35Text>,
    pub amount: Amount,
    pub credit_debit: CreditDebit,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reversal: Option<bool>,
    /// `Sts`: BOOK, PDNG, INFO, FUTR.
    pub status: CodeOrProprietary,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_date: Option<DateOrDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date: Option<DateOrDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_servicer_reference: Option<Max35Text>,
    pub bank_transaction_code: BankTransactionCode,
    /// `AmtDtls` of the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_details: Option<AmountDetails>,
    /// `NtryDtls`: the batch and transactions the entry books, block by block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<EntryDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Max500Text>,
}

impl Entry {
    fn read(w: &Walk) -> Result<Entry> {
        Ok(Entry {
            reference: w.opt_with("NtryRef", text)?,
            amount: w.req_with("Amt", amount)?,
            credit_debit: w.req_with("CdtDbtInd", |c| CreditDebit::parse(c.token()))?,
            reversal: w.opt_with("RvslInd", boolean)?,
            status: w.req_with("Sts", CodeOrProprietary::read_or_bare_code)?,
            booking_date: w.opt_with("BookgDt", DateOrDateTime::read)?,
            value_date: w.opt_with("ValDt", DateOrDateTime::read)?,
            account_servicer_reference: w.opt_with("AcctSvcrRef", text)?,
            bank_transaction_code: req_group(w, "BkTxCd", BankTransactionCode::read)?,
            amount_details: opt_group(w, "AmtDtls", AmountDetails::read)?,
            details: read_groups(w, "NtryDtls", EntryDetails::read)?,
            additional_info: w.opt_with("AddtlNtryInf", text)?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("Ntry");
        x.opt_leaf("NtryRef", opt_str(&self.reference));
        write_amount(x, "Amt", &self.amount);
        x.leaf("CdtDbtInd", self.credit_debit.code());
        if let Some(r) = self.reversal {
            x.leaf("RvslInd", if r { "true" } else { "false" });
        }
        self.status.write(x, "Sts");
        if let Some(d) = &self.booking_date {
            d.write(x, "BookgDt");
        }
        if let Some(d) = &self.value_date {
            d.write(x, "ValDt");
        }
        x.opt_leaf("AcctSvcrRef", opt_str(&self.account_servicer_reference));
        self.bank_transaction_code.write(x);
        if let Some(a) = &self.amount_details {
            a.write(x);
        }
        for d in &self.details {
            d.write(x);
        }
        x.opt_leaf("AddtlNtryInf", opt_str(&self.additional_info));
        x.end();
    }

    /// The entry as signed minor units (credit positive).
    pub fn signed(&self) -> i128 {
        match self.credit_debit {
            CreditDebit::Credit => self.amount.minor(),
            CreditDebit::Debit => -self.amount.minor(),
        }
    }

    /// Every transaction of the entry's details, in order.
    pub fn transactions(&self) -> impl Iterator<Item = &EntryTransaction> {
        self.details.iter().flat_map(|d| &d.transactions)
    }
}

/// The statement's account (`CashAccount39`, subset).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementAccount {
    pub id: AccountId,
    /// `Tp`: `ExternalCashAccountType1Code` (e.g. `CACC`) or proprietary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CodeOrProprietary>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::types::opt_currency_code"
    )]
    pub currency: Option<Currency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Max70Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub servicer: Option<Agent>,
}

/// `DateTimePeriod1`: a statement's period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: IsoDateTime,
    pub to: IsoDateTime,
}

/// `NumberAndSumOfTransactions1`: how many entries, and their sum.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberAndSum {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<Max15NumericText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<DecimalNumber>,
}

impl NumberAndSum {
    fn read(w: &Walk) -> Result<NumberAndSum> {
        Ok(NumberAndSum {
            count: w.opt_with("NbOfNtries", token)?,
            sum: w.opt_with("Sum", token)?,
        })
    }

    fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        x.opt_leaf("NbOfNtries", opt_str(&self.count));
        x.opt_leaf("Sum", opt_str(&self.sum));
        x.end();
    }
}

/// `AmountAndDirection35`: a net amount and whether it is a credit or a debit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetAmount {
    pub amount: NonNegativeDecimalNumber,
    pub credit_debit: CreditDebit,
}

/// `TotalTransactions6` (subset): totals of the statement's entries, for the reconciliation
/// software to check it has them all. Totals per bank transaction code are not modelled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransactionsSummary {
    /// `TtlNtries`: all entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entries: Option<NumberAndSum>,
    /// `TtlNtries/TtlNetNtry`: the net of all entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net: Option<NetAmount>,
    /// `TtlCdtNtries`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_entries: Option<NumberAndSum>,
    /// `TtlDbtNtries`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debit_entries: Option<NumberAndSum>,
}

impl TransactionsSummary {
    fn read(w: &Walk) -> Result<TransactionsSummary> {
        let mut summary = TransactionsSummary::default();
        if let Some(t) = w.opt("TtlNtries")? {
            let all = NumberAndSum::read(&t)?;
            summary.entries = (all != NumberAndSum::default()).then_some(all);
            // .04 and later: TtlNetNtry/{Amt, CdtDbtInd}; .02: TtlNetNtryAmt + CdtDbtInd.
            summary.net = match t.opt("TtlNetNtry")? {
                Some(n) => Some(NetAmount {
                    amount: n.req_with("Amt", token)?,
                    credit_debit: n.req_with("CdtDbtInd", |c| CreditDebit::parse(c.token()))?,
                }),
                None => match t.opt_with("TtlNetNtryAmt", token)? {
                    Some(amount) => Some(NetAmount {
                        amount,
                        credit_debit: t.req_with("CdtDbtInd", |c| CreditDebit::parse(c.token()))?,
                    }),
                    None => None,
                },
            };
            if summary.entries.is_none() && summary.net.is_none() {
                t.release();
            }
        }
        summary.credit_entries = opt_group(w, "TtlCdtNtries", NumberAndSum::read)?;
        summary.debit_entries = opt_group(w, "TtlDbtNtries", NumberAndSum::read)?;
        Ok(summary)
    }

    fn write(&self, x: &mut Writer) {
        x.start("TxsSummry");
        x.start("TtlNtries");
        if let Some(e) = &self.entries {
            x.opt_leaf("NbOfNtries", opt_str(&e.count));
            x.opt_leaf("Sum", opt_str(&e.sum));
        }
        if let Some(n) = &self.net {
            x.start("TtlNetNtry");
            x.leaf("Amt", n.amount.as_str());
            x.leaf("CdtDbtInd", n.credit_debit.code());
            x.end();
        }
        x.end();
        if let Some(c) = &self.credit_entries {
            c.write(x, "TtlCdtNtries");
        }
        if let Some(d) = &self.debit_entries {
            d.write(x, "TtlDbtNtries");
        }
        x.end();
    }
}

/// `AccountStatement9` (subset).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: Max35Text,
    /// `StmtPgntn`: this page of a statement sent in several messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<Pagination>,
    /// `ElctrncSeqNb` (at most 18 digits).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_number"
    )]
    pub electronic_sequence_number: Option<u64>,
    /// `LglSeqNb` (at most 18 digits).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_number"
    )]
    pub legal_sequence_number: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date_time: Option<IsoDateTime>,
    /// `FrToDt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    pub account: StatementAccount,
    /// `RltdAcct`: e.g. the parent account of the reported one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_account: Option<Account>,
    /// At least one.
    #[serde(deserialize_with = "crate::common::at_least_one")]
    pub balances: Vec<Balance>,
    /// `TxsSummry`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<TransactionsSummary>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Max500Text>,
}

/// The largest `Number` (totalDigits 18) this crate reads and writes.
pub const NUMBER_MAX: u64 = 999_999_999_999_999_999;

fn opt_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let value = Option::<u64>::deserialize(d)?;
    if value.is_some_and(|v| v > NUMBER_MAX) {
        return Err(serde::de::Error::custom("more than 18 digits"));
    }
    Ok(value)
}

fn sequence_number(w: &Walk) -> Result<u64> {
    let token = w.token();
    let text = token.strip_prefix('+').unwrap_or(token);
    if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::new(
            "",
            format!("{text:?} is not a whole number of at most 18 digits"),
        ));
    }
    text.parse()
        .map_err(|_| Error::new("", "number out of range"))
}

impl Statement {
    fn read(w: &Walk) -> Result<Statement> {
        let period = w.opt_with("FrToDt", |p| {
            Ok(Period {
                from: p.req_with("FrDtTm", token)?,
                to: p.req_with("ToDtTm", token)?,
            })
        })?;
        let account = w.req_with("Acct", |a| {
            Ok(StatementAccount {
                id: a.req_with("Id", Account::read_id)?,
                kind: a.opt_with("Tp", CodeOrProprietary::read)?,
                currency: a.opt_with("Ccy", currency)?,
                name: a.opt_with("Nm", text)?,
                owner: opt_party(a, "Ownr")?,
                servicer: opt_agent(a, "Svcr")?,
            })
        })?;
        let balances = read_all(w, "Bal", Balance::read)?;
        if balances.is_empty() {
            return Err(Error::new(
                format!("{}/Bal", w.path()),
                "required element is missing (at least one balance)",
            ));
        }
        Ok(Statement {
            id: w.req_with("Id", text)?,
            page: w.opt_with("StmtPgntn", Pagination::read)?,
            electronic_sequence_number: w.opt_with("ElctrncSeqNb", sequence_number)?,
            legal_sequence_number: w.opt_with("LglSeqNb", sequence_number)?,
            creation_date_time: w.opt_with("CreDtTm", token)?,
            period,
            account,
            related_account: w.opt_with("RltdAcct", Account::read)?,
            balances,
            summary: opt_group(w, "TxsSummry", TransactionsSummary::read)?,
            entries: read_all(w, "Ntry", Entry::read)?,
            additional_info: w.opt_with("AddtlStmtInf", text)?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("Stmt");
        x.leaf("Id", self.id.as_str());
        if let Some(page) = &self.page {
            page.write(x, "StmtPgntn");
        }
        let number = |x: &mut Writer, name: &'static str, n: Option<u64>| {
            if let Some(n) = n {
                if n > NUMBER_MAX {
                    x.fail(name, "more than 18 digits");
                }
                x.leaf(name, &n.to_string());
            }
        };
        number(x, "ElctrncSeqNb", self.electronic_sequence_number);
        number(x, "LglSeqNb", self.legal_sequence_number);
        x.opt_leaf("CreDtTm", opt_str(&self.creation_date_time));
        if let Some(p) = &self.period {
            x.start("FrToDt");
            x.leaf("FrDtTm", p.from.as_str());
            x.leaf("ToDtTm", p.to.as_str());
            x.end();
        }
        x.start_required("Acct");
        let a = &self.account;
        write_account_id(x, &a.id);
        if let Some(k) = &a.kind {
            k.write(x, "Tp");
        }
        x.opt_leaf("Ccy", a.currency.map(|c| c.code()));
        x.opt_leaf("Nm", opt_str(&a.name));
        if let Some(o) = &a.owner {
            o.write(x, "Ownr");
        }
        write_opt_agent(x, "Svcr", &a.servicer);
        x.end();
        write_opt_account(x, "RltdAcct", &self.related_account);
        if self.balances.is_empty() {
            x.fail("Bal", "a statement needs at least one balance");
        }
        for b in &self.balances {
            b.write(x);
        }
        if let Some(s) = &self.summary {
            s.write(x);
        }
        for e in &self.entries {
            e.write(x);
        }
        x.opt_leaf("AddtlStmtInf", opt_str(&self.additional_info));
        x.end();
    }
}

/// `MsgPgntn`: page number (1..5 digits) and whether it is the last page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    #[serde(deserialize_with = "page_number")]
    pub page_number: u32,
    pub last_page: bool,
}

/// The largest page number (`Max5NumericText`).
pub const PAGE_MAX: u32 = 99_999;

impl Pagination {
    fn read(p: &Walk) -> Result<Pagination> {
        let number = p.req_with("PgNb", |n| {
            let t = n.token();
            if t.is_empty() || t.len() > 5 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::new("", format!("{t:?} is not 1 to 5 digits")));
            }
            t.parse::<u32>()
                .map_err(|_| Error::new("", "bad page number"))
        })?;
        Ok(Pagination {
            page_number: number,
            last_page: p.req_with("LastPgInd", boolean)?,
        })
    }

    fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        if self.page_number > PAGE_MAX {
            x.fail("PgNb", "at most 5 digits");
        }
        x.leaf("PgNb", &self.page_number.to_string());
        x.leaf("LastPgInd", if self.last_page { "true" } else { "false" });
        x.end();
    }

    /// True for a page of a statement sent in more than one message.
    fn is_partial(&self) -> bool {
        !(self.page_number <= 1 && self.last_page)
    }
}

fn page_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let value = u32::deserialize(d)?;
    if value > PAGE_MAX {
        return Err(serde::de::Error::custom(format!(
            "{value} has more than 5 digits"
        )));
    }
    Ok(value)
}

/// `GroupHeader81` (subset).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementGroupHeader {
    pub message_id: Max35Text,
    pub creation_date_time: IsoDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<Pagination>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Max500Text>,
}

/// A camt.053 message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Camt053 {
    pub group_header: StatementGroupHeader,
    /// At least one.
    #[serde(deserialize_with = "crate::common::at_least_one")]
    pub statements: Vec<Statement>,
}

impl Camt053 {
    /// Reads `<BkToCstmrStmt>`.
    pub(crate) fn read(w: &Walk) -> Result<Camt053> {
        let group_header = w.req_with("GrpHdr", |g| {
            let page = g.opt_with("MsgPgntn", Pagination::read)?;
            Ok(StatementGroupHeader {
                message_id: g.req_with("MsgId", text)?,
                creation_date_time: g.req_with("CreDtTm", token)?,
                page,
                additional_info: g.opt_with("AddtlInf", text)?,
            })
        })?;
        let statements = read_all(w, "Stmt", Statement::read)?;
        if statements.is_empty() {
            return Err(Error::new(
                format!("{}/Stmt", w.path()),
                "required element is missing (at least one statement)",
            ));
        }
        Ok(Camt053 {
            group_header,
            statements,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start_required("BkToCstmrStmt");
        if self.statements.is_empty() {
            x.fail("Stmt", "a camt.053 needs at least one statement");
        }
        let g = &self.group_header;
        x.start("GrpHdr");
        x.leaf("MsgId", g.message_id.as_str());
        x.leaf("CreDtTm", g.creation_date_time.as_str());
        if let Some(page) = &g.page {
            page.write(x, "MsgPgntn");
        }
        x.opt_leaf("AddtlInf", opt_str(&g.additional_info));
        x.end();
        for s in &self.statements {
            s.write(x);
        }
        x.end();
    }

    /// For each statement that has an opening and a closing booked balance, checks opening +
    /// booked entries = closing. Returns the mismatches, with paths under `/Document`.
    pub fn check_balances(&self) -> Vec<String> {
        self.check_balances_at("/Document")
    }

    /// [`Self::check_balances`] with paths under `document` (the Document element's path).
    ///
    /// The opening balance is `OPBD` and the closing one `CLBD`. On a page of a statement sent
    /// in several messages (`StmtPgntn`, or `MsgPgntn`, other than page 1 of 1) an interim
    /// booked balance (`ITBD`) stands in for the one that is missing: the first `ITBD` opens a
    /// later page, the last one closes an earlier page.
    pub fn check_balances_at(&self, document: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let message_partial = self.group_header.page.is_some_and(|p| p.is_partial());
        for (i, s) in self.statements.iter().enumerate() {
            let partial = s.page.map_or(message_partial, |p| p.is_partial());
            let position = |code: &str| s.balances.iter().position(|b| b.kind.code() == Some(code));
            let interim: Vec<usize> = if partial {
                (0..s.balances.len())
                    .filter(|&b| s.balances[b].kind.code() == Some("ITBD"))
                    .collect()
            } else {
                Vec::new()
            };
            let open = position("OPBD").or(interim.first().copied());
            let close = position("CLBD").or(interim.last().copied());
            if let (Some(open), Some(close)) = (open, close)
                && open != close
            {
                let (open, close) = (&s.balances[open], &s.balances[close]);
                let booked: Option<i128> = s
                    .entries
                    .iter()
                    .filter(|e| e.status.code() == Some("BOOK"))
                    .try_fold(0i128, |acc, e| acc.checked_add(e.signed()));
                if booked.and_then(|b| b.checked_add(open.signed())) != Some(close.signed()) {
                    problems.push(format!(
                        "{document}/BkToCstmrStmt/Stmt[{}]: opening balance ({}) {} {} plus booked entries does not equal closing balance ({}) {} {}",
                        i + 1,
                        open.kind.code().unwrap_or("?"),
                        open.amount,
                        open.credit_debit,
                        close.kind.code().unwrap_or("?"),
                        close.amount,
                        close.credit_debit
                    ));
                }
            }
        }
        problems
    }
}

/// One entry for [`statement`]: a signed amount (credit positive) in minor units and its
/// references. JSON form: `{"amount": "1500.00", "credit_debit": "CRDT", "booking_date": ...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementEntry {
    /// The amount as a decimal string in the statement currency.
    pub amount: String,
    pub credit_debit: CreditDebit,
    pub booking_date: IsoDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date: Option<IsoDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_to_end_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uetr: Option<Uetr>,
    /// Counterparty name (the debtor of a credit, the creditor of a debit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty: Option<Max140Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance: Option<Max140Text>,
}

/// What [`statement`] needs: the account, the period, the balances and the entries.
/// Balances are signed decimal strings (`"-1200.50"` is a debit balance).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementInput {
    pub message_id: Max35Text,
    pub statement_id: Max35Text,
    pub created: IsoDateTime,
    pub account: AccountId,
    #[serde(with = "crate::types::currency_code")]
    pub currency: Currency,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_owner: Option<Max140Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub servicer_bic: Option<Bicfi>,
    pub from_date: IsoDate,
    pub to_date: IsoDate,
    pub opening_balance: String,
    pub closing_balance: String,
    #[serde(default)]
    pub entries: Vec<StatementEntry>,
}

impl StatementInput {
    /// Reads the JSON form. Errors name the JSON path and the reason, as
    /// [`crate::Message::from_json`] does: `entries[1].amount: invalid type: integer `500`,
    /// expected a string`.
    pub fn from_json(text: &str) -> Result<StatementInput> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Error::new("", format!("not JSON: {e}")))?;
        crate::message::from_json_value(value, "")
    }
}

/// How [`statement_pages`] splits a statement into messages (pages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// Most entries on one page (at least 1).
    pub max_entries: usize,
    /// Largest message written for one page, in bytes: at most [`MAX_INPUT`], the most the
    /// reader accepts. Pages keep within it with or without an envelope and a header.
    pub max_bytes: usize,
}

impl Default for Paging {
    /// Pages as large as the reader accepts: [`MAX_INPUT`] bytes, no limit on entries.
    fn default() -> Paging {
        Paging {
            max_entries: usize::MAX,
            max_bytes: MAX_INPUT,
        }
    }
}

/// Room kept on each page for what the size estimate does not see: the digits of the page's
/// balances and totals, and an envelope with a business application header.
const PAGE_SLACK: usize = 16 << 10;
/// The nesting of an entry in a message, envelope included (`message/Document/BkToCstmrStmt/Stmt`):
/// each line of an entry is indented by two spaces per level.
const ENTRY_DEPTH: usize = 4;

fn signed_minor(text: &str, currency: Currency, what: &str) -> Result<i128> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let minor =
        money::parse_minor(digits, currency).map_err(|e| Error::new(what, e.to_string()))?;
    Ok(if negative { -minor } else { minor })
}

fn balance(
    kind: &str,
    signed: i128,
    currency: Currency,
    date: &IsoDate,
    what: &str,
) -> Result<Balance> {
    let magnitude = i128::try_from(signed.unsigned_abs())
        .map_err(|_| Error::new(what, "the balance overflows"))?;
    Ok(Balance {
        kind: CodeOrProprietary::Code(Code::new(kind)?),
        amount: Amount::new(currency, magnitude).map_err(|e| Error::new(what, e.reason))?,
        credit_debit: if signed < 0 {
            CreditDebit::Debit
        } else {
            CreditDebit::Credit
        },
        date: DateOrDateTime::Date(date.clone()),
    })
}

/// The transactions summary of `entries` (all in `currency`): count and sum of all, credit and
/// debit entries, and the net. A sum over the schema's 18 digits is an error (path
/// `TxsSummry`) saying so.
pub fn summarise(entries: &[Entry], currency: Currency) -> Result<TransactionsSummary> {
    let decimal = |minor: i128, what: &str| -> Result<DecimalNumber> {
        let text = money::format_minor(minor, currency)
            .map_err(|e| Error::new("TxsSummry", e.to_string()))?;
        DecimalNumber::new(&text).map_err(|_| {
            Error::new(
                "TxsSummry",
                format!(
                    "{what} add up to {text} {currency}, more than the 18 digits the summary holds"
                ),
            )
        })
    };
    let total = |filter: &dyn Fn(&Entry) -> bool, what: &str| -> Result<NumberAndSum> {
        let mut count = 0usize;
        let mut sum = 0i128;
        for e in entries.iter().filter(|e| filter(e)) {
            count += 1;
            sum = sum
                .checked_add(e.amount.minor())
                .ok_or_else(|| Error::new("TxsSummry", format!("{what} overflow")))?;
        }
        Ok(NumberAndSum {
            count: Some(Max15NumericText::new(count.to_string())?),
            sum: Some(decimal(sum, what)?),
        })
    };
    let net = entries
        .iter()
        .try_fold(0i128, |acc, e| acc.checked_add(e.signed()))
        .ok_or_else(|| Error::new("TxsSummry", "the net of the entries overflows"))?;
    Ok(TransactionsSummary {
        entries: Some(total(&|_| true, "the entries")?),
        net: Some(NetAmount {
            amount: NonNegativeDecimalNumber::new(
                decimal(net.abs(), "the entries (net)")?.as_str(),
            )?,
            credit_debit: if net < 0 {
                CreditDebit::Debit
            } else {
                CreditDebit::Credit
            },
        }),
        credit_entries: Some(total(
            &|e| e.credit_debit == CreditDebit::Credit,
            "the credit entries",
        )?),
        debit_entries: Some(total(
            &|e| e.credit_debit == CreditDebit::Debit,
            "the debit entries",
        )?),
    })
}

/// Builds a camt.053 (one statement, booked entries) from an opening balance, entries and a
/// closing balance, as one message. Refuses input where opening + entries != closing, naming
/// the difference, and a statement too large for one message ([`MAX_INPUT`] bytes): write
/// that one with [`statement_pages`]. Errors name the JSON path of the input
/// (`entries[2].amount`).
pub fn statement(input: &StatementInput) -> Result<Camt053> {
    let mut pages = statement_pages(input, &Paging::default())?;
    if pages.len() > 1 {
        return Err(Error::new(
            "entries",
            format!(
                "{} entries do not fit one message of at most {MAX_INPUT} bytes (they take {} pages): write the statement in pages (statement_pages; the CLI does)",
                input.entries.len(),
                pages.len()
            ),
        ));
    }
    pages
        .pop()
        .ok_or_else(|| Error::new("entries", "no page was built"))
}

/// Builds the statement of [`statement`] as one message per page, each within `paging`, so
/// that every page reads back. One page is the message [`statement`] builds. Over several
/// pages, page `k` of `n` has the message id `MESSAGE_ID-k`, `MsgPgntn` and `StmtPgntn` (page
/// number, last page indicator), the same statement id and period, the opening balance
/// (`OPBD`) on page 1 and an interim booked balance (`ITBD`, dated at the last entry before
/// it) on the others, the closing balance (`CLBD`) on the last page and an `ITBD` on the
/// others, and the transactions summary of its own entries.
pub fn statement_pages(input: &StatementInput, paging: &Paging) -> Result<Vec<Camt053>> {
    if paging.max_entries == 0 {
        return Err(Error::new("paging.max_entries", "must be at least 1"));
    }
    if paging.max_bytes > MAX_INPUT {
        return Err(Error::new(
            "paging.max_bytes",
            format!("at most {MAX_INPUT} (the most the reader accepts)"),
        ));
    }
    let currency = input.currency;
    currency
        .minor_units()
        .map_err(|e| Error::new("currency", e.to_string()))?;
    let (from, to) = (input.from_date.as_str(), input.to_date.as_str());
    if from.get(..10) > to.get(..10) {
        return Err(Error::new(
            "to_date",
            format!("{to} is before from_date {from}"),
        ));
    }
    let period = Period {
        from: IsoDateTime::new(format!("{}T00:00:00{}", &from[..10], &from[10..]))
            .map_err(|e| Error::new("from_date", e.reason))?,
        to: IsoDateTime::new(format!("{}T23:59:59{}", &to[..10], &to[10..]))
            .map_err(|e| Error::new("to_date", e.reason))?,
    };
    let opening = signed_minor(&input.opening_balance, currency, "opening_balance")?;
    let closing = signed_minor(&input.closing_balance, currency, "closing_balance")?;
    // Both balances are written: check them before adding anything up.
    balance(
        "OPBD",
        opening,
        currency,
        &input.from_date,
        "opening_balance",
    )?;
    balance("CLBD", closing, currency, &input.to_date, "closing_balance")?;
    let mut running = opening;
    // The balance after each entry.
    let mut after = Vec::with_capacity(input.entries.len());
    let mut entries = Vec::with_capacity(input.entries.len());
    for (i, e) in input.entries.iter().enumerate() {
        let entry = entry_of(e, currency).map_err(|err| {
            let path = match err.path.as_str() {
                "" => format!("entries[{i}]"),
                field => format!("entries[{i}].{field}"),
            };
            Error::new(path, err.reason)
        })?;
        running = running
            .checked_add(entry.signed())
            .ok_or_else(|| Error::new(format!("entries[{i}]"), "the running balance overflows"))?;
        after.push(running);
        entries.push(entry);
    }
    if running != closing {
        let fmt = |m: i128| money::format_minor(m, currency).unwrap_or_else(|_| m.to_string());
        return Err(Error::new(
            "closing_balance",
            format!(
                "opening {} plus entries gives {} {currency}, not the closing balance {} (difference {})",
                fmt(opening),
                fmt(running),
                fmt(closing),
                fmt(closing.saturating_sub(running))
            ),
        ));
    }
    let context = Context {
        input,
        currency,
        period,
        opening,
        closing,
    };
    let ranges = split_pages(&context, &entries, paging)?;
    let count = ranges.len();
    if count > PAGE_MAX as usize {
        return Err(Error::new(
            "entries",
            format!("the statement takes {count} pages; at most {PAGE_MAX} are numbered"),
        ));
    }
    let mut pages = Vec::with_capacity(count);
    let mut rest = entries.into_iter();
    for (k, range) in ranges.iter().enumerate() {
        let page_entries: Vec<Entry> = rest.by_ref().take(range.len()).collect();
        let page = (count > 1).then_some(Pagination {
            page_number: u32::try_from(k + 1).unwrap_or(PAGE_MAX),
            last_page: k + 1 == count,
        });
        let open = match range.start {
            0 => None,
            start => Some((after[start - 1], start - 1)),
        };
        let close = match range.end {
            end if end == after.len() => None,
            end => Some((after[end - 1], end - 1)),
        };
        pages.push(context.page(page, open, close, page_entries)?);
    }
    Ok(pages)
}

/// What every page of a statement shares.
struct Context<'a> {
    input: &'a StatementInput,
    currency: Currency,
    period: Period,
    opening: i128,
    closing: i128,
}

impl Context<'_> {
    /// One page: `open` and `close` are the interim balances (balance, index of the entry it
    /// follows) where the page does not start at the opening or end at the closing balance.
    fn page(
        &self,
        page: Option<Pagination>,
        open: Option<(i128, usize)>,
        close: Option<(i128, usize)>,
        entries: Vec<Entry>,
    ) -> Result<Camt053> {
        let input = self.input;
        let interim = |(signed, i): (i128, usize)| -> Result<Balance> {
            balance(
                "ITBD",
                signed,
                self.currency,
                &input.entries[i].booking_date,
                &format!("entries[{i}]"),
            )
            .map_err(|e| {
                Error::new(
                    e.path,
                    format!(
                        "the balance after this entry ends a page and must be written: {}",
                        e.reason
                    ),
                )
            })
        };
        let opening = match open {
            None => balance(
                "OPBD",
                self.opening,
                self.currency,
                &input.from_date,
                "opening_balance",
            )?,
            Some(at) => interim(at)?,
        };
        let closing = match close {
            None => balance(
                "CLBD",
                self.closing,
                self.currency,
                &input.to_date,
                "closing_balance",
            )?,
            Some(at) => interim(at)?,
        };
        let summary = summarise(&entries, self.currency).map_err(|e| {
            let which = page.map_or(String::new(), |p| format!(" on page {}", p.page_number));
            Error::new(
                "entries",
                format!(
                    "{}{which}: split the statement into smaller pages",
                    e.reason
                ),
            )
        })?;
        let message_id = match page {
            None => input.message_id.clone(),
            Some(p) => {
                let id = format!("{}-{}", input.message_id, p.page_number);
                Max35Text::new(&id).map_err(|_| {
                    Error::new(
                        "message_id",
                        format!(
                            "each page's message id is MESSAGE_ID-PAGE, and {id:?} is longer than 35 characters: shorten the message id"
                        ),
                    )
                })?
            }
        };
        Ok(Camt053 {
            group_header: StatementGroupHeader {
                message_id,
                creation_date_time: input.created.clone(),
                page: Some(page.unwrap_or(Pagination {
                    page_number: 1,
                    last_page: true,
                })),
                additional_info: None,
            },
            statements: vec![Statement {
                id: input.statement_id.clone(),
                page,
                electronic_sequence_number: None,
                legal_sequence_number: None,
                creation_date_time: Some(input.created.clone()),
                period: Some(self.period.clone()),
                related_account: None,
                account: StatementAccount {
                    id: input.account.clone(),
                    kind: None,
                    currency: Some(self.currency),
                    name: None,
                    owner: input.account_owner.clone().map(Party::named),
                    servicer: input.servicer_bic.clone().map(Agent::bic),
                },
                balances: vec![opening, closing],
                summary: Some(summary),
                entries,
                additional_info: None,
            }],
        })
    }
}

/// Bytes and elements of `xml` as written at `depth` (each line indented by two spaces more
/// per level). Every element written has one end tag (no element is written empty).
fn footprint(xml: &str, depth: usize) -> (usize, usize) {
    let lines = xml.bytes().filter(|&b| b == b'\n').count();
    (xml.len() + lines * 2 * depth, xml.matches("</").count())
}

/// Splits `entries` into pages: as many entries on each page as `paging` allows, measured by
/// writing each entry.
fn split_pages(
    context: &Context,
    entries: &[Entry],
    paging: &Paging,
) -> Result<Vec<std::ops::Range<usize>>> {
    // What a page holds besides its entries: write one with none.
    let empty = context.page(
        Some(Pagination {
            page_number: PAGE_MAX,
            last_page: false,
        }),
        None,
        None,
        Vec::new(),
    )?;
    let mut x = Writer::new();
    x.declaration();
    x.start_required_with(
        "Document",
        &[(
            "xmlns",
            &crate::MsgDef::latest(crate::Kind::Camt053).namespace(),
        )],
    );
    empty.write(&mut x);
    x.end();
    let (fixed_bytes, fixed_elements) = footprint(&x.finish()?, 1);
    let byte_budget = paging
        .max_bytes
        .checked_sub(fixed_bytes + PAGE_SLACK)
        .ok_or_else(|| {
            Error::new(
                "paging.max_bytes",
                format!(
                    "{} bytes cannot hold a page: its header, balances and totals alone take {fixed_bytes}",
                    paging.max_bytes
                ),
            )
        })?;
    let element_budget = MAX_ELEMENTS - fixed_elements - 64;
    let mut ranges = Vec::new();
    let (mut start, mut bytes, mut elements) = (0usize, 0usize, 0usize);
    for (i, entry) in entries.iter().enumerate() {
        let mut x = Writer::new();
        entry.write(&mut x);
        let written = x.finish().map_err(|e| e.under(&format!("entries[{i}]")))?;
        let (b, n) = footprint(&written, ENTRY_DEPTH);
        if b > byte_budget || n > element_budget {
            return Err(Error::new(
                format!("entries[{i}]"),
                format!(
                    "the entry is written as {b} bytes, more than a page of {} bytes holds",
                    paging.max_bytes
                ),
            ));
        }
        let full = i - start >= paging.max_entries
            || bytes + b > byte_budget
            || elements + n > element_budget;
        if full {
            ranges.push(start..i);
            (start, bytes, elements) = (i, 0, 0);
        }
        bytes += b;
        elements += n;
    }
    ranges.push(start..entries.len());
    Ok(ranges)
}

/// The booked entry for one input entry (errors relative to it: `amount`).
fn entry_of(e: &StatementEntry, currency: Currency) -> Result<Entry> {
    let minor = money::parse_minor(&e.amount, currency)
        .map_err(|err| Error::new("amount", err.to_string()))?;
    let amount = Amount::new(currency, minor).map_err(|err| Error::new("amount", err.reason))?;
    Ok(Entry {
        reference: e.reference.clone(),
        amount,
        credit_debit: e.credit_debit,
        reversal: None,
        status: CodeOrProprietary::Code(Code::new("BOOK")?),
        booking_date: Some(DateOrDateTime::Date(e.booking_date.clone())),
        value_date: Some(DateOrDateTime::Date(
            e.value_date
                .clone()
                .unwrap_or_else(|| e.booking_date.clone()),
        )),
        account_servicer_reference: e.reference.clone(),
        bank_transaction_code: match e.credit_debit {
            CreditDebit::Credit => BankTransactionCode::domain("PMNT", "RCDT", "XBCT")?,
            CreditDebit::Debit => BankTransactionCode::domain("PMNT", "ICDT", "XBCT")?,
        },
        amount_details: None,
        details: vec![EntryDetails {
            batch: None,
            transactions: vec![EntryTransaction {
                end_to_end_id: e.end_to_end_id.clone(),
                uetr: e.uetr.clone(),
                amount: Some(amount),
                credit_debit: Some(e.credit_debit),
                debtor: match (e.credit_debit, &e.counterparty) {
                    (CreditDebit::Credit, Some(name)) => {
                        Some(RelatedParty::Party(Party::named(name.clone())))
                    }
                    _ => None,
                },
                creditor: match (e.credit_debit, &e.counterparty) {
                    (CreditDebit::Debit, Some(name)) => {
                        Some(RelatedParty::Party(Party::named(name.clone())))
                    }
                    _ => None,
                },
                remittance: e
                    .remittance
                    .as_ref()
                    .map(|line| Remittance::lines(vec![line.clone()])),
                ..EntryTransaction::default()
            }],
        }],
        additional_info: None,
    })
}
