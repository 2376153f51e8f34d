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
        },
        &mut |_, _| {},
    )
}

#[test]
fn the_fixed_workspace_passes_every_check() {
    let (_, r) = fixed();
    let out = export_fixed(Format::Markdown, PersonalData::Refuse, &r).expect("no personal data");
    assert_eq!(out.passed, (11, 11));
}

#[test]
fn html_parses_and_is_self_contained() {
    use scraper::{Html, Selector};
    let (_, r) = fixed();
    let out = export_fixed(Format::Html, PersonalData::Refuse, &r).expect("exported");
    let page = Html::parse_document(&out.text);
    assert!(page.errors.is_empty(), "parse errors: {:?}", page.errors);
    let sel = |s: &str| Selector::parse(s).expect("valid selector");
    for forbidden in ["script", "link", "iframe", "img", "object", "embed", "base"] {
        assert_eq!(
            page.select(&sel(forbidden)).count(),
            0,
            "<{forbidden}> found"
        );
    }
    assert_eq!(page.select(&sel("[src]")).count(), 0);
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
    assert!(all.contains("As it stood: “Get better at complaint calls”; by no date; not started"));
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
    assert!(md.contains("| 2026-01-31 | 82% | 88% |  |"), "KPI table");
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
        (10, 11),
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
        },
        &mut |done, total| seen.push((done, total)),
    )
    .expect("exported");
    let total = build::steps(&r);
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
    assert_eq!(seen.last(), Some(&(total, total)));
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
        },
        &mut |_, _| {},
    )
    .expect("exported");
    assert!(out.text.contains("Portfolio of evidence: the learner"));
    assert!(out.text.contains("No criteria set is chosen"));
    assert_eq!(out.passed.0, 2, "personal data and the golden thread");
}
