//! Export tests on a small fixed workspace: the HTML parsed with a real
//! HTML parser, escaping, and the personal-data gate. The golden files come
//! from a realistic learner through the real binary: `tests/cli/goldens.rs`.

use super::*;
use crate::domain::testkit::*;
use crate::domain::*;

/// The fixed workspace of these tests: the ready workspace with a plan
/// snapshot per review and words that need escaping.
fn fixed() -> (WorkspaceHeader, Records) {
    let mut h = header();
    h.profile.organisation = "Acme Energy".into();
    h.profile.qualification = "Level 3 NVQ Diploma in Customer Service".into();
    h.profile.level = Some(3);
    let mut r = ready();
    let obj = r.objectives[0].clone();
    let mut first = obj.clone();
    first.statement = "Get better at complaint calls".into();
    first.measure = Measure::default();
    first.target_date = None;
    first.status = ObjectiveStatus::NotStarted;
    r.reviews[0].plan = vec![first];
    r.reviews[1].plan = vec![obj];
    r.reviews[1].summary =
        "Moved the target date.\nCSAT < 85% in March & back on track in April.".into();
    r.diary[0].action = "I used *HEAT*:\n- Hear\n- Empathise | Apologise\n1. Take action".into();
    r.diary[0].tags = vec!["HEAT".into(), "complaint".into()];
    (h, r)
}

fn export_fixed(
    format: Format,
    personal: PersonalData,
    records: &Records,
) -> Result<Exported, Refusal> {
    let (h, _) = fixed();
    let set = unit();
    export(
        &Request {
            header: &h,
            records,
            criteria: Some(&set),
            today: today(),
            smart: &smart,
            format,
            personal_data: personal,
            files: &Default::default(),
        },
        &mut |_, _| {},
    )
}

#[test]
fn the_fixed_workspace_passes_every_check() {
    let (_, r) = fixed();
    let out = export_fixed(Format::Markdown, PersonalData::Refuse, &r).expect("no personal data");
    assert_eq!(out.passed, (22, 22));
}

#[test]
fn html_parses_and_is_self_contained() {
    use scraper::{Html, Selector};
    let (_, r) = fixed();
    let out = export_fixed(Format::Html, PersonalData::Refuse, &r).expect("exported");
    let page = Html::parse_document(&out.text);
    assert!(page.errors.is_empty(), "parse errors: {:?}", page.errors);
    let sel = |s: &str| Selector::parse(s).expect("valid selector");
    for forbidden in ["script", "link", "iframe", "object", "embed", "base"] {
        assert_eq!(
            page.select(&sel(forbidden)).count(),
            0,
            "<{forbidden}> found"
        );
    }
    for e in page.select(&sel("[src]")) {
        let src = e.value().attr("src").unwrap_or_default();
        assert!(
            src.starts_with("data:image/"),
            "a source outside the file: {src}"
        );
    }
    let ids: Vec<&str> = page
        .select(&sel("[id]"))
        .filter_map(|e| e.value().id())
        .collect();
    for a in page.select(&sel("[href]")) {
        let href = a.value().attr("href").unwrap_or_default();
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external link {href}"));
        assert!(ids.contains(&target), "link to missing #{target}");
    }
    for a in page.select(&sel("*")) {
        for (name, value) in a.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}");
            assert!(!value.contains("://"), "{name}={value}");
        }
    }
    let style: String = page.select(&sel("style")).map(|s| s.inner_html()).collect();
    assert!(!style.contains("url(") && !style.contains("@import"));
    assert!(style.contains("@media print"));
    // One chart per metric, with its target line and the activity marks.
    let charts: Vec<_> = page.select(&sel("svg")).collect();
    assert_eq!(charts.len(), 1);
    assert_eq!(
        page.select(&sel("svg polygon")).count(),
        5,
        "every activity serves the CSAT objective"
    );
    assert_eq!(page.select(&sel("svg circle")).count(), 3, "three readings");
    // The learner's words arrive as text, not markup.
    let words: String = page
        .select(&sel(".words"))
        .map(|w| w.text().collect::<String>())
        .collect();
    assert!(words.contains("CSAT < 85% in March & back on track"));
    assert!(words.contains("I used *HEAT*:\n- Hear"));
    // The authenticity statement and the version history are there.
    let all: String = page.root_element().text().collect();
    assert!(
        all.contains("I, Sam Test, confirm that the evidence in this portfolio is my own work")
    );
    assert!(all.contains("As agreed: “Get better at complaint calls”; by no date; not started"));
    assert!(all.contains("revised because Target date moved after two weeks off"));
}

