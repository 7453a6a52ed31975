use std::process::ExitCode;

use clap::Parser;
use lectern::text::sanitize::mask;

fn main() -> ExitCode {
    // Output piped into `head` ends the program quietly, as for any command-line tool,
    // rather than with Rust's "failed printing to stdout" panic.
    // SAFETY: setting a signal's disposition to the default touches no Rust state.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // glibc grows its heap 128 KB past each request, a system call and a fresh run of pages
    // at a time, and gives back what is freed at its top past the same: opening a book
    // allocates and frees some megabytes in a few milliseconds, and spent about 1 ms of its
    // first screen so (docs/benchmarks.md). Room is asked for 16 MB at a time instead; pages
    // never touched take no memory.
    // SAFETY: called before any other thread starts, as mallopt must be.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 16 << 20);
    }
    let cli = match lectern::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // Help and the version are printed as clap sets them. A mistake quotes what was
        // typed, which may hold anything (a file name made to carry escape sequences): it is
        // printed plain, masked, as every error is.
        Err(error) if !error.use_stderr() => error.exit(),
        Err(error) => {
            eprint!("{}", mask(&error.render().to_string()));
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let code = match lectern::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", mask(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    };
    // A pack opened for the first time is kept in the cache on a thread of its own.
    lectern::pack::opening::settle();
    code
}
