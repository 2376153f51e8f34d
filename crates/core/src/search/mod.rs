//! Search over every record: a compact index, a matcher, and the words to show.
//!
//! Pure Rust, no terminal and no disk: [`Index::build`] takes the workspace's
//! [`Records`] (shared with it, not copied) and keeps, per record, its folded
//! (lower-cased) title line in one contiguous buffer, newest record first. A
//! query's words are found with `memchr::memmem` in the title line, then in
//! the record's long text, folded as it is read: a folded copy of every text
//! would double the memory a large journal takes. Only an open palette over
//! many records keeps one ([`Text`], for [`Session::with_text`]), because it
//! reads the text again at every keystroke. When the words are not all
//! there, they are matched fuzzily (nucleo-matcher) against the start of the
//! title line only, as fuzzy matching over whole reflections is far too slow
//! at 100k entries.
//! Exact finds always rank above fuzzy ones; among equals the newest wins.
//! [`Session`] remembers the last query's matches so that typing one more
//! letter re-checks only those. [`Index::show`] turns a hit into the text the
//! palette and `starlog search` print, with the matched characters marked.

mod index;
pub mod query;

pub use index::{Excerpt, Found, Hit, Index, Shown, Text};
pub use query::{Filter, Query, QueryError};

use crate::domain::Records;
use std::sync::Arc;

/// The kinds of record search covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Diary,
    Need,
    Objective,
    Activity,
    Feedback,
    Review,
    Evidence,
    Witness,
    Practice,
    Coaching,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Diary,
        Kind::Need,
        Kind::Objective,
        Kind::Activity,
        Kind::Feedback,
        Kind::Review,
        Kind::Evidence,
        Kind::Witness,
        Kind::Practice,
        Kind::Coaching,
    ];

    /// The name used in `type:` filters and shown beside each result.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Diary => "diary",
            Kind::Need => "need",
            Kind::Objective => "objective",
            Kind::Activity => "activity",
            Kind::Feedback => "feedback",
            Kind::Review => "review",
            Kind::Evidence => "evidence",
            Kind::Witness => "witness",
            Kind::Practice => "practice",
            Kind::Coaching => "coaching",
        }
    }

    /// Reads a type name as people type it: `feedback`, `fb`, `entry`,
    /// `goals`, or any unambiguous start of a name (`obj`).
    pub fn parse(text: &str) -> Option<Kind> {
        let t = fold(text.trim());
        let t = t.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(&t);
        let named = match t {
            "diary" | "entry" | "entrie" | "star" | "journal" => Some(Kind::Diary),
            "need" | "strength" | "gap" => Some(Kind::Need),
            "objective" | "goal" | "smart" => Some(Kind::Objective),
            "activity" | "activitie" | "training" => Some(Kind::Activity),
            "feedback" | "fb" => Some(Kind::Feedback),
            "review" => Some(Kind::Review),
            "evidence" | "file" | "document" | "attachment" => Some(Kind::Evidence),
            "witnesse" | "witness" | "testimony" | "testimonie" | "statement" => {
                Some(Kind::Witness)
            }
            "practice" | "professionalism" | "skill" | "leadership" | "barrier" | "knowledge"
            | "learning" | "role" => Some(Kind::Practice),
            "coaching" | "coach" | "coachee" | "session" => Some(Kind::Coaching),
            _ => None,
        };
        if named.is_some() || t.is_empty() {
            return named;
        }
        let mut starting = Kind::ALL.into_iter().filter(|k| k.label().starts_with(t));
        match (starting.next(), starting.next()) {
            (Some(kind), None) => Some(kind),
            _ => None,
        }
    }
}

/// Lower-cases `text` character by character, keeping every character's
/// UTF-8 length, so a byte offset in the folded text is the same offset in
/// the original (a character whose lower case is longer is left as it is).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        out.push(fold_char(c));
    }
}

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// One search session (the palette while it is open): remembers the last
/// query and its matches, so a query that narrows it re-checks only those.
/// Start a new session whenever the index is rebuilt.
#[derive(Debug, Default)]
pub struct Session {
    previous: Option<(Query, Vec<u32>)>,
    /// The index's long text folded once for the session (see [`Text`]).
    text: Option<Arc<Text>>,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// A session that reads the long text from `text`, folded from the
    /// index it searches ([`Text::of_index`]): for a palette over many
    /// records, where every keystroke reads the text again.
    pub fn with_text(text: Arc<Text>) -> Session {
        Session {
            previous: None,
            text: Some(text),
        }
    }

    /// Runs `query`, ranked. `stop` is asked now and then and abandons the
    /// search (returning `None`) when it says yes; `partial` receives the
    /// exact finds, ranked, before the slower fuzzy pass runs.
    pub fn search(
        &mut self,
        index: &Index,
        query: &Query,
        stop: &(dyn Fn() -> bool + Sync),
        partial: &mut dyn FnMut(&[Hit]),
    ) -> Option<Vec<Hit>> {
        let within = match &self.previous {
            Some((previous, docs)) if query.narrows(previous) => Some(docs.as_slice()),
            _ => None,
        };
        let (hits, recheck) = index.search(query, within, self.text.as_deref(), stop, partial)?;
        self.previous = Some((query.clone(), recheck));
        Some(hits)
    }

    /// The same, without stopping or partial results (the shell command).
    pub fn search_all(&mut self, index: &Index, query: &Query) -> Vec<Hit> {
        self.search(index, query, &|| false, &mut |_| {})
            .unwrap_or_default()
    }
}

/// Builds an index of `records` and runs one query over it.
pub fn search_records(records: &Arc<Records>, query: &Query, today: chrono::NaiveDate) -> Vec<Hit> {
    let index = Index::build(records, today);
    Session::new().search_all(&index, query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_every_byte_offset() {
        for text in ["Ça VA, ÉLODIE", "İstanbul ẞtraße", "ΣΟΦΙΑ", "plain ASCII"] {
            let folded = fold(text);
            assert_eq!(folded.len(), text.len(), "{text}");
            assert_eq!(folded.chars().count(), text.chars().count());
        }
        assert_eq!(fold("Ça VA, ÉLODIE"), "ça va, élodie");
        assert_eq!(fold("ΣΟΦΙΑ"), "σοφια");
    }

    #[test]
    fn kinds_read_from_what_people_type() {
        assert_eq!(Kind::parse("feedback"), Some(Kind::Feedback));
        assert_eq!(Kind::parse("FB"), Some(Kind::Feedback));
        assert_eq!(Kind::parse("entries"), Some(Kind::Diary));
        assert_eq!(Kind::parse("obj"), Some(Kind::Objective));
        assert_eq!(Kind::parse("reviews"), Some(Kind::Review));
        assert_eq!(Kind::parse("kpi"), None);
        assert_eq!(Kind::parse(""), None);
    }
}
