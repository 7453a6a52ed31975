//! What the reader has done with a pack, as the exports need it: read from the database in
//! one go, or empty for a reader with none.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::notes::Notes;
use crate::store::{Db, Finished, Lookup, StoreError};
use crate::study::schedule::Card;

/// A reader's notes and study of one pack, and the day the export is made. The day, not
/// the time: the same record gives the same bytes all day.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Highlights, notes, bookmarks and positions on the discussion prompts.
    pub notes: Notes,
    /// Each card by its key ([`crate::study::deck::key`]), with its review log.
    pub cards: BTreeMap<String, Card>,
    /// When each card was last answered.
    pub answered: BTreeMap<String, Timestamp>,
    /// The sittings that reached their summary, oldest first.
    pub finished: Vec<Finished>,
    /// The glossary entries looked up, in the order first looked up.
    pub lookups: Vec<Lookup>,
    /// The day of the export: what is due is counted from it.
    pub today: Date,
    /// The reader's time zone: the day a sitting finished is the day there.
    pub zone: TimeZone,
}

impl Record {
    /// Nothing done yet, on `today` in `zone`.
    pub fn empty(today: Date, zone: TimeZone) -> Self {
        Self {
            notes: Notes::default(),
            cards: BTreeMap::new(),
            answered: BTreeMap::new(),
            finished: Vec::new(),
            lookups: Vec::new(),
            today,
            zone,
        }
    }

    /// Everything `db` holds for `pack_id`, on `today` in `zone`.
    pub fn read(db: &Db, pack_id: &str, today: Date, zone: TimeZone) -> Result<Self, StoreError> {
        let saved = db.load(pack_id)?;
        Ok(Self {
            notes: saved.notes,
            cards: saved.cards,
            answered: db.answered(pack_id)?,
            finished: db.finished(pack_id)?,
            lookups: db.lookups(pack_id)?,
            today,
            zone,
        })
    }
}
