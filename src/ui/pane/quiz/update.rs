//! What the quiz pane's keys do: starting a sitting (and choosing what it covers), building
//! each answer, grading it, showing the passage it tests, moving on, and the summary.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::view::Tag;
use super::{Answer, Ask, QuizView, Stage};
use crate::pack::Pack;
use crate::study::deck::{Item, Mode, Scope};
use crate::study::grade::Response;
use crate::study::schedule::Card;
use crate::study::session::{Sitting, SittingOptions};
use crate::ui::action::{Action, Effect};
use crate::ui::field::{Edit, Field};
use crate::ui::keymap;
use crate::ui::layout::Pane;

/// What the quiz reads and changes besides its own state.
pub struct World<'a> {
    pub pack: &'a Pack,
    pub cards: &'a mut BTreeMap<String, Card>,
    pub today: Date,
    pub now: Timestamp,
    pub daily_new: usize,
    pub seed: u64,
    /// The last block of the article the reader has had on screen.
    pub read_block: usize,
    /// The block at the top of the article's view.
    pub top_block: usize,
}

impl World<'_> {
    fn options(&self, in_order: bool, scope: Scope) -> SittingOptions {
        SittingOptions { today: self.today, now: self.now, daily_new: self.daily_new, seed: self.seed, in_order, scope }
    }
}

/// Applies an action to the quiz pane; anything for the rest of the app goes in `out`.
pub fn update(quiz: &mut QuizView, world: &mut World<'_>, action: Action, out: &mut Vec<Effect>) {
    if let Some(ask) = quiz.confirm {
        if let Action::Confirm(yes) = action {
            quiz.confirm = None;
            match (ask, yes) {
                (Ask::End, true) => quiz.stage = finish(quiz, world),
                (Ask::Replace(mode), true) => {
                    quiz.saved = None;
                    start(quiz, world, mode, Scope::All, out);
                }
                (_, false) => {}
            }
        }
        return;
    }
    if let Action::Start(mode) = action {
        begin(quiz, world, mode, out);
        return;
    }
    let stage = std::mem::replace(&mut quiz.stage, Stage::Browse);
    quiz.stage = match stage {
        Stage::Browse => browse(quiz, world, action, out),
        Stage::Scope => scope(quiz, world, action, out),
        Stage::Asking(answer) => asking(quiz, world, answer, action, out),
        Stage::Answered { verdict, response } => {
            answered(quiz, world, Stage::Answered { verdict, response }, action, out)
        }
        Stage::Done { summary, selected } => done(quiz, world, summary, selected, action, out),
    };
}

/// What `s`, `r` or `m` (or `lectern quiz`) does: a quiz first asks what it covers, and
/// nothing starts over a sitting under way, or drops one left unfinished, without asking.
pub fn begin(quiz: &mut QuizView, world: &mut World<'_>, mode: Mode, out: &mut Vec<Effect>) {
    if quiz.sitting.is_some() {
        let end = keymap::key_for(&keymap::ANSWERED, Action::Back);
        out.push(Effect::Message(format!("a sitting is under way: {end} ends it first")));
    } else if mode == Mode::Quiz {
        quiz.stage = Stage::Scope;
        quiz.scroll.home();
        out.push(Effect::Focus(Pane::Quiz));
    } else if quiz.saved.is_some() {
        quiz.confirm = Some(Ask::Replace(mode));
        out.push(Effect::Focus(Pane::Quiz));
    } else {
        start(quiz, world, mode, Scope::All, out);
    }
}

/// Starts a sitting: every question (Quiz), what is due (Review), or what was missed.
pub fn start(quiz: &mut QuizView, world: &mut World<'_>, mode: Mode, scope: Scope, out: &mut Vec<Effect>) {
    let sitting = Sitting::start(world.pack, world.cards, mode, &world.options(quiz.in_order, scope));
    quiz.scroll.home();
    if sitting.done() {
        let text = match (mode, scope) {
            (Mode::Quiz, Scope::All) => "this pack has no questions",
            (Mode::Quiz, _) => "no question is tied to that part of the text",
            (Mode::Review, _) => "nothing is due today",
            (Mode::Missed, _) => "nothing missed last time",
        };
        out.push(Effect::Message(text.into()));
        quiz.sitting = None;
        quiz.stage = Stage::Browse;
        out.push(Effect::Focus(Pane::Quiz));
        return;
    }
    // A new sitting replaces the one left unfinished.
    quiz.saved = None;
    quiz.stage = ask_current(world.pack, &sitting);
    quiz.sitting = Some(sitting);
    out.push(Effect::Focus(Pane::Quiz));
}

fn ask_current(pack: &Pack, sitting: &Sitting) -> Stage {
    match sitting.current() {
        Some(item) => Stage::Asking(Answer::new(pack, item, sitting)),
        None => Stage::Browse,
    }
}

