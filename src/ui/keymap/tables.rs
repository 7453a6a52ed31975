//! The tables of keys: one per pane and stage.

use ratatui::crossterm::event::KeyCode;

use super::{Act, Binding, Key, Table};
use crate::study::deck::Mode;
use crate::ui::action::Action;
use crate::ui::field::Edit;
use crate::ui::layout::Pane;

pub(super) const fn on(keys: &'static [Key], action: Action, bar: &'static str, help: &'static str) -> Binding {
    Binding { keys, act: Act::Do(action), bar, help }
}

use Key::{Char as C, Code, Ctrl, Shift};

const DOWN: &[Key] = &[C('j'), Code(KeyCode::Down)];
const UP: &[Key] = &[C('k'), Code(KeyCode::Up)];
const PAGE_DOWN: &[Key] = &[C(' '), Code(KeyCode::PageDown), Ctrl('f')];
const PAGE_UP: &[Key] = &[C('b'), Code(KeyCode::PageUp), Ctrl('b')];
const SHEET_DOWN: &[Key] = &[Code(KeyCode::PageDown), Ctrl('d')];
const SHEET_UP: &[Key] = &[Code(KeyCode::PageUp), Ctrl('u')];
const TOP: &[Key] = &[C('g'), Code(KeyCode::Home)];
const BOTTOM: &[Key] = &[C('G'), Code(KeyCode::End)];
const ESC: &[Key] = &[Code(KeyCode::Esc)];
const ENTER: &[Key] = &[Code(KeyCode::Enter)];
const LOOK: &[Key] = &[C('o')];

/// Keys that work in every pane, unless the pane's own table takes the key first.
pub static GLOBAL: Table = Table {
    title: "Everywhere",
    bindings: &[
        on(&[Code(KeyCode::Tab)], Action::FocusNext, "panes", "next pane"),
        on(&[Code(KeyCode::BackTab)], Action::FocusPrev, "", "previous pane"),
        on(&[C('1')], Action::Focus(Pane::Article), "", "the article (in a quiz, digits belong to the question)"),
        on(&[C('2')], Action::Focus(Pane::Glossary), "", "the glossary"),
        on(&[C('3')], Action::Focus(Pane::Quiz), "", "the quiz"),
        on(&[C('4')], Action::Focus(Pane::Discussion), "", "the discussion prompts"),
        on(&[C('5')], Action::Focus(Pane::Notes), "", "your highlights and notes"),
        on(&[C('z')], Action::Zoom, "", "zoom the pane to the full screen and back"),
        on(&[C('i')], Action::About, "", "about this text: its author, summary and tags"),
        on(&[C('E')], Action::ExportMenu, "", "export: a handout of your notes, a worksheet, Anki cards, results"),
        on(&[C('L')], Action::Library, "", "the library: every pack, how far read, what is due; open another"),
        on(&[C('?')], Action::Help, "help", "every key, for the pane you are in first"),
        on(&[C('q'), Ctrl('c')], Action::Quit, "quit", "quit; your place and a sitting under way are kept"),
        Binding { keys: &[Key::Wheel], act: Act::Mouse, bar: "", help: "scroll the pane under the mouse" },
        Binding {
            keys: &[Key::Click],
            act: Act::Mouse,
            bar: "",
            help: "focus a pane or a tab; show a term's entry; pick an option",
        },
    ],
};

