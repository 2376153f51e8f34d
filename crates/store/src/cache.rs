//! The derived load cache, `.cache/records.bin`: the parsed records of a
//! workspace in a compact binary form, each with what identified its file on
//! disk when it was read, so an open parses only the files that changed.
//!
//! The record files stay the only truth. A cached record is used only when
//! its file is still there with the same size, modification time and (where
//! the platform has them) inode, device and change time. Files that did not
//! parse cleanly (errors, unknown fields, a byte-order mark) are never cached,
//! so they are read and reported on every open. A cache that is missing,
//! damaged, cut short, from another build of starlog or from another
//! machine's Rust is ignored as a whole and rebuilt; nothing depends on it.
//!
//! Layout (docs/FORMAT.md, `.cache/`): a fixed header, then chunks of up to
//! [`CHUNK`] entries, each `len: u32 LE, crc32: u32 LE, postcard bytes`, then
//! an end mark (`len` 0) with the entry count. Chunks are decoded on every
//! core; postcard was chosen over bincode (unmaintained since 2025) and rkyv
//! (it would need its derives on every domain type, and the app needs owned
//! records anyway).

use super::{RecordKind, fsio};
use crate::domain::AnyRecord;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The cache's folder inside the workspace.
pub const CACHE_DIR: &str = ".cache";
/// The cache file inside [`CACHE_DIR`].
pub const CACHE_FILE: &str = "records.bin";
/// The folder table inside [`CACHE_DIR`]: which record files each folder
/// held when a listing read it (see [`Folder`]).
pub const FOLDERS_FILE: &str = "folders.bin";
/// The largest folder table read (about 40 bytes a record file).
const FOLDERS_MAX: u64 = 256 << 20;
/// The first bytes of every cache file.
const MAGIC: &[u8; 16] = b"starlog-cache\n\0\x02";
/// The last bytes of a complete cache file.
const END_MAGIC: &[u8; 8] = b"\0cached\n";
/// How many kinds of record the cache counts (its kind tags run from 1).
const KINDS: usize = RecordKind::ALL.len();
/// The end mark: `length` 0 (u32), the entry count (u64), the count of
/// each kind of record (u32, by kind tag), then [`END_MAGIC`].
const END_LEN: usize = 4 + 8 + 4 * KINDS + END_MAGIC.len();
/// Fewer bytes than any entry takes: each holds its file's path and its
/// record's id, 26 characters each, and more. A count in an end mark that
/// would need entries smaller than this is not believed.
const ENTRY_MIN: u64 = 64;
/// Entries per chunk: enough to amortise the checksum and the hand-off to
/// a decoding thread, few enough that a chunk (about 400 KB of a diary)
/// is read into a buffer a decoder gave back, not onto fresh pages, and
/// that the first records are in their lists while the rest is decoded.
const CHUNK: usize = 256;
/// A file modified this close to the moment it was listed is not cached:
/// a second change within the file system's time granularity (2 s on FAT)
/// could leave its size and time unchanged ("racily clean" in git's words).
pub(crate) const RACY: Duration = Duration::from_secs(3);

/// Which build of starlog wrote a cache: the record structs' source and the
/// crate version (see build.rs). A cache from any other build is ignored,
/// because postcard, unlike RON, does not describe its fields.
const SCHEMA: &str = env!("STARLOG_CACHE_SCHEMA");

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    /// Modification time, nanoseconds since 1970 (negative before).
    modified: i128,
    /// Unix: inode change time (set by every write and rename, and not
    /// settable by programs); Windows: creation time. 0 where unknown.
    changed: i128,
    /// Unix: inode number; 0 elsewhere.
    file_id: u64,
    /// Unix: device number; 0 elsewhere.
    device: u64,
}

fn nanos(t: io::Result<SystemTime>) -> i128 {
    match t {
        Ok(t) => match t.duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        },
        Err(_) => 0,
    }
}

impl Stamp {
    /// The stamp of a file from its metadata (taken without following links).
    pub fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                len: meta.len(),
                modified: nanos(meta.modified()),
                changed: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                file_id: meta.ino(),
                device: meta.dev(),
            }
        }
        #[cfg(windows)]
        {
            use std::os::windows::fs::MetadataExt;
            Stamp {
                len: meta.len(),
                modified: nanos(meta.modified()),
                changed: i128::from(meta.creation_time()),
                file_id: 0,
                device: 0,
            }
        }
        #[cfg(not(any(unix, windows)))]
        {
            Stamp {
                len: meta.len(),
                modified: nanos(meta.modified()),
                changed: 0,
                file_id: 0,
                device: 0,
            }
        }
    }

    /// For a file whose metadata could not be read: matches no cached entry
    /// and is never cached.
    pub fn unknown() -> Stamp {
        Stamp {
            len: u64::MAX,
            modified: i128::MIN,
            changed: i128::MIN,
            file_id: u64::MAX,
            device: u64::MAX,
        }
    }

    /// A stamp told apart from others by its length alone, for tests.
    #[cfg(test)]
    pub(crate) fn of_len(len: u64) -> Stamp {
        Stamp {
            len,
            modified: 1,
            changed: 1,
            file_id: 1,
            device: 1,
        }
    }

    pub(crate) fn modified_after(&self, t: SystemTime) -> bool {
        self.modified >= nanos(Ok(t))
    }

    /// The stamp of a file from a `stat` taken relative to its folder: the
    /// same as [`Stamp::of`] gives from the file's metadata.
    #[cfg(unix)]
    pub(crate) fn of_stat(st: &rustix::fs::Stat) -> Stamp {
        // The fields' types differ between platforms; a value that does not
        // fit gives a stamp that matches nothing (the file is read again).
        fn wide<T: TryInto<i128>>(n: T) -> i128 {
            n.try_into().unwrap_or(i128::MIN)
        }
        fn unsigned<T: TryInto<u64>>(n: T) -> u64 {
            n.try_into().unwrap_or(u64::MAX)
        }
        Stamp {
            len: unsigned(st.st_size),
            modified: wide(st.st_mtime) * 1_000_000_000 + wide(st.st_mtime_nsec),
            changed: wide(st.st_ctime) * 1_000_000_000 + wide(st.st_ctime_nsec),
            file_id: unsigned(st.st_ino),
            device: unsigned(st.st_dev),
        }
    }
}

