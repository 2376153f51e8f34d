//! The shapes of personal details that are words as much as digits:
//! National Insurance numbers, bank sort codes with account numbers, labelled
//! dates of birth, street addresses and e-mail addresses spelled out
//! ("priya dot shah at gmail dot com"). Each detector is written for recall
//! on how people type these in a hurry and for no hits on the numbers a
//! service desk lives by (orders, tickets, times, prices, AHT, CSAT,
//! extensions); the corpus test in `corpus_tests.rs` holds both to figures.

use super::{Found, PiiKind};

/// A run of letters, digits and inner apostrophes, with its byte range.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The words of `text` in order. Works on bytes: every character that
/// matters is ASCII, and the bytes of other characters count as letters.
pub(super) fn words(text: &str) -> Vec<Word<'_>> {
    let b = text.as_bytes();
    // About one word in six bytes of prose: one allocation, most times.
    let mut out = Vec::with_capacity(b.len() / 5 + 1);
    let mut i = 0;
    while i < b.len() {
        if !is_word_byte(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (is_word_byte(b[i])
                || (b[i] == b'\''
                    && i > start
                    && b.get(i + 1).is_some_and(|&n| n.is_ascii_alphabetic())))
        {
            i += 1;
        }
        out.push(Word {
            text: &text[start..i],
            start,
            end: i,
        });
    }
    out
}

/// The text between two words.
fn gap<'a>(text: &'a str, a: &Word, b: &Word) -> &'a str {
    &text[a.end..b.start]
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

// --- National Insurance numbers ----------------------------------------

/// `QQ 12 34 56 C`, `AB123456C`: two letters, six digits, A-D. The first
/// letters follow HMRC's rules (no D, F, I, U or V; no O second).
pub(super) fn national_insurance(text: &str, out: &mut Vec<Found>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 9 <= b.len() {
        let boundary = i == 0 || !is_word_byte(b[i - 1]);
        if boundary && let Some(len) = ni_at(&b[i..]) {
            out.push(Found {
                kind: PiiKind::NationalInsurance,
                start: i,
                end: i + len,
            });
            i += len;
            continue;
        }
        i += 1;
    }
}

fn ni_at(s: &[u8]) -> Option<usize> {
    let first = s.first()?.to_ascii_uppercase();
    let second = s.get(1)?.to_ascii_uppercase();
    if !first.is_ascii_alphabetic() || !second.is_ascii_alphabetic() {
        return None;
    }
    if b"DFIUV".contains(&first) || b"DFIOUV".contains(&second) {
        return None;
    }
    // Both letters in one case: "Ab123456c" is not how anyone writes one.
    if s[0].is_ascii_uppercase() != s[1].is_ascii_uppercase() {
        return None;
    }
    let mut k = 2;
    let mut digits = 0;
    while digits < 6 {
        if s.get(k) == Some(&b' ') && digits % 2 == 0 {
            k += 1;
        }
        if !s.get(k)?.is_ascii_digit() {
            return None;
        }
        digits += 1;
        k += 1;
    }
    if s.get(k) == Some(&b' ') {
        k += 1;
    }
    let suffix = s.get(k)?.to_ascii_uppercase();
    if !(b'A'..=b'D').contains(&suffix) {
        return None;
    }
    k += 1;
    if s.get(k).is_some_and(|&x| is_word_byte(x)) {
        return None;
    }
    Some(k)
}

// --- Sort codes with account numbers -----------------------------------

