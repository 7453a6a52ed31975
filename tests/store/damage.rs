//! Old progress files, a damaged database, one from a newer lectern, and a directory that
//! cannot be written.

use super::*;

/// A progress file as earlier versions wrote it.
const OLD_FILE: &str = "version = 1\n\n[reading]\nblock = 12\noffset = 3\nsaved = 2025-01-31T09:15:00Z\n\n\
    [cards.nvidia-one-day-loss]\nstability = 2.3065\ndifficulty = 2.118104\ndue = 2026-12-03\n\
    last_review = 2026-12-01\nreps = 1\nlapses = 0\nlast = \"right\"\n\
    log = [{ date = 2026-12-01, rating = \"good\", interval = 2 }, { date = 2026-12-03, rating = \"again\", interval = 1 }]\n\n\
    [sitting]\nmode = \"review\"\nitems = [\"nvidia-one-day-loss\", \"term:Export controls\"]\nindex = 1\n\
    answers = [{ key = \"nvidia-one-day-loss\", outcome = \"almost\" }]\nshown = [1, 0]\nseed = -2\n\
    started = 2026-12-01T08:59:00.5Z\nscope = \"paragraph\"\nscope_block = 3\nlooked = [0]\n";

#[test]
fn old_progress_files_are_imported_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("progress");
    fs::create_dir_all(&folder).unwrap();
    // `../x` as earlier versions named its file, and a pack with a Chinese id (as long as
    // their file names could be).
    let chinese = "深度求索".repeat(5);
    let chinese_stem: String = chinese.bytes().map(|b| format!("%{b:02X}")).collect();
    fs::write(folder.join("%2E.%2Fx.toml"), OLD_FILE).unwrap();
    fs::write(folder.join(format!("{chinese_stem}.toml")), "version = 1\n[reading]\nblock = 1\noffset = 0\n").unwrap();
    fs::write(folder.join("broken.toml"), "version = 1\n[reading\n").unwrap();

    let (db, warning) = Db::open(dir.path(), now()).unwrap();
    let warning = warning.expect("the broken file is named");
    assert!(warning.contains("broken.toml was not imported (it is not valid TOML"), "{warning}");
    assert!(!warning.contains("%2E"), "{warning}");
    let saved = db.load("../x").unwrap();
    assert_eq!(saved.reading, Some(Reading { block: 12, offset: 3 }));
    let card = &saved.cards["nvidia-one-day-loss"];
    assert_eq!(card.memory.unwrap().stability, 2.3065);
    assert_eq!(card.last, Some(Outcome::Right));
    assert_eq!(
        card.log,
        [
            Review { date: date(2026, 12, 1), rating: Rating::Good, interval: 2 },
            Review { date: date(2026, 12, 3), rating: Rating::Again, interval: 1 }
        ]
    );
    assert_eq!(saved.sitting, Some(sitting()));
    assert_eq!(db.load(&chinese).unwrap().reading, Some(Reading { block: 1, offset: 0 }));
    // Renamed, kept whole; the broken one left as it was.
    assert_eq!(fs::read_to_string(folder.join("%2E.%2Fx.toml.imported")).unwrap(), OLD_FILE);
    assert!(!folder.join("%2E.%2Fx.toml").exists());
    assert!(folder.join(format!("{chinese_stem}.toml.imported")).is_file());
    assert_eq!(fs::read_to_string(folder.join("broken.toml")).unwrap(), "version = 1\n[reading\n");
    drop(db);

    // Opened again: nothing more imported.
    let (db, warning) = Db::open(dir.path(), now()).unwrap();
    assert!(warning.unwrap().contains("broken.toml"));
    assert_eq!(db.load("../x").unwrap().cards["nvidia-one-day-loss"].log.len(), 2);
}

