//! Quizzing end to end: plain mode answering the bundled quiz from a script, review on
//! later days asking exactly what FSRS says is due, and the quiz pane in the app.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use lectern::pack::model::{ClozePart, Kind};
use lectern::pack::source::{BUNDLED, Origin};
use lectern::pack::{Pack, load};
use lectern::store::Db;
use lectern::study::deck::{self, Item, Mode, Scope};
use lectern::study::schedule::{Card, Outcome, parse_now};
use lectern::study::session::{Sitting, SittingOptions};
use lectern::ui::app::{App, Options};
use lectern::ui::keys::parse;
use lectern::ui::pane::quiz::Stage;
use lectern::ui::replay::screen_text;
use lectern::ui::theme::Theme;

fn pack() -> Pack {
    load(Origin::Bundled(&BUNDLED[0])).pack
}

const DAY1: &str = "2026-12-01T09:00:00Z";

fn date(s: &str) -> jiff::civil::Date {
    parse_now(s).unwrap().date(&jiff::tz::TimeZone::UTC)
}

/// What plain mode is given with `--in-order --seed SEED` at `now`.
fn sitting_options(now: &str, seed: u64) -> SittingOptions {
    SittingOptions {
        today: date(now),
        now: parse_now(now).unwrap().timestamp(&jiff::tz::TimeZone::UTC),
        daily_new: 20,
        seed,
        in_order: true,
        scope: Scope::All,
    }
}

/// The lines that answer `items` rightly, shown as a sitting with `seed` shows them.
fn right_script(pack: &Pack, mode: Mode, seed: u64, now: &str, cards: &BTreeMap<String, Card>) -> (String, usize) {
    let options = sitting_options(now, seed);
    let mut sitting = Sitting::start(pack, cards, mode, &options);
    let mut script = String::new();
    let asked = sitting.items.len();
    while let Some(item) = sitting.current() {
        let shown = |i: usize| sitting.shown.order.iter().position(|&s| s == i).unwrap() + 1;
        match item {
            Item::Term(_) => script.push_str("\n3\n"),
            Item::Question(q) => match &pack.questions[q].kind {
                Kind::Choice { answer, .. } => script.push_str(&format!("{}\n", shown(*answer))),
                Kind::Multi { answers, .. } => {
                    let picks: Vec<String> = answers.iter().map(|&a| shown(a).to_string()).collect();
                    script.push_str(&format!("{}\n", picks.join(", ")));
                }
                Kind::TrueFalse { answer } => script.push_str(if *answer { "yes\n" } else { "f\n" }),
                Kind::Text { answer, .. } => script.push_str(&format!("{}\n", answer.to_uppercase())),
                Kind::Cloze { parts } => {
                    for part in parts {
                        if let ClozePart::Gap(answers) = part {
                            script.push_str(&format!("{}\n", answers[0]));
                        }
                    }
                }
                Kind::Order { items } => {
                    let picks: Vec<String> = (0..items.len()).map(|i| shown(i).to_string()).collect();
                    script.push_str(&format!("{}\n", picks.join(" ")));
                }
                Kind::Card { .. } => script.push_str("\n3\n"),
            },
        }
        sitting.next(pack, true);
    }
    (script, asked)
}

fn quiz(data: &Path, now: &str, args: &[&str], input: String) -> (i32, String) {
    let output = cargo_bin_cmd!("lectern")
        .arg("quiz")
        .arg("--plain")
        .args(args)
        .env("LECTERN_DATA_DIR", data)
        .env("LECTERN_CONFIG_DIR", data.join("config"))
        .env("LECTERN_NOW", now)
        .env("TZ", "UTC")
        .current_dir(data)
        .write_stdin(input)
        .output()
        .unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8(output.stdout).unwrap())
}

fn saved_cards(data: &Path) -> BTreeMap<String, Card> {
    db(data).load("deepseek-ai-arms-race").unwrap().cards
}

/// The database in `data`.
fn db(data: &Path) -> Db {
    Db::open(data, parse_now(DAY1).unwrap().timestamp(&jiff::tz::TimeZone::UTC)).unwrap().0
}

/// Saves `card` as the bundled pack's card `key`.
fn save_card(data: &Path, key: &str, card: &Card) {
    let now = parse_now(DAY1).unwrap().timestamp(&jiff::tz::TimeZone::UTC);
    db(data).save_card("deepseek-ai-arms-race", key, card, &[], now).unwrap();
}

