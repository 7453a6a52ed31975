//! The panes at every size: everything a pane holds can be scrolled into sight, and what a
//! new user tripped on (the walkthrough's findings) stays mended.

use std::collections::BTreeMap;

use lectern::pack::model::Kind;
use lectern::pack::source::{BUNDLED, Library, Origin};
use lectern::pack::{Pack, load};
use lectern::study::deck::{Item, Mode};
use lectern::study::schedule::{Card, Outcome, Rating};
use lectern::ui::app::{App, Options, Pane};
use lectern::ui::keys::parse;
use lectern::ui::pane::quiz::{Answer, Stage};
use lectern::ui::replay::{run_app, screen_text};
use lectern::ui::theme::Theme;
use lectern::ui::update::open_sitting;
use proptest::prelude::*;
use ratatui::layout::Rect;

/// The bundled pack as its progress knows it.
fn bundled() -> lectern::store::Identity {
    lectern::store::Identity::of(&Library::bundled()[0], "DeepSeek")
}

fn pack() -> Pack {
    load(Origin::Bundled(&BUNDLED[0])).pack
}

fn options() -> Options {
    Options { theme: Theme::mono(), reading_width: 76, in_order: true, ..Options::default() }
}

fn app(size: (u16, u16)) -> App {
    App::new(pack(), options(), Rect::new(0, 0, size.0, size.1))
}

/// Runs `keys` on `app`; returns it and the screen's text.
fn keys(app: App, keys: &str) -> (App, String) {
    let (app, buffer) = run_app(app, &parse(keys).unwrap(), None).unwrap();
    (app, screen_text(&buffer))
}

fn status(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len() - 2].to_string()
}

/// A sitting in the pack's order, moved on to the first item of `kind`.
fn asking(size: (u16, u16), kind: &str) -> App {
    asking_in(app(size), kind)
}

/// As [`asking`], in `app`.
fn asking_in(mut app: App, kind: &str) -> App {
    let now = app.now;
    open_sitting(&mut app, Mode::Quiz, now);
    let pack = app.pack.clone();
    let sitting = app.quiz.sitting.as_mut().unwrap();
    while let Some(item) = sitting.current() {
        if matches!(item, Item::Question(q) if pack.questions[q].kind.name() == kind) {
            break;
        }
        sitting.next(&pack, true);
    }
    let item = sitting.current().expect("the pack has a question of that kind");
    app.quiz.stage = Stage::Asking(Answer::new(&pack, item, sitting));
    app.fit();
    app
}

/// Presses `key` until the screen stops changing, collecting every screen on the way.
fn screens_while(app: App, key: &str) -> (App, Vec<String>) {
    let (mut app, first) = keys(app, "");
    let mut seen = vec![first];
    for _ in 0..200 {
        let (next, screen) = keys(app, key);
        app = next;
        if seen.last() == Some(&screen) {
            break;
        }
        seen.push(screen);
    }
    (app, seen)
}

/// Every non-blank row of `rows` is on one of `screens`.
fn all_reachable(rows: &[String], screens: &[String], what: &str) {
    for row in rows.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        assert!(screens.iter().any(|s| s.contains(row)), "{what}: `{row}` never comes on screen\n{}", screens[0]);
    }
}

