//! A pane's content as rows already wrapped to its width: what a pane draws, how far it can
//! scroll, and what a click on a row means all come from one sheet, so a click can never
//! drift from what is drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::text::wrap::{width as text_width, wrap};

/// Rows set for one width, each with what a click on it does (`T`).
#[derive(Debug, Clone)]
pub struct Sheet<T> {
    width: usize,
    rows: Vec<(Line<'static>, Option<T>)>,
}

impl<T: Clone> Sheet<T> {
    /// An empty sheet `width` columns wide.
    pub fn new(width: usize) -> Self {
        Self { width: width.max(1), rows: Vec::new() }
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there is no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// An empty row.
    pub fn blank(&mut self) {
        self.rows.push((Line::default(), None));
    }

    /// Text in one style, wrapped.
    pub fn text(&mut self, text: &str, style: Style) {
        self.spans(&[(text, style)], None);
    }

    /// Styled pieces of text set as one paragraph, wrapped, every row tagged `tag`.
    pub fn spans(&mut self, pieces: &[(&str, Style)], tag: Option<T>) {
        self.hanging(pieces, 0, tag);
    }

    /// As [`Sheet::spans`], with every row after the first indented by `indent` columns (for
    /// a numbered option whose text wraps under its text rather than its number).
    pub fn hanging(&mut self, pieces: &[(&str, Style)], indent: usize, tag: Option<T>) {
        let mut text = String::new();
        let mut styles = Vec::new();
        for (piece, style) in pieces {
            styles.push((text.len()..text.len() + piece.len(), *style));
            text.push_str(piece);
        }
        let indent = indent.min(self.width.saturating_sub(1));
        // Spaces the text starts with are kept (wrapping would drop them): the first row is
        // set in what is left of the width after them.
        let lead = text.len() - text.trim_start_matches(' ').len();
        let lead = if lead < self.width { lead } else { 0 };
        let body = &text[lead..];
        let head = wrap(body, self.width - lead).into_iter().next().unwrap_or(0..0);
        let head = head.start + lead..head.end + lead;
        let rest_start = head.end + text[head.end..].len() - text[head.end..].trim_start().len();
        let mut lines = Vec::new();
        lines.push(0..head.end);
        if rest_start < text.len() {
            let rest = &text[rest_start..];
            let room = self.width - indent;
            lines.extend(wrap(rest, room).into_iter().map(|r| r.start + rest_start..r.end + rest_start));
        }
        for (i, range) in lines.into_iter().enumerate() {
            let mut spans = Vec::new();
            if i > 0 && indent > 0 {
                spans.push(Span::raw(" ".repeat(indent)));
            }
            for (piece, style) in &styles {
                let start = piece.start.max(range.start);
                let end = piece.end.min(range.end);
                if start < end {
                    spans.push(Span::styled(text[start..end].to_string(), *style));
                }
            }
            self.rows.push((Line::from(spans), tag.clone()));
        }
    }

    /// One row as given, cut to the width with `…` when it is wider.
    pub fn row(&mut self, line: Line<'static>, tag: Option<T>) {
        let line = if line.width() > self.width { cut_line(line, self.width) } else { line };
        self.rows.push((line, tag));
    }

    /// Row `row`, as set.
    pub fn line(&self, row: usize) -> Option<Line<'static>> {
        self.rows.get(row).map(|(line, _)| line.clone())
    }

    /// What a click on row `row` does.
    pub fn tag(&self, row: usize) -> Option<&T> {
        self.rows.get(row).and_then(|(_, tag)| tag.as_ref())
    }

    /// The first and last row tagged as `pred` says, to keep a cursor in view.
    pub fn span_of(&self, pred: impl Fn(&T) -> bool) -> Option<(usize, usize)> {
        let first = self.rows.iter().position(|(_, t)| t.as_ref().is_some_and(&pred))?;
        let last = self.rows.iter().rposition(|(_, t)| t.as_ref().is_some_and(&pred))?;
        Some((first, last))
    }

    /// The rows as plain text, for tests.
    pub fn plain(&self) -> Vec<String> {
        self.rows.iter().map(|(line, _)| line.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    /// The widget that draws rows `from..` into an area.
    pub fn view(&self, from: usize) -> SheetView<'_, T> {
        SheetView { sheet: self, from }
    }
}

/// Cuts `s` to at most `width` columns, with an ellipsis when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if text_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        let w = text_width(g);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The end of `s` in at most `width` columns, with `…` before it when cut: a field being
/// typed shows where the typing is.
pub fn tail(s: &str, width: usize) -> String {
    if text_width(s) <= width {
        return s.to_string();
    }
    let graphemes: Vec<&str> = unicode_segmentation::UnicodeSegmentation::graphemes(s, true).collect();
    let mut used = 1;
    let mut from = graphemes.len();
    while from > 0 && used + text_width(graphemes[from - 1]) <= width {
        from -= 1;
        used += text_width(graphemes[from]);
    }
    format!("…{}", graphemes[from..].concat())
}

/// Cuts a styled line to `width` columns, ending it with `…`.
fn cut_line(line: Line<'static>, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    let room = width.saturating_sub(1);
    for span in line.spans {
        let w = text_width(&span.content);
        if used + w <= room {
            used += w;
            spans.push(span);
            continue;
        }
        let mut kept = String::new();
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(span.content.as_ref(), true) {
            let gw = text_width(g);
            if used + gw > room {
                break;
            }
            used += gw;
            kept.push_str(g);
        }
        spans.push(Span::styled(kept, span.style));
        break;
    }
    if width > 0 {
        spans.push(Span::raw("…"));
    }
    Line::from(spans).style(line.style)
}

/// Draws a sheet from a row on.
pub struct SheetView<'a, T> {
    sheet: &'a Sheet<T>,
    from: usize,
}

impl<T> Widget for SheetView<'_, T> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        super::rows::render(self.sheet.rows.iter().skip(self.from).map(|(l, _)| l), area, buf);
    }
}

