//! The article pane's drawing: the rows on screen, each split where its styles change,
//! with paragraph numbers in the margin when they are on.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::Reader;
use crate::notes::book::Notebook;
use crate::notes::{Kind, Span as Passage};
use crate::text::article::{Article, BlockKind, Inline};
use crate::text::layout::{Row, prefix};
use crate::ui::theme::Theme;

/// Columns the paragraph numbers take, left of the text.
pub const GUTTER: u16 = 5;

/// The article's rows, drawn into its text column.
pub struct ArticleView<'a> {
    pub reader: &'a Reader,
    pub article: &'a Article,
    pub theme: &'a Theme,
    pub book: &'a Notebook,
}

impl Widget for ArticleView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = self.reader.rows();
        let lines: Vec<Line<'_>> = rows.iter().map(|row| self.line(*row, area.width)).collect();
        crate::ui::rows::render(&lines, area, buf);
        // The marks of highlights and notes, in the column left of the text: they read
        // without colour.
        if area.x > 0 {
            for (i, row) in rows.iter().enumerate() {
                if let Some((mark, style)) = margin_mark(self.reader, self.book, self.theme, *row) {
                    let y = area.y + i as u16;
                    buf[(area.x - 1, y)].set_char(mark).set_style(style);
                }
            }
        }
        if !self.reader.numbers || area.x < GUTTER {
            return;
        }
        let gutter = Rect { x: area.x - GUTTER, width: GUTTER - 1, ..area };
        let numbers: Vec<Line<'_>> = rows
            .iter()
            .map(|row| {
                // The numbers are kept by the reader: counting blocks per row would cost a
                // book's length each frame.
                let body = self.article.blocks.get(row.block).is_some_and(|b| b.is_body());
                if body && row.line == 0 {
                    Line::styled(format!("{:>3}", self.reader.paragraph_of(row.block)), self.theme.dim)
                } else {
                    Line::default()
                }
            })
            .collect();
        crate::ui::rows::render(&numbers, gutter, buf);
    }
}

impl<'a> ArticleView<'a> {
    /// One row: its prefix, then its text split into styled spans.
    fn line(&self, row: Row, width: u16) -> Line<'a> {
        line(self.reader, self.book, self.article, self.theme, row, width)
    }
}

fn line<'a>(reader: &Reader, book: &Notebook, article: &'a Article, theme: &Theme, row: Row, width: u16) -> Line<'a> {
    let block = &article.blocks[row.block];
    let Some(range) = reader.layout.cached(row.block).and_then(|l| l.get(row.line)).cloned() else {
        return Line::default();
    };
    if block.kind == BlockKind::Rule {
        return Line::styled("─".repeat(usize::from(width)), theme.dim);
    }
    let (first, rest) = prefix(&block.kind);
    let lead = if row.line == 0 { first } else { rest };
    let mut spans = vec![Span::styled(lead, theme.dim)];
    let layers = layers(reader, book, theme, row.block, &range);
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for run in &block.runs {
        cuts.extend([run.range.start, run.range.end]);
    }
    for (r, _) in &layers {
        cuts.extend([r.start, r.end]);
    }
    cuts.retain(|c| *c >= range.start && *c <= range.end && block.text.is_char_boundary(*c));
    cuts.sort_unstable();
    cuts.dedup();
    let base = base_style(theme, &block.kind);
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut style = base;
        if let Some(run) = block.runs.iter().find(|r| r.range.start <= start && r.range.end >= end) {
            style = style.patch(inline_style(theme, run.style));
        }
        for (r, layer) in &layers {
            if r.start <= start && r.end >= end {
                style = style.patch(*layer);
            }
        }
        spans.push(Span::styled(&block.text[start..end], style));
    }
    Line::from(spans)
}

