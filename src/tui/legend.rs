//! What the marks on the screens mean, and a short glossary, for the help
//! overlay. Written in the learner's words: what they see, then what it says.

use crate::tui::theme::Styles;
use ratatui::text::{Line, Span};

/// Every mark a screen draws, with where it appears and what it means.
pub const SYMBOLS: &[(&str, &str)] = &[
    ("★", "Diary: a STAR entry (Situation, Task, Action, Result)"),
    (
        "█ · ░",
        "Diary strip: a day you wrote / a weekday you did not / not read yet (still loading)",
    ),
    ("● ◐ ✓ ▪", "Feedback: new · reflected · actioned · archived"),
    ("+ ~ −", "Feedback: positive · constructive · negative"),
    ("+ △", "Plan: a strength · an area to improve"),
    (
        "SMAR·",
        "Plan: SMART letters that pass; · marks the one that fails",
    ),
    ("! ~", "Plan: overdue · due soon"),
    (
        "L1-L4",
        "Activities: Kirkpatrick level reached (L- none yet)",
    ),
    (
        "↑ ↓ better/worse",
        "KPIs: which way the figure moved since the first reading, and whether that is good for it",
    ),
    ("✓ ✗", "target met, check passed · check failed"),
    (
        "━ • │",
        "KPI chart: the reading or target · an activity · a review",
    ),
];

/// The words the app uses, as a learner would explain them.
pub const GLOSSARY: &[(&str, &str)] = &[
    (
        "STAR",
        "telling what happened: the Situation, your Task, the Action you took, the Result",
    ),
    (
        "SMART",
        "a goal that is Specific, Measurable, Achievable, Relevant and Time-bound",
    ),
    (
        "valence",
        "whether feedback was positive, constructive (something to work on) or negative",
    ),
    (
        "Kirkpatrick",
        "four levels of what a course did: how it felt, what you learned, what you do differently, what changed in your results",
    ),
    (
        "triangulation",
        "the same point made by different people or in different ways, so it is more than one view",
    ),
    (
        "golden thread",
        "the chain from a need, to the objective for it, to what you did, to the feedback and evidence that it worked",
    ),
    (
        "criteria",
        "what your qualification says you must show; each needs evidence from your records",
    ),
];

/// The legend and glossary as help lines.
pub fn lines(st: &Styles) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled("What the marks mean", st.title())];
    for (mark, meaning) in SYMBOLS {
        out.push(Line::from(vec![
            Span::styled(format!("  {mark:<16}"), st.key()),
            Span::raw(*meaning),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Words used here", st.title()));
    for (word, meaning) in GLOSSARY {
        out.push(Line::from(vec![
            Span::styled(format!("  {word:<16}"), st.key()),
            Span::raw(*meaning),
        ]));
    }
    out.push(Line::raw(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_the_issue_names_is_explained() {
        let marks: String = SYMBOLS.iter().map(|(m, _)| format!("{m} ")).collect();
        for mark in [
            "★", "●", "◐", "✓", "▪", "△", "+", "·", "!", "~", "L1-L4", "SMAR·", "█", "░", "↑", "↓",
        ] {
            assert!(marks.contains(mark), "{mark} has no line in the legend");
        }
        let words: Vec<&str> = GLOSSARY.iter().map(|(w, _)| *w).collect();
        for word in [
            "STAR",
            "SMART",
            "valence",
            "Kirkpatrick",
            "triangulation",
            "golden thread",
            "criteria",
        ] {
            assert!(words.contains(&word), "{word} is not in the glossary");
        }
    }
}
