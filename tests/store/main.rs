//! The store through its library API: saving, loading, locking, crash
//! safety, permissions, tidying, the format fixtures and imports. One test
//! binary (a few link much faster than one per file); each module is one area.

#[path = "../common/mod.rs"]
mod common;

/// `cases` cases; a failing case is kept in `<file>.proptest-regressions`
/// beside the test file `source` (pass `file!()`) and tried first on every
/// later run: commit it.
pub fn proptest_config(cases: u32, source: &'static str) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        source_file: Some(source),
        ..proptest::test_runner::Config::default()
    }
}

mod bad_files;
mod cache;
mod conflicts;
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
mod team;
mod tidy;
