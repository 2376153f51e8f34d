//! `starlog team`: the caseload over a folder of learners' workspaces, as
//! JSON and as a table; a broken or newer-format workspace is a line with
//! its problem, not a failure; and the read-only promise: no learner's lock
//! is taken and not a byte or a modification time under the root changes.

use crate::common::{self, starlog};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A root of `n` generated learners (`learner-000`...) of `records` records.
fn cohort(root: &Path, n: usize, records: usize) {
    starlog::cohort::write_root(root, n, records, common::today()).expect("write the cohort");
}

fn json(root: &Path, args: &[&str]) -> serde_json::Value {
    let (code, out, err) = starlog(root, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} gives JSON: {e}\n{out}"))
}

fn learner<'a>(doc: &'a serde_json::Value, folder: &str) -> &'a serde_json::Value {
    doc["learners"]
        .as_array()
        .expect("learners")
        .iter()
        .find(|l| l["folder"] == folder)
        .unwrap_or_else(|| panic!("no learner {folder} in {doc:#}"))
}

#[test]
fn team_json_gives_every_learner_under_the_root_their_line() {
    let root = common::temp_root();
    let team = root.path().join("team");
    cohort(&team, 3, 150);
    // A learner in a group folder, and a clone's .git holding a header-like
    // file that is not a learner.
    starlog::cohort::write_workspace(
        &team.join("north").join("sam"),
        &starlog::cohort::learner(5, 120, common::today()).0,
        &starlog::cohort::learner(5, 120, common::today()).1,
    )
    .expect("nested learner");
    fs::create_dir_all(team.join(".git").join("x")).expect(".git");
    fs::write(
        team.join(".git").join("x").join("workspace.ron"),
        "(format: 1)",
    )
    .expect("ron");

    let doc = json(
        root.path(),
        &["team", "--root", team.to_str().expect("utf-8"), "--json"],
    );
    let folders: Vec<&str> = doc["learners"]
        .as_array()
        .expect("learners")
        .iter()
        .map(|l| l["folder"].as_str().expect("folder"))
        .collect();
    // By name (the default order): Aisha Shah, Mei Shah, Priya Shah, Tom Shah.
    assert_eq!(
        folders,
        ["learner-002", "north/sam", "learner-000", "learner-001"]
    );
    assert_eq!(doc["today"], "2026-11-29");

    let priya = learner(&doc, "learner-000");
    assert_eq!(priya["name"], "Priya Shah");
    assert_eq!(priya["level"], 2);
    let total = priya["readiness"]["total"].as_u64().expect("total");
    let passed = priya["readiness"]["passed"].as_u64().expect("passed");
    let failing = priya["readiness"]["failing"].as_array().expect("failing");
    assert_eq!(total as usize, starlog::domain::readiness::RULES.len());
    assert_eq!(passed + failing.len() as u64, total);
    for rule in failing {
        assert!(
            rule["id"].is_string() && rule["title"].is_string(),
            "{rule}"
        );
    }
    assert_eq!(priya["last_entry"], "2026-11-28");
    // The story leaves one constructive item unreflected.
    assert_eq!(priya["unreflected_feedback"], 1);
    assert_eq!(priya["problem"], serde_json::Value::Null);
    assert_eq!(priya["unreadable_files"], 0);

    // Learner 1 dropped the latest review and left their feedback unreflected,
    // and has not written for nine days.
    let tom = learner(&doc, "learner-001");
    assert_eq!(tom["level"], 3);
    assert!(
        tom["unreflected_feedback"].as_u64().expect("count") > 1,
        "{tom}"
    );
    assert_eq!(tom["last_entry"], "2026-11-19");
    assert!(
        tom["next_review"].as_str() < priya["next_review"].as_str(),
        "an earlier review: {tom} / {priya}"
    );
    let overdue = tom["review_overdue_days"].as_i64();
    let due: chrono::NaiveDate = tom["next_review"]
        .as_str()
        .and_then(|d| d.parse().ok())
        .expect("a date");
    assert_eq!(
        overdue,
        (due < common::today()).then(|| (common::today() - due).num_days()),
        "{tom}"
    );
}