/// How far a sheet is scrolled, and the size it was last fitted to (every update fits
/// each visible sheet, so keys can scroll by pages and stop at the end).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// The first row shown.
    pub offset: usize,
    /// Rows in the sheet.
    pub len: usize,
    /// Rows on screen.
    pub height: usize,
}

impl Scroll {
    /// The furthest the sheet can scroll.
    pub fn max(&self) -> usize {
        self.len.saturating_sub(self.height.max(1))
    }

    /// Notes the sheet's length and the rows it has, and keeps the offset inside it.
    pub fn fit(&mut self, len: usize, height: usize) {
        self.len = len;
        self.height = height;
        self.offset = self.offset.min(self.max());
    }

    /// Moves by `n` rows, kept inside the sheet.
    pub fn by(&mut self, n: isize) {
        self.offset = self.offset.saturating_add_signed(n).min(self.max());
    }

    /// Moves by `n` pages, a row of the last page kept for context.
    pub fn page(&mut self, n: isize) {
        self.by(n * self.height.saturating_sub(1).max(1) as isize);
    }

    /// Back to the first row.
    pub fn home(&mut self) {
        self.offset = 0;
    }

    /// Scrolls the least that brings rows `first..=last` on screen (the first when they
    /// do not all fit).
    pub fn reveal(&mut self, (first, last): (usize, usize)) {
        let height = self.height.max(1);
        if last >= self.offset + height {
            self.offset = last + 1 - height;
        }
        if first < self.offset || last - first >= height {
            self.offset = first;
        }
    }

    /// What the pane's lower border says: whether more is below, above, or both.
    pub fn more(&self) -> Option<&'static str> {
        let below = self.offset + self.height < self.len;
        match (self.offset > 0, below) {
            (_, true) => Some(" ↓ more "),
            (true, false) => Some(" ↑ more "),
            (false, false) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_styled_pieces_and_keeps_their_styles() {
        let mut sheet: Sheet<usize> = Sheet::new(10);
        let bold = Style::new().bold();
        sheet.spans(&[("one two ", Style::new()), ("three four", bold)], Some(7));
        assert_eq!(sheet.plain(), ["one two", "three four"]);
        assert_eq!(sheet.tag(1), Some(&7));
        assert_eq!(sheet.rows[1].0.spans[0].style, bold);
    }

    #[test]
    fn hanging_indent_wraps_under_the_text() {
        let mut sheet: Sheet<()> = Sheet::new(12);
        sheet.hanging(&[("1) ", Style::new()), ("alpha beta gamma", Style::new())], 3, None);
        assert_eq!(sheet.plain(), ["1) alpha", "   beta", "   gamma"]);
        for row in sheet.plain() {
            assert!(text_width(&row) <= 12);
        }
    }

    #[test]
    fn leading_spaces_are_kept() {
        let mut sheet: Sheet<()> = Sheet::new(12);
        sheet.hanging(&[("  j, k  ", Style::new()), ("move up and down", Style::new())], 8, None);
        assert_eq!(sheet.plain(), ["  j, k  move", "        up", "        and", "        down"]);
        sheet.text("", Style::new());
        assert_eq!(sheet.plain().last().map(String::as_str), Some(""));
    }

    #[test]
    fn a_long_field_shows_its_end() {
        assert_eq!(tail("/short", 10), "/short");
        assert_eq!(tail("/the chips needed▏", 10), "…s needed▏");
        assert_eq!(text_width(&tail("/日本語の文章です", 7)), 7);
    }

    #[test]
    fn a_long_row_is_cut_with_an_ellipsis() {
        let mut sheet: Sheet<()> = Sheet::new(6);
        sheet.row(Line::raw("abcdefghij"), None);
        assert_eq!(sheet.plain(), ["abcde…"]);
    }

    #[test]
    fn scroll_stays_inside_and_reveals() {
        let mut scroll = Scroll::default();
        scroll.fit(30, 10);
        scroll.by(100);
        assert_eq!(scroll.offset, 20);
        assert_eq!(scroll.more(), Some(" ↑ more "));
        scroll.page(-1);
        assert_eq!(scroll.offset, 11);
        scroll.by(-100);
        assert_eq!(scroll.more(), Some(" ↓ more "));
        scroll.reveal((14, 15));
        assert_eq!(scroll.offset, 6);
        scroll.reveal((2, 3));
        assert_eq!(scroll.offset, 2);
        scroll.fit(5, 10);
        assert_eq!((scroll.offset, scroll.more()), (0, None));
    }
}
