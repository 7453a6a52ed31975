//! Saved progress for one pack, and its TOML form. Tables this version does not know are
//! kept as read and written back untouched.
//!
//! ```toml
//! version = 1
//!
//! [reading]
//! block = 12
//! offset = 3
//! saved = 2025-01-31T09:15:00Z
//! ```

use jiff::{Timestamp, Unit};

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

    /// The tables of the file besides `version` and `reading`, as read.
    pub fn other(&self) -> impl Iterator<Item = (&str, &toml::Value)> {
        self.other.iter().filter(|(k, _)| k.as_str() != "reading").map(|(k, v)| (k.as_str(), v))
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
        Ok(Self { reading, saved, other })
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
        toml::to_string(&table).unwrap_or_default()
    }
}

fn read_reading(table: &toml::Table) -> Result<(Reading, Option<Timestamp>), String> {
    let index = |key: &str| match table.get(key) {
        Some(toml::Value::Integer(n)) => usize::try_from(*n).map_err(|_| format!("its `reading.{key}` is negative")),
        Some(_) => Err(format!("its `reading.{key}` is not a whole number")),
        None => Err(format!("it has no `reading.{key}`")),
    };
    let reading = Reading { block: index("block")?, offset: index("offset")? };
    let saved = match table.get("saved") {
        None => None,
        Some(toml::Value::Datetime(d)) => Some(timestamp(&d.to_string())?),
        Some(toml::Value::String(s)) => Some(timestamp(s)?),
        Some(_) => return Err("its `reading.saved` is not a date and time".to_string()),
    };
    Ok((reading, saved))
}

fn timestamp(text: &str) -> Result<Timestamp, String> {
    text.parse().map_err(|_| format!("its `reading.saved` ({text}) is not an RFC 3339 time"))
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
                    [cards.q1]\ndue = 2025-02-01T00:00:00Z\nstability = 2.5\n";
        let mut progress = Progress::from_toml(text).unwrap();
        assert_eq!(progress.other().map(|(k, _)| k).collect::<Vec<_>>(), ["cards", "note"]);
        progress.reading = Some(Reading { block: 4, offset: 2 });
        let written = Progress::from_toml(&progress.to_toml(now())).unwrap();
        assert_eq!(written.reading, Some(Reading { block: 4, offset: 2 }));
        assert_eq!(written.other["reading"]["zoom"].as_integer(), Some(2));
        assert_eq!(written.other["cards"]["q1"]["stability"].as_float(), Some(2.5));
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
}
