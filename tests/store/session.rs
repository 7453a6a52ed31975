//! The app's session on the database: answers written at once, a finished sitting
//! recorded, and a failing write said until one succeeds.

use std::time::{Duration, Instant};

use lectern::ui::pane::quiz::Stage;

use super::*;

#[test]
fn the_session_writes_each_answer_at_once_and_records_a_finished_sitting() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack();
    let q = pack.questions.iter().position(|q| q.kind.name() == "truefalse").unwrap();
    let key = pack.questions[q].id.clone();
    // Missed last time; another card answered by another process is there too.
    let mut other = open(dir.path());
    other.save_card(PACK, &key, &Card { last: Some(Outcome::Wrong), ..Card::default() }, &[], now()).unwrap();
    let elsewhere = reviewed(&[Rating::Good]);
    other.save_card(PACK, "term:elsewhere", &elsewhere, &elsewhere.log, now()).unwrap();
    let (mut session, warning) = Session::open(dir.path(), &bundled(), now());
    assert_eq!(warning, None);
    let mut app = app_with(session.cards(&pack));
    session.restore(&mut app);
    let app = press(&mut session, app, "3m");
    assert!(matches!(app.quiz.stage, Stage::Asking(_)));
    assert_eq!(other.load(PACK).unwrap().sitting.map(|s| s.mode), Some(Mode::Missed), "kept as it goes");
    // Meanwhile the other process reviews the same card.
    let mut theirs = reviewed(&[Rating::Again]);
    theirs.last = Some(Outcome::Wrong);
    other.save_card(PACK, &key, &theirs, &theirs.log, now()).unwrap();

    let app = press(&mut session, app, "t");
    let saved = other.load(PACK).unwrap();
    assert_eq!(saved.cards[&key].log.len(), 2, "this session's review added to the other's");
    assert_eq!(saved.cards["term:elsewhere"], elsewhere, "a card the session did not change is left alone");
    assert_eq!(saved.sitting, None, "answered to its end: not kept");
    let app = press(&mut session, app, "<Enter>");
    assert!(matches!(app.quiz.stage, Stage::Done { .. }), "the summary");
    let finished = other.finished(PACK).unwrap();
    assert_eq!(finished.len(), 1);
    assert_eq!((finished[0].mode, finished[0].asked), (Mode::Missed, 1));
    assert_eq!(finished[0].started, app.now, "the sitting began at the app's time");
    // More keys on the summary record nothing more.
    let app = press(&mut session, app, "jk");
    session.note(&app);
    session.save().unwrap();
    assert_eq!(other.finished(PACK).unwrap().len(), 1);
    assert!(other.load(PACK).unwrap().reading.is_some(), "the position saved");
}

#[test]
fn a_write_that_fails_is_said_until_one_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, _) = Session::open(dir.path(), &bundled(), now());
    let bookmark = Bookmark { letter: 'a', quote: quote("Liang Wenfeng", 0), updated: now() };
    let change = Change::Bookmark(bookmark.clone());
    // Another process holds the write lock for longer than a write waits.
    let locker = rusqlite::Connection::open(dir.path().join(FILE)).unwrap();
    locker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let error = session.write(&change, now()).unwrap_err();
    assert!(error.to_string().contains("database is locked"), "{error}");
    let unsaved = session.unsaved().expect("said");
    assert!(unsaved.starts_with("nothing you do now is being saved (cannot save a bookmark in "), "{unsaved}");
    assert_eq!(bookmarks_in(dir.path()), 0, "what failed to be written is not in the database");
    // Answers noted meanwhile wait for the next save, which is not tried at once.
    let mut app = app_with(session.cards(&pack()));
    let at = app.now;
    lectern::ui::update::open_sitting(&mut app, Mode::Quiz, at);
    let app = run_app(app, &parse("x<Enter>").unwrap(), None).unwrap().0;
    assert_eq!(app.cards.len(), 1, "a question answered");
    session.note(&app);
    let started = Instant::now();
    session.save_if_due().unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "no second wait for the lock");
    locker.execute_batch("COMMIT").unwrap();
    session.write(&change, now()).unwrap();
    assert_eq!(session.unsaved(), None);
    assert_eq!(bookmarks_in(dir.path()), 1, "written once the lock is gone");
    session.save().unwrap();
    let saved = open(dir.path()).load(PACK).unwrap();
    assert_eq!(saved.notes.bookmarks.len(), 1);
    assert_eq!(saved.cards.values().map(|c| c.log.len()).sum::<usize>(), 1, "the answer written after all");
}

/// How many bookmarks the database holds, read past any write lock another connection holds.
fn bookmarks_in(dir: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(dir.join(FILE)).unwrap();
    conn.query_row("SELECT count(*) FROM bookmarks", [], |row| row.get(0)).unwrap()
}

#[test]
fn how_far_the_article_is_read_is_kept_and_never_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, _) = Session::open(dir.path(), &bundled(), now());
    let app = app_with(BTreeMap::new());
    let app = press(&mut session, app, "G");
    session.note(&app);
    session.save().unwrap();
    let db = open(dir.path());
    let last = pack().article.blocks.len() - 1;
    assert_eq!(db.furthest(PACK).unwrap(), Some(last), "the end has been on screen");
    // Back at the start: the position moves back, how far it was read does not.
    let app = press(&mut session, app, "g");
    session.note(&app);
    session.save().unwrap();
    assert_eq!(db.load(PACK).unwrap().reading.map(|r| r.block), Some(0));
    assert_eq!(db.furthest(PACK).unwrap(), Some(last));
}