/// A folder of record files as a listing read it: its stamp, taken before
/// and after its entries were read, and the names of the record files in
/// it. A later listing that finds the folder with the same stamp takes the
/// names from here rather than reading the folder again (at 10k entries,
/// reading the folders was an eighth of the load's time).
///
/// Adding, removing or renaming a file changes its folder's modification
/// and change times; the change time cannot be set by programs, and the
/// stamp holds the folder's inode, so a folder replaced or copied back
/// does not match either. Each file is still looked at on its own (`stat`),
/// so an edited or deleted file is found as before. Git's untracked cache
/// trusts folder times the same way. A folder changed within [`RACY`] of
/// the listing is not kept: a second change within the time granularity
/// could leave its times as they were. Used on Unix only: elsewhere a
/// folder's times can all be set by programs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    /// Relative to the workspace, `/` between parts.
    pub key: String,
    /// [`Stamp::unknown`] when the folder changed while it was read.
    pub stamp: Stamp,
    /// The record files' names, each followed by `/` (never in a name);
    /// empty for a folder listed from the table, whose names are taken
    /// from there again when the table is written.
    pub names: String,
    /// Listed from the folder table rather than read.
    pub from_table: bool,
}

impl Folder {
    /// Whether a later listing may trust it: its stamp is known and it had
    /// not changed for [`RACY`] when `listing` was taken.
    fn keepable(&self, listing: &Listing) -> bool {
        self.stamp != Stamp::unknown()
            && listing
                .taken
                .is_some_and(|t| !self.stamp.modified_after(t - RACY))
    }
}

/// A folder as the folder table on disk holds it: its names stay on disk
/// until they are asked for ([`FolderTable::names`]), so a reader reads
/// only the folders it lists (the first page reads one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableFolder {
    pub key: String,
    pub stamp: Stamp,
    /// Where its names are, from the start of the names, and their CRC-32.
    at: u64,
    len: u32,
    crc: u32,
}

/// A folder's entry in the table's index, as written.
#[derive(Serialize, Deserialize)]
struct IndexEntry<'a> {
    key: &'a str,
    stamp: Stamp,
    len: u32,
    crc: u32,
}

/// The folder table of a workspace ([`FOLDERS_FILE`]), its index read and
/// checked: empty when there is none, or it is damaged, cut short, from
/// another build of starlog, or reached through a link. A folder's names
/// are read, and checked, when asked for; each folder is still checked
/// against the folder on disk before it is trusted.
#[derive(Debug, Default)]
pub struct FolderTable {
    /// Kept open: a table written again meanwhile (renamed over this one)
    /// does not change what is read from here.
    file: Option<File>,
    /// Where the names start.
    names_at: u64,
    folders: Vec<TableFolder>,
}

impl FolderTable {
    /// The folder table of the workspace at `dir`.
    pub fn read(dir: &Path, hash_probe: u64) -> FolderTable {
        let Some(path) = cache_file_path(dir, FOLDERS_FILE) else {
            return FolderTable::default();
        };
        let read = || -> Option<FolderTable> {
            let meta = fs::symlink_metadata(&path).ok()?;
            if !meta.is_file() || meta.len() > FOLDERS_MAX {
                return None;
            }
            let mut file = File::open(&path).ok()?;
            let want = header(hash_probe);
            let mut got = vec![0; want.len()];
            file.read_exact(&mut got).ok()?;
            if got != want {
                return None;
            }
            let len = read_u32(&mut file).ok()?;
            let crc = read_u32(&mut file).ok()?;
            let names_at = (want.len() + 8) as u64 + u64::from(len);
            if names_at > meta.len() {
                return None;
            }
            let mut index = vec![0; len as usize];
            file.read_exact(&mut index).ok()?;
            if crc32fast::hash(&index) != crc {
                return None;
            }
            let entries: Vec<IndexEntry> = postcard::from_bytes(&index).ok()?;
            let mut at = 0u64;
            let mut folders = Vec::with_capacity(entries.len());
            for e in entries {
                folders.push(TableFolder {
                    key: e.key.to_string(),
                    stamp: e.stamp,
                    at,
                    len: e.len,
                    crc: e.crc,
                });
                at += u64::from(e.len);
            }
            if names_at + at != meta.len() {
                return None;
            }
            Some(FolderTable {
                file: Some(file),
                names_at,
                folders,
            })
        };
        read().unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.folders.is_empty()
    }

    /// The folders in it (their names not read yet).
    pub fn folders(&self) -> &[TableFolder] {
        &self.folders
    }

    /// [`FolderTable::names`] of `folder`, when the folder on disk (`now`,
    /// its metadata) is still a folder with exactly the stamp the table
    /// has: the one rule by which a listing trusts the table.
    pub fn names_if_unchanged(&self, folder: &TableFolder, now: &fs::Metadata) -> Option<String> {
        if !now.is_dir() || Stamp::of(now) != folder.stamp {
            return None;
        }
        self.names(folder)
    }

