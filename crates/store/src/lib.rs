//! The store: a learner's workspace folder <-> domain records.
//!
//! One file per record, pretty RON, each carrying its format version. Writes
//! are atomic and durable; the previous version of a record is kept in
//! `backups/` before it is replaced; a file that changed on disk since it was
//! loaded, or that holds fields this version does not know, is never
//! overwritten. A file that cannot be read is reported and left untouched,
//! and the rest of the workspace still loads. Nothing here knows of the terminal.

// The domain is used as `crate::domain` throughout the store.
use starlog_core::domain;

pub mod arrivals;
pub mod cache;
pub mod codec;
pub mod conflicts;
pub mod criteria;
pub mod decode_error;
pub mod drafts;
pub mod evidence;
pub mod export_file;
pub mod fsio;
mod heap;
pub mod lock;
pub mod migrate;
pub mod record;
pub mod team;
pub mod trash;

pub use arrivals::{Arrival, FolderStamps};
pub use codec::{DecodeError, Decoded};
pub use lock::{LockError, LockHolder, WorkspaceLock};
pub use record::{RecordKind, StoredRecord, kind_of, rel_path_of};
pub use trash::{Deletion, Moved, TrashedRecord};

use crate::domain::{AnyRecord, DiaryEntry, Id, Records, WorkspaceHeader};
use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

/// The header file of a workspace.
pub const HEADER_FILE: &str = "workspace.ron";
/// The lock file (never renamed or deleted).
pub const LOCK_FILE: &str = ".lock";
/// Previous versions of records: `backups/<folder>/<id>/<time>.ron`.
pub const BACKUP_DIR: &str = "backups";
/// Deleted records, in the same layout as the workspace.
pub const TRASH_DIR: &str = "trash";
/// The workspace's `.gitignore`, written by starlog when there is none.
pub const GITIGNORE_FILE: &str = ".gitignore";
/// What belongs to this computer and this moment rather than to the
/// portfolio (git patterns): the load cache, the lock, drafts, backups, the
/// trash and writes in progress. One list, so a folder starlog adds later
/// joins it here.
pub const LOCAL_ONLY: &[&str] = &[
    "/.cache/",
    "/.lock",
    "/drafts/",
    "/backups/",
    "/trash/",
    ".starlog-*.tmp",
];

/// The text of the `.gitignore` starlog writes in a new workspace.
pub fn gitignore_text() -> String {
    let mut out = String::from(
        "# Written by starlog (docs/FORMAT.md): what belongs to this computer, not\n\
         # to the portfolio. Your records and workspace.ron are not listed.\n",
    );
    for pattern in LOCAL_ONLY {
        out.push_str(pattern);
        out.push('\n');
    }
    out
}

/// How many previous versions of each record are kept in `backups/`.
pub const BACKUPS_KEPT: usize = 20;
/// Temp files younger than this may belong to a capture command running now.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// The default root folder holding every workspace (the platform's local data
/// folder, never the roaming profile on Windows).
pub fn default_root() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "starlog").map(|d| d.data_local_dir().to_path_buf())
}

/// Checks a workspace name: a plain folder name that is valid on every platform.
pub fn check_workspace_name(name: &str) -> Result<(), String> {
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.starts_with('.')
        || name.len() > 64
        || name.chars().any(|c| {
            matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control()
        });
    // Names Windows keeps for devices, with or without an extension.
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    let reserved = matches!(
        stem.as_str(),
        "con" | "prn" | "aux" | "nul" | "conin$" | "conout$"
    ) || ((stem.starts_with("com") || stem.starts_with("lpt"))
        && stem.len() == 4
        && stem[3..].chars().all(|c| c.is_ascii_digit()));
    if reserved || name.ends_with('.') || name.ends_with(' ') {
        return Err(format!(
            "`{name}` cannot be a workspace name: Windows keeps that name for itself; choose another"
        ));
    }
    if bad {
        Err(format!(
            "`{name}` cannot be a workspace name: use letters, digits, - and _ (no / \\ : * ? \" < > |)"
        ))
    } else {
        Ok(())
    }
}

/// How seriously to take a problem with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Read, but something is worth knowing (e.g. permissions fixed).
    Notice,
    /// Read, but the record is protected from saving until fixed by hand.
    Warning,
    /// Not read; the file is left exactly as it is.
    Error,
}

/// A problem with one file of the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub severity: Severity,
    /// `line:col: reason`, or just the reason.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let starts_with_position = self
            .message
            .split(':')
            .next()
            .is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        let sep = if starts_with_position { ":" } else { ": " };
        write!(f, "{}{}{}", self.path.display(), sep, self.message)
    }
}

/// What the store remembers about a loaded file, to guard the next save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    /// Path relative to the workspace.
    pub rel_path: PathBuf,
    /// Hash of the bytes as loaded or last saved.
    pub hash: u64,
    /// Why this file must not be overwritten (unknown fields), if it must not.
    pub protected: Option<String>,
}

/// What the store remembers of each loaded record's file, by record id.
/// (Hashed with foldhash, hashbrown's own default: a load puts every record
/// in it, and std's DoS-proof hasher cost a tenth of that at 100k records.)
pub type FileMap = HashMap<Id, FileState, foldhash::fast::RandomState>;

/// Everything read from a workspace.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub header: WorkspaceHeader,
    pub header_state: Option<FileState>,
    pub records: Records,
    /// Keyed by record id (ids are unique across every kind).
    pub files: FileMap,
    pub problems: Vec<Problem>,
    /// How the load used the derived cache, and what a new one is made from:
    /// the files found, and the records read from their files, encoded.
    pub cache: cache::CacheUse,
    pub listing: cache::Listing,
    pub fresh: Vec<cache::Fresh>,
}

/// How far a load has got, for a UI to show while it runs.
#[derive(Debug, Default)]
pub struct LoadProgress {
    /// Records read so far, from the cache or from their files.
    pub done: std::sync::atomic::AtomicUsize,
    /// Record files found: 0 until the folders have been listed.
    pub total: std::sync::atomic::AtomicUsize,
    /// Whether a UI is still making its first frame (see
    /// [`LoadProgress::before_first_frame`]).
    first_frame: FirstFrame,
}

/// A UI's first frame, as a load started before it waits for it.
#[derive(Debug, Default)]
struct FirstFrame {
    coming: std::sync::Mutex<bool>,
    out: std::sync::Condvar,
}

/// How long a load started before a UI's first frame waits for it at most,
/// should the UI never say it is out (it failed to start, say).
const FIRST_FRAME_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

impl LoadProgress {
    /// For a load started while a UI still makes its first frame: until
    /// [`LoadProgress::first_frame_out`], the load lists the folders on one
    /// thread and leaves the cache for after, so the first frame keeps a
    /// core of its own and is not held up, while the load is under way.
    pub fn before_first_frame() -> LoadProgress {
        LoadProgress {
            first_frame: FirstFrame {
                coming: std::sync::Mutex::new(true),
                out: std::sync::Condvar::new(),
            },
            ..LoadProgress::default()
        }
    }

    /// The UI's first frame is out: the load goes on with all its threads.
    pub fn first_frame_out(&self) {
        if let Ok(mut coming) = self.first_frame.coming.lock() {
            *coming = false;
        }
        self.first_frame.out.notify_all();
    }

    /// Waits until the UI's first frame is out (at once when there is no
    /// UI), or [`FIRST_FRAME_WAIT`] at most.
    fn wait_for_first_frame(&self) {
        if let Ok(coming) = self.first_frame.coming.lock() {
            let _ = self
                .first_frame
                .out
                .wait_timeout_while(coming, FIRST_FRAME_WAIT, |coming| *coming);
        }
    }
}

/// Why a save did not happen. The record in memory is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("this workspace is open read-only")]
    ReadOnly,
    #[error(
        "{0} was changed on disk since it was loaded (another program or a sync?); not overwritten. Reload to see the other version; your text is kept here"
    )]
    ChangedOnDisk(PathBuf),
    #[error("{path} is protected: {reason}")]
    Protected { path: PathBuf, reason: String },
    #[error("{0} already exists; not overwritten")]
    AlreadyExists(PathBuf),
    #[error(
        "{0} is a held review, and reviews are never changed once saved; to put it right, hold a correction (a new review that names this one)"
    )]
    Immutable(PathBuf),
    #[error("could not save {path}: {reason}", reason = io_reason(source))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("could not encode the record: {0}")]
    Encode(String),
    #[error(
        "the {field} text is {chars} characters long, and one field holds at most {max} (about 150,000 words): shorten it, or split it over several records. Nothing was saved",
        field = if field.is_empty() { "record's" } else { field },
        max = crate::domain::texts::MAX_FIELD_CHARS
    )]
    TooLarge { field: &'static str, chars: usize },
}

/// The largest record file starlog reads: well above the largest it writes
/// (every field at its cap), so a file this big was not written by starlog
/// and is left alone rather than slow every start.
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

/// Refuses a record with a field too long to be typed text (a paste gone
/// wrong): it would slow every start and every search.
fn check_size<T: serde::Serialize + ?Sized>(record: &T) -> Result<(), SaveError> {
    match crate::domain::texts::oversized_field(record) {
        Some((field, chars)) => Err(SaveError::TooLarge { field, chars }),
        None => Ok(()),
    }
}

/// Why a file operation failed and what to do about it, in the learner's
/// words: never an `os error` number. Messages starlog wrote itself (a link
/// refused, say) are kept as they are.
pub fn io_reason(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let said = match e.kind() {
        K::PermissionDenied => {
            "permission denied: the folder is read-only or belongs to someone else (open with --read-only to look without changing anything)"
        }
        K::StorageFull => "the disk is full: free some space and try again",
        K::QuotaExceeded => "your disk quota is used up: free some space and try again",
        K::ReadOnlyFilesystem => {
            "the disk is read-only (open with --read-only to look without changing anything)"
        }
        K::NotFound => "it is not there (was the folder moved, renamed or unmounted?)",
        K::IsADirectory => "it is a folder, where a file was expected",
        K::NotADirectory => "part of the path is a file, where a folder was expected",
        K::AlreadyExists => "a file of that name is already there; it was left as it is",
        K::InvalidFilename => "the name is not allowed on this disk",
        K::FileTooLarge => "the file is too large for this disk",
        K::DirectoryNotEmpty => "the folder is not empty",
        K::ResourceBusy | K::ExecutableFileBusy => "the file is in use by another program",
        K::TimedOut | K::WouldBlock => "the disk did not answer in time; try again",
        _ => "",
    };
    if !said.is_empty() {
        return said.to_string();
    }
    let text = e.to_string();
    // Drop the number the system adds: " (os error 5)".
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Why a workspace could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("could not open the workspace folder {path}: {reason}{hint}", reason = io_reason(source), hint = read_only_hint(source))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("could not create the folder {path}: {reason}", reason = create_reason(source))]
    Create {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{0}")]
    BadName(String),
    #[error(
        "{path}: {message}{}. Fix or move it, then try again",
        left_untouched(message)
    )]
    BadHeader { path: PathBuf, message: String },
    #[error("there is no workspace `{name}` in {}{}", root.display(), others_hint(others, *can_create))]
    NotFound {
        name: String,
        root: PathBuf,
        /// The workspaces that are there, to spot a typo.
        others: Vec<String>,
        /// The command could start it (with `--create`).
        can_create: bool,
    },
}

