//! Saved progress for one pack, and its TOML form. Tables this version does not know are
//! kept as read and written back untouched, and so are the keys it does not know in a card.
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
//! items = ["nvidia-one-day-loss", "term:Export controls"]
//! index = 1
//! answers = [{ key = "nvidia-one-day-loss", outcome = "right" }]
//! shown = []
//! seed = 7
//! started = 2026-12-01T09:00:00Z
//! scope = "read-so-far"
//! scope_block = 12
//! looked = [0]
//! ```
//!
//! A card's memory fields (`stability` to `lapses`) are all there or all absent (a card
//! never reviewed). Floats are written as the shortest decimal that reads back as the same
//! `f32`. `sitting` is a sitting left unfinished (see [`SavedSitting`]), written whole: its
//! `scope` is `all`, `read-so-far` or `paragraph`, the last two with the block in
//! `scope_block`, and its `seed` is the 64-bit seed as a signed TOML integer.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use jiff::{Timestamp, Unit};

use crate::study::deck::{Mode, Scope};
use crate::study::schedule::{Card, Memory, Outcome, Rating, Review};
use crate::study::session::SavedSitting;

/// The format version this code reads and writes.
pub const VERSION: i64 = 1;

/// Where the reader was: a block of the article and an offset within it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Reading {
    pub block: usize,
    pub offset: usize,
}

/// Everything saved for one pack.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    /// The reading position, if one was saved.
    pub reading: Option<Reading>,
    /// Each card's schedule, by its key (see [`crate::study::deck::key`]).
    pub cards: BTreeMap<String, Card>,
    /// A sitting left unfinished, to resume.
    pub sitting: Option<SavedSitting>,
    /// When the reading position was saved, as read from the file.
    saved: Option<Timestamp>,
    /// The whole file as read, less `version`: unknown tables and keys are written back as they were.
    other: toml::Table,
}

impl Progress {
    /// When the reading position was last saved (`None` for fresh progress).
    pub fn saved(&self) -> Option<Timestamp> {
        self.saved
    }

    /// The tables of the file besides `version`, `reading`, `cards` and `sitting`, as read.
    pub fn other(&self) -> impl Iterator<Item = (&str, &toml::Value)> {
        self.other.iter().filter(|(k, _)| !KNOWN.contains(&k.as_str())).map(|(k, v)| (k.as_str(), v))
    }

    /// Reads a save file; the error says what is wrong with it.
    pub(crate) fn from_toml(text: &str) -> Result<Self, String> {
        let mut other: toml::Table =
            text.parse().map_err(|e: toml::de::Error| format!("it is not valid TOML: {}", e.message().trim()))?;
        match other.remove("version") {
            Some(toml::Value::Integer(VERSION)) => {}
            Some(toml::Value::Integer(n)) if n > VERSION => {
                return Err(format!("it is version {n}, written by a newer lectern"));
            }
            Some(_) => return Err("its `version` is not 1".to_string()),
            None => return Err("it has no `version`".to_string()),
        }
        let (reading, saved) = match other.get("reading") {
            None => (None, None),
            Some(toml::Value::Table(table)) => {
                let (reading, saved) = read_reading(table)?;
                (Some(reading), saved)
            }
            Some(_) => return Err("its `reading` is not a table".to_string()),
        };
        let cards = match other.get("cards") {
            None => BTreeMap::new(),
            Some(toml::Value::Table(table)) => read_cards(table)?,
            Some(_) => return Err("its `cards` is not a table".to_string()),
        };
        let sitting = match other.get("sitting") {
            None => None,
            Some(toml::Value::Table(table)) => Some(read_sitting(table)?),
            Some(_) => return Err("its `sitting` is not a table".to_string()),
        };
        Ok(Self { reading, cards, sitting, saved, other })
    }

