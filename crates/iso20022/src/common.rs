//! Components shared by the messages: agents (financial institutions), parties, postal
//! addresses, accounts, payment identification and type, and the read/write helpers for leaves.
//!
//! Each component has `read` (tolerant of unknown children, strict on the ones it models) and
//! `write` (elements in schema order, so the output is valid).

use crate::error::{Error, Result};
use crate::types::*;
use crate::xml::{Walk, Writer};
use money::Currency;
use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------------------------
// Leaf helpers.

/// Free text exactly as written.
pub(crate) fn text<const N: usize>(w: &Walk) -> Result<Text<N>> {
    Text::new(w.text())
}

/// A token (collapsed whitespace) parsed by `FromStr`.
pub(crate) fn token<T: std::str::FromStr<Err = Error>>(w: &Walk) -> Result<T> {
    w.token().parse()
}

pub(crate) fn amount(w: &Walk) -> Result<Amount> {
    let ccy = w
        .attribute("Ccy")
        .ok_or_else(|| Error::new("@Ccy", "required attribute is missing"))?;
    Amount::parse(w.token(), ccy.trim())
}

pub(crate) fn boolean(w: &Walk) -> Result<bool> {
    parse_bool(w.token())
}

pub(crate) fn currency(w: &Walk) -> Result<Currency> {
    parse_currency(w.token())
}

pub(crate) fn write_amount(x: &mut Writer, name: &'static str, amount: &Amount) {
    x.leaf_with(
        name,
        &[("Ccy", amount.currency().code())],
        &amount.decimal(),
    );
}

pub(crate) fn opt_str<T: AsRef<str>>(value: &Option<T>) -> Option<&str> {
    value.as_ref().map(|v| v.as_ref())
}

macro_rules! as_ref_str {
    ($($t:ty),+) => {
        $(impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        })+
    };
}
as_ref_str!(
    Bicfi,
    Iban,
    Lei,
    Uetr,
    CountryCode,
    IsoDate,
    IsoDateTime,
    DecimalNumber,
    BaseOneRate,
    Max15NumericText
);

impl<const N: usize> AsRef<str> for CodeText<N> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl<const N: usize> AsRef<str> for Text<N> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

// ---------------------------------------------------------------------------------------------
// Choices of code or proprietary text.

/// A choice of an external code or a proprietary text (`Cd` | `Prtry`), e.g. purpose, local
/// instrument, category purpose, balance type, entry status, status reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeOrProprietary {
    Code(Code),
    Proprietary(Max35Text),
}

impl CodeOrProprietary {
    pub(crate) fn read(w: &Walk) -> Result<CodeOrProprietary> {
        match w.choice(&["Cd", "Prtry"])? {
            Some(c) if c.name() == "Cd" => Ok(CodeOrProprietary::Code(
                token(&c).map_err(|e| e.under(c.path()))?,
            )),
            Some(c) => Ok(CodeOrProprietary::Proprietary(
                text(&c).map_err(|e| e.under(c.path()))?,
            )),
            None => Err(w.error("needs Cd or Prtry")),
        }
    }

    /// Older versions write some of these as a bare code (`<Sts>BOOK</Sts>`); accept both.
    pub(crate) fn read_or_bare_code(w: &Walk) -> Result<CodeOrProprietary> {
        if w.element.children.is_empty() {
            Ok(CodeOrProprietary::Code(token(w)?))
        } else {
            CodeOrProprietary::read(w)
        }
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        self.write_inner(x);
        x.end();
    }

    pub(crate) fn write_inner(&self, x: &mut Writer) {
        match self {
            CodeOrProprietary::Code(code) => x.leaf("Cd", code.as_str()),
            CodeOrProprietary::Proprietary(text) => x.leaf("Prtry", text.as_str()),
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            CodeOrProprietary::Code(code) => Some(code.as_str()),
            CodeOrProprietary::Proprietary(_) => None,
        }
    }
}

/// A date or a date-time (`DateAndDateTime2Choice`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrDateTime {
    Date(IsoDate),
    DateTime(IsoDateTime),
}