/// The rows of the quiz pane's sheet as it is set now.
fn quiz_rows(app: &App) -> Vec<String> {
    let area = app.divide().area(Pane::Quiz).expect("the quiz is on screen");
    let inner = lectern::ui::layout::content(area);
    lectern::ui::pane::quiz::view::sheet(&app.quiz, &app.quiz_context(), inner.width.into()).unwrap().plain()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// For any size from 40x15 to 250x80, every row of a long explanation, a long
    /// multiple-answer question, a glossary entry, a discussion prompt and the help can be
    /// brought on screen.
    #[test]
    fn every_line_of_every_pane_can_be_reached(width in 40u16..=250, height in 15u16..=80) {
        let size = (width, height);
        // A question with several answers, before answering.
        let (app, screens) = screens_while(asking(size, "multi"), "<PageDown>");
        all_reachable(&quiz_rows(&keys(app, "<PageUp><PageUp><PageUp>").0), &screens, "multi question");
        // The verdict and explanation of a wrong answer.
        let (app, _) = keys(asking(size, "order"), "<Enter>");
        prop_assert!(matches!(app.quiz.stage, Stage::Answered { .. }), "the order question is answered");
        let rows = quiz_rows(&app);
        let (_, screens) = screens_while(app, "<PageDown>");
        all_reachable(&rows, &screens, "explanation");
        // The glossary entry with the longest definition.
        let pack = pack();
        let longest = (0..pack.terms.len()).max_by_key(|&t| pack.terms[t].definition.len()).unwrap();
        let (mut app, _) = keys(app_at(size), "2");
        app.glossary.select(&app.pack, longest);
        app.glossary.follow = false;
        app.fit();
        let area = lectern::ui::layout::content(app.divide().area(Pane::Glossary).unwrap());
        let entry = lectern::ui::pane::glossary::view::areas(&app.glossary, area).entry;
        let rows = lectern::ui::pane::glossary::view::entry(&app.pack, &app.glossary, &app.theme, longest, entry.width.into(), true).plain();
        let (_, screens) = screens_while(app, "<Space>");
        all_reachable(&rows, &screens, "glossary entry");
        // Every discussion prompt in full.
        for n in 0..pack.discussion.len() {
            let moves = "j".repeat(n);
            let (app, _) = keys(app_at(size), &format!("4{moves}"));
            let area = lectern::ui::layout::content(app.divide().area(Pane::Discussion).unwrap());
            let [_, _, detail] = lectern::ui::pane::discussion::Discussion::areas(&app.pack, area);
            let rows = app.discussion.detail(&app.pack, &app.book, &app.theme, detail.width.into()).plain();
            let (_, screens) = screens_while(app, "<Space>");
            all_reachable(&rows, &screens, "discussion prompt");
        }
        // The help.
        let (app, _) = keys(app_at(size), "?");
        let open = app.overlay.unwrap();
        let width = lectern::ui::pane::overlay::text_width(open.kind, app.screen);
        let rows = lectern::ui::pane::overlay::sheet(open.kind, &app.pack, &app.glossary, &app.theme, app.pane_keys(), width.into(), app.notice.as_deref()).plain();
        let (_, screens) = screens_while(app, "<PageDown>");
        all_reachable(&rows, &screens, "help");
    }
}

fn app_at(size: (u16, u16)) -> App {
    app(size)
}

#[test]
fn a_long_explanation_is_read_to_its_end_at_80x24() {
    let (app, screen) = keys(asking((80, 24), "order"), "<Enter>");
    assert!(screen.contains("↓ more"), "the pane says more is below\n{screen}");
    let (_, screens) = screens_while(app, "j");
    let last = screens.last().unwrap();
    assert!(last.contains("Enter next"), "the last line comes on screen\n{last}");
    assert!(!last.contains("↓ more"));
}

#[test]
fn the_help_wraps_and_keeps_its_size() {
    let (app, screen) = keys(app((40, 15)), "?");
    let open = app.overlay.unwrap();
    let rows =
        lectern::ui::pane::overlay::sheet(open.kind, &app.pack, &app.glossary, &app.theme, app.pane_keys(), 36, None)
            .plain();
    assert!(rows.iter().all(|r| lectern::text::wrap::width(r) <= 36), "no help line is wider than the box");
    assert!(screen.contains("↓ more"));
    let (_, end) = keys(app, "GGjjjj");
    let box_rows = |s: &str| s.lines().filter(|l| l.contains('│')).count();
    assert_eq!(box_rows(&end), box_rows(&screen), "scrolled to its end, the box keeps its size\n{end}");
}

#[test]
fn a_self_graded_hard_card_says_almost_known() {
    let (_, screen) = keys(asking((100, 30), "card"), "<Space>2");
    assert!(screen.contains("≈ Almost known"), "{screen}");
    assert!(!screen.contains("spelt"), "{screen}");
}

