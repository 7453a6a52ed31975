//! What the last clean close left beside the database: its size and a hash of its bytes as
//! they were once the last connection had folded the write-ahead log in. An open that finds
//! the file the same, byte for byte, with no log beside it, skips SQLite's full check
//! (`PRAGMA quick_check`), which reads and checks every page and so grows with the
//! database: about 130 ms at 150,000 reviews, on every open. Hashing the file is a read at
//! memory speed.
//!
//! A record is only ever made of bytes that were checked or that SQLite wrote: the app's
//! connection does not fold its log in while it runs (`wal_autocheckpoint` off), so the
//! file stays as it was checked, or vouched for, at the open; the close finds it still so
//! before it folds the log in and records the result ([`Db::close`](super::Db::close)).
//! Anything that changed the file meanwhile (a copy over it, a sync) means no record, and the
//! next open checks. So does a database some process left open or ended without closing:
//! its log is there.
use std::fs;
use std::io::{self, Read};
use std::path::Path;

use twox_hash::XxHash3_128;

use super::db::with_ending;

/// What the record's file is called: the database's name and this.
const ENDING: &str = "-checked";

/// The first line of a record, naming its format.
const FORMAT: &str = "lectern database, as last closed: size and xxh3-128";

/// The size and hash of a database file.
pub(super) type Fingerprint = (u64, u128);

/// Records the database at `db` as it is now, just closed: when no log is left beside it
/// (another process may still have it open). Written whole or not at all; a record that
/// cannot be written only means the next open checks. The caller vouches that the file holds
/// only what was checked and what SQLite wrote since.
pub(super) fn record(db: &Path) {
    if log_beside(db) {
        return;
    }
    let Ok(Some((size, hash))) = fingerprint(db) else { return };
    let written = super::write_whole(&with_ending(db, ENDING), format!("{FORMAT}\n{size} {hash:032x}\n").as_bytes());
    if written.is_err() {
        forget(db);
    }
}

/// The database at `db` as the last clean close recorded it, when it is byte for byte so and
/// no log is beside it: then only SQLite wrote it, what it was checked as and what came
/// after, and nothing has touched it since.
pub(super) fn vouches(db: &Path) -> Option<Fingerprint> {
    if log_beside(db) {
        return None;
    }
    let text = fs::read_to_string(with_ending(db, ENDING)).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(FORMAT) {
        return None;
    }
    let (size, hash) = lines.next()?.split_once(' ')?;
    let recorded = (size.parse::<u64>().ok()?, u128::from_str_radix(hash, 16).ok()?);
    // The size first: a database that grew is not read to be hashed.
    if !fs::metadata(db).is_ok_and(|m| m.len() == recorded.0) {
        return None;
    }
    matches!(fingerprint(db), Ok(Some(now)) if now == recorded).then_some(recorded)
}

/// True when a log is beside the database with something in it: some process has the
/// database open, or ended without closing it. An empty one (a connection that only read
/// leaves it) holds nothing; one that cannot be looked at counts as there.
fn log_beside(db: &Path) -> bool {
    match fs::metadata(with_ending(db, "-wal")) {
        Ok(log) => log.len() > 0,
        Err(error) => error.kind() != io::ErrorKind::NotFound,
    }
}

/// Removes the record, as when the database it was of is moved aside.
pub(super) fn forget(db: &Path) {
    let _ = fs::remove_file(with_ending(db, ENDING));
}

/// The size and hash of the file at `path`, read in pieces; `None` when it is not there.
pub(super) fn fingerprint(path: &Path) -> io::Result<Option<Fingerprint>> {
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let mut hasher = XxHash3_128::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.write(&buffer[..n]);
                size += n as u64;
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(Some((size, hasher.finish_128())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_vouches_for_the_same_bytes_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lectern.db");
        assert!(vouches(&db).is_none(), "nothing recorded, nothing there");
        fs::write(&db, b"page one, page two").unwrap();
        assert!(vouches(&db).is_none(), "nothing recorded");
        record(&db);
        let print = fingerprint(&db).unwrap().unwrap();
        assert_eq!(print.0, 18);
        assert_eq!(vouches(&db), Some(print));
        // One byte changed, the size the same.
        fs::write(&db, b"page one, page twO").unwrap();
        assert!(vouches(&db).is_none(), "a changed byte");
        record(&db);
        assert!(vouches(&db).is_some());
        fs::write(with_ending(&db, "-wal"), b"").unwrap();
        assert!(vouches(&db).is_some(), "an empty log holds nothing");
        fs::write(with_ending(&db, "-wal"), b"frames").unwrap();
        assert!(vouches(&db).is_none(), "a log beside it");
        record(&db);
        fs::remove_file(with_ending(&db, "-wal")).unwrap();
        assert!(vouches(&db).is_some(), "not recorded over while a log was there, the old record stands");
        fs::write(&db, b"page one, page two, page three").unwrap();
        assert!(vouches(&db).is_none(), "grown");
        fs::write(with_ending(&db, ENDING), "something else\n").unwrap();
        assert!(vouches(&db).is_none(), "a record of another format");
        forget(&db);
        assert!(!with_ending(&db, ENDING).exists());
    }
}
