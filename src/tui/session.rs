//! This run of the app against its workspace: the workspace handle (which
//! holds the lock when opened for writing), why nothing can be saved when
//! so, what `u` can undo, and what this session saved, trashed and left as
//! drafts.

use crate::domain::{AnyRecord, Draft, Id};
use crate::store::{Deletion, FileState, Workspace};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct Session {
    /// The workspace, when there is one behind the app (tests have none).
    pub ws: Option<Workspace>,
    /// Why changes cannot be saved (another app holds the lock, say).
    pub read_only_reason: Option<String>,
    /// Deletions `u` can undo, the last one last (kept by the store, so
    /// they outlive the app).
    pub undo: Vec<Deletion>,
    /// Records saved in this session, so a background load that started
    /// earlier cannot bring back an old state of them.
    pub saved: HashMap<Id, (AnyRecord, FileState)>,
    /// Records trashed in this session, for the same reason.
    pub trashed: Vec<Id>,
    /// Drafts of earlier sessions still to offer.
    pub pending_drafts: Vec<Draft>,
    /// The last draft discarded, for `u` to bring back.
    pub discarded_draft: Option<Draft>,
}
