//! `lectern new`: a pack folder to start from.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::pack::skeleton;
use crate::pack::source::Origin;

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

/// What each file of the new pack holds, for the message after it is made.
const CONTENTS: [(&str, &str); 4] = [
    ("pack.toml", "title, author, summary, version, tags and a discussion prompt"),
    ("article.md", "a placeholder article that explains itself, to replace with yours"),
    ("glossary.toml", "two example terms"),
    ("quiz.toml", "one example question of each of the seven kinds"),
];

/// Makes the pack folder.
pub fn run(args: &NewArgs) -> Result<ExitCode> {
    let title = given(args.title.as_deref(), "--title")?.unwrap_or(skeleton::TITLE);
    let author = given(args.author.as_deref(), "--author")?.unwrap_or(skeleton::AUTHOR);
    let dir = &args.dir;
    let shown = dir.display().to_string();
    if dir.exists() {
        if !dir.is_dir() {
            bail!("{shown} is a file, not a folder; choose a new folder for the pack");
        }
        let mut entries = dir.read_dir().with_context(|| format!("cannot read {shown}"))?;
        if entries.next().is_some() {
            bail!("{shown} is not empty; choose a new folder for the pack, or empty this one");
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot make the folder {shown}"))?;
    for (name, text) in skeleton::files(title, author) {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }

    let id = Origin::Folder(dir).id();
    let arg = shell_word(&shown);
    let id_arg = shell_word(&id);
    println!("made {shown}, a new pack with the id `{id}`:");
    for (name, holds) in CONTENTS {
        println!("  {name:<15}{holds}");
    }
    println!();
    println!("Next:");
    println!("  1. Edit the four files. Their comments explain every field; docs/pack-format.md has the rest.");
    println!("  2. lectern check {arg}   reports every problem, and which paragraphs have no question yet");
    println!("  3. lectern {arg}         opens the pack");
    if !in_local_texts(dir) {
        println!();
        println!(
            "To open it by its id (`lectern {id_arg}`), keep it in ./texts/ or in the data directory's texts/ folder."
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// An option's value: `None` when not given, an error when given but blank.
fn given<'a>(value: Option<&'a str>, option: &str) -> Result<Option<&'a str>> {
    match value {
        Some(text) if text.trim().is_empty() => bail!("{option} is empty; give it some text, or leave it out"),
        Some(text)
            if crate::text::sanitize::first_control(text).is_some()
                || text.chars().any(crate::text::sanitize::is_bidi_control) =>
        {
            bail!("{option} holds a control character; give it as plain text")
        }
        Some(text) => Ok(Some(text.trim())),
        None => Ok(None),
    }
}

/// True when `dir` sits directly in `./texts/`, where packs are found by id.
fn in_local_texts(dir: &Path) -> bool {
    let (Ok(dir), Ok(texts)) = (dir.canonicalize(), Path::new("texts").canonicalize()) else { return false };
    dir.parent() == Some(texts.as_path())
}

/// `text` as one word for a POSIX shell: as it is when that is safe, else single-quoted.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "-_./+,:@%".contains(c));
    if plain { text.to_string() } else { format!("'{}'", text.replace('\'', r"'\''")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("texts/my-pack"), "texts/my-pack");
        assert_eq!(shell_word("my pack"), "'my pack'");
        assert_eq!(shell_word("Ann's"), r"'Ann'\''s'");
    }
}
