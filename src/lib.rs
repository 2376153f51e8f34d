//! starlog: a STAR reflective diary, development plan, feedback inbox and review
//! timeline for customer-service learners, kept as versioned RON files.

pub mod caseload;
pub mod cli;
pub mod clock;
pub mod cohort;
pub mod commands;
pub mod config;
pub mod import;
pub mod tui;

// The layers below the app, in their own crates so the compiler holds the
// layering; re-exported under their old names.
pub use starlog_core::{assets, domain, export, search};
pub use starlog_store as store;

/// The demo learner: the story (pure, in the core) and writing it out.
pub mod demo {
    pub use crate::commands::demo::{TeamError, write_demo, write_team};
    pub use starlog_core::demo::*;
}
