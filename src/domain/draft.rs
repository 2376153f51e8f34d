//! An unsaved diary form, kept so that typed text survives a crash, Ctrl-C or
//! a closed terminal window, and is offered back on the next start.

use super::{DiaryEntry, Id};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub format: u32,
    /// The draft's own id (its file name), one per editing session.
    pub id: Id,
    pub saved_at: DateTime<FixedOffset>,
    /// The entry being edited, when the form was editing an existing one.
    #[serde(default)]
    pub editing: Option<Id>,
    /// The form's contents; the date field as typed, which may not parse yet.
    pub date_text: String,
    pub entry: DiaryEntry,
}
