//! Plain text and Markdown files read as documents.

use super::Document;
use crate::export::markdown::inline;
use crate::text::article::{Article, BlockKind};

/// The longest first line taken for a title, in characters.
const TITLE_MAX: usize = 120;

/// The most words a byline's name may have.
const NAME_MAX_WORDS: usize = 5;

/// Plain text: paragraphs at blank lines, the lines of a paragraph joined, every character
/// escaped so that the text stays as written. A short first line with no closing
/// punctuation is the title (and the article's heading); a name on the last line, or a
/// "By …" line among the first, is the author.
pub fn text(source: &str) -> Document {
    let mut title = None;
    let mut blocks = Vec::new();
    for (i, paragraph) in paragraphs(source).iter().enumerate() {
        let line = inline(&paragraph.join(" "));
        if line.is_empty() {
            continue;
        }
        if i == 0 && looks_like_title(paragraph) {
            title = Some(one_line(&paragraph.join(" ")));
            blocks.push(format!("# {line}"));
        } else {
            blocks.push(line);
        }
    }
    let markdown = blocks.join("\n\n") + "\n";
    let author = byline(&Article::parse(&markdown, ""));
    Document { title, author, markdown }
}

/// Markdown, kept as written: the title is its first heading (of the highest level), and
/// the author its byline as for plain text.
pub fn markdown(source: &str) -> Document {
    let article = Article::parse(source, "");
    let title = article
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading(level) if !b.text.trim().is_empty() => Some((level, &b.text)),
            _ => None,
        })
        .min_by_key(|(level, _)| *level)
        .map(|(_, text)| one_line(text));
    let mut markdown = source.replace("\r\n", "\n");
    if !markdown.ends_with('\n') {
        markdown.push('\n');
    }
    Document { title, author: byline(&article), markdown }
}

/// The lines of each paragraph of plain text, trimmed; blank lines part paragraphs.
fn paragraphs(source: &str) -> Vec<Vec<&str>> {
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut open = false;
    for line in source.lines().map(str::trim) {
        if line.is_empty() {
            open = false;
        } else if open {
            paragraphs.last_mut().expect("an open paragraph").push(line);
        } else {
            paragraphs.push(vec![line]);
            open = true;
        }
    }
    paragraphs
}

/// True for a paragraph that reads as a title: one short line not ending as a sentence does.
fn looks_like_title(paragraph: &[&str]) -> bool {
    let [line] = paragraph else { return false };
    line.chars().count() <= TITLE_MAX
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && line.chars().any(char::is_alphabetic)
}

/// The author named by a byline: "By Name" among the first three body paragraphs, or
/// "By Name", "— Name" or a bare name as the last one.
pub fn byline(article: &Article) -> Option<String> {
    let body: Vec<&str> =
        article.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).map(|b| b.text.trim()).collect();
    let first = body.iter().take(3).find_map(|text| by(text).filter(|name| is_name(name)));
    let last = body.last().and_then(|text| {
        let name = by(text).unwrap_or_else(|| text.trim_start_matches(['—', '–', ' ']));
        is_name(name).then_some(name)
    });
    first.or(last).map(str::to_string)
}

/// The name after "By " at the start of `text`.
fn by(text: &str) -> Option<&str> {
    text.strip_prefix("By ").or_else(|| text.strip_prefix("by ")).map(str::trim)
}

/// True for what looks like a person's name: two to five capitalised words, with nothing in
/// them but letters, hyphens, apostrophes and full stops.
fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=NAME_MAX_WORDS).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

/// Text on one line: its runs of white space made one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_stays_plain() {
        let doc = text(
            "A Title\n\nFirst line\nsecond line.\n\n# not a heading\n- nor a list *or emphasis*\n\n\nMary Smith\n",
        );
        assert_eq!(doc.title.as_deref(), Some("A Title"));
        assert_eq!(doc.author.as_deref(), Some("Mary Smith"));
        assert_eq!(
            doc.markdown,
            "# A Title\n\nFirst line second line.\n\n\\# not a heading - nor a list \\*or emphasis\\*\n\nMary Smith\n"
        );
        let article = Article::parse(&doc.markdown, "Mary Smith");
        let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["A Title", "First line second line.", "# not a heading - nor a list *or emphasis*", "Mary Smith"]
        );
    }

    #[test]
    fn a_sentence_first_is_no_title() {
        let doc = text("It begins with a sentence.\n\nAnd goes on.");
        assert_eq!(doc.title, None);
        assert_eq!(doc.author, None);
        assert!(doc.markdown.starts_with("It begins"));
    }

    #[test]
    fn markdown_title_is_its_top_heading() {
        let doc = markdown("## Part\n\n# The *Real* Title\n\nBy Ana Ruiz\n\nText.");
        assert_eq!(doc.title.as_deref(), Some("The Real Title"));
        assert_eq!(doc.author.as_deref(), Some("Ana Ruiz"));
        assert!(doc.markdown.ends_with("Text.\n"));
    }

    #[test]
    fn a_sentence_is_not_a_name() {
        assert!(!is_name("It rained"));
        assert!(!is_name("Done."));
        assert!(is_name("J. R. Tolkien"));
    }
}
