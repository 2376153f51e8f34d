//! The one key table: it drives dispatch, the status line and the help
//! overlay, so help can never disagree with what a key does.

use super::action::{Action, Screen};
use super::forms::field::FieldKind;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where the keyboard focus is, which decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A screen's list.
    Screen(Screen),
    /// Reading one record full-screen.
    Reader,
    /// A form with text fields (the STAR form, the profile form).
    Form,
    /// The help overlay.
    Help,
    /// A yes/no question.
    Confirm,
    /// "Throw away what you typed?": only a deliberate key discards; any
    /// other key goes back to the form (and is typed there).
    Discard,
    /// The search palette: typed letters go to the query.
    Search,
    /// The list of deleted records (`T`), to bring one back.
    Trash,
    /// The records changed on two computers (`V`), to choose a version.
    Conflicts,
    /// The evidence (`E`): attached files, witness statements, sign-offs.
    Evidence,
    /// The coaching log (`C`): a team leader's coaching sessions.
    Coaching,
    /// The Plan's "add what?" chooser (`n` on the Plan).
    Chooser,
    /// The caseload (`starlog team`): one line per learner.
    Team,
}

/// Which contexts a binding works in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every screen list.
    Screens,
    /// Only this screen's list.
    On(Screen),
    /// Screens and the reader.
    Browsing,
    Reader,
    Form,
    Help,
    Confirm,
    Discard,
    Search,
    Trash,
    Conflicts,
    Evidence,
    Coaching,
    Chooser,
    Team,
    /// The focused field of a form, by its kind (resolved after `Form`).
    Field(FieldKind),
}

impl Scope {
    fn covers(self, ctx: Context) -> bool {
        match (self, ctx) {
            (Scope::Screens, Context::Screen(_)) => true,
            (Scope::On(s), Context::Screen(c)) => s == c,
            (Scope::Browsing, Context::Screen(_) | Context::Reader) => true,
            (Scope::Reader, Context::Reader) => true,
            (Scope::Form, Context::Form) => true,
            (Scope::Help, Context::Help) => true,
            (Scope::Confirm, Context::Confirm) => true,
            (Scope::Discard, Context::Discard) => true,
            (Scope::Search, Context::Search) => true,
            (Scope::Trash, Context::Trash) => true,
            (Scope::Conflicts, Context::Conflicts) => true,
            (Scope::Evidence, Context::Evidence) => true,
            (Scope::Coaching, Context::Coaching) => true,
            (Scope::Chooser, Context::Chooser) => true,
            (Scope::Team, Context::Team) => true,
            _ => false,
        }
    }
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    BackTab,
}

