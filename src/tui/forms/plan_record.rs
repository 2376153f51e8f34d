//! The forms of the plan's records (needs, objectives, activities, practice
//! records) share everything but their fields: a record type says how it is
//! found, made blank, shown as fields and read back from them, and
//! `PlanSpec` does the rest (title, draft, restore, save, status) once.

use super::field::Fields;
use super::{Advice, Engine, FieldError, RecordForm, Spec};
use crate::domain::{AnyRecord, CriteriaSet, Draft, DraftForm, Id, Records};
use crate::store::StoredRecord;
use crate::tui::App;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The moment a record is saved.
pub type Now = DateTime<FixedOffset>;

/// A record of the plan as its form sees it: what a plan form's file writes
/// (its id and file come from the store's `StoredRecord`).
pub trait PlanRecord: StoredRecord + std::fmt::Debug {
    /// The drafts this form keeps.
    const DRAFT: DraftForm;
    /// The frame's title: `[new, edit]`.
    const TITLES: [&'static str; 2];
    /// What the status line says was saved: "Need saved".
    const WHAT: &'static str;
    /// A new, blank record, made at `at`.
    fn blank(at: DateTime<FixedOffset>) -> Self;
    /// The record with `id`, as it is now.
    fn find<'a>(records: &'a Records, id: &Id) -> Option<&'a Self>;
    /// The fields that edit this record.
    fn fields(&self, records: &Records, criteria: Option<&CriteriaSet>) -> Fields;
    /// This record with the fields written over it, or the field to fix.
    fn read(
        &self,
        f: &Fields,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<Self, FieldError>;
    /// What the status line says was saved, when it is not `WHAT`.
    fn what(&self) -> String {
        Self::WHAT.into()
    }
    fn into_any(self) -> AnyRecord;
    /// Advice drawn beside the form; `self` is the record before editing.
    fn advice(&self, _fields: &Fields, _app: &App) -> Option<Advice> {
        None
    }
    /// After a field changed (and once the fields are built or restored):
    /// labels or defaults that follow it.
    fn changed(_fields: &mut Fields) {}
}

/// A plan record's kind: its drafts and `AnyRecord` variant (one name),
/// where the records keep it, what a save is called and the frame's titles.
/// `kind!(Need, needs, "Need", ["New need", "Edit need"]);` inside its
/// `PlanRecord` impl.
macro_rules! kind {
    ($variant:ident, $list:ident, $what:literal, $titles:expr) => {
        const DRAFT: $crate::domain::DraftForm = $crate::domain::DraftForm::$variant;
        const TITLES: [&'static str; 2] = $titles;
        const WHAT: &'static str = $what;
        fn find<'a>(
            records: &'a $crate::domain::Records,
            id: &$crate::domain::Id,
        ) -> Option<&'a Self> {
            records.$list.iter().find(|r| &r.id == id)
        }
        fn into_any(self) -> $crate::domain::AnyRecord {
            $crate::domain::AnyRecord::$variant(self)
        }
    };
}
pub(super) use kind;

/// The spec of a plan record's form.
#[derive(Debug)]
pub struct PlanSpec<R> {
    /// The record before editing (or a blank new one): keeps the id, the
    /// creation time and anything the form does not show.
    pub base: R,
    /// True when editing a record that exists on disk.
    pub editing: bool,
}

/// An open plan record form.
pub type PlanForm<R> = Engine<PlanSpec<R>>;

impl<R: PlanRecord> Engine<PlanSpec<R>> {
    /// A form for `record`; `editing` when it already exists on disk.
    pub fn new(
        record: R,
        editing: bool,
        records: &Records,
        criteria: Option<&CriteriaSet>,
    ) -> Self {
        let mut fields = record.fields(records, criteria);
        R::changed(&mut fields);
        Engine::build(
            PlanSpec {
                base: record,
                editing,
            },
            fields,
        )
    }

    /// A form holding a draft that was offered back: for the record it was
    /// editing while that is still there, else for a new one.
    pub fn from_draft(draft: &Draft, records: &Records, criteria: Option<&CriteriaSet>) -> Self {
        let existing = draft.editing.as_ref().and_then(|id| R::find(records, id));
        let mut form = Engine::of_draft(
            draft,
            existing,
            || R::blank(draft.saved_at),
            |record, editing| Self::new(record, editing, records, criteria),
        );
        R::changed(&mut form.fields);
        form
    }

    /// The record to save, or the field to fix and why.
    pub fn to_record(&self, today: NaiveDate, now: DateTime<FixedOffset>) -> Result<R, FieldError> {
        self.spec.base.read(&self.fields, today, now)
    }
}

impl<R: PlanRecord> Spec for PlanSpec<R> {
    fn record(&self) -> Option<RecordForm> {
        RecordForm::of(R::DRAFT, R::TITLES, self.editing, self.base.id())
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let record = self.base.read(fields, app.today, app.now)?;
        let what = record.what();
        app.save_plan_record(record.into_any(), self.editing, &what)
    }

    fn advice(&self, fields: &Fields, app: &App) -> Option<Advice> {
        self.base.advice(fields, app)
    }

    fn changed(&mut self, fields: &mut Fields) {
        R::changed(fields);
    }
}