/// The article.
pub static ARTICLE: Table = Table {
    title: "Article",
    bindings: &[
        on(DOWN, Action::Scroll(1), "scroll", "down a line"),
        on(UP, Action::Scroll(-1), "scroll", "up a line"),
        on(PAGE_DOWN, Action::Page(1), "page", "down a page"),
        on(PAGE_UP, Action::Page(-1), "", "up a page"),
        on(&[Ctrl('d')], Action::HalfPage(1), "", "down half a page"),
        on(&[Ctrl('u')], Action::HalfPage(-1), "", "up half a page"),
        on(TOP, Action::Top, "", "the start"),
        on(BOTTOM, Action::Bottom, "", "the end"),
        on(&[C('}')], Action::Paragraph(1), "", "next paragraph"),
        on(&[C('{')], Action::Paragraph(-1), "", "previous paragraph"),
        on(&[C(']')], Action::Heading(1), "", "next heading"),
        on(&[C('[')], Action::Heading(-1), "", "previous heading"),
        on(&[C(':')], Action::GoTo, "", "go to a paragraph by its number (:12 Enter)"),
        on(&[C('#')], Action::Numbers, "", "paragraph numbers in the margin, on and off"),
        on(&[C('/')], Action::StartInput, "search", "search as you type; a capital makes it match case"),
        on(&[C('n')], Action::Next(1), "", "next match, or the next place of the term followed from the glossary"),
        on(&[C('N')], Action::Next(-1), "", "previous match, or the previous place of that term"),
        on(&[C('t')], Action::TermCursor(1), "terms", "next glossary term on screen"),
        on(&[C('T')], Action::TermCursor(-1), "", "previous glossary term on screen"),
        on(&[C('M')], Action::Marks, "", "glossary marks: first in each paragraph, every one, or none"),
        on(ENTER, Action::Activate, "", "show the entry of the term under the cursor"),
        on(
            &[C(')')],
            Action::Sentence(1),
            "",
            "reading cursor to the next sentence (it starts on the first on screen)",
        ),
        on(&[C('(')], Action::Sentence(-1), "", "reading cursor to the previous sentence"),
        on(&[C('v')], Action::Select, "select", "start a selection at the cursor; ( ) j k extend it"),
        on(&[C('h')], Action::Highlight, "highlight", "highlight the cursor's sentence (asks the kind)"),
        on(&[C('a')], Action::Annotate, "note", "write a note on the highlight or sentence under the cursor"),
        on(&[C('x')], Action::Unhighlight, "", "take the highlight under the cursor off"),
        on(&[C('u')], Action::Undo, "", "undo the last change to highlights, notes, bookmarks or answers"),
        on(&[C('m')], Action::SetMark, "", "set a bookmark here: m and a letter"),
        on(&[C('\'')], Action::GoMark, "", "jump to a bookmark: ' and its letter; '' back to before the last jump"),
        on(ESC, Action::Back, "", "clear the search, the term cursor, the highlight and the reading cursor"),
    ],
};

/// A selection in the article, while it is made.
pub static SELECTING: Table = Table {
    title: "Selecting text",
    bindings: &[
        on(&[C(')')], Action::Sentence(1), "extend", "extend the selection by a sentence"),
        on(&[C('(')], Action::Sentence(-1), "", "take a sentence off the selection"),
        on(DOWN, Action::Extend(1), "", "extend the selection by a line"),
        on(UP, Action::Extend(-1), "", "take a line off the selection"),
        on(&[C('h')], Action::Highlight, "highlight", "highlight the selection (asks the kind)"),
        on(&[C('a')], Action::Annotate, "note", "write a note on the selection"),
        on(ESC, Action::Back, "cancel", "cancel the selection"),
    ],
};

/// Choosing what a highlight says; its mark in the margin reads without colour.
pub static KIND: Table = Table {
    title: "Highlighting",
    bindings: &[
        on(&[C('1')], Action::Choose(1), "important", "important (! in the margin)"),
        on(&[C('2')], Action::Choose(2), "question", "a question (? in the margin)"),
        on(&[C('3')], Action::Choose(3), "disagree", "you disagree (≠ in the margin)"),
        on(&[C('4')], Action::Choose(4), "evidence", "evidence (§ in the margin)"),
        on(ESC, Action::Back, "cancel", "cancel"),
    ],
};

