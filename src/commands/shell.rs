//! `starlog completions SHELL` and `starlog man`: both generated from the clap
//! definitions in `src/cli.rs`, so they can never fall behind the commands.

use super::Failure;
use clap::CommandFactory;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<u8, Failure> {
    let mut cmd = crate::cli::Cli::command();
    clap_complete::generate(shell, &mut cmd, "starlog", &mut std::io::stdout());
    Ok(0)
}

/// The manual page, as roff.
pub fn man_page() -> Result<Vec<u8>, Failure> {
    let cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| Failure::Other(format!("could not write the manual page: {e}")))?;
    Ok(out)
}

/// Prints the manual page.
pub fn man() -> Result<u8, Failure> {
    use std::io::Write;
    let page = man_page()?;
    let _ = std::io::stdout().lock().write_all(&page);
    Ok(0)
}
