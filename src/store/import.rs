//! The progress files of earlier versions, `<data dir>/progress/<id>.toml`, imported into
//! the database once: each file whose pack has no progress in the database yet goes in
//! whole (reading position, cards with their logs, the sitting left unfinished) in one
//! transaction, and is then renamed `<file>.imported`, kept. A file that cannot be read,
//! or whose pack has progress already, is left where it is and named in a warning.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::params;

use super::progress::Progress;
use super::write::{add_review, int, upsert_card};
use super::{Db, StoreError, set_aside, sitting};

/// The folder of the old files in the data directory.
const FOLDER: &str = "progress";

/// What importing a file found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Import {
    /// Imported now.
    Done,
    /// Imported before, but not renamed then.
    Before,
    /// The database has progress for the pack already.
    Taken,
}

/// The largest old progress file read: one of a few thousand cards is well under a megabyte.
const MAX_FILE: u64 = 16 * 1024 * 1024;

/// Imports every old progress file in `data_dir`; returns a warning for each that was not.
pub(super) fn old_progress(db: &mut Db, data_dir: &Path, now: Timestamp) -> Vec<String> {
    let dir = data_dir.join(FOLDER);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Vec::new(),
        Err(error) => {
            return vec![format!(
                "the old progress in {} could not be listed ({error}); none was imported",
                dir.display()
            )];
        }
    };
    let paths: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect();
    // The copies an old lectern wrote before renaming one over its progress file: one left
    // behind was cut short by a kill, and the file it was to replace is whole.
    for path in &paths {
        let name = path.file_name().and_then(OsStr::to_str).unwrap_or_default();
        if name.starts_with(".progress-") && name.ends_with(".tmp") && path.is_file() {
            let _ = fs::remove_file(path);
        }
    }
    let mut files: Vec<PathBuf> =
        paths.into_iter().filter(|path| path.extension() == Some(OsStr::new("toml")) && path.is_file()).collect();
    files.sort();
    files
        .iter()
        .filter_map(|path| {
            import_file(db, path, now).err().map(|why| {
                format!("the old progress file {} was not imported ({why}); it is left as it was", path.display())
            })
        })
        .collect()
}

/// Imports one file and renames it; the error says why it was not.
fn import_file(db: &mut Db, path: &Path, now: Timestamp) -> Result<(), String> {
    let stem = path.file_stem().and_then(OsStr::to_str).unwrap_or_default();
    let pack_id = pack_id(stem).ok_or("its name is not a pack id that lectern wrote")?;
    // Sized before it is read: no progress file lectern wrote comes near the limit.
    let size = fs::metadata(path).map_err(|error| format!("it cannot be read: {error}"))?.len();
    if size > MAX_FILE {
        return Err(format!("it is {} MB, more than a progress file can be", size / 1_000_000));
    }
    let text = fs::read_to_string(path).map_err(|error| format!("it cannot be read: {error}"))?;
    let progress = Progress::from_toml(&text)?;
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    match db.import(&pack_id, &file, &text, &progress, now).map_err(|error| error.to_string())? {
        Import::Done | Import::Before => {}
        Import::Taken => return Err(format!("the database has progress for {pack_id:?} already")),
    }
    set_aside(path, "imported").map_err(|error| format!("it was imported, but {error}"))?;
    Ok(())
}

impl Db {
    /// Writes a file's progress for `pack_id` in one transaction, with a note of the file
    /// so that it is not imported twice.
    fn import(
        &mut self,
        pack_id: &str,
        file: &str,
        text: &str,
        progress: &Progress,
        now: Timestamp,
    ) -> Result<Import, StoreError> {
        self.change("import old progress", pack_id, now, |tx| {
            let exists = |sql: &str| tx.query_row(sql, params![pack_id], |row| row.get::<_, bool>(0));
            let before: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM imports WHERE file = ?1 AND text = ?2)",
                params![file, text],
                |row| row.get(0),
            )?;
            if before {
                return Ok(Import::Before);
            }
            if exists(
                "SELECT EXISTS (SELECT 1 FROM readings WHERE pack = ?1) OR EXISTS (SELECT 1 FROM cards WHERE pack = ?1)
                 OR EXISTS (SELECT 1 FROM sittings WHERE pack = ?1)",
            )? {
                return Ok(Import::Taken);
            }
            if let Some(reading) = progress.reading {
                tx.execute(
                    "INSERT INTO readings (pack, block, offset, saved) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        pack_id,
                        int(reading.block),
                        int(reading.offset),
                        progress.saved.unwrap_or(now).to_string()
                    ],
                )?;
            }
            for (key, card) in &progress.cards {
                upsert_card(tx, pack_id, key, card)?;
                for review in &card.log {
                    add_review(tx, pack_id, key, review, now)?;
                }
            }
            if let Some(saved) = &progress.sitting {
                tx.execute(
                    "INSERT INTO sittings (pack, sitting, saved) VALUES (?1, ?2, ?3)",
                    params![pack_id, sitting::to_toml(saved), now.to_string()],
                )?;
            }
            tx.execute(
                "INSERT INTO imports (file, text, pack, imported) VALUES (?1, ?2, ?3, ?4)",
                params![file, text, pack_id, now.to_string()],
            )?;
            Ok(Import::Done)
        })
    }
}