fn reveal_question(world: &World<'_>, q: Option<usize>, out: &mut Vec<Effect>) {
    match q.and_then(|q| world.pack.questions.get(q)?.reference.as_ref()?.anchor.clone()) {
        Some(anchor) => out.push(Effect::Reveal(anchor)),
        None => out.push(Effect::Message("no passage is tied to this question".into())),
    }
}

fn browse(quiz: &mut QuizView, world: &mut World<'_>, action: Action, out: &mut Vec<Effect>) -> Stage {
    let last = world.pack.questions.len().saturating_sub(1);
    match action {
        Action::Scroll(n) => quiz.selected = quiz.selected.saturating_add_signed(n).min(last),
        Action::Page(n) | Action::HalfPage(n) => quiz.selected = quiz.selected.saturating_add_signed(n * 10).min(last),
        Action::Top => quiz.selected = 0,
        Action::Bottom => quiz.selected = last,
        Action::Activate | Action::Passage => reveal_question(world, Some(quiz.selected), out),
        _ => {}
    }
    Stage::Browse
}

fn scope(quiz: &mut QuizView, world: &mut World<'_>, action: Action, out: &mut Vec<Effect>) -> Stage {
    let scope = match action {
        Action::Choose(1) => Scope::All,
        Action::Choose(2) => Scope::ReadSoFar(world.read_block),
        Action::Choose(3) => Scope::Paragraph(world.top_block),
        Action::Resume => {
            let Some(saved) = quiz.saved.take() else {
                out.push(Effect::Message("no sitting was left unfinished".into()));
                return Stage::Scope;
            };
            let options = world.options(quiz.in_order, Scope::All);
            match Sitting::resume(world.pack, &saved, &options) {
                Some(sitting) => {
                    let stage = ask_current(world.pack, &sitting);
                    quiz.sitting = Some(sitting);
                    quiz.scroll.home();
                    return stage;
                }
                None => {
                    let text = if saved.answers.len() >= saved.items.len() {
                        "that sitting was answered to its end"
                    } else {
                        "that sitting no longer fits this pack"
                    };
                    out.push(Effect::Message(text.into()));
                    return Stage::Scope;
                }
            }
        }
        Action::Back => return Stage::Browse,
        Action::Scroll(n) => {
            quiz.scroll.by(n);
            return Stage::Scope;
        }
        Action::Page(n) => {
            quiz.scroll.page(n);
            return Stage::Scope;
        }
        _ => return Stage::Scope,
    };
    start(quiz, world, Mode::Quiz, scope, out);
    std::mem::replace(&mut quiz.stage, Stage::Browse)
}

