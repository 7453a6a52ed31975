//! Opening the database: made with its directory when missing, put in WAL mode so that
//! readers and a writer in other processes do not block each other, checked, and brought up
//! to the current schema. One that cannot be read is moved aside and a new one started.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{StoreError, checked, file_time, import, schema, set_aside};

/// The database's file name in the data directory.
pub const FILE: &str = "lectern.db";

/// How long a write waits for another process's write to end before it fails.
const BUSY: Duration = Duration::from_secs(5);

/// The database of one data directory, open.
#[derive(Debug)]
pub struct Db {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
    /// The file as it was checked, or found vouched for, at the open; the close records the
    /// database only when it finds the file still so. `None` when it was not known (a
    /// database not in WAL mode, a file that could not be read).
    opened: Option<checked::Fingerprint>,
    /// Opened to read only: the close leaves the record as it is.
    read_only: bool,
}

/// What [`Db::open`] gives: the database and a warning for the user, or why it failed.
pub type Opened = Result<(Db, Option<String>), StoreError>;

/// A database being opened on the helper thread, while the pack it is for loads: opening
/// it (the check above all) takes as long as decoding a book from the cache, and neither
/// needs the other. So the database is made, checked, brought up to date (and one that
/// cannot be read moved aside) even when the pack then turns out to have problems and the
/// app does not start. Dropped without being [`taken`](Self::take), as then, it waits for
/// the opening to end and prints what the app would have said: its warning (where a
/// damaged database went) or why it could not be opened.
pub struct DbOpening {
    coming: Option<std::sync::mpsc::Receiver<Opened>>,
    opened: Option<Opened>,
    data_dir: PathBuf,
    now: Timestamp,
}

impl DbOpening {
    /// Starts opening `<data_dir>/lectern.db`, as [`Db::open`] does at `now`, then
    /// [warms](Db::warm) it and does `also` (other work the opening needs that waits for
    /// nothing), on the [helper](crate::helper) thread. Where no thread can be started, the
    /// database is opened at once, here, and `also` is not done.
    pub fn start(data_dir: PathBuf, now: Timestamp, also: impl FnOnce() + Send + 'static) -> DbOpening {
        let dir = data_dir.clone();
        let open = move || {
            let opened = Db::open(&dir, now);
            if let Ok((db, _)) = &opened {
                db.warm();
            }
            also();
            opened
        };
        match crate::helper::run(open) {
            Some(coming) => DbOpening { coming: Some(coming), opened: None, data_dir, now },
            None => DbOpening { coming: None, opened: Some(Db::open(&data_dir, now)), data_dir, now },
        }
    }

    /// Waits for the opening to end; the database, when it opened.
    pub fn wait(&mut self) -> Option<&Db> {
        self.finish();
        match &self.opened {
            Some(Ok((db, _))) => Some(db),
            _ => None,
        }
    }

    /// The database opened, and its warning.
    pub fn take(mut self) -> Opened {
        self.finish();
        self.opened.take().unwrap_or_else(|| Db::open(&self.data_dir, self.now))
    }

    /// Waits for the helper's opening; should it have failed, the database is opened here
    /// instead.
    fn finish(&mut self) {
        if let Some(coming) = self.coming.take() {
            self.opened = Some(coming.recv().unwrap_or_else(|_| Db::open(&self.data_dir, self.now)));
        }
    }
}

impl Drop for DbOpening {
    fn drop(&mut self) {
        self.finish();
        match &self.opened {
            Some(Ok((_, Some(warning)))) => eprintln!("warning: {}", crate::text::sanitize::mask(warning)),
            Some(Err(error)) => eprintln!("warning: {}", crate::text::sanitize::mask(&error.to_string())),
            _ => {}
        }
    }
}

/// Why a database could not be opened: it cannot be read as one (and is to be moved
/// aside), or something else went wrong.
enum Fault {
    Unreadable(String),
    Failed(StoreError),
}

