//! The terminal app. `app.rs` holds `App`, the state on screen: the
//! workspace as held in memory (`model.rs`: header, records with their own
//! revision, files, problems), this run against it (`session.rs`: the
//! workspace and its lock, undo, this session's changes), and the rest of
//! what shows. Each screen
//! lives in its own folder under `screens/` (its state and update in
//! `mod.rs`, its drawing in `view.rs`) behind the one `screens::Screen`
//! trait; `forms/` is the form engine with one spec file per form; the event
//! loop is in `run.rs`. What the screens show worked out from the records
//! (`derived.rs`) is redone in update when the records' revision or the day
//! changes; `view.rs` then draws the whole frame from `&App`, writing nothing
//! but the frame, and returns the mouse hit map the loop keeps.

pub mod action;
pub mod app;
pub mod arrivals;
pub mod derived;
pub mod editor;
pub mod forms;
pub mod help;
pub mod jobs;
pub mod keymap;
pub mod layers;
pub mod legend;
mod links;
pub mod markdown;
pub mod model;
pub mod mouse;
pub mod paths;
pub mod run;
pub mod screens;
pub mod search;
pub mod session;
mod settings;
pub mod status;
pub mod theme;
pub mod view;
pub mod widgets;

pub use app::*;
pub use view::view;