fn asking(
    quiz: &mut QuizView,
    world: &mut World<'_>,
    mut answer: Answer,
    action: Action,
    out: &mut Vec<Effect>,
) -> Stage {
    let Some(sitting) = quiz.sitting.as_mut() else { return Stage::Browse };
    let choices = sitting.shown.order.len();
    let before = answer.cursor();
    // Esc clears a typed answer first; then it asks before the sitting ends.
    if action == Action::Back {
        match answer.field_mut() {
            Some(field) if !field.is_empty() => field.clear(),
            _ => quiz.confirm = Some(Ask::End),
        }
        return Stage::Asking(answer);
    }
    match (&mut answer, action) {
        (_, Action::Passage) => {
            let has_passage = match sitting.current() {
                Some(Item::Question(q)) => {
                    world.pack.questions[q].reference.as_ref().is_some_and(|r| r.anchor.is_some())
                }
                _ => true,
            };
            if has_passage {
                sitting.look();
                passage(world, sitting, true, out);
                out.push(Effect::Message("open book: this answer counts as Hard at most".into()));
            } else {
                out.push(Effect::Message("no passage is tied to this question".into()));
            }
        }
        (_, Action::Page(n)) => quiz.scroll.page(n),
        (_, Action::HalfPage(n)) => quiz.scroll.by(n * (quiz.scroll.height / 2).max(1) as isize),
        // Typing.
        (Answer::Text(_) | Answer::Cloze { .. }, Action::Input(c)) => answer.edit(Edit::Insert(c)),
        (Answer::Text(_) | Answer::Cloze { .. }, Action::Edit(edit)) => answer.edit(edit),
        // Tab past the last gap (or any Tab in a one-line answer) leaves the question as it
        // is, to look something up: forward to the article, which stays beside the quiz,
        // back to the glossary.
        (Answer::Cloze { gaps, current }, Action::NextField(n))
            if current.checked_add_signed(n).is_some_and(|to| to < gaps.len()) =>
        {
            *current = current.saturating_add_signed(n);
        }
        (Answer::Text(_) | Answer::Cloze { .. }, Action::NextField(n)) => {
            out.push(Effect::Focus(if n > 0 { Pane::Article } else { Pane::Glossary }));
        }
        // Choosing.
        (Answer::Choice { cursor }, Action::Scroll(n)) => *cursor = step(*cursor, n, choices),
        (Answer::Choice { cursor }, Action::Choose(n)) if (1..=choices).contains(&n) => {
            *cursor = n - 1;
            return submit(quiz, world, answer, out);
        }
        (Answer::Multi { cursor, .. }, Action::Scroll(n)) => *cursor = step(*cursor, n, choices),
        (Answer::Multi { cursor, picked }, Action::Toggle) => toggle(picked, *cursor),
        (Answer::Multi { cursor, picked }, Action::Choose(n)) if (1..=choices).contains(&n) => {
            *cursor = n - 1;
            toggle(picked, n - 1);
        }
        (Answer::TrueFalse, Action::Choose(_)) => {
            let key = |v| keymap::key_for(&keymap::TRUE_FALSE, Action::TrueFalse(v));
            out.push(Effect::Message(format!("answer with {} or {}", key(true), key(false))));
        }
        (Answer::Card { revealed: false }, Action::Choose(_)) => {
            let key = keymap::key_for(&keymap::CARD, Action::Toggle);
            out.push(Effect::Message(format!("{key} shows the answer first; then grade it")));
        }
        (Answer::Order { .. }, Action::Choose(_)) => {
            let key = |a| keymap::key_for(&keymap::ORDER, a);
            let (select, move_) = (key(Action::Scroll(1)), key(Action::MoveItem(1)));
            out.push(Effect::Message(format!("{select} selects an item, {move_} moves it")));
        }
        (Answer::TrueFalse, Action::TrueFalse(value)) => {
            return grade(quiz, world, Response::TrueFalse(value), out);
        }
        // Ordering.
        (Answer::Order { order, cursor }, Action::Scroll(n)) => *cursor = step(*cursor, n, order.len()),
        (Answer::Order { order, cursor }, Action::MoveItem(n)) => {
            let to = step(*cursor, n, order.len());
            order.swap(*cursor, to);
            *cursor = to;
        }
        // Cards.
        (Answer::Card { revealed }, Action::Toggle | Action::Activate) if !*revealed => *revealed = true,
        (Answer::Card { revealed: true }, Action::Choose(n)) => {
            if let Some(grade_) = QuizView::self_grade(n) {
                return grade(quiz, world, Response::Card(grade_), out);
            }
        }
        (_, Action::Scroll(n)) => quiz.scroll.by(n),
        // Enter on a cloze with an empty gap goes to that gap rather than grading it.
        (Answer::Cloze { gaps, current }, Action::Activate) if gaps.iter().any(Field::is_empty) => {
            let n = gaps.len();
            let next = (1..=n).map(|k| (*current + k) % n).find(|&g| gaps[g].is_empty()).unwrap_or(*current);
            *current = next;
            out.push(Effect::Message(format!("gap {} is empty: type your answer (a ? if you do not know)", next + 1)));
        }
        (_, Action::Activate) => return submit(quiz, world, answer, out),
        _ => {}
    }
    if answer.cursor() != before {
        quiz.reveal_cursor = true;
    }
    Stage::Asking(answer)
}

fn step(at: usize, n: isize, len: usize) -> usize {
    at.saturating_add_signed(n).min(len.saturating_sub(1))
}

fn toggle(picked: &mut std::collections::BTreeSet<usize>, at: usize) {
    if !picked.remove(&at) {
        picked.insert(at);
    }
}

/// Grades the answer if it is complete.
fn submit(quiz: &mut QuizView, world: &mut World<'_>, answer: Answer, out: &mut Vec<Effect>) -> Stage {
    let order = quiz.sitting.as_ref().map(|s| s.shown.order.clone()).unwrap_or_default();
    match answer.response(&order) {
        Some(response) => grade(quiz, world, response, out),
        None => {
            let key = |table, action| keymap::key_for(table, action);
            let text = match answer {
                Answer::Multi { .. } => format!(
                    "pick at least one with {} or its number, then {}",
                    key(&keymap::MULTI, Action::Toggle),
                    key(&keymap::MULTI, Action::Activate)
                ),
                Answer::Text(_) => format!("type your answer, then {}", key(&keymap::FIELD, Action::Activate)),
                _ => "answer first".to_string(),
            };
            out.push(Effect::Message(text));
            Stage::Asking(answer)
        }
    }
}

