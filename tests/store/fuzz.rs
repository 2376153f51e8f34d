//! The loader never panics: not on arbitrary bytes, not on a valid record with
//! bytes flipped, inserted or deleted, not on a file cut short at any point.
//! Whatever it accepts can be saved and read back; whatever it refuses gets a
//! message whose line:column points into the file.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use starlog::domain::{
    Activity, DevelopmentNeed, DiaryEntry, Feedback, KpiReading, Objective, Review, WorkspaceHeader,
};
use starlog::store::codec::{DecodeError, decode, encode};
use std::fmt::Debug;

/// One valid file of every type (the committed format-1 fixtures).
const SEEDS: &[(&str, &[u8])] = &[
    (
        "diary",
        include_bytes!("../fixtures/format-1/diary/2026/2026-10-06-01M493TMFRC409YFPXFGDVMPFR.ron"),
    ),
    (
        "need",
        include_bytes!("../fixtures/format-1/needs/01M2017730VNY1QEJSZ2BKDNBM.ron"),
    ),
    (
        "objective",
        include_bytes!("../fixtures/format-1/objectives/01M25PMENGQSEZS6STV5W1FDJN.ron"),
    ),
    (
        "activity",
        include_bytes!("../fixtures/format-1/activities/01M3A4WRNGKWZDTZ0VQ9CZH5SP.ron"),
    ),
    (
        "feedback",
        include_bytes!("../fixtures/format-1/feedback/01M3Y6287RG0FVWQFWKCXDJY0Q.ron"),
    ),
    (
        "kpi",
        include_bytes!("../fixtures/format-1/kpis/01M69BB6388BGR07XYBQY9PEPS.ron"),
    ),
    (
        "review",
        include_bytes!("../fixtures/format-1/reviews/2026-11-12-01M77RXKG84F16204Z7VEQR6XT.ron"),
    ),
    (
        "header",
        include_bytes!("../fixtures/format-1/workspace.ron"),
    ),
];

/// Decodes as `T`; an accepted record must survive a save and a re-read, and a
/// refusal's position must lie inside the file.
fn check_as<T>(bytes: &[u8]) -> Result<Option<DecodeError>, TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    match decode::<T>(bytes) {
        Ok(decoded) => {
            let again = encode(&decoded.record)
                .map_err(|e| TestCaseError::fail(format!("accepted but cannot save: {e}")))?;
            let reread = decode::<T>(again.as_bytes()).map_err(|e| {
                TestCaseError::fail(format!("accepted, saved, then unreadable: {e}\n{again}"))
            })?;
            prop_assert_eq!(reread.record, decoded.record);
            Ok(None)
        }
        Err(e) => {
            let message = e.to_string();
            prop_assert!(!message.is_empty());
            let position = match &e {
                DecodeError::InvalidUtf8 { line, column }
                | DecodeError::Syntax { line, column, .. }
                | DecodeError::Truncated { line, column } => Some((*line, *column)),
                _ => None,
            };
            if let Some((line, column)) = position {
                let lines = bytes.split(|&b| b == b'\n').count();
                prop_assert!(
                    line >= 1 && line <= lines && column >= 1,
                    "{}:{} is outside a file of {} lines ({})",
                    line,
                    column,
                    lines,
                    message
                );
                prop_assert!(
                    message.starts_with(&format!("{line}:{column}: ")),
                    "{}",
                    message
                );
            }
            Ok(Some(e))
        }
    }
}

/// Decodes the bytes as every record type (a file may sit in the wrong folder).
fn check_all(bytes: &[u8]) -> Result<(), TestCaseError> {
    check_as::<DiaryEntry>(bytes)?;
    check_as::<DevelopmentNeed>(bytes)?;
    check_as::<Objective>(bytes)?;
    check_as::<Activity>(bytes)?;
    check_as::<Feedback>(bytes)?;
    check_as::<KpiReading>(bytes)?;
    check_as::<Review>(bytes)?;
    check_as::<WorkspaceHeader>(bytes)?;
    Ok(())
}