/// Says the file was left alone, unless the message says so already.
fn left_untouched(message: &str) -> &'static str {
    if message.contains("left as it is") || message.contains("will not be changed") {
        ""
    } else {
        "; it was left untouched"
    }
}

/// A disk that is full or read-only at start: the workspace can still be read.
fn read_only_hint(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            " (to read your records meanwhile, open with --read-only)"
        }
        _ => "",
    }
}

/// Why a folder could not be made, where "not found" means the system does
/// not allow one there (`--dir /proc`), not that something has gone.
fn create_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => {
            "starlog cannot make a folder there (a system folder?): choose another with --dir or STARLOG_DIR".into()
        }
        _ => format!("{}{}", io_reason(e), read_only_hint(e)),
    }
}

fn others_hint(others: &[String], can_create: bool) -> String {
    let create = if can_create {
        "; add --create to start it"
    } else {
        ""
    };
    if others.is_empty() {
        format!("{create}; run `starlog` (or `starlog add`) to start the default one")
    } else {
        format!(
            " (workspaces there: {}); check --workspace{create}",
            others.join(", ")
        )
    }
}

/// True when `root/name` holds a workspace (its header file).
pub fn workspace_exists(root: &Path, name: &str) -> bool {
    fs::symlink_metadata(root.join(name).join(HEADER_FILE)).is_ok()
}

/// The workspaces under `root`: folders holding a workspace header.
pub fn workspace_names(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join(HEADER_FILE).is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    names
}

/// How a workspace is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The app: takes the lock, tidies stale temp files, may rewrite records.
    Write,
    /// Capture commands (`add`, `feedback add`, ...): only create new files,
    /// so they run beside an open app without the lock.
    Capture,
    /// Reads only; never creates or changes anything.
    ReadOnly,
}

