//! The app's state: the pack and where the reader is in it.

use ratatui::layout::Rect;

use crate::pack::Pack;
use crate::text::layout::{Layout, Position, Row, line_at};

use super::theme::Theme;

/// Widest the article's text is set, in columns; wider panes centre it.
pub const READING_WIDTH: u16 = 76;

/// Everything the screen shows is derived from this.
pub struct App {
    pub pack: Pack,
    pub theme: Theme,
    /// The terminal's size.
    pub screen: Rect,
    pub reader: Reader,
    pub quit: bool,
}

/// The article view: where it is scrolled to and its layout cache.
pub struct Reader {
    /// The first shown line, as a block and byte offset so it survives a resize.
    pub top: Position,
    pub layout: Layout,
    /// The top row of the last screen, kept current by every update.
    pub last_top: Row,
    /// Byte count of the text before each block, for the "% read" figure.
    starts: Vec<usize>,
}

impl Reader {
    fn new(pack: &Pack) -> Self {
        let mut starts = Vec::with_capacity(pack.article.blocks.len() + 1);
        let mut total = 0;
        for block in &pack.article.blocks {
            starts.push(total);
            total += block.text.len() + 1;
        }
        starts.push(total);
        Self {
            top: Position::default(),
            layout: Layout::new(pack.article.blocks.len()),
            last_top: Row::default(),
            starts,
        }
    }

    /// How far through the text `pos` is, from 0 to 1.
    pub fn fraction(&self, pos: Position) -> f64 {
        let total = self.starts.last().copied().unwrap_or(0).max(1);
        let start = self.starts.get(pos.block).copied().unwrap_or(total);
        let end = self.starts.get(pos.block + 1).copied().unwrap_or(total);
        (start + pos.offset).min(end) as f64 / total as f64
    }
}

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The article pane with its border.
    pub pane: Rect,
    /// The column the article's text is set in.
    pub text: Rect,
    pub status: Rect,
    pub keys: Rect,
}

/// Below this the app shows only a notice.
pub const MIN_SIZE: (u16, u16) = (20, 6);

/// Splits the screen. The same function serves update (to know the text's size) and draw.
pub fn areas(screen: Rect) -> Areas {
    let pane = Rect { height: screen.height.saturating_sub(2), ..screen };
    let status = Rect { y: screen.y + pane.height, height: 1.min(screen.height), ..screen };
    let keys = Rect { y: status.y + 1, height: screen.height.saturating_sub(pane.height + 1).min(1), ..screen };
    let inner = Rect {
        x: pane.x + 1,
        y: pane.y + 1,
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(2),
    };
    // One column of breathing room each side, then centre the reading width.
    let room = inner.width.saturating_sub(2);
    let width = room.min(READING_WIDTH);
    let text = Rect { x: inner.x + 1 + (room - width) / 2, width, ..inner };
    Areas { pane, text, status, keys }
}

impl App {
    /// Opens `pack` at its start on a screen of `screen` size.
    pub fn new(pack: Pack, theme: Theme, screen: Rect) -> Self {
        let reader = Reader::new(&pack);
        let mut app = Self { pack, theme, screen, reader, quit: false };
        super::update::relayout(&mut app);
        app
    }

    /// The first row shown.
    pub fn top_row(&self) -> Row {
        let lines = self.reader.layout.cached(self.reader.top.block).unwrap_or_default();
        Row { block: self.reader.top.block, line: line_at(lines, self.reader.top.offset) }
    }
}