#[test]
fn the_header_counts_what_it_says_and_a_wrong_answer_is_not_known() {
    let (app, screen) = keys(asking((80, 24), "text"), "nobody<Enter>");
    let screen = screen.replace('\u{a0}', " ");
    assert_eq!((app.counts.seen, app.counts.known), (1, 0), "{screen}");
    assert!(screen.contains("seen 1/"), "{screen}");
    assert!(screen.contains("known 0"), "the header wraps rather than cut a number\n{screen}");
}

#[test]
fn a_narrow_header_wraps_between_counts() {
    let (_, screen) = keys(asking((40, 15), "text"), "");
    assert!(screen.contains("known\u{a0}0"), "{screen}");
    assert!(screen.lines().all(|l| !l.trim_end_matches(['┃', ' ']).ends_with("known")), "{screen}");
}

#[test]
fn the_place_moves_smoothly_at_the_end() {
    for size in [(200, 50), (100, 30), (60, 20)] {
        let percent = |s: &str| -> i32 {
            let status = status(s);
            let at = status.rfind('%').unwrap();
            status[..at].rsplit(' ').next().unwrap().parse().unwrap()
        };
        let (_, end) = keys(app(size), "G");
        let (_, back) = keys(app(size), "Gk");
        assert_eq!(percent(&end), 100, "{}", status(&end));
        assert!(percent(&end) - percent(&back) <= 5, "one line up: {} then {}", status(&end), status(&back));
        assert!(status(&end).contains("/15"));
    }
    let (_, first) = keys(app((200, 50)), "");
    assert!(!status(&first).contains("  0%"), "a screenful read is not 0%: {}", status(&first));
}

#[test]
fn a_missed_quiz_with_nothing_missed_says_so_in_the_quiz_pane() {
    let mut app = app((100, 30));
    let now = app.now;
    open_sitting(&mut app, Mode::Missed, now);
    assert_eq!(app.focus, Pane::Quiz);
    assert_eq!(app.message.as_deref(), Some("nothing missed last time"));
}

#[test]
fn looking_before_answering_is_open_book_and_rated_hard_at_most() {
    let (app, screen) = keys(asking((100, 30), "choice"), "o");
    assert!(status(&screen).contains("open book"), "{}", status(&screen));
    assert_eq!(app.focus, Pane::Article);
    let sitting = app.quiz.sitting.as_ref().unwrap();
    let Some(Item::Question(q)) = sitting.current() else { panic!() };
    let Kind::Choice { answer, .. } = app.pack.questions[q].kind else { panic!() };
    let shown = sitting.shown.order.iter().position(|&i| i == answer).unwrap() + 1;
    let id = app.pack.questions[q].id.clone();
    let (app, screen) = keys(app, &format!("3{shown}"));
    assert!(screen.contains("✓ Right"), "{screen}");
    let card: &Card = &app.cards[&id];
    assert_eq!(card.log.last().map(|r| r.rating), Some(Rating::Hard), "right after a look is Hard");
}

#[test]
fn the_editing_keys_work_in_the_search_and_the_filter() {
    let (app, _) = keys(app((100, 30)), "/chips<C-u>");
    assert!(app.reader.search.as_ref().unwrap().query.is_empty());
    let (app, _) = keys(app_at((100, 30)), "/arms race<C-w>");
    assert_eq!(app.reader.search.as_ref().unwrap().query.text(), "arms ");
    let (app, _) = keys(app_at((100, 30)), "2/chips<C-w>");
    assert!(app.glossary.filter.is_empty());
    // Esc clears the text first, then closes.
    let (app, _) = keys(app_at((100, 30)), "/chips<Esc>");
    assert!(app.reader.search.as_ref().is_some_and(|s| s.query.is_empty()));
    let (app, _) = keys(app, "<Esc>");
    assert!(app.reader.search.is_none());
}

