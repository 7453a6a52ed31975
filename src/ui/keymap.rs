//! Keys and mouse events to actions: arrows and vim keys both work. What a key means
//! depends only on whether text is being typed and whether the help is open.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Action;
use super::app::Pane;
use super::lineedit::Edit;
use crate::study::deck::Mode;

/// What the keymap needs to know of the state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// A search, a filter or a typed answer takes the keys.
    pub typing: bool,
    /// The help overlay is open.
    pub help: bool,
    /// A quiz question is on screen in the focused quiz pane: digits choose, `t` and `f`
    /// answer, Space picks.
    pub answering: bool,
}

/// The action a terminal event asks for, if any.
pub fn action_for(event: &Event, ctx: Context) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if ctx.help {
                help_key(key)
            } else if ctx.typing {
                typing_key(key)
            } else if let Some(action) = ctx.answering.then(|| answer_key(key)).flatten() {
                Some(action)
            } else {
                key_action(key)
            }
        }
        Event::Mouse(mouse) if !ctx.help => mouse_action(mouse),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

fn mouse_action(mouse: &MouseEvent) -> Option<Action> {
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel(mouse.column, mouse.row, 3)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(mouse.column, mouse.row, -3)),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
        _ => None,
    }
}

fn help_key(key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => Some(Action::Quit),
        KeyCode::Char('?' | 'q') | KeyCode::Esc | KeyCode::Enter => Some(Action::Help),
        KeyCode::Char('j') | KeyCode::Down => Some(Action::Scroll(1)),
        KeyCode::Char('k') | KeyCode::Up => Some(Action::Scroll(-1)),
        KeyCode::Char(' ') | KeyCode::PageDown => Some(Action::Page(1)),
        KeyCode::Char('b') | KeyCode::PageUp => Some(Action::Page(-1)),
        _ => None,
    }
}

fn typing_key(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('w') if ctrl => Action::Edit(Edit::DeleteWord),
        KeyCode::Char('u') if ctrl => Action::Edit(Edit::Clear),
        KeyCode::Char('a') if ctrl => Action::Edit(Edit::Home),
        KeyCode::Char('e') if ctrl => Action::Edit(Edit::End),
        _ if ctrl => return None,
        KeyCode::Char(c) => Action::Input(c),
        KeyCode::Backspace => Action::InputBackspace,
        KeyCode::Delete => Action::Edit(Edit::Delete),
        KeyCode::Left => Action::Edit(Edit::Left),
        KeyCode::Right => Action::Edit(Edit::Right),
        KeyCode::Home => Action::Edit(Edit::Home),
        KeyCode::End => Action::Edit(Edit::End),
        KeyCode::Tab => Action::NextField(1),
        KeyCode::BackTab => Action::NextField(-1),
        KeyCode::Enter => Action::Activate,
        KeyCode::Esc => Action::Back,
        KeyCode::Down => Action::Scroll(1),
        KeyCode::Up => Action::Scroll(-1),
        _ => return None,
    })
}

/// Keys with a meaning of their own while a quiz question waits for its answer; the
/// rest fall through to the usual keys.
fn answer_key(key: &KeyEvent) -> Option<Action> {
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    Some(match key.code {
        KeyCode::Char(c @ '1'..='9') => Action::Choose(c as usize - '0' as usize),
        KeyCode::Char('t') => Action::TrueFalse(true),
        KeyCode::Char('f') => Action::TrueFalse(false),
        KeyCode::Char(' ') => Action::Toggle,
        KeyCode::Char('J') => Action::MoveItem(1),
        KeyCode::Char('K') => Action::MoveItem(-1),
        KeyCode::Down if shift => Action::MoveItem(1),
        KeyCode::Up if shift => Action::MoveItem(-1),
        KeyCode::Char('o') => Action::Passage,
        _ => return None,
    })
}

