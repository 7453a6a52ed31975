//! Saved progress: one TOML file per pack in `<data dir>/progress/`, written atomically.
//! A file that cannot be read is moved aside, never overwritten.

mod progress;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use tempfile::NamedTempFile;

pub use progress::{Progress, Reading};

/// Longest file name used for a pack's progress, in bytes (file systems allow 255).
const MAX_NAME: usize = 200;

/// Why progress could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The pack id cannot name a file.
    #[error("pack id {id:?} cannot name a progress file: {why}")]
    UnsafeId { id: String, why: &'static str },
    /// Reading, writing or moving a file failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// What loading found: the progress, and a message for the user when the saved file was
/// unreadable and has been moved aside.
#[derive(Debug)]
pub struct LoadOutcome {
    pub progress: Progress,
    /// Why the saved progress was set aside and where it went; show it to the user.
    pub warning: Option<String>,
}

/// The progress files of one data directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store in `<data_dir>/progress`; nothing is created until the first save.
    pub fn new(data_dir: &Path) -> Self {
        Self { dir: data_dir.join("progress") }
    }

    /// The file that holds `pack_id`'s progress.
    pub fn path(&self, pack_id: &str) -> Result<PathBuf, StoreError> {
        Ok(self.dir.join(format!("{}.toml", file_stem(pack_id)?)))
    }

    /// Loads a pack's progress: fresh when nothing is saved. A file that is not UTF-8, not
    /// TOML, or not the expected shape is renamed to `<file>.corrupt-<time>` and reported in
    /// the outcome's warning. If it cannot be moved, the error says so; do not save over it then.
    pub fn load(&self, pack_id: &str) -> Result<LoadOutcome, StoreError> {
        let path = self.path(pack_id)?;
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok(LoadOutcome { progress: Progress::default(), warning: None });
            }
            Err(source) => return Err(StoreError::Io { action: "read", path, source }),
        };
        let why = match String::from_utf8(bytes) {
            Ok(text) => match Progress::from_toml(&text) {
                Ok(progress) => return Ok(LoadOutcome { progress, warning: None }),
                Err(why) => why,
            },
            Err(_) => "it is not UTF-8 text".to_string(),
        };
        let aside = move_aside(&path, Timestamp::now())?;
        let warning = format!(
            "the saved progress in {} could not be read ({why}); it was moved to {} and reading starts afresh",
            path.display(),
            aside.display()
        );
        Ok(LoadOutcome { progress: Progress::default(), warning: Some(warning) })
    }

    /// Saves a pack's progress, stamping the time. The old file is replaced only once the
    /// new one is complete on disk. Save progress that came from [`Store::load`], so that
    /// the tables this version does not know are kept.
    pub fn save(&self, pack_id: &str, progress: &Progress) -> Result<(), StoreError> {
        let path = self.path(pack_id)?;
        let staged = match stage(&path, progress.to_toml(Timestamp::now()).as_bytes()) {
            Ok(staged) => staged,
            Err(source) => return Err(StoreError::Io { action: "write", path, source }),
        };
        commit(staged, &path).map_err(|source| StoreError::Io { action: "replace", path, source })
    }
}

/// The file name for a pack id: ASCII letters, digits, `-`, `_` and `.` kept, anything else
/// (and a leading `.`) written as `%XX` per byte, so no id can leave the directory or
/// collide with another. Empty ids, control characters and very long ids are refused.
fn file_stem(id: &str) -> Result<String, StoreError> {
    let refuse = |why| Err(StoreError::UnsafeId { id: id.to_string(), why });
    if id.is_empty() {
        return refuse("it is empty");
    }
    if id.chars().any(char::is_control) {
        return refuse("it holds a control character");
    }
    let mut stem = String::with_capacity(id.len());
    for (i, byte) in id.bytes().enumerate() {
        match byte {
            b'.' if i == 0 => stem.push_str("%2E"),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => stem.push(char::from(byte)),
            _ => stem.push_str(&format!("%{byte:02X}")),
        }
    }
    if stem.len() > MAX_NAME {
        return refuse("it is too long");
    }
    Ok(stem)
}