#[test]
fn markdown_escapes_the_learners_markup() {
    let (_, r) = fixed();
    let md = export_fixed(Format::Markdown, PersonalData::Refuse, &r)
        .expect("exported")
        .text;
    assert!(md.contains(
        "I used \\*HEAT\\*:\\\n\\- Hear\\\n\\- Empathise \\| Apologise\\\n1\\. Take action"
    ));
    assert!(
        md.contains("| 31 January 2026 | 82% | 88% |  |"),
        "KPI table"
    );
    assert!(!md.contains("<script"));
}

#[test]
fn personal_data_stops_the_export_until_the_learner_chooses() {
    let (_, mut r) = fixed();
    r.diary[1].situation = "Mrs K (k.jones@example.com, 07700 900123) rang about LS1 4AP.".into();
    r.feedback[1].text = "Customer k.jones@example.com said thanks.".into();
    let refused = export_fixed(Format::Html, PersonalData::Refuse, &r).expect_err("refused");
    let Refusal::PersonalData(hits) = &refused else {
        panic!("refused for personal data: {refused:?}");
    };
    assert_eq!(hits.len(), 4);
    let msg = refused.message();
    assert!(
        msg.contains("e-mail address in the Situation of diary entry 2026-03-10"),
        "{msg}"
    );
    assert!(msg.contains("--redact"));

    let red = export_fixed(Format::Markdown, PersonalData::Redact, &r).expect("redacted");
    assert_eq!(red.redacted, 3, "one e-mail, one phone, one postcode");
    assert!(
        red.text.contains("Mrs K (\\[Customer A e-mail\\], \\[Customer A phone\\]) rang about \\[Customer A postcode\\]."),
        "one caller's details in one sentence are one customer"
    );
    assert!(
        red.text
            .contains("Customer \\[Customer A e-mail\\] said thanks."),
        "the same placeholder"
    );
    assert!(!red.text.contains("k.jones"));
    assert!(privacy::find(&red.text.replace('\\', "")).is_empty());

    let allowed = export_fixed(Format::Markdown, PersonalData::Allow, &r).expect("allowed");
    assert!(allowed.text.contains("k.jones@example.com"));
    assert_eq!(
        allowed.passed,
        (21, 22),
        "the personal-data check fails in the export"
    );
}

#[test]
fn progress_is_reported_up_to_the_total() {
    let (h, r) = fixed();
    let set = unit();
    let mut seen = Vec::new();
    export(
        &Request {
            header: &h,
            records: &r,
            criteria: Some(&set),
            today: today(),
            smart: &smart,
            format: Format::Html,
            personal_data: PersonalData::Refuse,
            files: &Default::default(),
        },
        &mut |done, total| seen.push((done, total)),
    )
    .expect("exported");
    let total = super::steps(&r);
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
    assert_eq!(seen.last(), Some(&(total, total)));
}

#[test]
fn progress_moves_through_a_large_diary_rather_than_jumping_to_the_end() {
    let (h, mut r) = fixed();
    let template = r.diary[0].clone();
    for n in 0..600u64 {
        let mut e = template.clone();
        e.id = Id::from_parts(1_700_000_000_000 + n, [3; 10]);
        e.text = format!("Call {n}: the customer wanted a refund and I explained the policy.");
        r.diary.push(e);
    }
    let mut percents = Vec::new();
    export(
        &Request {
            header: &h,
            records: &r,
            criteria: None,
            today: today(),
            smart: &smart,
            format: Format::Html,
            personal_data: PersonalData::Allow,
            files: &Default::default(),
        },
        &mut |done, total| percents.push(done * 100 / total),
    )
    .expect("exported");
    percents.dedup();
    // Before, a 600-entry diary went 0% → 99% in one step: the diary, most
    // of the work, was one tick. Now every few percent is shown on the way.
    let between: Vec<_> = percents.iter().filter(|p| (1..99).contains(*p)).collect();
    assert!(between.len() >= 40, "the percentages shown: {percents:?}");
    assert_eq!(percents.last(), Some(&100));
}

