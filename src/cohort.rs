//! Writes a generated cohort (`starlog_core::cohort`) to disk as a caseload
//! root: one workspace folder per learner. For the caseload benchmark and
//! tests only: files are written plainly, without the store's fsyncs, or a
//! root of 200,000 records would take minutes to set up.

use crate::domain::{Records, WorkspaceHeader};
use crate::store::{HEADER_FILE, StoredRecord, codec};
use chrono::NaiveDate;
use std::io;
use std::path::Path;

pub use starlog_core::cohort::{folder, learner};

fn write_one<T: StoredRecord>(dir: &Path, record: &T) -> io::Result<()> {
    let path = dir.join(record.rel_path());
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let text = codec::encode(record).map_err(|e| io::Error::other(e.to_string()))?;
    std::fs::write(path, text)
}

fn write_all<T: StoredRecord>(dir: &Path, records: &[T]) -> io::Result<()> {
    records.iter().try_for_each(|r| write_one(dir, r))
}

/// Writes one learner's workspace into `dir` (made if needed).
pub fn write_workspace(dir: &Path, header: &WorkspaceHeader, r: &Records) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let text = codec::encode(header).map_err(|e| io::Error::other(e.to_string()))?;
    std::fs::write(dir.join(HEADER_FILE), text)?;
    write_all(dir, &r.diary)?;
    write_all(dir, &r.needs)?;
    write_all(dir, &r.objectives)?;
    write_all(dir, &r.activities)?;
    write_all(dir, &r.feedback)?;
    write_all(dir, &r.kpis)?;
    write_all(dir, &r.reviews)?;
    write_all(dir, &r.evidence)?;
    write_all(dir, &r.witnesses)?;
    write_all(dir, &r.signoffs)?;
    write_all(dir, &r.practice)
}

/// Writes `learners` generated learners of about `records` records each
/// under `root` (`root/learner-000`, ...), as of `today`.
pub fn write_root(
    root: &Path,
    learners: usize,
    records: usize,
    today: NaiveDate,
) -> io::Result<()> {
    for i in 0..learners {
        let (header, r) = learner(i, records, today);
        write_workspace(&root.join(folder(i)), &header, &r)?;
    }
    Ok(())
}
