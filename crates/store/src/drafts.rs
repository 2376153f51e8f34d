//! Drafts of unsaved forms: `drafts/<draft id>.ron`, one per editing session,
//! so two starlog processes (the app and `starlog star`) never share one.

use super::{Problem, Severity, Workspace, codec, fsio};
use crate::domain::Draft;
use std::fs;
use std::io;
use std::path::PathBuf;

pub const DRAFT_DIR: &str = "drafts";
/// Where discarded drafts wait, under the workspace's trash.
pub const DISCARDED_DIR: &str = "drafts";
/// How long a discarded draft is kept before it is removed for good.
pub const DISCARDED_DAYS: u64 = 30;

impl Workspace {
    fn draft_path(&self, draft: &Draft) -> PathBuf {
        self.dir().join(DRAFT_DIR).join(format!("{}.ron", draft.id))
    }

    /// Refuses to change drafts in a workspace open read-only.
    fn drafts_writable(&self) -> io::Result<()> {
        if self.is_read_only() {
            Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "this workspace is open read-only: drafts are not changed",
            ))
        } else {
            Ok(())
        }
    }

    /// Writes (atomically) the draft, replacing its previous state.
    pub fn save_draft(&self, draft: &Draft) -> io::Result<()> {
        self.drafts_writable()?;
        write_draft_to(self.dir(), draft)
    }

    /// Removes a draft once its text is saved or deliberately discarded.
    pub fn remove_draft(&self, draft: &Draft) -> io::Result<()> {
        self.drafts_writable()?;
        let path = self.draft_path(draft);
        self.ensure_parent(&path)?;
        match fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    fn discarded_path(&self, draft: &Draft) -> PathBuf {
        self.dir()
            .join(super::TRASH_DIR)
            .join(DISCARDED_DIR)
            .join(format!("{}.ron", draft.id))
    }

    /// A draft the learner chose to throw away: written to
    /// `trash/drafts/` (kept there 30 days), then removed from `drafts/`.
    /// Older discarded drafts are removed for good on the way.
    pub fn discard_draft(&self, draft: &Draft) -> io::Result<()> {
        self.drafts_writable()?;
        let text = codec::encode(draft).map_err(io::Error::other)?;
        fsio::write_atomic(&self.discarded_path(draft), text.as_bytes())?;
        self.remove_draft(draft)?;
        self.purge_discarded_drafts(std::time::SystemTime::now());
        Ok(())
    }

    /// Brings a discarded draft back to `drafts/` (offered at the next start).
    pub fn restore_discarded_draft(&self, draft: &Draft) -> io::Result<()> {
        self.save_draft(draft)?;
        match fs::remove_file(self.discarded_path(draft)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Removes discarded drafts older than `DISCARDED_DAYS` (best effort:
    /// a file that cannot be removed now is tried again next time).
    pub fn purge_discarded_drafts(&self, now: std::time::SystemTime) {
        if self.is_read_only() {
            return;
        }
        let dir = self.dir().join(super::TRASH_DIR).join(DISCARDED_DIR);
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let max_age = std::time::Duration::from_secs(DISCARDED_DAYS * 24 * 60 * 60);
        for entry in entries.flatten() {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > max_age);
            if old && entry.path().extension().is_some_and(|e| e == "ron") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Every readable draft, newest first. Unreadable ones are reported, not removed.
    pub fn drafts(&self) -> (Vec<Draft>, Vec<Problem>) {
        read_drafts(&self.dir().join(DRAFT_DIR))
    }

    /// The drafts the learner discarded that still wait in `trash/drafts/`
    /// (30 days), newest first; `restore_discarded_draft` brings one back.
    pub fn discarded_drafts(&self) -> (Vec<Draft>, Vec<Problem>) {
        read_drafts(&self.dir().join(super::TRASH_DIR).join(DISCARDED_DIR))
    }
}

/// The readable drafts in `dir`, newest first, and the unreadable ones as
/// problems (never removed).
fn read_drafts(dir: &std::path::Path) -> (Vec<Draft>, Vec<Problem>) {
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return (drafts, problems);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_draft = path.extension().is_some_and(|e| e == "ron")
            && !entry.file_name().to_string_lossy().starts_with('.');
        if !is_draft {
            continue;
        }
        match fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| codec::decode::<Draft>(&b).map_err(|e| e.to_string()))
        {
            Ok(decoded) => drafts.push(decoded.record),
            Err(message) => problems.push(Problem {
                path,
                severity: Severity::Warning,
                message: format!("draft could not be read: {message}"),
            }),
        }
    }
    drafts.sort_by_key(|d| std::cmp::Reverse(d.saved_at));
    (drafts, problems)
}

/// Where the workspace in `dir` keeps drafts (and text handed to
/// `$EDITOR`, which must stay as private as the drafts).
pub fn drafts_folder(dir: &std::path::Path) -> PathBuf {
    dir.join(DRAFT_DIR)
}

/// Writes a draft into the workspace folder `dir` without opening the
/// workspace: used by the signal thread, which must not wait on anything.
pub fn write_draft_to(dir: &std::path::Path, draft: &Draft) -> io::Result<()> {
    let text = codec::encode(draft).map_err(io::Error::other)?;
    fsio::ensure_dir_within(dir, &dir.join(DRAFT_DIR))?;
    fsio::write_atomic(
        &dir.join(DRAFT_DIR).join(format!("{}.ron", draft.id)),
        text.as_bytes(),
    )
}
