//! A pack's saved progress and notes while the app runs, kept in the database: loaded when
//! the pack opens; answers, the sitting under way and sittings that reach their summary
//! written the moment they change; the reading position every few seconds of reading and
//! on quit or a signal; a note, bookmark or answer to a prompt as the app makes it. When
//! the database cannot be opened or a write fails, the app goes on and says so until the
//! end (see [`Session::unsaved`]).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use super::app::App;
use super::pane::quiz::Stage;
use crate::notes::{Change, Notes};
use crate::store::{Db, Finished, Identity, Opened, Reading, Saved, StoreError, Written};
use crate::study::deck::Mode;
use crate::study::schedule::Card;
use crate::study::session::SavedSitting;
use crate::text::layout::Position;

/// How often the position is saved while reading, and how long after a failed write the
/// next is tried.
pub const SAVE_EVERY: Duration = Duration::from_secs(5);

/// Where the sitting under way was when last noted (see `QuizView::keep_mark`).
type Mark = Option<(usize, usize, bool, Vec<usize>)>;

/// One pack's saved progress and notes, and what is still to be written.
pub struct Session {
    /// `None` when the database could not be opened or read: nothing is saved then.
    db: Option<Db>,
    /// The key of the pack's rows in the database (see [`Identity`]).
    key: String,
    /// The pack as its progress knows it.
    who: Identity,
    /// Its place is recorded in the database: false when that failed at opening, to be
    /// tried again with the first save.
    placed: bool,
    /// Why what the reader does is not being saved: no database, or the last write failed.
    problem: Option<String>,
    /// When the last write failed: the next is tried no sooner than [`SAVE_EVERY`] after.
    failed_at: Option<Instant>,
    /// The reading position as loaded.
    reading: Option<Reading>,
    notes: Notes,
    /// What the note editor holds, as the changes keeping it would make, and when: written
    /// by a save on a signal or a panic, so a note being written is not lost with the terminal.
    drafts: (Vec<Change>, Timestamp),
    /// The cards as written, to write only what changed.
    written: Written,
    /// The app's cards as last noted.
    cards: BTreeMap<String, Card>,
    /// The version of the app's cards last noted.
    cards_version: u64,
    /// Cards changed since they were written: written at once, not on the timer.
    cards_dirty: bool,
    /// The sitting to keep: under way, or left unfinished.
    sitting: Option<SavedSitting>,
    sitting_dirty: bool,
    noted_sitting: Mark,
    /// The mode and start of the sitting under way, for its record when it finishes.
    under_way: Option<(Mode, Timestamp)>,
    /// The summary on screen has been recorded.
    summary_noted: bool,
    /// Sittings that reached their summary, to record.
    finished: Vec<Finished>,
    last_saved: Option<(Instant, Position)>,
    /// The position to save next.
    current: Option<Position>,
    /// The furthest block of the article that has been on screen.
    furthest: usize,
    /// When the pack was opened, until that is written with the first save: nothing is
    /// written before the first screen is drawn.
    opened: Option<Timestamp>,
}

impl Session {
    /// Opens the database in `data_dir` and loads the progress and notes of `who`. Returns
    /// the session and a message for the user, if any. A database that cannot be opened or
    /// read leaves a session that saves nothing and says why (see [`Session::unsaved`]).
    pub fn open(data_dir: &Path, who: &Identity, now: Timestamp) -> (Self, Option<String>) {
        Self::with(Db::open(data_dir, now), who, now)
    }

    /// As [`Session::open`], the database opened already (on a thread of its own, while the
    /// pack loaded).
    pub fn with(opened: Opened, who: &Identity, now: Timestamp) -> (Self, Option<String>) {
        let mut placed = true;
        let (db, key, saved, warning, problem) = match opened {
            Err(error) => (None, who.id.clone(), Saved::default(), None, Some(error.to_string())),
            Ok((mut db, warning)) => {
                // A place that cannot be recorded now (a full disk, a lock held long) is
                // read as it would be, and recorded with the first save.
                let key = db.key(who, now).or_else(|_| {
                    placed = false;
                    db.key_of(who)
                });
                match key.and_then(|key| Ok((db.load(&key)?, key))) {
                    Ok((saved, key)) => (Some(db), key, saved, warning, None),
                    Err(error) => (None, who.id.clone(), Saved::default(), warning, Some(error.to_string())),
                }
            }
        };
        let session = Self {
            db,
            key,
            who: who.clone(),
            placed,
            problem,
            failed_at: None,
            reading: saved.reading,
            notes: saved.notes,
            drafts: (Vec::new(), now),
            written: Written::new(saved.cards.clone()),
            cards: saved.cards,
            cards_version: 0,
            cards_dirty: false,
            sitting: saved.sitting,
            sitting_dirty: false,
            noted_sitting: None,
            under_way: None,
            summary_noted: false,
            finished: Vec::new(),
            last_saved: None,
            current: None,
            furthest: 0,
            opened: Some(now),
        };
        (session, warning)
    }