impl Key {
    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Char(c) => !ctrl && !alt && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => {
                ctrl && matches!(ev.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
            }
            Key::Code(code) => !ctrl && !alt && ev.code == code,
            Key::BackTab => {
                ev.code == KeyCode::BackTab
                    || (ev.code == KeyCode::Tab && ev.modifiers.contains(KeyModifiers::SHIFT))
            }
        }
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::BackTab => "Shift-Tab".into(),
            Key::Code(code) => match code {
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Backspace => "Backspace".into(),
                KeyCode::Delete => "Delete".into(),
                KeyCode::Insert => "Insert".into(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Borrowed from the table, or owned when config.ron changed them.
    pub keys: std::borrow::Cow<'static, [Key]>,
    pub scope: Scope,
    pub action: Action,
    /// Short words for the status line and help.
    pub help: &'static str,
    /// Shown in the status line (the rest only in help).
    pub status: bool,
}

macro_rules! bind {
    ($keys:expr, $scope:expr, $action:expr, $help:expr, $status:expr) => {
        Binding {
            keys: std::borrow::Cow::Borrowed($keys),
            scope: $scope,
            action: $action,
            help: $help,
            status: $status,
        }
    };
}

use Key::{Char, Code, Ctrl};

/// The key table. Order matters: the first match wins, and status lines and
/// help list bindings in this order.
pub fn bindings() -> &'static [Binding] {
    static TABLE: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();
    TABLE.get_or_init(table)
}

/// One line per binding: keys, where they work, what they do, the words help
/// and the status line show, and whether the status line shows them.
#[rustfmt::skip]
fn table() -> Vec<Binding> {
    vec![
        // Everywhere
        bind!(&[Ctrl('c')], Scope::Form, Action::Interrupt, "keep a draft and quit", false),
        bind!(&[Ctrl('c')], Scope::Browsing, Action::Quit, "quit", false),
        // Confirmation popups
        bind!(&[Char('y'), Code(KeyCode::Enter)], Scope::Confirm, Action::Yes, "yes", true),
        bind!(&[Char('n'), Code(KeyCode::Esc)], Scope::Confirm, Action::No, "no", true),
        // Only the draft question offers it, in its own box: the
        // status line of every other question would promise a key
        // that does nothing there.
        bind!(&[Ctrl('d')], Scope::Confirm, Action::Discard, "discard (asks first)", false),
        // The discard question: nothing typed in ordinary text answers it.
        bind!(&[Ctrl('d')], Scope::Discard, Action::Discard, "discard what you typed", true),
        bind!(&[Code(KeyCode::Esc)], Scope::Discard, Action::No, "keep editing (so does any other key)", true),
        // Help
        bind!(&[Code(KeyCode::Esc), Char('?'), Char('q')], Scope::Help, Action::Back, "close help", true),
        bind!(&[Char('j'), Code(KeyCode::Down)], Scope::Help, Action::Down, "scroll", true),
        bind!(&[Char('k'), Code(KeyCode::Up)], Scope::Help, Action::Up, "scroll", false),
        // Forms
        bind!(&[Ctrl('s')], Scope::Form, Action::Save, "save and close", true),
        bind!(&[Code(KeyCode::Tab)], Scope::Form, Action::NextField, "next field", true),
        bind!(&[Key::BackTab], Scope::Form, Action::PreviousField, "previous field", true),
        bind!(&[Code(KeyCode::Esc)], Scope::Form, Action::Back, "close", true),
        bind!(&[Ctrl('e')], Scope::Form, Action::OpenEditor, "edit this field in $VISUAL/$EDITOR", false),
        // Field keys: what the focused field does with them.
        bind!(&[Code(KeyCode::Down), Code(KeyCode::Right), Char(' ')], Scope::Field(FieldKind::Choice), Action::NextOption, "choice: next option (a letter picks by first letter)", false),
        bind!(&[Code(KeyCode::Up), Code(KeyCode::Left)], Scope::Field(FieldKind::Choice), Action::PreviousOption, "choice: previous option", false),
        bind!(&[Code(KeyCode::Down)], Scope::Field(FieldKind::Ticks), Action::Down, "list: next line (a letter jumps by first letter)", false),
        bind!(&[Code(KeyCode::Up)], Scope::Field(FieldKind::Ticks), Action::Up, "list: previous line", false),
        bind!(&[Char(' ')], Scope::Field(FieldKind::Ticks), Action::Tick, "list: tick / untick", false),
        bind!(&[Ctrl('a'), Code(KeyCode::Home)], Scope::Field(FieldKind::Text), Action::LineStart, "text: start of the line", false),
        bind!(&[Code(KeyCode::End)], Scope::Field(FieldKind::Text), Action::LineEnd, "text: end of the line", false),
        bind!(&[Ctrl('u')], Scope::Field(FieldKind::Text), Action::DeleteToLineStart, "text: delete to the start of the line", false),
        bind!(&[Ctrl('k')], Scope::Field(FieldKind::Text), Action::DeleteToLineEnd, "text: delete to the end of the line", false),
        bind!(&[Ctrl('w')], Scope::Field(FieldKind::Text), Action::DeleteWord, "text: delete the word before the cursor", false),
        bind!(&[Ctrl('z')], Scope::Field(FieldKind::Text), Action::UndoTyping, "text: undo typing", false),
        bind!(&[Ctrl('y')], Scope::Field(FieldKind::Text), Action::RedoTyping, "text: redo", false),
        // Screens
        bind!(&[Char('1')], Scope::Browsing, Action::ShowScreen(Screen::Diary), "Diary", false),
        bind!(&[Char('2')], Scope::Browsing, Action::ShowScreen(Screen::Plan), "Plan", false),
        bind!(&[Char('3')], Scope::Browsing, Action::ShowScreen(Screen::Feedback), "Feedback", false),
        bind!(&[Char('4')], Scope::Browsing, Action::ShowScreen(Screen::Reviews), "Reviews", false),
        bind!(&[Char('5')], Scope::Browsing, Action::ShowScreen(Screen::Progress), "Progress", false),
        bind!(&[Code(KeyCode::Tab)], Scope::Screens, Action::NextScreen, "next screen", false),
        bind!(&[Key::BackTab], Scope::Screens, Action::PreviousScreen, "previous screen", false),
        bind!(&[Char('j'), Code(KeyCode::Down)], Scope::Browsing, Action::Down, "down", false),
        bind!(&[Char('k'), Code(KeyCode::Up)], Scope::Browsing, Action::Up, "up", false),
        bind!(&[Char('g'), Code(KeyCode::Home)], Scope::Browsing, Action::Top, "top", false),
        bind!(&[Char('G'), Code(KeyCode::End)], Scope::Browsing, Action::Bottom, "bottom", false),
        bind!(&[Code(KeyCode::PageDown)], Scope::Browsing, Action::PageDown, "page down", false),
        bind!(&[Code(KeyCode::PageUp)], Scope::Browsing, Action::PageUp, "page up", false),
        bind!(&[Code(KeyCode::Esc)], Scope::Reader, Action::Back, "back to the list", true),
        bind!(&[Code(KeyCode::Enter)], Scope::Screens, Action::Open, "open", true),
        bind!(&[Char('n')], Scope::On(Screen::Diary), Action::New, "new STAR entry", true),
        bind!(&[Char('e')], Scope::On(Screen::Diary), Action::Edit, "edit", true),
        bind!(&[Char('e')], Scope::Reader, Action::Edit, "edit", true),
        bind!(&[Code(KeyCode::Enter)], Scope::Reader, Action::Open, "open the picked record (golden thread, evidence, readiness)", false),
        bind!(&[Char('d')], Scope::On(Screen::Diary), Action::Delete, "delete (to trash)", true),
        // Feedback: the triage keys come first so the status line shows them.
        bind!(&[Char('n')], Scope::On(Screen::Feedback), Action::New, "new feedback", false),
        bind!(&[Char('r')], Scope::On(Screen::Feedback), Action::Reflect, "reflect", true),
        bind!(&[Char('a')], Scope::On(Screen::Feedback), Action::Act, "act", true),
        bind!(&[Char('x')], Scope::On(Screen::Feedback), Action::Archive, "archive", true),
        bind!(&[Char('f')], Scope::On(Screen::Feedback), Action::Filter, "filter", true),
        bind!(&[Char('t')], Scope::On(Screen::Feedback), Action::Triangulation, "triangulation", false),
        bind!(&[Char('e')], Scope::On(Screen::Feedback), Action::Edit, "edit", false),
        bind!(&[Char('d')], Scope::On(Screen::Feedback), Action::Delete, "delete (to trash)", false),
        bind!(&[Char('n')], Scope::On(Screen::Plan), Action::New, "add to the plan (asks what)", true),
        bind!(&[Char('e')], Scope::On(Screen::Plan), Action::Edit, "edit", true),
        bind!(&[Char('d')], Scope::On(Screen::Plan), Action::Delete, "delete (to trash)", true),
        bind!(&[Char('n')], Scope::On(Screen::Progress), Action::New, "new KPI reading", true),
        bind!(&[Char('e')], Scope::On(Screen::Progress), Action::Edit, "correct latest reading", false),
        bind!(&[Char('d')], Scope::On(Screen::Progress), Action::Delete, "delete a reading (lists them to pick one)", false),
        bind!(&[Char('l'), Code(KeyCode::Right)], Scope::On(Screen::Progress), Action::NextView, "KPIs/criteria/readiness", true),
        bind!(&[Char('h'), Code(KeyCode::Left)], Scope::On(Screen::Progress), Action::PreviousView, "previous view", false),
        bind!(&[Char('x')], Scope::On(Screen::Progress), Action::Export, "export portfolio", true),
        bind!(&[Char('n')], Scope::On(Screen::Reviews), Action::New, "hold a review", true),
        bind!(&[Char('c')], Scope::On(Screen::Reviews), Action::Compare, "what changed", true),
        bind!(&[Char('c')], Scope::Reader, Action::Compare, "compare (Reviews)", false),
        bind!(&[Char('e')], Scope::On(Screen::Reviews), Action::Edit, "correct (a new review)", true),
        bind!(&[Char('d')], Scope::On(Screen::Reviews), Action::Delete, "(reviews are never deleted)", false),
        bind!(&[Char('u')], Scope::Screens, Action::Undo, "undo delete", false),
        bind!(&[Char('T')], Scope::Screens, Action::ShowTrash, "the trash: bring deleted records back", false),
        bind!(&[Char('d')], Scope::Reader, Action::Delete, "delete (to trash)", false),
        // The Plan's "add what?" chooser (n on the Plan)
        bind!(&[Char('o')], Scope::Chooser, Action::NewObjective, "objective: a SMART goal", true),
        bind!(&[Char('n')], Scope::Chooser, Action::NewNeed, "need or strength", true),
        bind!(&[Char('a')], Scope::Chooser, Action::NewActivity, "activity you did", true),
        bind!(&[Char('p')], Scope::Chooser, Action::NewPractice, "practice: professionalism, a skill, a barrier...", true),
        bind!(&[Code(KeyCode::Esc)], Scope::Chooser, Action::Back, "cancel", true),
        bind!(&[Ctrl('c')], Scope::Chooser, Action::Quit, "quit", false),
        // The trash (T)
        bind!(&[Code(KeyCode::Enter), Char('r')], Scope::Trash, Action::Restore, "restore", true),
        bind!(&[Char('j'), Code(KeyCode::Down)], Scope::Trash, Action::Down, "down", false),
        bind!(&[Char('k'), Code(KeyCode::Up)], Scope::Trash, Action::Up, "up", false),
        bind!(&[Char('g'), Code(KeyCode::Home)], Scope::Trash, Action::Top, "top", false),
        bind!(&[Char('G'), Code(KeyCode::End)], Scope::Trash, Action::Bottom, "bottom", false),
        bind!(&[Code(KeyCode::Esc), Char('q'), Char('T')], Scope::Trash, Action::Back, "close", true),
        bind!(&[Char('V')], Scope::Screens, Action::ShowConflicts, "conflicts: records changed on two computers (sync)", false),
        // Records changed on two computers (V)
        bind!(&[Char('m')], Scope::Conflicts, Action::KeepMine, "keep mine", true),
        bind!(&[Char('t')], Scope::Conflicts, Action::TakeTheirs, "take theirs", true),
        bind!(&[Char('b')], Scope::Conflicts, Action::KeepBoth, "keep both", true),
        bind!(&[Char('u')], Scope::Conflicts, Action::Undo, "undo the last choice", false),
        bind!(&[Char('j'), Code(KeyCode::Down)], Scope::Conflicts, Action::Down, "next record", false),
        bind!(&[Char('k'), Code(KeyCode::Up)], Scope::Conflicts, Action::Up, "previous record", false),
        bind!(&[Char('g'), Code(KeyCode::Home)], Scope::Conflicts, Action::Top, "first record", false),
        bind!(&[Char('G'), Code(KeyCode::End)], Scope::Conflicts, Action::Bottom, "last record", false),
        bind!(&[Code(KeyCode::PageDown)], Scope::Conflicts, Action::PageDown, "scroll the two versions", false),
        bind!(&[Code(KeyCode::PageUp)], Scope::Conflicts, Action::PageUp, "scroll back", false),
        bind!(&[Char('?')], Scope::Conflicts, Action::Help, "help", false),
        bind!(&[Code(KeyCode::Esc), Char('q'), Char('V')], Scope::Conflicts, Action::Back, "close", true),
        // The caseload (starlog team)
        bind!(&[Code(KeyCode::Enter)], Scope::Team, Action::Open, "open read-only", true),
        bind!(&[Char('s')], Scope::Team, Action::Sort, "sort", true),
        bind!(&[Char('f'), Char('/')], Scope::Team, Action::Filter, "filter", true),
        bind!(&[Char('r')], Scope::Team, Action::Refresh, "read again", true),
        bind!(&[Char('j'), Code(KeyCode::Down)], Scope::Team, Action::Down, "down", false),
        bind!(&[Char('k'), Code(KeyCode::Up)], Scope::Team, Action::Up, "up", false),
        bind!(&[Char('g'), Code(KeyCode::Home)], Scope::Team, Action::Top, "top", false),
        bind!(&[Char('G'), Code(KeyCode::End)], Scope::Team, Action::Bottom, "bottom", false),
        bind!(&[Code(KeyCode::PageDown)], Scope::Team, Action::PageDown, "page down", false),
        bind!(&[Code(KeyCode::PageUp)], Scope::Team, Action::PageUp, "page up", false),
        bind!(&[Char('?')], Scope::Team, Action::Help, "help", true),
        bind!(&[Char('q'), Ctrl('c')], Scope::Team, Action::Quit, "quit", true),
        bind!(&[Char('E')], Scope::Screens, Action::ShowEvidence, "evidence: files, witness statements, sign-offs", false),
        bind!(&[Char('S')], Scope::On(Screen::Plan), Action::SignOff, "sign off the need or objective", false),
        bind!(&[Char('S')], Scope::On(Screen::Reviews), Action::SignOff, "sign off the review", false),
        // The evidence (E)
        bind!(&[Char('a')], Scope::Evidence, Action::AttachFile, "attach a file", true),
        bind!(&[Code(KeyCode::Enter)], Scope::Evidence, Action::Open, "open (a file in your viewer)", true),
        bind!(&[Char('o')], Scope::Evidence, Action::OpenFile, "open the file in your viewer", false),
        bind!(&[Char('w')], Scope::Evidence, Action::NewWitness, "new witness statement", true),
        bind!(&[Char('s')], Scope::Evidence, Action::SignWitness, "the witness signs", true),
        bind!(&[Char('S')], Scope::Evidence, Action::SignOff, "sign-off", true),
        bind!(&[Char('e')], Scope::Evidence, Action::Edit, "edit the witness statement", false),
        bind!(&[Char('d')], Scope::Evidence, Action::Delete, "delete (to trash)", false),
        bind!(&[Char('j'), Code(KeyCode::Down)], Scope::Evidence, Action::Down, "down", false),
        bind!(&[Char('k'), Code(KeyCode::Up)], Scope::Evidence, Action::Up, "up", false),
        bind!(&[Char('g'), Code(KeyCode::Home)], Scope::Evidence, Action::Top, "top", false),
        bind!(&[Char('G'), Code(KeyCode::End)], Scope::Evidence, Action::Bottom, "bottom", false),
        bind!(&[Code(KeyCode::Esc), Char('q'), Char('E')], Scope::Evidence, Action::Back, "close", true),
        bind!(&[Char('u')], Scope::Evidence, Action::Undo, "undo delete", false),
        bind!(&[Char('?')], Scope::Evidence, Action::Help, "help", false),
        bind!(&[Char('C')], Scope::Screens, Action::ShowCoaching, "coaching log: sessions with your coachees", false),
        // The coaching log (C)
        bind!(&[Char('n')], Scope::Coaching, Action::New, "new session", true),
        bind!(&[Code(KeyCode::Enter), Char('e')], Scope::Coaching, Action::Edit, "edit", true),
        bind!(&[Char('i')], Scope::Coaching, Action::EvaluateImpact, "impact, with the coachee", true),
        bind!(&[Char('d')], Scope::Coaching, Action::Delete, "delete (to trash)", false),
        bind!(&[Char('u')], Scope::Coaching, Action::Undo, "undo delete", false),
        bind!(&[Char('j'), Code(KeyCode::Down)], Scope::Coaching, Action::Down, "down", false),
        bind!(&[Char('k'), Code(KeyCode::Up)], Scope::Coaching, Action::Up, "up", false),
        bind!(&[Char('g'), Code(KeyCode::Home)], Scope::Coaching, Action::Top, "top", false),
        bind!(&[Char('G'), Code(KeyCode::End)], Scope::Coaching, Action::Bottom, "bottom", false),
        bind!(&[Code(KeyCode::PageDown)], Scope::Coaching, Action::PageDown, "scroll the session down", false),
        bind!(&[Code(KeyCode::PageUp)], Scope::Coaching, Action::PageUp, "scroll the session up", false),
        bind!(&[Code(KeyCode::Esc), Char('q'), Char('C')], Scope::Coaching, Action::Back, "close", true),
        bind!(&[Char('?')], Scope::Coaching, Action::Help, "help", false),
        bind!(&[Char('r')], Scope::Screens, Action::Refresh, "reload from disk", false),
        bind!(&[Char('p')], Scope::Screens, Action::EditProfile, "edit your profile", false),
        // The search palette (letters are the query, so only named keys)
        bind!(&[Code(KeyCode::Enter)], Scope::Search, Action::Open, "go to it", true),
        bind!(&[Code(KeyCode::Down), Ctrl('n')], Scope::Search, Action::Down, "next", true),
        bind!(&[Code(KeyCode::Up), Ctrl('p')], Scope::Search, Action::Up, "previous", true),
        bind!(&[Code(KeyCode::PageDown)], Scope::Search, Action::PageDown, "page down", false),
        bind!(&[Code(KeyCode::PageUp)], Scope::Search, Action::PageUp, "page up", false),
        bind!(&[Code(KeyCode::Esc)], Scope::Search, Action::Back, "close", true),
        bind!(&[Ctrl('c')], Scope::Search, Action::Quit, "quit", false),
        bind!(&[Char('?')], Scope::Browsing, Action::Help, "help", true),
        bind!(&[Char('q')], Scope::Browsing, Action::Quit, "quit", true),
        bind!(&[Char('/')], Scope::Browsing, Action::Search, "search", true),
    ]
}

/// What `key` means in `ctx` in the default table. Pure, so it is unit-tested.
pub fn resolve(ctx: Context, key: &KeyEvent) -> Option<Action> {
    resolve_in(bindings(), ctx, key)
}

fn resolve_in(table: &[Binding], ctx: Context, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    table
        .iter()
        .find(|b| b.scope.covers(ctx) && b.keys.iter().any(|k| k.matches(key)))
        .map(|b| b.action.clone())
}

/// The bindings of the default table that work in `ctx`, in table order.
pub fn bindings_for(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    bindings().iter().filter(move |b| b.scope.covers(ctx))
}

/// "n new STAR entry · e edit · ..." for the status line (default table).
pub fn status_hints(ctx: Context) -> Vec<(String, &'static str)> {
    hints(bindings().iter(), ctx)
}

fn hints<'a>(
    table: impl Iterator<Item = &'a Binding>,
    ctx: Context,
) -> Vec<(String, &'static str)> {
    table
        .filter(|b| b.scope.covers(ctx) && b.status)
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            (keys.join("/"), b.help)
        })
        .collect()
}