/// Grades a response, schedules the card, and shows the passage the question tests.
fn grade(quiz: &mut QuizView, world: &mut World<'_>, response: Response, out: &mut Vec<Effect>) -> Stage {
    let Some(sitting) = quiz.sitting.as_mut() else { return Stage::Browse };
    let Some(verdict) = sitting.answer(world.pack, world.cards, &response) else { return Stage::Browse };
    out.push(Effect::CardsChanged);
    passage(world, sitting, false, out);
    quiz.scroll.home();
    Stage::Answered { verdict, response }
}

/// Shows the current item's passage (a term card: its entry); with `go`, moves there too.
fn passage(world: &World<'_>, sitting: &Sitting, go: bool, out: &mut Vec<Effect>) {
    match sitting.current() {
        Some(Item::Question(q)) => {
            let Some(anchor) = world.pack.questions[q].reference.as_ref().and_then(|r| r.anchor.clone()) else {
                if go {
                    out.push(Effect::Message("no passage is tied to this question".into()));
                }
                return;
            };
            if go {
                out.push(Effect::Reveal(anchor));
                out.push(Effect::Focus(Pane::Article));
            } else {
                out.push(Effect::Highlight(anchor));
            }
        }
        Some(Item::Term(t)) if go => out.push(Effect::ShowTerm(t)),
        _ => {}
    }
}

fn answered(quiz: &mut QuizView, world: &mut World<'_>, stage: Stage, action: Action, out: &mut Vec<Effect>) -> Stage {
    match action {
        Action::Activate | Action::Toggle | Action::Next(1) => {
            let in_order = quiz.in_order;
            let Some(sitting) = quiz.sitting.as_mut() else { return Stage::Browse };
            sitting.next(world.pack, in_order);
            quiz.scroll.home();
            if sitting.done() {
                return finish(quiz, world);
            }
            out.push(Effect::ClearHighlight);
            ask_current(world.pack, sitting)
        }
        Action::Scroll(n) => {
            quiz.scroll.by(n);
            stage
        }
        Action::Page(n) => {
            quiz.scroll.page(n);
            stage
        }
        Action::Passage => {
            if let Some(sitting) = quiz.sitting.as_ref() {
                passage(world, sitting, true, out);
            }
            stage
        }
        Action::Back => {
            quiz.confirm = Some(Ask::End);
            stage
        }
        _ => stage,
    }
}

/// Ends the sitting (at its end, or early) and shows the summary; a sitting ended before
/// any answer has none to show.
fn finish(quiz: &mut QuizView, world: &World<'_>) -> Stage {
    let Some(sitting) = quiz.sitting.take() else { return Stage::Browse };
    quiz.scroll.home();
    if sitting.answers.is_empty() {
        return Stage::Browse;
    }
    let summary = sitting.summary(world.pack, world.cards, world.now);
    Stage::Done { summary, selected: 0 }
}

fn done(
    quiz: &mut QuizView,
    world: &mut World<'_>,
    summary: crate::study::session::Summary,
    selected: usize,
    action: Action,
    out: &mut Vec<Effect>,
) -> Stage {
    let missed = summary.missed.len();
    match action {
        Action::Scroll(n) => {
            quiz.reveal_cursor = true;
            Stage::Done { selected: step(selected, n, missed), summary }
        }
        Action::Page(n) => {
            quiz.scroll.page(n);
            Stage::Done { summary, selected }
        }
        Action::Activate | Action::Passage => {
            match summary.missed.get(selected) {
                Some(Item::Question(q)) => reveal_question(world, Some(*q), out),
                Some(Item::Term(t)) => out.push(Effect::ShowTerm(*t)),
                None => out.push(Effect::Message("nothing was missed".into())),
            }
            Stage::Done { summary, selected }
        }
        Action::Back => Stage::Browse,
        _ => Stage::Done { summary, selected },
    }
}

/// The action a click on a row of the quiz sheet asks for.
pub fn click(quiz: &QuizView, tag: Tag) -> Option<Action> {
    match (&quiz.stage, tag) {
        (Stage::Asking(Answer::Card { revealed: false }), Tag::Reveal) => Some(Action::Toggle),
        (Stage::Asking(Answer::TrueFalse), Tag::True) => Some(Action::TrueFalse(true)),
        (Stage::Asking(Answer::TrueFalse), Tag::False) => Some(Action::TrueFalse(false)),
        (Stage::Asking(Answer::Choice { .. } | Answer::Multi { .. }), Tag::Option(n)) => Some(Action::Choose(n + 1)),
        (Stage::Asking(Answer::Order { cursor, .. }), Tag::Option(n)) => {
            Some(Action::Scroll(n as isize - *cursor as isize))
        }
        (Stage::Done { selected, .. }, Tag::Missed(n)) => Some(Action::Scroll(n as isize - *selected as isize)),
        _ => None,
    }
}
