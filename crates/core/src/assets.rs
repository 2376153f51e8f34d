//! Data shipped inside the binary: criteria sets, STAR prompts, the demo story.
//!
//! The files live in `assets/` so a centre can read and copy them; they are
//! compiled in so the app works from a single binary with no install step.

use crate::domain::{CriteriaSet, StarPrompts};

/// The built-in criteria sets, as `(file name, RON text)`.
pub const CRITERIA_FILES: &[(&str, &str)] = &[
    (
        "develop-personal-performance.ron",
        include_str!("../../../assets/criteria/develop-personal-performance.ron"),
    ),
    (
        "customer-service-practitioner.ron",
        include_str!("../../../assets/criteria/customer-service-practitioner.ron"),
    ),
    (
        "customer-service-specialist.ron",
        include_str!("../../../assets/criteria/customer-service-specialist.ron"),
    ),
    (
        "team-leader-coaching.ron",
        include_str!("../../../assets/criteria/team-leader-coaching.ron"),
    ),
];

const STAR_PROMPTS: &str = include_str!("../../../assets/star-prompts.ron");

/// The id of the criteria set used when the profile names none.
pub const DEFAULT_CRITERIA_SET: &str = "develop-personal-performance";

/// Every built-in criteria set that parses (all do; a test checks it).
pub fn criteria_sets() -> Vec<CriteriaSet> {
    CRITERIA_FILES
        .iter()
        .filter_map(|(_, text)| ron::from_str::<CriteriaSet>(text).ok())
        .collect()
}

/// The criteria set with `id`, or the default one.
pub fn criteria_set(id: &str) -> Option<CriteriaSet> {
    let sets = criteria_sets();
    let wanted = if id.is_empty() {
        DEFAULT_CRITERIA_SET
    } else {
        id
    };
    sets.into_iter().find(|s| s.id == wanted)
}

/// The STAR hint questions.
pub fn star_prompts() -> StarPrompts {
    ron::from_str(STAR_PROMPTS).unwrap_or_else(|_| StarPrompts {
        format: crate::domain::FORMAT,
        situation: "What was happening? Who was the customer, what did they need?".into(),
        task: "What was your job in this? What did you have to achieve?".into(),
        action: "What did YOU do, step by step, and why?".into(),
        result: "How did it end? What changed for the customer (a score, a thank-you)?".into(),
        reflection: "What did you learn? What would you do differently? Your next step?".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_asset_parses() {
        for (name, text) in CRITERIA_FILES {
            let set: Result<CriteriaSet, _> = ron::from_str(text);
            assert!(set.is_ok(), "{name}: {set:?}");
            if let Ok(set) = set {
                assert!(set.problems().is_empty(), "{name}: {:?}", set.problems());
                assert_eq!(
                    format!("{}.ron", set.id),
                    *name,
                    "the file is named by its id"
                );
            }
        }
        assert_eq!(criteria_sets().len(), CRITERIA_FILES.len());
        let prompts: Result<StarPrompts, _> = ron::from_str(STAR_PROMPTS);
        assert!(prompts.is_ok(), "{prompts:?}");
    }

    #[test]
    fn default_set_has_the_units_criteria() {
        let set = criteria_set("").expect("default criteria set");
        for id in ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3"] {
            assert!(set.get(id).is_some(), "criterion {id} missing");
        }
        let assessable: Vec<&str> = set.assessable().map(|c| c.id.as_str()).collect();
        assert!(
            !assessable.contains(&"1"),
            "outcome headings are not assessable"
        );
        assert!(assessable.contains(&"3"));
    }
}
