//! The article laid out for a width, lazily: a block is wrapped the first time it is
//! needed at that width and kept until the width changes. Scroll positions are stored as
//! a block and a byte offset, so they survive a change of width.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::article::{Article, Block, BlockKind};
use super::wrap::{width, wrap};

/// A place in the article: a block and a byte offset into its text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub block: usize,
    /// Byte offset in the block's text; [`Position::AFTER`] for the blank row after it.
    pub offset: usize,
}

impl Position {
    /// The offset of the blank row that follows every block.
    pub const AFTER: usize = usize::MAX;
}

/// A screen row of the laid-out article: a block's line, or the blank row after a block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    pub block: usize,
    /// Line index in the block; equal to the block's line count for the blank row.
    pub line: usize,
}

/// What goes before a block's lines: the first line's prefix and the rest's.
pub fn prefix(kind: &BlockKind) -> (String, String) {
    match kind {
        BlockKind::Quote => ("│ ".into(), "│ ".into()),
        BlockKind::Code => ("  ".into(), "  ".into()),
        BlockKind::Item { marker, depth } => {
            let indent = "  ".repeat(usize::from(*depth));
            if marker.is_empty() {
                let pad = format!("{indent}  ");
                (pad.clone(), pad)
            } else {
                let first = format!("{indent}{marker} ");
                let rest = format!("{indent}{}", " ".repeat(width(marker) + 1));
                (first, rest)
            }
        }
        _ => (String::new(), String::new()),
    }
}

/// Wraps one block for a text width (prefix included).
pub fn layout_block(block: &Block, text_width: usize) -> Vec<Range<usize>> {
    layout_text(&block.kind, &block.text, text_width)
}

/// Wraps `text`, set as a block of `kind`, for a text width (prefix included).
pub fn layout_text(kind: &BlockKind, text: &str, text_width: usize) -> Vec<Range<usize>> {
    match kind {
        BlockKind::Rule => vec![Range { start: 0, end: 0 }],
        BlockKind::Code => text
            .split('\n')
            .scan(0, |at, line| {
                let range = *at..*at + line.len();
                *at += line.len() + 1;
                Some(range)
            })
            .collect(),
        _ => {
            let (first, _) = prefix(kind);
            wrap(text, text_width.saturating_sub(width(&first)).max(1))
        }
    }
}

/// The line of `lines` that shows byte `offset` (the blank row for [`Position::AFTER`]).
pub fn line_at(lines: &[Range<usize>], offset: usize) -> usize {
    if offset == Position::AFTER {
        return lines.len();
    }
    lines.iter().rposition(|r| r.start <= offset).unwrap_or(0)
}

/// Per-block line caches for one width.
#[derive(Debug, Default)]
pub struct Layout {
    width: usize,
    /// The lines of each block laid out so far, by block: as many as have been shown, not a
    /// slot for each of a book's ten thousand blocks made before the first screen.
    blocks: FxHashMap<usize, Vec<Range<usize>>>,
    /// How many times a block was wrapped: a debug figure for tests and benchmarks.
    pub wrapped: usize,
}

impl Layout {
    /// An empty layout.
    pub fn new() -> Self {
        Self::default()
    }

    /// The text width in columns.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Changes the width, dropping every cached block if it differs.
    pub fn set_width(&mut self, width: usize) {
        if width != self.width {
            self.width = width;
            self.blocks = FxHashMap::default();
        }
    }

    /// The lines of `block`, wrapping it now if it was not yet.
    pub fn lines(&mut self, article: &Article, block: usize) -> &[Range<usize>] {
        let Layout { width, blocks, wrapped } = self;
        blocks.entry(block).or_insert_with(|| {
            *wrapped += 1;
            layout_block(&article.blocks[block], *width)
        })
    }

    /// The lines of `block` if it has been laid out.
    pub fn cached(&self, block: usize) -> Option<&[Range<usize>]> {
        self.blocks.get(&block).map(Vec::as_slice)
    }

    /// Rows in `block`: its lines and the blank row after it.
    pub fn rows(&mut self, article: &Article, block: usize) -> usize {
        self.lines(article, block).len() + 1
    }

    /// The row at which `pos` is shown: the line holding its offset.
    pub fn row_of(&mut self, article: &Article, pos: Position) -> Row {
        Row { block: pos.block, line: line_at(self.lines(article, pos.block), pos.offset) }
    }

