//! Writing CommonMark. Text from a pack or a note is escaped so that it is always read as
//! the words it is: never a heading, a list, a link, raw HTML or an entity; and it is made
//! printable first (no control characters, no direction changes).

use crate::text::sanitize::printable;

/// The characters escaped wherever they are: those that open emphasis, code, links,
/// images, raw HTML and entities in CommonMark, and tables and strikethrough in the common
/// extensions (a reader may open the file in a renderer that has them).
const ALWAYS: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '!', '&', '#', '|', '~'];

/// `s` as inline text: printable, each run of white space one space, markup escaped.
/// Safe at the start of a line too.
pub fn inline(s: &str) -> String {
    let text = printable(s);
    let words: Vec<&str> = text.split_whitespace().collect();
    escape_line(&words.join(" "))
}

/// `s` as inline text in bold, or nothing when it has no printable text (an empty `****`
/// would be a thematic break).
pub fn strong(s: &str) -> String {
    match inline(s) {
        text if text.is_empty() => String::new(),
        text => format!("**{text}**"),
    }
}

/// `s` as the lines of a block of text (a note, a written position): its paragraphs kept
/// apart by a blank line, its lines joined by hard breaks, every line after the first
/// starting with `indent` (blank lines too, so that the text stays inside a list item or
/// a block quote). An empty `s` gives an empty string.
pub fn lines(s: &str, indent: &str) -> String {
    let text = printable(s);
    let mut out = String::new();
    let mut paragraph_open = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            paragraph_open = false;
            continue;
        }
        let line = escape_line(&line.split_whitespace().collect::<Vec<_>>().join(" "));
        if out.is_empty() {
            out.push_str(&line);
        } else if paragraph_open {
            // A backslash at the end of a line is a hard break.
            out.push_str("\\\n");
            out.push_str(indent);
            out.push_str(&line);
        } else {
            out.push('\n');
            out.push_str(indent.trim_end());
            out.push('\n');
            out.push_str(indent);
            out.push_str(&line);
        }
        paragraph_open = true;
    }
    out
}

/// Escapes one line of text: every character of [`ALWAYS`], and what would start a block
/// at the start of a line (a list marker, a setext underline, a numbered list).
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    // The start of a line: `-`, `+` and `=` start lists, rules and underlines.
    if line.starts_with(['-', '+', '=']) {
        out.push('\\');
    }
    // `12.` or `3)` at the start of a line is a numbered list.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')'));
    for (i, c) in line.char_indices() {
        if ALWAYS.contains(&c) || (numbered && i == digits) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line of `n` escaped underscores: a rule to write an answer on, in the source as when
/// rendered (a bare run of underscores would be a thematic break).
pub fn blank(n: usize) -> String {
    "\\_".repeat(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    /// The text a CommonMark reader gets from `markdown`, and whether it saw any markup
    /// other than paragraphs (and the hard breaks between lines).
    fn read(markdown: &str) -> (String, bool) {
        let mut text = String::new();
        let mut markup = false;
        for event in Parser::new(markdown) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::HardBreak => text.push('\n'),
                Event::Start(Tag::Paragraph) => {}
                Event::End(TagEnd::Paragraph) => text.push_str("\n\n"),
                _ => markup = true,
            }
        }
        (text.trim_end().to_string(), markup)
    }

    #[test]
    fn inline_text_reads_back_as_itself() {
        for s in [
            "# not a heading",
            "- not a list",
            "+ nor this",
            "1. nor a numbered one",
            "12) nor this",
            "=====",
            "> not a quote",
            "*not emphasis* and _nor this_ and `not code`",
            "[not a link](javascript:alert(1)) ![nor an image](x.png)",
            "<script>alert(1)</script> <b>bold</b> <http://example.com>",
            "&amp; &lt; &#27; stay as written",
            "a | table | row",
            "~~not struck~~",
            "back\\slash at the end\\",
            "    four spaces",
        ] {
            let (text, markup) = read(&inline(s));
            assert!(!markup, "{s:?} read as markup: {:?}", inline(s));
            assert_eq!(text, s.split_whitespace().collect::<Vec<_>>().join(" "), "{s:?}");
        }
    }

    #[test]
    fn inline_text_is_printable() {
        assert_eq!(inline("red\u{1b}[31m text\u{202e}"), "red text");
        assert_eq!(inline("  two\n\nlines  "), "two lines");
    }

    #[test]
    fn lines_keep_paragraphs_and_breaks() {
        let md = lines("first line\n- second line\n\n\n1. a new paragraph", "   ");
        assert_eq!(md, "first line\\\n   \\- second line\n\n   1\\. a new paragraph");
        let (text, markup) = read(&md);
        assert!(!markup);
        assert_eq!(text, "first line\n- second line\n\n1. a new paragraph");
        assert_eq!(lines("", "  "), "");
        assert_eq!(lines("\n \n", "  "), "");
    }

    #[test]
    fn bold_text_with_nothing_in_it_is_nothing() {
        assert_eq!(strong("a *b*"), "**a \\*b\\***");
        assert_eq!(strong("\u{202e}"), "");
        assert_eq!(strong("  "), "");
    }

    #[test]
    fn a_blank_is_underscores_not_a_rule() {
        let (text, markup) = read(&blank(12));
        assert!(!markup);
        assert_eq!(text, "_".repeat(12));
    }
}
