//! Integration tests for the ledger: the state-machine table and the model-based property test.

mod model;
mod table;