/// The letter of a bookmark to set.
pub static MARK: Table = Table {
    title: "Setting a bookmark",
    bindings: &[
        Binding {
            keys: &[Key::Letters],
            act: Act::Letter(Action::Letter),
            bar: "bookmark",
            help: "the bookmark's letter",
        },
        on(ESC, Action::Back, "cancel", "cancel"),
    ],
};

/// The letter of a bookmark to jump to.
pub static JUMP: Table = Table {
    title: "Jumping to a bookmark",
    bindings: &[
        Binding { keys: &[Key::Letters], act: Act::Letter(Action::Letter), bar: "jump", help: "the bookmark's letter" },
        on(&[C('\'')], Action::Letter('\''), "back", "back to where you were before the last jump"),
        on(ESC, Action::Back, "cancel", "cancel"),
    ],
};

/// The editor of a note or of a position on a prompt: it takes every other key.
pub static EDITOR: Table = Table {
    title: "Writing a note",
    bindings: &[
        on(&[Ctrl('s')], Action::Keep, "keep", "keep the note and close (an empty note is removed)"),
        on(ESC, Action::Keep, "keep", "keep the note and close: a note is never lost by a key"),
        on(&[Ctrl('c')], Action::Quit, "", "keep the note and quit"),
    ],
};

/// The notes pane: every highlight and note in text order.
pub static NOTES: Table = Table {
    title: "Notes",
    bindings: &[
        on(DOWN, Action::Scroll(1), "select", "next note"),
        on(UP, Action::Scroll(-1), "select", "previous note"),
        on(TOP, Action::Top, "", "first note"),
        on(BOTTOM, Action::Bottom, "", "last note"),
        on(PAGE_DOWN, Action::Page(1), "", "scroll the note down"),
        on(PAGE_UP, Action::Page(-1), "", "scroll the note up"),
        on(ENTER, Action::Activate, "go", "go to the passage in the article"),
        on(&[C('e')], Action::Annotate, "edit", "edit the note"),
        on(&[C('d')], Action::Delete, "delete", "delete the highlight and its note (u undoes)"),
        on(&[C('u')], Action::Undo, "undo", "undo the last change"),
        on(&[C('/')], Action::StartInput, "filter", "filter by the words of the passage or the note"),
        on(ESC, Action::Back, "", "clear the filter"),
    ],
};

/// The glossary.
pub static GLOSSARY: Table = Table {
    title: "Glossary",
    bindings: &[
        on(DOWN, Action::Scroll(1), "select", "next term"),
        on(UP, Action::Scroll(-1), "select", "previous term"),
        on(TOP, Action::Top, "", "first term"),
        on(BOTTOM, Action::Bottom, "", "last term"),
        on(PAGE_DOWN, Action::Page(1), "scroll", "scroll the entry down"),
        on(PAGE_UP, Action::Page(-1), "", "scroll the entry up"),
        on(&[C('/')], Action::StartInput, "filter", "filter the terms (fuzzy, on names and aliases)"),
        on(ENTER, Action::Activate, "find", "jump to the term in the article, or follow the chosen link"),
        on(&[C('n')], Action::Next(1), "", "the term's next place in the article"),
        on(&[C('N')], Action::Next(-1), "", "the term's previous place in the article"),
        on(&[C('l'), Code(KeyCode::Right)], Action::Link(1), "links", "choose the next see-also link or place"),
        on(&[C('h'), Code(KeyCode::Left)], Action::Link(-1), "links", "choose the previous link or place"),
        on(&[Code(KeyCode::Backspace)], Action::BackLink, "", "back along the see-also links followed"),
        on(ESC, Action::Back, "", "clear the filter, and follow the reading again"),
    ],
};