impl Db {
    /// Opens `<data_dir>/lectern.db`, making the directory and the database if they are
    /// missing, and imports the old progress files. Returns the database and a warning for
    /// the user: a database that could not be read and was moved aside, or an old file
    /// that could not be imported. Fails on a directory or file it cannot use (read-only,
    /// full, not a file) and on a database from a newer lectern, which it leaves alone.
    pub fn open(data_dir: &Path, now: Timestamp) -> Result<(Db, Option<String>), StoreError> {
        fs::create_dir_all(data_dir).map_err(|source| StoreError::Io {
            action: "create",
            path: data_dir.to_path_buf(),
            error: source,
        })?;
        let path = data_dir.join(FILE);
        let mut warnings = Vec::new();
        let (conn, opened) = match connect_waiting(&path) {
            Ok(connected) => connected,
            Err(Fault::Failed(error)) => return Err(error),
            Err(Fault::Unreadable(why)) => {
                let aside = set_aside_with_journal(&path, now)?;
                warnings.push(format!(
                    "the database {} could not be read ({why}); it was moved to {} and a new one started",
                    path.display(),
                    aside.display()
                ));
                connect_waiting(&path).map_err(|fault| match fault {
                    Fault::Failed(error) => error,
                    Fault::Unreadable(why) => StoreError::Io {
                        action: "start a new database at",
                        path: path.clone(),
                        error: std::io::Error::other(why),
                    },
                })?
            }
        };
        let mut db = Db { conn, path, opened, read_only: false };
        warnings.extend(import::old_progress(&mut db, data_dir, now));
        Ok((db, (!warnings.is_empty()).then(|| warnings.join("; "))))
    }

    /// Opens `<data_dir>/lectern.db` to read only, as an export does: nothing is made,
    /// moved aside, migrated or imported. `None` when there is no database, or an empty
    /// one. A database of an older schema is read as far as it goes: what later versions
    /// added reads as nothing. A newer one is refused, as [`Db::open`] refuses it.
    pub fn open_read_only(data_dir: &Path) -> Result<Option<Db>, StoreError> {
        let path = data_dir.join(FILE);
        if !path.exists() {
            return Ok(None);
        }
        let fail = |source| StoreError::Database { action: "read the progress", path: path.clone(), error: source };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(fail)?;
        conn.busy_timeout(BUSY).map_err(fail)?;
        let found = schema::version(&conn).map_err(fail)?;
        if found > schema::VERSION {
            return Err(StoreError::Newer { path, found, known: schema::VERSION });
        }
        Ok((found > 0).then_some(Db { conn, path, opened: None, read_only: true }))
    }

    /// Prepares the statements that opening a pack runs ([`Db::key`] for a place seen
    /// before, [`Db::load`]), so that SQLite parses them on the thread that opened the
    /// database, while the pack loads, rather than on the way to the first screen. Reading
    /// the progress of a pack with no rows (no key is empty) runs each of them once.
    pub fn warm(&self) {
        let _ = self.conn.prepare_cached(super::places::KNOWN_PLACE);
        let _ = self.load("");
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes the database. The last connection to close folds the write-ahead log into
    /// the database and removes it (when no other process has it open), so that the next
    /// open has no log to read through; a process that ends with its connection open leaves
    /// the log behind, longer with every run until SQLite's own checkpoint (about 4 MB),
    /// and each open reads through all of it.
    /// A database closed so, whole, is recorded ([`checked`]) when the file was still as
    /// it was checked at the open (this connection kept its changes in the log till now):
    /// the next open finds it as it was left, and need not check it again. Changed by
    /// anything else meanwhile, it is not recorded, and the next open checks it.
    pub fn close(self) {
        let Db { conn, path, opened, read_only } = self;
        let untouched =
            opened.is_some_and(|print| matches!(checked::fingerprint(&path), Ok(Some(now)) if now == print));
        let closed = conn.close().is_ok();
        if read_only {
            return;
        }
        if closed && untouched {
            checked::record(&path);
        } else {
            checked::forget(&path);
        }
    }

    /// Turns a database error into a [`StoreError`] saying what was being done.
    pub(super) fn fail(&self, action: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Database { action, path: self.path.clone(), error: source }
    }
}

/// As [`connect`], tried again while another process holds the lock it needs. SQLite's own
/// wait ([`BUSY`]) does not cover everything: two processes that both read a new database and
/// then both ask to put it in WAL mode would wait on each other forever, so SQLite refuses one
/// at once rather than wait; tried again, it finds the work done.
fn connect_waiting(path: &Path) -> Result<(Connection, Option<checked::Fingerprint>), Fault> {
    let start = std::time::Instant::now();
    // Looked at before SQLite opens it (and its log), and so before anything else can.
    let vouched = checked::vouches(path);
    loop {
        match connect(path, vouched) {
            Err(Fault::Failed(StoreError::Database { error, .. }))
                if matches!(error.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked))
                    && start.elapsed() < BUSY =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            done => return done,
        }
    }
}