    /// Where the pack open lives, as [`Identity::place`] says it.
    pub fn place(&self) -> &str {
        &self.who.place
    }

    /// Puts the reader where it was last time, if that place still exists, and gives the
    /// app the sitting left unfinished and any lasting problem.
    pub fn restore(&mut self, app: &mut App) {
        app.quiz.saved = self.sitting.clone();
        app.warning = self.unsaved();
        if let Some(Reading { block, offset }) = self.reading {
            let pos = Position { block, offset };
            if app.resume(pos) {
                self.note(app);
                self.last_saved = self.current.map(|pos| (Instant::now(), pos));
            }
        }
    }

    /// Why nothing the reader does is being saved, when that is so: the app shows it
    /// until the end and prints it on quitting.
    pub fn unsaved(&self) -> Option<String> {
        self.problem.as_ref().map(|why| format!("nothing you do now is being saved ({why})"))
    }

    /// The sitting to keep: the one under way when last noted, else the one left unfinished.
    pub fn sitting(&self) -> Option<SavedSitting> {
        self.sitting.clone()
    }

    /// The reader's notes on the pack as loaded, handed over once: from then on the app
    /// holds them and hands each change back to [`Session::write`].
    pub fn take_notes(&mut self) -> Notes {
        std::mem::take(&mut self.notes)
    }

    /// The saved cards of the pack's current questions and terms (the database keeps the
    /// others).
    pub fn cards(&mut self, pack: &crate::pack::Pack) -> BTreeMap<String, Card> {
        let mut cards = self.cards.clone();
        crate::study::deck::prune(pack, &mut cards);
        cards
    }

    /// Writes one change to the reader's notes at once. Fails when there is no database or
    /// the write fails; nothing of the change is kept then.
    pub fn write(&mut self, change: &Change, now: Timestamp) -> Result<(), StoreError> {
        let result = match self.db.as_mut() {
            Some(db) => db.write(&self.key, change, now),
            None => Err(StoreError::Closed { why: self.problem.clone().unwrap_or_default() }),
        };
        self.after(result)
    }

    /// Records a look-up of the glossary entry `term`.
    pub fn looked_up(&mut self, term: &str, now: Timestamp) -> Result<(), StoreError> {
        let result = match self.db.as_mut() {
            Some(db) => db.looked_up(&self.key, term, now),
            None => Err(StoreError::Closed { why: self.problem.clone().unwrap_or_default() }),
        };
        self.after(result)
    }

    /// Everything the database holds for the pack, for an export on `today` in the
    /// system's time zone: what `app` holds is noted and saved first, so the export has all
    /// of it.
    pub fn record(&mut self, app: &App, today: jiff::civil::Date) -> Result<crate::export::Record, StoreError> {
        self.note(app);
        self.save()?;
        match self.db.as_ref() {
            Some(db) => crate::export::Record::read(db, &self.key, today, crate::study::schedule::local_zone()),
            None => Err(StoreError::Closed { why: self.problem.clone().unwrap_or_default() }),
        }
    }

