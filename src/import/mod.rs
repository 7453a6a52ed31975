//! Turning an article (plain text, Markdown, HTML or EPUB) into a pack to finish by hand.
//!
//! The file is read into a [`Document`] (its title, author and Markdown), then made into the
//! text of the pack's four files ([`files`]), then written to a new folder ([`folder`]).
//! Nothing here knows of the terminal.

mod epub;
pub mod files;
pub mod folder;
mod html;
mod plain;
pub mod suggest;

use std::path::{Path, PathBuf};

/// An article as read from a file, before it becomes a pack.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The title, from the document's metadata or its first heading, when it has one.
    pub title: Option<String>,
    /// The author, from the document's metadata or its byline, when it has one.
    pub author: Option<String>,
    /// The article as CommonMark, ready for `article.md`.
    pub markdown: String,
}

/// The kinds of file `lectern import` reads, told apart by their extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Epub,
}

impl Format {
    /// The format of `path`, from its extension (any case).
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "epub" => Format::Epub,
            _ => return None,
        })
    }
}

/// Why a file could not be imported. Each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot import this kind of file; lectern imports .txt, .md, .html, .htm and .epub", .0.display())]
    UnknownFormat(PathBuf),
    #[error("{}: cannot read it: {source}", .path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: not UTF-8 text; save it as UTF-8 and try again", .0.display())]
    NotUtf8(PathBuf),
    #[error("{}: cannot open it as an EPUB: {message}", .path.display())]
    Epub { path: PathBuf, message: String },
    #[error("{}: no text found in it to make an article of", .0.display())]
    Empty(PathBuf),
}

/// Reads the article in `path`, by its extension.
pub fn read(path: &Path) -> Result<Document, ImportError> {
    let format = Format::of(path).ok_or_else(|| ImportError::UnknownFormat(path.to_path_buf()))?;
    let document = match format {
        Format::Epub => epub::read(path)?,
        Format::Text => plain::text(&read_text(path)?),
        Format::Markdown => plain::markdown(&read_text(path)?),
        Format::Html => html::read(&read_text(path)?),
    };
    Ok(cleaned(document))
}

/// The document with no control character, escape sequence or direction control left in
/// it (an HTML entity such as `&#27;` decodes to one): a pack's text is shown as it is.
fn cleaned(document: Document) -> Document {
    use crate::text::sanitize::{clean_source, is_bidi_control, one_line};
    let markdown = clean_source(&document.markdown).chars().filter(|&c| !is_bidi_control(c)).collect();
    Document {
        title: document.title.as_deref().map(one_line).filter(|t| !t.is_empty()),
        author: document.author.as_deref().map(one_line).filter(|a| !a.is_empty()),
        markdown,
    }
}

/// A text file's contents, without a byte order mark.
fn read_text(path: &Path) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read { path: path.to_path_buf(), source })?;
    let text = String::from_utf8(bytes).map_err(|_| ImportError::NotUtf8(path.to_path_buf()))?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

/// A pack id made from a title: lowercase letters and digits, words joined by hyphens, at
/// most about 48 characters, cut at a word; `imported` when nothing is left.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word: String = word.chars().flat_map(char::to_lowercase).collect();
        if !slug.is_empty() && slug.chars().count() + 1 + word.chars().count() > 48 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() { "imported".to_string() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of(Path::new("a/page.HTML")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("notes.md")), Some(Format::Markdown));
        assert_eq!(Format::of(Path::new("book.epub")), Some(Format::Epub));
        assert_eq!(Format::of(Path::new("plain.txt")), Some(Format::Text));
        assert_eq!(Format::of(Path::new("report.pdf")), None);
        assert_eq!(Format::of(Path::new("README")), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("DeepSeek and the AI ‘arms race’"), "deepseek-and-the-ai-arms-race");
        assert_eq!(slug("Les Misérables"), "les-misérables");
        assert_eq!(slug("  ?!  "), "imported");
        let long = slug(&"word ".repeat(30));
        assert!(long.len() <= 48 && !long.ends_with('-'), "{long}");
    }
}
