//! The index: every record's folded title line in one buffer, newest first,
//! the records themselves (shared, not copied) for the long text, and the
//! matcher that runs a query over them.

use super::query::{Filter, Query};
use super::{Kind, fold_into};
use crate::domain::coaching::FollowUp;
use crate::domain::{FeedbackSource, Id, NeedKind, NeedSource, Records};
use chrono::NaiveDate;
use memchr::memmem;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Weak};

/// Between fields in the text buffer: no query can contain it, so no match
/// runs from one field into the next.
const SEP: char = '\0';

/// A fuzzy match must score at least this per pattern character. The
/// matcher (nucleo) gives abbreviations and initials ("cmplnt" in
/// "complaint", "fcr" in "first contact resolution", "hndlng", "calmangry")
/// 20.2 to 27 per character; letters strewn across a line (d-e-s-a-i in
/// "resolving billing disputes at the first contact", m-e-t-e-r-r-e-a-d-s
/// in "mentor, anita desai: you are ready...") 7 to 19, and those are noise.
const MIN_FUZZY_PER_CHAR: usize = 20;

/// How much of a title line is matched fuzzily: about what the palette
/// shows of it. Matching costs grow with the line's length, and letters strewn
/// over a whole long line are not what anyone meant.
const FUZZY_CHARS: usize = 64;

/// How many records are checked between two looks at `stop`.
const CHUNK: usize = 4096;
/// From this many fuzzy candidates on, the matcher runs on several threads.
const PARALLEL_FUZZY: usize = 8192;

/// One record in the index (kept small: there is one per record).
#[derive(Debug, Clone)]
struct Doc {
    kind: Kind,
    source: Option<FeedbackSource>,
    /// Bit per [`NeedSource::ALL`] entry.
    need_sources: u8,
    overdue: bool,
    /// Where the record sits in its list of [`Records`].
    pos: u32,
    date: NaiveDate,
    /// This record's title line in `Index::lines` (offsets are `u32`: a
    /// document takes 32 bytes, not 56, and the index stops short of 4 GB
    /// of title lines).
    line: Range<u32>,
    /// Length in bytes of the part of the title line matched fuzzily.
    fuzzy_len: u32,
    /// This record's stretch of `Index::labels`.
    labels: Range<u32>,
}

impl Doc {
    fn line(&self) -> Range<usize> {
        self.line.start as usize..self.line.end as usize
    }

    fn fuzzy_line(&self) -> Range<usize> {
        let start = self.line.start as usize;
        start..start + self.fuzzy_len as usize
    }

    fn labels(&self) -> Range<usize> {
        self.labels.start as usize..self.labels.end as usize
    }
}

/// Every record's title line, folded, newest record first, and the records
/// the index was built from, whose long text is folded as a search reads
/// it (a folded copy of every text would double what a journal takes in
/// memory).
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// The records the index was built from, for their long text: not kept
    /// alive by the index, so changing them never copies them (the index
    /// then finds nothing and is built again).
    records: Weak<Records>,
    docs: Vec<Doc>,
    /// The folded title lines, one after another: read for every record on
    /// every search, so kept dense.
    lines: String,
    /// Interned tags (`#billing`) and criteria (`c:2.3`) of each record.
    labels: Vec<u32>,
    label_ids: HashMap<String, u32>,
}

/// Where a record's words were found, which decides how it ranks and what
/// is shown for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Found {
    /// The query has no words: every record passing the filters.
    Filtered,
    /// Every word is in the title line.
    Title,
    /// Every word is in the record, some only in its long text.
    Text,
    /// Not every word is there, but together they fuzzily match the title line.
    Fuzzy,
}

/// One matching record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The record's place in the index (newest first).
    pub doc: u32,
    /// Higher is better; only comparable between hits found the same way
    /// (exact finds always rank above fuzzy ones).
    pub score: i32,
    pub found: Found,
}

impl Hit {
    /// The sort key: exact before fuzzy, then score, then newest.
    fn rank(&self) -> u64 {
        let exact = u64::from(self.found != Found::Fuzzy);
        let score = u64::from((self.score.max(0) as u32).min(0x7FFF_FFFF));
        (exact << 63) | (score << 32) | u64::from(u32::MAX - self.doc)
    }
}

/// A hit as shown to people: the record's type, day and title line, and where
/// the words were found in its long text, with the matched parts marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub kind: Kind,
    pub id: Id,
    pub date: NaiveDate,
    /// The title line as written.
    pub line: String,
    /// Byte ranges of `line` that matched.
    pub line_marks: Vec<Range<usize>>,
    /// When words were found only in the long text: which field, an excerpt
    /// of it around the first find, and the byte ranges of the excerpt that
    /// matched.
    pub excerpt: Option<Excerpt>,
}

/// A stretch of a long field around a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub field: &'static str,
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

/// The record a document stands for, by kind and position: its title line
/// and its long fields.
fn line_and_fields(records: &Records, kind: Kind, pos: usize) -> Option<(String, Vec<Field<'_>>)> {
    let mut line = String::new();
    let mut fields = Vec::new();
    describe(records, kind, pos, Some(&mut line), &mut fields).then_some((line, fields))
}

