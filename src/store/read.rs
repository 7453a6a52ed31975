//! Reading a pack's rows back: its progress, its notes and its finished sittings. A row
//! that does not hold what the schema promises (a rating with another name, a time that is
//! not RFC 3339) is an error, never taken for something else.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::types::Type;
use rusqlite::{Connection, Row, params};

use super::{Db, Finished, Reading, Saved, StoreError, sitting};
use crate::notes::{Annotation, Answer, Bookmark, Kind, Notes, Quote};
use crate::study::deck::Mode;
use crate::study::schedule::{Card, Memory, Outcome, Rating, Review};

impl Db {
    /// Everything saved for `pack_id`, as one consistent snapshot: nothing when nothing is.
    pub fn load(&self, pack_id: &str) -> Result<Saved, StoreError> {
        let read = || -> rusqlite::Result<Saved> {
            let tx = self.conn.unchecked_transaction()?;
            let saved = Saved {
                reading: reading(&tx, pack_id)?,
                cards: cards(&tx, pack_id)?,
                sitting: unfinished(&tx, pack_id)?,
                notes: Notes {
                    annotations: annotations(&tx, pack_id)?,
                    bookmarks: bookmarks(&tx, pack_id)?,
                    answers: answers(&tx, pack_id)?,
                },
            };
            tx.commit()?;
            Ok(saved)
        };
        read().map_err(self.fail("read the progress"))
    }

    /// The sittings of `pack_id` that reached their summary, in the order they finished.
    pub fn finished(&self, pack_id: &str) -> Result<Vec<Finished>, StoreError> {
        let sql = "SELECT mode, started, finished, asked, right, almost FROM finished WHERE pack = ?1 ORDER BY id";
        let row = |row: &Row<'_>| {
            Ok(Finished {
                mode: parsed(row, 0, "a mode", Mode::from_name)?,
                started: time(row, 1)?,
                finished: time(row, 2)?,
                asked: count(row, 3)?,
                right: count(row, 4)?,
                almost: count(row, 5)?,
            })
        };
        all(&self.conn, sql, pack_id, row).map_err(self.fail("read the finished sittings"))
    }
}

/// A glossary entry the reader looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub term: String,
    pub first: Timestamp,
    pub count: usize,
}

impl Db {
    /// The glossary entries looked up in `pack_id`, in the order first looked up (the order
    /// their rows were made). None in a database older than the table.
    pub fn lookups(&self, pack_id: &str) -> Result<Vec<Lookup>, StoreError> {
        if !since(&self.conn, 2).map_err(self.fail("read the glossary look-ups"))? {
            return Ok(Vec::new());
        }
        let sql = "SELECT term, first, count FROM lookups WHERE pack = ?1 ORDER BY rowid";
        let row = |row: &Row<'_>| Ok(Lookup { term: row.get(0)?, first: time(row, 1)?, count: count(row, 2)? });
        all(&self.conn, sql, pack_id, row).map_err(self.fail("read the glossary look-ups"))
    }

    /// The furthest block of `pack_id`'s article that has been on screen, if saved (from
    /// schema version 3).
    pub fn furthest(&self, pack_id: &str) -> Result<Option<usize>, StoreError> {
        let fail = self.fail("read how far the article is read");
        if !since(&self.conn, 3).map_err(&fail)? {
            return Ok(None);
        }
        let sql = "SELECT furthest FROM readings WHERE pack = ?1 AND furthest IS NOT NULL";
        Ok(all(&self.conn, sql, pack_id, |row| count(row, 0)).map_err(fail)?.pop())
    }

    /// When `pack_id` was last opened, if it ever was.
    pub fn opened_at(&self, pack_id: &str) -> Result<Option<Timestamp>, StoreError> {
        let sql = "SELECT opened FROM packs WHERE id = ?1";
        let rows =
            all(&self.conn, sql, pack_id, |row| time(row, 0)).map_err(self.fail("read when the pack was opened"))?;
        Ok(rows.into_iter().next())
    }

    /// When each card of `pack_id` was last answered: the time its last review was recorded.
    pub fn answered(&self, pack_id: &str) -> Result<BTreeMap<String, Timestamp>, StoreError> {
        let sql = "SELECT key, recorded FROM reviews WHERE pack = ?1 ORDER BY id";
        let row = |row: &Row<'_>| Ok((row.get::<_, String>(0)?, time(row, 1)?));
        let rows = all(&self.conn, sql, pack_id, row).map_err(self.fail("read the review log"))?;
        Ok(rows.into_iter().collect())
    }
}

fn reading(conn: &Connection, pack: &str) -> rusqlite::Result<Option<Reading>> {
    let sql = "SELECT block, offset FROM readings WHERE pack = ?1";
    Ok(all(conn, sql, pack, |row| Ok(Reading { block: count(row, 0)?, offset: count(row, 1)? }))?.pop())
}