#[test]
fn plain_mode_answers_the_whole_bundled_quiz() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack();
    let (script, asked) = right_script(&pack, Mode::Quiz, 7, DAY1, &BTreeMap::new());
    assert_eq!(asked, pack.questions.len());
    let (code, out) = quiz(dir.path(), DAY1, &["--in-order", "--seed", "7"], script);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains('\u{1b}'), "plain mode writes no escape codes");
    assert!(out.starts_with("Question 1 of 62 (text)\n"), "{}", &out[..200]);
    assert_eq!(out.lines().last(), Some(format!("Score: {asked}/{asked}").as_str()), "{out}");
    assert!(out.contains("> ✓ Right\n"), "{out}");
    assert!(out.contains("Source (¶ 5): “…lost $600 billion in market value"), "the passage is quoted");
    // A quote that ends a sentence gets no ellipsis after its full stop.
    assert!(
        out.contains("Source (¶ 5): “…The impact was immediate, puncturing somewhat the tech companies bubble.”\n")
    );
    assert!(!out.contains(".…"), "{out}");
    // Each kind that needs it says how to answer.
    for how in [
        "Type the number of one choice.",
        "Type the numbers of every right choice, separated by spaces, e.g. 1 3.",
        "Type true or false (or t, f).",
        "Type one line per gap, in order.",
        "Type the numbers in the right order, separated by spaces, e.g. 4 3 2 1.",
    ] {
        assert!(out.contains(how), "{how}");
    }
    assert!(out.contains(": ✓ Known\n"), "cards are known:\n{out}");
    assert!(!out.contains("Not quite"), "every answer in the script is right:\n{out}");
    let cards = saved_cards(dir.path());
    assert_eq!(cards.len(), asked, "every question's progress is saved");
    assert!(cards.values().all(|c| c.last == Some(Outcome::Right)));
}

#[test]
fn unreadable_answers_are_asked_again_and_end_of_input_saves() {
    let dir = tempfile::tempdir().unwrap();
    // Question 2 is a choice of four: 7 cannot be read, 1 is right.
    let (code, out) = quiz(dir.path(), DAY1, &["--in-order", "--seed", "1"], "Liang Wenfeng\n7\n1\n".into());
    assert_eq!(code, 0);
    assert!(out.contains("Give one number, from 1 to 4."), "{out}");
    assert_eq!(out.matches("Besides scientific papers").count(), 2, "the same question again:\n{out}");
    assert_eq!(out.lines().last(), Some("Score: 2/2"));
    assert_eq!(saved_cards(dir.path()).len(), 2, "what was answered is saved");
}

#[test]
fn typos_are_almost_and_digits_are_never_forgiven() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = quiz(dir.path(), DAY1, &["--in-order", "--seed", "1"], "Lian Wenfeng\n".into());
    assert!(out.contains("> ≈ Almost: it is spelt “Liang Wenfeng”\n"), "{out}");
    let pack = pack();
    let cloze = pack.questions.iter().position(|q| q.id.contains("2017") || matches!(&q.kind, Kind::Cloze { parts } if parts.iter().any(|p| matches!(p, ClozePart::Gap(g) if g[0] == "2017")))).unwrap();
    save_card(dir.path(), &pack.questions[cloze].id, &Card { last: Some(Outcome::Wrong), ..Card::default() });
    let (_, out) = quiz(dir.path(), DAY1, &["--mode", "missed"], "2071\n2030\n".into());
    assert!(out.contains("✗ Not quite. The answer: In 2017 the CCP"), "2071 is not 2017:\n{out}");
}

#[test]
fn nothing_to_ask_prints_no_summary() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = quiz(dir.path(), DAY1, &["--mode", "missed"], String::new());
    assert_eq!((code, out.as_str()), (0, "Nothing to ask in this mode today.\n"));
}

/// Plain mode over the bundled pack with only question `id` marked missed.
fn missed_plain(id: &str, input: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    save_card(dir.path(), id, &Card { last: Some(Outcome::Wrong), ..Card::default() });
    let (code, out) = quiz(dir.path(), DAY1, &["--mode", "missed"], input.to_string());
    assert_eq!(code, 0, "{out}");
    out
}