#[test]
fn a_broken_or_newer_workspace_is_listed_with_its_problem_and_the_rest_still_read() {
    let root = common::temp_root();
    let team = root.path().join("team");
    cohort(&team, 1, 100);
    let broken = team.join("broken");
    fs::create_dir_all(&broken).expect("folder");
    fs::write(
        broken.join("workspace.ron"),
        "(format: 1, profile: (name: [unclosed",
    )
    .expect("ron");
    let newer = team.join("from-the-future");
    fs::create_dir_all(&newer).expect("folder");
    fs::write(
        newer.join("workspace.ron"),
        "WorkspaceHeader(\n    format: 2,\n)\n",
    )
    .expect("ron");
    let before = common::tree(&team);

    let doc = json(
        root.path(),
        &["team", "--root", team.to_str().expect("utf-8"), "--json"],
    );
    let b = learner(&doc, "broken");
    assert!(
        b["problem"]
            .as_str()
            .is_some_and(|p| p.contains("workspace.ron")),
        "{b}"
    );
    assert_eq!(b["readiness"], serde_json::Value::Null);
    let n = learner(&doc, "from-the-future");
    let why = n["problem"].as_str().expect("a problem");
    assert!(why.contains("newer"), "{why}");
    assert_eq!(
        learner(&doc, "learner-000")["problem"],
        serde_json::Value::Null
    );
    // Readable learners first, then the ones with a problem.
    assert_eq!(doc["learners"][0]["folder"], "learner-000");

    let (code, out, err) = starlog(
        root.path(),
        &["team", "--root", team.to_str().expect("utf-8")],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("broken") && out.contains("could not be read"),
        "{out}"
    );
    assert_eq!(
        common::tree(&team),
        before,
        "nothing in a learner's folder changed"
    );
}

