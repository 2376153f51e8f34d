//! Reading a search query: free words and phrases, plus filters.
//!
//! `late delivery #billing type:feedback source:customer after:2026-01-01
//! before:"end of month" criterion:2.3 is:overdue "exact phrase"`. Words are
//! matched case-insensitively; every word must be found (or the words together
//! must fuzzily match a record's title line). A bad filter is reported with
//! the word that caused it and what would be accepted, never ignored.

use super::{Kind, fold};
use crate::domain::{FeedbackSource, NeedSource, dates};
use chrono::NaiveDate;

/// One condition a record must meet, besides the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// `#billing`: the record carries this tag (any case).
    Tag(String),
    /// `type:feedback`.
    Kind(Kind),
    /// `source:customer`: feedback from this source.
    Source(FeedbackSource),
    /// `source:appraisal`: a development need identified from this source.
    NeedSource(NeedSource),
    /// `before:DATE`: the record's day is strictly before DATE.
    Before(NaiveDate),
    /// `after:DATE`: the record's day is strictly after DATE.
    After(NaiveDate),
    /// `criterion:2.3`: linked to this criterion (`criterion:2` takes 2.1, 2.2...).
    Criterion(String),
    /// `is:overdue`: an open objective past its target date, a review
    /// whose next review date has passed with no newer review, or a
    /// coaching session whose follow-up was not held by its day.
    Overdue,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Words and quoted phrases, case-folded, in the order typed.
    pub terms: Vec<String>,
    pub filters: Vec<Filter>,
    /// A phrase was put in quotes: only exact finds, no fuzzy matching.
    pub exact: bool,
}

/// Why a query could not be read: the offending word and what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    /// The word of the query that is wrong, as typed.
    pub word: String,
    pub message: String,
}

fn error(word: &str, message: String) -> QueryError {
    QueryError {
        word: word.to_string(),
        message,
    }
}

/// The filter names, for messages and help.
pub const FILTERS: &str = "#tag, type:, source:, before:, after:, criterion:, is:overdue";

impl Query {
    /// Reads `text`; `today` anchors relative dates (`before:+2w`).
    pub fn parse(text: &str, today: NaiveDate) -> Result<Query, QueryError> {
        let mut query = Query::default();
        for token in tokens(text) {
            if token.quoted_start {
                query.exact = true;
                let term = fold(token.text.trim());
                if !term.is_empty() {
                    query.terms.push(term);
                }
                continue;
            }
            let raw = token.text.as_str();
            if let Some(tag) = raw.strip_prefix('#') {
                let tag = tag.trim_start_matches('#');
                if tag.is_empty() {
                    return Err(error(
                        raw,
                        "type a tag after `#`, e.g. #complaint".to_string(),
                    ));
                }
                query.filters.push(Filter::Tag(fold(tag)));
                continue;
            }
            match raw.split_once(':') {
                Some((name, value))
                    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic()) =>
                {
                    query.filters.push(filter(raw, name, value.trim(), today)?);
                }
                _ => query.terms.push(fold(raw)),
            }
        }
        Ok(query)
    }

    /// True when nothing narrows the search: every record matches.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.filters.is_empty()
    }

    /// True when every record matching `self` also matches `previous`, so
    /// only `previous`'s matches need checking again (typing one more letter,
    /// adding a word, or adding a filter).
    pub fn narrows(&self, previous: &Query) -> bool {
        let filters_kept = previous.filters.iter().all(|f| self.filters.contains(f));
        let terms_kept = match previous.terms.split_last() {
            None => true,
            Some((last, rest)) => {
                self.terms.len() >= previous.terms.len()
                    && self.terms[..rest.len()] == *rest
                    && self.terms[rest.len()].starts_with(last.as_str())
            }
        };
        // Dropping the quotes brings fuzzy matches back.
        let fuzzy_kept = self.exact || !previous.exact;
        filters_kept && terms_kept && fuzzy_kept
    }

    /// The words run together: what is matched fuzzily against title lines
    /// (nothing when a phrase is quoted).
    pub fn fuzzy_pattern(&self) -> String {
        if self.exact {
            String::new()
        } else {
            self.terms.concat()
        }
    }
}

