//! The starlog binary: parse the command line, run the command, map errors to
//! exit codes. Everything else lives in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    give_large_blocks_back();
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

/// glibc's malloc serves a block of 128 KiB or more from its own mapping,
/// given back when freed, but raises that threshold (up to 32 MiB) each
/// time such a block is freed. After a load has freed its large temporary
/// buffers, the large blocks that follow (record lists, hash tables, the
/// index's buffers) then come from the heap, and their space stays in the
/// process once they are freed: at 100k entries about 57 MB of the app's
/// peak (337 -> 280 MB, benches/memory.py) with no time lost. Keeping the
/// threshold where it starts gives every large block back when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn give_large_blocks_back() {
    // SAFETY: mallopt only sets one of malloc's parameters; this runs first
    // in main, before any other thread could be allocating.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_large_blocks_back() {}
