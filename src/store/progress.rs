//! The progress files of lectern before the database: one TOML file per pack in
//! `<data dir>/progress/`, read once to import them (see `import.rs`).
//!
//! ```toml
//! version = 1
//!
//! [reading]
//! block = 12
//! offset = 3
//! saved = 2025-01-31T09:15:00Z
//!
//! [cards.nvidia-one-day-loss]
//! stability = 2.3065
//! difficulty = 2.118104
//! due = 2026-12-03
//! last_review = 2026-12-01
//! reps = 1
//! lapses = 0
//! last = "right"
//! log = [{ date = 2026-12-01, rating = "good", interval = 2 }]
//!
//! [sitting]
//! mode = "review"
//! # … the fields of a sitting, as `sitting.rs` describes them
//! ```
//!
//! A card's memory fields (`stability` to `lapses`) are all there or all absent (a card
//! never reviewed). Tables and keys this version does not know are passed over.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::study::schedule::{Card, Memory, Outcome, Rating, Review};
use crate::study::session::SavedSitting;

/// The format version of the files this code reads.
const VERSION: i64 = 1;

/// Where the reader was: a block of the article and an offset within it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Reading {
    pub block: usize,
    pub offset: usize,
}

/// Everything a progress file held for one pack.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Progress {
    /// The reading position, if one was saved.
    pub reading: Option<Reading>,
    /// When the reading position was saved.
    pub saved: Option<Timestamp>,
    /// Each card's schedule, by its key (see [`crate::study::deck::key`]).
    pub cards: BTreeMap<String, Card>,
    /// A sitting left unfinished.
    pub sitting: Option<SavedSitting>,
}

impl Progress {
    /// Reads a progress file; the error says what is wrong with it.
    pub(crate) fn from_toml(text: &str) -> Result<Self, String> {
        let table: toml::Table =
            text.parse().map_err(|e: toml::de::Error| format!("it is not valid TOML: {}", e.message().trim()))?;
        match table.get("version") {
            Some(toml::Value::Integer(VERSION)) => {}
            Some(toml::Value::Integer(n)) if *n > VERSION => {
                return Err(format!("it is version {n}, written by a newer lectern"));
            }
            Some(_) => return Err("its `version` is not 1".to_string()),
            None => return Err("it has no `version`".to_string()),
        }
        let (reading, saved) = match table.get("reading") {
            None => (None, None),
            Some(toml::Value::Table(table)) => {
                let (reading, saved) = read_reading(table)?;
                (Some(reading), saved)
            }
            Some(_) => return Err("its `reading` is not a table".to_string()),
        };
        let cards = match table.get("cards") {
            None => BTreeMap::new(),
            Some(toml::Value::Table(table)) => read_cards(table)?,
            Some(_) => return Err("its `cards` is not a table".to_string()),
        };
        let sitting = match table.get("sitting") {
            None => None,
            Some(toml::Value::Table(table)) => Some(super::sitting::read(table)?),
            Some(_) => return Err("its `sitting` is not a table".to_string()),
        };
        Ok(Self { reading, saved, cards, sitting })
    }
}

/// A card's memory fields: all there or all absent.
const MEMORY_FIELDS: [&str; 6] = ["stability", "difficulty", "due", "last_review", "reps", "lapses"];

fn read_reading(table: &toml::Table) -> Result<(Reading, Option<Timestamp>), String> {
    let index = |key: &str| match table.get(key) {
        Some(toml::Value::Integer(n)) => usize::try_from(*n).map_err(|_| format!("its `reading.{key}` is negative")),
        Some(_) => Err(format!("its `reading.{key}` is not a whole number")),
        None => Err(format!("it has no `reading.{key}`")),
    };
    let reading = Reading { block: index("block")?, offset: index("offset")? };
    let saved = match table.get("saved") {
        None => None,
        Some(toml::Value::Datetime(d)) => Some(timestamp(&d.to_string(), "reading.saved")?),
        Some(toml::Value::String(s)) => Some(timestamp(s, "reading.saved")?),
        Some(_) => return Err("its `reading.saved` is not a date and time".to_string()),
    };
    Ok((reading, saved))
}