/// Keys as shown to people: "j / ↓".
pub fn keys_label(keys: &[Key], sep: &str) -> String {
    let labels: Vec<String> = keys.iter().map(|k| k.label()).collect();
    labels.join(sep)
}

/// Every context a key can be pressed in.
const CONTEXTS: [Context; 17] = [
    Context::Screen(Screen::Diary),
    Context::Screen(Screen::Plan),
    Context::Screen(Screen::Feedback),
    Context::Screen(Screen::Reviews),
    Context::Screen(Screen::Progress),
    Context::Reader,
    Context::Form,
    Context::Help,
    Context::Confirm,
    Context::Discard,
    Context::Search,
    Context::Trash,
    Context::Conflicts,
    Context::Evidence,
    Context::Coaching,
    Context::Chooser,
    Context::Team,
];

fn overlap(a: Scope, b: Scope) -> bool {
    match (a, b) {
        // A field key is resolved only after the form's own keys miss.
        (Scope::Field(x), Scope::Field(y)) => x == y,
        (Scope::Field(_), Scope::Form) | (Scope::Form, Scope::Field(_)) => true,
        (Scope::Field(_), _) | (_, Scope::Field(_)) => false,
        _ => CONTEXTS.iter().any(|c| a.covers(*c) && b.covers(*c)),
    }
}

