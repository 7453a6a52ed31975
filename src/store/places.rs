//! Which rows are whose: a pack is its id and the place its files are, never its id alone,
//! so two packs with the same folder name keep their progress apart. Each place gets a key
//! that names its rows in every other table (see the `places` table in `schema.rs`).

use std::path::Path;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{Db, StoreError};
use crate::pack::source::{Found, Library, Place};

/// A pack as its progress knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The pack's id (its folder name).
    pub id: String,
    /// Where it lives: a folder's full path, or `bundled:` and the id.
    pub place: String,
    /// Its title, which tells a moved folder from another pack with the same id.
    pub title: String,
}

/// The prefix of a bundled pack's place.
pub const BUNDLED: &str = "bundled:";

impl Identity {
    /// The pack `found`, titled `title`. A folder holding exactly the files of a bundled
    /// pack of its id (as `texts/` does beside lectern's source) is that bundled pack, as
    /// the library lists it; any other folder is its full path.
    pub fn of(found: &Found, title: &str) -> Identity {
        let place = match &found.place {
            Place::Folder(path) if !Library::bundled().iter().any(|b| b.is_copy(found)) => {
                let full = std::fs::canonicalize(path).or_else(|_| std::path::absolute(path));
                full.unwrap_or_else(|_| path.clone()).to_string_lossy().into_owned()
            }
            _ => format!("{BUNDLED}{}", found.id),
        };
        Identity { id: found.id.clone(), place, title: title.to_string() }
    }
}

/// How a pack's key was found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Resolved {
    /// Its place is known; `retitled` when its title is not the one recorded.
    Known { key: String, retitled: bool },
    /// A folder of the same id and title that is gone: the pack moved from `from`.
    Moved { key: String, from: String },
    /// No place has its id for a key yet: it takes the id (and whatever was saved under it
    /// before places were kept).
    Claimed(String),
    /// Another place has the id: a key of its own.
    New(String),
}

impl Resolved {
    fn key(&self) -> &str {
        match self {
            Resolved::Claimed(key) | Resolved::New(key) => key,
            Resolved::Known { key, .. } | Resolved::Moved { key, .. } => key,
        }
    }
}

impl Db {
    /// The key of `who`'s rows, recorded so that the same place always gets the same key:
    /// for the app and the plain quiz, which write. A place known as it is is only read, so
    /// opening a pack seen before writes nothing.
    pub fn key(&mut self, who: &Identity, now: Timestamp) -> Result<String, StoreError> {
        let known = resolve(&self.conn, who).map_err(self.fail("find the pack's progress"))?;
        if let Resolved::Known { key, retitled: false } = known {
            return Ok(key);
        }
        let mut run = || -> rusqlite::Result<String> {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let resolved = resolve(&tx, who)?;
            match &resolved {
                Resolved::Known { key, .. } => {
                    tx.execute("UPDATE places SET title = ?2 WHERE key = ?1", params![key, who.title])?;
                }
                Resolved::Moved { key, .. } => {
                    tx.execute(
                        "UPDATE places SET place = ?2, title = ?3 WHERE key = ?1",
                        params![key, who.place, who.title],
                    )?;
                }
                Resolved::Claimed(key) | Resolved::New(key) => {
                    tx.execute(
                        "INSERT INTO places (place, id, key, title) VALUES (?1, ?2, ?3, ?4)",
                        params![who.place, who.id, key, who.title],
                    )?;
                    tx.execute(
                        "INSERT INTO packs (id, opened) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
                        params![key, now.to_string()],
                    )?;
                }
            }
            tx.commit()?;
            Ok(resolved.key().to_string())
        };
        let action = "find the pack's progress";
        run().map_err(|error| StoreError::Database { action, path: self.path.clone(), error })
    }

    /// The key `who`'s rows have, or would have once it is opened, without writing: for
    /// exports and the library, which only read. A database from before places were kept
    /// names rows by the id.
    pub fn key_of(&self, who: &Identity) -> Result<String, StoreError> {
        let read = || -> rusqlite::Result<String> {
            if super::schema::version(&self.conn)? < 4 {
                return Ok(who.id.clone());
            }
            Ok(resolve(&self.conn, who)?.key().to_string())
        };
        read().map_err(self.fail("find the pack's progress"))
    }
}

/// The key and title recorded for a place.
pub(super) const KNOWN_PLACE: &str = "SELECT key, title FROM places WHERE place = ?1";