/// A sort code (`20-00-00`, `20 00 00`) with an eight-digit account number,
/// either right after it or in the same sentence when the sentence says
/// "sort code" or "account". A sort code alone names a bank branch, not a
/// person, and dates written `12-03-26` stay out unless labelled.
pub(super) fn bank_details(text: &str, ws: &[Word], out: &mut Vec<Found>) {
    // Lowered only for a text with a sort code in it.
    let lowered = std::cell::OnceCell::new();
    let lower = || lowered.get_or_init(|| text.to_ascii_lowercase());
    for (i, w) in ws.iter().enumerate() {
        // Sort code: three two-digit words joined by one '-' or ' ' each,
        // or six digits after "sort code".
        let sort_end = if w.text.len() == 2
            && is_digits(w.text)
            && let (Some(b), Some(c)) = (ws.get(i + 1), ws.get(i + 2))
            && b.text.len() == 2
            && c.text.len() == 2
            && is_digits(b.text)
            && is_digits(c.text)
            && matches!(gap(text, w, b), "-" | " ")
            && gap(text, w, b) == gap(text, b, c)
        {
            Some((i + 2, c.end))
        } else if w.text.len() == 6
            && is_digits(w.text)
            && lower()[..w.start].trim_end().ends_with("sort code")
        {
            Some((i, w.end))
        } else {
            None
        };
        let Some((last, end)) = sort_end else {
            continue;
        };
        let sentence = sentence_of(lower(), w.start);
        let labelled =
            sentence.contains("sort") || sentence.contains("account") || sentence.contains("a/c");
        // The account number: the next eight-digit word, or one before.
        let after = ws[last + 1..]
            .iter()
            .take(8)
            .find(|a| a.text.len() == 8 && is_digits(a.text));
        let before = ws[..i]
            .iter()
            .rev()
            .take(8)
            .find(|a| a.text.len() == 8 && is_digits(a.text));
        let span = match (after, before) {
            (Some(a), _)
                if text[end..a.start]
                    .chars()
                    .all(|c| c == ' ' || c == ',' || c == '/')
                    || (labelled && same_sentence(text, end, a.start)) =>
            {
                Some((w.start, a.end))
            }
            (_, Some(a)) if labelled && same_sentence(text, a.end, w.start) => Some((a.start, end)),
            _ => None,
        };
        if let Some((start, end)) = span {
            out.push(Found {
                kind: PiiKind::BankDetails,
                start,
                end,
            });
        }
    }
}

/// The sentence around byte `at` (between sentence ends), lower-cased.
fn sentence_of(lower: &str, at: usize) -> &str {
    let (start, end) = super::sentence_bounds(lower, at);
    &lower[start..end]
}

fn same_sentence(text: &str, a: usize, b: usize) -> bool {
    super::sentence_bounds(text, a) == super::sentence_bounds(text, b.max(a))
}

// --- Dates of birth -----------------------------------------------------

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn is_month(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .any(|m| *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept")))
}

fn is_day_word(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..].to_ascii_lowercase();
    is_digits(digits)
        && digits.len() <= 2
        && matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th")
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && is_digits(word) && (word.starts_with("19") || word.starts_with("20"))
}

/// A date written after a label that says it is a birth date: "DOB
/// 12/03/1985", "date of birth: 1985-03-12", "born 3rd March 1985". Only the
/// date is the detail; the label stays, so the sentence still reads.
pub(super) fn dates_of_birth(text: &str, ws: &[Word], out: &mut Vec<Found>) {
    for (i, w) in ws.iter().enumerate() {
        // (Compared in place: a lower-case copy of every word costs more
        // than the whole scan.)
        let is = |word: &Word, label: &str| word.text.eq_ignore_ascii_case(label);
        // The word after which the date starts.
        let label_end = if is(w, "dob") || is(w, "born") || is(w, "birthday") {
            Some(i)
        } else if is(w, "d")
            && ws.get(i + 1).is_some_and(|o| is(o, "o"))
            && ws.get(i + 2).is_some_and(|b| is(b, "b"))
        {
            Some(i + 2)
        } else if is(w, "birth") && i >= 2 && is(&ws[i - 1], "of") && is(&ws[i - 2], "date") {
            Some(i)
        } else {
            None
        };
        let Some(mut k) = label_end.map(|e| e + 1) else {
            continue;
        };
        // "born on", "DOB is", "date of birth was the".
        while ws.get(k).is_some_and(|x| {
            matches!(
                x.text.to_ascii_lowercase().as_str(),
                "on" | "is" | "was" | "the"
            )
        }) && k < label_end.unwrap_or(0) + 4
        {
            k += 1;
        }
        if let Some((start, end)) = date_at(text, ws, k) {
            // The date must follow the label closely.
            let label = &ws[label_end.unwrap_or(i)];
            if text[label.end..start].len() <= 12 {
                out.push(Found {
                    kind: PiiKind::DateOfBirth,
                    start,
                    end,
                });
            }
        }
    }
}