/// The name of an action in config.ron: its variant in kebab case, e.g.
/// `quit`, `next-field`, `show-screen-plan`. New actions get a name for free.
pub fn action_name(action: &Action) -> String {
    let debug = format!("{action:?}");
    let mut out = String::new();
    for c in debug.chars() {
        match c {
            '(' | ' ' | ',' => {
                if !out.ends_with('-') {
                    out.push('-');
                }
            }
            ')' | '"' => {}
            c if c.is_ascii_uppercase() => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            c => out.push(c),
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Every action name in the default table, in table order, once each.
pub fn action_names() -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for b in bindings() {
        let name = action_name(&b.action);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Reads a key as written in config.ron: `x`, `X`, `?`, `Ctrl-e`, `F2`,
/// `Enter`, `Esc`, `Tab`, `Shift-Tab`, `Space`, `Up`, `PageDown`, ...
pub fn parse_key(text: &str) -> Result<Key, String> {
    let t = text.trim();
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(Char(c));
    }
    let lower = t.to_ascii_lowercase();
    for prefix in ["ctrl-", "ctrl+", "c-"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let mut cs = rest.chars();
            return match (cs.next(), cs.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => Ok(Ctrl(c)),
                _ => Err(format!(
                    "`{t}`: Ctrl goes with one letter or digit, e.g. Ctrl-e"
                )),
            };
        }
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
        && (1..=24).contains(&n)
    {
        return Ok(Code(KeyCode::F(n)));
    }
    let code = match lower.as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => return Ok(Key::BackTab),
        "space" => return Ok(Char(' ')),
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        _ => {
            return Err(format!(
                "`{t}` is not a key starlog knows (try x, Ctrl-e, F2, Enter, Esc, Tab, Space, Up, PageDown)"
            ));
        }
    };
    Ok(Code(code))
}

/// The key table in force: the default one with config.ron's changes.
#[derive(Debug, Clone)]
pub struct Keymap {
    table: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            table: bindings().to_vec(),
        }
    }
}