fn read_cards(table: &toml::Table) -> Result<BTreeMap<String, Card>, String> {
    let mut cards = BTreeMap::new();
    for (key, value) in table {
        let toml::Value::Table(fields) = value else {
            return Err(format!("its `cards.{}` is not a table", toml_key(key)));
        };
        cards.insert(key.clone(), read_card(key, fields)?);
    }
    Ok(cards)
}

fn read_card(key: &str, table: &toml::Table) -> Result<Card, String> {
    let name = |field: &str| format!("`cards.{}.{field}`", toml_key(key));
    let memory_fields = &MEMORY_FIELDS;
    let present = memory_fields.iter().filter(|f| table.contains_key(**f)).count();
    let memory = if present == 0 {
        None
    } else if let Some(missing) = memory_fields.iter().find(|f| !table.contains_key(**f)) {
        return Err(format!("it has no {} (a reviewed card has all of {})", name(missing), memory_fields.join(", ")));
    } else {
        let float = |field: &str| {
            let value = match &table[field] {
                toml::Value::Float(x) => *x as f32,
                toml::Value::Integer(n) => *n as f32,
                _ => return Err(format!("its {} is not a number", name(field))),
            };
            if value.is_finite() { Ok(value) } else { Err(format!("its {} is not a finite number", name(field))) }
        };
        let count =
            |field: &str| read_count(&table[field]).ok_or_else(|| format!("its {} is not a count", name(field)));
        let date = |field: &str| read_date(&table[field]).ok_or_else(|| format!("its {} is not a date", name(field)));
        let memory = Memory {
            stability: float("stability")?,
            difficulty: float("difficulty")?,
            due: date("due")?,
            last_review: date("last_review")?,
            reps: count("reps")?,
            lapses: count("lapses")?,
        };
        if !usable(&memory) {
            return Err(format!("its {} is not above 0", name("stability")));
        }
        Some(memory)
    };
    let last = match table.get("last") {
        None => None,
        Some(value) => Some(
            value
                .as_str()
                .and_then(Outcome::from_name)
                .ok_or_else(|| format!("its {} is not \"right\", \"almost\" or \"wrong\"", name("last")))?,
        ),
    };
    let log = match table.get("log") {
        None => Vec::new(),
        Some(toml::Value::Array(entries)) => {
            let mut log = Vec::with_capacity(entries.len());
            for (i, entry) in entries.iter().enumerate() {
                let entry_name = |field: &str| name(&format!("log[{i}].{field}"));
                let toml::Value::Table(entry) = entry else {
                    return Err(format!("its {} is not a table", name(&format!("log[{i}]"))));
                };
                let date = entry.get("date").and_then(read_date);
                let rating = entry.get("rating").and_then(toml::Value::as_str).and_then(Rating::from_name);
                let interval = entry.get("interval").and_then(read_count);
                log.push(Review {
                    date: date.ok_or_else(|| format!("its {} is missing or not a date", entry_name("date")))?,
                    rating: rating.ok_or_else(|| {
                        format!("its {} is missing or not again, hard, good or easy", entry_name("rating"))
                    })?,
                    interval: interval
                        .ok_or_else(|| format!("its {} is missing or not a count", entry_name("interval")))?,
                });
            }
            log
        }
        Some(_) => return Err(format!("its {} is not a list", name("log"))),
    };
    Ok(Card { memory, log, last, given: None })
}

/// A whole number from 0 to `u32::MAX`.
fn read_count(value: &toml::Value) -> Option<u32> {
    value.as_integer().and_then(|n| u32::try_from(n).ok())
}

/// A TOML local date (`2026-12-01`), or the same written as a string.
fn read_date(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::Datetime(toml::value::Datetime { date: Some(d), time: None, offset: None }) => {
            Date::new(i16::try_from(d.year).ok()?, i8::try_from(d.month).ok()?, i8::try_from(d.day).ok()?).ok()
        }
        toml::Value::String(text) => text.parse::<Date>().ok().filter(|date| date.to_string() == *text),
        _ => None,
    }
}

/// A memory state the scheduler can go on from: finite, with a stability above 0. The
/// scheduler makes no other kind; a file holding another is corrupt, and the database keeps
/// none.
pub(super) fn usable(memory: &Memory) -> bool {
    memory.stability.is_finite() && memory.stability > 0.0 && memory.difficulty.is_finite()
}

/// A key as TOML writes it: bare when it can be, else a quoted string.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        return key.to_string();
    }
    let mut quoted = String::with_capacity(key.len() + 2);
    quoted.push('"');
    for c in key.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// An RFC 3339 time; the error names the field.
