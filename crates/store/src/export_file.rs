//! Writing an exported portfolio to a file the learner chose (outside the
//! workspace as a rule), and where it goes unless they choose.

use chrono::NaiveDate;
use starlog_core::export::{Format, file_name};
use std::path::{Path, PathBuf};

/// What is at the path an export is to be written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing yet: the export creates it.
    New,
    /// A plain file the learner's own: replaced only when they say so.
    Existing,
}

/// Checks where an export may go, before anything is built: never over a
/// link, a folder or a device, never inside a workspace (it could replace a
/// record), and never into a folder that does not exist. The message is in
/// the learner's words.
pub fn check_target(path: &std::path::Path) -> Result<Target, String> {
    use std::path::Path;
    let shown = path.display();
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(format!(
                "{shown} is a link to another file; starlog writes a portfolio only to an ordinary file: choose another name"
            ));
        }
        Ok(meta) if meta.is_dir() => {
            return Err(format!("{shown} is a folder: add a file name"));
        }
        Ok(meta) if !meta.is_file() => {
            return Err(format!(
                "{shown} is not an ordinary file (a device or a pipe?): choose another name"
            ));
        }
        Ok(_) => Target::Existing,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Target::New,
        Err(e) => {
            return Err(format!(
                "could not look at {shown}: {}",
                crate::io_reason(&e)
            ));
        }
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = match std::fs::canonicalize(dir) {
        Ok(dir) if dir.is_dir() => dir,
        _ => {
            return Err(format!(
                "the folder {} does not exist: create it first, or choose another",
                dir.display()
            ));
        }
    };
    if let Some(ws) = dir
        .ancestors()
        .find(|d| d.join(crate::HEADER_FILE).is_file())
    {
        return Err(format!(
            "{shown} is inside the workspace {}, where it could replace a record: choose a folder outside it (your Documents folder, say)",
            ws.display()
        ));
    }
    Ok(target)
}

/// Writes an export to `path` whole (a temporary file beside it, synced, then
/// renamed over), so a reader or a crash never leaves half a portfolio. An
/// existing file is replaced only when `overwrite` is set (the learner said
/// so); one that appeared meanwhile is never replaced.
pub fn write_file(path: &std::path::Path, bytes: &[u8], overwrite: bool) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if overwrite {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// Where a portfolio is saved unless the learner says otherwise: the
/// Documents folder (else home, else the current folder), named for the
/// learner and the day.
pub fn default_path(name: &str, today: NaiveDate, format: Format) -> PathBuf {
    let dir = directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| PathBuf::from("."));
    dir.join(file_name(name, today, format))
}
