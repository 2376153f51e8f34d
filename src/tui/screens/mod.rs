//! One folder per screen: its state and update in `mod.rs`, its drawing in
//! `view.rs`.

pub mod diary;
pub mod evidence;
pub mod feedback;
pub mod plan;
pub mod progress;
pub mod reviews;
pub mod team;
pub mod trash;
