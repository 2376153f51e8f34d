//! Reading a caseload: every learner's workspace under a root (a folder of
//! learners' synced or cloned workspaces), read-only and in parallel.
//!
//! Nothing here writes, locks or tidies: each workspace is opened
//! [`Mode::ReadOnly`], which takes no lock, and its load reads the load
//! cache when it is valid but never writes one. What to keep of each load is
//! the caller's (`each` runs on the worker thread that loaded it, so the
//! records can be summarised and dropped there, and 200 portfolios are
//! never in memory at once).

use crate::{HEADER_FILE, LoadProgress, Loaded, Mode, OpenError, RecordKind, Workspace};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How deep under the root workspaces are looked for: `root/alex`,
/// `root/north/alex`, `root/2026/north/alex`.
pub const MAX_DEPTH: usize = 3;

/// Folders starlog keeps inside a workspace: never searched for learners.
fn is_workspace_part(name: &str) -> bool {
    RecordKind::ALL.iter().any(|k| k.dir() == name)
        || matches!(
            name,
            crate::BACKUP_DIR | crate::TRASH_DIR | "drafts" | "evidence"
        )
}

/// Every folder under `root` (to [`MAX_DEPTH`]) holding a `workspace.ron`,
/// relative to `root` and sorted; the root itself (as an empty path) when it
/// is one. Hidden folders (`.git`, `.cache`) are skipped, and a workspace is
/// not searched for others inside it. Fails only when the root itself cannot
/// be listed.
pub fn find_workspaces(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    if root.join(HEADER_FILE).is_file() {
        return Ok(vec![PathBuf::new()]);
    }
    let mut found = Vec::new();
    let entries = fs::read_dir(root)?;
    walk(Path::new(""), entries, 1, &mut found);
    found.sort();
    Ok(found)
}

fn walk(rel: &Path, entries: fs::ReadDir, depth: usize, found: &mut Vec<PathBuf>) {
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Follows links: a root of links to learners' folders is a caseload too.
        if !fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        let rel = rel.join(name);
        if path.join(HEADER_FILE).is_file() {
            found.push(rel);
        } else if depth < MAX_DEPTH
            && !is_workspace_part(name)
            && let Ok(inner) = fs::read_dir(&path)
        {
            walk(&rel, inner, depth + 1, found);
        }
    }
}

/// How far reading a caseload has got, for a UI to show while it runs.
#[derive(Debug, Default)]
pub struct TeamProgress {
    /// Workspaces found (set once, before any is read).
    pub workspaces: AtomicUsize,
    /// Workspaces read so far (or given up on).
    pub read: AtomicUsize,
    /// Records read so far, over the workspaces read.
    pub records: AtomicUsize,
}

/// Where the caseload keeps its own load cache of the learner at `rel`
/// under `cache_home` (one folder per learner, named by a hash of `rel`).
pub fn cache_of(cache_home: &Path, rel: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    crate::cache::key_of(rel).hash(&mut h);
    cache_home.join(format!("{:016x}", h.finish()))
}

/// Opens the workspace at `root/rel` read-only: no lock, nothing written.
pub fn open_read_only(root: &Path, rel: &Path) -> Result<Workspace, OpenError> {
    let dir = root.join(rel);
    // The root itself, or a learner's folder: opened by its parent and name.
    let (parent, name) = match (dir.parent(), dir.file_name().and_then(|n| n.to_str())) {
        (Some(parent), Some(name)) => (parent.to_path_buf(), name.to_string()),
        _ => {
            let dir = fs::canonicalize(&dir).map_err(|source| OpenError::Io {
                path: dir.clone(),
                source,
            })?;
            match (dir.parent(), dir.file_name().and_then(|n| n.to_str())) {
                (Some(parent), Some(name)) => (parent.to_path_buf(), name.to_string()),
                _ => {
                    return Err(OpenError::BadName(format!(
                        "{} cannot be read as a workspace",
                        dir.display()
                    )));
                }
            }
        }
    };
    Workspace::open(&parent, &name, Mode::ReadOnly)
}

/// Loads a workspace opened read-only, using the caseload's own load cache
/// in `cache` when given (else the learner's, when valid) and bringing that
/// one up to date. Nothing is written into the workspace.
pub fn load_read_only(mut ws: Workspace, cache: Option<&Path>) -> Result<Loaded, OpenError> {
    let Some(cache) = cache else {
        return ws.load_counting(&LoadProgress::default());
    };
    ws = ws.with_cache_in(cache.to_path_buf());
    let had_cache = cache
        .join(crate::cache::CACHE_DIR)
        .join(crate::cache::CACHE_FILE)
        .is_file();
    let loaded = ws.load_counting(&LoadProgress::default())?;
    if !had_cache || loaded.cache.stale {
        // Every record as loaded (some may have come from the learner's own
        // cache): the caseload's cache then holds them all.
        let fresh = every_record_fresh(&loaded, ws.dir());
        // Best effort: the cache only saves time next run.
        if crate::fsio::create_private_dir(cache).is_ok() {
            let _ = crate::refresh_cache_from(cache, &loaded.listing, &fresh);
        }
    }
    Ok(loaded)
}

