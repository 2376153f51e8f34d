//! `starlog search QUERY [--type T] [--json]`: the palette's search for the
//! shell. One result per line (day, type, title line, and where the words
//! were found in the long text), best first; or a JSON array. Exit status 1
//! when nothing matches, 2 when the query cannot be read.

use super::{Failure, report_problems, today};
use crate::domain::Records;
use crate::search::{Filter, Found, Hit, Index, Kind, Query, Session, Shown};
use crate::store::{Mode, Workspace};
use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::path::Path;

/// Reads the query and the `--type` option into one query.
pub fn parse(words: &[String], kind: Option<&str>) -> Result<Query, Failure> {
    let text = words.join(" ");
    let mut query = Query::parse(&text, today()).map_err(|e| Failure::Usage(e.message))?;
    if let Some(kind) = kind {
        let kind = Kind::parse(kind).ok_or_else(|| {
            Failure::Usage(format!(
                "--type {kind}: no such record type; use {}",
                Kind::ALL.map(Kind::label).join(", ")
            ))
        })?;
        query.filters.push(Filter::Kind(kind));
    }
    Ok(query)
}

pub fn run(
    root: &Path,
    workspace: &str,
    words: &[String],
    kind: Option<&str>,
    as_json: bool,
) -> Result<u8, Failure> {
    // Read the query first: a typing mistake needs no workspace.
    let query = parse(words, kind)?;
    let ws = Workspace::open(root, workspace, Mode::ReadOnly)?;
    let mut loaded = ws.load()?;
    report_problems(&loaded.problems);
    let records = std::sync::Arc::new(std::mem::take(&mut loaded.records));
    let index = Index::build(&records, today());
    let hits = Session::new().search_all(&index, &query);
    let shown = show_all(&index, &hits, &query, &records);
    let bold = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    // The lines escape the records' control characters themselves, around
    // the bold marks (JSON escapes them already).
    let mut out = super::out::Out::new(std::io::stdout().lock(), false);
    if as_json {
        let _ = writeln!(out, "{}", json(&shown));
    } else {
        for (s, _) in &shown {
            if writeln!(out, "{}", line(s, bold)).is_err() {
                break; // stdout closed (e.g. `| head`) or failed: stop
            }
        }
    }
    out.finish()?;
    let status = if shown.is_empty() { 1 } else { 0 };
    super::leave((loaded, records, index, shown));
    Ok(status)
}

/// Every hit as shown (its title line and excerpt), in the hits' order,
/// worked out on every core: at 100k entries a common word hits tens of
/// thousands of records, and each excerpt reads its record's text.
fn show_all(index: &Index, hits: &[Hit], query: &Query, records: &Records) -> Vec<(Shown, Found)> {
    let show = |part: &[Hit]| -> Vec<(Shown, Found)> {
        part.iter()
            .filter_map(|h| Some((index.show(h, query, records)?, h.found)))
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || hits.len() < 2_000 {
        return show(hits);
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = hits
            .chunks(hits.len().div_ceil(threads))
            .map(|part| (part, scope.spawn(move || show(part))))
            .collect();
        // A part whose thread failed is shown here instead.
        parts
            .into_iter()
            .flat_map(|(part, job)| job.join().unwrap_or_else(|_| show(part)))
            .collect()
    })
}

/// One result as a line: `2026-11-20  diary      title line  (Action: …excerpt…)`.
pub fn line(s: &Shown, bold: bool) -> String {
    let mut out = format!("{}  {:<9}  ", s.date, s.kind.label());
    // (The field name is starlog's own; the rest is the learner's text.)
    out.push_str(&marked(&s.line, &s.line_marks, bold));
    if let Some(e) = &s.excerpt {
        out.push_str("  (");
        out.push_str(e.field);
        out.push_str(": ");
        out.push_str(&marked(&e.text, &e.marks, bold));
        out.push(')');
    }
    out
}