/// A date starting at word `k`: `12/03/1985`, `12-03-85`, `1985-03-12`,
/// `3 March 1985`, `3rd of March, 1985`, `March 3, 1985`.
fn date_at(text: &str, ws: &[Word], k: usize) -> Option<(usize, usize)> {
    let a = ws.get(k)?;
    // Numeric: three digit words joined by one of / - . (the same twice).
    if is_digits(a.text)
        && let (Some(b), Some(c)) = (ws.get(k + 1), ws.get(k + 2))
        && is_digits(b.text)
        && is_digits(c.text)
    {
        let g1 = gap(text, a, b);
        let g2 = gap(text, b, c);
        if g1 == g2 && matches!(g1, "/" | "-" | ".") {
            let ok = (a.text.len() <= 2 && b.text.len() <= 2 && matches!(c.text.len(), 2 | 4))
                || (a.text.len() == 4 && b.text.len() <= 2 && c.text.len() <= 2);
            if ok {
                return Some((a.start, c.end));
            }
        }
    }
    // Day, month name, year.
    if is_day_word(a.text) {
        let mut m = k + 1;
        if ws.get(m).is_some_and(|w| w.text.eq_ignore_ascii_case("of")) {
            m += 1;
        }
        if let (Some(month), Some(year)) = (ws.get(m), ws.get(m + 1))
            && is_month(month.text)
            && is_year(year.text)
        {
            return Some((a.start, year.end));
        }
    }
    // Month name, day, year.
    if is_month(a.text)
        && let (Some(day), Some(year)) = (ws.get(k + 1), ws.get(k + 2))
        && is_day_word(day.text)
        && is_year(year.text)
    {
        return Some((a.start, year.end));
    }
    None
}

// --- Street addresses ---------------------------------------------------

const STREETS: [&str; 40] = [
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "close",
    "drive",
    "dr",
    "way",
    "crescent",
    "cres",
    "court",
    "ct",
    "place",
    "pl",
    "gardens",
    "gdns",
    "terrace",
    "grove",
    "square",
    "sq",
    "mews",
    "walk",
    "row",
    "parade",
    "hill",
    "park",
    "green",
    "view",
    "rise",
    "vale",
    "boulevard",
    "wharf",
    "croft",
    "meadow",
    "meadows",
    "gate",
];

fn is_street(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    STREETS.contains(&w.as_str())
}

/// Words that begin a new clause rather than name a town.
const NOT_PLACES: [&str; 14] = [
    "i", "she", "he", "they", "we", "but", "and", "then", "so", "the", "her", "his", "which", "who",
];

/// A house number and a street ("5 High St", "Flat 2, 14 Church Road"),
/// with the town and postcode that follow it ("5 High St, Bristol BS1
/// 4DJ"): the whole address is one detail, so redacting removes all of it.
pub(super) fn addresses(text: &str, ws: &[Word], out: &mut Vec<Found>) {
    let mut i = 0;
    while i < ws.len() {
        let Some((start, end, next)) = address_at(text, ws, i) else {
            i += 1;
            continue;
        };
        out.push(Found {
            kind: PiiKind::Address,
            start,
            end,
        });
        i = next;
    }
}

fn house_number(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    is_digits(digits) && digits.len() <= 4 && word.len() - digits.len() <= 1
}

