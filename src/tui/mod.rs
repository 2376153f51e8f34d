//! The terminal app. `app.rs` holds `App`, the state on screen; each screen
//! lives in its own folder under `screens/` (its state and update in
//! `mod.rs`, its drawing in `view.rs`); `forms/` is the form engine with one
//! spec file per form; `view.rs` draws the whole frame from `&App`; the event
//! loop is in `run.rs`.

pub mod action;
pub mod app;
pub mod arrivals;
pub mod derived;
pub mod editor;
pub mod forms;
pub mod help;
pub mod jobs;
pub mod keymap;
pub mod legend;
mod links;
pub mod markdown;
pub mod mouse;
pub mod paths;
pub mod run;
pub mod screens;
pub mod search;
mod settings;
pub mod status;
pub mod theme;
pub mod view;
pub mod widgets;

pub use app::*;
pub use view::view;
