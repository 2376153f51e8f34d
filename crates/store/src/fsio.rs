//! Durable file operations: atomic replace, create-only-if-new, folder fsync,
//! private permissions and stale temp-file cleanup.
//!
//! A crash at any moment leaves either the old or the new file, never half of
//! one: we write a temp file in the same folder, `sync_all` it, rename it over
//! the target and then fsync the folder so the rename itself is durable.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Temp files start with this and end with `.tmp`, so they can never be
/// mistaken for records (which end in `.ron`).
pub const TEMP_PREFIX: &str = ".starlog-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Creates `dir` and its parents, private to the user on Unix.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Makes sure `dir`, a folder inside the workspace folder `base`, is a real
/// folder there: each missing level is created private, and a level that is
/// a link (which may lead out of the workspace) or a file is refused. Nothing
/// the store writes, moves or deletes ever goes through a link.
pub fn ensure_dir_within(base: &Path, dir: &Path) -> io::Result<()> {
    let rel = dir.strip_prefix(base).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is outside the workspace", dir.display()),
        )
    })?;
    let mut at = base.to_path_buf();
    for part in rel.components() {
        let std::path::Component::Normal(name) = part else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is outside the workspace", dir.display()),
            ));
        };
        at.push(name);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(link_refused(&at)),
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} is a file where starlog keeps a folder", at.display()),
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                #[cfg_attr(not(unix), allow(unused_mut))] // set private on Unix only
                let mut builder = fs::DirBuilder::new();
                #[cfg(unix)]
                {
                    use std::os::unix::fs::DirBuilderExt;
                    builder.mode(0o700);
                }
                match builder.create(&at) {
                    Ok(()) => {}
                    // Made meanwhile by another starlog: check it again.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                        if !fs::symlink_metadata(&at)?.is_dir() {
                            return Err(link_refused(&at));
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The error for a link met where the store would write.
pub fn link_refused(path: &Path) -> io::Error {
    io::Error::other(format!(
        "{} is a link to somewhere else, and starlog never writes, moves or deletes through a link (it could reach files outside the workspace). Replace the link with an ordinary folder or file",
        path.display()
    ))
}

/// Whether a plain file, by its metadata, is already as [`make_private`]
/// leaves it (0600 on Unix; always elsewhere).
pub fn is_private(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o777 == 0o600
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

/// Makes a file or folder private to its owner (0600 / 0700) on Unix.
/// Returns true when the permissions had to be changed.
pub fn make_private(path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::symlink_metadata(path)?;
        if meta.file_type().is_symlink() {
            return Ok(false);
        }
        let want = if meta.is_dir() { 0o700 } else { 0o600 };
        let mode = meta.permissions().mode() & 0o777;
        if mode != want {
            fs::set_permissions(path, fs::Permissions::from_mode(want))?;
            return Ok(true);
        }
        Ok(false)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(false)
    }
}

/// fsync a folder so that a rename or a new name inside it survives a crash.
/// A no-op where folders cannot be opened (Windows).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

fn temp_file_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    // tempfile creates the file 0600 on Unix.
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
}

fn write_temp(dir: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut tmp = temp_file_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Renames with a short retry on Windows, where a virus scanner or indexer may
/// briefly hold the target open and the rename fails with PermissionDenied.
fn persist_with_retry(
    mut tmp: tempfile::NamedTempFile,
    target: &Path,
    overwrite: bool,
) -> io::Result<()> {
    let mut attempt = 0;
    loop {
        let result = if overwrite {
            tmp.persist(target)
        } else {
            tmp.persist_noclobber(target)
        };
        match result {
            Ok(_) => return Ok(()),
            Err(e) => {
                let retry = cfg!(windows)
                    && e.error.kind() == io::ErrorKind::PermissionDenied
                    && attempt < 10;
                if !retry {
                    return Err(e.error);
                }
                tmp = e.file;
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(20 * attempt));
            }
        }
    }
}

/// Atomically replaces (or creates) `target` with `bytes`, durably.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_of(target)?;
    create_private_dir(&dir)?;
    let tmp = write_temp(&dir, bytes)?;
    persist_with_retry(tmp, target, true)?;
    sync_dir(&dir)
}

/// Like [`write_atomic`], for a file too large to build in memory first:
/// `fill` writes the contents through a buffer into the temp file.
pub fn write_atomic_streamed(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = parent_of(target)?;
    create_private_dir(&dir)?;
    let tmp = temp_file_in(&dir)?;
    {
        let mut out = io::BufWriter::with_capacity(1 << 16, tmp.as_file());
        fill(&mut out)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    persist_with_retry(tmp, target, true)?;
    sync_dir(&dir)
}

/// Atomically creates `target` with `bytes`; fails with `AlreadyExists` rather
/// than replace a file that is there. Used for new records, so a capture
/// command can never clobber a record the open app wrote.
pub fn create_new_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_of(target)?;
    create_private_dir(&dir)?;
    let tmp = write_temp(&dir, bytes)?;
    persist_with_retry(tmp, target, false)?;
    sync_dir(&dir)
}

/// Atomically creates `target` with what `fill` writes into the temp file
/// (streamed, so a large attachment is never held in memory); fails with
/// `AlreadyExists` rather than replace a file that is there.
pub fn create_new_streamed(
    target: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = parent_of(target)?;
    create_private_dir(&dir)?;
    let mut tmp = temp_file_in(&dir)?;
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    persist_with_retry(tmp, target, false)?;
    sync_dir(&dir)
}

fn parent_of(target: &Path) -> io::Result<PathBuf> {
    target
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "a file needs a folder"))
}

/// True for the names of our temp files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Removes temp files left in `dir` by a crash. Only our own temp names are
/// touched. Returns how many were removed.
pub fn remove_stale_temps(dir: &Path) -> io::Result<usize> {
    let mut removed = 0;
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            removed += remove_stale_temps(&entry.path())?;
        } else if kind.is_file() && is_temp_name(name) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// Opens a file for appending, creating it private.
pub fn open_append_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}
