//! Every key of the app, as data: one table per pane and stage, each binding with its keys,
//! its action, a short label for the key bar and a line for the help. The keymap, the `?`
//! help, the key bar and the hints inside the quiz are all read from these tables, so a
//! key cannot work in one place and be missing from another. The tables are in `tables`;
//! this module says how a key is matched, named and shown.

mod tables;

pub use tables::*;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use super::action::Action;

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
    /// Any of a to z.
    Letters,
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
            Key::Letters => matches!(key.code, KeyCode::Char('a'..='z')) && !ctrl && !alt,
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
            Key::Letters => "a-z".into(),
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
    /// The letter pressed.
    Letter(fn(char) -> Action),
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

/// What the keys reach now: the tables to look in, first to last, and whether characters
/// are typed into a field.
#[derive(Debug, Clone, Copy)]
pub struct Keys {
    pub tables: [Option<&'static Table>; 3],
    pub typing: bool,
    /// The note editor takes every key its table does not.
    pub editor: bool,
}

impl Keys {
    /// The pane's table, then (unless a field, an overlay or a question takes every key)
    /// the keys of every pane.
    pub fn pane(table: &'static Table) -> Self {
        Self { tables: [Some(table), Some(&GLOBAL), None], typing: false, editor: false }
    }

    /// `first`, then `then`, then the keys of every pane.
    pub fn panes(first: &'static Table, then: &'static Table) -> Self {
        Self { tables: [Some(first), Some(then), Some(&GLOBAL)], typing: false, editor: false }
    }

    /// Only `table`.
    pub fn only(table: &'static Table) -> Self {
        Self { tables: [Some(table), None, None], typing: false, editor: false }
    }

    /// A field takes the keys.
    pub fn field() -> Self {
        Self { tables: [Some(&FIELD), None, None], typing: true, editor: false }
    }

    /// The note editor takes the keys.
    pub fn editor() -> Self {
        Self { tables: [Some(&EDITOR), None, None], typing: false, editor: true }
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
                            Act::Letter(make) => match key.code {
                                KeyCode::Char(c) => Some(make(c)),
                                _ => None,
                            },
                            Act::Mouse => None,
                        };
                    }
                }
            }
            if keys.editor {
                return Some(Action::Key(*key));
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
            MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag(mouse.column, mouse.row)),
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
    use crate::ui::field::Edit;
    use crate::ui::layout::Pane;

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