impl Keymap {
    /// The default table with `overrides` (action name -> keys) patched in.
    /// A key given to an action is taken from whatever else used it where
    /// both work. Returns a message for each override that could not apply.
    pub fn with_overrides(
        overrides: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        let names = action_names();
        for (name, texts) in overrides {
            let name = name.trim().to_ascii_lowercase();
            if !names.contains(&name) {
                problems.push(format!(
                    "keys: `{name}` is not an action (see docs/CONFIG.md for the names)"
                ));
                continue;
            }
            let mut keys = Vec::new();
            for text in texts {
                match parse_key(text) {
                    Ok(k) if !keys.contains(&k) => keys.push(k),
                    Ok(_) => {}
                    Err(e) => problems.push(format!("keys: {name}: {e}")),
                }
            }
            if keys.is_empty() {
                problems.push(format!(
                    "keys: {name}: no usable key given; the default stays"
                ));
                continue;
            }
            let scopes: Vec<Scope> = map
                .table
                .iter()
                .filter(|b| action_name(&b.action) == name)
                .map(|b| b.scope)
                .collect();
            // Letters are text in a form: a form action needs Ctrl, F-keys, Esc...
            if scopes.contains(&Scope::Form) && keys.iter().any(|k| matches!(k, Char(_))) {
                problems.push(format!(
                    "keys: {name} works in forms, where plain letters are typed text; use Ctrl-… or a named key"
                ));
                continue;
            }
            for b in map.table.iter_mut() {
                if action_name(&b.action) == name {
                    // Ctrl-C always keeps its meaning: the way out people know.
                    let mut new_keys = keys.clone();
                    if b.keys.contains(&Ctrl('c')) && !new_keys.contains(&Ctrl('c')) {
                        new_keys.push(Ctrl('c'));
                    }
                    b.keys = std::borrow::Cow::Owned(new_keys);
                } else if scopes.iter().any(|s| overlap(*s, b.scope))
                    && b.keys.iter().any(|k| keys.contains(k))
                {
                    let kept: Vec<Key> = b
                        .keys
                        .iter()
                        .filter(|k| !keys.contains(k))
                        .copied()
                        .collect();
                    if kept.is_empty() {
                        problems.push(format!(
                            "keys: {name} took the only key of `{}` ({}); give it another",
                            action_name(&b.action),
                            b.help
                        ));
                    }
                    b.keys = std::borrow::Cow::Owned(kept);
                }
            }
        }
        (map, problems)
    }