/// Opens, sets up, checks and migrates the database at `path`, which the record of its last
/// close may have `vouched` for. The version is read before anything is written, so a newer
/// database is left exactly as it was. Gives the connection and the file as it was checked.
fn connect(
    path: &Path,
    vouched: Option<checked::Fingerprint>,
) -> Result<(Connection, Option<checked::Fingerprint>), Fault> {
    let fail = |action: &'static str| move |source| Fault::of(action, path, source);
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(fail("open the database"))?;
    conn.busy_timeout(BUSY).map_err(fail("open the database"))?;
    let found = schema::version(&conn).map_err(fail("read the database"))?;
    if found > schema::VERSION {
        return Err(Fault::Failed(StoreError::Newer { path: path.to_path_buf(), found, known: schema::VERSION }));
    }
    // Asked first: setting the mode of a database already in it still takes a lock and
    // costs a third of a millisecond.
    let mode = conn.pragma_query_value(None, "journal_mode", |row| row.get::<_, String>(0));
    let mode = match mode.map_err(fail("set up the database"))? {
        mode if mode.eq_ignore_ascii_case("wal") => mode,
        _ => conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
            .map_err(fail("set up the database"))?,
    };
    let wal = mode.eq_ignore_ascii_case("wal");
    conn.pragma_update(None, "foreign_keys", true).map_err(fail("set up the database"))?;
    // The log is folded into the file only when the last connection closes, never while the
    // app runs, so that the close finds the file as it was checked here.
    conn.pragma_update(None, "wal_autocheckpoint", 0).map_err(fail("set up the database"))?;
    // Checked every time, unless it is byte for byte as the last clean close left it. Outside
    // WAL mode, no log shows that another process has it open, so a record is not trusted.
    let opened = match vouched.filter(|_| wal) {
        Some(print) => Some(print),
        None => {
            // Taken before the check, so that a change made while it runs is never recorded.
            let print = if wal { checked::fingerprint(path).ok().flatten() } else { None };
            let check: String =
                conn.query_row("PRAGMA quick_check", [], |row| row.get(0)).map_err(fail("check the database"))?;
            if check != "ok" {
                return Err(Fault::Unreadable(format!("its check found: {check}")));
            }
            print
        }
    };
    schema::migrate(&mut conn).map_err(fail("set up the tables"))?;
    Ok((conn, opened))
}

impl Fault {
    /// A file that is not a database or is damaged is unreadable; anything else (a
    /// directory that cannot be written, a full disk, a lock held too long) is a failure.
    fn of(action: &'static str, path: &Path, source: rusqlite::Error) -> Fault {
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Fault::Unreadable("it is not a database".to_string()),
            Some(ErrorCode::DatabaseCorrupt) => Fault::Unreadable(format!("it is damaged: {source}")),
            _ => Fault::Failed(StoreError::Database { action, path: path.to_path_buf(), error: source }),
        }
    }
}

