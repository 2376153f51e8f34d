//! Fixture learners judged as an assessor would: `starlog check --json` on
//! each workspace in `tests/fixtures/learners/` must pass or fail exactly the
//! rules listed for it in `verdicts.json` (one complete portfolio, and one
//! workspace per typical fault from the examiners' marking points).

use crate::common::{TODAY, starlog};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/learners")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

struct Checked {
    code: i32,
    json: serde_json::Value,
    text: String,
}

/// Runs `starlog check` (JSON and text) on a copy of one fixture learner,
/// judged on the harness's pinned day.
fn check(name: &str) -> Checked {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&fixtures().join(name), &tmp.path().join(name));
    let (code, out, err) = starlog(tmp.path(), &["--workspace", name, "check", "--json"]);
    assert!(err.is_empty(), "{name}: {err}");
    let json = serde_json::from_str(&out).expect("check --json prints JSON");
    let (_, text, _) = starlog(tmp.path(), &["--workspace", name, "check"]);
    Checked { code, json, text }
}

fn verdicts() -> serde_json::Value {
    let text = std::fs::read_to_string(fixtures().join("verdicts.json")).expect("verdicts.json");
    serde_json::from_str(&text).expect("verdicts.json is JSON")
}

#[test]
fn each_fixture_learner_fails_exactly_the_rules_its_fault_breaks() {
    let expected = verdicts();
    assert_eq!(
        expected["today"], TODAY,
        "the fixtures are judged on the harness's day"
    );
    let learners = expected["learners"].as_object().expect("learners");
    let mut wrong = Vec::new();
    for (name, want) in learners {
        let got = check(name);
        let rules = got.json["rules"].as_array().expect("rules");
        let mut failing: Vec<&str> = rules
            .iter()
            .filter(|r| r["passed"] == false)
            .filter_map(|r| r["id"].as_str())
            .collect();
        failing.sort();
        let mut fails: Vec<&str> = want["fails"]
            .as_array()
            .expect("fails")
            .iter()
            .filter_map(|f| f.as_str())
            .collect();
        fails.sort();
        if failing != fails {
            wrong.push(format!(
                "{name} ({}): expected to fail {fails:?}, failed {failing:?}",
                want["fault"]
            ));
        }
        assert_eq!(got.code, if fails.is_empty() { 0 } else { 1 }, "{name}");
        for rule in rules {
            let id = rule["id"].as_str().unwrap_or("");
            let shown = got.text.contains(&format!("[{id}]"));
            assert!(shown, "{name}: the text report leaves out {id}");
            if rule["passed"] == false {
                let satisfy = rule["satisfy"].as_str().unwrap_or("");
                assert!(
                    !satisfy.is_empty(),
                    "{name}: {id} says what would satisfy it"
                );
                assert!(
                    got.text.contains(&format!("To satisfy it: {satisfy}")),
                    "{name}: {id}'s text says what would satisfy it"
                );
                // A criterion with no evidence has no record to name; the
                // message names the criterion instead.
                let missing = rule["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("no evidence for"));
                assert!(
                    missing || !rule["records"].as_array().is_none_or(|r| r.is_empty()),
                    "{name}: {id} names the records behind the verdict"
                );
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_fixture_learner_has_a_verdict_and_every_verdict_a_learner() {
    let expected = verdicts();
    let learners = expected["learners"].as_object().expect("learners");
    let mut dirs: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut named: Vec<String> = learners.keys().cloned().collect();
    named.sort();
    assert_eq!(dirs, named);
    assert!(learners.contains_key("complete"));
}

#[test]
fn the_complete_portfolio_explains_each_pass_with_its_records() {
    let got = check("complete");
    assert_eq!(got.json["ready"], true, "{}", got.text);
    let rules = got.json["rules"].as_array().expect("rules");
    let rule = |id: &str| {
        rules
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("rule {id}"))
    };
    let reviews = rule("review-cycle");
    assert!(
        reviews["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("3 reviews on 3 days, each with a manager, mentor or assessor"),
        "{reviews}"
    );
    let measures = rule("measures");
    let kinds: Vec<&str> = measures["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|r| r["kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"kpi") && kinds.contains(&"feedback"),
        "{kinds:?}"
    );
}