    pub fn resolve(&self, ctx: Context, key: &KeyEvent) -> Option<Action> {
        resolve_in(&self.table, ctx, key)
    }

    /// What `key` means to a form's focused field of `kind`, after the
    /// form's own keys (`Context::Form`) did not take it.
    pub fn resolve_field(&self, kind: FieldKind, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        self.table
            .iter()
            .find(|b| b.scope == Scope::Field(kind) && b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action.clone())
    }

    /// The field rows, for help: every field kind's keys.
    pub fn field_bindings(&self) -> impl Iterator<Item = &Binding> {
        self.table
            .iter()
            .filter(|b| matches!(b.scope, Scope::Field(_)) && !b.keys.is_empty())
    }

    pub fn bindings_for(&self, ctx: Context) -> impl Iterator<Item = &Binding> {
        self.table
            .iter()
            .filter(move |b| b.scope.covers(ctx) && !b.keys.is_empty())
    }

    pub fn status_hints(&self, ctx: Context) -> Vec<(String, &'static str)> {
        self.effective(ctx)
            .into_iter()
            .filter(|(_, b)| b.status)
            .map(|(keys, b)| (keys_label(&keys, "/"), b.help))
            .collect()
    }

    /// The bindings that work in `ctx`, each with the keys that really reach
    /// it: a key that an earlier row takes in this context (Feedback's `r`
    /// reflect before the screens' `r` reload) is not listed again, so help
    /// and the status line never show a key doing what it does not.
    pub fn effective(&self, ctx: Context) -> Vec<(Vec<Key>, &Binding)> {
        let mut taken: Vec<(Key, &Action)> = Vec::new();
        let mut out = Vec::new();
        for b in self.bindings_for(ctx) {
            // Taken by a row doing something else; the same action twice
            // (an override given to two rows) still shows on both.
            let keys: Vec<Key> = b
                .keys
                .iter()
                .filter(|k| !taken.iter().any(|(t, a)| t == *k && **a != b.action))
                .copied()
                .collect();
            taken.extend(b.keys.iter().map(|k| (*k, &b.action)));
            if !keys.is_empty() {
                out.push((keys, b));
            }
        }
        out
    }