/// Puts the long fields of the record at `pos` of `kind`'s list into
/// `fields` and, when asked for, its title line into `line` (a search only
/// needs the fields). False when there is no such record.
fn describe<'r>(
    records: &'r Records,
    kind: Kind,
    pos: usize,
    line: Option<&mut String>,
    fields: &mut Vec<Field<'r>>,
) -> bool {
    let first_line = |t: &str| -> String {
        t.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .to_string()
    };
    let with_tags = |mut line: String, tags: &[String]| {
        for tag in tags {
            line.push_str(" #");
            line.push_str(tag);
        }
        line
    };
    // The title line, worked out only when asked for.
    let title = |make: &dyn Fn() -> String| {
        if let Some(line) = line {
            *line = make();
        }
    };
    fields.clear();
    match kind {
        Kind::Diary => {
            let Some(e) = records.diary.get(pos) else {
                return false;
            };
            title(&|| with_tags(e.headline().to_string(), &e.tags));
            fields.extend([
                ("Situation", e.situation.as_str()),
                ("Task", e.task.as_str()),
                ("Action", e.action.as_str()),
                ("Result", e.result.as_str()),
                ("Reflection", e.reflection.as_str()),
                ("Text", e.text.as_str()),
            ]);
        }
        Kind::Need => {
            let Some(n) = records.needs.get(pos) else {
                return false;
            };
            let kind = match n.kind {
                NeedKind::Strength => "strength",
                NeedKind::Gap => "to improve",
            };
            title(&|| format!("{} ({kind})", n.area));
            fields.extend([
                ("Evidence", n.evidence.as_str()),
                ("Agreed with", n.agreed_with.as_str()),
            ]);
        }
        Kind::Objective => {
            let Some(o) = records.objectives.get(pos) else {
                return false;
            };
            title(&|| o.statement.trim().to_string());
            fields.extend([
                ("Baseline", o.measure.baseline.as_str()),
                ("Target", o.measure.target.as_str()),
                ("Measured by", o.measure.how.as_str()),
                ("KPI", o.measure.kpi.as_str()),
                ("Support", o.support.as_str()),
                ("Relevance", o.relevance.as_str()),
            ]);
            fields.extend(o.progress.iter().map(|n| ("Progress", n.text.as_str())));
        }
        Kind::Activity => {
            let Some(a) = records.activities.get(pos) else {
                return false;
            };
            title(&|| {
                if a.resource.trim().is_empty() {
                    a.title.trim().to_string()
                } else {
                    format!("{} ({})", a.title.trim(), a.resource.trim())
                }
            });
            fields.extend([
                ("Kind", a.kind.label()),
                ("Reaction", a.impact.reaction.as_str()),
                ("Learning", a.impact.learning.as_str()),
                ("Behaviour", a.impact.behaviour.as_str()),
                ("Results", a.impact.results.as_str()),
                ("Applied", a.applied.as_str()),
            ]);
        }
        Kind::Feedback => {
            let Some(f) = records.feedback.get(pos) else {
                return false;
            };
            title(&|| {
                let mut from = f.source.label().to_string();
                if !f.who.trim().is_empty() {
                    from.push_str(", ");
                    from.push_str(f.who.trim());
                }
                with_tags(format!("{from}: {}", first_line(&f.text)), &f.tags)
            });
            fields.extend([
                ("Feedback", f.text.as_str()),
                ("Role", f.role.as_str()),
                ("Method", f.method.label()),
                ("Reflection", f.reflection.as_str()),
                ("Action", f.action.as_str()),
            ]);
        }
        Kind::Review => {
            let Some(r) = records.reviews.get(pos) else {
                return false;
            };
            title(&|| {
                let names: Vec<&str> = r.participants.iter().map(|p| p.name.trim()).collect();
                let mut line = if names.is_empty() {
                    "Review".to_string()
                } else {
                    format!("Review with {}", names.join(", "))
                };
                let summary = first_line(&r.summary);
                if !summary.is_empty() {
                    line.push_str(": ");
                    line.push_str(&summary);
                }
                line
            });
            fields.push(("Summary", r.summary.as_str()));
            fields.extend(r.participants.iter().map(|p| ("Role", p.role.as_str())));
            fields.extend(r.changes.iter().map(|c| ("Reason", c.reason.as_str())));
        }
        Kind::Evidence => {
            let Some(e) = records.evidence.get(pos) else {
                return false;
            };
            title(&|| format!("{} ({})", e.title.trim(), e.kind.label()));
            fields.extend([
                ("Description", e.description.as_str()),
                ("File", e.original_name.as_str()),
            ]);
        }
        Kind::Practice => {
            let Some(p) = records.practice.get(pos) else {
                return false;
            };
            title(&|| p.headline());
            fields.extend(p.parts());
        }
        Kind::Coaching => {
            let Some(c) = records.coaching.get(pos) else {
                return false;
            };
            title(&|| c.headline());
            fields.extend(c.parts());
        }
        Kind::Witness => {
            let Some(w) = records.witnesses.get(pos) else {
                return false;
            };
            title(&|| {
                let mut line = format!("Witness {}", w.witness.trim());
                if !w.role.trim().is_empty() {
                    line.push_str(&format!(" ({})", w.role.trim()));
                }
                let observed = first_line(&w.observed);
                if !observed.is_empty() {
                    line.push_str(": ");
                    line.push_str(&observed);
                }
                line
            });
            fields.extend([
                ("Observed", w.observed.as_str()),
                ("Relationship", w.relationship.as_str()),
            ]);
        }
    }
    true
}

type Field<'a> = (&'static str, &'a str);

/// The long fields laid out as in the index: joined by SEP, with where each starts.
fn join_fields(fields: &[Field<'_>]) -> (String, Vec<(usize, &'static str)>) {
    let mut out = String::new();
    let mut starts = Vec::with_capacity(fields.len());
    for (i, (label, text)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(SEP);
        }
        starts.push((out.len(), *label));
        // A stray NUL in a record must not break field boundaries.
        out.extend(text.chars().map(|c| if c == SEP { ' ' } else { c }));
    }
    (out, starts)
}