/// Decodes a seed's bytes as the record type its name says.
fn check_own(name: &str, bytes: &[u8]) -> Result<Option<DecodeError>, TestCaseError> {
    match name {
        "diary" => check_as::<DiaryEntry>(bytes),
        "need" => check_as::<DevelopmentNeed>(bytes),
        "objective" => check_as::<Objective>(bytes),
        "activity" => check_as::<Activity>(bytes),
        "feedback" => check_as::<Feedback>(bytes),
        "kpi" => check_as::<KpiReading>(bytes),
        "review" => check_as::<Review>(bytes),
        _ => check_as::<WorkspaceHeader>(bytes),
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bit: u8 },
    Insert { at: usize, byte: u8 },
    Delete { at: usize, len: usize },
    Truncate { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![
        any::<u8>(),
        prop::sample::select(b"\"#()[],:\\/*\n\r\0 r9-.eE+_'bSome".to_vec()),
        prop::sample::select(vec![0x80u8, 0xC3, 0xE2, 0xEF, 0xF0, 0xFF]),
    ];
    prop_oneof![
        3 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        3 => (any::<usize>(), byte).prop_map(|(at, byte)| Mutation::Insert { at, byte }),
        2 => (any::<usize>(), 1usize..16).prop_map(|(at, len)| Mutation::Delete { at, len }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let n = bytes.len();
        match *m {
            Mutation::Flip { at, bit } if n > 0 => bytes[at % n] ^= 1 << bit,
            Mutation::Insert { at, byte } => bytes.insert(at % (n + 1), byte),
            Mutation::Delete { at, len } if n > 0 => {
                let start = at % n;
                bytes.drain(start..(start + len).min(n));
            }
            Mutation::Truncate { at } => bytes.truncate(at % (n + 1)),
            _ => {}
        }
    }
    bytes
}

/// Text made of RON-ish tokens, to get deeper into the parser than random bytes do.
fn ronish() -> impl Strategy<Value = Vec<u8>> {
    let token = prop::sample::select(vec![
        "DiaryEntry",
        "Review",
        "Objective",
        "WorkspaceHeader",
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "format",
        "format: 1",
        "format: 2",
        "format: 4294967296",
        "id",
        "\"01M493TMFRC409YFPXFGDVMPFR\"",
        "date",
        "\"2026-02-30\"",
        "\"2026-10-06\"",
        "\"2026-10-06T18:22:51+01:00\"",
        "Some(",
        "None",
        "r#\"",
        "\"#",
        "\"",
        "\\",
        "1e999",
        "-0.0",
        "NaN",
        "inf",
        "999999999999999999999",
        "/*",
        "*/",
        "//",
        "\n",
        " ",
        "plan",
        "progress",
        "percent: Some(300)",
        "Kept",
        "#![enable(implicit_some)]",
        "b\"x\"",
        "'c'",
        "()",
        "{",
        "}",
        "\u{feff}",
        "\u{0}",
    ]);
    prop::collection::vec(token, 0..60).prop_map(|t| t.concat().into_bytes())
}

/// `cases` cases, failures kept beside this file (see `crate::proptest_config`).
fn config(cases: u32) -> ProptestConfig {
    crate::proptest_config(cases, file!())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_all(&bytes)?;
    }

    #[test]
    fn ron_like_text_never_panics(bytes in ronish()) {
        check_all(&bytes)?;
    }

    #[test]
    fn mutated_records_never_panic(
        seed in 0..SEEDS.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let bytes = apply(SEEDS[seed].1.to_vec(), &mutations);
        check_all(&bytes)?;
    }
}

#[test]
fn every_truncation_of_every_record_is_refused_as_cut_short() {
    for (name, full) in SEEDS {
        let end = full.trim_ascii_end().len();
        for cut in 0..end {
            let bytes = &full[..cut];
            let refused = check_all(bytes).map_err(|e| format!("{name} cut at {cut}: {e}"));
            refused.unwrap_or_else(|e| panic!("{e}"));
            // Decoded as its own type a cut-short file is never accepted, and
            // once past the opening line it is reported as truncated.
            let own = check_own(name, bytes).unwrap_or_else(|e| panic!("{name} cut at {cut}: {e}"));
            let Some(err) = own else {
                panic!("{name} cut at {cut} bytes was accepted")
            };
            let past_format_line = bytes.windows(10).any(|w| w == b"format: 1,");
            if past_format_line {
                assert!(
                    matches!(err, DecodeError::Truncated { .. }),
                    "{name} cut at {cut}: {err:?}\n{}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
        // The whole file, with or without its final newline, is accepted
        // as its own type (`check_all` is Ok for a refusal too).
        for whole in [&full[..end], &full[..]] {
            check_all(whole).unwrap_or_else(|e| panic!("{name} whole: {e}"));
            let own = check_own(name, whole).unwrap_or_else(|e| panic!("{name} whole: {e}"));
            assert!(own.is_none(), "{name} whole was refused: {own:?}");
        }
    }
}

/// The same properties with many more cases: `cargo test -- --ignored`.
#[test]
#[ignore = "long: tens of thousands of cases"]
fn loader_never_panics_with_many_cases() {
    let mut runner = proptest::test_runner::TestRunner::new(config(20_000));
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..4096), |b| {
            check_all(&b)
        })
        .expect("arbitrary bytes");
    runner.run(&ronish(), |b| check_all(&b)).expect("ron-like");
    runner
        .run(
            &(0..SEEDS.len(), prop::collection::vec(mutation(), 1..12)),
            |(seed, m)| check_all(&apply(SEEDS[seed].1.to_vec(), &m)),
        )
        .expect("mutations");
}