#[test]
fn leaving_a_sitting_asks_and_a_quit_sitting_goes_on_next_time() {
    let (app, screen) = keys(asking((100, 30), "choice"), "<Esc>");
    assert!(app.quiz.confirm.is_some() && status(&screen).contains("y / n"), "{}", status(&screen));
    let (app, _) = keys(app, "n");
    assert!(matches!(app.quiz.stage, Stage::Asking(_)), "n goes on");
    let (app, _) = keys(app, "<Esc>y");
    assert!(matches!(app.quiz.stage, Stage::Browse), "y ends it; with nothing answered there is no summary");
    let (app, _) = keys(asking((100, 30), "truefalse"), "t<Esc>y");
    assert!(matches!(app.quiz.stage, Stage::Done { .. }), "after an answer, the summary");
    // q keeps the sitting; s then c goes on where it was.
    let (app, _) = keys(asking((100, 30), "truefalse"), "q");
    let saved = app.quiz.saved.clone().expect("the sitting is kept");
    let index = saved.index;
    let mut again = App::new(pack(), options(), Rect::new(0, 0, 100, 30));
    again.quiz.saved = Some(saved);
    let (again, screen) = keys(again, "3sc");
    let sitting = again.quiz.sitting.as_ref().expect("resumed");
    assert_eq!(sitting.index, index, "{screen}");
}

#[test]
fn the_last_paragraph_says_so_as_the_first_does() {
    let (_, screen) = keys(app((100, 30)), "G}");
    assert!(status(&screen).contains("last paragraph"), "{}", status(&screen));
    let (_, screen) = keys(app_at((100, 30)), "{");
    assert!(status(&screen).contains("first paragraph"), "{}", status(&screen));
}

#[test]
fn paragraph_numbers_and_going_to_a_paragraph() {
    let (app, screen) = keys(app((100, 30)), "#");
    assert!(app.reader.numbers);
    assert!(screen.lines().any(|l| l.contains("  1  ") || l.contains("   2 ")), "{screen}");
    let (app, _) = keys(app, ":12<Enter>");
    let block = app.reader.top.block;
    assert_eq!(app.pack.article.paragraph_number(block), Some(12));
    let (_, screen) = keys(app, ":99<Enter>");
    assert!(status(&screen).contains("no ¶ 99"), "{}", status(&screen));
}

#[test]
fn glossary_marks_are_first_of_each_by_default_and_cycle() {
    let (app, _) = keys(app((100, 30)), "");
    for marks in app.reader.marks.values() {
        let mut terms: Vec<usize> = marks.iter().map(|m| m.term).collect();
        let all = terms.len();
        terms.sort_unstable();
        terms.dedup();
        assert_eq!(terms.len(), all, "one mark per term in a paragraph");
    }
    let (app, _) = keys(app, "M");
    assert_eq!(app.reader.marks_shown, lectern::ui::config::Marks::All);
    let (app, _) = keys(app, "M");
    assert!(app.reader.marks.values().all(|m| m.is_empty()));
}

#[test]
fn the_glossary_follows_the_reading_and_remembers_the_way_back() {
    let (app, _) = keys(app((200, 50)), "");
    let on_screen = app.reader.marks_on_screen();
    let (block, i) = on_screen[0];
    let first = app.reader.marks[&block][i].term;
    assert_eq!(app.glossary.term(), Some(first), "the glossary opens on the first term on screen");
    // After following a term into the article, n there goes to its next place.
    let (app, _) = keys(app, "2/llm<Enter><Enter>1");
    assert_eq!(app.focus, Pane::Article);
    let before = app.reader.highlight.clone();
    let (app, screen) = keys(app, "n");
    assert!(status(&screen).contains("in the article 2/"), "{}", status(&screen));
    assert_ne!(app.reader.highlight, before);
    // Backspace goes back along a followed see-also link.
    let (app, _) = keys(app, "2/llm<Enter>");
    let llm = app.glossary.term();
    let (app, _) = keys(app, "l<Enter>");
    assert_ne!(app.glossary.term(), llm);
    let (app, _) = keys(app, "<BS>");
    assert_eq!(app.glossary.term(), llm);
}