#[test]
fn an_almost_right_cloze_names_only_the_misspelt_gaps() {
    let out = missed_plain("entrench-advantage-cloze", "dominent\nentrench\nChinese\n");
    assert!(out.contains("Gap 3: ≈ Almost: gap 1: dominent → dominant\n"), "{out}");
    assert!(!out.contains("≈ Almost: it is spelt"), "not the whole sentence:\n{out}");
    assert_eq!(out.lines().last(), Some("Score: 1/1"));
}

#[test]
fn review_on_later_days_asks_what_fsrs_says_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack();
    let (script, _) = right_script(&pack, Mode::Quiz, 3, DAY1, &BTreeMap::new());
    quiz(dir.path(), DAY1, &["--in-order", "--seed", "3"], script);
    for day in ["2026-12-02T09:00:00Z", "2026-12-04T09:00:00Z", "2026-12-20T09:00:00Z"] {
        let cards = saved_cards(dir.path());
        let expected = deck::select(&pack, &cards, Mode::Review, &sitting_options(day, 0));
        let (script, asked) = right_script(&pack, Mode::Review, 0, day, &cards);
        assert_eq!(asked, expected.len());
        let (code, out) = quiz(dir.path(), day, &["--mode", "review", "--in-order", "--seed", "0"], script);
        assert_eq!(code, 0);
        if asked == 0 {
            // No summary of an empty sitting.
            assert_eq!(out, "Nothing to ask in this mode today.\n", "{day}");
        } else {
            assert!(out.starts_with(&format!("Question 1 of {asked} (")), "{day}: {}", &out[..80]);
            assert_eq!(out.lines().last(), Some(format!("Score: {asked}/{asked}").as_str()), "{day}");
        }
    }
    // The first review day brings only new cards (the glossary), up to the daily limit.
    let cards = saved_cards(dir.path());
    assert!(cards.keys().filter(|k| k.starts_with("term:")).count() >= 20);
}

// ── The quiz pane ─────────────────────────────────────────────────────────────────────────

fn options() -> Options {
    Options { theme: Theme::mono(), reading_width: 76, in_order: true, ..Options::default() }
}

/// The app with one question of `kind` marked missed, after `keys`.
fn missed_one(kind: &str, keys: &str) -> (App, String) {
    let pack = pack();
    let q = pack.questions.iter().position(|q| q.kind.name() == kind).unwrap();
    let mut cards = BTreeMap::new();
    cards.insert(pack.questions[q].id.clone(), Card { last: Some(Outcome::Wrong), ..Card::default() });
    let steps = parse(keys).unwrap();
    let app = App::with_cards(pack, options(), ratatui::layout::Rect::new(0, 0, 120, 40), cards);
    let (app, buffer) = lectern::ui::replay::run_app(app, &steps, None).unwrap();
    (app, screen_text(&buffer))
}

/// The quiz pane's part of the screen: the right-hand column, below the glossary.
fn pane(screen: &str) -> String {
    screen.lines().skip(19).map(|l| l.chars().skip(72).collect::<String>()).collect::<Vec<_>>().join("\n")
}

#[test]
fn every_kind_before_and_after_answering() {
    for (kind, answer) in [
        ("choice", "1"),
        ("multi", "<Space>j<Space><Enter>"),
        ("truefalse", "t"),
        ("text", "Liang Wenfeng<Enter>"),
        ("cloze", "x<Tab>y<Tab>z<Enter>"),
        ("order", "J<Enter>"),
        ("card", "<Space>3"),
    ] {
        let (app, before) = missed_one(kind, "3m");
        assert!(matches!(app.quiz.stage, Stage::Asking(_)), "{kind}");
        insta::assert_snapshot!(format!("{kind}_asking"), pane(&before));
        let (app, after) = missed_one(kind, &format!("3m{answer}"));
        assert!(matches!(app.quiz.stage, Stage::Answered { .. }), "{kind}: {after}");
        insta::assert_snapshot!(format!("{kind}_answered"), pane(&after));
    }
}

