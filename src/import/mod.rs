//! Imports from other journals, for people switching tools: jrnl's plain text
//! and tui-journal's JSON export become free-text diary entries.
//!
//! Parsing is pure (text in, entries and skips out); `import` writes through
//! the store, creating new files only. The source file is only ever read.
//! Importing the same file again adds nothing: each entry's id is derived
//! from where it came from (the source's name for it: its time and title),
//! so a second import finds every id already in the diary or the trash.

pub mod jrnl;
pub mod tui_journal;

use crate::domain::{DiaryEntry, Id};
use crate::store::{RecordKind, SaveError, Workspace};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// The journals starlog can import from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Jrnl,
    TuiJournal,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Jrnl => "jrnl",
            Source::TuiJournal => "tui-journal",
        }
    }

    /// Reads entries from the source file's text.
    pub fn parse(self, text: &str) -> Result<Parsed, String> {
        match self {
            Source::Jrnl => Ok(jrnl::parse(text)),
            Source::TuiJournal => tui_journal::parse(text),
        }
    }
}

/// One entry read from another journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// Where it is in the source ("line 12", "entry 3"), for messages.
    pub place: String,
    /// The day it is about, as the other journal showed it.
    pub day: NaiveDate,
    /// When it was written, with the offset it was written at.
    pub when: DateTime<FixedOffset>,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    /// The entry's identity in its journal: the same entry always gives the same key.
    pub key: String,
}

impl Incoming {
    /// The diary text: the title, a blank line, the body.
    pub fn text(&self) -> String {
        match (self.title.trim().is_empty(), self.body.trim().is_empty()) {
            (false, false) => format!("{}\n\n{}", self.title.trim(), self.body.trim_end()),
            (false, true) => self.title.trim().to_string(),
            (true, _) => self.body.trim_end().to_string(),
        }
    }
}

/// Something in the source that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub place: String,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.reason)
    }
}

/// What a parser found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub entries: Vec<Incoming>,
    pub skipped: Vec<Skipped>,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    /// Entries written now.
    pub added: Vec<DiaryEntry>,
    /// Entries already in the diary (or its trash) from an earlier import.
    pub already: Vec<Skipped>,
    /// Parts of the source that could not be imported.
    pub skipped: Vec<Skipped>,
}

