//! The library (`L`): every pack found, one row each with how far it is read, what is due,
//! its notes and when it was last opened, the one opened last first; `/` filters (fuzzy,
//! as the glossary), `Enter` opens the pack in place. It is shown in a box over the panes.

use jiff::civil::Date;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::catalog::{self, Row};
use crate::pack::source::Found;
use crate::text::sanitize::one_line;
use crate::ui::action::Action;
use crate::ui::field::Field;
use crate::ui::listing::{ListRows, first_row};
use crate::ui::sheet::truncate;
use crate::ui::theme::Theme;
use crate::ui::typing::{Typed, type_into};

/// The library as shown: its rows, the filter and the selection.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryView {
    pub rows: Vec<Row>,
    /// The rows listed now: all, or those the filter matches, best first.
    pub shown: Vec<usize>,
    pub selected: usize,
    pub filter: Field,
    pub filtering: bool,
    /// The day "today" and "yesterday" are said against.
    pub today: Date,
    /// The row of the pack open now, if it is listed.
    pub current: Option<usize>,
    /// The time zone "today" is in, found once rather than each frame.
    pub zone: jiff::tz::TimeZone,
}

/// What a key in the library asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    Nothing,
    Close,
    Open(Found),
    /// A line for the status bar.
    Say(String),
}

impl LibraryView {
    /// The library of `rows`, the pack open now being the row `is_open` picks (two packs
    /// may share an id: where they live tells them apart).
    pub fn new(rows: Vec<Row>, today: Date, is_open: &dyn Fn(&Row) -> bool) -> Self {
        let shown = (0..rows.len()).collect();
        let current = rows.iter().position(is_open);
        Self {
            rows,
            shown,
            selected: 0,
            filter: Field::default(),
            filtering: false,
            today,
            current,
            zone: crate::study::schedule::local_zone(),
        }
    }

    /// The selected row.
    pub fn row(&self) -> Option<&Row> {
        self.shown.get(self.selected).map(|&i| &self.rows[i])
    }

    /// Narrows the rows to those whose title, author or id the filter matches, best first.
    pub fn apply_filter(&mut self) {
        self.selected = 0;
        if self.filter.is_empty() {
            self.shown = (0..self.rows.len()).collect();
            return;
        }
        let pattern = Pattern::parse(self.filter.text(), CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut scored: Vec<(usize, u32)> = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let best = [&row.title, &row.author, &row.found.id]
                .into_iter()
                .filter_map(|text| pattern.score(Utf32Str::new(text, &mut buf), &mut matcher))
                .max();
            if let Some(score) = best {
                scored.push((i, score));
            }
        }
        // Best first; equals keep the library's order (the sort is stable).
        scored.sort_by_key(|s| std::cmp::Reverse(s.1));
        self.shown = scored.into_iter().map(|(i, _)| i).collect();
    }

    /// Applies a key.
    pub fn update(&mut self, action: Action) -> Asked {
        if self.filtering {
            match type_into(&mut self.filter, action) {
                Typed::Changed => self.apply_filter(),
                Typed::Done | Typed::Closed => self.filtering = false,
                Typed::Moved => {}
                Typed::Other => return self.key(action),
            }
            return Asked::Nothing;
        }
        self.key(action)
    }

    fn key(&mut self, action: Action) -> Asked {
        let last = self.shown.len().saturating_sub(1);
        match action {
            Action::Scroll(n) => self.selected = self.selected.saturating_add_signed(n).min(last),
            Action::Page(n) => self.selected = self.selected.saturating_add_signed(n * 10).min(last),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::StartInput => self.filtering = true,
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.apply_filter();
            }
            Action::Back | Action::Library => return Asked::Close,
            Action::Activate => return self.open(),
            _ => {}
        }
        Asked::Nothing
    }

    /// Opens the selected pack, unless it has errors or is the one open now.
    fn open(&self) -> Asked {
        let Some(row) = self.row() else { return Asked::Say("no pack matches the filter".into()) };
        if let Some(error) = &row.error {
            let id = one_line(&row.found.id);
            return Asked::Say(format!("{id} has errors ({}): `lectern check {id}` lists them", one_line(error)));
        }
        if self.shown.get(self.selected).copied() == self.current {
            return Asked::Close;
        }
        Asked::Open(row.found.clone())
    }
}

/// Where the box goes on a screen of `size`: most of it, with the status bar and the key
/// bar left in sight below it (what the library says goes there).
pub fn area(size: Rect) -> Rect {
    let width = size.width.saturating_sub(4).clamp(size.width.min(20), 120);
    let height = size.height.saturating_sub(3).max(size.height.min(3));
    Rect { x: size.x + (size.width - width) / 2, y: size.y + u16::from(size.height > 3), width, height }
}

/// The library's box.
pub struct LibraryBox<'a> {
    pub view: &'a LibraryView,
    pub theme: &'a Theme,
    /// The key that closes it, for the title.
    pub close: &'a str,
}