#[test]
fn the_table_marks_overdue_reviews_names_failing_rules_and_sorts_as_asked() {
    let root = common::temp_root();
    let team = root.path().join("team");
    cohort(&team, 4, 100);
    let dir = team.to_str().expect("utf-8");
    let (code, out, err) = starlog(
        root.path(),
        &["team", "--root", dir, "--sort", "last-entry"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(&format!("Caseload in {dir} (--root): 4 learner workspaces")),
        "{out}"
    );
    assert!(out.contains("LEARNER") && out.contains("READY"), "{out}");
    assert!(
        out.contains("OVERDUE"),
        "an overdue review is marked: {out}"
    );
    assert!(out.contains("not yet: "), "failing rules are named: {out}");
    // Longest silent first: learner 3 last wrote 28 days ago, learner 0 yesterday.
    let at = |name: &str| out.find(name).unwrap_or_else(|| panic!("{name} in {out}"));
    assert!(at("Gareth Shah") < at("Aisha Shah"), "{out}");
    assert!(at("Aisha Shah") < at("Tom Shah"), "{out}");
    assert!(at("Tom Shah") < at("Priya Shah"), "{out}");

    let (code, _, err) = starlog(root.path(), &["team", "--root", dir, "--sort", "age"]);
    assert_eq!(code, 2, "an unknown order is bad usage");
    assert!(
        err.contains("name, readiness, next-review or last-entry"),
        "{err}"
    );
}

#[test]
fn without_root_team_reads_team_root_from_the_config_else_the_data_folder() {
    let root = common::temp_root();
    // The data folder (--dir) holds two learners.
    cohort(root.path(), 2, 80);
    let doc = json(root.path(), &["team", "--json"]);
    assert_eq!(doc["learners"].as_array().map(Vec::len), Some(2));
    assert_eq!(doc["root"], root.path().display().to_string());

    let elsewhere = root.path().join("elsewhere");
    cohort(&elsewhere, 1, 80);
    fs::write(
        root.path().join("config.ron"),
        format!("(team_root: \"{}\")", elsewhere.display()),
    )
    .expect("config");
    let doc = json(root.path(), &["team", "--json"]);
    assert_eq!(doc["root"], elsewhere.display().to_string());
    assert_eq!(doc["learners"].as_array().map(Vec::len), Some(1));

    let (code, out, _) = starlog(root.path(), &["team", "--help"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("team_root") && out.contains("data folder"),
        "{out}"
    );

    let empty = root.path().join("nobody");
    fs::create_dir_all(&empty).expect("folder");
    let (code, out, _) = starlog(
        root.path(),
        &["team", "--root", empty.to_str().expect("utf-8")],
    );
    assert_eq!(code, 0);
    assert!(out.contains("No learner workspaces here"), "{out}");
    let (code, _, err) = starlog(
        root.path(),
        &[
            "team",
            "--root",
            root.path().join("missing").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 3, "a root that is not there cannot be read: {err}");
}

#[test]
fn team_takes_no_lock_and_changes_not_a_byte_or_a_time_in_any_learners_folder() {
    use starlog::store::{Mode, Workspace};
    let root = common::temp_root();
    let team = root.path().join("team");
    cohort(&team, 3, 120);
    // Learner 0's own app has run: its load cache is there and valid.
    {
        let ws = Workspace::open(&team, "learner-000", Mode::Write).expect("open");
        let loaded = ws.load().expect("load");
        starlog::store::write_cache(ws.dir(), &loaded).expect("cache written");
    }
    assert!(team.join("learner-000/.cache").is_dir(), "a cache to read");
    // Learner 1 has the app open right now: its lock is held.
    let open_app = Workspace::open(&team, "learner-001", Mode::Write).expect("lock taken");
    // Older modification times, so a write in the same second would show.
    let before = common::tree(&team);

    let doc = json(
        root.path(),
        &["team", "--root", team.to_str().expect("utf-8"), "--json"],
    );
    assert_eq!(doc["learners"].as_array().map(Vec::len), Some(3));
    let held = learner(&doc, "learner-001");
    assert_eq!(
        held["problem"],
        serde_json::Value::Null,
        "a held workspace is read: {held}"
    );
    assert!(held["readiness"]["passed"].is_u64());
    let (code, _, err) = starlog(
        root.path(),
        &["team", "--root", team.to_str().expect("utf-8")],
    );
    assert_eq!(code, 0, "{err}");

    assert_eq!(
        common::tree(&team),
        before,
        "no file or folder under the root changed"
    );
    // No cache was written for the learners who had none.
    assert!(!team.join("learner-002/.cache").exists());
    // The learner's app still holds its lock.
    assert!(
        Workspace::open(&team, "learner-001", Mode::Write).is_err(),
        "the open app's lock is still held"
    );
    drop(open_app);
}

#[test]
fn a_line_is_reused_while_the_learner_is_unchanged_and_follows_a_change() {
    let root = common::temp_root();
    let team = root.path().join("team");
    cohort(&team, 2, 60);
    // Files written an hour ago: old enough for their stamps to be trusted.
    let hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
    for (path, (bytes, _)) in common::tree(&team) {
        if bytes.is_some() {
            let file = fs::File::options().write(true).open(&path).expect("open");
            file.set_modified(hour_ago).expect("set the time");
        }
    }
    let dir = team.to_str().expect("utf-8");
    // The caseload's own cache goes to the cache folder, never into the root.
    let cache = root.path().join("cache");
    let run = |args: &[&str]| -> serde_json::Value {
        let out = common::run_with_env(
            root.path(),
            args,
            &[("XDG_CACHE_HOME", cache.to_str().expect("utf-8"))],
        );
        let (code, out, err) = common::outcome(&out);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).expect("JSON")
    };
    let args = ["team", "--root", dir, "--json"];
    let first = run(&args);
    let lines: Vec<PathBuf> = fs::read_dir(cache.join("starlog").join("team"))
        .expect("the caseload's cache folder")
        .flatten()
        .map(|e| e.path().join(starlog::store::team::LINES_FILE))
        .filter(|p| p.is_file())
        .collect();
    assert_eq!(lines.len(), 1, "one root, one file of lines");
    let kept = fs::read(&lines[0]).expect("lines");
    // Read again: the same lines, from the file, which is left as it was.
    assert_eq!(run(&args), first);
    assert_eq!(fs::read(&lines[0]).expect("lines"), kept);

    let before = learner(&first, "learner-000")["unreflected_feedback"]
        .as_u64()
        .expect("count");
    let (code, _, err) = starlog(
        &team,
        &[
            "--workspace",
            "learner-000",
            "feedback",
            "add",
            "--source",
            "manager",
            "--valence",
            "negative",
            "Talked over the customer twice",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let after = run(&args);
    assert_eq!(
        learner(&after, "learner-000")["unreflected_feedback"].as_u64(),
        Some(before + 1),
        "the new feedback is counted"
    );
    assert_eq!(
        learner(&after, "learner-001"),
        learner(&first, "learner-001")
    );
}

#[test]
fn the_last_coaching_session_comes_from_the_coachs_workspace_under_the_same_root() {
    let root = common::temp_root();
    let (code, _, err) = starlog(root.path(), &["demo", "--team"]);
    assert_eq!(code, 0, "{err}");
    let doc = json(root.path(), &["team", "--json"]);
    for coachee in ["ana", "priya", "tom"] {
        let line = learner(&doc, coachee);
        let day: chrono::NaiveDate = line["last_coaching"]
            .as_str()
            .and_then(|d| d.parse().ok())
            .unwrap_or_else(|| panic!("{coachee} was coached: {line}"));
        assert!(day <= common::today(), "{line}");
    }
    // Nobody coaches the coach in the demo.
    assert_eq!(
        learner(&doc, "coach")["last_coaching"],
        serde_json::Value::Null
    );
}

/// Piped, as a script runs it, `starlog team` writes only its report: no
/// progress on stderr, and stdout is the JSON alone (the terminal's
/// progress is in `e2e::team`).
#[test]
fn piped_team_writes_no_progress_and_only_the_report() {
    let root = common::temp_root();
    let team = root.path().join("team");
    cohort(&team, 3, 60);
    let dir = team.to_str().expect("utf-8");
    let (code, out, err) = starlog(root.path(), &["team", "--root", dir, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "", "nothing on stderr when it is not a terminal");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("stdout is the JSON alone");
    assert_eq!(doc["learners"].as_array().map(Vec::len), Some(3));
    let (code, out, err) = starlog(root.path(), &["team", "--root", dir]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    assert!(out.starts_with("Caseload in "), "{out}");
}
