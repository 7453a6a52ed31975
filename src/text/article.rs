//! The article as blocks of plain text with inline style runs, parsed from CommonMark.
//! Knows nothing of the terminal: layout and drawing read these blocks.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::sanitize;
pub use super::shared::{Text, Whole};

/// Inline styles of a run of text, as bit flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Inline(u8);

impl Inline {
    pub const EMPHASIS: Inline = Inline(1);
    pub const STRONG: Inline = Inline(2);
    pub const CODE: Inline = Inline(4);
    pub const LINK: Inline = Inline(8);

    /// True when every flag of `other` is set.
    pub fn contains(self, other: Inline) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// Both sets of flags.
    pub fn with(self, other: Inline) -> Inline {
        Inline(self.0 | other.0)
    }

    /// True when no flag is set.
    pub fn is_plain(self) -> bool {
        self.0 == 0
    }
}

/// A run of a block's text that shares one inline style.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Run {
    pub range: Range<usize>,
    pub style: Inline,
}

/// What a block is, which decides how it is laid out and whether it counts as body text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BlockKind {
    /// A heading, level 1 to 6.
    Heading(u8),
    Paragraph,
    /// A paragraph inside a block quote.
    Quote,
    /// A list item: its marker ("•", "3.") and nesting depth from 0.
    Item {
        marker: String,
        depth: u8,
    },
    /// A code block, shown as is.
    Code,
    /// The author's name on a line of its own.
    Byline,
    /// A thematic break.
    Rule,
}

/// One block of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Plain text, cleaned of control characters; `\n` only for hard breaks and code.
    pub text: Text,
    /// Styled runs, in order; text not covered by a run is plain.
    pub runs: Vec<Run>,
}

impl Block {
    /// True for the blocks a reader counts as the article's paragraphs (¶).
    pub fn is_body(&self) -> bool {
        matches!(self.kind, BlockKind::Paragraph | BlockKind::Quote | BlockKind::Item { .. })
    }
}

/// The article: its blocks in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    pub blocks: Vec<Block>,
}

/// Each block's kind, the length of its text and its runs: with the text of all the blocks as
/// one string, what an article is kept as.
pub type Table = Vec<(BlockKind, usize, Vec<Run>)>;

/// An article as it is serialized: the text of all its blocks as one string, and its table.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    blocks: Table,
}

impl Article {
    /// The text of all the blocks as one string, and the table of the blocks in it.
    pub fn to_parts(&self) -> (String, Table) {
        let text: String = self.blocks.iter().map(|b| b.text.as_str()).collect();
        let table = self.blocks.iter().map(|b| (b.kind.clone(), b.text.len(), b.runs.clone())).collect();
        (text, table)
    }

    /// The article made of [`Article::to_parts`], its blocks sharing `whole`; `None` when the
    /// table does not fit the text (a block's length runs past it or into a character, or a
    /// run past its block).
    pub fn from_parts(whole: Whole, table: Table) -> Option<Article> {
        let text = whole.as_str();
        let mut at: usize = 0;
        let mut blocks = Vec::with_capacity(table.len());
        for (kind, len, runs) in table {
            let fits = |end: usize| end <= text.len() && text.is_char_boundary(end);
            let end = at.checked_add(len).filter(|&end| fits(end))?;
            let range = at..end;
            at = end;
            if !runs.iter().all(|r| r.range.start <= r.range.end && r.range.end <= len) {
                return None;
            }
            blocks.push(Block { kind, text: Text::part_of(&whole, range), runs });
        }
        Some(Article { blocks })
    }
}

impl serde::Serialize for Article {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (text, blocks) = self.to_parts();
        Stored { text: Cow::Owned(text), blocks }.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Article {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = Stored::deserialize(deserializer)?;
        Article::from_parts(Whole::owned(stored.text.into_owned()), stored.blocks).ok_or_else(|| {
            serde::de::Error::custom(
                "a block runs past the article's text or into a character, or a run past its block",
            )
        })
    }
}

impl Article {
    /// Parses CommonMark. A paragraph that is only the author's name (or "By" and the
    /// name) becomes the byline.
    pub fn parse(markdown: &str, author: &str) -> Article {
        // Cleaned before parsing, so that an escape sequence split across Markdown events
        // is still removed whole; each event is cleaned again for entities like `&#27;`.
        let markdown = sanitize::clean_source(markdown);
        // The blocks' text is no longer than the Markdown it comes from (markup and entities
        // only shrink), so one string of that size holds it all.
        let mut builder = Builder { text: String::with_capacity(markdown.len()), ..Builder::default() };
        for event in Parser::new(&markdown) {
            builder.event(event);
        }
        builder.flush();
        let whole = Whole::owned(builder.text);
        let blocks = builder
            .table
            .into_iter()
            .map(|(kind, range, runs)| Block { kind, text: Text::part_of(&whole, range), runs })
            .collect();
        let mut article = Article { blocks };
        article.mark_byline(author);
        article
    }

