//! Records changed on two computers, and choosing which version to keep.
//!
//! Two ways a record ends up with two versions in one workspace:
//! - a sync's conflict copy: both sides changed the same file, this side's
//!   version stayed in place and the other side's was written beside it as
//!   `<name>.conflict-copy-<time>.txt` (a name the load skips);
//! - one id in two record files: one side moved a record to another file
//!   (a diary entry whose date changed moves to another folder or name)
//!   while the other changed it in place; git merges the two files as two
//!   records. The load shows the one changed later and warns of the other.
//!
//! [`Workspace::conflicts`] finds both from the folders' file names (ids
//! are in the names), reading only the files involved. [`Workspace::resolve`]
//! keeps one version, takes the other, or keeps both (the other becomes a
//! new record with a fresh id). The version dropped always goes to the
//! trash, where the Trash view lists it, and each choice is one undo step
//! (`u`, [`Workspace::undo`]): nothing is ever lost.

use super::trash::{Moved, slashed};
use super::{Problem, RecordKind, SaveError, TRASH_DIR, Workspace, codec};
use crate::domain::{AnyRecord, Id};
use crate::record::rel_path_of;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

// How a conflict copy is named lives with the other file names (the trash
// reads them too); kept reachable here, where sync and the app look.
pub use crate::record::{COPY_MARK, copied_from, is_copy};

/// The id a record file's name carries (`<id>.ron`, `YYYY-MM-DD-<id>.ron`).
pub fn id_in_name(rel: &Path) -> Option<Id> {
    let stem = rel.file_name()?.to_str()?.strip_suffix(".ron")?;
    let at = stem.len().checked_sub(26)?;
    let tail = stem.get(at..)?;
    if at > 0 && !stem[..at].ends_with('-') {
        return None;
    }
    Id::parse(tail).ok()
}

/// How the two versions came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `starlog sync` kept the other side's version as a conflict copy.
    SyncCopy,
    /// Two record files hold the same id.
    SameId,
}

/// One version of the record: its file and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub rel_path: PathBuf,
    pub record: AnyRecord,
}

/// A record with two versions. `mine` is the one in place, which the app
/// shows (for two files with one id, the one changed later); `theirs` the
/// other (the conflict copy, or the other file).
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub kind: RecordKind,
    pub origin: Origin,
    /// `None` when this side's file is gone (deleted here since, say).
    pub mine: Option<Version>,
    pub theirs: Version,
}

impl Conflict {
    /// The record's words, for a title: this side's when there is one.
    pub fn record(&self) -> &AnyRecord {
        self.mine
            .as_ref()
            .map_or(&self.theirs.record, |m| &m.record)
    }

    /// Whether `choice` can be made: an attached file's record keeps its
    /// id (its files are in a folder named by it), so it cannot keep both.
    pub fn allows(&self, choice: Choice) -> bool {
        !(choice == Choice::KeepBoth && self.kind == RecordKind::Evidence)
    }
}

/// Which version to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// This side's stays; the other goes to the trash.
    KeepMine,
    /// The other takes its place; this side's goes to the trash.
    TakeTheirs,
    /// Both stay: the other becomes a new record with a fresh id.
    KeepBoth,
}

impl Choice {
    /// `mine`, `theirs`, `both`, as `starlog sync --keep` takes them.
    pub fn parse(word: &str) -> Option<Choice> {
        match word {
            "mine" => Some(Choice::KeepMine),
            "theirs" => Some(Choice::TakeTheirs),
            "both" => Some(Choice::KeepBoth),
            _ => None,
        }
    }
}

/// What a choice did: the undo step (the file in the trash, and the file
/// moved or made) and the record files in place afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub deletion: super::Deletion,
    /// The record file of the version kept (and of the new record, when
    /// both were kept).
    pub kept: Vec<PathBuf>,
}

