//! The shell side of "make it yours": completions, the man page, the
//! settings file and imports, run as a learner would from a shell.

use crate::common::run as starlog;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn completions_for_every_shell_name_the_commands() {
    let root = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = starlog(root.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = text(&out.stdout);
        assert!(script.contains("starlog"), "{shell}");
        assert!(
            script.contains("import") && script.contains("tui-journal"),
            "{shell}"
        );
    }
    let out = starlog(root.path(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_from_the_clap_definitions() {
    let root = tempfile::tempdir().unwrap();
    let out = starlog(root.path(), &["man"]);
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH starlog"),
        "{page}"
    );
    assert!(page.contains("\\-\\-workspace"));
    assert!(page.contains("Exit status"));
}

#[test]
fn config_prints_a_default_file_that_reads_back_cleanly() {
    let root = tempfile::tempdir().unwrap();
    let out = starlog(root.path(), &["config", "--print-default"]);
    assert!(out.status.success());
    std::fs::write(root.path().join("config.ron"), &out.stdout).unwrap();
    let out = starlog(root.path(), &["config"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("reads cleanly"));
    let out = starlog(root.path(), &["config", "--path"]);
    assert_eq!(
        text(&out.stdout).trim(),
        root.path().join("config.ron").display().to_string()
    );
    // A broken file: every command still runs and names the line.
    std::fs::write(root.path().join("config.ron"), "(\n  theme: light,\n)").unwrap();
    std::fs::create_dir_all(root.path().join("default")).unwrap();
    let out = starlog(root.path(), &["list"]);
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("config.ron line 2"),
        "{}",
        text(&out.stderr)
    );
    let out = starlog(root.path(), &["config"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn default_workspace_from_config_is_used_unless_one_is_given() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(
        root.path().join("config.ron"),
        "(default_workspace: \"sam\")",
    )
    .unwrap();
    assert!(starlog(root.path(), &["add", "hello"]).status.success());
    assert!(root.path().join("sam").join("diary").exists());
    assert!(
        starlog(root.path(), &["--workspace", "default", "add", "hi"])
            .status
            .success()
    );
    assert!(root.path().join("default").join("diary").exists());
    // `starlog demo` still makes `demo`.
    assert!(starlog(root.path(), &["demo"]).status.success());
    assert!(root.path().join("demo").join("workspace.ron").exists());
}

#[test]
fn import_reports_what_it_added_and_what_it_skipped() {
    let root = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/jrnl.txt")
        .display()
        .to_string();
    let out = starlog(root.path(), &["import", "jrnl", &fixture]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Imported 3 entries from jrnl.txt (jrnl)"));
    let out = starlog(root.path(), &["import", "jrnl", &fixture]);
    assert!(text(&out.stdout).contains("Imported 0 entries"));
    assert!(text(&out.stdout).contains("3 already imported before"));
    let out = starlog(root.path(), &["list", "--tag", "HEAT"]);
    assert!(text(&out.stdout).starts_with("2026-01-05  Angry caller"));
    let bad = root.path().join("bad.json");
    std::fs::write(&bad, "not json").unwrap();
    let out = starlog(
        root.path(),
        &["import", "tui-journal", &bad.display().to_string()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("nothing was imported"));
}