#[test]
fn about_shows_the_summary_and_tags() {
    let (app, screen) = keys(app((100, 30)), "i");
    assert!(app.overlay.is_some());
    let summary: String = app.pack.summary.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    assert!(screen.contains(&summary), "{screen}");
    assert!(screen.contains("Tags:"), "{screen}");
}

#[test]
fn multi_and_order_mark_each_option_after_answering() {
    let (app, _) = keys(asking((120, 40), "multi"), "1<Enter>");
    let rows = quiz_rows(&app).join("\n");
    assert!(rows.contains(" right\n"), "{rows}");
    assert!(rows.contains("Your answer:"), "{rows}");
    assert!(rows.contains("✓ 1)") || rows.contains("✗ 1)"), "{rows}");
    assert!(rows.contains("○ "), "a right option not chosen is marked as missed\n{rows}");
    let (app, _) = keys(asking((120, 40), "order"), "<Enter>");
    let rows = quiz_rows(&app).join("\n");
    assert!(rows.contains("Your order:") && rows.contains(" right"), "{rows}");
}

#[test]
fn the_30_day_chart_has_dates_and_today() {
    let mut cards = BTreeMap::new();
    let app0 = app((200, 50));
    let id = app0.pack.questions[0].id.clone();
    cards.insert(id, Card { last: Some(Outcome::Right), ..Card::default() });
    let app = App::with_cards(pack(), options(), Rect::new(0, 0, 200, 50), cards);
    let (_, screen) = keys(app, "3");
    assert!(screen.contains("today▲"), "{screen}");
}

#[test]
fn a_sitting_left_with_q_is_saved_and_offered_on_the_next_start() {
    use lectern::ui::session::Session;
    let dir = tempfile::tempdir().unwrap();
    let now: jiff::Timestamp = "2026-12-01T09:00:00Z".parse().unwrap();
    let (mut session, _) = Session::open(dir.path(), &bundled(), now);
    let (app, _) = keys(asking((100, 30), "truefalse"), "q");
    let index = app.quiz.saved.as_ref().expect("kept").index;
    session.note(&app);
    session.save().unwrap();
    let (mut session, _) = Session::open(dir.path(), &bundled(), now);
    let mut again = app_at((100, 30));
    session.restore(&mut again);
    assert_eq!(again.quiz.saved.as_ref().map(|s| s.index), Some(index), "the database kept it");
    let (again, screen) = keys(again, "3s");
    assert!(screen.contains(&format!("the sitting left at {} of", index + 1)), "{screen}");
    let (again, _) = keys(again, "c");
    assert_eq!(again.quiz.sitting.as_ref().map(|s| s.index), Some(index));
    // The sitting under way is kept as it goes, without a q.
    let (again, _) = keys(again, "t");
    session.note(&again);
    session.save().unwrap();
    let (reopened, _) = Session::open(dir.path(), &bundled(), now);
    assert_eq!(reopened.sitting().map(|s| s.answers.len()), Some(again.quiz.sitting.as_ref().unwrap().answers.len()));
    // Ending it clears what was kept.
    let (again, _) = keys(again, "<Esc>y");
    session.note(&again);
    session.save().unwrap();
    let (session, _) = Session::open(dir.path(), &bundled(), now);
    assert!(session.sitting().is_none());
}

#[test]
fn a_term_shown_from_the_quiz_at_80_columns_does_not_hide_the_quiz() {
    let (app, _) = keys(app((80, 24)), "3");
    let mut app = app;
    let now = app.now;
    open_sitting(&mut app, Mode::Review, now);
    let (app, screen) = keys(app, "o");
    let in_view = app.divide().area(Pane::Quiz).is_some();
    assert!(in_view && app.focus == Pane::Quiz, "the quiz stays in view and keeps the keys\n{screen}");
    assert!(app.overlay.is_some(), "the entry is shown in a box\n{screen}");
}

