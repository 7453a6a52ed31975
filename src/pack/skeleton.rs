//! The pack `lectern new` makes: commented examples of every field and every question kind.
//!
//! The four files live in `skeleton/` as a pack that passes `lectern check` as it stands;
//! a title and an author given on the command line replace the placeholders in them.

use super::source::FILES;

/// The placeholder title, until the author gives one.
pub const TITLE: &str = "Untitled article";
/// The placeholder author, until the author gives one.
pub const AUTHOR: &str = "A. N. Author";

const PACK: &str = include_str!("skeleton/pack.toml");
const ARTICLE: &str = include_str!("skeleton/article.md");
const GLOSSARY: &str = include_str!("skeleton/glossary.toml");
const QUIZ: &str = include_str!("skeleton/quiz.toml");

/// The four files of a new pack, in the order of [`FILES`]: each file's name and text.
/// `title` and `author` replace the placeholders in `pack.toml` and in the article's
/// heading and byline.
pub fn files(title: &str, author: &str) -> [(&'static str, String); 4] {
    let pack = PACK
        .replacen(&format!("title = {}\n", quoted(TITLE)), &format!("title = {}\n", quoted(title)), 1)
        .replacen(&format!("author = {}\n", quoted(AUTHOR)), &format!("author = {}\n", quoted(author)), 1);
    let article = ARTICLE.replacen(&format!("# {TITLE}\n"), &format!("# {}\n", markdown_line(title)), 1).replacen(
        &format!("By {AUTHOR}\n"),
        &format!("By {}\n", markdown_line(author)),
        1,
    );
    let [p, a, g, q] = FILES;
    [(p, pack), (a, article), (g, GLOSSARY.to_string()), (q, QUIZ.to_string())]
}

/// `text` as a TOML string, quoted and escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The marks that can be markup inside a line of CommonMark (`#` closes a heading).
const MARKUP: &str = "\\`*_[]<>&!#";

/// `text` as one line of Markdown that reads back as the same words: white space runs
/// made one space, and every mark that could start markup escaped. The line follows `# `
/// or `By `, so marks that count only at the start of a line need nothing. The byline is
/// then still the author's name, whatever the name holds.
fn markdown_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        for c in word.chars() {
            if MARKUP.contains(c) {
                line.push('\\');
            }
            line.push(c);
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::load;
    use crate::pack::source::Origin;

    fn load_files(files: [(&str, String); 4]) -> crate::pack::Loaded {
        let files = files.map(|(_, text)| Some(text.into_bytes()));
        load(Origin::Memory { id: "new-pack", files: &files })
    }

    #[test]
    fn the_placeholders_are_replaced_only_where_meant() {
        let [(_, pack), (_, article), ..] = files("Tides", "Ana Ruiz");
        assert!(pack.contains("title = \"Tides\"\n") && pack.contains("author = \"Ana Ruiz\"\n"), "{pack}");
        assert!(!pack.contains(TITLE) && !pack.contains(AUTHOR), "{pack}");
        assert!(article.starts_with("# Tides\n\nBy Ana Ruiz\n"), "{article}");
    }

    #[test]
    fn the_skeleton_is_a_clean_pack_whatever_the_names() {
        for (title, author) in [
            (TITLE, AUTHOR),
            ("A \"quoted\" \\ title", "Ann O\\'Neil"),
            ("# *Not* markup_ #", "1. <b>Smith</b> &amp; co"),
            ("- [x](y) `z`", "![a](b) ~~c~~ _d_ \\"),
        ] {
            let loaded = load_files(files(title, author));
            let messages: Vec<String> = loaded.diagnostics.iter().map(|d| d.render(false)).collect();
            assert!(messages.is_empty(), "{title:?} / {author:?}: {messages:#?}");
            assert_eq!((loaded.pack.title.as_str(), loaded.pack.author.as_str()), (title, author));
            let stats = loaded.pack.stats();
            assert_eq!((stats.kinds, stats.quizzed), (7, stats.paragraphs), "the byline is still a byline");
            let heading = &loaded.pack.article.blocks[0].text;
            assert_eq!(heading, title, "the heading reads back as the title");
        }
    }

    #[test]
    fn markdown_line_escapes_punctuation_and_folds_space() {
        assert_eq!(markdown_line("  A *b*\n c  "), "A \\*b\\* c");
        assert_eq!(markdown_line("Ann O'Neil"), "Ann O'Neil");
        assert_eq!(markdown_line("A \\ b #"), "A \\\\ b \\#");
    }
}
