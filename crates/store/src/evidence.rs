//! Attached files: copying a learner's file into `evidence/<id>/`, and
//! checking later that it is still there, unchanged.
//!
//! The copy is streamed into a temp file beside its final name while it is
//! hashed, flushed to disk and renamed into place with a rename that refuses
//! to replace anything; the folder is checked level by level so nothing is
//! ever written through a link. The learner's original is only read.

use super::{Workspace, fsio, io_reason};
use crate::domain::evidence::safe_file_name;
use crate::domain::{EvidenceFile, EvidenceKind, Id};
use chrono::{DateTime, FixedOffset, NaiveDate};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The largest file that can be attached: 50 MB (a scanned statement or a
/// phone photo is far smaller; a video belongs somewhere else).
pub const EVIDENCE_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// The folder of attached files, inside the workspace.
pub const EVIDENCE_DIR: &str = "evidence";

/// Why a file could not be attached. Nothing was left behind in the workspace.
#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    #[error("this workspace is open read-only")]
    ReadOnly,
    #[error("{0} is not there (check the path)")]
    NotFound(PathBuf),
    #[error("{0} is a folder: attach the files in it one by one")]
    Folder(PathBuf),
    #[error("{0} is not an ordinary file")]
    NotAFile(PathBuf),
    #[error("{path} is too big to attach ({size}; the limit is {limit}): attach a smaller copy, or an extract of the pages that matter", size = megabytes(*size), limit = megabytes(EVIDENCE_MAX_BYTES))]
    TooBig { path: PathBuf, size: u64 },
    #[error("{path} is already in this workspace's evidence folder")]
    InsideEvidence { path: PathBuf },
    #[error("could not read {path}: {reason}", reason = io_reason(source))]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("could not copy the file into {path}: {reason}", reason = io_reason(source))]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Save(#[from] super::SaveError),
}

/// "12.4 MB", "830 KB", "512 bytes".
pub fn megabytes(size: u64) -> String {
    crate::domain::evidence::size_label(size)
}

/// What the learner says about a file being attached.
#[derive(Debug, Clone)]
pub struct Attach {
    pub title: String,
    pub kind: Option<EvidenceKind>,
    pub date: NaiveDate,
    pub description: String,
    pub links: Vec<Id>,
    pub criteria: Vec<String>,
}

/// How an attached file stands today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileCheck {
    Ok,
    Missing,
    /// Its bytes are not those attached (size or SHA-256 differ).
    Altered {
        size: u64,
    },
    /// The record names something other than one plain file name.
    BadName,
    /// A link, folder or device where the file should be.
    NotAFile,
    Unreadable(String),
}

impl FileCheck {
    /// What is wrong, in the learner's words; empty when all is well.
    pub fn problem(&self) -> String {
        match self {
            FileCheck::Ok => String::new(),
            FileCheck::Missing => "the file is missing".into(),
            FileCheck::Altered { .. } => {
                "the file has been changed since it was attached (its SHA-256 no longer matches)"
                    .into()
            }
            FileCheck::BadName => {
                "the record names a file outside its folder; it was not opened".into()
            }
            FileCheck::NotAFile => "something other than an ordinary file is in its place".into(),
            FileCheck::Unreadable(why) => format!("the file could not be read: {why}"),
        }
    }
}

fn hash_reader(
    mut reader: impl Read,
    mut sink: impl Write,
    limit: u64,
) -> io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        size += n as u64;
        if size > limit {
            return Err(io::Error::new(io::ErrorKind::FileTooLarge, "too big"));
        }
        hasher.update(&buf[..n]);
        sink.write_all(&buf[..n])?;
    }
    let hex = crate::domain::evidence::hex(&hasher.finalize());
    Ok((size, hex))
}

impl Workspace {
    /// Where an evidence record's file lives, or `None` when its stored name
    /// is not one plain, safe file name (a hand-edited record).
    pub fn evidence_path(&self, e: &EvidenceFile) -> Option<PathBuf> {
        e.stored_name_is_safe().then(|| {
            self.dir()
                .join(EVIDENCE_DIR)
                .join(e.id.as_str())
                .join(&e.stored_name)
        })
    }

