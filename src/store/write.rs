//! Writing: each change in a transaction of its own, taken with the write lock at once
//! (`BEGIN IMMEDIATE`) so that two processes wait for each other rather than fail. A change
//! touches its own rows only: a card's memory is replaced, but reviews are only ever added,
//! so a review made by another process is never lost.

use jiff::Timestamp;
use rusqlite::{Transaction, TransactionBehavior, params};

use super::progress::usable;
use super::{Db, Finished, Reading, StoreError, sitting};
use crate::notes::{Annotation, Answer, Bookmark, Change};
use crate::study::schedule::{Card, Review};
use crate::study::session::SavedSitting;

impl Db {
    /// Notes that `pack_id` was opened at `now`.
    pub fn opened(&mut self, pack_id: &str, now: Timestamp) -> Result<(), StoreError> {
        self.change("note the pack as opened", pack_id, now, |tx| {
            tx.execute("UPDATE packs SET opened = ?2 WHERE id = ?1", params![pack_id, now.to_string()])?;
            Ok(())
        })
    }

    /// As [`Db::opened`] for the pack `who`, noting its place beside the database too
    /// ([`last_read`](super::last_read)), for the next `lectern` with no pack named.
    pub fn opened_as(&mut self, pack_id: &str, who: &super::Identity, now: Timestamp) -> Result<(), StoreError> {
        self.opened(pack_id, now)?;
        super::last_read::note(&self.path, &who.place);
        Ok(())
    }

    /// Notes that the article of `pack_id` has been read to `block`, when that is further
    /// than before; nothing when no position is saved yet.
    pub fn save_furthest(&mut self, pack_id: &str, block: usize, now: Timestamp) -> Result<(), StoreError> {
        self.change("save how far the article is read", pack_id, now, |tx| {
            tx.execute(
                "UPDATE readings SET furthest = max(coalesce(furthest, 0), ?2) WHERE pack = ?1",
                params![pack_id, int(block)],
            )?;
            Ok(())
        })
    }

    /// Saves the reading position.
    pub fn save_reading(&mut self, pack_id: &str, reading: Reading, now: Timestamp) -> Result<(), StoreError> {
        self.change("save the reading position", pack_id, now, |tx| {
            tx.execute(
                "INSERT INTO readings (pack, block, offset, saved) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (pack) DO UPDATE SET block = excluded.block, offset = excluded.offset, saved = excluded.saved",
                params![pack_id, int(reading.block), int(reading.offset), now.to_string()],
            )?;
            Ok(())
        })
    }

    /// Saves a card's memory and last outcome, replacing what was there, and adds
    /// `new_reviews` to its log, recorded at `now`. A memory that is not usable (not finite,
    /// a stability not above 0) is saved as none: the card is new again.
    pub fn save_card(
        &mut self,
        pack_id: &str,
        key: &str,
        card: &Card,
        new_reviews: &[Review],
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.change("save an answer", pack_id, now, |tx| {
            upsert_card(tx, pack_id, key, card)?;
            for review in new_reviews {
                add_review(tx, pack_id, key, review, now)?;
            }
            Ok(())
        })
    }

    /// Saves the sitting left unfinished, or with `None` forgets it.
    pub fn save_sitting(
        &mut self,
        pack_id: &str,
        sitting: Option<&SavedSitting>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.change("save the sitting under way", pack_id, now, |tx| {
            match sitting {
                Some(sitting) => tx.execute(
                    "INSERT INTO sittings (pack, sitting, saved) VALUES (?1, ?2, ?3)
                     ON CONFLICT (pack) DO UPDATE SET sitting = excluded.sitting, saved = excluded.saved",
                    params![pack_id, sitting::to_toml(sitting), now.to_string()],
                )?,
                None => tx.execute("DELETE FROM sittings WHERE pack = ?1", params![pack_id])?,
            };
            Ok(())
        })
    }

    /// Records a sitting that reached its summary.
    pub fn record_finished(&mut self, pack_id: &str, finished: &Finished) -> Result<(), StoreError> {
        self.change("record a finished sitting", pack_id, finished.finished, |tx| {
            tx.execute(
                "INSERT INTO finished (pack, mode, started, finished, asked, right, almost)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    pack_id,
                    finished.mode.name(),
                    finished.started.to_string(),
                    finished.finished.to_string(),
                    int(finished.asked),
                    int(finished.right),
                    int(finished.almost)
                ],
            )?;
            Ok(())
        })
    }

    /// Counts one look-up of glossary entry `term`: the first is remembered with its time.
    pub fn looked_up(&mut self, pack_id: &str, term: &str, now: Timestamp) -> Result<(), StoreError> {
        self.change("record a glossary look-up", pack_id, now, |tx| {
            tx.execute(
                "INSERT INTO lookups (pack, term, first, count) VALUES (?1, ?2, ?3, 1)
                 ON CONFLICT (pack, term) DO UPDATE SET count = count + 1",
                params![pack_id, term, now.to_string()],
            )?;
            Ok(())
        })
    }

    /// Writes one change to the reader's notes on `pack_id`.
    pub fn write(&mut self, pack_id: &str, change: &Change, now: Timestamp) -> Result<(), StoreError> {
        let action = match change {
            Change::Annotation(_) => "save a note",
            Change::RemoveAnnotation(_) => "remove a note",
            Change::Bookmark(_) => "save a bookmark",
            Change::RemoveBookmark(_) => "remove a bookmark",
            Change::Answer(_) => "save an answer to a prompt",
        };
        self.change(action, pack_id, now, |tx| {
            match change {
                Change::Annotation(annotation) => upsert_annotation(tx, pack_id, annotation)?,
                Change::RemoveAnnotation(id) => {
                    tx.execute("DELETE FROM annotations WHERE id = ?1 AND pack = ?2", params![*id as i64, pack_id])?
                }
                Change::Bookmark(bookmark) => upsert_bookmark(tx, pack_id, bookmark)?,
                Change::RemoveBookmark(letter) => tx.execute(
                    "DELETE FROM bookmarks WHERE pack = ?1 AND letter = ?2",
                    params![pack_id, letter.to_string()],
                )?,
                Change::Answer(answer) => set_answer(tx, pack_id, answer)?,
            };
            Ok(())
        })
    }

    /// Runs `make` in a transaction of its own that holds the write lock from the start,
    /// with the pack's row made first if it is missing, and commits it.
    pub(super) fn change<T>(
        &mut self,
        action: &'static str,
        pack_id: &str,
        now: Timestamp,
        make: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let run = || {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute(
                "INSERT INTO packs (id, opened) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
                params![pack_id, now.to_string()],
            )?;
            let made = make(&tx)?;
            tx.commit()?;
            Ok(made)
        };
        run().map_err(|source| StoreError::Database { action, path: self.path.clone(), error: source })
    }
}