/// The pack id a file stem names: each `%XX` is the byte XX, anything else itself. `None`
/// for a stem that is empty, has a `%` without two hex digits, or is not UTF-8 once decoded.
fn pack_id(stem: &str) -> Option<String> {
    let bytes = stem.as_bytes();
    let mut id = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))?;
            id.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            id.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(id).ok().filter(|id| !id.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file stem earlier versions gave a pack id: ASCII letters, digits, `-`, `_` and
    /// `.` kept, anything else (and a leading `.`) as `%XX` per byte.
    fn stem(id: &str) -> String {
        let mut stem = String::new();
        for (i, byte) in id.bytes().enumerate() {
            match byte {
                b'.' if i == 0 => stem.push_str("%2E"),
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => stem.push(char::from(byte)),
                _ => stem.push_str(&format!("%{byte:02X}")),
            }
        }
        stem
    }

    #[test]
    fn file_stems_name_their_pack_ids() {
        assert_eq!(pack_id("deepseek-ai-arms-race").as_deref(), Some("deepseek-ai-arms-race"));
        assert_eq!(pack_id("%2E.").as_deref(), Some(".."));
        assert_eq!(pack_id("a%2Fb").as_deref(), Some("a/b"));
        assert_eq!(pack_id("caf%C3%A9").as_deref(), Some("café"));
        assert_eq!(pack_id("50%25").as_deref(), Some("50%"));
        assert_eq!(pack_id("a%2fb").as_deref(), Some("a/b"));
        for bad in ["", "a%2", "a%", "a%zz", "%+1", "%FF", "%C3"] {
            assert_eq!(pack_id(bad), None, "{bad}");
        }
        let chinese = "中文字符".repeat(8);
        for id in ["..", ".", "../x", "a/b", "a\\b", "/etc/passwd", ".hidden", "café", "50%", "a b", chinese.as_str()]
        {
            assert_eq!(pack_id(&stem(id)).as_deref(), Some(id), "{id}");
        }
    }

    fn open(dir: &Path) -> (Db, Option<String>) {
        Db::open(dir, "2026-12-01T09:00:00Z".parse().unwrap()).unwrap()
    }

    #[test]
    fn a_file_imported_but_not_renamed_is_not_imported_twice() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(FOLDER);
        fs::create_dir_all(&folder).unwrap();
        let text = "version = 1\n[cards.q1]\nlast = \"wrong\"\n\
                    log = [{ date = 2026-12-01, rating = \"again\", interval = 1 }]\n";
        let path = folder.join("p.toml");
        fs::write(&path, text).unwrap();
        let (db, warning) = open(dir.path());
        assert_eq!(warning, None);
        assert!(!path.exists() && folder.join("p.toml.imported").is_file());
        drop(db);
        // As if the rename had not happened: the same file again is only renamed.
        fs::write(&path, text).unwrap();
        let (db, warning) = open(dir.path());
        assert_eq!(warning, None);
        assert_eq!(db.load("p").unwrap().cards["q1"].log.len(), 1);
        assert!(folder.join("p.toml.imported-1").is_file());
        // Another file for the pack now holding progress is left alone, and said so.
        fs::write(&path, "version = 1\n[reading]\nblock = 3\noffset = 0\n").unwrap();
        let (db, warning) = open(dir.path());
        let warning = warning.unwrap();
        assert!(warning.contains("has progress for \"p\" already") && warning.contains("left as it was"), "{warning}");
        assert!(path.is_file());
        assert_eq!(db.load("p").unwrap().reading, None);
    }

    #[test]
    fn files_that_are_not_progress_are_passed_over_or_named() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(FOLDER);
        fs::create_dir_all(folder.join("d.toml")).unwrap();
        fs::write(folder.join("p.toml.corrupt-20250131T091500Z"), "x").unwrap();
        fs::write(folder.join(".progress-abc.tmp"), "x").unwrap();
        fs::write(folder.join("%zz.toml"), "version = 1\n").unwrap();
        fs::write(folder.join("q.toml"), "version = 2\n").unwrap();
        // Huge (sparse, so cheap to make): refused before it is read.
        fs::File::create(folder.join("huge.toml")).unwrap().set_len(MAX_FILE + 1).unwrap();
        #[cfg(unix)]
        assert!(std::process::Command::new("mkfifo").arg(folder.join("fifo.toml")).status().unwrap().success());
        let (_db, warning) = open(dir.path());
        let warning = warning.unwrap();
        assert!(warning.contains("%zz.toml was not imported (its name is not a pack id"), "{warning}");
        assert!(warning.contains("q.toml was not imported (it is version 2, written by a newer lectern)"), "{warning}");
        assert!(warning.contains("huge.toml was not imported (it is 16 MB, more than"), "{warning}");
        assert_eq!(warning.matches("was not imported").count(), 3, "a FIFO is passed over: {warning}");
        // A copy left by a kill is removed; every other file is left as it was.
        assert!(!folder.join(".progress-abc.tmp").exists());
        let left = if cfg!(unix) { 6 } else { 5 };
        assert_eq!(fs::read_dir(&folder).unwrap().count(), left);
    }
}
