//! The forms that add or change one record saved whole (needs, objectives,
//! activities, practice records, witness statements, coaching sessions)
//! share everything but their fields: a record type says how it is found,
//! made blank, shown as fields and read back from them, and `RecordSpec`
//! does the rest (title, draft, restore, save, status) once.

use super::field::{Field, Fields};
use super::{Advice, Engine, FieldError, RecordForm, Spec};
use crate::domain::{AnyRecord, CriteriaSet, Draft, DraftForm, Id, Records};
use crate::store::StoredRecord;
use crate::tui::App;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The moment a record is saved.
pub type Now = DateTime<FixedOffset>;

/// A record as its form sees it: what a record form's file writes (its id
/// and file come from the store's `StoredRecord`).
pub trait FormRecord: StoredRecord + std::fmt::Debug {
    /// The drafts this form keeps.
    const DRAFT: DraftForm;
    /// The frame's title: `[new, edit]`.
    const TITLES: [&'static str; 2];
    /// What the status line says was saved: "Need saved".
    const WHAT: &'static str;
    /// What the form is called in the learner's words (a kept draft is
    /// "a development need"), starting lower-case.
    const NAME: &'static str;
    /// A new, blank record, made at `at`.
    fn blank(at: DateTime<FixedOffset>) -> Self;
    /// The record with `id`, as it is now.
    fn find(records: &Records, id: &Id) -> Option<Self>;
    /// The question over the assessment criteria the record gives
    /// evidence for: the engine builds that field and reads it back.
    const CRITERIA: &'static str;
    /// The fields that edit this record, `criteria` (the engine's ticks of
    /// the assessment criteria) among them.
    fn fields(&self, records: &Records, criteria: Field) -> Vec<Field>;
    /// This record with the fields written over it (but the criteria), or
    /// the field to fix.
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
    /// The assessment criteria it gives evidence for.
    fn criteria(&mut self) -> &mut Vec<String>;
    /// Advice drawn beside the form; `self` is the record before editing.
    fn advice(&self, _fields: &Fields, _app: &App) -> Option<Advice> {
        None
    }
    /// After a field changed (and once the fields are built or restored):
    /// labels or defaults that follow it.
    fn changed(_fields: &mut Fields) {}
    /// Saves `self`, read from the form, and selects it; `before` is the
    /// record as the form opened. `Ok` carries the status message: "Need
    /// saved", "Need changes saved".
    fn save(self, _before: &Self, editing: bool, app: &mut App) -> Result<String, FieldError> {
        let what = self.what();
        app.save_plan_record(self.into_any(), editing, &what)
    }
}

/// A record's kind: its drafts and `AnyRecord` variant (one name), what a
/// save is called, what the form is called and the frame's titles:
/// `kind!(Need, "Need", "development need", ["New need", "Edit need"]);`
/// inside its `FormRecord` impl.
macro_rules! kind {
    ($variant:ident, $what:literal, $name:literal, $titles:expr) => {
        const DRAFT: $crate::domain::DraftForm = $crate::domain::DraftForm::$variant;
        const TITLES: [&'static str; 2] = $titles;
        const WHAT: &'static str = $what;
        const NAME: &'static str = $name;
        fn find(records: &$crate::domain::Records, id: &$crate::domain::Id) -> Option<Self> {
            match records.get(id)? {
                $crate::domain::AnyRecord::$variant(r) => Some(r),
                _ => None,
            }
        }
        fn into_any(self) -> $crate::domain::AnyRecord {
            $crate::domain::AnyRecord::$variant(self)
        }
        fn criteria(&mut self) -> &mut Vec<String> {
            &mut self.criteria
        }
    };
}
pub(super) use kind;

/// The spec of a record's form.
#[derive(Debug)]
pub struct RecordSpec<R> {
    /// The record before editing (or a blank new one): keeps the id, the
    /// creation time and anything the form does not show.
    pub base: R,
    /// True when editing a record that exists on disk.
    pub editing: bool,
}

/// An open record form.
pub type RecordEngine<R> = Engine<RecordSpec<R>>;

impl<R: FormRecord> Engine<RecordSpec<R>> {
    /// A form for `record`; `editing` when it already exists on disk.
    pub fn new(
        mut record: R,
        editing: bool,
        records: &Records,
        criteria: Option<&CriteriaSet>,
    ) -> Self {
        let criteria = Field::criteria(R::CRITERIA, criteria, record.criteria());
        let mut fields = Fields::new(record.fields(records, criteria));
        R::changed(&mut fields);
        Engine::build(
            RecordSpec {
                base: record,
                editing,
            },
            fields,
        )
    }

    /// A form for a new record, made now.
    pub fn blank(app: &App) -> Self {
        Self::new(
            R::blank(app.now),
            false,
            &app.model.records,
            app.criteria.as_ref(),
        )
    }

    /// A form changing `record`, which exists on disk.
    pub fn editing(record: R, app: &App) -> Self {
        Self::new(record, true, &app.model.records, app.criteria.as_ref())
    }

    /// A form holding a draft that was offered back: for the record it was
    /// editing while that is still there, else for a new one.
    pub fn from_draft(draft: &Draft, records: &Records, criteria: Option<&CriteriaSet>) -> Self {
        let existing = draft.editing.as_ref().and_then(|id| R::find(records, id));
        Engine::of_draft(
            draft,
            existing.as_ref(),
            || R::blank(draft.saved_at),
            |record, editing| Self::new(record, editing, records, criteria),
        )
    }

    /// The record to save, or the field to fix and why.
    pub fn to_record(&self, today: NaiveDate, now: DateTime<FixedOffset>) -> Result<R, FieldError> {
        self.spec.read(&self.fields, today, now)
    }
}

impl<R: FormRecord> RecordSpec<R> {
    /// The record the fields describe, the assessment criteria ticked
    /// included, or the field to fix and why.
    fn read(&self, fields: &Fields, today: NaiveDate, now: Now) -> Result<R, FieldError> {
        let mut record = self.base.read(fields, today, now)?;
        *record.criteria() = fields.picked("criteria");
        Ok(record)
    }
}

impl<R: FormRecord> Spec for RecordSpec<R> {
    fn record(&self) -> Option<RecordForm> {
        RecordForm::of(R::DRAFT, R::TITLES, self.editing, self.base.id())
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let record = self.read(fields, app.today, app.now)?;
        record.save(&self.base, self.editing, app)
    }

    fn advice(&self, fields: &Fields, app: &App) -> Option<Advice> {
        self.base.advice(fields, app)
    }

    fn changed(&mut self, fields: &mut Fields) {
        R::changed(fields);
    }
}
