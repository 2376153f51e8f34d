//! Triangulation: is the learner hearing from enough kinds of people, and
//! does something keep coming up?
//!
//! Counts feedback over the current review period (from the last review held
//! to today; with no review yet, the last `review_interval_days`) by source type
//! and valence, and finds themes: a tag, or a meaningful word, that appears in
//! more than one item. Assessors look for feedback from at least three source
//! types, and a repeated theme is a development need waiting to be named.

use super::{Feedback, FeedbackSource, Valence};
use crate::domain::{Id, Review};
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// Fewer source types than this in a period draws a warning.
pub const MIN_SOURCE_TYPES: usize = 3;

/// A theme counts once it appears in this many items.
pub const MIN_THEME_ITEMS: usize = 2;

/// The stretch of time the panel counts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewPeriod {
    /// First day counted (inclusive).
    pub start: NaiveDate,
    /// Today.
    pub end: NaiveDate,
    /// The day of the review the period starts at; `None` when there has not
    /// been one yet and the period is the last review interval.
    pub since_review: Option<NaiveDate>,
}

impl ReviewPeriod {
    /// The period since the last review held on or before `today`, or the last
    /// `interval_days` when there has been none.
    pub fn current(reviews: &[Review], interval_days: u32, today: NaiveDate) -> ReviewPeriod {
        let last = reviews
            .iter()
            .map(Review::date)
            .filter(|d| *d <= today)
            .max();
        match last {
            Some(day) => ReviewPeriod {
                start: day,
                end: today,
                since_review: Some(day),
            },
            None => ReviewPeriod {
                start: today
                    .checked_sub_days(Days::new(u64::from(interval_days)))
                    .unwrap_or(NaiveDate::MIN),
                end: today,
                since_review: None,
            },
        }
    }

    /// True for feedback dated in the period (anything from its start on,
    /// so feedback dated ahead of today is not lost from every period).
    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.start
    }

    /// "since the review on 19 Jun 2025" or "in the last 90 days (no review yet)".
    pub fn describe(&self) -> String {
        self.describe_with(&|d: NaiveDate| d.format("%-d %b %Y").to_string())
    }

    /// As [`Period::describe`], with days shown by `day` (the app's format).
    pub fn describe_with(&self, day: &dyn Fn(NaiveDate) -> String) -> String {
        match self.since_review {
            Some(d) => format!("since the review on {}", day(d)),
            None => format!(
                "in the last {} days (no review yet)",
                (self.end - self.start).num_days()
            ),
        }
    }
}

/// Feedback from one source type in the period, by valence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceCount {
    pub source: FeedbackSource,
    pub positive: usize,
    pub constructive: usize,
    pub negative: usize,
}

impl SourceCount {
    pub fn total(&self) -> usize {
        self.positive + self.constructive + self.negative
    }

    fn add(&mut self, valence: Valence) {
        match valence {
            Valence::Positive => self.positive += 1,
            Valence::Constructive => self.constructive += 1,
            Valence::Negative => self.negative += 1,
        }
    }
}

/// Something that comes up in more than one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The tag or word, in lower case (words in their singular form).
    pub word: String,
    /// True when at least one item carries it as a tag.
    pub tagged: bool,
    /// The items it appears in, newest first as given.
    pub items: Vec<Id>,
}

/// Something the panel warns about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TriangulationWarning {
    /// Fewer than three source types in the period.
    FewSources {
        present: Vec<FeedbackSource>,
    },
    RepeatedTheme(Theme),
}

