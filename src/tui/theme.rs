//! How the app looks: the styles every view draws with, with colour only
//! when allowed and picked for the terminal's background.

use super::App;
use super::markdown;
use ratatui::style::{Color, Modifier, Style};

/// Styles, with colour only when allowed (`NO_COLOR`), picked for a dark
/// or a light background (`theme` in config.ron).
pub struct Styles {
    color: bool,
    light: bool,
    /// How days are shown (config.ron's `date_format`), on every screen.
    pub days: crate::config::Days,
}

impl Styles {
    pub fn new(app: &App) -> Styles {
        Styles::of(app.theme, &app.config)
    }

    /// The styles for a theme and the settings' day format (a screen
    /// outside the learner's app: the Team screen).
    pub fn of(theme: super::Theme, config: &crate::config::Config) -> Styles {
        Styles {
            color: theme.color,
            light: theme.light,
            days: config.days(),
        }
    }

    /// Yellow and cyan vanish on a light background: stronger colours there.
    fn pick(&self, dark: Color, light: Color) -> Color {
        if self.light { light } else { dark }
    }

    /// The styles Markdown previews use.
    pub fn markdown(&self) -> markdown::MarkdownStyles {
        markdown::MarkdownStyles {
            heading: self.title(),
            code: self.fg(self.pick(Color::Yellow, Color::Magenta)),
            dim: self.dim(),
            bullet: self.key(),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(self.pick(Color::Cyan, Color::Blue))
            .add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }
    pub fn key(&self) -> Style {
        self.fg(self.pick(Color::Yellow, Color::Blue))
            .add_modifier(Modifier::BOLD)
    }
    pub fn warn(&self) -> Style {
        self.fg(self.pick(Color::Yellow, Color::Magenta))
            .add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn tag(&self) -> Style {
        self.fg(Color::Magenta)
    }
    pub fn selected(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Blue).fg(Color::White)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn focus_border(&self) -> Style {
        self.fg(self.pick(Color::Cyan, Color::Blue))
    }
}