    fn mark_byline(&mut self, author: &str) {
        let author = author.trim().to_lowercase();
        if author.is_empty() {
            return;
        }
        for block in &mut self.blocks {
            // Only a short paragraph can be a byline; the rest are not even lower-cased.
            if block.kind != BlockKind::Paragraph || block.text.len() > author.len() + 16 {
                continue;
            }
            let text = block.text.trim().to_lowercase();
            let name = text.strip_prefix("by ").unwrap_or(&text).trim_start_matches(['—', '–', '-', ' ']);
            if name == author {
                block.kind = BlockKind::Byline;
            }
        }
    }

    /// Indexes of the body blocks, in order: ¶ 1 is the first of these.
    pub fn body(&self) -> impl Iterator<Item = usize> + '_ {
        self.blocks.iter().enumerate().filter(|(_, b)| b.is_body()).map(|(i, _)| i)
    }

    /// The body paragraph number (1-based) of block `index`, if it is body text.
    pub fn paragraph_number(&self, index: usize) -> Option<usize> {
        self.blocks.get(index)?.is_body().then(|| self.blocks[..index].iter().filter(|b| b.is_body()).count() + 1)
    }
}

/// A block being built: its text grows at the end of the article's as events come.
struct Draft {
    kind: BlockKind,
    /// Where its text starts in the article's.
    start: usize,
    /// Its runs, in its own text.
    runs: Vec<Run>,
}