    /// The save file's text, with `reading.saved` set to `now`.
    pub(crate) fn to_toml(&self, now: Timestamp) -> String {
        let mut table = toml::Table::new();
        table.insert("version".to_string(), toml::Value::Integer(VERSION));
        for (key, value) in &self.other {
            table.insert(key.clone(), value.clone());
        }
        match self.reading {
            Some(reading) => {
                let mut fields = match table.remove("reading") {
                    Some(toml::Value::Table(fields)) => fields,
                    _ => toml::Table::new(),
                };
                let int = |n: usize| toml::Value::Integer(i64::try_from(n).unwrap_or(i64::MAX));
                fields.insert("block".to_string(), int(reading.block));
                fields.insert("offset".to_string(), int(reading.offset));
                fields.insert("saved".to_string(), datetime(now));
                table.insert("reading".to_string(), toml::Value::Table(fields));
            }
            None => {
                table.remove("reading");
            }
        }
        // Cards are written by hand, so that a review log is one line per card; the sitting
        // too, so that its fields keep their order.
        table.remove("cards");
        table.remove("sitting");
        let mut text = toml::to_string(&table).unwrap_or_default();
        if let Some(sitting) = &self.sitting {
            write_sitting(&mut text, sitting);
        }
        let extras = match self.other.get("cards") {
            Some(toml::Value::Table(cards)) => Some(cards),
            _ => None,
        };
        for (key, card) in &self.cards {
            let extra = match extras.and_then(|cards| cards.get(key)) {
                Some(toml::Value::Table(extra)) => Some(extra),
                _ => None,
            };
            write_card(&mut text, key, card, extra);
        }
        text
    }
}

/// The top-level tables this version reads.
const KNOWN: [&str; 3] = ["reading", "cards", "sitting"];

/// A card's fields this version reads; the memory fields come first.
const CARD_FIELDS: [&str; 8] = ["stability", "difficulty", "due", "last_review", "reps", "lapses", "last", "log"];

/// How many of [`CARD_FIELDS`] make up the memory state.
const MEMORY_FIELDS: usize = 6;

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
    let memory_fields = &CARD_FIELDS[..MEMORY_FIELDS];
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
    Ok(Card { memory, log, last })
}

fn read_sitting(table: &toml::Table) -> Result<SavedSitting, String> {
    let get = |field: &str| table.get(field).ok_or_else(|| format!("it has no `sitting.{field}`"));
    let place = |value: &toml::Value, name: &str| {
        value.as_integer().and_then(|n| usize::try_from(n).ok()).ok_or_else(|| format!("its `{name}` is not a count"))
    };
    let list = |field: &str| match get(field)? {
        toml::Value::Array(values) => Ok(values),
        _ => Err(format!("its `sitting.{field}` is not a list")),
    };
    let places = |field: &str| -> Result<Vec<usize>, String> {
        list(field)?.iter().enumerate().map(|(i, v)| place(v, &format!("sitting.{field}[{i}]"))).collect()
    };
    let mode = get("mode")?
        .as_str()
        .and_then(Mode::from_name)
        .ok_or("its `sitting.mode` is not \"quiz\", \"review\" or \"missed\"")?;
    let items = list("items")?
        .iter()
        .enumerate()
        .map(|(i, v)| v.as_str().map(str::to_string).ok_or_else(|| format!("its `sitting.items[{i}]` is not a string")))
        .collect::<Result<_, _>>()?;
    let mut answers = Vec::new();
    for (i, entry) in list("answers")?.iter().enumerate() {
        let key = entry.get("key").and_then(toml::Value::as_str);
        let outcome = entry.get("outcome").and_then(toml::Value::as_str).and_then(Outcome::from_name);
        match (key, outcome) {
            (Some(key), Some(outcome)) => answers.push((key.to_string(), outcome)),
            _ => return Err(format!("its `sitting.answers[{i}]` is not a key and a right, almost or wrong outcome")),
        }
    }
    let seed = get("seed")?.as_integer().ok_or("its `sitting.seed` is not a whole number")?;
    let started = match get("started")? {
        toml::Value::Datetime(d) => timestamp(&d.to_string(), "sitting.started")?,
        toml::Value::String(s) => timestamp(s, "sitting.started")?,
        _ => return Err("its `sitting.started` is not a date and time".to_string()),
    };
    let block = || place(get("scope_block")?, "sitting.scope_block");
    let scope = match get("scope")?.as_str() {
        Some("all") => Scope::All,
        Some("read-so-far") => Scope::ReadSoFar(block()?),
        Some("paragraph") => Scope::Paragraph(block()?),
        _ => return Err("its `sitting.scope` is not \"all\", \"read-so-far\" or \"paragraph\"".to_string()),
    };
    Ok(SavedSitting {
        mode,
        items,
        index: place(get("index")?, "sitting.index")?,
        answers,
        shown: places("shown")?,
        // Stored as the signed integer with the same bits: TOML has no unsigned 64-bit numbers.
        seed: seed as u64,
        started,
        scope,
        looked: places("looked")?,
    })
}

