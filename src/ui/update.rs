//! Applies an action to the state: the only place the state changes. Each pane handles
//! its own keys and says what it needs of the others as effects, applied here. The time
//! comes in with the action; nothing here reads a clock or the environment.

use jiff::Timestamp;
use ratatui::layout::Rect;

use super::action::{Action, Effect};
use super::app::{App, Pane};
use super::editor;
use super::layout::{self, Arrangement};
use super::pane::article::marking;
use super::pane::library::Asked;
use super::pane::overlay::{Kind, Overlay};
use super::pane::quiz::update::World;
use super::pane::{article, glossary, quiz};
use crate::text::anchor::Anchor;
use crate::text::layout::Position;

/// Applies `action`, which happened at `now`, to `app`.
pub fn update(app: &mut App, action: Action, now: Timestamp) {
    app.now = now;
    app.message = None;
    let mut out = Vec::new();
    if app.editor.is_some() {
        editing(app, action);
        app.fit();
        return;
    }
    match action {
        Action::Quit => quit(app),
        Action::Resize(width, height) => app.screen = Rect::new(0, 0, width, height),
        // The library's box takes every key; the mouse does nothing under it.
        _ if app.library.is_some() => library(app, action),
        Action::Drag(x, y) => drag(app, x, y),
        // Whichever pane it comes from, `u` takes back the last change to the notebook.
        Action::Undo => app.message = Some(app.book.undo(&app.pack.article, app.now)),
        Action::Click(x, y) => click(app, x, y, &mut out),
        Action::Wheel(x, y, n) => wheel(app, x, y, n),
        Action::Library => app.library_wanted = true,
        _ if app.overlay.is_some() => overlay(app, action),
        Action::Help => app.overlay = Some(Overlay::new(Kind::Help)),
        Action::About => app.overlay = Some(Overlay::new(Kind::About)),
        Action::ExportMenu => app.overlay = Some(Overlay::new(Kind::Export)),
        Action::Zoom => app.zoom = !app.zoom,
        Action::FocusNext => focus(app, step_pane(app.focus, 1)),
        Action::FocusPrev => focus(app, step_pane(app.focus, -1)),
        Action::Focus(pane) => focus(app, pane),
        Action::Marks => {
            let marks = app.reader.marks_shown.next();
            app.reader.set_marks(marks);
            let text = match marks {
                super::config::Marks::First => "marks: first in each ¶",
                super::config::Marks::All => "marks: all",
                super::config::Marks::None => "marks: none",
            };
            app.message = Some(text.into());
        }
        // After following a term from the glossary, n and N go to its places.
        Action::Next(n)
            if app.focus == Pane::Article
                && app.reader.search.is_none()
                && let Some(term) = app.following =>
        {
            if app.glossary.term() != Some(term) {
                app.glossary.select(&app.pack, term);
            }
            glossary::update::occurrence(&mut app.glossary, &app.pack, n, &mut out);
        }
        other => in_pane(app, app.focus, other, &mut out),
    }
    apply(app, out);
    app.fit();
    if let Some(message) = app.message.take() {
        app.say(message);
    }
}

/// Starts a sitting of every item of `mode` at once, as `lectern quiz` does, with the quiz
/// pane focused; a message says when there is nothing to ask. A sitting left unfinished is
/// offered first.
pub fn open_sitting(app: &mut App, mode: crate::study::deck::Mode, now: Timestamp) {
    app.now = now;
    let mut out = Vec::new();
    // With a sitting left unfinished, the app asks rather than drop it.
    if app.quiz.saved.is_some() {
        with_world(app, |quiz, world| quiz::update::begin(quiz, world, mode, &mut out));
        let key = super::keymap::key_for(&super::keymap::RESUME, Action::Resume);
        out.push(Effect::Message(format!("a sitting was left unfinished: {key} goes on with it")));
    } else {
        let all = crate::study::deck::Scope::All;
        with_world(app, |quiz, world| quiz::update::start(quiz, world, mode, all, &mut out));
    }
    apply(app, out);
    app.fit();
}

