//! The exports: every format against its golden file on a fixed database state, the same
//! bytes every time, each format read back by a parser of its kind, and the hostile strings
//! of `tests/fixtures/` in every field of a pack and of a note coming out inert.
//!
//! A golden file that should change is rewritten by running the tests with
//! `LECTERN_BLESS=1`; the diff then shows what changed.

mod anki;
mod app;
mod cli;
mod handout;
mod hostile;
mod results;
mod worksheet;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use jiff::Timestamp;
use jiff::civil::Date;
use lectern::notes::{Annotation, Answer, Change, Kind, Quote, Span};
use lectern::pack::Pack;
use lectern::pack::source::{BUNDLED, Origin};
use lectern::store::{Db, Finished};
use lectern::study::deck::{Item, Mode, key};
use lectern::study::schedule::{Card, Outcome, Rating, Scheduler};
use lectern::text::layout::Position;

/// The time every export of the fixed state is made at.
pub const NOW: &str = "2026-12-02T09:00:00Z";

pub fn at(time: &str) -> Timestamp {
    time.parse().unwrap()
}

pub fn bundled() -> Pack {
    lectern::pack::load(Origin::Bundled(&BUNDLED[0])).pack
}

/// A data directory with a fixed database state for the bundled pack, and a place for the
/// test's other files; removed when dropped.
pub struct State {
    pub dir: tempfile::TempDir,
}