/// A database of 300 readings in `dir`, closed cleanly (and so recorded), and its bytes with
/// the last page overwritten, the size the same: damage only its check can tell.
fn closed_and_its_bytes_damaged(dir: &Path) -> Vec<u8> {
    let mut db = open(dir);
    for block in 0..300 {
        db.save_reading(&format!("pack-{block}"), Reading { block, offset: 0 }, now()).unwrap();
    }
    db.close();
    assert!(dir.join("lectern.db-checked").exists(), "a clean close is recorded");
    let mut bytes = fs::read(dir.join(FILE)).unwrap();
    let len = bytes.len();
    bytes[len - 4096 + 8..].iter_mut().enumerate().for_each(|(i, b)| *b = (i * 7 + 3) as u8);
    bytes
}

/// Opens the app's session on `dir`, which must say its database was damaged.
fn the_damage_is_said(dir: &Path) -> Session {
    let (session, warning) = Session::open(dir, &bundled(), now());
    let warning = warning.expect("the damage is said");
    assert!(warning.contains("could not be read"), "{warning}");
    session
}

#[test]
fn a_database_damaged_after_a_clean_close_is_still_checked_and_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = closed_and_its_bytes_damaged(dir.path());
    // Reopened as it was left: it opens, and keeps what was saved.
    let db = open(dir.path());
    assert_eq!(db.load("pack-7").unwrap().reading, Some(Reading { block: 7, offset: 0 }));
    db.close();
    // Damaged: the record no longer vouches for it, so it is checked and moved aside.
    fs::write(dir.path().join(FILE), &damaged).unwrap();
    let session = the_damage_is_said(dir.path());
    assert_eq!(session.unsaved(), None, "the new database saves");
}

#[test]
fn a_database_copied_over_while_the_app_has_it_open_is_checked_at_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = closed_and_its_bytes_damaged(dir.path());
    // A backup put back, or a sync, writing the file in place while the app runs: the close
    // must not record bytes that were never checked.
    let db = open(dir.path());
    assert_eq!(db.load("pack-7").unwrap().reading, Some(Reading { block: 7, offset: 0 }));
    fs::write(dir.path().join(FILE), &damaged).unwrap();
    db.close();
    assert!(!dir.path().join("lectern.db-checked").exists(), "no record of a file changed under the app");
    the_damage_is_said(dir.path());
}

#[test]
fn a_damaged_database_is_set_aside_and_a_new_one_started() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    fs::write(dir.path().join(FILE), &garbage).unwrap();
    let (session, warning) = Session::open(dir.path(), &bundled(), now());
    let warning = warning.expect("a warning");
    let aside = dir.path().join("lectern.db.corrupt-20261201T090000Z");
    assert!(warning.contains("could not be read") && warning.contains(&aside.display().to_string()), "{warning}");
    assert_eq!(fs::read(&aside).unwrap(), garbage, "kept as it was");
    assert_eq!(session.unsaved(), None, "the new database saves");
    drop(session);
    let mut db = open(dir.path());
    db.save_reading(PACK, Reading { block: 1, offset: 0 }, now()).unwrap();
    assert_eq!(db.load(PACK).unwrap().reading, Some(Reading { block: 1, offset: 0 }));
}

#[test]
fn a_database_from_a_newer_lectern_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path());
    db.save_reading(PACK, Reading { block: 4, offset: 0 }, now()).unwrap();
    drop(db);
    let conn = rusqlite::Connection::open(dir.path().join(FILE)).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let before = fs::read(dir.path().join(FILE)).unwrap();
    let error = Db::open(dir.path(), now()).unwrap_err();
    assert!(matches!(error, StoreError::Newer { found: 99, .. }), "{error}");
    assert!(error.to_string().contains("written by a newer lectern"), "{error}");
    let (session, warning) = Session::open(dir.path(), &bundled(), now());
    assert_eq!(warning, None);
    let unsaved = session.unsaved().unwrap();
    assert!(
        unsaved.starts_with("nothing you do now is being saved (") && unsaved.contains("newer lectern"),
        "{unsaved}"
    );
    // The app goes on, saving nothing.
    let mut session = session;
    let app = app_with(session.cards(&pack()));
    let app = press(&mut session, app, "jj3mt<Enter>");
    session.note(&app);
    session.save().unwrap();
    assert_eq!(session.unsaved(), Some(unsaved));
    assert_eq!(fs::read(dir.path().join(FILE)).unwrap(), before, "not a byte changed");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "nothing beside it");
}