/// An open workspace folder.
#[derive(Debug)]
pub struct Workspace {
    dir: PathBuf,
    mode: Mode,
    lock: Option<WorkspaceLock>,
    /// A load cache kept outside the workspace (a team leader's copy, see
    /// [`Workspace::with_cache_in`]), read before the workspace's own.
    cache_elsewhere: Option<PathBuf>,
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The save guard's hash of a fixed text: the cache keeps content hashes, and
/// is ignored when this build of starlog would hash differently (the cache's
/// functions take it).
pub fn hash_probe() -> u64 {
    content_hash(b"starlog: the same bytes give the same hash")
}

/// Writes the derived load cache (`.cache/records.bin`) from a full load, so
/// the next open parses only the files changed since. Only the app holding
/// the workspace's lock writes it; it is never needed for correctness.
///
/// The entries of the cache on disk that are still right are copied as they
/// are and the records this load read from their files are added, so the
/// records themselves are not needed (the app has handed them on). Returns
/// how many records the cache holds; it is not written when nothing changed.
pub fn write_cache(dir: &Path, loaded: &Loaded) -> io::Result<usize> {
    refresh_cache_from(dir, &loaded.listing, &loaded.fresh)
}

/// [`write_cache`] from what a load left for it ([`Loaded::listing`] and
/// [`Loaded::fresh`], taken out of the load).
pub fn refresh_cache_from(
    dir: &Path,
    listing: &cache::Listing,
    fresh: &[cache::Fresh],
) -> io::Result<usize> {
    cache::refresh(dir, listing, fresh, hash_probe(), |_| None).map(|(count, _)| count)
}

fn now_stamp() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

impl Workspace {
    /// Opens (and in write or capture mode creates) `root/name`.
    pub fn open(root: &Path, name: &str, mode: Mode) -> Result<Workspace, OpenError> {
        check_workspace_name(name).map_err(OpenError::BadName)?;
        let dir = root.join(name);
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OpenError::Io { path, source }
        };
        if mode == Mode::ReadOnly && !dir.is_dir() {
            // Reading a workspace that is not there is a typo more often
            // than an empty portfolio: say so rather than show nothing.
            return Err(OpenError::NotFound {
                name: name.to_string(),
                root: root.to_path_buf(),
                others: workspace_names(root),
                can_create: false,
            });
        }
        if mode != Mode::ReadOnly {
            let create_err = |path: &Path| {
                let path = path.to_path_buf();
                move |source| OpenError::Create { path, source }
            };
            fsio::create_private_dir(root).map_err(create_err(root))?;
            fsio::create_private_dir(&dir).map_err(create_err(&dir))?;
        }
        let lock = if mode == Mode::Write {
            Some(lock::acquire(&dir.join(LOCK_FILE), &now_stamp())?)
        } else {
            None
        };
        let ws = Workspace {
            dir,
            mode,
            lock,
            cache_elsewhere: None,
        };
        if mode == Mode::Write {
            fsio::make_private(&ws.dir).map_err(io_err(&ws.dir))?;
        }
        if mode != Mode::ReadOnly && !ws.dir.join(HEADER_FILE).exists() {
            let bytes =
                codec::encode(&WorkspaceHeader::default()).map_err(|e| OpenError::BadHeader {
                    path: ws.dir.join(HEADER_FILE),
                    message: e.to_string(),
                })?;
            match fsio::create_new_atomic(&ws.dir.join(HEADER_FILE), bytes.as_bytes()) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_err(&ws.dir)(e)),
            }
        }
        // Every command refuses a header it cannot read, as the app does:
        // never add format-1 records to a workspace a newer starlog owns.
        ws.check_header()?;
        // Keeps the cache, the lock, drafts, backups and trash out of git.
        // Only once the header is known good (a newer starlog's workspace is
        // left alone), never replacing one that is there (the learner's own
        // included); a failure changes nothing else.
        if mode != Mode::ReadOnly {
            let ignore = ws.dir.join(GITIGNORE_FILE);
            if fs::symlink_metadata(&ignore).is_err() {
                let _ = fsio::create_new_atomic(&ignore, gitignore_text().as_bytes());
            }
        }
        Ok(ws)
    }

    /// Refuses a header that is a link (without quoting what it points
    /// to), unreadable, or of a newer format.
    fn check_header(&self) -> Result<(), OpenError> {
        let path = self.dir.join(HEADER_FILE);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => Err(OpenError::BadHeader {
                path,
                message: "it is a link to another file; a workspace's header must be a file of its own (replace the link with a copy of the file)".into(),
            }),
            Ok(meta) if !meta.is_file() => Err(OpenError::BadHeader {
                path,
                message: "it is not a file".into(),
            }),
            Ok(_) => self.load_header().map(|_| ()),
            Err(_) => Ok(()),
        }
    }

    /// Removes stale temp files and makes the folders private.
    /// Removes temp files left by a crash (those older than a minute: a
    /// younger one may belong to a capture command running now) and makes
    /// every file and folder private. Walks the whole workspace, so the app
    /// runs it after its first frame rather than before. Needs the lock.
    pub fn tidy(&self) -> io::Result<Tidied> {
        match self.tidy_job() {
            Some(job) => job.run(),
            None => Ok(Tidied::default()),
        }
    }

    /// [`Workspace::tidy`] as a job for another thread, so the app's first
    /// key is not kept waiting; `None` unless open for writing (with the lock).
    pub fn tidy_job(&self) -> Option<TidyJob> {
        (self.mode == Mode::Write).then(|| TidyJob {
            dir: self.dir.clone(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Reads the load cache from `dir` (its `.cache/records.bin`) when a
    /// valid one is there, else the workspace's own. For a reader who keeps
    /// their own cache of a workspace they must never write into (a team
    /// leader's caseload: `team`); [`refresh_cache_from`] with `dir` keeps it.
    pub fn with_cache_in(mut self, dir: PathBuf) -> Workspace {
        self.cache_elsewhere = Some(dir);
        self
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn is_read_only(&self) -> bool {
        self.mode == Mode::ReadOnly
    }

    pub fn lock(&self) -> Option<&WorkspaceLock> {
        self.lock.as_ref()
    }

    /// Reads the workspace header; a missing one gives the defaults.
    pub fn load_header(
        &self,
    ) -> Result<(WorkspaceHeader, Option<FileState>, Vec<Problem>), OpenError> {
        let path = self.dir.join(HEADER_FILE);
        if self.mode == Mode::Write {
            // Best effort: the profile names the learner and their employer.
            let _ = fsio::make_private(&path);
        }
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok((WorkspaceHeader::default(), None, Vec::new()));
            }
            Err(source) => return Err(OpenError::Io { path, source }),
        };
        match codec::decode::<WorkspaceHeader>(&bytes) {
            Ok(decoded) => {
                let mut problems = Vec::new();
                let state =
                    self.state_for(PathBuf::from(HEADER_FILE), &bytes, &decoded, &mut problems);
                Ok((decoded.record, Some(state), problems))
            }
            Err(e) => Err(OpenError::BadHeader {
                path,
                message: e.to_string(),
            }),
        }
    }

    fn state_for<T>(
        &self,
        rel_path: PathBuf,
        bytes: &[u8],
        decoded: &Decoded<T>,
        problems: &mut Vec<Problem>,
    ) -> FileState {
        let path = self.dir.join(&rel_path);
        let mut protected = None;
        if !decoded.unknown_fields.is_empty() {
            let reason = format!(
                "it has fields this version of starlog does not know ({}); they are kept, and starlog will not save over this file until they are fixed or removed by hand",
                decoded.unknown_fields.join(", ")
            );
            problems.push(Problem {
                path: path.clone(),
                severity: Severity::Warning,
                message: reason.clone(),
            });
            protected = Some(reason);
        }
        if decoded.had_bom {
            problems.push(Problem {
                path,
                severity: Severity::Notice,
                message: "starts with a UTF-8 byte-order mark (added by some editors); read normally, and it will be left out when starlog next saves this record".into(),
            });
        }
        FileState {
            rel_path,
            hash: content_hash(bytes),
            protected,
        }
    }

    /// Makes a record file private (the app only), saying so when it was not.
    fn privacy_note(&self, path: &Path) -> Option<Problem> {
        match fsio::make_private(path) {
            Ok(true) => Some(Problem {
                path: path.to_path_buf(),
                severity: Severity::Notice,
                message: "was readable by other users; made private (0600)".into(),
            }),
            Ok(false) => None,
            Err(e) => Some(Problem {
                path: path.to_path_buf(),
                severity: Severity::Notice,
                message: format!("could not make it private: {e}"),
            }),
        }
    }

    /// Reads one record file.
    pub fn read_record<T: StoredRecord>(
        &self,
        rel_path: &Path,
    ) -> Result<(T, FileState, Vec<Problem>), Problem> {
        let path = self.dir.join(rel_path);
        let read_error = |e: io::Error| Problem {
            path: path.clone(),
            severity: Severity::Error,
            message: format!("could not read it: {}", io_reason(&e)),
        };
        let size = fs::metadata(&path).map_err(read_error)?.len();
        if size > MAX_RECORD_BYTES {
            return Err(Problem {
                path: path.clone(),
                severity: Severity::Error,
                message: format!(
                    "it is {} MB, far larger than any record a learner writes (one field holds at most {} characters); it was left as it is. Open it in an editor to shorten it",
                    size / (1024 * 1024),
                    crate::domain::texts::MAX_FIELD_CHARS
                ),
            });
        }
        let bytes = fs::read(&path).map_err(read_error)?;
        let mut problems = Vec::new();
        if self.mode == Mode::Write {
            problems.extend(self.privacy_note(&path));
        }
        let decoded = codec::decode::<T>(&bytes).map_err(|e| Problem {
            path: path.clone(),
            severity: Severity::Error,
            message: format!("{e}"),
        })?;
        let state = self.state_for(rel_path.to_path_buf(), &bytes, &decoded, &mut problems);
        Ok((decoded.record, state, problems))
    }

    /// Paths (relative) of every record file of a kind, in no particular order.
    pub fn record_paths(&self, kind: RecordKind) -> Vec<PathBuf> {
        let mut out = Vec::new();
        collect_ron_files(&self.dir, Path::new(kind.dir()), kind.depth(), &mut out);
        out
    }

    /// Diary file paths, newest first, found from their names alone.
    pub fn diary_paths_newest_first(&self) -> Vec<PathBuf> {
        let mut paths = self.record_paths(RecordKind::Diary);
        // `YYYY/YYYY-MM-DD-<id>.ron`: the name orders by date, then creation.
        sort_names_newest_first(&mut paths);
        paths
    }

    /// Every readable diary entry, newest first, with the diary's problems
    /// (a full load, so the load cache serves it).
    pub fn load_diary(&self) -> (Vec<DiaryEntry>, Vec<Problem>) {
        let mut loaded = Loaded::default();
        self.load_records(&LoadProgress::default(), &mut loaded);
        let diary = self.dir.join(RecordKind::Diary.dir());
        let problems = loaded
            .problems
            .into_iter()
            .filter(|p| p.path.starts_with(&diary))
            .collect();
        (loaded.records.diary, problems)
    }

    /// True when the workspace holds no record files at all.
    pub fn has_no_records(&self) -> bool {
        RecordKind::ALL
            .iter()
            .all(|k| self.record_paths(*k).is_empty())
    }

    /// The newest `n` readable diary entries, reading only the newest year
    /// folders and only as many files as needed: what the first frame shows,
    /// at a cost that does not grow with the size of the journal.
    pub fn newest_diary(&self, n: usize) -> (Vec<DiaryEntry>, Vec<Problem>) {
        let diary = self.dir.join(RecordKind::Diary.dir());
        let mut years: Vec<String> = match fs::read_dir(&diary) {
            Ok(entries) => entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|name| !name.starts_with('.'))
                .collect(),
            Err(_) => Vec::new(),
        };
        years.sort_by(|a, b| b.cmp(a));
        let mut entries = Vec::with_capacity(n);
        let mut problems = Vec::new();
        let table = self.folder_table();
        for year in years {
            if entries.len() >= n {
                break;
            }
            let rel = format!("{}/{year}", RecordKind::Diary.dir());
            let mut paths = match table
                .folders()
                .iter()
                .find(|f| f.key == rel)
                .and_then(|f| self.unchanged_names(&table, &rel, f))
            {
                Some(paths) => paths,
                None => {
                    let mut paths = Vec::new();
                    collect_ron_files(&self.dir, Path::new(&rel), 1, &mut paths);
                    paths
                }
            };
            sort_names_newest_first(&mut paths);
            for path in paths {
                if entries.len() >= n {
                    break;
                }
                match self.read_record::<DiaryEntry>(&path) {
                    Ok((entry, _, mut notes)) => {
                        entries.push(entry);
                        problems.append(&mut notes);
                    }
                    Err(problem) => problems.push(problem),
                }
            }
        }
        entries.sort_by(DiaryEntry::newest_first);
        (entries, problems)
    }

    /// The record files of the folder `rel` (`/` between parts) as the
    /// folder table names them, when the folder has not changed since (see
    /// [`cache::Folder`]); `None` when it must be read.
    fn unchanged_names(
        &self,
        table: &cache::FolderTable,
        rel: &str,
        folder: &cache::TableFolder,
    ) -> Option<Vec<PathBuf>> {
        // As `read_dir` would read it: through a link to the folder.
        let meta = fs::metadata(self.dir.join(rel)).ok()?;
        let names = table.names_if_unchanged(folder, &meta)?;
        Some(
            names
                .split_terminator('/')
                .map(|n| Path::new(rel).join(n))
                .collect(),
        )
    }

    /// Reads every record. Unreadable files become problems; the rest loads.
    pub fn load(&self) -> Result<Loaded, OpenError> {
        self.load_counting(&LoadProgress::default())
    }

    /// Like [`Workspace::load`], counting in `progress` the files found and
    /// the records read, so a UI can show how far a background load has got.
    /// Records whose file is unchanged since the cache was written come from
    /// the cache; every other file is read and parsed.
    pub fn load_counting(&self, progress: &LoadProgress) -> Result<Loaded, OpenError> {
        let (header, header_state, problems) = self.load_header()?;
        let mut loaded = Loaded {
            header,
            header_state,
            problems,
            ..Loaded::default()
        };
        self.load_records(progress, &mut loaded);
        Ok(loaded)
    }

    /// Every record file of each kind with its stamp: the cache's listing.
    fn listing(&self) -> cache::Listing {
        self.listing_after(&LoadProgress::default())
    }

    /// [`Workspace::listing`], on one thread only until `progress` says the
    /// UI's first frame is out.
    fn listing_after(&self, progress: &LoadProgress) -> cache::Listing {
        let taken = std::time::SystemTime::now();
        let mut listing = cache::Listing {
            taken: Some(taken),
            ..cache::Listing::default()
        };
        let table = self.folder_table();
        let known = KnownFolders::of(&table, taken);
        for kind in RecordKind::ALL {
            let mut scan = Scan::default();
            collect_stamped_parallel(
                &self.dir,
                kind.dir(),
                kind.depth(),
                &known,
                progress,
                &mut scan,
            );
            listing.files.reserve(scan.found.len());
            for file in scan.found {
                listing.add(file.key, kind, file.stamp, file.private);
            }
            listing.folders.append(&mut scan.folders);
            listing.folders_stale |= scan.stale;
            listing.folders_reused += scan.reused;
        }
        listing
    }

    /// The folder table an earlier listing left: the cache kept elsewhere's,
    /// else the workspace's own. Empty off Unix (see [`cache::Folder`]).
    fn folder_table(&self) -> cache::FolderTable {
        if !cfg!(unix) {
            return cache::FolderTable::default();
        }
        if let Some(dir) = self.cache_elsewhere.as_deref() {
            let table = cache::FolderTable::read(dir, hash_probe());
            if !table.is_empty() {
                return table;
            }
        }
        cache::FolderTable::read(&self.dir, hash_probe())
    }

    /// What identifies this version of the workspace's records: a hash of
    /// every record file's stamp (size, times, inode) and the header's, and
    /// how many record files there are. Equal fingerprints mean no record
    /// file was added, removed or changed. `None` when a file was changed
    /// too recently to tell a further change apart (see the load cache's
    /// racily-clean rule).
    pub fn fingerprint(&self) -> Option<(u64, usize)> {
        use std::hash::Hasher;
        let listing = self.listing();
        let racy_after = listing.taken? - cache::RACY;
        let header = fs::symlink_metadata(self.dir.join(HEADER_FILE))
            .map(|m| cache::Stamp::of(&m))
            .unwrap_or_else(|_| cache::Stamp::unknown());
        let mut keys: Vec<(&String, &cache::Stamp)> =
            listing.files.iter().map(|(k, l)| (k, &l.stamp)).collect();
        keys.sort_by(|a, b| a.0.cmp(b.0));
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (key, stamp) in std::iter::once((&String::new(), &header)).chain(keys) {
            if *stamp == cache::Stamp::unknown() || stamp.modified_after(racy_after) {
                return None;
            }
            h.write(key.as_bytes());
            h.write(&postcard::to_stdvec(stamp).ok()?);
        }
        Some((h.finish(), listing.files.len()))
    }

    /// Brings the load cache up to date with the record files (after saves,
    /// say): lists the folders, keeps the cached records whose files did not
    /// change, and reads only the files that did. Nothing is written when the
    /// cache is already right. Returns how many records it holds.
    pub fn refresh_cache(&self) -> io::Result<usize> {
        let listing = self.listing();
        let read = |key: &str| {
            let kind = RecordKind::ALL.iter().find(|k| {
                key.strip_prefix(k.dir())
                    .is_some_and(|r| r.starts_with('/'))
            })?;
            match self.read_any(*kind, Path::new(key)) {
                Ok((record, state, notes)) if notes.is_empty() => cache::Fresh::of(&record, &state),
                _ => None,
            }
        };
        cache::refresh(&self.dir, &listing, &[], hash_probe(), read).map(|(count, _)| count)
    }

    /// Reads every record file into `loaded` (see `load_counting`).
    ///
    /// The folders are listed (a `stat` per file) while the cache is read
    /// and decoded, and the cached records go into their lists as their
    /// chunks come, without waiting for the listing: a record taken before
    /// the listing is in is checked against it once it is, and taken out
    /// again if its file changed. On two cores the listing, the decoding
    /// and the taking in overlap rather than wait for each other.
    fn load_records(&self, progress: &LoadProgress, loaded: &mut Loaded) {
        let mut usage = cache::CacheUse::default();
        let listed = std::sync::OnceLock::new();
        let mut intake = Intake::new(self, &listed, loaded.problems.len(), progress);
        std::thread::scope(|scope| {
            let listing_job = scope.spawn(|| {
                let _ = listed.set(self.listing_after(progress));
            });
            // Started before a UI's first frame, the load lists the folders
            // on one thread until the frame is out.
            progress.wait_for_first_frame();
            // The lists are made as long as the cache says they will be, so
            // that none grows by doubling while its records come in before
            // the listing (which makes them exactly as long once it is in).
            let dirs = self.cache_elsewhere.iter().map(PathBuf::as_path);
            let counts = |dir: &Path| cache::counts(dir, hash_probe());
            if let Some(counts) = dirs.chain([self.dir.as_path()]).find_map(counts) {
                intake.make_room(&counts, loaded);
            }
            let mut from = Err(String::new());
            if let Some(dir) = self.cache_elsewhere.as_deref() {
                from = cache::read(dir, hash_probe(), &listed, |chunk| {
                    intake.take_cached(chunk, loaded);
                });
                if from.is_err() {
                    intake.forget_cached(loaded);
                }
            }
            if from.is_err() {
                from = cache::read(&self.dir, hash_probe(), &listed, |chunk| {
                    intake.take_cached(chunk, loaded);
                });
            }
            // The listing, taken here if its thread failed.
            let _ = listing_job.join();
            if listed.get().is_none() {
                let _ = listed.set(self.listing());
            }
            match from {
                Ok(in_cache) => {
                    intake.listing_in(loaded);
                    usage.reused = intake.covered_count;
                    usage.stale = usage.reused != in_cache;
                }
                Err(why) => {
                    intake.forget_cached(loaded);
                    intake.listing_in(loaded);
                    usage.ignored = Some(why);
                    usage.stale = true;
                }
            }
        });
        let all_covered = intake.covered_count == intake.covered.len();
        let covered = intake.covered;
        let listing = listed.into_inner().unwrap_or_default();
        let mut to_read: Vec<Vec<PathBuf>> = vec![Vec::new(); RecordKind::ALL.len()];
        // Nothing to look for when the cache gave every file listed.
        if !all_covered {
            for (key, listed) in &listing.files {
                if !covered.get(listed.at as usize).copied().unwrap_or(false)
                    && let Some(kind) = RecordKind::ALL.iter().position(|k| *k == listed.kind)
                {
                    to_read[kind].push(PathBuf::from(key));
                }
            }
        }
        for (kind, mut paths) in RecordKind::ALL.into_iter().zip(to_read) {
            // In a fixed order, so which of two copies of a record is
            // reported does not depend on the listing's.
            paths.sort_unstable();
            usage.parsed += paths.len();
            let parsed = read_parallel(self, kind, paths, &progress.done);
            // A file that parses cleanly now, and is not in the cache, is
            // worth a new cache; one with problems is read every time anyway.
            for (record, state, notes) in parsed.iter().flatten() {
                if notes.is_empty()
                    && let Some(fresh) = cache::Fresh::of(record, state)
                {
                    loaded.fresh.push(fresh);
                }
            }
            usage.stale |= !loaded.fresh.is_empty();
            for result in parsed {
                self.take(result, loaded);
            }
        }
        loaded.records.sort();
        loaded.problems.sort_by(|a, b| a.path.cmp(&b.path));
        // A folder table worth writing is written with the cache.
        usage.stale |= listing.folders_stale;
        loaded.cache = usage;
        loaded.listing = listing;
    }

    /// Puts one read record in its list. Two files with one id: the one
    /// changed later is shown, and the other reported (a copy, e.g. from a
    /// crash in the middle of moving an entry to another day).
    fn take(&self, result: ReadResult<AnyRecord>, loaded: &mut Loaded) {
        let (record, state, mut notes) = match result {
            Ok(read) => read,
            Err(problem) => {
                loaded.problems.push(problem);
                return;
            }
        };
        loaded.problems.append(&mut notes);
        let first = match loaded.files.entry(record.id().clone()) {
            std::collections::hash_map::Entry::Vacant(place) => {
                place.insert(state);
                put(&mut loaded.records, record);
                return;
            }
            std::collections::hash_map::Entry::Occupied(first) => first.get().clone(),
        };
        // A copy (rare): the record first read is looked for in the lists.
        let earlier = take_out(&mut loaded.records, record.id());
        let newer = updated_of(&record) > earlier.as_ref().and_then(updated_of);
        let (kept, copy) = if newer {
            (state.rel_path.clone(), first.rel_path.clone())
        } else {
            (first.rel_path.clone(), state.rel_path.clone())
        };
        loaded.problems.push(Problem {
            path: self.dir.join(&copy),
            severity: Severity::Warning,
            message: format!(
                "has the same id as {} (a copy?); only that one, changed later, is shown. \
                 Choose which to keep with `starlog sync --conflicts`, or V in the app",
                kept.display()
            ),
        });
        if newer {
            loaded.files.insert(record.id().clone(), state);
            put(&mut loaded.records, record);
        } else if let Some(earlier) = earlier {
            put(&mut loaded.records, earlier);
        }
    }

    fn check_writable(&self) -> Result<(), SaveError> {
        if self.mode == Mode::ReadOnly {
            Err(SaveError::ReadOnly)
        } else {
            Ok(())
        }
    }

    /// Saves a new record; never replaces an existing file.
    pub fn create<T: StoredRecord>(&self, record: &T) -> Result<FileState, SaveError> {
        self.check_writable()?;
        check_size(record)?;
        let rel_path = record.rel_path();
        let path = self.dir.join(&rel_path);
        let bytes = codec::encode(record)
            .map_err(|e| SaveError::Encode(e.to_string()))?
            .into_bytes();
        if let Err(source) = self.ensure_parent(&path) {
            return Err(SaveError::Io { path, source });
        }
        match fsio::create_new_atomic(&path, &bytes) {
            Ok(()) => Ok(FileState {
                rel_path,
                hash: content_hash(&bytes),
                protected: None,
            }),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                Err(SaveError::AlreadyExists(path))
            }
            Err(source) => Err(SaveError::Io { path, source }),
        }
    }

    /// Saves a record: new (`known` is `None`) or a replacement of the file
    /// it was loaded from. The previous version goes to `backups/`.
    pub fn save<T: StoredRecord>(
        &self,
        record: &T,
        known: Option<&FileState>,
    ) -> Result<FileState, SaveError> {
        let Some(known) = known else {
            return self.create(record);
        };
        self.check_writable()?;
        check_size(record)?;
        if T::IMMUTABLE {
            return Err(SaveError::Immutable(self.dir.join(&known.rel_path)));
        }
        let bytes = codec::encode(record)
            .map_err(|e| SaveError::Encode(e.to_string()))?
            .into_bytes();
        let rel_path = record.rel_path();
        // Moving to a name that already holds this same record (a copy left
        // by a crash between the two steps of an earlier move) replaces that
        // copy, after backing it up; any other file there is never touched.
        let copy_at_new_name = rel_path != known.rel_path
            && fs::read(self.dir.join(&rel_path))
                .ok()
                .and_then(|b| codec::decode::<T>(&b).ok())
                .is_some_and(|d| d.record.id() == record.id());
        self.replace(
            &rel_path,
            &bytes,
            known,
            (T::KIND.dir(), record.id().as_str()),
            copy_at_new_name,
        )
    }

    /// Saves any record (see `save`).
    pub fn save_any(
        &self,
        record: &AnyRecord,
        known: Option<&FileState>,
    ) -> Result<FileState, SaveError> {
        match record {
            AnyRecord::Diary(r) => self.save(r, known),
            AnyRecord::Need(r) => self.save(r, known),
            AnyRecord::Objective(r) => self.save(r, known),
            AnyRecord::Activity(r) => self.save(r, known),
            AnyRecord::Feedback(r) => self.save(r, known),
            AnyRecord::Kpi(r) => self.save(r, known),
            AnyRecord::Review(r) => self.save(r, known),
            AnyRecord::Evidence(r) => self.save(r, known),
            AnyRecord::Witness(r) => self.save(r, known),
            AnyRecord::SignOff(r) => self.save(r, known),
            AnyRecord::Practice(r) => self.save(r, known),
            AnyRecord::Coaching(r) => self.save(r, known),
        }
    }

    /// Reads one record file of a known kind.
    pub fn read_any(
        &self,
        kind: RecordKind,
        rel_path: &Path,
    ) -> Result<(AnyRecord, FileState, Vec<Problem>), Problem> {
        fn wrap<T>(
            r: Result<(T, FileState, Vec<Problem>), Problem>,
            f: fn(T) -> AnyRecord,
        ) -> Result<(AnyRecord, FileState, Vec<Problem>), Problem> {
            r.map(|(rec, state, problems)| (f(rec), state, problems))
        }
        match kind {
            RecordKind::Diary => wrap(self.read_record(rel_path), AnyRecord::Diary),
            RecordKind::Need => wrap(self.read_record(rel_path), AnyRecord::Need),
            RecordKind::Objective => wrap(self.read_record(rel_path), AnyRecord::Objective),
            RecordKind::Activity => wrap(self.read_record(rel_path), AnyRecord::Activity),
            RecordKind::Feedback => wrap(self.read_record(rel_path), AnyRecord::Feedback),
            RecordKind::Kpi => wrap(self.read_record(rel_path), AnyRecord::Kpi),
            RecordKind::Review => wrap(self.read_record(rel_path), AnyRecord::Review),
            RecordKind::Evidence => wrap(self.read_record(rel_path), AnyRecord::Evidence),
            RecordKind::Witness => wrap(self.read_record(rel_path), AnyRecord::Witness),
            RecordKind::SignOff => wrap(self.read_record(rel_path), AnyRecord::SignOff),
            RecordKind::Practice => wrap(self.read_record(rel_path), AnyRecord::Practice),
            RecordKind::Coaching => wrap(self.read_record(rel_path), AnyRecord::Coaching),
        }
    }

    /// Saves the workspace header.
    pub fn save_header(
        &self,
        header: &WorkspaceHeader,
        known: Option<&FileState>,
    ) -> Result<FileState, SaveError> {
        self.check_writable()?;
        check_size(header)?;
        let bytes = codec::encode(header)
            .map_err(|e| SaveError::Encode(e.to_string()))?
            .into_bytes();
        let rel_path = PathBuf::from(HEADER_FILE);
        match known {
            Some(known) => self.replace(&rel_path, &bytes, known, ("workspace", "header"), false),
            // No header was there when loaded: create one, but never over a
            // header another program wrote since (it may be a newer format).
            None => {
                let path = self.dir.join(&rel_path);
                fsio::create_new_atomic(&path, &bytes).map_err(|source| {
                    if source.kind() == io::ErrorKind::AlreadyExists {
                        SaveError::AlreadyExists(path.clone())
                    } else {
                        SaveError::Io {
                            path: path.clone(),
                            source,
                        }
                    }
                })?;
                Ok(FileState {
                    rel_path,
                    hash: content_hash(&bytes),
                    protected: None,
                })
            }
        }
    }

    fn replace(
        &self,
        rel_path: &Path,
        bytes: &[u8],
        known: &FileState,
        (backup_group, backup_name): (&str, &str),
        copy_at_new_name: bool,
    ) -> Result<FileState, SaveError> {
        let old_path = self.dir.join(&known.rel_path);
        if let Some(reason) = &known.protected {
            return Err(SaveError::Protected {
                path: old_path,
                reason: reason.clone(),
            });
        }
        // Never back up or replace through a link out of the workspace.
        self.ensure_parent(&old_path)
            .map_err(|source| SaveError::Io {
                path: old_path.clone(),
                source,
            })?;
        let on_disk = match fs::read(&old_path) {
            Ok(current) => {
                if content_hash(&current) != known.hash {
                    return Err(SaveError::ChangedOnDisk(old_path));
                }
                true
            }
            // Gone (deleted by hand): saving brings the learner's text back.
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(source) => {
                return Err(SaveError::Io {
                    path: old_path,
                    source,
                });
            }
        };
        if on_disk {
            self.backup(&old_path, backup_group, backup_name)
                .map_err(|source| SaveError::Io {
                    path: self.dir.join(BACKUP_DIR),
                    source,
                })?;
        }
        let new_path = self.dir.join(rel_path);
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| SaveError::Io { path, source }
        };
        self.ensure_parent(&new_path).map_err(io_err(&new_path))?;
        if new_path == old_path {
            fsio::write_atomic(&new_path, bytes).map_err(io_err(&new_path))?;
        } else {
            // The name changed (e.g. a diary entry moved to another day):
            // write the new file first, then drop the old name (already backed up).
            if copy_at_new_name {
                self.backup(&new_path, backup_group, backup_name)
                    .map_err(io_err(&new_path))?;
                fsio::write_atomic(&new_path, bytes).map_err(io_err(&new_path))?;
            } else {
                fsio::create_new_atomic(&new_path, bytes).map_err(io_err(&new_path))?;
            }
            if on_disk {
                fs::remove_file(&old_path).map_err(io_err(&old_path))?;
                if let Some(parent) = old_path.parent() {
                    fsio::sync_dir(parent).map_err(io_err(parent))?;
                }
            }
        }
        Ok(FileState {
            rel_path: rel_path.to_path_buf(),
            hash: content_hash(bytes),
            protected: None,
        })
    }

    /// Keeps the current version of a file in `backups/<group>/<name>/` (a hard
    /// link where the file system allows, else a copy), and prunes old ones.
    fn backup(&self, path: &Path, group: &str, name: &str) -> io::Result<()> {
        let dir = self.dir.join(BACKUP_DIR).join(group).join(name);
        // A linked backup folder would have pruning delete files elsewhere.
        fsio::ensure_dir_within(&self.dir, &dir)?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ").to_string();
        // Two backups in one microsecond (a moved record and its copy) get
        // `~2`, `~3`...: after the first in name order, so pruning stays right.
        let mut target = dir.join(format!("{stamp}.ron"));
        let mut n = 1;
        while target.exists() {
            n += 1;
            target = dir.join(format!("{stamp}~{n}.ron"));
        }
        if fs::hard_link(path, &target).is_err() {
            let bytes = fs::read(path)?;
            fsio::create_new_atomic(&target, &bytes)?;
        }
        prune_backups(&dir, BACKUPS_KEPT)
    }

    /// Moves a record file to `trash/` (same layout). Returns where it went, for undo.
    pub fn trash(&self, rel_path: &Path) -> Result<PathBuf, SaveError> {
        self.trash_with(rel_path, true)
    }

    /// Moves a record file to `trash/`; its attached files too when
    /// `with_files` (an evidence record's version dropped in favour of
    /// another keeps them where they are, for the version kept).
    pub(crate) fn trash_with(
        &self,
        rel_path: &Path,
        with_files: bool,
    ) -> Result<PathBuf, SaveError> {
        self.check_writable()?;
        // A held review is never changed, and never thrown away either.
        if rel_path.starts_with(RecordKind::Review.dir()) {
            return Err(SaveError::Immutable(self.dir.join(rel_path)));
        }
        let from = self.dir.join(rel_path);
        // A sync's conflict copy (`.txt`) waits in the trash as `.ron`, so
        // the Trash view lists it with the records.
        let stem = rel_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("record");
        let mut to_rel =
            PathBuf::from(TRASH_DIR).join(rel_path.with_file_name(format!("{stem}.ron")));
        let mut n = 1;
        while self.dir.join(&to_rel).exists() {
            n += 1;
            let name = format!("{stem}~{n}.ron");
            to_rel = PathBuf::from(TRASH_DIR).join(rel_path.with_file_name(name));
        }
        let to = self.dir.join(&to_rel);
        self.move_file(&from, &to)
            .map_err(|source| SaveError::Io { path: from, source })?;
        // An evidence record's attached file goes with it, and comes back with it.
        if with_files
            && let (Some(files), Some(to_files)) =
                (attached_folder(rel_path), attached_folder(&to_rel))
        {
            let (files, to_files) = (self.dir.join(files), self.dir.join(to_files));
            if fs::symlink_metadata(&files).is_ok_and(|m| m.is_dir()) && !to_files.exists() {
                self.move_file(&files, &to_files)
                    .map_err(|source| SaveError::Io {
                        path: files,
                        source,
                    })?;
            }
        }
        // For `u` after a restart. The file is in the trash whatever happens
        // here (the Trash view lists it), so a log that cannot be written
        // costs only the undo across a restart.
        let _ = self.log_deletion(&to_rel, rel_path);
        Ok(to_rel)
    }

    /// Moves a trashed file back to where it was.
    pub fn restore(&self, trash_rel: &Path, original_rel: &Path) -> Result<(), SaveError> {
        self.check_writable()?;
        let to = self.dir.join(original_rel);
        if to.exists() {
            return Err(SaveError::AlreadyExists(to));
        }
        let from = self.dir.join(trash_rel);
        self.move_file(&from, &to)
            .map_err(|source| SaveError::Io { path: from, source })?;
        if let (Some(files), Some(trashed)) =
            (attached_folder(original_rel), attached_folder(trash_rel))
        {
            let (files, trashed) = (self.dir.join(files), self.dir.join(trashed));
            if fs::symlink_metadata(&trashed).is_ok_and(|m| m.is_dir()) && !files.exists() {
                self.move_file(&trashed, &files)
                    .map_err(|source| SaveError::Io {
                        path: trashed,
                        source,
                    })?;
            }
        }
        // Back in its place: no longer something `u` could undo.
        let _ = self.forget_deletion(trash_rel);
        Ok(())
    }

    /// Makes sure the folder holding `path` is a real folder of this
    /// workspace (created if missing), never a link leading elsewhere.
    pub(crate) fn ensure_parent(&self, path: &Path) -> io::Result<()> {
        match path.parent() {
            Some(parent) => fsio::ensure_dir_within(&self.dir, parent),
            None => Ok(()),
        }
    }

    fn move_file(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.ensure_parent(from)?;
        self.ensure_parent(to)?;
        move_file(from, to)
    }
}