/// Moves an unreadable database to `lectern.db.corrupt-<time>`, its `-wal` and `-shm`
/// files beside it with the same name and their own ending. Returns where it went.
fn set_aside_with_journal(path: &Path, now: Timestamp) -> Result<PathBuf, StoreError> {
    checked::forget(path);
    let aside = set_aside(path, &format!("corrupt-{}", file_time(now)))?;
    for ending in ["-wal", "-shm"] {
        let journal = with_ending(path, ending);
        if journal.exists() {
            fs::rename(&journal, with_ending(&aside, ending)).map_err(|source| StoreError::Io {
                action: "move aside",
                path: journal.clone(),
                error: source,
            })?;
        }
    }
    Ok(aside)
}

/// `path` with `ending` added to its name.
pub(super) fn with_ending(path: &Path, ending: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(ending);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apps_started_at_once_on_a_new_data_directory_all_open_it() {
        // Two terminals opening lectern together the first time: each makes the database and
        // puts it in WAL mode at the same moment. None may be refused as "locked".
        for _ in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let start = std::sync::Barrier::new(4);
            std::thread::scope(|scope| {
                let opens: Vec<_> = (0..4)
                    .map(|_| {
                        scope.spawn(|| {
                            start.wait();
                            Db::open(dir.path(), now()).map(|_| ())
                        })
                    })
                    .collect();
                for open in opens {
                    if let Err(error) = open.join().unwrap() {
                        panic!("an app could not open the new database: {error}");
                    }
                }
            });
        }
    }

    fn now() -> Timestamp {
        "2026-12-01T09:00:00Z".parse().unwrap()
    }

    fn pragma(db: &Db, name: &str) -> String {
        db.conn.query_row(&format!("PRAGMA {name}"), [], |row| row.get::<_, rusqlite::types::Value>(0)).map_or_else(
            |e| e.to_string(),
            |v| match v {
                rusqlite::types::Value::Integer(n) => n.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            },
        )
    }

    #[test]
    fn a_new_database_is_made_with_its_directory_and_set_up() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("a/b");
        let (db, warning) = Db::open(&data, now()).unwrap();
        assert!(warning.is_none());
        assert_eq!(db.path(), data.join(FILE));
        assert!(data.join(FILE).is_file());
        assert_eq!(pragma(&db, "journal_mode"), "wal");
        assert_eq!(pragma(&db, "foreign_keys"), "1");
        assert_eq!(pragma(&db, "busy_timeout"), "5000");
        assert_eq!(pragma(&db, "user_version"), schema::VERSION.to_string());
        drop(db);
        // Opened again, it is as it was.
        let (db, warning) = Db::open(&data, now()).unwrap();
        assert!(warning.is_none());
        assert_eq!(pragma(&db, "user_version"), schema::VERSION.to_string());
    }

    #[test]
    fn an_opening_warms_the_database_and_does_the_rest_on_its_thread_writing_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let who = super::super::Identity { id: "p".into(), place: "folder:/p".into(), title: "P".into() };
        let (mut db, _) = Db::open(dir.path(), now()).unwrap();
        let key = db.key(&who, now()).unwrap();
        db.close();
        let (also, done) = std::sync::mpsc::channel();
        let on = move || also.send(std::thread::current().id()).unwrap();
        let opening = DbOpening::start(dir.path().to_path_buf(), now(), on);
        let (mut db, _) = opening.take().unwrap();
        let ran_on = done.try_recv().expect("`also` ran before the database was handed over");
        assert_ne!(ran_on, std::thread::current().id(), "`also` ran on the opening's own thread");
        let rows = |table: &str| -> i64 {
            db.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0)).unwrap()
        };
        assert_eq!((rows("places"), rows("packs")), (1, 1), "warming wrote nothing");
        assert!(db.conn.prepare_cached(super::super::places::KNOWN_PLACE).is_ok());
        assert_eq!(db.key(&who, now()).unwrap(), key, "the pack is found as before");
        assert_eq!(db.load(&key).unwrap(), db.load(&key).unwrap());
    }
    #[test]
    fn a_clean_close_is_found_at_the_next_open_and_the_check_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let (db, _) = Db::open(dir.path(), now()).unwrap();
        assert_eq!(pragma(&db, "wal_autocheckpoint"), "0", "the log is folded in at the close only");
        let checked_at_open = db.opened.expect("a new database is checked, and its file known");
        db.conn.execute_batch("CREATE TABLE extra (x); INSERT INTO extra VALUES (1);").unwrap();
        // The file as it was checked until the close: the change is in the log only.
        assert_eq!(checked::fingerprint(&path).unwrap(), Some(checked_at_open));
        db.close();
        assert!(!with_ending(&path, "-wal").exists(), "the log folded in and removed");
        let recorded = checked::vouches(&path).expect("the close is recorded and vouches for the file");
        assert_ne!(recorded, checked_at_open, "the change is in the file now");
        // The next open takes the record's word for the file, and so can the close after it.
        let (db, _) = Db::open(dir.path(), now()).unwrap();
        assert_eq!(db.opened, Some(recorded));
        db.close();
        assert_eq!(checked::vouches(&path), Some(recorded), "nothing written, the same file");
        // Opened to read only, the record stands.
        Db::open_read_only(dir.path()).unwrap().unwrap().close();
        assert_eq!(checked::vouches(&path), Some(recorded));
        // Closed while another connection has it open: the log stays, nothing is recorded.
        let (db, _) = Db::open(dir.path(), now()).unwrap();
        let (other, _) = Db::open(dir.path(), now()).unwrap();
        other.conn.execute_batch("INSERT INTO extra VALUES (2);").unwrap();
        db.close();
        assert!(checked::vouches(&path).is_none(), "a log beside it");
        other.close();
        assert!(checked::vouches(&path).is_some(), "the last close folds the log in and records");
    }

    #[test]
    fn an_unreadable_database_goes_aside_with_its_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        fs::write(&path, b"not a database. ".repeat(1024)).unwrap();
        let (_db, warning) = Db::open(dir.path(), now()).unwrap();
        let aside = dir.path().join("lectern.db.corrupt-20261201T090000Z");
        let warning = warning.unwrap();
        assert!(
            warning.contains("it is not a database") && warning.contains(&aside.display().to_string()),
            "{warning}"
        );
        assert_eq!(fs::read(&aside).unwrap(), b"not a database. ".repeat(1024));
        // SQLite folds the journal into the file, or drops it, when the connection closes;
        // one still there (another process holding it) goes along.
        let path = dir.path().join("other.db");
        for (ending, text) in [("", "db"), ("-wal", "wal"), ("-shm", "shm")] {
            fs::write(with_ending(&path, ending), text).unwrap();
        }
        let aside = set_aside_with_journal(&path, now()).unwrap();
        for (ending, text) in [("", "db"), ("-wal", "wal"), ("-shm", "shm")] {
            assert_eq!(fs::read_to_string(with_ending(&aside, ending)).unwrap(), text);
            assert!(!with_ending(&path, ending).exists());
        }
    }

    #[test]
    fn what_is_not_a_file_is_a_failure_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join(FILE)).unwrap();
        let error = Db::open(dir.path(), now()).unwrap_err();
        assert!(matches!(error, StoreError::Database { .. }), "{error}");
        assert!(error.to_string().starts_with("cannot open the database in "), "{error}");
        assert!(dir.path().join(FILE).is_dir());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "nothing set aside");
        // A data directory that is a file.
        let file = dir.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(matches!(Db::open(&file, now()), Err(StoreError::Io { action: "create", .. })));
    }
}
