//! The form engine: the open form, whichever it is, and what every form can
//! do. `field` holds the field kinds and their keys, `picker` the tick lists;
//! each other file here is one form's spec.

pub mod act;
pub mod activity;
pub mod attach;
pub mod coaching;
pub mod export;
pub mod feedback;
pub mod feedback_filter;
pub mod field;
pub mod kpi;
pub mod need;
pub mod objective;
pub mod picker;
pub mod practice;
pub mod profile;
pub mod record;
pub mod reflection;
pub mod review;
pub mod signoff;
pub mod star;
#[cfg(test)]
mod tests;
pub mod view;
/// What the forms' unit tests share: the moment they run at and a typed key.
#[cfg(test)]
pub(crate) mod testkit {
    use chrono::{DateTime, FixedOffset};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// 23 November 2026, 10:00 UTC.
    pub fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00+00:00").expect("test time")
    }

    /// The day of `now`.
    pub fn today() -> chrono::NaiveDate {
        now().date_naive()
    }

    /// Feedback given `now`, with a fixed id.
    pub fn feedback(
        source: crate::domain::FeedbackSource,
        method: crate::domain::FeedbackMethod,
        valence: crate::domain::Valence,
        text: &str,
    ) -> crate::domain::Feedback {
        let id = crate::domain::Id::from_parts(3, [3; 10]);
        crate::domain::Feedback::new(id, today(), now(), source, method, valence, text.into())
    }

    /// The key of a typed character.
    pub fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// Gives `code` to the form as the app does (the key table's field
    /// rows first). Returns true when a value changed.
    pub fn press(form: &mut dyn super::FormState, code: KeyCode) -> bool {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        super::give_key(form, &crate::tui::keymap::Keymap::default(), &key)
    }

    /// Types `text` into the focused field, key by key.
    pub fn type_text(form: &mut dyn super::FormState, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    /// Types each text into its field, in order.
    pub fn fill<S: super::Spec>(form: &mut super::Engine<S>, texts: &[(&str, &str)]) {
        for (name, text) in texts {
            type_in(form, name, text);
        }
    }

    /// Moves to the field `name` and types `text` there.
    pub fn type_in<S: super::Spec>(form: &mut super::Engine<S>, name: &str, text: &str) {
        form.fields.focus_on(name);
        type_text(form, text);
    }
}
pub mod witness;

use self::act::ActForm;
use self::feedback::FeedbackForm;
use self::kpi::KpiForm;
use self::reflection::ReflectionForm;
use self::review::ReviewForm;
use crate::domain::{Draft, DraftForm, Id, Records};
use chrono::{DateTime, FixedOffset};
pub use field::FieldId;
use field::Fields;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

/// The focused text field of a form: paste and $EDITOR work through it.
pub struct FocusedText<'a> {
    pub area: &'a mut TextArea<'static>,
    /// Holds several lines (Enter makes a newline); $EDITOR edits only these.
    pub multi_line: bool,
}

