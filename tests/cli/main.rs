//! The shell commands as a learner or a script meets them: the real binary
//! run through the harness, its output, files and exit status.

#[path = "../common/mod.rs"]
mod common;

mod coach;
mod criteria;
mod custom;
mod evidence;
mod exits;
mod feedback;
mod goldens;
mod hardening;
mod harness;
mod learners;
mod personal_data;
mod practice;
mod progress;
mod review;
mod search;
mod sync;
mod team;
