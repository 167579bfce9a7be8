//! End-to-end tests of the `corridor` binary.

mod crash;
mod demo;