/// Runs `f` on the quiz pane with what it reads and changes of the rest of the app.
fn with_world(app: &mut App, f: impl FnOnce(&mut quiz::QuizView, &mut World<'_>)) {
    let top_block = first_paragraph(app);
    let mut world = World {
        pack: &app.pack,
        cards: &mut app.cards,
        today: app.today,
        now: app.now,
        daily_new: app.daily_new,
        seed: app.seed,
        read_block: app.read_block,
        top_block,
    };
    f(&mut app.quiz, &mut world);
}

/// The block of the first body paragraph on screen (the top block when none is).
fn first_paragraph(app: &App) -> usize {
    let blocks = &app.pack.article.blocks;
    let rows = app.reader.rows();
    rows.iter().map(|r| r.block).find(|&b| blocks.get(b).is_some_and(|b| b.is_body())).unwrap_or(app.reader.top.block)
}

/// A key while the note editor is open: it takes every key but those that keep the note.
fn editing(app: &mut App, action: Action) {
    let Some(open) = app.editor.as_mut() else { return };
    match action {
        // A control character typed or pasted into a note is never kept: it could reach the terminal.
        Action::Key(key) if matches!(key.code, ratatui::crossterm::event::KeyCode::Char(c) if c.is_control()) => {}
        Action::Key(key) => {
            open.area.input(key);
        }
        Action::Keep | Action::Back => keep_note(app),
        Action::Quit => {
            keep_note(app);
            quit(app);
        }
        Action::Resize(width, height) => app.screen = Rect::new(0, 0, width, height),
        _ => {}
    }
}

/// Keeps what the editor holds and closes it.
fn keep_note(app: &mut App) {
    if let Some(open) = app.editor.take() {
        app.message = Some(editor::keep(&open, &mut app.book, &app.pack, app.now));
    }
}

/// The mouse dragged over the article: selects from where it was pressed.
fn drag(app: &mut App, x: u16, y: u16) {
    let Some(area) = app.text_area() else { return };
    let (x, y) = (x.clamp(area.x, area.right().saturating_sub(1)), y.clamp(area.y, area.bottom().saturating_sub(1)));
    if let Some(pos) = app.reader.position_at(&app.pack.article, area, x, y) {
        marking::drag(&mut app.reader, &app.pack.article, pos);
    }
}

/// Quits; a sitting under way is kept, to go on with next time.
fn quit(app: &mut App) {
    if let Some(kept) = app.quiz.keep(&app.pack) {
        app.quiz.saved = Some(kept);
    }
    app.quit = true;
}

/// A key in the library's box.
fn library(app: &mut App, action: Action) {
    let Some(view) = app.library.as_mut() else { return };
    // The wheel moves the selection.
    let action = if let Action::Wheel(_, _, n) = action { Action::Scroll(n) } else { action };
    match view.update(action) {
        Asked::Nothing => {}
        Asked::Close => app.library = None,
        Asked::Say(text) => app.message = Some(text),
        Asked::Open(found) => {
            app.library = None;
            app.open = Some(found);
        }
    }
}

fn overlay(app: &mut App, action: Action) {
    let Some(open) = app.overlay.as_mut() else { return };
    match action {
        Action::Scroll(n) => open.scroll.by(n),
        Action::Page(n) => open.scroll.page(n),
        Action::Top => open.scroll.home(),
        Action::Bottom => open.scroll.by(isize::MAX),
        Action::Back => app.overlay = None,
        Action::Export(i) => {
            app.overlay = None;
            app.export = Some(i);
        }
        _ => {}
    }
}

fn step_pane(pane: Pane, n: isize) -> Pane {
    let i = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0) as isize;
    Pane::ALL[(i + n).rem_euclid(Pane::ALL.len() as isize) as usize]
}

