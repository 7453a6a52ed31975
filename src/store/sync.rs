//! Which cards to write: a process keeps the cards as it loaded and last wrote them, and
//! writes only those that changed since, with only the reviews added since. Another
//! process's reviews of the same card are then never written over, nor written twice.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::{Db, StoreError};
use crate::study::schedule::Card;

/// One pack's cards as this process last read or wrote them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    cards: BTreeMap<String, Card>,
}

impl Written {
    /// The cards as loaded (see [`Db::load`]): their logs are in the database already.
    pub fn new(loaded: BTreeMap<String, Card>) -> Self {
        Self { cards: loaded }
    }

    /// True when some card of `cards` differs from what was written.
    pub fn pending(&self, cards: &BTreeMap<String, Card>) -> bool {
        cards.iter().any(|(key, card)| self.cards.get(key) != Some(card))
    }

    /// Writes each card of `cards` that changed, each in its own transaction: its memory,
    /// and the reviews its log has gained since it was last written. Cards missing from
    /// `cards` are left as they are. Stops at the first failure: what was not written is
    /// written by the next call. Returns how many cards were written.
    pub fn write(
        &mut self,
        db: &mut Db,
        pack_id: &str,
        cards: &BTreeMap<String, Card>,
        now: Timestamp,
    ) -> Result<usize, StoreError> {
        let mut count = 0;
        for (key, card) in cards {
            let before = self.cards.get(key);
            if before == Some(card) {
                continue;
            }
            let known = before.map_or(0, |before| before.log.len());
            db.save_card(pack_id, key, card, card.log.get(known..).unwrap_or_default(), now)?;
            self.cards.insert(key.clone(), card.clone());
            count += 1;
        }
        Ok(count)
    }
}