/// `evidence/<id>` for the record file `evidence/<id>.ron` (also under
/// `trash/`, where the name may be `<id>~2.ron`): the folder of its file.
fn attached_folder(rel: &Path) -> Option<PathBuf> {
    let in_trash = rel.starts_with(TRASH_DIR);
    let inner = if in_trash {
        rel.strip_prefix(TRASH_DIR).ok()?
    } else {
        rel
    };
    let mut parts = inner.components();
    let folder = parts.next()?.as_os_str();
    let name = parts.next()?.as_os_str().to_str()?;
    if folder != RecordKind::Evidence.dir() || parts.next().is_some() {
        return None;
    }
    let stem = name.strip_suffix(".ron")?;
    Some(rel.with_file_name(stem))
}

fn move_file(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)?;
    if let Some(parent) = to.parent() {
        fsio::sync_dir(parent)?;
    }
    if let Some(parent) = from.parent() {
        fsio::sync_dir(parent)?;
    }
    Ok(())
}

fn prune_backups(dir: &Path, keep: usize) -> io::Result<()> {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    if names.len() <= keep {
        return Ok(());
    }
    names.sort();
    for old in &names[..names.len() - keep] {
        fs::remove_file(old)?;
    }
    Ok(())
}

/// Sorts diary paths by file name, newest first: `YYYY-MM-DD-<id>.ron`
/// orders by day, then by creation. The key is built once per file.
fn sort_names_newest_first(paths: &mut [PathBuf]) {
    paths.sort_by_cached_key(|p| std::cmp::Reverse(p.file_name().map(|n| n.to_os_string())));
}

