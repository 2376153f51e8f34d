//! jrnl's plain-text journal: each entry starts with `[YYYY-MM-DD HH:MM] title`
//! (seconds optional), its body follows on the next lines, and `@tags` may
//! appear anywhere in title or body. A title ending in ` *` is starred.
//!
//! jrnl writes times without an offset, in the writer's local time; they are
//! read the same way, and the entry's day is the day jrnl showed.

use super::{Incoming, Parsed, Skipped};
use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone};
use std::str::FromStr;

/// The header of an entry, if `line` is one: its raw time text and the rest.
fn header(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find(']')?;
    let stamp = &rest[..close];
    // `YYYY-MM-DD HH:MM` or with seconds; anything else is body text.
    let looks_like_stamp = matches!(stamp.len(), 16 | 19)
        && stamp.as_bytes().get(4) == Some(&b'-')
        && stamp.as_bytes().get(10) == Some(&b' ')
        && stamp.as_bytes().get(13) == Some(&b':')
        && stamp
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | ':'));
    looks_like_stamp.then(|| (stamp, &rest[close + 1..]))
}

fn parse_stamp(stamp: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M:%S"))
        .ok()
}

/// Local time as jrnl wrote it; in a daylight-saving gap, read as UTC.
fn local(naive: NaiveDateTime) -> DateTime<FixedOffset> {
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.fixed_offset())
        .unwrap_or_else(|| naive.and_utc().fixed_offset())
}

/// One entry read from any of jrnl's formats: `tags` (those the format
/// gives, e.g. `starred`) gain the `@tags` of the title and the body, and the
/// key is the stamp as jrnl wrote it with the title, so the same entry read
/// from the journal file, the JSON or the Markdown export is recognised.
fn incoming(
    place: String,
    naive: NaiveDateTime,
    stamp: &str,
    title: String,
    body: String,
    mut tags: Vec<String>,
) -> Incoming {
    tags_in(&title, &mut tags);
    tags_in(&body, &mut tags);
    Incoming {
        place,
        day: naive.date(),
        when: local(naive),
        key: format!("{stamp}\u{0}{title}"),
        title,
        body,
        tags,
    }
}

/// `@tags` (and jrnl's other default tag symbol, `#`) in a piece of text.
pub fn tags_in(text: &str, out: &mut Vec<String>) {
    for word in text.split_whitespace() {
        let Some(tag) = word.strip_prefix('@').or_else(|| word.strip_prefix('#')) else {
            continue;
        };
        let tag: String = tag
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '+' | '/'))
            .collect();
        let tag = tag.trim_end_matches(['-', '/', '+']);
        // `#1` and a bare `@` are not tags; an e-mail address does not start with @.
        if !tag.is_empty()
            && !tag.chars().all(|c| c.is_ascii_digit())
            && !out.iter().any(|t| t.eq_ignore_ascii_case(tag))
        {
            out.push(tag.to_string());
        }
    }
}

/// One entry of `jrnl --export json`.
#[derive(serde::Deserialize)]
struct JsonEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

#[derive(serde::Deserialize)]
struct JsonExport {
    entries: Vec<serde_json::Value>,
}

