//! An HTML page (or an EPUB chapter) read as a document, through `htmd`.
//!
//! What is kept: headings, paragraphs, emphasis, lists, block quotes and code. What is
//! dropped: scripts, styles, navigation, the page's header and footer (those inside an
//! `<article>` are kept), asides, forms, frames, images and other media. Links keep their
//! text and lose their address, which the reader could not follow. A table, which the
//! article format cannot show, becomes a list with one item per row, its cells parted by
//! ` | `.

use std::sync::{Arc, Mutex, PoisonError};

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BulletListMarker, Options};
use htmd::{Element, HtmlToMarkdown};

use super::Document;
use super::plain::one_line;
use crate::text::article::Article;

/// Preformatted text as a fenced code block, whatever it holds: a fence longer than any run
/// of backticks in it, so that nothing inside can end it or be read as Markdown. A `<pre>`
/// holding a `<code>` comes already fenced.
fn fenced(content: &str) -> String {
    let trimmed = content.trim_matches('\n');
    if trimmed.starts_with("```") || trimmed.starts_with("~~~") || trimmed.trim().is_empty() {
        return trimmed.to_string();
    }
    let longest = trimmed.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}\n{trimmed}\n{fence}")
}

/// Elements dropped with everything in them.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "input", "select", "textarea",
    "label", "iframe", "frame", "frameset", "object", "embed", "canvas", "svg", "math", "video", "audio", "img",
    "picture", "figure", "map", "dialog", "menu", "link", "base",
];

/// Elements dropped unless they are inside an `<article>`, where they hold its heading or
/// its byline rather than the site's.
const PAGE_PARTS: &[&str] = &["header", "footer"];

/// What the page says of itself, gathered as it is converted.
#[derive(Default)]
struct Found {
    title: Option<String>,
    og_title: Option<String>,
    h1: Option<String>,
    author: Option<String>,
    /// How many `<article>` elements the converter is inside.
    in_article: usize,
}

/// Shared between the element handlers, which `htmd` wants `Send + Sync`.
type Shared = Arc<Mutex<Found>>;

fn with<T>(found: &Shared, f: impl FnOnce(&mut Found) -> T) -> T {
    f(&mut found.lock().unwrap_or_else(PoisonError::into_inner))
}

/// Reads an HTML page: its Markdown, and its title (`og:title`, else the first `<h1>`,
/// else `<title>`) and author (`<meta name="author">`).
pub fn read(html: &str) -> Document {
    let found = Shared::default();
    let converter = converter(&found);
    let markdown = converter.convert(html).unwrap_or_default();
    let found = with(&found, std::mem::take);
    Document { title: found.og_title.or(found.h1).or(found.title), author: found.author, markdown: tidy(&markdown) }
}

