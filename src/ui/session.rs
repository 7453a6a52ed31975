//! The reading position kept between runs: restored when a pack opens, saved on quit,
//! on a signal and every few seconds while reading.

use std::time::{Duration, Instant};

use super::app::App;
use crate::store::{Progress, Reading, Store, StoreError};
use crate::text::layout::Position;

/// How often the position is saved while reading.
pub const SAVE_EVERY: Duration = Duration::from_secs(5);

/// One pack's saved progress and when it was last written.
pub struct Session {
    store: Store,
    pack_id: String,
    progress: Progress,
    /// `false` when the saved file could not be read or set aside: saving would overwrite it.
    writable: bool,
    /// Why it is not writable.
    problem: String,
    last_saved: Option<(Instant, Position)>,
    /// The position to save next.
    current: Option<Position>,
    /// The version of the app's cards last copied into the progress.
    cards_version: u64,
    /// Cards changed since the last save: saved at once, not on the timer.
    cards_dirty: bool,
    /// Where the sitting under way was when last noted (see `QuizView::keep_mark`).
    noted_sitting: Option<(usize, usize, bool, Vec<usize>)>,
}

impl Session {
    /// Loads `pack_id`'s progress. Returns the session and a message for the user, if any.
    pub fn open(store: Store, pack_id: &str) -> (Self, Option<String>) {
        let (progress, writable, message, problem) = match store.load(pack_id) {
            Ok(outcome) => (outcome.progress, true, outcome.warning, String::new()),
            Err(error) => (Progress::default(), false, None, error.to_string()),
        };
        let session = Self {
            store,
            pack_id: pack_id.to_string(),
            progress,
            writable,
            problem,
            last_saved: None,
            current: None,
            cards_version: 0,
            cards_dirty: false,
            noted_sitting: None,
        };
        (session, message)
    }

    /// Puts the reader where it was last time, if that place still exists, and gives the
    /// app the sitting left unfinished and any lasting problem.
    pub fn restore(&mut self, app: &mut App) {
        app.quiz.saved = self.progress.sitting.clone();
        app.warning = self.unsaved();
        if let Some(Reading { block, offset }) = self.progress.reading {
            let pos = Position { block, offset };
            if app.resume(pos) {
                self.note(app);
                self.last_saved = self.current.map(|pos| (Instant::now(), pos));
            }
        }
    }

    /// Why nothing can be saved, when that is so: the app shows it until the end and
    /// prints it on quitting.
    pub fn unsaved(&self) -> Option<String> {
        (!self.writable)
            .then(|| format!("your progress cannot be saved ({}); nothing you do now is kept", self.problem))
    }

    /// The sitting left unfinished last time, if any.
    pub fn sitting(&self) -> Option<crate::study::session::SavedSitting> {
        self.progress.sitting.clone()
    }

    /// The saved cards of the pack's current questions and terms (others are dropped).
    pub fn cards(
        &mut self,
        pack: &crate::pack::Pack,
    ) -> std::collections::BTreeMap<String, crate::study::schedule::Card> {
        crate::study::deck::prune(pack, &mut self.progress.cards);
        self.progress.cards.clone()
    }

    /// Notes where the reader is now and any answers given; the next save writes them.
    pub fn note(&mut self, app: &App) {
        if app.cards_version != self.cards_version {
            self.cards_version = app.cards_version;
            self.progress.cards = app.cards.clone();
            self.cards_dirty = true;
        }
        // A sitting under way is kept as it goes, so a hang-up or a crash loses none of it;
        // with none under way, the one left unfinished (if any) is kept.
        let mark = app.quiz.keep_mark();
        if mark != self.noted_sitting || mark.is_none() {
            let kept = app.quiz.keep(&app.pack).or_else(|| app.quiz.saved.clone());
            if kept != self.progress.sitting {
                self.progress.sitting = kept;
                self.cards_dirty = true;
            }
            self.noted_sitting = mark;
        }
        let top = app.reader.top;
        let text_len = app.pack.article.blocks.get(top.block).map_or(0, |b| b.text.len());
        self.current = Some(Position { block: top.block, offset: top.offset.min(text_len) });
    }

    /// Saves the noted position if it moved since the last save.
    pub fn save(&mut self) -> Result<(), StoreError> {
        let Some(pos) = self.current else { return Ok(()) };
        if !self.writable || (!self.cards_dirty && self.last_saved.is_some_and(|(_, saved)| saved == pos)) {
            return Ok(());
        }
        self.progress.reading = Some(Reading { block: pos.block, offset: pos.offset });
        self.store.save(&self.pack_id, &self.progress)?;
        self.last_saved = Some((Instant::now(), pos));
        self.cards_dirty = false;
        Ok(())
    }

    /// Saves answers at once, and the position when the last save is older than [`SAVE_EVERY`].
    pub fn save_if_due(&mut self) -> Result<(), StoreError> {
        match self.last_saved {
            Some((at, _)) if at.elapsed() < SAVE_EVERY && !self.cards_dirty => Ok(()),
            _ => self.save(),
        }
    }
}
