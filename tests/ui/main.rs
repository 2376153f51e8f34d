//! The app without a terminal: every screen drawn with `TestBackend` as
//! snapshots at 80x24 and 120x40, and the app's state driven step by step.

#[path = "../common/mod.rs"]
mod common;

mod loading;
mod personal_data;
mod screens;
