//! Why a file's contents could not be read as a record: shared by the codec
//! and the migrations (which the codec calls), so neither imports the other
//! both ways.

use crate::domain::FORMAT;
use std::fmt;

/// Why a file's contents could not be read as a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Zero bytes, or only white space.
    Empty,
    /// Not valid UTF-8 at this line and column (column counted in bytes).
    InvalidUtf8 { line: usize, column: usize },
    /// A syntax or type error at this line and column.
    Syntax {
        line: usize,
        column: usize,
        reason: String,
    },
    /// The file stops before the record is complete.
    Truncated { line: usize, column: usize },
    /// Written by a newer starlog.
    NewerFormat { found: u32 },
    /// No `format: N` field.
    MissingFormat,
    /// A version this program never wrote (0, or a gap).
    UnknownFormat { found: u32 },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(
                f,
                "the file is empty (perhaps a save was interrupted); it was left as it is"
            ),
            DecodeError::InvalidUtf8 { line, column } => write!(
                f,
                "{line}:{column}: the file is not valid UTF-8 text (was it saved in another encoding?)"
            ),
            DecodeError::Syntax {
                line,
                column,
                reason,
            } => write!(f, "{line}:{column}: {reason}"),
            DecodeError::Truncated { line, column } => write!(
                f,
                "{line}:{column}: the file ends too early; it looks cut short (truncated)"
            ),
            DecodeError::NewerFormat { found } => write!(
                f,
                "made by a newer version of starlog (format {found}; this version reads up to {FORMAT}); update starlog to open it. It will not be changed"
            ),
            DecodeError::MissingFormat => {
                write!(
                    f,
                    "1:1: no `format: N` field: this does not look like a starlog file"
                )
            }
            DecodeError::UnknownFormat { found } => {
                write!(f, "format {found} is not a version starlog ever wrote")
            }
        }
    }
}