    /// Copies `source` into `evidence/<new id>/` and creates its record.
    /// Works in capture mode beside an open app: it only creates new files.
    pub fn attach(
        &self,
        source: &Path,
        about: Attach,
        now: DateTime<FixedOffset>,
    ) -> Result<EvidenceFile, AttachError> {
        if self.is_read_only() {
            return Err(AttachError::ReadOnly);
        }
        let meta = fs::metadata(source).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => AttachError::NotFound(source.to_path_buf()),
            _ => AttachError::Read {
                path: source.to_path_buf(),
                source: e,
            },
        })?;
        if meta.is_dir() {
            return Err(AttachError::Folder(source.to_path_buf()));
        }
        if !meta.is_file() {
            return Err(AttachError::NotAFile(source.to_path_buf()));
        }
        if meta.len() > EVIDENCE_MAX_BYTES {
            return Err(AttachError::TooBig {
                path: source.to_path_buf(),
                size: meta.len(),
            });
        }
        let evidence_dir = self.dir().join(EVIDENCE_DIR);
        if let (Ok(src), Ok(dir)) = (source.canonicalize(), evidence_dir.canonicalize())
            && src.starts_with(&dir)
        {
            return Err(AttachError::InsideEvidence {
                path: source.to_path_buf(),
            });
        }
        let original_name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stored_name = safe_file_name(&original_name);
        let id = Id::generate();
        let folder = evidence_dir.join(id.as_str());
        let target = folder.join(&stored_name);
        let write_err = |source: io::Error| AttachError::Write {
            path: folder.clone(),
            source,
        };
        fsio::ensure_dir_within(self.dir(), &folder).map_err(write_err)?;
        let input = File::open(source).map_err(|e| AttachError::Read {
            path: source.to_path_buf(),
            source: e,
        })?;
        let mut outcome = Ok((0, String::new()));
        let written = fsio::create_new_streamed(&target, |tmp| {
            outcome = hash_reader(io::BufReader::new(input), tmp, EVIDENCE_MAX_BYTES);
            // The temp file is dropped (removed) when the copy failed.
            outcome
                .as_ref()
                .map(|_| ())
                .map_err(|e| io::Error::new(e.kind(), e.to_string()))
        });
        let (size, sha256) = match (written, outcome) {
            (Ok(()), Ok(result)) => result,
            (_, Err(e)) if e.kind() == io::ErrorKind::FileTooLarge => {
                let _ = fs::remove_dir(&folder);
                return Err(AttachError::TooBig {
                    path: source.to_path_buf(),
                    size: EVIDENCE_MAX_BYTES + 1,
                });
            }
            (_, Err(e)) => {
                let _ = fs::remove_dir(&folder);
                return Err(AttachError::Read {
                    path: source.to_path_buf(),
                    source: e,
                });
            }
            (Err(e), Ok(_)) => {
                let _ = fs::remove_dir(&folder);
                return Err(write_err(e));
            }
        };
        let kind = about
            .kind
            .unwrap_or_else(|| EvidenceKind::guess(&original_name));
        let title = if about.title.trim().is_empty() {
            default_title(&original_name)
        } else {
            about.title.trim().to_string()
        };
        let record = EvidenceFile {
            format: crate::domain::FORMAT,
            id,
            date: about.date,
            created: now,
            updated: now,
            title,
            kind,
            description: about.description,
            links: about.links,
            criteria: about.criteria,
            original_name,
            stored_name,
            size,
            sha256,
        };
        if let Err(e) = self.create(&record) {
            // No record, no copy: leave the workspace as it was.
            let _ = fs::remove_file(&target);
            let _ = fs::remove_dir(&folder);
            return Err(e.into());
        }
        Ok(record)
    }

    /// Writes a record's file from bytes already in hand (the demo's
    /// documents), then the record: creates only, like [`Workspace::attach`].
    pub fn store_evidence(&self, e: &EvidenceFile, bytes: &[u8]) -> Result<(), super::SaveError> {
        let path = self.evidence_path(e).ok_or_else(|| super::SaveError::Io {
            path: self.dir().join(EVIDENCE_DIR),
            source: io::Error::new(io::ErrorKind::InvalidInput, "not a plain file name"),
        })?;
        let io_err = |source| super::SaveError::Io {
            path: path.clone(),
            source,
        };
        if let Some(folder) = path.parent() {
            fsio::ensure_dir_within(self.dir(), folder).map_err(io_err)?;
        }
        fsio::create_new_atomic(&path, bytes).map_err(io_err)?;
        self.create(e)?;
        Ok(())
    }

    /// Whether an evidence record's file is there with the bytes attached.
    /// Never follows a link.
    pub fn check_evidence(&self, e: &EvidenceFile) -> FileCheck {
        let Some(path) = self.evidence_path(e) else {
            return FileCheck::BadName;
        };
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return FileCheck::Missing,
            Err(err) => return FileCheck::Unreadable(io_reason(&err)),
        };
        if !meta.is_file() {
            return FileCheck::NotAFile;
        }
        if meta.len() != e.size {
            return FileCheck::Altered { size: meta.len() };
        }
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(err) => return FileCheck::Unreadable(io_reason(&err)),
        };
        match hash_reader(io::BufReader::new(file), io::sink(), u64::MAX) {
            Ok((size, hash)) if hash == e.sha256 => {
                let _ = size;
                FileCheck::Ok
            }
            Ok((size, _)) => FileCheck::Altered { size },
            Err(err) => FileCheck::Unreadable(io_reason(&err)),
        }
    }

    /// The bytes of an attached file when they are the ones attached (for the
    /// export); `None` when the file is missing, altered or not a plain file.
    pub fn read_evidence(&self, e: &EvidenceFile) -> Option<Vec<u8>> {
        read_intact(self.dir(), e)
    }

    /// The bytes of every attached file that is still as attached.
    pub fn intact_files(&self, records: &[EvidenceFile]) -> BTreeMap<Id, Vec<u8>> {
        intact_files(self.dir(), records)
    }
}

