//! The article pane: its state and what moves it (scrolling, jumps, search, the term
//! cursor), its keys' effects (`update`) and its drawing (`view`). Only the blocks on
//! screen are laid out and scanned for terms.

pub mod marking;
pub mod update;
pub mod view;

use rustc_hash::FxHashMap;

use crate::pack::Pack;
use crate::text::anchor::Anchor;
use crate::text::article::Article;
use crate::text::found::Marker;
use crate::text::layout::{Layout, Position, Row, line_at};
use crate::text::search::{Hit, Search, next_hit, prev_hit};
use crate::text::terms::Mark;
use crate::ui::config::Marks;
use crate::ui::field::Field;

/// A search: what was typed, what it found, and where the reader was before it.
#[derive(Debug, Clone)]
pub struct SearchState {
    pub query: Field,
    pub hits: Vec<Hit>,
    /// The hit the reader is on.
    pub current: Option<usize>,
    /// Where the reader was when the search began; Esc returns here.
    pub origin: Position,
    /// The query is still being typed.
    pub editing: bool,
}

/// The article view.
pub struct Reader {
    /// The first shown line, as a block and byte offset so it survives a resize.
    pub top: Position,
    pub layout: Layout,
    /// The top row of the last screen, kept current by every update.
    pub last_top: Row,
    /// Rows of text on screen, kept current by every update.
    pub height: usize,
    /// Glossary terms found in each block that has been on screen, by block.
    pub marks: FxHashMap<usize, Vec<Mark>>,
    /// The term under the cursor: a block and an index into its marks.
    pub term_cursor: Option<(usize, usize)>,
    pub search: Option<SearchState>,
    /// A passage shown for a question or prompt.
    pub highlight: Option<Anchor>,
    /// Which glossary terms are marked.
    pub marks_shown: Marks,
    /// Paragraph numbers in the margin.
    pub numbers: bool,
    /// The go-to prompt (`:12`), while it is open.
    pub goto: Option<Field>,
    /// The reading cursor: a sentence (or a line, or a dragged stretch), once it is used.
    pub cursor: Option<crate::notes::Span>,
    /// Where the selection began, while one is made; it runs to the cursor.
    pub anchor: Option<crate::notes::Span>,
    /// A key that waits for the next (a highlight's kind, a bookmark's letter).
    pub pending: Option<marking::Pending>,
    /// Where the reader was before the last jump, for `''`.
    pub before_jump: Option<Position>,
    /// Where the mouse was pressed in the text, for a drag.
    pub press: Option<Position>,
    /// Byte count of the text before each block, for the "% read" figure.
    starts: Vec<usize>,
    /// Body paragraphs up to and including each block, for "¶ 7/15".
    paragraphs: Vec<usize>,
}

impl Reader {
    /// A reader at the start of `pack`'s article.
    pub fn new(pack: &Pack) -> Self {
        let blocks = &pack.article.blocks;
        let mut starts = Vec::with_capacity(blocks.len() + 1);
        let mut paragraphs = Vec::with_capacity(blocks.len());
        let (mut total, mut body) = (0, 0);
        for block in blocks {
            starts.push(total);
            total += block.text.len() + 1;
            body += usize::from(block.is_body());
            paragraphs.push(body);
        }
        starts.push(total);
        Self {
            top: Position::default(),
            layout: Layout::new(),
            last_top: Row::default(),
            height: 1,
            marks: FxHashMap::default(),
            term_cursor: None,
            search: None,
            highlight: None,
            marks_shown: Marks::First,
            numbers: false,
            goto: None,
            cursor: None,
            anchor: None,
            pending: None,
            before_jump: None,
            press: None,
            starts,
            paragraphs,
        }
    }

    /// How far through the text `pos` is, from 0 to 1.
    pub fn fraction(&self, pos: Position) -> f64 {
        let total = self.starts.last().copied().unwrap_or(0).max(1);
        let start = self.starts.get(pos.block).copied().unwrap_or(total);
        let end = self.starts.get(pos.block + 1).copied().unwrap_or(total);
        start.saturating_add(pos.offset).min(end) as f64 / total as f64
    }