impl Workspace {
    /// Every record with two versions, in path order, and the conflict
    /// copies and files that could not be read (reported, left alone).
    /// Reviews are never rewritten, so they never have two versions.
    pub fn conflicts(&self) -> (Vec<Conflict>, Vec<Problem>) {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        for kind in RecordKind::ALL {
            if kind == RecordKind::Review {
                continue;
            }
            let mut records: BTreeMap<Id, Vec<PathBuf>> = BTreeMap::new();
            let mut copies = Vec::new();
            collect_names(
                self.dir(),
                Path::new(kind.dir()),
                kind.depth(),
                &mut |rel| {
                    if is_copy(&rel) {
                        copies.push(rel);
                    } else if let Some(id) = id_in_name(&rel) {
                        records.entry(id).or_default().push(rel);
                    }
                },
            );
            copies.sort();
            for copy in copies {
                let theirs = match self.version(kind, &copy) {
                    Ok(v) => v,
                    Err(p) => {
                        problems.push(p);
                        continue;
                    }
                };
                // This side's file: the one the copy was made beside, else
                // the file holding its id (moved since, to another date).
                let beside = copied_from(&copy);
                let mut candidates = records.get(theirs.record.id()).cloned().unwrap_or_default();
                candidates.sort_by_key(|p| Some(p) != beside.as_ref());
                let mine = candidates
                    .first()
                    .and_then(|rel| self.version(kind, rel).ok());
                found.push(Conflict {
                    kind,
                    origin: Origin::SyncCopy,
                    mine,
                    theirs,
                });
            }
            for (_, mut paths) in records.into_iter().filter(|(_, p)| p.len() > 1) {
                paths.sort();
                let mut versions = Vec::new();
                for rel in &paths {
                    match self.version(kind, rel) {
                        Ok(v) => versions.push(v),
                        Err(p) => problems.push(p),
                    }
                }
                // The one the load shows: changed later; the first by path
                // when neither says.
                let Some(shown) = (0..versions.len()).max_by(|a, b| {
                    updated(&versions[*a].record)
                        .cmp(&updated(&versions[*b].record))
                        .then(b.cmp(a))
                }) else {
                    continue;
                };
                let mine = versions.remove(shown);
                for theirs in versions {
                    found.push(Conflict {
                        kind,
                        origin: Origin::SameId,
                        mine: Some(mine.clone()),
                        theirs,
                    });
                }
            }
        }
        (found, problems)
    }

    /// Conflict copies of `workspace.ron` (the profile and settings changed
    /// on both sides), relative paths in name order: compared by hand.
    pub fn header_copies(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        collect_names(self.dir(), Path::new(""), 1, &mut |rel| {
            if is_copy(&rel)
                && copied_from(&rel).is_some_and(|p| p == Path::new(super::HEADER_FILE))
            {
                found.push(rel);
            }
        });
        found.sort();
        found
    }

    fn version(&self, kind: RecordKind, rel: &Path) -> Result<Version, Problem> {
        self.read_any(kind, rel).map(|(record, _, _)| Version {
            rel_path: rel.to_path_buf(),
            record,
        })
    }

