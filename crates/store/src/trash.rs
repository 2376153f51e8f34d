//! The trash as the app sees it: the records in `trash/` (for the Trash
//! view), and the undo log `trash/undo.ron`, which keeps the order of
//! deletions so that `u` still brings the last one back after the app was
//! closed and opened again. Moving files in and out is `Workspace::trash`
//! and `Workspace::restore`; both keep the log up to date.

use super::{Problem, RecordKind, TRASH_DIR, Workspace, codec, fsio};
use crate::domain::{AnyRecord, FORMAT};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The undo log's file name, inside `trash/`.
pub const UNDO_LOG: &str = "undo.ron";
/// How many deletions the undo log remembers (the oldest are forgotten;
/// their files stay in the trash, where the Trash view still finds them).
pub const UNDO_KEPT: usize = 100;

/// One deletion: where the file went and where it came from, both relative
/// to the workspace folder and written with `/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deletion {
    pub trashed: String,
    pub original: String,
    /// A file the same step moved as well (choosing one version of a record
    /// changed on two computers: the version taken, moved into place; the
    /// record made of the other version): undo moves it back first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub also: Option<Moved>,
}

/// A file moved from `was` to `now` (relative, with `/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub now: String,
    pub was: String,
}

impl Deletion {
    pub fn trashed_path(&self) -> PathBuf {
        PathBuf::from(&self.trashed)
    }

    pub fn original_path(&self) -> PathBuf {
        PathBuf::from(&self.original)
    }
}

/// The file `trash/undo.ron`: deletions, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct UndoLog {
    format: u32,
    #[serde(default)]
    deleted: Vec<Deletion>,
}

/// A record waiting in the trash.
#[derive(Debug, Clone, PartialEq)]
pub struct TrashedRecord {
    pub record: AnyRecord,
    pub kind: RecordKind,
    /// Where it is now and where it goes back to (relative paths).
    pub deletion: Deletion,
}

/// A relative path written with `/`, whatever the platform.
pub fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// True for a relative path that stays inside the workspace folder (the
/// log is a file a person could edit: it must not lead elsewhere).
fn safe(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty()
        && p.components().all(|c| matches!(c, Component::Normal(_)))
        && (p.extension().is_some_and(|e| e == "ron") || crate::record::is_copy(p))
}

/// True when every path of a logged deletion stays inside the workspace.
fn safe_deletion(d: &Deletion) -> bool {
    safe(&d.trashed)
        && safe(&d.original)
        && d.also.as_ref().is_none_or(|m| safe(&m.now) && safe(&m.was))
}

/// `diary/2026/2026-10-06-<id>~2.ron` -> `diary/2026/2026-10-06-<id>.ron`;
/// a sync's conflict copy, kept in the trash as `.ron` so the Trash view
/// lists it, goes back to its `.txt` name.
fn without_copy_number(rel: &Path) -> PathBuf {
    let Some(stem) = rel.file_stem().and_then(|s| s.to_str()) else {
        return rel.to_path_buf();
    };
    let base = match stem.rsplit_once('~') {
        Some((base, n)) if !base.is_empty() && n.parse::<u32>().is_ok() => base,
        _ => stem,
    };
    let ext = if base.contains(crate::record::COPY_MARK) {
        "txt"
    } else {
        "ron"
    };
    rel.with_file_name(format!("{base}.{ext}"))
}

impl Workspace {
    fn undo_log_path(&self) -> PathBuf {
        self.dir().join(TRASH_DIR).join(UNDO_LOG)
    }

    fn read_undo_log(&self) -> Vec<Deletion> {
        let Ok(bytes) = fs::read(self.undo_log_path()) else {
            return Vec::new();
        };
        codec::decode::<UndoLog>(&bytes)
            .map(|d| d.record.deleted)
            .unwrap_or_default()
            .into_iter()
            .filter(safe_deletion)
            .collect()
    }