impl DateOrDateTime {
    pub(crate) fn read(w: &Walk) -> Result<DateOrDateTime> {
        match w.choice(&["Dt", "DtTm"])? {
            Some(c) if c.name() == "Dt" => Ok(DateOrDateTime::Date(
                token(&c).map_err(|e| e.under(c.path()))?,
            )),
            Some(c) => Ok(DateOrDateTime::DateTime(
                token(&c).map_err(|e| e.under(c.path()))?,
            )),
            None => Err(w.error("needs Dt or DtTm")),
        }
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        match self {
            DateOrDateTime::Date(d) => x.leaf("Dt", d.as_str()),
            DateOrDateTime::DateTime(d) => x.leaf("DtTm", d.as_str()),
        }
        x.end();
    }
}

// ---------------------------------------------------------------------------------------------
// Postal address.

/// `PostalAddress24` (subset: the structured fields banks use, plus address lines).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostalAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_type: Option<AddressType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<Max70Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_department: Option<Max70Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_name: Option<Max70Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building_number: Option<Max16Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_code: Option<Max16Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town_name: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_sub_division: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// At most 7 (`AdrLine` [0..7]).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "at_most_7_lines"
    )]
    pub address_lines: Vec<Max70Text>,
}

fn at_most_7_lines<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Max70Text>, D::Error> {
    let lines = Vec::<Max70Text>::deserialize(d)?;
    if lines.len() > 7 {
        return Err(serde::de::Error::custom(format!(
            "{} address lines; at most 7 are allowed",
            lines.len()
        )));
    }
    Ok(lines)
}

impl PostalAddress {
    pub(crate) fn read(w: &Walk) -> Result<PostalAddress> {
        let address_type = w.opt_with("AdrTp", |t| {
            // .08 and later: a choice <AdrTp><Cd>HOME</Cd></AdrTp>; earlier: <AdrTp>HOME</AdrTp>.
            let code = if t.element.children.is_empty() {
                t.token().to_string()
            } else {
                match CodeOrProprietary::read(t)? {
                    CodeOrProprietary::Code(c) => c.as_str().to_string(),
                    CodeOrProprietary::Proprietary(_) => return Ok(None),
                }
            };
            AddressType::parse(&code).map(Some)
        })?;
        let lines = w.all_max("AdrLine", 7)?;
        Ok(PostalAddress {
            address_type: address_type.flatten(),
            department: w.opt_with("Dept", text)?,
            sub_department: w.opt_with("SubDept", text)?,
            street_name: w.opt_with("StrtNm", text)?,
            building_number: w.opt_with("BldgNb", text)?,
            post_code: w.opt_with("PstCd", text)?,
            town_name: w.opt_with("TwnNm", text)?,
            country_sub_division: w.opt_with("CtrySubDvsn", text)?,
            country: w.opt_with("Ctry", token)?,
            address_lines: lines
                .iter()
                .map(|l| text(l).map_err(|e| e.under(l.path())))
                .collect::<Result<_>>()?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        if let Some(t) = self.address_type {
            x.start("AdrTp");
            x.leaf("Cd", t.code());
            x.end();
        }
        x.opt_leaf("Dept", opt_str(&self.department));
        x.opt_leaf("SubDept", opt_str(&self.sub_department));
        x.opt_leaf("StrtNm", opt_str(&self.street_name));
        x.opt_leaf("BldgNb", opt_str(&self.building_number));
        x.opt_leaf("PstCd", opt_str(&self.post_code));
        x.opt_leaf("TwnNm", opt_str(&self.town_name));
        x.opt_leaf("CtrySubDvsn", opt_str(&self.country_sub_division));
        x.opt_leaf("Ctry", opt_str(&self.country));
        // At most 7: enforced on reading XML and JSON.
        for line in self.address_lines.iter().take(7) {
            x.leaf("AdrLine", line.as_str());
        }
        x.end();
    }
}

// ---------------------------------------------------------------------------------------------
// Generic identification.

/// `GenericFinancialIdentification1` / `GenericOrganisationIdentification1` /
/// `GenericPersonIdentification1`: an id, an optional scheme code and issuer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenericId {
    pub id: Max35Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<CodeOrProprietary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Max35Text>,
}

impl GenericId {
    pub(crate) fn read(w: &Walk) -> Result<GenericId> {
        Ok(GenericId {
            id: w.req_with("Id", text)?,
            scheme: w.opt_with("SchmeNm", CodeOrProprietary::read)?,
            issuer: w.opt_with("Issr", text)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        x.leaf("Id", self.id.as_str());
        if let Some(s) = &self.scheme {
            s.write(x, "SchmeNm");
        }
        x.opt_leaf("Issr", opt_str(&self.issuer));
        x.end();
    }
}

// ---------------------------------------------------------------------------------------------
// Agents.

/// `ClearingSystemMemberIdentification2`: member id in a clearing system (e.g. a routing number).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClearingSystemMember {
    /// `ClrSysId`: an `ExternalClearingSystemIdentification1Code` (1..5 characters) or proprietary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<ClearingSystemId>,
    pub member_id: Max35Text,
}

/// `ClearingSystemIdentification2Choice`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClearingSystemId {
    Code(CodeText<5>),
    Proprietary(Max35Text),
}

/// A financial institution (`BranchAndFinancialInstitutionIdentification6` with
/// `FinancialInstitutionIdentification18`; subset without branch).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bicfi: Option<Bicfi>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clearing_system_member: Option<ClearingSystemMember>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lei: Option<Lei>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Max140Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_address: Option<PostalAddress>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<GenericId>,
}