/// The discussion prompts.
pub static DISCUSSION: Table = Table {
    title: "Discussion",
    bindings: &[
        on(DOWN, Action::Scroll(1), "select", "next prompt"),
        on(UP, Action::Scroll(-1), "select", "previous prompt"),
        on(TOP, Action::Top, "", "first prompt"),
        on(BOTTOM, Action::Bottom, "", "last prompt"),
        on(PAGE_DOWN, Action::Page(1), "scroll", "scroll the prompt down"),
        on(PAGE_UP, Action::Page(-1), "", "scroll the prompt up"),
        on(ENTER, Action::Activate, "passage", "show the passage the prompt is about"),
        on(&[C('a')], Action::Annotate, "answer", "write your position on the prompt"),
        on(&[C('u')], Action::Undo, "", "undo the last change to your answers, highlights or notes"),
    ],
};

/// The quiz pane between sittings.
pub static QUIZ: Table = Table {
    title: "Quiz",
    bindings: &[
        on(&[C('s')], Action::Start(Mode::Quiz), "quiz", "quiz yourself: all, what you have read, or one paragraph"),
        on(&[C('r')], Action::Start(Mode::Review), "review", "review what is due today and a few new cards"),
        on(&[C('m')], Action::Start(Mode::Missed), "missed", "ask again what you missed last time"),
        on(DOWN, Action::Scroll(1), "", "next question"),
        on(UP, Action::Scroll(-1), "", "previous question"),
        on(TOP, Action::Top, "", "first question"),
        on(BOTTOM, Action::Bottom, "", "last question"),
        on(PAGE_DOWN, Action::Page(1), "", "down a page of questions"),
        on(PAGE_UP, Action::Page(-1), "", "up a page of questions"),
        on(&[Code(KeyCode::Enter), C('o')], Action::Passage, "passage", "show the question's passage"),
    ],
};

/// Going on with a sitting left unfinished, offered when there is one.
pub static RESUME: Table = Table {
    title: "A sitting left unfinished",
    bindings: &[on(&[C('c')], Action::Resume, "continue", "go on with the sitting left unfinished")],
};

/// Choosing what a quiz covers.
pub static SCOPE: Table = Table {
    title: "Starting a quiz",
    bindings: &[
        on(&[C('1')], Action::Choose(1), "all", "every question"),
        on(&[C('2')], Action::Choose(2), "read so far", "the questions on what you have read so far"),
        on(&[C('3')], Action::Choose(3), "this ¶", "the questions on the first paragraph on screen"),
        DIGITS_ELSE,
        on(DOWN, Action::Scroll(1), "", "scroll down"),
        on(UP, Action::Scroll(-1), "", "scroll up"),
        on(SHEET_DOWN, Action::Page(1), "", "scroll a page down"),
        on(SHEET_UP, Action::Page(-1), "", "scroll a page up"),
        on(ESC, Action::Back, "cancel", "cancel"),
    ],
};

const SHEET: [Binding; 2] = [
    on(SHEET_DOWN, Action::Page(1), "", "scroll the question down"),
    on(SHEET_UP, Action::Page(-1), "", "scroll the question up"),
];
/// Digits where no number is asked for: taken, so that they do not move the focus
/// away from the question, and answered with what to press instead.
const DIGITS_ELSE: Binding = Binding {
    keys: &[Key::Digits],
    act: Act::Digit(Action::Choose),
    bar: "",
    help: "other digits answer nothing here; the app says what to press",
};
const LOOK_FIRST: Binding =
    on(LOOK, Action::Passage, "look", "look at the passage first: the answer counts as Hard at most");
const END: Binding = on(ESC, Action::Back, "end", "end the sitting and see the summary (asks first)");

/// A question with one right choice.
pub static CHOICE: Table = Table {
    title: "A choice question",
    bindings: &[
        Binding {
            keys: &[Key::Digits],
            act: Act::Digit(Action::Choose),
            bar: "choose",
            help: "answer with that option",
        },
        on(DOWN, Action::Scroll(1), "", "move the cursor down"),
        on(UP, Action::Scroll(-1), "", "move the cursor up"),
        on(ENTER, Action::Activate, "answer", "answer with the option under the cursor"),
        LOOK_FIRST,
        SHEET[0],
        SHEET[1],
        END,
    ],
};