    fn write_undo_log(&self, mut deleted: Vec<Deletion>) -> io::Result<()> {
        if deleted.len() > UNDO_KEPT {
            deleted.drain(..deleted.len() - UNDO_KEPT);
        }
        let log = UndoLog {
            format: FORMAT,
            deleted,
        };
        let text = codec::encode(&log).map_err(io::Error::other)?;
        let path = self.undo_log_path();
        self.ensure_parent(&path)?;
        fsio::write_atomic(&path, text.as_bytes())
    }

    /// Adds a deletion to the undo log (called by `trash`).
    pub(crate) fn log_deletion(&self, trashed: &Path, original: &Path) -> io::Result<()> {
        let mut deleted = self.read_undo_log();
        deleted.push(Deletion {
            trashed: slashed(trashed),
            original: slashed(original),
            also: None,
        });
        self.write_undo_log(deleted)
    }

    /// Notes on the logged deletion of `trashed` the file the same step
    /// moved, so that undo moves it back too.
    pub(crate) fn log_also(&self, trashed: &Path, moved: &Moved) -> io::Result<()> {
        let mut deleted = self.read_undo_log();
        let key = slashed(trashed);
        if let Some(d) = deleted.iter_mut().rev().find(|d| d.trashed == key) {
            d.also = Some(moved.clone());
        }
        self.write_undo_log(deleted)
    }

    /// Takes a deletion off the undo log (called by `restore`).
    pub(crate) fn forget_deletion(&self, trashed: &Path) -> io::Result<()> {
        let deleted = self.read_undo_log();
        let key = slashed(trashed);
        if !deleted.iter().any(|d| d.trashed == key) {
            return Ok(());
        }
        self.write_undo_log(deleted.into_iter().filter(|d| d.trashed != key).collect())
    }

    /// The deletions `u` can still undo, the last one last: those whose
    /// file is still in the trash and whose place is still free.
    pub fn undo_stack(&self) -> Vec<Deletion> {
        self.read_undo_log()
            .into_iter()
            .filter(|d| self.can_undo(d))
            .collect()
    }

    /// True when `d` can be undone: its file is still in the trash, and its
    /// place is free (or held by the file the same step moved there, which
    /// undo moves back first, to a place that is free).
    pub fn can_undo(&self, d: &Deletion) -> bool {
        let at = |p: &str| self.dir().join(p);
        if !at(&d.trashed).is_file() {
            return false;
        }
        match &d.also {
            None => !at(&d.original).exists(),
            Some(m) => {
                at(&m.now).is_file()
                    && !at(&m.was).exists()
                    && (m.now == d.original || !at(&d.original).exists())
            }
        }
    }

    /// Undoes a deletion: the file the same step moved goes back first,
    /// then the trashed file to its place (see [`Workspace::restore`]).
    pub fn undo(&self, d: &Deletion) -> Result<(), super::SaveError> {
        let Some(m) = &d.also else {
            return self.restore(&d.trashed_path(), &d.original_path());
        };
        let (now, was) = (self.dir().join(&m.now), self.dir().join(&m.was));
        if was.exists() {
            return Err(super::SaveError::AlreadyExists(was));
        }
        self.move_file(&now, &was)
            .map_err(|source| super::SaveError::Io {
                path: now.clone(),
                source,
            })?;
        if let Err(e) = self.restore(&d.trashed_path(), &d.original_path()) {
            // Put the moved file back where it was, so nothing is half undone.
            let _ = self.move_file(&was, &now);
            return Err(e);
        }
        Ok(())
    }

    /// True when the record file at `rel_path` (relative) is no longer in
    /// its place: deleted, or moved to the trash by another program.
    pub fn is_gone(&self, rel_path: &Path) -> bool {
        !self.dir().join(rel_path).exists()
    }