    /// The names of the record files in `folder` (each followed by `/`),
    /// read from the table; `None` when they cannot be read, do not match
    /// their CRC-32, or one is not a record file's name (the folder is then
    /// read instead).
    pub fn names(&self, folder: &TableFolder) -> Option<String> {
        let file = self.file.as_ref()?;
        let mut bytes = vec![0; folder.len as usize];
        read_exact_at(file, &mut bytes, self.names_at + folder.at)?;
        if crc32fast::hash(&bytes) != folder.crc {
            return None;
        }
        let names = String::from_utf8(bytes).ok()?;
        names
            .split_terminator('/')
            .all(is_record_name)
            .then_some(names)
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], at: u64) -> Option<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, at).ok()
}

/// Elsewhere the table is not used (see [`Folder`]).
#[cfg(not(unix))]
fn read_exact_at(_: &File, _: &mut [u8], _: u64) -> Option<()> {
    None
}

/// A file name a listing takes as a record file's: `*.ron`, not hidden, and
/// a name only (no path).
pub fn is_record_name(name: &str) -> bool {
    name.ends_with(".ron") && !name.starts_with('.') && !name.contains(['/', '\\', '\0'])
}

/// One record file found on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    pub stamp: Stamp,
    pub kind: RecordKind,
    /// Its place in the listing (`0..len`), so a load can mark the files the
    /// cache covered without another look-up by name.
    pub at: u32,
    /// Unix: readable and writable by its owner only (0600) when listed, so
    /// a load need not look at its permissions again. True elsewhere.
    pub private: bool,
}

/// The record files found on disk: relative path (with `/`) -> what was found.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// (Hashed with foldhash: at 100k files a fifth of the time spent
    /// taking cached records in went on std's DoS-proof hasher, and these
    /// keys are the learner's own file names.)
    pub files: HashMap<String, Listed, foldhash::fast::RandomState>,
    /// When the listing started, for the racily-clean rule.
    pub taken: Option<SystemTime>,
    /// Every folder read for record files, for the folder table.
    pub folders: Vec<Folder>,
    /// A folder was read that the next listing could take from the folder
    /// table, and the table does not have it: worth writing the table.
    pub folders_stale: bool,
    /// How many folders were taken from the folder table, not read.
    pub folders_reused: usize,
}

impl Listing {
    /// Adds a file found (each path once); its place is the next one.
    pub fn add(&mut self, key: String, kind: RecordKind, stamp: Stamp, private: bool) {
        let at = self.files.len() as u32;
        self.files.entry(key).or_insert(Listed {
            stamp,
            kind,
            at,
            private,
        });
    }

    fn stamp(&self, key: &str) -> Option<&Stamp> {
        self.files.get(key).map(|l| &l.stamp)
    }

    /// Whether the file `key` is listed as it was when `stamp` was taken.
    pub fn check(&self, key: &str, stamp: &Stamp) -> Checked {
        match self.files.get(key) {
            Some(listed) if listed.stamp == *stamp => Checked::Listed {
                at: listed.at,
                private: listed.private,
            },
            _ => Checked::Changed,
        }
    }
}

/// What the listing says of a cached record's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// Not known yet: the folders were still being listed.
    NotYet,
    /// Listed as it was cached, at this place in the listing.
    Listed { at: u32, private: bool },
    /// Changed, replaced or gone since it was cached: read it from its file.
    Changed,
}

/// A record file's path as the cache writes it: `/` between parts.
pub fn key_of(rel_path: &Path) -> String {
    let mut key = String::new();
    for part in rel_path.components() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str(&part.as_os_str().to_string_lossy());
    }
    key
}

/// How an open used the cache (for tests, benchmarks and the app).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheUse {
    /// Records taken from the cache.
    pub reused: usize,
    /// Record files parsed because the cache had nothing current for them.
    pub parsed: usize,
    /// Why the cache file as a whole was not used, if it was not.
    pub ignored: Option<String>,
    /// The cache no longer matches the files: worth writing again.
    pub stale: bool,
}

/// The fields before each cached record: enough to decide whether to decode it.
#[derive(Serialize, Deserialize)]
struct EntryHead<'a> {
    path: &'a str,
    stamp: Stamp,
    /// The content hash the save guard compares (see `FileState::hash`).
    hash: u64,
    /// Which kind of record follows ([`kind_tag`]).
    kind: u8,
    /// Bytes of the record that follows.
    len: u32,
}

/// How many entries of each kind of record a cache holds, as its end mark
/// says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts([u32; KINDS]);

impl Counts {
    /// Counts one more record of `kind`.
    #[cfg(test)]
    pub(crate) fn add(&mut self, kind: RecordKind) {
        self.add_tag(kind_tag(kind));
    }

    /// Counts one more entry of the kind tagged `tag`.
    fn add_tag(&mut self, tag: u8) {
        if let Some(n) = usize::from(tag)
            .checked_sub(1)
            .and_then(|i| self.0.get_mut(i))
        {
            *n = n.saturating_add(1);
        }
    }

    /// How many records of `kind`.
    pub fn of(&self, kind: RecordKind) -> usize {
        let i = usize::from(kind_tag(kind)) - 1;
        self.0.get(i).map_or(0, |n| *n as usize)
    }

    /// How many records in all.
    pub fn total(&self) -> u64 {
        self.0.iter().map(|n| u64::from(*n)).sum()
    }

    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        for n in self.0 {
            out.write_all(&n.to_le_bytes())?;
        }
        Ok(())
    }

    fn read(r: &mut impl Read) -> io::Result<Counts> {
        let mut counts = Counts::default();
        for n in &mut counts.0 {
            *n = read_u32(r)?;
        }
        Ok(counts)
    }
}

