//! The one text field of the app: the article search, the glossary filter, the go-to
//! prompt and typed answers all edit text through it, with the editing keys of a shell
//! line. The buffer and its cursor are `tui-input`'s.

use tui_input::{Input, InputRequest};

/// An editing step, as the keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Backspace: the character before the cursor.
    Backspace,
    /// Delete: the character under the cursor.
    Delete,
    Left,
    Right,
    /// Alt-b: to the start of the word.
    WordLeft,
    /// Alt-f: past the end of the word.
    WordRight,
    Home,
    End,
    /// Ctrl-w: the word before the cursor.
    DeleteWord,
    /// Ctrl-u: everything before the cursor.
    DeleteToStart,
    /// Ctrl-k: everything from the cursor on.
    DeleteToEnd,
}

/// A one-line text field.
#[derive(Debug, Clone, Default)]
pub struct Field {
    input: Input,
}

impl PartialEq for Field {
    fn eq(&self, other: &Self) -> bool {
        self.input.value() == other.input.value() && self.input.cursor() == other.input.cursor()
    }
}

impl Eq for Field {}

impl Field {
    /// The text typed.
    pub fn text(&self) -> &str {
        self.input.value()
    }

    /// True when nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.input.value().is_empty()
    }

    /// Empties the field.
    pub fn clear(&mut self) {
        self.input.reset();
    }

    /// Applies one editing step; returns whether the text changed. Control characters are
    /// never inserted: what is typed may be shown on the terminal.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let request = match edit {
            Edit::Insert(c) if c.is_control() => return false,
            Edit::Insert(c) => InputRequest::InsertChar(c),
            Edit::Backspace => InputRequest::DeletePrevChar,
            Edit::Delete => InputRequest::DeleteNextChar,
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
            Edit::Home => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::DeleteWord => InputRequest::DeletePrevWord,
            Edit::DeleteToStart => InputRequest::DeleteFromStart,
            Edit::DeleteToEnd => InputRequest::DeleteTillEnd,
        };
        self.input.handle(request).is_some_and(|changed| changed.value)
    }

    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        let text = self.input.value();
        let at = text.char_indices().nth(self.input.cursor()).map_or(text.len(), |(i, _)| i);
        text.split_at(at)
    }

    /// The text with the cursor bar, as a string.
    pub fn with_cursor(&self) -> String {
        let (before, after) = self.split();
        format!("{before}▏{after}")
    }

    /// The text with the cursor bar in at most `width` columns: all of it when it fits,
    /// else the part around the cursor, cut with `…` where text is hidden.
    pub fn view(&self, width: usize) -> String {
        let whole = self.with_cursor();
        if crate::text::wrap::width(&whole) <= width {
            return whole;
        }
        let (before, after) = self.split();
        let after_room = crate::text::wrap::width(after).min(width / 3);
        let before = crate::ui::sheet::tail(before, width.saturating_sub(1 + after_room));
        let left = width.saturating_sub(1 + crate::text::wrap::width(&before));
        format!("{before}▏{}", crate::ui::sheet::truncate(after, left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> Field {
        let mut field = Field::default();
        s.chars().for_each(|c| {
            field.apply(Edit::Insert(c));
        });
        field
    }

    #[test]
    fn edits_like_a_shell_line() {
        let mut field = typed("state capitalsm");
        field.apply(Edit::Left);
        field.apply(Edit::Left);
        field.apply(Edit::Insert('i'));
        assert_eq!(field.text(), "state capitalism");
        field.apply(Edit::End);
        field.apply(Edit::DeleteWord);
        assert_eq!(field.text(), "state ");
        field.apply(Edit::Home);
        field.apply(Edit::Delete);
        assert_eq!(field.text(), "tate ");
        field.apply(Edit::End);
        field.apply(Edit::DeleteToStart);
        assert_eq!(field.text(), "");
    }

    #[test]
    fn a_long_field_shows_the_part_around_the_cursor() {
        let mut field = typed("averylongsearchquerythatexceedsthewidth");
        assert_eq!(field.view(12), "…dsthewidth▏");
        for _ in 0.."thatexceedsthewidth".len() {
            field.apply(Edit::Left);
        }
        let view = field.view(12);
        assert!(view.contains("query▏th"), "{view}");
        assert!(view.starts_with('…') && view.ends_with('…'), "{view}");
        assert_eq!(crate::text::wrap::width(&view), 12);
        field.apply(Edit::Home);
        assert!(field.view(12).starts_with("▏avery"));
    }

    #[test]
    fn moves_by_words_and_keeps_to_characters() {
        let mut field = typed("Liáng Wênfeng");
        field.apply(Edit::WordLeft);
        assert_eq!(field.split(), ("Liáng ", "Wênfeng"));
        field.apply(Edit::Right);
        field.apply(Edit::Right);
        field.apply(Edit::Backspace);
        assert_eq!(field.text(), "Liáng Wnfeng");
        field.apply(Edit::Home);
        field.apply(Edit::WordRight);
        field.apply(Edit::DeleteToEnd);
        assert!(field.text().starts_with("Liáng"), "{}", field.text());
        assert!(!field.text().contains("Wnfeng"));
        assert!(!field.apply(Edit::Insert('\u{1b}')), "no control character is typed");
        assert_eq!(field.with_cursor().matches('▏').count(), 1);
    }
}
