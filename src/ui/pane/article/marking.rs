//! The reading cursor, the selection, and what the reader makes with them: highlights,
//! notes and bookmarks. The cursor is a sentence; a selection runs from the sentence where
//! it began to the cursor, extended by sentences or lines, or dragged with the mouse.

use jiff::Timestamp;

use super::Reader;
use crate::notes::book::{Notebook, Target};
use crate::notes::{Kind, Quote, Span};
use crate::text::article::Article;
use crate::text::layout::{Position, Row};
use crate::text::sentence::sentences;
use crate::ui::action::{Action, Effect, Writing};
use crate::ui::keymap::{self, key_for};

/// A key that waits for the next: the kind of a highlight, or a bookmark's letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Kind,
    SetMark,
    GoMark,
}

/// How much text a bookmark quotes from the top of the screen, in bytes at most.
const BOOKMARK_QUOTE: usize = 48;

impl Reader {
    /// The passage selected: from where the selection began to the cursor, either way.
    pub fn selection(&self) -> Option<Span> {
        let (from, cursor) = (self.anchor?, self.cursor?);
        Some(Span { start: from.start.min(cursor.start), end: from.end.max(cursor.end) })
    }

    /// The first sentence that starts on screen (or the one the screen starts in).
    pub fn first_sentence_on_screen(&self, article: &Article) -> Option<Span> {
        let top = self.top;
        let rows = self.rows();
        let last = rows.last().map_or(top.block, |r| r.block);
        for block in top.block..=last.min(article.blocks.len().saturating_sub(1)) {
            let all = sentences(&article.blocks[block].text);
            let from = if block == top.block && top.offset != Position::AFTER { top.offset } else { 0 };
            // The first that starts on screen, else the one the screen starts inside.
            let found = all.iter().find(|r| r.start >= from).or_else(|| all.iter().find(|r| r.end > from)).cloned();
            if let Some(r) = found {
                return Some(span_in(block, r));
            }
        }
        None
    }

    /// True when some of `span` is on screen.
    fn on_screen(&self, span: Span) -> bool {
        let rows = self.rows();
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return false };
        let start = self.layout.cached(first.block).and_then(|l| l.get(first.line)).map_or(0, |r| r.start);
        let first = Position { block: first.block, offset: start };
        let end = self.layout.cached(last.block).and_then(|l| l.get(last.line)).map_or(usize::MAX, |r| r.end);
        let last = Position { block: last.block, offset: end };
        span.start < last && span.end > first
    }

    /// Puts the cursor on the first sentence on screen when it is not shown yet or has
    /// gone off screen (a selection keeps it where it is). True when it was put there.
    fn home_cursor(&mut self, article: &Article) -> bool {
        let kept = self.cursor.is_some_and(|c| self.anchor.is_some() || self.on_screen(c));
        if !kept {
            self.cursor = self.first_sentence_on_screen(article);
        }
        !kept
    }

    /// Moves the cursor by `n` sentences; off screen (or not yet shown), it starts on the
    /// first sentence on screen.
    pub fn move_sentence(&mut self, article: &Article, n: isize) -> bool {
        if self.home_cursor(article) {
            return self.cursor.is_some();
        }
        let Some(cursor) = self.cursor else { return false };
        let mut at = cursor;
        for _ in 0..n.unsigned_abs() {
            match step_sentence(article, at, n > 0) {
                Some(next) => at = next,
                None => break,
            }
        }
        if at == cursor {
            return false;
        }
        self.cursor = Some(at);
        self.reveal_span(article, at);
        true
    }

    /// Moves the cursor to the line below (or above) the one it ends on: a selection
    /// grows by lines.
    pub fn move_line(&mut self, article: &Article, n: isize) -> bool {
        let Some(cursor) = self.cursor else { return false };
        let edge = if n > 0 { last_byte(cursor) } else { cursor.start };
        let mut row = self.layout.row_of(article, edge);
        for _ in 0..n.unsigned_abs() {
            // Step over the blank rows between blocks.
            for _ in 0..3 {
                let next = self.layout.step(article, row, n.signum());
                if next == row {
                    break;
                }
                row = next;
                if self.line_span(row).is_some() {
                    break;
                }
            }
        }
        let Some(line) = self.line_span(row) else { return false };
        if line == cursor {
            return false;
        }
        self.cursor = Some(line);
        self.reveal_span(article, line);
        true
    }

    fn line_span(&self, row: Row) -> Option<Span> {
        let range = self.layout.cached(row.block)?.get(row.line)?.clone();
        (!range.is_empty()).then(|| span_in(row.block, range))
    }

    /// Scrolls as little as it takes to show `span` (its start, when it is taller than the screen).
    pub fn reveal_span(&mut self, article: &Article, span: Span) {
        let start = self.layout.row_of(article, span.start);
        let end = self.layout.row_of(article, last_byte(span));
        let top = self.layout.row_of(article, self.top);
        let bottom = self.layout.step(article, top, self.height as isize - 1);
        let row = if start < top {
            start
        } else if end > bottom {
            let up = self.layout.step(article, end, -(self.height as isize - 1));
            up.min(start)
        } else {
            return;
        };
        self.top = self.layout.position_of(article, row);
    }

    /// Remembers where the reader is before a jump, for `''`.
    pub fn jump(&mut self, to: Position) {
        self.before_jump = Some(self.top);
        self.top = to;
    }

    /// The place under screen cell (`x`, `y`), given where the text is set: the end of
    /// the line when the cell is past it.
    pub fn position_at(&self, article: &Article, area: ratatui::layout::Rect, x: u16, y: u16) -> Option<Position> {
        self.cell(article, area, x, y).map(|(pos, _)| pos)
    }

    /// The place under a screen cell, and whether the cell is on the text (not on the
    /// line's lead or past its end).
    pub(super) fn cell(
        &self,
        article: &Article,
        area: ratatui::layout::Rect,
        x: u16,
        y: u16,
    ) -> Option<(Position, bool)> {
        if !area.contains((x, y).into()) {
            return None;
        }
        let row = *self.rows().get(usize::from(y - area.y))?;
        let block = article.blocks.get(row.block)?;
        let line = self.layout.cached(row.block)?.get(row.line)?.clone();
        let (first, rest) = crate::text::layout::prefix(&block.kind);
        let lead = crate::text::wrap::width(if row.line == 0 { &first } else { &rest });
        let column = usize::from(x - area.x);
        let mut used = lead;
        for (i, g) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(&block.text[line.clone()], true) {
            used += crate::text::wrap::width(g);
            if used > column {
                return Some((Position { block: row.block, offset: line.start + i }, column >= lead));
            }
        }
        Some((Position { block: row.block, offset: line.end }, false))
    }
}

