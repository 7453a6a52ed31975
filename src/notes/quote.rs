//! Anchors for what a reader marks, after the W3C Web Annotation model's TextQuoteSelector:
//! the exact text, a little of the text before and after it, and the block it was in as a
//! hint, so a mark finds its place again after the article is edited.

use crate::text::article::Article;
use crate::text::layout::Position;

/// A stretch of the article: from `start` up to `end` (exclusive), possibly across blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

/// A passage of the article as quoted text (blocks joined by `\n`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// The block the passage started in when it was quoted.
    pub block: usize,
}

impl Quote {
    /// The quote of `span` in `article`.
    pub fn of(article: &Article, span: Span) -> Quote {
        todo!("{article:?} {span:?}")
    }

    /// Where the passage is in `article` now, if it can be found.
    pub fn place(&self, article: &Article) -> Option<Span> {
        todo!("{article:?}")
    }
}
