//! The corridor domain: what the central banks and banks agree on, as pure rules.
//!
//! * [`lifecycle`]: an obligation's states (submitted, accepted, rejected, disputed, cancelled,
//!   partly cleared, cleared, settled; overdue is derived from the due date) and which actor may
//!   take which step from where, every refusal with a reason.
//! * [`rates`]: rate fixes per corridor and value date, with source and validity; a cycle
//!   without a valid fix is refused and told why.
//! * [`cycle`]: a clearing cycle planned end to end: set-off through the gateways, residual
//!   payment instructions, net positions per bank and currency, the cap rule (deferral), and the
//!   settlement as one linked ledger batch.
//! * [`hs`]: the HS 2022 catalogue and a corridor's allow/deny policy by code prefix; a refused
//!   good names the rule that refused it.
//!
//! Not yet here (the workflow issue): participants as stored records (corridors, banks with BIC
//! checks, traders), the swap line, the barter-window report, statements.
//!
//! **Architecture invariant:** pure. No IO (callers read files and pass text), no clock (today
//! arrives as an argument), deterministic.

pub mod barter;
pub mod cycle;
pub mod hs;
pub mod lifecycle;
pub mod participants;
pub mod rates;
pub mod statement;
pub mod workflow;

/// Why a command was refused: the field it concerns and the reason, for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub field: &'static str,
    pub reason: String,
}

impl Refusal {
    pub fn new(field: &'static str, reason: impl Into<String>) -> Refusal {
        Refusal {
            field,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for Refusal {}