fn focus(app: &mut App, pane: Pane) {
    app.focus = pane;
    if matches!(app.overlay, Some(Overlay { kind: Kind::Term(_), .. })) {
        app.overlay = None;
    }
    if pane != Pane::Article {
        app.side = pane;
    }
}

/// An action for one pane.
fn in_pane(app: &mut App, pane: Pane, action: Action, out: &mut Vec<Effect>) {
    match pane {
        Pane::Article => {
            let now = app.now;
            if !marking::update(&mut app.reader, &app.pack.article, &mut app.book, action, now, out) {
                article::update::update(&mut app.reader, &app.pack.article, action, out);
            }
        }
        Pane::Notes => app.notes.update(&mut app.book, action, out),
        Pane::Glossary => glossary::update::update(&mut app.glossary, &app.pack, action, out),
        Pane::Quiz => with_world(app, |quiz, world| quiz::update::update(quiz, world, action, out)),
        Pane::Discussion => app.discussion.update(&app.pack, action, out),
    }
}

/// Does what the panes asked.
fn apply(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Message(text) => app.message = Some(text),
            Effect::Reveal(anchor) => {
                bring_article(app);
                show_passage(app, anchor);
            }
            Effect::Highlight(anchor) => show_passage(app, anchor),
            Effect::ClearHighlight => app.reader.highlight = None,
            Effect::Focus(pane) => focus(app, pane),
            Effect::ShowTerm(term) => show_term(app, term),
            Effect::Follow(term) => {
                // A term followed into the article stays chosen in the glossary.
                app.following = Some(term);
                app.glossary.follow = false;
            }
            Effect::Unfollow => app.following = None,
            Effect::CardsChanged => {
                app.cards_version += 1;
                app.count_cards();
            }
            Effect::Write(writing) => app.editor = editor::open(writing, &app.book, &app.pack),
            Effect::LookedUp(term) => app.looked_up.push(term),
            Effect::ShowSpan(span) => {
                bring_article(app);
                app.reader.cursor = Some(span);
                app.reader.anchor = None;
                app.reader.before_jump = Some(app.reader.top);
                app.fit();
                app.reader.show(&app.pack.article, span.start);
            }
        }
    }
}

/// Focuses the article when it is hidden, so that what is shown there is seen.
fn bring_article(app: &mut App) {
    app.fit();
    if app.divide().area(Pane::Article).is_none() {
        focus(app, Pane::Article);
    }
}

/// Shows a term's entry: selected in the glossary pane, or in a box over the panes when
/// showing the glossary would hide the focused pane.
fn show_term(app: &mut App, term: usize) {
    app.looked_up.push(term);
    app.glossary.select(&app.pack, term);
    app.glossary.follow = false;
    // With one side pane, the glossary may take it only from the article, which stays beside it.
    let side_free = app.focus == Pane::Article || app.focus == Pane::Glossary;
    let visible = app.divide().area(Pane::Glossary).is_some()
        || layout::arrangement(app.screen) == Arrangement::Medium && !app.zoom && side_free;
    if visible {
        app.side = Pane::Glossary;
    } else {
        app.overlay = Some(Overlay::new(Kind::Term(term)));
    }
}

/// Scrolls the article to a passage and highlights it, leaving the focus where it is.
fn show_passage(app: &mut App, anchor: Anchor) {
    let pos = Position { block: anchor.block, offset: anchor.range.start };
    app.reader.highlight = Some(anchor);
    app.fit();
    app.reader.show(&app.pack.article, pos);
}