/// Tidying a workspace folder, away from its `Workspace` (see `tidy_job`).
#[derive(Debug)]
pub struct TidyJob {
    dir: PathBuf,
}

impl TidyJob {
    pub fn run(self) -> io::Result<Tidied> {
        let mut report = Tidied::default();
        let cutoff = std::time::SystemTime::now() - STALE_TEMP_AGE;
        tidy_dir(&self.dir, cutoff, &mut report)?;
        Ok(report)
    }
}

/// What [`Workspace::tidy`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tidied {
    pub temps_removed: usize,
    pub made_private: usize,
}

fn tidy_dir(dir: &Path, cutoff: std::time::SystemTime, report: &mut Tidied) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if kind.is_dir() {
            if fsio::make_private(&path).unwrap_or(false) {
                report.made_private += 1;
            }
            tidy_dir(&path, cutoff, report)?;
        } else if kind.is_file() && fsio::is_temp_name(&name) {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .map(|t| t < cutoff)
                .unwrap_or(true);
            if old && fs::remove_file(&path).is_ok() {
                report.temps_removed += 1;
            }
        } else if kind.is_file() && fsio::make_private(&path).unwrap_or(false) {
            report.made_private += 1;
        }
    }
    Ok(())
}

/// Collects `*.ron` files under `dir/rel` up to `depth` levels, skipping temp
/// files and anything that is not a plain file.
pub(crate) fn collect_ron_files(root: &Path, rel: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(root.join(rel)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth > 1 && !name.starts_with('.') {
            collect_ron_files(root, &rel.join(name), depth - 1, out);
        } else if kind.is_file() && name.ends_with(".ron") && !name.starts_with('.') {
            out.push(rel.join(name));
        }
    }
}