impl TriangulationWarning {
    /// The warning in the learner's words.
    pub fn message(&self) -> String {
        match self {
            TriangulationWarning::FewSources { present } if present.is_empty() => format!(
                "No feedback yet this period: assessors look for feedback from at least {MIN_SOURCE_TYPES} kinds of source"
            ),
            TriangulationWarning::FewSources { present } => {
                let names: Vec<&str> = present.iter().map(|s| s.label()).collect();
                let missing: Vec<&str> = FeedbackSource::ALL
                    .iter()
                    .filter(|s| !present.contains(s) && **s != FeedbackSource::SelfAssessment)
                    .take(2)
                    .map(|s| s.label())
                    .collect();
                format!(
                    "Only {} this period ({}): assessors look for at least {MIN_SOURCE_TYPES}; try asking a {}",
                    crate::domain::words::count(present.len(), "source type", "source types"),
                    names.join(", "),
                    missing.join(" or a "),
                )
            }
            TriangulationWarning::RepeatedTheme(theme) => format!(
                "\u{201c}{}\u{201d} comes up in {} items{}: is it a development need?",
                theme.word,
                theme.items.len(),
                if theme.tagged { " (tag)" } else { "" },
            ),
        }
    }
}

/// Feedback in a period, counted by source type and valence, with themes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triangulation {
    pub period: ReviewPeriod,
    /// Source types present, in the order of `FeedbackSource::ALL`.
    pub sources: Vec<SourceCount>,
    pub total: usize,
    pub positive: usize,
    pub constructive: usize,
    pub negative: usize,
    /// Repeated themes, most items first.
    pub themes: Vec<Theme>,
}

impl Triangulation {
    /// Counts `items` dated in `period`.
    pub fn count(items: &[Feedback], period: ReviewPeriod) -> Triangulation {
        let mut by_source: BTreeMap<FeedbackSource, SourceCount> = BTreeMap::new();
        let mut totals = SourceCount {
            source: FeedbackSource::Customer,
            positive: 0,
            constructive: 0,
            negative: 0,
        };
        let in_period: Vec<&Feedback> = items.iter().filter(|f| period.contains(f.date)).collect();
        for f in &in_period {
            by_source
                .entry(f.source)
                .or_insert(SourceCount {
                    source: f.source,
                    positive: 0,
                    constructive: 0,
                    negative: 0,
                })
                .add(f.valence);
            totals.add(f.valence);
        }
        Triangulation {
            period,
            sources: by_source.into_values().collect(),
            total: in_period.len(),
            positive: totals.positive,
            constructive: totals.constructive,
            negative: totals.negative,
            themes: themes(&in_period),
        }
    }

    /// What the panel warns about: too few source types, then each repeated theme.
    pub fn warnings(&self) -> Vec<TriangulationWarning> {
        let mut out = Vec::new();
        if self.sources.len() < MIN_SOURCE_TYPES {
            out.push(TriangulationWarning::FewSources {
                present: self.sources.iter().map(|s| s.source).collect(),
            });
        }
        out.extend(
            self.themes
                .iter()
                .cloned()
                .map(TriangulationWarning::RepeatedTheme),
        );
        out
    }
}

/// Tags and meaningful words found in at least `MIN_THEME_ITEMS` items.
fn themes(items: &[&Feedback]) -> Vec<Theme> {
    // key -> (tagged, items)
    let mut seen: BTreeMap<String, (bool, Vec<Id>)> = BTreeMap::new();
    for f in items {
        let mut keys: Vec<(String, bool)> = Vec::new();
        for tag in &f.tags {
            let key = normalise(tag.trim().trim_start_matches('#'));
            if !key.is_empty() {
                keys.push((key, true));
            }
        }
        for word in meaningful_words(&f.text) {
            keys.push((word, false));
        }
        for (key, tagged) in keys {
            let entry = seen.entry(key).or_insert((false, Vec::new()));
            entry.0 |= tagged;
            if !entry.1.contains(&f.id) {
                entry.1.push(f.id.clone());
            }
        }
    }
    let mut out: Vec<Theme> = seen
        .into_iter()
        .filter(|(_, (_, ids))| ids.len() >= MIN_THEME_ITEMS)
        .map(|(word, (tagged, items))| Theme {
            word,
            tagged,
            items,
        })
        .collect();
    // Most items first; tags before words (the learner chose them); then by name.
    out.sort_by(|a, b| {
        b.items
            .len()
            .cmp(&a.items.len())
            .then(b.tagged.cmp(&a.tagged))
            .then_with(|| a.word.cmp(&b.word))
    });
    out
}

