//! `starlog kpi add`, `starlog check` and `starlog export` as a learner or a
//! script meets them: what is printed, the files written and the exit status.

use crate::common::{demo, starlog};
use std::path::Path;

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[test]
fn kpi_add_records_a_reading_and_refuses_one_off_its_scale() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let (code, out, err) = starlog(
        root,
        &[
            "kpi",
            "add",
            "csat",
            "86",
            "--date",
            "2026-11-20",
            "--target",
            "88",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Added CSAT 86% on 2026-11-20 (target 88%)"),
        "{out}"
    );
    let kpis = root.join("default/kpis");
    assert_eq!(files_in(&kpis), 1);
    let text = std::fs::read_to_string(
        std::fs::read_dir(&kpis)
            .expect("dir")
            .next()
            .expect("a file")
            .expect("entry")
            .path(),
    )
    .expect("read");
    assert!(
        text.contains("metric: \"CSAT\"") && text.contains("value: 86.0"),
        "{text}"
    );

    let (code, _, err) = starlog(root, &["kpi", "add", "csat", "860"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("VALUE: CSAT 860 is off the scale: CSAT runs from 0 to 100 (%)"),
        "{err}"
    );
    let (code, _, err) = starlog(
        root,
        &["kpi", "add", "nps", "-12", "--date", "next fortnight"],
    );
    assert_eq!(code, 2, "a bad date is refused before anything is written");
    assert!(!err.is_empty());
    assert_eq!(files_in(&kpis), 1, "nothing written for refused readings");

    let (code, _, err) = starlog(
        root,
        &["kpi", "add", "complaints", "3", "--unit", "per week"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("--better"), "{err}");
    let (code, out, err) = starlog(
        root,
        &[
            "kpi",
            "add",
            "complaints",
            "3",
            "--unit",
            "per week",
            "--better",
            "lower",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Added complaints 3 per week"), "{out}");
    let (code, _, _) = starlog(root, &["kpi", "add", "nps", "-12"]);
    assert_eq!(code, 0, "negative values are values, not flags");
    assert_eq!(files_in(&kpis), 3);
}

#[test]
fn kpi_add_refuses_a_second_scale_for_one_metric() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let kpis = root.join("default/kpis");
    let (code, _, err) = starlog(root, &["kpi", "add", "csat", "87"]);
    assert_eq!(code, 0, "{err}");
    // The learner's report: 4.2 out of 5 after percentages plunged the chart.
    let (code, _, err) = starlog(root, &["kpi", "add", "csat", "4.2", "--unit", "1-5"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("CSAT is recorded in % (87% on"), "{err}");
    assert!(err.contains("mix two scales"), "{err}");
    assert_eq!(
        files_in(&kpis),
        1,
        "nothing written for the refused reading"
    );
    let (code, _, err) = starlog(root, &["kpi", "add", "csat", "91%"]);
    assert_eq!(code, 0, "the same scale is fine: {err}");
}

#[test]
fn kpi_add_takes_figures_and_days_as_people_write_them() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let kpis = root.join("default/kpis");

    let (code, out, err) = starlog(root, &["kpi", "add", "aht", "6:30", "--target", "6:00"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Added AHT 390 s on "), "{out}");
    assert!(out.contains("(target 360 s)"), "{out}");

    let (code, out, err) = starlog(
        root,
        &["kpi", "add", "csat", "85%", "--date", "28 Feb 2027"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Added CSAT 85% on 2027-02-28"), "{out}");

    let (code, out, err) = starlog(
        root,
        &[
            "kpi",
            "add",
            "fcr",
            "1,250",
            "--date",
            "end of February 2027",
        ],
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("VALUE: FCR 1250 is off the scale: FCR runs from 0 to 100 (%)"),
        "{err}"
    );
    assert_eq!(files_in(&kpis), 2);

    let (code, _, err) = starlog(root, &["kpi", "add", "csat", "eighty%"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("VALUE: `eighty%` is not a percentage: type a percentage, e.g. 85 or 85%"),
        "{err}"
    );
    assert!(!err.contains("float"), "{err}");
    let (code, _, err) = starlog(root, &["kpi", "add", "aht", "6:75"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("VALUE: `6:75` is not a time: the seconds after a colon run from 00 to 59"),
        "{err}"
    );
    let (code, _, err) = starlog(root, &["kpi", "add", "aht", "390", "--target", "85%"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--target: AHT is a time, not a percentage"),
        "{err}"
    );
    let (code, _, err) = starlog(root, &["kpi", "add", "csat", "85", "--date", "30 Feb 2027"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`30 Feb 2027` is not a real date: February 2027 has no day 30"),
        "{err}"
    );
    assert_eq!(files_in(&kpis), 2, "nothing written for refused readings");

    let (code, out, err) = starlog(
        root,
        &[
            "add",
            "Calmed a caller about a bill",
            "--date",
            "Sun 28 February 2027",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Added 2027-02-28 entry"), "{out}");
}

#[test]
fn check_reports_each_rule_and_exits_1_when_one_fails() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    demo(root);
    let (code, out, err) = starlog(root, &["--workspace", "demo", "check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.starts_with("Portfolio readiness: 19 of 22 checks pass"),
        "{out}"
    );
    assert!(out.contains("NOT YET  5. Feedback from three sources, acted upon [feedback]"));
    assert!(out.contains("To satisfy it: Get feedback from at least three kinds of source"));

    let (code, out, _) = starlog(root, &["--workspace", "demo", "check", "--json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["total"], 22);
    assert_eq!(v["passed"], 19);
    assert_eq!(v["ready"], false);
    let feedback = &v["rules"][4];
    assert_eq!(feedback["id"], "feedback");
    assert_eq!(feedback["passed"], false);
    assert_eq!(feedback["records"].as_array().map(Vec::len), Some(2));
    assert_eq!(feedback["records"][0]["kind"], "feedback");

    // A workspace that is not there is a typo, not an empty portfolio.
    let (code, _, err) = starlog(root, &["--workspace", "empty", "check"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("there is no workspace `empty`"), "{err}");
    assert!(err.contains("workspaces there: demo"), "{err}");

    std::fs::create_dir(root.join("empty")).expect("an empty workspace");
    let (code, out, _) = starlog(root, &["--workspace", "empty", "check"]);
    assert_eq!(code, 1);
    assert!(out.contains("no self-assessment recorded yet"), "{out}");
}

#[test]
fn export_writes_one_self_contained_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    demo(root);
    let file = root.join("portfolio.html");
    let path = file.to_str().expect("utf-8 path");
    let (code, _, err) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "export",
            "--format",
            "html",
            "-o",
            path,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("19 of 22 readiness checks pass"), "{err}");
    let html = std::fs::read_to_string(&file).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Portfolio of evidence: Priya Shah"));
    assert_eq!(html.matches("<svg").count(), 3, "CSAT, FCR and AHT charts");
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));

    let (code, md, _) = starlog(root, &["--workspace", "demo", "export", "--format", "md"]);
    assert_eq!(code, 0);
    assert!(md.starts_with("# Portfolio of evidence: Priya Shah"));
    assert!(md.contains("## Authenticity statement"));

    let (code, _, err) = starlog(root, &["--workspace", "demo", "export", "--format", "pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("use md, html or zip"), "{err}");
}

#[test]
fn export_refuses_personal_data_until_redacted_or_allowed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    demo(root);
    let (code, _, _) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "add",
            "Mrs B (b.jones@example.com, 07700 900123) wants a callback",
        ],
    );
    assert_eq!(code, 0);
    let file = root.join("p.md");
    let path = file.to_str().expect("utf-8 path");
    let (code, _, err) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "export",
            "--format",
            "md",
            "-o",
            path,
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("2 possible customer details found"), "{err}");
    assert!(
        err.contains("e-mail address in the text of diary entry"),
        "{err}"
    );
    assert!(
        !err.contains("b.jones@example.com"),
        "the refusal does not repeat the detail"
    );
    assert!(!file.exists(), "nothing written");

    let (code, _, err) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "export",
            "--format",
            "md",
            "-o",
            path,
            "--redact",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let md = std::fs::read_to_string(&file).expect("written");
    assert!(
        md.contains("Mrs B (\\[Customer A e-mail\\], \\[Customer A phone\\]) wants a callback"),
        "one caller's details in one sentence are one customer"
    );
    assert!(!md.contains("b.jones"));

    let (code, md, _) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "export",
            "--format",
            "md",
            "--allow-personal-data",
        ],
    );
    assert_eq!(code, 0);
    assert!(md.contains("b.jones@example.com"));

    let (code, _, _) = starlog(root, &["--workspace", "demo", "check"]);
    assert_eq!(code, 1, "the personal-data rule fails too");
}