/// [`Workspace::read_evidence`] for a workspace folder (for work on another
/// thread, which has the folder but not the open workspace).
pub fn read_intact(workspace_dir: &Path, e: &EvidenceFile) -> Option<Vec<u8>> {
    if !e.stored_name_is_safe() {
        return None;
    }
    let path = workspace_dir
        .join(EVIDENCE_DIR)
        .join(e.id.as_str())
        .join(&e.stored_name);
    let meta = fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() || meta.len() != e.size {
        return None;
    }
    let bytes = fs::read(&path).ok()?;
    (crate::domain::evidence::sha256_hex(&bytes) == e.sha256).then_some(bytes)
}

/// [`Workspace::intact_files`] for a workspace folder.
pub fn intact_files(workspace_dir: &Path, records: &[EvidenceFile]) -> BTreeMap<Id, Vec<u8>> {
    records
        .iter()
        .filter_map(|e| read_intact(workspace_dir, e).map(|b| (e.id.clone(), b)))
        .collect()
}

/// "Call observation 14 Oct" from "Call observation 14 Oct.pdf".
fn default_title(original: &str) -> String {
    let stem = match original.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => original,
    };
    let title = stem.replace(['_', '-'], " ").trim().to_string();
    if title.is_empty() {
        "Attached file".into()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-10-15T09:00:00+01:00").expect("moment")
    }

    fn about(title: &str) -> Attach {
        Attach {
            title: title.into(),
            kind: None,
            date: NaiveDate::from_ymd_opt(2026, 10, 14).expect("day"),
            description: String::new(),
            links: Vec::new(),
            criteria: vec!["2.2".into()],
        }
    }

    #[test]
    fn attaching_copies_hashes_and_leaves_the_original_alone() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let src = tmp.path().join("Food hygiene certificate.pdf");
        fs::write(&src, b"%PDF-1.4 pretend").expect("write");
        let ws = Workspace::open(&tmp.path().join("root"), "default", Mode::Capture).expect("open");
        let e = ws.attach(&src, about(""), now()).expect("attaches");
        assert_eq!(e.title, "Food hygiene certificate");
        assert_eq!(e.kind, EvidenceKind::Certificate);
        assert_eq!(e.size, 16);
        assert_eq!(
            e.sha256,
            crate::domain::evidence::sha256_hex(b"%PDF-1.4 pretend")
        );
        assert_eq!(fs::read(&src).expect("original"), b"%PDF-1.4 pretend");
        let copy = ws.evidence_path(&e).expect("safe name");
        assert_eq!(fs::read(&copy).expect("copy"), b"%PDF-1.4 pretend");
        assert_eq!(ws.check_evidence(&e), FileCheck::Ok);
        let loaded = ws.load().expect("loads");
        assert_eq!(loaded.records.evidence, vec![e.clone()]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);

        fs::write(&copy, b"%PDF-1.4 changed!").expect("alter");
        assert!(matches!(ws.check_evidence(&e), FileCheck::Altered { .. }));
        fs::write(&copy, b"%PDF-1.4 pretenD").expect("same size");
        assert!(matches!(
            ws.check_evidence(&e),
            FileCheck::Altered { size: 16 }
        ));
        fs::remove_file(&copy).expect("remove");
        assert_eq!(ws.check_evidence(&e), FileCheck::Missing);
    }

    #[test]
    fn folders_missing_files_and_huge_files_are_refused_clearly() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let ws = Workspace::open(&tmp.path().join("root"), "default", Mode::Capture).expect("open");
        let err = ws
            .attach(tmp.path(), about("x"), now())
            .expect_err("folder");
        assert!(err.to_string().contains("is a folder"), "{err}");
        let err = ws
            .attach(&tmp.path().join("nope.pdf"), about("x"), now())
            .expect_err("missing");
        assert!(err.to_string().contains("is not there"), "{err}");
        let big = tmp.path().join("video.mp4");
        let f = File::create(&big).expect("create");
        f.set_len(EVIDENCE_MAX_BYTES + 1).expect("sparse");
        let err = ws.attach(&big, about("x"), now()).expect_err("too big");
        assert!(
            err.to_string()
                .contains("too big to attach (50.0 MB; the limit is 50.0 MB)"),
            "{err}"
        );
        assert!(
            !ws.dir().join(EVIDENCE_DIR).exists()
                || fs::read_dir(ws.dir().join(EVIDENCE_DIR))
                    .expect("dir")
                    .next()
                    .is_none(),
            "nothing left behind"
        );
    }

    #[test]
    fn a_record_naming_a_path_outside_its_folder_is_never_followed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let ws = Workspace::open(&tmp.path().join("root"), "default", Mode::Capture).expect("open");
        let src = tmp.path().join("a.txt");
        fs::write(&src, b"abc").expect("write");
        let mut e = ws.attach(&src, about("A"), now()).expect("attaches");
        e.stored_name = "../../../a.txt".into();
        assert_eq!(ws.check_evidence(&e), FileCheck::BadName);
        assert!(ws.read_evidence(&e).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn an_evidence_folder_that_is_a_link_is_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let ws = Workspace::open(&tmp.path().join("root"), "default", Mode::Capture).expect("open");
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir(&elsewhere).expect("mkdir");
        std::os::unix::fs::symlink(&elsewhere, ws.dir().join(EVIDENCE_DIR)).expect("link");
        let src = tmp.path().join("a.txt");
        fs::write(&src, b"abc").expect("write");
        let err = ws.attach(&src, about("A"), now()).expect_err("refused");
        assert!(err.to_string().contains("link"), "{err}");
        assert!(fs::read_dir(&elsewhere).expect("dir").next().is_none());
    }

    #[test]
    fn trashing_an_evidence_record_takes_its_file_along_and_undo_brings_it_back() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("root");
        let src = tmp.path().join("cert.png");
        fs::write(&src, b"png").expect("write");
        let e = {
            let ws = Workspace::open(&root, "default", Mode::Capture).expect("open");
            ws.attach(&src, about("Cert"), now()).expect("attaches")
        };
        let ws = Workspace::open(&root, "default", Mode::Write).expect("open");
        let rel = PathBuf::from(format!("evidence/{}.ron", e.id));
        let trashed = ws.trash(&rel).expect("trash");
        assert_eq!(ws.check_evidence(&e), FileCheck::Missing);
        assert!(
            ws.dir()
                .join("trash/evidence")
                .join(e.id.as_str())
                .join("cert.png")
                .is_file()
        );
        ws.restore(&trashed, &rel).expect("restore");
        assert_eq!(ws.check_evidence(&e), FileCheck::Ok);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(megabytes(512), "512 bytes");
        assert_eq!(megabytes(2048), "2 KB");
        assert_eq!(megabytes(EVIDENCE_MAX_BYTES), "50.0 MB");
    }
}