/// A question with several right choices.
pub static MULTI: Table = Table {
    title: "A question with several answers",
    bindings: &[
        Binding {
            keys: &[Key::Digits],
            act: Act::Digit(Action::Choose),
            bar: "pick",
            help: "pick or unpick that option",
        },
        on(&[C(' ')], Action::Toggle, "", "pick or unpick the option under the cursor"),
        on(DOWN, Action::Scroll(1), "", "move the cursor down"),
        on(UP, Action::Scroll(-1), "", "move the cursor up"),
        on(ENTER, Action::Activate, "answer", "answer with the options picked"),
        LOOK_FIRST,
        SHEET[0],
        SHEET[1],
        END,
    ],
};

/// Putting items in order.
pub static ORDER: Table = Table {
    title: "An order question",
    bindings: &[
        on(DOWN, Action::Scroll(1), "select", "select the next item"),
        on(UP, Action::Scroll(-1), "select", "select the previous item"),
        on(&[C('J'), Shift(KeyCode::Down)], Action::MoveItem(1), "move", "move the selected item down"),
        on(&[C('K'), Shift(KeyCode::Up)], Action::MoveItem(-1), "move", "move the selected item up"),
        on(ENTER, Action::Activate, "answer", "answer with this order"),
        DIGITS_ELSE,
        LOOK_FIRST,
        SHEET[0],
        SHEET[1],
        END,
    ],
};

/// True or false.
pub static TRUE_FALSE: Table = Table {
    title: "A true-or-false question",
    bindings: &[
        on(&[C('t')], Action::TrueFalse(true), "true", "answer true"),
        on(&[C('f')], Action::TrueFalse(false), "false", "answer false"),
        DIGITS_ELSE,
        on(DOWN, Action::Scroll(1), "", "scroll the question down"),
        on(UP, Action::Scroll(-1), "", "scroll the question up"),
        SHEET[0],
        SHEET[1],
        LOOK_FIRST,
        END,
    ],
};

/// A card, before its back is shown.
pub static CARD: Table = Table {
    title: "A card",
    bindings: &[
        on(&[C(' '), Code(KeyCode::Enter)], Action::Toggle, "show the answer", "recall the answer, then show it"),
        DIGITS_ELSE,
        on(DOWN, Action::Scroll(1), "", "scroll down"),
        on(UP, Action::Scroll(-1), "", "scroll up"),
        SHEET[0],
        SHEET[1],
        LOOK_FIRST,
        END,
    ],
};

/// A card with its back shown: how well it was known.
pub static GRADE: Table = Table {
    title: "Grading a card",
    bindings: &[
        on(&[C('1')], Action::Choose(1), "again", "you did not know it"),
        on(&[C('2')], Action::Choose(2), "hard", "you knew it, with difficulty"),
        on(&[C('3')], Action::Choose(3), "good", "you knew it"),
        on(&[C('4')], Action::Choose(4), "easy", "you knew it at once"),
        DIGITS_ELSE,
        on(DOWN, Action::Scroll(1), "", "scroll down"),
        on(UP, Action::Scroll(-1), "", "scroll up"),
        SHEET[0],
        SHEET[1],
        END,
    ],
};

/// After an answer.
pub static ANSWERED: Table = Table {
    title: "After an answer",
    bindings: &[
        on(&[Code(KeyCode::Enter), C(' ')], Action::Activate, "next", "the next question"),
        on(DOWN, Action::Scroll(1), "scroll", "scroll the explanation down"),
        on(UP, Action::Scroll(-1), "scroll", "scroll the explanation up"),
        on(&[Code(KeyCode::PageDown)], Action::Page(1), "", "a page down"),
        on(&[Code(KeyCode::PageUp)], Action::Page(-1), "", "a page up"),
        on(LOOK, Action::Passage, "passage", "go to the passage in the article"),
        END,
    ],
};

