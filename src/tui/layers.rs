//! What lies over the screens, and in which order: the one place the
//! precedence of the app's layers is written, and the one place the state
//! of the chooser, a question, the search palette, a form, help and the
//! reader is held ([`Layers`]).
//!
//! A layer is open while its state is set (the chooser's flag, the question,
//! the search palette, the form, help, the reader). [`Layer::TOP_DOWN`]
//! orders them: a key goes to the topmost open layer and falls to the next
//! one down only if that layer lets it (a question lets an answer it does
//! not know fall to the form beneath it; the reader passes what is not a
//! reader's key to its screen), and to the screen when no layer takes it
//! (the lettered screen open, else the numbered one: `screens::Lettered`). The key context that help and the status
//! line describe is the topmost layer's, and the view draws the open layers
//! from the bottom up, so the one on top is drawn last.

use super::Context;
use super::forms::Form;
use super::search::Palette;
use crate::domain::{Draft, Id};

/// The layers' own state: each is open while its part here is set.
#[derive(Debug, Default)]
pub struct Layers {
    /// The Plan's "new what?" chooser is open.
    pub chooser: bool,
    /// A question on top of everything.
    pub confirm: Option<Confirm>,
    /// The search palette (`/`), when open.
    pub palette: Option<Palette>,
    /// The open form.
    pub form: Option<Form>,
    /// Help (`?`), scrolled this far.
    pub help: Option<u16>,
    /// Reading one record full-screen, scrolled this far.
    pub reader: Option<u16>,
    /// Which of the records the reader lists is picked (see `links.rs`).
    pub reader_pick: usize,
}

/// A question on top of everything.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Esc in a form with unsaved text: only Ctrl-D discards; any other key
    /// goes back to the form.
    DiscardChanges,
    /// A draft from an earlier session: restore, keep for later or discard.
    RestoreDraft(Box<Draft>),
    /// The export's file exists: replace it? (The export form stays open
    /// beneath, to choose another name.)
    OverwriteExport(super::forms::export::ExportChoice),
    /// Discarding an offered draft, asked once more.
    DiscardDraft(Box<Draft>),
    /// `d` on a record others link to: `links` names them ("5 activities
    /// and 2 entries link to this objective").
    DeleteLinked {
        id: Id,
        title: String,
        links: String,
    },
}

/// A layer over the screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The Plan's "new what?" chooser.
    Chooser,
    /// A question: discard, restore a draft, overwrite, delete linked.
    Confirm,
    /// The search palette (`/`).
    Search,
    /// A form.
    Form,
    /// Help (`?`).
    Help,
    /// One record read full-screen.
    Reader,
}

impl Layer {
    /// The layers, topmost first.
    pub const TOP_DOWN: [Layer; 6] = [
        Layer::Chooser,
        Layer::Confirm,
        Layer::Search,
        Layer::Form,
        Layer::Help,
        Layer::Reader,
    ];

    /// Whether this layer is open: read from the stack's state alone.
    pub fn is_open(self, layers: &Layers) -> bool {
        match self {
            Layer::Chooser => layers.chooser,
            Layer::Confirm => layers.confirm.is_some(),
            Layer::Search => layers.palette.is_some(),
            Layer::Form => layers.form.is_some(),
            Layer::Help => layers.help.is_some(),
            Layer::Reader => layers.reader.is_some(),
        }
    }

    /// The key table's context while this layer is on top.
    pub fn context(self, layers: &Layers) -> Context {
        match self {
            Layer::Chooser => Context::Chooser,
            Layer::Confirm if layers.confirm == Some(Confirm::DiscardChanges) => Context::Discard,
            Layer::Confirm => Context::Confirm,
            Layer::Search => Context::Search,
            Layer::Form => Context::Form,
            Layer::Help => Context::Help,
            Layer::Reader => Context::Reader,
        }
    }
}

impl Layers {
    /// The open layers, topmost first: the order a key goes down them.
    pub fn open(&self) -> Vec<Layer> {
        Layer::TOP_DOWN
            .into_iter()
            .filter(|l| l.is_open(self))
            .collect()
    }

    /// The topmost open layer, if any: the one a key goes to first.
    pub fn top(&self) -> Option<Layer> {
        Layer::TOP_DOWN.into_iter().find(|l| l.is_open(self))
    }