fn wheel(app: &mut App, x: u16, y: u16, n: isize) {
    if let Some(open) = app.overlay.as_mut() {
        open.scroll.by(n);
        return;
    }
    let screen = app.divide();
    let Some(pane) = screen.pane_at(x, y) else { return };
    let Some(area) = screen.area(pane) else { return };
    let inner = layout::content(area);
    match pane {
        Pane::Article => app.reader.scroll(&app.pack.article, n),
        Pane::Glossary => {
            let entry = glossary::view::areas(&app.glossary, inner).entry;
            if entry.contains((x, y).into()) {
                app.glossary.entry.by(n);
            } else {
                glossary::update::update(&mut app.glossary, &app.pack, Action::Scroll(n.signum()), &mut Vec::new());
            }
        }
        Pane::Quiz if !matches!(app.quiz.stage, quiz::Stage::Browse) => app.quiz.scroll.by(n),
        Pane::Quiz => in_pane(app, pane, Action::Scroll(n.signum()), &mut Vec::new()),
        Pane::Discussion => {
            let [_, _, detail] = super::pane::discussion::Discussion::areas(&app.pack, inner);
            if detail.contains((x, y).into()) {
                app.discussion.detail.by(n);
            } else {
                app.discussion.update(&app.pack, Action::Scroll(n.signum()), &mut Vec::new());
            }
        }
        Pane::Notes => {
            let [_, _, _, detail] = app.notes.areas(&app.book, inner);
            if detail.contains((x, y).into()) {
                app.notes.detail.by(n);
            } else {
                app.notes.update(&mut app.book, Action::Scroll(n.signum()), &mut Vec::new());
            }
        }
    }
}

fn click(app: &mut App, x: u16, y: u16, out: &mut Vec<Effect>) {
    // A click elsewhere is a "no" to a question the app asked, and starts no drag.
    app.quiz.confirm = None;
    app.reader.press = None;
    if app.overlay.is_some() {
        app.overlay = None;
        return;
    }
    let screen = app.divide();
    if let Some(pane) = screen.tabs.iter().find_map(|t| t.tab_at(x, y)) {
        focus(app, pane);
        return;
    }
    let Some(pane) = screen.pane_at(x, y) else { return };
    focus(app, pane);
    let Some(area) = screen.area(pane) else { return };
    let inner = layout::content(area);
    if !inner.contains((x, y).into()) {
        return;
    }
    let row = usize::from(y - inner.y);
    match pane {
        Pane::Article => {
            let area = app.text_area();
            app.reader.press = area.and_then(|area| app.reader.position_at(&app.pack.article, area, x, y));
            app.reader.anchor = None;
            if let Some(term) = area.and_then(|area| app.reader.term_at(&app.pack.article, area, x, y)) {
                out.push(Effect::ShowTerm(term));
            }
        }
        Pane::Quiz => {
            let sheet = quiz::view::sheet(&app.quiz, &app.quiz_context(), inner.width.into());
            let tag = sheet.as_ref().and_then(|s| s.tag(app.quiz.scroll.offset + row)).copied();
            if let Some(action) = tag.and_then(|tag| quiz::update::click(&app.quiz, tag)) {
                in_pane(app, Pane::Quiz, action, out);
            }
        }
        Pane::Glossary => {
            let list = glossary::view::areas(&app.glossary, inner).list;
            if list.contains((x, y).into()) {
                let first = super::listing::first_row(app.glossary.selected, list.height);
                let to = first + usize::from(y - list.y);
                let n = to as isize - app.glossary.selected as isize;
                glossary::update::update(&mut app.glossary, &app.pack, Action::Scroll(n), out);
            }
        }
        Pane::Discussion => {
            let [list, _, _] = super::pane::discussion::Discussion::areas(&app.pack, inner);
            if list.contains((x, y).into()) {
                let first = super::listing::first_row(app.discussion.selected, list.height);
                let n = (first + usize::from(y - list.y)) as isize - app.discussion.selected as isize;
                app.discussion.update(&app.pack, Action::Scroll(n), out);
            }
        }
        Pane::Notes => {
            let [_, list, _, _] = app.notes.areas(&app.book, inner);
            if list.contains((x, y).into()) {
                let first = super::listing::first_row(app.notes.selected, list.height);
                let n = (first + usize::from(y - list.y)) as isize - app.notes.selected as isize;
                app.notes.update(&mut app.book, Action::Scroll(n), out);
            }
        }
    }
}
