//! The demo workspace (placeholder being replaced by the full story).

use crate::store::{FileState, SaveError, Workspace};
use chrono::{DateTime, FixedOffset};

pub fn write_demo(
    _ws: &Workspace,
    _header: Option<&FileState>,
    _extra: usize,
    _now: DateTime<FixedOffset>,
) -> Result<String, SaveError> {
    Ok(String::new())
}
