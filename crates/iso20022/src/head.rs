//! head.001 business application header (`AppHdr`): who sends what to whom.
//!
//! Modelled: `Fr` and `To` (a financial institution or an organisation), `BizMsgIdr`,
//! `MsgDefIdr`, `BizSvc`, `CreDt`, `CpyDplct`, `PssblDplct`. Read in `.01` and `.02`, written
//! in `.02`; the rest (`CharSet`, `MktPrctc`, `BizPrcgDt`, `Prty`, `Sgntr`, `Rltd`) is reported
//! with its path when read, and is not written. When a header travels with a document, [`crate::Message`] checks that `MsgDefIdr`
//! names the document's type and writes the version actually written.

use crate::common::*;
use crate::error::{Error, Result};
use crate::types::*;
use crate::xml::{Walk, Writer};
use serde::{Deserialize, Serialize};

/// `Party44Choice`: a financial institution or an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderParty {
    Institution(Agent),
    Organisation(Party),
}

impl HeaderParty {
    fn read(w: &Walk) -> Result<HeaderParty> {
        match w.choice(&["FIId", "OrgId"])? {
            Some(f) if f.name() == "FIId" => {
                let agent = Agent::read(&f).map_err(|e| e.under(f.path()))?;
                if agent == Agent::default() {
                    return Err(f.error(NOTHING_IN_IT));
                }
                Ok(HeaderParty::Institution(agent))
            }
            Some(o) => {
                let party = Party::read(&o).map_err(|e| e.under(o.path()))?;
                if party == Party::default() {
                    return Err(o.error(NOTHING_IN_IT));
                }
                Ok(HeaderParty::Organisation(party))
            }
            None => Err(w.error("needs FIId or OrgId")),
        }
    }

    fn write(&self, x: &mut Writer, name: &'static str) {
        x.start_required(name);
        match self {
            HeaderParty::Institution(agent) => agent.write_required(x, "FIId"),
            HeaderParty::Organisation(party) => party.write_required(x, "OrgId"),
        }
        x.end();
    }
}

/// `CopyDuplicate1Code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CopyDuplicate {
    #[serde(rename = "CODU")]
    CopyDuplicate,
    #[serde(rename = "COPY")]
    Copy,
    #[serde(rename = "DUPL")]
    Duplicate,
}

impl CopyDuplicate {
    fn code(self) -> &'static str {
        match self {
            CopyDuplicate::CopyDuplicate => "CODU",
            CopyDuplicate::Copy => "COPY",
            CopyDuplicate::Duplicate => "DUPL",
        }
    }

    fn parse(text: &str) -> Result<CopyDuplicate> {
        match text {
            "CODU" => Ok(CopyDuplicate::CopyDuplicate),
            "COPY" => Ok(CopyDuplicate::Copy),
            "DUPL" => Ok(CopyDuplicate::Duplicate),
            other => Err(Error::new(
                "",
                format!("{other:?} is not CODU, COPY or DUPL"),
            )),
        }
    }
}

/// The business application header (`BusinessApplicationHeaderV02`, subset).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppHdr {
    pub from: HeaderParty,
    pub to: HeaderParty,
    pub business_message_id: Max35Text,
    /// `MsgDefIdr`, e.g. `pacs.008.001.08`.
    pub message_definition_id: Max35Text,
    /// `BizSvc`, e.g. `swift.cbprplus.02`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_service: Option<Max35Text>,
    pub creation_date: IsoDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_duplicate: Option<CopyDuplicate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub possible_duplicate: Option<bool>,
}

impl AppHdr {
    /// Reads `<AppHdr>` (its namespace was checked by the caller).
    pub(crate) fn read(w: &Walk) -> Result<AppHdr> {
        Ok(AppHdr {
            from: w.req_with("Fr", HeaderParty::read)?,
            to: w.req_with("To", HeaderParty::read)?,
            business_message_id: w.req_with("BizMsgIdr", text)?,
            message_definition_id: w.req_with("MsgDefIdr", text)?,
            business_service: w.opt_with("BizSvc", text)?,
            creation_date: w.req_with("CreDt", token)?,
            copy_duplicate: w.opt_with("CpyDplct", |c| CopyDuplicate::parse(c.token()))?,
            possible_duplicate: w.opt_with("PssblDplct", boolean)?,
        })
    }

    /// Writes `<AppHdr xmlns="...head.001.001.VV">`, with `message_definition_id` replaced by
    /// `msg_def` when given (the document actually written).
    pub(crate) fn write(&self, x: &mut Writer, namespace: &str, msg_def: Option<&str>) {
        x.start_required_with("AppHdr", &[("xmlns", namespace)]);
        self.from.write(x, "Fr");
        self.to.write(x, "To");
        x.leaf("BizMsgIdr", self.business_message_id.as_str());
        x.leaf(
            "MsgDefIdr",
            msg_def.unwrap_or(self.message_definition_id.as_str()),
        );
        x.opt_leaf("BizSvc", opt_str(&self.business_service));
        x.leaf("CreDt", self.creation_date.as_str());
        x.opt_leaf("CpyDplct", self.copy_duplicate.map(|c| c.code()));
        if let Some(p) = self.possible_duplicate {
            x.leaf("PssblDplct", if p { "true" } else { "false" });
        }
        x.end();
    }
}