/// Reads `jrnl --export json`: `{"tags": {...}, "entries": [{"title",
/// "body", "date": "2026-01-05", "time": "09:15", "tags": ["@x"],
/// "starred"}]}`. An entry gets the same identity as in jrnl's own file,
/// so importing both adds it once.
fn parse_json(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let export: JsonExport = match serde_json::from_str(text) {
        Ok(e) => e,
        Err(e) => {
            parsed.skipped.push(Skipped {
                place: format!("line {}", e.line()),
                reason: "this JSON is not jrnl's export (jrnl --export json)".into(),
            });
            return parsed;
        }
    };
    for (n, value) in export.entries.into_iter().enumerate() {
        let place = format!("entry {}", n + 1);
        let entry: JsonEntry = match serde_json::from_value(value) {
            Ok(e) => e,
            Err(e) => {
                parsed.skipped.push(Skipped {
                    place,
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let time = if entry.time.trim().is_empty() {
            "00:00"
        } else {
            entry.time.trim()
        };
        let stamp = format!("{} {time}", entry.date.trim());
        let Some(naive) = parse_stamp(&stamp) else {
            parsed.skipped.push(Skipped {
                place,
                reason: format!("{stamp} is not a real date and time"),
            });
            continue;
        };
        let title = entry.title.trim().to_string();
        let body = entry.body.trim().to_string();
        if title.is_empty() && body.is_empty() {
            parsed.skipped.push(Skipped {
                place,
                reason: "the entry has no text".into(),
            });
            continue;
        }
        let mut tags = Vec::new();
        if entry.starred {
            tags.push("starred".to_string());
        }
        for tag in &entry.tags {
            tags_in(tag, &mut tags);
        }
        parsed
            .entries
            .push(incoming(place, naive, &stamp, title, body, tags));
    }
    parsed
}

/// The date and time at the start of a heading of `jrnl --export md`, in
/// the formats jrnl's `timeformat` setting is commonly given (its default,
/// `%F %r`, writes `2026-01-05 09:15:00 AM`): the time and the rest.
fn markdown_stamp(heading: &str) -> Option<(NaiveDateTime, &str)> {
    const FORMATS: [(&str, usize); 4] = [
        ("%Y-%m-%d %I:%M:%S %p", 22),
        ("%Y-%m-%d %I:%M %p", 19),
        ("%Y-%m-%d %H:%M:%S", 19),
        ("%Y-%m-%d %H:%M", 16),
    ];
    for (format, len) in FORMATS {
        let Some(stamp) = heading.get(..len) else {
            continue;
        };
        if let Ok(t) = NaiveDateTime::parse_from_str(stamp, format) {
            let rest = &heading[len..];
            if rest.is_empty() || rest.starts_with(' ') {
                return Some((t, rest));
            }
        }
    }
    None
}

/// True when `text` is `jrnl --export md`: it opens with a `# 2026` year
/// heading (or, for a single entry, `# 2026-01-05 09:15 Title`).
fn is_markdown_export(text: &str) -> bool {
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    let Some(rest) = first.strip_prefix("# ") else {
        return false;
    };
    let rest = rest.trim();
    (rest.len() == 4 && rest.chars().all(|c| c.is_ascii_digit())) || markdown_stamp(rest).is_some()
}

/// Reads `jrnl --export md`: `# 2026` and `## January` headings, then each
/// entry as `### <date and time> <title>` and its body, in which jrnl moved
/// the writer's own headings three levels down (`# Plan` became `#### Plan`);
/// they are moved back. The export keeps each entry's date, time, title,
/// body and `@tags`; it drops the star, so a starred entry comes in
/// unstarred. Entries get the same identity as from jrnl's own file.
fn parse_markdown(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let lines: Vec<&str> = text.lines().collect();
    // A single entry exported alone has a level-one heading.
    let single = lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| l.strip_prefix("# "))
        .is_some_and(|rest| markdown_stamp(rest.trim()).is_some());
    let marker = if single { "# " } else { "### " };
    let starts: Vec<(usize, NaiveDateTime, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let (t, title) = markdown_stamp(l.strip_prefix(marker)?)?;
            Some((i, t, title))
        })
        .collect();
    if starts.is_empty() {
        parsed.skipped.push(Skipped {
            place: "line 1".into(),
            reason: "no entry headings (### YYYY-MM-DD HH:MM Title) in this jrnl Markdown export"
                .into(),
        });
        return parsed;
    }
    for (n, &(start, naive, title)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(lines.len(), |s| s.0);
        let place = format!("line {}", start + 1);
        let body_lines: Vec<String> = lines[start + 1..end]
            .iter()
            // The next month's or year's heading belongs to no entry.
            .filter(|l| {
                let is_date_heading = l
                    .strip_prefix("## ")
                    .or_else(|| l.strip_prefix("# "))
                    .is_some_and(|h| {
                        let h = h.trim();
                        (h.len() == 4 && h.chars().all(|c| c.is_ascii_digit()))
                            || chrono::Month::from_str(h).is_ok()
                    });
                single || !is_date_heading
            })
            .map(|l| {
                let shift = if single { "#" } else { "###" };
                match l.strip_prefix(shift) {
                    Some(rest) if rest.starts_with('#') => rest.to_string(),
                    _ => l.to_string(),
                }
            })
            .collect();
        let body = body_lines
            .iter()
            .map(String::as_str)
            .skip_while(|l| l.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let body = body.trim_end().to_string();
        let title = title.trim().to_string();
        if title.is_empty() && body.is_empty() {
            parsed.skipped.push(Skipped {
                place,
                reason: "the entry has no text".into(),
            });
            continue;
        }
        let stamp = if naive.and_utc().timestamp() % 60 == 0 {
            naive.format("%Y-%m-%d %H:%M").to_string()
        } else {
            naive.format("%Y-%m-%d %H:%M:%S").to_string()
        };
        parsed
            .entries
            .push(incoming(place, naive, &stamp, title, body, Vec::new()));
    }
    parsed
}

/// Reads a jrnl file's text: jrnl's own journal file, or its JSON or
/// Markdown export.
pub fn parse(text: &str) -> Parsed {
    if text.trim_start().starts_with('{') {
        return parse_json(text);
    }
    if is_markdown_export(text) {
        return parse_markdown(text);
    }
    let mut parsed = Parsed::default();
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| header(l).is_some())
        .map(|(i, _)| i)
        .collect();
    let first = starts.first().copied().unwrap_or(lines.len());
    if lines[..first].iter().any(|l| !l.trim().is_empty()) {
        parsed.skipped.push(Skipped {
            place: if first > 1 {
                format!("lines 1-{first}")
            } else {
                "line 1".into()
            },
            reason:
                "text before the first dated entry (jrnl entries start with [YYYY-MM-DD HH:MM])"
                    .into(),
        });
    }
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let place = format!("line {}", start + 1);
        let Some((stamp, title)) = header(lines[start]) else {
            continue;
        };
        let Some(naive) = parse_stamp(stamp) else {
            parsed.skipped.push(Skipped {
                place,
                reason: format!("[{stamp}] is not a real date and time"),
            });
            continue;
        };
        let mut title = title.trim().to_string();
        let mut tags = Vec::new();
        if let Some(t) = title.strip_suffix('*') {
            title = t.trim_end().to_string();
            tags.push("starred".to_string());
        }
        let body_lines = &lines[start + 1..end];
        let body = body_lines
            .iter()
            .skip_while(|l| l.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        let body = body.trim_end().to_string();
        if title.is_empty() && body.is_empty() {
            parsed.skipped.push(Skipped {
                place,
                reason: "the entry has no text".into(),
            });
            continue;
        }
        parsed
            .entries
            .push(incoming(place, naive, stamp, title, body, tags));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jrnls_json_export_is_read_like_its_own_file() {
        let json = r#"{"tags": {"@complaint": 1}, "entries": [
            {"title": "Angry caller about a refund. @complaint", "body": "I listened first.", "date": "2026-01-05", "time": "09:15", "tags": ["@complaint"], "starred": true}
        ]}"#;
        let parsed = parse(json);
        assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        assert_eq!(parsed.entries.len(), 1);
        let e = &parsed.entries[0];
        assert_eq!(e.day.to_string(), "2026-01-05");
        assert_eq!(e.body, "I listened first.");
        assert_eq!(e.tags, vec!["starred", "complaint"]);
        let text = parse(
            "[2026-01-05 09:15] Angry caller about a refund. @complaint\nI listened first.\n",
        );
        assert_eq!(text.entries[0].key, e.key, "the same entry either way");
    }

    #[test]
    fn entries_with_titles_bodies_and_tags() {
        let text = "[2026-01-05 09:15] Angry caller about a refund. @complaint\nI listened first, then used @HEAT.\n\nIt worked.\n\n[2026-01-06 17:40] Quiet day *\n";
        let parsed = parse(text);
        assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        assert_eq!(parsed.entries.len(), 2);
        let first = &parsed.entries[0];
        assert_eq!(first.day.to_string(), "2026-01-05");
        assert_eq!(first.when.format("%H:%M").to_string(), "09:15");
        assert_eq!(first.title, "Angry caller about a refund. @complaint");
        assert_eq!(
            first.body,
            "I listened first, then used @HEAT.\n\nIt worked."
        );
        assert_eq!(first.tags, vec!["complaint", "HEAT"]);
        let second = &parsed.entries[1];
        assert_eq!(second.title, "Quiet day");
        assert_eq!(second.tags, vec!["starred"]);
        assert_eq!(second.body, "");
    }

    #[test]
    fn seconds_and_crlf_are_read() {
        let parsed = parse("[2026-02-01 08:00:30] Title\r\nBody\r\n");
        assert_eq!(parsed.entries[0].when.format("%S").to_string(), "30");
        assert_eq!(parsed.entries[0].body, "Body");
    }

    #[test]
    fn tags_skip_numbers_and_punctuation() {
        let mut tags = Vec::new();
        tags_in(
            "ticket #42, met @sam. and @sam again; #follow-up! me@example.com",
            &mut tags,
        );
        assert_eq!(tags, vec!["sam", "follow-up"]);
    }

    #[test]
    fn malformed_parts_are_skipped_with_reasons() {
        let text = "My journal\n\n[2026-13-45 10:00] Impossible day\nbody\n[2026-03-01 10:00]\n\n[2026-03-02 10:00] Fine\n";
        let parsed = parse(text);
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.entries[0].title, "Fine");
        let reasons: Vec<String> = parsed.skipped.iter().map(|s| s.to_string()).collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(reasons[0].starts_with("lines 1-2: text before"));
        assert!(reasons[1].starts_with("line 3: [2026-13-45 10:00] is not a real date"));
        assert!(reasons[2].starts_with("line 5: the entry has no text"));
    }

    #[test]
    fn brackets_in_a_body_are_text() {
        let parsed = parse("[2026-03-02 10:00] Fine\n[see notes] and [1]\n");
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.entries[0].body, "[see notes] and [1]");
    }

    /// What jrnl 4's MarkdownExporter writes for two months of entries with
    /// the default `timeformat` (`%F %r`): year and month headings, entries
    /// at level three, the writer's own headings moved down three levels,
    /// and a line holding one space after each entry.
    const MD_EXPORT: &str = "# 2026\n\n## January\n\n### 2026-01-05 09:15:00 AM Angry caller about a refund. @complaint\n\nI listened first, then used @HEAT.\n\n#### What I learned\nSlow down.\n \n### 2026-01-06 05:40:00 PM Quiet day\n \n## February\n\n### 2026-02-01 08:00:30 AM Coaching with Dee\n\nWe role-played a complaint.\n ";

    #[test]
    fn jrnls_markdown_export_is_read_with_dates_titles_bodies_and_tags() {
        let parsed = parse(MD_EXPORT);
        assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        assert_eq!(parsed.entries.len(), 3);
        let first = &parsed.entries[0];
        assert_eq!(first.day.to_string(), "2026-01-05");
        assert_eq!(first.when.format("%H:%M").to_string(), "09:15");
        assert_eq!(first.title, "Angry caller about a refund. @complaint");
        assert_eq!(
            first.body,
            "I listened first, then used @HEAT.\n\n# What I learned\nSlow down."
        );
        assert_eq!(first.tags, vec!["complaint", "HEAT"]);
        let second = &parsed.entries[1];
        assert_eq!(second.when.format("%H:%M").to_string(), "17:40");
        assert_eq!(second.title, "Quiet day");
        assert_eq!(second.body, "", "the month heading is not its body");
        let third = &parsed.entries[2];
        assert_eq!(third.day.to_string(), "2026-02-01");
        assert_eq!(third.when.format("%S").to_string(), "30");
        // The same entry from jrnl's own file is the same entry.
        let own = parse("[2026-01-05 09:15] Angry caller about a refund. @complaint\nx\n");
        assert_eq!(own.entries[0].key, first.key);
    }

    #[test]
    fn a_markdown_export_with_a_24_hour_timeformat_and_a_single_entry() {
        let parsed = parse("# 2026\n\n## March\n\n### 2026-03-02 14:05 Fine\nBody\n ");
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.entries[0].when.format("%H:%M").to_string(), "14:05");
        let single = parse("# 2026-03-02 14:05 Alone\n\nJust me.\n## Notes\n");
        assert_eq!(single.entries.len(), 1, "{:?}", single.skipped);
        assert_eq!(single.entries[0].title, "Alone");
        assert_eq!(single.entries[0].body, "Just me.\n# Notes");
    }

    #[test]
    fn empty_file_has_nothing() {
        assert_eq!(parse(""), Parsed::default());
    }
}
