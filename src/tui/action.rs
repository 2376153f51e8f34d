//! Actions: everything the user can ask for, as plain data.

/// The five screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Diary,
    Plan,
    Feedback,
    Reviews,
    Progress,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Diary,
        Screen::Plan,
        Screen::Feedback,
        Screen::Reviews,
        Screen::Progress,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Diary => "Diary",
            Screen::Plan => "Plan",
            Screen::Feedback => "Feedback",
            Screen::Reviews => "Reviews",
            Screen::Progress => "Progress",
        }
    }

    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn next(self) -> Screen {
        Screen::ALL[(self.index() + 1) % Screen::ALL.len()]
    }

    pub fn previous(self) -> Screen {
        Screen::ALL[(self.index() + Screen::ALL.len() - 1) % Screen::ALL.len()]
    }
}

/// One thing the user asked for. Key resolution produces these; `App::update`
/// carries them out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Keep a draft of any open form and quit (Ctrl-C).
    Interrupt,
    ShowScreen(Screen),
    NextScreen,
    PreviousScreen,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    New,
    Edit,
    Delete,
    /// Compare a review with the one before it, or with today's plan.
    Compare,
    Undo,
    /// The Plan's chooser: add an objective, a need or an activity.
    NewObjective,
    NewNeed,
    NewActivity,
    /// The Plan's chooser: add a practice record.
    NewPractice,
    /// Show the records in the trash, to bring one back.
    ShowTrash,
    /// Bring the selected record back from the trash.
    Restore,
    /// Show the records changed on two computers, to choose a version.
    ShowConflicts,
    /// The Conflicts view: keep this side's version (theirs to the trash).
    KeepMine,
    /// The Conflicts view: take the other side's version (mine to the trash).
    TakeTheirs,
    /// The Conflicts view: keep both (theirs becomes a new record).
    KeepBoth,
    /// Show the evidence: attached files, witness statements, sign-offs.
    ShowEvidence,
    /// Attach a file (Evidence view).
    AttachFile,
    /// Open the selected file in the system's viewer (Evidence view).
    OpenFile,
    /// Write down a witness statement (Evidence view).
    NewWitness,
    /// The witness signs the selected statement (Evidence view).
    SignWitness,
    /// Sign off a need, an objective or a review.
    SignOff,
    /// Show the coaching log: a team leader's sessions with coachees.
    ShowCoaching,
    /// Add the impact of the selected coaching session (coaching log).
    EvaluateImpact,
    Refresh,
    EditProfile,
    /// The Progress screen's next / previous view (KPIs, criteria, readiness).
    NextView,
    PreviousView,
    /// Export the portfolio (Progress screen).
    Export,
    Help,
    /// Open the search palette over every record.
    Search,
    /// Close the current overlay or view.
    Back,
    // Feedback triage
    /// Write or rewrite the reflection on the selected feedback.
    Reflect,
    /// Link the selected feedback to what was done about it.
    Act,
    /// Archive the selected feedback (or bring an archived one back).
    Archive,
    /// Narrow the list (typed words: source, valence, state, dates).
    Filter,
    /// Show or hide the triangulation panel on narrow screens.
    Triangulation,
    /// The Team screen: the next order (name, readiness, next review, last entry).
    Sort,
    // Forms
    Save,
    NextField,
    PreviousField,
    /// Edit the focused text field in $VISUAL/$EDITOR (Ctrl-E).
    OpenEditor,
    // Field keys (the focused field's kind decides which apply)
    /// A choice's next / previous option.
    NextOption,
    PreviousOption,
    /// Tick or untick the line under the cursor in a list.
    Tick,
    /// Text: to the start / end of the line.
    LineStart,
    LineEnd,
    /// Text: delete to the start / end of the line, or the word before.
    DeleteToLineStart,
    DeleteToLineEnd,
    DeleteWord,
    /// Text: undo / redo typing in this field.
    UndoTyping,
    RedoTyping,
    // Confirmation popups
    Yes,
    No,
    /// Throw away what was typed (the only key that does; see `Context::Discard`).
    Discard,
}

impl Action {
    /// Whether the action writes to the workspace, so read-only mode neither
    /// offers it in the status line nor carries it out.
    pub fn changes_records(&self) -> bool {
        matches!(
            self,
            Action::New
                | Action::NewObjective
                | Action::NewNeed
                | Action::NewActivity
                | Action::NewPractice
                | Action::Edit
                | Action::Delete
                | Action::Undo
                | Action::Restore
                | Action::KeepMine
                | Action::TakeTheirs
                | Action::KeepBoth
                | Action::Reflect
                | Action::Act
                | Action::Archive
                | Action::EditProfile
        )
    }
}