    /// Keeps one version of `conflict`, or both. The files must still hold
    /// what `conflict` says (else `ChangedOnDisk`, and nothing is changed).
    /// The version dropped goes to the trash; the returned deletion is the
    /// one undo step that puts everything back as it was.
    pub fn resolve(&self, conflict: &Conflict, choice: Choice) -> Result<Resolved, SaveError> {
        self.check_writable()?;
        if !conflict.allows(choice) {
            return Err(SaveError::Protected {
                path: self.dir().join(&conflict.theirs.rel_path),
                reason: "an attached file's record keeps its id, so both cannot be kept: \
                         keep yours or take theirs"
                    .into(),
            });
        }
        self.still_as_read(conflict.kind, &conflict.theirs)?;
        if let Some(mine) = &conflict.mine {
            self.still_as_read(conflict.kind, mine)?;
        }
        let theirs = &conflict.theirs;
        match (choice, &conflict.mine) {
            (Choice::KeepMine, _) => {
                let trashed = self.trash_with(&theirs.rel_path, false)?;
                Ok(Resolved {
                    deletion: deletion(&trashed, &theirs.rel_path, None),
                    kept: conflict.mine.iter().map(|m| m.rel_path.clone()).collect(),
                })
            }
            (Choice::TakeTheirs, Some(mine)) => {
                let place = rel_path_of(&theirs.record);
                let free = place == mine.rel_path
                    || place == theirs.rel_path
                    || !self.dir().join(&place).exists();
                if !free {
                    return Err(SaveError::AlreadyExists(self.dir().join(&place)));
                }
                let trashed = self.trash_with(&mine.rel_path, false)?;
                let mut also = None;
                if place != theirs.rel_path {
                    let (from, to) = (self.dir().join(&theirs.rel_path), self.dir().join(&place));
                    if let Err(source) = self.move_file(&from, &to) {
                        // Back as it was: this side's version in its place.
                        let _ = self.restore(&trashed, &mine.rel_path);
                        return Err(SaveError::Io { path: from, source });
                    }
                    also = Some(Moved {
                        now: slashed(&place),
                        was: slashed(&theirs.rel_path),
                    });
                }
                Ok(Resolved {
                    deletion: self.logged(&trashed, &mine.rel_path, also),
                    kept: vec![place],
                })
            }
            // No version of this side left: theirs is written as the record
            // (same id) or as a new one, and the copy goes to the trash.
            (Choice::TakeTheirs, None) => self.replace_by_record(theirs, theirs.record.clone()),
            (Choice::KeepBoth, _) => {
                let fresh = with_id(theirs.record.clone(), Id::generate());
                let mut resolved = self.replace_by_record(theirs, fresh)?;
                if let Some(mine) = &conflict.mine {
                    resolved.kept.insert(0, mine.rel_path.clone());
                }
                Ok(resolved)
            }
        }
    }

    /// Writes `record` as a new record file, then moves the file of
    /// `theirs` to the trash; undo moves the new file to the trash and
    /// brings `theirs` back.
    fn replace_by_record(
        &self,
        theirs: &Version,
        record: AnyRecord,
    ) -> Result<Resolved, SaveError> {
        let state = self.save_any(&record, None)?;
        let made = state.rel_path;
        let trashed = match self.trash_with(&theirs.rel_path, false) {
            Ok(t) => t,
            Err(e) => {
                // Nothing half done: the new file goes, `theirs` still holds it all.
                let _ = fs::remove_file(self.dir().join(&made));
                return Err(e);
            }
        };
        let mut away = PathBuf::from(TRASH_DIR).join(&made);
        let mut n = 1;
        while self.dir().join(&away).exists() {
            n += 1;
            let stem = made
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("record");
            away = PathBuf::from(TRASH_DIR).join(made.with_file_name(format!("{stem}~{n}.ron")));
        }
        let also = Moved {
            now: slashed(&made),
            was: slashed(&away),
        };
        Ok(Resolved {
            deletion: self.logged(&trashed, &theirs.rel_path, Some(also)),
            kept: vec![made],
        })
    }

    /// The deletion `trash` logged, with the other file the step moved.
    fn logged(&self, trashed: &Path, original: &Path, also: Option<Moved>) -> super::Deletion {
        if let Some(m) = &also {
            // The trash is right whatever happens here; only this undo
            // step across a restart would be lost.
            let _ = self.log_also(trashed, m);
        }
        deletion(trashed, original, also)
    }

