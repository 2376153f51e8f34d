//! Drawing the open form: `view` draws every form's fields the same way;
//! each other file here adds one form's title and advice.

pub mod act;
pub mod export;
pub mod feedback;
pub mod kpi;
pub mod reflection;
pub mod review;
pub mod view;