#[test]
fn following_a_term_steps_through_its_places_and_esc_forgets_it() {
    let (app, screen) = keys(app((80, 24)), "}}}2<Enter>1n");
    assert!(status(&screen).contains("in the article 2/"), "{}", status(&screen));
    let term = app.following.expect("a term is followed");
    assert_eq!(app.glossary.term(), Some(term), "the glossary keeps the term followed");
    let (app, _) = keys(app, "<Esc>");
    assert_eq!(app.following, None);
    let (_, screen) = keys(app, "n");
    assert!(status(&screen).contains("no search"), "{}", status(&screen));
}

#[test]
fn this_paragraph_means_the_first_on_screen() {
    let (app, screen) = keys(app((80, 24)), "3s3");
    assert!(app.quiz.sitting.is_some(), "a quiz of ¶ 1 starts at the top of the article\n{screen}");
}

#[test]
fn a_narrow_status_bar_keeps_what_is_typed_and_the_key_bar_keeps_help() {
    let (_, screen) = keys(app((40, 15)), "/the chips needed to produce LLMs r1 performed");
    let bar = status(&screen);
    assert!(bar.contains("performed▏") && bar.contains("match"), "{bar}");
    let (_, screen) = keys(app_at((40, 15)), "M");
    assert!(status(&screen).contains("marks: all"), "{}", status(&screen));
    let last = |s: &str| s.lines().last().unwrap().to_string();
    for size in [(40, 15), (60, 20)] {
        let (_, screen) = keys(app_at(size), "");
        assert!(last(&screen).contains("? help"), "{}", last(&screen));
    }
    let (_, screen) = keys(app_at((40, 15)), "2/artificial intelligence model");
    assert!(screen.contains(" of 78"), "{screen}");
}

#[test]
fn tab_leaves_a_typed_answer_beside_the_article() {
    let (app, _) = keys(asking((100, 30), "text"), "Liang<Tab>");
    assert_eq!(app.focus, Pane::Article);
    assert!(app.divide().area(Pane::Quiz).is_some(), "the question stays in view");
    let (app, _) = keys(app, "3");
    let Stage::Asking(Answer::Text(field)) = &app.quiz.stage else { panic!("the question is kept") };
    assert_eq!(field.text(), "Liang");
    let (app, _) = keys(asking((100, 30), "cloze"), "a<Tab>b<Tab>c<Tab>");
    assert_eq!(app.focus, Pane::Article, "Tab past the last gap leaves the question");
}

#[test]
fn closing_the_filter_follows_the_reading_again() {
    let (app, _) = keys(app((120, 40)), "");
    let first = app.glossary.term();
    let (app, _) = keys(app, "2/chip<Esc><Esc>");
    assert!(!app.glossary.filtering && app.glossary.follow);
    assert_eq!(app.glossary.term(), first);
}

#[test]
fn looking_for_a_passage_that_is_not_there_costs_nothing() {
    let mut pack = pack();
    for q in &mut pack.questions {
        q.reference = None;
    }
    let app = asking_in(App::new(pack, options(), Rect::new(0, 0, 100, 30)), "choice");
    let (app, screen) = keys(app, "o");
    assert!(status(&screen).contains("no passage"), "{}", status(&screen));
    assert!(!app.quiz.sitting.as_ref().unwrap().looked());
}

#[test]
fn an_unfinished_sitting_is_offered_before_another_starts() {
    let (left, _) = keys(asking((100, 30), "truefalse"), "q");
    let saved = left.quiz.saved.clone().unwrap();
    // `lectern quiz` shows the menu with the sitting to go on with.
    let mut app = app_at((100, 30));
    app.quiz.saved = Some(saved.clone());
    let now = app.now;
    open_sitting(&mut app, Mode::Quiz, now);
    assert!(app.quiz.sitting.is_none() && matches!(app.quiz.stage, Stage::Scope));
    assert!(app.message.as_deref().is_some_and(|m| m.contains("left unfinished")));
    // r asks before dropping it; n keeps it, y starts the review.
    let mut app = app_at((100, 30));
    app.quiz.saved = Some(saved);
    let (app, screen) = keys(app, "3r");
    assert!(status(&screen).contains("Drop the sitting"), "{}", status(&screen));
    let (app, _) = keys(app, "n");
    assert!(app.quiz.saved.is_some() && app.quiz.sitting.is_none());
    let (app, _) = keys(app, "ry");
    assert!(app.quiz.saved.is_none() && app.quiz.sitting.is_some());
}

