//! tui-journal's JSON: its export (`{"version": 100, "entries": [...]}`, each
//! entry `date`, `title`, `content`, `tags`, `priority`) or its JSON storage
//! file (a list of the same entries, each with an `id`).
//!
//! Dates are RFC 3339 in UTC; an entry's day is the day it was in local time,
//! as tui-journal showed it. Priority has no place in starlog and is not kept.
//! The identity of an entry is its time and title (the export carries no id),
//! so importing the export and the storage file of one journal adds it once.

use super::{Incoming, Parsed, Skipped};
use chrono::{DateTime, Local};
use serde::Deserialize;
use serde_json::Value;

/// The export version this reader was written against.
pub const TRANSFER_VERSION: u64 = 100;

#[derive(Deserialize)]
struct Entry {
    date: String,
    title: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    tags: Vec<String>,
}

/// Reads the file's text. The whole file fails only when it is not JSON or
/// not a tui-journal file; a bad entry is skipped with its reason.
pub fn parse(text: &str) -> Result<Parsed, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "line {}, column {}: not valid JSON ({})",
            e.line(),
            e.column(),
            strip_position(&e.to_string())
        )
    })?;
    let mut parsed = Parsed::default();
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut map) => {
            match map.get("version").and_then(Value::as_u64) {
                Some(TRANSFER_VERSION) | None => {}
                Some(other) => parsed.skipped.push(Skipped {
                    place: "version".into(),
                    reason: format!(
                        "export version {other} is newer than the {TRANSFER_VERSION} starlog knows; entries that do not fit are skipped"
                    ),
                }),
            }
            match map.remove("entries") {
                Some(Value::Array(items)) => items,
                _ => {
                    return Err(
                        "no `entries` list: this does not look like a tui-journal export".into(),
                    );
                }
            }
        }
        _ => return Err("expected a tui-journal export (a JSON object with `entries`)".into()),
    };
    for (n, item) in items.into_iter().enumerate() {
        let place = format!("entry {}", n + 1);
        let entry: Entry = match serde_json::from_value(item) {
            Ok(e) => e,
            Err(e) => {
                parsed.skipped.push(Skipped {
                    place,
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let stamped = match DateTime::parse_from_rfc3339(entry.date.trim()) {
            Ok(t) => t,
            Err(e) => {
                parsed.skipped.push(Skipped {
                    place,
                    reason: format!("date `{}` is not an RFC 3339 time ({e})", entry.date),
                });
                continue;
            }
        };
        let when = stamped.with_timezone(&Local).fixed_offset();
        // tui-journal keeps a typed day as its midnight in UTC: the day is
        // the UTC date, whatever the time zone here (New York would make
        // it the day before).
        let day = stamped.with_timezone(&chrono::Utc).date_naive();
        let title = entry.title.trim().to_string();
        let body = entry.content.trim_end().to_string();
        if title.is_empty() && body.trim().is_empty() {
            parsed.skipped.push(Skipped {
                place,
                reason: "the entry has no text".into(),
            });
            continue;
        }
        parsed.entries.push(Incoming {
            place,
            day,
            key: format!(
                "{}\u{0}{title}",
                when.with_timezone(&chrono::Utc).to_rfc3339()
            ),
            when,
            title,
            body,
            // A tag such as `angry customer` stays one tag: `angry-customer`.
            tags: entry
                .tags
                .iter()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join("-"))
                .collect(),
        });
    }
    Ok(parsed)
}

/// serde_json appends " at line L column C"; the message states it already.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map(|i| &message[..i])
        .unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = r#"{
  "version": 100,
  "entries": [
    {"date": "2026-01-05T09:15:00Z", "title": "Angry caller", "content": "I listened first.\n\n- used HEAT\n", "tags": ["complaint", "HEAT"], "priority": 2},
    {"date": "2026-01-06T17:40:00.123456Z", "title": "Quiet day", "content": "", "tags": [], "priority": null}
  ]
}"#;

    #[test]
    fn reads_the_export() {
        let parsed = parse(EXPORT).unwrap();
        assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        assert_eq!(parsed.entries.len(), 2);
        let first = &parsed.entries[0];
        assert_eq!(first.title, "Angry caller");
        assert_eq!(first.body, "I listened first.\n\n- used HEAT");
        assert_eq!(first.tags, vec!["complaint", "HEAT"]);
        assert_eq!(
            first.when.with_timezone(&chrono::Utc).to_rfc3339(),
            "2026-01-05T09:15:00+00:00"
        );
    }

    #[test]
    fn reads_the_storage_file_with_the_same_keys() {
        let store = r#"[{"id": 0, "date": "2026-01-05T09:15:00Z", "title": "Angry caller", "content": "x", "tags": ["complaint"], "priority": null}]"#;
        let from_store = parse(store).unwrap();
        let from_export = parse(EXPORT).unwrap();
        assert_eq!(from_store.entries[0].key, from_export.entries[0].key);
    }

    #[test]
    fn bad_entries_are_skipped_with_reasons() {
        let text = r#"{"version": 100, "entries": [
            {"date": "yesterday", "title": "a", "content": ""},
            {"title": "no date", "content": ""},
            {"date": "2026-01-05T09:15:00Z", "title": " ", "content": "  "},
            {"date": "2026-01-05T09:15:00Z", "title": "ok", "content": "", "tags": []}
        ]}"#;
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.entries.len(), 1);
        let reasons: Vec<String> = parsed.skipped.iter().map(|s| s.to_string()).collect();
        assert!(
            reasons[0].starts_with("entry 1: date `yesterday`"),
            "{reasons:?}"
        );
        assert!(
            reasons[1].starts_with("entry 2: missing field `date`"),
            "{reasons:?}"
        );
        assert!(
            reasons[2].starts_with("entry 3: the entry has no text"),
            "{reasons:?}"
        );
    }

    #[test]
    fn a_file_that_is_not_an_export_fails_whole() {
        let err = parse("{\n  \"version\": 100,\n  \"entries\": [\n").unwrap_err();
        assert!(err.starts_with("line 4, column 0: not valid JSON"), "{err}");
        assert!(
            parse(r#"{"notes": []}"#)
                .unwrap_err()
                .contains("no `entries`")
        );
        assert!(parse("42").is_err());
    }

    #[test]
    fn a_newer_version_is_noted() {
        let parsed = parse(r#"{"version": 200, "entries": []}"#).unwrap();
        assert_eq!(parsed.skipped.len(), 1);
        assert!(parsed.skipped[0].reason.contains("newer"));
    }
}
