//! End-to-end tests: the real binary in a pseudo-terminal, through the
//! harness (sealed environment, pinned today), screen by screen.

#[path = "../common/mod.rs"]
mod common;

mod app;
mod custom;
mod feedback;
mod harness;
mod plan;
mod progress;
mod reviews;
mod safety;
mod search;
mod sync;
mod team;
mod terminal;
