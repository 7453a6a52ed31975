//! A one-line text input with the usual editing keys.

/// Text being typed and the cursor's byte offset in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    pub cursor: usize,
}

/// An editing step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-w: the word before the cursor.
    DeleteWord,
    /// Ctrl-u: everything before the cursor.
    Clear,
}

impl LineEdit {
    /// Applies one editing step.
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Insert(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            Edit::Backspace => {
                if let Some(prev) = self.prev() {
                    self.text.replace_range(prev..self.cursor, "");
                    self.cursor = prev;
                }
            }
            Edit::Delete => {
                if let Some(next) = self.next() {
                    self.text.replace_range(self.cursor..next, "");
                }
            }
            Edit::Left => self.cursor = self.prev().unwrap_or(self.cursor),
            Edit::Right => self.cursor = self.next().unwrap_or(self.cursor),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::DeleteWord => {
                let before = &self.text[..self.cursor];
                let trimmed = before.trim_end_matches(' ');
                let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Edit::Clear => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
        }
    }

    fn prev(&self) -> Option<usize> {
        self.text[..self.cursor].char_indices().next_back().map(|(i, _)| i)
    }

    fn next(&self) -> Option<usize> {
        self.text[self.cursor..].chars().next().map(|c| self.cursor + c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineEdit {
        let mut line = LineEdit::default();
        s.chars().for_each(|c| line.apply(Edit::Insert(c)));
        line
    }

    #[test]
    fn edits_like_a_shell_line() {
        let mut line = typed("state capitalsm");
        line.apply(Edit::Left);
        line.apply(Edit::Left);
        line.apply(Edit::Insert('i'));
        assert_eq!(line.text, "state capitalism");
        line.apply(Edit::End);
        line.apply(Edit::DeleteWord);
        assert_eq!(line.text, "state ");
        line.apply(Edit::Home);
        line.apply(Edit::Delete);
        assert_eq!(line.text, "tate ");
        line.apply(Edit::End);
        line.apply(Edit::Clear);
        assert_eq!(line.text, "");
    }

    #[test]
    fn keeps_to_character_boundaries() {
        let mut line = typed("Wênfeng");
        line.apply(Edit::Home);
        line.apply(Edit::Right);
        line.apply(Edit::Right);
        line.apply(Edit::Backspace);
        assert_eq!(line.text, "Wnfeng");
        assert_eq!(line.cursor, 1);
    }
}
