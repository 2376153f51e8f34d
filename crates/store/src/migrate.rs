//! Migrations from older file formats, applied in memory on read.
//!
//! Format 1 is the first format, so there is nothing to migrate yet. When
//! format 2 arrives, its reader keeps a copy of the format-1 structs here,
//! parses them and converts; files on disk are only rewritten when the learner
//! next saves that record, and the previous version is kept in `backups/`.
//! `tests/fixtures/format-1/` holds a file of every record type to test that.

use super::decode_error::DecodeError;
use serde::de::DeserializeOwned;

/// Reads `text`, written in the older `format`, as today's record.
pub fn migrate<T: DeserializeOwned>(
    format: u32,
    text: &str,
) -> Result<(T, Vec<String>), DecodeError> {
    let _ = text;
    // Every version from 1 up to today's is handled before this point.
    Err(DecodeError::UnknownFormat { found: format })
}
