//! The screens drawn with `TestBackend`: snapshots at 80x24 and 120x40.

mod screens;