/// What the app asks of every form.
pub trait FormState {
    /// Gives a key to the focused field. Returns true when the text changed.
    fn handle_key(&mut self, key: &KeyEvent) -> bool;
    /// Moves the focus `step` fields on (negative: back), wrapping around.
    fn next_field(&mut self, step: isize);
    /// Something was typed since the form opened (Esc asks before closing).
    fn dirty(&self) -> bool;
    /// The focused text field, or `None` when the focus is not on text
    /// (a picker). Implementing this gives the form paste and Ctrl-E.
    fn focused_text(&mut self) -> Option<FocusedText<'_>> {
        None
    }
    /// Called when paste or the editor changed the focused text.
    fn text_changed(&mut self) {}
    /// Which of the key table's field rows apply to the focused field, or
    /// `None` when the form takes every key itself.
    fn focused_kind(&mut self) -> Option<field::FieldKind> {
        self.focused_text().map(|_| field::FieldKind::Text)
    }
    /// A field key from the key table (see `keymap`). Returns true when
    /// the value changed.
    fn field_action(&mut self, action: &crate::tui::Action) -> bool {
        let changed = self
            .focused_text()
            .is_some_and(|f| field::text_action(f.area, action));
        if changed {
            self.text_changed();
        }
        changed
    }
    /// Inserts pasted text into the focused field as one edit (one undo step).
    /// A single-line field gets the lines joined with spaces. Returns true
    /// when the text changed.
    fn paste(&mut self, text: &str) -> bool {
        let Some(field) = self.focused_text() else {
            return false;
        };
        let text = if field.multi_line {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.replace("\r\n", " ").replace(['\r', '\n'], " ")
        };
        let changed = field.area.insert_str(text);
        if changed {
            self.text_changed();
        }
        changed
    }
    /// The focused field's text for $EDITOR, or why it cannot be edited there.
    fn editor_text(&mut self) -> Result<String, &'static str> {
        match self.focused_text() {
            Some(f) if f.multi_line => Ok(f.area.lines().join("\n")),
            Some(_) => {
                Err("Ctrl-E opens long text fields in your editor; this one is a single line")
            }
            None => Err("Ctrl-E works in a text field; move to one with Tab"),
        }
    }
    /// Puts the editor's text in the focused field (Ctrl-Z brings
    /// the old text back). Returns true when the text changed.
    fn set_editor_text(&mut self, text: &str) -> bool {
        let Some(field) = self.focused_text() else {
            return false;
        };
        if field.area.lines().join("\n") == text {
            return false;
        }
        field.area.select_all();
        field.area.cut();
        field.area.insert_str(text);
        self.text_changed();
        true
    }
    /// The typed text as a draft (kept on Ctrl-C, SIGHUP and every 2 s idle),
    /// or `None` for forms that keep no drafts.
    fn to_draft(&self, _now: DateTime<FixedOffset>) -> Option<Draft> {
        None
    }
    /// True once, after a key that asks to apply a one-line form (Enter in
    /// the Feedback filter); the app then saves it as on Ctrl-S.
    fn take_submit(&mut self) -> bool {
        false
    }
}

/// A field that needs fixing before saving, and why: the form stays open
/// with the message at that field. `FieldId::NONE` (or `""`) names the
/// form as a whole: a save that failed on disk, kept in a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: FieldId,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<FieldId>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Gives a key the form's own keys left alone to the form, the way the app
/// does: the key table's rows for the focused field's kind first (a
/// choice's ↓, a list's Space, text's Ctrl-U), then the field itself.
/// Returns true when a value changed.
pub fn give_key(
    state: &mut dyn FormState,
    keymap: &crate::tui::keymap::Keymap,
    key: &KeyEvent,
) -> bool {
    let action = state
        .focused_kind()
        .and_then(|kind| keymap.resolve_field(kind, key));
    match action {
        Some(action) => state.field_action(&action),
        None => state.handle_key(key),
    }
}

/// How a piece of advice reads: the view picks the colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Bad,
    /// A suggestion or quality hint (never blocks saving).
    Hint,
    Heading,
    Dim,
}

/// Advice drawn with a form (the SMART check, STAR hints, a KPI's scale):
/// data only; the view wraps it so it is read in full at any width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Advice {
    pub title: String,
    /// Lines, each made of pieces in their tone.
    pub lines: Vec<Vec<(Tone, String)>>,
}

impl Advice {
    pub fn new(title: impl Into<String>) -> Advice {
        Advice {
            title: title.into(),
            lines: Vec::new(),
        }
    }

    pub fn line(&mut self, pieces: Vec<(Tone, String)>) {
        self.lines.push(pieces);
    }

    pub fn text(&mut self, tone: Tone, text: impl Into<String>) {
        self.lines.push(vec![(tone, text.into())]);
    }
}

/// What a form that adds or changes one record is, for the engine: the
/// title on its frame, the kind of draft it keeps, and the record being
/// changed (remembered by its drafts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordForm {
    pub draft: DraftForm,
    pub title: String,
    /// The record being changed; `None` for a new one.
    pub editing: Option<Id>,
}