impl Index {
    /// Indexes every diary entry, need, objective, activity, feedback and
    /// review of `records`, and reads their long text while they are
    /// unchanged (a change made through `Arc::make_mut` does not copy them,
    /// and leaves the index finding nothing). `today` decides what is overdue.
    pub fn build(shared: &Arc<Records>, today: NaiveDate) -> Index {
        let records: &Records = shared;
        let latest_review = records.reviews.iter().max_by_key(|r| r.held);
        let mut order: Vec<(NaiveDate, &Id, Kind, usize)> = Vec::with_capacity(
            records.diary.len()
                + records.needs.len()
                + records.objectives.len()
                + records.activities.len()
                + records.feedback.len()
                + records.reviews.len()
                + records.evidence.len()
                + records.witnesses.len()
                + records.practice.len()
                + records.coaching.len(),
        );
        order.extend(
            records
                .diary
                .iter()
                .enumerate()
                .map(|(i, e)| (e.date, &e.id, Kind::Diary, i)),
        );
        order.extend(
            records
                .needs
                .iter()
                .enumerate()
                .map(|(i, n)| (n.date, &n.id, Kind::Need, i)),
        );
        order.extend(
            records
                .objectives
                .iter()
                .enumerate()
                .map(|(i, o)| (o.created.date_naive(), &o.id, Kind::Objective, i)),
        );
        order.extend(
            records
                .activities
                .iter()
                .enumerate()
                .map(|(i, a)| (a.date, &a.id, Kind::Activity, i)),
        );
        order.extend(
            records
                .feedback
                .iter()
                .enumerate()
                .map(|(i, f)| (f.date, &f.id, Kind::Feedback, i)),
        );
        order.extend(
            records
                .reviews
                .iter()
                .enumerate()
                .map(|(i, r)| (r.date(), &r.id, Kind::Review, i)),
        );
        order.extend(
            records
                .evidence
                .iter()
                .enumerate()
                .map(|(i, e)| (e.date, &e.id, Kind::Evidence, i)),
        );
        order.extend(
            records
                .witnesses
                .iter()
                .enumerate()
                .map(|(i, w)| (w.date, &w.id, Kind::Witness, i)),
        );
        order.extend(
            records
                .practice
                .iter()
                .enumerate()
                .map(|(i, p)| (p.date, &p.id, Kind::Practice, i)),
        );
        order.extend(
            records
                .coaching
                .iter()
                .enumerate()
                .map(|(i, c)| (c.date, &c.id, Kind::Coaching, i)),
        );
        // Newest first: then a record's place in the index breaks ties by age.
        order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(a.1)));

        let mut index = Index {
            records: Arc::downgrade(shared),
            docs: Vec::with_capacity(order.len()),
            ..Index::default()
        };
        let mut lines = String::new();
        let mut line = String::new();
        let mut fields = Vec::new();
        for (date, _, kind, pos) in order {
            if !describe(records, kind, pos, Some(&mut line), &mut fields) {
                continue;
            }
            let start = lines.len();
            if line.contains(SEP) {
                fold_into(&line.replace(SEP, " "), &mut lines);
            } else {
                fold_into(&line, &mut lines);
            }
            let line_len = lines.len() - start;
            let fuzzy_len = lines[start..]
                .char_indices()
                .nth(FUZZY_CHARS)
                .map_or(line_len, |(i, _)| i);
            let labels_start = index.labels.len();
            let (tags, criteria): (&[String], &[String]) = match kind {
                Kind::Diary => (&records.diary[pos].tags, &records.diary[pos].criteria),
                Kind::Need => (&[], &records.needs[pos].criteria),
                Kind::Objective => (&[], &records.objectives[pos].criteria),
                Kind::Activity => (&[], &records.activities[pos].criteria),
                Kind::Feedback => (&records.feedback[pos].tags, &records.feedback[pos].criteria),
                Kind::Review => (&[], &records.reviews[pos].criteria),
                Kind::Evidence => (&[], &records.evidence[pos].criteria),
                Kind::Witness => (&[], &records.witnesses[pos].criteria),
                Kind::Practice => (&[], &records.practice[pos].criteria),
                Kind::Coaching => (&[], &records.coaching[pos].criteria),
            };
            for label in tags
                .iter()
                .map(|t| format!("#{}", super::fold(t.trim().trim_start_matches('#'))))
                .chain(
                    criteria
                        .iter()
                        .map(|c| format!("c:{}", super::fold(c.trim()))),
                )
            {
                let next = index.label_ids.len() as u32;
                let id = *index.label_ids.entry(label).or_insert(next);
                index.labels.push(id);
            }
            let (source, need_sources, overdue) = match kind {
                Kind::Feedback => (Some(records.feedback[pos].source), 0, false),
                Kind::Need => {
                    let mut bits = 0u8;
                    for s in &records.needs[pos].identified_from {
                        if let Some(i) = NeedSource::ALL.iter().position(|x| x == s) {
                            bits |= 1 << i;
                        }
                    }
                    (None, bits, false)
                }
                Kind::Objective => (None, 0, records.objectives[pos].is_overdue(today)),
                Kind::Review => {
                    let r = &records.reviews[pos];
                    let latest = latest_review.is_some_and(|l| l.id == r.id);
                    (None, 0, latest && r.next_review.is_some_and(|d| d < today))
                }
                Kind::Coaching => {
                    let log = &records.coaching;
                    let state = log[pos].follow_up(log, today);
                    (None, 0, matches!(state, FollowUp::Overdue(_)))
                }
                Kind::Diary | Kind::Activity | Kind::Evidence | Kind::Witness | Kind::Practice => {
                    (None, 0, false)
                }
            };
            let offsets = (
                u32::try_from(start),
                u32::try_from(lines.len()),
                u32::try_from(fuzzy_len),
                u32::try_from(labels_start),
                u32::try_from(index.labels.len()),
            );
            let (Ok(start), Ok(end), Ok(fuzzy_len), Ok(labels_start), Ok(labels_end)) = offsets
            else {
                // 4 GB of title lines: what is indexed so far is kept.
                break;
            };
            index.docs.push(Doc {
                kind,
                source,
                need_sources,
                overdue,
                pos: pos as u32,
                date,
                line: start..end,
                fuzzy_len,
                labels: labels_start..labels_end,
            });
        }
        lines.shrink_to_fit();
        index.lines = lines;
        index.docs.shrink_to_fit();
        index.labels.shrink_to_fit();
        index
    }

    /// How many records are indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The type, id and day of the record behind a hit.
    pub fn record(&self, hit: &Hit) -> Option<(Kind, Id, NaiveDate)> {
        let doc = self.docs.get(hit.doc as usize)?;
        let records = self.records.upgrade()?;
        Some((doc.kind, id_at(&records, doc)?.clone(), doc.date))
    }

    /// Runs `query` over every record, or only over `within` (ascending
    /// document numbers from an earlier, broader query). Returns the hits
    /// ranked, and the documents a narrower query must check again (the
    /// hits and the fuzzy candidates that scored too low), or `None` when
    /// `stop` asked to give up. `partial` receives the exact finds, ranked,
    /// before the fuzzy pass.
    pub(super) fn search(
        &self,
        query: &Query,
        within: Option<&[u32]>,
        text: Option<&Text>,
        stop: &(dyn Fn() -> bool + Sync),
        partial: &mut dyn FnMut(&[Hit]),
    ) -> Option<(Vec<Hit>, Vec<u32>)> {
        // Records changed since the index was built have nothing to find.
        let Some(records) = self.records.upgrade() else {
            return Some((Vec::new(), Vec::new()));
        };
        let records: &Records = &records;
        let prepared = Prepared::new(self, query);
        let all: Vec<u32>;
        let candidates = match within {
            Some(docs) => docs,
            None => {
                all = (0..self.docs.len() as u32).collect();
                &all
            }
        };
        let (mut hits, fuzzy) = self.exact_pass(records, &prepared, candidates, text, stop)?;
        let mut recheck: Vec<u32> = hits
            .iter()
            .map(|h| h.doc)
            .chain(fuzzy.iter().copied())
            .collect();
        recheck.sort_unstable();
        hits.sort_unstable_by_key(|h| std::cmp::Reverse(h.rank()));
        if fuzzy.is_empty() {
            return Some((hits, recheck));
        }
        partial(&hits);
        let pattern = prepared.pattern.as_str();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4);
        // Tens of thousands of titles can hold a short pattern's letters in
        // order (`refu` at 100k); the matcher then shares them across cores.
        let mut fuzzy_hits = if threads > 1 && fuzzy.len() >= PARALLEL_FUZZY {
            let part = fuzzy.len().div_ceil(threads);
            let parts: Vec<Option<Vec<Hit>>> = std::thread::scope(|scope| {
                let handles: Vec<_> = fuzzy
                    .chunks(part)
                    .map(|docs| scope.spawn(move || self.fuzzy_pass(docs, pattern, stop)))
                    .collect();
                // A reader thread that panicked gives no hits, like a stop.
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or(None))
                    .collect()
            });
            let mut all = Vec::new();
            for part in parts {
                all.extend(part?);
            }
            all
        } else {
            self.fuzzy_pass(&fuzzy, pattern, stop)?
        };
        fuzzy_hits.sort_unstable_by_key(|h| std::cmp::Reverse(h.rank()));
        hits.extend(fuzzy_hits);
        Some((hits, recheck))
    }

    /// Looks for the query's words in `docs`: the exact finds, and the
    /// documents to match fuzzily; `None` when stopped.
    fn exact_pass(
        &self,
        records: &Records,
        prepared: &Prepared<'_>,
        docs: &[u32],
        text: Option<&Text>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<(Vec<Hit>, Vec<u32>)> {
        let mut hits = Vec::new();
        let mut fuzzy = Vec::new();
        let mut body = Body {
            records,
            text,
            fields: Vec::new(),
            folded: Vec::new(),
            doc: None,
        };
        for chunk in docs.chunks(CHUNK) {
            if stop() {
                return None;
            }
            for &d in chunk {
                let Some(doc) = self.docs.get(d as usize) else {
                    continue;
                };
                if !prepared.passes(self, doc) {
                    continue;
                }
                match prepared.exact(self, d, doc, &mut body) {
                    Some((score, found)) => hits.push(Hit {
                        doc: d,
                        score,
                        found,
                    }),
                    None if prepared.could_be_fuzzy(self, doc) => fuzzy.push(d),
                    None => {}
                }
            }
        }
        Some((hits, fuzzy))
    }

    /// Runs the fuzzy matcher over `docs`' title lines; `None` when stopped.
    fn fuzzy_pass(
        &self,
        docs: &[u32],
        pattern: &str,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let least = MIN_FUZZY_PER_CHAR * pattern.chars().count();
        let (mut needle_chars, mut line_chars) = (Vec::new(), Vec::new());
        let needle = Utf32Str::new(pattern, &mut needle_chars);
        let mut hits = Vec::new();
        for chunk in docs.chunks(CHUNK / 4) {
            if stop() {
                return None;
            }
            for &d in chunk {
                let doc = &self.docs[d as usize];
                let line = Utf32Str::new(self.fuzzy_line(doc), &mut line_chars);
                if let Some(score) = matcher
                    .fuzzy_match(line, needle)
                    .filter(|s| usize::from(*s) >= least)
                {
                    hits.push(Hit {
                        doc: d,
                        score: i32::from(score),
                        found: Found::Fuzzy,
                    });
                }
            }
        }
        Some(hits)
    }

    /// The start of the title line that fuzzy matching looks at.
    fn fuzzy_line(&self, doc: &Doc) -> &str {
        &self.lines[doc.fuzzy_line()]
    }

    /// What to show for `hit`, read from `records` (those the index was
    /// built from). `None` when the record is no longer where it was.
    pub fn show(&self, hit: &Hit, query: &Query, records: &Records) -> Option<Shown> {
        let doc = self.docs.get(hit.doc as usize)?;
        // `records` may have changed since the index was built from them.
        let built_from = self.records.upgrade()?;
        let id = id_at(&built_from, doc)?;
        if id_at(records, doc) != Some(id) {
            return None;
        }
        let (line, fields) = line_and_fields(records, doc.kind, doc.pos as usize)?;
        let line = line.replace(SEP, " ");
        // Folded afresh from the records (not the index's copy), so the
        // marks always fit the text shown even if a record changed since.
        let folded_line = super::fold(&line);
        let mut line_marks = Vec::new();
        let mut excerpt = None;
        match hit.found {
            Found::Filtered => {}
            Found::Fuzzy => {
                let mut matcher = Matcher::new(Config::DEFAULT);
                let end = folded_line
                    .char_indices()
                    .nth(FUZZY_CHARS)
                    .map_or(folded_line.len(), |(i, _)| i);
                let pattern = query.fuzzy_pattern();
                let (mut needle_chars, mut line_chars) = (Vec::new(), Vec::new());
                let mut chars: Vec<u32> = Vec::new();
                let found = matcher.fuzzy_indices(
                    Utf32Str::new(&folded_line[..end], &mut line_chars),
                    Utf32Str::new(&pattern, &mut needle_chars),
                    &mut chars,
                );
                if found.is_some() {
                    chars.sort_unstable();
                    chars.dedup();
                    let mut wanted = chars.into_iter().map(|c| c as usize).peekable();
                    for (i, (at, c)) in line.char_indices().enumerate() {
                        if wanted.peek() == Some(&i) {
                            wanted.next();
                            line_marks.push(at..at + c.len_utf8());
                        }
                    }
                }
            }
            Found::Title | Found::Text => {
                let (joined, starts) = join_fields(&fields);
                let body = super::fold(&joined);
                let mut first_in_body: Option<Range<usize>> = None;
                for term in &query.terms {
                    let finder = memmem::Finder::new(term.as_bytes());
                    let in_line: Vec<usize> = finder.find_iter(folded_line.as_bytes()).collect();
                    let in_body = if in_line.is_empty() {
                        finder.find(body.as_bytes())
                    } else {
                        None
                    };
                    if let Some(at) = in_body
                        && first_in_body.as_ref().is_none_or(|f| at < f.start)
                    {
                        first_in_body = Some(at..at + term.len());
                    }
                    for at in in_line {
                        line_marks.push(at..at + term.len());
                    }
                }
                if let Some(first) = first_in_body {
                    excerpt = Some(excerpt_around(&joined, &body, &starts, first, &query.terms));
                }
            }
        }
        line_marks.sort_by_key(|r| r.start);
        Some(Shown {
            kind: doc.kind,
            id: id.clone(),
            date: doc.date,
            line,
            line_marks: merge(line_marks),
            excerpt,
        })
    }
}

