//! Clearing: the optimal multilateral set-off of trade obligations, with a proof.
//!
//! [`input`] validates obligations (every bad row reported with line, field and reason);
//! [`solve::clear`] cancels the largest possible total of debt around cycles of firms, per
//! currency, without changing anyone's net position, using `flow`'s unit-cost min-cost flow and
//! checking feasibility and the optimality certificate on every run; [`netting`] turns what
//! remains into net positions per bank and currency; [`generate`] writes realistic PK/IR networks
//! for benchmarks.
//!
//! [`gateway::clear_corridor`] clears two currencies *together* through one gateway per country
//! at a rate fix, exact in each currency's minor units. Not yet here: liquidity sources as extra
//! nodes.
//!
//! **Architecture invariant:** pure. No IO, no clock, no threads; same input, same output.

pub mod gateway;
pub mod generate;
pub mod input;
pub mod netting;
pub mod solve;

pub use gateway::{Corridor, GatewayOutcome, clear_corridor};
pub use input::{
    AMOUNT_MAX, Builder, NO_DUE_DATE, Obligations, Row, RowError, format_date, parse_date,
};
pub use netting::{Netting, Position, net};
pub use solve::{ClearingError, Outcome, Stats, clear};
