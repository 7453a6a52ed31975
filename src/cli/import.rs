//! `lectern import`: an article turned into a pack to finish by hand.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

/// `lectern import`'s arguments.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The article: plain text (.txt), Markdown (.md), HTML (.html, .htm) or EPUB (.epub).
    pub file: PathBuf,
    /// The pack folder to write (default: `texts/` and a name made from the title).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Imports the article.
pub fn run(_args: &ImportArgs) -> Result<ExitCode> {
    bail!("not written yet")
}
