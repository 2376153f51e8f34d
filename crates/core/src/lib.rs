//! starlog's core: the domain records and their rules, search and export, and
//! the data shipped inside the binary. It knows nothing of the terminal or
//! the disk (no ratatui, no crossterm, no `std::fs`): the store crate reads and
//! writes records, the app and the command line sit on top.

pub mod assets;
pub mod cohort;
pub mod demo;
pub mod domain;
pub mod export;
pub mod search;
