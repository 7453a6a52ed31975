//! `lectern new`: a pack folder to start from.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

/// `lectern new`'s arguments.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The folder to make; it must not exist, or be empty.
    pub dir: PathBuf,
    /// The article's title.
    #[arg(long)]
    pub title: Option<String>,
    /// The article's author.
    #[arg(long)]
    pub author: Option<String>,
}

/// Makes the pack folder.
pub fn run(_args: &NewArgs) -> Result<ExitCode> {
    bail!("not written yet")
}