fn filter(raw: &str, name: &str, value: &str, today: NaiveDate) -> Result<Filter, QueryError> {
    let name = name.to_ascii_lowercase();
    let needs_value = |example: &str| {
        error(
            raw,
            format!("`{name}:` needs a value, e.g. {name}:{example}"),
        )
    };
    match name.as_str() {
        "type" | "kind" => {
            if value.is_empty() {
                return Err(needs_value("feedback"));
            }
            Kind::parse(value).map(Filter::Kind).ok_or_else(|| {
                error(
                    raw,
                    format!(
                        "no record type `{value}`: use {}",
                        Kind::ALL.map(Kind::label).join(", ")
                    ),
                )
            })
        }
        "source" | "from" => {
            if value.is_empty() {
                return Err(needs_value("customer"));
            }
            if let Some(source) = FeedbackSource::parse(value) {
                return Ok(Filter::Source(source));
            }
            let folded = fold(value).replace(['-', '_', ' '], "");
            NeedSource::ALL
                .into_iter()
                .find(|s| s.label().replace(['-', ' '], "") == folded)
                .map(Filter::NeedSource)
                .ok_or_else(|| {
                    error(
                        raw,
                        format!(
                            "no source `{value}`: feedback comes from {}; needs are identified from {}",
                            FeedbackSource::ALL.map(|s| s.label().replace(' ', "-")).join(", "),
                            NeedSource::ALL.map(|s| s.label().replace(' ', "-")).join(", ")
                        ),
                    )
                })
        }
        "before" | "after" => {
            if value.is_empty() {
                return Err(needs_value("2026-12-31"));
            }
            let day = dates::parse_natural_day(value, today)
                .map_err(|e| error(raw, format!("`{name}:` {e}")))?;
            Ok(if name == "before" {
                Filter::Before(day)
            } else {
                Filter::After(day)
            })
        }
        "criterion" | "criteria" | "ac" => {
            if value.is_empty() {
                return Err(needs_value("2.3"));
            }
            let well_formed = value
                .split('.')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
            if well_formed {
                Ok(Filter::Criterion(fold(value)))
            } else {
                Err(error(
                    raw,
                    format!("`{value}` is not a criterion id: use numbers such as 2.3 or 1"),
                ))
            }
        }
        "is" => match fold(value).as_str() {
            "overdue" | "late" => Ok(Filter::Overdue),
            "" => Err(needs_value("overdue")),
            _ => Err(error(
                raw,
                format!("`is:{value}` is not known: the only one is is:overdue"),
            )),
        },
        _ => Err(error(
            raw,
            format!(
                "unknown filter `{name}:` (filters: {FILTERS}); to search for the text itself, put it in quotes: \"{raw}\""
            ),
        )),
    }
}

/// A word of the query, or a stretch in quotes.
struct Token {
    text: String,
    /// It began with a quote: a phrase, never a filter.
    quoted_start: bool,
}

