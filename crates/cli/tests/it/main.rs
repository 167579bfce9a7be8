//! End-to-end tests of the `corridor` binary.

mod api;
mod bench;
mod clear;
mod crash;
mod demo;
mod iso20022;
mod screen;