/// Writes `contents` to a new temporary file beside `path` and flushes it to disk.
/// `path` itself is untouched until [`commit`].
fn stage(path: &Path, contents: &[u8]) -> io::Result<NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut file = tempfile::Builder::new().prefix(".progress-").suffix(".tmp").tempfile_in(dir)?;
    file.write_all(contents)?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// Renames the staged file over `path` in one step, then flushes the directory so the
/// rename itself survives a crash.
fn commit(staged: NamedTempFile, path: &Path) -> io::Result<()> {
    staged.persist(path).map_err(|e| e.error)?;
    #[cfg(unix)]
    if let Some(dir) = path.parent()
        && let Ok(dir) = fs::File::open(dir)
    {
        // Not every file system can sync a directory; the data is written either way.
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Renames an unreadable save file to `<name>.corrupt-<UTC time>`, never over another file.
fn move_aside(path: &Path, now: Timestamp) -> Result<PathBuf, StoreError> {
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let io = |source| StoreError::Io { action: "move aside", path: path.to_path_buf(), source };
    for n in 0..1000 {
        let suffix = if n == 0 { String::new() } else { format!("-{n}") };
        let aside = path.with_file_name(format!("{name}.corrupt-{stamp}{suffix}"));
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
    Err(io(io::Error::new(io::ErrorKind::AlreadyExists, "too many corrupt copies")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        (dir, store)
    }

    fn at(block: usize, offset: usize) -> Progress {
        let mut progress = Progress::default();
        progress.reading = Some(Reading { block, offset });
        progress
    }

    #[test]
    fn missing_file_gives_fresh_progress() {
        let (_dir, store) = store();
        let outcome = store.load("pack").unwrap();
        assert_eq!(outcome.progress, Progress::default());
        assert!(outcome.warning.is_none());
    }

    #[test]
    fn round_trip() {
        let (dir, store) = store();
        store.save("deepseek-ai-arms-race", &at(7, 2)).unwrap();
        assert!(dir.path().join("progress/deepseek-ai-arms-race.toml").is_file());
        let outcome = store.load("deepseek-ai-arms-race").unwrap();
        assert_eq!(outcome.progress.reading, Some(Reading { block: 7, offset: 2 }));
        assert!(outcome.progress.saved().is_some());
        assert!(outcome.warning.is_none());
        // Saving again replaces the position.
        store.save("deepseek-ai-arms-race", &at(8, 0)).unwrap();
        assert_eq!(
            store.load("deepseek-ai-arms-race").unwrap().progress.reading,
            Some(Reading { block: 8, offset: 0 })
        );
    }

    #[test]
    fn unknown_tables_are_preserved() {
        let (_dir, store) = store();
        let path = store.path("p").unwrap();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "version = 1\n\n[notes.q1]\nstability = 2.5\nreps = 3\n").unwrap();
        let mut progress = store.load("p").unwrap().progress;
        progress.reading = Some(Reading { block: 1, offset: 1 });
        store.save("p", &progress).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("[notes.q1]\nreps = 3\nstability = 2.5\n"), "{text}");
        assert!(text.contains("[reading]\nblock = 1\noffset = 1\n"), "{text}");
    }

    #[test]
    fn corrupt_files_are_moved_aside_intact() {
        let (_dir, store) = store();
        let path = store.path("p").unwrap();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        for (i, bad) in
            [&b"version = 1\n[reading\n"[..], b"\xff\xfe", b"version = 1\nreading = []\n"].iter().enumerate()
        {
            fs::write(&path, bad).unwrap();
            let outcome = store.load("p").unwrap();
            assert_eq!(outcome.progress, Progress::default());
            let warning = outcome.warning.unwrap();
            assert!(warning.contains("moved to"), "{warning}");
            assert!(!path.exists());
            let aside: Vec<PathBuf> = fs::read_dir(path.parent().unwrap())
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().contains("p.toml.corrupt-"))
                .collect();
            // Files set aside in the same second do not replace each other.
            assert_eq!(aside.len(), i + 1);
            assert!(aside.iter().any(|p| fs::read(p).unwrap() == *bad && warning.contains(&p.display().to_string())));
        }
    }

    #[test]
    fn scheduled_cards_survive_a_round_trip_exactly() {
        use crate::study::schedule::{Card, Outcome, Rating, Scheduler};
        use jiff::civil::date;

        let (_dir, store) = store();
        let scheduler = Scheduler::new();
        let mut progress = at(3, 1);
        let mut day = date(2026, 12, 1);
        for (n, rating) in
            [Rating::Good, Rating::Good, Rating::Again, Rating::Hard, Rating::Easy].into_iter().enumerate()
        {
            for key in ["nvidia-one-day-loss", "term:export controls"] {
                let card = progress.cards.entry(key.to_string()).or_default();
                scheduler.review(card, rating, None, day);
            }
            progress.cards.insert(format!("only-outcome-{n}"), Card { last: Some(Outcome::Almost), ..Card::default() });
            day = progress.cards["nvidia-one-day-loss"].memory.unwrap().due;
        }
        store.save("p", &progress).unwrap();
        let loaded = store.load("p").unwrap();
        assert!(loaded.warning.is_none());
        assert_eq!(loaded.progress.cards, progress.cards);
        assert_eq!(loaded.progress.reading, progress.reading);
        for (key, card) in &progress.cards {
            let (want, got) = (card.memory, loaded.progress.cards[key].memory);
            let bits =
                |m: Option<crate::study::schedule::Memory>| m.map(|m| (m.stability.to_bits(), m.difficulty.to_bits()));
            assert_eq!(bits(got), bits(want), "{key}");
        }
        // Saving what was loaded writes the same file again.
        let first = fs::read_to_string(store.path("p").unwrap()).unwrap();
        store.save("p", &loaded.progress).unwrap();
        let second = fs::read_to_string(store.path("p").unwrap()).unwrap();
        let cards_part = |text: &str| text[text.find("[cards.").unwrap()..].to_string();
        assert_eq!(cards_part(&second), cards_part(&first));
    }

    #[test]
    fn a_malformed_card_makes_the_file_corrupt() {
        let (_dir, store) = store();
        let path = store.path("p").unwrap();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Memory fields are all there or all absent: half a state is not guessed at.
        let bad = "version = 1\n[reading]\nblock = 1\noffset = 0\n[cards.q1]\nstability = 2.5\nreps = 3\n";
        fs::write(&path, bad).unwrap();
        let outcome = store.load("p").unwrap();
        assert_eq!(outcome.progress, Progress::default());
        let warning = outcome.warning.unwrap();
        assert!(warning.contains("it has no `cards.q1.difficulty`") && warning.contains("moved to"), "{warning}");
        assert!(!path.exists());
    }

    #[test]
    fn corrupt_names_are_safe_on_every_file_system() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        fs::write(&path, "x").unwrap();
        let aside = move_aside(&path, "2025-01-31T09:15:00Z".parse().unwrap()).unwrap();
        assert_eq!(aside.file_name().unwrap(), "p.toml.corrupt-20250131T091500Z");
    }

    #[test]
    fn the_old_file_stays_until_the_new_one_is_complete() {
        let (_dir, store) = store();
        store.save("p", &at(1, 0)).unwrap();
        let path = store.path("p").unwrap();
        let old = fs::read_to_string(&path).unwrap();
        let staged = stage(&path, at(2, 0).to_toml(Timestamp::now()).as_bytes()).unwrap();
        // Beside the target, so the rename cannot cross file systems.
        assert_eq!(staged.path().parent(), path.parent());
        assert_eq!(fs::read_to_string(&path).unwrap(), old);
        // A write that fails before the rename leaves the old file and no temporary behind.
        drop(staged);
        assert_eq!(fs::read_to_string(&path).unwrap(), old);
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
        let staged = stage(&path, at(2, 0).to_toml(Timestamp::now()).as_bytes()).unwrap();
        commit(staged, &path).unwrap();
        assert_eq!(store.load("p").unwrap().progress.reading, Some(Reading { block: 2, offset: 0 }));
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn pack_ids_cannot_leave_the_directory() {
        let (dir, store) = store();
        let progress = dir.path().join("progress");
        for id in ["..", ".", "../escape", "a/b", "a\\b", "/etc/passwd", ".hidden", "café", "50%"] {
            let path = store.path(id).unwrap();
            assert_eq!(path.parent(), Some(progress.as_path()), "{id}");
            let name = path.file_name().unwrap().to_str().unwrap();
            assert!(!name.starts_with('.') && !name.contains(['/', '\\']), "{id} -> {name}");
        }
        assert_eq!(store.path("..").unwrap().file_name().unwrap(), "%2E..toml");
        assert_eq!(store.path("a/b").unwrap().file_name().unwrap(), "a%2Fb.toml");
        assert_eq!(store.path("café").unwrap().file_name().unwrap(), "caf%C3%A9.toml");
        assert_ne!(store.path("a%2Fb").unwrap(), store.path("a/b").unwrap());
        for id in ["", "a\nb", "\u{1b}[31m", &"x".repeat(300)] {
            assert!(matches!(store.path(id), Err(StoreError::UnsafeId { .. })), "{id:?}");
            assert!(store.save(id, &at(0, 0)).is_err());
        }
        store.save("../escape", &at(0, 0)).unwrap();
        assert!(!dir.path().join("escape.toml").exists());
        assert_eq!(store.load("../escape").unwrap().progress.reading, Some(Reading { block: 0, offset: 0 }));
    }

    #[test]
    fn a_sitting_under_way_survives_the_store() {
        use crate::pack::source::{BUNDLED, Origin};
        use crate::study::deck::{Mode, Scope};
        use crate::study::grade::Response;
        use crate::study::session::{Sitting, SittingOptions};

        let (_dir, store) = store();
        let pack = crate::pack::load(Origin::Bundled(&BUNDLED[0])).pack;
        let options = SittingOptions {
            today: jiff::civil::date(2026, 12, 1),
            now: "2026-12-01T09:00:00.25Z".parse().unwrap(),
            daily_new: 20,
            seed: u64::MAX - 3,
            in_order: false,
            scope: Scope::ReadSoFar(6),
        };
        let mut progress = at(6, 0);
        let mut sitting = Sitting::start(&pack, &progress.cards, Mode::Quiz, &options);
        assert!(sitting.items.len() > 3);
        sitting.answer(&pack, &mut progress.cards, &Response::Text("nothing".into()));
        sitting.next(&pack, false);
        sitting.look();
        progress.sitting = Some(sitting.save(&pack));
        store.save("p", &progress).unwrap();

        let loaded = store.load("p").unwrap();
        assert!(loaded.warning.is_none());
        assert_eq!(loaded.progress.sitting, progress.sitting);
        let resumed = Sitting::resume(&pack, loaded.progress.sitting.as_ref().unwrap(), &options).unwrap();
        assert_eq!((resumed.items.clone(), resumed.index, resumed.looked()), (sitting.items.clone(), 1, true));
        assert_eq!(resumed.shown, sitting.shown);
        assert_eq!(resumed.answers, sitting.answers);

        // A sitting the file cannot hold together sets the file aside, as a bad card does.
        let path = store.path("p").unwrap();
        let text = fs::read_to_string(&path).unwrap().replace("scope = \"read-so-far\"", "scope = \"most\"");
        fs::write(&path, text).unwrap();
        let outcome = store.load("p").unwrap();
        assert_eq!(outcome.progress, Progress::default());
        assert!(outcome.warning.unwrap().contains("its `sitting.scope` is not"));
    }
}