/// The marks over a line, lowest first: glossary terms, the term cursor, the reader's
/// highlights and notes, the reading cursor, a passage shown, search matches, the current
/// match, and the selection.
fn layers(
    reader: &Reader,
    book: &Notebook,
    theme: &Theme,
    block: usize,
    line: &Range<usize>,
) -> Vec<(Range<usize>, Style)> {
    let overlaps = |r: &Range<usize>| r.start < line.end && r.end > line.start;
    let mut out = Vec::new();
    if let Some(marks) = reader.marks.get(&block) {
        for (i, mark) in marks.iter().enumerate().filter(|(_, m)| overlaps(&m.range)) {
            let style = if reader.term_cursor == Some((block, i)) { theme.term_cursor } else { theme.term };
            out.push((mark.range.clone(), style));
        }
    }
    for (annotation, span) in book.in_block(block) {
        let style = kind_style(theme, annotation.kind);
        out.push((in_block(span, block), style));
    }
    if reader.anchor.is_none()
        && let Some(cursor) = reader.cursor
    {
        out.push((in_block(cursor, block), theme.cursor));
    }
    if let Some(hl) = reader.highlight.as_ref().filter(|h| h.block == block && overlaps(&h.range)) {
        out.push((hl.range.clone(), theme.selection));
    }
    if let Some(search) = &reader.search {
        let first = search.hits.partition_point(|h| h.block < block);
        for (i, hit) in search.hits.iter().enumerate().skip(first).take_while(|(_, h)| h.block == block) {
            if overlaps(&hit.range) {
                let style = if search.current == Some(i) { theme.current_match } else { theme.matched };
                out.push((hit.range.clone(), style));
            }
        }
    }
    if let Some(selected) = reader.selection() {
        out.push((in_block(selected, block), theme.selection));
    }
    out.retain(|(r, _)| !r.is_empty());
    out
}

/// The part of `span` in `block`, as a byte range of its text (empty when none is).
fn in_block(span: Passage, block: usize) -> Range<usize> {
    if block < span.start.block || block > span.end.block {
        return 0..0;
    }
    let start = if block == span.start.block { span.start.offset } else { 0 };
    let end = if block == span.end.block { span.end.offset } else { usize::MAX };
    start..end
}

/// A highlight kind's mark in the margin; `✎` for a note without a highlight.
pub fn kind_mark(kind: Option<Kind>) -> char {
    match kind {
        Some(Kind::Important) => '!',
        Some(Kind::Question) => '?',
        Some(Kind::Disagree) => '≠',
        Some(Kind::Evidence) => '§',
        None => '✎',
    }
}

/// A highlight kind's style; the note style for a note without a highlight.
pub fn kind_style(theme: &Theme, kind: Option<Kind>) -> Style {
    match kind {
        Some(Kind::Important) => theme.important,
        Some(Kind::Question) => theme.question,
        Some(Kind::Disagree) => theme.disagree,
        Some(Kind::Evidence) => theme.evidence,
        None => theme.note,
    }
}

/// The margin mark of a row: the kind of the first highlight on it, or `✎` on the row
/// where a note begins.
fn margin_mark(reader: &Reader, book: &Notebook, theme: &Theme, row: Row) -> Option<(char, Style)> {
    let line = reader.layout.cached(row.block)?.get(row.line)?.clone();
    let mut found = None;
    for (annotation, span) in book.in_block(row.block) {
        let range = in_block(span, row.block);
        if range.start >= line.end.max(line.start + 1) || range.end <= line.start {
            continue;
        }
        let starts_here = span.start.block == row.block && range.start >= line.start;
        if !annotation.note.is_empty() && starts_here {
            return Some((kind_mark(None), kind_style(theme, None)));
        }
        if found.is_none() && annotation.kind.is_some() {
            found = Some((kind_mark(annotation.kind), kind_style(theme, annotation.kind)));
        }
    }
    found
}

fn base_style(theme: &Theme, kind: &BlockKind) -> Style {
    match kind {
        BlockKind::Heading(_) => theme.heading,
        BlockKind::Quote => theme.quote,
        BlockKind::Code => theme.code,
        BlockKind::Byline => theme.emphasis,
        _ => theme.text,
    }
}

fn inline_style(theme: &Theme, inline: Inline) -> Style {
    let mut style = Style::new();
    for (flag, role) in [
        (Inline::EMPHASIS, theme.emphasis),
        (Inline::STRONG, theme.strong),
        (Inline::CODE, theme.code),
        (Inline::LINK, theme.link),
    ] {
        if inline.contains(flag) {
            style = style.patch(role);
        }
    }
    style
}
