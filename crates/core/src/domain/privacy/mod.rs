//! Customer personal data in a learner's words: finding it before a portfolio
//! leaves the learner's hands, and replacing it with stable placeholders.
//!
//! A journal written straight after a call easily holds a customer's e-mail
//! address, phone number, card number or postcode. Those must not reach an
//! assessor (GDPR; readiness rule 10). The scan is deliberately plain: it looks
//! for the shapes of those details, so it can be explained and tested. It
//! cannot recognise names; the export tells the learner so.
//!
//! Every text of every record is scanned by construction: the walk goes
//! through each record's serde serialization (`texts::for_each_text`), so a
//! new field or a new record kind is scanned without anyone listing it, and
//! redaction rewrites exactly the strings that walk visits.

mod shapes;

use super::refs::{RecordRef, RecordType};
use super::{Id, LearnerProfile, Records, WorkspaceHeader, texts};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};

/// What kind of personal detail a hit looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PiiKind {
    Email,
    Phone,
    Card,
    Postcode,
    NationalInsurance,
    BankDetails,
    DateOfBirth,
    Address,
}

impl PiiKind {
    pub fn label(self) -> &'static str {
        match self {
            PiiKind::Email => "e-mail address",
            PiiKind::Phone => "phone number",
            PiiKind::Card => "card number",
            PiiKind::Postcode => "postcode",
            PiiKind::NationalInsurance => "National Insurance number",
            PiiKind::BankDetails => "sort code and account number",
            PiiKind::DateOfBirth => "date of birth",
            PiiKind::Address => "street address",
        }
    }

    fn placeholder_word(self) -> &'static str {
        match self {
            PiiKind::Email => "e-mail",
            PiiKind::Phone => "phone",
            PiiKind::Card => "card",
            PiiKind::Postcode => "postcode",
            PiiKind::NationalInsurance => "NI number",
            PiiKind::BankDetails => "bank details",
            PiiKind::DateOfBirth => "date of birth",
            PiiKind::Address => "address",
        }
    }
}

/// One stretch of text that looks like personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: PiiKind,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
}

/// A hit in a workspace: what, and where (record and field).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: PiiKind,
    pub record: RecordRef,
    /// The field's label, e.g. "Situation" or "feedback text".
    pub field: &'static str,
    /// The matched text.
    pub text: String,
}

impl Hit {
    /// The matched text with most of it hidden, for lists shown on screen.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let keep = match self.kind {
            PiiKind::Card | PiiKind::Phone | PiiKind::BankDetails => 4,
            _ => 2,
        };
        let n = chars.len();
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let shown = match self.kind {
                    PiiKind::Card | PiiKind::Phone | PiiKind::BankDetails => i + keep >= n,
                    _ => i < keep,
                };
                if shown || c.is_whitespace() || *c == '@' || *c == '.' {
                    *c
                } else {
                    '•'
                }
            })
            .collect()
    }
}

fn is_email_local(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-'".contains(c)
}

fn is_email_domain(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-'
}

fn emails(text: &str, out: &mut Vec<Found>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && is_email_local(bytes[start - 1] as char) {
            start -= 1;
        }
        while start < at && !bytes[start].is_ascii_alphanumeric() {
            start += 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_email_domain(bytes[end] as char) {
            end += 1;
        }
        while end > at + 1 && !bytes[end - 1].is_ascii_alphanumeric() {
            end -= 1;
        }
        if start == at || end <= at + 1 {
            continue;
        }
        let domain = &text[at + 1..end];
        let Some((_, tld)) = domain.rsplit_once('.') else {
            continue;
        };
        if tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()) {
            out.push(Found {
                kind: PiiKind::Email,
                start,
                end,
            });
        }
    }
}