/// The converter, with handlers that drop, record and reshape elements.
fn converter(found: &Shared) -> HtmlToMarkdown {
    let options = Options {
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        ..Options::default()
    };
    let title = found.clone();
    let meta = found.clone();
    let h1 = found.clone();
    let article = found.clone();
    let part = found.clone();
    HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(DROPPED.to_vec())
        .add_handler(vec!["title"], move |h: &dyn Handlers, e: Element| {
            let text = plain(&h.walk_children(e.node).content);
            with(&title, |f| {
                f.title.get_or_insert(text);
            });
            None
        })
        .add_handler(vec!["meta"], move |_: &dyn Handlers, e: Element| {
            let attr = |name: &str| {
                e.attrs.iter().find(|a| a.name.local.as_ref().eq_ignore_ascii_case(name)).map(|a| one_line(&a.value))
            };
            let content = attr("content").filter(|c| !c.is_empty());
            let key = attr("name").or_else(|| attr("property")).unwrap_or_default().to_ascii_lowercase();
            with(&meta, |f| match key.as_str() {
                "author" | "dc.creator" if f.author.is_none() => f.author = content,
                "og:title" if f.og_title.is_none() => f.og_title = content,
                _ => {}
            });
            None
        })
        .add_handler(vec!["h1"], move |h: &dyn Handlers, e: Element| {
            if with(&h1, |f| f.h1.is_none()) {
                let text = plain(&h.walk_children(e.node).content);
                with(&h1, |f| f.h1 = Some(text).filter(|t| !t.is_empty()));
            }
            h.fallback(e)
        })
        .add_handler(vec!["article"], move |h: &dyn Handlers, e: Element| {
            with(&article, |f| f.in_article += 1);
            let content = h.walk_children(e.node).content;
            with(&article, |f| f.in_article -= 1);
            Some(block(&content))
        })
        .add_handler(PAGE_PARTS.to_vec(), move |h: &dyn Handlers, e: Element| {
            if with(&part, |f| f.in_article == 0) {
                return None;
            }
            Some(block(&h.walk_children(e.node).content))
        })
        .add_handler(vec!["a"], |h: &dyn Handlers, e: Element| Some(h.walk_children(e.node)))
        .add_handler(vec!["pre"], |h: &dyn Handlers, e: Element| Some(block(&fenced(&h.walk_children(e.node).content))))
        .add_handler(vec!["table"], |h: &dyn Handlers, e: Element| Some(table(&h.walk_children(e.node).content)))
        .add_handler(vec!["caption"], |h: &dyn Handlers, e: Element| Some(block(&h.walk_children(e.node).content)))
        .add_handler(vec!["thead", "tbody", "tfoot"], |h: &dyn Handlers, e: Element| Some(h.walk_children(e.node)))
        .add_handler(vec!["tr"], |h: &dyn Handlers, e: Element| {
            let content = h.walk_children(e.node).content;
            let cells: Vec<String> = content.split(CELL_END).map(one_line).filter(|c| !c.is_empty()).collect();
            if cells.is_empty() {
                return None;
            }
            Some(format!("\n- {}\n", cells.join(" | ")).into())
        })
        .add_handler(vec!["td", "th"], |h: &dyn Handlers, e: Element| {
            Some(format!("{}{CELL_END}", h.walk_children(e.node).content).into())
        })
        .build()
}

/// Marks the end of a table cell while its row is put together.
const CELL_END: char = '\u{1f}';

/// A converted table as a block: its caption, then its rows as one tight list.
fn table(content: &str) -> HandlerResult {
    let lines: Vec<&str> = content.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let (rows, caption): (Vec<&str>, Vec<&str>) = lines.into_iter().partition(|l| l.starts_with("- "));
    let caption = caption.join(" ");
    let rows = rows.join("\n");
    if caption.is_empty() { block(&rows) } else { block(&format!("{caption}\n\n{rows}")) }
}

/// `content` as a block of its own, between blank lines.
fn block(content: &str) -> HandlerResult {
    format!("\n\n{}\n\n", content.trim_matches('\n')).into()
}

/// The text a bit of converted Markdown shows, on one line.
fn plain(markdown: &str) -> String {
    let article = Article::parse(markdown, "");
    one_line(&article.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" "))
}

/// The converted Markdown with no more than one blank line in a row, no white space at the
/// ends of lines but a hard break's, and one line break at the end.
fn tidy(markdown: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    let mut fence: Option<String> = None;
    for line in markdown.trim().lines() {
        let line = if line.ends_with("  ") && !line.trim_end().is_empty() { line } else { line.trim_end() };
        // Text outside code blocks: what the converter leaves that CommonMark would read as
        // markup is escaped.
        let opens = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        let line: std::borrow::Cow<'_, str> = match &fence {
            Some(open) => {
                if line.trim() == open.as_str() {
                    fence = None;
                }
                line.into()
            }
            None if opens => {
                fence = Some(line.trim().chars().take_while(|&c| c == '`' || c == '~').collect());
                line.into()
            }
            None => escape_text(line).into(),
        };
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    out.push('\n');
    out
}