pub(super) fn timestamp(text: &str, name: &str) -> Result<Timestamp, String> {
    text.parse().map_err(|_| format!("its `{name}` ({text}) is not an RFC 3339 time"))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::study::deck::{Mode, Scope};

    /// The file of the module's example, whole.
    const EXAMPLE: &str = "version = 1\n\n[reading]\nblock = 12\noffset = 3\nsaved = 2025-01-31T09:15:00Z\n\n\
        [cards.nvidia-one-day-loss]\nstability = 2.3065\ndifficulty = 2.118104\ndue = 2026-12-03\n\
        last_review = 2026-12-01\nreps = 1\nlapses = 0\nlast = \"right\"\n\
        log = [{ date = 2026-12-01, rating = \"good\", interval = 2 }]\n\n\
        [cards.\"term:export controls\"]\nlast = \"almost\"\n\n\
        [sitting]\nmode = \"review\"\nitems = [\"nvidia-one-day-loss\", \"term:Export controls\"]\nindex = 1\n\
        answers = [{ key = \"nvidia-one-day-loss\", outcome = \"right\" }]\nshown = []\nseed = 7\n\
        started = 2026-12-01T09:00:00Z\nscope = \"read-so-far\"\nscope_block = 12\nlooked = [0]\n";

    #[test]
    fn reads_a_whole_file() {
        let progress = Progress::from_toml(EXAMPLE).unwrap();
        assert_eq!(progress.reading, Some(Reading { block: 12, offset: 3 }));
        assert_eq!(progress.saved, Some("2025-01-31T09:15:00Z".parse().unwrap()));
        let card = &progress.cards["nvidia-one-day-loss"];
        let memory = card.memory.unwrap();
        assert_eq!((memory.stability, memory.difficulty), (2.3065, 2.118104));
        assert_eq!(
            (memory.due, memory.last_review, memory.reps, memory.lapses),
            (date(2026, 12, 3), date(2026, 12, 1), 1, 0)
        );
        assert_eq!(card.log, [Review { date: date(2026, 12, 1), rating: Rating::Good, interval: 2 }]);
        assert_eq!(card.last, Some(Outcome::Right));
        assert_eq!(progress.cards["term:export controls"], Card { last: Some(Outcome::Almost), ..Card::default() });
        let sitting = progress.sitting.unwrap();
        assert_eq!((sitting.mode, sitting.index, sitting.scope), (Mode::Review, 1, Scope::ReadSoFar(12)));
        assert_eq!(sitting.looked, [0]);
    }

    #[test]
    fn fresh_progress_and_unknown_tables() {
        assert_eq!(Progress::from_toml("version = 1\n").unwrap(), Progress::default());
        let text = "version = 1\nnote = \"mine\"\n\n[reading]\nblock = 1\noffset = 0\nzoom = 2\n\n\
                    [notes.q1]\nstability = 2.5\n\n[cards.q2]\nlast = \"right\"\nflag = true\n";
        let progress = Progress::from_toml(text).unwrap();
        assert_eq!(progress.reading, Some(Reading { block: 1, offset: 0 }));
        assert_eq!(progress.saved, None);
        assert_eq!(progress.cards.keys().collect::<Vec<_>>(), ["q2"]);
    }

    #[test]
    fn keys_that_need_quoting_are_read() {
        let text = "version = 1\n[cards.\"term:AI\"]\nlast = \"wrong\"\n[cards.\"tab\\tnew\\nline\"]\nlast = \"right\"\n\
                    [cards.\"café\"]\nlast = \"right\"\n[cards.\"\"]\nlast = \"right\"\n";
        let progress = Progress::from_toml(text).unwrap();
        assert_eq!(progress.cards.keys().collect::<Vec<_>>(), ["", "café", "tab\tnew\nline", "term:AI"]);
    }

    #[test]
    fn says_what_is_wrong_with_a_file() {
        let why = |text: &str| Progress::from_toml(text).unwrap_err();
        assert!(why("version = ").starts_with("it is not valid TOML"));
        assert_eq!(why("[reading]\nblock = 1\noffset = 1\n"), "it has no `version`");
        assert_eq!(why("version = 2\n"), "it is version 2, written by a newer lectern");
        assert_eq!(why("version = \"1\"\n"), "its `version` is not 1");
        assert_eq!(why("version = 1\nreading = 3\n"), "its `reading` is not a table");
        assert_eq!(why("version = 1\n[reading]\nblock = -1\noffset = 0\n"), "its `reading.block` is negative");
        assert_eq!(why("version = 1\n[reading]\nblock = 1\n"), "it has no `reading.offset`");
        assert_eq!(
            why("version = 1\n[reading]\nblock = 1\noffset = 2\nsaved = \"soon\"\n"),
            "its `reading.saved` (soon) is not an RFC 3339 time"
        );
        assert_eq!(why("version = 1\nsitting = 3\n"), "its `sitting` is not a table");
        assert_eq!(why("version = 1\n[sitting]\nmode = \"quiz\"\n"), "it has no `sitting.items`");
    }

    #[test]
    fn says_what_is_wrong_with_a_card() {
        let why = |card: &str| Progress::from_toml(&format!("version = 1\n[cards.q1]\n{card}\n")).unwrap_err();
        let memory =
            "stability = 2.5\ndifficulty = 5\ndue = 2026-12-03\nlast_review = 2026-12-01\nreps = 1\nlapses = 0";
        assert!(Progress::from_toml(&format!("version = 1\n[cards.q1]\n{memory}\n")).is_ok());
        assert_eq!(
            why("stability = 2.5\nreps = 3"),
            "it has no `cards.q1.difficulty` (a reviewed card has all of stability, difficulty, due, last_review, \
             reps, lapses)"
        );
        assert_eq!(
            why(&memory.replace("due = 2026-12-03", "due = 2026-12-03T00:00:00Z")),
            "its `cards.q1.due` is not a date"
        );
        assert_eq!(why(&memory.replace("due = 2026-12-03", "due = \"soon\"")), "its `cards.q1.due` is not a date");
        assert_eq!(
            why(&memory.replace("stability = 2.5", "stability = \"2.5\"")),
            "its `cards.q1.stability` is not a number"
        );
        assert_eq!(
            why(&memory.replace("stability = 2.5", "stability = nan")),
            "its `cards.q1.stability` is not a finite number"
        );
        assert_eq!(
            why(&memory.replace("stability = 2.5", "stability = 1e300")),
            "its `cards.q1.stability` is not a finite number"
        );
        assert_eq!(
            why(&memory.replace("stability = 2.5", "stability = 0.0")),
            "its `cards.q1.stability` is not above 0"
        );
        assert_eq!(why(&memory.replace("reps = 1", "reps = -1")), "its `cards.q1.reps` is not a count");
        assert_eq!(why("last = \"meh\""), "its `cards.q1.last` is not \"right\", \"almost\" or \"wrong\"");
        assert_eq!(why("log = 3"), "its `cards.q1.log` is not a list");
        assert_eq!(why("log = [3]"), "its `cards.q1.log[0]` is not a table");
        assert_eq!(
            why(
                "log = [{ date = 2026-12-01, rating = \"good\", interval = 2 }, { date = 2026-12-02, rating = \"ok\", interval = 1 }]"
            ),
            "its `cards.q1.log[1].rating` is missing or not again, hard, good or easy"
        );
        assert_eq!(
            why("log = [{ rating = \"good\", interval = 2 }]"),
            "its `cards.q1.log[0].date` is missing or not a date"
        );
        assert_eq!(
            why("log = [{ date = 2026-12-01, rating = \"good\", interval = -2 }]"),
            "its `cards.q1.log[0].interval` is missing or not a count"
        );
        assert_eq!(Progress::from_toml("version = 1\ncards = 3\n").unwrap_err(), "its `cards` is not a table");
        assert_eq!(
            Progress::from_toml("version = 1\n[cards]\n\"term:x\" = 3\n").unwrap_err(),
            "its `cards.\"term:x\"` is not a table"
        );
        // Dates written as strings are read too.
        let card = Progress::from_toml(&format!(
            "version = 1\n[cards.q1]\n{}\n",
            memory.replace("2026-12-03", "\"2026-12-03\"")
        ))
        .unwrap()
        .cards
        .remove("q1")
        .unwrap();
        assert_eq!(card.memory.unwrap().due, date(2026, 12, 3));
        assert_eq!(card.memory.unwrap().difficulty, 5.0);
    }
}