/// The summary at the end of a sitting.
pub static SUMMARY: Table = Table {
    title: "The summary",
    bindings: &[
        on(DOWN, Action::Scroll(1), "select", "next missed item"),
        on(UP, Action::Scroll(-1), "select", "previous missed item"),
        on(SHEET_DOWN, Action::Page(1), "", "scroll down"),
        on(SHEET_UP, Action::Page(-1), "", "scroll up"),
        on(ENTER, Action::Activate, "passage", "show the passage of the missed item"),
        on(ESC, Action::Back, "back", "back to the list of questions"),
    ],
};

/// A yes-or-no question from the app.
pub static CONFIRM: Table = Table {
    title: "A question from the app",
    bindings: &[
        on(&[C('y')], Action::Confirm(true), "yes", "yes"),
        on(&[C('n'), Code(KeyCode::Esc)], Action::Confirm(false), "no", "no, go on"),
        on(&[Ctrl('c')], Action::Quit, "", "quit"),
    ],
};

/// Any text being typed: a search, a filter, the go-to prompt or an answer.
pub static FIELD: Table = Table {
    title: "Typing",
    bindings: &[
        on(ENTER, Action::Activate, "done", "keep the search or filter, go to the paragraph, or answer"),
        on(ESC, Action::Back, "clear", "clear the text; when it is empty, close (a sitting asks first)"),
        on(
            &[Code(KeyCode::Tab)],
            Action::NextField(1),
            "",
            "next gap; past the last, or in a one-line answer, to the article; a search or filter: keep it",
        ),
        on(&[Code(KeyCode::BackTab)], Action::NextField(-1), "", "previous gap; before the first, to the glossary"),
        on(&[Code(KeyCode::Left)], Action::Edit(Edit::Left), "", "cursor left"),
        on(&[Code(KeyCode::Right)], Action::Edit(Edit::Right), "", "cursor right"),
        on(&[Key::Alt('b')], Action::Edit(Edit::WordLeft), "", "a word left"),
        on(&[Key::Alt('f')], Action::Edit(Edit::WordRight), "", "a word right"),
        on(&[Code(KeyCode::Home), Ctrl('a')], Action::Edit(Edit::Home), "", "to the start"),
        on(&[Code(KeyCode::End), Ctrl('e')], Action::Edit(Edit::End), "", "to the end"),
        on(&[Code(KeyCode::Backspace)], Action::Edit(Edit::Backspace), "", "delete the character before the cursor"),
        on(&[Code(KeyCode::Delete)], Action::Edit(Edit::Delete), "", "delete the character under the cursor"),
        on(&[Ctrl('w')], Action::Edit(Edit::DeleteWord), "delete word", "delete the word before the cursor"),
        on(&[Ctrl('u')], Action::Edit(Edit::DeleteToStart), "", "delete everything before the cursor"),
        on(&[Ctrl('k')], Action::Edit(Edit::DeleteToEnd), "", "delete everything from the cursor on"),
        on(&[Code(KeyCode::Down)], Action::Scroll(1), "", "scroll the pane down"),
        on(&[Code(KeyCode::Up)], Action::Scroll(-1), "", "scroll the pane up"),
        on(&[Code(KeyCode::PageDown)], Action::Page(1), "", "scroll the pane a page down"),
        on(&[Code(KeyCode::PageUp)], Action::Page(-1), "", "scroll the pane a page up"),
        on(&[Ctrl('c')], Action::Quit, "", "quit"),
    ],
};

