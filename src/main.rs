use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Output piped into `head` ends the program quietly, as for any command-line tool,
    // rather than with Rust's "failed printing to stdout" panic.
    // SAFETY: setting a signal's disposition to the default touches no Rust state.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = lectern::cli::Cli::parse();
    match lectern::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