/// The id of the record at `doc`'s place in `records`.
fn id_at<'r>(records: &'r Records, doc: &Doc) -> Option<&'r Id> {
    let pos = doc.pos as usize;
    match doc.kind {
        Kind::Diary => records.diary.get(pos).map(|r| &r.id),
        Kind::Need => records.needs.get(pos).map(|r| &r.id),
        Kind::Objective => records.objectives.get(pos).map(|r| &r.id),
        Kind::Activity => records.activities.get(pos).map(|r| &r.id),
        Kind::Feedback => records.feedback.get(pos).map(|r| &r.id),
        Kind::Review => records.reviews.get(pos).map(|r| &r.id),
        Kind::Evidence => records.evidence.get(pos).map(|r| &r.id),
        Kind::Witness => records.witnesses.get(pos).map(|r| &r.id),
        Kind::Practice => records.practice.get(pos).map(|r| &r.id),
        Kind::Coaching => records.coaching.get(pos).map(|r| &r.id),
    }
}

/// Sorted ranges with overlaps joined.
fn merge(marks: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for m in marks {
        match out.last_mut() {
            Some(last) if m.start <= last.end => last.end = last.end.max(m.end),
            _ => out.push(m),
        }
    }
    out
}

/// Characters of context shown before and after the first find.
const BEFORE: usize = 30;
const AFTER: usize = 90;