type ReadResult<T> = Result<(T, FileState, Vec<Problem>), Problem>;

/// When a record was last changed, for the kinds that keep it.
fn updated_of(record: &AnyRecord) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    match record {
        AnyRecord::Diary(r) => r.updated(),
        AnyRecord::Need(r) => r.updated(),
        AnyRecord::Objective(r) => r.updated(),
        AnyRecord::Activity(r) => r.updated(),
        AnyRecord::Feedback(r) => r.updated(),
        AnyRecord::Kpi(r) => r.updated(),
        AnyRecord::Review(r) => r.updated(),
        AnyRecord::Evidence(r) => r.updated(),
        AnyRecord::Witness(r) => r.updated(),
        AnyRecord::SignOff(r) => r.updated(),
        AnyRecord::Practice(r) => r.updated(),
        AnyRecord::Coaching(r) => r.updated(),
    }
}

/// What a load has taken from the cache so far (see `load_records`).
struct Intake<'a> {
    ws: &'a Workspace,
    /// The record files found, once the listing is done.
    listed: &'a std::sync::OnceLock<cache::Listing>,
    /// The listing is in and what came before it has been checked.
    ready: bool,
    /// Which listed files the cache covered, by their place in the listing
    /// (empty until the listing is in), and how many.
    covered: Vec<bool>,
    covered_count: usize,
    /// Records put in their lists before the listing was in, to be checked
    /// against it: their id, their file's key and what identified the file
    /// when cached. (Their file state gets its path once checked.)
    unchecked: Vec<(Id, String, cache::Stamp)>,
    /// Records that came before the listing with an id already taken: put
    /// in through `Workspace::take` (which keeps one of two copies) once
    /// both are checked.
    held: Vec<cache::Cached>,
    /// The problems the load had before the cache's records came.
    problems_before: usize,
    progress: &'a LoadProgress,
}

impl<'a> Intake<'a> {
    /// Nothing taken yet; `problems_before` is how many problems the load
    /// had before the cache's records came (kept if the cache is let go of).
    fn new(
        ws: &'a Workspace,
        listed: &'a std::sync::OnceLock<cache::Listing>,
        problems_before: usize,
        progress: &'a LoadProgress,
    ) -> Intake<'a> {
        Intake {
            ws,
            listed,
            ready: false,
            covered: Vec::new(),
            covered_count: 0,
            unchecked: Vec::new(),
            held: Vec::new(),
            problems_before,
            progress,
        }
    }

    /// Puts each cached record in its list, emptying `chunk`: checked
    /// against the listing when it is in, and otherwise for now.
    fn take_cached(&mut self, chunk: &mut Vec<cache::Cached>, loaded: &mut Loaded) {
        if !self.ready && self.listed.get().is_some() {
            self.listing_in(loaded);
        }
        let listing = self.listed.get().filter(|_| self.ready);
        let mut taken = 0;
        for mut item in chunk.drain(..) {
            if item.checked == cache::Checked::NotYet
                && let Some(listing) = listing
            {
                item.checked = listing.check(&item.key, &item.stamp);
            }
            match item.checked {
                cache::Checked::Changed => {}
                cache::Checked::Listed { at, private } => {
                    if self.take_checked(item, at, private, loaded) {
                        taken += 1;
                    }
                }
                cache::Checked::NotYet => match loaded.files.entry(item.record.id().clone()) {
                    std::collections::hash_map::Entry::Occupied(_) => self.held.push(item),
                    std::collections::hash_map::Entry::Vacant(place) => {
                        self.unchecked
                            .push((place.key().clone(), item.key, item.stamp));
                        place.insert(FileState {
                            rel_path: PathBuf::new(),
                            hash: item.hash,
                            protected: None,
                        });
                        put(&mut loaded.records, item.record);
                        taken += 1;
                    }
                },
            }
        }
        self.progress
            .done
            .fetch_add(taken, std::sync::atomic::Ordering::Relaxed);
    }

    /// Puts in a record whose file is listed at `at` as it was cached,
    /// unless the cache gave that file already. Whether it was put in.
    fn take_checked(
        &mut self,
        item: cache::Cached,
        at: u32,
        private: bool,
        loaded: &mut Loaded,
    ) -> bool {
        if !self.cover(at) {
            return false;
        }
        let rel_path = PathBuf::from(item.key);
        let notes = self.privacy_note(private, &rel_path).into_iter().collect();
        let state = FileState {
            rel_path,
            hash: item.hash,
            protected: None,
        };
        self.ws.take(Ok((item.record, state, notes)), loaded);
        true
    }

    /// Marks the listed file at `at` as given by the cache; false when the
    /// cache gave it already (it holds that file twice: once is enough).
    fn cover(&mut self, at: u32) -> bool {
        let first = self
            .covered
            .get_mut(at as usize)
            .is_some_and(|seen| !std::mem::replace(seen, true));
        self.covered_count += usize::from(first);
        first
    }

    /// The note on a record file others can read (not `private` when
    /// listed), when the load may write.
    fn privacy_note(&self, private: bool, rel_path: &Path) -> Option<Problem> {
        if !private && self.ws.mode == Mode::Write {
            self.ws.privacy_note(&self.ws.dir.join(rel_path))
        } else {
            None
        }
    }

    /// Once the listing is in (the first time): makes room for the records
    /// listed, checks the records taken before it, takes out those whose
    /// file changed, and puts in the ones held back.
    fn listing_in(&mut self, loaded: &mut Loaded) {
        if self.ready {
            return;
        }
        let Some(listing) = self.listed.get() else {
            return;
        };
        self.ready = true;
        self.progress
            .total
            .store(listing.files.len(), std::sync::atomic::Ordering::Relaxed);
        self.covered = vec![false; listing.files.len()];
        // Each list is made as long as it will be at once: no list grows
        // by doubling further, and no record is moved through a list of all.
        reserve_listed(loaded, listing);
        let mut changed = std::collections::HashSet::new();
        for (id, key, stamp) in std::mem::take(&mut self.unchecked) {
            let cache::Checked::Listed { at, private } = listing.check(&key, &stamp) else {
                changed.insert(id);
                continue;
            };
            if !self.cover(at) {
                changed.insert(id);
                continue;
            }
            let rel_path = PathBuf::from(key);
            if let Some(note) = self.privacy_note(private, &rel_path) {
                loaded.problems.push(note);
            }
            if let Some(state) = loaded.files.get_mut(&id) {
                state.rel_path = rel_path;
            }
        }
        if !changed.is_empty() {
            // Rare: a file changed since the cache was written (its new
            // content is read from the file).
            for id in &changed {
                loaded.files.remove(id);
            }
            loaded.records.retain_ids(|id| !changed.contains(id));
            self.progress
                .done
                .fetch_sub(changed.len(), std::sync::atomic::Ordering::Relaxed);
        }
        let mut held = std::mem::take(&mut self.held);
        self.take_cached(&mut held, loaded);
    }

    /// Makes room in `loaded` for the records the cache says it holds
    /// (see [`cache::counts`]).
    fn make_room(&self, counts: &cache::Counts, loaded: &mut Loaded) {
        let total = usize::try_from(counts.total()).unwrap_or(usize::MAX);
        reserve(loaded, total, |kind| counts.of(kind));
    }

    /// Forgets every record taken from a cache that turned out flawed
    /// further on: the files are read instead.
    fn forget_cached(&mut self, loaded: &mut Loaded) {
        self.covered.fill(false);
        self.covered_count = 0;
        self.unchecked.clear();
        self.held.clear();
        if loaded.files.is_empty() {
            return;
        }
        loaded.records = Records::default();
        loaded.files.clear();
        loaded.problems.truncate(self.problems_before);
        if let Some(listing) = self.listed.get().filter(|_| self.ready) {
            reserve_listed(loaded, listing);
        }
        self.progress
            .done
            .store(0, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Makes room in each list of `records` for the files of its kind listed
/// (counting the records it holds already).
/// Makes room in `loaded` for every record file of `listing`.
fn reserve_listed(loaded: &mut Loaded, listing: &cache::Listing) {
    let mut counts = [0usize; RecordKind::ALL.len()];
    for listed in listing.files.values() {
        if let Some(i) = RecordKind::ALL.iter().position(|k| *k == listed.kind) {
            counts[i] += 1;
        }
    }
    reserve(loaded, listing.files.len(), |kind| {
        RecordKind::ALL
            .iter()
            .position(|k| *k == kind)
            .map_or(0, |i| counts[i])
    });
}

/// Makes room in `loaded` for `total` records, `count(kind)` of each kind.
fn reserve(loaded: &mut Loaded, total: usize, count: impl Fn(RecordKind) -> usize) {
    // Room for `total` in all: a list may hold some records already. Only
    // a help: short of memory, a list grows as it fills instead.
    fn room<T>(list: &mut Vec<T>, total: usize) {
        let _ = list.try_reserve_exact(total.saturating_sub(list.len()));
    }
    let records = &mut loaded.records;
    room(&mut records.diary, count(RecordKind::Diary));
    room(&mut records.needs, count(RecordKind::Need));
    room(&mut records.objectives, count(RecordKind::Objective));
    room(&mut records.activities, count(RecordKind::Activity));
    room(&mut records.feedback, count(RecordKind::Feedback));
    room(&mut records.kpis, count(RecordKind::Kpi));
    room(&mut records.reviews, count(RecordKind::Review));
    room(&mut records.evidence, count(RecordKind::Evidence));
    room(&mut records.witnesses, count(RecordKind::Witness));
    room(&mut records.signoffs, count(RecordKind::SignOff));
    room(&mut records.practice, count(RecordKind::Practice));
    room(&mut records.coaching, count(RecordKind::Coaching));
    let _ = loaded
        .files
        .try_reserve(total.saturating_sub(loaded.files.len()));
}

/// Puts a record at the end of its list.
fn put(records: &mut Records, record: AnyRecord) {
    match record {
        AnyRecord::Diary(r) => records.diary.push(r),
        AnyRecord::Need(r) => records.needs.push(r),
        AnyRecord::Objective(r) => records.objectives.push(r),
        AnyRecord::Activity(r) => records.activities.push(r),
        AnyRecord::Feedback(r) => records.feedback.push(r),
        AnyRecord::Kpi(r) => records.kpis.push(r),
        AnyRecord::Review(r) => records.reviews.push(r),
        AnyRecord::Evidence(r) => records.evidence.push(r),
        AnyRecord::Witness(r) => records.witnesses.push(r),
        AnyRecord::SignOff(r) => records.signoffs.push(r),
        AnyRecord::Practice(r) => records.practice.push(r),
        AnyRecord::Coaching(r) => records.coaching.push(r),
    }
}

/// Takes the record with `id` out of whichever list holds it (the lists
/// are sorted once all is read, so the order left does not matter).
fn take_out(records: &mut Records, id: &Id) -> Option<AnyRecord> {
    fn out<T: StoredRecord>(list: &mut Vec<T>, id: &Id) -> Option<T> {
        let at = list.iter().position(|r| r.id() == id)?;
        Some(list.swap_remove(at))
    }
    None.or_else(|| out(&mut records.diary, id).map(AnyRecord::Diary))
        .or_else(|| out(&mut records.needs, id).map(AnyRecord::Need))
        .or_else(|| out(&mut records.objectives, id).map(AnyRecord::Objective))
        .or_else(|| out(&mut records.activities, id).map(AnyRecord::Activity))
        .or_else(|| out(&mut records.feedback, id).map(AnyRecord::Feedback))
        .or_else(|| out(&mut records.kpis, id).map(AnyRecord::Kpi))
        .or_else(|| out(&mut records.reviews, id).map(AnyRecord::Review))
        .or_else(|| out(&mut records.evidence, id).map(AnyRecord::Evidence))
        .or_else(|| out(&mut records.witnesses, id).map(AnyRecord::Witness))
        .or_else(|| out(&mut records.signoffs, id).map(AnyRecord::SignOff))
        .or_else(|| out(&mut records.practice, id).map(AnyRecord::Practice))
        .or_else(|| out(&mut records.coaching, id).map(AnyRecord::Coaching))
}

/// Reads files on every core; with a warm cache parsing is the cost, not I/O.
fn read_parallel(
    ws: &Workspace,
    kind: RecordKind,
    paths: Vec<PathBuf>,
    progress: &std::sync::atomic::AtomicUsize,
) -> Vec<ReadResult<AnyRecord>> {
    let read = |p: &PathBuf| {
        let result = ws.read_any(kind, p);
        progress.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        result
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    if threads <= 1 || paths.len() < 64 {
        return paths.iter().map(read).collect();
    }
    let chunk = paths.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(read).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                Err(_) => vec![Err(Problem {
                    path: ws.dir.clone(),
                    severity: Severity::Error,
                    message: "a reader thread failed; some records were not read".into(),
                })],
            })
            .collect()
    })
}