/// Reads the end mark that follows the last chunk (its `length` 0 already
/// read): the entry count and each kind's, which must add up to it.
fn read_end(r: &mut impl Read) -> io::Result<(u64, Counts)> {
    let mut count = [0; 8];
    r.read_exact(&mut count)?;
    let count = u64::from_le_bytes(count);
    let counts = Counts::read(r)?;
    let mut end = [0; 8];
    r.read_exact(&mut end)?;
    if &end != END_MAGIC {
        return Err(bad("no end mark"));
    }
    if counts.total() != count {
        return Err(bad("the end mark's counts do not add up"));
    }
    Ok((count, counts))
}

/// How many records of each kind the cache of the workspace at `dir` says
/// it holds, read from its end mark alone, before its records: the load
/// makes their lists that long at once. Only a hint: [`read`] checks the
/// end mark again after every chunk, and a count the file is too small to
/// hold is not believed. `None` when there is no cache, one from another
/// build, or no such mark.
pub fn counts(dir: &Path, hash_probe: u64) -> Option<Counts> {
    use std::io::{Seek, SeekFrom};
    let path = cache_path(dir)?;
    let meta = fs::symlink_metadata(&path).ok()?;
    let want = header(hash_probe);
    if !meta.is_file() || meta.len() < (want.len() + END_LEN) as u64 {
        return None;
    }
    let mut file = File::open(&path).ok()?;
    let mut got = vec![0; want.len()];
    file.read_exact(&mut got).ok()?;
    if got != want {
        return None;
    }
    file.seek(SeekFrom::End(-(END_LEN as i64))).ok()?;
    let mut tail = io::BufReader::with_capacity(END_LEN, file);
    if read_u32(&mut tail).ok()? != 0 {
        return None;
    }
    let (count, counts) = read_end(&mut tail).ok()?;
    (count <= meta.len() / ENTRY_MIN).then_some(counts)
}

fn header(hash_probe: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(SCHEMA.len() as u32).to_le_bytes());
    out.extend_from_slice(SCHEMA.as_bytes());
    // The save guard's content hash (std's hasher) may change with the Rust
    // release that built starlog: a cache from another one is not trusted.
    out.extend_from_slice(&hash_probe.to_le_bytes());
    out
}

fn bad(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.to_string())
}