/// An address starting at word `i`: (start, end, the word after it).
fn address_at(text: &str, ws: &[Word], i: usize) -> Option<(usize, usize, usize)> {
    let mut k = i;
    let start = ws[i].start;
    // "Flat 2," / "Apartment 4b" / "Unit 7" before the house number.
    if ["flat", "apartment", "apt", "unit"]
        .iter()
        .any(|flat| ws[k].text.eq_ignore_ascii_case(flat))
        && ws.get(k + 1).is_some_and(|w| house_number(w.text))
    {
        k += 2;
    }
    let number = ws.get(k)?;
    if !house_number(number.text) {
        return None;
    }
    // The number stands alone: not "£5", "5%", "3.5", "ext 5" or "x5".
    let before = &text[..number.start];
    if before.ends_with(['£', '$', '€', '.', '#', '/', ':', '-'])
        || text[number.end..].starts_with(['%', '.', ':', '/'])
    {
        return None;
    }
    if k > 0 && k == i {
        let prev = ws[k - 1].text.to_ascii_lowercase();
        if matches!(
            prev.as_str(),
            "ext" | "extension" | "order" | "ticket" | "case" | "ref" | "no" | "number" | "queue"
        ) {
            return None;
        }
    }
    // One to three capitalised name words, single-spaced, then a street word.
    let mut m = k + 1;
    let mut names = 0;
    while names < 3 {
        let w = ws.get(m)?;
        let prev = &ws[m - 1];
        if gap(text, prev, w) != " " {
            return None;
        }
        if names > 0 && is_street(w.text) && capitalised(w.text) {
            break;
        }
        if !capitalised(w.text) || is_digits(w.text) {
            return None;
        }
        names += 1;
        m += 1;
    }
    let street = ws.get(m)?;
    if names == 0 || !is_street(street.text) || !capitalised(street.text) {
        return None;
    }
    if gap(text, &ws[m - 1], street) != " " {
        return None;
    }
    let mut end = street.end;
    let mut next = m + 1;
    // "Green Park Road": a street word that was part of the name.
    if let Some(w) = ws.get(next)
        && gap(text, street, w) == " "
        && is_street(w.text)
        && capitalised(w.text)
    {
        end = w.end;
        next += 1;
    }
    if text[end..].starts_with('.') && street.text.len() <= 4 {
        end += 1; // "St."
    }
    // ", Town" (one or two capitalised words) and a postcode.
    if let Some(town) = ws.get(next)
        && matches!(text[end..town.start].trim(), "," | "")
        && !text[end..town.start].is_empty()
        && capitalised(town.text)
        && !NOT_PLACES.contains(&town.text.to_ascii_lowercase().as_str())
        && super::postcode_at(&text.as_bytes()[town.start..]).is_none()
    {
        end = town.end;
        next += 1;
        if let Some(more) = ws.get(next)
            && gap(text, town, more) == " "
            && capitalised(more.text)
            && !is_digits(more.text)
            && super::postcode_at(&text.as_bytes()[more.start..]).is_none()
            && !NOT_PLACES.contains(&more.text.to_ascii_lowercase().as_str())
        {
            end = more.end;
            next += 1;
        }
    }
    // A postcode right after (", BS1 4DJ" or " BS1 4DJ").
    let rest = &text[end..];
    let skip = rest.len() - rest.trim_start_matches([',', ' ']).len();
    if skip <= 2
        && let Some(len) = super::postcode_at(&text.as_bytes()[end + skip..])
    {
        let code_end = end + skip + len;
        end = code_end;
        while ws.get(next).is_some_and(|w| w.start < code_end) {
            next += 1;
        }
    }
    Some((start, end, next))
}

// --- E-mail addresses spelled out ---------------------------------------

const TLDS: [&str; 16] = [
    "com", "uk", "org", "net", "ie", "io", "gov", "ac", "info", "biz", "me", "eu", "co", "nhs",
    "scot", "wales",
];