/// The help and the other boxes shown over the panes.
pub static OVERLAY: Table = Table {
    title: "Help and other boxes",
    bindings: &[
        on(DOWN, Action::Scroll(1), "scroll", "down a line"),
        on(UP, Action::Scroll(-1), "scroll", "up a line"),
        on(PAGE_DOWN, Action::Page(1), "", "down a page"),
        on(PAGE_UP, Action::Page(-1), "", "up a page"),
        on(TOP, Action::Top, "", "the start"),
        on(BOTTOM, Action::Bottom, "", "the end"),
        on(&[Code(KeyCode::Esc), Code(KeyCode::Enter), C('q'), C('?'), C('i')], Action::Back, "close", "close"),
        on(&[Ctrl('c')], Action::Quit, "", "quit"),
    ],
};

/// The exports, in the box `E` opens; each writes a file in the folder the app was started in.
pub static EXPORT: Table = Table {
    title: "Exporting",
    bindings: &[
        on(&[C('h')], Action::Export(0), "handout", "handout: your notes, positions, terms and results (Markdown)"),
        on(&[C('H')], Action::Export(1), "", "handout as a page to print from a browser (HTML)"),
        on(&[C('w')], Action::Export(2), "worksheet", "worksheet: the quiz on paper, with its answer key (Markdown)"),
        on(&[C('W')], Action::Export(3), "", "worksheet as a page to print, with its key (HTML)"),
        on(&[C('s')], Action::Export(4), "", "worksheet for students: a page to print, no key (HTML)"),
        on(&[C('t')], Action::Export(5), "text", "the article as plain text, ¶ numbers and glossary footnotes"),
        on(&[C('a')], Action::Export(6), "anki", "Anki cards of the terms and questions (for File > Import)"),
        on(&[C('r')], Action::Export(7), "results", "your answers and sittings for a teacher (JSON)"),
        on(DOWN, Action::Scroll(1), "", "down a line (on a small screen)"),
        on(UP, Action::Scroll(-1), "", "up a line"),
        on(&[C(' '), Code(KeyCode::PageDown), Ctrl('f')], Action::Page(1), "", "down a page"),
        on(PAGE_UP, Action::Page(-1), "", "up a page"),
        on(&[Code(KeyCode::Esc), C('q'), C('E')], Action::Back, "cancel", "close without writing"),
        on(&[Ctrl('c')], Action::Quit, "", "quit"),
    ],
};

/// The library of packs, in its box.
pub static LIBRARY: Table = Table {
    title: "Library",
    bindings: &[
        on(DOWN, Action::Scroll(1), "select", "the next pack"),
        on(UP, Action::Scroll(-1), "", "the pack before"),
        on(&[C(' '), Code(KeyCode::PageDown), Ctrl('f')], Action::Page(1), "", "ten packs on"),
        on(PAGE_UP, Action::Page(-1), "", "ten packs back"),
        on(TOP, Action::Top, "", "the first pack"),
        on(BOTTOM, Action::Bottom, "", "the last pack"),
        on(&[C('/')], Action::StartInput, "filter", "filter by title, author or id (fuzzy)"),
        on(ENTER, Action::Activate, "open", "open the pack; each keeps its own place, notes and cards"),
        on(
            &[Code(KeyCode::Esc), C('q'), C('L')],
            Action::Library,
            "close",
            "close the library (Esc clears a filter first)",
        ),
        on(&[Ctrl('c')], Action::Quit, "", "quit"),
    ],
};

/// Every table, in the order the help lists those not in use.
pub const ALL: [&Table; 26] = [
    &GLOBAL,
    &ARTICLE,
    &SELECTING,
    &KIND,
    &MARK,
    &JUMP,
    &NOTES,
    &EDITOR,
    &GLOSSARY,
    &QUIZ,
    &SCOPE,
    &RESUME,
    &CHOICE,
    &MULTI,
    &ORDER,
    &TRUE_FALSE,
    &CARD,
    &GRADE,
    &ANSWERED,
    &SUMMARY,
    &DISCUSSION,
    &FIELD,
    &CONFIRM,
    &EXPORT,
    &LIBRARY,
    &OVERLAY,
];