    /// `ChangedOnDisk` unless the file still holds `version`'s record.
    fn still_as_read(&self, kind: RecordKind, version: &Version) -> Result<(), SaveError> {
        let path = self.dir().join(&version.rel_path);
        let bytes = fs::read(&path).map_err(|source| SaveError::Io {
            path: path.clone(),
            source,
        })?;
        let same = match kind {
            RecordKind::Diary => decoded_as(&bytes, &version.record, AnyRecord::Diary),
            RecordKind::Need => decoded_as(&bytes, &version.record, AnyRecord::Need),
            RecordKind::Objective => decoded_as(&bytes, &version.record, AnyRecord::Objective),
            RecordKind::Activity => decoded_as(&bytes, &version.record, AnyRecord::Activity),
            RecordKind::Feedback => decoded_as(&bytes, &version.record, AnyRecord::Feedback),
            RecordKind::Kpi => decoded_as(&bytes, &version.record, AnyRecord::Kpi),
            RecordKind::Review => decoded_as(&bytes, &version.record, AnyRecord::Review),
            RecordKind::Evidence => decoded_as(&bytes, &version.record, AnyRecord::Evidence),
            RecordKind::Witness => decoded_as(&bytes, &version.record, AnyRecord::Witness),
            RecordKind::SignOff => decoded_as(&bytes, &version.record, AnyRecord::SignOff),
            RecordKind::Practice => decoded_as(&bytes, &version.record, AnyRecord::Practice),
            RecordKind::Coaching => decoded_as(&bytes, &version.record, AnyRecord::Coaching),
        };
        if same {
            Ok(())
        } else {
            Err(SaveError::ChangedOnDisk(path))
        }
    }
}

fn decoded_as<T: crate::StoredRecord>(
    bytes: &[u8],
    record: &AnyRecord,
    wrap: fn(T) -> AnyRecord,
) -> bool {
    codec::decode::<T>(bytes).is_ok_and(|d| wrap(d.record) == *record)
}

fn deletion(trashed: &Path, original: &Path, also: Option<Moved>) -> super::Deletion {
    super::Deletion {
        trashed: slashed(trashed),
        original: slashed(original),
        also,
    }
}

/// The record with another id (keep both: the other version becomes a
/// record of its own).
fn with_id(record: AnyRecord, id: Id) -> AnyRecord {
    match record {
        AnyRecord::Diary(mut r) => {
            r.id = id;
            AnyRecord::Diary(r)
        }
        AnyRecord::Need(mut r) => {
            r.id = id;
            AnyRecord::Need(r)
        }
        AnyRecord::Objective(mut r) => {
            r.id = id;
            AnyRecord::Objective(r)
        }
        AnyRecord::Activity(mut r) => {
            r.id = id;
            AnyRecord::Activity(r)
        }
        AnyRecord::Feedback(mut r) => {
            r.id = id;
            AnyRecord::Feedback(r)
        }
        AnyRecord::Kpi(mut r) => {
            r.id = id;
            AnyRecord::Kpi(r)
        }
        AnyRecord::Review(mut r) => {
            r.id = id;
            AnyRecord::Review(r)
        }
        AnyRecord::Evidence(mut r) => {
            r.id = id;
            AnyRecord::Evidence(r)
        }
        AnyRecord::Witness(mut r) => {
            r.id = id;
            AnyRecord::Witness(r)
        }
        AnyRecord::SignOff(mut r) => {
            r.id = id;
            AnyRecord::SignOff(r)
        }
        AnyRecord::Practice(mut r) => {
            r.id = id;
            AnyRecord::Practice(r)
        }
        AnyRecord::Coaching(mut r) => {
            r.id = id;
            AnyRecord::Coaching(r)
        }
    }
}

fn updated(record: &AnyRecord) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    super::updated_of(record)
}

/// Calls `found` with every file name under `rel` (to `depth` folders),
/// hidden files and folders skipped. Names only: nothing is opened.
fn collect_names(root: &Path, rel: &Path, depth: usize, found: &mut dyn FnMut(PathBuf)) {
    let Ok(entries) = fs::read_dir(root.join(rel)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth > 1 {
            collect_names(root, &rel.join(name), depth - 1, found);
        } else if kind.is_file() {
            found(rel.join(name));
        }
    }
}
