//! An EPUB read as one document, through `rbook`: its chapters in reading (spine) order,
//! each read as an HTML page, and its title and authors from its metadata.

use std::path::Path;

use super::plain::one_line;
use super::{Document, ImportError, html};

/// Reads the book at `path`.
pub fn read(path: &Path) -> Result<Document, ImportError> {
    let fail =
        |error: &dyn std::fmt::Display| ImportError::Epub { path: path.to_path_buf(), message: error.to_string() };
    let book = rbook::Epub::open(path).map_err(|e| fail(&e))?;
    let metadata = book.metadata();
    let title = metadata.title().map(|t| one_line(t.value())).filter(|t| !t.is_empty());
    let creators: Vec<String> = metadata.creators().map(|c| one_line(c.value())).filter(|c| !c.is_empty()).collect();
    let mut chapters = Vec::new();
    for chapter in book.reader() {
        let chapter = chapter.map_err(|e| fail(&e))?;
        let markdown = html::read(chapter.content()).markdown;
        if !markdown.trim().is_empty() {
            chapters.push(markdown);
        }
    }
    Ok(Document { title, author: names(&creators), markdown: chapters.join("\n") })
}

/// Names as a byline gives them: "A", "A and B", "A, B and C".
fn names(names: &[String]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_joined() {
        let list = |n: &[&str]| names(&n.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(list(&[]), None);
        assert_eq!(list(&["A"]).as_deref(), Some("A"));
        assert_eq!(list(&["A", "B", "C"]).as_deref(), Some("A, B and C"));
    }
}
