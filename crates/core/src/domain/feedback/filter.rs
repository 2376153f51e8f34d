//! Narrowing the inbox: by source, valence, state, date, and words or tags.
//!
//! A filter is typed as a few words, e.g. `customer negative open from:1/9 hold`;
//! each word is a source, a valence, a state (or `open` for anything not yet
//! archived), a date bound, or otherwise a word to find in the feedback's
//! text, giver or tags (`#hold` looks only at tags). Words of the same kind
//! widen the filter (`customer colleague` is either); words of different kinds
//! narrow it, and every word to find must be found (`hold transfer`).

use super::{Feedback, FeedbackSource, FeedbackState, Valence};
use crate::domain::dates::parse_natural_day;
use chrono::NaiveDate;

/// Which feedback the inbox shows. Empty lists and `None` bounds match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackFilter {
    pub sources: Vec<FeedbackSource>,
    pub valences: Vec<Valence>,
    pub states: Vec<FeedbackState>,
    /// First day shown (inclusive).
    pub from: Option<NaiveDate>,
    /// Last day shown (inclusive).
    pub to: Option<NaiveDate>,
    /// Words to find (lower case), each in the text, the giver or a tag.
    pub words: Vec<String>,
    /// Tags the feedback must carry (`#hold`), lower case, without the `#`.
    pub tags: Vec<String>,
}

const HELP: &str = "use a source (customer, colleague, manager, mentor, assessor, department, self), \
a valence (positive, constructive, negative), a state (new, reflected, actioned, archived, open), \
from:DATE, to:DATE or period, or any word or #tag to find";

impl FeedbackFilter {
    /// True when it lets everything through.
    pub fn is_empty(&self) -> bool {
        *self == FeedbackFilter::default()
    }

    pub fn matches(&self, f: &Feedback) -> bool {
        (self.sources.is_empty() || self.sources.contains(&f.source))
            && (self.valences.is_empty() || self.valences.contains(&f.valence))
            && (self.states.is_empty() || self.states.contains(&f.state))
            && self.from.is_none_or(|from| f.date >= from)
            && self.to.is_none_or(|to| f.date <= to)
            && self.tags.iter().all(|t| has_tag(f, t))
            && self.words.iter().all(|w| {
                has_tag(f, w)
                    || f.text.to_lowercase().contains(w)
                    || f.who.to_lowercase().contains(w)
            })
    }

    /// The positions in `items` that match, in their order.
    pub fn apply(&self, items: &[Feedback]) -> Vec<usize> {
        items
            .iter()
            .enumerate()
            .filter(|(_, f)| self.matches(f))
            .map(|(i, _)| i)
            .collect()
    }

    /// Reads a typed filter. `today` anchors dates such as `-2w`;
    /// `period_start` is what the word `period` means (the current review period).
    pub fn parse(
        text: &str,
        today: NaiveDate,
        period_start: NaiveDate,
    ) -> Result<FeedbackFilter, String> {
        let mut filter = FeedbackFilter::default();
        for word in text.split_whitespace() {
            let lower = word.to_lowercase();
            if let Some((key, value)) = lower.split_once(':') {
                let day = parse_natural_day(value, today).map_err(|e| format!("{key}: {e}"))?;
                match key {
                    "from" | "since" | "after" => filter.from = Some(day),
                    "to" | "until" | "before" => filter.to = Some(day),
                    "on" => {
                        filter.from = Some(day);
                        filter.to = Some(day);
                    }
                    _ => return Err(format!("`{word}` is not a filter: {HELP}")),
                }
            } else if lower == "period" {
                filter.from = Some(period_start);
            } else if lower == "open" {
                for s in [
                    FeedbackState::New,
                    FeedbackState::Reflected,
                    FeedbackState::Actioned,
                ] {
                    push_once(&mut filter.states, s);
                }
            } else if let Some(tag) = lower.strip_prefix('#').filter(|t| !t.is_empty()) {
                push_once(&mut filter.tags, tag.to_string());
            } else if lower == "all" {
                // Accepted so that "all" reads naturally; it adds nothing.
            } else if let Some(s) = FeedbackState::parse(&lower) {
                push_once(&mut filter.states, s);
            } else if let Some(v) = Valence::parse(&lower) {
                push_once(&mut filter.valences, v);
            } else if let Some(s) = FeedbackSource::parse(&lower).or(match lower.as_str() {
                // "other department" typed with its space arrives as two words.
                "other" => Some(FeedbackSource::OtherDepartment),
                _ => None,
            }) {
                push_once(&mut filter.sources, s);
            } else {
                // Anything else is looked for in the feedback itself, the way
                // the triangulation panel finds a theme ("hold").
                push_once(&mut filter.words, lower);
            }
        }
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            return Err(format!(
                "from {} is after to {}: nothing could match",
                from.format("%-d %b %Y"),
                to.format("%-d %b %Y")
            ));
        }
        Ok(filter)
    }

    /// The filter as words `parse` reads back, for showing it and editing it again.
    pub fn describe(&self) -> String {
        let mut words: Vec<String> = Vec::new();
        words.extend(self.sources.iter().map(|s| match s {
            FeedbackSource::OtherDepartment => "department".to_string(),
            other => other.label().to_string(),
        }));
        words.extend(self.valences.iter().map(|v| v.label().to_string()));
        let open = [
            FeedbackState::New,
            FeedbackState::Reflected,
            FeedbackState::Actioned,
        ];
        if self.states.len() == 3 && open.iter().all(|s| self.states.contains(s)) {
            words.push("open".to_string());
        } else {
            words.extend(self.states.iter().map(|s| s.label().to_string()));
        }
        if let Some(from) = self.from {
            words.push(format!("from:{}", from.format("%Y-%m-%d")));
        }
        if let Some(to) = self.to {
            words.push(format!("to:{}", to.format("%Y-%m-%d")));
        }
        words.extend(self.tags.iter().map(|t| format!("#{t}")));
        words.extend(self.words.iter().cloned());
        words.join(" ")
    }
}

