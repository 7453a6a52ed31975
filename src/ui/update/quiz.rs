//! The quiz pane: starting a sitting, building each answer, grading it, showing the
//! passage it tests, moving on, and the summary at the end.

use super::{focus, list_move, reveal, show_passage};
use crate::study::deck::{Item, Mode};
use crate::study::grade::Verdict;
use crate::study::schedule;
use crate::study::session::{Sitting, SittingOptions};
use crate::ui::action::Action;
use crate::ui::app::{App, Pane};
use crate::ui::lineedit::Edit;
use crate::ui::quiz::{Answer, QuizView, Stage, option_at, sheet};

/// Applies an action to the quiz pane.
pub fn update(app: &mut App, action: Action) {
    if let Action::Start(mode) = action {
        if app.quiz.sitting.is_some() {
            app.message = Some("a quiz is under way: Esc ends it first".into());
        } else {
            start(app, mode);
        }
        return;
    }
    let stage = std::mem::replace(&mut app.quiz.stage, Stage::Browse);
    app.quiz.stage = match stage {
        Stage::Browse => browse(app, action),
        Stage::Asking(answer) => asking(app, answer, action),
        Stage::Answered(verdict) => answered(app, verdict, action),
        Stage::Done { summary, selected } => done(app, summary, selected, action),
    };
}

/// Starts a sitting: every question (Quiz), what is due (Review), or what was missed.
pub fn start(app: &mut App, mode: Mode) {
    let options = SittingOptions {
        today: app.today,
        now: schedule::now(),
        daily_new: app.daily_new,
        seed: app.seed,
        in_order: app.quiz.in_order,
    };
    let sitting = Sitting::start(&app.pack, &app.cards, mode, &options);
    if sitting.done() {
        app.message = Some(match mode {
            Mode::Quiz => "this pack has no questions".into(),
            Mode::Review => "nothing is due today".into(),
            Mode::Missed => "nothing missed last time".into(),
        });
        app.quiz.sitting = None;
        app.quiz.stage = Stage::Browse;
        return;
    }
    app.quiz.stage = ask_current(app, &sitting);
    app.quiz.sitting = Some(sitting);
    focus(app, Pane::Quiz);
}

fn ask_current(app: &App, sitting: &Sitting) -> Stage {
    match sitting.current() {
        Some(item) => Stage::Asking(Answer::new(&app.pack, item, sitting)),
        None => Stage::Browse,
    }
}

fn browse(app: &mut App, action: Action) -> Stage {
    if let Some(to) = list_move(action, app.quiz.selected, app.pack.questions.len()) {
        app.quiz.selected = to;
        return Stage::Browse;
    }
    match action {
        Action::Activate | Action::Passage => {
            let anchor = app.pack.questions.get(app.quiz.selected).and_then(|q| q.reference.as_ref()?.anchor.clone());
            match anchor {
                Some(anchor) => reveal(app, anchor),
                None => app.message = Some("no passage is tied to this question".into()),
            }
        }
        _ => {}
    }
    Stage::Browse
}

fn asking(app: &mut App, mut answer: Answer, action: Action) -> Stage {
    let Some(sitting) = app.quiz.sitting.as_ref() else { return Stage::Browse };
    let choices = sitting.shown.order.len();
    match (&mut answer, action) {
        (_, Action::Back) => return finish(app),
        (_, Action::Passage) => {
            passage(app, true);
            return Stage::Asking(answer);
        }
        // Typing.
        (Answer::Text(_) | Answer::Cloze { .. }, Action::Input(c)) => answer.edit(Edit::Insert(c)),
        (Answer::Text(_) | Answer::Cloze { .. }, Action::InputBackspace) => answer.edit(Edit::Backspace),
        (Answer::Text(_) | Answer::Cloze { .. }, Action::Edit(edit)) => answer.edit(edit),
        (Answer::Cloze { gaps, current }, Action::NextField(n)) => {
            *current = (*current as isize + n).clamp(0, gaps.len() as isize - 1) as usize;
        }
        // Choosing.
        (Answer::Choice { cursor }, Action::Scroll(n)) => *cursor = step(*cursor, n, choices),
        (Answer::Choice { cursor }, Action::Choose(n)) if (1..=choices).contains(&n) => {
            *cursor = n - 1;
            return submit(app, answer);
        }
        (Answer::Multi { cursor, .. }, Action::Scroll(n)) => *cursor = step(*cursor, n, choices),
        (Answer::Multi { cursor, picked }, Action::Toggle) => toggle(picked, *cursor),
        (Answer::Multi { cursor, picked }, Action::Choose(n)) if (1..=choices).contains(&n) => {
            *cursor = n - 1;
            toggle(picked, n - 1);
        }
        (Answer::TrueFalse, Action::TrueFalse(value)) => {
            return grade(app, crate::study::grade::Response::TrueFalse(value));
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
                return grade(app, crate::study::grade::Response::Card(grade_));
            }
        }
        (_, Action::Activate) => return submit(app, answer),
        _ => {}
    }
    Stage::Asking(answer)
}

fn step(at: usize, n: isize, len: usize) -> usize {
    (at as isize + n).clamp(0, len.saturating_sub(1) as isize) as usize
}

