//! Integration tests for `money`: the generated ISO 4217 table against the official list, and
//! property tests for text round trips and conversion.

mod iso4217;
mod properties;