/// Makes `dir` read-only; false when writing there works all the same (as for root).
#[cfg(unix)]
fn read_only(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.join("probe");
    let writable = fs::write(&probe, "x").is_ok();
    let _ = fs::remove_file(probe);
    !writable
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_saves_nothing_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    // One directory with no database yet, one with a database made before.
    let (empty, made) = (root.path().join("empty"), root.path().join("made"));
    fs::create_dir_all(&empty).unwrap();
    open(&made).save_reading(PACK, Reading { block: 2, offset: 0 }, now()).unwrap();
    for dir in [&empty, &made] {
        let enforced = read_only(dir);
        let opened = Db::open(dir, now());
        let (mut session, _) = Session::open(dir, &bundled(), now());
        let change = Change::Answer(Answer { prompt: "Why?".into(), text: "So.".into(), updated: now() });
        let written = session.write(&change, now());
        // The app goes on: keys, notes and saves as the event loop makes them.
        let app = app_with(session.cards(&pack()));
        let app = press(&mut session, app, "jj3m");
        session.note(&app);
        session.save().unwrap();
        if enforced {
            assert!(opened.is_err(), "{}", dir.display());
            let unsaved = session.unsaved().expect("said");
            assert!(unsaved.starts_with("nothing you do now is being saved ("), "{unsaved}");
            assert!(matches!(written, Err(StoreError::Closed { .. })), "{written:?}");
            assert!(written.unwrap_err().to_string().contains("no database"));
        } else {
            assert!(opened.is_ok() && written.is_ok(), "as root the directory is writable all the same");
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn a_data_directory_made_read_only_while_the_app_runs_keeps_taking_notes() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (mut session, warning) = Session::open(dir.path(), &bundled(), now());
    assert_eq!(warning, None);
    // The database and its journal are open already: a write needs no new file.
    read_only(dir.path());
    let change = Change::Answer(Answer { prompt: "Why?".into(), text: "Because.".into(), updated: now() });
    session.write(&change, now()).unwrap();
    let app = app_with(session.cards(&pack()));
    let app = press(&mut session, app, "jj");
    session.note(&app);
    session.save().unwrap();
    assert_eq!(session.unsaved(), None);
    // The note of the pack opened last is left out where it cannot be written; as root the
    // directory stays writable, and it is there.
    let files = fs::read_dir(dir.path()).unwrap().filter(|f| f.as_ref().unwrap().file_name() != "last-read").count();
    assert_eq!(files, 3, "the database, its journal and its index, nothing more");
    drop(session);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let saved = open(dir.path()).load(PACK).unwrap();
    assert_eq!(saved.notes.answers.len(), 1);
    assert!(saved.reading.is_some());
}

#[test]
fn a_place_that_cannot_be_recorded_at_opening_is_recorded_with_the_first_save() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    // Another process holds the write lock longer than a write waits (5 s): recording the
    // new place fails, and the session goes on with the key it would have had.
    let holder = rusqlite::Connection::open(dir.path().join(FILE)).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let (mut session, warning) = Session::open(dir.path(), &bundled(), now());
    assert_eq!(warning, None);
    assert_eq!(session.unsaved(), None, "the database is kept");
    holder.execute_batch("COMMIT").unwrap();
    let change = Change::Answer(Answer { prompt: "Why?".into(), text: "Because.".into(), updated: now() });
    session.write(&change, now()).unwrap();
    session.save().unwrap();
    drop(session);
    let db = open(dir.path());
    assert_eq!(db.key_of(&bundled()).unwrap(), PACK);
    assert_eq!(db.load(PACK).unwrap().notes.answers.len(), 1);
    let places: i64 = holder.query_row("SELECT count(*) FROM places", [], |row| row.get(0)).unwrap();
    assert_eq!(places, 1, "the place recorded with the first save");
}