/// Every record of a load, encoded for the cache with its file's state,
/// but for files that had a problem of their own (those are read, and
/// reported, every time, as the load cache never holds them).
fn every_record_fresh(loaded: &Loaded, dir: &Path) -> Vec<crate::cache::Fresh> {
    let troubled: std::collections::HashSet<&Path> =
        loaded.problems.iter().map(|p| p.path.as_path()).collect();
    let mut out = Vec::with_capacity(loaded.files.len());
    loaded.records.for_each_copy(|record| {
        if let Some(fresh) = loaded
            .files
            .get(record.id())
            .filter(|state| !troubled.contains(dir.join(&state.rel_path).as_path()))
            .and_then(|state| crate::cache::Fresh::of(&record, state))
        {
            out.push(fresh);
        }
    });
    out
}

/// The file of [`Lines`] in the caseload's cache folder.
pub const LINES_FILE: &str = "lines.bin";

/// The caseload's lines from its last read, kept in its cache folder: a
/// learner whose records are unchanged since (the same [`Workspace::fingerprint`])
/// gets their line back without a load, on the same day, with the same
/// criteria sets and the same build of starlog (the `context`; any other
/// and the whole file is ignored).
#[derive(Debug, Default, Serialize, Deserialize)]
struct LinesFile {
    /// The build (the load cache's schema: the domain's source) and the context.
    schema: String,
    context: String,
    lines: HashMap<String, KeptLine>,
}

/// A learner's line as kept, by folder key: their workspace's fingerprint
/// and number of record files, and the line (postcard).
type KeptLine = (u64, usize, Vec<u8>);

/// Where and as of what the lines are kept.
#[derive(Debug, Clone, Copy)]
pub struct LinesCache<'a> {
    /// The caseload's cache folder (one per root).
    pub home: &'a Path,
    /// What else a line depends on: the day and the criteria sets, say.
    pub context: &'a str,
}

fn schema() -> String {
    format!(
        "{} {:016x}",
        env!("STARLOG_CACHE_SCHEMA"),
        crate::hash_probe()
    )
}

fn read_lines(cache: &LinesCache) -> LinesFile {
    let Ok(bytes) = fs::read(cache.home.join(LINES_FILE)) else {
        return LinesFile::default();
    };
    match postcard::from_bytes::<LinesFile>(&bytes) {
        Ok(file) if file.schema == schema() && file.context == cache.context => file,
        _ => LinesFile::default(),
    }
}

/// Reads every workspace in `folders` (relative to `root`) on a few threads
/// and hands each load to `each` on the thread that made it; the results
/// come back in the order of `folders`, `None` for one whose thread failed
/// (a bug: the caller says so on that learner's line). With `cache`, a
/// learner's load is kept in the caseload's own load cache, and their line
/// is reused while their files are unchanged (see [`LinesCache`]).
pub fn read_each<T, F>(
    root: &Path,
    folders: &[PathBuf],
    cache: Option<LinesCache>,
    progress: &TeamProgress,
    each: F,
) -> Vec<Option<T>>
where
    T: Send + Serialize + DeserializeOwned,
    F: Fn(&Path, Result<Loaded, OpenError>) -> T + Sync,
{
    let old = cache.as_ref().map(read_lines).unwrap_or_default();
    let kept: Mutex<HashMap<String, KeptLine>> = Mutex::new(HashMap::new());
    // One learner: their line from the lines cache, or a load.
    let one = |rel: &Path| -> T {
        let ws = match open_read_only(root, rel) {
            Ok(ws) => ws,
            Err(e) => return each(rel, Err(e)),
        };
        let key = crate::cache::key_of(rel);
        let print = cache.as_ref().and_then(|_| ws.fingerprint());
        if let (Some((print, files)), Some((was, was_files, bytes))) = (print, old.lines.get(&key))
            && print == *was
            && files == *was_files
            && let Ok(line) = postcard::from_bytes::<T>(bytes)
        {
            progress.records.fetch_add(files, Ordering::Relaxed);
            if let Ok(mut kept) = kept.lock() {
                kept.insert(key, (print, files, bytes.clone()));
            }
            return line;
        }
        let load_cache = cache.as_ref().map(|c| cache_of(c.home, rel));
        let loaded = load_read_only(ws, load_cache.as_deref());
        let ok = loaded.is_ok();
        if let Ok(l) = &loaded {
            progress.records.fetch_add(l.files.len(), Ordering::Relaxed);
        }
        let line = each(rel, loaded);
        if ok
            && let Some((print, files)) = print
            && let Ok(bytes) = postcard::to_stdvec(&line)
            && let Ok(mut kept) = kept.lock()
        {
            kept.insert(key, (print, files, bytes));
        }
        line
    };
    progress.workspaces.store(folders.len(), Ordering::Relaxed);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
        .min(folders.len().max(1));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(rel) = folders.get(at) else { break };
            done.push((at, one(rel)));
            progress.read.fetch_add(1, Ordering::Relaxed);
        }
        done
    };
    let mut results: Vec<(usize, T)> = if threads <= 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    };
    if let Some(cache) = &cache
        && let Ok(lines) = kept.into_inner()
        && lines != old.lines
    {
        let file = LinesFile {
            schema: schema(),
            context: cache.context.to_string(),
            lines,
        };
        // Best effort: the lines only save time next run.
        if let Ok(bytes) = postcard::to_stdvec(&file)
            && crate::fsio::create_private_dir(cache.home).is_ok()
        {
            let _ = crate::fsio::write_atomic(&cache.home.join(LINES_FILE), &bytes);
        }
    }
    let mut out: Vec<Option<T>> = folders.iter().map(|_| None).collect();
    for (at, t) in results.drain(..) {
        if let Some(slot) = out.get_mut(at) {
            *slot = Some(t);
        }
    }
    out
}
