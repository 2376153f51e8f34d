//! Drawing the open form: `view` draws every form's fields the same way;
//! each other file here adds one form's title and advice.

pub mod view;
