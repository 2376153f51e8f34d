//! starlog: a STAR reflective diary, development plan, feedback inbox and review
//! timeline for customer-service learners, kept as versioned RON files.

pub mod app;
pub mod assets;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod import;
pub mod search;
pub mod store;
pub mod ui;
