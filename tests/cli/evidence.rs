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

/// The demo's attached files: (stored path inside the workspace, bytes).
fn demo_files(demo: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in fs::read_dir(demo.join("evidence"))
        .expect("evidence")
        .flatten()
    {
        if !dir.path().is_dir() {
            continue;
        }
        for f in fs::read_dir(dir.path()).expect("folder").flatten() {
            let rel = format!(
                "evidence/{}/{}",
                dir.file_name().to_string_lossy(),
                f.file_name().to_string_lossy()
            );
            out.push((rel, fs::read(f.path()).expect("read")));
        }
    }
    out.sort();
    out
}

#[test]
fn the_zip_holds_the_html_the_markdown_and_every_attached_file_as_attached() {
    let root = common::temp_root();
    let root = root.path();
    common::demo(root);
    let files = demo_files(&root.join("demo"));
    assert_eq!(files.len(), 2, "the demo's observation PDF and certificate");
    let target = root.join("hand-over.zip");
    let target_s = target.to_str().expect("utf-8");

    let (code, _, err) = starlog(root, &["--workspace", "demo", "export", "--format", "zip"]);
    assert_eq!(code, 2, "a zip is not printed to the terminal");
    assert!(err.contains("add -o portfolio.zip"), "{err}");

    let (code, _, err) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "export",
            "--format",
            "zip",
            "-o",
            target_s,
        ],
    );
    assert_eq!(code, 0, "{err}");
    // Neither file can be read for customer details: the learner is told
    // to look at both.
    assert!(
        err.contains("Check these files for customer details yourself"),
        "{err}"
    );
    for (path, _) in &files {
        assert!(err.contains(path.as_str()), "{path} not listed: {err}");
    }

    let mut zip = zip::ZipArchive::new(fs::File::open(&target).expect("zip")).expect("a zip");
    let mut names: Vec<String> = zip.file_names().map(str::to_string).collect();
    names.sort();
    let mut want: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    want.extend(["portfolio.html".to_string(), "portfolio.md".to_string()]);
    want.sort();
    assert_eq!(names, want);
    let read = |zip: &mut zip::ZipArchive<fs::File>, name: &str| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).expect(name), &mut bytes).expect("read");
        bytes
    };
    for (path, bytes) in &files {
        assert_eq!(
            &read(&mut zip, path),
            bytes,
            "{path} is the file as attached"
        );
    }
    let md = String::from_utf8(read(&mut zip, "portfolio.md")).expect("utf-8");
    // The Markdown names each file where the zip holds it, with its hash.
    for (path, _) in &files {
        assert!(
            md.contains(path.as_str()),
            "{path} not named in the Markdown"
        );
    }
    assert!(md.contains("## Evidence files"));
    let html = String::from_utf8(read(&mut zip, "portfolio.html")).expect("utf-8");
    assert!(html.contains("<img src=\"data:image/png;base64,"));
    let when = zip.by_name("portfolio.html").expect("html").last_modified();
    let when = when.expect("dated");
    assert_eq!(
        (when.year(), when.month(), when.day()),
        (2026, 11, 29),
        "dated the day of the export, not 1980"
    );
}

#[test]
fn the_html_embeds_images_lists_other_files_and_reaches_nothing_outside() {
    use scraper::{Html, Selector};
    let root = common::temp_root();
    let root = root.path();
    common::demo(root);
    let (code, html, err) = starlog(root, &["--workspace", "demo", "export", "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let page = Html::parse_document(&html);
    let sel = |s: &str| Selector::parse(s).expect("selector");
    for forbidden in [
        "script", "link", "iframe", "object", "embed", "base", "form",
    ] {
        assert_eq!(
            page.select(&sel(forbidden)).count(),
            0,
            "<{forbidden}> found"
        );
    }
    for e in page.select(&sel("*")) {
        for (name, value) in e.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}");
            if name == "href" {
                assert!(value.starts_with('#'), "a link out of the file: {value}");
            }
            if name == "src" {
                assert!(
                    value.starts_with("data:image/"),
                    "a source outside: {value}"
                );
            }
        }
    }
    // The certificate (a PNG) is shown; the observation report (a PDF) is
    // listed by name with its SHA-256.
    let images: Vec<_> = page.select(&sel("figure img")).collect();
    assert_eq!(images.len(), 1, "the certificate, embedded");
    let text: String = page.root_element().text().collect();
    let loaded = starlog::store::Workspace::open(root, "demo", starlog::store::Mode::ReadOnly)
        .expect("open")
        .load()
        .expect("load");
    for e in &loaded.records.evidence {
        assert!(text.contains(e.title.trim()), "{} missing", e.title);
        assert!(text.contains(&e.sha256), "{}'s hash missing", e.title);
    }
    assert!(text.contains("call-observation.pdf"));
    // The signed witness statement and the sign-off are there, confirmed.
    assert!(text.contains("Witness statements"));
    assert!(text.contains("Sign-offs"));
}
