//! `starlog import jrnl FILE` / `starlog import tui-journal FILE`: copy another
//! journal's entries into the diary and say what was added and what was not.

use super::{Failure, now};
use crate::import::{self, ImportError, Source};
use crate::store::{Mode, Workspace};
use std::io::Write;
use std::path::Path;

/// Runs an import; only creates new files, so it works beside the open app.
pub fn run(root: &Path, workspace: &str, source: Source, file: &Path) -> Result<u8, Failure> {
    let ws = Workspace::open(root, workspace, Mode::Capture)?;
    let report = import::import_file(&ws, source, file, now()).map_err(|e| match e {
        ImportError::Save(e) => Failure::Save(e),
        other => Failure::Usage(other.to_string()),
    })?;
    let mut err = super::out::Out::stderr();
    for skipped in &report.skipped {
        let _ = writeln!(err, "skipped: {skipped}");
    }
    if report.added.is_empty() && report.already.is_empty() {
        drop(err);
        return Err(Failure::Usage(format!(
            "nothing could be imported from {}: {}",
            file.display(),
            match source {
                Source::Jrnl => {
                    "starlog reads jrnl's own journal file, `jrnl --export json` and `jrnl --export md`"
                }
                Source::TuiJournal => {
                    "starlog reads tui-journal's JSON export and its JSON storage file"
                }
            }
        )));
    }
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut summary = format!(
        "Imported {} {} from {name} ({}) into {}",
        report.added.len(),
        if report.added.len() == 1 {
            "entry"
        } else {
            "entries"
        },
        source.name(),
        ws.dir().display()
    );
    if !report.already.is_empty() {
        summary.push_str(&format!(
            "; {} already imported before, left as they are",
            report.already.len()
        ));
    }
    if !report.skipped.is_empty() {
        summary.push_str(&format!(
            "; {} could not be imported (listed above)",
            report.skipped.len()
        ));
    }
    drop(err);
    let mut out = super::out::Out::stdout();
    let _ = writeln!(out, "{summary}.");
    out.finish()?;
    Ok(0)
}