/// A count or place as SQLite's integer (a count that large cannot happen).
pub(super) fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Replaces a card's row (its memory and last outcome); its log is left as it is.
pub(super) fn upsert_card(tx: &Transaction<'_>, pack_id: &str, key: &str, card: &Card) -> rusqlite::Result<()> {
    let memory = card.memory.filter(usable);
    let last = card.last.map(|outcome| outcome.name());
    tx.execute(
        "INSERT INTO cards (pack, key, stability, difficulty, due, last_review, reps, lapses, last, given)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (pack, key) DO UPDATE SET stability = excluded.stability, difficulty = excluded.difficulty,
             due = excluded.due, last_review = excluded.last_review, reps = excluded.reps,
             lapses = excluded.lapses, last = excluded.last, given = excluded.given",
        params![
            pack_id,
            key,
            memory.map(|m| f64::from(m.stability)),
            memory.map(|m| f64::from(m.difficulty)),
            memory.map(|m| m.due.to_string()),
            memory.map(|m| m.last_review.to_string()),
            memory.map(|m| m.reps),
            memory.map(|m| m.lapses),
            last,
            card.given
        ],
    )?;
    Ok(())
}

/// Adds a review to a card's log.
pub(super) fn add_review(
    tx: &Transaction<'_>,
    pack_id: &str,
    key: &str,
    review: &Review,
    now: Timestamp,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO reviews (pack, key, date, rating, interval, recorded) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![pack_id, key, review.date.to_string(), review.rating.name(), review.interval, now.to_string()],
    )?;
    Ok(())
}

/// Adds an annotation or replaces the one with its id. An id is unique across processes;
/// one that belongs to another pack is refused rather than moved.
fn upsert_annotation(tx: &Transaction<'_>, pack_id: &str, a: &Annotation) -> rusqlite::Result<usize> {
    let changed = tx.execute(
        "INSERT INTO annotations (id, pack, exact, prefix, suffix, block, kind, note, created, updated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET exact = excluded.exact, prefix = excluded.prefix, suffix = excluded.suffix,
             block = excluded.block, kind = excluded.kind, note = excluded.note, updated = excluded.updated
         WHERE annotations.pack = excluded.pack",
        params![
            a.id as i64,
            pack_id,
            a.quote.exact,
            a.quote.prefix,
            a.quote.suffix,
            int(a.quote.block),
            a.kind.map(|kind| kind.name()),
            a.note,
            a.created.to_string(),
            a.updated.to_string()
        ],
    )?;
    if changed == 0 {
        let refused = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT);
        return Err(rusqlite::Error::SqliteFailure(refused, Some(format!("note {} belongs to another pack", a.id))));
    }
    Ok(changed)
}

fn upsert_bookmark(tx: &Transaction<'_>, pack_id: &str, b: &Bookmark) -> rusqlite::Result<usize> {
    tx.execute(
        "INSERT INTO bookmarks (pack, letter, exact, prefix, suffix, block, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (pack, letter) DO UPDATE SET exact = excluded.exact, prefix = excluded.prefix,
             suffix = excluded.suffix, block = excluded.block, updated = excluded.updated",
        params![
            pack_id,
            b.letter.to_string(),
            b.quote.exact,
            b.quote.prefix,
            b.quote.suffix,
            int(b.quote.block),
            b.updated.to_string()
        ],
    )
}

/// Sets the answer to a prompt; an empty text removes it.
fn set_answer(tx: &Transaction<'_>, pack_id: &str, answer: &Answer) -> rusqlite::Result<usize> {
    if answer.text.is_empty() {
        return tx.execute("DELETE FROM answers WHERE pack = ?1 AND prompt = ?2", params![pack_id, answer.prompt]);
    }
    tx.execute(
        "INSERT INTO answers (pack, prompt, text, updated) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (pack, prompt) DO UPDATE SET text = excluded.text, updated = excluded.updated",
        params![pack_id, answer.prompt, answer.text, answer.updated.to_string()],
    )
}
