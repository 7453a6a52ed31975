//! A printable page: the Markdown of a handout or worksheet rendered by pulldown-cmark's
//! HTML writer into one self-contained file, with a stylesheet for screen and print and
//! nothing fetched from the network.
//!
//! On paper a thematic break (`---`) is a page break: the worksheet puts one before its
//! answer key. Headings stay with what follows them, and a list item (a question) or a
//! block quote is never split across pages.

use pulldown_cmark::{Event, Parser, html};

/// The stylesheet, for screen and print. Margins suit both A4 and US Letter.
const STYLE: &str = "\
:root { color-scheme: light; }
body { font: 12pt/1.5 Georgia, 'Times New Roman', serif; color: #111; background: #fff;
  max-width: 42em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.7em; line-height: 1.2; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin-top: 1.2em; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, sans-serif; break-after: avoid; }
blockquote { margin: 0.5em 0 0.5em 0; padding-left: 1em; border-left: 3px solid #999; color: #333; }
li { margin: 0.3em 0; }
ol > li { margin-bottom: 1em; }
li, blockquote, p { break-inside: avoid; }
ul { padding-left: 1.5em; }
hr { border: 0; border-top: 1px solid #999; margin: 2em 0; }
code { font-family: 'DejaVu Sans Mono', Menlo, monospace; }
@page { margin: 18mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  hr { border: 0; margin: 0; break-after: page; }
  a { color: inherit; text-decoration: none; }
}
";

/// The page for `markdown`, titled `title`. Raw HTML in the Markdown is written as text:
/// what the exports write escapes it anyway, and a page never runs anything.
pub fn page(title: &str, markdown: &str) -> String {
    let events = Parser::new(markdown).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut body = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut body, events);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<article>\n{body}</article>\n</body>\n</html>\n",
        escape(&crate::text::sanitize::printable(title))
    )
}

/// `s` with the characters HTML gives meaning to written as references.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_whole_and_runs_nothing() {
        let page = page("A <b>title</b> & more", "# Heading\n\n<script>alert(1)</script>\n\nText <em>x</em>.\n");
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<title>A &lt;b&gt;title&lt;/b&gt; &amp; more</title>"));
        assert!(page.contains("<h1>Heading</h1>"));
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<em>"), "{page}");
        assert!(page.contains("&lt;script&gt;"));
        assert!(!page.contains("http"), "nothing is fetched");
        assert!(page.ends_with("</html>\n"));
    }
}
