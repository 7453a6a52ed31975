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
        for span in &line.spans {
            let style = Style::default().patch(line.style).patch(span.style);
            let mut put = |symbol: &str, w: usize| -> bool {
                // Wider than the whole line: left out; past the edge: the line ends.
                if w > width {
                    return true;
                }
                if x + w > width {
                    return false;
                }
                if w > 0 {
                    buf[(area.x + x as u16, y)].set_symbol(symbol).set_style(style);
                    x += w;
                }
                true
            };
            if !graphemes(&span.content, &mut put) {
                break;
            }
        }
    }
}

/// Hands each grapheme of `text` but those holding a control to `each`, with its width,
/// until `each` says stop (false); false then. A byte of ASCII with ASCII after it is a
/// grapheme of its own (but CR before LF, both controls, left out either way), so only the
/// stretches around other characters are split by the Unicode rules.
fn graphemes(text: &str, each: &mut impl FnMut(&str, usize) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii() && bytes.get(at + 1).is_none_or(u8::is_ascii) {
            if !(byte < 0x20 || byte == 0x7f || each(&text[at..=at], 1)) {
                return false;
            }
            at += 1;
            continue;
        }
        // To the next place between two ASCII bytes, where a grapheme always ends.
        let end =
            (at + 1..bytes.len()).find(|&i| bytes[i - 1].is_ascii() && bytes[i].is_ascii()).unwrap_or(bytes.len());
        for symbol in text[at..end].graphemes(true).filter(|g| !g.contains(char::is_control)) {
            if !each(symbol, cell_width(symbol)) {
                return false;
            }
        }
        at = end;
    }
    true
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
                proptest::collection::vec(("([a-z ,.'\t\r\n]|漢|é|\u{301}|👍🏽|👩\u{200d}💻|\u{600}|\u{200b}|\u{1f1eb}|[\u{1}-\u{1f}]){0,12}", 0u8..4), 0..4),
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
