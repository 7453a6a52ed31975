//! The article pane's drawing: the rows on screen, each split where its styles change,
//! with paragraph numbers in the margin when they are on.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Reader;
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
}

impl Widget for ArticleView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = self.reader.rows();
        let lines: Vec<Line<'_>> = rows.iter().map(|row| self.line(*row, area.width)).collect();
        Paragraph::new(lines).render(area, buf);
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
        Paragraph::new(numbers).render(gutter, buf);
    }
}

impl<'a> ArticleView<'a> {
    /// One row: its prefix, then its text split into styled spans.
    fn line(&self, row: Row, width: u16) -> Line<'a> {
        line(self.reader, self.article, self.theme, row, width)
    }
}

fn line<'a>(reader: &Reader, article: &'a Article, theme: &Theme, row: Row, width: u16) -> Line<'a> {
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
    let layers = layers(reader, theme, row.block, &range);
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

/// The marks over a line, lowest first: glossary terms, the term cursor, search matches,
/// the current match, and a highlighted passage.
fn layers(reader: &Reader, theme: &Theme, block: usize, line: &Range<usize>) -> Vec<(Range<usize>, Style)> {
    let overlaps = |r: &Range<usize>| r.start < line.end && r.end > line.start;
    let mut out = Vec::new();
    if let Some(Some(marks)) = reader.marks.get(block) {
        for (i, mark) in marks.iter().enumerate().filter(|(_, m)| overlaps(&m.range)) {
            let style = if reader.term_cursor == Some((block, i)) { theme.term_cursor } else { theme.term };
            out.push((mark.range.clone(), style));
        }
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
    out
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