/// Passes the Luhn checksum that every payment card number carries.
pub fn luhn(digits: &[u8]) -> bool {
    if digits.is_empty() {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Numbers written in groups (`0113 496 0000`, `+44 (0)113-496-0000`,
/// `4111 1111 1111 1111`): phone or card numbers by their digits. Works on
/// bytes: every character that matters is ASCII, and the bytes of other
/// characters (all 0x80 or above) count as letters.
fn numbers(text: &str, out: &mut Vec<Found>) {
    let b = text.as_bytes();
    let wordish = |x: u8| x.is_ascii_alphanumeric() || x >= 0x80;
    let mut digits: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next_digit = b.get(i + 1).is_some_and(u8::is_ascii_digit);
        let starts_number = c.is_ascii_digit() || ((c == b'+' || c == b'(') && next_digit);
        let preceded_by_word = i > 0 && (wordish(b[i - 1]) || b[i - 1] == b'.' || b[i - 1] == b'-');
        if !starts_number || preceded_by_word {
            i += 1;
            continue;
        }
        // Extend over digits and single separators between digit groups.
        let mut j = i;
        let mut last_digit = None;
        digits.clear();
        let mut plus = false;
        while j < b.len() {
            let ch = b[j];
            let next = b.get(j + 1).copied();
            if ch.is_ascii_digit() {
                digits.push(ch - b'0');
                last_digit = Some(j);
                j += 1;
            } else if ch == b'+' && j == i {
                plus = true;
                j += 1;
            } else if matches!(ch, b' ' | b'-' | b'(' | b')')
                && next.is_some_and(|n| {
                    n.is_ascii_digit() || (ch == b')' && n == b' ') || (ch == b' ' && n == b'(')
                })
            {
                j += 1;
            } else {
                break;
            }
        }
        let Some(last) = last_digit else {
            i += 1;
            continue;
        };
        let followed_by_word = b.get(last + 1).is_some_and(|&x| wordish(x) || x == b'%');
        let kind = if followed_by_word {
            None
        } else {
            classify(&digits, plus)
        };
        if let Some(kind) = kind {
            out.push(Found {
                kind,
                start: i,
                end: last + 1,
            });
        }
        i = last + 1;
    }
}

fn classify(digits: &[u8], plus: bool) -> Option<PiiKind> {
    let n = digits.len();
    if !plus && (13..=19).contains(&n) && luhn(digits) {
        return Some(PiiKind::Card);
    }
    if plus {
        // +44 7700 900123, +353 ...: an international number.
        if (10..=15).contains(&n) {
            return Some(PiiKind::Phone);
        }
        return None;
    }
    // UK numbers: 0 then 9 or 10 more digits (01134960000, 07700 900123).
    if digits.first() == Some(&0) && (n == 10 || n == 11) && digits.get(1) != Some(&0) {
        return Some(PiiKind::Phone);
    }
    // 0044 113 496 0000
    if digits.starts_with(&[0, 0]) && (12..=15).contains(&n) {
        return Some(PiiKind::Phone);
    }
    None
}

/// UK postcodes: `LS1 4AP`, `SW1A 1AA`, `M1 1AE`, `B33 8TH` (the space may be
/// missing when written in capitals). Works on bytes, like [`numbers`].
fn postcodes(text: &str, out: &mut Vec<Found>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_alphabetic()
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] >= 0x80));
        if starts && let Some(len) = postcode_at(&b[i..]) {
            out.push(Found {
                kind: PiiKind::Postcode,
                start: i,
                end: i + len,
            });
            i += len;
            continue;
        }
        i += 1;
    }
}