/// The distinct meaningful words of a text, normalised: lower case, singular,
/// no stop words, no numbers, nothing shorter than three letters.
pub fn meaningful_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}')) {
        let lower = raw
            .trim_matches(|c| c == '\'' || c == '\u{2019}')
            .to_lowercase()
            .replace('\u{2019}', "'");
        let word = match lower.strip_suffix("'s") {
            Some(stem) => stem.to_string(),
            // Other contractions (didn't, you're, I'll) are never themes.
            None if lower.contains('\'') => continue,
            None => lower,
        };
        if word.chars().count() < 3
            || word.chars().any(|c| c.is_ascii_digit())
            || STOP_WORDS.contains(&word.as_str())
        {
            continue;
        }
        let key = normalise(&word);
        if STOP_WORDS.contains(&key.as_str()) {
            continue;
        }
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// Lower case and a plain singular, so "Emails" and "email" are one theme.
fn normalise(word: &str) -> String {
    let w = word.to_lowercase();
    let n = w.chars().count();
    if n > 4
        && let Some(stem) = w.strip_suffix("ies")
    {
        return format!("{stem}y");
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_string();
    }
    w
}

/// Words too common to be a theme: English function words, and words that
/// appear in almost any customer-service feedback.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "about", "above", "after", "again", "against", "all", "also", "always", "and", "another",
    "any", "are", "aren", "around", "because", "been", "before", "being", "below", "between",
    "both", "but", "can", "cannot", "could", "did", "does", "doing", "done", "down", "during",
    "each", "even", "ever", "every", "few", "first", "for", "from", "further", "get", "gets",
    "getting", "give", "given", "going", "got", "had", "has", "have", "having", "her", "here",
    "hers", "herself", "him", "himself", "his", "how", "into", "its", "itself", "just", "last",
    "less", "let", "like", "made", "make", "many", "may", "more", "most", "much", "must", "myself",
    "never", "next", "nor", "not", "now", "off", "once", "one", "only", "other", "our", "ours",
    "ourselves", "out", "over", "own", "put", "quite", "rather", "really", "said", "same", "say",
    "says", "see", "she", "should", "since", "some", "still", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "thing", "things",
    "think", "this", "those", "though", "three", "through", "time", "too", "two", "under", "until",
    "very", "want", "wanted", "was", "way", "well", "went", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "without", "would", "yes", "yet",
    "you", "your", "yours", "yourself", "yourselves", "able", "ago", "already", "bit", "come",
    "came", "day", "days", "didn", "doesn", "don", "good", "great", "keep", "kept", "know", "lot",
    "lots", "new", "often", "okay", "per", "sure", "take", "took", "tell", "told", "use", "used",
    "using", "week", "weeks", "work", "worked", "customer", "customers", "client", "call", "calls",
    "called", "adviser", "advisor", "agent", "feedback", "thank", "thanks",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FeedbackMethod, FeedbackState};
    use chrono::DateTime;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn now() -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T09:00:00+00:00").expect("valid")
    }

    fn item(
        n: u8,
        date: NaiveDate,
        source: FeedbackSource,
        valence: Valence,
        text: &str,
    ) -> Feedback {
        let id = Id::from_parts(1_700_000_000_000 + u64::from(n), [n; 10]);
        Feedback::new(
            id,
            date,
            now(),
            source,
            FeedbackMethod::Conversation,
            valence,
            text.to_string(),
        )
    }

    fn review(held: &str) -> Review {
        Review {
            format: 1,
            id: Id::from_parts(1, [0; 10]),
            held: DateTime::parse_from_rfc3339(held).expect("valid"),
            participants: Vec::new(),
            summary: String::new(),
            changes: Vec::new(),
            next_review: None,
            corrects: None,
            plan: Vec::new(),
            criteria: Vec::new(),
        }
    }

    #[test]
    fn the_period_starts_at_the_last_review_held() {
        let reviews = [
            review("2026-06-19T10:00:00+01:00"),
            review("2026-09-18T10:00:00+01:00"),
            // Planned for later: not held yet, so not the start.
            review("2026-12-18T10:00:00+00:00"),
        ];
        let p = ReviewPeriod::current(&reviews, 90, d(2026, 11, 23));
        assert_eq!(p.start, d(2026, 9, 18));
        assert_eq!(p.since_review, Some(d(2026, 9, 18)));
        assert!(p.contains(d(2026, 9, 18)), "the review day itself counts");
        assert!(!p.contains(d(2026, 9, 17)));
        assert_eq!(p.describe(), "since the review on 18 Sep 2026");
    }

    #[test]
    fn without_a_review_the_period_is_the_review_interval() {
        let p = ReviewPeriod::current(&[], 60, d(2026, 11, 23));
        assert_eq!(p.start, d(2026, 9, 24));
        assert_eq!(p.since_review, None);
        assert_eq!(p.describe(), "in the last 60 days (no review yet)");
    }

    #[test]
    fn counts_by_source_and_valence_inside_the_period_only() {
        let period =
            ReviewPeriod::current(&[review("2026-10-01T09:00:00+01:00")], 90, d(2026, 11, 23));
        let items = vec![
            item(
                1,
                d(2026, 11, 20),
                FeedbackSource::Customer,
                Valence::Negative,
                "Hold music",
            ),
            item(
                2,
                d(2026, 11, 10),
                FeedbackSource::Customer,
                Valence::Positive,
                "Lovely",
            ),
            item(
                3,
                d(2026, 10, 5),
                FeedbackSource::Manager,
                Valence::Constructive,
                "Notes",
            ),
            // Before the review: counted in the last period, not this one.
            item(
                4,
                d(2026, 9, 30),
                FeedbackSource::Mentor,
                Valence::Positive,
                "Earlier",
            ),
        ];
        let t = Triangulation::count(&items, period);
        assert_eq!(t.total, 3);
        assert_eq!((t.positive, t.constructive, t.negative), (1, 1, 1));
        assert_eq!(t.sources.len(), 2);
        assert_eq!(t.sources[0].source, FeedbackSource::Customer);
        assert_eq!((t.sources[0].positive, t.sources[0].negative), (1, 1));
        assert_eq!(t.sources[0].total(), 2);
        assert_eq!(t.sources[1].source, FeedbackSource::Manager);
        assert_eq!(t.sources[1].constructive, 1);
    }

    #[test]
    fn fewer_than_three_source_types_is_warned_about() {
        let period = ReviewPeriod::current(&[], 90, d(2026, 11, 23));
        let mut items = vec![
            item(
                1,
                d(2026, 11, 20),
                FeedbackSource::Customer,
                Valence::Negative,
                "Rude",
            ),
            item(
                2,
                d(2026, 11, 19),
                FeedbackSource::Manager,
                Valence::Positive,
                "Tidy notes",
            ),
        ];
        let warnings = Triangulation::count(&items, period).warnings();
        let few = warnings
            .iter()
            .find(|w| matches!(w, TriangulationWarning::FewSources { .. }))
            .expect("two source types is too few");
        let msg = few.message();
        assert!(
            msg.starts_with("Only 2 source types this period (customer, manager)"),
            "{msg}"
        );
        assert!(msg.contains("at least 3"), "{msg}");
        assert!(msg.contains("colleague"), "suggests who else to ask: {msg}");

        items.push(item(
            3,
            d(2026, 11, 18),
            FeedbackSource::Colleague,
            Valence::Positive,
            "Helped",
        ));
        let t = Triangulation::count(&items, period);
        assert!(
            !t.warnings()
                .iter()
                .any(|w| matches!(w, TriangulationWarning::FewSources { .. })),
            "three source types is enough"
        );

        let none = Triangulation::count(&[], period).warnings();
        assert!(none[0].message().starts_with("No feedback yet this period"));
    }

    #[test]
    fn a_word_repeated_across_items_is_a_theme_but_stop_words_are_not() {
        let period = ReviewPeriod::current(&[], 90, d(2026, 11, 23));
        let items = vec![
            item(
                1,
                d(2026, 11, 20),
                FeedbackSource::Customer,
                Valence::Negative,
                "Your emails were far too long and I didn't know what to do next.",
            ),
            item(
                2,
                d(2026, 11, 12),
                FeedbackSource::OtherDepartment,
                Valence::Negative,
                "The email you sent the customer was too long.",
            ),
            item(
                3,
                d(2026, 11, 2),
                FeedbackSource::Manager,
                Valence::Positive,
                "You were calm with the customer and you knew what to do.",
            ),
        ];
        let t = Triangulation::count(&items, period);
        let words: Vec<&str> = t.themes.iter().map(|th| th.word.as_str()).collect();
        assert_eq!(
            words,
            ["email", "long"],
            "plural folded into singular; stop words ignored"
        );
        assert_eq!(
            t.themes[0].items,
            [items[0].id.clone(), items[1].id.clone()]
        );
        assert!(!t.themes[0].tagged);
        let msg = TriangulationWarning::RepeatedTheme(t.themes[0].clone()).message();
        assert_eq!(
            msg,
            "\u{201c}email\u{201d} comes up in 2 items: is it a development need?"
        );
    }

    #[test]
    fn the_same_tag_on_two_items_is_a_theme_and_merges_with_the_word() {
        let period = ReviewPeriod::current(&[], 90, d(2026, 11, 23));
        let mut a = item(
            1,
            d(2026, 11, 20),
            FeedbackSource::Customer,
            Valence::Negative,
            "Charged twice on my bill",
        );
        a.tags = vec!["Billing".into()];
        let mut b = item(
            2,
            d(2026, 11, 12),
            FeedbackSource::Customer,
            Valence::Negative,
            "Hold for ages",
        );
        b.tags = vec!["#billing".into(), "hold".into()];
        let mut c = item(
            3,
            d(2026, 11, 10),
            FeedbackSource::Colleague,
            Valence::Constructive,
            "Billing codes wrong",
        );
        c.state = FeedbackState::Reflected;
        let t = Triangulation::count(&[a, b, c], period);
        assert_eq!(t.themes.len(), 1, "{:?}", t.themes);
        assert_eq!(t.themes[0].word, "billing");
        assert!(t.themes[0].tagged);
        assert_eq!(t.themes[0].items.len(), 3, "tag on two, word on the third");
        assert!(t.warnings()[1].message().contains("(tag)"));
    }

    #[test]
    fn a_word_repeated_inside_one_item_is_not_a_theme() {
        let period = ReviewPeriod::current(&[], 90, d(2026, 11, 23));
        let items = vec![item(
            1,
            d(2026, 11, 20),
            FeedbackSource::Customer,
            Valence::Negative,
            "Refund, refund, refund: where is my refund?",
        )];
        assert!(Triangulation::count(&items, period).themes.is_empty());
    }

    #[test]
    fn meaningful_words_drop_contractions_numbers_and_short_words() {
        assert_eq!(
            meaningful_words(
                "I didn't get a refund in 3 days; Priya's tariff advice was 100% right"
            ),
            ["refund", "priya", "tariff", "advice", "right"]
        );
        assert_eq!(
            meaningful_words("Policies, policy; queries"),
            ["policy", "query"]
        );
        assert_eq!(
            meaningful_words("process status analysis"),
            ["process", "status", "analysis"]
        );
    }
}
