//! The app's state, and the one layout step that fits every visible pane to the screen.
//! Everything the screen shows is derived from this; update changes it, draw reads it.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::layout::Rect;

use super::config::Marks;
use super::editor::Editor;
use super::keymap::{self, Keys};
pub use super::layout::Pane;
use super::layout::{self, Screen};
use super::pane::article::Reader;
use super::pane::article::marking::Pending;
use super::pane::discussion::Discussion;
use super::pane::glossary::GlossaryView;
use super::pane::notes::NotesView;
use super::pane::overlay::{self, Overlay};
use super::pane::quiz::QuizView;
use super::pane::quiz::view::Context;
use super::theme::Theme;
use crate::notes::Notes;
use crate::notes::book::Notebook;
use crate::pack::Pack;
use crate::pack::opening::Coming;
use crate::study::deck::{Counts, Mode};
use crate::study::schedule::{Card, Clock};
use crate::text::found::Marker;

/// What the status bar keeps for the place on its right; a message longer than the rest is
/// said in a box too.
const STATUS_KEEPS: usize = 24;

/// Widest the article's text is set by default, in columns; wider panes centre it.
pub const READING_WIDTH: u16 = 76;

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
    /// Which glossary terms are marked in the article.
    pub marks: Marks,
    /// Where the time comes from: the loop reads it once per event.
    pub clock: Clock,
    /// Makes this process's note ids its own (see [`crate::notes::Ids::salt`]).
    pub salt: u64,
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
            marks: Marks::First,
            clock: Clock::system(),
            salt: 1,
        }
    }
}

/// The whole state.
pub struct App {
    pub pack: Pack,
    pub terms: Marker,
    pub theme: Theme,
    pub reading_width: u16,
    /// The terminal's size.
    pub screen: Rect,
    pub focus: Pane,
    /// The side pane last shown, for the layouts that show one at a time.
    pub side: Pane,
    pub zoom: bool,
    /// The help, the about box or a term's entry over the panes.
    pub overlay: Option<Overlay>,
    pub reader: Reader,
    pub glossary: GlossaryView,
    pub quiz: QuizView,
    pub discussion: Discussion,
    pub notes: NotesView,
    /// The reader's highlights, notes, bookmarks and answers.
    pub book: Notebook,
    /// The note editor, while it is open: it takes every key.
    pub editor: Option<Editor>,
    /// Every card's saved state, keyed as the progress file keys it.
    pub cards: BTreeMap<String, Card>,
    /// Bumped whenever `cards` changes, so the loop knows to save them.
    pub cards_version: u64,
    /// `due · new · seen · known` for the quiz pane's header, kept current with `cards`.
    pub counts: Counts,
    /// Reviews per day over the last 30 days and the share recalled, kept current with `cards`.
    pub history: (Vec<u64>, Option<f64>),
    /// Today, for what is due (the day the app started).
    pub today: Date,
    /// The time of the event being handled: the loop reads the clock, update never does.
    pub now: Timestamp,
    pub daily_new: usize,
    pub seed: u64,
    /// A short message for the status bar, replaced by the next.
    pub message: Option<String>,
    /// A problem that lasts, such as progress that cannot be saved: shown until it is mended.
    pub warning: Option<String>,
    /// The term followed from the glossary: `n` and `N` in the article go to its places.
    pub following: Option<usize>,
    /// The furthest block of the article that has been on screen.
    pub read_block: usize,
    /// An export asked for, by its index in [`super::export::CHOICES`]: the loop writes it.
    pub export: Option<u8>,
    /// Glossary terms looked up and not yet recorded: the loop records them.
    pub looked_up: Vec<usize>,
    /// A message too long for the status bar, shown whole in a box.
    pub notice: Option<String>,
    /// The library's box, when open.
    pub library: Option<super::pane::library::LibraryView>,
    /// The library was asked for: the loop reads it and opens the box.
    pub library_wanted: bool,
    /// A pack chosen in the library: the loop opens it in place of this one.
    pub open: Option<crate::pack::source::Found>,
    pub quit: bool,
}

