//! RON encoding and decoding of record files, with the format version read
//! first and every way a file can be unreadable turned into a clear message.

use crate::domain::FORMAT;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use crate::decode_error::DecodeError;

/// A successfully read record, with notes about anything odd in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    pub record: T,
    /// Fields in the file this version does not know (paths like `measure.tagret`).
    pub unknown_fields: Vec<String>,
    /// The file started with a UTF-8 byte-order mark.
    pub had_bom: bool,
    /// The format version the file was written in (older ones are migrated).
    pub format: u32,
}

/// Pretty, stable RON: field order follows the struct, strings keep their
/// line breaks so a diff of two versions reads line by line.
pub fn encode<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .escape_strings(false)
        .indentor("    ")
        .new_line("\n");
    let mut text = ron::ser::to_string_pretty(value, config)?;
    text.push('\n');
    Ok(text)
}

/// Finds the `format: N` of a file without parsing it all. Our writer puts it
/// first; a hand-edited file may have moved it, so any line will do.
pub fn read_format(text: &str) -> Option<Result<u32, ()>> {
    for line in text.lines().take(4096) {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("format") {
            let rest = rest.trim_start();
            if let Some(value) = rest.strip_prefix(':') {
                let digits: String = value
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                return Some(digits.parse::<u32>().map_err(|_| ()));
            }
        }
    }
    None
}

fn utf8_position(bytes: &[u8], valid_up_to: usize) -> (usize, usize) {
    let before = &bytes[..valid_up_to];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
    (line, column)
}

fn humanise(err: &ron::Error) -> String {
    use ron::Error as E;
    match err {
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!(
                "the field `{field}` is missing from this {outer} (every {outer} needs it; see docs/FORMAT.md)"
            ),
            None => format!("the field `{field}` is missing (see docs/FORMAT.md)"),
        },
        E::Message(m) => m.clone(),
        E::ExpectedDifferentStructName { expected, found } => {
            format!("this is a `{found}` file, but a `{expected}` belongs in this folder")
        }
        E::ExceededRecursionLimit => {
            "the file is nested far too deeply to be a starlog record".into()
        }
        E::ExpectedComma => "expected a comma between fields".into(),
        E::ExpectedStringEnd => "a text value is missing its closing quote".into(),
        E::NoSuchStructField {
            expected, found, ..
        } => format!(
            "unknown field `{found}`; expected one of: {}",
            expected.join(", ")
        ),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "`{found}` is not allowed here; expected one of: {}",
            expected.join(", ")
        ),
        other => other.to_string(),
    }
}

/// Reads a record file. Never panics, whatever the bytes.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<Decoded<T>, DecodeError> {
    let (had_bom, bytes) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = utf8_position(bytes, e.valid_up_to());
            // No error length: the file ends in the middle of a character.
            if e.error_len().is_none() {
                return Err(DecodeError::Truncated { line, column });
            }
            return Err(DecodeError::InvalidUtf8 { line, column });
        }
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let format = match read_format(text) {
        Some(Ok(v)) => v,
        Some(Err(())) | None => {
            // Let the parser say what is wrong if it can (truncation, syntax),
            // else report the missing version.
            return Err(match parse::<T>(text) {
                Err(e) => e,
                Ok(_) => DecodeError::MissingFormat,
            });
        }
    };
    if format > FORMAT {
        return Err(DecodeError::NewerFormat { found: format });
    }
    if format < FORMAT {
        return super::migrate::migrate::<T>(format, text).map(|(record, unknown_fields)| {
            Decoded {
                record,
                unknown_fields,
                had_bom,
                format,
            }
        });
    }
    let (record, unknown_fields) = parse::<T>(text)?;
    Ok(Decoded {
        record,
        unknown_fields,
        had_bom,
        format,
    })
}

/// Parses current-format text, collecting unknown fields instead of dropping them silently.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<(T, Vec<String>), DecodeError> {
    let mut de = ron::Deserializer::from_str(text).map_err(|e| spanned(text, e))?;
    let mut unknown = Vec::new();
    let result: Result<T, ron::Error> =
        serde_ignored::deserialize(&mut de, |path| unknown.push(path.to_string()));
    let record = match result {
        Ok(record) => record,
        Err(code) => return Err(spanned(text, de.span_error(code))),
    };
    // Anything after the record other than white space and comments is an error.
    if let Err(code) = de.end() {
        return Err(spanned(text, de.span_error(code)));
    }
    Ok((record, unknown))
}

fn spanned(text: &str, err: ron::error::SpannedError) -> DecodeError {
    let pos = err.span.start;
    let at_end = pos.line >= text.lines().count().max(1)
        && matches!(
            err.code,
            ron::Error::Eof
                | ron::Error::ExpectedStructLikeEnd
                | ron::Error::ExpectedStringEnd
                | ron::Error::ExpectedArrayEnd
                | ron::Error::UnclosedBlockComment
        );
    // No closing bracket after the point where the parser stopped: the
    // record never ends, so the file was cut short, whatever was expected
    // next. (A complete record that lacks a field reports that at its closing
    // bracket; text after the record is reported as such.) A text value with
    // no closing quote runs to the end of the file.
    let at = offset_of(text, err.span.end.line, err.span.end.col);
    let ran_out = matches!(err.code, ron::Error::ExpectedStringEnd)
        || (text[..at].contains('(')
            && !text[at..].contains([')', ']'])
            && !matches!(
                err.code,
                ron::Error::MissingStructField { .. } | ron::Error::TrailingCharacters
            ));
    if matches!(err.code, ron::Error::Eof) || at_end || ran_out {
        return DecodeError::Truncated {
            line: pos.line,
            column: pos.col,
        };
    }
    DecodeError::Syntax {
        line: pos.line,
        column: pos.col,
        reason: humanise(&err.code),
    }
}

/// The byte offset of a parser position (1-based line, column in characters).
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let within = l
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(l.len(), |(at, _)| at);
            return offset + within;
        }
        offset += l.len();
    }
    text.len()
}
