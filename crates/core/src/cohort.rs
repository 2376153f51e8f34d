//! Generated cohorts of learners: for the caseload benchmark
//! (`benches/team.rs`) and the Team screen's tests, a team of many learners
//! who differ where a team leader looks (name, level, readiness, how
//! recently they wrote, reviews kept or overdue, feedback left unreflected).
//!
//! Each learner is the demo story (every record kind) under another name,
//! with parts taken away by the learner's number, topped up with generated
//! STAR entries to the size asked for. The same number always gives the
//! same learner.

use crate::demo::{generated_entries, story};
use crate::domain::{Records, WorkspaceHeader};
use chrono::{Days, NaiveDate};

const FIRST: &[&str] = &[
    "Priya", "Tom", "Aisha", "Gareth", "Mei", "Kwame", "Niamh", "Oliver", "Fatima", "Jakub",
    "Chloe", "Dev", "Ellie", "Hamza", "Isla", "Joe",
];
const LAST: &[&str] = &[
    "Shah", "Reed", "Khan", "Evans", "Lin", "Mensah", "Byrne", "Hughes", "Ali", "Nowak", "Price",
    "Patel", "Doyle",
];

/// The folder name of learner `index`: `learner-007`.
pub fn folder(index: usize) -> String {
    format!("learner-{index:03}")
}

/// Learner `index`'s header and records: about `records` records in all (at
/// least the story's), on `today`.
pub fn learner(index: usize, records: usize, today: NaiveDate) -> (WorkspaceHeader, Records) {
    let (mut header, mut r) = story(today);
    header.profile.name = format!(
        "{} {}",
        FIRST[index % FIRST.len()],
        LAST[(index / FIRST.len()) % LAST.len()]
    );
    header.profile.level = Some(2 + (index % 2) as u8);
    // Attached files are not generated: their records would only point at
    // missing files.
    r.evidence.clear();
    // Some learners have missed reviews: dropping the latest leaves the
    // next review due earlier, often already past.
    let dropped = index % 3;
    let keep = r.reviews.len().saturating_sub(dropped);
    r.reviews.truncate(keep);
    // Some leave constructive and negative feedback unreflected.
    if index % 4 == 1 {
        for f in r
            .feedback
            .iter_mut()
            .filter(|f| f.valence.needs_reflection())
        {
            f.reflection.clear();
        }
    }
    // Some have stopped writing: their newest entry is weeks old.
    let silent_days = (index % 7) as u64 * 9;
    let last_day = today - Days::new(1 + silent_days);
    r.diary.retain(|e| e.date <= last_day);
    let more = records.saturating_sub(r.len());
    let mut generated = generated_entries(more, 7 + index as u64, last_day);
    // The newest is on the learner's last day, whatever the draw gave it.
    if let Some(newest) = generated.first_mut() {
        newest.date = last_day;
    }
    r.diary.extend(generated);
    r.sort();
    (header, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).expect("a real day")
    }

    #[test]
    fn learners_differ_where_a_team_leader_looks_and_repeat_by_number() {
        let (h0, r0) = learner(0, 300, today());
        let (h1, r1) = learner(1, 300, today());
        assert_eq!(r0.len(), 300);
        assert_eq!(r1.len(), 300);
        assert_ne!(h0.profile.name, h1.profile.name);
        assert_ne!(h0.profile.level, h1.profile.level);
        assert!(r1.reviews.len() < r0.reviews.len());
        let unreflected = |r: &Records| {
            r.feedback
                .iter()
                .filter(|f| f.valence.needs_reflection() && !f.is_reflected())
                .count()
        };
        assert!(unreflected(&r1) > unreflected(&r0));
        let newest = |r: &Records| r.diary.iter().map(|e| e.date).max();
        assert!(newest(&r1) < newest(&r0));
        assert_eq!(learner(1, 300, today()), (h1, r1));
        assert_eq!(folder(7), "learner-007");
    }
}
