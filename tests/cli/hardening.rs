//! The commands in a careless or hostile environment: an export never
//! replaces what is there without being told, never writes through a link or
//! into a workspace; bad input is refused alike by every command, in words a
//! learner can act on, with the README's exit status.

use crate::common::{demo, starlog};
use std::path::Path;

fn export_to(root: &Path, file: &Path, extra: &[&str]) -> (i32, String, String) {
    let file = file.display().to_string();
    let mut args = vec![
        "--workspace",
        "demo",
        "export",
        "--format",
        "md",
        "--allow-personal-data",
        "-o",
        &file,
    ];
    args.extend_from_slice(extra);
    starlog(root, &args)
}

#[test]
fn export_refuses_an_existing_file_unless_forced() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().to_path_buf();
    demo(&root);
    let outside = tempfile::tempdir().expect("outside");
    let mine = outside.path().join("portfolio.md");
    std::fs::write(&mine, "my own notes\n").expect("write");

    let (code, _, err) = export_to(&root, &mine, &[]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&mine).expect("kept"), b"my own notes\n");

    let (code, _, err) = export_to(&root, &mine, &["--force"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&mine).expect("replaced");
    assert!(text.starts_with("# "), "{text}");
}

#[cfg(unix)]
#[test]
fn export_never_writes_through_a_link_even_when_forced() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().to_path_buf();
    demo(&root);
    let outside = tempfile::tempdir().expect("outside");
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "the learner's own file\n").expect("write");
    let link = tmp.path().join("portfolio.md");
    std::os::unix::fs::symlink(&victim, &link).expect("link");
    for extra in [&[][..], &["--force"][..]] {
        let (code, _, err) = export_to(&root, &link, extra);
        assert_eq!(code, 4, "{err}");
        assert!(err.contains("is a link"), "{err}");
        assert_eq!(
            std::fs::read(&victim).expect("kept"),
            b"the learner's own file\n"
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn export_never_replaces_a_record_inside_a_workspace() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().to_path_buf();
    demo(&root);
    let kpis = root.join("demo").join("kpis");
    let record = std::fs::read_dir(&kpis)
        .expect("kpis")
        .next()
        .expect("a reading")
        .expect("entry")
        .path();
    let before = std::fs::read(&record).expect("record");
    for extra in [&[][..], &["--force"][..]] {
        let (code, _, err) = export_to(&root, &record, extra);
        assert_eq!(code, 4, "{err}");
        assert!(err.contains("inside the workspace"), "{err}");
        assert_eq!(std::fs::read(&record).expect("kept"), before);
    }
    // A new file inside the workspace is refused too.
    let (code, _, err) = export_to(&root, &root.join("demo").join("p.md"), &[]);
    assert_eq!(code, 4, "{err}");
    assert!(!root.join("demo").join("p.md").exists());
}

#[cfg(unix)]
#[test]
fn export_refuses_a_device_or_a_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().to_path_buf();
    demo(&root);
    let (code, _, err) = export_to(&root, Path::new("/dev/null"), &["--force"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("not an ordinary file"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/null")
            .expect("null")
            .file_type()
            .is_char_device()
    );
    let (code, _, err) = export_to(&root, tmp.path(), &[]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("is a folder"), "{err}");
}

#[test]
fn export_into_a_missing_folder_exits_4_and_says_so() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().to_path_buf();
    demo(&root);
    let (code, _, err) = export_to(&root, &tmp.path().join("no/such/p.md"), &[]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

const HOSTILE: &str = "X \u{1b}]0;PWNED\u{7}\u{1b}[2J";

#[test]
fn control_characters_in_records_never_reach_the_terminal_raw() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let (code, _, err) = starlog(root, &["add", HOSTILE, "--tag", "bell\u{7}"]);
    assert_eq!(code, 0, "{err}");
    // A broken file whose name carries an escape: reported as `skipped:`.
    let year = root.join("default/diary/2026");
    std::fs::write(year.join("bad\u{1b}[2J.ron"), "(format: 1, \u{1b}]0;x\u{7}").expect("bad");
    for args in [
        &["list"][..],
        &["search", "PWNED"],
        &["search", "PWNED", "--json"],
        &["plan"],
        &["check"],
    ] {
        let (_, out, err) = starlog(root, args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{7}'),
            "{args:?}: {err:?}"
        );
        if args == ["list"] {
            assert!(out.contains("X ^[]0;PWNED^G^[[2J"), "{out:?}");
            assert!(
                err.contains("skipped:") && err.contains("bad^[[2J.ron"),
                "{err:?}"
            );
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_standard_output_is_exit_4() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    demo(root);
    for args in [
        &["--workspace", "demo", "list"][..],
        &["--workspace", "demo", "search", "customer"],
        &["--workspace", "demo", "plan"],
        &[
            "--workspace",
            "demo",
            "export",
            "--format",
            "md",
            "--allow-personal-data",
        ],
        &["add", "a note"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = crate::common::command(root)
            .args(args)
            .stdout(full)
            .output()
            .expect("run");
        let (code, _, err) = crate::common::outcome(&out);
        assert_eq!(code, 4, "{args:?}: {err}");
        assert!(
            err.contains("could not write the output: the disk is full"),
            "{err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_is_not_a_failure() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    demo(root);
    let mut child = crate::common::command(root)
        .args(["--workspace", "demo", "list"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn every_command_refuses_a_newer_or_unreadable_workspace_header() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let ws = root.join("default");
    std::fs::create_dir_all(&ws).expect("ws");
    for header in [
        "(format: 99, profile: (name: \"Priya\"))\n",
        "(format: 1, profile: (name: \"Priya\"\n",
        "",
    ] {
        std::fs::write(ws.join("workspace.ron"), header).expect("header");
        for args in [
            &["add", "a note"][..],
            &[
                "feedback",
                "add",
                "--source",
                "customer",
                "--valence",
                "positive",
                "thanks",
            ],
            &["kpi", "add", "csat", "86"],
            &["list"],
            &["check"],
        ] {
            let (code, _, err) = starlog(root, args);
            assert_eq!(code, 3, "{args:?} with {header:?}: {err}");
            assert!(err.contains("workspace.ron"), "{err}");
        }
        assert_eq!(
            std::fs::read_to_string(ws.join("workspace.ron")).expect("kept"),
            header
        );
        assert_eq!(
            std::fs::read_dir(&ws).expect("ws").count(),
            1,
            "nothing written"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_linked_workspace_header_is_refused_without_quoting_its_target() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let ws = root.join("default");
    std::fs::create_dir_all(&ws).expect("ws");
    let outside = tempfile::tempdir().expect("outside");
    let secret = outside.path().join("secret.ron");
    std::fs::write(&secret, "(root: \"my bank PIN 4321\")").expect("secret");
    std::os::unix::fs::symlink(&secret, ws.join("workspace.ron")).expect("link");
    let (code, _, err) = starlog(root, &["add", "a note"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("is a link"), "{err}");
    assert!(!err.contains("root") && !err.contains("4321"), "{err}");
}

#[test]
fn a_mistyped_workspace_is_not_created_by_a_write() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    // The default workspace is still made on first use.
    let (code, _, err) = starlog(root, &["add", "first note"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = starlog(root, &["--workspace", "jordan", "add", "a note"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("no workspace `jordan`"), "{err}");
    assert!(err.contains("default") && err.contains("--create"), "{err}");
    assert!(!root.join("jordan").exists());
    let (code, _, err) = starlog(
        root,
        &["--workspace", "jordan", "--create", "add", "a note"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(root.join("jordan/workspace.ron").is_file());
    for name in ["con", "NUL", "com1", "lpt9.txt", "aux"] {
        let (code, _, err) = starlog(root, &["--workspace", name, "--create", "add", "x"]);
        assert_eq!(code, 3, "{name}: {err}");
        assert!(err.contains("Windows keeps that name"), "{err}");
    }
}

#[test]
fn a_custom_reading_too_large_to_draw_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (code, _, err) = starlog(
        tmp.path(),
        &[
            "kpi",
            "add",
            "complaints",
            "9999999999999",
            "--unit",
            "per week",
            "--better",
            "lower",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("too large"), "{err}");
    // Written as an exponent it is not taken as a number at all.
    let (code, _, err) = starlog(
        tmp.path(),
        &[
            "kpi",
            "add",
            "complaints",
            "1e308",
            "--unit",
            "per week",
            "--better",
            "lower",
        ],
    );
    assert_eq!(code, 2, "{err}");
}

#[test]
fn config_reports_the_key_overrides_the_app_rejects() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    std::fs::write(root.join("config.ron"), "(keys: {\"quit\": [\"1\"]})\n").expect("config");
    let (code, out, err) = starlog(root, &["config"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(!out.contains("reads cleanly"), "{out}");
    assert!(err.contains("quit") && err.contains("1 problem"), "{err}");
}

#[test]
fn a_field_too_long_to_be_typed_is_refused_and_a_huge_file_is_skipped_fast() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    // Ten arguments (one may hold only 128 KB), joined into one text.
    let part = "word ".repeat(20_001);
    let mut args = vec!["add"];
    args.extend(std::iter::repeat_n(part.as_str(), 10));
    let (code, _, err) = starlog(root, &args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("at most 1000000"), "{err}");
    assert!(!root.join("default/diary").exists(), "nothing saved");

    // A 50 MB record made elsewhere: reported and left alone, quickly.
    let (code, _, err) = starlog(root, &["add", "a short note"]);
    assert_eq!(code, 0, "{err}");
    let year = root.join("default/diary/2026");
    let big = year.join("2026-11-20-0000000000001-aaaaaaaaaa.ron");
    let text = format!(
        "DiaryEntry(format: 1, text: \"{}\")\n",
        "x".repeat(50 * 1024 * 1024)
    );
    std::fs::write(&big, &text).expect("big");
    let start = std::time::Instant::now();
    let (code, out, err) = starlog(root, &["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("a short note"), "{out}");
    assert!(err.contains("far larger than any record"), "{err}");
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    assert_eq!(
        std::fs::metadata(&big).expect("kept").len(),
        text.len() as u64
    );
}

#[test]
fn messages_a_learner_can_act_on() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    // Nested far too deeply for the parser.
    let (code, _, err) = starlog(root, &["add", "first"]);
    assert_eq!(code, 0, "{err}");
    let deep = format!(
        "DiaryEntry(format: 1, extra: {}{})",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let year = root.join("default/diary/2026");
    std::fs::write(year.join("2026-11-21-0000000000002-aaaaaaaaaa.ron"), deep).expect("deep");
    let (_, _, err) = starlog(root, &["list"]);
    assert!(err.contains("nested far too deeply"), "{err}");
    assert!(
        !err.contains("serde_stacker") && !err.contains("recursion_limit"),
        "{err}"
    );
    // A system folder that cannot hold one.
    #[cfg(target_os = "linux")]
    {
        let (code, _, err) = without_dir(root, &["--dir", "/proc", "add", "x"], &[]);
        assert_eq!(code, 3, "{err}");
        assert!(err.contains("cannot make a folder there"), "{err}");
        assert!(!err.contains("has gone"), "{err}");
    }
    // An empty header says so once.
    std::fs::write(root.join("default/workspace.ron"), "").expect("empty");
    let (_, _, err) = starlog(root, &["add", "x"]);
    assert_eq!(err.matches("left").count(), 1, "{err}");
    // An empty STARLOG_DIR counts as unset: the (sandboxed) default root.
    let (code, _, err) = without_dir(root, &["list"], &[("STARLOG_DIR", "")]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("no workspace `default`"), "{err}");
}

/// Runs the binary sealed like the harness does, but without its `--dir`.
fn without_dir(root: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = std::process::Command::new(crate::common::bin());
    crate::common::isolate(&mut cmd, root);
    let out = cmd
        .current_dir(root)
        .args(args)
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run");
    crate::common::outcome(&out)
}

#[test]
fn tui_journal_days_are_the_days_typed_in_every_time_zone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let file = root.join("tui-journal.json");
    std::fs::write(
        &file,
        r#"{"version": 100, "entries": [
            {"date": "2026-01-05T00:00:00Z", "title": "Angry caller", "content": "x", "tags": ["angry customer", "HEAT"], "priority": null}
        ]}"#,
    )
    .expect("file");
    let file = file.display().to_string();
    for (i, tz) in ["America/New_York", "Asia/Tokyo", "UTC"].iter().enumerate() {
        let ws = format!("w{i}");
        let env = [("TZ", *tz)];
        let args = [
            "--workspace",
            &ws,
            "--create",
            "import",
            "tui-journal",
            &file,
        ];
        let (code, _, err) =
            crate::common::outcome(&crate::common::run_with_env(root, &args, &env));
        assert_eq!(code, 0, "{tz}: {err}");
        let (code, out, err) = crate::common::outcome(&crate::common::run_with_env(
            root,
            &["--workspace", &ws, "list"],
            &env,
        ));
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("2026-01-05  Angry caller"), "{tz}: {out}");
        assert!(
            out.contains("#angry-customer") && out.contains("#HEAT"),
            "{out}"
        );
    }
}

#[test]
fn jrnls_json_export_imports_and_a_file_giving_nothing_fails_with_a_hint() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let json = root.join("export.json");
    std::fs::write(
        &json,
        r#"{"tags": {}, "entries": [{"title": "Angry caller", "body": "I listened.", "date": "2026-01-05", "time": "09:15", "tags": [], "starred": false}]}"#,
    )
    .expect("json");
    let (code, out, err) = starlog(root, &["import", "jrnl", &json.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Imported 1 entry"), "{out}");
    // jrnl's Markdown export keeps dates: the same entry is known, a new one comes in.
    let md = root.join("export.md");
    std::fs::write(
        &md,
        "# 2026\n\n## January\n\n### 2026-01-05 09:15:00 AM Angry caller\n\nI listened.\n \n### 2026-01-06 02:30:00 PM Coaching\n\nRole-play.\n ",
    )
    .expect("md");
    let (code, out, err) = starlog(root, &["import", "jrnl", &md.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Imported 1 entry") && out.contains("1 already imported"),
        "{out}"
    );
    let (_, listed, _) = starlog(root, &["list"]);
    assert!(listed.starts_with("2026-01-06  Coaching"), "{listed}");
    let notes = root.join("notes.txt");
    std::fs::write(&notes, "Some notes without any dated entry.\n").expect("notes");
    let (code, _, err) = starlog(root, &["import", "jrnl", &notes.display().to_string()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("nothing could be imported") && err.contains("--export md"),
        "{err}"
    );
}