    /// How far through the text the bottom of the view is, from 0 to 1: what has been on
    /// screen, so it moves a line's worth for a line and reaches 1 only at the end.
    pub fn read(&self) -> f64 {
        let Some(last) = self.rows().last().copied() else { return 0.0 };
        if self.at_end() {
            return 1.0;
        }
        let end =
            self.layout.cached(last.block).and_then(|lines| lines.get(last.line)).map_or(usize::MAX, |line| line.end);
        self.fraction(Position { block: last.block, offset: end })
    }

    /// The body paragraphs on screen, first and last, and how many there are: "¶ 7–8/15".
    pub fn paragraphs_shown(&self) -> (usize, usize, usize) {
        let total = self.paragraphs.last().copied().unwrap_or(0);
        let rows = self.rows();
        let at = |row: Option<&Row>| {
            row.and_then(|r| self.paragraphs.get(r.block)).copied().unwrap_or(0).clamp(1.min(total), total)
        };
        (at(rows.first()), at(rows.last()), total)
    }

    /// The block of body paragraph `n` (from 1).
    pub fn paragraph_block(&self, n: usize) -> Option<usize> {
        let block = self.paragraphs.partition_point(|&p| p < n);
        (n > 0 && self.paragraphs.get(block) == Some(&n)).then_some(block)
    }

    /// Body paragraphs up to and including `block`.
    pub fn paragraph_of(&self, block: usize) -> usize {
        self.paragraphs.get(block).copied().unwrap_or(0)
    }

    /// Marks terms as `marks` says from now on; the blocks are scanned again as they show.
    pub fn set_marks(&mut self, marks: Marks) {
        self.marks_shown = marks;
        self.marks = FxHashMap::default();
        self.term_cursor = None;
    }

    /// The first row shown (from the cache; every update keeps it laid out).
    pub fn top_row(&self) -> Row {
        let lines = self.layout.cached(self.top.block).unwrap_or_default();
        Row { block: self.top.block, line: line_at(lines, self.top.offset) }
    }

    /// The rows on screen.
    pub fn rows(&self) -> Vec<Row> {
        self.layout.visible(self.top_row(), self.height)
    }

    /// True when the last screen is shown.
    pub fn at_end(&self) -> bool {
        self.top_row() >= self.last_top
    }

    /// Fits the view to a text area: sets the width, keeps the top inside the article,
    /// lays out the rows on screen and finds the terms in them.
    pub fn fit(&mut self, article: &Article, terms: &Marker, width: usize, height: usize) {
        self.height = height.max(1);
        if article.blocks.is_empty() {
            return;
        }
        self.layout.set_width(width.max(1));
        self.last_top = self.layout.last_top(article, self.height);
        if self.layout.row_of(article, self.top) > self.last_top {
            self.top = self.layout.position_of(article, self.last_top);
        }
        let top = self.layout.row_of(article, self.top);
        for row in self.layout.window(article, top, self.height) {
            if !self.marks.contains_key(&row.block) {
                let mut marks = match self.marks_shown {
                    Marks::None => Vec::new(),
                    _ => terms.find(row.block, &article.blocks[row.block].text),
                };
                if self.marks_shown == Marks::First {
                    let mut seen = std::collections::HashSet::new();
                    marks.retain(|m| seen.insert(m.term));
                }
                self.marks.insert(row.block, marks);
            }
        }
    }

    /// Scrolls by `n` rows.
    pub fn scroll(&mut self, article: &Article, n: isize) {
        if article.blocks.is_empty() {
            return;
        }
        let row = self.layout.row_of(article, self.top);
        let row = self.layout.step(article, row, n);
        self.top = self.layout.position_of(article, row);
    }

    /// Shows `pos`: unchanged if it is on screen, else a third of the way down.
    pub fn show(&mut self, article: &Article, pos: Position) {
        if article.blocks.is_empty() {
            return;
        }
        let target = self.layout.row_of(article, pos);
        let top = self.layout.row_of(article, self.top);
        let bottom = self.layout.step(article, top, self.height as isize - 1);
        if target >= top && target <= bottom {
            return;
        }
        let row = self.layout.step(article, target, -((self.height / 3) as isize));
        self.top = self.layout.position_of(article, row);
    }