/// Why an import could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("could not read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not UTF-8 text; nothing was imported")]
    NotText { path: String },
    #[error("{path}: {reason}; nothing was imported")]
    Malformed { path: String, reason: String },
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Reads `path` (never writes it) and adds its entries to the workspace's diary.
pub fn import_file(
    ws: &Workspace,
    source: Source,
    path: &Path,
    now: DateTime<FixedOffset>,
) -> Result<Report, ImportError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        path: shown.clone(),
        source: e,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| ImportError::NotText {
        path: shown.clone(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let parsed = source
        .parse(text)
        .map_err(|reason| ImportError::Malformed {
            path: shown,
            reason,
        })?;
    import_parsed(ws, source, parsed, now)
}

/// Adds parsed entries to the diary, skipping those imported before.
pub fn import_parsed(
    ws: &Workspace,
    source: Source,
    parsed: Parsed,
    now: DateTime<FixedOffset>,
) -> Result<Report, ImportError> {
    let existing = diary_ids(ws);
    let mut report = Report {
        skipped: parsed.skipped,
        ..Report::default()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for incoming in parsed.entries {
        // Two entries with the same time and title in one file are both kept:
        // the second one's key counts it, the same way on every import.
        let count = seen.entry(incoming.key.clone()).or_insert(0);
        *count += 1;
        let key = if *count == 1 {
            format!("{}\u{0}{}", source.name(), incoming.key)
        } else {
            format!("{}\u{0}{}\u{0}{count}", source.name(), incoming.key)
        };
        let id = derived_id(&incoming.when, &key);
        if existing.contains(&id) {
            report.already.push(Skipped {
                place: incoming.place.clone(),
                reason: format!(
                    "already imported ({} “{}”)",
                    incoming.day,
                    short(&incoming.title)
                ),
            });
            continue;
        }
        let mut entry = DiaryEntry::new(id, incoming.day, now);
        entry.created = incoming.when;
        entry.text = incoming.text();
        entry.tags = crate::domain::clean_tags(&incoming.tags);
        match ws.create(&entry) {
            Ok(_) => report.added.push(entry),
            Err(SaveError::AlreadyExists(_)) => report.already.push(Skipped {
                place: incoming.place,
                reason: "already imported".into(),
            }),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(report)
}

/// The first words of a title, for a report line.
fn short(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() <= 40 {
        title.to_string()
    } else {
        format!("{}…", title.chars().take(39).collect::<String>())
    }
}

/// An id that is the same on every import of the same entry: the time it was
/// written (so ids still sort by creation) and 80 bits of a hash of its key.
pub fn derived_id(when: &DateTime<FixedOffset>, key: &str) -> Id {
    let millis = u64::try_from(when.timestamp_millis()).unwrap_or(0);
    let hash = fnv1a_128(key.as_bytes()).to_be_bytes();
    let mut random = [0u8; 10];
    random.copy_from_slice(&hash[..10]);
    Id::from_parts(millis, random)
}

/// FNV-1a, 128 bits: stable across Rust versions and platforms, unlike
/// `DefaultHasher`, which an id written to disk must be.
fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    bytes
        .iter()
        .fold(OFFSET, |h, b| (h ^ u128::from(*b)).wrapping_mul(PRIME))
}

/// Ids of every diary file, live or in the trash, read from file names alone.
fn diary_ids(ws: &Workspace) -> HashSet<Id> {
    let mut ids: HashSet<Id> = ws
        .record_paths(RecordKind::Diary)
        .iter()
        .filter_map(|p| id_from_name(p))
        .collect();
    let trash = ws
        .dir()
        .join(crate::store::TRASH_DIR)
        .join(RecordKind::Diary.dir());
    if let Ok(years) = std::fs::read_dir(&trash) {
        for year in years.flatten() {
            if let Ok(files) = std::fs::read_dir(year.path()) {
                ids.extend(files.flatten().filter_map(|f| id_from_name(&f.path())));
            }
        }
    }
    ids
}

/// `2026-11-22-<id>.ron` or a trashed `2026-11-22-<id>~2.ron` -> the id.
fn id_from_name(path: &Path) -> Option<Id> {
    let stem = path.file_stem()?.to_str()?;
    let stem = stem.split('~').next()?;
    let start = stem.len().checked_sub(26)?;
    Id::parse(stem.get(start..)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_and_sort_by_time() {
        let a = DateTime::parse_from_rfc3339("2026-01-05T09:00:00+00:00").unwrap();
        let b = DateTime::parse_from_rfc3339("2026-01-06T09:00:00+00:00").unwrap();
        assert_eq!(derived_id(&a, "jrnl\0x"), derived_id(&a, "jrnl\0x"));
        assert_ne!(derived_id(&a, "jrnl\0x"), derived_id(&a, "jrnl\0y"));
        assert!(derived_id(&a, "jrnl\0z") < derived_id(&b, "jrnl\0a"));
        // Pinned: an id written to disk must never change between versions.
        assert_eq!(
            derived_id(&a, "jrnl\0x").as_str(),
            "01KE6P4YM00F4GYQ787HJBYVQZ"
        );
    }

    #[test]
    fn ids_are_read_back_from_file_names() {
        let id = Id::generate();
        let live = Path::new("diary/2026").join(format!("2026-11-22-{id}.ron"));
        let trashed = Path::new("trash/diary/2026").join(format!("2026-11-22-{id}~2.ron"));
        assert_eq!(id_from_name(&live), Some(id.clone()));
        assert_eq!(id_from_name(&trashed), Some(id));
        assert_eq!(id_from_name(Path::new("notes.ron")), None);
    }

    #[test]
    fn text_is_title_then_body() {
        let when = DateTime::parse_from_rfc3339("2026-01-05T09:00:00+00:00").unwrap();
        let mut incoming = Incoming {
            place: "line 1".into(),
            day: when.date_naive(),
            when,
            title: "Angry caller.".into(),
            body: "I listened first.\n".into(),
            tags: vec![],
            key: "k".into(),
        };
        assert_eq!(incoming.text(), "Angry caller.\n\nI listened first.");
        incoming.body.clear();
        assert_eq!(incoming.text(), "Angry caller.");
    }
}
