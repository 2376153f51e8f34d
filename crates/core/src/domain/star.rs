//! Quality hints for a STAR entry: signals worth showing, never blocking.
//!
//! Assessors want reflective accounts that analyse, not just describe; these
//! checks point at the usual gaps (DOMAIN.md, "Diary entry").

use super::{DiaryEntry, StarPart};

/// One hint about an entry, with the part it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarHint {
    pub part: Option<StarPart>,
    pub message: String,
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn count_word(text: &str, word: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| w.eq_ignore_ascii_case(word))
        .count()
}

const OUTCOME_WORDS: &[&str] = &[
    "resolved",
    "solved",
    "fixed",
    "refund",
    "thanked",
    "happy",
    "satisfied",
    "agreed",
    "closed",
    "escalated",
    "kept",
    "saved",
    "improved",
    "reduced",
    "increased",
    "score",
    "csat",
    "fcr",
    "nps",
    "complaint",
    "returned",
    "calmer",
    "%",
    "thank",
];

fn has_digit(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

/// The hints for an entry; empty when nothing stands out or it is free text.
pub fn star_hints(entry: &DiaryEntry) -> Vec<StarHint> {
    let mut hints = Vec::new();
    if !entry.is_star() {
        return hints;
    }
    for part in StarPart::ALL {
        if entry.part(part).trim().is_empty() {
            hints.push(StarHint {
                part: Some(part),
                message: format!("{} is empty", part.label()),
            });
        }
    }
    let (situation, action) = (words(&entry.situation), words(&entry.action));
    if situation >= 20 && action * 2 < situation {
        hints.push(StarHint {
            part: Some(StarPart::Action),
            message: "Action is much shorter than Situation: say what you did and why".into(),
        });
    }
    let all: String = StarPart::ALL
        .iter()
        .map(|p| entry.part(*p))
        .collect::<Vec<_>>()
        .join(" ");
    let we = count_word(&all, "we") + count_word(&all, "us") + count_word(&all, "our");
    let i = count_word(&all, "i") + count_word(&all, "me") + count_word(&all, "my");
    if we >= 3 && we > 2 * i {
        hints.push(StarHint {
            part: None,
            message: "\"we\" far more than \"I\": make your own part clear".into(),
        });
    }
    let result = entry.result.to_lowercase();
    if !result.trim().is_empty()
        && !has_digit(&result)
        && !OUTCOME_WORDS.iter().any(|w| result.contains(w))
    {
        hints.push(StarHint {
            part: Some(StarPart::Result),
            message: "Result has no outcome or measure: how did it end, what changed?".into(),
        });
    }
    let reflection = entry.reflection.to_lowercase();
    if (reflection.contains("next") || reflection.contains("will "))
        && (has_digit(&reflection) || reflection.contains("by "))
    {
        hints.push(StarHint {
            part: Some(StarPart::Reflection),
            message: "Your next step has a date: it could become a plan objective".into(),
        });
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Id;
    use chrono::{DateTime, NaiveDate};

    fn entry() -> DiaryEntry {
        let now = DateTime::parse_from_rfc3339("2026-11-22T10:00:00+00:00").expect("valid");
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid");
        DiaryEntry::new(Id::from_parts(1, [1; 10]), date, now)
    }

    #[test]
    fn free_text_entries_get_no_star_hints() {
        let mut e = entry();
        e.text = "Quick note".into();
        assert!(star_hints(&e).is_empty());
    }

    #[test]
    fn empty_parts_are_named() {
        let mut e = entry();
        e.situation = "A customer rang about a late parcel".into();
        let hints = star_hints(&e);
        assert!(hints.iter().any(|h| h.message == "Task is empty"));
        assert!(hints.iter().any(|h| h.message == "Reflection is empty"));
        assert!(!hints.iter().any(|h| h.message == "Situation is empty"));
    }

    #[test]
    fn short_action_after_long_situation_is_flagged() {
        let mut e = entry();
        e.situation = "word ".repeat(40);
        e.action = "I helped.".into();
        assert!(
            star_hints(&e)
                .iter()
                .any(|h| h.message.starts_with("Action is much shorter"))
        );
        e.action = "word ".repeat(30);
        assert!(
            !star_hints(&e)
                .iter()
                .any(|h| h.message.starts_with("Action is much shorter"))
        );
    }

    #[test]
    fn we_versus_i() {
        let mut e = entry();
        e.action = "We called back, we checked, our team sorted it and we closed it".into();
        assert!(star_hints(&e).iter().any(|h| h.message.contains("\"we\"")));
        e.action = "I called back, I checked, I sorted it and we closed it".into();
        assert!(!star_hints(&e).iter().any(|h| h.message.contains("\"we\"")));
    }

    #[test]
    fn result_without_outcome_and_dated_next_step() {
        let mut e = entry();
        e.result = "It went ok I think".into();
        e.reflection = "Next time I will use HEAT; practise it by 15 December".into();
        let hints = star_hints(&e);
        assert!(hints.iter().any(|h| h.part == Some(StarPart::Result)));
        assert!(hints.iter().any(|h| h.message.contains("plan objective")));
        e.result = "The customer was satisfied and CSAT came back 5/5".into();
        assert!(
            !star_hints(&e)
                .iter()
                .any(|h| h.part == Some(StarPart::Result))
        );
    }
}
