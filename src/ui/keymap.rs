//! Every key of the app, as data: one table per pane and stage, each binding with its keys,
//! its action, a short label for the key bar and a line for the help. The keymap, the `?`
//! help, the key bar and the hints inside the quiz are all read from these tables, so a
//! key cannot work in one place and be missing from another.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use super::action::Action;
use super::field::Edit;
use super::layout::Pane;
use crate::study::deck::Mode;

/// A key as a binding names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character typed as itself (an uppercase letter carries Shift).
    Char(char),
    Ctrl(char),
    Alt(char),
    /// A named key with no modifier (Shift-Tab is `BackTab`).
    Code(KeyCode),
    /// A named key with Shift.
    Shift(KeyCode),
    /// Any of 1 to 9.
    Digits,
    /// The mouse wheel.
    Wheel,
    /// A left click.
    Click,
}

impl Key {
    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match self {
            Key::Char(c) => key.code == KeyCode::Char(c) && !ctrl && !alt,
            Key::Ctrl(c) => key.code == KeyCode::Char(c) && ctrl && !alt,
            Key::Alt(c) => key.code == KeyCode::Char(c) && alt && !ctrl,
            Key::Code(code) => key.code == code && !ctrl && !alt && (!shift || code == KeyCode::BackTab),
            Key::Shift(code) => key.code == code && shift && !ctrl && !alt,
            Key::Digits => matches!(key.code, KeyCode::Char('1'..='9')) && !ctrl && !alt,
            Key::Wheel | Key::Click => false,
        }
    }

    /// The key's name as the help and the key bar write it.
    pub fn name(self) -> String {
        let code = |code: KeyCode| -> String {
            match code {
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Backspace => "Backspace".into(),
                KeyCode::Delete => "Del".into(),
                other => format!("{other:?}"),
            }
        };
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Alt(c) => format!("Alt-{c}"),
            Key::Code(c) => code(c),
            Key::Shift(c) => format!("Shift-{}", code(c)),
            Key::Digits => "1-9".into(),
            Key::Wheel => "wheel".into(),
            Key::Click => "click".into(),
        }
    }
}

/// What a binding does.
#[derive(Debug, Clone, Copy)]
pub enum Act {
    Do(Action),
    /// The digit pressed, as a number.
    Digit(fn(usize) -> Action),
    /// A mouse event, placed where it happened.
    Mouse,
}

/// One binding: its keys, its action, its label on the key bar (empty: not on the bar)
/// and its line in the help.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub act: Act,
    pub bar: &'static str,
    pub help: &'static str,
}

/// The bindings of one pane or stage, under the heading the help gives them.
#[derive(Debug)]
pub struct Table {
    pub title: &'static str,
    pub bindings: &'static [Binding],
}

const fn on(keys: &'static [Key], action: Action, bar: &'static str, help: &'static str) -> Binding {
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
        on(&[C('z')], Action::Zoom, "", "zoom the pane to the full screen and back"),
        on(&[C('i')], Action::About, "", "about this text: its author, summary and tags"),
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
        on(ESC, Action::Back, "", "clear the search, the term cursor and the highlight"),
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

/// Every table, in the order the help lists those not in use.
pub const ALL: [&Table; 18] = [
    &GLOBAL,
    &ARTICLE,
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
    &OVERLAY,
];

/// What the keys reach now: the tables to look in, first to last, and whether characters
/// are typed into a field.
#[derive(Debug, Clone, Copy)]
pub struct Keys {
    pub tables: [Option<&'static Table>; 3],
    pub typing: bool,
}

impl Keys {
    /// The pane's table, then (unless a field, an overlay or a question takes every key)
    /// the keys of every pane.
    pub fn pane(table: &'static Table) -> Self {
        Self { tables: [Some(table), Some(&GLOBAL), None], typing: false }
    }

    /// `first`, then `then`, then the keys of every pane.
    pub fn panes(first: &'static Table, then: &'static Table) -> Self {
        Self { tables: [Some(first), Some(then), Some(&GLOBAL)], typing: false }
    }

    /// Only `table`.
    pub fn only(table: &'static Table) -> Self {
        Self { tables: [Some(table), None, None], typing: false }
    }

    /// A field takes the keys.
    pub fn field() -> Self {
        Self { tables: [Some(&FIELD), None, None], typing: true }
    }

    fn tables(&self) -> impl Iterator<Item = &'static Table> + '_ {
        self.tables.iter().flatten().copied()
    }
}

/// The action a terminal event asks for, if any.
pub fn action_for(event: &Event, keys: Keys) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            for table in keys.tables() {
                for binding in table.bindings {
                    if binding.keys.iter().any(|k| k.matches(key)) {
                        return match binding.act {
                            Act::Do(action) => Some(action),
                            Act::Digit(make) => match key.code {
                                KeyCode::Char(c) => c.to_digit(10).map(|d| make(d as usize)),
                                _ => None,
                            },
                            Act::Mouse => None,
                        };
                    }
                }
            }
            let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match key.code {
                KeyCode::Char(c) if keys.typing && plain && !c.is_control() => Some(Action::Input(c)),
                _ => None,
            }
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel(mouse.column, mouse.row, 3)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(mouse.column, mouse.row, -3)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// The key bar's entries for what the keys reach now: `(keys, label)`, in table order,
/// with neighbouring bindings of one label joined (`j/k scroll`).
pub fn bar(keys: Keys) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for table in keys.tables() {
        for binding in table.bindings.iter().filter(|b| !b.bar.is_empty()) {
            let name = binding.keys[0].name();
            match out.last_mut() {
                Some((names, label)) if *label == binding.bar && !names.contains(&name) => {
                    names.push('/');
                    names.push_str(&name);
                }
                _ => out.push((name, binding.bar)),
            }
        }
    }
    out
}

/// The tables the help lists, those in use first.
pub fn help_tables(keys: Keys) -> Vec<&'static Table> {
    let mut out: Vec<&'static Table> = keys.tables().collect();
    for table in ALL {
        if !out.iter().any(|t| std::ptr::eq(*t, table)) {
            out.push(table);
        }
    }
    out
}