#[test]
fn answering_shows_the_passage_in_the_article() {
    let (app, _) = missed_one("choice", "3m");
    assert!(app.reader.highlight.is_none());
    let (app, screen) = missed_one("choice", "3m2");
    let Some(Item::Question(q)) = app.quiz.sitting.as_ref().and_then(|s| s.current()) else { panic!() };
    let anchor = app.pack.questions[q].reference.as_ref().unwrap().anchor.clone().unwrap();
    assert_eq!(app.reader.highlight, Some(anchor.clone()), "the passage is highlighted");
    assert!(app.reader.rows().iter().any(|r| r.block == anchor.block), "and on screen");
    let Kind::Choice { answer, .. } = app.pack.questions[q].kind else { panic!("a choice question") };
    // In the pack's order, choice 2 is right only when the answer is the second choice.
    let expected = if answer == 1 { "✓ Right" } else { "✗ Not quite" };
    assert!(screen.contains(expected), "{screen}");
    assert_eq!(app.focus, lectern::ui::app::Pane::Quiz, "focus stays in the quiz");
    let (app, _) = missed_one("choice", "3m2o");
    assert_eq!(app.focus, lectern::ui::app::Pane::Article, "o moves to the passage");
}

#[test]
fn a_sitting_ends_with_a_summary() {
    let (app, screen) = missed_one("truefalse", "3mf<Enter>");
    let Stage::Done { summary, .. } = &app.quiz.stage else { panic!("{screen}") };
    assert_eq!(summary.asked, 1);
    let question = app.pack.questions.iter().find(|q| q.kind.name() == "truefalse").unwrap();
    let Kind::TrueFalse { answer } = question.kind else { panic!("a true-or-false question") };
    // `f` was the answer given: right exactly when the statement is false.
    let score = if answer { "Score 0/1" } else { "Score 1/1" };
    assert!(screen.contains(score), "{screen}");
    assert_eq!(summary.missed.is_empty(), !answer);
    assert!(screen.contains("Due tomorrow"));
    assert_eq!(app.cards_version, 1, "the answer was recorded for saving");
}

#[test]
fn typed_answers_edit_like_a_shell_line() {
    let (app, _) = missed_one("text", "3mLian Wengfeng<C-w>Wenfeng<Home><Right><Right><Right><Right>g<End><Enter>");
    let Stage::Answered { verdict, .. } = &app.quiz.stage else { panic!() };
    assert_eq!(*verdict, lectern::study::grade::Verdict::Right);
}

/// The screen cell where `text` begins.
fn find(screen: &str, text: &str) -> (u16, u16) {
    for (y, line) in screen.lines().enumerate() {
        if let Some(at) = line.find(text) {
            return (line[..at].chars().count() as u16, y as u16);
        }
    }
    panic!("`{text}` is not on screen:\n{screen}")
}

#[test]
fn questions_answer_with_the_mouse() {
    use lectern::ui::action::Action;
    // A choice: click the right one.
    let (mut app, screen) = missed_one("choice", "3m");
    let (x, y) = find(&screen, "The weights of the r1");
    act(&mut app, Action::Click(x, y));
    assert!(
        matches!(app.quiz.stage, Stage::Answered { verdict: lectern::study::grade::Verdict::Right, .. }),
        "{screen}"
    );
    // Several choices: click each right one, then Enter.
    let (mut app, screen) = missed_one("multi", "3m");
    for text in ["It uses less energy", "It was built while"] {
        let (x, y) = find(&screen, text);
        act(&mut app, Action::Click(x, y));
    }
    act(&mut app, Action::Activate);
    assert!(matches!(app.quiz.stage, Stage::Answered { verdict: lectern::study::grade::Verdict::Right, .. }));
    // True or false: click the word.
    let (mut app, screen) = missed_one("truefalse", "3m");
    let (x, y) = find(&screen, "f false");
    act(&mut app, Action::Click(x, y));
    assert!(matches!(app.quiz.stage, Stage::Answered { .. }), "{screen}");
    let Some(sitting) = app.quiz.sitting.as_ref() else { panic!() };
    assert!(sitting.answers.len() == 1);
    // A card: a click shows its back.
    let (mut app, screen) = missed_one("card", "3m");
    let (x, y) = find(&screen, "Recall the answer");
    act(&mut app, Action::Click(x, y));
    assert!(matches!(app.quiz.stage, Stage::Asking(lectern::ui::pane::quiz::Answer::Card { revealed: true })));
}

#[test]
fn a_wrong_typed_answer_shows_what_was_written() {
    let (_, screen) = missed_one("text", "3mDonald Trump<Enter>");
    assert!(screen.contains("Not quite"), "{screen}");
    assert!(screen.contains("you wrote: Donald Trump"), "{screen}");
}

/// Applies `action` at the app's own time, as a replay does.
fn act(app: &mut App, action: lectern::ui::action::Action) {
    let now = app.now;
    lectern::ui::update::update(app, action, now);
}
