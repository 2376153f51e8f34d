//! What the app knows of the workspace: the header, the records with their
//! revision, the state of each file read, and the problems met reading them.
//!
//! The records change only through their own mutators
//! ([`Revised::change`], [`Revised::replace`]), and each mutator bumps
//! their revision, so anything worked out from the records (the screens'
//! derived data, the search index, the load cache) notices a change by
//! comparing the revision it was worked out at, and nobody has to tell it.

use crate::domain::{Records, WorkspaceHeader};
use crate::store::{FileMap, FileState, Problem};
use std::ops::Deref;
use std::sync::Arc;

/// A value with a revision that goes up whenever it is changed: read it
/// through `Deref`, change it through [`Revised::change`] or
/// [`Revised::replace`], the only ways in.
#[derive(Debug, Default)]
pub struct Revised<T> {
    /// Shared, while it runs, with background work derived from it (the
    /// search index and the Progress figures after a load).
    value: Arc<T>,
    rev: u64,
}

impl<T> Revised<T> {
    pub fn new(value: Arc<T>) -> Revised<T> {
        Revised { value, rev: 0 }
    }

    /// Goes up with every change: work derived from the value keeps the
    /// revision it was worked out at and is redone when this differs.
    pub fn rev(&self) -> u64 {
        self.rev
    }

    /// The value, to share with background work (no copy).
    pub fn shared(&self) -> Arc<T> {
        Arc::clone(&self.value)
    }

    /// Puts `value` in place of the held one, which is returned (to be
    /// freed where it costs nothing); the revision goes up.
    pub fn replace(&mut self, value: Arc<T>) -> Arc<T> {
        self.rev += 1;
        std::mem::replace(&mut self.value, value)
    }
}

impl<T: Clone> Revised<T> {
    /// The value, to change it; the revision goes up. It is copied first
    /// only if background work still reads it (a save in the moment after
    /// a load arrived, while its Progress figures are worked out).
    pub fn change(&mut self) -> &mut T {
        self.rev += 1;
        Arc::make_mut(&mut self.value)
    }

    /// The value, changed behind its revision's back: for tests showing
    /// that work derived from it is not redone until the revision moves.
    #[cfg(test)]
    pub fn change_unnoticed(&mut self) -> &mut T {
        Arc::make_mut(&mut self.value)
    }
}

impl<T> Deref for Revised<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// The workspace as the app holds it in memory.
#[derive(Debug, Default)]
pub struct Model {
    pub header: WorkspaceHeader,
    /// The header file as read or last written, to guard the next write.
    pub header_state: Option<FileState>,
    pub records: Revised<Records>,
    /// Each record's file as read or last written, by the record's id.
    pub files: FileMap,
    /// Files that could not be read, or are protected.
    pub problems: Vec<Problem>,
    /// All records are in memory (the background load finished).
    pub complete: bool,
    /// How many diary files exist (known before they are all read).
    pub diary_total: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mutator_of_the_records_bumps_their_revision() {
        let mut records = Revised::new(Arc::new(Records::default()));
        assert_eq!(records.rev(), 0);
        let _ = records.change();
        assert_eq!(records.rev(), 1);
        let old = records.replace(Arc::new(Records::default()));
        assert_eq!(records.rev(), 2);
        drop(old);
        // Reading and sharing change nothing.
        let _ = records.diary.len();
        let _ = records.shared();
        assert_eq!(records.rev(), 2);
    }
}