/// What the marking keys do in the article. False when `action` is not theirs.
pub fn update(
    reader: &mut Reader,
    article: &Article,
    book: &mut Notebook,
    action: Action,
    now: Timestamp,
    out: &mut Vec<Effect>,
) -> bool {
    let say = |out: &mut Vec<Effect>, text: String| out.push(Effect::Message(text));
    if let Some(pending) = reader.pending.take() {
        match (pending, action) {
            (Pending::Kind, Action::Choose(n)) if (1..=4).contains(&n) => {
                let kind = Kind::ALL[n - 1];
                if let Some(span) = reader.selection().or(reader.cursor) {
                    book.highlight(article, span, kind, now);
                    reader.anchor = None;
                    let undo = key_for(&keymap::ARTICLE, Action::Undo);
                    say(out, format!("highlighted as {} · {undo} undoes", kind.name()));
                }
            }
            (Pending::SetMark, Action::Letter(c)) => {
                let quote = bookmark_quote(article, reader.top);
                book.bookmark(c, quote, now);
                let jump = key_for(&keymap::ARTICLE, Action::GoMark);
                say(out, format!("bookmark {c} set · {jump}{c} comes back here"));
            }
            (Pending::GoMark, Action::Letter('\'')) => match reader.before_jump {
                Some(pos) => reader.jump(pos),
                None => say(out, "no jump to go back from yet".into()),
            },
            (Pending::GoMark, Action::Letter(c)) => match book.find_bookmark(c, article) {
                Some(Some(span)) => {
                    reader.jump(span.start);
                    let back = key_for(&keymap::JUMP, Action::Letter('\''));
                    let jump = key_for(&keymap::ARTICLE, Action::GoMark);
                    say(out, format!("bookmark {c} · {jump}{back} goes back"));
                }
                Some(None) => say(out, format!("bookmark {c}: its place is not found in this version")),
                None => {
                    let set = key_for(&keymap::ARTICLE, Action::SetMark);
                    say(out, format!("no bookmark {c}: {set}{c} sets it"));
                }
            },
            _ => {}
        }
        return true;
    }
    match action {
        Action::Sentence(n) => {
            if !reader.move_sentence(article, n) && reader.cursor.is_none() {
                say(out, "no sentence on screen".into());
            }
        }
        Action::Extend(n) if reader.anchor.is_some() => {
            reader.move_line(article, n);
        }
        Action::Select => {
            reader.home_cursor(article);
            reader.anchor = reader.cursor;
            if reader.anchor.is_some() {
                let key = |action| key_for(&keymap::SELECTING, action);
                let (back, on) = (key(Action::Sentence(-1)), key(Action::Sentence(1)));
                let (down, up) = (key(Action::Extend(1)), key(Action::Extend(-1)));
                let (highlight, note) = (key(Action::Highlight), key(Action::Annotate));
                say(
                    out,
                    format!(
                        "selecting: {back} {on} {down} {up} extend · {highlight} highlights · {note} writes a note"
                    ),
                );
            }
        }
        Action::Highlight => {
            reader.home_cursor(article);
            if reader.cursor.is_some() {
                reader.pending = Some(Pending::Kind);
                let kinds: Vec<String> = keymap::KIND
                    .bindings
                    .iter()
                    .filter(|b| matches!(b.act, keymap::Act::Do(Action::Choose(_))))
                    .map(|b| format!("{} {}", b.keys[0].name(), b.bar))
                    .collect();
                say(out, format!("highlight as: {}", kinds.join(" · ")));
            } else {
                say(out, "no sentence on screen to highlight".into());
            }
        }
        Action::Unhighlight => {
            let undo = key_for(&keymap::ARTICLE, Action::Undo);
            match reader.cursor.and_then(|c| book.at(c)) {
                Some(id) if book.unhighlight(id, now) => say(out, format!("highlight taken off · {undo} undoes")),
                _ => {
                    let (back, on) = (
                        key_for(&keymap::ARTICLE, Action::Sentence(-1)),
                        key_for(&keymap::ARTICLE, Action::Sentence(1)),
                    );
                    say(out, format!("no highlight under the cursor: {back} and {on} move it"));
                }
            }
        }
        Action::Annotate => {
            let target = match reader.selection() {
                Some(span) => Target::Span(span),
                None => {
                    reader.home_cursor(article);
                    match reader.cursor {
                        Some(c) => book.at(c).map_or(Target::Span(c), Target::Annotation),
                        None => {
                            say(out, "no sentence on screen to write on".into());
                            return true;
                        }
                    }
                }
            };
            reader.anchor = None;
            out.push(Effect::Write(Writing::Note(target)));
        }
        Action::SetMark => {
            reader.pending = Some(Pending::SetMark);
            let letters = keymap::Key::Letters.name();
            say(out, format!("bookmark: type its letter ({letters})"));
        }
        Action::GoMark => {
            reader.pending = Some(Pending::GoMark);
            let back = key_for(&keymap::JUMP, Action::Letter('\''));
            say(out, format!("jump to bookmark: its letter, or {back} for back"));
        }
        _ => return false,
    }
    true
}

