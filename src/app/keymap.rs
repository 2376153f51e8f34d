//! The one key table: it drives dispatch, the status line and the help
//! overlay, so help can never disagree with what a key does.

use super::action::{Action, Screen};
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
                other => format!("{other:?}"),
            },
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
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
            keys: $keys,
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
    TABLE.get_or_init(|| {
        vec![
            // Everywhere
            bind!(
                &[Ctrl('c')],
                Scope::Form,
                Action::Interrupt,
                "keep a draft and quit",
                false
            ),
            bind!(&[Ctrl('c')], Scope::Browsing, Action::Quit, "quit", false),
            // Confirmation popups
            bind!(
                &[Char('y'), Code(KeyCode::Enter)],
                Scope::Confirm,
                Action::Yes,
                "yes",
                true
            ),
            bind!(
                &[Char('n'), Code(KeyCode::Esc)],
                Scope::Confirm,
                Action::No,
                "no",
                true
            ),
            // Help
            bind!(
                &[Code(KeyCode::Esc), Char('?'), Char('q')],
                Scope::Help,
                Action::Back,
                "close help",
                true
            ),
            bind!(
                &[Char('j'), Code(KeyCode::Down)],
                Scope::Help,
                Action::Down,
                "scroll",
                true
            ),
            bind!(
                &[Char('k'), Code(KeyCode::Up)],
                Scope::Help,
                Action::Up,
                "scroll",
                false
            ),
            // Forms
            bind!(
                &[Ctrl('s')],
                Scope::Form,
                Action::Save,
                "save and close",
                true
            ),
            bind!(
                &[Code(KeyCode::Tab)],
                Scope::Form,
                Action::NextField,
                "next field",
                true
            ),
            bind!(
                &[Key::BackTab],
                Scope::Form,
                Action::PreviousField,
                "previous field",
                true
            ),
            bind!(
                &[Code(KeyCode::Esc)],
                Scope::Form,
                Action::Back,
                "close",
                true
            ),
            // Screens
            bind!(
                &[Char('1')],
                Scope::Browsing,
                Action::ShowScreen(Screen::Diary),
                "Diary",
                false
            ),
            bind!(
                &[Char('2')],
                Scope::Browsing,
                Action::ShowScreen(Screen::Plan),
                "Plan",
                false
            ),
            bind!(
                &[Char('3')],
                Scope::Browsing,
                Action::ShowScreen(Screen::Feedback),
                "Feedback",
                false
            ),
            bind!(
                &[Char('4')],
                Scope::Browsing,
                Action::ShowScreen(Screen::Reviews),
                "Reviews",
                false
            ),
            bind!(
                &[Char('5')],
                Scope::Browsing,
                Action::ShowScreen(Screen::Progress),
                "Progress",
                false
            ),
            bind!(
                &[Code(KeyCode::Tab)],
                Scope::Screens,
                Action::NextScreen,
                "next screen",
                false
            ),
            bind!(
                &[Key::BackTab],
                Scope::Screens,
                Action::PreviousScreen,
                "previous screen",
                false
            ),
            bind!(
                &[Char('j'), Code(KeyCode::Down)],
                Scope::Browsing,
                Action::Down,
                "down",
                false
            ),
            bind!(
                &[Char('k'), Code(KeyCode::Up)],
                Scope::Browsing,
                Action::Up,
                "up",
                false
            ),
            bind!(
                &[Char('g'), Code(KeyCode::Home)],
                Scope::Browsing,
                Action::Top,
                "top",
                false
            ),
            bind!(
                &[Char('G'), Code(KeyCode::End)],
                Scope::Browsing,
                Action::Bottom,
                "bottom",
                false
            ),
            bind!(
                &[Code(KeyCode::PageDown)],
                Scope::Browsing,
                Action::PageDown,
                "page down",
                false
            ),
            bind!(
                &[Code(KeyCode::PageUp)],
                Scope::Browsing,
                Action::PageUp,
                "page up",
                false
            ),
            bind!(
                &[Code(KeyCode::Esc)],
                Scope::Reader,
                Action::Back,
                "back to the list",
                true
            ),
            bind!(
                &[Code(KeyCode::Enter)],
                Scope::Screens,
                Action::Open,
                "open",
                true
            ),
            bind!(
                &[Char('n')],
                Scope::On(Screen::Diary),
                Action::New,
                "new STAR entry",
                true
            ),
            bind!(
                &[Char('e')],
                Scope::On(Screen::Diary),
                Action::Edit,
                "edit",
                true
            ),
            bind!(&[Char('e')], Scope::Reader, Action::Edit, "edit", true),
            bind!(
                &[Char('d')],
                Scope::On(Screen::Diary),
                Action::Delete,
                "delete (to trash)",
                true
            ),
            // Feedback: the triage keys come first so the status line shows them.
            bind!(
                &[Char('n')],
                Scope::On(Screen::Feedback),
                Action::New,
                "new feedback",
                false
            ),
            bind!(
                &[Char('r')],
                Scope::On(Screen::Feedback),
                Action::Reflect,
                "reflect",
                true
            ),
            bind!(
                &[Char('a')],
                Scope::On(Screen::Feedback),
                Action::Act,
                "act",
                true
            ),
            bind!(
                &[Char('x')],
                Scope::On(Screen::Feedback),
                Action::Archive,
                "archive",
                true
            ),
            bind!(
                &[Char('f')],
                Scope::On(Screen::Feedback),
                Action::Filter,
                "filter",
                true
            ),
            bind!(
                &[Char('t')],
                Scope::On(Screen::Feedback),
                Action::Triangulation,
                "triangulation",
                false
            ),
            bind!(
                &[Char('e')],
                Scope::On(Screen::Feedback),
                Action::Edit,
                "edit",
                false
            ),
            bind!(
                &[Char('d')],
                Scope::On(Screen::Feedback),
                Action::Delete,
                "delete (to trash)",
                false
            ),
            bind!(
                &[Char('n')],
                Scope::On(Screen::Plan),
                Action::New,
                "new objective/need/activity",
                true
            ),
            bind!(
                &[Char('e')],
                Scope::On(Screen::Plan),
                Action::Edit,
                "edit",
                true
            ),
            bind!(
                &[Char('d')],
                Scope::On(Screen::Plan),
                Action::Delete,
                "delete (to trash)",
                true
            ),
            bind!(
                &[Char('u')],
                Scope::Screens,
                Action::Undo,
                "undo delete",
                false
            ),
            bind!(
                &[Char('r')],
                Scope::Screens,
                Action::Refresh,
                "reload from disk",
                false
            ),
            bind!(
                &[Char('p')],
                Scope::Screens,
                Action::EditProfile,
                "edit your profile",
                false
            ),
            bind!(&[Char('?')], Scope::Browsing, Action::Help, "help", true),
            bind!(&[Char('q')], Scope::Browsing, Action::Quit, "quit", true),
        ]
    })
}

/// What `key` means in `ctx`, if anything. Pure, so it is unit-tested.
pub fn resolve(ctx: Context, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    bindings()
        .iter()
        .find(|b| b.scope.covers(ctx) && b.keys.iter().any(|k| k.matches(key)))
        .map(|b| b.action.clone())
}

/// The bindings that work in `ctx`, in table order.
pub fn bindings_for(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    bindings().iter().filter(move |b| b.scope.covers(ctx))
}

/// "n new STAR entry · e edit · ..." for the status line.
pub fn status_hints(ctx: Context) -> Vec<(String, &'static str)> {
    bindings_for(ctx)
        .filter(|b| b.status)
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            (keys.join("/"), b.help)
        })
        .collect()
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
}
