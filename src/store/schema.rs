//! The database's tables, and the migrations that make them: migration `n` takes a database
//! from `PRAGMA user_version` `n - 1` to `n`, and they run in order in one transaction.
//! Times are RFC 3339 text, days ISO dates (`2026-12-01`), places in the article counts
//! from 0. A pack's rows are named by its key (see `places`).

use rusqlite::{Connection, TransactionBehavior};

/// The schema version this code makes and reads: the number of migrations.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Every migration, oldest first.
const MIGRATIONS: [&str; 4] = [V1, V2, V3, V4];

/// Version 1: the whole schema.
const V1: &str = "
CREATE TABLE packs (
    id TEXT PRIMARY KEY NOT NULL,
    -- When the pack was last opened.
    opened TEXT NOT NULL
) STRICT;

CREATE TABLE readings (
    pack TEXT PRIMARY KEY NOT NULL REFERENCES packs (id),
    block INTEGER NOT NULL CHECK (block >= 0),
    offset INTEGER NOT NULL CHECK (offset >= 0),
    saved TEXT NOT NULL
) STRICT;

-- A card's FSRS memory (all six fields, or none for a card never reviewed) and how its
-- last answer went.
CREATE TABLE cards (
    pack TEXT NOT NULL REFERENCES packs (id),
    key TEXT NOT NULL,
    stability REAL CHECK (stability > 0),
    difficulty REAL,
    due TEXT,
    last_review TEXT,
    reps INTEGER CHECK (reps >= 0),
    lapses INTEGER CHECK (lapses >= 0),
    last TEXT CHECK (last IN ('right', 'almost', 'wrong')),
    PRIMARY KEY (pack, key),
    CHECK ((stability IS NULL) + (difficulty IS NULL) + (due IS NULL) + (last_review IS NULL)
        + (reps IS NULL) + (lapses IS NULL) IN (0, 6))
) STRICT;

-- Every review of every card, in the order recorded; rows are only ever added.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    pack TEXT NOT NULL,
    key TEXT NOT NULL,
    date TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('again', 'hard', 'good', 'easy')),
    interval INTEGER NOT NULL CHECK (interval >= 0),
    recorded TEXT NOT NULL,
    FOREIGN KEY (pack, key) REFERENCES cards (pack, key)
) STRICT;
CREATE INDEX reviews_by_card ON reviews (pack, key, id);
CREATE TRIGGER reviews_are_kept BEFORE UPDATE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'the review log is only added to');
END;

-- The sitting left unfinished, as the TOML text of `sitting.rs`.
CREATE TABLE sittings (
    pack TEXT PRIMARY KEY NOT NULL REFERENCES packs (id),
    sitting TEXT NOT NULL,
    saved TEXT NOT NULL
) STRICT;

-- Sittings that reached their summary.
CREATE TABLE finished (
    id INTEGER PRIMARY KEY,
    pack TEXT NOT NULL REFERENCES packs (id),
    mode TEXT NOT NULL CHECK (mode IN ('quiz', 'review', 'missed')),
    started TEXT NOT NULL,
    finished TEXT NOT NULL,
    asked INTEGER NOT NULL CHECK (asked >= 0),
    right INTEGER NOT NULL CHECK (right >= 0),
    almost INTEGER NOT NULL CHECK (almost >= 0)
) STRICT;
CREATE INDEX finished_by_pack ON finished (pack, id);

-- Highlights and notes: `id` is the annotation's 64-bit id with the same bits.
CREATE TABLE annotations (
    id INTEGER PRIMARY KEY,
    pack TEXT NOT NULL REFERENCES packs (id),
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    block INTEGER NOT NULL CHECK (block >= 0),
    kind TEXT CHECK (kind IN ('important', 'question', 'disagree', 'evidence')),
    note TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
) STRICT;
CREATE INDEX annotations_by_pack ON annotations (pack);

CREATE TABLE bookmarks (
    pack TEXT NOT NULL REFERENCES packs (id),
    letter TEXT NOT NULL CHECK (length(letter) = 1),
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    block INTEGER NOT NULL CHECK (block >= 0),
    updated TEXT NOT NULL,
    PRIMARY KEY (pack, letter)
) STRICT;

-- What the reader wrote on a discussion prompt, keyed by the prompt's text.
CREATE TABLE answers (
    pack TEXT NOT NULL REFERENCES packs (id),
    prompt TEXT NOT NULL,
    text TEXT NOT NULL CHECK (text <> ''),
    updated TEXT NOT NULL,
    PRIMARY KEY (pack, prompt)
) STRICT;

-- The old progress files imported: the file's name and text, so that an import cut short
-- before the file was renamed is not made twice.
CREATE TABLE imports (
    file TEXT NOT NULL,
    text TEXT NOT NULL,
    pack TEXT NOT NULL REFERENCES packs (id),
    imported TEXT NOT NULL,
    PRIMARY KEY (file, text)
) STRICT;
";