/// The mouse dragged to `pos` from where it was pressed: the selection runs between them.
pub fn drag(reader: &mut Reader, article: &Article, pos: Position) {
    let Some(from) = reader.press else { return };
    let end = next_char(article, pos);
    let (a, b) = if pos < from { (pos, next_char(article, from)) } else { (from, end) };
    // The selection runs from an empty anchor at its start to a cursor over all of it.
    reader.anchor = (a != b).then_some(Span { start: a, end: a });
    reader.cursor = Some(Span { start: a, end: b });
}

/// The place just after the character at `pos`.
fn next_char(article: &Article, pos: Position) -> Position {
    let Some(text) = article.blocks.get(pos.block).map(|b| b.text.as_str()) else { return pos };
    let offset = pos.offset.min(text.len());
    let next = text[offset..].chars().next().map_or(offset, |c| offset + c.len_utf8());
    Position { block: pos.block, offset: next }
}

fn span_in(block: usize, range: std::ops::Range<usize>) -> Span {
    Span { start: Position { block, offset: range.start }, end: Position { block, offset: range.end } }
}

/// The last place inside `span` (its start when it is empty).
fn last_byte(span: Span) -> Position {
    let back = Position { block: span.end.block, offset: span.end.offset.saturating_sub(1) };
    if span.end.offset > 0 && back >= span.start { back } else { span.start }
}

/// The sentence after (or before) `at`, across blocks.
fn step_sentence(article: &Article, at: Span, forward: bool) -> Option<Span> {
    let block = at.start.block;
    let here = sentences(&article.blocks.get(block)?.text);
    if forward {
        if let Some(r) = here.iter().find(|r| r.start > at.start.offset) {
            return Some(span_in(block, r.clone()));
        }
        (block + 1..article.blocks.len())
            .find_map(|b| sentences(&article.blocks[b].text).into_iter().next().map(|r| span_in(b, r)))
    } else {
        if let Some(r) = here.iter().rev().find(|r| r.start < at.start.offset) {
            return Some(span_in(block, r.clone()));
        }
        (0..block).rev().find_map(|b| sentences(&article.blocks[b].text).into_iter().last().map(|r| span_in(b, r)))
    }
}

/// A bookmark's quote: the text from `top`, up to a sentence's worth.
fn bookmark_quote(article: &Article, top: Position) -> Quote {
    // On the blank row after a block, the bookmark is on the start of the block that follows.
    let (block, start) = if top.offset == Position::AFTER { (top.block + 1, 0) } else { (top.block, top.offset) };
    let block = block.min(article.blocks.len().saturating_sub(1));
    let text = article.blocks.get(block).map_or("", |b| b.text.as_str());
    let start = start.min(text.len());
    let mut end = (start + BOOKMARK_QUOTE).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Quote::of(article, Span { start: Position { block, offset: start }, end: Position { block, offset: end } })
}
