//! The database: every table read back as written, a change seen by another connection the
//! moment it is written, two processes on one pack losing none of each other's reviews, the
//! old progress files imported once, and a database that is damaged, from a newer lectern
//! or in a directory that cannot be written met with a message, never a panic; and the
//! app's session on it.

mod damage;
mod processes;
mod session;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::date;
use lectern::notes::{Annotation, Answer, Bookmark, Change, Kind, Notes, Quote};
use lectern::pack::Pack;
use lectern::pack::source::{BUNDLED, Library, Origin};
use lectern::store::{Db, FILE, Finished, Identity, Reading, StoreError, Written};
use lectern::study::deck::{Mode, Scope};
use lectern::study::schedule::{Card, Memory, Outcome, Rating, Review, Scheduler};
use lectern::study::session::SavedSitting;
use lectern::ui::app::{App, Options};
use lectern::ui::keys::parse;
use lectern::ui::replay::run_app;
use lectern::ui::session::Session;
use lectern::ui::theme::Theme;
use ratatui::layout::Rect;

const PACK: &str = "deepseek-ai-arms-race";

/// The bundled pack as its progress knows it: its rows go by its id.
fn bundled() -> Identity {
    Identity::of(&Library::bundled()[0], "DeepSeek")
}

fn now() -> Timestamp {
    "2026-12-01T09:00:00Z".parse().unwrap()
}

fn open(dir: &Path) -> Db {
    let (db, warning) = Db::open(dir, now()).unwrap();
    assert_eq!(warning, None);
    db
}

fn quote(exact: &str, block: usize) -> Quote {
    Quote { exact: exact.into(), prefix: "before ".into(), suffix: " after".into(), block }
}

fn annotation(id: u64, kind: Option<Kind>, note: &str) -> Annotation {
    Annotation { id, quote: quote("the chips", 4), kind, note: note.into(), created: now(), updated: now() }
}

/// A card reviewed `ratings` on successive due days.
fn reviewed(ratings: &[Rating]) -> Card {
    let scheduler = Scheduler::new();
    let mut card = Card::default();
    let mut day = date(2026, 12, 1);
    for &rating in ratings {
        scheduler.review(&mut card, rating, Some(Outcome::of(rating)), day);
        day = card.memory.unwrap().due;
    }
    card
}

fn sitting() -> SavedSitting {
    SavedSitting {
        mode: Mode::Review,
        items: vec!["nvidia-one-day-loss".into(), "term:Export controls".into()],
        index: 1,
        answers: vec![("nvidia-one-day-loss".into(), Outcome::Almost)],
        shown: vec![1, 0],
        seed: u64::MAX - 1,
        started: "2026-12-01T08:59:00.5Z".parse().unwrap(),
        scope: Scope::Paragraph(3),
        looked: vec![0],
    }
}

fn pack() -> Pack {
    lectern::pack::load(Origin::Bundled(&BUNDLED[0])).pack
}

fn app_with(cards: BTreeMap<String, Card>) -> App {
    let options = Options { theme: Theme::mono(), reading_width: 76, in_order: true, ..Options::default() };
    App::with_cards(pack(), options, Rect::new(0, 0, 120, 40), cards)
}

/// Presses `keys` one at a time, noting and saving after each as the event loop does.
fn press(session: &mut Session, mut app: App, keys: &str) -> App {
    for step in parse(keys).unwrap() {
        app = run_app(app, std::slice::from_ref(&step), None).unwrap().0;
        session.note(&app);
        session.save_if_due().unwrap();
    }
    app
}

