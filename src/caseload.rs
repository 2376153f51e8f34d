//! A team leader's caseload: which folder is read, and reading every learner
//! workspace under it into one line each (`starlog team` and the Team
//! screen share this).
//!
//! Read-only by construction: the store opens each workspace without its
//! lock and never writes into it (not even the load cache); the lines are
//! worked out on the thread that loaded each workspace and its records are
//! dropped there.

use crate::domain::caseload::{self, Member, MemberState};
use crate::domain::readiness::{Portfolio, smart_letters};
use crate::store::team::{self, TeamProgress};
use crate::store::{Loaded, OpenError, Severity, criteria};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Where the caseload is read from, and why there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    pub path: PathBuf,
    /// "--root", "team_root in config.ron" or "the data folder".
    pub from: &'static str,
}

/// The caseload's folder: `--root`, else `team_root` in config.ron, else the
/// data folder (`--dir`, `STARLOG_DIR`, the platform's).
pub fn root(given: Option<&Path>, team_root: Option<&Path>, data_root: &Path) -> Root {
    match (given, team_root) {
        (Some(path), _) => Root {
            path: path.to_path_buf(),
            from: "--root",
        },
        (None, Some(path)) => Root {
            path: path.to_path_buf(),
            from: "team_root in config.ron",
        },
        (None, None) => Root {
            path: data_root.to_path_buf(),
            from: "the data folder",
        },
    }
}

/// Every learner under `root`, one line each, in folder order. `progress`
/// counts the workspaces found and read. Fails only when the root itself
/// cannot be listed.
pub fn read(
    root: &Path,
    today: NaiveDate,
    progress: &TeamProgress,
) -> Result<Vec<Member>, OpenError> {
    let folders = team::find_workspaces(root).map_err(|source| OpenError::Io {
        path: root.to_path_buf(),
        source,
    })?;
    // The criteria sets a learner's profile may name: the built-in ones and
    // those in `<root>/criteria` or beside the settings file.
    let (sets, _) = criteria::all_sets(&crate::config::criteria_folders(root));
    let home = cache_home(root);
    // A learner's line depends on their records, the day and the criteria sets.
    let context = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        format!("{sets:?}").hash(&mut h);
        format!("{today} {:016x}", h.finish())
    };
    let cache = home.as_deref().map(|home| team::LinesCache {
        home,
        context: &context,
    });
    let lines = team::read_each(root, &folders, cache, progress, |rel, loaded| {
        member(rel, loaded, &sets, today)
    });
    let mut held: Vec<Held> = Vec::new();
    let mut members: Vec<Member> = folders
        .iter()
        .zip(lines)
        .map(|(rel, line)| match line {
            Some(line) => {
                held.extend(line.sessions);
                line.member
            }
            None => Member {
                folder: folder_name(root, rel),
                state: MemberState::Problem(
                    "starlog failed while reading it (a fault in starlog: please report it)".into(),
                ),
            },
        })
        .collect();
    for m in &mut members {
        let folder = m.folder.clone();
        if let MemberState::Read { summary, .. } = &mut m.state {
            summary.last_coaching = held
                .iter()
                .filter(|h| h.is_with(&folder, &summary.name))
                .map(|h| h.date)
                .max();
        }
    }
    Ok(members)
}

/// A coaching session held with somebody, as a coach's workspace records
/// it: the coachee's name, their workspace's name when given, and the day.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Held {
    coachee: String,
    workspace: String,
    date: NaiveDate,
}

impl Held {
    /// True when the session was with the learner in `folder` (by the
    /// workspace's name, the folder's last part) or, when the coach gave no
    /// workspace, named `name` (letter case and spaces around aside).
    fn is_with(&self, folder: &str, name: &str) -> bool {
        let workspace = self.workspace.trim();
        if !workspace.is_empty() {
            let last = folder.rsplit('/').next().unwrap_or(folder);
            return workspace.eq_ignore_ascii_case(last) || workspace.eq_ignore_ascii_case(folder);
        }
        let coachee = self.coachee.trim();
        !coachee.is_empty() && coachee.to_lowercase() == name.trim().to_lowercase()
    }
}

/// One workspace's line, and the coaching sessions it records (a coach's).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Line {
    member: Member,
    sessions: Vec<Held>,
}

/// Where the caseload keeps its own load cache of the learners under
/// `root`: the platform's cache folder (`~/.cache/starlog/team/<hash of the
/// root>` on Linux), never inside the root. `None` when there is none.
pub fn cache_home(root: &Path) -> Option<PathBuf> {
    use std::hash::{Hash, Hasher};
    let root = std::fs::canonicalize(root).ok()?;
    let base = directories::ProjectDirs::from("", "", "starlog")?
        .cache_dir()
        .join("team");
    if base.starts_with(&root) {
        return None;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    root.hash(&mut h);
    Some(base.join(format!("{:016x}", h.finish())))
}

/// The folder as the caseload names it: relative to the root, `/` between
/// parts on every system; the root's own name when the root is a workspace.
fn folder_name(root: &Path, rel: &Path) -> String {
    if rel.as_os_str().is_empty() {
        let whole = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        return whole
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| root.display().to_string());
    }
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// One learner's line from their load (on the thread that loaded it), with
/// the coaching sessions their workspace records.
fn member(
    rel: &Path,
    loaded: Result<Loaded, OpenError>,
    sets: &[criteria::FoundSet],
    today: NaiveDate,
) -> Line {
    let folder = folder_name(Path::new(""), rel);
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            return Line {
                member: Member {
                    folder,
                    state: MemberState::Problem(e.to_string()),
                },
                sessions: Vec::new(),
            };
        }
    };
    let sessions = loaded
        .records
        .coaching
        .iter()
        .map(|s| Held {
            coachee: s.coachee.clone(),
            workspace: s.workspace.clone(),
            date: s.date,
        })
        .collect();
    let (first, more, _) = criteria::chosen(sets, &loaded.header.profile);
    let summary = caseload::summarise(
        &Portfolio {
            header: &loaded.header,
            records: &loaded.records,
            criteria: first.as_ref(),
            more_criteria: &more,
            today,
            // (Only counted: the caseload shows no advice text.)
            smart: &|o, t| smart_letters(o, t, &Default::default()),
        },
        None,
    );
    Line {
        member: Member {
            folder,
            state: MemberState::Read {
                summary,
                unreadable_files: loaded
                    .problems
                    .iter()
                    .filter(|p| p.severity == Severity::Error)
                    .count(),
            },
        },
        sessions,
    }
}
