//! Customer personal data in a learner's words: finding it before a portfolio
//! leaves the learner's hands, and replacing it with stable placeholders.
//!
//! A journal written straight after a call easily holds a customer's e-mail
//! address, phone number, card number or postcode. Those must not reach an
//! assessor (GDPR; readiness rule 10). The scan is deliberately plain: it looks
//! for the shapes of those details, so it can be explained and tested. It
//! cannot recognise names; the export tells the learner so.

use super::Records;
use super::refs::RecordRef;
use std::collections::BTreeMap;

/// What kind of personal detail a hit looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PiiKind {
    Email,
    Phone,
    Card,
    Postcode,
}

impl PiiKind {
    pub fn label(self) -> &'static str {
        match self {
            PiiKind::Email => "e-mail address",
            PiiKind::Phone => "phone number",
            PiiKind::Card => "card number",
            PiiKind::Postcode => "postcode",
        }
    }

    fn placeholder_word(self) -> &'static str {
        match self {
            PiiKind::Email => "e-mail",
            PiiKind::Phone => "phone",
            PiiKind::Card => "card",
            PiiKind::Postcode => "postcode",
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
            PiiKind::Card | PiiKind::Phone => 4,
            PiiKind::Email | PiiKind::Postcode => 2,
        };
        let n = chars.len();
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let shown = match self.kind {
                    PiiKind::Card | PiiKind::Phone => i + keep >= n,
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
        let mut digits: Vec<u8> = Vec::new();
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
    // Every detail holds a digit or an `@`: most texts are ruled out at once.
    if bytes.contains(&b'@') {
        emails(text, &mut found);
    }
    if bytes.iter().any(u8::is_ascii_digit) {
        numbers(text, &mut found);
        postcodes(text, &mut found);
    }
    if found.is_empty() {
        return found;
    }
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

/// Calls `f` with every free-text field of every record a portfolio shows,
/// with the record and the field's label. The fields are mutable so the same
/// walk serves redaction.
pub fn visit_texts(
    records: &mut Records,
    f: &mut dyn FnMut(&RecordRef, &'static str, &mut String),
) {
    for e in &mut records.diary {
        let r = e.to_ref();
        f(&r, "Situation", &mut e.situation);
        f(&r, "Task", &mut e.task);
        f(&r, "Action", &mut e.action);
        f(&r, "Result", &mut e.result);
        f(&r, "Reflection", &mut e.reflection);
        f(&r, "text", &mut e.text);
    }
    for n in &mut records.needs {
        let r = n.to_ref();
        f(&r, "area", &mut n.area);
        f(&r, "evidence", &mut n.evidence);
    }
    for o in &mut records.objectives {
        let r = o.to_ref();
        visit_objective(o, &r, f);
    }
    for a in &mut records.activities {
        let r = a.to_ref();
        f(&r, "title", &mut a.title);
        f(&r, "resource", &mut a.resource);
        f(&r, "reaction", &mut a.impact.reaction);
        f(&r, "learning", &mut a.impact.learning);
        f(&r, "behaviour", &mut a.impact.behaviour);
        f(&r, "results", &mut a.impact.results);
        f(&r, "applied", &mut a.applied);
    }
    for fb in &mut records.feedback {
        let r = fb.to_ref();
        f(&r, "who", &mut fb.who);
        f(&r, "feedback text", &mut fb.text);
        f(&r, "reflection", &mut fb.reflection);
        f(&r, "action", &mut fb.action);
    }
    for k in &mut records.kpis {
        let r = k.to_ref();
        f(&r, "note", &mut k.note);
    }
    for rv in &mut records.reviews {
        let r = rv.to_ref();
        f(&r, "summary", &mut rv.summary);
        for c in &mut rv.changes {
            f(&r, "reason", &mut c.reason);
        }
        for o in &mut rv.plan {
            visit_objective(o, &r, f);
        }
    }
    for e in &mut records.evidence {
        let r = e.to_ref();
        f(&r, "title", &mut e.title);
        f(&r, "description", &mut e.description);
        f(&r, "file name", &mut e.original_name);
    }
    for w in &mut records.witnesses {
        let r = w.to_ref();
        f(&r, "observed", &mut w.observed);
    }
    for s in &mut records.signoffs {
        let r = s.to_ref();
        f(&r, "remark", &mut s.remark);
    }
}

fn visit_objective(
    o: &mut super::Objective,
    r: &RecordRef,
    f: &mut dyn FnMut(&RecordRef, &'static str, &mut String),
) {
    f(r, "statement", &mut o.statement);
    f(r, "baseline", &mut o.measure.baseline);
    f(r, "target", &mut o.measure.target);
    f(r, "how measured", &mut o.measure.how);
    f(r, "support", &mut o.support);
    f(r, "relevance", &mut o.relevance);
    for p in &mut o.progress {
        f(r, "progress note", &mut p.text);
    }
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

/// Called with a way to name the record (on demand), the field's label and its text.
pub type TextVisitor<'a> = dyn FnMut(&dyn Fn() -> RecordRef, &'static str, &str) + 'a;

/// Calls `f` with every free-text field [`visit_texts`] walks, read-only and
/// without copying; the record is named only when asked (on a hit).
pub fn for_each_text(records: &Records, f: &mut TextVisitor<'_>) {
    for e in &records.diary {
        let r = || e.to_ref();
        for (name, text) in [
            ("Situation", &e.situation),
            ("Task", &e.task),
            ("Action", &e.action),
            ("Result", &e.result),
            ("Reflection", &e.reflection),
            ("text", &e.text),
        ] {
            f(&r, name, text);
        }
    }
    for n in &records.needs {
        let r = || n.to_ref();
        f(&r, "area", &n.area);
        f(&r, "evidence", &n.evidence);
    }
    for o in &records.objectives {
        let r = || o.to_ref();
        objective_texts(o, &r, f);
    }
    for a in &records.activities {
        let r = || a.to_ref();
        for (name, text) in [
            ("title", &a.title),
            ("resource", &a.resource),
            ("reaction", &a.impact.reaction),
            ("learning", &a.impact.learning),
            ("behaviour", &a.impact.behaviour),
            ("results", &a.impact.results),
            ("applied", &a.applied),
        ] {
            f(&r, name, text);
        }
    }
    for fb in &records.feedback {
        let r = || fb.to_ref();
        for (name, text) in [
            ("who", &fb.who),
            ("feedback text", &fb.text),
            ("reflection", &fb.reflection),
            ("action", &fb.action),
        ] {
            f(&r, name, text);
        }
    }
    for k in &records.kpis {
        let r = || k.to_ref();
        f(&r, "note", &k.note);
    }
    for rv in &records.reviews {
        let r = || rv.to_ref();
        f(&r, "summary", &rv.summary);
        for c in &rv.changes {
            f(&r, "reason", &c.reason);
        }
        for o in &rv.plan {
            objective_texts(o, &r, f);
        }
    }
    for e in &records.evidence {
        let r = || e.to_ref();
        for (name, text) in [
            ("title", &e.title),
            ("description", &e.description),
            ("file name", &e.original_name),
            ("stored file name", &e.stored_name),
        ] {
            f(&r, name, text);
        }
    }
    for w in &records.witnesses {
        let r = || w.to_ref();
        f(&r, "observed", &w.observed);
    }
    for s in &records.signoffs {
        let r = || s.to_ref();
        f(&r, "remark", &s.remark);
    }
}

fn objective_texts(o: &super::Objective, r: &dyn Fn() -> RecordRef, f: &mut TextVisitor<'_>) {
    for (name, text) in [
        ("statement", &o.statement),
        ("baseline", &o.measure.baseline),
        ("target", &o.measure.target),
        ("how measured", &o.measure.how),
        ("support", &o.support),
        ("relevance", &o.relevance),
    ] {
        f(r, name, text);
    }
    for p in &o.progress {
        f(r, "progress note", &p.text);
    }
}

/// Every hit in a workspace's records.
pub fn scan(records: &Records) -> Vec<Hit> {
    let mut hits = Vec::new();
    for_each_text(records, &mut |record, field, text| {
        for found in find(text) {
            // The record's title may quote the detail itself: hide it there.
            let mut record = record();
            record.title = mask_details(&record.title);
            hits.push(Hit {
                kind: found.kind,
                record,
                field,
                text: text[found.start..found.end].to_string(),
            });
        }
    });
    hits
}

/// The placeholders given to each distinct detail: the same detail always
/// gets the same placeholder, so "Customer A" stays one customer throughout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Redaction {
    /// Normalised detail -> placeholder.
    by_value: BTreeMap<(PiiKind, String), String>,
    /// Placeholder -> the text it replaced (first spelling seen).
    originals: Vec<(String, String)>,
}

fn normalise(kind: PiiKind, text: &str) -> String {
    match kind {
        PiiKind::Email => text.to_lowercase(),
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
        PiiKind::Card => text.chars().filter(char::is_ascii_digit).collect(),
        PiiKind::Postcode => text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase(),
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
    /// The placeholder for a detail, giving it the next letter if it is new.
    fn placeholder(&mut self, kind: PiiKind, text: &str) -> String {
        let key = (kind, normalise(kind, text));
        if let Some(p) = self.by_value.get(&key) {
            return p.clone();
        }
        let p = format!(
            "[Customer {} {}]",
            letters(self.by_value.len()),
            kind.placeholder_word()
        );
        self.by_value.insert(key, p.clone());
        self.originals.push((p.clone(), text.to_string()));
        p
    }

    /// Replaces every detail in `text` with its placeholder.
    pub fn redact(&mut self, text: &str) -> String {
        let found = find(text);
        if found.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for f in found {
            out.push_str(&text[at..f.start]);
            out.push_str(&self.placeholder(f.kind, &text[f.start..f.end]));
            at = f.end;
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

/// A copy of `records` with every detail replaced by its placeholder.
pub fn redact_records(records: &Records) -> (Records, Redaction) {
    let mut copy = records.clone();
    let mut redaction = Redaction::default();
    visit_texts(&mut copy, &mut |_, _, text| {
        let redacted = redaction.redact(text);
        if redacted != *text {
            *text = redacted;
        }
    });
    (copy, redaction)
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
            "Mrs X ([Customer A e-mail], [Customer B phone]) rang back; \
             [Customer A e-mail] again, card [Customer C card], [Customer D postcode]."
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
        assert_eq!(r.redact("+44 113 496 0000"), "[Customer B phone]");
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
        assert_eq!(hits[0].record.title, "Mr T on [phone number] rang");
    }

    #[test]
    fn the_read_only_walk_and_the_redacting_walk_visit_the_same_fields() {
        let mut r = crate::domain::testkit::ready();
        let mut o = r.objectives[0].clone();
        o.progress.push(crate::domain::ProgressNote {
            date: crate::domain::testkit::day(2026, 3, 1),
            text: String::new(),
            percent: None,
        });
        r.reviews[0].plan = vec![o.clone()];
        r.objectives[0] = o;
        let mut seen = Vec::new();
        for_each_text(&r, &mut |rec, field, _| seen.push((rec().id, field)));
        let mut walked = Vec::new();
        visit_texts(&mut r, &mut |rec, field, _| {
            walked.push((rec.id.clone(), field))
        });
        assert_eq!(seen, walked);
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