impl RecordForm {
    /// The form adding a record, or (`editing`) changing the one with
    /// `id`; `titles` are the frame's title for each: `[new, edit]`.
    pub fn of(draft: DraftForm, titles: [&str; 2], editing: bool, id: &Id) -> Option<RecordForm> {
        Some(RecordForm {
            draft,
            title: titles[usize::from(editing)].to_string(),
            editing: editing.then(|| id.clone()),
        })
    }
}

impl RecordForm {
    /// A form that changes one feedback item (a reflection on it, an
    /// action on it), titled "`verb` positive feedback from a customer".
    pub fn on_feedback(
        draft: DraftForm,
        verb: &str,
        feedback: &crate::domain::Feedback,
    ) -> RecordForm {
        RecordForm {
            draft,
            title: format!(
                "{verb} {} feedback from {}",
                feedback.valence.label(),
                feedback.source.label()
            ),
            editing: Some(feedback.id.clone()),
        }
    }
}

/// What one form's spec file gives the engine: its title, how its fields
/// become a record and are saved, and what it advises. The fields
/// themselves are built by the spec's constructor.
pub trait Spec: std::fmt::Debug {
    /// For a form that adds or changes one record: its title, its kind of
    /// draft and the record it changes. `None` (a filter, the profile)
    /// keeps no draft and names its own title.
    fn record(&self) -> Option<RecordForm> {
        None
    }
    /// The title on the form's frame.
    fn title(&self) -> String {
        self.record().map(|r| r.title).unwrap_or_default()
    }
    /// Checks the fields, builds the record and saves it through `app`.
    /// `Ok` carries the status message; `Err` keeps the form open with the
    /// message at the field it names.
    fn submit(&mut self, fields: &Fields, app: &mut crate::tui::App) -> Result<String, FieldError>;
    /// Advice drawn with the form, from the fields as they stand.
    fn advice(&self, _fields: &Fields, _app: &crate::tui::App) -> Option<Advice> {
        None
    }
    /// A short note in the form's bottom line (a word count).
    fn footer(&self, _fields: &Fields) -> Option<String> {
        None
    }
    /// After the learner changed a field (and a draft was put back):
    /// defaults that follow it.
    fn changed(&mut self, _fields: &mut Fields) {}
    /// Anything a draft keeps beyond the fields by name.
    fn fill_draft(&self, _fields: &Fields, _draft: &mut Draft) {}
    /// How the form behaves beyond its fields: a record's form by default.
    fn manner(&self) -> Manner {
        Manner::default()
    }
}

/// How a form behaves beyond its fields. A record's form has none of
/// these; a filter has all three.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Manner {
    /// Enter in a one-line field applies the form.
    pub enter_submits: bool,
    /// Esc closes the form without asking, whatever was typed (it is quick
    /// to retype); such a form keeps no draft either.
    pub closes_quietly: bool,
    /// Drawn over the screen it belongs to (a filter over its list)
    /// rather than in its place.
    pub popup: bool,
}

impl Manner {
    /// A filter over a list: Enter applies it, Esc closes it quietly, and
    /// it is drawn over the list.
    pub const FILTER: Manner = Manner {
        enter_submits: true,
        closes_quietly: true,
        popup: true,
    };
}

/// A form on the engine: its spec, its fields, its draft's id and the last
/// failed save's message.
#[derive(Debug)]
pub struct Engine<S> {
    pub spec: S,
    pub fields: Fields,
    pub draft_id: Id,
    pub error: Option<FieldError>,
    submit_requested: bool,
}

impl<S: Spec> Engine<S> {
    /// The form a draft came from: for the record it was editing while
    /// that is still there (`existing`), else for a new one (`blank`), with
    /// the draft's fields put back. `open` builds the form for a record
    /// and whether it is being edited.
    pub fn of_draft<R: Clone>(
        draft: &Draft,
        existing: Option<&R>,
        blank: impl FnOnce() -> R,
        open: impl FnOnce(R, bool) -> Engine<S>,
    ) -> Engine<S> {
        let mut form = match existing {
            Some(record) => open(record.clone(), true),
            None => open(blank(), false),
        };
        form.restore(draft);
        form
    }