fn read_u32(r: &mut impl Read) -> io::Result<u32> {
    let mut b = [0; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

/// The cache file of the workspace at `dir`, unless a link stands anywhere
/// on the way (the cache is never read or written through a link).
fn cache_path(dir: &Path) -> Option<PathBuf> {
    cache_file_path(dir, CACHE_FILE)
}

/// The file `name` in the cache folder of the workspace at `dir`, unless the
/// folder is a link.
fn cache_file_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let folder = dir.join(CACHE_DIR);
    match fs::symlink_metadata(&folder) {
        Ok(meta) if meta.is_dir() => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        _ => return None,
    }
    Some(folder.join(name))
}

/// Writes the folder table of `listing` into the cache folder of the
/// workspace at `dir`: each folder it found whose stamp a later listing may
/// trust (see [`Folder`]). The names of a folder listed from the table come
/// from the table on disk, when it still has that folder as it was.
///
/// The file: the header of `records.bin`, the index (its length and CRC-32
/// as u32 LE, then in postcard each folder's path, stamp, and its names'
/// length and CRC-32), then each folder's names in the index's order.
pub fn write_folders(dir: &Path, listing: &Listing, hash_probe: u64) -> io::Result<()> {
    let path = cache_file_path(dir, FOLDERS_FILE)
        .ok_or_else(|| fsio::link_refused(&dir.join(CACHE_DIR)))?;
    let old = FolderTable::read(dir, hash_probe);
    let old_names = |f: &Folder| {
        let was = old
            .folders()
            .iter()
            .find(|o| o.key == f.key && o.stamp == f.stamp)?;
        old.names(was)
    };
    let mut kept: Vec<(&Folder, std::borrow::Cow<'_, str>)> = Vec::new();
    for f in listing.folders.iter().filter(|f| f.keepable(listing)) {
        if !f.from_table {
            kept.push((f, std::borrow::Cow::Borrowed(f.names.as_str())));
        } else if let Some(names) = old_names(f) {
            kept.push((f, std::borrow::Cow::Owned(names)));
        }
    }
    let index: Vec<IndexEntry<'_>> = kept
        .iter()
        .map(|(f, names)| IndexEntry {
            key: &f.key,
            stamp: f.stamp,
            len: u32::try_from(names.len()).unwrap_or(u32::MAX),
            crc: crc32fast::hash(names.as_bytes()),
        })
        .collect();
    let index = postcard::to_stdvec(&index).map_err(io::Error::other)?;
    let mut bytes = header(hash_probe);
    bytes.extend_from_slice(
        &u32::try_from(index.len())
            .map_err(io::Error::other)?
            .to_le_bytes(),
    );
    bytes.extend_from_slice(&crc32fast::hash(&index).to_le_bytes());
    bytes.extend_from_slice(&index);
    for (_, names) in &kept {
        bytes.extend_from_slice(names.as_bytes());
    }
    fsio::ensure_dir_within(dir, &dir.join(CACHE_DIR))?;
    mark_folder(&dir.join(CACHE_DIR));
    fsio::write_atomic(&path, &bytes)
}

/// Reads the cache of the workspace at `dir` and hands its records to
/// `each`, a chunk at a time and in the cache's order, while the next
/// chunks are being decoded on other threads. Returns how many entries the
/// cache holds. Any flaw in the file discards all of it: an `Err` may come
/// after some chunks were handed over, and the caller must then forget them.
///
/// Every entry is decoded, whether or not its file is still there as it was,
/// so the cache can be read while the folders are being listed. Once
/// `listing` is in, the decoders check each entry against it
/// ([`Cached::checked`]); entries decoded before stay [`Checked::NotYet`]
/// for the caller to check. `each` takes the records it keeps out of the
/// list it is given (what it leaves is dropped).
pub fn read(
    dir: &Path,
    hash_probe: u64,
    listing: &OnceLock<Listing>,
    mut each: impl FnMut(&mut Vec<Cached>),
) -> Result<usize, String> {
    let path = cache_path(dir).ok_or("the .cache folder is a link or a file")?;
    let size = match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(_) => return Err("the cache is a link or a folder".into()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err("there is no cache yet".into()),
        Err(e) => return Err(format!("could not read the cache: {e}")),
    };
    let file = File::open(&path).map_err(|e| format!("could not read the cache: {e}"))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let want = header(hash_probe);
    let mut got = vec![0; want.len()];
    if reader.read_exact(&mut got).is_err() || got != want {
        return Err("the cache was written by another build of starlog, or is not a cache".into());
    }
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    // A decoder's records take a little more than its share of the cache
    // (1.06-1.09 times at 10k entries: each text has a block of its own),
    // and one decoder may take more chunks than another.
    let room = (usize::try_from(size).unwrap_or(usize::MAX) / threads).saturating_mul(3) / 2;
    // Chunks go to the decoders, and the decoded records to `each`; the
    // buffers and the lists come back to be filled again, so neither the
    // cache's bytes nor its records each land on fresh pages first.
    let (to_decode, chunks) = mpsc::sync_channel::<(usize, Vec<u8>)>(threads);
    let (give_back, spare) = mpsc::channel::<Vec<u8>>();
    type Decoded = Result<(Vec<Cached>, usize), String>;
    let (decoded_tx, decoded) = mpsc::channel::<(usize, Decoded)>();
    let (lists_back, spare_lists) = mpsc::channel::<Vec<Cached>>();
    let spare_lists = Mutex::new(spare_lists);
    // Held by the decoders only: when the last one stops, the reader's
    // next send fails and it stops too.
    let chunks = Arc::new(Mutex::new(chunks));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (decoded_tx, give_back, chunks, spare_lists) = (
                decoded_tx.clone(),
                give_back.clone(),
                Arc::clone(&chunks),
                &spare_lists,
            );
            scope.spawn(move || {
                crate::heap::make_room(room);
                loop {
                    let next = match chunks.lock() {
                        Ok(chunks) => chunks.recv(),
                        Err(_) => return,
                    };
                    let Ok((index, bytes)) = next else { return };
                    let mut out = spare_lists
                        .lock()
                        .ok()
                        .and_then(|spare| spare.try_recv().ok())
                        .unwrap_or_else(|| Vec::with_capacity(CHUNK));
                    let result = decode_chunk(&bytes, listing.get(), &mut out).map(|n| (out, n));
                    let _ = give_back.send(bytes);
                    if decoded_tx.send((index, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop((decoded_tx, give_back, chunks));
        let reading = scope.spawn(move || read_chunks(&mut reader, &to_decode, &spare));
        // In the cache's order: a chunk decoded early waits for those before.
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        let mut handed = 0;
        let mut failed = None;
        for (index, result) in decoded {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&next) {
                next += 1;
                match result {
                    Ok((mut records, entries)) if failed.is_none() => {
                        handed += entries;
                        each(&mut records);
                        records.clear();
                        let _ = lists_back.send(records);
                    }
                    Ok(_) => {}
                    Err(why) => {
                        failed.get_or_insert(why);
                    }
                }
            }
            if failed.is_some() {
                // Stops the reader and so the decoders.
                break;
            }
        }
        let read = reading.join();
        if let Some(why) = failed {
            return Err(why);
        }
        let (chunks, count) = match read {
            Ok(Ok(read)) => read,
            Ok(Err(e)) => return Err(format!("the cache is damaged or cut short ({e})")),
            Err(_) => return Err("a cache reader failed".into()),
        };
        if next != chunks {
            return Err("a cache decoder failed".into());
        }
        if handed != count {
            return Err("the cache is damaged (its entry count does not match)".into());
        }
        Ok(count)
    })
}

/// Hands every chunk to the decoders; returns how many chunks there were
/// and the entry count of the end mark.
fn read_chunks(
    reader: &mut impl Read,
    to_decode: &mpsc::SyncSender<(usize, Vec<u8>)>,
    spare: &mpsc::Receiver<Vec<u8>>,
) -> io::Result<(usize, usize)> {
    let mut index = 0;
    loop {
        let len = read_u32(reader)? as usize;
        if len == 0 {
            let (count, _) = read_end(reader)?;
            let mut rest = [0; 1];
            if reader.read(&mut rest)? != 0 {
                return Err(bad("bytes after the end mark"));
            }
            return Ok((
                index,
                usize::try_from(count).map_err(|_| bad("too many entries"))?,
            ));
        }
        if len > 1 << 30 {
            return Err(bad("a chunk is impossibly large"));
        }
        let crc = read_u32(reader)?;
        let mut bytes = spare.try_recv().unwrap_or_default();
        bytes.clear();
        // Read straight into the buffer, without zeroing it first.
        if reader.by_ref().take(len as u64).read_to_end(&mut bytes)? != len {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        if crc32fast::hash(&bytes) != crc {
            return Err(bad("a chunk's checksum does not match"));
        }
        if to_decode.send((index, bytes)).is_err() {
            return Err(bad("a decoder stopped"));
        }
        index += 1;
    }
}

/// A record as the cache holds it, with what identified its file then.
pub struct Cached {
    /// Its file, relative to the workspace, with `/` between parts.
    pub key: String,
    pub stamp: Stamp,
    /// The content hash of its file (`FileState::hash`).
    pub hash: u64,
    pub record: AnyRecord,
    /// What the listing said of its file, if it was in when decoded.
    pub checked: Checked,
}

/// Decodes the entries of one chunk into `out`, checking each against
/// `listing` when there is one: an entry whose file changed is left out.
/// Returns how many entries the chunk holds.
fn decode_chunk(
    mut bytes: &[u8],
    listing: Option<&Listing>,
    out: &mut Vec<Cached>,
) -> Result<usize, String> {
    let damaged = |e: postcard::Error| format!("the cache is damaged ({e})");
    let mut entries = 0;
    while !bytes.is_empty() {
        let (head, rest): (EntryHead, &[u8]) = postcard::take_from_bytes(bytes).map_err(damaged)?;
        entries += 1;
        let len = head.len as usize;
        if rest.len() < len {
            return Err("the cache is damaged (an entry runs past its chunk)".into());
        }
        let (record_bytes, rest) = rest.split_at(len);
        bytes = rest;
        let checked = match listing {
            Some(listing) => listing.check(head.path, &head.stamp),
            None => Checked::NotYet,
        };
        if checked == Checked::Changed {
            // Its file changed: it is read from the file, not decoded here.
            // (Its bytes were checked with the chunk; the entry's length
            // was checked above.)
            continue;
        }
        let record = decode_record(head.kind, record_bytes).map_err(damaged)?;
        out.push(Cached {
            key: head.path.to_string(),
            stamp: head.stamp,
            hash: head.hash,
            record,
            checked,
        });
    }
    Ok(entries)
}

/// A record read from its file in this load, encoded for the cache, so a
/// later [`refresh`] need not hold on to the records (the app has them).
#[derive(Debug, Clone)]
pub struct Fresh {
    key: String,
    hash: u64,
    kind: u8,
    bytes: Vec<u8>,
}

impl Fresh {
    /// `record`, read cleanly from its file as `state` says, ready for the
    /// cache; `None` when it cannot be encoded (it is then read next time).
    pub fn of(record: &AnyRecord, state: &super::FileState) -> Option<Fresh> {
        if state.protected.is_some() {
            return None;
        }
        let (kind, bytes) = encode_record(record).ok()?;
        // postcard does not describe fields, so a field left out when empty
        // (`skip_serializing_if`) cannot be read back: such a record is read
        // from its file every time rather than spoil the whole cache.
        decode_record(kind, &bytes).ok()?;
        Some(Fresh {
            key: key_of(&state.rel_path),
            hash: state.hash,
            kind,
            bytes,
        })
    }

    pub fn key(&self) -> &str {
        &self.key
    }
}

/// Writes the cache of the workspace at `dir` again, atomically (temp file,
/// fsync, rename): every entry of the cache now on disk whose file is still
/// listed with the same stamp is copied as it is (checked, not decoded),
/// then `fresh` records (read from their files after `listing` was taken)
/// and what `read` gives for any other listed file are added. A file changed
/// just before the listing is left out, so it is read from its file next
/// time. A damaged or foreign cache on disk contributes nothing. Returns how
/// many records the cache holds and whether it was written (not when it
/// would be the same as the one on disk).
pub fn refresh(
    dir: &Path,
    listing: &Listing,
    fresh: &[Fresh],
    hash_probe: u64,
    mut read: impl FnMut(&str) -> Option<Fresh>,
) -> io::Result<(usize, bool)> {
    let path = cache_path(dir).ok_or_else(|| fsio::link_refused(&dir.join(CACHE_DIR)))?;
    if listing.folders_stale {
        write_folders(dir, listing, hash_probe)?;
    }
    let racy_after = listing.taken.map(|t| t - RACY);
    let cacheable = |key: &str| match listing.stamp(key) {
        Some(stamp) => {
            *stamp != Stamp::unknown() && racy_after.is_some_and(|t| !stamp.modified_after(t))
        }
        None => false,
    };
    let fresh: HashMap<&str, &Fresh> = fresh
        .iter()
        .filter(|f| cacheable(&f.key))
        .map(|f| (f.key.as_str(), f))
        .collect();
    // What the cache on disk still has right: entries, raw.
    let (kept, dropped) = old_entries(&path, listing, &fresh, hash_probe);
    let mut covered: HashSet<&str> = kept.iter().map(|e| e.key.as_str()).collect();
    covered.extend(fresh.keys().copied());
    let mut others = Vec::new();
    let mut keys: Vec<&String> = listing.files.keys().collect();
    keys.sort();
    for key in keys {
        if !covered.contains(key.as_str())
            && cacheable(key)
            && let Some(f) = read(key)
        {
            others.push(f);
        }
    }
    if !dropped && fresh.is_empty() && others.is_empty() {
        return Ok((kept.len(), false));
    }
    fsio::ensure_dir_within(dir, &dir.join(CACHE_DIR))?;
    mark_folder(&dir.join(CACHE_DIR));
    // Every entry, old or new, by path from the last: the order a load
    // wants them in, as a diary's paths sort by day and then by id, so its
    // entries come in newest first (see `Records::sort`) and need no
    // sorting. (Kept entries and new ones in two runs once cost every load
    // a full sort of the diary, after the first entry added.)
    enum Entry<'a> {
        Kept(&'a RawEntry),
        New(&'a Fresh),
    }
    let mut entries: Vec<(&str, Entry<'_>)> = kept
        .iter()
        .map(|e| (e.key.as_str(), Entry::Kept(e)))
        .chain(fresh.values().map(|f| (f.key.as_str(), Entry::New(f))))
        .chain(others.iter().map(|f| (f.key.as_str(), Entry::New(f))))
        .collect();
    entries.sort_unstable_by(|a, b| b.0.cmp(a.0));
    let mut writer = ChunkWriter::default();
    fsio::write_atomic_streamed(&path, |out| {
        out.write_all(&header(hash_probe))?;
        for (_, entry) in &entries {
            match entry {
                Entry::Kept(raw) => writer.add_raw(out, raw)?,
                Entry::New(f) => {
                    let Some(stamp) = listing.stamp(&f.key) else {
                        continue;
                    };
                    writer.add(out, f, *stamp)?;
                }
            }
        }
        writer.finish(out)
    })?;
    Ok((writer.count, true))
}

/// Marks the cache folder as one: ignored by git whatever the workspace's
/// own `.gitignore` says, and skipped by backup tools that honour
/// `CACHEDIR.TAG` (<https://bford.info/cachedir/>). Best effort.
fn mark_folder(folder: &Path) {
    let marks: [(&str, &[u8]); 2] = [
        (".gitignore", b"# starlog's load cache: derived, never the truth\n*\n"),
        (
            "CACHEDIR.TAG",
            b"Signature: 8a477f597d28d172789f06886806bc55\n# starlog's load cache (docs/FORMAT.md)\n",
        ),
    ];
    for (name, text) in marks {
        let path = folder.join(name);
        if fs::symlink_metadata(&path).is_err() {
            let _ = fsio::create_new_atomic(&path, text);
        }
    }
}

/// An entry of the cache on disk, kept as its bytes (head and record).
struct RawEntry {
    key: String,
    /// Its kind tag.
    kind: u8,
    bytes: Vec<u8>,
}

/// The entries of the cache at `path` still right for `listing` and not
/// replaced by `fresh`, and whether any entry was left out. Any flaw in the
/// file: nothing kept.
fn old_entries(
    path: &Path,
    listing: &Listing,
    fresh: &HashMap<&str, &Fresh>,
    hash_probe: u64,
) -> (Vec<RawEntry>, bool) {
    let mut kept = Vec::new();
    let mut dropped = false;
    let outcome = (|| -> io::Result<()> {
        let meta = fs::symlink_metadata(path)?;
        if !meta.is_file() {
            return Err(bad("not a file"));
        }
        let mut reader = BufReader::with_capacity(1 << 16, File::open(path)?);
        let want = header(hash_probe);
        let mut got = vec![0; want.len()];
        reader.read_exact(&mut got)?;
        if got != want {
            return Err(bad("another build"));
        }
        let mut total = 0;
        loop {
            let len = read_u32(&mut reader)? as usize;
            if len == 0 {
                let (count, _) = read_end(&mut reader)?;
                if count != total {
                    return Err(bad("the entry count does not match"));
                }
                return Ok(());
            }
            if len > 1 << 30 {
                return Err(bad("a chunk is impossibly large"));
            }
            let crc = read_u32(&mut reader)?;
            let mut bytes = vec![0; len];
            reader.read_exact(&mut bytes)?;
            if crc32fast::hash(&bytes) != crc {
                return Err(bad("a chunk's checksum does not match"));
            }
            let mut rest = bytes.as_slice();
            while !rest.is_empty() {
                let (head, after): (EntryHead, &[u8]) =
                    postcard::take_from_bytes(rest).map_err(|e| bad(&e.to_string()))?;
                let head_len = rest.len() - after.len();
                let len = head_len + head.len as usize;
                if rest.len() < len {
                    return Err(bad("an entry runs past its chunk"));
                }
                total += 1;
                if listing.stamp(head.path) == Some(&head.stamp) && !fresh.contains_key(head.path) {
                    kept.push(RawEntry {
                        key: head.path.to_string(),
                        kind: head.kind,
                        bytes: rest[..len].to_vec(),
                    });
                } else {
                    dropped = true;
                }
                rest = &rest[len..];
            }
        }
    })();
    match outcome {
        Ok(()) => (kept, dropped),
        Err(_) => (Vec::new(), true),
    }
}

#[derive(Default)]
struct ChunkWriter {
    chunk: Vec<u8>,
    in_chunk: usize,
    count: usize,
    counts: Counts,
}

impl ChunkWriter {
    fn add(&mut self, out: &mut dyn Write, fresh: &Fresh, stamp: Stamp) -> io::Result<()> {
        let head = EntryHead {
            path: &fresh.key,
            stamp,
            hash: fresh.hash,
            kind: fresh.kind,
            len: fresh.bytes.len() as u32,
        };
        let head = postcard::to_stdvec(&head).map_err(|e| bad(&e.to_string()))?;
        self.chunk.extend_from_slice(&head);
        self.chunk.extend_from_slice(&fresh.bytes);
        self.counts.add_tag(fresh.kind);
        self.added(out)
    }

    fn add_raw(&mut self, out: &mut dyn Write, entry: &RawEntry) -> io::Result<()> {
        self.chunk.extend_from_slice(&entry.bytes);
        self.counts.add_tag(entry.kind);
        self.added(out)
    }

    fn added(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.in_chunk += 1;
        self.count += 1;
        if self.in_chunk >= CHUNK {
            self.flush(out)?;
        }
        Ok(())
    }

    fn flush(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.in_chunk == 0 {
            return Ok(());
        }
        out.write_all(&(self.chunk.len() as u32).to_le_bytes())?;
        out.write_all(&crc32fast::hash(&self.chunk).to_le_bytes())?;
        out.write_all(&self.chunk)?;
        self.chunk.clear();
        self.in_chunk = 0;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.flush(out)?;
        out.write_all(&0u32.to_le_bytes())?;
        out.write_all(&(self.count as u64).to_le_bytes())?;
        self.counts.write(out)?;
        out.write_all(END_MAGIC)
    }
}

/// The cache's tag for each kind of record (never reused for another kind).
fn kind_tag(kind: RecordKind) -> u8 {
    match kind {
        RecordKind::Diary => 1,
        RecordKind::Need => 2,
        RecordKind::Objective => 3,
        RecordKind::Activity => 4,
        RecordKind::Feedback => 5,
        RecordKind::Kpi => 6,
        RecordKind::Review => 7,
        RecordKind::Evidence => 8,
        RecordKind::Witness => 9,
        RecordKind::SignOff => 10,
        RecordKind::Practice => 11,
        RecordKind::Coaching => 12,
    }
}

/// A record's kind tag and its bytes in the cache.
fn encode_record(record: &AnyRecord) -> Result<(u8, Vec<u8>), postcard::Error> {
    use postcard::to_stdvec as en;
    Ok(match record {
        AnyRecord::Diary(r) => (kind_tag(RecordKind::Diary), en(r)?),
        AnyRecord::Need(r) => (kind_tag(RecordKind::Need), en(r)?),
        AnyRecord::Objective(r) => (kind_tag(RecordKind::Objective), en(r)?),
        AnyRecord::Activity(r) => (kind_tag(RecordKind::Activity), en(r)?),
        AnyRecord::Feedback(r) => (kind_tag(RecordKind::Feedback), en(r)?),
        AnyRecord::Kpi(r) => (kind_tag(RecordKind::Kpi), en(r)?),
        AnyRecord::Review(r) => (kind_tag(RecordKind::Review), en(r)?),
        AnyRecord::Evidence(r) => (kind_tag(RecordKind::Evidence), en(r)?),
        AnyRecord::Witness(r) => (kind_tag(RecordKind::Witness), en(r)?),
        AnyRecord::SignOff(r) => (kind_tag(RecordKind::SignOff), en(r)?),
        AnyRecord::Practice(r) => (kind_tag(RecordKind::Practice), en(r)?),
        AnyRecord::Coaching(r) => (kind_tag(RecordKind::Coaching), en(r)?),
    })
}

fn decode_record(tag: u8, bytes: &[u8]) -> Result<AnyRecord, postcard::Error> {
    use postcard::from_bytes as de;
    Ok(match tag {
        1 => AnyRecord::Diary(de(bytes)?),
        2 => AnyRecord::Need(de(bytes)?),
        3 => AnyRecord::Objective(de(bytes)?),
        4 => AnyRecord::Activity(de(bytes)?),
        5 => AnyRecord::Feedback(de(bytes)?),
        6 => AnyRecord::Kpi(de(bytes)?),
        7 => AnyRecord::Review(de(bytes)?),
        8 => AnyRecord::Evidence(de(bytes)?),
        9 => AnyRecord::Witness(de(bytes)?),
        10 => AnyRecord::SignOff(de(bytes)?),
        11 => AnyRecord::Practice(de(bytes)?),
        12 => AnyRecord::Coaching(de(bytes)?),
        _ => return Err(postcard::Error::DeserializeBadEnum),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DiaryEntry, Id};
    use chrono::{DateTime, Datelike, NaiveDate};

    /// Days and moments are numbers in the cache, not text: one read back
    /// from it is the same moment in the same offset, to the nanosecond,
    /// so a record saved after a load from the cache writes the same text.
    #[test]
    fn a_record_read_back_from_the_cache_writes_the_same_text() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).expect("day");
        let created =
            DateTime::parse_from_rfc3339("2026-03-29T00:30:05.123456789+01:00").expect("moment");
        let mut entry = DiaryEntry::new(Id::generate(), day, created);
        entry.updated = DateTime::parse_from_rfc3339("1969-12-31T23:59:59-09:30").expect("moment");
        entry.situation = "A caller before the clocks went forward".into();
        let record = AnyRecord::Diary(entry.clone());
        let (tag, bytes) = encode_record(&record).expect("encodes");
        let Ok(AnyRecord::Diary(back)) = decode_record(tag, &bytes) else {
            panic!("decodes as a diary entry");
        };
        assert_eq!(back.date, day);
        assert_eq!(back.created.offset(), entry.created.offset());
        assert_eq!(back.updated.offset(), entry.updated.offset());
        assert_eq!(back.created.timestamp_subsec_nanos(), 123_456_789);
        assert_eq!(
            crate::codec::encode(&back).expect("writes"),
            crate::codec::encode(&entry).expect("writes")
        );
        // The file's text keeps its readable form.
        let text = crate::codec::encode(&entry).expect("writes");
        assert!(text.contains("date: \"2026-03-29\""), "{text}");
        assert!(
            text.contains("created: \"2026-03-29T00:30:05.123456789+01:00\""),
            "{text}"
        );
    }

    #[test]
    fn a_day_out_of_range_in_the_cache_is_a_flaw_not_a_panic() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).expect("day");
        let created = DateTime::parse_from_rfc3339("2026-03-29T09:00:00Z").expect("moment");
        let entry = DiaryEntry::new(Id::generate(), day, created);
        let (tag, bytes) = encode_record(&AnyRecord::Diary(entry)).expect("encodes");
        // The day follows the format number and the id (1 + 1 + 26 bytes),
        // as a zigzag varint; put another in its place.
        let with_day = |n: i32| {
            let mut out = bytes[..28].to_vec();
            let mut v = ((n << 1) ^ (n >> 31)) as u32;
            while v >= 0x80 {
                out.push((v as u8) | 0x80);
                v >>= 7;
            }
            out.push(v as u8);
            let rest = &bytes[28..];
            let old_len = rest.iter().position(|b| b & 0x80 == 0).expect("varint end") + 1;
            out.extend_from_slice(&rest[old_len..]);
            out
        };
        let other = NaiveDate::from_ymd_opt(2027, 1, 2).expect("day");
        let Ok(AnyRecord::Diary(back)) = decode_record(tag, &with_day(other.num_days_from_ce()))
        else {
            panic!("a day in range decodes");
        };
        assert_eq!(back.date, other);
        assert!(decode_record(tag, &with_day(i32::MAX)).is_err());
    }
}