    /// The label of the first key that does `action` in `ctx`, for hints.
    pub fn key_for(&self, ctx: Context, action: &Action) -> Option<String> {
        self.bindings_for(ctx)
            .find(|b| &b.action == action)
            .and_then(|b| b.keys.first().map(|k| k.label()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    const DIARY: Context = Context::Screen(Screen::Diary);

    #[test]
    fn design_keys_on_the_diary() {
        assert_eq!(resolve(DIARY, &key(KeyCode::Char('q'))), Some(Action::Quit));
        assert_eq!(resolve(DIARY, &key(KeyCode::Char('n'))), Some(Action::New));
        assert_eq!(resolve(DIARY, &key(KeyCode::Char('e'))), Some(Action::Edit));
        assert_eq!(
            resolve(DIARY, &key(KeyCode::Char('d'))),
            Some(Action::Delete)
        );
        assert_eq!(resolve(DIARY, &key(KeyCode::Char('u'))), Some(Action::Undo));
        assert_eq!(resolve(DIARY, &key(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(resolve(DIARY, &key(KeyCode::Up)), Some(Action::Up));
        assert_eq!(
            resolve(DIARY, &key(KeyCode::Char('G'))),
            Some(Action::Bottom)
        );
        assert_eq!(resolve(DIARY, &key(KeyCode::Enter)), Some(Action::Open));
        assert_eq!(resolve(DIARY, &key(KeyCode::Char('?'))), Some(Action::Help));
        assert_eq!(
            resolve(DIARY, &key(KeyCode::Char('3'))),
            Some(Action::ShowScreen(Screen::Feedback))
        );
        assert_eq!(resolve(DIARY, &key(KeyCode::Tab)), Some(Action::NextScreen));
        assert_eq!(
            resolve(DIARY, &key(KeyCode::BackTab)),
            Some(Action::PreviousScreen)
        );
    }

    #[test]
    fn new_entry_only_where_it_makes_sense() {
        let plan = Context::Screen(Screen::Plan);
        assert_eq!(resolve(plan, &key(KeyCode::Char('n'))), Some(Action::New));
        assert_eq!(resolve(plan, &key(KeyCode::Char('e'))), Some(Action::Edit));
        assert_eq!(resolve(plan, &key(KeyCode::Char('q'))), Some(Action::Quit));
    }

    #[test]
    fn forms_claim_their_keys_and_let_letters_through() {
        assert_eq!(resolve(Context::Form, &ctrl('s')), Some(Action::Save));
        assert_eq!(
            resolve(Context::Form, &key(KeyCode::Tab)),
            Some(Action::NextField)
        );
        assert_eq!(
            resolve(Context::Form, &key(KeyCode::BackTab)),
            Some(Action::PreviousField)
        );
        assert_eq!(
            resolve(Context::Form, &key(KeyCode::Esc)),
            Some(Action::Back)
        );
        assert_eq!(resolve(Context::Form, &ctrl('c')), Some(Action::Interrupt));
        // Letters and Enter are text, not commands, in a form.
        assert_eq!(resolve(Context::Form, &key(KeyCode::Char('q'))), None);
        assert_eq!(resolve(Context::Form, &key(KeyCode::Char('1'))), None);
        assert_eq!(resolve(Context::Form, &key(KeyCode::Enter)), None);
    }

    #[test]
    fn confirm_and_help() {
        assert_eq!(
            resolve(Context::Confirm, &key(KeyCode::Char('y'))),
            Some(Action::Yes)
        );
        assert_eq!(
            resolve(Context::Confirm, &key(KeyCode::Esc)),
            Some(Action::No)
        );
        assert_eq!(resolve(Context::Confirm, &key(KeyCode::Char('q'))), None);
        assert_eq!(
            resolve(Context::Help, &key(KeyCode::Char('?'))),
            Some(Action::Back)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut ev = key(KeyCode::Char('q'));
        ev.kind = KeyEventKind::Release;
        assert_eq!(resolve(DIARY, &ev), None);
    }

    #[test]
    fn status_line_comes_from_the_table() {
        let hints = status_hints(DIARY);
        assert!(hints.contains(&("n".to_string(), "new STAR entry")));
        assert!(hints.contains(&("q".to_string(), "quit")));
        let form = status_hints(Context::Form);
        assert!(form.contains(&("Ctrl-S".to_string(), "save and close")));
    }

    fn overrides(pairs: &[(&str, &[&str])]) -> std::collections::BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
            .collect()
    }

    #[test]
    fn a_yes_no_question_does_not_offer_discard_in_the_status_line() {
        let hints = status_hints(Context::Confirm);
        assert!(hints.iter().any(|(_, h)| *h == "yes"), "{hints:?}");
        assert!(
            !hints.iter().any(|(_, h)| h.contains("discard")),
            "{hints:?}"
        );
    }

    #[test]
    fn actions_have_kebab_case_names() {
        assert_eq!(action_name(&Action::Quit), "quit");
        assert_eq!(action_name(&Action::NextField), "next-field");
        assert_eq!(
            action_name(&Action::ShowScreen(Screen::Plan)),
            "show-screen-plan"
        );
        let names = action_names();
        assert!(names.contains(&"open-editor".to_string()));
        assert!(names.contains(&"help".to_string()));
    }

    #[test]
    fn keys_are_parsed_as_written_in_config() {
        assert_eq!(parse_key("x"), Ok(Char('x')));
        assert_eq!(parse_key("X"), Ok(Char('X')));
        assert_eq!(parse_key("Ctrl-e"), Ok(Ctrl('e')));
        assert_eq!(parse_key("ctrl+S"), Ok(Ctrl('s')));
        assert_eq!(parse_key("F2"), Ok(Code(KeyCode::F(2))));
        assert_eq!(parse_key("PageDown"), Ok(Code(KeyCode::PageDown)));
        assert_eq!(parse_key("Space"), Ok(Char(' ')));
        assert_eq!(parse_key("Shift-Tab"), Ok(Key::BackTab));
        assert!(parse_key("Hyper-x").is_err());
        assert!(parse_key("Ctrl-ab").is_err());
    }

    #[test]
    fn a_key_a_screen_takes_for_itself_is_not_listed_for_the_shared_action() {
        // On Feedback `r` reflects; help and the status line must not also
        // say it reloads there, while on the Diary it still does.
        let map = Keymap::default();
        let feedback = Context::Screen(Screen::Feedback);
        let reload_keys = |ctx| {
            map.effective(ctx)
                .into_iter()
                .filter(|(_, b)| b.action == Action::Refresh)
                .flat_map(|(keys, _)| keys)
                .collect::<Vec<Key>>()
        };
        assert!(!reload_keys(feedback).contains(&Char('r')));
        assert!(reload_keys(DIARY).contains(&Char('r')));
        assert_eq!(
            map.resolve(feedback, &key(KeyCode::Char('r'))),
            map.effective(feedback)
                .into_iter()
                .find(|(keys, _)| keys.contains(&Char('r')))
                .map(|(_, b)| b.action.clone())
        );
    }

    #[test]
    fn an_override_replaces_the_keys_and_shows_in_help() {
        let (map, problems) = Keymap::with_overrides(&overrides(&[("quit", &["Z"])]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            map.resolve(DIARY, &key(KeyCode::Char('Z'))),
            Some(Action::Quit)
        );
        assert_eq!(map.resolve(DIARY, &key(KeyCode::Char('q'))), None);
        assert!(map.status_hints(DIARY).contains(&("Z".to_string(), "quit")));
        assert!(map.bindings_for(DIARY).any(|b| b.action == Action::Quit
            && b.keys.iter().map(|k| k.label()).collect::<Vec<_>>() == vec!["Z"]));
        // Ctrl-C still quits.
        assert_eq!(map.resolve(DIARY, &ctrl('c')), Some(Action::Quit));
        // The default table is untouched.
        assert_eq!(resolve(DIARY, &key(KeyCode::Char('q'))), Some(Action::Quit));
    }

    #[test]
    fn a_taken_key_moves_to_the_override() {
        // `e` edits on the Diary; giving it to `new` takes it from `edit` there.
        let (map, problems) = Keymap::with_overrides(&overrides(&[("new", &["e", "a"])]));
        assert_eq!(
            map.resolve(DIARY, &key(KeyCode::Char('e'))),
            Some(Action::New)
        );
        assert_eq!(
            map.resolve(DIARY, &key(KeyCode::Char('a'))),
            Some(Action::New)
        );
        assert!(
            problems.iter().any(|p| p.contains("`edit`")),
            "{problems:?}"
        );
    }

    #[test]
    fn bad_overrides_are_named_and_the_default_kept() {
        let (map, problems) = Keymap::with_overrides(&overrides(&[
            ("launch", &["x"]),
            ("save", &["s"]),
            ("help", &["Hyper-h"]),
        ]));
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`launch` is not an action"))
        );
        assert!(problems.iter().any(|p| p.contains("plain letters")));
        assert_eq!(map.resolve(Context::Form, &ctrl('s')), Some(Action::Save));
        assert_eq!(
            map.resolve(DIARY, &key(KeyCode::Char('?'))),
            Some(Action::Help)
        );
    }

    #[test]
    fn config_doc_names_every_action() {
        let doc = include_str!("../../docs/CONFIG.md");
        for name in action_names() {
            assert!(
                doc.contains(&format!("| `{name}` |")),
                "docs/CONFIG.md's action table lacks `{name}`: add a row for it"
            );
        }
    }
}