    pub fn build(spec: S, fields: Fields) -> Engine<S> {
        Engine {
            spec,
            fields,
            draft_id: Id::generate(),
            error: None,
            submit_requested: false,
        }
    }

    /// The same form holding a draft's fields, as typed.
    pub fn restored(spec: S, fields: Fields, draft: &Draft) -> Engine<S> {
        let mut engine = Engine::build(spec, fields);
        engine.restore(draft);
        engine
    }

    /// Puts a draft's fields back (by name) and keeps writing to that
    /// draft, so restoring never makes a second copy. Defaults that follow
    /// a field follow the restored one.
    pub fn restore(&mut self, draft: &Draft) {
        self.fields.restore(&draft.fields);
        self.draft_id = draft.id.clone();
        self.spec.changed(&mut self.fields);
    }

    fn after_change(&mut self) {
        self.error = None;
        self.spec.changed(&mut self.fields);
    }
}

/// What the view and the submit path need of any engine form.
pub trait EngineForm: FormState {
    fn title(&self) -> String;
    fn fields(&self) -> &Fields;
    fn error(&self) -> Option<&FieldError>;
    fn advice(&self, app: &crate::tui::App) -> Option<Advice>;
    fn footer(&self) -> Option<String>;
    /// Builds and saves the record; see `Spec::submit`.
    fn submit(&mut self, app: &mut crate::tui::App) -> Result<String, FieldError>;
    /// Keeps the form open with `error` at its field.
    fn refuse(&mut self, error: FieldError);
    /// Drawn over its screen (see `Manner::popup`).
    fn popup(&self) -> bool;
    /// Enter applies the form (see `Manner::enter_submits`).
    fn applies_on_enter(&self) -> bool;
}

impl<S: Spec> EngineForm for Engine<S> {
    fn title(&self) -> String {
        self.spec.title()
    }
    fn fields(&self) -> &Fields {
        &self.fields
    }
    fn error(&self) -> Option<&FieldError> {
        self.error.as_ref()
    }
    fn advice(&self, app: &crate::tui::App) -> Option<Advice> {
        self.spec.advice(&self.fields, app)
    }
    fn footer(&self) -> Option<String> {
        self.spec.footer(&self.fields)
    }
    /// Validates what every field can check by itself (dates, numbers),
    /// then lets the spec build and save the record.
    fn submit(&mut self, app: &mut crate::tui::App) -> Result<String, FieldError> {
        if let Some((field, message)) = self.fields.first_problem(app.today) {
            return Err(FieldError { field, message });
        }
        self.spec.submit(&self.fields, app)
    }
    fn refuse(&mut self, error: FieldError) {
        if !error.field.is_none() {
            self.fields.focus_id(error.field);
        }
        self.error = Some(error);
    }
    fn popup(&self) -> bool {
        self.spec.manner().popup
    }
    fn applies_on_enter(&self) -> bool {
        self.spec.manner().enter_submits
    }
}

impl<S: Spec> FormState for Engine<S> {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let one_line = self
            .fields
            .focused()
            .is_some_and(|f| !matches!(f.input, field::Input::Text(_)));
        if key.code == ratatui::crossterm::event::KeyCode::Enter
            && one_line
            && self.spec.manner().enter_submits
        {
            self.submit_requested = true;
            return false;
        }
        let changed = self.fields.handle_key(key);
        if changed {
            self.after_change();
        }
        changed
    }
    fn next_field(&mut self, step: isize) {
        self.fields.next_field(step);
    }
    fn dirty(&self) -> bool {
        self.fields.dirty && !self.spec.manner().closes_quietly
    }
    fn paste(&mut self, text: &str) -> bool {
        let changed = self.fields.paste(text);
        if changed {
            self.after_change();
        }
        changed
    }
    fn focused_text(&mut self) -> Option<FocusedText<'_>> {
        self.fields.focused_text()
    }
    fn text_changed(&mut self) {
        self.fields.dirty = true;
        self.after_change();
    }
    fn focused_kind(&mut self) -> Option<field::FieldKind> {
        Some(self.fields.focused_kind())
    }
    fn field_action(&mut self, action: &crate::tui::Action) -> bool {
        let changed = self.fields.handle_action(action);
        if changed {
            self.after_change();
        }
        changed
    }
    fn to_draft(&self, now: DateTime<FixedOffset>) -> Option<Draft> {
        let record = self.spec.record()?;
        let mut draft = Draft::of_fields(
            self.draft_id.clone(),
            now,
            record.editing,
            record.draft,
            self.fields.to_draft_fields(),
        );
        self.spec.fill_draft(&self.fields, &mut draft);
        Some(draft)
    }
    fn take_submit(&mut self) -> bool {
        std::mem::take(&mut self.submit_requested)
    }
}

