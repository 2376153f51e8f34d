//! Applying the learner's settings (config.ron) to the app: theme, keys,
//! the review interval for a new workspace; problems go to the status line.

use super::{App, Theme, keymap::Keymap};
use crate::config::{LoadedConfig, ThemeName};

impl Theme {
    /// The colours of a theme setting.
    pub fn of(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme {
                color: true,
                light: false,
            },
            ThemeName::Light => Theme {
                color: true,
                light: true,
            },
            ThemeName::Monochrome => Theme {
                color: false,
                light: false,
            },
        }
    }
}

impl App {
    /// Takes in the settings read at start. Never fails: a problem becomes
    /// a message and the default stays.
    pub fn apply_config(&mut self, loaded: &LoadedConfig) {
        let config = &loaded.config;
        self.theme = Theme::of(config.effective_theme());
        let (keymap, key_problems) = Keymap::with_overrides(&config.keys);
        self.keymap = keymap;
        // A workspace with no workspace.ron yet starts with the learner's interval.
        if self.model.header_state.is_none() {
            self.model.header.settings.review_interval_days = config.review_interval_days;
        }
        self.config = config.clone();
        let name = loaded
            .path
            .as_ref()
            .map_or_else(|| "config.ron".to_string(), |p| p.display().to_string());
        let problems: Vec<String> = loaded
            .problems
            .iter()
            .cloned()
            .chain(key_problems.iter().map(|p| format!("{name}: {p}")))
            .collect();
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more: run `starlog config`)", n - 1),
            };
            self.set_error(format!("Settings: {first}{more}"));
        }
    }

    /// The mouse-wheel scroll of the preview of the record selected on `screen`.
    pub fn preview_scroll_for(&self, screen: super::Screen) -> u16 {
        match self.preview_scroll {
            Some((s, selected, scroll)) if s == screen && selected == self.selected(screen) => {
                scroll
            }
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Loaded;
    use crate::tui::{Action, Context, Screen};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn app() -> App {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+00:00").unwrap();
        App::from_loaded(Loaded::default(), now)
    }

    fn loaded(text: &str) -> LoadedConfig {
        let (config, problems) = crate::config::parse(text, "config.ron");
        LoadedConfig {
            config,
            path: None,
            problems,
        }
    }

    #[test]
    fn the_light_theme_and_keys_take_effect() {
        let mut app = app();
        app.apply_config(&loaded(r#"(theme: "light", keys: {"quit": ["Z"]})"#));
        if std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
            assert!(app.theme.color && app.theme.light);
        }
        let x = KeyEvent::new(KeyCode::Char('Z'), KeyModifiers::NONE);
        assert_eq!(
            app.keymap.resolve(Context::Screen(Screen::Diary), &x),
            Some(Action::Quit)
        );
        app.handle_key(&x);
        assert!(app.exit.is_some(), "Z quits");
        assert!(app.status.is_none());
    }

    #[test]
    fn monochrome_turns_colour_off() {
        let mut app = app();
        app.apply_config(&loaded(r#"(theme: "monochrome")"#));
        assert!(!app.theme.color);
    }

    #[test]
    fn a_new_workspace_takes_the_review_interval() {
        let mut app = app();
        app.apply_config(&loaded("(review_interval_days: 60)"));
        assert_eq!(app.model.header.settings.review_interval_days, 60);
        // A workspace that has its own header keeps its own interval.
        let mut app = self::app();
        app.model.header_state = Some(crate::store::FileState {
            rel_path: "workspace.ron".into(),
            hash: 0,
            protected: None,
        });
        app.apply_config(&loaded("(review_interval_days: 60)"));
        assert_eq!(app.model.header.settings.review_interval_days, 90);
    }

    #[test]
    fn problems_reach_the_status_line() {
        let mut app = app();
        app.apply_config(&loaded(
            "(\n theme: \"purple\",\n keys: {\"fly\": [\"f\"]},\n)",
        ));
        let status = app.status.clone().expect("a message");
        assert!(status.error);
        assert!(status.text.contains("line 2"), "{}", status.text);
        assert!(status.text.contains("1 more"), "{}", status.text);
    }
}