/// The first key `table` binds to `action`, by name, for sentences that name a key
/// ("Esc closes"): so they say what the table says. Empty when the table has no such key.
pub fn key_for(table: &Table, action: Action) -> String {
    table
        .bindings
        .iter()
        .find(|b| matches!(b.act, Act::Do(a) if a == action))
        .map(|b| b.keys[0].name())
        .unwrap_or_default()
}

/// A binding's keys as the help writes them: `j, ↓`.
pub fn key_names(binding: &Binding) -> String {
    binding.keys.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn vim_keys_and_arrows_agree() {
        let keys = Keys::pane(&ARTICLE);
        assert_eq!(action_for(&key(KeyCode::Char('j'), NONE), keys), action_for(&key(KeyCode::Down, NONE), keys));
        assert_eq!(action_for(&key(KeyCode::Char('G'), KeyModifiers::SHIFT), keys), Some(Action::Bottom));
        assert_eq!(action_for(&key(KeyCode::Char('c'), KeyModifiers::CONTROL), keys), Some(Action::Quit));
        assert_eq!(action_for(&key(KeyCode::Char('x'), KeyModifiers::CONTROL), keys), None);
        assert_eq!(action_for(&key(KeyCode::BackTab, KeyModifiers::SHIFT), keys), Some(Action::FocusPrev));
    }

    #[test]
    fn a_pane_table_comes_before_the_global_one() {
        assert_eq!(action_for(&key(KeyCode::Char('2'), NONE), Keys::pane(&CHOICE)), Some(Action::Choose(2)));
        assert_eq!(
            action_for(&key(KeyCode::Char('2'), NONE), Keys::pane(&ARTICLE)),
            Some(Action::Focus(Pane::Glossary))
        );
    }

    #[test]
    fn a_field_takes_every_character_and_the_editing_keys() {
        let keys = Keys::field();
        assert_eq!(action_for(&key(KeyCode::Char('q'), NONE), keys), Some(Action::Input('q')));
        assert_eq!(action_for(&key(KeyCode::Char('2'), NONE), keys), Some(Action::Input('2')));
        assert_eq!(action_for(&key(KeyCode::Esc, NONE), keys), Some(Action::Back));
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(action_for(&key(KeyCode::Char('w'), ctrl), keys), Some(Action::Edit(Edit::DeleteWord)));
        assert_eq!(action_for(&key(KeyCode::Char('u'), ctrl), keys), Some(Action::Edit(Edit::DeleteToStart)));
        assert_eq!(action_for(&key(KeyCode::Char('b'), KeyModifiers::ALT), keys), Some(Action::Edit(Edit::WordLeft)));
        assert_eq!(action_for(&key(KeyCode::Char('x'), KeyModifiers::ALT), keys), None);
    }

    #[test]
    fn every_binding_has_help_and_no_key_is_bound_twice_in_a_table() {
        for table in ALL {
            let mut seen: Vec<Key> = Vec::new();
            for binding in table.bindings {
                assert!(!binding.help.trim().is_empty(), "a binding of {} has no help", table.title);
                assert!(!binding.keys.is_empty(), "{}: {} has no key", table.title, binding.help);
                for k in binding.keys {
                    assert!(!seen.contains(k), "{}: {} is bound twice", table.title, k.name());
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_help_line_is_a_binding_and_every_table_is_in_the_help() {
        let tables = help_tables(Keys::pane(&ARTICLE));
        assert!(std::ptr::eq(tables[0], &ARTICLE) && std::ptr::eq(tables[1], &GLOBAL));
        for table in ALL {
            assert!(tables.iter().any(|t| std::ptr::eq(*t, table)), "{} is missing from the help", table.title);
        }
    }

    #[test]
    fn sentences_name_the_key_the_table_binds() {
        assert_eq!(key_for(&OVERLAY, Action::Back), "Esc");
        assert_eq!(key_for(&CONFIRM, Action::Confirm(true)), "y");
        assert_eq!(key_for(&GLOSSARY, Action::BackLink), "Backspace");
        assert_eq!(key_for(&ARTICLE, Action::Quit), "", "a key of another table is not found");
    }

    #[test]
    fn every_sheet_of_the_quiz_pages_and_scrolls() {
        for table in [&CHOICE, &MULTI, &ORDER, &TRUE_FALSE, &CARD, &GRADE, &ANSWERED, &SUMMARY, &SCOPE, &FIELD] {
            let keys = Keys::only(table);
            let page = action_for(&key(KeyCode::PageDown, NONE), keys);
            assert_eq!(page, Some(Action::Page(1)), "{}", table.title);
            let down = action_for(&key(KeyCode::Down, NONE), keys);
            assert_eq!(down, Some(Action::Scroll(1)), "{}", table.title);
        }
    }

    #[test]
    fn the_key_bar_joins_pairs_and_reads_the_table() {
        let bar = bar(Keys::pane(&ARTICLE));
        assert_eq!(bar[0], ("j/k".to_string(), "scroll"));
        assert!(bar.contains(&("?".to_string(), "help")));
        let order = super::bar(Keys::pane(&ORDER));
        assert!(order.contains(&("J/K".to_string(), "move")), "{order:?}");
        assert!(!order.iter().any(|(_, label)| *label == "choose"), "order questions do not choose by digit");
    }
}
