//! Draws the state. Pure: reads the state, writes the frame, changes nothing.

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::{App, MIN_SIZE, areas};
use super::theme::Theme;
use crate::text::article::{Block as TextBlock, BlockKind, Inline};
use crate::text::layout::{Row, prefix};

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let screen = frame.area();
    if screen.width < MIN_SIZE.0 || screen.height < MIN_SIZE.1 {
        let notice = Paragraph::new("terminal too small").alignment(Alignment::Center);
        frame.render_widget(notice, screen);
        return;
    }
    let areas = areas(screen);
    let theme = &app.theme;
    let title = Line::from(Span::styled(format!(" {} ", app.pack.title), theme.heading));
    frame.render_widget(Block::new().borders(Borders::ALL).border_style(theme.border).title(title), areas.pane);
    let rows = app.reader.layout.visible(app.top_row(), usize::from(areas.text.height));
    let lines: Vec<Line<'_>> = rows.iter().map(|row| article_line(app, *row)).collect();
    frame.render_widget(Paragraph::new(lines), areas.text);
    frame.render_widget(status(app, areas.status.width), areas.status);
    frame.render_widget(Paragraph::new(Line::from(key_hints(theme))), areas.keys);
}

/// One row of the article: prefix, then the line's text split into styled runs.
fn article_line<'a>(app: &'a App, row: Row) -> Line<'a> {
    let block = &app.pack.article.blocks[row.block];
    let Some(range) = app.reader.layout.cached(row.block).and_then(|l| l.get(row.line)) else {
        return Line::default();
    };
    let theme = &app.theme;
    let base = base_style(theme, &block.kind);
    if block.kind == BlockKind::Rule {
        return Line::styled("─".repeat(usize::from(areas(app.screen).text.width)), theme.dim);
    }
    let (first, rest) = prefix(&block.kind);
    let lead = if row.line == 0 { first } else { rest };
    let mut spans = vec![Span::styled(lead, theme.dim)];
    spans.extend(styled_runs(block, range.clone(), base, theme));
    Line::from(spans)
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

/// Splits `range` of a block's text at its style runs.
fn styled_runs<'a>(block: &'a TextBlock, range: std::ops::Range<usize>, base: Style, theme: &Theme) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = range.start;
    for run in block.runs.iter().filter(|r| r.range.end > range.start && r.range.start < range.end) {
        let start = run.range.start.max(range.start);
        let end = run.range.end.min(range.end);
        if start > at {
            spans.push(Span::styled(&block.text[at..start], base));
        }
        spans.push(Span::styled(&block.text[start..end], base.patch(inline_style(theme, run.style))));
        at = end;
    }
    if at < range.end {
        spans.push(Span::styled(&block.text[at..range.end], base));
    }
    spans
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

/// The status bar: title on the left, paragraph and % read on the right.
fn status(app: &App, width: u16) -> Paragraph<'_> {
    let article = &app.pack.article;
    let top = app.reader.top;
    let total = article.body().count();
    let at_end = app.top_row() >= app.reader.last_top;
    let paragraph =
        if at_end { total } else { article.body().take_while(|&b| b <= top.block).count().max(1).min(total) };
    let percent = if at_end { 100 } else { (app.reader.fraction(top) * 100.0).round() as u32 };
    let right = format!("¶ {paragraph}/{total}  {percent:>3}% ");
    let left = format!(" {}", app.pack.title);
    let room = usize::from(width).saturating_sub(right.chars().count() + 1);
    let left: String = left.chars().take(room).collect();
    let pad = usize::from(width).saturating_sub(left.chars().count() + right.chars().count());
    Paragraph::new(format!("{left}{}{right}", " ".repeat(pad))).style(app.theme.status)
}

fn key_hints(theme: &Theme) -> Vec<Span<'static>> {
    let keys = [("j/k", "scroll"), ("Space/b", "page"), ("g/G", "start/end"), ("q", "quit")];
    let mut spans = Vec::new();
    for (key, what) in keys {
        spans.push(Span::styled(format!(" {key} "), theme.strong));
        spans.push(Span::styled(format!("{what} "), theme.hint));
    }
    spans
}
