//! Saved progress and notes: one SQLite database, `lectern.db` in the data directory, that
//! several lectern processes share. Each change is written in a transaction of its own the
//! moment it is made, as rows of its own, so two processes on one pack lose nothing of each
//! other's. A database that cannot be read is moved aside, never overwritten; one from a
//! newer lectern is refused as it is. The per-pack TOML files of earlier versions are
//! imported once (see `import.rs`).

mod checked;
mod db;
mod import;
pub mod last_read;
mod places;
mod progress;
mod read;
mod schema;
mod sitting;
mod sync;
mod write;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};

pub use db::{Db, DbOpening, FILE, Opened};
pub use places::Identity;
pub use progress::Reading;
pub use read::Lookup;
pub use sync::Written;

/// Reads `text` as an old progress file (for fuzzing: the database imports them).
pub(crate) fn parse_progress(text: &str) -> Result<(), String> {
    progress::Progress::from_toml(text).map(|_| ())
}

use crate::notes::Notes;
use crate::study::deck::Mode;
use crate::study::schedule::Card;
use crate::study::session::{SavedSitting, Summary};

/// Why progress could not be loaded or saved. Each message names its path and its cause
/// once: the cause is part of the message, not a second error after it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Reading, writing or moving a file failed.
    #[error("cannot {action} {}: {error}", path.display())]
    Io { action: &'static str, path: PathBuf, error: io::Error },
    /// The database refused or failed (locked too long, disk full, read-only, a bad row).
    #[error("cannot {action} in {}: {error}", path.display())]
    Database { action: &'static str, path: PathBuf, error: rusqlite::Error },
    /// The database was made by a newer lectern: it is left as it is.
    #[error(
        "{} was written by a newer lectern (schema version {found}; this one knows up to {known}); it is left as it is",
        path.display()
    )]
    Newer { path: PathBuf, found: i64, known: i64 },
    /// There is no database to write to.
    #[error("there is no database to save to ({why})")]
    Closed { why: String },
}

/// Everything saved for one pack.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Saved {
    /// The reading position, if one was saved.
    pub reading: Option<Reading>,
    /// Each card's schedule, by its key (see [`crate::study::deck::key`]), with its whole
    /// review log, oldest first.
    pub cards: std::collections::BTreeMap<String, Card>,
    /// A sitting left unfinished, to resume.
    pub sitting: Option<SavedSitting>,
    /// Highlights, notes, bookmarks and answers to discussion prompts.
    pub notes: Notes,
}

/// A sitting that reached its summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub mode: Mode,
    pub started: Timestamp,
    pub finished: Timestamp,
    /// Answers given.
    pub asked: usize,
    /// Answers right.
    pub right: usize,
    /// Answers almost right (see [`Summary::score`]).
    pub almost: usize,
}

impl Finished {
    /// The sitting of `mode` begun at `started` that ended with `summary`: it finished
    /// `summary.seconds` after it began.
    pub fn new(mode: Mode, started: Timestamp, summary: &Summary) -> Self {
        let finished = started.checked_add(SignedDuration::from_secs(summary.seconds)).unwrap_or(started);
        Self { mode, started, finished, asked: summary.asked, right: summary.right, almost: summary.almost }
    }
}

/// Renames `path` to `<name>.<label>`, or `<name>.<label>-1` and on when that is taken:
/// never over another file. Returns the new path.
fn set_aside(path: &Path, label: &str) -> Result<PathBuf, StoreError> {
    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let io = |source| StoreError::Io { action: "move aside", path: path.to_path_buf(), error: source };
    for n in 0..1000 {
        let suffix = if n == 0 { String::new() } else { format!("-{n}") };
        let aside = path.with_file_name(format!("{name}.{label}{suffix}"));
        // A hard link fails rather than replace an existing file, unlike a rename.
        match fs::hard_link(path, &aside) {
            Ok(()) => {
                fs::remove_file(path).map_err(io)?;
                return Ok(aside);
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            // Some file systems have no hard links: rename, having checked the name is free.
            Err(_) if !aside.exists() => {
                fs::rename(path, &aside).map_err(io)?;
                return Ok(aside);
            }
            Err(error) => return Err(io(error)),
        }
    }
    Err(io(io::Error::new(io::ErrorKind::AlreadyExists, "too many copies set aside")))
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file beside it, then
/// renamed over it.
fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = tempfile::NamedTempFile::new_in(path.parent().unwrap_or(Path::new(".")))?;
    io::Write::write_all(&mut file, bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A time as it names a file: `20250131T091500Z`, safe on every file system.
fn file_time(now: Timestamp) -> String {
    now.strftime("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_aside_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        let label = format!("corrupt-{}", file_time("2025-01-31T09:15:00.5Z".parse().unwrap()));
        assert_eq!(label, "corrupt-20250131T091500Z");
        let mut aside = Vec::new();
        for n in 0..3 {
            fs::write(&path, format!("copy {n}")).unwrap();
            aside.push(set_aside(&path, &label).unwrap());
            assert!(!path.exists());
        }
        let names: Vec<_> = aside.iter().map(|p| p.file_name().unwrap().to_str().unwrap()).collect();
        assert_eq!(
            names,
            [
                "p.toml.corrupt-20250131T091500Z",
                "p.toml.corrupt-20250131T091500Z-1",
                "p.toml.corrupt-20250131T091500Z-2"
            ]
        );
        for (n, path) in aside.iter().enumerate() {
            assert_eq!(fs::read_to_string(path).unwrap(), format!("copy {n}"));
        }
    }

    #[test]
    fn a_finished_sitting_ends_its_seconds_after_it_began() {
        let summary = Summary {
            right: 3,
            almost: 1,
            asked: 5,
            seconds: 95,
            by_kind: Default::default(),
            missed: Vec::new(),
            due_tomorrow: 0,
            looked_up: 0,
        };
        let finished = Finished::new(Mode::Review, "2026-12-01T09:00:00Z".parse().unwrap(), &summary);
        assert_eq!(finished.finished, "2026-12-01T09:01:35Z".parse().unwrap());
        assert_eq!((finished.asked, finished.right, finished.almost), (5, 3, 1));
    }
}