impl Widget for LibraryBox<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (view, theme) = (self.view, self.theme);
        Clear.render(area, buf);
        let packs = if view.rows.len() == 1 { "1 pack".to_string() } else { format!("{} packs", view.rows.len()) };
        let title = format!(" Library: {packs} ({} closes) ", self.close);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(Span::styled(title, theme.border_focused));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let width = usize::from(inner.width);
        let mut lines: Vec<Line<'_>> = Vec::new();
        if view.filtering || !view.filter.is_empty() {
            let count = format!("  {}/{}", view.shown.len(), view.rows.len());
            lines.push(Line::from(vec![
                Span::styled(format!("/{}", view.filter.text()), theme.strong),
                Span::styled(count, theme.dim),
            ]));
        }
        let columns = Columns::for_width(width);
        lines.push(Line::styled(truncate(&columns.header(), width), theme.dim));
        let top = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        // The selected pack's summary, or its error, under the list.
        let detail = view.row().map(|row| match &row.error {
            Some(error) => (format!("has errors: {}; `lectern check` lists them", one_line(error)), theme.wrong),
            None if row.summary.trim().is_empty() => (catalog::place(&row.found), theme.dim),
            None => (one_line(&row.summary), theme.dim),
        });
        // A blank row, then two for the summary or the error (wrapped, so an error can be
        // read whole at 60 columns).
        let detail_height = u16::from(detail.is_some() && inner.height > top + 4) * 3;
        crate::ui::rows::render(&lines, Rect { height: top.min(inner.height), ..inner }, buf);
        let list = Rect { y: inner.y + top, height: inner.height.saturating_sub(top + detail_height), ..inner };
        let first = first_row(view.selected, list.height);
        let rows: Vec<Line<'_>> = view
            .shown
            .iter()
            .skip(first)
            .take(usize::from(list.height))
            .map(|&i| {
                let row = &view.rows[i];
                let text = columns.row(row, view.today, &view.zone, Some(i) == view.current);
                let style = if row.can_open() { theme.text } else { theme.dim };
                Line::styled(truncate(&text, width.saturating_sub(2)), style)
            })
            .collect();
        if rows.is_empty() {
            Paragraph::new(Line::styled("no pack matches the filter", theme.dim)).render(list, buf);
        }
        ListRows { rows, first, selected: view.selected, selection: theme.selection }.render(list, buf);
        if let Some((text, style)) = detail.filter(|_| detail_height > 0) {
            let area = Rect { y: list.y + list.height + 1, height: 2, ..inner };
            let ranges = crate::text::wrap::wrap(&text, width);
            let mut lines: Vec<Line<'_>> =
                ranges.iter().take(2).map(|r| Line::styled(text[r.clone()].to_string(), style)).collect();
            if ranges.len() > 2
                && let Some(last) = lines.last_mut()
            {
                // More than fits: the second line ends in an ellipsis.
                let rest = text[ranges[1].start..].to_string();
                *last = Line::styled(truncate(&rest, width), style);
            }
            crate::ui::rows::render(&lines, area, buf);
        }
    }
}

/// The columns a row is set in: fewer on a narrow screen (the title and how far it is
/// read always; then what is due, the notes, when it was opened, the author).
#[derive(Debug, Clone, Copy)]
struct Columns {
    title: usize,
    author: usize,
    due: bool,
    notes: bool,
    opened: bool,
}

impl Columns {
    fn for_width(width: usize) -> Self {
        // The marker takes 2 columns; the read column 5; due 9; notes 7; opened 12.
        let mut columns = Self { title: 0, author: 0, due: width >= 36, notes: width >= 56, opened: width >= 72 };
        let fixed =
            2 + 5 + 9 * usize::from(columns.due) + 7 * usize::from(columns.notes) + 12 * usize::from(columns.opened);
        let left = width.saturating_sub(fixed + 2);
        columns.author = if width >= 96 { (left / 3).min(24) } else { 0 };
        columns.title = left.saturating_sub(columns.author + usize::from(columns.author > 0));
        columns
    }

    fn header(&self) -> String {
        let mut out = format!("  {}", pad("TITLE", self.title));
        if self.author > 0 {
            out.push_str(&format!(" {}", pad("AUTHOR", self.author)));
        }
        out.push_str(" READ");
        if self.due {
            out.push_str("  DUE/NEW");
        }
        if self.notes {
            out.push_str("  NOTES");
        }
        if self.opened {
            out.push_str("  OPENED");
        }
        out
    }

    fn row(&self, row: &Row, today: Date, zone: &jiff::tz::TimeZone, current: bool) -> String {
        let mut title = one_line(&row.title);
        if title.is_empty() {
            title = one_line(&row.found.id);
        }
        if current {
            title.push_str(" (open)");
        } else if !row.can_open() {
            title.push_str(" (has errors)");
        }
        let mut out = pad(&truncate(&title, self.title), self.title);
        if self.author > 0 {
            out.push_str(&format!(" {}", pad(&truncate(&one_line(&row.author), self.author), self.author)));
        }
        out.push_str(&format!(" {:>3}%", row.read));
        if self.due {
            out.push_str(&format!("  {:>7}", format!("{}/{}", row.due, row.new)));
        }
        if self.notes {
            out.push_str(&format!("  {:>5}", row.notes));
        }
        if self.opened {
            out.push_str(&format!("  {}", catalog::when(row.opened, today, zone)));
        }
        out
    }
}

/// `text` padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    let used = crate::text::wrap::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
