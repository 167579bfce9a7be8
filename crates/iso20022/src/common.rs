//! Components shared by the messages: agents (financial institutions), parties, postal
//! addresses, accounts, payment identification and type, and the read/write helpers for leaves.
//!
//! Each component has `read` (tolerant of unknown children, strict on the ones it models) and
//! `write` (elements in schema order, so the output is valid).
//!
//! A group the model reads as empty (all its modelled parts absent) is never kept: an optional
//! one reads as absent and its element is reported as dropped ([`opt_group`]); a required one is
//! refused ([`req_group`]), since it could not be written back. The writer never writes an empty
//! element either (see [`crate::xml::Writer`]).

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

/// The optional group `name` read by `f`; absent when the model found nothing in it (the element
/// is then reported as dropped, see [`crate::xml::unused`]).
pub(crate) fn opt_group<T: Default + PartialEq>(
    w: &Walk,
    name: &str,
    f: impl FnOnce(&Walk) -> Result<T>,
) -> Result<Option<T>> {
    match w.opt(name)? {
        Some(child) => {
            let value = f(&child).map_err(|e| e.under(child.path()))?;
            if value == T::default() {
                child.release();
                Ok(None)
            } else {
                Ok(Some(value))
            }
        }
        None => Ok(None),
    }
}

/// The reason given for a required group with nothing in it.
pub(crate) const NOTHING_IN_IT: &str = "required element has no content this crate reads (it is empty, or holds only elements outside the model), so it could not be written back";

/// The required group `name` read by `f`; refused when the model found nothing in it.
pub(crate) fn req_group<T: Default + PartialEq>(
    w: &Walk,
    name: &str,
    f: impl FnOnce(&Walk) -> Result<T>,
) -> Result<T> {
    let child = w.req(name)?;
    let value = f(&child).map_err(|e| e.under(child.path()))?;
    if value == T::default() {
        return Err(child.error(NOTHING_IN_IT));
    }
    Ok(value)
}

/// Every group `name` read by `f`, leaving out (and reporting) the ones with nothing in them.
pub(crate) fn read_groups<T: Default + PartialEq>(
    w: &Walk,
    name: &str,
    f: impl Fn(&Walk) -> Result<T>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for child in w.all(name) {
        let value = f(&child).map_err(|e| e.under(child.path()))?;
        if value == T::default() {
            child.release();
        } else {
            out.push(value);
        }
    }
    Ok(out)
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
    NonNegativeDecimalNumber,
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
/// instrument, category purpose, balance type, entry status, status reason. `N` is the code's
/// maximum length in the schema: 4 for most external code sets, 35 for
/// `ExternalLocalInstrument1Code`, 3 for `ExternalCashClearingSystem1Code`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeOrProprietary<const N: usize = 4> {
    Code(CodeText<N>),
    Proprietary(Max35Text),
}