    /// Moves the top to the start of the next (or previous) block that `pick` accepts.
    pub fn jump_block(&mut self, article: &Article, forward: bool, pick: impl Fn(usize) -> bool) -> bool {
        let current = self.top.block;
        let at_start = self.top.offset == 0;
        let found = if forward {
            (current + 1..article.blocks.len()).find(|&b| pick(b))
        } else {
            let end = if at_start { current } else { current + 1 };
            (0..end).rev().find(|&b| pick(b))
        };
        match found {
            Some(block) => {
                self.top = Position { block, offset: 0 };
                true
            }
            None => false,
        }
    }

    /// The term marks on screen, in order, as (block, index into the block's marks).
    pub fn marks_on_screen(&self) -> Vec<(usize, usize)> {
        let rows = self.rows();
        let mut out = Vec::new();
        for row in &rows {
            let (Some(lines), Some(marks)) = (self.layout.cached(row.block), self.marks.get(&row.block)) else {
                continue;
            };
            let Some(line) = lines.get(row.line) else { continue };
            for (i, mark) in marks.iter().enumerate() {
                if mark.range.start >= line.start && mark.range.start < line.end.max(line.start + 1) {
                    out.push((row.block, i));
                }
            }
        }
        out
    }

    /// The term drawn at screen cell (`x`, `y`), given where the text is set.
    pub fn term_at(&self, article: &Article, area: ratatui::layout::Rect, x: u16, y: u16) -> Option<usize> {
        let (at, on_text) = self.cell(article, area, x, y)?;
        let marks = self.marks.get(&at.block)?;
        marks.iter().find(|m| on_text && m.range.contains(&at.offset)).map(|m| m.term)
    }

    /// The term index under the cursor.
    pub fn cursor_term(&self) -> Option<usize> {
        let (block, i) = self.term_cursor?;
        Some(self.marks.get(&block)?.get(i)?.term)
    }

    /// Moves the term cursor through the terms on screen, wrapping round.
    pub fn move_term_cursor(&mut self, step: isize) -> bool {
        let on_screen = self.marks_on_screen();
        if on_screen.is_empty() {
            self.term_cursor = None;
            return false;
        }
        let next = match self.term_cursor.and_then(|c| on_screen.iter().position(|m| *m == c)) {
            Some(i) => (i as isize + step).rem_euclid(on_screen.len() as isize) as usize,
            None if step >= 0 => 0,
            None => on_screen.len() - 1,
        };
        self.term_cursor = Some(on_screen[next]);
        true
    }

    /// Runs the query being typed: finds every hit and shows the first at or after the
    /// place the search began.
    pub fn run_search(&mut self, article: &Article) {
        let Some(search) = self.search.as_mut() else { return };
        search.hits = Search::new(search.query.text()).map(|s| s.find_all(article)).unwrap_or_default();
        search.current = next_hit(&search.hits, search.origin.block, search.origin.offset);
        let target = search.current.map(|i| search.hits[i].clone());
        match target {
            Some(hit) => self.show(article, Position { block: hit.block, offset: hit.range.start }),
            None => {
                let origin = search.origin;
                self.top = origin;
            }
        }
    }

    /// Goes to the next (or previous) hit, wrapping round; returns "match 3/12".
    pub fn next_match(&mut self, article: &Article, forward: bool) -> Option<String> {
        let search = self.search.as_mut()?;
        if search.hits.is_empty() {
            return Some(format!("no match for “{}”", search.query.text()));
        }
        let (block, offset) = match search.current {
            Some(i) => (search.hits[i].block, search.hits[i].range.start),
            None => (self.top.block, self.top.offset),
        };
        search.current = if forward {
            next_hit(&search.hits, block, offset.saturating_add(1))
        } else {
            prev_hit(&search.hits, block, offset)
        };
        let i = search.current?;
        let hit = search.hits[i].clone();
        let total = search.hits.len();
        self.show(article, Position { block: hit.block, offset: hit.range.start });
        Some(format!("match {}/{}", i + 1, total))
    }
}