/// What listing a kind's folders finds.
#[derive(Default)]
struct Scan {
    found: Vec<Found>,
    /// Each folder read for record files, for the folder table.
    folders: Vec<cache::Folder>,
    /// A folder was read that the folder table could have given.
    stale: bool,
    /// Folders taken from the folder table.
    reused: usize,
}

impl Scan {
    fn append(&mut self, other: Scan) {
        self.found.extend(other.found);
        self.folders.extend(other.folders);
        self.stale |= other.stale;
        self.reused += other.reused;
    }
}

/// The folder table a listing may take folders from ([`cache::Folder`]).
/// Empty, and nothing is noted for a table, where folders are not trusted.
#[derive(Default)]
struct KnownFolders<'a> {
    table: Option<&'a cache::FolderTable>,
    folders: HashMap<&'a str, &'a cache::TableFolder>,
    /// A folder modified after this is not kept in the table; `None`: no
    /// table is kept.
    racy_after: Option<std::time::SystemTime>,
}

impl<'a> KnownFolders<'a> {
    /// The folders of `table`, for a listing started at `taken`.
    fn of(table: &'a cache::FolderTable, taken: std::time::SystemTime) -> KnownFolders<'a> {
        if !cfg!(unix) {
            return KnownFolders::default();
        }
        KnownFolders {
            table: Some(table),
            folders: table
                .folders()
                .iter()
                .map(|f| (f.key.as_str(), f))
                .collect(),
            racy_after: Some(taken - cache::RACY),
        }
    }

    /// The table's entry for the folder `rel`.
    fn get(&self, rel: &str) -> Option<(&'a cache::FolderTable, &'a cache::TableFolder)> {
        Some((self.table?, *self.folders.get(rel)?))
    }
}

/// A record file found by [`collect_stamped`].
struct Found {
    /// Its path relative to the workspace, with `/` between parts.
    key: String,
    stamp: cache::Stamp,
    private: bool,
}

/// [`collect_stamped`] with the sub-folders (a diary's years) shared out
/// between a thread per core: warm, the `stat`s keep every core busy.
/// More threads than cores only take turns with the cache's decoders,
/// which run at the same time, and each costs a stack and an allocator
/// arena to set up. All but the first wait for a UI's first frame
/// (`progress`).
fn collect_stamped_parallel(
    root: &Path,
    rel: &str,
    depth: usize,
    known: &KnownFolders<'_>,
    progress: &LoadProgress,
    out: &mut Scan,
) {
    if depth <= 1 {
        return collect_stamped(root, rel, depth, known, out);
    }
    let Ok(entries) = fs::read_dir(root.join(rel)) else {
        return;
    };
    let mut folders = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if entry.file_type().is_ok_and(|t| t.is_dir()) && !name.starts_with('.') {
            folders.push(format!("{rel}/{name}"));
        }
    }
    // The files in the folder itself (a sub-folder is listed below).
    collect_stamped(root, rel, 1, known, out);
    if folders.len() < 2 {
        for folder in folders {
            collect_stamped(root, &folder, depth - 1, known, out);
        }
        return;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = folders.len().min(cores.clamp(2, 8));
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|thread| {
                let next = &next;
                let folders = &folders;
                scope.spawn(move || {
                    if thread > 0 {
                        progress.wait_for_first_frame();
                    }
                    let mut found = Scan::default();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(folder) = folders.get(i) else { break };
                        collect_stamped(root, folder, depth - 1, known, &mut found);
                    }
                    found
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join()).collect();
        if results.iter().all(Result::is_ok) {
            for scan in results.into_iter().flatten() {
                out.append(scan);
            }
        } else {
            // A lister failed: listed again here rather than lost.
            *out = Scan::default();
            collect_stamped(root, rel, depth, known, out);
        }
    });
}

/// Like `collect_ron_files`, with each file's stamp (taken without
/// following links) for the load cache. `rel` uses `/` between parts.
///
/// A folder listed for its files only (`depth` 1) is taken from the folder
/// table when it has not changed since (see [`cache::Folder`]); otherwise
/// it is read, and noted for the table.
fn collect_stamped(root: &Path, rel: &str, depth: usize, known: &KnownFolders<'_>, out: &mut Scan) {
    let path = root.join(rel);
    let noted = depth == 1 && known.racy_after.is_some();
    if noted
        && let Some((table, folder)) = known.get(rel)
        && list_unchanged(&path, rel, table, folder, out)
    {
        return;
    }
    // Taken before and after the folder is read: a folder changed meanwhile
    // is not kept in the table.
    let before = noted.then(|| fs::metadata(&path).map(|m| cache::Stamp::of(&m)));
    let Ok(entries) = fs::read_dir(&path) else {
        return;
    };
    let mut names = String::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth > 1 && !name.starts_with('.') {
            collect_stamped(root, &format!("{rel}/{name}"), depth - 1, known, out);
        } else if kind.is_file() && name.ends_with(".ron") && !name.starts_with('.') {
            if noted {
                names.push_str(name);
                names.push('/');
            }
            let key = format!("{rel}/{name}");
            // Gone since listed: the read reports it, as without a cache.
            let Ok(meta) = entry.metadata() else {
                out.found.push(Found {
                    key,
                    stamp: cache::Stamp::unknown(),
                    private: true,
                });
                continue;
            };
            out.found.push(Found {
                key,
                stamp: cache::Stamp::of(&meta),
                private: fsio::is_private(&meta),
            });
        }
    }
    if let (Some(Ok(before)), Some(racy_after)) = (before, known.racy_after) {
        let after = fs::metadata(&path).map(|m| cache::Stamp::of(&m));
        let stamp = match after {
            Ok(after) if after == before => before,
            _ => cache::Stamp::unknown(),
        };
        let folder = cache::Folder {
            key: rel.to_string(),
            stamp,
            names,
            from_table: false,
        };
        // The table could give it next time (it lacks it, or it would
        // have been taken from there).
        out.stale |= stamp != cache::Stamp::unknown() && !stamp.modified_after(racy_after);
        out.folders.push(folder);
    }
}

/// Elsewhere folders are always read (see [`cache::Folder`]).
#[cfg(not(unix))]
fn list_unchanged(
    _: &Path,
    _: &str,
    _: &cache::FolderTable,
    _: &cache::TableFolder,
    _: &mut Scan,
) -> bool {
    false
}

/// Lists the folder at `path` (`rel`) from the folder table's `folder`,
/// when the folder on disk has the same stamp: each file named there is
/// looked at on its own, relative to the folder. False, with nothing
/// listed, when the folder changed (it is then read instead).
#[cfg(unix)]
fn list_unchanged(
    path: &Path,
    rel: &str,
    table: &cache::FolderTable,
    folder: &cache::TableFolder,
    out: &mut Scan,
) -> bool {
    use rustix::fs::{AtFlags, FileType, statat};
    let Ok(dir) = fs::File::open(path) else {
        return false;
    };
    let Some(names) = dir
        .metadata()
        .ok()
        .and_then(|meta| table.names_if_unchanged(folder, &meta))
    else {
        return false;
    };
    for name in names.split_terminator('/') {
        let mut key = String::with_capacity(rel.len() + 1 + name.len());
        key.push_str(rel);
        key.push('/');
        key.push_str(name);
        match statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::RegularFile => {
                out.found.push(Found {
                    key,
                    stamp: cache::Stamp::of_stat(&st),
                    private: st.st_mode & 0o777 == 0o600,
                });
            }
            // Replaced by something else, or removed, since the folder was
            // looked at: not a record file, as a read of the folder would say.
            Ok(_) | Err(rustix::io::Errno::NOENT) => {}
            // As a file that could not be looked at in a folder read.
            Err(_) => out.found.push(Found {
                key,
                stamp: cache::Stamp::unknown(),
                private: true,
            }),
        }
    }
    // Its names stay in the table (taken from there if it is written again).
    out.folders.push(cache::Folder {
        key: rel.to_string(),
        stamp: folder.stamp,
        names: String::new(),
        from_table: true,
    });
    out.reused += 1;
    true
}