/// Appends the `[sitting]` table, its fields in a fixed order.
fn write_sitting(text: &mut String, sitting: &SavedSitting) {
    let string = |s: &str| toml::Value::String(s.to_string()).to_string();
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX).to_string();
    let list = |values: Vec<String>| format!("[{}]", values.join(", "));
    let (scope, block) = match sitting.scope {
        Scope::All => ("all", None),
        Scope::ReadSoFar(block) => ("read-so-far", Some(block)),
        Scope::Paragraph(block) => ("paragraph", Some(block)),
    };
    let answers = sitting
        .answers
        .iter()
        .map(|(key, outcome)| format!("{{ key = {}, outcome = \"{}\" }}", string(key), outcome.name()))
        .collect();
    text.push_str("\n[sitting]\n");
    let mut field = |name: &str, value: String| {
        let _ = writeln!(text, "{name} = {value}");
    };
    field("mode", string(sitting.mode.name()));
    field("items", list(sitting.items.iter().map(|key| string(key)).collect()));
    field("index", count(sitting.index));
    field("answers", list(answers));
    field("shown", list(sitting.shown.iter().map(|&n| count(n)).collect()));
    field("seed", (sitting.seed as i64).to_string());
    field("started", exact_datetime(sitting.started));
    field("scope", string(scope));
    if let Some(block) = block {
        field("scope_block", count(block));
    }
    field("looked", list(sitting.looked.iter().map(|&n| count(n)).collect()));
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
/// scheduler makes no other kind; a file holding another is corrupt.
fn usable(memory: &Memory) -> bool {
    memory.stability.is_finite() && memory.stability > 0.0 && memory.difficulty.is_finite()
}

/// Appends a card's table: the fields this version knows in a fixed order, then the ones it
/// does not, as they were read. A memory state that is not [`usable`] is left out rather
/// than written unreadably: the card is then new again.
fn write_card(text: &mut String, key: &str, card: &Card, extra: Option<&toml::Table>) {
    let _ = write!(text, "\n[cards.{}]\n", toml_key(key));
    let mut field = |name: &str, value: String| {
        let _ = writeln!(text, "{name} = {value}");
    };
    if let Some(memory) = card.memory.filter(usable) {
        field("stability", float(memory.stability));
        field("difficulty", float(memory.difficulty));
        field("due", date(memory.due));
        field("last_review", date(memory.last_review));
        field("reps", memory.reps.to_string());
        field("lapses", memory.lapses.to_string());
    }
    if let Some(last) = card.last {
        field("last", format!("\"{}\"", last.name()));
    }
    if !card.log.is_empty() {
        let entries: Vec<String> = card
            .log
            .iter()
            .map(|r| {
                format!("{{ date = {}, rating = \"{}\", interval = {} }}", date(r.date), r.rating.name(), r.interval)
            })
            .collect();
        field("log", format!("[{}]", entries.join(", ")));
    }
    for (name, value) in extra.into_iter().flatten() {
        if !CARD_FIELDS.contains(&name.as_str()) {
            field(&toml_key(name), value.to_string());
        }
    }
}