fn toggle(picked: &mut std::collections::BTreeSet<usize>, at: usize) {
    if !picked.remove(&at) {
        picked.insert(at);
    }
}

/// Grades the answer if it is complete.
fn submit(app: &mut App, answer: Answer) -> Stage {
    let order = app.quiz.sitting.as_ref().map(|s| s.shown.order.clone()).unwrap_or_default();
    match answer.response(&order) {
        Some(response) => grade(app, response),
        None => {
            app.message = Some(match answer {
                Answer::Multi { .. } => "pick at least one with Space, then Enter".into(),
                Answer::Text(_) => "type your answer, then Enter".into(),
                _ => "answer first".into(),
            });
            Stage::Asking(answer)
        }
    }
}

/// Grades a response, schedules the card, and shows the passage the question tests.
fn grade(app: &mut App, response: crate::study::grade::Response) -> Stage {
    app.quiz.typed = match &response {
        crate::study::grade::Response::Text(text) => Some(text.clone()),
        crate::study::grade::Response::Cloze(gaps) => Some(gaps.join(" · ")),
        _ => None,
    };
    let Some(sitting) = app.quiz.sitting.as_mut() else { return Stage::Browse };
    let Some(verdict) = sitting.answer(&app.pack, &mut app.cards, &response) else { return Stage::Browse };
    app.cards_version += 1;
    app.count_cards();
    passage(app, false);
    Stage::Answered(verdict)
}

/// Shows the current question's passage; with `go`, moves to the article too.
fn passage(app: &mut App, go: bool) {
    let Some(Item::Question(q)) = app.quiz.sitting.as_ref().and_then(Sitting::current) else { return };
    let Some(anchor) = app.pack.questions[q].reference.as_ref().and_then(|r| r.anchor.clone()) else { return };
    if go {
        reveal(app, anchor);
        focus(app, Pane::Article);
    } else {
        show_passage(app, anchor);
    }
}

fn answered(app: &mut App, verdict: Verdict, action: Action) -> Stage {
    match action {
        Action::Activate | Action::Toggle | Action::Next(1) => {
            let in_order = app.quiz.in_order;
            let Some(sitting) = app.quiz.sitting.as_mut() else { return Stage::Browse };
            sitting.next(&app.pack, in_order);
            app.reader.highlight = None;
            if sitting.done() {
                return finish(app);
            }
            let sitting = app.quiz.sitting.take();
            let stage = sitting.as_ref().map_or(Stage::Browse, |s| ask_current(app, s));
            app.quiz.sitting = sitting;
            stage
        }
        Action::Passage => {
            passage(app, true);
            Stage::Answered(verdict)
        }
        Action::Back => finish(app),
        _ => Stage::Answered(verdict),
    }
}

/// Ends the sitting (at its end, or early with Esc) and shows the summary.
fn finish(app: &mut App) -> Stage {
    let Some(sitting) = app.quiz.sitting.take() else { return Stage::Browse };
    let summary = sitting.summary(&app.pack, &app.cards, schedule::now());
    Stage::Done { summary, selected: 0 }
}

fn done(app: &mut App, summary: crate::study::session::Summary, selected: usize, action: Action) -> Stage {
    let missed = summary.missed.len();
    match action {
        Action::Scroll(n) => Stage::Done { selected: step(selected, n, missed), summary },
        Action::Activate | Action::Passage => {
            match summary.missed.get(selected) {
                Some(Item::Question(q)) => {
                    match app.pack.questions[*q].reference.as_ref().and_then(|r| r.anchor.clone()) {
                        Some(anchor) => reveal(app, anchor),
                        None => app.message = Some("no passage is tied to this question".into()),
                    }
                }
                Some(Item::Term(t)) => {
                    let term = *t;
                    app.glossary.select(&app.pack, term);
                    focus(app, Pane::Glossary);
                }
                None => return Stage::Browse,
            }
            Stage::Done { summary, selected }
        }
        Action::Back => Stage::Browse,
        _ => Stage::Done { summary, selected },
    }
}

/// A click on row `row`, column `column` of the quiz pane's body (set at `width`): picks,
/// toggles or selects the option there, answers true or false, or reveals a card.
pub fn click(app: &mut App, width: usize, row: usize, column: usize) {
    let Stage::Asking(answer) = &app.quiz.stage else { return };
    let Some(sitting) = app.quiz.sitting.as_ref() else { return };
    let action = match answer {
        Answer::Card { revealed: false } => Some(Action::Toggle),
        // The line under the prompt reads " t true    f false".
        Answer::TrueFalse if row == 2 + sheet(&app.pack, sitting, answer, width).0.len() => match column {
            0..11 => Some(Action::TrueFalse(true)),
            11..20 => Some(Action::TrueFalse(false)),
            _ => None,
        },
        _ => match option_at(&app.pack, sitting, answer, width, row) {
            Some(n) => match answer {
                Answer::Choice { .. } => Some(Action::Choose(n + 1)),
                Answer::Multi { .. } => Some(Action::Choose(n + 1)),
                Answer::Order { cursor, .. } => Some(Action::Scroll(n as isize - *cursor as isize)),
                _ => None,
            },
            None => None,
        },
    };
    if let Some(action) = action {
        update(app, action);
    }
}