    /// Every record in the trash, the most recently deleted first (those the
    /// undo log knows of, newest first, then the rest by path). Discarded
    /// drafts (`trash/drafts/`) and evidence files' folders are not records.
    /// A file that cannot be read is reported, not listed.
    pub fn trashed(&self) -> (Vec<TrashedRecord>, Vec<Problem>) {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        let trash = Path::new(TRASH_DIR);
        for kind in RecordKind::ALL {
            let mut paths = Vec::new();
            super::collect_ron_files(
                self.dir(),
                &trash.join(kind.dir()),
                kind.depth(),
                &mut paths,
            );
            for rel in paths {
                let inner = rel.strip_prefix(trash).unwrap_or(&rel);
                let original = without_copy_number(inner);
                match self.read_any(kind, &rel) {
                    Ok((record, _, _)) => found.push(TrashedRecord {
                        record,
                        kind,
                        deletion: Deletion {
                            trashed: slashed(&rel),
                            original: slashed(&original),
                            also: None,
                        },
                    }),
                    Err(problem) => problems.push(problem),
                }
            }
        }
        let log = self.read_undo_log();
        // A choice between two versions moved another file too: restoring
        // its dropped version puts that file back first, as `u` does.
        for t in &mut found {
            t.deletion.also = log
                .iter()
                .rfind(|d| d.trashed == t.deletion.trashed && d.original == t.deletion.original)
                .and_then(|d| d.also.clone());
        }
        let rank = |t: &TrashedRecord| {
            log.iter()
                .rposition(|d| d.trashed == t.deletion.trashed)
                .map_or(usize::MAX, |i| log.len() - i)
        };
        found.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| a.deletion.trashed.cmp(&b.deletion.trashed))
        });
        (found, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;
    use crate::domain::{DiaryEntry, Id, Objective};

    #[test]
    fn copy_numbers_come_off_the_original_name() {
        assert_eq!(
            without_copy_number(Path::new("diary/2026/2026-10-06-abc~2.ron")),
            PathBuf::from("diary/2026/2026-10-06-abc.ron")
        );
        assert_eq!(
            without_copy_number(Path::new("objectives/abc.ron")),
            PathBuf::from("objectives/abc.ron")
        );
    }

    #[test]
    fn the_log_never_leads_outside_the_workspace() {
        assert!(safe("diary/2026/x.ron"));
        assert!(!safe("../x.ron"));
        assert!(!safe("/etc/passwd.ron"));
        assert!(!safe("diary/x.txt"));
    }

    #[test]
    fn undo_survives_reopening_the_workspace() {
        let root = tempfile::tempdir().expect("root");
        let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("open");
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("now");
        let mut entry = DiaryEntry::new(Id::from_parts(1, [1; 10]), now.date_naive(), now);
        entry.situation = "The caller was upset".into();
        let mut objective = Objective::new(Id::from_parts(2, [2; 10]), now);
        objective.statement = "Answer in one call".into();
        ws.create(&entry).expect("entry");
        ws.create(&objective).expect("objective");
        let entry_rel = crate::rel_path_of(&AnyRecord::Diary(entry.clone()));
        let objective_rel = crate::rel_path_of(&AnyRecord::Objective(objective.clone()));
        ws.trash(&entry_rel).expect("trash entry");
        ws.trash(&objective_rel).expect("trash objective");
        drop(ws);

        let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("reopen");
        let stack = ws.undo_stack();
        assert_eq!(stack.len(), 2);
        assert_eq!(stack[1].original_path(), objective_rel, "the last one last");
        let (trashed, problems) = ws.trashed();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(trashed.len(), 2);
        assert_eq!(trashed[0].record.id(), &objective.id, "newest first");

        ws.restore(&stack[1].trashed_path(), &stack[1].original_path())
            .expect("restore");
        assert!(!ws.is_gone(&objective_rel));
        assert!(ws.is_gone(&entry_rel));
        assert_eq!(ws.undo_stack().len(), 1, "restored ones leave the log");
    }
}