fn key_action(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('d') if ctrl => Action::HalfPage(1),
        KeyCode::Char('u') if ctrl => Action::HalfPage(-1),
        KeyCode::Char('f') if ctrl => Action::Page(1),
        KeyCode::Char('b') if ctrl => Action::Page(-1),
        _ if ctrl => return None,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('j') | KeyCode::Down => Action::Scroll(1),
        KeyCode::Char('k') | KeyCode::Up => Action::Scroll(-1),
        KeyCode::Char(' ') | KeyCode::PageDown => Action::Page(1),
        KeyCode::Char('b') | KeyCode::PageUp => Action::Page(-1),
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        KeyCode::Char('}') => Action::Paragraph(1),
        KeyCode::Char('{') => Action::Paragraph(-1),
        KeyCode::Char(']') => Action::Heading(1),
        KeyCode::Char('[') => Action::Heading(-1),
        KeyCode::Char('t') => Action::TermCursor(1),
        KeyCode::Char('T') => Action::TermCursor(-1),
        KeyCode::Char('l') | KeyCode::Right => Action::Link(1),
        KeyCode::Char('h') | KeyCode::Left => Action::Link(-1),
        KeyCode::Char('n') => Action::Next(1),
        KeyCode::Char('N') => Action::Next(-1),
        KeyCode::Char('/') => Action::StartInput,
        KeyCode::Enter => Action::Activate,
        KeyCode::Esc => Action::Back,
        KeyCode::Tab => Action::FocusNext,
        KeyCode::BackTab => Action::FocusPrev,
        KeyCode::Char('1') => Action::Focus(Pane::Article),
        KeyCode::Char('2') => Action::Focus(Pane::Glossary),
        KeyCode::Char('3') => Action::Focus(Pane::Quiz),
        KeyCode::Char('4') => Action::Focus(Pane::Discussion),
        KeyCode::Char('z') => Action::Zoom,
        KeyCode::Char('s') => Action::Start(Mode::Quiz),
        KeyCode::Char('r') => Action::Start(Mode::Review),
        KeyCode::Char('m') => Action::Start(Mode::Missed),
        KeyCode::Char('o') => Action::Passage,
        KeyCode::Char('?') => Action::Help,
        _ => return None,
    })
}

/// Every key, grouped by where it works, for the help overlay and the README.
pub const HELP: &[(&str, &[(&str, &str)])] = &[
    (
        "Everywhere",
        &[
            ("Tab / Shift-Tab", "next / previous pane"),
            ("1 2 3 4", "article, glossary, quiz, discussion"),
            ("z", "zoom the pane to the full screen and back"),
            ("?", "this help"),
            ("q, Ctrl-c", "quit (your place is saved)"),
        ],
    ),
    (
        "Article",
        &[
            ("j k, ↓ ↑, wheel", "a line"),
            ("Space b, PgDn PgUp", "a page"),
            ("Ctrl-d Ctrl-u", "half a page"),
            ("g G, Home End", "start, end"),
            ("{ }", "previous, next paragraph"),
            ("[ ]", "previous, next heading"),
            ("/", "search as you type; Enter keeps it, Esc goes back"),
            ("n N", "next, previous match"),
            ("t T", "next, previous glossary term on screen"),
            ("Enter", "show the term under the cursor"),
            ("Esc", "clear the search, term cursor and highlight"),
        ],
    ),
    (
        "Glossary",
        &[
            ("j k", "select a term"),
            ("/", "filter (fuzzy); Enter or Esc ends it"),
            ("Enter", "jump to the term in the article, or follow the chosen link"),
            ("n N", "the term's next, previous place in the article"),
            ("h l, ← →", "choose a see-also link or an appearance"),
        ],
    ),
    (
        "Quiz",
        &[
            ("s r m", "start a quiz of every question, a review of what is due, or what you missed"),
            ("1-9, j k + Enter", "choose; Space picks several, then Enter"),
            ("t f", "true or false"),
            ("type, Enter", "a typed answer; Tab moves between gaps; Ctrl-w, Ctrl-u edit"),
            ("J K, Shift-↓ ↑", "move the selected item of an order question"),
            ("Space, then 1-4", "reveal a card, then grade it: Again, Hard, Good, Easy"),
            ("Enter", "after an answer: the next question"),
            ("o", "go to the passage in the article"),
            ("Esc", "end the sitting and see the summary"),
        ],
    ),
    ("Discussion", &[("j k", "select"), ("Enter", "show the passage in the article")]),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn vim_keys_and_arrows_agree() {
        let none = KeyModifiers::NONE;
        let ctx = Context::default();
        assert_eq!(action_for(&key(KeyCode::Char('j'), none), ctx), action_for(&key(KeyCode::Down, none), ctx));
        assert_eq!(action_for(&key(KeyCode::Char('G'), KeyModifiers::SHIFT), ctx), Some(Action::Bottom));
        assert_eq!(action_for(&key(KeyCode::Char('c'), KeyModifiers::CONTROL), ctx), Some(Action::Quit));
        assert_eq!(action_for(&key(KeyCode::Char('x'), KeyModifiers::CONTROL), ctx), None);
    }

    #[test]
    fn typing_takes_every_character() {
        let ctx = Context { typing: true, ..Context::default() };
        assert_eq!(action_for(&key(KeyCode::Char('q'), KeyModifiers::NONE), ctx), Some(Action::Input('q')));
        assert_eq!(action_for(&key(KeyCode::Esc, KeyModifiers::NONE), ctx), Some(Action::Back));
        let help = Context { help: true, ..Context::default() };
        assert_eq!(action_for(&key(KeyCode::Char('x'), KeyModifiers::NONE), help), None);
        assert_eq!(action_for(&key(KeyCode::Esc, KeyModifiers::NONE), help), Some(Action::Help));
    }
}
