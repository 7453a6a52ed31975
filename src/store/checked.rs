//! What the last clean close left beside the database: its size and a hash of its bytes as
//! they were once the last connection had folded the write-ahead log in. An open that finds
//! the file the same, byte for byte, with no log beside it, skips SQLite's full check
//! (`PRAGMA quick_check`), which reads and checks every page and so grows with the
//! database: about 20 ms for 15 MB of reviews, on every open. Hashing the file is a read at
//! memory speed. Any change since, by lectern or anything else, means the check runs; so
//! does a database some process left open or ended without closing (its log is there).

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use xxhash_rust::xxh3::Xxh3;

use super::db::with_ending;

/// What the record's file is called: the database's name and this.
const ENDING: &str = "-checked";

/// The first line of a record, naming its format.
const FORMAT: &str = "lectern database, as last closed: size and xxh3-128";

/// Records the database at `db` as it is now, just closed: when no log is left beside it
/// (another process may still have it open). Written whole or not at all; a record that
/// cannot be written only means the next open checks.
pub(super) fn record(db: &Path) {
    if with_ending(db, "-wal").exists() {
        return;
    }
    let Ok(Some((size, hash))) = fingerprint(db) else { return };
    let record = with_ending(db, ENDING);
    let Some(dir) = record.parent() else { return };
    let written = tempfile::NamedTempFile::new_in(dir).and_then(|mut file| {
        io::Write::write_all(&mut file, format!("{FORMAT}\n{size} {hash:032x}\n").as_bytes())?;
        file.persist(&record).map_err(|e| e.error)
    });
    if written.is_err() {
        forget(db);
    }
}

/// True when the database at `db` is byte for byte what the last clean close recorded, and
/// no log is beside it: then it was checked when it was written, and nothing has touched it.
pub(super) fn vouches(db: &Path) -> bool {
    if with_ending(db, "-wal").exists() {
        return false;
    }
    let Ok(text) = fs::read_to_string(with_ending(db, ENDING)) else { return false };
    let mut lines = text.lines();
    if lines.next() != Some(FORMAT) {
        return false;
    }
    let Some((size, hash)) = lines.next().and_then(|line| line.split_once(' ')) else { return false };
    let (Ok(size), Ok(hash)) = (size.parse::<u64>(), u128::from_str_radix(hash, 16)) else { return false };
    // The size first: a database that grew is not read to be hashed.
    fs::metadata(db).is_ok_and(|m| m.len() == size) && matches!(fingerprint(db), Ok(Some(now)) if now == (size, hash))
}

/// Removes the record, as when the database it was of is moved aside.
pub(super) fn forget(db: &Path) {
    let _ = fs::remove_file(with_ending(db, ENDING));
}

/// The size and hash of the file at `path`, read in pieces; `None` when it is not there.
fn fingerprint(path: &Path) -> io::Result<Option<(u64, u128)>> {
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buffer[..n]);
                size += n as u64;
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(Some((size, hasher.digest128())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_vouches_for_the_same_bytes_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lectern.db");
        assert!(!vouches(&db), "nothing recorded, nothing there");
        fs::write(&db, b"page one, page two").unwrap();
        assert!(!vouches(&db), "nothing recorded");
        record(&db);
        assert!(vouches(&db));
        // One byte changed, the size the same.
        fs::write(&db, b"page one, page twO").unwrap();
        assert!(!vouches(&db), "a changed byte");
        record(&db);
        assert!(vouches(&db));
        fs::write(with_ending(&db, "-wal"), b"").unwrap();
        assert!(!vouches(&db), "a log beside it");
        record(&db);
        fs::remove_file(with_ending(&db, "-wal")).unwrap();
        assert!(vouches(&db), "not recorded over while a log was there, the old record stands");
        fs::write(&db, b"page one, page two, page three").unwrap();
        assert!(!vouches(&db), "grown");
        fs::write(with_ending(&db, ENDING), "something else\n").unwrap();
        assert!(!vouches(&db), "a record of another format");
        forget(&db);
        assert!(!with_ending(&db, ENDING).exists());
    }
}
