//! The corridor domain: what the central banks and banks agree on, as pure rules.
//!
//! * [`workflow`]: the corridor's state and its commands (configure the corridor, register banks
//!   and traders, fund a bank, publish a rate fix, submit and act on obligations, run a cycle),
//!   each checked against the state (a refusal names the field and the reason and changes
//!   nothing) before it is applied.
//! * [`participants`]: BICs, countries, tax ids (Pakistani NTN, Iranian national id with its
//!   check digit) and names.
//! * [`lifecycle`]: an obligation's states (submitted, accepted, rejected, disputed, cancel
//!   requested, cancelled, partly cleared, cleared, settled; overdue is derived from the due
//!   date) and which actor may take which step from where, every refusal with a reason.
//! * [`rates`]: rate fixes per corridor and value date, with source and validity; a cycle
//!   without a valid fix is refused and told why.
//! * [`cycle`]: a clearing cycle planned end to end: set-off through the gateways, the due
//!   residuals as payment instructions, net positions per bank and currency, the cap rule and
//!   the swap-line rule (deferral), residue booking, and the settlement as one linked ledger
//!   batch.
//! * [`hs`]: the HS 2022 catalogue and a corridor's allow/deny policy by code prefix; a refused
//!   good names the rule that refused it.
//! * [`barter`]: the barter-window report (per trader, cross-border exports and imports in the
//!   window, within the tolerance or not).
//! * [`statement`]: a bank's statement for a period, reconciled to the ledger.
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