impl App {
    /// Opens `pack` at its start on a screen of `screen` size.
    pub fn new(pack: Pack, options: Options, screen: Rect) -> Self {
        Self::with_cards(pack, options, screen, BTreeMap::new())
    }

    /// Opens `pack` with the cards saved for it.
    pub fn with_cards(pack: Pack, options: Options, screen: Rect, cards: BTreeMap<String, Card>) -> Self {
        let terms = Marker::Index(pack.term_index());
        Self::with_index(pack, terms, options, screen, cards)
    }

    /// As [`App::with_cards`], with `pack`'s term index made already.
    pub fn with_index(
        pack: Pack,
        terms: Marker,
        options: Options,
        screen: Rect,
        cards: BTreeMap<String, Card>,
    ) -> Self {
        Self::opening(pack, terms, Coming::default(), options, screen, |_| cards)
    }

    /// As [`App::with_index`], `pack`'s article and questions still coming (`coming`, from its
    /// cache entry): the article and the glossary are made ready as soon as the article is in,
    /// and the cards saved for the pack taken once the questions are (`cards`, which drops
    /// those of questions no longer in it).
    pub fn opening(
        mut pack: Pack,
        terms: Marker,
        mut coming: Coming,
        options: Options,
        screen: Rect,
        cards: impl FnOnce(&Pack) -> BTreeMap<String, Card>,
    ) -> Self {
        let problem = coming.article(&mut pack);
        let mut reader = Reader::new(&pack);
        reader.marks_shown = options.marks;
        let glossary = GlossaryView::new(&pack);
        let book = Notebook::new(Notes::default(), &pack.article, options.salt);
        let problem = coming.questions(&mut pack).or(problem);
        let cards = cards(&pack);
        let mut app = Self {
            pack,
            terms,
            theme: options.theme,
            reading_width: options.reading_width,
            screen,
            focus: Pane::Article,
            side: Pane::Glossary,
            zoom: false,
            overlay: None,
            reader,
            glossary,
            quiz: QuizView::new(options.in_order),
            discussion: Discussion::default(),
            notes: NotesView::default(),
            book,
            editor: None,
            cards,
            cards_version: 0,
            counts: Counts::default(),
            history: (Vec::new(), None),
            today: options.clock.today(),
            now: options.clock.now(),
            daily_new: options.daily_new,
            seed: options.seed,
            message: None,
            warning: None,
            following: None,
            read_block: 0,
            export: None,
            looked_up: Vec::new(),
            notice: None,
            library: None,
            library_wanted: false,
            open: None,
            quit: false,
        };
        app.count_cards();
        if let Some(problem) = problem {
            app.say(problem);
        }
        app.fit();
        app
    }

    /// Says `text` in the status bar, and in a box as well when the status bar would cut it,
    /// so that all of it can be read (a reason, a path); `Esc` or `Enter` closes the box. A
    /// box is not opened over another box, a note being written or the library.
    pub fn say(&mut self, text: String) {
        let room = usize::from(self.screen.width).saturating_sub(STATUS_KEEPS);
        let cut = crate::text::wrap::width(&text) > room;
        if cut && self.overlay.is_none() && self.editor.is_none() && self.library.is_none() {
            self.notice = Some(text.clone());
            self.overlay = Some(super::pane::overlay::Overlay::new(super::pane::overlay::Kind::Notice));
        }
        self.message = Some(text);
    }

    /// Puts what the reader made last time in place (see [`Notebook::replace`]).
    pub fn set_notes(&mut self, notes: Notes) {
        self.book.replace(notes, &self.pack.article);
        self.fit();
    }

