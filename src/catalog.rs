//! The library as a reader sees it: every pack found, one row each, with how far it has
//! been read, what is due today, how many notes it has and when it was last opened, the
//! pack opened last first. A pack with errors is listed with its first error and cannot
//! be opened until `lectern check` passes.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::pack::Loaded;
use crate::pack::diagnostic::Severity;
use crate::pack::source::{Found, Origin, Place};
use crate::store::{Db, Identity, StoreError};
use crate::study::deck;

/// One pack of the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub found: Found,
    pub title: String,
    pub author: String,
    pub summary: String,
    pub tags: Vec<String>,
    /// The first error `lectern check` reports, when the pack has any.
    pub error: Option<String>,
    /// How much of the article has been read, in hundredths: its paragraphs up to the
    /// furthest that has been on screen (or to the reading position, in a database from
    /// before that was kept).
    pub read: usize,
    /// Cards due today or earlier.
    pub due: usize,
    /// New cards that today's limit would bring in.
    pub new: usize,
    /// Highlights and notes.
    pub notes: usize,
    /// When the pack was last opened, if ever.
    pub opened: Option<Timestamp>,
}

impl Row {
    /// Whether the pack can be opened: it has no errors.
    pub fn can_open(&self) -> bool {
        self.error.is_none()
    }
}

/// The rows of `found` (as [`crate::pack::source::Library::distinct`] gives them), with
/// what `db` holds for each on `today`: the one opened last first, then the others that
/// were opened, then those never opened in the order they were found. Each pack is read
/// with `load` (through the cache, for the app's library).
pub fn rows(
    found: Vec<Found>,
    db: Option<&Db>,
    load: &dyn Fn(Origin<'_>) -> Loaded,
    today: Date,
    daily_new: usize,
) -> Result<Vec<Row>, StoreError> {
    let mut rows = Vec::with_capacity(found.len());
    for found in found {
        let loaded = load(found.origin());
        let error = loaded.diagnostics.iter().find(|d| d.severity == Severity::Error).map(|d| d.message.clone());
        let pack = loaded.pack;
        let mut row = Row {
            title: pack.title.clone(),
            author: pack.author.clone(),
            summary: pack.summary.clone(),
            tags: pack.tags.clone(),
            error,
            read: 0,
            due: 0,
            new: 0,
            notes: 0,
            opened: None,
            found,
        };
        let key = match db {
            Some(db) => db.key_of(&Identity::of(&row.found, &pack.title))?,
            None => row.found.id.clone(),
        };
        if let Some(db) = db {
            row.opened = db.opened_at(&key)?;
        }
        if row.error.is_none() {
            // With nothing saved, every card is new.
            row.new = deck::counts(&pack, &Default::default(), today, daily_new).new;
        }
        // A pack with errors cannot be studied: what it would count is not shown.
        if let Some(db) = db.filter(|_| row.error.is_none()) {
            let saved = db.load(&key)?;
            let body = pack.article.body().count();
            let furthest = db.furthest(&key)?.or(saved.reading.map(|r| r.block));
            if let Some(furthest) = furthest
                && body > 0
            {
                let read = pack.article.body().take_while(|&b| b <= furthest).count();
                row.read = read * 100 / body;
            }
            let mut cards = saved.cards;
            deck::prune(&pack, &mut cards);
            let counts = deck::counts(&pack, &cards, today, daily_new);
            (row.due, row.new) = (counts.due, counts.new);
            row.notes = saved.notes.annotations.len();
        }
        rows.push(row);
    }
    // Stable: packs never opened keep the order they were found in.
    rows.sort_by_key(|row| std::cmp::Reverse(row.opened));
    Ok(rows)
}

/// The pack to open when none is named: the one opened last of those found, if any was.
/// Titles are not read for this (it would load every pack): a folder that moved is found
/// again once it is opened by its new place.
pub fn last_opened(found: &[Found], db: &Db) -> Result<Option<Found>, StoreError> {
    let mut best: Option<(Timestamp, &Found)> = None;
    for f in found {
        if let Some(at) = db.opened_at(&db.key_of(&Identity::of(f, ""))?)?
            && best.is_none_or(|(t, _)| at > t)
        {
            best = Some((at, f));
        }
    }
    Ok(best.map(|(_, f)| f.clone()))
}

/// Where a pack lives, for a row: `bundled` or its folder.
pub fn place(found: &Found) -> String {
    match &found.place {
        Place::Bundled(_) => "bundled".to_string(),
        Place::Folder(path) => crate::text::sanitize::printable(&path.display().to_string()).into_owned(),
    }
}

/// When a pack was last opened, said against `today`: `today`, `yesterday`, `3 days ago`,
/// or the date; `never`.
pub fn when(opened: Option<Timestamp>, today: Date, zone: &jiff::tz::TimeZone) -> String {
    let Some(opened) = opened else { return "never".to_string() };
    let day = opened.to_zoned_datetime(zone.clone()).date();
    match today.since(day).map(|span| span.get_days()) {
        Ok(0) => "today".to_string(),
        Ok(1) => "yesterday".to_string(),
        Ok(n @ 2..=6) => format!("{n} days ago"),
        _ => day.to_string(),
    }
}
