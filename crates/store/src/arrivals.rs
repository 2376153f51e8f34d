//! Records that other starlog processes added while the app is open
//! (`starlog add`, `feedback add`, `kpi add`): they only ever create new
//! files, so the app watches the record folders' modification times and
//! reads just the files it does not know yet.
//!
//! A folder's time changes whenever a file is created or renamed into it, so
//! a check that finds nothing new costs one `stat` per folder (a dozen or
//! so, measured in `benches/app.rs`), cheap enough to run once a second. A
//! file-system watcher (the `notify` crate) would add a thread and a
//! platform backend per system and still need the event loop to wake up to
//! see its events, since the terminal's input cannot be woken by a channel.

use super::{RecordKind, Workspace};
use crate::domain::Id;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The record folders as last seen: their modification times.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderStamps {
    seen: HashMap<PathBuf, Option<SystemTime>>,
}

/// A record file that appeared since the last look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub kind: RecordKind,
    /// Relative to the workspace.
    pub rel_path: PathBuf,
    /// The id its name carries.
    pub id: Id,
}

impl Workspace {
    /// The folders records are created in: one per kind, and the diary's
    /// year folders.
    fn record_folders(&self) -> Vec<(RecordKind, PathBuf)> {
        let mut out: Vec<(RecordKind, PathBuf)> = RecordKind::ALL
            .iter()
            .map(|k| (*k, PathBuf::from(k.dir())))
            .collect();
        let diary = PathBuf::from(RecordKind::Diary.dir());
        if let Ok(entries) = fs::read_dir(self.dir.join(&diary)) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some(name) = name.to_str() else { continue };
                if !name.starts_with('.') && entry.file_type().is_ok_and(|t| t.is_dir()) {
                    out.push((RecordKind::Diary, diary.join(name)));
                }
            }
        }
        out
    }

    fn stamp(&self, rel: &Path) -> Option<SystemTime> {
        fs::metadata(self.dir.join(rel))
            .and_then(|m| m.modified())
            .ok()
    }

    /// The record folders' times now, to compare with later. Taken before a
    /// load starts, so nothing created during the load can be missed.
    pub fn folder_stamps(&self) -> FolderStamps {
        FolderStamps {
            seen: self
                .record_folders()
                .into_iter()
                .map(|(_, rel)| {
                    let stamp = self.stamp(&rel);
                    (rel, stamp)
                })
                .collect(),
        }
    }

    /// The record files in folders that changed since `stamps` whose id
    /// `known` does not know, and the stamps to compare with next time.
    /// Folders that did not change are not listed.
    pub fn arrivals(
        &self,
        stamps: &FolderStamps,
        known: impl Fn(&Id) -> bool,
    ) -> (Vec<Arrival>, FolderStamps) {
        let now = self.folder_stamps();
        let mut out = Vec::new();
        for (kind, rel) in self.record_folders() {
            let stamp = now.seen.get(&rel).copied().flatten();
            if stamps.seen.get(&rel).copied().flatten() == stamp {
                continue;
            }
            let Ok(entries) = fs::read_dir(self.dir.join(&rel)) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some(name) = name.to_str() else { continue };
                // Temp files of a save in progress start with a dot.
                if name.starts_with('.') || !name.ends_with(".ron") {
                    continue;
                }
                let Some(id) = id_in_name(name) else { continue };
                if !known(&id) && entry.file_type().is_ok_and(|t| t.is_file()) {
                    out.push(Arrival {
                        kind,
                        rel_path: rel.join(name),
                        id,
                    });
                }
            }
        }
        out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        (out, now)
    }
}

/// The id a record file's name ends with (`<id>.ron`, `YYYY-MM-DD-<id>.ron`).
fn id_in_name(name: &str) -> Option<Id> {
    let stem = name.strip_suffix(".ron")?;
    let start = stem.len().checked_sub(26)?;
    Id::parse(stem.get(start..)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;

    #[test]
    fn ids_are_read_from_both_kinds_of_name() {
        let id = Id::generate();
        assert_eq!(id_in_name(&format!("{id}.ron")), Some(id.clone()));
        assert_eq!(
            id_in_name(&format!("2026-11-22-{id}.ron")),
            Some(id.clone())
        );
        assert_eq!(id_in_name("notes.ron"), None);
    }

    #[test]
    fn a_file_added_by_another_process_is_found_once_and_known_ones_are_not() {
        let root = tempfile::tempdir().expect("temp dir");
        let ws = Workspace::open(root.path(), "default", Mode::Write).expect("opens");
        let stamps = ws.folder_stamps();
        let (none, _) = ws.arrivals(&stamps, |_| false);
        assert!(none.is_empty());
        // Another process writes feedback and a diary entry in a new year.
        let id = Id::generate();
        let other = Id::generate();
        for rel in [
            format!("feedback/{id}.ron"),
            format!("diary/2027/2027-01-02-{other}.ron"),
        ] {
            let path = ws.dir().join(rel);
            fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            fs::write(path, "(format: 1)").expect("written");
        }
        // Let the folders' times move on even on coarse file systems.
        let (found, stamps) = ws.arrivals(&FolderStamps::default(), |_| false);
        let ids: Vec<&Id> = found.iter().map(|a| &a.id).collect();
        assert!(ids.contains(&&id) && ids.contains(&&other), "{found:?}");
        let (again, _) = ws.arrivals(&stamps, |_| false);
        assert!(again.is_empty(), "nothing changed since: {again:?}");
        let (known, _) = ws.arrivals(&FolderStamps::default(), |i| *i == id || *i == other);
        assert!(known.is_empty(), "{known:?}");
    }
}