/// `text` with the marked ranges in bold (a terminal) or as is.
fn marked(text: &str, marks: &[Range<usize>], bold: bool) -> String {
    use super::out::escape_controls;
    if !bold {
        return escape_controls(text).into_owned();
    }
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    let mut at = 0;
    for m in marks {
        let (Some(before), Some(inside)) = (text.get(at..m.start), text.get(m.clone())) else {
            continue;
        };
        out.push_str(&escape_controls(before));
        out.push_str("\x1b[1m");
        out.push_str(&escape_controls(inside));
        out.push_str("\x1b[22m");
        at = m.end;
    }
    out.push_str(&escape_controls(text.get(at..).unwrap_or("")));
    out
}

/// The results as a JSON array, best first.
pub fn json(shown: &[(Shown, Found)]) -> String {
    let items: Vec<serde_json::Value> = shown
        .iter()
        .map(|(s, found)| {
            let found = match found {
                Found::Filtered => "filter",
                Found::Title => "title",
                Found::Text => "text",
                Found::Fuzzy => "fuzzy",
            };
            serde_json::json!({
                "type": s.kind.label(),
                "id": s.id.to_string(),
                "date": s.date.to_string(),
                "title": s.line,
                "found": found,
                "field": s.excerpt.as_ref().map(|e| e.field),
                "excerpt": s.excerpt.as_ref().map(|e| e.text.as_str()),
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Excerpt;
    use chrono::NaiveDate;

    /// Hits shown on several threads come out as one thread shows them, in
    /// the ranking's order (enough hits for the threads to be used).
    #[test]
    fn hits_shown_on_every_core_keep_their_order_and_content() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let records = std::sync::Arc::new(Records {
            diary: crate::demo::generated_entries(6_000, 7, day),
            ..Records::default()
        });
        let index = Index::build(&records, day);
        let query = parse(&["customer".to_string()], None).expect("query");
        let hits = Session::new().search_all(&index, &query);
        assert!(hits.len() >= 2_000, "{} hits", hits.len());
        let one_by_one: Vec<(Shown, Found)> = hits
            .iter()
            .filter_map(|h| Some((index.show(h, &query, &records)?, h.found)))
            .collect();
        let all = show_all(&index, &hits, &query, &records);
        assert_eq!(all.len(), one_by_one.len());
        for (a, b) in all.iter().zip(&one_by_one) {
            assert_eq!(line(&a.0, false), line(&b.0, false));
            assert_eq!(a.1, b.1);
        }
    }

    fn shown() -> Shown {
        Shown {
            kind: Kind::Diary,
            id: crate::domain::Id::from_parts(1_700_000_000_000, [1; 10]),
            date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
            line: "Used HEAT on a call #complaint".into(),
            line_marks: std::iter::once(5..9).collect(),
            excerpt: Some(Excerpt {
                field: "Action",
                text: "I said sorry…".into(),
                marks: std::iter::once(2..6).collect(),
            }),
        }
    }

    #[test]
    fn a_line_shows_day_type_title_and_where_the_words_were() {
        assert_eq!(
            line(&shown(), false),
            "2026-11-20  diary      Used HEAT on a call #complaint  (Action: I said sorry…)"
        );
        assert_eq!(
            line(&shown(), true),
            "2026-11-20  diary      Used \x1b[1mHEAT\x1b[22m on a call #complaint  (Action: I \x1b[1msaid\x1b[22m sorry…)"
        );
    }

    #[test]
    fn json_names_each_field() {
        let text = json(&[(shown(), Found::Text)]);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value[0]["type"], "diary");
        assert_eq!(value[0]["date"], "2026-11-20");
        assert_eq!(value[0]["found"], "text");
        assert_eq!(value[0]["field"], "Action");
        assert_eq!(value[0]["id"].as_str().map(str::len), Some(26));
    }

    #[test]
    fn a_bad_type_option_is_a_usage_error() {
        let e = parse(&["refund".into()], Some("kpis")).expect_err("refused");
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("use diary, need"), "{e}");
        let e = parse(&["type:nope".into()], None).expect_err("refused");
        assert!(e.to_string().contains("no record type `nope`"), "{e}");
    }
}
