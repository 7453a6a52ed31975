use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = lectern::cli::Cli::parse();
    match lectern::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
