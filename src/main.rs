//! The starlog binary: parse the command line, run the command, map errors to
//! exit codes. Everything else lives in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = starlog::cli::parse();
    match starlog::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            let message = failure.to_string();
            eprintln!(
                "starlog: {}",
                starlog::commands::out::escape_controls(&message)
            );
            ExitCode::from(failure.exit_code())
        }
    }
}