impl Agent {
    /// An agent identified by its BIC only (what CBPR+ asks for).
    pub fn bic(bicfi: Bicfi) -> Agent {
        Agent {
            bicfi: Some(bicfi),
            ..Agent::default()
        }
    }

    /// Reads `<X><FinInstnId>...</FinInstnId></X>`.
    pub(crate) fn read(w: &Walk) -> Result<Agent> {
        w.req_with("FinInstnId", Agent::read_fin_instn_id)
    }

    pub(crate) fn read_fin_instn_id(f: &Walk) -> Result<Agent> {
        // Versions before 2014 call the BIC element `BIC`; accept it on reading.
        let bic = match f.opt("BICFI")? {
            Some(b) => Some(b),
            None => f.opt("BIC")?,
        };
        let bicfi = match bic {
            Some(b) => Some(token(&b).map_err(|e| e.under(b.path()))?),
            None => None,
        };
        let clearing_system_member = f.opt_with("ClrSysMmbId", |m| {
            let system = m.opt_with("ClrSysId", |s| match s.choice(&["Cd", "Prtry"])? {
                Some(c) if c.name() == "Cd" => Ok(ClearingSystemId::Code(
                    token(&c).map_err(|e| e.under(c.path()))?,
                )),
                Some(c) => Ok(ClearingSystemId::Proprietary(
                    text(&c).map_err(|e| e.under(c.path()))?,
                )),
                None => Err(s.error("needs Cd or Prtry")),
            })?;
            Ok(ClearingSystemMember {
                system,
                member_id: m.req_with("MmbId", text)?,
            })
        })?;
        Ok(Agent {
            bicfi,
            clearing_system_member,
            lei: f.opt_with("LEI", token)?,
            name: f.opt_with("Nm", text)?,
            postal_address: f.opt_with("PstlAdr", PostalAddress::read)?,
            other: f.opt_with("Othr", GenericId::read)?,
        })
    }

    /// Writes `<name><FinInstnId>...</FinInstnId></name>`.
    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        self.write_fin_instn_id(x);
        x.end();
    }

    pub(crate) fn write_fin_instn_id(&self, x: &mut Writer) {
        x.start("FinInstnId");
        x.opt_leaf("BICFI", opt_str(&self.bicfi));
        if let Some(m) = &self.clearing_system_member {
            x.start("ClrSysMmbId");
            if let Some(system) = &m.system {
                x.start("ClrSysId");
                match system {
                    ClearingSystemId::Code(c) => x.leaf("Cd", c.as_str()),
                    ClearingSystemId::Proprietary(p) => x.leaf("Prtry", p.as_str()),
                }
                x.end();
            }
            x.leaf("MmbId", m.member_id.as_str());
            x.end();
        }
        x.opt_leaf("LEI", opt_str(&self.lei));
        x.opt_leaf("Nm", opt_str(&self.name));
        if let Some(a) = &self.postal_address {
            a.write(x, "PstlAdr");
        }
        if let Some(o) = &self.other {
            o.write(x, "Othr");
        }
        x.end();
    }
}

pub(crate) fn opt_agent(w: &Walk, name: &str) -> Result<Option<Agent>> {
    w.opt_with(name, Agent::read)
}

pub(crate) fn write_opt_agent(x: &mut Writer, name: &'static str, agent: &Option<Agent>) {
    if let Some(a) = agent {
        a.write(x, name);
    }
}

// ---------------------------------------------------------------------------------------------
// Parties.