    /// Moves the reader to a saved place; false when the article no longer has it.
    pub fn resume(&mut self, pos: crate::text::layout::Position) -> bool {
        let Some(block) = self.pack.article.blocks.get(pos.block) else { return false };
        if pos.offset > block.text.len() || !block.text.is_char_boundary(pos.offset) {
            return false;
        }
        self.reader.top = pos;
        self.fit();
        true
    }

    /// How the screen is divided now.
    pub fn divide(&self) -> Screen {
        layout::divide(self.screen, self.focus, self.side, self.zoom)
    }

    /// Columns the article's margin takes for paragraph numbers.
    fn gutter(&self) -> u16 {
        if self.reader.numbers { super::pane::article::view::GUTTER } else { 0 }
    }

    /// The column the article's text is set in, if the article is visible.
    pub fn text_area(&self) -> Option<Rect> {
        let area = self.divide().area(Pane::Article)?;
        Some(layout::text_column(area, self.reading_width, self.gutter()))
    }

    /// True while a field takes the keys.
    pub fn typing(&self) -> bool {
        self.keys().typing
    }

    /// The keys that work now, in the order they are looked up.
    pub fn keys(&self) -> Keys {
        if self.editor.is_some() {
            Keys::editor()
        } else if let Some(library) = &self.library {
            if library.filtering { Keys::field() } else { Keys::only(&keymap::LIBRARY) }
        } else if self.overlay.is_some_and(|o| o.kind == super::pane::overlay::Kind::Export) {
            Keys::only(&keymap::EXPORT)
        } else if self.overlay.is_some() {
            Keys::only(&keymap::OVERLAY)
        } else {
            self.pane_keys()
        }
    }

    /// The keys of the focused pane, as they are when no box is open (the help lists them first).
    pub fn pane_keys(&self) -> Keys {
        match self.focus {
            Pane::Article if self.reader.goto.is_some() || self.reader.search.as_ref().is_some_and(|s| s.editing) => {
                Keys::field()
            }
            Pane::Article => match self.reader.pending {
                Some(Pending::Kind) => Keys::only(&keymap::KIND),
                Some(Pending::SetMark) => Keys::only(&keymap::MARK),
                Some(Pending::GoMark) => Keys::only(&keymap::JUMP),
                None if self.reader.anchor.is_some() => Keys::panes(&keymap::SELECTING, &keymap::ARTICLE),
                None => Keys::pane(&keymap::ARTICLE),
            },
            Pane::Glossary if self.glossary.filtering => Keys::field(),
            Pane::Glossary => Keys::pane(&keymap::GLOSSARY),
            Pane::Quiz => self.quiz.keys(),
            Pane::Discussion => Keys::pane(&keymap::DISCUSSION),
            Pane::Notes if self.notes.filtering => Keys::field(),
            Pane::Notes => Keys::pane(&keymap::NOTES),
        }
    }

    /// Recounts what is due, new, seen and known, and the last 30 days, after the cards
    /// change: drawing reads these rather than walking every card each frame.
    pub fn count_cards(&mut self) {
        self.counts = crate::study::deck::counts(&self.pack, &self.cards, self.today, self.daily_new);
        self.history = crate::study::deck::history(&self.cards, self.today, 30);
    }

