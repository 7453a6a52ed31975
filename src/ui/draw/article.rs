//! The article pane: the rows on screen, each split where its styles change.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::article::{BlockKind, Inline};
use crate::text::layout::{Row, prefix};
use crate::ui::app::App;
use crate::ui::panes::text_column;
use crate::ui::theme::Theme;

/// Draws the article's rows into the text column of `pane`.
pub fn draw(app: &App, pane: Rect, frame: &mut Frame<'_>) {
    let area = text_column(pane, app.reading_width);
    let lines: Vec<Line<'_>> = app.reader.rows().into_iter().map(|row| line(app, row, area.width)).collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// One row: its prefix, then its text split into styled spans.
fn line(app: &App, row: Row, width: u16) -> Line<'_> {
    let block = &app.pack.article.blocks[row.block];
    let Some(range) = app.reader.layout.cached(row.block).and_then(|l| l.get(row.line)).cloned() else {
        return Line::default();
    };
    let theme = &app.theme;
    if block.kind == BlockKind::Rule {
        return Line::styled("─".repeat(usize::from(width)), theme.dim);
    }
    let (first, rest) = prefix(&block.kind);
    let lead = if row.line == 0 { first } else { rest };
    let mut spans = vec![Span::styled(lead, theme.dim)];
    let layers = layers(app, row.block, &range);
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
fn layers(app: &App, block: usize, line: &Range<usize>) -> Vec<(Range<usize>, Style)> {
    let theme = &app.theme;
    let reader = &app.reader;
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