/// Declares the open form, whichever it is: one line per form. Engine
/// forms are drawn and saved by the engine; the others by their own code.
/// A record form (see `record.rs`) is registered by its record type alone:
/// its drafts come back and are named through `FormRecord`, so adding one
/// is its spec file, its `mod` line and its line under `records`.
macro_rules! register_forms {
    (
        records { $($rv:ident($rty:ty),)* }
        engine { $($ev:ident($espec:ty),)* }
        own { $($lv:ident($lty:ty),)* }
    ) => {
        /// An open form.
        #[derive(Debug)]
        pub enum Form {
            $($rv(Box<Engine<record::RecordSpec<$rty>>>),)*
            $($ev(Box<Engine<$espec>>),)*
            $($lv(Box<$lty>),)*
        }

        impl Form {
            pub fn state(&self) -> &dyn FormState {
                match self {
                    $(Form::$rv(f) => f.as_ref(),)*
                    $(Form::$ev(f) => f.as_ref(),)*
                    $(Form::$lv(f) => f.as_ref(),)*
                }
            }

            pub fn state_mut(&mut self) -> &mut dyn FormState {
                match self {
                    $(Form::$rv(f) => f.as_mut(),)*
                    $(Form::$ev(f) => f.as_mut(),)*
                    $(Form::$lv(f) => f.as_mut(),)*
                }
            }

            /// The form as the engine sees it.
            #[allow(unreachable_patterns)]
            pub fn engine(&self) -> Option<&dyn EngineForm> {
                match self {
                    $(Form::$rv(f) => Some(f.as_ref()),)*
                    $(Form::$ev(f) => Some(f.as_ref()),)*
                    $(Form::$lv(f) => Some(f.as_ref()),)*
                }
            }

            #[allow(unreachable_patterns)]
            pub fn engine_mut(&mut self) -> Option<&mut dyn EngineForm> {
                match self {
                    $(Form::$rv(f) => Some(f.as_mut()),)*
                    $(Form::$ev(f) => Some(f.as_mut()),)*
                    $(Form::$lv(f) => Some(f.as_mut()),)*
                }
            }

            /// The record form a draft of that kind came from, holding it.
            fn record_from_draft(
                draft: &Draft,
                records: &Records,
                criteria: Option<&crate::domain::CriteriaSet>,
            ) -> Option<Form> {
                use record::{FormRecord, RecordEngine};
                $(if draft.form == <$rty as FormRecord>::DRAFT {
                    let form = RecordEngine::<$rty>::from_draft(draft, records, criteria);
                    return Some(Form::$rv(Box::new(form)));
                })*
                None
            }
        }

        /// A record form's name in the learner's words, for its drafts.
        fn record_form_name(form: DraftForm) -> Option<&'static str> {
            use record::FormRecord;
            $(if form == <$rty as FormRecord>::DRAFT {
                return Some(<$rty as FormRecord>::NAME);
            })*
            None
        }
    };
}

register_forms! {
    records {
        Objective(crate::domain::Objective),
        Need(crate::domain::DevelopmentNeed),
        Activity(crate::domain::Activity),
        Witness(crate::domain::WitnessStatement),
        Practice(crate::domain::Practice),
        Coaching(crate::domain::CoachingSession),
    }
    engine {
        Star(star::Star),
        Profile(profile::ProfileSpec),
        FeedbackFilter(feedback_filter::FilterSpec),
        Feedback(feedback::FeedbackSpec),
        Reflection(reflection::ReflectionSpec),
        Act(act::ActSpec),
        Kpi(kpi::KpiSpec),
        Export(export::ExportSpec),
        WitnessSign(witness::WitnessSignSpec),
        SignOff(signoff::SignOffSpec),
        Review(review::ReviewSpec),
        CoachingImpact(coaching::ImpactSpec),
    }
    own {
        Attach(attach::AttachForm),
    }
}