    /// The open layers in the order the view draws them: bottom first.
    pub fn bottom_up(&self) -> impl Iterator<Item = Layer> {
        self.open().into_iter().rev()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Id;
    use crate::tui::testkit::demo_app;
    use crate::tui::{Action, App, Form, forms::profile::ProfileForm};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(app: &mut App, code: KeyCode) {
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn profile_form(app: &App) -> Form {
        Form::Profile(Box::new(ProfileForm::new(
            &app.model.header.profile,
            &[],
            false,
        )))
    }

    fn delete_question() -> Confirm {
        Confirm::DeleteLinked {
            id: Id::from_parts(1, [1; 10]),
            title: "Raise my CSAT".into(),
            links: "5 activities link to this objective".into(),
        }
    }

    fn screen_text(app: &App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|f| {
                crate::tui::view(app, f);
            })
            .expect("draw");
        let buffer = terminal.backend().buffer();
        buffer
            .content()
            .chunks(usize::from(buffer.area.width))
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
            .collect()
    }

    /// Every layer open at once: each key goes to the topmost, and what is
    /// on top is what help describes.
    #[test]
    fn a_key_goes_to_the_topmost_layer_and_falls_only_when_it_is_let() {
        let mut app = demo_app();
        app.update(Action::Search);
        app.layers.form = Some(profile_form(&app));
        app.layers.confirm = Some(delete_question());
        app.layers.help = Some(0);
        assert_eq!(
            app.layers.open(),
            [Layer::Confirm, Layer::Search, Layer::Form, Layer::Help]
        );
        assert_eq!(app.context(), Context::Confirm);
        // `n` answers the question on top: not typed into the search or the
        // form beneath it.
        key(&mut app, KeyCode::Char('n'));
        assert!(app.layers.confirm.is_none(), "the question was answered");
        assert_eq!(app.layers.palette.as_ref().expect("open").input, "");
        assert!(!app.layers.form.as_ref().expect("open").state().dirty());
        // Now the search is on top: it takes the letters.
        assert_eq!(app.context(), Context::Search);
        key(&mut app, KeyCode::Char('n'));
        assert_eq!(app.layers.palette.as_ref().expect("open").input, "n");
        assert!(!app.layers.form.as_ref().expect("open").state().dirty());
        // Esc closes the search only; the form is on top then.
        key(&mut app, KeyCode::Esc);
        assert!(app.layers.palette.is_none());
        assert_eq!(app.layers.top(), Some(Layer::Form));
        assert_eq!(app.context(), Context::Form);
        key(&mut app, KeyCode::Char('n'));
        assert!(
            app.layers.form.as_ref().expect("open").state().dirty(),
            "typed in the form"
        );
        assert_eq!(app.layers.help, Some(0), "help beneath was never reached");
    }

    /// A question lets a key it does not know fall to the form beneath
    /// (the export form stays open under "replace the file?").
    #[test]
    fn a_question_lets_a_key_it_does_not_know_fall_to_the_form_beneath() {
        let mut app = demo_app();
        app.layers.form = Some(profile_form(&app));
        app.layers.confirm = Some(delete_question());
        key(&mut app, KeyCode::Char('z'));
        assert!(app.layers.confirm.is_some(), "still asked");
        assert!(app.layers.form.as_ref().expect("open").state().dirty());
    }

    /// The reader passes what is not a reader's key to its screen.
    #[test]
    fn the_reader_passes_a_screens_key_to_the_screen_beneath() {
        let mut app = demo_app();
        app.update(Action::Open);
        assert_eq!(app.layers.top(), Some(Layer::Reader));
        key(&mut app, KeyCode::Char('2'));
        assert!(app.layers.reader.is_none());
        assert_eq!(app.screen, crate::tui::Screen::Plan);
    }

    /// The view draws from the bottom up: the question is drawn over the
    /// search palette, whose box would otherwise cover it.
    #[test]
    fn the_top_layer_is_drawn_last() {
        let mut app = demo_app();
        app.update(Action::Search);
        assert!(screen_text(&app).contains("Search everything"));
        app.layers.confirm = Some(delete_question());
        let text = screen_text(&app);
        assert!(text.contains("Raise my CSAT"), "{text}");
        app.layers.palette = None;
        app.layers.help = Some(0);
        assert_eq!(
            app.layers.bottom_up().collect::<Vec<_>>(),
            [Layer::Help, Layer::Confirm]
        );
    }

    /// Pasted text goes down the same stack as keys: to the search palette
    /// over a form, to the form once the palette closes, and nowhere while
    /// a question is on top.
    #[test]
    fn pasted_text_goes_to_the_topmost_layer_that_takes_text() {
        let mut app = demo_app();
        app.update(Action::Search);
        app.layers.form = Some(profile_form(&app));
        app.layers.confirm = Some(delete_question());
        app.handle_paste("refund");
        assert_eq!(app.layers.palette.as_ref().expect("open").input, "");
        assert!(!app.layers.form.as_ref().expect("open").state().dirty());
        app.layers.confirm = None;
        app.handle_paste("refund");
        assert_eq!(app.layers.palette.as_ref().expect("open").input, "refund");
        assert!(!app.layers.form.as_ref().expect("open").state().dirty());
        app.layers.palette = None;
        app.handle_paste("Priya");
        assert!(app.layers.form.as_ref().expect("open").state().dirty());
    }
}
