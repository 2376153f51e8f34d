//! `starlog sync` with real git repositories in temporary folders: a bare
//! remote, two learners' copies of one workspace, edits on both, the same
//! record changed on both sides, a remote that is not there. Never the
//! network.

use crate::common::{self, git, starlog};
use std::path::{Path, PathBuf};

fn bare_remote(tmp: &Path) -> PathBuf {
    let remote = tmp.join("remote.git");
    std::fs::create_dir_all(&remote).expect("remote folder");
    git(&remote, &["init", "--bare", "--quiet"]);
    remote
}

fn add(root: &Path, text: &str) {
    let (code, _, err) = starlog(root, &["add", text]);
    assert_eq!(code, 0, "{err}");
}

fn sync(root: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["sync", "--yes"];
    args.extend(extra);
    starlog(root, &args)
}

/// The diary file holding `text`.
fn diary_file_with(root: &Path, text: &str) -> PathBuf {
    common::diary_files(root)
        .into_iter()
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(text)))
        .unwrap_or_else(|| panic!("no diary file holds {text:?}"))
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from));
    std::fs::write(path, text.replace(from, to)).expect("write");
}

#[test]
fn sync_records_what_changed_and_carries_it_between_two_copies() {
    let tmp = common::temp_root();
    let remote = bare_remote(tmp.path());
    let a = tmp.path().join("a");
    for text in ["Refund call one", "Refund call two", "Refund call three"] {
        add(&a, text);
    }
    let (code, _, err) = starlog(
        &a,
        &[
            "feedback",
            "add",
            "--source",
            "customer",
            "--valence",
            "positive",
            "Thanks for sorting my refund",
        ],
    );
    assert_eq!(code, 0, "{err}");
    // Things of this computer only, which must stay out of git.
    let ws_a = common::workspace(&a);
    std::fs::create_dir_all(ws_a.join("drafts")).expect("drafts");
    std::fs::write(ws_a.join("drafts/half-typed.ron"), "()").expect("draft");

    let (code, out, err) = sync(&a, &["--remote", &remote.display().to_string()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("keeps this workspace in git"),
        "explained: {out}"
    );
    assert!(
        out.contains("Recorded: 3 diary entries, 1 feedback"),
        "{out}"
    );
    let subject = git(&ws_a, &["log", "-1", "--format=%s"]);
    assert!(
        subject.starts_with("3 diary entries, 1 feedback"),
        "the commit says what changed: {subject}"
    );
    let tracked = git(&ws_a, &["ls-files"]);
    for local in ["drafts/", ".lock", ".cache/", "trash/", "backups/"] {
        assert!(
            !tracked.lines().any(|l| l.starts_with(local)),
            "{local} is in git: {tracked}"
        );
    }
    assert!(tracked.contains(".gitignore"), "{tracked}");

    // A second computer: a clone of the remote, then an entry of its own.
    let b = tmp.path().join("b");
    std::fs::create_dir_all(&b).expect("b");
    git(
        &b,
        &["clone", "--quiet", &remote.display().to_string(), "default"],
    );
    let (_, listed, _) = starlog(&b, &["list"]);
    assert!(listed.contains("Refund call two"), "{listed}");
    add(&b, "Complaint from the second computer");
    let (code, out, err) = sync(&b, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Recorded: 1 diary entry"), "{out}");

    // Meanwhile the first computer wrote another entry: both arrive.
    add(&a, "A fourth call on the first computer");
    let (code, out, err) = sync(&a, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Received: 1 diary entry"), "{out}");
    assert!(!out.contains("conflict"), "{out}");
    let (_, listed, _) = starlog(&a, &["list"]);
    assert!(
        listed.contains("Complaint from the second computer"),
        "{listed}"
    );
    assert!(listed.contains("A fourth call"), "{listed}");
    let (code, _, _) = sync(&b, &[]);
    assert_eq!(code, 0);
    let (_, listed, _) = starlog(&b, &["list"]);
    assert!(listed.contains("A fourth call"), "{listed}");
}

#[test]
fn the_same_record_changed_on_both_sides_keeps_both_versions() {
    let tmp = common::temp_root();
    let (a, b) = two_clones(tmp.path(), "The customer was upset about the wait");

    let on_a = diary_file_with(&a, "upset about the wait");
    replace_in(
        &on_a,
        "upset about the wait",
        "upset about the wait (written on A)",
    );
    // B edits the same entry differently, and another one too.
    let on_b = diary_file_with(&b, "upset about the wait");
    replace_in(
        &on_b,
        "upset about the wait",
        "upset about the wait (written on B)",
    );
    replace_in(
        &diary_file_with(&b, "Another call"),
        "Another call",
        "Another call, edited on B",
    );

    assert_eq!(sync(&a, &[]).0, 0);
    let (code, out, err) = sync(&b, &[]);
    assert_eq!(code, 0, "{out}{err}");
    let rel = on_b
        .strip_prefix(common::workspace(&b))
        .expect("inside")
        .display()
        .to_string();
    assert!(
        out.contains(&format!("Changed on both sides: {rel}")),
        "reported by name: {out}"
    );
    // B's version stays; A's is beside it as a conflict copy.
    let kept = std::fs::read_to_string(&on_b).expect("kept");
    assert!(kept.contains("(written on B)"), "{kept}");
    let copies: Vec<PathBuf> = std::fs::read_dir(on_b.parent().expect("folder"))
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.display().to_string().contains(".conflict-copy-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = std::fs::read_to_string(&copies[0]).expect("copy");
    assert!(copy.contains("(written on A)"), "nothing lost: {copy}");
    assert!(
        out.contains(
            &copies[0]
                .file_name()
                .expect("name")
                .to_string_lossy()
                .to_string()
        )
    );
    // The app still reads the workspace: one entry per id, B's edits in.
    let (code, listed, err) = starlog(&b, &["list"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        listed.matches("upset about the wait").count(),
        1,
        "{listed}"
    );
    assert!(listed.contains("Another call, edited on B"), "{listed}");
    // And the copy travels back to A.
    assert_eq!(sync(&a, &[]).0, 0);
    let a_folder = on_a.parent().expect("folder");
    assert!(
        std::fs::read_dir(a_folder)
            .expect("folder")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains(".conflict-copy-"))
    );
}

#[test]
fn an_unreachable_remote_commits_here_and_says_so() {
    let tmp = common::temp_root();
    let root = tmp.path().join("learner");
    add(&root, "Written on the train");
    let missing = tmp.path().join("usb-stick-not-plugged-in/remote.git");
    let (code, out, err) = sync(&root, &["--remote", &missing.display().to_string()]);
    assert_eq!(code, 5, "{out}{err}");
    assert!(out.contains("Recorded: 1 diary entry"), "{out}");
    assert!(err.contains("could not reach the remote"), "{err}");
    let ws = common::workspace(&root);
    assert!(git(&ws, &["log", "-1", "--format=%s"]).starts_with("1 diary entry"));
    assert!(!missing.exists(), "nothing made outside the workspace");
}

#[test]
fn sync_explains_and_asks_before_its_first_use() {
    let tmp = common::temp_root();
    let root = tmp.path().join("learner");
    add(&root, "Not yet in git");
    // No terminal and no --yes: it explains, asks for --yes, changes nothing.
    let (code, out, err) = starlog(&root, &["sync"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("keeps this workspace in git"), "{out}");
    assert!(err.contains("--yes"), "{err}");
    assert!(!common::workspace(&root).join(".git").exists());
    // Once agreed, it does not ask again.
    assert_eq!(sync(&root, &[]).0, 0);
    let (code, out, _) = starlog(&root, &["sync"]);
    assert_eq!(code, 0);
    assert!(!out.contains("keeps this workspace in git"), "{out}");
    assert!(out.contains("Nothing new to record"), "{out}");
}

#[test]
fn a_workspace_inside_another_repository_leaves_that_one_alone() {
    let tmp = common::temp_root();
    let root = tmp.path().join("learner");
    std::fs::create_dir_all(&root).expect("root");
    git(&root, &["init", "--quiet"]);
    add(&root, "My entry");
    assert_eq!(sync(&root, &[]).0, 0);
    let outer = git(&root, &["status", "--porcelain"]);
    assert!(
        git(&root, &["rev-list", "--all"]).trim().is_empty(),
        "no commit in the outer repository"
    );
    assert!(!outer.contains("diary"), "{outer}");
    assert!(common::workspace(&root).join(".git").is_dir());
}

/// Two clones of one workspace with an entry written and synced on A.
fn two_clones(tmp: &Path, text: &str) -> (PathBuf, PathBuf) {
    let remote = bare_remote(tmp);
    let a = tmp.join("a");
    add(&a, text);
    add(&a, "Another call");
    assert_eq!(sync(&a, &["--remote", &remote.display().to_string()]).0, 0);
    let b = tmp.join("b");
    std::fs::create_dir_all(&b).expect("b");
    git(
        &b,
        &["clone", "--quiet", &remote.display().to_string(), "default"],
    );
    (a, b)
}

/// What the app does when an entry's date changes: the record is written
/// under its new day's name and the old file goes.
fn move_to_day(path: &Path, day: &str) -> PathBuf {
    let text = std::fs::read_to_string(path).expect("read");
    let old_day = &common::today().to_string();
    assert!(text.contains(&format!("date: \"{old_day}\"")), "{text}");
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .replace(old_day, day);
    let year = &day[..4];
    let folder = path
        .parent()
        .expect("year")
        .parent()
        .expect("diary")
        .join(year);
    std::fs::create_dir_all(&folder).expect("year folder");
    let to = folder.join(name);
    std::fs::write(
        &to,
        text.replace(&format!("date: \"{old_day}\""), &format!("date: \"{day}\"")),
    )
    .expect("write");
    std::fs::remove_file(path).expect("remove");
    to
}

/// Record files (not conflict copies) holding `id` in their name.
fn files_with_id(root: &Path, id: &str) -> Vec<PathBuf> {
    common::ron_files(&common::workspace(root).join("diary"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(id))
        .collect()
}

fn copies_in(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() && !p.ends_with(".git") && !p.ends_with("trash") {
                stack.push(p);
            } else if p.to_string_lossy().contains(".conflict-copy-") {
                found.push(p);
            }
        }
    }
    found
}

/// One side moves an entry to another day (its file moves to another name
/// and folder) while the other changes its words: after the merge the id
/// must not be held by two record files. Sync keeps the other side's
/// version as a conflict copy beside this side's, and names it.
#[test]
fn a_date_moved_on_one_side_and_words_changed_on_the_other_leave_one_record_and_a_copy() {
    let tmp = common::temp_root();
    let (a, b) = two_clones(tmp.path(), "The refund took three calls");
    let on_a = diary_file_with(&a, "three calls");
    let id = on_a
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .rsplit('-')
        .next()
        .expect("id")
        .to_string();
    // A: the entry belongs to an earlier day, in another year's folder.
    let moved = move_to_day(&on_a, "2025-12-30");
    assert_eq!(sync(&a, &[]).0, 0);
    // B: the same entry's words change, in place.
    replace_in(
        &diary_file_with(&b, "three calls"),
        "three calls",
        "three calls (B)",
    );
    let (code, out, err) = sync(&b, &[]);
    assert_eq!(code, 0, "{out}{err}");

    let held = files_with_id(&b, &id);
    assert_eq!(
        held.len(),
        1,
        "one record file holds the id: {held:?}\n{out}"
    );
    let kept = std::fs::read_to_string(&held[0]).expect("kept");
    assert!(
        kept.contains("three calls (B)"),
        "this side's words stay: {kept}"
    );
    let copies = copies_in(&common::workspace(&b));
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = std::fs::read_to_string(&copies[0]).expect("copy");
    assert!(
        copy.contains("2025-12-30"),
        "the other side's date is kept: {copy}"
    );
    let rel = held[0]
        .strip_prefix(common::workspace(&b))
        .expect("inside")
        .display()
        .to_string();
    assert!(
        out.contains(&format!("Changed on both sides: {rel}")),
        "{out}"
    );
    assert!(
        out.contains(
            &copies[0]
                .file_name()
                .expect("name")
                .to_string_lossy()
                .to_string()
        ),
        "{out}"
    );
    // The workspace reads cleanly: no "same id" warning.
    let (code, listed, err) = starlog(&b, &["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("same id"), "{err}");
    assert_eq!(listed.matches("three calls").count(), 1, "{listed}");

    // Back on A, which moved the entry: the same, the other way round.
    let (code, out, err) = sync(&a, &[]);
    assert_eq!(code, 0, "{out}{err}");
    let held = files_with_id(&a, &id);
    assert_eq!(held.len(), 1, "{held:?}\n{out}");
    let _ = moved;
}

/// Both sides change the same entry's words; the other side's arrives as a
/// conflict copy. Returns the two clones and this side's (B's) entry file.
fn changed_on_both_sides(tmp: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (a, b) = two_clones(tmp, "The customer was upset about the wait");
    replace_in(
        &diary_file_with(&a, "upset about"),
        "about the wait",
        "about the wait (A)",
    );
    assert_eq!(sync(&a, &[]).0, 0);
    let on_b = diary_file_with(&b, "upset about");
    replace_in(&on_b, "about the wait", "about the wait (B)");
    let (code, out, err) = sync(&b, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("starlog sync --conflicts"),
        "says how to choose: {out}"
    );
    (a, b, on_b)
}

#[test]
fn conflicts_lists_both_versions_in_words_and_keep_theirs_swaps_them_into_place() {
    let tmp = common::temp_root();
    let (_a, b, on_b) = changed_on_both_sides(tmp.path());
    let (code, out, err) = starlog(&b, &["sync", "--conflicts"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1 record was changed on two computers"),
        "{out}"
    );
    assert!(out.contains("1. The diary entry"), "{out}");
    assert!(out.contains("   Text\n"), "field by name: {out}");
    assert!(
        out.contains("yours : The customer was upset about the wait (B)"),
        "{out}"
    );
    assert!(
        out.contains("theirs: The customer was upset about the wait (A)"),
        "{out}"
    );
    assert!(out.contains("The same in both:"), "{out}");
    assert!(!out.contains("DiaryEntry("), "words, not RON: {out}");

    let (code, out, err) = starlog(&b, &["sync", "--resolve", "1", "--keep", "theirs"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Took theirs of the diary entry"), "{out}");
    let now = std::fs::read_to_string(&on_b).expect("in place");
    assert!(now.contains("(A)"), "theirs took the place: {now}");
    assert!(copies_in(&common::workspace(&b)).is_empty(), "no copy left");
    let trashed = common::ron_files(&common::workspace(&b).join("trash"));
    assert!(
        trashed
            .iter()
            .any(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("(B)"))),
        "yours waits in the trash: {trashed:?}"
    );
    let (_, out, _) = starlog(&b, &["sync", "--conflicts"]);
    assert!(out.contains("No record has two versions"), "{out}");
    // The profile's copy is named, to compare by hand.
    let header_copy = common::workspace(&b).join("workspace.conflict-copy-20261130-024700.txt");
    std::fs::copy(common::workspace(&b).join("workspace.ron"), &header_copy).expect("copy");
    let (_, out, _) = starlog(&b, &["sync", "--conflicts"]);
    assert!(
        out.contains("workspace.conflict-copy-20261130-024700.txt"),
        "{out}"
    );
    let (_, listed, _) = starlog(&b, &["list"]);
    assert!(
        listed.contains("wait (A)") && !listed.contains("wait (B)"),
        "{listed}"
    );
}

#[test]
fn keep_both_makes_the_other_version_a_new_record_and_keep_mine_drops_it_to_the_trash() {
    let tmp = common::temp_root();
    let (a, b, on_b) = changed_on_both_sides(tmp.path());
    let copy = copies_in(&common::workspace(&b)).pop().expect("a copy");
    // By the copy's path, as --conflicts shows it.
    let rel = copy
        .strip_prefix(common::workspace(&b))
        .expect("inside")
        .display()
        .to_string();
    let (code, out, err) = starlog(&b, &["sync", "--resolve", &rel, "--keep", "both"]);
    assert_eq!(code, 0, "{out}{err}");
    let (_, listed, _) = starlog(&b, &["list"]);
    assert!(
        listed.contains("wait (A)") && listed.contains("wait (B)"),
        "{listed}"
    );
    assert_eq!(
        std::fs::read_to_string(&on_b)
            .map(|t| t.contains("(B)"))
            .ok(),
        Some(true),
        "yours stays in place"
    );
    assert!(copies_in(&common::workspace(&b)).is_empty());
    // The new record travels like any other.
    assert_eq!(sync(&b, &[]).0, 0);
    assert_eq!(sync(&a, &[]).0, 0);
    let (_, listed, _) = starlog(&a, &["list"]);
    assert!(
        listed.contains("wait (A)") && listed.contains("wait (B)"),
        "{listed}"
    );

    // Keep mine, on a second conflict: theirs goes to the trash.
    replace_in(
        &diary_file_with(&a, "Another call"),
        "Another call",
        "Another call (A)",
    );
    assert_eq!(sync(&a, &[]).0, 0);
    replace_in(
        &diary_file_with(&b, "Another call"),
        "Another call",
        "Another call (B)",
    );
    assert_eq!(sync(&b, &[]).0, 0);
    let (code, out, err) = starlog(&b, &["sync", "--resolve", "1", "--keep", "mine"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Kept yours"), "{out}");
    let (_, listed, _) = starlog(&b, &["list"]);
    assert!(
        listed.contains("Another call (B)") && !listed.contains("Another call (A)"),
        "{listed}"
    );
    assert!(copies_in(&common::workspace(&b)).is_empty());
    // A number that is not listed is bad usage, and changes nothing.
    let (code, _, err) = starlog(&b, &["sync", "--resolve", "3", "--keep", "mine"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = starlog(&b, &["sync", "--resolve", "1", "--keep", "yours"]);
    assert_eq!(code, 2, "{err}");
}

/// The one-id-two-files case made by a sync that did not split it (an
/// older starlog, or plain git): found on load, listed, and resolved.
#[test]
fn one_id_in_two_files_is_reported_on_load_and_resolved_like_a_copy() {
    let tmp = common::temp_root();
    let (_a, b) = two_clones(tmp.path(), "The refund took three calls");
    let on_b = diary_file_with(&b, "three calls");
    // A second file of the same record under another day, as a plain git
    // merge of a moved entry leaves it.
    let text = std::fs::read_to_string(&on_b).expect("read");
    let other = std::fs::read_to_string(&on_b)
        .expect("read")
        .replace("three calls", "three calls, moved");
    let moved = move_to_day(&on_b, "2025-12-30");
    std::fs::write(
        &moved,
        other.replace(
            &format!("date: \"{}\"", common::today()),
            "date: \"2025-12-30\"",
        ),
    )
    .expect("write");
    std::fs::write(&on_b, &text).expect("write back");
    let (code, _, err) = starlog(&b, &["list"]);
    assert_eq!(code, 0);
    assert!(err.contains("has the same id as"), "named on load: {err}");
    assert!(
        err.contains("starlog sync --conflicts"),
        "says how to choose: {err}"
    );
    let (_, out, _) = starlog(&b, &["sync", "--conflicts"]);
    assert!(out.contains("one record in two files"), "{out}");
    assert!(out.contains("2025-12-30"), "{out}");
    let (code, out, err) = starlog(&b, &["sync", "--resolve", "1", "--keep", "both"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, listed, err) = starlog(&b, &["list"]);
    assert_eq!(code, 0);
    assert!(!err.contains("same id"), "{err}");
    assert_eq!(
        listed.matches("three calls").count(),
        2,
        "both kept: {listed}"
    );
}