impl Form {
    /// Rebuilds the form a draft came from.
    pub fn from_draft(draft: &Draft, app: &crate::tui::App) -> Option<Form> {
        let records = &app.model.records;
        let criteria = app.criteria.as_ref();
        match draft.form {
            DraftForm::Star => Some(star::from_draft(draft, app)),
            DraftForm::Feedback if !draft.field("act").is_empty() => {
                let feedback = feedback_of(draft, records)?;
                Some(Form::Act(Box::new(ActForm::from_draft(
                    draft,
                    feedback,
                    records,
                    crate::tui::screens::feedback::offers_new_objective(),
                    &app.config.days(),
                ))))
            }
            DraftForm::Feedback => Some(Form::Feedback(Box::new(FeedbackForm::from_draft(
                draft,
                records,
                draft.saved_at.date_naive(),
                criteria,
            )))),
            DraftForm::Reflection => {
                let feedback = feedback_of(draft, records)?;
                Some(Form::Reflection(Box::new(ReflectionForm::from_draft(
                    draft, feedback,
                ))))
            }
            DraftForm::Kpi => Some(Form::Kpi(Box::new(KpiForm::from_draft(draft, records)))),
            DraftForm::Coaching if !draft.field("impact").is_empty() => {
                coaching::ImpactForm::from_draft(draft, app)
                    .map(|f| Form::CoachingImpact(Box::new(f)))
            }
            DraftForm::Attach => Some(Form::Attach(Box::new(attach::AttachForm::from_draft(
                draft, app,
            )))),
            DraftForm::Review => {
                ReviewForm::from_draft(draft, records, criteria).map(|f| Form::Review(Box::new(f)))
            }
            // Every record form (`register_forms!`'s `records`).
            _ => Form::record_from_draft(draft, records, criteria),
        }
    }
}

/// The form a draft came from, in the learner's words.
pub fn form_name(draft: &Draft) -> &'static str {
    match draft.form {
        DraftForm::Star if draft.editing.is_some() => "change to a diary entry",
        DraftForm::Star => "STAR entry",
        DraftForm::Feedback if !draft.field("act").is_empty() => "action on feedback",
        DraftForm::Feedback => "feedback",
        DraftForm::Reflection => "reflection on feedback",
        DraftForm::Review => "review",
        DraftForm::Kpi => "KPI reading",
        DraftForm::Attach => "file to attach",
        DraftForm::Coaching if !draft.field("impact").is_empty() => "coaching session's impact",
        form => record_form_name(form).unwrap_or("form"),
    }
}

/// The form a draft came from as a sentence starts: "An objective", "A
/// STAR entry". Every name starts with a lower-case word or an acronym
/// read by its letters' consonant sounds, so a vowel letter is a vowel sound.
pub fn form_name_with_article(draft: &Draft) -> String {
    let name = form_name(draft);
    let article = match name.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "An",
        _ => "A",
    };
    format!("{article} {name}")
}

/// The feedback a reflection or action draft was about: as loaded, or (still
/// loading) a stand-in with its id, so the typed text can be shown and kept;
/// saving applies to the feedback as it is by then.
fn feedback_of(draft: &Draft, records: &Records) -> Option<crate::domain::Feedback> {
    let id = draft.editing.as_ref()?;
    Some(
        records
            .feedback
            .iter()
            .find(|f| &f.id == id)
            .cloned()
            .unwrap_or_else(|| {
                crate::domain::Feedback::new(
                    id.clone(),
                    draft.saved_at.date_naive(),
                    draft.saved_at,
                    crate::domain::FeedbackSource::Customer,
                    crate::domain::FeedbackMethod::Conversation,
                    crate::domain::Valence::Positive,
                    "(the feedback is still loading)".into(),
                )
            }),
    )
}
