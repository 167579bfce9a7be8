//! camt.053 bank-to-customer statement (`BkToCstmrStmt`): what a bank's reconciliation software
//! reads.
//!
//! Modelled: the group header (with pagination), and per statement the id, sequence numbers,
//! creation time, period, account (id, currency, name, owner, servicer), balances (type, amount,
//! credit/debit, date) and entries (reference, amount, credit/debit, reversal, status, booking
//! and value dates, servicer reference, bank transaction code, and per transaction the
//! references, amount, related parties and remittance).
//!
//! Reading `.02`, `.04` and `.07` is supported inside this subset: `Sts` as a bare code,
//! `BIC` instead of `BICFI`, related parties without the `Pty`/`Agt` choice, `AdrTp` as a bare
//! code. Written in `.08` only.
//!
//! [`statement`] builds a statement from an opening balance, entries and a closing balance, and
//! refuses one that does not add up.

use crate::common::*;
use crate::error::{Error, Result};
use crate::types::*;
use crate::xml::{Walk, Writer};
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
        x.start("Tp");
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

/// `BankTransactionCodeStructure4`: domain/family/sub-family, or proprietary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankTransactionCode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<Code>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<Code>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_family: Option<Code>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proprietary: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proprietary_issuer: Option<Max35Text>,
}

impl BankTransactionCode {
    /// `PMNT/RCDT/XBCT` (received cross-border credit transfer) and so on.
    pub fn domain(domain: &str, family: &str, sub_family: &str) -> Result<BankTransactionCode> {
        Ok(BankTransactionCode {
            domain: Some(Code::new(domain)?),
            family: Some(Code::new(family)?),
            sub_family: Some(Code::new(sub_family)?),
            ..BankTransactionCode::default()
        })
    }

    fn read(w: &Walk) -> Result<BankTransactionCode> {
        let mut code = BankTransactionCode::default();
        if let Some(d) = w.opt("Domn")? {
            code.domain = Some(d.req_with("Cd", token)?);
            let f = d.req("Fmly")?;
            code.family = Some(f.req_with("Cd", token)?);
            code.sub_family = Some(f.req_with("SubFmlyCd", token)?);
        }
        if let Some(p) = w.opt("Prtry")? {
            code.proprietary = Some(p.req_with("Cd", text)?);
            code.proprietary_issuer = p.opt_with("Issr", text)?;
        }
        Ok(code)
    }

    fn write(&self, x: &mut Writer) -> Result<()> {
        x.start("BkTxCd");
        match (&self.domain, &self.family, &self.sub_family) {
            (Some(d), Some(f), Some(s)) => {
                x.start("Domn");
                x.leaf("Cd", d.as_str());
                x.start("Fmly");
                x.leaf("Cd", f.as_str());
                x.leaf("SubFmlyCd", s.as_str());
                x.end();
                x.end();
            }
            (None, None, None) => {}
            _ => {
                return Err(Error::new(
                    "BkTxCd/Domn",
                    "domain, family and sub-family go together: give all three or none",
                ));
            }
        }
        if let Some(p) = &self.proprietary {
            x.start("Prtry");
            x.leaf("Cd", p.as_str());
            x.opt_leaf("Issr", opt_str(&self.proprietary_issuer));
            x.end();
        } else if self.proprietary_issuer.is_some() {
            return Err(Error::new(
                "BkTxCd/Prtry/Cd",
                "an issuer needs a proprietary code",
            ));
        }
        x.end();
        Ok(())
    }
}

/// `Party40Choice`: a party or an agent (older versions: always a party).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelatedParty {
    Party(Party),
    Agent(Agent),
}

impl RelatedParty {
    fn read(w: &Walk) -> Result<RelatedParty> {
        match w.choice(&["Pty", "Agt"])? {
            Some(p) if p.name() == "Pty" => Ok(RelatedParty::Party(
                Party::read(&p).map_err(|e| e.under(p.path()))?,
            )),
            Some(a) => Ok(RelatedParty::Agent(
                Agent::read(&a).map_err(|e| e.under(a.path()))?,
            )),
            // Before .08 the party is written directly.
            None => Ok(RelatedParty::Party(Party::read(w)?)),
        }
    }

    fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        match self {
            RelatedParty::Party(p) => p.write(x, "Pty"),
            RelatedParty::Agent(a) => a.write(x, "Agt"),
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
    pub instruction_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_to_end_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uetr: Option<Uetr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_debit: Option<CreditDebit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor: Option<RelatedParty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_account: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor: Option<RelatedParty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_account: Option<Account>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remittance: Vec<Max140Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Max500Text>,
}

impl EntryTransaction {
    fn read(w: &Walk) -> Result<EntryTransaction> {
        let mut t = EntryTransaction::default();
        if let Some(r) = w.opt("Refs")? {
            t.message_id = r.opt_with("MsgId", text)?;
            t.account_servicer_reference = r.opt_with("AcctSvcrRef", text)?;
            t.instruction_id = r.opt_with("InstrId", text)?;
            t.end_to_end_id = r.opt_with("EndToEndId", text)?;
            t.uetr = r.opt_with("UETR", token)?;
            t.transaction_id = r.opt_with("TxId", text)?;
        }
        t.amount = w.opt_with("Amt", amount)?;
        t.credit_debit = w.opt_with("CdtDbtInd", |c| CreditDebit::parse(c.token()))?;
        if let Some(p) = w.opt("RltdPties")? {
            t.debtor = p.opt_with("Dbtr", RelatedParty::read)?;
            t.debtor_account = p.opt_with("DbtrAcct", Account::read)?;
            t.creditor = p.opt_with("Cdtr", RelatedParty::read)?;
            t.creditor_account = p.opt_with("CdtrAcct", Account::read)?;
        }
        t.remittance = w.opt_with("RmtInf", read_remittance)?.unwrap_or_default();
        t.additional_info = w.opt_with("AddtlTxInf", text)?;
        Ok(t)
    }

    fn write(&self, x: &mut Writer) {
        x.start("TxDtls");
        let has_refs = self.message_id.is_some()
            || self.account_servicer_reference.is_some()
            || self.instruction_id.is_some()
            || self.end_to_end_id.is_some()
            || self.uetr.is_some()
            || self.transaction_id.is_some();
        if has_refs {
            x.start("Refs");
            x.opt_leaf("MsgId", opt_str(&self.message_id));
            x.opt_leaf("AcctSvcrRef", opt_str(&self.account_servicer_reference));
            x.opt_leaf("InstrId", opt_str(&self.instruction_id));
            x.opt_leaf("EndToEndId", opt_str(&self.end_to_end_id));
            x.opt_leaf("UETR", opt_str(&self.uetr));
            x.opt_leaf("TxId", opt_str(&self.transaction_id));
            x.end();
        }
        if let Some(a) = &self.amount {
            write_amount(x, "Amt", a);
        }
        x.opt_leaf("CdtDbtInd", self.credit_debit.map(|c| c.code()));
        let has_parties = self.debtor.is_some()
            || self.debtor_account.is_some()
            || self.creditor.is_some()
            || self.creditor_account.is_some();
        if has_parties {
            x.start("RltdPties");
            if let Some(d) = &self.debtor {
                d.write(x, "Dbtr");
            }
            write_opt_account(x, "DbtrAcct", &self.debtor_account);
            if let Some(c) = &self.creditor {
                c.write(x, "Cdtr");
            }
            write_opt_account(x, "CdtrAcct", &self.creditor_account);
            x.end();
        }
        write_remittance(x, &self.remittance);
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transactions: Vec<EntryTransaction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Max500Text>,
}

impl Entry {
    fn read(w: &Walk) -> Result<Entry> {
        let mut transactions = Vec::new();
        for details in w.all("NtryDtls") {
            let mut more = read_all(&details, "TxDtls", EntryTransaction::read)?;
            transactions.append(&mut more);
        }
        Ok(Entry {
            reference: w.opt_with("NtryRef", text)?,
            amount: w.req_with("Amt", amount)?,
            credit_debit: w.req_with("CdtDbtInd", |c| CreditDebit::parse(c.token()))?,
            reversal: w.opt_with("RvslInd", boolean)?,
            status: w.req_with("Sts", CodeOrProprietary::read_or_bare_code)?,
            booking_date: w.opt_with("BookgDt", DateOrDateTime::read)?,
            value_date: w.opt_with("ValDt", DateOrDateTime::read)?,
            account_servicer_reference: w.opt_with("AcctSvcrRef", text)?,
            bank_transaction_code: w.req_with("BkTxCd", BankTransactionCode::read)?,
            transactions,
            additional_info: w.opt_with("AddtlNtryInf", text)?,
        })
    }

    fn write(&self, x: &mut Writer) -> Result<()> {
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
        self.bank_transaction_code.write(x)?;
        if !self.transactions.is_empty() {
            x.start("NtryDtls");
            for t in &self.transactions {
                t.write(x);
            }
            x.end();
        }
        x.opt_leaf("AddtlNtryInf", opt_str(&self.additional_info));
        x.end();
        Ok(())
    }