/// An excerpt of the field holding `first` (a byte range of the joined long
/// fields), with every term marked inside it.
fn excerpt_around(
    original: &str,
    folded: &str,
    starts: &[(usize, &'static str)],
    first: Range<usize>,
    terms: &[String],
) -> Excerpt {
    let (field_start, label) = starts
        .iter()
        .rev()
        .find(|(s, _)| *s <= first.start)
        .copied()
        .unwrap_or((0, ""));
    let field_end = original[first.end..]
        .find(SEP)
        .map_or(original.len(), |i| first.end + i);
    let from = original[field_start..first.start]
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(field_start, |(i, _)| field_start + i);
    // Start at a word when the cut falls inside one.
    let from = if from > field_start {
        original[from..first.start]
            .find(' ')
            .map_or(from, |i| from + i + 1)
    } else {
        from
    };
    let to = original[first.end..field_end]
        .char_indices()
        .nth(AFTER)
        .map_or(field_end, |(i, _)| first.end + i);
    let mut text = String::new();
    if from > field_start {
        text.push('…');
    }
    let offset = text.len();
    text.push_str(&original[from..to].replace(['\n', '\r', '\t'], " "));
    if to < field_end {
        text.push('…');
    }
    let window = &folded[from..to];
    let mut marks = Vec::new();
    for term in terms {
        for at in memmem::find_iter(window.as_bytes(), term.as_bytes()) {
            marks.push(offset + at..offset + at + term.len());
        }
    }
    marks.sort_by_key(|r| r.start);
    Excerpt {
        field: label,
        text,
        marks: merge(marks),
    }
}

/// A query made ready to run: finders built, tag and criterion names
/// resolved to label numbers once.
struct Prepared<'q> {
    terms: Vec<memmem::Finder<'q>>,
    pattern: String,
    filters: Vec<Ready>,
}

enum Ready {
    /// Never true (a tag no record carries, or two different types).
    Never,
    Labels(Vec<u32>),
    Kind(Kind),
    Source(FeedbackSource),
    NeedSource(u8),
    Before(NaiveDate),
    After(NaiveDate),
    Overdue,
}

impl<'q> Prepared<'q> {
    fn new(index: &Index, query: &'q Query) -> Prepared<'q> {
        let filters = query
            .filters
            .iter()
            .map(|f| match f {
                Filter::Tag(tag) => match index.label_ids.get(&format!("#{tag}")) {
                    Some(id) => Ready::Labels(vec![*id]),
                    None => Ready::Never,
                },
                Filter::Criterion(c) => {
                    let parent = format!("c:{c}.");
                    let exact = format!("c:{c}");
                    let ids: Vec<u32> = index
                        .label_ids
                        .iter()
                        .filter(|(name, _)| **name == exact || name.starts_with(&parent))
                        .map(|(_, id)| *id)
                        .collect();
                    if ids.is_empty() {
                        Ready::Never
                    } else {
                        Ready::Labels(ids)
                    }
                }
                Filter::Kind(k) => Ready::Kind(*k),
                Filter::Source(s) => Ready::Source(*s),
                Filter::NeedSource(s) => {
                    let i = NeedSource::ALL.iter().position(|x| x == s).unwrap_or(0);
                    Ready::NeedSource(1 << i)
                }
                Filter::Before(d) => Ready::Before(*d),
                Filter::After(d) => Ready::After(*d),
                Filter::Overdue => Ready::Overdue,
            })
            .collect();
        Prepared {
            terms: query
                .terms
                .iter()
                .map(|t| memmem::Finder::new(t.as_bytes()))
                .collect(),
            pattern: query.fuzzy_pattern(),
            filters,
        }
    }

    fn passes(&self, index: &Index, doc: &Doc) -> bool {
        self.filters.iter().all(|f| match f {
            Ready::Never => false,
            Ready::Labels(ids) => index.labels[doc.labels()].iter().any(|l| ids.contains(l)),
            Ready::Kind(k) => doc.kind == *k,
            Ready::Source(s) => doc.source == Some(*s),
            Ready::NeedSource(bit) => doc.need_sources & bit != 0,
            Ready::Before(d) => doc.date < *d,
            Ready::After(d) => doc.date > *d,
            Ready::Overdue => doc.overdue,
        })
    }

    /// Every term found: the score and where. Terms in the title line score
    /// above terms in the long text; whole words above starts of words above
    /// stretches inside words; longer terms above shorter ones.
    fn exact(&self, index: &Index, d: u32, doc: &Doc, body: &mut Body<'_>) -> Option<(i32, Found)> {
        if self.terms.is_empty() {
            return Some((0, Found::Filtered));
        }
        let line = &index.lines.as_bytes()[doc.line()];
        let mut score = 0i32;
        let mut all_in_line = true;
        for finder in &self.terms {
            let len = finder.needle().len().min(64) as i32;
            if let Some(fit) = best_fit(line, finder, usize::MAX) {
                score += match fit {
                    Fit::Word => 40 * len + 100,
                    Fit::WordStart => 32 * len + 60,
                    Fit::Inside => 24 * len,
                };
            } else {
                all_in_line = false;
                // The long text is read only when a word is not in the title line.
                let fit = best_fit(body.of(d, doc), finder, 32)?;
                score += match fit {
                    Fit::Word => 16 * len + 20,
                    Fit::WordStart => 12 * len + 10,
                    Fit::Inside => 8 * len,
                };
            }
        }
        Some((
            score,
            if all_in_line {
                Found::Title
            } else {
                Found::Text
            },
        ))
    }

    /// The title line holds the pattern's letters in order (a quick check
    /// before the fuzzy matcher runs).
    fn could_be_fuzzy(&self, index: &Index, doc: &Doc) -> bool {
        let mut line = &index.lines.as_bytes()[doc.fuzzy_line()];
        for &b in self.pattern.as_bytes() {
            match memchr::memchr(b, line) {
                Some(at) => line = &line[at + 1..],
                None => return false,
            }
        }
        !self.pattern.is_empty()
    }
}

/// One record's long text as a search reads it: folded, when a word is not
/// in the title line, into a buffer reused from record to record, laid out
/// as `join_fields` lays it out (the fields joined by SEP, any SEP inside a
/// field made a space).
struct Body<'i> {
    records: &'i Records,
    /// Every record's text folded at once, when a palette keeps it.
    text: Option<&'i Text>,
    fields: Vec<Field<'i>>,
    folded: Vec<u8>,
    /// The record whose text `folded` holds.
    doc: Option<u32>,
}

impl<'i> Body<'i> {
    /// The folded long text of the record behind document `d`.
    fn of(&mut self, d: u32, doc: &Doc) -> &[u8] {
        if let Some(text) = self.text
            && let Some(body) = text.of(d)
        {
            return body;
        }
        if self.doc != Some(d) {
            describe(
                self.records,
                doc.kind,
                doc.pos as usize,
                None,
                &mut self.fields,
            );
            self.folded.clear();
            for (i, (_, text)) in self.fields.iter().enumerate() {
                if i > 0 {
                    self.folded.push(SEP as u8);
                }
                fold_field(text, &mut self.folded);
            }
            self.doc = Some(d);
        }
        &self.folded
    }
}

/// Every record's long text, folded, in one buffer in the index's order: a
/// copy as large as the text itself, kept only while a search palette is
/// open over a large workspace, where reading one dense buffer at every
/// keystroke is about twice as fast as folding the records' text afresh.
#[derive(Debug, Default)]
pub struct Text {
    folded: Vec<u8>,
    /// Where each document's text ends in `folded`.
    ends: Vec<usize>,
}

impl Text {
    /// Folds the long text of every record of `index` (none once its
    /// records have changed).
    pub fn of_index(index: &Index) -> Text {
        let mut text = Text {
            folded: Vec::new(),
            ends: Vec::with_capacity(index.docs.len()),
        };
        let Some(records) = index.records.upgrade() else {
            return text;
        };
        let mut body = Body {
            records: &records,
            text: None,
            fields: Vec::new(),
            folded: Vec::new(),
            doc: None,
        };
        for (d, doc) in index.docs.iter().enumerate() {
            text.folded.extend_from_slice(body.of(d as u32, doc));
            text.ends.push(text.folded.len());
        }
        text.folded.shrink_to_fit();
        text
    }

    fn of(&self, d: u32) -> Option<&[u8]> {
        let d = d as usize;
        let start = if d == 0 { 0 } else { *self.ends.get(d - 1)? };
        self.folded.get(start..*self.ends.get(d)?)
    }
}

/// Appends `text` folded as [`fold`](super::fold) folds it, with any SEP
/// in it made a space, to `out`: eight bytes at a time when it is ASCII, as
/// nearly every record's text is.
fn fold_field(text: &str, out: &mut Vec<u8>) {
    const LOW: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let bytes = text.as_bytes();
    let start = out.len();
    out.reserve(bytes.len());
    let mut words = bytes.chunks_exact(8);
    let mut seen = 0u64;
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let x = u64::from_ne_bytes(eight);
        seen |= x;
        // For bytes below 0x80 (checked below through `seen`), adding
        // 0x80 - c sets a byte's top bit exactly when the byte is >= c.
        let at_least_a = x.wrapping_add(LOW * (0x80 - u64::from(b'A')));
        let past_z = x.wrapping_add(LOW * (0x80 - u64::from(b'Z') - 1));
        let not_nul = x.wrapping_add(LOW * 0x7F);
        // Upper-case letters and SEP (NUL) get the 0x20 bit: lower case,
        // and a space.
        let marked = ((at_least_a & !past_z) | !not_nul) & HIGH;
        out.extend_from_slice(&(x | (marked >> 2)).to_ne_bytes());
    }
    for &b in words.remainder() {
        seen |= u64::from(b);
        let upper = b.wrapping_sub(b'A') < 26;
        out.push(b | (u8::from(upper || b == SEP as u8) << 5));
    }
    if seen & HIGH != 0 {
        // Not ASCII: character by character.
        out.truncate(start);
        let mut folded = String::with_capacity(text.len());
        fold_into(&text.replace(SEP, " "), &mut folded);
        out.extend_from_slice(folded.as_bytes());
    }
}