#[test]
fn an_empty_workspace_still_exports() {
    let h = WorkspaceHeader::default();
    let r = Records::default();
    let out = export(
        &Request {
            header: &h,
            records: &r,
            criteria: None,
            today: today(),
            smart: &smart,
            format: Format::Html,
            personal_data: PersonalData::Refuse,
            files: &Default::default(),
        },
        &mut |_, _| {},
    )
    .expect("exported");
    assert!(out.text.contains("Portfolio of evidence: the learner"));
    assert!(out.text.contains("No criteria set is chosen"));
    assert_eq!(
        out.passed.0, 13,
        "personal data, the golden thread, the role-change rule, and the ten rules no criteria set asks for"
    );
}

// ---------------------------------------------------------------------------
// The rough edges of issue 16 (item 5), one test each: the Markdown lines an
// assessor reads, exactly.

fn md(r: &Records) -> String {
    export_fixed(Format::Markdown, PersonalData::Refuse, r)
        .expect("exported")
        .text
}

fn has_line(text: &str, line: &str) {
    assert!(
        text.lines().any(|l| l == line),
        "no line {line:?} in:\n{}",
        text.lines()
            .filter(|l| l.contains(line.get(..12).unwrap_or(line)))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn edge_a_reason_ending_in_a_full_stop_is_not_followed_by_another() {
    let (_, mut r) = fixed();
    r.reviews[1].changes[0].reason = "Target date moved after the October appraisal.".into();
    let out = md(&r);
    assert!(!out.contains(".."), "a double full stop");
    assert!(out.contains("revised because Target date moved after the October appraisal. Now:"));
}

#[test]
fn edge_two_reviews_on_one_day_have_different_headings() {
    let (_, mut r) = fixed();
    let mut second = r.reviews[1].clone();
    second.id = id(99);
    second.held =
        chrono::DateTime::parse_from_rfc3339("2026-04-15T16:45:00+01:00").expect("moment");
    second.corrects = Some(r.reviews[1].id.clone());
    r.reviews.push(second);
    r.sort();
    let out = md(&r);
    has_line(&out, "### Review of 15 April 2026, 10:00");
    has_line(&out, "### Correction of 15 April 2026, 16:45");
    has_line(&out, "- **Corrects:** Review of 15 April 2026, 10:00");
}

#[test]
fn edge_dates_and_moments_read_as_a_uk_document_writes_them() {
    let (_, r) = fixed();
    let out = md(&r);
    has_line(&out, "- **Held:** 15 April 2026, 10:00");
    has_line(&out, "- **Exported:** 1 June 2026");
    has_line(&out, "| 31 January 2026 | 82% | 88% |  |");
    assert!(!out.contains("+00:00"), "no offsets");
    assert!(!out.contains("2026-04-15"), "no ISO dates");
}

#[test]
fn edge_kpi_names_are_in_capitals() {
    let (_, mut r) = fixed();
    r.objectives[0].measure.kpi = "csat".into();
    has_line(&md(&r), "- **KPI:** CSAT");
}

#[test]
fn edge_titles_are_whole_in_links_and_diary_headings_end_on_a_word() {
    let (_, mut r) = fixed();
    let long = "An elderly customer who is hard of hearing rang to ask why her direct debit had gone up by forty pounds a month";
    r.diary[0].situation = long.into();
    r.diary[0].criteria = vec!["1.1".into()];
    let out = md(&r);
    assert!(
        out.contains(&format!("[20 April 2026: {}]", long)),
        "the index links to the whole title: {}",
        out.lines()
            .filter(|l| l.contains("An elderly"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    has_line(
        &out,
        "### 20 April 2026: An elderly customer who is hard of hearing rang to ask why her direct debit had gone up by…",
    );
}

#[test]
fn edge_several_linked_objectives_are_separated() {
    let (_, mut r) = fixed();
    let mut second = r.objectives[0].clone();
    second.id = id(11);
    second.statement = "Cut repeat calls about meter readings to 5 a week by 30 June".into();
    r.objectives.push(second);
    r.activities[0].objectives = vec![id(10), id(11)];
    r.sort();
    let out = md(&r);
    assert!(
        out.contains("- **For the objectives:** [Raise my CSAT from 82% to 88% by 31 July using HEAT on complaint calls](#r-")
            && out.contains("); [Cut repeat calls about meter readings to 5 a week by 30 June](#r-"),
        "{}",
        out.lines().filter(|l| l.contains("For the objective")).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn edge_feedback_says_what_its_state_means() {
    let (_, r) = fixed();
    let out = md(&r);
    assert!(!out.contains("**State:**"));
    has_line(&out, "- **Response:** reflected on and acted upon");
}

#[test]
fn edge_the_version_history_shows_the_plan_once_and_then_only_changes() {
    let (_, mut r) = fixed();
    let mut third = r.reviews[1].clone();
    third.id = id(52);
    third.held = at(day(2026, 5, 20));
    third.changes = vec![change(&r.objectives[0].id, Outcome::Kept, "On track.")];
    r.reviews.push(third);
    r.sort();
    let out = md(&r);
    assert!(out.contains("- [Review of 20 January 2026](#r-"));
    assert!(out.contains("): added because CSAT below standard. As agreed: “Get better at complaint calls”; by no date; not started"));
    assert!(
        out.contains(
            "): revised because Target date moved after two weeks off. Now: “Raise my CSAT"
        )
    );
    assert!(
        !out.contains("[Review of 20 May 2026](#r-01"),
        "an unchanged objective is not repeated at a review that kept it"
    );
    assert!(
        out.contains("): kept because On track\n"),
        "the review itself still says why it kept the objective"
    );
    assert!(
        !out.contains(": reworded"),
        "a status moving on is not a rewording"
    );
}

#[test]
fn edge_the_golden_thread_reads_in_both_directions() {
    let (_, mut r) = fixed();
    r.diary[0].objectives = vec![id(10)];
    r.feedback[1].entries = vec![r.diary[0].id.clone()];
    let out = md(&r);
    assert!(out.contains("- **For the objective:** [Raise my CSAT from 82% to 88%"));
    assert!(out.contains("- **Activities:** [Activity 20](#r-"));
    assert!(out.contains("- **Reflective accounts:** [A customer rang about a catch-up bill"));
    assert!(out.contains("- **Acted on in:** [A customer rang about a catch-up bill"));
    assert!(out.contains("- **Acts on the feedback:** ["));
}

#[test]
fn edge_an_activity_says_what_feedback_it_drew_and_the_feedback_which_activity() {
    let (_, mut r) = fixed();
    let out = md(&r);
    assert!(
        !out.contains("Feedback it drew"),
        "none is about an activity yet"
    );
    let activity = r.activities[0].clone();
    r.feedback[0].activity = Some(activity.id.clone());
    let f = r.feedback[0].clone();
    let out = md(&r);
    let drew = format!(
        "- **Feedback it drew:** [{}: {} feedback, {} ({})](#{})",
        super::build::uk_day(f.date),
        f.source.label(),
        f.method.label(),
        f.valence.label(),
        super::build::anchor(&f.id)
    );
    assert!(out.contains(&drew), "{drew} in:\n{out}");
    assert!(
        out.contains(&format!(
            "- **About the activity:** [{}](#{})",
            activity.title,
            super::build::anchor(&activity.id)
        )),
        "{out}"
    );
}

#[test]
fn edge_before_and_after_starts_from_the_stated_baseline() {
    let (_, r) = fixed();
    let out = md(&r);
    assert!(
        out.contains(": before 82% (the stated baseline); after 87% on 30 April 2026."),
        "{}",
        out.lines()
            .filter(|l| l.contains("Before and after"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        crate::domain::kpi::stated_figure("FCR on complaint calls 68% (Q2 2026)"),
        Some(68.0)
    );
    assert_eq!(
        crate::domain::kpi::stated_figure("412 seconds (April)"),
        Some(412.0)
    );
    assert_eq!(
        crate::domain::kpi::stated_figure("Q2 2026: 7 complaints a week"),
        Some(7.0)
    );
    assert_eq!(crate::domain::kpi::stated_figure("none yet"), None);
}

#[test]
fn edge_each_objective_shows_its_smart_verdict_and_feedback_its_triangulation() {
    let (_, mut r) = fixed();
    let out = md(&r);
    has_line(
        &out,
        "- **SMART check:** passes all five letters (specific, measurable, achievable, relevant, time-bound)",
    );
    has_line(&out, "### Feedback by source and method");
    has_line(
        &out,
        "| Source | Items | Positive | Constructive | Negative | Gathered by |",
    );
    r.objectives[0].statement = "Get better at complaint calls".into();
    has_line(
        &md(&r),
        "- **SMART check:** not yet: M: no number or measure",
    );
}

/// The export's SMART advice names a day as the document writes every day,
/// whatever the learner's screens show.
#[test]
fn the_smart_advice_in_an_export_names_days_as_the_document_does() {
    let mut o = ready().objectives[0].clone();
    o.target_date = Some(day(2026, 5, 3));
    o.review_date = Some(day(2026, 4, 1));
    o.status = ObjectiveStatus::InProgress;
    let advice = build::smart_advice(&o, today()).join("; ");
    assert!(
        advice.contains("T: The target date (3 May 2026) has passed"),
        "{advice}"
    );
}

/// An attached file for the scan tests: `name` holding `bytes`.
fn attached(r: &Records, n: u8, name: &str, bytes: &[u8]) -> EvidenceFile {
    let at = r.diary[0].created;
    EvidenceFile {
        format: 1,
        id: id(n),
        date: day(2026, 11, 20),
        created: at,
        updated: at,
        title: format!("File {n}"),
        kind: EvidenceKind::Other,
        description: String::new(),
        links: Vec::new(),
        criteria: Vec::new(),
        original_name: name.into(),
        stored_name: name.into(),
        size: bytes.len() as u64,
        sha256: crate::domain::evidence::sha256_hex(bytes),
    }
}

#[test]
fn text_files_are_scanned_and_the_rest_listed_for_the_learner_to_check() {
    let (h, mut r) = fixed();
    // A PDF whose bytes are ASCII: its cross-reference table reads like
    // phone numbers, but it is not text the learner wrote.
    let pdf = b"%PDF-1.4\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n%%EOF\n";
    let note = b"Call back Mrs Jones on 07700 900123 about the refund.";
    r.evidence = vec![
        attached(&r, 70, "observation.pdf", pdf),
        attached(&r, 71, "call notes.txt", note),
    ];
    let files: std::collections::BTreeMap<Id, Vec<u8>> =
        [(id(70), pdf.to_vec()), (id(71), note.to_vec())].into();
    let set = unit();
    let request = |personal_data| Request {
        header: &h,
        records: &r,
        criteria: Some(&set),
        today: today(),
        smart: &smart,
        format: Format::Markdown,
        personal_data,
        files: &files,
    };
    let Err(Refusal::PersonalData(hits)) = export(&request(PersonalData::Refuse), &mut |_, _| {})
    else {
        panic!("a phone number in a text file stops the export");
    };
    assert_eq!(
        hits.len(),
        1,
        "only the note's number, none in the PDF: {hits:?}"
    );
    assert_eq!(hits[0].field, "file");
    assert_eq!(hits[0].record.id, id(71));
    // A placeholder cannot be put into the learner's file: still refused.
    assert!(export(&request(PersonalData::Redact), &mut |_, _| {}).is_err());
    let done = export(&request(PersonalData::Allow), &mut |_, _| {}).expect("allowed");
    assert_eq!(
        done.unscanned,
        vec![format!("File 70 (evidence/{}/observation.pdf)", id(70))]
    );
}

#[test]
fn the_coaching_log_is_a_section_only_for_a_coach() {
    let (_, mut r) = fixed();
    let text = md(&r);
    assert!(
        !text.contains("Coaching log"),
        "a learner who coaches nobody has no empty section"
    );
    // The fixed workspace's day is 1 June 2026.
    let d = day(2026, 4, 1);
    let mut s = CoachingSession::new(id(90), d, at(d));
    s.coachee = "Sam Okafor".into();
    s.focus = "complaint calls".into();
    s.observed_on = Some(day(2026, 3, 21));
    s.feedback = "You apologised early; next, give the date of the fix first".into();
    s.response = "Sam agreed".into();
    s.follow_up = Some(day(2026, 4, 15));
    s.impact.learning = "Sam can name the HEAT steps".into();
    s.evaluated = Some(day(2026, 5, 1));
    r.coaching.push(s);
    let text = md(&r);
    assert!(
        text.contains("[Coaching log](#coaching)"),
        "in the contents"
    );
    has_line(
        &text,
        "1 coaching session with 1 coachee (Sam Okafor). 0 sessions' impact evaluated with the coachee at Kirkpatrick level 2 or above; 1 follow-up overdue.",
    );
    assert!(
        text.contains("observed 21 March 2026, feedback 11 days later (not timely)"),
        "{text}"
    );
    assert!(
        text.contains("15 April 2026 (overdue: not held yet)"),
        "{text}"
    );
    assert!(
        text.contains("level 2, evaluated with the coachee on 1 May 2026"),
        "{text}"
    );
    let coaching = text.find("## Coaching log").expect("the section");
    let authenticity = text.find("## Authenticity statement").expect("last");
    assert!(coaching < authenticity);
}