    /// The position a row starts at.
    pub fn position_of(&mut self, article: &Article, row: Row) -> Position {
        let lines = self.lines(article, row.block);
        let offset = lines.get(row.line).map_or(Position::AFTER, |r| r.start);
        Position { block: row.block, offset }
    }

    /// The row `n` rows after (or, negative, before) `row`, stopping at the ends.
    pub fn step(&mut self, article: &Article, mut row: Row, mut n: isize) -> Row {
        let last = article.blocks.len().saturating_sub(1);
        while n > 0 {
            let rows = self.rows(article, row.block);
            let left = rows - 1 - row.line;
            if n.unsigned_abs() <= left {
                row.line += n.unsigned_abs();
                return row;
            }
            if row.block == last {
                row.line = rows - 1;
                return row;
            }
            n -= (left + 1) as isize;
            row = Row { block: row.block + 1, line: 0 };
        }
        while n < 0 {
            if n.unsigned_abs() <= row.line {
                row.line -= n.unsigned_abs();
                return row;
            }
            if row.block == 0 {
                return Row { block: 0, line: 0 };
            }
            n += (row.line + 1) as isize;
            let block = row.block - 1;
            row = Row { block, line: self.rows(article, block) - 1 };
        }
        row
    }

    /// The first row of the last screen of `height` rows: where scrolling stops.
    pub fn last_top(&mut self, article: &Article, height: usize) -> Row {
        let Some(last) = article.blocks.len().checked_sub(1) else { return Row { block: 0, line: 0 } };
        // The final blank row is not shown at the bottom, so the end is the last line.
        let end = Row { block: last, line: self.rows(article, last).saturating_sub(2) };
        self.step(article, end, 1 - height.max(1) as isize)
    }

    /// Rows from `top`, at most `height` of them, laying out only what they cover.
    pub fn window(&mut self, article: &Article, top: Row, height: usize) -> Vec<Row> {
        let mut row = top;
        let mut left = height;
        while left > 0 && row.block < article.blocks.len() {
            let count = self.rows(article, row.block);
            left = left.saturating_sub(count.saturating_sub(row.line));
            row = Row { block: row.block + 1, line: 0 };
        }
        self.visible(top, height)
    }

    /// Rows from `top` that are already laid out, at most `height` of them. Drawing uses
    /// this: it never lays anything out.
    pub fn visible(&self, top: Row, height: usize) -> Vec<Row> {
        let mut rows = Vec::with_capacity(height);
        let mut row = top;
        while rows.len() < height {
            let Some(lines) = self.cached(row.block) else { break };
            if row.line <= lines.len() {
                rows.push(row);
                row.line += 1;
            } else {
                row = Row { block: row.block + 1, line: 0 };
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article::parse("# Head\n\none two three four five\n\nsix seven\n", "")
    }

    #[test]
    fn steps_across_blocks_and_stops_at_ends() {
        let a = article();
        let mut layout = Layout::new();
        layout.set_width(10);
        // Rows: Head, blank, "one two", "three four", "five", blank, "six seven", blank.
        let top = Row { block: 0, line: 0 };
        assert_eq!(layout.step(&a, top, 3), Row { block: 1, line: 1 });
        assert_eq!(layout.step(&a, Row { block: 1, line: 1 }, -3), top);
        // The blank row after a block is a position of its own.
        let blank = layout.position_of(&a, Row { block: 0, line: 1 });
        assert_eq!(layout.row_of(&a, blank), Row { block: 0, line: 1 });
        assert_eq!(layout.step(&a, top, 100), Row { block: 2, line: 1 });
        assert_eq!(layout.step(&a, top, -5), top);
        assert_eq!(layout.last_top(&a, 3), Row { block: 1, line: 2 });
    }

    #[test]
    fn positions_survive_a_new_width() {
        let a = article();
        let mut layout = Layout::new();
        layout.set_width(10);
        let pos = layout.position_of(&a, Row { block: 1, line: 1 });
        assert_eq!(&a.blocks[1].text[pos.offset..], "three four five");
        layout.set_width(16);
        assert_eq!(layout.row_of(&a, pos), Row { block: 1, line: 0 });
    }

    #[test]
    fn window_lays_out_only_what_it_shows() {
        let a = article();
        let mut layout = Layout::new();
        layout.set_width(10);
        let rows = layout.window(&a, Row { block: 0, line: 0 }, 2);
        assert_eq!(rows.len(), 2);
        assert_eq!(layout.wrapped, 1);
        assert!(layout.cached(2).is_none());
    }
}