/// Version 2: what was given as a card's last answer, for the results a teacher collects,
/// and the glossary entries the reader opened, for the handout.
const V2: &str = "
ALTER TABLE cards ADD COLUMN given TEXT;

CREATE TABLE lookups (
    pack TEXT NOT NULL REFERENCES packs (id),
    term TEXT NOT NULL,
    first TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (pack, term)
) STRICT;
";

/// Version 3: how far the article has been read (the furthest block that has been on
/// screen), for the library's "% read".
const V3: &str = "
ALTER TABLE readings ADD COLUMN furthest INTEGER CHECK (furthest >= 0);
";

/// Version 4: where each pack lives. A pack is its id and its place: the full path of its
/// folder, or `bundled:` and the id for a pack compiled into lectern. `key` names its rows in
/// every other table (`packs.id`). The first place seen with an id has the id itself for its
/// key, so progress saved before places were kept stays with it; another place with that id
/// gets `id~2`, `id~3` and on. `title` tells a folder that moved from another pack that
/// happens to have its id.
const V4: &str = "
CREATE TABLE places (
    place TEXT PRIMARY KEY NOT NULL,
    id TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL
) STRICT;
";

/// The database's schema version (0 for a new, empty one).
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    // Kept prepared: reading the progress asks it several times.
    conn.prepare_cached("PRAGMA user_version")?.query_row([], |row| row.get(0))
}

/// Brings the database up to [`VERSION`]: the migrations it lacks run in one transaction,
/// which sets the version too. Another process may have migrated it meanwhile: the version
/// is read again once the transaction holds the write lock. A newer database is left alone.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    if version(conn)? >= VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = version(&tx)?;
    if from >= VERSION {
        return Ok(());
    }
    for migration in MIGRATIONS.iter().skip(usize::try_from(from).unwrap_or(0)) {
        tx.execute_batch(migration)?;
    }
    tx.pragma_update(None, "user_version", VERSION)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_gets_every_table_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(version(&conn).unwrap(), 0);
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), VERSION);
        // Again: nothing to do, and no table made twice (that would fail).
        migrate(&mut conn).unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            tables,
            [
                "annotations",
                "answers",
                "bookmarks",
                "cards",
                "finished",
                "imports",
                "lookups",
                "packs",
                "places",
                "readings",
                "reviews",
                "sittings"
            ]
        );
    }

    #[test]
    fn a_version_1_database_gains_what_version_2_adds_and_keeps_its_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(V1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO packs VALUES ('p', '2026-12-01T09:00:00Z');
             INSERT INTO cards (pack, key, last) VALUES ('p', 'q', 'right');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), VERSION);
        let (last, given): (String, Option<String>) = conn
            .query_row("SELECT last, given FROM cards WHERE key = 'q'", [], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap();
        assert_eq!((last.as_str(), given), ("right", None));
        conn.execute("INSERT INTO lookups VALUES ('p', 'Capitalism', '2026-12-01T09:00:00Z', 1)", []).unwrap();
        assert!(
            conn.execute("INSERT INTO lookups VALUES ('p', 'Nothing', 'x', 0)", []).is_err(),
            "a count is 1 or more"
        );
    }

    #[test]
    fn a_failing_migration_leaves_nothing_behind() {
        let mut conn = Connection::open_in_memory().unwrap();
        // A table of the schema already there: version 1 fails part way and is undone whole.
        conn.execute_batch("CREATE TABLE answers (x INTEGER)").unwrap();
        assert!(migrate(&mut conn).is_err());
        assert_eq!(version(&conn).unwrap(), 0);
        let count: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0)).unwrap();
        assert_eq!(count, 1);
    }

    #[test]
    fn the_schema_refuses_what_the_code_never_writes() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON; INSERT INTO packs VALUES ('p', '2026-12-01T09:00:00Z');")
            .unwrap();
        for bad in [
            // Half a memory.
            "INSERT INTO cards (pack, key, stability) VALUES ('p', 'q', 2.5)",
            "INSERT INTO cards (pack, key, last) VALUES ('p', 'q', 'meh')",
            // A review of a card that has no row, or of a pack that has none.
            "INSERT INTO reviews (pack, key, date, rating, interval, recorded) VALUES ('p', 'none', '2026-12-01', 'good', 1, 'x')",
            "INSERT INTO readings VALUES ('other', 1, 0, 'x')",
            "INSERT INTO answers VALUES ('p', 'Why?', '', 'x')",
            "INSERT INTO bookmarks VALUES ('p', 'ab', '', '', '', 0, 'x')",
        ] {
            assert!(conn.execute(bad, []).is_err(), "{bad}");
        }
        conn.execute_batch(
            "INSERT INTO cards (pack, key) VALUES ('p', 'q');
             INSERT INTO reviews (pack, key, date, rating, interval, recorded) VALUES ('p', 'q', '2026-12-01', 'good', 1, 'x');",
        )
        .unwrap();
        assert!(conn.execute("UPDATE reviews SET rating = 'easy'", []).is_err(), "the log is only added to");
    }
}