/// The length in bytes of a postcode at the start of `s`, if there is one.
fn postcode_at(s: &[u8]) -> Option<usize> {
    let c = |k: usize| s.get(k).copied();
    let alpha = |k: usize| c(k).is_some_and(|x| x.is_ascii_alphabetic());
    let digit = |k: usize| c(k).is_some_and(|x| x.is_ascii_digit());
    // Outward code: A9, A99, A9A, AA9, AA99, AA9A (longest first).
    const OUTWARD: [&[u8]; 6] = [b"AANA", b"AANN", b"AAN", b"ANA", b"ANN", b"AN"];
    for shape in OUTWARD {
        let fits = shape.iter().enumerate().all(|(k, t)| match t {
            b'A' => alpha(k),
            _ => digit(k),
        });
        if !fits {
            continue;
        }
        let mut k = shape.len();
        let spaced = c(k) == Some(b' ');
        if spaced {
            k += 1;
        }
        // Inward code: 9AA.
        if !(digit(k) && alpha(k + 1) && alpha(k + 2)) {
            continue;
        }
        let end = k + 3;
        if c(end).is_some_and(|x| x.is_ascii_alphanumeric() || x >= 0x80) {
            continue;
        }
        let code = &s[..end];
        let upper = !code.iter().any(u8::is_ascii_lowercase);
        let lower = !code.iter().any(u8::is_ascii_uppercase);
        // Without the space only capitals count; lower-case postcodes only
        // when every letter is lower case ("ls1 4ap"), so mixed-case words stay out.
        if !upper && (!spaced || !lower) {
            continue;
        }
        return Some(end);
    }
    None
}

/// Every stretch of `text` that looks like personal data, in order, not overlapping.
pub fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let has_digit = bytes.iter().any(u8::is_ascii_digit);
    // A spelled-out address needs the word "at" and the word "dot" or a dot.
    let spelled = has_at_word(bytes) && (bytes.contains(&b'.') || has_word_ci(text, "dot"));
    // The words, split once for every detector that reads words.
    let words = if has_digit || spelled {
        shapes::words(text)
    } else {
        Vec::new()
    };
    // The word-shaped details go first: where two detectors claim the same
    // stretch, the more specific name wins ("bank details", not "card").
    if has_digit {
        shapes::bank_details(text, &words, &mut found);
        shapes::national_insurance(text, &mut found);
        shapes::dates_of_birth(text, &words, &mut found);
        shapes::addresses(text, &words, &mut found);
    }
    if spelled {
        shapes::spelled_emails(text, &words, &mut found);
    }
    if bytes.contains(&b'@') {
        emails(text, &mut found);
    }
    if has_digit {
        numbers(text, &mut found);
        postcodes(text, &mut found);
    }
    if found.is_empty() {
        return found;
    }
    // Stable: at one start the longest wins, then the earlier detector.
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        if out.last().is_some_and(|l| f.start < l.end) {
            continue; // a number inside an e-mail address, say
        }
        out.push(f);
    }
    out
}

/// Whether `b` may hold "at", in any case, as a word of its own: the one
/// word a spelled-out e-mail address cannot do without. (Never false when
/// it does; now and then true when "at" only ends a word joined by an
/// apostrophe.)
fn has_at_word(b: &[u8]) -> bool {
    let mut from = 0;
    while let Some(k) = memchr::memchr2(b't', b'T', &b[from..]) {
        let t = from + k;
        from = t + 1;
        if t == 0 || b[t - 1] | 0x20 != b'a' {
            continue;
        }
        let starts = t < 2 || !shapes::is_word_byte(b[t - 2]);
        let ends = b.get(t + 1).is_none_or(|&n| !shapes::is_word_byte(n));
        if starts && ends {
            return true;
        }
    }
    false
}

