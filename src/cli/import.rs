//! `lectern import`: an article turned into a pack to finish by hand.

use std::path::PathBuf;
use std::process::ExitCode;

use super::plural;
use anyhow::{Result, bail};

use crate::import::{self, files, folder};
use crate::pack::diagnostic::{Severity, count};
use crate::pack::load;
use crate::pack::source::Origin;

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
pub fn run(args: &ImportArgs) -> Result<ExitCode> {
    if let Some(dir) = &args.output {
        // Said before the article is read, which may take a while for a book.
        folder::check(dir)?;
    }
    let document = import::read(&args.file)?;
    let made = files::make(&document, &args.file)?;
    let dir = args.output.clone().unwrap_or_else(|| PathBuf::from("texts").join(import::slug(&made.title)));

    // The pack is loaded as it will be read, so that an import that would not pass
    // `lectern check` is never written.
    let id = import::slug(&made.title);
    let texts = made.files.clone().map(|(_, text)| Some(text.into_bytes()));
    let loaded = load(Origin::Memory { id: &id, files: &texts });
    if !loaded.is_ok() {
        for diagnostic in loaded.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            eprintln!("{}\n", diagnostic.render(false));
        }
        bail!("{}: the pack made from it has errors, so nothing was written", args.file.display());
    }
    folder::write(&dir, &made.files)?;

    let shown = dir.display();
    println!("wrote {shown}/");
    println!("  pack.toml      title {:?}, {}", made.title, author_note(made.author.as_deref()));
    println!("  article.md     {}", plural(made.paragraphs, "paragraph"));
    println!("  glossary.toml  {} marked as drafts", plural(made.terms, "suggested term"));
    println!("  quiz.toml      {}, commented out", plural(made.paragraphs, "card stub"));
    let warnings = count(&loaded.diagnostics, Severity::Warning);
    println!(
        "next: write the definitions and the questions, remove each `draft = true` as you finish it, \
         with `lectern check --watch {shown}` beside your editor ({} now)",
        plural(warnings, "warning")
    );
    Ok(ExitCode::SUCCESS)
}

fn author_note(author: Option<&str>) -> String {
    match author {
        Some(author) => format!("author {author:?}"),
        None => format!("author {:?}: put in the author's name", files::UNKNOWN_AUTHOR),
    }
}