/// The cards with their logs: the reviews in the order they were recorded.
fn cards(conn: &Connection, pack: &str) -> rusqlite::Result<BTreeMap<String, Card>> {
    // The answer given is kept from schema version 2 on.
    let given = if since(conn, 2)? { "given" } else { "NULL" };
    let sql = format!(
        "SELECT key, stability, difficulty, due, last_review, reps, lapses, last, {given} FROM cards WHERE pack = ?1"
    );
    let card = |row: &Row<'_>| {
        let memory = match row.get::<_, Option<f64>>(1)? {
            None => None,
            Some(stability) => Some(Memory {
                stability: stability as f32,
                difficulty: row.get::<_, f64>(2)? as f32,
                due: date(row, 3)?,
                last_review: date(row, 4)?,
                reps: row.get(5)?,
                lapses: row.get(6)?,
            }),
        };
        let last = match row.get_ref(7)?.as_str_or_null()? {
            None => None,
            Some(_) => Some(parsed(row, 7, "an outcome", Outcome::from_name)?),
        };
        Ok((row.get::<_, String>(0)?, Card { memory, log: Vec::new(), last, given: row.get(8)? }))
    };
    let mut cards: BTreeMap<String, Card> = all(conn, &sql, pack, card)?.into_iter().collect();
    let sql = "SELECT key, date, rating, interval FROM reviews WHERE pack = ?1 ORDER BY id";
    let review = |row: &Row<'_>| {
        let review = Review {
            date: date(row, 1)?,
            rating: parsed(row, 2, "a rating", Rating::from_name)?,
            interval: row.get(3)?,
        };
        Ok((row.get::<_, String>(0)?, review))
    };
    for (key, review) in all(conn, sql, pack, review)? {
        cards.entry(key).or_default().log.push(review);
    }
    Ok(cards)
}

fn unfinished(conn: &Connection, pack: &str) -> rusqlite::Result<Option<crate::study::session::SavedSitting>> {
    let sql = "SELECT sitting FROM sittings WHERE pack = ?1";
    let sitting = |row: &Row<'_>| {
        let text: String = row.get(0)?;
        sitting::from_toml(&text).map_err(|why| bad(0, format!("the sitting left unfinished: {why}")))
    };
    Ok(all(conn, sql, pack, sitting)?.pop())
}

fn annotations(conn: &Connection, pack: &str) -> rusqlite::Result<Vec<Annotation>> {
    let sql = "SELECT id, exact, prefix, suffix, block, kind, note, created, updated \
               FROM annotations WHERE pack = ?1 ORDER BY created, id";
    all(conn, sql, pack, |row| {
        let kind = match row.get_ref(5)?.as_str_or_null()? {
            None => None,
            Some(_) => Some(parsed(row, 5, "a kind of highlight", Kind::from_name)?),
        };
        Ok(Annotation {
            // The id's bits, kept in SQLite's signed integer.
            id: row.get::<_, i64>(0)? as u64,
            quote: quote(row, 1)?,
            kind,
            note: row.get(6)?,
            created: time(row, 7)?,
            updated: time(row, 8)?,
        })
    })
}

fn bookmarks(conn: &Connection, pack: &str) -> rusqlite::Result<Vec<Bookmark>> {
    let sql = "SELECT letter, exact, prefix, suffix, block, updated FROM bookmarks WHERE pack = ?1 ORDER BY letter";
    all(conn, sql, pack, |row| {
        let letter = parsed(row, 0, "one letter", |text| {
            let mut chars = text.chars();
            chars.next().filter(|_| chars.next().is_none())
        })?;
        Ok(Bookmark { letter, quote: quote(row, 1)?, updated: time(row, 5)? })
    })
}

fn answers(conn: &Connection, pack: &str) -> rusqlite::Result<Vec<Answer>> {
    let sql = "SELECT prompt, text, updated FROM answers WHERE pack = ?1 ORDER BY prompt";
    all(conn, sql, pack, |row| Ok(Answer { prompt: row.get(0)?, text: row.get(1)?, updated: time(row, 2)? }))
}

/// Whether the database has the schema of `version` or later (an export reads older ones
/// as they are).
fn since(conn: &Connection, version: i64) -> rusqlite::Result<bool> {
    Ok(super::schema::version(conn)? >= version)
}

/// Every row `sql` gives for the pack (its `?1`), each made by `make`.
fn all<T>(
    conn: &Connection,
    sql: &str,
    pack: &str,
    make: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    conn.prepare_cached(sql)?.query_map(params![pack], make)?.collect()
}

/// A quote from its four columns, `exact`, `prefix`, `suffix` and `block`, from `first` on.
fn quote(row: &Row<'_>, first: usize) -> rusqlite::Result<Quote> {
    Ok(Quote {
        exact: row.get(first)?,
        prefix: row.get(first + 1)?,
        suffix: row.get(first + 2)?,
        block: count(row, first + 3)?,
    })
}

/// A text column read by `parse`, which gives `None` for what is not `what`.
fn parsed<T>(row: &Row<'_>, column: usize, what: &str, parse: impl FnOnce(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).ok_or_else(|| bad(column, format!("{text:?} is not {what}")))
}

/// A count or place: a whole number from 0.
fn count(row: &Row<'_>, column: usize) -> rusqlite::Result<usize> {
    let n: i64 = row.get(column)?;
    usize::try_from(n).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(column, n))
}

fn time(row: &Row<'_>, column: usize) -> rusqlite::Result<Timestamp> {
    parsed(row, column, "an RFC 3339 time", |text| text.parse().ok())
}

fn date(row: &Row<'_>, column: usize) -> rusqlite::Result<Date> {
    parsed(row, column, "a date", |text| text.parse().ok())
}

/// A column that does not hold what it should.
fn bad(column: usize, why: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, why.into())
}