fn has_word_ci(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// The sentence holding byte `at`: from after the last sentence end before
/// it to the next one ('.', '!' or '?' before a space, ';', or a line break).
fn sentence_bounds(text: &str, at: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let ends_here = |i: usize| match b[i] {
        b'\n' => true,
        b'.' | b'!' | b'?' => b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
        _ => false,
    };
    let at = at.min(b.len());
    let mut start = at;
    while start > 0 && !ends_here(start - 1) {
        start -= 1;
    }
    let mut end = at;
    while end < b.len() && !ends_here(end) {
        end += 1;
    }
    (start, end)
}

/// The id hits in the learner's profile carry: the profile is no record.
fn profile_ref() -> RecordRef {
    RecordRef {
        kind: RecordType::Profile,
        id: Id::from_parts(0, [0; 10]),
        date: None,
        title: "your profile".into(),
    }
}

/// A field's name as a learner reads it in a message.
fn label(kind: RecordType, field: &'static str) -> &'static str {
    match (kind, field) {
        (RecordType::Diary, "situation") => "Situation",
        (RecordType::Diary, "task") => "Task",
        (RecordType::Diary, "action") => "Action",
        (RecordType::Diary, "result") => "Result",
        (RecordType::Diary, "reflection") => "Reflection",
        (RecordType::Feedback, "text") => "feedback text",
        (RecordType::Objective | RecordType::Review, "text") => "progress note",
        (_, "how") => "how measured",
        (_, "agreed_with") => "agreed with",
        (_, "job_role") => "job role",
        (_, "original_name") => "file name",
        (_, "stored_name") => "stored file name",
        (_, "who") if kind == RecordType::Review => "participants",
        (_, other) => other,
    }
}

/// Called with a way to name the record (on demand), the field's label and its text.
pub type TextVisitor<'a> = dyn FnMut(&dyn Fn() -> RecordRef, &'static str, &str) + 'a;

fn walk<T: Serialize>(
    list: &[T],
    kind: RecordType,
    to_ref: fn(&T) -> RecordRef,
    f: &mut TextVisitor<'_>,
) {
    for record in list {
        let named = || to_ref(record);
        texts::for_each_text(record, &mut |field, text| {
            f(&named, label(kind, field), text)
        });
    }
}

/// Calls `f` with every text of every record: each string its serde
/// serialization writes, so no field and no kind can be left out. The
/// pattern below names every list of `Records`: a new kind of record does
/// not compile until it is walked here too.
pub fn for_each_text(records: &Records, f: &mut TextVisitor<'_>) {
    let Records {
        diary,
        needs,
        objectives,
        activities,
        feedback,
        kpis,
        reviews,
        evidence,
        witnesses,
        signoffs,
        practice,
        coaching,
    } = records;
    walk(diary, RecordType::Diary, |r| r.to_ref(), f);
    walk(needs, RecordType::Need, |r| r.to_ref(), f);
    walk(objectives, RecordType::Objective, |r| r.to_ref(), f);
    walk(activities, RecordType::Activity, |r| r.to_ref(), f);
    walk(feedback, RecordType::Feedback, |r| r.to_ref(), f);
    walk(kpis, RecordType::Kpi, |r| r.to_ref(), f);
    walk(reviews, RecordType::Review, |r| r.to_ref(), f);
    walk(evidence, RecordType::Evidence, |r| r.to_ref(), f);
    walk(witnesses, RecordType::Witness, |r| r.to_ref(), f);
    walk(signoffs, RecordType::SignOff, |r| r.to_ref(), f);
    walk(practice, RecordType::Practice, |r| r.to_ref(), f);
    walk(coaching, RecordType::Coaching, |r| r.to_ref(), f);
}

/// `text` with each detail replaced by its kind in brackets ("[phone number]").
pub fn mask_details(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in find(text) {
        out.push_str(&text[at..f.start]);
        out.push_str(&format!("[{}]", f.kind.label()));
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

fn hits_of(record: &dyn Fn() -> RecordRef, field: &'static str, text: &str, hits: &mut Vec<Hit>) {
    for found in find(text) {
        // The record's title may quote the detail itself: hide it there.
        let mut record = record();
        record.title = mask_details(&record.title).into();
        hits.push(Hit {
            kind: found.kind,
            record,
            field,
            text: text[found.start..found.end].to_string(),
        });
    }
}

/// Every hit in a workspace's records.
pub fn scan(records: &Records) -> Vec<Hit> {
    let mut hits = Vec::new();
    for_each_text(records, &mut |record, field, text| {
        hits_of(record, field, text, &mut hits);
    });
    hits
}

/// Every hit in the learner's profile (name, organisation, job role...):
/// an export shows them, so they are scanned like any record.
pub fn scan_profile(profile: &LearnerProfile) -> Vec<Hit> {
    let mut hits = Vec::new();
    texts::for_each_text(profile, &mut |field, text| {
        hits_of(
            &profile_ref,
            label(RecordType::Profile, field),
            text,
            &mut hits,
        );
    });
    hits
}

/// Every hit in what an export shows: the profile, then the records.
pub fn scan_workspace(header: &WorkspaceHeader, records: &Records) -> Vec<Hit> {
    let mut hits = scan_profile(&header.profile);
    hits.extend(scan(records));
    hits
}

/// What looks personal in one record being captured, as a warning to show
/// at once ("Situation: a phone number (•••• 0123)"), one line per field.
pub fn capture_warnings<T: Serialize + ?Sized>(record: &T) -> Vec<String> {
    let mut out = Vec::new();
    texts::for_each_text(record, &mut |field, text| {
        if let Some(note) = capture_note(text) {
            out.push(format!("{}: {note}", field.replace('_', " ")));
        }
    });
    out
}

/// The note for one text as it is typed: which details look like a
/// customer's, masked, and what to do. `None` when nothing does.
pub fn capture_note(text: &str) -> Option<String> {
    let found = find(text);
    if found.is_empty() {
        return None;
    }
    let shown: Vec<String> = found
        .iter()
        .map(|f| {
            let hit = Hit {
                kind: f.kind,
                record: profile_ref(),
                field: "",
                text: text[f.start..f.end].to_string(),
            };
            format!("{} ({})", f.kind.label(), hit.masked())
        })
        .collect();
    Some(format!(
        "looks like a customer's {}: keep customers' details out of your records (an export refuses them)",
        shown.join(", ")
    ))
}

/// The placeholders given to each distinct detail: the same detail always
/// gets the same placeholder, and the details of one sentence are taken to
/// be one customer's ("Customer A phone", "Customer A e-mail"), so a reader
/// can still follow who is who.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Redaction {
    /// Normalised detail -> (customer number, placeholder).
    by_value: BTreeMap<(PiiKind, String), (usize, String)>,
    /// Customers handed out so far.
    customers: usize,
    /// Placeholders in use, so two details never share one.
    used: BTreeSet<String>,
    /// Placeholder -> the text it replaced (first spelling seen).
    originals: Vec<(String, String)>,
}

fn normalise(kind: PiiKind, text: &str) -> String {
    let squeezed = || {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_uppercase()
    };
    match kind {
        PiiKind::Email => shapes::canonical_email(text),
        PiiKind::Phone => {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            // +44 113..., +44 (0)113..., 0044 113... and 0113... are one number.
            let national = if text.trim_start().starts_with('+') {
                digits.strip_prefix("44")
            } else {
                digits.strip_prefix("0044")
            };
            match national {
                Some(rest) => format!("0{}", rest.trim_start_matches('0')),
                None => digits,
            }
        }
        PiiKind::Card | PiiKind::BankDetails => text.chars().filter(char::is_ascii_digit).collect(),
        PiiKind::Postcode | PiiKind::NationalInsurance | PiiKind::DateOfBirth => squeezed(),
        PiiKind::Address => text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    }
}

/// "A", "B", ... "Z", "AA", "AB"...
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push((b'A' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

impl Redaction {
    /// The placeholder for a detail of customer `customer`, or the one it
    /// was given before.
    fn placeholder(&mut self, kind: PiiKind, text: &str, customer: usize) -> String {
        let key = (kind, normalise(kind, text));
        if let Some((_, p)) = self.by_value.get(&key) {
            return p.clone();
        }
        let base = format!("Customer {} {}", letters(customer), kind.placeholder_word());
        let mut p = format!("[{base}]");
        let mut n = 2;
        while self.used.contains(&p) {
            p = format!("[{base} {n}]");
            n += 1;
        }
        self.used.insert(p.clone());
        self.by_value.insert(key, (customer, p.clone()));
        self.originals.push((p.clone(), text.to_string()));
        p
    }

    /// Replaces every detail in `text` with its placeholder.
    pub fn redact(&mut self, text: &str) -> String {
        let found = find(text);
        if found.is_empty() {
            return text.to_string();
        }
        // The customer of each sentence: one whose detail was seen before
        // (in an earlier text or an earlier sentence), else the next letter.
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        let mut rest = &found[..];
        while let Some(first) = rest.first() {
            let sentence = sentence_bounds(text, first.start);
            let n = rest
                .iter()
                .take_while(|f| sentence_bounds(text, f.start) == sentence)
                .count();
            let (group, after) = rest.split_at(n);
            rest = after;
            let known = group.iter().find_map(|f| {
                let key = (f.kind, normalise(f.kind, &text[f.start..f.end]));
                self.by_value.get(&key).map(|(c, _)| *c)
            });
            let customer = known.unwrap_or_else(|| {
                self.customers += 1;
                self.customers - 1
            });
            for f in group {
                out.push_str(&text[at..f.start]);
                out.push_str(&self.placeholder(f.kind, &text[f.start..f.end], customer));
                at = f.end;
            }
        }
        out.push_str(&text[at..]);
        out
    }

    /// Puts the original details back (for a learner checking a redaction).
    pub fn restore(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (p, original) in &self.originals {
            out = out.replace(p, original);
        }
        out
    }

    /// Placeholders handed out, with what each replaced, in order.
    pub fn placeholders(&self) -> &[(String, String)] {
        &self.originals
    }
}

/// A record that could not be written back after redaction (it should not
/// happen: only free text changes).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("could not redact {record}: {reason}")]
pub struct Unredactable {
    pub record: String,
    pub reason: String,
}

fn redact_json(value: &mut serde_json::Value, redaction: &mut Redaction) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            let redacted = redaction.redact(s);
            if redacted != *s {
                *s = redacted;
            }
        }
        Value::Array(items) => {
            for item in items {
                redact_json(item, redaction);
            }
        }
        Value::Object(map) => {
            // Keys are texts too (the walk visits map keys): rebuild the map.
            let old = std::mem::take(map);
            for (key, mut item) in old {
                redact_json(&mut item, redaction);
                map.insert(redaction.redact(&key), item);
            }
        }
        _ => {}
    }
}

/// `record` with every detail in every string replaced: the record goes
/// through its serde form, so the strings redacted are the strings
/// [`scan`] visits. A record with nothing found is copied as it is.
fn redact_one<T: Serialize + DeserializeOwned + Clone>(
    record: &T,
    name: impl Fn() -> String,
    redaction: &mut Redaction,
) -> Result<T, Unredactable> {
    let mut any = false;
    texts::for_each_text(record, &mut |_, text| {
        any = any || !find(text).is_empty();
    });
    if !any {
        return Ok(record.clone());
    }
    let fail = |e: serde_json::Error| Unredactable {
        record: name(),
        reason: e.to_string(),
    };
    let mut value = serde_json::to_value(record).map_err(fail)?;
    redact_json(&mut value, redaction);
    serde_json::from_value(value).map_err(fail)
}

fn redact_list<T: Serialize + DeserializeOwned + Clone>(
    list: &[T],
    to_ref: fn(&T) -> RecordRef,
    redaction: &mut Redaction,
) -> Result<Vec<T>, Unredactable> {
    list.iter()
        .map(|r| redact_one(r, || to_ref(r).describe(), redaction))
        .collect()
}

/// A copy of `records` with every detail replaced by its placeholder.
pub fn redact_records(records: &Records) -> Result<(Records, Redaction), Unredactable> {
    let mut redaction = Redaction::default();
    let copy = redact_with(records, &mut redaction)?;
    Ok((copy, redaction))
}

fn redact_with(records: &Records, red: &mut Redaction) -> Result<Records, Unredactable> {
    let Records {
        diary,
        needs,
        objectives,
        activities,
        feedback,
        kpis,
        reviews,
        evidence,
        witnesses,
        signoffs,
        practice,
        coaching,
    } = records;
    Ok(Records {
        diary: redact_list(diary, |r| r.to_ref(), red)?,
        needs: redact_list(needs, |r| r.to_ref(), red)?,
        objectives: redact_list(objectives, |r| r.to_ref(), red)?,
        activities: redact_list(activities, |r| r.to_ref(), red)?,
        feedback: redact_list(feedback, |r| r.to_ref(), red)?,
        kpis: redact_list(kpis, |r| r.to_ref(), red)?,
        reviews: redact_list(reviews, |r| r.to_ref(), red)?,
        evidence: redact_list(evidence, |r| r.to_ref(), red)?,
        witnesses: redact_list(witnesses, |r| r.to_ref(), red)?,
        signoffs: redact_list(signoffs, |r| r.to_ref(), red)?,
        practice: redact_list(practice, |r| r.to_ref(), red)?,
        coaching: redact_list(coaching, |r| r.to_ref(), red)?,
    })
}

/// What an export shows, redacted: the header (the profile) and the records.
pub fn redact_workspace(
    header: &WorkspaceHeader,
    records: &Records,
) -> Result<(WorkspaceHeader, Records, Redaction), Unredactable> {
    let mut redaction = Redaction::default();
    let mut header = header.clone();
    header.profile = redact_one(&header.profile, || "your profile".into(), &mut redaction)?;
    let records = redact_with(records, &mut redaction)?;
    Ok((header, records, redaction))
}

#[cfg(test)]
mod evidence_tests {
    use super::*;
    use crate::domain::testkit::*;

    #[test]
    fn evidence_titles_descriptions_and_file_names_are_scanned() {
        let d = day(2026, 3, 1);
        let mut r = Records::default();
        r.evidence.push(crate::domain::EvidenceFile {
            format: 1,
            id: id(1),
            date: d,
            created: at(d),
            updated: at(d),
            title: "Call notes".into(),
            kind: crate::domain::EvidenceKind::WorkProduct,
            description: "Mrs K's account".into(),
            links: Vec::new(),
            criteria: Vec::new(),
            original_name: "letter from jane.doe@example.co.uk.pdf".into(),
            stored_name: "letter from jane.doe@example.co.uk.pdf".into(),
            size: 3,
            sha256: String::new(),
        });
        let hits = scan(&r);
        let fields: Vec<&str> = hits.iter().map(|h| h.field).collect();
        assert!(fields.contains(&"file name"), "{fields:?}");
    }
}

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod every_field_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PiiKind, &str)> {
        find(text)
            .into_iter()
            .map(|f| (f.kind, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn finds_email_addresses() {
        assert_eq!(
            kinds("She wrote from jo.bloggs+bills@example.co.uk, angry."),
            vec![(PiiKind::Email, "jo.bloggs+bills@example.co.uk")]
        );
        assert_eq!(
            kinds("(mark_o'neill@mail.com)"),
            vec![(PiiKind::Email, "mark_o'neill@mail.com")]
        );
    }

    #[test]
    fn finds_an_email_address_spelled_out_in_capitals() {
        // A note typed with caps lock on: before, only a lower-case "at"
        // let the spelled-out detector run at all.
        for text in [
            "HER EMAIL IS PRIYA DOT SHAH AT GMAIL DOT COM",
            "Write to Jo Bloggs At example.co.uk please",
        ] {
            let found: Vec<PiiKind> = find(text).iter().map(|f| f.kind).collect();
            assert_eq!(found, vec![PiiKind::Email], "{text}");
        }
        // "at" inside a word is no address: "that", "what", "Athens".
        assert!(find("What was that about Athens dot com?").is_empty());
        assert_eq!(
            kinds("HER EMAIL IS PRIYA DOT SHAH AT GMAIL DOT COM"),
            vec![(PiiKind::Email, "PRIYA DOT SHAH AT GMAIL DOT COM")]
        );
    }

    #[test]
    fn finds_uk_and_international_phone_numbers() {
        for (text, number) in [
            ("call him on 0113 496 0000 later", "0113 496 0000"),
            ("mobile 07700 900123.", "07700 900123"),
            ("ring 07700-900-123", "07700-900-123"),
            ("+44 7700 900123 works", "+44 7700 900123"),
            ("tel: +44 (0)113 496 0000", "+44 (0)113 496 0000"),
            ("number 01134960000", "01134960000"),
        ] {
            assert_eq!(kinds(text), vec![(PiiKind::Phone, number)], "{text}");
        }
    }

    #[test]
    fn finds_card_numbers_that_pass_luhn() {
        assert_eq!(
            kinds("card 4111 1111 1111 1111 declined"),
            vec![(PiiKind::Card, "4111 1111 1111 1111")]
        );
        assert_eq!(
            kinds("5500-0000-0000-0004"),
            vec![(PiiKind::Card, "5500-0000-0000-0004")]
        );
        assert!(kinds("ref 4111 1111 1111 1112").is_empty(), "fails Luhn");
    }

    #[test]
    fn finds_uk_postcodes() {
        for (text, code) in [
            ("lives at LS1 4AP now", "LS1 4AP"),
            ("SW1A 1AA", "SW1A 1AA"),
            ("moved to M1 1AE.", "M1 1AE"),
            ("B338TH", "B338TH"),
            ("in ls6 2ab", "ls6 2ab"),
        ] {
            assert_eq!(kinds(text), vec![(PiiKind::Postcode, code)], "{text}");
        }
    }

    #[test]
    fn leaves_ordinary_journal_text_alone() {
        for text in [
            "CSAT 82% against a team average of 87% and the 85% standard.",
            "Raise my FCR from 68% to 75% by 2026-03-31, checked monthly.",
            "AHT 412 s; 14 PSR referrals last quarter; 3 calls escalated.",
            "Meet at 09:00 on 31/12/2026 in room 2.",
            "Used HEAT and LAST on every call; NPS -12 to +4.",
            "Account 12345678 had an estimated read of 4521 kWh.",
            "Level 3 NVQ Diploma, unit 2.3, criteria 1.1 and 1.2.",
            "Invoice INV-2026-004411 and order 1234567890123 (no checksum).",
            "email me @ the office; see www.example.com",
            "Q3 2ab was the code name", // mixed case: not a postcode
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn luhn_checks_the_standard_test_numbers() {
        let d = |s: &str| s.bytes().map(|b| b - b'0').collect::<Vec<u8>>();
        assert!(luhn(&d("4111111111111111")));
        assert!(luhn(&d("378282246310005")));
        assert!(!luhn(&d("4111111111111112")));
    }

    #[test]
    fn redaction_is_stable_and_round_trips() {
        let text = "Mrs X (jo@example.com, 0113 496 0000) rang back; \
                    jo@example.com again, card 4111 1111 1111 1111, LS1 4AP.";
        let mut r = Redaction::default();
        let redacted = r.redact(text);
        assert_eq!(
            redacted,
            "Mrs X ([Customer A e-mail], [Customer A phone]) rang back; \
             [Customer A e-mail] again, card [Customer A card], [Customer A postcode]."
        );
        assert!(find(&redacted).is_empty(), "nothing left to find");
        assert_eq!(
            r.redact(&redacted),
            redacted,
            "redacting twice changes nothing"
        );
        assert_eq!(r.restore(&redacted), text);
        // The same detail in another text gets the same placeholder.
        assert_eq!(r.redact("JO@EXAMPLE.COM"), "[Customer A e-mail]");
        assert_eq!(r.redact("+44 113 496 0000"), "[Customer A phone]");
    }

    #[test]
    fn hits_never_repeat_the_detail_in_the_records_title() {
        let mut r = Records::default();
        let mut e = crate::domain::testkit::star_entry(1, crate::domain::testkit::day(2026, 1, 1));
        e.situation = "Mr T on 07700 900123 rang".into();
        r.diary.push(e);
        let hits = scan(&r);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].field, "Situation");
        assert_eq!(&*hits[0].record.title, "Mr T on [phone number] rang");
    }

    #[test]
    fn placeholders_run_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }

    #[test]
    fn masked_hits_hide_most_of_the_detail() {
        let hit = |kind, text: &str| Hit {
            kind,
            record: crate::domain::testkit::star_entry(1, crate::domain::testkit::day(2026, 1, 1))
                .to_ref(),
            field: "Situation",
            text: text.into(),
        };
        assert_eq!(
            hit(PiiKind::Card, "4111 1111 1111 1111").masked(),
            "•••• •••• •••• 1111"
        );
        assert_eq!(hit(PiiKind::Email, "jo@ex.com").masked(), "jo@••.•••");
    }
}
