//! The app's state. Everything the screen shows is derived from this.

use ratatui::layout::Rect;

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::glossary::GlossaryView;
use super::panes::{self, Screen};
use super::quiz::QuizView;
use super::reader::Reader;
use super::theme::Theme;
use crate::pack::Pack;
use crate::study::deck::{Counts, Mode};
use crate::study::schedule::Card;
use crate::text::terms::TermIndex;

/// Widest the article's text is set by default, in columns; wider panes centre it.
pub const READING_WIDTH: u16 = 76;

/// The panes, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Article,
    Glossary,
    Quiz,
    Discussion,
}

impl Pane {
    /// Every pane, in the order Tab visits them.
    pub const ALL: [Pane; 4] = [Pane::Article, Pane::Glossary, Pane::Quiz, Pane::Discussion];

    /// The pane's name as shown in tabs and titles.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Article => "Article",
            Pane::Glossary => "Glossary",
            Pane::Quiz => "Quiz",
            Pane::Discussion => "Discussion",
        }
    }
}

/// A list's selection and scroll.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListView {
    pub selected: usize,
}

/// Options from the command line and the config file.
#[derive(Debug, Clone)]
pub struct Options {
    pub theme: Theme,
    pub reading_width: u16,
    /// New cards a review may bring in per day.
    pub daily_new: usize,
    /// Seed for shuffling questions and choices.
    pub seed: u64,
    /// Keep the pack's order of questions and choices.
    pub in_order: bool,
    /// A sitting to start at once, focused.
    pub start: Option<Mode>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            theme: Theme::dark(),
            reading_width: READING_WIDTH,
            daily_new: 20,
            seed: 0,
            in_order: false,
            start: None,
        }
    }
}

/// The whole state.
pub struct App {
    pub pack: Pack,
    pub terms: TermIndex,
    pub theme: Theme,
    pub reading_width: u16,
    /// The terminal's size.
    pub screen: Rect,
    pub focus: Pane,
    /// The side pane last shown, for the layouts that show one at a time.
    pub side: Pane,
    pub zoom: bool,
    pub help: bool,
    /// How far the help overlay is scrolled, in lines.
    pub help_scroll: u16,
    pub reader: Reader,
    pub glossary: GlossaryView,
    pub quiz: QuizView,
    /// Every card's saved state, keyed as the progress file keys it.
    pub cards: BTreeMap<String, Card>,
    /// Bumped whenever `cards` changes, so the loop knows to save them.
    pub cards_version: u64,
    /// `due · new · learned` for the quiz pane's header, kept current with `cards`.
    pub counts: Counts,
    /// Reviews per day over the last 30 days and the share recalled, kept current with `cards`.
    pub history: (Vec<u64>, Option<f64>),
    /// Today, for what is due (fixed at start; `LECTERN_NOW` sets it in tests).
    pub today: Date,
    pub daily_new: usize,
    pub seed: u64,
    pub discussion: ListView,
    /// A short message for the status bar, replaced by the next.
    pub message: Option<String>,
    /// A term's definition shown over the article (in the one-pane layout).
    pub popup: Option<usize>,
    pub quit: bool,
}

impl App {
    /// Opens `pack` at its start on a screen of `screen` size.
    pub fn new(pack: Pack, options: Options, screen: Rect) -> Self {
        Self::with_cards(pack, options, screen, BTreeMap::new())
    }

    /// Opens `pack` with the cards saved for it.
    pub fn with_cards(pack: Pack, options: Options, screen: Rect, cards: BTreeMap<String, Card>) -> Self {
        let terms = TermIndex::new(
            pack.terms.iter().map(|t| std::iter::once(t.term.as_str()).chain(t.aliases.iter().map(String::as_str))),
        );
        let reader = Reader::new(&pack);
        let glossary = GlossaryView::new(&pack);
        let mut app = Self {
            pack,
            terms,
            theme: options.theme,
            reading_width: options.reading_width,
            screen,
            focus: Pane::Article,
            side: Pane::Glossary,
            zoom: false,
            help: false,
            help_scroll: 0,
            reader,
            glossary,
            quiz: QuizView::new(options.in_order),
            cards,
            cards_version: 0,
            counts: Counts::default(),
            history: (Vec::new(), None),
            today: crate::study::schedule::today(),
            daily_new: options.daily_new,
            seed: options.seed,
            discussion: ListView::default(),
            message: None,
            popup: None,
            quit: false,
        };
        app.count_cards();
        super::update::relayout(&mut app);
        if let Some(mode) = options.start {
            super::update::start_sitting(&mut app, mode);
        }
        app
    }

    /// Moves the reader to a saved place; false when the article no longer has it.
    pub fn resume(&mut self, pos: crate::text::layout::Position) -> bool {
        let Some(block) = self.pack.article.blocks.get(pos.block) else { return false };
        if pos.offset > block.text.len() || !block.text.is_char_boundary(pos.offset) {
            return false;
        }
        self.reader.top = pos;
        super::update::relayout(self);
        true
    }

    /// How the screen is divided now.
    pub fn divide(&self) -> Screen {
        panes::divide(self.screen, self.focus, self.side, self.zoom)
    }

    /// The column the article's text is set in, if the article is visible.
    pub fn text_area(&self) -> Option<Rect> {
        self.divide().area(Pane::Article).map(|area| panes::text_column(area, self.reading_width))
    }

    /// True while a search or filter input takes the keys.
    pub fn typing(&self) -> bool {
        match self.focus {
            Pane::Article => self.reader.search.as_ref().is_some_and(|s| s.editing),
            Pane::Glossary => self.glossary.filtering,
            Pane::Quiz => self.quiz.typing(),
            Pane::Discussion => false,
        }
    }

    /// Recounts what is due, new and learned, and the last 30 days, after the cards change:
    /// drawing reads these rather than walking every card each frame.
    pub fn count_cards(&mut self) {
        self.counts = crate::study::deck::counts(&self.pack, &self.cards, self.today, self.daily_new);
        self.history = crate::study::deck::history(&self.cards, self.today, 30);
    }

    /// What the keymap needs to know.
    pub fn context(&self) -> super::keymap::Context {
        super::keymap::Context {
            typing: self.typing(),
            help: self.help,
            answering: self.focus == Pane::Quiz && self.quiz.asking(),
        }
    }
}
