use super::*;
use crate::domain::readiness::Portfolio;
use crate::domain::testkit::*;
use crate::domain::{Records, Valence, WorkspaceHeader};

fn summary_of(header: &WorkspaceHeader, records: &Records, on: NaiveDate) -> LearnerSummary {
    let unit = unit();
    summarise(
        &Portfolio {
            header,
            records,
            criteria: Some(&unit),
            more_criteria: &[],
            today: on,
            smart: &smart,
        },
        Some(day(2026, 5, 20)),
    )
}

fn member(folder: &str, name: &str, summary: Option<LearnerSummary>) -> Member {
    Member {
        folder: folder.into(),
        state: match summary {
            Some(mut s) => {
                s.name = name.into();
                MemberState::Read {
                    summary: s,
                    unreadable_files: 0,
                }
            }
            None => MemberState::Problem("workspace.ron: a newer format".into()),
        },
    }
}

#[test]
fn a_ready_learner_passes_every_rule_and_shows_their_dates() {
    let s = summary_of(&header(), &ready(), today());
    assert_eq!(s.name, "Sam Test");
    assert_eq!(s.passed, s.rules, "failing: {:?}", s.failing);
    assert_eq!(s.rules, readiness::RULES.len());
    assert!(s.failing.is_empty());
    assert_eq!(s.last_entry, Some(day(2026, 4, 20)));
    // 90 days after the review of 15 April.
    assert_eq!(s.next_review, Some(day(2026, 7, 14)));
    assert_eq!(s.review_overdue_days(today()), None);
    assert_eq!(s.unreflected, 0);
    assert_eq!(s.overdue_objectives, 0);
    assert_eq!(s.last_coaching, Some(day(2026, 5, 20)));
    assert_eq!(
        s.readiness_label(),
        format!("{0}/{0}", readiness::RULES.len())
    );
}

#[test]
fn unreflected_feedback_overdue_work_and_failing_rules_are_counted_and_named() {
    let mut records = ready();
    // No reflection on any item: two constructive ones (one made negative,
    // its reflection only blanks) count; the positive one needs none.
    assert_eq!(records.feedback.len(), 3);
    for f in &mut records.feedback {
        f.reflection = "  ".into();
    }
    let constructive = records
        .feedback
        .iter_mut()
        .find(|f| f.valence == Valence::Constructive)
        .expect("constructive feedback");
    constructive.valence = Valence::Negative;
    let later = day(2026, 9, 1);
    let s = summary_of(&header(), &records, later);
    assert_eq!(s.unreflected, 2);
    // The objective's target date (31 July) has passed and it is open.
    assert_eq!(s.overdue_objectives, 1);
    assert_eq!(s.review_overdue_days(later), Some(49));
    assert!(s.is_overdue(later));
    assert!(
        s.failing.iter().any(|r| r.id == "feedback"),
        "{:?}",
        s.failing
    );
    assert_eq!(s.passed + s.failing.len(), s.rules);
}

#[test]
fn an_empty_workspace_has_no_dates_and_fails_rules() {
    let s = summary_of(&WorkspaceHeader::default(), &Records::default(), today());
    assert_eq!(s.name, "");
    assert_eq!(s.last_entry, None);
    assert_eq!(s.next_review, None);
    assert!(s.passed < s.rules);
    let m = member("new-starter", "", Some(s));
    assert_eq!(m.display_name(), "new-starter");
}

#[test]
fn sorting_puts_who_needs_attention_first_and_unreadable_ones_last() {
    let base = summary_of(&header(), &ready(), today());
    let mut a = base.clone();
    a.passed = 15;
    a.last_entry = Some(day(2026, 5, 1));
    a.next_review = Some(day(2026, 8, 1));
    let mut b = base.clone();
    b.passed = 9;
    b.last_entry = None;
    b.next_review = Some(day(2026, 5, 1));
    let mut c = base;
    c.passed = 12;
    c.last_entry = Some(day(2026, 3, 1));
    c.next_review = None;
    let mut members = vec![
        member("broken", "", None),
        member("c", "Chris", Some(c)),
        member("a", "alex", Some(a)),
        member("b", "Bea", Some(b)),
    ];
    let order =
        |members: &[Member]| -> Vec<String> { members.iter().map(|m| m.folder.clone()).collect() };
    sort(&mut members, SortKey::Name);
    assert_eq!(order(&members), ["a", "b", "c", "broken"]);
    sort(&mut members, SortKey::Readiness);
    assert_eq!(order(&members), ["b", "c", "a", "broken"]);
    sort(&mut members, SortKey::NextReview);
    assert_eq!(order(&members), ["b", "a", "c", "broken"]);
    sort(&mut members, SortKey::LastEntry);
    assert_eq!(order(&members), ["b", "c", "a", "broken"]);
}

#[test]
fn the_filter_reads_names_rule_ids_and_states() {
    let ok = summary_of(&header(), &ready(), today());
    let mut behind = ok.clone();
    behind.unreflected = 1;
    behind.level = Some(3);
    behind.failing.push(FailingRule {
        number: 5,
        id: "feedback".into(),
        title: "Feedback from three sources, acted upon".into(),
    });
    behind.next_review = Some(day(2026, 5, 1));
    let members = vec![
        member("priya", "Priya Shah", Some(ok)),
        member("tom", "Tom Reed", Some(behind)),
        member("old", "", None),
    ];
    let keep = |text: &str| visible(&members, &Filter::parse(text), today());
    assert_eq!(keep(""), [0, 1, 2]);
    assert_eq!(keep("PRI"), [0]);
    assert_eq!(keep("feedback"), [1]);
    assert_eq!(keep("overdue"), [1]);
    assert_eq!(keep("unreflected"), [1]);
    assert_eq!(keep("level:3"), [1]);
    assert_eq!(keep("l3 tom"), [1]);
    assert_eq!(keep("l3 priya"), Vec::<usize>::new());
    assert_eq!(keep("problem"), [2]);
    assert_eq!(keep("old"), [2]);
}

#[test]
fn sort_keys_go_round_and_read_as_typed() {
    assert_eq!(SortKey::Name.next(), SortKey::Readiness);
    assert_eq!(SortKey::LastEntry.next(), SortKey::Name);
    assert_eq!(SortKey::parse("next-review"), Some(SortKey::NextReview));
    assert_eq!(SortKey::parse("Last_Entry"), Some(SortKey::LastEntry));
    assert_eq!(SortKey::parse("age"), None);
}