    /// What the quiz pane's drawing reads.
    pub fn quiz_context(&self) -> Context<'_> {
        Context {
            pack: &self.pack,
            theme: &self.theme,
            counts: self.counts,
            history: &self.history,
            today: self.today,
            cards: &self.cards,
        }
    }

    /// The one layout step, shared by update and draw: lays out the article's rows on
    /// screen, and fits every visible sheet to its area so that keys scroll within it.
    /// Every update ends here, so drawing finds what it shows already laid out.
    pub fn fit(&mut self) {
        let screen = self.divide();
        let text = self.text_area().unwrap_or_else(|| {
            let full = Rect { height: self.screen.height.saturating_sub(2), ..self.screen };
            layout::text_column(full, self.reading_width, self.gutter())
        });
        self.reader.fit(&self.pack.article, &self.terms, usize::from(text.width), usize::from(text.height));
        if let Some(last) = self.reader.rows().last() {
            self.read_block = self.read_block.max(last.block);
        }
        if self.glossary.follow
            && screen.area(Pane::Glossary).is_some()
            && let Some(&(block, i)) = self.reader.marks_on_screen().first()
            && let Some(term) = self.reader.marks.get(&block).and_then(|m| m.get(i)).map(|m| m.term)
            && self.glossary.term() != Some(term)
        {
            self.glossary.select(&self.pack, term);
        }
        self.glossary.settle(&self.pack);
        if let Some(area) = screen.area(Pane::Glossary) {
            let inner = layout::content(area);
            let entry = super::pane::glossary::view::areas(&self.glossary, inner).entry;
            let sheet = self.glossary.term().map(|t| {
                super::pane::glossary::view::entry(&self.pack, &self.glossary, &self.theme, t, entry.width.into(), true)
            });
            let len = sheet.as_ref().map_or(0, |s| s.len());
            self.glossary.entry.fit(len, entry.height.into());
            if std::mem::take(&mut self.glossary.reveal_link)
                && let (Some(sheet), Some(link)) = (sheet, self.glossary.link)
            {
                let first_place =
                    self.glossary.links.iter().position(|l| matches!(l, super::pane::glossary::Link::Appears(..)));
                let row_tag = if first_place.is_some_and(|p| link >= p) { first_place } else { Some(0) };
                if let Some(rows) = sheet.span_of(|t| Some(*t) == row_tag) {
                    self.glossary.entry.reveal(rows);
                }
            }
        }
        if let Some(area) = screen.area(Pane::Discussion) {
            let [_, _, detail] = Discussion::areas(&self.pack, layout::content(area));
            let len = self.discussion.detail(&self.pack, &self.book, &self.theme, detail.width.into()).len();
            self.discussion.detail.fit(len, detail.height.into());
        }
        // A note deleted or undone may leave the selection past the end of the list.
        self.notes.selected = self.notes.selected.min(self.notes.shown(&self.book).len().saturating_sub(1));
        if let Some(area) = screen.area(Pane::Notes) {
            let [_, _, _, detail] = self.notes.areas(&self.book, layout::content(area));
            let len = self.notes.detail(&self.book, &self.reader, &self.theme, detail.width.into()).len();
            self.notes.detail.fit(len, detail.height.into());
        }
        if let Some(area) = screen.area(Pane::Quiz) {
            let inner = layout::content(area);
            let sheet = super::pane::quiz::view::sheet(&self.quiz, &self.quiz_context(), inner.width.into());
            let len = sheet.as_ref().map_or(0, |s| s.len());
            self.quiz.scroll.fit(len, inner.height.into());
            if std::mem::take(&mut self.quiz.reveal_cursor)
                && let Some(sheet) = sheet
            {
                let cursor = match &self.quiz.stage {
                    super::pane::quiz::Stage::Asking(answer) => {
                        answer.cursor().map(super::pane::quiz::view::Tag::Option)
                    }
                    super::pane::quiz::Stage::Done { selected, .. } => {
                        Some(super::pane::quiz::view::Tag::Missed(*selected))
                    }
                    _ => None,
                };
                if let Some(rows) = cursor.and_then(|c| sheet.span_of(|t| *t == c)) {
                    self.quiz.scroll.reveal(rows);
                }
            }
        }
        if let Some(mut open) = self.overlay {
            let width = overlay::text_width(open.kind, self.screen);
            let sheet = overlay::sheet(
                open.kind,
                &self.pack,
                &self.glossary,
                &self.theme,
                self.pane_keys(),
                width.into(),
                self.notice.as_deref(),
            );
            let area = overlay::area(open.kind, self.screen, sheet.len());
            open.scroll.fit(sheet.len(), overlay::inner(area).height.into());
            self.overlay = Some(open);
        }
    }
}