    /// The entry as signed minor units (credit positive).
    pub fn signed(&self) -> i128 {
        match self.credit_debit {
            CreditDebit::Credit => self.amount.minor(),
            CreditDebit::Debit => -self.amount.minor(),
        }
    }
}

/// The statement's account (`CashAccount39`, subset).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementAccount {
    pub id: AccountId,
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

/// `AccountStatement9` (subset).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: Max35Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electronic_sequence_number: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_sequence_number: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date_time: Option<IsoDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_date_time: Option<IsoDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_date_time: Option<IsoDateTime>,
    pub account: StatementAccount,
    pub balances: Vec<Balance>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Max500Text>,
}

fn sequence_number(w: &Walk) -> Result<u64> {
    let text = w.token();
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
        let (from_date_time, to_date_time) = match w.opt("FrToDt")? {
            Some(p) => (
                Some(p.req_with("FrDtTm", token)?),
                Some(p.req_with("ToDtTm", token)?),
            ),
            None => (None, None),
        };
        let account = w.req_with("Acct", |a| {
            Ok(StatementAccount {
                id: a.req_with("Id", Account::read_id)?,
                currency: a.opt_with("Ccy", currency)?,
                name: a.opt_with("Nm", text)?,
                owner: a.opt_with("Ownr", Party::read)?,
                servicer: a.opt_with("Svcr", Agent::read)?,
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
            electronic_sequence_number: w.opt_with("ElctrncSeqNb", sequence_number)?,
            legal_sequence_number: w.opt_with("LglSeqNb", sequence_number)?,
            creation_date_time: w.opt_with("CreDtTm", token)?,
            from_date_time,
            to_date_time,
            account,
            balances,
            entries: read_all(w, "Ntry", Entry::read)?,
            additional_info: w.opt_with("AddtlStmtInf", text)?,
        })
    }

    fn write(&self, x: &mut Writer) -> Result<()> {
        if self.balances.is_empty() {
            return Err(Error::new(
                "/Document/BkToCstmrStmt/Stmt/Bal",
                "a statement needs at least one balance",
            ));
        }
        let check = |n: Option<u64>, name: &str| -> Result<()> {
            match n {
                Some(v) if v >= 1_000_000_000_000_000_000 => Err(Error::new(
                    format!("/Document/BkToCstmrStmt/Stmt/{name}"),
                    "more than 18 digits",
                )),
                _ => Ok(()),
            }
        };
        check(self.electronic_sequence_number, "ElctrncSeqNb")?;
        check(self.legal_sequence_number, "LglSeqNb")?;
        x.start("Stmt");
        x.leaf("Id", self.id.as_str());
        x.opt_leaf(
            "ElctrncSeqNb",
            self.electronic_sequence_number
                .map(|n| n.to_string())
                .as_deref(),
        );
        x.opt_leaf(
            "LglSeqNb",
            self.legal_sequence_number.map(|n| n.to_string()).as_deref(),
        );
        x.opt_leaf("CreDtTm", opt_str(&self.creation_date_time));
        match (&self.from_date_time, &self.to_date_time) {
            (Some(from), Some(to)) => {
                x.start("FrToDt");
                x.leaf("FrDtTm", from.as_str());
                x.leaf("ToDtTm", to.as_str());
                x.end();
            }
            (None, None) => {}
            _ => {
                return Err(Error::new(
                    "/Document/BkToCstmrStmt/Stmt/FrToDt",
                    "a period needs both from and to",
                ));
            }
        }
        x.start("Acct");
        let a = &self.account;
        Account {
            id: a.id.clone(),
            currency: None,
            name: None,
        }
        .write_id(x);
        x.opt_leaf("Ccy", a.currency.map(|c| c.code()));
        x.opt_leaf("Nm", opt_str(&a.name));
        if let Some(o) = &a.owner {
            o.write(x, "Ownr");
        }
        write_opt_agent(x, "Svcr", &a.servicer);
        x.end();
        for b in &self.balances {
            b.write(x);
        }
        for (i, e) in self.entries.iter().enumerate() {
            e.write(x).map_err(|err| {
                err.under(&format!("/Document/BkToCstmrStmt/Stmt/Ntry[{}]", i + 1))
            })?;
        }
        x.opt_leaf("AddtlStmtInf", opt_str(&self.additional_info));
        x.end();
        Ok(())
    }
}

/// `MsgPgntn`: page number (1..5 digits) and whether it is the last page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    pub page_number: u32,
    pub last_page: bool,
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
    pub statements: Vec<Statement>,
}

impl Camt053 {
    /// Reads `<BkToCstmrStmt>`.
    pub(crate) fn read(w: &Walk) -> Result<Camt053> {
        let group_header = w.req_with("GrpHdr", |g| {
            let page = g.opt_with("MsgPgntn", |p| {
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
            })?;
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

    pub(crate) fn write(&self, x: &mut Writer) -> Result<()> {
        if self.statements.is_empty() {
            return Err(Error::new(
                "/Document/BkToCstmrStmt/Stmt",
                "a camt.053 needs at least one statement",
            ));
        }
        x.start("BkToCstmrStmt");
        let g = &self.group_header;
        x.start("GrpHdr");
        x.leaf("MsgId", g.message_id.as_str());
        x.leaf("CreDtTm", g.creation_date_time.as_str());
        if let Some(Pagination {
            page_number: number,
            last_page: last,
        }) = g.page
        {
            if number > 99_999 {
                return Err(Error::new(
                    "/Document/BkToCstmrStmt/GrpHdr/MsgPgntn/PgNb",
                    "at most 5 digits",
                ));
            }
            x.start("MsgPgntn");
            x.leaf("PgNb", &number.to_string());
            x.leaf("LastPgInd", if last { "true" } else { "false" });
            x.end();
        }
        x.opt_leaf("AddtlInf", opt_str(&g.additional_info));
        x.end();
        for s in &self.statements {
            s.write(x)?;
        }
        x.end();
        Ok(())
    }

    /// For each statement that has an opening (OPBD) and closing (CLBD) booked balance, checks
    /// opening + booked entries = closing. Returns the mismatches.
    pub fn check_balances(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (i, s) in self.statements.iter().enumerate() {
            let find = |code: &str| s.balances.iter().find(|b| b.kind.code() == Some(code));
            if let (Some(open), Some(close)) = (find("OPBD"), find("CLBD")) {
                let booked: Option<i128> = s
                    .entries
                    .iter()
                    .filter(|e| e.status.code() == Some("BOOK"))
                    .try_fold(0i128, |acc, e| acc.checked_add(e.signed()));
                if booked.and_then(|b| b.checked_add(open.signed())) != Some(close.signed()) {
                    problems.push(format!(
                        "/Document/BkToCstmrStmt/Stmt[{}]: opening balance {} {} plus booked entries does not equal closing balance {} {}",
                        i + 1,
                        open.amount,
                        open.credit_debit,
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
    Ok(Balance {
        kind: CodeOrProprietary::Code(Code::new(kind)?),
        amount: Amount::new(currency, signed.unsigned_abs() as i128).map_err(|e| e.under(what))?,
        credit_debit: if signed < 0 {
            CreditDebit::Debit
        } else {
            CreditDebit::Credit
        },
        date: DateOrDateTime::Date(date.clone()),
    })
}

/// Builds a camt.053 (one statement, booked entries) from an opening balance, entries and a
/// closing balance. Refuses input where opening + entries != closing, naming the difference.
pub fn statement(input: &StatementInput) -> Result<Camt053> {
    let currency = input.currency;
    currency
        .minor_units()
        .map_err(|e| Error::new("currency", e.to_string()))?;
    let opening = signed_minor(&input.opening_balance, currency, "opening_balance")?;
    let closing = signed_minor(&input.closing_balance, currency, "closing_balance")?;
    let mut running = opening;
    let mut entries = Vec::with_capacity(input.entries.len());
    for (i, e) in input.entries.iter().enumerate() {
        let path = format!("entries[{}]", i + 1);
        let minor = money::parse_minor(&e.amount, currency)
            .map_err(|err| Error::new(format!("{path}/amount"), err.to_string()))?;
        let amount =
            Amount::new(currency, minor).map_err(|err| err.under(&format!("{path}/amount")))?;
        let entry = Entry {
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
                remittance: e.remittance.iter().cloned().collect(),
                ..EntryTransaction::default()
            }],
            additional_info: None,
        };
        running = running
            .checked_add(entry.signed())
            .ok_or_else(|| Error::new(&path, "running balance overflows"))?;
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
                fmt(closing - running)
            ),
        ));
    }
    let open = balance(
        "OPBD",
        opening,
        currency,
        &input.from_date,
        "opening_balance",
    )?;
    let close = balance("CLBD", closing, currency, &input.to_date, "closing_balance")?;
    Ok(Camt053 {
        group_header: StatementGroupHeader {
            message_id: input.message_id.clone(),
            creation_date_time: input.created.clone(),
            page: Some(Pagination {
                page_number: 1,
                last_page: true,
            }),
            additional_info: None,
        },
        statements: vec![Statement {
            id: input.statement_id.clone(),
            electronic_sequence_number: None,
            legal_sequence_number: None,
            creation_date_time: Some(input.created.clone()),
            from_date_time: Some(IsoDateTime::new(format!("{}T00:00:00", input.from_date))?),
            to_date_time: Some(IsoDateTime::new(format!("{}T23:59:59", input.to_date))?),
            account: StatementAccount {
                id: input.account.clone(),
                currency: Some(currency),
                name: None,
                owner: input.account_owner.clone().map(Party::named),
                servicer: input.servicer_bic.clone().map(Agent::bic),
            },
            balances: vec![open, close],
            entries,
            additional_info: None,
        }],
    })
}