fn has_tag(f: &Feedback, tag: &str) -> bool {
    f.tags
        .iter()
        .any(|t| t.trim_start_matches('#').eq_ignore_ascii_case(tag))
}

fn push_once<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FeedbackMethod, Id};
    use chrono::DateTime;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn item(
        n: u8,
        date: NaiveDate,
        source: FeedbackSource,
        valence: Valence,
        state: FeedbackState,
    ) -> Feedback {
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00+00:00").expect("valid");
        let mut f = Feedback::new(
            Id::from_parts(1_700_000_000_000 + u64::from(n), [n; 10]),
            date,
            now,
            source,
            FeedbackMethod::Survey,
            valence,
            format!("item {n}"),
        );
        f.state = state;
        f
    }

    fn inbox() -> Vec<Feedback> {
        use FeedbackSource::*;
        use FeedbackState::*;
        vec![
            item(0, d(2026, 11, 20), Customer, Valence::Negative, New),
            item(1, d(2026, 11, 1), Manager, Valence::Constructive, Reflected),
            item(2, d(2026, 10, 15), Customer, Valence::Positive, Archived),
            item(3, d(2026, 9, 30), Colleague, Valence::Negative, Actioned),
        ]
    }

    fn parse(text: &str) -> Result<FeedbackFilter, String> {
        FeedbackFilter::parse(text, d(2026, 11, 23), d(2026, 10, 1))
    }

    #[test]
    fn an_empty_filter_shows_everything() {
        let f = parse("  ").expect("blank is fine");
        assert!(f.is_empty());
        assert_eq!(f.apply(&inbox()), [0, 1, 2, 3]);
    }

    #[test]
    fn each_kind_narrows_and_words_of_one_kind_widen() {
        let items = inbox();
        assert_eq!(parse("customer").expect("ok").apply(&items), [0, 2]);
        assert_eq!(parse("customer negative").expect("ok").apply(&items), [0]);
        assert_eq!(parse("negative").expect("ok").apply(&items), [0, 3]);
        assert_eq!(
            parse("customer colleague").expect("ok").apply(&items),
            [0, 2, 3]
        );
        assert_eq!(parse("open").expect("ok").apply(&items), [0, 1, 3]);
        assert_eq!(parse("archived").expect("ok").apply(&items), [2]);
        assert_eq!(parse("new reflected").expect("ok").apply(&items), [0, 1]);
    }

    #[test]
    fn date_bounds_are_inclusive_and_read_like_the_forms() {
        let items = inbox();
        assert_eq!(parse("from:1/11/2026").expect("ok").apply(&items), [0, 1]);
        assert_eq!(parse("to:2026-10-15").expect("ok").apply(&items), [2, 3]);
        assert_eq!(parse("on:15/10/2026").expect("ok").apply(&items), [2]);
        assert_eq!(parse("since:-1w").expect("ok").from, Some(d(2026, 11, 16)));
        assert_eq!(parse("period").expect("ok").apply(&items), [0, 1, 2]);
    }

    #[test]
    fn bad_words_and_impossible_ranges_are_explained() {
        let err = parse("from:31/02/2026").expect_err("no 31 February");
        assert!(err.starts_with("from: "), "{err}");
        let err = parse("from:2026-11-20 to:2026-11-01").expect_err("backwards");
        assert_eq!(
            err,
            "from 20 Nov 2026 is after to 1 Nov 2026: nothing could match"
        );
        assert!(parse("colour:red").is_err());
    }

    #[test]
    fn plain_words_and_tags_find_feedback_the_way_themes_are_counted() {
        let mut items = inbox();
        items[0].text = "Kept the customer on hold too long".into();
        items[1].tags = vec!["hold".into()];
        items[3].text = "Holds were explained well".into();
        // "hold" is what the triangulation panel says keeps coming up.
        assert_eq!(parse("hold").expect("a word").apply(&items), [0, 1, 3]);
        assert_eq!(parse("#hold").expect("a tag").apply(&items), [1]);
        assert_eq!(parse("Hold customer").expect("ok").apply(&items), [0]);
        assert_eq!(parse("hold long").expect("both words").apply(&items), [0]);
        assert_eq!(
            parse("grumpy").expect("just no match").apply(&items),
            [] as [usize; 0]
        );
        let f = parse("negative #hold hold").expect("ok");
        assert_eq!(parse(&f.describe()).expect("reads back"), f);
    }

    #[test]
    fn other_department_can_be_typed_with_its_space() {
        let f = parse("other department").expect("ok");
        assert_eq!(f.sources, [FeedbackSource::OtherDepartment]);
    }

    #[test]
    fn describe_reads_back_to_the_same_filter() {
        for text in [
            "",
            "customer department negative open from:2026-10-01",
            "self archived to:2026-11-01",
            "positive constructive new",
        ] {
            let f = parse(text).expect("ok");
            assert_eq!(parse(&f.describe()).expect("reads back"), f, "{text}");
        }
        assert_eq!(
            parse("open customer").expect("ok").describe(),
            "customer open"
        );
    }
}
