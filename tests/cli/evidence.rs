//! `starlog evidence add`, `starlog evidence list` and what `starlog check`
//! says about attached files, as a learner meets them in the shell.

use crate::common::{self, starlog};
use std::fs;
use std::path::Path;

fn record_files(ws: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = fs::read_dir(ws.join("evidence"))
        .expect("evidence folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    out.sort();
    out
}

#[test]
fn a_file_is_attached_beside_an_open_app_listed_and_checked_by_name() {
    let root = common::temp_root();
    let root = root.path();
    let src_dir = tempfile::tempdir().expect("tmp");
    let src = src_dir.path().join("Call observation 14 Oct.pdf");
    fs::write(&src, b"%PDF-1.4 observation").expect("write");
    // The app holds the workspace: capture commands still create new files.
    let (code, _, err) = starlog(root, &["add", "first note"]);
    assert_eq!(code, 0, "{err}");
    let held = starlog::store::Workspace::open(root, "default", starlog::store::Mode::Write)
        .expect("the app's lock");
    let (code, out, err) = starlog(
        root,
        &[
            "evidence",
            "add",
            src.to_str().expect("utf-8"),
            "--kind",
            "observation",
            "--criterion",
            "2.2",
            "--date",
            "2026-10-14",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(&format!(
            "Attached {} as observation report “Call observation 14 Oct” (20 bytes, SHA-256 ",
            src.display()
        )),
        "{out}"
    );
    drop(held);
    assert_eq!(fs::read(&src).expect("original"), b"%PDF-1.4 observation");
    let ws = root.join("default");
    let records = record_files(&ws);
    assert_eq!(records.len(), 1);
    let record: starlog::domain::EvidenceFile = common::decode(&records[0]);
    assert_eq!(record.criteria, vec!["2.2".to_string()]);
    let stored = ws
        .join("evidence")
        .join(record.id.as_str())
        .join("Call observation 14 Oct.pdf");
    assert_eq!(fs::read(&stored).expect("copy"), b"%PDF-1.4 observation");

    let (code, out, _) = starlog(root, &["evidence", "list"]);
    assert_eq!(code, 0);
    assert!(out.contains("2026-10-14  observation report"), "{out}");
    assert!(out.contains("(20 bytes, ok)"), "{out}");

    // Altered, then missing: both named, and check fails.
    fs::write(&stored, b"%PDF-1.4 observation, edited").expect("alter");
    let (code, out, _) = starlog(root, &["evidence", "list"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("NOT AS ATTACHED: the file has been changed"),
        "{out}"
    );
    let (code, out, _) = starlog(root, &["check"]);
    assert_eq!(code, 1);
    let name = format!("evidence/{}/Call observation 14 Oct.pdf", record.id);
    assert!(
        out.contains(&format!(
            "{name} (evidence file “Call observation 14 Oct”): the file has been changed since it was attached"
        )),
        "{out}"
    );
    fs::remove_file(&stored).expect("remove");
    let (_, out, _) = starlog(root, &["check", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["evidence_problems"][0]["path"], name.as_str());
    assert_eq!(
        json["evidence_problems"][0]["problem"],
        "the file is missing"
    );
}

#[test]
fn links_resolve_from_the_start_of_an_id_and_bad_input_writes_nothing() {
    let root = common::temp_root();
    let root = root.path();
    common::demo(root);
    let demo = root.join("demo");
    let objective = fs::read_dir(demo.join("objectives"))
        .expect("objectives")
        .flatten()
        .next()
        .expect("an objective")
        .path();
    let id = objective
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let src_dir = tempfile::tempdir().expect("tmp");
    let src = src_dir.path().join("cert.png");
    fs::write(&src, b"png").expect("write");
    let path = src.to_str().expect("utf-8");
    let before = fs::read_dir(demo.join("evidence"))
        .map(|d| d.count())
        .unwrap_or(0);

    let (code, _, err) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "evidence",
            "add",
            path,
            "--for",
            "ZZZZZZ",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("--for: no record has an id starting `ZZZZZZ`"),
        "{err}"
    );
    let (code, _, err) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "evidence",
            "add",
            path,
            "--kind",
            "photo",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("`photo` is not a kind of evidence"), "{err}");
    let (code, _, err) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "evidence",
            "add",
            src_dir.path().to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("is a folder"), "{err}");
    let after = fs::read_dir(demo.join("evidence"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(before, after, "nothing written by a refused attach");

    let prefix = id[..8].to_lowercase();
    let (code, _, err) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "evidence",
            "add",
            path,
            "--for",
            &prefix,
            "--title",
            "Food hygiene",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let loaded = starlog::store::Workspace::open(root, "demo", starlog::store::Mode::ReadOnly)
        .expect("open")
        .load()
        .expect("load");
    let e = loaded
        .records
        .evidence
        .iter()
        .find(|e| e.title == "Food hygiene")
        .expect("attached");
    assert_eq!(e.links.len(), 1);
    assert_eq!(e.links[0].as_str(), id);
}