#[cfg(test)]
mod intake_tests {
    //! The load takes cached records in before the folders are listed; these
    //! drive that by hand, so each order of events is tested, not only the
    //! one a fast machine happens to produce.
    use super::*;
    use cache::{Cached, Checked, Listing, Stamp};
    use chrono::{DateTime, NaiveDate};
    use std::sync::OnceLock;

    fn entry(id: &Id, updated: &str, situation: &str) -> AnyRecord {
        let when = DateTime::parse_from_rfc3339(updated).expect("valid time");
        let mut e = DiaryEntry::new(
            id.clone(),
            NaiveDate::from_ymd_opt(2026, 11, 2).expect("day"),
            when,
        );
        e.situation = situation.into();
        AnyRecord::Diary(e)
    }

    /// A cached diary entry of file `key` (`len` bytes), last changed on
    /// `day` November 2026.
    fn diary(key: &str, len: u64, id: &Id, day: u32, situation: &str) -> Cached {
        let updated = format!("2026-11-{day:02}T09:00:00Z");
        cached(key, len, entry(id, &updated, situation))
    }

    fn cached(key: &str, len: u64, record: AnyRecord) -> Cached {
        Cached {
            key: key.into(),
            stamp: Stamp::of_len(len),
            hash: len,
            record,
            checked: Checked::NotYet,
        }
    }

    fn listing(files: &[(&str, u64)]) -> Listing {
        let mut listing = Listing::default();
        for (key, len) in files {
            listing.add(
                key.to_string(),
                RecordKind::Diary,
                Stamp::of_len(*len),
                true,
            );
        }
        listing
    }

    /// What an intake works beside: a workspace, the listing still to come
    /// and the load's count.
    struct Around {
        _root: tempfile::TempDir,
        ws: Workspace,
        listed: OnceLock<Listing>,
        progress: LoadProgress,
    }

    impl Around {
        fn new() -> Around {
            let root = tempfile::tempdir().expect("temp dir");
            let ws = Workspace::open(root.path(), "w", Mode::Write).expect("opens");
            Around {
                _root: root,
                ws,
                listed: OnceLock::new(),
                progress: LoadProgress::default(),
            }
        }

        fn intake(&self) -> Intake<'_> {
            Intake::new(&self.ws, &self.listed, 0, &self.progress)
        }
    }

    /// Feeds `before` as chunks that came before the listing was in, then
    /// the listing, then `after`; returns what was loaded and which listed
    /// files count as covered by the cache.
    fn intake(
        before: Vec<Cached>,
        files: &[(&str, u64)],
        after: Vec<Cached>,
    ) -> (Loaded, Vec<bool>, usize) {
        let around = Around::new();
        let mut loaded = Loaded::default();
        let mut intake = around.intake();
        intake.take_cached(&mut before.into_iter().collect(), &mut loaded);
        around.listed.set(listing(files)).expect("set once");
        intake.take_cached(&mut after.into_iter().collect(), &mut loaded);
        intake.listing_in(&mut loaded);
        let covered = intake.covered;
        let done = around
            .progress
            .done
            .load(std::sync::atomic::Ordering::Relaxed);
        (loaded, covered, done)
    }

    /// The cache's end mark says how many records of each kind it holds:
    /// records taken in before the listing go into a list made that long at
    /// once, not one that grows by doubling (each time copied whole, and at
    /// its end up to twice as long as needed).
    #[test]
    fn records_taken_before_the_listing_fill_a_list_made_long_enough_at_once() {
        let around = Around::new();
        let mut loaded = Loaded::default();
        let mut intake = around.intake();
        let many = 300;
        let mut counts = cache::Counts::default();
        for _ in 0..many {
            counts.add(RecordKind::Diary);
        }
        intake.make_room(&counts, &mut loaded);
        let list = loaded.records.diary.as_ptr();
        let mut chunk: Vec<Cached> = (0..many)
            .map(|i| diary(&format!("diary/2026/{i}.ron"), 10, &Id::generate(), 2, "s"))
            .collect();
        intake.take_cached(&mut chunk, &mut loaded);
        assert_eq!(loaded.records.diary.len(), many);
        assert_eq!(
            loaded.records.diary.capacity(),
            many,
            "made as long as needed"
        );
        assert_eq!(loaded.records.diary.as_ptr(), list, "never moved");
    }

    fn situations(loaded: &Loaded) -> Vec<&str> {
        let mut all: Vec<&str> = loaded
            .records
            .diary
            .iter()
            .map(|e| e.situation.as_str())
            .collect();
        all.sort();
        all
    }

    #[test]
    fn a_record_taken_before_the_listing_whose_file_changed_is_taken_out_again() {
        let (a, b, c) = (Id::generate(), Id::generate(), Id::generate());
        let before = vec![
            diary("diary/2026/a.ron", 10, &a, 2, "kept"),
            diary("diary/2026/b.ron", 20, &b, 2, "edited since"),
            diary("diary/2026/c.ron", 30, &c, 2, "deleted since"),
        ];
        // b.ron is listed with another size: edited since it was cached.
        let (loaded, covered, done) = intake(
            before,
            &[("diary/2026/a.ron", 10), ("diary/2026/b.ron", 21)],
            vec![],
        );
        assert_eq!(situations(&loaded), ["kept"]);
        assert_eq!(loaded.files.len(), 1);
        assert!(loaded.files.contains_key(&a));
        // b.ron is left uncovered, so the load reads its new content.
        assert_eq!(covered, [true, false]);
        assert_eq!(
            done, 1,
            "the count goes back down for the records taken out"
        );
    }

    #[test]
    fn records_before_and_after_the_listing_are_both_checked() {
        let (a, b) = (Id::generate(), Id::generate());
        let before = vec![diary("diary/2026/a.ron", 10, &a, 2, "before")];
        let after = vec![
            diary("diary/2026/b.ron", 20, &b, 2, "after"),
            diary("diary/2026/gone.ron", 5, &Id::generate(), 2, "gone"),
        ];
        let (loaded, covered, _) = intake(
            before,
            &[("diary/2026/a.ron", 10), ("diary/2026/b.ron", 20)],
            after,
        );
        assert_eq!(situations(&loaded), ["after", "before"]);
        assert_eq!(covered, [true, true]);
        // The save guard knows each record's file, whichever side of the
        // listing it came in on.
        let path = |id: &Id| loaded.files.get(id).map(|state| state.rel_path.clone());
        assert_eq!(path(&a), Some(PathBuf::from("diary/2026/a.ron")));
        assert_eq!(path(&b), Some(PathBuf::from("diary/2026/b.ron")));
    }

    #[test]
    fn two_files_with_one_id_before_the_listing_keep_the_later_and_report_the_copy() {
        let id = Id::generate();
        let before = vec![
            diary("diary/2026/old.ron", 10, &id, 2, "older words"),
            diary("diary/2026/new.ron", 20, &id, 3, "newer words"),
        ];
        let files = [("diary/2026/old.ron", 10), ("diary/2026/new.ron", 20)];
        let (loaded, covered, _) = intake(before, &files, vec![]);
        assert_eq!(situations(&loaded), ["newer words"]);
        assert_eq!(
            loaded.files[&id].rel_path,
            PathBuf::from("diary/2026/new.ron")
        );
        assert_eq!(covered, [true, true]);
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        assert!(loaded.problems[0].path.ends_with("diary/2026/old.ron"));
        assert!(loaded.problems[0].message.contains("same id"));
    }

    #[test]
    fn a_copy_whose_first_file_changed_before_the_listing_is_simply_taken() {
        let id = Id::generate();
        let before = vec![
            diary("diary/2026/first.ron", 10, &id, 3, "stale"),
            diary("diary/2026/second.ron", 20, &id, 2, "current"),
        ];
        // first.ron was deleted since: no copy to report, the other is shown.
        let (loaded, covered, done) = intake(before, &[("diary/2026/second.ron", 20)], vec![]);
        assert_eq!(situations(&loaded), ["current"]);
        assert_eq!(
            loaded.files[&id].rel_path,
            PathBuf::from("diary/2026/second.ron")
        );
        assert_eq!(covered, [true]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(done, 1);
    }

    #[test]
    fn a_file_the_cache_holds_twice_is_taken_once_on_either_side_of_the_listing() {
        let id = Id::generate();
        let twice = || diary("diary/2026/a.ron", 10, &id, 2, "once");
        for (before, after) in [
            (vec![twice(), twice()], vec![]),
            (vec![twice()], vec![twice()]),
            (vec![], vec![twice(), twice()]),
        ] {
            let (loaded, covered, done) = intake(before, &[("diary/2026/a.ron", 10)], after);
            assert_eq!(situations(&loaded), ["once"]);
            assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
            assert_eq!(covered, [true]);
            assert_eq!(done, 1);
        }
    }

    #[test]
    fn a_cache_found_flawed_after_records_were_taken_leaves_nothing_behind() {
        let around = Around::new();
        let mut loaded = Loaded::default();
        let mut intake = around.intake();
        let id = Id::generate();
        let mut chunk = vec![
            diary("diary/2026/a.ron", 10, &id, 2, "a"),
            diary("diary/2026/b.ron", 10, &id, 3, "b"),
        ];
        intake.take_cached(&mut chunk, &mut loaded);
        intake.forget_cached(&mut loaded);
        around
            .listed
            .set(listing(&[("diary/2026/a.ron", 10)]))
            .expect("set once");
        intake.listing_in(&mut loaded);
        assert!(loaded.records.is_empty());
        assert!(loaded.files.is_empty());
        assert_eq!(intake.covered, [false]);
        assert_eq!(
            around
                .progress
                .done
                .load(std::sync::atomic::Ordering::Relaxed),
            0
        );
    }
}