    /// Notes where the reader is now, the answers given and the sitting under way or
    /// finished; the next save writes them.
    pub fn note(&mut self, app: &App) {
        if app.cards_version != self.cards_version {
            self.cards_version = app.cards_version;
            self.cards = app.cards.clone();
            self.cards_dirty = true;
        }
        // A sitting under way is kept as it goes, so a hang-up or a crash loses none of it;
        // with none under way, the one left unfinished (if any) is kept.
        let mark = app.quiz.keep_mark();
        if mark != self.noted_sitting || mark.is_none() {
            let under_way = app.quiz.keep(&app.pack);
            if let Some(sitting) = &under_way {
                self.under_way = Some((sitting.mode, sitting.started));
            }
            let kept = under_way.or_else(|| app.quiz.saved.clone());
            if kept != self.sitting {
                self.sitting = kept;
                self.sitting_dirty = true;
            }
            self.noted_sitting = mark;
        }
        self.note_summary(app);
        let top = app.reader.top;
        let text_len = app.pack.article.blocks.get(top.block).map_or(0, |b| b.text.len());
        self.current = Some(Position { block: top.block, offset: top.offset.min(text_len) });
        self.furthest = self.furthest.max(app.read_block);
    }

    /// Writes what is noted and not yet written: answers, the sitting, finished sittings,
    /// and the position if it moved.
    pub fn save(&mut self) -> Result<(), StoreError> {
        let now = self.drafts.1;
        let drafts = std::mem::take(&mut self.drafts.0);
        for draft in &drafts {
            self.write(draft, now)?;
        }
        let result = self.write_pending();
        self.after(result)
    }

    /// Closes the database, at the end: nothing is saved after this (see [`Db::close`]).
    pub fn close(&mut self) {
        if let Some(db) = self.db.take() {
            db.close();
        }
    }

    /// Remembers what the open note editor holds (see `drafts`); empty when none is open.
    pub fn set_drafts(&mut self, drafts: Vec<Change>, now: Timestamp) {
        self.drafts = (drafts, now);
    }

    /// Saves answers, the sitting and finished sittings at once, and the position when the
    /// last save of it is older than [`SAVE_EVERY`]. After a failed write, waits that long
    /// before trying again.
    pub fn save_if_due(&mut self) -> Result<(), StoreError> {
        if self.db.is_none() || self.failed_at.is_some_and(|at| at.elapsed() < SAVE_EVERY) {
            return Ok(());
        }
        let urgent = self.cards_dirty || self.sitting_dirty || !self.finished.is_empty();
        let due = self.last_saved.is_none_or(|(at, _)| at.elapsed() >= SAVE_EVERY);
        if urgent || due { self.save() } else { Ok(()) }
    }

    /// Notes a summary coming on screen: the sitting that led to it finished.
    fn note_summary(&mut self, app: &App) {
        if let Stage::Done { summary, .. } = &app.quiz.stage {
            if !self.summary_noted
                && let Some((mode, started)) = self.under_way.take()
            {
                self.finished.push(Finished::new(mode, started, summary));
            }
            self.summary_noted = true;
        } else {
            self.summary_noted = false;
            if app.quiz.sitting.is_none() {
                self.under_way = None;
            }
        }
    }

    fn write_pending(&mut self) -> Result<(), StoreError> {
        let Some(db) = self.db.as_mut() else { return Ok(()) };
        let now = Timestamp::now();
        if !self.placed {
            self.key = db.key(&self.who, now)?;
            self.placed = true;
        }
        if let Some(opened) = self.opened {
            db.opened_as(&self.key, &self.who, opened)?;
            self.opened = None;
        }
        if self.cards_dirty {
            self.written.write(db, &self.key, &self.cards, now)?;
            self.cards_dirty = false;
        }
        if self.sitting_dirty {
            db.save_sitting(&self.key, self.sitting.as_ref(), now)?;
            self.sitting_dirty = false;
        }
        while let Some(finished) = self.finished.first() {
            db.record_finished(&self.key, finished)?;
            self.finished.remove(0);
        }
        if let Some(pos) = self.current
            && self.last_saved.is_none_or(|(_, saved)| saved != pos)
        {
            db.save_reading(&self.key, Reading { block: pos.block, offset: pos.offset }, now)?;
            db.save_furthest(&self.key, self.furthest, now)?;
            self.last_saved = Some((Instant::now(), pos));
        }
        Ok(())
    }

    /// Keeps what a write said: a failure is the problem until a write succeeds. Without a
    /// database the problem is why there is none, whatever happens.
    fn after<T>(&mut self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        if self.db.is_some() {
            match &result {
                Ok(_) => (self.problem, self.failed_at) = (None, None),
                Err(error) => (self.problem, self.failed_at) = (Some(error.to_string()), Some(Instant::now())),
            }
        }
        result
    }
}