/// Finds `who`'s key: by its place; else a folder of the same id and title that no longer
/// holds a pack (the one opened last, when several did); else the id, when no place has it;
/// else the first of `id~2`, `id~3`, ... that nothing uses.
fn resolve(conn: &Connection, who: &Identity) -> rusqlite::Result<Resolved> {
    let known: Option<(String, String)> = conn
        .prepare_cached(KNOWN_PLACE)?
        .query_row(params![who.place], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    if let Some((key, title)) = known {
        return Ok(Resolved::Known { retitled: title != who.title, key });
    }
    let mut same = conn.prepare_cached(
        "SELECT place, key FROM places LEFT JOIN packs ON packs.id = places.key
         WHERE places.id = ?1 AND title = ?2 ORDER BY packs.opened DESC",
    )?;
    let rows: Vec<(String, String)> =
        same.query_map(params![who.id, who.title], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<Result<_, _>>()?;
    if let Some((from, key)) = rows.into_iter().find(|(place, _)| gone(place)) {
        return Ok(Resolved::Moved { key, from });
    }
    let taken = |key: &str| -> rusqlite::Result<bool> {
        conn.query_row("SELECT EXISTS (SELECT 1 FROM places WHERE key = ?1)", params![key], |row| row.get(0))
    };
    if !taken(&who.id)? {
        return Ok(Resolved::Claimed(who.id.clone()));
    }
    let used = |key: &str| -> rusqlite::Result<bool> {
        Ok(taken(key)?
            || conn.query_row("SELECT EXISTS (SELECT 1 FROM packs WHERE id = ?1)", params![key], |row| row.get(0))?)
    };
    let mut n = 2u64;
    loop {
        let key = format!("{}~{n}", who.id);
        if !used(&key)? {
            return Ok(Resolved::New(key));
        }
        n += 1;
    }
}

/// Whether `place` was a folder that holds no pack now. A bundled pack never moves.
fn gone(place: &str) -> bool {
    !place.starts_with(BUNDLED) && !Path::new(place).join("pack.toml").is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(id: &str, place: &str, title: &str) -> Identity {
        Identity { id: id.into(), place: place.into(), title: title.into() }
    }

    fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let (db, _) = Db::open(dir.path(), now()).unwrap();
        (dir, db)
    }

    fn now() -> Timestamp {
        "2026-12-02T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn two_places_with_one_id_get_two_keys_and_each_keeps_its_own() {
        let (dir, mut db) = db();
        let a = dir.path().join("a/chapter-1");
        let b = dir.path().join("b/chapter-1");
        for p in [&a, &b] {
            std::fs::create_dir_all(p).unwrap();
            std::fs::write(p.join("pack.toml"), "").unwrap();
        }
        let a = who("chapter-1", a.to_str().unwrap(), "Chapter 1");
        let b = who("chapter-1", b.to_str().unwrap(), "Chapter 1");
        assert_eq!(db.key(&a, now()).unwrap(), "chapter-1");
        assert_eq!(db.key(&b, now()).unwrap(), "chapter-1~2");
        assert_eq!(db.key(&a, now()).unwrap(), "chapter-1", "the same place, the same key");
        assert_eq!(db.key_of(&b).unwrap(), "chapter-1~2");
    }

    #[test]
    fn progress_saved_under_the_id_goes_to_the_first_place_that_opens_it() {
        let (_dir, mut db) = db();
        db.opened("old", now()).unwrap();
        let first = who("old", "bundled:old", "Old");
        assert_eq!(db.key_of(&first).unwrap(), "old", "reading says where it would go");
        assert_eq!(db.key(&first, now()).unwrap(), "old");
        assert_eq!(db.key(&who("old", "/elsewhere/old", "Other"), now()).unwrap(), "old~2");
    }

    #[test]
    fn a_folder_that_moved_keeps_its_key_and_another_pack_of_its_id_does_not_take_it() {
        let (dir, mut db) = db();
        let make = |name: &str| {
            let p = dir.path().join(name).join("ch");
            std::fs::create_dir_all(&p).unwrap();
            std::fs::write(p.join("pack.toml"), "").unwrap();
            p
        };
        let old = make("old");
        assert_eq!(db.key(&who("ch", old.to_str().unwrap(), "Ch"), now()).unwrap(), "ch");
        std::fs::remove_dir_all(&old).unwrap();
        // Another teacher's pack of the same id, with another title: a key of its own.
        let other = make("other");
        assert_eq!(db.key(&who("ch", other.to_str().unwrap(), "Other ch"), now()).unwrap(), "ch~2");
        // The first pack, moved: its key again, and its new place is known from now on.
        let new = make("new");
        let moved = who("ch", new.to_str().unwrap(), "Ch");
        assert_eq!(db.key_of(&moved).unwrap(), "ch");
        assert_eq!(db.key(&moved, now()).unwrap(), "ch");
        let places: i64 = db.conn.query_row("SELECT count(*) FROM places", [], |r| r.get(0)).unwrap();
        assert_eq!(places, 2);
        assert_eq!(
            db.key(&who("ch", old.to_str().unwrap(), "Ch"), now()).unwrap(),
            "ch~3",
            "the old place is another pack now"
        );
    }

    #[test]
    fn a_place_known_as_it_is_is_only_read() {
        let (dir, mut db) = db();
        let bundled = who("b", "bundled:b", "B");
        db.key(&bundled, now()).unwrap();
        let wal = dir.path().join(format!("{}-wal", crate::store::FILE));
        let size = || std::fs::metadata(&wal).unwrap().len();
        let before = size();
        assert_eq!(db.key(&bundled, now()).unwrap(), "b");
        assert_eq!(size(), before, "nothing written");
        // A new title is recorded.
        assert_eq!(db.key(&who("b", "bundled:b", "B, revised"), now()).unwrap(), "b");
        assert!(size() > before);
    }

    #[test]
    fn a_key_is_never_one_that_rows_already_use() {
        let (_dir, mut db) = db();
        db.opened("x~2", now()).unwrap();
        assert_eq!(db.key(&who("x", "bundled:x", "X"), now()).unwrap(), "x");
        assert_eq!(db.key(&who("x", "/p/x", "X"), now()).unwrap(), "x~3");
    }

    #[test]
    fn a_bundled_pack_is_never_taken_for_a_moved_folder() {
        assert!(!gone("bundled:deepseek"));
        assert!(gone("/no/such/folder"));
    }
}