/// `Party38Choice`: an organisation or a private person, by identifiers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyId {
    Organisation {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        any_bic: Option<Bicfi>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lei: Option<Lei>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        other: Vec<GenericId>,
    },
    Private {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        other: Vec<GenericId>,
    },
}

/// A party (`PartyIdentification135`, subset: name, address, identifiers, residence).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Max140Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_address: Option<PostalAddress>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PartyId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_of_residence: Option<CountryCode>,
}

fn read_others(w: &Walk) -> Result<Vec<GenericId>> {
    w.all("Othr")
        .iter()
        .map(|o| GenericId::read(o).map_err(|e| e.under(o.path())))
        .collect()
}

impl Party {
    pub fn named(name: Max140Text) -> Party {
        Party {
            name: Some(name),
            ..Party::default()
        }
    }

    pub(crate) fn read(w: &Walk) -> Result<Party> {
        let id = w.opt_with("Id", |i| match i.choice(&["OrgId", "PrvtId"])? {
            Some(o) if o.name() == "OrgId" => {
                let any_bic = match o.opt("AnyBIC")? {
                    Some(b) => Some(b),
                    None => o.opt("BICOrBEI")?,
                };
                Ok(Some(PartyId::Organisation {
                    any_bic: match any_bic {
                        Some(b) => Some(token(&b).map_err(|e| e.under(b.path()))?),
                        None => None,
                    },
                    lei: o.opt_with("LEI", token)?,
                    other: read_others(&o)?,
                }))
            }
            Some(p) => Ok(Some(PartyId::Private {
                other: read_others(&p)?,
            })),
            None => Ok(None),
        })?;
        Ok(Party {
            name: w.opt_with("Nm", text)?,
            postal_address: w.opt_with("PstlAdr", PostalAddress::read)?,
            id: id.flatten(),
            country_of_residence: w.opt_with("CtryOfRes", token)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        self.write_inner(x);
        x.end();
    }

    pub(crate) fn write_inner(&self, x: &mut Writer) {
        x.opt_leaf("Nm", opt_str(&self.name));
        if let Some(a) = &self.postal_address {
            a.write(x, "PstlAdr");
        }
        match &self.id {
            Some(PartyId::Organisation {
                any_bic,
                lei,
                other,
            }) => {
                x.start("Id");
                x.start("OrgId");
                x.opt_leaf("AnyBIC", opt_str(any_bic));
                x.opt_leaf("LEI", opt_str(lei));
                for o in other {
                    o.write(x, "Othr");
                }
                x.end();
                x.end();
            }
            Some(PartyId::Private { other }) => {
                x.start("Id");
                x.start("PrvtId");
                for o in other {
                    o.write(x, "Othr");
                }
                x.end();
                x.end();
            }
            None => {}
        }
        x.opt_leaf("CtryOfRes", opt_str(&self.country_of_residence));
    }
}

// ---------------------------------------------------------------------------------------------
// Accounts.

/// `AccountIdentification4Choice`: an IBAN or another scheme's id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountId {
    Iban(Iban),
    Other {
        id: Max34Text,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scheme: Option<CodeOrProprietary>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        issuer: Option<Max35Text>,
    },
}

/// A cash account (`CashAccount38`, subset: id, currency, name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub id: AccountId,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::types::opt_currency_code"
    )]
    pub currency: Option<Currency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Max70Text>,
}

impl Account {
    pub fn iban(iban: Iban) -> Account {
        Account {
            id: AccountId::Iban(iban),
            currency: None,
            name: None,
        }
    }

    pub(crate) fn read_id(w: &Walk) -> Result<AccountId> {
        match w.choice(&["IBAN", "Othr"])? {
            Some(i) if i.name() == "IBAN" => {
                Ok(AccountId::Iban(token(&i).map_err(|e| e.under(i.path()))?))
            }
            Some(o) => Ok(AccountId::Other {
                id: o.req_with("Id", text)?,
                scheme: o.opt_with("SchmeNm", CodeOrProprietary::read)?,
                issuer: o.opt_with("Issr", text)?,
            }),
            None => Err(w.error("needs IBAN or Othr")),
        }
    }

    pub(crate) fn read(w: &Walk) -> Result<Account> {
        Ok(Account {
            id: w.req_with("Id", Account::read_id)?,
            currency: w.opt_with("Ccy", currency)?,
            name: w.opt_with("Nm", text)?,
        })
    }