#[test]
fn every_table_reads_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path());
    assert_eq!(db.load(PACK).unwrap(), Default::default(), "nothing saved: nothing loaded");

    db.save_reading(PACK, Reading { block: 7, offset: 2 }, now()).unwrap();
    db.save_reading(PACK, Reading { block: 8, offset: 0 }, now()).unwrap();
    let card = reviewed(&[Rating::Good, Rating::Again, Rating::Hard, Rating::Easy]);
    db.save_card(PACK, "term:export controls", &card, &card.log, now()).unwrap();
    let only_outcome = Card { last: Some(Outcome::Wrong), ..Card::default() };
    db.save_card(PACK, "q\"1\n", &only_outcome, &[], now()).unwrap();
    db.save_sitting(PACK, Some(&sitting()), now()).unwrap();
    let quiz = Finished {
        mode: Mode::Quiz,
        started: now(),
        finished: "2026-12-01T09:05:00Z".parse().unwrap(),
        asked: 9,
        right: 6,
        almost: 1,
    };
    db.record_finished(PACK, &quiz).unwrap();
    let high_bit = annotation(u64::MAX - 5, Some(Kind::Disagree), "");
    let later: Timestamp = "2026-12-02T10:00:00Z".parse().unwrap();
    let bookmark = Bookmark { letter: 'é', quote: quote("Liang Wenfeng", 0), updated: now() };
    let answer = Answer {
        prompt: "What does the article leave out?".into(),
        text: "Energy.\nAnd water.".into(),
        updated: now(),
    };
    for change in [
        Change::Annotation(annotation(1, Some(Kind::Important), "")),
        Change::Annotation(annotation(2, None, "a note alone")),
        Change::Annotation(high_bit.clone()),
        // Edited: the kind and note change, the time it was made stays.
        Change::Annotation(Annotation {
            kind: Some(Kind::Evidence),
            note: "see ¶ 5".into(),
            created: later,
            updated: later,
            ..annotation(1, None, "")
        }),
        Change::RemoveAnnotation(2),
        Change::Bookmark(Bookmark { letter: 'a', quote: quote("first", 1), updated: now() }),
        Change::Bookmark(Bookmark { letter: 'a', quote: quote("second", 2), updated: later }),
        Change::Bookmark(bookmark.clone()),
        Change::Bookmark(Bookmark { letter: 'z', quote: quote("gone", 3), updated: now() }),
        Change::RemoveBookmark('z'),
        Change::Answer(answer.clone()),
        Change::Answer(Answer { prompt: "Why?".into(), text: "Because.".into(), updated: now() }),
        Change::Answer(Answer { prompt: "Why?".into(), text: String::new(), updated: later }),
    ] {
        db.write(PACK, &change, now()).unwrap();
    }

    let saved = db.load(PACK).unwrap();
    assert_eq!(saved.reading, Some(Reading { block: 8, offset: 0 }));
    assert_eq!(
        saved.cards,
        BTreeMap::from([("q\"1\n".to_string(), only_outcome), ("term:export controls".to_string(), card.clone())])
    );
    let (want, got) = (card.memory.unwrap(), saved.cards["term:export controls"].memory.unwrap());
    assert_eq!(
        (got.stability.to_bits(), got.difficulty.to_bits()),
        (want.stability.to_bits(), want.difficulty.to_bits())
    );
    assert_eq!(saved.sitting, Some(sitting()));
    let edited =
        Annotation { kind: Some(Kind::Evidence), note: "see ¶ 5".into(), updated: later, ..annotation(1, None, "") };
    assert_eq!(
        saved.notes,
        Notes {
            // In the order they were made (the same time here: then by id, as stored).
            annotations: vec![high_bit, edited],
            bookmarks: vec![Bookmark { letter: 'a', quote: quote("second", 2), updated: later }, bookmark],
            answers: vec![answer],
        }
    );
    assert_eq!(db.finished(PACK).unwrap(), [quiz]);
    // The sitting finished or dropped goes; another pack sees none of this one.
    db.save_sitting(PACK, None, now()).unwrap();
    assert_eq!(db.load(PACK).unwrap().sitting, None);
    assert_eq!(db.load("another").unwrap(), Default::default());
    assert_eq!(db.finished("another").unwrap(), []);
}

#[test]
fn memories_round_trip_to_the_bit_and_unusable_ones_are_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path());
    let values = [f32::MIN_POSITIVE, 2.3065, 0.1, 1.0 / 3.0, 36_500.0, f32::MAX, 1e-40];
    for (i, &x) in values.iter().enumerate() {
        let memory = Memory {
            stability: x,
            difficulty: -x,
            due: date(9999, 12, 31),
            last_review: date(1, 1, 1),
            reps: u32::MAX,
            lapses: i as u32,
        };
        let card = Card { memory: Some(memory), ..Card::default() };
        db.save_card(PACK, &format!("q{i}"), &card, &[], now()).unwrap();
        let got = db.load(PACK).unwrap().cards[&format!("q{i}")].memory.unwrap();
        assert_eq!((got.stability.to_bits(), got.difficulty.to_bits()), (x.to_bits(), (-x).to_bits()));
        assert_eq!(got, memory);
    }
    for (stability, difficulty) in [(f32::NAN, 5.0), (0.0, 5.0), (-1.0, 5.0), (f32::INFINITY, 5.0), (2.0, f32::NAN)] {
        let mut card = reviewed(&[Rating::Good]);
        let memory = card.memory.as_mut().unwrap();
        (memory.stability, memory.difficulty) = (stability, difficulty);
        db.save_card(PACK, "odd", &card, &[], now()).unwrap();
        assert_eq!(db.load(PACK).unwrap().cards["odd"].memory, None, "{stability} {difficulty}");
    }
}

