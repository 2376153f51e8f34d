//! The store through its library API: saving, loading, locking, crash
//! safety, permissions, tidying, the format fixtures and imports. One test
//! binary (a few link much faster than one per file); each module is one area.

#[path = "../common/mod.rs"]
mod common;

mod bad_files;
mod crash;
mod fixtures;
mod fuzz;
mod import;
#[cfg(unix)]
mod links;
mod lock;
mod permissions;
mod reviews;
mod roundtrip;
mod save;
mod tidy;