enum Fit {
    Word,
    WordStart,
    Inside,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The best way `finder`'s needle sits in `hay`, looking at no more than
/// `limit` occurrences.
fn best_fit(hay: &[u8], finder: &memmem::Finder<'_>, limit: usize) -> Option<Fit> {
    let needle = finder.needle();
    let mut best: Option<Fit> = None;
    for at in finder.find_iter(hay).take(limit) {
        let starts = at == 0 || !is_word_byte(hay[at - 1]) || !is_word_byte(needle[0]);
        let end = at + needle.len();
        let ends = end == hay.len()
            || !is_word_byte(hay[end])
            || needle.last().is_some_and(|b| !is_word_byte(*b));
        match (starts, ends) {
            (true, true) => return Some(Fit::Word),
            (true, false) => best = Some(Fit::WordStart),
            _ if best.is_none() => best = Some(Fit::Inside),
            _ => {}
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::super::{Session, search_records};
    use super::*;
    use crate::domain::{
        DevelopmentNeed, DiaryEntry, Feedback, FeedbackMethod, FeedbackState, Objective,
        ObjectiveStatus, Participant, Review, Valence,
    };
    use chrono::{DateTime, FixedOffset};

    fn today() -> NaiveDate {
        day(2026, 11, 23)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn moment(date: NaiveDate) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{date}T10:00:00+00:00")).expect("moment")
    }

    fn id(n: u64) -> Id {
        Id::from_parts(1_700_000_000_000 + n, [n as u8; 10])
    }

    fn entry(n: u64, date: NaiveDate, text: &str, situation: &str, tags: &[&str]) -> DiaryEntry {
        let mut e = DiaryEntry::new(id(n), date, moment(date));
        e.text = text.into();
        e.situation = situation.into();
        e.tags = tags.iter().map(|t| t.to_string()).collect();
        e.criteria = vec!["2.3".into()];
        e
    }

    fn feedback(
        n: u64,
        date: NaiveDate,
        source: FeedbackSource,
        who: &str,
        text: &str,
    ) -> Feedback {
        Feedback {
            format: 1,
            id: id(n),
            date,
            created: moment(date),
            updated: moment(date),
            source,
            method: FeedbackMethod::Conversation,
            who: who.into(),
            role: String::new(),
            text: text.into(),
            valence: Valence::Constructive,
            state: FeedbackState::New,
            reflection: String::new(),
            action: String::new(),
            objectives: vec![],
            entries: vec![],
            tags: vec!["phone".into()],
            criteria: vec!["2.3".into()],
            activity: None,
        }
    }

    fn objective(n: u64, created: NaiveDate, statement: &str, target: NaiveDate) -> Objective {
        Objective {
            format: 1,
            id: id(n),
            created: moment(created),
            updated: moment(created),
            statement: statement.into(),
            measure: Default::default(),
            support: "Weekly call listening with my team leader".into(),
            relevance: String::new(),
            serves: String::new(),
            needs: vec![],
            criteria: vec!["2.1".into()],
            target_date: Some(target),
            review_date: None,
            status: ObjectiveStatus::InProgress,
            progress: vec![],
        }
    }

    /// A small journal with known words in known places.
    fn corpus() -> Records {
        let mut r = Records {
            diary: vec![
                // A scattered h-e-a-t in the title line, and the word only in the body.
                entry(
                    1,
                    day(2026, 11, 20),
                    "",
                    "Helped an angry tenant with the bill.",
                    &["billing"],
                ),
                entry(
                    2,
                    day(2026, 11, 10),
                    "Used HEAT on a complaint call",
                    "",
                    &["complaint"],
                ),
                entry(
                    3,
                    day(2026, 6, 1),
                    "Used HEAT on a complaint call",
                    "",
                    &["complaint"],
                ),
                entry(
                    4,
                    day(2026, 9, 1),
                    "Callback about a refund",
                    "",
                    &["refund"],
                ),
            ],
            ..Records::default()
        };
        r.diary[0].action = "I followed the heat steps and apologised.".into();
        r.diary[3].reflection = "Next time I will check the meter reads first.".into();
        r.feedback = vec![
            feedback(
                10,
                day(2026, 10, 2),
                FeedbackSource::Customer,
                "Mrs Patel",
                "You explained my bill clearly.",
            ),
            feedback(
                11,
                day(2026, 8, 2),
                FeedbackSource::Manager,
                "Sam Okoro",
                "Slow down on the phone.",
            ),
        ];
        r.objectives = vec![
            objective(
                20,
                day(2026, 3, 1),
                "Raise my CSAT from 82% to 88% by 31 March",
                day(2026, 3, 31),
            ),
            objective(
                21,
                day(2026, 10, 1),
                "Use HEAT on every complaint call",
                day(2027, 3, 31),
            ),
        ];
        r.needs = vec![DevelopmentNeed {
            format: 1,
            id: id(30),
            date: day(2026, 2, 1),
            created: moment(day(2026, 2, 1)),
            updated: moment(day(2026, 2, 1)),
            area: "Staying calm with angry callers".into(),
            kind: NeedKind::Gap,
            identified_from: vec![NeedSource::Appraisal],
            evidence: "Two complaints mention my tone.".into(),
            agreed_with: "Sam Okoro".into(),
            criteria: vec!["1.2".into()],
        }];
        r.reviews = vec![Review {
            format: 1,
            id: id(40),
            held: moment(day(2026, 7, 1)),
            participants: vec![Participant {
                name: "Sam Okoro".into(),
                role: "line manager".into(),
            }],
            summary: "Good progress on complaints.".into(),
            changes: vec![],
            next_review: Some(day(2026, 10, 1)),
            corrects: None,
            plan: vec![],
            criteria: vec![],
        }];
        r.sort();
        r
    }

    /// An index of a copy of `records`, and that copy, which must be kept
    /// for the index to read the records' text.
    fn indexed(records: &Records) -> (Arc<Records>, Index) {
        let shared = Arc::new(records.clone());
        let index = Index::build(&shared, today());
        (shared, index)
    }

    fn run(records: &Records, text: &str) -> Vec<(Kind, Id, Found)> {
        let (_records, index) = indexed(records);
        let query = Query::parse(text, today()).expect("query parses");
        Session::new()
            .search_all(&index, &query)
            .iter()
            .map(|h| {
                let (kind, id, _) = index.record(h).expect("a record");
                (kind, id, h.found)
            })
            .collect()
    }

    fn ids(hits: &[(Kind, Id, Found)]) -> Vec<Id> {
        hits.iter().map(|h| h.1.clone()).collect()
    }

    #[test]
    fn an_exact_word_in_a_title_beats_the_word_in_a_body_and_a_scattered_match() {
        let records = corpus();
        let hits = run(&records, "heat");
        // Titles with the word (newest first), then the body find; "Helped
        // an angry tenant" holds h-e-a-t scattered in its title but also the
        // word in its body, which is an exact find in the text. The review's
        // "with ... progress ... complaints" is too scattered to count.
        assert_eq!(ids(&hits), [id(2), id(21), id(3), id(1)]);
        assert_eq!(hits[0].2, Found::Title);
        assert_eq!(hits[3].2, Found::Text);

        let mut records = corpus();
        records.diary[0].action = "I apologised.".into();
        let hits = run(&records, "heat");
        assert_eq!(ids(&hits), [id(2), id(21), id(3), id(1)]);
        assert_eq!(hits[3].2, Found::Fuzzy, "the scattered match comes last");
    }

    #[test]
    fn recent_beats_old_at_equal_score() {
        // Entries 2 and 3 have the same title; 2 is newer.
        let hits = run(&corpus(), "complaint call");
        let pos = |n| ids(&hits).iter().position(|i| *i == id(n)).expect("found");
        assert!(pos(2) < pos(3));
    }

    #[test]
    fn whole_words_beat_parts_of_words() {
        let mut records = corpus();
        records
            .diary
            .push(entry(5, day(2026, 11, 22), "Billing run was late", "", &[]));
        records
            .diary
            .push(entry(6, day(2026, 1, 1), "A bill that was wrong", "", &[]));
        records.sort();
        let hits = run(&records, "bill");
        // The older entry has "bill" as a word; the newer only "billing".
        let pos = |n| ids(&hits).iter().position(|i| *i == id(n)).expect("found");
        assert!(pos(6) < pos(5), "{hits:?}");
    }

    #[test]
    fn every_word_must_be_found_somewhere() {
        let records = corpus();
        assert_eq!(ids(&run(&records, "meter refund")), [id(4)]);
        assert_eq!(ids(&run(&records, "refund meter")), [id(4)]);
        assert!(run(&records, "refund zebra").is_empty());
        // Phrases match as written, across spaces.
        assert_eq!(ids(&run(&records, "\"meter reads\"")), [id(4)]);
        assert!(run(&records, "\"reads meter\"").is_empty());
    }

    #[test]
    fn a_large_fuzzy_pass_on_several_threads_finds_what_one_thread_finds() {
        // Enough fuzzy candidates to share the matcher across threads: the
        // hits are the same as one pass over them all.
        let n = PARALLEL_FUZZY as u64 + 500;
        let mut records = Records::default();
        for i in 0..n {
            let text = format!("Re-fund call number {i}");
            records.diary.push(entry(
                i + 1,
                day(2026, 1, 1 + (i % 28) as u32),
                &text,
                "",
                &[],
            ));
        }
        records.sort();
        let (_records, index) = indexed(&records);
        let query = Query::parse("refu", today()).expect("query parses");
        let (hits, _) = index
            .search(&query, None, None, &|| false, &mut |_| {})
            .expect("not stopped");
        let everything: Vec<u32> = (0..index.docs.len() as u32).collect();
        let one_pass = index
            .fuzzy_pass(&everything, "refu", &|| false)
            .expect("not stopped");
        assert_eq!(hits.len(), n as usize, "every entry matches fuzzily");
        let mut found: Vec<u32> = hits.iter().map(|h| h.doc).collect();
        let mut expected: Vec<u32> = one_pass.iter().map(|h| h.doc).collect();
        found.sort_unstable();
        expected.sort_unstable();
        assert_eq!(found, expected);
        assert!(hits.iter().all(|h| h.found == Found::Fuzzy));
        assert!(
            hits.windows(2).all(|w| w[0].rank() >= w[1].rank()),
            "ranked after the threads' hits are joined"
        );
    }

    #[test]
    fn fuzzy_matches_the_title_line_only() {
        let records = corpus();
        // "cmplnt" is in no record, but fuzzily in the complaint titles.
        let hits = run(&records, "cmplnt");
        assert!(hits.iter().all(|h| h.2 == Found::Fuzzy));
        assert!(ids(&hits).contains(&id(2)));
        // Scattered letters of a word only in a body are not found.
        assert!(run(&records, "mtrrds").is_empty());
    }

    #[test]
    fn filters_narrow_by_type_tag_source_date_criterion_and_overdue() {
        let records = corpus();
        assert_eq!(ids(&run(&records, "type:feedback")), [id(10), id(11)]);
        assert_eq!(ids(&run(&records, "#COMPLAINT")), [id(2), id(3)]);
        assert!(run(&records, "#nosuchtag").is_empty());
        assert_eq!(ids(&run(&records, "source:customer")), [id(10)]);
        assert_eq!(ids(&run(&records, "source:appraisal")), [id(30)]);
        assert_eq!(
            ids(&run(&records, "after:2026-10-01 before:2026-11-20")),
            [id(2), id(10)]
        );
        assert_eq!(ids(&run(&records, "criterion:1")), [id(30)]);
        assert_eq!(ids(&run(&records, "criterion:2.1")), [id(21), id(20)]);
        // The old CSAT objective is past its date; the review's next one too.
        assert_eq!(ids(&run(&records, "is:overdue")), [id(40), id(20)]);
        assert_eq!(
            ids(&run(&records, "is:overdue type:objective csat")),
            [id(20)]
        );
        // No words: newest first.
        let all = run(&records, "");
        assert_eq!(all.len(), 10);
        assert_eq!(all[0].1, id(1));
    }

    #[test]
    fn names_and_sources_are_in_the_title_line() {
        let records = corpus();
        let hits = run(&records, "patel");
        assert_eq!(hits[0].1, id(10));
        assert_eq!(hits[0].2, Found::Title);
        // "HelPed An Tenant ... thE biLl" comes after, as a fuzzy match.
        assert!(hits[1..].iter().all(|h| h.2 == Found::Fuzzy), "{hits:?}");
        let hits = run(&records, "okoro");
        // The feedback and review name Sam in their title lines; the need
        // only in who agreed it.
        assert_eq!(ids(&hits), [id(11), id(40), id(30)]);
        assert_eq!(hits[2].2, Found::Text);
    }

    #[test]
    fn narrowing_rechecks_only_the_last_matches_and_agrees_with_a_fresh_search() {
        let records = corpus();
        let (_records, index) = indexed(&records);
        let mut session = Session::new();
        let mut typed = String::new();
        for c in "heat ca".chars() {
            typed.push(c);
            let query = Query::parse(&typed, today()).expect("parses");
            let narrowed = session.search_all(&index, &query);
            let fresh = Session::new().search_all(&index, &query);
            assert_eq!(narrowed, fresh, "after typing {typed:?}");
        }
        // A stopped search gives nothing and keeps the last matches.
        let query = Query::parse("heat call", today()).expect("parses");
        assert!(
            session
                .search(&index, &query, &|| true, &mut |_| {})
                .is_none()
        );
    }

    #[test]
    fn shown_hits_mark_what_matched() {
        let records = corpus();
        let (_records, index) = indexed(&records);
        let show = |text: &str| -> Vec<Shown> {
            let query = Query::parse(text, today()).expect("parses");
            Session::new()
                .search_all(&index, &query)
                .iter()
                .filter_map(|h| index.show(h, &query, &records))
                .collect()
        };
        let shown = show("heat");
        assert_eq!(shown[1].kind, Kind::Objective);
        assert_eq!(shown[1].line, "Use HEAT on every complaint call");
        assert_eq!(&shown[1].line[shown[1].line_marks[0].clone()], "HEAT");
        let body = shown[3].excerpt.as_ref().expect("an excerpt");
        assert_eq!(body.field, "Action");
        assert_eq!(body.text, "I followed the heat steps and apologised.");
        assert_eq!(&body.text[body.marks[0].clone()], "heat");
        assert_eq!(shown[0].line, "Used HEAT on a complaint call #complaint");
        assert_eq!(shown[0].date, day(2026, 11, 10));

        let shown = show("cmplnt");
        let s = &shown[0];
        let marked: String = s.line_marks.iter().map(|r| &s.line[r.clone()]).collect();
        assert_eq!(marked.to_lowercase(), "cmplnt");

        // Long fields are cut around the find, at a word.
        let mut records = corpus();
        let four = records
            .diary
            .iter()
            .position(|e| e.id == id(4))
            .expect("entry 4");
        records.diary[four].reflection =
            format!("{} meter {}", "word ".repeat(40), "tail ".repeat(40));
        let (_records, index) = indexed(&records);
        let query = Query::parse("meter", today()).expect("parses");
        let hit = Session::new().search_all(&index, &query)[0];
        let excerpt = index
            .show(&hit, &query, &records)
            .expect("shown")
            .excerpt
            .expect("excerpt");
        assert!(excerpt.text.starts_with("…word "), "{}", excerpt.text);
        assert!(excerpt.text.ends_with("…"), "{}", excerpt.text);
        assert_eq!(&excerpt.text[excerpt.marks[0].clone()], "meter");
        // A record changed since the index was built is not shown wrongly.
        let mut changed = records.clone();
        changed.diary.remove(0);
        assert!(index.show(&hit, &query, &changed).is_none());
    }

    #[test]
    fn a_session_over_the_text_folded_once_finds_what_a_plain_one_finds() {
        let mut records = corpus();
        records
            .diary
            .extend(crate::demo::generated_entries(300, 7, today()));
        records.diary[3].action = "Wrote to ÉLODIE about the REFUND\0 policy".into();
        records.sort();
        let (_records, index) = indexed(&records);
        let text = Arc::new(Text::of_index(&index));
        for typed in [
            "refund",
            "élodie",
            "angry bill",
            "cmplnt",
            "heat ca",
            "#heat",
            "zebra",
        ] {
            let (mut plain, mut kept) = (Session::new(), Session::with_text(Arc::clone(&text)));
            let mut so_far = String::new();
            for c in typed.chars() {
                so_far.push(c);
                let Ok(query) = Query::parse(&so_far, today()) else {
                    continue;
                };
                assert_eq!(
                    plain.search_all(&index, &query),
                    kept.search_all(&index, &query),
                    "{so_far}"
                );
            }
        }
    }

    #[test]
    fn changing_the_records_after_indexing_copies_nothing_and_finds_nothing() {
        let mut shared = Arc::new(corpus());
        let index = Index::build(&shared, today());
        let query = Query::parse("meter", today()).expect("parses");
        assert!(!Session::new().search_all(&index, &query).is_empty());
        let texts = shared.diary.as_ptr();
        Arc::make_mut(&mut shared).diary[0].text = "Changed".into();
        // Changed in place: the index kept no hold on them.
        assert_eq!(shared.diary.as_ptr(), texts);
        assert!(Session::new().search_all(&index, &query).is_empty());
        assert!(Text::of_index(&index).folded.is_empty());
    }

    #[test]
    fn long_text_folds_as_fold_does_with_sep_made_a_space() {
        let texts = [
            "Customer RANG about a REFUND; A-Z @[`{ 0123456789 az AZ",
            "with a NUL\0inside and a DEL\x7f at the end",
            "Ça VA, ÉLODIE: İstanbul ẞtraße \0 ΣΟΦΙΑ",
            "short",
            "",
        ];
        for text in texts {
            let mut out = Vec::new();
            fold_field(text, &mut out);
            let want = super::super::fold(&text.replace(SEP, " "));
            assert_eq!(String::from_utf8(out).expect("UTF-8"), want, "{text}");
        }
        // Every ASCII byte, at every place within the eight read at once.
        let all: String = (0u8..128).map(char::from).collect();
        for skip in 0..8 {
            let mut out = Vec::new();
            fold_field(&all[skip..], &mut out);
            let want = super::super::fold(&all[skip..].replace(SEP, " "));
            assert_eq!(out, want.as_bytes());
        }
    }

    #[test]
    fn unicode_text_folds_and_marks_on_character_boundaries() {
        let mut records = Records::default();
        records.diary.push(entry(
            1,
            day(2026, 1, 1),
            "Rang MADAME ÉLODIE about the café bill",
            "",
            &[],
        ));
        let hits = search_records(
            &Arc::new(records.clone()),
            &Query::parse("élodie café", today()).expect("q"),
            today(),
        );
        assert_eq!(hits.len(), 1);
        let (_records, index) = indexed(&records);
        let query = Query::parse("élodie", today()).expect("q");
        let shown = index.show(&hits[0], &query, &records).expect("shown");
        assert_eq!(&shown.line[shown.line_marks[0].clone()], "ÉLODIE");
    }
}