/// The shortest decimal that reads back as `x`: `2.3065`, not `2.306499958038330`.
fn float(x: f32) -> String {
    let short: f64 = x.to_string().parse().unwrap_or(f64::NAN);
    // Reading rounds the f64 to the nearest f32; if the short form could round elsewhere,
    // the exact value is written instead (every f32 is exactly an f64).
    let value = if short as f32 == x { short } else { f64::from(x) };
    toml::Value::Float(value).to_string()
}

/// A date as a TOML local date; a date TOML cannot hold (before year 0) as a string.
fn date(date: Date) -> String {
    match date.to_string().parse::<toml::value::Datetime>() {
        Ok(datetime) => datetime.to_string(),
        Err(_) => toml::Value::String(date.to_string()).to_string(),
    }
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

fn timestamp(text: &str, name: &str) -> Result<Timestamp, String> {
    text.parse().map_err(|_| format!("its `{name}` ({text}) is not an RFC 3339 time"))
}

/// An instant to the nanosecond, as a TOML date and time (a string if TOML cannot hold it).
fn exact_datetime(at: Timestamp) -> String {
    match at.to_string().parse::<toml::value::Datetime>() {
        Ok(datetime) => datetime.to_string(),
        Err(_) => toml::Value::String(at.to_string()).to_string(),
    }
}

/// `now` to the second, as a TOML date and time.
fn datetime(now: Timestamp) -> toml::Value {
    let now = now.round(Unit::Second).unwrap_or(now);
    match now.to_string().parse::<toml::value::Datetime>() {
        Ok(datetime) => toml::Value::Datetime(datetime),
        Err(_) => toml::Value::String(now.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use proptest::prelude::*;

    use super::*;

    fn now() -> Timestamp {
        "2025-01-31T09:15:00.7Z".parse().unwrap()
    }

    #[test]
    fn writes_version_and_reading() {
        let progress = Progress { reading: Some(Reading { block: 12, offset: 3 }), ..Progress::default() };
        assert_eq!(
            progress.to_toml(now()),
            "version = 1\n\n[reading]\nblock = 12\noffset = 3\nsaved = 2025-01-31T09:15:01Z\n"
        );
        let read = Progress::from_toml(&progress.to_toml(now())).unwrap();
        assert_eq!(read.reading, progress.reading);
        assert_eq!(read.saved(), Some("2025-01-31T09:15:01Z".parse().unwrap()));
    }

    #[test]
    fn fresh_progress_writes_only_the_version() {
        assert_eq!(Progress::default().to_toml(now()), "version = 1\n");
        assert_eq!(Progress::from_toml("version = 1\n").unwrap(), Progress::default());
    }

    #[test]
    fn keeps_what_it_does_not_know() {
        let text = "version = 1\nnote = \"mine\"\n\n[reading]\nblock = 1\noffset = 0\nzoom = 2\n\n\
                    [notes.q1]\ndue = 2025-02-01T00:00:00Z\nstability = 2.5\n\n[cards.q2]\nlast = \"right\"\n";
        let mut progress = Progress::from_toml(text).unwrap();
        assert_eq!(progress.other().map(|(k, _)| k).collect::<Vec<_>>(), ["note", "notes"]);
        progress.reading = Some(Reading { block: 4, offset: 2 });
        let written = Progress::from_toml(&progress.to_toml(now())).unwrap();
        assert_eq!(written.reading, Some(Reading { block: 4, offset: 2 }));
        assert_eq!(written.other["reading"]["zoom"].as_integer(), Some(2));
        assert_eq!(written.other["notes"]["q1"]["stability"].as_float(), Some(2.5));
        assert_eq!(written.cards["q2"].last, Some(Outcome::Right));
        assert_eq!(written.other["note"].as_str(), Some("mine"));
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
    }

    /// A reviewed card as in the module's example.
    fn reviewed() -> Card {
        Card {
            memory: Some(Memory {
                stability: 2.3065,
                difficulty: 2.118104,
                due: date(2026, 12, 3),
                last_review: date(2026, 12, 1),
                reps: 1,
                lapses: 0,
            }),
            log: vec![Review { date: date(2026, 12, 1), rating: Rating::Good, interval: 2 }],
            last: Some(Outcome::Right),
        }
    }

    fn with_cards(cards: &[(&str, Card)]) -> Progress {
        Progress { cards: cards.iter().map(|(k, c)| (k.to_string(), c.clone())).collect(), ..Progress::default() }
    }

    #[test]
    fn writes_cards() {
        let mut second = reviewed();
        second.log.push(Review { date: date(2026, 12, 3), rating: Rating::Again, interval: 1 });
        second.last = Some(Outcome::Wrong);
        let progress = with_cards(&[
            ("nvidia-one-day-loss", reviewed()),
            ("term:export controls", second),
            ("only-missed", Card { last: Some(Outcome::Almost), ..Card::default() }),
            ("untouched", Card::default()),
        ]);
        let text = progress.to_toml(now());
        assert_eq!(
            text,
            "version = 1\n\
             \n[cards.nvidia-one-day-loss]\nstability = 2.3065\ndifficulty = 2.118104\ndue = 2026-12-03\n\
             last_review = 2026-12-01\nreps = 1\nlapses = 0\nlast = \"right\"\n\
             log = [{ date = 2026-12-01, rating = \"good\", interval = 2 }]\n\
             \n[cards.only-missed]\nlast = \"almost\"\n\
             \n[cards.\"term:export controls\"]\nstability = 2.3065\ndifficulty = 2.118104\ndue = 2026-12-03\n\
             last_review = 2026-12-01\nreps = 1\nlapses = 0\nlast = \"wrong\"\n\
             log = [{ date = 2026-12-01, rating = \"good\", interval = 2 }, \
             { date = 2026-12-03, rating = \"again\", interval = 1 }]\n\
             \n[cards.untouched]\n"
        );
        assert_eq!(Progress::from_toml(&text).unwrap().cards, progress.cards);
    }

    #[test]
    fn cards_sit_beside_reading_and_unknown_tables() {
        let text = "version = 1\nnote = 1\n\n[reading]\nblock = 1\noffset = 0\n\n[zzz]\na = 1\n";
        let mut progress = Progress::from_toml(text).unwrap();
        progress.cards.insert("q1".to_string(), reviewed());
        let read = Progress::from_toml(&progress.to_toml(now())).unwrap();
        assert_eq!(read.cards, progress.cards);
        assert_eq!(read.reading, Some(Reading { block: 1, offset: 0 }));
        assert_eq!(read.other().map(|(k, _)| k).collect::<Vec<_>>(), ["note", "zzz"]);
    }

    #[test]
    fn keys_that_need_quoting_round_trip() {
        let keys = ["term:AI", "with space", "quote\"d", "back\\slash", "tab\tnew\nline", "bell\u{7}", "", "café"];
        let progress = with_cards(&keys.map(|k| (k, reviewed())));
        let read = Progress::from_toml(&progress.to_toml(now())).unwrap();
        assert_eq!(read.cards, progress.cards);
    }

    #[test]
    fn keeps_what_it_does_not_know_in_a_card() {
        let text = "version = 1\n[cards.q1]\nlast = \"wrong\"\nflag = true\nnote = { by = \"me\" }\n\
                    [cards.q2]\nlast = \"right\"\nextra = [1, 2]\n";
        let mut progress = Progress::from_toml(text).unwrap();
        progress.cards.insert("q1".to_string(), reviewed());
        // A card taken out of the map (a removed question) goes with its unknown keys.
        progress.cards.remove("q2");
        let written = progress.to_toml(now());
        let read = Progress::from_toml(&written).unwrap();
        assert_eq!(read.cards, progress.cards);
        assert_eq!(read.other["cards"]["q1"]["flag"].as_bool(), Some(true), "{written}");
        assert_eq!(read.other["cards"]["q1"]["note"]["by"].as_str(), Some("me"));
        assert!(!written.contains("extra") && !written.contains("q2"), "{written}");
        // No cards left: no `cards` table.
        progress.cards.clear();
        assert_eq!(progress.to_toml(now()), "version = 1\n");
    }

    #[test]
    fn floats_are_short_and_exact() {
        assert_eq!(float(2.3065), "2.3065");
        assert_eq!(float(1.0), "1.0");
        assert_eq!(float(0.1), "0.1");
        assert_eq!(float(36500.0), "36500.0");
        assert_eq!(float(f32::MIN_POSITIVE).parse::<f64>().unwrap() as f32, f32::MIN_POSITIVE);
    }

    proptest! {
        #[test]
        fn any_memory_round_trips_exactly(
            stability in f32::MIN_POSITIVE..f32::MAX,
            difficulty in proptest::num::f32::NORMAL | proptest::num::f32::SUBNORMAL | proptest::num::f32::ZERO,
            due in 0i32..3_000_000,
            reps: u32,
            lapses: u32,
        ) {
            let day = date(1, 1, 1).checked_add(jiff::Span::new().days(due)).unwrap();
            let memory = Memory { stability, difficulty, due: day, last_review: date(2026, 1, 1), reps, lapses };
            let progress = with_cards(&[("q", Card { memory: Some(memory), ..Card::default() })]);
            let read = Progress::from_toml(&progress.to_toml(now())).unwrap();
            let got = read.cards["q"].memory.unwrap();
            prop_assert_eq!(got.stability.to_bits(), stability.to_bits());
            prop_assert_eq!(got.difficulty.to_bits(), difficulty.to_bits());
            prop_assert_eq!(got, memory);
        }
    }

    #[test]
    fn a_memory_that_cannot_be_read_back_is_not_written() {
        for (stability, difficulty) in [(f32::NAN, 5.0), (0.0, 5.0), (-1.0, 5.0), (f32::INFINITY, 5.0), (2.0, f32::NAN)]
        {
            let mut card = reviewed();
            let memory = card.memory.as_mut().unwrap();
            (memory.stability, memory.difficulty) = (stability, difficulty);
            let read = Progress::from_toml(&with_cards(&[("q", card.clone())]).to_toml(now())).unwrap();
            assert_eq!(read.cards["q"], Card { memory: None, ..card });
        }
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

    fn sitting() -> SavedSitting {
        SavedSitting {
            mode: Mode::Review,
            items: vec!["nvidia-one-day-loss".into(), "term:Export controls".into(), "q3".into()],
            index: 1,
            answers: vec![("nvidia-one-day-loss".into(), Outcome::Right)],
            shown: vec![2, 0, 1],
            seed: 7,
            started: "2026-12-01T09:00:00Z".parse().unwrap(),
            scope: Scope::ReadSoFar(12),
            looked: vec![0, 1],
        }
    }

    #[test]
    fn writes_a_sitting() {
        let progress = Progress { sitting: Some(sitting()), ..with_cards(&[("q3", reviewed())]) };
        let text = progress.to_toml(now());
        assert!(
            text.starts_with(
                "version = 1\n\
                 \n[sitting]\nmode = \"review\"\nitems = [\"nvidia-one-day-loss\", \"term:Export controls\", \"q3\"]\n\
                 index = 1\nanswers = [{ key = \"nvidia-one-day-loss\", outcome = \"right\" }]\nshown = [2, 0, 1]\n\
                 seed = 7\nstarted = 2026-12-01T09:00:00Z\nscope = \"read-so-far\"\nscope_block = 12\nlooked = [0, 1]\n\
                 \n[cards.q3]\n"
            ),
            "{text}"
        );
        let read = Progress::from_toml(&text).unwrap();
        assert_eq!(read.sitting, progress.sitting);
        assert_eq!(read.cards, progress.cards);
        assert_eq!(read.other().count(), 0);
    }

    #[test]
    fn any_sitting_round_trips_exactly() {
        let odd = [
            SavedSitting {
                seed: u64::MAX,
                started: "2026-12-01T09:00:00.123456789Z".parse().unwrap(),
                scope: Scope::Paragraph(0),
                ..sitting()
            },
            SavedSitting {
                mode: Mode::Missed,
                items: vec!["quote\"d".into(), "".into()],
                answers: Vec::new(),
                shown: Vec::new(),
                looked: Vec::new(),
                scope: Scope::All,
                ..sitting()
            },
            SavedSitting { mode: Mode::Quiz, seed: 1 << 63, ..sitting() },
        ];
        for saved in odd {
            let progress = Progress { sitting: Some(saved), ..Progress::default() };
            let text = progress.to_toml(now());
            assert_eq!(Progress::from_toml(&text).unwrap().sitting, progress.sitting, "{text}");
        }
    }

    #[test]
    fn a_finished_sitting_leaves_the_file_and_unknown_tables_stay() {
        let text = "version = 1\n[zzz]\na = 1\n\n[sitting]\nmode = \"quiz\"\nitems = []\nindex = 0\nanswers = []\n\
                    shown = []\nseed = 1\nstarted = 2026-12-01T09:00:00Z\nscope = \"all\"\nlooked = []\nnote = 1\n";
        let mut progress = Progress::from_toml(text).unwrap();
        assert_eq!(progress.sitting.as_ref().map(|s| s.mode), Some(Mode::Quiz));
        assert_eq!(progress.other().map(|(k, _)| k).collect::<Vec<_>>(), ["zzz"]);
        progress.sitting = None;
        let written = progress.to_toml(now());
        assert_eq!(written, "version = 1\n\n[zzz]\na = 1\n");
    }

    #[test]
    fn says_what_is_wrong_with_a_sitting() {
        let good = "mode = \"quiz\"\nitems = [\"q1\"]\nindex = 0\nanswers = []\nshown = []\nseed = 1\n\
                    started = 2026-12-01T09:00:00Z\nscope = \"all\"\nlooked = []";
        let read = |sitting: &str| Progress::from_toml(&format!("version = 1\n[sitting]\n{sitting}\n"));
        assert!(read(good).is_ok());
        for (from, to, why) in [
            ("mode = \"quiz\"", "mode = \"exam\"", "its `sitting.mode` is not \"quiz\", \"review\" or \"missed\""),
            ("index = 0", "index = -1", "its `sitting.index` is not a count"),
            ("index = 0\n", "", "it has no `sitting.index`"),
            ("[\"q1\"]", "[1]", "its `sitting.items[0]` is not a string"),
            ("items = [\"q1\"]", "items = \"q1\"", "its `sitting.items` is not a list"),
            (
                "answers = []",
                "answers = [{ key = \"q1\", outcome = \"meh\" }]",
                "its `sitting.answers[0]` is not a key and a right, almost or wrong outcome",
            ),
            ("shown = []", "shown = [0, -2]", "its `sitting.shown[1]` is not a count"),
            ("seed = 1", "seed = 1.5", "its `sitting.seed` is not a whole number"),
            ("2026-12-01T09:00:00Z", "\"soon\"", "its `sitting.started` (soon) is not an RFC 3339 time"),
            ("2026-12-01T09:00:00Z", "3", "its `sitting.started` is not a date and time"),
            ("\"all\"", "\"some\"", "its `sitting.scope` is not \"all\", \"read-so-far\" or \"paragraph\""),
            ("\"all\"", "\"paragraph\"", "it has no `sitting.scope_block`"),
            ("looked = []", "looked = 0", "its `sitting.looked` is not a list"),
        ] {
            assert_eq!(read(&good.replace(from, to)).unwrap_err(), why, "{to}");
        }
        assert_eq!(Progress::from_toml("version = 1\nsitting = 3\n").unwrap_err(), "its `sitting` is not a table");
    }
}