/// Words that stand before "at" in ordinary sentences, never as a mailbox.
const NOT_MAILBOXES: [&str; 24] = [
    "me", "him", "her", "them", "us", "it", "back", "home", "arrived", "was", "is", "are",
    "looked", "look", "placed", "bought", "work", "shop", "store", "branch", "online", "here",
    "there", "one",
];

fn is_dot_word(w: &str) -> bool {
    w.eq_ignore_ascii_case("dot")
}

/// "priya dot shah at gmail dot com", "jo.bloggs (at) example (dot) co
/// (dot) uk", "sam_lee at btinternet.com": the address written out so a
/// spam filter (or a form) would not see it. The domain must end in a
/// known top-level word after at least one "dot".
pub(super) fn spelled_emails(text: &str, ws: &[Word], out: &mut Vec<Found>) {
    let sep_ok = |g: &str| {
        g.chars()
            .all(|c| matches!(c, ' ' | '(' | ')' | '[' | ']' | '{' | '}'))
    };
    for (i, w) in ws.iter().enumerate() {
        if !w.text.eq_ignore_ascii_case("at") || i == 0 || i + 1 >= ws.len() {
            continue;
        }
        if !sep_ok(gap(text, &ws[i - 1], w)) || !sep_ok(gap(text, w, &ws[i + 1])) {
            continue;
        }
        // The domain: word (dot word)+, ending in a top-level word.
        let mut k = i + 1;
        let mut last_tld = None;
        let mut dots = 0;
        loop {
            let part = &ws[k];
            if is_dot_word(part.text) {
                break;
            }
            if TLDS.contains(&part.text.to_ascii_lowercase().as_str()) && dots > 0 {
                last_tld = Some(k);
            }
            // Next: a literal "." or the word "dot".
            match (ws.get(k + 1), ws.get(k + 2)) {
                (Some(n), _) if gap(text, part, n) == "." && !is_dot_word(n.text) => {
                    dots += 1;
                    k += 1;
                }
                (Some(d), Some(n))
                    if is_dot_word(d.text)
                        && sep_ok(gap(text, part, d))
                        && sep_ok(gap(text, d, n)) =>
                {
                    dots += 1;
                    k += 2;
                }
                _ => break,
            }
        }
        let Some(end_word) = last_tld else {
            continue;
        };
        // The mailbox: word ((dot | . | _ | -) word)* before "at".
        let mut s = i - 1;
        loop {
            if s == 0 {
                break;
            }
            let g = gap(text, &ws[s - 1], &ws[s]);
            if matches!(g, "." | "_" | "-" | "+") && !is_dot_word(ws[s - 1].text) {
                s -= 1;
            } else if s >= 2
                && is_dot_word(ws[s - 1].text)
                && sep_ok(gap(text, &ws[s - 2], &ws[s - 1]))
                && sep_ok(g)
            {
                s -= 2;
            } else {
                break;
            }
        }
        let single = s == i - 1;
        if single && NOT_MAILBOXES.contains(&ws[s].text.to_ascii_lowercase().as_str()) {
            continue;
        }
        out.push(Found {
            kind: PiiKind::Email,
            start: ws[s].start,
            end: ws[end_word].end,
        });
    }
}

/// An e-mail address as written ("Priya Dot Shah at Gmail dot com") in
/// its usual form ("priya.shah@gmail.com"), so both spellings are one detail.
pub(super) fn canonical_email(text: &str) -> String {
    if text.contains('@') {
        return text.to_lowercase();
    }
    let mut out = String::new();
    let ws = words(text);
    for (n, w) in ws.iter().enumerate() {
        let lw = w.text.to_lowercase();
        if n > 0 {
            let g = gap(text, &ws[n - 1], w)
                .trim_matches(|c| matches!(c, ' ' | '(' | ')' | '[' | ']' | '{' | '}'));
            out.push_str(g);
        }
        match lw.as_str() {
            "dot" => out.push('.'),
            "at" => out.push('@'),
            _ => out.push_str(&lw),
        }
    }
    out
}
