//! End-to-end tests of the `corridor` binary.

mod clear;
mod crash;
mod demo;