#[test]
fn a_sitting_answered_to_its_end_is_not_kept() {
    let app = asking((100, 30), "truefalse");
    let mut app = app;
    // Make the true-or-false question the last one.
    let sitting = app.quiz.sitting.as_mut().unwrap();
    let index = sitting.index;
    sitting.items.truncate(index + 1);
    let (app, _) = keys(app, "tq");
    assert!(app.quiz.keep(&app.pack).is_none());
    assert!(app.quiz.saved.is_none(), "nothing is left to answer");
}

#[test]
fn enter_on_a_cloze_with_an_empty_gap_goes_to_it() {
    let (app, screen) = keys(asking((100, 30), "cloze"), "dominant<Enter>");
    let Stage::Asking(Answer::Cloze { current, .. }) = &app.quiz.stage else { panic!("not graded\n{screen}") };
    assert_eq!(*current, 1);
    assert!(status(&screen).contains("gap 2 is empty"), "{}", status(&screen));
}

#[test]
fn a_long_search_shows_its_cursor() {
    let (_, screen) = keys(app((40, 15)), "/averylongsearchquerythatexceedsthewidth<Home>XYZ");
    assert!(status(&screen).contains("XYZ▏"), "{}", status(&screen));
}

#[test]
fn a_click_is_a_no_to_the_question_asked() {
    let (mut app, _) = keys(asking((100, 30), "choice"), "<Esc>");
    assert!(app.quiz.confirm.is_some());
    let area = app.text_area().unwrap();
    let now = app.now;
    lectern::ui::update::update(&mut app, lectern::ui::action::Action::Click(area.x, area.y), now);
    assert!(app.quiz.confirm.is_none());
}

#[test]
fn digits_where_no_number_is_asked_keep_the_question() {
    for kind in ["card", "truefalse", "order"] {
        let (app, screen) = keys(asking((80, 24), kind), "2");
        assert_eq!(app.focus, Pane::Quiz, "{kind}");
        assert!(matches!(app.quiz.stage, Stage::Asking(_)), "{kind}");
        let said = app.message.clone().unwrap_or_default();
        assert!(
            said.contains("answer with t or f") || said.contains("shows the answer first") || said.contains("moves it"),
            "{kind}: {said}"
        );
        assert!(status(&screen).contains(&said), "{kind}: the status bar says it\n{}", status(&screen));
    }
}

#[test]
fn esc_on_a_kept_filter_follows_the_reading() {
    let (app, _) = keys(app((120, 40)), "2/chip<Enter><Esc>");
    assert!(app.glossary.follow && app.glossary.filter.is_empty());
}

#[test]
fn the_scope_menu_takes_the_keys_of_every_pane() {
    let (app, _) = keys(app((100, 30)), "3s<Tab>");
    assert_eq!(app.focus, Pane::Discussion);
    let (app, _) = keys(app_at((100, 30)), "3s?");
    assert!(app.overlay.is_some());
}

#[test]
fn the_pane_scrolls_under_the_go_to_prompt() {
    let (app, _) = keys(app((100, 30)), ":<Down><Down>");
    assert!(app.reader.goto.is_some());
    assert_ne!(app.reader.top, lectern::text::layout::Position::default());
}

#[test]
fn an_order_being_arranged_is_kept_across_a_quit() {
    let (app, _) = keys(asking((100, 30), "order"), "JJ");
    let Stage::Asking(Answer::Order { order, .. }) = &app.quiz.stage else { panic!() };
    let arranged = order.clone();
    let (app, _) = keys(app, "q");
    let mut again = app_at((100, 30));
    again.quiz.saved = app.quiz.saved.clone();
    let (again, _) = keys(again, "3sc");
    let Stage::Asking(Answer::Order { order, .. }) = &again.quiz.stage else { panic!() };
    assert_eq!(*order, arranged);
}