/// Escapes what the converter leaves in a line of text that CommonMark would read as
/// markup: a rule of dashes, a list number closed by `)`, and an entity (`&copy;` written
/// in the page as text).
fn escape_text(line: &str) -> String {
    let trimmed = line.trim();
    if trimmed.len() >= 3 && trimmed.chars().all(|c| c == '-' || c == ' ') {
        return format!("\\{}", line.trim_start());
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let mut out = if (1..=9).contains(&digits) && line[digits..].starts_with(')') {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_string()
    };
    if out.contains('&') {
        let entity = regex::Regex::new(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);").expect("a valid pattern");
        out = entity.replace_all(&out, "\\&$1;").into_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::article::BlockKind;

    #[test]
    fn page_text_that_looks_like_markup_stays_text() {
        let page = "<p>---</p><p>3) three</p><p>a &amp;copy; b &amp;#27; c</p>\
                    <pre>x = 1\n\n    y = 2\n```\nfence</pre><p>After.</p><hr><ol><li>one</li></ol>";
        let document = read(page);
        let article = Article::parse(&document.markdown, "");
        let texts: Vec<(&BlockKind, &str)> = article.blocks.iter().map(|b| (&b.kind, b.text.as_str())).collect();
        assert_eq!(texts[0], (&BlockKind::Paragraph, "---"));
        assert_eq!(texts[1], (&BlockKind::Paragraph, "3) three"));
        assert_eq!(texts[2], (&BlockKind::Paragraph, "a &copy; b &#27; c"));
        assert_eq!(texts[3], (&BlockKind::Code, "x = 1\n\n    y = 2\n```\nfence"));
        assert_eq!(texts[4], (&BlockKind::Paragraph, "After."));
        assert_eq!(texts[5].0, &BlockKind::Rule, "a real rule stays one");
        assert!(matches!(texts[6].0, BlockKind::Item { .. }), "a real list stays one");
    }

    #[test]
    fn drops_the_page_around_the_article() {
        let doc = read(
            "<html><head><title>Tides | Science</title><meta name=author content='Ana Ruiz'>\
             <style>p { color: red }</style><script>alert('x')</script></head>\
             <body><header><a href='/'>Home</a></header><nav><ul><li>Menu</li></ul></nav>\
             <article><header><h1>Why <em>Tides</em></h1></header>\
             <p>The sea <a href='https://x.example'>rises</a> and <b>falls</b>.</p>\
             <img src='a.png' alt='a picture'></article><footer>© Site</footer></body></html>",
        );
        assert_eq!(doc.title.as_deref(), Some("Why Tides"));
        assert_eq!(doc.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(doc.markdown, "# Why *Tides*\n\nThe sea rises and **falls**.\n");
    }

    #[test]
    fn og_title_comes_first() {
        let doc =
            read("<head><meta property='og:title' content='The Real Title'><title>Site</title></head><h1>Big</h1>");
        assert_eq!(doc.title.as_deref(), Some("The Real Title"));
    }

    #[test]
    fn a_table_is_a_list_of_rows() {
        let doc = read(
            "<p>Before.</p><table><caption>Heights</caption><thead><tr><th>Place</th><th>Metres</th></tr></thead>\
             <tbody><tr><td>Brest</td><td>7</td></tr><tr><td>Dover</td><td>6.7</td></tr></tbody></table><p>After.</p>",
        );
        let article = Article::parse(&doc.markdown, "");
        let blocks: Vec<(&BlockKind, &str)> = article.blocks.iter().map(|b| (&b.kind, b.text.as_str())).collect();
        let item = BlockKind::Item { marker: "•".into(), depth: 0 };
        assert_eq!(
            blocks,
            [
                (&BlockKind::Paragraph, "Before."),
                (&BlockKind::Paragraph, "Heights"),
                (&item, "Place | Metres"),
                (&item, "Brest | 7"),
                (&item, "Dover | 6.7"),
                (&BlockKind::Paragraph, "After."),
            ],
            "{}",
            doc.markdown
        );
    }
}