#[test]
fn any_pack_id_is_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path());
    let chinese: String = "深度求索与人工智能军备竞赛".chars().cycle().take(30).collect();
    let ids = [chinese.as_str(), "../x", "..", "/etc/passwd", "a\nb", "", "%2E", "'; DROP TABLE cards; --"];
    for (block, id) in ids.iter().enumerate() {
        db.save_reading(id, Reading { block, offset: 1 }, now()).unwrap();
        db.save_card(id, "q", &reviewed(&[Rating::Good]), &reviewed(&[Rating::Good]).log, now()).unwrap();
        db.write(id, &Change::Bookmark(Bookmark { letter: 'a', quote: quote(id, block), updated: now() }), now())
            .unwrap();
    }
    for (block, id) in ids.iter().enumerate() {
        let saved = db.load(id).unwrap();
        assert_eq!(saved.reading, Some(Reading { block, offset: 1 }), "{id:?}");
        assert_eq!(saved.cards["q"].log.len(), 1, "{id:?}");
        assert_eq!(saved.notes.bookmarks[0].quote.exact, *id);
    }
    assert_eq!(
        fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| !e.as_ref().unwrap().file_name().to_string_lossy().starts_with(FILE))
            .count(),
        0
    );
}

#[test]
fn a_change_is_seen_by_another_connection_once_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = open(dir.path());
    let reader = open(dir.path());
    writer.save_reading(PACK, Reading { block: 3, offset: 0 }, now()).unwrap();
    assert_eq!(reader.load(PACK).unwrap().reading, Some(Reading { block: 3, offset: 0 }));
    writer.write(PACK, &Change::Annotation(annotation(9, Some(Kind::Question), "why?")), now()).unwrap();
    assert_eq!(reader.load(PACK).unwrap().notes.annotations, [annotation(9, Some(Kind::Question), "why?")]);
    writer.write(PACK, &Change::RemoveAnnotation(9), now()).unwrap();
    assert_eq!(reader.load(PACK).unwrap().notes.annotations, []);
    let card = reviewed(&[Rating::Hard]);
    writer.save_card(PACK, "q1", &card, &card.log, now()).unwrap();
    assert_eq!(reader.load(PACK).unwrap().cards["q1"], card);
}

#[test]
fn a_note_id_of_another_pack_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path());
    db.write("a", &Change::Annotation(annotation(5, None, "mine")), now()).unwrap();
    let error = db.write("b", &Change::Annotation(annotation(5, None, "theirs")), now()).unwrap_err();
    assert!(error.to_string().contains("note 5 belongs to another pack"), "{error}");
    assert_eq!(db.load("a").unwrap().notes.annotations[0].note, "mine");
    assert_eq!(db.load("b").unwrap().notes.annotations, []);
    // Removing it from the other pack does nothing.
    db.write("b", &Change::RemoveAnnotation(5), now()).unwrap();
    assert_eq!(db.load("a").unwrap().notes.annotations.len(), 1);
}

#[test]
fn two_connections_answering_one_pack_keep_every_review() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (open(dir.path()), open(dir.path()));
    let scheduler = Scheduler::new();
    // Both load first, then answer in turn.
    let (mut cards_a, mut cards_b) = (a.load(PACK).unwrap().cards, b.load(PACK).unwrap().cards);
    let (mut written_a, mut written_b) = (Written::new(cards_a.clone()), Written::new(cards_b.clone()));
    for (day, rating) in [Rating::Good, Rating::Again, Rating::Easy].into_iter().enumerate() {
        let today = date(2026, 12, 1 + day as i8);
        for key in ["q1", "q2"] {
            scheduler.review(cards_a.entry(key.into()).or_default(), rating, None, today);
            assert_eq!(written_a.write(&mut a, PACK, &cards_a, now()).unwrap(), 1);
            scheduler.review(cards_b.entry(key.into()).or_default(), Rating::Hard, None, today);
            assert_eq!(written_b.write(&mut b, PACK, &cards_b, now()).unwrap(), 1);
        }
        // Nothing changed since: nothing written.
        assert_eq!(written_a.write(&mut a, PACK, &cards_a, now()).unwrap(), 0);
        assert!(!written_a.pending(&cards_a));
    }
    let saved = open(dir.path()).load(PACK).unwrap();
    for key in ["q1", "q2"] {
        let log = &saved.cards[key].log;
        assert_eq!(log.len(), 6, "{key}: both connections' reviews");
        let ratings: Vec<Rating> = log.iter().map(|r| r.rating).collect();
        assert_eq!(ratings, [Rating::Good, Rating::Hard, Rating::Again, Rating::Hard, Rating::Easy, Rating::Hard]);
        // The memory is the last one written.
        assert_eq!(saved.cards[key].memory, cards_b[key].memory);
    }
}

#[test]
fn any_pack_id_keeps_its_progress() {
    // Ids an old progress file could not be named after: long, in any script, with spaces.
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path());
    let long = "漢字".repeat(40);
    for id in [long.as_str(), "Глава первая — очень длинное название главы учебника", "a b/c\\d%e"]
    {
        let reading = Reading { block: 3, offset: 7 };
        db.save_reading(id, reading, now()).unwrap();
        db.save_card(id, "q", &reviewed(&[Rating::Good]), &[], now()).unwrap();
        let saved = db.load(id).unwrap();
        assert_eq!(saved.reading, Some(reading), "{id}");
        assert!(saved.cards.contains_key("q"), "{id}");
    }
}