    pub(crate) fn write_id(&self, x: &mut Writer) {
        x.start("Id");
        match &self.id {
            AccountId::Iban(iban) => x.leaf("IBAN", iban.as_str()),
            AccountId::Other { id, scheme, issuer } => {
                x.start("Othr");
                x.leaf("Id", id.as_str());
                if let Some(s) = scheme {
                    s.write(x, "SchmeNm");
                }
                x.opt_leaf("Issr", opt_str(issuer));
                x.end();
            }
        }
        x.end();
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        self.write_id(x);
        x.opt_leaf("Ccy", self.currency.map(|c| c.code()));
        x.opt_leaf("Nm", opt_str(&self.name));
        x.end();
    }
}

pub(crate) fn write_opt_account(x: &mut Writer, name: &'static str, account: &Option<Account>) {
    if let Some(a) = account {
        a.write(x, name);
    }
}

// ---------------------------------------------------------------------------------------------
// Payment identification and type.

/// `PaymentIdentification7`: the references of one payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentId {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction_id: Option<Max35Text>,
    pub end_to_end_id: Max35Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uetr: Option<Uetr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clearing_system_reference: Option<Max35Text>,
}

impl PaymentId {
    pub(crate) fn read(w: &Walk) -> Result<PaymentId> {
        Ok(PaymentId {
            instruction_id: w.opt_with("InstrId", text)?,
            end_to_end_id: w.req_with("EndToEndId", text)?,
            transaction_id: w.opt_with("TxId", text)?,
            uetr: w.opt_with("UETR", token)?,
            clearing_system_reference: w.opt_with("ClrSysRef", text)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start("PmtId");
        x.opt_leaf("InstrId", opt_str(&self.instruction_id));
        x.leaf("EndToEndId", self.end_to_end_id.as_str());
        x.opt_leaf("TxId", opt_str(&self.transaction_id));
        x.opt_leaf("UETR", opt_str(&self.uetr));
        x.opt_leaf("ClrSysRef", opt_str(&self.clearing_system_reference));
        x.end();
    }
}

/// `PaymentTypeInformation28` (subset: priority, service levels, local instrument, category
/// purpose).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentType {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction_priority: Option<Priority2>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_levels: Vec<CodeOrProprietary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_instrument: Option<CodeOrProprietary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_purpose: Option<CodeOrProprietary>,
}

impl PaymentType {
    pub(crate) fn read(w: &Walk) -> Result<PaymentType> {
        Ok(PaymentType {
            instruction_priority: w.opt_with("InstrPrty", |p| Priority2::parse(p.token()))?,
            service_levels: w
                .all("SvcLvl")
                .iter()
                .map(|s| CodeOrProprietary::read(s).map_err(|e| e.under(s.path())))
                .collect::<Result<_>>()?,
            local_instrument: w.opt_with("LclInstrm", CodeOrProprietary::read)?,
            category_purpose: w.opt_with("CtgyPurp", CodeOrProprietary::read)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start("PmtTpInf");
        x.opt_leaf("InstrPrty", self.instruction_priority.map(|p| p.code()));
        for s in &self.service_levels {
            s.write(x, "SvcLvl");
        }
        if let Some(l) = &self.local_instrument {
            l.write(x, "LclInstrm");
        }
        if let Some(c) = &self.category_purpose {
            c.write(x, "CtgyPurp");
        }
        x.end();
    }
}

/// Unstructured remittance lines (`RmtInf/Ustrd`).
pub(crate) fn read_remittance(w: &Walk) -> Result<Vec<Max140Text>> {
    w.all("Ustrd")
        .iter()
        .map(|u| text(u).map_err(|e| e.under(u.path())))
        .collect()
}

pub(crate) fn write_remittance(x: &mut Writer, lines: &[Max140Text]) {
    if lines.is_empty() {
        return;
    }
    x.start("RmtInf");
    for line in lines {
        x.leaf("Ustrd", line.as_str());
    }
    x.end();
}

/// Reads all children `name` with `f`, errors carrying each child's indexed path.
pub(crate) fn read_all<T>(w: &Walk, name: &str, f: impl Fn(&Walk) -> Result<T>) -> Result<Vec<T>> {
    w.all(name)
        .iter()
        .map(|c| f(c).map_err(|e| e.under(c.path())))
        .collect()
}