impl<const N: usize> CodeOrProprietary<N> {
    pub(crate) fn read(w: &Walk) -> Result<CodeOrProprietary<N>> {
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
    pub(crate) fn read_or_bare_code(w: &Walk) -> Result<CodeOrProprietary<N>> {
        if w.element.children.is_empty() {
            Ok(CodeOrProprietary::Code(token(w)?))
        } else {
            CodeOrProprietary::read(w)
        }
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start_required(name);
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

/// A choice of a closed ISO code list or a proprietary text (`Cd` | `Prtry`), e.g. the type of
/// a creditor reference (`DocumentType3Code`) or of a referred document (`DocumentType6Code`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumOrProprietary<E> {
    Code(E),
    Proprietary(Max35Text),
}

/// The closed code lists used in an [`EnumOrProprietary`].
pub trait CodeList: Sized + Copy {
    fn parse_code(text: &str) -> Result<Self>;
    fn code_text(self) -> &'static str;
}

macro_rules! code_list {
    ($($t:ty),+) => {
        $(impl CodeList for $t {
            fn parse_code(text: &str) -> Result<Self> {
                <$t>::parse(text)
            }
            fn code_text(self) -> &'static str {
                self.code()
            }
        })+
    };
}
code_list!(DocumentType3, DocumentType6);

impl<E: CodeList> EnumOrProprietary<E> {
    pub(crate) fn read(w: &Walk) -> Result<EnumOrProprietary<E>> {
        match w.choice(&["Cd", "Prtry"])? {
            Some(c) if c.name() == "Cd" => Ok(EnumOrProprietary::Code(
                E::parse_code(c.token()).map_err(|e| e.under(c.path()))?,
            )),
            Some(c) => Ok(EnumOrProprietary::Proprietary(
                text(&c).map_err(|e| e.under(c.path()))?,
            )),
            None => Err(w.error("needs Cd or Prtry")),
        }
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start_required(name);
        match self {
            EnumOrProprietary::Code(code) => x.leaf("Cd", code.code_text()),
            EnumOrProprietary::Proprietary(text) => x.leaf("Prtry", text.as_str()),
        }
        x.end();
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
        x.start_required(name);
        match self {
            DateOrDateTime::Date(d) => x.leaf("Dt", d.as_str()),
            DateOrDateTime::DateTime(d) => x.leaf("DtTm", d.as_str()),
        }
        x.end();
    }
}

// ---------------------------------------------------------------------------------------------
// Postal address.

/// `PostalAddress24`: every element except a proprietary address type (`AdrTp/Prtry`, reported
/// as dropped when read).
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
    pub building_name: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Max70Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_box: Option<Max16Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<Max70Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_code: Option<Max16Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town_name: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town_location_name: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district_name: Option<Max35Text>,
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

/// A list of at most `N` items (JSON); more is refused with the count.
pub(crate) fn at_most<'de, D, T, const N: usize>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Vec::<T>::deserialize(d)?;
    if items.len() > N {
        return Err(serde::de::Error::custom(format!(
            "{} items; at most {N} are allowed",
            items.len()
        )));
    }
    Ok(items)
}

/// A list with at least one item (JSON).
pub(crate) fn at_least_one<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Vec::<T>::deserialize(d)?;
    if items.is_empty() {
        return Err(serde::de::Error::custom(
            "an empty list; at least one item is required",
        ));
    }
    Ok(items)
}

fn at_most_7_lines<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Max70Text>, D::Error> {
    at_most::<D, Max70Text, 7>(d)
}

impl PostalAddress {
    pub(crate) fn read(w: &Walk) -> Result<PostalAddress> {
        let address_type = match w.opt("AdrTp")? {
            // .08 and later: a choice <AdrTp><Cd>HOME</Cd></AdrTp>; earlier: <AdrTp>HOME</AdrTp>.
            Some(t) if t.element.children.is_empty() => {
                Some(AddressType::parse(t.token()).map_err(|e| e.under(t.path()))?)
            }
            Some(t) => match t.choice(&["Cd", "Prtry"])? {
                Some(c) if c.name() == "Cd" => {
                    Some(AddressType::parse(c.token()).map_err(|e| e.under(c.path()))?)
                }
                Some(_) => {
                    // A proprietary type (GenericIdentification30) is not modelled: reported
                    // as dropped.
                    t.release();
                    None
                }
                None => return Err(t.error("needs Cd or Prtry")),
            },
            None => None,
        };
        let lines = w.all_max("AdrLine", 7)?;
        Ok(PostalAddress {
            address_type,
            department: w.opt_with("Dept", text)?,
            sub_department: w.opt_with("SubDept", text)?,
            street_name: w.opt_with("StrtNm", text)?,
            building_number: w.opt_with("BldgNb", text)?,
            building_name: w.opt_with("BldgNm", text)?,
            floor: w.opt_with("Flr", text)?,
            post_box: w.opt_with("PstBx", text)?,
            room: w.opt_with("Room", text)?,
            post_code: w.opt_with("PstCd", text)?,
            town_name: w.opt_with("TwnNm", text)?,
            town_location_name: w.opt_with("TwnLctnNm", text)?,
            district_name: w.opt_with("DstrctNm", text)?,
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
        x.opt_leaf("BldgNm", opt_str(&self.building_name));
        x.opt_leaf("Flr", opt_str(&self.floor));
        x.opt_leaf("PstBx", opt_str(&self.post_box));
        x.opt_leaf("Room", opt_str(&self.room));
        x.opt_leaf("PstCd", opt_str(&self.post_code));
        x.opt_leaf("TwnNm", opt_str(&self.town_name));
        x.opt_leaf("TwnLctnNm", opt_str(&self.town_location_name));
        x.opt_leaf("DstrctNm", opt_str(&self.district_name));
        x.opt_leaf("CtrySubDvsn", opt_str(&self.country_sub_division));
        x.opt_leaf("Ctry", opt_str(&self.country));
        if self.address_lines.len() > 7 {
            x.fail("AdrLine", "at most 7 address lines are allowed");
        }
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

    /// Reads `<X><FinInstnId>...</FinInstnId></X>` (possibly empty: read it through
    /// [`opt_agent`] or [`req_agent`], which leave out or refuse an empty one).
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
            postal_address: opt_group(f, "PstlAdr", PostalAddress::read)?,
            other: f.opt_with("Othr", GenericId::read)?,
        })
    }

