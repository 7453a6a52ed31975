//! Lines put into the buffer one per row, cut at the area's right edge: what
//! `Paragraph::new(lines).render(area, buf)` draws, cell for cell, without splitting plain
//! ASCII into graphemes one by one. Every pane's text goes through here on every frame, and
//! most of any English text is ASCII; a span with anything else takes ratatui's own path
//! (graphemes, their widths, controls left out).

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

/// Draws `lines` into `area`, one per row from the top, as a `Paragraph` without wrapping.
pub fn render<'l, 'a: 'l>(lines: impl IntoIterator<Item = &'l Line<'a>> + Clone, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    // A line centred or set right is placed by its width: ratatui places it.
    let height = usize::from(area.height);
    let placed = |l: &Line<'_>| matches!(l.alignment, Some(Alignment::Center | Alignment::Right));
    if lines.clone().into_iter().take(height).any(placed) {
        Paragraph::new(lines.into_iter().take(height).cloned().collect::<Vec<_>>()).render(area, buf);
        return;
    }
    let width = usize::from(area.width);
    for (line, y) in lines.into_iter().zip(area.top()..area.bottom()) {
        let mut x = 0usize;
        'spans: for span in &line.spans {
            let style = Style::default().patch(line.style).patch(span.style);
            let content: &str = &span.content;
            if content.is_ascii() {
                for &byte in content.as_bytes() {
                    // Controls are left out, as ratatui leaves them.
                    if byte < 0x20 || byte == 0x7f {
                        continue;
                    }
                    if x + 1 > width {
                        break 'spans;
                    }
                    buf[(area.x + x as u16, y)].set_char(char::from(byte)).set_style(style);
                    x += 1;
                }
                continue;
            }
            for symbol in content.graphemes(true).filter(|g| !g.contains(char::is_control)) {
                let w = cell_width(symbol);
                // Wider than the whole line: left out; past the edge: the line ends.
                if w > width {
                    continue;
                }
                if x + w > width {
                    break 'spans;
                }
                if w == 0 {
                    continue;
                }
                buf[(area.x + x as u16, y)].set_symbol(symbol).set_style(style);
                x += w;
            }
        }
    }
}

/// A grapheme's width in cells, measured as ratatui measures it.
fn cell_width(symbol: &str) -> usize {
    usize::from(symbol.cell_width())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;

    fn both(lines: Vec<Line<'static>>, area: Rect) -> (Buffer, Buffer) {
        let whole = Rect { x: 0, y: 0, width: area.right() + 2, height: area.bottom() + 1 };
        let mut ours = Buffer::empty(whole);
        let mut theirs = Buffer::empty(whole);
        render(&lines, area, &mut ours);
        // Lines borrowed from elsewhere (as a sheet's rows) draw the same.
        let mut borrowed = Buffer::empty(whole);
        let rows: Vec<(Line<'static>, usize)> = lines.iter().cloned().map(|l| (l, 0)).collect();
        render(rows.iter().map(|(l, _)| l), area, &mut borrowed);
        assert_eq!(borrowed, ours);
        Paragraph::new(lines).render(area, &mut theirs);
        (ours, theirs)
    }

    #[test]
    fn lines_are_drawn_as_a_paragraph_draws_them() {
        let lines = vec![
            Line::from(vec![Span::styled("> ", Style::new().fg(Color::Gray)), Span::raw("plain ASCII text")]),
            Line::from("café, 漢字 and 👍🏽 too, cut at the edge of the area"),
            Line::styled("tab\there, bell\u{7} gone", Style::new().add_modifier(Modifier::BOLD)),
            Line::from("centred").centered(),
        ];
        let (ours, theirs) = both(lines.clone(), Rect::new(1, 1, 20, 3));
        assert_eq!(ours, theirs);
        let (ours, theirs) = both(lines[..3].to_vec(), Rect::new(2, 0, 11, 5));
        assert_eq!(ours, theirs);
    }

    proptest! {
        #[test]
        fn any_lines_are_drawn_as_a_paragraph_draws_them(
            rows in proptest::collection::vec((
                proptest::collection::vec(("([a-z ,.'\t]|漢|é|e\u{301}|👍🏽|\u{200b}|\r\n|[\u{1}-\u{1f}]){0,12}", 0u8..4), 0..4),
                0u8..4,
            ), 0..6),
            x in 0u16..3,
            width in 0u16..24,
            height in 0u16..6,
        ) {
            let styles = [Style::new(), Style::new().fg(Color::Red), Style::new().add_modifier(Modifier::ITALIC), Style::new().bg(Color::Blue)];
            let lines: Vec<Line<'static>> = rows
                .into_iter()
                .map(|(spans, s)| {
                    let spans: Vec<Span<'static>> = spans.into_iter().map(|(text, s)| Span::styled(text, styles[usize::from(s)])).collect();
                    Line::from(spans).style(styles[usize::from(s)])
                })
                .collect();
            let (ours, theirs) = both(lines, Rect::new(x, 1, width, height));
            prop_assert_eq!(ours, theirs);
        }
    }
}