/// Turns pulldown-cmark events into blocks: the text of them all in one string, one after
/// the other, and each block's kind, range of that string and runs.
#[derive(Default)]
struct Builder {
    text: String,
    table: Vec<(BlockKind, Range<usize>, Vec<Run>)>,
    current: Option<Draft>,
    style: Vec<Inline>,
    quote_depth: usize,
    /// Open lists: the next number, or `None` for bullets.
    lists: Vec<Option<u64>>,
    /// A marker waiting for the first text of its list item.
    pending_item: Option<BlockKind>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.push(&text, Inline::default()),
            Event::Code(text) => self.push(&text, Inline::CODE),
            Event::SoftBreak => self.push(" ", Inline::default()),
            Event::HardBreak => self.push("\n", Inline::default()),
            Event::Rule => {
                self.flush();
                let at = self.text.len();
                self.table.push((BlockKind::Rule, at..at, Vec::new()));
            }
            Event::Html(html) | Event::InlineHtml(html) => self.push(&html, Inline::CODE),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                let kind = self.pending_item.take().unwrap_or(if self.quote_depth > 0 {
                    BlockKind::Quote
                } else if self.lists.is_empty() {
                    BlockKind::Paragraph
                } else {
                    // A later paragraph of a loose list item: indented, without a marker.
                    BlockKind::Item { marker: String::new(), depth: self.depth() }
                });
                self.open(kind);
            }
            Tag::Heading { level, .. } => self.open(BlockKind::Heading(heading_level(level))),
            Tag::CodeBlock(_) | Tag::HtmlBlock => self.open(BlockKind::Code),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let depth = self.depth();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}.");
                        *n += 1;
                        marker
                    }
                    _ => "•".to_string(),
                };
                self.pending_item = Some(BlockKind::Item { marker, depth });
            }
            Tag::Emphasis => self.style.push(Inline::EMPHASIS),
            Tag::Strong => self.style.push(Inline::STRONG),
            Tag::Link { .. } => self.style.push(Inline::LINK),
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => self.style.push(Inline::default()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Item => {
                self.flush()
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Link
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.style.pop();
            }
            _ => {}
        }
    }

    fn depth(&self) -> u8 {
        u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX)
    }

    fn open(&mut self, kind: BlockKind) {
        self.flush();
        self.current = Some(Draft { kind, start: self.text.len(), runs: Vec::new() });
    }

    fn push(&mut self, text: &str, extra: Inline) {
        if self.current.is_none() {
            // Text of a tight list item arrives without a paragraph.
            let kind = self.pending_item.take().unwrap_or(BlockKind::Paragraph);
            self.open(kind);
        }
        let style = self.style.iter().fold(extra, |acc, s| acc.with(*s));
        let Some(block) = self.current.as_mut() else { return };
        let clean = sanitize::clean(text);
        let start = self.text.len() - block.start;
        self.text.push_str(&clean);
        let end = self.text.len() - block.start;
        if style.is_plain() || start == end {
            return;
        }
        match block.runs.last_mut() {
            Some(last) if last.style == style && last.range.end == start => last.range.end = end,
            _ => block.runs.push(Run { range: start..end, style }),
        }
    }

    fn flush(&mut self) {
        if let Some(mut block) = self.current.take() {
            if block.kind == BlockKind::Code {
                let trimmed = self.text[block.start..].trim_end_matches('\n').len();
                self.text.truncate(block.start + trimmed);
                for run in &mut block.runs {
                    run.range.end = run.range.end.min(trimmed);
                }
            }
            if self.text[block.start..].trim().is_empty() {
                // A block with nothing to show leaves nothing behind.
                self.text.truncate(block.start);
            } else {
                self.table.push((block.kind, block.start..self.text.len(), block.runs));
            }
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_inside_a_list_item_comes_after_the_items_text() {
        let article = Article::parse("- one\n  ***\n- two\n", "");
        let blocks: Vec<(&BlockKind, &str)> = article.blocks.iter().map(|b| (&b.kind, b.text.as_str())).collect();
        let item = BlockKind::Item { marker: "•".into(), depth: 0 };
        assert_eq!(blocks, [(&item, "one"), (&BlockKind::Rule, ""), (&item, "two")]);
        assert!(article.blocks.windows(2).all(|w| w[0].text.shares_with(&w[1].text)), "one string shared");
    }

    #[test]
    fn blocks_and_styles() {
        let md =
            "# Title\n\nSome *soft*\nand **bold** `code`.\n\n> quoted\n\n- one\n- two\n\n1. first\n\nBy Jo Bloggs\n";
        let article = Article::parse(md, "Jo Bloggs");
        let kinds: Vec<_> = article.blocks.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(kinds[0], BlockKind::Heading(1));
        assert_eq!(kinds[1], BlockKind::Paragraph);
        assert_eq!(kinds[2], BlockKind::Quote);
        assert_eq!(kinds[3], BlockKind::Item { marker: "•".into(), depth: 0 });
        assert_eq!(kinds[5], BlockKind::Item { marker: "1.".into(), depth: 0 });
        assert_eq!(kinds[6], BlockKind::Byline);
        let p = &article.blocks[1];
        assert_eq!(p.text, "Some soft and bold code.");
        assert_eq!(p.runs[0], Run { range: 5..9, style: Inline::EMPHASIS });
        assert_eq!(&p.text[p.runs[1].range.clone()], "bold");
        assert!(p.runs[2].style.contains(Inline::CODE));
        assert_eq!(article.body().count(), 5);
        assert_eq!(article.paragraph_number(2), Some(2));
        assert_eq!(article.paragraph_number(6), None);
    }

    #[test]
    fn tabs_indent_code_and_html_is_not_a_paragraph() {
        let article = Article::parse("Text\n\n\tcode line\n\n<div>\nraw\n</div>\n", "");
        assert_eq!(article.blocks[1].kind, BlockKind::Code);
        assert_eq!(article.blocks[1].text, "code line");
        assert_eq!(article.blocks[2].kind, BlockKind::Code);
        assert_eq!(article.body().count(), 1);
    }

    #[test]
    fn an_article_kept_as_one_string_reads_back_the_same() {
        let md = "# Title\n\nSome *soft*\nand **bold** `code`.\n\n> quoted — ünïcode\n\n- one\n- two\n\n---\n\n```\nfn x() {}\n```\n";
        let article = Article::parse(md, "");
        let bytes = postcard::to_stdvec(&article).unwrap();
        let back: Article = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, article);
        assert!(back.blocks.windows(2).all(|w| w[0].text.shares_with(&w[1].text)), "one string shared");
        // A length past the text, or into a character, is an error, never a panic.
        let mut stored: Stored<'_> = postcard::from_bytes(&bytes).unwrap();
        stored.blocks[0].1 += 1000;
        assert!(postcard::from_bytes::<Article>(&postcard::to_stdvec(&stored).unwrap()).is_err());
        let mut stored: Stored<'_> = postcard::from_bytes(&bytes).unwrap();
        let quote = stored.blocks.iter().position(|b| b.0 == BlockKind::Quote).unwrap();
        let before: usize = stored.blocks[..quote].iter().map(|b| b.1).sum();
        stored.blocks[quote].1 = stored.text[before..].find('ü').unwrap() + 1;
        assert!(postcard::from_bytes::<Article>(&postcard::to_stdvec(&stored).unwrap()).is_err());
        let mut stored: Stored<'_> = postcard::from_bytes(&bytes).unwrap();
        stored.blocks[1].2[0].range.end = 10_000;
        assert!(postcard::from_bytes::<Article>(&postcard::to_stdvec(&stored).unwrap()).is_err());
    }

    #[test]
    fn escape_sequences_never_survive() {
        let article = Article::parse("a\u{1b}[2Jb \u{1b}]0;x\u{7}c &#27;[31mred", "");
        assert_eq!(article.blocks[0].text, "ab c [31mred");
    }
}