    /// Writes `<name><FinInstnId>...</FinInstnId></name>` where the element is optional.
    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        self.write_fin_instn_id(x);
        x.end();
    }

    /// Writes `<name><FinInstnId>...</FinInstnId></name>` where the schema requires it.
    pub(crate) fn write_required(&self, x: &mut Writer, name: &'static str) {
        x.start_required(name);
        self.write_fin_instn_id(x);
        x.end();
    }

    pub(crate) fn write_fin_instn_id(&self, x: &mut Writer) {
        x.start_required("FinInstnId");
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

/// An optional agent; one with nothing in it reads as absent (and is reported as dropped).
pub(crate) fn opt_agent(w: &Walk, name: &str) -> Result<Option<Agent>> {
    opt_group(w, name, Agent::read)
}

/// A required agent; one with nothing in it is refused.
pub(crate) fn req_agent(w: &Walk, name: &str) -> Result<Agent> {
    req_group(w, name, Agent::read)
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

/// An optional party; one with nothing in it reads as absent (and is reported as dropped).
pub(crate) fn opt_party(w: &Walk, name: &str) -> Result<Option<Party>> {
    opt_group(w, name, Party::read)
}

/// A required party; one with nothing in it is refused.
pub(crate) fn req_party(w: &Walk, name: &str) -> Result<Party> {
    req_group(w, name, Party::read)
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

    /// Reads a party (possibly empty: read it through [`opt_party`] or [`req_party`]).
    pub(crate) fn read(w: &Walk) -> Result<Party> {
        let id = match w.opt("Id")? {
            Some(i) => {
                let id = Party::read_id(&i).map_err(|e| e.under(i.path()))?;
                if id.is_none() {
                    i.release();
                }
                id
            }
            None => None,
        };
        Ok(Party {
            name: w.opt_with("Nm", text)?,
            postal_address: opt_group(w, "PstlAdr", PostalAddress::read)?,
            id,
            country_of_residence: w.opt_with("CtryOfRes", token)?,
        })
    }

    /// `Party38Choice`; `None` when nothing in it is modelled.
    fn read_id(i: &Walk) -> Result<Option<PartyId>> {
        let id = match i.choice(&["OrgId", "PrvtId"])? {
            Some(o) if o.name() == "OrgId" => {
                let any_bic = match o.opt("AnyBIC")? {
                    Some(b) => Some(b),
                    None => o.opt("BICOrBEI")?,
                };
                let id = PartyId::Organisation {
                    any_bic: match any_bic {
                        Some(b) => Some(token(&b).map_err(|e| e.under(b.path()))?),
                        None => None,
                    },
                    lei: o.opt_with("LEI", token)?,
                    other: read_others(&o)?,
                };
                if id
                    == (PartyId::Organisation {
                        any_bic: None,
                        lei: None,
                        other: Vec::new(),
                    })
                {
                    return Ok(None);
                }
                id
            }
            Some(p) => {
                let other = read_others(&p)?;
                if other.is_empty() {
                    return Ok(None);
                }
                PartyId::Private { other }
            }
            None => return Ok(None),
        };
        Ok(Some(id))
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        self.write_inner(x);
        x.end();
    }

    /// Writes the party where the schema requires it (it must not be empty).
    pub(crate) fn write_required(&self, x: &mut Writer, name: &'static str) {
        x.start_required(name);
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

/// A cash account (`CashAccount38`, subset: id, type, currency, name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
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
}

impl Account {
    pub fn iban(iban: Iban) -> Account {
        Account {
            id: AccountId::Iban(iban),
            kind: None,
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
            kind: w.opt_with("Tp", CodeOrProprietary::read)?,
            currency: w.opt_with("Ccy", currency)?,
            name: w.opt_with("Nm", text)?,
        })
    }

    /// An account that may lack its `Id` (`CashAccount40`, pacs.002 `.12`): without one it is
    /// not modelled, so it reads as absent and is reported as dropped.
    pub(crate) fn read_lenient(w: &Walk, name: &str) -> Result<Option<Account>> {
        match w.opt(name)? {
            Some(a) if a.opt("Id")?.is_none() => {
                a.release();
                Ok(None)
            }
            Some(a) => Account::read(&a).map(Some).map_err(|e| e.under(a.path())),
            None => Ok(None),
        }
    }

    pub(crate) fn write_id(&self, x: &mut Writer) {
        write_account_id(x, &self.id);
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        self.write_id(x);
        if let Some(k) = &self.kind {
            k.write(x, "Tp");
        }
        x.opt_leaf("Ccy", self.currency.map(|c| c.code()));
        x.opt_leaf("Nm", opt_str(&self.name));
        x.end();
    }
}

pub(crate) fn write_account_id(x: &mut Writer, id: &AccountId) {
    x.start_required("Id");
    match id {
        AccountId::Iban(iban) => x.leaf("IBAN", iban.as_str()),
        AccountId::Other { id, scheme, issuer } => {
            x.start_required("Othr");
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

/// `PaymentTypeInformation28`: priority, clearing channel, service levels, local instrument
/// (a code of up to 35 characters) and category purpose.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentType {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction_priority: Option<Priority2>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clearing_channel: Option<ClearingChannel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_levels: Vec<CodeOrProprietary>,
    /// `LclInstrm`: `ExternalLocalInstrument1Code` (1..=35 characters) or proprietary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_instrument: Option<CodeOrProprietary<35>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_purpose: Option<CodeOrProprietary>,
}

impl PaymentType {
    pub(crate) fn read(w: &Walk) -> Result<PaymentType> {
        Ok(PaymentType {
            instruction_priority: w.opt_with("InstrPrty", |p| Priority2::parse(p.token()))?,
            clearing_channel: w.opt_with("ClrChanl", |p| ClearingChannel::parse(p.token()))?,
            service_levels: read_all(w, "SvcLvl", CodeOrProprietary::read)?,
            local_instrument: w.opt_with("LclInstrm", CodeOrProprietary::read)?,
            category_purpose: w.opt_with("CtgyPurp", CodeOrProprietary::read)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start("PmtTpInf");
        x.opt_leaf("InstrPrty", self.instruction_priority.map(|p| p.code()));
        x.opt_leaf("ClrChanl", self.clearing_channel.map(|p| p.code()));
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

// ---------------------------------------------------------------------------------------------
// Remittance.

/// `RemittanceInformation16`: unstructured lines and structured blocks (what reconciliation
/// software matches on: creditor references and invoice numbers).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remittance {
    /// `Ustrd`: free text lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unstructured: Vec<Max140Text>,
    /// `Strd`: structured remittance blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub structured: Vec<StructuredRemittance>,
}

impl Remittance {
    /// Remittance made of unstructured lines only.
    pub fn lines(lines: Vec<Max140Text>) -> Remittance {
        Remittance {
            unstructured: lines,
            structured: Vec::new(),
        }
    }

    pub(crate) fn read(w: &Walk) -> Result<Remittance> {
        Ok(Remittance {
            unstructured: read_all(w, "Ustrd", text)?,
            structured: read_groups(w, "Strd", StructuredRemittance::read)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start("RmtInf");
        for line in &self.unstructured {
            x.leaf("Ustrd", line.as_str());
        }
        for s in &self.structured {
            s.write(x);
        }
        x.end();
    }
}

/// `StructuredRemittanceInformation16` (subset): referred documents (invoices), the creditor's
/// reference, invoicer and invoicee, and up to three lines of additional information. Not
/// modelled (reported as dropped when read): referred document amounts, tax and garnishment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructuredRemittance {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referred_documents: Vec<ReferredDocument>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_reference: Option<CreditorReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoicer: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoicee: Option<Party>,
    /// `AddtlRmtInf` (at most 3).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "at_most_3_lines"
    )]
    pub additional_info: Vec<Max140Text>,
}

fn at_most_3_lines<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Max140Text>, D::Error> {
    at_most::<D, Max140Text, 3>(d)
}

impl StructuredRemittance {
    pub(crate) fn read(w: &Walk) -> Result<StructuredRemittance> {
        Ok(StructuredRemittance {
            referred_documents: read_groups(w, "RfrdDocInf", ReferredDocument::read)?,
            creditor_reference: opt_group(w, "CdtrRefInf", CreditorReference::read)?,
            invoicer: opt_party(w, "Invcr")?,
            invoicee: opt_party(w, "Invcee")?,
            additional_info: w
                .all_max("AddtlRmtInf", 3)?
                .iter()
                .map(|l| text(l).map_err(|e| e.under(l.path())))
                .collect::<Result<_>>()?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start("Strd");
        for d in &self.referred_documents {
            d.write(x);
        }
        if let Some(c) = &self.creditor_reference {
            c.write(x);
        }
        if let Some(p) = &self.invoicer {
            p.write(x, "Invcr");
        }
        if let Some(p) = &self.invoicee {
            p.write(x, "Invcee");
        }
        if self.additional_info.len() > 3 {
            x.fail("AddtlRmtInf", "at most 3 lines are allowed");
        }
        for line in self.additional_info.iter().take(3) {
            x.leaf("AddtlRmtInf", line.as_str());
        }
        x.end();
    }
}

/// `CreditorReferenceInformation2`: the reference the creditor gave (e.g. an ISO 11649 `RF`
/// reference, type `SCOR`), and its type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditorReference {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ReferenceKind<DocumentType3>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Max35Text>,
}

/// The type of a reference or document (`CreditorReferenceType2`, `ReferredDocumentType4`): a
/// code of the closed list `E` or a proprietary text, and who issued it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceKind<E> {
    pub code: EnumOrProprietary<E>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Max35Text>,
}

impl<E: CodeList> ReferenceKind<E> {
    fn read(w: &Walk) -> Result<ReferenceKind<E>> {
        Ok(ReferenceKind {
            code: w.req_with("CdOrPrtry", EnumOrProprietary::read)?,
            issuer: w.opt_with("Issr", text)?,
        })
    }

    fn write(&self, x: &mut Writer) {
        x.start("Tp");
        self.code.write(x, "CdOrPrtry");
        x.opt_leaf("Issr", opt_str(&self.issuer));
        x.end();
    }
}

impl CreditorReference {
    pub(crate) fn read(w: &Walk) -> Result<CreditorReference> {
        Ok(CreditorReference {
            kind: w.opt_with("Tp", ReferenceKind::read)?,
            reference: w.opt_with("Ref", text)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start("CdtrRefInf");
        if let Some(k) = &self.kind {
            k.write(x);
        }
        x.opt_leaf("Ref", opt_str(&self.reference));
        x.end();
    }
}

/// `ReferredDocumentInformation7` (subset): a document the payment settles, e.g. an invoice
/// (`CINV`) with its number and date. Line details are not modelled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferredDocument {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ReferenceKind<DocumentType6>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<Max35Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
}

impl ReferredDocument {
    pub(crate) fn read(w: &Walk) -> Result<ReferredDocument> {
        Ok(ReferredDocument {
            kind: w.opt_with("Tp", ReferenceKind::read)?,
            number: w.opt_with("Nb", text)?,
            date: w.opt_with("RltdDt", token)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start("RfrdDocInf");
        if let Some(k) = &self.kind {
            k.write(x);
        }
        x.opt_leaf("Nb", opt_str(&self.number));
        x.opt_leaf("RltdDt", opt_str(&self.date));
        x.end();
    }
}

/// Remittance as pacs.009 carries it (`RemittanceInformation2`: unstructured lines only).
pub(crate) fn read_remittance_lines(w: &Walk) -> Result<Vec<Max140Text>> {
    read_all(w, "Ustrd", text)
}

pub(crate) fn write_remittance_lines(x: &mut Writer, lines: &[Max140Text]) {
    x.start("RmtInf");
    for line in lines {
        x.leaf("Ustrd", line.as_str());
    }
    x.end();
}

// ---------------------------------------------------------------------------------------------
// Charges, instructions and related parties.

/// `Charges7`: a charge taken by an agent on the way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    pub amount: Amount,
    pub agent: Agent,
}

impl Charge {
    pub(crate) fn read(w: &Walk) -> Result<Charge> {
        Ok(Charge {
            amount: w.req_with("Amt", amount)?,
            agent: req_agent(w, "Agt")?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        write_amount(x, "Amt", &self.amount);
        self.agent.write_required(x, "Agt");
        x.end();
    }
}

/// `InstructionForCreditorAgent1`: an instruction code (`Instruction3Code`) and/or text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditorAgentInstruction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Instruction3>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<Max140Text>,
}

impl CreditorAgentInstruction {
    pub(crate) fn read(w: &Walk) -> Result<CreditorAgentInstruction> {
        Ok(CreditorAgentInstruction {
            code: w.opt_with("Cd", |c| Instruction3::parse(c.token()))?,
            info: w.opt_with("InstrInf", text)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start("InstrForCdtrAgt");
        x.opt_leaf("Cd", self.code.map(|c| c.code()));
        x.opt_leaf("InstrInf", opt_str(&self.info));
        x.end();
    }
}

/// `InstructionForNextAgent1`: an instruction code (`Instruction4Code`) and/or text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextAgentInstruction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Instruction4>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<Max140Text>,
}

impl NextAgentInstruction {
    pub(crate) fn read(w: &Walk) -> Result<NextAgentInstruction> {
        Ok(NextAgentInstruction {
            code: w.opt_with("Cd", |c| Instruction4::parse(c.token()))?,
            info: w.opt_with("InstrInf", text)?,
        })
    }

    pub(crate) fn write(&self, x: &mut Writer) {
        x.start("InstrForNxtAgt");
        x.opt_leaf("Cd", self.code.map(|c| c.code()));
        x.opt_leaf("InstrInf", opt_str(&self.info));
        x.end();
    }
}

/// `Party40Choice`: a party or an agent (before `.08` of camt.053: always a party, written
/// directly).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelatedParty {
    Party(Party),
    Agent(Agent),
}

impl RelatedParty {
    /// Reads the choice; `None` when nothing in it is modelled (the element is then reported
    /// as dropped).
    pub(crate) fn read_opt(w: &Walk, name: &str) -> Result<Option<RelatedParty>> {
        let Some(r) = w.opt(name)? else {
            return Ok(None);
        };
        let value = RelatedParty::read(&r).map_err(|e| e.under(r.path()))?;
        let empty = match &value {
            RelatedParty::Party(p) => *p == Party::default(),
            RelatedParty::Agent(a) => *a == Agent::default(),
        };
        if empty {
            r.release();
            return Ok(None);
        }
        Ok(Some(value))
    }

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

    pub(crate) fn write(&self, x: &mut Writer, name: &'static str) {
        x.start(name);
        match self {
            RelatedParty::Party(p) => p.write_required(x, "Pty"),
            RelatedParty::Agent(a) => a.write_required(x, "Agt"),
        }
        x.end();
    }
}

/// Reads all children `name` with `f`, errors carrying each child's indexed path.
pub(crate) fn read_all<T>(w: &Walk, name: &str, f: impl Fn(&Walk) -> Result<T>) -> Result<Vec<T>> {
    w.all(name)
        .iter()
        .map(|c| f(c).map_err(|e| e.under(c.path())))
        .collect()
}
