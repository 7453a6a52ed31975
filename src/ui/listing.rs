//! A list over a detail view, as the glossary and the discussion pane show them: where
//! each part goes, and the rows of the list on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::ui::layout::cut;

/// The list, the rule under it, and the detail: the list takes about a third of the
/// height and no more than it needs, so the detail below has room.
pub fn split(area: Rect, items: usize) -> [Rect; 3] {
    let wanted = u16::try_from(items).unwrap_or(u16::MAX).max(1);
    let list = if area.height < 6 { area.height.min(2) } else { (area.height / 3).max(3).min(wanted) };
    let rule = u16::from(area.height > list);
    cut(area, Direction::Vertical, [Some(list), Some(rule), None])
}

/// The first row of a list scrolled so that `selected` shows in `height` rows.
pub fn first_row(selected: usize, height: u16) -> usize {
    selected.saturating_sub(usize::from(height).max(1) - 1)
}

/// The visible rows of a list (the first is row `first`), `selected` marked with `▸`
/// and the selection style.
pub struct ListRows<'a> {
    pub rows: Vec<Line<'a>>,
    pub first: usize,
    pub selected: usize,
    pub selection: Style,
}

impl Widget for ListRows<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines: Vec<Line<'_>> = self
            .rows
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                if self.first + i == self.selected {
                    let mut spans = vec![Span::styled("▸ ", self.selection)];
                    spans.extend(line.spans.into_iter().map(|s| s.patch_style(self.selection)));
                    Line::from(spans)
                } else {
                    let mut spans = vec![Span::raw("  ")];
                    spans.extend(line.spans);
                    Line::from(spans)
                }
            })
            .collect();
        super::rows::render(&lines, area, buf);
    }
}

/// A rule across the area.
pub fn rule(area: Rect, style: Style, buf: &mut Buffer) {
    Paragraph::new(Line::styled("─".repeat(usize::from(area.width)), style)).render(area, buf);
}
