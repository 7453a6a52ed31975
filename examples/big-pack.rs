//! Writes a generated study pack of any size, for trying lectern on long texts.
//!
//! ```sh
//! cargo run --release --example big-pack -- --mb 5 --terms 2000 --questions 2000 /tmp/big5
//! lectern check /tmp/big5
//! ```
//!
//! The folder becomes the pack, and its name is the pack id. Prints the folder and the
//! article's size.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use lectern::sample::{Spec, generate, write};

/// Writes a generated study pack into OUT_DIR.
#[derive(Parser)]
struct Args {
    /// The article's size in megabytes (10⁶ bytes); decimals allowed, such as 0.05.
    #[arg(long, default_value_t = 1.0)]
    mb: f64,
    /// Glossary entries.
    #[arg(long, default_value_t = 200)]
    terms: usize,
    /// Quiz questions.
    #[arg(long, default_value_t = 200)]
    questions: usize,
    /// Seed: the same options and seed give the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The pack folder to write (created).
    out_dir: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if !args.mb.is_finite() || args.mb <= 0.0 {
        eprintln!("error: --mb must be a positive number");
        return ExitCode::from(2);
    }
    let spec =
        Spec { bytes: (args.mb * 1e6).round() as usize, terms: args.terms, questions: args.questions, seed: args.seed };
    let generated = generate(&spec);
    if let Err(error) = write(&generated, &args.out_dir) {
        eprintln!("error: cannot write {}: {error}", args.out_dir.display());
        return ExitCode::FAILURE;
    }
    let size = generated.files[1].len();
    println!("{}  article.md {size} bytes ({:.2} MB)", args.out_dir.display(), size as f64 / 1e6);
    ExitCode::SUCCESS
}