impl State {
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `lectern ARGS` with this state's data directory, at [`NOW`], in the state's folder;
    /// the exit code, standard output and standard error.
    pub fn lectern(&self, args: &[&str]) -> (i32, Vec<u8>, String) {
        let out = Command::cargo_bin("lectern")
            .unwrap()
            .args(args)
            .current_dir(self.dir.path())
            .env("LECTERN_DATA_DIR", self.data())
            .env("LECTERN_CONFIG_DIR", self.dir.path().join("config"))
            .env("LECTERN_NOW", NOW)
            .env("TZ", "UTC")
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// `lectern export ARGS`'s standard output, which must succeed with nothing on standard error.
    pub fn export(&self, args: &[&str]) -> String {
        let mut all = vec!["export"];
        all.extend(args);
        let (code, out, err) = self.lectern(&all);
        assert_eq!((code, err.as_str()), (0, ""), "lectern {all:?}");
        String::from_utf8(out).expect("an export is UTF-8")
    }
}

/// An empty data directory: no database at all.
pub fn empty() -> State {
    State { dir: tempfile::tempdir().unwrap() }
}

/// The passage `exact` of the bundled article: its first place, found in the article's text.
pub fn passage(pack: &Pack, exact: &str) -> Quote {
    let (block, offset) = pack
        .article
        .blocks
        .iter()
        .enumerate()
        .find_map(|(i, b)| b.text.find(exact).map(|o| (i, o)))
        .unwrap_or_else(|| panic!("{exact:?} is not in the article"));
    let span = Span { start: Position { block, offset }, end: Position { block, offset: offset + exact.len() } };
    Quote::of(&pack.article, span)
}

/// The fixed state: highlights of every kind (two in one paragraph, one with a note of two
/// paragraphs, one on a passage no longer in the article), a note without a highlight,
/// positions on two prompts, questions answered right and wrong over several days, two
/// finished sittings and three glossary look-ups.
pub fn state() -> State {
    let state = empty();
    let pack = bundled();
    let id = pack.id.as_str();
    let (mut db, warning) = Db::open(&state.data(), at("2026-11-20T08:00:00Z")).unwrap();
    assert_eq!(warning, None);

    let note = |n: u64, quote: Quote, kind: Option<Kind>, text: &str, time: &str| Annotation {
        id: n,
        quote,
        kind,
        note: text.to_string(),
        created: at(time),
        updated: at(time),
    };
    let notes = [
        note(
            1,
            passage(&pack, "undermined the idea that US-based firms have an unreachable lead"),
            Some(Kind::Important),
            "The article's first claim: everything else hangs on it.",
            "2026-11-20T08:05:00Z",
        ),
        note(
            2,
            passage(&pack, "has been dismissed as a gimmick"),
            Some(Kind::Question),
            "Dismissed by whom?\nThe article does not say.\n\nAsk in class: who would know?",
            "2026-11-20T08:10:00Z",
        ),
        note(3, passage(&pack, "anarchic production"), Some(Kind::Disagree), "", "2026-11-20T08:12:00Z"),
        note(
            4,
            passage(&pack, "released the weights of the model open source"),
            None,
            "Open weights: anyone can download and run the model.",
            "2026-11-20T08:15:00Z",
        ),
        note(
            5,
            passage(&pack, "Nvidia"),
            Some(Kind::Evidence),
            "A share price is one day's evidence; *look* at the weeks after.",
            "2026-11-20T08:20:00Z",
        ),
        note(
            6,
            Quote {
                exact: "A sentence that an earlier edition of the article had.".into(),
                prefix: "Some words before it ".into(),
                suffix: " and some after.".into(),
                block: 5,
            },
            Some(Kind::Important),
            "Kept although its passage is gone.",
            "2026-11-20T08:25:00Z",
        ),
    ];
    for n in &notes {
        db.write(id, &Change::Annotation(n.clone()), n.created).unwrap();
    }
    let answer = |prompt: usize, text: &str| Answer {
        prompt: pack.discussion[prompt].prompt.clone(),
        text: text.to_string(),
        updated: at("2026-11-21T18:00:00Z"),
    };
    db.write(
        id,
        &Change::Answer(answer(0, "One day's fall proves little.\nI would want test results and costs.")),
        at("2026-11-21T18:00:00Z"),
    )
    .unwrap();
    db.write(
        id,
        &Change::Answer(answer(2, "An interpretation: the evidence is *not* given.")),
        at("2026-11-21T18:05:00Z"),
    )
    .unwrap();

    // Questions answered over three days: the first missed twice then right, the second
    // missed once, the third right, and the first glossary term known.
    let scheduler = Scheduler::new();
    let mut review = |item: Item, outcomes: &[(Outcome, Option<&str>, &str)]| {
        let mut card = Card::default();
        for &(outcome, given, time) in outcomes {
            let time = at(time);
            let day = time.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
            let before = card.log.len();
            let rating = match outcome {
                Outcome::Right => Rating::Good,
                Outcome::Almost => Rating::Hard,
                Outcome::Wrong => Rating::Again,
            };
            scheduler.review(&mut card, rating, Some(outcome), day);
            // A self-graded card keeps no answer, as in the quiz.
            card.given = given.filter(|_| !lectern::study::deck::is_card(&pack, item)).map(str::to_string);
            let new = card.log[before..].to_vec();
            db.save_card(id, &key(&pack, item), &card, &new, time).unwrap();
        }
    };
    let first = Item::Question(0);
    let given = |q: usize| lectern::study::answer::right_answer(&pack, Item::Question(q));
    let right_first = given(0);
    review(
        first,
        &[
            (Outcome::Wrong, Some("a wrong answer"), "2026-11-20T09:00:00Z"),
            (Outcome::Wrong, Some("another wrong answer"), "2026-11-21T09:00:00Z"),
            (Outcome::Right, Some(right_first.as_str()), "2026-11-22T09:00:00Z"),
        ],
    );
    review(Item::Question(1), &[(Outcome::Wrong, Some("not this one"), "2026-11-20T09:01:00Z")]);
    let right_third = given(2);
    review(Item::Question(2), &[(Outcome::Right, Some(right_third.as_str()), "2026-11-20T09:02:00Z")]);
    review(Item::Term(0), &[(Outcome::Right, None, "2026-11-20T09:03:00Z")]);

    for (mode, started, finished, asked, right, almost) in [
        (Mode::Quiz, "2026-11-20T09:00:00Z", "2026-11-20T09:20:00Z", 12, 7, 2),
        (Mode::Review, "2026-11-22T09:00:00Z", "2026-11-22T09:06:00Z", 4, 3, 0),
    ] {
        let sitting = Finished { mode, started: at(started), finished: at(finished), asked, right, almost };
        db.record_finished(id, &sitting).unwrap();
    }
    for (term, time) in [(1, "2026-11-20T08:30:00Z"), (0, "2026-11-20T08:40:00Z"), (3, "2026-11-21T10:00:00Z")] {
        db.looked_up(id, &pack.terms[term].term, at(time)).unwrap();
    }
    db.looked_up(id, &pack.terms[1].term, at("2026-11-22T10:00:00Z")).unwrap();
    state
}

/// The day of [`NOW`].
pub fn today() -> Date {
    at(NOW).to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
}

/// Compares `actual` with the golden file `tests/golden/NAME`; with `LECTERN_BLESS=1`
/// writes it instead.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("LECTERN_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no golden file {}: run with LECTERN_BLESS=1 to write it", path.display()));
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  now:    {:?}\n(LECTERN_BLESS=1 rewrites it)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

/// The same export twice, from two processes: the same bytes.
pub fn same_twice(state: &State, args: &[&str]) -> String {
    let first = state.export(args);
    assert_eq!(first, state.export(args), "lectern export {args:?} is not the same twice");
    first
}
