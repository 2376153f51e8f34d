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