/// Splits on whitespace outside quotes. A quote may start a token (a phrase)
/// or follow a filter name (`before:"end of month"`); an unclosed quote runs
/// to the end, so a phrase being typed already searches.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_quotes = false;
    let mut quoted_start = false;
    let mut started = false;
    for c in text.chars() {
        if c == '"' {
            if !started {
                quoted_start = true;
                started = true;
            }
            in_quotes = !in_quotes;
            continue;
        }
        if c.is_whitespace() && !in_quotes {
            if started {
                out.push(Token {
                    text: std::mem::take(&mut current),
                    quoted_start,
                });
            }
            started = false;
            quoted_start = false;
            continue;
        }
        started = true;
        current.push(c);
    }
    if started {
        out.push(Token {
            text: current,
            quoted_start,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn parse(text: &str) -> Query {
        Query::parse(text, today()).expect("parses")
    }

    fn bad(text: &str) -> QueryError {
        Query::parse(text, today()).expect_err("a bad query")
    }

    #[test]
    fn words_are_case_folded_and_phrases_kept_whole() {
        let q = parse("  Late DELIVERY  \"Next Step: call back\" ");
        assert_eq!(q.terms, ["late", "delivery", "next step: call back"]);
        assert!(q.filters.is_empty());
        // A quoted phrase asks for exact finds only.
        assert!(q.exact);
        assert_eq!(q.fuzzy_pattern(), "");
        assert_eq!(parse("late delivery").fuzzy_pattern(), "latedelivery");
        assert!(parse("   ").is_empty());
    }

    #[test]
    fn every_filter_reads() {
        let q = parse(
            "#Billing type:fb source:peer after:2026-01-01 before:\"end of month\" criterion:2.3 is:overdue refund",
        );
        assert_eq!(q.terms, ["refund"]);
        assert_eq!(
            q.filters,
            [
                Filter::Tag("billing".into()),
                Filter::Kind(Kind::Feedback),
                Filter::Source(FeedbackSource::Colleague),
                Filter::After(day(2026, 1, 1)),
                Filter::Before(day(2026, 11, 30)),
                Filter::Criterion("2.3".into()),
                Filter::Overdue,
            ]
        );
        assert_eq!(
            parse("source:job-description").filters,
            [Filter::NeedSource(NeedSource::JobDescription)]
        );
        assert_eq!(
            parse("type:obj before:31/12/2026").filters,
            [
                Filter::Kind(Kind::Objective),
                Filter::Before(day(2026, 12, 31))
            ]
        );
        // Times and figures are words, not filters.
        assert_eq!(parse("10:30 2:1").terms, ["10:30", "2:1"]);
    }

    #[test]
    fn bad_filters_say_what_is_wrong_and_what_would_do() {
        let e = bad("refund type:fedback");
        assert_eq!(e.word, "type:fedback");
        assert!(e.message.contains("no record type `fedback`"), "{e}");
        assert!(e.message.contains("diary, need, objective"), "{e}");

        let e = bad("source:aliens");
        assert!(e.message.contains("no source `aliens`"), "{e}");
        assert!(e.message.contains("customer"), "{e}");

        let e = bad("before:2026-02-30");
        assert!(e.message.contains("no day 30"), "{e}");
        let e = bad("after:someday");
        assert!(e.message.starts_with("`after:`"), "{e}");

        let e = bad("criterion:2,3");
        assert!(e.message.contains("not a criterion id"), "{e}");
        let e = bad("is:late-ish");
        assert!(e.message.contains("is:overdue"), "{e}");

        let e = bad("type:");
        assert_eq!(e.message, "`type:` needs a value, e.g. type:feedback");
        let e = bad("#");
        assert!(e.message.contains("type a tag after `#`"), "{e}");

        let e = bad("note:customer");
        assert!(e.message.contains("unknown filter `note:`"), "{e}");
        assert!(e.message.contains("\"note:customer\""), "{e}");
        // ...and the quoted form searches for the text.
        assert_eq!(parse("\"note:customer\"").terms, ["note:customer"]);
    }

    #[test]
    fn a_type_may_be_shortened_or_named_another_way() {
        assert_eq!(parse("type:n").filters, [Filter::Kind(Kind::Need)]);
        assert_eq!(parse("type:entry").filters, [Filter::Kind(Kind::Diary)]);
        assert_eq!(parse("type:Goals").filters, [Filter::Kind(Kind::Objective)]);
        let e = bad("type:xyz");
        assert!(e.message.contains("no record type"), "{e}");
    }

    #[test]
    fn typing_on_narrows_and_changing_does_not() {
        let q = |t: &str| parse(t);
        assert!(q("ref").narrows(&q("re")));
        assert!(q("refund late").narrows(&q("refund")));
        assert!(q("refund late").narrows(&q("refund l")));
        assert!(q("refund #billing").narrows(&q("refund")));
        assert!(q("anything").narrows(&q("")));
        assert!(!q("re").narrows(&q("ref")));
        assert!(!q("rent").narrows(&q("ref")));
        assert!(!q("late refund").narrows(&q("refund")));
        assert!(!q("refund").narrows(&q("refund #billing")));
        assert!(!q("#billings").narrows(&q("#billing")));
        assert!(q("\"late\" d").narrows(&q("late")));
        assert!(!q("late d").narrows(&q("\"late\"")));
    }
}
