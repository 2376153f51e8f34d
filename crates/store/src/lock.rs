//! One writer per workspace: an OS file lock on `.lock`, which also records who
//! holds it. The OS releases the lock when the holder exits or is killed, so a
//! crashed app never leaves the workspace locked.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Who holds a workspace lock, as written in the lock file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LockHolder {
    pub pid: Option<u32>,
    pub host: String,
    pub started: String,
}

impl std::fmt::Display for LockHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pid {
            Some(pid) => write!(
                f,
                "starlog (process {pid} on {}, started {})",
                if self.host.is_empty() {
                    "this computer"
                } else {
                    &self.host
                },
                if self.started.is_empty() {
                    "at an unknown time"
                } else {
                    &self.started
                }
            ),
            None => write!(f, "another starlog"),
        }
    }
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("this workspace is open in {0}; close it there, or open this one read-only")]
    Held(LockHolder),
    #[error(
        "{} is not a lock file starlog made ({reason}); starlog will not write into it. Move it out of the workspace, then try again",
        path.display()
    )]
    NotOurs { path: PathBuf, reason: &'static str },
    #[error("could not use the lock file {}: {}", path.display(), crate::io_reason(source))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// A held workspace lock; dropping it releases the lock.
#[derive(Debug)]
pub struct WorkspaceLock {
    file: File,
    path: PathBuf,
}

impl WorkspaceLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for WorkspaceLock {
    fn drop(&mut self) {
        // Leave the file in place (it is never renamed or deleted, so two
        // processes always lock the same inode); just clear who held it.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

fn parse_holder(text: &str) -> LockHolder {
    let mut holder = LockHolder::default();
    for line in text.lines() {
        if let Some((key, value)) = line.split_once('=') {
            match key.trim() {
                "pid" => holder.pid = value.trim().parse().ok(),
                "host" => holder.host = value.trim().to_string(),
                "started" => holder.started = value.trim().to_string(),
                _ => {}
            }
        }
    }
    holder
}

/// Reads who holds the lock at `path` (best effort; empty when unknown).
pub fn read_holder(path: &Path) -> LockHolder {
    let mut text = String::new();
    match File::open(path) {
        Ok(mut f) => {
            let _ = f.read_to_string(&mut text);
            parse_holder(&text)
        }
        Err(_) => LockHolder::default(),
    }
}

/// True when `text` is what [`acquire`] writes (or nothing at all): the only
/// content starlog will ever truncate.
fn looks_like_a_lock(text: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(text) else {
        return false;
    };
    text.len() <= 4096
        && text.lines().all(|line| {
            line.is_empty()
                || line
                    .split_once('=')
                    .is_some_and(|(k, _)| matches!(k, "pid" | "host" | "started"))
        })
}

/// Opens the lock file, refusing anything starlog did not make: a link (to a
/// file elsewhere, which would be written and then emptied), a file with a
/// second name (a hard link), anything but a plain file, or a file holding
/// something other than a lock.
fn open_lock_file(path: &Path) -> Result<File, LockError> {
    let io_err = |source| LockError::Io {
        path: path.to_path_buf(),
        source,
    };
    let not_ours = |reason| LockError::NotOurs {
        path: path.to_path_buf(),
        reason,
    };
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(not_ours("it is a link to another file"));
        }
        Ok(meta) if !meta.is_file() => return Err(not_ours("it is not a plain file")),
        _ => {}
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never follow a link swapped in since the check above.
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = match options.open(path) {
        Ok(file) => file,
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(not_ours("it is a link to another file"));
        }
        Err(e) => return Err(io_err(e)),
    };
    let meta = file.metadata().map_err(io_err)?;
    if !meta.is_file() {
        return Err(not_ours("it is not a plain file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(not_ours("it is another name of a file elsewhere"));
        }
    }
    let mut text = Vec::new();
    (&mut file)
        .take(4097)
        .read_to_end(&mut text)
        .map_err(io_err)?;
    if !looks_like_a_lock(&text) {
        return Err(not_ours("it holds something else"));
    }
    Ok(file)
}

/// Takes the workspace lock at `path` without waiting.
pub fn acquire(path: &Path, started: &str) -> Result<WorkspaceLock, LockError> {
    let io_err = |source| LockError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = open_lock_file(path)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(LockError::Held(read_holder(path)));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(io_err(e)),
    }
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let text = format!(
        "pid={}\nhost={}\nstarted={}\n",
        std::process::id(),
        host,
        started
    );
    file.set_len(0).map_err(io_err)?;
    file.seek(SeekFrom::Start(0)).map_err(io_err)?;
    // Not fsynced (it cost every start up to 20 ms on a busy disk): the
    // text only names the holder in a message to another starlog, which
    // reads it from the same page cache; the lock itself is the file lock,
    // which a crash releases, and the next holder writes its own text.
    file.write_all(text.as_bytes()).map_err(io_err)?;
    Ok(WorkspaceLock {
        file,
        path: path.to_path_buf(),
    })
}
