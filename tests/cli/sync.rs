//! `starlog sync` with real git repositories in temporary folders: a bare
//! remote, two learners' copies of one workspace, edits on both, the same
//! record changed on both sides, a remote that is not there. Never the
//! network.

use crate::common;
use crate::common::starlog;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs git (sealed like the binary: no user config) and returns stdout.
fn git(dir: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new("git");
    common::isolate(&mut cmd, dir);
    let out = cmd
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

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
    let remote = bare_remote(tmp.path());
    let a = tmp.path().join("a");
    add(&a, "The customer was upset about the wait");
    add(&a, "Another call");
    assert_eq!(sync(&a, &["--remote", &remote.display().to_string()]).0, 0);
    let b = tmp.path().join("b");
    std::fs::create_dir_all(&b).expect("b");
    git(
        &b,
        &["clone", "--quiet", &remote.display().to_string(), "default"],
    );

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
